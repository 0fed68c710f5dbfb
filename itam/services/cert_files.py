"""Certificate PDFs on disk: written whole, named only once their certificate is committed, never left half.

An issue writes the PDF to a hidden temporary file beside its final name, inside the transaction that
records the certificate; after the commit the file takes its name, after a rollback it is deleted. A
process killed in between leaves the temporary file behind, so the next issue into that folder looks
at what is left (:func:`recover`): a file whose certificate was committed takes its name (the issue is
completed), any other is deleted. The temporary file's name carries the final name and the number, and
the issuing process holds an exclusive lock on it while it lives, so a file still being written by
another process is never touched (the lock goes with the process that dies). Windows has no such
locks here: leftovers stay there (hidden, named ``.tmp``, never taken for a certificate).
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import secrets
import socket
import time
from collections.abc import Callable
from pathlib import Path

from itam.errors import ValidationError
from itam.messages import tr

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

_PENDING = re.compile(r"^\.(?P<name>.+)\.(?P<number>[A-Za-z]{1,16}-\d{1,12})\.issuing-[0-9a-f]{16}\.tmp$")
_NEW_PREFIX = ".itam-new-"
#: ``.itam-new-<host>-<pid>-<random>.tmp``: who made it, so that one whose process died is removed at once.
_NEW = re.compile(r"^\.itam-new-(?P<host>[A-Za-z0-9_.]{1,64})-(?P<pid>\d{1,10})-[0-9a-f]{16}\.tmp$")
#: A file still named ``.itam-new-…`` has no data yet; an owner gives it its pending name at once. One made
#: on another computer (a shared folder), whose process cannot be asked, is removed after this long.
_NEW_STALE_S = 60.0


def _host() -> str:
    return re.sub(r"[^A-Za-z0-9_.]", "_", socket.gethostname())[:64] or "host"


def _abandoned(name: str, mtime: float) -> bool:
    """Whether an empty ``.itam-new-`` file's process is gone (this computer) or it is old (anywhere)."""
    match = _NEW.match(name)
    if match is not None and match["host"] == _host():
        try:
            os.kill(int(match["pid"]), 0)
        except ProcessLookupError:
            return True
        except (PermissionError, OverflowError, ValueError):
            pass
    return time.time() - mtime > _NEW_STALE_S


def _lock(fd: int, *, wait: bool) -> bool:
    if fcntl is None:
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        return True
    except BlockingIOError:
        return False


def _sync_dir(directory: Path) -> None:
    """Make a rename in ``directory`` durable (POSIX; a no-op where folders cannot be opened)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _cannot_write(target: Path, exc: OSError) -> ValidationError:
    return ValidationError(tr("cannot write {path}: {error}", path=str(target), error=exc.strerror or str(exc)))


class PendingPdf:
    """A certificate's PDF written beside ``target`` under a locked temporary name until :meth:`publish`."""

    def __init__(self, target: Path, number: str, data: bytes):
        self.target = Path(target)
        directory = self.target.parent if str(self.target.parent) else Path(".")
        if not directory.is_dir():
            raise ValidationError(tr("the folder {folder} does not exist", folder=str(directory)))
        self.directory = directory
        self.path: Path | None = None
        self._fd: int | None = None
        fresh = directory / f"{_NEW_PREFIX}{_host()}-{os.getpid()}-{secrets.token_hex(8)}.tmp"
        try:
            self._fd = os.open(fresh, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            _lock(self._fd, wait=True)
            pending = directory / f".{self.target.name}.{number}.issuing-{secrets.token_hex(8)}.tmp"
            os.rename(fresh, pending)  # the lock goes with the file
            self.path = pending
            view = memoryview(data)
            while view:
                view = view[os.write(self._fd, view):]
            os.fsync(self._fd)
        except OSError as exc:
            self.discard()
            fresh.unlink(missing_ok=True)
            raise _cannot_write(self.target, exc) from exc

    def publish(self) -> Path:
        """The certificate is committed: give the file its name (atomically, replacing what was there)."""
        assert self.path is not None
        try:
            os.replace(self.path, self.target)
        except OSError as exc:
            raise _cannot_write(self.target, exc) from exc
        self.path = None
        _sync_dir(self.directory)
        self._release()
        return self.target

    def discard(self) -> None:
        """Nothing was issued: the file goes."""
        if self.path is not None:
            self.path.unlink(missing_ok=True)
            self.path = None
        self._release()

    def _release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # releases the lock
            self._fd = None


def recover(directory: Path, issued_sha256: Callable[[str], str | None]) -> list[Path]:
    """Finish or remove what issuing processes that died left in ``directory``; returns the files completed.

    ``issued_sha256(number)`` is the stored PDF's SHA-256 of a committed certificate, or None.
    """
    completed: list[Path] = []
    if fcntl is None:
        return completed
    try:
        names = [p for p in Path(directory).iterdir() if p.name.startswith(".") and p.name.endswith(".tmp")]
    except OSError:
        return completed
    for path in names:
        match = _PENDING.match(path.name)
        if match is None and not path.name.startswith(_NEW_PREFIX):
            continue
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError:
            continue  # gone already (its owner published or discarded it)
        try:
            if not _lock(fd, wait=False):
                continue  # its process is alive and still issuing
            if match is None:  # an empty ".itam-new-" file from a process that died at once
                if _abandoned(path.name, os.fstat(fd).st_mtime):
                    path.unlink(missing_ok=True)
                continue
            data = b""
            while chunk := os.read(fd, 1 << 20):
                data += chunk
            target = path.with_name(match["name"])
            committed = issued_sha256(match["number"])
            newer_target = target.exists() and target.stat().st_mtime > os.fstat(fd).st_mtime
            if committed is not None and committed == hashlib.sha256(data).hexdigest() and not newer_target:
                os.replace(path, target)
                _sync_dir(path.parent)
                completed.append(target)
                log.info("completed the interrupted issue of %s: %s", match["number"], target)
            else:
                path.unlink(missing_ok=True)
                log.info("removed %s, left by an issue that did not complete", path)
        except OSError as exc:
            log.warning("cannot tidy %s: %s", path, exc)
        finally:
            os.close(fd)
    return completed
