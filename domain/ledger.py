"""The stock ledger: immutable moves between locations, FEFO allocation, reversal.

Every stock change is a move of ``qty`` (> 0, base units) of one product and lot from ``src`` to
``dst``. Levels are the sum of moves in minus moves out, so for every product the sum over all
locations (virtual ones included) is always zero.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from decimal import Decimal
from enum import StrEnum

from domain import catalog, errors

V = catalog.VIRTUAL
K = catalog.LocationKind


class MoveKind(StrEnum):
    RECEIPT = "receipt"
    SALE = "sale"
    CONSUMPTION = "consumption"
    TRANSFER_OUT = "transfer_out"
    TRANSFER_IN = "transfer_in"
    SCRAP = "scrap"
    COUNT_ADJUSTMENT = "count_adjustment"
    RETURN_TO_SUPPLIER = "return_to_supplier"
    CUSTOMER_RETURN = "customer_return"
    OPENING = "opening"
    PRODUCTION = "production"   # made in house (a bakery's croissants); ingredients are a use of their own
    ISSUE = "issue"   # materials given to a work order: from the store to its work in progress (or a subcontractor)


# Where stock comes from / goes to for a kind recorded at physical location ``here``.
GIFT = "赠送"   # the note on a receipt's move of goods a supplier gave free (收到牛奶2箱,赠送1箱): nothing owed for them


def gift(note: str | None) -> bool:
    """A receipt's move of free goods (its note names it so)."""
    return GIFT in (note or "").split(";")


INBOUND_FROM = {
    MoveKind.RECEIPT: V[K.SUPPLIER],
    MoveKind.CUSTOMER_RETURN: V[K.CUSTOMER],
    MoveKind.PRODUCTION: V[K.PRODUCTION],
}
OUTBOUND_TO = {
    MoveKind.SALE: V[K.CUSTOMER],
    MoveKind.CONSUMPTION: V[K.CONSUMPTION],
    MoveKind.SCRAP: V[K.SCRAP],
    MoveKind.RETURN_TO_SUPPLIER: V[K.SUPPLIER],
}


# how money changes hands at the till (日结:现金3000,微信5200 counts by these; a sale says which it was paid by)
# qr: 扫码 said alone, a QR code the customer scanned (a shop's one code takes WeChat and Alipay alike)
PAYMENT_METHODS = ("cash", "wechat", "alipay", "qr", "card", "meituan", "eleme", "douyin", "member", "other")
CENT = Decimal("0.01")


def split_method(parts: Sequence[tuple[str, Decimal | None]]) -> str:
    """A sale paid several ways (微信60现金27 · 微信60,剩下现金 · 一半微信一半现金) as one move's ``method``:
    ``wechat:60,cash:27`` · ``wechat:60,cash`` · ``wechat,cash``. A part with an amount is that much money; the parts
    without one share what the others leave of the sale's value, equally. One way alone is its method as before,
    whatever its amount (the amount is the sale's price: 卖了手机壳2个,微信58)."""
    if len(parts) == 1:   # (微信58: that way, all of it)
        return parts[0][0]
    return ",".join(k if v is None else f"{k}:{v.normalize():f}" for k, v in parts)


def tenders(method: str | None) -> tuple[tuple[str, Decimal | None], ...]:
    """``split_method``'s parts back: (method, amount or None); a plain method is one part, no method none."""
    out = []
    for part in (method or "").split(","):
        k, _, v = part.partition(":")
        if k:
            out.append((k, Decimal(v) if v else None))
    return tuple(out)


def allocate(method: str | None, value: Decimal) -> dict[str, Decimal]:
    """A sale's (a ticket's) ``value`` by how it was paid (``split_method``), in cents, summing to ``value``: the amounts
    said, and what they leave shared by the parts that said none. Said amounts that do not fit the value (the
    quantity corrected since: 不对,是6个) are scaled to it, so the till never holds more or less than the sale; a
    negative value (a refund) is allocated as its positive and given back the same way. No method: all of it ""."""
    if value < 0:
        return {k: -v for k, v in allocate(method, -value).items()}
    parts = tenders(method)
    if not parts:
        return {"": value}
    named = sum((v for _, v in parts if v is not None), Decimal(0))
    free = [k for k, v in parts if v is None]
    if free and named <= value:
        rest = value - named
        shares = [(k, v) for k, v in parts if v is not None]
        each = (rest / len(free)).quantize(CENT)
        shares += [(k, each) for k in free]
    elif named > 0:
        shares = [(k, (v * value / named).quantize(CENT)) for k, v in parts if v is not None]
    else:
        shares = [(k, Decimal(0)) for k, _ in parts]
    out: dict[str, Decimal] = {}
    for k, v in shares:
        out[k] = out.get(k, Decimal(0)) + v
    out[shares[-1][0]] += value - sum(out.values(), Decimal(0))   # (the cents rounding left: to the last share)
    return out


@dataclass(frozen=True)
class Move:
    kind: MoveKind
    sku: str
    qty: Decimal
    src: str
    dst: str
    at: datetime
    lot: str = ""
    unit_cost: Decimal | None = None
    unit_price: Decimal | None = None
    partner: str | None = None
    actor: str | None = None
    message_id: str | None = None
    batch: str = ""
    reverses: int | None = None
    order_id: int | None = None
    id: int | None = None
    note: str = ""   # what the user said of it (包装破损 · 发票号12345)
    # how a sale was paid, or a return refunded, when said (卖了手机壳3个,微信收款): one of PAYMENT_METHODS, or
    # several with their amounts (微信60现金27: ``split_method``)
    method: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.qty, Decimal) or not self.qty.is_finite() or self.qty <= 0:
            raise errors.BadInput(code="bad_qty", qty=str(self.qty))
        if self.src == self.dst:
            raise errors.BadInput(code="same_location", location=self.src)
        if self.at.tzinfo is None:
            raise errors.BadInput(code="naive_time")

    def deltas(self) -> tuple[tuple[str, Decimal], tuple[str, Decimal]]:
        return (self.src, -self.qty), (self.dst, self.qty)


@dataclass(frozen=True)
class LotLevel:
    lot: str
    qty: Decimal
    expiry: datetime | None = None


def fefo(levels: Sequence[LotLevel], qty: Decimal, *, allow_negative: bool, first: str | None = None
         ) -> list[tuple[str, Decimal]]:
    """Take ``qty`` from lots, earliest expiry first (lots without expiry last); the lot ``first`` before all (卖了批号
    A123的牛奶: that one, then the rest FEFO).

    What the lots cannot cover is taken from the no-lot bucket "" (the level goes negative)
    when ``allow_negative``; otherwise ``InsufficientStock`` is raised.
    """
    far = datetime.max.replace(tzinfo=None)
    ordered = sorted((lv for lv in levels if lv.qty > 0),
                     key=lambda lv: (lv.lot != first, lv.expiry.replace(tzinfo=None) if lv.expiry else far, lv.lot))
    out: list[tuple[str, Decimal]] = []
    left = qty
    for lv in ordered:
        if left <= 0:
            break
        take = min(lv.qty, left)
        out.append((lv.lot, take))
        left -= take
    if left > 0:
        available = qty - left
        if not allow_negative:
            raise errors.InsufficientStock(available=str(available), requested=str(qty))
        # prefer the lot bucket that is already negative/empty with no expiry
        out.append(("", left))
    return out


def total(levels: Iterable[LotLevel]) -> Decimal:
    return sum((lv.qty for lv in levels), Decimal(0))


def outbound(*, kind: MoveKind, sku: str, qty: Decimal, here: str, levels: Sequence[LotLevel],
             allow_negative: bool, at: datetime, dst: str | None = None, first: str | None = None,
             **extra: object) -> list[Move]:
    """Moves taking ``qty`` out of ``here`` FEFO (the lot ``first`` before all), to ``dst`` (default: the kind's
    virtual location)."""
    target = dst or OUTBOUND_TO[kind]
    return [Move(kind=kind, sku=sku, qty=q, src=here, dst=target, lot=lot, at=at, **extra)  # type: ignore[arg-type]
            for lot, q in fefo(levels, qty, allow_negative=allow_negative, first=first)]


def inbound(*, kind: MoveKind, sku: str, qty: Decimal, here: str, at: datetime, lot: str = "",
            src: str | None = None, **extra: object) -> Move:
    return Move(kind=kind, sku=sku, qty=qty, src=src or INBOUND_FROM[kind], dst=here, lot=lot, at=at,
                **extra)  # type: ignore[arg-type]


def lot_code(received: datetime, expiry: datetime | None = None) -> str:
    """The day's lot (20260615); goods of that day with their own expiry a lot of their own (20260615-0617)."""
    return received.strftime("%Y%m%d") + (expiry.strftime("-%m%d") if expiry is not None else "")


_DAY_LOT = re.compile(r"\d{8}(?:-\d{4})?(?:-[A-Za-z0-9]+)?")


def day_lot(code: str | None) -> bool:
    """A lot a day's receipts made (20260615 · 20260615-0617 · another supplier's 20260615-S02), not one named by
    its own code (批号M1)."""
    return bool(code) and _DAY_LOT.fullmatch(code or "") is not None


def expiry_for(product: catalog.Product, received: datetime) -> datetime | None:
    if product.shelf_life_days is None:
        return None
    return received + timedelta(days=product.shelf_life_days)


def count_moves(*, sku: str, target: Decimal, here: str, levels: Sequence[LotLevel], at: datetime,
                **extra: object) -> list[Move]:
    """Moves that bring the level at ``here`` to exactly ``target`` (a stock count)."""
    if target < 0:
        raise errors.BadInput(code="bad_qty", qty=str(target))
    diff = target - total(levels)
    adj = V[K.ADJUSTMENT]
    if diff > 0:
        # found stock joins the newest lot, or the no-lot bucket
        newest = max((lv for lv in levels if lv.lot), key=lambda lv: lv.lot, default=None)
        lot = newest.lot if newest else ""
        return [Move(kind=MoveKind.COUNT_ADJUSTMENT, sku=sku, qty=diff, src=adj, dst=here, lot=lot, at=at,
                     **extra)]  # type: ignore[arg-type]
    if diff < 0:
        moves = []
        # first clear negative buckets' counterpart: take from positive lots FEFO
        for lot, q in fefo(levels, -diff, allow_negative=True):
            moves.append(Move(kind=MoveKind.COUNT_ADJUSTMENT, sku=sku, qty=q, src=here, dst=adj, lot=lot, at=at,
                              **extra))  # type: ignore[arg-type]
        return moves
    return []


def reversal(move: Move, *, at: datetime, actor: str | None, batch: str, message_id: str | None) -> Move:
    """The move that cancels ``move`` (undo never deletes)."""
    if move.id is None:
        raise errors.InvalidState(code="not_stored")
    return replace(move, src=move.dst, dst=move.src, at=at, actor=actor, batch=batch, message_id=message_id,
                   reverses=move.id, id=None)


def apply(levels: dict[tuple[str, str, str], Decimal], moves: Iterable[Move]) -> None:
    """Project moves onto levels keyed by (location, sku, lot), in place."""
    for m in moves:
        for loc, d in m.deltas():
            key = (loc, m.sku, m.lot)
            levels[key] = levels.get(key, Decimal(0)) + d


def zero_sum(levels: dict[tuple[str, str, str], Decimal]) -> dict[str, Decimal]:
    """Per-product sum over all locations and lots (always zero for a consistent ledger)."""
    sums: dict[str, Decimal] = defaultdict(Decimal)
    for (_, sku, _), q in levels.items():
        sums[sku] += q
    return dict(sums)
