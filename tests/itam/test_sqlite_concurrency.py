"""SQLite used by several processes at once: readers and writers do not block each other, a lock that outlasts
the busy timeout is waited out, "database is locked" never reaches the user under normal contention, a file on
a network share is recognised and the user told, and a short run of the 4-process benchmark keeps its invariants.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from itam.db import netfs, open_database
from itam.errors import DatabaseLockedError
from itam.services import Actor, Services

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.sqlite_only  # SQLite's own locking, journal and files

#: Holds a SQLite lock in another process: "read" a read transaction, "write" an uncommitted UPDATE.
HOLDER = textwrap.dedent("""
    import sqlite3, sys, time
    path, mode, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
    con = sqlite3.connect(path, isolation_level=None)
    if mode == "read":
        con.execute("BEGIN")
        con.execute("SELECT count(*) FROM assets").fetchone()
    else:
        con.execute("BEGIN IMMEDIATE")
        con.execute("UPDATE assets SET notes = 'uncommitted' WHERE asset_tag = 'A-1'")
    print("holding", flush=True)
    time.sleep(seconds)
    con.execute("COMMIT")
    print("released", flush=True)
""")


class Holder:
    def __init__(self, path: Path, mode: str, seconds: float):
        self.proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(path), mode, str(seconds)],
                                     stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout.readline().strip() == "holding"

    def wait(self) -> None:
        assert self.proc.stdout.readline().strip() == "released"
        self.proc.wait(30)
        self.proc.stdout.close()


def _path(db) -> Path:
    return Path(db.engine.url.database)


# --- WAL: readers and writers in other processes -----------------------------------------------------------
def test_a_long_reader_in_another_process_does_not_block_a_writer(db, services):
    services.assets.create({"asset_tag": "A-1", "category": "laptop"})
    holder = Holder(_path(db), "read", 3.0)
    try:
        started = time.monotonic()
        services.assets.update("A-1", {"notes": "written while another program reads"})
        assert time.monotonic() - started < 1.5
    finally:
        holder.wait()
    assert services.assets.get("A-1").fields["notes"] == "written while another program reads"


def test_a_writer_in_another_process_does_not_block_readers(db, services):
    services.assets.create({"asset_tag": "A-1", "category": "laptop"})
    holder = Holder(_path(db), "write", 3.0)
    try:
        started = time.monotonic()
        assert services.assets.get("A-1").fields["notes"] is None  # the last committed state, at once
        assert services.assets.count(__import__("itam.services", fromlist=["AssetQuery"]).AssetQuery()) == 1
        assert time.monotonic() - started < 1.5
    finally:
        holder.wait()
    assert services.assets.get("A-1").fields["notes"] == "uncommitted"  # now committed by the other program


# --- retries -----------------------------------------------------------------------------------------------
@pytest.fixture
def short_timeout(monkeypatch):
    """A 200 ms busy timeout, so that a lock outlasts it without the test waiting 15 s."""
    from itam.db import engine

    monkeypatch.setattr(engine, "SQLITE_BUSY_TIMEOUT_MS", 200)


def test_a_lock_longer_than_the_busy_timeout_is_waited_out(db, services, short_timeout):
    services.assets.create({"asset_tag": "A-1", "category": "laptop"})
    other = open_database(f"sqlite:///{_path(db)}")  # connections made now get the 200 ms timeout
    try:
        holder = Holder(_path(db), "write", 0.6)
        started = time.monotonic()
        Services(other, Actor("second", "cli")).assets.update("A-1", {"department": "Finance"})
        waited = time.monotonic() - started
        holder.wait()
    finally:
        other.dispose()
    assert waited > 0.4  # it did wait for the other writer (past one busy timeout) …
    detail = services.assets.get("A-1")
    assert detail.fields["department"] == "Finance" and detail.fields["notes"] == "uncommitted"  # … and lost nothing


def test_a_lock_that_outlasts_every_try_is_a_clear_error_and_changes_nothing(db, services, short_timeout):
    services.assets.create({"asset_tag": "A-1", "category": "laptop"})
    other = open_database(f"sqlite:///{_path(db)}")
    holder = Holder(_path(db), "write", 4.0)
    try:
        with pytest.raises(DatabaseLockedError) as caught:
            Services(other, Actor("second", "cli")).assets.update("A-1", {"department": "Finance"})
    finally:
        holder.wait()
        other.dispose()
    text = str(caught.value)
    assert "locked by another program" in text and "4 tries" in text and "nothing was changed" in text
    assert services.assets.get("A-1").fields["department"] is None


def test_a_commit_that_meets_a_reader_in_the_rollback_journal_is_tried_again(tmp_path, monkeypatch, short_timeout):
    """On a network share itam uses the rollback journal, where COMMIT waits for readers: it is retried whole."""
    monkeypatch.setattr(netfs, "network_filesystem", lambda path, **_: "nfs4")
    db = open_database(f"sqlite:///{tmp_path / 'share.sqlite3'}")
    try:
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "delete"
        sv = Services(db, Actor("tester", "cli"))
        sv.assets.create({"asset_tag": "A-1", "category": "laptop"})
        holder = Holder(tmp_path / "share.sqlite3", "read", 0.7)
        started = time.monotonic()
        sv.assets.update("A-1", {"department": "Finance"})  # COMMIT needs the reader gone
        waited = time.monotonic() - started
        holder.wait()
        assert waited > 0.4
        assert sv.assets.get("A-1").fields["department"] == "Finance"
        assert sv.audit.verify().ok
    finally:
        db.dispose()


def test_four_processes_opening_a_new_file_at_once_all_succeed(tmp_path):
    """The first start of several programs on one new file: one creates the schema, the others wait and use it."""
    script = textwrap.dedent("""
        import os, sys, time
        from sqlalchemy import text
        from itam.db import open_database
        go = sys.argv[2]
        while not os.path.exists(go):
            time.sleep(0.005)
        db = open_database("sqlite:///" + sys.argv[1])
        with db.write() as s:
            s.execute(text("INSERT INTO locations (name, created_at) VALUES (:n, CURRENT_TIMESTAMP)"), {"n": "site " + sys.argv[3]})
        db.dispose()
        print("ok")
    """)
    path, go = tmp_path / "new.sqlite3", tmp_path / "go"
    env = {**__import__("os").environ, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, "-c", script, str(path), str(go), str(i)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=env) for i in range(4)]
    time.sleep(1.0)  # let them import the product before they race
    go.touch()
    results = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0] * 4, [err for _, err in results]
    db = open_database(f"sqlite:///{path}")
    try:
        from itam.db.migrate import current_revision, head_revision

        assert current_revision(db) == head_revision()
        with db.read() as s:
            assert s.execute(text("SELECT count(*) FROM locations")).scalar() == 4
    finally:
        db.dispose()


# --- network shares ----------------------------------------------------------------------------------------
MOUNTINFO = """\
22 27 0:21 / /proc rw,relatime - proc proc rw
27 1 254:0 / / rw,relatime - ext4 /dev/vda rw
40 27 0:40 / /mnt/nfs rw,relatime shared:1 - nfs4 fileserver:/export rw,vers=4.2
41 27 0:41 / /mnt/smb rw,relatime - cifs //nas/share rw,vers=3.0
42 27 0:42 / /home/me/remote rw,nosuid - fuse.sshfs me@host:/srv rw
43 27 0:43 / /mnt/c rw - 9p drvfs rw
44 27 0:44 / /mnt/my\\040files rw - nfs fileserver:/spaced rw
45 27 0:45 / /auto/home rw - autofs systemd-1 rw
46 45 0:46 / /auto/home rw - nfs4 homes:/home rw
47 27 0:47 / /mnt/nfs/local rw - ext4 /dev/vdb rw
48 27 0:48 / /run/user/1000/doc rw - fuse.portal portal rw
"""


@pytest.mark.parametrize(("path", "expected"), [
    ("/mnt/nfs/itam.sqlite3", "nfs4"),
    ("/mnt/smb/team/itam.sqlite3", "cifs"),
    ("/home/me/remote/itam.sqlite3", "fuse.sshfs"),
    ("/mnt/c/Users/me/itam.sqlite3", "9p"),
    ("/mnt/my files/itam.sqlite3", "nfs"),          # octal-escaped space in the mount table
    ("/auto/home/itam.sqlite3", "nfs4"),            # autofs over-mounted by the real share
    ("/mnt/nfs/local/itam.sqlite3", None),          # a local disk mounted inside the share
    ("/mnt/nfsother/itam.sqlite3", None),           # a prefix of the name is not the mount point
    ("/run/user/1000/doc/itam.sqlite3", None),      # a FUSE mount that is local
    ("/var/lib/itam/itam.sqlite3", None),
])
def test_network_file_systems_are_recognised_from_the_mount_table(path, expected):
    assert netfs.network_filesystem(path, read_mountinfo=lambda: MOUNTINFO, platform="linux") == expected


def test_unc_paths_are_network_shares_on_every_platform():
    assert netfs.network_filesystem("//nas/share/itam.sqlite3", platform="linux") == "UNC"
    assert netfs.network_filesystem("\\\\nas\\share\\itam.sqlite3", platform="win32") == "UNC"


def test_this_machines_own_disk_is_local(tmp_path):
    assert netfs.network_filesystem(tmp_path / "itam.sqlite3") is None  # the real mount table and statfs


@pytest.fixture
def on_nfs(tmp_path, monkeypatch):
    """The test's folder appears in the mount table as an NFS share."""
    table = MOUNTINFO + f"60 27 0:60 / {tmp_path} rw,relatime - nfs4 fileserver:/team rw\n"
    monkeypatch.setattr(netfs, "_read_mountinfo", lambda: table)
    monkeypatch.delenv(netfs.ALLOW_ENV, raising=False)
    return tmp_path / "itam.sqlite3"


def test_a_database_on_a_network_share_warns_and_leaves_wal(on_nfs):
    db = open_database(f"sqlite:///{on_nfs}")
    try:
        assert len(db.warnings) == 1
        text = str(db.warnings[0])
        assert "network file system (nfs4)" in text and "PostgreSQL" in text and netfs.ALLOW_ENV in text
        assert str(on_nfs) in text
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "delete"
        Services(db).assets.create({"asset_tag": "A-1", "category": "laptop"})
    finally:
        db.dispose()
    assert not Path(f"{on_nfs}-wal").exists()


def test_the_warning_can_be_silenced_but_the_journal_stays_safe(on_nfs, monkeypatch):
    monkeypatch.setenv(netfs.ALLOW_ENV, "1")
    db = open_database(f"sqlite:///{on_nfs}")
    try:
        assert db.warnings == []
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "delete"
    finally:
        db.dispose()


def test_a_local_database_has_no_warning_and_uses_wal(db):
    assert db.warnings == []
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_the_command_line_prints_the_warning_on_stderr(on_nfs, capsys):
    from itam.cli.main import main

    assert main(["--db", str(on_nfs), "asset", "list"]) == 0
    err = capsys.readouterr().err
    assert err.startswith("itam: warning: The database file") and "PostgreSQL" in err


def test_the_warning_is_in_chinese_for_a_chinese_interface(on_nfs):
    from itam.messages import localize

    db = open_database(f"sqlite:///{on_nfs}")
    try:
        text = localize(db.warnings[0], "zh_CN")
    finally:
        db.dispose()
    assert "PostgreSQL" in text and "nfs4" in text and "网络" in text


# --- the benchmark, short ----------------------------------------------------------------------------------
def test_four_processes_with_a_mixed_workload_lose_nothing_and_never_see_a_lock(tmp_path):
    sys.path.insert(0, str(ROOT))
    try:
        from bench.bench_concurrency_sqlite import run
    finally:
        sys.path.remove(str(ROOT))
    summary = run(4.0, 4, tmp_path / "bench")
    assert summary["locked_errors"] == 0, summary["error_samples"]
    assert summary["other_errors"] == 0, summary["error_samples"]
    assert summary["problems"] == [], json.dumps(summary, indent=1)
    ops = summary["ops"]
    assert ops.get("read", 0) and ops.get("move", 0) and ops.get("import", 0) and ops.get("cert", 0), ops
    assert summary["ok"]
