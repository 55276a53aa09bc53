"""supplier terms: a product's usual supplier, lead time and minimum order; a supplier's lead time

Revision ID: d5e7f3a1b2c9
Revises: c4d2a8e91f37
Create Date: 2026-12-04 03:40:00
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = 'd5e7f3a1b2c9'
down_revision = 'c4d2a8e91f37'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('product', schema=None) as batch_op:
        batch_op.add_column(sa.Column('supplier', sqlmodel.sql.sqltypes.AutoString(), nullable=True))
        batch_op.add_column(sa.Column('lead_time_days', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('moq', sa.Numeric(precision=20, scale=6), nullable=True))
    with op.batch_alter_table('partner', schema=None) as batch_op:
        batch_op.add_column(sa.Column('lead_time_days', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('partner', schema=None) as batch_op:
        batch_op.drop_column('lead_time_days')
    with op.batch_alter_table('product', schema=None) as batch_op:
        batch_op.drop_column('moq')
        batch_op.drop_column('lead_time_days')
        batch_op.drop_column('supplier')
