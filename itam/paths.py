"""Where itam keeps and finds files."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "itam"

#: Shipped data: transitions, policies, factor tables, translations, icons.
RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def data_dir() -> Path:
    """The user's data directory (``ITAM_DATA_DIR`` overrides it, e.g. for tests)."""
    override = os.environ.get("ITAM_DATA_DIR")
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database_url() -> str:
    """The embedded SQLite file in the user's data directory."""
    return f"sqlite:///{data_dir() / 'itam.sqlite3'}"


def resource(*parts: str) -> Path:
    return RESOURCES.joinpath(*parts)
