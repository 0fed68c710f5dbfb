"""Widgets shared by the dashboard and the reports page: the period and slice selector.

:class:`PeriodSelector` offers the usual reporting periods (the last 12 months, this year, last year, the
last complete fiscal year, or any dates) and the slice filters (department, location, category) filled from
the data on a worker. It hands out a :class:`itam.metrics.results.Period` and a
:class:`itam.metrics.results.Slice`, exactly what :meth:`itam.services.metrics.MetricsService.compute` takes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QDate,
    QEvent,
    QLocale,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableView,
    QWidget,
)

from itam.metrics.fleet import fiscal_year
from itam.metrics.labels import category_name
from itam.metrics.results import Period, Slice
from itam.services import Services
from ui import i18n
from ui.workers import TaskHandle, call_plain, run_task

_CONTEXT = "PeriodSelector"

#: Period presets in the order the combo lists them.
PRESETS: dict[str, str] = {
    "last_12_months": QT_TRANSLATE_NOOP("PeriodSelector", "Last 12 months"),
    "this_year": QT_TRANSLATE_NOOP("PeriodSelector", "This year to date"),
    "last_year": QT_TRANSLATE_NOOP("PeriodSelector", "Last year"),
    "last_fiscal_year": QT_TRANSLATE_NOOP("PeriodSelector", "Last fiscal year"),
    "custom": QT_TRANSLATE_NOOP("PeriodSelector", "Custom dates"),
}
DEFAULT_PRESET = "last_12_months"
#: Milliseconds of quiet after a date was edited before the selection counts as changed.
DATE_DELAY_MS = 400


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _year_after(d: date, years: int = 1) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def preset_period(key: str, today: date, first_month: int = 1) -> Period:
    """The period a preset stands for on ``today`` (``custom`` has none: a ``KeyError``)."""
    if key == "last_12_months":
        return Period(_year_after(today, -1) + timedelta(days=1), today)
    if key == "this_year":
        return Period(date(today.year, 1, 1), today)
    if key == "last_year":
        return Period(date(today.year - 1, 1, 1), date(today.year - 1, 12, 31))
    if key == "last_fiscal_year":
        return fiscal_year(today, first_month)
    raise KeyError(key)


@dataclass(frozen=True)
class SliceChoices:
    """The values the slice filters offer: what the register holds."""

    departments: tuple[str, ...] = ()
    locations: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()


def read_slice_choices(services: Services) -> SliceChoices:
    """Worker thread: the departments, locations and categories that assets carry (distinct, sorted)."""
    return SliceChoices(*services.metrics.slice_choices())


def data_version(services: Services) -> tuple[Any, ...]:
    """Worker thread: a fingerprint of the register that changes whenever anything is written."""
    return services.metrics.data_version()


def to_qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def from_qdate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class PeriodSelector(QWidget):
    """Period preset, from/to dates, and the department, location and category slice.

    ``changed`` is emitted when the person changes the selection (dates after a short pause). The period row
    and the slice row stand side by side when there is room, else one above the other.
    """

    changed = Signal()
    #: The person chose the month the fiscal year starts in (1 … 12).
    first_month_changed = Signal(int)

    def __init__(self, services: Services, parent: QWidget | None = None, *, today: date | None = None):
        super().__init__(parent)
        self.services = services
        self._today = today
        self._first_month = 1
        self._choices = SliceChoices()
        self._choices_task: TaskHandle | None = None
        self.setObjectName("period_selector")

        self.period_row = QWidget(self)
        period = QHBoxLayout(self.period_row)
        period.setContentsMargins(0, 0, 0, 0)
        self.period_label = QLabel(self.period_row)
        self.preset_combo = QComboBox(self.period_row)
        self.preset_combo.setObjectName("preset_combo")
        self.preset_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for key in PRESETS:
            self.preset_combo.addItem("", key)
        self.period_label.setBuddy(self.preset_combo)
        self.from_edit = self._date_edit("from_edit")
        self.dash_label = QLabel("–", self.period_row)
        self.to_edit = self._date_edit("to_edit")
        self.fiscal_label = QLabel(self.period_row)
        self.fiscal_combo = QComboBox(self.period_row)
        self.fiscal_combo.setObjectName("fiscal_combo")
        for month in range(1, 13):
            self.fiscal_combo.addItem("", month)
        self.fiscal_label.setBuddy(self.fiscal_combo)
        for w in (
            self.period_label,
            self.preset_combo,
            self.from_edit,
            self.dash_label,
            self.to_edit,
            self.fiscal_label,
            self.fiscal_combo,
        ):
            period.addWidget(w)
        period.addStretch(1)

        self.slice_row = QWidget(self)
        row = QHBoxLayout(self.slice_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.department_label = QLabel(self.slice_row)
        self.department_combo = self._slice_combo("department_combo")
        self.location_label = QLabel(self.slice_row)
        self.location_combo = self._slice_combo("location_combo")
        self.category_label = QLabel(self.slice_row)
        self.category_combo = self._slice_combo("category_combo")
        for label, combo in (
            (self.department_label, self.department_combo),
            (self.location_label, self.location_combo),
            (self.category_label, self.category_combo),
        ):
            label.setBuddy(combo)
            row.addWidget(label)
            row.addWidget(combo)
        row.addStretch(1)

        self.box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.setSpacing(18)
        self.box.addWidget(self.period_row)
        self.box.addWidget(self.slice_row)
        self.box.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

        self.date_timer = QTimer(self)
        self.date_timer.setSingleShot(True)
        self.date_timer.setInterval(DATE_DELAY_MS)
        self.date_timer.timeout.connect(self.changed)

        self.preset_combo.currentIndexChanged.connect(self.on_preset_combo_currentIndexChanged)
        self.fiscal_combo.currentIndexChanged.connect(self.on_fiscal_combo_currentIndexChanged)
        self.from_edit.dateChanged.connect(self.on_date_edited)
        self.to_edit.dateChanged.connect(self.on_date_edited)
        for combo in (self.department_combo, self.location_combo, self.category_combo):
            combo.currentIndexChanged.connect(self.on_slice_combo_changed)

        self.retranslate()
        self._apply_preset()

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit(self.period_row)
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setMinimumDate(QDate(1990, 1, 1))
        edit.setMaximumDate(QDate(2200, 12, 31))
        return edit

    def _slice_combo(self, name: str) -> QComboBox:
        combo = QComboBox(self.slice_row)
        combo.setObjectName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.setMaximumWidth(220)
        combo.addItem("", None)
        return combo

    # --- what is selected ---------------------------------------------------------------------------
    def today(self) -> date:
        return self._today or date.today()

    def preset(self) -> str:
        return self.preset_combo.currentData()

    def period(self) -> Period:
        start, end = from_qdate(self.from_edit.date()), from_qdate(self.to_edit.date())
        if end < start:
            start, end = end, start
        return Period(start, end)

    def slice(self) -> Slice:
        return Slice(
            department=self.department_combo.currentData(),
            location=self.location_combo.currentData(),
            category=self.category_combo.currentData(),
        )

    def first_month(self) -> int:
        return self._first_month

    # --- choosing (the person, or code and tests) ---------------------------------------------------
    def set_preset(self, key: str) -> None:
        index = self.preset_combo.findData(key if key in PRESETS else DEFAULT_PRESET)
        self.preset_combo.setCurrentIndex(index)

    def set_period(self, period: Period) -> None:
        """Custom dates (emits ``changed`` once)."""
        self.date_timer.stop()
        with _blocked(self.preset_combo, self.from_edit, self.to_edit):
            self.preset_combo.setCurrentIndex(self.preset_combo.findData("custom"))
            self.from_edit.setDate(to_qdate(period.start))
            self.to_edit.setDate(to_qdate(period.end))
        self._update_fiscal_visibility()
        self.changed.emit()

    def set_first_month(self, month: int) -> None:
        month = month if 1 <= month <= 12 else 1
        self._first_month = month
        with _blocked(self.fiscal_combo):
            self.fiscal_combo.setCurrentIndex(month - 1)
        if self.preset() == "last_fiscal_year":
            self._apply_preset()

    def set_slice_value(self, which: str, value: str | None) -> None:
        """Pick ``value`` in the ``department``, ``location`` or ``category`` combo (added when missing)."""
        combo = {"department": self.department_combo, "location": self.location_combo, "category": self.category_combo}[
            which
        ]
        index = combo.findData(value)
        if index < 0:
            combo.addItem(self._slice_text(which, value), value)
            index = combo.count() - 1
        combo.setCurrentIndex(index)

    def set_period_enabled(self, enabled: bool) -> None:
        self.period_row.setEnabled(enabled)
        self.slice_row.setEnabled(enabled)

    # --- choices from the data ----------------------------------------------------------------------
    def load_choices(self) -> None:
        """Read the departments, locations and categories on a worker; the combos keep what is chosen."""
        if self._choices_task is not None:
            self._choices_task.cancel()
        self._choices_task = run_task(
            call_plain(read_slice_choices),
            self.services,
            on_result=self.on_choices_read,
            on_error=self.on_choices_failed,
            context=self,
            name="slice choices",
        )

    @property
    def choices_loading(self) -> bool:
        return self._choices_task is not None

    def on_choices_read(self, choices: SliceChoices) -> None:
        self._choices_task = None
        self._choices = choices
        self._fill_choices()

    def on_choices_failed(self, _error: BaseException) -> None:
        # The filters stay as they were; the page that computes reports the database problem itself.
        self._choices_task = None

    def _slice_text(self, which: str, value: str | None) -> str:
        if which == "category" and value is not None:
            return category_name(value, i18n.current_language())
        return value or ""

    def _fill_choices(self) -> None:
        for which, combo, values in (
            ("department", self.department_combo, self._choices.departments),
            ("location", self.location_combo, self._choices.locations),
            ("category", self.category_combo, self._choices.categories),
        ):
            chosen = combo.currentData()
            items = list(values)
            if which == "category":
                items.sort(key=lambda k: self._slice_text("category", k).casefold())
            if chosen is not None and chosen not in items:
                items.append(chosen)
            with _blocked(combo):
                while combo.count() > 1:
                    combo.removeItem(1)
                for value in items:
                    combo.addItem(self._slice_text(which, value), value)
                combo.setCurrentIndex(max(0, combo.findData(chosen)))
        self.updateGeometry()

    # --- reactions ----------------------------------------------------------------------------------
    def _apply_preset(self) -> None:
        key = self.preset()
        if key != "custom":
            period = preset_period(key, self.today(), self._first_month)
            with _blocked(self.from_edit, self.to_edit):
                self.from_edit.setDate(to_qdate(period.start))
                self.to_edit.setDate(to_qdate(period.end))
        self._update_fiscal_visibility()

    def _update_fiscal_visibility(self) -> None:
        fiscal = self.preset() == "last_fiscal_year"
        self.fiscal_label.setVisible(fiscal)
        self.fiscal_combo.setVisible(fiscal)

    @Slot(int)
    def on_preset_combo_currentIndexChanged(self, _index: int) -> None:  # noqa: N802
        self.date_timer.stop()
        self._apply_preset()
        self.changed.emit()

    @Slot(int)
    def on_fiscal_combo_currentIndexChanged(self, index: int) -> None:  # noqa: N802
        self._first_month = index + 1
        self._apply_preset()
        self.first_month_changed.emit(self._first_month)
        self.changed.emit()

    @Slot()
    def on_date_edited(self) -> None:
        if self.preset() != "custom":
            with _blocked(self.preset_combo):
                self.preset_combo.setCurrentIndex(self.preset_combo.findData("custom"))
            self._update_fiscal_visibility()
        self.date_timer.start()

    @Slot(int)
    def on_slice_combo_changed(self, _index: int) -> None:
        self.changed.emit()

    # --- texts and layout ---------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.period_label.setText(self.tr("&Period:"))
        for i, key in enumerate(PRESETS):
            self.preset_combo.setItemText(i, _tr(PRESETS[key]))
        self.preset_combo.setToolTip(
            self.tr(
                "The reporting period: events (retirements, disposals, reuse) dated in it count; both ends are included"
            )
        )
        self.from_edit.setToolTip(self.tr("First day of the period (editing a date switches to custom dates)"))
        self.to_edit.setToolTip(self.tr("Last day of the period (included)"))
        self.fiscal_label.setText(self.tr("starting in"))
        locale = QLocale()
        for month in range(1, 13):
            self.fiscal_combo.setItemText(month - 1, locale.standaloneMonthName(month, QLocale.FormatType.LongFormat))
        self.fiscal_combo.setToolTip(self.tr("The month the organisation's fiscal year starts in"))
        self.department_label.setText(self.tr("&Department:"))
        self.location_label.setText(self.tr("L&ocation:"))
        self.category_label.setText(self.tr("Ca&tegory:"))
        self.department_combo.setItemText(0, self.tr("All departments"))
        self.location_combo.setItemText(0, self.tr("All locations"))
        self.category_combo.setItemText(0, self.tr("All categories"))
        for combo in (self.department_combo, self.location_combo, self.category_combo):
            combo.setToolTip(self.tr("Only the assets that match count (a slice of the fleet)"))
        for i in range(1, self.category_combo.count()):
            self.category_combo.setItemText(i, self._slice_text("category", self.category_combo.itemData(i)))
        self._relayout()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _wide_width(self) -> int:
        return self.period_row.sizeHint().width() + self.box.spacing() + self.slice_row.sizeHint().width()

    def minimumSizeHint(self):  # noqa: ANN201, N802 - Qt override
        hint = super().minimumSizeHint()
        hint.setWidth(max(self.period_row.minimumSizeHint().width(), self.slice_row.minimumSizeHint().width()))
        return hint

    def _relayout(self) -> None:
        wide = self.width() >= self._wide_width()
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self.box.direction() != direction:
            self.box.setDirection(direction)
            self.box.setSpacing(18 if wide else 4)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._relayout()


class _blocked:  # noqa: N801 - used as a statement
    """``with _blocked(a, b):`` — no signals from those objects inside the block."""

    def __init__(self, *objects: Any):
        self.objects = objects
        self.previous: list[bool] = []

    def __enter__(self) -> None:
        self.previous = [o.blockSignals(True) for o in self.objects]

    def __exit__(self, *exc: object) -> None:
        for o, was in zip(self.objects, self.previous):
            o.blockSignals(was)


def table_view(parent: QWidget, model: Any, name: str, *, single: bool = False, movable: bool = True) -> QTableView:
    """A read-only table as every page shows one: whole rows selected (one, or several with Shift/Ctrl),
    no word wrap, elided text, compact rows, no row numbers, columns resizable (and movable)."""
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection if single
                          else QAbstractItemView.SelectionMode.ExtendedSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    header = view.horizontalHeader()
    header.setSectionsMovable(movable)
    header.setHighlightSections(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    return view
