"""Sales targets (销售目标 · 业绩目标): what a manager wants sold over a day, a week, a month or a year, by the whole
company, one store or one seller, of everything, a category or one product, in yuan or (one product) in its units:
本月销售目标10万 · 华强店12月业绩目标30万 · 小美这个月目标2万 · 蓝牙耳机本月目标卖100副 · 每月目标10万 (every month, until
changed; a month's own target goes before it). Pure: what was sold comes in, the progress goes out."""
from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

SETTING = "targets"   # where the tenant's settings keep them (``dump``'s form)
BUDGETS = "budgets"   # the purchase budgets, kept the same way apart (本月采购预算5万: a cap on spending, not a goal)
PERIODS = ("day", "week", "month", "year")
FEN = Decimal("0.01")


def span(period: str, day: date) -> tuple[date, date]:
    """The first and last day of the ``period`` (day · week, Monday to Sunday · month · year) that holds ``day``."""
    if period == "day":
        return day, day
    if period == "week":
        first = day - timedelta(days=day.weekday())
        return first, first + timedelta(days=6)
    if period == "month":
        return day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1])
    if period == "year":
        return day.replace(month=1, day=1), day.replace(month=12, day=31)
    raise ValueError(period)


@dataclass(frozen=True)
class Target:
    """One target: ``amount`` yuan (``qty``: base units of the product ``key``; ``margin``: yuan of gross margin, what
    the sales took less what the goods cost) to sell over the ``period`` that begins
    on ``start`` (None: every such period, a standing one), by the company (``location`` and ``user`` None), a store
    or a seller (wherever they sell), of ``goods`` all · category · sku (``key``)."""
    number: int
    period: str
    start: date | None
    amount: Decimal
    qty: bool = False
    margin: bool = False
    location: str | None = None
    user: str | None = None
    goods: str = "all"
    key: str = "*"
    by: str = ""

    @property
    def whose(self) -> tuple[str | None, str | None, str, str, bool, bool]:
        """Who and what it is of (two targets of the same ``whose`` and period: the later replaces the earlier)."""
        return self.location, self.user, self.goods, self.key, self.qty, self.margin

    def days(self, day: date) -> tuple[date, date]:
        """The days of its period that holds ``day`` (its own for a dated one)."""
        return span(self.period, self.start or day)

    def holds(self, day: date) -> bool:
        """It is the target of the period holding ``day`` (a standing one: of every period)."""
        return self.start is None or self.start == span(self.period, day)[0]


def current(targets: Iterable[Target], day: date) -> list[Target]:
    """The targets of the periods that hold ``day``: for each (whose, period) the dated one, else the standing one."""
    out: dict[tuple[Any, ...], Target] = {}
    for t in targets:
        if t.holds(day):
            k = (*t.whose, t.period)
            if k not in out or (out[k].start is None and t.start is not None):
                out[k] = t
    return list(out.values())


def same(a: Target, b: Target) -> bool:
    """``b`` would replace ``a``: the same company, store or seller, goods, period and days."""
    return a.whose == b.whose and a.period == b.period and a.start == b.start


@dataclass(frozen=True)
class Progress:
    """How far a target's period has come: ``done`` (yuan or units) against ``amount``; ``days`` the open days of the
    period, ``gone`` those up to and with today, ``left`` those after today; ``over``: the period is past."""
    amount: Decimal
    done: Decimal
    first: date
    last: date
    days: int
    gone: int
    left: int
    over: bool

    @property
    def share(self) -> Decimal:
        """What is done, of the target (0.42)."""
        return self.done / self.amount if self.amount > 0 else Decimal(0)

    @property
    def time_share(self) -> Decimal:
        """The open days gone, of the period's (today counted)."""
        return Decimal(self.gone) / Decimal(self.days) if self.days else Decimal(1)

    @property
    def gap(self) -> Decimal:
        """What is still to sell (0 once reached)."""
        return max(self.amount - self.done, Decimal(0))

    @property
    def expected(self) -> Decimal:
        """What the period comes to at the pace of its open days so far (the period past: what it came to)."""
        if self.over or not self.gone:
            return self.done
        return self.done / self.gone * self.days

    @property
    def per_day(self) -> Decimal | None:
        """What each open day after today must sell to reach it; None: reached, or no open day left."""
        if self.gap <= 0 or self.left <= 0:
            return None
        return self.gap / self.left

    @property
    def ahead(self) -> Decimal:
        """Ahead of the days (positive) or behind them (negative), in shares of the target."""
        return self.share - self.time_share


def progress(amount: Decimal, done: Decimal, first: date, last: date, today: date,
             closed: Iterable[date] = ()) -> Progress:
    """``done`` of ``amount`` over ``first`` .. ``last`` on ``today``; the ``closed`` days count as no day of it."""
    shut = set(closed)
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    open_ = [d for d in days if d not in shut] or days   # (a period closed throughout: its days as they are)
    return Progress(amount=amount, done=done, first=first, last=last, days=len(open_),
                    gone=sum(1 for d in open_ if d <= today), left=sum(1 for d in open_ if d > today),
                    over=today > last)


def money(v: Decimal) -> Decimal:
    return v.quantize(FEN, rounding=ROUND_HALF_UP)


def load(raw: Any) -> list[Target]:
    """The targets as a tenant keeps them (``dump``'s form)."""
    out = []
    for d in (raw or {}).get("items") or []:
        out.append(Target(number=int(d["number"]), period=str(d["period"]),
                          start=date.fromisoformat(d["start"]) if d.get("start") else None,
                          amount=Decimal(str(d["amount"])), qty=bool(d.get("qty")), margin=bool(d.get("margin")),
                          location=d.get("location"),
                          user=d.get("user"), goods=str(d.get("goods") or "all"), key=str(d.get("key") or "*"),
                          by=str(d.get("by") or "")))
    return sorted(out, key=lambda t: t.number)


def last_number(raw: Any) -> int:
    """The highest number given so far (one taken away is never given again)."""
    return max([int((raw or {}).get("last") or 0), *(int(d["number"]) for d in (raw or {}).get("items") or [])])


def dump(targets: Sequence[Target], last: int = 0) -> dict[str, Any]:
    return {"last": max([last, *(t.number for t in targets)]), "items": [{"number": t.number, "period": t.period, "start": t.start.isoformat() if t.start else None,
                       "amount": str(t.amount), "qty": t.qty, "margin": t.margin, "location": t.location, "user": t.user,
                       "goods": t.goods, "key": t.key, "by": t.by} for t in targets]}


def kept_with(targets: Sequence[Target], new: Target, last: int = 0) -> tuple[list[Target], Target | None, Target]:
    """``targets`` with ``new`` in: one it replaces keeps its number (returned second); otherwise the next number after
    them and ``last``, the highest ever given."""
    was = next((t for t in targets if same(t, new)), None)
    if was is not None:
        new = replace(new, number=was.number)
        return [new if t.number == was.number else t for t in targets], was, new
    new = replace(new, number=max([last, *(t.number for t in targets)]) + 1)
    return [*targets, new], None, new


def named(targets: Sequence[Target], *, number: int | None = None, period: str | None = None,
          start: date | None = None, location: str | None = None, user: str | None = None,
          goods: tuple[str, str] | None = None, standing: bool = False, day: date) -> list[Target]:
    """The targets a cancellation names: by number, else those of that store or seller (None: the company's), goods
    and period (its days, or the standing one with ``standing``) that hold ``day`` (unsaid: any period)."""
    if number is not None:
        return [t for t in targets if t.number == number]

    def days_fit(t: Target) -> bool:
        if period is None:   # (取消小美的目标: whichever holds today, dated or standing)
            return t.holds(day)
        if standing:   # (取消每月目标)
            return t.start is None
        return t.start is not None and t.start == (start or span(t.period, day)[0])   # (取消本月目标 · 取消7月目标)

    return [t for t in targets if t.location == location and t.user == user
            and (goods is None or (t.goods, t.key) == goods) and (period is None or t.period == period) and days_fit(t)]

