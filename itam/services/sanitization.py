"""Recording the sanitization or destruction of a storage medium (DOMAIN.md §4).

A record is what the custody guard (``itam.lifecycle.guards.media_sanitized``) reads: a data-bearing
asset leaves the organisation only when every medium still in it has a passing record that was
verified (Clear, Purge) or is a destruction. Every record also writes a history entry on the asset, in
the same transaction, so the hash chain shows when and by whom a wipe was logged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from itam.errors import NotFoundError, ValidationError
from itam.fields import to_plain
from itam.history.chain import PendingEntry
from itam.models import Asset, SanitizationRecord, StorageMedium, utcnow
from itam.services.assets import AssetService
from itam.services.context import ServiceContext, UnitOfWork

#: NIST SP 800-88 / IEEE 2883 method categories.
CATEGORIES = ("clear", "purge", "destroy")
RESULTS = ("pass", "pass_with_warnings", "fail", "aborted")
#: A record may be dated a little ahead of this machine's clock (another machine's, a time zone slip).
_FUTURE_SLACK = timedelta(days=1)


@dataclass(frozen=True)
class SanitizationView:
    id: int
    asset_id: int
    medium_id: int
    category: str
    technique: str
    result: str
    verified: bool
    performed_at: datetime
    operator: str | None
    notes: str | None


def _naive_utc(at: datetime) -> datetime:
    if at.tzinfo is not None:
        at = at.astimezone(UTC).replace(tzinfo=None)
    return at


def record_sanitization(
    uow: UnitOfWork,
    asset: Asset,
    medium_id: int,
    *,
    category: str,
    technique: str,
    result: str,
    verified: bool,
    performed_at: datetime,
    operator: str | None,
    notes: str | None = None,
) -> SanitizationRecord:
    """Write one record for a medium of ``asset`` and its history entry, inside the caller's unit of work."""
    s = uow.session
    category = (category or "").strip().lower()
    result = (result or "").strip().lower()
    technique = (technique or "").strip()
    problems = []
    if category not in CATEGORIES:
        problems.append(f"category must be one of {', '.join(CATEGORIES)}, not '{category}'")
    if result not in RESULTS:
        problems.append(f"result must be one of {', '.join(RESULTS)}, not '{result}'")
    if not technique:
        problems.append("say which technique was used (e.g. 'NVMe sanitize, crypto erase', 'shred')")
    if len(technique) > 64:
        problems.append("the technique is longer than 64 characters")
    if not isinstance(performed_at, datetime):
        problems.append("performed_at must be a date and time")
    elif _naive_utc(performed_at) > utcnow() + _FUTURE_SLACK:
        problems.append(f"performed_at {performed_at:%Y-%m-%d %H:%M} lies in the future")
    if problems:
        raise ValidationError("; ".join(problems))
    medium = s.get(StorageMedium, medium_id)
    if medium is None:
        raise NotFoundError(f"no storage medium #{medium_id}")
    if medium.asset_id != asset.id:
        raise ValidationError(
            f"storage medium #{medium_id} belongs to another asset (#{medium.asset_id}), not to "
            f"{asset.asset_tag or asset.serial or f'#{asset.id}'}"
        )
    rec = SanitizationRecord(
        medium_id=medium.id,
        category=category,
        technique=technique,
        result=result,
        verified=bool(verified),
        performed_at=_naive_utc(performed_at),
        operator=(operator or "").strip() or None,
        notes=notes,
    )
    s.add(rec)
    s.flush()
    described = f"{medium.media_type} {medium.serial or ''}".strip() + f" (#{medium.id})"
    uow.record(
        [
            PendingEntry(
                asset_id=asset.id,
                actor=uow.actor.name,
                source=uow.source,
                action="sanitization",
                changes={
                    "sanitization": [
                        None,
                        {
                            "record": rec.id,
                            "medium": described,
                            "category": rec.category,
                            "technique": rec.technique,
                            "result": rec.result,
                            "verified": rec.verified,
                            "performed_at": to_plain(rec.performed_at),
                            "operator": rec.operator,
                        },
                    ]
                },
                reason=notes,
                operation=uow.operation,
            )
        ]
    )
    return rec


def _view(rec: SanitizationRecord, asset_id: int) -> SanitizationView:
    return SanitizationView(
        rec.id, asset_id, rec.medium_id, rec.category, rec.technique, rec.result, rec.verified,
        rec.performed_at, rec.operator, rec.notes,
    )


class SanitizationService:
    def __init__(self, ctx: ServiceContext, assets: AssetService):
        self.ctx = ctx
        self.assets = assets

    def record(
        self,
        asset_ref: str | int,
        medium_id: int,
        *,
        category: str,
        technique: str,
        result: str,
        verified: bool,
        performed_at: datetime,
        operator: str | None,
        notes: str | None = None,
    ) -> SanitizationView:
        """Record how one medium of the asset was sanitized or destroyed; one transaction with its history."""
        with self.ctx.unit_of_work() as uow:
            asset = self.assets.resolve(uow.session, asset_ref)
            rec = record_sanitization(
                uow, asset, medium_id, category=category, technique=technique, result=result,
                verified=verified, performed_at=performed_at, operator=operator, notes=notes,
            )
            return _view(rec, asset.id)
