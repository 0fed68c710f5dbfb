"""Recording sanitization: the NIST table, verification, policy, the custody guard, and the history."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from itam.errors import GuardError, NotFoundError, ValidationError
from itam.services.sanitization import WipeEntry

WHEN = datetime(2025, 3, 14, 10, 30)


def entry(**kw) -> WipeEntry:
    base = dict(category="purge", technique="nvme_sanitize", tool_label="NVMe Sanitize, crypto erase", result="pass",
                ended_at=WHEN, verification="sampling", verification_pct=10.0, verification_result="pass",
                operator="Wang Lei")
    base.update(kw)
    return WipeEntry(**base)


def _retired_laptop(services, tag="IT-000101", serial="PF2ABCD1", media=None):
    media = media or [{"media_type": "nvme", "manufacturer": "Samsung", "model": "PM9A1", "serial": f"S4EV{serial}", "capacity_gb": 512}]
    services.assets.create(
        {"asset_tag": tag, "serial": serial, "category": "laptop", "manufacturer": "Lenovo", "model": "ThinkPad T14 Gen 2"},
        media=media,
    )
    services.lifecycle.move(tag, "deployed")
    return services.lifecycle.move(tag, "retired", reason="End of refresh cycle")


def test_verified_purge_lets_the_sale_through(services):
    detail = _retired_laptop(services)
    medium = detail.media[0]
    with pytest.raises(GuardError, match="without a verified sanitization"):
        services.lifecycle.move("IT-000101", "sold")
    view = services.sanitization.record("IT-000101", medium.id, entry(notes="Verified by sampling (10%)"))
    assert (view.asset_id, view.medium_id, view.category, view.result, view.verified, view.meets_policy) == (
        detail.id, medium.id, "purge", "pass", True, True)
    assert view.standard == "NIST SP 800-88 Rev. 2"
    sold = services.lifecycle.move("IT-000101", "sold")
    assert sold.status == "sold"
    assert sold.media[0].sanitized


def test_history_entry_is_written_and_chain_verifies(services):
    detail = _retired_laptop(services)
    medium = detail.media[0]
    services.sanitization.record("IT-000101", medium.id, entry(notes="Verified by sampling (10%)", verifier="Li Na"))
    h = services.assets.get("IT-000101").history[-1]
    assert (h.action, h.actor, h.reason) == ("sanitization", "tester", "Verified by sampling (10%)")
    record = h.changes["sanitization"][1]
    assert record["medium"] == f"nvme S4EVPF2ABCD1 (#{medium.id})"
    assert (record["category"], record["technique"], record["result"], record["verified"], record["verifier"]) == (
        "purge", "nvme_sanitize", "pass", True, "Li Na")
    assert record["performed_at"] == "2025-03-14T10:30:00"
    assert services.audit.verify().ok


@pytest.mark.parametrize(
    ("changes", "why"),
    [
        ({"verification": "none", "verification_pct": None, "verification_result": None}, "without verification"),
        ({"verification_pct": 5.0}, "below the 10 %"),
        ({"verification_result": "fail"}, "did not pass"),
        ({"result": "fail"}, "result is fail"),
        ({"result": "aborted"}, "result is aborted"),
        ({"hidden_areas": "present"}, "hidden areas"),
        ({"classification": "secret"}, "does not satisfy the Destroy"),
    ],
)
def test_records_that_do_not_count_keep_the_guard_shut(services, changes, why):
    detail = _retired_laptop(services)
    view = services.sanitization.record("IT-000101", detail.media[0].id, entry(**changes))
    assert any(why in w for w in view.warnings), view.warnings
    with pytest.raises(GuardError, match="1 storage medium"):
        services.lifecycle.move("IT-000101", "sold")
    assert services.assets.get("IT-000101").status == "retired"
    assert services.assets.get("IT-000101").history[-1].action == "sanitization"
    assert services.audit.verify().ok


def test_clear_does_not_satisfy_purge_for_confidential_data(services):
    media = [{"media_type": "hdd", "serial": "WD-WCC4N1234567", "capacity_gb": 1000}]
    detail = _retired_laptop(services, media=media)
    view = services.sanitization.record(
        "IT-000101", detail.media[0].id,
        entry(category="clear", technique="overwrite", tool_label="DoD 5220.22-M", verification="full",
              verification_pct=None, classification="confidential"),
    )
    assert view.verified and not view.meets_policy
    assert "Clear does not satisfy the Purge that policy requires for confidential data" in view.warnings
    with pytest.raises(GuardError):
        services.lifecycle.move("IT-000101", "sold")
    # The same wipe of internal data is enough.
    services.sanitization.record(
        "IT-000101", detail.media[0].id,
        entry(category="clear", technique="overwrite", verification="full", classification="internal"),
    )
    assert services.lifecycle.move("IT-000101", "sold").status == "sold"


@pytest.mark.parametrize(
    ("media_type", "changes", "message"),
    [
        ("ssd", {"category": "purge", "technique": "degauss"}, "degaussing does nothing to flash"),
        ("nvme", {"category": "purge", "technique": "degauss"}, "cannot sanitize a nvme"),
        ("hdd", {"category": "purge", "technique": "overwrite", "tool_label": "DoD 5220.22-M"}, "reaches Clear on a hdd medium, not Purge"),
        ("usb_flash", {"category": "purge", "technique": "overwrite"}, "usually cannot be purged"),
        ("ssd", {"category": "purge", "technique": "overwrite"}, "Purge needs block erase"),
        ("hdd", {"category": "purge", "technique": "nvme_format"}, "cannot sanitize a hdd"),
        ("hdd", {"technique": "wave a magnet"}, "is not one of"),
    ],
)
def test_claims_the_medium_cannot_support_are_refused(services, media_type, changes, message):
    detail = _retired_laptop(services, media=[{"media_type": media_type, "serial": "M-1"}])
    with pytest.raises(ValidationError, match=message):
        services.sanitization.record("IT-000101", detail.media[0].id, entry(**changes))
    assert all(h.action != "sanitization" for h in services.assets.get("IT-000101").history)


def test_destruction_event_covers_every_medium_and_counts_without_verification(services):
    media = [{"media_type": "ssd", "serial": "S3Z1"}, {"media_type": "hdd", "serial": "WD-1"}]
    _retired_laptop(services, media=media)
    views = services.sanitization.record_destruction(
        ["IT-000101"], method="disintegrate", equipment="SEM 0300", particle_size_mm=2, operator="Zhao Min",
        witness="Client witness", performed_at=datetime(2025, 3, 20, 9, 0, tzinfo=timezone(timedelta(hours=8))),
    )
    assert [v.medium_serial for v in views] == ["S3Z1", "WD-1"]
    assert all(v.category == "destroy" and v.verified and v.destination == "destroyed" for v in views)
    assert views[0].performed_at == datetime(2025, 3, 20, 1, 0)  # stored as UTC
    assert views[0].verifier == "Client witness" and views[0].destruction_id == views[1].destruction_id
    assert services.lifecycle.move("IT-000101", "destroyed", reason="Policy").status == "destroyed"
    with pytest.raises(ValidationError, match="destruction method"):
        services.sanitization.record_destruction(["IT-000101"], method="hammer", operator="x", performed_at=WHEN)


def test_every_medium_needs_its_own_record(services):
    media = [{"media_type": "ssd", "serial": "S3Z1NB0K111111"}, {"media_type": "hdd", "serial": "WD-WCC4N1234567"}]
    detail = _retired_laptop(services, media=media)
    ssd, hdd = detail.media
    services.sanitization.record("IT-000101", ssd.id, entry(technique="block_erase"))
    with pytest.raises(GuardError, match="WD-WCC4N1234567"):
        services.lifecycle.move("IT-000101", "sold")
    services.sanitization.record(
        "IT-000101", hdd.id, entry(category="clear", technique="overwrite", result="pass_with_warnings", verification="full"))
    assert services.lifecycle.move("IT-000101", "sold").status == "sold"


def test_refuses_a_medium_of_another_asset_and_bad_values(services):
    _retired_laptop(services)
    other = _retired_laptop(services, tag="IT-000102", serial="PF2ABCD2")
    with pytest.raises(ValidationError, match="belongs to another asset"):
        services.sanitization.record("IT-000101", other.media[0].id, entry())
    with pytest.raises(NotFoundError):
        services.sanitization.record("IT-000101", 9999, entry())
    with pytest.raises(ValidationError, match="in the future"):
        services.sanitization.record("IT-000101", other.media[0].id, entry(ended_at=datetime.now() + timedelta(days=30)))
    with pytest.raises(ValidationError) as exc:
        services.sanitization.record("IT-000102", other.media[0].id, entry(category="degauss", result="ok"))
    assert "category must be one of" in str(exc.value) and "result must be one of" in str(exc.value)
    assert all(h.action != "sanitization" for h in services.assets.get("IT-000101").history)
    assert services.audit.verify().ok


def test_listing_shows_records_newest_first(services):
    detail = _retired_laptop(services)
    services.sanitization.record("IT-000101", detail.media[0].id, entry(result="fail", ended_at=WHEN - timedelta(days=1)))
    services.sanitization.record("IT-000101", detail.media[0].id, entry())
    views = services.sanitization.list("IT-000101")
    assert [v.result for v in views] == ["pass", "fail"]
    assert [v.result for v in services.sanitization.list(only_unverified=True)] == ["fail"]
