"""Landed cost: a receipt's freight spread over its lines, by value when every line has one, else evenly, in fen
adding up to the freight exactly, and each line's unit cost with its share."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

from domain import errors, landed


def test_freight_is_spread_by_value_in_fen_adding_up_exactly() -> None:
    shares = landed.spread(D(100), [D(600), D(300), D(300)])
    assert shares == [D("50.00"), D("25.00"), D("25.00")]
    thirds = landed.spread(D(100), [D(1), D(1), D(1)])
    assert sum(thirds) == D(100) and sorted(thirds) == [D("33.33"), D("33.33"), D("33.34")]


def test_without_every_lines_value_it_is_spread_evenly() -> None:
    assert landed.spread(D(30), [D(600), None, D(10)]) == [D("10.00"), D("10.00"), D("10.00")]
    assert landed.spread(D(30), [D(0), D(0)]) == [D("15.00"), D("15.00")]
    assert landed.spread(D(30), []) == []


def test_each_unit_costs_its_own_price_and_its_share() -> None:
    # 50 斤 at 30 and 24 bottles at 2.5 with ¥60.50 freight: ¥1,500 and ¥60 of goods
    costs = landed.unit_costs(D("60.50"), [(D(50), D(30)), (D(24), D("2.5"))])
    assert costs == [D("31.1634"), D("2.597083")]   # ¥58.17 over 50 斤, ¥2.33 over 24 bottles
    assert landed.unit_costs(D(10), [(D(4), None)]) == [D("2.5")]   # no cost of its own: the freight alone


def test_freight_below_zero_is_refused() -> None:
    with pytest.raises(errors.BadInput):
        landed.spread(D(-1), [D(1)])
