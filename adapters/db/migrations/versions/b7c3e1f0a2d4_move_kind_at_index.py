"""move (tenant, kind, at) index: the scheduler asks every second for the latest recent sales

Revision ID: b7c3e1f0a2d4
Revises: aa1d245978c0
Create Date: 2026-11-25 00:58:00
"""
from alembic import op

revision = 'b7c3e1f0a2d4'
down_revision = 'aa1d245978c0'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('move', schema=None) as batch_op:
        batch_op.create_index('ix_move_tenant_kind_at', ['tenant_id', 'kind', 'at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('move', schema=None) as batch_op:
        batch_op.drop_index('ix_move_tenant_kind_at')
