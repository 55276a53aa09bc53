"""The morning list of a real-sized store: the shared vegetable market (243 products, its sales history) imported
into SQLite, then every product's suggestion with one store-wide forecast and the store's allocation."""
from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "vegmarket"


def main() -> None:
    os.environ["KUGUAN_DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/prep.db"
    import app as kuguan
    from adapters import forecast_port, importer
    from workflows import reports

    c = kuguan.bootstrap()
    with c.uow() as uow:
        now = datetime.fromisoformat("2022-05-17T07:00:00+08:00")
        for kind, name in (("locations", "locations.csv"), ("products", "products.csv"), ("sales", "sales_history.csv")):
            importer.import_file(uow, kind, DATA / name, now=now)
        uow.commit()
    with c.uow() as uow:
        t0 = time.perf_counter()
        plan = reports.store_plan(uow, location="VM", now=now, forecaster=forecast_port.Forecaster())
        took = time.perf_counter() - t0
        uow.commit()
    ordered = sum(1 for _, sug, _, _ in plan if sug.quantity > 0)
    print(f"prep list: {len(plan)} products at one store, 400 days of history, one store-wide forecast and "
          f"the allocation in {took:.1f} s ({ordered} to order; the store's first morning)")
    # a store in its steady state: 90 mornings kept before this one (here copies of this one), which the
    # service level holds over together
    from datetime import timedelta
    with c.uow() as uow:
        [today] = uow.history.replenish_days(location="VM", before="9999-12-31", n=1)
        for n in range(1, 91):
            uow.history.put_replenish_day(location="VM", day=(now.date() - timedelta(days=n)).isoformat(), data=today,
                                          keep_from="2000-01-01")
        uow.commit()
    with c.uow() as uow:
        t0 = time.perf_counter()
        reports.store_plan(uow, location="VM", now=now, forecaster=forecast_port.Forecaster())
        took = time.perf_counter() - t0
    steps = len(today["steps"])
    print(f"prep list with 90 mornings kept ({steps} steps each): {took:.1f} s")
    # a rule that reads the forecast (库存低于未来2天预测销量), checked after each sale: the first check of the day
    # fits the store model, later ones find it in the forecaster's memory (the histories before today are unchanged)
    from workflows import metrics
    fc = forecast_port.Forecaster()
    took_ms = []
    with c.uow(write=False) as uow:
        product = uow.catalog.products()[0]
        for _ in range(4):
            t0 = time.perf_counter()
            metrics.Snapshot(uow, location="VM", product=product, now=now, forecaster=fc)("forecast", {"hours": 48})
            took_ms.append(1000 * (time.perf_counter() - t0))
    print(f"rule check reading the forecast: first of the day {took_ms[0]:.0f} ms (fit), then "
          f"{min(took_ms[1:]):.0f}–{max(took_ms[1:]):.0f} ms (read the store's histories, no refit; {fc.fits} fit)")
    # what looks wrong at the store (有没有异常 · the 21:00 job): its stock, four weeks of sales and losses, the
    # receipts of three months
    from workflows import anomalies
    with c.uow(write=False) as uow:
        runs = []
        for _ in range(3):
            t0 = time.perf_counter()
            found = anomalies.check(uow, location="VM", now=now)
            runs.append(1000 * (time.perf_counter() - t0))
    print(f"anomaly check of the store ({len(found)} found): {min(runs):.0f} ms")


if __name__ == "__main__":
    main()
