"""Invoices (发票): the tax invoices a supplier issues us for its goods (进项: 张记开了发票3200) and those we issue a
customer (销项: 给团餐开了发票5000), each for a month's goods. Kept so that what was invoiced can be held against
what came in or went out that month (发票核对: 多开 · 少开 · 未开). An invoice undone is a row of the opposite amount
that ``reverses`` it (nothing is deleted). Pure."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

DAYS_AFTER = 10   # until the 10th a month's invoices are usually last month's goods: the month being invoiced
TOLERANCE = Decimal("0.5")   # a difference below this is rounding (invoices are cut to the fen, goods to the cost)


@dataclass(frozen=True)
class Invoice:
    id: int
    partner: str
    month: date          # the first day of the month of goods it is for
    amount: Decimal      # negative: an undoing
    at: datetime
    code: str = ""       # 发票号, as said
    actor: str | None = None
    reverses: int | None = None


def standing(invoices: Iterable[Invoice]) -> list[Invoice]:
    """The invoices that stand: neither an undoing nor undone by one among ``invoices``."""
    xs = list(invoices)
    undone = {x.reverses for x in xs if x.reverses is not None}
    return [x for x in xs if x.reverses is None and x.id not in undone]


def invoiced(invoices: Iterable[Invoice]) -> dict[str, Decimal]:
    """Each partner's standing invoices, summed."""
    out: dict[str, Decimal] = defaultdict(Decimal)
    for x in standing(invoices):
        out[x.partner] += x.amount
    return dict(out)


@dataclass(frozen=True)
class Check:
    """One partner's month: the goods' value and what was invoiced for it."""
    partner: str
    goods: Decimal
    invoiced: Decimal

    @property
    def gap(self) -> Decimal:
        """Invoiced beyond the goods (多开, > 0) or short of them (少开 · 未开, < 0); 0 within ``TOLERANCE``."""
        d = self.invoiced - self.goods
        return Decimal(0) if abs(d) < TOLERANCE else d


def checks(goods: dict[str, Decimal], invoices: Iterable[Invoice]) -> list[Check]:
    """Every partner with goods or invoices in the month, those furthest off first (then by name code)."""
    got = invoiced(invoices)
    out = [Check(p, goods.get(p, Decimal(0)), got.get(p, Decimal(0))) for p in sorted(set(goods) | set(got))
           if goods.get(p, Decimal(0)) != 0 or got.get(p, Decimal(0)) != 0]
    return sorted(out, key=lambda c: (-abs(c.gap), c.partner))


def month_due(today: date) -> date:
    """The month an invoice said without one is for (its first day): last month until the ``DAYS_AFTER``th, this
    month after."""
    first = today.replace(day=1)
    if today.day > DAYS_AFTER:
        return first
    return (first - timedelta(days=1)).replace(day=1)
