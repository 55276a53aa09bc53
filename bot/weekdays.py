"""周几卖得最多 · 可乐周末卖得多还是平时: what a product (or, without one, the store's takings at list prices) sells on
each weekday, per day it was open, with the best and worst weekday, the weekend against the working week, and the
best single day."""
from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from bot import replies
from domain import closures, commands
from nlu import context
from workflows import metrics, reports
from workflows.ports import UnitOfWork

BAR = 8   # the longest bar, in blocks


def by_weekday(t: Any, lang: str, uow: UnitOfWork, cmd: commands.SalesQuery, *, location: str | None, now: datetime,
               cat: context.Catalog | None) -> str:
    """Complete days only (today is still selling); the days the store was closed are left out, and so are the days
    before its first recorded sale (a store new to the books has no zeros before it began)."""
    today = now.date()
    first, last = cmd.start, min(cmd.end, today - timedelta(days=1))
    where = replies.loc_name(location, cat) or str(t("all_locations", lang))
    subject = f"{where}{replies.pname(cat, cmd.sku)}" if cmd.sku else where
    if last < first:
        return str(t("weekday.none", lang, subject=subject, span=reports.days_text(t, lang, cmd.start, cmd.end)))
    sold = metrics.daily_sales(uow, location=location, first=first, tz=now.tzinfo)
    began = min((d for by_day in sold.values() for d, q in by_day.items() if q > 0 and first <= d <= last), default=None)
    if began is None:
        return str(t("weekday.none", lang, subject=subject, span=reports.days_text(t, lang, first, last)))
    prices = {p.sku: p.unit_price for p in uow.catalog.products() if p.unit_price is not None}

    def value(d: date) -> Decimal:   # the product's quantity, else the takings at list prices
        if cmd.sku is not None:
            return sold.get(cmd.sku, {}).get(d, Decimal(0))
        return sum((by_day.get(d, Decimal(0)) * prices[s] for s, by_day in sold.items() if s in prices), Decimal(0))

    def shown(v: Decimal) -> str:
        return replies.qty_text(cat, cmd.sku, v) if cmd.sku is not None else reports.money(v)

    calendar = uow.catalog.settings().calendar
    days = [began + timedelta(days=i) for i in range((last - began).days + 1)]
    closed = closures.closed_days(calendar, location, began, len(days))   # (the settings read once)
    open_days = [d for d in days if d not in closed]
    totals: dict[int, Decimal] = {}
    counts: dict[int, int] = {}
    for d in open_days:
        totals[d.weekday()] = totals.get(d.weekday(), Decimal(0)) + value(d)
        counts[d.weekday()] = counts.get(d.weekday(), 0) + 1
    means = {w: totals[w] / counts[w] for w in counts}
    if not any(means.values()):
        return str(t("weekday.none", lang, subject=subject, span=reports.days_text(t, lang, began, last)))
    top = max(means.values())
    lines = [str(t("weekday.head" if cmd.sku else "weekday.head_money", lang, subject=subject,
                   span=reports.days_text(t, lang, began, last)))
             + (str(t("weekday.closed", lang, closed=len(closed))) if closed else "")]
    for w in sorted(means):
        bar = "▇" * max(1 if means[w] > 0 else 0, round(BAR * means[w] / top))
        lines.append(str(t("weekday.line", lang, weekday=t(f"weekday.{w}", lang), mean=shown(_round(means[w])),
                           bar=bar, n=counts[w])))
    best = max(means, key=lambda w: (means[w], -w))
    worst = min(means, key=lambda w: (means[w], w))
    lines.append(str(t("weekday.best", lang, best=t(f"weekday.{best}", lang), best_mean=shown(_round(means[best])),
                       worst=t(f"weekday.{worst}", lang), worst_mean=shown(_round(means[worst])))))
    weekend = [means[w] for w in (5, 6) if w in means]
    workweek = [means[w] for w in range(5) if w in means]
    if weekend and workweek and sum(workweek, Decimal(0)) > 0:
        ratio = (sum(weekend, Decimal(0)) / len(weekend)) / (sum(workweek, Decimal(0)) / len(workweek))
        lines.append(str(t("weekday.weekend", lang, ratio=f"{ratio:.1f}")))
    peak = max(open_days, key=lambda d: (value(d), d))
    lines.append(str(t("weekday.peak", lang, day=f"{peak:%m-%d}", weekday=t(f"weekday.{peak.weekday()}", lang),
                       value=shown(value(peak)))))
    return "\n".join(lines)


def _round(v: Decimal) -> Decimal:
    return v.quantize(Decimal("0.1")) if abs(v) < 100 else v.quantize(Decimal("1"))
