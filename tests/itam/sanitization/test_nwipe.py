"""The nwipe / ShredOS log parser against hand-written logs of several versions and real nwipe 0.33 runs."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from itam.errors import ImportFileError
from itam.sanitization.nwipe import (
    NwipeLog,
    parse_nwipe_log,
    technique_for_nwipe_method,
)

DATA = Path(__file__).resolve().parents[2] / "data" / "nwipe"
BERLIN = ZoneInfo("Europe/Berlin")


def read(name: str) -> bytes:
    return (DATA / name).read_bytes()


def parse(name: str, tz: str = "Europe/Berlin") -> NwipeLog:
    return parse_nwipe_log(read(name), tz=tz, filename=name)


def at(*parts: int, zone=BERLIN) -> datetime:
    return datetime(*parts, tzinfo=zone)


def by_device(log: NwipeLog):
    return {d.device: d for d in log.drives}


# --- hand-written logs, one per version family ---------------------------------------------------------


def test_modern_log_with_summary_gives_every_field_of_three_drives():
    data = read("nwipe035_three_drives.log")
    log = parse("nwipe035_three_drives.log")
    assert log.sha256 == hashlib.sha256(data).hexdigest()
    assert log.size == len(data)
    assert log.nwipe_version == "0.35"
    assert log.tz == "Europe/Berlin"
    assert log.serials_masked is False
    assert log.warnings == ()
    # /dev/sda was found (the system disk) but not selected: it is not a wiped drive.
    assert [d.device for d in log.drives] == ["/dev/sdb", "/dev/sdc", "/dev/sdd"]
    hdd, ssd, bad = log.drives

    assert hdd.model == "ST1000DM010-2EP102"  # the Found line's full model, not the table's 17 characters
    assert hdd.serial == "ZN1AQ7LM" and hdd.serial_masked is False
    assert (hdd.bus, hdd.media_hint) == ("ATA", "hdd")
    assert hdd.size_bytes == 1000204886016  # exact, from "sect/blk/dev", not "1000 GB"
    assert (hdd.method, hdd.rounds, hdd.verification) == ("PRNG Stream", 1, "last")
    assert hdd.bytes_written == 2 * 1000204886016  # the PRNG pass and the blanking pass
    assert hdd.verified is True
    assert (hdd.errors, hdd.error_messages) == (0, ())
    assert hdd.status == "erased"
    assert hdd.started_at == at(2023, 11, 26, 19, 20, 12)
    assert hdd.ended_at == at(2023, 11, 27, 0, 26, 38)
    assert (hdd.throughput, hdd.duration) == ("163 MB/s", "05:06:26")
    assert hdd.ended_at - hdd.started_at == timedelta(hours=5, minutes=6, seconds=26)

    assert (ssd.model, ssd.serial, ssd.bus, ssd.media_hint) == (
        "Samsung SSD 860 EVO 500GB", "S3Z2NB0KB12345X", "ATA", "ssd",
    )
    assert ssd.size_bytes == 500107862016 and ssd.bytes_written == 2 * 500107862016
    assert (ssd.status, ssd.verified, ssd.errors) == ("erased", True, 0)
    assert (ssd.started_at, ssd.ended_at) == (at(2023, 11, 26, 19, 20, 12), at(2023, 11, 26, 20, 13, 16))
    assert (ssd.throughput, ssd.duration) == ("471 MB/s", "00:53:04")

    assert (bad.model, bad.serial, bad.media_hint) == ("WDC WD5000AAKX-00ERMA0", "WD-WCC2EUH71234", "hdd")
    assert bad.status == "failed"
    assert bad.errors == 1  # the Error Summary's pass errors
    assert bad.verified is None  # it never reached verification
    assert bad.bytes_written == 131072000000
    assert bad.error_messages == (
        "nwipe_random_pass: write: Input/output error",  # names no device: tied to the next line's
        "Unable to read from '/dev/sdd'.",
        "Nwipe exited with errors on device = /dev/sdd, see log for specific error",
    )
    # The wipe stopped at the I/O error, not when the operator closed nwipe twelve hours later.
    assert (bad.started_at, bad.ended_at) == (at(2023, 11, 26, 19, 20, 12), at(2023, 11, 26, 19, 47, 31))
    assert (bad.throughput, bad.duration) == ("79 MB/s", "00:27:19")


def test_old_log_without_summary_takes_statuses_from_lines():
    log = parse("nwipe028_no_summary.log", tz="Asia/Shanghai")
    assert log.nwipe_version == "0.28"
    assert log.warnings == ("no erasure summary table: statuses taken from log lines",)
    shanghai = ZoneInfo("Asia/Shanghai")
    good, bad = log.drives
    assert good.device == "/dev/sdb"
    assert (good.model, good.serial, good.bus) == ("WDC WD2500AAJS-00L7A0", "WD-WMAV2A123456", "ATA")
    # 0.28 did not know SSDs from disks: a bare "ATA" gives no media hint.
    assert good.media_hint is None
    assert good.size_bytes == 250059350016
    assert (good.method, good.rounds, good.verification) == ("DoD Short", 1, "last")
    assert good.bytes_written == 4 * 250059350016  # three passes and the blanking pass
    assert (good.status, good.verified, good.errors, good.error_messages) == ("erased", True, 0, ())
    assert good.started_at == at(2020, 4, 2, 10, 6, 40, zone=shanghai)
    assert good.ended_at == at(2020, 4, 2, 13, 40, 1, zone=shanghai)
    assert (good.throughput, good.duration) == (None, None)

    assert bad.device == "/dev/sdc"
    assert (bad.model, bad.bus, bad.media_hint) == ("SanDisk Cruzer Blade", "USB", "usb_flash")
    assert bad.size_bytes == 16008609792
    assert (bad.status, bad.verified, bad.errors) == ("failed", False, 12)
    assert bad.error_messages == (
        "[FAILURE] /dev/sdc Verification errors, not empty",
        "[FAILURE] /dev/sdc may not be blanked",
        "12 verification errors on '/dev/sdc'.",
    )
    assert bad.ended_at == at(2020, 4, 2, 11, 44, 29, zone=shanghai)


def test_quiet_log_masks_serials_and_reads_nvme_and_usb():
    log = parse("nwipe036_quiet_masked.log")
    assert log.nwipe_version == "0.36"
    assert log.serials_masked is True
    assert log.warnings == ("serial numbers are masked (nwipe -q): match the drives by another means",)
    nvme, usb = log.drives
    assert nvme.device == "/dev/nvme0n1"
    assert (nvme.serial, nvme.serial_masked) == (None, True)  # S/N=XXXXXXXXXXXXXXXXXXXX
    assert (nvme.bus, nvme.media_hint, nvme.model) == ("NVME", "nvme", "Samsung SSD 970 EVO Plus 1TB")
    assert nvme.size_bytes == 1000204886016
    assert (nvme.method, nvme.rounds, nvme.verification) == ("Fill With Zeros", 1, "off")
    assert nvme.bytes_written == 1000204886016  # --noblank: one pass only
    assert (nvme.status, nvme.verified, nvme.errors) == ("erased", None, 0)
    assert (nvme.throughput, nvme.duration) == ("1.8 GB/s", "00:09:15")
    assert (nvme.started_at, nvme.ended_at) == (at(2024, 3, 14, 9, 14, 3), at(2024, 3, 14, 9, 23, 18))

    assert usb.device == "/dev/sdb"
    assert (usb.serial, usb.serial_masked) == (None, True)  # S/N=???? : there was none to hide
    assert (usb.bus, usb.media_hint, usb.model) == ("USB", "usb_flash", "Generic Flash Disk")
    assert (usb.status, usb.size_bytes, usb.duration) == ("erased", 32017047552, "00:19:03")


def test_truncated_log_keeps_finished_drives_and_marks_the_rest_unknown():
    log = parse("nwipe036_truncated.log")
    done, cut = log.drives
    assert (done.device, done.status, done.verified) == ("/dev/sdb", "erased", True)
    assert done.ended_at == at(2024, 5, 10, 14, 11, 2)
    assert cut.device == "/dev/sdc"
    assert (cut.status, cut.verified, cut.ended_at) == ("unknown", None, None)
    assert cut.started_at == at(2024, 5, 10, 12, 3, 11)
    assert cut.bytes_written == 2000398934016
    assert log.warnings == (
        "no erasure summary table: statuses taken from log lines",
        "nwipe reported hidden sectors (HPA/DCO) on /dev/sdc: they may not have been wiped",
        "the log ends before the wipe of /dev/sdc finished (truncated?)",
    )


def test_log_cut_inside_the_summary_table():
    data = read("nwipe035_three_drives.log")
    cut = data[: data.index(b"       sdc | Erased")]
    log = parse_nwipe_log(cut.replace(b"       sdb | Erased |", b"       sdb |INSANITY|"), tz="UTC")
    assert [d.status for d in log.drives] == ["insanity", "erased", "failed"]
    assert [d.duration for d in log.drives] == ["05:06:26", None, None]
    assert log.drives[2].errors == 1  # the Error Summary table was complete
    assert log.warnings == ("the erasure summary table is cut off: some statuses taken from log lines",)


def test_shredos_log_with_user_abort():
    log = parse("shredos_user_abort.log")
    assert log.nwipe_version == "0.36"  # from "ShredOS v2024.02.2_26.0_x86-64_0.36"
    assert log.warnings == ()
    erased, aborted = log.drives
    assert (erased.device, erased.status, erased.verified) == ("/dev/sdb", "erased", True)
    assert (erased.model, erased.serial, erased.media_hint) == ("ST3160815AS", "9RA4VM2N", "hdd")
    assert erased.duration == "02:16:35"
    assert aborted.device == "/dev/sdc"
    assert (aborted.status, aborted.verified, aborted.errors) == ("aborted", None, 0)
    assert (aborted.model, aborted.serial, aborted.media_hint) == ("CT2000MX500SSD1", "2231E6A1B2C3", "ssd")
    assert (aborted.method, aborted.rounds, aborted.verification) == ("DoD Short", 1, "last")
    assert aborted.bytes_written == 2 * 2000398934016
    # An aborted drive ends when nwipe wrote its summary.
    assert (aborted.started_at, aborted.ended_at) == (at(2024, 8, 19, 8, 31, 20), at(2024, 8, 19, 11, 20, 7))
    assert (aborted.throughput, aborted.duration) == ("428 MB/s", "02:48:47")


def test_very_old_log_with_quoted_devices_and_no_completion_line():
    log = parse("nwipe02x_device_quotes.log")
    assert log.nwipe_version is None
    (drive,) = log.drives
    assert drive.device == "/dev/sdb"
    assert (drive.model, drive.serial, drive.bus) == (None, None, None)
    assert drive.size_bytes == 500107862016  # "Device '/dev/sdb' is size 500107862016."
    assert (drive.method, drive.rounds, drive.verification) == ("DoD Short", 1, None)
    assert drive.bytes_written == 3 * 500107862016
    assert (drive.status, drive.ended_at) == ("unknown", None)
    assert any("nothing after 'Blanking device'" in w for w in log.warnings)


# --- real nwipe 0.33 runs against loop devices (see tests/data/nwipe/recorded/README.md) ---------------


def test_recorded_prng_run_with_verification():
    log = parse("recorded/nwipe033_prng_verify_last.log")
    (d,) = log.drives
    assert log.nwipe_version == "0.33"
    assert (d.device, d.model, d.bus, d.media_hint) == ("/dev/loop0", "Loopback device", "VIRT", None)
    # nwipe 0.33 printed raw bytes as the loop device's serial: unreadable, so no serial and a warning.
    assert (d.serial, d.serial_masked) == (None, False)
    assert "the serial number of /dev/loop0 in the log is unreadable (garbled by nwipe < 0.36)" in log.warnings
    assert (d.size_bytes, d.bytes_written) == (67108864, 2 * 67108864)
    assert (d.method, d.rounds, d.verification, d.verified) == ("PRNG Stream", 1, "last", True)
    assert (d.status, d.errors, d.throughput, d.duration) == ("erased", 0, "0 B/s", "00:00:01")


def test_recorded_quiet_zero_fill_without_blanking():
    log = parse("recorded/nwipe033_zeros_quiet_noblank.log")
    (d,) = log.drives
    assert (d.serial, d.serial_masked, log.serials_masked) == (None, True, True)  # 15 X's in 0.33
    assert (d.method, d.verification, d.verified, d.bytes_written) == ("Fill With Zeros", "off", None, 67108864)
    assert d.status == "erased"


def test_recorded_io_error():
    log = parse("recorded/nwipe033_io_error.log")
    (d,) = log.drives
    assert d.device == "/dev/loop1"
    assert d.status == "failed"
    assert d.errors == 2  # one pass error and one fdatasync error in the Error Summary
    assert d.bytes_written == 51200000
    assert d.error_messages[:2] == (
        "nwipe_random_pass: fdatasync: Input/output error",
        "Buffer flush failure on '/dev/loop1'.",
    )
    assert d.ended_at == at(2026, 11, 23, 21, 17, 26)


def test_recorded_user_abort_with_verify_all_and_two_rounds():
    log = parse("recorded/nwipe033_dodshort_user_abort.log")
    (d,) = log.drives
    assert (d.status, d.method, d.rounds, d.verification) == ("aborted", "DoD Short", 2, "all")
    assert d.verified is None  # passes were verified, but the wipe never finished
    assert d.bytes_written == 3 * 67108864
    assert (d.throughput, d.duration) == ("319 MB/s", "00:00:03")
    assert d.ended_at == at(2026, 11, 23, 21, 17, 39)  # the summary's time


# --- time zones ----------------------------------------------------------------------------------------


def test_timestamps_take_the_given_zone():
    log = parse("nwipe035_three_drives.log", tz="Asia/Shanghai")
    started = log.drives[0].started_at
    assert log.tz == "Asia/Shanghai"
    assert started.utcoffset() == timedelta(hours=8)
    assert started.isoformat() == "2023-11-26T19:20:12+08:00"
    assert started.astimezone(UTC) == datetime(2023, 11, 26, 11, 20, 12, tzinfo=UTC)


def test_summer_and_winter_times_get_their_own_offsets():
    winter = parse("nwipe035_three_drives.log").drives[0].started_at
    summer = parse("shredos_user_abort.log").drives[0].started_at
    assert (winter.utcoffset(), summer.utcoffset()) == (timedelta(hours=1), timedelta(hours=2))


@pytest.mark.parametrize("zone", ["Mars/Olympus_Mons", "../../etc/passwd", "", "UTC+8"])
def test_unknown_zone_is_an_import_error(zone):
    with pytest.raises(ImportFileError, match="not a time zone"):
        parse_nwipe_log(read("nwipe035_three_drives.log"), tz=zone)


def test_default_zone_is_this_machines():
    tzlocal = pytest.importorskip("tzlocal")
    log = parse_nwipe_log(read("nwipe035_three_drives.log"))
    assert log.tz == tzlocal.get_localzone_name()
    assert log.drives[0].started_at.tzinfo is not None


def test_default_zone_without_tzlocal(monkeypatch):
    monkeypatch.setitem(sys.modules, "tzlocal", None)  # import tzlocal now raises ImportError
    log = parse_nwipe_log(read("nwipe035_three_drives.log"))
    assert log.tz == datetime.now().astimezone().tzinfo.tzname(None)
    assert log.drives[0].started_at.utcoffset() is not None


def test_parsers_import_nothing_but_the_standard_library():
    code = (
        "import sys, itam.sanitization.nwipe, itam.sanitization.wipe_csv; "
        "print(sorted(m for m in ('PySide6', 'sqlalchemy', 'itam.services', 'itam.db') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


# --- what is not a log, or not a whole one -------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"   \n\n\t\n"])
def test_empty_file(data):
    with pytest.raises(ImportFileError, match="empty") as info:
        parse_nwipe_log(data, tz="UTC", filename="nwipe.log")
    assert info.value.problems == ["empty file"]


def test_empty_fixture():
    with pytest.raises(ImportFileError, match="empty.log is empty"):
        parse("empty.log")


def test_foreign_text_is_refused():
    with pytest.raises(ImportFileError, match="is not an nwipe log"):
        parse("foreign_syslog.txt")


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "a PDF document"),
        (b"PK\x03\x04\x14\x00\x06\x00" + bytes(200), "a zip archive"),
        (bytes(range(256)) * 40, "a binary file"),
    ],
)
def test_binary_files_are_refused(data, what):
    with pytest.raises(ImportFileError, match=what):
        parse_nwipe_log(data, tz="UTC")


def test_a_log_in_which_nothing_was_wiped_is_refused():
    head = b"".join(line + b"\n" for line in read("nwipe035_three_drives.log").splitlines()[:40])
    with pytest.raises(ImportFileError, match="no drive was wiped") as info:
        parse_nwipe_log(head, tz="UTC", filename="quit.log")
    assert "/dev/sdb" in str(info.value)


def test_two_runs_in_one_file_are_reported_separately():
    data = read("nwipe028_no_summary.log") + read("nwipe036_quiet_masked.log")
    log = parse_nwipe_log(data, tz="UTC")
    assert [d.device for d in log.drives] == ["/dev/sdb", "/dev/sdc", "/dev/nvme0n1", "/dev/sdb"]
    assert [d.method for d in log.drives] == ["DoD Short", "DoD Short", "Fill With Zeros", "Fill With Zeros"]
    assert [d.status for d in log.drives] == ["erased", "failed", "erased", "erased"]
    assert "the file holds 2 nwipe runs; each run's drives are listed separately" in log.warnings


def test_summary_row_matches_a_device_name_nwipe_cut_to_eight_characters():
    lines = [
        "[2024/01/02 10:00:00]  notice: Found /dev/mapper/wipetarget1,  UNK    , Linux device-mapper,  10 GB, S/N=",
        "[2024/01/02 10:00:01]  notice: Invoking method 'PRNG Stream' on /dev/mapper/wipetarget1",
        "[2024/01/02 10:01:40]  notice: 10737418240 bytes written to /dev/mapper/wipetarget1",
        "********************************* Drive Status *********************************",
        "!   Device | Status | Thru-put | HH:MM:SS | Model/Serial Number",
        "--------------------------------------------------------------------------------",
        "  etarget1 | Erased |  108 MB/s | 00:01:39 | Linux device-mapp/",
        "--------------------------------------------------------------------------------",
        "[2024/01/02 10:01:41] Total Throughput  108 MB/s, PRNG Stream, 1R+NB+NV",
        "********************************************************************************",
    ]
    log = parse_nwipe_log("\n".join(lines).encode(), tz="UTC")
    (d,) = log.drives
    assert d.device == "/dev/mapper/wipetarget1"
    assert (d.status, d.duration, d.bus, d.media_hint, d.serial) == ("erased", "00:01:39", "UNK", None, None)


# --- hostile input -------------------------------------------------------------------------------------


def test_escape_sequences_and_control_characters_are_stripped_from_fields():
    data = read("nwipe035_three_drives.log").replace(
        b"ST1000DM010-2EP102, 1000 GB, S/N=ZN1AQ7LM",
        b"ST1000\x1b[31mDM010\x1b[0m-2EP102\x07\x08, 1000 GB, S/N=ZN1A\x1b]0;owned\x07Q7LM",
    ).replace(b"has serial number ZN1AQ7LM", b"has serial number ZN1A\x1b]0;owned\x07Q7LM")
    drive = parse_nwipe_log(data, tz="UTC").drives[0]
    assert drive.model == "ST1000DM010-2EP102"
    assert drive.serial == "ZN1AQ7LM"


def test_invalid_utf8_does_not_crash_and_is_reported():
    data = read("nwipe035_three_drives.log").replace(b"KINGSTON", b"KING\xff\xfeSTON").replace(
        b"Samsung SSD 860 EVO", b"Samsung \xc3\x28SSD 860 EVO"
    )
    log = parse_nwipe_log(data, tz="UTC")
    assert log.drives[1].model == "Samsung \ufffd(SSD 860 EVO 500GB"
    assert "the file holds bytes that are not UTF-8 text: they were replaced" in log.warnings


def test_a_one_megabyte_line_is_cut_not_swallowed():
    huge = b"[2023/11/26 19:30:00]  notice: " + b"A/dev/sdb " * 104858 + b"\n"
    log = parse_nwipe_log(read("nwipe035_three_drives.log") + huge, tz="UTC")
    assert len(log.drives) == 3
    assert "1 overlong line(s) were cut to 2048 characters" in log.warnings
    with pytest.raises(ImportFileError):
        parse_nwipe_log(b"x" * 1_048_576, tz="UTC")


def test_long_fields_are_capped():
    model = b"M" * 5000
    data = read("nwipe035_three_drives.log").replace(b"ST1000DM010-2EP102, 1000 GB", model + b", 1000 GB")
    drive = parse_nwipe_log(data, tz="UTC").drives[0]
    assert drive.model is not None and len(drive.model) <= 200


@pytest.mark.parametrize(
    "garbage",
    [
        "[2023/13/45 99:99:99]  notice: Invoking method 'PRNG Stream' on /dev/sdb",
        "[2023/11/26 19:20:12]  notice: 99999999999999999999999999999 bytes written to /dev/sdb",
        "[2023/11/26 19:20:12]  notice: /dev/sdb, sect/blk/dev 512/4096/" + "9" * 1500,
        "[2023/11/26 19:20:12]  notice: Found /dev/sdq,  ATA    , X, " + "9" * 400 + " TB, S/N=1",
        "       sdb |" + "9" * 900 + " |  1 | 2",
        "[2023/11/26 19:20:12] Total Throughput 1 MB/s, x, 99999999999999R+B+VL",
    ],
)
def test_corrupt_numbers_and_dates_do_not_crash(garbage):
    data = read("nwipe035_three_drives.log").replace(b"\n\n*****", ("\n" + garbage + "\n\n*****").encode(), 1)
    log = parse_nwipe_log(data, tz="UTC")
    assert len(log.drives) >= 3


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_mutated_logs_parse_or_raise_import_file_error(data):
    source = bytearray(read(data.draw(st.sampled_from([
        "nwipe035_three_drives.log", "shredos_user_abort.log", "nwipe028_no_summary.log",
        "recorded/nwipe033_io_error.log",
    ]))))
    for _ in range(data.draw(st.integers(min_value=1, max_value=12))):
        op = data.draw(st.sampled_from(["delete", "insert", "replace", "cut"]))
        pos = data.draw(st.integers(min_value=0, max_value=len(source)))
        if op == "delete":
            del source[pos : pos + data.draw(st.integers(min_value=1, max_value=400))]
        elif op == "insert":
            source[pos:pos] = data.draw(st.binary(min_size=1, max_size=64))
        elif op == "replace" and pos < len(source):
            source[pos] = data.draw(st.integers(min_value=0, max_value=255))
        elif op == "cut":
            del source[pos:]
    try:
        log = parse_nwipe_log(bytes(source), tz="Europe/Berlin")
    except ImportFileError:
        return
    assert log.drives
    for drive in log.drives:
        assert drive.status in ("erased", "failed", "aborted", "insanity", "unknown")
        assert drive.started_at is None or drive.started_at.tzinfo is not None
        assert all(len(m) <= 200 for m in drive.error_messages)


# --- techniques ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "bus", "technique"),
    [
        ("PRNG Stream", None, "overwrite"),
        ("DoD 5220.22-M", None, "overwrite"),
        ("DoD Short", None, "overwrite"),
        ("Gutmann Wipe", None, "overwrite"),
        ("Fill With Zeros", None, "overwrite"),
        ("Zero Fill", None, "overwrite"),
        ("Fill With Ones", None, "overwrite"),
        ("RCMP TSSIT OPS-II", None, "overwrite"),
        ("HMG IS5 Enhanced", None, "overwrite"),
        ("Bruce Schneier 7-Pass", None, "overwrite"),
        ("BMB21-2019", None, "overwrite"),
        ("Verify Zeros (0x00)", None, "other"),
        ("Verify Ones  (0xFF)", None, "other"),
        ("Secure Erase (ATA/NVMe)", "ATA", "ata_secure_erase"),
        ("Secure Erase (ATA/NVMe)", "NVME", "nvme_format"),
        ("Secure Erase + PRNG + Verify", "ATA", "ata_secure_erase"),
        ("Enhanced Secure Erase", "ATA", "ata_enhanced_secure_erase"),
        ("Sanitize Crypto Erase (ATA/SCSI/NVMe)", "NVME", "crypto_erase"),
        ("Sanitize Block Erase (ATA/SCSI/NVMe)", "ATA", "block_erase"),
        ("Sanitize Overwrite (ATA/SCSI/NVMe)", "NVME", "nvme_sanitize"),
        ("Sanitize Overwrite (ATA/SCSI/NVMe)", "SAS", "scsi_sanitize"),
        ("Sanitize Overwrite (ATA/SCSI/NVMe)", "ATA", "overwrite"),
        (None, None, "overwrite"),
    ],
)
def test_technique_for_nwipe_method(method, bus, technique):
    assert technique_for_nwipe_method(method, bus=bus) == technique
