"""Recipes' arithmetic without a store: a plan's explosion (MRP) and what substitutes make up."""
from __future__ import annotations

from decimal import Decimal

import pytest

from domain import bom, errors

D = Decimal
LATTE = bom.Recipe("LATTE", D(1), (bom.Component("FOAM", D("0.15")), bom.Component("BEANS", D("0.018"))))
FOAM = bom.Recipe("FOAM", D(1), (bom.Component("MILK", D("1.2")),))
CROISSANT = bom.Recipe("CRO", D(10), (bom.Component("FLOUR", D("0.5")), bom.Component(
    "BUTTER", D("0.25"), substitutes=(bom.Component("CREAM", D("0.5")), bom.Component("OIL", D("0.3"))))))


def test_a_plan_explodes_level_by_level_taking_what_is_made_in_house_from_stock_first() -> None:
    plan = bom.explode({"LATTE": LATTE, "FOAM": FOAM, "CRO": CROISSANT},
                       [("LATTE", D(500)), ("CRO", D(100)), ("LATTE", D(100))], {"FOAM": D(15), "LATTE": D(999)})
    # 600 lattes whatever is on hand of them (the plan says make); 90 L of foam, 15 held: 75 made, from 90 L of milk
    assert plan.make == {"LATTE": D(600), "FOAM": D(75), "CRO": D(100)}
    assert plan.need == {"MILK": D(90), "BEANS": D("10.8"), "FLOUR": D(5), "BUTTER": D("2.5")}
    assert list(plan.need) == ["MILK", "BEANS", "FLOUR", "BUTTER"]   # first used first


def test_a_cycle_of_recipes_stops_and_what_it_would_remake_is_needed_instead() -> None:
    a = bom.Recipe("A", D(1), (bom.Component("B", D(2)),))
    b = bom.Recipe("B", D(1), (bom.Component("A", D(1)), bom.Component("X", D(1))))
    plan = bom.explode({"A": a, "B": b}, [("A", D(3))], {})
    assert plan.make == {"A": D(3), "B": D(6)} and plan.need == {"A": D(6), "X": D(6)}


def test_substitutes_make_up_what_is_lacking_in_order_at_their_own_rate() -> None:
    butter = CROISSANT.component("BUTTER")
    assert butter is not None
    # 1 kg lacking: cream at 2 boxes a kg, 1 box there (0.5 kg), the oil at 1.2 L a kg for the rest (0.6 L)
    assert bom.covered(butter, D(1), {"CREAM": D(1), "OIL": D(5)}) == ([("CREAM", D(1)), ("OIL", D("0.6"))], D(0))
    assert bom.covered(butter, D(1), {"CREAM": D(10)}) == ([("CREAM", D(2))], D(0))
    assert bom.covered(butter, D(1), {"CREAM": D(-3), "OIL": D("0.3")}) == ([("OIL", D("0.3"))], D("0.75"))
    assert bom.covered(butter, D(1), {}) == ([], D(1))


@pytest.mark.parametrize("subs", [("CRO",), ("BUTTER",), ("FLOUR",), ("CREAM", "CREAM")])
def test_a_substitute_is_never_the_product_the_ingredient_itself_another_ingredient_or_twice(subs) -> None:
    with pytest.raises(errors.BadInput) as exc:
        bom.Recipe("CRO", D(10), (bom.Component("FLOUR", D("0.5")), bom.Component(
            "BUTTER", D("0.25"), substitutes=tuple(bom.Component(s, D(1)) for s in subs))))
    assert exc.value.code == "recipe_substitute"
