"""What looks wrong at a store (异常): books below zero, expired goods still on hand, a day's losses far above the
usual, a product that sold nothing on a day it always sells (a sale not recorded?) or far more than ever, and a
receipt priced far from what the product costs lately.

``check`` finds them as they stand; the evening job (``reports.anomalies``) tells a store's managers each one once
(its ``key`` kept in the alert states: a product below zero is told again only after it was back at zero or more),
and 有没有异常 asks for all of them now.
"""
from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from domain import closures, ledger
from workflows import metrics, till
from workflows.ports import UnitOfWork

LOOK_BACK = 28            # days the usual is read from
KINDS = ("negative", "expired", "loss", "no_sales", "sales_spike", "cost", "till")   # in the order they are told


@dataclass(frozen=True)
class Limits:
    """What counts as far from the usual; a tenant sets its own (``configure --anomaly cost=0.2``), in its settings'
    ``anomaly``."""
    loss_times: Decimal = Decimal(3)     # a day's loss this many times the usual daily loss …
    loss_share: Decimal = Decimal("0.1")   # … and at least this share of a usual day's sales
    sales_times: Decimal = Decimal(3)    # a day's sales this many times the same weekday's usual …
    sales_usual: Decimal = Decimal(5)    # … of a product that usually sells at least this much on it (also for none)
    cost: Decimal = Decimal("0.3")       # a receipt this much dearer or cheaper than the product's recent cost
    till: Decimal = Decimal(20)          # yesterday's cash-up this many yuan off the books


def limits(settings: Mapping[str, Any] | None) -> Limits:
    """The tenant's limits: those its settings set (each a positive number), the rest as ``Limits`` has them."""
    said = (settings or {}).get("anomaly") or {}
    out: dict[str, Decimal] = {}
    for key in Limits.__dataclass_fields__:
        try:
            v = Decimal(str(said[key])) if key in said else None
        except InvalidOperation:
            v = None
        if v is not None and v.is_finite() and v > 0:
            out[key] = v
    return Limits(**out)


@dataclass(frozen=True)
class Finding:
    """One thing that looks wrong: its ``kind`` (``KINDS``), the product, and the figures its line shows. ``key``
    names it, so that the same finding is told once."""
    kind: str
    sku: str
    key: str
    values: dict[str, Any] = field(default_factory=dict)


def check(uow: UnitOfWork, *, location: str, now: datetime) -> list[Finding]:
    """Everything that looks wrong at ``location`` now (the day so far, and yesterday's sales), in ``KINDS`` order."""
    tz = now.tzinfo
    today = now.date()
    products = {p.sku: p for p in uow.catalog.products()}
    found: list[Finding] = []
    held: dict[str, Decimal] = {}
    for loc, sku, lot, q, exp in uow.stock.all_levels():
        if loc != location or sku not in products:
            continue
        held[sku] = held.get(sku, Decimal(0)) + q
        if q > 0 and exp is not None and exp < now:
            found.append(Finding("expired", sku, f"expired:{sku}:{lot}",
                                 {"lot": lot or "-", "qty": q, "date": exp.astimezone(tz).date()}))
    found += [Finding("negative", sku, f"negative:{sku}", {"qty": q}) for sku, q in sorted(held.items()) if q < 0]
    lim = limits(uow.catalog.tenant_row().settings)
    first = today - timedelta(days=LOOK_BACK + 1)   # (yesterday's weekday, four weeks back)
    sold = metrics.daily_sales(uow, location=location, first=first, tz=tz)
    found += _losses(uow, location=location, now=now, sold=sold, products=set(products), lim=lim)
    found += _sales(uow, location=location, day=today - timedelta(days=1), sold=sold, held=held,
                    products={s for s, p in products.items() if p.active}, lim=lim)
    found += _costs(uow, location=location, now=now, lim=lim)
    found += _till(uow, location=location, day=today - timedelta(days=1), now=now, lim=lim)
    order = {k: n for n, k in enumerate(KINDS)}
    return sorted(found, key=lambda f: (order[f.kind], f.sku, f.key))


def _day_of(m: ledger.Move, tz: Any) -> date:
    return m.at.astimezone(tz).date()


def _losses(uow: UnitOfWork, *, location: str, now: datetime, sold: dict[str, dict[date, Decimal]],
            products: set[str], lim: Limits) -> list[Finding]:
    """Today's losses (spoiled, and missing at counts) of a product far above its usual day's."""
    tz, today = now.tzinfo, now.date()
    first = today - timedelta(days=LOOK_BACK)
    since = datetime(first.year, first.month, first.day, tzinfo=tz)
    moves = uow.stock.standing(m for m in uow.stock.moves(since=since, kinds=["scrap", "count_adjustment"])
                               if m.src == location and m.sku in products)
    lost_today: dict[str, Decimal] = {}
    lost_before: dict[str, Decimal] = {}
    for m in moves:
        into = lost_today if _day_of(m, tz) == today else lost_before
        into[m.sku] = into.get(m.sku, Decimal(0)) + m.qty
    out = []
    for sku, q in sorted(lost_today.items()):
        usual_loss = lost_before.get(sku, Decimal(0)) / LOOK_BACK
        usual_sales = sum((v for d, v in sold.get(sku, {}).items() if today - timedelta(days=LOOK_BACK) <= d < today),
                          Decimal(0)) / LOOK_BACK
        if q > lim.loss_times * usual_loss and q >= lim.loss_share * usual_sales and q > 0:
            out.append(Finding("loss", sku, f"loss:{sku}:{today}", {"qty": q, "usual": usual_loss.quantize(Decimal("0.1"))}))
    return out


def _sales(uow: UnitOfWork, *, location: str, day: date, sold: dict[str, dict[date, Decimal]],
           held: dict[str, Decimal], products: set[str], lim: Limits) -> list[Finding]:
    """Yesterday (a complete day, the store open): a product that sold nothing where its weekday always sells (with
    stock on hand: not recorded?), or far more than its weekday's usual."""
    if closures.closed_on(uow.catalog.settings().calendar, day, location) is not None:
        return []
    out = []
    for sku in sorted(products):
        days = sold.get(sku, {})
        same = [days.get(day - timedelta(days=7 * k), Decimal(0)) for k in range(1, LOOK_BACK // 7 + 1)]
        usual = Decimal(statistics.median(same))
        q = days.get(day, Decimal(0))
        if usual >= lim.sales_usual and min(same) > 0 and q <= 0 and held.get(sku, Decimal(0)) > 0:
            # (one key while it goes on not selling: a product that stopped is told once, not every day)
            out.append(Finding("no_sales", sku, f"no_sales:{sku}", {"day": day, "usual": usual}))
        elif usual >= lim.sales_usual and q > lim.sales_times * usual:
            out.append(Finding("sales_spike", sku, f"sales_spike:{sku}:{day}", {"day": day, "qty": q, "usual": usual}))
    return out


COST_DAYS = 90   # how far back the receipts a receipt's price is set against go


def _costs(uow: UnitOfWork, *, location: str, now: datetime, lim: Limits) -> list[Finding]:
    """Today's receipts at the store priced far from what the product cost in the receipts (anywhere) before them:
    the same supplier's when it delivered the product priced before (another's price is no measure of its own), else
    any supplier's, else the catalog's cost."""
    tz, today = now.tzinfo, now.date()
    came = uow.stock.standing(m for m in uow.stock.moves(since=now - timedelta(days=COST_DAYS),
                                                         kinds=[ledger.MoveKind.RECEIPT.value]) if m.unit_cost)
    # (a supplier's free goods came at ¥0: no price paid, neither odd nor a usual one)
    out = []
    for m in came:
        if m.dst != location or _day_of(m, tz) != today or m.unit_cost is None:
            continue
        prior = [c for c in came if c.sku == m.sku and c.batch != m.batch and (c.id or 0) < (m.id or 0)]
        own = [c for c in prior if m.partner and c.partner == m.partner]
        before = [c.unit_cost for c in (own or prior) if c.unit_cost is not None][-30:]
        p = uow.catalog.product(m.sku)
        usual = Decimal(statistics.median(before)) if before else p.unit_cost if p is not None else None
        if usual is None:   # (no cost known before it: nothing to set it against)
            continue
        if usual > 0 and abs(m.unit_cost - usual) / usual >= lim.cost:
            out.append(Finding("cost", m.sku, f"cost:{m.id}", {"cost": m.unit_cost, "usual": usual,
                                                                "pct": (m.unit_cost - usual) / usual}
                               | ({"partner": m.partner} if own else {})))
    return out


def _till(uow: UnitOfWork, *, location: str, day: date, now: datetime, lim: Limits) -> list[Finding]:
    """Yesterday's cash-up (日结) off what the books say the till took, as they stand now (a sale recorded late is
    counted), by ``lim.till`` yuan or more."""
    got = till.counts(uow, location=location, first=day, last=day, today=now.date()).get(day)
    if got is None:
        return []
    counted = Decimal(str(got.get("total")))
    exp = till.expected(uow, location=location, day=day, tz=now.tzinfo)
    diff = counted - exp.total
    if abs(diff) < lim.till:
        return []
    return [Finding("till", "", f"till:{day}", {"day": day, "counted": counted, "expected": exp.total, "diff": diff})]


def new(uow: UnitOfWork, found: Iterable[Finding], *, location: str, now: datetime) -> list[Finding]:
    """The findings not told before, each key once. The states kept are the findings of now alone: one no longer
    found goes (a product below zero is told again should it fall below zero again; a day's or a receipt's key
    never comes back), so they do not pile up."""
    found = list(found)
    fresh = new_keys(uow, f"anomaly:{location}", [f.key for f in found], now=now)
    return [f for f in found if f.key in fresh]


def new_keys(uow: UnitOfWork, states: str, keys: Iterable[str], *, now: datetime) -> set[str]:
    """Of ``keys`` (what is found now), those not told before under ``states``; the states kept become these keys
    alone, so one no longer found goes and is told again should it come back (the anomalies, the morning 账款提醒)."""
    keys = list(keys)
    told = {key for key, state in uow.rules.alerts(states).items() if state.active}
    uow.rules.reset_alerts(states)
    for key in keys:
        uow.rules.set_alert(states, key, active=True, at=now if key not in told else None)
    return {key for key in keys if key not in told}
