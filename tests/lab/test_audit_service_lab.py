"""End to end against real devices: stored credentials → audit → the register shows real models, serials,
disks and software; a host that cannot be audited says why and costs the others nothing."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from itam.audit import vault
from itam.models import HistoryEntry, InstalledSoftware
from tests.lab import audit_lab as devices

PASS = "lab vault passphrase"


@pytest.fixture
def stocked(services, audit_lab, monkeypatch):
    monkeypatch.setattr(vault, "_keyring", lambda: None)
    services.credentials.add("lab-ssh", "ssh", "198.18.0.0/24",
                             {"user": devices.SSH_USER, "private_key_pem": audit_lab.user_key}, passphrase=PASS)
    services.credentials.add("lab-snmp", "snmp_v2c", "198.18.0.0/24", {"community": devices.COMMUNITY},
                             passphrase=PASS)
    ssh, switch = audit_lab.host("ssh"), audit_lab.host("switch")
    # As a scan left them: the server known by its address, the switch by its MAC.
    laptop = services.assets.create({"asset_tag": "SRV-LAB", "category": "server"}, ips=[ssh.address])
    core = services.assets.create({"asset_tag": "NET-LAB", "category": "network"}, macs=[switch.host.mac])
    return laptop.id, core.id


def test_an_audit_fills_the_register_from_the_devices(services, audit_lab, stocked):
    server_id, switch_id = stocked
    ssh, switch, silent = audit_lab.host("ssh"), audit_lab.host("switch"), audit_lab.host("silent")
    run = services.host_audit.audit([ssh.address, switch.address, silent.address], passphrase=PASS, timeout=15)
    worked = {(o.address, o.method) for o in run.outcomes if o.facts is not None}
    assert (ssh.address, "ssh") in worked and (switch.address, "snmp") in worked
    assert run.failed == [silent.address]
    assert all(o.error for o in run.outcomes if o.address == silent.address)  # each attempt says why

    server = services.assets.get(server_id).fields
    truth = ssh.ssh
    assert (server["manufacturer"], server["model"], server["serial"]) == (truth.manufacturer, truth.model, truth.serial)
    media = {m.serial: m for m in services.assets.get(server_id).media}
    assert set(media) == {d.serial for d in truth.disks}
    for disk in truth.disks:
        assert media[disk.serial].media_type == disk.media_type
    net = services.assets.get(switch_id).fields
    assert (net["model"], net["serial"]) == (switch.snmp.model, switch.snmp.serial)
    with services.ctx.db.read() as s:
        assert s.scalar(select(InstalledSoftware.id).where(InstalledSoftware.asset_id == server_id)) is not None
        assert set(s.scalars(select(HistoryEntry.source).where(HistoryEntry.asset_id == server_id,
                                                              HistoryEntry.action != "create",
                                                              HistoryEntry.action != "address_added"))) == {"audit"}
    assert services.audit.verify().ok
    audits = {a.method: a for a in reversed(services.host_audit.audits_of(server_id))}
    assert audits["ssh"].ok and audits["ssh"].credential == "lab-ssh"
    assert "PRIVATE KEY" not in json.dumps(audits["ssh"].facts)
    # SSH found the facts, so SNMP (possible, as no scan looked at UDP) was not also tried and waited for.
    assert "snmp" not in audits


def test_the_cli_audits_one_asset_and_reports_json(cli, services, audit_lab, stocked, monkeypatch):
    server_id, _ = stocked
    ssh = audit_lab.host("ssh")
    monkeypatch.setenv("ITAM_CREDENTIAL_PASSPHRASE", PASS)
    _, out, _ = cli("audit-host", "--asset", "SRV-LAB", "--timeout", "8", "--json")
    rows = {r["method"]: r for r in json.loads(out)}
    assert (rows["ssh"]["address"], rows["ssh"]["asset_id"], rows["ssh"]["error"]) == (ssh.address, server_id, None)
    assert rows["ssh"]["facts"]["serial"] == ssh.ssh.serial


def test_one_scan_with_credentials_shows_real_devices_in_the_queue_and_the_inventory(services, audit_lab, monkeypatch):
    """The issue's "done when": a scan, then audits of what it found; new devices wait in the review queue with
    what they told (or why they could not be audited), and accepting one brings its audit into the inventory."""
    from itam.discovery import runner

    if not runner.nmap_available():
        pytest.skip("nmap is not installed")
    monkeypatch.setattr(vault, "_keyring", lambda: None)
    services.credentials.add("lab-ssh", "ssh", "198.18.0.0/24",
                             {"user": devices.SSH_USER, "private_key_pem": audit_lab.user_key}, passphrase=PASS)
    services.credentials.add("lab-snmp", "snmp_v2c", "198.18.0.0/24", {"community": devices.COMMUNITY},
                             passphrase=PASS)
    ssh, switch, silent = audit_lab.host("ssh"), audit_lab.host("switch"), audit_lab.host("silent")
    _result, summary = services.discovery.scan(" ".join(h.address for h in (ssh, switch, silent)), "standard")
    assert summary.new_devices >= 2
    run = services.host_audit.audit(scan_id=summary.scan_id, passphrase=PASS, timeout=8)
    assert ssh.address not in run.failed and silent.address in run.failed

    queue = {c.address: c for c in services.discovery.candidates()}
    assert queue[ssh.address].audit.ok and ssh.ssh.serial in queue[ssh.address].audit.identity
    assert not queue[silent.address].audit.ok and queue[silent.address].audit.error  # why it could not be audited

    server = services.discovery.accept(queue[ssh.address].id, category="server")
    truth = ssh.ssh
    assert (server.fields["manufacturer"], server.fields["model"], server.fields["serial"]) == (
        truth.manufacturer, truth.model, truth.serial)
    assert {m.serial for m in server.media} == {d.serial for d in truth.disks}
    assert services.host_audit.software_of(server.id)
    from itam.services import AssetQuery

    [row] = [r for r in services.assets.list(AssetQuery(limit=10)).rows if r.id == server.id]
    assert row.audit is not None and row.audit.ok and row.audit.method == "ssh"
    assert queue[switch.address].audit.ok  # SNMP: nmap's default scans no UDP, so it is tried
    net = services.discovery.accept(queue[switch.address].id, category="network")
    assert (net.fields["model"], net.fields["serial"]) == (switch.snmp.model, switch.snmp.serial)
    assert services.audit.verify().ok
