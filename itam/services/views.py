"""Plain, frozen data handed to front ends: never live ORM objects."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any


@dataclass(frozen=True)
class AssetRow:
    id: int
    asset_tag: str | None
    category: str
    manufacturer: str | None
    model: str | None
    serial: str | None
    hostname: str | None
    status: str
    stage: int
    department: str | None
    location: str | None
    assignee: str | None
    condition_grade: str | None
    purchase_date: date | None
    last_seen: datetime | None
    flag: str | None
    flag_reason: str | None = None
    audit: AuditStatus | None = None  # the latest credentialed audit (None: never audited)


@dataclass(frozen=True)
class AuditStatus:
    """How the asset's latest credentialed audit went, for a listing cell."""

    ok: bool
    method: str | None
    at: datetime
    error: str | None = None  # why it could not be audited (English, as stored)


@dataclass(frozen=True)
class MediumView:
    id: int
    media_type: str
    interface: str | None
    manufacturer: str | None
    model: str | None
    serial: str | None
    capacity_gb: float | None
    removed: bool
    sanitized: bool


@dataclass(frozen=True)
class HistoryView:
    seq: int
    at: datetime
    actor: str
    source: str
    action: str
    transition: str | None
    reason: str | None
    changes: dict[str, Any]


@dataclass(frozen=True)
class TransitionOption:
    key: str
    name: str
    name_zh: str
    target: str
    requires: tuple[str, ...]
    blocked_by: str | None  # a guard's reason, when it would refuse now


@dataclass(frozen=True)
class AssetDetail:
    id: int
    fields: dict[str, Any]
    status: str
    stage: int
    lever: str | None
    flag: str | None
    flag_reason: str | None
    holder: str | None
    version: int
    macs: tuple[str, ...]
    ips: tuple[str, ...]
    media: tuple[MediumView, ...]
    history: tuple[HistoryView, ...] = field(default_factory=tuple)
    transitions: tuple[TransitionOption, ...] = field(default_factory=tuple)

    @property
    def label(self) -> str:
        return self.fields.get("asset_tag") or self.fields.get("serial") or f"#{self.id}"


@dataclass(frozen=True)
class Page:
    rows: tuple[AssetRow, ...]
    offset: int
    limit: int


@dataclass(frozen=True)
class AuditView:
    """One stored credentialed audit, as the asset view, the review queue and the CLI show it."""

    id: int
    address: str
    method: str | None
    credential: str | None
    collected_at: Any
    ok: bool
    error: str | None
    seconds: float | None
    facts: dict | None

    @property
    def identity(self) -> str:
        """Maker, model and serial as the device told them ("" when it told none, or the audit failed)."""
        f = self.facts or {}
        parts = [str(f[k]) for k in ("manufacturer", "model") if f.get(k)]
        if f.get("serial"):
            parts.append(f"S/N {f['serial']}")
        return " ".join(parts)


def audit_view(row: Any) -> AuditView:
    return AuditView(row.id, row.address, row.method, row.credential, row.collected_at, row.ok, row.error,
                     row.seconds, row.facts)
