"""a product kept by serial number and its warranty (蓝牙耳机按串号管理 · 蓝牙耳机保修一年)

Revision ID: f4d5e6a7b8c9
Revises: f3c4d5e6a7b8
Create Date: 2026-12-06 00:30:00
"""
from alembic import op
import sqlalchemy as sa


revision = 'f4d5e6a7b8c9'
down_revision = 'f3c4d5e6a7b8'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('product') as batch_op:
        batch_op.add_column(sa.Column('serial', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('warranty_days', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('product') as batch_op:
        batch_op.drop_column('warranty_days')
        batch_op.drop_column('serial')
