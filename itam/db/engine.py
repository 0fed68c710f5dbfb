"""Engine creation. The only place that knows about SQLite specifics.

SQLite gets WAL, foreign keys and a busy timeout. Transactions that write start with
``BEGIN IMMEDIATE`` so that two writers queue on the busy timeout instead of failing with
SQLITE_BUSY when a read lock cannot be upgraded; read-only sessions use a plain deferred BEGIN.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from itam.errors import ConfigurationError, DatabaseError, DatabaseLockedError
from itam.messages import tr
from itam.paths import default_database_url

#: Milliseconds a SQLite connection waits for another writer before giving up.
SQLITE_BUSY_TIMEOUT_MS = 15_000


def resolve_url(explicit: str | None = None) -> str:
    """``--db`` beats ``ITAM_DATABASE_URL`` beats the embedded SQLite file.

    A bare path (no ``://``) is taken as a SQLite file.
    """
    url = explicit or os.environ.get("ITAM_DATABASE_URL") or default_database_url()
    if "://" not in url:
        url = f"sqlite:///{os.path.abspath(url)}"
    return url


def _install_sqlite_hooks(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # noqa: ANN001 - DBAPI objects
        # Let SQLAlchemy's "begin" event decide how transactions start.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys = ON")
        if engine.url.database not in (None, "", ":memory:"):
            cur.execute("PRAGMA journal_mode = WAL")
            cur.execute("PRAGMA synchronous = NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # noqa: ANN001
        mode = "IMMEDIATE" if conn.get_execution_options().get("itam_write") else "DEFERRED"
        conn.exec_driver_sql(f"BEGIN {mode}")


def create_itam_engine(url: str, **kwargs) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise ConfigurationError(tr("Not a database URL: {url} ({error})", url=repr(url), error=str(exc))) from exc
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        folder = os.path.dirname(os.path.abspath(parsed.database))
        if not os.path.isdir(folder):
            raise ConfigurationError(tr("The folder for the database file does not exist: {folder}", folder=folder))
    try:
        engine = create_engine(parsed, **kwargs)
    except Exception as exc:  # missing driver, bad option …
        raise ConfigurationError(
            tr("Cannot use database {url}: {error}", url=parsed.render_as_string(hide_password=True), error=str(exc))
        ) from exc
    if engine.dialect.name == "sqlite":
        _install_sqlite_hooks(engine)
    return engine


def translate_operational_error(exc: DBAPIError, url: str) -> DatabaseError:
    """Turn the driver's message into one a user can act on."""
    text = str(exc.orig) if exc.orig is not None else str(exc)
    low = text.lower()
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
    return DatabaseError(tr("Database error on {url}: {error}", url=url, error=text))


@dataclass
class Database:
    """An engine plus the two kinds of session the services use."""

    url: str
    engine: Engine

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
                try:
                    yield session
                    session.commit()
                except BaseException:
                    session.rollback()
                    raise
        except DBAPIError as exc:
            raise translate_operational_error(exc, self.display_url) from exc

    def analyze(self) -> None:
        """Refresh the query planner's statistics after a bulk change (imports, demo fleets).

        SQLite has none until ANALYZE runs, and without them it picks the wrong index for many
        filtered, sorted listings (see docs/BENCHMARKS.md); PostgreSQL's autovacuum would get there
        eventually, ANALYZE gets there now.
        """
        try:
            with self.engine.connect() as conn:
                conn.exec_driver_sql("ANALYZE")
                conn.commit()
        except DBAPIError as exc:
            raise translate_operational_error(exc, self.display_url) from exc

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(url: str | None = None, *, upgrade: bool = True, backup: bool = True) -> Database:
    """Resolve the URL, create the engine and (by default) bring the schema up to date."""
    from itam.db.migrate import upgrade_schema

    resolved = resolve_url(url)
    db = Database(resolved, create_itam_engine(resolved))
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
