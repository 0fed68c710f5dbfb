"""The batches & custody page: ITAD jobs, their frozen manifests, the custody ledger, scanning and receipt.

The list on the left holds every batch; the right side shows the selected one: its manifest, the custody
event timeline (append-only, hash-chained by the service), its discrepancies, and a scan mode in which a
barcode scanner (or a person) enters serial after serial. Every read and write goes through
``services.custody`` on the task pool; scans are queued and sent one at a time, in the order they came.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any, ClassVar

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QColor, QFont, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QStackedWidget,
    QStyle,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from itam import security
from itam.services import Services
from itam.services.custody import (
    EVENT_RULES,
    MATERIAL_STREAMS,
    BatchView,
    EventView,
    ItemView,
    Receipt,
    ScanOutcome,
)
from ui import access, i18n
from ui.dialogs.wipe_dialog import ERROR_COLOUR, error_text
from ui.models.asset_table import format_datetime
from ui.models.discovery_tables import Column, RowTableModel
from ui.pages import Page
from ui.settings import Settings
from ui.widgets import table_view
from ui.workers import TaskHandle, call_plain, run_task

_CONTEXT = "Batches"
MAX_COLUMN_WIDTH = 220
#: Scans the log keeps (newest first).
SCAN_LOG_SIZE = 50
GOOD = QColor("#2e7d32")
BAD = QColor("#c62828")
#: Colours of the scan log: (text, background) per outcome.
SCAN_COLOURS = {
    "expected": ("#1b5e20", "#e8f5e9"),
    "extra": ("#b71c1c", "#ffebee"),
    "repeat": ("#7a4f00", "#fff3cd"),
    "error": ("#b71c1c", "#ffebee"),
}
TAB_MANIFEST, TAB_TIMELINE, TAB_DISCREPANCIES, TAB_SCAN = range(4)

STATUS_LABELS = {
    "open": QT_TRANSLATE_NOOP("Batches", "Open"),
    "manifested": QT_TRANSLATE_NOOP("Batches", "Manifest frozen"),
    "collected": QT_TRANSLATE_NOOP("Batches", "Collected"),
    "in_transit": QT_TRANSLATE_NOOP("Batches", "In transit"),
    "received": QT_TRANSLATE_NOOP("Batches", "Received"),
    "processed": QT_TRANSLATE_NOOP("Batches", "Processed"),
    "closed": QT_TRANSLATE_NOOP("Batches", "Closed"),
}
EVENT_LABELS = {
    "manifest": QT_TRANSLATE_NOOP("Batches", "Manifest frozen"),
    "collected": QT_TRANSLATE_NOOP("Batches", "Collected"),
    "sealed": QT_TRANSLATE_NOOP("Batches", "Sealed"),
    "in_transit": QT_TRANSLATE_NOOP("Batches", "In transit"),
    "received": QT_TRANSLATE_NOOP("Batches", "Received"),
    "processed": QT_TRANSLATE_NOOP("Batches", "Processed"),
    "shipped": QT_TRANSLATE_NOOP("Batches", "Shipped downstream"),
    "destroyed": QT_TRANSLATE_NOOP("Batches", "Destroyed"),
    "discrepancy": QT_TRANSLATE_NOOP("Batches", "Discrepancy"),
    "resolved": QT_TRANSLATE_NOOP("Batches", "Resolved"),
    "closed": QT_TRANSLATE_NOOP("Batches", "Closed"),
    "note": QT_TRANSLATE_NOOP("Batches", "Note"),
}
DISCREPANCY_LABELS = {
    "missing": QT_TRANSLATE_NOOP("Batches", "Missing"),
    "extra": QT_TRANSLATE_NOOP("Batches", "Extra"),
    "broken_seal": QT_TRANSLATE_NOOP("Batches", "Broken seal"),
}
STREAM_LABELS = {
    "whole units for reuse": QT_TRANSLATE_NOOP("Batches", "Whole units for reuse"),
    "components for reuse": QT_TRANSLATE_NOOP("Batches", "Components for reuse"),
    "circuit boards": QT_TRANSLATE_NOOP("Batches", "Circuit boards"),
    "ferrous metals": QT_TRANSLATE_NOOP("Batches", "Ferrous metals"),
    "non-ferrous metals": QT_TRANSLATE_NOOP("Batches", "Non-ferrous metals"),
    "aluminium": QT_TRANSLATE_NOOP("Batches", "Aluminium"),
    "copper": QT_TRANSLATE_NOOP("Batches", "Copper"),
    "plastics": QT_TRANSLATE_NOOP("Batches", "Plastics"),
    "batteries": QT_TRANSLATE_NOOP("Batches", "Batteries"),
    "glass": QT_TRANSLATE_NOOP("Batches", "Glass"),
    "cables": QT_TRANSLATE_NOOP("Batches", "Cables"),
    "shredded media": QT_TRANSLATE_NOOP("Batches", "Shredded media"),
    "mixed e-waste": QT_TRANSLATE_NOOP("Batches", "Mixed e-waste"),
    "other": QT_TRANSLATE_NOOP("Batches", "Other"),
}
#: Names of the details custody events carry.
DETAIL_LABELS = {
    "count": QT_TRANSLATE_NOOP("Batches", "serials"),
    "sha256": QT_TRANSLATE_NOOP("Batches", "SHA-256"),
    "serials": QT_TRANSLATE_NOOP("Batches", "list"),
    "seals": QT_TRANSLATE_NOOP("Batches", "seals"),
    "carrier": QT_TRANSLATE_NOOP("Batches", "carrier"),
    "vehicle": QT_TRANSLATE_NOOP("Batches", "vehicle"),
    "stream": QT_TRANSLATE_NOOP("Batches", "stream"),
    "kg": QT_TRANSLATE_NOOP("Batches", "kg"),
    "recycler": QT_TRANSLATE_NOOP("Batches", "recycler"),
    "certification": QT_TRANSLATE_NOOP("Batches", "certification"),
    "note": QT_TRANSLATE_NOOP("Batches", "note"),
    "operator": QT_TRANSLATE_NOOP("Batches", "operator"),
    "witness": QT_TRANSLATE_NOOP("Batches", "witness"),
    "expected": QT_TRANSLATE_NOOP("Batches", "expected"),
    "received": QT_TRANSLATE_NOOP("Batches", "received"),
    "missing": QT_TRANSLATE_NOOP("Batches", "missing"),
    "extra": QT_TRANSLATE_NOOP("Batches", "extra"),
    "seals_intact": QT_TRANSLATE_NOOP("Batches", "seals intact"),
    "seals_broken": QT_TRANSLATE_NOOP("Batches", "seals broken"),
    "weights": QT_TRANSLATE_NOOP("Batches", "weights"),
    "total_kg": QT_TRANSLATE_NOOP("Batches", "total kg"),
    "type": QT_TRANSLATE_NOOP("Batches", "type"),
    "serial": QT_TRANSLATE_NOOP("Batches", "serial"),
    "seal": QT_TRANSLATE_NOOP("Batches", "seal"),
    "discrepancy": QT_TRANSLATE_NOOP("Batches", "discrepancy"),
    "open_discrepancies": QT_TRANSLATE_NOOP("Batches", "open discrepancies"),
}
#: Event kinds a person records here, in the order of a job.
RECORDABLE = ("collected", "sealed", "in_transit", "processed", "shipped", "note")


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def label_of(labels: dict[str, str], key: str | None) -> str:
    if not key:
        return ""
    label = labels.get(key)
    return _tr(label) if label else key.replace("_", " ")


def split_list(text: str) -> list[str]:
    """Seal numbers and the like, separated by commas, semicolons, spaces or new lines."""
    return [x for x in re.split(r"[\s,;]+", text.strip()) if x]


def _value_text(key: str, value: Any) -> str:
    if isinstance(value, list):
        if len(value) > 6:
            return str(len(value))
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{label_of(STREAM_LABELS, k)} {v:g} kg" if isinstance(v, (int, float)) else f"{k} {v}"
                         for k, v in value.items())
    if key == "stream":
        return label_of(STREAM_LABELS, value)
    if key == "type":
        return label_of(DISCREPANCY_LABELS, value)
    if key == "sha256":
        return str(value)[:16] + "…"
    if key == "discrepancy":
        return f"#{value}"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def details_text(details: dict[str, Any]) -> str:
    """An event's details on one line: "seals: S-1, S-2 · carrier: DHL"."""
    parts = []
    for key, value in details.items():
        if key == "serials" and "count" in details:
            continue  # the manifest's count says it; the list itself is in the manifest tab
        parts.append(f"{label_of(DETAIL_LABELS, key)}: {_value_text(key, value)}")
    return " · ".join(parts)


# --- what the workers read ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Discrepancy:
    event: EventView
    resolution: str | None  # the note of the event that resolved it

    @property
    def seq(self) -> int:
        return self.event.seq


@dataclass(frozen=True)
class BatchDetail:
    batch: BatchView
    items: tuple[ItemView, ...]
    events: tuple[EventView, ...]
    discrepancies: tuple[Discrepancy, ...]


def read_batches(services: Services, *, progress: Any, is_cancelled: Any) -> list[BatchView]:
    return services.custody.list()


def read_detail(services: Services, number: str, *, progress: Any, is_cancelled: Any) -> BatchDetail:
    custody = services.custody
    batch = custody.get(number)
    events = custody.events(number)
    resolved = {e.details.get("discrepancy"): e.details.get("note") for e in events if e.kind == "resolved"}
    discrepancies = tuple(Discrepancy(e, resolved.get(e.seq)) for e in events if e.kind == "discrepancy")
    return BatchDetail(batch, tuple(custody.items(number)), tuple(events), discrepancies)


# --- table models ------------------------------------------------------------------------------------
class _Model(RowTableModel):
    def header_label(self, section: int) -> str:
        return _tr(self.COLUMNS[section].header)


class BatchTableModel(_Model):
    COLUMNS = (
        Column("number", QT_TRANSLATE_NOOP("Batches", "Job number"), lambda b: b.number),
        Column("status", QT_TRANSLATE_NOOP("Batches", "Status"), lambda b: label_of(STATUS_LABELS, b.status),
               lambda b: list(STATUS_LABELS).index(b.status) if b.status in STATUS_LABELS else 99),
        Column("client", QT_TRANSLATE_NOOP("Batches", "Client"), lambda b: b.client or ""),
        Column("vendor", QT_TRANSLATE_NOOP("Batches", "Vendor"), lambda b: b.vendor or ""),
        Column("items", QT_TRANSLATE_NOOP("Batches", "Items"), lambda b: str(b.items), lambda b: b.items, True),
        Column("discrepancies", QT_TRANSLATE_NOOP("Batches", "Open discrepancies"), lambda b: str(b.open_discrepancies),
               lambda b: b.open_discrepancies, True),
    )

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and index.row() < len(self._rows):
            if self.COLUMNS[index.column()].key == "discrepancies" and self._rows[index.row()].open_discrepancies:
                return BAD
            return None
        return super().data(index, role)

    def tooltip(self, row: BatchView, column: Column) -> str | None:
        if column.key == "number":
            lines = [QCoreApplication.translate("Batches", "Created {at} by {who}").format(at=format_datetime(row.created_at), who=row.created_by)]
            if row.manifest_sha256:
                lines.append(QCoreApplication.translate("Batches", "Manifest frozen {at}, SHA-256 {sha}").format(
                    at=format_datetime(row.manifest_frozen_at), sha=row.manifest_sha256))
            if row.notes:
                lines.append(row.notes)
            return "\n".join(lines)
        return super().tooltip(row, column)


class ItemTableModel(_Model):
    COLUMNS = (
        Column("serial", QT_TRANSLATE_NOOP("Batches", "Serial"), lambda i: i.serial),
        Column("asset", QT_TRANSLATE_NOOP("Batches", "Asset"), lambda i: i.asset_tag or ""),
        Column("category", QT_TRANSLATE_NOOP("Batches", "Category"), lambda i: i18n.category_name(i.category)),
        Column("model", QT_TRANSLATE_NOOP("Batches", "Model"),
               lambda i: " ".join(x for x in (i.manufacturer, i.model) if x)),
        Column("manifest", QT_TRANSLATE_NOOP("Batches", "On manifest"),
               lambda i: "✓" if i.in_manifest else QCoreApplication.translate("Batches", "extra")),
        Column("received", QT_TRANSLATE_NOOP("Batches", "Received"), lambda i: format_datetime(i.received_at),
               lambda i: i.received_at or datetime.min),
        Column("checked_out", QT_TRANSLATE_NOOP("Batches", "Checked out"), lambda i: format_datetime(i.checked_out_at),
               lambda i: i.checked_out_at or datetime.min),
        Column("weight", QT_TRANSLATE_NOOP("Batches", "Weight (kg)"),
               lambda i: "" if i.weight_kg is None else f"{i.weight_kg:g}", lambda i: i.weight_kg or 0.0, True),
    )

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and index.row() < len(self._rows):
            return None if self._rows[index.row()].in_manifest else BAD
        return super().data(index, role)


class EventTableModel(_Model):
    COLUMNS = (
        Column("seq", QT_TRANSLATE_NOOP("Batches", "#"), lambda e: str(e.seq), lambda e: e.seq, True),
        Column("kind", QT_TRANSLATE_NOOP("Batches", "Event"), lambda e: label_of(EVENT_LABELS, e.kind)),
        Column("at", QT_TRANSLATE_NOOP("Batches", "Time"), lambda e: format_datetime(e.at), lambda e: e.at),
        Column("actor", QT_TRANSLATE_NOOP("Batches", "By"), lambda e: e.actor),
        Column("details", QT_TRANSLATE_NOOP("Batches", "Details"), lambda e: details_text(e.details)),
    )

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and index.row() < len(self._rows):
            kind = self._rows[index.row()].kind
            return BAD if kind == "discrepancy" else GOOD if kind == "resolved" else None
        return super().data(index, role)

    def tooltip(self, row: EventView, column: Column) -> str | None:
        if column.key == "seq":
            return QCoreApplication.translate("Batches", "Ledger hash {hash}").format(hash=row.hash)
        return super().tooltip(row, column)


class DiscrepancyTableModel(_Model):
    COLUMNS = (
        Column("seq", QT_TRANSLATE_NOOP("Batches", "#"), lambda d: str(d.seq), lambda d: d.seq, True),
        Column("type", QT_TRANSLATE_NOOP("Batches", "Type"), lambda d: label_of(DISCREPANCY_LABELS, d.event.details.get("type"))),
        Column("what", QT_TRANSLATE_NOOP("Batches", "Serial or seal"),
               lambda d: d.event.details.get("serial") or d.event.details.get("seal") or ""),
        Column("at", QT_TRANSLATE_NOOP("Batches", "Time"), lambda d: format_datetime(d.event.at), lambda d: d.event.at),
        Column("state", QT_TRANSLATE_NOOP("Batches", "State"),
               lambda d: QCoreApplication.translate("Batches", "Resolved: {note}").format(note=d.resolution) if d.resolution else QCoreApplication.translate("Batches", "Open")),
    )

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and index.row() < len(self._rows):
            return GOOD if self._rows[index.row()].resolution else BAD
        return super().data(index, role)


def _table(name: str, model: RowTableModel, parent: QWidget, *, single: bool = True) -> QTableView:
    return table_view(parent, model, name, single=single, movable=False)


def _fit_columns(view: QTableView, widest: int = MAX_COLUMN_WIDTH) -> None:
    view.resizeColumnsToContents()
    header = view.horizontalHeader()
    for section in range(header.count()):
        if header.sectionSize(section) > widest:
            header.resizeSection(section, widest)


def _error_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setObjectName("error_label")
    label.setStyleSheet(f"color: {ERROR_COLOUR};")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


# --- dialogs -------------------------------------------------------------------------------------------
class _ServiceDialog(QDialog):
    """A dialog whose OK runs one service call on a worker; a refusal shows inline and the dialog stays."""

    #: The service call succeeded (its result).
    succeeded = Signal(object)

    def __init__(self, parent: QWidget | None):
        super().__init__(parent)
        self._task: TaskHandle | None = None
        self.error_label = _error_label(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

    def call(self) -> tuple[Callable[..., Any], tuple, dict] | None:
        """(service method, args, kwargs) for OK, or None after showing what is missing."""
        raise NotImplementedError

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    @Slot()
    def submit(self) -> bool:
        if self._task is not None:
            return False
        planned = self.call()
        if planned is None:
            return False
        fn, args, kwargs = planned
        self.error_label.hide()
        # A partial, so that no detail named like one of run_task's own keywords can clash with them.
        self._task = run_task(call_plain(partial(fn, *args, **kwargs)), on_result=self._succeeded, on_error=self._failed,
                              context=self, name=type(self).__name__)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        return True

    def _succeeded(self, result: object) -> None:
        self._task = None
        self.succeeded.emit(result)
        self.finish(result)

    def finish(self, _result: object) -> None:
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._task = None
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)
        self.show_error(error_text(error))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Subclasses set their texts here."""


def _party_combo(parent: QWidget, services: Services, kinds: tuple[str, ...]) -> QComboBox:
    combo = QComboBox(parent)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.addItem("")
    try:
        names = sorted({p.name for kind in kinds for p in services.parties.list(kind)})
    except Exception:  # noqa: BLE001 - an empty list still lets a person type the name
        names = []
    combo.addItems(names)
    return combo


class NewBatchDialog(_ServiceDialog):
    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.setObjectName("NewBatchDialog")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.number_label = QLabel(self)
        self.number_edit = QLineEdit(self)
        self.number_edit.setObjectName("number_edit")
        self.number_label.setBuddy(self.number_edit)
        form.addRow(self.number_label, self.number_edit)
        self.client_label = QLabel(self)
        self.client_combo = _party_combo(self, services, ("client", "own_org"))
        self.client_combo.setObjectName("client_combo")
        self.client_label.setBuddy(self.client_combo)
        form.addRow(self.client_label, self.client_combo)
        self.vendor_label = QLabel(self)
        self.vendor_combo = _party_combo(self, services, ("itad_vendor", "recycler"))
        self.vendor_combo.setObjectName("vendor_combo")
        self.vendor_label.setBuddy(self.vendor_combo)
        form.addRow(self.vendor_label, self.vendor_combo)
        self.notes_label = QLabel(self)
        self.notes_edit = QLineEdit(self)
        self.notes_edit.setObjectName("notes_edit")
        self.notes_label.setBuddy(self.notes_edit)
        form.addRow(self.notes_label, self.notes_edit)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.resize(460, 220)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("New batch"))
        self.number_label.setText(self.tr("&Job number:"))
        self.number_edit.setPlaceholderText(self.tr("e.g. ITAD-2025-014"))
        self.client_label.setText(self.tr("&Client:"))
        self.vendor_label.setText(self.tr("&Vendor:"))
        self.vendor_combo.setToolTip(self.tr("The ITAD vendor or recycler that takes the assets"))
        self.notes_label.setText(self.tr("&Notes:"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Create"))

    def call(self) -> tuple[Callable[..., Any], tuple, dict] | None:
        return (self.services.custody.create, (self.number_edit.text().strip(),), {
            "client": self.client_combo.currentText().strip() or None,
            "vendor": self.vendor_combo.currentText().strip() or None,
            "notes": self.notes_edit.text().strip() or None,
        })


class AddAssetsDialog(_ServiceDialog):
    def __init__(self, services: Services, number: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.number = number
        self.setObjectName("AddAssetsDialog")
        layout = QVBoxLayout(self)
        self.intro_label = QLabel(self)
        self.intro_label.setWordWrap(True)
        layout.addWidget(self.intro_label)
        self.assets_edit = QPlainTextEdit(self)
        self.assets_edit.setObjectName("assets_edit")
        layout.addWidget(self.assets_edit, 1)
        self.unknown_check = QCheckBox(self)
        self.unknown_check.setObjectName("unknown_check")
        layout.addWidget(self.unknown_check)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.resize(460, 380)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Add assets to {batch}").format(batch=self.number))
        self.intro_label.setText(self.tr("Asset tags or serial numbers, one per line (a scanner's output pastes as it is):"))
        self.unknown_check.setText(self.tr("Accept serials that are not in the inventory (a client's list)"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Add"))

    def refs(self) -> list[str]:
        return [line.strip() for line in self.assets_edit.toPlainText().splitlines() if line.strip()]

    def call(self) -> tuple[Callable[..., Any], tuple, dict] | None:
        refs = self.refs()
        if not refs:
            self.show_error(self.tr("Type or paste at least one asset tag or serial number."))
            return None
        return self.services.custody.add, (self.number, refs), {"allow_unknown": self.unknown_check.isChecked()}


class EventDialog(_ServiceDialog):
    """Record a custody event; the fields follow the kind of event."""

    FIELDS: ClassVar[dict[str, tuple[str, ...]]] = {
        "collected": ("carrier", "vehicle", "operator", "witness", "note"),
        "sealed": ("seals", "note"),
        "in_transit": ("carrier", "vehicle", "seals", "note"),
        "processed": ("operator", "witness", "note"),
        "shipped": ("stream", "kg", "recycler", "certification", "note"),
        "note": ("note",),
    }

    def __init__(self, services: Services, batch: BatchView, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.batch = batch
        self.setObjectName("EventDialog")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.form = form
        self.kind_label = QLabel(self)
        self.kind_combo = QComboBox(self)
        self.kind_combo.setObjectName("kind_combo")
        for kind in RECORDABLE:
            if batch.status in EVENT_RULES[kind][0]:
                self.kind_combo.addItem("", kind)
        self.kind_combo.currentIndexChanged.connect(self.on_kind_combo_currentIndexChanged)
        self.kind_label.setBuddy(self.kind_combo)
        form.addRow(self.kind_label, self.kind_combo)
        self.labels: dict[str, QLabel] = {}
        self.fields: dict[str, QWidget] = {}

        def add(key: str, widget: QWidget) -> None:
            widget.setObjectName(f"{key}_field")
            label = QLabel(self)
            label.setBuddy(widget)
            self.labels[key] = label
            self.fields[key] = widget
            form.addRow(label, widget)

        add("seals", QLineEdit(self))
        add("carrier", QLineEdit(self))
        add("vehicle", QLineEdit(self))
        stream = QComboBox(self)
        for s in MATERIAL_STREAMS:
            stream.addItem("", s)
        add("stream", stream)
        kg = QDoubleSpinBox(self)
        kg.setRange(0.0, 1_000_000.0)
        kg.setDecimals(1)
        kg.setSuffix(" kg")
        add("kg", kg)
        add("recycler", _party_combo(self, services, ("recycler", "itad_vendor")))
        add("certification", QLineEdit(self))
        add("operator", QLineEdit(self))
        add("witness", QLineEdit(self))
        add("note", QLineEdit(self))
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.retranslate()
        self._show_fields()
        self.resize(480, 300)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Record a custody event for {batch}").format(batch=self.batch.number))
        self.kind_label.setText(self.tr("&Event:"))
        for i in range(self.kind_combo.count()):
            self.kind_combo.setItemText(i, label_of(EVENT_LABELS, self.kind_combo.itemData(i)))
        texts = {
            "seals": self.tr("&Seal numbers:"), "carrier": self.tr("&Carrier:"), "vehicle": self.tr("&Vehicle:"),
            "stream": self.tr("&Material stream:"), "kg": self.tr("&Weight:"), "recycler": self.tr("&Recycler:"),
            "certification": self.tr("C&ertification:"), "operator": self.tr("&Operator:"),
            "witness": self.tr("&Witness:"), "note": self.tr("&Note:"),
        }
        for key, text in texts.items():
            self.labels[key].setText(text)
        self.fields["seals"].setPlaceholderText(self.tr("separated by commas or spaces"))
        self.fields["certification"].setPlaceholderText(self.tr("e.g. R2v3 12345 (taken from the recycler when empty)"))
        stream: QComboBox = self.fields["stream"]  # type: ignore[assignment]
        for i in range(stream.count()):
            stream.setItemText(i, label_of(STREAM_LABELS, stream.itemData(i)))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Record"))

    @Slot(int)
    def on_kind_combo_currentIndexChanged(self, _index: int) -> None:  # noqa: N802
        self._show_fields()

    def _show_fields(self) -> None:
        wanted = self.FIELDS.get(self.kind_combo.currentData(), ())
        for key in self.fields:
            self.form.setRowVisible(self.fields[key], key in wanted)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.kind_combo.count() > 0)

    def details(self) -> dict[str, Any]:
        kind = self.kind_combo.currentData()
        out: dict[str, Any] = {}
        for key in self.FIELDS.get(kind, ()):
            widget = self.fields[key]
            if key == "seals":
                out[key] = split_list(widget.text())
            elif key == "stream":
                out[key] = widget.currentData()
            elif key == "kg":
                out[key] = widget.value() or None
            elif isinstance(widget, QComboBox):
                out[key] = widget.currentText().strip() or None
            else:
                out[key] = widget.text().strip() or None
        return out

    def call(self) -> tuple[Callable[..., Any], tuple, dict] | None:
        kind = self.kind_combo.currentData()
        if not kind:
            self.show_error(self.tr("No custody event can follow the batch's status {status}.").format(
                status=label_of(STATUS_LABELS, self.batch.status)))
            return None
        return self.services.custody.record_event, (self.batch.number, kind), self.details()


class ReceiveDialog(_ServiceDialog):
    """Receive the batch: seals, weights per stream, people; then the receipt (missing and extra serials)."""

    def __init__(self, services: Services, batch: BatchView, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.batch = batch
        self.receipt: Receipt | None = None
        self.setObjectName("ReceiveDialog")
        layout = QVBoxLayout(self)
        self.stack = QStackedWidget(self)
        layout.addWidget(self.stack, 1)

        form_page = QWidget(self)
        page_layout = QVBoxLayout(form_page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        page_layout.addLayout(form)
        page_layout.addStretch(1)
        self.serials_label = QLabel(form_page)
        self.serials_edit = QPlainTextEdit(form_page)
        self.serials_edit.setObjectName("serials_edit")
        self.serials_edit.setFixedHeight(self.fontMetrics().height() * 4 + 12)
        self.serials_label.setBuddy(self.serials_edit)
        form.addRow(self.serials_label, self.serials_edit)
        self.intact_label = QLabel(form_page)
        self.intact_edit = QLineEdit(form_page)
        self.intact_edit.setObjectName("seals_intact_edit")
        self.intact_label.setBuddy(self.intact_edit)
        form.addRow(self.intact_label, self.intact_edit)
        self.broken_label = QLabel(form_page)
        self.broken_edit = QLineEdit(form_page)
        self.broken_edit.setObjectName("seals_broken_edit")
        self.broken_label.setBuddy(self.broken_edit)
        form.addRow(self.broken_label, self.broken_edit)
        self.weights_label = QLabel(form_page)
        self.weights_table = QTableWidget(len(MATERIAL_STREAMS), 2, form_page)
        self.weights_table.setObjectName("weights_table")
        self.weights_table.verticalHeader().setVisible(False)
        self.weights_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.weights_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.weight_spins: dict[str, QDoubleSpinBox] = {}
        for row, stream in enumerate(MATERIAL_STREAMS):
            item = QTableWidgetItem()
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.weights_table.setItem(row, 0, item)
            spin = QDoubleSpinBox(self.weights_table)
            spin.setRange(0.0, 1_000_000.0)
            spin.setDecimals(1)
            spin.setSuffix(" kg")
            spin.setSpecialValueText("—")
            spin.setFrame(False)
            self.weights_table.setCellWidget(row, 1, spin)
            self.weight_spins[stream] = spin
        row_height = self.fontMetrics().height() + 10
        self.weights_table.verticalHeader().setDefaultSectionSize(row_height)
        self.weights_table.setFixedHeight(row_height * 8 + self.weights_table.horizontalHeader().sizeHint().height() + 4)
        form.addRow(self.weights_label, self.weights_table)
        self.operator_label = QLabel(form_page)
        self.operator_edit = QLineEdit(form_page)
        self.operator_edit.setObjectName("operator_edit")
        self.operator_edit.setText(services.ctx.actor.name)
        self.operator_label.setBuddy(self.operator_edit)
        form.addRow(self.operator_label, self.operator_edit)
        self.witness_label = QLabel(form_page)
        self.witness_edit = QLineEdit(form_page)
        self.witness_edit.setObjectName("witness_edit")
        self.witness_label.setBuddy(self.witness_edit)
        form.addRow(self.witness_label, self.witness_edit)
        self.stack.addWidget(form_page)

        receipt_page = QWidget(self)
        receipt = QVBoxLayout(receipt_page)
        receipt.setContentsMargins(0, 0, 0, 0)
        self.receipt_label = QLabel(receipt_page)
        self.receipt_label.setObjectName("receipt_label")
        self.receipt_label.setWordWrap(True)
        font = self.receipt_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.receipt_label.setFont(font)
        receipt.addWidget(self.receipt_label)
        lists = QHBoxLayout()
        self.missing_title = QLabel(receipt_page)
        self.missing_list = QListWidget(receipt_page)
        self.missing_list.setObjectName("missing_list")
        self.extra_title = QLabel(receipt_page)
        self.extra_list = QListWidget(receipt_page)
        self.extra_list.setObjectName("extra_list")
        for title, widget in ((self.missing_title, self.missing_list), (self.extra_title, self.extra_list)):
            column = QVBoxLayout()
            column.addWidget(title)
            column.addWidget(widget, 1)
            lists.addLayout(column)
        receipt.addLayout(lists, 1)
        self.seals_result_label = QLabel(receipt_page)
        self.seals_result_label.setObjectName("seals_result_label")
        self.seals_result_label.setWordWrap(True)
        receipt.addWidget(self.seals_result_label)
        self.stack.addWidget(receipt_page)

        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.resize(560, 560)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Receive {batch}").format(batch=self.batch.number))
        self.serials_label.setText(self.tr("&Serials received:"))
        self.serials_edit.setPlaceholderText(self.tr("Leave empty to use the serials scanned in (scan mode)"))
        self.intact_label.setText(self.tr("Seals &intact:"))
        self.broken_label.setText(self.tr("Seals &broken:"))
        for edit in (self.intact_edit, self.broken_edit):
            edit.setPlaceholderText(self.tr("seal numbers, separated by commas or spaces"))
        self.weights_label.setText(self.tr("Weights:"))
        self.weights_table.setHorizontalHeaderLabels([self.tr("Material stream"), self.tr("Weight")])
        for row, stream in enumerate(MATERIAL_STREAMS):
            self.weights_table.item(row, 0).setText(label_of(STREAM_LABELS, stream))
        self.operator_label.setText(self.tr("&Operator:"))
        self.witness_label.setText(self.tr("&Witness:"))
        if self.receipt is None:
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Receive"))
        self._show_receipt()

    def weights(self) -> dict[str, float]:
        return {stream: spin.value() for stream, spin in self.weight_spins.items() if spin.value() > 0}

    def call(self) -> tuple[Callable[..., Any], tuple, dict] | None:
        serials = [line.strip() for line in self.serials_edit.toPlainText().splitlines() if line.strip()]
        return self.services.custody.receive, (self.batch.number,), {
            "serials": serials or None,
            "seals_intact": split_list(self.intact_edit.text()),
            "seals_broken": split_list(self.broken_edit.text()),
            "weights": self.weights(),
            "operator": self.operator_edit.text().strip() or None,
            "witness": self.witness_edit.text().strip() or None,
        }

    def finish(self, result: object) -> None:
        # Stay open on the receipt: what is missing and what came extra is what the person needs now.
        self.receipt = result  # type: ignore[assignment]
        self.stack.setCurrentIndex(1)
        self.buttons.clear()
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self._show_receipt()

    def _show_receipt(self) -> None:
        r = self.receipt
        if r is None:
            return
        self.receipt_label.setText(self.tr("Received {received} of {expected} expected · {missing} missing · {extra} extra").format(
            received=r.received - len(r.extra), expected=r.expected, missing=len(r.missing), extra=len(r.extra)))
        colour = "#2e7d32" if not r.discrepancies else ERROR_COLOUR
        self.receipt_label.setStyleSheet(f"color: {colour};")
        self.missing_title.setText(self.tr("Missing ({n}):").format(n=len(r.missing)))
        self.extra_title.setText(self.tr("Extra ({n}):").format(n=len(r.extra)))
        self.missing_list.clear()
        self.missing_list.addItems(list(r.missing))
        self.extra_list.clear()
        self.extra_list.addItems(list(r.extra))
        if r.broken_seals:
            seals = self.tr("Broken seals: {seals}").format(seals=", ".join(r.broken_seals))
        else:
            seals = self.tr("No broken seals.")
        if r.discrepancies:
            seals += " " + self.tr("{n} discrepancies were recorded; resolve them on the Discrepancies tab.").format(
                n=r.discrepancies)
        self.seals_result_label.setText(seals)


# --- scan mode -----------------------------------------------------------------------------------------
class ScanPanel(QWidget):
    """A big line edit that takes serials one after another (Enter after each, as barcode scanners send)."""

    #: One scan's outcome arrived (ScanOutcome), or a scan failed (the error).
    scanned = Signal(object)

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.setObjectName("scan_panel")
        self.batch: BatchView | None = None
        self._queue: deque[tuple[str, str, str]] = deque()
        self._task: TaskHandle | None = None
        self.last: ScanOutcome | None = None

        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.direction_label = QLabel(self)
        self.in_radio = QRadioButton(self)
        self.in_radio.setObjectName("direction_in_radio")
        self.in_radio.setChecked(True)
        self.out_radio = QRadioButton(self)
        self.out_radio.setObjectName("direction_out_radio")
        self.direction_group = QButtonGroup(self)
        self.direction_group.addButton(self.in_radio)
        self.direction_group.addButton(self.out_radio)
        self.direction_group.buttonToggled.connect(self.on_direction_toggled)
        self.check_out_button = QPushButton(self)
        self.check_out_button.setObjectName("check_out_button")
        self.check_out_button.clicked.connect(self.on_check_out_button_clicked)
        row.addWidget(self.direction_label)
        row.addWidget(self.in_radio)
        row.addWidget(self.out_radio)
        row.addStretch(1)
        row.addWidget(self.check_out_button)
        layout.addLayout(row)

        self.edit = QLineEdit(self)
        self.edit.setObjectName("scan_edit")
        font = self.edit.font()
        font.setPointSizeF(font.pointSizeF() * 2)
        self.edit.setFont(font)
        self.edit.setMinimumHeight(self.edit.fontMetrics().height() + 18)
        self.edit.returnPressed.connect(self.on_edit_returnPressed)
        layout.addWidget(self.edit)

        self.counter_label = QLabel(self)
        self.counter_label.setObjectName("counter_label")
        font = self.counter_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.counter_label.setFont(font)
        layout.addWidget(self.counter_label)
        self.log = QListWidget(self)
        self.log.setObjectName("scan_log")
        self.log.setUniformItemSizes(True)
        mono = QFont(self.log.font())
        mono.setPointSizeF(mono.pointSizeF() * 1.15)
        self.log.setFont(mono)
        layout.addWidget(self.log, 1)
        self.retranslate()
        self.set_batch(None)

    @property
    def direction(self) -> str:
        return "out" if self.out_radio.isChecked() else "in"

    def retranslate(self) -> None:
        self.direction_label.setText(self.tr("Direction:"))
        self.in_radio.setText(self.tr("&In (check-in at the vendor)"))
        self.out_radio.setText(self.tr("O&ut (leaving downstream)"))
        self.check_out_button.setText(self.tr("Mark scanned-out serials as checked out"))
        self.edit.setPlaceholderText(self.tr("Scan or type a serial, then Enter"))
        self.edit.setToolTip(self.tr("Barcode scanners send Enter after each serial: scan one after another"))
        self._show_counter()
        for i in range(self.log.count()):
            item = self.log.item(i)
            item.setText(self._log_text(*item.data(Qt.ItemDataRole.UserRole)))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_batch(self, batch: BatchView | None) -> None:
        changed = batch is None or self.batch is None or batch.number != self.batch.number
        self.batch = batch
        if changed:
            self.last = None
            self.log.clear()
            self._queue.clear()
        self._update_state()
        self._show_counter()

    def scan_allowed(self) -> bool:
        b = self.batch
        if b is None or b.status in ("open", "closed"):
            return False
        if self.direction == "in":
            return b.status in ("manifested", "collected", "in_transit")
        return True

    def _update_state(self) -> None:
        allowed = self.scan_allowed()
        self.edit.setEnabled(allowed)
        self.check_out_button.setVisible(self.direction == "out")
        self.check_out_button.setEnabled(self.batch is not None and self.batch.status not in ("open", "closed"))

    def _show_counter(self) -> None:
        b = self.batch
        if b is None:
            self.counter_label.setText(self.tr("Choose a batch to scan"))
        elif b.status == "open":
            self.counter_label.setText(self.tr("Freeze the manifest before scanning"))
        elif b.status == "closed":
            self.counter_label.setText(self.tr("The batch is closed"))
        elif self.direction == "in" and b.status in ("received", "processed"):
            self.counter_label.setText(self.tr("Already received; scan out instead"))
        elif self.last is None:
            self.counter_label.setText(self.tr("{expected} expected — scan the first serial").format(
                expected=b.expected_count or b.items))
        else:
            self.counter_label.setText(self.tr("{scanned} of {expected} expected · {extra} extra").format(
                scanned=self.last.scanned, expected=self.last.expected, extra=self.last.extra))
        self.counter_label.setStyleSheet("color: #c62828;" if self.last is not None and self.last.extra else "")

    def on_direction_toggled(self, *_args: Any) -> None:
        self.last = None
        self._update_state()
        self._show_counter()
        self.edit.setFocus()

    @Slot()
    def on_edit_returnPressed(self) -> None:  # noqa: N802
        serial = self.edit.text().strip()
        self.edit.clear()
        if serial:
            self.scan(serial)

    def scan(self, serial: str) -> None:
        """Queue one serial; scans go to the service one at a time, in order."""
        if self.batch is None or not self.scan_allowed():
            return
        self._queue.append((self.batch.number, serial, self.direction))
        self._next()

    @property
    def busy(self) -> bool:
        return self._task is not None or bool(self._queue)

    def _next(self) -> None:
        if self._task is not None or not self._queue:
            return
        number, serial, direction = self._queue.popleft()
        self._task = run_task(
            call_plain(self.services.custody.scan), number, serial, direction=direction,
            on_result=self.on_scanned, on_error=lambda error: self.on_scan_failed(serial, error), context=self,
            name="custody scan",
        )

    def on_scanned(self, outcome: ScanOutcome) -> None:
        self._task = None
        self.last = outcome
        self._add_log(outcome.outcome, outcome.serial, outcome.asset_tag or "")
        if outcome.outcome == "extra":
            QApplication.beep()
        self._show_counter()
        self.scanned.emit(outcome)
        self._next()

    def on_scan_failed(self, serial: str, error: BaseException) -> None:
        self._task = None
        QApplication.beep()
        self._add_log("error", serial, error_text(error))
        self.scanned.emit(error)
        self._next()

    def _log_text(self, outcome: str, serial: str, extra: str) -> str:
        if outcome == "expected":
            text = self.tr("✓ {serial} — expected").format(serial=serial)
        elif outcome == "extra":
            text = self.tr("✗ {serial} — extra: not on the manifest").format(serial=serial)
        elif outcome == "repeat":
            text = self.tr("↻ {serial} — already scanned").format(serial=serial)
        else:
            return self.tr("✗ {serial} — not recorded: {reason}").format(serial=serial, reason=extra)
        return f"{text} ({extra})" if extra else text

    def _add_log(self, outcome: str, serial: str, extra: str) -> None:
        item = QListWidgetItem(self._log_text(outcome, serial, extra))
        item.setData(Qt.ItemDataRole.UserRole, (outcome, serial, extra))
        item.setData(Qt.ItemDataRole.UserRole + 1, outcome)
        fg, bg = SCAN_COLOURS[outcome]
        item.setForeground(QColor(fg))
        item.setBackground(QColor(bg))
        self.log.insertItem(0, item)
        while self.log.count() > SCAN_LOG_SIZE:
            self.log.takeItem(self.log.count() - 1)

    @Slot()
    def on_check_out_button_clicked(self) -> None:
        if self.batch is None:
            return
        number = self.batch.number

        def done(n: int) -> None:
            self.counter_label.setText(self.tr("Checked out: {n}").format(n=n))
            self.scanned.emit(None)

        run_task(call_plain(self.services.custody.check_out), number, on_result=done,
                 on_error=lambda error: self._add_log("error", number, error_text(error)), context=self, name="check out")


# --- the page ------------------------------------------------------------------------------------------
class BatchesPage(Page):
    """ITAD batches: manifests, custody events, scanning, receipt, discrepancies and closing."""

    key = "batches"

    #: A batch changed (assets were added to a manifest, received …): the inventory may want to read again.
    assets_changed = Signal()
    #: The batch list has been read again.
    batches_refreshed = Signal()
    #: The selected batch's detail has been read (BatchDetail).
    detail_refreshed = Signal(object)

    def __init__(self, services: Services, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.settings = settings
        self.setObjectName("batches_page")
        self._list_task: TaskHandle | None = None
        self._detail_task: TaskHandle | None = None
        self._action_task: TaskHandle | None = None
        self._selected_number: str | None = None
        self._columns_restored = False
        self.detail: BatchDetail | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(9, 9, 9, 4)
        layout.addLayout(self._build_actions())
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("batches_splitter")
        self.batch_model = BatchTableModel(self)
        self.batch_view = _table("batches_table", self.batch_model, self.splitter)
        self.batch_view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.batch_view.setSortingEnabled(True)
        self.batch_view.selectionModel().selectionChanged.connect(self.on_batch_selection_changed)
        self.splitter.addWidget(self.batch_view)
        self.splitter.addWidget(self._build_detail())
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        layout.addWidget(self.splitter, 1)

        self.retranslate()
        self._update_buttons()
        self.refresh()

    # --- building -----------------------------------------------------------------------------------
    def _build_actions(self) -> QHBoxLayout:
        style = QApplication.style()
        row = QHBoxLayout()

        def button(name: str, slot: Callable[[], None], icon: QStyle.StandardPixmap | None = None) -> QPushButton:
            b = QPushButton(self)
            b.setObjectName(name)
            if icon is not None:
                b.setIcon(style.standardIcon(icon))
            b.clicked.connect(slot)
            row.addWidget(b)
            return b

        self.new_button = button("new_batch_button", self.on_new_button_clicked, QStyle.StandardPixmap.SP_FileIcon)
        self.add_button = button("add_assets_button", self.on_add_button_clicked)
        self.freeze_button = button("freeze_button", self.on_freeze_button_clicked)
        self.event_button = button("record_event_button", self.on_event_button_clicked)
        self.scan_button = button("scan_mode_button", self.on_scan_button_clicked)
        self.receive_button = button("receive_button", self.on_receive_button_clicked)
        self.close_button = button("close_batch_button", self.on_close_button_clicked)
        row.addStretch(1)
        return row

    def _build_detail(self) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(6, 0, 0, 0)
        self.heading_label = QLabel(box)
        self.heading_label.setObjectName("batch_heading_label")
        self.heading_label.setWordWrap(True)
        self.heading_label.setTextFormat(Qt.TextFormat.PlainText)
        self.heading_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.heading_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.heading_label.setFont(font)
        layout.addWidget(self.heading_label)
        self.sub_label = QLabel(box)
        self.sub_label.setObjectName("batch_sub_label")
        self.sub_label.setWordWrap(True)
        self.sub_label.setTextFormat(Qt.TextFormat.PlainText)
        self.sub_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.sub_label)

        self.tabs = QTabWidget(box)
        self.tabs.setObjectName("batch_tabs")
        self.tabs.setDocumentMode(True)
        self.item_model = ItemTableModel(self)
        self.items_view = _table("manifest_table", self.item_model, self.tabs)
        self.items_view.setSortingEnabled(False)
        self.tabs.addTab(self.items_view, "")
        self.event_model = EventTableModel(self)
        self.events_view = _table("timeline_table", self.event_model, self.tabs)
        self.tabs.addTab(self.events_view, "")

        discrepancies = QWidget(self.tabs)
        d_layout = QVBoxLayout(discrepancies)
        d_layout.setContentsMargins(0, 6, 0, 0)
        self.discrepancy_model = DiscrepancyTableModel(self)
        self.discrepancy_view = _table("discrepancies_table", self.discrepancy_model, discrepancies)
        self.discrepancy_view.selectionModel().selectionChanged.connect(self.on_discrepancy_selection_changed)
        d_layout.addWidget(self.discrepancy_view, 1)
        row = QHBoxLayout()
        self.discrepancy_hint = QLabel(discrepancies)
        self.discrepancy_hint.setWordWrap(True)
        self.resolve_button = QPushButton(discrepancies)
        self.resolve_button.setObjectName("resolve_button")
        self.resolve_button.clicked.connect(self.on_resolve_button_clicked)
        row.addWidget(self.discrepancy_hint, 1)
        row.addWidget(self.resolve_button)
        d_layout.addLayout(row)
        self.tabs.addTab(discrepancies, "")

        self.scan_panel = ScanPanel(self.services, self.tabs)
        self.scan_panel.scanned.connect(self.on_scan_panel_scanned)
        self.tabs.addTab(self.scan_panel, "")
        self.tabs.currentChanged.connect(self.on_tabs_currentChanged)
        layout.addWidget(self.tabs, 1)
        return box

    # --- Page ---------------------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Batches & custody")

    def icon(self) -> QIcon:
        return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_DirIcon)

    def refresh(self) -> None:
        """Read the batch list again, then the selected batch (on workers)."""
        if self._list_task is not None:
            self._list_task.cancel()
        self._list_task = run_task(read_batches, self.services, on_result=self.on_batches_read,
                                   on_error=self.on_read_failed, context=self, name="read batches")

    def restore_settings(self, settings: Settings) -> None:
        state = settings.batches_list_header_state
        self._columns_restored = not state.isEmpty() and self.batch_view.horizontalHeader().restoreState(state)
        splitter = settings.batches_splitter_state
        if splitter.isEmpty() or not self.splitter.restoreState(splitter):
            self.splitter.setSizes([620, 660])

    def save_settings(self, settings: Settings) -> None:
        settings.batches_list_header_state = self.batch_view.horizontalHeader().saveState()
        settings.batches_splitter_state = self.splitter.saveState()

    def shutdown(self) -> None:
        self.close_dialogs()

    # --- texts --------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.new_button.setText(self.tr("&New batch…"))
        self.new_button.setToolTip(self.tr("Start an ITAD job for a vendor"))
        self.add_button.setText(self.tr("&Add assets…"))
        self.add_button.setToolTip(self.tr("Put assets on the selected batch's manifest (tags or serials, one per line)"))
        self.freeze_button.setText(self.tr("&Freeze manifest…"))
        self.freeze_button.setToolTip(self.tr("Fix the manifest: its serials and their SHA-256 go into the custody ledger"))
        self.event_button.setText(self.tr("Record &event…"))
        self.event_button.setToolTip(self.tr("Collected, sealed, in transit, processed, shipped downstream, or a note"))
        self.scan_button.setText(self.tr("&Scan mode"))
        self.scan_button.setToolTip(self.tr("Check serials in or out one after another with a barcode scanner"))
        self.receive_button.setText(self.tr("&Receive…"))
        self.receive_button.setToolTip(self.tr("Compare what arrived with the manifest; record seals and weights"))
        self.close_button.setText(self.tr("&Close batch…"))
        self.close_button.setToolTip(self.tr("Close a received batch"))
        self.tabs.setTabText(TAB_MANIFEST, self.tr("Manifest ({n})").format(n=self.item_model.rowCount()))
        self.tabs.setTabText(TAB_TIMELINE, self.tr("Custody timeline ({n})").format(n=self.event_model.rowCount()))
        open_n = sum(1 for d in self.discrepancy_model.rows if not d.resolution)
        self.tabs.setTabText(TAB_DISCREPANCIES, self.tr("Discrepancies ({n} open)").format(n=open_n))
        self.tabs.setTabText(TAB_SCAN, self.tr("Scan"))
        self.discrepancy_hint.setText(
            self.tr("Discrepancies are never deleted: resolving one records how it was settled."))
        self.resolve_button.setText(self.tr("Re&solve…"))
        for model in (self.batch_model, self.item_model, self.event_model, self.discrepancy_model):
            model.retranslate()
        self._show_heading()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _show_heading(self) -> None:
        d = self.detail
        if d is None:
            self.heading_label.setText(self.tr("No batch selected"))
            self.sub_label.setText(self.tr("Create a batch, or choose one from the list."))
            return
        b = d.batch
        self.heading_label.setText(f"{b.number} · {label_of(STATUS_LABELS, b.status)}")
        parts = []
        if b.client or b.vendor:
            parts.append(self.tr("{client} → {vendor}").format(client=b.client or "—", vendor=b.vendor or "—"))
        if b.manifest_sha256:
            parts.append(self.tr("manifest of {n} frozen {at}, SHA-256 {sha}…").format(
                n=b.expected_count, at=format_datetime(b.manifest_frozen_at), sha=b.manifest_sha256[:16]))
        else:
            parts.append(self.tr("manifest open: {n} items").format(n=b.items))
        if b.received_count is not None:
            parts.append(self.tr("received {n}").format(n=b.received_count))
        if b.open_discrepancies:
            parts.append(self.tr("{n} open discrepancies").format(n=b.open_discrepancies))
        self.sub_label.setText(" · ".join(parts))

    # --- state --------------------------------------------------------------------------------------
    @property
    def batch(self) -> BatchView | None:
        return self.detail.batch if self.detail is not None else None

    def selected_number(self) -> str | None:
        rows = self.batch_view.selectionModel().selectedRows()
        if not rows:
            return None
        batch = self.batch_model.row_at(rows[0].row())
        return batch.number if batch else None

    def select_batch(self, number: str) -> bool:
        for row, b in enumerate(self.batch_model.rows):
            if b.number == number:
                self.batch_view.selectionModel().select(
                    self.batch_model.index(row, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
                self.batch_view.scrollTo(self.batch_model.index(row, 0))
                return True
        return False

    def _update_buttons(self) -> None:
        b = self.batch
        acting = self._action_task is not None
        status = b.status if b is not None else None
        # Batches are for ITAD operators and administrators: for others the buttons say so.
        sv, batches, custody = self.services, security.BATCHES, security.CUSTODY
        access.gate(self.new_button, sv, batches)
        access.gate(self.add_button, sv, batches, status == "open" and not acting)
        access.gate(self.freeze_button, sv, batches, status == "open" and bool(b and b.items) and not acting)
        access.gate(self.event_button, sv, custody, b is not None and status != "closed" and not acting)
        access.gate(self.scan_button, sv, custody, b is not None and status not in ("open", "closed"))
        access.gate(self.receive_button, sv, custody, status in ("manifested", "collected", "in_transit") and not acting)
        access.gate(self.close_button, sv, batches, status in ("received", "processed") and not acting)
        chosen = self.selected_discrepancy()
        access.gate(self.resolve_button, sv, custody, chosen is not None and not chosen.resolution and not acting)

    def apply_permissions(self) -> None:
        self._update_buttons()

    def selected_discrepancy(self) -> Discrepancy | None:
        rows = self.discrepancy_view.selectionModel().selectedRows()
        return self.discrepancy_model.row_at(rows[0].row()) if rows else None

    # --- reading ------------------------------------------------------------------------------------
    def on_batches_read(self, batches: list[BatchView]) -> None:
        self._list_task = None
        keep = self._selected_number
        blocked = self.batch_view.selectionModel().blockSignals(True)
        self.batch_model.set_rows(batches)
        found = bool(keep) and self.select_batch(keep)
        self.batch_view.selectionModel().blockSignals(blocked)
        if not self._columns_restored and batches:
            _fit_columns(self.batch_view, 110)
            self._columns_restored = True
        if not found and batches and keep is None:
            self.select_batch(self.batch_model.row_at(0).number)  # reads its detail
        elif found:
            self._read_detail(keep)
        else:
            self._selected_number = None
            self._show_detail(None)
        self.batches_refreshed.emit()

    def on_read_failed(self, error: BaseException) -> None:
        self._list_task = None
        self._detail_task = None
        self._show_message(QMessageBox.Icon.Warning, self.tr("Cannot read the batches"), error_text(error))

    @Slot(QItemSelection, QItemSelection)
    def on_batch_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        number = self.selected_number()
        self._selected_number = number
        if number is None:
            self._show_detail(None)
        else:
            self._read_detail(number)

    def _read_detail(self, number: str) -> None:
        if self._detail_task is not None:
            self._detail_task.cancel()
        self._detail_task = run_task(read_detail, self.services, number, on_result=self.on_detail_read,
                                     on_error=self.on_read_failed, context=self, name="read batch")

    def on_detail_read(self, detail: BatchDetail) -> None:
        self._detail_task = None
        if detail.batch.number != self._selected_number:
            return
        self._show_detail(detail)
        self.detail_refreshed.emit(detail)

    def _show_detail(self, detail: BatchDetail | None) -> None:
        first = detail is not None and (self.detail is None or self.detail.batch.number != detail.batch.number)
        self.detail = detail
        self.item_model.set_rows(detail.items if detail else ())
        self.event_model.set_rows(detail.events if detail else ())
        self.discrepancy_model.set_rows(detail.discrepancies if detail else ())
        if first:
            for view in (self.items_view, self.events_view, self.discrepancy_view):
                if view.model().rowCount():
                    _fit_columns(view)
        self.scan_panel.set_batch(detail.batch if detail else None)
        self.retranslate()
        self._update_buttons()

    @Slot(QItemSelection, QItemSelection)
    def on_discrepancy_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._update_buttons()

    # --- actions ------------------------------------------------------------------------------------
    def _changed(self, number: str | None = None, message: str | None = None) -> None:
        if number:
            self._selected_number = number
        if message:
            self.status_message.emit(message, 8000)
        self.refresh()
        self.assets_changed.emit()

    @Slot()
    def on_new_button_clicked(self) -> None:
        self.open_new_dialog()

    def open_new_dialog(self) -> NewBatchDialog:
        dialog = NewBatchDialog(self.services, self.window())
        dialog.succeeded.connect(lambda b: self._changed(b.number, self.tr("Batch {batch} created").format(batch=b.number)))
        self._open(dialog)
        return dialog

    @Slot()
    def on_add_button_clicked(self) -> None:
        self.open_add_dialog()

    def open_add_dialog(self) -> AddAssetsDialog | None:
        b = self.batch
        if b is None:
            return None
        dialog = AddAssetsDialog(self.services, b.number, self.window())
        dialog.succeeded.connect(lambda added: self._changed(
            b.number, self.tr("{n} added to {batch}").format(n=len(added), batch=b.number)))
        self._open(dialog)
        return dialog

    @Slot()
    def on_event_button_clicked(self) -> None:
        self.open_event_dialog()

    def open_event_dialog(self) -> EventDialog | None:
        b = self.batch
        if b is None:
            return None
        dialog = EventDialog(self.services, b, self.window())
        dialog.succeeded.connect(lambda e: self._changed(b.number, self.tr("Recorded: {event}").format(
            event=label_of(EVENT_LABELS, e.kind))))
        self._open(dialog)
        return dialog

    @Slot()
    def on_receive_button_clicked(self) -> None:
        self.open_receive_dialog()

    def open_receive_dialog(self) -> ReceiveDialog | None:
        b = self.batch
        if b is None:
            return None
        dialog = ReceiveDialog(self.services, b, self.window())
        dialog.succeeded.connect(lambda r: self._changed(b.number, self.tr("{batch} received: {n} discrepancies").format(
            batch=b.number, n=r.discrepancies)))
        self._open(dialog)
        return dialog

    @Slot()
    def on_scan_button_clicked(self) -> None:
        self.tabs.setCurrentIndex(TAB_SCAN)
        self.scan_panel.edit.setFocus()

    @Slot(int)
    def on_tabs_currentChanged(self, index: int) -> None:  # noqa: N802
        if index == TAB_SCAN and self.scan_panel.edit.isEnabled():
            self.scan_panel.edit.setFocus()  # ready for the scanner's first serial

    def on_scan_panel_scanned(self, _outcome: object) -> None:
        pass  # the list's counts do not change with scans; receipt and check-out refresh the batch

    @Slot()
    def on_freeze_button_clicked(self) -> None:
        self.ask_freeze()

    def ask_freeze(self) -> None:
        b = self.batch
        if b is None:
            return
        question = self.tr(
            "Freeze the manifest of {batch} with its {n} serials?\n\nThe list and its SHA-256 go into the custody "
            "ledger; afterwards no serial can be added or removed.").format(batch=b.number, n=b.items)

        def answered(button: QMessageBox.StandardButton) -> None:
            if button == QMessageBox.StandardButton.Yes:
                self._act(self.services.custody.freeze_manifest, b.number, done=self.tr("Manifest of {batch} frozen").format(
                    batch=b.number), title=self.tr("Cannot freeze the manifest"))

        self._ask(self.tr("Freeze the manifest?"), question, answered)

    @Slot()
    def on_close_button_clicked(self) -> None:
        self.ask_close()

    def ask_close(self) -> None:
        b = self.batch
        if b is None:
            return
        open_n = b.open_discrepancies
        if open_n:
            question = self.tr(
                "{batch} has {n} open discrepancies.\n\nClose it anyway? The discrepancies stay open on record and "
                "appear on its certificate.").format(batch=b.number, n=open_n)
        else:
            question = self.tr("Close {batch}? No more custody events can be recorded afterwards.").format(batch=b.number)

        def answered(button: QMessageBox.StandardButton) -> None:
            if button == QMessageBox.StandardButton.Yes:
                self._act(self.services.custody.close, b.number, force=bool(open_n),
                          done=self.tr("{batch} closed").format(batch=b.number), title=self.tr("Cannot close the batch"))

        self._ask(self.tr("Close the batch?"), question, answered, yes_text=self.tr("Close with open discrepancies")
                  if open_n else None)

    @Slot()
    def on_resolve_button_clicked(self) -> None:
        self.ask_resolve()

    def ask_resolve(self) -> QInputDialog | None:
        b = self.batch
        chosen = self.selected_discrepancy()
        if b is None or chosen is None or chosen.resolution:
            return None
        dialog = QInputDialog(self.window())
        dialog.setObjectName("resolve_dialog")
        dialog.setWindowTitle(self.tr("Resolve discrepancy #{seq}").format(seq=chosen.seq))
        what = chosen.event.details.get("serial") or chosen.event.details.get("seal") or ""
        dialog.setLabelText(self.tr("How was the discrepancy ({type} {what}) settled?").format(
            type=label_of(DISCREPANCY_LABELS, chosen.event.details.get("type")), what=what))
        dialog.setTextValue("")

        def resolved(note: str) -> None:
            if note.strip():
                self._act(self.services.custody.resolve, b.number, chosen.seq, note.strip(),
                          done=self.tr("Discrepancy #{seq} resolved").format(seq=chosen.seq),
                          title=self.tr("Cannot resolve the discrepancy"))

        dialog.textValueSelected.connect(resolved)
        self._open(dialog)
        return dialog

    def _act(self, fn: Callable[..., Any], *args: Any, done: str, title: str, **kwargs: Any) -> None:
        """Run one service call on a worker; then read the batches again."""
        number = self._selected_number

        def finished(_result: object) -> None:
            self._action_task = None
            self._changed(number, done)

        def failed(error: BaseException) -> None:
            self._action_task = None
            self._update_buttons()
            self._show_message(QMessageBox.Icon.Warning, title, error_text(error))

        self._action_task = run_task(call_plain(fn), *args, on_result=finished, on_error=failed, context=self,
                                     name=getattr(fn, "__name__", "custody action"), **kwargs)
        self._update_buttons()
