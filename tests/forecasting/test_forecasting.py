from datetime import date, timedelta
from decimal import Decimal

import numpy as np
import pytest

from adapters.forecasting import api, backtest, models, panel

START = date(2023, 1, 2)  # a Monday


def weekly(days=140, weekday=4.0, weekend=12.0):
    return [(START + timedelta(days=i), Decimal(str(weekend if (START + timedelta(days=i)).weekday() >= 5 else weekday)))
            for i in range(days)]


def test_the_forecast_follows_the_weekly_pattern():
    hist = weekly()
    origin = START + timedelta(days=140)
    rows = api.forecast_series(hist, origin=origin, horizon=7)
    by_day = {r["date"].weekday(): r["qty"] for r in rows}
    assert by_day[5] > 2 * by_day[2]
    assert by_day[2] == pytest.approx(4, rel=0.25)


def test_quantiles_are_ordered_and_the_median_is_the_point_forecast():
    rows = api.forecast_series(weekly(), origin=START + timedelta(days=140), horizon=5)
    for r in rows:
        qs = [r[c] for c in api.QUANTILE_COLUMNS]
        assert qs == sorted(qs) and r["q50"] == r["qty"] and qs[0] >= 0


def test_days_on_or_after_the_origin_are_ignored():
    hist = weekly()
    origin = START + timedelta(days=100)
    spiked = hist + [(origin, Decimal(1000)), (origin + timedelta(days=3), Decimal(1000))]
    assert api.forecast_series(hist, origin=origin, horizon=7) == api.forecast_series(spiked, origin=origin, horizon=7)


def test_a_product_without_history_forecasts_zero():
    rows = api.forecast_series([], origin=START, horizon=3)
    assert [r["qty"] for r in rows] == [0, 0, 0]
    assert [r["date"] for r in rows] == [START, START + timedelta(days=1), START + timedelta(days=2)]


def test_a_short_history_still_forecasts_its_recent_mean():
    hist = [(START + timedelta(days=i), Decimal(3)) for i in range(5)]
    rows = api.forecast_series(hist, origin=START + timedelta(days=5), horizon=2)
    assert rows[0]["qty"] == pytest.approx(3)


def test_the_backtest_scores_a_perfect_model_at_zero():
    y = np.tile(np.array([1, 2, 3, 4, 5, 6, 7], dtype=float), (3, 10))
    p = panel.Panel(START, [("S", "a"), ("S", "b"), ("S", "c")], y)
    origins = backtest.rolling_origins(p, span_days=35, every=14)
    assert origins[-1] == p.end - timedelta(days=7)
    [naive, ma] = backtest.evaluate(p, {"naive": backtest.per_series(models.seasonal_naive),
                                        "ma": backtest.per_series(models.moving_average)}, origins=origins)
    assert naive.wape == 0 and ma.wape == pytest.approx(12 / 28)


def test_the_backtest_splits_its_score_by_how_often_a_series_sells():
    days = 70
    steady = np.tile(np.array([1, 2, 3, 4, 5, 6, 7], dtype=float), days // 7)
    sparse = np.where(np.arange(days) % 5 == 0, 10.0, 0.0)       # a sale on 20% of the days
    y = np.stack([steady, sparse, sparse * 2])
    p = panel.Panel(START, [("S", "steady"), ("S", "sparse"), ("S", "sparse2")], y)
    origins = backtest.rolling_origins(p, span_days=21, every=14)
    assert backtest.by_sale_share(y[:, :56]) == ["≥90%", "0-30%", "0-30%"]
    [naive] = backtest.evaluate(p, {"naive": backtest.per_series(models.seasonal_naive)}, origins=origins,
                                group=backtest.by_sale_share)
    assert set(naive.groups) == {"≥90%", "0-30%"}
    assert naive.group_wape("≥90%") == 0                   # the steady weekly pattern repeats exactly
    assert naive.group_wape("0-30%") > 0                   # a 5-day rhythm does not repeat weekly
    err, actual, rows = zip(*naive.groups.values(), strict=True)
    assert sum(err) == pytest.approx(naive.abs_error) and sum(actual) == pytest.approx(naive.actual)
    assert sum(rows) == naive.series == 3 * len(origins)
    [plain] = backtest.evaluate(p, {"naive": backtest.per_series(models.seasonal_naive)}, origins=origins)
    assert plain.groups == {} and plain.wape == naive.wape


def test_our_model_beats_the_moving_average_on_a_small_intermittent_panel():
    rng = np.random.default_rng(7)
    n, days = 12, 280
    dow = (START.weekday() + np.arange(days)) % 7
    lam = rng.uniform(0.5, 6, size=(n, 1)) * np.where(dow >= 5, 2.5, 1.0)
    y = rng.poisson(lam) * (rng.random((n, days)) < 0.6)
    p = panel.Panel(START, [("S", str(i)) for i in range(n)], y.astype(float))
    origins = backtest.rolling_origins(p, span_days=84, every=28)
    [ma, ours] = backtest.evaluate(p, {"ma7": backtest.per_series(models.moving_average), "ours": backtest.ours()},
                                   origins=origins)
    assert ours.wape < ma.wape


def test_recent_quantiles_read_only_the_days_before_the_row():
    from adapters.forecasting import calendar as calendars
    from adapters.forecasting import features

    y = np.array([[0.0] * 14 + [2.0, 4.0] * 14 + [100.0] * 5])  # 28 steady days, then a jump
    d = features.Design(y, start=date(2024, 1, 1), horizon=7, calendar=calendars.DEFAULT)
    t = np.array([d.t_index(42)])  # right before the jump
    med, q75 = d.recent_quantiles(np.array([0]), t, np.ones(1))
    assert med[0] == pytest.approx(3.0)
    assert q75[0] == pytest.approx(4.0)


def test_a_series_that_comes_back_after_two_days_off_is_forecast_back_and_one_with_long_spells_is_not():
    """Both kinds spend a quarter of their days off the shelf and are two days into a spell at the origin; only
    how readily each came back before (short spells every 8 days, or 6-day spells every 24) tells them apart.
    Tomorrow's demand is two-humped (none, or the usual level): the median is one hump, whichever is likelier."""
    from adapters.forecasting import pooled

    rng = np.random.default_rng(3)
    n, days = 40, 420
    y = np.zeros((n, days))
    for i in range(n):
        off, cycle = (2, 8) if i % 2 == 0 else (6, 24)
        on = np.ones(days, bool)
        for s in range((days - 2) % cycle, days, cycle):
            on[s: s + off] = False
        y[i] = np.where(on, np.maximum(rng.poisson(rng.uniform(10, 30), days), 1), 0)
    assert (y[:, -2:] == 0).all() and (y[:, -3] > 0).all()
    model = pooled.fit(y, start=START, horizon=3)
    assert model is not None
    tomorrow = model.predict(np.arange(n), horizon=3).point[:, 0]
    level = np.array([row[row > 0].mean() for row in y])
    short, long = (tomorrow / level)[0::2].mean(), (tomorrow / level)[1::2].mean()
    assert short > 0.7     # back at its level (the likelier hump), not a hedge between none and all of it
    assert long < 0.1      # still off
