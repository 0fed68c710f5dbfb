"""The discovery page: scan the network with nmap (or import a scan), review new devices, settle conflicts,
find assets that have gone missing.

Everything that touches nmap or the database runs on the task pool: scans as a :class:`ScanJob` whose
``on_host``/``on_progress`` callbacks only emit signals (queued to the GUI thread, where the tables grow),
the rest through :func:`run_task`. Targets are validated here on the GUI thread before anything starts
(parsing is cheap), so nmap never sees a target that :func:`parse_targets` refused.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QItemSelection,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QStyle,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from itam import security
from itam.discovery import runner
from itam.discovery.classify import classify
from itam.discovery.model import PROFILES, HostObservation, Progress, ScanResult
from itam.discovery.reconcile import ReconcileSummary
from itam.discovery.targets import parse_targets
from itam.errors import InvalidTargetError, ItamError, NmapMissingError
from itam.fields import categories
from itam.identifiers import is_randomized_mac
from itam.services import Services
from itam.services.discovery import (
    CandidateView,
    ConfirmationNeeded,
    ConflictView,
    DiscoveryService,
    MissingAsset,
)
from ui import access, i18n
from ui.i18n import core_lines, core_text
from ui.models.discovery_tables import (
    CandidateTableModel,
    ConflictTableModel,
    DiscoveredHost,
    HostTableModel,
    MissingTableModel,
    RowTableModel,
)
from ui.pages import Page
from ui.settings import Settings
from ui.widgets import table_view
from ui.workers import ScanJob, TaskHandle, call_plain, run_task

log = logging.getLogger(__name__)

_CONTEXT = "DiscoveryPage"

#: Profile keys (itam.discovery.model.PROFILES) as a person reads them, and what each does.
PROFILE_LABELS = {
    "quick": QT_TRANSLATE_NOOP("DiscoveryPage", "Quick sweep"),
    "standard": QT_TRANSLATE_NOOP("DiscoveryPage", "Standard"),
    "deep": QT_TRANSLATE_NOOP("DiscoveryPage", "Deep"),
}
PROFILE_TIPS = {
    "quick": QT_TRANSLATE_NOOP(
        "DiscoveryPage",
        "Finds which hosts are up (ping sweep, no port scan). Takes seconds; "
        "as root it also reads MAC addresses and vendors on the local network.",
    ),
    "standard": QT_TRANSLATE_NOOP(
        "DiscoveryPage",
        "Checks the ports that tell device kinds apart (printers, phones, Windows PCs …) "
        "and names their services. About 20 s for 50 hosts.",
    ),
    "deep": QT_TRANSLATE_NOOP(
        "DiscoveryPage",
        "Standard plus the top 200 ports, full service detection and name scripts (NetBIOS, SMB, HTTP titles). "
        "OS detection and UDP/SNMP need root (administrator on Windows). Several minutes per subnet.",
    ),
}
#: What a scan could not see (itam.discovery.runner.LIMIT_*), in the current language.
LIMITATION_LABELS = {
    runner.LIMIT_MAC: QT_TRANSLATE_NOOP("DiscoveryPage", "no MAC addresses or vendors"),
    runner.LIMIT_OS: QT_TRANSLATE_NOOP("DiscoveryPage", "no OS detection"),
    runner.LIMIT_UDP: QT_TRANSLATE_NOOP("DiscoveryPage", "no UDP/SNMP"),
}
#: Widest a column gets when fitted to its contents (the user can widen it further).
MAX_COLUMN_WIDTH = 210
#: Milliseconds after the last change of the "days" box before the missing list is read again.
MISSING_DELAY_MS = 300
#: Colour of the inline target error (a dark red that reads on light and dark backgrounds alike).
ERROR_COLOUR = "#c62828"

TAB_HOSTS, TAB_QUEUE, TAB_CONFLICTS, TAB_MISSING = range(4)


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate(_CONTEXT, text, None, n)


# --- plain results of the workers ---------------------------------------------------------------------
@dataclass(frozen=True)
class ScanOutcome:
    """A finished scan or import, with what reconciliation made of it."""

    result: ScanResult
    summary: ReconcileSummary
    hosts: tuple[DiscoveredHost, ...]
    asset_labels: dict[int, str]  # asset id -> tag/serial of the assets that hosts matched
    source_file: str | None = None  # set for imports


@dataclass(frozen=True)
class QueueState:
    candidates: tuple[CandidateView, ...]
    conflicts: tuple[ConflictView, ...]
    missing: tuple[MissingAsset, ...]


@dataclass(frozen=True)
class BatchResult:
    """Per-item outcome of an action on several rows: how many worked, and why the others did not."""

    done: int
    problems: tuple[tuple[str, str], ...]  # (which row, the ItamError's message)


def _asset_labels(services: Services, summary: ReconcileSummary) -> dict[int, str]:
    ids = sorted({o.asset_id for o in summary.outcomes if o.asset_id is not None})
    return {asset_id: services.assets.get(asset_id, with_history=False).label for asset_id in ids}


def _outcome(services: Services, result: ScanResult, summary: ReconcileSummary, source_file: str | None) -> ScanOutcome:
    classified = {o.address: o.classification for o in summary.outcomes}
    hosts = tuple(
        DiscoveredHost(h, classified.get(h.address) or classify(h)) for h in result.hosts if h.state == "up"
    )
    return ScanOutcome(result, summary, hosts, _asset_labels(services, summary), source_file)


def scan_work(
    services: Services,
    targets: str,
    profile: str,
    confirm_large: bool,
    *,
    on_host: Callable[[object], None],
    on_progress: Callable[[Progress], None],
    is_cancelled: Callable[[], bool],
) -> ScanOutcome:
    """Worker thread: scan, reconcile, and read the labels of the matched assets."""

    def found(host: HostObservation) -> None:
        # Still the worker thread: classify here, then only emit (the GUI thread adds the row).
        on_host(DiscoveredHost(host, classify(host)))

    result, summary = services.discovery.scan(
        targets, profile, confirm_large=confirm_large, on_host=found, on_progress=on_progress, is_cancelled=is_cancelled
    )
    return _outcome(services, result, summary, None)


def import_work(services: Services, path: str, *, progress: Any, is_cancelled: Any) -> ScanOutcome:
    """Worker thread: reconcile an nmap XML file."""
    result, summary = services.discovery.import_xml(path)
    return _outcome(services, result, summary, path)


def read_queues(discovery: DiscoveryService, days: int, *, progress: Any, is_cancelled: Any) -> QueueState:
    """Worker thread: the review queue, open conflicts and missing assets in one go."""
    return QueueState(tuple(discovery.candidates()), tuple(discovery.conflicts()), tuple(discovery.missing(days)))


def accept_all(
    discovery: DiscoveryService, candidates: list[CandidateView], category: str | None, asset_tag: str | None,
    *, progress: Any, is_cancelled: Any,
) -> BatchResult:
    """Worker thread: accept each device; one that cannot be accepted does not stop the others."""
    done, problems = 0, []
    for i, c in enumerate(candidates):
        try:
            discovery.accept(c.id, category=category, asset_tag=asset_tag)
            done += 1
        except ItamError as exc:
            problems.append((c.address or c.identity, core_text(exc)))
        progress(i + 1, len(candidates))
    return BatchResult(done, tuple(problems))


def ignore_all(discovery: DiscoveryService, candidates: list[CandidateView], *, progress: Any, is_cancelled: Any) -> BatchResult:
    done, problems = 0, []
    for c in candidates:
        try:
            discovery.ignore(c.id)
            done += 1
        except ItamError as exc:
            problems.append((c.address or c.identity, core_text(exc)))
    return BatchResult(done, tuple(problems))


def settle_all(
    discovery: DiscoveryService, conflicts: list[ConflictView], apply: bool, *, progress: Any, is_cancelled: Any
) -> BatchResult:
    done, problems = 0, []
    for c in conflicts:
        try:
            discovery.settle_conflict(c.id, apply=apply)
            done += 1
        except ItamError as exc:
            problems.append((f"{c.asset_label} · {c.field}", core_text(exc)))
    return BatchResult(done, tuple(problems))


def _table(name: str, model: RowTableModel, parent: QWidget) -> QTableView:
    view = table_view(parent, model, name)
    header = view.horizontalHeader()
    # Enabling sorting sorts by the indicator (QHeaderView's default order is descending): by address.
    header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(True)
    return view


def _fit_columns(view: QTableView) -> None:
    view.resizeColumnsToContents()
    header = view.horizontalHeader()
    for section in range(header.count()):
        if header.sectionSize(section) > MAX_COLUMN_WIDTH:
            header.resizeSection(section, MAX_COLUMN_WIDTH)


class DiscoveryPage(Page):
    """Scan or import, watch hosts arrive, then work through the review queue, conflicts and missing assets."""

    key = "discovery"

    #: The inventory changed (devices accepted, assets seen by a scan, marked missing, a conflict applied).
    assets_changed = Signal()
    #: A scan or import has been shown (its outcome), or failed (None). For tests and the window.
    scan_finished = Signal(object)
    #: The review queue, conflicts and missing lists have been read again.
    queues_refreshed = Signal()

    def __init__(self, services: Services, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.settings = settings
        self.setObjectName("discovery_page")
        self.job: ScanJob | None = None
        self._import_task: TaskHandle | None = None
        self._queue_task: TaskHandle | None = None
        self._action_task: TaskHandle | None = None
        self._last_outcome: ScanOutcome | None = None
        self._last_failure: str | None = None
        self._scan_label = ""  # "127.0.0.1 (Quick sweep)" of the running scan
        self._nmap_error: NmapMissingError | None = None
        self._nmap_version: str | None = None
        self._hosts_columns_restored = False
        self._queue_columns_restored = False

        layout = QVBoxLayout(self)
        layout.setContentsMargins(9, 9, 9, 4)
        layout.addLayout(self._build_scan_bar())
        layout.addWidget(self.target_error_label)
        layout.addWidget(self._build_banner())
        layout.addLayout(self._build_progress_row())
        layout.addWidget(self.limitations_label)
        layout.addWidget(self._build_tabs(), 1)

        self.missing_timer = QTimer(self)
        self.missing_timer.setSingleShot(True)
        self.missing_timer.setInterval(MISSING_DELAY_MS)
        self.missing_timer.timeout.connect(self.on_missing_timer_timeout)

        self._restore_choices()
        self.retranslate()
        self._update_buttons()
        self._detect_nmap()
        self.refresh()

    # --- building -----------------------------------------------------------------------------------
    def _build_scan_bar(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.targets_label = QLabel(self)
        self.targets_edit = QLineEdit(self)
        self.targets_edit.setObjectName("targets_edit")
        self.targets_edit.setClearButtonEnabled(True)
        self.targets_edit.setMinimumWidth(260)
        self.targets_label.setBuddy(self.targets_edit)
        self.targets_edit.returnPressed.connect(self.on_targets_edit_returnPressed)
        self.targets_edit.textEdited.connect(self.on_targets_edit_textEdited)

        self.profile_label = QLabel(self)
        self.profile_combo = QComboBox(self)
        self.profile_combo.setObjectName("profile_combo")
        self.profile_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for key in PROFILES:
            self.profile_combo.addItem("", key)
        self.profile_label.setBuddy(self.profile_combo)
        self.profile_combo.currentIndexChanged.connect(self.on_profile_combo_currentIndexChanged)

        style = QApplication.style()
        self.start_button = QPushButton(style.standardIcon(QStyle.StandardPixmap.SP_MediaPlay), "", self)
        self.start_button.setObjectName("start_button")
        self.start_button.clicked.connect(self.on_start_button_clicked)
        self.cancel_button = QPushButton(style.standardIcon(QStyle.StandardPixmap.SP_MediaStop), "", self)
        self.cancel_button.setObjectName("cancel_button")
        self.cancel_button.clicked.connect(self.on_cancel_button_clicked)
        # Esc anywhere on the page (not only on the button, whose shortcut would need the focus nearby).
        self.cancel_shortcut = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        self.cancel_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.cancel_shortcut.activated.connect(self.on_cancel_button_clicked)
        self.import_button = QPushButton(style.standardIcon(QStyle.StandardPixmap.SP_DialogOpenButton), "", self)
        self.import_button.setObjectName("import_button")
        self.import_button.clicked.connect(self.on_import_button_clicked)

        row.addWidget(self.targets_label)
        row.addWidget(self.targets_edit, 1)
        row.addWidget(self.profile_label)
        row.addWidget(self.profile_combo)
        row.addWidget(self.start_button)
        row.addWidget(self.cancel_button)
        row.addSpacing(12)
        row.addWidget(self.import_button)
        self.audit_button = QPushButton(style.standardIcon(QStyle.StandardPixmap.SP_FileDialogDetailedView), "", self)
        self.audit_button.setObjectName("audit_button")
        self.audit_button.clicked.connect(self.open_audit)
        row.addWidget(self.audit_button)

        self.target_error_label = QLabel(self)
        self.target_error_label.setObjectName("target_error_label")
        self.target_error_label.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.target_error_label.setWordWrap(True)
        self.target_error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.target_error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.target_error_label.hide()
        return row

    def _build_banner(self) -> QFrame:
        self.banner = QFrame(self)
        self.banner.setObjectName("nmap_missing_banner")
        self.banner.setFrameShape(QFrame.Shape.StyledPanel)
        # A warm background marks it as a notice whatever the style; the text keeps the palette's colour.
        self.banner.setStyleSheet("#nmap_missing_banner { background: #fff4ce; border: 1px solid #e0c060; }"
                                  "#nmap_missing_banner QLabel { color: #3a3000; }")
        box = QHBoxLayout(self.banner)
        icon = QLabel(self.banner)
        icon.setPixmap(QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(32, 32))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.banner_label = QLabel(self.banner)
        self.banner_label.setObjectName("nmap_missing_label")
        self.banner_label.setTextFormat(Qt.TextFormat.RichText)
        self.banner_label.setWordWrap(True)
        self.banner_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.addWidget(icon)
        box.addWidget(self.banner_label, 1)
        self.banner.hide()
        return self.banner

    def _build_progress_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setObjectName("progress_bar")
        self.progress_bar.setRange(0, 100)
        self.progress_bar.setValue(0)
        self.progress_bar.setTextVisible(True)
        self.progress_bar.setMinimumWidth(220)
        self.progress_bar.setMaximumWidth(360)
        self.progress_bar.hide()
        self.status_label = QLabel(self)
        self.status_label.setObjectName("scan_status_label")
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row.addWidget(self.progress_bar)
        row.addWidget(self.status_label, 1)

        self.limitations_label = QLabel(self)
        self.limitations_label.setObjectName("limitations_label")
        self.limitations_label.setWordWrap(True)
        self.limitations_label.setTextFormat(Qt.TextFormat.PlainText)
        return row

    def _build_tabs(self) -> QTabWidget:
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("discovery_tabs")
        self.tabs.setDocumentMode(True)

        # Hosts of the scan in progress or the last one.
        self.hosts_model = HostTableModel(self)
        self.hosts_view = _table("hosts_table", self.hosts_model, self)
        self.tabs.addTab(self.hosts_view, "")

        # The review queue.
        self.queue_model = CandidateTableModel(self)
        queue = QWidget(self)
        queue_layout = QVBoxLayout(queue)
        queue_layout.setContentsMargins(0, 6, 0, 0)
        self.queue_view = _table("queue_table", self.queue_model, queue)
        self.queue_view.selectionModel().selectionChanged.connect(self.on_queue_selection_changed)
        controls = QHBoxLayout()
        self.queue_hint_label = QLabel(queue)
        self.queue_hint_label.setObjectName("queue_hint_label")
        self.queue_hint_label.setWordWrap(True)
        self.override_label = QLabel(queue)
        self.override_combo = QComboBox(queue)
        self.override_combo.setObjectName("category_override_combo")
        self.override_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.override_combo.addItem("", None)
        for key in categories():
            self.override_combo.addItem("", key)
        self.override_label.setBuddy(self.override_combo)
        self.asset_tag_label = QLabel(queue)
        self.asset_tag_edit = QLineEdit(queue)
        self.asset_tag_edit.setObjectName("asset_tag_edit")
        self.asset_tag_edit.setMaximumWidth(160)
        self.asset_tag_label.setBuddy(self.asset_tag_edit)
        self.accept_button = QPushButton(queue)
        self.accept_button.setObjectName("accept_button")
        self.accept_button.clicked.connect(self.on_accept_button_clicked)
        self.ignore_button = QPushButton(queue)
        self.ignore_button.setObjectName("ignore_button")
        self.ignore_button.clicked.connect(self.on_ignore_button_clicked)
        controls.addWidget(self.queue_hint_label, 1)
        controls.addWidget(self.override_label)
        controls.addWidget(self.override_combo)
        controls.addWidget(self.asset_tag_label)
        controls.addWidget(self.asset_tag_edit)
        controls.addWidget(self.accept_button)
        controls.addWidget(self.ignore_button)
        queue_layout.addWidget(self.queue_view, 1)
        queue_layout.addLayout(controls)
        self.tabs.addTab(queue, "")

        # Conflicts: values a scan saw that differ from what a person entered.
        self.conflicts_model = ConflictTableModel(self)
        conflicts = QWidget(self)
        conflicts_layout = QVBoxLayout(conflicts)
        conflicts_layout.setContentsMargins(0, 6, 0, 0)
        self.conflicts_view = _table("conflicts_table", self.conflicts_model, conflicts)
        self.conflicts_view.selectionModel().selectionChanged.connect(self.on_conflicts_selection_changed)
        row = QHBoxLayout()
        self.conflicts_hint_label = QLabel(conflicts)
        self.conflicts_hint_label.setWordWrap(True)
        self.apply_button = QPushButton(conflicts)
        self.apply_button.setObjectName("apply_button")
        self.apply_button.clicked.connect(self.on_apply_button_clicked)
        self.dismiss_button = QPushButton(conflicts)
        self.dismiss_button.setObjectName("dismiss_button")
        self.dismiss_button.clicked.connect(self.on_dismiss_button_clicked)
        row.addWidget(self.conflicts_hint_label, 1)
        row.addWidget(self.apply_button)
        row.addWidget(self.dismiss_button)
        conflicts_layout.addWidget(self.conflicts_view, 1)
        conflicts_layout.addLayout(row)
        self.tabs.addTab(conflicts, "")

        # Missing: assets seen before but not for a while.
        self.missing_model = MissingTableModel(self)
        missing = QWidget(self)
        missing_layout = QVBoxLayout(missing)
        missing_layout.setContentsMargins(0, 6, 0, 0)
        row = QHBoxLayout()
        self.days_label = QLabel(missing)
        self.days_spin = QSpinBox(missing)
        self.days_spin.setObjectName("days_spin")
        self.days_spin.setRange(0, 3650)
        self.days_spin.setValue(self.services.discovery.settings.missing_after_days)
        self.days_label.setBuddy(self.days_spin)
        self.days_spin.valueChanged.connect(self.on_days_spin_valueChanged)
        self.mark_missing_button = QPushButton(missing)
        self.mark_missing_button.setObjectName("mark_missing_button")
        self.mark_missing_button.clicked.connect(self.on_mark_missing_button_clicked)
        row.addWidget(self.days_label)
        row.addWidget(self.days_spin)
        row.addStretch(1)
        row.addWidget(self.mark_missing_button)
        self.missing_view = _table("missing_table", self.missing_model, missing)
        missing_layout.addLayout(row)
        missing_layout.addWidget(self.missing_view, 1)
        self.tabs.addTab(missing, "")
        return self.tabs

    # --- Page ---------------------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Discovery")

    def icon(self) -> QIcon:
        return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_DriveNetIcon)

    def refresh(self) -> None:
        """Read the review queue, conflicts and missing assets again (on a worker)."""
        self.missing_timer.stop()
        if self._queue_task is not None:
            self._queue_task.cancel()  # its result would be older than the one asked for now
        self._queue_task = run_task(
            read_queues,
            self.services.discovery,
            self.days_spin.value(),
            on_result=self.on_queues_read,
            on_error=self.on_queues_failed,
            context=self,
            name="read discovery queues",
        )

    def restore_settings(self, settings: Settings) -> None:
        for view, state, attr in (
            (self.hosts_view, settings.discovery_hosts_header_state, "_hosts_columns_restored"),
            (self.queue_view, settings.discovery_queue_header_state, "_queue_columns_restored"),
        ):
            restored = not state.isEmpty() and view.horizontalHeader().restoreState(state)
            setattr(self, attr, restored)

    def save_settings(self, settings: Settings) -> None:
        settings.discovery_hosts_header_state = self.hosts_view.horizontalHeader().saveState()
        settings.discovery_queue_header_state = self.queue_view.horizontalHeader().saveState()

    def shutdown(self) -> None:
        """Stop a running scan (nmap is terminated; the hosts found so far are still recorded)."""
        if self.job is not None and self.job.running:
            self.job.cancel()
        if self.message_box is not None:
            self.message_box.close()

    def _restore_choices(self) -> None:
        self.targets_edit.setText(self.settings.discovery_targets)
        index = self.profile_combo.findData(self.settings.discovery_profile or "standard")
        self.profile_combo.setCurrentIndex(max(index, 0))

    # --- state --------------------------------------------------------------------------------------
    @property
    def scanning(self) -> bool:
        return self.job is not None

    @property
    def importing(self) -> bool:
        return self._import_task is not None

    @property
    def busy(self) -> bool:
        """A scan or import is running (another one cannot start meanwhile)."""
        return self.scanning or self.importing

    def _update_buttons(self) -> None:
        busy = self.busy
        # Scans, imports and review decisions need a role with discovery (greyed out, saying which, otherwise).
        may = access.allowed(self.services, security.DISCOVERY)
        access.gate(self.start_button, self.services, security.DISCOVERY, not busy and self._nmap_error is None)
        self.cancel_button.setEnabled(self.scanning and not self.job.cancelled)
        access.gate(self.import_button, self.services, security.DISCOVERY, not busy)
        access.gate(self.audit_button, self.services, security.DISCOVERY, not busy and self._last_outcome is not None)
        self.targets_edit.setReadOnly(busy or not may)
        self.profile_combo.setEnabled(not busy and may)
        acting = self._action_task is not None
        selected = self._selected(self.queue_view, self.queue_model)
        access.gate(self.accept_button, self.services, security.DISCOVERY, bool(selected) and not acting)
        access.gate(self.ignore_button, self.services, security.DISCOVERY, bool(selected) and not acting)
        # An asset tag names one device: offered when one is selected.
        self.asset_tag_edit.setEnabled(len(selected) == 1 and not acting and may)
        conflicts = self._selected(self.conflicts_view, self.conflicts_model)
        access.gate(self.apply_button, self.services, security.DISCOVERY, bool(conflicts) and not acting)
        access.gate(self.dismiss_button, self.services, security.DISCOVERY, bool(conflicts) and not acting)
        access.gate(self.mark_missing_button, self.services, security.DISCOVERY,
                    self.missing_model.rowCount() > 0 and not acting)

    def apply_permissions(self) -> None:
        """The user's role may have changed (the window read it again)."""
        self._update_buttons()

    @staticmethod
    def _selected(view: QTableView, model: RowTableModel) -> list[Any]:
        rows = sorted({index.row() for index in view.selectionModel().selectedRows()})
        return [model.row_at(r) for r in rows if model.row_at(r) is not None]

    # --- texts --------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        """Set every user-visible text (again after a language switch)."""
        self.targets_label.setText(self.tr("&Targets:"))
        self.targets_edit.setPlaceholderText(self.tr("e.g. 198.18.0.0/24, 10.0.0.5-40, printer-3f"))
        self.targets_edit.setToolTip(
            self.tr(
                "Addresses, CIDR blocks (198.18.0.0/24), ranges (10.0.0.5-40) or host names, separated by "
                "commas or spaces. Press Enter to start."
            )
        )
        self.profile_label.setText(self.tr("&Profile:"))
        for i in range(self.profile_combo.count()):
            key = self.profile_combo.itemData(i)
            self.profile_combo.setItemText(i, _tr(PROFILE_LABELS[key]))
            self.profile_combo.setItemData(i, _tr(PROFILE_TIPS[key]), Qt.ItemDataRole.ToolTipRole)
        self._update_profile_tooltip()
        self.start_button.setText(self.tr("&Start scan"))
        self._show_start_tooltip()
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop the scan; the hosts found so far are kept (Esc)"))
        self.audit_button.setText(self.tr("A&udit the hosts found…"))
        self.audit_button.setToolTip(self.tr(
            "Ask the hosts of the last scan for their serials, models, disks and software (SNMP, SSH, WinRM) with "
            "the stored credentials (Settings → Credentials)"))
        self.import_button.setText(self.tr("&Import nmap XML…"))
        self.import_button.setToolTip(
            self.tr("Reconcile a scan made elsewhere (nmap -oX FILE …); needs no nmap on this computer")
        )
        self.override_label.setText(self.tr("Categor&y:"))
        self.override_combo.setItemText(0, self.tr("As classified"))
        for i in range(1, self.override_combo.count()):
            self.override_combo.setItemText(i, i18n.category_name(self.override_combo.itemData(i)))
        self.override_combo.setToolTip(self.tr("The category the accepted assets get (instead of the classifier's)"))
        self.asset_tag_label.setText(self.tr("Asset &tag:"))
        self.asset_tag_edit.setPlaceholderText(self.tr("optional"))
        self.asset_tag_edit.setToolTip(
            self.tr("An asset tag for the one selected device; needed for devices without a MAC address")
        )
        self.accept_button.setText(self.tr("&Accept into inventory"))
        self.accept_button.setToolTip(self.tr("Create an asset for each selected device"))
        self.ignore_button.setText(self.tr("I&gnore for good"))
        self.ignore_button.setToolTip(self.tr("Later scans still count these devices but never queue them again"))
        self.conflicts_hint_label.setText(
            self.tr("A scan saw values that differ from what a person entered; a person's entry wins until you apply the scanned one.")
        )
        self.apply_button.setText(self.tr("A&pply scanned value"))
        self.dismiss_button.setText(self.tr("&Dismiss"))
        self.days_label.setText(self.tr("Not seen by discovery for at least"))
        self.days_spin.setSuffix(self.tr(" days"))
        self.mark_missing_button.setText(self.tr("&Mark as missing…"))
        self.mark_missing_button.setToolTip(self.tr("Move these assets to the status Missing (recorded in their history)"))
        self._show_nmap_banner()
        self._show_tab_titles()
        self._show_queue_hint()
        self._show_status()
        self.hosts_model.retranslate()
        self.queue_model.retranslate()
        self.conflicts_model.retranslate()
        self.missing_model.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _show_start_tooltip(self) -> None:
        if self._nmap_version:
            tip = self.tr("Scan the targets with nmap {version} (Enter)").format(version=self._nmap_version)
        else:
            tip = self.tr("Scan the targets with nmap (Enter)")
        self.start_button.setToolTip(tip)

    def _update_profile_tooltip(self) -> None:
        key = self.profile_combo.currentData()
        if key in PROFILE_TIPS:
            self.profile_combo.setToolTip(_tr(PROFILE_TIPS[key]))

    def _show_tab_titles(self) -> None:
        self.tabs.setTabText(TAB_HOSTS, self.tr("Hosts ({n})").format(n=self.hosts_model.rowCount()))
        self.tabs.setTabText(TAB_QUEUE, self.tr("Review queue ({n})").format(n=self.queue_model.rowCount()))
        self.tabs.setTabText(TAB_CONFLICTS, self.tr("Conflicts ({n})").format(n=self.conflicts_model.rowCount()))
        self.tabs.setTabText(TAB_MISSING, self.tr("Missing ({n})").format(n=self.missing_model.rowCount()))

    def _show_queue_hint(self) -> None:
        if self.queue_model.rowCount() == 0:
            text = self.tr("No devices waiting for review. Scan or import to find new ones.")
        else:
            text = self.tr("Select devices (Ctrl/Shift-click for several), then accept or ignore them.")
        self.queue_hint_label.setText(text)

    def _show_nmap_banner(self) -> None:
        if self._nmap_error is None:
            self.banner.hide()
            return
        heading = self.tr("Scanning is off: nmap was not found. Importing nmap XML files still works.")
        self.banner_label.setText(
            f"<b>{html.escape(heading)}</b><pre style='margin-top:6px'>{html.escape(str(self._nmap_error))}</pre>"
        )
        self.banner.show()

    def _privilege_text(self) -> str:
        if self._nmap_error is not None:
            return ""  # no scans without nmap: what they could see does not matter now
        if runner.is_privileged():
            return self.tr("Running as root: MAC addresses, vendors, OS detection and UDP probes are available.")
        limits = ", ".join(_tr(LIMITATION_LABELS[k]) for k in (runner.LIMIT_MAC, runner.LIMIT_OS, runner.LIMIT_UDP))
        return self.tr("Running without root: {limits}. Hosts and open ports are still found.").format(limits=limits)

    def _limitations_text(self, result: ScanResult) -> str:
        if not result.limitations:
            return ""
        limits = ", ".join(_tr(LIMITATION_LABELS[k]) if k in LIMITATION_LABELS else k for k in result.limitations)
        if not result.privileged:
            return self.tr("Running without root: {limits}.").format(limits=limits)
        return self.tr("This scan could not see: {limits}.").format(limits=limits)

    def _show_status(self) -> None:
        """The status line and limitations for the current state (rebuilt after a language switch)."""
        self._show_status_texts()
        self.limitations_label.setVisible(bool(self.limitations_label.text()))

    def _show_status_texts(self) -> None:
        outcome = self._last_outcome
        self.status_label.setToolTip("")
        if self.scanning:
            n = self.hosts_model.rowCount()
            if self.job.cancelled:
                text = self.tr("Cancelling {scan}…").format(scan=self._scan_label)
            elif n == 0:
                text = self.tr("Scanning {scan}…").format(scan=self._scan_label)
            else:
                text = self.tr("Scanning {scan}… hosts found so far: {n}").format(scan=self._scan_label, n=n)
            self.status_label.setText(text)
            self.limitations_label.setText(self._privilege_text())
            return
        if self.importing:
            self.status_label.setText(self.tr("Importing {file}…").format(file=self._scan_label))
            return
        if self._last_failure is not None:
            self.status_label.setText(self._last_failure)
            self.limitations_label.setText(self._privilege_text())
            return
        if outcome is None:
            self.status_label.setText(self.tr("Enter targets and start a scan, or import an nmap XML file."))
            self.limitations_label.setText(self._privilege_text())
            return
        self.status_label.setText(self._outcome_text(outcome))
        self.status_label.setToolTip(core_lines(outcome.result.warnings[:20]))
        if outcome.source_file:
            self.limitations_label.setText(self._limitations_text(outcome.result))
        else:
            self.limitations_label.setText(self._limitations_text(outcome.result) or self._privilege_text())

    def _outcome_text(self, outcome: ScanOutcome) -> str:
        result, summary = outcome.result, outcome.summary
        kept = len(outcome.hosts)
        if result.cancelled:
            if kept == 1:
                return self.tr("Cancelled — 1 host found so far was kept.")
            return self.tr("Cancelled — %n hosts found so far were kept.", "", kept)
        counts = self.tr("hosts up: {up} · matched: {matched} · new: {new} · flagged: {flagged} · ignored: {ignored}").format(
            up=summary.hosts_up, matched=summary.matched, new=summary.new_devices, flagged=summary.flagged,
            ignored=summary.ignored,
        )
        if summary.conflicts:
            counts += " · " + self.tr("new conflicts: {n}").format(n=summary.conflicts)
        if outcome.source_file:
            head = self.tr("Imported {file} (scan #{scan})").format(file=Path(outcome.source_file).name, scan=summary.scan_id)
        else:
            head = self.tr("Scan #{scan} finished").format(scan=summary.scan_id)
        text = f"{head}: {counts}"
        if result.partial and result.error:
            text += "\n" + self.tr("Incomplete, the hosts found before the problem were kept: {error}").format(error=core_text(result.error))
        return text

    # --- nmap ---------------------------------------------------------------------------------------
    def _detect_nmap(self) -> None:
        """Look for nmap on a worker (it runs ``nmap --version``); until then Start stays on."""
        run_task(
            call_plain(runner.find_nmap),
            on_result=self.on_nmap_found,
            on_error=self.on_nmap_not_found,
            context=self,
            name="find nmap",
        )

    def on_nmap_found(self, install: runner.NmapInstall) -> None:
        self._nmap_error = None
        self._nmap_version = install.version
        self._show_start_tooltip()
        self._update_buttons()

    def on_nmap_not_found(self, error: BaseException) -> None:
        if isinstance(error, NmapMissingError):
            self._nmap_error = error
            self._show_nmap_banner()
            self._update_buttons()
            self._show_status()
        else:
            self._report_error(self.tr("Cannot look for nmap"), error)

    @property
    def nmap_missing(self) -> bool:
        return self._nmap_error is not None

    # --- starting and cancelling ----------------------------------------------------------------------
    @Slot()
    def on_targets_edit_returnPressed(self) -> None:  # noqa: N802
        self.start_scan()

    @Slot(str)
    def on_targets_edit_textEdited(self, _text: str) -> None:  # noqa: N802
        self.target_error_label.hide()

    @Slot(int)
    def on_profile_combo_currentIndexChanged(self, _index: int) -> None:  # noqa: N802
        self._update_profile_tooltip()

    @Slot()
    def on_start_button_clicked(self) -> None:
        self.start_scan()

    def start_scan(self) -> bool:
        """Validate the targets here (cheap, GUI thread), confirm a large scan, then start it on a worker.

        Returns whether a scan was started (or a confirmation asked for); bad targets start nothing and
        are explained under the targets box.
        """
        if self.busy:
            return False
        text = self.targets_edit.text().strip()
        try:
            spec = parse_targets(text)
        except InvalidTargetError as exc:
            self.target_error_label.setText(self.tr("Cannot scan these targets: {reason}").format(reason=exc))
            self.target_error_label.show()
            self.targets_edit.setFocus()
            return False
        self.target_error_label.hide()
        if self.nmap_missing:
            return False  # the banner says why and how to install it
        profile = self.profile_combo.currentData()
        self.settings.discovery_targets = text
        self.settings.discovery_profile = profile
        limit = self.services.discovery.settings.large_scan_limit
        if spec.exceeds(limit):
            self._confirm_large(text, profile, spec.count)
            return True
        self._start_job(text, profile, confirm_large=False)
        return True

    def _confirm_large(self, targets: str, profile: str, count: int) -> None:
        question = self.tr(
            "These targets cover {count} addresses, more than the {limit} a scan may cover without asking. "
            "Scanning them can take hours and will be noticed on the network.\n\nScan them anyway?"
        ).format(count=f"{count:,}", limit=f"{self.services.discovery.settings.large_scan_limit:,}")

        def answered(button: QMessageBox.StandardButton) -> None:
            if button == QMessageBox.StandardButton.Yes and not self.busy:
                self._start_job(targets, profile, confirm_large=True)

        self._ask(self.tr("Scan a large network?"), question, answered)

    def _start_job(self, targets: str, profile: str, *, confirm_large: bool) -> None:
        self._last_outcome = None
        self._last_failure = None
        self.hosts_model.clear()
        self._scan_label = f"{targets} ({_tr(PROFILE_LABELS.get(profile, profile))})"
        self.progress_bar.setRange(0, 0)  # busy until nmap's first progress figure
        self.progress_bar.show()
        # A partial of plain values: nothing in the worker thread reaches back into this widget.
        job = ScanJob(partial(scan_work, self.services, targets, profile, confirm_large), name=f"scan {targets}")
        job.host_found.connect(self.on_job_host_found)
        job.progress_changed.connect(self.on_job_progress_changed)
        job.finished.connect(self.on_job_finished)
        job.failed.connect(self.on_job_failed)
        self.job = job
        job.start()
        self.tabs.setCurrentIndex(TAB_HOSTS)
        self._update_buttons()
        self._show_tab_titles()
        self._show_status()

    @Slot()
    def on_cancel_button_clicked(self) -> None:
        self.cancel_scan()

    def cancel_scan(self) -> None:
        """Stop the running scan; nmap is stopped and the hosts found so far are reconciled and kept."""
        if self.job is None or self.job.cancelled:
            return
        self.job.cancel()
        self._update_buttons()
        self._show_status()

    # --- scan feedback (GUI thread, queued from the worker) -------------------------------------------
    @Slot(object)
    def on_job_host_found(self, row: DiscoveredHost) -> None:
        if self.sender() is not self.job:
            return
        self.hosts_model.add_host(row)
        self._show_tab_titles()
        self._show_status()

    @Slot(object)
    def on_job_progress_changed(self, progress: Progress) -> None:
        if self.sender() is not self.job:
            return
        percent = max(0, min(100, round(progress.percent)))
        self.progress_bar.setRange(0, 100)
        self.progress_bar.setValue(percent)
        remaining = progress.remaining_seconds
        if remaining is None:
            left = ""
        elif remaining >= 120:
            left = self.tr("about {n} min left").format(n=round(remaining / 60))
        else:
            left = self.tr("about {n} s left").format(n=remaining)
        # QProgressBar replaces %p itself; the rest is ours.
        self.progress_bar.setFormat(f"%p% — {left}" if left else "%p%")
        self.progress_bar.setToolTip(progress.task)

    @Slot(object)
    def on_job_finished(self, outcome: ScanOutcome) -> None:
        if self.sender() is not self.job:
            return
        self.job = None
        self._show_outcome(outcome)

    @Slot(object)
    def on_job_failed(self, error: BaseException) -> None:
        job = self.sender()
        if job is not self.job:
            return
        self.job = None
        self._end_progress()
        if isinstance(error, ConfirmationNeeded):
            # The limit was lowered meanwhile or the GUI's check missed it: ask now.
            self._update_buttons()
            self._confirm_large(self.targets_edit.text().strip(), self.profile_combo.currentData(), error.count)
        elif isinstance(error, NmapMissingError):
            self._nmap_error = error
            self._show_nmap_banner()
            self._last_failure = self.tr("The scan could not start: nmap was not found.")
        else:
            self._last_failure = self.tr("The scan failed.")
            self._report_error(self.tr("The scan failed"), error)
        self._update_buttons()
        self._show_status()
        self.scan_finished.emit(None)

    def _end_progress(self) -> None:
        self.progress_bar.setRange(0, 100)
        self.progress_bar.setFormat("%p%")
        self.progress_bar.hide()

    @Slot()
    def open_audit(self) -> None:
        """Credentialed audits of the hosts the last scan found; the inventory and the queue refresh after."""
        from ui.dialogs.audit_dialog import SCAN, AuditDialog

        outcome = self._last_outcome
        if outcome is None:
            return
        scan_id = outcome.summary.scan_id
        dialog = AuditDialog(self.services, SCAN, scan_id, self.tr("Scan #{scan}").format(scan=scan_id), self)
        dialog.audited.connect(self._after_audit)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.audit_dialog = dialog

    def _after_audit(self, _run: object) -> None:
        """The audits are stored: the inventory and the review queue (its Audit column) read them again."""
        self.assets_changed.emit()
        self.refresh()

    def _show_outcome(self, outcome: ScanOutcome) -> None:
        """A scan or import is done: its hosts, what became of each, and the refreshed queues."""
        self._last_outcome = outcome
        self._last_failure = None
        self._end_progress()
        if self.hosts_model.rowCount() != len(outcome.hosts):
            self.hosts_model.set_hosts(outcome.hosts)  # imports, or hosts that came after the cancel
        self.hosts_model.set_outcomes(outcome.summary.outcomes, outcome.asset_labels)
        if not self._hosts_columns_restored and self.hosts_model.rowCount():
            _fit_columns(self.hosts_view)
        self._update_buttons()
        self._show_tab_titles()
        self._show_status()
        summary = outcome.summary
        self.refresh()
        if summary.matched or summary.flagged or summary.updated_assets:
            self.assets_changed.emit()
        self.scan_finished.emit(outcome)

    # --- importing ------------------------------------------------------------------------------------
    @Slot()
    def on_import_button_clicked(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Import nmap XML"), "", self.tr("nmap XML (*.xml);;All files (*)")
        )
        if path:
            self.import_xml(path)

    def import_xml(self, path: str) -> None:
        """Reconcile an nmap XML file on a worker; its hosts then show as a scan's would."""
        if self.busy:
            return
        self._last_outcome = None
        self._last_failure = None
        self.hosts_model.clear()
        self._scan_label = Path(path).name
        self.progress_bar.setRange(0, 0)
        self.progress_bar.show()
        self._import_task = run_task(
            import_work, self.services, path,
            on_result=self.on_import_finished, on_error=self.on_import_failed, context=self, name="import nmap XML",
        )
        self.tabs.setCurrentIndex(TAB_HOSTS)
        self._update_buttons()
        self._show_tab_titles()
        self._show_status()

    def on_import_finished(self, outcome: ScanOutcome) -> None:
        self._import_task = None
        self._show_outcome(outcome)
        if outcome.result.partial and outcome.result.error:
            self._show_message(
                QMessageBox.Icon.Warning,
                self.tr("Part of the file was imported"),
                self.tr("The hosts before the problem were imported; the rest of the file could not be read.")
                + "\n\n" + core_text(outcome.result.error),
            )

    def on_import_failed(self, error: BaseException) -> None:
        self._import_task = None
        self._end_progress()
        self._last_failure = self.tr("Nothing was imported.")
        self._update_buttons()
        self._show_status()
        self._report_error(self.tr("Cannot import the nmap file"), error)
        self.scan_finished.emit(None)

    # --- the queues -----------------------------------------------------------------------------------
    def on_queues_read(self, state: QueueState) -> None:
        self._queue_task = None
        self.queue_model.set_rows(state.candidates)
        self.conflicts_model.set_rows(state.conflicts)
        self.missing_model.set_rows(state.missing)
        if not self._queue_columns_restored and state.candidates:
            _fit_columns(self.queue_view)
        for view in (self.conflicts_view, self.missing_view):
            if view.model().rowCount():
                _fit_columns(view)
        self._show_tab_titles()
        self._show_queue_hint()
        self._update_buttons()
        self.queues_refreshed.emit()

    def on_queues_failed(self, error: BaseException) -> None:
        self._queue_task = None
        self._report_error(self.tr("Cannot read the review queue"), error)

    @Slot(QItemSelection, QItemSelection)
    def on_queue_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._update_buttons()

    @Slot(QItemSelection, QItemSelection)
    def on_conflicts_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._update_buttons()

    def selected_candidates(self) -> list[CandidateView]:
        return self._selected(self.queue_view, self.queue_model)

    @Slot()
    def on_accept_button_clicked(self) -> None:
        self.accept_selected()

    def accept_selected(self) -> None:
        """Create an asset for each selected device (on a worker), then refresh the queue and the inventory."""
        chosen = self.selected_candidates()
        if not chosen or self._action_task is not None:
            return
        tag = self.asset_tag_edit.text().strip() if len(chosen) == 1 else ""
        without_mac = [c for c in chosen if not c.mac or is_randomized_mac(c.mac)]
        if without_mac and not tag:
            # The core would refuse them one by one; say once what to do instead.
            names = ", ".join(c.address or c.identity for c in without_mac[:5])
            self._show_message(
                QMessageBox.Icon.Information,
                self.tr("An asset tag is needed"),
                self.tr(
                    "These devices have no fixed MAC address that would recognise them in later scans: {devices}.\n\n"
                    "Select one of them at a time and type an asset tag to accept it."
                ).format(devices=names),
            )
            chosen = [c for c in chosen if c not in without_mac]
            if not chosen:
                return
        self._run_action(
            accept_all, self.services.discovery, chosen, self.override_combo.currentData(), tag or None,
            title=self.tr("Some devices were not accepted"), done_text=self.tr("Accepted into the inventory: {n}"),
            changes_assets=True,
        )
        self.asset_tag_edit.clear()

    @Slot()
    def on_ignore_button_clicked(self) -> None:
        self.ignore_selected()

    def ignore_selected(self) -> None:
        chosen = self.selected_candidates()
        if not chosen or self._action_task is not None:
            return
        self._run_action(
            ignore_all, self.services.discovery, chosen,
            title=self.tr("Some devices were not ignored"), done_text=self.tr("Ignored for good: {n}"),
            changes_assets=False,
        )

    @Slot()
    def on_apply_button_clicked(self) -> None:
        self._settle(apply=True)

    @Slot()
    def on_dismiss_button_clicked(self) -> None:
        self._settle(apply=False)

    def _settle(self, *, apply: bool) -> None:
        chosen = self._selected(self.conflicts_view, self.conflicts_model)
        if not chosen or self._action_task is not None:
            return
        self._run_action(
            settle_all, self.services.discovery, chosen, apply,
            title=self.tr("Some conflicts were not settled"),
            done_text=self.tr("Scanned values applied: {n}") if apply else self.tr("Conflicts dismissed: {n}"),
            changes_assets=apply,
        )

    def _run_action(self, fn: Callable[..., BatchResult], *args: Any, title: str, done_text: str, changes_assets: bool) -> None:
        def finished(result: BatchResult) -> None:
            self._action_task = None
            self.status_message.emit(done_text.format(n=result.done), 8000)
            if result.problems:
                lines = "\n".join(f"• {which}: {core_text(message)}" for which, message in result.problems)
                self._show_message(QMessageBox.Icon.Warning, title, lines)
            self._update_buttons()
            self.refresh()
            if changes_assets and result.done:
                self.assets_changed.emit()

        def failed(error: BaseException) -> None:
            self._action_task = None
            self._update_buttons()
            self._report_error(title, error)
            self.refresh()

        self._action_task = run_task(fn, *args, on_result=finished, on_error=failed, context=self, name=fn.__name__)
        self._update_buttons()

    # --- missing --------------------------------------------------------------------------------------
    @Slot(int)
    def on_days_spin_valueChanged(self, _value: int) -> None:  # noqa: N802
        self.missing_timer.start()

    @Slot()
    def on_missing_timer_timeout(self) -> None:
        self.refresh()

    @Slot()
    def on_mark_missing_button_clicked(self) -> None:
        self.ask_mark_missing()

    def ask_mark_missing(self) -> None:
        """Confirm, then move every listed asset to the status Missing (on a worker)."""
        n = self.missing_model.rowCount()
        days = self.days_spin.value()
        if n == 0 or self._action_task is not None:
            return
        if n == 1:
            question = self.tr("Mark the asset that discovery has not seen for {days} days or more as missing?")
        else:
            question = self.tr("Mark %n assets that discovery has not seen for {days} days or more as missing?", "", n)
        question = question.format(days=days) + "\n\n" + self.tr(
            "Each gets the status Missing and a history entry; a later scan that sees one flags it as found."
        )

        def answered(button: QMessageBox.StandardButton) -> None:
            if button == QMessageBox.StandardButton.Yes:
                self._mark_missing(days)

        self._ask(self.tr("Mark assets as missing?"), question, answered)

    def _mark_missing(self, days: int) -> None:
        def marked(count: int) -> None:
            self._action_task = None
            self.status_message.emit(self.tr("Marked as missing: {n}").format(n=count), 8000)
            self._update_buttons()
            self.refresh()
            if count:
                self.assets_changed.emit()

        def failed(error: BaseException) -> None:
            self._action_task = None
            self._update_buttons()
            self._report_error(self.tr("Cannot mark the assets as missing"), error)

        self._action_task = run_task(
            call_plain(self.services.discovery.mark_missing), days, on_result=marked, on_error=failed, context=self,
            name="mark missing",
        )
        self._update_buttons()

    def _report_error(self, title: str, error: BaseException) -> None:
        """An ItamError's message as it is; anything else is a bug (already logged) shown as such."""
        if isinstance(error, ItamError):
            text = core_text(error)
        else:
            text = self.tr("An internal error occurred ({kind}). The details are in the log.").format(
                kind=type(error).__name__
            )
        self._show_message(QMessageBox.Icon.Warning, title, text)
