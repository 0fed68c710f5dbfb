"""Apply a transition to an asset inside the caller's unit of work."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from itam.errors import GuardError, TransitionError, ValidationError
from itam.lifecycle.definitions import Lifecycle, Transition
from itam.lifecycle.guards import GUARDS
from itam.models import Asset


@dataclass(frozen=True)
class MoveRequest:
    target: str
    reason: str | None = None
    party_id: int | None = None
    assignee_id: int | None = None
    location_id: int | None = None
    transition: str | None = None  # pick a transition by key instead of by target


def choose_transition(lifecycle: Lifecycle, asset: Asset, request: MoveRequest) -> Transition:
    current = lifecycle.statuses.get(asset.status)
    if current is None:
        raise TransitionError(f"asset {label(asset)} has the unknown status {asset.status!r}")
    if current.terminal:
        raise TransitionError(
            f"asset {label(asset)} is {current.name.lower()}: a {current.name.lower()} asset never returns "
            "to use or moves on"
        )
    if request.transition:
        t = lifecycle.transitions.get(request.transition)
        if t is None:
            raise TransitionError(f"unknown transition {request.transition!r}")
        if asset.status not in t.sources:
            raise TransitionError(f"'{t.name}' cannot start from {current.name.lower()}")
        return t
    if request.target not in lifecycle.statuses:
        raise TransitionError(
            f"unknown status {request.target!r} (known: {', '.join(lifecycle.statuses)})"
        )
    t = lifecycle.find(asset.status, request.target)
    if t is None:
        allowed = ", ".join(f"{x.target}" for x in lifecycle.allowed_from(asset.status)) or "none"
        raise TransitionError(
            f"asset {label(asset)} cannot move from {asset.status} to {request.target} "
            f"(from {asset.status} it can move to: {allowed})"
        )
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
    if missing:
        raise ValidationError(f"'{t.name}' needs: {', '.join(missing)}")
    refusals = []
    for g in t.guards:
        why = GUARDS[g](session, asset)
        if why:
            refusals.append(why)
    if refusals:
        raise GuardError(f"asset {label(asset)} cannot be moved to {t.target}: " + "; ".join(refusals))
    return t


def apply_transition(session: Session, lifecycle: Lifecycle, asset: Asset, t: Transition, request: MoveRequest) -> None:
    """Set status, stage, lever and flag; the flush listener writes the history entry."""
    target = lifecycle.statuses[t.target]
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
