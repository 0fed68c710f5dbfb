"""The generic wipe-results CSV: synonyms, delimiters, encodings, times, and all-or-nothing validation."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from itam.errors import ImportFileError
from itam.sanitization.wipe_csv import (
    TECHNIQUES,
    normalise_category,
    normalise_media_type,
    normalise_result,
    normalise_technique,
    parse_wipe_csv,
)

DATA = Path(__file__).resolve().parents[2] / "data" / "wipe_csv"
BERLIN = ZoneInfo("Europe/Berlin")


def read(name: str) -> bytes:
    return (DATA / name).read_bytes()


def csv_bytes(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode()


HEADER = "serial,category,method,result,end time"


def test_good_file_gives_every_field():
    data = read("good.csv")
    result = parse_wipe_csv(data, tz="Europe/Berlin")
    assert result.sha256 == hashlib.sha256(data).hexdigest()
    assert [r.line for r in result.rows] == [2, 3, 4, 5]
    nvme, hdd, ssd, shredded = result.rows

    assert nvme.asset_ref == "IT-000101"
    assert nvme.medium_serial == "S4EVNF0M123456"
    assert (nvme.media_type, nvme.model, nvme.capacity_gb) == ("nvme", "Samsung PM9A1 512GB", 512.0)
    assert (nvme.category, nvme.technique) == ("purge", "nvme_sanitize")
    assert nvme.tool_label == "Sanitize Crypto Erase"
    assert nvme.standard == "NIST SP 800-88 Rev. 1"
    assert (nvme.tool, nvme.tool_version, nvme.passes) == ("Blancco Drive Eraser", "7.12.1", None)
    assert (nvme.verification, nvme.verification_pct, nvme.verification_result) == ("full", 100.0, "pass")
    assert nvme.hidden_areas == "not_applicable"
    assert nvme.result == "pass"
    plus_one = timezone(timedelta(hours=1))
    assert nvme.started_at == datetime(2025, 3, 14, 9, 2, 11, tzinfo=plus_one)
    assert nvme.ended_at == datetime(2025, 3, 14, 9, 3, 40, tzinfo=plus_one)
    assert (nvme.operator, nvme.verifier, nvme.errors) == ("Li Wei", "Anna Berg", None)
    assert nvme.notes == "Crypto erase confirmed by firmware"

    # No technique given: the method "DoD 5220.22-M" is a legacy name of an overwrite.
    assert (hdd.category, hdd.technique, hdd.tool_label, hdd.passes) == ("clear", "overwrite", "DoD 5220.22-M", 3)
    assert (hdd.verification, hdd.verification_pct, hdd.verification_result) == ("sampling", 10.0, "pass")
    assert (hdd.hidden_areas, hdd.result) == ("removed", "pass_with_warnings")
    assert hdd.started_at == datetime(2025, 3, 14, 10, 0, tzinfo=BERLIN)  # naive: the given zone
    assert hdd.ended_at == datetime(2025, 3, 14, 13, 41, 5, tzinfo=BERLIN)
    assert (hdd.errors, hdd.notes) == ("1 reallocated sector", "HPA removed before wipe, then 3 passes")

    assert (ssd.asset_ref, ssd.media_type, ssd.capacity_gb) == (None, "ssd", 500.1)  # "Solid state", "500,1"
    assert (ssd.category, ssd.technique, ssd.passes, ssd.result) == ("clear", "overwrite", 35, "fail")
    assert (ssd.verification, ssd.hidden_areas) == ("none", "none_found")
    assert ssd.ended_at == datetime(2025, 3, 15, 8, 0, tzinfo=UTC)  # "Z"

    assert (shredded.media_type, shredded.capacity_gb) == ("hdd", 1000.0)  # "hard disk", "1 TB"
    assert (shredded.category, shredded.technique, shredded.tool_label) == ("destroy", "shred", None)
    assert shredded.ended_at == datetime(2025, 3, 16, 0, 0, tzinfo=BERLIN)  # a date alone: midnight


def test_semicolons_and_a_byte_order_mark():
    rows = parse_wipe_csv(read("semicolon_bom.csv"), tz="Europe/Berlin").rows
    first, second = rows
    assert first.asset_ref == "C02XK1JHJG5H"  # the BOM is not part of the first header
    assert first.medium_serial == "S4EWNX0R987654"  # "S/N"
    assert (first.category, first.technique) == ("purge", "ata_enhanced_secure_erase")
    assert first.result == "pass"  # "Success"
    assert (first.verification, first.verification_pct) == ("sampling", 12.5)  # "Sampling %" = "12,5"
    assert first.media_type is None  # "Medientyp" is not a column this importer knows: ignored
    assert second.medium_serial == "S4EW;NX0R987655"  # a quoted delimiter stays in the value
    assert (second.technique, second.verification) == ("overwrite", "full")  # HMG IS5 Enhanced
    assert second.ended_at.utcoffset() == timedelta(hours=1)


def test_gb18030_with_chinese_headers_and_notes():
    rows = parse_wipe_csv(read("gb18030_chinese.csv"), tz="Asia/Shanghai").rows
    hdd, ssd = rows
    assert (hdd.asset_ref, hdd.medium_serial, hdd.media_type) == ("ZC-2024-0031", "WXB1A3456789", "hdd")
    assert (hdd.technique, hdd.tool_label, hdd.result) == ("overwrite", "BMB21-2019", "pass")
    assert hdd.ended_at == datetime(2024, 6, 3, 14, 20, tzinfo=ZoneInfo("Asia/Shanghai"))  # 2024年6月3日 14:20
    assert hdd.ended_at.utcoffset() == timedelta(hours=8)
    assert (hdd.operator, hdd.notes) == ("张伟", "三次覆写后已校验")
    assert (ssd.media_type, ssd.category, ssd.technique, ssd.result) == ("ssd", "purge", "crypto_erase", "pass")
    assert ssd.notes == "固件加密擦除"


def test_tab_separated():
    usb, card = parse_wipe_csv(read("tab_separated.tsv"), tz="UTC").rows
    assert (usb.medium_serial, usb.media_type, usb.technique, usb.tool) == (
        "Z1D2X3Y4", "usb_flash", "overwrite", "ShredOS nwipe",
    )
    assert (usb.verification, usb.verification_result) == ("full", "pass")
    assert (card.media_type, card.category, card.technique) == ("memory_card", "destroy", "pulverize")


def test_every_problem_in_every_row_is_reported_and_nothing_returned():
    with pytest.raises(ImportFileError) as info:
        parse_wipe_csv(read("three_bad_rows.csv"), tz="UTC", filename="three_bad_rows.csv")
    problems = info.value.problems
    assert problems == [
        "line 3: category 'clean' is not one of clear, purge, destroy",
        "line 5: medium serial (column 'serial') is empty",
        "line 5: result 'ok?' is not one of pass, pass with warnings, fail, aborted",
        "line 7: technique is missing and the method 'Magic Wipe 3000' does not name one (one of "
        + ", ".join(TECHNIQUES) + ")",
        "line 7: verification is full but only 50% was verified",
        "line 7: end time '10/01/2025 15:00' is ambiguous: write dates as ISO 8601 (2024-03-14 10:30)",
    ]
    assert {p.split(":")[0] for p in problems} == {"line 3", "line 5", "line 7"}
    assert str(info.value).startswith("three_bad_rows.csv: 3 row(s) have problems (6 in all), so nothing")


def test_missing_required_columns_are_named():
    with pytest.raises(ImportFileError) as info:
        parse_wipe_csv(read("missing_column.csv"), tz="UTC", filename="missing_column.csv")
    message = str(info.value)
    assert message.startswith("missing_column.csv lacks required column(s): medium serial")
    assert "category" in message and "end time" in message
    assert "'Asset Tag', 'Model', 'Method', 'Status'" in message
    assert info.value.problems == [
        "missing column: medium serial", "missing column: category", "missing column: end time",
    ]


def test_neither_technique_nor_method_column():
    with pytest.raises(ImportFileError, match=r"technique \(e.g. 'technique'\) \(or a 'method' column"):
        parse_wipe_csv(csv_bytes("serial,category,result,end time", "A1,clear,pass,2025-01-01 10:00"), tz="UTC")


@pytest.mark.parametrize("data", [b"", b"\n\n  \n", b"\xef\xbb\xbf"])
def test_empty_file(data):
    with pytest.raises(ImportFileError, match="empty"):
        parse_wipe_csv(data, tz="UTC")


def test_empty_fixture():
    with pytest.raises(ImportFileError, match="empty"):
        parse_wipe_csv(read("empty.csv"), tz="UTC")


def test_header_without_rows():
    with pytest.raises(ImportFileError, match="no wipe results"):
        parse_wipe_csv(csv_bytes(HEADER), tz="UTC")


def test_two_columns_meaning_the_same_field():
    with pytest.raises(ImportFileError, match="'Serial' and 'Drive Serial' both mean medium serial"):
        parse_wipe_csv(csv_bytes("Serial,Drive Serial,category,method,result,end time"), tz="UTC")


def test_binary_and_malformed_files():
    with pytest.raises(ImportFileError, match="not a text file"):
        parse_wipe_csv(b"serial\x00category\n", tz="UTC")
    with pytest.raises(ImportFileError, match="not well-formed CSV"):
        parse_wipe_csv(csv_bytes(HEADER, 'A1,clear,"PRNG,pass,2025-01-01 10:00'), tz="UTC")
    with pytest.raises(ImportFileError, match="row 2 has 6 cells"):
        parse_wipe_csv(csv_bytes(HEADER, "A1,clear,PRNG,pass,2025-01-01 10:00,extra"), tz="UTC")


def test_unknown_zone():
    with pytest.raises(ImportFileError, match="not a time zone"):
        parse_wipe_csv(read("good.csv"), tz="Nowhere/Atlantis")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-03-14T10:30:00+08:00", datetime(2025, 3, 14, 2, 30, tzinfo=UTC)),
        ("2025-03-14 10:30:00.250Z", datetime(2025, 3, 14, 10, 30, 0, 250000, tzinfo=UTC)),
        ("2025-03-14 10:30 UTC", datetime(2025, 3, 14, 10, 30, tzinfo=UTC)),
        ("2025-03-14 10:30-0500", datetime(2025, 3, 14, 15, 30, tzinfo=UTC)),
        ("2025/3/4 9:05", datetime(2025, 3, 4, 1, 5, tzinfo=UTC)),  # Shanghai, naive
        ("2025-03-14", datetime(2025, 3, 13, 16, 0, tzinfo=UTC)),
    ],
)
def test_times(text, expected):
    row = parse_wipe_csv(csv_bytes(HEADER, f"A1,clear,PRNG,pass,{text}"), tz="Asia/Shanghai").rows[0]
    assert row.ended_at == expected
    assert row.ended_at.tzinfo is not None


@pytest.mark.parametrize(
    ("cell", "problem"),
    [
        ("14/03/2025 10:30", "is ambiguous"),
        ("yesterday", "is not a date and time"),
        ("2025-02-30 10:00", "is not a valid date"),
        ("2025-03-14 25:00", "is not a valid date"),
        ("2025-03-14 10:30 +25:99", "is not a UTC offset"),
    ],
)
def test_bad_times(cell, problem):
    with pytest.raises(ImportFileError) as info:
        parse_wipe_csv(csv_bytes(HEADER, f"A1,clear,PRNG,pass,{cell}"), tz="UTC")
    assert len(info.value.problems) == 1 and problem in info.value.problems[0]


def test_start_after_end():
    with pytest.raises(ImportFileError, match="start time lies after the end time"):
        parse_wipe_csv(
            csv_bytes(HEADER + ",start time", "A1,clear,PRNG,pass,2025-01-01 10:00,2025-01-01 11:00"), tz="UTC"
        )


def test_verification_taken_from_percentage_and_contradictions_refused():
    rows = parse_wipe_csv(
        csv_bytes(HEADER + ",verification %", "A1,clear,PRNG,pass,2025-01-01,100", "A2,clear,PRNG,pass,2025-01-01,15"),
        tz="UTC",
    ).rows
    assert [(r.verification, r.verification_pct) for r in rows] == [("full", 100.0), ("sampling", 15.0)]
    with pytest.raises(ImportFileError) as info:
        parse_wipe_csv(
            csv_bytes(
                HEADER + ",verification,verification result,verification %",
                "A1,clear,PRNG,pass,2025-01-01,none,pass,",
                "A2,clear,PRNG,pass,2025-01-01,,fail,",
                "A3,clear,PRNG,pass,2025-01-01,full,,0",
                "A4,clear,PRNG,pass,2025-01-01,maybe,,",
            ),
            tz="UTC",
        )
    assert info.value.problems == [
        "line 2: verification is none but a verification percentage or result is given",
        "line 3: a verification result is given but not how it was verified (full or sampling)",
        "line 4: verification % '0' is not a percentage above 0 and at most 100",
        "line 5: verification 'maybe' is not one of none, sampling, full",
    ]


def test_overlong_and_control_characters():
    long_serial = "S" * 201
    with pytest.raises(ImportFileError, match="longer than 200 characters"):
        parse_wipe_csv(csv_bytes(HEADER, f"{long_serial},clear,PRNG,pass,2025-01-01"), tz="UTC")
    row = parse_wipe_csv(csv_bytes(HEADER, "AB\x1b[31mC\x07D,clear,PRNG,pass,2025-01-01"), tz="UTC").rows[0]
    assert row.medium_serial == "ABCD"  # escape sequences cannot reach a terminal or a PDF


def test_numbers():
    header = HEADER + ",capacity,passes"
    rows = parse_wipe_csv(
        csv_bytes(header, 'A1,clear,PRNG,pass,2025-01-01,"1,000",1.0', "A2,clear,PRNG,pass,2025-01-01,256 MB,"),
        tz="UTC",
    ).rows
    assert [(r.capacity_gb, r.passes) for r in rows] == [(1000.0, 1), (0.256, None)]
    with pytest.raises(ImportFileError) as info:
        parse_wipe_csv(
            csv_bytes(header, "A1,clear,PRNG,pass,2025-01-01,-5,2.5", "A2,clear,PRNG,pass,2025-01-01,12 PB,x"),
            tz="UTC",
        )
    assert len(info.value.problems) == 4


@settings(max_examples=100, deadline=None)
@given(
    cuts=st.lists(st.tuples(st.integers(0, 1200), st.binary(max_size=12)), min_size=1, max_size=8),
    name=st.sampled_from(["good.csv", "semicolon_bom.csv", "gb18030_chinese.csv", "three_bad_rows.csv"]),
)
def test_mutated_files_parse_or_raise_import_file_error(cuts, name):
    data = bytearray(read(name))
    for pos, insert in cuts:
        data[pos : pos + len(insert) // 2] = insert
    try:
        result = parse_wipe_csv(bytes(data), tz="UTC")
    except ImportFileError as error:
        assert str(error)
    else:
        assert all(row.ended_at.tzinfo is not None for row in result.rows)


# --- the vocabulary ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("overwrite", "overwrite"),
        ("DoD 5220.22-M", "overwrite"),
        ("DoD 5220.22-M (3 pass)", "overwrite"),
        ("Gutmann", "overwrite"),
        ("HMG IS5 Enhanced", "overwrite"),
        ("HMG Infosec Standard 5, Higher Standard", "overwrite"),
        ("Bruce Schneier's Algorithm", "overwrite"),
        ("zeros", "overwrite"),
        ("Zero fill", "overwrite"),
        ("PRNG Stream", "overwrite"),
        ("NIST 800-88 Clear", "overwrite"),
        ("GNU shred -n 3", "overwrite"),
        ("Block Erase", "block_erase"),
        ("Cryptographic Erase", "crypto_erase"),
        ("crypto_erase", "crypto_erase"),
        ("ATA Secure Erase", "ata_secure_erase"),
        ("Security Erase Unit", "ata_secure_erase"),
        ("ATA Enhanced Secure Erase", "ata_enhanced_secure_erase"),
        ("NVMe Format (User Data Erase)", "nvme_format"),
        ("NVMe Sanitize", "nvme_sanitize"),
        ("SCSI Sanitize", "scsi_sanitize"),
        ("Degaussing", "degauss"),
        ("Shredded", "shred"),
        ("Disintegration", "disintegrate"),
        ("Pulverisation", "pulverize"),
        ("Incineration", "incinerate"),
        ("Smelting", "melt"),
        ("Factory reset", "factory_reset"),
        ("Factory reset with encryption (crypto erase)", "factory_reset_crypto_erase"),
        ("Drill / punch", "other"),
        ("other", "other"),
        ("消磁", "degauss"),
        ("Blancco SSD Erasure", None),
        ("", None),
        (None, None),
    ],
)
def test_normalise_technique(text, key):
    assert normalise_technique(text) == key


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("SSD", "ssd"), ("Solid state", "ssd"), ("Solid-State Drive", "ssd"), ("SATA SSD", "ssd"),
        ("NVMe", "nvme"), ("NVMe SSD", "nvme"), ("M.2 NVMe", "nvme"),
        ("HDD", "hdd"), ("Hard disk", "hdd"), ("hard_drive", "hdd"), ("机械硬盘", "hdd"),
        ("USB stick", "usb_flash"), ("usb_flash", "usb_flash"), ("Flash drive", "usb_flash"),
        ("microSD card", "memory_card"), ("SD card", "memory_card"), ("eMMC", "memory_card"),
        ("Smartphone", "mobile"), ("Tablet", "mobile"), ("LTO-8 tape", "tape"),
        ("other", "other"), ("floppy", None), ("", None), (None, None),
    ],
)
def test_normalise_media_type(text, key):
    assert normalise_media_type(text) == key


def test_normalise_category_and_result():
    assert [normalise_category(t) for t in ("Clear", "PURGE", "Destruct", "NIST 800-88 Purge", "clean")] == [
        "clear", "purge", "destroy", "purge", None,
    ]
    assert [normalise_result(t) for t in ("Passed", "pass_with_warnings", "Failed", "Cancelled", "ok?")] == [
        "pass", "pass_with_warnings", "fail", "aborted", None,
    ]
