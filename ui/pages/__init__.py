"""The main window's pages: one per navigation entry (inventory, discovery; lifecycle, sanitization … later).

Every page is a :class:`Page`: the main window shows its :meth:`Page.title` in the navigation list, asks it to
:meth:`Page.refresh` on F5, lets it save and restore its own layout, and tells it to stop background work
before the window closes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QMessageBox, QWidget

from ui.settings import Settings


class Page(QWidget):
    """A navigation entry's widget. Subclasses override what they need; the defaults do nothing."""

    #: A short note for the window's status bar (text, milliseconds to show it; 0 = until replaced).
    status_message = Signal(str, int)

    #: Stable name used in settings (which page was open last) and in object names.
    key = "page"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        #: Non-modal dialogs the page opened and that are still open (closed by :meth:`close_dialogs`).
        self.dialogs: list[QWidget] = []
        #: The message box on screen, if any (one at a time).
        self.message_box: QMessageBox | None = None

    def title(self) -> str:
        """The navigation entry's text in the current language."""
        raise NotImplementedError

    def icon(self) -> QIcon:
        return QIcon()

    def refresh(self) -> None:
        """Read what the page shows again from the database (F5)."""

    def restore_settings(self, settings: Settings) -> None:
        """Column layouts and other per-page choices from last time (GUI thread)."""

    def save_settings(self, settings: Settings) -> None:
        """Remember the page's layout (GUI thread)."""

    def shutdown(self) -> None:
        """The window is closing: cancel long background work so that the app can exit promptly."""

    # --- dialogs and messages, opened without nested event loops (never exec()) ------------------------
    def _open(self, dialog: QWidget) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self.on_dialog_finished)
        self.dialogs.append(dialog)
        dialog.open()

    @Slot()
    def on_dialog_finished(self) -> None:
        dialog = self.sender()
        if dialog in self.dialogs:
            self.dialogs.remove(dialog)

    def _show_message(self, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
        """A window-modal message box."""
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Close, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(self.on_message_box_finished)
        self.message_box = box
        box.open()
        return box

    def _ask(self, title: str, text: str, answered: Callable[[QMessageBox.StandardButton], None],
             yes_text: str | None = None) -> QMessageBox:
        """A Yes/No question (No by default); ``answered`` gets the button that was pressed."""
        box = QMessageBox(
            QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        if yes_text:
            box.button(QMessageBox.StandardButton.Yes).setText(yes_text)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(self.on_message_box_finished)
        box.finished.connect(lambda _code: answered(box.standardButton(box.clickedButton())))
        self.message_box = box
        box.open()
        return box

    @Slot()
    def on_message_box_finished(self) -> None:
        if self.sender() is self.message_box:
            self.message_box = None

    def close_dialogs(self) -> None:
        """Close the page's open dialogs and message box (the window is closing)."""
        for dialog in list(self.dialogs):
            dialog.close()
        if self.message_box is not None:
            self.message_box.close()
