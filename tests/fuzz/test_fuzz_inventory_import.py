"""Hostile inventory import files (CSV and XLSX) through ``services.transfer`` — the door the CLI and GUI use.

Files are built from valid rows (keys that match the seeded assets, so updates and status changes are
planned too) and then spoiled: random bytes, other encodings, ragged rows, huge fields, formula-looking
cells, NULs and control characters, duplicate and missing headers, flipped bytes, truncation, inserted
rows; XLSX files are corrupted as zips, get their sheet XML or content types mutated, or lose parts.

For each file: the dry run writes nothing; the import either succeeds — writing exactly what the dry run
showed, all or nothing unless invalid rows are skipped, with a history chain that verifies — or refuses
with an ItamError and writes nothing; no temporary file is left behind.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import date, datetime

import pytest
from hypothesis import event, example, given
from hypothesis import strategies as st
from sqlalchemy import func, select

from itam.errors import ItamError
from itam.models import Asset
from tests.fuzz.conftest import (
    assert_refusal_is_clear,
    cli_refuses_cleanly,
    fuzz_settings,
    no_new_files,
    overlong_values,
    snapshot,
)

CATEGORIES = ["laptop", "Laptops", "desktop", "monitor", "Mobile Phones", "笔记本电脑", "server", "tablet", "nope"]
STATUSES = ["in_stock", "Deployed", "retired", "In repair", "recycled", "lost_stolen", "sold", "Ready to Deploy", "?"]

#: Cells a hostile or careless file holds, whatever the column.
NASTY = [
    "=1+1", "=cmd|' /C calc'!A0", "+SUM(A1:A9)", "-2+3", "@SUM(1)", "'=HYPERLINK(\"x\")", "\t=1", "\r=1",
    "\x00", "a\x00b", "\x1b[31mred", "\x07\x08\x0b\x0c", "\u202eevil", "\ufeffBOM", "\ud7ff", "\u2028", "\x85",
    "1e400", "9" * 40, "-1", "-0", "NaN", "inf", "1,2,3", "0x10", "１２３", "ＡＢＣ", " ", "\t", '"', '""', "'",
    "a,b", "a;b", "a\tb", "line\nbreak", "line\r\nbreak", "0000-00-00", "9999-12-31", "10000-01-01", "2024-02-30",
    "00:00:00:00:00:00", "ff:ff:ff:ff:ff:ff", "To Be Filled By O.E.M.", "999.999.999.999", "::1", "fe80::1%eth0",
    "x" * 300, "Z" * 70_000, "∞", "𝟘𝟙", "é", "中文", "None", "null", "TRUE", "yes", "是",
]


def _mac(n: int) -> str:
    return "02:00:" + ":".join(f"{(n >> s) & 0xFF:02x}" for s in (24, 16, 8, 0))


VALID = {
    "asset_tag": st.integers(1, 40).map(lambda n: f"T-{n}"),
    "serial": st.integers(1, 40).map(lambda n: f"SN{n:04d}X"),
    "category": st.sampled_from(CATEGORIES),
    "manufacturer": st.sampled_from(["Lenovo", "Dell", "HP", "联想"]),
    "model": st.text(max_size=12),
    "status": st.sampled_from(STATUSES),
    "mac_addresses": st.integers(0, 2**32 - 1).map(_mac),
    "ip_addresses": st.ip_addresses().map(str),
    "purchase_date": st.dates(date(1990, 1, 1), date(2030, 1, 1)).map(str),
    "purchase_cost": st.decimals(0, 10**7, places=2).map(str) | st.text("0123456789,.", min_size=1, max_size=40),
    "ram_gb": st.integers(0, 1024).map(str) | st.text("0123456789.", min_size=1, max_size=400),
    "location": st.sampled_from(["Shanghai", "Beijing HQ", "仓库"]),
    "assignee": st.sampled_from(["Li Lei", "han.meimei@example.com"]),
    "condition_grade": st.sampled_from(["A", "B", "C", "Q"]),
    "data_bearing": st.sampled_from(["yes", "no", "maybe"]),
    "last_seen": st.datetimes(datetime(2000, 1, 1), datetime(2030, 1, 1)).map(str),
    "notes": st.text(max_size=40),
}
HEADERS = {  # a field's column as people name it; several spellings are recognised
    "asset_tag": ["asset_tag", "Asset Tag", "资产编号"], "serial": ["serial", "Serial", "序列号"],
    "category": ["category", "Category"], "manufacturer": ["Manufacturer"], "model": ["Model"],
    "status": ["Status"], "mac_addresses": ["MAC Address"], "ip_addresses": ["IP addresses"],
    "purchase_date": ["Purchase Date"], "purchase_cost": ["Purchase Cost"], "ram_gb": ["ram_gb"],
    "location": ["Location"], "assignee": ["assignee"], "condition_grade": ["condition_grade"],
    "data_bearing": ["data_bearing"], "last_seen": ["last_seen"], "notes": ["Notes"],
}

cell_text = st.one_of(st.sampled_from(NASTY), st.text(max_size=20),
                      st.binary(max_size=12).map(lambda b: b.decode("latin-1")))


@st.composite
def tables(draw, hostility: str) -> tuple[list[str], list[list[str]]]:
    """A header and rows. ``clean``: valid values only (the rows may still break rules, such as a status
    change the lifecycle forbids); ``mild``: a hostile cell now and then; ``hostile``: spoilt headers,
    ragged rows and many hostile cells."""
    fields = draw(st.lists(st.sampled_from(list(VALID)), min_size=1, max_size=8, unique=True))
    if hostility != "hostile" or draw(st.booleans()):
        fields = ["serial", *[f for f in fields if f != "serial"]]
    headers = [draw(st.sampled_from(HEADERS[f])) for f in fields]
    header_spoil = "none" if hostility != "hostile" else draw(
        st.sampled_from(["none", "none", "duplicate", "blank", "unknown", "nasty"]))
    if header_spoil == "duplicate":
        headers.append(draw(st.sampled_from(headers)))
        fields.append(fields[headers.index(headers[-1])])
    elif header_spoil == "blank":
        headers[draw(st.integers(0, len(headers) - 1))] = ""
    elif header_spoil == "unknown":
        headers.append(draw(st.sampled_from(["Frobnicator", "Seriennummer", "ID", "Image"])))
        fields.append("notes")
    elif header_spoil == "nasty":
        headers[draw(st.integers(0, len(headers) - 1))] = draw(cell_text)
    odds = {"clean": 0, "mild": 8, "hostile": 4}[hostility]
    rows = []
    for _ in range(draw(st.integers(0, 6))):
        row = [draw(cell_text) if odds and draw(st.integers(0, odds)) == 0 else draw(VALID[f]) for f in fields]
        shape = "same" if hostility != "hostile" else draw(st.sampled_from(["same", "same", "same", "short", "long"]))
        if shape == "short":
            row = row[: draw(st.integers(0, len(row)))]
        elif shape == "long":
            row += draw(st.lists(cell_text, min_size=1, max_size=3))
        rows.append(row)
    return headers, rows


hostility = st.sampled_from(["clean", "clean", "mild", "mild", "hostile", "hostile", "hostile"])


def _csv_text(headers: list[str], rows: list[list[str]], delimiter: str, quoting: int) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, quoting=quoting, lineterminator="\r\n")
    for row in [headers, *rows]:
        writer.writerow(row)
    return out.getvalue()


def _encode(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="replace") if encoding != "utf-16" else text.encode("utf-16")


@st.composite
def byte_mutations(draw, data: bytes) -> bytes:
    kind = draw(st.sampled_from(["none", "none", "flip", "truncate", "insert", "delete", "insert_row", "repeat"]))
    if not data or kind == "none":
        return data
    pos = draw(st.integers(0, len(data) - 1))
    if kind == "flip":
        return data[:pos] + bytes([data[pos] ^ draw(st.integers(1, 255))]) + data[pos + 1 :]
    if kind == "truncate":
        return data[:pos]
    if kind == "insert":
        return data[:pos] + draw(st.binary(min_size=1, max_size=16)) + data[pos:]
    if kind == "delete":
        return data[:pos] + data[pos + draw(st.integers(1, 16)) :]
    if kind == "insert_row":
        line = data.find(b"\n", pos)
        line = len(data) if line < 0 else line + 1
        return data[:line] + draw(st.binary(max_size=30)) + b"\r\n" + data[line:]
    return data + data[pos:]  # part of the file again: rows repeat, a header may appear as a row


@st.composite
def csv_files(draw) -> bytes:
    level = draw(hostility)
    source = "table" if level != "hostile" else draw(st.sampled_from(["table", "table", "table", "random", "huge"]))
    if source == "random":
        return draw(st.binary(max_size=300))
    headers, rows = draw(tables(level))
    if source == "huge":  # one field past the 1 MiB a CSV reader accepts, or just under it
        rows.append([("q" * draw(st.sampled_from([1_048_000, 1_048_577, 1_300_000])))] + [""] * (len(headers) - 1))
    text = _csv_text(headers, rows, draw(st.sampled_from([",", ",", ";", "\t"])),
                     draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC])))
    if level != "hostile":
        return _encode(text, draw(st.sampled_from(["utf-8", "utf-8-sig", "gb18030"])))
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "gb18030", "latin-1", "utf-16", "cp1252"]))
    return draw(byte_mutations(_encode(text, encoding)))


# --- XLSX ------------------------------------------------------------------------------------------------


def _xlsx_bytes(headers: list[str], rows: list[list], typed: bool) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Assets"
    for row in [headers, *rows]:
        cells = []
        for value in row:
            if isinstance(value, str):
                # openpyxl refuses control characters in cells; Excel files can still carry them (below).
                value = "".join(ch for ch in value if ch >= " " or ch in "\t\n\r")[:32_000]
                if typed and value.lstrip("-").isascii() and value.lstrip("-").isdigit() and len(value) < 15:
                    value = int(value)
            elif isinstance(value, float):
                value = value if value == value and abs(value) != float("inf") else str(value)
            cells.append(value)
        ws.append(cells)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


BOMB = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lollollollollollollollollollol">'
        + b"".join(b'<!ENTITY lol%d "%s">' % (i + 1, (b"&lol%d;" % i if i else b"&lol;") * 10) for i in range(9))
        + b"]>")
WEIRD_NUMBERS = [b"nan", b"inf", b"-inf", b"1e999", b"-1e999", b"9" * 400, b"1" * 5000, b"1e-999", b"45000",
                 b"2958466", b"-700000", b"1.5e15", b"0x1F", b"", b" ", b"1,5", b"\xef\xbc\x91"]
#: A numeric or inline-string cell as openpyxl writes it.
CELL = re.compile(rb'<c r="([A-Z]+)(\d+)"( t="[A-Za-z]+")?( s="\d+")?>(<v>[^<]*</v>|<is><t>[^<]*</t></is>)</c>')
#: A cell format for dates (number format 14), for a cell's s="1".
DATE_XF = b'<xf numFmtId="14" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/>'
XXE = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def _rezip(data: bytes, change) -> bytes:  # noqa: ANN001 - change(name, bytes) -> bytes | None (None: drop)
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = change(info.filename, src.read(info))
            if content is not None:
                dst.writestr(info.filename, content)
    return out.getvalue()


@st.composite
def xlsx_files(draw) -> bytes:
    level = draw(hostility)
    headers, rows = draw(tables(level))
    data = _xlsx_bytes(headers, rows, typed=draw(st.booleans()))
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    if level != "hostile":
        return data
    kind = draw(st.sampled_from(["bytes", "member", "member", "drop", "content_types", "bomb", "xxe", "control",
                                 "numbers", "numbers"]))
    if kind == "bytes":
        return draw(byte_mutations(data))
    target = draw(st.sampled_from(names))
    if kind == "member":
        def change(name, content):
            if name != target or not content:
                return content
            return draw(byte_mutations(content))
        return _rezip(data, change)
    if kind == "drop":
        return _rezip(data, lambda name, content: None if name == target else content)
    if kind == "content_types":
        wrong = draw(st.sampled_from([b"", b"<Types/>", b"not xml",
                                      b'<?xml version="1.0"?><Types xmlns="x"><Default/></Types>']))
        return _rezip(data, lambda name, content: wrong if name == "[Content_Types].xml" else content)
    if kind in ("bomb", "xxe"):
        prolog = BOMB if kind == "bomb" else XXE
        use = b"&lol9;" if kind == "bomb" else b"&xxe;"
        member = draw(st.sampled_from([n for n in names if n.endswith(".xml")]))

        def change(name, content):
            if name != member:
                return content
            body = content.split(b"?>", 1)[-1] if content.startswith(b"<?xml") else content
            # the entity is used where text goes: a cell's inline string, a shared string, a title
            return prolog + body.replace(b"<t>", b"<t>" + use, 1).replace(b"<v>", b"<v>" + use, 1)
        return _rezip(data, change)
    if kind == "numbers":  # a numeric cell (maybe one formatted as a date) holding what no spreadsheet writes
        weird = draw(st.sampled_from(WEIRD_NUMBERS))
        date_style = draw(st.booleans())

        pick = draw(st.integers(0, 50))

        def change(name, content):
            if not name.startswith("xl/worksheets/"):
                return content
            cells = list(CELL.finditer(content))
            cells = [c for c in cells if c[2] != b"1"] or cells  # a data row, when there is one
            if not cells:
                return content
            cell = cells[pick % len(cells)]
            new = b'<c r="%s%s" t="n"%s><v>%s</v></c>' % (cell[1], cell[2], b' s="1"' if date_style else b"", weird)
            return content[: cell.start()] + new + content[cell.end() :]
        data = _rezip(data, change)
        if date_style:  # style 1 is a date format
            data = _rezip(data, lambda name, content: content.replace(
                b'<cellXfs count="1">', b'<cellXfs count="2">', 1).replace(
                b"</cellXfs>", DATE_XF + b"</cellXfs>", 1)
                if name == "xl/styles.xml" else content)
        return data
    # control characters and a NUL inside the sheet's strings, which openpyxl itself would refuse to write
    return _rezip(data, lambda name, content: content.replace(b"<t>", b"<t>\x00\x01&#x1b;", 1))


# --- regressions: files that crashed or exhausted an earlier version ------------------------------------------


def _clean_xlsx() -> bytes:
    rows = [["SN0001X", "laptop", "12"], ["SN0099X", "laptop", "3"]]
    return _xlsx_bytes(["serial", "category", "Purchase Cost"], rows, typed=True)


def _xlsx_member(data: bytes, member: str, old: bytes, new: bytes) -> bytes:
    return _rezip(data, lambda name, content: content.replace(old, new, 1) if name == member else content)


SHEET = "xl/worksheets/sheet1.xml"
#: The sheet's XML is malformed: openpyxl's streaming reader raised xml ParseError past the importer.
MALFORMED_SHEET = _xlsx_member(_clean_xlsx(), SHEET, b"<row", b"<ro w")
#: A numeric cell holding 1e999 (infinity) as a purchase cost: Decimal.quantize raised decimal.InvalidOperation.
INF_COST = _xlsx_member(_clean_xlsx(), SHEET, b"<v>12</v>", b"<v>1e999</v>")
#: A number with 400 digits in a float column: float() of it raised OverflowError.
HUGE_RAM = _xlsx_member(_xlsx_bytes(["serial", "ram_gb"], [["SN0001X", "16"]], typed=True), SHEET, b"<v>16</v>",
                        b"<v>" + b"1" * 400 + b"</v>")
#: No worksheet listed in the workbook: worksheets[0] raised IndexError.
NO_SHEETS = _rezip(_clean_xlsx(), lambda name, content: re.sub(rb"<sheet [^>]*/>", b"", content)
                   if name == "xl/workbook.xml" else content)


def _zip_bomb() -> bytes:
    """A 30 KB workbook whose sheet unpacks to 32 MB of rows: read, it took half a minute and 500 MB per 2 MB."""
    data = _clean_xlsx()
    row = b'<row><c t="n"><v>1</v></c></row>'
    return _rezip(data, lambda name, content: content.replace(b"</sheetData>", row * 1_000_000 + b"</sheetData>")
                  if name == SHEET else content)


# --- the property ------------------------------------------------------------------------------------------


@pytest.fixture
def seeded(services):
    """A small inventory the files' keys can match: updates, status changes, conflicts between rows."""
    for n in range(1, 13):
        services.assets.create({"asset_tag": f"T-{n}", "serial": f"SN{n:04d}X", "category": "laptop",
                                "data_bearing": n % 3 == 0})
    services.lifecycle.move("T-2", "deployed", reason="fuzz seed", assignee="Li Lei")
    services.lifecycle.move("T-3", "retired", reason="fuzz seed")
    return services


#: What a person may pass with the file: an explicit encoding, sheet, column mapping, match mode.
import_options = st.one_of(
    st.just({}),
    st.just({}),
    st.fixed_dictionaries({}, optional={
        "encoding": st.sampled_from(["utf-8", "gb18030", "latin-1", "utf-16", "rot13", "base64", "punycode",
                                     "undefined", "idna", "a\x00", "x" * 300, "utf-7"]),
        "sheet": st.sampled_from(["Assets", "Sheet1", "", "\x00", "x" * 300]),
        "mapping": st.dictionaries(st.sampled_from(["serial", "Serial", "Status", "Model", "", "Frobnicator", "\x00"]),
                                   st.sampled_from([None, "", "serial", "asset_tag", "category", "status", "notes",
                                                    "ram_gb", "purchase_cost", "location", "id", "version", "bogus"]),
                                   max_size=3),
        "match": st.sampled_from(["auto", "serial", "asset_tag", "id", ""]),
        "ignore_unknown": st.booleans(),
    }),
)


def check_import(services, db, folder, data: bytes, suffix: str, skip_invalid: bool, options: dict | None = None,
                 cli=None) -> None:  # noqa: ANN001
    options = options or {}
    folder.mkdir(exist_ok=True)
    path = folder / f"fuzz{suffix}"
    path.write_bytes(data)
    before = snapshot(db)
    if cli is not None:  # the command's dry run: exit 0 or 2 with a message, never an internal error
        flags = [f"--{k}={v}" for k, v in options.items() if k in ("encoding", "sheet")]
        # --match takes only its choices (argparse refuses the others before itam runs)
        flags += [f"--match={options['match']}"] if options.get("match") in ("auto", "serial", "asset_tag") else []
        flags += ["--ignore-unknown"] if options.get("ignore_unknown") else []
        flags += [f"--map={k}={v or ''}" for k, v in (options.get("mapping") or {}).items()]
        cli_refuses_cleanly(cli, "import", str(path), "--dry-run", "--json", *flags)
        assert snapshot(db) == before, "itam import --dry-run wrote to the database"
    with no_new_files(folder, folder.parent / "systmp"):
        try:
            plan = services.transfer.plan_import(path, **options)
        except ItamError as exc:
            assert_refusal_is_clear(exc)
            event(f"dry run refused: {type(exc).__name__}")
            plan = None
        assert snapshot(db) == before, "the dry run wrote to the database"
        with db.read() as s:
            assets_before = s.scalar(select(func.count()).select_from(Asset))
        try:
            result = services.transfer.apply_import(path, skip_invalid=skip_invalid, **options)
        except ItamError as exc:
            assert_refusal_is_clear(exc)
            assert snapshot(db) == before, f"a refused import wrote to the database: {exc}"
            event("import refused: " + str(exc).split("\n")[0][:50])
            return
    assert plan is not None, "the import went through where the dry run refused the file"
    assert not overlong_values(db), overlong_values(db)
    if not skip_invalid:
        assert plan.ok, "all or nothing: an import with invalid rows went through"
    assert (result.created, result.updated, result.skipped) == (len(plan.creates), len(plan.updates), plan.invalid_rows)
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Asset)) == assets_before + result.created
    event("imported: " + ("some rows" if result.created + result.updated else "nothing to change"))
    report = services.audit.verify()
    assert report.ok, report


COST = b"serial,category,Purchase Cost\r\nSN0099X,laptop,"
PLAIN = b"serial,category\r\nSN0099X,laptop\r\n"
#: A quarter of the examples also go through the command (``itam import --dry-run --json``).
sometimes = st.integers(0, 3).map(lambda n: n == 0)


@fuzz_settings(100)
@given(data=csv_files(), skip_invalid=st.booleans(), options=import_options, via_cli=sometimes)
@example(data=b"serial,category\r\nSN0001X,laptop\r\n\x00\r\n", skip_invalid=False, options={}, via_cli=True)
# A purchase cost with 40 digits: Decimal.quantize raised decimal.InvalidOperation out of the import (and
# 13 to 28 digits passed, to overflow the Numeric(14, 2) column on PostgreSQL).
@example(data=COST + b"9" * 40 + b"\r\n", skip_invalid=False, options={}, via_cli=True)
@example(data=COST + b"99999999999999999999999999.99\r\n", skip_invalid=True, options={}, via_cli=True)
# 400 digits of RAM: float() made it infinity, stored as such.
@example(data=b"serial,category,ram_gb\r\nSN0099X,laptop," + b"1" * 400 + b"\r\n", skip_invalid=False, options={},
         via_cli=True)
# A header 20,001 columns wide over short rows: every row was padded to the header, 160 KB per 8 bytes of file.
# An encoding that is no text encoding (rot13, base64 …) raised LookupError, one whose decoder fails with a
# plain UnicodeError (punycode, idna, undefined) raised that, and a NUL in its name raised ValueError.
@example(data=PLAIN, skip_invalid=False, options={"encoding": "rot13"}, via_cli=True)
@example(data=PLAIN, skip_invalid=False, options={"encoding": "undefined"}, via_cli=True)
@example(data=PLAIN, skip_invalid=False, options={"encoding": "a\x00"}, via_cli=True)
@example(data=b"serial" + b"," * 20_000 + b"x\r\n" + b"".join(b"SN%dX\r\n" % n for n in range(200)),
         skip_invalid=True, options={}, via_cli=True)
def test_hostile_csv_files(seeded, db, cli, tmp_path, private_tmp, data, skip_invalid, options, via_cli):
    check_import(seeded, db, tmp_path / "in", data, ".csv", skip_invalid, options, cli if via_cli else None)


@fuzz_settings(60)
@given(data=xlsx_files(), skip_invalid=st.booleans(), options=import_options, via_cli=sometimes)
@example(data=MALFORMED_SHEET, skip_invalid=False, options={}, via_cli=True)
@example(data=INF_COST, skip_invalid=True, options={}, via_cli=True)
@example(data=HUGE_RAM, skip_invalid=False, options={}, via_cli=True)
@example(data=NO_SHEETS, skip_invalid=False, options={}, via_cli=True)
@example(data=_zip_bomb(), skip_invalid=False, options={}, via_cli=True)
def test_hostile_xlsx_files(seeded, db, cli, tmp_path, private_tmp, data, skip_invalid, options, via_cli):
    check_import(seeded, db, tmp_path / "in", data, ".xlsx", skip_invalid, options, cli if via_cli else None)
