"""Storage: migrations match the models, newer databases are refused, SQLite is set up and backed up."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from itam.db import open_database
from itam.db.migrate import head_revision
from itam.errors import DatabaseError, DatabaseLockedError, DatabaseTooNewError
from itam.models import Base


def test_migrations_match_the_models(db):
    def not_search(name, type_, _parent_names):  # noqa: ANN001 - the FTS5 tables, pg_trgm indexes live outside the models
        return not (type_ in ("table", "index") and name and name.split("_")[0] in ("asset", "address")
                    and "search" in name)

    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True, "include_name": not_search})
        diff = compare_metadata(context, Base.metadata)
    assert diff == [], f"models and migrations differ: {diff}"


@pytest.mark.sqlite_only  # PRAGMAs
def test_sqlite_connection_settings(db):
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def test_default_database_lives_in_the_data_dir(tmp_path):
    db = open_database()
    assert db.engine.url.database == str(tmp_path / "data" / "itam.sqlite3")
    db.dispose()


def test_environment_variable_selects_the_database(tmp_path, monkeypatch):
    target = tmp_path / "env.sqlite3"
    monkeypatch.setenv("ITAM_DATABASE_URL", f"sqlite:///{target}")
    open_database().dispose()
    assert target.exists()


def test_database_from_a_newer_version_is_refused_and_untouched(db_url, db, backend):
    with db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999_future'")
    db.dispose()
    with pytest.raises(DatabaseTooNewError, match="newer version of itam"):
        open_database(db_url)
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").all() == [("9999_future",)]
    db.dispose()
    if backend == "sqlite":
        assert not list(db_path_backups(db.engine.url.database))


def db_path_backups(path):
    import glob

    return glob.glob(f"{path}.*.bak")


@pytest.mark.sqlite_only  # a copy of the SQLite file
def test_sqlite_file_is_backed_up_before_a_migration(tmp_path, db_url, db, services):
    services.assets.create({"asset_tag": "KEEP", "category": "laptop"})
    path = db.engine.url.database
    db.dispose()
    # Pretend the file is one revision behind: the upgrade must back it up first.
    with sqlite3.connect(path) as con:
        con.execute("UPDATE alembic_version SET version_num = ?", (head_revision(),))
    from itam.db.migrate import backup_sqlite

    backup = backup_sqlite(open_database(db_url, upgrade=False), head_revision())
    assert backup is not None and backup.exists()
    with sqlite3.connect(backup) as con:
        assert con.execute("SELECT asset_tag FROM assets").fetchone() == ("KEEP",)


def test_upgrade_from_revision_0001_keeps_the_data_and_makes_a_backup(tmp_path):
    """A database of the first release, with a wipe record in it, is backed up and upgraded in place."""
    from alembic import command
    from sqlalchemy import create_engine

    from itam.db.migrate import alembic_config

    path = tmp_path / "old.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        conn.exec_driver_sql(
            "INSERT INTO assets (id, category, stage, status, data_bearing, created_at, updated_at, version)"
            " VALUES (1, 'laptop', 5, 'retired', 1, '2026-01-01', '2026-01-01', 1)"
        )
        conn.exec_driver_sql(
            "INSERT INTO storage_media (id, asset_id, media_type, removed, created_at) VALUES (1, 1, 'ssd', 0, '2026-01-01')"
        )
        conn.exec_driver_sql(
            "INSERT INTO sanitization_records (medium_id, category, technique, result, verified, performed_at, created_at)"
            " VALUES (1, 'purge', 'crypto_erase', 'pass', 1, '2026-01-02', '2026-01-02')"
        )
    engine.dispose()

    db = open_database(str(path))
    try:
        with db.engine.connect() as conn:
            assert MigrationContext.configure(conn).get_current_revision() == head_revision()
            row = conn.exec_driver_sql("SELECT technique, verified, verification FROM sanitization_records").one()
        assert tuple(row) == ("crypto_erase", 1, "none")
    finally:
        db.dispose()
    backups = list(tmp_path.glob("old.sqlite3.0001.*.bak"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as con:
        assert con.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)


def test_foreign_database_is_refused(tmp_path):
    path = tmp_path / "foreign.sqlite3"
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE invoices (id INTEGER)")
    with pytest.raises(DatabaseError, match="not itam's"):
        open_database(str(path))


def test_not_a_database_file_gets_a_clear_error(tmp_path):
    path = tmp_path / "junk.sqlite3"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(DatabaseError, match="not an itam database|damaged"):
        open_database(str(path))


@pytest.mark.sqlite_only  # SQLite's file lock; PostgreSQL's lock timeout: tests/itam/test_postgresql.py
def test_locked_database_gives_a_clear_error_and_writes_nothing(db, services, monkeypatch):
    from itam.db import engine as engine_mod

    services.assets.create({"asset_tag": "A-1", "category": "laptop"})
    path = db.engine.url.database
    # A short busy timeout so that the test does not wait 15 s.
    monkeypatch.setattr(engine_mod, "SQLITE_BUSY_TIMEOUT_MS", 200)
    short = open_database(f"sqlite:///{path}")
    from itam.services import Actor, Services

    other = Services(short, Actor("tester", "cli"))
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DatabaseLockedError, match="locked by another program"):
            other.assets.update("A-1", {"notes": "changed"})
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert services.assets.get("A-1").fields["notes"] is None
    short.dispose()


def test_two_writers_queue_instead_of_failing(db, services):
    """BEGIN IMMEDIATE makes a second writer wait for the first instead of failing with SQLITE_BUSY."""
    services.assets.create({"asset_tag": "A-1", "category": "laptop"})
    errors = []

    def edit(i):
        try:
            for j in range(10):
                services.assets.update("A-1", {"notes": f"writer {i} edit {j}"})
        except Exception as exc:  # noqa: BLE001 - the test reports any failure
            errors.append(exc)

    threads = [threading.Thread(target=edit, args=(i,)) for i in range(3)]
    start = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    assert time.monotonic() - start < 60
    assert services.audit.verify().ok
    assert services.assets.get("A-1").version == 31


def test_stale_edit_is_refused(services):
    d = services.assets.create({"asset_tag": "A-1", "category": "laptop"})
    services.assets.update("A-1", {"notes": "first"})
    from itam.errors import ValidationError

    with pytest.raises(ValidationError, match="changed by tester at .* since you opened it"):
        services.assets.update("A-1", {"notes": "second"}, expected_version=d.version)


def test_upgrade_to_0003_turns_recorded_moves_into_lifecycle_events(tmp_path):
    """Moves in the history of a 0002 database become dated events; assets out of service get the date."""
    from alembic import command
    from sqlalchemy import create_engine

    from itam.db.migrate import alembic_config

    path = tmp_path / "old.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0002")
        conn.exec_driver_sql(
            "INSERT INTO assets (id, category, model, department, purchase_date, weight_kg, stage, status, data_bearing,"
            " created_at, updated_at, version) VALUES (1, 'laptop', 'T14', 'Finance', '2021-01-01', 1.4, 4, 'sold', 0,"
            " '2021-01-01', '2025-02-01', 3)"
        )
        for seq, (transition, before, after, at) in enumerate((
                ("deploy", "in_stock", "deployed", "2021-01-05 09:00:00"),
                ("retire", "deployed", "retired", "2025-01-10 09:00:00"),
                ("sell", "retired", "sold", "2025-02-01 09:00:00")), start=1):
            conn.exec_driver_sql(
                "INSERT INTO history (seq, asset_id, at, actor, source, action, transition, changes, prev_hash, hash)"
                f" VALUES ({seq}, 1, '{at}', 'ann', 'cli', 'transition', '{transition}',"
                f" '{{\"status\": [\"{before}\", \"{after}\"]}}', '', '')"
            )
    engine.dispose()
    db = open_database(str(path))
    try:
        with db.engine.connect() as conn:
            events = conn.exec_driver_sql(
                "SELECT transition, pathway, from_status, to_status, occurred_at, category, department, mass_kg"
                " FROM lifecycle_events ORDER BY id").all()
            out = conn.exec_driver_sql("SELECT out_of_service_at FROM assets").scalar_one()
    finally:
        db.dispose()
    assert [tuple(e) for e in events] == [
        ("retire", "retire", "deployed", "retired", "2025-01-10 09:00:00", "laptop", "Finance", 1.4),
        ("sell", "remarket", "retired", "sold", "2025-02-01 09:00:00", "laptop", "Finance", 1.4),
    ]
    assert out == "2025-01-10 09:00:00"
