"""Writing report files so that a reader sees the old file or the whole new one, never half of one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from itam.errors import ValidationError
from itam.messages import tr


def write_temp(output: str | os.PathLike, data: bytes) -> Path:
    """``data`` in a synced temporary file beside ``output`` (same folder, so a rename is atomic); the caller
    renames it into place or deletes it. Nothing is left behind when writing fails."""
    output = Path(output)
    directory = output.parent if str(output.parent) else Path(".")
    if not directory.is_dir():
        raise ValidationError(tr("the folder {folder} does not exist", folder=str(directory)))
    fd, name = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        Path(name).unlink(missing_ok=True)
        raise ValidationError(tr("cannot write {path}: {error}", path=str(output), error=exc.strerror or str(exc))) from exc
    return Path(name)


def write_atomic(path: str | os.PathLike, data: bytes) -> Path:
    """Write ``data`` to ``path`` through :func:`write_temp` and a rename."""
    path = Path(path)
    tmp = write_temp(path, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path
