"""Substring search in SQLite through FTS5 trigram indexes (issue 6: a search over 1,000,000 assets within 300 ms).

``asset_search`` holds each asset's tag, serial, hostname, model and manufacturer (rowid = the asset's id);
``address_search`` each MAC or IP address (rowid = the asset_addresses row). Triggers keep both in step with
every write — ORM, bulk Core inserts, imports — so no code path can forget them. A term of three characters
or more is looked up in the trigram index (case-insensitive substring, the same matches as ``ILIKE
'%term%'``); shorter terms, and other databases, use the plain LIKE scan.

SQLite's batch migrations copy a table and drop the copy's triggers: :func:`ensure` (run at every start-up)
re-creates missing triggers and rebuilds the indexes from the tables when that happened.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import text
from sqlalchemy.engine import Connection

ASSET_COLUMNS = ("asset_tag", "serial", "hostname", "model", "manufacturer")
MIN_TERM = 3  # a trigram index needs three characters

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


def install(conn: Connection) -> None:
    """Create the search tables and triggers (SQLite only) and fill the tables from the data."""
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


def available(bind) -> bool:  # noqa: ANN001 - a Connection or an Engine
    return bind.dialect.name == "sqlite"


def match_phrase(term: str) -> str:
    """An FTS5 query for the literal substring ``term``: one quoted phrase, quotes doubled."""
    return '"' + term.replace('"', '""') + '"'


def usable(term: str) -> bool:
    """The trigram index answers terms of three characters or more (FTS5 counts characters, not bytes)."""
    return len(term) >= MIN_TERM
