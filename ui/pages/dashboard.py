"""The dashboard: the fleet's circularity figures for a period and a slice, at a glance.

KPI tiles (assets, retirements, GB/T 43145-2023 collection and recovery rates, reuse share, e-waste diverted,
CO2e avoided with its range, use-phase emissions, service life against target, the composite index P), four
charts (the register by status or stage, the age profile, retirements by pathway per month, CO2e avoided by
pathway), the top findings with example assets (double-click one to open it) and the notes that say which
fallbacks the figures used. Everything comes from :meth:`itam.services.metrics.MetricsService.compute`, run on
the task pool; the page never blocks the GUI thread. It computes again on F5, when the period or slice
changes, and when it is shown after the register changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date
from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QHorizontalStackedBarSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QLocale,
    QMargins,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QColor,
    QCursor,
    QFont,
    QIcon,
    QPainter,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QToolButton,
    QToolTip,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from itam.metrics import labels as metric_labels
from itam.metrics.results import FleetMetrics, Period, Ratio, Slice
from itam.services import Services
from ui import i18n
from ui.dialogs.wipe_dialog import ERROR_COLOUR, error_text
from ui.pages import Page
from ui.settings import Settings
from ui.widgets import PeriodSelector, data_version
from ui.workers import TaskHandle, call_plain, run_task

_CONTEXT = "Dashboard"
#: What a missing figure shows.
DASH = "—"
#: Masses and emissions from this many kilograms on are shown in tonnes.
TONNES_FROM_KG = 10_000
#: Width a KPI tile needs; the grid has as many columns as fit (2 to 5).
TILE_WIDTH = 160
#: Below this width the charts stand one above the other.
TWO_CHART_COLUMNS_FROM = 760
CHART_HEIGHT = 270

#: Statuses that count as the active fleet (in use, in stock, in repair).
ACTIVE_STATUSES = ("deployed", "in_stock", "in_repair")

#: KPI tiles in display order: key -> short title.
TILES: dict[str, str] = {
    "total_assets": QT_TRANSLATE_NOOP("Dashboard", "Assets in the register"),
    "retired": QT_TRANSLATE_NOOP("Dashboard", "Retired in the period"),
    "collection_rate": QT_TRANSLATE_NOOP("Dashboard", "Collection rate"),
    "recovery_rate": QT_TRANSLATE_NOOP("Dashboard", "Recovery rate"),
    "reuse_share": QT_TRANSLATE_NOOP("Dashboard", "Reuse share"),
    "ewaste_diverted": QT_TRANSLATE_NOOP("Dashboard", "E-waste diverted"),
    "co2e_avoided": QT_TRANSLATE_NOOP("Dashboard", "CO2e avoided"),
    "use_phase": QT_TRANSLATE_NOOP("Dashboard", "Use-phase emissions"),
    "life_achieved": QT_TRANSLATE_NOOP("Dashboard", "Service life vs target"),
    "index": QT_TRANSLATE_NOOP("Dashboard", "Circularity index P"),
}

#: What each tile means (tooltip and What's This).
DEFINITIONS: dict[str, str] = {
    "total_assets": QT_TRANSLATE_NOOP(
        "Dashboard",
        "Every asset of the slice in the register now, whatever its status: a snapshot, not limited to the period.",
    ),
    "retired": QT_TRANSLATE_NOOP(
        "Dashboard",
        "Assets retired, lost or gone missing in the period, each counted once (GB/T 43145-2023 "
        "Annex A: the waste products arising, n_pr and m_pr).",
    ),
    "collection_rate": QT_TRANSLATE_NOOP(
        "Dashboard",
        "R_col = m_col / m_pr (GB/T 43145-2023 Annex A): mass of the period's retired assets that were "
        "collected through a documented channel (not lost, stolen or missing now) over the mass of all assets "
        "retired in the period.",
    ),
    "recovery_rate": QT_TRANSLATE_NOOP(
        "Dashboard",
        "R_rov = (m_u + m_m + m_r + m_rov) / processed mass (GB/T 43145-2023 Annex A): reused, "
        "refurbished or harvested, certified-recycled and energy-recovered mass over the mass of the retired "
        "assets processed in the period.",
    ),
    "reuse_share": QT_TRANSLATE_NOOP(
        "Dashboard",
        "(m_u + m_m) / processed mass: the share of the processed mass that was redeployed, "
        "remarketed, donated, refurbished or harvested for parts, the higher levers of the waste hierarchy.",
    ),
    "ewaste_diverted": QT_TRANSLATE_NOOP(
        "Dashboard",
        "Mass whose documented fate in the period is reuse, parts harvest, or recycling or "
        "destruction by a processor holding a current certification.",
    ),
    "co2e_avoided": QT_TRANSLATE_NOOP(
        "Dashboard",
        "Emissions avoided by the reuse pathways: the displaced new devices' embodied footprint × the "
        "share of a reference life delivered × a displacement factor, minus the process's own share. Reported "
        "apart from the emissions inventory and never netted off it. The default figure, with its low–high "
        "range.",
    ),
    "use_phase": QT_TRANSLATE_NOOP(
        "Dashboard",
        "Electricity used by the active fleet in the period × the grid intensity of each site's "
        "country: part of the organisation's own inventory (Scope 2), not offset by the avoided emissions.",
    ),
    "life_achieved": QT_TRANSLATE_NOOP(
        "Dashboard",
        "Years from purchase to retirement of the assets retired in the period, over their "
        "category's refresh target (Σ actual / Σ target): 100% means they lived as long as planned.",
    ),
    "index": QT_TRANSLATE_NOOP(
        "Dashboard",
        "Composite circularity index P = Σ weight × (actual / benchmark) over the indicators of "
        "the IT circularity set; grade 1 (P ≥ 0.9, very high) to 5 (P < 0.6, very low).",
    ),
}

#: Why a tile shows "—" (the denominator was zero), and words that find the core's note about it.
MISSING: dict[str, tuple[str, tuple[str, ...]]] = {
    "collection_rate": (
        QT_TRANSLATE_NOOP(
            "Dashboard", "No asset was retired, lost or went missing in the period: there is nothing to divide by."
        ),
        ("no lifecycle event",),
    ),
    "recovery_rate": (
        QT_TRANSLATE_NOOP(
            "Dashboard",
            "No retired asset was processed (reused, refurbished, harvested, recycled or destroyed) in the period.",
        ),
        ("no lifecycle event",),
    ),
    "reuse_share": (
        QT_TRANSLATE_NOOP(
            "Dashboard",
            "No retired asset was processed (reused, refurbished, harvested, recycled or destroyed) in the period.",
        ),
        ("no lifecycle event",),
    ),
    "life_achieved": (
        QT_TRANSLATE_NOOP("Dashboard", "No asset with a purchase date was retired in the period."),
        ("purchase date", "no lifecycle event"),
    ),
    "index": (QT_TRANSLATE_NOOP("Dashboard", "The composite index could not be computed."), ("composite index",)),
}

CHART_TITLES = {
    "status": QT_TRANSLATE_NOOP("Dashboard", "Assets by status"),
    "stage": QT_TRANSLATE_NOOP("Dashboard", "Assets by value-chain stage"),
    "age": QT_TRANSLATE_NOOP("Dashboard", "Age of the active fleet"),
    "months": QT_TRANSLATE_NOOP("Dashboard", "Retirements and fates by month"),
    "co2e": QT_TRANSLATE_NOOP("Dashboard", "CO2e avoided by pathway (kg)"),
}

#: A steady colour per pathway, so that every chart and report reads alike.
PATHWAY_COLOURS = {
    "retire": "#78909c",
    "lost": "#c62828",
    "missing": "#ef6c00",
    "life_extension": "#2e7d32",
    "redeploy": "#43a047",
    "remarket": "#00897b",
    "donate": "#26a69a",
    "refurbish": "#1e88e5",
    "harvest": "#5e35b1",
    "recycle": "#8d6e63",
    "destroy": "#424242",
}
BOUND_COLOURS = {"default": "#2e7d32", "high": "#c8e6c9"}
BAR_COLOUR = "#1565c0"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


# --- formatting (the tests format expected values with these too) -----------------------------------------
def format_number(value: float | None, digits: int = 0) -> str:
    if value is None:
        return DASH
    return QLocale().toString(float(value), "f", digits)


def format_count(value: int | None) -> str:
    if value is None:
        return DASH
    return QLocale().toString(int(value))


def format_percent(value: float | None) -> str:
    """A share as "78.1%" ("—" when it could not be computed)."""
    if value is None:
        return DASH
    return f"{format_number(value * 100, 1)}%"


def format_ratio(ratio: Ratio) -> str:
    return format_percent(ratio.value)


def format_kg(kg: float | None) -> str:
    """A mass or an emission in kg ("1,234 kg"), in tonnes from 10 t on ("12.3 t")."""
    if kg is None:
        return DASH
    if abs(kg) >= TONNES_FROM_KG:
        return f"{format_number(kg / 1000, 1)} t"
    return f"{format_number(kg, 0)} kg"


def format_kwh(kwh: float | None) -> str:
    if kwh is None:
        return DASH
    if abs(kwh) >= 100_000:
        return f"{format_number(kwh / 1000, 1)} MWh"
    return f"{format_number(kwh, 0)} kWh"


def format_index(p: float | None) -> str:
    return DASH if p is None else format_number(p, 2)


@dataclass(frozen=True)
class KpiText:
    """What one tile shows: the value, a line under it, and the tooltip."""

    value: str
    detail: str
    tooltip: str
    missing: bool = False


def _note_for(metrics: FleetMetrics, key: str) -> str:
    """Why a tile has no value: our sentence and the core's matching notes."""
    reason, words = MISSING.get(key, (QT_TRANSLATE_NOOP("Dashboard", "Not computed for this period."), ()))
    found = [n for n in metrics.notes if any(w in n for w in words)]
    return "\n".join([_tr(reason), *map(i18n.core_text, found)])


def kpi_texts(metrics: FleetMetrics, language: str | None = None) -> dict[str, KpiText]:
    """Every tile's texts for a computation, in the interface language."""
    language = language or i18n.current_language()
    out: dict[str, KpiText] = {}

    def put(key: str, value: str, detail: str, missing: bool = False) -> None:
        tip = _tr(DEFINITIONS[key])
        if missing:
            tip = _note_for(metrics, key) + "\n\n" + tip
        out[key] = KpiText(value, detail, tip, missing)

    active = sum(metrics.by_status.get(s, 0) for s in ACTIVE_STATUSES)
    put(
        "total_assets",
        format_count(metrics.total_assets),
        QCoreApplication.translate("Dashboard", "{active} in use, in stock or in repair").format(
            active=format_count(active)
        ),
    )
    put(
        "retired",
        format_count(metrics.arising_count),
        QCoreApplication.translate("Dashboard", "{kg} · {collected} collected").format(
            kg=format_kg(metrics.arising_kg), collected=format_count(metrics.collected_count)
        ),
    )
    col = metrics.collection_rate_mass
    put(
        "collection_rate",
        format_ratio(col),
        QCoreApplication.translate("Dashboard", "by count {share}").format(
            share=format_ratio(metrics.collection_rate_count)
        ),
        col.value is None,
    )
    rov = metrics.recovery_rate
    put(
        "recovery_rate",
        format_ratio(rov),
        QCoreApplication.translate("Dashboard", "of {kg} processed").format(kg=format_kg(metrics.processed_kg)),
        rov.value is None,
    )
    reuse = metrics.reuse_share
    reused = metrics.recovery_mass.get("u", 0.0) + metrics.recovery_mass.get("m", 0.0)
    put(
        "reuse_share",
        format_ratio(reuse),
        QCoreApplication.translate("Dashboard", "{kg} reused, refurbished or harvested").format(kg=format_kg(reused)),
        reuse.value is None,
    )
    share = metrics.ewaste_diverted_share
    put(
        "ewaste_diverted",
        format_kg(metrics.ewaste_diverted_kg),
        QCoreApplication.translate("Dashboard", "{share} of the processed mass").format(share=format_ratio(share))
        if share.value is not None
        else QCoreApplication.translate("Dashboard", "nothing processed in the period"),
    )
    co2 = metrics.co2e_avoided
    put(
        "co2e_avoided",
        format_kg(co2.get("default", 0.0)),
        QCoreApplication.translate("Dashboard", "avoided, not netted · range {low}–{high}").format(
            low=format_kg(co2.get("low", 0.0)), high=format_kg(co2.get("high", 0.0))
        ),
    )
    put(
        "use_phase",
        format_kg(metrics.use_phase_kgco2e),
        QCoreApplication.translate("Dashboard", "CO2e from {kwh} of electricity").format(
            kwh=format_kwh(metrics.use_phase_kwh)
        ),
    )
    retired_dated = sum(c.with_dates for c in metrics.life_by_category)
    put(
        "life_achieved",
        format_percent(metrics.life_achieved),
        QCoreApplication.translate("Dashboard", "of the target life · {n} retired assets").format(
            n=format_count(retired_dated)
        ),
        metrics.life_achieved is None,
    )
    index = metrics.index
    if index is None:
        put("index", DASH, QCoreApplication.translate("Dashboard", "not computed for this period"), True)
    else:
        detail = QCoreApplication.translate("Dashboard", "grade {grade} · {label}").format(
            grade=index.grade, label=index.label(language)
        )
        if index.coverage < 1 - 1e-9:
            detail += " · " + QCoreApplication.translate("Dashboard", "covers {share} of the weight").format(
                share=format_percent(index.coverage)
            )
        put("index", format_index(index.score), detail)
        if index.warnings:
            tip = out["index"].tooltip + "\n\n" + "\n".join(f"• {i18n.core_text(w)}" for w in index.warnings)
            out["index"] = KpiText(out["index"].value, detail, tip)
    return out


# --- workers ------------------------------------------------------------------------------------------
def compute_work(
    services: Services, period: Period, slice_: Slice, *, progress: Any, is_cancelled: Any
) -> tuple[tuple[Any, ...], FleetMetrics]:
    """Worker thread: the register's fingerprint, then every figure of the period (one snapshot)."""
    version = data_version(services)
    return version, services.metrics.compute(period, slice_)


# --- widgets ------------------------------------------------------------------------------------------
class KpiTile(QFrame):
    """One figure: a title, the value in large type, and a line of detail."""

    def __init__(self, key: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.key = key
        self.setObjectName(f"tile_{key}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumWidth(TILE_WIDTH - 10)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setStyleSheet(
            f"#tile_{key} {{ border: 1px solid palette(mid); border-radius: 6px; background: palette(base); }}"
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(2)
        self.title_label = QLabel(self)
        self.title_label.setObjectName("tile_title")
        self.title_label.setStyleSheet("color: palette(placeholder-text);")
        self.value_label = QLabel(DASH, self)
        self.value_label.setObjectName("tile_value")
        font = self.value_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.9)
        font.setBold(True)
        self.value_label.setFont(font)
        self.value_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_label = QLabel(self)
        self.detail_label.setObjectName("tile_detail")
        self.detail_label.setWordWrap(True)
        small = self.detail_label.font()
        small.setPointSizeF(small.pointSizeF() * 0.9)
        self.detail_label.setFont(small)
        self.detail_label.setStyleSheet("color: palette(placeholder-text);")
        # Two lines at least; the page gives all tiles the lines the longest detail needs (_fit_tiles).
        self.detail_label.setFixedHeight(self.detail_label.fontMetrics().lineSpacing() * 2 + 2)
        self.detail_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.title_label)
        layout.addWidget(self.value_label)
        layout.addWidget(self.detail_label)

    def show_text(self, text: KpiText) -> None:
        self.value_label.setText(text.value)
        self.detail_label.setText(text.detail)
        self.setToolTip(text.tooltip)
        self.value_label.setStyleSheet("color: palette(placeholder-text);" if text.missing else "")

    def clear(self) -> None:
        self.value_label.setText(DASH)
        self.detail_label.clear()


class ChartCard(QFrame):
    """A titled chart; ``choice`` is an optional combo beside the title (e.g. status or stage)."""

    def __init__(self, key: str, parent: QWidget | None = None, *, choice: QComboBox | None = None):
        super().__init__(parent)
        self.key = key
        self.setObjectName(f"chart_{key}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(2)
        top = QHBoxLayout()
        self.title_label = QLabel(self)
        font = self.title_label.font()
        font.setBold(True)
        self.title_label.setFont(font)
        top.addWidget(self.title_label, 1)
        if choice is not None:
            top.addWidget(choice)
        layout.addLayout(top)
        self.view = QChartView(self)
        self.view.setObjectName(f"chart_view_{key}")
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumHeight(CHART_HEIGHT)
        layout.addWidget(self.view, 1)
        self.legend_label = QLabel(self)
        self.legend_label.setObjectName(f"legend_{key}")
        self.legend_label.setWordWrap(True)
        self.legend_label.setTextFormat(Qt.TextFormat.RichText)
        self.legend_label.setFont(_axis_font())
        self.legend_label.hide()
        layout.addWidget(self.legend_label)
        self.empty_label = QLabel(self.view)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color: palette(placeholder-text);")
        self.empty_label.hide()
        self.set_chart(QChart())

    def set_chart(
        self, chart: QChart, empty_text: str | None = None, legend: list[tuple[str, str]] | None = None
    ) -> None:
        """Show ``chart`` (the previous one is deleted); ``empty_text`` over it when there is nothing to show,
        ``legend`` (name, colour) under it."""
        chart.legend().setVisible(False)
        self.legend_label.setText(legend_html(legend) if legend else "")
        self.legend_label.setVisible(bool(legend))
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setBackgroundRoundness(0)
        chart.setMargins(QMargins(4, 4, 4, 4))
        old = self.view.chart()
        self.view.setChart(chart)
        if old is not None and old is not chart:
            old.deleteLater()
        self.empty_label.setText(empty_text or "")
        self.empty_label.setVisible(bool(empty_text))
        self._place_empty_label()

    def _place_empty_label(self) -> None:
        self.empty_label.setGeometry(self.view.rect())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._place_empty_label()


def _axis_font() -> QFont:
    font = QApplication.font()
    font.setPointSizeF(font.pointSizeF() * 0.85)
    return font


def legend_html(entries: list[tuple[str, str]]) -> str:
    """A legend that wraps like text: a coloured square and the name of each series."""
    from html import escape

    return " &nbsp; ".join(
        f'<span style="white-space: nowrap;"><span style="color: {colour};">&#9632;</span>&nbsp;{escape(name)}</span>'
        for name, colour in entries
    )


def bar_chart(
    labels: list[str],
    values: list[float],
    *,
    horizontal: bool = False,
    name: str = "",
    colour: str = BAR_COLOUR,
    value_title: str = "",
    integers: bool = True,
) -> QChart:
    """One series of bars with a category axis and a value axis."""
    chart = QChart()
    bars = QBarSet(name)
    bars.setColor(QColor(colour))
    bars.setBorderColor(QColor(colour))
    for v in values:
        bars.append(float(v))
    series = QHorizontalBarSeries() if horizontal else QBarSeries()
    series.append(bars)
    series.setLabelsVisible(True)
    series.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
    series.setLabelsFormat("@value")
    series.setBarWidth(0.7)
    bars.setLabelColor(QApplication.palette().text().color())
    bars.setLabelFont(_axis_font())
    chart.addSeries(series)
    _axes(
        chart,
        series,
        labels,
        max(values, default=0.0),
        horizontal=horizontal,
        value_title=value_title,
        integers=integers,
    )
    chart.legend().setVisible(False)
    return chart


def _axes(
    chart: QChart,
    series: Any,
    labels: list[str],
    top: float,
    *,
    horizontal: bool,
    value_title: str = "",
    integers: bool = True,
    angle: int = 0,
) -> None:
    cats = QBarCategoryAxis()
    cats.append(labels)
    cats.setLabelsFont(_axis_font())
    cats.setTruncateLabels(False)
    if angle:
        cats.setLabelsAngle(angle)
    values = QValueAxis()
    values.setLabelsFont(_axis_font())
    interval, maximum = nice_scale(top)
    values.setRange(0, maximum)
    values.setTickType(QValueAxis.TickType.TicksDynamic)
    values.setTickAnchor(0)
    values.setTickInterval(interval)
    values.setLabelFormat("%d" if integers or interval >= 1 else "%.1f")
    if value_title:
        values.setTitleText(value_title)
        values.setTitleFont(_axis_font())
    chart.addAxis(cats, Qt.AlignmentFlag.AlignLeft if horizontal else Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(values, Qt.AlignmentFlag.AlignBottom if horizontal else Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(cats)
    series.attachAxis(values)


def nice_scale(top: float, ticks: int = 5) -> tuple[float, float]:
    """A round tick interval and an axis maximum a little above ``top`` (room for the bar labels)."""
    import math

    raw = max(float(top) * 1.12, 1.0) / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    for step in (1, 2, 2.5, 5, 10):
        interval = step * magnitude
        if interval >= raw:
            break
    if interval < 1:
        interval = 1.0
    return interval, math.ceil(max(float(top) * 1.12, 1.0) / interval) * interval


def short_label(name: str) -> str:
    """A name without its trailing qualifier in brackets, for chart axes ("Missing (not seen by discovery)" ->
    "Missing", "未发现（扫描未见）" -> "未发现")."""
    for opening, closing in (("(", ")"), ("（", "）")):
        if name.endswith(closing) and opening in name:
            head = name[: name.rindex(opening)].rstrip()
            if head:
                return head
    return name


def _months(period: Period) -> list[str]:
    """Every month the period touches, ``YYYY-MM``."""
    out = []
    y, m = period.start.year, period.start.month
    while (y, m) <= (period.end.year, period.end.month):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def month_label(month: str) -> str:
    """``2026-03`` as a short axis label in the interface language ("Mar 26", "26年3月")."""
    y, m = int(month[:4]), int(month[5:7])
    if i18n.is_chinese():
        return f"{y % 100:02d}年{m}月"
    return QLocale().toString(date(y, m, 1), "MMM yy")


# --- the page -----------------------------------------------------------------------------------------
class DashboardPage(Page):
    """KPI tiles, charts, findings and notes for the chosen period and slice."""

    key = "dashboard"

    #: A computation was shown (the FleetMetrics).
    computed = Signal(object)
    #: A computation failed (its message).
    compute_failed = Signal(str)
    #: Open an asset's details (its tag or serial), asked by a double-click on a finding's example.
    asset_requested = Signal(str)
    #: Show the inventory searched for this text.
    inventory_requested = Signal(str)

    def __init__(
        self, services: Services, settings: Settings, parent: QWidget | None = None, *, today: date | None = None
    ):
        super().__init__(parent)
        self.services = services
        self.settings = settings
        self.setObjectName("dashboard_page")
        #: The figures shown (None before the first computation).
        self.metrics: FleetMetrics | None = None
        self._version: tuple[Any, ...] | None = None
        self._task: TaskHandle | None = None
        self._check_task: TaskHandle | None = None
        self._error: str | None = None
        self._tile_columns = 0
        self._chart_columns = 0
        # Tiles are fitted once the layout has given them their width (and never after the page is gone).
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self._fit_tiles)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(9, 9, 9, 4)
        layout.setSpacing(6)
        layout.addLayout(self._build_top(today))
        self.status_label = QLabel(self)
        self.status_label.setObjectName("dashboard_status_label")
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status_label)

        self.scroll = QScrollArea(self)
        self.scroll.setObjectName("dashboard_scroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.content = QWidget(self.scroll)
        self.content.setObjectName("dashboard_content")
        body = QVBoxLayout(self.content)
        body.setContentsMargins(0, 0, 4, 0)
        body.setSpacing(10)
        self.tiles_grid = QGridLayout()
        self.tiles_grid.setSpacing(8)
        self.tiles: dict[str, KpiTile] = {key: KpiTile(key, self.content) for key in TILES}
        body.addLayout(self.tiles_grid)
        self.charts_grid = QGridLayout()
        self.charts_grid.setSpacing(8)
        self._build_charts()
        body.addLayout(self.charts_grid)
        body.addLayout(self._build_findings_and_notes(), 1)
        self.scroll.setWidget(self.content)
        self.content.installEventFilter(self)
        layout.addWidget(self.scroll, 1)

        self.retranslate()
        self._arrange()

    # --- building -----------------------------------------------------------------------------------
    def _build_top(self, today: date | None) -> QHBoxLayout:
        row = QHBoxLayout()
        self.selector = PeriodSelector(self.services, self, today=today)
        self.selector.changed.connect(self.on_selector_changed)
        self.selector.first_month_changed.connect(self.on_first_month_changed)
        row.addWidget(self.selector, 1)
        self.busy_bar = QProgressBar(self)
        self.busy_bar.setObjectName("dashboard_busy_bar")
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumWidth(110)
        self.busy_bar.setMaximumHeight(14)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.hide()
        row.addWidget(self.busy_bar, 0, Qt.AlignmentFlag.AlignTop)
        self.refresh_button = QPushButton(self)
        self.refresh_button.setObjectName("dashboard_refresh_button")
        self.refresh_button.setIcon(QApplication.style().standardIcon(QStyle.StandardPixmap.SP_BrowserReload))
        self.refresh_button.clicked.connect(self.refresh)
        row.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignTop)
        return row

    def _build_charts(self) -> None:
        self.status_choice = QComboBox(self.content)
        self.status_choice.setObjectName("status_chart_choice")
        self.status_choice.addItem("", "status")
        self.status_choice.addItem("", "stage")
        self.status_choice.currentIndexChanged.connect(self.on_status_choice_changed)
        self.charts: dict[str, ChartCard] = {
            "status": ChartCard("status", self.content, choice=self.status_choice),
            "age": ChartCard("age", self.content),
            "months": ChartCard("months", self.content),
            "co2e": ChartCard("co2e", self.content),
        }

    def _build_findings_and_notes(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(8)
        findings = QFrame(self.content)
        findings.setFrameShape(QFrame.Shape.StyledPanel)
        box = QVBoxLayout(findings)
        box.setContentsMargins(6, 6, 6, 6)
        top = QHBoxLayout()
        self.findings_title = QLabel(findings)
        font = self.findings_title.font()
        font.setBold(True)
        self.findings_title.setFont(font)
        top.addWidget(self.findings_title, 1)
        self.open_asset_button = QPushButton(findings)
        self.open_asset_button.setObjectName("open_asset_button")
        self.open_asset_button.clicked.connect(self.on_open_asset_button_clicked)
        top.addWidget(self.open_asset_button)
        self.show_inventory_button = QPushButton(findings)
        self.show_inventory_button.setObjectName("show_in_inventory_button")
        self.show_inventory_button.clicked.connect(self.on_show_inventory_button_clicked)
        top.addWidget(self.show_inventory_button)
        box.addLayout(top)
        self.findings_tree = QTreeWidget(findings)
        self.findings_tree.setObjectName("findings_tree")
        self.findings_tree.setColumnCount(2)
        self.findings_tree.setRootIsDecorated(True)
        self.findings_tree.setUniformRowHeights(True)
        self.findings_tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.findings_tree.setMinimumHeight(180)
        header = self.findings_tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.findings_tree.itemActivated.connect(self.on_finding_activated)
        self.findings_tree.itemSelectionChanged.connect(self._update_buttons)
        box.addWidget(self.findings_tree, 1)
        row.addWidget(findings, 3)

        notes = QFrame(self.content)
        notes.setFrameShape(QFrame.Shape.StyledPanel)
        nbox = QVBoxLayout(notes)
        nbox.setContentsMargins(6, 6, 6, 6)
        self.notes_button = QToolButton(notes)
        self.notes_button.setObjectName("notes_button")
        self.notes_button.setCheckable(True)
        self.notes_button.setChecked(True)
        self.notes_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.notes_button.setArrowType(Qt.ArrowType.DownArrow)
        self.notes_button.setAutoRaise(True)
        self.notes_button.setStyleSheet("font-weight: bold;")
        self.notes_button.toggled.connect(self.on_notes_button_toggled)
        nbox.addWidget(self.notes_button)
        self.notes_label = QLabel(notes)
        self.notes_label.setObjectName("notes_label")
        self.notes_label.setWordWrap(True)
        self.notes_label.setTextFormat(Qt.TextFormat.PlainText)
        self.notes_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notes_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.notes_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        nbox.addWidget(self.notes_label, 1)
        row.addWidget(notes, 2)
        return row

    # --- layout -------------------------------------------------------------------------------------
    def _arrange(self) -> None:
        """Tiles in as many columns as fit (2 to 5), charts in two columns when there is room."""
        width = self.scroll.viewport().width() or self.width()
        columns = max(2, min(5, width // TILE_WIDTH))
        if columns != self._tile_columns:
            self._tile_columns = columns
            for tile in self.tiles.values():
                self.tiles_grid.removeWidget(tile)
            for i, tile in enumerate(self.tiles.values()):
                self.tiles_grid.addWidget(tile, i // columns, i % columns)
            for c in range(5):
                self.tiles_grid.setColumnStretch(c, 1 if c < columns else 0)
        chart_columns = 2 if width >= TWO_CHART_COLUMNS_FROM else 1
        if chart_columns != self._chart_columns:
            self._chart_columns = chart_columns
            for card in self.charts.values():
                self.charts_grid.removeWidget(card)
            for i, card in enumerate(self.charts.values()):
                self.charts_grid.addWidget(card, i // chart_columns, i % chart_columns)
            for c in range(2):
                self.charts_grid.setColumnStretch(c, 1 if c < chart_columns else 0)

    def _fit_tiles(self) -> None:
        """Give every tile's detail the lines its text needs at the tiles' width, the same in every tile, so that
        nothing is cut off and the tiles of a row line up."""
        lines = 2
        for tile in self.tiles.values():
            label = tile.detail_label
            width = label.contentsRect().width()
            if width <= 0 or not label.text():
                continue
            rect = label.fontMetrics().boundingRect(0, 0, width, 10_000, int(Qt.TextFlag.TextWordWrap), label.text())
            lines = max(lines, -(-rect.height() // max(1, label.fontMetrics().lineSpacing())))
        height = label.fontMetrics().lineSpacing() * min(lines, 5) + 2
        for tile in self.tiles.values():
            tile.detail_label.setFixedHeight(height)

    def eventFilter(self, watched: Any, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.content and event.type() == QEvent.Type.Resize:
            self._arrange()
            self._fit_timer.start()
        return super().eventFilter(watched, event)

    # --- Page ---------------------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Dashboard")

    def icon(self) -> QIcon:
        return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_ComputerIcon)

    def refresh(self) -> None:
        """Compute the figures again for the selected period and slice (F5), and reread the filters."""
        self.selector.load_choices()
        self.compute()

    def restore_settings(self, settings: Settings) -> None:
        self.selector.set_first_month(settings.fiscal_year_start_month)
        if settings.dashboard_period:
            blocked = self.selector.blockSignals(True)
            self.selector.set_preset(settings.dashboard_period)
            self.selector.blockSignals(blocked)

    def save_settings(self, settings: Settings) -> None:
        if self.selector.preset() != "custom":
            settings.dashboard_period = self.selector.preset()

    def shutdown(self) -> None:
        for task in (self._task, self._check_task):
            if task is not None:
                task.cancel()
        self.close_dialogs()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.refresh_if_changed()

    # --- computing ----------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """A computation is running."""
        return self._task is not None

    def compute(self) -> None:
        """Start computing for the current selection (a running computation is dropped)."""
        if self._task is not None:
            self._task.cancel()
        if self._check_task is not None:
            self._check_task.cancel()
            self._check_task = None
        period, slice_ = self.selector.period(), self.selector.slice()
        self._error = None
        self.busy_bar.show()
        self.refresh_button.setEnabled(True)
        self._show_status(computing=True)
        self._task = run_task(
            compute_work,
            self.services,
            period,
            slice_,
            on_result=self.on_computed,
            on_error=self.on_compute_failed,
            context=self,
            name="dashboard metrics",
        )

    def refresh_if_changed(self) -> None:
        """Compute when nothing was computed yet, else only when the register changed since (cheap check)."""
        if self._task is not None:
            return
        if self.metrics is None and self._error is None:
            self.refresh()
            return
        if self._check_task is not None:
            return
        self._check_task = run_task(
            call_plain(data_version),
            self.services,
            on_result=self.on_version_checked,
            on_error=lambda _e: setattr(self, "_check_task", None),
            context=self,
            name="dashboard data version",
        )

    def on_version_checked(self, version: tuple[Any, ...]) -> None:
        self._check_task = None
        if version != self._version:
            self.refresh()

    def on_computed(self, result: tuple[tuple[Any, ...], FleetMetrics]) -> None:
        self._task = None
        self._version, self.metrics = result
        self.busy_bar.hide()
        self.show_metrics()
        self.computed.emit(self.metrics)

    def on_compute_failed(self, error: BaseException) -> None:
        self._task = None
        self.busy_bar.hide()
        self._error = error_text(error)
        self._show_status()
        self.compute_failed.emit(self._error)

    @Slot()
    def on_selector_changed(self) -> None:
        self.compute()

    @Slot(int)
    def on_first_month_changed(self, month: int) -> None:
        self.settings.fiscal_year_start_month = month

    # --- showing ------------------------------------------------------------------------------------
    def _show_status(self, computing: bool = False) -> None:
        if self._error is not None:
            self.status_label.setStyleSheet(f"color: {ERROR_COLOUR};")
            self.status_label.setText(self.tr("The figures cannot be computed: {reason}").format(reason=self._error))
            return
        self.status_label.setStyleSheet("")
        period = self.selector.period()
        if computing:
            self.status_label.setText(self.tr("Computing the figures for {period}…").format(period=period.label))
            return
        m = self.metrics
        if m is None:
            self.status_label.setText("")
            return
        self.status_label.setText(
            self.tr("{period} ({days} days) · {slice} · computed {time} · factors: {factors}").format(
                period=m.period.label,
                days=m.period.days,
                slice=self.slice_text(m.slice),
                time=QLocale().toString(
                    m.generated_at.replace(tzinfo=UTC).astimezone().time().replace(microsecond=0),
                    QLocale.FormatType.ShortFormat,
                ),
                factors=m.factor_set,
            )
        )

    def slice_text(self, s: Slice) -> str:
        if s.is_all:
            return self.tr("all assets")
        parts = []
        if s.department:
            parts.append(s.department)
        if s.location:
            parts.append(s.location)
        if s.category:
            parts.append(metric_labels.category_name(s.category, i18n.current_language()))
        return " · ".join(parts)

    def show_metrics(self) -> None:
        """Fill the tiles, charts, findings and notes from :attr:`metrics` (again after a language switch)."""
        self._show_status()
        m = self.metrics
        if m is None:
            for tile in self.tiles.values():
                tile.clear()
            return
        for key, text in kpi_texts(m).items():
            self.tiles[key].show_text(text)
        self._fit_timer.start()
        self._show_status_chart()
        self._show_age_chart()
        self._show_months_chart()
        self._show_co2e_chart()
        self._show_findings()
        self._show_notes()

    def _show_status_chart(self) -> None:
        m = self.metrics
        if m is None:
            return
        lang = i18n.current_language()
        card = self.charts["status"]
        if self.status_choice.currentData() == "stage":
            # Horizontal bars run from the bottom up: stage 1 (materials) at the bottom, 6 (use) on top.
            items = [(metric_labels.stage_name(n, lang), m.by_stage.get(n, 0)) for n in sorted(m.by_stage)]
        else:
            items = sorted(m.by_status.items(), key=lambda kv: kv[1])
            items = [(short_label(metric_labels.status_name(k, lang)), v) for k, v in items]
        if not items:
            card.set_chart(QChart(), self.tr("No assets in this slice"))
            return
        labels, values = [k for k, _ in items], [v for _, v in items]
        card.set_chart(bar_chart(labels, values, horizontal=True))

    def _show_age_chart(self) -> None:
        m = self.metrics
        card = self.charts["age"]
        if m is None:
            return
        keys = sorted((k for k in m.age_profile if k.isdigit()), key=int)
        keys += [k for k in m.age_profile if not k.isdigit() and k != "unknown"]
        if m.age_profile.get("unknown"):
            keys.append("unknown")
        values = [m.age_profile.get(k, 0) for k in keys]
        if not any(values):
            card.set_chart(QChart(), self.tr("No active assets in this slice"))
            return
        labels = [self.tr("unknown") if k == "unknown" else k for k in keys]
        card.set_chart(bar_chart(labels, values, value_title=self.tr("assets"), colour="#00838f"))
        card.view.chart().axes(Qt.Orientation.Horizontal)[0].setTitleText(self.tr("years since purchase"))
        card.view.chart().axes(Qt.Orientation.Horizontal)[0].setTitleFont(_axis_font())

    def _show_months_chart(self) -> None:
        m = self.metrics
        card = self.charts["months"]
        if m is None:
            return
        lang = i18n.current_language()
        months = _months(m.period)
        if not m.retirements_by_month:
            card.set_chart(QChart(), self.tr("No retirement or disposal in this period"))
            return
        by_pathway: dict[str, dict[str, int]] = {}
        for row in m.retirements_by_month:
            by_pathway.setdefault(row.pathway, {})[row.month] = (
                by_pathway.get(row.pathway, {}).get(row.month, 0) + row.assets
            )
        order = [p for p in PATHWAY_COLOURS if p in by_pathway] + [p for p in by_pathway if p not in PATHWAY_COLOURS]
        chart = QChart()
        series = QStackedBarSeries()
        totals = [0] * len(months)
        legend = []
        for pathway in order:
            bars = QBarSet(metric_labels.label(pathway, lang))
            colour = QColor(PATHWAY_COLOURS.get(pathway, "#9e9e9e"))
            legend.append((bars.label(), colour.name()))
            bars.setColor(colour)
            bars.setBorderColor(colour)
            for i, month in enumerate(months):
                n = by_pathway[pathway].get(month, 0)
                bars.append(n)
                totals[i] += n
            series.append(bars)
        top = max(totals, default=0)
        series.setBarWidth(0.75)
        chart.addSeries(series)
        _axes(
            chart,
            series,
            [month_label(mo) for mo in months],
            top,
            horizontal=False,
            value_title=self.tr("assets"),
            angle=-60 if len(months) > 8 else 0,
        )
        card.set_chart(chart, legend=legend)

    def _show_co2e_chart(self) -> None:
        m = self.metrics
        card = self.charts["co2e"]
        if m is None:
            return
        lang = i18n.current_language()
        rows = [p for p in m.pathways if any(v for v in p.co2e_avoided.values())]
        if not rows:
            card.set_chart(QChart(), self.tr("No reuse in this period: no avoided emissions"))
            return
        rows.sort(key=lambda p: p.co2e_avoided.get("default", 0.0))
        chart = QChart()
        # The default bar, and a pale extension up to the high bound; the low bound is in the tooltip.
        series = QHorizontalStackedBarSeries()
        default = QBarSet(metric_labels.label("default", lang))
        default.setColor(QColor(BOUND_COLOURS["default"]))
        default.setBorderColor(QColor(BOUND_COLOURS["default"]))
        upper = QBarSet(self.tr("range up to the high bound"))
        upper.setColor(QColor(BOUND_COLOURS["high"]))
        upper.setBorderColor(QColor(BOUND_COLOURS["default"]))
        top = 0.0
        for p in rows:
            d, h = p.co2e_avoided.get("default", 0.0), p.co2e_avoided.get("high", 0.0)
            default.append(round(d))
            upper.append(max(0.0, h - d))
            top = max(top, h, d)
        series.append(default)
        series.append(upper)
        series.setBarWidth(0.6)
        chart.addSeries(series)
        # The default figure beside the pathway's name: a label inside a short bar would be cut off.
        names = [
            f"{metric_labels.label(p.pathway, lang)}  {format_number(p.co2e_avoided.get('default', 0.0))}" for p in rows
        ]
        _axes(chart, series, names, top, horizontal=True, value_title=self.tr("kg CO2e"))
        self._co2e_rows = rows
        series.hovered.connect(self.on_co2e_hovered)
        card.set_chart(
            chart, legend=[(default.label(), BOUND_COLOURS["default"]), (upper.label(), BOUND_COLOURS["high"])]
        )
        card.view.setToolTip(
            "\n".join(
                self.tr("{pathway}: {default} (low {low}, high {high})").format(
                    pathway=metric_labels.label(p.pathway, lang),
                    default=format_kg(p.co2e_avoided.get("default", 0.0)),
                    low=format_kg(p.co2e_avoided.get("low", 0.0)),
                    high=format_kg(p.co2e_avoided.get("high", 0.0)),
                )
                for p in reversed(rows)
            )
        )

    @Slot(bool, int, QBarSet)
    def on_co2e_hovered(self, status: bool, index: int, _bars: QBarSet) -> None:
        rows = getattr(self, "_co2e_rows", [])
        if not status or not 0 <= index < len(rows):
            return
        p = rows[index]
        QToolTip.showText(
            QCursor.pos(),
            self.tr("{pathway}: {default} (low {low}, high {high})").format(
                pathway=metric_labels.label(p.pathway, i18n.current_language()),
                default=format_kg(p.co2e_avoided.get("default", 0.0)),
                low=format_kg(p.co2e_avoided.get("low", 0.0)),
                high=format_kg(p.co2e_avoided.get("high", 0.0)),
            ),
        )

    def _show_findings(self) -> None:
        m = self.metrics
        tree = self.findings_tree
        tree.clear()
        if m is None:
            return
        lang = i18n.current_language()
        for finding in m.findings:
            item = QTreeWidgetItem(
                [
                    metric_labels.label(finding.key, lang)
                    if finding.key in metric_labels.LABELS["en"]
                    else finding.title,
                    format_count(finding.count),
                ]
            )
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setData(0, Qt.ItemDataRole.UserRole + 1, finding.key)
            if finding.count:
                font = item.font(0)
                font.setBold(True)
                item.setFont(0, font)
                item.setFont(1, font)
            for example in finding.examples:
                child = QTreeWidgetItem([example, ""])
                child.setData(0, Qt.ItemDataRole.UserRole, example)
                child.setToolTip(0, self.tr("Double-click to open {asset}").format(asset=example))
                item.addChild(child)
            more = finding.count - len(finding.examples)
            if more > 0 and finding.examples:
                rest = QTreeWidgetItem([self.tr("… and {n} more").format(n=format_count(more)), ""])
                rest.setDisabled(True)
                item.addChild(rest)
            tree.addTopLevelItem(item)
        self._update_buttons()

    def _show_notes(self) -> None:
        m = self.metrics
        notes = list(m.notes) if m is not None else []
        self.notes_button.setText(self.tr("Notes ({n})").format(n=len(notes)))
        if m is None:
            self.notes_label.clear()
            return
        lines = [f"• {i18n.core_text(n)}" for n in notes] or [self.tr("No fallback was needed: every figure uses recorded data.")]
        lines.append("")
        lines.append(self.tr("Factor set: {label}").format(label=m.factor_set))
        self.notes_label.setText("\n".join(lines))

    # --- findings -----------------------------------------------------------------------------------
    def selected_example(self) -> str | None:
        items = self.findings_tree.selectedItems()
        if not items:
            return None
        return items[0].data(0, Qt.ItemDataRole.UserRole)

    def _update_buttons(self) -> None:
        has = self.selected_example() is not None
        self.open_asset_button.setEnabled(has)
        self.show_inventory_button.setEnabled(has)

    def on_finding_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        ref = item.data(0, Qt.ItemDataRole.UserRole)
        if ref:
            self.asset_requested.emit(ref)
        else:
            item.setExpanded(not item.isExpanded())

    @Slot()
    def on_open_asset_button_clicked(self) -> None:
        ref = self.selected_example()
        if ref:
            self.asset_requested.emit(ref)

    @Slot()
    def on_show_inventory_button_clicked(self) -> None:
        ref = self.selected_example()
        if ref:
            self.inventory_requested.emit(ref)

    @Slot(bool)
    def on_notes_button_toggled(self, shown: bool) -> None:
        self.notes_button.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.notes_label.setVisible(shown)

    @Slot(int)
    def on_status_choice_changed(self, _index: int) -> None:
        self._show_status_chart()

    # --- texts --------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.refresh_button.setText(self.tr("&Refresh"))
        self.refresh_button.setToolTip(self.tr("Compute the figures again from the database (F5)"))
        self.busy_bar.setToolTip(self.tr("Computing…"))
        for key, tile in self.tiles.items():
            tile.title_label.setText(_tr(TILES[key]))
            tile.setWhatsThis(_tr(DEFINITIONS[key]))
            if self.metrics is None:
                tile.setToolTip(_tr(DEFINITIONS[key]))
        for key, card in self.charts.items():
            card.title_label.setText(_tr(CHART_TITLES["status" if key == "status" else key]))
        self.status_choice.setItemText(0, self.tr("by status"))
        self.status_choice.setItemText(1, self.tr("by stage"))
        self.status_choice.setToolTip(self.tr("Count the register by operational status or by value-chain stage"))
        self.charts["months"].setToolTip(
            self.tr(
                "Assets that were retired, lost or went missing, and the fates (reuse, resale, recycling …) recorded "
                "each month of the period"
            )
        )
        self.charts["co2e"].setToolTip(
            self.tr(
                "Avoided emissions of each reuse pathway: low, default and high bounds. Reported apart from the "
                "inventory, never netted off it."
            )
        )
        self.charts["age"].setToolTip(self.tr("Assets in use, in stock or in repair by whole years since purchase"))
        self.findings_title.setText(self.tr("Findings"))
        self.findings_tree.setHeaderLabels([self.tr("Finding and example assets"), self.tr("Assets")])
        self.findings_tree.setToolTip(self.tr("Double-click an example asset to open its details and history"))
        self.open_asset_button.setText(self.tr("&Open asset"))
        self.open_asset_button.setToolTip(self.tr("Open the selected example asset's details and history"))
        self.show_inventory_button.setText(self.tr("Show in &inventory"))
        self.show_inventory_button.setToolTip(self.tr("Search the inventory for the selected example asset"))
        self.notes_button.setToolTip(self.tr("Which defaults and fallbacks the figures used (show or hide)"))
        self.setWhatsThis(
            self.tr(
                "The dashboard shows the fleet's circularity figures for the chosen period and slice. Hover over a "
                "figure for its definition; a figure shown as — could not be computed, and its tooltip says why."
            )
        )
        if self.metrics is not None:
            self.show_metrics()
        else:
            self._show_notes()
            self._show_status(computing=self._task is not None)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


__all__: tuple[str, ...] = ("DashboardPage", "KpiText", "PeriodSelector", "format_kg", "format_percent", "kpi_texts")
