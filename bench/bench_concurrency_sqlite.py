"""Several processes on one SQLite file with a mixed workload: no "database is locked", no lost update (issue 7).

    .venv/bin/python bench/bench_concurrency_sqlite.py [--seconds 120] [--processes 4] [--json]

Sets up one SQLite inventory (a fleet of 2,000 assets from a CSV import, 24 assets that the workers move
back and forth, 12 assets with verified sanitization records, the organisation and its signing key), then
starts --processes separate Python processes (each its own interpreter, engine and connections, like
itam windows and commands on one workstation) that, released together, run for --seconds a mix of:

* read   (50 %): a listing page with a search term or a status filter, and its count;
* move   (25 %): one of the shared assets to its other status (in stock <-> deployed), after reading which it is
                 in; another process may move it first, and then the service refuses the move (a "conflict",
                 which is the right answer, not an error);
* import (15 %): a CSV of 20 new assets (all or nothing);
* cert   (10 %): a certificate of sanitization for one of the 12 assets, written to a PDF file.

Every error is counted; one whose message is SQLite's "database is locked" (or a DatabaseLockedError) is what
must never reach a user. Afterwards the invariants are checked from the file: PRAGMA integrity_check; every hash
chain verifies; for each shared asset, its history holds exactly the moves the workers were told succeeded, in
an order that alternates (a lost update would show as two moves from the same status) and ending in its current
status; every successful import is there with its 20 rows and no other; certificate numbers are unique and
gapless, as many as were issued, and every PDF written is byte for byte the one stored.

Exit status 0 when there was no locked error, no unexpected error and every invariant holds.

--raw runs the baseline instead: the same mix and the same number of processes on plain ``sqlite3`` as most
programs use it (its defaults: deferred transactions, a 5 s timeout, WAL, no retries), on tables of its own —
a LIKE listing and its count; read a status and update it in one transaction, with a log row; 20 inserts;
read and bump a counter, "render" for 0.2 s and store a row — counting the "database is locked" errors it gets.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FLIP = 24  # few enough that processes often race for the same asset
CERTIFIABLE = 12
FLEET = 2000
IMPORT_ROWS = 20
MIX = (("read", 50), ("move", 25), ("import", 15), ("cert", 10))
SEARCHES = ("ThinkPad", "SNFLEET0001", "Lenovo", "FLIP-001", "Latitude")


# --- set-up ------------------------------------------------------------------------------------------------
def _write_csv(path: Path, prefix: str, rows: int, model: str = "ThinkPad T14") -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["asset_tag", "serial", "category", "manufacturer", "model", "location"])
        for i in range(rows):
            w.writerow([f"{prefix}-{i:04d}", f"SN{prefix}{i:05d}", "laptop", "Lenovo" if i % 3 else "Dell",
                        model if i % 3 else "Latitude 5440", f"Site {i % 5}"])
    return path


def setup(work: Path) -> Path:
    from itam.db import open_database
    from itam.services import Actor, Services
    from itam.services.sanitization import WipeEntry

    db_path = work / "itam.sqlite3"
    db = open_database(f"sqlite:///{db_path}", backup=False)
    sv = Services(db, Actor("bench-setup", "cli"))
    sv.transfer.apply_import(_write_csv(work / "fleet.csv", "FLEET", FLEET))
    sv.transfer.apply_import(_write_csv(work / "flip.csv", "FLIP", FLIP))
    sv.organisation.update(name="Acme Circular IT Ltd.", address="12 Harbour Road, Shanghai", email="ops@acme.example")
    for i in range(CERTIFIABLE):
        tag = f"CERT-{i:02d}"
        sv.assets.create({"asset_tag": tag, "serial": f"PC{i:04d}", "category": "laptop", "manufacturer": "Lenovo",
                          "model": "ThinkPad T14"},
                         media=[{"media_type": "nvme", "serial": f"NV{i:04d}", "manufacturer": "Samsung", "model": "PM9A1"}])
        sv.lifecycle.move(tag, "retired", reason="refresh")
        sv.sanitization.record(tag, sv.assets.get(tag).media[0].id, WipeEntry(
            category="purge", technique="nvme_sanitize", tool_label="Sanitize Crypto Erase", result="pass",
            ended_at=datetime(2026, 11, 20, 6, 5), verification="full", verification_result="pass",
            operator="Wang Lei", verifier="Li Na", destination="external_reuse"))
    sv.certificates.signer()  # created once, as after the first certificate on any installation
    db.dispose()
    return db_path


# --- one worker process ------------------------------------------------------------------------------------
def _is_locked(exc: BaseException) -> bool:
    from itam.errors import DatabaseLockedError

    return isinstance(exc, DatabaseLockedError) or "database is locked" in str(exc).lower() or "locked" in str(exc).lower()


def worker(ident: int, db_path: Path, seconds: float, work: Path) -> dict:
    from itam.db import open_database
    from itam.errors import ItamError, TransitionError
    from itam.services import Actor, AssetQuery, Services

    rng = random.Random(1000 + ident)
    db = open_database(f"sqlite:///{db_path}", backup=False)
    sv = Services(db, Actor(f"worker-{ident}", "cli"))
    certs = work / "certs"
    imports = work / "imports"
    report: dict = {"worker": ident, "ops": defaultdict(int), "latency": defaultdict(list), "conflicts": 0,
                    "locked": [], "errors": [], "moves": [], "imports": [], "certificates": []}
    print("ready", flush=True)
    sys.stdin.readline()  # released together with the others
    deadline = time.monotonic() + seconds
    kinds = [k for k, _ in MIX]
    weights = [w for _, w in MIX]
    n = 0
    while time.monotonic() < deadline:
        kind = rng.choices(kinds, weights)[0]
        n += 1
        started = time.perf_counter()
        try:
            if kind == "read":
                if rng.random() < 0.5:
                    q = AssetQuery(search=rng.choice(SEARCHES), limit=50)
                else:
                    q = AssetQuery(status=rng.choice(("in_stock", "deployed")), limit=50, sort="serial")
                sv.assets.list(q)
                sv.assets.count(q)
            elif kind == "move":
                tag = f"FLIP-{rng.randrange(FLIP):04d}"
                current = sv.assets.get(tag, with_history=False).status
                target = "deployed" if current == "in_stock" else "in_stock"
                try:
                    sv.lifecycle.move(tag, target, reason=f"bench {ident}/{n}")
                    report["moves"].append([tag, current, target])
                except TransitionError:
                    report["conflicts"] += 1  # someone moved it since we looked: refused, nothing lost
            elif kind == "import":
                prefix = f"W{ident}N{n:05d}"
                path = _write_csv(imports / f"{prefix}.csv", prefix, IMPORT_ROWS, model="ThinkPad X1")
                result = sv.transfer.apply_import(path)
                report["imports"].append([prefix, result.created])
                path.unlink()
            else:
                out = certs / f"w{ident}-{n:05d}.pdf"
                issued, _ = sv.certificates.issue_sanitization(f"CERT-{rng.randrange(CERTIFIABLE):02d}", output=out)
                report["certificates"].append([issued.number, str(out)])
        except ItamError as exc:
            (report["locked"] if _is_locked(exc) else report["errors"]).append(f"{kind}: {exc}")
            continue
        except Exception as exc:  # noqa: BLE001 - a bench counts everything
            (report["locked"] if _is_locked(exc) else report["errors"]).append(f"{kind}: {type(exc).__name__}: {exc}")
            continue
        report["ops"][kind] += 1
        report["latency"][kind].append(time.perf_counter() - started)
    db.dispose()
    return report


# --- the baseline: plain sqlite3 --------------------------------------------------------------------------
def raw_setup(work: Path) -> Path:
    path = work / "raw.sqlite3"
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode = WAL")
    con.executescript("""
        CREATE TABLE items (id INTEGER PRIMARY KEY, tag TEXT UNIQUE, model TEXT, status TEXT);
        CREATE INDEX items_model ON items (model);
        CREATE TABLE moves (id INTEGER PRIMARY KEY, tag TEXT, before TEXT, after TEXT);
        CREATE TABLE counter (series TEXT PRIMARY KEY, last INTEGER);
        CREATE TABLE certs (number TEXT PRIMARY KEY, body BLOB);
        INSERT INTO counter VALUES ('DS', 0);
    """)
    con.executemany("INSERT INTO items (tag, model, status) VALUES (?, ?, 'in_stock')",
                    [(f"FLEET-{i:04d}", "ThinkPad T14" if i % 3 else "Latitude 5440") for i in range(FLEET)]
                    + [(f"FLIP-{i:04d}", "ThinkPad T14") for i in range(FLIP)])
    con.commit()
    con.close()
    return path


def raw_worker(ident: int, db_path: Path, seconds: float) -> dict:
    rng = random.Random(1000 + ident)
    con = sqlite3.connect(db_path)  # the module's defaults: deferred transactions, timeout 5 s
    report: dict = {"worker": ident, "ops": defaultdict(int), "latency": defaultdict(list), "conflicts": 0,
                    "locked": [], "errors": [], "moves": [], "imports": [], "certificates": []}
    print("ready", flush=True)
    sys.stdin.readline()
    deadline = time.monotonic() + seconds
    kinds = [k for k, _ in MIX]
    weights = [w for _, w in MIX]
    n = 0
    while time.monotonic() < deadline:
        kind = rng.choices(kinds, weights)[0]
        n += 1
        started = time.perf_counter()
        try:
            if kind == "read":
                term = f"%{rng.choice(SEARCHES)}%"
                con.execute("SELECT id, tag FROM items WHERE tag LIKE ? OR model LIKE ? ORDER BY tag LIMIT 50",
                            (term, term)).fetchall()
                con.execute("SELECT count(*) FROM items WHERE tag LIKE ? OR model LIKE ?", (term, term)).fetchone()
            elif kind == "move":
                tag = f"FLIP-{rng.randrange(FLIP):04d}"
                con.execute("BEGIN")
                (current,) = con.execute("SELECT status FROM items WHERE tag = ?", (tag,)).fetchone()
                target = "deployed" if current == "in_stock" else "in_stock"
                con.execute("UPDATE items SET status = ? WHERE tag = ?", (target, tag))
                con.execute("INSERT INTO moves (tag, before, after) VALUES (?, ?, ?)", (tag, current, target))
                con.commit()
            elif kind == "import":
                prefix = f"W{ident}N{n:05d}"
                con.executemany("INSERT INTO items (tag, model, status) VALUES (?, 'ThinkPad X1', 'in_stock')",
                                [(f"{prefix}-{i:04d}",) for i in range(IMPORT_ROWS)])
                con.commit()
            else:
                con.execute("BEGIN")
                (last,) = con.execute("SELECT last FROM counter WHERE series = 'DS'").fetchone()
                time.sleep(0.2)  # rendering and signing the PDF, inside the transaction as itam does
                con.execute("UPDATE counter SET last = ? WHERE series = 'DS'", (last + 1,))
                con.execute("INSERT INTO certs VALUES (?, ?)", (f"DS-{last + 1:06d}", b"%PDF"))
                con.commit()
        except sqlite3.OperationalError as exc:
            if con.in_transaction:
                con.rollback()
            (report["locked"] if "locked" in str(exc) or "busy" in str(exc) else report["errors"]).append(f"{kind}: {exc}")
            continue
        report["ops"][kind] += 1
        report["latency"][kind].append(time.perf_counter() - started)
    con.close()
    return report


# --- checking the result -----------------------------------------------------------------------------------
def check(db_path: Path, reports: list[dict]) -> list[str]:
    from itam.db import open_database
    from itam.services import Actor, Services

    problems: list[str] = []
    con = sqlite3.connect(db_path)
    try:
        if con.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
            problems.append("PRAGMA integrity_check is not ok")
        # Moves: the history of each shared asset against what the workers were told.
        told: dict[str, int] = defaultdict(int)
        for r in reports:
            for tag, _, _ in r["moves"]:
                told[tag] += 1
        rows = con.execute(
            "SELECT a.asset_tag, h.changes FROM history h JOIN assets a ON a.id = h.asset_id "
            "WHERE a.asset_tag LIKE 'FLIP-%' AND h.action = 'transition' ORDER BY h.seq").fetchall()
        seen: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for tag, changes in rows:
            before, after = json.loads(changes)["status"]
            seen[tag].append((before, after))
        status = dict(con.execute("SELECT asset_tag, status FROM assets WHERE asset_tag LIKE 'FLIP-%'"))
        for tag, now in status.items():
            moves = seen.get(tag, [])
            if len(moves) != told.get(tag, 0):
                problems.append(f"{tag}: {told.get(tag, 0)} moves reported, {len(moves)} in its history")
            expected = "in_stock"
            for before, after in moves:
                if before != expected:
                    problems.append(f"{tag}: a move from {before} when it was {expected} (a lost update)")
                expected = after
            if now != expected:
                problems.append(f"{tag}: status {now}, its history ends in {expected}")
        # Imports: each reported one whole, nothing else.
        done = {prefix: created for r in reports for prefix, created in r["imports"]}
        counts = dict(con.execute("SELECT substr(asset_tag, 1, instr(asset_tag, '-') - 1), count(*) FROM assets "
                                  "WHERE asset_tag LIKE 'W%N%-%' GROUP BY 1"))
        if counts != {p: IMPORT_ROWS for p in done} or any(c != IMPORT_ROWS for c in done.values()):
            problems.append(f"imports: {len(done)} reported, {len(counts)} in the inventory or not whole")
        # Certificates: unique, gapless, each file the stored PDF.
        stored = dict(con.execute("SELECT number, pdf_sha256 FROM certificates"))
        issued = [(number, path) for r in reports for number, path in r["certificates"]]
        numbers = sorted(number for number, _ in issued)
        if numbers != [f"DS-{i:06d}" for i in range(1, len(numbers) + 1)] or sorted(stored) != numbers:
            problems.append(f"certificate numbers not unique and gapless: {len(numbers)} issued, {len(stored)} stored")
        for number, path in issued:
            if hashlib.sha256(Path(path).read_bytes()).hexdigest() != stored.get(number):
                problems.append(f"{path} is not the PDF stored as {number}")
    finally:
        con.close()
    db = open_database(f"sqlite:///{db_path}", backup=False)
    try:
        sv = Services(db, Actor("bench-check", "cli"))
        if not sv.audit.verify().ok:
            problems.append("the history chain does not verify")
        for name, rep in sv.audit.verify_ledgers().items():
            if not rep.ok:
                problems.append(f"the {name} chain does not verify")
    finally:
        db.dispose()
    return problems


# --- the run -----------------------------------------------------------------------------------------------
def run(seconds: float, processes: int, work: Path, *, raw: bool = False) -> dict:
    (work / "certs").mkdir(parents=True, exist_ok=True)
    (work / "imports").mkdir(parents=True, exist_ok=True)
    os.environ["ITAM_DATA_DIR"] = str(work / "data")  # the signing key and logs of this run only, never the user's
    t0 = time.perf_counter()
    db_path = raw_setup(work) if raw else setup(work)
    setup_s = time.perf_counter() - t0
    env = dict(os.environ)
    env.pop("ITAM_TEST_CRASH_AT", None)
    procs = []
    for i in range(processes):
        out = work / f"worker-{i}.json"
        procs.append((subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--worker", str(i), "--db", str(db_path),
             "--seconds", str(seconds), "--work", str(work), "--out", str(out), *(["--raw"] if raw else [])],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT), out))
    for p, _ in procs:
        line = p.stdout.readline().strip()
        if line != "ready":
            raise SystemExit(f"a worker did not start: {line!r}")
    for p, _ in procs:  # go
        p.stdin.write("go\n")
        p.stdin.flush()
    for p, _ in procs:
        p.wait(seconds + 300)
        p.stdin.close()
        p.stdout.close()
        if p.returncode:
            raise SystemExit(f"a worker failed with exit status {p.returncode}")
    reports = [json.loads(out.read_text(encoding="utf-8")) for _, out in procs]
    problems = [] if raw else check(db_path, reports)
    ops: dict[str, int] = defaultdict(int)
    latency: dict[str, list[float]] = defaultdict(list)
    for r in reports:
        for k, v in r["ops"].items():
            ops[k] += v
        for k, v in r["latency"].items():
            latency[k] += v
    summary = {
        "mode": "raw sqlite3" if raw else "itam", "seconds": seconds, "processes": processes, "setup_s": round(setup_s, 1),
        "ops": dict(ops), "ops_per_s": {k: round(v / seconds, 1) for k, v in ops.items()},
        "total_ops_per_s": round(sum(ops.values()) / seconds, 1),
        "latency_ms": {k: {"p50": round(statistics.median(v) * 1000, 1),
                           "p95": round(sorted(v)[int(0.95 * (len(v) - 1))] * 1000, 1),
                           "max": round(max(v) * 1000, 1)} for k, v in latency.items() if v},
        "conflicts_refused": sum(r["conflicts"] for r in reports),
        "locked_errors": sum(len(r["locked"]) for r in reports),
        "other_errors": sum(len(r["errors"]) for r in reports),
        "error_samples": [e for r in reports for e in (r["locked"] + r["errors"])][:10],
        "moves": sum(len(r["moves"]) for r in reports),
        "imports": sum(len(r["imports"]) for r in reports),
        "certificates": sum(len(r["certificates"]) for r in reports),
        "problems": problems,
    }
    summary["ok"] = not summary["locked_errors"] and not summary["other_errors"] and not problems
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=120.0)
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument("--raw", action="store_true", help="the baseline: the same mix on plain sqlite3")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temporary one)")
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker is not None:
        report = (raw_worker(args.worker, args.db, args.seconds) if args.raw
                  else worker(args.worker, args.db, args.seconds, args.work))
        args.out.write_text(json.dumps(report), encoding="utf-8")
        return 0
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        summary = run(args.seconds, args.processes, args.keep, raw=args.raw)
    else:
        with tempfile.TemporaryDirectory(prefix="itam-bench-conc-") as tmp:
            summary = run(args.seconds, args.processes, Path(tmp), raw=args.raw)
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        print(f"{summary['mode']}: {args.processes} processes on one SQLite file for {args.seconds:g} s "
              f"(set-up {summary['setup_s']} s)")
        for kind, _ in MIX:
            lat = summary["latency_ms"].get(kind, {})
            print(f"  {kind:<7} {summary['ops'].get(kind, 0):>7} ops  {summary['ops_per_s'].get(kind, 0):>7}/s  "
                  f"p50 {lat.get('p50', '-')} ms  p95 {lat.get('p95', '-')} ms  max {lat.get('max', '-')} ms")
        print(f"  total {summary['total_ops_per_s']}/s; moves refused as conflicts: {summary['conflicts_refused']}")
        print(f"  'database is locked' reaching the caller: {summary['locked_errors']}; other errors: {summary['other_errors']}")
        for e in summary["error_samples"]:
            print(f"    {e}")
        if not args.raw:
            print(f"  invariants: {'all hold' if not summary['problems'] else ''}")
        for p in summary["problems"]:
            print(f"    {p}")
    return 0 if summary["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
