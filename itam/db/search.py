"""Substring search in SQLite through FTS5 trigram indexes (issue 6: a search over 1,000,000 assets within 300 ms).

``asset_search`` holds each asset's tag, serial, hostname, model and manufacturer (rowid = the asset's id);
``address_search`` each MAC or IP address (rowid = the asset_addresses row). Triggers keep both in step with
every write — ORM, bulk Core inserts, imports — so no code path can forget them. A term of three characters
or more is looked up in the trigram index (case-insensitive substring, the same matches as ``ILIKE
'%term%'``); shorter terms, and other databases, use the plain LIKE scan.

SQLite's batch migrations copy a table and drop the copy's triggers: :func:`ensure` (run at every start-up)
re-creates missing triggers and rebuilds the indexes from the tables when that happened.

PostgreSQL has its own trigram indexes, pg_trgm's GIN operator class, which PostgreSQL keeps up to date itself
and uses for ``ILIKE '%term%'`` directly: ``asset_search_text`` on the same five asset columns joined into one
text (a separator no term contains keeps every match inside one column) and ``address_search_value`` on the
address values. The lookups (:func:`lookups`) are ILIKE conditions on exactly those expressions, so the
matches are the plain scan's. Where the pg_trgm extension cannot be created (not installed, or no right to
create it) the indexes are left out and the same conditions scan the tables.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import String, bindparam, column, literal_column, select, table, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

log = logging.getLogger(__name__)

ASSET_COLUMNS = ("asset_tag", "serial", "hostname", "model", "manufacturer")
MIN_TERM = 3  # a trigram index needs three characters
#: What :func:`available` answers: the kind of trigram lookup a database has.
FTS5 = "fts5"
PG_TRGM = "pg_trgm"

TABLES = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS asset_search USING fts5("
    + ", ".join(ASSET_COLUMNS) + ", tokenize = 'trigram')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS address_search USING fts5(value, tokenize = 'trigram')",
)

_COLS = ", ".join(ASSET_COLUMNS)
_NEW = ", ".join(f"new.{c}" for c in ASSET_COLUMNS)
_SET = ", ".join(f"{c} = new.{c}" for c in ASSET_COLUMNS)

TRIGGERS = {
    "asset_search_insert": f"CREATE TRIGGER asset_search_insert AFTER INSERT ON assets BEGIN "
                           f"INSERT INTO asset_search (rowid, {_COLS}) VALUES (new.id, {_NEW}); END",
    "asset_search_update": f"CREATE TRIGGER asset_search_update AFTER UPDATE OF {_COLS} ON assets BEGIN "
                           f"UPDATE asset_search SET {_SET} WHERE rowid = new.id; END",
    "asset_search_delete": "CREATE TRIGGER asset_search_delete AFTER DELETE ON assets BEGIN "
                           "DELETE FROM asset_search WHERE rowid = old.id; END",
    "address_search_insert": "CREATE TRIGGER address_search_insert AFTER INSERT ON asset_addresses BEGIN "
                             "INSERT INTO address_search (rowid, value) VALUES (new.id, new.value); END",
    "address_search_update": "CREATE TRIGGER address_search_update AFTER UPDATE OF value ON asset_addresses BEGIN "
                             "UPDATE address_search SET value = new.value WHERE rowid = new.id; END",
    "address_search_delete": "CREATE TRIGGER address_search_delete AFTER DELETE ON asset_addresses BEGIN "
                             "DELETE FROM address_search WHERE rowid = old.id; END",
}


#: PostgreSQL: the five asset columns as one text, each apart from the next by the unit separator (U+001F), which
#: no search term contains — so a match is inside one column, as with the plain scan and SQLite's FTS5 table.
#: One expression index answers all five at once; PostgreSQL does not combine five indexes for an OR of five
#: ILIKEs (it estimates that dearer than a scan that is ten times slower).
PG_SEPARATOR = "\x1f"
PG_ASSET_TEXT = " || E'\\x1f' || ".join(f"coalesce({c}, '')" for c in ASSET_COLUMNS)
#: PostgreSQL: index name -> (table, indexed expression), each ``USING gin ((expression) gin_trgm_ops)``.
PG_INDEXES = {"asset_search_text": ("assets", PG_ASSET_TEXT), "address_search_value": ("asset_addresses", "value")}


def _install_postgresql(conn: Connection) -> bool:
    """The pg_trgm extension and the GIN indexes; False (a warning in the log) when pg_trgm is unavailable."""
    from itam.db.engine import PG_WRITE_LOCK_KEY

    # Queue with the writers (and with another workstation repairing the same index at its start-up).
    conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_WRITE_LOCK_KEY})
    try:
        with conn.begin_nested():
            conn.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
            for name, (tbl, expression) in PG_INDEXES.items():
                conn.execute(text(f"CREATE INDEX IF NOT EXISTS {name} ON {tbl} USING gin (({expression}) gin_trgm_ops)"))
    except DBAPIError as exc:
        # pg_trgm not installed on the server, or a login that may not create it or index the tables (an
        # application role starting up): searches stay correct, they scan instead.
        log.warning("cannot create the trigram search indexes on PostgreSQL (%s); searches scan the tables instead",
                    str(getattr(exc, "orig", exc)).strip().splitlines()[0])
        return False
    return True


def install(conn: Connection) -> None:
    """Create the search tables and triggers (SQLite; on PostgreSQL the trigram indexes) and fill the
    tables from the data."""
    if conn.dialect.name == "postgresql":
        _install_postgresql(conn)
        return
    if conn.dialect.name != "sqlite":
        return
    for ddl in TABLES:
        conn.execute(text(ddl))
    for name, ddl in TRIGGERS.items():
        conn.execute(text(f"DROP TRIGGER IF EXISTS {name}"))
        conn.execute(text(ddl))
    rebuild(conn)


def rebuild(conn: Connection) -> None:
    conn.execute(text("DELETE FROM asset_search"))
    conn.execute(text(f"INSERT INTO asset_search (rowid, {_COLS}) SELECT id, {_COLS} FROM assets"))
    conn.execute(text("DELETE FROM address_search"))
    conn.execute(text("INSERT INTO address_search (rowid, value) SELECT id, value FROM asset_addresses"))


def ensure(conn: Connection) -> bool:
    """Re-create what a table copy dropped; True when something had to be repaired."""
    if conn.dialect.name == "postgresql":
        have = set(conn.execute(text(
            "SELECT c.relname FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace "
            "AND c.relkind IN ('r', 'p', 'i')")).scalars())
        if "assets" not in have or all(name in have for name in PG_INDEXES):
            return False
        return _install_postgresql(conn)
    if conn.dialect.name != "sqlite":
        return False
    have = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')"))}
    if "assets" not in have:
        return False
    if "asset_search" in have and all(name in have for name in TRIGGERS):
        return False
    install(conn)
    return True


@contextmanager
def bulk_insert(conn: Connection) -> Iterator[None]:
    """Inside the caller's transaction: rows inserted in the block are indexed in one statement at its end
    instead of by a trigger per row (a bulk import runs twice as fast). The insert triggers are dropped and
    re-created in the same transaction, so another connection never sees them missing; an error rolls
    both back with the rows."""
    if conn.dialect.name != "sqlite":
        yield
        return
    last_asset = conn.execute(text("SELECT coalesce(max(id), 0) FROM assets")).scalar_one()
    last_address = conn.execute(text("SELECT coalesce(max(id), 0) FROM asset_addresses")).scalar_one()
    inserts = ("asset_search_insert", "address_search_insert")
    for name in inserts:
        conn.execute(text(f"DROP TRIGGER IF EXISTS {name}"))
    yield
    conn.execute(text(f"INSERT INTO asset_search (rowid, {_COLS}) SELECT id, {_COLS} FROM assets WHERE id > :last"),
                 {"last": last_asset})
    conn.execute(text("INSERT INTO address_search (rowid, value) SELECT id, value FROM asset_addresses WHERE id > :last"),
                 {"last": last_address})
    for name in inserts:
        conn.execute(text(TRIGGERS[name]))


def available(bind) -> str | None:  # noqa: ANN001 - a Connection or an Engine
    """The trigram lookup this database offers (FTS5 or PG_TRGM), None for a plain scan."""
    return {"sqlite": FTS5, "postgresql": PG_TRGM}.get(bind.dialect.name)


def lookups(kind: str, term: str, pattern: str, *, limit: int | None = None):  # noqa: ANN201 - two SQL selects
    """``(asset ids, asset_addresses row ids)`` whose text contains ``term``, through the ``kind`` of index;
    ``pattern`` is the escaped ``%term%`` of the ILIKE scan (backslash escapes)."""
    if kind == FTS5:
        tail = f" LIMIT {int(limit)}" if limit is not None else ""
        phrase = match_phrase(term)
        return (text(f"SELECT rowid FROM asset_search WHERE asset_search MATCH :phrase{tail}").bindparams(phrase=phrase),
                text(f"SELECT rowid FROM address_search WHERE address_search MATCH :address_phrase{tail}")
                .bindparams(address_phrase=phrase))
    assets = table("assets", column("id"))
    addresses = table("asset_addresses", column("id"), column("value"))
    # The indexed expression itself (as SQL text, so that PostgreSQL recognises it as the index's).
    asset_ids = select(assets.c.id).where(
        literal_column(f"({PG_ASSET_TEXT})").ilike(bindparam(None, pattern, type_=String), escape="\\"))
    address_ids = select(addresses.c.id).where(addresses.c.value.ilike(pattern, escape="\\"))
    if limit is not None:
        asset_ids, address_ids = asset_ids.limit(limit), address_ids.limit(limit)
    return asset_ids, address_ids


def match_phrase(term: str) -> str:
    """An FTS5 query for the literal substring ``term``: one quoted phrase, quotes doubled."""
    return '"' + term.replace('"', '""') + '"'


def usable(term: str) -> bool:
    """The trigram index answers terms of three characters or more (FTS5 counts characters, not bytes); on
    PostgreSQL, never one holding the separator of its indexed text."""
    return len(term) >= MIN_TERM and PG_SEPARATOR not in term
