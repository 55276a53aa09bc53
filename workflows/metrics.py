"""Rule variables for one (location, product) at one moment, read through a unit of work."""
from __future__ import annotations

import functools
import statistics
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from domain import bom, catalog, ledger, orders, promotions
from workflows.ports import Forecaster, UnitOfWork, Weather

INF = Decimal("1e9")


class _Variables:
    """A rule's variables by name, each computed once (``v_<name>``) and kept for the evaluation."""

    _cache: dict[tuple[str, str], Any]

    def __call__(self, name: str, params: dict[str, Any]) -> Any:
        key = (name, repr(sorted(params.items())))
        if key not in self._cache:
            self._cache[key] = getattr(self, f"v_{name}")(**params)
        return self._cache[key]


class Snapshot(_Variables):
    """Lazily computed, cached variables (one evaluation reads each value once)."""

    def __init__(self, uow: UnitOfWork, *, location: str | None, product: catalog.Product, now: datetime,
                 weather: Weather | None = None, abc: dict[str, str] | LazyABC | None = None,
                 forecaster: Forecaster | None = None, shared: dict[Any, Any] | None = None,
                 sold: Decimal = Decimal(0)) -> None:
        self.uow, self.location, self.product, self.now = uow, location, product, now
        self.sold = sold   # what the write being checked sold of it here (0: none, or not a write)
        self.weather, self.forecaster = weather, forecaster
        # what snapshots of the same store and moment share (the store-wide forecast), when the caller has several
        self.shared: dict[Any, Any] = shared if shared is not None else {}
        self.abc: dict[str, str] | LazyABC = abc if abc is not None else {}
        self._cache = {}

    # ---------------------------------------------------------------- stock
    def v_on_hand(self) -> Decimal:
        if self.location is None:
            return sum((q for loc, s, _, q, _ in self.uow.stock.all_levels() if s == self.product.sku),
                       Decimal(0))
        return Decimal(self.uow.stock.on_hand(self.location, self.product.sku))

    def v_available(self) -> Decimal:
        return self.v_on_hand() - self.v_booked(hours=24)

    def v_safety_stock(self) -> Decimal:
        return effective_safety(self.uow, self.product, self.now, self.location)

    def v_days_of_cover(self) -> Decimal:
        mean = self.v_sales_mean(days=14)
        return INF if mean <= 0 else self.v_on_hand() / mean

    # ---------------------------------------------------------------- sales
    def daily(self, days: int) -> list[Decimal]:
        """Net sales per local day for the last ``days`` full days (read once per snapshot and length)."""
        key = ("__daily", str(days))
        if key not in self._cache:
            self._cache[key] = self._daily(days)
        xs: list[Decimal] = self._cache[key]
        return xs

    def _daily(self, days: int) -> list[Decimal]:
        since = self._since(days)
        moves = self.uow.stock.daily_sales(location=self.location, sku=self.product.sku, since=since, demand=True)
        hist = self.uow.history.series(sku=self.product.sku, location=self.location, since=since.date().isoformat())
        return self._buckets(days, moves, hist)

    def _since(self, days: int) -> datetime:
        return (self.now - timedelta(days=days)).replace(hour=0, minute=0, second=0, microsecond=0)

    def _buckets(self, days: int, moves: list[tuple[datetime, Decimal]], hist: list[tuple[str, Decimal]]
                 ) -> list[Decimal]:
        buckets = sales_by_day(moves, hist, self.now.tzinfo)
        zero = Decimal(0)
        return [buckets.get(d, zero) for d, _ in _days(self.now.date(), days)]

    def v_sales_sum(self, days: int = 7) -> Decimal:
        return sum(self.daily(int(days)), Decimal(0))

    def v_scrap_sum(self, days: int = 1) -> Decimal:
        """What was written off here (报损) on the last ``days`` local days, today the first, net of undone ones."""
        return sum((q for _, q in self._scrapped(days)), Decimal(0))

    def _scrapped(self, days: int) -> list[tuple[ledger.Move, Decimal]]:
        """This product's write-offs here on the last ``days`` local days, today the first, each with its signed
        quantity (an undone one's reversal counts against it)."""
        since = self._since(int(days) - 1)
        return [(m, m.qty if m.src == self.location else -m.qty)
                for m in self.uow.stock.moves(since=since, kinds=["scrap"])
                if m.sku == self.product.sku and self.location in (m.src, m.dst)]

    def v_scrap_value(self, days: int = 1) -> Decimal:
        """What was written off here on the last ``days`` local days came to at cost (each move's own, else what the
        product costs lately), net of undone ones: 报损超过100元."""
        moves = self._scrapped(days)
        lately = unit_cost(self.uow, self.product)[0] if any(m.unit_cost is None for m, _ in moves) else None
        return sum((q * (m.unit_cost or lately or Decimal(0)) for m, q in moves), Decimal(0))

    def v_sales_mean(self, days: int = 7) -> Decimal:
        xs = self.daily(int(days))
        return sum(xs, Decimal(0)) / len(xs) if xs else Decimal(0)

    def v_sales_std(self, days: int = 7) -> Decimal:
        xs = self.daily(int(days))
        return Decimal(str(statistics.pstdev([float(x) for x in xs]))) if len(xs) > 1 else Decimal(0)

    def v_sales_cv(self, days: int = 7) -> Decimal:
        mean = self.v_sales_mean(days)
        return Decimal(0) if mean <= 0 else self.v_sales_std(days) / mean

    def v_forecast(self, hours: int = 24, days: int | None = None) -> Decimal:
        """Median demand over the next hours/days (the forecaster's; else the 28-day mean)."""
        h = int(days) * 24 if days else int(hours)
        rows = self.forecast_days(max(1, -(-h // 24)))
        if rows is None:
            return self.v_sales_mean(days=28) * Decimal(h) / 24
        total = sum((Decimal(str(r.get("q50", r.get("qty", 0)))) for r in rows), Decimal(0))
        return total * Decimal(h) / (24 * len(rows)) if rows else Decimal(0)

    def history(self, days: int = 120) -> list[tuple[date, Decimal]]:
        return [(d, q) for (d, _), q in zip(_days(self.now.date(), days), self.daily(days), strict=True)]

    def walk_in(self, days: int = 120) -> list[tuple[date, Decimal]]:
        """Daily sales minus what bookings took on the same day: the demand the forecast learns from.

        Bookings still to come are added on top by replenishment (``booked``), so a banquet last
        Saturday neither counts twice nor makes every Saturday look like a banquet.
        """
        key = ("__walk_in", str(days))
        if key not in self._cache:
            start, end = self._booking_span(days)
            self._cache[key] = self._walk_in(days, self.uow.chat.bookings(start=start, end=end, sku=self.product.sku,
                                                                          location=self.location))
        out: list[tuple[date, Decimal]] = self._cache[key]
        return out

    def _booking_span(self, days: int) -> tuple[datetime, datetime]:
        """The local days of ``history(days)``, as times."""
        tz = self.now.tzinfo
        first = self.now.date() - timedelta(days=days)
        return (datetime.combine(first, datetime.min.time(), tzinfo=tz),
                datetime.combine(self.now.date(), datetime.min.time(), tzinfo=tz))

    def _walk_in(self, days: int, bookings: list[Any]) -> list[tuple[date, Decimal]]:
        zero = Decimal(0)
        taken = booked_by_day(bookings, self.now.tzinfo)
        walk_in = ((d, q - taken[d] if d in taken else q) for d, q in self.history(days))   # most days: no booking
        return [(d, q if q > zero else zero) for d, q in walk_in]

    def set_forecast(self, horizon: int, rows: list[dict[str, Any]]) -> None:
        """Use these rows (from a store-wide forecast, see ``store_forecasts``) as this product's forecast."""
        self._cache[("__forecast", str(horizon))] = rows

    def forecast_days(self, horizon: int) -> list[dict[str, Any]] | None:
        """Quantile rows from today on (cached per horizon), or None: without a forecaster, or for a product the
        tenant does not forecast (see ``forecast_skus``).

        Set by ``store_forecasts``; else the store-wide forecast of this product's location at this moment,
        computed once for the snapshots that share ``shared`` (and kept by the forecaster while the histories
        stay the same, so rule checks do not refit it)."""
        key = ("__forecast", str(horizon))
        longer = [k for k in self._cache if k[0] == "__forecast" and int(k[1]) > horizon]
        if key not in self._cache and longer:   # a longer forecast of this moment holds these days too
            return list(self._cache[min(longer, key=lambda k: int(k[1]))])[:horizon]
        if key not in self._cache:
            if self.forecaster is None:
                return None
            store = self.shared.get((key, self.location, self.now))
            if store is None:
                peers = [self if p.sku == self.product.sku else Snapshot(self.uow, location=self.location, product=p,
                                                                           now=self.now)
                         for p in self.uow.catalog.products() if p.active or p.sku == self.product.sku]
                store_forecasts(peers, self.forecaster, horizon=horizon)
                store = {p.product.sku: p._cache[key] for p in peers if key in p._cache}
                self.shared[(key, self.location, self.now)] = store
            if self.product.sku not in store:
                return None
            self._cache[key] = store[self.product.sku]
        rows: list[dict[str, Any]] = self._cache[key]
        return rows

    def v_days_since_sale(self) -> Decimal:
        last = self.uow.stock.last_sale(location=self.location, sku=self.product.sku)
        hist = self.uow.history.last_day(sku=self.product.sku, location=self.location)
        cands = [last] if last else []
        if hist:
            cands.append(datetime.fromisoformat(hist).replace(hour=23, minute=59, tzinfo=self.now.tzinfo))
        return self._days_since(max(cands)) if cands else INF

    def v_sale_qty(self) -> Decimal:
        """What the sale just recorded sold of this product here (一次卖超过10箱可乐); 0 at any other check."""
        return self.sold

    def v_days_since_receipt(self) -> Decimal:
        """Days since goods of this product last came in from a supplier here (never: infinite)."""
        last = self.uow.stock.last_receipt(location=self.location, sku=self.product.sku)
        return INF if last is None else self._days_since(last)

    def _days_since(self, at: datetime) -> Decimal:
        return Decimal(str((self.now - at).total_seconds() / 86400))

    def v_expiring(self, days: int = 3) -> Decimal:
        """Stock in lots that expire within ``days`` days (or already have): what to sell, use or move first."""
        until = self.now + timedelta(days=int(days))
        if self.location is None:
            lots = [(q, exp) for _, s, _, q, exp in self.uow.stock.all_levels() if s == self.product.sku]
        else:   # this product's lots here (one indexed query, not every level of the tenant)
            lots = [(lv.qty, lv.expiry) for lv in self.uow.stock.levels(self.location, self.product.sku)]
        return sum((q for q, exp in lots if q > 0 and exp is not None and exp <= until), Decimal(0))

    def v_booked(self, hours: int = 24) -> Decimal:
        """What bookings take of it in the next ``hours``: its own, and its part of the dishes booked that use it
        (团餐订红烧牛腩30份: 15斤 of the beef in it)."""
        end = self.now + timedelta(hours=int(hours))
        own = Decimal(self.uow.chat.booked(location=self.location, sku=self.product.sku, start=self.now, end=end))
        if "recipes" not in self.shared:   # (read once for the snapshots of one store and moment)
            self.shared["recipes"] = self.uow.recipes.all_current()
        for recipe in self.shared["recipes"].values():
            part = next((c.qty for c in recipe.components if c.sku == self.product.sku), None)
            if part is not None:
                made = Decimal(self.uow.chat.booked(location=self.location, sku=recipe.sku, start=self.now, end=end))
                own += made * part / recipe.yields
        return own

    # ---------------------------------------------------------------- product & outside
    def v_category(self) -> str:
        return self.product.category

    def v_abc_class(self) -> str:
        return self.abc.get(self.product.sku, "C")

    def v_rain_days_ahead(self) -> Decimal:
        return Decimal(self.weather.rain_days_ahead(self.location, self.now)) if self.weather else Decimal(0)

    def v_temperature(self) -> Decimal | None:
        t = self.weather.temperature(self.location, self.now) if self.weather else None
        return None if t is None else Decimal(str(t))

    def v_inbound_eta_hours(self) -> Decimal:
        best = INF
        for o in self.uow.orders.list(kinds=["purchase", "transfer"], statuses=["open", "partial", "shipped"]):
            if o.location != self.location or not any(ln.sku == self.product.sku and ln.open_qty > 0
                                                       for ln in o.lines):
                continue
            due = o.due or self.now
            best = min(best, Decimal(str(max((due - self.now).total_seconds(), 0) / 3600)))
        return best

    def v_takings(self, days: int = 1, period: str | None = None, company: bool = False, own: bool = False
                  ) -> Decimal:
        """The store's takings (company: the whole company's; own: this product's) over the days said (see
        ``store_takings``), read once per store and moment for all the products a rule checks."""
        where = None if company else self.location
        key = ("__takings", where, int(days), period, self.product.sku if own else None)
        if key not in self.shared:
            self.shared[key] = store_takings(self.uow, location=where, now=self.now, days=int(days), period=period,
                                             sku=self.product.sku if own else None)
        got: Decimal = self.shared[key]
        return got

    def on_order(self) -> Decimal:
        """What open orders still bring to the store: purchases, transfers in, and work orders' goods still to make."""
        total = Decimal(0)
        for o in self.uow.orders.list(kinds=["purchase", "transfer", "production"],
                                      statuses=["open", "partial", "shipped"]):
            if o.location == self.location:
                total += sum((ln.open_qty for ln in o.lines if ln.sku == self.product.sku), Decimal(0))
        return total


class StoreSnapshot(_Variables):
    """The variables of one store (everywhere: None) at one moment, for a rule on the store alone (今天营业额低于1000):
    ``rules.STORE_VARIABLES``."""

    def __init__(self, uow: UnitOfWork, *, location: str | None, now: datetime) -> None:
        self.uow, self.location, self.now = uow, location, now
        self._cache = {}

    def v_takings(self, days: int = 1, period: str | None = None, company: bool = False, own: bool = False
                  ) -> Decimal:
        return store_takings(self.uow, location=None if company else self.location, now=self.now, days=int(days),
                             period=period)


def takings_span(today: date, *, days: int = 1, period: str | None = None) -> date:
    """The first day a takings condition counts: Monday (本周), the 1st (本月), else ``days`` back, today the first."""
    if period == "week":
        return today - timedelta(days=today.weekday())
    if period == "month":
        return today.replace(day=1)
    return today - timedelta(days=max(days, 1) - 1)


def store_takings(uow: UnitOfWork, *, location: str | None, now: datetime, days: int = 1, period: str | None = None,
                  sku: str | None = None) -> Decimal:
    """What a store (everywhere: None; one product: ``sku``) took from the first day ``takings_span`` gives to now:
    the takings as the chat's sales answers count them (each sale at the price it went at, else the list price, net
    of returns and of undone sales)."""
    today = now.date()
    first = takings_span(today, days=days, period=period)
    daily = daily_sales(uow, location=location, first=first, tz=now.tzinfo, sku=sku)
    sold = {s: q for s, by_day in daily.items() if (q := sum((v for d, v in by_day.items() if d <= today), Decimal(0)))}
    if not sold:
        return Decimal(0)
    products = {p.sku: p for p in uow.catalog.products()}
    return takings(uow, sold, location=location, first=first, last=today, tz=now.tzinfo, products=products)


def sales_by_day(moves: Iterable[tuple[datetime, Decimal]], hist: Iterable[tuple[Any, Decimal]], tz: Any
                 ) -> dict[date, Decimal]:
    """Net sales by local day: recorded sale moves (time, qty; ``stock.sales_by_sku``) and imported history
    (day, qty; ``history.series_by_sku``) together."""
    out: dict[date, Decimal] = {}
    for at, q in moves:
        d = at.astimezone(tz).date()
        out[d] = out.get(d, Decimal(0)) + q
    for day, q in hist:
        d = date.fromisoformat(str(day)[:10])
        out[d] = out.get(d, Decimal(0)) + q
    return out


def daily_sales(uow: UnitOfWork, *, location: str | None, first: date, tz: Any, sku: str | None = None,
                demand: bool = False) -> dict[str, dict[date, Decimal]]:
    """Every product's (or one's) net sales by local day from ``first`` on at ``location`` (everywhere: None):
    recorded sales and imported history, in two queries; ``demand``: and what recipes used of it."""
    since = datetime(first.year, first.month, first.day, tzinfo=tz)
    moves = uow.stock.sales_by_sku(location=location, since=since, sku=sku, demand=demand)
    hist = uow.history.series_by_sku(location=location, since=first.isoformat(), sku=sku)
    return {s: sales_by_day(moves.get(s, []), hist.get(s, []), tz) for s in moves.keys() | hist.keys()}


def forecast_snapshot(uow: UnitOfWork, *, location: str | None, sku: str, now: datetime,
                      forecaster: Forecaster | None, horizon: int) -> Snapshot:
    """One product's snapshot with its forecast over ``horizon`` days from the store-wide model the morning list uses
    (over the products the tenant forecasts and this one); without a forecaster, none."""
    snaps = [Snapshot(uow, location=location, product=p, now=now) for p in uow.catalog.products()
             if p.active or p.sku == sku]
    if forecaster is not None:
        store_forecasts(snaps, forecaster, horizon=horizon, also=sku)
    return next(s for s in snaps if s.product.sku == sku)


def booked_by_day(bookings: Iterable[Any], tz: Any) -> dict[date, Decimal]:
    """What bookings take, summed by their local day."""
    out: dict[date, Decimal] = {}
    for b in bookings:
        d = b.at.astimezone(tz).date()
        out[d] = out.get(d, Decimal(0)) + Decimal(b.qty)
    return out


STORE_SAFETY = "store_safety"   # the tenant's settings: {store: {sku: safety stock}} (南山店可乐的安全库存改成50瓶)


def store_safety(settings: dict[str, Any] | None, location: str | None, product: catalog.Product) -> Decimal:
    """The product's safety stock at ``location``: the store's own when it has one, else the product's."""
    own = ((settings or {}).get(STORE_SAFETY) or {}).get(location or "", {}).get(product.sku)
    return Decimal(str(own)) if own is not None else product.safety_stock


def effective_safety(uow: UnitOfWork, product: catalog.Product, now: datetime, location: str | None = None) -> Decimal:
    """Safety stock (the store's own, else the product's) with any temporary percentage change that has not
    expired."""
    settings = uow.catalog.tenant_row().settings or {}
    base = store_safety(settings, location, product)
    o = settings.get("safety_overrides", {}).get(product.sku)
    if o and datetime.fromisoformat(o["until"]) > now:
        return base * (1 + Decimal(str(o["pct"])) / 100)
    return base


@functools.lru_cache(maxsize=16)
def _days(today: date, days: int) -> tuple[tuple[date, str], ...]:
    """The ``days`` local days before ``today``, oldest first, with their ISO strings."""
    return tuple((d, d.isoformat()) for d in (today - timedelta(days=i) for i in range(days, 0, -1)))


STORE_HISTORY_DAYS = 400   # enough for a product's own coefficients (8 months) and the same weeks a year ago


def store_forecasts(snaps: list[Snapshot], forecaster: Forecaster, *, horizon: int, also: str | None = None,
                    days: int = STORE_HISTORY_DAYS) -> None:
    """Forecasts the products of these snapshots (one store, one moment) that the tenant forecasts (its TOP-N,
    or all; plus ``also``) with one store-wide model and hands each its rows: pooled over the store's
    products, the model beats forecasting each alone. The others keep no forecast."""
    if not snaps:
        return
    first = snaps[0]
    enabled = forecast_skus(first.uow, now=first.now)
    chosen = [s for s in snaps if enabled is None or s.product.sku in enabled or s.product.sku == also]
    preload(chosen, days)
    origin = first.now.date()
    promos = promotions.load(first.uow.catalog.setting(promotions.SETTING))
    prices = {s.product.sku: said for s in chosen if s.product.unit_price is not None and (said := promotions.price_days(
        promos, s.product.sku, s.product.category, s.product.unit_price, location=first.location,
        first=origin - timedelta(days=days), last=origin + timedelta(days=horizon - 1), tz=first.now.tzinfo))}
    rows = forecaster.forecast_store({s.product.sku: s.walk_in(days) for s in chosen}, origin=origin,
                                     horizon=horizon, location=first.location,
                                     calendar=first.uow.catalog.settings().calendar,
                                     **({"prices": prices} if prices else {}))   # (on offer: 手机壳买二送一 …)
    for s in chosen:
        s.set_forecast(horizon, rows.get(s.product.sku, []))


def preload(snaps: list[Snapshot], days: int) -> None:
    """Reads the sales, imported history and bookings of the last ``days`` for all these snapshots (one store, one
    moment) in three queries instead of three per product; each then answers ``daily`` and ``walk_in`` from them."""
    todo = [s for s in snaps if ("__walk_in", str(days)) not in s._cache]
    if not todo:
        return
    first = todo[0]
    since = first._since(days)
    moves = first.uow.stock.sales_by_sku(location=first.location, since=since, demand=True)
    hist = first.uow.history.series_by_sku(location=first.location, since=since.date().isoformat())
    start, end = first._booking_span(days)
    bookings: dict[str, list[Any]] = {}
    for b in first.uow.chat.bookings(start=start, end=end, location=first.location):
        bookings.setdefault(b.sku, []).append(b)
    for s in todo:
        sku = s.product.sku
        if ("__daily", str(days)) not in s._cache:
            s._cache[("__daily", str(days))] = s._buckets(days, moves.get(sku, []), hist.get(sku, []))
        s._cache[("__walk_in", str(days))] = s._walk_in(days, bookings.get(sku, []))


class LazyABC:
    """ABC classes computed on first use only (most events touch no rule that needs them)."""

    def __init__(self, uow: UnitOfWork, *, now: datetime) -> None:
        self.uow, self.now = uow, now
        self._classes: dict[str, str] | None = None

    def get(self, sku: str, default: str = "C") -> str:
        if self._classes is None:
            self._classes = abc_classes(self.uow, now=self.now)
        return self._classes.get(sku, default)


def sales_value(uow: UnitOfWork, *, now: datetime, days: int = 28) -> dict[str, Decimal]:
    """Net sales value per product over the last ``days`` (ledger sales plus imported history)."""
    products = {p.sku: p for p in uow.catalog.products()}
    value: dict[str, Decimal] = {s: Decimal(0) for s in products}
    for m in uow.stock.moves(since=now - timedelta(days=days), kinds=["sale"]):
        p = products.get(m.sku)
        price = m.unit_price or (p.unit_price if p else None) or Decimal(1)
        value[m.sku] = value.get(m.sku, Decimal(0)) + (m.qty if m.reverses is None else -m.qty) * price
    since = (now - timedelta(days=days)).date().isoformat()
    for sku, p in products.items():
        for _day, q in uow.history.series(sku=sku, location=None, since=since):
            value[sku] += q * (p.unit_price or Decimal(1))
    return value


def forecast_skus(uow: UnitOfWork, *, now: datetime) -> set[str] | None:
    """Products the tenant forecasts: its TOP-N by sales value (setting ``forecast_top_n``), or all (None)."""
    n = uow.catalog.tenant_row().settings.get("forecast_top_n")
    if n is None:
        return None
    value = sales_value(uow, now=now)
    return {sku for sku, _v in sorted(value.items(), key=lambda kv: -kv[1])[:int(n)]}


def abc_classes(uow: UnitOfWork, *, now: datetime, days: int = 28) -> dict[str, str]:
    """A/B/C by sales value over the last ``days`` (A: top 80% of value, B: next 15%)."""
    return abc_split(sales_value(uow, now=now, days=days))


A_SHARE, B_SHARE = Decimal("0.80"), Decimal("0.95")   # the value class A reaches, and A with B


def abc_split(value: dict[str, Decimal]) -> dict[str, str]:
    """sku → "A", "B" or "C" by its value, biggest first: a product is A while the value before it is under 80% of
    the whole (so the one that crosses 80% is A too), B likewise up to 95%, else C (and C whatever sold nothing)."""
    total = sum((v for v in value.values() if v > 0), Decimal(0))
    out, run = {}, Decimal(0)
    for sku, v in sorted(value.items(), key=lambda kv: (-kv[1], kv[0])):
        share = run / total if total > 0 else Decimal(1)
        out[sku] = "A" if share < A_SHARE and v > 0 else ("B" if share < B_SHARE and v > 0 else "C")
        run += max(v, Decimal(0))
    return out


def open_orders_for(uow: UnitOfWork, location: str) -> list[orders.Order]:
    return [o for o in uow.orders.list(kinds=["purchase", "transfer"], statuses=["open", "partial", "shipped"])
            if o.location == location]


def unit_cost(uow: UnitOfWork, p: catalog.Product, paid: list[tuple[Decimal, Decimal]] | None = None,
              made: list[tuple[Decimal, Decimal]] | None = None, *, recipe: bool = True) -> tuple[Decimal | None, str]:
    """What one base unit of ``p`` cost: the quantity-weighted mean of its recent receipts that name a cost and of
    what its work orders made at what it cost them (``paid``, ``made`` when read already, see ``unit_costs``), else
    the catalog's cost, else (``recipe``) what its recipe's ingredients cost, each by the same reckoning (one level);
    with where it comes from ("receipts", "made" (work orders' alone), "catalog", "recipe" or "" when unknown)."""
    if paid is None:
        paid = uow.stock.receipt_costs(p.sku, limit=30)   # undone receipts left out
    if made is None:
        made = uow.stock.receipt_costs_of([p.sku], limit=30, kind=ledger.MoveKind.PRODUCTION).get(p.sku, [])
    came = [(q, c) for q, c in (*paid, *made) if q > 0]
    total = sum((q for q, _ in came), Decimal(0))
    if total > 0:
        return (sum((q * c for q, c in came), Decimal(0)) / total,
                "receipts" if any(q > 0 for q, _ in paid) else "made")
    if p.unit_cost is not None:
        return p.unit_cost, "catalog"
    made = uow.recipes.current(p.sku) if recipe else None
    cost = recipe_cost(uow, made) if made is not None else None   # 拿铁: its milk and beans, per cup
    return (cost, "recipe") if cost is not None else (None, "")


def recipe_cost(uow: UnitOfWork, recipe: bom.Recipe) -> Decimal | None:
    """What one base unit of a recipe's product costs in ingredients, each at ``unit_cost`` (one level); None when one
    of them has no cost."""
    total = Decimal(0)
    for c in recipe.components:
        part = uow.catalog.product(c.sku)
        cost = unit_cost(uow, part, recipe=False)[0] if part is not None else None
        if cost is None:
            return None
        total += cost * c.qty
    return total / recipe.yields


def unit_costs(uow: UnitOfWork, products: list[catalog.Product]) -> dict[str, Decimal | None]:
    """``unit_cost`` of several products, their receipts read in one query."""
    paid = uow.stock.receipt_costs_of([p.sku for p in products], limit=30)
    made = uow.stock.receipt_costs_of([p.sku for p in products], limit=30, kind=ledger.MoveKind.PRODUCTION)
    return {p.sku: unit_cost(uow, p, paid.get(p.sku, []), made.get(p.sku, []))[0] for p in products}


def said_prices(uow: UnitOfWork, *, location: str | None, first: date, last: date, tz: Any
                ) -> dict[str, tuple[Decimal, Decimal]]:
    """What sold on local days ``first`` .. ``last`` at a price said on the sale (卖了可颂5个,每个12元): sku →
    (quantity, money), net of reversals."""
    since = datetime(first.year, first.month, first.day, tzinfo=tz)
    out: dict[str, tuple[Decimal, Decimal]] = {}
    for sku, rows in uow.stock.priced_sales(location=location, since=since).items():
        for at, q, price in rows:
            if at.astimezone(tz).date() <= last:
                q0, m0 = out.get(sku, (Decimal(0), Decimal(0)))
                out[sku] = (q0 + q, m0 + q * price)
    return out


def takings(uow: UnitOfWork, sold: dict[str, Decimal], *, location: str | None, first: date, last: date, tz: Any,
            products: dict[str, catalog.Product]) -> Decimal:
    """What the quantities ``sold`` on local days ``first`` .. ``last`` at ``location`` brought in (``revenue`` of
    each; the products with neither a said nor a catalog price left out)."""
    said = said_prices(uow, location=location, first=first, last=last, tz=tz)
    got = [revenue(products[s], q, said.get(s)) for s, q in sold.items() if q > 0 and s in products]
    return sum((g for g in got if g is not None), Decimal(0))


def priced_receipts(uow: UnitOfWork, *, since: datetime) -> list[ledger.Move]:
    """The receipts since then that name a cost and stand (neither undone nor undoings), oldest first; a supplier's
    free goods (at ¥0: 收到手机壳10个,单价5,买十送一) name no price paid."""
    return [m for m in uow.stock.standing(uow.stock.moves(since=since, kinds=[ledger.MoveKind.RECEIPT.value]))
            if m.unit_cost]


def stock_values(uow: UnitOfWork, held: Iterable[tuple[str, str, Decimal]]) -> dict[str, Decimal | None]:
    """What (sku, lot, quantity) on hand is worth, per product: each lot at what it came in at, a lot that came
    without a cost at the product's recent cost (``unit_cost``); None for a product with some of it uncosted."""
    out: dict[str, Decimal | None] = {}
    for (sku, _), value in lot_values(uow, held).items():
        if sku in out and out[sku] is None:
            continue
        out[sku] = None if value is None else (out.get(sku) or Decimal(0)) + value
    return out


def lot_values(uow: UnitOfWork, held: Iterable[tuple[str, str, Decimal]]) -> dict[tuple[str, str], Decimal | None]:
    """What each (sku, lot) of these quantities is worth: at what the lot came in at, else the product's recent cost
    (``unit_cost``); None without either."""
    lots: dict[tuple[str, str], Decimal] = {}
    for sku, lot, q in held:
        lots[sku, lot] = lots.get((sku, lot), Decimal(0)) + q
    lot_cost = uow.stock.lot_costs(lots)
    need = {s for (s, lot) in lots if (s, lot) not in lot_cost}
    recent = unit_costs(uow, [p for p in uow.catalog.products() if p.sku in need]) if need else {}
    return {(sku, lot): None if (each := lot_cost.get((sku, lot), recent.get(sku))) is None else q * each
            for (sku, lot), q in lots.items()}


def sold_costs(uow: UnitOfWork, sold: dict[str, Decimal], *, location: str | None, first: date, last: date,
               tz: Any) -> dict[str, Decimal | None]:
    """What the quantities ``sold`` on local days ``first`` .. ``last`` at ``location`` (everywhere: None) cost: each
    recorded sale at the cost of the lot it left from (first in, first out: what that lot came in at), net of undone
    sales; the rest (imported history, lots that came without a cost) at the product's recent cost (``unit_cost``).
    None for a product with some of it left uncosted."""
    since = datetime(first.year, first.month, first.day, tzinfo=tz)
    until = datetime(last.year, last.month, last.day, tzinfo=tz) + timedelta(days=1)
    by_lot: dict[tuple[str, str], Decimal] = {}
    kinds = [ledger.MoveKind.SALE.value, ledger.MoveKind.CUSTOMER_RETURN.value]
    for m in uow.stock.moves(since=since, until=until, kinds=kinds):
        if m.sku not in sold or (location is not None and location not in (m.src, m.dst)):
            continue
        sign = (1 if m.reverses is None else -1) * (1 if m.kind == ledger.MoveKind.SALE else -1)   # (a return: back)
        by_lot[m.sku, m.lot] = by_lot.get((m.sku, m.lot), Decimal(0)) + sign * m.qty
    moved = [(sku, lot, q) for (sku, lot), q in by_lot.items() if q > 0]
    out_of: dict[str, Decimal] = {}
    for sku, _, q in moved:
        out_of[sku] = out_of.get(sku, Decimal(0)) + q
    # (returned into a lot of its own, or of days before: each lot's share of what is net)
    moved = [(s, lot, q * max(sold[s], Decimal(0)) / out_of[s] if out_of[s] > sold[s] else q) for s, lot, q in moved]
    # what the moves do not hold (imported history): as a lot without a cost of its own, at the recent cost
    rest = [(sku, "", q - sum((x for s, _, x in moved if s == sku), Decimal(0))) for sku, q in sold.items() if q > 0]
    return stock_values(uow, [*moved, *((sku, lot, q) for sku, lot, q in rest if q > 0)])


def revenue(p: catalog.Product, qty: Decimal, said: tuple[Decimal, Decimal] | None) -> Decimal | None:
    """What ``qty`` sold brought in: at the prices said on the sales for what had one, the rest at the catalog's
    price; None when some of it has neither."""
    said_qty, said_money = said if said is not None else (Decimal(0), Decimal(0))
    rest = qty - said_qty
    if rest <= 0:
        return said_money
    if p.unit_price is None:
        return None
    return said_money + rest * p.unit_price
