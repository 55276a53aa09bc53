"""Forecasting as the rest of the app sees it: a forecaster, the weather feed, the chart reply."""
from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from adapters.weather import CsvWeather
from workflows import metrics


def weather(path: Path | str | None) -> CsvWeather | None:
    if not path:
        return None
    s = str(path)
    if s.startswith("http://") or s.startswith("https://"):
        return CsvWeather.from_url(s)
    p = Path(s)
    return CsvWeather.from_file(p) if p.exists() else None


class Forecaster:
    """Daily quantile forecasts for a store's products (workflows.ports.Forecaster over adapters.forecasting),
    with the tenant's calendar (holidays, make-up workdays, event days) and the weather feed, when there is one."""

    KEEP = 8   # store forecasts kept (by their inputs), most recently used first

    def __init__(self, weather: CsvWeather | None = None) -> None:
        self.weather = weather
        self.fits = 0   # store models fitted (the rest were answered from memory)
        self._memo: OrderedDict[bytes, dict[str, list[dict[str, Any]]]] = OrderedDict()
        self._lock = threading.Lock()

    def forecast_store(self, histories: dict[str, list[tuple[date, Decimal]]], *, origin: date, horizon: int,
                       location: str | None = None, calendar: dict[str, Any] | None = None
                       ) -> dict[str, list[dict[str, Any]]]:
        """The store-wide forecast, fitted once per distinct input: the morning list, the chart and every rule
        check that reads a forecast on the same day share one fit until a history changes (the forecast reads
        only days before ``origin``, so today's sales do not change it)."""
        from adapters.forecasting import api
        from adapters.forecasting import calendar as calendars
        digest = hashlib.blake2b(repr((origin, horizon, location, calendar)).encode(), digest_size=20)
        for sku, hist in histories.items():   # a digest, not the histories themselves: a few bytes per entry kept
            digest.update(f"{sku}\x00{len(hist)}\x00".encode())
            digest.update(" ".join([f"{d.toordinal()}:{q}" for d, q in hist]).encode())
        key = digest.digest()
        with self._lock:
            if key in self._memo:
                self._memo.move_to_end(key)
                return _copy(self._memo[key])
        out = api.forecast_store(histories, origin=origin, horizon=horizon, location=location,
                                 calendar=calendars.HolidayCalendar.from_settings(calendar), weather=self.weather)
        with self._lock:
            self.fits += 1
            self._memo[key] = out
            while len(self._memo) > self.KEEP:
                self._memo.popitem(last=False)
        return _copy(out)


def _copy(rows: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    return {sku: [dict(r) for r in rs] for sku, rs in rows.items()}


def chart_reply(t: Any, forecaster: Forecaster | None = None) -> Callable[..., tuple[str, bytes | None]]:
    fc = forecaster or Forecaster()

    def reply(uow: Any, *, sku: str, days: int, location: str | None, now: datetime, lang: str) -> tuple[str, bytes | None]:
        product = uow.catalog.product(sku)
        if product is None:
            return sku, None
        # the store-wide model the morning list uses, over the products the tenant forecasts and this one
        snaps = [metrics.Snapshot(uow, location=location, product=p, now=now) for p in uow.catalog.products()]
        metrics.store_forecasts(snaps, fc, horizon=days, also=sku)
        this = next(s for s in snaps if s.product.sku == sku)
        hist = this.history(120)
        rows = this.forecast_days(days) or []
        total = sum(float(r.get("qty", r.get("q50", 0))) for r in rows)
        name, unit = product.name, product.base_unit
        text = (f"📈 {name} 未来{days}天预测合计 {total:.1f}{unit}\n" +
                "\n".join(f"{r['date']:%m-%d} {float(r.get('qty', r.get('q50', 0))):.1f}"
                          f" ({float(r.get('q10', 0)):.1f}–{float(r.get('q90', 0)):.1f})" for r in rows))
        from adapters.forecasting import charts
        png = charts.chart_png(history=hist, forecast=rows, title=f"{name} 未来{days}天", unit=unit)
        return text, png
    return reply
