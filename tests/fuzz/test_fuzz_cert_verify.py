"""Mutated certificate PDFs through ``services.certificates.verify`` and ``itam cert verify``.

A real certificate is issued by the services (organisation, wiped laptop, DS-000001, with the local CA made on
first use), then spoiled: bytes flipped anywhere (biased towards the signature, its byte range, the embedded
record, the cross-reference table and the end of the file), hex digits of the signature turned lower-case,
truncated, data appended, incremental updates appended (document information edited, the record attachment
swapped for another certificate's, the signature removed, a new object added), the file rewritten by another
PDF library, the signature blanked. Whatever was done: verification never says valid, never raises, writes
nothing, and the command exits 4 (not valid), never 0 or 1.
"""

from __future__ import annotations

import hashlib
import io
import json
from datetime import datetime

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from itam.services.sanitization import WipeEntry
from tests.fuzz.conftest import fuzz_settings, no_new_files, snapshot


def _wiped_laptop(services, n: int) -> str:
    tag = f"IT-{n}"
    services.assets.create({"asset_tag": tag, "serial": f"PF{n}", "category": "laptop", "manufacturer": "Lenovo",
                            "model": "ThinkPad T14"},
                           media=[{"media_type": "nvme", "serial": f"S4EV{n}", "manufacturer": "Samsung"}])
    services.lifecycle.move(tag, "retired", reason="refresh")
    services.sanitization.record(tag, services.assets.get(tag).media[0].id, WipeEntry(
        category="purge", technique="nvme_sanitize", tool_label="Sanitize Crypto Erase", result="pass",
        ended_at=datetime(2026, 11, 20, 6, 5), verification="full", verification_result="pass",
        operator="Wang Lei", verifier="李娜", destination="external_reuse"))
    return tag


@pytest.fixture
def certificates(services):
    """DS-000001 (the one mutated) and DS-000002 (whose record is swapped into it)."""
    services.organisation.update(name="GreenCycle ITAD", address="88 Harbour Road, Shenzhen")
    _, first = services.certificates.issue_sanitization(_wiped_laptop(services, 1))
    _, second = services.certificates.issue_sanitization(_wiped_laptop(services, 2))
    assert services.certificates.verify(first).ok and services.certificates.verify(second).ok
    return services, first, second


def _regions(pdf: bytes) -> dict[str, tuple[int, int]]:
    contents = pdf.index(b"/Contents <") + len(b"/Contents ")
    embedded = pdf.index(b"/EmbeddedFile")
    stream = pdf.index(b"stream", embedded) + 7
    xref = pdf.rindex(b"xref")
    br = pdf.index(b"/ByteRange")
    return {
        "anywhere": (0, len(pdf)),
        "header": (0, 32),
        "signature": (contents, pdf.index(b">", contents) + 1),
        "byte range": (br, br + 60),
        "record": (stream, pdf.index(b"endstream", stream)),
        "record hash": (pdf.index(b"/ItamRecordSHA256"), pdf.index(b"/ItamRecordSHA256") + 90),
        "xref and trailer": (xref, len(pdf)),
        "end": (len(pdf) - 8, len(pdf)),
    }


def _incremental(pdf: bytes, edit) -> bytes:  # noqa: ANN001 - edit(writer)
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    edit(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _edit_info(key: str, value: str):  # noqa: ANN202
    from pyhanko.pdf_utils import generic

    def edit(writer) -> None:  # noqa: ANN001
        info = writer.trailer_view["/Info"].get_object()
        info[generic.NameObject(key)] = generic.TextStringObject(value)
        writer.update_container(info)
    return edit


def _put_record(record: bytes, sha: str, number: str | None = None):  # noqa: ANN202
    """An incremental update that replaces the record attachment and the hash (and number) declared for it."""
    from pyhanko.pdf_utils import generic

    from reports.verify import _find_in_name_tree

    def edit(writer) -> None:  # noqa: ANN001
        names = writer.root["/Names"].get_object()["/EmbeddedFiles"].get_object()
        spec = _find_in_name_tree(names, "itam-record.json").get_object()
        ef = spec["/EF"].get_object()
        ef[generic.NameObject("/F")] = writer.add_object(generic.StreamObject(
            {generic.NameObject("/Type"): generic.NameObject("/EmbeddedFile")}, stream_data=record))
        writer.update_container(spec)
        info = writer.trailer_view["/Info"].get_object()
        info[generic.NameObject("/ItamRecordSHA256")] = generic.TextStringObject(sha)
        if number is not None:
            info[generic.NameObject("/ItamCertificateNumber")] = generic.TextStringObject(number)
        writer.update_container(info)
    return edit


def _swap_record(other: bytes):  # noqa: ANN202
    """Put another certificate's record (and its hash and number) in place of this one's, as a forger would."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    from reports.verify import _find_in_name_tree

    donor = PdfFileReader(io.BytesIO(other), strict=False)
    tree = donor.root["/Names"].get_object()["/EmbeddedFiles"].get_object()
    record = _find_in_name_tree(tree, "itam-record.json").get_object()["/EF"].get_object()["/F"].get_object().data
    info = donor.trailer_view["/Info"].get_object()
    return _put_record(record, str(info["/ItamRecordSHA256"]), str(info["/ItamCertificateNumber"]))


#: Records no itam writes, each with a matching declared hash so that the verifier has to read them.
HOSTILE_RECORDS = [
    b'{"number":"\\ud800"}',  # valid JSON, but a lone surrogate is no UTF-8 text
    b"[" * 100_000 + b"]" * 100_000,  # nested past the JSON reader's recursion limit
    b'{"number":' + b"1" * 5000 + b"}",  # an integer past Python's digit limit
    b'{"kind":"sanitization","number":"DS-000001","x":NaN}',
    b'{"kind":"sanitization","number":"DS-000001","x":1e999}',
    b'{"number":["DS-000001"]}', b"null", b"\xff\xfe{}", b"", b'{"number":"DS-000001"}',
]


def _hostile_record(record: bytes):  # noqa: ANN202
    return _put_record(record, hashlib.sha256(record).hexdigest())


def _remove_signature(writer) -> None:  # noqa: ANN001
    from pyhanko.pdf_utils import generic

    for ref in writer.root["/AcroForm"].get_object()["/Fields"]:
        field = ref.get_object()
        if "/V" in field:
            field[generic.NameObject("/V")] = generic.NullObject()
            writer.update_container(field)


def _add_object(writer) -> None:  # noqa: ANN001
    from pyhanko.pdf_utils import generic

    writer.add_object(generic.TextStringObject("an object added after signing"))
    writer.update_root()


def _rewrite_with_pypdf(pdf: bytes) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _blank_signature(pdf: bytes) -> bytes:
    start = pdf.index(b"/Contents <") + len(b"/Contents <")
    end = pdf.index(b">", start)
    return pdf[:start] + b"0" * (end - start) + pdf[end:]


@st.composite
def mutations(draw, pdf: bytes, other: bytes) -> tuple[str, bytes]:
    # hypothesis leans towards the first choices of a list: the cheap, many-sided byte flips first, then the
    # incremental updates that keep the signature intact (the forgeries that matter)
    kind = draw(st.sampled_from(["flip", "incremental", "truncate", "append", "lowercase hex", "rewrite",
                                 "blank signature", "flip", "incremental", "flip"]))
    if kind == "flip":
        region = draw(st.sampled_from(sorted(_regions(pdf))))
        start, end = _regions(pdf)[region]
        pos = draw(st.integers(start, end - 1))
        kind = f"flip in {region}"
        return kind, pdf[:pos] + bytes([pdf[pos] ^ draw(st.integers(1, 255))]) + pdf[pos + 1 :]
    if kind == "lowercase hex":
        start, end = _regions(pdf)["signature"]
        digits = [i for i in range(start, end) if pdf[i : i + 1] in b"ABCDEF"]
        pos = draw(st.sampled_from(digits))
        return kind, pdf[:pos] + pdf[pos : pos + 1].lower() + pdf[pos + 1 :]
    if kind == "truncate":
        return kind, pdf[: draw(st.integers(0, len(pdf) - 1))]
    if kind == "append":
        tail = draw(st.sampled_from([b"\n", b"\r\n", b" ", b"\x00", b"%%EOF\n", b"%comment\n", other])
                    | st.binary(min_size=1, max_size=64))
        return kind, pdf + tail
    if kind == "incremental":
        name = draw(st.sampled_from(["swap record", "remove signature", "hostile record", "record hash", "number",
                                     "title", "add object"]))
        edit = {
            "title": _edit_info("/Title", "edited after signing"),
            "record hash": _edit_info("/ItamRecordSHA256", "0" * 64),
            "number": _edit_info("/ItamCertificateNumber", "DS-999999"),
            "swap record": _swap_record(other),
            "remove signature": _remove_signature,
            "add object": _add_object,
        }.get(name) or _hostile_record(draw(st.sampled_from(HOSTILE_RECORDS)))
        return f"incremental: {name}", _incremental(pdf, edit)
    if kind == "rewrite":
        return kind, _rewrite_with_pypdf(pdf)
    return kind, _blank_signature(pdf)


def check_verify(services, cli, folder, pdf: bytes, mutated: bytes, via_cli: bool) -> None:
    assert mutated != pdf
    before = snapshot(services.db)
    with no_new_files(folder):  # the test's folder: the database, the data directory, its temporary directory
        result = services.certificates.verify(mutated)
        offline = services.certificates.verify(mutated, use_database=False)
    assert not result.ok, f"a mutated certificate verified: {result.checks}"
    assert not offline.ok, f"a mutated certificate passed the PDF's own checks: {offline.checks}"
    assert all(isinstance(detail, str) and detail for _, _, detail in result.checks)
    if via_cli:
        path = folder / "mutated.pdf"
        path.write_bytes(mutated)
        for extra in ([], ["--json"]):
            code, out, err = cli("cert", "verify", str(path), *extra, ok=False)
            assert code == 4, f"itam cert verify exited {code}: {err[-2000:]}"
            if extra:
                assert json.loads(out)["ok"] is False
            else:
                assert "NOT VALID" in out
    assert snapshot(services.db) == before, "verifying a certificate wrote to the database"


@fuzz_settings(60)
@given(data=st.data(), via_cli=st.integers(0, 3).map(lambda n: n == 0))
def test_mutated_certificates_never_verify(certificates, cli, tmp_path, private_tmp, data, via_cli):
    services, pdf, other = certificates
    kind, mutated = data.draw(mutations(pdf, other))
    event(kind)
    check_verify(services, cli, tmp_path, pdf, mutated, via_cli)


@pytest.mark.parametrize("record", HOSTILE_RECORDS[:3], ids=["lone surrogate", "deep nesting", "5000 digits"])
def test_hostile_records_fail_without_raising(certificates, cli, tmp_path, private_tmp, record):
    """Regressions: a record attachment "\\ud800" made canonical_json raise UnicodeEncodeError, and one nested
    100,000 deep made json.loads raise RecursionError, out of verify_pdf and ``itam cert verify``."""
    services, pdf, _ = certificates
    mutated = _incremental(pdf, _hostile_record(record))
    check_verify(services, cli, tmp_path, pdf, mutated, via_cli=True)
    assert not services.certificates.verify(mutated).ok


@pytest.mark.parametrize("build", ["swap record", "remove signature", "rewrite", "blank signature", "append other"])
def test_forgeries_fail(certificates, cli, tmp_path, private_tmp, build):
    """The named attacks, each once, through the service and the command."""
    services, pdf, other = certificates
    mutated = {
        "swap record": lambda: _incremental(pdf, _swap_record(other)),
        "remove signature": lambda: _incremental(pdf, _remove_signature),
        "rewrite": lambda: _rewrite_with_pypdf(pdf),
        "blank signature": lambda: _blank_signature(pdf),
        "append other": lambda: pdf + other,
    }[build]()
    check_verify(services, cli, tmp_path, pdf, mutated, via_cli=True)
    failed = {name for name, ok, _ in services.certificates.verify(mutated, use_database=False).checks if not ok}
    if build == "swap record":
        # The forgery took: the file now carries DS-000002's record with a matching hash, and the signature
        # over the first revision is still intact. Only the coverage check stands between it and "valid".
        swapped = services.certificates.verify(mutated, use_database=False)
        assert swapped.number == "DS-000002" and failed == {"coverage"}, swapped.checks
    elif build == "remove signature":
        assert "coverage" in failed
    else:
        assert failed & {"signature", "coverage", "signature padding"}, failed

