"""What the rest of the app calls: quantile forecasts for a whole store (what the morning list and the
automatic purchases use: the model pools the store's products) or for one product alone."""
from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import numpy as np

from adapters.forecasting import calendar as calendars
from adapters.forecasting import choose, models, panel, pooled
from adapters.forecasting import exog as exogs

QUANTILE_COLUMNS = ("q10", "q25", "q50", "q75", "q90", "q95")   # what the forecast CSV carries
# what forecast rows carry: the columns, and more levels at the top for replenishment at high service levels
_LEVELS = {"q05": 0.05, "q10": 0.1, "q25": 0.25, "q50": 0.5, "q75": 0.75, "q80": 0.8, "q90": 0.9, "q95": 0.95,
           "q975": 0.975, "q99": 0.99}


def _at(levels: Sequence[float], qs: np.ndarray, level: float) -> float:
    return float(np.interp(level, levels, qs))


def rows_from(forecast: pooled.Forecast, *, origin: date, row: int) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for k in range(forecast.point.shape[1]):
        qs = forecast.quantiles[row, k]
        r: dict[str, Any] = {"date": origin + timedelta(days=k), "qty": float(forecast.point[row, k])}
        for name, level in _LEVELS.items():
            r[name] = _at(forecast.levels, qs, level)
        r["q50"] = r["qty"]
        out.append(r)
    return out


def _fallback(y: np.ndarray, horizon: int) -> pooled.Forecast:
    """Too little history to fit: the 7-day mean, with a band from the recent days' spread."""
    n = y.shape[0]
    point = np.stack([models.moving_average(y[i], horizon) for i in range(n)]) if n else np.zeros((0, horizon))
    recent = y[:, -28:] if y.shape[1] else np.zeros((n, 1))
    qs = np.quantile(recent, pooled.QUANTILES, axis=1).T if recent.size else np.zeros((n, len(pooled.QUANTILES)))
    grid = np.repeat(qs[:, None, :], horizon, axis=1)
    mid = pooled.QUANTILES.index(0.5)
    grid = np.maximum.accumulate(grid, axis=2)
    grid[:, :, :mid] = np.minimum(grid[:, :, :mid], point[:, :, None])
    grid[:, :, mid:] = np.maximum(grid[:, :, mid:], point[:, :, None])
    return pooled.Forecast(point, grid)


def regressors(p: panel.Panel, *, origin: date, horizon: int, weather: exogs.WeatherFeed | None = None,
               location: str | None = None,
               prices: Mapping[panel.Key, Sequence[tuple[date, float]]] | None = None) -> exogs.Exog | None:
    """The weather and the prices (history and planned) over the panel's days and the forecast days.

    Prices dated on or after ``origin`` are plans (a promotion); without one a series keeps its last price.
    """
    days = (origin - p.start).days + horizon
    daily = exogs.from_weather(weather, location=location, start=p.start, days=days) if weather else None
    price = exogs.price_matrix(prices or {}, p.keys, start=p.start, days=days)
    if daily is None and price is None:
        return None
    return exogs.Exog(daily.names if daily else (), daily.daily if daily else None, price)


# the model learns from at least a week's horizon steps: a forecast of the next day or two learns from all seven, as
# seven times the rows keep a short history's fit from chasing noise (a new store's four weeks in the tests: 23 % of the
# weekday level for tomorrow from the day-ahead rows alone, 97 % from a week's)
FIT_HORIZON = 7


def forecast_panel(p: panel.Panel, rows: Sequence[int], *, origin: date, horizon: int,
                   calendar: calendars.HolidayCalendar | None = None,
                   settings: pooled.Settings | None = None, exog: exogs.Exog | None = None) -> pooled.Forecast:
    """Forecasts the given rows of a panel from its history before ``origin`` (and ``exog``, which may
    run into the forecast days)."""
    hist = p.before(origin)
    eve = (calendar or calendars.DEFAULT).is_new_years_eve
    last = origin - timedelta(days=1)
    if horizon > 0 and hist.end == origin and panel.short_last_day(hist.y) \
            and not (eve(last) or eve(last - timedelta(days=1))):
        # yesterday is recorded only in part: forecast it too, from the day before, as if nothing of it were known (its
        # few sales would read as every product off the shelf); the Spring Festival's closed days are what they seem
        fc = forecast_panel(p.before(last), rows, origin=last, horizon=horizon + 1, calendar=calendar,
                            settings=settings, exog=exog)
        return pooled.Forecast(fc.point[:, 1:], fc.quantiles[:, 1:], fc.levels)
    if hist.days < origin.toordinal() - hist.start.toordinal():  # the panel ended early: pad with zero days
        gap = (origin - hist.end).days
        hist = panel.Panel(hist.start, hist.keys, np.concatenate([hist.y, np.zeros((len(hist.keys), gap))], 1))
    model = pooled.fit(hist.y, start=hist.start, horizon=max(horizon, FIT_HORIZON), calendar=calendar, settings=settings,
                       exog=exog)
    idx = np.asarray(rows, dtype=int)
    if model is None:
        return _fallback(hist.y[idx], horizon)
    fc = model.predict(idx, horizon=horizon)
    chosen = choose.choose(model, idx, horizon=horizon, pooled_point=fc.point)
    moved = np.array([name != "pooled" for name in chosen.names], dtype=bool)
    if moved.any():  # a one-series model won this series' backtest: its forecast is the median, the band moves along
        shift = chosen.point[moved] - fc.point[moved]
        q = np.maximum(fc.quantiles[moved] + shift[:, :, None], 0.0)
        fc.quantiles[moved] = np.maximum.accumulate(q, axis=2)
        fc.point[moved] = chosen.point[moved]
    return fc


SAME_WEEKDAYS = 4   # open days on the same weekday a closed day in the history is read from


def open_days(y: np.ndarray, *, start: date, closed: Collection[date]) -> np.ndarray:
    """The history with each day the store was closed read as it would have sold: the median of the last
    ``SAME_WEEKDAYS`` open days on its weekday (left as recorded without one: a weekly rest day). A day marked closed
    on which the store sold something was open after all, and is kept as recorded."""
    days = y.shape[1]
    shut = np.zeros(days, dtype=bool)
    for d in closed:
        k = (d - start).days
        if 0 <= k < days and not y[:, k].any():
            shut[k] = True
    if not shut.any():
        return y
    out = y.copy()
    for day in np.flatnonzero(shut):
        same = [j for j in range(int(day) - 7, -1, -7) if not shut[j]][:SAME_WEEKDAYS]
        if same:
            out[:, day] = np.median(y[:, same], axis=1)
    return out


def forecast_series(history: list[tuple[date, Decimal]], *, origin: date, horizon: int,
                    calendar: calendars.HolidayCalendar | None = None, weather: exogs.WeatherFeed | None = None,
                    location: str | None = None,
                    prices: Sequence[tuple[date, float]] | None = None) -> list[dict[str, Any]]:
    """Daily forecast rows for one product: ``{"date", "qty", "q05", "q10", …, "q99"}`` (see ``_LEVELS``).

    Quantities are floats in the history's unit; ``qty`` is the median. Only days before ``origin``
    are read from the history; the calendar, the weather feed and ``prices`` (sold and planned) may
    reach into the forecast days.
    """
    if horizon <= 0:
        return []
    p = panel.from_series(history, origin=origin)
    ex = regressors(p, origin=origin, horizon=horizon, weather=weather, location=location,
                    prices={p.keys[0]: prices} if prices else None)
    fc = forecast_panel(p, [0], origin=origin, horizon=horizon, calendar=calendar, exog=ex)
    return rows_from(fc, origin=origin, row=0)


def forecast_store(histories: Mapping[str, Sequence[tuple[date, Decimal]]], *, origin: date, horizon: int,
                   calendar: calendars.HolidayCalendar | None = None, weather: exogs.WeatherFeed | None = None,
                   location: str | None = None, closed: Collection[date] = (),
                   prices: Mapping[str, Sequence[tuple[date, Decimal]]] | None = None
                   ) -> dict[str, list[dict[str, Any]]]:
    """Daily forecast rows (as ``forecast_series``) for every product of a store, from one model fitted on all
    of their histories: each product learns from the others' weekdays, holidays and off-shelf spells, and a
    product with long enough history of its own gets its own coefficients on top.

    ``closed``: the days the store is closed (店休). It sells nothing on those ahead; those behind are read as the
    days it would have sold (``open_days``), so that a day shut is neither a product off the shelf nor a dip in
    its level.

    ``prices``: a product's price a day, where it was or will be on offer (a promotion: the model learns from the
    days it was how the products sell cheaper, and expects it on the days planned)."""
    if horizon <= 0 or not histories:
        return {sku: [] for sku in histories}
    sales = [panel.Sale(d, location or "", sku, float(q)) for sku, hist in histories.items() for d, q in hist
             if d < origin and q > 0]
    start = min((d for hist in histories.values() for d, _ in hist), default=origin - timedelta(days=1))
    p = panel.from_sales(sales, start=min(start, origin - timedelta(days=1)), end=origin)
    rows = {k[1]: i for i, k in enumerate(p.keys)}
    missing = [sku for sku in histories if sku not in rows]
    if missing:   # products without a sale in their history: zero rows, so they get the zero forecast
        p = panel.Panel(p.start, [*p.keys, *((location or "", sku) for sku in missing)],
                        np.concatenate([p.y, np.zeros((len(missing), p.days))]))
        rows.update({sku: len(p.keys) - len(missing) + n for n, sku in enumerate(missing)})
    ex = regressors(p, origin=origin, horizon=horizon, weather=weather, location=location,
                    prices={(location or "", sku): [(d, float(q)) for d, q in said] for sku, said in prices.items()}
                    if prices else None)
    idx = [rows[sku] for sku in histories]
    if closed:
        p = panel.Panel(p.start, p.keys, open_days(p.y, start=p.start, closed=closed))
    fc = forecast_panel(p, idx, origin=origin, horizon=horizon, calendar=calendar, exog=ex)
    never = np.array([sku in missing for sku in histories], dtype=bool)
    fc.point[never], fc.quantiles[never] = 0.0, 0.0   # nothing says a product that never sold will sell now
    shut = [k for k in range(horizon) if origin + timedelta(days=k) in closed]
    fc.point[:, shut], fc.quantiles[:, shut] = 0.0, 0.0
    return {sku: rows_from(fc, origin=origin, row=n) for n, sku in enumerate(histories)}
