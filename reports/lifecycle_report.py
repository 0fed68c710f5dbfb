"""The fleet lifecycle report: a PDF a CSR or IT manager hands to management (issue 5 item 4).

``render_lifecycle_report(metrics, path, language=, organisation=)`` lays out one
:class:`itam.metrics.results.FleetMetrics` on A4:

  * a header: the organisation (name, details, logo), title, period, slice, when the figures were computed and
    the factor set (name, version, SHA-256 prefix) they used;
  * key figures as tiles. A figure that cannot be computed (its denominator is zero) prints "—" and a
    numbered note with the reason (from ``metrics.notes`` where one applies). Avoided emissions are always
    labelled as reported apart from the inventory, never netted off the use-phase emissions;
  * charts (reportlab.graphics, :mod:`reports.charts`): the register by stage, status, category and age, the
    retirements and outcomes by lever over time, CO2e avoided per pathway (low / default / high) and the fate
    of the processed mass; a chart without data says so;
  * the composite circularity index (P, grade, every indicator's weight, benchmark, actual, index and score)
    and the top findings;
  * a methodology appendix: the definitions of every figure (from :mod:`itam.metrics.fleet`), the notes
    (fallbacks used) and every factor the figures used with its value, unit, source, year, licence and quality.

Every page has "page X of Y" in its footer. The file is written atomically: the PDF is built in memory, written
to a temporary file in the target folder and renamed over the target; on any error nothing is left behind.

The module also holds what :mod:`reports.asset_report` shares with it: :class:`ReportContext` (fonts, styles,
tables in the report's language), :func:`build_pdf` (which writes through :func:`reports.files.write_atomic`).
"""

from __future__ import annotations

import io
import math
import os
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from itam.messages import localize
from itam.metrics import fleet as fleet_module
from itam.metrics.index import normalise_language
from itam.metrics.labels import category_name, stage_name, status_name
from itam.metrics.labels import label as metric_label
from itam.metrics.results import FleetMetrics, Ratio
from reports.certificates import (
    ACCENT,
    DASH,
    INK,
    LABEL_BG,
    MUTED,
    RULE,
    DataTable,
    Organisation,
    _logo,
    _Measure,
    _Rule,
)
from reports.charts import BOUND_COLOURS, PATHWAY_COLOURS, Charts, colour
from reports.files import write_atomic
from reports.fonts import FontSet, fonts
from reports.i18n import label as cert_label

PAGE = A4
MARGIN_X = 16 * mm
MARGIN_TOP = 17 * mm
MARGIN_BOTTOM = 18 * mm
CONTENT_WIDTH = PAGE[0] - 2 * MARGIN_X
TILE_BG = colors.HexColor("#F2F5F8")
AVOIDED_BG = colors.HexColor("#E9F5EC")
AVOIDED_LINE = colors.HexColor("#2E8B57")
INVENTORY_BG = colors.HexColor("#FDF3E6")

# ------------------------------------------------------------------------------------------------ formatting


def _finite(value: Any) -> bool:
    return value is not None and not isinstance(value, bool) and isinstance(value, (int, float, Decimal)) and \
        math.isfinite(float(value))


def fmt_int(value: Any) -> str:
    """A count: "1,234"; None → "—"."""
    return f"{int(value):,}" if _finite(value) else DASH


def fmt_num(value: Any, digits: int = 1) -> str:
    """A quantity with ``digits`` decimals and thousands separators: "1,244.6"; None or NaN → "—"."""
    if not _finite(value):
        return DASH
    text = f"{float(value):,.{digits}f}"
    return "0" + text[2:] if text.startswith("-0") and float(text.replace(",", "")) == 0 else text


def fmt_pct(value: Any) -> str:
    """A share (0..1) as a percentage with one decimal: "83.1%"; None → "—"."""
    return f"{float(value) * 100:.1f}%" if _finite(value) else DASH


def fmt_ratio(ratio: Ratio | None) -> str:
    return fmt_pct(ratio.value if ratio is not None else None)


def fmt_kg(value: Any) -> str:
    return f"{fmt_num(value)} kg" if _finite(value) else DASH


def fmt_co2(value: Any) -> str:
    return f"{fmt_num(value)} kgCO2e" if _finite(value) else DASH


def fmt_money(value: Any, currency: str | None = None) -> str:
    if not _finite(value):
        return DASH
    text = f"{Decimal(str(value)):,.2f}"
    return f"{currency} {text}" if currency else text


def fmt_decimal(value: Any, digits: int = 3) -> str:
    """A factor or index value: up to ``digits`` decimals, trailing zeros dropped ("0.473", "1.2", "181")."""
    if not _finite(value):
        return DASH
    text = f"{float(value):,.{digits}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def fmt_datetime(value: Any) -> str:
    """A naive-UTC datetime as "2026-11-23 21:30 UTC"; a date as ISO; None → "—"."""
    if value is None:
        return DASH
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            return value.strftime("%Y-%m-%d %H:%M %Z").strip()
        return value.strftime("%Y-%m-%d %H:%M UTC")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


# ------------------------------------------------------------------------------------------- shared scaffolding

_ROLES = {
    "body": {"fontSize": 8.8, "leading": 11.8, "textColor": INK},
    "small": {"fontSize": 7.2, "leading": 9.2, "textColor": MUTED},
    "note": {"fontSize": 7.4, "leading": 9.6, "textColor": INK},
    "label": {"fontSize": 7.4, "leading": 9.2, "textColor": MUTED},
    "value": {"fontSize": 8.8, "leading": 11, "textColor": INK},
    "h1": {"fontSize": 13, "leading": 16, "textColor": ACCENT, "spaceBefore": 4, "spaceAfter": 1, "keepWithNext": 1},
    "h2": {"fontSize": 11, "leading": 14, "textColor": ACCENT, "spaceBefore": 8, "spaceAfter": 0, "keepWithNext": 1},
    "h3": {"fontSize": 8.8, "leading": 11.2, "textColor": colors.HexColor("#163A5C"), "spaceBefore": 3, "spaceAfter": 2, "keepWithNext": 1},
    "title": {"fontSize": 20, "leading": 25, "textColor": INK, "alignment": TA_LEFT, "spaceBefore": 5},
    "subtitle": {"fontSize": 9, "leading": 12, "textColor": MUTED, "spaceAfter": 5},
    "org": {"fontSize": 12.5, "leading": 15.5, "textColor": INK},
    "orgline": {"fontSize": 7.8, "leading": 10, "textColor": MUTED},
    "tile_label": {"fontSize": 7, "leading": 8.6, "textColor": MUTED},
    "tile_value": {"fontSize": 14, "leading": 17, "textColor": INK},
    "tile_value_small": {"fontSize": 10, "leading": 12.5, "textColor": INK},
    "tile_sub": {"fontSize": 6.6, "leading": 8.2, "textColor": MUTED},
    "big": {"fontSize": 26, "leading": 30, "textColor": ACCENT, "alignment": TA_CENTER},
    "center": {"fontSize": 8.8, "leading": 11.5, "textColor": INK, "alignment": TA_CENTER},
    "banner": {"fontSize": 8, "leading": 10.4, "textColor": colors.HexColor("#1E4D2B")},
}
_BOLD_ROLES = {"h1", "h2", "h3", "title", "org", "tile_value", "tile_value_small", "big"}


class ReportContext:
    """Language, fonts, paragraph styles and table builders shared by the report sections."""

    def __init__(self, language: str, texts: dict[str, dict[str, str]], fontset: FontSet | None = None):
        self.lang = normalise_language(language)
        self.texts = texts
        self.fonts = fontset or fonts()
        self.measure = _Measure(self.fonts)
        self._styles: dict[tuple[str, str], ParagraphStyle] = {}

    @property
    def zh(self) -> bool:
        return self.lang == "zh_CN"

    def T(self, key: str, **values: Any) -> str:
        """The fixed text ``key`` in the report's language (English when the language lacks it)."""
        text = self.texts.get(self.lang, {}).get(key)
        if text is None:
            text = self.texts["en"][key]
        return text.format(**values) if values else text

    def style(self, role: str, font: str) -> ParagraphStyle:
        key = (role, font)
        style = self._styles.get(key)
        if style is None:
            extra = {"wordWrap": "CJK"} if font in (self.fonts.cjk, self.fonts.cjk_bold) else {}
            # CJK wrapping breaks between any two Chinese characters; the default only breaks at spaces
            style = ParagraphStyle(f"{role}-{font}", fontName=font, **_ROLES[role], **extra)
            self._styles[key] = style
        return style

    def p(self, text: Any, role: str = "body", bold: bool | None = None) -> Paragraph:
        """A paragraph of plain text (escaped; newlines kept) in the font its characters need."""
        text = DASH if text is None or text == "" else str(text)
        bold = role in _BOLD_ROLES if bold is None else bold
        font = self.fonts.for_text(text, bold)
        return Paragraph(escape(text).replace("\n", "<br/>"), self.style(role, font))

    def heading(self, text: str, role: str = "h2") -> list[Flowable]:
        return [CondPageBreak(45 * mm), self.p(text, role), _Rule(CONTENT_WIDTH, 0.5, ACCENT, 1.5), Spacer(1, 1.5 * mm)]

    def table(self, header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float], *,
              size: float = 7.4, right_align: Sequence[int] = (), total_row: bool = False) -> DataTable:
        """A long table with a repeated header; ``widths`` are relative and fill the content width."""
        scale = CONTENT_WIDTH / sum(widths)
        return DataTable(list(header), [list(r) for r in rows], [w * scale for w in widths], self.measure,
                         size=size, right_align=right_align, total_row=total_row)

    def kv(self, pairs: Sequence[tuple[str, Any]], columns: int = 2, label_mm: float = 30) -> Table:
        """Label / value pairs, ``columns`` pairs per row."""
        label_w = label_mm * mm
        value_w = CONTENT_WIDTH / columns - label_w
        rows: list[list[Any]] = []
        style = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("GRID", (0, 0), (-1, -1), 0.25, RULE),
            ("BOX", (0, 0), (-1, -1), 0.6, RULE),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ]
        pairs = list(pairs)
        for start in range(0, len(pairs), columns):
            row: list[Any] = []
            for label, value in pairs[start:start + columns]:
                row += [self.p(label, "label"), self.p(value if isinstance(value, str) else _plain(value), "value")]
            while len(row) < 2 * columns:
                row += ["", ""]
            rows.append(row)
        for c in range(0, 2 * columns, 2):
            style.append(("BACKGROUND", (c, 0), (c, -1), LABEL_BG))
        return Table(rows, colWidths=[label_w, value_w] * columns, style=TableStyle(style), hAlign="LEFT")

    def bullets(self, items: Sequence[str], role: str = "note") -> list[Flowable]:
        out: list[Flowable] = []
        for i, text in enumerate(items, 1):
            out.append(Table([[self.p(f"{i}.", role), self.p(text, role)]], colWidths=[7 * mm, CONTENT_WIDTH - 7 * mm],
                             style=TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                               ("TOPPADDING", (0, 0), (-1, -1), 0.5),
                                               ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5)])))
        return out

    def org_header(self, org: Organisation | None) -> list[Flowable]:
        """The organisation's name, details and logo across the top of the first page."""
        if org is None or not (org.name or org.logo):
            return []
        cells: list[Flowable] = [self.p(org.name or DASH, "org")]
        if org.address:
            cells.append(self.p(org.address, "orgline"))
        line = " · ".join(v for v in (org.phone, org.email, org.website) if v)
        if line:
            cells.append(self.p(line, "orgline"))
        if org.registration_no:
            cells.append(self.p(f"{cert_label(self.lang, 'org.registration_no')} {org.registration_no}", "orgline"))
        logo = _logo(org.logo, 42 * mm, 18 * mm)
        logo_w = 46 * mm if logo else 0.1 * mm
        return [Table([[logo or "", cells]], colWidths=[logo_w, CONTENT_WIDTH - logo_w],
                      style=TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                        ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0),
                                        ("BOTTOMPADDING", (0, 0), (-1, -1), 3)])),
                Spacer(1, 2 * mm)]


def _plain(value: Any) -> str:
    if value is None or value == "":
        return DASH
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (datetime, date)):
        return fmt_datetime(value)
    if isinstance(value, Decimal):
        return fmt_money(value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return fmt_decimal(value)
    return str(value)


def _numbered_canvas(ctx: ReportContext, running_left: str, running_right: str, footer_left: str):
    """A canvas that holds each page until the end so that every footer can say "page X of Y"."""
    fontset = ctx.fonts

    class NumberedCanvas(rl_canvas.Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._saved: list[dict] = []
            self.setCatalogEntry("Lang", "zh-CN" if ctx.zh else "en")

        def showPage(self):  # reportlab's name
            self._saved.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._saved)
            for number, state in enumerate(self._saved, 1):
                self.__dict__.update(state)
                self._decorate(number, total)
                rl_canvas.Canvas.showPage(self)
            rl_canvas.Canvas.save(self)

        def _text(self, x, y, text, size, *, bold=False, align="left", color=MUTED):
            self.setFont(fontset.for_text(text, bold), size)
            self.setFillColor(color)
            (self.drawRightString if align == "right" else self.drawString)(x, y, text)

        def _decorate(self, number: int, total: int):
            left, right = MARGIN_X, PAGE[0] - MARGIN_X
            y = MARGIN_BOTTOM - 8 * mm
            self.saveState()
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(left, y + 9, right, y + 9)
            self._text(left, y, footer_left, 7.2)
            self._text(right, y, cert_label(ctx.lang, "footer.page", page=number, pages=total), 7.4, color=INK,
                       align="right")
            if number > 1:
                top = PAGE[1] - MARGIN_TOP + 5.5 * mm
                self._text(left, top, running_left, 7.4, bold=True, color=INK)
                self._text(right, top, running_right, 7.4, align="right")
                self.line(left, top - 3.5, right, top - 3.5)
            self.restoreState()

    return NumberedCanvas


def build_pdf(story: list[Flowable], path: str | os.PathLike, ctx: ReportContext, *, title: str, author: str,
              subject: str, keywords: str, running_left: str, running_right: str, footer_left: str) -> Path:
    """Lay out ``story`` on A4 with numbered pages and write it atomically to ``path``."""
    buf = io.BytesIO()
    doc = BaseDocTemplate(
        buf, pagesize=PAGE, leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM, title=title, author=author, subject=subject, keywords=keywords, creator="itam",
        lang="zh-CN" if ctx.zh else "en",
    )
    frame = Frame(MARGIN_X, MARGIN_BOTTOM, CONTENT_WIDTH, PAGE[1] - MARGIN_TOP - MARGIN_BOTTOM, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate("page", [frame])])
    doc.build(story, canvasmaker=_numbered_canvas(ctx, running_left, running_right, footer_left))
    return write_atomic(path, buf.getvalue())


# ------------------------------------------------------------------------------------------------- fixed text

TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Fleet lifecycle report",
        "subtitle": "IT-asset circularity: the register, retirements, recovery and avoided emissions",
        "period": "Period",
        "period.value": "{label} ({days} days)",
        "slice": "Assets covered",
        "slice.all": "all assets",
        "slice.department": "department",
        "slice.location": "location",
        "slice.category": "category",
        "generated": "Figures computed",
        "factor_set": "Factor set",
        "factor_set.value": "{name}, version {version} (SHA-256 {sha})",
        "section.summary": "1. Key figures",
        "section.fleet": "2. The register today",
        "section.period": "3. Retirements and recovery in the period",
        "section.index": "4. Composite circularity index",
        "section.findings": "5. Top findings",
        "appendix.method": "Appendix A. Methodology",
        "appendix.notes": "Appendix B. Notes and fallbacks used",
        "appendix.factors": "Appendix C. Factors used ({n})",
        # tiles
        "sub.active": "{n} in use, in stock or in repair",
        "sub.arising": "{kg} arising",
        "sub.of_kg": "{n} of {d} kg collected",
        "sub.of_assets": "{n} of {d} assets collected",
        "sub.processed": "of {kg} processed ({n} assets)",
        "sub.reuse": "{kg} reused, refurbished or harvested",
        "sub.diverted": "reuse, harvest or certified recycling",
        "sub.diverted_share": "{kg} of {total} processed",
        "sub.co2": "low {low} · high {high}",
        "sub.co2_apart": "Avoided emissions: reported apart from the inventory, never netted",
        "sub.kwh": "active fleet, in the period",
        "sub.inventory": "part of the inventory (Scope 2)",
        "sub.life": "{actual} years on average against {target} target ({n} assets)",
        "sub.materials": "low estimate; high {high}",
        "sub.value": "resale + parts + avoided purchases − costs",
        "sub.sanitization": "{n} of {d} data-bearing assets that left custody",
        "sub.discovery": "{n} of {d} active assets seen by the last scan",
        "sub.note": "see note {n}",
        "unit.kgco2e": "kgCO2e",
        "unit.kwh": "kWh",
        "notes.title": "Figures that could not be computed",
        "avoided.banner": (
            "Avoided emissions estimate what new devices would have emitted had reuse not displaced them. They are "
            "reported apart from the organisation's greenhouse-gas inventory (Scope 1–3) and are never netted off it: "
            "the use-phase emissions shown here belong to the inventory, the avoided emissions do not."
        ),
        # reasons for a figure that could not be computed
        "reason.collection": "No asset was retired, lost or went missing in the period: R_col has no denominator.",
        "reason.recovery": "No retired asset reached a fate (reuse, refurbishment, harvest, recycling or destruction) "
                           "in the period: there is no processed mass.",
        "reason.life": "No asset with a purchase date was retired in the period.",
        "reason.sanitization": "No data-bearing asset left the organisation's custody in the period.",
        "reason.discovery": "No discovery scan before the period's end, or no active asset has been seen by discovery.",
        "reason.value": "No money received, cost, or internal reuse of an asset with a purchase cost was recorded "
                        "in the period.",
        "reason.index": "No indicator of the composite index could be computed for the period.",
        # charts
        "no_data": "No data for the period",
        "chart.by_stage": "Assets by value-chain stage",
        "chart.by_status": "Assets by status",
        "chart.age": "Age of the active fleet (whole years since purchase)",
        "chart.by_category": "Assets by category",
        "chart.months": "Retirements and outcomes by lever over time (assets per {bucket})",
        "bucket.month": "month",
        "bucket.quarter": "quarter",
        "bucket.year": "year",
        "chart.co2": "CO2e avoided per pathway, kgCO2e (low / default / high)",
        "chart.recovery": "Fate of the processed mass (kg)",
        "age.unknown": "unknown",
        "caption.months": "Bars: what happened to assets (levers, losses); line: assets retired. An asset can appear "
                          "once when it retires and again when it reaches its fate.",
        "caption.co2": "Avoided emissions: reported apart from the inventory, never netted off it.",
        "caption.recovery": "E-waste diverted: {diverted} of {total} processed ({share}). Not recovered: {none}.",
        "caption.uncertified": " Recycling by a processor without a current certification counts as recovered "
                               "but not as diverted.",
        "caption.age": "Assets in use, in stock or in repair, by age at the end of the period.",
        # tables
        "table.pathways": "Pathways in the period",
        "col.pathway": "Pathway",
        "col.events": "Events",
        "col.assets": "Assets",
        "col.mass": "Mass (kg)",
        "col.co2_default": "CO2e avoided (kg, default)",
        "col.co2_range": "Low – high (kg)",
        "col.materials": "Materials saved (kg)",
        "col.class": "Recovery class",
        "class.u": "reuse (m_u)",
        "class.m": "refurbish, harvest (m_m)",
        "class.r": "recycling (m_r)",
        "class.rov": "energy (m_rov)",
        "table.life": "Service life of the assets retired in the period",
        "col.category": "Category",
        "col.retired": "Retired",
        "col.with_dates": "With purchase date",
        "col.average": "Average life (years)",
        "col.target": "Target (years)",
        "col.ratio": "Achieved / target",
        "table.use": "Use phase of the active fleet (inventory, Scope 2)",
        "col.country": "Grid",
        "col.asset_years": "Asset-years",
        "col.kwh": "kWh",
        "col.grid": "kgCO2 / kWh",
        "col.kgco2e": "kgCO2e",
        "total": "Total",
        "table.value": "Value recovered, per currency (never converted)",
        "col.currency": "Currency",
        "none_in_period": "Nothing in the period.",
        # index
        "index.p": "P (score)",
        "index.grade": "Grade",
        "index.grade_value": "{grade} of 5 ({label})",
        "index.coverage": "Weights computed",
        "index.coverage_value": "{coverage} of the weight; P / coverage = {on}",
        "index.spec": "Indicator set",
        "index.none": "The composite index was not computed.",
        "index.formula": "I = actual / benchmark where higher is better, benchmark / actual where lower is better "
                         "(not capped at 1); score = global weight × I; P = the sum of the scores of the indicators "
                         "that could be computed.",
        "index.warnings": "Warnings",
        "col.indicator": "Indicator",
        "col.weight": "Weight",
        "col.benchmark": "Benchmark",
        "col.actual": "Actual",
        "col.index": "Index I",
        "col.score": "Score",
        "col.remark": "Remark",
        "direction.higher": "higher is better",
        "direction.lower": "lower is better",
        # findings
        "col.finding": "Finding",
        "col.count": "Count",
        "col.examples": "Examples (up to 20)",
        "findings.none": "No findings.",
        # appendix
        "method.intro": (
            "The figures come from the asset register and from the dated lifecycle events: every lifecycle move "
            "with a metrics pathway (retire, sell, recycle …, see resources/lifecycle.toml) records one event with "
            "when it happened, the mass handled, money received and paid, and parts fitted or recovered. Ratios "
            "follow GB/T 43145-2023 Annex A. A ratio whose denominator is zero is not computed and prints “—”."
        ),
        "method.index": (
            "Composite evaluation index: a hierarchy of indicators, each with a weight (the top-level weights are "
            "derived by AHP from a pairwise comparison matrix; a consistency ratio of 0.10 or more is refused), a "
            "benchmark and a direction. Evaluation index I = actual / benchmark where higher is better, "
            "benchmark / actual where lower is better (not capped at 1, as published); score = weight × I; "
            "P = the sum of the scores. Grades: 1 very high (P ≥ 0.9), 2 high (0.8 ≤ P < 0.9), "
            "3 medium (0.7 ≤ P < 0.8), 4 low (0.6 ≤ P < 0.7), 5 very low (P < 0.6)."
        ),
        "method.index_heading": "Composite index",
        "notes.none": "No fallback was needed.",
        "col.what": "Factor",
        "col.value": "Value",
        "col.unit": "Unit",
        "col.source": "Source",
        "col.year": "Year",
        "col.licence": "Licence",
        "col.quality": "Quality",
        "factors.none": "No factor was used.",
        "quality.measured": "measured / published",
        "quality.category_default": "category default",
        "quality.estimate": "estimate",
        "quality.model": "model specific",
        "quality.user": "user value",
    },
    "zh_CN": {
        "title": "IT 资产生命周期报告",
        "subtitle": "IT 资产循环：资产登记、退役、回收利用与避免排放",
        "period": "报告期",
        "period.value": "{label}（{days} 天）",
        "slice": "统计范围",
        "slice.all": "全部资产",
        "slice.department": "部门",
        "slice.location": "位置",
        "slice.category": "类别",
        "generated": "计算时间",
        "factor_set": "因子集",
        "factor_set.value": "{name}，版本 {version}（SHA-256 {sha}）",
        "section.summary": "一、关键指标",
        "section.fleet": "二、当前资产状况",
        "section.period": "三、本期退役与回收利用",
        "section.index": "四、循环综合评价指数",
        "section.findings": "五、主要发现",
        "appendix.method": "附录 A  方法说明",
        "appendix.notes": "附录 B  说明与所用替代值",
        "appendix.factors": "附录 C  所用因子（{n} 项）",
        "sub.active": "在用、库存或维修中 {n} 台",
        "sub.arising": "产生量 {kg}",
        "sub.of_kg": "已回收 {n} / {d} kg",
        "sub.of_assets": "已回收 {n} / {d} 台",
        "sub.processed": "已处理 {kg}（{n} 台）",
        "sub.reuse": "再使用、翻新或拆解回收 {kg}",
        "sub.diverted": "再使用、拆解回收或持证回收利用",
        "sub.diverted_share": "已处理 {total} 中的 {kg}",
        "sub.co2": "低 {low} · 高 {high}",
        "sub.co2_apart": "避免排放：与排放清单分开报告，不作抵扣",
        "sub.kwh": "本期在用设备",
        "sub.inventory": "计入排放清单（范围 2）",
        "sub.life": "平均 {actual} 年，目标 {target} 年（{n} 台）",
        "sub.materials": "低值估算；高值 {high}",
        "sub.value": "转售 + 部件 + 避免的采购 − 成本",
        "sub.sanitization": "离开监管的含数据资产 {n} / {d} 台",
        "sub.discovery": "最近一次扫描发现的在用资产 {n} / {d} 台",
        "sub.note": "见注 {n}",
        "unit.kgco2e": "kgCO2e",
        "unit.kwh": "千瓦时",
        "notes.title": "无法计算的指标",
        "avoided.banner": (
            "避免排放是对再使用所替代的新设备本会产生的排放的估算。它与组织的温室气体排放清单（范围 1–3）分开报告，"
            "从不从清单中抵扣：本报告中的使用阶段排放属于排放清单，避免排放不属于。"
        ),
        "reason.collection": "本期没有资产退役、丢失或未被发现：R_col 没有分母。",
        "reason.recovery": "本期没有退役资产完成去向（再使用、翻新、拆解回收、回收利用或销毁）：没有已处理质量。",
        "reason.life": "本期没有带购买日期的资产退役。",
        "reason.sanitization": "本期没有含数据资产离开组织的监管。",
        "reason.discovery": "报告期结束前没有发现扫描，或没有在用资产曾被发现扫描到。",
        "reason.value": "本期没有记录收入、成本或带购买成本资产的内部再利用。",
        "reason.index": "本期综合指数的各项指标均无法计算。",
        "no_data": "本期无数据",
        "chart.by_stage": "按价值链阶段的资产数量",
        "chart.by_status": "按状态的资产数量",
        "chart.age": "在用资产的年龄（购买后整年数）",
        "chart.by_category": "按类别的资产数量",
        "chart.months": "各循环杠杆的退役与去向（每{bucket}资产数量）",
        "bucket.month": "月",
        "bucket.quarter": "季度",
        "bucket.year": "年",
        "chart.co2": "各途径避免的 CO2e（kgCO2e，低 / 默认 / 高）",
        "chart.recovery": "已处理质量的去向（千克）",
        "age.unknown": "未知",
        "caption.months": "柱：资产的去向（循环杠杆、丢失）；折线：退役资产数量。同一资产可能在退役时和完成去向时各出现一次。",
        "caption.co2": "避免排放：与排放清单分开报告，从不抵扣。",
        "caption.recovery": "避免填埋的电子废物：已处理 {total} 中的 {diverted}（{share}）。未回收：{none}。",
        "caption.uncertified": "由无有效认证的处理商进行的回收利用计入回收利用，但不计入避免填埋。",
        "caption.age": "在用、库存或维修中的资产，按报告期末的年龄统计。",
        "table.pathways": "本期各途径",
        "col.pathway": "途径",
        "col.events": "事件数",
        "col.assets": "资产数",
        "col.mass": "质量（千克）",
        "col.co2_default": "避免的 CO2e（千克，默认）",
        "col.co2_range": "低 – 高（千克）",
        "col.materials": "节约的材料（千克）",
        "col.class": "回收类别",
        "class.u": "再使用 (m_u)",
        "class.m": "翻新、拆解 (m_m)",
        "class.r": "再生利用 (m_r)",
        "class.rov": "能量回收 (m_rov)",
        "table.life": "本期退役资产的使用寿命",
        "col.category": "类别",
        "col.retired": "退役数",
        "col.with_dates": "有购买日期",
        "col.average": "平均寿命（年）",
        "col.target": "目标（年）",
        "col.ratio": "实际 / 目标",
        "table.use": "在用设备的使用阶段（排放清单，范围 2）",
        "col.country": "电网",
        "col.asset_years": "资产·年",
        "col.kwh": "千瓦时",
        "col.grid": "kgCO2 / 千瓦时",
        "col.kgco2e": "kgCO2e",
        "total": "合计",
        "table.value": "回收价值（按币种，不作换算）",
        "col.currency": "币种",
        "none_in_period": "本期无记录。",
        "index.p": "P（得分）",
        "index.grade": "等级",
        "index.grade_value": "{grade} 级（{label}），共 5 级",
        "index.coverage": "已计算权重",
        "index.coverage_value": "占权重的 {coverage}；P / 覆盖率 = {on}",
        "index.spec": "指标集",
        "index.none": "未计算综合指数。",
        "index.formula": "I = 实际值 / 基准值（越高越好），或 基准值 / 实际值（越低越好），不设上限 1；"
                         "得分 = 全局权重 × I；P = 可计算指标的得分之和。",
        "index.warnings": "警告",
        "col.indicator": "指标",
        "col.weight": "权重",
        "col.benchmark": "基准值",
        "col.actual": "实际值",
        "col.index": "评价指数 I",
        "col.score": "得分",
        "col.remark": "备注",
        "direction.higher": "越高越好",
        "direction.lower": "越低越好",
        "col.finding": "发现",
        "col.count": "数量",
        "col.examples": "示例（最多 20 个）",
        "findings.none": "无发现。",
        "method.intro": (
            "各项数据来自资产登记表和带日期的生命周期事件：每一次带有指标途径的生命周期操作（退役、出售、回收利用等，"
            "见 resources/lifecycle.toml）都会记录一条事件，包括发生时间、处理的质量、收付款项以及装入或回收的部件。"
            "比率依据 GB/T 43145-2023 附录 A。分母为零的比率不予计算，显示为“—”。"
        ),
        "method.index": (
            "综合评价指数：由指标层级构成，每个指标有权重（顶层权重由 AHP 两两比较矩阵导出，一致性比率达到 0.10 "
            "或以上时拒绝）、基准值和方向。评价指数 I = 实际值 / 基准值（越高越好），或 基准值 / 实际值（越低越好），"
            "按原文不设上限 1；得分 = 权重 × I；P = 各项得分之和。等级：1 级很高（P ≥ 0.9），2 级高（0.8 ≤ P < 0.9），"
            "3 级中（0.7 ≤ P < 0.8），4 级低（0.6 ≤ P < 0.7），5 级很低（P < 0.6）。"
        ),
        "method.index_heading": "综合评价指数",
        "notes.none": "未使用任何替代值。",
        "col.what": "因子",
        "col.value": "数值",
        "col.unit": "单位",
        "col.source": "来源",
        "col.year": "年份",
        "col.licence": "许可",
        "col.quality": "质量",
        "factors.none": "未使用任何因子。",
        "quality.measured": "实测 / 已发表",
        "quality.category_default": "类别默认值",
        "quality.estimate": "估算值",
        "quality.model": "型号专用",
        "quality.user": "用户值",
    },
}

#: The definitions of itam.metrics.fleet's docstring in Chinese, keyed by the English heading. A heading that is
#: not here (the docstring changed) prints the English text under its English heading.
DEFINITIONS_ZH: dict[str, tuple[str, str]] = {
    "Arising (GB/T 43145-2023 Annex A, n_pr / m_pr)": (
        "产生量（GB/T 43145-2023 附录 A，n_pr / m_pr）",
        (
            "本期内发生退役（retire）、丢失（lost）或未发现（missing）事件的资产，每台只计一次。已回"
            "收量（n_col / m_col）：其中目前不处于丢失、被盗或未发现状态的资产。R_col = 已回收量"
            " / 产生量，分别按质量和按数量计算。"
        ),
    ),
    "Processed, recovery rate, reuse share, e-waste diverted": (
        "已处理量、回收利用率、再使用比例、避免填埋的电子废物",
        (
            "本期内发生去向事件（再部署、二次营销、捐赠、翻新、拆解回收部件、回收利用、销毁）的资产，每台只按其本期最"
            "后一次去向计一次。m_u：再部署、二次营销、捐赠；m_m：翻新、拆解回收部件；m_r：回收利用，以及由持"
            "证处理商进行的销毁；m_rov：能量回收（没有生命周期操作记录能量回收，除非您的生命周期配置增加了此类操"
            "作，否则为 0）。R_rov = (m_u + m_m + m_r + m_rov) / 已处理质量；再"
            "使用比例 = (m_u + m_m) / 已处理质量；避免填埋的电子废物 = m_u + m_m + 由"
            "当日持有有效认证的处理商进行的回收利用和销毁。"
        ),
    ),
    "Mass": (
        "质量",
        (
            "优先采用事件发生时称得的重量，其次为资产登记的重量，再次为因子集中的默认值（先型号，后类别）；附录 B "
            "说明有多少质量采用了默认值。"
        ),
    ),
    "Service life achieved": (
        "实际使用寿命",
        (
            "针对本期的退役事件：从购买到退役的年数与策略（resources/policy.toml）为该类别规定的"
            "更新年数之比，对有购买日期的资产求和：Σ 实际 / Σ 目标。"
        ),
    ),
    "Avoided emissions (never netted off the inventory)": (
        "避免排放（从不从排放清单中抵扣）",
        (
            "对每一次再使用类途径事件：n × (E × s × d − p × E) − 装入的部件。其中 E 为被"
            "替代新设备的隐含排放 kgCO2e（型号覆盖值，否则类别值；高值情形取高值），s = min(1, 第二"
            "生命年数 / 参考寿命)，d 为替代系数（寿命延长、再部署、翻新和拆解回收部件采用内部再利用系数；二次营"
            "销和捐赠采用外部市场系数；低值情形对所有途径采用因子集中最小的替代系数），p 为该过程自身所占份额（再使"
            "用或翻新）。拆解回收部件以回收部件的足迹（已记录的部件，否则为资产的内存）代替 E × s。回收利用和销"
            "毁在此不计避免排放。"
        ),
    ),
    "Use phase (inventory, Scope 2 of the organisation)": (
        "使用阶段（排放清单，组织的范围 2）",
        (
            "本期内的在用天数（自购买或登记之日起，至首次退役或丢失为止）× 该类别（或型号）的年耗电量 / 365."
            "25 × 站点所在国家（位置的国家，否则组织所在国家，否则全球平均 WORLD）在报告期最后一年的电网排"
            "放因子，缺失时按因子集的替代规则处理。"
        ),
    ),
    "Materials saved": (
        "节约的材料",
        (
            "再使用质量 × 联合国环境规划署国际资源委员会（UNEP IRP）给出的该过程新材料需求降低比例（再使用"
            "；寿命延长按维修计；翻新），给出低值和高值，默认采用低值。"
        ),
    ),
    "Value recovered": (
        "回收价值",
        (
            "收到的款项（出售、部件）+ 避免的采购（内部再利用：资产购买成本 × s）− 事件上记录的成本，按币种分"
            "别列示，从不换算。"
        ),
    ),
}


def definitions(doc: str | None = None) -> list[tuple[str, str]]:
    """The (heading, paragraph) definitions of :mod:`itam.metrics.fleet`'s docstring: a heading is a line at
    the left margin followed by indented lines, which are joined into one paragraph."""
    doc = doc if doc is not None else (fleet_module.__doc__ or "")
    out: list[tuple[str, str]] = []
    head: str | None = None
    body: list[str] = []
    for line in doc.splitlines():
        if not line.strip():
            continue
        if line.startswith((" ", "\t")):
            if head is not None:
                body.append(line.strip())
            continue
        if head is not None and body:
            out.append((head, " ".join(body)))
        head, body = line.strip(), []
    if head is not None and body:
        out.append((head, " ".join(body)))
    def clean(text: str) -> str:
        text = re.sub(r"``([^`]*)``", r"\1", text)
        return re.sub(r"(?<![\w*])\*([^*\s][^*]*?)\*(?![\w*])", r"\1", text)

    return [(clean(h), clean(b)) for h, b in out]


# ------------------------------------------------------------------------------------------------- the report


@dataclass
class _Tile:
    label: str
    value: str
    sub: str = ""
    kind: str = "plain"  # plain | avoided | inventory
    small: bool = False


class _LifecycleReport:
    def __init__(self, m: FleetMetrics, ctx: ReportContext, org: Organisation | None):
        self.m = m
        self.ctx = ctx
        self.org = org
        self.L = lambda key: metric_label(key, ctx.lang)
        self.charts = Charts(ctx.fonts, ctx.T("no_data"))
        self.footnotes: list[str] = []

    # helpers ----------------------------------------------------------------------------------------------
    def reason(self, kind: str, keywords: Sequence[str]) -> str:
        """Why a figure is missing: the metrics note that explains it, else the report's own words."""
        found = None
        for word in keywords:
            for note in self.m.notes:
                if word.lower() in note.lower():
                    found = note
                    break
            if found:
                break
        own = self.ctx.T(f"reason.{kind}")
        if found is None:
            return own
        if self.ctx.zh:
            return f"{own}（{localize(found, self.ctx.lang).rstrip('。.')}）"
        found = found[0].upper() + found[1:]
        if not found.endswith("."):
            found += "."
        return found

    def missing(self, kind: str, keywords: Sequence[str] = ()) -> str:
        """Record a footnote; returns the "see note n" text for the tile."""
        reason = self.reason(kind, keywords)
        if reason not in self.footnotes:  # one note per reason, however many figures it explains
            self.footnotes.append(reason)
        return self.ctx.T("sub.note", n=self.footnotes.index(reason) + 1)

    def slice_label(self) -> str:
        s = self.m.slice
        T = self.ctx.T
        parts = []
        if s.department:
            parts.append(f"{T('slice.department')} = {s.department}")
        if s.location:
            parts.append(f"{T('slice.location')} = {s.location}")
        if s.category:
            parts.append(f"{T('slice.category')} = {category_name(s.category, self.ctx.lang)}")
        return ("，" if self.ctx.zh else ", ").join(parts) or T("slice.all")

    def pathway_name(self, key: str) -> str:
        return self.L(key)

    # sections -----------------------------------------------------------------------------------------------
    def cover(self) -> list[Flowable]:
        m, ctx, T = self.m, self.ctx, self.ctx.T
        out = ctx.org_header(self.org)
        out += [_Rule(CONTENT_WIDTH, 1.2, ACCENT, 0), ctx.p(T("title"), "title"), ctx.p(T("subtitle"), "subtitle")]
        out.append(ctx.kv([
            (T("period"), T("period.value", label=m.period.label, days=f"{m.period.days:,}")),
            (T("slice"), self.slice_label()),
            (T("generated"), fmt_datetime(m.generated_at)),
            (T("factor_set"), T("factor_set.value", name=m.factor_set_name, version=m.factor_set_version,
                                sha=(m.factor_set_sha256 or "")[:12] or DASH)),
        ], columns=2, label_mm=24))
        return out

    def tiles(self) -> list[_Tile]:
        m, T, L = self.m, self.ctx.T, self.L
        tiles: list[_Tile] = []

        def ratio_tile(key: str, ratio: Ratio, sub: str, kind: str, keywords: Sequence[str]) -> _Tile:
            if ratio.value is None:
                return _Tile(L(key), DASH, self.missing(kind, keywords))
            return _Tile(L(key), fmt_pct(ratio.value), sub)

        active = sum(v for v in m.age_profile.values() if isinstance(v, int))
        tiles.append(_Tile(L("total_assets"), fmt_int(m.total_assets), T("sub.active", n=fmt_int(active))))
        tiles.append(_Tile(L("arising_count"), fmt_int(m.arising_count), T("sub.arising", kg=fmt_kg(m.arising_kg))))
        col_words = ("R_col", "collection rate", "period figures are empty")
        rov_words = ("R_rov", "recovery rate", "period figures are empty")
        tiles.append(ratio_tile("collection_rate_mass", m.collection_rate_mass,
                                T("sub.of_kg", n=fmt_num(m.collected_kg), d=fmt_num(m.arising_kg)), "collection", col_words))
        tiles.append(ratio_tile("collection_rate_count", m.collection_rate_count,
                                T("sub.of_assets", n=fmt_int(m.collected_count), d=fmt_int(m.arising_count)),
                                "collection", col_words))
        tiles.append(ratio_tile("recovery_rate", m.recovery_rate,
                                T("sub.processed", kg=fmt_kg(m.processed_kg), n=fmt_int(m.processed_count)),
                                "recovery", rov_words))
        tiles.append(ratio_tile("reuse_share", m.reuse_share, T("sub.reuse", kg=fmt_kg(m.reuse_share.numerator)),
                                "recovery", rov_words))
        tiles.append(_Tile(L("ewaste_diverted_kg"), fmt_kg(m.ewaste_diverted_kg), T("sub.diverted")))
        tiles.append(ratio_tile("ewaste_diverted_share", m.ewaste_diverted_share,
                                T("sub.diverted_share", kg=fmt_kg(m.ewaste_diverted_kg), total=fmt_kg(m.processed_kg)),
                                "recovery", rov_words))
        co2 = m.co2e_avoided or {}
        tiles.append(_Tile(L("co2e_avoided"), fmt_co2(co2.get("default")),
                           T("sub.co2", low=fmt_num(co2.get("low")), high=fmt_num(co2.get("high"))) + "\n"
                           + T("sub.co2_apart"), kind="avoided"))
        tiles.append(_Tile(L("use_phase_kwh"), f"{fmt_num(m.use_phase_kwh)} kWh", T("sub.kwh"), kind="inventory"))
        tiles.append(_Tile(L("use_phase_kgco2e"), fmt_co2(m.use_phase_kgco2e), T("sub.inventory"), kind="inventory"))
        if m.life_achieved is None:
            tiles.append(_Tile(L("life_achieved"), DASH, self.missing("life", ("service life", "period figures are empty"))))
        else:
            dated = sum(c.with_dates for c in m.life_by_category if c.average_years is not None)
            actual = sum(c.average_years * c.with_dates for c in m.life_by_category if c.average_years is not None)
            target = sum(c.target_years * c.with_dates for c in m.life_by_category if c.average_years is not None)
            sub = T("sub.life", actual=fmt_num(actual / dated), target=fmt_num(target / dated), n=fmt_int(dated)) \
                if dated else ""
            tiles.append(_Tile(L("life_achieved"), fmt_pct(m.life_achieved), sub))
        mat = m.materials_saved_kg or {}
        tiles.append(_Tile(L("materials_saved_kg"), fmt_kg(mat.get("low")), T("sub.materials", high=fmt_kg(mat.get("high")))))
        if m.value:
            lines = [fmt_money(row.net, row.currency) for row in m.value]
            tiles.append(_Tile(L("value_recovered"), "\n".join(lines), T("sub.value"), small=len(lines) > 1 or
                               max(len(x) for x in lines) > 14))
        else:
            tiles.append(_Tile(L("value_recovered"), DASH, self.missing("value", ())))
        tiles.append(ratio_tile("sanitization_compliance", m.sanitization_compliance,
                                T("sub.sanitization", n=fmt_int(m.sanitization_compliance.numerator),
                                  d=fmt_int(m.sanitization_compliance.denominator)),
                                "sanitization", ("sanitization compliance",)))
        tiles.append(ratio_tile("discovery_coverage", m.discovery_coverage,
                                T("sub.discovery", n=fmt_int(m.discovery_coverage.numerator),
                                  d=fmt_int(m.discovery_coverage.denominator)),
                                "discovery", ("discovery coverage", "discovery scan")))
        return tiles

    def summary(self) -> list[Flowable]:
        ctx = self.ctx
        out = ctx.heading(ctx.T("section.summary"))
        tiles = self.tiles()
        cols = 4
        width = CONTENT_WIDTH / cols
        rows, style = [], [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 5),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ("BACKGROUND", (0, 0), (-1, -1), TILE_BG),
            ("INNERGRID", (0, 0), (-1, -1), 3, colors.white),
        ]
        for start in range(0, len(tiles), cols):
            row = []
            for c, tile in enumerate(tiles[start:start + cols]):
                r = start // cols
                cell = [ctx.p(tile.label, "tile_label"),
                        ctx.p(tile.value, "tile_value_small" if tile.small else "tile_value")]
                if tile.sub:
                    cell.append(ctx.p(tile.sub, "tile_sub"))
                row.append(cell)
                if tile.kind == "avoided":
                    style += [("BACKGROUND", (c, r), (c, r), AVOIDED_BG), ("LINEBEFORE", (c, r), (c, r), 2.5, AVOIDED_LINE)]
                elif tile.kind == "inventory":
                    style += [("BACKGROUND", (c, r), (c, r), INVENTORY_BG)]
            while len(row) < cols:
                row.append("")
            rows.append(row)
        out.append(Table(rows, colWidths=[width] * cols, style=TableStyle(style)))
        out.append(Spacer(1, 2 * mm))
        banner = Table([[ctx.p(ctx.T("avoided.banner"), "banner")]], colWidths=[CONTENT_WIDTH],
                       style=TableStyle([("BACKGROUND", (0, 0), (-1, -1), AVOIDED_BG),
                                         ("LINEBEFORE", (0, 0), (0, -1), 2.5, AVOIDED_LINE),
                                         ("LEFTPADDING", (0, 0), (-1, -1), 6), ("TOPPADDING", (0, 0), (-1, -1), 4),
                                         ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]))
        out.append(banner)
        if self.footnotes:
            out.append(Spacer(1, 2 * mm))
            out.append(ctx.p(ctx.T("notes.title"), "h3"))
            out += ctx.bullets(self.footnotes)
        return out

    def _chart_cell(self, title: str, drawing: Flowable, caption: str | None = None) -> list[Flowable]:
        cell: list[Flowable] = [self.ctx.p(title, "h3"), drawing]
        if caption:
            cell.append(self.ctx.p(caption, "small"))
        return cell

    def _pair(self, left: list[Flowable], right: list[Flowable]) -> Table:
        half = CONTENT_WIDTH / 2
        return Table([[left, right]], colWidths=[half, half],
                     style=TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                       ("RIGHTPADDING", (0, 0), (0, -1), 4 * mm), ("LEFTPADDING", (1, 0), (1, -1), 4 * mm),
                                       ("RIGHTPADDING", (1, 0), (1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * mm)]))

    def fleet(self) -> list[Flowable]:
        m, ctx, T, lang = self.m, self.ctx, self.ctx.T, self.ctx.lang
        out = ctx.heading(T("section.fleet"))
        w = CONTENT_WIDTH / 2 - 4 * mm
        by_stage = {int(k): v for k, v in m.by_stage.items()}
        stages = [(stage_name(n, lang), by_stage.get(n, 0)) for n in range(6, 0, -1)]
        stage_colours = [colour(i) for i in range(6)]
        stage_chart = self.charts.hbar(stages, w, 6 * 11.5 + 22, colours=stage_colours, label_share=0.58)
        statuses = [(status_name(k, lang), v) for k, v in m.by_status.items()]
        status_h = max(6 * 11.5 + 22, len(statuses) * 11.5 + 22)
        stage_chart_h = 6 * 11.5 + 22
        status_chart = self.charts.hbar(statuses, w, status_h)
        if status_h > stage_chart_h and len(statuses):
            stage_chart = self.charts.hbar(stages, w, status_h, colours=stage_colours, label_share=0.58)
        out = [KeepTogether(out + [self._pair(self._chart_cell(T("chart.by_stage"), stage_chart),
                                              self._chart_cell(T("chart.by_status"), status_chart))])]
        ages = [(T("age.unknown") if k == "unknown" else k, v) for k, v in m.age_profile.items()]
        categories = [(category_name(k, lang), v) for k, v in m.by_category.items()]
        cat_h = max(90.0, len(categories) * 11.5 + 22)
        out.append(KeepTogether(self._pair(
            self._chart_cell(T("chart.age"), self.charts.vbar(ages, w, cat_h, bar_colour=colors.HexColor("#3BA3C7")),
                             T("caption.age")),
            self._chart_cell(T("chart.by_category"), self.charts.hbar(categories, w, cat_h)))))
        return out

    def _buckets(self) -> tuple[str, list[str], Callable[[str], str]]:
        """The time buckets of the retirements chart: months, quarters or years, whichever keeps it readable."""
        months = sorted({r.month for r in self.m.retirements_by_month if re.fullmatch(r"\d{4}-\d{2}", r.month or "")})
        if not months:
            return "month", [], lambda s: s
        y0, m0 = map(int, months[0].split("-"))
        y1, m1 = map(int, months[-1].split("-"))
        span = (y1 - y0) * 12 + (m1 - m0) + 1
        if span <= 24:
            keys = []
            y, mo = y0, m0
            while (y, mo) <= (y1, m1):
                keys.append(f"{y:04d}-{mo:02d}")
                y, mo = (y + 1, 1) if mo == 12 else (y, mo + 1)
            return "month", keys, lambda s: s
        if span <= 16 * 3:
            keys = [f"{y}-Q{q}" for y in range(y0, y1 + 1) for q in range(1, 5)
                    if (y, q) >= (y0, (m0 - 1) // 3 + 1) and (y, q) <= (y1, (m1 - 1) // 3 + 1)]
            return "quarter", keys, lambda s: f"{s[:4]}-Q{(int(s[5:7]) - 1) // 3 + 1}"
        return "year", [str(y) for y in range(y0, y1 + 1)], lambda s: s[:4]

    def period(self) -> list[Flowable]:
        m, ctx, T, L = self.m, self.ctx, self.ctx.T, self.L
        out = ctx.heading(T("section.period"))
        # retirements and outcomes by lever over time
        bucket, keys, key_of = self._buckets()
        index = {k: i for i, k in enumerate(keys)}
        per: dict[str, list[float]] = defaultdict(lambda: [0.0] * len(keys))
        for row in m.retirements_by_month:
            k = key_of(row.month)
            if k in index:
                per[row.pathway][index[k]] += row.assets
        order = [p for p in fleet_module.PATHWAY_ORDER if p in per and p != "retire"]
        order += sorted(p for p in per if p not in order and p != "retire")
        series = [(L(p), per[p], PATHWAY_COLOURS.get(p, colour(i))) for i, p in enumerate(order)]
        line = (L("retire"), per["retire"], PATHWAY_COLOURS["retire"]) if "retire" in per else None
        chart = self.charts.stacked(keys, series, CONTENT_WIDTH, 78 * mm, line=line)
        out = [KeepTogether(out + self._chart_cell(T("chart.months", bucket=T(f"bucket.{bucket}")), chart,
                                                   T("caption.months") if keys else None))]
        out.append(Spacer(1, 2 * mm))
        # avoided emissions per pathway and the fate of the processed mass
        w = CONTENT_WIDTH / 2 - 4 * mm
        credited = [r for r in m.pathways if r.pathway in fleet_module.CREDITED
                    and any((r.co2e_avoided.get(b) or 0) > 0 for b in ("low", "default", "high"))]
        co2 = self.charts.grouped_hbar(
            [L(r.pathway) for r in credited],
            [(L(b), [r.co2e_avoided.get(b) or 0 for r in credited], BOUND_COLOURS[b]) for b in ("low", "default", "high")],
            w, fmt=lambda v: fmt_num(v, 0))
        classes = [("u", L("u")), ("m", L("m")), ("r", L("r")), ("rov", L("rov")), ("none", L("none"))]
        pie = self.charts.pie([(name, m.recovery_mass.get(k, 0.0), PATHWAY_COLOURS[k]) for k, name in classes],
                              w, 36 * mm, fmt=lambda v: f"{fmt_num(v)} kg")
        caption = T("caption.recovery", diverted=fmt_kg(m.ewaste_diverted_kg), total=fmt_kg(m.processed_kg),
                    share=fmt_ratio(m.ewaste_diverted_share), none=fmt_kg(m.recovery_mass.get("none", 0.0)))
        recovered = sum(v for k, v in m.recovery_mass.items() if k != "none")
        if m.processed_kg and recovered - m.ewaste_diverted_kg > 0.005:
            caption += T("caption.uncertified")
        out.append(KeepTogether(self._pair(self._chart_cell(T("chart.co2"), co2, T("caption.co2")),
                                           self._chart_cell(T("chart.recovery"), pie, caption))))
        out += self.period_tables()
        return out

    def period_tables(self) -> list[Flowable]:
        m, ctx, T, L, lang = self.m, self.ctx, self.ctx.T, self.L, self.ctx.lang
        out: list[Flowable] = []
        # pathways
        out.append(ctx.p(T("table.pathways"), "h3"))
        if m.pathways:
            rows = []
            for r in m.pathways:
                co2 = r.co2e_avoided or {}
                credited = r.pathway in fleet_module.CREDITED
                rows.append([
                    L(r.pathway), fmt_int(r.events), fmt_int(r.assets), fmt_num(r.mass_kg),
                    fmt_num(co2.get("default")) if credited else DASH,
                    f"{fmt_num(co2.get('low'))} – {fmt_num(co2.get('high'))}" if credited else DASH,
                    fmt_num((r.materials_saved_kg or {}).get("low")) if (r.materials_saved_kg or {}).get("high") else DASH,
                    T(f"class.{r.recovery_class}") if r.recovery_class in ("u", "m", "r", "rov") else DASH,
                ])
            co2 = m.co2e_avoided or {}
            rows.append([T("total"), fmt_int(sum(r.events for r in m.pathways)), "", "",
                         fmt_num(co2.get("default")), f"{fmt_num(co2.get('low'))} – {fmt_num(co2.get('high'))}",
                         fmt_num((m.materials_saved_kg or {}).get("low")), ""])
            out.append(ctx.table([T("col.pathway"), T("col.events"), T("col.assets"), T("col.mass"), T("col.co2_default"),
                                  T("col.co2_range"), T("col.materials"), T("col.class")], rows,
                                 [30, 13, 13, 16, 22, 26, 20, 34], right_align=(1, 2, 3, 4, 5, 6), total_row=True))
        else:
            out.append(ctx.p(T("none_in_period"), "small"))
        # service life
        out.append(ctx.p(T("table.life"), "h3"))
        if m.life_by_category:
            rows = [[category_name(c.category, lang), fmt_int(c.retired), fmt_int(c.with_dates), fmt_num(c.average_years),
                     fmt_num(c.target_years), fmt_pct(c.ratio)] for c in m.life_by_category]
            rows.append([T("total"), fmt_int(sum(c.retired for c in m.life_by_category)),
                         fmt_int(sum(c.with_dates for c in m.life_by_category)), "", "", fmt_pct(m.life_achieved)])
            out.append(ctx.table([T("col.category"), T("col.retired"), T("col.with_dates"), T("col.average"),
                                  T("col.target"), T("col.ratio")], rows, [40, 18, 22, 24, 20, 22],
                                 right_align=(1, 2, 3, 4, 5), total_row=True))
        else:
            out.append(ctx.p(T("none_in_period"), "small"))
        # use phase
        out.append(ctx.p(T("table.use"), "h3"))
        if m.use_phase:
            rows = [[category_name(u.category, lang), u.country, fmt_num(u.asset_years), fmt_num(u.kwh),
                     fmt_decimal(u.grid_kgco2_per_kwh), fmt_num(u.kgco2e)] for u in m.use_phase]
            rows.append([T("total"), "", fmt_num(sum(u.asset_years for u in m.use_phase)), fmt_num(m.use_phase_kwh), "",
                         fmt_num(m.use_phase_kgco2e)])
            out.append(ctx.table([T("col.category"), T("col.country"), T("col.asset_years"), T("col.kwh"), T("col.grid"),
                                  T("col.kgco2e")], rows, [40, 18, 22, 24, 20, 22], right_align=(2, 3, 4, 5), total_row=True))
        else:
            out.append(ctx.p(T("none_in_period"), "small"))
        # value
        out.append(ctx.p(T("table.value"), "h3"))
        if m.value:
            rows = [[v.currency, fmt_money(v.resale), fmt_money(v.parts), fmt_money(v.avoided_purchases),
                     fmt_money(v.costs), fmt_money(v.net)] for v in m.value]
            out.append(ctx.table([T("col.currency"), L("resale"), L("parts"), L("avoided_purchases"), L("costs"), L("net")],
                                 rows, [18, 24, 24, 28, 24, 28], right_align=(1, 2, 3, 4, 5)))
        else:
            out.append(ctx.p(T("none_in_period"), "small"))
        return out

    def index(self) -> list[Flowable]:
        m, ctx, T = self.m, self.ctx, self.ctx.T
        out = ctx.heading(T("section.index"))
        idx = m.index
        if idx is None:
            out.append(ctx.p(T("index.none") + " " + self.reason("index", ("composite index",)), "body"))
            return out
        on = idx.score_on_coverage
        facts = ctx.kv([
            (T("index.p"), fmt_decimal(idx.p)),
            (T("index.grade"), T("index.grade_value", grade=idx.grade, label=idx.label(ctx.lang))),
            (T("index.coverage"), T("index.coverage_value", coverage=fmt_pct(idx.coverage), on=fmt_decimal(on))),
            (T("index.spec"), f"{idx.name}" + (f" {idx.version}" if idx.version else "")),
        ], columns=2, label_mm=24)
        big = Table([[ctx.p(fmt_decimal(idx.p, 2), "big")], [ctx.p(idx.label(ctx.lang), "center")]],
                    colWidths=[CONTENT_WIDTH * 0.2],
                    style=TableStyle([("BOX", (0, 0), (-1, -1), 0.8, ACCENT), ("TOPPADDING", (0, 0), (-1, -1), 3),
                                      ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
        names = [metric_grade_label(g, ctx.lang) for g in range(1, 6)]
        scale = self.charts.grade_scale(idx.grade, names, CONTENT_WIDTH * 0.78 - 4 * mm)
        right = [scale, Spacer(1, 2 * mm), ctx.p(T("index.formula"), "small")]
        out.append(Table([[big, right]], colWidths=[CONTENT_WIDTH * 0.22, CONTENT_WIDTH * 0.78],
                         style=TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                           ("RIGHTPADDING", (0, 0), (-1, -1), 0)])))
        out.append(Spacer(1, 2 * mm))
        out.append(facts)
        out.append(Spacer(1, 2 * mm))
        rows = []
        for r in idx.flat():
            name = ("    " * (r.depth - 1) + ("· " if r.depth > 1 else "")) + r.display_name(ctx.lang)
            remark = (localize(r.reason, ctx.lang) if r.reason
                      else T(f"direction.{r.direction}") if r.direction in ("higher", "lower") else "")
            rows.append([name, fmt_decimal(r.global_weight), fmt_decimal(r.benchmark), fmt_decimal(r.actual),
                         fmt_decimal(r.index), fmt_decimal(r.score), remark or ""])
        rows.append([T("total") + " P", fmt_decimal(sum(r.global_weight for r in idx.leaves())), "", "", "",
                     fmt_decimal(idx.p), ""])
        out.append(ctx.table([T("col.indicator"), T("col.weight"), T("col.benchmark"), T("col.actual"), T("col.index"),
                              T("col.score"), T("col.remark")], rows, [58, 14, 16, 14, 14, 14, 34],
                             right_align=(1, 2, 3, 4, 5), total_row=True))
        if idx.warnings:
            out.append(ctx.p(T("index.warnings"), "h3"))
            out += ctx.bullets([localize(w, ctx.lang) for w in idx.warnings])
        return out

    def findings(self) -> list[Flowable]:
        m, ctx, T = self.m, self.ctx, self.ctx.T
        out = ctx.heading(T("section.findings"))
        if not m.findings:
            out.append(ctx.p(T("findings.none")))
            return out
        rows = []
        for f in m.findings:
            name = self.L(f.key)
            if name == f.key:
                name = localize(f.title, ctx.lang)
            rows.append([name, fmt_int(f.count), ", ".join(f.examples[:20]) or DASH])
        out.append(ctx.table([T("col.finding"), T("col.count"), T("col.examples")], rows, [60, 14, 108], right_align=(1,)))
        return out

    def appendix(self) -> list[Flowable]:
        m, ctx, T = self.m, self.ctx, self.ctx.T
        out = ctx.heading(T("appendix.method"), "h2")
        out.append(ctx.p(T("method.intro")))
        for head, body in definitions():
            if ctx.zh and head in DEFINITIONS_ZH:
                head, body = DEFINITIONS_ZH[head]
            out.append(KeepTogether([ctx.p(head, "h3"), ctx.p(body)]))
        out.append(KeepTogether([ctx.p(T("method.index_heading"), "h3"), ctx.p(T("method.index"))]))
        out += ctx.heading(T("appendix.notes"))
        out += ctx.bullets([localize(n, ctx.lang) for n in m.notes]) if m.notes else [ctx.p(T("notes.none"))]
        out += ctx.heading(T("appendix.factors", n=len(m.factors_used)))
        if not m.factors_used:
            out.append(ctx.p(T("factors.none")))
            return out
        rows = []
        for f in m.factors_used:
            value = fmt_decimal(f.get("value"), 4)
            rng = f.get("range")
            if isinstance(rng, (list, tuple)) and len(rng) == 2 and all(_finite(x) for x in rng) and rng[0] != rng[1]:
                value += f" ({fmt_decimal(rng[0], 4)}–{fmt_decimal(rng[1], 4)})"
            source = str(f.get("source") or DASH)
            if f.get("note"):
                source += f"\n{f['note']}"
            quality = str(f.get("quality") or DASH)
            key = f"quality.{quality}"
            if key in TEXTS["en"]:
                quality = T(key)
            rows.append([str(f.get("what") or DASH), value, str(f.get("unit") or DASH), source,
                         str(f.get("year") or DASH), str(f.get("licence") or DASH), quality])
        out.append(ctx.table([T("col.what"), T("col.value"), T("col.unit"), T("col.source"), T("col.year"),
                              T("col.licence"), T("col.quality")], rows, [34, 17, 17, 66, 10, 22, 18],
                             size=6.8, right_align=(1,)))
        return out

    def story(self) -> list[Flowable]:
        out = self.cover()
        out += self.summary()
        out += self.fleet()
        out += self.period()
        out += self.index()
        out += self.findings()
        out += self.appendix()
        return out


def metric_grade_label(grade: int, language: str) -> str:
    from itam.metrics.index import grade_label

    return grade_label(grade, language)


def render_lifecycle_report(metrics: FleetMetrics, path: str | os.PathLike, *, language: str = "en",
                            organisation: Organisation | None = None) -> Path:
    """Write the fleet lifecycle report of ``metrics`` as a PDF at ``path`` (atomically) and return the path.

    ``language`` is "en" or "zh_CN" (also "zh", "zh-CN"); an unknown one raises ``ValidationError``.
    """
    ctx = ReportContext(language, TEXTS)
    report = _LifecycleReport(metrics, ctx, organisation)
    story = report.story()
    org_name = organisation.name if organisation and organisation.name else "itam"
    title = ctx.T("title")
    return build_pdf(
        story, path, ctx,
        title=f"{title} {metrics.period.label}",
        author=org_name,
        subject=f"{metrics.period.label}; {report.slice_label()}; {metrics.factor_set}",
        keywords="itam, lifecycle report, circularity, GB/T 43145-2023",
        running_left=f"{org_name} · {title}" if organisation else title,
        running_right=metrics.period.label,
        footer_left=f"{title} · {metrics.period.label} · {metrics.factor_set_name} {metrics.factor_set_version}",
    )


__all__ = [
    "TEXTS",
    "ReportContext",
    "build_pdf",
    "definitions",
    "fmt_co2",
    "fmt_datetime",
    "fmt_decimal",
    "fmt_int",
    "fmt_kg",
    "fmt_money",
    "fmt_num",
    "fmt_pct",
    "render_lifecycle_report",
]
