"""recipe operations: a product's routing (和面 · 发酵 · 烤制), the steps its work orders go through

Revision ID: c7d8e9f0a1b2
Revises: b6c7d8e9f0a1
Create Date: 2026-12-05 11:40:00
"""
from alembic import op
import sqlalchemy as sa


revision = 'c7d8e9f0a1b2'
down_revision = 'b6c7d8e9f0a1'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('recipe', schema=None) as batch_op:
        batch_op.add_column(sa.Column('operations', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('recipe', schema=None) as batch_op:
        batch_op.drop_column('operations')
