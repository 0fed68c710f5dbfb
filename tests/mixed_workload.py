"""A mixed multi-client workload over one shared database, and the checks that nothing was lost.

Used by bench/bench_concurrency_pg.py (8 clients, 2 minutes) and tests/itam/test_postgresql.py (4 clients,
a few seconds). Each client is a separate process with its own engine, acting as its own user; it runs each
operation once, then loops until the deadline over a weighted mix of what a team does at once:

* ``read``   — a filtered listing, a free-text search and one asset's details;
* ``move``   — a lifecycle transition (deploy, send to repair, extend life, return to stock) on one of a few
  shared assets that every client moves, chosen from the status the client has just read;
* ``edit``   — an edit of a shared asset's notes with the version the client opened (as the GUI does): a
  change saved meanwhile by someone else is refused with ConcurrentEditError ("conflict"), never overwritten;
* ``import`` — a small CSV import of new assets;
* ``cert``   — a certificate of data sanitization for one of a few wiped assets (one series, so all clients
  draw numbers from the same counter).

A move or edit that the database refuses because another client changed the asset first is counted
("refused", "conflict"), not an error. Afterwards :func:`check` proves from the database alone that:

* every successful move and edit got its own version of the asset: the versions the clients were given are
  unique and, with the asset's final version, contiguous (no write lost, none overwritten, none unaccounted);
* the history has exactly one entry per successful move and edit, and replays: each entry's "before" is the
  previous entry's "after", and the asset's final status and notes are the last "after";
* every imported asset exists exactly once and no other new asset does;
* certificate numbers are DS-000001 … DS-N without gap or duplicate, N = the certificates issued;
* the history and the certificate ledgers verify.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import tempfile
import time
import traceback
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

OPERATIONS = ("read", "move", "edit", "import", "cert")
DEFAULT_WEIGHTS = {"read": 45, "move": 22, "edit": 15, "import": 8, "cert": 10}
#: The next status of a shared asset, from the one the client read (each a transition in lifecycle.toml).
NEXT = {"in_stock": ("deployed", "in_repair"), "deployed": ("in_repair", "in_stock"),
        "in_repair": ("deployed", "in_stock")}
SEARCH_TERMS = ("thinkpad", "SH-00", "latitude", "IMP-", "fin-", "00:1b", "nothing-matches-this")
ISSUER = "GreenCycle ITAD"


@dataclass
class Plan:
    url: str
    data_dir: str
    shared: list[str]
    wiped: list[str]
    start_seq: int
    start_versions: dict[str, int]
    start_assets: int
    start_certificates: int


@dataclass
class ClientReport:
    client: int
    done: Counter = field(default_factory=Counter)  # successful operations by kind
    refused: int = 0  # moves refused because another client had moved the asset first
    conflicts: int = 0  # edits refused: the asset changed since the client opened it
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    versions: list[tuple[str, int, str, str]] = field(default_factory=list)  # (tag, version after, op, value)
    imported: list[str] = field(default_factory=list)
    certificates: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    elapsed: float = 0.0
    cpu: float = 0.0  # the client process's own CPU seconds in the timed loop

    def to_json(self) -> dict:
        return {"client": self.client, "done": dict(self.done), "refused": self.refused, "conflicts": self.conflicts,
                "latencies": dict(self.latencies), "versions": self.versions, "imported": self.imported,
                "certificates": self.certificates, "errors": self.errors, "elapsed": self.elapsed, "cpu": self.cpu}

    @classmethod
    def from_json(cls, d: dict) -> ClientReport:
        r = cls(d["client"], Counter(d["done"]), d["refused"], d["conflicts"], defaultdict(list, d["latencies"]),
                [tuple(v) for v in d["versions"]], d["imported"], d["certificates"], d["errors"], d["elapsed"], d["cpu"])
        return r


def _wipe_entry():
    from itam.services.sanitization import WipeEntry

    return WipeEntry(category="purge", technique="nvme_sanitize", tool_label="Sanitize Crypto Erase", result="pass",
                     ended_at=datetime(2026, 11, 20, 6, 5), verification="full", verification_result="pass",
                     operator="Wang Lei", verifier="李娜", destination="external_reuse")


def prepare(url: str, data_dir: str, *, shared: int = 6, wiped: int = 6) -> Plan:
    """The organisation and its signing key, ``shared`` deployed laptops every client moves and edits, and
    ``wiped`` retired laptops with a verified wipe to certify."""
    from sqlalchemy import func, select

    from itam.db import open_database
    from itam.models import Asset, Certificate, HistoryEntry
    from itam.services import Actor, Services

    os.environ["ITAM_DATA_DIR"] = data_dir
    db = open_database(url)
    try:
        sv = Services(db, Actor("bench-setup", "cli"))
        sv.organisation.update(name=ISSUER, address="88 Harbour Road, Shenzhen", email="ops@greencycle.example")
        sv.certificates.signer()  # the key exists before the race, as on any machine after its first issue
        tags = []
        for i in range(shared):
            tag = f"SH-{i:03d}"
            sv.assets.create({"asset_tag": tag, "category": "laptop", "serial": f"SHSN{i:05d}", "manufacturer": "Lenovo",
                              "model": "ThinkPad T14", "hostname": f"fin-lap-{i:03d}"}, macs=[f"00:1b:21:00:00:{i:02x}"])
            sv.lifecycle.move(tag, "deployed")
            tags.append(tag)
        certs = []
        for i in range(wiped):
            tag = f"WP-{i:03d}"
            sv.assets.create({"asset_tag": tag, "category": "laptop", "serial": f"WPSN{i:05d}", "manufacturer": "Dell",
                              "model": "Latitude 5440"},
                             media=[{"media_type": "nvme", "serial": f"WPM{i:05d}", "manufacturer": "Samsung",
                                     "model": "PM9A1"}])
            sv.lifecycle.move(tag, "retired", reason="refresh")
            sv.sanitization.record(tag, sv.assets.get(tag).media[0].id, _wipe_entry())
            certs.append(tag)
        db.analyze()
        with db.read() as s:
            start_seq = s.scalar(select(func.coalesce(func.max(HistoryEntry.seq), 0)))
            versions = dict(s.execute(select(Asset.asset_tag, Asset.version).where(Asset.asset_tag.in_(tags))).all())
            n_assets = s.scalar(select(func.count()).select_from(Asset))
            n_certs = s.scalar(select(func.count()).select_from(Certificate))
        return Plan(url, data_dir, tags, certs, start_seq, versions, n_assets, n_certs)
    finally:
        db.dispose()


def _timed(report: ClientReport, op: str, fn):  # noqa: ANN001, ANN202
    started = time.perf_counter()
    try:
        return fn()
    finally:
        report.latencies[op].append(time.perf_counter() - started)


def run_client(plan: Plan, client: int, seconds: float, seed: int, weights: dict[str, int] | None = None,
               barrier=None) -> ClientReport:  # noqa: ANN001 - a multiprocessing barrier
    """One client's loop until ``seconds`` have passed (counted from the barrier, when one is given)."""
    from itam.db import open_database
    from itam.errors import ConcurrentEditError, TransitionError
    from itam.services import Actor, AssetQuery, Services

    os.environ["ITAM_DATA_DIR"] = plan.data_dir
    rng = random.Random(seed)
    weights = weights or DEFAULT_WEIGHTS
    ops, cum = list(weights), list(weights.values())
    report = ClientReport(client)
    db = open_database(plan.url)
    workdir = Path(tempfile.mkdtemp(prefix=f"itam-client-{client}-"))
    try:
        sv = Services(db, Actor(f"client-{client}", "gui"))
        sv.assets.count(AssetQuery())  # connect before the clock starts
        if barrier is not None:
            barrier.wait()
        started, cpu_started = time.perf_counter(), time.process_time()
        deadline = started + seconds
        n = 0
        # One of each operation first (in an order that differs per client), deadline or not: every kind runs
        # in even the shortest run; then the weighted random mix until the deadline.
        kinds = [op for op in ops if weights[op] > 0]
        first = kinds[client % len(kinds):] + kinds[:client % len(kinds)]
        while first or time.perf_counter() < deadline:
            op = first.pop(0) if first else rng.choices(ops, cum)[0]
            n += 1
            try:
                if op == "read":
                    def read():  # noqa: ANN202
                        sv.assets.list(AssetQuery(status="deployed", limit=50))
                        sv.assets.list(AssetQuery(search=rng.choice(SEARCH_TERMS), limit=50))
                        sv.assets.get(rng.choice(plan.shared))
                    _timed(report, op, read)
                elif op == "move":
                    tag = rng.choice(plan.shared)
                    seen = sv.assets.get(tag, with_history=False)
                    target = rng.choice(NEXT[seen.status])
                    try:
                        d = _timed(report, op, lambda: sv.lifecycle.move(tag, target, reason=f"client {client} #{n}"))
                    except TransitionError:
                        if sv.assets.get(tag, with_history=False).version == seen.version:
                            raise  # refused although nobody changed the asset: a real error
                        report.refused += 1  # someone moved it first: the move is not allowed from its new status
                        continue
                    report.versions.append((tag, d.version, "move", d.status))
                elif op == "edit":
                    tag = rng.choice(plan.shared)
                    opened = sv.assets.get(tag, with_history=False).version
                    note = f"client {client} edit {n}"
                    try:
                        d = _timed(report, op, lambda: sv.assets.update(tag, {"notes": note}, expected_version=opened))
                    except ConcurrentEditError:
                        report.conflicts += 1
                        continue
                    report.versions.append((tag, d.version, "edit", note))
                elif op == "import":
                    tags = [f"IMP-{client}-{n}-{k}" for k in range(3)]
                    csv = workdir / f"import-{n}.csv"
                    csv.write_text("Asset Tag,Category,Serial,Model,Hostname\n" + "".join(
                        f"{t},desktop,SN{t},OptiPlex 7090,fin-{t.lower()}\n" for t in tags), encoding="utf-8")
                    _timed(report, op, lambda: sv.transfer.apply_import(csv))
                    report.imported.extend(tags)
                elif op == "cert":
                    tag = rng.choice(plan.wiped)
                    issued, _ = _timed(report, op, lambda: sv.certificates.issue_sanitization(tag))
                    report.certificates.append(issued.number)
                report.done[op] += 1
            except Exception as exc:  # noqa: BLE001 - every unexpected failure is reported, none is hidden
                report.errors.append(f"{op}: {type(exc).__name__}: {exc}\n{traceback.format_exc(limit=4)}")
        report.elapsed = time.perf_counter() - started
        report.cpu = time.process_time() - cpu_started
        return report
    finally:
        db.dispose()
        for p in workdir.iterdir():
            p.unlink()
        workdir.rmdir()


def _client_main(plan: Plan, client: int, seconds: float, seed: int, weights, barrier, queue) -> None:  # noqa: ANN001
    try:
        report = run_client(plan, client, seconds, seed, weights, barrier)
        queue.put(report.to_json())
    except BaseException as exc:  # noqa: BLE001 - the parent reports it
        if barrier is not None:
            barrier.abort()
        queue.put({"client": client, "fatal": f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}"})


def run_clients(plan: Plan, clients: int, seconds: float, *, seed: int = 1, weights: dict[str, int] | None = None,
                timeout: float | None = None) -> list[ClientReport]:
    """``clients`` processes (each with its own interpreter state and engine) running at once. They are forked
    from a fresh server process that has imported itam once (multiprocessing's forkserver), not from the
    caller, whose threads and connections a fork would copy."""
    import multiprocessing as mp

    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(["tests.mixed_workload", "itam.services", "itam.db", "reports.certificates",
                                "reports.signing", "itam.transfer.importer"])
    barrier, queue = ctx.Barrier(clients), ctx.Queue()
    procs = [ctx.Process(target=_client_main, args=(plan, c, seconds, seed * 1000 + c, weights, barrier, queue),
                         name=f"itam-client-{c}") for c in range(clients)]
    for p in procs:
        p.start()
    results, fatal = [], []
    limit = time.monotonic() + (timeout or seconds + 120)
    try:
        while len(results) + len(fatal) < clients:
            left = limit - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"clients did not finish within {timeout or seconds + 120:.0f} s")
            try:
                d = queue.get(timeout=min(left, 5))
            except Exception:  # noqa: BLE001 - queue.Empty: check the processes are alive
                dead = [p for p in procs if p.exitcode not in (None, 0)]
                if dead:
                    raise RuntimeError(f"client process(es) died: {[(p.name, p.exitcode) for p in dead]}") from None
                continue
            (fatal if "fatal" in d else results).append(d)
    finally:
        for p in procs:
            p.join(timeout=30)
            if p.is_alive():
                p.kill()
                p.join()
    if fatal:
        raise RuntimeError("client(s) failed:\n" + "\n".join(f["fatal"] for f in fatal))
    return sorted((ClientReport.from_json(d) for d in results), key=lambda r: r.client)


@dataclass
class Findings:
    problems: list[str]
    totals: Counter
    refused: int
    conflicts: int
    certificates: int
    history_entries: int

    @property
    def ok(self) -> bool:
        return not self.problems


def check(plan: Plan, reports: list[ClientReport]) -> Findings:
    """The invariants of the module docstring, from the database."""
    from sqlalchemy import func, select

    from itam.db import open_database
    from itam.models import Asset, Certificate, HistoryEntry
    from itam.services import Actor, Services

    problems = [f"client {r.client}: {e}" for r in reports for e in r.errors]
    os.environ["ITAM_DATA_DIR"] = plan.data_dir
    db = open_database(plan.url)
    try:
        sv = Services(db, Actor("bench-check", "cli"))
        with db.read() as s:
            final = {r.asset_tag: r for r in s.execute(
                select(Asset.asset_tag, Asset.id, Asset.version, Asset.status, Asset.notes)
                .where(Asset.asset_tag.in_(plan.shared)))}
            entries = s.execute(
                select(HistoryEntry.asset_id, HistoryEntry.action, HistoryEntry.changes, HistoryEntry.seq)
                .where(HistoryEntry.seq > plan.start_seq).order_by(HistoryEntry.seq)).all()
            imported_in_db = Counter(s.scalars(select(Asset.asset_tag).where(Asset.asset_tag.like("IMP-%"))))
            n_assets = s.scalar(select(func.count()).select_from(Asset))
            numbers = list(s.scalars(select(Certificate.number).where(Certificate.series == "DS")
                                     .order_by(Certificate.seq_in_series)))
        # 1. Versions: unique, contiguous, ending at the final version.
        by_asset: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
        for r in reports:
            for tag, version, op, value in r.versions:
                by_asset[tag].append((version, op, value))
        for tag in plan.shared:
            got = sorted(by_asset.get(tag, []))
            versions = [v for v, _, _ in got]
            start, end = plan.start_versions[tag], final[tag].version
            if versions != list(range(start + 1, end + 1)):
                dup = [v for v, c in Counter(versions).items() if c > 1]
                problems.append(f"{tag}: versions handed out {versions[:12]}… (duplicates {dup}) do not run "
                                f"{start + 1}..{end}: a write was lost or overwritten")
            # 2. History: one entry per success, replaying to the final state.
            ids = final[tag].id
            mine = [(a, json.loads(c)) for aid, a, c, _ in entries if aid == ids]
            moves = [c for a, c in mine if a == "transition"]
            edits = [c for a, c in mine if a == "update" and "notes" in c]
            n_moves = sum(1 for _, op, _ in got if op == "move")
            n_edits = sum(1 for _, op, _ in got if op == "edit")
            if len(moves) != n_moves or len(edits) != n_edits:
                problems.append(f"{tag}: {n_moves} moves and {n_edits} edits succeeded, history has "
                                f"{len(moves)} and {len(edits)}")
            status = None
            for c in moves:
                before, after = c["status"]
                if status is not None and before != status:
                    problems.append(f"{tag}: a move from {before} follows one to {status}")
                status = after
            if moves and status != final[tag].status:
                problems.append(f"{tag}: history ends at {status}, the asset is {final[tag].status}")
            last_note = None
            for c in edits:
                before, after = c["notes"]
                if last_note is not None and before != last_note:
                    problems.append(f"{tag}: an edit of notes {before!r} follows one that wrote {last_note!r}")
                last_note = after
            if edits and last_note != final[tag].notes:
                problems.append(f"{tag}: history's last note {last_note!r}, the asset has {final[tag].notes!r}")
            if got:
                last_edit = max((g for g in got if g[1] == "edit"), default=None)
                if last_edit and last_edit[2] != final[tag].notes:
                    problems.append(f"{tag}: the last successful edit wrote {last_edit[2]!r}, the asset has "
                                    f"{final[tag].notes!r}")
        # 3. Imports: each imported asset exactly once, nothing else new.
        imported = Counter(t for r in reports for t in r.imported)
        if imported != imported_in_db:
            problems.append(f"imports: clients imported {sum(imported.values())} assets, the database has "
                            f"{sum(imported_in_db.values())} (missing {list((imported - imported_in_db))[:5]}, "
                            f"extra {list((imported_in_db - imported))[:5]})")
        if n_assets != plan.start_assets + sum(imported.values()):
            problems.append(f"assets: {n_assets} in the database, expected {plan.start_assets + sum(imported.values())}")
        # 4. Certificate numbers: DS-000001 … DS-N, each handed to exactly one client.
        handed = [n for r in reports for n in r.certificates]
        expected = [f"DS-{i:06d}" for i in range(plan.start_certificates + 1, plan.start_certificates + len(handed) + 1)]
        if sorted(handed) != expected or numbers != expected:
            problems.append(f"certificates: clients got {len(handed)} numbers ({len(set(handed))} distinct), "
                            f"the database holds {len(numbers)}; expected {expected[:1]}…{expected[-1:]} without gaps")
        # 5. Chains.
        report = sv.audit.verify()
        if not report.ok:
            problems.append(f"history chain broken: {report.first_break}")
        for name, rep in sv.audit.verify_ledgers().items():
            if not rep.ok:
                problems.append(f"{name} ledger broken: {rep.first_break}")
    finally:
        db.dispose()
    totals = Counter()
    for r in reports:
        totals.update(r.done)
    return Findings(problems, totals, sum(r.refused for r in reports), sum(r.conflicts for r in reports),
                    len(numbers), len(entries))


def latency_summary(reports: list[ClientReport]) -> dict[str, tuple[float, float, int]]:
    """Per operation: (median ms, 95th percentile ms, count)."""
    out = {}
    for op in OPERATIONS:
        xs = sorted(x for r in reports for x in r.latencies.get(op, []))
        if xs:
            p95 = xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))]
            out[op] = (statistics.median(xs) * 1000, p95 * 1000, len(xs))
    return out
