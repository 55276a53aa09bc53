"""move note: what the user said of a write (包装破损 · 发票号12345), kept on its moves

Revision ID: b9c3d4e5f6a7
Revises: a8b2c3d4e5f6
Create Date: 2026-12-04 23:20:00
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = 'b9c3d4e5f6a7'
down_revision = 'a8b2c3d4e5f6'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('move', schema=None) as batch_op:
        batch_op.add_column(sa.Column('note', sqlmodel.sql.sqltypes.AutoString(), server_default='', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('move', schema=None) as batch_op:
        batch_op.drop_column('note')
