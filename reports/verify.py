"""Verification of a certificate PDF: the signature, what it covers, and the embedded record.

:func:`verify_pdf` never trusts the file: any malformed input (not a PDF, truncated, random bytes, no
signature, a second revision after the signature) comes back as failing checks with a message, not as an
exception. The checks, in order:

``signature``
    exactly one signature, of subfilter ETSI.CAdES.detached, whose CMS pyHanko finds intact (the digest
    of the signed byte ranges matches) and valid (the signature value verifies with the signer's key).
``signer trusted``
    only when ``trust_roots`` are given (the service passes ``reports.signing.trust_roots()``): the
    signer's certificate chains to one of them, judged at the signing time the signature reports (offline
    signatures carry no trusted timestamp, and a certificate must stay verifiable after its signing
    certificate expires).
``coverage``
    the signature covers the entire file: pyHanko's coverage level is ENTIRE_FILE with no modification
    after it, the byte range starts at 0 and ends exactly at the file's last byte (so nothing may follow
    ``%%EOF``, not even a newline), and the one gap is exactly the ``/Contents`` hex string.
``signature padding``
    ``/Contents`` is written as pyHanko writes it, upper-case hex digits only, and everything after the
    DER-encoded CMS is ``0``. The gap is not signed, so without this a changed padding byte, or a hex
    digit changed to its lower-case form, would go unnoticed.
``signature container``
    the CMS holds nothing that its signature does not vouch for: it re-encodes to the same DER, its
    certificates each verify under their issuer (or themselves, for the root), and its unsigned fields
    agree with the signed ones (digest algorithms, content type, no unsigned attributes, no CRLs).
    Certificates and those fields sit outside what the signature value covers, so a changed byte there
    would otherwise not be caught.
``record``
    the attachment ``itam-record.json`` is present, is canonical JSON (``canonical_json`` of what it
    parses to), and its SHA-256 equals ``/ItamRecordSHA256`` in the document information.
"""

from __future__ import annotations

import binascii
import datetime as dt
import hashlib
import io
import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import cms as asn1_cms
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.generic_cms import validate_sig_integrity
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from itam.messages import tr
from reports.certificates import (
    INFO_NUMBER,
    INFO_RECORD_SHA256,
    RECORD_ATTACHMENT,
    canonical_json,
)

log = logging.getLogger(__name__)

PADES_SUBFILTER = "/ETSI.CAdES.detached"
_HEX_UPPER = re.compile(rb"[0-9A-F]*")


@dataclass(frozen=True)
class PdfCheck:
    """One verification step: its name, whether it passed and a sentence saying why."""

    name: str
    ok: bool
    detail: str


@dataclass(frozen=True)
class PdfVerification:
    """The outcome of :func:`verify_pdf`; the record fields are filled whenever the record could be read."""

    checks: tuple[PdfCheck, ...]
    record: dict | None = None
    record_sha256: str | None = None
    number: str | None = None
    kind: str | None = None
    signer_subject: str | None = None
    signer_fingerprint: str | None = None
    signed_at: dt.datetime | None = None

    @property
    def ok(self) -> bool:
        """True when there is at least one check and every check passed."""
        return bool(self.checks) and all(c.ok for c in self.checks)

    def check(self, name: str) -> PdfCheck | None:
        """The check called ``name`` (None when it was not made)."""
        return next((c for c in self.checks if c.name == name), None)

    def failures(self) -> list[PdfCheck]:
        return [c for c in self.checks if not c.ok]


def _describe(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


# ------------------------------------------------------------------------------------- trust roots


def _asn1_certs(roots) -> list[asn1_x509.Certificate]:
    """Trust roots given as cryptography or asn1crypto certificates, PEM/DER bytes or file paths."""
    out = []
    for root in roots:
        if isinstance(root, asn1_x509.Certificate):
            out.append(root)
            continue
        if isinstance(root, x509.Certificate):
            out.append(asn1_x509.Certificate.load(root.public_bytes(serialization.Encoding.DER)))
            continue
        if isinstance(root, (str, Path)):
            root = Path(root).read_bytes()
        if isinstance(root, (bytes, bytearray)):
            data = bytes(root)
            if b"-----BEGIN" in data:
                certs = x509.load_pem_x509_certificates(data)
            else:
                certs = [x509.load_der_x509_certificate(data)]
            out += [asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER)) for c in certs]
            continue
        raise TypeError(f"a trust root must be a certificate, PEM/DER bytes or a path, not {type(root).__name__}")
    return out


# -------------------------------------------------------------------------------------------- checks


def _der_length(der: bytes) -> int:
    """Length of the DER element at the start of ``der`` (header included); ValueError if malformed."""
    if len(der) < 2 or der[0] != 0x30:
        raise ValueError(tr("the signature does not start with a DER SEQUENCE"))
    first = der[1]
    if first < 0x80:
        return 2 + first
    n = first & 0x7F
    if n == 0 or n > 4 or len(der) < 2 + n:
        raise ValueError(tr("the signature has an invalid DER length"))
    length = int.from_bytes(der[2 : 2 + n], "big")
    if length < 0x80 or (n > 1 and der[2] == 0):
        raise ValueError(tr("the signature's DER length is not minimally encoded"))
    return 2 + n + length


def _padding_check(data: bytes, byte_range) -> tuple[PdfCheck, bytes | None, bytes | None]:
    """(check, the decoded /Contents, the DER signature without its padding)."""
    name = "signature padding"
    try:
        start = int(byte_range[0]) + int(byte_range[1])
        end = int(byte_range[2])
    except (TypeError, ValueError, IndexError) as exc:
        return PdfCheck(name, False, tr("the byte range cannot be read ({error})", error=_describe(exc))), None, None
    gap = data[start:end]
    if len(gap) < 2 or gap[:1] != b"<" or gap[-1:] != b">":
        return PdfCheck(name, False, tr("the unsigned gap is not exactly the /Contents hex string")), None, None
    hex_digits = gap[1:-1]
    if len(hex_digits) % 2 or not _HEX_UPPER.fullmatch(hex_digits):
        return PdfCheck(name, False, tr("/Contents holds characters other than upper-case hex digit pairs")), None, None
    raw = binascii.unhexlify(hex_digits)
    try:
        der_len = _der_length(raw)
    except ValueError as exc:
        return PdfCheck(name, False, exc.args[0] if exc.args else str(exc)), raw, None
    if der_len > len(raw):
        return PdfCheck(name, False, tr("the signature is longer than the space reserved for it")), raw, None
    padding = raw[der_len:]
    if padding.count(0) != len(padding):
        nonzero = next(i for i, b in enumerate(padding) if b)
        return (
            PdfCheck(name, False, tr("the padding after the signature is not all zeros (byte {byte} of /Contents)",
                                     byte=der_len + nonzero)),
            raw,
            raw[:der_len],
        )
    return (
        PdfCheck(name, True, tr("{padding:,} bytes of zero padding after a {size:,}-byte signature",
                                padding=len(padding), size=der_len)),
        raw,
        raw[:der_len],
    )


def _verify_issued(cert: x509.Certificate, issuer: x509.Certificate) -> bool:
    try:
        cert.verify_directly_issued_by(issuer)
    except (ValueError, TypeError, InvalidSignature, UnsupportedAlgorithm):
        return False
    return True


_SIGNED_DATA_FIELDS = ("version", "digest_algorithms", "encap_content_info", "certificates", "crls", "signer_infos")
_SIGNER_INFO_FIELDS = ("version", "sid", "digest_algorithm", "signed_attrs", "signature_algorithm", "signature", "unsigned_attrs")


def _exactly_filled(sequence, fields) -> bool:
    return len(sequence.contents) == sum(len(sequence[f].dump()) for f in fields)


def _container_check(der: bytes | None, roots: list[asn1_x509.Certificate]) -> PdfCheck:
    """The parts of the CMS that its signature value does not cover must still be what the signer wrote."""
    name = "signature container"
    if der is None:
        return PdfCheck(name, False, tr("no signature container to check"))
    try:
        info = asn1_cms.ContentInfo.load(der, strict=True)
        # A lenient parse ignores bytes a SEQUENCE declares beyond its fields: a flipped length byte of the
        # outer SEQUENCE would swallow zero padding unnoticed. The fields must fill each SEQUENCE exactly.
        if not _exactly_filled(info, ("content_type", "content")):
            return PdfCheck(name, False, tr("the signature container declares more bytes than its fields hold"))
        if info["content_type"].native != "signed_data":
            return PdfCheck(name, False, tr("the signature container is not CMS SignedData"))
        sd = info["content"]
        signer_infos = list(sd["signer_infos"])
        if len(signer_infos) != 1:
            return PdfCheck(name, False, tr("{n} signer infos; expected one", n=len(signer_infos)))
        si = signer_infos[0]
        if not _exactly_filled(sd, _SIGNED_DATA_FIELDS) or not _exactly_filled(si, _SIGNER_INFO_FIELDS):
            return PdfCheck(name, False, tr("the signature container declares more bytes than its fields hold"))
        # RFC 5652 5.1 and 5.3: the versions follow from the signer identifier's form
        si_version = "v3" if si["sid"].name == "subject_key_identifier" else "v1"
        if si["version"].native != si_version or sd["version"].native != si_version:
            return PdfCheck(name, False, tr("unexpected CMS versions {signed_data}/{signer_info}",
                                            signed_data=sd["version"].native, signer_info=si["version"].native))
        digest_algos = [a.dump() for a in sd["digest_algorithms"]]
        if digest_algos != [si["digest_algorithm"].dump()]:
            return PdfCheck(name, False, tr("the SignedData digest algorithms differ from the signer's"))
        eci = sd["encap_content_info"]
        if eci["content_type"].native != "data" or eci["content"].native is not None:
            return PdfCheck(name, False, tr("the encapsulated content is not detached data"))
        if sd["crls"].native is not None or si["unsigned_attrs"].native is not None:
            return PdfCheck(name, False, tr("the signature carries unsigned additions (CRLs or unsigned attributes)"))
        certs = []
        for choice in sd["certificates"] or []:
            if choice.name != "certificate":
                return PdfCheck(name, False, tr("the signature embeds a {what}, not an X.509 certificate", what=choice.name))
            certs.append(x509.load_der_x509_certificate(choice.chosen.dump()))
    except Exception as exc:  # noqa: BLE001 - asn1crypto and cryptography raise many types on damaged DER
        return PdfCheck(name, False, tr("the signature container cannot be read ({error})", error=_describe(exc)))
    anchors = [x509.load_der_x509_certificate(r.dump()) for r in roots]
    pool = certs + anchors
    for cert in certs:
        try:
            # cryptography parses a certificate's fields lazily: a damaged one raises only here
            subject = cert.subject.rfc4514_string()
            issuers = [c for c in pool if c.subject == cert.issuer]
            self_signed = cert.issuer == cert.subject
        except Exception as exc:  # noqa: BLE001 - any parse error of a damaged certificate
            return PdfCheck(name, False, tr("an embedded certificate cannot be read ({error})", error=_describe(exc)))
        if not any(_verify_issued(cert, issuer) for issuer in issuers):
            if issuers or self_signed:
                return PdfCheck(name, False, tr("the embedded certificate {subject} does not verify under its issuer",
                                                subject=subject))
            return PdfCheck(name, False, tr("the issuer of the embedded certificate {subject} is neither embedded nor a trust root",
                                            subject=subject))
    return PdfCheck(name, True, tr("{n} embedded certificate(s) verify under their issuers; no unsigned additions",
                                   n=len(certs)))


def _record_check(reader) -> tuple[PdfCheck, dict | None, str | None]:
    name = "record"
    try:
        info = reader.trailer_view.get("/Info")
        info = info.get_object() if info is not None else None
        declared = str(info.get("/" + INFO_RECORD_SHA256)) if info is not None and ("/" + INFO_RECORD_SHA256) in info else None
        declared_number = str(info.get("/" + INFO_NUMBER)) if info is not None and ("/" + INFO_NUMBER) in info else None
        names = reader.root.get("/Names")
        tree = names.get_object().get("/EmbeddedFiles") if names is not None else None
        spec = _find_in_name_tree(tree.get_object(), RECORD_ATTACHMENT) if tree is not None else None
        if spec is None:
            return PdfCheck(name, False, tr("the attachment {name} is missing", name=RECORD_ATTACHMENT)), None, None
        stream = spec.get_object()["/EF"].get_object()["/F"].get_object()
        raw = stream.data
    except Exception as exc:  # noqa: BLE001 - a damaged object tree raises anything from the PDF parser
        return PdfCheck(name, False, tr("the attachment {name} cannot be read ({error})", name=RECORD_ATTACHMENT,
                                        error=_describe(exc))), None, None
    sha = hashlib.sha256(raw).hexdigest()
    try:
        record = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:  # RecursionError: nested thousands deep
        return PdfCheck(name, False, tr("{name} is not JSON ({error})", name=RECORD_ATTACHMENT, error=_describe(exc))), None, sha
    if not isinstance(record, dict):
        return PdfCheck(name, False, tr("{name} is not a JSON object", name=RECORD_ATTACHMENT)), None, sha
    try:
        canonical = canonical_json(record)
    except (UnicodeEncodeError, ValueError, RecursionError):
        # "\ud800" is valid JSON but no UTF-8 text: no record itam writes; its values are not shown either.
        return PdfCheck(name, False, tr("{name} is not in canonical form", name=RECORD_ATTACHMENT)), None, sha
    if canonical != raw:
        return PdfCheck(name, False, tr("{name} is not in canonical form", name=RECORD_ATTACHMENT)), record, sha
    if declared is None:
        return PdfCheck(name, False, tr("the document information has no /{key}", key=INFO_RECORD_SHA256)), record, sha
    if declared != sha:
        return PdfCheck(name, False, tr("the record's SHA-256 {sha} differs from the declared {declared}", sha=sha,
                                        declared=declared)), record, sha
    if declared_number is not None and declared_number != record.get("number"):
        return PdfCheck(name, False, tr("the record's number {number} differs from the declared {declared}",
                                        number=record.get("number"), declared=declared_number)), record, sha
    return PdfCheck(name, True, tr("{name} ({size:,} bytes) matches /{key} {sha}", name=RECORD_ATTACHMENT, size=len(raw),
                                   key=INFO_RECORD_SHA256, sha=sha)), record, sha


def _find_in_name_tree(node, key: str, depth: int = 0):
    if depth > 32:
        raise ValueError("the name tree is too deep")
    names = node.get("/Names")
    if names is not None:
        names = names.get_object()
        for i in range(0, len(names) - 1, 2):
            if str(names[i]) == key:
                return names[i + 1]
    kids = node.get("/Kids")
    for kid in kids.get_object() if kids is not None else ():
        found = _find_in_name_tree(kid.get_object(), key, depth + 1)
        if found is not None:
            return found
    return None


def _signer_facts(sig) -> tuple[str | None, str | None, dt.datetime | None]:
    try:
        cert = sig.signer_cert
        subject = x509.load_der_x509_certificate(cert.dump()).subject.rfc4514_string()
        return subject, hashlib.sha256(cert.dump()).hexdigest(), sig.self_reported_timestamp
    except Exception:  # noqa: BLE001 - a damaged CMS: the signature check reports it
        return None, None, None


# ----------------------------------------------------------------------------------------- verify_pdf


def verify_pdf(data: bytes, *, trust_roots: list | None = None) -> PdfVerification:
    """Check a certificate PDF; see the module docstring for the checks. ``trust_roots``: certificates
    (cryptography, asn1crypto, PEM/DER bytes or paths) the signer must chain to; None skips that check."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"verify_pdf needs the file's bytes, not {type(data).__name__}")
    data = bytes(data)
    roots = _asn1_certs(trust_roots) if trust_roots is not None else None
    names = ["signature"] + (["signer trusted"] if roots is not None else []) + [
        "coverage", "signature padding", "signature container", "record",
    ]

    def all_fail(detail: str, **extra) -> PdfVerification:
        return PdfVerification(checks=tuple(PdfCheck(n, False, detail) for n in names), **extra)

    if not data.startswith(b"%PDF-"):
        return all_fail(tr("not a PDF file (no %PDF- header)"))
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        sigs = list(reader.embedded_signatures)
    except Exception as exc:  # untrusted bytes: the PDF parser may raise anything
        log.debug("unreadable PDF", exc_info=True)
        return all_fail(tr("the PDF cannot be read ({error})", error=_describe(exc)))

    record_check, record, sha = _record_check(reader)
    facts = {
        "record": record,
        "record_sha256": sha,
        "number": record.get("number") if record and isinstance(record.get("number"), str) else None,
        "kind": record.get("kind") if record and isinstance(record.get("kind"), str) else None,
    }
    if len(sigs) != 1:
        detail = (tr("the file has no signature") if not sigs
                  else tr("the file has {n} signatures; a certificate has exactly one", n=len(sigs)))
        checks = [PdfCheck(n, False, detail) for n in names[:-1]] + [record_check]
        return PdfVerification(checks=tuple(checks), **facts)
    sig = sigs[0]
    subject, fingerprint, signed_at = _signer_facts(sig)
    facts.update(signer_subject=subject, signer_fingerprint=fingerprint, signed_at=signed_at)

    checks = _signature_checks(sig, roots, signed_at)
    checks.append(_coverage_check(data, sig))
    padding_check, raw, der = _padding_check(data, sig.byte_range)
    checks.append(padding_check)
    if raw is not None and raw != sig.pkcs7_content:
        checks.append(PdfCheck("signature container", False, tr("the signature pyHanko read differs from the bytes in the file")))
    else:
        checks.append(_container_check(der, roots or []))
    checks.append(record_check)
    return PdfVerification(checks=tuple(checks), **facts)


def _signature_checks(sig, roots, signed_at) -> list[PdfCheck]:
    out = []
    subfilter = str(sig.sig_object.get("/SubFilter"))
    try:
        # the cryptographic core alone: the trust path is a separate check, made only when roots are given
        intact, valid = validate_sig_integrity(sig.signer_info, sig.signer_cert, "data", sig.compute_digest())
    except Exception as exc:  # damaged CMS or PDF structures raise from deep inside pyHanko
        log.debug("signature validation failed", exc_info=True)
        out.append(PdfCheck("signature", False, tr("the signature cannot be validated ({error})", error=_describe(exc))))
    else:
        if subfilter != PADES_SUBFILTER:
            out.append(PdfCheck("signature", False, tr("the signature's subfilter is {subfilter}, not {expected}",
                                                       subfilter=subfilter, expected=PADES_SUBFILTER)))
        elif not intact:
            out.append(PdfCheck("signature", False,
                                tr("the document was changed after signing: its digest does not match the signature")))
        elif not valid:
            out.append(PdfCheck("signature", False, tr("the signature value does not verify with the signer's certificate")))
        else:
            signer = sig.signer_cert.subject.human_friendly
            out.append(PdfCheck("signature", True, tr(
                "valid PAdES signature by {signer}, signed {at} UTC (signer's clock)", signer=signer,
                at=f"{signed_at:%Y-%m-%d %H:%M}") if signed_at else tr("valid PAdES signature by {signer}", signer=signer)))
    if roots is not None:
        out.append(_trust_check(sig, roots, signed_at))
    return out


def _trust_check(sig, roots, signed_at) -> PdfCheck:
    name = "signer trusted"
    if not roots:
        return PdfCheck(name, False, tr("no trust roots were given"))
    try:
        context = ValidationContext(
            trust_roots=roots,
            allow_fetching=False,
            revocation_mode="soft-fail",
            # no trusted timestamp offline: judge the chain at the time the signer reports
            moment=signed_at,
        )
        status = validate_pdf_signature(
            sig,
            signer_validation_context=context,
            # our certificates carry both; a user's own may carry only one of them
            key_usage_settings=KeyUsageConstraints(key_usage={"digital_signature", "non_repudiation"}, match_all_key_usages=False),
            skip_diff=True,
        )
    except Exception as exc:  # damaged CMS or PDF structures raise from deep inside pyHanko
        log.debug("trust validation failed", exc_info=True)
        return PdfCheck(name, False, tr("the signer's certificate cannot be validated ({error})", error=_describe(exc)))
    if status.trusted and status.intact and status.valid:
        try:
            anchor = status.validation_path.trust_anchor.authority.name.human_friendly  # type: ignore[union-attr]
        except AttributeError:
            return PdfCheck(name, True, tr("the signer's certificate chains to a given root"))
        return PdfCheck(name, True, tr("the signer's certificate chains to {anchor}", anchor=anchor))
    return PdfCheck(name, False, tr("the signer's certificate does not chain to a trusted root at the signing time"))


def _coverage_check(data: bytes, sig) -> PdfCheck:
    name = "coverage"
    try:
        br = [int(x) for x in sig.byte_range]
    except (TypeError, ValueError) as exc:
        return PdfCheck(name, False, tr("the byte range cannot be read ({error})", error=_describe(exc)))
    if len(br) != 4 or br[0] != 0 or br[1] <= 0 or br[2] <= br[1] or br[3] < 0:
        return PdfCheck(name, False, tr("the byte range {range} is malformed", range=br))
    end = br[2] + br[3]
    if end != len(data):
        return PdfCheck(name, False, tr("the signature covers {covered:,} bytes but the file has {size:,}", covered=end,
                                        size=len(data)))
    try:
        level = sig.evaluate_signature_coverage()
    except Exception as exc:  # noqa: BLE001 - damaged xref/trailer structures
        return PdfCheck(name, False, tr("the coverage cannot be evaluated ({error})", error=_describe(exc)))
    # ENTIRE_FILE: the signed revision is the last one, so nothing was added or changed after it
    if level != SignatureCoverageLevel.ENTIRE_FILE:
        return PdfCheck(name, False, tr("the signature does not cover the entire file ({level})",
                                        level=getattr(level, "name", level)))
    return PdfCheck(name, True, tr("the signature covers all {size:,} bytes but its own /Contents", size=len(data)))
