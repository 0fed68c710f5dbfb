"""``itam discover``: import a scan made elsewhere, review the new devices, scan loopback for real."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[2] / "data" / "nmap"


def test_import_xml_then_review_accept_and_ignore(cli):
    _, out, _ = cli("discover", "import-xml", str(DATA / "lan-mixed.xml"), "--json")
    summary = json.loads(out)
    assert summary["hosts_up"] >= 10 and summary["new_devices"] == summary["hosts_up"]
    categories = {h["category"] for h in summary["hosts"]}
    assert {"printer", "network", "phone"} <= categories
    _, out, _ = cli("discover", "review", "--json")
    queue = json.loads(out)
    printer = next(c for c in queue if c["category"] == "printer")
    _, out, _ = cli("discover", "review", "accept", str(printer["id"]), "--tag", "PRN-001")
    assert "as asset PRN-001" in out
    other = next(c for c in queue if c["id"] != printer["id"])
    cli("discover", "review", "ignore", str(other["id"]))
    _, out, _ = cli("discover", "review", "--json")
    assert {c["id"] for c in json.loads(out)} == {c["id"] for c in queue} - {printer["id"], other["id"]}
    _, out, _ = cli("asset", "show", "PRN-001", "--json")
    asset = json.loads(out)
    assert asset["category"] == "printer" and asset["history"][0]["source"] == "discovery"
    # The same file again: the accepted printer now matches its asset.
    _, out, _ = cli("discover", "import-xml", str(DATA / "lan-mixed.xml"), "--json")
    again = json.loads(out)
    assert again["matched"] == 1 and again["ignored"] == 1
    _, out, _ = cli("discover", "scans")
    assert "lan-mixed.xml" in out or "imported" in out


def test_truncated_and_foreign_files_are_explained(cli):
    code, out, err = cli("discover", "import-xml", str(DATA / "truncated.xml"), "--json", ok=False)
    partial = json.loads(out)
    assert partial["partial"] is True and "truncated" in (partial["error"] or "").lower()
    code, _, err = cli("discover", "import-xml", str(DATA / "not-nmap.xml"), ok=False)
    assert code == 2 and "nmap" in err.lower() and "Traceback" not in err
    code, _, err = cli("discover", "import-xml", str(DATA / "missing.xml"), ok=False)
    assert code == 2 and "cannot read" in err


@pytest.mark.parametrize("target", ["198.18.0.2 -oN /tmp/x", "--script=evil", "@targets.txt", "/etc/passwd", ";rm -rf"])
def test_bad_targets_never_reach_nmap(cli, target, monkeypatch):
    from itam.discovery import runner

    monkeypatch.setattr(runner.NmapRunner, "run", lambda *a, **k: pytest.fail("nmap must not run"))
    # Quoted as one word, or after "--": either way the target parser refuses it, naming the token.
    code, _, err = cli("discover", "--", target, ok=False)
    assert code == 2 and "Traceback" not in err and err.startswith("itam: error:")


def test_large_scan_needs_confirmation(cli, monkeypatch):
    from itam.discovery import runner

    monkeypatch.setattr(runner.NmapRunner, "run", lambda *a, **k: pytest.fail("nmap must not run"))
    code, _, err = cli("discover", "10.0.0.0/8", ok=False)
    assert code == 2 and "--yes" in err and "16,777,216" in err


@pytest.mark.skipif(shutil.which("nmap") is None, reason="nmap is not installed")
def test_real_scan_of_loopback(cli):
    _, out, _ = cli("discover", "127.0.0.1", "--profile", "quick", "--json")
    summary = json.loads(out)
    assert summary["hosts_up"] == 1 and summary["hosts"][0]["address"] == "127.0.0.1"
    assert summary["partial"] is False


def test_the_review_lists_each_devices_audit_and_accepting_applies_it(cli, services):
    from datetime import UTC, datetime
    from types import SimpleNamespace

    from itam.audit.facts import AuditFacts, InterfaceFact
    from itam.audit.merge import record_outcome
    from itam.messages import tr

    cli("discover", "import-xml", str(DATA / "lan-mixed.xml"))
    printer = AuditFacts(address="198.18.0.10", method="snmp", collected_at=datetime.now(UTC), manufacturer="HP",
                         model="LaserJet M507", serial="PHBQB12345",
                         interfaces=(InterfaceFact("eth0", "3c:d9:2b:11:22:33"),))
    with services.ctx.unit_of_work(source="audit") as uow:
        record_outcome(uow, SimpleNamespace(address="198.18.0.10", method="snmp", credential_name="lab-snmp",
                                            facts=printer, error=None, seconds=0.1))
        record_outcome(uow, SimpleNamespace(
            address="198.18.0.12", method="ssh", credential_name="lab-ssh", facts=None, seconds=0.2,
            error=str(tr("SSH error from {address}: {reason}", address="198.18.0.12", reason="Authentication failed."))))
    _, out, _ = cli("discover", "review", "--json")
    queue = {c["address"]: c for c in json.loads(out)}
    assert queue["198.18.0.10"]["audit"]["ok"] and queue["198.18.0.10"]["audit"]["facts"]["serial"] == "PHBQB12345"
    assert "Authentication failed." in queue["198.18.0.12"]["audit"]["error"]
    _, out, _ = cli("discover", "review")
    assert "snmp: HP LaserJet M507 S/N PHBQB12345" in out and "ssh failed: SSH error from 198.18.0.12" in out
    _, out, _ = cli("discover", "review", "accept", str(queue["198.18.0.10"]["id"]))
    _, out, _ = cli("asset", "show", "PHBQB12345", "--json")
    assert json.loads(out)["model"] == "LaserJet M507"


@pytest.mark.parametrize("ref", ["9" * 30, "²"])
def test_accepting_a_device_number_no_row_can_hold_says_not_found(cli, ref):
    code, _, err = cli("discover", "review", "accept", ref, ok=False)
    assert code == 3 and "no discovered device" in err
