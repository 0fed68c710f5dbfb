"""A throwaway PostgreSQL server for the test session (and for bench/bench_concurrency_pg.py).

``TempPostgres().start()`` runs Debian's ``initdb`` into a fresh temporary directory and ``pg_ctl start`` on
127.0.0.1 only, on a free port, with its unix socket inside that directory and fsync off (the data is thrown
away). initdb refuses to run as root, so as root the server runs as the ``postgres`` system user (runuser),
which then owns the directory. A small watchdog process stops the server and deletes the directory when
the process that started it ends — also when that one is killed — so no server outlives a test run.

The test fixtures (registered from tests/conftest.py):

* ``backend`` — "sqlite" or "postgresql". Tests under tests/itam that use ``db_url`` (directly or through
  ``db``, ``services``, ``cli`` …) run once per backend, ids ``[sqlite]`` and ``[postgresql]``, unless marked
  ``sqlite_only``. ``ITAM_TEST_BACKENDS=sqlite`` runs SQLite only (a quick local run).
* ``pg_server`` — the session's server, started on first use. Without PostgreSQL's binaries the
  PostgreSQL tests are skipped, saying why — except as root (CI), where ``make test`` installs them and a
  server that cannot start fails the run.
* Per test a fresh database: the migrations run once into ``itam_template``; a test gets a copy
  (``CREATE DATABASE t_N TEMPLATE itam_template``, made one ahead in the background). Afterwards a database still
  exactly in the template's shape is emptied and handed to the next test; any other is dropped.
"""

from __future__ import annotations

import itertools
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

ITAM_TESTS = Path(__file__).resolve().parent / "itam"
BACKENDS = ("sqlite", "postgresql")
TEMPLATE = "itam_template"
SUPERUSER = "postgres"


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL binaries (or no way to run them) on this machine."""


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def find_bindir() -> Path | None:
    """Where initdb and pg_ctl live: $ITAM_PG_BINDIR, Debian's /usr/lib/postgresql/<newest>/bin, else PATH."""
    explicit = os.environ.get("ITAM_PG_BINDIR")
    candidates = [Path(explicit)] if explicit else []
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin"),
                      key=lambda p: [int(x) for x in re.findall(r"\d+", p.parent.name)] or [0], reverse=True)
    candidates += versions
    initdb = shutil.which("initdb")
    if initdb:
        candidates.append(Path(initdb).resolve().parent)
    for folder in candidates:
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file():
            return folder
    return None


def unavailable_reason() -> str | None:
    if find_bindir() is None:
        return ("PostgreSQL is not installed (sudo apt-get install postgresql; or set ITAM_PG_BINDIR): "
                "PostgreSQL tests skipped")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "the psycopg driver is missing (pip install 'psycopg[binary]'): PostgreSQL tests skipped"
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# Runs in its own process: waits until its parent's end of the pipe closes (normal stop, crash or SIGKILL),
# then stops the server at once and removes its directory.
_WATCHDOG = r"""
import shutil, subprocess, sys
sys.stdin.buffer.read()
pg_ctl, data, root = sys.argv[1], sys.argv[2], sys.argv[3]
prefix = sys.argv[4:]
subprocess.run([*prefix, pg_ctl, "-D", data, "stop", "-m", "immediate", "-w", "-t", "30"],
               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
shutil.rmtree(root, ignore_errors=True)
"""


class TempPostgres:
    """A PostgreSQL cluster in a temporary directory, for tests and benchmarks. Use as a context manager."""

    def __init__(self, *, port: int | None = None, max_connections: int = 200):
        self.bindir = find_bindir()
        self.port = port
        self.max_connections = max_connections
        self.root: Path | None = None
        self.password = secrets.token_hex(16)
        self._watchdog: subprocess.Popen | None = None
        self._counter = itertools.count(1)
        self._pool: ThreadPoolExecutor | None = None
        self._ready: deque[Future] = deque()
        self._clean: list[str] = []  # emptied databases in the template's shape, ready for the next test
        self._shape: str | None = None

    # --- running -----------------------------------------------------------------------------------------
    def _prefix(self) -> list[str]:
        """As root: run as the postgres system user (initdb and postgres refuse to run as root)."""
        if not is_root():
            return []
        runuser = shutil.which("runuser") or shutil.which("setpriv")
        if runuser is None:
            raise PostgresUnavailable("running as root but neither runuser nor setpriv is installed")
        try:
            import pwd

            pwd.getpwnam(SUPERUSER)
        except KeyError as exc:
            raise PostgresUnavailable("running as root but there is no 'postgres' system user to run the server") from exc
        if runuser.endswith("runuser"):
            return [runuser, "-u", SUPERUSER, "--"]
        return [runuser, "--reuid", SUPERUSER, "--regid", SUPERUSER, "--init-groups", "--"]

    def _run(self, *argv: str, timeout: float = 120) -> subprocess.CompletedProcess:
        env = dict(os.environ, LC_ALL="C.UTF-8", LANG="C.UTF-8")
        env.pop("PGDATA", None)
        return subprocess.run([*self._prefix(), *argv], capture_output=True, text=True, timeout=timeout, check=False,
                              env=env, cwd=self.root)

    def start(self) -> TempPostgres:
        if self.bindir is None:
            raise PostgresUnavailable(unavailable_reason() or "PostgreSQL binaries not found")
        self.root = Path(tempfile.mkdtemp(prefix="itam-pg-"))
        data, sock, log = self.root / "data", self.root / "sock", self.root / "server.log"
        sock.mkdir()
        pwfile = self.root / "pw"
        pwfile.write_text(self.password + "\n")
        if is_root():
            import pwd

            user = pwd.getpwnam(SUPERUSER)
            for path in (self.root, sock, pwfile):
                os.chown(path, user.pw_uid, user.pw_gid)
        pwfile.chmod(0o600)
        # The watchdog first, so that even a failed start leaves nothing behind.
        self._watchdog = subprocess.Popen(
            [sys.executable, "-c", _WATCHDOG, str(self.bindir / "pg_ctl"), str(data), str(self.root), *self._prefix()],
            stdin=subprocess.PIPE, start_new_session=True)
        done = self._run(str(self.bindir / "initdb"), "-D", str(data), "-U", SUPERUSER, "-E", "UTF8",
                         "--locale=C.UTF-8", "--auth=scram-sha-256", f"--pwfile={pwfile}", "--no-sync")
        if done.returncode != 0:
            self.stop()
            raise RuntimeError(f"initdb failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
        pwfile.unlink()
        for attempt in range(5):
            port = self.port or _free_port()
            options = " ".join((
                "-c listen_addresses=127.0.0.1", f"-c port={port}", f"-c unix_socket_directories='{sock}'",
                "-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off",
                f"-c max_connections={self.max_connections}", "-c shared_buffers=64MB",
                # Fewer checkpoints: each CREATE DATABASE … TEMPLATE writes the copy to the WAL.
                "-c checkpoint_timeout=30min", "-c max_wal_size=2GB",
            ))
            done = self._run(str(self.bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-t", "60",
                             "-o", options, "start")
            if done.returncode == 0:
                self.port = port
                return self
            if self.port is not None or attempt == 4:
                tail = log.read_text(errors="replace")[-3000:] if log.exists() else ""
                self.stop()
                raise RuntimeError(f"pg_ctl start failed ({done.returncode}):\n{done.stdout}\n{done.stderr}\n{tail}")
            time.sleep(0.2)  # the port was taken between our probe and the bind: try another
        raise AssertionError("unreachable")

    def stop(self) -> None:
        """Stop the server and remove its directory (the watchdog does both once its pipe closes)."""
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
        dog, self._watchdog = self._watchdog, None
        if dog is None:
            return
        try:
            dog.stdin.close()
            dog.wait(timeout=60)
        except subprocess.TimeoutExpired:
            dog.send_signal(signal.SIGKILL)
            dog.wait()

    def __enter__(self) -> TempPostgres:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # --- databases ---------------------------------------------------------------------------------------
    def url(self, database: str = "postgres", *, driver: str = "postgresql+psycopg") -> str:
        return f"{driver}://{SUPERUSER}:{self.password}@127.0.0.1:{self.port}/{database}"

    def admin(self, sql: str, *params) -> list[tuple]:
        """Run one statement in autocommit as the superuser on the maintenance database."""
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.port, user=SUPERUSER, password=self.password,
                             dbname="postgres", autocommit=True) as conn:
            cur = conn.execute(sql, params or None)
            return cur.fetchall() if cur.description else []

    def create_database(self, name: str | None = None, *, template: str | None = None) -> str:
        name = name or f"t_{os.getpid()}_{next(self._counter)}"
        clause = f" TEMPLATE {template}" if template else ""  # WAL_LOG: no checkpoint per copy
        self.admin(f'CREATE DATABASE "{name}"{clause}')
        return name

    def drop_database(self, name: str) -> None:
        self.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def _connect(self, database: str):  # noqa: ANN202 - a psycopg connection in autocommit
        import psycopg

        return psycopg.connect(host="127.0.0.1", port=self.port, user=SUPERUSER, password=self.password,
                               dbname=database, autocommit=True)

    def migrated_database(self) -> str:
        """A database at the head revision holding no data: one a finished test left exactly in the template's
        shape, emptied (:meth:`release_database`), or else a new copy of the template, which is migrated once
        per server. Copies are made one ahead by a background thread, while the tests run."""
        if self._pool is None:
            from itam.db import open_database

            self.create_database(TEMPLATE)
            open_database(self.url(TEMPLATE)).dispose()
            with self._connect(TEMPLATE) as conn:
                self._shape = conn.execute(SHAPE).fetchone()[0]
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="itam-pg")
            self._ready.append(self._pool.submit(self.create_database, template=TEMPLATE))
        if self._clean:
            return self._clean.pop()
        future = self._ready.popleft()
        self._ready.append(self._pool.submit(self.create_database, template=TEMPLATE))
        return future.result()

    def release_database(self, name: str) -> None:
        """A test is done with ``name``: if its schema, grants and settings are still exactly the template's
        (tables, columns, indexes, constraints, triggers, functions, privileges, schema revision), empty it and
        keep it for the next test (~30 ms instead of a copy's 0.1–0.5 s); otherwise drop it."""
        import psycopg

        try:
            with self._connect(name) as conn:
                # Connections the test left open would hold locks (and see the next test's data).
                conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                             "WHERE datname = current_database() AND pid <> pg_backend_pid()")
                if conn.execute(SHAPE).fetchone()[0] == self._shape:
                    with conn.transaction():
                        conn.execute(EMPTY)
                    self._clean.append(name)
                    return
        except psycopg.Error:
            pass
        self.drop_database_later(name)

    def drop_database_later(self, name: str) -> None:
        """Drop in the background thread, after any copy it is making."""
        if self._pool is None:
            self.drop_database(name)
        else:
            self._pool.submit(self.drop_database, name)


#: Everything about a database's shape that a test might change, as one hash: the schema revision, the schema's
#: relations (tables, indexes, sequences, views) with their privileges, columns, constraints, triggers,
#: functions, extensions, schemas, default privileges and the database's own privileges and settings.
SHAPE = """
SELECT md5(concat_ws('|',
  (SELECT string_agg(version_num, ',' ORDER BY version_num) FROM alembic_version),
  (SELECT string_agg(concat_ws(':', c.oid, c.relname, c.relkind, c.relnatts, c.relacl::text), ',' ORDER BY c.oid)
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'),
  (SELECT string_agg(concat_ws(':', a.attrelid, a.attname, a.atttypid, a.attnotnull, a.attisdropped, a.atthasdef,
                               a.attacl::text), ',' ORDER BY a.attrelid, a.attnum)
     FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE a.attnum > 0 AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'),
  (SELECT string_agg(concat_ws(':', oid, conname), ',' ORDER BY oid) FROM pg_constraint
    WHERE connamespace NOT IN ('pg_catalog'::regnamespace, 'information_schema'::regnamespace)),
  (SELECT string_agg(concat_ws(':', oid, tgname, tgenabled), ',' ORDER BY oid) FROM pg_trigger),
  (SELECT string_agg(concat_ws(':', oid, proname, proacl::text), ',' ORDER BY oid) FROM pg_proc
    WHERE pronamespace NOT IN ('pg_catalog'::regnamespace, 'information_schema'::regnamespace)),
  (SELECT string_agg(concat_ws(':', oid, extname, extversion), ',' ORDER BY oid) FROM pg_extension),
  (SELECT string_agg(concat_ws(':', oid, nspname, nspacl::text), ',' ORDER BY oid) FROM pg_namespace),
  (SELECT string_agg(concat_ws(':', oid, defaclacl::text), ',' ORDER BY oid) FROM pg_default_acl),
  (SELECT datacl::text FROM pg_database WHERE datname = current_database()),
  (SELECT string_agg(array_to_string(setconfig, ';'), ',') FROM pg_db_role_setting
    WHERE setdatabase = (SELECT oid FROM pg_database WHERE datname = current_database()))
))
"""

#: Every row out of every table but alembic_version (foreign keys off for the statement: superuser only), and
#: every sequence back to its start.
EMPTY = """
SET LOCAL session_replication_role = replica;
DO $$ DECLARE r record; BEGIN
  FOR r IN SELECT schemaname, tablename FROM pg_tables
           WHERE schemaname NOT IN ('pg_catalog', 'information_schema') AND tablename <> 'alembic_version' LOOP
    EXECUTE format('DELETE FROM %I.%I', r.schemaname, r.tablename);
  END LOOP;
  FOR r IN SELECT schemaname, sequencename FROM pg_sequences LOOP
    EXECUTE format('ALTER SEQUENCE %I.%I RESTART', r.schemaname, r.sequencename);
  END LOOP;
END $$;
"""


# --- pytest fixtures (registered from tests/conftest.py) -------------------------------------------------------
import pytest  # (below the server: bench/ uses TempPostgres without these fixtures)


def selected_backends() -> tuple[str, ...]:
    wanted = os.environ.get("ITAM_TEST_BACKENDS")
    if not wanted:
        return BACKENDS
    chosen = tuple(b for b in BACKENDS if b in {w.strip() for w in wanted.split(",")})
    return chosen or BACKENDS


def parametrize_backends(metafunc: pytest.Metafunc) -> None:
    """Service and CLI tests under tests/itam that reach ``db_url`` run on SQLite and on PostgreSQL."""
    if "backend" not in metafunc.fixturenames:
        return
    if ITAM_TESTS not in Path(str(metafunc.definition.path)).parents:
        return
    if metafunc.definition.get_closest_marker("sqlite_only"):
        return
    metafunc.parametrize("backend", selected_backends(), indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """The database the test runs on: 'sqlite' unless parametrised (see parametrize_backends)."""
    return getattr(request, "param", "sqlite")


@pytest.fixture(scope="session")
def pg_server():
    if "postgresql" not in selected_backends():
        pytest.skip("ITAM_TEST_BACKENDS leaves PostgreSQL out")
    reason = unavailable_reason()
    if reason:
        if is_root():
            pytest.fail(f"{reason.split(':')[0]} — running as root, `make test` should have installed it "
                        "(scripts/system-deps.sh test)", pytrace=False)
        pytest.skip(reason)
    try:
        server = TempPostgres().start()
    except PostgresUnavailable as exc:
        if is_root():
            pytest.fail(f"cannot run the test PostgreSQL server: {exc}", pytrace=False)
        pytest.skip(f"cannot run a PostgreSQL server here ({exc}): PostgreSQL tests skipped")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def pg_database(pg_server, tmp_path, monkeypatch) -> str:
    """A database at the head revision with no data on the session's server; its URL. Afterwards it is emptied
    for the next test, or dropped when the test changed its shape (:meth:`TempPostgres.release_database`)."""
    # A SQLite-only test that opened db.engine.url.database as a file would leave "t_N" in the working
    # directory: keep any such file in the test's own folder.
    monkeypatch.chdir(tmp_path)
    name = pg_server.migrated_database()
    yield pg_server.url(name)
    pg_server.release_database(name)
