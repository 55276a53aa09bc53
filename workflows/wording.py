"""How the job texts and replies write the things they share: a quantity with its packs, money, a place's name, a
span of days. ``reports`` offers them under its own names too, for its many readers."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from contextvars import ContextVar
from decimal import Decimal
from typing import Any

from domain import catalog, ledger, units

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


# the year a message is answered in (set for each turn): a day of another year is written with its year
THIS_YEAR: ContextVar[int | None] = ContextVar("this_year", default=None)


def days_text(t: Any, lang: str, first: Any, last: Any) -> str:
    """A span of days as the replies write it: 12-05, or 12-05至12-07 (12-05–12-07); with their year when it is not
    this one (去年6月: 2025-06-01至2025-06-30)."""
    year = THIS_YEAR.get()
    fmt = "%Y-%m-%d" if year is not None and (first.year != year or last.year != year) else "%m-%d"
    return f"{first:{fmt}}" if first == last else str(t("range", lang, first=f"{first:{fmt}}", last=f"{last:{fmt}}"))


def goods_scope(uow: Any, t: Any, lang: str, scope: str, key: str, words: str) -> str:
    """What a rule or promotion is of, as said: the product's name, the category (``words``.category), or
    everything (``words``.everything)."""
    if scope == "sku":
        p = uow.catalog.product(key)
        return p.name if p is not None else key
    if scope == "category":
        return str(t(f"{words}.category", lang, category=key))
    return str(t(f"{words}.everything", lang))


def method_name(t: Any, lang: str, method: str) -> str:
    """How a sale (a payment) was paid, as said back: 微信 · 微信 ¥60.00 + 现金 ¥27.00 · 微信 ¥100.00 + 其余现金 · 微信、现金平分
    (``ledger.split_method``)."""
    parts = ledger.tenders(method)
    if len(parts) < 2:
        return str(t(f"till.method.{method}", lang))
    names = [str(t(f"till.method.{k}", lang)) for k, _ in parts]
    if all(v is None for _, v in parts):
        return str(t("till.method.even", lang, methods=str(t("till.method.sep", lang)).join(names)))
    return " + ".join(f"{n} {money(v)}" if v is not None else str(t("till.method.rest", lang, method=n))
                      for n, (_, v) in zip(names, parts, strict=True))
