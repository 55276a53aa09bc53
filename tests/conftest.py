"""Shared fixtures: real databases (SQLite always; PostgreSQL when reachable, else a visible skip)."""
from __future__ import annotations

import os
import uuid
import warnings
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy import exc as sa_exc

from adapters import importer
from adapters.db import engine as engines
from adapters.db import migrate as migrations
from adapters.db import uow as uows

warnings.filterwarnings("ignore", category=sa_exc.SAWarning)
ROOT = Path(__file__).resolve().parents[1]
CAFE = ROOT / "tests" / "fixtures" / "cafe"
DEMO = ROOT / "adapters" / "demo"
TZ = ZoneInfo("Asia/Shanghai")
PG_ADMIN = os.environ.get("KUGUAN_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
T0 = datetime(2026, 6, 15, 9, 0, tzinfo=TZ)


def pg_available() -> bool:
    try:
        eng = create_engine(PG_ADMIN, connect_args={"connect_timeout": 2})
        with eng.connect() as c:
            c.execute(text("select 1"))
        eng.dispose()
        return True
    except Exception:
        return False


REDIS_URL = "redis://127.0.0.1:6379/0"


def concurrently(workers: int, work) -> None:  # type: ignore[no-untyped-def]
    """``work(n)`` in ``workers`` threads at once; any error raised in one is raised here."""
    import threading
    errors_seen: list[BaseException] = []

    def run(n: int) -> None:
        try:
            work(n)
        except BaseException as exc:  # noqa: BLE001
            errors_seen.append(exc)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(workers)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert not errors_seen, errors_seen


def listening(port: int) -> bool:
    """A local service (Redis, Mosquitto) accepts connections on ``port``; tests that need it are skipped, visibly,
    when it does not."""
    import socket
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


def redis_up() -> bool:
    return listening(6379)


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    if not pg_available():
        pytest.skip(f"PostgreSQL not reachable at {PG_ADMIN}")
    name = f"kuguan_test_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    url = PG_ADMIN.rsplit("/", 1)[0] + f"/{name}"
    yield url
    with admin.connect() as c:
        c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def fresh_engine(kind: str, tmp_path: Path, pg_url: str | None = None):  # type: ignore[no-untyped-def]
    if kind == "sqlite":
        eng = engines.make_engine(f"sqlite:///{tmp_path}/k.db")
    else:
        assert pg_url
        eng = engines.make_engine(pg_url)
        with eng.begin() as c:
            c.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    migrations.upgrade(eng)
    return eng


def old_schema(tmp_path: Path, revision: str):  # type: ignore[no-untyped-def]
    """A SQLite database migrated up to ``revision`` only (an installation from before a later migration)."""
    from alembic import command
    from alembic.config import Config

    eng = engines.make_engine(f"sqlite:///{tmp_path}/old.db")
    cfg = Config(str(migrations.ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(migrations.ROOT / "adapters/db/migrations"))
    with eng.connect().execution_options(kuguan_write=False) as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
        conn.commit()
    return eng


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path: Path):  # type: ignore[no-untyped-def]
    url = request.getfixturevalue("pg_url") if request.param == "postgresql" else None
    eng = fresh_engine(request.param, tmp_path, url)
    yield eng
    eng.dispose()


@pytest.fixture
def sqlite_engine(tmp_path: Path):  # type: ignore[no-untyped-def]
    eng = fresh_engine("sqlite", tmp_path)
    yield eng
    eng.dispose()


def load_catalog(uow_factory, folder: Path, *, now: datetime = T0) -> None:  # type: ignore[no-untyped-def]
    with uow_factory() as uow:
        for kind in ("locations", "partners", "users", "products", "stock"):
            f = folder / f"{kind}.csv"
            if f.exists():
                importer.import_file(uow, kind, f, now=now)
        uow.commit()


@pytest.fixture
def cafe(engine):  # type: ignore[no-untyped-def]
    """The shared evaluation's café catalog on each database."""
    factory = uows.factory(engine, "default")
    load_catalog(factory, CAFE)
    return factory
