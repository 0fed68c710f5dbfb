"""Guards: checks a transition must pass. The transition table names them; this module defines them.

A guard returns ``None`` when the move may go ahead, or the reason it may not.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import and_, exists, select
from sqlalchemy.orm import Session

from itam.messages import tr
from itam.models import Asset, SanitizationRecord, StorageMedium

GuardFn = Callable[[Session, Asset], "str | None"]

#: Results that count as a finished sanitization.
PASSING_RESULTS = ("pass", "pass_with_warnings")


def unsanitized_media(session: Session, asset_id: int) -> list[StorageMedium]:
    """Media still in the asset without a verified, passing, policy-meeting sanitization or destruction record."""
    good = exists().where(
        and_(
            SanitizationRecord.medium_id == StorageMedium.id,
            SanitizationRecord.result.in_(PASSING_RESULTS),
            # ``verified`` and ``meets_policy`` are decided when the record is written
            # (itam.sanitization.rules.assess): destruction and degaussing verify themselves, every other
            # Clear and Purge needs a passing verification, and the category must reach what the data's
            # classification requires.
            SanitizationRecord.verified.is_(True),
            SanitizationRecord.meets_policy.is_(True),
        )
    )
    stmt = (
        select(StorageMedium)
        .where(StorageMedium.asset_id == asset_id, StorageMedium.removed.is_(False), ~good)
        .order_by(StorageMedium.id)
    )
    return list(session.scalars(stmt))


def media_sanitized(session: Session, asset: Asset) -> str | None:
    """A data-bearing asset leaves custody only when every medium has a verified sanitization or destruction.

    Media taken out of the asset (``removed``) stay behind and are checked on their own; an asset whose
    drives were all removed carries no data out.
    """
    if not asset.data_bearing:
        return None
    any_medium = session.scalar(select(StorageMedium.id).where(StorageMedium.asset_id == asset.id).limit(1))
    if any_medium is None:
        return tr(
            "it is marked data-bearing but has no storage media recorded; record its media and their "
            "sanitization, or mark it as not data-bearing"
        )
    pending = unsanitized_media(session, asset.id)
    if pending:
        names = ", ".join(f"{m.media_type} {m.serial or f'#{m.id}'}" for m in pending[:5])
        if len(pending) > 5:
            return tr("{n} storage medium/media without a verified sanitization or destruction record: {names} and "
                      "{more} more", n=len(pending), names=names, more=len(pending) - 5)
        return tr("{n} storage medium/media without a verified sanitization or destruction record: {names}",
                  n=len(pending), names=names)
    return None


GUARDS: dict[str, GuardFn] = {
    "media_sanitized": media_sanitized,
}
