"""Alembic environment: always run programmatically with a connection handed in by itam.db.migrate."""

from alembic import context

from itam.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = config.attributes["connection"]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things: batch mode copies the table instead.
        render_as_batch=True,
        compare_type=True,
        # The search tables (SQLite FTS5) and indexes (PostgreSQL pg_trgm) of itam/db/search.py are made by
        # migration 0004, not by the models.
        include_name=lambda name, type_, _parents: not (type_ in ("table", "index") and name and (
            name.startswith("asset_search") or name.startswith("address_search"))),
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():  # pragma: no cover - itam never generates SQL scripts offline
    raise SystemExit("itam migrations run online only")
run_migrations_online()
