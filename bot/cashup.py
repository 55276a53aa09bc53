"""日结 in the chat (日结:现金3000,微信5200 · 今天的日结 · 这周的日结对账): a count kept and set against the books
(``workflows.till``), and the counts of days listed."""
from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from workflows import discounts, reports, till
from workflows.ports import UnitOfWork


def line(t: Any, lang: str, methods: list[tuple[str, Decimal]]) -> str:
    return " · ".join(f"{t(f'till.method.{k}', lang)} {reports.money(v)}" for k, v in methods)


def verdict(t: Any, lang: str, counted: Decimal, exp: till.Expected) -> str:
    """对上了 · 少 ¥150 · 多 ¥20, with what to look at."""
    diff = counted - exp.total
    if diff == 0:
        return str(t("till.even", lang))
    return str(t("till.short" if diff < 0 else "till.over", lang, diff=reports.money(abs(diff))))


def record(uow: UnitOfWork, t: Any, lang: str, *, location: str, day: date, methods: list[tuple[str, Decimal]],
           user: Any, now: datetime, where: str) -> str:
    """The count kept (a later one of the same day replaces it) and set against the books."""
    exp = till.expected(uow, location=location, day=day, tz=now.tzinfo)
    before = till.counts(uow, location=location, first=day, last=day, today=now.date()).get(day)
    total = sum((v for _, v in methods), Decimal(0))
    till.keep(uow, location=location, day=day, methods=methods, exp=exp, user=user.username, now=now)
    lines = [str(t("till.recorded", lang, location=where, day=f"{day:%m-%d}", methods=line(t, lang, methods),
                   total=reports.money(total)))]
    if before is not None:
        lines.append(str(t("till.replaced", lang, total=reports.money(Decimal(str(before.get("total")))),
                           at=f"{datetime.fromisoformat(str(before['at'])).astimezone(now.tzinfo):%H:%M}")))
    lines += books_lines(uow, t, lang, exp, counted=total) + given_line(uow, t, lang, location=location, day=day, tz=now.tzinfo)
    return "\n".join(lines)


def given_line(uow: UnitOfWork, t: Any, lang: str, *, location: str, day: date, tz: Any) -> list[str]:
    """🏷️ 当天优惠 3 笔,让出 ¥34.00: what the day's sales gave away at the till (in the books' figure already)."""
    rows = discounts.given(uow, day, day, tz=tz, location=location)
    if not rows:
        return []
    return [str(t("till.discounts", lang, n=len(rows), off=reports.money(sum((g.off for g in rows), Decimal(0)))))]


def books_lines(uow: UnitOfWork, t: Any, lang: str, exp: till.Expected, *, counted: Decimal) -> list[str]:
    """应收: the books' figure and its parts; the difference; what is on account; what had no price."""
    lines = [str(t("till.books", lang, total=reports.money(exp.total), sales=reports.money(exp.sales),
                   collected=reports.money(exp.collected))) + verdict(t, lang, counted, exp)]
    if exp.on_account:
        lines.append(str(t("till.on_account", lang, value=reports.money(exp.on_account))))
    if exp.unpriced:
        names = {p.sku: p.name for p in uow.catalog.products()}
        lines.append(str(t("till.unpriced", lang, products="、".join(names.get(s, s) for s in exp.unpriced))))
    return lines


QUERY_DAYS = 31   # days a query lists at most (the latest)


def report(uow: UnitOfWork, t: Any, lang: str, *, location: str, first: date, last: date, now: datetime,
           where: str) -> str:
    """今天的日结 · 这周的日结对账: each day's count against the books (a day not counted: its books' figure)."""
    last = min(last, now.date())
    first = max(first, last - timedelta(days=QUERY_DAYS - 1))
    kept = till.counts(uow, location=location, first=first, last=last, today=now.date())
    if first == last:
        exp = till.expected(uow, location=location, day=first, tz=now.tzinfo)
        got = kept.get(first)
        if got is None:
            return str(t("till.none_day", lang, location=where, day=f"{first:%m-%d}",
                         expected=reports.money(exp.total)))
        methods = [(k, Decimal(str(v))) for k, v in (got.get("methods") or {}).items()]
        counted = Decimal(str(got.get("total")))
        return "\n".join([str(t("till.recorded", lang, location=where, day=f"{first:%m-%d}",
                                methods=line(t, lang, methods), total=reports.money(counted))),
                          *books_lines(uow, t, lang, exp, counted=counted),
                          *given_line(uow, t, lang, location=location, day=first, tz=now.tzinfo)])
    lines = [str(t("till.head", lang, location=where, span=reports.days_text(t, lang, first, last)))]
    short = Decimal(0)
    for i in range((last - first).days + 1):
        d = first + timedelta(days=i)
        exp = till.expected(uow, location=location, day=d, tz=now.tzinfo)
        got = kept.get(d)
        if got is None:
            if exp.total:
                lines.append(str(t("till.day_none", lang, day=f"{d:%m-%d}", expected=reports.money(exp.total))))
            continue
        counted = Decimal(str(got.get("total")))
        short += counted - exp.total
        lines.append(str(t("till.day", lang, day=f"{d:%m-%d}", counted=reports.money(counted),
                           expected=reports.money(exp.total))) + verdict(t, lang, counted, exp))
    if len(lines) == 1:
        return str(t("till.none_span", lang, location=where, span=reports.days_text(t, lang, first, last)))
    lines.append(str(t("till.sum", lang, diff=("+" if short > 0 else "") + reports.money(short))))
    return "\n".join(lines)
