"""The main window's pages: one per navigation entry (inventory, discovery; lifecycle, sanitization … later).

Every page is a :class:`Page`: the main window shows its :meth:`Page.title` in the navigation list, asks it to
:meth:`Page.refresh` on F5, lets it save and restore its own layout, and tells it to stop background work
before the window closes.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QWidget

from ui.settings import Settings


class Page(QWidget):
    """A navigation entry's widget. Subclasses override what they need; the defaults do nothing."""

    #: A short note for the window's status bar (text, milliseconds to show it; 0 = until replaced).
    status_message = Signal(str, int)

    #: Stable name used in settings (which page was open last) and in object names.
    key = "page"

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
