"""Serial numbers (串号 · 序列号 · IMEI · SN): goods counted one by one, each unit under a code of its own.

A unit with a serial is a lot of one base unit whose code is the serial. It comes in under it (a receipt, a
customer's return, what is made), moves and goes out under it (a transfer, a sale, a return to its supplier, a
write-off), so the lot's trace is the unit's history: where it came from, where it is, whom it was sold to and when,
and from that its warranty. A product kept by serial (``Product.serial``, 按串号管理) moves only with its units
named; any product's units may be named. Pure: the callers read the moves.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime, timedelta, tzinfo
from decimal import Decimal

from domain import catalog, commands, errors, ledger, trace, units

MAX_UNITS = 500   # units named in one line: a delivery of phones, not a warehouse
SHOWN = 20   # serials listed in a message before the rest are left to 蓝牙耳机有哪些串号
ONE = Decimal(1)


def check(product: catalog.Product, line: commands.Line) -> None:
    """Refuses (``errors.BadInput``) a line of ``product`` whose serials do not count its units one to one: none said
    of a product kept by serial, fewer or more than its quantity, one said twice, or more than ``MAX_UNITS``."""
    said = line.serials
    if not said:
        if product.serial and line.qty > 0:
            raise errors.BadInput(code="serials_needed", product=product.name, unit=product.base_unit)
        return
    if len(said) > MAX_UNITS:
        raise errors.BadInput(code="serials_too_many", n=str(len(said)), most=str(MAX_UNITS))
    twice = next((s for i, s in enumerate(said) if s in said[:i]), None)
    if twice is not None:
        raise errors.BadInput(code="serials_twice", serial=twice)
    if line.qty != len(said):
        raise errors.BadInput(code="serials_count", product=product.name, n=str(len(said)),
                              qty=f"{units.normalize(line.qty):f}{product.base_unit}")


def of_order(lines: tuple[commands.Line, ...], codes: tuple[str, ...], kept: set[str], *, order_id: int,
             kind: str, partner: str) -> tuple[commands.Line, ...]:
    """An order's lines as they are received or collected (``kind``: "purchase" · "sale") with the units said
    (绿联的货到了,串号SN004、SN005): given to its one line kept by serial (``kept``: the products that are), or to its
    only line. Refused (``errors.BadInput``) when none are said and a line is kept by serial (how to say them, with
    ``partner``'s name), or when they are said and no one line can be theirs. Whether they count that line one to one
    is ``check``'s."""
    if not codes:
        needs = next((ln for ln in lines if ln.sku in kept and ln.qty > 0), None)
        if needs is not None:
            raise errors.BadInput(code=f"order_serials_needed_{kind}", id=str(order_id), sku=needs.sku,
                                  partner=partner)
        return lines
    targets = [ln for ln in lines if ln.sku in kept] or (list(lines) if len(lines) == 1 else [])
    if len(targets) != 1:
        raise errors.BadInput(code="order_serials_which", id=str(order_id))
    return tuple(replace(ln, serials=codes) if ln is targets[0] else ln for ln in lines)


def held(moves: Iterable[ledger.Move]) -> dict[str, Decimal]:
    """Where a unit is, from its lot's moves (undoings included): each place's net, virtual ones too (``~CUSTOMER``:
    sold and not returned), places at zero left out."""
    out: dict[str, Decimal] = defaultdict(Decimal)
    for m in trace.standing(moves):
        for loc, d in m.deltas():
            out[loc] += d
    return {loc: q for loc, q in out.items() if q != 0}


def in_stock(where: dict[str, Decimal]) -> list[str]:
    """The physical places that hold the unit."""
    return sorted(loc for loc, q in where.items() if q > 0 and not loc.startswith("~"))


def sold(where: dict[str, Decimal]) -> bool:
    """Sold to a customer and not returned since."""
    return where.get(catalog.VIRTUAL[catalog.LocationKind.CUSTOMER], Decimal(0)) > 0


def last_sold(tr: trace.LotTrace) -> datetime | None:
    """When the unit was last sold (None: never)."""
    return max((f.last for f in tr.went if f.kind == ledger.MoveKind.SALE), default=None)


def warranty_end(sold_at: datetime, days: int, tz: tzinfo) -> date:
    """The last day of a warranty of ``days`` from the day (in ``tz``) the unit was sold: bought on 06-15 with a
    year's warranty, covered to 2027-06-14 inclusive."""
    return sold_at.astimezone(tz).date() + timedelta(days=days - 1)


def count_moves(*, sku: str, codes: tuple[str, ...], here: str, levels: list[ledger.LotLevel], at: datetime,
                surplus: bool = False, **extra: object) -> list[ledger.Move]:
    """A count of units by their serials (盘点蓝牙耳机3副,串号…): ``here`` holds exactly ``codes`` afterwards, one each,
    every other lot there (a unit missing, goods counted before they were kept by serial) adjusted away; ``surplus``
    (盘盈): ``codes`` found on top of what is there. The callers refuse a unit in stock at another place."""
    adj = catalog.VIRTUAL[catalog.LocationKind.ADJUSTMENT]
    have = {lv.lot: lv.qty for lv in levels}
    out: list[ledger.Move] = []
    def adjust(lot: str, d: Decimal) -> None:
        out.append(ledger.Move(kind=ledger.MoveKind.COUNT_ADJUSTMENT, sku=sku, qty=abs(d), src=adj if d > 0 else here,
                               dst=here if d > 0 else adj, lot=lot, at=at, **extra))  # type: ignore[arg-type]
    if not surplus:
        for lv in levels:
            if lv.lot not in codes and lv.qty != 0:
                adjust(lv.lot, -lv.qty)
    for code in codes:
        d = ONE - have.get(code, Decimal(0)) if not surplus else ONE
        if d != 0:
            adjust(code, d)
    return out
