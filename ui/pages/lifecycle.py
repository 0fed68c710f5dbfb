"""The lifecycle page: decide what happens to ageing and retired kit.

Worklists (due for refresh, retired, awaiting sanitization, sanitized, missing or lost) show each asset with
the circular lever the policy recommends (:mod:`itam.lifecycle.recommend`, computed on a worker a page at a
time by :class:`~itam.services.retirement.RetirementService`). Selecting an asset shows the recommendation
in full: the lever chosen and why each better lever was passed over. The actions move the selected assets
through the transitions ``resources/lifecycle.toml`` allows from their status; several assets move all or
nothing (:meth:`LifecycleService.move_many`), one asset records the move's outcome (value, cost, weight,
parts) with :meth:`LifecycleService.move`.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QDate,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QIcon, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStyle,
    QTabBar,
    QTableView,
    QTextBrowser,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from itam import security
from itam.errors import ItamError
from itam.lifecycle import Transition, default_lifecycle
from itam.lifecycle.engine import Part, money
from itam.services import Services
from itam.services.parties import PartyView
from itam.services.retirement import WORKLISTS, RetirementService, WorkItem, Worklist
from ui import access, i18n
from ui.dialogs.asset_dialog import AssetDialog
from ui.i18n import core_text
from ui.models.lifecycle_table import (
    COLUMN_KEYS,
    LifecycleTableModel,
    WorkItemIdRole,
    age_text,
    model_text,
    passed_over_html,
    reason_text,
)
from ui.pages import Page
from ui.settings import Settings
from ui.widgets import table_view
from ui.workers import TaskHandle, call_plain, run_task

QItemSelectionFlags = QItemSelectionModel.SelectionFlag

#: Rows computed per worker run; more are loaded with "Show more".
PAGE_SIZE = 500
MAX_COLUMN_WIDTH = 200
#: Narrower caps for columns whose text is long but secondary (the tooltip shows it whole).
COLUMN_CAPS = {"status": 150, "model": 170, "category": 120, "lever": 240}

#: The page's move actions: (action key, transition key in resources/lifecycle.toml, asks for details first).
MOVE_ACTIONS: tuple[tuple[str, str, bool], ...] = (
    ("retire", "retire", True),
    ("redeploy", "redeploy", False),
    ("sell", "sell", True),
    ("donate", "donate", True),
    ("harvest", "harvest", True),
    ("recycle", "recycle", True),
    ("destroy", "destroy", True),
)
#: The transition that carries out a recommended lever (life extension keeps the asset where it is).
LEVER_TRANSITION = {
    "redeploy": "redeploy",
    "remarket": "sell",
    "refurbish": "refurbish",
    "harvest": "harvest",
    "recycle": "recycle",
}


def allowed(transition_key: str, statuses: set[str]) -> bool:
    """Whether the transition may start from every one of these statuses (none: no)."""
    if not statuses:
        return False
    lifecycle = default_lifecycle()
    t = lifecycle.transitions.get(transition_key)
    if t is None:
        return False
    return all(s in lifecycle.statuses and t in lifecycle.allowed_from(s) for s in statuses)


def parse_parts(direction: str, text: str) -> tuple[Part, ...]:
    """``"ram:16, ssd:512x2"`` -> parts; raises ValidationError naming the bad one."""
    return tuple(Part.parse(direction, p) for p in (text or "").replace(";", ",").split(",") if p.strip())


def read_worklist(services: Services, retirement: RetirementService, kind: str, offset: int, limit: int,
                  progress: Callable[[int, int], None], is_cancelled: Callable[[], bool]) -> tuple[Worklist, dict]:
    """Worker thread: one page of a worklist, and (on the first page) how many each worklist holds."""
    page = retirement.worklist(kind, offset=offset, limit=limit, progress=progress, is_cancelled=is_cancelled)
    counts = retirement.counts() if offset == 0 else {}
    return page, counts


# --- the dialog that asks what a move needs ---------------------------------------------------------------
class MoveDialog(QDialog):
    """What a transition needs: reason, party, the day it happened and, for one asset, the outcome."""

    #: The keyword arguments for the service (reason, party, occurred_at; for one asset also value …).
    move_requested = Signal(object)

    def __init__(self, transition: Transition, items: list[WorkItem], parties: list[PartyView],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("lifecycle_move_dialog")
        self.transition = transition
        self.items = items
        self.single = len(items) == 1
        self.with_outcome = self.single and transition.pathway is not None
        self.setWindowTitle(self.tr("{action} – {n} asset(s)").format(
            action=i18n.transition_name(transition.key), n=len(items)))

        layout = QVBoxLayout(self)
        self.summary_label = QLabel(self)
        self.summary_label.setWordWrap(True)
        layout.addWidget(self.summary_label)
        if self.single:
            it = items[0]
            self.summary_label.setText(self.tr("Move {tag} ({model}) from “{source}” to “{target}”.").format(
                tag=it.asset_tag or f"#{it.id}", model=model_text(it) or i18n.category_name(it.category),
                source=i18n.status_name(it.status), target=i18n.status_name(transition.target)))
        else:
            self.summary_label.setText(self.tr(
                "Move {n} assets to “{target}”. All of them move, or none does.").format(
                n=len(items), target=i18n.status_name(transition.target)))

        form = QFormLayout()
        layout.addLayout(form)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setObjectName("reason_edit")
        self.reason_edit.setMaxLength(500)
        self.reason_required = "reason" in transition.requires
        self.reason_edit.setPlaceholderText(self.tr("Required") if self.reason_required else self.tr("Optional"))
        form.addRow(self.tr("&Reason:"), self.reason_edit)

        self.party_combo = QComboBox(self)
        self.party_combo.setObjectName("party_combo")
        self.party_required = "party" in transition.requires
        self.party_combo.addItem(self.tr("(choose a party)") if self.party_required else self.tr("(none)"), None)
        for p in parties:
            self.party_combo.addItem(f"{p.name} · {p.kind.replace('_', ' ')}", p.name)
        self.party_combo.setToolTip(self.tr("The buyer, recipient, recycler or vendor involved"))
        form.addRow(self.tr("&Party:"), self.party_combo)

        self.date_edit = QDateEdit(self)
        self.date_edit.setObjectName("date_edit")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setMaximumDate(QDate.currentDate())
        self.date_edit.setDate(QDate.currentDate())
        self.date_edit.setToolTip(self.tr("The day it happened; not in the future"))
        form.addRow(self.tr("&Date:"), self.date_edit)

        self.outcome_box = QGroupBox(self.tr("Outcome of this asset"), self)
        outcome = QFormLayout(self.outcome_box)
        self.value_edit = QLineEdit(self.outcome_box)
        self.value_edit.setObjectName("value_edit")
        self.value_edit.setPlaceholderText(self.tr("e.g. 120.50"))
        outcome.addRow(self.tr("&Value received:"), self.value_edit)
        self.cost_edit = QLineEdit(self.outcome_box)
        self.cost_edit.setObjectName("cost_edit")
        self.cost_edit.setPlaceholderText(self.tr("e.g. 15"))
        outcome.addRow(self.tr("C&ost paid:"), self.cost_edit)
        self.currency_edit = QLineEdit(self.outcome_box)
        self.currency_edit.setObjectName("currency_edit")
        self.currency_edit.setMaxLength(3)
        self.currency_edit.setPlaceholderText(self.tr("EUR, CNY, USD…"))
        outcome.addRow(self.tr("C&urrency:"), self.currency_edit)
        self.weight_spin = QDoubleSpinBox(self.outcome_box)
        self.weight_spin.setObjectName("weight_spin")
        self.weight_spin.setRange(0, 99_999)
        self.weight_spin.setDecimals(2)
        self.weight_spin.setSuffix(" kg")
        self.weight_spin.setSpecialValueText(self.tr("not weighed"))
        outcome.addRow(self.tr("&Weight:"), self.weight_spin)
        self.fitted_edit = QLineEdit(self.outcome_box)
        self.fitted_edit.setObjectName("fitted_edit")
        self.fitted_edit.setPlaceholderText(self.tr("e.g. ram:16, ssd:512"))
        outcome.addRow(self.tr("Parts &fitted:"), self.fitted_edit)
        self.recovered_edit = QLineEdit(self.outcome_box)
        self.recovered_edit.setObjectName("recovered_edit")
        self.recovered_edit.setPlaceholderText(self.tr("e.g. ram:16, ssd:512x2, psu"))
        outcome.addRow(self.tr("Parts re&covered:"), self.recovered_edit)
        layout.addWidget(self.outcome_box)
        self.outcome_box.setVisible(self.with_outcome)
        if not self.single and transition.pathway is not None:
            note = QLabel(self.tr("Value, cost, weight and parts are recorded per asset: "
                                  "move one asset at a time to record them."), self)
            note.setWordWrap(True)
            layout.addWidget(note)

        self.error_label = QLabel(self)
        self.error_label.setObjectName("move_error_label")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.hide()
        layout.addWidget(self.error_label)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("&Move"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(max(self.sizeHint().width(), 460), self.sizeHint().height())

    def values(self) -> dict[str, Any]:
        """The service's keyword arguments; raises ItamError (or ValueError) for what the person must fix."""
        reason = self.reason_edit.text().strip() or None
        if self.reason_required and not reason:
            raise ValueError(self.tr("Give a reason for this move."))
        party = self.party_combo.currentData()
        if self.party_required and not party:
            raise ValueError(self.tr("Choose the party involved."))
        when = self.date_edit.date().toPython()
        if when > date.today():
            raise ValueError(self.tr("The date cannot be in the future."))
        kwargs: dict[str, Any] = {"reason": reason, "party": party, "occurred_at": when}
        if self.with_outcome:
            value = money(self.value_edit.text().strip() or None, "the value received")
            cost = money(self.cost_edit.text().strip() or None, "the cost")
            currency = self.currency_edit.text().strip().upper() or None
            if (value is not None or cost is not None) and currency is None:
                raise ValueError(self.tr("An amount needs its currency (e.g. EUR)."))
            kwargs.update(
                value=value, cost=cost, currency=currency,
                weight_kg=self.weight_spin.value() or None,
                parts=parse_parts("fitted", self.fitted_edit.text()) + parse_parts("recovered", self.recovered_edit.text()),
            )
        return kwargs

    def accept(self) -> None:
        try:
            kwargs = self.values()
        except (ItamError, ValueError) as exc:
            self.error_label.setText(core_text(exc))
            self.error_label.show()
            return
        self.move_requested.emit(kwargs)
        super().accept()


# --- the page ----------------------------------------------------------------------------------------------
class LifecyclePage(Page):
    """Worklists of assets that need a decision, the recommended lever for each, and the moves to act on it."""

    key = "lifecycle"

    #: Assets were moved (other pages show them differently now).
    assets_changed = Signal()
    #: A worklist page has been read and shown.
    worklist_loaded = Signal()
    #: A move finished (True) or was refused (False).
    move_finished = Signal(bool)

    def __init__(self, services: Services, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.settings = settings
        self.setObjectName("lifecycle_page")
        self.retirement = RetirementService(services.ctx)
        self._read_task: TaskHandle | None = None
        self._move_task: TaskHandle | None = None
        self._generation = 0
        self._total = 0
        self._counts: dict[str, int] = {}
        self._asset_dialogs: list[AssetDialog] = []
        self._keep_selection: set[int] = set()
        #: The last move's error text, as shown to the user (tests read it).
        self.last_error: str | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(9, 9, 9, 4)
        self.tabs = QTabBar(self)
        self.tabs.setObjectName("worklist_tabs")
        self.tabs.setExpanding(False)
        self.tabs.setDrawBase(False)
        for kind in WORKLISTS:
            index = self.tabs.addTab("")
            self.tabs.setTabData(index, kind)
        self.tabs.currentChanged.connect(self.on_tabs_currentChanged)
        layout.addWidget(self.tabs)
        layout.addWidget(self._build_toolbar())

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("lifecycle_splitter")
        self.model = LifecycleTableModel(self)
        self.table = self._build_table()
        self.splitter.addWidget(self.table)
        self.details = QTextBrowser(self.splitter)
        self.details.setObjectName("recommendation_view")
        self.details.setOpenLinks(False)
        self.details.setMinimumWidth(260)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([640, 360])
        layout.addWidget(self.splitter, 1)

        bottom = QHBoxLayout()
        self.count_label = QLabel(self)
        self.count_label.setObjectName("worklist_count_label")
        bottom.addWidget(self.count_label)
        self.more_button = QPushButton(self)
        self.more_button.setObjectName("show_more_button")
        self.more_button.clicked.connect(self.on_more_button_clicked)
        self.more_button.hide()
        bottom.addWidget(self.more_button)
        bottom.addStretch(1)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("lifecycle_progress")
        self.progress.setMaximumWidth(240)
        self.progress.hide()
        bottom.addWidget(self.progress)
        layout.addLayout(bottom)

        self.retranslate()
        self._update_actions()
        self._show_details()
        # Read when first shown: computing recommendations at start-up would compete with the page in view.
        self._stale = True

    # --- building -----------------------------------------------------------------------------------
    def _build_toolbar(self) -> QToolBar:
        bar = QToolBar(self)
        bar.setObjectName("lifecycle_toolbar")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar = bar
        self.move_actions: dict[str, QAction] = {}
        for key, transition, _ask in MOVE_ACTIONS:
            action = QAction(self)
            action.setObjectName(f"{key}_action")
            action.triggered.connect(lambda _checked=False, t=transition: self.start_move(t))
            bar.addAction(action)
            self.move_actions[key] = action
            if key in ("retire", "redeploy", "harvest"):
                bar.addSeparator()
        bar.addSeparator()
        self.apply_action = QAction(self)
        self.apply_action.setObjectName("apply_recommendation_action")
        self.apply_action.triggered.connect(self.apply_recommendation)
        bar.addAction(self.apply_action)
        bar.addSeparator()
        self.details_action = QAction(QApplication.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogInfoView), "",
                                      self)
        self.details_action.setObjectName("asset_details_action")
        self.details_action.triggered.connect(self.open_selected_asset)
        bar.addAction(self.details_action)
        return bar

    def _build_table(self) -> QTableView:
        view = table_view(self, self.model, "lifecycle_table", single=False, movable=False)
        header = view.horizontalHeader()
        header.setStretchLastSection(True)
        view.selectionModel().selectionChanged.connect(self.on_selection_changed)
        view.activated.connect(self.on_table_activated)
        return view

    def _fit_columns(self) -> None:
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for section in range(header.count()):
            cap = COLUMN_CAPS.get(COLUMN_KEYS[section], MAX_COLUMN_WIDTH)
            if header.sectionSize(section) > cap:
                header.resizeSection(section, cap)

    # --- Page ---------------------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Lifecycle")

    def icon(self) -> QIcon:
        return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_BrowserReload)

    @property
    def worklist(self) -> str:
        """The worklist shown (a key of :data:`WORKLISTS`)."""
        return self.tabs.tabData(self.tabs.currentIndex())

    def show_worklist(self, kind: str) -> None:
        self.tabs.setCurrentIndex(WORKLISTS.index(kind))

    @property
    def loading(self) -> bool:
        return self._read_task is not None

    @property
    def busy(self) -> bool:
        return self._move_task is not None

    def refresh(self) -> None:
        """Read the current worklist again, from its first page (on a worker); a hidden page does it when
        next shown."""
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        self._keep_selection = set(self.selected_ids())
        self._load(0)

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _load(self, offset: int) -> None:
        if self._read_task is not None:
            self._read_task.cancel()
        self._generation += 1
        generation = self._generation
        kind = self.worklist
        self.count_label.setText(self.tr("Computing recommendations…"))
        self.more_button.setEnabled(False)
        self._read_task = run_task(
            read_worklist, self.services, self.retirement, kind, offset, PAGE_SIZE,
            on_result=lambda result: self.on_worklist_read(generation, offset, result),
            on_error=lambda error: self.on_worklist_failed(generation, error),
            context=self, name=f"lifecycle worklist {kind}",
        )

    def shutdown(self) -> None:
        if self._read_task is not None:
            self._read_task.cancel()
        self.close_dialogs()
        for dialog in list(self._asset_dialogs):
            dialog.close()

    # --- texts --------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self._tab_texts()
        texts = {
            "retire": (self.tr("&Retire…"), self.tr("Take the selected assets out of use; they wait for a decision")),
            "redeploy": (self.tr("Re&deploy"), self.tr("Put the selected retired or sanitized assets back into use "
                                                         "inside the organisation")),
            "sell": (self.tr("&Sell…"), self.tr("Record the sale of the selected assets (remarketing); data-bearing "
                                                 "assets need verified sanitization first")),
            "donate": (self.tr("D&onate…"), self.tr("Record the donation of the selected assets to a party; "
                                                     "data-bearing assets need verified sanitization first")),
            "harvest": (self.tr("&Harvest…"), self.tr("Recover tested parts from the selected assets")),
            "recycle": (self.tr("Re&cycle…"), self.tr("Hand the selected assets to a recycler for material recovery; "
                                                       "data-bearing assets need verified sanitization first")),
            "destroy": (self.tr("Des&troy…"), self.tr("Record the physical destruction of the selected assets")),
        }
        for key, (text, tip) in texts.items():
            self.move_actions[key].setText(text)
            self.move_actions[key].setData(tip)
        self.apply_action.setText(self.tr("&Apply recommendation"))
        self.details_action.setText(self.tr("D&etails…"))
        self.details_action.setToolTip(self.tr("Open the selected asset's details and history (Enter)"))
        self.more_button.setText(self.tr("Show &more"))
        self.more_button.setToolTip(self.tr("Compute recommendations for the next {n} assets").format(n=PAGE_SIZE))
        self.model.retranslate()
        self._update_actions()
        self._show_details()
        self._show_count()

    def _tab_texts(self) -> None:
        names = {
            "due_refresh": self.tr("Due for refresh"),
            "retired": self.tr("Retired — awaiting decision"),
            "awaiting_sanitization": self.tr("Awaiting sanitization"),
            "sanitized": self.tr("Sanitized — ready to leave"),
            "missing": self.tr("Missing / lost"),
        }
        tips = {
            "due_refresh": self.tr("Deployed or in stock and older than the policy's refresh cycle for their "
                                   "category, oldest first"),
            "retired": self.tr("Retired assets waiting for a decision"),
            "awaiting_sanitization": self.tr("Queued for data sanitization"),
            "sanitized": self.tr("Sanitized assets that may leave the organisation"),
            "missing": self.tr("Missing (not seen by discovery) or reported lost or stolen"),
        }
        for i in range(self.tabs.count()):
            kind = self.tabs.tabData(i)
            n = self._counts.get(kind)
            text = names[kind] if n is None else self.tr("{name} ({n})").format(name=names[kind], n=n)
            self.tabs.setTabText(i, text)
            self.tabs.setTabToolTip(i, tips[kind])

    def _show_count(self) -> None:
        shown = self.model.rowCount()
        if self.loading and shown == 0:
            self.count_label.setText(self.tr("Computing recommendations…"))
        elif shown < self._total:
            self.count_label.setText(self.tr("Showing {n} of {total} assets").format(n=shown, total=self._total))
        elif self._total == 1:
            self.count_label.setText(self.tr("1 asset"))
        else:
            self.count_label.setText(self.tr("{n} assets").format(n=self._total))
        self.more_button.setVisible(shown < self._total)
        self.more_button.setEnabled(not self.loading)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # F5 when the page stands alone (the main window's Refresh action has F5 otherwise).
        if event.key() == Qt.Key.Key_F5:
            self.refresh()
            event.accept()
            return
        super().keyPressEvent(event)

    # --- reading ------------------------------------------------------------------------------------
    def on_worklist_read(self, generation: int, offset: int, result: tuple[Worklist, dict]) -> None:
        if generation != self._generation:
            return
        self._read_task = None
        page, counts = result
        self._total = page.total
        if counts:
            self._counts = counts
            self._tab_texts()
        if offset == 0:
            self.model.set_items(page.items)
            self._fit_columns()
            self._restore_selection()
        else:
            self.model.append_items(page.items)
        self._show_count()
        self._update_actions()
        self._show_details()
        self.worklist_loaded.emit()

    def on_worklist_failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self._read_task = None
        text = core_text(error) if isinstance(error, ItamError) else self.tr("Unexpected error: {error}").format(error=core_text(error))
        self.count_label.setText(self.tr("Worklist not read"))
        self.status_message.emit(text, 15_000)
        self._show_message(QMessageBox.Icon.Warning, self.tr("Cannot read the worklist"), text)

    def _restore_selection(self) -> None:
        wanted = self._keep_selection
        self._keep_selection = set()
        if not wanted:
            return
        selection = self.table.selectionModel()
        flags = QItemSelectionFlags.Select | QItemSelectionFlags.Rows
        current = None
        for row in range(self.model.rowCount()):
            if self.model.item_at(row).id in wanted:
                index = self.model.index(row, 0)
                selection.select(index, flags)
                current = current or index
        if current is not None:
            selection.setCurrentIndex(current, QItemSelectionFlags.NoUpdate)

    @Slot(int)
    def on_tabs_currentChanged(self, _index: int) -> None:
        self.model.set_items([])
        self._total = 0
        self._keep_selection = set()
        self._load(0)

    @Slot()
    def on_more_button_clicked(self) -> None:
        self._keep_selection = set()
        self._load(self.model.rowCount())

    # --- selection and details ------------------------------------------------------------------------
    def selected_items(self) -> list[WorkItem]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [it for it in (self.model.item_at(r) for r in rows) if it is not None]

    def selected_ids(self) -> list[int]:
        return [it.id for it in self.selected_items()]

    def select_assets(self, ids: list[int]) -> None:
        """Select these assets among the rows shown (tests, and keeping a selection across a refresh)."""
        self.table.clearSelection()
        self._keep_selection = set(ids)
        self._restore_selection()

    @Slot()
    def on_selection_changed(self) -> None:
        self._update_actions()
        self._show_details()

    def _update_actions(self) -> None:
        items = self.selected_items()
        statuses = {it.status for it in items}
        busy = self.busy
        for key, transition, _ask in MOVE_ACTIONS:
            action = self.move_actions[key]
            ok = allowed(transition, statuses)
            action.setEnabled(ok and not busy)
            tip = action.data() or ""
            if items and not ok:
                blocked = sorted(s for s in statuses if not allowed(transition, {s}))
                tip = self.tr("{tip}\nNot possible from: {statuses}").format(
                    tip=tip, statuses=", ".join(i18n.status_name(s) for s in blocked))
            elif not items:
                tip = self.tr("{tip}\nSelect one or more assets first").format(tip=tip)
            action.setToolTip(tip)
            access.gate(action, self.services, security.ASSET_MOVE, ok and not busy)
        transition = self._recommended_transition(items)
        self.apply_action.setEnabled(transition is not None and not busy)
        if len(items) != 1:
            self.apply_action.setToolTip(self.tr("Select one asset to act on its recommendation"))
        elif transition is None:
            rec = items[0].recommendation
            self.apply_action.setToolTip(self.tr("The recommended lever ({lever}) is not a move from “{status}”").format(
                lever=i18n.lever_name(rec.lever), status=i18n.status_name(items[0].status)))
        else:
            self.apply_action.setToolTip(self.tr("Carry out the recommendation: {action}").format(
                action=i18n.transition_name(transition)))
        # Moves are for technicians and administrators: for others the actions say so.
        access.gate(self.apply_action, self.services, security.ASSET_MOVE, transition is not None and not busy)
        self.details_action.setEnabled(len(items) == 1)

    def apply_permissions(self) -> None:
        self._update_actions()

    @staticmethod
    def _recommended_transition(items: list[WorkItem]) -> str | None:
        """The transition carrying out the one selected asset's recommended lever, when its status allows it."""
        if len(items) != 1:
            return None
        key = LEVER_TRANSITION.get(items[0].recommendation.lever)
        if key is None or not allowed(key, {items[0].status}):
            return None
        return key

    def _show_details(self) -> None:
        items = self.selected_items()
        esc = html.escape
        if not items:
            self.details.setHtml(
                "<p style='color: gray'>" + esc(self.tr("Select an asset to see its recommendation in full.")) + "</p>")
            return
        if len(items) > 1:
            by_lever = Counter(it.recommendation.lever for it in items)
            heading = self.tr("{n} assets selected").format(n=len(items))
            levers_label = self.tr("Recommended levers:")
            lines = [f"<h3>{esc(heading)}</h3>", f"<p>{esc(levers_label)}</p><ul>"]
            for lever in default_lifecycle().lever_keys():
                if by_lever.get(lever):
                    lines.append(f"<li><b>{esc(i18n.lever_name(lever))}</b>: {by_lever[lever]}</li>")
            lines.append("</ul>")
            statuses = Counter(it.status for it in items)
            lines.append("<p>" + esc(", ".join(f"{i18n.status_name(s)}: {n}" for s, n in sorted(statuses.items())))
                         + "</p>")
            self.details.setHtml("".join(lines))
            return
        it = items[0]
        rec = it.recommendation
        lifecycle = default_lifecycle()
        stage = lifecycle.stage_of_lever(rec.lever)
        facts = [
            (self.tr("Category"), i18n.category_name(it.category)),
            (self.tr("Model"), model_text(it)),
            (self.tr("Status"), i18n.status_name(it.status)),
            (self.tr("Age"), self.tr("{age} years of a {refresh}-year refresh cycle").format(
                age=age_text(rec.age_years) or "?", refresh=f"{rec.refresh_years:g}")),
            (self.tr("Condition"), it.condition_grade or self.tr("not graded")),
            (self.tr("Data-bearing"), self.tr("yes") if it.data_bearing else self.tr("no")),
        ]
        parts = [f"<h3>{esc(it.asset_tag or it.serial or f'#{it.id}')}</h3><table cellspacing='2'>"]
        for label, value in facts:
            if value:
                parts.append(f"<tr><td style='color: gray; padding-right: 8px'>{esc(label)}</td><td>{esc(value)}</td></tr>")
        parts.append("</table>")
        lever_label = self.tr("Recommended lever:")
        stage_label = self.tr("stage {n}").format(n=stage.number)
        parts.append(f"<p>{esc(lever_label)}<br>"
                     f"<span style='font-size: large'><b>{esc(i18n.lever_name(rec.lever))}</b></span> "
                     f"<span style='color: gray'>({esc(stage_label)})</span><br>"
                     f"{esc(reason_text(rec.why))}</p>")
        parts.extend(passed_over_html(rec))
        transition = self._recommended_transition(items)
        if transition is None and rec.lever != "life_extension":
            parts.append("<p style='color: gray'>" + esc(self.tr(
                "The recommended lever is not a move from this status; an earlier step (such as sanitization) "
                "comes first.")) + "</p>")
        self.details.setHtml("".join(parts))

    # --- asset details ------------------------------------------------------------------------------
    @Slot(QModelIndex)
    def on_table_activated(self, index: QModelIndex) -> None:
        asset_id = index.data(WorkItemIdRole)
        if asset_id is not None:
            self.open_asset(asset_id)

    @Slot()
    def open_selected_asset(self) -> None:
        ids = self.selected_ids()
        if len(ids) == 1:
            self.open_asset(ids[0])

    def open_asset(self, asset_id: int) -> AssetDialog | None:
        try:
            detail = self.services.assets.get(asset_id)
        except ItamError as exc:
            self._show_message(QMessageBox.Icon.Warning, self.tr("Cannot open the asset"), core_text(exc))
            return None
        dialog = AssetDialog(detail, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self.on_asset_dialog_finished)
        self._asset_dialogs.append(dialog)
        dialog.show()
        return dialog

    @Slot()
    def on_asset_dialog_finished(self) -> None:
        dialog = self.sender()
        if dialog in self._asset_dialogs:
            self._asset_dialogs.remove(dialog)

    # --- moves --------------------------------------------------------------------------------------
    @Slot()
    def apply_recommendation(self) -> None:
        transition = self._recommended_transition(self.selected_items())
        if transition is not None:
            self.start_move(transition)

    def start_move(self, transition_key: str) -> MoveDialog | None:
        """Move the selected assets through that transition: ask for details first unless it needs none."""
        items = self.selected_items()
        if not items or self.busy or not allowed(transition_key, {it.status for it in items}):
            return None
        transition = default_lifecycle().transitions[transition_key]
        ask = next((a for _k, t, a in MOVE_ACTIONS if t == transition_key), True)
        if not ask:
            self._run_move(transition, items, {"occurred_at": date.today()})
            return None
        try:
            parties = self.services.parties.list()
        except ItamError as exc:
            self._show_message(QMessageBox.Icon.Warning, self.tr("Cannot read the parties"), core_text(exc))
            return None
        dialog = MoveDialog(transition, items, parties, self)
        dialog.move_requested.connect(lambda kwargs, t=transition, its=items: self._run_move(t, its, kwargs))
        self._open(dialog)
        return dialog

    def _run_move(self, transition: Transition, items: list[WorkItem], kwargs: dict[str, Any]) -> None:
        self.last_error = None
        lifecycle = self.services.lifecycle
        ids = [it.id for it in items]
        self.progress.setRange(0, len(ids))
        self.progress.setValue(0)
        self.progress.show()
        self.status_message.emit(self.tr("Moving {n} asset(s)…").format(n=len(ids)), 0)
        done = lambda result: self.on_move_done(transition, len(ids), result)
        if len(ids) == 1:
            self._move_task = run_task(
                call_plain(lifecycle.move), ids[0], transition.target, transition=transition.key, **kwargs,
                on_result=done, on_error=self.on_move_failed, context=self, name="lifecycle move",
            )
        else:
            kwargs = {k: kwargs.get(k) for k in ("reason", "party", "occurred_at")}
            self._move_task = run_task(
                lifecycle.move_many, ids, transition.target, **kwargs,
                on_result=done, on_error=self.on_move_failed, on_progress=self.on_move_progress, context=self,
                name="lifecycle bulk move",
            )
        self._update_actions()

    def on_move_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def on_move_done(self, transition: Transition, n: int, _result: object) -> None:
        self._move_task = None
        self.progress.hide()
        self.status_message.emit(self.tr("{action}: {n} asset(s) moved to “{target}”").format(
            action=i18n.transition_name(transition.key), n=n, target=i18n.status_name(transition.target)), 8000)
        self.assets_changed.emit()
        self.refresh()
        self.move_finished.emit(True)

    def on_move_failed(self, error: BaseException) -> None:
        self._move_task = None
        self.progress.hide()
        if isinstance(error, ItamError):
            text = core_text(error)
        else:
            text = self.tr("Unexpected error: {error}").format(error=core_text(error))
        self.last_error = text
        self.status_message.emit(self.tr("Nothing was moved"), 8000)
        self._update_actions()
        self._show_message(QMessageBox.Icon.Warning, self.tr("Nothing was moved"), text)
        self.move_finished.emit(False)

