"""A read-only view of one asset: its fields, storage media and history timeline."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from itam.fields import ASSET_FIELDS
from itam.services.views import AssetDetail, HistoryView
from ui import i18n
from ui.models.asset_table import flag_text, format_datetime

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


class AssetDialog(QDialog):
    """Shows an :class:`AssetDetail` read from the services; changes nothing."""

    def __init__(self, detail: AssetDetail, parent: QWidget | None = None):
        super().__init__(parent)
        self.detail = detail
        self.setObjectName("AssetDialog")
        self.setWindowTitle(self.tr("Asset {label}").format(label=detail.label))
        self.setMinimumSize(520, 380)
        self.resize(760, 560)

        layout = QVBoxLayout(self)
        heading = QLabel(self._heading_text())
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)
        self.heading = heading

        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_details(), self.tr("Details"))
        self.tabs.addTab(self._build_media(), self.tr("Storage media ({n})").format(n=len(detail.media)))
        self.tabs.addTab(self._build_history(), self.tr("History ({n})").format(n=len(detail.history)))
        layout.addWidget(self.tabs)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _heading_text(self) -> str:
        d = self.detail
        what = " ".join(x for x in (d.fields.get("manufacturer"), d.fields.get("model")) if x)
        parts = [d.label]
        if what:
            parts.append(what)
        parts.append(i18n.status_name(d.status))
        return " — ".join(parts)

    # --- tabs ---------------------------------------------------------------------------------------
    def _build_details(self) -> QWidget:
        d = self.detail
        form_widget = QWidget()
        form = QFormLayout(form_widget)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        def add(label: str, text: str) -> None:
            value = QLabel(text)
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(self.tr("{label}:").format(label=label), value)

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
            add(value_label(name), format_field(name, value))

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(form_widget)
        return scroll

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
        table = QTableWidget(len(self.detail.media), len(headers))
        table.setObjectName("media_table")
        table.setHorizontalHeaderLabels(headers)
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for row, m in enumerate(self.detail.media):
            cells = (
                format_field("media_type", m.media_type),
                m.interface,
                m.manufacturer,
                m.model,
                m.serial,
                m.capacity_gb,
                m.sanitized,
                m.removed,
            )
            for col, value in enumerate(cells):
                table.setItem(row, col, QTableWidgetItem(format_field("", value)))
        table.resizeColumnsToContents()
        table.horizontalHeader().setStretchLastSection(True)
        if not self.detail.media:
            box = QWidget()
            lay = QVBoxLayout(box)
            lay.addWidget(QLabel(self.tr("No storage media recorded for this asset.")))
            lay.addWidget(table)
            return box
        return table

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

    @property
    def history_tree(self) -> QTreeWidget:
        return self.findChild(QTreeWidget, "history_tree")
