"""network across servers: a link's shared secret and the other company's name; a message's id at its sender and
when it was delivered to another server

Revision ID: f0a1b2c3d4e5
Revises: e9f0a1b2c3d4
Create Date: 2026-12-05 15:00:00
"""
from alembic import op
import sqlalchemy as sa

import adapters.db.types


revision = 'f0a1b2c3d4e5'
down_revision = 'e9f0a1b2c3d4'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('network_link') as batch_op:
        batch_op.add_column(sa.Column('secret', sa.String(), nullable=True))
        batch_op.add_column(sa.Column('peer_name', sa.String(), nullable=True))
    with op.batch_alter_table('network_message') as batch_op:
        batch_op.add_column(sa.Column('remote_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('delivered_at', adapters.db.types.UTCDateTime(timezone=True), nullable=True))
        batch_op.create_index('ix_network_remote', ['recipient', 'sender', 'remote_id'], unique=True)


def downgrade() -> None:
    with op.batch_alter_table('network_message') as batch_op:
        batch_op.drop_index('ix_network_remote')
        batch_op.drop_column('delivered_at')
        batch_op.drop_column('remote_id')
    with op.batch_alter_table('network_link') as batch_op:
        batch_op.drop_column('peer_name')
        batch_op.drop_column('secret')
