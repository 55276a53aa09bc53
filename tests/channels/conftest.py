"""Outbox tables on SQLite (always) and PostgreSQL (when reachable, else a visible skip)."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from adapters.outbox import store as store_
from tests.conftest import fresh_engine


def outbox_engine(kind: str, tmp_path: Path, pg_url: str | None) -> Engine:
    """A migrated database (the outbox table comes from the Alembic migration, as in production)."""
    eng: Engine = fresh_engine(kind, tmp_path, pg_url)
    return eng


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    url = request.getfixturevalue("pg_url") if request.param == "postgresql" else None
    eng = outbox_engine(request.param, tmp_path, url)
    yield eng
    eng.dispose()


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Iterator[Engine]:
    eng = outbox_engine("sqlite", tmp_path, None)
    yield eng
    eng.dispose()


@pytest.fixture
def store(sqlite_db: Engine) -> store_.OutboxStore:
    return store_.OutboxStore(sqlite_db)
