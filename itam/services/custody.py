"""ITAD jobs: batches, frozen manifests, check-in / check-out scans and the custody ledger (DOMAIN.md §5).

A batch gathers assets for a vendor. While ``open`` its manifest may change; freezing writes the
manifest (every serial, in order) and its SHA-256 into the custody ledger, after which the list is fixed.
Custody events (collected, sealed, in transit, received, processed, destroyed, shipped downstream,
discrepancy, resolved, closed) are append-only rows of a hash chain (``itam.history.ledger``); a receipt
compares what arrived with the manifest and raises a discrepancy event for each missing or extra serial
and each broken seal. Discrepancies are never deleted; a later ``resolved`` event answers one.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from itam.crashpoints import crash_point
from itam.errors import DuplicateError, NotFoundError, TransitionError, ValidationError
from itam.history import ledger
from itam.identifiers import clean_serial
from itam.messages import join, tr
from itam.models import (
    Asset,
    BatchItem,
    BatchScan,
    CustodyEvent,
    ItadBatch,
    Party,
    utcnow,
)
from itam.services.assets import AssetService, _as_id
from itam import security
from itam.services.context import ServiceContext, requires

STATUSES = ("open", "manifested", "collected", "in_transit", "received", "processed", "closed")
#: Event kinds a person records, the batch statuses each may follow, and the status it leads to.
EVENT_RULES: dict[str, tuple[tuple[str, ...], str | None]] = {
    "collected": (("manifested",), "collected"),
    "sealed": (("manifested", "collected", "in_transit", "received"), None),
    "in_transit": (("manifested", "collected"), "in_transit"),
    "processed": (("received", "processed"), "processed"),
    "shipped": (("received", "processed"), None),
    "note": (STATUSES, None),
}
MATERIAL_STREAMS = (
    "whole units for reuse", "components for reuse", "circuit boards", "ferrous metals", "non-ferrous metals",
    "aluminium", "copper", "plastics", "batteries", "glass", "cables", "shredded media", "mixed e-waste", "other",
)
_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


@dataclass(frozen=True)
class BatchView:
    id: int
    number: str
    status: str
    client: str | None
    vendor: str | None
    items: int
    manifest_sha256: str | None
    manifest_frozen_at: datetime | None
    expected_count: int | None
    received_count: int | None
    open_discrepancies: int
    created_at: datetime
    created_by: str
    closed_at: datetime | None
    notes: str | None


@dataclass(frozen=True)
class ItemView:
    serial: str
    asset_id: int | None
    asset_tag: str | None
    category: str | None
    manufacturer: str | None
    model: str | None
    in_manifest: bool
    received_at: datetime | None
    checked_out_at: datetime | None
    weight_kg: float | None


@dataclass(frozen=True)
class EventView:
    seq: int
    kind: str
    at: datetime
    actor: str
    details: dict[str, Any]
    hash: str


@dataclass(frozen=True)
class ScanOutcome:
    serial: str
    outcome: str  # expected | extra | repeat
    asset_tag: str | None
    scanned: int  # distinct manifest serials scanned so far in this direction
    expected: int
    extra: int


@dataclass(frozen=True)
class Receipt:
    expected: int
    received: int
    missing: tuple[str, ...]
    extra: tuple[str, ...]
    broken_seals: tuple[str, ...]
    discrepancies: int


def _at(at: datetime | None) -> datetime:
    if at is None:
        return utcnow()
    if at.tzinfo is not None:
        at = at.astimezone(UTC).replace(tzinfo=None)
    return at


def _clean_details(details: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in details.items() if v not in (None, "", [], {})}


class CustodyService:
    def __init__(self, ctx: ServiceContext, assets: AssetService):
        self.ctx = ctx
        self.assets = assets

    # --- batches ------------------------------------------------------------------------------------
    @requires(security.BATCHES)
    def create(self, number: str, *, client: str | None = None, vendor: str | None = None, notes: str | None = None) -> BatchView:
        number = (number or "").strip()
        if not number:
            raise ValidationError(tr("a batch needs a job number"))
        if len(number) > 64:
            raise ValidationError(tr("the job number is longer than 64 characters"))
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            if s.scalar(select(ItadBatch.id).where(ItadBatch.number == number)) is not None:
                raise DuplicateError(tr("a batch with job number '{number}' already exists", number=number))
            batch = ItadBatch(
                number=number, client_id=self._party(s, client), vendor_id=self._party(s, vendor, kinds=("itad_vendor", "recycler")),
                status="open", notes=notes, created_by=uow.actor.name,
            )
            s.add(batch)
            s.flush()
            return self._view(s, batch)

    @requires(security.READ)
    def list(self, *, status: str | None = None) -> list[BatchView]:
        with self.ctx.db.read() as s:
            stmt = select(ItadBatch).order_by(ItadBatch.created_at.desc(), ItadBatch.id.desc())
            if status:
                stmt = stmt.where(ItadBatch.status == status)
            return [self._view(s, b) for b in s.scalars(stmt)]

    @requires(security.READ)
    def get(self, ref: str | int) -> BatchView:
        with self.ctx.db.read() as s:
            return self._view(s, self._batch(s, ref))

    @requires(security.READ)
    def items(self, ref: str | int) -> list[ItemView]:
        with self.ctx.db.read() as s:
            batch = self._batch(s, ref)
            rows = s.execute(
                select(BatchItem, Asset)
                .outerjoin(Asset, Asset.id == BatchItem.asset_id)
                .where(BatchItem.batch_id == batch.id)
                .order_by(BatchItem.in_manifest.desc(), BatchItem.id)
            )
            return [
                ItemView(i.serial, i.asset_id, i.asset_tag, a.category if a else None, a.manufacturer if a else None,
                         a.model if a else None, i.in_manifest, i.received_at, i.checked_out_at, i.weight_kg)
                for i, a in rows
            ]

    @requires(security.BATCHES)
    def add(self, ref: str | int, assets: Iterable[str], *, allow_unknown: bool = False) -> list[str]:
        """Put assets (tag, serial or #id) on an open batch's manifest; all or none. Returns the serials added.

        ``allow_unknown`` accepts serials that are not in the inventory (a vendor receiving a client's list).
        """
        refs = [r.strip() for r in assets if r and r.strip()]
        if not refs:
            raise ValidationError(tr("name at least one asset to add"))
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            batch = self._batch(s, ref, lock=True)
            if batch.status != "open":
                raise TransitionError(tr("batch {number}'s manifest is frozen ({status}); start a new batch for more assets",
                                         number=batch.number, status=batch.status))
            present = set(s.scalars(select(BatchItem.serial).where(BatchItem.batch_id == batch.id)))
            problems, added = [], []
            for r in refs:
                try:
                    asset = self.assets.resolve(s, r)
                except NotFoundError:
                    if not allow_unknown:
                        problems.append(tr("{ref}: not in the inventory", ref=r))
                        continue
                    asset = None
                serial = (asset.serial or asset.asset_tag or f"#{asset.id}") if asset else clean_serial(r)
                if not serial:
                    problems.append(tr("{ref}: not a serial number", ref=r))
                    continue
                if serial in present:
                    problems.append(tr("{ref}: already on batch {number}", ref=r, number=batch.number))
                    continue
                if asset is not None:
                    other = s.scalar(
                        select(ItadBatch.number).join(BatchItem, BatchItem.batch_id == ItadBatch.id)
                        .where(BatchItem.asset_id == asset.id, ItadBatch.status != "closed", ItadBatch.id != batch.id)
                    )
                    if other:
                        problems.append(tr("{ref}: already on open batch {number}", ref=r, number=other))
                        continue
                present.add(serial)
                s.add(BatchItem(batch_id=batch.id, asset_id=asset.id if asset else None, serial=serial,
                                asset_tag=asset.asset_tag if asset else None, weight_kg=asset.weight_kg if asset else None))
                added.append(serial)
            if problems:
                listed = join(problems[:20], "; ")
                if len(problems) > 20:
                    listed = join([listed, tr("and {n} more", n=len(problems) - 20)], "; ")
                raise ValidationError(tr("nothing added to batch {number}: {problems}", number=batch.number, problems=listed))
            return added

    @requires(security.BATCHES)
    def remove(self, ref: str | int, serials: Iterable[str]) -> int:
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            batch = self._batch(s, ref, lock=True)
            if batch.status != "open":
                raise TransitionError(tr("batch {number}'s manifest is frozen; it cannot lose serials", number=batch.number))
            n = 0
            for serial in serials:
                item = s.scalar(select(BatchItem).where(BatchItem.batch_id == batch.id, BatchItem.serial == serial.strip()))
                if item is None:
                    raise NotFoundError(tr("{serial} is not on batch {number}", serial=serial, number=batch.number))
                s.delete(item)
                n += 1
            return n

    @requires(security.BATCHES)
    def freeze_manifest(self, ref: str | int, *, at: datetime | None = None) -> BatchView:
        """Fix the manifest: its serials and their SHA-256 go into the custody ledger."""
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            batch = self._batch(s, ref, lock=True)
            if batch.status != "open":
                raise TransitionError(tr("batch {number}'s manifest is already frozen", number=batch.number))
            serials = list(s.scalars(select(BatchItem.serial).where(BatchItem.batch_id == batch.id).order_by(BatchItem.id)))
            if not serials:
                raise ValidationError(tr("batch {number} is empty; add assets before freezing its manifest", number=batch.number))
            digest = hashlib.sha256("\n".join(serials).encode("utf-8")).hexdigest()
            batch.status = "manifested"
            batch.manifest_sha256 = digest
            batch.manifest_frozen_at = _at(at)
            batch.expected_count = len(serials)
            self._event(s, batch, "manifest", {"count": len(serials), "sha256": digest, "serials": serials}, at, uow.actor.name)
            return self._view(s, batch)

    # --- custody events -------------------------------------------------------------------------------
    @requires(security.CUSTODY)
    def record_event(self, ref: str | int, kind: str, *, at: datetime | None = None, **details: Any) -> EventView:
        """Record a custody event. Details by kind: ``seals`` (list), ``carrier``, ``vehicle``, ``stream``,
        ``kg``, ``recycler``, ``certification``, ``note``, ``operator``, ``witness``."""
        kind = (kind or "").strip().lower()
        if kind not in EVENT_RULES:
            raise ValidationError(tr("custody event must be one of {kinds}, not '{kind}'", kinds=", ".join(EVENT_RULES), kind=kind))
        allowed, leads_to = EVENT_RULES[kind]
        details = _clean_details(details)
        if kind == "sealed" and not details.get("seals"):
            raise ValidationError(tr("say which seal numbers were applied"))
        if kind == "shipped":
            missing = [k for k in ("stream", "kg", "recycler") if k not in details]
            if missing:
                raise ValidationError(tr("a downstream shipment needs {fields}", fields=", ".join(missing)))
            try:
                details["kg"] = float(details["kg"])
            except (TypeError, ValueError):
                raise ValidationError(tr("'{value}' is not a weight in kg", value=details["kg"])) from None
            if details["kg"] <= 0:
                raise ValidationError(tr("the shipped weight must be more than 0 kg"))
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            batch = self._batch(s, ref, lock=True)
            if batch.status not in allowed:
                raise TransitionError(tr("batch {number} is {status}: '{kind}' may follow only {allowed}",
                                         number=batch.number, status=batch.status, kind=kind, allowed=", ".join(allowed)))
            if kind == "shipped" and details.get("recycler"):
                party = s.scalar(select(Party).where(Party.name == details["recycler"]))
                if party is not None and "certification" not in details and party.certifications:
                    c = party.certifications[0]
                    details["certification"] = f"{c.scheme} {c.number}"
            if leads_to:
                batch.status = leads_to
            return self._event(s, batch, kind, details, at, uow.actor.name)

    @requires(security.READ)
    def events(self, ref: str | int) -> list[EventView]:
        with self.ctx.db.read() as s:
            batch = self._batch(s, ref)
            rows = s.scalars(select(CustodyEvent).where(CustodyEvent.batch_id == batch.id).order_by(CustodyEvent.seq))
            return [EventView(e.seq, e.kind, e.at, e.actor, json.loads(e.details), e.hash) for e in rows]

    @requires(security.READ)
    def discrepancies(self, ref: str | int, *, open_only: bool = False) -> list[EventView]:
        events = self.events(ref)
        resolved = {e.details.get("discrepancy") for e in events if e.kind == "resolved"}
        return [e for e in events if e.kind == "discrepancy" and not (open_only and e.seq in resolved)]

    @requires(security.CUSTODY)
    def resolve(self, ref: str | int, seq: int, note: str) -> EventView:
        if not (note or "").strip():
            raise ValidationError(tr("say how the discrepancy was resolved"))
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            batch = self._batch(s, ref, lock=True)
            # A number no row can hold (the sequence is a 64-bit integer) names no discrepancy, and is no crash.
            in_range = isinstance(seq, int) and 0 < seq < 2**63
            ev = s.scalar(select(CustodyEvent).where(CustodyEvent.seq == seq, CustodyEvent.batch_id == batch.id)) \
                if in_range else None
            if ev is None or ev.kind != "discrepancy":
                raise NotFoundError(tr("batch {number} has no discrepancy #{seq}", number=batch.number, seq=seq))
            return self._event(s, batch, "resolved", {"discrepancy": seq, "note": note.strip()}, None, uow.actor.name)

    # --- scanning and receipt ----------------------------------------------------------------------------
    @requires(security.CUSTODY)
    def scan(self, ref: str | int, serial: str, *, direction: str = "in") -> ScanOutcome:
        """One serial typed or scanned at check-in (``in``) or check-out (``out``)."""
        if direction not in ("in", "out"):
            raise ValidationError(tr("direction must be in or out"))
        serial = clean_serial(serial) or ""
        if not serial:
            raise ValidationError(tr("scan a serial number"))
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            batch = self._batch(s, ref, lock=True)
            if batch.status == "open":
                raise TransitionError(tr("freeze batch {number}'s manifest before checking serials in", number=batch.number)
                                      if direction == "in" else
                                      tr("freeze batch {number}'s manifest before checking serials out", number=batch.number))
            if batch.status == "closed":
                raise TransitionError(tr("batch {number} is closed", number=batch.number))
            if direction == "in" and batch.status in ("received", "processed"):
                raise TransitionError(tr("batch {number} was already received", number=batch.number))
            item = s.scalar(select(BatchItem).where(BatchItem.batch_id == batch.id, BatchItem.serial == serial))
            if item is None:
                # Asset tags on labels are scanned as often as serials.
                item = s.scalar(select(BatchItem).where(BatchItem.batch_id == batch.id, BatchItem.asset_tag == serial))
            seen = s.scalar(select(func.count()).select_from(BatchScan).where(
                BatchScan.batch_id == batch.id, BatchScan.direction == direction, BatchScan.serial == (item.serial if item else serial)))
            if seen:
                outcome = "repeat"
            elif item is not None and item.in_manifest:
                outcome = "expected"
            else:
                outcome = "extra"
            s.add(BatchScan(batch_id=batch.id, direction=direction, serial=item.serial if item else serial,
                            outcome=outcome, actor=uow.actor.name))
            s.flush()
            counts = dict(s.execute(
                select(BatchScan.outcome, func.count()).where(BatchScan.batch_id == batch.id, BatchScan.direction == direction)
                .group_by(BatchScan.outcome)).all())
            return ScanOutcome(item.serial if item else serial, outcome, item.asset_tag if item else None,
                               counts.get("expected", 0), batch.expected_count or 0, counts.get("extra", 0))

    @requires(security.CUSTODY)
    def receive(
        self,
        ref: str | int,
        *,
        serials: Sequence[str] | None = None,
        seals_intact: Sequence[str] = (),
        seals_broken: Sequence[str] = (),
        weights: Mapping[str, float] | None = None,
        total_kg: float | None = None,
        operator: str | None = None,
        witness: str | None = None,
        at: datetime | None = None,
    ) -> Receipt:
        """Receive the batch at the vendor: compare what arrived (``serials``, or the check-in scans) with the
        manifest; every missing or extra serial and every broken seal becomes a discrepancy event."""
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            batch = self._batch(s, ref, lock=True)
            if batch.status not in ("manifested", "collected", "in_transit"):
                raise TransitionError(tr("batch {number} is {status}; only a frozen, not yet received batch can be received",
                                         number=batch.number, status=batch.status))
            items = {i.serial: i for i in s.scalars(select(BatchItem).where(BatchItem.batch_id == batch.id))}
            by_tag = {i.asset_tag: i for i in items.values() if i.asset_tag}
            if serials is None:
                arrived = list(dict.fromkeys(s.scalars(select(BatchScan.serial).where(
                    BatchScan.batch_id == batch.id, BatchScan.direction == "in").order_by(BatchScan.id))))
            else:
                arrived = []
                for raw in serials:
                    sn = clean_serial(raw)
                    if sn:
                        sn = sn if sn in items else (by_tag[sn].serial if sn in by_tag else sn)
                        if sn not in arrived:
                            arrived.append(sn)
            if not arrived:
                raise ValidationError(tr("nothing was checked in for batch {number}: scan serials or give the list", number=batch.number))
            weights = {k: float(v) for k, v in (weights or {}).items()}
            if any(v < 0 for v in weights.values()) or (total_kg is not None and total_kg < 0):
                raise ValidationError(tr("weights cannot be negative"))
            now = _at(at)
            manifest = [sn for sn, i in items.items() if i.in_manifest]
            arrived_set = set(arrived)
            missing = [sn for sn in manifest if sn not in arrived_set]
            extra = [sn for sn in arrived if sn not in items or not items[sn].in_manifest]
            for sn in arrived:
                if sn in items:
                    items[sn].received_at = now
                else:
                    s.add(BatchItem(batch_id=batch.id, serial=sn, in_manifest=False, received_at=now))
            batch.status = "received"
            batch.received_count = len(arrived)
            kg = total_kg if total_kg is not None else (sum(weights.values()) if weights else None)
            self._event(s, batch, "received", {
                "expected": len(manifest), "received": len(arrived), "missing": len(missing), "extra": len(extra),
                "seals_intact": list(seals_intact), "seals_broken": list(seals_broken), "weights": weights,
                "total_kg": kg, "operator": operator, "witness": witness,
            }, at, uow.actor.name)
            crash_point("custody.received")
            n = 0
            for sn in missing:
                self._event(s, batch, "discrepancy", {"type": "missing", "serial": sn}, at, uow.actor.name)
                n += 1
            for sn in extra:
                self._event(s, batch, "discrepancy", {"type": "extra", "serial": sn}, at, uow.actor.name)
                n += 1
            for seal in seals_broken:
                self._event(s, batch, "discrepancy", {"type": "broken_seal", "seal": seal}, at, uow.actor.name)
                n += 1
            return Receipt(len(manifest), len(arrived), tuple(missing), tuple(extra), tuple(seals_broken), n)

    @requires(security.CUSTODY)
    def check_out(self, ref: str | int, *, at: datetime | None = None) -> int:
        """Mark the serials scanned out (leaving the vendor downstream) as checked out; returns how many."""
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            batch = self._batch(s, ref, lock=True)
            scanned = set(s.scalars(select(BatchScan.serial).where(BatchScan.batch_id == batch.id, BatchScan.direction == "out")))
            now = _at(at)
            n = 0
            for item in s.scalars(select(BatchItem).where(BatchItem.batch_id == batch.id, BatchItem.checked_out_at.is_(None))):
                if item.serial in scanned:
                    item.checked_out_at = now
                    n += 1
            return n

    @requires(security.BATCHES)
    def close(self, ref: str | int, *, at: datetime | None = None, force: bool = False) -> BatchView:
        """Close a received batch. Open discrepancies block closing unless ``force`` (they stay on record)."""
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            batch = self._batch(s, ref, lock=True)
            if batch.status not in ("received", "processed"):
                raise TransitionError(tr("batch {number} is {status}; receive it before closing", number=batch.number, status=batch.status))
            open_n = self._open_discrepancies(s, batch.id)
            if open_n and not force:
                raise TransitionError(tr(
                    "batch {number} has {n} open discrepancies; resolve them, or close with force to keep them open on record",
                    number=batch.number, n=open_n))
            batch.status = "closed"
            batch.closed_at = _at(at)
            self._event(s, batch, "closed", {"open_discrepancies": open_n}, at, uow.actor.name)
            return self._view(s, batch)

    # --- helpers ---------------------------------------------------------------------------------------
    def _event(self, s: Session, batch: ItadBatch, kind: str, details: Mapping[str, Any], at: datetime | None, actor: str) -> EventView:
        ev = CustodyEvent(batch_id=batch.id, kind=kind, at=_at(at), actor=actor, details=_JSON.encode(_clean_details(details)))
        ledger.append(s, ev)
        s.flush()
        return EventView(ev.seq, ev.kind, ev.at, ev.actor, json.loads(ev.details), ev.hash)

    @staticmethod
    def _open_discrepancies(s: Session, batch_id: int) -> int:
        rows = s.execute(select(CustodyEvent.seq, CustodyEvent.kind, CustodyEvent.details).where(
            CustodyEvent.batch_id == batch_id, CustodyEvent.kind.in_(("discrepancy", "resolved")))).all()
        resolved = {json.loads(d).get("discrepancy") for _, k, d in rows if k == "resolved"}
        return sum(1 for seq, k, _ in rows if k == "discrepancy" and seq not in resolved)

    @staticmethod
    def _party(s: Session, name: str | None, kinds: tuple[str, ...] | None = None) -> int | None:
        if not name:
            return None
        party = s.scalar(select(Party).where(Party.name == name.strip()))
        if party is None:
            raise NotFoundError(tr("no party named '{name}' (add it with itam party add)", name=name))
        if kinds and party.kind not in kinds:
            raise ValidationError(tr("'{name}' is a {kind}, not an ITAD vendor or recycler", name=name, kind=party.kind))
        return party.id

    @staticmethod
    def _batch(s: Session, ref: str | int, *, lock: bool = False) -> ItadBatch:
        stmt = select(ItadBatch)
        if isinstance(ref, int) or (isinstance(ref, str) and ref.startswith("#") and _as_id(ref[1:]) is not None):
            stmt = stmt.where(ItadBatch.id == (ref if isinstance(ref, int) else _as_id(ref[1:])))
        else:
            stmt = stmt.where(ItadBatch.number == str(ref).strip())
        if lock:
            stmt = stmt.with_for_update()
        batch = s.scalar(stmt)
        if batch is None:
            raise NotFoundError(tr("no batch '{ref}'", ref=ref))
        return batch

    def _view(self, s: Session, b: ItadBatch) -> BatchView:
        n = s.scalar(select(func.count()).select_from(BatchItem).where(BatchItem.batch_id == b.id)) or 0
        return BatchView(
            b.id, b.number, b.status, b.client.name if b.client else None, b.vendor.name if b.vendor else None, n,
            b.manifest_sha256, b.manifest_frozen_at, b.expected_count, b.received_count,
            self._open_discrepancies(s, b.id), b.created_at, b.created_by, b.closed_at, b.notes,
        )
