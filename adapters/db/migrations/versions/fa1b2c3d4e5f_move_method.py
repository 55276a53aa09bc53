"""move method: how a sale was paid, or a return refunded, when said (卖了手机壳3个,微信收款): the cash-up sets each
method's count against the sales said to be paid by it

Revision ID: fa1b2c3d4e5f
Revises: f9d0e1f2a3b4
Create Date: 2026-12-06 21:00:00

The moves sealed before it are unchanged: the chain writes a move's method only when it has one.
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = 'fa1b2c3d4e5f'
down_revision = 'f9d0e1f2a3b4'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('move', schema=None) as batch_op:
        batch_op.add_column(sa.Column('method', sqlmodel.sql.sqltypes.AutoString(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('move', schema=None) as batch_op:
        batch_op.drop_column('method')
