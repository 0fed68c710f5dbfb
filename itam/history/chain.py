"""Hash chain over the history table.

Each entry's hash covers its own content and the previous entry's hash, so editing an entry, inserting
one out of order or deleting one breaks the chain from that point on; the chain head (last sequence
number and hash, kept in ``chain_heads``) catches a deleted tail. Appending locks the head row
(``SELECT … FOR UPDATE`` on servers, created first if missing: itam/db/locks.py; SQLite writers are already
serialised by ``BEGIN IMMEDIATE``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from itam.db.locks import lock_row
from itam.messages import tr
from itam.models import ChainHead, HistoryEntry, utcnow

GENESIS = "0" * 64
HISTORY_CHAIN = "history"


def canonical_time(at: datetime) -> str:
    # Same text as strftime("%Y-%m-%dT%H:%M:%S.%fZ") (which ignores any zone), a third of the cost:
    # it runs once per entry when a million-entry chain is verified.
    return at.replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


_CHANGES = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def dump_changes(changes: dict[str, Sequence[Any]]) -> str:
    """Serialise a change set the one way it is hashed and stored (one encoder, built once)."""
    return _CHANGES.encode(changes)


#: What json.dumps(..., ensure_ascii=False, separators=(",", ":")) builds on every call, built once.
_PAYLOAD = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def entry_hash(
    seq: int,
    asset_id: int | None,
    at: datetime,
    actor: str,
    source: str,
    action: str,
    transition: str | None,
    reason: str | None,
    changes: str,
    operation: str | None,
    prev_hash: str,
) -> str:
    """The entry's SHA-256 over its content and the previous hash (positional calls keep verify fast)."""
    payload = _PAYLOAD.encode(
        [seq, asset_id, canonical_time(at), actor, source, action, transition, reason, changes, operation, prev_hash]
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass
class PendingEntry:
    asset_id: int | None
    actor: str
    source: str
    action: str
    changes: dict[str, Sequence[Any]]
    transition: str | None = None
    reason: str | None = None
    operation: str | None = None
    at: datetime | None = None


class HistoryChain:
    """Appends entries to the chain inside the caller's transaction."""

    def __init__(self, session: Session, name: str = HISTORY_CHAIN):
        # Core statements on the session's connection: this runs inside flush events, where ORM
        # statements would try to autoflush again.
        self.session = session
        self.name = name
        self._seq: int | None = None
        self._hash: str | None = None

    def _lock_head(self) -> None:
        if self._seq is not None:
            return
        heads = ChainHead.__table__
        conn = self.session.connection()
        row = lock_row(conn, heads, {"name": self.name}, {"seq": 0, "hash": GENESIS})
        self._seq, self._hash = row.seq, row.hash

    def append(self, entries: Iterable[PendingEntry]) -> int:
        """Write the entries in order; returns how many were written."""
        self._lock_head()
        assert self._seq is not None and self._hash is not None
        seq, prev = self._seq, self._hash
        rows = []
        now = utcnow()
        for e in entries:
            seq += 1
            at = e.at or now
            changes = dump_changes(e.changes)
            digest = entry_hash(
                seq=seq,
                asset_id=e.asset_id,
                at=at,
                actor=e.actor,
                source=e.source,
                action=e.action,
                transition=e.transition,
                reason=e.reason,
                changes=changes,
                operation=e.operation,
                prev_hash=prev,
            )
            rows.append(
                {
                    "seq": seq,
                    "asset_id": e.asset_id,
                    "at": at,
                    "actor": e.actor,
                    "source": e.source,
                    "action": e.action,
                    "transition": e.transition,
                    "reason": e.reason,
                    "changes": changes,
                    "operation": e.operation,
                    "prev_hash": prev,
                    "hash": digest,
                }
            )
            prev = digest
        if not rows:
            return 0
        conn = self.session.connection()
        conn.execute(insert(HistoryEntry.__table__), rows)
        heads = ChainHead.__table__
        conn.execute(update(heads).where(heads.c.name == self.name).values(seq=seq, hash=prev))
        self._seq, self._hash = seq, prev
        return len(rows)


@dataclass(frozen=True)
class ChainBreak:
    seq: int
    entry_id: int | None
    kind: str  # edited | inserted | deleted | truncated | head
    detail: str


@dataclass
class VerifyReport:
    checked: int = 0
    head_seq: int = 0
    breaks: list[ChainBreak] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.breaks

    @property
    def first_break(self) -> ChainBreak | None:
        return self.breaks[0] if self.breaks else None


def verify_chain(
    session: Session,
    *,
    name: str = HISTORY_CHAIN,
    progress: Callable[[int, int], None] | None = None,
    is_cancelled: Callable[[], bool] | None = None,
    batch: int = 20_000,
) -> VerifyReport:
    """Recompute every hash in sequence order and report the first place the chain is broken.

    Stops at the first break: everything after it is unverifiable by construction.
    """
    report = VerifyReport()
    head = session.execute(select(ChainHead.seq, ChainHead.hash).where(ChainHead.name == name)).first()
    total = session.execute(select(func.count()).select_from(HistoryEntry)).scalar_one()
    report.head_seq = head.seq if head else 0
    expected_seq, prev = 1, GENESIS
    t = HistoryEntry.__table__.c
    cols = (
        t.id, t.seq, t.asset_id, t.at, t.actor, t.source, t.action, t.transition, t.reason, t.changes, t.operation,
        t.prev_hash, t.hash,
    )
    conn = session.connection()
    digest_of = entry_hash
    last_seq = 0
    # Keyset pagination keeps memory flat and works the same on every database. Core rows unpacked by
    # position: this loop runs once per entry of the whole chain.
    while True:
        rows = conn.execute(select(*cols).where(t.seq > last_seq).order_by(t.seq).limit(batch)).all()
        if not rows:
            break
        for entry_id, seq, asset_id, at, actor, source, action, transition, reason, changes, operation, prev_hash, digest in rows:
            if seq != expected_seq:
                if seq > expected_seq:
                    report.breaks.append(
                        ChainBreak(expected_seq, None, "deleted",
                                   tr("entries {first}…{last} are missing", first=expected_seq, last=seq - 1))
                    )
                else:
                    report.breaks.append(ChainBreak(seq, entry_id, "inserted", tr("sequence number {seq} out of order", seq=seq)))
                return report
            if prev_hash != prev:
                report.breaks.append(
                    ChainBreak(
                        seq, entry_id, "inserted", tr("does not link to the entry before it (inserted, reordered or replaced)")
                    )
                )
                return report
            if digest_of(seq, asset_id, at, actor, source, action, transition, reason, changes, operation, prev_hash) != digest:
                report.breaks.append(ChainBreak(seq, entry_id, "edited", tr("content does not match its hash (edited)")))
                return report
            prev = digest
            expected_seq += 1
            report.checked += 1
        last_seq = rows[-1].seq
        if progress:
            progress(report.checked, total)
        if is_cancelled and is_cancelled():
            break
    if is_cancelled and is_cancelled():
        return report
    head_seq = head.seq if head else 0
    head_hash = head.hash if head else GENESIS
    if head_seq != report.checked:
        if head_seq > report.checked:
            report.breaks.append(
                ChainBreak(
                    report.checked + 1,
                    None,
                    "truncated",
                    tr("the chain head says {head} entries, only {checked} are present (the last ones were deleted)",
                       head=head_seq, checked=report.checked),
                )
            )
        else:
            report.breaks.append(
                ChainBreak(head_seq + 1, None, "head", tr("{n} entries lie beyond the chain head", n=report.checked - head_seq))
            )
    elif head_hash != prev:
        report.breaks.append(ChainBreak(head_seq, None, "head", tr("the chain head does not match the last entry")))
    return report
