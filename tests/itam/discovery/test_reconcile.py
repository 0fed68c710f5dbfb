"""Reconciling scans with the inventory: matching order, a person's edits first, the review queue, flags."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from itam.discovery.model import HostObservation, OsMatch, ScanResult, Service
from itam.errors import NotFoundError, ValidationError
from itam.models import HistoryEntry, ScanHost

T0 = datetime(2026, 11, 1, 9, 0, 0)


def host(address, mac=None, name=None, ports=(), vendor=None, os=None):
    return HostObservation(
        address=address,
        state="up",
        mac=mac,
        mac_vendor=vendor,
        hostnames=(name,) if name else (),
        services=tuple(Service(p, "tcp", "open") for p in ports),
        os_matches=(OsMatch(os, 96),) if os else (),
    )


def result(*hosts, partial=False, when=T0):
    return ScanResult(
        targets=("198.18.0.0/24",), profile="standard", command=("nmap",), privileged=True, started=when,
        ended=when + timedelta(minutes=1), hosts=list(hosts), partial=partial,
    )


def outcomes(summary):
    return {o.address: (o.asset_id, o.rule, o.outcome) for o in summary.outcomes}


def test_matching_order_mac_then_hostname_then_ip(services):
    a = services.assets.create({"asset_tag": "A", "category": "desktop"}, macs=["00:1b:21:00:00:01"])
    b = services.assets.create({"asset_tag": "B", "category": "desktop", "hostname": "DESK-B"})
    c = services.assets.create({"asset_tag": "C", "category": "printer"}, ips=["198.18.0.30"])
    summary = services.discovery.reconcile(
        result(
            host("198.18.0.10", mac="00:1B:21:00:00:01", name="whatever"),
            host("198.18.0.20", name="desk-b.corp.example"),
            host("198.18.0.30"),
            host("198.18.0.40", mac="00:1b:21:00:00:99"),
        )
    )
    got = outcomes(summary)
    assert got["198.18.0.10"][:2] == (a.id, "mac")
    assert got["198.18.0.20"][:2] == (b.id, "hostname")
    assert got["198.18.0.30"][:2] == (c.id, "ip")
    assert got["198.18.0.40"] == (None, None, "new")
    assert services.assets.get("A").ips == ("198.18.0.10",)
    assert services.assets.get("C").fields["last_seen"] == T0 + timedelta(minutes=1)


def test_ip_match_refused_when_the_asset_has_another_mac(services):
    services.assets.create({"asset_tag": "A", "category": "desktop"}, macs=["00:1b:21:00:00:01"], ips=["198.18.0.10"])
    summary = services.discovery.reconcile(result(host("198.18.0.10", mac="00:1b:21:00:00:02")))
    assert outcomes(summary)["198.18.0.10"][2] == "new"


@pytest.mark.parametrize("mac", ["00:00:00:00:00:00", "da:a1:19:12:34:56"])
def test_placeholder_and_randomised_macs_never_match(services, mac):
    services.assets.create({"asset_tag": "A", "category": "phone", "serial": "S1"})
    with services.ctx.unit_of_work() as uow:  # an old record holding a MAC that identifies nothing
        from itam.models import AssetAddress

        with uow.action("update"):
            uow.session.add(AssetAddress(asset_id=1, kind="mac", value=mac))
    summary = services.discovery.reconcile(result(host("198.18.0.9", mac=mac)))
    assert outcomes(summary)["198.18.0.9"][2] == "new"
    cand = services.discovery.candidates()[0]
    assert cand.identity == "ip:198.18.0.9"  # a randomised MAC cannot key the review queue


def test_person_edits_outrank_the_scan_and_become_conflicts(services):
    services.assets.create({"asset_tag": "A", "category": "desktop", "hostname": "finance-07"}, macs=["00:1b:21:00:00:01"])
    services.assets.create({"asset_tag": "B", "category": "desktop"}, macs=["00:1b:21:00:00:02"])
    summary = services.discovery.reconcile(
        result(host("198.18.0.1", mac="00:1b:21:00:00:01", name="desktop-x1"),
               host("198.18.0.2", mac="00:1b:21:00:00:02", name="desktop-x2", os="Microsoft Windows 11"))
    )
    assert summary.conflicts == 1
    assert services.assets.get("A").fields["hostname"] == "finance-07"  # kept
    b = services.assets.get("B")
    assert b.fields["hostname"] == "desktop-x2" and b.fields["os_name"] == "Microsoft Windows 11"  # filled in
    entry = b.history[-1]
    assert entry.source == "discovery" and entry.changes["hostname"] == [None, "desktop-x2"]
    # The same conflict is not raised twice.
    again = services.discovery.reconcile(result(host("198.18.0.1", mac="00:1b:21:00:00:01", name="desktop-x1")))
    assert again.conflicts == 0
    [conflict] = services.discovery.conflicts()
    assert (conflict.field, conflict.current_value, conflict.observed_value) == ("hostname", "finance-07", "desktop-x1")
    settled = services.discovery.settle_conflict(conflict.id, apply=True)
    assert settled.status == "applied"
    a = services.assets.get("A")
    assert a.fields["hostname"] == "desktop-x1" and a.history[-1].source == "cli"
    assert services.discovery.conflicts() == []


def test_a_value_discovery_set_is_updated_by_later_scans(services):
    services.assets.create({"asset_tag": "B", "category": "desktop"}, macs=["00:1b:21:00:00:02"])
    services.discovery.reconcile(result(host("198.18.0.2", mac="00:1b:21:00:00:02", name="old-name")))
    summary = services.discovery.reconcile(result(host("198.18.0.2", mac="00:1b:21:00:00:02", name="new-name")))
    assert summary.conflicts == 0
    assert services.assets.get("B").fields["hostname"] == "new-name"


def test_review_queue_accept_and_ignore_for_good(services):
    scan = result(
        host("198.18.0.5", mac="3c:d9:2b:00:00:05", name="npi0a1b2c", ports=(9100, 631), vendor="Hewlett Packard"),
        host("198.18.0.6", mac="00:1b:21:00:00:06"),
    )
    services.discovery.reconcile(scan)
    queue = {c.address: c for c in services.discovery.candidates()}
    assert set(queue) == {"198.18.0.5", "198.18.0.6"}
    printer = queue["198.18.0.5"]
    assert printer.category == "printer" and printer.evidence
    d = services.discovery.accept(printer.id, asset_tag="PRN-1")
    assert d.fields["category"] == "printer" and d.macs == ("3c:d9:2b:00:00:05",) and d.ips == ("198.18.0.5",)
    assert d.history[0].source == "discovery"
    services.discovery.ignore(queue["198.18.0.6"].id)
    assert services.discovery.candidates() == []
    with pytest.raises(ValidationError, match="already ignored"):
        services.discovery.ignore(queue["198.18.0.6"].id)
    with pytest.raises(NotFoundError):
        services.discovery.accept(999)
    # Next week: the printer matches its new asset, the ignored device stays out of the queue.
    later = services.discovery.reconcile(result(*scan.hosts, when=T0 + timedelta(days=7)))
    got = outcomes(later)
    assert got["198.18.0.5"][:3] == (d.id, "mac", "matched")
    assert got["198.18.0.6"][2] == "ignored"
    assert services.discovery.candidates() == []


def test_retired_disposed_and_lost_assets_seen_again_are_flagged_not_revived(services):
    for tag, mac in (("R", "01"), ("S", "02"), ("L", "03")):
        services.assets.create({"asset_tag": tag, "category": "monitor"}, macs=[f"00:1b:21:00:00:{mac}"])
    services.lifecycle.move("R", "retired", reason="old")
    services.lifecycle.move("S", "retired", reason="old")
    services.lifecycle.move("S", "sold")
    services.lifecycle.move("L", "lost_stolen", reason="gone")
    summary = services.discovery.reconcile(
        result(*(host(f"198.18.0.{i}", mac=f"00:1b:21:00:00:0{i}") for i in (1, 2, 3)))
    )
    assert summary.flagged == 3
    flags = {t: services.assets.get(t) for t in "RSL"}
    assert (flags["R"].status, flags["R"].flag) == ("retired", "seen_after_retirement")
    assert (flags["S"].status, flags["S"].flag) == ("sold", "seen_after_disposal")
    assert (flags["L"].status, flags["L"].flag) == ("lost_stolen", "found_after_loss")
    assert "scan #" in flags["S"].flag_reason


def test_missing_assets_are_listed_and_marked(services):
    services.assets.create({"asset_tag": "SEEN", "category": "desktop"}, macs=["00:1b:21:00:00:01"])
    services.assets.create({"asset_tag": "GONE", "category": "desktop"}, macs=["00:1b:21:00:00:02"])
    services.assets.create({"asset_tag": "NEVER", "category": "monitor"})
    services.discovery.reconcile(result(host("198.18.0.1", mac="00:1b:21:00:00:01"), host("198.18.0.2", mac="00:1b:21:00:00:02")))
    services.discovery.reconcile(result(host("198.18.0.1", mac="00:1b:21:00:00:01"), when=T0 + timedelta(days=20)))
    now = T0 + timedelta(days=21)
    missing = services.discovery.missing(14, now=now)
    assert [m.label for m in missing] == ["GONE"] and missing[0].days_unseen == 20
    assert services.discovery.mark_missing(14, now=now) == 1
    gone = services.assets.get("GONE")
    assert gone.status == "missing"
    assert gone.history[-1].source == "discovery" and "not seen by discovery for 14 days" in gone.history[-1].reason
    # Seen again: flagged for a person, not silently put back in use.
    services.discovery.reconcile(result(host("198.18.0.2", mac="00:1b:21:00:00:02"), when=now))
    back = services.assets.get("GONE")
    assert (back.status, back.flag) == ("missing", "found_after_loss")


def test_every_scan_is_stored_with_its_hosts(services):
    services.discovery.reconcile(result(host("198.18.0.1", mac="00:1b:21:00:00:01"), partial=True))
    [scan] = services.discovery.scans()
    assert scan.partial and scan.hosts_up == 1 and scan.targets == ("198.18.0.0/24",) and scan.actor == "tester"
    with services.db.read() as s:
        assert s.scalar(select(func.count()).select_from(ScanHost)) == 1


def test_sightings_alone_write_no_history(services):
    services.assets.create({"asset_tag": "A", "category": "desktop"}, macs=["00:1b:21:00:00:01"], ips=["198.18.0.1"])
    services.discovery.reconcile(result(host("198.18.0.1", mac="00:1b:21:00:00:01")))
    with services.db.read() as s:
        before = s.scalar(select(func.count()).select_from(HistoryEntry))
    services.discovery.reconcile(result(host("198.18.0.1", mac="00:1b:21:00:00:01"), when=T0 + timedelta(days=1)))
    with services.db.read() as s:
        assert s.scalar(select(func.count()).select_from(HistoryEntry)) == before
    assert services.audit.verify().ok
