"""credentials (secrets sealed by the vault), audit outcomes, installed software

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24 02:00:00

Credential sets for SNMP, SSH and WinRM audits keep only AES-GCM ciphertext of their secrets (the vault's
key is in the OS keyring or behind a passphrase, itam/audit/vault.py). Every audit of an address is kept
with its facts or its error; installed software per asset carries first and last seen.
"""

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('credentials',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('username', sa.String(length=200), nullable=True),
    sa.Column('scope', sa.JSON(), nullable=False),
    sa.Column('secret', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=200), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_credentials')),
    sa.UniqueConstraint('name', name=op.f('uq_credentials_name'))
    )
    op.create_table('asset_audits',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('asset_id', sa.Integer(), nullable=True),
    sa.Column('scan_id', sa.Integer(), nullable=True),
    sa.Column('address', sa.String(length=64), nullable=False),
    sa.Column('method', sa.String(length=16), nullable=True),
    sa.Column('credential', sa.String(length=80), nullable=True),
    sa.Column('collected_at', sa.DateTime(), nullable=False),
    sa.Column('seconds', sa.Float(), nullable=True),
    sa.Column('ok', sa.Boolean(), nullable=False),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('facts', sa.JSON(), nullable=True),
    sa.Column('actor', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['asset_id'], ['assets.id'], name=op.f('fk_asset_audits_asset_id_assets')),
    sa.ForeignKeyConstraint(['scan_id'], ['scans.id'], name=op.f('fk_asset_audits_scan_id_scans')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_asset_audits'))
    )
    op.create_index('ix_asset_audits_asset_id_collected_at', 'asset_audits', ['asset_id', 'collected_at'], unique=False)
    op.create_index(op.f('ix_asset_audits_address'), 'asset_audits', ['address'], unique=False)
    op.create_index(op.f('ix_asset_audits_scan_id'), 'asset_audits', ['scan_id'], unique=False)
    op.create_table('installed_software',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('asset_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('version', sa.String(length=120), nullable=False),
    sa.Column('vendor', sa.String(length=200), nullable=True),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('first_seen', sa.DateTime(), nullable=False),
    sa.Column('last_seen', sa.DateTime(), nullable=False),
    sa.Column('removed_at', sa.DateTime(), nullable=True),
    sa.Column('audit_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['asset_id'], ['assets.id'], name=op.f('fk_installed_software_asset_id_assets')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_installed_software'))
    )
    op.create_index('uq_installed_software_asset_id_name_version', 'installed_software', ['asset_id', 'name', 'version'], unique=True)
    op.create_index(op.f('ix_installed_software_asset_id'), 'installed_software', ['asset_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_installed_software_asset_id'), table_name='installed_software')
    op.drop_index('uq_installed_software_asset_id_name_version', table_name='installed_software')
    op.drop_table('installed_software')
    op.drop_index(op.f('ix_asset_audits_scan_id'), table_name='asset_audits')
    op.drop_index(op.f('ix_asset_audits_address'), table_name='asset_audits')
    op.drop_index('ix_asset_audits_asset_id_collected_at', table_name='asset_audits')
    op.drop_table('asset_audits')
    op.drop_table('credentials')
