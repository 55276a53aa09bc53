"""Orders: purchase requests/orders, sales orders and transfer orders, with a small state machine."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, tzinfo
from decimal import Decimal
from enum import StrEnum
from typing import Any

from domain import errors


class OrderKind(StrEnum):
    PURCHASE_REQUEST = "purchase_request"
    PURCHASE = "purchase"
    SALE = "sale"
    TRANSFER = "transfer"
    PRODUCTION = "production"   # a work order (工单): one product made through its recipe's operations


class Status(StrEnum):
    PENDING_APPROVAL = "pending_approval"  # waits for a manager (approval limit, credit limit)
    OPEN = "open"  # approved / confirmed, nothing received yet
    PARTIAL = "partial"  # partly received
    SHIPPED = "shipped"  # transfer in transit
    DONE = "done"
    REJECTED = "rejected"
    CANCELLED = "cancelled"


TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.PENDING_APPROVAL: frozenset({Status.OPEN, Status.REJECTED, Status.CANCELLED}),
    # (back to approval: an open order changed past the approval limit or the customer's credit)
    Status.OPEN: frozenset({Status.PARTIAL, Status.SHIPPED, Status.DONE, Status.CANCELLED, Status.PENDING_APPROVAL}),
    Status.PARTIAL: frozenset({Status.PARTIAL, Status.DONE, Status.CANCELLED}),
    Status.SHIPPED: frozenset({Status.DONE}),
    Status.DONE: frozenset(),
    Status.REJECTED: frozenset(),
    Status.CANCELLED: frozenset(),
}


@dataclass(frozen=True)
class OrderLine:
    sku: str
    qty: Decimal
    unit_price: Decimal | None = None
    received: Decimal = Decimal(0)

    @property
    def open_qty(self) -> Decimal:
        return max(self.qty - self.received, Decimal(0))


@dataclass(frozen=True)
class Order:
    kind: OrderKind
    status: Status
    lines: tuple[OrderLine, ...]
    created_at: datetime
    location: str | None = None  # receiving location (purchase/transfer dest) or selling location
    source: str | None = None  # transfer source location
    partner: str | None = None
    due: datetime | None = None
    created_by: str | None = None
    approved_by: str | None = None
    note: str = ""
    id: int | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def amount(self) -> Decimal:
        return sum(((ln.unit_price or Decimal(0)) * ln.qty for ln in self.lines), Decimal(0))

    def to(self, status: Status, *, by: str | None = None) -> Order:
        if status not in TRANSITIONS[self.status]:
            raise errors.InvalidState(code="bad_transition", frm=self.status.value, to=status.value)
        approved_by = by if (self.status == Status.PENDING_APPROVAL and status == Status.OPEN) else self.approved_by
        return replace(self, status=status, approved_by=approved_by)

    def receive(self, sku: str, qty: Decimal) -> tuple[Order, Decimal]:
        """Book ``qty`` of ``sku`` against open lines; returns the order and what was not on it."""
        if self.status not in (Status.OPEN, Status.PARTIAL, Status.SHIPPED):
            raise errors.InvalidState(code="order_not_open", status=self.status.value)
        left = qty
        lines = []
        for ln in self.lines:
            if ln.sku == sku and left > 0 and ln.open_qty > 0:
                take = min(ln.open_qty, left)
                ln = replace(ln, received=ln.received + take)
                left -= take
            lines.append(ln)
        order = replace(self, lines=tuple(lines))
        done = all(ln.open_qty == 0 for ln in order.lines)
        status = Status.DONE if done else Status.PARTIAL
        if status != self.status:
            order = replace(order, status=status)
        return order, left


@dataclass(frozen=True)
class Punctuality:
    """How a supplier delivered its purchase orders due in a span: those that came (the first delivery) on or before
    their day, after it (and by how many days in all), not at all yet, or in part only past their day."""
    partner: str
    on_time: int = 0
    late: int = 0
    late_days: int = 0
    missing: int = 0
    short: int = 0

    @property
    def due(self) -> int:
        return self.on_time + self.late + self.missing

    @property
    def late_share(self) -> float:
        return (self.late + self.missing) / self.due if self.due else 0.0


def punctuality(placed: Iterable[Order], first_in: Mapping[int, date], *, today: date, tz: tzinfo | None,
                since: date) -> dict[str, Punctuality]:
    """Each supplier's ``Punctuality`` over its purchase orders due from ``since`` up to today (open, partly or wholly
    received; not cancelled, rejected or awaiting approval): ``first_in`` maps an order to the local day its first
    delivery came; an order not received counts once its day has passed."""
    out: dict[str, Punctuality] = {}
    for o in placed:
        if o.kind != OrderKind.PURCHASE or o.partner is None or o.due is None or o.id is None \
                or o.status not in (Status.OPEN, Status.PARTIAL, Status.DONE):
            continue
        day = o.due.astimezone(tz).date()
        came = first_in.get(o.id)
        if not since <= day <= today or (came is None and day >= today):
            continue
        p = out.get(o.partner, Punctuality(o.partner))
        if came is None:
            p = replace(p, missing=p.missing + 1)
        elif came <= day:
            p = replace(p, on_time=p.on_time + 1)
        else:
            p = replace(p, late=p.late + 1, late_days=p.late_days + (came - day).days)
        if o.status == Status.PARTIAL and day < today:
            p = replace(p, short=p.short + 1)
        out[o.partner] = p
    return out


def unreceive(order: Order, sku: str, qty: Decimal) -> Order:
    """``order`` with ``qty`` of ``sku`` no longer received (the write that received it was undone): the last
    received line gives back first, and a done or partial order is partial or open again."""
    left = qty
    lines = list(order.lines)
    for n in range(len(lines) - 1, -1, -1):
        ln = lines[n]
        if ln.sku == sku and left > 0 and ln.received > 0:
            take = min(ln.received, left)
            lines[n] = replace(ln, received=ln.received - take)
            left -= take
    status = order.status
    if status in (Status.PARTIAL, Status.DONE):
        status = Status.PARTIAL if any(ln.received > 0 for ln in lines) else Status.OPEN
    return replace(order, lines=tuple(lines), status=status)


def cancelled(order: Order, *, by: str | None) -> Order:
    """Cancelled, keeping the state it had (what ``reopened`` gives back)."""
    return replace(order.to(Status.CANCELLED, by=by), meta={**order.meta, "cancelled_from": order.status.value})


def reopened(order: Order) -> Order:
    """A cancellation taken back (撤销 right after 取消订单#3): the order in the state it had."""
    if order.status != Status.CANCELLED:
        raise errors.InvalidState(code="order_not_cancelled", id=order.id, status=order.status.value)
    meta = {k: v for k, v in order.meta.items() if k != "cancelled_from"}
    return replace(order, status=Status(order.meta.get("cancelled_from", Status.OPEN.value)), meta=meta)


def needs_approval(order: Order, *, limit: Decimal) -> bool:
    return order.kind in (OrderKind.PURCHASE, OrderKind.PURCHASE_REQUEST) and order.amount > limit
