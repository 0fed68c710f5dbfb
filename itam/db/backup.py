"""Backups and restores that can be trusted: taken online, checked before they are kept or used.

* **SQLite**: :meth:`sqlite3.Connection.backup` copies the live file page by page while other programs
  keep working (WAL); the copy is itself an itam database.
* **PostgreSQL**: ``pg_dump --format=custom``; restored with ``pg_restore --clean --if-exists
  --single-transaction``, so a failed restore changes nothing.

Every backup is written to a temporary file beside the target and renamed into place only after it was
checked. A restore checks the backup *before* touching the database (readable, schema this version knows,
history, custody and certificate hash chains intact), keeps a safety copy of the database it replaces, brings an older schema up to date, and checks the chains again on the restored database.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from itam.errors import DatabaseError, IntegrityBreachError, ItamError, ValidationError
from itam.messages import tr

SQLITE_MAGIC = b"SQLite format 3\x00"
PGDUMP_MAGIC = b"PGDMP"
#: Pages copied per step of SQLite's online backup (progress is reported between steps).
PAGES_PER_STEP = 1024

Progress = Callable[[int, int], None]


class BackupCancelled(ItamError):
    """The person cancelled a backup or restore; nothing was written or changed."""


@dataclass(frozen=True)
class BackupCheck:
    """What a backup (or a restored database) holds, and whether its hash chains verify."""

    kind: str  # "sqlite" or "postgresql"
    revision: str | None
    assets: int
    history_entries: int
    certificates: int
    chains: dict[str, int] = field(default_factory=dict)  # chain -> entries verified
    breaks: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.breaks


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int
    sha256: str
    check: BackupCheck


@dataclass(frozen=True)
class RestoreResult:
    source: Path
    check: BackupCheck
    safety_copy: Path | None  # the database as it was before the restore (a SQLite copy or a pg_dump archive)


def backup_kind(path: Path) -> str:
    """``sqlite`` or ``postgresql`` from the file's first bytes; a clear error for anything else."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise ValidationError(tr("cannot read {path}: {error}", path=str(path), error=exc.strerror or str(exc))) from exc
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PGDUMP_MAGIC):
        return "postgresql"
    raise ValidationError(tr("{path} is not an itam backup (neither a SQLite database nor a pg_dump archive)",
                             path=str(path)))


# --- checking ---------------------------------------------------------------------------------------------
def check_database(db) -> BackupCheck:  # noqa: ANN001 - Database
    """Counts and every hash chain of an open itam database."""
    from itam.db.migrate import check_not_newer
    from itam.history.chain import verify_chain
    from itam.history.ledger import LEDGERS, verify_ledger
    from itam.models import Asset, Certificate, HistoryEntry

    revision = check_not_newer(db)
    if revision is None:
        raise ValidationError(tr("{url} holds no itam database", url=db.display_url))
    with db.read() as s:
        assets = s.scalar(select(func.count()).select_from(Asset)) or 0
        entries = s.scalar(select(func.count()).select_from(HistoryEntry)) or 0
        certificates = s.scalar(select(func.count()).select_from(Certificate)) or 0
        reports = {"history": verify_chain(s)}
        reports.update({name: verify_ledger(s, name) for name in LEDGERS})
    breaks = tuple(f"{name}: {b}" for name, r in reports.items() for b in r.breaks[:3])
    return BackupCheck(
        kind=db.engine.dialect.name, revision=revision, assets=assets, history_entries=entries,
        certificates=certificates, chains={name: r.checked for name, r in reports.items()}, breaks=breaks,
    )


def check_sqlite_file(path: Path) -> BackupCheck:
    """Check a SQLite backup without changing it: integrity, schema, chains."""
    from sqlalchemy import create_engine

    from itam.db.engine import Database

    uri = f"file:{path}?mode=ro"
    try:
        raw = sqlite3.connect(uri, uri=True)
        try:
            result = raw.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            raw.close()
    except sqlite3.DatabaseError as exc:
        raise ValidationError(tr("{path} is damaged: {error}", path=str(path), error=str(exc))) from exc
    if result != "ok":
        raise ValidationError(tr("{path} is damaged: {error}", path=str(path), error=result))
    # A plain read-only engine: itam's hooks would switch the file to WAL, which is a write.
    engine = create_engine(f"sqlite:///{uri}&uri=true")
    db = Database(f"sqlite:///{path}", engine)
    try:
        return check_database(db)
    finally:
        db.dispose()


# --- backing up -------------------------------------------------------------------------------------------
def backup(db, target: str | os.PathLike, *, progress: Progress | None = None,  # noqa: ANN001
           is_cancelled: Callable[[], bool] | None = None) -> BackupResult:
    """Back up the open database ``db`` to ``target`` (replaced only once the new backup checks out)."""
    target = Path(target).expanduser().resolve()
    if not target.parent.is_dir():
        raise ValidationError(tr("the folder {folder} does not exist", folder=str(target.parent)))
    if db.engine.dialect.name == "sqlite":
        source = db.engine.url.database
        if not source or source == ":memory:":
            raise ValidationError(tr("an in-memory database cannot be backed up"))
        if Path(source).resolve() == target:
            raise ValidationError(tr("the backup cannot replace the database itself"))
        write = lambda tmp: _sqlite_copy(Path(source), tmp, progress, is_cancelled)  # noqa: E731
        check = check_sqlite_file
    elif db.engine.dialect.name == "postgresql":
        write = lambda tmp: _pg_dump(db.engine.url, tmp)  # noqa: E731
        check = None
    else:
        raise DatabaseError(tr("backups of {dialect} databases are not supported", dialect=db.engine.dialect.name))
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        verdict = check(tmp) if check else _check_pg_archive(tmp, db)
        if not verdict.ok:
            raise IntegrityBreachError(tr("the backup was not kept: its hash chains do not verify ({breaks})",
                                          breaks="; ".join(verdict.breaks)))
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return BackupResult(target, target.stat().st_size, _sha256(target), verdict)


def _stepper(progress: Progress | None, is_cancelled: Callable[[], bool] | None) -> Callable[[int, int, int], None]:
    """SQLite's backup progress callback: reports, and aborts the copy (rolled back) when cancelled."""
    def step(_status: int, remaining: int, total: int) -> None:
        # After the last step the copy is complete (and committed): too late to cancel, so never say so.
        if remaining and is_cancelled is not None and is_cancelled():
            raise BackupCancelled(tr("cancelled; nothing was written"))
        if progress is not None:
            progress(total - remaining, total)

    return step


def _sqlite_copy(source: Path, target: Path, progress: Progress | None,
                 is_cancelled: Callable[[], bool] | None = None) -> None:
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst, pages=PAGES_PER_STEP, progress=_stepper(progress, is_cancelled))
            dst.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, no -wal beside it
        finally:
            dst.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(tr("the backup failed: {error}", error=str(exc))) from exc
    finally:
        src.close()


# --- PostgreSQL ---------------------------------------------------------------------------------------------
def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    for folder in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (folder / name).is_file():
            return str(folder / name)
    raise DatabaseError(tr("{tool} is needed for PostgreSQL backups; install the PostgreSQL client tools "
                           "(Debian: apt install postgresql-client)", tool=name))


def _pg_env(url) -> tuple[list[str], dict[str, str]]:  # noqa: ANN001 - sqlalchemy URL
    """libpq connection arguments for ``url`` (the password goes through the environment, not argv)."""
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    args = []
    if url.host:
        args += ["--host", url.host]
    if url.port:
        args += ["--port", str(url.port)]
    if url.username:
        args += ["--username", url.username]
    host = url.query.get("host")
    if host and not url.host:
        args += ["--host", host if isinstance(host, str) else host[0]]
    return args, env


def _run(cmd: list[str], env: dict[str, str], what: str) -> None:
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise DatabaseError(tr("{what} failed: {error}", what=what, error=(done.stderr or done.stdout).strip()[-2000:]))


def _pg_dump(url, target: Path) -> None:  # noqa: ANN001
    args, env = _pg_env(url)
    _run([_pg_tool("pg_dump"), "--format=custom", "--no-owner", *args,
          "--file", str(target), "--dbname", url.database], env, "pg_dump")


def _check_pg_archive(path: Path, db) -> BackupCheck:  # noqa: ANN001
    """A pg_dump archive is checked by listing it (pg_restore reads every entry) and checking the live
    database it was taken from inside the same moment's chains."""
    args, env = _pg_env(db.engine.url)
    _run([_pg_tool("pg_restore"), "--list", str(path)], env, "pg_restore --list")
    return check_database(db)


def _pg_restore(url, source: Path) -> None:  # noqa: ANN001
    args, env = _pg_env(url)
    _run([_pg_tool("pg_restore"), "--clean", "--if-exists", "--single-transaction", "--no-owner", *args,
          "--exit-on-error", "--dbname", url.database, str(source)], env, "pg_restore")


# --- restoring ----------------------------------------------------------------------------------------------
def restore(url: str, source: str | os.PathLike, *, progress: Progress | None = None,
            is_cancelled: Callable[[], bool] | None = None) -> RestoreResult:
    """Replace the database at ``url`` with the backup ``source``; returns what the restored database holds.

    The backup is checked first: a damaged file, one from a newer itam, or one whose chains do not verify
    changes nothing.
    """
    from itam.db.engine import open_database, resolve_url

    source = Path(source).expanduser().resolve()
    kind = backup_kind(source)
    resolved = make_url(resolve_url(url))
    dialect = resolved.get_backend_name()
    if kind != dialect:
        raise ValidationError(tr("{path} is a {kind} backup; it cannot be restored into a {dialect} database",
                                 path=str(source), kind=kind, dialect=dialect))
    safety = None
    if kind == "sqlite":
        before = check_sqlite_file(source)
        if not before.ok:
            raise IntegrityBreachError(tr("{path} was not restored: its hash chains do not verify ({breaks})",
                                          path=str(source), breaks="; ".join(before.breaks)))
        target = Path(resolved.database).resolve()
        if target == source:
            raise ValidationError(tr("the backup cannot replace the database itself"))
        if target.exists():
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
            safety = target.with_name(f"{target.name}.before-restore-{stamp}.bak")
            _sqlite_copy(target, safety, None)
        # Copy into the live file with the backup API: it takes the locks and rewrites the WAL properly,
        # which replacing the file under another program's feet would not.
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(target, timeout=15)
            try:
                src.backup(dst, pages=PAGES_PER_STEP, progress=_stepper(progress, is_cancelled))
            finally:
                dst.close()
        except sqlite3.DatabaseError as exc:
            raise DatabaseError(tr("the restore failed: {error}; the database is unchanged (copy kept as {copy})",
                                   error=str(exc), copy=str(safety))) from exc
        finally:
            src.close()
    else:
        # pg_restore runs in one transaction; the database as it was is dumped first, beside the backup.
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        safety = source.with_name(f"{resolved.database}.before-restore-{stamp}.dump")
        _pg_dump(resolved, safety)
        _pg_restore(resolved, source)
    db = open_database(str(resolved.render_as_string(hide_password=False)), backup=False)
    try:
        after = check_database(db)
    finally:
        db.dispose()
    if not after.ok:
        raise IntegrityBreachError(tr("the restored database's hash chains do not verify ({breaks})",
                                      breaks="; ".join(after.breaks)))
    return RestoreResult(source, after, safety)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
