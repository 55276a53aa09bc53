"""the audit trail indexed by who wrote it (when someone last changed something) and by action

Revision ID: f1a2b3c4d5e6
Revises: f0a1b2c3d4e5
Create Date: 2026-12-05 17:45:00
"""
from alembic import op


revision = 'f1a2b3c4d5e6'
down_revision = 'f0a1b2c3d4e5'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('audit') as batch_op:
        batch_op.create_index('ix_audit_actor', ['tenant_id', 'actor', 'at'], unique=False)
        batch_op.create_index('ix_audit_action', ['tenant_id', 'action', 'id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('audit') as batch_op:
        batch_op.drop_index('ix_audit_action')
        batch_op.drop_index('ix_audit_actor')
