"""Substring search through the trigram indexes (SQLite FTS5 kept by triggers, PostgreSQL pg_trgm): the same
matches as a LIKE scan."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, text

from itam.db import search
from itam.models import Asset
from itam.services import AssetQuery
from itam.services.assets import search_condition


def _add(services):
    services.assets.create({"asset_tag": "IT-00042", "category": "laptop", "serial": "5CG1234XYZ",
                            "manufacturer": "Lenovo", "model": "ThinkPad T14 Gen 3", "hostname": "fin-lap-042",
                            "assignee": "王伟"}, macs=["00:1b:21:aa:bb:cc"], ips=["10.20.1.15"])
    services.assets.create({"asset_tag": "IT-00043", "category": "desktop", "serial": "CZC9876ABC",
                            "manufacturer": "HP", "model": "EliteDesk 800 G6", "assignee": "Alice Chen"})
    services.assets.create({"asset_tag": "MON-7", "category": "monitor", "manufacturer": "Dell", "model": "P2422H"})


def tags(services, term):
    return sorted(r.asset_tag for r in services.assets.list(AssetQuery(search=term, limit=50)).rows)


def test_trigram_search_finds_what_like_finds(services):
    _add(services)
    cases = {"thinkpad": ["IT-00042"], "1234x": ["IT-00042"], "LAP-04": ["IT-00042"], "1b:21:AA": ["IT-00042"],
             "20.1.1": ["IT-00042"], "王伟": ["IT-00042"], "Alice": ["IT-00043"], "it-000": ["IT-00042", "IT-00043"],
             "2422": ["MON-7"], "elite": ["IT-00043"], "nothing-like-this": [], 'a"b': [], "%": [], "G6": ["IT-00043"]}
    for term, expected in cases.items():
        assert tags(services, term) == expected, term
        assert services.assets.count(AssetQuery(search=term)) == len(expected), term
    with services.db.read() as s:
        for term in cases:
            kind = search.available(services.db.engine)
            assert kind is not None
            fast = s.scalar(select(func.count()).select_from(Asset).where(search_condition(term, trigram=kind)))
            slow = s.scalar(select(func.count()).select_from(Asset).where(search_condition(term, trigram=False)))
            assert fast == slow, term


def test_edits_and_new_addresses_are_searchable_at_once(services):
    _add(services)
    services.assets.update("IT-00043", {"serial": "NEWSERIAL99", "hostname": "hr-desk-7"}, reason="relabel")
    assert tags(services, "serial99") == ["IT-00043"] and tags(services, "CZC9876") == []
    assert tags(services, "hr-desk") == ["IT-00043"]
    services.assets.set_addresses("MON-7", macs=["3c:52:82:01:02:03"])
    assert tags(services, "82:01:02") == ["MON-7"]


@pytest.mark.sqlite_only  # FTS5 triggers; PostgreSQL's indexes: tests/itam/test_postgresql.py
def test_a_dropped_trigger_is_repaired_at_start_up(services, db):
    _add(services)
    with db.engine.begin() as conn:
        conn.execute(text("DROP TRIGGER asset_search_insert"))
        conn.execute(text("DELETE FROM asset_search"))
        assert search.ensure(conn) is True
        assert search.ensure(conn) is False
    assert tags(services, "thinkpad") == ["IT-00042"]
    services.assets.create({"asset_tag": "TAB-1", "category": "tablet", "model": "MatePad 11"})
    assert tags(services, "matepad") == ["TAB-1"]


def test_a_common_term_pages_by_scanning_with_the_same_result(services, monkeypatch):
    import itam.services.assets as assets_module

    _add(services)
    expected = tags(services, "it-000")
    monkeypatch.setattr(assets_module, "FEW_MATCHES", 1)  # two matches are now "many"
    assert tags(services, "it-000") == expected == ["IT-00042", "IT-00043"]
    assert services.assets.count(AssetQuery(search="it-000")) == 2


def test_a_bulk_import_is_searchable_and_keeps_the_triggers(services, tmp_path, db):
    csv = tmp_path / "a.csv"
    csv.write_text("Asset Tag,Category,Serial,Model,MAC Address\nIMP-1,laptop,SN-IMPORTED-77,Latitude 5440,"
                   "00:11:22:33:44:55\nIMP-2,desktop,SN-IMPORTED-78,OptiPlex 7090,\n", encoding="utf-8")
    services.transfer.apply_import(csv)
    assert tags(services, "imported-7") == ["IMP-1", "IMP-2"]
    assert tags(services, "33:44:55") == ["IMP-1"] and tags(services, "latitude") == ["IMP-1"]
    with db.engine.connect() as conn:
        assert search.ensure(conn) is False  # every trigger is back
    services.assets.create({"asset_tag": "AFTER-1", "category": "phone", "model": "Mate 50"})
    assert tags(services, "mate 5") == ["AFTER-1"]

