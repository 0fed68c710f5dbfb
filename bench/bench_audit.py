"""Audit speed: verifying a million-entry history chain, next to a plain sqlite3 + hashlib loop.

    .venv/bin/python bench/bench_audit.py [--rows 1000000] [--rebuild] [--budget-s 30]

Builds (once, cached as bench/out/audit-<rows>.sqlite3) an itam database whose history holds N entries
written through the product's own HistoryChain.append, in batches of 50,000 inside db.write() sessions,
with realistic change sets (asset creations with a couple of dozen fields, transitions, edits, media and
addresses added, sanitization records) over assets inserted with Core beforehand (the foreign key
needs them).

Then times
  (a) itam: Services(db).audit.verify(), i.e. verify_chain: keyset pages of 20,000 rows through the ORM
      session, every hash recomputed from the canonical payload, links and sequence checked, head checked;
  (b) raw: one plain sqlite3 cursor over the same rows in seq order, the same JSON payload built by hand,
      hashlib.sha256 over it, the same link and hash comparisons;
prints both and the ratio, and fails (exit 1) if (a) is over --budget-s (30 s).
Last, it edits one row with plain sqlite3 (UPDATE history SET reason = 'x' WHERE seq = N/2), checks that
verify reports the first break there as an edit, and puts the row back.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import sqlite3
import sys
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert  # noqa: E402

from itam.db import open_database  # noqa: E402
from itam.history.chain import GENESIS, HistoryChain, PendingEntry  # noqa: E402
from itam.models import Asset  # noqa: E402
from itam.services import Actor, Services  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"
BATCH = 50_000
ENTRIES_PER_ASSET = 8
START = datetime(2018, 1, 2, 8, 0, 0)

ACTORS = (("wang.lei", "gui"), ("周敏", "gui"), ("daniel.hughes", "cli"), ("import", "import"), ("discovery", "discovery"),
          ("张伟", "gui"), ("system", "system"))
CATEGORIES = ("laptop", "laptop", "laptop", "desktop", "desktop", "monitor", "monitor", "phone", "server", "network")
MODELS = {"laptop": ("Lenovo", "ThinkPad T14 Gen 2"), "desktop": ("HP", "EliteDesk 800 G6 SFF"), "monitor": ("Dell", "P2422H"),
          "phone": ("Apple", "iPhone 13"), "server": ("Dell", "PowerEdge R740"), "network": ("Cisco", "Catalyst 9200-24P")}
LOCATIONS = ("Shanghai HQ 2F", "Shanghai HQ 5F", "Beijing Office", "Shenzhen R&D Lab", "London Office", "IT Store Room")
PEOPLE = ("张伟", "王芳", "李娜", "Oliver Smith", "Priya Patel", "Zhang Wei", "Chen Jing", "James Wilson")
TRANSITIONS = (
    ("deploy", "in_stock", "deployed", None), ("send_to_repair", "deployed", "in_repair", "Battery swelling"),
    ("extend_life", "in_repair", "deployed", "Battery replaced"), ("retire", "deployed", "retired", "End of refresh cycle"),
    ("queue_sanitization", "retired", "awaiting_sanitization", None), ("mark_sanitized", "awaiting_sanitization", "sanitized", None),
    ("sell", "sanitized", "sold", None), ("recycle", "sanitized", "recycled", None), ("mark_missing", "deployed", "missing", None),
    ("found", "missing", "in_stock", "Seen on the network again"),
)


def _entries(rng: random.Random, start: int, count: int, created: list[int]) -> list[PendingEntry]:
    """``count`` entries from global position ``start``; every ENTRIES_PER_ASSET-th creates an asset."""
    out = []
    operation = None
    for e in range(start, start + count):
        at = START + timedelta(seconds=e * 250 + rng.randrange(240))
        actor, source = rng.choice(ACTORS)
        if rng.random() < 0.02:
            operation = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        elif rng.random() < 0.05:
            operation = None
        if e % ENTRIES_PER_ASSET == 0:
            asset_id = e // ENTRIES_PER_ASSET + 1
            created.append(asset_id)
            cat = rng.choice(CATEGORIES)
            make, model = MODELS[cat]
            bought = (at - timedelta(days=rng.randrange(30))).date().isoformat()
            changes = {
                "asset_tag": [None, f"IT-{asset_id:07d}"], "category": [None, cat], "manufacturer": [None, make],
                "model": [None, model], "serial": [None, f"{make[:2].upper()}{rng.getrandbits(40):010X}"],
                "hostname": [None, f"LAPTOP-{rng.getrandbits(32):08X}" if cat == "laptop" else None],
                "purchase_date": [None, bought], "purchase_cost": [None, f"{rng.uniform(1500, 12000):.2f}"],
                "currency": [None, "CNY"], "department": [None, rng.choice(("Finance", "Engineering", "Sales", "研发中心"))],
                "location": [None, rng.choice(LOCATIONS)], "assignee": [None, rng.choice(PEOPLE)],
                "condition_grade": [None, "A"], "data_bearing": [None, cat != "monitor"], "status": [None, "in_stock"],
                "stage": [None, 5], "weight_kg": [None, {"laptop": 1.65, "desktop": 5.3, "monitor": 5.7}.get(cat)],
            }
            out.append(PendingEntry(asset_id, actor, source, "create", changes, reason="Goods received against PO-2021-04",
                                    operation=operation, at=at))
            continue
        asset_id = rng.choice(created[-5000:]) if rng.random() < 0.8 else rng.choice(created)
        r = rng.random()
        if r < 0.4:
            key, before, after, reason = rng.choice(TRANSITIONS)
            changes = {"status": [before, after]}
            if after in ("deployed", "in_repair"):
                changes["stage"] = [5, 6]
            out.append(PendingEntry(asset_id, actor, source, "transition", changes, transition=key, reason=reason,
                                    operation=operation, at=at))
        elif r < 0.65:
            field = rng.choice(("location", "assignee", "condition_grade", "hostname", "notes"))
            pair = {
                "location": rng.sample(LOCATIONS, 2), "assignee": rng.sample(PEOPLE, 2), "condition_grade": ["B", "C"],
                "hostname": [f"DESKTOP-{rng.getrandbits(28):07X}", f"DESKTOP-{rng.getrandbits(28):07X}"],
                "notes": [None, "Docking station issued with it"],
            }[field]
            out.append(PendingEntry(asset_id, actor, source, "update", {field: pair}, operation=operation, at=at))
        elif r < 0.8:
            mac = ":".join(f"{b:02x}" for b in (0xF8, 0xBC, 0x12, rng.randrange(256), rng.randrange(256), rng.randrange(256)))
            out.append(PendingEntry(asset_id, actor, source, "address_added", {"mac": [None, mac]}, operation=operation, at=at))
        elif r < 0.92:
            serial = f"S4EVNX0N{rng.randrange(10**6):06d}"
            medium = {"media_type": "nvme", "interface": "PCIe NVMe", "manufacturer": "Samsung", "model": "PM9A1",
                      "serial": serial, "capacity_gb": 512.0}
            out.append(PendingEntry(asset_id, actor, source, "media_added",
                                    {f"medium nvme {serial} (#{e})": [None, medium]}, operation=operation, at=at))
        else:
            record = {"record": e, "medium": f"nvme S4EVNX0N{rng.randrange(10**6):06d} (#{e})", "category": "purge",
                      "technique": "NVMe Sanitize, crypto erase", "result": "pass", "verified": True,
                      "performed_at": at.isoformat(timespec="seconds"), "operator": "Wang Lei"}
            out.append(PendingEntry(asset_id, actor, source, "sanitization", {"sanitization": [None, record]},
                                    reason="Verified by sampling (10%)", operation=operation, at=at))
    return out


def build(path: Path, rows: int, seed: int = 7) -> None:
    tmp = path.with_suffix(".building")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{tmp}{suffix}").unlink(missing_ok=True)
    t0 = time.perf_counter()
    db = open_database(f"sqlite:///{tmp}", backup=False)
    n_assets = rows // ENTRIES_PER_ASSET + 1
    with db.engine.begin() as conn:
        for start in range(0, n_assets, BATCH):
            conn.execute(insert(Asset.__table__), [
                {"id": i, "asset_tag": f"IT-{i:07d}", "category": "laptop", "status": "in_stock", "stage": 5,
                 "data_bearing": True, "created_at": START, "updated_at": START, "version": 1}
                for i in range(start + 1, min(start + BATCH, n_assets) + 1)
            ])
    print(f"  {n_assets:,} assets for the history to point at ({time.perf_counter() - t0:.0f} s)")
    rng = random.Random(seed)
    created: list[int] = []
    t1 = time.perf_counter()
    hashing = 0.0
    for start in range(0, rows, BATCH):
        entries = _entries(rng, start, min(BATCH, rows - start), created)
        with db.write() as session:
            h = time.perf_counter()
            HistoryChain(session).append(entries)
            hashing += time.perf_counter() - h
        print(f"\r  appended {start + len(entries):,} / {rows:,} entries ({time.perf_counter() - t1:.0f} s)", end="", flush=True)
    print(f"\n  HistoryChain.append: {hashing:.1f} s for {rows:,} entries ({rows / hashing:,.0f} entries/s, hashing and inserting)")
    db.dispose()
    raw = sqlite3.connect(tmp)
    raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw.close()
    os.replace(tmp, path)
    for suffix in ("-wal", "-shm"):
        Path(f"{tmp}{suffix}").unlink(missing_ok=True)
    print(f"  built {path.name} in {time.perf_counter() - t0:.0f} s ({path.stat().st_size / 2**20:.0f} MiB)")


def raw_verify(path: Path) -> tuple[int, int | None]:
    """The same checks with the standard library only: returns (entries checked, first bad seq or None)."""
    con = sqlite3.connect(path)
    try:
        cur = con.execute(
            "SELECT seq, asset_id, at, actor, source, action, transition, reason, changes, operation, prev_hash, hash "
            "FROM history ORDER BY seq"
        )
        prev, expected, checked = GENESIS, 1, 0
        dumps, sha256 = json.dumps, hashlib.sha256
        for seq, asset_id, at, actor, source, action, transition, reason, changes, operation, prev_hash, digest in cur:
            # SQLAlchemy stores DateTime on SQLite as 'YYYY-MM-DD HH:MM:SS.ffffff'.
            canonical = at.replace(" ", "T") + "Z"
            payload = dumps([seq, asset_id, canonical, actor, source, action, transition, reason, changes, operation, prev_hash],
                            ensure_ascii=False, separators=(",", ":"))
            if seq != expected or prev_hash != prev or sha256(payload.encode("utf-8")).hexdigest() != digest:
                return checked, seq
            prev = digest
            expected += 1
            checked += 1
        head = con.execute("SELECT seq, hash FROM chain_heads WHERE name = 'history'").fetchone()
        if head != (checked, prev):
            return checked, checked + 1
        return checked, None
    finally:
        con.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--budget-s", type=float, default=30.0)
    ap.add_argument("--rebuild", action="store_true")
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"audit-{args.rows}.sqlite3"
    if args.rebuild or not path.exists():
        print(f"building {path} …")
        build(path, args.rows)
    print(f"SQLite {sqlite3.sqlite_version}, {os.cpu_count()} CPUs, {args.rows:,} history entries\n")

    db = open_database(f"sqlite:///{path}", upgrade=False)
    services = Services(db, Actor("bench", "cli"))
    t = time.perf_counter()
    report = services.audit.verify()
    product = time.perf_counter() - t
    t = time.perf_counter()
    checked, bad = raw_verify(path)
    raw = time.perf_counter() - t
    if not report.ok or bad is not None:
        print(f"the cached chain does not verify (itam: {report.first_break}, raw: seq {bad}); rebuild with --rebuild")
        return 1
    assert report.checked == checked == args.rows, (report.checked, checked)
    print(f"{'verify ' + format(args.rows, ',') + ' entries':<34} {'seconds':>8} {'entries/s':>11}")
    print(f"{'itam  audit.verify()':<34} {product:8.2f} {args.rows / product:11,.0f}")
    print(f"{'raw   sqlite3 + hashlib loop':<34} {raw:8.2f} {args.rows / raw:11,.0f}")
    print(f"ratio itam / raw: {product / raw:.2f}")

    # One edited row in the middle must be the first break, reported as an edit.
    target = args.rows // 2
    con = sqlite3.connect(path)
    (original,) = con.execute("SELECT reason FROM history WHERE seq = ?", (target,)).fetchone()
    try:
        con.execute("UPDATE history SET reason = 'x' WHERE seq = ?", (target,))
        con.commit()
        t = time.perf_counter()
        tampered = services.audit.verify()
        until_break = time.perf_counter() - t
        first = tampered.first_break
        print(f"\nafter UPDATE history SET reason='x' WHERE seq={target}: first break at seq "
              f"{first.seq if first else None} ({first.kind if first else 'none'}: {first.detail if first else ''}); "
              f"found in {until_break:.2f} s, {tampered.checked:,} entries verified before it")
        detected = first is not None and first.seq == target and first.kind == "edited" and tampered.checked == target - 1
    finally:
        con.execute("UPDATE history SET reason = ? WHERE seq = ?", (original, target))
        con.commit()
        con.close()
        db.dispose()
    if not detected:
        print("FAIL: the edit was not reported as the first break")
        return 1
    if product > args.budget_s:
        print(f"FAIL: verify took {product:.1f} s, over the {args.budget_s:g} s budget")
        return 1
    print(f"verify within {args.budget_s:g} s; the edit is caught at its own sequence number")
    return 0


if __name__ == "__main__":
    sys.exit(main())
