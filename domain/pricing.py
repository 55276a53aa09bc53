"""What a sale was settled at (结账): the adjustments said at the till, 优惠20元 · 每副便宜10块 · 打9折 · 一共收了300 ·
抹零 · 免单, turned into each line's price from its list price (the customer's agreed or tier price, else the
catalog's), so that the lines add up to exactly what was taken.

An amount off the whole sale is spread over the lines by value, in fen (``landed.spread``, as freight is spread
over a receipt's lines), the largest line taking what rounding leaves. Pure: the list prices come in with the lines.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from domain import errors, landed
from domain.commands import AdjustKind

FEN = Decimal("0.01")
SCALE = Decimal("0.000001")


@dataclass(frozen=True)
class Settled:
    prices: tuple[Decimal, ...]   # each line's price a base unit, after the adjustment
    listed: Decimal               # what the lines came to at their list prices
    taken: Decimal                # what they came to after it

    @property
    def off(self) -> Decimal:
        return self.listed - self.taken

    @property
    def share_off(self) -> Decimal:
        return share_off(self.listed, self.taken)


def share_off(listed: Decimal, taken: Decimal) -> Decimal:
    """The part of the list value given away (0.1: a tenth); 0 for a sale with no value listed."""
    return (listed - taken) / listed if listed > 0 else Decimal(0)


def rounded_off(total: Decimal) -> Decimal:
    """抹零: what is dropped from ``total`` (¥57.80 → ¥0.80; ¥103.00 → ¥3.00; ¥100.00 or under ¥10: nothing)."""
    cents = total - total.quantize(Decimal(1), rounding=ROUND_DOWN)
    if cents > 0:
        return cents.quantize(FEN, rounding=ROUND_HALF_UP)
    ones = total % 10
    return ones if total >= 10 else Decimal(0)


def settle(lines: Sequence[tuple[Decimal, Decimal | None]], kind: AdjustKind, amount: Decimal | None) -> Settled:
    """Each line's (quantity in base units, list price a base unit) price after the adjustment. A line with no list
    price leaves nothing to take off (``adjust_no_price``); an amount off at or beyond the whole (``adjust_too_much``)
    or a negative one (``adjust_bad``) is refused: 免单 says nothing is taken."""
    if not lines:
        return Settled((), Decimal(0), Decimal(0))
    if any(price is None for _, price in lines):
        raise errors.BadInput(code="adjust_no_price", items="")
    if amount is not None and (not amount.is_finite() or amount < 0):
        raise errors.BadInput(code="adjust_bad", amount=str(amount))
    listed_each = [q * (p or Decimal(0)) for q, p in lines]
    listed = sum(listed_each, Decimal(0)).quantize(FEN, rounding=ROUND_HALF_UP)
    if kind == AdjustKind.FREE:
        return Settled(tuple(Decimal(0) for _ in lines), listed, Decimal(0).quantize(FEN))
    if kind in (AdjustKind.SHARE, AdjustKind.EACH_OFF):
        if amount is None:
            raise errors.BadInput(code="adjust_bad", amount="")
        if kind == AdjustKind.SHARE and not 0 < amount <= 1:
            raise errors.BadInput(code="adjust_bad", amount=str(amount))
        prices = tuple((p or Decimal(0)) * amount if kind == AdjustKind.SHARE else (p or Decimal(0)) - amount
                       for _, p in lines)
        if any(p < 0 for p in prices):
            raise errors.BadInput(code="adjust_too_much", off=f"{amount:.2f}", listed=f"{listed:.2f}")
        prices = tuple(p.quantize(SCALE, rounding=ROUND_HALF_UP) for p in prices)
        taken = sum((q * p for (q, _), p in zip(lines, prices, strict=True)), Decimal(0))
        return Settled(prices, listed, taken.quantize(FEN, rounding=ROUND_HALF_UP))
    if kind == AdjustKind.TAKEN:
        if amount is None:
            raise errors.BadInput(code="adjust_bad", amount="")
        off = listed - amount
    elif kind == AdjustKind.ROUND:
        off = rounded_off(listed)
    else:
        off = amount if amount is not None else Decimal(0)
    if off >= listed and listed > 0 or (off > 0 and listed <= 0):
        raise errors.BadInput(code="adjust_too_much", off=f"{off:.2f}", listed=f"{listed:.2f}")
    shares = landed.spread(abs(off), listed_each)
    sign = 1 if off >= 0 else -1
    prices = tuple(((p or Decimal(0)) - sign * share / q).quantize(SCALE, rounding=ROUND_HALF_UP)
                   for (q, p), share in zip(lines, shares, strict=True))
    return Settled(prices, listed, listed - off)
