"""Recording sanitization: what lets a data-bearing asset through the custody guard, and its history."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from itam.errors import GuardError, NotFoundError, ValidationError
from itam.services.sanitization import SanitizationService

WHEN = datetime(2025, 3, 14, 10, 30)


@pytest.fixture
def sanitization(services):
    return SanitizationService(services.ctx, services.assets)


def _retired_laptop(services, tag="IT-000101", serial="PF2ABCD1", media=None):
    media = media or [{"media_type": "nvme", "manufacturer": "Samsung", "model": "PM9A1", "serial": f"S4EV{serial}", "capacity_gb": 512}]
    services.assets.create(
        {"asset_tag": tag, "serial": serial, "category": "laptop", "manufacturer": "Lenovo", "model": "ThinkPad T14 Gen 2"},
        media=media,
    )
    services.lifecycle.move(tag, "deployed")
    detail = services.lifecycle.move(tag, "retired", reason="End of refresh cycle")
    return detail


def test_verified_purge_lets_the_sale_through(services, sanitization):
    detail = _retired_laptop(services)
    medium = detail.media[0]
    with pytest.raises(GuardError, match="without a verified sanitization"):
        services.lifecycle.move("IT-000101", "sold")

    view = sanitization.record(
        "IT-000101", medium.id, category="purge", technique="NVMe Sanitize, crypto erase", result="pass",
        verified=True, performed_at=WHEN, operator="Wang Lei", notes="Verified by sampling (10%)",
    )
    assert (view.asset_id, view.medium_id, view.category, view.result, view.verified) == (detail.id, medium.id, "purge", "pass", True)

    sold = services.lifecycle.move("IT-000101", "sold")
    assert sold.status == "sold"
    assert sold.media[0].sanitized


def test_history_entry_is_written_and_chain_verifies(services, sanitization):
    detail = _retired_laptop(services)
    medium = detail.media[0]
    sanitization.record(
        "IT-000101", medium.id, category="purge", technique="NVMe Sanitize, crypto erase", result="pass",
        verified=True, performed_at=WHEN, operator="Wang Lei", notes="Verified by sampling (10%)",
    )
    history = services.assets.get("IT-000101").history
    entry = history[-1]
    assert entry.action == "sanitization"
    assert entry.actor == "tester"
    assert entry.reason == "Verified by sampling (10%)"
    record = entry.changes["sanitization"][1]
    assert record["medium"] == f"nvme S4EVPF2ABCD1 (#{medium.id})"
    assert (record["category"], record["technique"], record["result"], record["verified"]) == (
        "purge", "NVMe Sanitize, crypto erase", "pass", True
    )
    assert record["performed_at"] == "2025-03-14T10:30:00"
    assert record["operator"] == "Wang Lei"
    assert services.audit.verify().ok


@pytest.mark.parametrize(
    ("category", "result", "verified"),
    [
        ("clear", "pass", False),  # an unverified Clear does not count
        ("purge", "pass", False),
        ("clear", "fail", True),  # a failed wipe does not count, verified or not
        ("purge", "aborted", False),
    ],
)
def test_unverified_or_failed_records_keep_the_guard_shut(services, sanitization, category, result, verified):
    detail = _retired_laptop(services)
    sanitization.record(
        "IT-000101", detail.media[0].id, category=category, technique="Overwrite, 1 pass (nwipe PRNG Stream)",
        result=result, verified=verified, performed_at=WHEN, operator="Wang Lei",
    )
    with pytest.raises(GuardError, match="1 storage medium"):
        services.lifecycle.move("IT-000101", "sold")
    assert services.assets.get("IT-000101").status == "retired"
    # The refused move left the record and its history entry in place, and the chain whole.
    assert services.assets.get("IT-000101").history[-1].action == "sanitization"
    assert services.audit.verify().ok


def test_destruction_counts_without_verification(services, sanitization):
    detail = _retired_laptop(services)
    sanitization.record(
        "IT-000101", detail.media[0].id, category="destroy", technique="Disintegrate (2 mm particles)",
        result="pass", verified=False, performed_at=WHEN, operator="ITAD technician",
    )
    assert services.lifecycle.move("IT-000101", "destroyed", reason="Policy").status == "destroyed"


def test_every_medium_needs_its_own_record(services, sanitization):
    media = [
        {"media_type": "ssd", "serial": "S3Z1NB0K111111", "capacity_gb": 256},
        {"media_type": "hdd", "serial": "WD-WCC4N1234567", "capacity_gb": 1000},
    ]
    detail = _retired_laptop(services, media=media)
    ssd, hdd = detail.media
    sanitization.record(
        "IT-000101", ssd.id, category="purge", technique="ATA Sanitize, block erase", result="pass",
        verified=True, performed_at=WHEN, operator="Wang Lei",
    )
    with pytest.raises(GuardError, match="WD-WCC4N1234567"):
        services.lifecycle.move("IT-000101", "sold")
    sanitization.record(
        "IT-000101", hdd.id, category="clear", technique="Overwrite, 1 pass", result="pass_with_warnings",
        verified=True, performed_at=WHEN, operator="Wang Lei",
    )
    assert services.lifecycle.move("IT-000101", "sold").status == "sold"


def test_refuses_a_medium_of_another_asset_and_bad_values(services, sanitization):
    _retired_laptop(services)
    other = _retired_laptop(services, tag="IT-000102", serial="PF2ABCD2")
    with pytest.raises(ValidationError, match="belongs to another asset"):
        sanitization.record(
            "IT-000101", other.media[0].id, category="purge", technique="crypto erase", result="pass",
            verified=True, performed_at=WHEN, operator="x",
        )
    with pytest.raises(NotFoundError):
        sanitization.record(
            "IT-000101", 9999, category="purge", technique="crypto erase", result="pass",
            verified=True, performed_at=WHEN, operator="x",
        )
    with pytest.raises(ValidationError) as exc:
        sanitization.record(
            "IT-000101", other.media[0].id, category="degauss", technique="", result="ok",
            verified=True, performed_at=datetime.now() + timedelta(days=30), operator="x",
        )
    message = str(exc.value)
    for part in ("category must be one of", "result must be one of", "which technique", "in the future"):
        assert part in message
    # Nothing of the refused attempts reached the history.
    assert all(h.action != "sanitization" for h in services.assets.get("IT-000101").history)
    assert services.audit.verify().ok
