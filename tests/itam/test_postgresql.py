"""PostgreSQL for teams: migrations both ways, its own search indexes, writers that queue, clear connection
errors, and several processes working at once without losing anything (the session's own server: tests/pg.py).

Every service and CLI test under tests/itam also runs on PostgreSQL ([postgresql]); these are the ones
that only make sense there.
"""

from __future__ import annotations

import threading
import time

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from itam.db import open_database, search
from itam.db.migrate import alembic_config, head_revision
from itam.errors import DatabaseError, DatabaseLockedError
from itam.models import Base
from itam.services import Actor, AssetQuery, Services
from tests import mixed_workload


@pytest.fixture
def empty_url(pg_server):
    """A new, empty database (not migrated)."""
    name = pg_server.create_database()
    yield pg_server.url(name)
    pg_server.drop_database(name)


@pytest.fixture
def pg_services(pg_database):
    db = open_database(pg_database)
    yield Services(db, Actor("tester", "cli"))
    db.dispose()


def _alembic(url: str, verb: str, revision: str) -> None:
    engine = create_engine(url)
    try:
        cfg = alembic_config()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            getattr(command, verb)(cfg, revision)
    finally:
        engine.dispose()


def _not_search(name, type_, _parents):  # noqa: ANN001 - the pg_trgm indexes live outside the models
    return not (type_ in ("table", "index") and name and name.startswith(("asset_search", "address_search")))


def test_migrations_run_down_to_nothing_and_up_again(empty_url):
    db = open_database(empty_url)
    try:
        with db.engine.connect() as conn:
            assert MigrationContext.configure(conn).get_current_revision() == head_revision()
        assert "asset_search_text" in {i["name"] for i in inspect(db.engine).get_indexes("assets")}
    finally:
        db.dispose()
    _alembic(empty_url, "downgrade", "base")
    engine = create_engine(empty_url)
    assert set(inspect(engine).get_table_names()) == {"alembic_version"}
    engine.dispose()
    db = open_database(empty_url)  # and up again, as a user's next start would
    try:
        with db.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True,
                                                                          "include_name": _not_search}), Base.metadata)
        assert diff == [], diff
        sv = Services(db, Actor("tester", "cli"))
        sv.assets.create({"asset_tag": "A-1", "category": "laptop", "model": "ThinkPad T14"})
        assert [r.asset_tag for r in sv.assets.list(AssetQuery(search="inkpad")).rows] == ["A-1"]
    finally:
        db.dispose()


def test_upgrade_to_0003_turns_recorded_moves_into_lifecycle_events(empty_url):
    """The data migration of 0003 on PostgreSQL: real timestamps and booleans instead of SQLite's text."""
    _alembic(empty_url, "upgrade", "0002")
    engine = create_engine(empty_url)
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO assets (id, category, model, department, purchase_date, weight_kg, stage, status, data_bearing,"
            " created_at, updated_at, version) VALUES (1, 'laptop', 'T14', 'Finance', '2021-01-01', 1.4, 4, 'sold', false,"
            " '2021-01-01', '2025-02-01', 3)")
        for seq, (transition, before, after, at) in enumerate((
                ("deploy", "in_stock", "deployed", "2021-01-05 09:00:00"),
                ("retire", "deployed", "retired", "2025-01-10 09:00:00"),
                ("sell", "retired", "sold", "2025-02-01 09:00:00")), start=1):
            conn.execute(text(
                "INSERT INTO history (seq, asset_id, at, actor, source, action, transition, changes, prev_hash, hash)"
                " VALUES (:seq, 1, :at, 'ann', 'cli', 'transition', :t, :changes, '', '')"),
                {"seq": seq, "at": at, "t": transition, "changes": f'{{"status": ["{before}", "{after}"]}}'})
    engine.dispose()
    db = open_database(empty_url)
    try:
        with db.engine.connect() as conn:
            events = conn.exec_driver_sql(
                "SELECT transition, pathway, from_status, to_status, to_char(occurred_at, 'YYYY-MM-DD HH24:MI'),"
                " certified, mass_kg FROM lifecycle_events ORDER BY id").all()
            out = conn.exec_driver_sql("SELECT to_char(out_of_service_at, 'YYYY-MM-DD') FROM assets").scalar_one()
    finally:
        db.dispose()
    assert [tuple(e) for e in events] == [
        ("retire", "retire", "deployed", "retired", "2025-01-10 09:00", False, 1.4),
        ("sell", "remarket", "retired", "sold", "2025-02-01 09:00", False, 1.4),
    ]
    assert out == "2025-01-10"


def test_search_uses_trigram_indexes_and_a_dropped_one_is_rebuilt_at_start_up(pg_services):
    sv = pg_services
    sv.assets.create({"asset_tag": "IT-00042", "category": "laptop", "serial": "5CG1234XYZ", "model": "ThinkPad T14"},
                     macs=["00:1b:21:aa:bb:cc"])
    sv.assets.create({"asset_tag": "IT-00043", "category": "desktop", "model": "EliteDesk 800 G6"})
    assert search.available(sv.db.engine) == search.PG_TRGM
    with sv.db.engine.begin() as conn:
        conn.execute(text("DROP INDEX asset_search_text"))
        assert search.ensure(conn) is True
        assert search.ensure(conn) is False
    with sv.db.engine.begin() as conn:
        conn.execute(text("SET LOCAL enable_seqscan = off"))  # two rows: make the planner show what it could use
        assets_sql, addresses_sql = search.lookups(search.PG_TRGM, "inkpa", "%inkpa%")
        compiled = [select_.compile(dialect=conn.dialect) for select_ in (assets_sql, addresses_sql)]
        plans = ["\n".join(r[0] for r in conn.exec_driver_sql(f"EXPLAIN {c}", c.params)) for c in compiled]
    assert "asset_search_text" in plans[0], plans  # the lookup is the indexed expression itself
    assert "address_search_value" in plans[1], plans
    for term, expected in {"thinkpad": ["IT-00042"], "1B:21:aa": ["IT-00042"], "it-0004": ["IT-00042", "IT-00043"],
                           "g6": ["IT-00043"], "%": [], "1234_": [], "4XYZ": ["IT-00042"],
                           "00042\x1f5CG": []}.items():  # (tag, separator, serial: never across two columns)
        assert sorted(r.asset_tag for r in sv.assets.list(AssetQuery(search=term)).rows) == expected, term


def test_a_writer_kept_waiting_too_long_gets_a_clear_error_and_writes_nothing(pg_services, monkeypatch):
    """Writers queue on one advisory lock (as on SQLite's BEGIN IMMEDIATE); one held for longer than the lock
    timeout — a colleague's stuck transaction — ends in DatabaseLockedError, not a hang or a traceback."""
    from itam.db import engine as engine_mod

    sv = pg_services
    sv.assets.create({"asset_tag": "A-1", "category": "laptop"})
    monkeypatch.setattr(engine_mod, "PG_LOCK_TIMEOUT_S", 1)
    other = open_database(sv.db.url)
    try:
        with other.write() as s:  # another workstation's write transaction, left open
            s.connection()
            started = time.monotonic()
            with pytest.raises(DatabaseLockedError, match="busy with another user's change for 1 s"):
                sv.assets.update("A-1", {"notes": "changed"})
            assert 0.9 < time.monotonic() - started < 10
    finally:
        other.dispose()
    assert sv.assets.get("A-1").fields["notes"] is None
    assert sv.audit.verify().ok


def test_writers_queue_and_readers_do_not_wait(pg_services):
    """While one write transaction is open, a read answers at once and a second writer waits for the commit."""
    sv = pg_services
    sv.assets.create({"asset_tag": "A-1", "category": "laptop"})
    done = {}

    def second_writer():
        done["start"] = time.monotonic()
        sv.assets.update("A-1", {"notes": "second"})
        done["end"] = time.monotonic()

    with sv.db.write() as s:
        s.connection()
        t = threading.Thread(target=second_writer)
        t.start()
        read_started = time.monotonic()
        assert sv.assets.get("A-1").fields["notes"] is None
        assert time.monotonic() - read_started < 2
        time.sleep(0.5)
        assert "end" not in done  # still queued behind this transaction
    t.join(30)
    assert done["end"] - done["start"] >= 0.4
    assert sv.assets.get("A-1").fields["notes"] == "second"


def test_connection_problems_are_explained(pg_server):
    wrong_password = pg_server.url().replace(pg_server.password, "not-the-password")
    with pytest.raises(DatabaseError, match="Cannot connect to the database server.*password authentication failed"):
        open_database(wrong_password)
    with pytest.raises(DatabaseError, match='database "no_such_db" does not exist'):
        open_database(pg_server.url("no_such_db"))
    with pytest.raises(DatabaseError) as excinfo:
        open_database(wrong_password)
    assert pg_server.password not in str(excinfo.value) and "***" in str(excinfo.value)


def test_four_clients_at_once_lose_nothing(pg_database, tmp_path):
    """Four processes move, edit, import, issue certificates and read for a few seconds on one database:
    no update is lost or overwritten, conflicts are reported, certificate numbers stay gapless and unique."""
    plan = mixed_workload.prepare(pg_database, str(tmp_path / "data"), shared=3, wiped=3)
    reports = mixed_workload.run_clients(plan, 4, 4.0, seed=7, timeout=120)
    findings = mixed_workload.check(plan, reports)
    assert findings.ok, "\n".join(findings.problems)
    totals = findings.totals
    # Every kind of operation happened (contention itself is left to chance: the invariants hold either way).
    assert all(totals[op] > 0 for op in ("read", "import", "cert")), totals
    assert totals["move"] + findings.refused > 0 and totals["edit"] + findings.conflicts > 0, totals
    assert findings.certificates == totals["cert"]


def test_two_corrections_of_one_certificate_at_once_one_wins(pg_database, tmp_path):
    """Issuing does not queue behind everyone's edits on PostgreSQL, but issues of one series still run one
    at a time: of two people correcting the same certificate at the same moment, one is told it was
    already superseded."""
    from itam.errors import ValidationError

    plan = mixed_workload.prepare(pg_database, str(tmp_path / "data"), shared=0, wiped=1)
    first = open_database(pg_database)
    try:
        original, _ = Services(first, Actor("ann", "gui")).certificates.issue_sanitization(plan.wiped[0])
    finally:
        first.dispose()
    barrier, results = threading.Barrier(2), {}

    def correct(who):
        db = open_database(pg_database)
        try:
            sv = Services(db, Actor(who, "gui"))
            barrier.wait(30)
            results[who] = sv.certificates.issue_sanitization(plan.wiped[0], supersedes=original.number,
                                                               reason=f"{who} fixes a typo")[0].number
        except ValidationError as exc:
            results[who] = exc
        finally:
            db.dispose()

    threads = [threading.Thread(target=correct, args=(who,)) for who in ("bob", "eve")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    numbers = [r for r in results.values() if isinstance(r, str)]
    refusals = [r for r in results.values() if isinstance(r, ValidationError)]
    assert numbers == ["DS-000002"] and len(refusals) == 1, results
    assert "already superseded by DS-000002" in str(refusals[0])


def test_a_database_is_reused_only_empty_and_in_the_templates_shape(pg_server):
    """The suite's own isolation (tests/pg.py): a finished test's database is emptied for the next one, with
    its ids starting again at 1 — unless the test changed its shape, then the next test gets a new copy."""
    name = pg_server.migrated_database()
    db = open_database(pg_server.url(name))
    Services(db, Actor("tester", "cli")).assets.create({"asset_tag": "A-1", "category": "laptop"})
    db.dispose()
    pg_server.release_database(name)
    again = pg_server.migrated_database()
    assert again == name
    db = open_database(pg_server.url(again))
    sv = Services(db, Actor("tester", "cli"))
    assert sv.assets.count(AssetQuery()) == 0 and sv.audit.verify().checked == 0
    assert sv.assets.create({"asset_tag": "B-1", "category": "laptop"}).id == 1
    with db.engine.begin() as conn:
        conn.exec_driver_sql("DROP INDEX asset_search_text")
    db.dispose()
    pg_server.release_database(again)
    fresh = pg_server.migrated_database()
    try:
        assert fresh != again
        engine = create_engine(pg_server.url(fresh))
        assert "asset_search_text" in {i["name"] for i in inspect(engine).get_indexes("assets")}
        with engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM assets").scalar() == 0
        engine.dispose()
    finally:
        pg_server.release_database(fresh)


def test_workstations_starting_at_once_on_a_new_database_migrate_it_once(empty_url):
    barrier, errors, opened = threading.Barrier(3), [], []

    def start():
        try:
            barrier.wait(30)
            db = open_database(empty_url)
            opened.append(db)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    try:
        assert errors == [] and len(opened) == 3
        with opened[0].engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").all() == [(head_revision(),)]
        Services(opened[1], Actor("tester", "cli")).assets.create({"asset_tag": "A-1", "category": "laptop"})
    finally:
        for db in opened:
            db.dispose()
