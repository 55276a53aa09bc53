"""payment method: how a customer paid its account, or we paid a supplier, when said (团餐付了3000,微信): the cash-up
sets each method's count against it

Revision ID: fb2c3d4e5f6a
Revises: fa1b2c3d4e5f
Create Date: 2026-12-06 22:10:00
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = 'fb2c3d4e5f6a'
down_revision = 'fa1b2c3d4e5f'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('payment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('method', sqlmodel.sql.sqltypes.AutoString(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('payment', schema=None) as batch_op:
        batch_op.drop_column('method')
