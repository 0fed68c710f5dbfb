"""Apply a transition to an asset inside the caller's unit of work."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from itam.errors import GuardError, TransitionError, ValidationError
from itam.lifecycle.definitions import LEAVES_SERVICE, Lifecycle, Transition
from itam.lifecycle.guards import GUARDS
from itam.messages import join, tr
from itam.models import Asset, LifecycleEvent, LifecycleEventPart, PartyCertification, utcnow

PART_DIRECTIONS = ("fitted", "recovered")
_CURRENCY = re.compile(r"^[A-Z]{3}$")
_PART_KIND = re.compile(r"^[a-z][a-z0-9_]*$")
_PART_TEXT = re.compile(r"^([a-z][a-z0-9_]*?)(?::(\d+(?:\.\d+)?))?(?:x(\d+))?$")


@dataclass(frozen=True)
class Part:
    """A part fitted (repair, refurbishment) or recovered (harvest): a component kind of the factor set."""

    direction: str
    kind: str
    size_gb: float | None = None
    quantity: int = 1

    def __post_init__(self) -> None:
        if self.direction not in PART_DIRECTIONS:
            raise ValidationError(tr("a part is fitted or recovered, not {direction!r}", direction=self.direction))
        if not _PART_KIND.match(self.kind or ""):
            raise ValidationError(tr("a part kind is a lower-case name such as ram or ssd, not {kind!r}", kind=self.kind))
        if self.size_gb is not None and (not math.isfinite(self.size_gb) or self.size_gb <= 0):
            raise ValidationError(tr("a {kind} size must be above 0 GB, not {size!r}", kind=self.kind, size=self.size_gb))
        if not 1 <= self.quantity <= 10_000:
            raise ValidationError(tr("a part quantity is 1 to 10,000, not {quantity!r}", quantity=self.quantity))

    @classmethod
    def parse(cls, direction: str, text: str) -> Part:
        """``ram:16``, ``ssd:512x2`` (two 512 GB SSDs), ``hdd``, ``motherboard`` …"""
        m = _PART_TEXT.match((text or "").strip().lower())
        if m is None:
            raise ValidationError(tr("a part is written KIND[:SIZE_GB][xCOUNT], e.g. ram:16, ssd:512x2, hdd; not {text!r}",
                                     text=text))
        kind, size, count = m.groups()
        return cls(direction, kind, float(size) if size else None, int(count) if count else 1)


@dataclass(frozen=True)
class MoveRequest:
    target: str
    reason: str | None = None
    party_id: int | None = None
    assignee_id: int | None = None
    location_id: int | None = None
    transition: str | None = None  # pick a transition by key instead of by target
    # What the move's lifecycle event records (transitions with a pathway only): when it happened, if not
    # now; the mass weighed; money received and paid; parts fitted or recovered.
    occurred_at: datetime | None = None
    weight_kg: float | None = None
    value: Decimal | None = None
    cost: Decimal | None = None
    currency: str | None = None
    parts: tuple[Part, ...] = ()


def event_time(when: date | datetime | str | None) -> datetime | None:
    """A move's date as naive UTC: a date is taken at noon (so it stays on its day in any time zone); the
    future is refused."""
    if when is None or when == "":
        return None
    if isinstance(when, str):
        try:
            when = datetime.fromisoformat(when.strip()) if "T" in when or " " in when.strip() else date.fromisoformat(when.strip())
        except ValueError:
            raise ValidationError(tr("{when!r} is not a date (YYYY-MM-DD) or date and time", when=when)) from None
    if not isinstance(when, datetime):
        when = datetime.combine(when, time(12, 0))
    if when.tzinfo is not None:
        from datetime import UTC

        when = when.astimezone(UTC).replace(tzinfo=None)
    if when > utcnow():
        if when.date() > utcnow().date():
            raise ValidationError(tr("a move cannot happen in the future ({day})", day=when.date().isoformat()))
        when = utcnow()
    return when


def money(value: object, what: str) -> Decimal | None:
    """A non-negative amount with at most two decimals, or None."""
    if value is None or value == "":
        return None
    try:
        amount = Decimal(str(value).strip().replace(",", ""))
    except InvalidOperation:
        raise ValidationError(tr("{what} must be an amount such as 120.50, not {value!r}", what=what,
                                 value=value)) from None
    if not amount.is_finite() or amount < 0:
        raise ValidationError(tr("{what} must be an amount of 0 or more, not {value!r}", what=what, value=value))
    if amount != amount.quantize(Decimal("0.01")):
        raise ValidationError(tr("{what} has more than two decimals: {value!r}", what=what, value=value))
    if amount >= Decimal("1e12"):
        raise ValidationError(tr("{what} is too large: {value!r}", what=what, value=value))
    return amount


def check_outcome(request: MoveRequest) -> None:
    if request.weight_kg is not None and (not math.isfinite(request.weight_kg) or not 0 < request.weight_kg < 100_000):
        raise ValidationError(tr("a weight must be above 0 and below 100,000 kg, not {weight!r}",
                                 weight=request.weight_kg))
    if request.currency is not None and not _CURRENCY.match(request.currency):
        raise ValidationError(tr("a currency is a three-letter ISO 4217 code such as EUR or CNY, not {currency!r}",
                                 currency=request.currency))
    if (request.value is not None or request.cost is not None) and request.currency is None:
        raise ValidationError(tr("an amount needs its currency (e.g. --currency EUR)"))


def choose_transition(lifecycle: Lifecycle, asset: Asset, request: MoveRequest) -> Transition:
    current = lifecycle.statuses.get(asset.status)
    if current is None:
        raise TransitionError(tr("asset {asset} has the unknown status {status!r}", asset=label(asset),
                                 status=asset.status))
    if current.terminal:
        raise TransitionError(tr("asset {asset} is {status}: a {status} asset never returns to use or moves on",
                                 asset=label(asset), status=current.name.lower()))
    if request.transition:
        t = lifecycle.transitions.get(request.transition)
        if t is None:
            raise TransitionError(tr("unknown transition {key!r}", key=request.transition))
        if asset.status not in t.sources:
            raise TransitionError(tr("'{transition}' cannot start from {status}", transition=t.name,
                                     status=current.name.lower()))
        return t
    if request.target not in lifecycle.statuses:
        raise TransitionError(tr("unknown status {status!r} (known: {known})", status=request.target,
                                 known=", ".join(lifecycle.statuses)))
    t = lifecycle.find(asset.status, request.target)
    if t is None:
        allowed = ", ".join(f"{x.target}" for x in lifecycle.allowed_from(asset.status))
        if not allowed:
            raise TransitionError(tr("asset {asset} cannot move from {source} to {target} (from {source} it can "
                                     "move to: none)", asset=label(asset), source=asset.status, target=request.target))
        raise TransitionError(tr("asset {asset} cannot move from {source} to {target} (from {source} it can move to: "
                                 "{allowed})", asset=label(asset), source=asset.status, target=request.target,
                                 allowed=allowed))
    return t


def label(asset: Asset) -> str:
    return asset.asset_tag or asset.serial or f"#{asset.id}"


def check_transition(session: Session, lifecycle: Lifecycle, asset: Asset, request: MoveRequest) -> Transition:
    """Everything that must hold before the move; raises with every reason it may not happen."""
    t = choose_transition(lifecycle, asset, request)
    missing = []
    for need in t.requires:
        value = {
            "reason": (request.reason or "").strip() or None,
            "party": request.party_id,
            "assignee": request.assignee_id,
            "location": request.location_id,
        }[need]
        if value is None:
            missing.append(need)
    check_outcome(request)
    if missing:
        raise ValidationError(tr("'{transition}' needs: {missing}", transition=t.name, missing=", ".join(missing)))
    refusals = []
    for g in t.guards:
        why = GUARDS[g](session, asset)
        if why:
            refusals.append(why)
    if refusals:
        raise GuardError(tr("asset {asset} cannot be moved to {target}: {reasons}", asset=label(asset), target=t.target,
                            reasons=join(refusals, "; ")))
    return t


def apply_transition(session: Session, lifecycle: Lifecycle, asset: Asset, t: Transition, request: MoveRequest) -> None:
    """Set status, stage, lever and flag; the flush listener writes the history entry. A transition with a
    pathway also writes its lifecycle event (what the circularity metrics count)."""
    target = lifecycle.statuses[t.target]
    if t.pathway is not None:
        event = record_event(session, asset, t, request)
        if t.pathway in LEAVES_SERVICE and asset.out_of_service_at is None:
            asset.out_of_service_at = event.occurred_at
    if lifecycle.in_service(target.key):
        asset.out_of_service_at = None
    asset.status = target.key
    if t.lever:
        asset.lever = t.lever
        asset.stage = lifecycle.stage_of_lever(t.lever).number
    if target.stage is not None:
        asset.stage = target.stage
    if t.flag:
        asset.flag = t.flag
        asset.flag_reason = request.reason
    if request.party_id is not None:
        asset.holder_id = request.party_id
    if request.assignee_id is not None:
        asset.assignee_id = request.assignee_id
    if request.location_id is not None:
        asset.location_id = request.location_id


def record_event(session: Session, asset: Asset, t: Transition, request: MoveRequest) -> LifecycleEvent:
    when = request.occurred_at or utcnow()
    party_id = request.party_id if request.party_id is not None else asset.holder_id
    certified = False
    if party_id is not None:
        certified = session.scalar(
            select(PartyCertification.id).where(
                PartyCertification.party_id == party_id,
                or_(PartyCertification.valid_until.is_(None), PartyCertification.valid_until >= when.date()),
            ).limit(1)
        ) is not None
    uow = session.info.get("itam_uow")
    event = LifecycleEvent(
        asset_id=asset.id, transition=t.key, pathway=t.pathway, from_status=asset.status, to_status=t.target,
        occurred_at=when, recorded_at=utcnow(), actor=uow.actor.name if uow else "system",
        party_id=party_id, certified=certified, weight_kg=request.weight_kg, value=request.value,
        cost=request.cost, currency=request.currency, note=(request.reason or None),
        category=asset.category, manufacturer=asset.manufacturer, model=asset.model, department=asset.department,
        location_id=asset.location_id, purchase_date=asset.purchase_date, data_bearing=bool(asset.data_bearing),
        mass_kg=request.weight_kg if request.weight_kg is not None else asset.weight_kg,
        parts=[LifecycleEventPart(direction=p.direction, kind=p.kind, size_gb=p.size_gb, quantity=p.quantity)
               for p in request.parts],
    )
    session.add(event)
    return event
