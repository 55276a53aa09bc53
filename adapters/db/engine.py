"""Engines: SQLite (WAL, busy timeout, serialized write transactions) or PostgreSQL."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine

DEFAULT_URL = "sqlite:///var/kuguan.db"


def database_url() -> str:
    return os.environ.get("KUGUAN_DATABASE_URL", DEFAULT_URL)


def make_engine(url: str | None = None, **kw: Any) -> Engine:
    url = url or database_url()
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False}, **kw)
        _sqlite_setup(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, **kw)


def _sqlite_setup(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _rec: Any) -> None:
        dbapi_conn.isolation_level = None  # we emit BEGIN ourselves
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # Write transactions take the write lock up front, so concurrent writers serialize
        # instead of failing with "database is locked" on upgrade from a read lock.
        mode = "IMMEDIATE" if conn.get_execution_options().get("kuguan_write", True) else "DEFERRED"
        conn.exec_driver_sql(f"BEGIN {mode}")
