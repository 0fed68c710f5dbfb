"""Table models of the discovery page: hosts of the current scan, the review queue, conflicts, missing assets.

These lists are short (one scan's hosts, the pending devices), so each model keeps all of its frozen rows
in memory and sorts them itself; nothing here reads the database. The page fills them from workers.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from itam.discovery.model import Classification, HostObservation
from itam.discovery.reconcile import HostOutcome
from itam.identifiers import is_randomized_mac
from itam.services.discovery import CandidateView, MissingAsset
from itam.services.views import AuditView
from ui import i18n
from ui.i18n import core_text
from ui.models.asset_table import METHOD_NAMES, format_datetime

_ANY_INDEX = QModelIndex | QPersistentModelIndex
_CONTEXT = "DiscoveryTables"

#: Role carrying the row's frozen value (DiscoveredHost, CandidateView, ConflictView, MissingAsset).
RowRole = Qt.ItemDataRole.UserRole + 1


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


@dataclass(frozen=True)
class DiscoveredHost:
    """One host of a scan as the page shows it: what nmap saw and how the classifier read it."""

    host: HostObservation
    classification: Classification


# --- shared formatting -------------------------------------------------------------------------------
def category_label(category: str | None, likely: str | None = None) -> str:
    """A classification in the current language: "Printer", or "Unknown (likely Laptop)"."""
    if not category:
        return ""
    if category == "unknown":
        if likely:
            text = QCoreApplication.translate("DiscoveryTables", "Unknown (likely {category})")
            return text.format(category=i18n.category_name(likely))
        return QCoreApplication.translate("DiscoveryTables", "Unknown")
    return i18n.category_name(category)


def vendor_text(mac: str | None, vendor: str | None) -> str:
    """The MAC's vendor; a randomised (locally administered) MAC has none, which is worth saying."""
    if vendor:
        return vendor
    if mac and is_randomized_mac(mac):
        return QCoreApplication.translate("DiscoveryTables", "(randomised MAC)")
    return ""


def confidence_text(value: float | None) -> str:
    return "" if value is None else f"{round(value * 100)} %"


def ports_text(host: HostObservation) -> str:
    """Open ports, TCP without a suffix: "22, 80, 443, 161/udp"."""
    ports = sorted(host.open_ports, key=lambda p: (p[1] != "tcp", p[0]))
    return ", ".join(str(port) if proto == "tcp" else f"{port}/{proto}" for port, proto in ports)


def evidence_tooltip(evidence: Sequence[str], os_guess: str | None = None) -> str | None:
    """The classifier's reasons, strongest first, one per line (they come from the core in English)."""
    lines = [f"• {line}" for line in evidence]
    if os_guess:
        lines.insert(0, QCoreApplication.translate("DiscoveryTables", "Operating system: {os}").format(os=os_guess))
    if not lines:
        return None
    return QCoreApplication.translate("DiscoveryTables", "Why this category:") + "\n" + "\n".join(lines)


def address_key(address: str | None) -> tuple:
    """Sort key that orders addresses numerically (198.18.0.9 before 198.18.0.10)."""
    if not address:
        return (2, 0, "")
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return (1, 0, address)
    return (0, ip.version, int(ip))


def _text_key(value: Any) -> tuple:
    if value is None or value == "":
        return (1, "")
    if isinstance(value, (int, float)):
        return (0, value)
    if isinstance(value, datetime):
        return (0, value.isoformat())
    return (0, str(value).casefold())


class Column(NamedTuple):
    key: str
    header: str  # untranslated (QT_TRANSLATE_NOOP in context DiscoveryTables)
    text: Callable[[Any], str]
    sort_key: Callable[[Any], Any] | None = None
    align_right: bool = False


class RowTableModel(QAbstractTableModel):
    """Read-only rows held in memory, sorted in Python; subclasses define :attr:`COLUMNS` and tooltips."""

    COLUMNS: tuple[Column, ...] = ()

    def __init__(self, parent=None):  # noqa: ANN001
        super().__init__(parent)
        self._rows: list[Any] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None

    # --- rows ---------------------------------------------------------------------------------------
    @property
    def rows(self) -> tuple[Any, ...]:
        return tuple(self._rows)

    def row_at(self, row: int) -> Any:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def set_rows(self, rows: Iterable[Any]) -> None:
        """Show these rows instead (in the current sort order)."""
        self.beginResetModel()
        self._rows = list(rows)
        if self._sort is not None:
            self._rows.sort(key=self._key_of(self._sort[0]), reverse=self._sort[1] == Qt.SortOrder.DescendingOrder)
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows(())

    def append_row(self, row: Any) -> None:
        """Add one row where the current sort order puts it (at the end when unsorted)."""
        at = len(self._rows)
        if self._sort is not None:
            key = self._key_of(self._sort[0])
            descending = self._sort[1] == Qt.SortOrder.DescendingOrder
            new = key(row)
            at = next(
                (i for i, r in enumerate(self._rows) if (key(r) < new if descending else key(r) > new)), len(self._rows)
            )
        self.beginInsertRows(QModelIndex(), at, at)
        self._rows.insert(at, row)
        self.endInsertRows()

    def retranslate(self) -> None:
        """The language changed: headers and localised cells read differently now."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.COLUMNS) - 1))

    def column_of(self, key: str) -> int:
        return next(i for i, c in enumerate(self.COLUMNS) if c.key == key)

    def _key_of(self, column: int) -> Callable[[Any], Any]:
        spec = self.COLUMNS[column]
        if spec.sort_key is not None:
            return spec.sort_key
        return lambda row: _text_key(spec.text(row))

    # --- for subclasses -----------------------------------------------------------------------------
    def tooltip(self, row: Any, column: Column) -> str | None:
        text = column.text(row)
        return text or None

    # --- QAbstractTableModel ------------------------------------------------------------------------
    def rowCount(self, parent: _ANY_INDEX = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _ANY_INDEX = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def flags(self, index: _ANY_INDEX) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: _ANY_INDEX, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows) or index.column() >= len(self.COLUMNS):
            return None
        row = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == RowRole:
            return row
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.header_label(section)
        return None

    def header_label(self, section: int) -> str:
        return _tr(self.COLUMNS[section].header)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.COLUMNS):
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        old = list(self._rows)
        self._rows.sort(key=self._key_of(column), reverse=order == Qt.SortOrder.DescendingOrder)
        # Keep selections and the current row on the same hosts.
        position = {id(r): i for i, r in enumerate(self._rows)}
        for index in self.persistentIndexList():
            if index.row() < len(old):
                self.changePersistentIndex(index, self.index(position[id(old[index.row()])], index.column()))
        self.layoutChanged.emit()


# --- hosts of the current scan ------------------------------------------------------------------------
OUTCOME_LABELS = {
    "matched": QT_TRANSLATE_NOOP("DiscoveryTables", "Matched: {asset}"),
    "flagged": QT_TRANSLATE_NOOP("DiscoveryTables", "Flagged: {asset}"),
    "new": QT_TRANSLATE_NOOP("DiscoveryTables", "New"),
    "ignored": QT_TRANSLATE_NOOP("DiscoveryTables", "Ignored"),
}
OUTCOME_TIPS = {
    "matched": QT_TRANSLATE_NOOP("DiscoveryTables", "A known asset, {asset}: its addresses and last sighting were updated"),
    "flagged": QT_TRANSLATE_NOOP(
        "DiscoveryTables", "Asset {asset} was seen although it is retired, disposed of or lost: flagged for review"
    ),
    "new": QT_TRANSLATE_NOOP("DiscoveryTables", "Not in the inventory: waiting in the review queue"),
    "ignored": QT_TRANSLATE_NOOP("DiscoveryTables", "A device someone chose to ignore for good"),
}

#: How the match was made (HostOutcome.rule).
RULE_LABELS = {
    "serial": QT_TRANSLATE_NOOP("DiscoveryTables", "matched by serial number"),
    "mac": QT_TRANSLATE_NOOP("DiscoveryTables", "matched by MAC address"),
    "hostname": QT_TRANSLATE_NOOP("DiscoveryTables", "matched by hostname"),
    "ip": QT_TRANSLATE_NOOP("DiscoveryTables", "matched by IP address only"),
}


class HostTableModel(RowTableModel):
    """The hosts of the scan in progress (appended as nmap completes them) or of the last scan/import.

    After reconciliation, :meth:`set_outcomes` adds what happened to each host: matched to which asset,
    new (queued for review), flagged, or ignored.
    """

    COLUMNS = (
        Column("address", QT_TRANSLATE_NOOP("DiscoveryTables", "Address"), lambda r: r.host.address,
               lambda r: address_key(r.host.address)),
        Column("mac", QT_TRANSLATE_NOOP("DiscoveryTables", "MAC address"), lambda r: r.host.mac or ""),
        Column("vendor", QT_TRANSLATE_NOOP("DiscoveryTables", "Vendor"), lambda r: vendor_text(r.host.mac, r.host.mac_vendor)),
        Column("hostname", QT_TRANSLATE_NOOP("DiscoveryTables", "Hostname"), lambda r: r.host.hostnames[0] if r.host.hostnames else ""),
        Column("category", QT_TRANSLATE_NOOP("DiscoveryTables", "Category"),
               lambda r: category_label(r.classification.category, r.classification.likely)),
        Column("confidence", QT_TRANSLATE_NOOP("DiscoveryTables", "Confidence"),
               lambda r: confidence_text(r.classification.confidence), lambda r: r.classification.confidence, True),
        # Filled in by set_outcomes (the text depends on the model's outcome table, see __init__).
        Column("outcome", QT_TRANSLATE_NOOP("DiscoveryTables", "Outcome"), lambda r: ""),
        # Last: the longest cell, which the view stretches or elides.
        Column("ports", QT_TRANSLATE_NOOP("DiscoveryTables", "Open ports"), lambda r: ports_text(r.host),
               lambda r: len(r.host.open_ports)),
    )

    def __init__(self, parent=None):  # noqa: ANN001
        super().__init__(parent)
        self._outcomes: dict[str, HostOutcome] = {}
        self._asset_labels: dict[int, str] = {}
        outcome = self.column_of("outcome")
        self.COLUMNS = tuple(  # per instance: the outcome column reads this model's outcomes
            c._replace(text=self.outcome_text) if i == outcome else c for i, c in enumerate(type(self).COLUMNS)
        )

    def clear(self) -> None:
        self._outcomes = {}
        self._asset_labels = {}
        super().clear()

    def add_host(self, row: DiscoveredHost) -> None:
        """A host nmap has just completed (hosts that are down are not shown)."""
        if row.host.state == "up":
            self.append_row(row)

    def set_hosts(self, rows: Iterable[DiscoveredHost]) -> None:
        self.set_rows(r for r in rows if r.host.state == "up")

    def set_outcomes(self, outcomes: Iterable[HostOutcome], asset_labels: dict[int, str]) -> None:
        self._outcomes = {o.address: o for o in outcomes}
        self._asset_labels = dict(asset_labels)
        if self._rows:
            column = self.column_of("outcome")
            self.dataChanged.emit(self.index(0, column), self.index(len(self._rows) - 1, column))

    def outcome_of(self, address: str) -> HostOutcome | None:
        return self._outcomes.get(address)

    def outcome_text(self, row: DiscoveredHost) -> str:
        outcome = self._outcomes.get(row.host.address)
        if outcome is None:
            return ""
        label = OUTCOME_LABELS.get(outcome.outcome)
        if label is None:
            return outcome.outcome
        return _tr(label).format(asset=self._asset_label(outcome))

    def _asset_label(self, outcome: HostOutcome) -> str:
        if outcome.asset_id is None:
            return ""
        return self._asset_labels.get(outcome.asset_id, f"#{outcome.asset_id}")

    def tooltip(self, row: DiscoveredHost, column: Column) -> str | None:
        if column.key == "outcome":
            outcome = self._outcomes.get(row.host.address)
            if outcome is None or outcome.outcome not in OUTCOME_TIPS:
                return self.outcome_text(row) or None
            text = _tr(OUTCOME_TIPS[outcome.outcome]).format(asset=self._asset_label(outcome))
            if outcome.rule in RULE_LABELS:
                text += " (" + _tr(RULE_LABELS[outcome.rule]) + ")"
            return text
        if column.key in ("category", "confidence"):
            os_name = next((m.name for m in row.host.os_matches if m.accuracy >= 90), None)
            return evidence_tooltip(row.classification.evidence, os_name)
        if column.key == "ports":
            lines = [
                f"{s.port}/{s.protocol} {s.name or ''} {s.product or ''} {s.version or ''}".rstrip()
                for s in row.host.services
                if s.state.startswith("open")
            ]
            return "\n".join(lines) or None
        return super().tooltip(row, column)


# --- the review queue ---------------------------------------------------------------------------------
def candidate_audit_text(audit: AuditView | None) -> str:
    """A queued device's audit: maker, model and serial it told, or why it could not be audited."""
    if audit is None:
        return ""
    if audit.ok:
        return audit.identity or QCoreApplication.translate("DiscoveryTables", "Audited")
    return QCoreApplication.translate("DiscoveryTables", "Not audited: {reason}").format(
        reason=core_text(audit.error or ""))


class CandidateTableModel(RowTableModel):
    """Pending discovered devices, waiting for a person to accept them into the inventory or ignore them."""

    COLUMNS = (
        Column("address", QT_TRANSLATE_NOOP("DiscoveryTables", "Address"), lambda c: c.address or "",
               lambda c: address_key(c.address)),
        Column("mac", QT_TRANSLATE_NOOP("DiscoveryTables", "MAC address"), lambda c: c.mac or ""),
        Column("vendor", QT_TRANSLATE_NOOP("DiscoveryTables", "Vendor"), lambda c: vendor_text(c.mac, c.mac_vendor)),
        Column("hostname", QT_TRANSLATE_NOOP("DiscoveryTables", "Hostname"), lambda c: c.hostname or ""),
        Column("category", QT_TRANSLATE_NOOP("DiscoveryTables", "Category"), lambda c: category_label(c.category, c.likely)),
        Column("confidence", QT_TRANSLATE_NOOP("DiscoveryTables", "Confidence"), lambda c: confidence_text(c.confidence),
               lambda c: c.confidence, True),
        Column("times_seen", QT_TRANSLATE_NOOP("DiscoveryTables", "Times seen"), lambda c: str(c.times_seen),
               lambda c: c.times_seen, True),
        # What a credentialed audit of the address told (it comes with the device when accepted), or why none could.
        Column("audit", QT_TRANSLATE_NOOP("DiscoveryTables", "Audit"), lambda c: candidate_audit_text(c.audit)),
        Column("last_seen", QT_TRANSLATE_NOOP("DiscoveryTables", "Last seen"), lambda c: format_datetime(c.last_seen),
               lambda c: c.last_seen),
    )

    def tooltip(self, row: CandidateView, column: Column) -> str | None:
        if column.key in ("category", "confidence"):
            return evidence_tooltip(row.evidence, row.os_guess)
        if column.key == "audit" and row.audit is not None:
            a = row.audit
            return QCoreApplication.translate("DiscoveryTables", "{method} audit, {when}: {what}").format(
                method=METHOD_NAMES.get(a.method or "", a.method or "—"), when=format_datetime(a.collected_at),
                what=candidate_audit_text(a))
        if column.key == "last_seen":
            return QCoreApplication.translate("DiscoveryTables", "First seen {first}, last seen {last}").format(
                first=format_datetime(row.first_seen), last=format_datetime(row.last_seen)
            )
        return super().tooltip(row, column)


# --- conflicts ----------------------------------------------------------------------------------------
class ConflictTableModel(RowTableModel):
    """Values a scan saw that differ from what a person entered: apply the scanned value or dismiss it."""

    COLUMNS = (
        Column("asset", QT_TRANSLATE_NOOP("DiscoveryTables", "Asset"), lambda c: c.asset_label),
        Column("field", QT_TRANSLATE_NOOP("DiscoveryTables", "Field"), lambda c: i18n.field_label(c.field)),
        Column("current", QT_TRANSLATE_NOOP("DiscoveryTables", "In the inventory"), lambda c: c.current_value or ""),
        Column("observed", QT_TRANSLATE_NOOP("DiscoveryTables", "Seen by the scan"), lambda c: c.observed_value or ""),
        # Last, so stretched: left-aligned, or "#3" would sit far from its row.
        Column("scan", QT_TRANSLATE_NOOP("DiscoveryTables", "Scan"), lambda c: f"#{c.scan_id}" if c.scan_id else "",
               lambda c: c.scan_id or 0),
    )


# --- missing assets -----------------------------------------------------------------------------------
class MissingTableModel(RowTableModel):
    """Assets in use or in stock that discovery has seen before but not for a number of days."""

    COLUMNS = (
        Column("asset", QT_TRANSLATE_NOOP("DiscoveryTables", "Asset"), lambda m: m.label),
        Column("category", QT_TRANSLATE_NOOP("DiscoveryTables", "Category"), lambda m: i18n.category_name(m.category)),
        Column("status", QT_TRANSLATE_NOOP("DiscoveryTables", "Status"), lambda m: i18n.status_name(m.status)),
        Column("days", QT_TRANSLATE_NOOP("DiscoveryTables", "Days unseen"), lambda m: str(m.days_unseen),
               lambda m: m.days_unseen, True),
        Column("last_seen", QT_TRANSLATE_NOOP("DiscoveryTables", "Last seen"), lambda m: format_datetime(m.last_seen),
               lambda m: m.last_seen),
    )


__all__ = [
    "CandidateTableModel",
    "ConflictTableModel",
    "DiscoveredHost",
    "HostTableModel",
    "MissingAsset",
    "MissingTableModel",
    "RowRole",
    "category_label",
]
