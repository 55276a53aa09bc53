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
    assert own[-1] < 0.6 * shared[-1]          # every other day: the pooled model half-expects a sale each day
    assert own[:-1].mean() <= shared[:-1].mean() + 0.01


def test_a_series_with_little_history_keeps_the_pooled_coefficients():
    y = panel()
    y[0, : DAYS - 100] = 0.0                    # sold for the last 100 days only: too few rows of its own
    model = pooled.fit(y[:, :DAYS], start=START, horizon=7, calendar=CAL)
    assert model is not None and model.local is not None
    assert np.array_equal(model.local[0], model.level)
    assert not np.allclose(model.local[-1], model.level)


def test_the_phase_shifts_the_training_days_and_keeps_every_target_before_the_origin():
    y = panel()
    design = features.Design(y[:, :DAYS], start=START, horizon=7, calendar=CAL)
    end = design.t_index(DAYS)
    rows = {ph: pooled.training_rows(design, horizon=7, settings=pooled.Settings(phase=ph)) for ph in (0, 1, 3)}
    origins = {ph: np.unique(t) for ph, (_, t, _) in rows.items()}
    assert np.array_equal(origins[1][: len(origins[0]) - 1], origins[0][:-1] + 1)
    assert np.array_equal(origins[3][: len(origins[0]) - 1], origins[0][:-1] + 3)
    for _, t, k in rows.values():
        assert (t + k < end).all()
