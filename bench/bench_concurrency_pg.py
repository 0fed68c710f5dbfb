"""Eight workstations on one PostgreSQL inventory at once: throughput, and proof that nothing was lost.

    .venv/bin/python bench/bench_concurrency_pg.py [--clients 8] [--seconds 120] [--baseline-seconds S]
        [--mix read=45,move=22,edit=15,import=8,cert=10] [--url postgresql+psycopg://…]

Starts its own PostgreSQL (Debian's packages; a temporary cluster on 127.0.0.1, fsync off, as the test suite
does: tests/pg.py) unless --url names a server, migrates an empty database, prepares a few shared assets,
then runs --clients processes for --seconds, each looping over a mixed workload (tests/mixed_workload.py):
listings, searches and details; lifecycle moves and version-checked edits of the same shared assets;
small CSV imports; certificates of sanitization from one numbering series. Afterwards it checks from the
database that no update was lost or overwritten (each success has its own version of the asset; the history
replays exactly those, once each), that every import landed exactly once and that certificate numbers run
without gap or duplicate; it exits 1 when any check fails.

Baseline: the same operations by a single client (--baseline-seconds, default a quarter of --seconds; 0 to
skip): how much the team gets done together against one person alone. A sampler reports what the clients'
server sessions were doing on average (running a statement, queued for the writers' lock, waiting for a row
lock such as the certificate series counter, idle while the client computes).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests import mixed_workload as wl  # noqa: E402
from tests.pg import TempPostgres  # noqa: E402


class WaitSampler(threading.Thread):
    """Every 0.2 s, what the clients' server sessions are doing (pg_stat_activity): running a statement,
    waiting for the writers' queue (the advisory lock), for a row lock (the certificate counter), or idle."""

    def __init__(self, url: str):
        super().__init__(daemon=True)
        self.url, self.stop, self.samples = make_url(url), threading.Event(), Counter()
        self.n = 0

    def run(self) -> None:
        import psycopg

        u = self.url
        with psycopg.connect(host=u.host, port=u.port, user=u.username, password=u.password, dbname=u.database,
                             autocommit=True) as conn:
            while not self.stop.wait(0.2):
                rows = conn.execute(
                    "SELECT state, wait_event_type, wait_event FROM pg_stat_activity "
                    "WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()"
                ).fetchall()
                self.n += 1
                for state, wtype, wevent in rows:
                    if wtype == "Lock" and wevent == "advisory":
                        self.samples["queued for the write lock"] += 1
                    elif wtype == "Lock":
                        self.samples["waiting for a row lock"] += 1
                    elif state == "active":
                        self.samples["running a statement"] += 1
                    elif state == "idle in transaction":
                        self.samples["in a transaction, client working"] += 1
                    else:
                        self.samples["idle (client working or between transactions)"] += 1

    def summary(self) -> str:
        return "; ".join(f"{k} {v / max(self.n, 1):.2f}" for k, v in self.samples.most_common())


def _run(url_for_new_db, data_root: Path, clients: int, seconds: float, seed: int, mix: dict) -> tuple:  # noqa: ANN001
    url = url_for_new_db()
    data_dir = tempfile.mkdtemp(prefix="data-", dir=data_root)
    plan = wl.prepare(url, data_dir)
    sampler = WaitSampler(url)
    sampler.start()
    started = time.perf_counter()
    reports = wl.run_clients(plan, clients, seconds, seed=seed, weights=mix)
    wall = time.perf_counter() - started
    sampler.stop.set()
    sampler.join()
    findings = wl.check(plan, reports)
    return reports, findings, wall, sampler


def _print(title: str, reports, findings, seconds: float, sampler) -> None:  # noqa: ANN001
    lat = wl.latency_summary(reports)
    print(f"\n{title}")
    print(f"{'operation':<8} {'done':>7} {'per s':>8} {'median ms':>10} {'p95 ms':>8}")
    total = 0
    for op in wl.OPERATIONS:
        done = findings.totals.get(op, 0)
        total += done
        med, p95, _ = lat.get(op, (0.0, 0.0, 0))
        print(f"{op:<8} {done:>7} {done / seconds:>8.1f} {med:>10.1f} {p95:>8.1f}")
    print(f"{'all':<8} {total:>7} {total / seconds:>8.1f}")
    cpu = sum(r.cpu for r in reports)
    print(f"client CPU: {cpu:.1f} s in all, {1000 * cpu / max(total, 1):.1f} ms per operation "
          f"(the server's own CPU not included)")
    print(f"server sessions of the clients, on average: {sampler.summary()}")
    print(f"moves refused (asset moved by another client first): {findings.refused}; "
          f"edits refused as conflicts (changed since opened): {findings.conflicts}")
    print(f"certificates issued: {findings.certificates}; history entries written: {findings.history_entries}")
    if findings.ok:
        print("checks: no lost or overwritten update, every import once, certificate numbers gapless and unique, "
              "chains verify")
    else:
        print("CHECKS FAILED:")
        for p in findings.problems[:40]:
            print("  -", p)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=120.0)
    ap.add_argument("--baseline-seconds", type=float, default=None, help="single-client run (default: --seconds / 4)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--url", help="an existing empty PostgreSQL database instead of a temporary server")
    ap.add_argument("--mix", default=",".join(f"{k}={v}" for k, v in wl.DEFAULT_WEIGHTS.items()),
                    help="relative weights of the operations (default %(default)s)")
    args = ap.parse_args()
    mix = {k: int(v) for k, v in (part.split("=") for part in args.mix.split(","))}
    if set(mix) - set(wl.OPERATIONS) or not any(mix.values()):
        ap.error(f"--mix takes weights for {', '.join(wl.OPERATIONS)}")
    baseline = args.seconds / 4 if args.baseline_seconds is None else args.baseline_seconds

    with tempfile.TemporaryDirectory(prefix="itam-bench-pg-") as tmp:
        root = Path(tmp)
        server = None
        if args.url:
            urls = iter([args.url, args.url])
            new_db = lambda: next(urls)  # noqa: E731
            if baseline:
                print("--url given: the single-client baseline needs a second database and is skipped")
                baseline = 0
        else:
            server = TempPostgres().start()
            print(f"PostgreSQL {server.admin('SHOW server_version')[0][0]} on 127.0.0.1:{server.port} "
                  f"(temporary, fsync off)")
            new_db = lambda: server.url(server.create_database())  # noqa: E731
        try:
            print(f"{os.cpu_count()} CPUs (load average {os.getloadavg()[0]:.1f} before the run); "
                  f"{args.clients} clients for {args.seconds:.0f} s")
            print(f"mix: {', '.join(f'{k} {v}' for k, v in mix.items())}")
            reports, findings, wall, sampler = _run(new_db, root, args.clients, args.seconds, args.seed, mix)
            print(f"load average after the run: {os.getloadavg()[0]:.1f}")
            _print(f"{args.clients} clients, {args.seconds:.0f} s (wall {wall:.1f} s with process start-up)",
                   reports, findings, args.seconds, sampler)
            ok = findings.ok
            if baseline:
                b_reports, b_findings, _, b_sampler = _run(new_db, root, 1, baseline, args.seed + 1, mix)
                _print(f"baseline: 1 client, {baseline:.0f} s", b_reports, b_findings, baseline, b_sampler)
                ok = ok and b_findings.ok
                team = sum(findings.totals.values()) / args.seconds
                alone = sum(b_findings.totals.values()) / baseline
                print(f"\nthroughput {args.clients} clients / 1 client: {team / alone:.2f}x")
        finally:
            if server is not None:
                server.stop()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
