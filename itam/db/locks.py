"""Row locks that also hold for the row's very first use.

``SELECT … FOR UPDATE`` serialises writers on a row that exists; on a row that does not exist yet it locks
nothing, and two transactions that both find it missing both insert it — on PostgreSQL the second then fails
with a duplicate key (the first certificate of a series, the first entry of a chain issued at the same
moment on two workstations). :func:`lock_row` inserts a missing row with ``ON CONFLICT DO NOTHING`` (the
second inserter waits for the first to commit and then inserts nothing) and locks it afterwards, so whoever
comes second reads what the first one wrote. On SQLite, writers are serialised by ``BEGIN IMMEDIATE`` and
the same statements simply run one after the other.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Row, Table, and_, insert, select
from sqlalchemy.engine import Connection


def insert_missing(conn: Connection, table: Table, values: Mapping[str, Any]) -> None:
    """Insert ``values`` unless a row with the same key exists (or is being inserted by another transaction)."""
    name = conn.dialect.name
    if name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    elif name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    else:  # pragma: no cover - itam supports SQLite and PostgreSQL
        conn.execute(insert(table).values(**values))
        return
    conn.execute(dialect_insert(table).values(**values).on_conflict_do_nothing())


def lock_row(conn: Connection, table: Table, key: Mapping[str, Any], defaults: Mapping[str, Any]) -> Row:
    """The row of ``table`` with primary key ``key``, locked until the transaction ends; created with
    ``defaults`` first when it does not exist."""
    where = and_(*(table.c[k] == v for k, v in key.items()))
    row = conn.execute(select(table).where(where).with_for_update()).first()
    if row is None:
        insert_missing(conn, table, {**key, **defaults})
        row = conn.execute(select(table).where(where).with_for_update()).one()
    return row
