"""日结 (the day's cash-up): what a store took in, counted by how it was paid (现金3000 · 微信5200 · 支付宝800), set
against what the books say it should have taken: the day's sales paid at once (walk-in sales, and customers' sales
paid on the spot), at the price said on each sale else the list price, net of undone ones, plus what customers paid
on their accounts that day to the store's people. Sales on account (赊账) are not in it. Each count is kept in the
audit trail (``till_count``); a later count of the same day and store replaces the earlier one."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from domain import ledger
from workflows import reports
from workflows.ports import UnitOfWork

ACTION = "till_count"


@dataclass(frozen=True)
class Expected:
    sales: Decimal          # the day's sales paid at once
    collected: Decimal      # customers' payments on their accounts, to the store's people
    on_account: Decimal     # the day's sales to customers on account (not in the till)
    unpriced: tuple[str, ...]   # skus sold with neither a price said nor a list price

    @property
    def total(self) -> Decimal:
        return self.sales + self.collected


def expected(uow: UnitOfWork, *, location: str, day: date, tz: Any) -> Expected:
    since = datetime.combine(day, time(), tzinfo=tz)
    until = since + timedelta(days=1)
    prices = {p.sku: p.unit_price for p in uow.catalog.products()}
    paid = uow.payments.list(since=since, until=until)
    at_once = {p.note.removeprefix("batch:") for p in paid if p.note.startswith("batch:")}
    staff = {u.username for u in uow.catalog.users(everyone=True) if u.location == location}
    sales = on_account = Decimal(0)
    unpriced: set[str] = set()
    moves = [m for m in uow.stock.moves(since=since, until=until, kinds=[ledger.MoveKind.SALE.value])
             if location in (m.src, m.dst)]
    originals = {m.id: m for m in moves if m.reverses is None}
    for m in moves:
        first = originals.get(m.reverses) if m.reverses is not None else m
        if first is None:   # (an undoing today of an earlier day's sale: that day's till, not this one)
            continue
        price = m.unit_price if m.unit_price is not None else prices.get(m.sku)
        owed = bool(first.partner) and first.batch not in at_once   # (on account: not the till's)
        if price is None:
            if not owed:
                unpriced.add(m.sku)
            continue
        v = (m.qty if m.reverses is None else -m.qty) * price
        if owed:
            on_account += v
        else:
            sales += v
    customers = {x.code for x in uow.catalog.partners() if x.kind.value == "customer"}
    collected = sum((p.amount for p in paid if not p.note.startswith("batch:") and p.actor in staff
                     and p.partner in customers), Decimal(0))
    return Expected(sales, collected, on_account, tuple(sorted(unpriced)))


def counts(uow: UnitOfWork, *, location: str, first: date, last: date) -> dict[date, dict[str, Any]]:
    """The latest count of each day ``first`` .. ``last`` at ``location``."""
    out: dict[date, dict[str, Any]] = {}
    for a in reversed(uow.chat.audits(ACTION, limit=1000)):   # oldest first: a later count replaces
        day = date.fromisoformat(str(a.get("day")))
        if a.get("location") == location and first <= day <= last:
            out[day] = a
    return out


def line(t: Any, lang: str, methods: list[tuple[str, Decimal]]) -> str:
    return " · ".join(f"{t(f'till.method.{k}', lang)} {reports.money(v)}" for k, v in methods)


def verdict(t: Any, lang: str, counted: Decimal, exp: Expected) -> str:
    """对上了 · 少 ¥150 · 多 ¥20, with what to look at."""
    diff = counted - exp.total
    if diff == 0:
        return str(t("till.even", lang))
    return str(t("till.short" if diff < 0 else "till.over", lang, diff=reports.money(abs(diff))))


def record(uow: UnitOfWork, t: Any, lang: str, *, location: str, day: date, methods: list[tuple[str, Decimal]],
           user: Any, now: datetime, where: str) -> str:
    """The count kept (a later one of the same day replaces it) and set against the books."""
    exp = expected(uow, location=location, day=day, tz=now.tzinfo)
    before = counts(uow, location=location, first=day, last=day).get(day)
    total = sum((v for _, v in methods), Decimal(0))
    uow.chat.audit(at=now, actor=user.username, action=ACTION,
                   detail={"location": location, "day": day.isoformat(), "methods": {k: str(v) for k, v in methods},
                           "total": str(total), "expected": str(exp.total), "user": user.username,
                           "at": now.isoformat()})
    lines = [str(t("till.recorded", lang, location=where, day=f"{day:%m-%d}", methods=line(t, lang, methods),
                   total=reports.money(total)))]
    if before is not None:
        lines.append(str(t("till.replaced", lang, total=reports.money(Decimal(str(before.get("total")))),
                           at=f"{datetime.fromisoformat(str(before['at'])).astimezone(now.tzinfo):%H:%M}")))
    lines += books_lines(uow, t, lang, exp, counted=total)
    return "\n".join(lines)


def books_lines(uow: UnitOfWork, t: Any, lang: str, exp: Expected, *, counted: Decimal) -> list[str]:
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
    kept = counts(uow, location=location, first=first, last=last)
    if first == last:
        exp = expected(uow, location=location, day=first, tz=now.tzinfo)
        got = kept.get(first)
        if got is None:
            return str(t("till.none_day", lang, location=where, day=f"{first:%m-%d}",
                         expected=reports.money(exp.total)))
        methods = [(k, Decimal(str(v))) for k, v in (got.get("methods") or {}).items()]
        counted = Decimal(str(got.get("total")))
        return "\n".join([str(t("till.recorded", lang, location=where, day=f"{first:%m-%d}",
                                methods=line(t, lang, methods), total=reports.money(counted))),
                          *books_lines(uow, t, lang, exp, counted=counted)])
    lines = [str(t("till.head", lang, location=where, span=reports.days_text(t, lang, first, last)))]
    short = Decimal(0)
    for i in range((last - first).days + 1):
        d = first + timedelta(days=i)
        exp = expected(uow, location=location, day=d, tz=now.tzinfo)
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
