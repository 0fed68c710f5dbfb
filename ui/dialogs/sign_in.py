"""Signing in at start-up, for a user who has an itam password (a shared SQLite file; docs/ROLES.md).

Nothing is asked when the user has no password (their operating-system login is who they are), while no user is
registered, or on PostgreSQL (the server authenticated the login). Three tries; cancelling quits the app.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from itam.errors import ItamError
from itam.services import Services
from ui.i18n import core_text

#: ``ask(user, problem) -> (password, ok)``; the default is a password dialog.
Ask = Callable[[str, str | None], tuple[str, bool]]

TRIES = 3


def _ask(user: str, problem: str | None, parent: QWidget | None = None) -> tuple[str, bool]:
    text = QCoreApplication.translate("SignIn", "Password of {user} in this inventory:").format(user=user)
    if problem:
        text = problem + "\n\n" + text
    return QInputDialog.getText(parent, QCoreApplication.translate("SignIn", "Sign in to itam"), text,
                                QLineEdit.EchoMode.Password)


def needs_password(services: Services) -> bool:
    try:
        ident = services.ctx.identity()
    except ItamError:  # the database cannot be read now: the window's pages say why
        return False
    return ident.registered and ident.active and ident.has_password and not ident.signed_in


def sign_in(services: Services, ask: Ask | None = None, parent: QWidget | None = None) -> bool:
    """True when the user may go on (signed in, or no password needed); False when they gave up."""
    if not needs_password(services):
        return True
    name = services.ctx.actor.name
    problem: str | None = None
    for _ in range(TRIES):
        password, ok = ask(name, problem) if ask is not None else _ask(name, problem, parent)
        if not ok:
            return False
        try:
            services.ctx.sign_in(password)
            return True
        except ItamError as exc:
            problem = core_text(exc)
    return False


def refusal(services: Services) -> str | None:
    """Why this user may not use the inventory at all (not registered, disabled), in the interface language."""
    try:
        why = services.ctx.identity().refusal()
    except ItamError:
        return None
    return core_text(why) if why is not None else None


def show_refusal(text: str, parent: QWidget | None = None) -> None:
    """Said once at start-up instead of every page failing to read."""
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.critical(parent, QCoreApplication.translate("SignIn", "itam cannot start"),
                         QCoreApplication.translate("SignIn", "You may not use this inventory.") + "\n\n" + text)
