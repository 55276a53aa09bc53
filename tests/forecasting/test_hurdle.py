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


def test_forecast_quantiles_are_zero_below_the_chance_of_no_sale_and_calibrated_above_it():
    rng = np.random.default_rng(5)
    chance = np.r_[np.full(N, 0.3), np.full(N, 1.0)]           # N items sold on 30% of days, N every day
    sold = rng.random((2 * N, DAYS + H)) < chance[:, None]
    y = np.where(sold, 6 * np.exp(0.4 * rng.standard_normal((2 * N, DAYS + H))), 0.0)
    model = pooled.fit(y[:, :DAYS], start=date(2023, 1, 2), horizon=H,
                       calendar=calendars.HolidayCalendar(use_official=False))
    assert model is not None

    q = model.predict(np.arange(2 * N), horizon=H).quantiles
    p, _, _ = model.hurdle(np.arange(2 * N), horizon=H)
    levels = list(pooled.QUANTILES)

    assert 0.2 < p[:N].mean() < 0.4 and p[N:].min() > 0.95
    for at in levels[: levels.index(0.5)]:                       # 0 up to the chance of no sale, a size above it
        assert np.all((q[..., levels.index(at)] == 0) == (at < 1 - p))
    assert np.all(q[:N, :, levels.index(0.9)] > 0)
    for group, at in ((slice(0, N), 0.9), (slice(N, 2 * N), 0.9), (slice(N, 2 * N), 0.2)):
        share = np.mean(y[group, DAYS:] <= q[group][..., levels.index(at)])
        assert at - 0.08 <= share <= at + 0.07, (at, share)


def test_sizes_move_towards_the_point_forecast_only_where_it_is_the_median_regressions():
    rng = np.random.default_rng(8)
    y = 8 * np.exp(0.5 * rng.standard_normal((2 * N, DAYS)))
    y[N:, -3:] = 0.0                                  # the second half has been off the shelf for three days
    cal = calendars.HolidayCalendar(use_official=False)
    fits = {c: pooled.fit(y, start=date(2023, 1, 2), horizon=H, calendar=cal, settings=pooled.Settings(centre=c))
            for c in (0.0, 0.4, 1.0)}
    assert all(m is not None for m in fits.values())
    rows = np.arange(2 * N)
    point = fits[0.0].predict(rows, horizon=H).point
    hurdles = {c: m.hurdle(rows, horizon=H) for c, m in fits.items() if m is not None}
    p, mu0, sigma = hurdles[0.0]
    mid = list(pooled.QUANTILES).index(0.5)
    on = slice(0, N)

    assert p[on].min() > 0.5
    # all the way: the hurdle distribution's own median is the point forecast
    full = pooled.mixture_quantiles(p[on].ravel(), fits[1.0].size_quantiles(hurdles[1.0][1][on], sigma[on]).reshape(
        -1, len(pooled.SIZE_LEVELS)), np.array(pooled.QUANTILES))[:, mid]
    np.testing.assert_allclose(full, point[on].ravel(), rtol=1e-6)
    # part of the way: μ between the size model's and that one
    assert np.allclose(hurdles[0.4][1][on], 0.6 * mu0[on] + 0.4 * hurdles[1.0][1][on])
    assert np.abs(hurdles[1.0][1][on] - mu0[on]).max() > 0.01
    # off the shelf the point is the hurdle model's own median: nothing moves
    for c in (0.4, 1.0):
        np.testing.assert_array_equal(hurdles[c][1][N:], mu0[N:])
        np.testing.assert_array_equal(hurdles[c][0], p)
