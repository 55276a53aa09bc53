"""牛腩的进价走势 · 牛腩历史进价 · 牛腩这三个月的进价: every priced delivery of a product over a period, newest first,
with its lowest, highest and mean cost, the change since the first, and each supplier's mean; and the points of a
chart of it, a line per supplier."""
from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from bot import replies
from domain import commands, ledger
from nlu import context
from workflows import metrics, reports
from workflows.ports import UnitOfWork

HISTORY_DAYS = 90   # without a period said
LISTED = 15   # deliveries listed; the rest are counted

Series = dict[str, list[tuple[datetime, Decimal]]]   # supplier's name → (when, cost per base unit), oldest first


def history(t: Any, lang: str, uow: UnitOfWork, cmd: commands.StockInfo, *, now: datetime,
            cat: context.Catalog | None) -> tuple[str, Series]:
    """The reply and the chart's points for ``cmd.skus[0]`` over the last ``cmd.days`` days (receipts anywhere that
    stand, not undone, with a cost)."""
    sku = cmd.skus[0]
    days = cmd.days or HISTORY_DAYS
    unit = replies.base_unit(cat, sku)
    priced = [m for m in metrics.priced_receipts(uow, since=now - timedelta(days=days)) if m.sku == sku]   # oldest first
    product = replies.pname(cat, sku)
    if not priced:
        return str(t("prices.none", lang, product=product, days=days)), {}
    money = reports.money

    def who(m: ledger.Move) -> str:
        return replies.partner_name(m.partner, cat) if m.partner else str(t("prices.unnamed", lang))

    def day(m: ledger.Move) -> str:
        return f"{m.at.astimezone(now.tzinfo):%m-%d}"

    lines = [str(t("prices.head", lang, product=product, days=days, unit=unit, n=len(priced)))]
    for m in reversed(priced[-LISTED:]):
        lines.append(str(t("prices.line", lang, date=day(m), partner=who(m), qty=replies.qty_text(cat, sku, m.qty),
                           cost=money(m.unit_cost or Decimal(0)))))
    if len(priced) > LISTED:
        lines.append(str(t("prices.earlier", lang, n=len(priced) - LISTED)))
    if len(priced) > 1:
        low = min(priced, key=lambda m: (m.unit_cost or Decimal(0), m.at))
        high = max(priced, key=lambda m: (m.unit_cost or Decimal(0), m.at))
        qty = sum((m.qty for m in priced), Decimal(0))
        mean = sum((m.qty * (m.unit_cost or Decimal(0)) for m in priced), Decimal(0)) / qty
        lines.append(str(t("prices.range", lang, low=money(low.unit_cost or Decimal(0)), low_date=day(low),
                           low_partner=who(low), high=money(high.unit_cost or Decimal(0)), high_date=day(high),
                           high_partner=who(high), mean=money(mean))))
        first, last = priced[0].unit_cost or Decimal(0), priced[-1].unit_cost or Decimal(0)
        if first > 0 and first != last:
            lines.append(str(t("prices.since", lang, date=day(priced[0]), pct=f"{(last / first - 1) * 100:+.1f}%",
                               first=money(first), last=money(last))))
    series: Series = {}
    spent: dict[str, tuple[Decimal, Decimal]] = {}   # supplier's name → (quantity, money)
    for m in priced:
        series.setdefault(who(m), []).append((m.at, m.unit_cost or Decimal(0)))
        q0, v0 = spent.get(who(m), (Decimal(0), Decimal(0)))
        spent[who(m)] = (q0 + m.qty, v0 + m.qty * (m.unit_cost or Decimal(0)))
    if len(series) > 1:   # each supplier's mean by quantity, as the whole's
        means = {name: (v / q, len(series[name])) for name, (q, v) in spent.items()}
        lines.append(str(t("prices.suppliers", lang, list=str(t("book.sep", lang)).join(
            str(t("prices.supplier", lang, partner=name, mean=money(mean), n=n))
            for name, (mean, n) in sorted(means.items(), key=lambda kv: (kv[1][0], kv[0]))))))
    return "\n".join(lines), series


COMPARE_DAYS = 90   # 哪个供应商最便宜 without a period said
COMPARED = 10       # products listed


def compare(t: Any, lang: str, uow: UnitOfWork, cmd: commands.StockInfo, *, now: datetime,
            cat: context.Catalog | None) -> str:
    """哪个供应商最便宜 · 供应商比价: each product that came priced from two suppliers or more in the period, each
    supplier's mean cost by quantity, cheapest first, and what buying all of it from the cheapest would have saved;
    the biggest saving first. Receipts anywhere that stand."""
    days = cmd.days or COMPARE_DAYS
    spent: dict[str, dict[str, tuple[Decimal, Decimal]]] = {}   # sku → supplier → (quantity, money)
    for m in metrics.priced_receipts(uow, since=now - timedelta(days=days)):
        if not m.partner or m.unit_cost is None:
            continue
        q0, v0 = spent.setdefault(m.sku, {}).get(m.partner, (Decimal(0), Decimal(0)))
        spent[m.sku][m.partner] = (q0 + m.qty, v0 + m.qty * m.unit_cost)
    rows: list[tuple[Decimal, str, list[tuple[Decimal, str]]]] = []   # saving, sku, [(mean cost, supplier)]
    for sku, by in spent.items():
        if len(by) < 2:
            continue
        means = sorted(((v / q, code) for code, (q, v) in by.items()), key=lambda x: (x[0], x[1]))
        cheapest = means[0][0]
        saving = sum(((v / q - cheapest) * q for q, v in by.values()), Decimal(0))
        rows.append((saving, sku, means))
    if not rows:
        return str(t("compare.none", lang, days=days))
    rows.sort(key=lambda r: (-r[0], r[1]))
    total = sum((r[0] for r in rows), Decimal(0))
    lines = [str(t("compare.head", lang, days=days, n=len(rows), saving=reports.money(total)))]
    for saving, sku, means in rows[:COMPARED]:
        unit = replies.base_unit(cat, sku)
        lines.append(str(t("compare.line", lang, product=replies.pname(cat, sku), unit=unit, list=str(
            t("book.sep", lang)).join(f"{replies.partner_name(code, cat)} {reports.money(mean)}" for mean, code in means),
            saving=reports.money(saving))))
    if len(rows) > COMPARED:
        lines.append(str(t("compare.more", lang, n=len(rows) - COMPARED)))
    return "\n".join(lines)
