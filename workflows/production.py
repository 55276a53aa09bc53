"""Work orders at a store (domain/production.py): planned with the materials checked, started (the materials issued
from the store to the order's work in progress, or to its subcontractor), operations marked done, made (the product
taken into stock in a lot of the day, what it used out of work in progress in the same write, so the lots stay
joined), cancelled (what was issued goes back). Each write is one batch, undone as any other."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from domain import bom, catalog, commands, errors, events, ledger, orders, production, trace, units
from workflows import inventory, metrics, mrp, purchasing
from workflows.ports import UnitOfWork

MK = ledger.MoveKind
OPEN = [orders.Status.OPEN.value, orders.Status.PARTIAL.value]


@dataclass
class Done:
    """What a step did: the order as it is now, the write's moves and what they lacked, the operations marked."""
    order: orders.Order
    plan: inventory.Plan = field(default_factory=inventory.Plan)
    marked: list[production.Step] = field(default_factory=list)
    used: dict[str, Decimal] = field(default_factory=dict)   # what making it used from work in progress, sku → qty
    cost: Decimal | None = None      # what its materials cost, for what it made (None: one of them has no cost)
    fee: Decimal = Decimal(0)        # the subcontractor's charge for what it made


def create(uow: UnitOfWork, cmd: commands.MakeOrder, *, actor: inventory.Actor
           ) -> tuple[orders.Order, bom.Explosion, list[mrp.Row]]:
    """A planned work order, kept (audited), and its materials against the store's stock, what other planned work
    orders need first and what is on order by its day."""
    here = inventory.home(actor.user, cmd.location)
    product = uow.catalog.product(cmd.sku)
    if product is None:
        raise errors.NotFound(code="unknown_sku", sku=cmd.sku)
    if product.is_service:
        raise errors.BadInput(code="work_order_service", product=product.name)
    recipe = uow.recipes.current(cmd.sku)
    if recipe is None:   # nothing to issue or to use up: a subcontractor making it all is a purchase
        raise errors.BadInput(code="work_order_no_recipe", product=product.name)
    if cmd.partner is not None:
        partner = purchasing.partner_of(uow, cmd.partner)
        if partner is None or partner.kind != catalog.PartnerKind.SUPPLIER:
            raise errors.BadInput(code="subcontractor_not_supplier", partner=partner.name if partner else cmd.partner)
    o = production.new(sku=cmd.sku, qty=cmd.qty, recipe=recipe, location=here, at=actor.now,
                       by=actor.user.username, partner=cmd.partner, fee=cmd.fee, due=cmd.due)
    o = replace(o, id=uow.orders.add(o))
    uow.chat.audit(at=actor.now, actor=actor.user.username, action="work_order_planned",
                   detail={"order": o.id, "sku": cmd.sku, "qty": str(cmd.qty), "location": here,
                           "partner": cmd.partner, "fee": str(cmd.fee) if cmd.fee is not None else None,
                           "recipe": recipe.note})
    plan, rows = mrp.requirements(uow, location=here, wanted=[(cmd.sku, cmd.qty)], by=cmd.due or actor.now,
                                  besides=o.id)
    return o, plan, rows


def find(uow: UnitOfWork, cmd: commands.WorkStep, *, user: catalog.User) -> orders.Order:
    """The work order a step is said of: by number, else the only one open at the speaker's store (of the product or
    subcontractor said). None found, or several: said, with their numbers."""
    if cmd.order_id is not None:
        o: orders.Order | None = uow.orders.get(cmd.order_id, lock=True)
        if o is None or not production.is_work_order(o):
            raise errors.NotFound(code="work_order_not_found", id=cmd.order_id)
        if user.location is not None and o.location != user.location and not user.can("approve"):
            raise errors.NotFound(code="work_order_not_found", id=cmd.order_id)
        return o
    mine = [o for o in uow.orders.list(kinds=[orders.OrderKind.PRODUCTION.value], statuses=OPEN)
            if (user.location is None or o.location == user.location)
            and (cmd.sku is None or production.product(o).sku == cmd.sku)
            and (cmd.partner is None or o.partner == cmd.partner)]
    if cmd.action == "start":   # (开工 of the one not started yet)
        mine = [o for o in mine if not o.meta.get("issued")] or mine
    if len(mine) != 1:
        raise errors.NotFound(code="work_order_which" if mine else "work_order_none",
                              ids="、".join(f"#{o.id}" for o in mine))
    found: orders.Order | None = uow.orders.get(mine[0].id or 0, lock=True)
    assert found is not None
    return found


def returns(uow: UnitOfWork, cmd: commands.RecordMoves, *, user: catalog.User
            ) -> tuple[list[commands.WorkStep], commands.RecordMoves | None]:
    """What a receipt from a subcontractor brings back for its work orders (光明送回可颂480个 · 收到光明的可颂60个、牛奶2箱:
    the croissants against the oldest open work order of 光明's making them for this store, each order once), as
    the work orders' steps, and the rest of the receipt, goods bought as any (None: nothing left)."""
    if cmd.movement != commands.Movement.RECEIPT or cmd.partner is None or cmd.rest:
        return [], cmd
    here = cmd.location or user.location
    open_ = [o for o in uow.orders.list(kinds=[orders.OrderKind.PRODUCTION.value], statuses=OPEN)
             if o.partner == cmd.partner and o.location == here]
    back: list[commands.WorkStep] = []
    rest: list[commands.Line] = []
    for ln in cmd.lines:
        o = next((o for o in open_ if production.product(o).sku == ln.sku and all(b.order_id != o.id for b in back)),
                 None)
        if o is None:
            rest.append(ln)
            continue
        line = production.product(o)
        back.append(commands.WorkStep("made", order_id=o.id, qty=ln.qty, final=ln.qty >= line.qty - line.received,
                                      sku=ln.sku, partner=o.partner))
    return back, (replace(cmd, lines=tuple(rest)) if rest else None)


def _recipe(uow: UnitOfWork, o: orders.Order) -> bom.Recipe:
    """The recipe version the order was planned with (the current one if that version is gone)."""
    sku = production.product(o).sku
    note = str(o.meta.get("recipe", ""))
    version = note.rsplit(":v", 1)[-1] if ":v" in note else ""
    recipe: bom.Recipe | None = (uow.recipes.version(sku, int(version)) if version.isdigit() else None) \
        or uow.recipes.current(sku)
    if recipe is None:
        raise errors.BadInput(code="work_order_no_recipe", product=sku)
    return recipe


def start(uow: UnitOfWork, o: orders.Order, *, actor: inventory.Actor, force: bool) -> Done:
    """Its materials issued: what the recipe needs for the whole order, from the store (substitutes for what it
    lacks, made-in-house ingredients made first), to its work in progress or its subcontractor."""
    o = production.started(o, at=actor.now, by=actor.user.username, batch=actor.batch)
    p = inventory.Plan()
    here = o.location or inventory.home(actor.user, None)
    inventory.issue(uow, p, _recipe(uow, o), production.product(o).qty, here=here, actor=actor, force=force,
                    into=production.wip(here, o.partner), order_id=o.id)
    return Done(order=o, plan=p)


def step(uow: UnitOfWork, o: orders.Order, name: str | None, *, actor: inventory.Actor, undo: bool = False) -> Done:
    """An operation marked done (``undo``: the last marking taken back): no stock moves, the order saved."""
    o, marked = production.step_undone(o) if undo else production.step_done(o, name, at=actor.now,
                                                                            by=actor.user.username)
    uow.orders.save(o)
    return Done(order=o, marked=marked)


def make(uow: UnitOfWork, o: orders.Order, qty: Decimal | None, *, final: bool, scrap: Decimal | None,
         actor: inventory.Actor, force: bool, back: bool = False) -> Done:
    """``qty`` made (None: what is still to make): taken into the store in a lot of the day, what it used taken out
    of work in progress in the same write (all of it when the order finishes, else its share), a subcontractor's
    charge on the product's move. An order not started is started in the same write. ``back``: the order finishes
    and what is left in progress beyond the share of what was made and scrapped goes back to the store (余料退回)."""
    done = Done(order=o)
    if not o.meta.get("issued"):
        done = start(uow, o, actor=actor, force=force)
    o = done.order
    line = production.product(o)
    qty = qty if qty is not None else max(line.qty - line.received, Decimal(0))
    share = production.used_share(o, qty, final=final, scrap=scrap, back=back)
    final = final or back
    o = production.made(o, qty, final=final, at=actor.now, by=actor.user.username, batch=actor.batch, scrap=scrap)
    here = o.location or inventory.home(actor.user, None)
    recipe = _recipe(uow, o)
    held = held_lots(uow, o)
    for m in done.plan.moves:   # (issued in this very write)
        for loc, d in m.deltas():
            if production.wip_of(loc) is not None:
                held[(loc, m.sku, m.lot)] = held.get((loc, m.sku, m.lot), Decimal(0)) + d
    p = done.plan
    for (loc, sku, lot), q in sorted(held.items()):
        use = q if share == 1 else (q * share).quantize(bom.STORED, rounding=ROUND_HALF_UP).normalize()
        if back and q > use:
            p.moves.append(_returned(sku, q - use, loc, lot, here=here, o=o, actor=actor))
        if use <= 0:
            continue
        p.moves.append(ledger.Move(kind=MK.CONSUMPTION, sku=sku, qty=use, src=loc, dst=catalog.VIRTUAL[
            catalog.LocationKind.CONSUMPTION], lot=lot, at=actor.at, actor=actor.user.username,
            message_id=actor.message_id, batch=actor.batch, order_id=o.id, note=recipe.note))
        done.used[sku] = done.used.get(sku, Decimal(0)) + use
    # what the materials used cost (each product's cost read once), unknown when one of them has none
    costs = metrics.unit_costs(uow, [m for sku in done.used if (m := uow.catalog.product(sku)) is not None])
    cost: Decimal | None = sum((q * c for sku, q in done.used.items() if (c := costs.get(sku)) is not None), Decimal(0))
    if any(costs.get(sku) is None for sku in done.used):
        cost = None
    fee = (line.unit_price or Decimal(0)) * qty if o.partner else Decimal(0)
    if qty > 0:
        made = uow.catalog.product(line.sku)
        expiry = ledger.expiry_for(made, actor.at) if made is not None else None
        code = ledger.lot_code(actor.at, None)
        p.lots.append((line.sku, code, expiry))
        # what one cost to make: its share of the materials (what was scrapped too) and the charge, the store's cost
        # of it as of a receipt's (``metrics.unit_cost``); unknown when a material's cost is
        each = ((cost + fee) / qty).quantize(bom.STORED, rounding=ROUND_HALF_UP) if cost is not None else None
        p.moves.append(ledger.inbound(kind=MK.PRODUCTION, sku=line.sku, qty=qty, here=here, at=actor.at, lot=code,
                                      unit_cost=each, partner=o.partner,
                                      actor=actor.user.username, message_id=actor.message_id, batch=actor.batch,
                                      order_id=o.id, note=production.note(o.id)))
    return replace(done, order=o, plan=p, cost=cost, fee=fee)


def cancel(uow: UnitOfWork, o: orders.Order, *, actor: inventory.Actor) -> Done:
    """Cancelled: what it holds in progress goes back to the store, lot by lot."""
    o2 = production.cancelled(o, at=actor.now, by=actor.user.username, batch=actor.batch)
    p = inventory.Plan()
    here = o.location or inventory.home(actor.user, None)
    for (loc, sku, lot), q in sorted(held_lots(uow, o).items()):
        if q > 0:
            p.moves.append(_returned(sku, q, loc, lot, here=here, o=o, actor=actor))
    return Done(order=o2, plan=p)


def adjust(uow: UnitOfWork, o: orders.Order, what: str, lines: Sequence[commands.Line], *, actor: inventory.Actor,
           force: bool) -> Done:
    """Materials beyond the recipe issued to it from the store (``what`` "issue": 工单1补料:黄油1公斤; to its
    subcontractor when it has one), or given back from what it holds to the store ("return": 工单1退料:面粉2公斤, the
    earliest lots first); more than it holds of one is refused, naming what it holds."""
    o2 = production.adjusted(o, what, at=actor.now, by=actor.user.username, batch=actor.batch)
    here = o.location or inventory.home(actor.user, None)
    p = inventory.Plan()
    if what == "issue":
        inventory.issue_lines(uow, p, lines, here=here, into=production.wip(here, o.partner), actor=actor,
                              force=force, order_id=o.id, note=production.note(o.id))
        return Done(order=o2, plan=p)
    held = held_lots(uow, o)
    for ln in lines:
        lots = sorted((lot, loc, q) for (loc, sku, lot), q in held.items() if sku == ln.sku and q > 0)
        have = sum((q for _, _, q in lots), Decimal(0))
        if ln.qty > have:
            unit = getattr(uow.catalog.product(ln.sku), "base_unit", "")
            raise errors.BadInput(code="work_return_over", id=o.id, sku=ln.sku, held=f"{units.normalize(have)}{unit}",
                                  qty=f"{units.normalize(ln.qty)}{unit}")
        left = ln.qty
        for lot, loc, q in lots:
            take = min(q, left)
            if take > 0:
                p.moves.append(_returned(ln.sku, take, loc, lot, here=here, o=o, actor=actor))
                held[(loc, ln.sku, lot)] = q - take
                left -= take
    return Done(order=o2, plan=p)


def _returned(sku: str, qty: Decimal, loc: str, lot: str, *, here: str, o: orders.Order,
              actor: inventory.Actor) -> ledger.Move:
    """What a work order holds in progress (at ``loc``, its lot) given back to the store."""
    return ledger.Move(kind=MK.ISSUE, sku=sku, qty=qty, src=loc, dst=here, lot=lot, at=actor.at,
                       actor=actor.user.username, message_id=actor.message_id, batch=actor.batch, order_id=o.id,
                       note=production.note(o.id, back=True))


def record(uow: UnitOfWork, done: Done, *, actor: inventory.Actor) -> list[events.Event]:
    """The step's moves written and the order saved, in the same unit of work."""
    evs = inventory.record(uow, done.plan, actor=actor) if done.plan.moves else []
    uow.orders.save(done.order)
    evs.append(events.OrderChanged(order_id=done.order.id or 0, kind=done.order.kind.value,
                                   status=done.order.status.value, at=actor.now))
    return evs


CENTERS = "work_centers"   # a place's setting: work center → its hours a day


def centers(uow: UnitOfWork, location: str) -> dict[str, Decimal]:
    """The store's work centers and their hours a day (烤箱 → 8)."""
    return {k: Decimal(str(v)) for k, v in (uow.catalog.location_settings(location).get(CENTERS) or {}).items()}


def loads(uow: UnitOfWork, location: str, *, start: date, end: date, today: date, tz: Any
          ) -> dict[date, dict[str, Decimal]]:
    """Each day's hours of each work center that the store's work orders not finished still take, on the day each is
    due (one late, or with no day: today); every day of the span, empty ones too."""
    out: dict[date, dict[str, Decimal]] = {start + timedelta(days=i): {} for i in range((end - start).days + 1)}
    for o in open_at(uow, location):
        day = max(o.due.astimezone(tz).date(), today) if o.due is not None else today
        if day not in out:
            continue
        for center, minutes in production.center_minutes(o).items():
            out[day][center] = out[day].get(center, Decimal(0)) + minutes / 60
    return out


def open_at(uow: UnitOfWork, location: str | None) -> list[orders.Order]:
    """The work orders not finished at ``location`` (every place: None), soonest due first."""
    rows = [o for o in uow.orders.list(kinds=[orders.OrderKind.PRODUCTION.value], statuses=OPEN)
            if location is None or o.location == location]
    return sorted(rows, key=lambda o: (o.due is None, o.due.isoformat() if o.due else "", o.id or 0))


def held_lots(uow: UnitOfWork, o: orders.Order) -> dict[tuple[str, str, str], Decimal]:
    """What a work order holds in progress now, from its moves that stand: (place, sku, lot) → qty."""
    return production.held(trace.standing(uow.stock.moves_of_order(o.id or 0)))


def holding(uow: UnitOfWork, orders_: Sequence[orders.Order]) -> dict[int, dict[str, Decimal]]:
    """What each order holds in progress, by product (its lots summed)."""
    out: dict[int, dict[str, Decimal]] = {}
    for o in orders_:
        by: dict[str, Decimal] = {}
        for (_, sku, _), q in held_lots(uow, o).items():
            by[sku] = by.get(sku, Decimal(0)) + q
        out[o.id or 0] = {k: v for k, v in by.items() if v != 0}
    return out
