"""tenant numbers: orders, rules and payments are numbered per company (#1, #2 …), not by the server's row ids

Several companies share one server (the network of companies): a row id counts every company's orders, so a new
company's first order was #2417 and the numbers told each company how busy the others were. Existing rows keep
their id as their number, so every stored reference (a move's order, a booking's, an alert's rule:<n>, a payment's
reversal) still names the same row.

Revision ID: e9f0a1b2c3d4
Revises: d8e9f0a1b2c3
Create Date: 2026-12-05 14:40:00
"""
from alembic import op
import sqlalchemy as sa


revision = 'e9f0a1b2c3d4'
down_revision = 'd8e9f0a1b2c3'
branch_labels = None
depends_on = None

TABLES = ('orders', 'rule', 'payment')


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(sa.Column('number', sa.Integer(), nullable=True))
        op.execute(f'UPDATE {table} SET number = id')
        with op.batch_alter_table(table) as batch_op:
            batch_op.alter_column('number', existing_type=sa.Integer(), nullable=False)
            batch_op.create_index(f'ix_{table}_tenant_number', ['tenant_id', 'number'], unique=True)


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_index(f'ix_{table}_tenant_number')
            batch_op.drop_column('number')
