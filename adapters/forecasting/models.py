"""The standard baselines, each a function ``(history, horizon) -> point forecast``.

``history`` is a zero-filled daily series ending the day before the origin.
"""
from __future__ import annotations

import warnings
from collections.abc import Callable
from datetime import date, timedelta

import numpy as np

from adapters.forecasting import calendar as calendars

Model = Callable[[np.ndarray, int], np.ndarray]


def seasonal_naive(y: np.ndarray, h: int) -> np.ndarray:
    """Same weekday last week."""
    if len(y) < 7:
        return moving_average(y, h)
    return np.resize(y[-7:], h).astype(float)


def moving_average(y: np.ndarray, h: int, window: int = 7) -> np.ndarray:
    if len(y) == 0:
        return np.zeros(h)
    return np.full(h, float(np.mean(y[-window:])))


def croston_sba(y: np.ndarray, h: int, alpha: float = 0.1) -> np.ndarray:
    """Croston's method with the Syntetos–Boylan bias correction (1 − α/2)."""
    nz = np.flatnonzero(y > 0)
    if len(nz) == 0:
        return np.zeros(h)
    size, interval, last = float(y[nz[0]]), float(nz[0] + 1), int(nz[0])
    for j in nz[1:]:
        size += alpha * (float(y[j]) - size)
        interval += alpha * ((j - last) - interval)
        last = int(j)
    return np.full(h, (1 - alpha / 2) * size / interval)


def tsb(y: np.ndarray, h: int, alpha: float = 0.1, beta: float = 0.1) -> np.ndarray:
    """Teunter–Syntetos–Babai: demand size and probability smoothed every period.

    The recursions (size ← size + α(v − size) on a sale day; prob ← prob + β(1[v > 0] − prob) every day, from the
    first sale) in closed form: each is an exponentially weighted sum, which numpy computes without a loop in Python.
    """
    nz = np.flatnonzero(y > 0)
    if len(nz) == 0:
        return np.zeros(h)
    after = np.asarray(y[nz[0] + 1:], dtype=float)
    sold = after > 0
    size = _smoothed(float(y[nz[0]]), after[sold], alpha)
    prob = _smoothed(1.0, sold.astype(float), beta)
    return np.full(h, size * prob)


def _smoothed(first: float, values: np.ndarray, a: float) -> float:
    """Exponential smoothing s ← s + a(v − s) over ``values`` from ``first``, as its closed-form weighted sum."""
    m = len(values)
    return first * (1 - a) ** m + float(np.dot(a * (1 - a) ** np.arange(m - 1, -1, -1), values))


_ETS_SPECS: tuple[tuple[str | None, bool, str | None], ...] = (
    (None, False, None), ("add", True, None), (None, False, "add"), ("add", True, "add"))


def auto_ets(y: np.ndarray, h: int, max_days: int = 365) -> np.ndarray:
    """Additive-error ETS (statsmodels ETSModel), trend and weekly season chosen by AICc."""
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    y = np.asarray(y[-max_days:], dtype=float)
    if len(y) < 14 or not np.any(y > 0):
        return moving_average(y, h)
    best, best_ic = None, np.inf
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for trend, damped, season in _ETS_SPECS:
            if season and len(y) < 28:
                continue
            try:
                fit = ETSModel(y, error="add", trend=trend, damped_trend=damped, seasonal=season,
                               seasonal_periods=7 if season else None).fit(disp=False, maxiter=200)
            except Exception:  # noqa: BLE001 - a spec that fails to fit is simply not chosen
                continue
            ic = float(fit.aicc)
            if np.isfinite(ic) and ic < best_ic:
                best, best_ic = fit, ic
    if best is None:
        return moving_average(y, h)
    out: np.ndarray = np.maximum(np.asarray(best.forecast(h), dtype=float), 0.0)
    return out


BASELINES: dict[str, Model] = {
    "seasonal_naive": seasonal_naive,
    "ma7": moving_average,
    "croston_sba": croston_sba,
    "tsb": tsb,
    "auto_ets": auto_ets,
}


def calendar_exog(start: date, days: int, calendar: calendars.HolidayCalendar) -> np.ndarray:
    """Days × 7 regressors: Monday..Friday dummies (the weekend is the reference), holiday, make-up workday."""
    out = np.zeros((days, 7))
    for j in range(days):
        d = start + timedelta(days=j)
        kind = calendar.kind(d)
        if d.weekday() < 5:
            out[j, d.weekday()] = 1.0
        out[j, 5] = kind is calendars.DayKind.HOLIDAY
        out[j, 6] = kind is calendars.DayKind.MAKEUP_WORKDAY
    return out


def sarimax(y: np.ndarray, h: int, exog: np.ndarray, future: np.ndarray, max_days: int = 180) -> np.ndarray:
    """ARMA(1,1) errors around a regression on the calendar regressors (statsmodels SARIMAX with exog).

    ``exog`` is aligned with ``y``, ``future`` covers the ``h`` forecast days.
    """
    from statsmodels.tsa.statespace.sarimax import SARIMAX

    y = np.asarray(y[-max_days:], dtype=float)
    x = exog[-len(y):] if len(y) else exog[:0]
    if len(y) < 28 or not np.any(y > 0):
        return moving_average(y, h)
    keep = x.std(axis=0) > 0   # a regressor that never varies in the window cannot be fitted
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            fit = SARIMAX(y, exog=x[:, keep] if keep.any() else None, order=(1, 0, 1), trend="c").fit(
                disp=False, maxiter=50)
            fc = fit.forecast(h, exog=future[:, keep] if keep.any() else None)
        except Exception:  # noqa: BLE001 - a series the optimiser cannot fit falls back to the mean
            return moving_average(y, h)
    out: np.ndarray = np.maximum(np.asarray(fc, dtype=float), 0.0)
    return out
