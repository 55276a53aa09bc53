"""What customers and suppliers owe and are owed: payments, the money half of their accounts (the goods half is in
the ledger's sales, receipts and returns)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal


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
