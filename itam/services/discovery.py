"""Discovery as a service: scan or import, reconcile, review new devices, settle conflicts, find the missing."""

from __future__ import annotations

import hashlib
import json
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from itam.audit import merge
from itam.discovery.model import Classification, HostObservation, Progress, ScanResult
from itam.discovery.reconcile import ReconcileSummary, reconcile
from itam.errors import ItamError, NotFoundError, ValidationError
from itam.identifiers import is_randomized_mac
from itam.messages import tr
from itam.models import Asset, AssetAudit, DiscoveryCandidate, DiscoveryConflict, Scan, utcnow
from itam.services.assets import AssetService
from itam import security
from itam.services.context import ServiceContext, requires
from itam.services.lifecycle import LifecycleService
from itam.services.views import AssetDetail, AuditView, audit_view


class ConfirmationNeeded(ItamError):
    """A scan larger than the configured limit: the caller must confirm it."""

    def __init__(self, message: str, count: int):
        super().__init__(message)
        self.count = count


@dataclass(frozen=True)
class DiscoverySettings:
    missing_after_days: int = 14
    large_scan_limit: int = 65_536
    min_confidence: float = 0.5


def load_discovery_settings(path: Path | None = None) -> DiscoverySettings:
    from itam.lifecycle.recommend import policy_file

    with open(path or policy_file(), "rb") as fh:
        data = tomllib.load(fh).get("discovery", {})
    return DiscoverySettings(
        missing_after_days=int(data.get("missing_after_days", 14)),
        large_scan_limit=int(data.get("large_scan_limit", 65_536)),
        min_confidence=float(data.get("min_confidence", 0.5)),
    )


@dataclass(frozen=True)
class CandidateView:
    id: int
    identity: str
    status: str
    address: str | None
    mac: str | None
    mac_vendor: str | None
    hostname: str | None
    category: str
    confidence: float
    likely: str | None
    evidence: tuple[str, ...]
    os_guess: str | None
    first_seen: datetime
    last_seen: datetime
    times_seen: int
    asset_id: int | None
    audit: AuditView | None = None  # the latest credentialed audit of its address (successful ones first)

    @property
    def label(self) -> str:
        if self.category == "unknown" and self.likely:
            return f"unknown (likely {self.likely})"
        return self.category


@dataclass(frozen=True)
class ConflictView:
    id: int
    asset_id: int
    asset_label: str
    field: str
    current_value: str | None
    observed_value: str | None
    scan_id: int | None
    status: str


@dataclass(frozen=True)
class MissingAsset:
    id: int
    label: str
    category: str
    status: str
    last_seen: datetime
    days_unseen: int


@dataclass(frozen=True)
class ScanView:
    id: int
    started_at: datetime
    ended_at: datetime | None
    actor: str
    targets: tuple[str, ...]
    profile: str
    partial: bool
    error: str | None
    limitations: tuple[str, ...]
    hosts_up: int
    matched: int
    new_devices: int
    source_file: str | None


#: An audit that ran this long before a device was first seen still counts as its own (a scan and its audits
#: are stamped a little apart).
AUDIT_SLACK = timedelta(minutes=10)


def _candidate_view(c: DiscoveryCandidate, audit: AssetAudit | None = None) -> CandidateView:
    return CandidateView(
        c.id, c.identity, c.status, c.address, c.mac, c.mac_vendor, c.hostname, c.category, c.confidence, c.likely,
        tuple(json.loads(c.evidence or "[]")), c.os_guess, c.first_seen, c.last_seen, c.times_seen, c.asset_id,
        audit_view(audit) if audit is not None else None,
    )


class DiscoveryService:
    def __init__(self, ctx: ServiceContext, assets: AssetService, lifecycle: LifecycleService):
        self.ctx = ctx
        self.assets = assets
        self.lifecycle = lifecycle
        self.settings = load_discovery_settings()

    # --- scanning and importing ---------------------------------------------------------------------
    @requires(security.DISCOVERY)
    def scan(
        self,
        targets: str,
        profile: str = "standard",
        *,
        confirm_large: bool = False,
        on_host: Callable[[HostObservation], None] | None = None,
        on_progress: Callable[[Progress], None] | None = None,
        is_cancelled: Callable[[], bool] | None = None,
    ) -> tuple[ScanResult, ReconcileSummary]:
        """Validate the targets, run nmap, then reconcile what it found (also after a cancel)."""
        from itam.discovery.runner import NmapRunner
        from itam.discovery.targets import parse_targets

        spec = parse_targets(targets)
        limit = self.settings.large_scan_limit
        if spec.exceeds(limit) and not confirm_large:
            raise ConfirmationNeeded(
                tr(
                    "these targets cover {count:,} addresses, more than the limit of {limit:,}; confirm to scan them",
                    count=spec.count, limit=limit,
                ),
                spec.count,
            )
        from itam.discovery.classify import classify

        # Classify each host as nmap streams it in, while nmap is still busy with the others.
        classified: dict[str, object] = {}

        def seen(host: HostObservation) -> None:
            classified[host.address] = classify(host)
            if on_host is not None:
                on_host(host)

        result = NmapRunner().run(spec, profile, on_host=seen, on_progress=on_progress, is_cancelled=is_cancelled)
        summary = self.reconcile(result, classifier=lambda h: classified.get(h.address) or classify(h))
        return result, summary

    @requires(security.DISCOVERY)
    def import_xml(self, path: str | Path) -> tuple[ScanResult, ReconcileSummary]:
        """Reconcile an nmap XML file made elsewhere (``nmap -oX``); nmap need not be installed here."""
        from itam.discovery.nmap_xml import parse_file

        path = Path(path)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise ValidationError(tr("cannot read {path}: {error}", path=str(path), error=str(exc.strerror or exc))) from exc
        result = parse_file(path)
        summary = self.reconcile(result, source_file=str(path), xml_sha256=hashlib.sha256(raw).hexdigest())
        return result, summary

    @requires(security.DISCOVERY)
    def reconcile(self, result: ScanResult, *, source_file: str | None = None, xml_sha256: str | None = None,
                  progress: Callable[[int, int], None] | None = None,
                  classifier: Callable[[HostObservation], Classification] | None = None) -> ReconcileSummary:
        """Store a scan result and bring the inventory in line with it, in one transaction."""
        from itam.discovery.classify import classify

        if result.xml and xml_sha256 is None:
            xml_sha256 = hashlib.sha256(result.xml.encode("utf-8")).hexdigest()
        with self.ctx.unit_of_work(source="discovery") as uow:
            return reconcile(uow, result, classifier or classify, source_file=source_file, xml_sha256=xml_sha256,
                             progress=progress)

    @requires(security.READ)
    def scans(self, limit: int = 50) -> list[ScanView]:
        with self.ctx.db.read() as s:
            rows = s.scalars(select(Scan).order_by(Scan.id.desc()).limit(limit))
            return [
                ScanView(r.id, r.started_at, r.ended_at, r.actor, tuple(json.loads(r.targets)), r.profile, r.partial,
                         r.error, tuple(json.loads(r.limitations or "[]")), r.hosts_up, r.matched, r.new_devices,
                         r.source_file)
                for r in rows
            ]

    # --- the review queue ---------------------------------------------------------------------------
    @requires(security.READ)
    def candidates(self, status: str | None = "pending") -> list[CandidateView]:
        with self.ctx.db.read() as s:
            stmt = select(DiscoveryCandidate).order_by(DiscoveryCandidate.last_seen.desc(), DiscoveryCandidate.id)
            if status:
                stmt = stmt.where(DiscoveryCandidate.status == status)
            found = list(s.scalars(stmt))
            audits = merge.latest_unclaimed(s, [(c.address, c.first_seen - AUDIT_SLACK, c.mac)
                                                for c in found if c.address and not c.asset_id])
            return [_candidate_view(c, None if c.asset_id else audits.get(c.address or "")) for c in found]

    @requires(security.DISCOVERY)
    def accept(self, candidate_id: int, *, category: str | None = None, asset_tag: str | None = None,
               serial: str | None = None) -> AssetDetail:
        """Take a discovered device into the inventory in one action."""
        with self.ctx.unit_of_work(source="discovery") as uow:
            s = uow.session
            c = self._pending(s, candidate_id)
            chosen = category or (c.category if c.category != "unknown" else (c.likely or "other"))
            values = {"category": chosen, "hostname": c.hostname, "os_name": c.os_guess}
            if asset_tag:
                values["asset_tag"] = asset_tag
            if serial:
                values["serial"] = serial
            mac = c.mac if c.mac and not is_randomized_mac(c.mac) else None
            # What a credentialed audit of this device told (since it was first seen here) comes with it.
            audits = merge.unclaimed_audits(s, c.address, since=c.first_seen - AUDIT_SLACK, mac=mac) if c.address else []
            audited_serial = next((merge.usable_serial(f.serial) for _r, f in reversed(audits)
                                   if merge.usable_serial(f.serial)), None)
            if not (asset_tag or serial or mac) and audited_serial:
                values["serial"] = serial = audited_serial
            if not (asset_tag or serial or mac):
                raise ValidationError(tr(
                    "device {address} has no MAC address to identify it; give it an asset tag or serial to accept it",
                    address=c.address,
                ))
            asset = self.assets.create_in(
                uow, {k: v for k, v in values.items() if v}, macs=[mac] if mac else [],
                ips=[c.address] if c.address else [], reason=f"accepted from discovery ({c.identity})",
            )
            with uow.action("discovery"):
                asset.first_seen, asset.last_seen = c.first_seen, c.last_seen
            merge.claim(uow, asset.id, audits)
            c.status, c.asset_id = "accepted", asset.id
            c.decided_by, c.decided_at = self.ctx.actor.name, utcnow()
            s.flush()
            return self.assets._detail(s, asset, with_history=True)

    @requires(security.DISCOVERY)
    def ignore(self, candidate_id: int) -> CandidateView:
        """Ignore a device for good: later scans count it but never queue it again."""
        with self.ctx.unit_of_work(source="discovery") as uow:
            c = self._pending(uow.session, candidate_id)
            c.status, c.decided_by, c.decided_at = "ignored", self.ctx.actor.name, utcnow()
            uow.session.flush()
            return _candidate_view(c)

    @staticmethod
    def _pending(s, candidate_id: int) -> DiscoveryCandidate:  # noqa: ANN001
        c = s.get(DiscoveryCandidate, candidate_id)
        if c is None:
            raise NotFoundError(tr("no discovered device #{id} in the review queue", id=candidate_id))
        if c.status == "accepted":
            raise ValidationError(tr("discovered device #{id} was already accepted", id=candidate_id))
        if c.status == "ignored":
            raise ValidationError(tr("discovered device #{id} was already ignored", id=candidate_id))
        if c.status != "pending":
            raise ValidationError(tr("discovered device #{id} was already {status}", id=candidate_id, status=c.status))
        return c

    # --- conflicts ----------------------------------------------------------------------------------
    @requires(security.READ)
    def conflicts(self, status: str | None = "open") -> list[ConflictView]:
        with self.ctx.db.read() as s:
            stmt = (
                select(DiscoveryConflict, Asset.asset_tag, Asset.serial)
                .join(Asset, Asset.id == DiscoveryConflict.asset_id)
                .order_by(DiscoveryConflict.id)
            )
            if status:
                stmt = stmt.where(DiscoveryConflict.status == status)
            return [
                ConflictView(c.id, c.asset_id, tag or serial or f"#{c.asset_id}", c.field, c.current_value,
                             c.observed_value, c.scan_id, c.status)
                for c, tag, serial in s.execute(stmt)
            ]

    @requires(security.DISCOVERY)
    def settle_conflict(self, conflict_id: int, *, apply: bool) -> ConflictView:
        """Apply the scanned value (a person's decision, recorded as theirs) or dismiss it."""
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            c = s.get(DiscoveryConflict, conflict_id)
            if c is None:
                raise NotFoundError(tr("no discovery conflict #{id}", id=conflict_id))
            if c.status == "applied":
                raise ValidationError(tr("conflict #{id} was already applied", id=conflict_id))
            if c.status == "dismissed":
                raise ValidationError(tr("conflict #{id} was already dismissed", id=conflict_id))
            if c.status != "open":
                raise ValidationError(tr("conflict #{id} was already {status}", id=conflict_id, status=c.status))
            if apply:
                asset = self.assets.resolve(s, c.asset_id)
                self.assets.update_in(uow, asset, {c.field: c.observed_value}, reason=f"accepted value from scan #{c.scan_id}")
            c.status = "applied" if apply else "dismissed"
            c.decided_by, c.decided_at = self.ctx.actor.name, utcnow()
            s.flush()
            asset = s.get(Asset, c.asset_id)
            return ConflictView(c.id, c.asset_id, asset.asset_tag or asset.serial or f"#{asset.id}", c.field,
                                c.current_value, c.observed_value, c.scan_id, c.status)

    # --- missing assets -----------------------------------------------------------------------------
    @requires(security.READ)
    def missing(self, days: int | None = None, *, now: datetime | None = None) -> list[MissingAsset]:
        """Assets in use or in stock that discovery has seen before, but not for ``days`` days."""
        days = self.settings.missing_after_days if days is None else days
        if days < 0:
            raise ValidationError(tr("days must not be negative"))
        now = now or utcnow()
        cutoff = now - timedelta(days=days)
        with self.ctx.db.read() as s:
            rows = s.execute(
                select(Asset.id, Asset.asset_tag, Asset.serial, Asset.hostname, Asset.category, Asset.status, Asset.last_seen)
                .where(Asset.last_seen.is_not(None), Asset.last_seen < cutoff,
                       Asset.status.in_(("in_stock", "deployed", "in_repair")))
                .order_by(Asset.last_seen)
            )
            return [
                MissingAsset(r.id, r.asset_tag or r.serial or r.hostname or f"#{r.id}", r.category, r.status,
                             r.last_seen, (now - r.last_seen).days)
                for r in rows
            ]

    @requires(security.DISCOVERY)
    def mark_missing(self, days: int | None = None, *, now: datetime | None = None) -> int:
        """Move every missing asset to the status 'missing' (one history entry each, source discovery)."""
        found = self.missing(days, now=now)
        if not found:
            return 0
        days = self.settings.missing_after_days if days is None else days
        ctx = self.ctx.derive("discovery")
        mover = LifecycleService(ctx, AssetService(ctx))
        mover.move_many([f"#{m.id}" for m in found], "missing", reason=f"not seen by discovery for {days} days")
        return len(found)
