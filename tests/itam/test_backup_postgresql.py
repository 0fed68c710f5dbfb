"""Backups and restores of a PostgreSQL inventory: pg_dump's custom format, checked; restore in one transaction."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from itam.db import backup as backups
from itam.db import open_database
from itam.errors import IntegrityBreachError, ValidationError
from itam.services import Actor, AssetQuery, Services
from itam.services.demo import generate_demo

pytestmark = pytest.mark.sqlite_only  # not parametrised: it asks for the PostgreSQL database itself


@pytest.fixture
def pg(pg_database):
    db = open_database(pg_database)
    services = Services(db, Actor("tester", "cli"))
    generate_demo(services, count=30, seed=5)
    yield pg_database, db, services
    db.dispose()


def test_a_postgresql_backup_restores_what_it_held(pg, tmp_path):
    url, db, services = pg
    made = backups.backup(db, tmp_path / "team.backup")
    assert made.path.read_bytes()[:5] == b"PGDMP" and made.check.ok and made.check.assets == 30
    services.assets.create({"asset_tag": "AFTER-BACKUP", "category": "laptop"})
    db.dispose()
    restored = backups.restore(url, made.path)
    assert restored.check.ok and restored.check.assets == 30
    assert restored.safety_copy is not None and restored.safety_copy.read_bytes()[:5] == b"PGDMP"
    again = open_database(url)
    try:
        assert Services(again, Actor("tester", "cli")).assets.count(AssetQuery()) == 30
        assert Services(again, Actor("tester", "cli")).audit.verify().ok
    finally:
        again.dispose()


def test_a_tampered_postgresql_database_is_not_backed_up(pg, tmp_path):
    url, db, _ = pg
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE history SET reason = 'rewritten' WHERE seq = 3"))
    with pytest.raises(IntegrityBreachError):
        backups.backup(db, tmp_path / "bad.backup")
    assert not (tmp_path / "bad.backup").exists()


def test_a_sqlite_backup_is_not_restored_into_postgresql(pg, tmp_path):
    url, db, _ = pg
    fake = tmp_path / "x.backup"
    fake.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    with pytest.raises(ValidationError, match="sqlite backup"):
        backups.restore(url, fake)
