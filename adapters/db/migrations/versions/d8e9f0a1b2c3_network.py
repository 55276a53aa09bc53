"""network: links between companies on this server and the messages they send each other

Revision ID: d8e9f0a1b2c3
Revises: c7d8e9f0a1b2
Create Date: 2026-12-05 12:00:00
"""
from alembic import op
import sqlalchemy as sa

import adapters.db.types


revision = 'd8e9f0a1b2c3'
down_revision = 'c7d8e9f0a1b2'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'network_link',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('tenant_id', sa.Integer(), nullable=False),
        sa.Column('partner', sa.String(), nullable=False),
        sa.Column('status', sa.String(), nullable=False),
        sa.Column('peer', sa.String(), nullable=True),
        sa.Column('code', sa.String(), nullable=True),
        sa.Column('location', sa.String(), nullable=True),
        sa.Column('at', adapters.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column('by', sa.String(), nullable=True),
        sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('tenant_id', 'partner'),
        sa.UniqueConstraint('code', name='uq_network_code'),
    )
    op.create_index(op.f('ix_network_link_tenant_id'), 'network_link', ['tenant_id'], unique=False)
    op.create_table(
        'network_message',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('sender', sa.String(), nullable=False),
        sa.Column('recipient', sa.String(), nullable=False),
        sa.Column('kind', sa.String(), nullable=False),
        sa.Column('subject', sa.String(), nullable=False),
        sa.Column('payload', sa.JSON(), nullable=True),
        sa.Column('at', adapters.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column('applied_at', adapters.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column('result', sa.String(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_network_inbox', 'network_message', ['recipient', 'applied_at', 'id'], unique=False)
    op.create_index('ix_network_subject', 'network_message', ['sender', 'recipient', 'subject', 'id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_network_subject', table_name='network_message')
    op.drop_index('ix_network_inbox', table_name='network_message')
    op.drop_table('network_message')
    op.drop_index(op.f('ix_network_link_tenant_id'), table_name='network_link')
    op.drop_table('network_link')
