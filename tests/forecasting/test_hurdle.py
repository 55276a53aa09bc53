"""The hurdle model's size distribution: each series' own spread, and calibrated upper quantiles."""
from datetime import date

import numpy as np

from adapters.forecasting import calendar as calendars
from adapters.forecasting import pooled

DAYS, H, N = 500, 7, 30   # N steady and N erratic series


def test_a_steady_sellers_sizes_are_forecast_tighter_than_an_erratic_ones_and_both_are_calibrated():
    rng = np.random.default_rng(11)
    spread = np.r_[np.full(N, 0.1), np.full(N, 0.8)]
    y = 10 * np.exp(spread[:, None] * rng.standard_normal((2 * N, DAYS + H)))
    model = pooled.fit(y[:, :DAYS], start=date(2023, 1, 2), horizon=H,
                       calendar=calendars.HolidayCalendar(use_official=False))
    assert model is not None

    p, mu, sigma = model.hurdle(np.arange(2 * N), horizon=H)
    sizes = model.size_quantiles(mu, sigma)
    q90 = sizes[..., list(pooled.SIZE_LEVELS).index(0.9)]

    assert p.min() > 0.95
    assert np.median(sigma[:N]) < 0.3 * np.median(sigma[N:])
    for group in (slice(0, N), slice(N, 2 * N)):       # 210 future days each: about 90 % at or below q90
        assert 0.82 <= np.mean(y[group, DAYS:] <= q90[group]) <= 0.97
    assert np.all(np.diff(sizes, axis=-1) >= 0)
