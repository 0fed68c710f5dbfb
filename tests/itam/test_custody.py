"""ITAD batches: manifests freeze, scans check serials in, receipts raise discrepancies, the ledger holds."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from itam.errors import DuplicateError, TransitionError, ValidationError
from itam.history.ledger import verify_ledger


@pytest.fixture
def batch(services):
    services.parties.add("Acme Bank", "client")
    services.parties.add("GreenCycle ITAD", "itad_vendor", certifications=[("R2v3", "R2-0042"), ("NAID AAA", "N-77")])
    services.parties.add("MetalWorks Recycling", "recycler", certifications=[("e-Stewards", "ES-9")])
    for i in range(1, 6):
        services.assets.create({"asset_tag": f"L-{i}", "serial": f"SN{i:04d}", "category": "laptop", "weight_kg": 1.5},
                               media=[{"media_type": "ssd", "serial": f"SSD{i}"}])
    b = services.custody.create("JOB-2026-001", client="Acme Bank", vendor="GreenCycle ITAD")
    services.custody.add(b.number, ["L-1", "L-2", "SN0003", "L-4"])
    return b.number


def test_manifest_freezes_with_its_hash_in_the_ledger(services, batch):
    b = services.custody.freeze_manifest(batch)
    assert (b.status, b.expected_count, len(b.manifest_sha256)) == ("manifested", 4, 64)
    events = services.custody.events(batch)
    assert events[0].kind == "manifest"
    assert events[0].details["serials"] == ["SN0001", "SN0002", "SN0003", "SN0004"]
    with pytest.raises(TransitionError, match="frozen"):
        services.custody.add(batch, ["L-5"])
    with pytest.raises(TransitionError, match="frozen"):
        services.custody.remove(batch, ["SN0001"])


def test_adding_is_all_or_nothing_and_one_open_batch_per_asset(services, batch):
    with pytest.raises(ValidationError, match="NOPE: not in the inventory"):
        services.custody.add(batch, ["L-5", "NOPE"])
    assert services.custody.get(batch).items == 4  # L-5 was not added either
    other = services.custody.create("JOB-2026-002")
    with pytest.raises(ValidationError, match="already on open batch JOB-2026-001"):
        services.custody.add(other.number, ["L-1"])
    assert services.custody.add(other.number, ["CLIENT-SERIAL-9"], allow_unknown=True) == ["CLIENT-SERIAL-9"]
    with pytest.raises(DuplicateError):
        services.custody.create("JOB-2026-001")


def test_scan_mode_and_receipt_raise_discrepancies(services, batch):
    services.custody.freeze_manifest(batch)
    services.custody.record_event(batch, "collected", seals=["S-1001", "S-1002"], operator="Driver")
    services.custody.record_event(batch, "in_transit", carrier="SafeHaul")
    outcomes = [services.custody.scan(batch, s) for s in ("SN0001", "L-2", "SN0001", "STRANGER-1")]
    assert [o.outcome for o in outcomes] == ["expected", "expected", "repeat", "extra"]
    assert (outcomes[1].serial, outcomes[1].asset_tag) == ("SN0002", "L-2")  # the tag label was scanned
    assert (outcomes[-1].scanned, outcomes[-1].expected, outcomes[-1].extra) == (2, 4, 1)

    r = services.custody.receive(batch, seals_intact=["S-1001"], seals_broken=["S-1002"],
                                 weights={"whole units for reuse": 3.0}, operator="Receiver", witness="Client rep")
    assert (r.expected, r.received) == (4, 3)
    assert r.missing == ("SN0003", "SN0004") and r.extra == ("STRANGER-1",) and r.broken_seals == ("S-1002",)
    assert r.discrepancies == 4
    found = services.custody.discrepancies(batch)
    assert [(d.details["type"], d.details.get("serial") or d.details.get("seal")) for d in found] == [
        ("missing", "SN0003"), ("missing", "SN0004"), ("extra", "STRANGER-1"), ("broken_seal", "S-1002")]
    with pytest.raises(TransitionError, match="open discrepancies"):
        services.custody.close(batch)
    services.custody.resolve(batch, found[0].seq, "Left at the client: in repair, follows next batch")
    assert len(services.custody.discrepancies(batch, open_only=True)) == 3
    services.custody.record_event(batch, "shipped", stream="ferrous metals", kg=12.5, recycler="MetalWorks Recycling")
    closed = services.custody.close(batch, force=True)
    assert (closed.status, closed.open_discrepancies) == ("closed", 3)
    # Discrepancies stay on record after closing, and so does the resolution.
    kinds = [e.kind for e in services.custody.events(batch)]
    assert kinds.count("discrepancy") == 4 and kinds.count("resolved") == 1 and kinds[-1] == "closed"
    shipped = [e for e in services.custody.events(batch) if e.kind == "shipped"][0]
    assert shipped.details["certification"] == "e-Stewards ES-9"


def test_events_out_of_order_are_refused(services, batch):
    with pytest.raises(TransitionError, match="may follow only"):
        services.custody.record_event(batch, "collected")
    with pytest.raises(TransitionError, match="freeze"):
        services.custody.scan(batch, "SN0001")
    services.custody.freeze_manifest(batch)
    with pytest.raises(ValidationError, match="seal numbers"):
        services.custody.record_event(batch, "sealed")
    with pytest.raises(ValidationError, match="needs stream, kg, recycler"):
        services.custody.record_event(batch, "shipped")
    with pytest.raises(ValidationError, match="nothing was checked in"):
        services.custody.receive(batch)


def test_custody_ledger_detects_an_edited_event(services, batch, db):
    services.custody.freeze_manifest(batch)
    services.custody.receive(batch, serials=["SN0001", "SN0002", "SN0003", "SN0004"])
    with db.read() as s:
        assert verify_ledger(s, "custody").ok
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE custody_events SET details = replace(details, 'SN0002', 'SN9999') WHERE kind = 'manifest'"))
    with db.read() as s:
        report = verify_ledger(s, "custody")
    assert not report.ok and report.first_break.kind == "edited" and report.first_break.seq == 1
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM custody_events WHERE seq = (SELECT max(seq) FROM custody_events)"))
    with db.read() as s:
        assert verify_ledger(s, "custody").breaks
