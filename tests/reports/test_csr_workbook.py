"""The CSR Excel workbook (reports.csr_workbook): written from real demo metrics and read back with openpyxl."""

from __future__ import annotations

import dataclasses
import math
import re
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from itam.metrics.results import AssetLine, Period
from reports import csr_workbook as csr
from reports.csr_workbook import Cancelled, neutralise, write_csr_workbook

ROOT = Path(__file__).resolve().parents[2]
INJECTIONS = ('=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0",
              "\t=1+1", "\r=1+1")


@pytest.fixture(scope="module")
def fleet(tmp_path_factory):
    """A demo fleet's metrics and asset lines (built once: the demo takes a few seconds)."""
    from itam.db import open_database
    from itam.metrics.fleet import parse_period
    from itam.services import Actor, Services
    from itam.services.demo import generate_demo

    base = tmp_path_factory.mktemp("csr-fleet")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ITAM_DATA_DIR", str(base / "data"))
        mp.delenv("ITAM_DATABASE_URL", raising=False)
        mp.setenv("ITAM_USER", "tester")
        db = open_database(f"sqlite:///{base / 'itam.sqlite3'}")
        try:
            services = Services(db, Actor("tester", "cli"))
            generate_demo(services, count=120)
            period = parse_period("2000-01-01", date.today())
            metrics = services.metrics.compute(period)
            lines = list(services.metrics.asset_lines(period))
            empty_period = Period(date(1990, 1, 1), date(1990, 12, 31))
            empty = services.metrics.compute(empty_period)
            empty_lines = list(services.metrics.asset_lines(empty_period))
        finally:
            db.dispose()
    assert lines, "the demo fleet should have lifecycle events"
    return metrics, lines, empty, empty_lines


@pytest.fixture(scope="module")
def written(fleet, tmp_path_factory):
    metrics, lines, _e, _el = fleet
    path = tmp_path_factory.mktemp("csr-out") / "csr.xlsx"
    result = write_csr_workbook(metrics, lines, path, organisation_name="Acme Circular IT Ltd.")
    return result, load_workbook(path)


# ----------------------------------------------------------------------------------------------------------------
# helpers


def section_rows(ws, title: str, skip: int = 2) -> dict[str, int]:
    """Column A text → row, for the table under a section heading (up to the next empty row); ``skip``: the rows
    from the heading to the first data row."""
    rows: dict[str, int] = {}
    start = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == title)
    r = start + skip
    while r <= ws.max_row and ws.cell(r, 1).value not in (None, ""):
        rows[ws.cell(r, 1).value] = r
        r += 1
    return rows


def evaluate_arithmetic(formula: str, ws, row: int) -> float:
    """Evaluates a formula made of cell references of ``row``, numbers, * + - ( ) only."""
    assert formula.startswith("=")
    refs = re.findall(r"\$?([A-Z]{1,3})\$?(\d+)", formula)
    assert refs and all(int(r) == row for _c, r in refs), formula

    def value(match: re.Match) -> str:
        v = ws[f"{match.group(1)}{match.group(2)}"].value
        return repr(float(v or 0))

    expr = re.sub(r"\$?([A-Z]{1,3})\$?(\d+)", value, formula[1:])
    assert re.fullmatch(r"[0-9eE.+\-*() ]+", expr), expr
    return eval(expr)


def column_values(ws, col: str, first: int, last: int) -> list:
    return [ws[f"{col}{r}"].value for r in range(first, last + 1)]


def evaluate_countif_sumif(formula: str, wb, summary) -> float:
    """=COUNTIF('Sheet'!$K$2:$K$N,$A55) or =SUMIF('Sheet'!$K$2:$K$N,$A55,'Sheet'!$M$2:$M$N)."""
    m = re.fullmatch(r"=(COUNTIF|SUMIF)\('?([^'!]+)'?!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+),\$A(\d+)"
                     r"(?:,'?([^'!]+)'?!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+))?\)", formula)
    assert m, formula
    fn, sheet, col, first, col2, last, crit_row = m.group(1, 2, 3, 4, 5, 6, 7)
    assert col == col2
    ws = wb[sheet]
    criteria = summary[f"A{crit_row}"].value
    keys = column_values(ws, col, int(first), int(last))
    if fn == "COUNTIF":
        return float(sum(1 for k in keys if k == criteria))
    sum_sheet, sum_col = wb[m.group(8)], m.group(9)
    values = []
    for row in range(int(m.group(10)), int(m.group(12)) + 1):
        v = sum_sheet[f"{sum_col}{row}"].value
        values.append(evaluate_arithmetic(v, sum_sheet, row) if isinstance(v, str) and v.startswith("=") else v)
    return float(sum(v or 0 for k, v in zip(keys, values) if k == criteria))


def assets_header(ws) -> dict[str, str]:
    """Header text → column letter."""
    return {c.value: c.column_letter for c in ws[1]}


# ----------------------------------------------------------------------------------------------------------------
# structure and figures


def test_sheets_and_result(fleet, written):
    _m, lines, _e, _el = fleet
    result, wb = written
    assert wb.sheetnames == ["Summary", "Retirements by lever", "Assets", "Factors", "Methodology", "Index"]
    assert result.sheets == tuple(wb.sheetnames)
    assert result.asset_rows == len(lines)
    assert result.path.exists()
    assert not [p for p in result.path.parent.iterdir() if p.name.endswith(".tmp")]


def test_summary_header_facts(fleet, written):
    metrics, _l, _e, _el = fleet
    _r, wb = written
    ws = wb["Summary"]
    facts = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(2, 8)}
    assert facts["Organisation"] == "Acme Circular IT Ltd."
    assert facts["Period"] == metrics.period.label
    assert facts["Assets covered"] == "all assets"
    assert metrics.factor_set_name in facts["Factor set"] and metrics.factor_set_version in facts["Factor set"]
    assert facts["Factor set SHA-256"] == metrics.factor_set_sha256
    assert facts["Generated at (UTC)"].replace(microsecond=0) == metrics.generated_at.replace(microsecond=0)


def test_kpis_equal_the_metrics(fleet, written):
    metrics, _l, _e, _el = fleet
    _r, wb = written
    ws = wb["Summary"]
    rows = section_rows(ws, "Key figures")
    avoided = "CO2e avoided (reported apart from the inventory)"
    expected = {
        "Assets in the register": metrics.total_assets,
        "Assets retired (arising)": metrics.arising_count,
        "Collection rate R_col (mass)": metrics.collection_rate_mass.value,
        "Collection rate R_col (count)": metrics.collection_rate_count.value,
        "Recovery rate R_rov": metrics.recovery_rate.value,
        "Reuse share of retired mass": metrics.reuse_share.value,
        "E-waste diverted": metrics.ewaste_diverted_kg,
        "E-waste diverted (share)": metrics.ewaste_diverted_share.value,
        f"{avoided} — Low": metrics.co2e_avoided["low"],
        f"{avoided} — Default": metrics.co2e_avoided["default"],
        f"{avoided} — High": metrics.co2e_avoided["high"],
        "Use-phase electricity": metrics.use_phase_kwh,
        "Use-phase emissions of the active fleet": metrics.use_phase_kgco2e,
        "Service life achieved vs target": metrics.life_achieved,
        "Materials saved — Low": metrics.materials_saved_kg["low"],
        "Materials saved — High": metrics.materials_saved_kg["high"],
        "Recycled content of purchases R_mrec": metrics.recycled_content.value,
        "Sanitization compliance": metrics.sanitization_compliance.value,
        "Discovery coverage": metrics.discovery_coverage.value,
    }
    for money in metrics.value:
        expected[f"Value recovered ({money.currency})"] = float(money.net)
    if metrics.index is not None:
        expected["Composite evaluation index P"] = metrics.index.p
        expected["Grade"] = metrics.index.grade
    for name, value in expected.items():
        assert name in rows, name
        got = ws.cell(rows[name], 2).value
        if value is None:
            assert got == "—", name
            assert ws.cell(rows[name], 6).value, f"{name}: a missing figure needs its note"
        else:
            assert got == pytest.approx(value, rel=1e-9, abs=1e-9), name
    if metrics.index is not None:
        assert ws.cell(rows["Grade"], 6).value == metrics.index.label("en")
    # Ratios show their numerator and denominator, formatted as percentages.
    r = rows["Collection rate R_col (mass)"]
    assert ws.cell(r, 4).value == pytest.approx(metrics.collection_rate_mass.numerator)
    assert ws.cell(r, 5).value == pytest.approx(metrics.collection_rate_mass.denominator)
    assert ws.cell(r, 2).number_format == "0.0%"


def test_no_nan_or_error_anywhere(written):
    _r, wb = written
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                v = c.value
                assert not (isinstance(v, float) and math.isnan(v)), c.coordinate
                if isinstance(v, str):
                    assert v.lower() not in ("nan", "none", "inf") and not v.startswith("#"), (ws.title, c.coordinate, v)


def test_assets_sheet_rows_formats_and_filter(fleet, written):
    _m, lines, _e, _el = fleet
    _r, wb = written
    ws = wb["Assets"]
    col = assets_header(ws)
    assert ws.max_row == len(lines) + 1
    assert ws.freeze_panes == "C2"
    assert ws.auto_filter.ref == f"A1:Z{len(lines) + 1}"
    assert ws.column_dimensions[col["Model"]].width > 10
    for i, line in enumerate(lines, start=2):
        assert ws[f"{col['itam ID']}{i}"].value == line.asset_id
        assert ws[f"{col['Asset tag']}{i}"].value == line.asset_tag
        assert ws[f"{col['Serial number']}{i}"].value == line.serial
        assert ws[f"{col['Event date']}{i}"].value.date() == line.occurred_at
        assert ws[f"{col['Mass kg']}{i}"].value == pytest.approx(line.mass_kg)
        assert ws[f"{col['CO2e avoided kgCO2e (computed by itam)']}{i}"].value == pytest.approx(line.co2e_avoided)
    assert ws[f"{col['Event date']}2"].number_format == "yyyy-mm-dd"
    assert ws[f"{col['Mass kg']}2"].number_format == "#,##0.00"
    assert ws[f"{col['Life share s']}2"].number_format == "0.0%"
    money_rows = [i for i, line in enumerate(lines, start=2) if line.value is not None]
    assert money_rows, "the demo should have sales"
    assert ws[f"{col['Value received']}{money_rows[0]}"].number_format == "#,##0.00"
    assert ws[f"{col['Value received']}{money_rows[0]}"].value == pytest.approx(float(lines[money_rows[0] - 2].value))
    assert ws["A1"].font.bold


def test_co2e_cell_is_a_formula_giving_itams_number(fleet, written):
    _m, lines, _e, _el = fleet
    _r, wb = written
    ws = wb["Assets"]
    col = assets_header(ws)
    f_col, v_col = col["CO2e avoided kgCO2e (formula)"], col["CO2e avoided kgCO2e (computed by itam)"]
    credited = 0
    for i, line in enumerate(lines, start=2):
        cell = ws[f"{f_col}{i}"]
        if line.pathway in csr.CREDITED:
            credited += 1
            assert cell.data_type == "f" and cell.value.startswith("="), (i, cell.value)
            assert evaluate_arithmetic(cell.value, ws, i) == pytest.approx(line.co2e_avoided, abs=1e-9)
            assert evaluate_arithmetic(cell.value, ws, i) == pytest.approx(ws[f"{v_col}{i}"].value, abs=1e-9)
        else:
            assert cell.value == 0
    assert credited, "the demo should have credited pathways"


def test_hand_computed_credit(tmp_path, fleet):
    """E 181, s 0.5, d 1.0, p 0.02, no parts: 181 × 0.5 × 1.0 − 0.02 × 181 = 86.88; the cell follows its inputs."""
    metrics = fleet[2]
    line = AssetLine(
        asset_id=1, asset_tag="IT-1", serial="S1", category="laptop", manufacturer="Lenovo", model="T14",
        department=None, location=None, purchase_date=date(2021, 1, 1), retired_at=date(2025, 1, 1),
        pathway="redeploy", transition="redeploy", occurred_at=date(2025, 2, 1), mass_kg=1.65, mass_is_default=False,
        embodied_kgco2e=181.0, embodied_kgco2e_high=236.0, displacement=1.0, life_share=0.5, process_share=0.02,
        parts_kgco2e=0.0, co2e_avoided=86.88, value=None, cost=None, currency=None, party=None,
    )
    path = tmp_path / "one.xlsx"
    write_csr_workbook(metrics, [line], path)
    ws = load_workbook(path)["Assets"]
    col = assets_header(ws)
    formula = ws[f"{col['CO2e avoided kgCO2e (formula)']}2"].value
    assert evaluate_arithmetic(formula, ws, 2) == pytest.approx(86.88)
    # An analyst sets the life share to 100 %: 181 − 3.62 = 177.38.
    ws[f"{col['Life share s']}2"] = 1.0
    assert evaluate_arithmetic(formula, ws, 2) == pytest.approx(177.38)
    # … and fits 20 kgCO2e of parts: 157.38.
    ws[f"{col['Parts fitted kgCO2e']}2"] = 20.0
    assert evaluate_arithmetic(formula, ws, 2) == pytest.approx(157.38)


def test_pathway_table_formulas_match_itam(fleet, written):
    metrics, lines, _e, _el = fleet
    _r, wb = written
    ws = wb["Summary"]
    rows = section_rows(ws, "Circular pathways", skip=3)  # heading, explanation, header
    header = {ws.cell(min(rows.values()) - 1, c).value: c for c in range(1, 15)}
    by_name = {r.pathway: r for r in metrics.pathways}
    from itam.metrics.labels import label

    assert set(rows) - {"Total"} == {label(p) for p in by_name}
    for key, row in by_name.items():
        r = rows[label(key)]
        assert ws.cell(r, header["Events"]).value == row.events
        assert ws.cell(r, header["Mass kg"]).value == pytest.approx(row.mass_kg)
        assert ws.cell(r, header["CO2e avoided Default kgCO2e"]).value == pytest.approx(row.co2e_avoided["default"])
        events = evaluate_countif_sumif(ws.cell(r, header["Events (Assets sheet)"]).value, wb, ws)
        mass = evaluate_countif_sumif(ws.cell(r, header["Mass kg (Assets sheet)"]).value, wb, ws)
        co2e = evaluate_countif_sumif(ws.cell(r, header["CO2e avoided default (Assets sheet)"]).value, wb, ws)
        assert events == row.events
        assert mass == pytest.approx(row.mass_kg)
        lines_credit = sum(x.co2e_avoided for x in lines if x.pathway == key)
        assert co2e == pytest.approx(lines_credit, abs=1e-6)
        # The lines of a period add up to its figures (itam.metrics.fleet): no disagreement note.
        assert co2e == pytest.approx(row.co2e_avoided["default"], abs=1e-6)
        assert ws.cell(r, header["Note"]).value is None
    total = rows["Total"]
    assert ws.cell(total, header["CO2e avoided Default kgCO2e"]).value == pytest.approx(metrics.co2e_avoided["default"])
    assert ws.cell(total, header["Events (Assets sheet)"]).value.startswith("=SUM(")


def test_lines_that_do_not_add_up_get_a_note(tmp_path, fleet):
    metrics, lines, _e, _el = fleet
    dropped = next(x for x in lines if x.pathway in csr.CREDITED and x.co2e_avoided > 1)
    path = tmp_path / "short.xlsx"
    write_csr_workbook(metrics, [x for x in lines if x is not dropped], path)
    ws = load_workbook(path)["Summary"]
    from itam.metrics.labels import label

    rows = section_rows(ws, "Circular pathways", skip=3)
    note = ws.cell(rows[label(dropped.pathway)], 6).value
    assert note and "disagree" in note


def test_charts_reference_the_workbook(written):
    result, _wb = written
    with zipfile.ZipFile(result.path) as z:
        names = z.namelist()
        charts = sorted(n for n in names if n.startswith("xl/charts/chart"))
        assert "xl/charts/chart1.xml" in names
        assert len(charts) >= 4  # three on the Summary, one over the months
        texts = [z.read(n).decode() for n in charts]
        summary_charts = [t for t in texts if "'Summary'!$" in t]
        assert len(summary_charts) == 3
        assert "'Summary'!$G$" in texts[0] and "'Summary'!$I$" in texts[0]  # CO2e low … high
        assert any("'Retirements by lever'!$" in t for t in texts)
        assert "<c:barChart>" in texts[0] or "<barChart>" in texts[0]


def test_other_sheets(fleet, written):
    metrics, _l, _e, _el = fleet
    _r, wb = written
    ws = wb["Factors"]
    assert [c.value for c in ws[1]][:8] == ["What", "Value", "Unit", "Source", "Year", "Licence", "Quality", "Note"]
    assert ws.max_row == len(metrics.factors_used) + 1
    assert ws["A2"].value == metrics.factors_used[0]["what"]
    ws = wb["Methodology"]
    text = "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)
    for term in ("Arising", "Avoided emissions", "Use phase", "Value recovered"):
        assert term in text
    for note in metrics.notes:
        assert note in text
    ws = wb["Index"]
    assert ws["B2"].value == pytest.approx(metrics.index.p)
    assert ws["B3"].value == metrics.index.grade and ws["C3"].value == metrics.index.label("en")
    ids = [ws.cell(r, 1).value for r in range(8, ws.max_row + 1)]
    assert {r.id for r in metrics.index.flat()} <= set(ids)
    months = wb["Retirements by lever"]
    assert months["A1"].value == "Month"
    total_assets = sum(m.assets for m in metrics.retirements_by_month)
    col = [c.value for c in months[1]].index("Total assets") + 1
    assert sum(months.cell(r, col).value for r in range(2, months.max_row + 1)) == total_assets


# ----------------------------------------------------------------------------------------------------------------
# safety


@pytest.mark.parametrize("text", INJECTIONS)
def test_neutralise(text):
    out = neutralise(text)
    assert out == "'" + text
    assert not out.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert neutralise("ThinkPad T14") == "ThinkPad T14"
    assert neutralise("bad\x07bell") == "badbell"


def test_formula_injection_is_neutralised(tmp_path, fleet):
    metrics, lines, _e, _el = fleet
    evil = []
    for i, text in enumerate(INJECTIONS):
        evil.append(dataclasses.replace(lines[i], model=text, party=text, asset_tag=text, serial=text + str(i),
                                        department=text, location=text, manufacturer=text, currency=text))
    path = tmp_path / "evil.xlsx"
    write_csr_workbook(metrics, evil + lines[len(evil):], path, organisation_name='=HYPERLINK("http://x","org")')
    wb = load_workbook(path)
    ws = wb["Assets"]
    col = assets_header(ws)
    for i, text in enumerate(INJECTIONS, start=2):
        for name in ("Asset tag", "Serial number", "Manufacturer", "Model", "Department", "Location", "Currency", "Party"):
            cell = ws[f"{col[name]}{i}"]
            assert cell.data_type == "s", (name, cell.value)
            assert not str(cell.value).startswith(("=", "+", "-", "@", "\t", "\r")), (name, cell.value)
            assert cell.value.startswith("'") and text in cell.value
    org = wb["Summary"]["B2"]
    assert org.data_type == "s" and org.value == "'=HYPERLINK(\"http://x\",\"org\")"
    # No formula anywhere in the workbook comes from data: only our own CO2e and check formulas.
    for sheet in wb.worksheets:
        for row in sheet.iter_rows():
            for c in row:
                if c.data_type == "f":
                    assert "HYPERLINK" not in c.value and "cmd" not in c.value, (sheet.title, c.coordinate)


def test_empty_period_prints_dashes_and_notes(tmp_path, fleet):
    _m, _l, empty, empty_lines = fleet
    assert empty_lines == []
    path = tmp_path / "empty.xlsx"
    result = write_csr_workbook(empty, empty_lines, path)
    assert result.asset_rows == 0
    wb = load_workbook(path)
    ws = wb["Summary"]
    rows = section_rows(ws, "Key figures")
    for name in ("Collection rate R_col (mass)", "Recovery rate R_rov", "Reuse share of retired mass",
                 "E-waste diverted (share)", "Service life achieved vs target", "Sanitization compliance"):
        assert ws.cell(rows[name], 2).value == "—", name
        assert ws.cell(rows[name], 6).value, name
    assert ws.cell(rows["Composite evaluation index P"], 2).value == "—"
    assert "composite index" in ws.cell(rows["Composite evaluation index P"], 6).value
    assert ws.cell(rows["CO2e avoided (reported apart from the inventory) — Default"], 2).value == 0
    notes = section_rows(ws, "Notes")
    assert any("no lifecycle event" in n for n in notes)
    assert "Index" not in wb.sheetnames  # no index computed
    assert wb["Assets"].max_row == 1
    assert wb["Retirements by lever"]["A2"].value.startswith("No retirement")
    for sheet in wb.worksheets:
        for row in sheet.iter_rows():
            for c in row:
                assert not (isinstance(c.value, float) and math.isnan(c.value))


def many(lines: list[AssetLine], n: int) -> list[AssetLine]:
    return [lines[i % len(lines)] for i in range(n)]


def test_progress_and_cancel_leave_no_file(tmp_path, fleet):
    metrics, lines, _e, _el = fleet
    seen: list[int] = []
    path = tmp_path / "big.xlsx"
    result = write_csr_workbook(metrics, many(lines, 2500), path, progress=seen.append)
    assert seen == [1000, 2000, 2500] and result.asset_rows == 2500

    # Cancelled half-way: no new file, nothing temporary left, the earlier file untouched.
    before = path.read_bytes()
    calls = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) >= 2  # the first check is before any row, the second after 1,000 rows

    with pytest.raises(Cancelled):
        write_csr_workbook(metrics, many(lines, 2500), path, is_cancelled=cancel)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.xlsx"]

    other = tmp_path / "never.xlsx"
    with pytest.raises(Cancelled):
        write_csr_workbook(metrics, lines, other, is_cancelled=lambda: True)
    assert not other.exists()

    def broken():
        yield from lines[:5]
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError):
        write_csr_workbook(metrics, broken(), other)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.xlsx"]


def test_chinese_workbook(tmp_path, fleet):
    metrics, lines, _e, _el = fleet
    path = tmp_path / "zh.xlsx"
    result = write_csr_workbook(metrics, lines, path, language="zh_CN", organisation_name="示例公司")
    wb = load_workbook(path)
    assert wb.sheetnames == ["摘要", "按循环路径的退役", "资产明细", "因子", "方法说明", "综合评价指数"]
    assert result.sheets == tuple(wb.sheetnames)
    ws = wb["资产明细"]
    header = [c.value for c in ws[1]]
    assert header[:4] == ["itam 编号", "资产标签", "序列号", "类别"]
    assert "避免的 CO2e 千克（公式）" in header
    summary = wb["摘要"]
    assert summary["A2"].value == "组织" and summary["B2"].value == "示例公司"
    rows = section_rows(summary, "关键指标")
    assert "避免的 CO2e 排放（与排放清单分开报告） — 默认" in rows
    assert summary.cell(rows["避免的 CO2e 排放（与排放清单分开报告） — 默认"], 2).value == pytest.approx(
        metrics.co2e_avoided["default"])
    # Formulas point at the Chinese sheet name, quoted.
    prow = section_rows(summary, "循环路径", skip=3)
    first = min(prow.values())
    assert "'资产明细'!$" in summary.cell(first, 12).value
    with zipfile.ZipFile(path) as z:
        assert "'摘要'!$" in z.read("xl/charts/chart1.xml").decode()
    with pytest.raises(Exception, match="unknown language"):
        write_csr_workbook(metrics, lines, tmp_path / "x.xlsx", language="fr")
    assert not (tmp_path / "x.xlsx").exists()


def test_fast_row_path_writes_the_same_cells_as_openpyxls_own(tmp_path, fleet, monkeypatch):
    """The Assets sheet swaps openpyxl's per-row value binding for a lighter one (the speed target needs it):
    with and without it, the cells are the same."""
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

    assert hasattr(WriteOnlyWorksheet, "_values_to_row"), "openpyxl changed: the Assets sheet falls back to the slow path"
    metrics, lines, _e, _el = fleet
    fast = tmp_path / "fast.xlsx"
    write_csr_workbook(metrics, lines, fast)
    import builtins

    monkeypatch.setattr(csr, "hasattr", lambda o, n: False if n == "_values_to_row" else builtins.hasattr(o, n),
                        raising=False)
    slow = tmp_path / "slow.xlsx"
    write_csr_workbook(metrics, lines, slow)

    def cells(p):
        ws = load_workbook(p)["Assets"]
        return [[(c.coordinate, c.value, c.number_format, c.data_type) for c in row if c.value is not None]
                for row in ws.iter_rows()]

    assert cells(fast) == cells(slow)


def test_module_does_not_import_qt():
    code = ("import reports.csr_workbook, sys; "
            "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken', 'PyQt'))]; assert not bad, bad")
    result = subprocess.run([sys.executable, "-c", code], check=False, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
