"""Fleet metrics over a million assets, computed in SQL, next to raw sqlite3 running the same SQL.

    .venv/bin/python bench/bench_metrics.py [--rows 1000000] [--repeat 3] [--budget-s 5] [--rebuild]

Builds (once, cached as bench/out/metrics-<rows>.sqlite3) an itam database: the listing benchmark's asset
generator (bench_listing.build: real-fleet distributions of categories, statuses, departments, locations,
purchase dates over eight years), upgraded to the current schema, then the lifecycle events those statuses
imply, inserted with executemany: a retirement (or a loss) for every asset out of use, dated between three
years after purchase and the build's "today", and its fate a few weeks later (sold → remarket with a price,
donated, recycled by a certified recycler with a weight, destroyed, harvested with RAM recovered,
redeployed for part of the in-stock fleet), plus life extensions with a fitted SSD for 2 % of the deployed
fleet. Sites get countries (CN, GB; Singapore has no shipped grid factor and falls back to WORLD).

Then times ``Services.metrics.compute`` for the last twelve months (every figure of a CSR report: snapshot,
arising, processing, pathways, parts, service life, use phase, value, purchases, governance, findings, the
index) and for one department, and the very same SQL statements with the same parameters (captured from
the product's cursor) through a plain sqlite3 connection, fetching every row. Prints the median of --repeat
runs after a warm-up and the ratio. Exits 1 when a product median is over --budget-s (5 s).
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import statistics
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from sqlalchemy import event  # noqa: E402

from bench_listing import TODAY, build  # noqa: E402
from itam.db import open_database  # noqa: E402
from itam.metrics.results import Period, Slice  # noqa: E402
from itam.models import Base  # noqa: E402
from itam.services import Actor, Services  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"
FATE = {"sold": ("remarket", "sell"), "donated": ("donate", "donate"), "recycled": ("recycle", "recycle"),
        "destroyed": ("destroy", "destroy"), "harvested": ("harvest", "harvest")}
OUT_OF_USE = ("retired", "awaiting_sanitization", "sanitized", "refurbishing", "in_transit", *FATE)


def build_metrics(path: Path, rows: int) -> None:
    base = OUT / f"listing-{rows}.sqlite3"
    if not base.exists():
        print(f"building the asset table ({base.name}) first")
        build(base, rows)
    t0 = time.perf_counter()
    tmp = path.with_suffix(".building")
    shutil.copyfile(base, tmp)
    db = open_database(f"sqlite:///{tmp}", backup=False)  # brings the schema to the current revision
    Base.metadata.create_all(db.engine)  # a listing file cached by an older build may lack later tables
    db.dispose()
    raw = sqlite3.connect(tmp)
    raw.execute("PRAGMA synchronous = OFF")
    raw.execute("PRAGMA journal_mode = MEMORY")
    raw.execute("DELETE FROM lifecycle_event_parts")
    raw.execute("DELETE FROM lifecycle_events")
    raw.execute("DELETE FROM party_certifications")
    raw.execute("DELETE FROM parties")
    raw.execute("INSERT INTO parties (id, name, kind, created_at) VALUES (1, 'GreenCycle', 'recycler', '2018-01-01 00:00:00'),"
                " (2, 'ReNew Devices', 'buyer', '2018-01-01 00:00:00')")
    raw.execute("INSERT INTO party_certifications (party_id, scheme, number) VALUES (1, 'e-Stewards', 'ES-1')")
    raw.execute("UPDATE locations SET country = CASE WHEN name LIKE 'London%' THEN 'GB' "
                "WHEN name LIKE 'Singapore%' THEN 'SG' ELSE 'CN' END")
    rng = random.Random(11)
    today = datetime.combine(TODAY, datetime.min.time())
    events: list[tuple] = []
    parts: list[tuple] = []
    next_id = 1

    def add(asset_id, transition, pathway, before, after, at, party=None, certified=0, weight=None, value=None):  # noqa: ANN001
        nonlocal next_id
        events.append((next_id, asset_id, transition, pathway, before, after, at.isoformat(" "), at.isoformat(" "),
                       "bench", party, certified, weight, value, "CNY" if value is not None else None,
                       *asset[:7], weight if weight is not None else asset[7]))
        next_id += 1
        return next_id - 1

    def flush() -> None:
        # Events are recorded as things happen: in the table they follow their dates, as in real use.
        order = sorted(range(len(events)), key=lambda i: events[i][6])
        renumber = {events[i][0]: n for n, i in enumerate(order, start=1)}
        events[:] = [(renumber[events[i][0]], *events[i][1:]) for i in order]
        parts[:] = [(renumber[p[0]], *p[1:]) for p in parts]
        raw.executemany(
            "INSERT INTO lifecycle_events (id, asset_id, transition, pathway, from_status, to_status, occurred_at, "
            "recorded_at, actor, party_id, certified, weight_kg, value, currency, category, manufacturer, model, "
            "department, location_id, purchase_date, data_bearing, mass_kg) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            events)
        raw.executemany("INSERT INTO lifecycle_event_parts (event_id, direction, kind, size_gb, quantity) "
                        "VALUES (?,?,?,?,1)", parts)
        events.clear()
        parts.clear()

    done = 0
    for asset_id, status, bought, weight, cost, *rest in raw.execute(
            "SELECT id, status, purchase_date, weight_kg, purchase_cost, category, manufacturer, model, department, "
            "location_id, purchase_date, data_bearing FROM assets ORDER BY id").fetchall():
        asset = (*rest, weight)
        bought_at = datetime.fromisoformat(bought)
        earliest = bought_at + timedelta(days=3 * 365)
        span = max((today - earliest).days, 1)
        retired = min(earliest + timedelta(days=rng.randrange(span), hours=12), today - timedelta(days=40)) \
            if earliest < today - timedelta(days=40) else bought_at + timedelta(days=(today - bought_at).days // 2)
        if status in OUT_OF_USE:
            add(asset_id, "retire", "retire", "deployed", "retired", retired)
            if status in FATE:
                pathway, transition = FATE[status]
                at = min(retired + timedelta(days=rng.randint(10, 60)), today)
                eid = add(asset_id, transition, pathway, "sanitized", status, at,
                          party=1 if pathway in ("recycle", "destroy") else 2 if pathway == "remarket" else None,
                          certified=int(pathway == "recycle"),
                          weight=round(weight * 0.98, 2) if weight and pathway == "recycle" else None,
                          value=round(cost * 0.15, 2) if pathway == "remarket" else None)
                if pathway == "harvest":
                    parts.append((eid, "recovered", "ram", 16.0))
        elif status in ("lost_stolen", "missing"):
            add(asset_id, "report_lost" if status == "lost_stolen" else "mark_missing",
                "lost" if status == "lost_stolen" else "missing", "deployed", status, retired)
        elif status == "in_stock" and rng.random() < 0.3:
            add(asset_id, "retire", "retire", "deployed", "retired", retired)
            add(asset_id, "redeploy", "redeploy", "retired", "deployed", min(retired + timedelta(days=20), today))
        elif status == "deployed" and rng.random() < 0.02:
            eid = add(asset_id, "extend_life", "life_extension", "in_repair", "deployed", retired)
            parts.append((eid, "fitted", "ssd", 512.0))
        done += 1
    flush()
    raw.execute("UPDATE assets SET out_of_service_at = (SELECT min(occurred_at) FROM lifecycle_events e WHERE "
                "e.asset_id = assets.id AND e.pathway IN ('retire', 'lost', 'missing')) "
                "WHERE status NOT IN ('in_stock', 'deployed', 'in_repair')")
    raw.commit()
    n = raw.execute("SELECT count(*) FROM lifecycle_events").fetchone()[0]
    raw.execute("ANALYZE")
    raw.commit()
    raw.close()
    tmp.replace(path)
    print(f"\n  built {path.name}: {n:,} lifecycle events in {time.perf_counter() - t0:.0f} s")


def run(path: Path, repeat: int, budget: float) -> int:
    db = open_database(f"sqlite:///{path}", upgrade=False, backup=False)
    services = Services(db, Actor("bench", "cli"))
    raw = sqlite3.connect(path)
    captured: list[tuple[str, tuple]] = []

    @event.listens_for(db.engine, "before_cursor_execute")
    def _capture(conn, cursor, statement, parameters, context, executemany):  # noqa: ANN001
        if statement.lstrip().upper().startswith("SELECT"):
            captured.append((statement, parameters))

    total = raw.execute("SELECT count(*) FROM assets").fetchone()[0]
    events = raw.execute("SELECT count(*) FROM lifecycle_events").fetchone()[0]
    period = Period(TODAY - timedelta(days=364), TODAY)
    options = services.metrics.options()
    print(f"{total:,} assets, {events:,} lifecycle events; period {period.label}")
    print(f"{'computation':<44} {'itam s':>8} {'raw s':>8} {'ratio':>6} {'statements':>10}")
    worst = 0.0
    for label, slice_ in (("all assets, last 12 months", Slice()), ("department Engineering", Slice(department="Engineering"))):
        captured.clear()
        m = services.metrics.compute(period, slice_, options=options)  # warm-up and capture
        statements = list(captured)
        times, raw_times = [], []
        for _ in range(repeat):
            t = time.perf_counter()
            services.metrics.compute(period, slice_, options=options)
            times.append(time.perf_counter() - t)
            t = time.perf_counter()
            for sql, params in statements:
                raw.execute(sql, params).fetchall()
            raw_times.append(time.perf_counter() - t)
        product, plain = statistics.median(times), statistics.median(raw_times)
        worst = max(worst, product)
        print(f"{label:<44} {product:8.2f} {plain:8.2f} {product / plain:6.2f} {len(statements):10d}", flush=True)
        print(f"    arising {m.arising_count:,}, processed {m.processed_count:,}, R_col {m.collection_rate_mass.value:.3f}, "
              f"R_rov {m.recovery_rate.value:.3f}, CO2e avoided {m.co2e_avoided['default']:,.0f} kg, "
              f"use phase {m.use_phase_kgco2e:,.0f} kg, index P {m.index.score if m.index else float('nan'):.3f}")
    raw.close()
    db.dispose()
    if worst > budget:
        print(f"over budget: {worst:.2f} s > {budget:g} s")
        return 1
    print(f"within {budget:g} s")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--budget-s", type=float, default=5.0)
    ap.add_argument("--rebuild", action="store_true")
    args = ap.parse_args()
    OUT.mkdir(exist_ok=True)
    path = OUT / f"metrics-{args.rows}.sqlite3"
    if args.rebuild or not path.exists():
        build_metrics(path, args.rows)
    return run(path, args.repeat, args.budget_s)


if __name__ == "__main__":
    sys.exit(main())
