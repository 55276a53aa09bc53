"""The store-wide forecast the morning list uses, on the shared vegetable-market data."""
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest

from adapters.forecasting import api, models, panel
from tests.conftest import REDIS_URL, redis_up

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "vegmarket"


def test_one_model_for_the_whole_store_beats_each_product_alone_and_the_7_day_mean():
    p = panel.from_sales(panel.read_sales([DATA / "sales_history.csv"]))
    err = {"store": 0.0, "alone": 0.0, "ma7": 0.0}
    total = 0.0
    for origin in (date(2021, 9, 28), date(2022, 2, 15)):
        j = p.index(origin)
        rows = p.active(origin)
        histories = {p.keys[i][1]: [(p.start + timedelta(days=d), Decimal(str(p.y[i, d])))
                                    for d in range(j - 400, j) if p.y[i, d] > 0] for i in rows}
        store = api.forecast_store(histories, origin=origin, horizon=7, location="VM")
        for i in rows:
            sku = p.keys[i][1]
            actual = p.y[i, j: j + 7]
            alone = api.forecast_series([x for x in histories[sku] if x[0] >= origin - timedelta(days=120)],
                                        origin=origin, horizon=7)
            err["store"] += np.abs(np.array([r["qty"] for r in store[sku]]) - actual).sum()
            err["alone"] += np.abs(np.array([r["qty"] for r in alone]) - actual).sum()
            nz = np.flatnonzero(p.y[i, :j] > 0)
            err["ma7"] += np.abs(models.moving_average(p.y[i, nz[0]: j], 7) - actual).sum()
            total += actual.sum()
        assert [r["date"] for r in store[p.keys[rows[0]][1]]] == [origin + timedelta(days=k) for k in range(7)]
    wape = {k: v / total for k, v in err.items()}
    assert wape["store"] < 0.95 * wape["ma7"], wape
    assert wape["store"] < 0.7 * wape["alone"], wape


def test_a_product_without_any_sale_gets_a_zero_forecast_beside_the_others():
    origin = date(2024, 3, 1)
    steady = [(origin - timedelta(days=d), Decimal(5 + d % 7)) for d in range(1, 200)]
    out = api.forecast_store({"veg": steady, "new": []}, origin=origin, horizon=3)
    assert [r["qty"] for r in out["new"]] == [0.0, 0.0, 0.0]
    assert all(r["qty"] > 2 for r in out["veg"])


def test_the_forecaster_fits_a_store_once_per_distinct_history():
    from adapters import forecast_port
    origin = date(2024, 3, 1)
    hist = {"veg": [(origin - timedelta(days=d), Decimal(5 + d % 7)) for d in range(1, 200)],
            "fruit": [(origin - timedelta(days=d), Decimal(2 + d % 3)) for d in range(1, 200, 2)]}
    fc = forecast_port.Forecaster()
    first = fc.forecast_store(hist, origin=origin, horizon=3)
    first["veg"][0]["qty"] = -1.0                                # a caller's change does not reach the memory
    again = fc.forecast_store({k: list(v) for k, v in hist.items()}, origin=origin, horizon=3)
    assert fc.fits == 1 and again["veg"][0]["qty"] > 0
    assert again == api.forecast_store(hist, origin=origin, horizon=3)
    corrected = {**hist, "veg": [(d, q + 1 if d == origin - timedelta(days=1) else q) for d, q in hist["veg"]]}
    fc.forecast_store(corrected, origin=origin, horizon=3)       # yesterday corrected: a new fit
    fc.forecast_store(hist, origin=origin + timedelta(days=1), horizon=3)   # the next day: a new fit
    assert fc.fits == 3


def _store_history(origin: date) -> dict[str, list[tuple[date, Decimal]]]:
    return {f"veg{i}": [(origin - timedelta(days=d), Decimal(3 + i + (d * (i + 1)) % 7)) for d in range(1, 300)]
            for i in range(12)}


@pytest.mark.skipif(not redis_up(), reason="Redis not reachable at 127.0.0.1:6379")
def test_replicas_sharing_redis_fit_a_store_once_between_them_even_when_they_ask_at_the_same_moment():
    import threading
    import uuid

    from adapters import forecast_port
    origin = date(2024, 3, 1)
    hist = _store_history(origin)
    tenant = f"t-{uuid.uuid4().hex}"     # a fresh key space: nothing cached from an earlier run
    replicas = [forecast_port.Forecaster(shared=forecast_port.SharedForecasts(REDIS_URL, tenant)) for _ in range(3)]
    got: list[dict] = [{}] * 3
    start = threading.Barrier(3)

    def ask(n: int) -> None:
        start.wait()
        got[n] = replicas[n].forecast_store(hist, origin=origin, horizon=3, location="S1")

    threads = [threading.Thread(target=ask, args=(n,)) for n in range(3)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert sum(r.fits for r in replicas) == 1
    alone = api.forecast_store(hist, origin=origin, horizon=3, location="S1")
    assert got[0] == got[1] == got[2] == alone          # dates come back as dates, quantities exactly
    late = forecast_port.Forecaster(shared=forecast_port.SharedForecasts(REDIS_URL, tenant))
    assert late.forecast_store(hist, origin=origin, horizon=3, location="S1") == alone and late.fits == 0
    other = forecast_port.Forecaster(shared=forecast_port.SharedForecasts(REDIS_URL, f"{tenant}-b"))
    other.forecast_store(hist, origin=origin, horizon=3, location="S1")
    assert other.fits == 1                              # another tenant never reads this one's forecasts
    for fc in (*replicas, late, other):
        assert fc.shared is not None
        for k in fc.shared.redis.scan_iter(fc.shared.prefix + "*"):
            fc.shared.redis.delete(k)


def test_without_a_reachable_redis_each_replica_fits_for_itself():
    from adapters import forecast_port
    origin = date(2024, 3, 1)
    hist = _store_history(origin)
    fc = forecast_port.Forecaster(shared=forecast_port.SharedForecasts("redis://127.0.0.1:1/0", "t"))
    assert fc.forecast_store(hist, origin=origin, horizon=3) == api.forecast_store(hist, origin=origin, horizon=3)
    assert fc.fits == 1


def test_a_new_store_with_four_weeks_of_sales_gets_a_day_ahead_forecast_near_its_level():
    """A tenant that began recording four weeks ago (its histories run over the usual 120 days, the first 92 of them
    without a sale anywhere in the store), and a rule that asks for the next day only."""
    from tests.forecasting.stores import daily_store

    origin = date(2026, 6, 15)   # a Monday
    recorded = daily_store(origin - timedelta(days=28), origin, products=30, seed=5,
                           level=lambda n: 5.0 + 2 * n, noise=0.25)
    histories = {sku: [(origin - timedelta(days=120 - d), Decimal(0)) for d in range(92)] + rows
                 for sku, rows in recorded.items()}
    day = api.forecast_store(histories, origin=origin, horizon=1, location="NS")
    week = api.forecast_store(histories, origin=origin, horizon=7, location="NS")
    for sku in recorded:
        assert day[sku][0]["qty"] == pytest.approx(week[sku][0]["qty"])   # one fit, on a week's horizon steps
    weekday = {sku: np.mean([float(q) for d, q in rows if d.weekday() < 5]) for sku, rows in recorded.items()}
    ratio = np.array([day[sku][0]["qty"] / weekday[sku] for sku in recorded])
    # the median of a lognormal of spread 0.25 is 3 % below its mean; fitted on the day-ahead rows alone it was 0.23
    assert 0.85 < np.median(ratio) < 1.1, np.round(ratio, 2)
