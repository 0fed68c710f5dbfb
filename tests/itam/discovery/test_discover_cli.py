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
