"""The product against a lab of real hosts: nmap through itam, classification, review, matching, missing.

Needs root and nmap (``make test`` provides both in CI); skips with the reason otherwise.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from itam.db import open_database
from itam.services import Actor, Services

LAB_RANGE = "198.18.0.2-10"  # the lab's hosts; .1 is this machine's end of the bridge


@pytest.fixture(scope="module")
def scanned(lab, tmp_path_factory):
    """One standard scan of the lab through the product, shared by the tests below."""
    db = open_database(f"sqlite:///{tmp_path_factory.mktemp('disc') / 'itam.sqlite3'}")
    services = Services(db, Actor("tester", "gui"))
    seen = []
    result, summary = services.discovery.scan(LAB_RANGE, "standard", on_host=seen.append)
    yield services, result, summary, seen
    db.dispose()


def test_every_lab_host_is_found_with_its_mac_and_vendor(lab, scanned):
    _services, result, summary, seen = scanned
    assert not result.partial and result.error is None
    by_address = {h.address: h for h in result.hosts if h.state == "up"}
    assert set(by_address) == {h.address for h in lab.hosts}
    for expected in lab.hosts:
        got = by_address[expected.address]
        assert got.mac == expected.mac
        if expected.vendor:
            assert got.mac_vendor == expected.vendor
    # Hosts were streamed as they completed, before the scan ended.
    assert {h.address for h in seen} >= set(by_address)
    assert summary.hosts_up == len(lab.hosts) == summary.new_devices


def test_lab_hosts_are_classified_as_what_they_pretend_to_be(lab, scanned):
    _services, _result, summary, _seen = scanned
    got = {o.address: o.classification for o in summary.outcomes}
    wrong = {}
    for expected in lab.hosts:
        cls = got[expected.address]
        decided = cls.category if cls.category != "unknown" else cls.likely
        if decided != expected.category:
            wrong[expected.profile] = (expected.category, cls.label, cls.evidence[:3])
    # The NAS has weak evidence from a standard scan: "unknown (likely storage)" is the honest answer.
    assert not wrong, wrong
    assert all(got[h.address].evidence for h in lab.hosts)


def test_review_queue_accept_then_next_scan_matches_and_missing_is_flagged(lab, scanned):
    services, _result, _summary, _seen = scanned
    queue = {c.address: c for c in services.discovery.candidates()}
    printer = lab.host("printer")
    camera = lab.host("camera")
    accepted = services.discovery.accept(queue[printer.address].id, asset_tag="LAB-PRN")
    assert accepted.fields["category"] == "printer" and accepted.macs == (printer.mac,)
    services.discovery.accept(queue[camera.address].id, asset_tag="LAB-CAM")
    services.discovery.ignore(queue[lab.host("vm").address].id)

    # A quick sweep of the printer only: it matches its asset by MAC; the camera is not seen.
    result, summary = services.discovery.scan(printer.address, "quick")
    [outcome] = summary.outcomes
    assert (outcome.asset_id, outcome.rule, outcome.outcome) == (accepted.id, "mac", "matched")
    printer_seen = services.assets.get("LAB-PRN").fields["last_seen"]
    camera_seen = services.assets.get("LAB-CAM").fields["last_seen"]
    assert camera_seen < printer_seen
    # A week after the printer's sighting, under a rule of 7 days, only the camera (unseen for a week
    # plus the time between the two scans) is missing.
    later = printer_seen + timedelta(days=7) - (printer_seen - camera_seen) / 2
    missing = services.discovery.missing(7, now=later)
    assert [m.label for m in missing] == ["LAB-CAM"]
    services.discovery.mark_missing(7, now=later)
    assert services.assets.get("LAB-CAM").status == "missing"


def test_unprivileged_scan_says_what_it_could_not_see(lab):
    from itam.discovery.runner import NmapRunner

    result = NmapRunner(privileged=False).run(lab.host("printer").address, "quick")
    assert result.hosts and result.hosts[0].mac is None
    assert any("MAC" in lim for lim in result.limitations)
