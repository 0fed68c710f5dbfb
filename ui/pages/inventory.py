"""The inventory page: the asset table with search and filters.

The table model shows a window of cached pages over the whole listing (pages are read on workers as they
are shown) and counts on a worker; sorting and filtering are done in SQL.
Double-clicking an asset opens its details and history.
"""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace

from PySide6.QtCore import QEvent, QModelIndex, QPoint, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFileDialog,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QStyle,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from itam import security
from itam.errors import ItamError
from itam.fields import categories
from itam.lifecycle import default_lifecycle
from itam.services import AssetQuery, Services
from ui import access, i18n
from ui.dialogs.asset_dialog import AssetDialog
from ui.i18n import core_text
from ui.models.asset_table import AssetIdRole, AssetTableModel
from ui.pages import Page
from ui.settings import Settings
from ui.workers import call_plain, run_task

#: Milliseconds of quiet typing before the search runs.
SEARCH_DELAY_MS = 250
#: Rows whose ids a bulk action reads one page at a time; selecting every row uses the listing's ids instead.
MAX_SELECTED_READ = 10_000
#: Widest a column gets when fitted to its contents (the user can widen it further).
MAX_COLUMN_WIDTH = 260


class InventoryPage(Page):
    """Inventory listing; double-click an asset to see its details and history.

    ``count_label`` belongs to the page but is meant for the window's status bar (the main window puts it
    there), so that the number of assets stays visible whatever page is open.
    """

    key = "inventory"
    #: Assets were moved from this page (other pages' lists change).
    assets_moved = Signal()

    def __init__(self, services: Services, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.setObjectName("inventory_page")
        self._dialogs: list[AssetDialog] = []
        self._error_box: QMessageBox | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self._build_filter_bar()
        self._build_table()
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.filter_bar_2)
        layout.addWidget(self.table, 1)

        self.count_label = QLabel()
        self.count_label.setObjectName("count_label")
        self.retranslate()

        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.on_search_timer_timeout)

        columns_restored = self._restore_columns(settings)
        # Enabling sorting sorts by the header's indicator, which loads the first batch.
        self.table.setSortingEnabled(True)
        if not columns_restored:
            self._fit_columns()

    # --- building -----------------------------------------------------------------------------------
    def _build_filter_bar(self) -> None:
        bar = QToolBar(self)
        bar.setObjectName("filter_toolbar")
        bar.setMovable(False)
        self.filter_bar = bar

        self.search_edit = QLineEdit(bar)
        self.search_edit.setObjectName("search_edit")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(340)
        self.search_edit.textChanged.connect(self.on_search_edit_textChanged)
        self.search_edit.returnPressed.connect(self.on_search_edit_returnPressed)
        bar.addWidget(self.search_edit)
        bar.addSeparator()

        self.category_label = QLabel(bar)
        self.category_combo = QComboBox(bar)
        self.category_combo.setObjectName("category_combo")
        self.category_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.category_combo.addItem("", None)
        for key in categories():
            self.category_combo.addItem("", key)
        self.category_label.setBuddy(self.category_combo)
        self.category_combo.currentIndexChanged.connect(self.on_filter_combo_changed)
        bar.addWidget(self.category_label)
        bar.addWidget(self.category_combo)

        self.status_label = QLabel(bar)
        self.status_combo = QComboBox(bar)
        self.status_combo.setObjectName("status_combo")
        self.status_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.status_combo.addItem("", None)
        for key in default_lifecycle().statuses:
            self.status_combo.addItem("", key)
        self.status_label.setBuddy(self.status_combo)
        self.status_combo.currentIndexChanged.connect(self.on_filter_combo_changed)
        bar.addWidget(self.status_label)
        bar.addWidget(self.status_combo)

        # A second row, so that the filters fit a 1280-pixel window.
        bar = QToolBar(self)
        bar.setObjectName("filter_toolbar_2")
        bar.setMovable(False)
        self.filter_bar_2 = bar
        self.stage_combo = self._filter_combo(bar, "stage_combo", [(n, n) for n in range(6, 0, -1)])
        self.department_combo = self._filter_combo(bar, "department_combo", [])
        self.location_combo = self._filter_combo(bar, "location_combo", [])
        self.stage_label, self.department_label, self.location_label = QLabel(bar), QLabel(bar), QLabel(bar)
        for label, combo in ((self.stage_label, self.stage_combo), (self.department_label, self.department_combo),
                             (self.location_label, self.location_combo)):
            label.setBuddy(combo)
            bar.addWidget(label)
            bar.addWidget(combo)
        # Departments and locations come from the data, read on a worker.
        run_task(call_plain(self.services.metrics.slice_choices), on_result=self.on_slice_choices,
                 context=self, name="inventory filter choices")

    def _filter_combo(self, bar: QToolBar, name: str, items: list[tuple[str | int, object]]) -> QComboBox:
        combo = QComboBox(bar)
        combo.setObjectName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.addItem("", None)
        for text, data in items:
            combo.addItem(str(text), data)
        combo.currentIndexChanged.connect(self.on_filter_combo_changed)
        return combo

    def on_slice_choices(self, choices: tuple) -> None:
        departments, locations, _categories = choices
        for combo, values in ((self.department_combo, departments), (self.location_combo, locations)):
            blocked = combo.blockSignals(True)
            for value in values:
                combo.addItem(value, value)
            combo.blockSignals(blocked)

    def _build_table(self) -> None:
        self.model = AssetTableModel(self.services, self)
        self.model.total_counted.connect(self.on_model_total_counted)
        self.model.load_failed.connect(self.on_model_load_failed)
        self.model.modelReset.connect(self.on_model_reset)

        table = QTableView(self)
        table.setObjectName("inventory_table")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
        header = table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        header.sortIndicatorChanged.connect(self.on_header_sortIndicatorChanged)
        table.activated.connect(self.on_table_activated)
        # Right-click: what to do with the selected assets; on the header: which columns to show.
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self.on_table_context_menu)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self.on_header_context_menu)
        self.table = table

    def _fit_columns(self) -> None:
        """Widths that fit the headers and the first batch, before the user sets their own."""
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for section in range(header.count()):
            if header.sectionSize(section) > MAX_COLUMN_WIDTH:
                header.resizeSection(section, MAX_COLUMN_WIDTH)

    # --- Page ---------------------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Inventory")

    def icon(self) -> QIcon:
        return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogDetailedView)

    def refresh(self) -> None:
        """Read the current listing again (after changes made elsewhere, e.g. by discovery)."""
        self.model.refresh()

    def _restore_columns(self, settings: Settings) -> bool:
        """The column layout from last time; ``False`` when none was saved."""
        header = self.table.horizontalHeader()
        header_state = settings.inventory_header_state
        restored = not header_state.isEmpty() and header.restoreState(header_state)
        if not self.model.is_sortable(header.sortIndicatorSection()):
            header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        return restored

    def save_settings(self, settings: Settings) -> None:
        settings.inventory_header_state = self.table.horizontalHeader().saveState()

    def shutdown(self) -> None:
        for dialog in list(self._dialogs):
            dialog.close()

    # --- texts --------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        """Set every user-visible text (again after a language switch)."""
        self.filter_bar.setWindowTitle(self.tr("Search and filters"))
        self.search_edit.setPlaceholderText(self.tr("Search tag, serial, hostname, MAC, model, user…"))
        self.search_edit.setToolTip(
            self.tr("Matches asset tag, serial number, hostname, manufacturer, model, MAC or IP address and user")
        )
        self.category_label.setText(self.tr(" &Category: "))
        self.status_label.setText(self.tr(" &Status: "))
        self.category_combo.setItemText(0, self.tr("All categories"))
        for i in range(1, self.category_combo.count()):
            self.category_combo.setItemText(i, i18n.category_name(self.category_combo.itemData(i)))
        self.status_combo.setItemText(0, self.tr("All statuses"))
        for i in range(1, self.status_combo.count()):
            self.status_combo.setItemText(i, i18n.status_name(self.status_combo.itemData(i)))
        self.stage_label.setText(self.tr(" S&tage: "))
        self.department_label.setText(self.tr(" &Department: "))
        self.location_label.setText(self.tr(" &Location: "))
        self.stage_combo.setItemText(0, self.tr("All stages"))
        for i in range(1, self.stage_combo.count()):
            self.stage_combo.setItemText(i, stage_label(self.stage_combo.itemData(i)))
        self.department_combo.setItemText(0, self.tr("All departments"))
        self.location_combo.setItemText(0, self.tr("All locations"))
        self.table.setToolTip(self.tr("Double-click or Enter opens an asset; right-click acts on the selected ones"))
        self._show_count(self.model.total)

    def _show_count(self, total: int | None) -> None:
        if total is None:
            self.count_label.setText(self.tr("Counting assets…"))
        elif total == 1:
            self.count_label.setText(self.tr("1 asset"))
        else:
            self.count_label.setText(self.tr("%Ln assets", "", total))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.model.retranslate()
        super().changeEvent(event)

    # --- filtering ----------------------------------------------------------------------------------
    def apply_filters(self) -> None:
        """Query the listing for the current search text and combo choices now."""
        self.search_timer.stop()
        self.model.set_filter(
            search=self.search_edit.text(),
            category=self.category_combo.currentData(),
            status=self.status_combo.currentData(),
            stage=self.stage_combo.currentData(),
            department=self.department_combo.currentData(),
            location=self.location_combo.currentData(),
        )

    @Slot(str)
    def on_search_edit_textChanged(self, _text: str) -> None:  # noqa: N802
        self.search_timer.start()

    @Slot()
    def on_search_edit_returnPressed(self) -> None:  # noqa: N802
        self.apply_filters()

    @Slot()
    def on_search_timer_timeout(self) -> None:
        self.apply_filters()

    @Slot(int)
    def on_filter_combo_changed(self, _index: int) -> None:
        self.apply_filters()

    @Slot(int, Qt.SortOrder)
    def on_header_sortIndicatorChanged(self, section: int, _order: Qt.SortOrder) -> None:  # noqa: N802
        # The view asks the model to sort whatever header is clicked; the model ignores columns SQL
        # cannot sort by, so put the arrow back where the rows really are sorted.
        if not self.model.is_sortable(section):
            header = self.table.horizontalHeader()
            blocked = header.blockSignals(True)
            header.setSortIndicator(self.model.sort_column, self.model.sort_order)
            header.blockSignals(blocked)
            header.viewport().update()

    # --- model feedback -----------------------------------------------------------------------------
    @Slot()
    def on_model_reset(self) -> None:
        self._show_count(self.model.total)

    @Slot(int)
    def on_model_total_counted(self, total: int) -> None:
        self._show_count(total)

    @Slot(str)
    def on_model_load_failed(self, message: str) -> None:
        self.count_label.setText(self.tr("Inventory not read"))
        self.status_message.emit(message, 15_000)
        # Not exec(): no nested event loop inside whatever asked the model for rows.
        if self._error_box is None:
            self._error_box = QMessageBox(QMessageBox.Icon.Warning, "", "", QMessageBox.StandardButton.Close, self)
            self._error_box.finished.connect(self.on_error_box_finished)
        self._error_box.setWindowTitle(self.tr("Cannot read the inventory"))
        self._error_box.setText(message)
        self._error_box.open()

    @Slot()
    def on_error_box_finished(self) -> None:
        if self._error_box is not None:
            self._error_box.deleteLater()
            self._error_box = None

    # --- assets -------------------------------------------------------------------------------------
    @Slot(QModelIndex)
    def on_table_activated(self, index: QModelIndex) -> None:
        # A row whose page is not cached (yet) has no id in the view: read it for this one action.
        asset_id = index.data(AssetIdRole)
        if asset_id is None and index.isValid():
            asset_id = self.model.asset_id_at(index.row())
        if asset_id is not None:
            self.open_asset(asset_id)

    def open_asset(self, asset_id: int) -> AssetDialog | None:
        """Show one asset's details and history in a dialog (several may be open at once)."""
        try:
            detail = self.services.assets.get(asset_id)
        except ItamError as exc:
            QMessageBox.warning(self, self.tr("Cannot open the asset"), core_text(exc))
            return None
        dialog = AssetDialog(detail, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self.on_asset_dialog_finished)
        self._dialogs.append(dialog)
        dialog.show()
        return dialog

    @Slot()
    def on_asset_dialog_finished(self) -> None:
        dialog = self.sender()
        if dialog in self._dialogs:
            self._dialogs.remove(dialog)

    # --- columns ------------------------------------------------------------------------------------
    @Slot(QPoint)
    def on_header_context_menu(self, pos: QPoint) -> None:
        self.build_columns_menu().popup(self.table.horizontalHeader().mapToGlobal(pos))

    def build_columns_menu(self) -> QMenu:
        """A checkable entry per column: unticked columns are hidden (the layout is saved with the window)."""
        header = self.table.horizontalHeader()
        menu = QMenu(self)
        menu.setObjectName("columns_menu")
        for section in range(self.model.columnCount()):
            action = menu.addAction(self.model.headerData(section, Qt.Orientation.Horizontal))
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(section))
            # The last visible column stays: a table without columns cannot be clicked to bring them back.
            action.setEnabled(header.isSectionHidden(section) or header.count() - header.hiddenSectionCount() > 1)
            action.toggled.connect(lambda on, s=section: header.setSectionHidden(s, not on))
        self.columns_menu = menu
        return menu

    # --- the selected assets ------------------------------------------------------------------------
    def selected_ids(self) -> list[int]:
        """The ids of the selected rows; every matching asset when all rows are selected."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        total = self.model.total
        if rows and total is not None and len(rows) >= total:
            return self.model.all_ids()
        ids = [self.model.asset_id_at(r) for r in rows[:MAX_SELECTED_READ]]
        return [i for i in ids if i is not None]

    @Slot(QPoint)
    def on_table_context_menu(self, pos: QPoint) -> None:
        menu = self.build_selection_menu()
        if menu is not None:
            menu.popup(self.table.viewport().mapToGlobal(pos))

    def build_selection_menu(self) -> QMenu | None:
        """Open, move through a transition allowed for every selected asset, add to a batch, export."""
        ids = self.selected_ids()
        if not ids:
            return None
        rows = [r for r in (self.model.cached_row(i.row()) for i in self.table.selectionModel().selectedRows()) if r]
        statuses = {r.status for r in rows}
        lifecycle = default_lifecycle()
        menu = QMenu(self)
        menu.setObjectName("selection_menu")
        if len(ids) == 1:
            menu.addAction(self.tr("&Open"), lambda: self.open_asset(ids[0]))
        move_menu = menu.addMenu(self.tr("&Move {n} asset(s) to").format(n=len(ids)))
        allowed = None
        for status in statuses:
            keys = {t.key for t in lifecycle.allowed_from(status)}
            allowed = keys if allowed is None else allowed & keys
        for key in sorted(allowed or (), key=lambda k: list(lifecycle.transitions).index(k)):
            t = lifecycle.transitions[key]
            move_menu.addAction(i18n.transition_name(key), lambda t=t: self.start_move(t, ids, rows))
        move_menu.setEnabled(bool(allowed))
        assign = menu.addAction(self.tr("&Assign to…"), lambda: self.assign(ids))
        batch = menu.addAction(self.tr("Add to ITAD &batch…"), lambda: self.add_to_batch(ids))
        export = menu.addAction(self.tr("&Export selected…"), lambda: self.export_selected(ids))
        audit = menu.addAction(self.tr("A&udit {n} asset(s)…").format(n=len(ids)), lambda: self.audit_selected(ids))
        audit.setToolTip(self.tr("Credentialed audit (SNMP, SSH or WinRM) of the selected assets at their IP addresses"))
        # What the user's role does not allow is greyed out, its tooltip naming the role it needs.
        menu.setToolTipsVisible(True)
        access.gate(move_menu.menuAction(), self.services, security.ASSET_MOVE, bool(allowed))
        access.gate(assign, self.services, security.ASSET_EDIT)
        access.gate(batch, self.services, security.BATCHES)
        access.gate(export, self.services, security.EXPORT)
        access.gate(audit, self.services, security.DISCOVERY)
        self.selection_menu = menu
        return menu

    def audit_selected(self, ids: list[int]) -> None:
        """The Audit dialog for the selected assets (at their recorded IP addresses); the listing refreshes after."""
        from ui.dialogs.audit_dialog import ASSETS, AuditDialog

        dialog = AuditDialog(self.services, ASSETS, list(ids), self.tr("{n} selected asset(s)").format(n=len(ids)),
                             self)
        dialog.audited.connect(lambda _run: (self.refresh(), self.assets_moved.emit()))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.audit_dialog = dialog
        dialog.open()

    def start_move(self, transition, ids: list[int], rows: list) -> None:  # noqa: ANN001 - Transition, AssetRow
        """The lifecycle move dialog for the selection; all of them move, or none does."""
        from ui.pages.lifecycle import MoveDialog

        items = [SimpleNamespace(id=r.id, asset_tag=r.asset_tag, category=r.category, manufacturer=r.manufacturer,
                                 model=r.model, status=r.status) for r in rows if r.id in set(ids)]
        if len(items) != len(ids):
            items = [SimpleNamespace(id=i, asset_tag=f"#{i}", category="", manufacturer=None, model=None, status="")
                     for i in ids]
        dialog = MoveDialog(transition, items, self.services.parties.list(), self)
        dialog.move_requested.connect(lambda kwargs: self._run_move(transition, ids, kwargs))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.move_dialog = dialog
        dialog.open()

    def _run_move(self, transition, ids: list[int], kwargs: dict) -> None:  # noqa: ANN001 - Transition
        lifecycle = self.services.lifecycle

        def work(*, progress, is_cancelled):  # noqa: ANN001, ANN202 - a worker's signature
            if len(ids) == 1:
                return lifecycle.move(ids[0], transition.target, transition=transition.key, **kwargs)
            return lifecycle.move_many(ids, transition.target, progress=progress, is_cancelled=is_cancelled,
                                       **{k: v for k, v in kwargs.items() if k in ("reason", "party", "occurred_at")})

        def done(_result: object) -> None:
            self.status_message.emit(self.tr("Moved {n} asset(s) to “{target}”.").format(
                n=len(ids), target=i18n.status_name(transition.target)), 10_000)
            self.refresh()
            self.assets_moved.emit()

        def failed(error: BaseException) -> None:
            QMessageBox.warning(self, self.tr("Nothing was moved"), core_text(error))

        run_task(work, on_result=done, on_error=failed, context=self, name="inventory move")

    def assign(self, ids: list[int], person: str | None = None) -> None:
        """Assign the selected assets to one person (name or e-mail), all or none, with a reason."""
        if person is None:
            person, ok = QInputDialog.getText(self, self.tr("Assign to"), self.tr(
                "Person (name or e-mail) for {n} asset(s); empty removes the assignment:").format(n=len(ids)))
            if not ok:
                return
        reason = self.tr("Assigned from the inventory")

        def done(count: int) -> None:
            self.status_message.emit(self.tr("Assigned {n} asset(s).").format(n=count), 10_000)
            self.refresh()

        run_task(call_plain(self.services.assets.update_many), ids, {"assignee": person.strip()}, reason=reason,
                 on_result=done, on_error=lambda e: QMessageBox.warning(self, self.tr("Nothing was assigned"), core_text(e)),
                 context=self, name="inventory assign")

    def add_to_batch(self, ids: list[int]) -> None:
        """Put the selected assets on an open ITAD batch's manifest (by serial)."""
        batches = [b for b in self.services.custody.list(status="open")]
        if not batches:
            QMessageBox.information(self, self.tr("No open batch"),
                                    self.tr("Create a batch on the Batches & custody page first."))
            return
        number, ok = QInputDialog.getItem(self, self.tr("Add to ITAD batch"), self.tr("Batch:"),
                                          [b.number for b in batches], 0, False)
        if not ok:
            return
        rows = self.services.assets.list(AssetQuery(ids=tuple(ids), limit=len(ids)))
        serials = [r.serial for r in rows.rows if r.serial]
        try:
            self.services.custody.add(number, serials)
        except ItamError as exc:
            QMessageBox.warning(self, self.tr("Not added"), core_text(exc))
            return
        missing = len(ids) - len(serials)
        text = self.tr("Added {n} asset(s) to batch {batch}.").format(n=len(serials), batch=number)
        if missing:
            text += " " + self.tr("{n} without a serial number were left out.").format(n=missing)
        self.status_message.emit(text, 10_000)

    def export_selected(self, ids: list[int]) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the selected assets"), "assets.xlsx",
                                              self.tr("Excel workbook (*.xlsx);;CSV file (*.csv)"))
        if not path:
            return
        query = replace(self.model.query, ids=tuple(ids), offset=0)

        def done(result: object) -> None:
            self.status_message.emit(self.tr("Exported {rows} assets to {file}").format(
                rows=getattr(result, "rows", len(ids)), file=path), 10_000)

        run_task(self.services.transfer.export, path, query, on_result=done,
                 on_error=lambda e: QMessageBox.warning(self, self.tr("Export failed"), core_text(e)),
                 context=self, name="export selection")


def stage_label(number: int) -> str:
    from itam.metrics.labels import stage_name

    return stage_name(number, i18n.current_language())
