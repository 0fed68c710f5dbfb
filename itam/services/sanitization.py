"""Recording the sanitization or destruction of storage media, and importing wipe logs (DOMAIN.md §4).

A record is what the custody guard (``itam.lifecycle.guards.media_sanitized``) reads: a data-bearing
asset leaves the organisation only when every medium still in it has a passing record that is verified
and meets the policy for its data (``itam.sanitization.rules.assess`` decides both when the record is
written). Every record also writes a history entry on its asset in the same transaction, so the hash
chain shows when and by whom a wipe was logged. Imports are all-or-nothing.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, fields
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from itam.errors import ImportFileError, NotFoundError, ValidationError
from itam.fields import to_plain
from itam.history.chain import PendingEntry
from itam.identifiers import clean_serial
from itam.messages import join, tr
from itam.models import (
    Asset,
    DestructionEvent,
    SanitizationRecord,
    StorageMedium,
    WipeEvidence,
    utcnow,
)
from itam.sanitization.rules import (
    DESTINATIONS,
    Claim,
    assess,
    is_legacy_overwrite_label,
    rules,
)
from itam.services.assets import AssetService
from itam import security
from itam.services.context import ServiceContext, UnitOfWork, requires

#: A record may be dated a little ahead of this machine's clock (another machine's, a time zone slip).
_FUTURE_SLACK = timedelta(days=1)
DESTRUCTION_METHODS = ("shred", "disintegrate", "pulverize", "incinerate", "melt")


@dataclass
class WipeEntry:
    """One sanitization of one medium, as a person, a log or a CSV row states it."""

    category: str
    technique: str
    result: str
    ended_at: datetime
    started_at: datetime | None = None
    time_zone: str | None = None
    tool_label: str | None = None
    standard: str | None = None
    tool: str | None = None
    tool_version: str | None = None
    passes: int | None = None
    verification: str = "none"
    verification_pct: float | None = None
    verification_result: str | None = None
    hidden_areas: str | None = None
    errors: str | None = None
    operator: str | None = None
    verifier: str | None = None
    classification: str | None = None
    post_classification: str | None = None
    destination: str | None = None
    bytes_written: int | None = None
    notes: str | None = None


@dataclass(frozen=True)
class SanitizationView:
    id: int
    asset_id: int
    asset_tag: str | None
    medium_id: int
    media_type: str
    medium_serial: str | None
    category: str
    technique: str
    result: str
    verified: bool
    meets_policy: bool
    performed_at: datetime
    started_at: datetime | None
    time_zone: str | None
    tool_label: str | None
    standard: str | None
    tool: str | None
    tool_version: str | None
    passes: int | None
    verification: str
    verification_pct: float | None
    verification_result: str | None
    hidden_areas: str | None
    errors: str | None
    operator: str | None
    verifier: str | None
    classification: str | None
    post_classification: str | None
    destination: str | None
    bytes_written: int | None
    notes: str | None
    warnings: tuple[str, ...]
    evidence_sha256: str | None
    evidence_masked: bool
    destruction_id: int | None


@dataclass
class ImportOutcome:
    """What a wipe-log import did (or, for a dry run, would do)."""

    evidence_sha256: str
    already_imported: bool
    records: list[SanitizationView] = field(default_factory=list)
    media_created: list[str] = field(default_factory=list)
    assets_created: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    serials_masked: bool = False
    dry_run: bool = False


class _DryRun(Exception):
    """Rolls a dry-run import back after it has done everything but commit."""

    def __init__(self, outcome: ImportOutcome):
        super().__init__("dry run")
        self.outcome = outcome


def _serial_or_none(value: Any) -> str | None:
    """A usable serial, or None for blanks and placeholders (masked logs, "To Be Filled By O.E.M.")."""
    try:
        return clean_serial(value)
    except ValidationError:
        return None


def _message(exc: BaseException) -> str:
    """An error's message, kept translatable when it is one (``str(exc)`` would lose the template)."""
    return exc.args[0] if len(exc.args) == 1 and isinstance(exc.args[0], str) else str(exc)


def _naive_utc(at: datetime) -> datetime:
    if at.tzinfo is not None:
        at = at.astimezone(UTC).replace(tzinfo=None)
    return at


def _text(value: Any, limit: int) -> str | None:
    text = str(value).strip() if value is not None else ""
    return text[:limit] or None


def _normalise(entry: WipeEntry) -> WipeEntry:
    e = WipeEntry(**{f.name: getattr(entry, f.name) for f in fields(WipeEntry)})
    for name in ("category", "result", "verification", "verification_result", "hidden_areas", "classification",
                 "post_classification", "destination", "technique"):
        value = getattr(e, name)
        if isinstance(value, str):
            value = value.strip().lower().replace(" ", "_").replace("-", "_") or None
            setattr(e, name, value)
    if e.verification is None:
        e.verification = "none"
    if e.technique in (None, "") and is_legacy_overwrite_label(e.tool_label):
        e.technique = "overwrite"
    if e.category == "destroy" and e.destination is None:
        e.destination = "destroyed"
    e.standard = _text(e.standard, 64) or rules().standard
    return e


def record_sanitization(
    uow: UnitOfWork,
    asset: Asset,
    medium_id: int,
    entry: WipeEntry,
    *,
    evidence_id: int | None = None,
    destruction_id: int | None = None,
) -> SanitizationRecord:
    """Write one record for a medium of ``asset`` and its history entry, inside the caller's unit of work.

    Raises ValidationError for a claim the medium cannot support (degaussing flash, Purge by overwrite …).
    """
    s = uow.session
    e = _normalise(entry)
    problems = []
    if not e.technique:
        problems.append(tr("say which technique was used (overwrite, block_erase, crypto_erase, shred …)"))
    if not isinstance(e.ended_at, datetime):
        problems.append(tr("the end time must be a date and time"))
    elif _naive_utc(e.ended_at) > utcnow() + _FUTURE_SLACK:
        problems.append(tr("the end time {at} lies in the future", at=f"{e.ended_at:%Y-%m-%d %H:%M}"))
    if e.started_at is not None and isinstance(e.ended_at, datetime) and _naive_utc(e.started_at) > _naive_utc(e.ended_at):
        problems.append(tr("the wipe ends before it starts"))
    if e.destination not in (None, *DESTINATIONS):
        problems.append(tr("destination must be one of {destinations}", destinations=", ".join(DESTINATIONS)))
    if e.passes is not None and not (0 <= int(e.passes) <= 100):
        problems.append(tr("passes must lie between 0 and 100"))
    if problems:
        raise ValidationError(join(problems, "; "))
    medium = s.get(StorageMedium, medium_id)
    if medium is None:
        raise NotFoundError(tr("no storage medium #{id}", id=medium_id))
    if medium.asset_id != asset.id:
        raise ValidationError(tr(
            "storage medium #{id} belongs to another asset (#{owner}), not to {asset}",
            id=medium_id, owner=medium.asset_id, asset=asset.asset_tag or asset.serial or f"#{asset.id}",
        ))
    verdict = assess(
        Claim(
            media_type=medium.media_type, category=e.category or "", technique=e.technique or "", result=e.result or "",
            verification=e.verification, verification_pct=e.verification_pct,
            verification_result=e.verification_result, hidden_areas=e.hidden_areas, classification=e.classification,
        )
    )
    evidence_masked = False
    if evidence_id is not None:
        ev = s.get(WipeEvidence, evidence_id)
        evidence_masked = bool(ev and ev.serials_masked)
    rec = SanitizationRecord(
        medium_id=medium.id,
        category=e.category,
        technique=e.technique,
        result=e.result,
        verified=verdict.verified,
        meets_policy=verdict.meets_policy,
        performed_at=_naive_utc(e.ended_at),
        started_at=_naive_utc(e.started_at) if e.started_at else None,
        time_zone=_text(e.time_zone or (e.ended_at.tzname() if e.ended_at.tzinfo else None), 64),
        operator=_text(e.operator, 200),
        verifier=_text(e.verifier, 200),
        notes=e.notes,
        tool_label=_text(e.tool_label, 120),
        standard=e.standard,
        tool=_text(e.tool, 120),
        tool_version=_text(e.tool_version, 64),
        passes=e.passes,
        verification=e.verification,
        verification_pct=e.verification_pct,
        verification_result=e.verification_result,
        hidden_areas=e.hidden_areas,
        errors=e.errors,
        classification=e.classification,
        post_classification=e.post_classification,
        destination=e.destination,
        bytes_written=e.bytes_written,
        evidence_id=evidence_id,
        destruction_id=destruction_id,
        warnings="\n".join(verdict.warnings) or None,
    )
    s.add(rec)
    s.flush()
    described = f"{medium.media_type} {medium.serial or ''}".strip() + f" (#{medium.id})"
    summary = {
        "record": rec.id,
        "medium": described,
        "category": rec.category,
        "technique": rec.technique,
        "tool_label": rec.tool_label,
        "result": rec.result,
        "verification": rec.verification,
        "verified": rec.verified,
        "meets_policy": rec.meets_policy,
        "performed_at": to_plain(rec.performed_at),
        "operator": rec.operator,
        "verifier": rec.verifier,
    }
    if evidence_id is not None:
        summary["evidence"] = evidence_id
        summary["serials_masked"] = evidence_masked
    if destruction_id is not None:
        summary["destruction"] = destruction_id
    uow.record(
        [
            PendingEntry(
                asset_id=asset.id,
                actor=uow.actor.name,
                source=uow.source,
                action="sanitization" if rec.category != "destroy" else "destruction",
                changes={"sanitization": [None, {k: v for k, v in summary.items() if v is not None}]},
                reason=e.notes,
                operation=uow.operation,
            )
        ]
    )
    return rec


def view_of(rec: SanitizationRecord, medium: StorageMedium, asset: Asset, evidence: WipeEvidence | None) -> SanitizationView:
    return SanitizationView(
        id=rec.id, asset_id=asset.id, asset_tag=asset.asset_tag, medium_id=medium.id, media_type=medium.media_type,
        medium_serial=medium.serial, category=rec.category, technique=rec.technique, result=rec.result,
        verified=rec.verified, meets_policy=rec.meets_policy, performed_at=rec.performed_at, started_at=rec.started_at,
        time_zone=rec.time_zone, tool_label=rec.tool_label, standard=rec.standard, tool=rec.tool,
        tool_version=rec.tool_version, passes=rec.passes, verification=rec.verification,
        verification_pct=rec.verification_pct, verification_result=rec.verification_result,
        hidden_areas=rec.hidden_areas, errors=rec.errors, operator=rec.operator, verifier=rec.verifier,
        classification=rec.classification, post_classification=rec.post_classification,
        destination=rec.destination, bytes_written=rec.bytes_written, notes=rec.notes,
        warnings=tuple((rec.warnings or "").splitlines()),
        evidence_sha256=evidence.sha256 if evidence else None,
        evidence_masked=bool(evidence and evidence.serials_masked), destruction_id=rec.destruction_id,
    )


def plain_view(v: SanitizationView) -> dict[str, Any]:
    return {k: to_plain(val) if not isinstance(val, tuple) else list(val) for k, val in asdict(v).items()}


class SanitizationService:
    def __init__(self, ctx: ServiceContext, assets: AssetService):
        self.ctx = ctx
        self.assets = assets

    # --- recording ----------------------------------------------------------------------------------
    @requires(security.SANITIZATION)
    def record(self, asset_ref: str | int, medium_id: int, entry: WipeEntry) -> SanitizationView:
        """Record how one medium of the asset was sanitized; one transaction with its history entry."""
        with self.ctx.unit_of_work() as uow:
            asset = self.assets.resolve(uow.session, asset_ref)
            rec = record_sanitization(uow, asset, medium_id, entry)
            return view_of(rec, uow.session.get(StorageMedium, medium_id), asset, None)

    @requires(security.SANITIZATION)
    def record_destruction(
        self,
        asset_refs: Sequence[str | int],
        *,
        method: str,
        operator: str,
        performed_at: datetime,
        equipment: str | None = None,
        particle_size_mm: float | None = None,
        witness: str | None = None,
        place: str | None = None,
        time_zone: str | None = None,
        batch_id: int | None = None,
        medium_ids: Sequence[int] | None = None,
        notes: str | None = None,
    ) -> list[SanitizationView]:
        """One physical destruction run over every medium of the assets (or only ``medium_ids``)."""
        method = (method or "").strip().lower()
        if method not in DESTRUCTION_METHODS:
            raise ValidationError(tr("destruction method must be one of {methods}, not '{method}'",
                                    methods=", ".join(DESTRUCTION_METHODS), method=method))
        if not (operator or "").strip():
            raise ValidationError(tr("say who operated the destruction"))
        if particle_size_mm is not None and not 0 < particle_size_mm < 1000:
            raise ValidationError(tr("the particle size must be a positive number of millimetres"))
        views = []
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            event = DestructionEvent(
                method=method, equipment=_text(equipment, 200), particle_size_mm=particle_size_mm,
                operator=operator.strip()[:200], witness=_text(witness, 200), place=_text(place, 200),
                performed_at=_naive_utc(performed_at),
                time_zone=_text(time_zone or (performed_at.tzname() if performed_at.tzinfo else None), 64),
                batch_id=batch_id, notes=notes,
            )
            s.add(event)
            s.flush()
            wanted = set(medium_ids or ())
            for ref in asset_refs:
                asset = self.assets.resolve(s, ref)
                media = [m for m in asset.media if not m.removed and (not wanted or m.id in wanted)]
                if not media:
                    raise ValidationError(tr("{asset} has no storage media to destroy",
                                            asset=asset.asset_tag or asset.serial or f"#{asset.id}"))
                for m in media:
                    detail = f"{method}" + (f", {particle_size_mm:g} mm particles" if particle_size_mm else "")
                    entry = WipeEntry(
                        category="destroy", technique=method, result="pass", ended_at=performed_at,
                        time_zone=time_zone, tool=equipment, tool_label=detail, operator=operator, verifier=witness,
                        destination="destroyed", notes=notes,
                    )
                    rec = record_sanitization(uow, asset, m.id, entry, destruction_id=event.id)
                    views.append(view_of(rec, m, asset, None))
        return views

    # --- reading --------------------------------------------------------------------------------------
    @requires(security.READ)
    def list(self, asset_ref: str | int | None = None, *, limit: int = 500, offset: int = 0,
             only_unverified: bool = False) -> list[SanitizationView]:
        with self.ctx.db.read() as s:
            stmt = (
                select(SanitizationRecord, StorageMedium, Asset, WipeEvidence)
                .join(StorageMedium, StorageMedium.id == SanitizationRecord.medium_id)
                .join(Asset, Asset.id == StorageMedium.asset_id)
                .outerjoin(WipeEvidence, WipeEvidence.id == SanitizationRecord.evidence_id)
            )
            if asset_ref is not None:
                stmt = stmt.where(Asset.id == self.assets.resolve(s, asset_ref).id)
            if only_unverified:
                stmt = stmt.where((SanitizationRecord.verified.is_(False)) | (SanitizationRecord.meets_policy.is_(False)))
            stmt = stmt.order_by(SanitizationRecord.performed_at.desc(), SanitizationRecord.id.desc()).limit(limit).offset(offset)
            return [view_of(r, m, a, e) for r, m, a, e in s.execute(stmt)]

    @requires(security.READ)
    def evidence(self, sha256: str) -> tuple[str, bytes]:
        """The raw bytes of a kept wipe log (filename, content)."""
        with self.ctx.db.read() as s:
            ev = s.scalar(select(WipeEvidence).where(WipeEvidence.sha256 == sha256.strip().lower()))
            if ev is None:
                raise NotFoundError(tr("no wipe evidence with SHA-256 {sha256}", sha256=sha256))
            return ev.filename or f"{ev.sha256}.log", ev.content

    # --- imports --------------------------------------------------------------------------------------
    @requires(security.SANITIZATION)
    def import_nwipe(
        self,
        data: bytes,
        *,
        filename: str = "nwipe.log",
        tz: str | None = None,
        asset_ref: str | int | None = None,
        new_asset_category: str | None = None,
        operator: str | None = None,
        verifier: str | None = None,
        classification: str | None = None,
        standard: str | None = None,
        dry_run: bool = False,
    ) -> ImportOutcome:
        """Import an nwipe / ShredOS log: one record per wiped drive, matched to media by serial.

        A drive whose serial no medium has goes onto ``asset_ref`` (or onto a new asset of
        ``new_asset_category``); without either, the import stops and says which drives are unknown.
        The raw log is kept as evidence by its SHA-256; importing the same file twice changes nothing.
        """
        from itam.sanitization.nwipe import parse_nwipe_log, technique_for_nwipe_method

        log = parse_nwipe_log(data, tz=tz, filename=filename)
        if not log.drives:
            raise ImportFileError(tr("{filename}: the log names no wiped drive", filename=filename), problems=[])
        entries = []
        for d in log.drives:
            result = {"erased": "pass", "failed": "fail", "aborted": "aborted", "insanity": "fail"}.get(d.status, "aborted")
            if result == "pass" and d.errors:
                result = "pass_with_warnings"
            # nwipe reads back the whole device after the last pass (verify=last) or every pass (all).
            verification = "none" if d.verified is None else "full"
            ended = d.ended_at or d.started_at
            if ended is None:
                raise ImportFileError(tr("{filename}: no time stamps for {device}", filename=filename, device=d.device), problems=[])
            notes = None
            if d.status == "unknown":
                notes = "The log ends before this wipe finished"
            entries.append(
                (
                    d,
                    WipeEntry(
                        category="clear", technique=technique_for_nwipe_method(d.method, bus=d.bus), result=result,
                        ended_at=ended, started_at=d.started_at, time_zone=log.tz, tool_label=d.method,
                        standard=standard, tool="nwipe", tool_version=log.nwipe_version, passes=d.rounds,
                        verification=verification,
                        verification_result=None if d.verified is None else ("pass" if d.verified else "fail"),
                        hidden_areas=d.hidden_areas or "not_checked", errors="\n".join(d.error_messages) or (f"{d.errors} errors" if d.errors else None),
                        operator=operator, verifier=verifier, classification=classification,
                        bytes_written=d.bytes_written, notes=notes,
                    ),
                )
            )
        media_rows = [
            {"device": d.device, "serial": d.serial, "model": d.model, "media_type": d.media_hint or "other",
             "capacity_gb": round(d.size_bytes / 1e9, 1) if d.size_bytes else None, "interface": d.bus}
            for d, _ in entries
        ]
        return self._import_entries(
            data, kind="nwipe", filename=filename, tool_version=log.nwipe_version, time_zone=log.tz,
            masked=log.serials_masked, rows=list(zip(media_rows, (e for _, e in entries), strict=True)),
            asset_ref=asset_ref, new_asset_category=new_asset_category, warnings=list(log.warnings), dry_run=dry_run,
            host_serial=log.system.get("serial_number"),
        )

    @requires(security.SANITIZATION)
    def import_csv(
        self,
        data: bytes,
        *,
        filename: str = "wipes.csv",
        tz: str | None = None,
        asset_ref: str | int | None = None,
        new_asset_category: str | None = None,
        dry_run: bool = False,
    ) -> ImportOutcome:
        """Import a CSV of wipe results (one medium per row); all rows or none."""
        from itam.sanitization.wipe_csv import parse_wipe_csv

        parsed = parse_wipe_csv(data, tz=tz, filename=filename)
        rows = []
        for r in parsed.rows:
            media = {"device": tr("line {line}", line=r.line), "serial": r.medium_serial, "model": r.model,
                     "media_type": r.media_type or "other", "capacity_gb": r.capacity_gb, "interface": None,
                     "asset_ref": r.asset_ref, "line": r.line}
            entry = WipeEntry(
                category=r.category, technique=r.technique, result=r.result, ended_at=r.ended_at, started_at=r.started_at,
                tool_label=r.tool_label, standard=r.standard, tool=r.tool, tool_version=r.tool_version, passes=r.passes,
                verification=r.verification, verification_pct=r.verification_pct,
                verification_result=r.verification_result, hidden_areas=r.hidden_areas, errors=r.errors,
                operator=r.operator, verifier=r.verifier, notes=r.notes,
            )
            rows.append((media, entry))
        return self._import_entries(
            data, kind="csv", filename=filename, tool_version=None, time_zone=tz, masked=False, rows=rows,
            asset_ref=asset_ref, new_asset_category=new_asset_category, warnings=[], dry_run=dry_run,
        )

    def _import_entries(
        self,
        data: bytes,
        *,
        kind: str,
        filename: str,
        tool_version: str | None,
        time_zone: str | None,
        masked: bool,
        rows: list[tuple[dict[str, Any], WipeEntry]],
        asset_ref: str | int | None,
        new_asset_category: str | None,
        warnings: list[str],
        dry_run: bool,
        host_serial: str | None = None,
    ) -> ImportOutcome:
        try:
            return self._write_entries(data, kind=kind, filename=filename, tool_version=tool_version,
                                       time_zone=time_zone, masked=masked, rows=rows, asset_ref=asset_ref,
                                       new_asset_category=new_asset_category, warnings=warnings, dry_run=dry_run,
                                       host_serial=host_serial)
        except _DryRun as done:
            return done.outcome

    def _write_entries(self, data: bytes, *, kind: str, filename: str, tool_version: str | None,
                       time_zone: str | None, masked: bool, rows: list[tuple[dict[str, Any], WipeEntry]],
                       asset_ref: str | int | None, new_asset_category: str | None, warnings: list[str],
                       dry_run: bool, host_serial: str | None = None) -> ImportOutcome:
        sha = hashlib.sha256(data).hexdigest()
        outcome = ImportOutcome(evidence_sha256=sha, already_imported=False, warnings=warnings, serials_masked=masked,
                                dry_run=dry_run)
        with self.ctx.unit_of_work(source="import", operation=self.ctx.new_operation_id()) as uow:
            s = uow.session
            if s.scalar(select(WipeEvidence.id).where(WipeEvidence.sha256 == sha)) is not None:
                outcome.already_imported = True
                outcome.warnings.append(tr("{filename} was imported before (SHA-256 {sha}…): nothing new recorded",
                                            filename=filename, sha=sha[:12]))
                return outcome
            evidence = WipeEvidence(
                sha256=sha, kind=kind, filename=filename[:255], size=len(data), content=data,
                tool_version=tool_version, time_zone=time_zone, serials_masked=masked, imported_by=uow.actor.name,
            )
            s.add(evidence)
            s.flush()
            chosen = self.assets.resolve(s, asset_ref) if asset_ref is not None else None
            host = _serial_or_none(host_serial)
            host_asset = None
            if chosen is None and host:
                # nwipe logs the serial of the machine it ran on: drives not yet known belong to that asset.
                chosen = host_asset = s.scalar(select(Asset).where(Asset.serial == host))
            problems: list[str] = []
            plan: list[tuple[Asset | None, StorageMedium | None, dict[str, Any], WipeEntry]] = []
            kinds = Counter(media["media_type"] for media, _ in rows)
            for media, entry in rows:
                serial = _serial_or_none(media.get("serial"))
                where = media["device"]
                found: list[StorageMedium] = []
                if serial:
                    found = list(s.scalars(select(StorageMedium).where(StorageMedium.serial == serial, StorageMedium.removed.is_(False)).limit(3)))
                if len(found) > 1:
                    owners = ", ".join(f"#{m.asset_id}" for m in found)
                    problems.append(tr("{where}: serial {serial} matches {n} storage media (assets {owners}); fix the duplicates first",
                                       where=where, serial=serial, n=len(found), owners=owners))
                    continue
                if found:
                    medium = found[0]
                    if chosen is not None and medium.asset_id != chosen.id:
                        problems.append(tr("{where}: serial {serial} belongs to a medium of asset #{asset}, not of the chosen asset",
                                           where=where, serial=serial, asset=medium.asset_id))
                        continue
                    plan.append((s.get(Asset, medium.asset_id), medium, media, entry))
                    continue
                if not serial and chosen is not None and kinds[media["media_type"]] == 1:
                    # A masked serial: the log's only drive of its kind is the chosen asset's only medium of
                    # that kind. Anything less certain becomes a new medium instead of a guess.
                    same = [m for m in chosen.media if not m.removed and m.media_type == media["media_type"]]
                    if len(same) == 1:
                        plan.append((chosen, same[0], media, entry))
                        continue
                target = chosen
                if target is None and media.get("asset_ref"):
                    try:
                        target = self.assets.resolve(s, media["asset_ref"])
                    except NotFoundError:
                        target = None
                if target is None and new_asset_category is None:
                    problems.append(
                        tr("{where}: no storage medium with serial {serial}; choose the asset it came from, or let the import "
                           "create one", where=where, serial=serial) if serial else
                        tr("{where}: no storage medium with a masked serial; choose the asset it came from, or let the import "
                           "create one", where=where))
                    continue
                plan.append((target, None, media, entry))
            if problems:
                raise ImportFileError(tr("{filename}: nothing imported", filename=filename), problems=problems)
            for target, medium, media, entry in plan:
                if target is None:
                    # A loose drive on a wiping station: it becomes an asset of its own.
                    with uow.action("create", reason=f"Wipe log {filename}"):
                        target = self.assets.create_in(
                            uow,
                            {"category": new_asset_category, "asset_tag": self._next_wipe_tag(s),
                             "model": _text(media.get("model"), 200),
                             "notes": f"Created for a drive of wipe log {filename} (SHA-256 {sha[:12]}…)"},
                        )
                    outcome.assets_created.append(target.asset_tag or f"#{target.id}")
                if medium is None:
                    with uow.action("media", reason=f"Found in wipe log {filename}"):
                        medium = StorageMedium(
                            asset_id=target.id, media_type=media["media_type"], interface=_text(media.get("interface"), 32),
                            model=_text(media.get("model"), 200), serial=_serial_or_none(media.get("serial")),
                            capacity_gb=media.get("capacity_gb"),
                        )
                        s.add(medium)
                    owner = target.asset_tag or f"#{target.id}"
                    outcome.media_created.append(
                        tr("{media_type} {serial} → {asset}", media_type=medium.media_type, serial=medium.serial, asset=owner)
                        if medium.serial else tr("{media_type} (masked serial) → {asset}", media_type=medium.media_type, asset=owner))
                    if host_asset is not None and target.id == host_asset.id and not any("system serial" in w for w in outcome.warnings):
                        outcome.warnings.append(tr(
                            "the log was made on {asset} (system serial {serial}): drives not yet recorded were added to it",
                            asset=host_asset.asset_tag or host_asset.serial, serial=host_asset.serial))
                try:
                    rec = record_sanitization(uow, target, medium.id, entry, evidence_id=evidence.id)
                except ValidationError as exc:
                    raise ImportFileError(tr("{filename}: nothing imported", filename=filename),
                                          problems=[tr("{where}: {problem}", where=media["device"], problem=_message(exc))]) from exc
                outcome.records.append(view_of(rec, medium, target, evidence))
            if dry_run:
                raise _DryRun(outcome)
        return outcome

    @staticmethod
    def _next_wipe_tag(s: Session) -> str:
        last = s.scalar(select(Asset.asset_tag).where(Asset.asset_tag.like("WIPE-%")).order_by(Asset.asset_tag.desc()).limit(1))
        digits = last.split("-")[1] if last else ""
        n = int(digits) + 1 if digits.isascii() and digits.isdigit() else 1  # "WIPE-²" is a digit to isdigit()
        return f"WIPE-{n:06d}"


def policy_summary() -> dict[str, Any]:
    r = rules()
    return {"standard": r.standard, "policy": r.policy, "min_sampling_pct": r.min_sampling_pct}


__all__ = ["DESTRUCTION_METHODS", "ImportOutcome", "SanitizationService", "SanitizationView", "WipeEntry",
           "plain_view", "policy_summary", "record_sanitization", "view_of"]
