"""ledger chain: each move's place and hash in its tenant's chain, and the chain's head

Revision ID: e3f4a5b6c7d8
Revises: d2e3f4a5b6c7
Create Date: 2026-12-05 07:00:00

Existing moves are sealed here, in the order of their ids, with the chain's frozen canonical form.
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel

from adapters.db import repos, tables
from domain import chain


revision = 'e3f4a5b6c7d8'
down_revision = 'd2e3f4a5b6c7'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('move', schema=None) as batch_op:
        batch_op.add_column(sa.Column('seq', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('chain', sqlmodel.sql.sqltypes.AutoString(), nullable=True))
        batch_op.create_unique_constraint('uq_move_tenant_seq', ['tenant_id', 'seq'])
        batch_op.create_index('ix_move_tenant_lot', ['tenant_id', 'sku', 'lot'], unique=False)
    op.create_table('ledger_head',
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.Column('hash', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], ),
    sa.PrimaryKeyConstraint('tenant_id')
    )
    conn = op.get_bind()
    move = tables.Move.__table__
    update = move.update().where(move.c.id == sa.bindparam('mid')).values(seq=sa.bindparam('s'),
                                                                          chain=sa.bindparam('h'))
    for (tid,) in conn.execute(sa.select(tables.Tenant.__table__.c.id)).all():
        count, prev, last = 0, chain.GENESIS, 0
        while True:
            rows = conn.execute(sa.select(*move.c).where(move.c.tenant_id == tid, move.c.id > last)
                                .order_by(move.c.id).limit(5000)).all()
            params = []
            for r in rows:
                count += 1
                prev = chain.link(prev, repos.move_of(r))
                params.append({'mid': r.id, 's': count, 'h': prev})
            if params:
                conn.execute(update, params)
            if len(rows) < 5000:
                break
            last = rows[-1].id
        conn.execute(sa.insert(tables.LedgerHead.__table__).values(tenant_id=tid, count=count, hash=prev))


def downgrade() -> None:
    op.drop_table('ledger_head')
    with op.batch_alter_table('move', schema=None) as batch_op:
        batch_op.drop_index('ix_move_tenant_lot')
        batch_op.drop_constraint('uq_move_tenant_seq', type_='unique')
        batch_op.drop_column('chain')
        batch_op.drop_column('seq')
