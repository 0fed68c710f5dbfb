"""Certificate speed: itam's certificate PDFs (rendered and signed) next to plain reportlab in the same run.

    .venv/bin/python bench/bench_certificates.py [--items 10000] [--certs 1000] [--repeat 1] [--keep DIR]

(a) destruction: one certificate of destruction with --items serials (header, sections, a 9-column item
    table with its header row on every page, "Page x of y" footers, the record attached, a QR code),
    rendered by reports.certificates.render_certificate AND signed by reports.signing.sign_pdf (PAdES,
    ECDSA P-256), next to reportlab alone building a plain Table of the same rows and columns
    (SimpleDocTemplate, repeatRows=1, one TableStyle with a font and a grid);
(b) sanitization: --certs certificates of data sanitization, each its own PDF, rendered and signed (one
    Signer reused, as the service does), next to reportlab drawing as many one-page PDFs with a canvas,
    each with the same strings (every label and value of the record, drawString) and a QR code of the
    same payload drawn by reportlab's QrCodeWidget.
Both sides run in this process on the same records; the plain sides use reportlab's defaults. It prints
wall-clock and CPU time and their ratios; the issue asks for each ratio to stay within 1.5x.

--cjk-everywhere renders (a) again with the CJK font for every cell (the alternative to choosing a font
per cell) and prints its time. --keep DIR writes one PDF of each kind there.
"""

from __future__ import annotations

import argparse
import io
import random
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas
from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

from reports.certificates import (
    Organisation,
    qr_payload,
    record_sha256,
    render_certificate,
)
from reports.fonts import fonts
from reports.i18n import LABELS
from reports.signing import load_or_create_signer, sign_pdf

ITEM_COLUMNS = ["#", "Serial number", "Asset tag", "Category", "Make", "Model", "Method", "Result", "Date"]
MODELS = [("laptop", "Lenovo", "ThinkPad T14 Gen 3"), ("desktop", "Dell", "OptiPlex 7010"), ("phone", "Apple", "iPhone 13"),
          ("server", "Inspur", "NF5280M6"), ("monitor", "AOC", "24P2Q"), ("笔记本电脑", "华为", "MateBook 14")]
ISSUER = {"name": "Acme Circular IT Ltd.", "address": "12 Harbour Road, Dock 4, Shanghai 200120", "phone": "+86 21 5555 0100",
          "email": "certs@acme-itad.example", "registration_no": "91310000MA1FL0XX1Q", "website": "https://acme-itad.example"}


@dataclass(frozen=True)
class Timing:
    wall: float
    cpu: float  # this process's CPU time: steadier than wall time on a shared machine

    @staticmethod
    def start() -> tuple[float, float]:
        return time.perf_counter(), time.process_time()

    @classmethod
    def since(cls, started: tuple[float, float]) -> Timing:
        return cls(time.perf_counter() - started[0], time.process_time() - started[1])

    def __add__(self, other: Timing) -> Timing:
        return Timing(self.wall + other.wall, self.cpu + other.cpu)


def best(timings: list[Timing]) -> Timing:
    return Timing(min(t.wall for t in timings), min(t.cpu for t in timings))


# ----------------------------------------------------------------------------------------------- data


def destruction_record(items: int, seed: int = 11) -> dict:
    rnd = random.Random(seed)
    rows = []
    for n in range(1, items + 1):
        cat, make, model = MODELS[rnd.randrange(len(MODELS))]
        rows.append({"line": n, "serial": f"SN{rnd.getrandbits(40):010X}", "tag": f"IT-{n:07d}", "category": cat,
                     "manufacturer": make, "model": model, "method": "shred" if n % 9 else "wipe: overwrite (Purge)",
                     "result": "destroyed" if n % 9 else "wiped", "date": "2026-11-20"})
    return {
        "schema": "itam.certificate/1", "kind": "destruction", "number": "CD-000001", "issued_at": "2026-11-23T21:30:00Z",
        "language": "en", "supersedes": None, "issuer": ISSUER,
        "attestation": "We certify that the items listed were processed on the dates and by the methods stated.",
        "signed_by": {"name": "Mary Major", "title": "ITAD Manager"},
        "client": {"name": "Northwind Traders GmbH", "address": "Hafenstraße 7, 20457 Hamburg", "contact": "Erika Mustermann"},
        "vendor": {"name": ISSUER["name"], "address": ISSUER["address"],
                   "certifications": [{"scheme": "R2v3", "number": "R2-CN-104233", "valid_until": "2027-05-01"}]},
        "job": {"number": "JOB-2026-0191", "batch": "B-77", "collected_at": "2026-11-18T08:30:00+08:00",
                "received_at": "2026-11-18T15:02:00+08:00", "processed_at": "2026-11-20T11:00:00+08:00",
                "closed_at": "2026-11-23T18:00:00+08:00", "seals": ["S-1001", "S-1002"], "expected_count": items,
                "received_count": items},
        "items": rows,
        "weights": [{"stream": "ferrous metals", "kg": 1120.5}, {"stream": "circuit boards", "kg": 233.25}],
        "downstream": [{"vendor": "EcoMetals Recycling Co.", "stream": "ferrous metals", "kg": 1120.5, "certification": "R2v3 R2-99812"}],
        "discrepancies": [],
        "operator": {"name": "Sam Smith", "title": "Shredder operator"},
        "witness": {"name": "Chris Client", "title": "Client representative"},
    }


def sanitization_record(n: int, seed: int = 5) -> dict:
    rnd = random.Random(seed * 100_003 + n)

    def medium(k: int) -> dict:
        return {"make": "Samsung", "model": "860 EVO 500GB", "serial": f"S3Z2NB{rnd.getrandbits(32):08X}",
                "property_number": f"P-{n}-{k}", "media_type": "SSD (SATA)", "source": "computer",
                "classification": "Confidential", "data_backed_up": "yes", "backup_location": "NAS-02",
                "method_type": "Purge", "technique": "cryptographic erase", "method_used": "ATA Sanitize Crypto Scramble",
                "method_details": "hdparm --sanitize-crypto-scramble, then one pass of zeros",
                "standard": "NIST SP 800-88 Rev. 1", "tool": "nwipe", "tool_version": "0.36", "passes": 1,
                "verification": "full", "verification_result": "verified", "hidden_areas": "HPA/DCO reset",
                "result": "success", "started_at": "2026-11-20T09:12:00+08:00", "ended_at": "2026-11-20T10:41:00+08:00",
                "time_zone": "Asia/Shanghai", "post_classification": "Unclassified", "destination": "external reuse",
                "evidence_sha256": f"{rnd.getrandbits(256):064x}", "notes": None}

    return {
        "schema": "itam.certificate/1", "kind": "sanitization", "number": f"DS-{n:06d}", "issued_at": "2026-11-23T21:30:00Z",
        "language": "en", "supersedes": None, "issuer": ISSUER,
        "attestation": "I attest that the media listed above were sanitized by the method stated and the result verified.",
        "signed_by": {"name": "Mary Major", "title": "ITAD Manager"},
        "asset": {"tag": f"IT-{n:07d}", "serial": f"PF{rnd.getrandbits(32):08X}", "manufacturer": "Lenovo",
                  "model": "ThinkPad T14 Gen 3", "category": "laptop", "property_number": None},
        "person": {"name": "John Doe", "title": "Technician", "organisation": ISSUER["name"], "location": "Shanghai", "phone": "+86 21 5555 0142"},
        "validator": {"name": "Jane Roe", "title": "Quality lead", "organisation": ISSUER["name"], "location": "Shanghai",
                      "phone": "+86 21 5555 0143", "date": "2026-11-21"},
        "media": [medium(1)],
    }


def _strings(value, out: list[str]) -> list[str]:
    if isinstance(value, dict):
        for v in value.values():
            _strings(v, out)
    elif isinstance(value, list):
        for v in value:
            _strings(v, out)
    elif value is not None:
        out.append(str(value))
    return out


SANITIZATION_LABELS = [v for k, v in LABELS["en"].items() if k.split(".")[0] in ("san", "media", "asset", "dest", "section")
                       or k in ("name", "title", "organisation", "location", "phone", "date", "signature")]


# --------------------------------------------------------------------------------------------- plain


def plain_table(record: dict) -> bytes:
    rows = [ITEM_COLUMNS] + [[str(i["line"]), i["serial"], i["tag"], i["category"], i["manufacturer"], i["model"],
                              i["method"], i["result"], i["date"]] for i in record["items"]]
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4)
    style = TableStyle([("FONT", (0, 0), (-1, -1), "Helvetica", 7), ("GRID", (0, 0), (-1, -1), 0.25, colors.grey)])
    doc.build([Table(rows, repeatRows=1, style=style)])
    return buf.getvalue()


def plain_page(record: dict) -> bytes:
    strings = SANITIZATION_LABELS + _strings(record, [])
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setFont("Helvetica", 8)
    x, y = 15 * mm, 240 * mm
    for text in strings:
        c.drawString(x, y, text[:60])
        y -= 10
        if y < 20 * mm:
            x, y = x + 65 * mm, 240 * mm
    drawing = Drawing(25 * mm, 25 * mm)
    drawing.add(QrCodeWidget(qr_payload(record["number"], record_sha256(record)), barWidth=25 * mm, barHeight=25 * mm, barLevel="M"))
    renderPDF.draw(drawing, c, 170 * mm, 265 * mm)
    c.showPage()
    c.save()
    return buf.getvalue()


# ---------------------------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--items", type=int, default=10_000, help="serials in the destruction certificate (default 10000)")
    ap.add_argument("--certs", type=int, default=1_000, help="sanitization certificates (default 1000)")
    ap.add_argument("--repeat", type=int, default=1, help="run every side this many times, report the best of each")
    ap.add_argument("--cjk-everywhere", action="store_true", help="also time (a) with the CJK font for every cell")
    ap.add_argument("--keep", type=Path, metavar="DIR", help="write one signed PDF of each kind to DIR")
    args = ap.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="itam-bench-certs-"))
    try:
        signer = load_or_create_signer(ISSUER["name"], directory=work / "signing")  # before any clock
        org = Organisation(ISSUER["name"])
        fonts()  # font registration is a once-per-process cost
        dest = destruction_record(args.items)
        sans = [sanitization_record(n) for n in range(1, args.certs + 1)]
        render_certificate(sans[0], org)  # warm imports and caches on both sides
        plain_page(sans[0])
        reason = "Certificate issued"

        plains, renders, signs, sizes = [], [], [], []
        for _ in range(args.repeat):
            started = Timing.start()
            plain = plain_table(dest)
            plains.append(Timing.since(started))
            started = Timing.start()
            pdf = render_certificate(dest, org)
            renders.append(Timing.since(started))
            started = Timing.start()
            signed = sign_pdf(pdf, signer, reason=reason)
            signs.append(Timing.since(started))
            sizes = [len(plain), len(signed)]
        a_plain, a_render, a_sign = best(plains), best(renders), best(signs)
        a_ours = best([r + s for r, s in zip(renders, signs)])
        pages = signed.count(b"/Type /Page\n") or signed.count(b"/Type /Page")

        b_plains, b_renders, b_signs = [], [], []
        for _ in range(args.repeat):
            started = Timing.start()
            for rec in sans:
                plain_page(rec)
            b_plains.append(Timing.since(started))
            render_t = sign_t = Timing(0.0, 0.0)
            for rec in sans:
                started = Timing.start()
                one = render_certificate(rec, org)
                render_t = render_t + Timing.since(started)
                started = Timing.start()
                one_signed = sign_pdf(one, signer, reason=reason)
                sign_t = sign_t + Timing.since(started)
            b_renders.append(render_t)
            b_signs.append(sign_t)
        b_plain, b_render, b_sign = best(b_plains), best(b_renders), best(b_signs)
        b_ours = best([r + s for r, s in zip(b_renders, b_signs)])

        runs = f" (best of {args.repeat})" if args.repeat > 1 else ""
        n, m = args.items, args.certs
        print(f"(a) destruction certificate, {n:,} serials{runs}; {pages} pages, {sizes[1] / 1e6:.2f} MB signed")
        print(f"    plain reportlab Table (repeatRows=1)  : {a_plain.wall:7.2f} s wall {a_plain.cpu:7.2f} s CPU  ({sizes[0] / 1e6:.2f} MB)")
        print(f"    itam render                           : {a_render.wall:7.2f} s wall {a_render.cpu:7.2f} s CPU")
        print(f"    itam sign                             : {a_sign.wall:7.2f} s wall {a_sign.cpu:7.2f} s CPU")
        print(f"    itam render + sign                    : {a_ours.wall:7.2f} s wall {a_ours.cpu:7.2f} s CPU")
        print(f"    ratio itam / plain                    : {a_ours.wall / a_plain.wall:7.2f}x wall {a_ours.cpu / a_plain.cpu:6.2f}x CPU  (limit 1.5x)")
        print(f"(b) sanitization certificates, {m:,} PDFs{runs}")
        print(f"    plain canvas page + QrCodeWidget      : {b_plain.wall:7.2f} s wall {b_plain.cpu:7.2f} s CPU  ({b_plain.wall / m * 1000:.1f} ms each)")
        print(f"    itam render                           : {b_render.wall:7.2f} s wall {b_render.cpu:7.2f} s CPU  ({b_render.wall / m * 1000:.1f} ms each)")
        print(f"    itam sign                             : {b_sign.wall:7.2f} s wall {b_sign.cpu:7.2f} s CPU  ({b_sign.wall / m * 1000:.1f} ms each)")
        print(f"    itam render + sign                    : {b_ours.wall:7.2f} s wall {b_ours.cpu:7.2f} s CPU  ({b_ours.wall / m * 1000:.1f} ms each)")
        print(f"    ratio itam / plain                    : {b_ours.wall / b_plain.wall:7.2f}x wall {b_ours.cpu / b_plain.cpu:6.2f}x CPU  (limit 1.5x)")

        if args.cjk_everywhere:
            everywhere = replace(fonts(), everywhere=True)
            started = Timing.start()
            render_certificate(dest, org, _fonts=everywhere)
            t = Timing.since(started)
            print(f"(a) rendered with the CJK font in every cell: {t.wall:.2f} s wall {t.cpu:.2f} s CPU "
                  f"(per-cell choice: {a_render.wall:.2f} s wall)")
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            (args.keep / "bench-destruction.pdf").write_bytes(signed)
            (args.keep / "bench-sanitization.pdf").write_bytes(one_signed)
            print(f"wrote {args.keep / 'bench-destruction.pdf'} and {args.keep / 'bench-sanitization.pdf'}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
