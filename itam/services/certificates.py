"""Issuing and verifying certificates of data sanitization and of destruction (DOMAIN.md §4–§5).

Issuing is one transaction: lock the series counter, build the canonical record, render and sign the
PDF (``reports``), store record, PDF and both hashes as a new entry of the ``certificates`` chain, and
only then commit. A failure anywhere rolls everything back, so no number is consumed without its
record and no record exists without its PDF. The output file is written to a temporary name first and
renamed into place once the transaction has committed. An issued certificate is never changed; a
correction is a new certificate that names the one it supersedes, and both stay on record.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from itam import security
from itam.crashpoints import crash_point
from itam.db import locks
from itam.db.engine import pg_own_row_locks
from itam.errors import ConfigurationError, NotFoundError, ValidationError
from itam.fields import categories
from itam.history import ledger
from itam.history.chain import canonical_time
from itam.messages import join, tr
from itam.models import (
    Asset,
    BatchItem,
    Certificate,
    CertificateCounter,
    CustodyEvent,
    ItadBatch,
    Party,
    SanitizationRecord,
    StorageMedium,
    WipeEvidence,
    utcnow,
)
from itam.sanitization.labels import CATEGORY_NAMES, label
from itam.sanitization.rules import PASSING
from itam.services import cert_files
from itam.services.assets import AssetService
from itam.services.context import ServiceContext, requires
from itam.services.organisation import (
    OrganisationProfile,
    OrganisationService,
    profile_dict,
)

SERIES = {"sanitization": "DS", "destruction": "CD"}
LANGUAGES = ("en", "zh_CN")
SCHEMA = "itam.certificate/1"
DEFAULT_ATTESTATION = {
    "sanitization": {
        "en": "We certify that the media listed above were sanitized with the methods stated, that the results were "
              "verified as recorded, and that the records are true and complete.",
        "zh_CN": "兹证明上列存储介质已按所列方法完成数据清除，结果已按记录进行验证，所载记录真实完整。",
    },
    "destruction": {
        "en": "We certify that the assets listed above were received into our custody and processed as stated, that "
              "data-bearing media were sanitized or destroyed beyond recovery, and that the materials were sent only "
              "to the downstream vendors named.",
        "zh_CN": "兹证明上列资产已由我方接收并按所列方式处理，含数据介质已清除或销毁且不可恢复，物料仅交付所列下游回收商。",
    },
}


@dataclass(frozen=True)
class CertificateView:
    id: int
    number: str
    kind: str
    issuer: str
    subject: str  # asset tag / batch number
    issued_at: datetime
    issued_by: str
    record_sha256: str
    pdf_sha256: str
    supersedes: str | None
    superseded_by: str | None
    correction_reason: str | None
    language: str
    pages_bytes: int


@dataclass
class Issued:
    number: str
    kind: str
    record_sha256: str
    pdf_sha256: str
    path: Path | None
    size: int


@dataclass
class VerifyResult:
    checks: list[tuple[str, bool, str]] = field(default_factory=list)
    number: str | None = None
    kind: str | None = None
    record: dict[str, Any] | None = None
    record_sha256: str | None = None
    signer: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.checks) and all(ok for _, ok, _ in self.checks)

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok, "number": self.number, "kind": self.kind, "record_sha256": self.record_sha256,
            "signer": self.signer, "notes": self.notes,
            "checks": [{"name": n, "ok": ok, "detail": d} for n, ok, d in self.checks],
        }


class CertificateService:
    def __init__(self, ctx: ServiceContext, assets: AssetService, organisation: OrganisationService):
        self.ctx = ctx
        self.assets = assets
        self.organisation = organisation

    # --- signer -----------------------------------------------------------------------------------------
    @requires(security.READ)
    def signer(self, org: OrganisationProfile | None = None):  # noqa: ANN201 - reports.signing.Signer
        """The organisation's signing key: created on first use, never silently replaced once certificates exist."""
        from reports.signing import load_or_create_signer

        org = org or self._org()
        with self.ctx.db.read() as s:
            issued = s.scalar(select(func.count()).select_from(Certificate)) or 0
        try:
            return load_or_create_signer(org.name, create=True) if not issued else load_or_create_signer(org.name, create=False)
        except ConfigurationError as exc:
            raise ConfigurationError(tr(
                "{error} — {n} certificates were signed with the old key; restore the signing directory from a "
                "backup, or import a certificate (itam cert signer import FILE.p12), or create a new key deliberately "
                "(itam cert signer new)",
                error=_message(exc), n=issued,
            )) from exc

    @requires(security.SETTINGS)
    def import_signer(self, path: str | Path, passphrase: str | None = None):  # noqa: ANN201 - reports.signing.Signer
        """Make a PKCS#12 file's key and certificate chain the organisation's signer (administrators)."""
        from reports.signing import import_signer

        return import_signer(Path(path), passphrase)

    @requires(security.SETTINGS)
    def new_signer(self, name: str | None = None):  # noqa: ANN201 - reports.signing.Signer
        """A new local CA and signing key, replacing the current ones, which are kept (administrators)."""
        from reports.signing import create_new_signer

        return create_new_signer(name or self.organisation.get().name or "itam")

    def _org(self) -> OrganisationProfile:
        org = self.organisation.get()
        if not org.complete:
            raise ConfigurationError(tr(
                "set the organisation's name first (itam org set --name …, or Settings → Organisation): "
                "it is printed on every certificate and identifies the issuer"
            ))
        return org

    # --- eligibility ----------------------------------------------------------------------------------
    @requires(security.READ)
    def sanitization_blockers(self, asset_ref: str | int) -> list[str]:
        """Why a certificate of sanitization cannot be issued for the asset yet (empty when it can)."""
        with self.ctx.db.read() as s:
            asset = self.assets.resolve(s, asset_ref)
            _, problems = self._media_records(s, asset, None)
            return problems

    def _media_records(
        self, s: Session, asset: Asset, medium_ids: Sequence[int] | None
    ) -> tuple[list[tuple[StorageMedium, SanitizationRecord, WipeEvidence | None]], list[str]]:
        media = [m for m in asset.media if not m.removed and (not medium_ids or m.id in medium_ids)]
        if medium_ids:
            unknown = set(medium_ids) - {m.id for m in media}
            if unknown:
                return [], [tr("medium #{id} is not a medium still in this asset", id=i) for i in sorted(unknown)]
        if not media:
            return [], [tr("the asset has no storage media to certify")]
        out, problems = [], []
        for m in media:
            rows = s.execute(
                select(SanitizationRecord, WipeEvidence)
                .outerjoin(WipeEvidence, WipeEvidence.id == SanitizationRecord.evidence_id)
                .where(SanitizationRecord.medium_id == m.id)
                .order_by(SanitizationRecord.performed_at.desc(), SanitizationRecord.id.desc())
            ).all()
            name = f"{m.media_type} {m.serial or f'#{m.id}'}"
            good = [(r, e) for r, e in rows if r.result in PASSING and r.verified and r.meets_policy]
            if not good:
                problems.append(tr("{medium}: no sanitization record", medium=name) if not rows else
                                tr("{medium}: no verified, passing record that meets the policy", medium=name))
                continue
            rec, ev = good[0]
            if ev is not None and ev.serials_masked:
                problems.append(tr("{medium}: the only evidence is a wipe log with masked serials, which cannot back a certificate",
                                   medium=name))
                continue
            if not m.serial:
                problems.append(tr("{medium}: the medium has no serial number; a certificate must name it", medium=name))
                continue
            out.append((m, rec, ev))
        return out, problems

    # --- records ----------------------------------------------------------------------------------------
    def _common(self, kind: str, number: str, org: OrganisationProfile, language: str, issued_at: datetime,
                supersedes: Certificate | None, reason: str | None, attestation: str | None,
                signed_by: dict[str, str | None]) -> dict[str, Any]:
        return {
            "schema": SCHEMA, "kind": kind, "number": number, "issued_at": canonical_time(issued_at)[:19] + "Z",
            "language": language,
            "supersedes": {"number": supersedes.number, "reason": reason} if supersedes else None,
            "issuer": profile_dict(org),
            "attestation": attestation or DEFAULT_ATTESTATION[kind][language],
            "signed_by": signed_by,
        }

    def _sanitization_record(self, s: Session, asset: Asset, media: list, org: OrganisationProfile,
                             language: str = "en") -> dict[str, Any]:
        def t(at: datetime | None) -> str | None:
            return canonical_time(at)[:19] + "Z" if at else None

        def name(key: str | None) -> str | None:
            return label(language, key)

        first = media[0][1]
        items = []
        for m, r, ev in media:
            verification = name(r.verification)
            if r.verification == "sampling" and r.verification_pct is not None:
                verification = f"{verification} {r.verification_pct:g}%"
            items.append({
                "make": m.manufacturer, "model": m.model, "serial": m.serial, "property_number": asset.asset_tag,
                "media_type": name(m.media_type), "capacity_gb": m.capacity_gb,
                "source": _category_name(asset.category, language),
                "classification": name(r.classification), "data_backed_up": "unknown", "backup_location": None,
                "method_type": CATEGORY_NAMES[language][r.category], "technique": name(r.technique),
                "method_used": r.tool_label,
                "method_details": (f"{r.passes} pass(es)" if r.passes else None), "standard": r.standard,
                "tool": r.tool, "tool_version": r.tool_version, "passes": r.passes, "verification": verification,
                "verification_result": name(r.verification_result if r.category != "destroy" else "n/a (destroyed)"),
                "hidden_areas": name(r.hidden_areas), "result": name(r.result), "started_at": t(r.started_at),
                "ended_at": t(r.performed_at), "time_zone": r.time_zone,
                "post_classification": name(r.post_classification or "unclassified"),
                "destination": name(r.destination), "evidence_sha256": ev.sha256 if ev else None,
                "notes": r.notes, "operator": r.operator, "verifier": r.verifier,
            })
        return {
            "asset": {"tag": asset.asset_tag, "serial": asset.serial, "manufacturer": asset.manufacturer,
                      "model": asset.model, "category": _category_name(asset.category, language),
                      "property_number": asset.asset_tag},
            "person": {"name": first.operator, "title": None, "organisation": org.name, "location": org.address, "phone": org.phone},
            "validator": {"name": first.verifier, "title": None, "organisation": org.name, "location": org.address,
                          "phone": org.phone, "date": t(first.performed_at)},
            "media": items,
        }

    def _destruction_record(self, s: Session, batch: ItadBatch, operator: dict, witness: dict,
                            language: str = "en") -> dict[str, Any]:
        def party(pid: int | None) -> Party | None:
            return s.get(Party, pid) if pid else None

        client, vendor = party(batch.client_id), party(batch.vendor_id)
        events = list(s.scalars(select(CustodyEvent).where(CustodyEvent.batch_id == batch.id).order_by(CustodyEvent.seq)))
        first = {}
        for e in events:
            first.setdefault(e.kind, e)
        seals: list[str] = []
        weights: dict[str, float] = {}
        downstream, discrepancies = [], []
        resolved = {json.loads(e.details).get("discrepancy"): json.loads(e.details).get("note") for e in events if e.kind == "resolved"}
        for e in events:
            d = json.loads(e.details)
            seals += [x for x in d.get("seals", []) if x not in seals]
            if e.kind == "received":
                for k, v in (d.get("weights") or {}).items():
                    weights[k] = weights.get(k, 0.0) + float(v)
            if e.kind == "shipped":
                downstream.append({"vendor": d.get("recycler"), "stream": d.get("stream"), "kg": d.get("kg"),
                                   "certification": d.get("certification")})
            if e.kind == "discrepancy":
                note = resolved.get(e.seq)
                discrepancies.append({"kind": d.get("type"), "serial": d.get("serial") or d.get("seal"),
                                      "note": f"resolved: {note}" if note else "open"})
        if not weights:
            for dn in downstream:
                weights[dn["stream"]] = weights.get(dn["stream"], 0.0) + float(dn["kg"] or 0)

        def t(e: CustodyEvent | None) -> str | None:
            return canonical_time(e.at)[:19] + "Z" if e else None

        # Every serial, with how its data was dealt with: the last passing record of its media.
        rows = s.execute(
            select(BatchItem, Asset).outerjoin(Asset, Asset.id == BatchItem.asset_id)
            .where(BatchItem.batch_id == batch.id).order_by(BatchItem.in_manifest.desc(), BatchItem.id)
        ).all()
        asset_ids = [a.id for _, a in rows if a is not None]
        method_of: dict[int, tuple[str, str, datetime]] = {}
        for chunk in range(0, len(asset_ids), 500):
            ids = asset_ids[chunk:chunk + 500]
            recs = s.execute(
                select(StorageMedium.asset_id, SanitizationRecord.category, SanitizationRecord.technique,
                       SanitizationRecord.result, SanitizationRecord.verified, SanitizationRecord.performed_at)
                .join(SanitizationRecord, SanitizationRecord.medium_id == StorageMedium.id)
                .where(StorageMedium.asset_id.in_(ids), StorageMedium.removed.is_(False))
                .order_by(SanitizationRecord.performed_at)
            ).all()
            for aid, cat, tech, result, verified, at in recs:
                if result in PASSING and verified:
                    method_of[aid] = (f"{label(language, tech)} · {CATEGORY_NAMES[language][cat]}", label(language, "pass"), at)
        items = []
        for n, (item, a) in enumerate(rows, start=1):
            if not item.in_manifest:
                continue
            if item.received_at is None:
                method, result, at = "—", label(language, "not_received"), None
            elif a is not None and not a.data_bearing:
                method, result, at = label(language, "no_data_media"), label(language, "n/a"), None
            elif a is not None and a.id in method_of:
                method, result, at = method_of[a.id]
            else:
                method, result, at = "—", label(language, "pending"), None
            items.append({
                "line": len(items) + 1, "serial": item.serial, "tag": item.asset_tag,
                "category": _category_name(a.category, language) if a else None,
                "manufacturer": a.manufacturer if a else None, "model": a.model if a else None,
                "method": method, "result": result, "date": (canonical_time(at)[:10] if at else None),
            })
        return {
            "client": {"name": client.name if client else None, "address": client.address if client else None,
                       "contact": client.contact_name if client else None},
            "vendor": {"name": vendor.name if vendor else None, "address": vendor.address if vendor else None,
                       "certifications": [{"scheme": c.scheme, "number": c.number,
                                           "valid_until": c.valid_until.isoformat() if c.valid_until else None}
                                          for c in (vendor.certifications if vendor else [])]},
            "job": {"number": batch.number, "batch": batch.number, "collected_at": t(first.get("collected")),
                    "received_at": t(first.get("received")), "processed_at": t(first.get("processed")),
                    "closed_at": t(first.get("closed")), "seals": seals, "expected_count": batch.expected_count,
                    "received_count": batch.received_count},
            "items": items,
            "weights": [{"stream": k, "kg": round(v, 3)} for k, v in sorted(weights.items())],
            "downstream": downstream,
            "discrepancies": discrepancies,
            "operator": operator,
            "witness": witness,
        }

    # --- issuing --------------------------------------------------------------------------------------
    def issue_sanitization(
        self,
        asset_ref: str | int,
        *,
        output: Path | None = None,
        medium_ids: Sequence[int] | None = None,
        language: str = "en",
        supersedes: str | None = None,
        reason: str | None = None,
        attestation: str | None = None,
        signed_by: str | None = None,
        signed_by_title: str | None = None,
        dry_run: bool = False,
        progress: Callable[[int, int], None] | None = None,
        is_cancelled: Callable[[], bool] | None = None,
        _prepared: tuple | None = None,
    ) -> tuple[Issued, bytes]:
        """Issue a certificate of data sanitization for an asset's media. ``dry_run`` renders a preview
        (numbered ``PREVIEW``, unsigned) and records nothing."""

        def build(s: Session, number: str, org: OrganisationProfile, issued_at: datetime, prior: Certificate | None) -> tuple[dict, dict]:
            asset = self.assets.resolve(s, asset_ref)
            media, problems = self._media_records(s, asset, medium_ids)
            if problems:
                raise ValidationError(tr("no certificate for {asset}: {problems}",
                                         asset=asset.asset_tag or asset.serial or f"#{asset.id}", problems=join(problems, "; ")))
            if prior is not None and prior.asset_id != asset.id:
                raise ValidationError(tr("{number} certifies another asset; a correction must be for the same one", number=prior.number))
            rec = self._common("sanitization", number, org, language, issued_at, prior, reason, attestation,
                               {"name": signed_by or media[0][1].verifier or media[0][1].operator, "title": signed_by_title})
            rec.update(self._sanitization_record(s, asset, media, org, language))
            return rec, {"asset_id": asset.id}

        return self._issue("sanitization", build, output=output, language=language, supersedes=supersedes,
                           reason=reason, dry_run=dry_run, progress=progress, is_cancelled=is_cancelled,
                           prepared=_prepared)

    def issue_destruction(
        self,
        batch_ref: str | int,
        *,
        output: Path | None = None,
        operator: str | None = None,
        operator_title: str | None = None,
        witness: str | None = None,
        witness_title: str | None = None,
        language: str = "en",
        supersedes: str | None = None,
        reason: str | None = None,
        attestation: str | None = None,
        dry_run: bool = False,
        progress: Callable[[int, int], None] | None = None,
        is_cancelled: Callable[[], bool] | None = None,
    ) -> tuple[Issued, bytes]:
        """Issue the certificate of destruction and recycling for a received (normally closed) batch."""
        from itam.services.custody import CustodyService

        def build(s: Session, number: str, org: OrganisationProfile, issued_at: datetime, prior: Certificate | None) -> tuple[dict, dict]:
            batch = CustodyService._batch(s, batch_ref)
            if batch.status not in ("received", "processed", "closed"):
                raise ValidationError(tr("batch {number} is {status}: a certificate of destruction follows its receipt",
                                         number=batch.number, status=batch.status))
            if prior is not None and prior.batch_id != batch.id:
                raise ValidationError(tr("{number} certifies another batch; a correction must be for the same one", number=prior.number))
            received = s.scalar(select(CustodyEvent).where(CustodyEvent.batch_id == batch.id, CustodyEvent.kind == "received"))
            rdetails = json.loads(received.details) if received else {}
            op = operator or rdetails.get("operator") or self.ctx.actor.name
            wit = witness or rdetails.get("witness")
            rec = self._common("destruction", number, org, language, issued_at, prior, reason, attestation,
                               {"name": op, "title": operator_title})
            rec.update(self._destruction_record(s, batch, {"name": op, "title": operator_title},
                                                {"name": wit, "title": witness_title}, language))
            return rec, {"batch_id": batch.id}

        return self._issue("destruction", build, output=output, language=language, supersedes=supersedes,
                           reason=reason, dry_run=dry_run, progress=progress, is_cancelled=is_cancelled)

    def _prepare(self) -> tuple:
        """The organisation, its signer and the renderer's view of it: loaded once for a run of issues."""
        from reports.certificates import Organisation
        from reports.fonts import fonts

        # Read the fonts now: the first issue in a process would otherwise spend about a second on them inside
        # the transaction, holding the write lock (SQLite) or the series counter (PostgreSQL) for everyone.
        fonts()
        org = self._org()
        organisation = Organisation(name=org.name, address=org.address, phone=org.phone, email=org.email,
                                    registration_no=org.registration_no, website=org.website, logo=org.logo)
        return org, organisation, self.signer(org)

    def _issue(self, kind: str, build: Callable, *, output: Path | Callable[[str], Path] | None, language: str, supersedes: str | None,
               reason: str | None, dry_run: bool, progress: Callable[[int, int], None] | None,
               is_cancelled: Callable[[], bool] | None, prepared: tuple | None = None) -> tuple[Issued, bytes]:
        from reports.certificates import (
            Organisation,
            canonical_json,
            record_sha256,
            render_certificate,
        )
        from reports.signing import sign_pdf

        # A preview records nothing: whoever may read may see one.
        self.ctx.require(security.READ if dry_run else security.CERTIFICATES)
        if language not in LANGUAGES:
            raise ValidationError(tr("language must be one of {languages}", languages=", ".join(LANGUAGES)))
        if supersedes and not (reason or "").strip():
            raise ValidationError(tr("a correction needs the reason it supersedes the earlier certificate"))
        if dry_run:
            org = self._org()
            organisation = Organisation(name=org.name, address=org.address, phone=org.phone, email=org.email,
                                        registration_no=org.registration_no, website=org.website, logo=org.logo)
        else:
            org, organisation, signer = prepared or self._prepare()
        if dry_run:
            with self.ctx.db.read() as s:
                prior = self._prior(s, supersedes, kind)
                record, _ = build(s, "PREVIEW", org, utcnow(), prior)
            pdf = render_certificate(record, organisation, progress=progress, is_cancelled=is_cancelled)
            return Issued("PREVIEW", kind, record_sha256(record), hashlib.sha256(pdf).hexdigest(), None, len(pdf)), pdf

        if isinstance(output, (str, os.PathLike)):
            output = Path(output)
            # What an issue into this folder that was killed half-way left behind: finish it or remove it.
            self._recover_files(output.parent if str(output.parent) else Path("."))
        pending: cert_files.PendingPdf | None = None
        try:
            # PostgreSQL: an issue does not queue behind everyone's edits (nor they behind its PDF): it locks
            # what it changes itself — the series counter first, so issues of one series (corrections of its
            # certificates included) run one at a time, then the certificate ledger's head.
            with pg_own_row_locks(), self.ctx.unit_of_work() as uow:
                s = uow.session
                series = SERIES[kind]
                # The series' counter row, locked until commit: concurrent issuers queue here, and the first
                # certificate of a series creates the row without two workstations both creating it.
                locks.lock_row(s.connection(), CertificateCounter.__table__, {"issuer": org.name, "series": series},
                               {"last": 0})
                counter = s.scalar(select(CertificateCounter).where(
                    CertificateCounter.issuer == org.name, CertificateCounter.series == series)
                    .with_for_update().execution_options(populate_existing=True))
                prior = self._prior(s, supersedes, kind)  # after the lock: a rival correction has committed
                seq = counter.last + 1
                counter.last = seq
                number = f"{series}-{seq:06d}"
                issued_at = utcnow().replace(microsecond=0)
                record, refs = build(s, number, org, issued_at, prior)
                unsigned = render_certificate(record, organisation, progress=progress, is_cancelled=is_cancelled)
                pdf = sign_pdf(unsigned, signer, reason=f"Certificate {number}", location=org.address, contact=org.email)
                crash_point("cert.signed")
                digest = record_sha256(record)
                cert = Certificate(
                    number=number, kind=kind, issuer=org.name, series=series, seq_in_series=seq,
                    asset_id=refs.get("asset_id"), batch_id=refs.get("batch_id"),
                    supersedes_id=prior.id if prior else None, correction_reason=(reason or None) if prior else None,
                    record=canonical_json(record).decode("utf-8"), record_sha256=digest, pdf=pdf,
                    pdf_sha256=hashlib.sha256(pdf).hexdigest(), signer_fingerprint=signer.fingerprint,
                    language=language, issued_at=issued_at, issued_by=uow.actor.name,
                )
                ledger.append(s, cert)
                s.flush()
                if output is not None:
                    # Inside the transaction, under a temporary name: a failure here consumes no number.
                    target = output(number) if callable(output) else output
                    pending = cert_files.PendingPdf(target, number, pdf)
                    crash_point("cert.file_written")
            # Committed: the number, the record and the PDF exist together; now the file takes its name.
            path = None
            if pending is not None:
                crash_point("cert.committed")
                try:
                    path = pending.publish()
                except ValidationError as exc:
                    # The certificate is issued and stored: say so, or the user would issue it a second time.
                    raise ValidationError(tr(
                        "certificate {number} was issued and is stored in the database, but its file could not be "
                        "written ({error}); write it again with itam cert export {number} -o FILE (or Certificates → Save PDF)",
                        number=number, error=_message(exc))) from exc
                pending = None
            return Issued(number, kind, digest, cert.pdf_sha256, path, len(pdf)), pdf
        finally:
            if pending is not None:
                pending.discard()

    def _recover_files(self, directory: Path) -> list[Path]:
        """Finish (or remove) certificate files that an issue killed half-way left in ``directory``: a PDF
        whose certificate was committed takes its name, anything else is deleted. Returns the completed files."""
        def issued_sha256(number: str) -> str | None:
            with self.ctx.db.read() as s:
                return s.scalar(select(Certificate.pdf_sha256).where(Certificate.number == number))

        return cert_files.recover(directory, issued_sha256)

    @requires(security.CERTIFICATES)
    def issue_sanitization_many(
        self,
        asset_refs: Sequence[str | int],
        directory: Path,
        *,
        language: str = "en",
        progress: Callable[[int, int], None] | None = None,
        is_cancelled: Callable[[], bool] | None = None,
    ) -> tuple[list[Issued], list[tuple[str, str]]]:
        """One certificate per asset into ``directory`` (``<number>.pdf``), each its own transaction.

        Assets that cannot be certified are skipped with the reason; a cancelled run stops between
        certificates, so every certificate issued so far is whole.
        """
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        self._recover_files(directory)
        issued, skipped = [], []
        total = len(asset_refs)
        prepared = self._prepare() if asset_refs else None
        for i, ref in enumerate(asset_refs):
            if is_cancelled and is_cancelled():
                break
            try:
                # The file is named after the number allocated inside the transaction (<number>.pdf), so
                # nothing but a hidden temporary file ever stands for a certificate not yet committed.
                result, _ = self.issue_sanitization(ref, output=lambda number: directory / f"{number}.pdf",
                                                    language=language, _prepared=prepared)
                issued.append(result)
                crash_point("cert.many.issued")
            except (ValidationError, NotFoundError) as exc:
                # This asset cannot be certified (unknown, not verified …): say why and go on with the others.
                skipped.append((str(ref), _message(exc)))
            if progress:
                progress(i + 1, total)
        return issued, skipped

    @staticmethod
    def _prior(s: Session, number: str | None, kind: str) -> Certificate | None:
        if not number:
            return None
        prior = s.scalar(select(Certificate).where(Certificate.number == number.strip()))
        if prior is None:
            raise NotFoundError(tr("no certificate {number}", number=number))
        if prior.kind != kind:
            raise ValidationError(tr("{number} is a {actual} certificate, not a {kind} one", number=number, actual=prior.kind, kind=kind))
        later = s.scalar(select(Certificate.number).where(Certificate.supersedes_id == prior.id))
        if later:
            raise ValidationError(tr("{number} was already superseded by {later}; correct that one instead", number=number, later=later))
        return prior

    # --- reading --------------------------------------------------------------------------------------
    @requires(security.READ)
    def list(self, *, kind: str | None = None, limit: int = 1000) -> list[CertificateView]:
        with self.ctx.db.read() as s:
            stmt = select(Certificate.id).order_by(Certificate.seq.desc()).limit(limit)
            if kind:
                stmt = stmt.where(Certificate.kind == kind)
            return [self._view(s, cid) for cid in s.scalars(stmt)]

    @requires(security.READ)
    def get(self, number: str) -> CertificateView:
        with self.ctx.db.read() as s:
            cid = s.scalar(select(Certificate.id).where(Certificate.number == number.strip()))
            if cid is None:
                raise NotFoundError(tr("no certificate {number}", number=number))
            return self._view(s, cid)

    @requires(security.READ)
    def pdf(self, number: str) -> bytes:
        with self.ctx.db.read() as s:
            data = s.scalar(select(Certificate.pdf).where(Certificate.number == number.strip()))
            if data is None:
                raise NotFoundError(tr("no certificate {number}", number=number))
            return data

    def _view(self, s: Session, cid: int) -> CertificateView:
        c = s.execute(select(
            Certificate.id, Certificate.number, Certificate.kind, Certificate.issuer, Certificate.asset_id,
            Certificate.batch_id, Certificate.issued_at, Certificate.issued_by, Certificate.record_sha256,
            Certificate.pdf_sha256, Certificate.supersedes_id, Certificate.correction_reason, Certificate.language,
            func.length(Certificate.pdf)).where(Certificate.id == cid)).one()
        if c.asset_id:
            a = s.get(Asset, c.asset_id)
            subject = a.asset_tag or a.serial or f"#{a.id}"
        else:
            subject = s.scalar(select(ItadBatch.number).where(ItadBatch.id == c.batch_id)) or ""
        sup = s.scalar(select(Certificate.number).where(Certificate.id == c.supersedes_id)) if c.supersedes_id else None
        later = s.scalar(select(Certificate.number).where(Certificate.supersedes_id == c.id))
        return CertificateView(c.id, c.number, c.kind, c.issuer, subject, c.issued_at, c.issued_by, c.record_sha256,
                               c.pdf_sha256, sup, later, c.correction_reason, c.language, c[13] or 0)

    # --- verification ---------------------------------------------------------------------------------
    @requires(security.READ)
    def verify(self, data: bytes, *, use_database: bool = True) -> VerifyResult:
        """Check a certificate PDF: signature, coverage, embedded record and hash, and the database's copy."""
        from reports.signing import signing_dir, trust_roots
        from reports.verify import verify_pdf

        directory = signing_dir()
        roots = trust_roots(directory) if directory.exists() else []
        v = verify_pdf(data, trust_roots=roots or None)
        result = VerifyResult(number=v.number, kind=v.kind, record=v.record, record_sha256=v.record_sha256,
                              signer=v.signer_subject)
        result.checks = [(c.name, c.ok, c.detail) for c in v.checks]
        if not roots:
            result.notes.append(tr("no local signing CA on this machine: the signer's identity was not checked against it"))
        if not use_database:
            return result
        with self.ctx.db.read() as s:
            cert = s.scalar(select(Certificate).where(Certificate.number == (v.number or "")))
            if cert is None:
                result.checks.append(("database", False, tr("certificate {number} is not in this database", number=v.number)
                                      if v.number else tr("certificate (no number) is not in this database")))
                return result
            pdf_sha = hashlib.sha256(data).hexdigest()
            if cert.record_sha256 != v.record_sha256:
                result.checks.append(("database", False, tr("the embedded record differs from the one issued as {number}",
                                                            number=cert.number)))
            elif cert.pdf_sha256 != pdf_sha:
                result.checks.append(("database", False, tr("the file differs from the PDF issued as {number}", number=cert.number)))
            else:
                result.checks.append(("database", True, tr("matches {number} as issued on {at} UTC by {by}", number=cert.number,
                                                           at=f"{cert.issued_at:%Y-%m-%d %H:%M}", by=cert.issued_by)))
            later = s.scalar(select(Certificate.number).where(Certificate.supersedes_id == cert.id))
            if later:
                result.notes.append(tr("{number} was superseded by {later}", number=cert.number, later=later))
        return result

    @requires(security.READ)
    def verify_ledger(self):  # noqa: ANN201
        with self.ctx.db.read() as s:
            return ledger.verify_ledger(s, "certificates")


def _message(exc: BaseException) -> str:
    """An error's message, kept translatable when it is one (``str(exc)`` would lose the template)."""
    return exc.args[0] if len(exc.args) == 1 and isinstance(exc.args[0], str) else str(exc)


@lru_cache(maxsize=1)
def _category_names() -> dict[str, tuple[str, str]]:
    return {k: (c.name, c.name_zh) for k, c in categories().items()}


def _category_name(key: str | None, language: str) -> str | None:
    names = _category_names().get(key or "")
    if names is None:
        return key
    return names[1] if language == "zh_CN" else names[0]


