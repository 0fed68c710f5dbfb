"""The inventory table: a windowed, lazily filled model over :meth:`AssetService.list`.

The listing is cut into pages of ``batch_size`` rows (offset paging in SQL); sorting and filtering are done
by SQL on whitelisted columns and reset the model. On a reset the first page is read synchronously (a few
ms), so the view shows rows at once, and the total is counted on a worker (:func:`ui.workers.run_task`).
The model shows that page at once; when the count arrives every matching row gets a place (``rowCount()``
is then the total), so the scroll bar takes its final size once instead of jumping when the user first
reaches the end. Until then ``canFetchMore`` says there is more.

Only a bounded LRU cache of pages (``cache_pages``) is held, as frozen :class:`AssetRow` values, never ORM
objects. ``data()`` for a row whose page is not cached shows :data:`PLACEHOLDER` and asks for the page:
requests are coalesced once per event-loop pass (one paint of the view), only the pages painted last are
kept (pages scrolled away are dropped, their tasks cancelled), at most :data:`MAX_IN_FLIGHT` pages are read
on workers at a time, and results of an older query generation (filter, sort, refresh) are discarded.
A page that arrives is cached and announced with ``dataChanged`` for its rows. Deep OFFSET pages can take
a few hundred ms over a million rows; the GUI thread never waits for them.
"""

from __future__ import annotations

from collections import OrderedDict
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
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QStyle

from itam.audit.pool import METHOD_NAMES  # names of protocols: the same in every language
from itam.errors import ItamError
from itam.services import AssetQuery, Services
from itam.services.assets import SORTABLE
from itam.services.views import AssetRow, AuditStatus
from ui import i18n
from ui.i18n import core_text
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
    # The latest credentialed audit: which method and when, or why the device could not be audited.
    Column("audit", None, QT_TRANSLATE_NOOP("AssetTableModel", "Audit")),
)
COLUMN_KEYS = tuple(c.key for c in COLUMNS)
assert all(c.sort is None or c.sort in SORTABLE for c in COLUMNS), "a column sorts by a non-whitelisted key"

DEFAULT_BATCH_SIZE = 200
#: Pages kept in memory at most (40 × 200 rows: 8,000 rows, whatever the size of the inventory).
DEFAULT_CACHE_PAGES = 40
#: Pages read on workers at the same time at most.
MAX_IN_FLIGHT = 2
#: What a cell shows until its page has been read.
PLACEHOLDER = "…"

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


def audit_text(status: AuditStatus | None) -> str:
    """An asset's latest audit in a few words: how and when, or why it could not be audited."""
    if status is None:
        return ""
    method = METHOD_NAMES.get(status.method or "", status.method or "")
    if status.ok:
        return QCoreApplication.translate("AssetTableModel", "{method}, {when}").format(
            method=method, when=format_datetime(status.at))
    return QCoreApplication.translate("AssetTableModel", "Not audited ({when}): {reason}").format(
        when=format_datetime(status.at), reason=core_text(status.error or ""))


def format_value(key: str, value: Any) -> str:
    """How a listing cell shows a value (localised names for data-driven keys)."""
    if value is None:
        return ""
    if key == "audit":
        return audit_text(value)
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
    """Assets matching an :class:`AssetQuery`: a window of cached pages over the whole listing."""

    #: The number of assets matching the current filter, once counted (on a worker).
    total_counted = Signal(int)
    #: A page could not be read (the message is for the user).
    load_failed = Signal(str)
    #: A page read on a worker has been cached (its number); for tests and benchmarks.
    page_loaded = Signal(int)

    def __init__(
        self,
        services: Services,
        parent=None,  # noqa: ANN001
        *,
        batch_size: int = DEFAULT_BATCH_SIZE,
        cache_pages: int = DEFAULT_CACHE_PAGES,
    ):
        super().__init__(parent)
        self._services = services
        self._batch_size = max(1, batch_size)
        self._cache_pages = max(2, cache_pages)
        self._query = AssetQuery(limit=self._batch_size)
        self._pages: OrderedDict[int, tuple[AssetRow, ...]] = OrderedDict()
        self._shown = 0  # rowCount()
        self._revealed = True  # every matching row has a place (nothing more to fetch)
        self._failed = False  # the first page could not be read
        self._error_reported = False  # one message per generation for failing page reads
        self._total: int | None = None
        self._count_task: TaskHandle | None = None
        self._generation = 0
        self._requested: dict[int, None] = {}  # pages data() asked for since the last dispatch, in order
        self._pending: list[int] = []  # pages waiting for a free worker slot
        self._in_flight: dict[int, TaskHandle] = {}
        self._dispatch_timer = QTimer(self)
        self._dispatch_timer.setSingleShot(True)
        self._dispatch_timer.setInterval(0)
        self._dispatch_timer.timeout.connect(self._dispatch)
        self._flag_icon = None

    # --- what is shown ------------------------------------------------------------------------------
    @property
    def query(self) -> AssetQuery:
        """The listing shown (its offset/limit are those of the first page)."""
        return self._query

    @property
    def total(self) -> int | None:
        """The count of the current filter, or ``None`` while it is being counted."""
        return self._total

    @property
    def page_size(self) -> int:
        return self._batch_size

    @property
    def cache_pages(self) -> int:
        return self._cache_pages

    @property
    def cached_pages(self) -> tuple[int, ...]:
        """The numbers of the pages held, least recently used first."""
        return tuple(self._pages)

    @property
    def loaded_rows(self) -> int:
        """Rows held in memory (at most ``cache_pages × batch_size``)."""
        return sum(len(rows) for rows in self._pages.values())

    @property
    def pages_in_flight(self) -> tuple[int, ...]:
        return tuple(self._in_flight)

    @property
    def sort_column(self) -> int:
        return next((i for i, c in enumerate(COLUMNS) if c.sort == self._query.sort), 0)

    @property
    def sort_order(self) -> Qt.SortOrder:
        return Qt.SortOrder.DescendingOrder if self._query.descending else Qt.SortOrder.AscendingOrder

    @staticmethod
    def is_sortable(column: int) -> bool:
        return 0 <= column < len(COLUMNS) and COLUMNS[column].sort is not None

    def cached_row(self, row: int) -> AssetRow | None:
        """The row when its page is cached, else ``None`` (never reads; what views get through data())."""
        if not 0 <= row < self._shown:
            return None
        page, i = divmod(row, self._batch_size)
        rows = self._pages.get(page)
        return rows[i] if rows is not None and i < len(rows) else None

    def row_at(self, row: int) -> AssetRow | None:
        """The row, reading its page synchronously when it is not cached (for one explicit user action).

        ``None`` for a row out of range or when the page cannot be read (``load_failed`` says why).
        Views must use ``data()``, which never blocks.
        """
        cached = self.cached_row(row)
        if cached is not None or not 0 <= row < self._shown:
            return cached
        page, i = divmod(row, self._batch_size)
        rows, error = self._read_page(page)
        if error is not None:
            self.load_failed.emit(error)
            return None
        self._store_page(page, rows)
        return rows[i] if i < len(rows) else None

    def asset_id_at(self, row: int) -> int | None:
        """The id of the asset in that row (reads its page when needed, see :meth:`row_at`)."""
        asset = self.row_at(row)
        return asset.id if asset is not None else None

    def row_of_asset(self, asset_id: int) -> int:
        """The row showing that asset among the cached ones, or -1."""
        for page, rows in self._pages.items():
            for i, r in enumerate(rows):
                if r.id == asset_id:
                    row = page * self._batch_size + i
                    return row if row < self._shown else -1
        return -1

    def all_ids(self) -> list[int]:
        """Every asset id of the current listing, in its order (for "all matching" bulk actions)."""
        return self._services.assets.ids(replace(self._query, offset=0))

    # --- changing the listing -----------------------------------------------------------------------
    def set_filter(
        self, *, search: str | None = None, category: str | None = None, status: str | None = None,
        stage: int | None = None, department: str | None = None, location: str | None = None,
    ) -> None:
        """Show the assets matching these (``None`` or empty: no restriction). Resets the model."""
        self._reload(
            replace(
                self._query,
                search=(search or "").strip() or None,
                category=category or None,
                status=status or None,
                stage=stage or None,
                department=department or None,
                location=location or None,
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
        self._drop_requests()
        self.beginResetModel()
        self._pages.clear()
        self._total = None
        self._error_reported = False
        rows, error = self._read_page(0)
        self._failed = error is not None
        if error is None:
            self._pages[0] = rows
        self._shown = len(rows)
        # A short first page is the whole listing.
        self._revealed = self._failed or len(rows) < self._batch_size
        self.endResetModel()
        if error is not None:
            # Only now: a slot that opens a dialog must not run in the middle of a reset.
            self.load_failed.emit(error)
            return
        self._start_count()

    def _drop_requests(self) -> None:
        self._dispatch_timer.stop()
        self._requested.clear()
        self._pending.clear()
        for handle in self._in_flight.values():
            handle.cancel()
        self._in_flight.clear()

    def _read_page(self, page: int) -> tuple[tuple[AssetRow, ...], str | None]:
        """One page of the listing, or no rows and the message of the error that prevented it."""
        try:
            result = self._services.assets.list(self._page_query(page))
        except ItamError as exc:
            return (), core_text(exc)
        return result.rows, None

    def _page_query(self, page: int) -> AssetQuery:
        return replace(self._query, offset=page * self._batch_size, limit=self._batch_size)

    def _start_count(self) -> None:
        if self._count_task is not None:
            self._count_task.cancel()
        self._total = None
        if self._revealed:
            # Every matching row is loaded already: no need to ask the database again.
            self._on_counted(self._generation, self._shown)
            return
        generation = self._generation
        self._count_task = run_task(
            call_plain(self._services.assets.count),
            replace(self._query, offset=0),
            on_result=lambda n: self._on_counted(generation, n),
            on_error=lambda e: self._on_count_failed(generation, e),
            context=self,
            name="count assets",
        )

    def _on_counted(self, generation: int, total: int) -> None:
        if generation != self._generation:
            return  # a newer filter was set meanwhile
        self._count_task = None
        self._total = total
        self._reveal()
        self.total_counted.emit(total)

    def _on_count_failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self._count_task = None
        if isinstance(error, ItamError):
            self.load_failed.emit(core_text(error))

    def _reveal(self) -> None:
        """Give every counted row its place (the pages are read as they are shown)."""
        if self._revealed or self._total is None:
            return
        self._revealed = True
        total = self._total
        if total > self._shown:
            self.beginInsertRows(QModelIndex(), self._shown, total - 1)
            self._shown = total
            self.endInsertRows()
        elif total < self._shown:  # rows deleted since the first page was read
            self.beginRemoveRows(QModelIndex(), total, self._shown - 1)
            self._shown = total
            self.endRemoveRows()

    def retranslate(self) -> None:
        """The language changed: headers and localised cells read differently now."""
        self._flag_icon = None
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self._shown:
            self.dataChanged.emit(
                self.index(0, 0),
                self.index(self._shown - 1, len(COLUMNS) - 1),
                [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole],
            )

    # --- the page cache -----------------------------------------------------------------------------
    def _request(self, page: int) -> None:
        """data() met a row of a page that is not cached: ask for it at the end of this event-loop pass."""
        self._requested[page] = None
        if not self._dispatch_timer.isActive():
            self._dispatch_timer.start()

    def _dispatch(self) -> None:
        """Read the pages asked for in the last pass; forget the ones asked for before (scrolled away)."""
        wanted = [p for p in self._requested if p not in self._pages]
        self._requested.clear()
        if not wanted:
            return
        # Never more than the cache can hold at once (a caller that asks for every row would thrash it).
        wanted = wanted[: max(1, self._cache_pages // 2)]
        keep = set(wanted)
        for page in [p for p in self._in_flight if p not in keep]:
            self._in_flight.pop(page).cancel()
        self._pending = [p for p in wanted if p not in self._in_flight]
        self._start_pending()

    def _start_pending(self) -> None:
        while self._pending and len(self._in_flight) < MAX_IN_FLIGHT:
            page = self._pending.pop(0)
            if page in self._pages or page in self._in_flight or page * self._batch_size >= self._shown:
                continue
            generation = self._generation
            self._in_flight[page] = run_task(
                _read_page_task,
                self._services,
                self._page_query(page),
                on_result=lambda rows, page=page: self._on_page(generation, page, rows),
                on_error=lambda error, page=page: self._on_page_failed(generation, page, error),
                context=self,
                name=f"asset page {page}",
            )

    def _on_page(self, generation: int, page: int, rows: tuple[AssetRow, ...] | None) -> None:
        if generation != self._generation:
            return  # a page of an older listing
        self._in_flight.pop(page, None)
        if rows is not None:  # None: cancelled before it ran
            self._store_page(page, rows)
            self.page_loaded.emit(page)
        self._start_pending()

    def _on_page_failed(self, generation: int, page: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self._in_flight.pop(page, None)
        if isinstance(error, ItamError) and not self._error_reported:
            self._error_reported = True
            self.load_failed.emit(core_text(error))
        self._start_pending()

    def _store_page(self, page: int, rows: tuple[AssetRow, ...]) -> None:
        self._pages[page] = rows
        self._pages.move_to_end(page)
        while len(self._pages) > self._cache_pages:
            self._pages.popitem(last=False)
        first = page * self._batch_size
        last = min(first + len(rows), self._shown) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))

    # --- QAbstractTableModel ------------------------------------------------------------------------
    def rowCount(self, parent: _ANY_INDEX = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: _ANY_INDEX = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: _ANY_INDEX) -> bool:
        return not parent.isValid() and not self._revealed

    def fetchMore(self, parent: _ANY_INDEX) -> None:
        """The view reached the end of the first page before the count arrived: the count reveals the rest."""
        if not parent.isValid():
            self._reveal()

    def flags(self, index: _ANY_INDEX) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: _ANY_INDEX, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self._shown or index.column() >= len(COLUMNS):
            return None
        page, i = divmod(index.row(), self._batch_size)
        rows = self._pages.get(page)
        if rows is None:
            self._request(page)
            return PLACEHOLDER if role == Qt.ItemDataRole.DisplayRole else None
        if i >= len(rows):
            return None  # the listing shrank since it was counted
        self._pages.move_to_end(page)  # least recently used goes first
        row = rows[i]
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


def _read_page_task(
    services: Services, query: AssetQuery, *, progress: Any, is_cancelled: Any
) -> tuple[AssetRow, ...] | None:
    """One page, on a worker; ``None`` when it was cancelled (scrolled away) before it started."""
    if is_cancelled():
        return None
    return services.assets.list(query).rows
