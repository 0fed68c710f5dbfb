"""PostgreSQL group roles and GRANTs that match the permission table (itam/security.py).

Each itam role has a group role (NOLOGIN) in the cluster: ``itam_viewer``, ``itam_technician``,
``itam_itad_operator``, ``itam_admin``. A person's own login is a member of one of them
(``itam user add NAME --role R --create-login``), so the server itself refuses what the role may not do,
whatever program the login is used from:

* every group may SELECT every table (``users`` without its ``password_hash`` column);
* a group may INSERT/UPDATE/DELETE the tables its permissions write (technicians the inventory and
  discovery tables, ITAD operators batches and counters, administrators everything);
* the history, the custody ledger and the certificate ledger are INSERT + SELECT only for every group,
  administrators included: no UPDATE, DELETE or TRUNCATE, so a login with the application's rights
  cannot rewrite them (only the owner of the tables can, and the hash chains show it);
* a trigger refuses a history, custody or certificate row whose actor is not the database login that
  writes it, when that login is one of the application's: the history records the real user.

Group roles are cluster-wide (every database of the server shares them); grants are per database. The
owner of the tables (who runs the migrations) is not an application login. Everything here is idempotent:
:func:`apply` revokes what the groups had and grants the table's privileges again (``itam db grants``
re-applies it, e.g. after a later migration added a table).
"""

from __future__ import annotations

import logging

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection

from itam import security as sec

log = logging.getLogger(__name__)

#: itam role -> PostgreSQL group role.
GROUPS: dict[str, str] = {
    sec.VIEWER: "itam_viewer",
    sec.TECHNICIAN: "itam_technician",
    sec.ITAD_OPERATOR: "itam_itad_operator",
    sec.ADMINISTRATOR: "itam_admin",
}

#: Rows are only ever added: INSERT + SELECT for every group, never UPDATE, DELETE or TRUNCATE.
APPEND_ONLY: dict[str, str] = {"history": "actor", "custody_events": "actor", "certificates": "issued_by"}

_INVENTORY = (sec.ASSET_EDIT, sec.ASSET_MOVE, sec.IMPORT, sec.DISCOVERY, sec.SANITIZATION)
#: table -> the permissions whose actions write it (a group gets DML on it when its role has one of them).
WRITERS: dict[str, tuple[sec.Permission, ...]] = {
    **{t: _INVENTORY for t in (
        "assets", "asset_addresses", "storage_media", "people", "lifecycle_events", "lifecycle_event_parts",
        "scans", "scan_hosts", "discovery_candidates", "discovery_conflicts", "sanitization_records",
        "wipe_evidence", "destruction_events")},
    "locations": (*_INVENTORY, sec.SETTINGS),
    "parties": (sec.PARTIES,),
    "party_certifications": (sec.PARTIES,),
    "itad_batches": (sec.BATCHES, sec.CUSTODY),
    "batch_items": (sec.BATCHES, sec.CUSTODY),
    "batch_scans": (sec.BATCHES, sec.CUSTODY),
    "certificate_counters": (sec.CERTIFICATES,),
    "settings": (sec.SETTINGS,),
    # Device audits (migration 0007): their outcomes are discovery's; the credential sets are settings.
    "asset_audits": _INVENTORY,
    "installed_software": _INVENTORY,
    "credentials": (sec.SETTINGS,),
    "users": (sec.USERS,),
    # Ledgers: INSERT only (see APPEND_ONLY); the chain heads move with every append.
    "history": _INVENTORY,
    "custody_events": (sec.BATCHES, sec.CUSTODY),
    "certificates": (sec.CERTIFICATES,),
    "chain_heads": (*_INVENTORY, sec.BATCHES, sec.CUSTODY, sec.CERTIFICATES),
}
#: Tables no application role writes (the schema version belongs to the owner).
READ_ONLY = ("alembic_version",)
#: Columns of ``users`` the groups may read (not the password hash).
USER_COLUMNS = ("id", "login", "display_name", "role", "active", "created_at", "updated_at", "created_by",
                "updated_by")


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def privileges(table: str, role: str) -> tuple[str, ...]:
    """What ``role``'s group may do on ``table`` (beyond SELECT), from the permission table."""
    if table in READ_ONLY:
        return ()
    if table in WRITERS:
        allowed = any(sec.permits(role, p) for p in WRITERS[table])
    else:  # a table this module does not know yet: administrators only
        allowed = role == sec.ADMINISTRATOR
    if not allowed:
        return ()
    if table in APPEND_ONLY:
        return ("INSERT",)
    if table == "users":
        return ("INSERT", "UPDATE")
    if table in ("chain_heads", "certificate_counters"):
        return ("INSERT", "UPDATE")
    return ("INSERT", "UPDATE", "DELETE")


def can_create_roles(conn: Connection) -> bool:
    return bool(conn.execute(text(
        "SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user")).scalar())


def missing_groups(conn: Connection) -> list[str]:
    have = set(conn.execute(text("SELECT rolname FROM pg_roles WHERE rolname = ANY(:names)"),
                            {"names": list(GROUPS.values())}).scalars())
    return [g for g in GROUPS.values() if g not in have]


def ensure_groups(conn: Connection) -> bool:
    """Create the group roles that do not exist yet; False when some are missing and cannot be made."""
    missing = missing_groups(conn)
    if not missing:
        return True
    if not can_create_roles(conn):
        log.warning("cannot create the PostgreSQL group roles %s (the migrating login lacks CREATEROLE); "
                    "a database administrator can create them and run 'itam db grants'", ", ".join(missing))
        return False
    for group in missing:
        # Another database of the cluster may create it at the same moment: tolerate that.
        conn.execute(text(
            f"DO $$ BEGIN CREATE ROLE {_quote(group)} NOLOGIN; "
            f"EXCEPTION WHEN duplicate_object THEN NULL; END $$"))
    return True


def apply(conn: Connection) -> bool:
    """Grant each group what the permission table says, on every table of the schema; idempotent."""
    if conn.dialect.name != "postgresql":
        return False
    if not ensure_groups(conn):
        return False
    schema = conn.execute(text("SELECT current_schema()")).scalar()
    groups = ", ".join(_quote(g) for g in GROUPS.values())
    writers = ", ".join(_quote(GROUPS[r]) for r in (sec.TECHNICIAN, sec.ITAD_OPERATOR, sec.ADMINISTRATOR))
    conn.execute(text(f"GRANT USAGE ON SCHEMA {_quote(schema)} TO {groups}"))
    conn.execute(text(f"REVOKE ALL ON ALL TABLES IN SCHEMA {_quote(schema)} FROM {groups}"))
    conn.execute(text(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {_quote(schema)} FROM {groups}"))
    conn.execute(text(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {_quote(schema)} TO {writers}"))
    for table in inspect(conn).get_table_names(schema=schema):
        q = f"{_quote(schema)}.{_quote(table)}"
        if table == "users":
            cols = ", ".join(_quote(c) for c in USER_COLUMNS)
            conn.execute(text(f"GRANT SELECT ({cols}) ON {q} TO {groups}"))
        else:
            conn.execute(text(f"GRANT SELECT ON {q} TO {groups}"))
        for role, group in GROUPS.items():
            privs = privileges(table, role)
            if privs:
                conn.execute(text(f"GRANT {', '.join(privs)} ON {q} TO {_quote(group)}"))
    # Tables a later migration adds (as the same owner): readable by all, written by administrators, until
    # the migration (or 'itam db grants') applies the table's own privileges.
    conn.execute(text(f"ALTER DEFAULT PRIVILEGES IN SCHEMA {_quote(schema)} GRANT SELECT ON TABLES TO {groups}"))
    conn.execute(text(f"ALTER DEFAULT PRIVILEGES IN SCHEMA {_quote(schema)} "
                      f"GRANT INSERT, UPDATE, DELETE ON TABLES TO {_quote(GROUPS[sec.ADMINISTRATOR])}"))
    conn.execute(text(f"ALTER DEFAULT PRIVILEGES IN SCHEMA {_quote(schema)} "
                      f"GRANT USAGE, SELECT ON SEQUENCES TO {writers}"))
    _install_actor_trigger(conn)
    return True


#: A SQL expression: the session's login is one of the application's (a member of an itam group, not a superuser).
APPLICATION_LOGIN_SQL = (
    "(NOT COALESCE((SELECT rolsuper FROM pg_roles WHERE rolname = session_user), false) AND EXISTS ("
    "SELECT 1 FROM pg_roles g WHERE g.rolname IN ('itam_viewer', 'itam_technician', 'itam_itad_operator', "
    "'itam_admin') AND pg_has_role(session_user, g.oid, 'MEMBER')))"
)


def _install_actor_trigger(conn: Connection) -> None:
    for table, column in APPEND_ONLY.items():
        function = f"itam_check_actor_{table}"
        conn.execute(text(f"""
            CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                IF NEW.{column} IS DISTINCT FROM session_user::text AND {APPLICATION_LOGIN_SQL} THEN
                    RAISE EXCEPTION 'itam: % rows must name the database login % as their actor, not %',
                        TG_TABLE_NAME, session_user, NEW.{column} USING ERRCODE = '42501';
                END IF;
                RETURN NEW;
            END
            $fn$"""))
        conn.execute(text(f"DROP TRIGGER IF EXISTS itam_actor_is_login ON {_quote(table)}"))
        conn.execute(text(
            f"CREATE TRIGGER itam_actor_is_login BEFORE INSERT ON {_quote(table)} "
            f"FOR EACH ROW EXECUTE FUNCTION {function}()"))


def remove(conn: Connection) -> None:
    """Undo :func:`apply` on this database (the group roles stay: other databases may use them)."""
    if conn.dialect.name != "postgresql":
        return
    for table in APPEND_ONLY:
        conn.execute(text(f"DROP TRIGGER IF EXISTS itam_actor_is_login ON {_quote(table)}"))
        conn.execute(text(f"DROP FUNCTION IF EXISTS itam_check_actor_{table}()"))
    present = [g for g in GROUPS.values() if g not in missing_groups(conn)]
    if not present:
        return
    schema = conn.execute(text("SELECT current_schema()")).scalar()
    groups = ", ".join(_quote(g) for g in present)
    conn.execute(text(f"REVOKE ALL ON ALL TABLES IN SCHEMA {_quote(schema)} FROM {groups}"))
    conn.execute(text(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {_quote(schema)} FROM {groups}"))
    conn.execute(text(f"ALTER DEFAULT PRIVILEGES IN SCHEMA {_quote(schema)} REVOKE ALL ON TABLES FROM {groups}"))
    conn.execute(text(f"ALTER DEFAULT PRIVILEGES IN SCHEMA {_quote(schema)} REVOKE ALL ON SEQUENCES FROM {groups}"))
    conn.execute(text(f"REVOKE USAGE ON SCHEMA {_quote(schema)} FROM {groups}"))


# --- logins ----------------------------------------------------------------------------------------------------
def _run(conn: Connection, statement: str, *names: str, literal: str | None = None) -> None:
    """A role statement with ``{}`` for quoted ``names`` (and ``{literal}`` for one string literal), composed by
    psycopg's sql module on the connection's own cursor: names and passwords are quoted by the driver, never
    pasted into the text (and SQLAlchemy does not read ``:`` in them as parameters)."""
    from psycopg import sql

    parts = {"literal": sql.Literal(literal)} if literal is not None else {}
    composed = sql.SQL(statement).format(*(sql.Identifier(n) for n in names), **parts)
    with conn.connection.dbapi_connection.cursor() as cur:
        cur.execute(composed)


def login_exists(conn: Connection, login: str) -> bool:
    return conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": login}).first() is not None


def encrypted_password(conn: Connection, login: str, password: str) -> str:
    """The password as a SCRAM-SHA-256 verifier computed here (libpq), so no plain text reaches the server (or its
    statement log)."""
    pgconn = conn.connection.dbapi_connection.pgconn
    return pgconn.encrypt_password(password.encode("utf-8"), login.encode("utf-8"), b"scram-sha-256").decode("ascii")


def create_login(conn: Connection, login: str, password: str | None) -> None:
    if password is None:
        _run(conn, "CREATE ROLE {} LOGIN", login)
    else:
        _run(conn, "CREATE ROLE {} LOGIN PASSWORD {literal}", login, literal=encrypted_password(conn, login, password))


def set_password(conn: Connection, login: str, password: str) -> None:
    _run(conn, "ALTER ROLE {} PASSWORD {literal}", login, literal=encrypted_password(conn, login, password))


def set_membership(conn: Connection, login: str, role: str | None) -> None:
    """Make ``login`` a member of ``role``'s group only (None: of none, e.g. a disabled user).

    An administrator's login also gets CREATEROLE and the ADMIN OPTION on every group, so that it can add and
    change users itself; other logins lose both."""
    current = sorted(conn.execute(text(
        "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
        "JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = :n AND g.rolname = ANY(:groups)"),
        {"n": login, "groups": list(GROUPS.values())}).scalars())
    for group in current:
        _run(conn, "REVOKE {} FROM {}", group, login)
    if role is None:
        return
    if role == sec.ADMINISTRATOR:
        for group in GROUPS.values():
            _run(conn, "GRANT {} TO {} WITH ADMIN OPTION", group, login)
        _run(conn, "ALTER ROLE {} CREATEROLE", login)
    else:
        _run(conn, "GRANT {} TO {}", GROUPS[role], login)
        if conn.execute(text("SELECT rolcreaterole AND NOT rolsuper FROM pg_roles WHERE rolname = :n"),
                        {"n": login}).scalar():
            _run(conn, "ALTER ROLE {} NOCREATEROLE", login)


def session_login(conn: Connection) -> tuple[str, bool]:
    """The session's login and whether it is an application login (a member of an itam group)."""
    row = conn.execute(text(f"SELECT session_user::text, {APPLICATION_LOGIN_SQL}")).first()
    return row[0], bool(row[1])
