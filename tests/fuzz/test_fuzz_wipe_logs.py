"""Hostile wipe logs through ``services.sanitization`` (``itam wipe import-nwipe`` / ``import-csv``).

The real nwipe / ShredOS logs and wipe CSVs under tests/data are mutated — byte flips, truncation, inserted
bytes and lines, lines repeated or dropped, other encodings, hostile values in CSV cells — next to random
text. For each file: a dry run never writes; a real import either records the file (evidence, media and
records, each value within its column, a history chain that verifies; the same file again changes nothing)
or refuses it with an ItamError and writes nothing.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import event, example, given
from hypothesis import strategies as st

from itam.errors import ItamError
from tests.fuzz.conftest import (
    assert_refusal_is_clear,
    cli_refuses_cleanly,
    fuzz_settings,
    no_new_files,
    overlong_values,
    snapshot,
)

DATA = Path(__file__).resolve().parents[1] / "data"
NWIPE = {p.name: p.read_bytes() for p in sorted((DATA / "nwipe").rglob("*.log")) if p.stat().st_size < 200_000}
NWIPE |= {"foreign_syslog.txt": (DATA / "nwipe" / "foreign_syslog.txt").read_bytes()}
WIPE_CSV = {p.name: p.read_bytes() for p in sorted((DATA / "wipe_csv").iterdir()) if p.suffix in (".csv", ".tsv")}

CELLS = ["", " ", "=cmd|'/C calc'!A0", "+1", "\x00", "\x1b[2J", "9" * 40, "-1", "1e400", "nan", "101%", "-5%",
         "2025-02-30", "0000-00-00", "9999-12-31T23:59:59+14:00", "2025-03-14T09:02:11+25:00", "x" * 5000,
         "中文", "\u202e", "Purge", "Destroy", "degauss", "pass", "FAIL", "SSD", "tape", "NVMe sanitize", "0", "35",
         "1,5", "10%", "To Be Filled By O.E.M.", "00000000", "IT-000101", "S4EVNF0M123456"]


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True) or [data]


@st.composite
def mutated(draw, data: bytes) -> bytes:
    kind = draw(st.sampled_from(["none", "flip", "flip", "truncate", "insert", "line_insert", "line_drop",
                                 "line_repeat", "lines_shuffle", "encoding"]))
    event(f"mutation: {kind}")
    if kind == "none" or not data:
        return data
    pos = draw(st.integers(0, len(data) - 1))
    if kind == "flip":
        for _ in range(draw(st.integers(1, 4))):
            pos = draw(st.integers(0, len(data) - 1))
            data = data[:pos] + bytes([data[pos] ^ draw(st.integers(1, 255))]) + data[pos + 1 :]
        return data
    if kind == "truncate":
        return data[:pos]
    if kind == "insert":
        return data[:pos] + draw(st.binary(min_size=1, max_size=40)) + data[pos:]
    lines = _lines(data)
    i = draw(st.integers(0, len(lines) - 1))
    if kind == "line_insert":
        lines.insert(i, draw(st.sampled_from(CELLS)).encode("utf-8", "surrogatepass") + b"\n")
    elif kind == "line_drop":
        del lines[i]
    elif kind == "line_repeat":
        lines[i:i] = [lines[i]] * draw(st.integers(1, 3))
    elif kind == "lines_shuffle":
        return b"".join(draw(st.permutations(lines)))
    else:
        text = data.decode("utf-8", "replace")
        return text.encode(draw(st.sampled_from(["utf-16", "gb18030", "latin-1", "cp1252"])), "replace")
    return b"".join(lines)


@st.composite
def csv_cells(draw) -> bytes:
    """A wipe CSV whose cells are replaced by hostile values here and there."""
    base = WIPE_CSV[draw(st.sampled_from(["good.csv", "three_bad_rows.csv", "semicolon_bom.csv"]))]
    text = base.decode("utf-8-sig")
    delimiter = ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    for _ in range(draw(st.integers(1, 8))):
        r = draw(st.integers(1, max(1, len(rows) - 1)))
        if r < len(rows) and rows[r]:
            rows[r][draw(st.integers(0, len(rows[r]) - 1))] = draw(st.sampled_from(CELLS))
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(rows)
    return out.getvalue().encode("utf-8", "surrogatepass")


@pytest.fixture
def wiping_station(services):
    """Assets whose media carry the serials the logs and CSVs name, so that some imports match."""
    services.assets.create(
        {"asset_tag": "DT-7050", "serial": "7QX2KF2", "category": "desktop"},
        media=[{"media_type": "hdd", "serial": "ZN1AQ7LM"}, {"media_type": "ssd", "serial": "S3Z2NB0KB12345X"},
               {"media_type": "hdd", "serial": "WD-WCC2EUH71234"}],
    )
    services.assets.create({"asset_tag": "IT-000101", "serial": "PF101", "category": "laptop"},
                           media=[{"media_type": "nvme", "serial": "S4EVNF0M123456"}])
    services.lifecycle.move("DT-7050", "retired", reason="refresh")
    return services


def check_wipe_import(services, db, folder: Path, kind: str, data: bytes, options: dict, cli=None) -> None:  # noqa: ANN001
    importer = services.sanitization.import_nwipe if kind == "nwipe" else services.sanitization.import_csv
    before = snapshot(db)
    if cli is not None:  # the command's dry run: it records nothing, and refuses without an internal error
        path = folder.parent / f"wipe.{kind}"
        path.write_bytes(data)
        flags = [f"--tz={options['tz']}"] if options.get("tz") is not None else []
        flags += [f"--asset={options['asset_ref']}"] if options.get("asset_ref") else []
        flags += [f"--new-asset={options['new_asset_category']}"] if options.get("new_asset_category") else []
        cli_refuses_cleanly(cli, "wipe", f"import-{'nwipe' if kind == 'nwipe' else 'csv'}", str(path), "--dry-run",
                            "--json", *flags)
        assert snapshot(db) == before, "itam wipe import --dry-run wrote to the database"
    with no_new_files(folder):
        try:
            importer(data, filename=f"fuzz.{kind}", dry_run=True, **options)
        except ItamError as exc:
            assert_refusal_is_clear(exc)
        assert snapshot(db) == before, "a dry run wrote to the database"
        try:
            outcome = importer(data, filename=f"fuzz.{kind}", **options)
        except ItamError as exc:
            assert_refusal_is_clear(exc)
            assert snapshot(db) == before, f"a refused wipe log import wrote to the database: {exc}"
            event(f"refused: {str(exc).split(':')[-1][:40]}")
            return
    event("already imported" if outcome.already_imported else f"imported {min(len(outcome.records), 3)}+ records")
    assert not overlong_values(db), overlong_values(db)
    report = services.audit.verify()
    assert report.ok, report
    after = snapshot(db)
    again = importer(data, filename=f"fuzz.{kind}", **options)
    assert again.already_imported and snapshot(db) == after, "importing the same file twice changed the database"


options = st.fixed_dictionaries({
    "tz": st.sampled_from(["Asia/Shanghai", "Asia/Shanghai", "Asia/Shanghai", "UTC", "UTC", "Europe/Berlin", None,
                           "Mars/Olympus", "+08:00", "x" * 300]),
    "new_asset_category": st.sampled_from([None, None, "other", "laptop", "spaceship"]),
    "asset_ref": st.sampled_from([None, None, None, "DT-7050", "NOPE", "#999999"]),
})


NEW_ASSET = {"tz": "UTC", "new_asset_category": "other", "asset_ref": None}
PLAIN = {"tz": None, "new_asset_category": None, "asset_ref": None}


def _written(count: bytes) -> bytes:
    """The 0.28 log with one drive's "bytes written" line replaced."""
    return NWIPE["nwipe028_no_summary.log"].replace(b"16008609792 bytes written", count + b" bytes written")


def _good_csv_with(column: str, value: str) -> bytes:
    rows = list(csv.reader(io.StringIO(WIPE_CSV["good.csv"].decode("utf-8"))))
    rows[1][rows[0].index(column)] = value
    out = io.StringIO()
    csv.writer(out).writerows(rows[:2])
    return out.getvalue().encode()


@fuzz_settings(80)
@given(data=st.sampled_from(sorted(NWIPE)).flatmap(lambda name: mutated(NWIPE[name])) | st.binary(max_size=400)
       | st.text(max_size=400).map(str.encode), opts=options, via_cli=st.integers(0, 3).map(lambda n: n == 0))
# 19 nines of bytes written (more than 64 bits): OverflowError from the database driver; two counts that each
# fit but add up past 64 bits did the same.
@example(data=_written(b"9999999999999999999"), opts=NEW_ASSET, via_cli=True)
@example(data=_written(b"9000000000000000000"), opts=NEW_ASSET, via_cli=True)
def test_hostile_nwipe_logs(wiping_station, db, cli, private_tmp, data, opts, via_cli):
    check_wipe_import(wiping_station, db, private_tmp, "nwipe", data, opts, cli if via_cli else None)


@fuzz_settings(80)
@given(data=st.sampled_from(sorted(WIPE_CSV)).flatmap(lambda name: mutated(WIPE_CSV[name])) | csv_cells()
       | st.binary(max_size=300), opts=options, via_cli=st.integers(0, 3).map(lambda n: n == 0))
# An asset tag of 40 digits (or "²", a digit to str.isdigit() that int() refuses) was looked up as an asset id:
# OverflowError from the database driver, ValueError from int().
@example(data=_good_csv_with("Asset Tag", "9" * 40), opts=PLAIN, via_cli=True)
@example(data=_good_csv_with("Asset Tag", "#" + "9" * 40), opts=PLAIN, via_cli=True)
@example(data=_good_csv_with("Asset Tag", "²"), opts=PLAIN, via_cli=True)
def test_hostile_wipe_csvs(wiping_station, db, cli, private_tmp, data, opts, via_cli):
    check_wipe_import(wiping_station, db, private_tmp, "csv", data, opts, cli if via_cli else None)
