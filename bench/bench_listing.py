"""Listing speed: the first page of AssetService.list over a million assets, next to raw sqlite3.

    .venv/bin/python bench/bench_listing.py [--rows 1000000] [--stats analyze|none] [--repeat 5] [--rebuild]

Builds (once, cached as bench/out/listing-<rows>.sqlite3) an itam database with N assets: the schema comes
from open_database (the Alembic migrations), then its asset indexes are made those the models declare
(created from the models' metadata, or dropped; printed), and the rows go in with Core executemany in batches of
50,000 with the asset indexes dropped and rebuilt afterwards (much faster than maintaining ~25 indexes
row by row). Distributions follow a real fleet: skewed categories, statuses, departments, locations,
manufacturers and models, purchase dates over eight years. No history: this measures reads.

Then, for every query below, times the first page (offset 0, limit 100) through the product
(``Services.assets.list``: session, statement building, SQL, rows turned into frozen AssetRow objects)
and the very same SQL with the same parameters (captured from the product's cursor: the page's statement and
the one reading the latest audits of the page's assets) through a plain sqlite3 connection, and prints the median of --repeat runs after one warm-up, and the ratio.

Queries: the default sort; every column in SORTABLE ascending and descending; every equality filter
(category, status, stage, department, location, manufacturer, condition_grade) with a common and a rare
value, alone and with a sort on another column (newest purchase first, last seen first, hostname); and
searches (a common term, a rare one). Exits 1 when a product median other than a search is over
--budget-ms (100); searches are reported, not gated (substring matching reads the whole table).

--stats analyze runs ANALYZE once on the cached database (sqlite_stat1), --stats none deletes those
statistics, so the two can be compared. The asset indexes of the cached database are synced with the
models on every run (missing ones created from metadata, ones the models dropped are dropped).
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import sys
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import event, insert, text  # noqa: E402

from itam.db import open_database  # noqa: E402
from itam.models import Asset, Location, Person  # noqa: E402
from itam.services import Actor, AssetQuery, Services  # noqa: E402
from itam.services.assets import SORTABLE  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"
BATCH = 50_000
TODAY = date(2026, 6, 30)

CATEGORIES = {  # category: (share, data-bearing, weight kg, [(manufacturer, model, share)])
    "laptop": (34, True, 1.65, [("Lenovo", "ThinkPad T14 Gen 2", 9), ("Lenovo", "ThinkPad X1 Carbon Gen 9", 3),
                                ("Dell", "Latitude 5420", 8), ("Dell", "Latitude 5440", 6), ("HP", "EliteBook 840 G8", 6),
                                ("Apple", "MacBook Pro 14", 4), ("Huawei", "MateBook 14", 2)]),
    "desktop": (18, True, 5.3, [("Dell", "OptiPlex 7090", 6), ("HP", "EliteDesk 800 G6 SFF", 6),
                                ("Lenovo", "ThinkCentre M70q Gen 3", 5), ("Lenovo", "ThinkCentre M720q Tiny", 3)]),
    "monitor": (22, False, 5.7, [("Dell", "P2422H", 8), ("HP", "E24 G4", 4), ("Lenovo", "ThinkVision T24i-20", 4),
                                 ("AOC", "24P2Q", 3), ("Dell", "U2720Q", 1)]),
    "phone": (9, True, 0.17, [("Apple", "iPhone 13", 5), ("Huawei", "Mate 50", 2), ("Xiaomi", "13", 2), ("Samsung", "Galaxy S21", 1)]),
    "tablet": (3, True, 0.73, [("Apple", "iPad (9th generation)", 3), ("Huawei", "MatePad 11", 1)]),
    "thin_client": (3, True, 0.93, [("Dell", "Wyse 5070", 2), ("HP", "t640 Thin Client", 1)]),
    "printer": (3, True, None, [("HP", "LaserJet Pro M404dn", 3), ("Brother", "HL-L5100DN", 1)]),
    "network": (4, True, None, [("Cisco", "Catalyst 9200-24P", 3), ("Huawei", "S5735-L24P4S-A", 2), ("Ubiquiti", "UniFi U6-Pro", 1)]),
    "server": (2, True, 22.0, [("Dell", "PowerEdge R740", 3), ("Inspur", "NF5280M6", 2), ("HPE", "ProLiant DL380 Gen10", 1)]),
    "voip": (2, True, None, [("Cisco", "IP Phone 8845", 1)]),
}
STATUSES = {  # status: (share, stage)
    "deployed": (56, 6), "in_stock": (8, 5), "in_repair": (2.5, 6), "retired": (4, 6), "awaiting_sanitization": (1.5, 6),
    "sanitized": (1.2, 6), "refurbishing": (0.6, 3), "in_transit": (0.8, 6), "sold": (9, 4), "donated": (2, 4),
    "harvested": (0.5, 2), "recycled": (9, 1), "destroyed": (2, 1), "lost_stolen": (1.2, 6), "missing": (1.7, 6),
}
DEPARTMENTS = {"Engineering": 22, "Sales": 16, "Customer Support": 12, "Operations": 10, "Finance": 8, "Marketing": 7,
               "R&D 研发中心": 7, "IT Operations": 6, "Human Resources": 4, "Logistics": 3, "Procurement": 2,
               "Legal": 1.2, "Executive Office": 0.8, "Internal Audit": 0.5, "Facilities": 0.5}
GRADES = {"A": 18, "B": 42, "C": 26, "D": 9, "F": 5}
CITIES = ("Shanghai HQ", "Beijing", "Shenzhen", "Chengdu", "Wuhan", "Hangzhou", "London", "Singapore")

# Filters with a common and a rare value (the rare one is the hard case for an index that walks the sort).
FILTERS = {
    "category": ("laptop", "voip"),
    "status": ("deployed", "harvested"),
    "stage": (6, 3),
    "department": ("Engineering", "Internal Audit"),
    "location": ("Shanghai HQ 1F", "Singapore 5F"),
    "manufacturer": ("Dell", "HPE"),
    "condition_grade": ("B", "F"),
}
COMBINED_SORTS = (("purchase_date", True), ("last_seen", True), ("hostname", False))
SEARCHES = (("search common 'ThinkPad'", "ThinkPad"), ("search rare serial fragment", None))


def _pick(rng: random.Random, table: dict, k: int) -> list:
    keys = list(table)
    weights = [v[0] if isinstance(v, tuple) else v for v in table.values()]
    return rng.choices(keys, weights, k=k)


def _locations() -> list[tuple[str, float]]:
    out = []
    for c, city in enumerate(CITIES):
        size = 40 / (c + 1)  # the head office is far bigger than the others
        for floor in range(1, 6):
            out.append((f"{city} {floor}F", size / floor))
    return out


def build(path: Path, rows: int, seed: int = 7) -> None:
    tmp = path.with_suffix(".building")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{tmp}{suffix}").unlink(missing_ok=True)
    t0 = time.perf_counter()
    db = open_database(f"sqlite:///{tmp}", backup=False)
    created, dropped = sync_model_indexes(db)
    if created or dropped:
        print(f"  the migrations lag the models: created from metadata {', '.join(created) or '-'}; "
              f"dropped {', '.join(dropped) or '-'}")
    # Bulk load without syncing: the file is rebuilt from scratch if the machine dies meanwhile.
    event.listen(db.engine, "connect", lambda dbapi_conn, _rec: dbapi_conn.execute("PRAGMA synchronous = OFF"))
    db.engine.dispose()
    rng = random.Random(seed)
    locs = _locations()
    n_people = max(rows // 50, 10)
    with db.engine.begin() as conn:
        conn.execute(insert(Location.__table__), [{"id": i + 1, "name": n, "created_at": datetime(2018, 1, 1)} for i, (n, _) in enumerate(locs)])
        conn.execute(
            insert(Person.__table__),
            [{"id": i + 1, "name": (f"员工{i:06d}" if i % 4 == 0 else f"Employee {i:06d}"), "email": f"user{i:06d}@example.com",
              "created_at": datetime(2018, 1, 1)} for i in range(n_people)],
        )
        asset_indexes = [
            (name, sql) for name, sql in conn.exec_driver_sql(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'assets' AND sql IS NOT NULL"
            )
        ]
        for name, _ in asset_indexes:
            conn.exec_driver_sql(f'DROP INDEX "{name}"')
    table = Asset.__table__
    loc_ids = list(range(1, len(locs) + 1))
    loc_w = [w for _, w in locs]
    dept_keys, dept_w = list(DEPARTMENTS), list(DEPARTMENTS.values())
    created = datetime(2018, 1, 1)
    done = 0
    while done < rows:
        n = min(BATCH, rows - done)
        cats = _pick(rng, CATEGORIES, n)
        statuses = _pick(rng, STATUSES, n)
        grades = rng.choices(list(GRADES), list(GRADES.values()), k=n)
        depts = rng.choices(dept_keys, dept_w, k=n)
        locations = rng.choices(loc_ids, loc_w, k=n)
        batch = []
        for j in range(n):
            i = done + j + 1
            cat = cats[j]
            _share, data_bearing, weight, models = CATEGORIES[cat]
            make, model = rng.choices([(m[0], m[1]) for m in models], [m[2] for m in models])[0]
            status = statuses[j]
            bought = TODAY - timedelta(days=rng.randrange(8 * 365))
            scrambled = (i * 2654435761) & 0xFFFFFFFF
            seen = rng.random()
            in_use = status in ("deployed", "in_stock", "in_repair")
            last_seen = datetime.combine(TODAY, datetime.min.time()) - timedelta(seconds=rng.randrange(30 * 86400 if in_use else 900 * 86400))
            batch.append({
                "id": i,
                "asset_tag": f"IT-{i:07d}",
                "category": cat,
                "manufacturer": make,
                "model": model,
                "serial": f"{make[:2].upper()}{scrambled:08X}{i % 7}",
                "hostname": (f"LAPTOP-{scrambled:08X}" if cat == "laptop" else f"DESKTOP-{scrambled % 0xFFFFFFF:07X}" if cat == "desktop"
                             else f"srv-{i:07d}" if cat == "server" else None),
                "os_name": "Windows 11 Enterprise" if cat in ("laptop", "desktop") and make != "Apple" else None,
                "ram_gb": 16.0 if cat in ("laptop", "desktop") else None,
                "storage_gb": 512.0 if cat in ("laptop", "desktop") else None,
                "purchase_date": bought,
                "purchase_cost": round(rng.uniform(1500, 12000), 2),
                "currency": "CNY",
                "warranty_end": bought + timedelta(days=3 * 365),
                "department": depts[j],
                "location_id": locations[j],
                "assignee_id": rng.randrange(1, n_people + 1) if rng.random() < 0.7 else None,
                "condition_grade": grades[j],
                "weight_kg": weight,
                "data_bearing": data_bearing,
                "first_seen": datetime.combine(bought, datetime.min.time()) + timedelta(days=5) if seen < 0.85 else None,
                "last_seen": last_seen if seen < 0.85 and cat != "monitor" else None,
                "stage": STATUSES[status][1],
                "status": status,
                "flag": "found_after_loss" if rng.random() < 0.003 else None,
                "created_at": created + timedelta(seconds=i * 60),
                "updated_at": created + timedelta(seconds=i * 60 + rng.randrange(86400 * 400)),
                "version": 1,
            })
        with db.engine.begin() as conn:
            conn.execute(insert(table), batch)
        done += n
        print(f"\r  loaded {done:,} / {rows:,} rows ({time.perf_counter() - t0:.0f} s)", end="", flush=True)
    print()
    t1 = time.perf_counter()
    with db.engine.begin() as conn:
        for _, sql in asset_indexes:
            conn.exec_driver_sql(sql)
    print(f"  rebuilt {len(asset_indexes)} asset indexes in {time.perf_counter() - t1:.1f} s")
    db.dispose()
    # Fold the WAL back in, so that the cached file is one file.
    raw = sqlite3.connect(tmp)
    raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw.close()
    os.replace(tmp, path)
    for suffix in ("-wal", "-shm"):
        Path(f"{tmp}{suffix}").unlink(missing_ok=True)
    print(f"  built {path.name} in {time.perf_counter() - t0:.0f} s ({path.stat().st_size / 2**20:.0f} MiB)")


def sync_model_indexes(db) -> tuple[list[str], list[str]]:  # noqa: ANN001
    """Make the assets table's indexes those the models declare (the migrations may lag behind them).

    Creates the missing ones from the models' metadata and drops the ones the models no longer declare;
    returns (created, dropped). Only for the benchmark's own database.
    """
    wanted = {ix.name: ix for ix in Asset.__table__.indexes}
    with db.engine.begin() as conn:
        have = {r[0] for r in conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'assets' AND sql IS NOT NULL"
        )}
        created = sorted(set(wanted) - have)
        dropped = sorted(have - set(wanted))
        for name in dropped:
            conn.exec_driver_sql(f'DROP INDEX "{name}"')
        for name in created:
            wanted[name].create(conn)
    return created, dropped


def set_stats(path: Path, mode: str) -> str:
    raw = sqlite3.connect(path)
    try:
        has = raw.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone()
        rows = raw.execute("SELECT count(*) FROM sqlite_stat1").fetchone()[0] if has else 0
        if mode == "analyze" and not rows:
            t = time.perf_counter()
            raw.execute("ANALYZE")
            raw.commit()
            return f"ANALYZE run now ({time.perf_counter() - t:.1f} s)"
        if mode == "none" and rows:
            raw.execute("DELETE FROM sqlite_stat1")
            raw.commit()
            return "planner statistics removed"
        return "ANALYZE statistics present" if rows else "no planner statistics"
    finally:
        raw.close()


@dataclass
class Result:
    label: str
    product_ms: float
    raw_ms: float
    product_worst_ms: float
    rows: int

    @property
    def ratio(self) -> float:
        return self.product_ms / self.raw_ms if self.raw_ms else float("inf")


def queries(rare_term: str) -> list[tuple[str, AssetQuery]]:
    out: list[tuple[str, AssetQuery]] = [("default (asset_tag)", AssetQuery())]
    for col in SORTABLE:
        for desc in (False, True):
            out.append((f"sort {col} {'desc' if desc else 'asc'}", AssetQuery(sort=col, descending=desc)))
    for name, values in FILTERS.items():
        for value in values:
            out.append((f"{name}={value}", AssetQuery(**{name: value})))
            for col, desc in COMBINED_SORTS:
                if col == name:
                    continue
                out.append((f"{name}={value} sort {col}{' desc' if desc else ''}", AssetQuery(sort=col, descending=desc, **{name: value})))
    for label, term in SEARCHES:
        out.append((f"{label}", AssetQuery(search=term or rare_term)))
    return out


def add_audits(path: Path, count: int) -> str:
    """Give the database ``count`` audit rows (once: it tops up to that many), spread over the assets."""
    con = sqlite3.connect(path)
    have = con.execute("SELECT count(*) FROM asset_audits").fetchone()[0]
    if have < count:
        assets = con.execute("SELECT max(id) FROM assets").fetchone()[0]
        rng = random.Random(43)
        start = datetime(2026, 1, 1)
        rows = []
        for n in range(have, count):
            asset_id = (n // 2) * 7 % assets + 1  # two audits per asset, spread over the table
            ok = rng.random() > 0.2
            rows.append((asset_id, f"198.18.{(asset_id >> 8) & 255}.{asset_id & 255}", "ssh" if n % 2 else "snmp",
                         "lab", (start + timedelta(minutes=n)).isoformat(" "), 0.2, ok,
                         None if ok else "no answer within 4.0 s", "bench"))
        con.executemany("INSERT INTO asset_audits (asset_id, address, method, credential, collected_at, seconds, ok, "
                        "error, actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        con.commit()
    total = con.execute("SELECT count(*), count(DISTINCT asset_id) FROM asset_audits").fetchone()
    con.close()
    return f"asset_audits: {total[0]:,} audits of {total[1]:,} assets"


def run(path: Path, repeat: int, budget_ms: float, only: str | None) -> int:
    db = open_database(f"sqlite:///{path}", upgrade=False)
    services = Services(db, Actor("bench", "cli"))
    raw = sqlite3.connect(path)
    captured: list[tuple[str, tuple]] = []

    @event.listens_for(db.engine, "before_cursor_execute")
    def _capture(conn, cursor, statement, parameters, context, executemany):  # noqa: ANN001
        if statement.lstrip().upper().startswith("SELECT"):
            captured.append((statement, parameters))

    with db.engine.connect() as conn:
        total = conn.execute(text("SELECT count(*) FROM assets")).scalar_one()
        sample_serial = conn.execute(text("SELECT serial FROM assets WHERE id = :i"), {"i": total // 2 + 17}).scalar_one()
    rare = sample_serial[3:9]  # a fragment of one serial: matches a handful of rows
    results: list[Result] = []
    for label, q in queries(rare):
        if only and only not in label:
            continue
        captured.clear()
        services.assets.list(q)  # warm-up, and capture the SQL
        # The page's statement, then the latest audits of the page's assets (the Audit column) when it had rows.
        listing = max(i for i, (sql, _p) in enumerate(captured) if "asset_audits" not in sql)
        statements = captured[listing:]
        times = []
        for _ in range(repeat):
            t = time.perf_counter()
            page = services.assets.list(q)
            times.append((time.perf_counter() - t) * 1000)
        raw_times = []
        for _ in range(repeat + 1):
            t = time.perf_counter()
            rows = raw.execute(*statements[0]).fetchall()
            for statement, params in statements[1:]:
                raw.execute(statement, params).fetchall()
            raw_times.append((time.perf_counter() - t) * 1000)
        assert len(rows) == len(page.rows), label
        results.append(Result(label, statistics.median(times), statistics.median(raw_times[1:]), max(times), len(page.rows)))
        r = results[-1]
        flag = "  OVER" if r.product_ms > budget_ms else ""
        print(f"{r.label:<52} {r.product_ms:9.1f} {r.raw_ms:9.1f} {r.ratio:7.2f} {r.product_worst_ms:9.1f} {r.rows:5d}{flag}", flush=True)
    raw.close()
    db.dispose()
    # Free-text search is a substring match (LIKE '%term%'): a rare term reads the whole table, in the
    # product and in raw SQLite alike. It is reported, not gated: the interface issue brings a text index.
    over = [r for r in results if r.product_ms > budget_ms and not r.label.startswith("search")]
    for r in results:
        if r.label.startswith("search") and r.product_ms > budget_ms:
            print(f"not gated: {r.label} took {r.product_ms:.0f} ms (a full-table substring match; raw {r.raw_ms:.0f} ms)")
    prod = sorted(r.product_ms for r in results)
    print(
        f"\n{len(results)} queries over {total:,} assets; product median of medians {statistics.median(prod):.1f} ms, "
        f"slowest {prod[-1]:.1f} ms; ratio product/raw median {statistics.median(r.ratio for r in results):.2f}"
    )
    if over:
        print(f"{len(over)} first pages over {budget_ms:g} ms:")
        for r in over:
            print(f"  {r.label}: {r.product_ms:.1f} ms (raw sqlite3 {r.raw_ms:.1f} ms)")
        return 1
    print(f"every first page within {budget_ms:g} ms")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--budget-ms", type=float, default=100.0)
    ap.add_argument("--stats", choices=("analyze", "none", "keep"), default="analyze",
                    help="run ANALYZE on the cached database (default), remove its statistics, or leave it as it is")
    ap.add_argument("--rebuild", action="store_true", help="rebuild the cached database")
    ap.add_argument("--only", help="run only the queries whose label contains this text")
    ap.add_argument("--audits", type=int, default=0, metavar="N",
                    help="first give the cached database N credentialed audits (two per audited asset: SNMP and "
                         "SSH, a fifth of them failed) for the Audit column to read; 0 leaves it as it is")
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"listing-{args.rows}.sqlite3"
    if args.rebuild or not path.exists():
        print(f"building {path} …")
        build(path, args.rows)
    else:
        # A cached database made by an older itam is brought to the current schema (search indexes
        # included), and gets the models' indexes if the migrations lag behind them.
        db = open_database(f"sqlite:///{path}", backup=False)
        created, dropped = sync_model_indexes(db)
        db.dispose()
        if created or dropped:
            print(f"indexes synced with the models: created {', '.join(created) or '-'}; dropped {', '.join(dropped) or '-'}")
            set_stats(path, "none")  # stale statistics would mislead the planner; --stats analyze redoes them
    if args.audits:
        print(add_audits(path, args.audits))
    if args.stats != "keep":
        print(set_stats(path, args.stats))
    print(f"SQLite {sqlite3.sqlite_version}, {os.cpu_count()} CPUs; median of {args.repeat} runs after a warm-up\n")
    print(f"{'query (first page, limit 100)':<52} {'itam ms':>9} {'raw ms':>9} {'ratio':>7} {'worst ms':>9} {'rows':>5}")
    return run(path, args.repeat, args.budget_ms, args.only)


if __name__ == "__main__":
    sys.exit(main())
