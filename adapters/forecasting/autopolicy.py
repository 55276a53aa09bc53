"""The automatic policy of the simulation: pooled forecasts → domain replenishment, day by day.

The model is refitted every ``refit_every`` days on the history up to the decision day and
predicts every evening from the days up to that evening only.
"""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import numpy as np

from adapters.forecasting import calendar as calendars
from adapters.forecasting import features, pooled, simulate
from domain import replenishment

_LEVELS = tuple(Decimal(str(q)) for q in pooled.QUANTILES)


class Forecasts:
    """Quantile grids for the days after each decision evening, cached for reuse across policies."""

    def __init__(self, demand: np.ndarray, *, first_day: date, horizon: int,
                 calendar: calendars.HolidayCalendar | None = None, refit_every: int = 7,
                 settings: pooled.Settings | None = None) -> None:
        self.horizon, self.refit_every, self.settings = horizon, refit_every, settings
        self.design = features.Design(demand, start=first_day, horizon=horizon, calendar=calendar or calendars.DEFAULT)
        self.rows = np.arange(demand.shape[0])
        self.model: pooled.Model | None = None
        self.fitted_at: int | None = None
        self.cache: dict[int, pooled.Forecast] = {}

    def after(self, day: int) -> pooled.Forecast:
        """Forecast of days day+1 .. day+horizon from history days ≤ day."""
        if day in self.cache:
            return self.cache[day]
        origin = day + 1
        if self.fitted_at is None or origin - self.fitted_at >= self.refit_every:
            self.model = pooled.fit_design(self.design, horizon=self.horizon, settings=self.settings, origin=origin)
            self.fitted_at = origin
        if self.model is None:
            y = self.design.y[:, features.PAD: features.PAD + max(origin, 0)]
            mean = y[:, -7:].mean(axis=1) if y.shape[1] else np.zeros(len(self.rows))
            point = np.repeat(mean[:, None], self.horizon, axis=1)
            grid = np.repeat(point[:, :, None], len(pooled.QUANTILES), axis=2)
            fc = pooled.Forecast(point, grid)
        else:
            fc = self.model.predict(self.rows, horizon=self.horizon, day=origin)
        self.cache[day] = fc
        return fc


def _dec(x: float) -> Decimal:
    return Decimal(f"{x:.4f}")


def policy(forecasts: Forecasts, *, service_level: float, lead_time: int, shelf_life: np.ndarray,
           first_day: date) -> simulate.Policy:
    """Order-up-to from the forecast quantiles via ``domain.replenishment.suggest``."""
    sl = Decimal(str(service_level))

    def decide(s: simulate.State) -> np.ndarray:
        fc = forecasts.after(s.day)
        out = np.zeros(len(s.on_hand))
        busy = np.flatnonzero((fc.quantiles[:, :, -1].max(axis=1) > 0) | (s.on_hand > 0) | (s.on_order > 0))
        for i in busy:
            days = [replenishment.DayForecast(first_day + timedelta(days=s.day + 1 + k),
                                              dict(zip(_LEVELS, map(_dec, fc.quantiles[i, k]), strict=True)))
                    for k in range(fc.quantiles.shape[1])]
            life = shelf_life[i]
            pol = replenishment.Policy(service_level=sl, lead_time_days=lead_time - 1, review_days=1,
                                       shelf_life_days=int(life) if np.isfinite(life) else None)
            pos = replenishment.Position(on_hand=_dec(s.on_hand[i]), on_order=_dec(s.on_order[i]))
            out[i] = float(replenishment.suggest(pos, days, policy=pol).quantity)
        return out
    return decide
