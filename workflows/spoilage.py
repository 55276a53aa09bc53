"""卖不完会过期的 (哪些卖不完 · 临期的怎么处理 · 哪些要打折): the lots at a store that will not sell before their
expiry at the pace the product goes, first in first out, with what is left over, its value at cost, and where it
goes faster (another store, for a transfer) or else a markdown."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from domain import catalog
from workflows import metrics, wording
from workflows.ports import UnitOfWork

PACE_DAYS = 28   # the pace is the mean of what sold (and recipes used) a day over these days
AHEAD = 7        # lots expiring within these days are looked at


@dataclass(frozen=True)
class Risk:
    sku: str
    lot: str
    qty: Decimal        # on hand in the lot
    expiry: datetime
    days: int           # the days from today to its expiry's day (0: it expires today)
    pace: Decimal       # sold (and used) a day
    unsold: Decimal     # what will be left when it expires
    cost: Decimal | None   # per base unit: what the lot came in at, else the product's recent cost
    faster: tuple[str, Decimal] | None = None   # another store that goes through more of it a day, and its pace


def _paces(uow: UnitOfWork, *, location: str | None, now: datetime) -> dict[str, Decimal]:
    """sku → what went a day at ``location`` over the last ``PACE_DAYS`` complete days (or since its first sale,
    when the books are younger)."""
    today = now.date()
    first = today - timedelta(days=PACE_DAYS)
    sold = metrics.daily_sales(uow, location=location, first=first, tz=now.tzinfo, demand=True)
    began = min((d for days in sold.values() for d, q in days.items() if q > 0 and first <= d < today), default=None)
    if began is None:
        return {}
    span = (today - began).days
    return {s: sum((q for d, q in days.items() if began <= d < today), Decimal(0)) / span for s, days in sold.items()}


def _days_left(expiry: datetime, now: datetime) -> Decimal:
    """The time it can still sell, in days (2.6: until 23:59 the day after tomorrow)."""
    return max(Decimal(0), Decimal(str((expiry - now).total_seconds())) / 86400)


def risks(uow: UnitOfWork, *, location: str, now: datetime, ahead: int = AHEAD) -> list[Risk]:
    """Every lot on hand at ``location`` expiring within ``ahead`` days (and not yet expired), soonest first, with
    what will be left of it (0: it sells out in time). Lots of a product sell in the order they expire."""
    until = now + timedelta(days=ahead)
    lots: dict[str, list[tuple[datetime, str, Decimal]]] = {}
    for loc, sku, lot, q, exp in uow.stock.all_levels():
        if loc == location and q > 0 and exp is not None and exp > now:
            lots.setdefault(sku, []).append((exp, lot, q))
    if not lots:
        return []
    pace = _paces(uow, location=location, now=now)
    stores = [x.code for x in uow.catalog.locations() if x.kind == catalog.LocationKind.STORE and x.code != location]
    elsewhere: dict[str, dict[str, Decimal]] = {}

    def faster(sku: str, go: Decimal) -> tuple[str, Decimal] | None:   # (the other stores read once, when needed)
        if not elsewhere:
            elsewhere.update({s: _paces(uow, location=s, now=now) for s in stores})
        return max(((s, p[sku]) for s, p in elsewhere.items() if p.get(sku, Decimal(0)) > go), key=lambda x: x[1],
                   default=None)

    products = [p for p in uow.catalog.products() if p.sku in lots]
    costs = metrics.unit_costs(uow, products)   # (for a lot that came without a cost of its own)
    lot_cost = uow.stock.lot_costs((sku, lot) for sku, held in lots.items() for _, lot, _ in held)
    out: list[Risk] = []
    for sku, held in lots.items():
        go = pace.get(sku, Decimal(0))
        ahead_of = Decimal(0)   # what the lots expiring earlier take of the pace
        for exp, lot, q in sorted(held):
            can = max(Decimal(0), go * _days_left(exp, now) - ahead_of)
            sold = min(q, can)
            ahead_of += sold
            if exp > until:
                continue
            out.append(Risk(sku, lot, q, exp, (exp.astimezone(now.tzinfo).date() - now.date()).days, go, q - sold,
                            lot_cost.get((sku, lot), costs.get(sku)), faster(sku, go) if q > sold else None))
    return sorted(out, key=lambda r: (r.expiry, r.sku, r.lot))


def text(uow: UnitOfWork, t: Any, lang: str, *, location: str, now: datetime, skus: tuple[str, ...] = ()) -> str:
    """The lots that will not sell in time, each with the way out; or that all of them will."""
    found = [r for r in risks(uow, location=location, now=now) if not skus or r.sku in skus]
    where = wording.loc_name(uow, location)
    left = [r for r in found if r.unsold > 0]
    if not left:
        return str(t("risk.none" if found else "risk.none_dated", lang, location=where, days=AHEAD, n=len(found)))
    products = {p.sku: p for p in uow.catalog.products()}
    value = sum((r.unsold * r.cost for r in left if r.cost is not None), Decimal(0))
    lines = [str(t("risk.head", lang, location=where, days=AHEAD, n=len(left), value=wording.money(value),
                   pace_days=PACE_DAYS))]
    for r in left:
        p = products[r.sku]
        lines.append(str(t("risk.line", lang, product=p.name, lot=r.lot or "-", qty=wording.qty(p, r.qty),
                           date=f"{r.expiry.astimezone(now.tzinfo):%m-%d}", days=r.days,
                           pace=wording.qty(p, r.pace.quantize(Decimal("0.1"))),
                           unsold=wording.qty(p, r.unsold.quantize(Decimal("0.1"))), way=_way(uow, t, lang, r, p))))
    return "\n".join(lines)


def _way(uow: UnitOfWork, t: Any, lang: str, r: Risk, p: catalog.Product) -> str:
    """To the store that goes through more of it, else a markdown."""
    if r.faster:
        return str(t("risk.transfer", lang, store=wording.loc_name(uow, r.faster[0]),
                     pace=wording.qty(p, r.faster[1].quantize(Decimal("0.1")))))
    return str(t("risk.markdown", lang))


def way_out(uow: UnitOfWork, t: Any, lang: str, r: Risk) -> str:
    """The expiry reminder's words for a lot that will not sell in time: how much, and the way out."""
    p = uow.catalog.product(r.sku)
    if p is None:
        return ""
    return str(t("risk.suffix", lang, unsold=wording.qty(p, r.unsold.quantize(Decimal("0.1"))),
                 way=_way(uow, t, lang, r, p)))
