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
    lines += books_lines(uow, t, lang, exp, counted=total, methods=methods) + given_line(uow, t, lang, location=location, day=day, tz=now.tzinfo)
    return "\n".join(lines)


def given_line(uow: UnitOfWork, t: Any, lang: str, *, location: str, day: date, tz: Any) -> list[str]:
    """🏷️ 当天优惠 3 笔,让出 ¥34.00: what the day's sales gave away at the till (in the books' figure already)."""
    rows = discounts.given(uow, day, day, tz=tz, location=location)
    if not rows:
        return []
    return [str(t("till.discounts", lang, n=len(rows), off=reports.money(sum((g.off for g in rows), Decimal(0)))))]


def cash_out(t: Any, lang: str, exp: till.Expected) -> str:
    """ − 现金付给供应商 ¥300.00 − 现金付的费用 ¥80.00: what left the till, each kind that did."""
    return "".join(str(t(key, lang, amount=reports.money(v)))
                   for key, v in (("till.out_suppliers", exp.paid_out), ("till.out_costs", exp.spent)) if v)


def books_lines(uow: UnitOfWork, t: Any, lang: str, exp: till.Expected, *, counted: Decimal,
                methods: list[tuple[str, Decimal]]) -> list[str]:
    """应收: the books' figure and its parts; the difference; each payment method's, when sales said theirs; what is
    on account; what had no price."""
    lines = [str(t("till.books", lang, total=reports.money(exp.total), sales=reports.money(exp.sales),
                   collected=reports.money(exp.collected), out=cash_out(t, lang, exp))) + verdict(t, lang, counted, exp)]
    lines += by_method(t, lang, exp, methods)
    if exp.on_account:
        lines.append(str(t("till.on_account", lang, value=reports.money(exp.on_account))))
    if exp.unpriced:
        names = {p.sku: p.name for p in uow.catalog.products()}
        lines.append(str(t("till.unpriced", lang, products="、".join(names.get(s, s) for s in exp.unpriced))))
    return lines


def by_method(t: Any, lang: str, exp: till.Expected, methods: list[tuple[str, Decimal]]) -> list[str]:
    """按付款方式对: each method counted against the sales said to be paid by it (微信 点 ¥87.00 / 账 ¥90.00 少 ¥3.00);
    nothing when no sale said how it was paid. A method short is short whatever the rest; one over may hold the sales
    that said no method, so it is flagged only when every sale said one."""
    said = {k: v for k, v in exp.by_method.items() if k}
    if not said:
        return []
    if exp.cash_out:   # (the cash paid out of the till, to suppliers and on costs, is not in the drawer)
        said[till.CASH] = said.get(till.CASH, Decimal(0)) - exp.cash_out
    counted: dict[str, Decimal] = {}
    for k, v in methods:
        counted[k] = counted.get(k, Decimal(0)) + v
    unsaid = exp.by_method.get("", Decimal(0))
    parts = []
    for k in till.in_order(counted, said):
        c, b = counted.get(k, Decimal(0)), said.get(k, Decimal(0))
        mark = ("till.method_even" if c == b else "till.method_short" if c < b
                else "till.method_over_maybe" if unsaid > 0 else "till.method_over")
        parts.append(str(t("till.method_line", lang, method=t(f"till.method.{k}", lang), counted=reports.money(c),
                           books=reports.money(b))) + str(t(mark, lang, diff=reports.money(abs(c - b)))))
    out = [str(t("till.by_method", lang, parts=" · ".join(parts)))]
    if unsaid > 0:
        out.append(str(t("till.method_unsaid", lang, value=reports.money(unsaid))))
    return out


QUERY_DAYS = 31   # days a query lists at most (the latest)


def _each_method(t: Any, lang: str, by: dict[str, Decimal], counted_by: dict[str, Decimal], days_counted: int,
                 unsaid: Decimal, *, where: str, span: str) -> str:
    """收款明细: each method's takings as the sales said them, what said none, and the cash-up's counts beside."""
    def listed(values: dict[str, Decimal]) -> str:
        return " · ".join(f"{t(f'till.method.{k}', lang)} {reports.money(values[k])}" for k in till.in_order(values))

    said = {k: v for k, v in by.items() if v}
    if not said and unsaid <= 0:
        return str(t("till.methods_nothing", lang, location=where, span=span))
    if not said:
        return str(t("till.methods_none", lang, location=where, span=span, value=reports.money(unsaid)))
    lines = [str(t("till.methods_asked", lang, location=where, span=span, parts=listed(said)))]
    if unsaid > 0:
        lines.append(str(t("till.method_unsaid_asked", lang, value=reports.money(unsaid))))
    if days_counted:
        lines.append(str(t("till.methods_counted", lang, parts=listed(counted_by), days=days_counted)))
    return "\n".join(lines)


def method_report(uow: UnitOfWork, t: Any, lang: str, *, location: str, first: date, last: date, now: datetime,
                  where: str, method: str) -> str:
    """今天微信收了多少: what the sales said to be paid by ``method`` took over the days (net of returns refunded so and
    of undone sales); what the cash-up counted of it, on days counted (cash: with what went out of the till those
    days, to suppliers and on costs); and what sales said no method. ``method`` "all" (收款明细): each method's."""
    last = min(last, now.date())
    first = max(first, last - timedelta(days=QUERY_DAYS - 1))
    kept = till.counts(uow, location=location, first=first, last=last, today=now.date())
    by: dict[str, Decimal] = {}
    counted_by: dict[str, Decimal] = {}
    days_counted = 0
    out = Decimal(0)   # (cash paid out of the till on the days counted)
    for i in range((last - first).days + 1):
        d = first + timedelta(days=i)
        exp = till.expected(uow, location=location, day=d, tz=now.tzinfo)
        for k, v in exp.by_method.items():
            by[k] = by.get(k, Decimal(0)) + v
        got = kept.get(d)
        if got is not None:
            out += exp.cash_out
            days_counted += 1
            for k, v in (got.get("methods") or {}).items():
                counted_by[k] = counted_by.get(k, Decimal(0)) + Decimal(str(v))
    unsaid = by.pop("", Decimal(0))
    span = reports.days_text(t, lang, first, last)
    if method == "all":
        return _each_method(t, lang, by, counted_by, days_counted, unsaid, where=where, span=span)
    books, counted = by.get(method, Decimal(0)), counted_by.get(method, Decimal(0))
    name = t(f"till.method.{method}", lang)
    lines = [str(t("till.method_asked", lang, location=where, span=span, method=name, books=reports.money(books)))]
    if days_counted:
        out = out if method == till.CASH else Decimal(0)
        diff = counted + out - books
        mark = "till.method_even" if diff == 0 else "till.method_short" if diff < 0 else \
            "till.method_over_maybe" if unsaid > 0 else "till.method_over"
        lines.append(str(t("till.method_counted", lang, method=name, counted=reports.money(counted),
                           days=days_counted)) + str(t(mark, lang, diff=reports.money(abs(diff)))))
        if out:
            lines.append(str(t("till.method_paid_out", lang, out=reports.money(out))))
    if unsaid > 0:
        lines.append(str(t("till.method_unsaid_asked", lang, value=reports.money(unsaid))))
    return "\n".join(lines)


def drawer_report(uow: UnitOfWork, t: Any, lang: str, *, location: str, day: date, now: datetime, where: str) -> str:
    """钱箱里应该有多少钱 · 现金有多少: the cash the day's takings left in the till, as the books have it: the sales and
    accounts' payments said paid in cash, less the cash paid out to suppliers and on costs; what said no way is named
    apart (it may be cash too), and the day's count of cash beside it when there was one."""
    day = min(day, now.date())
    exp = till.expected(uow, location=location, day=day, tz=now.tzinfo)
    cash = exp.by_method.get(till.CASH, Decimal(0))
    lines = [str(t("till.drawer", lang, location=where, day=f"{day:%m-%d}", total=reports.money(cash - exp.cash_out),
                   cash=reports.money(cash), out=cash_out(t, lang, exp)))]
    unsaid = exp.by_method.get("", Decimal(0))
    if unsaid > 0:
        lines.append(str(t("till.drawer_unsaid", lang, value=reports.money(unsaid))))
    got = till.counts(uow, location=location, first=day, last=day, today=now.date()).get(day)
    if got is not None and till.CASH in (got.get("methods") or {}):
        lines.append(str(t("till.drawer_counted", lang, counted=reports.money(Decimal(str(got["methods"][till.CASH]))))))
    lines.append(str(t("till.drawer_float", lang)))
    return "\n".join(lines)


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
                          *books_lines(uow, t, lang, exp, counted=counted, methods=methods),
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
