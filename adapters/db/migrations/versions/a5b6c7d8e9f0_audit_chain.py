"""audit chain: each audited action's place and hash in its tenant's audit chain, kept beside the moves' head

Revision ID: a5b6c7d8e9f0
Revises: f4a5b6c7d8e9
Create Date: 2026-12-05 09:00:00

Existing audits are sealed here, in the order of their ids.
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel

from adapters.db.types import UTCDateTime
from domain import chain


revision = 'a5b6c7d8e9f0'
down_revision = 'f4a5b6c7d8e9'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('audit', schema=None) as batch_op:
        batch_op.add_column(sa.Column('seq', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('chain', sqlmodel.sql.sqltypes.AutoString(), nullable=True))
        batch_op.create_unique_constraint('uq_audit_tenant_seq', ['tenant_id', 'seq'])
    with op.batch_alter_table('ledger_head', schema=None) as batch_op:
        batch_op.add_column(sa.Column('audit_count', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('audit_hash', sqlmodel.sql.sqltypes.AutoString(), server_default='',
                                      nullable=False))
    conn = op.get_bind()
    # the tables as they are at this revision (never the models of a later one)
    audit = sa.table('audit', sa.column('id'), sa.column('tenant_id'), sa.column('at', UTCDateTime()),
                     sa.column('actor'), sa.column('action'), sa.column('detail', sa.JSON()), sa.column('seq'),
                     sa.column('chain'))
    head = sa.table('ledger_head', sa.column('tenant_id'), sa.column('count'), sa.column('hash'),
                    sa.column('audit_count'), sa.column('audit_hash'))
    tenant = sa.table('tenant', sa.column('id'))
    update = audit.update().where(audit.c.id == sa.bindparam('aid')).values(seq=sa.bindparam('s'),
                                                                            chain=sa.bindparam('h'))
    for (tid,) in conn.execute(sa.select(tenant.c.id)).all():
        count, prev, last = 0, chain.GENESIS, 0
        while True:
            rows = conn.execute(sa.select(audit.c.id, audit.c.at, audit.c.actor, audit.c.action, audit.c.detail)
                                .where(audit.c.tenant_id == tid, audit.c.id > last).order_by(audit.c.id)
                                .limit(5000)).all()
            params = []
            for r in rows:
                count += 1
                prev = chain.link_audit(prev, chain.AuditEntry(at=r.at, actor=r.actor, action=r.action,
                                                               detail=dict(r.detail or {}), id=r.id))
                params.append({'aid': r.id, 's': count, 'h': prev})
            if params:
                conn.execute(update, params)
            if len(rows) < 5000:
                break
            last = rows[-1].id
        if conn.execute(sa.select(head.c.tenant_id).where(head.c.tenant_id == tid)).first() is None:
            conn.execute(sa.insert(head).values(tenant_id=tid, count=0, hash=chain.GENESIS, audit_count=count,
                                                audit_hash=prev))
        else:
            conn.execute(head.update().where(head.c.tenant_id == tid).values(audit_count=count, audit_hash=prev))


def downgrade() -> None:
    with op.batch_alter_table('ledger_head', schema=None) as batch_op:
        batch_op.drop_column('audit_hash')
        batch_op.drop_column('audit_count')
    with op.batch_alter_table('audit', schema=None) as batch_op:
        batch_op.drop_constraint('uq_audit_tenant_seq', type_='unique')
        batch_op.drop_column('chain')
        batch_op.drop_column('seq')
