"""Alembic environment: the URL comes from KUGUAN_DATABASE_URL (or the caller's connection)."""
from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

from adapters.db import engine as engines
from adapters.db import tables  # noqa: F401  (registers the tables)
from adapters.outbox import store as _outbox  # noqa: F401  (the outbox table)

config = context.config
target_metadata = SQLModel.metadata


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    eng = engines.make_engine(config.get_main_option("sqlalchemy.url") or engines.database_url())
    with eng.connect() as conn:
        context.configure(connection=conn, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
    eng.dispose()


run()
