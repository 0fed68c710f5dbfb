"""users and roles; PostgreSQL group roles and grants

Revision ID: 0006
Revises: 0004
Create Date: 2026-11-25 09:00:00

The users table (login, display name, role, active, optional argon2id password hash). On PostgreSQL also
the group roles itam_viewer, itam_technician, itam_itad_operator and itam_admin with the GRANTs the
permission table implies, the history and the custody and certificate ledgers INSERT + SELECT only, and
a trigger that makes an application login write its own name as the actor (itam/db/grants.py). SQLite
has no roles: the service layer enforces the same table there.
"""

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('login', sa.String(length=200), nullable=False),
    sa.Column('display_name', sa.String(length=200), nullable=True),
    sa.Column('role', sa.String(length=32), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('password_hash', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=200), nullable=True),
    sa.Column('updated_by', sa.String(length=200), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('login', name=op.f('uq_users_login'))
    )
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        from itam.db import grants

        grants.apply(bind)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        from itam.db import grants

        grants.remove(bind)
    op.drop_table('users')
