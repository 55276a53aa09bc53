"""A sale settled at the till (domain/pricing.py): every adjustment gives prices whose lines add up to what was taken,
to the fen, and refuses what cannot be."""
from __future__ import annotations

from decimal import Decimal

import pytest

from domain import errors, pricing
from domain.commands import AdjustKind as K

D = Decimal
FEN = D("0.01")


def total(lines: list[tuple[Decimal, Decimal | None]], prices: tuple[Decimal, ...]) -> Decimal:
    return sum((q * p for (q, _), p in zip(lines, prices, strict=True)), D(0)).quantize(FEN)


@pytest.mark.parametrize(("kind", "amount", "taken"), [
    (K.OFF, D(18), D("170.00")),        # 优惠18元 over ¥188
    (K.TAKEN, D(170), D("170.00")),     # 一共收了170
    (K.TAKEN, D(100), D("100.00")),     # (a third of the list: spread by value all the same)
    (K.ROUND, None, D("180.00")),       # 抹零: ¥188 → ¥180
    (K.SHARE, D("0.9"), D("169.20")),   # 打9折
    (K.EACH_OFF, D(10), D("168.00")),   # 每个便宜10块 over two units
    (K.FREE, None, D("0.00")),          # 免单
])
def test_the_lines_add_up_to_what_was_taken(kind: K, amount: Decimal | None, taken: Decimal):
    lines: list[tuple[Decimal, Decimal | None]] = [(D(1), D(99)), (D(1), D(89))]
    s = pricing.settle(lines, kind, amount)
    assert s.listed == D("188.00") and s.taken == taken
    assert total(lines, s.prices) == taken
    assert all(p >= 0 for p in s.prices)


def test_an_amount_off_is_spread_by_value_and_odd_fen_land_on_the_largest_line():
    lines: list[tuple[Decimal, Decimal | None]] = [(D(3), D("3.33")), (D(7), D("12.5")), (D(1), D(1))]
    s = pricing.settle(lines, K.OFF, D("10.01"))
    assert total(lines, s.prices) == s.taken == s.listed - D("10.01")
    offs = [q * (p0 - p) for (q, p0), p in zip(lines, s.prices, strict=True)]
    assert offs[1] == max(offs)                       # (the line worth most gives most)
    assert s.share_off == D("10.01") / s.listed


@pytest.mark.parametrize(("total_", "off"), [
    (D("57.80"), D("0.80")), (D("103"), D(3)), (D("100"), D(0)), (D("9"), D(0)), (D("0.5"), D("0.5")),
])
def test_rounding_off_drops_the_fen_else_the_yuan_under_ten(total_: Decimal, off: Decimal):
    assert pricing.rounded_off(total_) == off


def test_more_taken_than_listed_raises_the_prices():
    lines: list[tuple[Decimal, Decimal | None]] = [(D(2), D(10))]
    s = pricing.settle(lines, K.TAKEN, D(25))
    assert s.prices == (D("12.5"),) and s.off == D(-5)


@pytest.mark.parametrize(("lines", "kind", "amount", "code"), [
    ([(D(1), D(99))], K.OFF, D(99), "adjust_too_much"),        # as much as the list: 免单 says it
    ([(D(1), D(99))], K.EACH_OFF, D(100), "adjust_too_much"),
    ([(D(1), D(99))], K.OFF, D(-5), "adjust_bad"),
    ([(D(1), D(99))], K.SHARE, D("1.5"), "adjust_bad"),
    ([(D(1), None)], K.OFF, D(5), "adjust_no_price"),           # nothing to take it off
])
def test_what_cannot_be_settled_is_refused(lines: list[tuple[Decimal, Decimal | None]], kind: K,
                                           amount: Decimal | None, code: str):
    with pytest.raises(errors.BadInput) as e:
        pricing.settle(lines, kind, amount)
    assert e.value.code == code
