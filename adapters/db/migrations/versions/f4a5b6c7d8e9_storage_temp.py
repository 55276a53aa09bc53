"""storage temperature: a product's range in ℃, which sensors' readings on its lots are checked against

Revision ID: f4a5b6c7d8e9
Revises: e3f4a5b6c7d8
Create Date: 2026-12-05 08:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = 'f4a5b6c7d8e9'
down_revision = 'e3f4a5b6c7d8'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('product', schema=None) as batch_op:
        batch_op.add_column(sa.Column('temp_min', sa.Numeric(precision=20, scale=6), nullable=True))
        batch_op.add_column(sa.Column('temp_max', sa.Numeric(precision=20, scale=6), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('product', schema=None) as batch_op:
        batch_op.drop_column('temp_max')
        batch_op.drop_column('temp_min')
