"""expense method: how a running cost was paid, when said (费用:打印纸50元,现金 · 从钱箱拿了50买打印纸): the cash-up
takes the cash paid out of the till off what it expects

Revision ID: fc3d4e5f6a7b
Revises: fb2c3d4e5f6a
Create Date: 2026-12-07 02:05:00
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = 'fc3d4e5f6a7b'
down_revision = 'fb2c3d4e5f6a'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('expense', schema=None) as batch_op:
        batch_op.add_column(sa.Column('method', sqlmodel.sql.sqltypes.AutoString(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('expense', schema=None) as batch_op:
        batch_op.drop_column('method')
