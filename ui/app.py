"""Application set-up for the desktop front end: QApplication, translators, the main window."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

import itam
from itam.errors import ItamError
from itam.services import Services
from ui import i18n
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
        QCoreApplication.translate("Startup", "The database cannot be opened.") + "\n\n" + str(error),
    )


def create_main_window(services: Services, settings: Settings) -> MainWindow:
    return MainWindow(services, settings)
