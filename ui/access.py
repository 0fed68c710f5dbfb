"""What the user's role allows, for the widgets: an action the role may not use is greyed out, and its tooltip
says which role it needs. The services refuse such actions anyway (itam/security.py); this only spares the user
a refusal. The identity is the one last read (``ServiceContext.cached_identity``); :func:`refresh` reads it again.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from itam import security
from itam.services import Services
from ui.i18n import core_text

#: Where a widget keeps the tooltip it had before a refusal replaced it.
_SAVED_TIP = "itam_tip_before_role"
#: The refusal tooltip ``gate`` set (to tell it from one the page set since).
_SHOWN_TIP = "itam_tip_role_refusal"


def refresh(services: Services) -> None:
    """Read who acts and their role again (after F5, or when an administrator changed roles)."""
    try:
        services.ctx.identity()
    except Exception:  # noqa: BLE001 - an unreachable database: keep the last answer; the pages say why
        pass


def allowed(services: Services, permission: security.Permission) -> bool:
    try:
        return services.ctx.permits(permission)
    except Exception:  # noqa: BLE001 - the services will give the reason when the user tries
        return True


def needs_text(services: Services, permission: security.Permission) -> str:
    """"Needs the role technician or administrator; you are vera (viewer).\""""
    ident = services.ctx.cached_identity()
    why = ident.refusal()
    if why is not None:
        return core_text(why)
    return QCoreApplication.translate("Access", "Needs the role {roles}; you are {user} ({role}).").format(
        roles=core_text(security.roles_needed(permission)), user=ident.name,
        role=core_text(security.role_name(ident.role)))


def gate(target: QWidget | QAction | QObject, services: Services, permission: security.Permission,
         enabled: bool = True) -> bool:
    """Enable ``target`` when ``enabled`` and the role allows ``permission``; otherwise grey it out, with a tooltip
    naming the role it needs. Returns whether the role allows it."""
    ok = allowed(services, permission)
    target.setEnabled(enabled and ok)
    saved, shown, current = target.property(_SAVED_TIP), target.property(_SHOWN_TIP), target.toolTip() or ""
    if saved is not None and current != shown:
        saved = current  # the page set a new tooltip meanwhile (e.g. in another language): that is the one to keep
    if not ok:
        text = needs_text(services, permission)
        target.setProperty(_SAVED_TIP, current if saved is None else saved)
        target.setProperty(_SHOWN_TIP, text)
        target.setToolTip(text)
    elif saved is not None:
        target.setToolTip(saved)
        target.setProperty(_SAVED_TIP, None)
        target.setProperty(_SHOWN_TIP, None)
    return ok


def user_text(services: Services) -> tuple[str, str]:
    """The status bar's "name (role)" and its tooltip."""
    ident = services.ctx.cached_identity()
    if ident.bootstrap:
        return (f"{ident.name} ({core_text(security.role_name(security.ADMINISTRATOR))})",
                QCoreApplication.translate("Access", "No users are registered in this inventory yet: whoever opens it "
                                                     "is its administrator (Settings → Users adds them)."))
    why = ident.refusal()
    if why is not None:
        return core_text(ident.describe()), core_text(why)
    role = core_text(security.role_name(ident.role))
    tip = QCoreApplication.translate("Access", "Your role allows: {actions}").format(
        actions=", ".join(core_text(p.action) for p in security.PERMISSIONS if ident.permits(p)))
    return f"{ident.name} ({role})", tip
