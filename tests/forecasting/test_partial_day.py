"""A last day recorded only in part (an export taken during the day, sales keyed in the next morning) is not read as a
day every product was off the shelf."""
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from adapters.forecasting import api, exog, models, panel

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "vegmarket"


def steady(days: int = 120, products: int = 20, seed: int = 3) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return rng.gamma(4.0, 2.0, size=(products, days))


def test_only_a_last_day_far_below_its_weekday_on_few_products_counts_as_recorded_in_part():
    y = steady()
    assert not panel.short_last_day(y)
    quiet = y.copy()
    quiet[:, -1] *= 0.4                 # a slow day on every product: what the history says
    assert not panel.short_last_day(quiet)
    early = y.copy()
    early[3:, -1] = 0.0                 # three products keyed in by the morning's export
    early[:3, -1] *= 0.2
    assert panel.short_last_day(early)
    closed = y.copy()
    closed[:, -2:] = 0.0                # two days without a sale: a closed shop (or days past the history's end)
    assert not panel.short_last_day(closed)
    one = y[:1].copy()
    one[:, -1] = 0.0                    # one product's day without a sale is no sign of anything
    assert not panel.short_last_day(one)
    assert not panel.short_last_day(early[:, -20:])   # too short a history to know the weekday's usual


def test_the_shared_data_s_partial_last_day_is_forecast_as_a_day_not_yet_known():
    """The shared history's last day holds 10 kg on 3 products (the export was cut during it; its weekday's usual is
    222 kg on 35): cut the same way into other Mondays, the store forecast keeps its accuracy nearly and stays
    ahead of the 7-day mean, where reading the day as sold out everywhere would cost it."""
    sales = panel.read_sales([DATA / "sales_history.csv"])
    p = panel.from_sales(sales)
    last = p.end - timedelta(days=1)
    assert last == date(2022, 5, 16) and panel.short_last_day(p.y)
    price = exog.price_matrix(panel.price_history(sales), p.keys, start=p.start, days=p.days)
    rng = np.random.default_rng(0)
    err = {"clean": 0.0, "cut": 0.0, "ma7 cut": 0.0}
    total = 0.0
    for origin in (date(2021, 9, 28), date(2022, 1, 18), date(2022, 4, 12)):
        j = p.index(origin)
        rows = p.active(origin)
        actual = p.y[rows, j: j + 7]
        cut = p.y.copy()
        kept = rng.choice(np.flatnonzero(cut[:, j - 1] > 0), 3, replace=False)
        keep = np.zeros(len(cut))
        keep[kept] = 0.1
        cut[:, j - 1] *= keep
        ex = exog.Exog(price=price[:, :j])
        for name, y in (("clean", p.y), ("cut", cut)):
            fc = api.forecast_panel(panel.Panel(p.start, p.keys, y), rows, origin=origin, horizon=7, exog=ex)
            err[name] += float(np.abs(fc.point - actual).sum())
        ma7 = np.stack([models.moving_average(cut[i, np.flatnonzero(cut[i, :j] > 0)[0]: j], 7) for i in rows])
        err["ma7 cut"] += float(np.abs(ma7 - actual).sum())
        total += float(actual.sum())
    wape = {k: v / total for k, v in err.items()}
    assert wape["cut"] < 1.1 * wape["clean"], wape
    assert wape["cut"] < 0.97 * wape["ma7 cut"], wape


def test_the_spring_festival_s_closed_day_is_what_it_seems():
    """The eve of 2022's Spring Festival sold nothing (the shop closed): a forecast from the New Year's day reads it as
    a closed day, not as a day recorded in part (whose forecast would start a day earlier and differ)."""
    p = panel.from_sales(panel.read_sales([DATA / "sales_history.csv"]))
    origin = date(2022, 2, 1)
    eve = origin - timedelta(days=1)
    assert panel.short_last_day(p.before(origin).y)
    rows = p.active(origin)
    read = api.forecast_panel(p, rows, origin=origin, horizon=3)
    from_eve = api.forecast_panel(p, rows, origin=eve, horizon=4)
    assert not np.allclose(read.point, from_eve.point[:, 1:])
