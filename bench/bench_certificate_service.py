"""Issuing certificates end to end through the service, next to plain reportlab in the same run.

    .venv/bin/python bench/bench_certificate_service.py [--items 10000] [--certs 1000]

Everything a user waits for when they press "Issue": the service locks the series counter, reads the
batch (or the asset's media and records) from a SQLite database, builds the canonical record, renders and
signs the PDF, stores PDF and record in the certificates chain and writes the file.

(a) a certificate of destruction for a received batch of --items assets (one drive each, destroyed);
    baseline: reportlab alone building a plain Table (repeatRows=1) of the same rows the certificate lists;
(b) --certs sanitization certificates issued in one run (CertificateService.issue_sanitization_many, one
    transaction and one PDF per asset, with progress); baseline: reportlab drawing as many one-page PDFs,
    each with the record's strings and a QR code (bench_certificates.plain_page on the issued records).
The setup (assets, media, wipe records, the batch and its receipt) is written with Core inserts and is
not timed. Ratios are what to compare; absolute seconds vary with the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert, select

from bench.bench_certificates import Timing, plain_page, plain_table


def _setup(sv, items: int, certs: int) -> None:
    from itam.models import Asset, SanitizationRecord, StorageMedium

    now = datetime(2026, 11, 20, 9, 0)
    n = items + certs
    with sv.db.write() as s:
        conn = s.connection()
        conn.execute(insert(Asset.__table__), [
            {"id": i, "asset_tag": f"IT-{i:07d}", "serial": f"SN{i:08d}", "category": "laptop", "manufacturer": "Lenovo",
             "model": "ThinkPad T14 Gen 3", "data_bearing": True, "stage": 5, "status": "retired",
             "created_at": now, "updated_at": now, "version": 1} for i in range(1, n + 1)])
        conn.execute(insert(StorageMedium.__table__), [
            {"id": i, "asset_id": i, "media_type": "ssd", "manufacturer": "Samsung", "model": "860 EVO",
             "serial": f"S3Z2NB{i:08d}", "capacity_gb": 500.0, "removed": False, "created_at": now} for i in range(1, n + 1)])
        conn.execute(insert(SanitizationRecord.__table__), [
            {"medium_id": i, "category": "destroy" if i <= items else "purge",
             "technique": "shred" if i <= items else "crypto_erase", "tool_label": None if i <= items else "ATA Sanitize Crypto Scramble",
             "result": "pass", "verified": True, "meets_policy": True, "performed_at": now, "operator": "Sam Smith",
             "verifier": "Jane Roe", "verification": "none" if i <= items else "full",
             "verification_result": None if i <= items else "pass", "standard": "NIST SP 800-88 Rev. 2",
             "destination": "destroyed" if i <= items else "external_reuse", "created_at": now}
            for i in range(1, n + 1)])
    sv.organisation.update(name="Acme Circular IT Ltd.", address="12 Harbour Road, Shanghai")
    sv.parties.add("Northwind Traders", "client")
    sv.parties.add("Acme Circular IT Ltd.", "itad_vendor", certifications=[("R2v3", "R2-CN-104233")])
    sv.custody.create("JOB-1", client="Northwind Traders", vendor="Acme Circular IT Ltd.")
    sv.custody.add("JOB-1", [f"IT-{i:07d}" for i in range(1, items + 1)])
    sv.custody.freeze_manifest("JOB-1")
    sv.custody.receive("JOB-1", serials=[f"SN{i:08d}" for i in range(1, items + 1)], weights={"shredded media": items * 0.07})


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--items", type=int, default=10_000)
    ap.add_argument("--certs", type=int, default=1_000)
    args = ap.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="itam-bench-certsvc-"))
    os.environ["ITAM_DATA_DIR"] = str(work / "data")
    try:
        from itam.db import open_database
        from itam.models import Certificate
        from itam.services import Actor, Services

        db = open_database(str(work / "itam.sqlite3"))
        sv = Services(db, Actor("bench", "cli"))
        _setup(sv, args.items, args.certs)
        sv.certificates.signer()  # the signing key is made once, on first use: not part of either timing

        started = Timing.start()
        issued, pdf = sv.certificates.issue_destruction("JOB-1", output=work / "cd.pdf")
        ours_a = Timing.since(started)
        with db.read() as s:
            record = json.loads(s.scalar(select(Certificate.record).where(Certificate.number == issued.number)))
        started = Timing.start()
        plain_table(record)
        plain_a = Timing.since(started)

        refs = [f"IT-{i:07d}" for i in range(args.items + 1, args.items + args.certs + 1)]
        started = Timing.start()
        done, skipped = sv.certificates.issue_sanitization_many(refs, work / "ds")
        ours_b = Timing.since(started)
        assert not skipped and len(done) == args.certs, skipped[:3]
        with db.read() as s:
            records = [json.loads(r) for r in s.scalars(select(Certificate.record).where(Certificate.kind == "sanitization"))]
        started = Timing.start()
        for r in records:
            plain_page(r)
        plain_b = Timing.since(started)
        ok = sv.certificates.verify(pdf).ok and sv.certificates.verify((work / "ds" / f"{done[-1].number}.pdf").read_bytes()).ok

        print(f"(a) certificate of destruction through the service, {args.items:,} serials ({len(pdf) / 1e6:.2f} MB, verifies: {ok})")
        print(f"    plain reportlab Table            : {plain_a.wall:7.2f} s wall {plain_a.cpu:7.2f} s CPU")
        print(f"    itam issue_destruction           : {ours_a.wall:7.2f} s wall {ours_a.cpu:7.2f} s CPU")
        print(f"    ratio                            : {ours_a.wall / plain_a.wall:7.2f}x wall {ours_a.cpu / plain_a.cpu:6.2f}x CPU  (limit 1.5x)")
        print(f"(b) {args.certs:,} sanitization certificates through the service (one transaction and file each)")
        print(f"    plain canvas page + QR           : {plain_b.wall:7.2f} s wall {plain_b.cpu:7.2f} s CPU ({plain_b.wall / args.certs * 1000:.1f} ms each)")
        print(f"    itam issue_sanitization_many     : {ours_b.wall:7.2f} s wall {ours_b.cpu:7.2f} s CPU ({ours_b.wall / args.certs * 1000:.1f} ms each)")
        print(f"    ratio                            : {ours_b.wall / plain_b.wall:7.2f}x wall {ours_b.cpu / plain_b.cpu:6.2f}x CPU  (limit 1.5x)")
        db.dispose()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
