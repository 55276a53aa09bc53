"""quotations (报价单: 给王记报价…, 报价1转订单)

Revision ID: f7b8c9d0e1f2
Revises: f6a7b8c9d0e1
Create Date: 2026-12-06 02:00:00
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel
import adapters.db.types


revision = 'f7b8c9d0e1f2'
down_revision = 'f6a7b8c9d0e1'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('quote',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('partner', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('lines', sa.JSON(), nullable=True),
    sa.Column('created_at', adapters.db.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('valid_until', adapters.db.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('order_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('quote', schema=None) as batch_op:
        batch_op.create_index('ix_quote_tenant_number', ['tenant_id', 'number'], unique=True)
        batch_op.create_index(batch_op.f('ix_quote_tenant_id'), ['tenant_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('quote', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quote_tenant_id'))
        batch_op.drop_index('ix_quote_tenant_number')
    op.drop_table('quote')
