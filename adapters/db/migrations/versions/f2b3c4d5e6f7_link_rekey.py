"""a network link's previous key, still taken for a while after the key changed (更换和张记的联网密钥)

Revision ID: f2b3c4d5e6f7
Revises: f1a2b3c4d5e6
Create Date: 2026-12-05 18:00:00
"""
from alembic import op
import sqlalchemy as sa

import adapters.db.types


revision = 'f2b3c4d5e6f7'
down_revision = 'f1a2b3c4d5e6'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('network_link') as batch_op:
        batch_op.add_column(sa.Column('secret_prev', sa.String(), nullable=True))
        batch_op.add_column(sa.Column('prev_until', adapters.db.types.UTCDateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('network_link') as batch_op:
        batch_op.drop_column('prev_until')
        batch_op.drop_column('secret_prev')
