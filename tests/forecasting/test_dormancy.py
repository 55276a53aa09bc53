"""Restart rates of idle items, counted from the history up to the decision day only."""
import numpy as np
import pytest

from adapters.forecasting import dormancy


def test_gaps_count_zero_days_since_the_last_sale_and_mark_never_sold_items():
    y = np.array([[0, 2, 0, 0, 1, 0], [0, 0, 0, 0, 0, 3]], dtype=float)
    assert dormancy.gaps(y).tolist() == [[-1, 0, 1, 2, 0, 1], [-1, -1, -1, -1, -1, 0]]


def test_the_rate_is_the_share_of_item_days_after_that_many_zero_days_that_sold():
    # item 0 sells every other day: after 0 zero days never a sale, after 1 zero day always one
    days = 40
    y = np.zeros((1, days))
    y[0, ::2] = 1.0
    r = dormancy.Restarts(y)
    d = days - 1
    prior = dormancy.PRIOR_DAYS
    assert r.rate(d, np.array([1.0]))[0] == pytest.approx((19 + prior * dormancy.PRIOR_RATE) / (19 + prior))
    assert r.rate(d, np.array([0.0]))[0] == pytest.approx(prior * dormancy.PRIOR_RATE / (20 + prior))


def test_the_rates_on_a_day_ignore_later_days():
    rng = np.random.default_rng(1)
    y = (rng.random((30, 120)) < 0.1).astype(float)
    later = y.copy()
    later[:, 61:] = 1.0
    gap = np.arange(0, 40, dtype=float)
    assert np.array_equal(dormancy.Restarts(y).rate(60, gap), dormancy.Restarts(later).rate(60, gap))
    p = np.full((30, 3), 0.5)
    assert np.array_equal(dormancy.Restarts(y).adjust(60, p), dormancy.Restarts(later).adjust(60, p))


def test_adjust_keeps_recent_sellers_zeroes_never_sold_items_and_rates_idle_ones():
    days = 60
    y = np.zeros((3, days))
    y[0, :] = 1.0               # sells every day
    y[1, 10] = 1.0              # sold once, long ago
    r = dormancy.Restarts(y, min_gap=7)  # item 2 never sells
    p = np.full((3, 2), 0.3)
    out = r.adjust(days - 1, p)
    assert out[0].tolist() == [0.3, 0.3]
    assert out[2].tolist() == [0.0, 0.0]
    idle = days - 1 - 10
    assert out[1].tolist() == pytest.approx(r.rate(days - 1, np.array([idle, idle + 1.0])).tolist())
    assert out[1, 0] < 0.05     # nothing ever restarted in this history


def test_an_item_idle_for_fewer_days_than_the_threshold_switches_within_the_horizon():
    y = np.zeros((1, 30))
    y[0, 24] = 1.0              # on the evening of day 29: 5 zero days
    r = dormancy.Restarts(y, min_gap=7)
    out = r.adjust(29, np.full((1, 4), 0.4))
    assert out[0, :2].tolist() == [0.4, 0.4]       # 5 and 6 zero days before
    assert out[0, 2] == pytest.approx(r.rate(29, np.array([7.0]))[0])
