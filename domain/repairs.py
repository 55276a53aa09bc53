"""Repairs (维修 · 返修 · 送修): a customer's unit brought back to be mended, kept as a numbered ticket through its
steps: taken in (收修, with the fault and whether its warranty still ran), sent to the supplier or the maker (送厂),
back (修好 · 换新, a new serial · 修不好) and collected (取走). The unit is the customer's: no stock moves with it, so
the ticket is its whole record. Pure: the clock and the unit's sale come in."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from domain import errors


class Status(StrEnum):
    RECEIVED = "received"        # 收修: at the shop, not yet sent
    AT_SUPPLIER = "at_supplier"  # 送厂: with the supplier or the maker
    READY = "ready"              # back (修好 · 换新 · 修不好): waiting for the customer
    RETURNED = "returned"        # 取走: the customer has it back


class Outcome(StrEnum):
    REPAIRED = "repaired"
    REPLACED = "replaced"        # the maker sent another unit (a new serial)
    UNREPAIRABLE = "unrepairable"


# the steps a ticket may take from each state (a unit mended at the shop goes straight to READY)
NEXT: dict[Status, tuple[Status, ...]] = {
    Status.RECEIVED: (Status.AT_SUPPLIER, Status.READY, Status.RETURNED),
    Status.AT_SUPPLIER: (Status.READY,),
    Status.READY: (Status.RETURNED,),
    Status.RETURNED: (),
}


@dataclass(frozen=True)
class Repair:
    sku: str
    serial: str = ""
    partner: str | None = None          # the customer's (the one it was sold to, when unsaid)
    fault: str = ""
    status: Status = Status.RECEIVED
    supplier: str | None = None
    outcome: Outcome | None = None
    new_serial: str = ""
    fee: Decimal | None = None          # 收费80: what the customer pays (out of warranty)
    in_warranty: bool | None = None     # at intake (None: no sale or no warranty known)
    created_at: datetime | None = None
    created_by: str | None = None
    location: str | None = None
    id: int | None = None
    # each step taken: (ISO time, status, who)
    steps: tuple[tuple[str, str, str], ...] = field(default_factory=tuple)

    def to(self, status: Status, *, at: datetime, by: str, supplier: str | None = None, outcome: Outcome | None = None,
           new_serial: str = "", fee: Decimal | None = None) -> Repair:
        """The ticket one step on; a step it cannot take from where it is (送厂 once back · anything once collected)
        is refused with where it is (``repair_step``)."""
        if status not in NEXT[self.status]:
            raise errors.InvalidState(code="repair_step", id=self.id, status=self.status.value, to=status.value)
        if fee is not None and (not fee.is_finite() or fee < 0):
            raise errors.BadInput(code="bad_amount", amount=str(fee))
        return replace(self, status=status, supplier=supplier or self.supplier,
                       outcome=outcome or (self.outcome if status != Status.READY else Outcome.REPAIRED),
                       new_serial=new_serial or self.new_serial, fee=fee if fee is not None else self.fee,
                       steps=(*self.steps, (at.isoformat(), status.value, by)))

    @property
    def serials(self) -> tuple[str, ...]:
        """The codes it is found by: the unit's, and the one it was replaced by."""
        return tuple(x for x in (self.serial, self.new_serial) if x)
