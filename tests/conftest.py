"""Shared fixtures: every test gets its own data directory and its own database — a SQLite file under tmp_path,
or for the service and CLI tests under tests/itam also a fresh PostgreSQL database (tests/pg.py)."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# The network-namespace lab (fixtures lab and lab50) for tests that run real nmap scans;
# a PostgreSQL server of the session's own (fixtures backend, pg_server, pg_database: see tests/pg.py).
pytest_plugins = ["tests.lab.plugin", "tests.pg"]


def pytest_generate_tests(metafunc):
    # Service and CLI tests under tests/itam run on SQLite and PostgreSQL: ids [sqlite] and [postgresql].
    from tests.pg import parametrize_backends

    parametrize_backends(metafunc)


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("ITAM_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("ITAM_DATABASE_URL", raising=False)
    monkeypatch.setenv("ITAM_USER", "tester")


@pytest.fixture
def db_url(backend, tmp_path, request):
    """A SQLite file under tmp_path, or on PostgreSQL a fresh database at the head revision."""
    if backend == "postgresql":
        return request.getfixturevalue("pg_database")
    return f"sqlite:///{tmp_path / 'itam.sqlite3'}"


@pytest.fixture
def db(db_url):
    from itam.db import open_database

    database = open_database(db_url)
    yield database
    database.dispose()


@pytest.fixture
def services(db):
    from itam.services import Actor, Services

    return Services(db, Actor("tester", "cli"))


@pytest.fixture
def cli(db_url, capsys):
    """Run ``itam`` in-process on the test's database: ``cli(*argv, ok=True) -> (code, stdout, stderr)``."""
    from itam.cli.main import main

    def run(*argv, ok=True):
        code = main(["--db", db_url, *argv])
        out, err = capsys.readouterr()
        if ok:
            assert code == 0, err
        return code, out, err

    return run
