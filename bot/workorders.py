"""What the chat says of work orders (工单) and routings (工序): planned, started, an operation done, made, cancelled,
and the list of those in progress. Text only; the writes are workflows/production.py's."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from bot.replies import N, base_unit, loc_name, on_day, on_days, partner_name, pname, qty_text
from domain import bom, ledger, orders, production
from nlu import context
from workflows import production as work
from workflows import reports

MK = ledger.MoveKind


def minutes_text(t: Any, lang: str, minutes: Decimal | None) -> str:
    """30分钟 · 2小时 · 1小时30分钟 (nothing: not said)."""
    if minutes is None:
        return ""
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return str(t("work.hours_minutes", lang, h=N(hours), m=N(rest)))
    return str(t("work.hours", lang, h=N(hours)) if hours else t("work.minutes", lang, m=N(rest)))


def routing(t: Any, lang: str, ops: Sequence[bom.Operation] | Sequence[production.Step], unit: str = "") -> str:
    """和面 30分钟 → 发酵 2小时 → 烤制 每50个 20分钟(烤箱) (✓ before those done; a batch's time per ``unit`` of the
    product)."""
    def took(op: bom.Operation | production.Step) -> str:
        if op.minutes is None:
            return ""
        said = minutes_text(t, lang, op.minutes)
        per = getattr(op, "per", None)
        return " " + (str(t("work.per", lang, n=N(per), unit=unit, time=said)) if per is not None else said)
    return " → ".join(("✓" if getattr(op, "done", False) else "") + op.name + took(op)
                      + (f"({op.center})" if op.center else "") for op in ops)


def center_load(t: Any, lang: str, days: dict[date, dict[str, Decimal]], hours: dict[str, Decimal], *,
                center: str | None, where: str) -> str:
    """🏭 徐汇店工作中心负荷: day by day, each work center's hours its work orders take against its hours a day (⚠️
    past them); the centers with hours and nothing to do said free."""
    names = [center] if center else sorted({*hours, *(c for d in days.values() for c in d)})
    if not names:
        return str(t("center.load_none", lang, where=where))
    out = [str(t("center.load_head", lang, where=where, span=on_days(lang, min(days), max(days))))]
    for day, used in sorted(days.items()):
        parts = []
        for c in names:
            took, cap = used.get(c, Decimal(0)), hours.get(c)
            if not took and (cap is None or len(days) > 1):
                continue
            key = "center.part_unset" if cap is None else "center.part_over" if took > cap else "center.part"
            parts.append(str(t(key, lang, center=c, took=N(took.quantize(Decimal("0.1"))),
                               cap=N(cap) if cap is not None else "")))
        if parts:
            out.append(f"· {on_day(lang, day)}:" + str(t("recipe.joiner", lang)).join(parts))
    if len(out) == 1:
        out.append(str(t("center.free", lang, centers="、".join(names))))
    return "\n".join(out)


def over_capacity(t: Any, lang: str, used: dict[str, Decimal], hours: dict[str, Decimal], *, day: date,
                  mine: set[str]) -> str:
    """After a work order is planned: its day's work centers it uses that are now past their hours (nothing: none)."""
    over = [(c, used[c], hours[c]) for c in sorted(mine) if c in hours and used.get(c, Decimal(0)) > hours[c]]
    return "".join(str(t("center.over", lang, day=on_day(lang, day), center=c, took=N(u.quantize(Decimal("0.1"))),
                         cap=N(h), more=N((u - h).quantize(Decimal("0.1"))))) + "\n" for c, u, h in over)


def _stuff(t: Any, lang: str, by: dict[str, Decimal], cat: context.Catalog | None) -> str:
    return str(t("recipe.joiner", lang)).join(f"{pname(cat, k)} {qty_text(cat, k, v)}" for k, v in by.items() if v)


def title(t: Any, lang: str, o: orders.Order, cat: context.Catalog | None) -> str:
    """工单 #5 可颂 500个 (李记外协)."""
    line = production.product(o)
    sub = str(t("work.by_sub", lang, partner=partner_name(o.partner, cat))) if o.partner else ""
    return str(t("work.title", lang, id=o.id, product=pname(cat, line.sku), qty=qty_text(cat, line.sku, line.qty),
                 sub=sub))


def planned(t: Any, lang: str, o: orders.Order, cat: context.Catalog | None, *, now: datetime) -> str:
    """🛠️ 工单 #5 已建: … 工序 … (nothing moves until it starts)."""
    due = o.due.astimezone(now.tzinfo).date() if o.due else None
    steps = production.steps(o)
    fee = production.product(o).unit_price
    out = [str(t("work.planned", lang, title=title(t, lang, o, cat), place=loc_name(o.location, cat),
                 due=t("work.due", lang, day=on_day(lang, due)) if due else ""))]
    out.append(str(t("work.ops", lang, ops=routing(t, lang, steps)) if steps else t("work.no_ops", lang,
                                                                                 product=pname(cat, o.lines[0].sku))))
    if o.partner and fee is not None:
        out.append(str(t("work.fee", lang, fee=f"¥{fee:.2f}", unit=qty_text(cat, o.lines[0].sku, Decimal(1)).lstrip("1 "),
                         total=f"¥{fee * o.lines[0].qty:.2f}")))
    out.append(str(t("work.how_sub" if o.partner else "work.how", lang, id=o.id)))
    return "\n".join(out)


def issued_text(t: Any, lang: str, o: orders.Order, by: dict[str, Decimal], cat: context.Catalog | None) -> str:
    """▶️ 工单 #5 开工,领料:… (📦 sent to the subcontractor); then the next operation."""
    key = "work.sent" if o.partner else "work.started"
    text = str(t(key, lang, title=title(t, lang, o, cat), partner=partner_name(o.partner, cat),
                 items=_stuff(t, lang, by, cat) or t("work.nothing", lang)))
    return text + next_op(t, lang, o)


def next_op(t: Any, lang: str, o: orders.Order) -> str:
    step = production.next_step(o)
    if step is None:
        return "\n" + str(t("work.ops_all_done", lang, id=o.id)) if production.steps(o) else ""
    left = production.minutes_left(o)
    return "\n" + str(t("work.next", lang, op=step.name, took=f" {minutes_text(t, lang, step.minutes)}"
                        if step.minutes is not None else "",
                        left=t("work.left", lang, time=minutes_text(t, lang, left)) if left is not None else ""))


def stepped(t: Any, lang: str, o: orders.Order, marked: Sequence[production.Step]) -> str:
    return str(t("work.op_done", lang, id=o.id, ops="、".join(s.name for s in marked))) + next_op(t, lang, o)


def made(t: Any, lang: str, o: orders.Order, qty: Decimal, used: dict[str, Decimal], lot: str | None,
         cat: context.Catalog | None, *, scrap: Decimal | None) -> str:
    """🏁 工单 #5 完工:可颂 480个入库 … 计划 500个,完成 96% · 用掉:… (or what was delivered so far)."""
    line = production.product(o)
    key = "work.closed" if qty == 0 else "work.made" if o.status == orders.Status.DONE else "work.made_part"
    out = [str(t(key, lang, id=o.id,
                 product=pname(cat, line.sku), qty=qty_text(cat, line.sku, qty), lot=lot or "",
                 place=loc_name(o.location, cat), made=qty_text(cat, line.sku, line.received),
                 planned=qty_text(cat, line.sku, line.qty),
                 left=qty_text(cat, line.sku, max(line.qty - line.received, Decimal(0)))))]
    if o.status == orders.Status.DONE:
        out.append(str(t("work.yield", lang, planned=qty_text(cat, line.sku, line.qty),
                         pct=f"{line.received / line.qty * 100:.0f}")))
    if scrap:
        out.append(str(t("work.scrap", lang, qty=qty_text(cat, line.sku, scrap))))
    if used:
        out.append(str(t("work.used", lang, items=_stuff(t, lang, used, cat))))
    if o.partner and line.unit_price is not None and qty > 0:
        out.append(str(t("work.fee_owed", lang, partner=partner_name(o.partner, cat),
                         amount=f"¥{line.unit_price * qty:.2f}")))
    return "\n".join(out)


def written(t: Any, lang: str, action: str, before: orders.Order, done: work.Done, cat: context.Catalog | None, *,
            scrap: Decimal | None) -> str:
    """What a work order's write did: its materials issued (start, and beyond the recipe: issue), given back
    (cancel, return), or its goods made with what they used (made: issued first when it had not started; what was
    left given back when said)."""
    issued: dict[str, Decimal] = {}
    back: dict[str, Decimal] = {}
    for m in done.plan.moves:
        if m.kind == MK.ISSUE:
            into = issued if production.wip_of(m.dst) is not None else back
            into[m.sku] = into.get(m.sku, Decimal(0)) + m.qty
    if action == "cancel":
        return cancelled(t, lang, done.order, back, cat)
    if action == "start":
        return issued_text(t, lang, done.order, issued, cat)
    if action in ("issue", "return"):
        key = ("work.supplied_sub" if done.order.partner else "work.supplied") if action == "issue" \
            else "work.given_back"
        return str(t(key, lang, id=done.order.id, items=_stuff(t, lang, issued if action == "issue" else back, cat),
                     place=loc_name(done.order.location, cat), partner=partner_name(done.order.partner, cat)))
    line = production.product(done.order)
    lot = next((m.lot for m in done.plan.moves if m.kind == MK.PRODUCTION and m.sku == line.sku), None)
    qty = line.received - production.product(before).received
    text = (issued_text(t, lang, done.order, issued, cat) + "\n" if issued else "") + made(
        t, lang, done.order, qty, done.used, lot, cat, scrap=scrap) + costed(t, lang, done, line.sku, qty, cat)
    return text + (str(t("work.returned", lang, items=_stuff(t, lang, back, cat), place=loc_name(done.order.location,
                                                                                                 cat))) if back else "")


def costed(t: Any, lang: str, done: work.Done, sku: str, qty: Decimal, cat: context.Catalog | None) -> str:
    """💰 成本 ¥1.62/个(材料 ¥0.12 + 加工费 ¥1.50): what one made cost, its materials' share (what was scrapped
    too) and the charge; nothing when a material's cost is unknown or nothing was made."""
    if done.cost is None or qty <= 0:
        return ""
    fee = str(t("work.cost_fee", lang, fee=reports.money(done.fee / qty))) if done.fee else ""
    return "\n" + str(t("work.cost", lang, each=reports.money((done.cost + done.fee) / qty), unit=base_unit(cat, sku),
                        materials=reports.money(done.cost / qty), fee=fee))


def cancelled(t: Any, lang: str, o: orders.Order, back: dict[str, Decimal], cat: context.Catalog | None) -> str:
    text = str(t("work.cancelled", lang, title=title(t, lang, o, cat)))
    return text + (str(t("work.returned", lang, items=_stuff(t, lang, back, cat),
                         place=loc_name(o.location, cat))) if back else "")


def stage(t: Any, lang: str, o: orders.Order) -> str:
    """待开工 · 在制(下一道:发酵) · 外协中 · 已完工 · 已取消."""
    if o.status == orders.Status.OPEN:
        return str(t("work.stage.planned", lang))
    if o.status != orders.Status.PARTIAL:
        return str(t(f"order_state.production.{o.status.value}", lang))
    step = production.next_step(o)
    word = str(t("work.stage.sub" if o.partner else "work.stage.wip", lang))
    return word + (str(t("work.stage.next", lang, op=step.name)) if step is not None else "")


def listing(t: Any, lang: str, rows: Sequence[orders.Order], holding: dict[int, dict[str, Decimal]],
            cat: context.Catalog | None, *, now: datetime, where: str) -> str:
    """🛠️ 南山店 在做的工单 2 个: a line each, soonest due first, with what it holds in progress."""
    if not rows:
        return str(t("work.none", lang, where=where))
    out = [str(t("work.head", lang, where=where, n=len(rows)))]
    for o in rows:
        line = production.product(o)
        due = o.due.astimezone(now.tzinfo).date() if o.due else None
        late = due is not None and due < now.date()
        out.append(str(t("work.row", lang, id=o.id, product=pname(cat, line.sku),
                         made=N(line.received), qty=qty_text(cat, line.sku, line.qty),
                         sub=t("work.by_sub", lang, partner=partner_name(o.partner, cat)) if o.partner else "",
                         stage=stage(t, lang, o),
                         due=t("work.due", lang, day=on_day(lang, due)) if due else "",
                         late=t("work.late", lang) if late else "")))
        held = holding.get(o.id or 0)
        if held:
            out.append(str(t("work.held", lang, items=_stuff(t, lang, held, cat))))
    return "\n".join(out)


def detail(t: Any, lang: str, o: orders.Order, held: dict[str, Decimal], cat: context.Catalog | None, *,
           now: datetime) -> str:
    """One work order: its stage, operations, what it holds in progress and what happened to it, when, by whom."""
    out = [f"{title(t, lang, o, cat)} · {stage(t, lang, o)}"]
    line = production.product(o)
    if line.received:
        out.append(str(t("work.so_far", lang, made=qty_text(cat, line.sku, line.received))))
    steps = production.steps(o)
    if steps:
        out.append(str(t("work.ops", lang, ops=routing(t, lang, steps))))
    if held:
        out.append(str(t("work.held", lang, items=_stuff(t, lang, held, cat))))
    for e in o.meta.get("log", [])[-8:]:
        at = datetime.fromisoformat(e["at"]).astimezone(now.tzinfo)
        what = str(t(f"work.log.{e['what']}", lang, op=e.get("op", ""),
                     qty=qty_text(cat, line.sku, Decimal(e["qty"])) if e.get("qty") else ""))
        who = next((u.display_name for u in (cat.users if cat else ()) if u.username == e.get("by")), e.get("by", ""))
        out.append(f"  {at:%m-%d %H:%M} {who} {what}")
    return "\n".join(out)
