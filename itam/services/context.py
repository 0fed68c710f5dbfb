"""Units of work and the history recorder.

Every ORM change to an asset, its media or its addresses is turned into a history entry by a flush
listener, so no service (and no future one) can change an asset without leaving a trace: the action,
transition and reason come from the unit of work's current action. Changing those objects in a session
that is not a unit of work is refused.
"""

from __future__ import annotations

import getpass
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from itam.db.engine import Database
from itam.fields import to_plain
from itam.history.chain import HistoryChain, PendingEntry
from itam.models import Asset, AssetAddress, Location, Party, Person, StorageMedium

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


class ServiceContext:
    """What every service needs: the database, who acts, and the data files."""

    def __init__(self, db: Database, actor: Actor | None = None):
        self.db = db
        self.actor = actor or Actor(default_actor_name(), "cli")

    @contextmanager
    def unit_of_work(self, *, source: str | None = None, operation: str | None = None) -> Iterator[UnitOfWork]:
        """A write transaction whose changes are all recorded in the history, committed together."""
        with self.db.write() as session:
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
