"""invoices (发票: 张记开了发票3200 · 给团餐开了发票5000, held against the month's goods)

Revision ID: f8c9d0e1f2a3
Revises: f7b8c9d0e1f2
Create Date: 2026-12-06 04:00:00
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel
import adapters.db.types


revision = 'f8c9d0e1f2a3'
down_revision = 'f7b8c9d0e1f2'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('invoice',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('partner', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('month', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('amount', sa.Numeric(precision=20, scale=6), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('at', adapters.db.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('actor', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('message_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('reverses', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('invoice', schema=None) as batch_op:
        batch_op.create_index('ix_invoice_partner_month', ['tenant_id', 'partner', 'month'], unique=False)
        batch_op.create_index('ix_invoice_tenant_number', ['tenant_id', 'number'], unique=True)
        batch_op.create_index(batch_op.f('ix_invoice_tenant_id'), ['tenant_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('invoice', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_invoice_tenant_id'))
        batch_op.drop_index('ix_invoice_tenant_number')
        batch_op.drop_index('ix_invoice_partner_month')
    op.drop_table('invoice')
