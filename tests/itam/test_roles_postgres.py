"""Roles on PostgreSQL: each person's own login, in the itam group role of their itam role, and the server's grants.

Real logins on the session's server (tests/pg.py) with real SQL through their own connections: the history and the
custody and certificate ledgers cannot be rewritten with an application login, a viewer cannot insert, the history
names the database login, and ``itam user`` keeps logins and groups in step. Logins are cluster-wide, so every test
makes its own (random names) and drops them.
"""

from __future__ import annotations

import io
import secrets

import pytest
from sqlalchemy.engine import make_url

from itam.db import open_database
from itam.errors import DatabasePermissionError, PermissionDeniedError
from itam.services import Actor, AssetQuery, Services

PASSWORD = "correct horse battery"


@pytest.fixture
def pg(pg_server, pg_database):
    """(server, the test database's URL as the owner, a factory of logins that are dropped afterwards)."""
    made: list[str] = []
    opened: list = []

    def login(prefix: str) -> str:
        name = f"{prefix}_{secrets.token_hex(4)}"
        made.append(name)
        return name

    yield pg_server, pg_database, login, opened
    for db in opened:
        db.dispose()
    for name in made:
        pg_server.admin(f'DROP ROLE IF EXISTS "{name}"')


def _url_as(url: str, login: str, password: str = PASSWORD) -> str:
    return make_url(url).set(username=login, password=password).render_as_string(hide_password=False)


def _connect(server, url: str, login: str, password: str = PASSWORD):  # noqa: ANN202 - a psycopg connection
    import psycopg

    return psycopg.connect(host="127.0.0.1", port=server.port, dbname=make_url(url).database, user=login,
                           password=password, autocommit=True)


def _owner(url: str, opened: list) -> Services:
    db = open_database(url)
    opened.append(db)
    return Services(db, Actor("tester", "cli"))


def _as_login(url: str, login: str, opened: list) -> Services:
    db = open_database(_url_as(url, login))
    opened.append(db)
    # The declared name is deliberately another: on PostgreSQL the login is who acts.
    return Services(db, Actor("tester", "cli"))


def test_a_technician_login_cannot_update_delete_or_truncate_the_history_or_the_ledgers(pg):
    import psycopg

    server, url, login, opened = pg
    owner = _owner(url, opened)
    owner.assets.create({"asset_tag": "A-1", "category": "laptop", "serial": "SN1"})
    owner.custody.create("JOB-1")
    tech = login("tech")
    change = owner.users.add(tech, "technician", create_login=True, password=PASSWORD)
    assert change.user.database_groups == ("itam_technician",)

    with _connect(server, url, tech) as conn:
        assert conn.execute("SELECT count(*) FROM history").fetchone()[0] >= 1  # reading is fine
        for sql in ("UPDATE history SET reason = 'rewritten'", "DELETE FROM history", "TRUNCATE history",
                    "UPDATE custody_events SET actor = 'x'", "DELETE FROM custody_events", "DELETE FROM certificates",
                    "TRUNCATE certificates", "DROP TABLE history", "SELECT password_hash FROM users"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(sql)
    assert owner.audit.verify().ok


def test_the_history_records_the_database_login_and_a_forged_actor_is_refused(pg):
    import psycopg

    server, url, login, opened = pg
    owner = _owner(url, opened)
    tech = login("tech")
    owner.users.add(tech, "technician", create_login=True, password=PASSWORD)
    sv = _as_login(url, tech, opened)
    assert sv.users.whoami().name == tech and sv.users.whoami().database_login
    sv.assets.create({"asset_tag": "A-2", "category": "laptop"})
    assert {h.actor for h in owner.assets.get("A-2").history} == {tech}

    with _connect(server, url, tech) as conn:
        # Copy a real entry but claim another actor: the trigger refuses it.
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="must name the database login"):
            conn.execute(
                "INSERT INTO history (seq, asset_id, at, actor, source, action, changes, prev_hash, hash) "
                "SELECT seq + 1000, asset_id, at, 'someone-else', source, action, changes, prev_hash, hash "
                "FROM history ORDER BY seq DESC LIMIT 1")


def test_a_viewer_login_cannot_insert_assets_even_past_the_service_check(pg):
    import psycopg

    server, url, login, opened = pg
    owner = _owner(url, opened)
    viewer = login("viewer")
    owner.users.add(viewer, "viewer", create_login=True, password=PASSWORD)
    with _connect(server, url, viewer) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO assets (category, status, stage, data_bearing, version, created_at, updated_at) "
                         "VALUES ('laptop', 'in_stock', 5, false, 1, now(), now())")
    sv = _as_login(url, viewer, opened)
    with pytest.raises(PermissionDeniedError, match=rf"{viewer} \(viewer\) may not add or edit assets"):
        sv.assets.create({"asset_tag": "V-1", "category": "laptop"})
    # Were the users table to say otherwise (edited by the owner behind itam's back), the server still refuses.
    from sqlalchemy import text

    with owner.db.engine.begin() as conn:
        conn.execute(text("UPDATE users SET role = 'technician' WHERE login = :l"), {"l": viewer})
    with pytest.raises(DatabasePermissionError, match="refused this for your login"):
        sv.assets.create({"asset_tag": "V-1", "category": "laptop"})
    assert owner.assets.count(AssetQuery()) == 0


def test_set_role_and_disable_move_the_login_between_the_groups(pg):
    import psycopg

    server, url, login, opened = pg
    owner = _owner(url, opened)
    person = login("olga")
    owner.users.add(person, "viewer", create_login=True, password=PASSWORD)
    assert owner.users.set_role(person, "itad_operator").user.database_groups == ("itam_itad_operator",)
    sv = _as_login(url, person, opened)
    sv.custody.create("JOB-9")  # the server lets an ITAD operator's login write batches
    with pytest.raises(PermissionDeniedError):
        sv.assets.create({"asset_tag": "X", "category": "laptop"})
    owner.users.disable(person)
    assert owner.users.get(person).database_groups == ()
    with _connect(server, url, person) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("SELECT count(*) FROM assets")


def test_an_administrator_login_manages_users_itself(pg):
    server, url, login, opened = pg
    owner = _owner(url, opened)
    boss, tech = login("boss"), login("tech")
    owner.users.add(boss, "administrator", create_login=True, password=PASSWORD)
    admin = _as_login(url, boss, opened)
    change = admin.users.add(tech, "technician", create_login=True, password=PASSWORD)
    assert change.user.database_groups == ("itam_technician",)
    _as_login(url, tech, opened).assets.create({"asset_tag": "T-1", "category": "laptop"})


def test_itam_keeps_no_password_on_postgresql_and_the_server_gets_a_scram_verifier(pg):
    server, url, login, opened = pg
    owner = _owner(url, opened)
    tech = login("tech")
    owner.users.add(tech, "technician", create_login=True, password=PASSWORD)
    from sqlalchemy import text

    with owner.db.engine.connect() as conn:
        assert conn.execute(text("SELECT password_hash FROM users WHERE login = :l"), {"l": tech}).scalar() is None
        verifier = conn.execute(text("SELECT rolpassword FROM pg_authid WHERE rolname = :l"), {"l": tech}).scalar()
    assert verifier.startswith("SCRAM-SHA-256$") and PASSWORD not in verifier
    new = "another long password"
    _as_login(url, tech, opened).users.set_password(tech, new)
    with _connect(server, url, tech, new) as conn:
        assert conn.execute("SELECT session_user").fetchone()[0] == tech


def test_the_user_commands_on_postgresql(pg, capsys, monkeypatch):
    from itam.cli.main import main

    server, url, login, opened = pg
    owner = _owner(url, opened)
    owner.users.add("tester", "administrator")
    tech = login("tech")
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["--db", url, "user", "add", tech, "--role", "technician", "--create-login", "--password-stdin"]) == 0
    out = capsys.readouterr().out
    assert f"database login {tech} created" in out and f"database login {tech} is a member of itam_technician" in out
    assert main(["--db", _url_as(url, tech), "whoami"]) == 0
    out = capsys.readouterr().out
    assert f"{tech} (technician)" in out and "database login" in out
    code = main(["--db", _url_as(url, tech), "user", "add", "someone", "--role", "viewer"])
    err = capsys.readouterr().err
    assert code == 6 and f"{tech} (technician) may not manage users" in err



def test_an_application_login_cannot_migrate_and_is_told_who_can(pg):
    server, url, login, opened = pg
    owner = _owner(url, opened)
    tech = login("tech")
    owner.users.add(tech, "technician", create_login=True, password=PASSWORD)
    from sqlalchemy import text

    from itam.db.migrate import head_revision
    from itam.errors import DatabasePermissionError

    with owner.db.engine.begin() as conn:  # as if a newer itam came with a migration this database lacks
        conn.execute(text("UPDATE alembic_version SET version_num = '0004'"))
    with pytest.raises(DatabasePermissionError, match=rf"needs its schema upgraded from revision 0004 to "
                                                      rf"{head_revision()}, which only the owner"):
        open_database(_url_as(url, tech))
