"""What customers and suppliers owe and are owed: payments, the money half of their accounts (the goods half is in
the ledger's sales, receipts and returns)."""
from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from domain import errors

# a payment's note naming the write it was paid with on the spot (a sale's: 盒马买了可颂10个,付了现金; a receipt's
# freight paid apart: 运费50已付), then, for goods that came in paid as they came, how: all they came to (PAID_WHOLE:
# 收到张记牛腩50斤,现结) or an amount said (PAID_PART: …,单价32,付了1000)
SPOT = "batch:"
PAID_WHOLE = "paid"
PAID_PART = "part"
# the partner of goods paid as they came from no supplier named (去市场买了青椒5公斤,花了50,现金 · 收到牛腩50斤,现结):
# money that left, on no one's account
NO_ACCOUNT = ""


def spot_note(batch: str, kind: str = "") -> str:
    """The note of a payment made with the write ``batch`` (``kind``: "", ``PAID_WHOLE`` or ``PAID_PART``)."""
    return f"{SPOT}{batch}" + (f"|{kind}" if kind else "")


def spot_of(note: str) -> tuple[str, str] | None:
    """The write a payment was made with, and how (``spot_note``'s); None: a payment of its own."""
    if not note.startswith(SPOT):
        return None
    batch, _, kind = note.removeprefix(SPOT).partition("|")
    return batch, kind


@dataclass(frozen=True)
class Payment:
    """Money a customer paid us or we paid a supplier; an undoing has the opposite amount and ``reverses`` it."""
    partner: str
    amount: Decimal
    at: datetime
    actor: str | None = None
    note: str = ""
    reverses: int | None = None
    id: int | None = None
    method: str | None = None   # 团餐付了3000,微信: how it was paid (``ledger.PAYMENT_METHODS``), when said


@dataclass(frozen=True)
class Terms:
    """账期: when a partner's goods are to be paid for. ``days`` after the day they came (账期30天; 0: 现结, that day),
    or, ``monthly``, after the end of the month they came in (月结30天: June's goods by July 30th)."""
    days: int
    monthly: bool = False

    def __post_init__(self) -> None:
        if not 0 <= self.days <= 365:
            raise errors.BadInput(code="bad_terms", days=self.days)

    def due(self, day: date) -> date:
        """The day goods that came on ``day`` are due."""
        if not self.monthly:
            return day + timedelta(days=self.days)
        return day.replace(day=calendar.monthrange(day.year, day.month)[1]) + timedelta(days=self.days)

    @property
    def code(self) -> str:
        """How the terms are kept and exported: ``30`` · ``M30`` (月结30天) · ``0`` (现结)."""
        return f"M{self.days}" if self.monthly else str(self.days)

    @classmethod
    def parse(cls, text: str) -> Terms:
        """``30`` · ``M30`` · ``月结30`` · ``月结`` (月结30天) · ``现结`` · ``0`` (the import's column); BadInput otherwise."""
        s = text.strip().upper().replace("天", "")
        if s in ("现结", "现金", "COD"):
            return cls(0)
        monthly = s.startswith(("M", "月结"))
        digits = s.removeprefix("M").removeprefix("月结").strip()
        if monthly and not digits:
            return cls(30, monthly=True)
        if not digits.isdigit():
            raise errors.BadInput(code="bad_terms", days=text)
        return cls(int(digits), monthly=monthly)


@dataclass(frozen=True)
class Charge:
    """One delivery on an account: goods a customer took or a supplier brought on ``day`` (a write, ``ref`` its batch),
    at their value."""
    day: date
    amount: Decimal
    ref: str = ""


@dataclass(frozen=True)
class Credit:
    """What settles charges: a payment or goods given back, at their value; ``ref``: the charge it pays first (a sale
    paid on the spot); ``span``: the days whose charges it pays first (张记这个月的货款付了)."""
    amount: Decimal
    ref: str = ""
    span: tuple[date, date] | None = None


@dataclass(frozen=True)
class OpenItem:
    """A delivery not yet paid in full: what is ``left`` of it, and the day it is ``due`` (None: no terms agreed)."""
    charge: Charge
    left: Decimal
    due: date | None

    def overdue(self, today: date) -> int:
        """Days past its due day (0 while not due, or without terms)."""
        return max((today - self.due).days, 0) if self.due is not None else 0

    def age(self, today: date) -> int:
        """Days since the goods came."""
        return (today - self.charge.day).days


BUCKETS = (30, 60, 90)   # 1–30 · 31–60 · 61–90 · over 90 days past due


def left(items: Iterable[OpenItem]) -> Decimal:
    """What is still owed of these deliveries."""
    return sum((it.left for it in items), Decimal(0))


def most_overdue(items: Iterable[OpenItem], today: date) -> int:
    """The most days any of these deliveries is past its due day (0: none is)."""
    return max((it.overdue(today) for it in items), default=0)


def open_items(charges: Iterable[Charge], credits: Iterable[Credit], terms: Terms | None
               ) -> tuple[list[OpenItem], Decimal]:
    """What is still owed, delivery by delivery: a credit naming a charge (or days) pays it (theirs, oldest first)
    first, then every credit settles the oldest charges first (先进先出). The open items, oldest first, and what was paid beyond every charge (ahead)."""
    ordered = sorted(charges, key=lambda c: (c.day, c.ref))
    left = [c.amount for c in ordered]
    pool = Decimal(0)
    for cr in credits:
        amount = cr.amount
        for n, c in enumerate(ordered):
            if amount > 0 and left[n] > 0 and ((cr.ref and c.ref == cr.ref)
                                               or (cr.span is not None and cr.span[0] <= c.day <= cr.span[1])):
                paid = min(amount, left[n])
                left[n] -= paid
                amount -= paid
        pool += amount
    for n in range(len(ordered)):   # (a negative pool, a payment undone beyond what it paid: owed again, oldest first)
        if pool <= 0:
            break
        paid = min(pool, left[n])
        left[n] -= paid
        pool -= paid
    items = [OpenItem(c, rest, terms.due(c.day) if terms is not None else None)
             for c, rest in zip(ordered, left, strict=True) if rest > 0]
    if pool < 0 and items:   # credits undone beyond every one: owed on the newest
        last = items[-1]
        items[-1] = OpenItem(last.charge, last.left - pool, last.due)
    elif pool < 0:
        items = [OpenItem(ordered[-1], -pool, terms.due(ordered[-1].day) if terms is not None else None)] if ordered else []
    return items, max(pool, Decimal(0))


def bucket(days_overdue: int) -> int:
    """0: not due yet; 1: 1–30 days past due; 2: 31–60; 3: 61–90; 4: over 90."""
    if days_overdue <= 0:
        return 0
    return next((n + 1 for n, limit in enumerate(BUCKETS) if days_overdue <= limit), len(BUCKETS) + 1)


def aged(items: Iterable[OpenItem], today: date) -> list[Decimal]:
    """What is owed in each ``bucket``, counted from each item's due day, or from the day its goods came when no
    terms were agreed (they were due then)."""
    out = [Decimal(0)] * (len(BUCKETS) + 2)
    for it in items:
        out[bucket(it.overdue(today) if it.due is not None else it.age(today))] += it.left
    return out
