import numpy as np
import pytest

from adapters.forecasting import models


def test_seasonal_naive_repeats_last_week():
    y = np.arange(14, dtype=float)
    assert list(models.seasonal_naive(y, 9)) == [7, 8, 9, 10, 11, 12, 13, 7, 8]


def test_moving_average_is_the_mean_of_the_last_seven_days():
    y = np.array([100, 1, 2, 3, 4, 5, 6, 7], dtype=float)
    assert models.moving_average(y, 3).tolist() == [4.0, 4.0, 4.0]


def test_croston_sba_smooths_sizes_and_intervals_with_the_bias_correction():
    # sales of 4 every 2nd day from the start: size 4, interval 2 → (1 − α/2) · 4 / 2
    y = np.array([0, 4, 0, 4, 0, 4], dtype=float)
    assert models.croston_sba(y, 1, alpha=0.1)[0] == pytest.approx(0.95 * 4 / 2)


def test_tsb_decays_the_probability_after_each_zero_day():
    y = np.array([5, 0, 0], dtype=float)
    assert models.tsb(y, 1, alpha=0.1, beta=0.5)[0] == pytest.approx(5 * 0.25)


def test_tsb_in_closed_form_follows_its_recursions_day_by_day():
    rng = np.random.default_rng(3)
    for n in (1, 2, 30, 400):
        y = rng.gamma(1.0, 5.0, n) * (rng.random(n) < 0.4)
        y[0] = 0.0
        nz = np.flatnonzero(y > 0)
        if len(nz) == 0:
            continue
        size, prob = y[nz[0]], 1.0          # Teunter–Syntetos–Babai as published, one day at a time
        for v in y[nz[0] + 1:]:
            size = size + 0.2 * (v - size) if v > 0 else size
            prob = prob + 0.3 * ((v > 0) - prob)
        assert models.tsb(y, 2, alpha=0.2, beta=0.3).tolist() == pytest.approx([size * prob] * 2, rel=1e-12)


def test_intermittent_methods_forecast_zero_without_any_sale():
    y = np.zeros(10)
    assert models.croston_sba(y, 2).tolist() == [0, 0]
    assert models.tsb(y, 2).tolist() == [0, 0]


def test_auto_ets_picks_up_a_weekly_pattern():
    week = np.array([2, 2, 2, 2, 2, 8, 8], dtype=float)
    fc = models.auto_ets(np.tile(week, 8), 7)
    assert fc[5] > 2 * fc[0]
