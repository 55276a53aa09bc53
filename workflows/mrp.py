"""Material requirements for a production plan (做可颂500个、拿铁300杯,原料够不够): the plan through its recipes, then
each bought ingredient netted against what the store holds and what is on order for it by the plan's day, what is
short rounded up to the supplier's packs and minimum order, with the day it must be ordered by (its lead time)."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from decimal import Decimal

from domain import bom, catalog, production, replenishment
from workflows.ports import UnitOfWork


@dataclass(frozen=True)
class Row:
    sku: str
    need: Decimal       # what the plan uses, base units
    on_hand: Decimal    # at the store now
    on_order: Decimal   # still awaited from open purchase orders due by the plan's day
    order: Decimal      # what to buy: the shortfall in whole packs, at least the minimum order (0: enough)
    supplier: str | None
    order_by: date | None   # the plan's day less the lead time (None: nothing to order)
    stand_ins: tuple[tuple[str, Decimal, Decimal], ...] = ()   # substitutes on hand: (sku, held, covers of this)
    reserved: Decimal = Decimal(0)   # of what is on hand, what the store's work orders not started will take

    @property
    def short(self) -> Decimal:
        return max(self.need - max(self.on_hand - self.reserved, Decimal(0)) - self.on_order, Decimal(0))


def reserved(uow: UnitOfWork, recipes: dict[str, bom.Recipe], *, location: str, besides: int | None = None
             ) -> dict[str, Decimal]:
    """What the work orders planned at ``location`` and not started (``besides``: but that one) will take of each
    bought ingredient (a started one holds its materials in work in progress already)."""
    planned = [(production.product(o).sku, production.product(o).qty)
               for o in uow.orders.list(kinds=["production"], statuses=["open"])
               if o.location == location and o.id != besides and not o.meta.get("issued")]
    return bom.explode(recipes, planned, {}).need if planned else {}


def requirements(uow: UnitOfWork, *, location: str, wanted: Sequence[tuple[str, Decimal]], by: datetime,
                 besides: int | None = None) -> tuple[bom.Explosion, list[Row]]:
    """The plan's explosion and a row for each bought ingredient it uses, in the order first used; what the store's
    work orders not started will take (``besides``: the one this plan is) is reserved from what it holds."""
    recipes = uow.recipes.all_current()
    have = {sku: uow.stock.on_hand(location, sku) for sku in recipes}   # (what is made here, held already)
    plan = bom.explode(recipes, wanted, have)
    held_for = reserved(uow, recipes, location=location, besides=besides)
    partners = {p.code: p for p in uow.catalog.partners()}
    awaited: dict[str, Decimal] = {}
    for o in uow.orders.list(kinds=["purchase", "purchase_request"], statuses=["open", "partial"]):
        if o.location == location and (o.due is None or o.due <= by):
            for ln in o.lines:
                awaited[ln.sku] = awaited.get(ln.sku, Decimal(0)) + ln.open_qty
    subs: dict[str, list[tuple[bom.Component, bom.Component]]] = {}   # ingredient → (as in a recipe, its substitute)
    for made in plan.make:
        for c in recipes[made].components:
            for x in c.substitutes:
                if all(x.sku != y.sku for _, y in subs.get(c.sku, [])):
                    subs.setdefault(c.sku, []).append((c, x))
    rows = []
    for sku, need in plan.need.items():
        p = uow.catalog.product(sku)
        row = Row(sku=sku, need=need, on_hand=uow.stock.on_hand(location, sku), on_order=awaited.get(sku, Decimal(0)),
                  order=Decimal(0), supplier=p.supplier if p else None, order_by=None,
                  reserved=held_for.get(sku, Decimal(0)))
        order = replenishment.order_quantity(row.short, pack=min(p.packs.values()) if p and p.packs else None,
                                             moq=p.moq if p else None)
        stand_ins = []
        for c, x in subs.get(sku, []) if row.short > 0 else []:   # what could stand in for the shortfall, held now
            held = max(uow.stock.on_hand(location, x.sku), Decimal(0))
            if held > 0:
                stand_ins.append((x.sku, held, min(row.short, (held * c.qty / x.qty).quantize(bom.STORED)).normalize()))
        rows.append(replace(row, order=order, order_by=(by - timedelta(days=catalog.lead_days(p, partners))).date()
                            if p and order > 0 else None, stand_ins=tuple(stand_ins)))
    return plan, rows
