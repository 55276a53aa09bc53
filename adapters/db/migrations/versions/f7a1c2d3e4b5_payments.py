"""payments: money received from customers and paid to suppliers (their accounts' other half)

Revision ID: f7a1c2d3e4b5
Revises: e6f1a2b3c4d5
Create Date: 2026-12-04 17:10:00
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel
import adapters.db.types


revision = 'f7a1c2d3e4b5'
down_revision = 'e6f1a2b3c4d5'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('payment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('partner', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('amount', sa.Numeric(precision=20, scale=6), nullable=False),
    sa.Column('at', adapters.db.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('actor', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('message_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('reverses', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('payment', schema=None) as batch_op:
        batch_op.create_index('ix_payment_partner', ['tenant_id', 'partner', 'at'], unique=False)
        batch_op.create_index(batch_op.f('ix_payment_tenant_id'), ['tenant_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('payment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_payment_tenant_id'))
        batch_op.drop_index('ix_payment_partner')
    op.drop_table('payment')
