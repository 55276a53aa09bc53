"""Lot traceability: where a lot came from, where it went, what it was made into and of (recalls, consumer pages).

A lot is one product's goods under one code (a delivery's 批号A123, or the day's 20260615). Its trace is read from
the ledger's standing moves of that product and code (an undone write and its undoing are left out): where it came
in (received from a supplier, made in house, opening stock, returned by a customer), the transfers between places,
where it went out (sold to each customer, used, written off, returned to the supplier), and what is still where.
Recipes link lots: the ingredients a production used, in the same write, are what the made lot was made *from*;
a production that used this lot is what it was made *into* (followed further, for a recall, by the caller).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from domain import bom, catalog, ledger, production

MK = ledger.MoveKind
INTO = (MK.RECEIPT, MK.PRODUCTION, MK.OPENING, MK.CUSTOMER_RETURN)   # how goods enter the network under a lot
OUT = (MK.SALE, MK.CONSUMPTION, MK.SCRAP, MK.RETURN_TO_SUPPLIER)


# a sensor's metric (the MQTT topic's last part) → what it measures and its unit
METRICS = {"temperature": ("temperature", "℃"), "temp": ("temperature", "℃"), "temp_c": ("temperature", "℃"),
           "humidity": ("humidity", "%"), "rh": ("humidity", "%")}


def metric(name: str) -> tuple[str, str]:
    """(what it measures, its unit): temp_c → (temperature, ℃); an unknown metric as it is named, without a unit."""
    return METRICS.get(name.lower(), (name, ""))


@dataclass(frozen=True)
class Flow:
    """Moves of one kind at one place with one partner, summed: 张记 delivered 50 kg to 南山店 on 06-15."""
    kind: MK
    location: str                 # the physical place (for a transfer: where it left)
    partner: str | None
    qty: Decimal
    first: datetime
    last: datetime
    to: str | None = None          # a transfer's destination


@dataclass(frozen=True)
class Link:
    """Another lot a production joins this one to: an ingredient's lot, or the lot made with this one."""
    sku: str
    lot: str
    qty: Decimal                   # of that lot's product, in its base unit (what was used, or what was made)
    at: datetime


@dataclass(frozen=True)
class LotTrace:
    sku: str
    lot: str
    came: tuple[Flow, ...]         # receipts, production, opening stock, customers' returns
    moved: tuple[Flow, ...]        # transfers from place to place
    went: tuple[Flow, ...]         # sold (per customer, walk-in: no partner), used, written off, returned
    counted: Decimal               # what counts found (+) or found missing (-), net
    here: tuple[tuple[str, Decimal], ...]   # on hand by place, what remains of the lot (physical places, and work
    #                                         orders' work in progress: production.wip)
    made_from: tuple[Link, ...] = ()
    made_into: tuple[Link, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.came or self.moved or self.went or self.here)

    def customers(self) -> list[tuple[str | None, Decimal]]:
        """Who bought it (None: walk-in sales), most first: whom a recall calls."""
        out: dict[str | None, Decimal] = defaultdict(Decimal)
        for f in self.went:
            if f.kind == MK.SALE:
                out[f.partner] += f.qty
        return sorted(out.items(), key=lambda kv: (-kv[1], kv[0] or "~"))

    @property
    def received(self) -> Decimal:
        return sum((f.qty for f in self.came), Decimal(0))

    @property
    def sold(self) -> Decimal:
        return sum((f.qty for f in self.went if f.kind == MK.SALE), Decimal(0))

    @property
    def remaining(self) -> Decimal:
        return sum((q for _, q in self.here), Decimal(0))


def standing(moves: Iterable[ledger.Move]) -> list[ledger.Move]:
    """The moves that stand: neither an undoing nor undone by one among ``moves``."""
    ms = list(moves)
    undone = {m.reverses for m in ms if m.reverses is not None}
    return [m for m in ms if m.reverses is None and m.id not in undone]


def _physical(loc: str) -> bool:
    return not loc.startswith("~")


def trace(sku: str, lot: str, moves: Sequence[ledger.Move], *, batches: Sequence[ledger.Move] = ()) -> LotTrace:
    """The trace of ``sku``'s lot ``lot`` from its moves (all of that product and code, undoings included) and the
    moves of the writes that used or made it (``batches``: every move of those batches, for the recipes' links)."""
    mine = sorted((m for m in standing(moves) if m.sku == sku and m.lot == lot), key=lambda m: (m.at, m.id or 0))
    groups: dict[tuple[object, ...], list[ledger.Move]] = defaultdict(list)
    counted = Decimal(0)
    levels: dict[str, Decimal] = defaultdict(Decimal)
    for m in mine:
        for loc, d in m.deltas():
            if _physical(loc) or production.wip_of(loc) is not None:   # (a work order's materials: still ours)
                levels[loc] += d
        if m.kind == MK.COUNT_ADJUSTMENT:
            counted += m.qty if _physical(m.dst) else -m.qty
        elif m.kind in INTO:
            groups[("in", m.kind, m.dst, m.partner)].append(m)
        elif m.kind == MK.TRANSFER_OUT:
            # a transfer is out to transit and in at its destination; the destination is the pair's other half
            groups[("move", m.src, _dest(m, mine))].append(m)
        elif m.kind in OUT:   # (used by a work order: at its store)
            groups[("out", m.kind, production.store_of(m.src), m.partner)].append(m)

    def flow(key: tuple[object, ...], ms: list[ledger.Move]) -> Flow:
        q = sum((m.qty for m in ms), Decimal(0))
        first, last = ms[0].at, ms[-1].at
        if key[0] == "move":
            return Flow(kind=MK.TRANSFER_OUT, location=str(key[1]), partner=None, qty=q, first=first, last=last,
                        to=key[2] if isinstance(key[2], str) else None)
        loc = str(key[2])
        return Flow(kind=MK(str(key[1])), location=loc, partner=key[3] if isinstance(key[3], str) else None, qty=q,
                    first=first, last=last)

    flows = {k: flow(k, v) for k, v in groups.items()}
    came = tuple(sorted((f for k, f in flows.items() if k[0] == "in"), key=lambda f: f.first))
    moved = tuple(sorted((f for k, f in flows.items() if k[0] == "move"), key=lambda f: f.first))
    went = tuple(sorted((f for k, f in flows.items() if k[0] == "out"), key=lambda f: (f.kind != MK.SALE, -f.qty)))
    here = tuple(sorted(((loc, q) for loc, q in levels.items() if q != 0), key=lambda kv: -kv[1]))
    made_from, made_into = links(sku, lot, mine, standing(batches))
    return LotTrace(sku=sku, lot=lot, came=came, moved=moved, went=went, counted=counted, here=here,
                    made_from=made_from, made_into=made_into)


def _dest(out: ledger.Move, mine: Sequence[ledger.Move]) -> str | None:
    """Where a transfer-out of this lot arrived: the transfer-in of the same write (batch) or of the same transfer
    order (shipped, then received); None while it is still in transit."""
    for m in mine:
        if m.kind == MK.TRANSFER_IN and m.src == out.dst and (
                m.batch == out.batch or (out.order_id is not None and m.order_id == out.order_id)):
            return m.dst
    return None


def links(sku: str, lot: str, mine: Sequence[ledger.Move], batch_moves: Sequence[ledger.Move]
          ) -> tuple[tuple[Link, ...], tuple[Link, ...]]:
    """(made from, made into): the lots a production of this lot used, and the lots made using this lot. A write
    (batch) joins a production to the ingredients used for it, which name its product in their note."""
    by_batch: dict[str, list[ledger.Move]] = defaultdict(list)
    for m in batch_moves:
        by_batch[m.batch].append(m)
    made_from: dict[tuple[str, str], Link] = {}
    made_into: dict[tuple[str, str], Link] = {}

    def add(into: dict[tuple[str, str], Link], m: ledger.Move) -> None:
        k = (m.sku, m.lot)
        was = into.get(k)
        into[k] = Link(sku=m.sku, lot=m.lot, qty=(was.qty if was else Decimal(0)) + m.qty,
                       at=min(was.at, m.at) if was else m.at)

    for m in mine:
        if m.kind == MK.PRODUCTION:          # what went into it: the ingredients used for this product in its write
            for other in by_batch.get(m.batch, []):
                if other.kind == MK.CONSUMPTION and bom.made_for(other.note) == sku:
                    add(made_from, other)
        elif m.kind == MK.CONSUMPTION:       # what it went into: the product its recipe made in the same write
            made = bom.made_for(m.note)
            for other in by_batch.get(m.batch, []):
                if made is not None and other.kind == MK.PRODUCTION and other.sku == made:
                    add(made_into, other)
    return (tuple(sorted(made_from.values(), key=lambda x: (x.sku, x.lot))),
            tuple(sorted(made_into.values(), key=lambda x: (x.sku, x.lot))))


def used_batches(moves: Iterable[ledger.Move]) -> set[str]:
    """The writes whose other moves may link this lot to others: productions and recipe-made uses."""
    return {m.batch for m in moves if m.kind == MK.PRODUCTION or (m.kind == MK.CONSUMPTION and bom.made_by_recipe(m.note))}


def public(t: LotTrace, products: dict[str, catalog.Product]) -> dict[str, object]:
    """What a consumer's page may show: the product, the lot, where it came from and when, what it was made of.
    Never a price, a cost, a customer, a quantity sold or a person."""
    return {
        "sku": t.sku, "lot": t.lot, "product": products[t.sku].name if t.sku in products else t.sku,
        # (a customer's return is no origin to show: its partner is a customer)
        "came": [{"kind": f.kind.value, "partner": f.partner, "at": f.first} for f in t.came
                 if f.kind in (MK.RECEIPT, MK.PRODUCTION)],
        "made_from": [{"product": products[k.sku].name if k.sku in products else k.sku, "sku": k.sku,
                       "lot": k.lot} for k in t.made_from],
    }
