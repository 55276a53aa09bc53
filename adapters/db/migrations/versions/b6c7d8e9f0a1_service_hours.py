"""service hours: a service's bookable hours a day at a store, and what one hour of it counts as of another

Revision ID: b6c7d8e9f0a1
Revises: a5b6c7d8e9f0
Create Date: 2026-12-05 10:20:00
"""
from alembic import op
import sqlalchemy as sa


revision = 'b6c7d8e9f0a1'
down_revision = 'a5b6c7d8e9f0'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('product', schema=None) as batch_op:
        batch_op.add_column(sa.Column('capacity', sa.Numeric(precision=20, scale=6), nullable=True))
        batch_op.add_column(sa.Column('counts_as', sa.String(), nullable=True))
        batch_op.add_column(sa.Column('counts_factor', sa.Numeric(precision=20, scale=6), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('product', schema=None) as batch_op:
        batch_op.drop_column('counts_factor')
        batch_op.drop_column('counts_as')
        batch_op.drop_column('capacity')
