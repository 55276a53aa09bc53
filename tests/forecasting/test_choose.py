"""Per-series model choice by rolling backtest."""
from datetime import date

import numpy as np

from adapters.forecasting import api, choose, panel, pooled


def test_a_series_a_one_series_model_forecasts_far_better_gets_that_model():
    rng = np.random.default_rng(1)
    days = 300
    y = rng.poisson(6, (30, days)).astype(float)
    pattern = np.array([0, 0, 0, 0, 0, 50, 50], dtype=float)   # sells only on two days a week, always 50
    y[0] = np.resize(pattern, days)
    model = pooled.fit(y, start=date(2023, 1, 2), horizon=7)
    assert model is not None
    rows = np.arange(30)
    c = choose.choose(model, rows, horizon=7)
    assert c.names[0] == "seasonal_naive"
    assert np.allclose(c.point[0], np.resize(pattern, days + 7)[days:])
    assert c.errors[0, 2] == 0 and c.errors[0, 0] > 0      # its backtest: perfect vs the pooled model's error
    assert sum(n == "pooled" for n in c.names[1:]) >= 20    # noise alone rarely beats the pooled model by 20 %
    untouched = model.predict(rows, horizon=7).point
    for n, name in enumerate(c.names):
        if name == "pooled":
            assert np.array_equal(c.point[n], untouched[n])


def test_the_api_moves_the_band_with_the_chosen_median():
    days = 300
    pattern = np.array([0, 0, 0, 0, 0, 50, 50], dtype=float)
    y = np.resize(pattern, days)[None, :]
    p = panel.Panel(date(2023, 1, 2), [("S", "x")], y)
    origin = date(2023, 1, 2).fromordinal(date(2023, 1, 2).toordinal() + days)
    fc = api.forecast_panel(p, [0], origin=origin, horizon=7)
    mid = pooled.QUANTILES.index(0.5)
    assert np.allclose(fc.point[0], np.resize(pattern, days + 7)[days:])
    assert np.allclose(fc.quantiles[0, :, mid], fc.point[0])
    assert np.all(np.diff(fc.quantiles[0], axis=1) >= 0)
