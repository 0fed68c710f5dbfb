"""Shared pieces of the hostile-input tests (issue 7 item 6).

Every test here feeds a file a user could hand to itam — inventory CSV/XLSX, nmap XML, wipe logs, index
specifications, certificate PDFs — built or mutated by hypothesis, through the same service (or command)
a front end uses, and checks what a user would notice:

* no unhandled exception: either a result, or an :class:`itam.errors.ItamError` with a message;
* nothing written on refusal: the database's every table, row by row, and the history chain head are the
  same before and after (:func:`snapshot`);
* no temporary file left behind (:func:`no_new_files`);
* imports stay all-or-nothing.

Runs are reproducible: examples are derived from each test's name (``derandomize=True``) and nothing is
read from or saved to hypothesis' example database. ``FUZZ_EXAMPLES=N`` raises every test's example count
to at least N and draws fresh random examples (a long manual run; see docs/TESTING.md).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from sqlalchemy import inspect, text

from itam.errors import ItamError

#: Set for a long manual run: every fuzz test runs at least this many examples, freshly random.
LONG_RUN = int(os.environ.get("FUZZ_EXAMPLES", "0") or 0)


def fuzz_settings(examples: int) -> settings:
    """The settings of one fuzz test: ``examples`` in ``make test``, ``FUZZ_EXAMPLES`` in a long run."""
    return settings(
        max_examples=max(examples, LONG_RUN),
        derandomize=not LONG_RUN,
        database=None,
        deadline=None,  # a shared, noisy machine: time is checked where it matters, not per example
        print_blob=True,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,  # the database is per test, its state compared per example
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
        ],
    )


def snapshot(db) -> str:  # noqa: ANN001 - itam.db.Database
    """A digest of everything in the database: every table's row count and rows, whatever the table (so the
    history, its chain head in ``chain_heads``, the ledgers and tables added later are all covered)."""
    digest = hashlib.sha256()
    with db.engine.connect() as conn:
        names = sorted(inspect(conn).get_table_names())
        for name in names:
            rows = conn.execute(text(f'SELECT * FROM "{name}"')).all()
            digest.update(f"{name}:{len(rows)}\n".encode())
            for row in sorted(repr(tuple(r)) for r in rows):
                digest.update(row.encode("utf-8", "surrogatepass"))
        conn.rollback()
    return digest.hexdigest()


def overlong_values(db) -> list[str]:  # noqa: ANN001
    """Values longer than their column allows. SQLite stores them anyway; PostgreSQL refuses the whole write
    with an error no user can act on, so a parser must cut or refuse them first."""
    from sqlalchemy import String, func, select

    from itam.models import Base

    found = []
    with db.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            for column in table.columns:
                if isinstance(column.type, String) and column.type.length:
                    longest = conn.execute(select(func.max(func.length(column)))).scalar()
                    if longest is not None and longest > column.type.length:
                        found.append(f"{table.name}.{column.name}: {longest} > {column.type.length}")
        conn.rollback()
    return found


def assert_refusal_is_clear(exc: BaseException) -> None:
    """What a user sees of a refusal: an ItamError with a sentence, not a bare exception name."""
    assert isinstance(exc, ItamError), f"{type(exc).__name__} escaped: {exc!r}"
    message = str(exc)
    assert message.strip() and len(message) > 10, f"{type(exc).__name__} without a clear message: {message!r}"
    assert "Traceback" not in message


def cli_refuses_cleanly(cli, *argv: str, codes: tuple[int, ...] = (0, 2, 3)) -> tuple[int, str, str]:  # noqa: ANN001
    """Run ``itam *argv``: it succeeds or refuses with an ``itam: error:`` line (or, for a dry run, the plan that
    shows the problems), never an internal error (exit 1 is one, unless ``codes`` allows it)."""
    code, out, err = cli(*argv, ok=False)
    assert code in codes, f"itam {argv[0]} exited {code}: {err[-2000:]}"
    assert "internal error" not in err and "Traceback" not in err, err[-2000:]
    if code in (2, 3):
        assert "itam: error: " in err or out.strip(), f"itam {argv[0]} exited {code} without a word"
    return code, out, err


def _listing(folder: Path) -> set[str]:
    if not folder.exists():
        return set()
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


@contextmanager
def no_new_files(*folders: Path) -> Iterator[None]:
    """Fail when the block leaves a file in one of ``folders`` that was not there before (give it the
    test's :func:`private_tmp` to watch temporary files too)."""
    before = {f: _listing(f) for f in folders}
    yield
    for folder in folders:
        # SQLite's own side files come and go with its connections.
        new = {n for n in _listing(folder) - before[folder] if not n.endswith(("-journal", "-wal", "-shm"))}
        assert not new, f"left behind in {folder}: {sorted(new)[:10]}"


@pytest.fixture
def private_tmp(tmp_path, monkeypatch) -> Path:
    """A temporary directory of this test's own, so that a left-over temporary file is seen."""
    folder = tmp_path / "systmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder
