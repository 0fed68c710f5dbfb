"""Hash chains over append-only tables other than the history: custody events and certificates.

A ledger row carries ``seq`` (gapless from 1), ``prev_hash`` and ``hash``; the hash covers the chain's
name, the sequence number, the columns the model lists in ``CHAIN_FIELDS`` and the previous hash, so an
edited, inserted, reordered or deleted row breaks the chain, and the chain head (``chain_heads``, shared
with the history) catches a deleted tail. Appending locks the head row inside the caller's transaction.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from itam.db.locks import lock_row
from itam.fields import to_plain
from itam.history.chain import GENESIS, ChainBreak, VerifyReport, canonical_time
from itam.messages import tr
from itam.models import Certificate, ChainHead, CustodyEvent

_PAYLOAD = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))

#: chain name → model
LEDGERS: dict[str, type] = {"custody": CustodyEvent, "certificates": Certificate}
#: chain name → how a verification report names it
_NAMES = {"custody": tr("custody"), "certificates": tr("certificates")}


def _plain(value: Any) -> Any:
    if hasattr(value, "isoformat") and hasattr(value, "hour"):
        return canonical_time(value)
    return to_plain(value)


def ledger_hash(chain: str, seq: int, values: list[Any], prev_hash: str) -> str:
    payload = _PAYLOAD.encode([chain, seq, [_plain(v) for v in values], prev_hash])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _chain_of(model: type) -> str:
    for name, m in LEDGERS.items():
        if m is model:
            return name
    raise KeyError(model)


def append(session: Session, row: Any) -> Any:
    """Give ``row`` (a new CustodyEvent or Certificate) its place in its chain and add it to the session."""
    model = type(row)
    chain = _chain_of(model)
    heads = ChainHead.__table__
    conn = session.connection()
    head = lock_row(conn, heads, {"name": chain}, {"seq": 0, "hash": GENESIS})
    seq, prev = head.seq, head.hash
    row.seq = seq + 1
    row.prev_hash = prev
    row.hash = ledger_hash(chain, row.seq, [getattr(row, f) for f in model.CHAIN_FIELDS], prev)
    session.add(row)
    conn.execute(update(heads).where(heads.c.name == chain).values(seq=row.seq, hash=row.hash))
    return row


def verify_ledger(
    session: Session, chain: str, *, progress: Callable[[int, int], None] | None = None, batch: int = 5_000
) -> VerifyReport:
    """Recompute every hash of one ledger in order; stops at the first break."""
    model = LEDGERS[chain]
    t = model.__table__.c
    cols = [t.id, t.seq, t.prev_hash, t.hash, *(t[f] for f in model.CHAIN_FIELDS)]
    report = VerifyReport()
    name = _NAMES.get(chain, chain)
    head = session.execute(select(ChainHead.seq, ChainHead.hash).where(ChainHead.name == chain)).first()
    report.head_seq = head.seq if head else 0
    total = session.execute(select(func.count()).select_from(model)).scalar_one()
    expected, prev, last = 1, GENESIS, 0
    conn = session.connection()
    while True:
        rows = conn.execute(select(*cols).where(t.seq > last).order_by(t.seq).limit(batch)).all()
        if not rows:
            break
        for row in rows:
            row_id, seq, prev_hash, digest, *values = row
            if seq != expected:
                kind, detail = (
                    ("deleted", tr("{chain} entries {first}…{last} are missing", chain=name, first=expected, last=seq - 1))
                    if seq > expected
                    else ("inserted", tr("{chain} sequence number {seq} out of order", chain=name, seq=seq))
                )
                report.breaks.append(ChainBreak(expected, None if seq > expected else row_id, kind, detail))
                return report
            if prev_hash != prev:
                report.breaks.append(ChainBreak(seq, row_id, "inserted",
                                                tr("{chain} entry does not link to the one before it", chain=name)))
                return report
            if ledger_hash(chain, seq, values, prev_hash) != digest:
                report.breaks.append(ChainBreak(seq, row_id, "edited",
                                                tr("{chain} entry content does not match its hash (edited)", chain=name)))
                return report
            prev = digest
            expected += 1
            report.checked += 1
        last = rows[-1].seq
        if progress:
            progress(report.checked, total)
    head_seq = head.seq if head else 0
    head_hash = head.hash if head else GENESIS
    if head_seq > report.checked:
        report.breaks.append(
            ChainBreak(report.checked + 1, None, "truncated",
                       tr("the {chain} chain head says {head} entries, only {checked} are present",
                          chain=name, head=head_seq, checked=report.checked))
        )
    elif head_seq < report.checked:
        report.breaks.append(ChainBreak(head_seq + 1, None, "head", tr("{n} {chain} entries lie beyond the chain head",
                                                                       n=report.checked - head_seq, chain=name)))
    elif head_hash != prev:
        report.breaks.append(ChainBreak(head_seq, None, "head", tr("the {chain} chain head does not match the last entry", chain=name)))
    return report
