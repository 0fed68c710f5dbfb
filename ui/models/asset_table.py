"""The inventory table: a lazily filled model over :meth:`AssetService.list`.

Rows come from SQL a batch at a time (``canFetchMore``/``fetchMore`` with offset paging); sorting and
filtering are done by SQL on whitelisted columns and reset the model. The model only keeps the frozen
:class:`AssetRow` values it was handed, never ORM objects. Each batch is one short indexed query run on
the GUI thread; the total for the status bar is counted on a worker (:func:`ui.workers.run_task`).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any, NamedTuple

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QStyle

from itam.errors import ItamError
from itam.services import AssetQuery, Services
from itam.services.assets import SORTABLE
from itam.services.views import AssetRow
from ui import i18n
from ui.workers import TaskHandle, call_plain, run_task

_ANY_INDEX = QModelIndex | QPersistentModelIndex

#: Role carrying the asset's database id (an int).
AssetIdRole = Qt.ItemDataRole.UserRole + 1
#: Role carrying the whole frozen AssetRow.
AssetRowRole = Qt.ItemDataRole.UserRole + 2


class Column(NamedTuple):
    key: str  # AssetRow attribute
    sort: str | None  # AssetQuery.sort value, None when SQL cannot sort by it
    label: str | None = None  # untranslated label for columns that are not asset fields


COLUMNS: tuple[Column, ...] = (
    Column("asset_tag", "asset_tag"),
    Column("category", "category"),
    Column("manufacturer", "manufacturer"),
    Column("model", "model"),
    Column("serial", "serial"),
    Column("hostname", "hostname"),
    Column("status", "status", QT_TRANSLATE_NOOP("AssetTableModel", "Status")),
    Column("stage", "stage", QT_TRANSLATE_NOOP("AssetTableModel", "Stage")),
    Column("department", "department"),
    # Location and assignee are names in other tables: the listing cannot sort by them (yet).
    Column("location", None),
    Column("assignee", None),
    Column("condition_grade", "condition_grade"),
    Column("purchase_date", "purchase_date"),
    Column("last_seen", "last_seen"),
)
COLUMN_KEYS = tuple(c.key for c in COLUMNS)
assert all(c.sort is None or c.sort in SORTABLE for c in COLUMNS), "a column sorts by a non-whitelisted key"

DEFAULT_BATCH_SIZE = 200

#: Flags that lifecycle transitions set (resources/lifecycle.toml), as a person would read them.
FLAG_LABELS = {
    "found_after_loss": QT_TRANSLATE_NOOP("AssetTableModel", "Found again after being lost or missing"),
}


def flag_text(flag: str | None) -> str:
    """A flag's description in the current language (its key when it has none)."""
    if not flag:
        return ""
    label = FLAG_LABELS.get(flag)
    return QCoreApplication.translate("AssetTableModel", label) if label else flag


def format_datetime(value: datetime | None) -> str:
    """A stored (naive UTC) time in the user's local time, to the minute."""
    if value is None:
        return ""
    return value.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M")


def format_value(key: str, value: Any) -> str:
    """How a listing cell shows a value (localised names for data-driven keys)."""
    if value is None:
        return ""
    if key == "category":
        return i18n.category_name(value)
    if key == "status":
        return i18n.status_name(value)
    if key == "stage":
        return i18n.stage_name(value)
    if isinstance(value, datetime):
        return format_datetime(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


class AssetTableModel(QAbstractTableModel):
    """Assets matching an :class:`AssetQuery`, fetched in batches as the view scrolls."""

    #: The number of assets matching the current filter, once counted (on a worker).
    total_counted = Signal(int)
    #: A batch could not be read (the message is for the user).
    load_failed = Signal(str)

    def __init__(self, services: Services, parent=None, *, batch_size: int = DEFAULT_BATCH_SIZE):  # noqa: ANN001
        super().__init__(parent)
        self._services = services
        self._batch_size = batch_size
        self._query = AssetQuery(limit=batch_size)
        self._rows: list[AssetRow] = []
        self._exhausted = True
        self._total: int | None = None
        self._count_task: TaskHandle | None = None
        self._generation = 0
        self._flag_icon = None

    # --- what is shown ------------------------------------------------------------------------------
    @property
    def query(self) -> AssetQuery:
        """The listing shown (its offset/limit are those of the first batch)."""
        return self._query

    @property
    def total(self) -> int | None:
        """The count of the current filter, or ``None`` while it is being counted."""
        return self._total

    @property
    def loaded_rows(self) -> int:
        return len(self._rows)

    @property
    def sort_column(self) -> int:
        return next((i for i, c in enumerate(COLUMNS) if c.sort == self._query.sort), 0)

    @property
    def sort_order(self) -> Qt.SortOrder:
        return Qt.SortOrder.DescendingOrder if self._query.descending else Qt.SortOrder.AscendingOrder

    @staticmethod
    def is_sortable(column: int) -> bool:
        return 0 <= column < len(COLUMNS) and COLUMNS[column].sort is not None

    def row_at(self, row: int) -> AssetRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of_asset(self, asset_id: int) -> int:
        """The row showing that asset among the loaded ones, or -1."""
        return next((i for i, r in enumerate(self._rows) if r.id == asset_id), -1)

    # --- changing the listing -----------------------------------------------------------------------
    def set_filter(
        self, *, search: str | None = None, category: str | None = None, status: str | None = None
    ) -> None:
        """Show the assets matching these (``None`` or empty: no restriction). Resets the model."""
        self._reload(
            replace(
                self._query,
                search=(search or "").strip() or None,
                category=category or None,
                status=status or None,
            )
        )

    def refresh(self) -> None:
        """Read the current listing again from the start (after changes elsewhere)."""
        self._reload(self._query)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in SQL by the column's whitelisted key; columns SQL cannot sort by are ignored."""
        if not self.is_sortable(column):
            return
        self._reload(
            replace(self._query, sort=COLUMNS[column].sort, descending=order == Qt.SortOrder.DescendingOrder)
        )

    def _reload(self, query: AssetQuery) -> None:
        self._query = replace(query, offset=0, limit=self._batch_size)
        self._generation += 1
        self.beginResetModel()
        self._rows = []
        self._total = None
        rows, error = self._read_batch(0)
        self._rows = list(rows)
        self._exhausted = error is not None or len(rows) < self._batch_size
        self.endResetModel()
        if error is not None:
            # Only now: a slot that opens a dialog must not run in the middle of a reset.
            self.load_failed.emit(error)
            return
        self._start_count()

    def _read_batch(self, offset: int) -> tuple[tuple[AssetRow, ...], str | None]:
        """One page of the listing, or no rows and the message of the error that prevented it."""
        try:
            page = self._services.assets.list(replace(self._query, offset=offset, limit=self._batch_size))
        except ItamError as exc:
            return (), str(exc)
        return page.rows, None

    def _start_count(self) -> None:
        if self._count_task is not None:
            self._count_task.cancel()
        self._total = None
        if self._exhausted:
            # Every matching row is loaded already: no need to ask the database again.
            self._on_counted(self._generation, len(self._rows))
            return
        generation = self._generation
        self._count_task = run_task(
            call_plain(self._services.assets.count),
            replace(self._query, offset=0),
            on_result=lambda n: self._on_counted(generation, n),
            on_error=self._on_count_failed,
            context=self,
            name="count assets",
        )

    def _on_counted(self, generation: int, total: int) -> None:
        if generation != self._generation:
            return  # a newer filter was set meanwhile
        self._count_task = None
        self._total = total
        self.total_counted.emit(total)

    def _on_count_failed(self, error: BaseException) -> None:
        self._count_task = None
        if isinstance(error, ItamError):
            self.load_failed.emit(str(error))

    def retranslate(self) -> None:
        """The language changed: headers and localised cells read differently now."""
        self._flag_icon = None
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0),
                self.index(len(self._rows) - 1, len(COLUMNS) - 1),
                [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole],
            )

    # --- QAbstractTableModel ------------------------------------------------------------------------
    def rowCount(self, parent: _ANY_INDEX = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _ANY_INDEX = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: _ANY_INDEX) -> bool:
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: _ANY_INDEX) -> None:
        if parent.isValid() or self._exhausted:
            return
        rows, error = self._read_batch(len(self._rows))
        if error is not None:
            self._exhausted = True
            self.load_failed.emit(error)
            return
        if len(rows) < self._batch_size:
            self._exhausted = True
        if not rows:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()

    def flags(self, index: _ANY_INDEX) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: _ANY_INDEX, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows) or index.column() >= len(COLUMNS):
            return None
        row = self._rows[index.row()]
        key = COLUMNS[index.column()].key
        if role == Qt.ItemDataRole.DisplayRole:
            return format_value(key, getattr(row, key))
        if role == Qt.ItemDataRole.ToolTipRole:
            if row.flag and index.column() == 0:
                return QCoreApplication.translate("AssetTableModel", "Flagged for review: {flag}").format(
                    flag=flag_text(row.flag)
                )
            text = format_value(key, getattr(row, key))
            return text or None
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 0 and row.flag:
            return self._warning_icon()
        if role == Qt.ItemDataRole.FontRole and row.flag:
            font = QFont()
            font.setBold(True)
            return font
        if role == AssetIdRole:
            return row.id
        if role == AssetRowRole:
            return row
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        column = COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.column_label(section)
        if role == Qt.ItemDataRole.ToolTipRole and column.sort is None:
            return QCoreApplication.translate("AssetTableModel", "This column cannot be sorted")
        return None

    @staticmethod
    def column_label(section: int) -> str:
        column = COLUMNS[section]
        if column.label is not None:
            return QCoreApplication.translate("AssetTableModel", column.label)
        return i18n.field_label(column.key)

    def _warning_icon(self):  # noqa: ANN202 - QIcon
        if self._flag_icon is None:
            style = QApplication.style()
            self._flag_icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        return self._flag_icon
