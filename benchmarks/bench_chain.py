"""The ledger's hash chain: sealing cost per write (in bench_store) and a whole-chain verification's speed.

Writes N moves through the store (one transaction per 100, each sealed at commit), then times ``verify_chain``
(every hash recomputed from the first, streamed in chunks) and a lot's local seal check (``lot_seals``).
"""
from __future__ import annotations

import sys
import tempfile
import time
import warnings
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import exc as sa_exc  # noqa: E402

from adapters.db import engine as engines  # noqa: E402
from adapters.db import migrate as migrations  # noqa: E402
from adapters.db import uow as uows  # noqa: E402
from domain import ledger  # noqa: E402
from tests.conftest import CAFE, T0, load_catalog  # noqa: E402

warnings.filterwarnings("ignore", category=sa_exc.SAWarning)


def main(n: int = 100_000) -> None:
    tmp = Path(tempfile.mkdtemp())
    eng = engines.make_engine(f"sqlite:///{tmp}/chain.db")
    migrations.upgrade(eng)
    factory = uows.factory(eng, "default")
    load_catalog(factory, CAFE)
    t0 = time.perf_counter()
    for start in range(0, n, 100):
        with factory() as uow:
            uow.stock.record([ledger.Move(kind=ledger.MoveKind.SALE, sku="B08", qty=Decimal(1), src="XH",
                                          dst="~CUSTOMER", at=T0 + timedelta(seconds=start + k), lot=f"L{start // 1000}",
                                          actor="amy", batch=f"b{start + k}") for k in range(100)])
            uow.commit()
    wrote = time.perf_counter() - t0
    with factory(write=False) as uow:
        t0 = time.perf_counter()
        v = uow.stock.verify_chain()
        walk = time.perf_counter() - t0
        t0 = time.perf_counter()
        good, bad = uow.stock.lot_seals("B08", "L7")
        lot = time.perf_counter() - t0
    assert v.ok and bad == 0 and good == 1000, (v, good, bad)
    print(f"chain: {v.count} moves written in {wrote:.1f} s (100 a transaction, sealed at commit); "
          f"verified from the first in {walk:.2f} s ({walk / v.count * 1e6:.1f} µs a move); "
          f"one lot's {good} seals checked in {lot * 1000:.0f} ms")


if __name__ == "__main__":
    main()
