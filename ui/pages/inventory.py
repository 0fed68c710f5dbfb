"""The inventory page: the asset table with search and filters.

The table model shows a window of cached pages over the whole listing (pages are read on workers as they
are shown) and counts on a worker; sorting and filtering are done in SQL.
Double-clicking an asset opens its details and history.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer, Slot
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QStyle,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from itam.errors import ItamError
from itam.fields import categories
from itam.lifecycle import default_lifecycle
from itam.services import Services
from ui import i18n
from ui.dialogs.asset_dialog import AssetDialog
from ui.models.asset_table import AssetIdRole, AssetTableModel
from ui.pages import Page
from ui.settings import Settings

#: Milliseconds of quiet typing before the search runs.
SEARCH_DELAY_MS = 250
#: Widest a column gets when fitted to its contents (the user can widen it further).
MAX_COLUMN_WIDTH = 260


class InventoryPage(Page):
    """Inventory listing; double-click an asset to see its details and history.

    ``count_label`` belongs to the page but is meant for the window's status bar (the main window puts it
    there), so that the number of assets stays visible whatever page is open.
    """

    key = "inventory"

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
            QMessageBox.warning(self, self.tr("Cannot open the asset"), str(exc))
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
