"""Shelf price tags (价签): what each tag says, the price on offer beside the list price while a promotion runs at the
store (its terms and days), for a sheet to print (the picture itself is drawn by an adapter)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from domain import catalog, commands, promotions
from workflows import promotions as promos
from workflows import wording
from workflows.ports import UnitOfWork

MOST = 60   # tags on one sheet


@dataclass(frozen=True)
class Tag:
    name: str
    unit: str          # the base unit the price is of (个 · 副)
    price: str         # the list price (¥29.00)
    offer: str = ""    # what a unit goes at on offer (¥23.20), when the promotion sets one
    terms: str = ""    # 打8折 · 买2个送1个 · 满¥100减¥10
    days: str = ""     # 06-15至06-21,共7天
    code: str = ""     # the product's barcode (an alias of 8, 12, 13 or 14 digits)


def tags(uow: UnitOfWork, t: Any, lang: str, cmd: commands.PriceTags, *, location: str | None,
         now: datetime) -> tuple[list[Tag], int]:
    """(the tags, how many products were asked for) of the products named (the category's, else every product with
    a selling price); ``cmd.promo``: those a promotion running now at ``location`` covers. Alphabetical by sku."""
    kept = promos.kept(uow)
    today = now.date()
    running = [p for p in kept if p.live(today, location, now)]
    products = [p for p in uow.catalog.products() if p.unit_price is not None and p.active
                and (not cmd.skus or p.sku in cmd.skus) and (cmd.category is None or p.category == cmd.category)]
    if cmd.promo:
        products = [p for p in products if any(q.covers(p.sku, p.category) for q in running)]
    out = [_tag(uow, t, lang, p, [q for q in running if q.covers(p.sku, p.category)]) for p in products[:MOST]]
    return out, len(products)


def _tag(uow: UnitOfWork, t: Any, lang: str, p: catalog.Product, running: list[promotions.Promotion]) -> Tag:
    price = p.unit_price
    assert price is not None
    line = [q for q in running if q.kind in promotions.LINE_KINDS]
    best = min(line, key=lambda q: (q.unit_price(price), q.number), default=None)
    shown = best or next(iter(running), None)
    offer = ""
    if best is not None and best.kind in ("share", "price"):   # (a price a unit: 买二送一 says its terms instead)
        offer = wording.unit_money(best.unit_price(price).quantize(Decimal("0.01")))
    return Tag(name=p.name, unit=p.base_unit, price=wording.unit_money(price), offer=offer,
               terms=promos.terms(uow, t, lang, shown) if shown is not None else "",
               days=promos.days(t, lang, shown) if shown is not None else "", code=p.barcode)
