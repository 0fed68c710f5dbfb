"""Worklists of assets that need a lifecycle decision, each with its recommended circular lever (read-only).

The lifecycle page of the GUI (and anything else) asks for one worklist a page at a time:

* ``due_refresh`` — in use or in stock and older than the policy's refresh cycle for their category,
  oldest first;
* ``retired`` — retired, awaiting a decision;
* ``awaiting_sanitization`` — queued for data sanitization;
* ``sanitized`` — sanitized, ready to leave;
* ``missing`` — missing (not seen by discovery) or lost / stolen.

Each row carries the :class:`~itam.lifecycle.recommend.Recommendation` for the asset, computed from the same
facts as :meth:`LifecycleService.recommend`, but with the media and failed sanitizations of a whole page read
in two queries instead of one per asset. No Qt here: the GUI runs these calls on a worker.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Select, and_, func, or_, select

from itam.errors import ItamError, ValidationError
from itam.fields import categories
from itam.lifecycle.recommend import (
    AssetFacts,
    Policy,
    Recommendation,
    default_policy,
    recommend,
)
from itam.messages import tr
from itam.models import Asset, SanitizationRecord, StorageMedium
from itam import security
from itam.services.context import ServiceContext, requires

#: Worklists, in the order a person works through them.
WORKLISTS = ("due_refresh", "retired", "awaiting_sanitization", "sanitized", "missing")
#: Statuses an asset past its refresh cycle is still in service with.
IN_SERVICE = ("deployed", "in_stock")
_STATUSES = {
    "retired": ("retired",),
    "awaiting_sanitization": ("awaiting_sanitization",),
    "sanitized": ("sanitized",),
    "missing": ("missing", "lost_stolen"),
}
#: Assets per query when reading media and sanitization results for a page.
_CHUNK = 500


@dataclass(frozen=True)
class WorkItem:
    """One asset of a worklist with the lever recommended for it."""

    id: int
    asset_tag: str | None
    category: str
    manufacturer: str | None
    model: str | None
    serial: str | None
    status: str
    condition_grade: str | None
    purchase_date: date | None
    data_bearing: bool
    flag: str | None
    recommendation: Recommendation

    @property
    def age_years(self) -> float | None:
        return self.recommendation.age_years


@dataclass(frozen=True)
class Worklist:
    kind: str
    items: tuple[WorkItem, ...]
    offset: int
    total: int


def _years_before(today: date, years: float) -> date:
    """The purchase date at which an asset is ``years`` old on ``today`` (the recommendation's year of 365.25 days)."""
    return today - timedelta(days=round(years * 365.25))


class RetirementService:
    """Read-only: which assets need a decision, and what the policy recommends for each."""

    def __init__(self, ctx: ServiceContext, policy: Policy | None = None):
        self.ctx = ctx
        self._policy = policy

    @property
    def policy(self) -> Policy:
        return self._policy or default_policy()

    # --- the query of a worklist ---------------------------------------------------------------------
    def _where(self, kind: str, today: date) -> list:
        if kind not in WORKLISTS:
            raise ValidationError(tr("unknown worklist {kind} (known: {known})", kind=repr(kind), known=", ".join(WORKLISTS)))
        if kind != "due_refresh":
            return [Asset.status.in_(_STATUSES[kind])]
        policy = self.policy
        # One cut-off date per category; an asset older than its category's refresh cycle is due.
        per_category = [
            and_(Asset.category == key, Asset.purchase_date < _years_before(today, policy.refresh_for(key)))
            for key in categories()
        ]
        known = list(categories())
        other = and_(
            Asset.category.not_in(known), Asset.purchase_date < _years_before(today, policy.refresh_for("other"))
        )
        return [Asset.status.in_(IN_SERVICE), Asset.purchase_date.is_not(None), or_(*per_category, other)]

    def _select(self, kind: str, today: date) -> Select:
        stmt = select(
            Asset.id, Asset.asset_tag, Asset.category, Asset.manufacturer, Asset.model, Asset.serial, Asset.status,
            Asset.condition_grade, Asset.purchase_date, Asset.data_bearing, Asset.flag,
        ).where(*self._where(kind, today))
        # Oldest first; assets without a purchase date last.
        return stmt.order_by(Asset.purchase_date.is_(None), Asset.purchase_date.asc(), Asset.id.asc())

    # --- reading -------------------------------------------------------------------------------------
    @requires(security.READ)
    def count(self, kind: str, *, today: date | None = None) -> int:
        today = today or date.today()
        stmt = select(func.count()).select_from(Asset).where(*self._where(kind, today))
        with self.ctx.db.read() as s:
            return s.execute(stmt).scalar_one()

    @requires(security.READ)
    def counts(self, *, today: date | None = None) -> dict[str, int]:
        """How many assets each worklist holds."""
        today = today or date.today()
        return {kind: self.count(kind, today=today) for kind in WORKLISTS}

    @requires(security.READ)
    def worklist(
        self,
        kind: str,
        *,
        offset: int = 0,
        limit: int = 500,
        today: date | None = None,
        progress: Callable[[int, int], None] | None = None,
        is_cancelled: Callable[[], bool] | None = None,
    ) -> Worklist:
        """One page of a worklist with a recommendation per asset, and the worklist's total."""
        if offset < 0 or limit < 0:
            raise ValidationError(tr("offset and limit must not be negative"))
        today = today or date.today()
        with self.ctx.db.read() as s:
            total = s.execute(select(func.count()).select_from(Asset).where(*self._where(kind, today))).scalar_one()
            rows = list(s.execute(self._select(kind, today).offset(offset).limit(limit)))
            ids = [r.id for r in rows]
            media: dict[int, list[str]] = defaultdict(list)
            failed: set[int] = set()
            for start in range(0, len(ids), _CHUNK):
                if is_cancelled and is_cancelled():
                    raise ItamError(tr("cancelled"))
                chunk = ids[start:start + _CHUNK]
                for asset_id, media_type in s.execute(
                    select(StorageMedium.asset_id, StorageMedium.media_type)
                    .where(StorageMedium.asset_id.in_(chunk), StorageMedium.removed.is_(False))
                    .order_by(StorageMedium.id)
                ):
                    media[asset_id].append(media_type)
                failed.update(
                    s.scalars(
                        select(StorageMedium.asset_id)
                        .join(SanitizationRecord, SanitizationRecord.medium_id == StorageMedium.id)
                        .where(StorageMedium.asset_id.in_(chunk), SanitizationRecord.result == "fail")
                        .distinct()
                    )
                )
        policy = self.policy
        items = []
        for i, r in enumerate(rows):
            if i % 200 == 0:
                if is_cancelled and is_cancelled():
                    raise ItamError(tr("cancelled"))
                if progress:
                    progress(i, len(rows))
            facts = AssetFacts(
                category=r.category,
                purchase_date=r.purchase_date,
                condition_grade=r.condition_grade,
                data_bearing=bool(r.data_bearing),
                media_types=tuple(media.get(r.id, ())),
                failed_sanitization=r.id in failed,
                status=r.status,
            )
            items.append(
                WorkItem(
                    id=r.id, asset_tag=r.asset_tag, category=r.category, manufacturer=r.manufacturer, model=r.model,
                    serial=r.serial, status=r.status, condition_grade=r.condition_grade,
                    purchase_date=r.purchase_date, data_bearing=bool(r.data_bearing), flag=r.flag,
                    recommendation=recommend(facts, policy, today),
                )
            )
        if progress:
            progress(len(rows), len(rows))
        return Worklist(kind, tuple(items), offset, total)
