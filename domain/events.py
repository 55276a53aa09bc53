"""Events: facts that happened (past tense). Handlers react to them (alerts, rules, pushes)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal


@dataclass(frozen=True)
class StockMoved:
    location: str
    sku: str
    at: datetime
    kind: str
    actor: str | None = None
    sold: Decimal = Decimal(0)   # what this write sold of it there, in base units (一次卖超过10箱: one sale's quantity)
    batch: str = ""              # the write it came from


@dataclass(frozen=True)
class OrderChanged:
    order_id: int
    kind: str
    status: str
    at: datetime


@dataclass(frozen=True)
class Booked:
    """Stock was booked for a day (a 包桌 booking, a customer's order): rules about bookings look again."""
    location: str
    sku: str
    at: datetime


@dataclass(frozen=True)
class ClockTicked:
    at: datetime


Event = StockMoved | OrderChanged | Booked | ClockTicked
