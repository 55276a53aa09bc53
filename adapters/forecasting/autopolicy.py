"""The automatic policy of the simulation: pooled forecasts → domain replenishment, day by day.

The model is refitted every evening (``refit_every`` days) on the history up to it, learning from pseudo-origins on
the weekday it forecasts from (``pooled.Settings``, as the morning list's store forecast does), and predicts from the
days up to that evening only (refitted every 7th evening on every 4th day of every weekday instead, the auto policy
aiming at manual k=1.5's inventory days had 26.6 % of manual's stockouts instead of 25.4 %, on the shared data); for
items idle for a week or more P(sale) is the observed restart rate instead, and 0 before an item's first sale
(``dormancy``). Each evening the demand of every item is a hurdle distribution: no sale, or with probability P a
quantity whose log has the fitted median (moved part of the way towards the point forecast where that is the median
regression's, ``pooled.Settings.centre``), the series' own spread and the residuals' shape. It is written out as
quantiles that include P(demand = 0); ``domain.replenishment.SteadyRate`` then picks every item's stock
level at one price per prevented stockout, the price at which the last 91 days together meet the
service level (the expected share of item-days with demand that run short), so stock goes to the items and
the days where it prevents the most stockouts per kg left over, and ``suggest`` turns that level into an
order (never more than sells before it spoils).
"""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import numpy as np
from scipy.special import expit, logit, ndtri

from adapters.forecasting import calendar as calendars
from adapters.forecasting import dormancy, features, pooled, simulate
from domain import replenishment

# levels of the quantity given a sale; the unconditional level is P(no sale) + P(sale) × level
SALE_LEVELS = pooled.SIZE_LEVELS


# days of the model's own day-ahead P(sale) that recalibrate it for items a few days off the shelf
RECALIBRATE_DAYS = 182
MIN_RECALIBRATION_ROWS = 200


class Forecasts:
    """Hurdle parameters (P(sale), μ, σ) for the days after each decision evening, cached for reuse.

    For items without a sale for 1–6 days the pooled model's day-ahead P(sale) runs low (on the last year of the
    shared data 0.12 where 0.14 came back after 3–6 days off, 0.41 where 0.45 after one): it is recalibrated by a
    logistic on its logit, fitted on what this object predicted for such items over the last
    ``recalibrate_days`` evenings and what then happened (the evenings it was asked about, in the simulation
    every one since the start; none before ``MIN_RECALIBRATION_ROWS`` such item-days are known)."""

    def __init__(self, demand: np.ndarray, *, first_day: date, horizon: int,
                 calendar: calendars.HolidayCalendar | None = None, refit_every: int = 1,
                 settings: pooled.Settings | None = None, restarts: bool = True,
                 recalibrate_days: int = RECALIBRATE_DAYS) -> None:
        self.horizon, self.refit_every, self.settings = horizon, refit_every, settings
        self.restarts = dormancy.Restarts(demand) if restarts else None
        self.demand = demand
        self.gap = self.restarts.gap if self.restarts is not None else dormancy.gaps(demand)
        self.recalibrate_days = recalibrate_days
        # evening → the items then a few days off the shelf and the logit of the model's P(sale) of their next day
        self.day_ahead: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        self.design = features.Design(demand, start=first_day, horizon=horizon, calendar=calendar or calendars.DEFAULT)
        self.rows = np.arange(demand.shape[0])
        self.model: pooled.Model | None = None
        self.fitted_at: int | None = None
        self.cache: dict[int, tuple[np.ndarray, np.ndarray]] = {}

    def after(self, day: int) -> tuple[np.ndarray, np.ndarray]:
        """(P(sale), items × horizon; sizes given a sale at ``SALE_LEVELS``, items × horizon × levels) of days
        day+1 .. day+horizon from history days ≤ day."""
        if day in self.cache:
            return self.cache[day]
        origin = day + 1
        if self.fitted_at is None or origin - self.fitted_at >= self.refit_every:
            self.model = pooled.fit_design(self.design, horizon=self.horizon, settings=self.settings, origin=origin)
            self.fitted_at = origin
        if self.model is None:  # too little history: the last 28 days' share of sale days and sizes
            y = self.design.y[:, features.PAD: features.PAD + max(origin, 0)][:, -28:]
            n, h = len(self.rows), self.horizon
            pos = y > 0
            p = np.repeat((pos.mean(axis=1) if y.shape[1] else np.zeros(n))[:, None], h, axis=1)
            logs = np.where(pos, np.log(np.where(pos, y, 1.0)), 0.0)
            mu = np.repeat((logs.sum(axis=1) / np.maximum(pos.sum(axis=1), 1))[:, None], h, axis=1)
            sizes = np.exp(mu[..., None] + 0.7 * ndtri(SALE_LEVELS))
        else:
            p, mu, sigma = self.model.hurdle(self.rows, horizon=self.horizon, day=origin)
            sizes = self.model.size_quantiles(mu, sigma)
            self.remember(day, p[:, 0])
            p = self.recalibrated(day, p)
        if self.restarts is not None:  # the restart rate of idle items; 0 before an item's first sale
            p = self.restarts.adjust(day, p)
        self.cache[day] = (p, sizes)
        return p, sizes

    def remember(self, day: int, p_next: np.ndarray) -> None:
        """Keeps the model's P(sale) of the day after ``day`` for the items then a few days off the shelf."""
        m = self._comeback_rows(day, p_next)
        self.day_ahead[day] = (m, logit(p_next[m]))

    def _comeback_rows(self, day: int, p: np.ndarray) -> np.ndarray:
        """Items off the shelf for 1–6 days on the evening of ``day`` whose P is neither 0 nor 1."""
        g = self.gap[:, day] if 0 <= day < self.gap.shape[1] else np.full(len(p), -1.0)
        out: np.ndarray = (g >= 1) & (g < dormancy.MIN_GAP) & (p > 1e-4) & (p < 1 - 1e-4)
        return out

    def recalibrated(self, day: int, p: np.ndarray) -> np.ndarray:
        """``p`` (items × horizon) with the next day's P(sale) of items a few days off the shelf recalibrated on
        the last ``recalibrate_days`` evenings' day-ahead forecasts of such items and their outcomes (all ≤ day)."""
        xs, ys = [], []
        for u in range(max(0, day - self.recalibrate_days), day):
            if u in self.day_ahead:
                m, x_u = self.day_ahead[u]
                xs.append(x_u)
                ys.append((self.demand[m, u + 1] > 0).astype(float))
        x = np.concatenate(xs) if xs else np.zeros(0)
        y = np.concatenate(ys) if ys else np.zeros(0)
        if len(x) < MIN_RECALIBRATION_ROWS or y.min() == y.max():
            return p
        beta = pooled.logistic(np.stack([np.ones_like(x), x], axis=1), y)
        out = p.copy()
        m = self._comeback_rows(day, p[:, 0])
        out[m, 0] = expit(beta[0] + beta[1] * logit(p[m, 0]))
        return out


def _dec(x: float) -> Decimal:
    return Decimal(f"{x:.4f}")


def day_forecast(day: date, p: float, sizes: np.ndarray) -> replenishment.DayForecast:
    """The hurdle distribution as quantiles: 0 up to P(no sale), then the sizes given a sale at ``SALE_LEVELS``."""
    if p < 1e-4:
        return replenishment.DayForecast(day, {Decimal("0.5"): Decimal(0)})
    none = 1.0 - p
    levels = {Decimal(f"{none:.6f}"): Decimal(0)}
    for lv, q in zip(SALE_LEVELS, np.maximum.accumulate(sizes), strict=True):
        levels[Decimal(f"{none + p * lv:.6f}")] = _dec(float(q))
    return replenishment.DayForecast(day, levels)


def policy(forecasts: Forecasts, *, lead_time: int, shelf_life: np.ndarray, first_day: date,
           service_level: float | None = None, rate: float | None = None, days: float | None = None
           ) -> simulate.Policy:
    """Stock levels allocated across items and days for the ``service_level`` over the last 91 days
    (``replenishment.SteadyRate``), or at a fixed ``rate`` of prevented stockouts per unit of leftover (exactly
    one of the two), ordered via ``domain.replenishment``.

    With ``rate``, ``days`` is the inventory days the store aims at: a unit that sells then counts against one
    left over (see ``replenishment.allocate_at_rate``)."""
    if (service_level is None) == (rate is None):
        raise ValueError("give either a service level or a rate")
    if days is not None and rate is None:
        raise ValueError("inventory days go with a rate")
    target = Decimal(str(days)) if days is not None else None
    steady = replenishment.SteadyRate(Decimal(str(service_level))) if service_level is not None else None

    def decide(s: simulate.State) -> np.ndarray:
        p, sizes = forecasts.after(s.day)
        n = len(s.on_hand)
        period = max(1, lead_time)       # days until the order after this one arrives
        daily = [[day_forecast(first_day + timedelta(days=s.day + 1 + k), float(p[i, k]), sizes[i, k])
                 for k in range(p.shape[1])] for i in range(n)]
        positions = [replenishment.Position(on_hand=_dec(s.on_hand[i]), on_order=_dec(s.on_order[i]))
                     for i in range(n)]
        periods = [replenishment.period_forecast(d[:period]) for d in daily]
        floors = [x.on_hand + x.on_order for x in positions]
        chosen = (steady.allocate(periods, floors) if steady is not None
                  else replenishment.allocate_at_rate(periods, floors, rate=Decimal(str(rate)), days=target))
        out = np.zeros(n)
        for i in range(n):
            life = shelf_life[i]
            pol = replenishment.Policy(service_level=chosen[i].level, lead_time_days=lead_time - 1, review_days=1,
                                       shelf_life_days=int(life) if np.isfinite(life) else None)
            out[i] = float(replenishment.suggest(positions[i], daily[i], policy=pol).quantity)
        return out
    return decide
