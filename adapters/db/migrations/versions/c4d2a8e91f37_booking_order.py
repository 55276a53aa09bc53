"""booking order: a customer order's bookings point at it

Revision ID: c4d2a8e91f37
Revises: b9f48ccb6bf5
Create Date: 2026-12-03 16:40:00
"""
from alembic import op
import sqlalchemy as sa


revision = 'c4d2a8e91f37'
down_revision = 'b9f48ccb6bf5'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('booking', schema=None) as batch_op:
        batch_op.add_column(sa.Column('order_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_booking_order_id'), ['order_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('booking', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_booking_order_id'))
        batch_op.drop_column('order_id')
