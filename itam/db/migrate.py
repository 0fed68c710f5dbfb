"""Schema upgrades at start-up: refuse a newer database, back up a SQLite file, then migrate."""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.exc import DBAPIError

from itam.errors import DatabaseError, DatabaseTooNewError
from itam.messages import tr

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(db) -> str | None:  # noqa: ANN001 - Database, avoids an import cycle
    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def check_not_newer(db) -> str | None:  # noqa: ANN001
    """Return the current revision; raise when it is one this code does not know."""
    current = current_revision(db)
    if current is None:
        return None
    script = ScriptDirectory.from_config(alembic_config())
    known = {rev.revision for rev in script.walk_revisions()}
    if current not in known:
        raise DatabaseTooNewError(
            tr(
                "The database {url} was written by a newer version of itam (schema revision {current}); "
                "this version knows schema revisions up to {head}. "
                "Install the newer itam, or open another database with --db.",
                url=db.display_url,
                current=current,
                head=script.get_current_head(),
            )
        )
    return current


def backup_sqlite(db, current: str | None) -> Path | None:  # noqa: ANN001
    """Copy a SQLite file with the online backup API; returns the backup's path."""
    path = db.engine.url.database
    if db.engine.dialect.name != "sqlite" or not path or path == ":memory:" or not os.path.exists(path):
        return None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = Path(f"{path}.{current or 'empty'}.{stamp}.bak")
    src = sqlite3.connect(path)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return target


def upgrade_schema(db, *, backup: bool = True) -> Path | None:  # noqa: ANN001
    """Bring the schema to the head revision. Returns the backup file when one was made."""
    current = check_not_newer(db)
    head = head_revision()
    if current == head:
        return None
    made = None
    if backup and current is not None:
        made = backup_sqlite(db, current)
    elif current is None and set(inspect(db.engine).get_table_names()) - {"alembic_version"}:
        # (alembic_version alone, empty: a database downgraded to nothing, which upgrades like a new one)
        tables = set(inspect(db.engine).get_table_names())
        if "assets" not in tables:
            raise DatabaseError(
                tr("{url} already holds tables that are not itam's: {tables}", url=db.display_url, tables=sorted(tables)[:5])
            )
    cfg = alembic_config()
    # A writer from the start (SQLite: BEGIN IMMEDIATE): two programs upgrading one file at once queue, and
    # the second finds the schema already at head instead of failing on a lock it cannot upgrade.
    try:
        with db.engine.execution_options(itam_write=True).begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
            if conn.dialect.name == "postgresql" and "users" in inspect(conn).get_table_names():
                # Tables a migration added get their group roles' privileges from the permission table at once.
                from itam.db import grants

                grants.apply(conn)
    except DBAPIError as exc:
        if getattr(exc.orig, "sqlstate", None) == "42501":  # PostgreSQL: an application login may not change tables
            from itam.errors import DatabasePermissionError

            raise DatabasePermissionError(tr(
                "The database {url} needs its schema upgraded from revision {current} to {head}, which only the owner "
                "of its tables may do: ask the database administrator to run itam db upgrade with the owner's login",
                url=db.display_url, current=current or "none", head=head)) from exc
        raise
    return made
