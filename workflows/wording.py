"""How the job texts and replies write the things they share: a quantity with its packs, money, a place's name, a
span of days. ``reports`` offers them under its own names too, for its many readers."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from domain import catalog, units

N = units.normalize


def loc_name(uow: Any, code: str | None) -> str:
    return next((loc.name for loc in uow.catalog.locations() if loc.code == code), code or "")


def qty(product: catalog.Product, q: Decimal) -> str:
    s = f"{N(q)}{product.base_unit}"
    packs = units.in_packs(q, packs=product.packs)
    return f"{s}({packs})" if packs else s


def goods(products: Mapping[str, catalog.Product], held: Iterable[tuple[str, Decimal]], *, joiner: str = "、",
          shown: int | None = None) -> str:
    """可乐 48瓶(2箱)、雪碧 12瓶: each product with its quantity and packs (a sku the catalog lacks as it is); the first
    ``shown`` of them, then …"""
    said = [f"{products[s].name} {qty(products[s], q)}" if s in products else s for s, q in held]
    return joiner.join(said[:shown]) + ("…" if shown is not None and len(said) > shown else "")


def money(d: Decimal) -> str:
    """An amount as a person reads it: ¥1,234.50."""
    return f"¥{d.quantize(Decimal('0.01')):,}"


def share(d: Decimal, scale: int = 100) -> str:
    """A share as a number of hundredths (0.1 → 10; 0.085 → 8.5), or tenths with ``scale`` 10 (0.85 → 8.5 折)."""
    return str(N((d * scale).quantize(Decimal("0.01"))))


def unit_money(d: Decimal) -> str:
    """A price or cost per unit: in fen when it is whole fen (¥31.00), else to the fourth place (¥0.1417)."""
    return money(d) if d == d.quantize(Decimal("0.01")) else f"¥{d.quantize(Decimal('0.0001')):,}"


def days_text(t: Any, lang: str, first: Any, last: Any) -> str:
    """A span of days as the replies write it: 12-05, or 12-05至12-07 (12-05–12-07)."""
    return f"{first:%m-%d}" if first == last else str(t("range", lang, first=f"{first:%m-%d}", last=f"{last:%m-%d}"))


def goods_scope(uow: Any, t: Any, lang: str, scope: str, key: str, words: str) -> str:
    """What a rule or promotion is of, as said: the product's name, the category (``words``.category), or
    everything (``words``.everything)."""
    if scope == "sku":
        p = uow.catalog.product(key)
        return p.name if p is not None else key
    if scope == "category":
        return str(t(f"{words}.category", lang, category=key))
    return str(t(f"{words}.everything", lang))
