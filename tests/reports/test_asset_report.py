"""The per-asset lifecycle PDF, rendered from a demo asset that was wiped and left the organisation."""

from __future__ import annotations

import re
import shutil
import subprocess

import pypdf
import pytest

from itam.errors import NotFoundError, ValidationError
from itam.services import AssetQuery
from reports.asset_report import gather, render_asset_report


def read(path) -> tuple[pypdf.PdfReader, str]:
    reader = pypdf.PdfReader(str(path))
    return reader, re.sub(r"\s+", " ", "\n".join(page.extract_text() for page in reader.pages))


def _wiped_and_gone(services) -> str:
    """A demo asset that was sanitized and then sold or recycled, and could get a certificate."""
    for status in ("recycled", "sold"):
        for row in services.assets.list(AssetQuery(status=status, limit=500)).rows:
            ref = row.asset_tag
            if services.sanitization.list(ref) and not services.certificates.sanitization_blockers(ref):
                return ref
    pytest.fail("the demo has no sanitized asset that was sold or recycled")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """A demo fleet (shared by the tests that only read it) with one asset that was wiped, shipped in an ITAD
    batch under seal, certified, and then sold or recycled."""
    from itam.db import open_database
    from itam.services import Actor, Services
    from itam.services.demo import generate_demo

    base = tmp_path_factory.mktemp("asset-report")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ITAM_DATA_DIR", str(base / "data"))  # the signing CA of the certificate goes here
        mp.setenv("ITAM_USER", "tester")
        db = open_database(f"sqlite:///{base / 'demo.sqlite3'}")
        services = Services(db, Actor("tester", "cli"))
        generate_demo(services, count=120)
        services.organisation.update(name="Northwind Trading Co.", address="88 Harbour Road, Shanghai")
        ref = _wiped_and_gone(services)
        services.custody.create("JOB-2026-007", notes="quarterly collection")
        services.custody.add("JOB-2026-007", [ref])
        services.custody.freeze_manifest("JOB-2026-007")
        services.custody.record_event("JOB-2026-007", "sealed", seals=["SEAL-0042"])
        services.custody.record_event("JOB-2026-007", "collected", carrier="SafeMove Logistics", vehicle="沪A-12345")
        issued, _ = services.certificates.issue_sanitization(ref)
    yield services, ref, issued.number
    db.dispose()


def test_asset_report_holds_the_whole_record(demo, tmp_path):
    services, ref, number = demo
    detail = services.assets.get(ref)
    records = services.sanitization.list(ref)
    folder = tmp_path / "out"
    folder.mkdir()
    out = render_asset_report(services, ref, folder / "asset.pdf")
    assert out.is_file() and sorted(p.name for p in folder.iterdir()) == ["asset.pdf"]
    reader, text = read(out)
    pages = len(reader.pages)
    assert reader.metadata.title == f"Asset lifecycle record {detail.label}"
    assert reader.metadata.author == "Northwind Trading Co."
    for expected in (
        "Asset lifecycle record", "Northwind Trading Co.", detail.fields["serial"], detail.fields["model"],
        detail.fields["purchase_date"].isoformat(), f"Page 1 of {pages}",
        # history: actions, transitions and their reasons
        "created", "moved", "Goods received against",
        # lifecycle events, sanitization, custody, certificates
        "Retired", "JOB-2026-007", "SEAL-0042", "SafeMove Logistics", "manifest frozen", number,
        "Chain of custody", "Certificates",
    ):
        assert expected in text, expected
    assert "Recycled" in text or "Remarketed (sold)" in text
    assert "sanitization recorded" in text or "destruction recorded" in text
    for rec in records:
        assert rec.operator in text and rec.medium_serial in text
        if rec.tool_label:
            assert rec.tool_label in text
    for entry in detail.history:
        if entry.reason:
            assert entry.reason[:20] in text, entry.reason
    assert not re.search(r"\bNone\b|\bnan\b", text)


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils missing")
def test_asset_report_in_chinese(demo, tmp_path):
    services, ref, number = demo
    out = render_asset_report(services, ref, tmp_path / "asset-zh.pdf", language="zh_CN")
    reader, text = read(out)
    for expected in ("资产生命周期档案", "资产信息", "存储介质", "监管链", "历史记录", "清单冻结", number,
                     f"第 1 页，共 {len(reader.pages)} 页", "沪A-12345"):
        assert expected in text, expected
    poppler = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, check=True).stdout.decode()
    assert "数据清除与销毁记录" in poppler


def test_unknown_asset_raises_and_writes_nothing(services, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "nothing.pdf"
    with pytest.raises(NotFoundError):
        render_asset_report(services, "NO-SUCH-TAG", target)
    with pytest.raises(NotFoundError):
        render_asset_report(services, 4242, target)
    assert list(folder.iterdir()) == []


def test_a_new_asset_without_records_renders(services, tmp_path):
    services.assets.create({"asset_tag": "IT-NEW", "serial": "SN-NEW-1", "category": "monitor"})
    record = gather(services, "IT-NEW")
    assert record.events == [] and record.batches == [] and record.certificates == []
    folder = tmp_path / "out"
    folder.mkdir()
    _, text = read(render_asset_report(services, "IT-NEW", folder / "new.pdf"))
    assert "SN-NEW-1" in text and text.count("None recorded.") >= 5
    with pytest.raises(ValidationError):
        render_asset_report(services, "IT-NEW", folder / "missing" / "new.pdf")
    assert sorted(p.name for p in folder.iterdir()) == ["new.pdf"]
