"""ABC分类 · 哪些是A类商品 · C类商品有哪些: the products by what they brought in over a period, A the few that make
80% of the takings, B the next 15%, C the rest (the split the rules' A类商品 use); and those held with no sale."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from bot import replies
from domain import commands
from nlu import context
from workflows import metrics, reports
from workflows.ports import UnitOfWork

NAMED = 10   # names shown per class unless that class is asked for


def classes(sold: dict[str, Decimal]) -> dict[str, list[str]]:
    """sku → takings into classes "a", "b", "c" (``metrics.abc_split``, as the rules' A类商品 read them), each biggest
    first; what took nothing is in none."""
    split = metrics.abc_split(sold)
    out: dict[str, list[str]] = {"a": [], "b": [], "c": []}
    for sku in sorted((s for s, v in sold.items() if v > 0), key=lambda s: (-sold[s], s)):
        out[split[sku].lower()].append(sku)
    return out


def abc(t: Any, lang: str, uow: UnitOfWork, cmd: commands.SalesQuery, *, location: str | None, now: datetime,
        cat: context.Catalog | None) -> str:
    """The classes at ``location`` (None: everywhere) over ``cmd.start`` .. ``cmd.end``, by takings at the prices said
    on the sales, the rest at list prices; products sold without any price are named apart."""
    first, last = cmd.start, cmd.end
    by_day = metrics.daily_sales(uow, location=location, first=first, tz=now.tzinfo)
    qty = {s: sum((q for d, q in days.items() if first <= d <= last), Decimal(0)) for s, days in by_day.items()}
    said = metrics.said_prices(uow, location=location, first=first, last=last, tz=now.tzinfo)
    products = {p.sku: p for p in uow.catalog.products()}
    takings: dict[str, Decimal] = {}
    unpriced: list[str] = []
    for sku, q in qty.items():
        if q <= 0 or sku not in products:
            continue
        got = metrics.revenue(products[sku], q, said.get(sku))
        if got is None:
            unpriced.append(products[sku].name)
        else:
            takings[sku] = got
    where = replies.loc_name(location, cat) or str(t("all_locations", lang))
    span = reports.days_text(t, lang, first, last)
    whole = sum(takings.values(), Decimal(0))
    if whole <= 0:
        return str(t("abc.none", lang, location=where, span=span))
    found = classes(takings)
    asked = cmd.rank.partition(":")[2]
    lines = [str(t("abc.head", lang, location=where, span=span, total=reports.money(whole)))]
    for k in ("a", "b", "c"):
        if asked and k != asked or not found[k]:
            continue
        share = sum((takings[s] for s in found[k]), Decimal(0)) / whole * 100
        names = [replies.pname(cat, s) for s in found[k]]
        shown = names if asked else names[:NAMED]
        lines.append(str(t("abc.line", lang, cls=k.upper(), n=len(names), share=f"{share:.1f}",
                           products="、".join(shown) + ("…" if len(shown) < len(names) else ""))))
    held: dict[str, Decimal] = {}
    for loc, sku, _, q, _ in uow.stock.all_levels():
        if location is None or loc == location:
            held[sku] = held.get(sku, Decimal(0)) + q
    idle = [p.name for sku, p in products.items() if p.active and held.get(sku, Decimal(0)) > 0 and qty.get(sku, 0) <= 0]
    if idle and not asked:
        lines.append(str(t("abc.idle", lang, n=len(idle), products="、".join(idle[:NAMED]) + (
            "…" if len(idle) > NAMED else ""))))
    if unpriced:
        lines.append(str(t("abc.unpriced", lang, products="、".join(sorted(unpriced)))))
    if not asked:
        lines.append(str(t("abc.advice", lang)))
    return "\n".join(lines)

