"""``itam user …`` and ``itam whoami``, itam's own passwords (SQLite), and "changed by X since you opened it"."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest
from sqlalchemy import text

from itam.db import open_database
from itam.errors import ConcurrentEditError, PermissionDeniedError
from itam.services import Actor, AssetQuery, Services

PASSWORD = "correct horse battery"


# --- the command line -------------------------------------------------------------------------------------------
def test_user_commands_register_change_and_refuse(cli):
    code, out, _ = cli("whoami")
    assert "tester (administrator: no users are registered yet)" in out
    _, out, _ = cli("user", "list")
    assert "no users are registered" in out
    _, out, _ = cli("user", "add", "tom", "--role", "technician", "--name", "Tom Li")
    assert "added tom: technician" in out and "tester was registered first, as administrator" in out
    cli("user", "add", "vera", "--role", "viewer")
    _, out, _ = cli("user", "list")
    assert [line.split()[:1] for line in out.splitlines()[2:]] == [["tester"], ["tom"], ["vera"]]
    assert "Tom Li" in out

    cli("--user", "tom", "asset", "add", "--tag", "A-1", "--category", "laptop")
    code, _, err = cli("--user", "vera", "asset", "edit", "A-1", "--set", "notes=x", ok=False)
    assert code == 6 and "vera (viewer) may not add or edit assets: that needs the role technician or administrator" in err
    code, _, err = cli("--user", "mallory", "asset", "list", ok=False)
    assert code == 6 and "user mallory is not registered in this inventory" in err and "itam user add mallory" in err
    _, out, _ = cli("--user", "vera", "whoami")
    assert "vera (viewer)" in out and "may: read the inventory" in out

    cli("user", "set-role", "vera", "technician")
    cli("--user", "vera", "asset", "edit", "A-1", "--set", "notes=x")
    cli("user", "disable", "vera")
    code, _, err = cli("--user", "vera", "asset", "show", "A-1", ok=False)
    assert code == 6 and "user vera is disabled" in err
    cli("user", "enable", "vera")
    code, _, err = cli("user", "disable", "tester", ok=False)
    assert code == 2 and "tester is the last active administrator" in err
    code, _, err = cli("--user", "tom", "user", "add", "eve", "--role", "administrator", ok=False)
    assert code == 6 and "tom (technician) may not manage users" in err


def test_policy_changes_backups_and_upgrades_are_for_administrators(cli, tmp_path):
    cli("user", "add", "tom", "--role", "technician")
    policy = tmp_path / "data" / "policy.toml"
    code, _, err = cli("--user", "tom", "policy", "set", "refresh_years.laptop=5", ok=False)
    assert code == 6 and "tom (technician) may not change the settings" in err and not policy.exists()
    cli("policy", "set", "refresh_years.laptop=5")
    assert policy.exists()
    code, _, err = cli("--user", "tom", "backup", str(tmp_path / "b.bak"), ok=False)
    assert code == 6 and "may not upgrade, back up or restore the database" in err
    assert not (tmp_path / "b.bak").exists()
    code, _, err = cli("--user", "tom", "restore", str(tmp_path / "any.bak"), "--yes", ok=False)
    assert code == 6 and "may not upgrade, back up or restore the database" in err
    code, _, err = cli("--user", "tom", "db", "upgrade", ok=False)
    assert code == 6
    code, _, err = cli("--user", "tom", "demo", "--count", "3", ok=False)
    assert code == 6 and "may not generate the demo fleet" in err


@pytest.mark.sqlite_only  # itam keeps passwords itself only on SQLite; PostgreSQL's server authenticates logins
def test_passwords_are_argon2id_hashes_never_stored_or_logged_in_plain_text(cli, db_url, monkeypatch, caplog):
    caplog.set_level(logging.DEBUG)
    cli("user", "add", "tester", "--role", "administrator")
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    cli("user", "add", "tom", "--role", "technician", "--password-stdin")
    db = open_database(db_url)
    with db.engine.connect() as conn:
        stored = conn.execute(text("SELECT password_hash FROM users WHERE login = 'tom'")).scalar()
    db.dispose()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    path = Path(db_url.removeprefix("sqlite:///"))
    for file in (path, Path(f"{path}-wal")):
        if file.exists():
            assert PASSWORD.encode() not in file.read_bytes()
    assert PASSWORD not in caplog.text

    _, out, _ = cli("user", "list")
    assert "password" in out.splitlines()[0]
    monkeypatch.delenv("ITAM_PASSWORD", raising=False)
    code, _, err = cli("--user", "tom", "asset", "list", ok=False)
    assert code == 6 and "user tom has a password in this inventory: sign in first" in err
    monkeypatch.setenv("ITAM_PASSWORD", "not the password")
    code, _, err = cli("--user", "tom", "asset", "list", ok=False)
    assert code == 6 and "wrong password for user tom" in err
    monkeypatch.setenv("ITAM_PASSWORD", PASSWORD)
    cli("--user", "tom", "asset", "add", "--tag", "A-1", "--category", "laptop")
    # Tom changes his own password; the old one stops working.
    monkeypatch.setattr("sys.stdin", io.StringIO("a new long password\n"))
    _, out, _ = cli("--user", "tom", "user", "passwd", "--password-stdin")
    assert "password of tom set" in out
    code, _, err = cli("--user", "tom", "asset", "list", ok=False)
    assert code == 6 and "wrong password" in err
    monkeypatch.setenv("ITAM_PASSWORD", "a new long password")
    cli("--user", "tom", "asset", "list")
    monkeypatch.delenv("ITAM_PASSWORD")
    cli("user", "passwd", "tom", "--clear")
    cli("--user", "tom", "asset", "list")
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    code, _, err = cli("user", "passwd", "tom", "--password-stdin", ok=False)
    assert code == 2 and "at least 8 characters" in err


@pytest.mark.sqlite_only  # itam's own sign-in exists only where itam keeps passwords (SQLite)
def test_a_service_session_signs_in_once_and_a_wrong_password_changes_nothing(services):
    services.users.add("tester", "administrator")
    services.users.add("tom", "technician", password=PASSWORD)
    tom = Services(services.db, Actor("tom", "gui"))
    with pytest.raises(PermissionDeniedError, match="sign in first"):
        tom.assets.create({"asset_tag": "A-1", "category": "laptop"})
    with pytest.raises(PermissionDeniedError, match="wrong password for user tom"):
        tom.users.sign_in("guess")
    assert tom.users.sign_in(PASSWORD).signed_in
    tom.assets.create({"asset_tag": "A-1", "category": "laptop"})
    assert services.assets.count(AssetQuery()) == 1


# --- "changed by X since you opened it" -------------------------------------------------------------------------
def test_two_people_editing_one_asset_the_second_save_names_the_first(db_url):
    """Two services on one database (two engines, as two workstations): both open the asset, A saves, B's save
    is refused with A's name and the time, and nothing of B's is written."""
    first, second = open_database(db_url), open_database(db_url)
    try:
        alice = Services(first, Actor("alice", "gui"))
        bob = Services(second, Actor("bob", "gui"))
        alice.assets.create({"asset_tag": "A-1", "category": "laptop", "notes": "original"})
        mine, theirs = alice.assets.get("A-1"), bob.assets.get("A-1")
        saved = alice.assets.update("A-1", {"notes": "alice's"}, expected_version=mine.version)
        when = saved.history[-1].at
        with pytest.raises(ConcurrentEditError) as refused:
            bob.assets.update("A-1", {"notes": "bob's", "condition_grade": "B"}, expected_version=theirs.version)
        from itam.services.assets import local_time

        assert refused.value.changed_by == "alice"
        assert f"asset A-1 was changed by alice at {local_time(when)} since you opened it" in str(refused.value)
        after = alice.assets.get("A-1")
        assert (after.fields["notes"], after.fields["condition_grade"]) == ("alice's", None)
        assert [h.actor for h in after.history] == ["alice", "alice"] and after.version == saved.version
        assert alice.audit.verify().ok
    finally:
        first.dispose()
        second.dispose()


def test_the_command_line_names_who_changed_the_asset(cli):
    _, out, _ = cli("asset", "add", "--tag", "A-1", "--category", "laptop")
    cli("--user", "alice", "asset", "edit", "A-1", "--set", "notes=first")
    code, _, err = cli("--user", "bob", "asset", "edit", "A-1", "--set", "notes=second", "--expect-version", "1",
                       ok=False)
    assert code == 2 and "asset A-1 was changed by alice at " in err and "since you opened it" in err
