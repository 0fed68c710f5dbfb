"""One asset in a dialog: editable fields, storage media, sanitization records, certificates, discovery
evidence, the recommended lever with its reasons, the history timeline, and the lifecycle moves its status
allows (through the Lifecycle page's move dialog)."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from itam import security
from itam.errors import ConcurrentEditError, ItamError
from itam.fields import ASSET_FIELDS, GRADES, categories, parse_value
from itam.lifecycle import default_lifecycle
from itam.services.views import AssetDetail, HistoryView, TransitionOption
from ui import access, i18n
from ui.i18n import core_text
from ui.models.asset_table import METHOD_NAMES, flag_text, format_datetime
from ui.workers import TaskHandle, call_plain, run_task

_CONTEXT = "AssetDialog"

#: History actions as a person would say them.
ACTION_LABELS = {
    "create": QT_TRANSLATE_NOOP("AssetDialog", "Created"),
    "update": QT_TRANSLATE_NOOP("AssetDialog", "Edited"),
    "transition": QT_TRANSLATE_NOOP("AssetDialog", "Lifecycle move"),
    "media_added": QT_TRANSLATE_NOOP("AssetDialog", "Storage medium added"),
    "media_changed": QT_TRANSLATE_NOOP("AssetDialog", "Storage medium changed"),
    "media_deleted": QT_TRANSLATE_NOOP("AssetDialog", "Storage medium removed"),
    "address_added": QT_TRANSLATE_NOOP("AssetDialog", "Address added"),
    "address_removed": QT_TRANSLATE_NOOP("AssetDialog", "Address removed"),
    "flag_cleared": QT_TRANSLATE_NOOP("AssetDialog", "Flag cleared"),
}

#: Names of the lifecycle-owned values and addresses that are not asset fields.
OTHER_LABELS = {
    "status": QT_TRANSLATE_NOOP("AssetDialog", "Status"),
    "stage": QT_TRANSLATE_NOOP("AssetDialog", "Stage"),
    "lever": QT_TRANSLATE_NOOP("AssetDialog", "Circular lever"),
    "flag": QT_TRANSLATE_NOOP("AssetDialog", "Flag"),
    "flag_reason": QT_TRANSLATE_NOOP("AssetDialog", "Flag reason"),
    "holder": QT_TRANSLATE_NOOP("AssetDialog", "Held by"),
    "mac": QT_TRANSLATE_NOOP("AssetDialog", "MAC address"),
    "ip": QT_TRANSLATE_NOOP("AssetDialog", "IP address"),
    # Storage-medium values named in media history entries.
    "media_type": QT_TRANSLATE_NOOP("AssetDialog", "Type"),
    "interface": QT_TRANSLATE_NOOP("AssetDialog", "Interface"),
    "capacity_gb": QT_TRANSLATE_NOOP("AssetDialog", "Capacity (GB)"),
}

#: Storage media kinds (itam.services.assets.MEDIA_TYPES).
MEDIA_TYPE_LABELS = {
    "hdd": QT_TRANSLATE_NOOP("AssetDialog", "Hard disk"),
    "ssd": QT_TRANSLATE_NOOP("AssetDialog", "SSD"),
    "nvme": QT_TRANSLATE_NOOP("AssetDialog", "NVMe SSD"),
    "usb_flash": QT_TRANSLATE_NOOP("AssetDialog", "USB flash drive"),
    "memory_card": QT_TRANSLATE_NOOP("AssetDialog", "Memory card"),
    "mobile": QT_TRANSLATE_NOOP("AssetDialog", "Mobile device storage"),
    "tape": QT_TRANSLATE_NOOP("AssetDialog", "Tape"),
    "other": QT_TRANSLATE_NOOP("AssetDialog", "Other"),
}

#: Widest the history columns get when fitted to their contents.
HISTORY_COLUMN_WIDTHS = (140, 200, 290)

#: Where an action came from (Actor.source).
SOURCE_LABELS = {
    "gui": QT_TRANSLATE_NOOP("AssetDialog", "desktop app"),
    "cli": QT_TRANSLATE_NOOP("AssetDialog", "command line"),
    "import": QT_TRANSLATE_NOOP("AssetDialog", "import"),
    "discovery": QT_TRANSLATE_NOOP("AssetDialog", "discovery"),
    "audit": QT_TRANSLATE_NOOP("AssetDialog", "audit"),
    "system": QT_TRANSLATE_NOOP("AssetDialog", "system"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def value_label(name: str) -> str:
    """The label of a field or lifecycle value named in a history entry."""
    if name in ASSET_FIELDS:
        return i18n.field_label(name)
    if name in OTHER_LABELS:
        return _tr(OTHER_LABELS[name])
    return name


def format_field(name: str, value: Any) -> str:
    """A value as the dialog shows it (localised names for categories, statuses, stages, levers)."""
    if value is None or value == "":
        return "—"
    if name == "category":
        return i18n.category_name(value)
    if name == "status":
        return i18n.status_name(value)
    if name == "stage":
        return i18n.stage_name(value)
    if name == "lever":
        return i18n.lever_name(value)
    if name == "media_type" and value in MEDIA_TYPE_LABELS:
        return _tr(MEDIA_TYPE_LABELS[value])
    if isinstance(value, bool):
        if value:
            return QCoreApplication.translate("AssetDialog", "Yes")
        return QCoreApplication.translate("AssetDialog", "No")
    if isinstance(value, datetime):
        return format_datetime(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return ", ".join(f"{value_label(k)}: {format_field(k, v)}" for k, v in value.items())
    return str(value)


def format_change(name: str, before: Any, after: Any) -> str:
    """One changed value of a history entry: "before → after", or just the value when it was added."""
    field = name if name in ASSET_FIELDS or name in OTHER_LABELS else ""

    def show(value: Any) -> str:
        return (flag_text(value) or "—") if field == "flag" else format_field(field, value)

    if before is None:
        return show(after)
    return f"{show(before)} → {show(after)}"


def find_services(widget: QWidget | None) -> Any:
    """The :class:`~itam.services.Services` of the window that opened the dialog (None when there is none)."""
    while widget is not None:
        services = getattr(widget, "services", None)
        if services is not None and hasattr(services, "assets"):
            return services
        widget = widget.parentWidget()
    return None


def read_extras(services: Any, asset_id: int, label: str, *, progress: Any = None, is_cancelled: Any = None) -> dict:
    """What the dialog shows besides the asset itself; each value is the data or the exception reading it."""
    out: dict[str, Any] = {}

    def attempt(key: str, fn: Callable[[], Any]) -> None:
        try:
            out[key] = fn()
        except Exception as exc:  # noqa: BLE001 - shown in its tab; the other tabs still fill
            out[key] = exc

    attempt("recommendation", lambda: services.lifecycle.recommend(asset_id))
    attempt("sanitization", lambda: services.sanitization.list(asset_id))
    attempt("certificates", lambda: [
        c for c in services.certificates.list() if c.subject == label and c.kind != "destruction"
    ])
    attempt("candidates", lambda: [c for c in services.discovery.candidates(status=None) if c.asset_id == asset_id])
    attempt("conflicts", lambda: [c for c in services.discovery.conflicts(status=None) if c.asset_id == asset_id])
    attempt("audits", lambda: services.host_audit.audits_of(asset_id))
    attempt("software", lambda: services.host_audit.software_of(asset_id))
    return out


def _plain_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _table(name: str, headers: list[str], rows: list[list[str]]) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setWordWrap(False)
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            table.setItem(r, c, item)
    table.resizeColumnsToContents()
    for c in range(len(headers)):
        table.setColumnWidth(c, min(table.columnWidth(c), TABLE_COLUMN_MAX))
    table.horizontalHeader().setStretchLastSection(True)
    return table


#: Widest a column of the record tables gets when fitted to its contents (the tooltip shows it whole).
TABLE_COLUMN_MAX = 220
#: Fields set by discovery, not by a person.
READ_ONLY_FIELDS = ("first_seen", "last_seen")
#: The tabs, in order.
#: Details, Storage media and History keep the places they had before the other tabs came.
TAB_KEYS = ("details", "media", "history", "sanitization", "certificates", "discovery", "recommendation", "audits")
ERROR_STYLE = "color: #b00020;"
#: Audits of one asset this close together belong to one run (one per method tried).
SAME_AUDIT_RUN = timedelta(minutes=5)


class AssetDialog(QDialog):
    """One asset: its fields (editable), media, records, recommendation, history and the moves it allows.

    ``services`` defaults to those of the window the dialog is opened from (its ``services`` attribute);
    without services the dialog only shows ``detail``.
    """

    #: Emitted after the asset changed through this dialog (edit saved or lifecycle move).
    asset_changed = Signal(int)

    def __init__(self, detail: AssetDetail, parent: QWidget | None = None, services: Any = None):
        super().__init__(parent)
        self.detail = detail
        self.services = services if services is not None else find_services(parent)
        self.extras: dict[str, Any] = {}
        self.editing = False
        self.loading = False
        self.saving = False
        self.moving = False
        self.last_error: str | None = None
        self.move_dialog: QDialog | None = None
        self._editors: dict[str, QWidget] = {}
        self._stacks: dict[str, QStackedWidget] = {}
        self._initial: dict[str, Any] = {}
        self._task: TaskHandle | None = None
        self.setObjectName("AssetDialog")
        self.setMinimumSize(560, 420)
        self.resize(860, 620)

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        heading = QLabel()
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setWordWrap(True)
        heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        heading.setFont(font)
        top.addWidget(heading, 1)
        self.heading = heading

        self.edit_button = QPushButton(self.tr("&Edit"))
        self.edit_button.setObjectName("edit_button")
        self.edit_button.setCheckable(True)
        self.edit_button.setToolTip(self.tr("Edit the fields (Ctrl+E)"))
        self.edit_button.clicked.connect(self.on_edit_clicked)
        self.save_button = QPushButton(self.tr("&Save"))
        self.save_button.setObjectName("save_button")
        self.save_button.setToolTip(self.tr("Save the changes (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        self.cancel_button = QPushButton(self.tr("Cancel edit"))
        self.cancel_button.setObjectName("cancel_edit_button")
        self.cancel_button.clicked.connect(self.cancel_edit)
        self.actions_button = QPushButton(self.tr("&Actions"))
        self.actions_button.setObjectName("actions_button")
        self.actions_button.setToolTip(self.tr("The lifecycle moves allowed from this asset's status"))
        self.actions_menu = QMenu(self.actions_button)
        self.actions_menu.setToolTipsVisible(True)
        self.actions_button.setMenu(self.actions_menu)
        self.audit_button = QPushButton(self.tr("A&udit now…"))
        self.audit_button.setObjectName("audit_button")
        self.audit_button.setToolTip(self.tr(
            "Ask the device itself (SNMP, SSH or WinRM, with the stored credentials) for its model, serial, disks "
            "and software"))
        self.audit_button.clicked.connect(self.open_audit)
        for b in (self.edit_button, self.save_button, self.cancel_button, self.actions_button, self.audit_button):
            top.addWidget(b, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)

        self.edit_action = QAction(self)
        self.edit_action.setShortcut(QKeySequence("Ctrl+E"))
        self.edit_action.triggered.connect(self.toggle_edit)
        self.save_action = QAction(self)
        self.save_action.setShortcut(QKeySequence("Ctrl+S"))
        self.save_action.triggered.connect(self.save)
        self.addAction(self.edit_action)
        self.addAction(self.save_action)

        self.error_label = QLabel()
        self.error_label.setObjectName("asset_error_label")
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.hide()
        layout.addWidget(self.error_label)

        self.tabs = QTabWidget()
        self._pages: dict[str, QWidget] = {}
        for key in TAB_KEYS:
            page = QWidget()
            page.setObjectName(f"{key}_tab")
            lay = QVBoxLayout(page)
            lay.setContentsMargins(4, 4, 4, 4)
            self._pages[key] = page
            self.tabs.addTab(page, "")
        layout.addWidget(self.tabs, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self._show_detail()
        self.load_extras()

    # --- filling --------------------------------------------------------------------------------------
    def _heading_text(self) -> str:
        d = self.detail
        what = " ".join(x for x in (d.fields.get("manufacturer"), d.fields.get("model")) if x)
        parts = [d.label]
        if what:
            parts.append(what)
        parts.append(i18n.status_name(d.status))
        return " — ".join(parts)

    def _set_page(self, key: str, *widgets: QWidget) -> None:
        page = self._pages[key]
        lay = page.layout()
        while lay.count():
            item = lay.takeAt(0)
            if item.widget() is not None:
                old = item.widget()
                old.hide()
                old.setParent(None)  # out of findChild() at once
                old.deleteLater()
        for w in widgets:
            lay.addWidget(w)

    def _set_title(self, key: str, title: str) -> None:
        self.tabs.setTabText(TAB_KEYS.index(key), title)

    def _show_detail(self) -> None:
        """(Re)build what comes from the asset itself: heading, details, media, history, actions."""
        d = self.detail
        self.setWindowTitle(self.tr("Asset {label}").format(label=d.label))
        self.heading.setText(self._heading_text())
        self._set_page("details", *self._build_details())
        self._set_page("media", self._build_media())
        self._set_page("history", self._build_history())
        self._set_title("details", self.tr("Details"))
        self._set_title("media", self.tr("Storage media ({n})").format(n=len(d.media)))
        self._set_title("history", self.tr("History ({n})").format(n=len(d.history)))
        self._build_actions()
        self._show_extras()
        self._update_buttons()

    def load_extras(self) -> None:
        """Read recommendation, records, certificates and discovery evidence on a worker."""
        if self.services is None:
            self.extras = {}
            self._show_extras()
            return
        if self._task is not None:
            self._task.cancel()
        self.loading = True
        self.extras = {}
        self._show_extras()
        self._task = run_task(read_extras, self.services, self.detail.id, self.detail.label,
                              on_result=self.on_extras_read, on_error=self.on_extras_failed, context=self,
                              name="asset dialog extras")

    def on_extras_read(self, extras: dict) -> None:
        self._task = None
        self.loading = False
        self.extras = extras
        self._show_extras()

    def on_extras_failed(self, error: BaseException) -> None:
        self._task = None
        self.loading = False
        self.extras = {k: error for k in ("recommendation", "sanitization", "certificates", "candidates", "conflicts",
                                          "audits", "software")}
        self._show_extras()

    def _show_extras(self) -> None:
        self._set_page("recommendation", self._build_recommendation())
        self._set_page("sanitization", self._build_sanitization())
        self._set_page("certificates", *self._build_certificates())
        self._set_page("discovery", self._build_discovery())
        self._set_page("audits", self._build_audits())
        self._set_title("recommendation", self.tr("Recommendation"))
        software = self.extras.get("software")
        self._set_title("audits", self.tr("Audits && software ({n})").format(n=len(software))
                        if isinstance(software, list) and software else self.tr("Audits && software"))
        self._set_title("discovery", self.tr("Discovery"))
        counted = (("sanitization", self.tr("Sanitization ({n})"), self.tr("Sanitization")),
                   ("certificates", self.tr("Certificates ({n})"), self.tr("Certificates")))
        for key, with_count, plain in counted:
            data = self.extras.get(key)
            self._set_title(key, with_count.format(n=len(data)) if isinstance(data, list) else plain)

    def _extra(self, key: str) -> tuple[Any, QLabel | None]:
        """The loaded data of ``key``, or a label saying why there is none yet."""
        if self.services is None:
            return None, _plain_label(self.tr("Not available here: the dialog was opened without a database."))
        data = self.extras.get(key)
        if data is None:
            return None, _plain_label(self.tr("Loading…"))
        if isinstance(data, BaseException):
            label = _plain_label(self.tr("Could not read this: {error}").format(error=core_text(data)))
            label.setStyleSheet(ERROR_STYLE)
            return None, label
        return data, None

    # --- details --------------------------------------------------------------------------------------
    def _build_details(self) -> list[QWidget]:
        d = self.detail
        self._editors = {}
        self._stacks = {}
        self._initial = {}
        form_widget = QWidget()
        form = QFormLayout(form_widget)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        def add(label: str, text: str) -> None:
            form.addRow(self.tr("{label}:").format(label=label), _plain_label(text))

        add(value_label("status"), format_field("status", d.status))
        add(value_label("stage"), format_field("stage", d.stage))
        if d.lever:
            add(value_label("lever"), format_field("lever", d.lever))
        if d.flag:
            flag = flag_text(d.flag) + (f" ({d.flag_reason})" if d.flag_reason else "")
            add(value_label("flag"), flag)
        if d.holder:
            add(value_label("holder"), d.holder)
        add(self.tr("MAC addresses"), ", ".join(d.macs) or "—")
        add(self.tr("IP addresses"), ", ".join(d.ips) or "—")
        for name, value in d.fields.items():
            if name in READ_ONLY_FIELDS or name not in ASSET_FIELDS:
                add(value_label(name), format_field(name, value))
                continue
            stack = QStackedWidget()
            stack.setObjectName(f"field_{name}")
            shown = _plain_label(format_field(name, value))
            shown.setWordWrap(name == "notes")  # one line each: a wrapped label in a stack grows its row
            stack.addWidget(shown)
            editor = self._make_editor(name, value)
            stack.addWidget(editor)
            self._stacks[name] = stack
            self._show_stack_page(stack, 1 if self.editing else 0)
            self._editors[name] = editor
            self._initial[name] = self.editor_text(name)
            label = QLabel(self.tr("{label}:").format(label=value_label(name)))
            label.setBuddy(editor)
            form.addRow(label, stack)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(form_widget)

        self.reason_box = QWidget()
        reason_form = QFormLayout(self.reason_box)
        reason_form.setContentsMargins(0, 0, 0, 4)
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("edit_reason_edit")
        self.reason_edit.setMaxLength(500)
        self.reason_edit.setPlaceholderText(self.tr("Why you change these values (kept in the history)"))
        reason_form.addRow(self.tr("&Reason:"), self.reason_edit)
        self.reason_box.setVisible(self.editing)
        return [self.reason_box, scroll]

    @staticmethod
    def _show_stack_page(stack: QStackedWidget, index: int) -> None:
        """Show one page of a field's stack; the hidden page must not make the row as tall as itself."""
        for i in range(stack.count()):
            page = stack.widget(i)
            policy = QSizePolicy.Policy.Preferred if i == index else QSizePolicy.Policy.Ignored
            page.setSizePolicy(policy, policy)
        stack.setCurrentIndex(index)
        stack.updateGeometry()

    def _make_editor(self, name: str, value: Any) -> QWidget:
        kind = ASSET_FIELDS[name].kind
        if kind == "category":
            combo = QComboBox()
            for key, cat in categories().items():
                combo.addItem(i18n.localized(cat.name, cat.name_zh), key)
            index = combo.findData(value)
            if index < 0 and value:
                combo.addItem(str(value), value)
                index = combo.count() - 1
            combo.setCurrentIndex(max(index, 0))
            return combo
        if kind == "grade":
            combo = QComboBox()
            combo.setEditable(True)
            combo.addItem("")
            combo.addItems(list(GRADES))
            combo.setEditText(value or "")
            combo.setToolTip(self.tr("A (like new) to F (broken)"))
            return combo
        if kind == "bool":
            check = QCheckBox()
            check.setChecked(bool(value))
            return check
        if name == "notes":
            edit = QPlainTextEdit()
            edit.setPlainText(value or "")
            edit.setMaximumHeight(90)
            edit.setTabChangesFocus(True)
            return edit
        edit = QLineEdit()
        edit.setText("" if value is None else format_field(name, value) if kind in ("date", "decimal", "float") else str(value))
        spec = ASSET_FIELDS[name]
        if spec.max_length:
            edit.setMaxLength(spec.max_length)
        if kind == "date":
            edit.setPlaceholderText(self.tr("YYYY-MM-DD"))
        elif kind in ("decimal", "float"):
            edit.setPlaceholderText(self.tr("a number"))
        elif kind == "currency":
            edit.setPlaceholderText(self.tr("e.g. CNY, EUR"))
        return edit

    def editor(self, name: str) -> QWidget:
        """The editor of a field (for tests and keyboard users)."""
        return self._editors[name]

    def editor_text(self, name: str) -> Any:
        """What the editor of ``name`` holds: text (or a bool for yes/no fields)."""
        w = self._editors[name]
        if isinstance(w, QCheckBox):
            return w.isChecked()
        if isinstance(w, QComboBox):
            return w.currentData() if not w.isEditable() else w.currentText().strip()
        if isinstance(w, QPlainTextEdit):
            return w.toPlainText().strip()
        return w.text().strip()

    def set_editor_text(self, name: str, value: Any) -> None:
        w = self._editors[name]
        if isinstance(w, QCheckBox):
            w.setChecked(bool(value))
        elif isinstance(w, QComboBox):
            if w.isEditable():
                w.setEditText(str(value or ""))
            else:
                w.setCurrentIndex(max(w.findData(value), 0))
        elif isinstance(w, QPlainTextEdit):
            w.setPlainText(str(value or ""))
        else:
            w.setText(str(value or ""))

    def changed_values(self) -> dict[str, Any]:
        """The fields whose editor differs from what the dialog opened with (empty text means "none")."""
        out = {}
        for name in self._editors:
            now = self.editor_text(name)
            if now != self._initial[name]:
                out[name] = None if now == "" else now
        return out

    @property
    def dirty(self) -> bool:
        return self.editing and bool(self.changed_values())

    # --- editing --------------------------------------------------------------------------------------
    def _update_buttons(self) -> None:
        can_edit = self.services is not None and not self.saving and not self.moving
        self.edit_button.setEnabled(can_edit)
        self.edit_button.setChecked(self.editing)
        self.save_button.setVisible(self.editing)
        self.cancel_button.setVisible(self.editing)
        self.save_button.setEnabled(self.editing and not self.saving)
        self.actions_button.setEnabled(
            self.services is not None and not self.editing and not self.saving and not self.moving
            and bool(self.actions_menu.actions()) and self.actions_menu.actions()[0].isEnabled()
        )
        self.actions_button.setToolTip(
            self.tr("Save or cancel your edits first") if self.editing
            else self.tr("The lifecycle moves allowed from this asset's status"))
        self.audit_button.setVisible(self.services is not None)
        if self.services is not None:
            # Editing needs a role that edits assets; moves one that moves them (greyed out, saying which).
            access.gate(self.edit_button, self.services, security.ASSET_EDIT, can_edit)
            access.gate(self.actions_button, self.services, security.ASSET_MOVE, self.actions_button.isEnabled())
            access.gate(self.audit_button, self.services, security.DISCOVERY, not self.editing)

    def set_editing(self, on: bool) -> None:
        if on and (self.services is None or self.saving or self.moving):
            return
        self.editing = on
        for stack in self._stacks.values():
            self._show_stack_page(stack, 1 if on else 0)
        self.reason_box.setVisible(on)
        self._clear_marks()
        if on:
            self.tabs.setCurrentIndex(TAB_KEYS.index("details"))
            first = next(iter(self._editors.values()), None)
            if first is not None:
                first.setFocus()
        self._update_buttons()

    def on_edit_clicked(self, checked: bool) -> None:
        if checked:
            self.set_editing(True)
        else:
            self.edit_button.setChecked(True)  # leaving goes through cancel (which may ask)
            self.cancel_edit()

    def toggle_edit(self) -> None:
        if self.editing:
            self.cancel_edit()
        else:
            self.set_editing(True)

    def confirm_discard(self) -> bool:
        """Ask before unsaved edits are thrown away."""
        answer = QMessageBox.question(
            self, self.tr("Discard changes?"),
            self.tr("You have changed fields of this asset without saving. Discard the changes?"),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard

    def cancel_edit(self) -> None:
        """Leave edit mode, putting every editor back to the asset's values."""
        if self.saving:
            return
        if self.dirty and not self.confirm_discard():
            return
        for name, value in self._initial.items():
            self.set_editor_text(name, value)
        self.reason_edit.clear()
        self.error_label.hide()
        self.set_editing(False)

    def _clear_marks(self) -> None:
        for w in self._editors.values():
            w.setStyleSheet("")
            w.setToolTip("")

    def _show_error(self, text: str) -> None:
        self.last_error = text
        self.error_label.setText(text)
        self.error_label.show()

    def save(self) -> None:
        """Validate the edits here (same parsing as the services), then save them with the version seen."""
        if not self.editing or self.saving:
            return
        self._clear_marks()
        values = self.changed_values()
        if not values:
            self.error_label.hide()
            self.set_editing(False)
            return
        problems = []
        for name, raw in values.items():
            try:
                parse_value(name, raw)
            except ItamError as exc:
                w = self._editors[name]
                w.setStyleSheet("border: 1px solid #b00020;")
                w.setToolTip(core_text(exc))
                problems.append(self.tr("{field}: {error}").format(field=value_label(name), error=core_text(exc)))
        if problems:
            self._show_error(self.tr("Not saved; correct these values:") + "\n" + "\n".join(problems))
            self._editors[next(n for n in values if self._editors[n].styleSheet())].setFocus()
            return
        reason = self.reason_edit.text().strip() or None
        self.saving = True
        self._update_buttons()
        self._save_task = run_task(
            call_plain(self.services.assets.update), self.detail.id, values,
            expected_version=self.detail.version, reason=reason,
            on_result=self.on_saved, on_error=self.on_save_failed, context=self, name="asset edit",
        )

    def on_saved(self, detail: AssetDetail) -> None:
        self.saving = False
        self.editing = False
        self.error_label.hide()
        self.last_error = None
        self.detail = detail
        self._show_detail()
        self.load_extras()
        self.asset_changed.emit(detail.id)

    def on_save_failed(self, error: BaseException) -> None:
        self.saving = False
        if isinstance(error, ConcurrentEditError):  # its message names who saved the asset, and when
            text = self.tr(
                "Not saved: someone else changed this asset after you opened it. Your edits are still here; "
                "note them, close this window and open the asset again to see the current values."
            ) + "\n" + core_text(error)
        elif isinstance(error, ItamError):
            text = self.tr("Not saved: {error}").format(error=core_text(error))
        else:
            text = self.tr("Not saved because of an unexpected error: {error}").format(error=core_text(error))
        self._show_error(text)
        self._update_buttons()

    # --- actions --------------------------------------------------------------------------------------
    def allowed_transitions(self) -> list[TransitionOption]:
        if self.detail.transitions:
            return list(self.detail.transitions)
        lifecycle = default_lifecycle()
        if self.detail.status not in lifecycle.statuses:
            return []
        return [TransitionOption(t.key, t.name, t.name_zh, t.target, t.requires, None)
                for t in lifecycle.allowed_from(self.detail.status)]

    def _build_actions(self) -> None:
        self.actions_menu.clear()
        options = self.allowed_transitions()
        for opt in options:
            text = self.tr("{action} → {target}").format(
                action=i18n.transition_name(opt.key), target=i18n.status_name(opt.target))
            action = self.actions_menu.addAction(text)
            action.setObjectName(f"move_{opt.key}")
            action.setData(opt.key)
            if opt.blocked_by:
                action.setToolTip(self.tr("Refused now: {reason}").format(reason=opt.blocked_by))
            action.triggered.connect(lambda _checked=False, key=opt.key: self.start_move(key))
        if not options:
            none = self.actions_menu.addAction(self.tr("No moves are allowed from this status"))
            none.setEnabled(False)

    def transition_keys(self) -> list[str]:
        """The transitions the Actions menu offers."""
        return [a.data() for a in self.actions_menu.actions() if a.data()]

    def start_move(self, key: str) -> QDialog | None:
        """Ask for what the move needs (the Lifecycle page's dialog), then run it."""
        from itam.services.retirement import WorkItem
        from ui.pages.lifecycle import MoveDialog

        if self.services is None or self.editing or self.moving or key not in self.transition_keys():
            return None
        transition = default_lifecycle().transitions[key]
        try:
            parties = self.services.parties.list()
        except ItamError as exc:
            self._show_error(self.tr("Cannot read the parties: {error}").format(error=core_text(exc)))
            return None
        f = self.detail.fields
        item = WorkItem(self.detail.id, f.get("asset_tag"), f.get("category"), f.get("manufacturer"), f.get("model"),
                        f.get("serial"), self.detail.status, f.get("condition_grade"), f.get("purchase_date"),
                        bool(f.get("data_bearing")), self.detail.flag, None)
        dialog = MoveDialog(transition, [item], parties, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.move_requested.connect(lambda kwargs, t=transition: self.run_move(t.key, kwargs))
        self.move_dialog = dialog
        dialog.open()
        return dialog

    def run_move(self, key: str, kwargs: dict[str, Any]) -> None:
        transition = default_lifecycle().transitions[key]
        self.moving = True
        self.error_label.hide()
        self._update_buttons()
        self._move_task = run_task(
            call_plain(self.services.lifecycle.move), self.detail.id, transition.target, transition=key, **kwargs,
            on_result=self.on_moved, on_error=self.on_move_failed, context=self, name="asset dialog move",
        )

    @Slot()
    def open_audit(self) -> None:
        """Audit now: a credentialed audit of this asset at its recorded addresses; the view reloads after."""
        from ui.dialogs.audit_dialog import ASSET, AuditDialog

        dialog = AuditDialog(self.services, ASSET, self.detail.id, self.detail.label, self)
        dialog.audited.connect(lambda _run: self._reload_after_audit())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.audit_dialog = dialog

    def _reload_after_audit(self) -> None:
        run_task(call_plain(self.services.assets.get), self.detail.id, on_result=self.on_moved,
                 context=self, name="asset dialog reload")

    def on_moved(self, detail: AssetDetail) -> None:
        self.moving = False
        self.last_error = None
        self.detail = detail
        self._show_detail()
        self.load_extras()
        self.asset_changed.emit(detail.id)

    def on_move_failed(self, error: BaseException) -> None:
        self.moving = False
        if isinstance(error, ItamError):
            text = self.tr("Nothing was moved: {error}").format(error=core_text(error))
        else:
            text = self.tr("Nothing was moved because of an unexpected error: {error}").format(error=core_text(error))
        self._show_error(text)
        self._update_buttons()

    # --- closing --------------------------------------------------------------------------------------
    def reject(self) -> None:
        if self.dirty and not self.confirm_discard():
            return
        if self._task is not None:
            self._task.cancel()
        super().reject()

    # --- other tabs -----------------------------------------------------------------------------------
    def _build_media(self) -> QWidget:
        headers = [
            self.tr("Type"),
            self.tr("Interface"),
            i18n.field_label("manufacturer"),
            i18n.field_label("model"),
            i18n.field_label("serial"),
            self.tr("Capacity (GB)"),
            self.tr("Sanitized"),
            self.tr("Removed"),
        ]
        rows = [
            [format_field("media_type", m.media_type)]
            + [format_field("", v) for v in (m.interface, m.manufacturer, m.model, m.serial, m.capacity_gb,
                                                m.sanitized, m.removed)]
            for m in self.detail.media
        ]
        table = _table("media_table", headers, rows)
        if not self.detail.media:
            box = QWidget()
            lay = QVBoxLayout(box)
            lay.setContentsMargins(0, 0, 0, 0)
            lay.addWidget(QLabel(self.tr("No storage media recorded for this asset.")))
            lay.addWidget(table)
            return box
        return table

    def _build_recommendation(self) -> QWidget:
        from ui.models.lifecycle_table import passed_over_html, reason_text

        rec, placeholder = self._extra("recommendation")
        if placeholder is not None:
            return placeholder
        esc = html.escape
        stage = default_lifecycle().stage_of_lever(rec.lever)
        lever_label = self.tr("Recommended lever:")
        stage_label = self.tr("stage {n}").format(n=stage.number)
        parts = [(f"<p>{esc(lever_label)}<br>"
                  f"<span style='font-size: large'><b>{esc(i18n.lever_name(rec.lever))}</b></span> "
                  f"<span style='color: gray'>({esc(stage_label)})</span><br>"
                  f"{esc(reason_text(rec.why))}</p>")]
        if rec.age_years is not None:
            parts.append("<p>" + esc(self.tr("Age {age:.1f} years; refresh cycle {refresh:g} years.").format(
                age=rec.age_years, refresh=rec.refresh_years)) + "</p>")
        parts.extend(passed_over_html(rec))
        browser = QTextBrowser()
        browser.setObjectName("recommendation_browser")
        browser.setOpenLinks(False)
        browser.setHtml("".join(parts))
        return browser

    def _build_sanitization(self) -> QWidget:
        from ui.dialogs.wipe_dialog import (
            CATEGORY_LABELS,
            RESULT_LABELS,
            TECHNIQUE_LABELS,
            format_in_zone,
            vocabulary_text,
        )

        records, placeholder = self._extra("sanitization")
        if placeholder is not None:
            return placeholder
        headers = [self.tr("Medium"), self.tr("Category"), self.tr("Technique"), self.tr("Result"),
                   self.tr("Verified"), self.tr("Counts"), self.tr("When"), self.tr("Operator"), self.tr("Tool")]
        rows = []
        for r in records:
            medium = " ".join(x for x in (format_field("media_type", r.media_type), r.medium_serial or "") if x)
            if r.destruction_id:
                medium += " " + self.tr("(destruction run)")
            tool = " ".join(x for x in (r.tool or r.tool_label or "", r.tool_version or "") if x)
            rows.append([
                medium,
                vocabulary_text(CATEGORY_LABELS, r.category),
                vocabulary_text(TECHNIQUE_LABELS, r.technique),
                vocabulary_text(RESULT_LABELS, r.result),
                format_field("", r.verified),
                format_field("", r.meets_policy),
                format_in_zone(r.performed_at, r.time_zone),
                r.operator or "—",
                tool or "—",
            ])
        table = _table("sanitization_table", headers, rows)
        if not records:
            box = QWidget()
            lay = QVBoxLayout(box)
            lay.setContentsMargins(0, 0, 0, 0)
            lay.addWidget(QLabel(self.tr("No sanitization or destruction records for this asset.")))
            lay.addWidget(table)
            return box
        return table

    def _build_certificates(self) -> list[QWidget]:
        certs, placeholder = self._extra("certificates")
        if placeholder is not None:
            return [placeholder]
        headers = [self.tr("Number"), self.tr("Kind"), self.tr("Issued at"), self.tr("Issued by"), self.tr("Status")]
        kinds = {"sanitization": self.tr("Sanitization certificate"), "destruction": self.tr("Destruction certificate")}
        rows = []
        for c in certs:
            if c.superseded_by:
                status = self.tr("Superseded by {number}").format(number=c.superseded_by)
            elif c.supersedes:
                status = self.tr("Current (corrects {number})").format(number=c.supersedes)
            else:
                status = self.tr("Current")
            rows.append([c.number, kinds.get(c.kind, c.kind), format_datetime(c.issued_at), c.issued_by, status])
        self.certificates_table = _table("certificates_table", headers, rows)
        self.certificates_table.itemSelectionChanged.connect(self._update_pdf_button)
        self.pdf_button = QPushButton(self.tr("Save &PDF…"))
        self.pdf_button.setObjectName("save_pdf_button")
        self.pdf_button.setToolTip(self.tr("Save the selected certificate as a PDF file"))
        self.pdf_button.clicked.connect(lambda: self.save_certificate_pdf())
        row = QWidget()
        lay = QHBoxLayout(row)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addStretch(1)
        lay.addWidget(self.pdf_button)
        if certs:
            self.certificates_table.selectRow(0)
        self._update_pdf_button()
        if not certs:
            self.pdf_button.hide()
            none = _plain_label(self.tr("No certificate has been issued for this asset."))
            none.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            self.certificates_table.hide()
            return [none, self.certificates_table]
        return [self.certificates_table, row]

    def _update_pdf_button(self) -> None:
        self.pdf_button.setEnabled(self.selected_certificate() is not None)

    def selected_certificate(self) -> Any:
        certs = self.extras.get("certificates")
        if not isinstance(certs, list):
            return None
        rows = {i.row() for i in self.certificates_table.selectionModel().selectedRows()}
        return certs[min(rows)] if rows else None

    def save_certificate_pdf(self, path: str | None = None) -> None:
        cert = self.selected_certificate()
        if cert is None or self.services is None:
            return
        if path is None:
            path, _filter = QFileDialog.getSaveFileName(
                self, self.tr("Save certificate"), f"{cert.number}.pdf", self.tr("PDF files (*.pdf)"))
            if not path:
                return

        def write(number: str, target: str) -> str:
            # whole or nothing: never half a certificate under its name
            from reports.files import write_atomic

            write_atomic(target, self.services.certificates.pdf(number))
            return target

        self._pdf_task = run_task(
            call_plain(write), cert.number, path, context=self, name="save certificate",
            on_result=lambda target: self.error_label.hide(),
            on_error=lambda exc: self._show_error(self.tr("Could not save the certificate: {error}").format(error=core_text(exc))),
        )

    def _build_discovery(self) -> QWidget:
        d = self.detail
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(6, 6, 6, 6)
        form = QFormLayout()
        form.addRow(self.tr("MAC addresses:"), _plain_label(", ".join(d.macs) or "—"))
        form.addRow(self.tr("IP addresses:"), _plain_label(", ".join(d.ips) or "—"))
        form.addRow(self.tr("{label}:").format(label=value_label("first_seen")),
                    _plain_label(format_field("first_seen", d.fields.get("first_seen"))))
        form.addRow(self.tr("{label}:").format(label=value_label("last_seen")),
                    _plain_label(format_field("last_seen", d.fields.get("last_seen"))))
        lay.addLayout(form)
        candidates, placeholder = self._extra("candidates")
        conflicts, _ = self._extra("conflicts")
        if placeholder is not None:
            lay.addWidget(placeholder)
            lay.addStretch(1)
            return box
        conflicts = conflicts or []
        seen = d.fields.get("first_seen") or d.fields.get("last_seen")
        if not seen and not candidates and not conflicts:
            never = _plain_label(self.tr("Never seen by discovery."))
            never.setObjectName("never_seen_label")
            lay.addWidget(never)
            lay.addStretch(1)
            return box
        if candidates:
            lay.addWidget(QLabel(self.tr("Discovered devices matched to this asset")))
            headers = [self.tr("Address"), self.tr("MAC"), self.tr("Hostname"), self.tr("Looks like"),
                       self.tr("Confidence"), self.tr("Evidence"), self.tr("Seen"), self.tr("Last seen")]
            rows = [[c.address or "—", " ".join(x for x in (c.mac or "", c.mac_vendor or "") if x) or "—",
                     c.hostname or "—", c.label, f"{c.confidence:.0%}", "; ".join(c.evidence) or "—",
                     self.tr("{n} times").format(n=c.times_seen), format_datetime(c.last_seen)]
                    for c in candidates]
            lay.addWidget(_table("candidates_table", headers, rows))
        if conflicts:
            lay.addWidget(QLabel(self.tr("Differences between a scan and what a person entered")))
            headers = [self.tr("Field"), self.tr("Recorded value"), self.tr("Seen by the scan"), self.tr("Status")]
            rows = [[value_label(c.field), c.current_value or "—", c.observed_value or "—", c.status]
                    for c in conflicts]
            lay.addWidget(_table("conflicts_table", headers, rows))
        if not candidates and not conflicts:
            lay.addWidget(_plain_label(self.tr("Scans matched this asset; there is no other discovery evidence.")))
            lay.addStretch(1)
        return box

    def _build_audits(self) -> QWidget:
        """The credentialed audits of this asset (what each found, or why it failed) and its installed software."""
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(6, 6, 6, 6)
        audits, placeholder = self._extra("audits")
        software, software_placeholder = self._extra("software")
        if placeholder is not None:
            lay.addWidget(placeholder)
            lay.addStretch(1)
            return box
        if not audits:
            never = _plain_label(self.tr(
                "Never audited. A credentialed audit (SNMP, SSH or WinRM) reads the maker, model, serial number, "
                "disks and installed software from the device itself: use Audit now… once credentials for its "
                "address are stored in Settings → Credentials."))
            never.setObjectName("never_audited_label")
            lay.addWidget(never)
            lay.addStretch(1)
            return box
        latest = next((a for a in audits if a.ok), None)
        if latest is not None:
            lay.addWidget(self._audit_facts_form(latest))
        last = audits[0]
        # A method the device does not speak fails beside the one that worked in the same run: that is no news.
        if not last.ok and (latest is None or last.collected_at - latest.collected_at > SAME_AUDIT_RUN):
            failed = _plain_label(self.tr("The latest audit ({when}, {method}) failed: {reason}").format(
                when=format_datetime(last.collected_at), method=METHOD_NAMES.get(last.method or "", "—"),
                reason=core_text(last.error or "")))
            failed.setObjectName("audit_failed_label")
            failed.setStyleSheet(ERROR_STYLE)
            lay.addWidget(failed)
        headers = [self.tr("When"), self.tr("Method"), self.tr("Address"), self.tr("Credential"), self.tr("Seconds"),
                   self.tr("Result")]
        rows = [[format_datetime(a.collected_at), METHOD_NAMES.get(a.method or "", "—"), a.address,
                 a.credential or "—", f"{a.seconds:.1f}" if a.seconds is not None else "—",
                 a.identity or self.tr("Audited") if a.ok else core_text(a.error or "")] for a in audits]
        table = _table("audits_table", headers, rows)
        # As tall as its rows (up to five), so the software list below gets the room.
        shown = min(len(rows), 5)
        table.setFixedHeight(table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth()
                             + sum(table.rowHeight(r) for r in range(shown))
                             + (table.horizontalScrollBar().sizeHint().height() if len(rows) > shown else 0))
        lay.addWidget(table)
        if software_placeholder is not None:
            lay.addWidget(software_placeholder)
            return box
        title = QLabel(self.tr("Installed software ({n})").format(n=len(software)))
        lay.addWidget(title)
        if not software:
            lay.addWidget(_plain_label(self.tr("No audit has listed installed software on this asset.")))
            lay.addStretch(1)
            return box
        search = QLineEdit()
        search.setObjectName("software_filter")
        search.setPlaceholderText(self.tr("Filter by name, version or vendor"))
        search.setClearButtonEnabled(True)
        lay.addWidget(search)
        headers = [self.tr("Name"), self.tr("Version"), self.tr("Vendor"), self.tr("First seen"), self.tr("Last seen")]
        rows = [[p["name"], p["version"] or "", p["vendor"] or "", format_datetime(p["first_seen"]),
                 format_datetime(p["last_seen"])] for p in software]
        table = _table("software_table", headers, rows)
        lay.addWidget(table, 1)
        keys = [" ".join(r[:3]).casefold() for r in rows]

        def apply_filter(text: str) -> None:
            needle = text.strip().casefold()
            table.setUpdatesEnabled(False)
            for i, key in enumerate(keys):
                table.setRowHidden(i, bool(needle) and needle not in key)
            table.setUpdatesEnabled(True)
            shown = sum(1 for i in range(len(keys)) if not table.isRowHidden(i))
            title.setText(self.tr("Installed software ({n})").format(n=len(keys)) if not needle else
                          self.tr("Installed software ({shown} of {n})").format(shown=shown, n=len(keys)))

        search.textChanged.connect(apply_filter)
        return box

    def _audit_facts_form(self, audit: Any) -> QWidget:
        """What the latest successful audit told about the device, field by field."""
        f = audit.facts or {}
        group = QGroupBox(self.tr("Latest successful audit: {method}, {when}, credential {credential}").format(
            method=METHOD_NAMES.get(audit.method or "", "—"), when=format_datetime(audit.collected_at),
            credential=audit.credential or "—"))
        group.setObjectName("audit_facts")
        form = QFormLayout(group)

        def add(label: str, value: Any) -> None:
            if value not in (None, "", [], ()):
                form.addRow(label, _plain_label(str(value)))

        add(self.tr("Manufacturer:"), f.get("manufacturer"))
        add(self.tr("Model:"), f.get("model"))
        add(self.tr("Serial number:"), f.get("serial"))
        add(self.tr("UUID:"), f.get("uuid"))
        add(self.tr("Hostname:"), f.get("hostname"))
        add(self.tr("Operating system:"), " ".join(x for x in (f.get("os_name"), f.get("os_version")) if x))
        add(self.tr("Kernel:"), f.get("kernel"))
        cpu = f.get("cpu_model")
        if cpu and f.get("cpu_cores"):
            cpu = self.tr("{model} ({n} cores)").format(model=cpu, n=f["cpu_cores"])
        add(self.tr("CPU:"), cpu)
        if f.get("ram_mb"):
            add(self.tr("Memory:"), self.tr("{gb:.1f} GB").format(gb=f["ram_mb"] / 1024))
        disks = f.get("disks") or []
        add(self.tr("Disks:"), "\n".join(
            " · ".join(x for x in (d.get("model"), d.get("serial") and f"S/N {d['serial']}",
                                   d.get("size_gb") and self.tr("{gb:,.0f} GB").format(gb=d["size_gb"]),
                                   d.get("interface")) if x) for d in disks))
        add(self.tr("Interfaces:"), ", ".join(f"{i.get('name') or '?'} {i.get('mac')}" for i in f.get("interfaces") or []))
        add(self.tr("Printed pages:"), f"{f['printer_page_count']:,}" if f.get("printer_page_count") is not None else None)
        add(self.tr("System description:"), f.get("sys_descr"))
        warnings = f.get("warnings") or []
        if warnings:
            note = _plain_label("\n".join(core_text(w) for w in warnings))
            note.setObjectName("audit_warnings")
            form.addRow(self.tr("Could not read:"), note)
        return group

    def _build_history(self) -> QWidget:
        tree = QTreeWidget()
        tree.setObjectName("history_tree")
        tree.setHeaderLabels([self.tr("When"), self.tr("Who"), self.tr("What"), self.tr("Reason")])
        tree.setRootIsDecorated(True)
        tree.setUniformRowHeights(True)
        tree.setAlternatingRowColors(True)
        # Newest first: what happened last is what people usually look for.
        for entry in reversed(self.detail.history):
            item = QTreeWidgetItem(
                [
                    format_datetime(entry.at),
                    self.tr("{actor} ({source})").format(
                        actor=entry.actor, source=_tr(SOURCE_LABELS.get(entry.source, entry.source))
                    ),
                    self._describe(entry),
                    entry.reason or "",
                ]
            )
            item.setToolTip(3, entry.reason or "")
            bold = item.font(2)
            bold.setBold(True)
            item.setFont(2, bold)
            for name, change in entry.changes.items():
                before, after = (list(change) + [None, None])[:2] if isinstance(change, list) else (None, change)
                text = format_change(name, before, after)
                child = QTreeWidgetItem(["", value_label(name), text, ""])
                child.setToolTip(1, value_label(name))
                child.setToolTip(2, text)
                item.addChild(child)
            tree.addTopLevelItem(item)
        header = tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        tree.expandAll()
        for col, widest in enumerate(HISTORY_COLUMN_WIDTHS):
            tree.resizeColumnToContents(col)
            tree.setColumnWidth(col, min(tree.columnWidth(col), widest))
        return tree

    def _describe(self, entry: HistoryView) -> str:
        if entry.transition:
            return self.tr("Moved: {transition}").format(transition=i18n.transition_name(entry.transition))
        label = ACTION_LABELS.get(entry.action)
        return _tr(label) if label else entry.action

    def tab_index(self, key: str) -> int:
        return TAB_KEYS.index(key)

    @property
    def history_tree(self) -> QTreeWidget:
        return self.findChild(QTreeWidget, "history_tree")
