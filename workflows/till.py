"""日结 (the day's cash-up): what a store took in, counted by how it was paid (现金3000 · 微信5200 · 支付宝800), set
against what the books say it should have taken: the day's sales paid at once (walk-in sales, and customers' sales
paid on the spot), at the price said on each sale else the list price, those undone left out (whenever undone: a sale
undone never happened), plus what customers paid on their accounts that day to the store's people, less the cash the
store's people paid suppliers out of it that day (收到张记牛腩50斤,现金1000 · 付给张记500,现金; a supplier's refund in
cash comes back in) and the store's costs paid in cash (费用:打印纸50元,现金 · 从钱箱拿了50买打印纸). Sales on account
(赊账) are not in it. Each count is kept in the audit trail (``till_count``); a later count of the same day and store
replaces the earlier one."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from domain import accounts, expenses, ledger
from workflows import dues
from workflows.ports import UnitOfWork

ACTION = "till_count"
PER_DAY = 60   # counts read back per day asked (a day's counts at every store, recounts included)
CASH = "cash"   # (the way paid out of the till)


@dataclass(frozen=True)
class Expected:
    sales: Decimal          # the day's sales paid at once
    collected: Decimal      # customers' payments on their accounts, to the store's people
    on_account: Decimal     # the day's sales to customers on account (not in the till)
    unpriced: tuple[str, ...]   # skus sold with neither a price said nor a list price
    # the till's part by how it was paid, as each sale said (卖了手机壳3个,微信收款); "": not said (and the accounts paid)
    by_method: dict[str, Decimal] = field(default_factory=dict)
    paid_out: Decimal = Decimal(0)   # cash paid to suppliers out of the till (net of their refunds in cash)
    spent: Decimal = Decimal(0)      # the store's costs paid in cash (those undone left out)

    @property
    def total(self) -> Decimal:
        return self.sales + self.collected - self.paid_out - self.spent

    @property
    def cash_out(self) -> Decimal:
        """All the cash that went out of the till: to suppliers and on costs."""
        return self.paid_out + self.spent


def in_order(*by: dict[str, Any]) -> list[str]:
    """The payment methods any of these hold, in the order the replies list them (``ledger.PAYMENT_METHODS``, then
    others; "", none said, last)."""
    held = {k for d in by for k in d}
    return [k for k in dict.fromkeys((*ledger.PAYMENT_METHODS, *sorted(held - {""}), "")) if k in held]


def expected(uow: UnitOfWork, *, location: str, day: date, tz: Any) -> Expected:
    since = datetime.combine(day, time(), tzinfo=tz)
    until = since + timedelta(days=1)
    prices = {p.sku: p.unit_price for p in uow.catalog.products()}
    since_then = uow.payments.list(since=since)   # (the day's, and whether any was undone since, in one read)
    undone = {x.reverses for x in since_then if x.reverses is not None}
    paid = [p for p in since_then if p.at < until]
    # (an opening balance is no money taken, nor a top-up's bonus: 充值1000送100)
    paid = [p for p in paid if p.note != dues.OPENING and not dues.is_bonus(p.note)]
    # the sales paid in full on the spot; one paid in part is on account, the part paid counted as an account's is
    at_once = {spot[0] for p in paid if (spot := accounts.spot_of(p.note)) is not None and spot[1] != accounts.PAID_PART}
    staff = {u.username for u in uow.catalog.users(everyone=True) if u.location == location}
    sales = on_account = Decimal(0)
    by_method: dict[str, Decimal] = {}
    unpriced: set[str] = set()
    kinds = [ledger.MoveKind.SALE.value, ledger.MoveKind.CUSTOMER_RETURN.value]
    sold = uow.stock.standing(   # (whenever undone: it never happened)
        m for m in uow.stock.moves(since=since, until=until, kinds=kinds)
        if location in (m.src, m.dst) and (m.kind == ledger.MoveKind.SALE or not m.partner))   # (a walk-in's return)
    split: dict[tuple[str, str, str], Decimal] = {}   # (batch, kind, method) → value: a ticket paid several ways

    def paid_by(m: ledger.Move, v: Decimal) -> None:
        if len(ledger.tenders(m.method)) > 1:   # (微信60现金27: its ticket's value, shared out once it is all read)
            key = (m.batch or f"#{m.id}", m.kind.value, m.method or "")
            split[key] = split.get(key, Decimal(0)) + v
        else:
            by_method[m.method or ""] = by_method.get(m.method or "", Decimal(0)) + v

    for m in sold:
        price = m.unit_price if m.unit_price is not None else prices.get(m.sku)
        if m.kind == ledger.MoveKind.CUSTOMER_RETURN:
            back = m.qty * price if price is not None else Decimal(0)
            sales -= back
            paid_by(m, -back)
            continue
        owed = bool(m.partner) and m.batch not in at_once   # (on account: not the till's)
        if price is None:
            if not owed:
                unpriced.add(m.sku)
            continue
        v = m.qty * price
        if owed:
            on_account += v
        else:
            sales += v
            paid_by(m, v)
    for (_, _, method), v in split.items():
        for k, part in ledger.allocate(method, v).items():
            by_method[k] = by_method.get(k, Decimal(0)) + part
    customers = {x.code for x in uow.catalog.partners() if x.kind.value == "customer"}
    suppliers = {x.code for x in uow.catalog.partners() if x.kind.value == "supplier"}
    paid_out = sum((ledger.allocate(p.method, p.amount).get(CASH, Decimal(0)) for p in paid   # (undone: never paid)
                    if p.actor in staff and (p.partner in suppliers or (   # (去市场买了…,现金: on no account)
                        p.partner == accounts.NO_ACCOUNT and accounts.spot_of(p.note) is not None))
                    and p.reverses is None and p.id not in undone),
                   Decimal(0))

    def to_account(note: str) -> bool:   # (an account's payment, or a sale's part paid as it went: 先付了100)
        spot = accounts.spot_of(note)
        return spot is None or spot[1] == accounts.PAID_PART

    paid_in = [p for p in paid if to_account(p.note) and p.actor in staff and p.partner in customers]
    collected = sum((p.amount for p in paid_in), Decimal(0))
    for p in paid_in:   # (a customer paying an account: by the method it said, else none said; several: shared)
        for k, v in ledger.allocate(p.method, p.amount).items():
            by_method[k] = by_method.get(k, Decimal(0)) + v
    spent = sum((ledger.allocate(x.method, x.amount).get(CASH, Decimal(0))   # (费用:打印纸50元,现金)
                 for x in expenses.standing(uow.expenses.list(since=since, until=until))
                 if x.location == location and x.method), Decimal(0))
    def cents(v: Decimal) -> Decimal:   # (a sale settled at 实收100 for 24 bottles: ¥4.1666667 each, ¥100 in all)
        return v.quantize(ledger.CENT)

    return Expected(cents(sales), cents(collected), cents(on_account), tuple(sorted(unpriced)),
                    {k: cents(v) for k, v in by_method.items()}, cents(paid_out), cents(spent))


def counts(uow: UnitOfWork, *, location: str, first: date, last: date, today: date) -> dict[date, dict[str, Any]]:
    """The latest count of each day ``first`` .. ``last`` at ``location``."""
    out: dict[date, dict[str, Any]] = {}
    # newest first, the first of each day kept (a later count replaces); counts are kept on their day or soon after,
    # so the newest PER_DAY for each day since ``first`` reach back far enough (every store, recounts)
    for a in uow.chat.audits(ACTION, limit=PER_DAY * ((max(today, last) - first).days + 1)):
        day = date.fromisoformat(str(a.get("day")))
        if a.get("location") == location and first <= day <= last and day not in out:
            out[day] = a
    return out


def keep(uow: UnitOfWork, *, location: str, day: date, methods: list[tuple[str, Decimal]], exp: Expected,
         user: str, now: datetime) -> None:
    """A count kept in the audit trail (the day's latest is its count)."""
    uow.chat.audit(at=now, actor=user, action=ACTION,
                   detail={"location": location, "day": day.isoformat(), "methods": {k: str(v) for k, v in methods},
                           "total": str(sum((v for _, v in methods), Decimal(0))), "expected": str(exp.total),
                           "user": user, "at": now.isoformat()})
