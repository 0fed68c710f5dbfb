"""The lifecycle worklist table: assets that need a decision, each with its recommended circular lever.

The model keeps the frozen :class:`~itam.services.retirement.WorkItem` values a worker computed (a page at a
time) and never touches the database itself. :func:`reason_text` puts the core's recommendation reasons
(English sentences made by :mod:`itam.lifecycle.recommend`) into the interface language.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, NamedTuple

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from itam.services.retirement import WorkItem
from ui import i18n

_ANY_INDEX = QModelIndex | QPersistentModelIndex
_CONTEXT = "LifecycleTableModel"

#: Role carrying the asset's database id (an int).
WorkItemIdRole = Qt.ItemDataRole.UserRole + 1
#: Role carrying the whole frozen WorkItem.
WorkItemRole = Qt.ItemDataRole.UserRole + 2


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class Column(NamedTuple):
    key: str
    label: str


COLUMNS: tuple[Column, ...] = (
    Column("asset_tag", QT_TRANSLATE_NOOP("LifecycleTableModel", "Asset tag")),
    Column("category", QT_TRANSLATE_NOOP("LifecycleTableModel", "Category")),
    Column("model", QT_TRANSLATE_NOOP("LifecycleTableModel", "Model")),
    Column("age", QT_TRANSLATE_NOOP("LifecycleTableModel", "Age (years)")),
    Column("condition", QT_TRANSLATE_NOOP("LifecycleTableModel", "Condition")),
    Column("status", QT_TRANSLATE_NOOP("LifecycleTableModel", "Status")),
    Column("lever", QT_TRANSLATE_NOOP("LifecycleTableModel", "Recommended lever")),
    Column("why", QT_TRANSLATE_NOOP("LifecycleTableModel", "Why")),
)
COLUMN_KEYS = tuple(c.key for c in COLUMNS)

# --- the core's recommendation sentences in the interface language -----------------------------------------
#: Lever descriptions the core names inside its reasons ("… that life extension needs").
_WHAT = {
    "life extension": QT_TRANSLATE_NOOP("LifecycleTableModel", "life extension"),
    "redeployment": QT_TRANSLATE_NOOP("LifecycleTableModel", "redeployment"),
    "remarketing": QT_TRANSLATE_NOOP("LifecycleTableModel", "remarketing"),
    "refurbishment": QT_TRANSLATE_NOOP("LifecycleTableModel", "refurbishment"),
    "component recovery": QT_TRANSLATE_NOOP("LifecycleTableModel", "component recovery"),
}
_FIXED = {
    "good enough for another user inside the organisation":
        QT_TRANSLATE_NOOP("LifecycleTableModel", "good enough for another user inside the organisation"),
    "has resale or donation value after a verified wipe":
        QT_TRANSLATE_NOOP("LifecycleTableModel", "has resale or donation value after a verified wipe"),
    "repairable: refurbish, then redeploy or remarket":
        QT_TRANSLATE_NOOP("LifecycleTableModel", "repairable: refurbish, then redeploy or remarket"),
    "recover tested parts (RAM, SSD, PSU, CPU, screen) for spares or resale":
        QT_TRANSLATE_NOOP("LifecycleTableModel", "recover tested parts (RAM, SSD, PSU, CPU, screen) for spares or resale"),
    "no better lever applies: certified material recycling":
        QT_TRANSLATE_NOOP("LifecycleTableModel", "no better lever applies: certified material recycling"),
    "data-bearing and a sanitization of its media failed (unwipeable)":
        QT_TRANSLATE_NOOP("LifecycleTableModel", "data-bearing and a sanitization of its media failed (unwipeable)"),
    "beyond repair (condition F)": QT_TRANSLATE_NOOP("LifecycleTableModel", "beyond repair (condition F)"),
    "no condition grade recorded: assumed C (worn, working); grade the asset to be sure":
        QT_TRANSLATE_NOOP("LifecycleTableModel",
                          "no condition grade recorded: assumed C (worn, working); grade the asset to be sure"),
    "no purchase date recorded: age rules could not be applied":
        QT_TRANSLATE_NOOP("LifecycleTableModel", "no purchase date recorded: age rules could not be applied"),
}


def _status(words: str) -> str:
    return i18n.status_name(words.replace(" ", "_"))


def _category(words: str) -> str:
    return i18n.category_name(words.replace(" ", "_"))


def _what(words: str) -> str:
    label = _WHAT.get(words)
    return _tr(label) if label else words


def _grade(text: str) -> str:
    return QCoreApplication.translate("LifecycleTableModel", "C (assumed)") if text == "C (assumed)" else text


#: (pattern of the core's sentence, translatable template, how each named group is shown).
_PATTERNS: tuple[tuple[re.Pattern[str], str, dict], ...] = (
    (re.compile(r"^already taken out of use \((?P<status>.+)\)$"),
     QT_TRANSLATE_NOOP("LifecycleTableModel", "already taken out of use ({status})"), {"status": _status}),
    (re.compile(r"^too old: (?P<age>[\d.]+) years, (?P<what>.+) allows up to (?P<limit>[\d.]+)$"),
     QT_TRANSLATE_NOOP("LifecycleTableModel", "too old: {age} years, {what} allows up to {limit}"), {"what": _what}),
    (re.compile(r"^condition (?P<grade>.+?) is below the (?P<minimum>[A-F]) that (?P<what>.+) needs$"),
     QT_TRANSLATE_NOOP("LifecycleTableModel", "condition {grade} is below the {minimum} that {what} needs"),
     {"what": _what, "grade": _grade}),
    (re.compile(r"^no internal demand for (?P<category>.+) \(policy\)$"),
     QT_TRANSLATE_NOOP("LifecycleTableModel", "no internal demand for {category} (policy)"), {"category": _category}),
    (re.compile(r"^no parts worth recovering in a (?P<category>.+) \(policy\)$"),
     QT_TRANSLATE_NOOP("LifecycleTableModel", "no parts worth recovering in a {category} (policy)"),
     {"category": _category}),
    (re.compile(r"^data-bearing and holds media that cannot be purged \((?P<media>.+)\)$"),
     QT_TRANSLATE_NOOP("LifecycleTableModel", "data-bearing and holds media that cannot be purged ({media})"), {}),
    (re.compile(r"^still serviceable: keep it in use \(age (?P<age>.+) of a (?P<refresh>.+)-year cycle, "
                r"condition (?P<grade>.+)\)$"),
     QT_TRANSLATE_NOOP("LifecycleTableModel",
                       "still serviceable: keep it in use (age {age} of a {refresh}-year cycle, condition {grade})"),
     {}),
)


def reason_text(text: str) -> str:
    """One of the core's recommendation sentences in the interface language (unknown ones as they are)."""
    fixed = _FIXED.get(text)
    if fixed is not None:
        return _tr(fixed)
    for pattern, template, shown in _PATTERNS:
        m = pattern.match(text)
        if m:
            values = {k: shown.get(k, lambda v: v)(v) for k, v in m.groupdict().items()}
            return _tr(template).format(**values)
    return i18n.core_text(text)


def age_text(age: float | None) -> str:
    return "" if age is None else f"{age:.1f}"


def model_text(item: WorkItem) -> str:
    return " ".join(p for p in (item.manufacturer, item.model) if p)


class LifecycleTableModel(QAbstractTableModel):
    """Work items as the worker computed them; :meth:`set_items` replaces them, :meth:`append_items` adds a page."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._items: list[WorkItem] = []

    @property
    def items(self) -> list[WorkItem]:
        return list(self._items)

    def item_at(self, row: int) -> WorkItem | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def row_of_asset(self, asset_id: int) -> int:
        return next((i for i, it in enumerate(self._items) if it.id == asset_id), -1)

    def set_items(self, items: Iterable[WorkItem]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def append_items(self, items: Iterable[WorkItem]) -> None:
        known = {it.id for it in self._items}
        new = [it for it in items if it.id not in known]
        if not new:
            return
        first = len(self._items)
        self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
        self._items.extend(new)
        self.endInsertRows()

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self._items:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._items) - 1, len(COLUMNS) - 1))

    # --- QAbstractTableModel ----------------------------------------------------------------------------
    def rowCount(self, parent: _ANY_INDEX = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: _ANY_INDEX = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def flags(self, index: _ANY_INDEX) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def display(self, item: WorkItem, key: str) -> str:
        rec = item.recommendation
        if key == "asset_tag":
            return item.asset_tag or item.serial or f"#{item.id}"
        if key == "category":
            return i18n.category_name(item.category)
        if key == "model":
            return model_text(item)
        if key == "age":
            return age_text(item.age_years)
        if key == "condition":
            return item.condition_grade or ""
        if key == "status":
            return i18n.status_name(item.status)
        if key == "lever":
            return i18n.lever_name(rec.lever)
        if key == "why":
            return reason_text(rec.why)
        return ""

    def data(self, index: _ANY_INDEX, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._items) or index.column() >= len(COLUMNS):
            return None
        item = self._items[index.row()]
        key = COLUMNS[index.column()].key
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(item, key)
        if role == Qt.ItemDataRole.ToolTipRole:
            if key in ("lever", "why"):
                passed = item.recommendation.passed_over
                if passed:
                    lines = [reason_text(item.recommendation.why), ""]
                    for p in passed:
                        lines.append(QCoreApplication.translate("LifecycleTableModel", "Passed over {lever}: {reasons}").format(
                            lever=i18n.lever_name(p.lever), reasons="; ".join(reason_text(r) for r in p.reasons)))
                    return "\n".join(lines)
            return self.display(item, key) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "age":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and key == "lever":
            font = QFont()
            font.setBold(True)
            return font
        if role == WorkItemIdRole:
            return item.id
        if role == WorkItemRole:
            return item
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _tr(COLUMNS[section].label)
        return None


def passed_over_html(rec: Any) -> list[str]:
    """HTML paragraphs for a recommendation's better levers passed over (or that it is the best) and its notes;
    shared by the Lifecycle page and the asset view."""
    from html import escape as esc

    passed_label = QCoreApplication.translate("Recommendation", "Better levers passed over")
    best_label = QCoreApplication.translate("Recommendation", "This is the best lever of the waste hierarchy.")
    notes_label = QCoreApplication.translate("Recommendation", "Notes")
    parts: list[str] = []
    if rec.passed_over:
        parts.append(f"<p><b>{esc(passed_label)}</b></p><table cellspacing='0' cellpadding='3'>")
        for n, p in enumerate(rec.passed_over, 1):
            reasons = "<br>".join(f"• {esc(reason_text(r))}" for r in p.reasons)
            parts.append(f"<tr><td valign='top'>{n}.</td><td><b>{esc(i18n.lever_name(p.lever))}</b>"
                         f"<br>{reasons}</td></tr>")
        parts.append("</table>")
    else:
        parts.append(f"<p>{esc(best_label)}</p>")
    if rec.notes:
        parts.append(f"<p><b>{esc(notes_label)}</b></p><ul>")
        parts.extend(f"<li>{esc(reason_text(n))}</li>" for n in rec.notes)
        parts.append("</ul>")
    return parts
