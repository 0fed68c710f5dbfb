"""verify_pdf: a signed certificate passes; any changed byte, appended byte or malformed input fails."""

from __future__ import annotations

import io
import random
import re

import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko.sign.signers import PdfSignatureMetadata, PdfSigner
from reportlab.pdfgen import canvas

from itam.errors import ValidationError
from reports.certificates import (
    Organisation,
    canonical_json,
    record_sha256,
    render_certificate,
)
from reports.signing import load_or_create_signer, sign_pdf, signing_dir, trust_roots
from reports.verify import PdfVerification, verify_pdf
from tests.reports import destruction_record, sanitization_record

ORG = Organisation("Acme Circular IT Ltd.")
CHECKS = ["signature", "coverage", "signature padding", "signature container", "record"]


@pytest.fixture
def signer():
    return load_or_create_signer(ORG.name)


@pytest.fixture
def signed(signer) -> bytes:
    return sign_pdf(render_certificate(sanitization_record(), ORG), signer, reason="Certificate DS-000042 issued")


def failing(v: PdfVerification) -> set[str]:
    return {c.name for c in v.checks if not c.ok}


def test_a_signed_certificate_verifies(signed, signer):
    v = verify_pdf(signed, trust_roots=trust_roots())
    assert v.ok, v.failures()
    assert [c.name for c in v.checks] == ["signature", "signer trusted", *CHECKS[1:]]
    record = sanitization_record()
    assert v.record == record and v.record_sha256 == record_sha256(record)
    assert (v.number, v.kind) == ("DS-000042", "sanitization")
    assert v.signer_fingerprint == signer.fingerprint and v.signer_subject == signer.subject
    assert v.signed_at is not None and v.signed_at.tzinfo is not None
    assert "itam local CA" in v.check("signer trusted").detail


def test_without_roots_there_is_no_trust_check(signed):
    v = verify_pdf(signed)
    assert v.ok and [c.name for c in v.checks] == CHECKS
    assert v.check("signer trusted") is None


def test_roots_as_pem_bytes_and_paths_work_too(signed):
    directory = signing_dir()
    assert verify_pdf(signed, trust_roots=[directory / "ca-cert.pem"]).ok
    assert verify_pdf(signed, trust_roots=[(directory / "ca-cert.pem").read_bytes()]).ok


def test_a_signer_from_another_ca_is_not_trusted(tmp_path):
    other = load_or_create_signer("Mallory Ltd.", directory=tmp_path / "other")
    forged = sign_pdf(render_certificate(sanitization_record(), ORG), other, reason="forged")
    load_or_create_signer(ORG.name)
    v = verify_pdf(forged, trust_roots=trust_roots())
    assert failing(v) == {"signer trusted"}
    assert verify_pdf(forged).ok  # sound in itself: only the roots tell who may sign


@pytest.mark.parametrize(
    "mangle",
    [
        pytest.param(lambda d: b"", id="empty"),
        pytest.param(lambda d: b"%PDF-1.7\n" + random.Random(1).randbytes(5000), id="random after a header"),
        pytest.param(lambda d: random.Random(2).randbytes(len(d)), id="random bytes"),
        pytest.param(lambda d: d[: len(d) // 2], id="truncated in the middle"),
        pytest.param(lambda d: d[:-1], id="last byte cut"),
        pytest.param(lambda d: d + b"\n", id="newline after %%EOF"),
        pytest.param(lambda d: d + b"%%EOF\n", id="second %%EOF"),
        pytest.param(lambda d: d.replace(b"%PDF-", b"%PDX-", 1), id="header"),
    ],
)
def test_malformed_inputs_fail_without_raising(signed, mangle):
    v = verify_pdf(mangle(signed))
    assert not v.ok
    assert all(c.detail for c in v.checks)


def test_truncations_everywhere_fail(signed):
    for cut in range(0, len(signed), max(1, len(signed) // 40)):
        assert not verify_pdf(signed[:cut]).ok, cut


def test_an_unsigned_certificate_fails_the_signature_checks_but_its_record_reads(signer):
    v = verify_pdf(render_certificate(sanitization_record(), ORG))
    assert failing(v) == {"signature", "coverage", "signature padding", "signature container"}
    assert "no signature" in v.check("signature").detail
    assert v.check("record").ok and v.number == "DS-000042"


def test_an_update_after_signing_is_caught(signed):
    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    info = writer.trailer_view["/Info"].get_object()
    info[generic.NameObject("/Title")] = generic.TextStringObject("edited later")
    writer.update_container(info)
    out = io.BytesIO()
    writer.write(out)
    v = verify_pdf(out.getvalue())
    assert "coverage" in failing(v)


def test_a_second_signature_is_refused(signed, signer):
    with pytest.raises(ValidationError, match="signed already|filled already"):
        sign_pdf(signed, signer, reason="again")
    meta = PdfSignatureMetadata(field_name="Countersignature", subfilter=SigSeedSubFilter.PADES)
    twice = PdfSigner(meta, signer._signer).sign_pdf(IncrementalPdfFileWriter(io.BytesIO(signed))).getvalue()
    v = verify_pdf(twice)
    assert "signature" in failing(v) and "2 signatures" in v.check("signature").detail


def test_a_pdf_without_the_record_or_with_a_wrong_hash_fails_the_record_check(signer):
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.drawString(100, 700, "Certificate of Destruction (not really)")
    c.showPage()
    c.save()
    v = verify_pdf(sign_pdf(buf.getvalue(), signer, reason="x"))
    assert failing(v) == {"record"} and "missing" in v.check("record").detail

    writer = IncrementalPdfFileWriter(io.BytesIO(render_certificate(sanitization_record(), ORG)))
    info = writer.trailer_view["/Info"].get_object()
    info[generic.NameObject("/ItamRecordSHA256")] = generic.TextStringObject("0" * 64)
    writer.update_container(info)
    out = io.BytesIO()
    writer.write(out)
    v = verify_pdf(sign_pdf(out.getvalue(), signer, reason="x"))
    assert failing(v) == {"record"} and "differs" in v.check("record").detail


def _positions(data: bytes) -> list[tuple[int, int]]:
    """About 300 (offset, xor) pairs spread over every part of a signed certificate."""
    rnd = random.Random(20261123)
    sig = PdfFileReader(io.BytesIO(data)).embedded_signatures[0]
    br = [int(x) for x in sig.byte_range]
    contents_start, contents_end = br[1], br[2]  # "<" ... ">"
    der_hex = 2 * len(sig.signed_data.dump()) + 200  # a little over the DER's hex length
    hex_region = range(contents_start + 1, contents_end - 1)
    der_part = hex_region[:der_hex]
    pad_part = hex_region[der_hex:]

    def sample(region, k):
        region = list(region)
        return rnd.sample(region, min(k, len(region)))

    def span(needle: bytes, length: int, start=0):
        at = data.index(needle, start)
        return range(at, min(at + length, len(data)))

    picks: list[int] = []
    picks += range(16)  # header
    picks += [contents_start, contents_end - 1, pad_part[0], pad_part[-1], der_part[0], der_part[1]]
    picks += sample(der_part, 60)
    picks += sample(pad_part, 40)
    picks += sample(span(b"/ByteRange", 60), 12)
    embedded = data.index(b"/EmbeddedFile")
    stream_at = data.index(b"stream", embedded) + 7
    picks += sample(range(stream_at, data.index(b"endstream", stream_at)), 25)
    picks += sample(span(b"/ItamRecordSHA256", 90), 10)
    first_xref = data.index(b"\nxref\n")
    picks += sample(range(first_xref, data.index(b"%%EOF", first_xref) + 5), 20)
    last_xref = data.rindex(b"xref")
    picks += sample(range(last_xref, len(data)), 25)
    picks += range(len(data) - 8, len(data))  # %%EOF and the newline
    picks += sample(range(len(data)), 300 - len(picks))
    out = []
    for pos in sorted(set(picks)):
        out.append((pos, 0x01))
        if data[pos : pos + 1] in b"ABCDEF" and contents_start < pos < contents_end:
            out.append((pos, 0x20))  # the same hex digit in lower case: same value, different bytes
    return out


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["sanitization", "destruction"])
def test_every_flipped_byte_fails(signer, kind):
    record = sanitization_record() if kind == "sanitization" else destruction_record(items=300, language="zh_CN")
    data = sign_pdf(render_certificate(record, ORG), signer, reason="issued")
    assert verify_pdf(data).ok
    positions = _positions(data)
    assert len(positions) >= 280
    passed = []
    for pos, xor in positions:
        mutated = bytearray(data)
        mutated[pos] ^= xor
        v = verify_pdf(bytes(mutated))
        if v.ok:
            passed.append((pos, xor, data[max(0, pos - 20) : pos + 20]))
    assert not passed, passed[:10]


def test_the_embedded_record_is_exactly_the_canonical_json(signed):
    v = verify_pdf(signed)
    assert canonical_json(v.record) == canonical_json(sanitization_record())
    assert re.fullmatch(r"[0-9a-f]{64}", v.record_sha256)


def test_not_bytes_is_a_programming_error():
    with pytest.raises(TypeError):
        verify_pdf("a path, not bytes")  # type: ignore[arg-type]
