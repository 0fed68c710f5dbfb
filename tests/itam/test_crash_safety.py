"""Crash safety: real processes killed with SIGKILL in the middle of an import, a bulk lifecycle move, a batch
receipt and certificate issues leave a consistent database, and the next run works.

Each operation runs in a process forked from a server that has the product imported (tests/itam/crash_worker.py)
and is killed at a sweep of delays spread over the operation's own measured duration (fractions fixed in
advance, so the schedule is the same on every run), plus at named points inside the service code
(``ITAM_TEST_CRASH_AT``, :mod:`itam.crashpoints`) where the outcome is exact: before the commit nothing is
there, after it everything is. After every kill: ``PRAGMA integrity_check`` is ok, the foreign keys hold,
the search index matches the assets, every hash chain verifies, every asset's status is the one its history
ends with, and the operation is all or nothing.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import select
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the crash tests fork and SIGKILL (POSIX)")

ROOT = Path(__file__).resolve().parents[2]
#: Kills per operation in the sweep: delays at (i + 0.5) / SWEEP of the operation's measured duration.
SWEEP = 15


# --- the fork server ---------------------------------------------------------------------------------------
@dataclass
class Run:
    exit: int
    done: dict | None
    seconds: float | None  # from "started" to "done", when it finished

    @property
    def killed(self) -> bool:
        return self.exit == -signal.SIGKILL

    @property
    def ok(self) -> bool:
        return self.exit == 0 and self.done is not None and "error" not in self.done


class ForkServer:
    def __init__(self) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        env.pop("ITAM_TEST_CRASH_AT", None)
        self.proc = subprocess.Popen([sys.executable, "-m", "tests.itam.crash_worker"], cwd=ROOT, env=env,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.buffer = b""
        assert self._line(time.monotonic() + 60) == "ready"

    def _line(self, deadline: float) -> str:
        while b"\n" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("the crash worker did not answer in time")
            ready, _, _ = select.select([self.proc.stdout], [], [], left)
            if ready:
                chunk = os.read(self.proc.stdout.fileno(), 65536)
                if not chunk:
                    raise EOFError("the crash worker went away")
                self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line.decode("utf-8")

    def run(self, op: str, db: Path, data_dir: Path, *, kill_after: float | None = None, crash_at: str | None = None,
            timeout: float = 60, **args) -> Run:
        command = {"op": op, "db": f"sqlite:///{db}", "data_dir": str(data_dir), "crash_at": crash_at, "args": args}
        self.proc.stdin.write((json.dumps(command) + "\n").encode("utf-8"))
        self.proc.stdin.flush()
        deadline = time.monotonic() + timeout
        started = done = None
        seconds = None
        while True:
            msg = json.loads(self._line(deadline))
            if "started" in msg:
                started = time.monotonic()
                if kill_after is not None:
                    time.sleep(kill_after)
                    try:
                        os.kill(msg["started"], signal.SIGKILL)
                    except ProcessLookupError:
                        pass  # it finished first: a kill after the end is a run that completed
            elif "done" in msg:
                done = msg
                if started is not None:
                    seconds = time.monotonic() - started
            elif "exit" in msg:
                return Run(msg["exit"], done, seconds)

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(30)
        self.proc.stdout.close()


@pytest.fixture(scope="module")
def server():
    s = ForkServer()
    yield s
    s.close()


def sweep(duration: float) -> list[float]:
    return [duration * (i + 0.5) / SWEEP for i in range(SWEEP)]


# --- what must hold after any kill -------------------------------------------------------------------------
def assert_consistent(db_path: Path) -> None:
    """The file, its indexes and triggers, the hash chains and the history's account of every asset."""
    from itam.db import open_database, search
    from itam.services import Actor, Services

    con = sqlite3.connect(db_path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        triggers = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        assert set(search.TRIGGERS) <= triggers, f"search triggers missing: {set(search.TRIGGERS) - triggers}"
        assert con.execute("SELECT (SELECT count(*) FROM assets) - (SELECT count(*) FROM asset_search)").fetchone() == (0,)
        assert con.execute("SELECT count(*) FROM assets WHERE id NOT IN (SELECT rowid FROM asset_search)").fetchone() == (0,)
        con.execute("INSERT INTO asset_search (asset_search) VALUES ('integrity-check')")
        con.commit()
        # Every asset's status is the one its history ends with (no change without its entry, and the reverse).
        status = dict(con.execute("SELECT id, status FROM assets"))
        last: dict[int, str] = {}
        for asset_id, changes in con.execute("SELECT asset_id, changes FROM history WHERE asset_id IS NOT NULL ORDER BY seq"):
            change = json.loads(changes).get("status")
            if change is not None:
                last[asset_id] = change[1]
        assert {a: s for a, s in status.items() if a in last} == last
        assert set(last) == set(status), "assets without a history entry for their status"
    finally:
        con.close()
    db = open_database(f"sqlite:///{db_path}", backup=False)
    try:
        sv = Services(db, Actor("checker", "cli"))
        history = sv.audit.verify()
        assert history.ok, history.first_break
        for name, report in sv.audit.verify_ledgers().items():
            assert report.ok, (name, report.first_break)
    finally:
        db.dispose()


def _scalar(db_path: Path, sql: str, *params):
    con = sqlite3.connect(db_path)
    try:
        return con.execute(sql, params).fetchone()[0]
    finally:
        con.close()


def _new_db(tmp_path: Path):
    from itam.db import open_database
    from itam.services import Actor, Services

    path = tmp_path / "itam.sqlite3"
    db = open_database(f"sqlite:///{path}", backup=False)
    return path, db, Services(db, Actor("setup", "cli"))


def _csv(path: Path, prefix: str, rows: int) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["asset_tag", "serial", "category", "manufacturer", "model", "location", "mac"])
        for i in range(rows):
            mac = hashlib.sha1(f"{prefix}/{i}".encode()).hexdigest()[:10]
            w.writerow([f"{prefix}-{i:05d}", f"SN{prefix}{i:06d}", "laptop", "Lenovo", "ThinkPad T14",
                        f"Site {i % 7}", "02:" + ":".join(mac[j:j + 2] for j in range(0, 10, 2))])
    return path


# --- (a) a CSV import of a few thousand rows -------------------------------------------------------------
IMPORT_ROWS = 2000


def _copy(source: Path, target: Path) -> Path:
    """A copy of a database file (SQLite's backup API: whole, whatever the write-ahead log holds)."""
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()
    return target


def test_an_import_killed_at_any_point_is_all_or_nothing(server, tmp_path):
    db_path, db, sv = _new_db(tmp_path)
    sv.transfer.apply_import(_csv(tmp_path / "old.csv", "OLD", 300))  # an inventory that is not empty
    db.dispose()
    data = tmp_path / "data"
    rows = _csv(tmp_path / "rows.csv", "NEW", IMPORT_ROWS)

    def imported(path: Path) -> int:
        return _scalar(path, "SELECT count(*) FROM assets WHERE asset_tag LIKE 'NEW-%'")

    # Each kill hits its own copy of the same database, so every run imports the same file from the same start.
    base = server.run("import", _copy(db_path, tmp_path / "base.sqlite3"), data, path=str(rows))
    assert base.ok and base.done["result"]["created"] == IMPORT_ROWS, base
    outcomes = []
    for k, delay in enumerate(sweep(base.seconds)):
        copy = _copy(db_path, tmp_path / f"k{k}.sqlite3")
        run = server.run("import", copy, data, kill_after=delay, path=str(rows))
        assert run.killed or run.ok, run
        n = imported(copy)
        assert n in (0, IMPORT_ROWS), f"kill after {delay:.3f} s left {n} of {IMPORT_ROWS} rows of an all-or-nothing import"
        if run.ok:
            assert n == IMPORT_ROWS
        outcomes.append(n)
        assert_consistent(copy)
        if n == 0 and k % 4 == 0:  # the next run imports the whole file (checked now and then: it takes time)
            again = server.run("import", copy, data, path=str(rows))
            assert again.ok and again.done["result"]["created"] == IMPORT_ROWS, again
        for suffix in ("", "-wal", "-shm"):
            Path(f"{copy}{suffix}").unlink(missing_ok=True)
    assert 0 in outcomes, "no kill landed inside the import: the sweep tested nothing"
    # Killed at named points: inside the write (the rows inserted), just before and just after the commit.
    for point, committed in (("import.batch", False), ("db.before_commit", False), ("db.after_commit", True)):
        run = server.run("import", db_path, data, crash_at=point, path=str(rows))
        assert run.killed, (point, run)
        assert imported(db_path) == (IMPORT_ROWS if committed else 0), point
        assert_consistent(db_path)
    # The next run works: the file whose import was killed after its commit is all there, unchanged.
    again = server.run("import", db_path, data, path=str(rows))
    assert again.ok and again.done["result"] == {"created": 0, "updated": 0}, again
    assert_consistent(db_path)


# --- (b) a bulk lifecycle transition -----------------------------------------------------------------------
MOVE_ASSETS = 250


def test_a_bulk_transition_killed_at_any_point_moves_all_or_none(server, tmp_path):
    db_path, db, sv = _new_db(tmp_path)
    sv.transfer.apply_import(_csv(tmp_path / "fleet.csv", "MV", MOVE_ASSETS))
    db.dispose()
    data = tmp_path / "data"
    refs = [f"MV-{i:05d}" for i in range(MOVE_ASSETS)]

    def statuses() -> dict[str, int]:
        con = sqlite3.connect(db_path)
        try:
            return dict(con.execute("SELECT status, count(*) FROM assets WHERE asset_tag LIKE 'MV-%' GROUP BY status"))
        finally:
            con.close()

    def flip() -> str:
        (status,) = statuses()  # all in one status, or the move was not all or nothing
        return "deployed" if status == "in_stock" else "in_stock"

    base = server.run("move_many", db_path, data, refs=refs, target=flip())
    assert base.ok and base.done["result"]["moved"] == MOVE_ASSETS, base
    moves = 0
    for delay in sweep(base.seconds):
        target = flip()
        run = server.run("move_many", db_path, data, kill_after=delay, refs=refs, target=target)
        assert run.killed or run.ok, run
        after = statuses()
        assert len(after) == 1, f"kill after {delay:.3f} s split the bulk move: {after}"
        moves += target in after
        assert_consistent(db_path)
    assert moves < SWEEP, "no kill landed inside the move: the sweep tested nothing"
    for point, moved in (("lifecycle.moved@150", False), ("db.before_commit", False), ("db.after_commit", True)):
        target = flip()
        run = server.run("move_many", db_path, data, crash_at=point, refs=refs, target=target)
        assert run.killed, (point, run)
        assert statuses() == ({target: MOVE_ASSETS} if moved else {("in_stock" if target == "deployed" else "deployed"): MOVE_ASSETS}), point
        assert_consistent(db_path)
    target = flip()
    assert server.run("move_many", db_path, data, refs=refs, target=target).ok
    assert statuses() == {target: MOVE_ASSETS}
    assert_consistent(db_path)


# --- (c) a batch receipt (custody) ---------------------------------------------------------------------------
BATCH_ITEMS = 1000


def test_a_batch_receipt_killed_at_any_point_is_received_whole_or_not_at_all(server, tmp_path):
    db_path, db, sv = _new_db(tmp_path)
    data = tmp_path / "data"

    def new_batch(number: str) -> list[str]:
        from itam.models import BatchItem, ItadBatch

        serials = [f"{number}-{i:05d}" for i in range(BATCH_ITEMS)]
        sv.custody.create(number)
        # A client's list of serials not (yet) in the inventory, filled in at once (custody.add resolves each
        # serial against the inventory, which would make the set-up the slowest part of the test).
        with db.write() as s:
            bid = s.query(ItadBatch.id).filter(ItadBatch.number == number).scalar()
            s.add_all([BatchItem(batch_id=bid, serial=sn) for sn in serials])
        sv.custody.freeze_manifest(number)
        # What arrived: all but the first five, and three that were not on the manifest.
        return serials[5:] + [f"{number}-X{i}" for i in range(3)]

    def state(number: str) -> tuple[str, int, int, int]:
        con = sqlite3.connect(db_path)
        try:
            bid, status = con.execute("SELECT id, status FROM itad_batches WHERE number = ?", (number,)).fetchone()
            received = con.execute("SELECT count(*) FROM batch_items WHERE batch_id = ? AND received_at IS NOT NULL", (bid,)).fetchone()[0]
            events = con.execute("SELECT count(*) FROM custody_events WHERE batch_id = ? AND kind IN ('received', 'discrepancy')",
                                 (bid,)).fetchone()[0]
            extra = con.execute("SELECT count(*) FROM batch_items WHERE batch_id = ? AND in_manifest = 0", (bid,)).fetchone()[0]
            return status, received, events, extra
        finally:
            con.close()

    whole = ("received", BATCH_ITEMS - 5 + 3, 1 + 5 + 3 + 1, 3)  # the receipt, 5 missing, 3 extra, 1 broken seal
    untouched = ("manifested", 0, 0, 0)
    base = server.run("receive", db_path, data, batch="BASE", serials=new_batch("BASE"), seals_broken=["S-1"])
    assert base.ok and base.done["result"]["discrepancies"] == 9, base
    assert state("BASE") == whole
    cut = 0
    for k, delay in enumerate(sweep(base.seconds)):
        number = f"K{k:02d}"
        arrived = new_batch(number)
        run = server.run("receive", db_path, data, kill_after=delay, batch=number, serials=arrived, seals_broken=["S-1"])
        assert run.killed or run.ok, run
        assert state(number) in (whole, untouched), f"kill after {delay:.3f} s left batch {number} half received: {state(number)}"
        cut += state(number) == untouched
        assert_consistent(db_path)
    assert cut, "no kill landed inside the receipt: the sweep tested nothing"
    for point, received in (("custody.received", False), ("db.before_commit", False), ("db.after_commit", True)):
        number = point.split(".")[1].upper()
        arrived = new_batch(number)
        run = server.run("receive", db_path, data, crash_at=point, batch=number, serials=arrived, seals_broken=["S-1"])
        assert run.killed, (point, run)
        assert state(number) == (whole if received else untouched), point
        assert_consistent(db_path)
        if not received:  # the next run receives it
            assert server.run("receive", db_path, data, batch=number, serials=arrived, seals_broken=["S-1"]).ok
            assert state(number) == whole
    db.dispose()
    assert_consistent(db_path)


# --- (d) certificate issues (PDF, signature, ledger, file) -------------------------------------------------
def _certifiable(sv, n: int) -> list[str]:
    from itam.services.sanitization import WipeEntry

    sv.organisation.update(name="GreenCycle ITAD", address="88 Harbour Road, Shenzhen", email="ops@greencycle.example")
    tags = []
    for i in range(n):
        tag = f"C-{i}"
        sv.assets.create({"asset_tag": tag, "serial": f"PC{i}", "category": "laptop", "manufacturer": "Lenovo",
                          "model": "ThinkPad T14"},
                         media=[{"media_type": "nvme", "serial": f"NV{i}", "manufacturer": "Samsung", "model": "PM9A1"}])
        sv.lifecycle.move(tag, "retired", reason="refresh")
        sv.sanitization.record(tag, sv.assets.get(tag).media[0].id, WipeEntry(
            category="purge", technique="nvme_sanitize", tool_label="Sanitize Crypto Erase", result="pass",
            ended_at=datetime(2026, 11, 20, 6, 5), verification="full", verification_result="pass",
            operator="Wang Lei", verifier="Li Na", destination="external_reuse"))
        tags.append(tag)
    sv.certificates.signer()  # the key exists before the kills, as on any machine after its first issue
    return tags


def assert_certificates_whole(db_path: Path, folder: Path, *, settled: bool) -> None:
    """Numbers 1..N without a gap, each with its signed PDF and ledger entry; every PDF file in the folder is
    a committed certificate, byte for byte; once a later run has tidied the folder (``settled``), every
    certificate issued into it has its file and no temporary file is left."""
    con = sqlite3.connect(db_path)
    try:
        rows = con.execute("SELECT number, seq_in_series, pdf, pdf_sha256, seq, hash FROM certificates ORDER BY seq_in_series").fetchall()
        last = con.execute("SELECT last FROM certificate_counters WHERE series = 'DS'").fetchone()
    finally:
        con.close()
    assert [r[1] for r in rows] == list(range(1, len(rows) + 1)), "certificate numbers have a gap"
    assert (last[0] if last else 0) == len(rows), "the counter moved without a certificate (a consumed number)"
    by_number = {}
    for number, _, pdf, sha, seq, chain_hash in rows:
        assert pdf and hashlib.sha256(pdf).hexdigest() == sha, f"{number}: stored PDF missing or not the one hashed"
        assert pdf.startswith(b"%PDF") and b"/ByteRange" in pdf, f"{number}: the stored PDF is not signed"
        assert seq is not None and chain_hash, f"{number}: no ledger entry"
        by_number[number] = sha
    for f in folder.iterdir():
        if f.suffix.lower() == ".pdf":
            assert not f.name.startswith("."), f"{f.name}: a temporary file that looks like a certificate"
            # Named <number>.pdf by a bulk run, or as the user asked: either way byte for byte an issued one.
            issued = by_number.get(f.stem) if f.stem in by_number else None
            sha = hashlib.sha256(f.read_bytes()).hexdigest()
            assert sha in by_number.values(), f"{f.name} looks like a certificate but is none of those issued"
            assert issued in (None, sha), f"{f.name} is not the PDF issued as {f.stem}"
        else:
            assert not settled, f"{f.name} was left behind"
            assert f.name.startswith(".") and f.name.endswith(".tmp"), f"unexpected file {f.name}"
    if settled:
        missing = sorted(set(by_number) - {f.stem for f in folder.glob("*.pdf")})
        assert not missing, f"issued certificates without their file: {missing}"


def test_certificate_issues_killed_at_any_point_leave_no_half_issued_certificate(server, tmp_path):
    db_path, db, sv = _new_db(tmp_path)
    tags = _certifiable(sv, 3)
    db.dispose()
    data = tmp_path / "data"
    folder = tmp_path / "certs"
    folder.mkdir()

    def count() -> int:
        return _scalar(db_path, "SELECT count(*) FROM certificates")

    pair = tags[:2]  # a run of two certificates, each its own transaction, PDF and file
    base = server.run("issue_many", db_path, data, refs=pair, directory=str(folder))
    assert base.ok and len(base.done["result"]["issued"]) == 2, base
    assert_certificates_whole(db_path, folder, settled=True)
    short = 0
    for delay in sweep(base.seconds):
        before = count()
        run = server.run("issue_many", db_path, data, kill_after=delay, refs=pair, directory=str(folder))
        assert run.killed or run.ok, run
        short += count() - before < 2
        assert_certificates_whole(db_path, folder, settled=False)
        assert_consistent(db_path)
    assert short, "no kill landed inside the issues: the sweep tested nothing"
    # The next run into the folder completes what was committed and removes what was not.
    assert server.run("issue_many", db_path, data, refs=tags[:1], directory=str(folder)).ok
    assert_certificates_whole(db_path, folder, settled=True)

    # Named points of one issue: signed but not stored, file written but not committed, committed but
    # the file not yet named, and a bulk run killed between two certificates.
    out = tmp_path / "single"
    out.mkdir()
    for point, issued in (("cert.signed", False), ("cert.file_written", False), ("db.before_commit", False),
                          ("cert.committed", True), ("db.after_commit", True), ("cert.many.issued@2", True)):
        before = count()
        if point.startswith("cert.many"):
            run = server.run("issue_many", db_path, data, crash_at=point, refs=tags, directory=str(out))
            assert count() - before == 2, point  # two whole certificates, the third never begun
        else:
            run = server.run("issue", db_path, data, crash_at=point, ref=tags[0], output=str(out / "DS.pdf"))
            assert count() - before == (1 if issued else 0), point
        assert run.killed, (point, run)
        assert_certificates_whole(db_path, out, settled=False)
        assert_consistent(db_path)
        if point == "cert.committed":
            # Committed, file not yet named: the PDF waits under its temporary name, nothing poses as it.
            assert not (out / "DS.pdf").exists() and len(list(out.glob(".DS.pdf.DS-*.tmp"))) == 1
            number = f"DS-{count():06d}"
            # The next issue into the folder finishes the interrupted one before its own.
            again = server.run("issue", db_path, data, ref=tags[1], output=str(out / "next.pdf"))
            assert again.ok, again
            sha = _scalar(db_path, "SELECT pdf_sha256 FROM certificates WHERE number = ?", number)
            assert hashlib.sha256((out / "DS.pdf").read_bytes()).hexdigest() == sha
            (out / "DS.pdf").unlink()
            (out / "next.pdf").unlink()
        elif point == "cert.file_written":
            assert not (out / "DS.pdf").exists()
    assert server.run("issue_many", db_path, data, refs=tags, directory=str(out)).ok
    assert not [f for f in out.iterdir() if f.name.startswith(".")], "temporary files left after the next run"
    assert_certificates_whole(db_path, out, settled=False)
    assert_consistent(db_path)


# --- the real command line ---------------------------------------------------------------------------------
def test_the_command_line_killed_in_an_import_then_verifies_and_imports(tmp_path):
    """``itam import`` killed (SIGKILL, at a named point after the rows were written but before the commit):
    ``itam audit verify`` exits 0 and the same command then imports the whole file."""
    db_path = tmp_path / "itam.sqlite3"
    rows = _csv(tmp_path / "rows.csv", "CLI", 1200)
    env = {**os.environ, "ITAM_DATA_DIR": str(tmp_path / "data"), "ITAM_TEST_CRASH_AT": "import.batch"}
    itam = [sys.executable, "-m", "itam.cli.main", "--db", str(db_path)]
    killed = subprocess.run([*itam, "import", str(rows)], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120,
                            check=False)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert Path(f"{db_path}-wal").exists()  # it died with its transaction open in the write-ahead log
    env.pop("ITAM_TEST_CRASH_AT")
    verify = subprocess.run([*itam, "audit", "verify"], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120,
                            check=False)
    assert verify.returncode == 0, verify.stdout + verify.stderr
    assert _scalar(db_path, "SELECT count(*) FROM assets") == 0
    again = subprocess.run([*itam, "import", str(rows)], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120,
                            check=False)
    assert again.returncode == 0, again.stderr
    assert _scalar(db_path, "SELECT count(*) FROM assets") == 1200
    assert_consistent(db_path)


def test_crash_points_are_inert_without_the_variable(monkeypatch):
    from itam.crashpoints import crash_point

    monkeypatch.delenv("ITAM_TEST_CRASH_AT", raising=False)
    crash_point("db.before_commit")  # would kill pytest itself if it were not
    monkeypatch.setenv("ITAM_TEST_CRASH_AT", "somewhere.else")
    crash_point("db.before_commit")


def test_a_certificate_whose_file_cannot_take_its_name_says_it_was_issued(services, tmp_path, monkeypatch):
    """The commit happened: the error must not make the user issue the certificate a second time."""
    from itam.errors import ValidationError
    from itam.services import cert_files

    tags = _certifiable(services, 1)

    def cannot(self):  # PendingPdf.publish
        raise ValidationError("cannot write the file: Read-only file system")

    monkeypatch.setattr(cert_files.PendingPdf, "publish", cannot)
    with pytest.raises(ValidationError, match=r"DS-000001 was issued and is stored in the database.*itam cert export"):
        services.certificates.issue_sanitization(tags[0], output=tmp_path / "ds.pdf")
    assert [c.number for c in services.certificates.list()] == ["DS-000001"]
    assert list(tmp_path.glob(".*.tmp")) == []  # the temporary file went with the error
