"""Promotions (促销 · 活动价): what a manager sets for some days, and what the till then charges on its own, without
anyone saying a discount: 可乐打8折 · 可乐特价4元 · 手机壳买二送一 · 手机壳第二件半价 · 饮料满100减10 · 全场每满200减20.

A promotion covers one product, a category of the catalog's, or everything, at one store or all of them, from its
first day to its last (or until it is ended). A sale's line takes the one line promotion that charges it least (a
share off, a price, so many free with so many bought, the second at a share); a spend threshold (满减) then takes its
amount off what the lines in its scope came to, spread over them by value in fen (``landed.spread``). Pure: the list
prices come in with the lines, the promotions with the call.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import date, datetime, time, timedelta
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import Any

from domain import errors, landed
from domain.pricing import FEN, SCALE

SETTING = "promotions"   # where the tenant's settings keep them (``dump``'s form)
LINE_KINDS = ("share", "price", "bundle", "second")
KINDS = (*LINE_KINDS, "threshold")


@dataclass(frozen=True)
class Promotion:
    number: int
    kind: str                         # share · price · bundle · second · threshold
    scope: str                        # sku · category · all
    key: str                          # the product's sku, the category, or "*"
    first: date
    last: date | None = None          # None: until it is ended
    share: Decimal | None = None      # share: what is kept (打8折: 0.8); second: the second one's (半价: 0.5)
    price: Decimal | None = None      # price: a base unit's (特价4元)
    buy: Decimal | None = None        # bundle: base units bought (买二送一: 2); second: base units one item is
    free: Decimal | None = None       # bundle: base units given with them (1)
    threshold: Decimal | None = None  # threshold: what the lines must come to (满100)
    off: Decimal | None = None        # threshold: what comes off then (减10)
    each: bool = False                # threshold: for every full threshold (每满100减10)
    location: str | None = None       # None: every store
    said: str = ""                    # as the manager said it (买二送一)
    by: str = ""
    ended: datetime | None = None     # ended early: sales from then on are charged as before
    since: time | None = None         # the hours of the day it runs (晚上8点以后面包半价: 20:00, until the day ends)
    until: time | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS or self.scope not in ("sku", "category", "all"):
            raise errors.BadInput(code="promo_bad", detail=self.kind)
        if self.last is not None and self.last < self.first:
            raise errors.BadInput(code="promo_bad_span", first=self.first.isoformat(), last=self.last.isoformat())
        if self.since is not None and self.until is not None and self.until <= self.since:
            raise errors.BadInput(code="promo_bad_hours", since=f"{self.since:%H:%M}", until=f"{self.until:%H:%M}")
        ok = {
            "share": self.share is not None and 0 < self.share < 1,
            "price": self.price is not None and self.price >= 0,
            "bundle": self.buy is not None and self.free is not None and self.buy > 0 and self.free > 0,
            "second": self.share is not None and 0 <= self.share < 1 and self.buy is not None and self.buy > 0,
            "threshold": self.threshold is not None and self.off is not None and 0 < self.off < self.threshold,
        }[self.kind]
        if not ok:
            raise errors.BadInput(code="promo_bad", detail=self.said or self.kind)

    def live(self, day: date, location: str | None, at: datetime, clock: time | None = None) -> bool:
        """Running at ``location`` for a sale of ``day`` said at ``at`` (a sale booked on an earlier day, 昨天卖了…,
        is charged by that day's promotions, unless ended since), at ``clock`` o'clock (None: any hour)."""
        return (self.first <= day and (self.last is None or day <= self.last)
                and (self.ended is None or at < self.ended)
                and (self.location is None or self.location == location)
                and (clock is None or ((self.since is None or clock >= self.since)
                                       and (self.until is None or clock < self.until))))

    def over(self, day: date, at: datetime) -> bool:
        """Over on ``day`` as of ``at``: past its last day, or ended."""
        return (self.last is not None and day > self.last) or (self.ended is not None and at >= self.ended)

    def covers(self, sku: str, category: str) -> bool:
        return (self.scope == "all" or (self.scope == "sku" and self.key == sku)
                or (self.scope == "category" and self.key == category))

    @property
    def group(self) -> Decimal:
        """The fewest base units that earn a line promotion (买二送一: 3; 第二件半价: 2 items; else 1)."""
        if self.kind == "bundle":
            return (self.buy or Decimal(0)) + (self.free or Decimal(0))
        return 2 * (self.buy or Decimal(1)) if self.kind == "second" else Decimal(1)

    def unit_price(self, price: Decimal) -> Decimal:
        """What a base unit listed at ``price`` goes at on average over the fewest units that earn this line
        promotion (买二送一: two thirds of it; 第二件半价: three quarters)."""
        return self.line_total(self.group, price) / self.group

    def line_total(self, qty: Decimal, price: Decimal) -> Decimal:
        """What ``qty`` base units listed at ``price`` come to under this (a line promotion)."""
        if self.kind == "share":
            return qty * price * (self.share or Decimal(0))
        if self.kind == "price":
            return qty * min(price, self.price or Decimal(0))
        if self.kind == "bundle":
            free = (qty / self.group).to_integral_value(rounding=ROUND_FLOOR) * (self.free or Decimal(0))
            return (qty - free) * price
        if self.kind == "second":
            item = self.buy or Decimal(1)
            pairs = (qty / (2 * item)).to_integral_value(rounding=ROUND_FLOOR)
            return qty * price - pairs * item * price * (1 - (self.share or Decimal(0)))
        return qty * price


@dataclass(frozen=True)
class Applied:
    prices: tuple[Decimal | None, ...]        # each line's price a base unit after them (None: no list price)
    listed: Decimal                           # the priced lines at their list prices
    taken: Decimal                            # what they come to now
    used: tuple[tuple[Promotion, Decimal], ...]   # each promotion that took something off, and how much

    @property
    def off(self) -> Decimal:
        return self.listed - self.taken


def apply(promos: Iterable[Promotion], lines: Sequence[tuple[str, str, Decimal, Decimal | None]], *, day: date,
          location: str | None, at: datetime, clock: time | None = None) -> Applied:
    """The lines (sku, category, quantity in base units, list price a base unit; None: a line the promotions leave
    alone) charged under the promotions running for a sale of ``day`` at ``location``, said at ``at``, made at
    ``clock`` o'clock."""
    running = [p for p in promos if p.live(day, location, at, clock)]
    totals: list[Decimal | None] = []
    used: dict[int, tuple[Promotion, Decimal]] = {}
    for sku, cat, qty, price in lines:
        if price is None or qty <= 0:
            totals.append(None)
            continue
        base = qty * price
        best = min(((p.line_total(qty, price), p.number, p) for p in running
                    if p.kind in LINE_KINDS and p.covers(sku, cat)), default=None, key=lambda x: (x[0], x[1]))
        if best is None or best[0] >= base:
            totals.append(base)
            continue
        total = best[0].quantize(FEN, rounding=ROUND_HALF_UP)
        totals.append(total)
        was = used.get(best[2].number, (best[2], Decimal(0)))[1]
        used[best[2].number] = (best[2], was + base - total)
    spend = [(p, [i for i, (sku, cat, _, _) in enumerate(lines) if totals[i] is not None and p.covers(sku, cat)])
             for p in running if p.kind == "threshold"]
    best_off: tuple[Decimal, int, Promotion, list[int]] | None = None
    for p, idx in spend:
        came = sum((totals[i] or Decimal(0) for i in idx), Decimal(0))
        if came < (p.threshold or Decimal(0)) or not idx:
            continue
        times = (came / (p.threshold or Decimal(1))).to_integral_value(rounding=ROUND_FLOOR) if p.each else 1
        off = min((p.off or Decimal(0)) * times, came)
        if best_off is None or (off, -p.number) > (best_off[0], -best_off[1]):
            best_off = (off, p.number, p, idx)
    if best_off is not None:
        off, _, p, idx = best_off
        shares = landed.spread(off, [totals[i] or Decimal(0) for i in idx])
        for i, share in zip(idx, shares, strict=True):
            totals[i] = (totals[i] or Decimal(0)) - share
        used[p.number] = (p, used.get(p.number, (p, Decimal(0)))[1] + off)
    prices = tuple(None if total is None else (total / qty).quantize(SCALE, rounding=ROUND_HALF_UP)
                   for (_, _, qty, _), total in zip(lines, totals, strict=True))
    listed = sum((qty * price for _, _, qty, price in lines if price is not None and qty > 0), Decimal(0))
    taken = sum((total for total in totals if total is not None), Decimal(0))
    return Applied(prices, listed.quantize(FEN, rounding=ROUND_HALF_UP), taken.quantize(FEN, rounding=ROUND_HALF_UP),
                   tuple(sorted(used.values(), key=lambda x: x[0].number)))


def price_days(promos: Sequence[Promotion], sku: str, category: str, price: Decimal, *, location: str | None,
               first: date, last: date, tz: Any) -> list[tuple[date, Decimal]]:
    """The price a base unit goes at on each day from ``first`` to ``last`` under the line promotions that run all
    day (the cheapest; the list ``price`` on the others), for the forecast to learn how the product sells on offer
    and to expect it on the days planned; [] when none ever covers it then. A promotion for some hours of the day is
    left out: it moves the price of part of a day only."""
    mine = [p for p in promos if p.kind in LINE_KINDS and p.covers(sku, category) and p.since is None
            and p.until is None and (p.location is None or p.location == location)
            and p.first <= last and (p.last is None or p.last >= first)]
    if not mine:
        return []
    out = []
    for n in range((last - first).days + 1):
        day = first + timedelta(days=n)
        at = datetime.combine(day, time.min, tzinfo=tz)
        out.append((day, min([price, *(p.unit_price(price) for p in mine if p.live(day, location, at))])))
    return out if any(q < price for _, q in out) else []


def load(raw: Any) -> list[Promotion]:
    """The promotions kept in the tenant's settings (``dump``'s form), oldest first."""
    out = []
    for d in (raw or {}).get("items") or []:
        kw = dict(d)
        for k in ("first", "last"):
            kw[k] = date.fromisoformat(kw[k]) if kw.get(k) else None
        kw["ended"] = datetime.fromisoformat(kw["ended"]) if kw.get("ended") else None
        for k in ("since", "until"):
            kw[k] = time.fromisoformat(kw[k]) if kw.get(k) else None
        for k in ("share", "price", "buy", "free", "threshold", "off"):
            kw[k] = Decimal(kw[k]) if kw.get(k) is not None else None
        out.append(Promotion(**kw))
    return sorted(out, key=lambda p: p.number)


def dump(promos: Sequence[Promotion]) -> dict[str, Any]:
    items = []
    for p in promos:
        d = asdict(p)
        for k in ("first", "last", "ended", "since", "until"):
            d[k] = d[k].isoformat() if d[k] is not None else None
        for k in ("share", "price", "buy", "free", "threshold", "off"):
            d[k] = str(d[k]) if d[k] is not None else None
        items.append(d)
    return {"next": max((p.number for p in promos), default=0) + 1, "items": items}


def ended(p: Promotion, at: datetime) -> Promotion:
    """``p`` ended at ``at``: sales from then on are charged as before."""
    return replace(p, ended=at)
