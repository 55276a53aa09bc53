"""Forecasting as the rest of the app sees it: a forecaster, the weather feed, the chart reply."""
from __future__ import annotations

import hashlib
import json
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from adapters.weather import CsvWeather
from domain import closures, promotions
from workflows import metrics, reports

log = logging.getLogger(__name__)


def weather(path: Path | str | None) -> CsvWeather | None:
    if not path:
        return None
    s = str(path)
    if s.startswith("http://") or s.startswith("https://"):
        return CsvWeather.from_url(s)
    p = Path(s)
    return CsvWeather.from_file(p) if p.exists() else None


Rows = dict[str, list[dict[str, Any]]]


class SharedForecasts:
    """Store forecasts shared by the ``serve`` replicas through Redis, so that one replica fits a store's model and
    the others read it: kept for a day and a half under the digest of their inputs (per tenant), with a short claim
    so that replicas asking at the same moment wait for the one fitting instead of fitting too.

    Redis is a cache here, never the record: when it is unreachable a replica fits for itself."""

    TTL = 36 * 3600   # seconds a store forecast is kept
    CLAIM = 60        # seconds a replica may take to fit before another one stops waiting for it

    def __init__(self, url: str, tenant: str, *, wait: float = 30.0) -> None:
        import redis

        self.redis = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        self.prefix = f"kuguan:{tenant}:forecast:"
        self.wait = wait

    def get(self, key: bytes) -> Rows | None:
        raw = self.redis.get(self.prefix + key.hex())
        return None if raw is None else _loads(raw)

    def claim(self, key: bytes) -> bool:
        """True when this replica is to fit (no other one is fitting these inputs)."""
        return bool(self.redis.set(self.prefix + "claim:" + key.hex(), b"1", nx=True, ex=self.CLAIM))

    def put(self, key: bytes, rows: Rows) -> None:
        pipe = self.redis.pipeline()
        pipe.set(self.prefix + key.hex(), _dumps(rows), ex=self.TTL)
        pipe.delete(self.prefix + "claim:" + key.hex())
        pipe.execute()

    def release(self, key: bytes) -> None:
        self.redis.delete(self.prefix + "claim:" + key.hex())

    def await_rows(self, key: bytes) -> Rows | None:
        """The rows another replica is fitting, once it has put them (None: it gave up or took too long)."""
        deadline = time.monotonic() + self.wait
        while time.monotonic() < deadline:
            rows = self.get(key)
            if rows is not None:
                return rows
            if not self.redis.exists(self.prefix + "claim:" + key.hex()):
                return self.get(key)
            time.sleep(0.05)
        return None


def _dumps(rows: Rows) -> bytes:
    return json.dumps({sku: [{**r, "date": r["date"].isoformat()} for r in rs] for sku, rs in rows.items()}).encode()


def _loads(raw: bytes | str) -> Rows:
    return {sku: [{**r, "date": date.fromisoformat(r["date"])} for r in rs] for sku, rs in json.loads(raw).items()}


class Forecaster:
    """Daily quantile forecasts for a store's products (workflows.ports.Forecaster over adapters.forecasting),
    with the tenant's calendar (holidays, make-up workdays, event days) and the weather feed, when there is one;
    with ``shared``, the replicas of a deployment fit each store forecast once between them."""

    KEEP = 8   # store forecasts kept (by their inputs), most recently used first

    def __init__(self, weather: CsvWeather | None = None, shared: SharedForecasts | None = None) -> None:
        self.weather = weather
        self.shared = shared
        self.fits = 0   # store models fitted here (the rest were answered from memory or by another replica)
        self._memo: OrderedDict[bytes, Rows] = OrderedDict()
        self._lock = threading.Lock()
        # the weather feed is an input too: replicas that loaded different feeds do not share forecasts
        self._weather_digest = hashlib.blake2b(repr(sorted(weather.days.items())).encode()).hexdigest() \
            if weather is not None else ""

    def forecast_store(self, histories: dict[str, list[tuple[date, Decimal]]], *, origin: date, horizon: int,
                       location: str | None = None, calendar: dict[str, Any] | None = None,
                       prices: dict[str, list[tuple[date, Decimal]]] | None = None
                       ) -> dict[str, list[dict[str, Any]]]:
        """The store-wide forecast, fitted once per distinct input: the morning list, the chart and every rule
        check that reads a forecast on the same day share one fit until a history changes (the forecast reads
        only days before ``origin``, so today's sales do not change it)."""
        from adapters.forecasting import api
        from adapters.forecasting import calendar as calendars
        digest = hashlib.blake2b(repr((origin, horizon, location, calendar, self._weather_digest)).encode(),
                                 digest_size=20)
        for sku, hist in histories.items():   # a digest, not the histories themselves: a few bytes per entry kept
            digest.update(f"{sku}\x00{len(hist)}\x00".encode())
            digest.update(" ".join([f"{d.toordinal()}:{q}" for d, q in hist]).encode())
        for sku, said in sorted((prices or {}).items()):   # (a promotion set or ended: another forecast)
            digest.update(f"\x01{sku}\x00".encode() + " ".join(f"{d.toordinal()}:{q}" for d, q in said).encode())
        key = digest.digest()
        with self._lock:
            if key in self._memo:
                self._memo.move_to_end(key)
                return _copy(self._memo[key])
        out = self._from_replicas(key)
        if out is None:
            try:
                out = api.forecast_store(histories, origin=origin, horizon=horizon, location=location, prices=prices,
                                         calendar=calendars.HolidayCalendar.from_settings(calendar),
                                         weather=self.weather, closed=_closed(calendar, location, histories,
                                                                              origin=origin, horizon=horizon))
            except BaseException:
                self._share(key, None)   # replicas waiting for this fit stop waiting and fit for themselves
                raise
            with self._lock:
                self.fits += 1
            self._share(key, out)
        with self._lock:
            self._memo[key] = out
            while len(self._memo) > self.KEEP:
                self._memo.popitem(last=False)
        return _copy(out)

    def _from_replicas(self, key: bytes) -> Rows | None:
        """The rows another replica fitted (or is fitting: then this one waits for them); None: fit here."""
        if self.shared is None:
            return None
        try:
            rows = self.shared.get(key)
            if rows is None and not self.shared.claim(key):
                rows = self.shared.await_rows(key)
            return rows
        except Exception as e:   # the cache is down: every replica fits for itself, as without one
            log.warning("shared forecasts unavailable (%s); fitting here", e)
            return None

    def _share(self, key: bytes, rows: Rows | None) -> None:
        """Puts the rows for the other replicas (None: only drops this replica's claim)."""
        if self.shared is None:
            return
        try:
            if rows is None:
                self.shared.release(key)
            else:
                self.shared.put(key, rows)
        except Exception as e:
            log.warning("shared forecasts unavailable (%s); kept here only", e)


def _closed(calendar: dict[str, Any] | None, location: str | None, histories: dict[str, list[tuple[date, Decimal]]],
            *, origin: date, horizon: int) -> set[date]:
    """The days the store is closed, over its histories and the forecast's days."""
    first = min((d for hist in histories.values() for d, _ in hist), default=origin)
    return set(closures.closed_days(calendar, location, first, (origin - first).days + horizon))


def _copy(rows: Rows) -> Rows:
    return {sku: [dict(r) for r in rs] for sku, rs in rows.items()}


def day_notes(uow: Any, t: Any, lang: str, *, sku: str, location: str | None, days: list[date], now: datetime,
              unit: str) -> dict[date, list[str]]:
    """What a forecast day's line says besides its numbers: the store closed (店休), the tenant calendar's holiday,
    make-up workday or event,
    and the product's bookings that day (the forecast is walk-in demand; replenishment adds the bookings on top)."""
    from adapters.forecasting import calendar as calendars
    stored = uow.catalog.settings().calendar
    cal = calendars.HolidayCalendar.from_settings(stored)
    out: dict[date, list[str]] = {d: [] for d in days}
    for d in days:
        shut = closures.closed_on(stored, d, location)
        if shut is not None:
            out[d].append(t("forecast.note_closed", lang, name=reports.closure_name(t, lang, shut)))
        holiday = cal.holiday_name(d)
        if holiday:
            shown = t(f"holiday.{holiday}", lang)
            out[d].append(holiday if shown == f"holiday.{holiday}" else shown)
        elif cal.is_makeup_workday(d):
            out[d].append(t("forecast.note_makeup", lang))
        if d in cal.events:
            out[d].append(cal.events[d])
    promos = promotions.load(uow.catalog.setting(promotions.SETTING))
    product = uow.catalog.product(sku) if promos else None
    category = product.category if product is not None else ""
    for d in days if product is not None else ():   # 促销 #1: on offer that day (the forecast expects it)
        at = max(datetime.combine(d, datetime.min.time(), tzinfo=now.tzinfo), now)
        out[d] += [t("forecast.note_promo", lang, n=p.number) for p in promos
                   if p.covers(sku, category) and p.kind in promotions.LINE_KINDS and p.live(d, location, at)]
    if days:
        tz = now.tzinfo
        start = datetime.combine(min(days), datetime.min.time(), tzinfo=tz)
        end = datetime.combine(max(days) + timedelta(days=1), datetime.min.time(), tzinfo=tz)
        booked = metrics.booked_by_day(uow.chat.bookings(start=max(start, now), end=end, sku=sku, location=location), tz)
        for d, q in sorted(booked.items()):
            if d in out:
                out[d].append(t("forecast.note_booked", lang, qty=f"{q.normalize():f}", unit=unit))
    return out


SHORT_HISTORY = 28   # days since the first recorded sale under which a forecast is said to be rough


def chart_reply(t: Any, forecaster: Forecaster | None = None) -> Callable[..., tuple[str, bytes | None]]:
    fc = forecaster or Forecaster()

    def reply(uow: Any, *, sku: str, days: int, location: str | None, now: datetime, lang: str,
              start: date | None = None) -> tuple[str, bytes | None]:
        """``days`` days from ``start`` (today without it: 未来一周; 明天, 下周, 这周末 start later)."""
        product = uow.catalog.product(sku)
        if product is None:
            return sku, None
        ahead = max(0, (start - now.date()).days) if start is not None else 0
        this = metrics.forecast_snapshot(uow, location=location, sku=sku, now=now, forecaster=fc, horizon=ahead + days)
        hist = this.history(120)
        past = [(d, q) for d, q in hist if d < now.date()]   # complete days only
        sold = [d for d, q in past if q > 0]
        if not sold:   # a new product or store: a forecast of zeros would read as "none needed"
            return str(t("forecast.no_history", lang, product=product.name, unit=product.base_unit)), None
        rows = (this.forecast_days(ahead + days) or [])[ahead:]
        total = sum(float(r.get("qty", r.get("q50", 0))) for r in rows)
        name, unit = product.name, product.base_unit
        notes = day_notes(uow, t, lang, sku=sku, location=location, days=[r["date"] for r in rows], now=now, unit=unit)
        if ahead and rows:
            span = reports.days_text(t, lang, rows[0]["date"], rows[-1]["date"])
            lines = [t("forecast.chart_summary_span", lang, product=name, total=f"{total:.1f}", unit=unit, span=span)]
            title = t("forecast.chart_title_span", lang, product=name, span=span)
        else:
            lines = [t("forecast.chart_summary", lang, product=name, days=days, total=f"{total:.1f}", unit=unit)]
            title = t("forecast.chart_title", lang, product=name, days=days)
        lines += [t("forecast.chart_line", lang, date=f"{r['date']:%m-%d}", weekday=t(f"weekday.{r['date'].weekday()}", lang),
                    qty=f"{float(r.get('qty', r.get('q50', 0))):.1f}", low=f"{float(r.get('q10', 0)):.1f}",
                    high=f"{float(r.get('q90', 0)):.1f}") + "".join(f" · {n}" for n in notes[r["date"]]) for r in rows]
        recorded = (now.date() - sold[0]).days
        if recorded < SHORT_HISTORY:
            lines.append(t("forecast.short_history", lang, days=recorded))
        text = "\n".join(lines)
        from adapters.forecasting import charts
        png = charts.chart_png(history=hist, forecast=rows, title=title,
                               unit=unit, legend=charts.labels(t, lang))
        return text, png
    return reply


def workday(d: date, settings: Any) -> bool:
    """Whether ``d`` is a working day of the tenant's calendar (``settings``: its stored calendar): make-up workdays
    (调休) are, statutory holidays, the tenant's own days off and the days every store is closed (店休) are not (the
    scheduler's 工作日)."""
    from adapters.forecasting import calendar as calendars
    return not calendars.HolidayCalendar.from_settings(settings).is_off(d) and closures.closed_on(settings, d, None) is None
