"""One unit asked after by its serial (串号SN001 · 串号SN001保修到什么时候 · IMEI 861234567890123在哪): where it is now,
its warranty, and each thing that happened to it, oldest first. Customers' and suppliers' names only for those who
may see them (a purchaser, a manager, the owner): a clerk checking a warranty sees the days and places."""
from __future__ import annotations

from datetime import date, tzinfo
from typing import Any

from bot.replies import loc_name, partner_name, pname
from domain import catalog, ledger, serials, trace
from nlu import context
from workflows import repairs as fix
from workflows.ports import UnitOfWork

MK = ledger.MoveKind


def history(t: Any, lang: str, uow: UnitOfWork, sku: str, code: str, *, cat: context.Catalog | None, tz: tzinfo,
            today: date, names: bool) -> str:
    moves = sorted(trace.standing(uow.stock.lot_moves(sku, code)), key=lambda m: (m.at, m.id or 0))
    if not moves:
        return str(t("serial.none", lang, lot=code))
    product: catalog.Product | None = uow.catalog.product(sku)
    where = serials.held(moves)
    here = serials.in_stock(where)
    tr = trace.trace(sku, code, moves)
    sold_at = serials.last_sold(tr) if serials.sold(where) else None
    def day(at: Any) -> str:
        return f"{at.astimezone(tz):%Y-%m-%d}"
    out = [str(t("serial.head", lang, product=pname(cat, sku), serial=code))]
    if here:
        out.append(str(t("serial.in_stock", lang, where="、".join(loc_name(x, cat) for x in here))))
    elif sold_at is not None:
        out.append(str(t("serial.sold", lang, day=day(sold_at))))
    else:
        out.append(str(t("serial.gone", lang)))
    days = product.warranty_days if product is not None else None
    if sold_at is not None and days:
        end = serials.warranty_end(sold_at, days, tz)
        out.append(str(t("serial.warranty_on", lang, end=f"{end:%Y-%m-%d}", left=(end - today).days + 1)
                       if today <= end else t("serial.warranty_off", lang, end=f"{end:%Y-%m-%d}")))
    elif sold_at is not None:
        out.append(str(t("serial.warranty_unset", lang, product=pname(cat, sku))))
    elif days:
        out.append(str(t("serial.warranty_unsold", lang, days=days)))
    tickets = uow.repairs.by_serial(code)[:3]
    desk = fix.Names(uow) if tickets else None
    for r in tickets:   # 🔧 维修单 #1:在深圳绿联维修中 (a customer's unit brought back)
        assert desk is not None
        out.append(str(t("serial.repair", lang, id=r.id, state=fix.state(desk, t, lang, r))))
    out.append(str(t("serial.history", lang)))
    left: str | None = None   # a transfer's origin, until its arrival
    for m in moves:
        who = partner_name(m.partner, cat) if names and m.partner else ""
        place = loc_name(m.dst if m.kind in trace.INTO or m.kind == MK.TRANSFER_IN else m.src, cat)
        if m.kind == MK.TRANSFER_OUT:
            left = m.src
            continue
        if m.kind == MK.TRANSFER_IN:
            out.append(str(t("serial.m.transfer", lang, day=day(m.at), src=loc_name(left or m.src, cat), dst=place)))
            left = None
            continue
        if m.kind == MK.COUNT_ADJUSTMENT:
            key = "serial.m.found" if not m.dst.startswith("~") else "serial.m.missing"
            place = loc_name(m.dst if key == "serial.m.found" else m.src, cat)
        else:
            key = f"serial.m.{m.kind.value}"
        out.append(str(t(key, lang, day=day(m.at), where=place, who=str(t("serial.who", lang, name=who)) if who else "")))
    if left is not None:   # gone out of one place, not yet into the other
        out.append(str(t("serial.m.in_transit", lang, src=loc_name(left, cat))))
    return "\n".join(out)
