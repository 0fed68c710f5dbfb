"""The signing key folder and PAdES signatures, checked with pyHanko's validator and poppler's pdfsig."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import stat
import subprocess

import pytest
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import KeyUsageConstraints, validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from itam.errors import ConfigurationError, ValidationError
from reports import signing
from reports.certificates import Organisation, render_certificate
from reports.signing import (
    CA_CERT_FILE,
    CERT_FILE,
    CHAIN_FILE,
    DOCUMENT_SIGNING,
    KEY_FILE,
    import_signer,
    load_or_create_signer,
    sign_pdf,
    signing_dir,
    trust_roots,
)
from tests.reports import sanitization_record

ORG = "Acme Circular IT Ltd."


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def der(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.DER)


def pyhanko_status(pdf: bytes, roots: list[x509.Certificate]):
    sigs = PdfFileReader(io.BytesIO(pdf)).embedded_signatures
    assert len(sigs) == 1
    context = ValidationContext(trust_roots=[asn1_x509.Certificate.load(der(r)) for r in roots], allow_fetching=False)
    # pyHanko wants nonRepudiation by default; an imported certificate may have digitalSignature only
    usage = KeyUsageConstraints(key_usage={"digital_signature", "non_repudiation"}, match_all_key_usages=False)
    return sigs[0], validate_pdf_signature(sigs[0], context, key_usage_settings=usage)


@pytest.fixture
def unsigned_pdf() -> bytes:
    return render_certificate(sanitization_record(), Organisation(ORG))


def test_first_use_creates_a_local_ca_and_signing_certificate():
    directory = signing_dir()
    assert directory.parent == signing.data_dir()
    signer = load_or_create_signer(ORG)
    assert signer.directory == directory
    assert mode(directory) == 0o700
    for name in (KEY_FILE, CERT_FILE, CHAIN_FILE, CA_CERT_FILE, "ca-key.pem"):
        assert mode(directory / name) == 0o600, name
    assert (directory / KEY_FILE).read_bytes().startswith(b"-----BEGIN PRIVATE KEY-----")
    cert = signer.certificate
    assert isinstance(signer.private_key, ec.EllipticCurvePrivateKey)
    assert ORG in signer.subject
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature and usage.content_commitment and not usage.key_cert_sign
    assert DOCUMENT_SIGNING in cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    years = (signer.not_after - cert.not_valid_before_utc).days / 365
    assert 4.9 < years < 5.1
    (ca,) = signer.chain
    assert ca.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    cert.verify_directly_issued_by(ca)
    assert signer.fingerprint == cert.fingerprint(hashes.SHA256()).hex()
    assert trust_roots() == [ca]


def test_a_second_load_returns_the_same_signer():
    first = load_or_create_signer(ORG)
    again = load_or_create_signer("another name", create=False)
    assert again.fingerprint == first.fingerprint
    assert again.subject == first.subject


def test_no_key_and_create_false_is_a_configuration_error(tmp_path):
    with pytest.raises(ConfigurationError, match="no signing key"):
        load_or_create_signer(ORG, directory=tmp_path / "signing", create=False)


@pytest.mark.parametrize("damage", ["missing", "garbage", "other key"])
def test_a_missing_or_damaged_key_is_a_clear_configuration_error(damage):
    directory = load_or_create_signer(ORG).directory
    key = directory / KEY_FILE
    if damage == "missing":
        key.unlink()
    elif damage == "garbage":
        key.write_bytes(b"-----BEGIN PRIVATE KEY-----\nnot base64\n-----END PRIVATE KEY-----\n")
    else:
        other = ec.generate_private_key(ec.SECP256R1())
        key.write_bytes(other.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    with pytest.raises(ConfigurationError) as err:
        load_or_create_signer(ORG)
    message = str(err.value)
    assert "the signing key is missing or damaged" in message
    assert f"restore {directory} from a backup" in message and "PKCS#12" in message
    # nothing was replaced behind the user's back
    assert (directory / CERT_FILE).exists()


def test_signature_validates_with_pyhanko_against_the_local_ca(unsigned_pdf):
    signer = load_or_create_signer(ORG)
    signed = sign_pdf(unsigned_pdf, signer, reason="Certificate DS-000042 issued", location="Shanghai", contact="certs@acme.example")
    assert signed.startswith(unsigned_pdf)  # an incremental update: the rendered file is untouched
    sig, status = pyhanko_status(signed, trust_roots())
    assert status.bottom_line and status.intact and status.valid and status.trusted
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    assert str(sig.sig_object["/SubFilter"]) == "/ETSI.CAdES.detached"
    assert str(sig.sig_object["/Reason"]) == "Certificate DS-000042 issued"
    assert str(sig.sig_object["/Location"]) == "Shanghai"
    embedded = {choice.chosen.dump() for choice in sig.signed_data["certificates"]}
    assert der(signer.certificate) in embedded and der(signer.chain[0]) in embedded  # the chain travels along
    assert status.signing_cert.sha256.hex() == signer.fingerprint
    # another CA does not vouch for it
    stranger = load_or_create_signer("Stranger Ltd.", directory=signing.data_dir() / "elsewhere")
    _, status = pyhanko_status(signed, trust_roots(stranger.directory))
    assert status.intact and status.valid and not status.trusted


@pytest.mark.skipif(not shutil.which("pdfsig"), reason="poppler's pdfsig missing")
def test_poppler_finds_the_signature_valid(tmp_path, unsigned_pdf):
    path = tmp_path / "signed.pdf"
    path.write_bytes(sign_pdf(unsigned_pdf, load_or_create_signer(ORG), reason="issued"))
    out = subprocess.run(["pdfsig", "-nocert", str(path)], capture_output=True, text=True, check=True).stdout
    assert "Signature is Valid" in out and "Total document signed" in out and "ETSI.CAdES.detached" in out


def test_signing_a_non_pdf_is_a_validation_error():
    with pytest.raises(ValidationError):
        sign_pdf(b"not a pdf at all", load_or_create_signer(ORG), reason="x")


# ------------------------------------------------------------------------------------------ import


def _name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn), x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Big Corp")])


def _cert(subject, issuer, public_key, signing_key, *, ca: bool, usage: x509.KeyUsage, days=400, eku=None):
    now = dt.datetime.now(dt.UTC)
    builder = (
        x509.CertificateBuilder().subject_name(subject).issuer_name(issuer).public_key(public_key)
        .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(usage, critical=True)
    )
    if eku:
        builder = builder.add_extension(x509.ExtendedKeyUsage(eku), critical=False)
    return builder.sign(signing_key, hashes.SHA256())


CA_USAGE = x509.KeyUsage(False, False, False, False, False, True, True, False, False)
SIGN_ONLY = x509.KeyUsage(True, False, False, False, False, False, False, False, False)


def make_p12(path, passphrase: bytes | None, *, include_root=True, key_size=3072):
    """A company PKI: RSA root → intermediate → a user's signing certificate (digitalSignature only)."""
    root_key = rsa.generate_private_key(65537, key_size)
    inter_key = rsa.generate_private_key(65537, key_size)
    user_key = rsa.generate_private_key(65537, key_size)
    root = _cert(_name("Big Corp Root CA"), _name("Big Corp Root CA"), root_key.public_key(), root_key, ca=True, usage=CA_USAGE, days=3000)
    inter = _cert(_name("Big Corp Issuing CA"), root.subject, inter_key.public_key(), root_key, ca=True, usage=CA_USAGE, days=2000)
    user = _cert(_name("Li Lei"), inter.subject, user_key.public_key(), inter_key, ca=False, usage=SIGN_ONLY,
                 eku=[ExtendedKeyUsageOID.EMAIL_PROTECTION])
    cas = [root, inter] if include_root else [inter]  # deliberately out of order
    encryption = serialization.BestAvailableEncryption(passphrase) if passphrase else serialization.NoEncryption()
    path.write_bytes(pkcs12.serialize_key_and_certificates(b"li lei", user_key, user, cas, encryption))
    return root, inter, user


@pytest.mark.slow
def test_import_a_pkcs12_replaces_the_local_signer_and_keeps_the_old_files(tmp_path, unsigned_pdf):
    local = load_or_create_signer(ORG)
    signed_before = sign_pdf(unsigned_pdf, local, reason="before the import")
    root, inter, user = make_p12(tmp_path / "me.p12", b"s3cret pass")

    signer = import_signer(tmp_path / "me.p12", "s3cret pass")
    directory = signing_dir()
    assert signer.fingerprint == user.fingerprint(hashes.SHA256()).hex()
    assert [der(c) for c in signer.chain] == [der(inter), der(root)]  # ordered nearest first
    for name in (KEY_FILE, CERT_FILE, CHAIN_FILE):
        assert mode(directory / name) == 0o600
    assert not (directory / CA_CERT_FILE).exists()
    retired = sorted(p.name for p in directory.glob("*-retired-*"))
    assert {n.split("-retired-")[0] for n in retired} == {"signing-key", "signing-cert", "chain", "ca-cert", "ca-key"}
    assert load_or_create_signer(ORG, create=False).fingerprint == signer.fingerprint

    signed = sign_pdf(unsigned_pdf, signer, reason="after the import")
    _, status = pyhanko_status(signed, [root])
    assert status.bottom_line and status.trusted
    roots = trust_roots()
    assert {der(r) for r in roots} == {der(root), der(local.chain[0])}
    _, status = pyhanko_status(signed_before, roots)  # signed by the retired local key: still trusted
    assert status.trusted


def test_import_refuses_a_wrong_passphrase_and_a_non_pkcs12_file(tmp_path):
    make_p12(tmp_path / "me.p12", b"right", key_size=2048)
    with pytest.raises(ValidationError, match="passphrase"):
        import_signer(tmp_path / "me.p12", "wrong")
    (tmp_path / "junk.p12").write_bytes(b"junk")
    with pytest.raises(ValidationError):
        import_signer(tmp_path / "junk.p12", None)
    with pytest.raises(ValidationError, match="cannot read"):
        import_signer(tmp_path / "absent.p12", None)
    assert not (signing_dir() / CERT_FILE).exists()  # nothing was half-imported


def test_an_expired_local_signing_certificate_is_renewed(monkeypatch):
    first = load_or_create_signer(ORG)
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=365 * 6)
    monkeypatch.setattr(signing, "_utcnow", lambda: later)
    renewed = load_or_create_signer(ORG)
    assert renewed.fingerprint != first.fingerprint
    assert renewed.not_after > later and renewed.chain[0] == first.chain[0]
    assert list(first.directory.glob("signing-key-retired-*.pem"))


def test_an_interrupted_creation_keeps_the_orphaned_key():
    directory = signing_dir()
    (directory / KEY_FILE).write_bytes(b"left over by a crash")
    load_or_create_signer(ORG)
    (orphan,) = directory.glob("signing-key-retired-*.pem")
    assert orphan.read_bytes() == b"left over by a crash"
