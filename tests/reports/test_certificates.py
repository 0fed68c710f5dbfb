"""Certificate PDFs rendered and read back with pypdf and poppler (pdftotext, pdftoppm)."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import subprocess

import pypdf
import pytest

from itam.errors import ValidationError
from reports.certificates import (
    INFO_RECORD_SHA256,
    RECORD_ATTACHMENT,
    Cancelled,
    Organisation,
    QrCode,
    canonical_json,
    qr_matrix,
    qr_payload,
    record_sha256,
    render_certificate,
)
from reports.fonts import LATIN, LATIN_BOLD, fonts, has_cjk
from reports.i18n import LABELS, label
from tests.reports import destruction_record, sanitization_record

ORG = Organisation("Acme Circular IT Ltd.", address="12 Harbour Road")
needs_poppler = pytest.mark.skipif(not (shutil.which("pdftotext") and shutil.which("pdftoppm")), reason="poppler-utils missing")


def reader(pdf: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(pdf))


def pdftotext(pdf: bytes, *pages: int) -> str:
    args = ["pdftotext", "-layout"]
    if pages:
        args += ["-f", str(pages[0]), "-l", str(pages[-1])]
    return subprocess.run([*args, "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode("utf-8")


def test_canonical_json_is_sorted_compact_utf8():
    record = {"b": 1, "a": {"z": "张伟", "y": None}}
    assert canonical_json(record) == '{"a":{"y":null,"z":"张伟"},"b":1}'.encode()
    assert record_sha256(record) == hashlib.sha256(canonical_json(record)).hexdigest()


def test_sanitization_certificate_reads_back():
    record = sanitization_record()
    pdf = render_certificate(record, ORG)
    r = reader(pdf)
    assert len(r.pages) >= 1
    text = "\n".join(p.extract_text() for p in r.pages)
    for expected in ("Certificate of Data Sanitization", "DS-000042", "S3Z2NB0K000001X", "S3Z2NB0K000002X", "John Doe",
                     "Jane Roe", "DoD 5220.22-M", "Purge", "Acme Circular IT Ltd.", "2026-11-23 21:30 UTC"):
        assert expected in text, expected
    # the record, exactly, as an attachment; its hash in the information dictionary and on every page
    assert r.attachments[RECORD_ATTACHMENT] == [canonical_json(record)]
    assert json.loads(r.attachments[RECORD_ATTACHMENT][0]) == record
    sha = record_sha256(record)
    assert r.metadata[f"/{INFO_RECORD_SHA256}"] == sha
    assert r.metadata["/Title"] == "Certificate of Data Sanitization DS-000042"
    assert r.metadata["/Author"] == "Acme Circular IT Ltd."
    assert sha in r.metadata["/Subject"]
    n = len(r.pages)
    for i, page in enumerate(r.pages, 1):
        page_text = page.extract_text()
        assert sha in page_text
        assert f"Page {i} of {n}" in page_text
    # the attachment's MIME type and the embedded-files name tree
    names = r.trailer["/Root"]["/Names"]["/EmbeddedFiles"]["/Names"]
    spec = names[1].get_object()
    assert names[0] == RECORD_ATTACHMENT
    assert spec["/EF"]["/F"].get_object()["/Subtype"] == "/application/json"


def test_missing_optional_fields_print_a_dash():
    record = sanitization_record(media=1)
    record["person"] = {"name": "John Doe", "title": None}
    record["validator"] = None
    record["asset"] = {"tag": "IT-1"}
    del record["attestation"]
    record["media"][0] = {"serial": "ONLY-SERIAL"}
    text = "\n".join(p.extract_text() for p in reader(render_certificate(record, ORG)).pages)
    assert "ONLY-SERIAL" in text and "John Doe" in text
    assert text.count("—") > 20


def test_supersedes_banner():
    record = sanitization_record(supersedes={"number": "DS-000041", "reason": "serial typo corrected"})
    text = reader(render_certificate(record, ORG)).pages[0].extract_text()
    assert "supersedes DS-000041 (serial typo corrected)" in text


@needs_poppler
def test_chinese_certificate_text_and_fonts(tmp_path):
    record = sanitization_record(language="zh_CN", supersedes={"number": "DS-000041", "reason": "序列号录入错误"})
    pdf = render_certificate(record, ORG)
    text = pdftotext(pdf)
    for expected in ("数据清除证明", "张伟", "李娜", "上海绿循环信息科技有限公司", "本证书取代 DS-000041", "捐赠给希望小学", "DS-000042"):
        assert expected in text, expected
    assert label("zh_CN", "footer.page", page=1, pages=2) in text
    # with a TrueType CJK font installed, it is embedded (subsets with their glyph programs)
    embedded = set()
    for page in reader(pdf).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is not None and "/FontFile2" in descriptor.get_object():
                embedded.add(str(font["/BaseFont"]))
    if fonts().cjk_embedded:
        assert any("WenQuanYi" in name for name in embedded), embedded
    # poppler draws the page without complaint
    path = tmp_path / "zh.pdf"
    path.write_bytes(pdf)
    done = subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(path), str(tmp_path / "zh")],
                          capture_output=True, text=True, check=True)
    assert (tmp_path / "zh.png").stat().st_size > 10_000 and not done.stderr


def test_english_record_with_a_chinese_name_switches_font_for_that_text_only():
    fs = fonts()
    assert fs.for_text("SN0123456789") == LATIN
    assert fs.for_text("Hafenstraße — 7", bold=True) == LATIN_BOLD
    assert fs.for_text("张伟") == fs.cjk
    assert has_cjk("Mary 王") and not has_cjk("Mary")
    assert fs.for_text("Ελληνικά") in (fs.wide, LATIN)


def test_every_label_exists_in_both_languages():
    assert set(LABELS["en"]) == set(LABELS["zh_CN"])
    assert label("fr", "certificate_no") == "Certificate No."


@needs_poppler
def test_qr_code_on_page_one_encodes_number_and_hash(tmp_path):
    from PIL import Image

    record = sanitization_record()
    sha = record_sha256(record)
    payload = qr_payload(record["number"], sha)
    assert payload == f"itam-cert:DS-000042:sha256:{sha}"
    assert QrCode(payload, 50).payload == payload
    matrix = qr_matrix(payload)
    path = tmp_path / "cert.pdf"
    path.write_bytes(render_certificate(record, ORG))
    subprocess.run(["pdftoppm", "-png", "-r", "200", "-f", "1", "-l", "1", "-singlefile", str(path), str(tmp_path / "p1")], check=True)
    with Image.open(tmp_path / "p1.png") as png:
        image = png.convert("L")
    w, h = image.size
    box = (int(w * 0.7), 0, w, int(h * 0.15))  # the QR code sits in the top right corner, above the title
    region = image.crop(box)
    black = region.point(lambda v: 255 if v < 60 else 0)  # the QR is pure black; the caption is grey
    left, top, right, bottom = black.getbbox()
    n = len(matrix)
    size = (right - left) / n
    assert abs((bottom - top) / n - size) < 0.5
    drawn = [
        [region.getpixel((int(left + (c + 0.5) * size), int(top + (r + 0.5) * size))) < 128 for c in range(n)]
        for r in range(n)
    ]
    assert drawn == matrix


def test_destruction_certificate_reads_back():
    record = destruction_record(items=120, supersedes={"number": "CD-000006", "reason": "weights corrected"})
    pdf = render_certificate(record, ORG)
    r = reader(pdf)
    text = "\n".join(p.extract_text() for p in r.pages)
    for expected in ("Certificate of Destruction and Recycling", "CD-000007", "Northwind Traders GmbH", "R2v3", "R2-CN-104233",
                     "NAID-88231", "JOB-2026-0191", "S-1001, S-1002, S-1003", "ferrous metals", "120.5", "201.75",
                     "EcoMetals Recycling Co.", "SNX-UNLISTED-1", "Sam Smith", "Chris Client", "supersedes CD-000006"):
        assert expected in text, expected
    for item in record["items"]:
        assert item["serial"] in text
    assert r.attachments[RECORD_ATTACHMENT] == [canonical_json(record)]
    # the item table's header row repeats on every page it runs over
    schedule_pages = [p.extract_text() for p in r.pages if "IT-0000" in p.extract_text()]
    assert len(schedule_pages) >= 2
    assert all("Serial number" in t and "Asset tag" in t for t in schedule_pages)


@pytest.mark.slow
def test_ten_thousand_items_make_a_long_document_with_page_numbers():
    record = destruction_record(items=10_000)
    pdf = render_certificate(record, ORG)
    r = reader(pdf)
    n = len(r.pages)
    assert n > 100
    assert f"Page 1 of {n}" in r.pages[0].extract_text()
    last = r.pages[-1].extract_text()
    assert f"Page {n} of {n}" in last
    assert record["items"][-1]["serial"] in last
    if shutil.which("pdftotext"):
        text = pdftotext(pdf)
        missing = [i["serial"] for i in record["items"] if i["serial"] not in text]
        assert not missing, missing[:5]
        assert text.count("Serial number") >= n - 3  # the header on every schedule page


def test_progress_and_cancel():
    record = destruction_record(items=3000)
    seen = []
    render_certificate(record, ORG, progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, 3000) and seen[-1] == (3000, 3000)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen) and len(seen) > 10

    calls = []

    def cancel_soon():
        calls.append(1)
        return len(calls) > 5

    with pytest.raises(Cancelled):
        render_certificate(record, ORG, is_cancelled=cancel_soon)
    with pytest.raises(Cancelled):
        render_certificate(sanitization_record(), ORG, is_cancelled=lambda: True)


def test_logo_is_drawn_and_a_broken_logo_is_ignored(caplog):
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (300, 120), (20, 80, 160)).save(buf, format="PNG")
    pdf = render_certificate(sanitization_record(), Organisation("Acme", logo=buf.getvalue()))
    xobjects = reader(pdf).pages[0]["/Resources"]["/XObject"]
    assert any(x.get_object()["/Subtype"] == "/Image" for x in xobjects.values())
    pdf = render_certificate(sanitization_record(), Organisation("Acme", logo=b"not an image"))
    assert "DS-000042" in reader(pdf).pages[0].extract_text()
    assert "logo ignored" in caplog.text


def test_record_without_kind_or_number_is_refused():
    with pytest.raises(ValidationError, match="kind"):
        render_certificate(sanitization_record(kind="receipt"), ORG)
    with pytest.raises(ValidationError, match="number"):
        render_certificate(sanitization_record(number=""), ORG)
