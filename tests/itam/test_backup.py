"""Backups and restores: online, checked before they are kept or used, and nothing lost when they are refused."""

from __future__ import annotations

import json
import sqlite3

import pytest

from itam.db import backup as backups
from itam.db import open_database
from itam.errors import DatabaseTooNewError, IntegrityBreachError, ValidationError
from itam.services import Actor, AssetQuery, Services
from itam.services.demo import generate_demo

pytestmark = pytest.mark.sqlite_only  # the PostgreSQL path (pg_dump/pg_restore) is tested with the server fixture


@pytest.fixture
def fleet(services):
    generate_demo(services, count=40, seed=3)
    return services


def _counts(path) -> tuple[int, int]:
    con = sqlite3.connect(path)
    try:
        return (con.execute("SELECT count(*) FROM assets").fetchone()[0],
                con.execute("SELECT count(*) FROM history").fetchone()[0])
    finally:
        con.close()


def _tamper(path) -> None:
    con = sqlite3.connect(path)
    con.execute("UPDATE history SET reason = 'rewritten' WHERE seq = 3")
    con.commit()
    con.close()


def test_a_backup_is_a_checked_itam_database_taken_while_in_use(fleet, db, tmp_path):
    target = tmp_path / "backups" / "itam.backup"
    target.parent.mkdir()
    with db.read() as s:  # another reader holds the database open meanwhile
        s.connection()
        result = backups.backup(db, target)
    assert result.path == target and result.size == target.stat().st_size and len(result.sha256) == 64
    assert result.check.ok and result.check.assets == 40
    assert result.check.chains["history"] == result.check.history_entries > 40
    assert _counts(target) == (40, result.check.history_entries)
    assert not [p for p in target.parent.iterdir() if p != target]  # no temporary file left
    copy = open_database(f"sqlite:///{target}")  # the backup opens as an inventory
    try:
        assert Services(copy, Actor("tester", "cli")).assets.count(AssetQuery()) == 40
    finally:
        copy.dispose()


def test_a_tampered_database_is_not_backed_up(fleet, db, tmp_path):
    _tamper(db.engine.url.database)
    target = tmp_path / "itam.backup"
    with pytest.raises(IntegrityBreachError, match="history"):
        backups.backup(db, target)
    assert not target.exists() and not list(tmp_path.glob(".itam.backup.*"))


def test_restore_replaces_the_database_and_keeps_the_old_one(fleet, db, tmp_path):
    backup = backups.backup(db, tmp_path / "fleet.backup")
    other = tmp_path / "other.sqlite3"
    target = open_database(f"sqlite:///{other}")
    Services(target, Actor("tester", "cli")).assets.create({"asset_tag": "ONLY-HERE", "category": "laptop"})
    target.dispose()

    result = backups.restore(f"sqlite:///{other}", backup.path)
    assert result.check.ok and result.check.assets == 40
    assert _counts(other) == (40, backup.check.history_entries)
    assert result.safety_copy is not None and _counts(result.safety_copy)[0] == 1  # the database as it was


@pytest.mark.parametrize("damage", ["tampered", "newer", "not_a_backup", "truncated"])
def test_a_bad_backup_changes_nothing(fleet, db, tmp_path, damage):
    path = backups.backup(db, tmp_path / "fleet.backup").path
    if damage == "tampered":
        _tamper(path)
        error = IntegrityBreachError
    elif damage == "newer":
        con = sqlite3.connect(path)
        con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
        con.commit()
        con.close()
        error = DatabaseTooNewError
    elif damage == "not_a_backup":
        path.write_bytes(b"PK\x03\x04 a zip file, not a backup")
        error = ValidationError
    else:
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 3])
        error = ValidationError
    live = db.engine.url.database
    before = _counts(live)
    with pytest.raises(error):
        backups.restore(f"sqlite:///{live}", path)
    assert _counts(live) == before
    assert not list(tmp_path.glob("*.before-restore-*"))  # refused before anything was touched


def test_the_cli_backs_up_and_restores(fleet, cli, tmp_path, db_url):
    code, out, _ = cli("backup", str(tmp_path / "b.backup"), "--json")
    made = json.loads(out)
    assert made["check"]["assets"] == 40 and made["check"]["breaks"] == []
    code, _, err = cli("restore", str(tmp_path / "b.backup"), ok=False)
    assert code == 2 and "--yes" in err  # never replaced without confirmation
    code, out, _ = cli("restore", str(tmp_path / "b.backup"), "--yes")
    assert "hash chains verified" in out and "before-restore" in out


def test_the_message_for_a_wrong_file_reads_in_chinese(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("hello")
    with pytest.raises(ValidationError) as info:
        backups.backup_kind(path)
    assert "itam" in info.value.localized("zh_CN") and info.value.localized("zh_CN") != str(info.value)


def test_cancelling_a_backup_or_a_restore_writes_and_changes_nothing(fleet, db, tmp_path, monkeypatch):
    monkeypatch.setattr(backups, "PAGES_PER_STEP", 2)  # many steps, so there is a moment to cancel in
    seen = []
    with pytest.raises(backups.BackupCancelled):
        backups.backup(db, tmp_path / "c.backup", progress=lambda d, t: seen.append((d, t)),
                       is_cancelled=lambda: len(seen) >= 3)
    assert not list(tmp_path.glob("*c.backup*"))

    good = backups.backup(db, tmp_path / "good.backup").path
    other = tmp_path / "other.sqlite3"
    target = open_database(f"sqlite:///{other}")
    Services(target, Actor("tester", "cli")).assets.create({"asset_tag": "ONLY-HERE", "category": "laptop"})
    target.dispose()
    steps = []
    with pytest.raises(backups.BackupCancelled):
        backups.restore(f"sqlite:///{other}", good, progress=lambda d, t: steps.append(d),
                        is_cancelled=lambda: len(steps) >= 5)
    assert _counts(other)[0] == 1  # the copy was rolled back
    check = open_database(f"sqlite:///{other}")
    try:
        assert all(r.ok for r in Services(check, Actor("tester", "cli")).audit.verify_ledgers().values())
        assert Services(check, Actor("tester", "cli")).audit.verify().ok
    finally:
        check.dispose()
