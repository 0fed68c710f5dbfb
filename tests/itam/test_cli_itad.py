"""The command-line forms of sanitization and custody: what an ITAD technician types."""

from __future__ import annotations

import json


def _laptop(cli, tag="IT-1", serial="PF1", medium="S4EV1", media_type="nvme"):
    cli("asset", "add", "--tag", tag, "--serial", serial, "--category", "laptop")
    cli("asset", "add-medium", tag, f"type={media_type},serial={medium}")
    cli("move", tag, "--to", "deployed")
    cli("move", tag, "--to", "retired", "--reason", "refresh")


def test_wipe_add_then_the_asset_may_be_sold(cli):
    _laptop(cli)
    code, _, err = cli("move", "IT-1", "--to", "sold", ok=False)
    assert code != 0 and "without a verified sanitization" in err
    _, out, _ = cli("wipe", "add", "IT-1", "--medium", "S4EV1", "--category", "purge", "--technique", "nvme_sanitize",
                    "--result", "pass", "--end", "2026-11-20T14:05", "--tz", "Asia/Shanghai", "--verification", "sampling",
                    "--verified-pct", "10", "--verification-result", "pass", "--operator", "Wang Lei", "--verifier", "Li Na")
    assert "verified" in out
    _, out, _ = cli("wipe", "list", "--json")
    rec = json.loads(out)[0]
    assert rec["performed_at"] == "2026-11-20T06:05:00" and rec["time_zone"] == "Asia/Shanghai"
    cli("move", "IT-1", "--to", "sold")


def test_wipe_add_refuses_degaussing_flash_with_a_clear_message(cli):
    _laptop(cli, media_type="ssd")
    code, _, err = cli("wipe", "add", "IT-1", "--medium", "S4EV1", "--category", "purge", "--technique", "degauss",
                       "--result", "pass", "--end", "2026-11-20T14:05", ok=False)
    assert code != 0 and "degaussing does nothing to flash memory" in err
    code, _, err = cli("wipe", "add", "IT-1", "--medium", "NOPE", "--category", "clear", "--technique", "overwrite",
                       "--result", "pass", "--end", "2026-11-20T14:05", ok=False)
    assert code != 0 and "has no medium 'NOPE'" in err


def test_batch_round_trip_with_scans_and_discrepancies(cli, tmp_path):
    cli("party", "add", "GreenCycle", "--kind", "itad_vendor", "--cert", "R2v3:R2-1")
    for i in (1, 2, 3):
        _laptop(cli, tag=f"IT-{i}", serial=f"PF{i}", medium=f"M{i}")
    cli("batch", "create", "JOB-1", "--vendor", "GreenCycle")
    cli("batch", "add", "JOB-1", "IT-1", "IT-2", "IT-3")
    _, out, _ = cli("batch", "manifest", "JOB-1", "--freeze")
    assert "3 serials" in out
    _, out, _ = cli("batch", "scan", "JOB-1", "PF1", "PF2", "EXTRA-9")
    assert out.splitlines() == [
        "PF1: EXPECTED  (1 of 3 expected, 0 extra)",
        "PF2: EXPECTED  (2 of 3 expected, 0 extra)",
        "EXTRA-9: EXTRA  (2 of 3 expected, 1 extra)",
    ]
    code, out, _ = cli("batch", "receive", "JOB-1", "--weight", "whole units for reuse=4.5", "--broken-seal", "S-2", ok=False)
    assert code == 5
    assert "received 3 serials, 2 of 3 expected; 1 missing, 1 extra, 1 broken seals → 3 discrepancies raised" in out
    assert "missing: PF3" in out
    code, _, err = cli("batch", "close", "JOB-1", ok=False)
    assert code != 0 and "3 open discrepancies" in err
    _, out, _ = cli("custody", "log", "JOB-1", "--json")
    events = json.loads(out)
    missing = next(e for e in events if e["kind"] == "discrepancy" and e["details"].get("type") == "missing")
    cli("custody", "resolve", "JOB-1", str(missing["seq"]), "Found in the client's store room")
    cli("custody", "event", "JOB-1", "shipped", "--stream", "plastics", "--kg", "2.5", "--recycler", "PolyLoop")
    _, out, _ = cli("batch", "close", "JOB-1", "--force")
    assert "2 open discrepancies on record" in out
    _, out, _ = cli("audit", "verify")
    assert "custody verified" in out and "chain intact" in out


def test_signer_show_new_and_the_old_chain_stays_trusted(cli, tmp_path):
    cli("org", "set", "--name", "GreenCycle ITAD", "--address", "Shenzhen")
    _laptop(cli)
    cli("wipe", "add", "IT-1", "--medium", "S4EV1", "--category", "purge", "--technique", "crypto_erase",
        "--result", "pass", "--end", "2026-11-20T14:05", "--verification", "full", "--verification-result", "pass")
    _, out, _ = cli("cert", "issue", "sanitization", "IT-1", "-o", str(tmp_path / "a.pdf"))
    assert "issued DS-000001" in out
    _, before, _ = cli("cert", "signer", "show")
    code, _, err = cli("cert", "signer", "new", ok=False)
    assert code != 0 and "--yes" in err
    _, after, _ = cli("cert", "signer", "new", "--yes")
    assert before.splitlines()[1] != after.splitlines()[1]  # a new fingerprint
    # The certificate signed by the retired key still verifies, trusted through the retired chain.
    code, out, _ = cli("cert", "verify", str(tmp_path / "a.pdf"))
    assert code == 0 and "VALID (DS-000001)" in out
    _, out, _ = cli("cert", "issue", "sanitization", "IT-1", "-o", str(tmp_path / "b.pdf"),
                    "--supersedes", "DS-000001", "--reason", "re-signed with the new key")
    assert "issued DS-000002" in out
    tampered = bytearray((tmp_path / "b.pdf").read_bytes())
    tampered[len(tampered) // 3] ^= 0x01
    (tmp_path / "c.pdf").write_bytes(bytes(tampered))
    code, out, _ = cli("cert", "verify", str(tmp_path / "c.pdf"), "--json", ok=False)
    assert code == 4 and json.loads(out)["ok"] is False


def test_a_nights_logs_import_file_by_file(cli, tmp_path):
    from pathlib import Path

    nwipe = Path(__file__).resolve().parent.parent / "data" / "nwipe"
    cli("asset", "add", "--tag", "DT-7050", "--serial", "7QX2KF2", "--category", "desktop")
    code, out, err = cli("wipe", "import-nwipe", str(nwipe / "nwipe035_three_drives.log"), str(nwipe / "foreign_syslog.txt"),
                         str(nwipe / "nwipe036_truncated.log"), "--tz", "Asia/Shanghai", "--new-asset", "storage", ok=False)
    assert code == 2
    assert "nwipe035_three_drives.log (SHA-256" in out and "recorded 3 sanitization records" in out
    assert "foreign_syslog.txt" in err
    assert "2 of 3 files imported; 1 refused (see above)" in out
    _, out, _ = cli("wipe", "list", "--json")
    assert len(json.loads(out)) == 5
