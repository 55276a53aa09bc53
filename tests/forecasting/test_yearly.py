"""The same weeks a year earlier (``features.Design.yearly``) only count where the history reaches back to them.

A year-ago window that starts before the history's first day reads days nobody recorded as days without a sale;
and in a history barely longer than a year, the few training rows that do see a year back would decide the
coefficients alone. Both used to bend forecasts made about a year after the history began.
"""
from datetime import date, timedelta
from decimal import Decimal

import numpy as np

from adapters.forecasting import api, features
from adapters.forecasting import calendar as calendars
from tests.forecasting.stores import daily_store


def steady_store(first: date, origin: date) -> dict[str, list[tuple[date, Decimal]]]:
    """Products selling about the same every day, with busier weekends and noise; the first weeks of the history
    (a shop's opening) sold twice as much."""
    return daily_store(first, origin, products=8, seed=5, level=lambda n: 6.0 + 3 * n, noise=0.2,
                       shape=lambda d, j: 2.0 if j < 21 else 1.0)


def test_a_year_ago_before_the_history_began_is_no_information():
    first = date(2021, 3, 1)
    y = np.ones((2, 400))
    design = features.Design(y, start=first, horizon=7, calendar=calendars.DEFAULT)
    i = np.array([0, 1])
    t = np.full(2, design.t_index(400))   # the origin: its year-ago windows begin before the history
    k = np.array([0, 6])
    ratio, fa, fb = design.yearly(i, t, k, np.ones(2))
    assert list(ratio) == [1.0, 1.0] and list(fa) == [0.0, 0.0] and list(fb) == [0.0, 0.0]
    # a long history: a training row a little over a year into it still sees days before the history a year back
    design = features.Design(np.ones((2, 700)), start=first, horizon=7, calendar=calendars.DEFAULT)
    early = np.full(2, design.t_index(380))
    ratio, fa, fb = design.yearly(i, early, k, np.ones(2))
    assert list(ratio) == [1.0, 1.0] and list(fa) == [0.0, 0.0] and list(fb) == [0.0, 0.0]
    ratio, fa, fb = design.yearly(i, np.full(2, design.t_index(700)), k, np.ones(2))
    assert list(ratio) == [1.0, 1.0] and list(fa) == [1.0, 1.0] and list(fb) == [1.0, 1.0]


def test_a_long_history_sees_the_same_weeks_a_year_earlier():
    days = 600
    y = np.ones((1, days))
    y[0, days - 364 - 28: days - 364] = 0.0   # a year before the origin: 4 weeks off the shelf, then back
    design = features.Design(y, start=date(2020, 3, 1), horizon=7, calendar=calendars.DEFAULT)
    ratio, fa, fb = design.yearly(np.array([0]), np.array([design.t_index(days)]), np.array([3]), np.ones(1))
    assert ratio[0] > 3.0 and fa[0] == 1.0 and fb[0] == 0.0


def test_a_forecast_a_year_after_the_history_began_keeps_the_level():
    first = date(2021, 3, 1)
    for extra in (2, 9, 30, 60):   # the origin a few days to two months past the history's first anniversary
        origin = first + timedelta(days=364 + extra)
        hist = steady_store(first, origin)
        fc = api.forecast_store(hist, origin=origin, horizon=7)
        for sku, rows in fc.items():
            n = int(sku[1:])
            level = 6.0 + 3 * n
            for r in rows:
                usual = level * (1.3 if r["date"].weekday() >= 5 else 1.0)
                assert 0.75 * usual <= r["qty"] <= 1.3 * usual, (extra, sku, r["date"], r["qty"], usual)
