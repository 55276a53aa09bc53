"""Regressors the forecast knows for the forecast days as well as for the history.

* ``daily``: store-wide values per day, e.g. the temperature and the rain from the weather feed
  (history days: what was observed; forecast days: the weather forecast).
* ``price``: each series' selling price per day (history: the day's average price on sale days, NaN
  on days without a sale; forecast days: the planned price, NaN = unchanged). A promotion is a planned
  price below the current one.

Event days (店庆, a promotion weekend) come from the tenant's calendar, not from here.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Protocol

import numpy as np


class WeatherFeed(Protocol):
    def day(self, location: str | None, d: date) -> tuple[float, float | None] | None: ...


@dataclasses.dataclass(frozen=True)
class Exog:
    """Columns cover ``days`` days from the history's first day: the history, then the forecast days."""

    names: tuple[str, ...] = ()
    daily: np.ndarray | None = None   # len(names) × days
    price: np.ndarray | None = None   # series × days

    def daily_span(self, days: int) -> np.ndarray | None:
        """The daily columns cut or zero-padded to ``days`` days."""
        if self.daily is None or not self.names:
            return None
        out = np.zeros((len(self.names), days))
        n = min(days, self.daily.shape[1])
        out[:, :n] = np.nan_to_num(self.daily[:, :n])
        return out

    def price_span(self, series: int, days: int) -> np.ndarray | None:
        if self.price is None:
            return None
        out = np.full((series, days), np.nan)
        n = min(days, self.price.shape[1])
        out[:, :n] = self.price[:series, :n]
        return out


def from_weather(feed: WeatherFeed, *, location: str | None, start: date, days: int) -> Exog | None:
    """Temperature (°C above the period's mean, in tens) and rain (mm, in tens, capped at 50 mm) per day.

    None when the feed knows none of these days.
    """
    temp = np.full(days, np.nan)
    rain = np.zeros(days)
    seen = False
    for j in range(days):
        row = feed.day(location, start + timedelta(days=j))
        if row is None:
            continue
        seen = True
        rain[j] = min(max(row[0], 0.0), 50.0) / 10
        if row[1] is not None:
            temp[j] = row[1]
    if not seen:
        return None
    known = np.isfinite(temp)
    temp = np.where(known, (temp - (temp[known].mean() if known.any() else 0.0)) / 10, 0.0)
    return Exog(("temp", "rain"), np.stack([temp, rain]))


def price_matrix(prices: Mapping[tuple[str, str], Sequence[tuple[date, float]]], keys: Sequence[tuple[str, str]], *,
                 start: date, days: int) -> np.ndarray | None:
    """Series × days of prices (NaN where none is known) from (location, sku) → [(day, price)]."""
    if not prices:
        return None
    out = np.full((len(keys), days), np.nan)
    for i, key in enumerate(keys):
        for d, price in prices.get(key, ()):
            j = (d - start).days
            if 0 <= j < days and price > 0:
                out[i, j] = price
    return out if np.isfinite(out).any() else None
