"""Users and their roles: who may use this inventory and what they may do (itam/security.py, docs/ROLES.md).

While the users table is empty, whoever opens the inventory is its administrator (the bootstrap rule that keeps a
single-user SQLite file working with no set-up). The first user added makes the table authoritative: from then on
only registered, active users act, each with their role. So that an inventory never locks its administrator out,
adding the first user also registers the person adding it as administrator (when they add someone else), and the
last active administrator cannot be demoted or disabled.

On SQLite a user may have a password (argon2id; itam asks for it before acting). On PostgreSQL the server
authenticates each login and the user is that login: ``add``/``set_role``/``disable`` also keep the login's
membership of the itam group roles in step (itam/db/grants.py), ``create_login`` creates the login itself, and a
password goes to the server as a SCRAM verifier — itam stores none.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, null, select
from sqlalchemy.orm import Session, load_only

from itam import security
from itam.errors import DuplicateError, NotFoundError, ValidationError
from itam.messages import Message, tr
from itam.models import User
from itam.services.context import Identity, ServiceContext, refuse, requires


@dataclass(frozen=True)
class UserView:
    login: str
    display_name: str | None
    role: str
    active: bool
    #: SQLite: whether itam asks this user for a password; None on PostgreSQL (the server authenticates).
    has_password: bool | None
    created_at: datetime
    updated_at: datetime
    #: PostgreSQL: whether a database login of that name exists, and the itam groups it is a member of.
    database_login: bool | None = None
    database_groups: tuple[str, ...] = ()


@dataclass
class UserChange:
    """What ``add``/``set_role``/… did: the user as it is now, and notes for the person (one per extra effect)."""

    user: UserView
    notes: list[Message] = field(default_factory=list)


_LOGIN = re.compile(r"[^\x00-\x1f\x7f]{1,200}")


def check_login(login: str, *, postgresql: bool = False) -> str:
    name = (login or "").strip()
    if not name or not _LOGIN.fullmatch(name):
        raise ValidationError(tr("a user name is 1 to 200 characters without control characters, not {login}",
                                 login=repr(login)))
    if postgresql and (len(name.encode("utf-8")) > 63 or name.lower().startswith("pg_")):
        raise ValidationError(tr("{login} cannot be a PostgreSQL login (at most 63 bytes, not starting with pg_)",
                                 login=repr(name)))
    return name


class UserService:
    def __init__(self, ctx: ServiceContext):
        self.ctx = ctx

    @property
    def _postgresql(self) -> bool:
        return self.ctx.db.engine.dialect.name == "postgresql"

    # --- who am I --------------------------------------------------------------------------------------------
    def whoami(self) -> Identity:
        """The acting user as the users table sees them (anyone may ask, registered or not)."""
        return self.ctx.identity()

    def sign_in(self, password: str) -> Identity:
        return self.ctx.sign_in(password)

    # --- reading ---------------------------------------------------------------------------------------------
    @requires(security.READ)
    def list(self) -> list[UserView]:
        with self.ctx.db.read() as s:
            rows = s.execute(self._columns().order_by(User.login)).all()
            groups = self._groups(s, [r.login for r in rows])
            return [self._view(r, groups) for r in rows]

    @requires(security.READ)
    def get(self, login: str) -> UserView:
        with self.ctx.db.read() as s:
            return self._get(s, login)

    def _columns(self):  # noqa: ANN202 - a Select
        # Not the hash itself: on PostgreSQL the application roles may not read that column at all.
        has_password = User.password_hash.is_not(None) if not self._postgresql else null()
        return select(User.login, User.display_name, User.role, User.active, has_password.label("has_password"),
                      User.created_at, User.updated_at)

    def _get(self, s: Session, login: str) -> UserView:
        row = s.execute(self._columns().where(User.login == (login or "").strip())).first()
        if row is None:
            raise NotFoundError(tr("no user {login} in this inventory (itam user list shows them)", login=repr(login)))
        return self._view(row, self._groups(s, [row.login]))

    def _groups(self, s: Session, logins: list[str]) -> dict[str, tuple[bool, tuple[str, ...]]]:
        if not self._postgresql or not logins:
            return {}
        from sqlalchemy import text

        from itam.db.grants import GROUPS

        rows = s.execute(text(
            "SELECT u.rolname, array_remove(array_agg(g.rolname ORDER BY g.rolname), NULL) FROM pg_roles u "
            "LEFT JOIN pg_auth_members m ON m.member = u.oid "
            "LEFT JOIN pg_roles g ON g.oid = m.roleid AND g.rolname = ANY(:groups) "
            "WHERE u.rolname = ANY(:logins) GROUP BY u.rolname"),
            {"groups": list(GROUPS.values()), "logins": logins}).all()
        return {name: (True, tuple(gs or ())) for name, gs in rows}

    def _view(self, row, groups: dict) -> UserView:  # noqa: ANN001 - a Row
        exists, member_of = groups.get(row.login, (False, ())) if self._postgresql else (None, ())
        return UserView(row.login, row.display_name, row.role, bool(row.active),
                        None if self._postgresql else bool(row.has_password), row.created_at, row.updated_at,
                        exists, member_of)

    # --- changing --------------------------------------------------------------------------------------------
    @contextmanager
    def _admin(self) -> Iterator[tuple[Session, Identity]]:
        """A write transaction in which the acting user is (still) allowed to manage users."""
        with self.ctx.db.write() as s:
            ident = self.ctx._read_identity(s)
            if not ident.permits(security.USERS):
                raise refuse(ident, security.USERS)
            yield s, ident

    @requires(security.USERS)
    def add(self, login: str, role: str, *, display_name: str | None = None, password: str | None = None,
            create_login: bool = False) -> UserChange:
        """Register ``login`` with ``role``. ``password``: SQLite — itam will ask for it; PostgreSQL — the
        login's password on the server. ``create_login`` (PostgreSQL): create the database login too."""
        login = check_login(login, postgresql=self._postgresql)
        role = security.check_role(role)
        if create_login and not self._postgresql:
            raise ValidationError(tr("--create-login makes a PostgreSQL login; on SQLite, itam itself checks a "
                                     "password given with --password-stdin"))
        hashed = security.hash_password(password) if password is not None and not self._postgresql else None
        if password is not None and self._postgresql:
            security.check_password(password)
        notes: list[Message] = []
        with self._admin() as (s, ident):
            if s.scalar(select(User.id).where(User.login == login)) is not None:
                raise DuplicateError(tr("user {login} is already registered (itam user set-role changes the role)",
                                        login=login))
            actor = self.ctx.actor.name
            if ident.bootstrap:
                if login == actor and role != security.ADMINISTRATOR:
                    raise ValidationError(tr(
                        "the first user of an inventory must be an administrator, so that someone can manage "
                        "the users: add {login} with --role administrator", login=login))
                if login != actor:
                    # The table becomes authoritative with this row: keep the person adding it in charge.
                    s.add(User(login=actor, role=security.ADMINISTRATOR, active=True, created_by=actor,
                               updated_by=actor))
                    notes.append(tr("{user} was registered first, as administrator, so that this inventory keeps an "
                                    "administrator", user=actor))
            s.add(User(login=login, display_name=(display_name or "").strip() or None, role=role, active=True,
                       password_hash=hashed, created_by=actor, updated_by=actor))
            s.flush()
            if self._postgresql:
                notes += self._pg_sync(s, login, role, create_login=create_login, password=password)
            return UserChange(self._get(s, login), notes)

    @requires(security.USERS)
    def set_role(self, login: str, role: str) -> UserChange:
        role = security.check_role(role)
        with self._admin() as (s, _ident):
            user = self._row(s, login)
            if user.role == security.ADMINISTRATOR and role != security.ADMINISTRATOR and user.active:
                self._keep_an_administrator(s, user)
            user.role = role
            user.updated_by = self.ctx.actor.name
            s.flush()
            notes = self._pg_sync(s, user.login, role if user.active else None) if self._postgresql else []
            return UserChange(self._get(s, user.login), notes)

    @requires(security.USERS)
    def disable(self, login: str) -> UserChange:
        """The user may do nothing any more (the history keeps their name); on PostgreSQL their login leaves the
        itam groups, so the server refuses them too."""
        with self._admin() as (s, _ident):
            user = self._row(s, login)
            if user.active and user.role == security.ADMINISTRATOR:
                self._keep_an_administrator(s, user)
            user.active = False
            user.updated_by = self.ctx.actor.name
            s.flush()
            notes = self._pg_sync(s, user.login, None) if self._postgresql else []
            return UserChange(self._get(s, user.login), notes)

    @requires(security.USERS)
    def enable(self, login: str) -> UserChange:
        with self._admin() as (s, _ident):
            user = self._row(s, login)
            user.active = True
            user.updated_by = self.ctx.actor.name
            s.flush()
            notes = self._pg_sync(s, user.login, user.role) if self._postgresql else []
            return UserChange(self._get(s, user.login), notes)

    def set_password(self, login: str, password: str | None) -> UserChange:
        """Set (or with None, remove) a user's password: your own, or anyone's as an administrator.

        SQLite: an argon2id hash in the users table. PostgreSQL: the login's password on the server."""
        login = (login or "").strip()
        ident = self.ctx.identity()
        own = login == ident.name
        if ident.refusal() is not None or not (own or ident.permits(security.USERS)):
            raise refuse(ident, security.USERS)
        if password is None and self._postgresql:
            raise ValidationError(tr("on PostgreSQL the server keeps the password: give a new one"))
        if self._postgresql:
            security.check_password(password)
            hashed = None
        else:
            hashed = security.hash_password(password) if password is not None else None
        with self.ctx.db.write() as s:
            again = self.ctx._read_identity(s)  # the same check inside the transaction
            if again.refusal() is not None or not (own or again.permits(security.USERS)):
                raise refuse(again, security.USERS)
            notes: list[Message] = []
            if self._postgresql:
                # The server keeps it: the users row stays as it is (a login may change its own password there).
                from itam.db import grants

                view = self._get(s, login)
                if not grants.login_exists(s.connection(), view.login):
                    raise NotFoundError(tr("there is no database login {login}; create it with itam user add "
                                           "--create-login, or ask the database administrator", login=view.login))
                grants.set_password(s.connection(), view.login, password)
                notes.append(tr("the password of the database login {login} was changed", login=view.login))
                return UserChange(view, notes)
            user = self._row(s, login)
            user.password_hash = hashed
            user.updated_by = self.ctx.actor.name
            s.flush()
            if own:
                self.ctx._signed_in = login if password is not None else None
            return UserChange(self._get(s, user.login), notes)

    # --- helpers ---------------------------------------------------------------------------------------------
    @staticmethod
    def _row(s: Session, login: str) -> User:
        # Not the password hash: on PostgreSQL no application role may read that column.
        user = s.scalar(select(User).options(load_only(User.id, User.login, User.role, User.active))
                        .where(User.login == (login or "").strip()).with_for_update())
        if user is None:
            raise NotFoundError(tr("no user {login} in this inventory (itam user list shows them)", login=repr(login)))
        return user

    @staticmethod
    def _keep_an_administrator(s: Session, user: User) -> None:
        others = s.scalar(select(func.count()).select_from(User).where(
            User.role == security.ADMINISTRATOR, User.active.is_(True), User.id != user.id))
        if not others:
            raise ValidationError(tr("{login} is the last active administrator of this inventory; make someone else "
                                     "administrator first", login=user.login))

    def _pg_sync(self, s: Session, login: str, role: str | None, *, create_login: bool = False,
                 password: str | None = None) -> list[Message]:
        """Give the database login the group of ``role`` (None: no group); create it or set its password."""
        from itam.db import grants

        conn = s.connection()
        notes: list[Message] = []
        if not grants.login_exists(conn, login):
            if not create_login:
                return [tr("there is no database login {login} yet: add --create-login, or ask the database "
                           "administrator to create it (CREATE ROLE … LOGIN)", login=login)]
            grants.create_login(conn, login, password)
            notes.append(tr("database login {login} created", login=login))
        elif password is not None:
            grants.set_password(conn, login, password)
            notes.append(tr("the password of the database login {login} was changed", login=login))
        grants.set_membership(conn, login, role)
        if role is None:
            notes.append(tr("database login {login} is no longer a member of any itam group", login=login))
        else:
            notes.append(tr("database login {login} is a member of {group}", login=login, group=grants.GROUPS[role]))
        return notes
