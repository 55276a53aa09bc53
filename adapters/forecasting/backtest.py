"""Rolling-origin backtests: every model forecasts the same series from the same origins.

A model sees the panel's history before the origin and returns point forecasts for the rows asked
for; the score is WAPE = Σ|error| / Σ actual over every (series, origin, day).
"""
from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Sequence
from datetime import date, timedelta

import numpy as np

from adapters.forecasting import calendar as calendars
from adapters.forecasting import choose, models, panel, pooled
from adapters.forecasting import exog as exogs

# (history: series × days before the origin, its first day, rows to forecast, horizon) → rows × horizon
PanelModel = Callable[[np.ndarray, date, np.ndarray, int], np.ndarray]
# (history of the forecast rows: rows × days before the origin) → a label per row, for scores by group
Grouping = Callable[[np.ndarray], Sequence[str]]
SHARE_BINS = (0.3, 0.6, 0.9)   # share of days with a sale over the 56 days before the origin


@dataclasses.dataclass(frozen=True)
class Score:
    name: str
    wape: float
    abs_error: float
    actual: float
    series: int
    seconds: float
    groups: dict[str, tuple[float, float, int]] = dataclasses.field(default_factory=dict)  # label → |error|, actual, rows

    def group_wape(self, label: str) -> float:
        err, actual, _ = self.groups[label]
        return err / actual if actual else float("nan")

    @property
    def ms_per_series(self) -> float:
        return 1000 * self.seconds / max(self.series, 1)


def per_series(model: models.Model) -> PanelModel:
    """Lifts a one-series baseline: each series starts at its first sale."""
    def run(y: np.ndarray, start: date, rows: np.ndarray, horizon: int) -> np.ndarray:
        out = np.zeros((len(rows), horizon))
        for n, i in enumerate(rows):
            hist = y[i]
            nz = np.flatnonzero(hist > 0)
            out[n] = model(hist[nz[0]:] if len(nz) else hist[-7:], horizon)
        return out
    return run


def ours(calendar: calendars.HolidayCalendar | None = None, settings: pooled.Settings | None = None,
         *, chosen: bool = True, price: np.ndarray | None = None) -> PanelModel:
    """The pooled model, with the per-series choice by rolling backtest unless ``chosen`` is False.

    ``price`` (series × panel days, NaN where no sale) feeds the price effect; only the columns before
    the origin are passed on, so every forecast day keeps the last price.
    """
    def run(y: np.ndarray, start: date, rows: np.ndarray, horizon: int) -> np.ndarray:
        ex = exogs.Exog(price=price[:, : y.shape[1]]) if price is not None else None
        model = pooled.fit(y, start=start, horizon=horizon, calendar=calendar, settings=settings, exog=ex)
        if model is None:
            return per_series(models.moving_average)(y, start, rows, horizon)
        if chosen:
            return choose.choose(model, rows, horizon=horizon).point
        return model.predict(rows, horizon=horizon).point
    return run


def sarimax(calendar: calendars.HolidayCalendar | None = None) -> PanelModel:
    """statsmodels SARIMAX per series with the calendar as exogenous regressors."""
    cal = calendar or calendars.DEFAULT

    def run(y: np.ndarray, start: date, rows: np.ndarray, horizon: int) -> np.ndarray:
        x = models.calendar_exog(start, y.shape[1] + horizon, cal)
        out = np.zeros((len(rows), horizon))
        for n, i in enumerate(rows):
            nz = np.flatnonzero(y[i] > 0)
            lo = int(nz[0]) if len(nz) else max(0, y.shape[1] - 7)
            out[n] = models.sarimax(y[i, lo:], horizon, x[lo: y.shape[1]], x[y.shape[1]:])
        return out
    return run


def rolling_origins(p: panel.Panel, *, span_days: int = 365, every: int = 28, horizon: int = 7) -> list[date]:
    """Origins every ``every`` days, the last one leaving exactly ``horizon`` days of actuals."""
    last = p.end - timedelta(days=horizon)
    first = p.end - timedelta(days=span_days)
    out: list[date] = []
    o = last
    while o >= first:
        out.append(o)
        o -= timedelta(days=every)
    return sorted(out)


def by_sale_share(hist: np.ndarray, *, window: int = 56) -> list[str]:
    """Labels rows by the share of days with a sale in the last ``window`` days of their history: intermittent
    items (a sale on fewer than 30 % of the days) to steady sellers (90 % or more)."""
    share = (hist[:, -window:] > 0).mean(axis=1) if hist.shape[1] else np.zeros(len(hist))
    edges = (0.0, *SHARE_BINS, 1.0)
    names = [f"{100 * lo:.0f}-{100 * hi:.0f}%" if hi < 1 else f"≥{100 * lo:.0f}%"
             for lo, hi in zip(edges[:-1], edges[1:], strict=True)]
    return [names[int(b)] for b in np.searchsorted(SHARE_BINS, share, side="right")]


def evaluate(p: panel.Panel, models_: dict[str, PanelModel], *, origins: Sequence[date], horizon: int = 7,
             window: int = 56, group: Grouping | None = None) -> list[Score]:
    """Scores each model over the origins on the series with a sale in the ``window`` days before each;
    with ``group``, each score also holds its errors and actuals per group of rows (``Score.groups``)."""
    totals = {name: [0.0, 0.0, 0, 0.0] for name in models_}
    groups: dict[str, dict[str, list[float]]] = {name: {} for name in models_}
    for origin in origins:
        j = p.index(origin)
        rows = np.asarray(p.active(origin, window=window), dtype=int)
        if len(rows) == 0:
            continue
        hist = p.y[:, :j]
        actual = p.y[rows, j: j + horizon]
        labels = np.asarray(group(hist[rows])) if group is not None else np.zeros(0)
        masks = {str(label): labels == label for label in np.unique(labels)}   # the same rows for every model
        for name, model in models_.items():
            t0 = time.perf_counter()
            fc = model(hist, p.start, rows, horizon)
            took = time.perf_counter() - t0
            err = np.abs(fc[:, : actual.shape[1]] - actual).sum(axis=1)   # per row
            acc = totals[name]
            acc[0] += float(err.sum())
            acc[1] += float(actual.sum())
            acc[2] += len(rows)
            acc[3] += took
            for label, sel in masks.items():
                g = groups[name].setdefault(label, [0.0, 0.0, 0])
                g[0] += float(err[sel].sum())
                g[1] += float(actual[sel].sum())
                g[2] += int(sel.sum())
    return [Score(name, a[0] / a[1] if a[1] else float("nan"), a[0], a[1], int(a[2]), a[3],
                  {label: (g[0], g[1], int(g[2])) for label, g in sorted(groups[name].items())})
            for name, a in totals.items()]
