"""A big pooled fit begins on every 4th training row and finishes on all of them (``pooled._coarse``): a third
faster than every iteration on every row, and the forecasts must not notice."""
from datetime import date

import numpy as np

from adapters.forecasting import calendar as calendars
from adapters.forecasting import pooled

START = date(2023, 1, 2)
DAYS, N = 600, 40
CAL = calendars.HolidayCalendar(use_official=False)


def store(seed: int = 11) -> np.ndarray:
    """Sellers of different sizes with busier weekends, some selling on most days only."""
    rng = np.random.default_rng(seed)
    wd = np.arange(DAYS) % 7
    level = rng.uniform(2, 40, N)[:, None] * np.where(wd >= 5, 1.4, 1.0)[None, :]
    sells = rng.random((N, DAYS)) < rng.uniform(0.5, 1.0, N)[:, None]
    out: np.ndarray = np.where(sells, np.maximum(0.0, level * rng.lognormal(0, 0.3, (N, DAYS))), 0.0)
    return out


def test_the_coarse_start_forecasts_like_the_full_fit():
    y = store()
    fits = {c: pooled.fit(y, start=START, horizon=7, calendar=CAL, settings=pooled.Settings(coarse=c)) for c in (1, 4)}
    full, coarse = fits[1], fits[4]
    assert full is not None and coarse is not None
    rows, _, _ = pooled.training_rows(full.design, horizon=7, settings=pooled.Settings())
    assert len(rows) > pooled.COARSE_ROWS          # big enough for the coarse start to be taken
    assert not np.array_equal(full.level, coarse.level)   # it was taken: the fits differ ...
    a = full.predict(np.arange(N), horizon=7)
    b = coarse.predict(np.arange(N), horizon=7)
    # ... but not in what they forecast
    assert np.abs(a.point - b.point).sum() <= 0.01 * a.point.sum()
    assert np.abs(a.quantiles - b.quantiles).sum() <= 0.01 * a.quantiles.sum()
    p_full, _, _ = full.hurdle(np.arange(N), horizon=7)
    p_coarse, _, _ = coarse.hurdle(np.arange(N), horizon=7)
    assert np.abs(p_full - p_coarse).max() < 0.01
