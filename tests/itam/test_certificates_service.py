"""Issuing certificates: numbering, freezing, corrections, failures that consume nothing, verification."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from itam.errors import ConfigurationError, NotFoundError, ValidationError
from itam.models import Certificate, CertificateCounter
from itam.services.sanitization import WipeEntry


def _wiped_laptop(services, tag="IT-1", serial="PF1", medium="S4EV1", verified=True):
    services.assets.create({"asset_tag": tag, "serial": serial, "category": "laptop", "manufacturer": "Lenovo",
                            "model": "ThinkPad T14"},
                           media=[{"media_type": "nvme", "serial": medium, "manufacturer": "Samsung", "model": "PM9A1"}])
    services.lifecycle.move(tag, "retired", reason="refresh")
    services.sanitization.record(tag, services.assets.get(tag).media[0].id, WipeEntry(
        category="purge", technique="nvme_sanitize", tool_label="Sanitize Crypto Erase", result="pass",
        ended_at=datetime(2026, 11, 20, 6, 5), verification="full" if verified else "none",
        verification_result="pass" if verified else None, operator="Wang Lei", verifier="李娜", destination="external_reuse"))


@pytest.fixture
def org(services):
    services.organisation.update(name="GreenCycle ITAD", address="88 Harbour Road, Shenzhen", email="ops@greencycle.example")


def _text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "read.pdf"
    path.write_bytes(pdf)
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def _embedded(pdf: bytes, tmp_path) -> dict:
    path = tmp_path / "att.pdf"
    path.write_bytes(pdf)
    attachments = PdfReader(path).attachments
    return json.loads(attachments["itam-record.json"][0])


def test_issue_writes_a_signed_pdf_whose_record_matches_the_database(services, org, tmp_path):
    _wiped_laptop(services)
    out = tmp_path / "ds.pdf"
    issued, pdf = services.certificates.issue_sanitization("IT-1", output=out)
    assert issued.number == "DS-000001" and out.read_bytes() == pdf
    record = _embedded(pdf, tmp_path)
    assert record["number"] == "DS-000001" and record["kind"] == "sanitization"
    assert record["media"][0]["serial"] == "S4EV1" and record["media"][0]["method_type"] == "Purge"
    assert record["validator"]["name"] == "李娜"
    text_ = _text(pdf, tmp_path)
    assert "DS-000001" in text_ and "S4EV1" in text_ and issued.record_sha256 in text_.replace("\n", "")
    result = services.certificates.verify(pdf)
    assert result.ok, result.checks
    assert [name for name, _, _ in result.checks][-1] == "database"
    view = services.certificates.get("DS-000001")
    assert (view.kind, view.subject, view.issuer) == ("sanitization", "IT-1", "GreenCycle ITAD")
    assert services.certificates.pdf("DS-000001") == pdf


def test_numbers_are_sequential_per_series(services, org, tmp_path):
    for i in (1, 2, 3):
        _wiped_laptop(services, tag=f"IT-{i}", serial=f"PF{i}", medium=f"S4EV{i}")
    numbers = [services.certificates.issue_sanitization(f"IT-{i}")[0].number for i in (1, 2, 3)]
    assert numbers == ["DS-000001", "DS-000002", "DS-000003"]


def test_any_changed_byte_fails_verification(services, org, tmp_path):
    _wiped_laptop(services)
    _, pdf = services.certificates.issue_sanitization("IT-1")
    step = max(1, len(pdf) // 37)
    for pos in list(range(0, len(pdf), step)) + [len(pdf) - 1]:
        mutated = bytearray(pdf)
        mutated[pos] = (mutated[pos] + 1) % 256
        assert not services.certificates.verify(bytes(mutated)).ok, f"byte {pos} changed and still verified"
    assert not services.certificates.verify(pdf + b"\n").ok
    assert not services.certificates.verify(b"not a pdf").ok


def test_an_issued_certificate_is_frozen_and_corrections_supersede(services, org, db, tmp_path):
    _wiped_laptop(services)
    first, _ = services.certificates.issue_sanitization("IT-1")
    with pytest.raises(RuntimeError, match="frozen"), db.write() as s:
        cert = s.scalar(select(Certificate).where(Certificate.number == first.number))
        cert.correction_reason = "quietly changed"
        s.flush()
    with pytest.raises(ValidationError, match="needs the reason"):
        services.certificates.issue_sanitization("IT-1", supersedes=first.number)
    second, pdf = services.certificates.issue_sanitization("IT-1", supersedes=first.number, reason="verifier's name corrected")
    assert second.number == "DS-000002"
    assert _embedded(pdf, tmp_path)["supersedes"] == {"number": "DS-000001", "reason": "verifier's name corrected"}
    views = {v.number: v for v in services.certificates.list()}
    assert views["DS-000001"].superseded_by == "DS-000002" and views["DS-000002"].supersedes == "DS-000001"
    with pytest.raises(ValidationError, match="already superseded by DS-000002"):
        services.certificates.issue_sanitization("IT-1", supersedes=first.number, reason="again")
    old = services.certificates.verify(services.certificates.pdf("DS-000001"))
    assert old.ok and "DS-000001 was superseded by DS-000002" in old.notes
    assert services.certificates.verify_ledger().ok


def test_a_failure_while_issuing_consumes_no_number_and_leaves_no_file(services, org, db, tmp_path, monkeypatch):
    _wiped_laptop(services)
    import reports.signing

    def broken(*_a, **_k):
        raise OSError("disk full")

    monkeypatch.setattr(reports.signing, "sign_pdf", broken)
    out_dir = tmp_path / "certs"
    out_dir.mkdir()
    out = out_dir / "ds.pdf"
    with pytest.raises(OSError):
        services.certificates.issue_sanitization("IT-1", output=out)
    assert list(out_dir.iterdir()) == []
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Certificate)) == 0
        assert s.scalar(select(CertificateCounter.last)) is None
    monkeypatch.undo()
    assert services.certificates.issue_sanitization("IT-1", output=out)[0].number == "DS-000001"


def test_refusals_are_clear(services, org, tmp_path):
    _wiped_laptop(services, verified=False)
    with pytest.raises(ValidationError, match="no certificate for IT-1: nvme S4EV1: no verified, passing record"):
        services.certificates.issue_sanitization("IT-1")
    with pytest.raises(NotFoundError):
        services.certificates.issue_sanitization("NOPE")
    with pytest.raises(ValidationError, match="does not exist"):
        _wiped_laptop(services, tag="IT-2", serial="PF2", medium="M2")
        services.certificates.issue_sanitization("IT-2", output=tmp_path / "missing" / "x.pdf")
    assert services.certificates.list() == []


def test_no_organisation_no_certificate(services, tmp_path):
    _wiped_laptop(services)
    with pytest.raises(ConfigurationError, match="organisation's name"):
        services.certificates.issue_sanitization("IT-1")


def test_a_lost_signing_key_is_not_silently_replaced(services, org, tmp_path):
    from reports.signing import signing_dir

    _wiped_laptop(services)
    services.certificates.issue_sanitization("IT-1")
    for key in signing_dir().glob("*key*"):
        key.unlink()
    with pytest.raises(ConfigurationError, match="restore the signing directory"):
        services.certificates.issue_sanitization("IT-1", supersedes="DS-000001", reason="x")
    assert [c.number for c in services.certificates.list()] == ["DS-000001"]


def test_destruction_certificate_for_a_received_batch(services, org, tmp_path):
    services.parties.add("Acme Bank", "client")
    services.parties.add("GreenCycle ITAD", "itad_vendor", certifications=[("R2v3", "R2-0042")])
    for i in range(1, 4):
        _wiped_laptop(services, tag=f"IT-{i}", serial=f"PF{i}", medium=f"S4EV{i}")
    cu = services.custody
    cu.create("JOB-1", client="Acme Bank", vendor="GreenCycle ITAD")
    cu.add("JOB-1", ["IT-1", "IT-2", "IT-3"])
    with pytest.raises(ValidationError, match="follows its receipt"):
        services.certificates.issue_destruction("JOB-1")
    cu.freeze_manifest("JOB-1")
    cu.receive("JOB-1", serials=["PF1", "PF2"], weights={"whole units for reuse": 3.0}, operator="Zhao Min", witness="Client")
    cu.record_event("JOB-1", "shipped", stream="plastics", kg=0.4, recycler="PolyLoop", certification="e-Stewards ES-1")
    issued, pdf = services.certificates.issue_destruction("JOB-1", output=tmp_path / "cd.pdf")
    assert issued.number == "CD-000001"
    record = _embedded(pdf, tmp_path)
    assert [(i["serial"], i["result"]) for i in record["items"]] == [("PF1", "Pass"), ("PF2", "Pass"), ("PF3", "not received")]
    assert record["vendor"]["certifications"][0]["number"] == "R2-0042"
    assert record["weights"] == [{"stream": "whole units for reuse", "kg": 3.0}]
    assert record["downstream"][0]["vendor"] == "PolyLoop"
    assert record["discrepancies"] == [{"kind": "missing", "serial": "PF3", "note": "open"}]
    assert record["operator"]["name"] == "Zhao Min"
    assert services.certificates.verify(pdf).ok


def test_verify_says_when_the_certificate_is_not_in_this_database(services, org, tmp_path):
    from itam.db import open_database
    from itam.services import Services

    _wiped_laptop(services)
    _, pdf = services.certificates.issue_sanitization("IT-1")
    other = open_database(str(tmp_path / "other-office.sqlite3"))
    try:
        elsewhere = Services(other).certificates.verify(pdf)
    finally:
        other.dispose()
    assert not elsewhere.ok
    assert elsewhere.checks[-1] == ("database", False, "certificate DS-000001 is not in this database")
    offline = services.certificates.verify(pdf, use_database=False)
    assert offline.ok and "database" not in [n for n, _, _ in offline.checks]


def test_a_bulk_run_reports_progress_skips_what_it_cannot_certify_and_stops_when_cancelled(services, org, tmp_path):
    for i in range(1, 6):
        _wiped_laptop(services, tag=f"IT-{i}", serial=f"PF{i}", medium=f"S{i}", verified=i != 2)
    seen = []
    issued, skipped = services.certificates.issue_sanitization_many(
        ["IT-1", "IT-2", "IT-3"], tmp_path / "run1", progress=lambda done, total: seen.append((done, total)))
    assert [c.number for c in issued] == ["DS-000001", "DS-000002"]
    assert skipped[0][0] == "IT-2" and "no verified, passing record" in skipped[0][1]
    assert seen == [(1, 3), (2, 3), (3, 3)]
    assert sorted(p.name for p in (tmp_path / "run1").iterdir()) == ["DS-000001.pdf", "DS-000002.pdf"]
    # Cancelled after the first certificate: that one is whole, nothing else was numbered.
    issued, _ = services.certificates.issue_sanitization_many(
        ["IT-4", "IT-5"], tmp_path / "run2", is_cancelled=lambda: len(list((tmp_path / "run2").glob("*.pdf"))) >= 1)
    assert [c.number for c in issued] == ["DS-000003"]
    assert [p.name for p in (tmp_path / "run2").iterdir()] == ["DS-000003.pdf"]
    assert services.certificates.verify((tmp_path / "run2" / "DS-000003.pdf").read_bytes()).ok
    assert [c.number for c in services.certificates.list()] == ["DS-000003", "DS-000002", "DS-000001"]


def test_concurrent_issuing_keeps_numbers_unique_and_gapless(services, org, db_url):
    """Three workstations (here: threads with their own connections) issuing at once on one SQLite file."""
    import threading

    from itam.db import open_database
    from itam.services import Actor, Services

    for i in range(1, 10):
        _wiped_laptop(services, tag=f"IT-{i}", serial=f"PF{i}", medium=f"S{i}")
    services.certificates.signer()  # the key exists before the race, as on any machine after its first issue
    errors, numbers = [], []

    def work(refs):
        db = open_database(db_url)
        try:
            sv = Services(db, Actor(f"tech-{refs[0]}", "gui"))
            for ref in refs:
                numbers.append(sv.certificates.issue_sanitization(ref)[0].number)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            db.dispose()

    threads = [threading.Thread(target=work, args=([f"IT-{i}" for i in range(k, 10, 3)],)) for k in (1, 2, 3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert errors == []
    assert sorted(numbers) == [f"DS-{n:06d}" for n in range(1, 10)]
    assert services.certificates.verify_ledger().ok


def test_a_bulk_run_skips_unknown_assets_instead_of_stopping(services, org, tmp_path):
    _wiped_laptop(services)
    issued, skipped = services.certificates.issue_sanitization_many(["NOPE", "IT-1"], tmp_path / "out")
    assert [c.number for c in issued] == ["DS-000001"]
    assert skipped[0][0] == "NOPE" and "no asset" in skipped[0][1]
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["DS-000001.pdf"]
