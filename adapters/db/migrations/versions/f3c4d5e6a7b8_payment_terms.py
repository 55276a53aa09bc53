"""a partner's payment terms (账期: 团餐账期30天 · 张记月结60天 · 现结)

Revision ID: f3c4d5e6a7b8
Revises: f2b3c4d5e6f7
Create Date: 2026-12-05 22:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = 'f3c4d5e6a7b8'
down_revision = 'f2b3c4d5e6f7'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('partner') as batch_op:
        batch_op.add_column(sa.Column('payment_terms', sa.String(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('partner') as batch_op:
        batch_op.drop_column('payment_terms')
