"""Work orders (工单): a product made through its recipe's operations, its materials issued to work in progress first,
in house or by a subcontractor (外协加工).

A work order is an order of kind ``production`` with one line: the product and how much of it is to be made
(``received``: how much has been made so far; a subcontractor's charge per base unit is the line's ``unit_price``).
Its stages follow the order's status:

  planned (open: nothing issued) → in progress (partial: its materials issued from the store to its work in progress,
  ``wip(store)``, or to the subcontractor's, ``wip(store, partner)``; its operations done one by one) → done (what was
  made taken into the store, the materials in progress used up) · cancelled (what was issued gone back to the store).

What an order holds in progress is read from its moves (``held``), never kept beside them; after an undo its state
is worked out again from them (``settled``).
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from typing import Any

from domain import bom, errors, ledger, orders

NOTE = "work_order:"   # the note on what a work order made or gave back: work_order:<id> · work_order:<id>:back
WIP = "~WIP:"   # a work order's materials in progress: ~WIP:<store> in house, ~WIP:<store>:<subcontractor> sent out
MK = ledger.MoveKind
S = orders.Status


def note(order_id: int | None, *, back: bool = False) -> str:
    return f"{NOTE}{order_id}" + (":back" if back else "")


def wip(store: str, partner: str | None = None) -> str:
    return f"{WIP}{store}" + (f":{partner}" if partner else "")


def wip_of(loc: str) -> tuple[str, str | None] | None:
    """~WIP:S01:P03 → ("S01", "P03"); ~WIP:S01 → ("S01", None); None: not work in progress."""
    if not loc.startswith(WIP):
        return None
    store, _, partner = loc[len(WIP):].partition(":")
    return store, partner or None


def store_of(loc: str) -> str:
    """The place a location counts at: a work order's work in progress at its store (~WIP:XH → XH), else itself."""
    wip = wip_of(loc)
    return wip[0] if wip is not None else loc


@dataclass(frozen=True)
class Step:
    """An operation of a work order and whether it is done."""
    name: str
    minutes: Decimal | None
    done: bool
    center: str | None = None


def new(*, sku: str, qty: Decimal, recipe: bom.Recipe, location: str, at: datetime, by: str,
        partner: str | None = None, fee: Decimal | None = None, due: datetime | None = None) -> orders.Order:
    """A planned work order: ``qty`` of ``sku`` (its base unit) at ``location`` through ``recipe`` (its version and
    operations kept on the order, so a recipe changed later leaves it as planned); ``partner``: made by that
    subcontractor, at ``fee`` per base unit."""
    if not qty.is_finite() or qty <= 0:
        raise errors.BadInput(code="bad_qty", qty=str(qty))
    if fee is not None and (not fee.is_finite() or fee < 0):
        raise errors.BadInput(code="bad_price", price=str(fee))
    return orders.Order(kind=orders.OrderKind.PRODUCTION, status=S.OPEN, created_at=at, location=location,
                        partner=partner, due=due, created_by=by,
                        lines=(orders.OrderLine(sku=sku, qty=qty, unit_price=fee),),
                        meta={"recipe": recipe.note,
                              # (each operation's time for this order: a batch's time for each batch it takes)
                              "ops": [[op.name, str(minutes) if (minutes := op.minutes_for(qty)) is not None else None,
                                       op.center] for op in recipe.operations],
                              "done_ops": 0, "log": [{"what": "planned", "at": at.isoformat(), "by": by}]})


def is_work_order(o: orders.Order | None) -> bool:
    return o is not None and o.kind == orders.OrderKind.PRODUCTION


def product(o: orders.Order) -> orders.OrderLine:
    return o.lines[0]


def steps(o: orders.Order) -> list[Step]:
    done = int(o.meta.get("done_ops", 0))
    return [Step(name=op[0], minutes=Decimal(op[1]) if op[1] is not None else None, done=i < done,
                 center=op[2] if len(op) > 2 else None) for i, op in enumerate(o.meta.get("ops", []))]


def next_step(o: orders.Order) -> Step | None:
    return next((s for s in steps(o) if not s.done), None)


def center_minutes(o: orders.Order) -> dict[str, Decimal]:
    """What its operations not yet done still take of each work center, in minutes."""
    out: dict[str, Decimal] = {}
    for s in steps(o):
        if not s.done and s.center and s.minutes is not None:
            out[s.center] = out.get(s.center, Decimal(0)) + s.minutes
    return out


def minutes_left(o: orders.Order) -> Decimal | None:
    """How long its operations not yet done take (None: none of them says)."""
    said = [s.minutes for s in steps(o) if not s.done and s.minutes is not None]
    return sum(said, Decimal(0)) if said else None


def _logged(o: orders.Order, what: str, at: datetime, by: str, **extra: Any) -> dict[str, Any]:
    return {**o.meta, "log": [*o.meta.get("log", []), {"what": what, "at": at.isoformat(), "by": by, **extra}]}


def _open(o: orders.Order) -> None:
    if o.status not in (S.OPEN, S.PARTIAL):
        raise errors.InvalidState(code="work_order_closed", id=o.id, status=o.status.value)


def started(o: orders.Order, *, at: datetime, by: str, batch: str) -> orders.Order:
    """Its materials issued (in the write ``batch``): in progress."""
    _open(o)
    if o.meta.get("issued"):
        raise errors.InvalidState(code="work_order_started", id=o.id)
    return replace(o.to(S.PARTIAL) if o.status == S.OPEN else o,
                   meta={**_logged(o, "start", at, by, batch=batch), "issued": batch})


def step_done(o: orders.Order, name: str | None, *, at: datetime, by: str) -> tuple[orders.Order, list[Step]]:
    """The operation ``name`` done (None: the next one), with any before it not yet marked: the order and the steps
    marked now. An operation done already, or one the order does not have, is refused."""
    _open(o)
    all_steps = steps(o)
    if not all_steps:
        raise errors.BadInput(code="work_order_no_ops", id=o.id)
    if name is None:
        step = next_step(o)
        if step is None:
            raise errors.InvalidState(code="work_order_ops_done", id=o.id)
        name = step.name
    at_i = next((i for i, s in enumerate(all_steps) if s.name == name), None)
    if at_i is None:
        raise errors.BadInput(code="work_order_no_such_op", id=o.id, op=name,
                              ops="、".join(s.name for s in all_steps))
    if all_steps[at_i].done:
        raise errors.InvalidState(code="work_order_op_done", id=o.id, op=name)
    marked = [s for s in all_steps[:at_i + 1] if not s.done]
    was = int(o.meta.get("done_ops", 0))
    return replace(o, meta={**_logged(o, "op", at, by, op=name, was=was), "done_ops": at_i + 1}), marked


def step_undone(o: orders.Order) -> tuple[orders.Order, list[Step]]:
    """The last marking of operations taken back (撤销 right after 工单1和面完成): the order and the steps unmarked."""
    _open(o)
    log = list(o.meta.get("log", []))
    if not log or log[-1].get("what") != "op":
        raise errors.NotFound(code="nothing_to_undo")
    was = int(log[-1].get("was", 0))
    unmarked = steps(o)[was:int(o.meta.get("done_ops", 0))]
    return replace(o, meta={**o.meta, "log": log[:-1], "done_ops": was}), [replace(s, done=False) for s in unmarked]


def made(o: orders.Order, qty: Decimal, *, final: bool, at: datetime, by: str, batch: str,
         scrap: Decimal | None = None) -> orders.Order:
    """``qty`` of its product made (in the write ``batch``); ``final``: the order finished with it (whatever was
    planned: a yield short of the plan is what it was), else it stays in progress for the rest."""
    _open(o)
    if not qty.is_finite() or qty < 0 or (qty == 0 and not final):
        raise errors.BadInput(code="bad_qty", qty=str(qty))
    line = product(o)
    line = replace(line, received=line.received + qty)
    done = final or line.received >= line.qty
    meta = _logged(o, "made", at, by, qty=str(qty), final=done, batch=batch,
                   **({"scrap": str(scrap)} if scrap else {}))
    if done:
        meta = {**meta, "closed": batch, "done_ops": len(o.meta.get("ops", []))}
    return replace(o, lines=(line,), status=S.DONE if done else S.PARTIAL, meta=meta)


def adjusted(o: orders.Order, what: str, *, at: datetime, by: str, batch: str) -> orders.Order:
    """Materials issued to it beyond its recipe (``what`` "issue": 补料) or given back from it ("return": 退料), in the
    write ``batch``: only while it is in progress."""
    _open(o)
    if not o.meta.get("issued"):
        raise errors.InvalidState(code="work_order_not_started", id=o.id)
    return replace(o, meta=_logged(o, what, at, by, batch=batch))


def cancelled(o: orders.Order, *, at: datetime, by: str, batch: str) -> orders.Order:
    _open(o)
    return replace(o.to(S.CANCELLED), meta={**_logged(o, "cancel", at, by, batch=batch), "closed": batch})


def reopened(o: orders.Order) -> orders.Order:
    """A cancellation that moved nothing taken back (撤销 right after 取消工单1, not started): planned again."""
    if o.status != S.CANCELLED:
        raise errors.InvalidState(code="order_not_cancelled", id=o.id, status=o.status.value)
    log = list(o.meta.get("log", []))
    meta = {k: v for k, v in o.meta.items() if k != "closed"}
    return replace(o, status=S.PARTIAL if o.meta.get("issued") else S.OPEN,
                   meta={**meta, "log": log[:-1] if log and log[-1].get("what") == "cancel" else log})


def held(moves: Iterable[ledger.Move]) -> dict[tuple[str, str, str], Decimal]:
    """What an order holds in progress, from its standing moves: (work-in-progress place, sku, lot) → qty."""
    out: dict[tuple[str, str, str], Decimal] = {}
    for m in moves:
        for loc, d in m.deltas():
            if wip_of(loc) is not None:
                out[(loc, m.sku, m.lot)] = out.get((loc, m.sku, m.lot), Decimal(0)) + d
    return {k: v for k, v in out.items() if v != 0}


def used_share(o: orders.Order, qty: Decimal, *, final: bool, scrap: Decimal | None = None,
               back: bool = False) -> Decimal:
    """The share of what is held in progress that making ``qty`` more (and scrapping ``scrap``) uses: all of it when
    the order finishes, else what they come to over what was still to be made (never more than all). ``back``: the
    order finishes and what the rest would have used goes back to the store (余料退回), so only their share."""
    line = product(o)
    left = line.qty - line.received
    took = qty + (scrap or Decimal(0))
    if (final and not back) or left <= 0 or took >= left:
        return Decimal(1)
    return took / left


def settled(o: orders.Order, standing: Sequence[ledger.Move], undone: str) -> orders.Order:
    """The order after the write ``undone`` was undone, worked out from its moves that still stand: what it made, and
    whether it is issued, in progress, finished or cancelled."""
    meta = dict(o.meta)
    if meta.get("issued") == undone:
        meta.pop("issued")
    if meta.get("closed") == undone:
        meta.pop("closed")
    meta["log"] = [e for e in meta.get("log", []) if e.get("batch") != undone]
    made_qty = sum((m.qty for m in standing if m.kind == MK.PRODUCTION and m.sku == product(o).sku), Decimal(0))
    line = replace(product(o), received=made_qty)
    if meta.get("closed"):
        status = o.status
    elif meta.get("issued") or made_qty > 0:
        status = S.PARTIAL
    else:
        status = S.OPEN
    return replace(o, lines=(line,), status=status, meta=meta)
