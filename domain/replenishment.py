"""Replenishment: how much to order, from forecast quantiles, and why.

Pure: quantities are ``Decimal`` in the product's base unit, days are ``date`` values passed in,
nothing reads the clock. A suggestion covers the days from the next unserved one until the order
after this one arrives (lead time + review period). Safety stock is the gap between the service-level quantile of
that demand and its median. For perishables the order never exceeds what the shelf life lets the
store sell before the goods spoil; pack sizes round up (or down, when rounding up would spoil) and
a minimum order quantity is honoured unless it would spoil.

Across many products, ``allocate`` chooses each product's stock level so that the expected share of
products with demand that run short meets a service level with the least stock left over: a slow or
small product costs a few units to cover at a very high level, a big seller costs a lot, so each
extra unit goes where it prevents the most stockouts (greedy on the convex hull of every product's
shortage-probability vs expected-leftover options). ``allocate_at_rate`` holds one price per prevented
stockout instead, and ``SteadyRate`` the price at which the last weeks together meet a service level, so
stock moves from the days where stockouts are dear to prevent to those where they are cheap.
"""
from __future__ import annotations

import dataclasses
import heapq
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import Any

ZERO = Decimal(0)
INFINITY = Decimal("Infinity")
MEDIAN = Decimal("0.5")


@dataclasses.dataclass(frozen=True)
class DayForecast:
    """Demand quantiles for one day: level (e.g. Decimal("0.9")) → quantity."""

    day: date
    quantiles: Mapping[Decimal, Decimal]

    def quantile(self, level: Decimal) -> Decimal:
        """Linear interpolation between the known levels, flat beyond the outermost ones."""
        pts = sorted(self.quantiles.items())
        if not pts:
            return ZERO
        if level <= pts[0][0]:
            return pts[0][1]
        for (l0, q0), (l1, q1) in zip(pts, pts[1:], strict=False):
            if level <= l1:
                return q0 + (q1 - q0) * (level - l0) / (l1 - l0)
        return pts[-1][1]

    def _nodes(self) -> list[tuple[Decimal, Decimal]]:
        """(level, quantity) from level 0 to 1: the quantile function, flat beyond the outermost levels."""
        pts = sorted(self.quantiles.items())
        return [(ZERO, pts[0][1]), *pts, (Decimal(1), pts[-1][1])]

    def cdf(self, qty: Decimal) -> Decimal:
        """P(demand ≤ qty): the highest level whose quantile is still ≤ ``qty``."""
        if not self.quantiles:
            return Decimal(1)
        nodes = self._nodes()
        if qty >= nodes[-1][1]:
            return Decimal(1)
        for (l0, q0), (l1, q1) in zip(nodes, nodes[1:], strict=False):
            if q0 <= qty < q1:
                return l0 + (l1 - l0) * (qty - q0) / (q1 - q0)
        return ZERO

    def expected_leftover(self, qty: Decimal) -> Decimal:
        """E[(qty − demand)⁺]: what stocking ``qty`` leaves over, on average."""
        if not self.quantiles:
            return qty
        total = ZERO
        nodes = self._nodes()
        for (l0, q0), (l1, q1) in zip(nodes, nodes[1:], strict=False):
            if qty >= q1:
                total += (qty - q0 + qty - q1) / 2 * (l1 - l0)
            elif qty > q0:
                total += (qty - q0) * (qty - q0) / (q1 - q0) / 2 * (l1 - l0)
        return total

    def sale_probability(self) -> Decimal:
        """P(demand > 0): one minus the highest level whose quantile is still zero."""
        zero = [lv for lv, q in self.quantiles.items() if q <= ZERO]
        return Decimal(1) - max(zero) if zero else Decimal(1)

    def level_given_sale(self, level: Decimal) -> Decimal:
        """The unconditional level at which a day with demand runs short with probability 1 − ``level``."""
        return Decimal(1) - (Decimal(1) - level) * self.sale_probability()


@dataclasses.dataclass(frozen=True)
class Policy:
    service_level: Decimal = Decimal("0.95")
    lead_time_days: int = 0   # forecast days that pass before the order can be sold (0: before the first one's sales)
    review_days: int = 1
    shelf_life_days: int | None = None
    per_sale_day: bool = False  # True: the service level counts only days with demand
    pack_size: Decimal | None = None
    moq: Decimal | None = None


@dataclasses.dataclass(frozen=True)
class Position:
    on_hand: Decimal
    booked: Decimal = ZERO
    on_order: Decimal = ZERO


@dataclasses.dataclass(frozen=True)
class Suggestion:
    """Every number that led to the order, so the chat can explain it."""

    on_hand: Decimal
    booked: Decimal
    on_order: Decimal
    forecast: Decimal          # median demand over the protection period
    safety_stock: Decimal      # service-level quantile minus the median
    order_up_to: Decimal       # forecast + safety stock + booked
    reorder_point: Decimal     # lead-time demand + its safety stock + booked
    shelf_life_cap: Decimal | None
    raw: Decimal               # order_up_to − on hand − on order, before caps and rounding
    quantity: Decimal          # the suggestion
    reasons: tuple[str, ...]   # stable codes, mapped to messages by the conversation
    lead_time_days: int = 0    # the policy's: days before what is ordered now can be sold

    @property
    def needed(self) -> bool:
        return self.quantity > ZERO


def sum_quantile(days: Sequence[DayForecast], level: Decimal, *, per_sale_day: bool = False) -> tuple[Decimal, Decimal]:
    """(median, level-quantile) of the total demand over ``days``, treating days as independent.

    The medians add; the spreads above the median add in quadrature. With ``per_sale_day`` each
    day's level is conditional on a sale happening that day.
    """
    med = sum((d.quantile(MEDIAN) for d in days), ZERO)
    spread_sq = sum(((max(ZERO, d.quantile(d.level_given_sale(level) if per_sale_day else level)
                          - d.quantile(MEDIAN))) ** 2 for d in days), ZERO)
    if level < MEDIAN:
        spread_sq = sum(((max(ZERO, d.quantile(MEDIAN) - d.quantile(level))) ** 2 for d in days), ZERO)
    spread = spread_sq.sqrt() if spread_sq > ZERO else ZERO
    if level < MEDIAN:
        return med, max(ZERO, med - spread)
    return med, med + spread


def _round_to_pack(qty: Decimal, pack: Decimal | None, cap: Decimal | None) -> Decimal:
    if not pack or pack <= ZERO or qty <= ZERO:
        return qty
    up = (qty / pack).to_integral_value(rounding=ROUND_CEILING) * pack
    if cap is not None and up > cap:
        return (qty / pack).to_integral_value(rounding=ROUND_FLOOR) * pack
    return up


def order_quantity(short: Decimal, *, pack: Decimal | None, moq: Decimal | None) -> Decimal:
    """What to order for ``short``: at least the minimum order, in whole packs (nothing when nothing is short)."""
    if short <= ZERO:
        return ZERO
    return _round_to_pack(max(short, moq or ZERO), pack, None)


def suggest(position: Position, forecast: Sequence[DayForecast], *, policy: Policy) -> Suggestion:
    """Order-up-to suggestion for an order placed now.

    ``forecast[0]`` is the first day whose demand the current stock has not served yet (tomorrow for
    an evening decision); the order can be sold from ``forecast[lead_time_days]`` on. It has to last
    until the next order arrives, so the stock position covers ``lead_time_days + review_days`` days
    (fewer if the forecast is shorter).
    """
    lead, review = max(0, policy.lead_time_days), max(1, policy.review_days)
    horizon = list(forecast[: lead + review])
    reasons: list[str] = []
    cond = policy.per_sale_day
    med, upper = sum_quantile(horizon, policy.service_level, per_sale_day=cond)
    lead_med, lead_upper = sum_quantile(horizon[:lead], policy.service_level, per_sale_day=cond)
    safety = upper - med
    order_up_to = upper + position.booked
    reorder_point = lead_upper + position.booked
    raw = order_up_to - position.on_hand - position.on_order
    qty = max(ZERO, raw)
    if qty == ZERO:
        reasons.append("covered")
    cap: Decimal | None = None
    if policy.shelf_life_days is not None and qty > ZERO:
        # What arrives after the lead time can be sold for shelf_life_days days; older stock goes first.
        window = list(forecast[lead: lead + policy.shelf_life_days])
        _, sellable = sum_quantile(window, policy.service_level, per_sale_day=cond)
        left_at_arrival = max(ZERO, position.on_hand + position.on_order - position.booked - lead_med)
        cap = max(ZERO, sellable + position.booked - left_at_arrival)
        if len(window) < policy.shelf_life_days:
            reasons.append("forecast_shorter_than_shelf_life")
        if qty > cap:
            qty = cap
            reasons.append("capped_by_shelf_life")
    qty = _round_to_pack(qty, policy.pack_size, cap)
    if policy.pack_size and qty > ZERO:
        reasons.append("rounded_to_pack")
    if policy.moq and ZERO < qty < policy.moq:
        if cap is not None and policy.moq > cap:
            qty = ZERO
            reasons.append("moq_would_spoil")
        else:
            qty = _round_to_pack(policy.moq, policy.pack_size, None)
            reasons.append("raised_to_moq")
    if qty > ZERO and not reasons:
        reasons.append("below_order_up_to")
    return Suggestion(on_hand=position.on_hand, booked=position.booked, on_order=position.on_order,
                      forecast=med, safety_stock=safety, order_up_to=order_up_to, reorder_point=reorder_point,
                      shelf_life_cap=cap, raw=raw, quantity=qty, reasons=tuple(reasons), lead_time_days=lead)


def period_forecast(days: Sequence[DayForecast]) -> DayForecast:
    """The total demand of ``days`` as one forecast, at the first day's levels (see ``sum_quantile``)."""
    if len(days) == 1:
        return days[0]
    levels = sorted(days[0].quantiles) if days else []
    return DayForecast(days[0].day, {lv: sum_quantile(days, lv)[1] for lv in levels}) if days else \
        DayForecast(date.min, {})


@dataclasses.dataclass(frozen=True)
class StockOption:
    """Stocking up to ``stock`` for a period: the chance demand exceeds it and the stock expected to remain."""

    stock: Decimal
    level: Decimal      # P(demand ≤ stock)
    short: Decimal      # P(demand > stock)
    leftover: Decimal   # E[(stock − demand)⁺]


def stock_options(period: DayForecast, *, floor: Decimal = ZERO) -> list[StockOption]:
    """The sensible stock levels for a period: what is already there (``floor``) and each known quantile above it."""
    floor = max(ZERO, floor)
    stocks = sorted({floor, *(q for q in period.quantiles.values() if q > floor)})
    out = []
    for s in stocks:
        level = period.cdf(s)
        out.append(StockOption(s, level, Decimal(1) - level, period.expected_leftover(s)))
    return out


def _hull(options: Sequence[StockOption], cost: Callable[[StockOption], Decimal] | None = None) -> list[StockOption]:
    """The options on the lower convex hull of (cost, short), from the cheapest one on; the cost is the leftover
    unless given. Options below the cheapest are dominated (they cost more and run short more often)."""
    price = cost or (lambda o: o.leftover)
    first = min(range(len(options)), key=lambda n: (price(options[n]), options[n].short))
    out = [options[first]]
    rest = list(options[first + 1:])
    while rest:
        cur = out[-1]
        best: tuple[Decimal, int] | None = None
        for n, o in enumerate(rest):
            extra = price(o) - price(cur)
            gain = cur.short - o.short
            if gain <= ZERO:
                continue
            ratio = gain / extra if extra > ZERO else INFINITY
            if best is None or ratio >= best[0]:
                best = (ratio, n)
        if best is None:
            break
        out.append(rest[best[1]])
        rest = rest[best[1] + 1:]
    return out


def allocate_at_rate(periods: Sequence[DayForecast], floors: Sequence[Decimal], *, rate: Decimal,
                     days: Decimal | None = None) -> list[StockOption]:
    """One stock level per product: each product's stock rises as long as the next step removes at least
    ``rate`` shortage probability per unit of expected leftover.

    Where ``allocate`` holds the expected share of products running short at a target every day, this
    holds the price of a prevented stockout fixed across days, so stock goes to the days where it
    prevents the most: over a season, the fewest stockouts for the stock held.

    With ``days``, the store's target inventory days (stock left over ÷ stock sold), a unit that sells counts
    against one that is left over: the cost of a level is leftover − days × sold, where sold = stock − leftover.
    A unit more of a product that often runs out mostly sells, which lowers the store's inventory days; a unit
    more of one that rarely does mostly stays. Fewer stockouts for the same inventory days.
    """
    share = days / (1 + days) if days is not None else ZERO   # (leftover − days × (stock − leftover)) / (1 + days)

    def cost(o: StockOption) -> Decimal:
        return o.leftover - share * o.stock
    return [_at_rate(_hull(stock_options(p, floor=f), cost), rate, cost) for p, f in zip(periods, floors, strict=True)]


def _at_rate(hull: Sequence[StockOption], rate: Decimal,
             cost: Callable[[StockOption], Decimal] = lambda o: o.leftover) -> StockOption:
    """The highest option on ``hull`` reached while every step up removes at least ``rate`` shortage per unit of
    ``cost``."""
    chosen = hull[0]
    for a, b in zip(hull, hull[1:], strict=False):
        extra = cost(b) - cost(a)
        if extra > ZERO and (a.short - b.short) / extra < rate:
            break   # the hull is convex: every later step gains even less
        chosen = b
    return chosen


def allocate(periods: Sequence[DayForecast], floors: Sequence[Decimal], *,
             service_level: Decimal) -> list[StockOption]:
    """One stock level per product so that the expected number of products running short is at most
    (1 − ``service_level``) × the expected number with demand, with the least expected stock left over.

    ``periods[i]`` is product i's demand over its protection period, ``floors[i]`` what it already has
    for it. Greedy: the next unit of leftover goes to the product where it removes the most shortage
    probability; exact on each product's convex hull of (leftover, shortage) options.
    """
    hulls = [_hull(stock_options(p, floor=f)) for p, f in zip(periods, floors, strict=True)]
    chosen = [h[0] for h in hulls]
    target = (Decimal(1) - service_level) * sum((Decimal(1) - p.cdf(ZERO) for p in periods), ZERO)
    short = sum((c.short for c in chosen), ZERO)
    heap: list[tuple[Decimal, int, int]] = []

    def push(i: int, j: int) -> None:
        if j + 1 < len(hulls[i]):
            heapq.heappush(heap, (-_ratio(hulls[i][j], hulls[i][j + 1]), i, j + 1))

    for i in range(len(hulls)):
        push(i, 0)
    while heap and short > target:
        _, i, j = heapq.heappop(heap)
        short -= chosen[i].short - hulls[i][j].short
        chosen[i] = hulls[i][j]
        push(i, j)
    return chosen


# one day of ``SteadyRate.days``: expected products with demand, expected products short at the floors, the steps
RateDay = tuple[Decimal, Decimal, list[tuple[Decimal, Decimal]]]


@dataclasses.dataclass
class SteadyRate:
    """Holds a service level over a season rather than every day: one price per prevented stockout for all the
    days of the last ``window`` (``allocate_at_rate``'s policy), the price at which those days together would have
    met the level; each evening adds its day and picks the stock levels at the price.

    ``allocate`` meets the level each day, so on a hard day (many products whose demand is uncertain) it buys
    its last prevented stockouts dearly, and on an easy day it stops where more would still be cheap. One price
    across days moves that stock from the hard days to the easy ones: the same service level over the window
    with less left over. With a single day in the window it is ``allocate``.
    """

    service_level: Decimal
    window: int = 91
    # per day: expected products with demand, expected products short at the floors, and the steps up every
    # product's hull as (prevented shortage per unit of leftover, prevented shortage), steepest first
    days: list[RateDay] = dataclasses.field(default_factory=list)

    def allocate(self, periods: Sequence[DayForecast], floors: Sequence[Decimal]) -> list[StockOption]:
        """Today's stock levels, one per product (as ``allocate``)."""
        hulls = [_hull(stock_options(p, floor=f)) for p, f in zip(periods, floors, strict=True)]
        want = sum((Decimal(1) - p.cdf(ZERO) for p in periods), ZERO)
        steps = sorted(((_ratio(a, b), a.short - b.short) for h in hulls for a, b in zip(h, h[1:], strict=False)),
                       reverse=True)
        self.days = [*self.days, (want, sum((h[0].short for h in hulls), ZERO), steps)][-self.window:]
        rate = self.rate()
        return [_at_rate(h, rate) for h in hulls]

    def rate(self) -> Decimal:
        """The price at which the window's days, each stocked by it, run short on the level's share of the
        products with demand: the steps that prevent the most per unit of leftover are taken first."""
        want = sum((d[0] for d in self.days), ZERO)
        excess = sum((d[1] for d in self.days), ZERO) - (Decimal(1) - self.service_level) * want
        if excess <= ZERO:
            return INFINITY
        taken = ZERO
        for ratio, gain in heapq.merge(*(d[2] for d in self.days), reverse=True):   # each day's steps come sorted
            taken += gain
            if taken >= excess:
                return ratio
        return ZERO


def rate_day_to_dict(day: RateDay) -> dict[str, Any]:
    """A ``SteadyRate`` day as JSON-ready strings (exact: a kept window picks what the one in memory picks), for a
    store that keeps the window between mornings; the steps keep their order (steepest first)."""
    want, short, steps = day
    return {"want": str(want), "short": str(short), "steps": [[str(r), str(g)] for r, g in steps]}


def rate_day_from_dict(data: Mapping[str, Any]) -> RateDay:
    """The inverse of ``rate_day_to_dict``."""
    steps = [(Decimal(r), Decimal(g)) for r, g in data.get("steps") or []]
    return Decimal(data["want"]), Decimal(data["short"]), sorted(steps, reverse=True)


def _ratio(a: StockOption, b: StockOption) -> Decimal:
    """Shortage prevented per unit of extra leftover from option ``a`` up to ``b``."""
    extra = b.leftover - a.leftover
    return (a.short - b.short) / extra if extra > ZERO else INFINITY
