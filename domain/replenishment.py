"""Replenishment: how much to order, from forecast quantiles, and why.

Pure: quantities are ``Decimal`` in the product's base unit, days are ``date`` values passed in,
nothing reads the clock. A suggestion covers the days from the next unserved one until the order
after this one arrives (lead time + review period). Safety stock is the gap between the service-level quantile of
that demand and its median. For perishables the order never exceeds what the shelf life lets the
store sell before the goods spoil; pack sizes round up (or down, when rounding up would spoil) and
a minimum order quantity is honoured unless it would spoil.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from datetime import date
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

ZERO = Decimal(0)
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
                      shelf_life_cap=cap, raw=raw, quantity=qty, reasons=tuple(reasons))
