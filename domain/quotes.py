"""Quotations (报价单): the prices offered to a customer for goods, valid for some days, sent as a sheet to forward,
and turned into its order once it says yes (报价1转订单). A quote moves no stock and books none. Pure."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

VALID_DAYS = 7   # a quote said without its validity holds a week


@dataclass(frozen=True)
class QuoteLine:
    sku: str
    qty: Decimal          # base units
    unit_price: Decimal   # per base unit


@dataclass(frozen=True)
class Quote:
    id: int
    partner: str
    lines: tuple[QuoteLine, ...]
    created_at: datetime
    valid_until: datetime
    created_by: str | None = None
    order_id: int | None = None   # the customer's order it became

    @property
    def total(self) -> Decimal:
        return sum((ln.qty * ln.unit_price for ln in self.lines), Decimal(0))

    def expired(self, now: datetime) -> bool:
        return now > self.valid_until


def rows(lines: tuple[QuoteLine, ...]) -> list[list[str]]:
    """The lines as they are kept and audited: [sku, qty, unit price], numbers as text."""
    return [[ln.sku, str(ln.qty), str(ln.unit_price)] for ln in lines]

