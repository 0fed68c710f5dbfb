"""The CSR Excel workbook (issue 5 item 4): the fleet metrics of a period, with charts, and one row per event.

``write_csr_workbook(metrics, lines, path)`` writes an .xlsx with openpyxl in write-only mode (every sheet is
streamed to disk; the per-asset sheet can hold hundreds of thousands of rows) with these sheets, in English or
Simplified Chinese:

Summary
    Title, organisation, period, slice, factor set (name, version, SHA-256), when it was generated; every KPI
    with its value, unit, numerator and denominator (a ratio without a denominator prints "—" and why, never
    NaN); the composite index P and its grade; value recovered per currency; the pathway table (events, assets,
    mass, CO2e avoided per bound, materials saved) next to live formulas that recompute events, mass and CO2e
    from the Assets sheet; service life, use phase, assets by status, findings and notes; native Excel charts
    (CO2e avoided per pathway for the three bounds, events per pathway, assets by status).
Retirements by lever
    Month × pathway: assets and kg, with a stacked column chart over time.
Assets
    One row per :class:`~itam.metrics.results.AssetLine`. The "CO2e avoided" cell is an Excel formula over the
    same row's inputs (E × s × d − p × E − parts, for the credited pathways), so an analyst can change an input
    and see the credit change; the figure itam computed sits in the next column, for readers that do not
    evaluate formulas. Auto-filter and frozen header.
Factors, Methodology, Index
    The factor rows the figures used; the definitions (from :mod:`itam.metrics.fleet`), notes and factor set;
    every indicator of the composite index with its weight, benchmark, actual, index and score.

Every figure shown as a formula is also present as a plain value computed by itam. Text that a spreadsheet could
take for a formula (starting with = + - @, a tab or a carriage return) is stored as a string prefixed with an
apostrophe, never evaluated. The file is written under a temporary name in the target directory and renamed at
the end: a cancel (``is_cancelled()`` true, checked every 1,000 rows) or an error leaves no file behind.
No Qt in here.
"""

from __future__ import annotations

import contextlib
import math
import os
import re
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.chart import BarChart, Reference, Series
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname

from itam.errors import ItamError
from itam.messages import localize, tr
from itam.metrics import fleet
from itam.metrics.index import normalise_language
from itam.metrics.labels import category_name, label, status_name
from itam.metrics.results import AssetLine, FleetMetrics, Ratio

__all__ = ("ASSET_COLUMNS", "SHEETS", "Cancelled", "WorkbookResult", "neutralise", "write_csr_workbook")

#: Progress is reported, and cancellation checked, every this many asset rows.
PROGRESS_EVERY = 1000
#: What a missing figure prints as.
DASH = "—"
#: Text starting with one of these could be run as a formula by a spreadsheet.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_MAX_CELL = 32_000  # Excel holds at most 32,767 characters in a cell

FMT_PCT = "0.0%"
FMT_1 = "#,##0.0"
FMT_2 = "#,##0.00"
FMT_INT = "#,##0"
FMT_SHARE = "0.00"
FMT_INDEX = "0.000"
FMT_MONEY = "#,##0.00"
FMT_DATE = "yyyy-mm-dd"
FMT_DATETIME = "yyyy-mm-dd hh:mm"

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
SECTION = Font(bold=True, size=12)
MUTED = Font(italic=True, color="666666")
HEAD_FILL = PatternFill("solid", fgColor="E4EAF1")
WRAP = Alignment(wrap_text=True, vertical="top")


class Cancelled(ItamError):
    """The person cancelled the workbook; no file was written."""

    def __init__(self, message: str | None = None):
        super().__init__(tr("the CSR workbook was cancelled: no file was written") if message is None else message)


@dataclass(frozen=True)
class WorkbookResult:
    path: Path
    asset_rows: int
    sheets: tuple[str, ...]


# ----------------------------------------------------------------------------------------------------------------
# Words

SHEETS = ("summary", "months", "assets", "factors", "methodology", "index")

TEXT: dict[str, dict[str, str]] = {
    "en": {
        "sheet.summary": "Summary", "sheet.months": "Retirements by lever", "sheet.assets": "Assets",
        "sheet.factors": "Factors", "sheet.methodology": "Methodology", "sheet.index": "Index",
        "title": "IT asset circularity — CSR report",
        "organisation": "Organisation", "period": "Period", "slice": "Assets covered", "factor_set": "Factor set",
        "factor_sha": "Factor set SHA-256", "generated_at": "Generated at (UTC)", "all_assets": "all assets",
        "indicator": "Indicator", "value": "Value", "unit": "Unit", "numerator": "Numerator",
        "denominator": "Denominator", "note": "Note",
        "unit.pct_mass": "% of mass", "unit.pct_count": "% of count", "unit.kg": "kg", "unit.kgco2e": "kgCO2e",
        "unit.kwh": "kWh", "unit.of_target": "% of target life", "unit.assets": "assets", "unit.pct": "%",
        "unit.p": "P (0 … ≥1)", "unit.grade": "grade 1 (best) … 5",
        "kpi.co2e": "{name} — {bound}", "kpi.materials": "{name} — {bound}",
        "kpi.index": "Composite evaluation index P", "kpi.grade": "Grade",
        "kpi.recycled_coverage": "Purchased mass with a declared recycled content",
        "section.kpis": "Key figures", "section.value": "Value recovered (per currency, never converted)",
        "section.pathways": "Circular pathways",
        "section.pathways.note": "Columns headed “Assets sheet” are live formulas over the Assets sheet: change an "
                                 "input there and they follow; the other columns are what itam computed.",
        "section.status": "Assets in the register by status (now)", "section.life": "Service life by category",
        "section.use": "Use phase of the active fleet (inventory, Scope 2)", "section.findings": "Findings",
        "section.notes": "Notes",
        "currency": "Currency", "pathway": "Pathway", "events": "Events", "assets": "Assets", "mass_kg": "Mass kg",
        "recovery_class": "Recovery class",
        "co2e_bound": "CO2e avoided {bound} kgCO2e", "materials_bound": "Materials saved {bound} kg",
        "events_live": "Events (Assets sheet)", "mass_live": "Mass kg (Assets sheet)",
        "co2e_live": "CO2e avoided default (Assets sheet)", "total": "Total",
        "lines_note": "The Assets sheet's lines add up to {lines:,.2f} kgCO2e for this pathway, not itam's "
                      "{total:,.2f}: the lines and the figures disagree",
        "status": "Status", "category": "Category", "retired": "Retired", "with_dates": "With purchase date",
        "average_years": "Average years", "target_years": "Target years", "ratio": "Achieved / target",
        "country": "Country", "asset_years": "Asset-years", "grid": "Grid kgCO2/kWh", "kgco2e": "kgCO2e",
        "kwh": "kWh", "finding": "Finding", "count": "Count", "examples": "Examples",
        "chart.co2e": "CO2e avoided per pathway (kgCO2e)", "chart.events": "Events per pathway",
        "chart.status": "Assets by status", "chart.months": "Retirements by lever over time (assets)",
        "month": "Month", "col.assets": "{name} — assets", "col.kg": "{name} — kg", "total_assets": "Total assets",
        "total_kg": "Total kg", "no_months": "No retirement or fate event in the period.",
        # Assets sheet
        "a.id": "itam ID", "a.tag": "Asset tag", "a.serial": "Serial number", "a.category": "Category",
        "a.manufacturer": "Manufacturer", "a.model": "Model", "a.department": "Department", "a.location": "Location",
        "a.purchase": "Purchase date", "a.retired": "Retired on", "a.pathway": "Pathway", "a.date": "Event date",
        "a.mass": "Mass kg", "a.mass_default": "Mass is a default", "a.embodied": "Embodied kgCO2e (default)",
        "a.embodied_high": "Embodied kgCO2e (high)", "a.displacement": "Displacement d", "a.life": "Life share s",
        "a.process": "Process share p", "a.parts": "Parts fitted kgCO2e",
        "a.co2e": "CO2e avoided kgCO2e (formula)", "a.co2e_itam": "CO2e avoided kgCO2e (computed by itam)",
        "a.value": "Value received", "a.cost": "Cost", "a.currency": "Currency", "a.party": "Party",
        "yes": "yes", "no": "no",
        # Factors
        "f.what": "What", "f.value": "Value", "f.unit": "Unit", "f.source": "Source", "f.year": "Year",
        "f.licence": "Licence", "f.quality": "Quality", "f.note": "Note", "f.range": "Range (low – high)",
        "f.none": "No factor was used (the period is empty).",
        # Methodology
        "m.title": "Methodology", "m.definitions": "Definitions (itam.metrics.fleet)", "m.term": "Term",
        "m.definition": "Definition",
        "m.language_note": "",
        "m.assets_formula": "CO2e avoided per asset (Assets sheet)",
        "m.assets_formula.text": "For the credited pathways (life extension, redeploy, remarket, donate, refurbish, "
                                 "harvest): E × s × d − p × E − parts fitted, with E the displaced new device's "
                                 "embodied kgCO2e (default), s the life share, d the displacement and p the "
                                 "process share of the row; the cell is a formula, the next column holds itam's "
                                 "figure. For a harvest E is the footprint of the parts recovered and s = 1. Other "
                                 "pathways earn no credit (0).",
        "m.inventory": "Reporting boundary",
        "m.inventory.text": "Avoided emissions are reported apart from the organisation's Scope 1–3 inventory and "
                            "never netted off it; the use-phase emissions of the active fleet belong to the "
                            "inventory (Scope 2).",
        "m.injection": "Text cells",
        "m.injection.text": "Text that a spreadsheet could run as a formula (starting with = + - @, a tab or a "
                            "carriage return) is stored as text with a leading apostrophe.",
        "m.index_spec": "Composite index", "m.notes": "Notes",
        # Index
        "i.id": "ID", "i.name": "Indicator", "i.depth": "Level", "i.weight": "Weight (local)",
        "i.global_weight": "Global weight", "i.direction": "Direction", "i.benchmark": "Benchmark",
        "i.actual": "Actual", "i.index": "Index I", "i.score": "Score", "i.reason": "Not computed because",
        "i.note": "Note", "i.p": "P = Σ scores", "i.grade": "Grade", "i.coverage": "Coverage (weight computed)",
        "i.p_on_coverage": "P on coverage", "i.warnings": "Warnings", "i.none": "The composite index is not computed.",
        "i.spec": "Indicator set", "dir.higher": "higher is better", "dir.lower": "lower is better",
        # reasons a ratio is missing
        "why.collection": "no asset was retired, lost or missing in the period (denominator 0)",
        "why.processed": "no retired asset had a fate in the period (denominator 0)",
        "why.recycled_content": "no device bought in the period declares a recycled content",
        "why.recoverability": "no device bought in the period declares a recoverability",
        "why.no_purchases": "no device was bought in the period",
        "why.sanitization": "no data-bearing asset left the organisation in the period",
        "why.discovery": "no discovery scan before the period's end, or no active asset seen by one",
        "why.life": "no asset retired in the period has a purchase date",
        "why.index": "the composite index is not computed",
    },
    "zh_CN": {
        "sheet.summary": "摘要", "sheet.months": "按循环路径的退役", "sheet.assets": "资产明细",
        "sheet.factors": "因子", "sheet.methodology": "方法说明", "sheet.index": "综合评价指数",
        "title": "IT 资产循环利用 — 企业社会责任报告",
        "organisation": "组织", "period": "报告期", "slice": "覆盖的资产", "factor_set": "因子集",
        "factor_sha": "因子集 SHA-256", "generated_at": "生成时间（UTC）", "all_assets": "全部资产",
        "indicator": "指标", "value": "数值", "unit": "单位", "numerator": "分子", "denominator": "分母",
        "note": "说明",
        "unit.pct_mass": "按质量 %", "unit.pct_count": "按数量 %", "unit.kg": "千克", "unit.kgco2e": "千克 CO2e",
        "unit.kwh": "千瓦时", "unit.of_target": "占目标寿命 %", "unit.assets": "台", "unit.pct": "%",
        "unit.p": "P（0 … ≥1）", "unit.grade": "等级 1（最好）… 5",
        "kpi.co2e": "{name} — {bound}", "kpi.materials": "{name} — {bound}",
        "kpi.index": "综合评价指数 P", "kpi.grade": "等级",
        "kpi.recycled_coverage": "声明再生材料含量的采购质量比例",
        "section.kpis": "关键指标", "section.value": "回收价值（按币种，不换算）", "section.pathways": "循环路径",
        "section.pathways.note": "标题含“资产明细表”的列是基于资产明细表的实时公式：修改该表中的输入后会随之变化；"
                                 "其他列为 itam 计算的结果。",
        "section.status": "登记资产按状态（当前）", "section.life": "按类别的使用寿命",
        "section.use": "在用设备的使用阶段（排放清单，范围二）", "section.findings": "发现的问题",
        "section.notes": "说明",
        "currency": "币种", "pathway": "循环路径", "events": "事件数", "assets": "资产数", "mass_kg": "质量（千克）",
        "recovery_class": "回收类别",
        "co2e_bound": "避免的 CO2e（{bound}）千克", "materials_bound": "节约的材料（{bound}）千克",
        "events_live": "事件数（资产明细表）", "mass_live": "质量千克（资产明细表）",
        "co2e_live": "避免的 CO2e 默认值（资产明细表）", "total": "合计",
        "lines_note": "资产明细表中该路径各行合计 {lines:,.2f} 千克 CO2e，与 itam 的 {total:,.2f} 不一致",
        "status": "状态", "category": "类别", "retired": "退役数", "with_dates": "有采购日期",
        "average_years": "平均年数", "target_years": "目标年数", "ratio": "实际 / 目标",
        "country": "国家", "asset_years": "资产年", "grid": "电网 kgCO2/kWh", "kgco2e": "千克 CO2e",
        "kwh": "千瓦时", "finding": "问题", "count": "数量", "examples": "示例",
        "chart.co2e": "各路径避免的 CO2e（千克）", "chart.events": "各路径事件数", "chart.status": "资产状态分布",
        "chart.months": "按循环路径的退役趋势（资产数）",
        "month": "月份", "col.assets": "{name} — 资产数", "col.kg": "{name} — 千克", "total_assets": "资产合计",
        "total_kg": "质量合计（千克）", "no_months": "报告期内没有退役或去向事件。",
        "a.id": "itam 编号", "a.tag": "资产标签", "a.serial": "序列号", "a.category": "类别",
        "a.manufacturer": "制造商", "a.model": "型号", "a.department": "部门", "a.location": "位置",
        "a.purchase": "采购日期", "a.retired": "退役日期", "a.pathway": "循环路径", "a.date": "事件日期",
        "a.mass": "质量（千克）", "a.mass_default": "质量为默认值", "a.embodied": "隐含碳 kgCO2e（默认）",
        "a.embodied_high": "隐含碳 kgCO2e（高）", "a.displacement": "替代系数 d", "a.life": "寿命比例 s",
        "a.process": "工艺比例 p", "a.parts": "装入部件 kgCO2e",
        "a.co2e": "避免的 CO2e 千克（公式）", "a.co2e_itam": "避免的 CO2e 千克（itam 计算）",
        "a.value": "收入", "a.cost": "成本", "a.currency": "币种", "a.party": "相关方",
        "yes": "是", "no": "否",
        "f.what": "项目", "f.value": "数值", "f.unit": "单位", "f.source": "来源", "f.year": "年份",
        "f.licence": "许可", "f.quality": "质量", "f.note": "说明", "f.range": "范围（低 – 高）",
        "f.none": "未使用任何因子（报告期为空）。",
        "m.title": "方法说明", "m.definitions": "定义（itam.metrics.fleet）", "m.term": "术语", "m.definition": "定义",
        "m.language_note": "以下定义为英文原文。",
        "m.assets_formula": "每项资产避免的 CO2e（资产明细表）",
        "m.assets_formula.text": "对计入减排的路径（寿命延长、再部署、二次营销、捐赠、翻新、拆解回收部件）：E × s × d − "
                                 "p × E − 装入部件，其中 E 为被替代新设备的隐含碳（默认值），s、d、p 为该行的寿命比例、"
                                 "替代系数和工艺比例；该单元格为公式，下一列为 itam 的计算结果。对拆解回收部件，"
                                 "E 为回收部件的碳足迹，s = 1。其他路径不计减排（0）。",
        "m.inventory": "报告边界",
        "m.inventory.text": "避免的排放与组织的范围一至三排放清单分开报告，从不抵扣；在用设备的使用阶段排放属于排放清单（范围二）。",
        "m.injection": "文本单元格",
        "m.injection.text": "可能被电子表格当作公式执行的文本（以 = + - @、制表符或回车开头）以前置撇号的文本保存。",
        "m.index_spec": "综合评价指数", "m.notes": "说明",
        "i.id": "编号", "i.name": "指标", "i.depth": "层级", "i.weight": "权重（本层）", "i.global_weight": "全局权重",
        "i.direction": "方向", "i.benchmark": "基准值", "i.actual": "实际值", "i.index": "评价指数 I",
        "i.score": "得分", "i.reason": "未计算原因", "i.note": "说明", "i.p": "P = Σ 得分", "i.grade": "等级",
        "i.coverage": "覆盖率（已计算权重）", "i.p_on_coverage": "按覆盖率折算的 P", "i.warnings": "警告",
        "i.none": "未计算综合评价指数。", "i.spec": "指标体系", "dir.higher": "越高越好", "dir.lower": "越低越好",
        "why.collection": "报告期内没有退役、丢失或未发现的资产（分母为 0）",
        "why.processed": "报告期内没有退役资产有去向（分母为 0）",
        "why.recycled_content": "报告期内采购的设备均未声明再生材料含量",
        "why.recoverability": "报告期内采购的设备均未声明可回收利用率",
        "why.no_purchases": "报告期内没有采购设备",
        "why.sanitization": "报告期内没有含数据的资产离开组织",
        "why.discovery": "报告期结束前没有发现扫描，或没有在用资产被扫描到",
        "why.life": "报告期内退役的资产均无采购日期",
        "why.index": "未计算综合评价指数",
    },
}

#: The Assets sheet: (header key, width, number format or None).
ASSET_COLUMNS: tuple[tuple[str, float, str | None], ...] = (
    ("a.id", 9, None), ("a.tag", 14, None), ("a.serial", 18, None), ("a.category", 14, None),
    ("a.manufacturer", 14, None), ("a.model", 24, None), ("a.department", 18, None), ("a.location", 18, None),
    ("a.purchase", 12, FMT_DATE), ("a.retired", 12, FMT_DATE), ("a.pathway", 18, None), ("a.date", 12, FMT_DATE),
    ("a.mass", 10, FMT_2), ("a.mass_default", 10, None), ("a.embodied", 13, FMT_1), ("a.embodied_high", 13, FMT_1),
    ("a.displacement", 12, FMT_SHARE), ("a.life", 11, FMT_PCT), ("a.process", 11, FMT_PCT), ("a.parts", 12, FMT_1),
    ("a.co2e", 16, FMT_2), ("a.co2e_itam", 16, FMT_2), ("a.value", 13, FMT_MONEY), ("a.cost", 13, FMT_MONEY),
    ("a.currency", 9, None), ("a.party", 24, None),
)
_COL = {key: get_column_letter(i) for i, (key, _w, _f) in enumerate(ASSET_COLUMNS, start=1)}

#: Pathways in the order the report lists them (arising, credited, then the rest); credited ones are contiguous.
PATHWAY_ORDER = tuple(fleet.PATHWAY_ORDER)
CREDITED = frozenset(fleet.CREDITED)


def _t(language: str, key: str, **values: Any) -> str:
    table = TEXT[language] if key in TEXT[language] else TEXT["en"]
    text = table.get(key, key)
    return text.format(**values) if values else text


# ----------------------------------------------------------------------------------------------------------------
# Cells

_DANGER = frozenset(p for p in FORMULA_PREFIXES)


def neutralise(text: str) -> str:
    """Text as it is stored in a cell: illegal control characters removed, formula-like text prefixed with an
    apostrophe (so that it is a plain string Excel never evaluates, also after the cell is edited)."""
    if ILLEGAL_CHARACTERS_RE.search(text):
        text = ILLEGAL_CHARACTERS_RE.sub("", text)
    if text[:1] in _DANGER:
        text = "'" + text
    if len(text) > _MAX_CELL:
        text = text[: _MAX_CELL - 1] + "…"
    return text


class _Sheet:
    """A write-only worksheet with a row counter and cell helpers (for the small sheets)."""

    def __init__(self, wb: Workbook, title: str, widths: dict[str, float]):
        self.ws = wb.create_sheet(title)
        self.row = 0
        for col, width in widths.items():
            self.ws.column_dimensions[col].width = width

    @property
    def title(self) -> str:
        return self.ws.title

    def cell(self, value: Any, fmt: str | None = None, font: Font | None = None, fill: PatternFill | None = None,
             align: Alignment | None = None) -> Any:
        if isinstance(value, str):
            value = neutralise(value)
        elif isinstance(value, float) and math.isnan(value):  # NaN never reaches a cell
            value = DASH
        if fmt is None and font is None and fill is None and align is None:
            return value
        c = WriteOnlyCell(self.ws, value=value)
        if fmt is not None and not isinstance(value, str):
            c.number_format = fmt
        if font is not None:
            c.font = font
        if fill is not None:
            c.fill = fill
        if align is not None:
            c.alignment = align
        return c

    def formula(self, text: str, fmt: str | None = None, font: Font | None = None) -> Any:
        """A formula cell (our own text, never neutralised)."""
        c = WriteOnlyCell(self.ws, value=text)
        if fmt is not None:
            c.number_format = fmt
        if font is not None:
            c.font = font
        return c

    def append(self, values: Iterable[Any] = ()) -> int:
        self.ws.append(list(values))
        self.row += 1
        return self.row

    def header(self, names: Iterable[str]) -> int:
        return self.append(self.cell(n, font=BOLD, fill=HEAD_FILL, align=WRAP) for n in names)

    def blank(self, n: int = 1) -> None:
        for _ in range(n):
            self.append(())


def _num(value: Any) -> Any:
    """A number for a cell (Decimal stays exact), or None."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


# ----------------------------------------------------------------------------------------------------------------
# Assets sheet (the big one)


def _rows_from_cells(values: Any, row_idx: int) -> Any:
    """Replaces WriteOnlyWorksheet._values_to_row on the Assets sheet: every row is a list of our own cells, one
    per column, reused from row to row (each is serialised as soon as it is yielded), so the writer neither
    re-binds them to a scratch cell nor allocates a new cell after every styled one."""
    for cell in values:
        if cell._value is None:
            continue
        cell.row = row_idx
        yield cell


def _write_assets(sheet: _Sheet, lines: Iterable[AssetLine], language: str,
                  progress: Callable[[int], None] | None, is_cancelled: Callable[[], bool] | None,
                  ) -> tuple[int, dict[str, float]]:
    """Streams the lines into the Assets sheet; returns the rows written and the credit of the lines per
    pathway."""
    ws = sheet.ws
    ws.freeze_panes = "C2"
    sheet.header(_t(language, key) for key, _w, _f in ASSET_COLUMNS)

    cells = []
    for i, (_key, _w, fmt) in enumerate(ASSET_COLUMNS, start=1):
        c = WriteOnlyCell(ws)
        c.column = i
        if fmt is not None:
            c.number_format = fmt
        cells.append(c)
    # Only our own cells go into this sheet's rows: skip openpyxl's per-value re-binding (see _rows_from_cells).
    if hasattr(ws, "_values_to_row"):
        ws._values_to_row = _rows_from_cells

    yes, no = _t(language, "yes"), _t(language, "no")
    texts: dict[Any, Any] = {None: None}  # low-cardinality text, cleaned once
    categories: dict[str, str] = {}
    pathways: dict[str, str] = {}
    e, s, d, p, parts = _COL["a.embodied"], _COL["a.life"], _COL["a.displacement"], _COL["a.process"], _COL["a.parts"]
    template = f"={e}{{r}}*{s}{{r}}*{d}{{r}}-{p}{{r}}*{e}{{r}}-{parts}{{r}}"
    formula = template.format  # "=O5*R5*Q5-S5*O5-T5"
    credited = CREDITED
    append = ws.append
    (c_id, c_tag, c_serial, c_cat, c_man, c_model, c_dept, c_loc, c_buy, c_ret, c_path, c_date, c_mass, c_def,
     c_e, c_eh, c_d, c_s, c_p, c_parts, c_f, c_co2e, c_value, c_cost, c_cur, c_party) = cells

    def clean(value: str | None) -> str | None:
        if value is None or not isinstance(value, str):
            return value
        if value[:1] in _DANGER or ILLEGAL_CHARACTERS_RE.search(value):
            return neutralise(value)
        return value

    def cached(value: str | None) -> str | None:
        out = texts.get(value, texts)
        if out is texts:
            out = texts[value] = clean(value)
        return out

    row = 1
    n = 0
    credits: dict[str, float] = {}
    for line in lines:
        row += 1
        n += 1
        cat = line.category
        cat_label = categories.get(cat)
        if cat_label is None:
            cat_label = categories[cat] = clean(category_name(cat, language)) or ""
        path = line.pathway
        path_label = pathways.get(path)
        if path_label is None:
            path_label = pathways[path] = clean(label(path, language)) or ""
        c_id.value = line.asset_id
        c_tag.value = clean(line.asset_tag)
        c_serial.value = clean(line.serial)
        c_cat.value = cat_label
        c_man.value = cached(line.manufacturer)
        c_model.value = cached(line.model)
        c_dept.value = cached(line.department)
        c_loc.value = cached(line.location)
        c_buy.value = line.purchase_date
        c_ret.value = line.retired_at
        c_path.value = path_label
        c_date.value = line.occurred_at
        c_mass.value = line.mass_kg
        c_def.value = yes if line.mass_is_default else no
        c_e.value = line.embodied_kgco2e
        c_eh.value = line.embodied_kgco2e_high
        c_d.value = line.displacement
        c_s.value = line.life_share
        c_p.value = line.process_share
        c_parts.value = line.parts_kgco2e
        if path in credited:
            c_f.value = formula(r=row)
            credits[path] = credits.get(path, 0.0) + line.co2e_avoided
        else:
            c_f.value = 0
        c_co2e.value = line.co2e_avoided
        c_value.value = line.value
        c_cost.value = line.cost
        c_cur.value = cached(line.currency)
        c_party.value = cached(line.party)
        append(cells)
        if n % PROGRESS_EVERY == 0:
            if is_cancelled is not None and is_cancelled():
                raise Cancelled()
            if progress is not None:
                progress(n)
    sheet.row = row
    last = get_column_letter(len(ASSET_COLUMNS))
    ws.auto_filter.ref = f"A1:{last}{max(row, 2)}"
    if progress is not None and n % PROGRESS_EVERY:
        progress(n)
    return n, credits


# ----------------------------------------------------------------------------------------------------------------
# Summary


def _ratio_reason(language: str, key: str, metrics: FleetMetrics) -> str:
    why = {
        "collection_rate_mass": "why.collection", "collection_rate_count": "why.collection",
        "recovery_rate": "why.processed", "reuse_share": "why.processed", "ewaste_diverted_share": "why.processed",
        "recycled_content": "why.recycled_content", "recycled_content_coverage": "why.no_purchases",
        "recoverability": "why.recoverability", "sanitization_compliance": "why.sanitization",
        "discovery_coverage": "why.discovery", "life_achieved": "why.life", "index": "why.index",
    }[key]
    words = {
        "collection_rate_mass": ("period figures are empty",), "collection_rate_count": ("period figures are empty",),
        "recovery_rate": ("period figures are empty",), "reuse_share": ("period figures are empty",),
        "ewaste_diverted_share": ("period figures are empty",), "recycled_content": ("R_mrec",),
        "discovery_coverage": ("discovery coverage",), "life_achieved": ("service life",),
        "index": ("composite index",), "recoverability": ("R_cov",),
    }.get(key, ())
    related = [localize(n, language) for n in metrics.notes if any(w.lower() in n.lower() for w in words)]
    if related and language == "en" and key in ("recycled_content", "discovery_coverage", "index"):
        return "; ".join(related)  # itam's own note says the same, more precisely
    return "; ".join([_t(language, why), *related])


def _write_summary(sheet: _Sheet, metrics: FleetMetrics, language: str, organisation: str | None,
                   assets_title: str, asset_rows: int, line_credits: dict[str, float]) -> list[tuple[str, Any]]:
    """Writes the Summary; returns the charts to add (anchor, chart). ``line_credits``: what the Assets sheet's
    lines credit per pathway (a pathway whose lines do not add up to its figure gets a note)."""
    L = lambda key, **kw: _t(language, key, **kw)
    cell = sheet.cell
    ws = sheet.ws
    ws.freeze_panes = "A2"
    sheet.append([cell(L("title"), font=TITLE)])
    sheet.append([cell(L("organisation"), font=BOLD), cell(organisation or DASH)])
    sheet.append([cell(L("period"), font=BOLD), cell(metrics.period.label)])
    sheet.append([cell(L("slice"), font=BOLD), cell(L("all_assets") if metrics.slice.is_all else metrics.slice.label)])
    sheet.append([cell(L("factor_set"), font=BOLD), cell(f"{metrics.factor_set_name} {metrics.factor_set_version}")])
    sheet.append([cell(L("factor_sha"), font=BOLD), cell(metrics.factor_set_sha256)])
    sheet.append([cell(L("generated_at"), font=BOLD), cell(metrics.generated_at.replace(tzinfo=None, microsecond=0),
                                                          FMT_DATETIME, align=Alignment(horizontal="left"))])
    sheet.blank()
    sheet.append([cell(L("section.kpis"), font=SECTION)])
    sheet.header([L("indicator"), L("value"), L("unit"), L("numerator"), L("denominator"), L("note")])

    def ratio(key: str, r: Ratio, unit: str, name: str | None = None, fmt: str = FMT_PCT, part_fmt: str = FMT_1) -> None:
        value = r.value
        if value is None:
            sheet.append([cell(name or label(key, language)), cell(DASH, align=Alignment(horizontal="right")),
                          cell(unit), cell(_num(r.numerator), part_fmt), cell(_num(r.denominator), part_fmt),
                          cell(_ratio_reason(language, key, metrics), align=WRAP)])
        else:
            sheet.append([cell(name or label(key, language)), cell(value, fmt), cell(unit),
                          cell(_num(r.numerator), part_fmt), cell(_num(r.denominator), part_fmt)])

    def figure(name: str, value: Any, unit: str, fmt: str = FMT_1, note: str | None = None) -> None:
        if value is None:
            sheet.append([cell(name), cell(DASH, align=Alignment(horizontal="right")), cell(unit), None, None,
                          cell(note, align=WRAP) if note else None])
        else:
            sheet.append([cell(name), cell(value, fmt), cell(unit), None, None,
                          cell(note, align=WRAP) if note else None])

    figure(label("total_assets", language), metrics.total_assets, L("unit.assets"), FMT_INT)
    figure(label("arising_count", language), metrics.arising_count, L("unit.assets"), FMT_INT)
    figure(label("collected_count", language), metrics.collected_count, L("unit.assets"), FMT_INT)
    figure(label("processed_count", language), metrics.processed_count, L("unit.assets"), FMT_INT)
    ratio("collection_rate_mass", metrics.collection_rate_mass, L("unit.pct_mass"))
    ratio("collection_rate_count", metrics.collection_rate_count, L("unit.pct_count"), part_fmt=FMT_INT)
    ratio("recovery_rate", metrics.recovery_rate, L("unit.pct_mass"))
    ratio("reuse_share", metrics.reuse_share, L("unit.pct_mass"))
    figure(label("ewaste_diverted_kg", language), metrics.ewaste_diverted_kg, L("unit.kg"))
    ratio("ewaste_diverted_share", metrics.ewaste_diverted_share, L("unit.pct_mass"))
    for bound in ("low", "default", "high"):
        figure(L("kpi.co2e", name=label("co2e_avoided", language), bound=label(bound, language)),
               metrics.co2e_avoided.get(bound, 0.0), L("unit.kgco2e"))
    figure(label("use_phase_kwh", language), metrics.use_phase_kwh, L("unit.kwh"), FMT_INT)
    figure(label("use_phase_kgco2e", language), metrics.use_phase_kgco2e, L("unit.kgco2e"))
    figure(label("life_achieved", language), metrics.life_achieved, L("unit.of_target"), FMT_PCT,
           None if metrics.life_achieved is not None else _ratio_reason(language, "life_achieved", metrics))
    for bound in ("low", "high"):
        figure(L("kpi.materials", name=label("materials_saved_kg", language), bound=label(bound, language)),
               metrics.materials_saved_kg.get(bound, 0.0), L("unit.kg"))
    ratio("recycled_content", metrics.recycled_content, L("unit.pct_mass"))
    ratio("recycled_content_coverage", metrics.recycled_content_coverage, L("unit.pct_mass"),
          name=L("kpi.recycled_coverage"))
    ratio("recoverability", metrics.recoverability, L("unit.pct_mass"))
    ratio("sanitization_compliance", metrics.sanitization_compliance, L("unit.pct_count"), part_fmt=FMT_INT)
    ratio("discovery_coverage", metrics.discovery_coverage, L("unit.pct_count"), part_fmt=FMT_INT)
    for money in metrics.value:
        figure(f"{label('value_recovered', language)} ({money.currency})", money.net, money.currency, FMT_MONEY)
    idx = metrics.index
    if idx is not None:
        figure(L("kpi.index"), idx.p, L("unit.p"), FMT_INDEX)
        sheet.append([cell(L("kpi.grade")), cell(idx.grade, FMT_INT), cell(L("unit.grade")), None, None,
                      cell(idx.label(language))])
    else:
        figure(L("kpi.index"), None, L("unit.p"), note=_ratio_reason(language, "index", metrics))
    kpi_end = sheet.row

    # Value recovered per currency.
    sheet.blank()
    sheet.append([cell(L("section.value"), font=SECTION)])
    sheet.header([L("currency"), label("resale", language), label("parts", language),
                  label("avoided_purchases", language), label("costs", language), label("net", language)])
    for money in metrics.value:
        sheet.append([cell(money.currency), cell(money.resale, FMT_MONEY), cell(money.parts, FMT_MONEY),
                      cell(money.avoided_purchases, FMT_MONEY), cell(money.costs, FMT_MONEY),
                      cell(money.net, FMT_MONEY)])
    if not metrics.value:
        sheet.append([cell(DASH)])

    # The charts sit to the right of the key figures; the tables below start after them.
    chart_top = 2
    chart_rows = 16
    while sheet.row < max(kpi_end + 1, chart_top + 3 * chart_rows):
        sheet.blank()

    # Circular pathways, itam's figures and live formulas over the Assets sheet.
    sheet.blank()
    sheet.append([cell(L("section.pathways"), font=SECTION)])
    sheet.append([cell(L("section.pathways.note"), font=MUTED)])
    head = sheet.header([L("pathway"), L("events"), L("assets"), L("mass_kg"), L("recovery_class"), L("note"),
                         L("co2e_bound", bound=label("low", language)), L("co2e_bound", bound=label("default", language)),
                         L("co2e_bound", bound=label("high", language)),
                         L("materials_bound", bound=label("low", language)),
                         L("materials_bound", bound=label("high", language)),
                         L("events_live"), L("mass_live"), L("co2e_live")])
    order = {p: i for i, p in enumerate(PATHWAY_ORDER)}
    rows = sorted(metrics.pathways, key=lambda r: (order.get(r.pathway, len(order)), r.pathway))
    last = max(asset_rows + 1, 2)
    sh = quote_sheetname(assets_title)

    def rng(key: str) -> str:
        col = _COL[key]
        return f"{sh}!${col}$2:${col}${last}"

    first_row = head + 1
    credited_rows: list[int] = []
    for r in rows:
        at = sheet.row + 1
        note = None
        if r.pathway in CREDITED:
            total, lines_total = r.co2e_avoided.get("default", 0.0), line_credits.get(r.pathway, 0.0)
            if abs(total - lines_total) > 0.005 + 1e-9 * abs(total):
                note = L("lines_note", lines=lines_total, total=total)
        if r.pathway in CREDITED:
            credited_rows.append(at)
        sheet.append([
            cell(label(r.pathway, language)), cell(r.events, FMT_INT), cell(r.assets, FMT_INT), cell(r.mass_kg, FMT_1),
            cell(label(r.recovery_class, language) if r.pathway in fleet.FATES else DASH),
            cell(note, font=MUTED) if note else None,
            cell(r.co2e_avoided.get("low", 0.0), FMT_1), cell(r.co2e_avoided.get("default", 0.0), FMT_1),
            cell(r.co2e_avoided.get("high", 0.0), FMT_1),
            cell(r.materials_saved_kg.get("low", 0.0), FMT_1), cell(r.materials_saved_kg.get("high", 0.0), FMT_1),
            sheet.formula(f"=COUNTIF({rng('a.pathway')},$A{at})", FMT_INT),
            sheet.formula(f"=SUMIF({rng('a.pathway')},$A{at},{rng('a.mass')})", FMT_1),
            sheet.formula(f"=SUMIF({rng('a.pathway')},$A{at},{rng('a.co2e')})", FMT_1),
        ])
    last_row = sheet.row
    if rows:
        total = [cell(L("total"), font=BOLD), cell(sum(r.events for r in rows), FMT_INT, BOLD), None,
                 cell(sum(r.mass_kg for r in rows), FMT_1, BOLD), None, None]
        total += [cell(metrics.co2e_avoided.get(b, 0.0), FMT_1, BOLD) for b in ("low", "default", "high")]
        total += [cell(metrics.materials_saved_kg.get(b, 0.0), FMT_1, BOLD) for b in ("low", "high")]
        total += [sheet.formula(f"=SUM({c}{first_row}:{c}{last_row})", fmt, BOLD)
                  for c, fmt in (("L", FMT_INT), ("M", FMT_1), ("N", FMT_1))]
        sheet.append(total)
    else:
        sheet.append([cell(DASH)])

    # Service life by category.
    sheet.blank()
    sheet.append([cell(label("life_achieved", language), font=SECTION)])
    sheet.header([L("category"), L("retired"), L("with_dates"), L("average_years"), L("target_years"), L("ratio")])
    for life in metrics.life_by_category:
        sheet.append([cell(category_name(life.category, language)), cell(life.retired, FMT_INT),
                      cell(life.with_dates, FMT_INT),
                      cell(life.average_years, FMT_1) if life.average_years is not None else cell(DASH),
                      cell(life.target_years, FMT_1),
                      cell(life.ratio, FMT_PCT) if life.ratio is not None else cell(DASH)])
    if not metrics.life_by_category:
        sheet.append([cell(DASH)])

    # Use phase.
    sheet.blank()
    sheet.append([cell(L("section.use"), font=SECTION)])
    sheet.header([L("category"), L("country"), L("asset_years"), L("kwh"), L("grid"), L("kgco2e"), L("note")])
    for u in metrics.use_phase:
        sheet.append([cell(category_name(u.category, language)), cell(u.country), cell(u.asset_years, FMT_1),
                      cell(u.kwh, FMT_INT), cell(u.grid_kgco2_per_kwh, "0.000"), cell(u.kgco2e, FMT_1),
                      cell(localize(u.grid_note, language)) if u.grid_note else None])
    if not metrics.use_phase:
        sheet.append([cell(DASH)])

    # Assets by status (now).
    sheet.blank()
    sheet.append([cell(L("section.status"), font=SECTION)])
    status_head = sheet.header([L("status"), L("assets")])
    for key, n in metrics.by_status.items():
        sheet.append([cell(status_name(key, language)), cell(n, FMT_INT)])
    status_last = sheet.row
    if not metrics.by_status:
        sheet.append([cell(DASH)])

    # Findings and notes.
    sheet.blank()
    sheet.append([cell(L("section.findings"), font=SECTION)])
    sheet.header([L("finding"), L("count"), L("examples")])
    for f in metrics.findings:
        sheet.append([cell(label(f.key, language) if f.key in _known_labels() else localize(f.title, language)),
                      cell(f.count, FMT_INT),
                      cell(", ".join(f.examples)) if f.examples else None])
    sheet.blank()
    sheet.append([cell(L("section.notes"), font=SECTION)])
    for note in metrics.notes:
        sheet.append([cell(localize(note, language))])
    if not metrics.notes:
        sheet.append([cell(DASH)])

    # Charts (native, over the cells above).
    charts: list[tuple[str, Any]] = []
    if credited_rows:
        lo, hi = min(credited_rows), max(credited_rows)
        chart = BarChart()
        chart.type = "bar"
        chart.title = L("chart.co2e")
        chart.y_axis.title = "kgCO2e"
        for col, bound in ((7, "low"), (8, "default"), (9, "high")):
            chart.series.append(Series(Reference(ws, min_col=col, min_row=lo, max_row=hi),
                                       title=label(bound, language)))
        chart.set_categories(Reference(ws, min_col=1, min_row=lo, max_row=hi))
        charts.append(("H2", chart))
    if rows:
        chart = BarChart()
        chart.title = L("chart.events")
        chart.legend = None
        chart.add_data(Reference(ws, min_col=2, min_row=head, max_row=last_row), titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=1, min_row=first_row, max_row=last_row))
        charts.append((f"H{chart_top + chart_rows}", chart))
    if metrics.by_status:
        chart = BarChart()
        chart.type = "bar"
        chart.title = L("chart.status")
        chart.legend = None
        chart.add_data(Reference(ws, min_col=2, min_row=status_head, max_row=status_last), titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=1, min_row=status_head + 1, max_row=status_last))
        charts.append((f"H{chart_top + 2 * chart_rows}", chart))
    for chart in (c for _a, c in charts):
        chart.width = 16
        chart.height = 7.5
    return charts


def _known_labels() -> set[str]:
    from itam.metrics.labels import LABELS

    return set(LABELS["en"])


# ----------------------------------------------------------------------------------------------------------------
# The other sheets


def _write_months(sheet: _Sheet, metrics: FleetMetrics, language: str) -> list[tuple[str, Any]]:
    L = lambda key, **kw: _t(language, key, **kw)
    cell = sheet.cell
    ws = sheet.ws
    ws.freeze_panes = "B2"
    order = {p: i for i, p in enumerate(PATHWAY_ORDER)}
    paths = sorted({m.pathway for m in metrics.retirements_by_month}, key=lambda p: (order.get(p, len(order)), p))
    data = {(m.month, m.pathway): m for m in metrics.retirements_by_month}
    names = [label(p, language) for p in paths]
    sheet.header([L("month"), *(L("col.assets", name=n) for n in names), *(L("col.kg", name=n) for n in names),
                  L("total_assets"), L("total_kg")])
    if not paths:
        sheet.append([cell(L("no_months"), font=MUTED)])
        return []
    months = sorted({m.month for m in metrics.retirements_by_month})
    for month in _month_range(months[0], months[-1]):
        counts = [data[(month, p)].assets if (month, p) in data else 0 for p in paths]
        masses = [data[(month, p)].mass_kg if (month, p) in data else 0.0 for p in paths]
        sheet.append([cell(month), *(cell(n, FMT_INT) for n in counts), *(cell(kg, FMT_1) for kg in masses),
                      cell(sum(counts), FMT_INT, BOLD), cell(sum(masses), FMT_1, BOLD)])
    last = sheet.row
    chart = BarChart()
    chart.grouping = "stacked"
    chart.overlap = 100
    chart.title = L("chart.months")
    chart.add_data(Reference(ws, min_col=2, max_col=1 + len(paths), min_row=1, max_row=last), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=last))
    chart.width = 24
    chart.height = 10
    return [(f"{get_column_letter(2 * len(paths) + 5)}2", chart)]


def _month_range(first: str, last: str) -> list[str]:
    try:
        y, m = int(first[:4]), int(first[5:7])
        ly, lm = int(last[:4]), int(last[5:7])
    except ValueError:
        return sorted({first, last})
    out = []
    while (y, m) <= (ly, lm) and len(out) < 1200:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _write_factors(sheet: _Sheet, metrics: FleetMetrics, language: str) -> None:
    L = lambda key: _t(language, key)
    cell = sheet.cell
    sheet.ws.freeze_panes = "A2"
    sheet.header([L("f.what"), L("f.value"), L("f.unit"), L("f.source"), L("f.year"), L("f.licence"),
                  L("f.quality"), L("f.note"), L("f.range")])
    for f in metrics.factors_used:
        value = f.get("value")
        rng = f.get("range")
        sheet.append([cell(f.get("what")), cell(_num(value), "0.0###") if isinstance(value, (int, float, Decimal))
                      else cell(None if value is None else str(value)),
                      cell(f.get("unit")), cell(f.get("source")), f.get("year"), cell(f.get("licence")),
                      cell(f.get("quality")), cell(f.get("note") or None),
                      cell(f"{rng[0]:g} – {rng[1]:g}") if rng else None])
    if not metrics.factors_used:
        sheet.append([cell(L("f.none"), font=MUTED)])
    else:
        sheet.ws.auto_filter.ref = f"A1:I{sheet.row}"


def _definitions() -> list[tuple[str, str]]:
    """(term, definition) pairs from the module docstring of itam.metrics.fleet."""
    doc = fleet.__doc__ or ""
    out: list[tuple[str, list[str]]] = []
    started = False
    for line in doc.splitlines():
        if not started:
            started = line.rstrip().endswith("Definitions:")
            continue
        if not line.strip():
            continue
        if line.startswith((" ", "\t")):
            if out:
                out[-1][1].append(line.strip())
        else:
            out.append((line.strip(), []))
    return [(term, re.sub(r"``([^`]*)``", r"\1", " ".join(words))) for term, words in out]


def _write_methodology(sheet: _Sheet, metrics: FleetMetrics, language: str) -> None:
    L = lambda key: _t(language, key)
    cell = sheet.cell
    sheet.append([cell(L("m.title"), font=TITLE)])
    sheet.append([cell(L("period"), font=BOLD), cell(metrics.period.label)])
    sheet.append([cell(L("slice"), font=BOLD), cell(L("all_assets") if metrics.slice.is_all else metrics.slice.label)])
    sheet.append([cell(L("factor_set"), font=BOLD), cell(metrics.factor_set)])
    sheet.append([cell(L("factor_sha"), font=BOLD), cell(metrics.factor_set_sha256)])
    sheet.blank()
    sheet.append([cell(L("m.definitions"), font=SECTION)])
    if L("m.language_note"):
        sheet.append([None, cell(L("m.language_note"), font=MUTED)])
    sheet.header([L("m.term"), L("m.definition")])
    for term, text in _definitions():
        sheet.append([cell(term, font=BOLD, align=WRAP), cell(text, align=WRAP)])
    for key in ("m.assets_formula", "m.inventory", "m.injection"):
        sheet.append([cell(L(key), font=BOLD, align=WRAP), cell(L(key + ".text"), align=WRAP)])
    sheet.blank()
    sheet.append([cell(L("m.index_spec"), font=SECTION)])
    idx = metrics.index
    if idx is not None:
        sheet.append([cell(L("i.spec"), font=BOLD), cell(" ".join(x for x in (idx.name, idx.version) if x))])
        if idx.source:
            sheet.append([None, cell(idx.source)])
        for warning in idx.warnings:
            sheet.append([cell(L("i.warnings"), font=BOLD), cell(localize(warning, language), align=WRAP)])
    else:
        sheet.append([cell(L("i.none"))])
    sheet.blank()
    sheet.append([cell(L("m.notes"), font=SECTION)])
    for note in metrics.notes:
        sheet.append([None, cell(localize(note, language), align=WRAP)])
    if not metrics.notes:
        sheet.append([None, cell(DASH)])


def _write_index(sheet: _Sheet, metrics: FleetMetrics, language: str) -> None:
    L = lambda key: _t(language, key)
    cell = sheet.cell
    idx = metrics.index
    assert idx is not None
    sheet.ws.freeze_panes = "C8"  # below the header row (row 7); a write-only sheet needs it before any row
    sheet.append([cell(idx.name, font=TITLE)])
    sheet.append([cell(L("i.p"), font=BOLD), cell(idx.p, FMT_INDEX)])
    sheet.append([cell(L("i.grade"), font=BOLD), cell(idx.grade, FMT_INT), cell(idx.label(language))])
    sheet.append([cell(L("i.coverage"), font=BOLD), cell(idx.coverage, FMT_PCT)])
    p_cov = idx.score_on_coverage
    sheet.append([cell(L("i.p_on_coverage"), font=BOLD), cell(p_cov, FMT_INDEX) if p_cov is not None else cell(DASH)])
    sheet.blank()
    sheet.header([L("i.id"), L("i.name"), L("i.depth"), L("i.weight"), L("i.global_weight"), L("i.direction"),
                  L("i.benchmark"), L("i.actual"), L("i.index"), L("i.score"), L("i.reason"), L("i.note")])

    def num(value: float | None, fmt: str) -> Any:
        return cell(value, fmt) if value is not None else cell(DASH)

    for r in idx.flat():
        font = BOLD if r.is_group else None
        sheet.append([cell(r.id, font=font), cell("  " * (r.depth - 1) + r.display_name(language), font=font),
                      r.depth, num(r.weight if r.weight is not None else r.local_weight, FMT_INDEX),
                      num(r.global_weight, FMT_INDEX), cell(L(f"dir.{r.direction}")) if r.direction else None,
                      num(r.benchmark, FMT_INDEX) if not r.is_group else None,
                      num(r.actual, FMT_INDEX) if not r.is_group else None,
                      num(r.index, FMT_INDEX), num(r.score, FMT_INDEX),
                      cell(localize(r.reason, language)) if r.reason else None,
                      cell(r.note) if r.note else None])
    sheet.append([None, cell(L("i.p"), font=BOLD), None, None, None, None, None, None, None,
                  cell(idx.p, FMT_INDEX, BOLD), cell(idx.label(language), font=BOLD)])
    for warning in idx.warnings:
        sheet.append([cell(L("i.warnings"), font=BOLD), cell(localize(warning, language))])


# ----------------------------------------------------------------------------------------------------------------


def write_csr_workbook(
    metrics: FleetMetrics,
    lines: Iterable[AssetLine],
    path: str | os.PathLike[str],
    *,
    language: str = "en",
    organisation_name: str | None = None,
    progress: Callable[[int], None] | None = None,
    is_cancelled: Callable[[], bool] | None = None,
) -> WorkbookResult:
    """Write the CSR workbook of ``metrics`` with one Assets row per line of ``lines`` (streamed) to ``path``.

    ``progress(rows_written)`` is called every 1,000 asset rows and at the end; ``is_cancelled()`` is checked as
    often: when it turns true, :class:`Cancelled` is raised and no file is left (nor on any other error).
    """
    language = normalise_language(language)
    path = Path(path)
    if is_cancelled is not None and is_cancelled():
        raise Cancelled()
    directory = path.parent if str(path.parent) else Path(".")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    os.close(fd)
    tmp = Path(tmp_name)
    wb = Workbook(write_only=True)
    try:
        titles = {key: _t(language, f"sheet.{key}") for key in SHEETS}
        summary = _Sheet(wb, titles["summary"], {"A": 48, "B": 16, "C": 16, "D": 15, "E": 15, "F": 44, "G": 15,
                                                 "H": 15, "I": 15, "J": 15, "K": 15, "L": 15, "M": 15, "N": 17})
        months = _Sheet(wb, titles["months"], {"A": 10, **{get_column_letter(i): 14 for i in range(2, 40)}})
        assets = _Sheet(wb, titles["assets"], {_COL[k]: w for k, w, _f in ASSET_COLUMNS})
        factors = _Sheet(wb, titles["factors"], {"A": 42, "B": 12, "C": 20, "D": 60, "E": 7, "F": 14, "G": 16,
                                                 "H": 40, "I": 16})
        method = _Sheet(wb, titles["methodology"], {"A": 34, "B": 120})
        index = (_Sheet(wb, titles["index"], {"A": 24, "B": 44, "C": 7, "D": 12, "E": 12, "F": 10, "G": 11,
                                              "H": 11, "I": 11, "J": 11, "K": 24, "L": 80})
                 if metrics.index is not None else None)

        # The Assets sheet first: the Summary's formulas need its last row; the sheets keep their order.
        rows, line_credits = _write_assets(assets, lines, language, progress, is_cancelled)
        for anchor, chart in _write_summary(summary, metrics, language, organisation_name, assets.title, rows,
                                            line_credits):
            summary.ws.add_chart(chart, anchor)
        for anchor, chart in _write_months(months, metrics, language):
            months.ws.add_chart(chart, anchor)
        _write_factors(factors, metrics, language)
        _write_methodology(method, metrics, language)
        if index is not None:
            _write_index(index, metrics, language)
        if is_cancelled is not None and is_cancelled():
            raise Cancelled()
        with open(tmp, "wb") as fh:
            wb.save(fh)
        os.replace(tmp, path)
        return WorkbookResult(path=path, asset_rows=rows, sheets=tuple(ws.title for ws in wb.worksheets))
    except BaseException:
        _discard(wb)
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def _discard(wb: Workbook) -> None:
    """Close and delete the temporary files openpyxl streams write-only sheets into."""
    for ws in wb.worksheets:
        writer = getattr(ws, "_writer", None)
        if writer is None:
            continue
        with contextlib.suppress(Exception):
            rows = getattr(ws, "_rows", None)
            if rows is not None:
                rows.close()
        with contextlib.suppress(Exception):
            writer.close()
        with contextlib.suppress(Exception):
            writer.cleanup()
