"""Recipes (bills of materials): what goes into a product made in house, per how much of it they make.

A recipe is kept by version (a new one never rewrites what was made by the one before: each move made by a recipe
names its version). Producing a product with a recipe uses its components in the same write; selling more of it than
is on hand makes the rest from the recipe first (a latte is made as it is sold). A component that has a recipe of its
own is made from it first when the place lacks it (the latte's milk foam), a few levels deep, never inside itself.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from domain import errors, units

NOTE = "recipe:"   # the note on the moves a recipe made: recipe:<sku>:v<version>


@dataclass(frozen=True)
class Component:
    sku: str
    qty: Decimal   # in the component's base unit, per the recipe's ``yields``


@dataclass(frozen=True)
class Recipe:
    sku: str
    yields: Decimal   # how much of the product (its base unit) the components make
    components: tuple[Component, ...]
    version: int = 1

    def __post_init__(self) -> None:
        if not self.yields.is_finite() or self.yields <= 0:
            raise errors.BadInput(code="recipe_yield")
        if not self.components:
            raise errors.BadInput(code="recipe_empty")
        skus = [c.sku for c in self.components]
        if self.sku in skus:
            raise errors.BadInput(code="recipe_self")
        if len(set(skus)) != len(skus):
            raise errors.BadInput(code="recipe_twice")
        if any(not c.qty.is_finite() or c.qty <= 0 for c in self.components):
            raise errors.BadInput(code="bad_qty", qty="0")

    @property
    def note(self) -> str:
        return f"{NOTE}{self.sku}:v{self.version}"

    def needs(self, qty: Decimal) -> list[tuple[str, Decimal]]:
        """What making ``qty`` of the product uses: each component in its base unit, in the recipe's order."""
        return [(c.sku, units.normalize(c.qty * qty / self.yields)) for c in self.components]


def made_for(note: str) -> str | None:
    """recipe:B09:v2 → B09: the product a recipe's move was made for (None: no recipe's move)."""
    if not made_by_recipe(note):
        return None
    return note[len(NOTE):].rsplit(":", 1)[0] or None


def made_by_recipe(note: str) -> bool:
    """A move a recipe made (its components used, or what it made as it was sold), not one the user said."""
    return note.startswith(NOTE)
