"""Repair tickets (维修单, domain/repairs.py) through the chat: taken in with the unit's warranty read from its sale (and
its customer, when unsaid), sent to a supplier (the one it came from, when unsaid), back, collected; each step
audited (``repair``), whoever took it in told when it is back. The unit is the customer's: the stock is untouched."""
from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from domain import commands, errors, ledger, repairs, serials, trace
from workflows import wording
from workflows.ports import UnitOfWork
from workflows.purchasing import Turn

S = repairs.Status


def _find(uow: UnitOfWork, cmd: commands.RepairAction) -> repairs.Repair:
    """The ticket named by its number, else the unit's newest one not yet collected (the newest of all for ``show``)."""
    if cmd.repair_id is not None:
        r: repairs.Repair | None = uow.repairs.get(cmd.repair_id)
        if r is None:
            raise errors.NotFound(code="repair_not_found", id=cmd.repair_id)
        return r
    found: list[repairs.Repair] = uow.repairs.by_serial(cmd.serial)
    open_ = [r for r in found if r.status != S.RETURNED]
    if open_ or (found and cmd.action == "show"):
        return (open_ or found)[0]
    raise errors.NotFound(code="repair_none_open", serial=cmd.serial)


def _sale(uow: UnitOfWork, sku: str, code: str) -> ledger.Move | None:
    """The unit's last sale standing (its customer, and when its warranty began)."""
    sold = [m for m in trace.standing(uow.stock.lot_moves(sku, code)) if m.kind == ledger.MoveKind.SALE]
    return max(sold, key=lambda m: (m.at, m.id or 0)) if sold else None


def _came_from(uow: UnitOfWork, sku: str, code: str) -> str | None:
    """The supplier the unit came from (its receipt's), else the product's."""
    got = [m for m in trace.standing(uow.stock.lot_moves(sku, code)) if m.kind == ledger.MoveKind.RECEIPT and m.partner]
    if got:
        return got[-1].partner
    p = uow.catalog.product(sku)
    return p.supplier if p is not None else None


class Names:
    """The catalog's products' and partners' names, read once for the tickets a reply shows."""

    def __init__(self, uow: UnitOfWork) -> None:
        self.products = {p.sku: p.name for p in uow.catalog.products()}
        self.partners = {p.code: p.name for p in uow.catalog.partners()}

    def partner(self, code: str | None) -> str:
        name: str = self.partners.get(code or "", code or "")
        return name

    def what(self, r: repairs.Repair) -> str:
        """蓝牙耳机 SN001(王记手机店)."""
        who = self.partner(r.partner)
        return f"{self.products.get(r.sku, r.sku)}{' ' + r.serial if r.serial else ''}" + (f"({who})" if who else "")


def intake(uow: UnitOfWork, turn: Turn, cmd: commands.RepairAction, *, t: Any) -> int:
    """王记送修蓝牙耳机,串号SN001,不出声: a ticket, its warranty from the unit's sale (None: never sold here)."""
    sku = cmd.sku
    if cmd.serial:
        skus = uow.stock.lot_skus(cmd.serial)
        if sku is None and len(skus) == 1:
            sku = skus[0]
        open_ = [r for r in uow.repairs.by_serial(cmd.serial) if r.status != S.RETURNED]
        if open_:
            raise errors.InvalidState(code="repair_open", serial=cmd.serial, id=open_[0].id)
    if sku is None:
        raise errors.BadInput(code="repair_which_product", serial=cmd.serial)
    sale = _sale(uow, sku, cmd.serial) if cmd.serial else None
    product = uow.catalog.product(sku)
    in_warranty = None
    end = None
    if sale is not None and product is not None and product.warranty_days:
        end = serials.warranty_end(sale.at, product.warranty_days, turn.now.tzinfo or UTC)
        in_warranty = turn.now.date() <= end
    r = repairs.Repair(sku=sku, serial=cmd.serial, partner=cmd.partner or (sale.partner if sale else None),
                       fault=cmd.fault, in_warranty=in_warranty, created_at=turn.now, created_by=turn.user.username,
                       location=turn.user.location, steps=((turn.now.isoformat(), S.RECEIVED.value, turn.user.username),))
    rid: int = uow.repairs.add(r)
    r = replace(r, id=rid)
    _audit(uow, turn, r, "intake")
    warranty = "" if in_warranty is None or end is None else str(
        t("repair.warranty_on" if in_warranty else "repair.warranty_off", turn.lang, end=f"{end:%Y-%m-%d}"))
    turn.reply(t("repair.taken", turn.lang, id=rid, what=Names(uow).what(r),
                 fault=cmd.fault or str(t("repair.no_fault", turn.lang)), warranty=warranty))
    return rid


def step(uow: UnitOfWork, turn: Turn, cmd: commands.RepairAction, *, t: Any) -> None:
    """维修单1寄给绿联 · 维修单1修好了 · …换新了,新串号SN009 · …修不好 · 维修单1取走了: the ticket one step on."""
    r = _find(uow, cmd)
    names = Names(uow)
    outcome = repairs.Outcome(cmd.outcome or "repaired") if cmd.action == "back" else None
    if outcome == repairs.Outcome.REPLACED and not cmd.new_serial and r.serial:
        raise errors.BadInput(code="repair_new_serial", id=r.id)
    supplier = (cmd.partner or _came_from(uow, r.sku, r.serial)) if cmd.action == "send" else None
    to = {"send": S.AT_SUPPLIER, "back": S.READY}.get(cmd.action, S.RETURNED)
    try:
        new = r.to(to, at=turn.now, by=turn.user.username, supplier=supplier, outcome=outcome,
                   new_serial=cmd.new_serial, fee=cmd.fee)
    except errors.InvalidState:   # (维修单1寄给绿联 once it is back: where it is, said in words)
        raise errors.InvalidState(code="repair_step", id=r.id, status=state(names, t, turn.lang, r),
                                  to=str(t(f"repair.step.{to.value}", turn.lang))) from None
    customer = names.partner(r.partner) or str(t("repair.customer", turn.lang))
    if cmd.action == "send":
        text = t("repair.sent", turn.lang, id=r.id, what=names.what(r),
                 supplier=names.partner(supplier) or str(t("repair.the_works", turn.lang)))
    elif outcome is not None:
        text = t(f"repair.back_{outcome.value}", turn.lang, id=r.id, what=names.what(r), new=cmd.new_serial,
                 fee=_fee(t, turn.lang, new.fee), customer=customer)
        if r.created_by and r.created_by != turn.user.username:   # whoever took it in calls the customer
            creator = uow.catalog.user(r.created_by)
            if creator is not None:
                turn.push(creator.username, t("repair.back_notice", creator.language, id=r.id, what=names.what(r),
                                              state=t(f"repair.outcome.{outcome.value}", creator.language),
                                              who=turn.user.display_name))
    else:
        text = t("repair.collected", turn.lang, id=r.id, what=names.what(new), fee=_fee(t, turn.lang, new.fee),
                 customer=customer)
    uow.repairs.save(new)
    _audit(uow, turn, new, cmd.action)
    turn.reply(text)


def _fee(t: Any, lang: str, fee: Decimal | None) -> str:
    return str(t("repair.fee", lang, fee=wording.money(fee))) if fee else ""


def _audit(uow: UnitOfWork, turn: Turn, r: repairs.Repair, action: str) -> None:
    uow.chat.audit(at=turn.now, actor=turn.user.username, action="repair", detail={
        "repair": r.id, "step": action, "status": r.status.value, "sku": r.sku, "serial": r.serial,
        "partner": r.partner, "supplier": r.supplier, "outcome": r.outcome.value if r.outcome else None,
        "new_serial": r.new_serial or None, "fee": str(r.fee) if r.fee is not None else None})


def state(names: Names, t: Any, lang: str, r: repairs.Repair) -> str:
    """在绿联维修 · 修好待取 · 已取走 …"""
    if r.status == S.AT_SUPPLIER:
        return str(t("repair.status.at_supplier", lang, supplier=names.partner(r.supplier) or t("repair.the_works", lang)))
    if r.status == S.READY and r.outcome is not None:
        return str(t(f"repair.status.ready_{r.outcome.value}", lang, new=r.new_serial))
    return str(t(f"repair.status.{r.status.value}", lang, new=r.new_serial))


def show(uow: UnitOfWork, t: Any, lang: str, cmd: commands.RepairAction, *, tz: Any) -> str:
    """维修单 #1 and each step it took, who took it, and when."""
    r = _find(uow, cmd)
    names = Names(uow)
    people = {u.username: u.display_name for u in uow.catalog.users()}
    out = [str(t("repair.head", lang, id=r.id, what=names.what(r), state=state(names, t, lang, r)))]
    if r.fault:
        out.append(str(t("repair.fault", lang, fault=r.fault)))
    if r.in_warranty is not None:
        out.append(str(t("repair.in_warranty" if r.in_warranty else "repair.out_of_warranty", lang)))
    if r.fee:
        out.append(str(t("repair.fee_line", lang, fee=wording.money(r.fee))))
    for at, status, by in r.steps:
        out.append(str(t("repair.step_row", lang, day=f"{datetime.fromisoformat(at).astimezone(tz):%m-%d %H:%M}",
                         step=t(f"repair.step.{status}", lang), who=people.get(by, by))))
    return "\n".join(out)


def listing(uow: UnitOfWork, t: Any, lang: str, cmd: commands.RepairAction, *, tz: Any) -> str:
    """在修的: every ticket not yet collected, oldest first, with how long it has been open (every one: ``every``)."""
    rows: list[repairs.Repair] = uow.repairs.list(open_only=not cmd.every)
    if not rows:
        return str(t("repair.none", lang))
    out = [str(t("repair.list_head_all" if cmd.every else "repair.list_head", lang, n=len(rows)))]
    names = Names(uow)
    for r in rows:
        since = r.created_at.astimezone(tz) if r.created_at else None
        out.append(str(t("repair.row", lang, id=r.id, what=names.what(r), state=state(names, t, lang, r),
                         day=f"{since:%m-%d}" if since else "-")))
    return "\n".join(out)
