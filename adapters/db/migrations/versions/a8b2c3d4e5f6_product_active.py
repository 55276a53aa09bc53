"""product active: a product retired from the catalog (下架) keeps its history but is no longer matched or planned

Revision ID: a8b2c3d4e5f6
Revises: f7a1c2d3e4b5
Create Date: 2026-12-04 23:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = 'a8b2c3d4e5f6'
down_revision = 'f7a1c2d3e4b5'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('product', schema=None) as batch_op:
        batch_op.add_column(sa.Column('active', sa.Boolean(), server_default=sa.true(), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('product', schema=None) as batch_op:
        batch_op.drop_column('active')
