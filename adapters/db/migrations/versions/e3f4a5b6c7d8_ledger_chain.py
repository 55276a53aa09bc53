"""ledger chain: each move's place and hash in its tenant's chain, and the chain's head

Revision ID: e3f4a5b6c7d8
Revises: d2e3f4a5b6c7
Create Date: 2026-12-05 07:00:00

Existing moves are sealed here, in the order of their ids, with the chain's frozen canonical form.
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel

from adapters.db import repos
from adapters.db.types import UTCDateTime
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
    qty = sa.Numeric(20, 6)
    # the move table as it is at this revision (never the models of a later one)
    move = sa.table('move', *(sa.column(n) for n in ('id', 'tenant_id', 'batch', 'kind', 'sku', 'src', 'dst', 'lot',
                                                     'partner', 'actor', 'message_id', 'reverses', 'order_id', 'note',
                                                     'seq', 'chain')),
                    sa.column('qty', qty), sa.column('unit_cost', qty), sa.column('unit_price', qty),
                    sa.column('at', UTCDateTime()))
    tenant = sa.table('tenant', sa.column('id'))
    head = sa.table('ledger_head', sa.column('tenant_id'), sa.column('count'), sa.column('hash'))
    update = move.update().where(move.c.id == sa.bindparam('mid')).values(seq=sa.bindparam('s'),
                                                                          chain=sa.bindparam('h'))
    for (tid,) in conn.execute(sa.select(tenant.c.id)).all():
        count, prev, last = 0, chain.GENESIS, 0
        while True:
            rows = conn.execute(sa.select(*(c for c in move.c if c.name not in ('seq', 'chain'))).where(move.c.tenant_id == tid, move.c.id > last)
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
        conn.execute(sa.insert(head).values(tenant_id=tid, count=count, hash=prev))


def downgrade() -> None:
    op.drop_table('ledger_head')
    with op.batch_alter_table('move', schema=None) as batch_op:
        batch_op.drop_index('ix_move_tenant_lot')
        batch_op.drop_constraint('uq_move_tenant_seq', type_='unique')
        batch_op.drop_column('chain')
        batch_op.drop_column('seq')
