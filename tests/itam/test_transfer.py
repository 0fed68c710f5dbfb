"""Inventory import and export, through real files and a real SQLite database.

Each test writes its files under tmp_path and reads what the product wrote back with the csv module or
openpyxl, as a person would open them.
"""

from __future__ import annotations

import csv
import json
import shutil
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from itam.errors import ImportFileError, ValidationError
from itam.models import Asset, HistoryEntry, Location
from itam.services.assets import AssetQuery
from itam.services.transfer import TransferService
from itam.transfer import EXPORT_COLUMNS, TransferCancelled

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture
def transfer(services):
    return TransferService(services.ctx, services.assets)


def write_csv(path: Path, rows: list[list[str]], *, encoding: str = "utf-8", delimiter: str = ",") -> Path:
    with open(path, "w", encoding=encoding, newline="") as fh:
        csv.writer(fh, delimiter=delimiter).writerows(rows)
    return path


def counts(services) -> tuple[int, int]:
    """(assets, history entries) in the database."""
    with services.db.read() as s:
        return (
            s.scalar(select(func.count()).select_from(Asset)),
            s.scalar(select(func.count()).select_from(HistoryEntry)),
        )


def history_rows(services, asset_id=None):
    with services.db.read() as s:
        stmt = select(HistoryEntry).order_by(HistoryEntry.seq)
        if asset_id is not None:
            stmt = stmt.where(HistoryEntry.asset_id == asset_id)
        return [(e.asset_id, e.source, e.action, e.transition, e.operation, json.loads(e.changes)) for e in s.scalars(stmt)]


BASIC = [
    ["Asset Tag", "Serial Number", "Category", "Manufacturer", "Model", "Location", "Assigned To", "Purchase Date", "Purchase Cost", "Status", "MAC Address", "IP Address"],
    ["IT-0001", "SN-A1", "laptop", "Lenovo", "T14", "Shanghai office", "Li Lei", "2023-04-01", "8,999.50", "Deployed", "A4-C3-F0-11-22-33; a4:c3:f0:11:22:34", "10.0.0.5"],
    ["IT-0002", "SN-A2", "Monitors", "Dell", "P2422H", "Shanghai office", "", "2022/11/02", "1299", "Ready to Deploy", "", ""],
    ["IT-0003", "", "desktop", "HP", "ProDesk", "Beijing HQ", "han.meimei@example.com", "", "", "", "", ""],
]


# --- import: the normal path ------------------------------------------------------------------------


def test_preview_writes_nothing_and_import_creates_assets_with_history(services, transfer, tmp_path):
    path = write_csv(tmp_path / "inventory.csv", BASIC)
    before = counts(services)
    plan = transfer.plan_import(path)
    assert counts(services) == before == (0, 0)
    with services.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Location)) == 0  # nothing created while planning
    assert plan.ok and plan.encoding == "utf-8" and plan.delimiter == ","
    assert plan.mapping["Serial Number"] == "serial" and plan.mapping["Assigned To"] == "assignee"
    assert [c.row for c in plan.creates] == [2, 3, 4]
    assert plan.new_locations == ("Beijing HQ", "Shanghai office")
    assert plan.new_people == ("Li Lei", "han.meimei@example.com")

    result = transfer.apply_import(plan)
    assert (result.created, result.updated, result.unchanged, result.skipped) == (3, 0, 0, 0)
    a = services.assets.get("IT-0001")
    assert a.fields["location"] == "Shanghai office" and a.fields["assignee"] == "Li Lei"
    assert a.fields["purchase_date"] == date(2023, 4, 1) and a.fields["purchase_cost"] == Decimal("8999.50")
    assert a.status == "deployed" and a.stage == 6
    assert a.macs == ("a4:c3:f0:11:22:33", "a4:c3:f0:11:22:34") and a.ips == ("10.0.0.5",)
    assert a.fields["data_bearing"] is True
    monitor = services.assets.get("IT-0002")
    assert monitor.fields["category"] == "monitor" and monitor.status == "in_stock"
    assert monitor.fields["data_bearing"] is False  # the category's default
    assert monitor.fields["purchase_date"] == date(2022, 11, 2)
    assert services.assets.get("IT-0003").fields["serial"] is None

    entries = history_rows(services)
    assert len(entries) == 3 == result.history_entries
    assert {e[1] for e in entries} == {"import"} and {e[2] for e in entries} == {"create"}
    assert {e[4] for e in entries} == {result.operation}
    first = next(e for e in entries if e[0] == a.id)[5]
    assert first["location"] == [None, "Shanghai office"] and first["status"] == [None, "deployed"]
    assert first["purchase_cost"] == [None, "8999.50"]
    assert services.audit.verify().ok


def test_utf8_bom_and_semicolons(services, transfer, tmp_path):
    path = write_csv(
        tmp_path / "excel.csv",
        [["Asset Tag", "Serial", "Category", "Notes"], ["A-1", "S-1", "laptop", "a, b and c"]],
        encoding="utf-8-sig",
        delimiter=";",
    )
    plan = transfer.plan_import(path)
    assert plan.encoding == "utf-8-sig" and plan.delimiter == ";"
    assert plan.mapping == {"Asset Tag": "asset_tag", "Serial": "serial", "Category": "category", "Notes": "notes"}
    transfer.apply_import(path)
    assert services.assets.get("A-1").fields["notes"] == "a, b and c"


def test_tab_separated(services, transfer, tmp_path):
    path = write_csv(tmp_path / "export.tsv", [["tag", "serial", "type"], ["T-1", "X1", "server"]], delimiter="\t")
    assert transfer.plan_import(path).delimiter == "\t"
    transfer.apply_import(path)
    assert services.assets.get("T-1").fields["category"] == "server"


def test_gb18030_with_chinese_headers_and_values(services, transfer, tmp_path):
    rows = [
        ["资产编号", "序列号", "型号", "类别", "位置", "部门", "使用人", "购买日期", "状态", "备注"],
        ["ZC-001", "SN-中-1", "联想 昭阳 K4", "笔记本电脑", "北京总部三楼", "财务部", "李雷", "2021-06-01", "在用", "含扩展坞"],
        ["ZC-002", "SN-中-2", "戴尔 P2422H", "显示器", "上海办公室", "研发中心", "", "2020/01/15", "闲置", ""],
    ]
    path = write_csv(tmp_path / "台账.csv", rows, encoding="gb18030")
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")  # really not UTF-8
    plan = transfer.plan_import(path)
    assert plan.encoding == "gb18030"
    assert plan.mapping == {
        "资产编号": "asset_tag", "序列号": "serial", "型号": "model", "类别": "category", "位置": "location",
        "部门": "department", "使用人": "assignee", "购买日期": "purchase_date", "状态": "status", "备注": "notes",
    }
    transfer.apply_import(plan)
    a = services.assets.get("ZC-001")
    assert a.fields["category"] == "laptop" and a.fields["location"] == "北京总部三楼"
    assert a.fields["assignee"] == "李雷" and a.fields["department"] == "财务部" and a.status == "deployed"
    assert a.fields["model"] == "联想 昭阳 K4" and a.fields["notes"] == "含扩展坞"
    b = services.assets.get("ZC-002")
    assert b.fields["category"] == "monitor" and b.status == "in_stock" and b.fields["purchase_date"] == date(2020, 1, 15)


def test_explicit_encoding_is_used_and_checked(services, transfer, tmp_path):
    path = write_csv(tmp_path / "latin.csv", [["tag", "serial", "category", "notes"], ["T-1", "S1", "laptop", "Müller café"]], encoding="cp1252")
    with pytest.raises(ImportFileError, match="neither UTF-8 nor GB18030"):
        transfer.plan_import(path)
    transfer.apply_import(path, encoding="cp1252")
    assert services.assets.get("T-1").fields["notes"] == "Müller café"
    utf8 = write_csv(tmp_path / "utf8.csv", [["tag", "serial", "category"], ["T-2", "序列", "laptop"]])
    with pytest.raises(ImportFileError, match="not valid ascii"):
        transfer.plan_import(utf8, encoding="ascii")
    with pytest.raises(ImportFileError, match="not an encoding"):
        transfer.plan_import(utf8, encoding="klingon-8")


def test_snipe_it_export_imports_with_its_own_column_names(services, transfer, tmp_path):
    path = shutil.copy(DATA / "snipeit_assets_export.csv", tmp_path / "assets.csv")
    plan = transfer.plan_import(path)
    assert plan.ok, plan.problems
    m = plan.mapping
    assert m["Asset Tag"] == "asset_tag" and m["Asset Name"] == "hostname" and m["Serial"] == "serial"
    assert m["Checked Out To"] == "assignee" and m["Warranty Expires"] == "warranty_end"
    assert m["Purchase Cost"] == "purchase_cost" and m["MAC Address"] == "mac_addresses" and m["Model"] == "model"
    ignored = plan.ignored_columns
    assert "Model No." in ignored and "'Model'" in ignored["Model No."]  # the model name wins
    for column in ("ID", "Company", "Image", "Supplier", "Order Number", "EOL", "Created At", "Updated at", "Last Audit"):
        assert column in ignored, column
    transfer.apply_import(plan)
    statuses = {tag: services.assets.get(tag).status for tag in ("LT-0001", "LT-0002", "MN-0007", "PH-0003", "DT-0004", "LT-0005")}
    assert statuses == {
        "LT-0001": "deployed", "LT-0002": "in_stock", "MN-0007": "in_stock", "PH-0003": "lost_stolen",
        "DT-0004": "retired", "LT-0005": "in_repair",
    }
    lt = services.assets.get("LT-0001")
    assert lt.fields["hostname"] == "ACME-LT-0001" and lt.fields["model"] == "ThinkPad T14 Gen 3"
    assert lt.fields["purchase_cost"] == Decimal("8999.00") and lt.fields["warranty_end"] == date(2025, 3, 15)
    assert lt.fields["assignee"] == "Li Lei" and lt.macs == ("a4:c3:f0:11:22:33",)
    assert services.assets.get("PH-0003").fields["category"] == "phone"
    assert services.assets.get("MN-0007").fields["category"] == "monitor"


def test_xlsx_import_with_typed_cells_and_sheet_choice(services, transfer, tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "Notes"
    wb.active.append(["nothing to see here"])
    ws = wb.create_sheet("Inventory")
    ws.append(["Asset Tag", "Serial", "Category", "Purchase Date", "Purchase Cost", "RAM (GB)", "Data-bearing", "Notes"])
    ws.append([1001, "SN-X1", "Laptop", datetime(2022, 5, 6), 5999.5, 16, True, "'=not a formula"])
    ws.append([None, None, None, None, None, None, None, None])  # a blank row is skipped
    ws.append(["T-2", "SN-X2", "monitor", date(2021, 1, 2), 800, None, False, None])
    path = tmp_path / "book.xlsx"
    wb.save(path)
    with pytest.raises(ImportFileError, match="sheet 'Assets'.*Notes, Inventory"):
        transfer.plan_import(path, sheet="Assets")
    plan = transfer.plan_import(path, sheet="Inventory")
    assert plan.format == "xlsx" and plan.sheet == "Inventory" and [c.row for c in plan.creates] == [2, 4]
    transfer.apply_import(plan)
    a = services.assets.get("1001")
    assert a.fields["purchase_date"] == date(2022, 5, 6) and a.fields["purchase_cost"] == Decimal("5999.50")
    assert a.fields["ram_gb"] == 16.0 and a.fields["notes"] == "=not a formula"
    assert services.assets.get("T-2").fields["data_bearing"] is False


def test_explicit_mapping_beats_auto_mapping_and_unknown_columns_are_refused(services, transfer, tmp_path):
    rows = [
        ["Inventarnummer", "Seriennummer", "Art", "Kostenstelle", "Bemerkung", "Notes"],
        ["INV-1", "S-1", "laptop", "4711", "im Schrank", "shipped"],
    ]
    path = write_csv(tmp_path / "de.csv", rows)
    with pytest.raises(ImportFileError) as info:
        transfer.plan_import(path)
    message = str(info.value)
    for column in ("Inventarnummer", "Seriennummer", "Art", "Kostenstelle", "Bemerkung"):
        assert f"'{column}'" in message
    assert "--map" in message and "'Notes'" not in message
    assert counts(services) == (0, 0)

    mapping = {"Inventarnummer": "asset_tag", "Seriennummer": "serial", "Art": "category", "Kostenstelle": "department",
               "Bemerkung": "notes", "Notes": ""}
    plan = transfer.plan_import(path, mapping=mapping)
    assert plan.ignored_columns == {"Notes": "ignored by the mapping"}
    transfer.apply_import(path, mapping=mapping)
    a = services.assets.get("INV-1")
    assert a.fields["department"] == "4711" and a.fields["notes"] == "im Schrank"

    with pytest.raises(ImportFileError, match="'Lagerort', which the file does not have"):
        transfer.plan_import(path, mapping={**mapping, "Lagerort": "location"})
    with pytest.raises(ImportFileError, match="'colour', which is not a field"):
        transfer.plan_import(path, mapping={**mapping, "Bemerkung": "colour"})
    # Ignoring unknown columns imports what is known and says what was left out.
    plan = transfer.plan_import(path, mapping={"Inventarnummer": "asset_tag", "Art": "category"}, ignore_unknown=True)
    assert plan.ignored_columns["Kostenstelle"] == "unknown column, ignored as asked"


def test_two_columns_for_one_field_must_be_resolved(transfer, tmp_path):
    path = write_csv(tmp_path / "x.csv", [["Serial", "S/N", "Category"], ["A", "B", "laptop"]])
    with pytest.raises(ImportFileError, match="'Serial' and 'S/N' all map to serial number"):
        transfer.plan_import(path)
    assert transfer.plan_import(path, mapping={"S/N": None}).mapping == {"Serial": "serial", "Category": "category"}


def test_missing_key_column_is_an_error(services, transfer, tmp_path):
    path = write_csv(tmp_path / "nokey.csv", [["Category", "Model"], ["laptop", "T14"]])
    with pytest.raises(ImportFileError, match="neither a serial number nor an asset tag column"):
        transfer.apply_import(path)
    with pytest.raises(ImportFileError, match="no serial number column, which --match serial needs"):
        transfer.plan_import(write_csv(tmp_path / "tags.csv", [["Asset Tag", "Category"], ["A", "laptop"]]), match="serial")
    with pytest.raises(ValidationError, match="match must be one of"):
        transfer.plan_import(path, match="hostname")
    assert counts(services) == (0, 0)


# --- import: row problems, all or nothing -----------------------------------------------------------


BAD_ROWS = [
    ["Asset Tag", "Serial", "Category", "Purchase Date", "MAC Address", "Status"],
    ["G-1", "SN-1", "laptop", "2023-01-01", "00:1b:21:00:00:01", "in_stock"],  # row 2
    ["B-1", "SN-2", "laptop", "31/02/2023", "", ""],  # row 3: not a date
    ["G-2", "SN-3", "desktop", "", "", "deployed"],  # row 4
    ["B-2", "To Be Filled By O.E.M.", "laptop", "", "", ""],  # row 5: placeholder serial
    ["B-3", "SN-5", "", "", "", ""],  # row 6: no category for a new asset
    ["B-4", "SN-6", "laptop", "", "00:00:00:00:00:00", ""],  # row 7: placeholder MAC
    ["B-5", "SN-7", "laptop", "", "", "on the moon"],  # row 8: no such status
    ["G-3", "SN-8", "server", "", "", ""],  # row 9
]


def test_any_row_problem_means_nothing_is_written(services, transfer, tmp_path):
    path = write_csv(tmp_path / "mixed.csv", BAD_ROWS)
    plan = transfer.plan_import(path)
    by_row = {p.row: p for p in plan.problems}
    assert sorted(by_row) == [3, 5, 6, 7, 8]
    assert by_row[3].column == "Purchase Date" and "not a date" in by_row[3].reason
    assert by_row[5].column == "Serial" and "placeholder" in by_row[5].reason
    assert "needs a category" in by_row[6].reason
    assert by_row[7].column == "MAC Address" and "placeholder" in by_row[7].reason
    assert by_row[8].column == "Status" and "not a status" in by_row[8].reason
    assert str(by_row[3]).startswith("row 3, Purchase Date: ")

    with pytest.raises(ImportFileError) as info:
        transfer.apply_import(path)
    assert sorted({p.row for p in info.value.problems}) == [3, 5, 6, 7, 8]
    assert "5 rows of mixed.csv cannot be imported, so nothing was imported" in str(info.value)
    assert "row 5, Serial: 'To Be Filled By O.E.M.' is a placeholder" in str(info.value)
    assert counts(services) == (0, 0)

    result = transfer.apply_import(path, skip_invalid=True)
    assert (result.created, result.skipped) == (3, 5)
    with services.db.read() as s:
        assert sorted(s.scalars(select(Asset.asset_tag))) == ["G-1", "G-2", "G-3"]
    assert services.audit.verify().ok


def test_duplicates_inside_the_file_name_both_rows(services, transfer, tmp_path):
    rows = [
        ["Asset Tag", "Serial", "Category"],
        ["A-1", "DUP", "laptop"],
        ["A-2", "OK-1", "laptop"],
        ["A-3", "DUP", "laptop"],
        ["A-2", "OK-2", "laptop"],
    ]
    plan = transfer.plan_import(write_csv(tmp_path / "dups.csv", rows))
    reasons = {(p.row, p.column): p.reason for p in plan.problems}
    assert "serial number 'DUP' appears more than once in the file (also on row 4)" == reasons[(2, "Serial")]
    assert "also on row 2" in reasons[(4, "Serial")]
    assert "asset tag 'A-2' appears more than once in the file (also on row 5)" == reasons[(3, "Asset Tag")]
    assert "also on row 3" in reasons[(5, "Asset Tag")]
    assert plan.creates == ()
    with pytest.raises(ImportFileError):
        transfer.apply_import(plan)
    assert counts(services) == (0, 0)


def test_leading_apostrophe_is_stripped_only_before_formula_characters(services, transfer, tmp_path):
    rows = [
        ["Asset Tag", "Serial", "Category", "Notes", "Model"],
        ["'=T-1", "S-1", "laptop", "'=HYPERLINK(\"http://x\")", "'+1 edition"],
        ["T-2", "S-2", "laptop", "'quoted'", "O'Brien"],
        ["T-3", "S-3", "laptop", "'-5 dB", "'@home"],
    ]
    transfer.apply_import(write_csv(tmp_path / "apos.csv", rows))
    one = services.assets.get("=T-1")
    assert one.fields["notes"] == '=HYPERLINK("http://x")' and one.fields["model"] == "+1 edition"
    two = services.assets.get("T-2")
    assert two.fields["notes"] == "'quoted'" and two.fields["model"] == "O'Brien"
    three = services.assets.get("T-3")
    assert three.fields["notes"] == "-5 dB" and three.fields["model"] == "@home"


# --- import: updates ----------------------------------------------------------------------------------


def test_upsert_updates_changed_rows_with_history_and_leaves_unchanged_rows_alone(services, transfer, tmp_path):
    first = transfer.apply_import(write_csv(tmp_path / "v1.csv", BASIC))
    ids = {tag: services.assets.get(tag).id for tag in ("IT-0001", "IT-0002", "IT-0003")}
    before = history_rows(services)
    rows = [
        ["Serial Number", "Asset Tag", "Category", "Location", "Model", "Assigned To", "MAC Address"],
        ["SN-A1", "IT-0001", "laptop", "Beijing HQ", "T14 Gen 2", "Li Lei", "a4:c3:f0:11:22:34"],  # moved, renamed
        ["SN-A2", "IT-0002", "monitor", "Shanghai office", "P2422H", "", ""],  # unchanged
        ["SN-A3", "IT-0003", "desktop", "Beijing HQ", "ProDesk", "han.meimei@example.com", ""],  # serial added (by tag)
        ["SN-A4", "IT-0004", "phone", "", "", "", ""],  # new
    ]
    plan = transfer.plan_import(write_csv(tmp_path / "v2.csv", rows))
    assert plan.ok and plan.unchanged == 1 and [c.row for c in plan.creates] == [5]
    changes = {u.label: {c.field: (c.before, c.after) for c in u.changes} for u in plan.updates}
    assert changes["IT-0001"] == {
        "location": ("Shanghai office", "Beijing HQ"),
        "model": ("T14", "T14 Gen 2"),
        "mac_addresses": (("a4:c3:f0:11:22:33", "a4:c3:f0:11:22:34"), ("a4:c3:f0:11:22:34",)),
    }
    assert changes["IT-0003"] == {"serial": (None, "SN-A3")}
    assert counts(services)[1] == len(before)  # still nothing written

    result = transfer.apply_import(plan)
    assert (result.created, result.updated, result.unchanged) == (1, 2, 1)
    assert result.operation != first.operation
    new = history_rows(services)[len(before):]
    assert {e[1] for e in new} == {"import"} and {e[4] for e in new} == {result.operation}
    touched = {e[0] for e in new}
    assert ids["IT-0002"] not in touched and {ids["IT-0001"], ids["IT-0003"]} <= touched
    upd = next(e for e in new if e[0] == ids["IT-0001"] and e[2] == "update")
    assert upd[5] == {"location": ["Shanghai office", "Beijing HQ"], "model": ["T14", "T14 Gen 2"]}
    removed = next(e for e in new if e[0] == ids["IT-0001"] and e[2] == "address_removed")
    assert removed[5] == {"mac": ["a4:c3:f0:11:22:33", None]}
    a = services.assets.get("IT-0001")
    assert a.fields["location"] == "Beijing HQ" and a.macs == ("a4:c3:f0:11:22:34",)
    assert services.assets.get("IT-0003").fields["serial"] == "SN-A3"
    assert services.assets.get("SN-A4").fields["category"] == "phone"
    assert services.audit.verify().ok

    # The same file again changes nothing and writes no history.
    again = transfer.apply_import(tmp_path / "v2.csv")
    assert (again.created, again.updated, again.unchanged, again.history_entries) == (0, 0, 4, 0)
    assert len(history_rows(services)) == len(before) + result.history_entries


def test_empty_cells_leave_fields_as_they_are(services, transfer, tmp_path):
    services.assets.create({"asset_tag": "E-1", "category": "laptop", "model": "X1", "notes": "keep me"})
    transfer.apply_import(write_csv(tmp_path / "e.csv", [["Asset Tag", "Model", "Notes"], ["E-1", "X1 Carbon", ""]]))
    d = services.assets.get("E-1")
    assert d.fields["model"] == "X1 Carbon" and d.fields["notes"] == "keep me"


def test_match_modes_and_conflicting_keys(services, transfer, tmp_path):
    services.assets.create({"asset_tag": "K-1", "serial": "S-1", "category": "laptop"})
    services.assets.create({"asset_tag": "K-2", "serial": "S-2", "category": "laptop"})
    # By tag: the serial in the file is a correction of the asset's serial.
    path = write_csv(tmp_path / "fix.csv", [["Asset Tag", "Serial"], ["K-1", "S-1-corrected"]])
    plan = transfer.plan_import(path, match="asset_tag")
    assert [(u.label, [(c.field, c.after) for c in u.changes]) for u in plan.updates] == [("K-1", [("serial", "S-1-corrected")])]
    # By serial the same row is a new asset, whose tag belongs to K-1 already.
    plan = transfer.plan_import(path, match="serial")
    assert "asset tag 'K-1' already belongs to asset K-1" in plan.problems[0].reason
    # Serial of one asset and tag of another on one row.
    crossed = write_csv(tmp_path / "crossed.csv", [["Asset Tag", "Serial"], ["K-2", "S-1"]])
    problem = transfer.plan_import(crossed).problems[0]
    assert problem.column == "Asset Tag" and "already belongs to asset K-2" in problem.reason
    # --match serial needs a serial on every row.
    rows = write_csv(tmp_path / "noserial.csv", [["Asset Tag", "Serial", "Category"], ["K-9", "", "laptop"]])
    assert "has no serial number, which --match serial needs" in transfer.plan_import(rows, match="serial").problems[0].reason
    row = write_csv(tmp_path / "nokey.csv", [["Asset Tag", "Serial", "Category"], ["", "", "laptop"]])
    assert "has no serial number or asset tag" in transfer.plan_import(row).problems[0].reason


def test_two_rows_reaching_one_asset_are_both_refused(services, transfer, tmp_path):
    services.assets.create({"asset_tag": "K-1", "serial": "S-1", "category": "laptop"})
    rows = [["Asset Tag", "Serial", "Model"], ["", "S-1", "by serial"], ["K-1", "S-9", "by tag"]]
    plan = transfer.plan_import(write_csv(tmp_path / "twice.csv", rows))
    assert [(p.row, p.reason) for p in plan.problems] == [
        (2, "matches the same asset (#1) as row 3"),
        (3, "matches the same asset (#1) as row 2"),
    ]
    assert plan.updates == ()


def test_status_changes_go_through_the_transition_table_and_its_guards(services, transfer, tmp_path):
    for tag in ("L-1", "L-2", "L-3", "L-4"):
        services.assets.create({"asset_tag": tag, "category": "laptop"})
    services.lifecycle.move("L-3", "retired", reason="end of lease")
    rows = [
        ["Asset Tag", "Status"],
        ["L-1", "Deployed"],  # in_stock -> deployed: allowed
        ["L-2", "sold"],  # in_stock -> sold: no such transition
        ["L-3", "Sold"],  # retired -> sold: allowed, but the guard wants sanitized media
        ["L-4", "in stock"],  # no change
    ]
    path = write_csv(tmp_path / "status.csv", rows)
    plan = transfer.plan_import(path)
    by_row = {p.row: p for p in plan.problems}
    assert sorted(by_row) == [3, 4]
    assert by_row[3].column == "Status" and "cannot move from in_stock to sold" in by_row[3].reason
    assert "has no storage media recorded" in by_row[4].reason
    with pytest.raises(ImportFileError, match="has no storage media recorded"):
        transfer.apply_import(path)
    assert services.assets.get("L-1").status == "in_stock"

    result = transfer.apply_import(path, skip_invalid=True)
    assert result.updated == 1 and result.unchanged == 1
    d = services.assets.get("L-1")
    assert d.status == "deployed" and d.stage == 6
    move = d.history[-1]
    assert (move.action, move.transition, move.source) == ("transition", "deploy", "import")
    assert services.assets.get("L-3").status == "retired"

    # Not data-bearing (set on the same row) satisfies the guard, which judges the asset as imported.
    ok = write_csv(tmp_path / "ok.csv", [["Asset Tag", "Data-bearing", "Status"], ["L-3", "no", "Sold"]])
    transfer.apply_import(ok)
    sold = services.assets.get("L-3")
    assert sold.status == "sold" and sold.fields["data_bearing"] is False
    terminal = write_csv(tmp_path / "back.csv", [["Asset Tag", "Status"], ["L-3", "deployed"]])
    assert "never returns to use" in transfer.plan_import(terminal).problems[0].reason


def test_preview_goes_stale_when_the_inventory_or_file_changes(services, transfer, tmp_path):
    services.assets.create({"asset_tag": "P-1", "category": "laptop", "model": "A"})
    path = write_csv(tmp_path / "p.csv", [["Asset Tag", "Model"], ["P-1", "B"]])
    plan = transfer.plan_import(path)
    services.assets.update("P-1", {"model": "C"})
    with pytest.raises(ImportFileError, match="inventory has changed since the preview"):
        transfer.apply_import(plan)
    plan = transfer.plan_import(path)
    write_csv(path, [["Asset Tag", "Model"], ["P-1", "D"]])
    with pytest.raises(ImportFileError, match="has changed since the preview"):
        transfer.apply_import(plan)
    assert services.assets.get("P-1").fields["model"] == "C"


def test_cancelling_an_import_rolls_everything_back_and_progress_is_reported(services, transfer, tmp_path):
    rows = [["Asset Tag", "Serial", "Category"]] + [[f"C-{i}", f"SN-{i}", "laptop"] for i in range(30)]
    path = write_csv(tmp_path / "many.csv", rows)
    seen = []
    with pytest.raises(TransferCancelled, match="nothing was written"):
        transfer.apply_import(path, progress=lambda d, t: seen.append((d, t)), is_cancelled=lambda: len(seen) >= 1)
    assert counts(services) == (0, 0)
    seen.clear()
    result = transfer.apply_import(path, progress=lambda d, t: seen.append((d, t)))
    assert result.created == 30 and seen[-1] == (30, 30) and seen[0] == (0, 30)


# --- import: files that cannot be read ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.csv", b"", "is empty"),
        ("blank.csv", b"  \r\n\r\n", "is empty"),
        ("quote.csv", b'Asset Tag,Serial,Category\nA-1,"S-1,laptop\nA-2,S-2,laptop\n', 'a quote \\(\\"\\) is opened and never closed'),
        ("junk.csv", b'Asset Tag,Serial,Category\n"A-1"x,S-1,laptop\n', "not well-formed CSV near line 2"),
        ("ragged.csv", b"Asset Tag,Serial,Category\nA-1,S-1,laptop\nA-2,S-2,laptop,extra,cells\n", "row 3 \\(line 3\\) has 5 cells but the header has 3 columns"),
        ("latin1.csv", "Asset Tag,Serial,Category\nA-1,Säge,laptop\n".encode("latin-1") + b"\xff\xfe", "neither UTF-8 nor GB18030"),
        ("utf16.csv", "Asset Tag,Serial\nA-1,S-1\n".encode("utf-16"), "not a text file"),
        ("picture.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "not a text file"),
        ("fake.xlsx", b"Asset Tag,Serial\nA-1,S-1\n", "not an .xlsx workbook"),
        ("broken.xlsx", b"PK\x03\x04 this is no zip archive at all", "not a readable .xlsx workbook"),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Excel .xls workbook"),
    ],
)
def test_unreadable_files_get_a_clear_error_and_nothing_is_written(services, transfer, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ImportFileError, match=message):
        transfer.plan_import(path)
    with pytest.raises(ImportFileError, match=message):
        transfer.apply_import(path)
    assert counts(services) == (0, 0)


def test_missing_file_and_header_only_file(transfer, tmp_path):
    with pytest.raises(ImportFileError, match="There is no file"):
        transfer.plan_import(tmp_path / "nope.csv")
    plan = transfer.plan_import(write_csv(tmp_path / "header.csv", [["Asset Tag", "Category"]]))
    assert (plan.rows, plan.creates, plan.updates, plan.problems) == (0, (), (), ())


# --- export -------------------------------------------------------------------------------------------


def _inventory(services):
    services.assets.create(
        {"asset_tag": "X-1", "serial": "SN-1", "category": "laptop", "model": "T14", "location": "上海办公室",
         "purchase_date": "2023-04-01", "purchase_cost": "8999.50", "ram_gb": "16", "notes": "=HYPERLINK(\"http://evil\")"},
        macs=["00:1b:21:00:00:01", "00:1b:21:00:00:02"], ips=["10.1.2.3"],
    )
    services.assets.create({"asset_tag": "X-2", "serial": "SN-2", "category": "monitor", "model": "+Plus", "notes": "@SUM(A1)"})
    services.assets.create({"asset_tag": "-X-3", "serial": "SN-3", "category": "laptop", "model": "=1+2", "assignee": "李雷",
                            "first_seen": "2024-02-03 04:05:06", "last_seen": "2024-05-06 07:08:09.654321"})
    services.lifecycle.move("X-1", "deployed")


def test_csv_export_has_a_bom_neutralises_formulas_and_honours_filters(services, transfer, tmp_path):
    _inventory(services)
    path = tmp_path / "out.csv"
    result = transfer.export(path)
    assert (result.rows, result.format) == (3, "csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert tuple(rows[0]) == EXPORT_COLUMNS
    by_tag = {r["asset_tag"]: r for r in rows}
    assert [r["asset_tag"] for r in rows] == ["'-X-3", "X-1", "X-2"]  # sorted by tag, the tag neutralised
    x1 = by_tag["X-1"]
    assert x1["location"] == "上海办公室" and x1["notes"] == "'=HYPERLINK(\"http://evil\")"
    assert x1["purchase_date"] == "2023-04-01" and x1["purchase_cost"] == "8999.50" and x1["ram_gb"] == "16"
    assert x1["status"] == "deployed" and x1["stage"] == "6" and x1["data_bearing"] == "yes"
    assert x1["mac_addresses"] == "00:1b:21:00:00:01; 00:1b:21:00:00:02" and x1["ip_addresses"] == "10.1.2.3"
    assert by_tag["X-2"]["model"] == "'+Plus" and by_tag["X-2"]["notes"] == "'@SUM(A1)"
    assert by_tag["'-X-3"]["model"] == "'=1+2" and by_tag["'-X-3"]["assignee"] == "李雷"
    assert by_tag["'-X-3"]["first_seen"] == "2024-02-03 04:05:06"
    assert by_tag["'-X-3"]["last_seen"] == "2024-05-06 07:08:09.654321"

    filtered = tmp_path / "laptops.csv"
    assert transfer.export(filtered, AssetQuery(category="laptop", limit=1)).rows == 2  # every row, not one page
    with open(filtered, encoding="utf-8-sig", newline="") as fh:
        assert sorted(r["asset_tag"] for r in csv.DictReader(fh)) == ["'-X-3", "X-1"]
    assert transfer.export(tmp_path / "none.csv", AssetQuery(status="sold")).rows == 0


def test_xlsx_export_types_cells_and_never_writes_formulas(services, transfer, tmp_path):
    _inventory(services)
    path = tmp_path / "out.xlsx"
    assert transfer.export(path, AssetQuery(search="X-")).rows == 3
    wb = openpyxl.load_workbook(path)
    ws = wb["Assets"]
    header = [c.value for c in ws[1]]
    assert tuple(header) == EXPORT_COLUMNS and all(c.font.bold for c in ws[1])
    col = {name: i for i, name in enumerate(header)}
    rows = {r[col["asset_tag"]].value: r for r in ws.iter_rows(min_row=2)}
    assert set(rows) == {"-X-3", "X-1", "X-2"}
    x1 = rows["X-1"]
    assert x1[col["purchase_date"]].is_date and x1[col["purchase_date"]].value.date() == date(2023, 4, 1)
    assert x1[col["purchase_cost"]].data_type == "n" and x1[col["purchase_cost"]].value == pytest.approx(8999.5)
    assert x1[col["ram_gb"]].value == 16 and x1[col["stage"]].value == 6
    assert x1[col["notes"]].data_type == "s" and x1[col["notes"]].value == '=HYPERLINK("http://evil")'
    assert rows["-X-3"][col["asset_tag"]].data_type == "s"
    assert rows["-X-3"][col["first_seen"]].value == datetime(2024, 2, 3, 4, 5, 6)
    assert rows["X-2"][col["notes"]].value == "@SUM(A1)"
    assert x1[col["location"]].value == "上海办公室"
    assert ws.column_dimensions["A"].width >= 9 and ws.freeze_panes == "A2"
    # No cell of the workbook is a formula.
    assert not any(c.data_type == "f" for row in ws.iter_rows() for c in row)

    deployed = tmp_path / "deployed.xlsx"
    transfer.export(deployed, AssetQuery(status="deployed"))
    assert [r[0] for r in openpyxl.load_workbook(deployed, read_only=True)["Assets"].iter_rows(min_row=2, values_only=True)] == ["X-1"]


def test_failed_or_cancelled_export_leaves_no_file(services, transfer, tmp_path):
    _inventory(services)
    target = tmp_path / "out.csv"
    target.write_text("the previous export\n", encoding="utf-8")
    with pytest.raises(TransferCancelled):
        transfer.export(target, is_cancelled=lambda: True)
    with pytest.raises(TransferCancelled):
        transfer.export(tmp_path / "new.xlsx", is_cancelled=lambda: True)
    assert target.read_text(encoding="utf-8") == "the previous export\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "data" and not p.name.startswith("itam.sqlite3")) \
        == ["out.csv"]
    with pytest.raises(ValidationError, match="name it .csv or .xlsx"):
        transfer.export(tmp_path / "out.pdf")
    seen = []
    transfer.export(target, progress=lambda d, t: seen.append((d, t)))
    assert seen[0] == (0, 3) and seen[-1] == (3, 3)


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_export_then_import_round_trips(services, transfer, tmp_path, suffix):
    _inventory(services)
    transfer.apply_import(write_csv(tmp_path / "more.csv", BASIC))
    path = tmp_path / f"inventory.{suffix}"
    transfer.export(path)
    # Into the same inventory: nothing to do.
    plan = transfer.plan_import(path)
    assert plan.ok and plan.unchanged == 6 and not plan.creates and not plan.updates
    # Into an empty one: the same assets.
    from itam.db import open_database
    from itam.services import Actor, Services

    other_db = open_database(f"sqlite:///{tmp_path / 'other.sqlite3'}")
    try:
        other = Services(other_db, Actor("tester", "cli"))
        result = TransferService(other.ctx, other.assets).apply_import(path)
        assert result.created == 6
        for tag in ("X-1", "X-2", "-X-3", "IT-0001", "IT-0002", "IT-0003"):
            a, b = services.assets.get(tag), other.assets.get(tag)
            assert a.macs == b.macs and a.ips == b.ips and a.status == b.status, tag
            for name, value in a.fields.items():
                if isinstance(value, datetime):  # a spreadsheet keeps milliseconds
                    assert abs(value - b.fields[name]).total_seconds() < 0.001, (tag, name)
                else:
                    assert value == b.fields[name], (tag, name)
    finally:
        other_db.dispose()
