"""Lifecycle moves (single and bulk) and recommendations."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select

from itam.crashpoints import crash_point
from itam.errors import ItamError, TransitionError
from itam.lifecycle import default_lifecycle
from itam.lifecycle.engine import MoveRequest, Part, apply_transition, check_transition, event_time, money
from itam.lifecycle.recommend import AssetFacts, Policy, Recommendation, recommend
from itam.messages import join, tr
from itam.models import SanitizationRecord, StorageMedium
from itam.services.assets import AssetService, location_id, party_id, person_id
from itam import security
from itam.services.context import ServiceContext, requires
from itam.services.views import AssetDetail


@dataclass(frozen=True)
class BulkMoveResult:
    moved: int
    operation: str


class LifecycleService:
    def __init__(self, ctx: ServiceContext, assets: AssetService):
        self.ctx = ctx
        self.assets = assets

    @requires(security.ASSET_MOVE)
    def move(
        self,
        ref: str | int,
        target: str,
        *,
        reason: str | None = None,
        party: str | None = None,
        assignee: str | None = None,
        location: str | None = None,
        transition: str | None = None,
        occurred_at: date | datetime | str | None = None,
        weight_kg: float | None = None,
        value: Decimal | float | str | None = None,
        cost: Decimal | float | str | None = None,
        currency: str | None = None,
        parts: Sequence[Part] = (),
    ) -> AssetDetail:
        """Move one asset to ``target`` through the transition the table allows, in one transaction.

        For a move with a metrics pathway (retire, sell, recycle …) the outcome is recorded with it: when it
        happened (``occurred_at``, default now; never in the future), the mass weighed, money received
        (``value``) and paid (``cost``) in ``currency``, and the parts fitted or recovered.
        """
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            asset = self.assets.resolve(s, ref)
            request = MoveRequest(
                target=target,
                reason=reason,
                party_id=party_id(s, party),
                assignee_id=person_id(s, assignee),
                location_id=location_id(s, location),
                transition=transition,
                occurred_at=event_time(occurred_at),
                weight_kg=weight_kg,
                value=money(value, tr("the value received")),
                cost=money(cost, tr("the cost")),
                currency=(currency or "").strip().upper() or None,
                parts=tuple(parts),
            )
            lifecycle = default_lifecycle()
            t = check_transition(s, lifecycle, asset, request)
            with uow.action("transition", transition=t.key, reason=reason):
                apply_transition(s, lifecycle, asset, t, request)
            return self.assets._detail(s, asset, with_history=True)

    @requires(security.ASSET_MOVE)
    def move_many(
        self,
        refs: Sequence[str | int],
        target: str,
        *,
        reason: str | None = None,
        party: str | None = None,
        occurred_at: date | datetime | str | None = None,
        progress: Callable[[int, int], None] | None = None,
        is_cancelled: Callable[[], bool] | None = None,
    ) -> BulkMoveResult:
        """All or nothing: every asset moves, or none does and the error names each one that could not.

        ``occurred_at`` dates every move's lifecycle event; amounts, weights and parts are per asset and
        are recorded with :meth:`move`."""
        operation = self.ctx.new_operation_id()
        when = event_time(occurred_at)
        lifecycle = default_lifecycle()
        with self.ctx.unit_of_work(operation=operation) as uow:
            s = uow.session
            pid = party_id(s, party)
            failures: list[str] = []  # messages, one per asset that cannot move
            plan = []
            for i, ref in enumerate(refs):
                if is_cancelled and is_cancelled():
                    raise ItamError(tr("cancelled: nothing was moved"))
                try:
                    asset = self.assets.resolve(s, ref)
                    request = MoveRequest(target=target, reason=reason, party_id=pid, occurred_at=when)
                    plan.append((asset, check_transition(s, lifecycle, asset, request), request))
                except ItamError as exc:
                    failures.append(tr("{item}: {problem}", item=ref, problem=exc.args[0] if exc.args else str(exc)))
                if progress and i % 200 == 0:
                    progress(i, len(refs))
            if failures:
                lines = [
                    tr("{failed} of {total} assets cannot move; nothing was moved:", failed=len(failures), total=len(refs)),
                    *failures[:20],
                ]
                if len(failures) > 20:
                    lines.append(tr("… and {more} more", more=len(failures) - 20))
                raise TransitionError(join(lines, "\n  "))
            for asset, t, request in plan:
                with uow.action("transition", transition=t.key, reason=reason):
                    apply_transition(s, lifecycle, asset, t, request)
                crash_point("lifecycle.moved")
            if progress:
                progress(len(refs), len(refs))
        return BulkMoveResult(len(plan), operation)

    @requires(security.READ)
    def facts(self, ref: str | int) -> AssetFacts:
        with self.ctx.db.read() as s:
            asset = self.assets.resolve(s, ref)
            media = [m for m in asset.media if not m.removed]
            failed = bool(
                s.scalar(
                    select(SanitizationRecord.id)
                    .join(StorageMedium, StorageMedium.id == SanitizationRecord.medium_id)
                    .where(StorageMedium.asset_id == asset.id, SanitizationRecord.result == "fail")
                    .limit(1)
                )
            )
            return AssetFacts(
                category=asset.category,
                purchase_date=asset.purchase_date,
                condition_grade=asset.condition_grade,
                data_bearing=asset.data_bearing,
                media_types=tuple(m.media_type for m in media),
                failed_sanitization=failed,
                status=asset.status,
            )

    @requires(security.READ)
    def recommend(self, ref: str | int, *, policy: Policy | None = None, today: date | None = None) -> Recommendation:
        return recommend(self.facts(ref), policy, today)

