"""Units of work and the history recorder.

Every ORM change to an asset, its media or its addresses is turned into a history entry by a flush
listener, so no service (and no future one) can change an asset without leaving a trace: the action,
transition and reason come from the unit of work's current action. Changing those objects in a session
that is not a unit of work is refused.
"""

from __future__ import annotations

import functools
import getpass
import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import event, exists, false, inspect, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from itam import security
from itam.db.engine import Database
from itam.errors import PermissionDeniedError
from itam.fields import to_plain
from itam.history.chain import HistoryChain, PendingEntry
from itam.messages import Message, tr
from itam.models import Asset, AssetAddress, Location, Party, Person, StorageMedium, User

SOURCES = ("gui", "cli", "import", "discovery", "audit", "system")

#: Columns that change on every write and say nothing a person would want in the history.
_UNTRACKED = {"id", "created_at", "updated_at", "version"}
_REF_COLUMNS = {
    "location_id": ("location", Location),
    "assignee_id": ("assignee", Person),
    "holder_id": ("holder", Party),
}


def default_actor_name() -> str:
    try:
        return os.environ.get("ITAM_USER") or getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (containers)
        return "unknown"


@dataclass(frozen=True)
class Actor:
    """Who is acting and through which door."""

    name: str
    source: str = "cli"

    def __post_init__(self) -> None:
        if self.source not in SOURCES:
            raise ValueError(f"unknown source {self.source!r}")


@dataclass
class ActionContext:
    action: str | None = None
    transition: str | None = None
    reason: str | None = None


@dataclass
class UnitOfWork:
    session: Session
    actor: Actor
    source: str
    operation: str | None = None
    current: ActionContext = field(default_factory=ActionContext)
    entries_written: int = 0

    def __post_init__(self) -> None:
        self.chain = HistoryChain(self.session)

    @contextmanager
    def action(self, action: str, *, transition: str | None = None, reason: str | None = None) -> Iterator[None]:
        """Changes flushed inside this block are recorded under this action."""
        previous = self.current
        self.current = ActionContext(action, transition, reason)
        try:
            yield
            self.session.flush()
        finally:
            self.current = previous

    def record(self, entries: list[PendingEntry]) -> None:
        """Append entries built by a bulk path (Core inserts bypass the flush listener)."""
        self.entries_written += self.chain.append(entries)


def _plain(value: Any) -> Any:
    return to_plain(value)


def _ref_name(session: Session, model: type, ident: int | None) -> Any:
    if ident is None:
        return None
    # Names are cached per transaction: the identity map holds objects weakly, so a bulk update
    # would otherwise query the same location or person once per asset.
    cache = session.info.setdefault("itam_ref_names", {})
    key = (model, ident)
    if key not in cache:
        obj = session.get(model, ident)
        cache[key] = obj.name if obj is not None else ident
    return cache[key]


def _column_changes(session: Session, obj: Any, *, new: bool) -> dict[str, list[Any]]:
    state = inspect(obj)
    changes: dict[str, list[Any]] = {}
    for attr in state.mapper.column_attrs:
        key = attr.key
        if key in _UNTRACKED or (key == "asset_id" and not isinstance(obj, Asset)):
            continue
        hist = state.attrs[key].history
        if new:
            after = getattr(obj, key)
            if after is None:
                continue
            before = None
        else:
            if not hist.has_changes():
                continue
            before = hist.deleted[0] if hist.deleted else None
            after = hist.added[0] if hist.added else None
            if before == after:
                continue
        if key in _REF_COLUMNS:
            label, model = _REF_COLUMNS[key]
            changes[label] = [_ref_name(session, model, before), _ref_name(session, model, after)]
        else:
            changes[key] = [_plain(before), _plain(after)]
    return changes


def _describe_medium(m: StorageMedium) -> str:
    return f"{m.media_type} {m.serial or ''}".strip() + f" (#{m.id})"


def _after_flush(session: Session, _flush_context: Any) -> None:
    uow: UnitOfWork | None = session.info.get("itam_uow")
    tracked = (Asset, StorageMedium, AssetAddress)
    touched = [o for o in (*session.new, *session.dirty, *session.deleted) if isinstance(o, tracked)]
    if not touched:
        return
    if uow is None:
        raise RuntimeError("assets changed outside a unit of work: the change would escape the history")
    ctx = uow.current
    pending: list[PendingEntry] = []

    def add(asset_id: int, action: str, changes: dict[str, list[Any]]) -> None:
        # Media and address changes keep their own action name; the asset's own changes take the
        # unit of work's (create, update, transition …). Transition and reason apply to all.
        if not changes:
            return
        own = action in ("create", "update")
        pending.append(
            PendingEntry(
                asset_id=asset_id,
                actor=uow.actor.name,
                source=uow.source,
                action=(ctx.action or action) if own else action,
                transition=ctx.transition,
                reason=ctx.reason,
                changes=changes,
                operation=uow.operation,
            )
        )

    with session.no_autoflush:
        for obj in sorted(session.new, key=lambda o: (type(o).__name__ != "Asset", getattr(o, "id", 0) or 0)):
            if isinstance(obj, Asset):
                add(obj.id, "create", _column_changes(session, obj, new=True))
            elif isinstance(obj, StorageMedium):
                add(obj.asset_id, "media_added", {f"medium {_describe_medium(obj)}": [None, _medium_plain(obj)]})
            elif isinstance(obj, AssetAddress):
                add(obj.asset_id, "address_added", {obj.kind: [None, obj.value]})
        for obj in session.dirty:
            if not session.is_modified(obj, include_collections=False):
                continue
            if isinstance(obj, Asset):
                add(obj.id, "update", _column_changes(session, obj, new=False))
            elif isinstance(obj, StorageMedium):
                changes = _column_changes(session, obj, new=False)
                add(obj.asset_id, "media_changed", {f"medium #{obj.id} {k}": v for k, v in changes.items()})
        for obj in session.deleted:
            if isinstance(obj, Asset):
                raise RuntimeError("assets are never deleted; move them to a final status instead")
            if isinstance(obj, StorageMedium):
                add(obj.asset_id, "media_deleted", {f"medium {_describe_medium(obj)}": [_medium_plain(obj), None]})
            elif isinstance(obj, AssetAddress):
                add(obj.asset_id, "address_removed", {obj.kind: [obj.value, None]})
    uow.record(pending)


def _medium_plain(m: StorageMedium) -> dict[str, Any]:
    return {
        k: _plain(getattr(m, k))
        for k in ("media_type", "interface", "manufacturer", "model", "serial", "capacity_gb")
        if getattr(m, k) is not None
    }


event.listen(Session, "after_flush", _after_flush)


@dataclass(frozen=True)
class Identity:
    """Who is acting and with which role, as the users table says right now.

    Bootstrap rule: while the users table is empty, whoever opens the inventory is its administrator (a
    single-user SQLite file keeps working with no set-up). Once users exist, only registered, active users
    act, with their role; one who has a password (SQLite) must have signed in.
    """

    name: str
    role: str | None
    registered: bool = False
    active: bool = False
    bootstrap: bool = False
    has_password: bool = False
    signed_in: bool = False
    #: PostgreSQL: the name is the session's database login (an application login, see itam/db/grants.py).
    database_login: bool = False

    @property
    def effective_role(self) -> str | None:
        """The role the permission table is read with; None while this person may do nothing."""
        return None if self.refusal() is not None else self.role

    def refusal(self) -> Message | None:
        """Why this person may do nothing at all (None when they may act with their role)."""
        if self.bootstrap:
            return None
        if not self.registered:
            return tr(
                "user {user} is not registered in this inventory; an administrator can add them with: "
                "itam user add {user} --role ROLE",
                user=self.name,
            )
        if not self.active:
            return tr("user {user} is disabled in this inventory; an administrator can enable them again "
                      "(itam user enable {user})", user=self.name)
        if self.has_password and not self.signed_in:
            return tr("user {user} has a password in this inventory: sign in first (itam asks for it on a terminal, "
                      "or reads it from ITAM_PASSWORD)", user=self.name)
        return None

    def permits(self, permission: security.Permission) -> bool:
        return security.permits(self.effective_role, permission)

    def describe(self) -> Message:
        """"name (role)" for status bars and whoami."""
        if self.bootstrap:
            return tr("{user} (administrator: no users are registered yet)", user=self.name)
        if self.refusal() is not None and not self.registered:
            return tr("{user} (not registered)", user=self.name)
        if not self.active:
            return tr("{user} (disabled)", user=self.name)
        return tr("{user} ({role})", user=self.name, role=security.role_name(self.role))


def refuse(identity: Identity, permission: security.Permission) -> PermissionDeniedError:
    """The error for ``identity`` trying what ``permission`` covers."""
    why = identity.refusal()
    if why is not None:
        return PermissionDeniedError(why)
    return PermissionDeniedError(tr(
        "{user} ({role}) may not {action}: that needs the role {needed}",
        user=identity.name, role=security.role_name(identity.role), action=permission.action,
        needed=security.roles_needed(permission),
    ))


F = TypeVar("F", bound=Callable[..., Any])


def requires(permission: security.Permission) -> Callable[[F], F]:
    """Decorate a service method: refuse with :class:`PermissionDeniedError` unless the acting user's role
    has ``permission`` (checked when the method is called, before it reads or writes anything)."""

    def decorate(fn: F) -> F:
        @functools.wraps(fn)
        def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
            self.ctx.require(permission)
            return fn(self, *args, **kwargs)

        wrapper.permission = permission  # type: ignore[attr-defined]  # the tests read it
        return wrapper  # type: ignore[return-value]

    return decorate


class ServiceContext:
    """What every service needs: the database, who acts (and with which role), and the data files."""

    def __init__(self, db: Database, actor: Actor | None = None):
        self.db = db
        self._declared = actor or Actor(default_actor_name(), "cli")
        self._login: tuple[str | None] | None = None  # (PostgreSQL application login or None,), once known
        self._signed_in: str | None = None
        self._hint: Identity | None = None

    # --- who ------------------------------------------------------------------------------------------------
    @property
    def actor(self) -> Actor:
        """Who acts: on PostgreSQL an application login is the actor whatever name was declared."""
        login = self.database_login()
        if login is not None and login != self._declared.name:
            return Actor(login, self._declared.source)
        return self._declared

    def database_login(self) -> str | None:
        """The session's PostgreSQL login when it is one of the application's (None on SQLite, or for the owner
        of the tables, whose connection acts under the declared name)."""
        if self._login is None:
            login = None
            if self.db.engine.dialect.name == "postgresql":
                from itam.db import grants

                try:
                    with self.db.engine.connect() as conn:
                        name, application = grants.session_login(conn)
                except DBAPIError as exc:
                    from itam.db.engine import translate_operational_error

                    raise translate_operational_error(exc, self.db.display_url) from exc
                login = name if application else None
            self._login = (login,)
        return self._login[0]

    def derive(self, source: str) -> ServiceContext:
        """The same person (signed in as they are) acting through another door (e.g. discovery)."""
        other = ServiceContext(self.db, Actor(self._declared.name, source))
        other._login, other._signed_in = self._login, self._signed_in
        return other

    def _auth_by_itam(self) -> bool:
        """Whether itam checks passwords itself (not on PostgreSQL, whose server authenticates logins)."""
        return self.db.engine.dialect.name != "postgresql"

    def _read_identity(self, session: Session | Connection) -> Identity:
        name = self.actor.name
        pg_login = self.database_login() is not None
        has_password = User.password_hash.is_not(None) if self._auth_by_itam() else false()
        conn = session.connection() if isinstance(session, Session) else session
        def of_user(column: Any) -> Any:
            return select(column).where(User.login == name).scalar_subquery()

        try:
            # One statement (one round trip): whether anyone is registered, and this user's row if any.
            row = conn.execute(select(
                exists(select(User.id)).label("anyone"), of_user(User.role).label("role"),
                of_user(User.active).label("active"), of_user(has_password).label("has_password"),
            )).one()
            anyone = bool(row.anyone)
            if row.role is None:
                row = None
        except DBAPIError:
            # A database from before migration 0006 (opened without upgrading) has no users: bootstrap.
            session.rollback()
            conn = session.connection() if isinstance(session, Session) else session
            if inspect(conn).has_table("users"):
                raise
            return Identity(name, security.ADMINISTRATOR, bootstrap=True, database_login=pg_login)
        if not anyone:
            return Identity(name, security.ADMINISTRATOR, bootstrap=True, database_login=pg_login)
        if row is None:
            return Identity(name, None, database_login=pg_login)
        return Identity(name, row.role, registered=True, active=bool(row.active), has_password=bool(row.has_password),
                        signed_in=self._signed_in == name, database_login=pg_login)

    def identity(self) -> Identity:
        """Who acts and their role, read from the users table now."""
        try:
            with self.db.engine.connect() as conn:
                if conn.dialect.name == "postgresql":
                    # One round trip instead of BEGIN, SELECT, ROLLBACK: the statement is its own snapshot.
                    conn = conn.execution_options(isolation_level="AUTOCOMMIT")
                ident = self._read_identity(conn)
                conn.rollback()
        except DBAPIError as exc:
            from itam.db.engine import translate_operational_error

            raise translate_operational_error(exc, self.db.display_url) from exc
        self._hint = ident
        return ident

    def cached_identity(self) -> Identity:
        """The identity as last read (for greying out what the role may not use; the services check afresh)."""
        return self._hint or self.identity()

    def require(self, permission: security.Permission) -> Identity:
        """The acting identity, or :class:`PermissionDeniedError` when its role does not have ``permission``."""
        ident = self.identity()
        if not ident.permits(permission):
            raise refuse(ident, permission)
        return ident

    def permits(self, permission: security.Permission) -> bool:
        """Whether the cached identity's role has ``permission`` (for front ends deciding what to offer)."""
        return self.cached_identity().permits(permission)

    def sign_in(self, password: str) -> Identity:
        """Check the acting user's itam password; later checks in this context count them as signed in."""
        name = self.actor.name
        with self.db.read() as s:
            stored = s.scalar(select(User.password_hash).where(User.login == name, User.active.is_(True))) \
                if self._auth_by_itam() else None
        if stored is None or not security.verify_password(stored, password):
            raise PermissionDeniedError(tr("wrong password for user {user}", user=name))
        self._signed_in = name
        return self.identity()

    # --- writing --------------------------------------------------------------------------------------------
    @contextmanager
    def unit_of_work(self, *, source: str | None = None, operation: str | None = None) -> Iterator[UnitOfWork]:
        """A write transaction whose changes are all recorded in the history, committed together.

        Whoever may only read (a viewer, an unregistered or disabled user) is refused here, inside the
        transaction, whatever service method opened it; the method's own permission was checked before."""
        with self.db.write() as session:
            ident = self._read_identity(session)
            if not any(ident.permits(p) for p in _WRITE_PERMISSIONS):
                raise refuse(ident, security.ASSET_EDIT) if ident.refusal() is not None else PermissionDeniedError(
                    tr("{user} ({role}) may only read this inventory",
                       user=ident.name, role=security.role_name(ident.role)))
            uow = UnitOfWork(session, self.actor, source or self.actor.source, operation)
            session.info["itam_uow"] = uow
            try:
                yield uow
                session.flush()
            finally:
                session.info.pop("itam_uow", None)
                session.info.pop("itam_ref_names", None)

    @staticmethod
    def new_operation_id() -> str:
        return str(uuid.uuid4())


#: Permissions whose actions write to the database (a role without any of them only reads).
_WRITE_PERMISSIONS = tuple(p for p in security.PERMISSIONS if p not in (security.READ, security.REPORTS, security.EXPORT))
