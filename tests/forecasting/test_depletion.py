"""Runs of sale days: a series that sells a lot until it is gone shows runs of similar totals, and a run that has
sold its usual total is about to end."""
from datetime import date

import numpy as np

from adapters.forecasting import calendar as calendars
from adapters.forecasting import features, pooled

CAL = calendars.HolidayCalendar(use_official=False)


def _design(y: np.ndarray) -> features.Design:
    return features.Design(y, start=date(2023, 1, 2), horizon=7, calendar=CAL)


def test_the_current_run_is_measured_against_the_runs_that_ended_before_it():
    #             run of 10     run of 6        run of 9 (going on)
    y = np.array([[4, 6, 0, 0, 1, 2, 3, 0, 5, 2, 2]], dtype=float)
    d = _design(y)
    at = lambda day: d.depletion(np.array([0]), np.array([d.t_index(day)]))   # noqa: E731
    ratio, runs = at(11)                       # before day 11: the run of days 8-10 has sold 9, usual (10 + 6) / 2
    assert np.allclose(ratio, 9 / 8) and np.allclose(runs, 2 / 13)
    ratio, runs = at(9)                        # after day 8 (5 sold), with the same two runs ended
    assert np.allclose(ratio, 5 / 8) and np.allclose(runs, 2 / 13)
    ratio, runs = at(6)                        # days 4-5 sold 3, one run (10) ended so far
    assert np.allclose(ratio, 3 / 10) and np.allclose(runs, 1 / 13)
    assert np.allclose(at(8)[0], 0.0)          # off the shelf the day before: no run going on
    assert np.allclose(at(2)[0], 0.0)          # the first run has not ended yet: nothing to compare with


def test_the_measure_reads_only_the_days_before_the_origin():
    rng = np.random.default_rng(1)
    y = np.where(rng.random((5, 300)) < 0.6, rng.gamma(2.0, 2.0, (5, 300)), 0.0)
    changed = y.copy()
    changed[:, 250:] = np.where(changed[:, 250:] > 0, 0.0, 7.0)
    rows, t = np.arange(5), np.full(5, features.PAD + 250)
    for a, b in zip(_design(y).depletion(rows, t), _design(changed).depletion(rows, t), strict=True):
        assert np.array_equal(a, b)


def _lots(rng: np.random.Generator, n: int, days: int, lot: float = 12.0) -> np.ndarray:
    """A lot of ``lot`` kg sells at about 3 kg a day until it is gone; one or two days off the shelf, the next lot."""
    y = np.zeros((n, days))
    for i in range(n):
        left, pause = lot, 0
        for j in range(days):
            if pause:
                pause -= 1
                if not pause:
                    left = lot
                continue
            y[i, j] = min(left, rng.gamma(3.0, 1.0))
            left -= y[i, j]
            if left < 1e-9:
                pause = int(rng.integers(1, 3))
    return y


def test_a_run_that_has_sold_its_usual_lot_is_forecast_to_end():
    rng = np.random.default_rng(3)
    y = _lots(rng, 240, 420)
    d = _design(y)
    rows = np.arange(len(y))
    ratio, _ = d.depletion(rows, np.full(len(y), d.t_index(d.days)))
    running = np.array([(y[i, -3:] > 0).all() for i in rows])   # a sale on each of the last three days
    spent, fresh = running & (ratio > 0.9), running & (ratio < 0.6)
    assert spent.sum() >= 8 and fresh.sum() >= 8
    model = pooled.fit(y, start=date(2023, 1, 2), horizon=7, calendar=CAL)
    assert model is not None
    p, _, _ = model.hurdle(rows, horizon=7)
    # the lots are gone after about four days of sales: P(sale tomorrow) is far lower for the spent runs
    assert p[spent, 0].mean() < p[fresh, 0].mean() - 0.2, (p[spent, 0].mean(), p[fresh, 0].mean())
