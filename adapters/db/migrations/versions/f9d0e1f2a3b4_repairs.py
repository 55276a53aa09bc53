"""repairs (维修单: 王记送修蓝牙耳机,串号SN001,不出声 · 维修单1寄给绿联 · 维修单1修好了 · 维修单1取走了)

Revision ID: f9d0e1f2a3b4
Revises: f8c9d0e1f2a3
Create Date: 2026-12-06 06:20:00
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel
import adapters.db.types


revision = 'f9d0e1f2a3b4'
down_revision = 'f8c9d0e1f2a3'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('repair',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('sku', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('serial', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('new_serial', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('partner', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('supplier', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('location', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('fault', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('outcome', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('fee', sa.Numeric(precision=20, scale=6), nullable=True),
    sa.Column('in_warranty', sa.Boolean(), nullable=True),
    sa.Column('created_at', adapters.db.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('steps', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('repair', schema=None) as batch_op:
        batch_op.create_index('ix_repair_serial', ['tenant_id', 'serial'], unique=False)
        batch_op.create_index('ix_repair_tenant_number', ['tenant_id', 'number'], unique=True)
        batch_op.create_index(batch_op.f('ix_repair_tenant_id'), ['tenant_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('repair', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_repair_tenant_id'))
        batch_op.drop_index('ix_repair_tenant_number')
        batch_op.drop_index('ix_repair_serial')
    op.drop_table('repair')
