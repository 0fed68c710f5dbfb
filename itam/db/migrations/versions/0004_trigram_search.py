"""trigram search indexes for assets and their addresses (SQLite FTS5, PostgreSQL pg_trgm)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24 00:05:00
"""

from alembic import op

from itam.db import search

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # FTS5 trigram tables kept by triggers on SQLite, pg_trgm GIN indexes on PostgreSQL (itam/db/search.py).
    search.install(op.get_bind())


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        for name in search.PG_INDEXES:
            op.execute(f"DROP INDEX IF EXISTS {name}")
        return
    if bind.dialect.name != "sqlite":
        return
    for name in search.TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS asset_search")
    op.execute("DROP TABLE IF EXISTS address_search")
