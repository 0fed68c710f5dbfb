"""The certificate signing key and PAdES signatures on certificate PDFs.

On first use itam makes a small local PKI in :func:`signing_dir` (``<data dir>/signing``, mode 0700):
a local CA (ECDSA P-256, 10 years) and a document-signing certificate issued by it (ECDSA P-256, 5 years,
key usage digitalSignature + nonRepudiation, extended key usage id-kp-documentSigning). ECDSA because
signing is ~9x faster than RSA-3072 here (18 ms vs 159 ms per certificate with pyHanko) and its
signatures are smaller. Every file is PEM, mode 0600, and lives only there: the database never holds a
key. Back the folder up; without it new certificates cannot be signed (old ones still verify).

A user's own certificate (a PKCS#12 file from a public or company CA) replaces the local one with
:func:`import_signer`; replaced files are renamed with a timestamp, never deleted, and their CA
certificates stay trust roots (:func:`trust_roots`) so that certificates signed before still verify.

:func:`sign_pdf` adds one PAdES B-B signature (``ETSI.CAdES.detached``, SHA-256, the signer's chain
embedded, an invisible field) as an incremental update. Offline: no timestamp authority, no revocation
information; the signing time in the signature is the signer's own claim.

Files in the folder (all 0600):
  ``signing-key.pem``  the signing key (PKCS#8, unencrypted: the folder's permissions protect it)
  ``signing-cert.pem`` the signing certificate
  ``chain.pem``        its issuers, nearest first (for the local PKI: the local CA)
  ``ca-cert.pem``, ``ca-key.pem``  the local CA (absent after an import); the CA key renews the signing
                       certificate when it expires
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.sign import fields as sig_fields
from pyhanko.sign.general import SigningError
from pyhanko.sign.signers import PdfSignatureMetadata, PdfSigner, SimpleSigner
from pyhanko_certvalidator.registry import SimpleCertificateStore

from itam.errors import ConfigurationError, ValidationError
from itam.messages import tr
from itam.paths import data_dir

KEY_FILE = "signing-key.pem"
CERT_FILE = "signing-cert.pem"
CHAIN_FILE = "chain.pem"
CA_CERT_FILE = "ca-cert.pem"
CA_KEY_FILE = "ca-key.pem"
SIGNATURE_FIELD = "ItamSignature"
CA_YEARS = 10
SIGNING_YEARS = 5
#: id-kp-documentSigning (RFC 9336).
DOCUMENT_SIGNING = x509.ObjectIdentifier("1.3.6.1.5.5.7.3.36")
#: How a user replaces a lost or damaged key; the UI and CLI name the same action.
IMPORT_HINT = tr("import your own certificate from a PKCS#12 file (.p12/.pfx) with: itam cert signer import FILE")

_lock = threading.RLock()


@contextmanager
def _files_lock(directory: Path) -> Iterator[None]:
    """Serialise creating and renewing the key across processes (two itam windows or commands issuing
    their first certificate at once would otherwise mix two keys and two certificates in one folder)."""
    try:
        import fcntl
    except ImportError:  # Windows: the threading lock only
        yield
        return
    fd = os.open(directory / ".lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def signing_dir() -> Path:
    """``<data dir>/signing``, created (and kept) with mode 0700."""
    path = data_dir() / "signing"
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    _chmod(path, 0o700)
    return path


def _chmod(path: Path, mode: int) -> None:
    try:
        os.chmod(path, mode)
    except OSError:  # e.g. a file system without POSIX modes: the folder's location must protect it
        pass


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


# --------------------------------------------------------------------------------------------- Signer


class _KeySigner(SimpleSigner):
    """pyHanko's SimpleSigner re-parses the private key from DER on every signature; keep it parsed."""

    def __init__(self, *args, private_key, **kwargs):
        super().__init__(*args, **kwargs)
        self._private_key = private_key

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        key = self._private_key
        algo = {"sha256": hashes.SHA256(), "sha384": hashes.SHA384(), "sha512": hashes.SHA512()}.get(digest_algorithm)
        if algo is not None:
            name = self.get_signature_mechanism_for_digest(digest_algorithm).signature_algo
            if isinstance(key, ec.EllipticCurvePrivateKey) and name == "ecdsa":
                return key.sign(data, ec.ECDSA(algo))
            if isinstance(key, rsa.RSAPrivateKey) and name == "rsassa_pkcs1v15":
                return key.sign(data, padding.PKCS1v15(), algo)
        return super().sign_raw(data, digest_algorithm)


@dataclass(eq=False)
class Signer:
    """A signing key with its certificate and the certificate's issuers (nearest first)."""

    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...]
    private_key: object = field(repr=False)
    directory: Path | None = None
    fingerprint: str = field(init=False)  # SHA-256 of the signing certificate (DER), hex
    subject: str = field(init=False)
    not_after: dt.datetime = field(init=False)
    _signer: SimpleSigner = field(init=False, repr=False)
    _reserve: int = field(init=False, repr=False)

    def __post_init__(self):
        der = self.certificate.public_bytes(serialization.Encoding.DER)
        self.fingerprint = hashlib.sha256(der).hexdigest()
        self.subject = self.certificate.subject.rfc4514_string()
        self.not_after = self.certificate.not_valid_after_utc
        chain_asn1 = [asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER)) for c in self.chain]
        key_der = self.private_key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        self._signer = _KeySigner(
            signing_cert=asn1_x509.Certificate.load(der),
            signing_key=asn1_keys.PrivateKeyInfo.load(key_der),
            cert_registry=SimpleCertificateStore.from_certs(chain_asn1),
            private_key=self.private_key,
        )
        # Room for the CMS in /Contents (hex characters): the embedded certificates, the signed attributes
        # and the signature value, with a margin. Fixed up front because pyHanko otherwise signs a dummy
        # document first to estimate it, which doubles the signing time.
        certs = len(der) + sum(len(c.public_bytes(serialization.Encoding.DER)) for c in self.chain)
        key_size = getattr(self.private_key, "key_size", 521)
        estimate = certs + 1200 + 2 * (key_size // 8 + 16)
        self._reserve = 2 * (((estimate + 511) // 512) * 512)

    @property
    def roots(self) -> list[x509.Certificate]:
        """The top of this signer's chain (what a verifier trusts for it)."""
        return [self.chain[-1] if self.chain else self.certificate]


def _load_pem_certs(path: Path) -> list[x509.Certificate]:
    return x509.load_pem_x509_certificates(path.read_bytes()) if path.exists() and path.stat().st_size else []


def _same_key(private_key, certificate: x509.Certificate) -> bool:
    fmt = (serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return private_key.public_key().public_bytes(*fmt) == certificate.public_key().public_bytes(*fmt)


def _damaged(directory: Path, what: str) -> ConfigurationError:
    return ConfigurationError(tr(
        "the signing key is missing or damaged ({what}); restore {directory} from a backup or {hint}",
        what=what, directory=str(directory), hint=IMPORT_HINT,
    ))


def _load(directory: Path) -> Signer:
    cert_path, key_path = directory / CERT_FILE, directory / KEY_FILE
    try:
        certificate = x509.load_pem_x509_certificate(cert_path.read_bytes())
    except (OSError, ValueError) as exc:
        raise ConfigurationError(tr(
            "the signing certificate {path} cannot be read ({error}); restore {directory} from a backup or {hint}",
            path=str(cert_path), error=str(exc), directory=str(directory), hint=IMPORT_HINT,
        )) from exc
    if not key_path.exists():
        raise _damaged(directory, tr("{file} is missing", file=KEY_FILE))
    try:
        private_key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as exc:
        raise _damaged(directory, tr("{file} cannot be read: {error}", file=KEY_FILE, error=str(exc))) from exc
    if not _same_key(private_key, certificate):
        raise _damaged(directory, tr("{file} does not belong to {certificate}", file=KEY_FILE, certificate=CERT_FILE))
    try:
        chain = _load_pem_certs(directory / CHAIN_FILE)
    except (OSError, ValueError) as exc:
        raise ConfigurationError(tr("{path} cannot be read ({error}); restore {directory} from a backup",
                                    path=str(directory / CHAIN_FILE), error=str(exc), directory=str(directory))) from exc
    return Signer(certificate=certificate, chain=tuple(chain), private_key=private_key, directory=directory)


def _write(path: Path, data: bytes) -> None:
    """Write a file with mode 0600 atomically (temporary file in the same folder, then rename)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        _chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _retire(directory: Path, names) -> list[Path]:
    """Rename the given files (those present) to ``<stem>-retired-<UTC time>.pem``; never delete keys."""
    stamp = _utcnow().strftime("%Y%m%dT%H%M%S%fZ")
    moved = []
    for name in names:
        path = directory / name
        if path.exists():
            target = path.with_name(f"{path.stem}-retired-{stamp}{path.suffix}")
            os.replace(path, target)
            moved.append(target)
    return moved


def _pem_key(key) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())


def _pem_certs(*certs: x509.Certificate) -> bytes:
    return b"".join(c.public_bytes(serialization.Encoding.PEM) for c in certs)


def _name(common_name: str, org_name: str) -> x509.Name:
    return x509.Name(
        [x509.NameAttribute(NameOID.COMMON_NAME, common_name[:64]), x509.NameAttribute(NameOID.ORGANIZATION_NAME, org_name[:64])]
    )


def _issue_signing_cert(org_name: str, ca_cert: x509.Certificate, ca_key, now: dt.datetime):
    key = ec.generate_private_key(ec.SECP256R1())
    not_after = min(now + dt.timedelta(days=365 * SIGNING_YEARS + 1), ca_cert.not_valid_after_utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(f"{org_name} certificate signing", org_name))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True, content_commitment=True, key_encipherment=False, data_encipherment=False,
                key_agreement=False, key_cert_sign=False, crl_sign=False, encipher_only=False, decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([DOCUMENT_SIGNING, ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    return key, cert


def _create(directory: Path, org_name: str) -> Signer:
    now = _utcnow()
    org_name = (org_name or "itam").strip() or "itam"
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = _name(f"{org_name} itam local CA", org_name)
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=365 * CA_YEARS + 2))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False, content_commitment=False, key_encipherment=False, data_encipherment=False,
                key_agreement=False, key_cert_sign=True, crl_sign=True, encipher_only=False, decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    key, cert = _issue_signing_cert(org_name, ca_cert, ca_key, now)
    # a key without its certificate is what an interrupted creation leaves: keep it, renamed
    _retire(directory, [KEY_FILE, CHAIN_FILE, CA_CERT_FILE, CA_KEY_FILE])
    _write(directory / CA_KEY_FILE, _pem_key(ca_key))
    _write(directory / CA_CERT_FILE, _pem_certs(ca_cert))
    _write(directory / KEY_FILE, _pem_key(key))
    _write(directory / CHAIN_FILE, _pem_certs(ca_cert))
    _write(directory / CERT_FILE, _pem_certs(cert))  # last: its presence means the set is complete
    return Signer(certificate=cert, chain=(ca_cert,), private_key=key, directory=directory)


def _renew(directory: Path, signer: Signer) -> Signer:
    """A new signing certificate from the local CA when the current one has expired."""
    try:
        ca_cert = x509.load_pem_x509_certificate((directory / CA_CERT_FILE).read_bytes())
        ca_key = serialization.load_pem_private_key((directory / CA_KEY_FILE).read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as exc:
        raise ConfigurationError(tr(
            "the signing certificate expired on {date} and cannot be renewed ({error}); {hint}",
            date=f"{signer.not_after:%Y-%m-%d}", error=str(exc), hint=IMPORT_HINT,
        )) from exc
    now = _utcnow()
    if ca_cert.not_valid_after_utc <= now + dt.timedelta(days=1) or not _same_key(ca_key, ca_cert):
        raise ConfigurationError(tr(
            "the signing certificate expired on {date} and the local CA cannot renew it; {hint}",
            date=f"{signer.not_after:%Y-%m-%d}", hint=IMPORT_HINT,
        ))
    org = ca_cert.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)
    key, cert = _issue_signing_cert(str(org[0].value) if org else "itam", ca_cert, ca_key, now)
    _retire(directory, [KEY_FILE, CERT_FILE])
    _write(directory / KEY_FILE, _pem_key(key))
    _write(directory / CERT_FILE, _pem_certs(cert))
    return Signer(certificate=cert, chain=(ca_cert,), private_key=key, directory=directory)


def load_or_create_signer(org_name: str, *, directory: Path | None = None, create: bool = True) -> Signer:
    """The signer kept in ``directory`` (default :func:`signing_dir`), made on first use when ``create``.

    Raises :class:`~itam.errors.ConfigurationError` when there is none and ``create`` is false, when the
    certificate is there but its key is missing, unreadable or not its key, and when an expired imported
    certificate cannot be renewed. An expired local signing certificate is renewed from the local CA.
    """
    directory = Path(directory) if directory is not None else signing_dir()
    with _lock:
        if directory.exists():
            _chmod(directory, 0o700)
        if not (directory / CERT_FILE).exists():
            if not create:
                raise ConfigurationError(tr("no signing key in {directory}: issue a certificate first or {hint}",
                                            directory=str(directory), hint=IMPORT_HINT))
            directory.mkdir(mode=0o700, parents=True, exist_ok=True)
            _chmod(directory, 0o700)
            with _files_lock(directory):
                if not (directory / CERT_FILE).exists():  # another process may have made it while we waited
                    return _create(directory, org_name)
        signer = _load(directory)
        if signer.not_after <= _utcnow():
            with _files_lock(directory):
                signer = _load(directory)
                if signer.not_after <= _utcnow():
                    signer = _renew(directory, signer)
        return signer


def create_new_signer(org_name: str, *, directory: Path | None = None) -> Signer:
    """A new local CA and signing certificate, deliberately replacing the current ones (kept, renamed)."""
    directory = Path(directory) if directory is not None else signing_dir()
    with _lock:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        _retire(directory, [CERT_FILE])
        return _create(directory, org_name)


def import_signer(p12_path: Path, passphrase: str | None, *, directory: Path | None = None) -> Signer:
    """Make the key and certificates of a PKCS#12 file the signer (replacing the local one, which is kept
    renamed). Raises ``ValidationError`` for an unreadable file, a wrong passphrase, a file without a key
    and certificate, or a certificate that cannot sign (expired, not yet valid, key usage without
    digitalSignature or nonRepudiation)."""
    directory = Path(directory) if directory is not None else signing_dir()
    try:
        data = Path(p12_path).read_bytes()
    except OSError as exc:
        raise ValidationError(tr("cannot read {path}: {error}", path=str(p12_path), error=str(exc.strerror or exc))) from exc
    # no passphrase and an empty one are different things to PKCS#12 tools: try the other on failure
    attempts = [passphrase.encode("utf-8")] if passphrase else [None, b""]
    for attempt in attempts:
        try:
            key, cert, extra = pkcs12.load_key_and_certificates(data, attempt)
            break
        except ValueError as exc:
            failure = exc
    else:
        raise ValidationError(tr("{path} is not a PKCS#12 file or the passphrase is wrong", path=str(p12_path))) from failure
    if key is None or cert is None:
        raise ValidationError(tr("{path} must hold a private key and its certificate", path=str(p12_path)))
    if not isinstance(key, (ec.EllipticCurvePrivateKey, rsa.RSAPrivateKey)):
        raise ValidationError(tr("only RSA and ECDSA keys can sign certificates"))
    if not _same_key(key, cert):
        raise ValidationError(tr("the private key in {path} does not belong to its certificate", path=str(p12_path)))
    now = _utcnow()
    if not (cert.not_valid_before_utc <= now < cert.not_valid_after_utc):
        raise ValidationError(tr(
            "the certificate in {path} is valid from {start} to {end}, not now", path=str(p12_path),
            start=f"{cert.not_valid_before_utc:%Y-%m-%d}", end=f"{cert.not_valid_after_utc:%Y-%m-%d}",
        ))
    try:
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        usage = None
    if usage is not None and not (usage.digital_signature or usage.content_commitment):
        raise ValidationError(tr("the certificate's key usage allows neither digital signatures nor non-repudiation"))
    chain = _order_chain(cert, list(extra or []))
    with _lock:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        _chmod(directory, 0o700)
        _retire(directory, [KEY_FILE, CERT_FILE, CHAIN_FILE, CA_CERT_FILE, CA_KEY_FILE])
        _write(directory / KEY_FILE, _pem_key(key))
        _write(directory / CHAIN_FILE, _pem_certs(*chain))
        _write(directory / CERT_FILE, _pem_certs(cert))
    return Signer(certificate=cert, chain=tuple(chain), private_key=key, directory=directory)


def _issued_by(cert: x509.Certificate, issuer: x509.Certificate) -> bool:
    try:
        cert.verify_directly_issued_by(issuer)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


def _order_chain(leaf: x509.Certificate, others: list[x509.Certificate]) -> list[x509.Certificate]:
    """The issuers of ``leaf`` among ``others``, nearest first; certificates not on the path are dropped."""
    chain, current, pool = [], leaf, list(others)
    while True:
        if current.issuer == current.subject and _issued_by(current, current):
            break  # self-signed: the top
        parent = next((c for c in pool if c.subject == current.issuer and _issued_by(current, c)), None)
        if parent is None:
            break
        chain.append(parent)
        pool.remove(parent)
        current = parent
    return chain


def trust_roots(directory: Path | None = None) -> list[x509.Certificate]:
    """The certificates a verifier of our PDFs should trust: the top of the current chain and of every
    retired one (so certificates signed before a renewal or an import still verify as trusted)."""
    directory = Path(directory) if directory is not None else signing_dir()
    roots: dict[bytes, x509.Certificate] = {}
    candidates = sorted(directory.glob("chain*.pem")) + sorted(directory.glob("ca-cert*.pem"))
    for path in candidates:
        try:
            certs = _load_pem_certs(path)
        except (OSError, ValueError):
            continue  # a damaged retired file must not hide the others
        if certs:
            top = certs[-1]
            roots[top.fingerprint(hashes.SHA256())] = top
    # A signing certificate whose chain file is absent or empty (a self-signed or issuer-less import, current or
    # retired) is its own trust anchor.
    for path in sorted(directory.glob("signing-cert*.pem")):
        chain = path.with_name(path.name.replace("signing-cert", "chain", 1))
        try:
            if chain.exists() and _load_pem_certs(chain):
                continue
            for c in _load_pem_certs(path):
                roots[c.fingerprint(hashes.SHA256())] = c
        except (OSError, ValueError):
            continue
    return list(roots.values())


# -------------------------------------------------------------------------------------------- signing


def sign_pdf(pdf: bytes, signer: Signer, *, reason: str, location: str | None = None, contact: str | None = None) -> bytes:
    """``pdf`` with a PAdES B-B signature by ``signer`` added as an incremental update (invisible field
    ``ItamSignature`` on page 1). The signature covers the whole resulting file. Raises
    ``ValidationError`` when ``pdf`` is not a PDF pyHanko can open or is signed already."""
    meta = PdfSignatureMetadata(
        field_name=SIGNATURE_FIELD,
        md_algorithm="sha256",
        subfilter=sig_fields.SigSeedSubFilter.PADES,
        reason=reason,
        location=location,
        contact_info=contact,
    )
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        pdf_signer = PdfSigner(meta, signer._signer, new_field_spec=sig_fields.SigFieldSpec(SIGNATURE_FIELD, on_page=0))
        out = pdf_signer.sign_pdf(writer, bytes_reserved=signer._reserve, output=io.BytesIO())
    except (PdfError, SigningError) as exc:  # not a PDF, or one that is signed already
        raise ValidationError(tr("the PDF cannot be signed: {error}", error=str(exc))) from exc
    return out.getvalue()
