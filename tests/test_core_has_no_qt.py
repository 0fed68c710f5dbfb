"""The domain core and the reports never import Qt: they must run without the GUI (as the CLI does)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_core_and_reports_import_without_pyside6():
    code = (
        "import itam, itam.services, itam.db, itam.lifecycle, reports; import sys; "
        "loaded = sorted(m for m in sys.modules if m.startswith('PySide6') or m.startswith('shiboken')); "
        "assert not loaded, loaded"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
