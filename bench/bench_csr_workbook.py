"""CSR workbook speed: reports.csr_workbook.write_csr_workbook next to raw openpyxl (write-only) in the same run.

    .venv/bin/python bench/bench_csr_workbook.py [--assets 100000] [--repeat 3] [--language en] [--keep DIR]

Builds --assets synthetic AssetLine rows (deterministic: seeded; a real fleet's mix of categories, models,
departments, sites and pathways, some text that must be neutralised, some values and costs) and a FleetMetrics
computed by itam from a small demo database (60 assets, made in a temporary directory). Then, alternating
--repeat times, it times

(a) itam: write_csr_workbook(metrics, lines, path): every sheet (Summary with its KPIs, tables and three
    charts, Retirements by lever with its chart, Assets, Factors, Methodology, Index), number formats, column
    widths, frozen panes, auto-filter, neutralised text, the per-row CO2e formula, the temporary file and the
    rename;
(b) raw openpyxl: Workbook(write_only=True), one sheet, ws.append() of the very same Assets cells (the same
    values, the same labels, the same formulas as strings, no styles, no other sheet) and save.

Both write to files in the same temporary directory and iterate over the same list of lines. It prints the
wall-clock and CPU seconds of every run, the medians and their ratio; the target is itam / raw <= 1.5.
--keep DIR keeps the last workbook of each side there.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from openpyxl import Workbook

from itam.metrics.labels import category_name, label
from itam.metrics.results import AssetLine, FleetMetrics
from reports.csr_workbook import ASSET_COLUMNS, CREDITED, write_csr_workbook

# category: (share, embodied default, embodied high, kg, reference life, models)
CATEGORIES = {
    "laptop": (38, 181.0, 236.0, 1.65, 4, [("Lenovo", "ThinkPad T14 Gen 2"), ("Dell", "Latitude 5420"), ("HP", "EliteBook 840 G8"),
                                           ("Apple", "MacBook Pro 14"), ("Huawei", "MateBook 14")]),
    "desktop": (18, 249.0, 277.0, 5.3, 5, [("Dell", "OptiPlex 7090"), ("HP", "EliteDesk 800 G6 SFF"), ("Lenovo", "ThinkCentre M70q Gen 3")]),
    "monitor": (22, 65.0, 333.0, 5.7, 6, [("Dell", "P2422H"), ("HP", "E24 G4"), ("AOC", "24P2Q")]),
    "phone": (10, 53.0, 84.0, 0.17, 3, [("Apple", "iPhone 13"), ("Huawei", "Mate 50"), ("Xiaomi", "13")]),
    "tablet": (4, 71.0, 76.0, 0.73, 3, [("Apple", "iPad (9th generation)"), ("Huawei", "MatePad 11")]),
    "server": (3, 1200.0, 3660.0, 22.0, 4, [("Dell", "PowerEdge R740"), ("Inspur", "NF5280M6")]),
    "network": (5, 16.0, 36.0, 0.38, 4, [("Cisco", "Catalyst 9200-24P"), ("Huawei", "S5735-L24P4S-A")]),
}
PATHWAYS = {"retire": 40, "lost": 2, "missing": 3, "life_extension": 4, "redeploy": 12, "remarket": 14, "donate": 3,
            "refurbish": 4, "harvest": 3, "recycle": 12, "destroy": 3}
CHANNEL = {"life_extension": 1.0, "redeploy": 1.0, "refurbish": 1.0, "harvest": 1.0, "remarket": 0.71, "donate": 0.71}
PROCESS = {"refurbish": 0.05}
SECOND_LIFE = {"life_extension": 1.5, "redeploy": 2.0, "remarket": 2.5, "donate": 2.0, "refurbish": 3.0}
DEPARTMENTS = ["Engineering", "Sales", "Customer Support", "Operations", "Finance", "Marketing", "R&D 研发中心", "IT Operations",
               "Human Resources", "Logistics", "-Temp", "=Procurement"]
SITES = ["Shanghai HQ", "Beijing Office", "Shenzhen R&D Lab", "London Office", "SH-DC1 Data Centre", "Singapore"]
PARTIES = ["GreenCycle ITAD Ltd.", "EcoMetals Recycling Co.", "Second Life Devices", "+Buyer One", "Charity 希望工程", None]
START = date(2025, 1, 1)


def synthetic_lines(n: int, seed: int = 17) -> list[AssetLine]:
    rnd = random.Random(seed)
    cats = list(CATEGORIES)
    cat_weights = [CATEGORIES[c][0] for c in cats]
    paths = list(PATHWAYS)
    path_weights = list(PATHWAYS.values())
    out = []
    for i in range(1, n + 1):
        cat = rnd.choices(cats, cat_weights)[0]
        _share, e, eh, kg, life, models = CATEGORIES[cat]
        make, model = models[rnd.randrange(len(models))]
        pathway = rnd.choices(paths, path_weights)[0]
        occurred = START + timedelta(days=rnd.randrange(365))
        bought = occurred - timedelta(days=rnd.randrange(700, 2500)) if rnd.random() < 0.95 else None
        default_mass = rnd.random() < 0.1
        mass = kg if default_mass else round(kg * rnd.uniform(0.9, 1.1), 2)
        s = d = p = parts = credit = 0.0
        if pathway in CREDITED and pathway != "harvest":
            s = min(1.0, SECOND_LIFE[pathway] / life)
            d = CHANNEL[pathway]
            p = PROCESS.get(pathway, 0.02)
        if pathway in CREDITED:
            parts = 27.0 if rnd.random() < 0.05 else 0.0
            credit = e * s * d - p * e - parts
        sale = pathway in ("remarket", "harvest")
        value = Decimal(rnd.randrange(5000, 400000)) / 100 if sale else None
        cost = Decimal(rnd.randrange(1000, 9000)) / 100 if pathway in ("recycle", "destroy", "refurbish") else None
        model_text = '=HYPERLINK("http://x","y")' if i % 5000 == 0 else model
        out.append(AssetLine(
            asset_id=i, asset_tag=f"IT-{i:07d}", serial=f"SN{rnd.getrandbits(40):010X}", category=cat, manufacturer=make,
            model=model_text, department=rnd.choice(DEPARTMENTS), location=rnd.choice(SITES), purchase_date=bought,
            retired_at=occurred if pathway != "life_extension" else None, pathway=pathway, transition=pathway,
            occurred_at=occurred, mass_kg=mass, mass_is_default=default_mass, embodied_kgco2e=e, embodied_kgco2e_high=eh,
            displacement=d, life_share=s, process_share=p, parts_kgco2e=parts, co2e_avoided=credit, value=value,
            cost=cost, currency=("CNY" if rnd.random() < 0.8 else "GBP") if (value or cost) else None,
            party=rnd.choice(PARTIES) if pathway in ("remarket", "donate", "recycle", "destroy", "harvest") else None,
        ))
    return out


def demo_metrics(work: Path) -> FleetMetrics:
    """FleetMetrics computed by itam over a small demo fleet (the Summary side of the workbook)."""
    os.environ["ITAM_DATA_DIR"] = str(work / "data")
    from itam.db import open_database
    from itam.metrics.fleet import parse_period
    from itam.services import Actor, Services
    from itam.services.demo import generate_demo

    db = open_database(f"sqlite:///{work / 'demo.sqlite3'}")
    try:
        services = Services(db, Actor("bench", "cli"))
        generate_demo(services, count=60)
        return services.metrics.compute(parse_period("2015-01-01", date.today()))
    finally:
        db.dispose()


def raw_openpyxl(lines: list[AssetLine], path: Path, language: str = "en") -> None:
    """The same Assets cells with plain openpyxl write-only: values, labels and formula strings, no styles."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Assets")
    ws.append([key for key, _w, _f in ASSET_COLUMNS])
    cats: dict[str, str] = {}
    paths: dict[str, str] = {}
    yes, no = "yes", "no"
    for row, line in enumerate(lines, start=2):
        cat = cats.get(line.category) or cats.setdefault(line.category, category_name(line.category, language))
        way = paths.get(line.pathway) or paths.setdefault(line.pathway, label(line.pathway, language))
        ws.append([
            line.asset_id, line.asset_tag, line.serial, cat, line.manufacturer, line.model, line.department,
            line.location, line.purchase_date, line.retired_at, way, line.occurred_at, line.mass_kg,
            yes if line.mass_is_default else no, line.embodied_kgco2e, line.embodied_kgco2e_high, line.displacement,
            line.life_share, line.process_share, line.parts_kgco2e,
            f"=O{row}*R{row}*Q{row}-S{row}*O{row}-T{row}" if line.pathway in CREDITED else 0,
            line.co2e_avoided, line.value, line.cost, line.currency, line.party,
        ])
    wb.save(path)


@dataclass(frozen=True)
class Timing:
    wall: float
    cpu: float


def timed(fn, *args, **kw) -> Timing:
    w, c = time.perf_counter(), time.process_time()
    fn(*args, **kw)
    return Timing(time.perf_counter() - w, time.process_time() - c)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--assets", type=int, default=100_000, help="asset lines (default 100000)")
    ap.add_argument("--repeat", type=int, default=3, help="alternating runs of each side (default 3)")
    ap.add_argument("--language", default="en", choices=("en", "zh_CN"))
    ap.add_argument("--keep", type=Path, metavar="DIR", help="keep the last workbook of each side in DIR")
    args = ap.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="itam-bench-csr-"))
    try:
        t0 = time.perf_counter()
        metrics = demo_metrics(work)
        lines = synthetic_lines(args.assets)
        print(f"CSR workbook, {args.assets:,} asset lines, language {args.language} "
              f"(data built in {time.perf_counter() - t0:.1f} s; {os.cpu_count()} CPUs)")
        ours_path, raw_path = work / "itam.xlsx", work / "raw.xlsx"
        # Warm imports and caches on both sides.
        write_csr_workbook(metrics, lines[:200], ours_path, language=args.language)
        raw_openpyxl(lines[:200], raw_path, args.language)

        raws: list[Timing] = []
        ours: list[Timing] = []
        for i in range(args.repeat):
            raws.append(timed(raw_openpyxl, lines, raw_path, args.language))
            ours.append(timed(write_csr_workbook, metrics, lines, ours_path, language=args.language,
                              organisation_name="Acme Circular IT Ltd."))
            print(f"  run {i + 1}: raw openpyxl {raws[-1].wall:6.2f} s wall {raws[-1].cpu:6.2f} s CPU | "
                  f"itam {ours[-1].wall:6.2f} s wall {ours[-1].cpu:6.2f} s CPU | "
                  f"ratio {ours[-1].wall / raws[-1].wall:5.2f}x wall")
        raw_wall = statistics.median(t.wall for t in raws)
        raw_cpu = statistics.median(t.cpu for t in raws)
        our_wall = statistics.median(t.wall for t in ours)
        our_cpu = statistics.median(t.cpu for t in ours)
        print(f"    raw openpyxl write-only (Assets cells only) : {raw_wall:7.2f} s wall {raw_cpu:7.2f} s CPU  "
              f"({raw_path.stat().st_size / 1e6:.1f} MB)")
        print(f"    itam write_csr_workbook (every sheet)       : {our_wall:7.2f} s wall {our_cpu:7.2f} s CPU  "
              f"({ours_path.stat().st_size / 1e6:.1f} MB)")
        ratio = our_wall / raw_wall
        print(f"    ratio itam / raw (medians)                  : {ratio:7.2f}x wall {our_cpu / raw_cpu:6.2f}x CPU  "
              f"(target 1.5x)")
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            shutil.copy(ours_path, args.keep / "bench-csr-itam.xlsx")
            shutil.copy(raw_path, args.keep / "bench-csr-raw.xlsx")
            print(f"wrote {args.keep / 'bench-csr-itam.xlsx'} and {args.keep / 'bench-csr-raw.xlsx'}")
        return 0 if ratio <= 1.5 else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
