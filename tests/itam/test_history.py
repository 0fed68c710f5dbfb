"""The history is complete (every kind of change leaves an entry) and tamper-evident."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from itam.models import Asset, HistoryEntry


def _count(services):
    with services.db.read() as s:
        return s.scalar(select(func.count()).select_from(HistoryEntry))


def _fill(services, n=6):
    for i in range(n):
        services.assets.create(
            {"asset_tag": f"A-{i}", "category": "monitor", "department": "Finance"}, macs=[f"00:1b:21:00:00:{i:02x}"]
        )
    services.lifecycle.move_many([f"A-{i}" for i in range(n)], "deployed")
    services.assets.update("A-0", {"department": "Sales"})


def test_every_change_kind_writes_an_entry(services):
    services.assets.create({"asset_tag": "A-1", "category": "laptop"}, macs=["00:1b:21:aa:bb:cc"])
    services.assets.update("A-1", {"location": "Shanghai office", "assignee": "李雷"})
    services.assets.add_medium("A-1", {"media_type": "nvme", "serial": "NV-1", "capacity_gb": "1024"})
    services.assets.set_addresses("A-1", macs=["00:1b:21:aa:bb:cd"])
    services.lifecycle.move("A-1", "deployed")
    d = services.assets.get("A-1")
    actions = [h.action for h in d.history]
    assert actions[0] == "create"
    assert "update" in actions and "media_added" in actions and "transition" in actions
    assert "address_added" in actions and "address_removed" in actions
    update = next(h for h in d.history if h.action == "update" and "location" in h.changes)
    assert update.changes["location"] == [None, "Shanghai office"]
    assert update.changes["assignee"] == [None, "李雷"]


def test_bulk_moves_write_one_entry_per_asset_with_a_shared_operation(services):
    _fill(services)
    with services.db.read() as s:
        rows = s.execute(
            select(HistoryEntry.asset_id, HistoryEntry.operation).where(HistoryEntry.transition == "deploy")
        ).all()
    assert sorted(r.asset_id for r in rows) == sorted(range(1, 7))
    assert len({r.operation for r in rows}) == 1 and rows[0].operation


def test_edit_without_change_writes_nothing(services):
    services.assets.create({"asset_tag": "A-1", "category": "laptop", "model": "T14"})
    before = _count(services)
    services.assets.update("A-1", {"model": "T14"})
    assert _count(services) == before


def test_orm_change_outside_a_unit_of_work_is_refused(services):
    services.assets.create({"asset_tag": "A-1", "category": "laptop"})
    with pytest.raises(RuntimeError, match="outside a unit of work"):
        with services.db.write() as s:
            s.scalar(select(Asset)).model = "sneaky"
            s.flush()
    assert services.assets.get("A-1").fields["model"] is None


def test_clean_chain_verifies(services):
    _fill(services)
    report = services.audit.verify()
    assert report.ok and report.checked == _count(services) == report.head_seq


class _Forger:
    """Plain SQL beside itam, as anyone holding the database's credentials could run (``?`` placeholders)."""

    def __init__(self, db):
        self.raw = db.engine.raw_connection()
        self.cur = self.raw.cursor()
        self.pg = db.engine.dialect.name == "postgresql"

    def execute(self, sql, params=()):
        self.cur.execute(sql.replace("?", "%s") if self.pg else sql, params)
        return self.cur

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if exc[0] is None:
            self.raw.commit()
        self.raw.close()


def _raw(db):
    return _Forger(db)


def test_edited_entry_is_reported_first(services):
    _fill(services)
    with _raw(services.db) as con:
        con.execute("UPDATE history SET reason = 'nothing to see' WHERE seq = 5")
    brk = services.audit.verify().first_break
    assert (brk.seq, brk.kind) == (5, "edited")


def test_edit_with_recomputed_hash_is_caught_by_the_next_link(services):
    """A forger who rehashes the edited entry still breaks the link to the entry after it."""
    from itam.history.chain import entry_hash

    _fill(services)
    with services.db.read() as s:
        e = s.scalar(select(HistoryEntry).where(HistoryEntry.seq == 4))
        forged = entry_hash(
            seq=e.seq, asset_id=e.asset_id, at=e.at, actor="mallory", source=e.source, action=e.action,
            transition=e.transition, reason=e.reason, changes=e.changes, operation=e.operation, prev_hash=e.prev_hash,
        )
    with _raw(services.db) as con:
        con.execute("UPDATE history SET actor='mallory', hash=? WHERE seq=4", (forged,))
    brk = services.audit.verify().first_break
    assert (brk.seq, brk.kind) == (5, "inserted")


def test_deleted_entry_is_reported(services):
    _fill(services)
    with _raw(services.db) as con:
        con.execute("DELETE FROM history WHERE seq = 7")
    brk = services.audit.verify().first_break
    assert (brk.seq, brk.kind) == (7, "deleted")


def test_deleted_tail_is_reported(services):
    _fill(services)
    total = _count(services)
    with _raw(services.db) as con:
        con.execute("DELETE FROM history WHERE seq = ?", (total,))
    brk = services.audit.verify().first_break
    assert (brk.seq, brk.kind) == (total, "truncated")


def test_inserted_entry_is_reported(services):
    _fill(services)
    with _raw(services.db) as con:
        con.execute("UPDATE history SET seq = seq + 1000 WHERE seq >= 3")
        con.execute("UPDATE history SET seq = seq - 999 WHERE seq >= 1003")
        row = con.execute("SELECT asset_id, at, actor, source, action, changes, prev_hash, hash FROM history WHERE seq = 2").fetchone()
        con.execute(
            "INSERT INTO history (seq, asset_id, at, actor, source, action, changes, prev_hash, hash) VALUES (3,?,?,?,?,?,?,?,?)",
            (row[0], row[1], "mallory", row[3], "update", '{"model":[null,"x"]}', row[7], "f" * 64),
        )
    brk = services.audit.verify().first_break
    assert (brk.seq, brk.kind) == (3, "edited")


def test_cli_audit_verify_exits_non_zero_on_tampering(services, capsys):
    from itam.cli.main import main

    _fill(services)
    url = services.db.url
    assert main(["--db", url, "audit", "verify"]) == 0
    with _raw(services.db) as con:
        con.execute("UPDATE history SET changes = '{}' WHERE seq = 2")
    assert main(["--db", url, "audit", "verify"]) == 4
    assert "BROKEN at entry 2" in capsys.readouterr().err
