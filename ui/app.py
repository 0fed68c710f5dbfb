"""Application set-up for the desktop front end: QApplication, translators, the main window."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

import itam
from itam.errors import ItamError
from itam.services import Services
from ui import i18n
from ui.dialogs.welcome import DEMO, EMPTY, IMPORT, WelcomeDialog, should_show_welcome
from ui.i18n import core_text
from ui.main_window import MainWindow
from ui.settings import APPLICATION, ORGANIZATION, Settings


def create_application(argv: Sequence[str] | None = None) -> QApplication:
    """The QApplication (reused when one exists, as under pytest-qt), named for QSettings."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(list(argv if argv is not None else sys.argv))
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    QCoreApplication.setApplicationVersion(itam.__version__)
    QApplication.setApplicationDisplayName("itam")
    return app  # type: ignore[return-value]


def install_translations(settings: Settings, requested: str | None = None) -> str:
    """Install the translators for ``--lang``, else the saved choice, else the system locale."""
    language = i18n.choose_language(requested, settings.language)
    i18n.set_language(language)
    return i18n.current_language()


def show_startup_error(error: ItamError) -> None:
    """Tell the user why itam cannot start (no traceback: the message says what to do)."""
    QMessageBox.critical(
        None,
        QCoreApplication.translate("Startup", "itam cannot start"),
        QCoreApplication.translate("Startup", "The database cannot be opened.") + "\n\n" + core_text(error),
    )


def create_main_window(services: Services, settings: Settings, *, welcome: bool = True) -> MainWindow:
    """The main window; once the event loop runs, the first-run welcome over it when it is due."""
    window = MainWindow(services, settings)
    if getattr(services.db, "warnings", None):
        QTimer.singleShot(0, window, lambda: show_database_warnings(window, services.db.warnings))
    if welcome:
        QTimer.singleShot(0, window, lambda: show_welcome_if_due(window, services, settings))
    return window


def show_database_warnings(parent: MainWindow, warnings: Sequence[object]) -> None:
    """What the user must know about the database (e.g. a SQLite file on a network share), once at start-up."""
    QMessageBox.warning(
        parent,
        QCoreApplication.translate("Startup", "Database warning"),
        "\n\n".join(core_text(w) for w in warnings),
    )


#: Names the inventory page's spreadsheet import may have (a method, or a QAction to trigger).
IMPORT_ENTRY_POINTS = ("start_import", "import_spreadsheet", "open_import_dialog", "on_import_action_triggered",
                       "on_import_button_clicked", "import_action", "import_button")


def inventory_import_entry(window: MainWindow) -> Callable[[], Any] | None:
    """The inventory page's own "Import…" (a callable), or None when the page has none (the welcome then
    previews and imports the file itself, through ``services.transfer``)."""
    for owner in (getattr(window, "inventory", None), window):
        if owner is None:
            continue
        for name in IMPORT_ENTRY_POINTS:
            entry = getattr(owner, name, None)
            if entry is None:
                continue
            for method in ("trigger", "click"):  # a QAction or a button
                if callable(getattr(entry, method, None)):
                    return getattr(entry, method)
            if callable(entry):
                return entry
    return None


def show_welcome_if_due(window: MainWindow, services: Services, settings: Settings) -> WelcomeDialog | None:
    """Open the first-run welcome over ``window`` when the database holds no assets and the person has not
    ticked "Don't show this again"; then open the page that fits their choice."""
    if not should_show_welcome(services, settings):
        return None
    import_entry = inventory_import_entry(window)
    dialog = WelcomeDialog(services, settings, window, import_handler=import_entry)

    def finished(_result: int) -> None:
        choice = dialog.choice
        if choice == DEMO or (choice == IMPORT and import_entry is None) or dialog.demo_summary is not None:
            for page in window.pages:  # the database changed under every page
                page.refresh()
        if choice == DEMO:
            window.show_page("dashboard")
            window.statusBar().showMessage(dialog.status_label.text(), 10_000)
        elif choice == EMPTY:
            window.show_page("discovery")
        elif choice == IMPORT:
            window.show_page("inventory")
            if import_entry is not None:
                QTimer.singleShot(0, window, import_entry)
            else:
                window.statusBar().showMessage(dialog.status_label.text(), 10_000)

    dialog.finished.connect(finished)
    window.welcome_dialog = dialog  # type: ignore[attr-defined] - kept for tests and to keep it alive
    dialog.open()
    return dialog
