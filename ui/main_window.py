"""The main window: a navigation list on the left and one page per entry (inventory, discovery …).

The window talks to the core only through :class:`Services`, which it hands to its pages. It owns the
menus, the status bar and the window geometry; each page owns its own widgets, models and workers.
The dashboard comes first; pages are added in :meth:`MainWindow._build_pages` (Ctrl+1 … follow their order).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QStyle,
    QToolBar,
    QWidget,
)

import itam
from itam.services import Services
from ui import i18n
from ui.dialogs.asset_dialog import AssetDialog
from ui.i18n import core_text
from ui.pages import Page
from ui.pages.batches import BatchesPage
from ui.pages.certificates import CertificatesPage
from ui.pages.dashboard import DashboardPage
from ui.pages.discovery import DiscoveryPage
from ui.pages.inventory import InventoryPage
from ui.pages.lifecycle import LifecyclePage
from ui.pages.reports import ReportsPage
from ui.pages.sanitization import SanitizationPage
from ui.pages.settings_page import SettingsPage
from ui.settings import Settings

#: Extra room beside the widest navigation entry (icon, frame, margins).
NAVIGATION_PADDING = 44


class MainWindow(QMainWindow):
    """Navigation between the pages; menus, status bar and the saved window layout."""

    def __init__(self, services: Services, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.settings = settings
        self.setObjectName("MainWindow")
        # An explicit minimum keeps the layout from recomputing the window's minimum size whenever a
        # status-bar text changes (which platform plugins such as "offscreen" warn about).
        self.setMinimumSize(720, 420)

        self._build_pages()
        self._build_actions()
        self._build_menus()
        self._build_status_bar()
        self.retranslate()
        self.apply_permissions()
        self._restore_settings()

    # --- building -----------------------------------------------------------------------------------
    def _build_pages(self) -> None:
        self.dashboard = DashboardPage(self.services, self.settings, self)
        self.dashboard.asset_requested.connect(self.on_asset_requested)
        self.dashboard.inventory_requested.connect(self.on_inventory_requested)
        self.inventory = InventoryPage(self.services, self.settings, self)
        self.inventory.assets_moved.connect(self.on_discovery_assets_changed)
        self.discovery = DiscoveryPage(self.services, self.settings, self)
        # Accepting a device, a scan's sightings or marking assets missing change the inventory.
        self.discovery.assets_changed.connect(self.on_discovery_assets_changed)
        self.lifecycle = LifecyclePage(self.services, self.settings, self)
        self.lifecycle.assets_changed.connect(self.on_discovery_assets_changed)
        # Wipe records and imports (which may create assets) change what the inventory shows too.
        self.sanitization = SanitizationPage(self.services, self.settings, self)
        self.sanitization.assets_changed.connect(self.on_discovery_assets_changed)
        self.batches = BatchesPage(self.services, self.settings, self)
        self.batches.assets_changed.connect(self.on_discovery_assets_changed)
        self.certificates = CertificatesPage(self.services, self.settings, self)
        self.reports = ReportsPage(self.services, self.settings, self)
        # Not "self.settings": that is the Settings object every page shares.
        self.settings_page = SettingsPage(self.services, self.settings, self)
        self.settings_page.fiscal_year_start_month_changed.connect(self.dashboard.selector.set_first_month)
        self.settings_page.fiscal_year_start_month_changed.connect(self.reports.selector.set_first_month)
        self.settings_page.policy_saved.connect(self.lifecycle.refresh)
        # An administrator changed users or roles (perhaps their own): what each page offers may change.
        self.settings_page.users_changed.connect(self.apply_permissions)
        self.pages: list[Page] = [self.dashboard, self.inventory, self.discovery, self.lifecycle, self.sanitization,
                                  self.batches, self.certificates, self.reports, self.settings_page]

        self.navigation = QListWidget(self)
        self.navigation.setObjectName("navigation")
        self.navigation.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.navigation.setIconSize(QSize(20, 20))
        self.navigation.setSpacing(2)
        self.stack = QStackedWidget(self)
        self.stack.setObjectName("pages")
        for page in self.pages:
            item = QListWidgetItem(page.icon(), "")
            item.setData(Qt.ItemDataRole.UserRole, page.key)
            item.setSizeHint(QSize(0, self.navigation.fontMetrics().height() + 16))
            self.navigation.addItem(item)
            self.stack.addWidget(page)
            page.status_message.connect(self.on_page_status_message)
        self.navigation.currentRowChanged.connect(self.on_navigation_currentRowChanged)

        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

    def _build_actions(self) -> None:
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)

        self.import_action = QAction(self)
        self.import_action.setObjectName("import_action")
        self.import_action.setShortcut(QKeySequence("Ctrl+I"))
        self.import_action.triggered.connect(self.on_import_action_triggered)
        self.export_action = QAction(self)
        self.export_action.setObjectName("export_action")
        self.export_action.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.export_action.triggered.connect(self.on_export_action_triggered)

        self.backup_action = QAction(self)
        self.backup_action.setObjectName("backup_action")
        self.backup_action.triggered.connect(self.on_backup_action_triggered)
        self.restore_action = QAction(self)
        self.restore_action.setObjectName("restore_action")
        self.restore_action.triggered.connect(self.on_restore_action_triggered)

        self.refresh_action = QAction(self)
        self.refresh_action.setShortcut(QKeySequence("F5"))
        self.refresh_action.triggered.connect(self.on_refresh_action_triggered)

        self.about_action = QAction(self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.on_about_action_triggered)

        # Ctrl+1, Ctrl+2 … open the pages in navigation order.
        self.page_group = QActionGroup(self)
        self.page_group.setExclusive(True)
        self.page_actions: list[QAction] = []
        for number, page in enumerate(self.pages, start=1):
            action = QAction(self.page_group)
            action.setCheckable(True)
            action.setData(page.key)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            self.page_actions.append(action)
        self.page_group.triggered.connect(self.on_page_group_triggered)

        self.language_group = QActionGroup(self)
        self.language_group.setExclusive(True)
        self.language_actions: dict[str, QAction] = {}
        for code, native_name in i18n.LANGUAGES.items():
            action = QAction(native_name, self.language_group)
            action.setCheckable(True)
            action.setData(code)
            action.setChecked(code == i18n.current_language())
            self.language_actions[code] = action
        self.language_group.triggered.connect(self.on_language_group_triggered)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.addAction(self.import_action)
        self.file_menu.addAction(self.export_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.backup_action)
        self.file_menu.addAction(self.restore_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.view_menu = bar.addMenu("")
        for action in self.page_actions:
            self.view_menu.addAction(action)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.refresh_action)
        self.view_menu.addSeparator()
        self.language_menu = self.view_menu.addMenu("")
        for action in self.language_actions.values():
            self.language_menu.addAction(action)
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self.about_action)

        # The main toolbar: the everyday file actions and refresh, with the standard icons.
        style = QApplication.style()
        self.main_toolbar = QToolBar(self)
        self.main_toolbar.setObjectName("main_toolbar")  # saveState/restoreState find it by name
        self.main_toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.import_action.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_DialogOpenButton))
        self.export_action.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_DialogSaveButton))
        self.refresh_action.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_BrowserReload))
        for action in (self.import_action, self.export_action, self.refresh_action):
            self.main_toolbar.addAction(action)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.main_toolbar)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.database_label = QLabel()
        self.database_label.setObjectName("database_label")
        self.database_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.user_label = QLabel()
        self.user_label.setObjectName("user_label")
        bar.addWidget(self.database_label, 1)
        bar.addPermanentWidget(self.user_label)
        bar.addPermanentWidget(self.inventory.count_label)

    # --- pages --------------------------------------------------------------------------------------
    @property
    def current_page(self) -> Page:
        return self.stack.currentWidget()  # type: ignore[return-value]

    def show_page(self, key: str) -> Page:
        """Open the page with that key (``inventory``, ``discovery`` …)."""
        for row, page in enumerate(self.pages):
            if page.key == key:
                self.navigation.setCurrentRow(row)
                return page
        raise KeyError(key)

    @Slot(int)
    def on_navigation_currentRowChanged(self, row: int) -> None:  # noqa: N802
        if not 0 <= row < len(self.pages):
            return
        self.stack.setCurrentIndex(row)
        self.page_actions[row].setChecked(True)

    @Slot(QAction)
    def on_page_group_triggered(self, action: QAction) -> None:
        self.show_page(action.data())

    @Slot(str, int)
    def on_page_status_message(self, text: str, msecs: int) -> None:
        self.statusBar().showMessage(text, msecs)

    @Slot()
    def on_discovery_assets_changed(self) -> None:
        self.inventory.refresh()
        self.lifecycle.refresh()

    @Slot(str)
    def on_asset_requested(self, ref: str) -> None:
        """Open an asset named by its tag or serial (the dashboard's findings)."""
        from itam.errors import ItamError

        try:
            asset_id = self.services.assets.get(ref, with_history=False).id
        except ItamError as exc:
            QMessageBox.warning(self, self.tr("Cannot open the asset"), core_text(exc))
            return
        self.inventory.open_asset(asset_id)

    @Slot(str)
    def on_inventory_requested(self, text: str) -> None:
        """Show the inventory searched for ``text``."""
        self.show_page("inventory")
        self.inventory.search_edit.setText(text)
        self.inventory.apply_filters()

    # The inventory page's parts, as the window had them before it had pages (tests and callers use them).
    @property
    def model(self):  # noqa: ANN201 - AssetTableModel
        return self.inventory.model

    @property
    def table(self):  # noqa: ANN201 - QTableView
        return self.inventory.table

    @property
    def search_edit(self):  # noqa: ANN201 - QLineEdit
        return self.inventory.search_edit

    @property
    def category_combo(self):  # noqa: ANN201 - QComboBox
        return self.inventory.category_combo

    @property
    def status_combo(self):  # noqa: ANN201 - QComboBox
        return self.inventory.status_combo

    @property
    def count_label(self) -> QLabel:
        return self.inventory.count_label

    @property
    def _error_box(self) -> QMessageBox | None:
        return self.inventory._error_box

    @property
    def _dialogs(self) -> list[AssetDialog]:
        return self.inventory._dialogs

    def open_asset(self, asset_id: int) -> AssetDialog | None:
        """Show one asset's details and history (see :meth:`InventoryPage.open_asset`)."""
        return self.inventory.open_asset(asset_id)

    # --- texts --------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        """Set every user-visible text (again after a language switch); pages translate themselves."""
        self.setWindowTitle(self.tr("itam — IT asset circularity"))
        self.file_menu.setTitle(self.tr("&File"))
        self.view_menu.setTitle(self.tr("&View"))
        self.main_toolbar.setWindowTitle(self.tr("Main toolbar"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.quit_action.setText(self.tr("&Quit"))
        self.import_action.setText(self.tr("&Import spreadsheet…"))
        self.import_action.setStatusTip(self.tr("Add or update assets from a CSV or XLSX file, after a preview"))
        self.export_action.setText(self.tr("&Export inventory…"))
        self.export_action.setStatusTip(self.tr("Save the assets the inventory page lists (filters and sort) as CSV or XLSX"))
        self.backup_action.setText(self.tr("&Back up the database…"))
        self.backup_action.setStatusTip(self.tr("Copy the whole inventory to a file while it stays in use, checked before it is kept"))
        self.restore_action.setText(self.tr("Res&tore from a backup…"))
        self.restore_action.setStatusTip(self.tr("Replace the inventory with a checked backup; the database as it was is kept"))
        self.refresh_action.setText(self.tr("&Refresh"))
        self.refresh_action.setStatusTip(self.tr("Read the open page again from the database"))
        self.about_action.setText(self.tr("&About itam"))
        self.navigation.setAccessibleName(self.tr("Pages"))
        widest = 0
        metrics = self.navigation.fontMetrics()
        for row, page in enumerate(self.pages):
            title = page.title()
            self.navigation.item(row).setText(title)
            self.navigation.item(row).setToolTip(
                self.tr("{page} ({shortcut})").format(
                    page=title, shortcut=self.page_actions[row].shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                )
            )
            self.page_actions[row].setText(title)
            widest = max(widest, metrics.horizontalAdvance(title))
        self.navigation.setFixedWidth(max(120, widest + self.navigation.iconSize().width() + NAVIGATION_PADDING))
        self.database_label.setText(self.tr("Database: {url}").format(url=self.services.db.display_url))
        self.database_label.setToolTip(self.services.db.display_url)
        warnings = getattr(self.services.db, "warnings", None)
        if warnings:  # e.g. a SQLite file on a network share: say so for as long as the window is open
            self.database_label.setText(self.tr("⚠ Database: {url} (see the warning)").format(url=self.services.db.display_url))
            self.database_label.setToolTip(i18n.core_lines(warnings, "\n\n"))
        self._show_user()
        for code, action in self.language_actions.items():
            action.setChecked(code == i18n.current_language())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            # After every page has set its own texts again: the refusals' tooltips in the new language.
            QTimer.singleShot(0, self, self.apply_permissions)
        super().changeEvent(event)

    # --- settings -----------------------------------------------------------------------------------
    def _restore_settings(self) -> None:
        """Geometry, toolbars and the page that was open last time."""
        geometry = self.settings.main_window_geometry
        if geometry.isEmpty() or not self.restoreGeometry(geometry):
            self.resize(1280, 760)
        state = self.settings.main_window_state
        if not state.isEmpty():
            self.restoreState(state)
        for page in self.pages:
            page.restore_settings(self.settings)
        keys = [page.key for page in self.pages]
        saved = self.settings.main_window_page
        self.navigation.setCurrentRow(keys.index(saved) if saved in keys else 0)

    def save_settings(self) -> None:
        self.settings.main_window_geometry = self.saveGeometry()
        self.settings.main_window_state = self.saveState()
        self.settings.main_window_page = self.current_page.key
        for page in self.pages:
            page.save_settings(self.settings)
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.save_settings()
        for page in self.pages:
            page.shutdown()
        super().closeEvent(event)

    # --- actions ------------------------------------------------------------------------------------
    @Slot()
    def on_import_action_triggered(self) -> None:
        """File → Import spreadsheet…: a preview first, then all or nothing; the inventory shows the result."""
        from ui.dialogs.import_dialog import ImportDialog

        dialog = ImportDialog(self.services, self)
        dialog.imported.connect(lambda result: self._after_import(result))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.import_dialog = dialog

    def _after_import(self, result: object) -> None:
        self.on_discovery_assets_changed()
        self.show_page("inventory")
        self.statusBar().showMessage(self.tr("Imported: {created} new assets, {updated} changed, {skipped} rows skipped.")
                                     .format(created=result.created, updated=result.updated, skipped=result.skipped),
                                     10_000)

    @Slot()
    def on_export_action_triggered(self) -> None:
        """File → Export inventory…: what the inventory page lists, every row, to CSV or XLSX on a worker."""
        from PySide6.QtWidgets import QFileDialog

        from ui.workers import run_task

        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the inventory"), "inventory.xlsx",
                                              self.tr("Excel workbook (*.xlsx);;CSV file (*.csv)"))
        if not path:
            return
        query = self.inventory.model.query
        self.statusBar().showMessage(self.tr("Exporting to {file}…").format(file=path))

        def done(result: object) -> None:
            self.statusBar().showMessage(self.tr("Exported {rows} assets to {file}").format(
                rows=getattr(result, "rows", "?"), file=path), 10_000)

        def failed(error: BaseException) -> None:
            QMessageBox.warning(self, self.tr("Export failed"), core_text(error))
            self.statusBar().clearMessage()

        run_task(self.services.transfer.export, path, query, on_result=done, on_error=failed,
                 context=self, name="export inventory")

    @Slot()
    def on_backup_action_triggered(self) -> None:
        self._open_backup_dialog("backup")

    @Slot()
    def on_restore_action_triggered(self) -> None:
        self._open_backup_dialog("restore")

    def _open_backup_dialog(self, mode: str) -> None:
        from ui.dialogs.backup_dialog import BackupDialog

        dialog = BackupDialog(self.services, mode, self)
        if mode == "restore":
            dialog.finished_ok.connect(lambda _result: self._after_restore())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.backup_dialog = dialog

    def _after_restore(self) -> None:
        """Every page reads the restored inventory (hidden ones when next shown)."""
        for page in self.pages:
            page.refresh()
        self.statusBar().showMessage(self.tr("The database was restored from the backup."), 10_000)

    @Slot()
    def on_refresh_action_triggered(self) -> None:
        self.apply_permissions()
        self.current_page.refresh()

    # --- roles --------------------------------------------------------------------------------------
    def _show_user(self) -> None:
        from ui.access import user_text

        try:
            name, tip = user_text(self.services)
        except Exception:  # noqa: BLE001 - the database cannot be read now: the name is still known
            name, tip = self.services.ctx.actor.name, ""
        self.user_label.setText(self.tr("User: {name}").format(name=name))
        self.user_label.setToolTip(tip)

    @Slot()
    def apply_permissions(self) -> None:
        """Read the user's role again; grey out what it does not allow, on the window and on every page."""
        from itam import security
        from ui import access

        access.refresh(self.services)
        self._show_user()
        access.gate(self.import_action, self.services, security.IMPORT)
        access.gate(self.export_action, self.services, security.EXPORT)
        for action in (getattr(self, "backup_action", None), getattr(self, "restore_action", None)):
            if action is not None:
                access.gate(action, self.services, security.DATABASE)
        for page in self.pages:
            apply = getattr(page, "apply_permissions", None)
            if apply is not None:
                apply()

    @Slot()
    def on_about_action_triggered(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About itam"),
            self.tr(
                "<h3>itam {version}</h3>"
                "<p>IT-asset circularity manager: inventory, discovery, value-chain lifecycle, "
                "sanitization and certificates.</p>"
                "<p>Database: {url}</p>"
            ).format(version=itam.__version__, url=self.services.db.display_url),
        )

    @Slot(QAction)
    def on_language_group_triggered(self, action: QAction) -> None:
        code = action.data()
        if code == i18n.current_language():
            return
        i18n.set_language(code)
        self.settings.language = code
