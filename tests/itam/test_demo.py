"""The demo fleet: realistic spread, complete histories, guards respected, deterministic, run once."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import exists, func, select

from itam.errors import ValidationError
from itam.identifiers import is_randomized_mac
from itam.lifecycle.guards import unsanitized_media
from itam.models import Asset, AssetAddress, HistoryEntry, StorageMedium
from itam.services import AssetQuery
from itam.services.demo import generate_demo, plan_demo

TODAY = date(2026, 6, 30)
LEFT_CUSTODY = ("sold", "donated", "recycled", "destroyed")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from itam.db import open_database
    from itam.services import Actor, Services

    db = open_database(f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.sqlite3'}")
    services = Services(db, Actor("demo", "cli"))
    calls = []
    summary = generate_demo(services, count=300, seed=7, today=TODAY, progress=lambda done, total: calls.append((done, total)))
    yield services, summary, calls
    db.dispose()


def test_fleet_spreads_over_categories_and_statuses(demo):
    _, summary, _ = demo
    assert summary.assets == 300
    assert len(summary.by_category) >= 8, summary.by_category
    assert len(summary.by_status) >= 8, summary.by_status
    # Most of a living fleet is in use.
    assert summary.by_status["deployed"] > 100
    assert summary.people >= 30 and summary.locations >= 4 and summary.parties >= 4
    assert not summary.cancelled


def test_every_asset_has_history_and_the_chain_verifies(demo):
    services, summary, _ = demo
    with services.db.read() as s:
        bare = s.scalar(
            select(func.count()).select_from(Asset).where(~exists().where(HistoryEntry.asset_id == Asset.id))
        )
        moved = s.scalar(select(func.count(func.distinct(HistoryEntry.asset_id))).where(HistoryEntry.action == "transition"))
    assert bare == 0
    assert moved > 200
    report = services.audit.verify()
    assert report.ok, report.first_break
    assert report.checked == summary.history_entries


def test_some_assets_were_found_after_loss(demo):
    services, _, _ = demo
    with services.db.read() as s:
        found = s.execute(select(Asset.id, Asset.status).where(Asset.flag == "found_after_loss")).all()
    assert found
    assert all(status in ("in_stock", "deployed") for _, status in found)
    history = services.assets.get(found[0].id).history
    assert any(h.transition == "found" for h in history)


def test_nothing_data_bearing_left_custody_without_sanitized_media(demo):
    services, summary, _ = demo
    gone = sum(summary.by_status.get(st, 0) for st in LEFT_CUSTODY)
    assert gone > 10
    with services.db.read() as s:
        assets = list(s.scalars(select(Asset).where(Asset.status.in_(LEFT_CUSTODY), Asset.data_bearing.is_(True))))
        assert assets
        for a in assets:
            media = s.scalar(select(func.count()).select_from(StorageMedium).where(StorageMedium.asset_id == a.id))
            assert media >= 1, a.asset_tag
            assert unsanitized_media(s, a.id) == [], a.asset_tag
        # Some wipes failed or await verification, as in life.
        assert summary.sanitization_records > 30


def test_macs_carry_vendor_prefixes_and_identifiers_are_unique(demo):
    services, _, _ = demo
    with services.db.read() as s:
        macs = list(s.scalars(select(AssetAddress.value).where(AssetAddress.kind == "mac")))
        serials = list(s.scalars(select(Asset.serial)))
    assert len(macs) > 200
    assert not [m for m in macs if is_randomized_mac(m)]
    assert len(set(macs)) == len(macs)
    assert None not in serials and len(set(serials)) == len(serials)


def test_plan_is_deterministic_and_matches_what_was_written(demo):
    services, _, calls = demo
    first = plan_demo(count=300, seed=7, today=TODAY)
    again = plan_demo(count=300, seed=7, today=TODAY)
    other = plan_demo(count=300, seed=8, today=TODAY)
    key = [(p.values["asset_tag"], p.values["serial"], p.fate, len(p.steps)) for p in first]
    assert key == [(p.values["asset_tag"], p.values["serial"], p.fate, len(p.steps)) for p in again]
    assert key != [(p.values["asset_tag"], p.values["serial"], p.fate, len(p.steps)) for p in other]
    with services.db.read() as s:
        written = dict(s.execute(select(Asset.asset_tag, Asset.serial)).all())
    assert written == {p.values["asset_tag"]: p.values["serial"] for p in first}
    # Progress went up to its total.
    assert calls and calls[-1][0] == calls[-1][1]
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_a_second_run_refuses(demo):
    services, summary, _ = demo
    with pytest.raises(ValidationError, match="already holds 300 assets"):
        generate_demo(services, count=10)
    assert services.assets.count(AssetQuery()) == summary.assets


def test_cancelling_stops_between_transactions(services):
    seen = []
    summary = generate_demo(services, count=60, seed=1, progress=lambda d, t: seen.append(d), is_cancelled=lambda: bool(seen))
    assert summary.cancelled
    # The first goods-in batch was committed whole, with its history; nothing after it.
    assert summary.assets == 50
    assert summary.by_status == {"in_stock": 50}
    assert services.audit.verify().ok
