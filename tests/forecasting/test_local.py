"""Each series' own median-regression coefficients, pulled towards the pooled ones."""
from datetime import date

import numpy as np

from adapters.forecasting import calendar as calendars
from adapters.forecasting import features, pooled

START = date(2023, 1, 2)
DAYS, N = 600, 12
CAL = calendars.HolidayCalendar(use_official=False)


def panel(seed: int = 3) -> np.ndarray:
    """11 steady sellers with busier weekends, and one that sells every other day only."""
    rng = np.random.default_rng(seed)
    span = DAYS + 7
    wd = np.arange(span) % 7
    y = np.zeros((N, span))
    for i in range(N - 1):
        y[i] = np.maximum(0, 10 * np.where(wd >= 5, 1.3, 1.0) + rng.normal(0, 2, span))
    y[-1] = np.where(np.arange(span) % 2 == 0, np.maximum(0, 20 + rng.normal(0, 2, span)), 0.0)
    return y


def wape(y: np.ndarray, local: float) -> np.ndarray:
    model = pooled.fit(y[:, :DAYS], start=START, horizon=7, calendar=CAL, settings=pooled.Settings(local=local))
    assert model is not None
    f = model.predict(np.arange(N), horizon=7).point
    out: np.ndarray = np.abs(f - y[:, DAYS:]).sum(axis=1) / y[:, DAYS:].sum(axis=1)
    return out


def test_a_series_with_its_own_rhythm_is_forecast_with_its_own_coefficients():
    y = panel()
    own, shared = wape(y, local=pooled.Settings().local), wape(y, local=0.0)
    # every other day: the pooled model half-expects a sale on the off days and stays low on the others; its own
    # coefficients cut the series' error by more than a third (by 39 % here; 45 % with every 4th day's pseudo-origins,
    # from which the pooled model learns less of the rhythm than from those on the origin's weekday)
    assert own[-1] < 0.66 * shared[-1]
    assert own[:-1].mean() <= shared[:-1].mean() + 0.01


def test_a_series_with_little_history_keeps_the_pooled_coefficients():
    y = panel()
    y[0, : DAYS - 100] = 0.0                    # sold for the last 100 days only: too few rows of its own
    model = pooled.fit(y[:, :DAYS], start=START, horizon=7, calendar=CAL)
    assert model is not None and model.local is not None
    assert np.array_equal(model.local[0], model.level)
    assert not np.allclose(model.local[-1], model.level)


def test_the_pseudo_origins_fall_on_the_origins_weekday_and_every_target_before_the_origin():
    y = panel()
    design = features.Design(y[:, :DAYS], start=START, horizon=7, calendar=CAL)
    end = design.t_index(DAYS)
    first = end - pooled.Settings().train_days

    def origins(**kw: object) -> np.ndarray:
        _, t, k = pooled.training_rows(design, horizon=7, settings=pooled.Settings(**kw))  # type: ignore[arg-type]
        assert (t + k < end).all() and (t >= first).all()
        return np.unique(t)

    weekday = origins(fill_rows=0)
    assert weekday[-1] == end - 7 and ((end - weekday) % 7 == 0).all() and weekday[0] - 7 < first
    assert np.array_equal(origins(fill_rows=0, phase=3), weekday[weekday - 3 >= first] - 3)   # shifted back
    # 12 series of 600 days give fewer rows than ``fill_rows``: every 4th day's pseudo-origins join the weekday's
    filled = origins()
    assert np.array_equal(filled, np.union1d(weekday, np.arange(first, end, 4)))
    # forward (the bench's comparison): every 4th day from the window's first day on, every weekday
    forward = origins(step=4, back=False, fill_rows=0)
    assert np.array_equal(forward, np.arange(first, end, 4))
    assert set((end - forward) % 7) == set(range(7))
