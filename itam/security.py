"""Who may do what: the roles, the permissions and the one table that joins them; password hashing.

This is the single place that says which role may take which action. The services check it
(:meth:`itam.services.context.ServiceContext.require`) for every front end; the PostgreSQL group roles
(migration 0006, :mod:`itam.db.grants`) get the GRANTs the same table implies; the GUI greys out what the
user's role may not use; docs/ROLES.md prints it.

Roles, from least to most:

* ``viewer`` (e.g. CSR staff): read everything, metrics and reports, exports.
* ``technician``: discovery, inventory edits and imports, lifecycle moves, wipe logs and sanitization records.
* ``itad_operator``: ITAD batches, custody events, certificates.
* ``administrator``: everything, including users, settings kept in the database (organisation profile,
  sites' countries), the policy, the signing key, the demo fleet, migrations, backups and restores.

Every role can do what a viewer can.
"""

from __future__ import annotations

from dataclasses import dataclass

from itam.errors import ValidationError
from itam.messages import Message, tr

VIEWER = "viewer"
TECHNICIAN = "technician"
ITAD_OPERATOR = "itad_operator"
ADMINISTRATOR = "administrator"
#: Every role, from least to most rights (the order lists and messages use).
ROLES: tuple[str, ...] = (VIEWER, TECHNICIAN, ITAD_OPERATOR, ADMINISTRATOR)


@dataclass(frozen=True)
class Permission:
    """One kind of action, named ``area.verb``; ``action`` says it in words for refusals ("import assets")."""

    name: str
    action: Message

    def __str__(self) -> str:
        return self.name


# --- the permissions -----------------------------------------------------------------------------------------
READ = Permission("inventory.read", tr("read the inventory"))
REPORTS = Permission("reports.write", tr("compute metrics and write reports"))
EXPORT = Permission("inventory.export", tr("export the inventory"))
ASSET_EDIT = Permission("assets.edit", tr("add or edit assets"))
ASSET_MOVE = Permission("assets.move", tr("move assets through the lifecycle"))
IMPORT = Permission("inventory.import", tr("import assets from a spreadsheet"))
PARTIES = Permission("parties.edit", tr("add parties"))
DISCOVERY = Permission("discovery.run", tr("run discovery (scans, nmap imports, the review queue, missing assets) and credentialed audits"))
SANITIZATION = Permission("sanitization.record", tr("record sanitization and destruction or import wipe logs"))
BATCHES = Permission("batches.manage", tr("manage ITAD batches"))
CUSTODY = Permission("custody.record", tr("record custody events, scans and receipts"))
CERTIFICATES = Permission("certificates.issue", tr("issue certificates"))
SETTINGS = Permission("settings.edit", tr("change the settings (organisation, sites, policy, signing key)"))
USERS = Permission("users.manage", tr("manage users and roles"))
DEMO = Permission("demo.generate", tr("generate the demo fleet"))
DATABASE = Permission("database.admin", tr("upgrade, back up or restore the database"))

PERMISSIONS: tuple[Permission, ...] = (
    READ, REPORTS, EXPORT, ASSET_EDIT, ASSET_MOVE, IMPORT, PARTIES, DISCOVERY, SANITIZATION, BATCHES, CUSTODY,
    CERTIFICATES, SETTINGS, USERS, DEMO, DATABASE,
)

_VIEWER = frozenset({READ, REPORTS, EXPORT})
#: THE table: role -> what it may do.
ROLE_PERMISSIONS: dict[str, frozenset[Permission]] = {
    VIEWER: _VIEWER,
    TECHNICIAN: _VIEWER | {ASSET_EDIT, ASSET_MOVE, IMPORT, PARTIES, DISCOVERY, SANITIZATION},
    ITAD_OPERATOR: _VIEWER | {PARTIES, BATCHES, CUSTODY, CERTIFICATES},
    ADMINISTRATOR: frozenset(PERMISSIONS),
}

_ROLE_NAMES = {
    VIEWER: tr("viewer"),
    TECHNICIAN: tr("technician"),
    ITAD_OPERATOR: tr("ITAD operator"),
    ADMINISTRATOR: tr("administrator"),
}


def permits(role: str | None, permission: Permission) -> bool:
    return role is not None and permission in ROLE_PERMISSIONS.get(role, frozenset())


def roles_with(permission: Permission) -> tuple[str, ...]:
    """The roles that may do it, least first."""
    return tuple(r for r in ROLES if permission in ROLE_PERMISSIONS[r])


def role_name(role: str | None) -> Message:
    """The role in words (translatable)."""
    if role is None:
        return tr("no role")
    return _ROLE_NAMES.get(role) or Message(role)


def roles_needed(permission: Permission) -> Message:
    """"technician or administrator" for a refusal."""
    names = [role_name(r) for r in roles_with(permission)]
    if len(names) == 1:
        return names[0]
    return tr("{roles} or {last}", roles=_comma(names[:-1]), last=names[-1])


def _comma(names: list[Message]) -> Message:
    from itam.messages import join

    return join(names, ", ")


def check_role(role: str) -> str:
    """``role`` as the table knows it (accepts ``itad-operator``, ``ITAD operator``, ``admin``)."""
    key = (role or "").strip().lower().replace("-", "_").replace(" ", "_")
    key = {"admin": ADMINISTRATOR, "operator": ITAD_OPERATOR, "itad": ITAD_OPERATOR, "tech": TECHNICIAN}.get(key, key)
    if key not in ROLE_PERMISSIONS:
        raise ValidationError(tr("unknown role {role} (roles: {known})", role=repr(role), known=", ".join(ROLES)))
    return key


# --- passwords (only where itam authenticates people itself) -------------------------------------------------
def _hasher():  # noqa: ANN202 - argon2.PasswordHasher
    # argon2id with argon2-cffi's defaults (RFC 9106's low-memory profile: 3 passes over 64 MiB, 4 lanes).
    from argon2 import PasswordHasher

    return PasswordHasher()


MIN_PASSWORD_LENGTH = 8


def check_password(password: str | None) -> str:
    """A new password: at least 8 characters, no NUL."""
    if password is None or len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(tr("a password needs at least {n} characters", n=MIN_PASSWORD_LENGTH))
    if "\x00" in password:
        raise ValidationError(tr("a password cannot contain a NUL character"))
    return password


def hash_password(password: str) -> str:
    """An argon2id hash (with its own salt and parameters) of a new password (see :func:`check_password`)."""
    return _hasher().hash(check_password(password))


def verify_password(stored: str, password: str) -> bool:
    """Whether ``password`` matches the stored hash (constant work whatever the answer)."""
    from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

    try:
        return _hasher().verify(stored, password or "")
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    try:
        return _hasher().check_needs_rehash(stored)
    except Exception:  # noqa: BLE001 - an unreadable hash is replaced at the next sign-in
        return True
