"""Stock-changing handlers: plan moves for a command, then record them in one unit of work.

``plan`` reads levels and returns the moves plus any shortfall (stock going negative), so the
conversation can ask before a write under the ``warn`` policy; ``record`` appends them.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from domain import (
    accounts,
    bom,
    catalog,
    commands,
    errors,
    events,
    landed,
    ledger,
    orders,
    periods,
    pricing,
    production,
    promotions,
    serials,
    trace,
)
from workflows import metrics, takeover
from workflows.ports import UnitOfWork

MK = ledger.MoveKind
MOVEMENT_KIND = {
    commands.Movement.RECEIPT: MK.RECEIPT,
    commands.Movement.SALE: MK.SALE,
    commands.Movement.CONSUMPTION: MK.CONSUMPTION,
    commands.Movement.SCRAP: MK.SCRAP,
    commands.Movement.RETURN_TO_SUPPLIER: MK.RETURN_TO_SUPPLIER,
    commands.Movement.CUSTOMER_RETURN: MK.CUSTOMER_RETURN,
    commands.Movement.PRODUCTION: MK.PRODUCTION,
}


@dataclass(frozen=True)
class Shortfall:
    location: str
    sku: str
    available: Decimal
    requested: Decimal


@dataclass
class Plan:
    moves: list[ledger.Move] = field(default_factory=list)
    shortfalls: list[Shortfall] = field(default_factory=list)
    lots: list[tuple[str, str, datetime | None]] = field(default_factory=list)  # (sku, lot, expiry)
    expiry_said: set[tuple[str, str]] = field(default_factory=set)   # (sku, lot) whose expiry the message said
    order_receipts: list[tuple[int, str, Decimal]] = field(default_factory=list)  # (order id, sku, qty)
    substituted: list[tuple[str, str, Decimal]] = field(default_factory=list)  # (component, substitute, qty used)
    landed: list[tuple[str, Decimal | None, Decimal]] = field(default_factory=list)  # (sku, own cost, with freight)
    settled: commands.RecordMoves | None = None   # a sale or receipt with its adjustment (优惠20元) settled: audited


@dataclass(frozen=True)
class Actor:
    user: catalog.User
    now: datetime
    message_id: str | None
    batch: str
    happened: datetime | None = None   # when the goods moved, when the message named an earlier time (昨天卖了…)

    @property
    def at(self) -> datetime:
        """The time the moves and lots carry: when it happened, else now."""
        return self.happened or self.now


def _landed(uow: UnitOfWork, p: Plan, lines: tuple[commands.Line, ...], freight: Decimal) -> tuple[commands.Line, ...]:
    """A receipt's lines with ``freight`` on top of their unit costs, by value: each at the cost said, else what the
    product's receipts cost lately (the catalog's when none); kept on ``p.landed`` for the reply."""
    own = metrics.unit_costs(uow, [_product(uow, ln.sku) for ln in lines if ln.unit_price is None])
    bases = [ln.unit_price if ln.unit_price is not None else own.get(ln.sku) for ln in lines]
    costs = landed.unit_costs(freight, [(ln.qty, b) for ln, b in zip(lines, bases, strict=True)])
    p.landed = [(ln.sku, b, c) for ln, b, c in zip(lines, bases, costs, strict=True)]
    return tuple(replace(ln, unit_price=c) for ln, c in zip(lines, costs, strict=True))


def home(user: catalog.User, location: str | None) -> str:
    loc = location or user.location
    if not loc:
        raise errors.BadInput(code="no_location")
    return loc


def _service(uow: UnitOfWork, sku: str) -> bool:
    p = uow.catalog.product(sku)
    return p is not None and p.is_service


def _allow_negative(uow: UnitOfWork, force: bool) -> bool:
    if force:
        return True
    settings: catalog.TenantSettings = uow.catalog.settings()
    return settings.negative_policy == catalog.NegativePolicy.WARN


def _out(uow: UnitOfWork, plan: Plan, *, kind: MK, line: commands.Line, here: str, actor: Actor, force: bool, dst: str | None = None, partner: str | None = None,
         pending: dict[tuple[str, str], Decimal] | None = None, made: Sequence[ledger.LotLevel] = ()) -> list[ledger.Move]:
    """``line`` taken out of ``here`` by lot (``made``: lots this write makes first, as a latte made as it sells)."""
    uow.stock.lock_product(line.sku)
    levels = [*uow.stock.levels(here, line.sku, lock=True), *made]
    taken = (pending or {}).get((here, line.sku), Decimal(0))
    if taken:
        levels = _minus(levels, [m for m in plan.moves if m.src == here and m.sku == line.sku])
    have = ledger.total(levels)
    if line.qty > have and not _service(uow, line.sku):   # (hours of someone's time are booked, never short in stock)
        was = next((i for i, f in enumerate(plan.shortfalls) if (f.location, f.sku) == (here, line.sku)), None)
        if was is None:
            plan.shortfalls.append(Shortfall(location=here, sku=line.sku, available=have, requested=line.qty))
        else:   # (卖了充电宝1个89元,1个85元: one product's lines asked together, said once)
            f = plan.shortfalls[was]
            plan.shortfalls[was] = replace(f, requested=f.requested + line.qty)
        if not _allow_negative(uow, force):
            raise errors.InsufficientStock(sku=line.sku, available=str(have), requested=str(line.qty))
    moves = ledger.outbound(kind=kind, sku=line.sku, qty=line.qty, here=here, levels=levels, allow_negative=True,
                            at=actor.at, dst=dst, first=line.lot, unit_price=line.unit_price, partner=partner,
                            actor=actor.user.username, message_id=actor.message_id, batch=actor.batch)
    plan.moves += moves
    if pending is not None:
        pending[(here, line.sku)] = taken + line.qty
    return moves


def _minus(levels: Sequence[ledger.LotLevel], used: Sequence[ledger.Move]) -> list[ledger.LotLevel]:
    out = []
    for lv in levels:
        q = lv.qty - sum((m.qty for m in used if m.lot == lv.lot), Decimal(0))
        out.append(replace(lv, qty=q))
    return out


CUSTOMER_PRICES = "customer_prices"   # the tenant setting: {customer's code: {sku: price per base unit}}


def customer_prices(uow: UnitOfWork, partner: str | None) -> dict[str, Decimal]:
    """The prices agreed with that customer (团餐的可乐按4.5元一瓶: what it pays) or supplier (张记的牛腩按30元一斤: what
    we pay), per base unit; none for None."""
    if partner is None:
        return {}
    agreed = (uow.catalog.tenant_row().settings or {}).get(CUSTOMER_PRICES) or {}
    return {sku: Decimal(str(v)) for sku, v in (agreed.get(partner) or {}).items()}


def set_customer_price(uow: UnitOfWork, partner: str, sku: str, price: Decimal | None) -> None:
    """That customer's price of ``sku`` agreed (None: taken away, back to the catalog's)."""
    _set_per_sku(uow, CUSTOMER_PRICES, partner, {sku: price})


def set_store_safety(uow: UnitOfWork, location: str, sku: str, qty: Decimal | None) -> None:
    """One store's safety stock of ``sku`` (None: back to the product's), kept where ``metrics.store_safety`` reads
    it."""
    _set_per_sku(uow, metrics.STORE_SAFETY, location, {sku: qty})


def set_store_safeties(uow: UnitOfWork, location: str, qty: dict[str, Decimal | None]) -> None:
    """Several of one store's safety stocks at once (把南山店的安全库存都调高10%): the settings read and written once."""
    _set_per_sku(uow, metrics.STORE_SAFETY, location, qty)


def _set_per_sku(uow: UnitOfWork, key: str, owner: str, values: dict[str, Decimal | None]) -> None:
    """A setting kept per owner (a customer, a store) and product: {owner: {sku: value}}; None takes it away, and an
    owner left with none goes too."""
    every = dict((uow.catalog.tenant_row().settings or {}).get(key) or {})
    mine = {k: v for k, v in (every.get(owner) or {}).items() if k not in values}
    mine |= {sku: str(v) for sku, v in values.items() if v is not None}
    every = {k: v for k, v in {**every, owner: mine}.items() if v}
    uow.catalog.set_tenant_setting(key, every or None)


def with_agreed_prices(uow: UnitOfWork, partner: str | None,
                         lines: tuple[commands.Line, ...]) -> tuple[commands.Line, ...]:
    """The lines of a sale to that customer, or a receipt or order from that supplier, with the price agreed with it
    where none was said, else a customer's tier's (王记按批发价: the product's 批发价, when it has one)."""
    agreed = customer_prices(uow, partner)
    tier = next((p.price_tier for p in uow.catalog.partners() if p.code == partner and p.price_tier
                 and p.kind == catalog.PartnerKind.CUSTOMER), None) if partner else None
    def price(ln: commands.Line) -> Decimal | None:
        if ln.gift:   # (the supplier's free goods: nothing, once what was bought of them is priced)
            return ln.unit_price if ln.unit_price is not None or ln.sku not in agreed else Decimal(0)
        if ln.unit_price is not None or ln.sku in agreed:
            return ln.unit_price if ln.unit_price is not None else agreed[ln.sku]
        product = uow.catalog.product(ln.sku) if tier else None
        return catalog.tier_price(product, tier) if product is not None else None
    return tuple(replace(ln, unit_price=price(ln)) for ln in lines) if agreed or tier else lines


def _make(uow: UnitOfWork, p: Plan, recipe: bom.Recipe, qty: Decimal, *, here: str, actor: Actor, force: bool,
          taken: dict[tuple[str, str], Decimal], product: bool, within: tuple[str, ...] = (),
          into: str | None = None, order_id: int | None = None, made_at: int | None = None) -> ledger.LotLevel | None:
    """``qty`` of ``recipe``'s product made at ``here``: its components used (and, ``product``, what it makes, in a
    lot of today: a latte made as it is sold), each move naming the recipe and its version. A component with a
    recipe of its own that the place lacks is made first, from that recipe, as much as is missing (the milk foam of
    the lattes); ``within``: the products being made around this one, never made again inside it (a cycle).
    ``into``: the components are issued there instead (a work order's work in progress, its ``order_id``).
    What is made (its move, or the one at ``made_at`` in the plan) costs what its components used cost."""
    kind, dst = (MK.ISSUE, into) if into is not None else (MK.CONSUMPTION, None)
    start = len(p.moves)
    within = (*within, recipe.sku)
    lot = None
    if product:
        made = _product(uow, recipe.sku)
        expiry = ledger.expiry_for(made, actor.at)
        code = ledger.lot_code(actor.at, None)
        p.lots.append((recipe.sku, code, expiry))
        p.moves.append(ledger.inbound(kind=MK.PRODUCTION, sku=recipe.sku, qty=qty, here=here, at=actor.at, lot=code,
                                      actor=actor.user.username, message_id=actor.message_id, batch=actor.batch))
        lot = ledger.LotLevel(lot=code, qty=qty, expiry=expiry)
        made_at = start
    for c in recipe.components:
        sku, need = c.sku, recipe.need(c, qty)
        if c.substitutes:   # what the place lacks of it, from its substitutes on hand first (no butter: margarine)
            have = {k: uow.stock.on_hand(here, k) - taken.get((here, k), Decimal(0))
                    for k in (sku, *(sub.sku for sub in c.substitutes))}
            lacking = need - max(have[sku], Decimal(0))
            if lacking > 0:
                used, left = bom.covered(c, lacking, have)
                for sub, q in used:
                    _out(uow, p, kind=kind, line=commands.Line(sku=sub, qty=q), here=here, actor=actor,
                         force=force, pending=taken, dst=dst)
                    p.substituted.append((sku, sub, q))
                need = need - lacking + left
                if need <= 0:
                    continue
        first = _make_short(uow, p, sku, need, here=here, actor=actor, force=force, taken=taken, within=within) \
            if sku not in within and len(within) < bom.MAX_LEVELS else []
        _out(uow, p, kind=kind, line=commands.Line(sku=sku, qty=need), here=here, actor=actor, force=force,
             pending=taken, made=first, dst=dst)
    # each move names the recipe it was made for (those of a component's own recipe keep theirs)
    p.moves[start:] = [m if bom.made_by_recipe(m.note) else replace(m, note=recipe.note) for m in p.moves[start:]]
    if order_id is not None:
        p.moves[start:] = [replace(m, order_id=order_id) if m.kind == MK.ISSUE else m for m in p.moves[start:]]
    if made_at is not None and into is None and p.moves[made_at].unit_cost is None:
        spent = [m for m in p.moves[start:] if m.kind == MK.CONSUMPTION and m.note == recipe.note]
        p.moves[made_at] = replace(p.moves[made_at], unit_cost=_cost_each(uow, spent, qty))
    return lot


def _cost_each(uow: UnitOfWork, used: Sequence[ledger.Move], qty: Decimal) -> Decimal | None:
    """What one of ``qty`` made costs: what ``used`` (its components' moves) cost at each one's cost, over ``qty``;
    None when a component's cost is unknown."""
    costs = metrics.unit_costs(uow, [pr for sku in {m.sku for m in used} if (pr := uow.catalog.product(sku))])
    if qty <= 0 or any(costs.get(m.sku) is None for m in used):
        return None
    total = sum((m.qty * (costs[m.sku] or Decimal(0)) for m in used), Decimal(0))
    return (total / qty).quantize(bom.STORED, rounding=ROUND_HALF_UP)


def issue(uow: UnitOfWork, p: Plan, recipe: bom.Recipe, qty: Decimal, *, here: str, actor: Actor, force: bool,
          into: str, order_id: int | None) -> None:
    """What making ``qty`` by ``recipe`` needs, issued from ``here`` to ``into`` (a work order's work in progress),
    as it would be used: substitutes for what the place lacks, made-in-house ingredients made first."""
    _make(uow, p, recipe, qty, here=here, actor=actor, force=force, taken={}, product=False, into=into,
          order_id=order_id)


def issue_lines(uow: UnitOfWork, p: Plan, lines: Sequence[commands.Line], *, here: str, into: str, actor: Actor,
                force: bool, order_id: int | None, note: str) -> None:
    """``lines`` issued from ``here`` to ``into`` (a work order's work in progress) by lot, earliest expiry first,
    each move naming the order."""
    taken: dict[tuple[str, str], Decimal] = {}
    start = len(p.moves)
    for line in lines:
        _out(uow, p, kind=MK.ISSUE, line=line, here=here, actor=actor, force=force, pending=taken, dst=into)
    p.moves[start:] = [replace(m, order_id=order_id, note=note) for m in p.moves[start:]]


def _make_short(uow: UnitOfWork, p: Plan, sku: str, qty: Decimal, *, here: str, actor: Actor, force: bool,
                taken: dict[tuple[str, str], Decimal], within: tuple[str, ...] = ()) -> list[ledger.LotLevel]:
    """What ``qty`` of ``sku`` taken at ``here`` lacks (beyond what is there and not yet taken by this write), made
    first from its recipe: the lot made, for the taking to use (none: no recipe, or nothing lacking)."""
    recipe = uow.recipes.current(sku)
    if recipe is None:
        return []
    short = qty - max(uow.stock.on_hand(here, sku) - taken.get((here, sku), Decimal(0)), Decimal(0))
    if short <= 0:
        return []
    made = _make(uow, p, recipe, short, here=here, actor=actor, force=force, taken=taken, product=True, within=within)
    return [made] if made is not None else []


def _supplier_lot(uow: UnitOfWork, sku: str, lot: str, partner: str | None) -> str:
    """The day's lot, unless another supplier's goods came in under it already: then this supplier's own lot of
    the day (20260615-S02), so a recall of one supplier's delivery never takes in another's. The product's lock
    first (PostgreSQL): two suppliers' receipts at once see each other's, never both take the day's lot."""
    uow.stock.lock_product(sku)
    came = {m.partner or "" for m in trace.standing(uow.stock.lot_moves(sku, lot)) if m.kind == MK.RECEIPT}
    if not came or (partner or "") in came:
        return lot
    return f"{lot}-{partner or 'N'}"


def settled(uow: UnitOfWork, cmd: commands.RecordMoves, *, user: catalog.User | None = None,
            now: datetime | None = None) -> commands.RecordMoves:
    """A sale or receipt with the adjustment said at the till (优惠20元 · 抹零 · 一共收了300 · 免单) settled: each line at
    its share of what was taken, from its list price (the price said, else the one agreed with the partner or its
    tier's, else the catalog's selling price, or cost for what comes in). A sale saying none, with ``user`` and
    ``now`` given, is charged by the promotions running that day at its store (``promoted``). Settled once: a
    settled command is returned as it is, so a draft confirmed later takes nothing off twice."""
    adj = cmd.adjust
    if adj is None and cmd.movement == commands.Movement.SALE and cmd.partner and user is not None \
            and all(ln.unit_price is None for ln in cmd.lines):
        ordered = _as_ordered(uow, cmd, user=user)   # (王记提走手机壳6个: at what its order was settled at)
        if ordered is not cmd:   # (given when the order was placed: no one's to approve again)
            at = _under_list(uow, ordered)
            return at if at.adjust is None else replace(at, adjust=replace(at.adjust, kind=commands.AdjustKind.ORDER))
    if adj is None and cmd.movement == commands.Movement.SALE and any(ln.unit_price is not None for ln in cmd.lines):
        return _under_list(uow, cmd)
    if adj is None and cmd.movement == commands.Movement.SALE and user is not None and now is not None:
        return promoted(uow, cmd, user=user, now=now)
    if adj is not None and adj.kind == commands.AdjustKind.PROMO and adj.listed is None:   # 卖了手机壳3个,买二送一
        charged = promoted(uow, replace(cmd, adjust=None), user=user, now=now) \
            if user is not None and now is not None else cmd
        if charged.adjust is None:   # (no promotion runs for it: never the list price silently, never a guess)
            raise errors.BadInput(code="promo_none_running", said=adj.said)
        return charged
    if adj is None or adj.listed is not None or cmd.movement not in (commands.Movement.SALE, commands.Movement.RECEIPT):
        return cmd
    lists = list_prices(uow, cmd.partner, cmd.lines, cost=cmd.movement == commands.Movement.RECEIPT)
    done = settle_lines(uow, [(ln.sku, ln.qty, price) for ln, price in zip(cmd.lines, lists, strict=True)], adj)
    return replace(cmd, lines=tuple(replace(ln, unit_price=price) for ln, price in zip(cmd.lines, done.prices,
                                                                                        strict=True)),
                   adjust=replace(adj, listed=done.listed, taken=done.taken))


def _as_ordered(uow: UnitOfWork, cmd: commands.RecordMoves, *, user: catalog.User) -> commands.RecordMoves:
    """A customer's sale saying no price, each line at the price its oldest open order of that product here was
    settled at when placed (优惠100 · 打9折 · a promotion then), where that is not the list price and the order still
    awaits that much; as it was otherwise (the list, or a promotion running now, charges it)."""
    try:
        here = home(user, cmd.location)
    except errors.BadInput:
        return cmd
    waiting = [o for o in uow.orders.list(kinds=["sale"], statuses=["open", "partial"], partner=cmd.partner)
               if o.location == here]
    if not waiting:
        return cmd
    lists = list_prices(uow, cmd.partner, cmd.lines)
    def ordered(ln: commands.Line, listed: Decimal | None) -> Decimal | None:
        line = next((x for o in waiting for x in o.lines if x.sku == ln.sku and x.open_qty > 0), None)
        price: Decimal | None = line.unit_price if line is not None else None
        return None if line is None or price is None or line.open_qty < ln.qty or price == listed else price
    prices = [ordered(ln, listed) for ln, listed in zip(cmd.lines, lists, strict=True)]
    if all(price is None for price in prices):
        return cmd
    return replace(cmd, lines=tuple(replace(ln, unit_price=price) for ln, price in zip(cmd.lines, prices, strict=True)))


def promoted(uow: UnitOfWork, cmd: commands.RecordMoves, *, user: catalog.User, now: datetime
              ) -> commands.RecordMoves:
    """A sale charged by the promotions running on its day at its store (手机壳买二送一: 3 cases charged as 2): the
    lines at the catalog's selling price alone (a price agreed with the customer, or its tier's, stands), each at
    what the promotions leave of it, the sale's adjustment saying which took what (``PROMO``); as it was when none
    applies. Only a tenant with promotions kept reads more than the settings the turn read already."""
    raw = uow.catalog.setting(promotions.SETTING)
    if not raw:
        return cmd
    try:
        here = home(user, cmd.location)
    except errors.BadInput:
        return cmd   # (no store yet: asked which first, charged then)
    when = (cmd.at or now).astimezone(now.tzinfo)   # (晚上8点以后: by the hour the sale was made)
    day, clock = when.date(), when.time().replace(tzinfo=None)
    running = [p for p in promotions.load(raw) if p.live(day, here, now, clock)]
    if not running:
        return cmd
    own = with_agreed_prices(uow, cmd.partner, cmd.lines)
    products = [uow.catalog.product(ln.sku) for ln in cmd.lines]
    done = promotions.apply(running, [
        (ln.sku, p.category if p is not None else "", ln.qty,
         p.unit_price if p is not None and mine.unit_price is None else None)
        for ln, mine, p in zip(cmd.lines, own, products, strict=True)], day=day, location=here, at=now, clock=clock)
    if not done.used:
        return cmd
    lines = tuple(ln if price is None or p is None or price == p.unit_price else replace(ln, unit_price=price)
                  for ln, price, p in zip(cmd.lines, done.prices, products, strict=True))
    marked = ";".join(x for x in (cmd.note, *(f"促销#{p.number}" for p, _ in done.used)) if x)   # (on its moves)
    return replace(cmd, lines=lines, note=marked, adjust=commands.Adjust(
        commands.AdjustKind.PROMO, None, "、".join(f"#{p.number} {p.said}" for p, _ in done.used),
        listed=done.listed, taken=done.taken, promos=tuple((p.number, off) for p, off in done.used)))


def list_prices(uow: UnitOfWork, partner: str | None, lines: Sequence[commands.Line], *,
                cost: bool = False) -> list[Decimal | None]:
    """What each line goes at: the price said, else the one agreed with the partner or its tier's, else the catalog's
    selling price (its cost, for what comes in); None: none known."""
    def catalog_price(sku: str) -> Decimal | None:
        p = uow.catalog.product(sku)
        return None if p is None else p.unit_cost if cost else p.unit_price
    return [ln.unit_price if ln.unit_price is not None else catalog_price(ln.sku)
            for ln in with_agreed_prices(uow, partner, tuple(lines))]


def settle_lines(uow: UnitOfWork, lines: Sequence[tuple[str, Decimal, Decimal | None]],
                 adj: commands.Adjust) -> pricing.Settled:
    """The lines (sku, quantity, list price) settled by the adjustment said (``pricing.settle``); a line with no list
    price is refused by its product's name (``adjust_no_price``)."""
    missing = [sku for sku, _, price in lines if price is None]
    if missing:
        raise errors.BadInput(code="adjust_no_price", items="、".join(
            (p.name if (p := uow.catalog.product(sku)) is not None else sku) for sku in dict.fromkeys(missing)))
    return pricing.settle([(qty, price) for _, qty, price in lines], adj.kind, adj.amount)


def _under_list(uow: UnitOfWork, cmd: commands.RecordMoves) -> commands.RecordMoves:
    """A sale with prices said under the list (卖了蓝牙耳机2副,收了150 with the list at ¥99): kept as it was said, with
    what it listed at and what was taken (a discount like any other, to the limit and the report); as it was when any
    line has no list price, or none is under it."""
    lists = list_prices(uow, cmd.partner, [replace(ln, unit_price=None) for ln in cmd.lines])
    if any(price is None for price in lists):
        return cmd
    listed = sum((ln.qty * (price or Decimal(0)) for ln, price in zip(cmd.lines, lists, strict=True)), Decimal(0))
    taken = sum((ln.qty * (ln.unit_price if ln.unit_price is not None else price or Decimal(0))
                 for ln, price in zip(cmd.lines, lists, strict=True)), Decimal(0))
    fen = pricing.FEN
    listed, taken = listed.quantize(fen, rounding=ROUND_HALF_UP), taken.quantize(fen, rounding=ROUND_HALF_UP)
    if taken >= listed:
        return cmd
    return replace(cmd, adjust=commands.Adjust(commands.AdjustKind.PRICE, None, "", listed=listed, taken=taken))


def plan(uow: UnitOfWork, cmd: commands.Command, *, actor: Actor, force: bool = False) -> Plan:
    p = Plan()
    taken: dict[tuple[str, str], Decimal] = {}
    if isinstance(cmd, commands.RecordMoves) and (cmd.adjust is not None or cmd.movement == commands.Movement.SALE):
        cmd = settled(uow, cmd)   # 优惠20元: the lines at what was taken (the chat charged its promotions already)
        p.settled = cmd if cmd.adjust is not None else None
    if isinstance(cmd, commands.RecordMoves):
        here = home(actor.user, cmd.location)
        kind = MOVEMENT_KIND[cmd.movement]
        said = len(p.moves)
        if kind == MK.RECEIPT and cmd.partner:   # (张记的牛腩按30元一斤: a receipt from it that says no price)
            cmd = replace(cmd, lines=with_agreed_prices(uow, cmd.partner, cmd.lines))
        if cmd.freight is not None and kind == MK.RECEIPT:   # 运费50: spread over the lines' unit costs
            cmd = replace(cmd, lines=_landed(uow, p, cmd.lines, cmd.freight),
                          note=";".join(x for x in (cmd.note, f"运费¥{cmd.freight:.2f}") if x))
        gifts: list[tuple[int, int]] = []   # (the moves of the lines a supplier gave free: noted so below)
        for line in cmd.lines:
            began = len(p.moves)
            units = _by_serial(uow, line)
            if units is not None:   # 收到蓝牙耳机2副,串号SN001、SN002: each unit under its own code
                _units(uow, p, kind, units, here=here, actor=actor, partner=cmd.partner, taken=taken, force=force)
                continue
            if kind in (MK.RECEIPT, MK.PRODUCTION):   # both make a lot: a day's bake keeps as long as a delivery
                product = _product(uow, line.sku)
                usual = ledger.expiry_for(product, actor.at)
                expiry = line.expiry or usual
                # a day's receipts share a lot unless a message names another expiry (保质期3天 · 生产日期…)
                lot = line.lot or ledger.lot_code(actor.at, expiry if expiry != usual else None)
                if not line.lot and kind == MK.RECEIPT:
                    lot = _supplier_lot(uow, line.sku, lot, cmd.partner)
                p.lots.append((line.sku, lot, expiry))
                if line.lot and line.expiry:   # 批号M1,保质期到6月20日: the lot's expiry, as said now
                    p.expiry_said.add((line.sku, lot))
                p.moves.append(ledger.inbound(kind=kind, sku=line.sku, qty=line.qty, here=here, at=actor.at, lot=lot,
                                              unit_cost=line.unit_price, partner=cmd.partner,
                                              actor=actor.user.username, message_id=actor.message_id,
                                              batch=actor.batch))
                if kind == MK.RECEIPT:
                    _match_order(uow, p, partner=cmd.partner, here=here, line=line, first=cmd.order_id)
                recipe = uow.recipes.current(line.sku) if kind == MK.PRODUCTION else None
                if recipe is not None:   # 做了30个可颂: its flour, butter and eggs used with it (and what they cost)
                    _make(uow, p, recipe, line.qty, here=here, actor=actor, force=force, taken=taken, product=False,
                          made_at=len(p.moves) - 1)
            elif kind == MK.CUSTOMER_RETURN:   # (the product's being there: read by _by_serial)
                p.moves.append(ledger.inbound(kind=kind, sku=line.sku, qty=line.qty, here=here, at=actor.at,
                                              partner=cmd.partner, actor=actor.user.username,
                                              message_id=actor.message_id, batch=actor.batch))
            else:
                if kind == MK.SALE and cmd.partner and line.unit_price is None:   # (团餐的可乐按4.5元一瓶: its price)
                    line = with_agreed_prices(uow, cmd.partner, (line,))[0]
                # 拿铁卖了40杯 · 拿铁做坏了2杯 · 员工喝了3杯拿铁: what the place lacks made as sold (spoiled, used),
                # from its recipe (its ingredients are what was lost)
                made = _make_short(uow, p, line.sku, line.qty, here=here, actor=actor, force=force, taken=taken) \
                    if kind in (MK.SALE, MK.SCRAP, MK.CONSUMPTION) else []
                _out(uow, p, kind=kind, line=line, here=here, actor=actor, force=force,
                     partner=cmd.partner, pending=taken, made=made)
                if kind == MK.SALE and cmd.partner:
                    _match_order(uow, p, partner=cmd.partner, here=here, line=line, kinds=["sale"])
            if line.gift and kind == MK.RECEIPT:
                gifts.append((began, len(p.moves)))
        if cmd.note:   # 报损鸡蛋5个,运输途中碎的 · …,发票号12345: the words kept on each of its moves
            p.moves[said:] = [m if bom.made_by_recipe(m.note) else replace(m, note=cmd.note[:200]) for m in p.moves[said:]]
        if cmd.method:   # 卖了手机壳3个,微信收款: each sale (return) says how it was paid (refunded), for the cash-up
            p.moves[said:] = [replace(m, method=cmd.method) if m.kind in (MK.SALE, MK.CUSTOMER_RETURN) else m
                              for m in p.moves[said:]]
        for a, b in gifts:   # 收到牛奶2箱,赠送1箱: the free case's moves say so (nothing owed for it, priced or not)
            p.moves[a:b] = [replace(m, note=";".join(x for x in (m.note, ledger.GIFT) if x)[:200])
                            if m.kind == MK.RECEIPT else m for m in p.moves[a:b]]
    elif isinstance(cmd, commands.TransferStock):
        src = home(actor.user, cmd.source)
        dst = home(actor.user, cmd.dest)
        if src == dst:
            raise errors.BadInput(code="same_location", location=src)
        transit = catalog.VIRTUAL[catalog.LocationKind.TRANSIT]
        for line in cmd.lines:
            units = _by_serial(uow, line)
            if units is not None:   # 把串号SN001的耳机调到东门店: those units
                outs = _units_out(uow, p, MK.TRANSFER_OUT, units, here=src, actor=actor, dst=transit, taken=taken)
            else:
                outs = _out(uow, p, kind=MK.TRANSFER_OUT, line=line, here=src, actor=actor, force=force,
                            dst=transit, pending=taken)
            for m in outs:
                p.moves.append(replace(m, kind=MK.TRANSFER_IN, src=transit, dst=dst))
    elif isinstance(cmd, commands.CountStock):
        here = home(actor.user, cmd.location)
        for line in commands.counted_together(cmd.lines):   # (one product said twice: its parts' sum, counted once)
            kept = uow.catalog.kept_by_serial(line.sku)
            if kept and not line.serials and not cmd.surplus and line.qty > 0:
                line = _counted_as_booked(uow, line, here)   # 蓝牙耳机3 on the count sheet: the units the books hold
            units = _by_serial(uow, line, kept=kept)
            if units is not None:   # 盘点蓝牙耳机3副,串号…: the store holds exactly those units
                _count_units(uow, p, units, here=here, actor=actor, surplus=cmd.surplus)
                continue
            uow.stock.lock_product(line.sku)
            levels = uow.stock.levels(here, line.sku, lock=True)
            target = line.qty + (uow.stock.on_hand(here, line.sku) if cmd.surplus else 0)   # (盘盈3升: 3 more)
            p.moves += ledger.count_moves(sku=line.sku, target=target, here=here, levels=levels, at=actor.at,
                                          actor=actor.user.username, message_id=actor.message_id, batch=actor.batch)
    else:
        raise errors.BadInput(code="not_a_stock_command")
    return p


def _by_serial(uow: UnitOfWork, line: commands.Line, *, kept: bool | None = None) -> commands.Line | None:
    """``line`` when it moves units by their serial numbers (a product kept by serial: one unit of a lot said is the
    unit of that serial, as a recall pulls it), else None; refused when they do not count its units one to one, or
    when its product is kept by serial and none are said (``kept``: whether it is, when the caller read it)."""
    kept = uow.catalog.kept_by_serial(line.sku) if kept is None else kept
    if kept is None:
        raise errors.NotFound(code="unknown_sku", sku=line.sku)
    if not kept and not line.serials:   # (most goods: no codes, none needed)
        return None
    product = _product(uow, line.sku)
    if product.serial and not line.serials and line.lot and line.qty == serials.ONE:
        line = replace(line, serials=(line.lot,))
    serials.check(product, line)
    return line if line.serials else None


def _units(uow: UnitOfWork, p: Plan, kind: MK, line: commands.Line, *, here: str, actor: Actor,
           partner: str | None, taken: dict[tuple[str, str], Decimal], force: bool) -> None:
    """A line's units, each a lot of one base unit under its serial: received or made only when not in stock
    anywhere (what is made uses its recipe, each unit costing its share), returned by a customer only when sold to
    one, otherwise taken from ``here``, where each must be."""
    extra = {"actor": actor.user.username, "message_id": actor.message_id, "batch": actor.batch, "partner": partner}
    if kind in (MK.RECEIPT, MK.PRODUCTION, MK.CUSTOMER_RETURN):
        product = _product(uow, line.sku)
        expiry = line.expiry or ledger.expiry_for(product, actor.at)
        uow.stock.lock_product(line.sku)
        every = uow.stock.lots_moves(line.sku, line.serials)   # (each unit's moves, read at once)
        for code in line.serials:
            where = serials.held(every[code])
            if kind == MK.CUSTOMER_RETURN and not serials.sold(where):
                raise errors.BadInput(code="serial_not_sold", serial=code, product=product.name)
            if kind != MK.CUSTOMER_RETURN and serials.in_stock(where):
                raise errors.BadInput(code="serial_in_stock", serial=code, product=product.name,
                                      where=_place(uow, serials.in_stock(where)[0]))
            p.lots.append((line.sku, code, expiry))
            p.moves.append(ledger.inbound(kind=kind, sku=line.sku, qty=serials.ONE, here=here, at=actor.at, lot=code,
                                          unit_cost=line.unit_price if kind != MK.CUSTOMER_RETURN else None, **extra))
        if kind == MK.RECEIPT:
            _match_order(uow, p, partner=partner, here=here, line=line)
        recipe = uow.recipes.current(line.sku) if kind == MK.PRODUCTION else None
        if recipe is not None:   # 组装了路由器2台,串号R1、R2: their parts used, each unit at its share of the cost
            first = len(p.moves) - len(line.serials)
            _make(uow, p, recipe, line.qty, here=here, actor=actor, force=force, taken=taken, product=False,
                  made_at=first)
            p.moves[first:first + len(line.serials)] = [
                replace(m, unit_cost=p.moves[first].unit_cost) for m in p.moves[first:first + len(line.serials)]]
        return
    if kind == MK.SALE and partner and line.unit_price is None:   # (团餐的耳机按90元一副: its price)
        line = with_agreed_prices(uow, partner, (line,))[0]
    _units_out(uow, p, kind, line, here=here, actor=actor, partner=partner, taken=taken)
    if kind == MK.SALE and partner:
        _match_order(uow, p, partner=partner, here=here, line=line, kinds=["sale"])


def _units_out(uow: UnitOfWork, p: Plan, kind: MK, line: commands.Line, *, here: str, actor: Actor,
               taken: dict[tuple[str, str], Decimal], dst: str | None = None,
               partner: str | None = None) -> list[ledger.Move]:
    """The line's units taken out of ``here`` by their serials, each refused unless it is there now."""
    uow.stock.lock_product(line.sku)
    there = {lv.lot: lv for lv in uow.stock.levels(here, line.sku, lock=True)}
    moves: list[ledger.Move] = []
    for code in line.serials:
        lv = there.get(code)
        if lv is None or lv.qty < serials.ONE:   # (refused: where it is instead, said)
            product = _product(uow, line.sku)
            where = serials.held(uow.stock.lot_moves(line.sku, code))
            elsewhere = serials.in_stock(where)
            raise errors.BadInput(code="serial_elsewhere" if elsewhere else "serial_sold" if serials.sold(where)
                                  else "serial_gone" if where else "serial_unknown", serial=code,
                                  product=product.name, unit=product.base_unit, here=_place(uow, here),
                                  where=_place(uow, elsewhere[0]) if elsewhere else "")
        moves += ledger.outbound(kind=kind, sku=line.sku, qty=serials.ONE, here=here, levels=[lv], at=actor.at,
                                 allow_negative=False, dst=dst, first=code, unit_price=line.unit_price, partner=partner,
                                 actor=actor.user.username, message_id=actor.message_id, batch=actor.batch)
    p.moves += moves
    taken[(here, line.sku)] = taken.get((here, line.sku), Decimal(0)) + line.qty
    return moves


def _counted_as_booked(uow: UnitOfWork, line: commands.Line, here: str) -> commands.Line:
    """A count of goods kept by serial said without their serials (蓝牙耳机3 on the count sheet): when it finds what
    the books hold here, unit by unit, those units (nothing changes); when it finds another number, refused with the
    units the books hold, to be said by the serials found. Stock from before the goods were kept by serial (a lot of
    more than one) is left to the serials' own refusal."""
    levels = [lv for lv in uow.stock.levels(here, line.sku) if lv.qty != 0]
    if not levels or any(lv.qty != serials.ONE or not lv.lot for lv in levels):
        return line
    codes = tuple(sorted(lv.lot for lv in levels))
    if line.qty != len(codes):
        product = _product(uow, line.sku)
        raise errors.BadInput(code="serials_count_differs", product=product.name, unit=product.base_unit,
                              booked=str(len(codes)), qty=f"{line.qty.normalize():f}",
                              codes="、".join(codes[:serials.SHOWN]) + ("…" if len(codes) > serials.SHOWN else ""))
    return replace(line, serials=codes)


def _count_units(uow: UnitOfWork, p: Plan, line: commands.Line, *, here: str, actor: Actor, surplus: bool) -> None:
    """A count by serials: each unit named is here afterwards (refused when it is in stock at another place, or, found
    on top, here already); every other unit here is adjusted away."""
    uow.stock.lock_product(line.sku)
    every = uow.stock.lots_moves(line.sku, line.serials)   # (each unit's moves, read at once)
    for code in line.serials:
        other = [x for x in serials.in_stock(serials.held(every[code])) if x != here or surplus]
        if other:
            raise errors.BadInput(code="serial_in_stock", serial=code, product=_product(uow, line.sku).name,
                                  where=_place(uow, other[0]))
        p.lots.append((line.sku, code, None))
    p.moves += serials.count_moves(sku=line.sku, codes=line.serials, here=here, surplus=surplus, at=actor.at,
                                   levels=uow.stock.levels(here, line.sku, lock=True), actor=actor.user.username,
                                   message_id=actor.message_id, batch=actor.batch)


def _place(uow: UnitOfWork, code: str) -> str:
    return next((x.name for x in uow.catalog.locations() if x.code == code), code)


def _product(uow: UnitOfWork, sku: str) -> catalog.Product:
    product: catalog.Product | None = uow.catalog.product(sku)
    if product is None:
        raise errors.NotFound(code="unknown_sku", sku=sku)
    return product


def short_of_order(uow: UnitOfWork, cmd: commands.Command, user: catalog.User) -> commands.Command:
    """牛腩到了48斤,少了2斤: a receipt's line holds what was said less the shortfall (46: the note said 48, 2 of it
    did not come). When what is on order for the product here is the quantity said plus the shortfall (50), the
    quantity said is what came, short of the order."""
    if not isinstance(cmd, commands.RecordMoves) or cmd.movement != commands.Movement.RECEIPT \
            or not any(ln.short for ln in cmd.lines):
        return cmd
    here = home(user, cmd.location)
    open_orders = [o for o in uow.orders.list(kinds=["purchase", "purchase_request"], statuses=["open", "partial"])
                   if o.location == here and not (cmd.partner and o.partner and o.partner != cmd.partner)]
    lines = []
    for line in cmd.lines:
        said = line.qty + (line.short or 0)
        on_order = sum((ln.open_qty for o in open_orders for ln in o.lines if ln.sku == line.sku), Decimal(0))
        lines.append(replace(line, qty=said, raw_qty=said if line.raw_qty == line.qty else line.raw_qty, short=None)
                     if line.short and on_order == said + line.short else line)
    return replace(cmd, lines=tuple(lines))


def _match_order(uow: UnitOfWork, p: Plan, *, partner: str | None, here: str, line: commands.Line,
                 kinds: Sequence[str] = ("purchase", "purchase_request"), first: int | None = None) -> None:
    """Receiving against the oldest open purchase order for this product at this location (the order ``first``,
    when one was named: 订单2到了, before any older one); with ``kinds`` ["sale"], a sale to a customer against its
    oldest open order (what it ordered leaves)."""
    left = line.qty
    for o in sorted(uow.orders.list(kinds=list(kinds), statuses=["open", "partial"]), key=lambda o: o.id != first):
        if left <= 0:
            break
        if o.location != here or (partner and o.partner and o.partner != partner):
            continue
        if o.kind == orders.OrderKind.SALE and o.partner != partner:
            continue
        open_qty = sum((ln.open_qty for ln in o.lines if ln.sku == line.sku), Decimal(0))
        if open_qty > 0:
            take = min(open_qty, left)
            p.order_receipts.append((o.id, line.sku, take))
            left -= take


def books_open(uow: UnitOfWork, moves: Sequence[ledger.Move], *, now: datetime) -> None:
    """Refuses moves dated in a period whose books are closed (结账到5月31日). The books close through yesterday at
    the latest, so only a move dated before today is looked at (the settings read for it alone)."""
    today = now.date()
    if any(m.at.astimezone(now.tzinfo).date() < today for m in moves):
        periods.check(moves, through=periods.closed_through(uow.catalog.tenant_row().settings), tz=now.tzinfo)


def record(uow: UnitOfWork, p: Plan, *, actor: Actor, t: Any = None, push: Any = None) -> list[events.Event]:
    """Append the planned moves (levels updated in the same transaction); return events. A move dated in a period
    whose books are closed is refused (``periods``)."""
    books_open(uow, p.moves, now=actor.now)
    for sku, lot, expiry in p.lots:
        uow.stock.ensure_lot(sku=sku, code=lot, expiry=expiry, received_at=actor.at, said=(sku, lot) in p.expiry_said)
    uow.stock.record(p.moves)
    adj = p.settled.adjust if p.settled is not None else None
    if p.settled is not None and adj is not None and adj.listed is not None and adj.taken is not None \
            and adj.listed != adj.taken:   # (抹零 of ¥250.00: nothing taken off, nothing to keep)
        uow.chat.audit(at=actor.now, actor=actor.user.username, action="adjusted", detail={
            "batch": actor.batch, "movement": p.settled.movement.value, "kind": adj.kind.value, "said": adj.said,
            "location": home(actor.user, p.settled.location), "partner": p.settled.partner,
            "listed": str(adj.listed), "taken": str(adj.taken), "at": actor.at.isoformat()}
            | ({"promos": {str(n): str(off) for n, off in adj.promos}} if adj.promos else {}))
    evs: list[events.Event] = []
    for oid, sku, qty in p.order_receipts:
        o: orders.Order = uow.orders.get(oid, lock=True)
        o2, _ = o.receive(sku, qty)
        # what this write received, so that undoing it gives it back (``undo``)
        receipts = [*o2.meta.get("receipts", []), {"batch": actor.batch, "sku": sku, "qty": str(qty),
                                                   "at": actor.at.isoformat()}]
        o2 = replace(o2, meta={**o2.meta, "receipts": receipts})
        uow.orders.save(o2)
        if o.kind == orders.OrderKind.SALE and o.due is not None:
            uow.chat.ship_booking(order_id=oid, sku=sku, qty=qty, due=o.due, at=actor.at)   # the day it left
        if o2.status == orders.Status.DONE and t is not None:
            takeover.outcome(uow, push or (lambda *a, **k: None), t, order=o2, rejected=False, now=actor.now)
        if o2.status != o.status:
            evs.append(events.OrderChanged(order_id=oid, kind=o2.kind.value, status=o2.status.value, at=actor.now))
    sold: dict[tuple[str, str], Decimal] = {}   # what this write sold of each product at each place
    for m in p.moves:
        if m.kind == MK.SALE:
            sold[(m.src, m.sku)] = sold.get((m.src, m.sku), Decimal(0)) + m.qty
    seen = set()
    for m in p.moves:
        for loc in (m.src, m.dst):
            if not loc.startswith("~") and (loc, m.sku) not in seen:
                seen.add((loc, m.sku))
                evs.append(events.StockMoved(location=loc, sku=m.sku, at=actor.now, kind=m.kind.value,
                                             actor=actor.user.username, sold=sold.get((loc, m.sku), Decimal(0)),
                                             batch=actor.batch))
    return evs


def undo(uow: UnitOfWork, *, actor: Actor, batch: str | None = None) -> tuple[list[ledger.Move], list[events.Event]]:
    """Reverse the user's last write (``batch``: that one of theirs) with reversing moves (never a delete). Each
    reversal is dated when its move was, so the day the write was about nets out (昨天卖了可乐3瓶, undone: yesterday sold
    none, today none less); a move in a period whose books are closed is reversed today instead."""
    batch = batch or uow.stock.last_batch(actor.user.username)
    if batch is None:
        raise errors.NotFound(code="nothing_to_undo")
    original: list[ledger.Move] = uow.stock.batch(batch)
    tz = actor.now.tzinfo
    through = periods.closed_through(uow.catalog.tenant_row().settings) \
        if any(m.at.astimezone(tz).date() < actor.now.date() for m in original) else None
    rev = [ledger.reversal(m, at=m.at if through is None or m.at.astimezone(tz).date() > through else actor.now,
                           actor=actor.user.username, batch=actor.batch, message_id=actor.message_id)
           for m in reversed(original)]
    uow.stock.record(rev)
    evs: list[events.Event] = [events.StockMoved(location=loc, sku=m.sku, at=actor.now, kind="reversal",
                                                 actor=actor.user.username)
                               for m in original for loc in (m.src, m.dst) if not loc.startswith("~")]
    evs += _unreceive(uow, batch, actor=actor)
    _unpay(uow, batch, actor=actor)
    for oid in sorted({m.order_id for m in original if m.order_id is not None}):   # a work order's write: its state
        o = uow.orders.get(oid, lock=True)
        if production.is_work_order(o):
            o2 = production.settled(o, trace.standing(uow.stock.moves_of_order(oid)), batch)
            uow.orders.save(o2)
            if o2.status != o.status:
                evs.append(events.OrderChanged(order_id=oid, kind=o2.kind.value, status=o2.status.value, at=actor.now))
    return original, evs


def restore(uow: UnitOfWork, batch: str, *, actor: Actor) -> tuple[list[ledger.Move], list[events.Event]]:
    """A write a correction undid (``batch``), written again as it was when the correction is undone: the same
    moves (lots, prices, partner, its own time) in a new batch (``actor.batch``), and the payment it was paid with on
    the spot, if any."""
    moves = [replace(m, id=None, batch=actor.batch, message_id=actor.message_id)
             for m in uow.stock.batch(batch) if m.reverses is None]
    if not moves:
        raise errors.NotFound(code="nothing_to_undo")
    books_open(uow, moves, now=actor.now)   # (written again at its own time: not into a closed period)
    uow.stock.record(moves)
    for p in uow.payments.on_batch(batch):
        if p.reverses is None and p.id is not None and uow.payments.is_reversed(p.id):
            spot = accounts.spot_of(p.note)
            pid = uow.payments.add(partner=p.partner, amount=p.amount, at=actor.now, actor=actor.user.username,
                                   message_id=actor.message_id, method=p.method,
                                   note=accounts.spot_note(actor.batch, spot[1] if spot is not None else ""))
            uow.chat.audit(at=actor.now, actor=actor.user.username, action="payment",
                           detail={"payment": pid, "partner": p.partner, "amount": str(p.amount), "batch": actor.batch})
    evs: list[events.Event] = [events.StockMoved(location=loc, sku=m.sku, at=actor.now, kind=m.kind.value,
                                                 actor=actor.user.username)
                               for m in moves for loc in (m.src, m.dst) if not loc.startswith("~")]
    return moves, evs


def _unpay(uow: UnitOfWork, batch: str, *, actor: Actor) -> None:
    """The payment a write paid on the spot brought (盒马买了…,付了现金 · 收到张记牛腩50斤,现结 · 运费50已付: kept with
    the note batch:…), undone with it."""
    for p in uow.payments.on_batch(batch):
        if p.reverses is None and p.id is not None and not uow.payments.is_reversed(p.id):
            uow.payments.add(partner=p.partner, amount=-p.amount, at=actor.now, actor=actor.user.username,
                             message_id=actor.message_id, reverses=p.id, method=p.method)
            uow.chat.audit(at=actor.now, actor=actor.user.username, action="payment_voided",
                           detail={"payment": p.id, "partner": p.partner, "amount": str(p.amount), "batch": batch})


def _unreceive(uow: UnitOfWork, batch: str, *, actor: Actor) -> list[events.Event]:
    """The orders an undone write went against give back what it received (a purchase order is on order again,
    a customer's order waits to be collected, its booking back on its day)."""
    evs: list[events.Event] = []
    for o in uow.orders.list(kinds=["purchase", "purchase_request", "sale"], statuses=["partial", "done"]):
        mine = [r for r in o.meta.get("receipts", []) if r.get("batch") == batch]
        if not mine:
            continue
        o2 = o
        for r in mine:
            qty = Decimal(r["qty"])
            o2 = orders.unreceive(o2, r["sku"], qty)
            if o.kind == orders.OrderKind.SALE and o.due is not None and o.id is not None:
                uow.chat.unship_booking(order_id=o.id, sku=r["sku"], qty=qty, due=o.due,
                                        at=datetime.fromisoformat(r["at"]))
        o2 = replace(o2, meta={**o2.meta, "receipts": [r for r in o.meta["receipts"] if r.get("batch") != batch]})
        uow.orders.save(o2)
        if o2.status != o.status and o.id is not None:
            evs.append(events.OrderChanged(order_id=o.id, kind=o.kind.value, status=o2.status.value, at=actor.now))
    return evs


PROMOTED = re.compile(r"促销#\d+")   # a sale's moves charged by a promotion (``promoted``)


def command_of(moves: Sequence[ledger.Move], *, sku: str | None, qty: Decimal, now: datetime,
               as_sku: str | None = None) -> commands.Command:
    """Rebuild a command like the one that produced ``moves``, for ``sku`` with a new quantity (on the earlier day
    the write was about, if it was about one); ``as_sku``: that line of another product (不是牛奶,是奶油)."""
    if any(m.kind == MK.ISSUE or (m.order_id is not None and m.kind == MK.PRODUCTION) for m in moves):
        raise errors.BadInput(code="correct_work_order")   # (a work order's write: undone, then said again)
    moves = [m for m in moves if not bom.made_by_recipe(m.note)]   # (a recipe's part is made again from the write)
    if not moves:
        raise errors.NotFound(code="nothing_to_undo")
    skus = {m.sku for m in moves}
    target = sku or (next(iter(skus)) if len(skus) == 1 else None)
    if target is None or target not in skus:
        raise errors.BadInput(code="which_product")
    first = next(m for m in moves if m.sku == target)
    promoted = any(PROMOTED.search(m.note or "") for m in moves)   # (charged by a promotion: charged again by it)
    # goods that came in keep their lot (批号M1, or the day's with the expiry said): a lot taken from is FEFO's again
    lot = first.lot or None if first.kind in (MK.RECEIPT, MK.PRODUCTION) and as_sku is None else None
    line = commands.Line(sku=as_sku or target, qty=qty,
                         unit_price=None if promoted else first.unit_price or first.unit_cost, lot=lot)
    others: dict[str, Decimal] = {}
    for m in moves:
        if m.sku != target and m.kind != MK.TRANSFER_IN:
            others.setdefault(m.sku, Decimal(0))
            others[m.sku] += m.qty
    said = {m.sku: None if promoted else m.unit_price or m.unit_cost
            for m in reversed(moves)}   # each other line keeps its price too
    came = {m.sku: m.lot or None for m in reversed(moves) if m.kind in (MK.RECEIPT, MK.PRODUCTION)}   # (their lots too)
    extra = tuple(commands.Line(sku=s, qty=q, unit_price=said.get(s), lot=came.get(s)) for s, q in others.items())
    if first.kind == MK.TRANSFER_OUT:
        dst = next(m.dst for m in moves if m.kind == MK.TRANSFER_IN)
        return commands.TransferStock(source=first.src, dest=dst, lines=(line, *extra))
    if first.kind == MK.COUNT_ADJUSTMENT:
        raise errors.BadInput(code="correct_count")
    inverse = {v: k for k, v in MOVEMENT_KIND.items()}
    movement = inverse[first.kind]
    here = first.dst if first.kind in ledger.INBOUND_FROM else first.src
    return commands.RecordMoves(movement=movement, lines=(line, *extra), location=here, partner=first.partner,
                                at=at if (at := first.at.astimezone(now.tzinfo)).date() != now.date() else None,
                                method=first.method)
