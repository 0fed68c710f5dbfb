"""Importing wipe logs through the service: matching by serial, evidence by hash, all or nothing."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from itam.errors import ImportFileError, ValidationError

NWIPE = Path(__file__).resolve().parent.parent / "data" / "nwipe"


def _log(name: str) -> bytes:
    return (NWIPE / name).read_bytes()


@pytest.fixture
def desktop(services):
    """The OptiPlex whose three drives the 0.35 log wiped (one wipe failed)."""
    services.assets.create(
        {"asset_tag": "DT-7050", "serial": "7QX2KF2", "category": "desktop"},
        media=[
            {"media_type": "hdd", "serial": "ZN1AQ7LM", "model": "ST1000DM010"},
            {"media_type": "ssd", "serial": "S3Z2NB0KB12345X"},
            {"media_type": "hdd", "serial": "WD-WCC2EUH71234"},
        ],
    )
    services.lifecycle.move("DT-7050", "retired", reason="refresh")
    return "DT-7050"


def test_nwipe_log_matches_drives_by_serial_and_keeps_the_evidence(services, desktop):
    data = _log("nwipe035_three_drives.log")
    out = services.sanitization.import_nwipe(data, filename="optiplex.log", tz="Asia/Shanghai", operator="Zhao Min")
    assert out.evidence_sha256 == hashlib.sha256(data).hexdigest()
    by_serial = {r.medium_serial: r for r in out.records}
    assert set(by_serial) == {"ZN1AQ7LM", "S3Z2NB0KB12345X", "WD-WCC2EUH71234"}
    hdd = by_serial["ZN1AQ7LM"]
    assert (hdd.category, hdd.technique, hdd.tool_label, hdd.tool, hdd.tool_version) == ("clear", "overwrite", "PRNG Stream", "nwipe", "0.35")
    assert (hdd.verification, hdd.verification_result, hdd.result, hdd.verified) == ("full", "pass", "pass", True)
    assert hdd.time_zone == "Asia/Shanghai" and hdd.operator == "Zhao Min"
    assert hdd.bytes_written == 2000409772032
    failed = by_serial["WD-WCC2EUH71234"]
    assert failed.result == "fail" and not failed.verified
    # The failed drive keeps the desktop in: it may not be sold.
    assert any("WD-WCC2EUH71234" in b for b in [str(e) for e in _guard(services, desktop)])
    name, content = services.sanitization.evidence(out.evidence_sha256)
    assert (name, content) == ("optiplex.log", data)
    # The same file again records nothing new.
    again = services.sanitization.import_nwipe(data, filename="optiplex.log", tz="Asia/Shanghai")
    assert again.already_imported and not again.records
    assert len(services.sanitization.list(desktop)) == 3
    assert services.audit.verify().ok


def _guard(services, ref):
    from itam.errors import GuardError

    try:
        services.lifecycle.move(ref, "sold")
    except GuardError as exc:
        return [exc]
    return []


def test_unknown_drives_stop_the_import_unless_an_asset_is_chosen(services):
    data = _log("nwipe035_three_drives.log")
    with pytest.raises(ImportFileError) as exc:
        services.sanitization.import_nwipe(data, tz="UTC")
    assert len(exc.value.problems) == 3 and "no storage medium with serial ZN1AQ7LM" in exc.value.problems[0]
    assert services.sanitization.list() == []
    # A dry run shows what would happen and writes nothing.
    dry = services.sanitization.import_nwipe(data, tz="UTC", new_asset_category="storage", dry_run=True)
    assert dry.dry_run and len(dry.records) == 3 and len(dry.assets_created) == 3
    assert services.sanitization.list() == [] and services.assets.count(_all()) == 0
    out = services.sanitization.import_nwipe(data, tz="UTC", new_asset_category="storage")
    assert out.assets_created == ["WIPE-000001", "WIPE-000002", "WIPE-000003"]
    assert {r.medium_serial for r in out.records} == {"ZN1AQ7LM", "S3Z2NB0KB12345X", "WD-WCC2EUH71234"}


def _all():
    from itam.services import AssetQuery

    return AssetQuery()


def test_masked_serial_log_is_evidence_but_cannot_back_a_certificate(services):
    services.assets.create({"asset_tag": "LT-9", "category": "laptop"}, media=[{"media_type": "nvme", "serial": "S5H9NX0N123"}])
    services.lifecycle.move("LT-9", "retired", reason="refresh")
    data = _log("nwipe036_quiet_masked.log")
    with pytest.raises(ImportFileError, match="nothing imported"):
        services.sanitization.import_nwipe(data, tz="UTC")
    out = services.sanitization.import_nwipe(data, tz="UTC", asset_ref="LT-9")
    assert out.serials_masked
    assert all(r.evidence_masked for r in out.records)
    # The laptop's one NVMe drive is matched by kind; the USB stick becomes a new medium without a serial.
    assert [(r.media_type, r.medium_serial) for r in out.records] == [("nvme", "S5H9NX0N123"), ("usb_flash", None)]
    assert out.media_created == ["usb_flash (masked serial) → LT-9"]
    assert not any(r.verified for r in out.records)  # this log ran without verification


def test_a_verified_wipe_from_a_masked_log_cannot_back_a_certificate(services):
    services.organisation.update(name="Acme ITAD")
    services.assets.create({"asset_tag": "DT-1", "category": "desktop"}, media=[{"media_type": "hdd", "serial": "ZN1AQ7LM"}])
    # The 0.35 log, as nwipe -q would have written it: serials masked, the verified HDD wipe intact.
    data = _log("nwipe035_three_drives.log")
    for serial in (b"50026B7782A1C3F4", b"ZN1AQ7LM", b"S3Z2NB0KB12345X", b"WD-WCC2EUH71234"):
        data = data.replace(serial, b"X" * len(serial))
    # Keep only the verified HDD (sdb) and the SSD: with two HDDs in the log, neither could be told apart.
    data = b"\n".join(line for line in data.split(b"\n") if b"sdd" not in line and b"WD5000" not in line)
    out = services.sanitization.import_nwipe(data, tz="UTC", asset_ref="DT-1")
    hdd = next(r for r in out.records if r.medium_serial == "ZN1AQ7LM")
    assert hdd.verified and hdd.evidence_masked
    # The SSD, which DT-1 had no record of, joined it as a new medium without a serial.
    assert out.media_created == ["ssd (masked serial) → DT-1"]
    blockers = services.certificates.sanitization_blockers("DT-1")
    assert blockers[0] == "hdd ZN1AQ7LM: the only evidence is a wipe log with masked serials, which cannot back a certificate"
    assert len(blockers) == 2


def test_serial_matching_two_media_is_refused(services):
    services.assets.create({"asset_tag": "A-1", "category": "desktop"}, media=[{"media_type": "hdd", "serial": "ZN1AQ7LM"}])
    services.assets.create({"asset_tag": "A-2", "category": "desktop"}, media=[{"media_type": "hdd", "serial": "ZN1AQ7LM"}])
    with pytest.raises(ImportFileError) as exc:
        services.sanitization.import_nwipe(_log("nwipe035_three_drives.log"), tz="UTC", new_asset_category="storage")
    assert any("matches 2 storage media" in p for p in exc.value.problems)
    assert services.sanitization.list() == []


def test_foreign_and_empty_files_get_clear_errors(services):
    for name in ("foreign_syslog.txt", "empty.log"):
        with pytest.raises(ImportFileError):
            services.sanitization.import_nwipe(_log(name), tz="UTC", new_asset_category="storage")
    with pytest.raises((ImportFileError, ValidationError), match="zone"):
        services.sanitization.import_nwipe(_log("nwipe035_three_drives.log"), tz="Mars/Olympus", new_asset_category="storage")
    assert services.sanitization.list() == []


def test_drives_of_the_machine_nwipe_ran_on_join_that_asset(services):
    """nwipe logs the host's DMI serial: unknown drives go onto the asset with that serial."""
    services.assets.create({"asset_tag": "DT-7050", "serial": "7QX2KF2", "category": "desktop"})
    out = services.sanitization.import_nwipe(_log("nwipe035_three_drives.log"), tz="Europe/Berlin")
    assert {r.asset_tag for r in out.records} == {"DT-7050"}
    assert len(out.media_created) == 3
    assert any("system serial 7QX2KF2" in w for w in out.warnings)
    assert {r.hidden_areas for r in out.records} == {"none_found"}


def test_hidden_sectors_keep_a_drive_unverified(services):
    services.assets.create({"asset_tag": "PC-1", "category": "desktop"},
                           media=[{"media_type": "hdd", "serial": "TF655AWH1XE2KL"}, {"media_type": "hdd", "serial": "ZFL1R4MQ"}])
    out = services.sanitization.import_nwipe(_log("nwipe036_truncated.log"), tz="UTC")
    by = {r.medium_serial: r for r in out.records}
    assert by["TF655AWH1XE2KL"].verified and by["TF655AWH1XE2KL"].hidden_areas == "none_found"
    cut = by["ZFL1R4MQ"]
    assert cut.hidden_areas == "present" and not cut.verified and cut.result == "aborted"
    assert "The log ends before this wipe finished" in (cut.notes or "")


CSV = Path(__file__).resolve().parent.parent / "data" / "wipe_csv"


def test_wipe_csv_rows_land_on_their_assets_all_or_nothing(services):
    services.assets.create({"asset_tag": "IT-000101", "category": "laptop"}, media=[{"media_type": "nvme", "serial": "S4EVNF0M123456"}])
    services.assets.create({"asset_tag": "IT-000102", "category": "desktop"}, media=[{"media_type": "hdd", "serial": "WD-WCC2EUH71234"}])
    services.assets.create({"asset_tag": "IT-000103", "category": "desktop"}, media=[{"media_type": "ssd", "serial": "S3Z2NB0KB12345X"}])
    data = (CSV / "good.csv").read_bytes()
    # PC-7788 is not in the inventory: without permission to create it, nothing is recorded.
    with pytest.raises(ImportFileError) as exc:
        services.sanitization.import_csv(data, tz="Europe/Berlin")
    assert exc.value.problems == ["line 5: no storage medium with serial ZN1AQ7LM; choose the asset it came from, or let the import create one"]
    assert services.sanitization.list() == []
    out = services.sanitization.import_csv(data, tz="Europe/Berlin", new_asset_category="desktop")
    by = {r.medium_serial: r for r in out.records}
    assert by["S4EVNF0M123456"].verified and by["S4EVNF0M123456"].tool == "Blancco Drive Eraser"
    assert by["WD-WCC2EUH71234"].technique == "overwrite" and by["WD-WCC2EUH71234"].result == "pass_with_warnings"
    assert by["S3Z2NB0KB12345X"].result == "fail"
    assert by["ZN1AQ7LM"].category == "destroy" and by["ZN1AQ7LM"].verified
    with pytest.raises(ImportFileError) as exc:
        services.sanitization.import_csv((CSV / "three_bad_rows.csv").read_bytes(), tz="UTC", new_asset_category="desktop")
    assert {p.split(":")[0] for p in exc.value.problems} == {"line 3", "line 5", "line 7"}
    assert services.sanitization.list(only_unverified=True)[0].medium_serial == "S3Z2NB0KB12345X"  # only the good import
