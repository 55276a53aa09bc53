"""库龄 (how long the stock on hand has sat): each lot at a store by the days since it came in, its value at what it
came in at, the store's stock by age bucket, and the lots that have sat longest."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from workflows import metrics, wording
from workflows.ports import UnitOfWork

BUCKETS = (30, 60, 90, 180)   # 0–30 · 31–60 · 61–90 · 91–180 · over 180 days
SHOWN = 10                    # the oldest lots listed


@dataclass(frozen=True)
class Lot:
    sku: str
    lot: str
    qty: Decimal
    came: date | None   # the day it came in (None: not known)
    value: Decimal | None


def lots(uow: UnitOfWork, *, location: str, skus: tuple[str, ...] = (), tz: Any) -> list[Lot]:
    """The lots on hand at ``location`` (of ``skus``), each with the day it came in (its lot's, else the day its code
    names: 20260615) and its value."""
    held = [(sku, lot, q) for loc, sku, lot, q, _ in uow.stock.all_levels()
            if loc == location and q > 0 and (not skus or sku in skus)]
    came = uow.stock.lot_received((sku, lot) for sku, lot, _ in held)
    here = uow.stock.first_in(location) if any((sku, lot) not in came for sku, lot, _ in held) else {}
    values = metrics.lot_values(uow, held)
    out = []
    for sku, lot, q in held:   # (the lot's day in, else the day its code names, else the day it first came here)
        at = came.get((sku, lot))
        day = at.astimezone(tz).date() if at is not None else _day_of_code(lot) or (
            here[sku, lot].astimezone(tz).date() if (sku, lot) in here else None)
        out.append(Lot(sku, lot, q, day, values.get((sku, lot))))
    return out


def _day_of_code(lot: str) -> date | None:
    m = re.match(r"(20\d{2})(\d{2})(\d{2})", lot or "")
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None
    except ValueError:
        return None


def bucket(days: int) -> int:
    return next((n for n, limit in enumerate(BUCKETS) if days <= limit), len(BUCKETS))


def text(uow: UnitOfWork, t: Any, lang: str, *, location: str, today: date, tz: Any, skus: tuple[str, ...] = ()) -> str:
    """📦 南山店库龄(06-15):库存值 ¥X by age bucket, then the lots that have sat longest, with their value."""
    where = wording.loc_name(uow, location)
    held = lots(uow, location=location, skus=skus, tz=tz)
    if not held:
        return str(t("stock_age.none", lang, location=where))
    products = {p.sku: p for p in uow.catalog.products()}
    sums = [Decimal(0)] * (len(BUCKETS) + 1)
    unknown = Decimal(0)
    for x in held:
        if x.came is None:
            unknown += x.value or Decimal(0)
        else:
            sums[bucket((today - x.came).days)] += x.value or Decimal(0)
    total = sum(sums, Decimal(0)) + unknown
    out = [str(t("stock_age.head", lang, location=where, day=f"{today:%m-%d}", total=wording.money(total))),
           str(t("stock_age.buckets", lang, **{f"b{n}": wording.money(v) for n, v in enumerate(sums)}))]
    if unknown:
        out.append(str(t("stock_age.unknown", lang, amount=wording.money(unknown))))
    dated = sorted(((x, x.came) for x in held if x.came is not None), key=lambda xc: (xc[1], -(xc[0].value or 0)))
    old = [(x, (today - came).days) for x, came in dated if (today - came).days > BUCKETS[0]]
    if not old:
        out.append(str(t("stock_age.all_fresh", lang, days=BUCKETS[0])))
        return "\n".join(out)
    out.append(str(t("stock_age.oldest", lang, days=BUCKETS[0])))
    for x, days in old[:SHOWN]:
        p = products.get(x.sku)
        out.append(str(t("stock_age.line", lang, product=p.name if p else x.sku,
                         qty=wording.qty(p, x.qty) if p else str(x.qty), lot=x.lot or "-", days=days,
                         value=wording.money(x.value) if x.value is not None else "—")))
    if len(old) > SHOWN:
        out.append(str(t("stock_age.more", lang, n=len(old) - SHOWN)))
    return "\n".join(out)
