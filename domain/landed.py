"""Landed cost (到岸成本): what bringing goods in cost on top of their price (运费 · 搬运费 · 快递费), spread over a
receipt's lines so that each lot carries it in its unit cost, and the stock's value and the margins with it."""
from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from domain import errors

FEN = Decimal("0.01")


def spread(amount: Decimal, values: Sequence[Decimal | None]) -> list[Decimal]:
    """``amount`` split over lines: in proportion to each line's value when every line has one and they add up to
    more than nothing, else evenly; in fen, the shares adding up to ``amount`` exactly (the largest line takes what
    rounding leaves)."""
    if not values:
        return []
    if not amount.is_finite() or amount < 0:
        raise errors.BadInput(code="bad_freight", amount=str(amount))
    known = [v for v in values if v is not None]
    total = sum(known, Decimal(0))
    weights = [v or Decimal(0) for v in values] if len(known) == len(values) and total > 0 \
        else [Decimal(1)] * len(values)
    whole = sum(weights, Decimal(0))
    shares = [(amount * w / whole).quantize(FEN, rounding=ROUND_HALF_UP) for w in weights]
    biggest = max(range(len(weights)), key=lambda i: weights[i])
    shares[biggest] += amount - sum(shares, Decimal(0))
    return shares


def unit_costs(amount: Decimal, lines: Sequence[tuple[Decimal, Decimal | None]]) -> list[Decimal]:
    """Each line's (quantity, own cost a base unit or None) cost a base unit with its share of ``amount`` on top
    (spread by value, ``spread``); a line with no cost of its own carries its share alone."""
    shares = spread(amount, [q * c if c is not None else None for q, c in lines])
    return [((c or Decimal(0)) + share / q).quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)
            for (q, c), share in zip(lines, shares, strict=True)]
