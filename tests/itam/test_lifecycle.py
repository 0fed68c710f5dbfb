"""Transitions and guards: what a user can and cannot do to an asset's status."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from itam.errors import ConfigurationError, GuardError, TransitionError, ValidationError
from itam.lifecycle import default_lifecycle, load_lifecycle
from itam.models import StorageMedium
from itam.services.sanitization import WipeEntry


def laptop(services, tag="L-1", media=({"media_type": "ssd", "serial": "SSD-1"},), **extra):
    return services.assets.create({"asset_tag": tag, "category": "laptop", **extra}, media=list(media))


def verified_wipe(services, asset_id, *, verified=True, result="pass", category="purge"):
    """Record a wipe of every medium through the service (destruction needs no verification)."""
    technique = "shred" if category == "destroy" else "crypto_erase"
    for m in services.assets.get(asset_id).media:
        services.sanitization.record(
            asset_id, m.id,
            WipeEntry(category=category, technique=technique, result=result, ended_at=datetime(2026, 1, 1),
                      operator="op", verification="full" if verified else "none",
                      verification_result="pass" if verified else None),
        )


def test_shipped_transition_table_is_consistent():
    lc = default_lifecycle()
    assert {s.number for s in lc.stages} == {1, 2, 3, 4, 5, 6}
    assert lc.initial_status.key == "in_stock"
    for status in ("recycled", "destroyed"):
        assert lc.statuses[status].terminal
        assert lc.allowed_from(status) == []


def test_new_asset_starts_in_stock_at_stage_5(services):
    d = laptop(services)
    assert (d.status, d.stage) == ("in_stock", 5)


def test_move_through_the_chain_writes_history_with_reason(services):
    laptop(services, data_bearing="no")
    services.lifecycle.move("L-1", "deployed")
    d = services.lifecycle.move("L-1", "retired", reason="refresh cycle")
    assert d.status == "retired"
    last = d.history[-1]
    assert last.action == "transition" and last.transition == "retire" and last.reason == "refresh cycle"
    assert last.changes["status"] == ["deployed", "retired"]
    assert last.actor == "tester" and last.source == "cli"


def test_move_not_in_table_is_refused_with_the_allowed_targets(services):
    laptop(services)
    with pytest.raises(TransitionError, match="can move to: deployed"):
        services.lifecycle.move("L-1", "sold")


def test_required_reason_is_enforced(services):
    laptop(services)
    with pytest.raises(ValidationError, match="needs: reason"):
        services.lifecycle.move("L-1", "retired")
    assert services.assets.get("L-1").status == "in_stock"


def test_data_bearing_asset_cannot_leave_custody_unsanitized(services):
    d = laptop(services)
    services.lifecycle.move("L-1", "retired", reason="old")
    with pytest.raises(GuardError, match="SSD-1"):
        services.lifecycle.move("L-1", "sold")
    with pytest.raises(GuardError):
        services.lifecycle.move("L-1", "recycled")
    # Unverified or failed wipes do not count.
    verified_wipe(services, d.id, verified=False)
    with pytest.raises(GuardError):
        services.lifecycle.move("L-1", "sold")
    verified_wipe(services, d.id, result="fail")
    with pytest.raises(GuardError):
        services.lifecycle.move("L-1", "sold")
    assert services.assets.get("L-1").status == "retired"
    verified_wipe(services, d.id)
    assert services.lifecycle.move("L-1", "sold").status == "sold"


def test_destruction_record_satisfies_the_guard_without_verification(services):
    d = laptop(services)
    services.lifecycle.move("L-1", "retired", reason="broken")
    verified_wipe(services, d.id, verified=False, category="destroy")
    assert services.lifecycle.move("L-1", "destroyed", reason="shredded").status == "destroyed"


def test_data_bearing_asset_without_media_is_refused(services):
    laptop(services, media=())
    services.lifecycle.move("L-1", "retired", reason="old")
    with pytest.raises(GuardError, match="no storage media recorded"):
        services.lifecycle.move("L-1", "sold")


def test_not_data_bearing_asset_passes_the_guard(services):
    services.assets.create({"asset_tag": "M-1", "category": "monitor"})
    services.lifecycle.move("M-1", "retired", reason="flicker")
    assert services.lifecycle.move("M-1", "recycled").status == "recycled"


@pytest.mark.parametrize("terminal", ["recycled", "destroyed"])
def test_recycled_or_destroyed_never_returns(services, terminal):
    services.assets.create({"asset_tag": "M-1", "category": "monitor"})
    services.lifecycle.move("M-1", "retired", reason="old")
    services.lifecycle.move("M-1", terminal, reason="end")
    for target in ("deployed", "in_stock", "retired", "in_repair", "lost_stolen"):
        with pytest.raises(TransitionError, match="never returns"):
            services.lifecycle.move("M-1", target, reason="try")


def test_terminal_exit_in_data_is_refused_at_load(tmp_path):
    bad = (tmp_path / "lc.toml")
    from itam.paths import resource

    text = resource("lifecycle.toml").read_text(encoding="utf-8")
    text += '\n[[transition]]\nkey = "revive"\nname = "Revive"\nname_zh = "复活"\nfrom = ["recycled"]\nto = "deployed"\n'
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigurationError, match="terminal"):
        load_lifecycle(bad)


def test_ambiguous_or_unknown_entries_are_refused_at_load(tmp_path):
    from itam.paths import resource

    text = resource("lifecycle.toml").read_text(encoding="utf-8")
    text += '\n[[transition]]\nkey = "again"\nname = "x"\nname_zh = "x"\nfrom = ["in_stock"]\nto = "deployed"\nguards = ["nope"]\n'
    path = tmp_path / "lc.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigurationError) as err:
        load_lifecycle(path)
    assert "both move in_stock → deployed" in str(err.value)
    assert "unknown guard 'nope'" in str(err.value)


def test_lost_asset_found_again_is_flagged_not_silently_revived(services):
    laptop(services)
    services.lifecycle.move("L-1", "deployed")
    services.lifecycle.move("L-1", "lost_stolen", reason="left on train")
    d = services.lifecycle.move("L-1", "in_stock", reason="returned by rail company")
    assert d.flag == "found_after_loss"
    assert d.flag_reason == "returned by rail company"
    assert d.history[-1].changes["flag"] == [None, "found_after_loss"]
    cleared = services.assets.clear_flag("L-1", "checked and reimaged")
    assert cleared.flag is None and cleared.history[-1].action == "flag_cleared"


def test_status_cannot_be_edited_directly(services):
    laptop(services)
    with pytest.raises(ValidationError, match="lifecycle move"):
        services.assets.update("L-1", {"status": "sold"})


def test_party_is_required_for_shipping_and_recorded_as_holder(services):
    from itam.services.parties import PartyService

    PartyService(services.ctx).add("GreenITAD", "itad_vendor", certifications=[("R2v3", "R2-0001")])
    services.assets.create({"asset_tag": "M-1", "category": "monitor"})
    services.lifecycle.move("M-1", "retired", reason="old")
    with pytest.raises(ValidationError, match="party"):
        services.lifecycle.move("M-1", "in_transit")
    d = services.lifecycle.move("M-1", "in_transit", party="GreenITAD")
    assert d.holder == "GreenITAD"
    assert d.history[-1].changes["holder"] == [None, "GreenITAD"]


def test_lever_and_stage_follow_the_transition(services):
    services.assets.create({"asset_tag": "M-1", "category": "monitor"})
    services.lifecycle.move("M-1", "retired", reason="old")
    d = services.lifecycle.move("M-1", "harvested")
    assert (d.lever, d.stage) == ("harvest", 2)


def test_bulk_move_is_all_or_nothing_and_writes_history_for_each(services):
    for i in range(5):
        services.assets.create({"asset_tag": f"M-{i}", "category": "monitor"})
    laptop(services, tag="L-9")  # in stock too, data-bearing
    refs = [f"M-{i}" for i in range(5)]
    result = services.lifecycle.move_many(refs, "retired", reason="office move")
    assert result.moved == 5
    for r in refs:
        h = services.assets.get(r).history[-1]
        assert h.transition == "retire" and h.reason == "office move"
    # One data-bearing asset without wipes blocks the whole batch.
    services.lifecycle.move("L-9", "retired", reason="old")
    with pytest.raises(TransitionError, match="1 of 6 assets cannot move; nothing was moved"):
        services.lifecycle.move_many([*refs, "L-9"], "recycled")
    assert {services.assets.get(r).status for r in refs} == {"retired"}


def test_unknown_asset_is_reported(services):
    from itam.errors import NotFoundError

    with pytest.raises(NotFoundError):
        services.lifecycle.move("NOPE", "deployed")


def test_degaussing_needs_no_verification(services):
    d = services.assets.create({"asset_tag": "T-1", "category": "storage"}, media=[{"media_type": "tape", "serial": "LTO-1"}])
    services.lifecycle.move("T-1", "retired", reason="old library")
    view = services.sanitization.record(
        "T-1", d.media[0].id,
        WipeEntry(category="purge", technique="degauss", result="pass", ended_at=datetime(2026, 1, 1)),
    )
    assert view.verified and view.verification == "none"
    assert services.lifecycle.move("T-1", "recycled").status == "recycled"


def test_chassis_whose_drives_were_removed_can_leave(services):
    d = laptop(services)
    services.lifecycle.move("L-1", "retired", reason="old")
    with services.ctx.unit_of_work() as uow:
        with uow.action("update", reason="drive pulled for shredding"):
            for m in uow.session.scalars(select(StorageMedium).where(StorageMedium.asset_id == d.id)):
                m.removed = True
    after = services.assets.get("L-1")
    assert any("removed" in k for h in after.history for k in h.changes)
    assert services.lifecycle.move("L-1", "recycled").status == "recycled"
