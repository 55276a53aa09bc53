"""Recipes (bills of materials): what goes into a product made in house, per how much of it they make.

A recipe is kept by version (a new one never rewrites what was made by the one before: each move made by a recipe
names its version). Producing a product with a recipe uses its components in the same write; selling more of it than
is on hand makes the rest from the recipe first (a latte is made as it is sold). A component that has a recipe of its
own is made from it first when the place lacks it (the latte's milk foam), a few levels deep, never inside itself.
A component may name substitutes (no butter: margarine), each with its own amount; they are used for what the place
lacks of it, before it is made or taken below zero.
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from domain import errors, units

MAX_LEVELS = 5   # recipes within recipes: a deeper chain is no kitchen's, and a cycle stops here at the latest
STORED = Decimal("0.000001")   # a substitute's share, to the places the ledger keeps
NOTE = "recipe:"   # the note on the moves a recipe made: recipe:<sku>:v<version>


@dataclass(frozen=True)
class Component:
    sku: str
    qty: Decimal   # in the component's base unit, per the recipe's ``yields``
    substitutes: tuple[Component, ...] = ()   # used, in this order, for what the place lacks of it (each per yields)

    def with_substitute(self, sub: Component | None, *, drop: str | None = None) -> Component:
        """This component with ``sub`` added last (or its amount changed), or with ``drop`` taken off its list."""
        kept = tuple(s for s in self.substitutes if s.sku not in {drop, sub.sku if sub else None})
        return replace(self, substitutes=kept + ((sub,) if sub is not None else ()))


@dataclass(frozen=True)
class Operation:
    """One step of making the product (和面 · 发酵 · 烤制), in order: what a work order goes through."""
    name: str
    minutes: Decimal | None = None   # how long the step takes for one work order, or one batch of ``per`` (None: not said)
    center: str | None = None        # the work center it takes that long (烤箱): its load against its hours a day
    per: Decimal | None = None       # the batch ``minutes`` is for (烤制每炉50个20分钟: 50 of the product's base unit)

    def minutes_for(self, qty: Decimal) -> Decimal | None:
        """How long it takes a work order of ``qty``: its time, or its time for each batch, a part batch a whole one
        (120 croissants at 50 a tray: 3 trays)."""
        if self.minutes is None or self.per is None:
            return self.minutes
        return self.minutes * math.ceil(qty / self.per)

    def stored(self) -> list[str | None]:
        """As a recipe keeps it: [name, minutes, center, per] (the trailing ones not said left off)."""
        row = [self.name, str(self.minutes) if self.minutes is not None else None, self.center,
               str(self.per) if self.per is not None else None]
        while len(row) > 2 and row[-1] is None:
            row.pop()
        return row

    @staticmethod
    def of(row: Sequence[str | None]) -> Operation:
        return Operation(name=str(row[0]), minutes=Decimal(row[1]) if row[1] is not None else None,
                         center=row[2] if len(row) > 2 else None,
                         per=Decimal(row[3]) if len(row) > 3 and row[3] is not None else None)


@dataclass(frozen=True)
class Recipe:
    sku: str
    yields: Decimal   # how much of the product (its base unit) the components make
    components: tuple[Component, ...]
    version: int = 1
    operations: tuple[Operation, ...] = ()   # its routing (工序): the steps a work order goes through, in order

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
        for c in self.components:
            subs = [s.sku for s in c.substitutes]
            if self.sku in subs or c.sku in subs or len(set(subs)) != len(subs) or set(subs) & set(skus):
                raise errors.BadInput(code="recipe_substitute", sku=c.sku)
            if any(not s.qty.is_finite() or s.qty <= 0 for s in c.substitutes):
                raise errors.BadInput(code="bad_qty", qty="0")
        names = [op.name for op in self.operations]
        if len(set(names)) != len(names) or any(not n.strip() for n in names):
            raise errors.BadInput(code="operations_twice")
        if any(op.minutes is not None and (not op.minutes.is_finite() or op.minutes <= 0) for op in self.operations):
            raise errors.BadInput(code="bad_qty", qty="0")
        if any(op.per is not None and (not op.per.is_finite() or op.per <= 0) for op in self.operations):
            raise errors.BadInput(code="bad_qty", qty="0")

    @property
    def note(self) -> str:
        return f"{NOTE}{self.sku}:v{self.version}"

    def needs(self, qty: Decimal) -> list[tuple[str, Decimal]]:
        """What making ``qty`` of the product uses: each component in its base unit, in the recipe's order."""
        return [(c.sku, self.need(c, qty)) for c in self.components]

    def need(self, c: Component, qty: Decimal) -> Decimal:
        """How much of ``c`` making ``qty`` of the product uses, in its base unit."""
        return units.normalize(c.qty * qty / self.yields)

    def component(self, sku: str) -> Component | None:
        return next((c for c in self.components if c.sku == sku), None)


@dataclass(frozen=True)
class Explosion:
    """What a production plan takes: the products with a recipe made for it (what is asked, then what of their
    made-in-house ingredients the place lacks) and the bought ingredients it uses, in base units, first use first."""
    make: dict[str, Decimal]
    need: dict[str, Decimal]


def explode(recipes: Mapping[str, Recipe], wanted: Sequence[tuple[str, Decimal]],
            have: Mapping[str, Decimal]) -> Explosion:
    """A plan (make 500 croissants, 300 lattes) through its recipes, level by level (MRP's explosion): an ingredient
    with a recipe of its own is taken from ``have`` (what the place holds) first and made for the rest; one without
    (or a cycle, or past MAX_LEVELS) is needed whole. What is asked is made whole, whatever is on hand of it."""
    left = {k: max(v, Decimal(0)) for k, v in have.items()}
    make: dict[str, Decimal] = {}
    need: dict[str, Decimal] = {}

    def walk(sku: str, qty: Decimal, within: tuple[str, ...]) -> None:
        recipe = recipes.get(sku)
        if recipe is None or sku in within or len(within) >= MAX_LEVELS:
            need[sku] = need.get(sku, Decimal(0)) + qty
            return
        if within:   # an ingredient made in house: what the place holds first
            use = min(qty, left.get(sku, Decimal(0)))
            left[sku] = left.get(sku, Decimal(0)) - use
            qty -= use
            if qty <= 0:
                return
        make[sku] = make.get(sku, Decimal(0)) + qty
        for c in recipe.components:
            walk(c.sku, recipe.need(c, qty), (*within, sku))

    for sku, qty in wanted:
        walk(sku, qty, ())
    return Explosion(make={k: units.normalize(v) for k, v in make.items()},
                     need={k: units.normalize(v) for k, v in need.items()})


def covered(c: Component, lacking: Decimal, have: dict[str, Decimal]) -> tuple[list[tuple[str, Decimal]], Decimal]:
    """What ``lacking`` of component ``c`` (its base unit) is made up with its substitutes, in order, from what
    ``have`` holds of each: each substitute and how much of it (its base unit), and what is still lacking of ``c``."""
    used = []
    for s in c.substitutes:
        if lacking <= 0:
            break
        want = (lacking * s.qty / c.qty).quantize(STORED, rounding=ROUND_HALF_UP)
        take = min(want, max(have.get(s.sku, Decimal(0)), Decimal(0)))
        if take <= 0:
            continue
        used.append((s.sku, units.normalize(take)))
        lacking = Decimal(0) if take == want else lacking - take * c.qty / s.qty
    return used, units.normalize(max(lacking, Decimal(0)).quantize(STORED, rounding=ROUND_HALF_UP))


def made_for(note: str) -> str | None:
    """recipe:B09:v2 → B09: the product a recipe's move was made for (None: no recipe's move)."""
    if not made_by_recipe(note):
        return None
    return note[len(NOTE):].rsplit(":", 1)[0] or None


def made_by_recipe(note: str) -> bool:
    """A move a recipe made (its components used, or what it made as it was sold), not one the user said."""
    return note.startswith(NOTE)
