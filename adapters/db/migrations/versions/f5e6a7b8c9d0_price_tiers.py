"""price tiers: a product's wholesale and member prices, a customer's tier (可乐批发价4元 · 王记按批发价)

Revision ID: f5e6a7b8c9d0
Revises: f4d5e6a7b8c9
Create Date: 2026-12-06 01:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = 'f5e6a7b8c9d0'
down_revision = 'f4d5e6a7b8c9'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('product') as batch_op:
        batch_op.add_column(sa.Column('wholesale_price', sa.Numeric(precision=20, scale=6), nullable=True))
        batch_op.add_column(sa.Column('member_price', sa.Numeric(precision=20, scale=6), nullable=True))
    with op.batch_alter_table('partner') as batch_op:
        batch_op.add_column(sa.Column('price_tier', sa.String(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('partner') as batch_op:
        batch_op.drop_column('price_tier')
    with op.batch_alter_table('product') as batch_op:
        batch_op.drop_column('member_price')
        batch_op.drop_column('wholesale_price')
