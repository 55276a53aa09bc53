"""message media: a chart or spreadsheet kept with the bot's message, so a redelivered message is answered whole

Revision ID: e6f1a2b3c4d5
Revises: d5e7f3a1b2c9
Create Date: 2026-12-04 08:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = 'e6f1a2b3c4d5'
down_revision = 'd5e7f3a1b2c9'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('bot_message', schema=None) as batch_op:
        batch_op.add_column(sa.Column('media', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('bot_message', schema=None) as batch_op:
        batch_op.drop_column('media')
