"""Engine creation. The only place that knows about SQLite specifics.

SQLite gets WAL, foreign keys and a busy timeout. Transactions that write start with
``BEGIN IMMEDIATE`` so that two writers queue on the busy timeout instead of failing with
SQLITE_BUSY when a read lock cannot be upgraded; read-only sessions use a plain deferred BEGIN.
A write that still finds the file locked once the busy timeout has run out is tried again a few times
(only while nothing has been applied: the ``BEGIN IMMEDIATE``, or a ``COMMIT``, which SQLite keeps whole
while it waits) before the user sees :class:`~itam.errors.DatabaseLockedError`. A file on a network file
system gets the rollback journal instead of WAL, and a warning (:mod:`itam.db.netfs`).

PostgreSQL writers queue the same way, on a transaction-level advisory lock taken as they begin
(:func:`_install_postgresql_hooks`), except a transaction that locks its own rows (:func:`pg_own_row_locks`).
"""

from __future__ import annotations

import logging
import os
import random
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TypeVar

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from itam.crashpoints import crash_point
from itam.db import netfs
from itam.errors import ConfigurationError, DatabaseError, DatabaseLockedError
from itam.messages import Message, tr
from itam.paths import default_database_url

log = logging.getLogger(__name__)
_T = TypeVar("_T")

#: Milliseconds a SQLite connection waits for another writer before giving up.
SQLITE_BUSY_TIMEOUT_MS = 15_000
#: How many times in all a SQLite write meets the busy timeout before DatabaseLockedError (each try waits
#: up to SQLITE_BUSY_TIMEOUT_MS; SQLite's own waiting is not fair, so a writer can lose several rounds to
#: others under heavy contention).
SQLITE_WRITE_ATTEMPTS = 4
#: The first pause between tries, in seconds; it doubles each time (with jitter) up to SQLITE_RETRY_MAX_PAUSE_S.
SQLITE_RETRY_PAUSE_S = 0.05
SQLITE_RETRY_MAX_PAUSE_S = 2.0


def resolve_url(explicit: str | None = None) -> str:
    """``--db`` beats ``ITAM_DATABASE_URL`` beats the embedded SQLite file.

    A bare path (no ``://``) is taken as a SQLite file.
    """
    url = explicit or os.environ.get("ITAM_DATABASE_URL") or default_database_url()
    if "://" not in url:
        url = f"sqlite:///{os.path.abspath(url)}"
    return url


def is_sqlite_busy(exc: BaseException) -> bool:
    """SQLITE_BUSY / SQLITE_LOCKED ("database is locked", "database table is locked") from the driver."""
    orig = getattr(exc, "orig", exc)
    if not isinstance(orig, sqlite3.OperationalError):
        return False
    code = getattr(orig, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (5, 6)  # SQLITE_BUSY, SQLITE_LOCKED and their extended codes
    text = str(orig).lower()
    return "locked" in text or "busy" in text


def _retry_pause(attempt: int) -> float:
    """Exponential back-off with jitter, so that writers who lost a round do not all come back together."""
    return min(SQLITE_RETRY_MAX_PAUSE_S, SQLITE_RETRY_PAUSE_S * 2 ** (attempt - 1)) * random.uniform(0.5, 1.5)


def _locked_error(url: str, waited: float) -> DatabaseLockedError:
    return DatabaseLockedError(
        tr(
            "The database {url} stayed locked by another program for {seconds} s, through {attempts} tries; "
            "nothing was changed. Close the other itam window or command (or wait for its long import to end) "
            "and try again.",
            url=url,
            seconds=round(waited),
            attempts=SQLITE_WRITE_ATTEMPTS,
        )
    )


def _set_journal_mode(cur, mode: str) -> None:  # noqa: ANN001 - DBAPI cursor
    """Switch the journal mode when it differs; another connection may hold the file a moment (a new
    database opened by several processes at once), so a busy answer is tried again."""
    current = (cur.execute("PRAGMA journal_mode").fetchone() or ("",))[0]
    if str(current).lower() == mode.lower():
        return
    if mode.upper() != "WAL":
        # Leaving WAL needs the file to itself: try once, briefly, and keep WAL while others have it open.
        cur.execute("PRAGMA busy_timeout = 1000")
        try:
            cur.execute(f"PRAGMA journal_mode = {mode}")
        except sqlite3.OperationalError as exc:
            log.warning("cannot switch the SQLite journal from %s to %s now: %s", current, mode, exc)
        finally:
            cur.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        return
    for attempt in range(1, SQLITE_WRITE_ATTEMPTS + 1):
        try:
            cur.execute(f"PRAGMA journal_mode = {mode}")
            return
        except sqlite3.OperationalError as exc:
            if not is_sqlite_busy(exc) or attempt == SQLITE_WRITE_ATTEMPTS:
                raise
            time.sleep(_retry_pause(attempt))


def _install_sqlite_hooks(engine: Engine, *, journal_mode: str = "WAL") -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # noqa: ANN001 - DBAPI objects
        # Let SQLAlchemy's "begin" event decide how transactions start.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys = ON")
        if engine.url.database not in (None, "", ":memory:"):
            _set_journal_mode(cur, journal_mode)
            # WAL: a commit survives a crashed process (not always a power cut). The rollback journal:
            # FULL, as the default, since NORMAL there can corrupt the file on a power cut.
            cur.execute("PRAGMA synchronous = NORMAL" if journal_mode.upper() == "WAL" else "PRAGMA synchronous = FULL")
        cur.close()

    # A COMMIT that meets a lock (the rollback journal's EXCLUSIVE lock waits for readers to finish) keeps
    # the transaction whole and may simply be tried again: do that instead of failing the unit of work.
    plain_commit = engine.dialect.do_commit

    def do_commit(dbapi_conn) -> None:  # noqa: ANN001 - DBAPI connection
        for attempt in range(1, SQLITE_WRITE_ATTEMPTS + 1):
            try:
                plain_commit(dbapi_conn)
                return
            except sqlite3.OperationalError as exc:
                if not is_sqlite_busy(exc) or attempt == SQLITE_WRITE_ATTEMPTS or not dbapi_conn.in_transaction:
                    raise
                log.info("COMMIT met a lock (try %d of %d); trying again", attempt, SQLITE_WRITE_ATTEMPTS)
                time.sleep(_retry_pause(attempt))

    engine.dialect.do_commit = do_commit  # type: ignore[method-assign]

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # noqa: ANN001
        mode = "IMMEDIATE" if conn.get_execution_options().get("itam_write") else "DEFERRED"
        conn.exec_driver_sql(f"BEGIN {mode}")


#: PostgreSQL: the transaction-level advisory lock every itam write takes first ("itam" in ASCII).
PG_WRITE_LOCK_KEY = 0x6974616D
#: PostgreSQL: how long a write waits for a lock (another user's write) before DatabaseLockedError.
PG_LOCK_TIMEOUT_S = 120


def _install_postgresql_hooks(engine: Engine) -> None:
    """Writers take one advisory lock at the start of their transaction, so they queue as on SQLite
    (``BEGIN IMMEDIATE``) while readers never wait. Every write appends to a hash chain whose head row would
    serialise them at that point anyway; taking the lock first means two itam transactions can never
    deadlock over the order in which they lock assets, counters and chain heads, and a read-modify-write
    (a transition's guards, a bulk move, an import's duplicate check) never acts on a row another user is
    changing. The lock is per database and ends with the transaction, also when a client dies."""

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # noqa: ANN001
        if conn.get_execution_options().get("itam_write"):
            conn.exec_driver_sql(f"SET LOCAL lock_timeout = '{PG_LOCK_TIMEOUT_S}s'")
            if _PG_QUEUE_WRITES.get():
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({PG_WRITE_LOCK_KEY})")


_PG_QUEUE_WRITES: ContextVar[bool] = ContextVar("itam_pg_queue_writes", default=True)


@contextmanager
def pg_own_row_locks() -> Iterator[None]:
    """PostgreSQL: write transactions begun inside the block (in this thread) skip the database-wide writer
    queue. Only for a transaction that changes rows nobody else's transaction changes, and that locks them
    itself, in a fixed order, before it reads what it decides on: issuing a certificate (its series counter,
    then the certificate ledger) — so that rendering and signing a PDF does not hold up everyone's edits.
    SQLite is unaffected (its writers always queue)."""
    token = _PG_QUEUE_WRITES.set(False)
    try:
        yield
    finally:
        _PG_QUEUE_WRITES.reset(token)


def create_itam_engine(url: str, **kwargs) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise ConfigurationError(tr("Not a database URL: {url} ({error})", url=repr(url), error=str(exc))) from exc
    journal_mode = "WAL"
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        folder = os.path.dirname(os.path.abspath(parsed.database))
        if not os.path.isdir(folder):
            raise ConfigurationError(tr("The folder for the database file does not exist: {folder}", folder=folder))
        if not parsed.database.startswith("file:") and netfs.network_filesystem(parsed.database):
            journal_mode = "DELETE"  # WAL's shared memory index does not work across computers
    try:
        engine = create_engine(parsed, **kwargs)
    except Exception as exc:  # missing driver, bad option …
        raise ConfigurationError(
            tr("Cannot use database {url}: {error}", url=parsed.render_as_string(hide_password=True), error=str(exc))
        ) from exc
    if engine.dialect.name == "sqlite":
        _install_sqlite_hooks(engine, journal_mode=journal_mode)
    elif engine.dialect.name == "postgresql":
        _install_postgresql_hooks(engine)
    return engine


def sqlite_location_warnings(engine: Engine) -> list[Message]:
    """What a user must know about where a SQLite file lives (a network share), unless silenced."""
    path = engine.url.database
    if engine.dialect.name != "sqlite" or path in (None, "", ":memory:") or path.startswith("file:"):
        return []
    fstype = netfs.network_filesystem(path)
    if not fstype or netfs.allowed_by_user():
        return []
    return [netfs.network_warning(os.path.abspath(path), fstype)]


def translate_operational_error(exc: DBAPIError, url: str) -> DatabaseError:
    """Turn the driver's message into one a user can act on."""
    text = str(exc.orig) if exc.orig is not None else str(exc)
    low = text.lower()
    if getattr(exc.orig, "sqlstate", None) == "42501":  # PostgreSQL: insufficient privilege (roles and grants)
        from itam.errors import DatabasePermissionError

        return DatabasePermissionError(tr(
            "The database {url} refused this for your login: {error} (your itam role does not include it; "
            "an administrator can change roles with itam user set-role)", url=url, error=text.strip()))
    if "lock timeout" in low:  # PostgreSQL: lock_timeout ran out
        return DatabaseLockedError(
            tr("The database {url} stayed busy with another user's change for {seconds} s; try again.",
               url=url, seconds=PG_LOCK_TIMEOUT_S)
        )
    if "locked" in low or "busy" in low:
        return DatabaseLockedError(
            tr(
                "The database {url} is locked by another program (waited {seconds} s). "
                "Close the other itam window or command and try again.",
                url=url,
                seconds=SQLITE_BUSY_TIMEOUT_MS // 1000,
            )
        )
    if "readonly" in low or "read-only" in low:
        return DatabaseError(tr("The database {url} is read-only: {error}", url=url, error=text))
    if "disk is full" in low or "database or disk is full" in low:
        return DatabaseError(tr("The disk holding {url} is full.", url=url))
    if "not a database" in low or "malformed" in low or "encrypted" in low:
        return DatabaseError(tr("{url} is not an itam database or is damaged: {error}", url=url, error=text))
    if "unable to open" in low:
        return DatabaseError(tr("Cannot open the database {url}: {error}", url=url, error=text))
    if "connection failed" in low or "could not connect" in low or "server closed the connection" in low:
        # PostgreSQL: server down or unreachable, wrong password, no such database (the server says which).
        return DatabaseError(tr("Cannot connect to the database server for {url}: {error}", url=url,
                                error=" ".join(text.split())))
    return DatabaseError(tr("Database error on {url}: {error}", url=url, error=text))


@dataclass
class Database:
    """An engine plus the two kinds of session the services use."""

    url: str
    engine: Engine
    #: What the user should be told on opening (e.g. a SQLite file on a network share); front ends show them.
    warnings: list[Message] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._reader = sessionmaker(self.engine, expire_on_commit=False)
        self._writer = sessionmaker(self.engine.execution_options(itam_write=True), expire_on_commit=False)

    @property
    def display_url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only unit of work."""
        try:
            with self._reader() as session:
                yield session
                session.rollback()
        except DBAPIError as exc:
            raise translate_operational_error(exc, self.display_url) from exc

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A unit of work that commits on success and rolls back on any error."""
        try:
            with self._writer() as session:
                if self.engine.dialect.name == "sqlite":
                    self._begin_sqlite_write(session)
                try:
                    yield session
                    crash_point("db.before_commit")
                    session.commit()
                except BaseException:
                    session.rollback()
                    raise
            crash_point("db.after_commit")
        except DBAPIError as exc:
            raise translate_operational_error(exc, self.display_url) from exc

    def _begin_sqlite_write(self, session: Session) -> None:
        """Take SQLite's write lock now (``BEGIN IMMEDIATE``), before the caller does anything, so that a
        lock that outlasts the busy timeout can be waited for again: nothing has been applied yet."""
        self._retry_locked(session.connection, on_busy=session.rollback)

    def _retry_locked(self, fn: Callable[[], _T], *, on_busy: Callable[[], object] | None = None) -> _T:
        """``fn()``, tried again after a pause while SQLite answers busy; then DatabaseLockedError.
        ``fn`` must apply nothing when it fails (starting a transaction, a whole idempotent statement)."""
        started = time.monotonic()
        for attempt in range(1, SQLITE_WRITE_ATTEMPTS + 1):
            try:
                return fn()
            except OperationalError as exc:
                if not is_sqlite_busy(exc):
                    raise
                if on_busy is not None:
                    on_busy()
                if attempt == SQLITE_WRITE_ATTEMPTS:
                    raise _locked_error(self.display_url, time.monotonic() - started) from exc
                log.info("%s is locked (try %d of %d); trying again", self.display_url, attempt, SQLITE_WRITE_ATTEMPTS)
                time.sleep(_retry_pause(attempt))
        raise AssertionError("unreachable")  # pragma: no cover

    def analyze(self) -> None:
        """Refresh the query planner's statistics after a bulk change (imports, demo fleets).

        SQLite has none until ANALYZE runs, and without them it picks the wrong index for many
        filtered, sorted listings (see docs/BENCHMARKS.md); PostgreSQL's autovacuum would get there
        eventually, ANALYZE gets there now.
        """
        def run() -> None:
            # A write: on SQLite it takes the write lock up front (BEGIN IMMEDIATE) and queues like one.
            with self.engine.execution_options(itam_write=True).connect() as conn:
                conn.exec_driver_sql("ANALYZE")
                conn.commit()

        try:
            if self.engine.dialect.name == "sqlite":
                self._retry_locked(run)
            else:
                run()
        except DatabaseLockedError as exc:
            # Statistics only: the change that asked for them has committed; the next ANALYZE catches up.
            log.warning("planner statistics not refreshed: %s", exc)
        except DBAPIError as exc:
            raise translate_operational_error(exc, self.display_url) from exc

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(url: str | None = None, *, upgrade: bool = True, backup: bool = True) -> Database:
    """Resolve the URL, create the engine and (by default) bring the schema up to date."""
    from itam.db.migrate import upgrade_schema

    resolved = resolve_url(url)
    db = Database(resolved, create_itam_engine(resolved))
    db.warnings.extend(sqlite_location_warnings(db.engine))
    if upgrade:
        try:
            upgrade_schema(db, backup=backup)
            from itam.db import search

            with db.engine.begin() as conn:
                search.ensure(conn)  # a later table copy may have dropped the search triggers
        except DBAPIError as exc:
            db.dispose()
            raise translate_operational_error(exc, db.display_url) from exc
        except BaseException:
            db.dispose()
            raise
    return db
