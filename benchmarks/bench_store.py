"""Recording one move through domain + store vs a bare SQLModel insert+commit of one row (target ≤ 3×)."""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
import warnings
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import exc as sa_exc  # noqa: E402
from sqlmodel import Field, Session, SQLModel  # noqa: E402

from adapters.db import engine as engines  # noqa: E402
from adapters.db import migrate as migrations  # noqa: E402
from adapters.db import uow as uows  # noqa: E402
from domain import commands  # noqa: E402
from tests.conftest import CAFE, T0, load_catalog  # noqa: E402
from workflows import inventory  # noqa: E402

warnings.filterwarnings("ignore", category=sa_exc.SAWarning)


class BareRow(SQLModel, table=True):
    __tablename__ = "bench_bare"
    id: int | None = Field(default=None, primary_key=True)
    sku: str
    qty: Decimal


def main(n: int = 500) -> None:
    tmp = Path(tempfile.mkdtemp())
    eng = engines.make_engine(f"sqlite:///{tmp}/bench.db")
    migrations.upgrade(eng)
    BareRow.__table__.create(eng)  # type: ignore[attr-defined]
    factory = uows.factory(eng, "default")
    load_catalog(factory, CAFE)

    def bare() -> None:
        with Session(eng) as s:
            s.add(BareRow(sku="B08", qty=Decimal(1)))
            s.commit()

    def move(i: int) -> None:
        with factory() as uow:
            a = inventory.Actor(user=uow.catalog.user("amy"), now=T0, message_id=None, batch=f"b{i}")
            cmd = commands.RecordMoves(movement=commands.Movement.SALE, lines=(commands.Line(sku="B08", qty=Decimal(1)),))
            inventory.record(uow, inventory.plan(uow, cmd, actor=a), actor=a)
            uow.commit()

    for i in range(20):  # warm-up
        bare()
        move(-i - 1)
    tb, tm = [], []
    for i in range(n):
        t0 = time.perf_counter()
        bare()
        tb.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        move(i)
        tm.append(time.perf_counter() - t0)
    b, m = statistics.median(tb) * 1000, statistics.median(tm) * 1000
    print(f"store: bare SQLModel insert+commit p50 {b:.3f} ms | move via domain+store p50 {m:.3f} ms | "
          f"ratio {m / b:.2f}x (target <= 3x)")


if __name__ == "__main__":
    main()
