"""running costs (费用: 交房租5000 · 付了电费800)

Revision ID: f6a7b8c9d0e1
Revises: f5e6a7b8c9d0
Create Date: 2026-12-06 01:30:00
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel
import adapters.db.types


revision = 'f6a7b8c9d0e1'
down_revision = 'f5e6a7b8c9d0'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('expense',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('at', adapters.db.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('amount', sa.Numeric(precision=20, scale=6), nullable=False),
    sa.Column('category', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('location', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('actor', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('message_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('reverses', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('expense', schema=None) as batch_op:
        batch_op.create_index('ix_expense_at', ['tenant_id', 'at'], unique=False)
        batch_op.create_index('ix_expense_tenant_number', ['tenant_id', 'number'], unique=True)
        batch_op.create_index(batch_op.f('ix_expense_tenant_id'), ['tenant_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('expense', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_expense_tenant_id'))
        batch_op.drop_index('ix_expense_tenant_number')
        batch_op.drop_index('ix_expense_at')
    op.drop_table('expense')
