"""Reply texts built from locale strings: summaries, questions, stock answers."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from bot.messages import Button
from domain import bom, catalog, commands, errors, ledger, orders, production, services, targets, trace, units
from domain import rules as drules
from nlu import answers, context, render
from workflows import appointments, backtest, coldchain, dues, inventory, metrics, purchasing, reports, wording
from workflows import expenses as costs_flow
from workflows import production as work
from workflows import targets as goals
from workflows.ports import UnitOfWork

N = units.normalize


def _product(cat: context.Catalog | None, sku: str) -> catalog.Product | None:
    return next((p for p in cat.products if p.sku == sku), None) if cat else None


def base_unit(cat: context.Catalog | None, sku: str) -> str:
    p = _product(cat, sku)
    return p.base_unit if p else ""


def pname(cat: context.Catalog | None, sku: str) -> str:
    p = _product(cat, sku)
    return p.name if p else sku


def loc_name(code: str | None, cat: context.Catalog | None) -> str:
    if not code:
        return ""
    if cat:
        for loc in cat.locations:
            if loc.code == code:
                return loc.name
    return code


def place_name(t: Any, lang: str, loc: str, cat: context.Catalog | None) -> str:
    """A place's name; a work order's work in progress as such (徐汇店(在制) · 光明乳业(外协在制))."""
    wip = production.wip_of(loc)
    if wip is None:
        return loc_name(loc, cat)
    store, partner = wip
    return str(t("work.wip_sub", lang, partner=partner_name(partner, cat)) if partner
               else t("work.wip_at", lang, store=loc_name(store, cat)))


def partner_name(code: str | None, cat: context.Catalog | None) -> str:
    if not code:
        return ""
    return next((p.name for p in cat.partners if p.code == code), code) if cat else code


def qty_text(cat: context.Catalog | None, sku: str, qty: Decimal) -> str:
    p = _product(cat, sku)
    if p is None:
        return str(N(qty))
    s = f"{N(qty)}{p.base_unit}"
    packs = units.in_packs(qty, packs=p.packs)
    return f"{s}({packs})" if packs else s


def items(lines: Sequence[commands.Line], cat: context.Catalog | None, t: Any = None, lang: str = "zh_CN", *,
          gifts: bool = False, apart: bool = False) -> str:
    """可乐 48瓶(2箱)、雪碧 12瓶; with ``t``, each line's serials said (蓝牙耳机 2副(串号 SN001、SN002)) and
    (``gifts``: a receipt's) the lines that came free (手机壳 1个(赠送)); ``apart``: a product's lines at different
    prices each say theirs (充电宝 1个 ¥89.00/个、充电宝 1个 ¥85.00/个)."""
    skus = [ln.sku for ln in lines if ln.unit_price is not None] if apart else []
    return "、".join(f"{pname(cat, ln.sku)} {qty_text(cat, ln.sku, ln.qty)}"
                    + (f" {money_per(cat, ln.sku, ln.unit_price, unit=ln.unit)}"
                       if ln.unit_price is not None and skus.count(ln.sku) > 1 else "")
                    + (serials_text(t, lang, ln.serials) if t is not None and ln.serials else "")
                    + (str(t("summary.gift", lang)) if t is not None and gifts and ln.gift else "")
                    for ln in lines)


def serials_text(t: Any, lang: str, codes: Sequence[str], *, most: int = 10, bare: bool = False) -> str:
    """(串号 SN001、SN002): the first ``most`` of a line's serials, and how many in all when there are more;
    ``bare``: the codes alone."""
    shown = str(t("list_joiner", lang)).join(codes[:most])
    more = str(t("serials.more", lang, n=len(codes))) if len(codes) > most else ""
    return shown + more if bare else str(t("summary.serials", lang, codes=shown + more))


def summary(t: Any, lang: str, cmd: commands.Command, cat: context.Catalog | None, *, user: catalog.User) -> str:
    return str(_summary(t, lang, cmd, cat, user=user))


def _summary(t: Any, lang: str, cmd: commands.Command, cat: context.Catalog | None, *, user: catalog.User) -> Any:
    if isinstance(cmd, commands.RecordMoves):
        where = loc_name(cmd.location or user.location, cat)
        partner = partner_name(cmd.partner, cat)
        text = t(f"summary.{cmd.movement.value}", lang, location=where, partner=(f"({partner})" if partner else ""),
                 items=items(cmd.lines, cat, t, lang, gifts=cmd.movement == commands.Movement.RECEIPT,
                             apart=cmd.movement != commands.Movement.RECEIPT))   # (a receipt's: in its costs)
        settled = adjusted(t, lang, cmd.adjust, paid=cmd.movement == commands.Movement.RECEIPT)
        if cmd.movement == commands.Movement.RECEIPT:   # (,进价 ¥30.00/斤(¥600.00/箱),共 ¥1,200.00)
            text = str(text) + costs_said(t, lang, cmd.lines, cat, total=not settled)
        if cmd.movement in (commands.Movement.RECEIPT, commands.Movement.PRODUCTION):   # (,批次 M1,06-20 到期)
            text = str(text) + lots_said(t, lang, cmd.lines, cat)
        if cmd.at is not None:   # booked on an earlier day (昨天卖了…): say which
            text = str(text) + str(t("summary.on_day", lang, day=cmd.at.strftime("%m-%d %H:%M")))
        if cmd.method and cmd.movement in (commands.Movement.SALE, commands.Movement.CUSTOMER_RETURN):   # ,微信收款
            text = str(text) + str(t("summary.paid_by" if cmd.movement == commands.Movement.SALE else
                                     "summary.refunded_by", lang, method=wording.method_name(t, lang, cmd.method)))
        said = ";".join(x for x in (cmd.note or "").split(";") if not inventory.PROMOTED.fullmatch(x))   # (促销#1: shown apart)
        if said and cmd.movement in (commands.Movement.CONSUMPTION, commands.Movement.SCRAP, commands.Movement.SALE,
                                     commands.Movement.CUSTOMER_RETURN):   # (酸菜鱼8份 · 赠送 · 客人电话…: kept)
            text = str(text) + str(t("summary.note", lang, note=said))
        if cmd.freight is not None:   # …,运费50: on top of the goods' cost
            text = str(text) + str(t("summary.freight_apart" if cmd.freight_paid else "summary.freight", lang,
                                     amount=reports.money(cmd.freight)))
        return str(text) + settled
    if isinstance(cmd, commands.TransferStock):
        return t("summary.transfer_request" if cmd.request else "summary.transfer", lang, source=loc_name(cmd.source or user.location, cat),
                 dest=loc_name(cmd.dest or user.location, cat), items=items(cmd.lines, cat, t, lang))
    if isinstance(cmd, commands.CountStock):
        return t("summary.surplus" if cmd.surplus else "summary.count", lang, location=loc_name(cmd.location or user.location, cat),
                 items=items(cmd.lines, cat, t, lang))
    if isinstance(cmd, commands.WorkStep) and cmd.sku is not None and cmd.qty is not None:   # a subcontractor's goods
        return t("summary.work_back", lang, partner=partner_name(cmd.partner, cat) or "-", id=cmd.order_id,
                 items=items((commands.Line(sku=cmd.sku, qty=cmd.qty),), cat))
    if isinstance(cmd, commands.PlacePurchase):
        return str(t("summary.purchase", lang, partner=partner_name(cmd.partner, cat) or "-", items=items(cmd.lines, cat),
                     due=cmd.due.strftime("%Y-%m-%d") if cmd.due else "-")) + costs_said(t, lang, cmd.lines, cat)
    return ""


def lots_said(t: Any, lang: str, lines: Sequence[commands.Line], cat: context.Catalog | None) -> str:
    """The lots and expiry days a message said of goods coming in (,批次 M1,06-20 到期), each product named when there
    are several; a day's own lot (20260615) is not said. "" when none is."""
    said = [(ln, str(t("summary.lot", lang, code=ln.lot)) if ln.lot and not ledger.day_lot(ln.lot) else "",
             str(t("summary.expires", lang, date=f"{ln.expiry:%m-%d}")) if ln.expiry else "") for ln in lines]
    said = [(ln, code, exp) for ln, code, exp in said if code or exp]
    if not said:
        return ""
    several = len({ln.sku for ln in lines}) > 1
    return str(t("summary.lots", lang, lots=str(t("list_joiner", lang)).join(
        (f"{pname(cat, ln.sku)} " if several else "") + str(t("list_joiner", lang)).join(x for x in (code, exp) if x)
        for ln, code, exp in said)))


def costs_said(t: Any, lang: str, lines: Sequence[commands.Line], cat: context.Catalog | None, *,
               total: bool = True) -> str:
    """What goods coming in cost as the message priced them, so a price read per the wrong unit shows: ,进价
    ¥30.00/斤(¥600.00/箱),共 ¥1,200.00 (each product named when there are several; a line said in packs priced by
    that pack beside its base unit; the free lines left out). The whole only when every line is priced and ``total``
    (a receipt settled at the till says its own: 实付); "" when none is priced."""
    priced = [ln for ln in lines if ln.unit_price is not None and not ln.gift]
    if not priced:
        return ""
    skus = [ln.sku for ln in priced]
    each = str(t("list_joiner", lang)).join(   # (手机壳进了20个,10个15,其余12: each share by its quantity)
        (f"{pname(cat, ln.sku)} " if len({x.sku for x in lines}) > 1 else "")
        + (f"{qty_text(cat, ln.sku, ln.qty)} " if skus.count(ln.sku) > 1 else "")
        + money_per(cat, ln.sku, ln.unit_price, unit=ln.unit) for ln in priced if ln.unit_price is not None)
    whole = total and all(ln.unit_price is not None for ln in lines)
    amount = sum((ln.qty * (ln.unit_price or 0) for ln in lines), Decimal(0))
    return str(t("summary.costs_total" if whole else "summary.costs", lang, each=each, amount=reports.money(amount)))


def adjusted(t: Any, lang: str, adj: commands.Adjust | None, *, paid: bool = False) -> str:
    """(原价 ¥198.00,优惠 ¥18.00,实收 ¥180.00): a settled sale's or receipt's (``paid``: 实付) adjustment; "" before it
    is settled, or when it took nothing off (抹零 of ¥250.00)."""
    if adj is None or adj.listed is None or adj.taken is None or (adj.listed == adj.taken and adj.kind != "free"):
        return ""
    off = adj.listed - adj.taken
    K = commands.AdjustKind
    if adj.kind == K.FREE:
        how = t("adjust.free", lang)
    elif off < 0:   # (一共收了300 over ¥280 listed: more than the list)
        how = t("adjust.more", lang, amount=reports.money(-off))
    elif adj.kind == K.ROUND:
        how = t("adjust.round", lang, amount=reports.money(off))
    elif adj.kind == K.PROMO:   # (促销 #1 买二送一 ¥29.00)
        how = t("adjust.promo", lang, amount=reports.money(off), said=adj.said)
    elif adj.kind == K.SHARE and adj.amount is not None:
        how = t("adjust.share", lang, zhe=wording.share(adj.amount, 10), pct=wording.share(1 - adj.amount),
                amount=reports.money(off))
    else:
        how = t("adjust.off", lang, amount=reports.money(off))
    return str(t("summary.adjusted_paid" if paid else "summary.adjusted", lang, listed=reports.money(adj.listed), how=how,
                 taken=reports.money(adj.taken)))


def landed(t: Any, lang: str, cmd: commands.RecordMoves, spread: Sequence[tuple[str, Decimal | None, Decimal]],
           cat: context.Catalog | None) -> str:
    """🚚 运费 ¥50.00 摊进进价:牛腩 每斤 ¥30.00 → ¥31.00 (a receipt's freight, each line's cost before and after)."""
    if cmd.freight is None or not spread:
        return ""
    def one(sku: str, own: Decimal | None, cost: Decimal) -> str:
        unit = base_unit(cat, sku)
        if own is None:
            return str(t("landed.line_new", lang, product=pname(cat, sku), unit=unit, cost=wording.unit_money(cost)))
        return str(t("landed.line", lang, product=pname(cat, sku), unit=unit, own=wording.unit_money(own),
                     cost=wording.unit_money(cost)))
    return "\n" + str(t("landed.head", lang, amount=reports.money(cmd.freight),
                        lines=str(t("list_joiner", lang)).join(one(*x) for x in spread)))


def order_progress(t: Any, lang: str, uow: UnitOfWork, matched: Sequence[tuple[int, str, Decimal]],
                   cat: context.Catalog | None) -> str:
    """A line per order a write went against: a customer's order collected, a purchase order received (so far)."""
    out = ""
    for oid in dict.fromkeys(oid for oid, _, _ in matched):
        o = uow.orders.get(oid)
        if o is None:
            continue
        done = "、".join(f"{pname(cat, ln.sku)} {N(ln.received)}/{qty_text(cat, ln.sku, ln.qty)}" for ln in o.lines)
        kind = "sale" if o.kind == orders.OrderKind.SALE else "purchase"
        done_all = "_done" if o.status == orders.Status.DONE else ""
        out += "\n" + t(f"order_progress.{kind}{done_all}", lang, id=oid, lines=done)
    return out


def kind_word(m: ledger.Move) -> str:
    """What a move is called (the key under move_kind.): its kind, a work order's material given back as issue_back."""
    return "issue_back" if m.kind == ledger.MoveKind.ISSUE and production.wip_of(m.dst) is None else m.kind.value


def moves_summary(moves: Sequence[ledger.Move], cat: context.Catalog | None, t: Any = None, lang: str = "") -> str:
    """What a write moved, per product; a write of several kinds (收到鸡蛋3板,碎了5个) per kind, each named."""
    agg: dict[tuple[str, str], Decimal] = {}
    for m in moves:
        if m.kind != ledger.MoveKind.TRANSFER_IN:   # (what a work order gave back is no issue to it)
            kind = kind_word(m)
            agg[(kind, m.sku)] = agg.get((kind, m.sku), Decimal(0)) + m.qty
    kinds = list(dict.fromkeys(k for k, _ in agg))
    if len(kinds) == 1 or t is None:
        return "、".join(f"{pname(cat, s)} {qty_text(cat, s, q)}" for (_, s), q in agg.items())
    return "; ".join(f"{t(f'move_kind.{k}', lang)} " + "、".join(f"{pname(cat, s)} {qty_text(cat, s, q)}"
                                                             for (k2, s), q in agg.items() if k2 == k) for k in kinds)


def after_levels(t: Any, lang: str, uow: UnitOfWork, *cmds: commands.Command, user: catalog.User,
                 catalog: context.Catalog | None) -> str:
    """The new on-hand quantity of each product, at the location(s) touched (by all ``cmds``: each once); none of a
    service (hours are booked, not stocked)."""
    parts = []
    seen: set[tuple[str, str]] = set()
    for cmd in cmds:
        locs: list[str | None]
        if isinstance(cmd, commands.TransferStock):
            locs = [cmd.source or user.location, cmd.dest or user.location]
        else:
            locs = [getattr(cmd, "location", None) or user.location]
        for ln in getattr(cmd, "lines", ()):
            if (p := _product(catalog, ln.sku)) is not None and p.is_service:
                continue
            for loc in locs:
                if loc and (loc, ln.sku) not in seen:
                    seen.add((loc, ln.sku))
                    q = uow.stock.on_hand(loc, ln.sku)
                    parts.append(t("level_now", lang, location=loc_name(loc, catalog), product=pname(catalog, ln.sku),
                                   qty=qty_text(catalog, ln.sku, q)))
    return ("\n" + "\n".join(parts)) if parts else ""


def stock(t: Any, lang: str, uow: UnitOfWork, cmd: commands.QueryStock, *, user: catalog.User, now: datetime,
          cat: context.Catalog | None) -> str:
    loc = cmd.location or user.location
    rows = uow.stock.all_levels()
    skus = list(cmd.skus) or sorted({sku for lc, sku, _, q, _ in rows if (loc is None or lc == loc) and q != 0
                                     and not ((p := _product(cat, sku)) is not None and p.is_service)})
    if not skus:
        return str(t("stock_empty", lang, location=loc_name(loc, cat) or t("all_locations", lang)))
    lines = []
    soon = now + timedelta(days=3)
    for sku in skus[:40]:
        p = _product(cat, sku)
        if p is not None and p.is_service:   # 理疗还有多少: hours are booked, not stocked: what today still has
            lines.append(_hours_left(t, lang, uow, p, location=loc, now=now))
            continue
        here = [(lc, lot, q, exp) for lc, s, lot, q, exp in rows if s == sku and (loc is None or lc == loc)]
        total = sum((q for _, _, q, _ in here), Decimal(0))
        safety = metrics.store_safety(uow.catalog.tenant_row().settings, loc, p) if p else Decimal(0)
        line = t("stock_line", lang, product=pname(cat, sku), qty=qty_text(cat, sku, total),
                 location=loc_name(loc, cat) or t("all_locations", lang))
        if total < 0:   # sold or used more than was ever recorded in: a receipt is missing, or a count is due
            line += t("stock_negative", lang, qty=qty_text(cat, sku, -total))
        elif safety and total < safety:
            line += t("stock_below_safety", lang, safety=qty_text(cat, sku, safety))
        expiring = [(lot, q, exp) for _, lot, q, exp in here if exp is not None and q > 0 and exp <= soon]
        for lot, q, exp in sorted(expiring, key=lambda x: x[2]):
            line += t("stock_expiring", lang, lot=lot, qty=qty_text(cat, sku, q), date=f"{exp.astimezone(now.tzinfo):%m-%d}")
        if cmd.wanted is not None and len(cmd.skus) == 1:   # 客人想买10箱可乐,有货吗: enough, or how much short
            line += t("stock_wanted_enough" if total >= cmd.wanted else "stock_wanted_short", lang,
                      wanted=qty_text(cat, sku, cmd.wanted), short=qty_text(cat, sku, cmd.wanted - max(total, Decimal(0))))
        if len(cmd.skus) > 0:   # a product asked about: where else it is (everywhere, asked without a place)
            agg: dict[str, Decimal] = {}
            for lc, q in ((lc, q) for lc, s, _, q, _ in rows if s == sku and lc != loc and q > 0):
                agg[lc] = agg.get(lc, Decimal(0)) + q
            if agg:
                line += t("stock_elsewhere" if loc is not None else "stock_by_location", lang,
                          others="、".join(f"{loc_name(lc, cat)} {N(q)}" for lc, q in agg.items()))
        lines.append(line)
    return "\n".join(lines)


def _hours_left(t: Any, lang: str, uow: UnitOfWork, p: catalog.Product, *, location: str | None,
                now: datetime) -> str:
    """📅 6月15日理疗已约 3/12小时,还空 9小时 at each store asked (the user's; every store, for one without)."""
    places = [location] if location else [x.code for x in uow.catalog.locations() if x.kind.is_physical]
    today = now.date()
    out = []
    for place in places:
        days, _ = appointments.span_loads(uow, location=place, start=today, end=today, tz=now.tzinfo,
                                          offered={p.sku: p})
        (ld,) = days[today]
        out.append(str(t("service.load", lang, day=on_day(lang, today), name=wording.loc_name(uow, place) + p.name,
                         booked=N(ld.booked), capacity=N(ld.capacity), unit=p.base_unit, spare=N(ld.spare))))
    return "\n".join(out)


def guesses(t: Any, lang: str, gs: Sequence[commands.Guess], cat: context.Catalog | None) -> str:
    out = []
    for g in gs:
        if g.kind == "price_unit":   # (chosen: the base unit taken and the pack the line was said in)
            base, _, pack = g.chosen.partition("|")
            out.append(t("guess.price_unit", lang, mention=g.mention, base=base, pack=pack))
            continue
        chosen = pname(cat, g.chosen) if g.kind not in ("assumed_unit", "case_as") else g.chosen
        out.append(t(f"guess.{g.kind}", lang, mention=g.mention, chosen=chosen))
    return "".join(out)


def clarify(t: Any, lang: str, c: commands.Clarify, cat: context.Catalog | None) -> tuple[str, list[list[Button]]]:
    buttons: list[list[Button]] = []
    if c.reason == "ambiguous_product":
        names = [pname(cat, s) for s in c.candidates]
        buttons = [[Button(n, f"pick:{n}") for n in names[i:i + 3]] for i in range(0, len(names), 3)]
        return t("clarify.ambiguous_product", lang, mention=c.mention, candidates="、".join(names)), buttons
    if c.reason == "unknown_location":
        names = [loc_name(s, cat) for s in c.candidates]
        buttons = [[Button(n, f"pick:{n}") for n in names[i:i + 3]] for i in range(0, len(names), 3)] \
            if c.partial is not None else []   # (浦东店 unknown: the places listed, the message said again)
        key = "clarify.unknown_location" if c.mention else "clarify.which_location"   # none named: which one?
        return t(key, lang, mention=c.mention, candidates="、".join(names)), buttons
    if c.reason == "orphan_qty" and c.partial is not None:   # 收到5箱 → which product? (the answer completes it)
        return t("clarify.orphan_qty_ask", lang, mention=c.mention), buttons
    if c.reason == "paid_how":   # 团餐拿了可乐2箱,付了现金100 → [付了一部分] [就按这个价]
        listed = t("clarify.paid_how_listed", lang, value=reports.money(Decimal(c.detail))) if c.detail else ""
        return t("clarify.paid_how", lang, amount=reports.money(Decimal(c.mention)), listed=listed), [[
            Button(t(f"paid_how.{i}", lang), f"pick:{k}") for i, k in enumerate(answers.PAID_HOW_CHOICES)]]
    if c.reason == "unpaid_how":   # 卖了蓝牙耳机1副,没收钱 → [免单] [以后收]
        return t("clarify.unpaid_how", lang, detail=c.detail), [[
            Button(t(f"unpaid_how.{i}", lang), f"pick:{k}") for i, k in enumerate(answers.UNPAID_CHOICES)]]
    if c.reason == "which_move":   # 土豆3袋 番茄2箱 → [收货] [卖出] [盘点] [报损] [领用]
        moves = [Button(t(f"which_move.{k}", lang), f"pick:{k}") for k in answers.MOVE_CHOICES]
        buttons = [moves[:3], moves[3:]]
        return t("clarify.which_move", lang, detail=c.detail), buttons
    p = _product(cat, c.mention)
    mention = p.name if p else c.mention
    if c.reason == "missing_unit" and p is not None:   # 水泥3 → [3kg] [3包] [3吨]: one press answers
        choices = [f"{c.detail}{u}" for u in (p.base_unit, *p.packs)]
        buttons = [[Button(x, f"pick:{x}") for x in choices[i:i + 3]] for i in range(0, len(choices), 3)]
        return t("clarify.missing_unit", lang, mention=mention, detail=c.detail, choices="、".join(choices)), buttons
    if c.reason == "missing_qty" and p is not None and isinstance(c.partial, commands.RecordBooking):
        return t("clarify.booking_hours", lang, mention=mention, unit=p.base_unit), buttons   # (约…理疗: how long?)
    if c.reason == "missing_qty" and p is not None:   # the product's own units: 2箱、5升 (not 3公斤 for milk)
        examples = "、".join([f"2{u}" for u in list(p.packs)[:1]] + [f"5{p.base_unit}"])
        return t("clarify.missing_qty_of", lang, mention=mention, examples=examples), buttons
    if c.reason == "tier_price_missing":   # 手机壳还没有批发价 (the example says it as the chat sets it: 手机壳批发价12)
        return t("clarify.tier_price_missing", lang, mention=mention, tier=t(f"tier.{c.detail}", lang),
                 said=t(f"tier.{c.detail}", "zh_CN")), []
    if c.reason == "price_unit_unfit" and p is not None:   # 牛腩卖了3斤,40元一个: its own units, one for example
        said = re.search(r"\d+(?:\.\d+)?", c.detail)
        return t("clarify.price_unit_unfit", lang, mention=mention, detail=c.detail,
                 units="、".join((p.base_unit, *p.packs)), example=f"{said.group(0) if said else 10}元一{p.base_unit}"), []
    return t(f"clarify.{c.reason}", lang, mention=mention, detail=c.detail,
             candidates="、".join(pname(cat, s) for s in c.candidates)), buttons


def render_rule(t: Any, lang: str, draft: Any, cat: context.Catalog | None) -> str:
    return str(render.render_rule(draft, cat, t=t, lang=lang))


def manage_rules(t: Any, lang: str, uow: UnitOfWork, cmd: commands.ManageRules, *, user: catalog.User,
                 now: datetime, catalog: context.Catalog | None) -> str:
    owner = None if user.role.value in ("admin",) else user.username
    if cmd.action == "list":
        rules = uow.rules.list(owner=owner)
        if not rules:
            return str(t("rules_none", lang))
        return "\n".join(t("rule_line", lang, id=r.number, status=t(f"rule_status.{r.status}", lang), text=r.text)
                         for r in rules)
    if cmd.rule_id is None and cmd.about:   # 不要再提醒我盘点了: the one live rule of the user's whose words hold it
        live = [r for r in uow.rules.list(owner=user.username) if r.status in ("active", "paused", "manual")
                and cmd.about in r.text]
        if len(live) != 1:
            return str(t("rule_about.which" if live else "rule_about.none", lang, about=cmd.about,
                         rules="\n".join(t("rule_line", lang, id=r.number, status=t(f"rule_status.{r.status}", lang),
                                           text=r.text) for r in live)))
        cmd = replace(cmd, rule_id=live[0].number)
    rule = uow.rules.get(cmd.rule_id) if cmd.rule_id is not None else None
    if rule is None or (owner and rule.owner != owner):
        return str(t("rule_not_found", lang, id=cmd.rule_id))
    if cmd.action == "retime":   # 规则1改成每天早上8点: a new version with that schedule, the rest as it was
        return _retimed(t, lang, uow, rule, cmd, now=now, cat=catalog)
    if cmd.action == "backtest":
        rep = backtest.run(uow, rule_id=rule.number, days=7, now=now)
        return str(t("rule_backtest", lang, id=rule.number, decisions=rep.decisions, differences=rep.differences,
                     rate=f"{rep.difference_rate:.0%}"))
    status = {"pause": "paused", "resume": "active", "delete": "deleted", "manual": "manual"}[cmd.action]
    uow.rules.update(rule, status=status, at=now)
    return str(t(f"rule_{cmd.action}d" if cmd.action != "pause" else "rule_paused", lang, id=rule.number, text=rule.text))


def _retimed(t: Any, lang: str, uow: UnitOfWork, rule: Any, cmd: commands.ManageRules, *, now: datetime,
             cat: context.Catalog | None) -> str:
    """A schedule rule's time changed (the days kept when only the time is said; a one-off stays once, on its
    day): saved as its next version, its alerts' episode begun again; a rule on events has no time to change."""
    draft = drules.draft_from_dict(rule.spec)
    if draft.trigger.kind != "schedule" or not draft.trigger.cron:
        return str(t("rule_retime.not_scheduled", lang, id=rule.number, text=rule.text))
    fields, was = cmd.cron.split(), draft.trigger.cron.split()
    if len(fields) == 2 or draft.trigger.once:   # (早上8点: the time alone, on the days it had)
        trigger = replace(draft.trigger, cron=" ".join(fields[:2] + was[2:]))
    else:
        trigger = replace(draft.trigger, cron=cmd.cron, workdays=cmd.workdays)
    if trigger == draft.trigger:
        return str(t("rule_retime.same", lang, id=rule.number, rule=render.render_rule(draft, cat, t=t, lang=lang)))
    new = replace(draft, trigger=trigger)
    text = rule.text   # (its words, with the new time noted once: a note from before, in either language, replaced)
    for said_in in ("zh_CN", "en"):
        head = str(t("rule_retime.note", said_in, when="\x00")).split("\x00")[0]
        text = text[:text.find(head)] if head and head in text else text
    text += str(t("rule_retime.note", lang, when=render.schedule_words(trigger, t=t, lang=lang)))
    uow.rules.update(rule, text=text, spec=new.to_dict(), at=now)
    uow.rules.reset_alerts(f"rule:{rule.number}")
    return str(t("rule_retime.done", lang, id=rule.number, rule=render.render_rule(new, cat, t=t, lang=lang),
                 was=render.render_rule(draft, cat, t=t, lang=lang)))


def supplier_state(t: Any, lang: str, o: orders.Order, *, own: bool = False) -> str | None:
    """What the supplier said of an open purchase order: 供应商已发货 (订单1已发货), 供应商已确认 (收到 · 明天送); None.
    ``own``: as the supplier reads it of itself (已发货 · 已确认)."""
    if o.meta.get("shipped_at") and o.status.value in ("open", "partial"):
        return str(t("order_state.shipped_own" if own else "order_state.shipped_by_supplier", lang))
    if o.meta.get("acknowledged_at") and o.status.value == "open":
        return str(t("order_state.acknowledged_own" if own else "order_state.acknowledged", lang))
    return None


def supplier_orders(t: Any, lang: str, uow: UnitOfWork, *, partner: str | None, now: datetime) -> str:
    """A supplier's view: its purchase orders' status, due date and quantities, no prices or stock; not those still
    waiting for our approval or rejected by it (our decisions, not yet orders to it)."""
    products = {p.sku: p for p in uow.catalog.products()}
    if partner is None:
        return str(t("supplier_none", lang))
    rows = [o for o in uow.orders.list(kinds=["purchase"], partner=partner)
            if o.status.value not in ("pending_approval", "rejected")]
    made = uow.orders.list(kinds=["production"], statuses=["open", "partial"], partner=partner)
    if not rows and not made:
        return str(t("supplier_none", lang))
    out = []
    for o in rows[-20:]:
        items = "、".join(f"{products[ln.sku].name if ln.sku in products else ln.sku} {N(ln.qty)}"
                         f"{products[ln.sku].base_unit if ln.sku in products else ''}" for ln in o.lines)
        status = supplier_state(t, lang, o, own=True) or t(f"order_status.{o.status.value}", lang)
        out.append(t("supplier_line", lang, id=o.id, status=status, items=items,
                     due=f"{o.due.astimezone(now.tzinfo):%m-%d}" if o.due else "-"))
    held = work.holding(uow, made)
    for o in made:   # work it does for us: what to make, what came back, the materials it holds of ours (no price)
        line = o.lines[0]
        name, unit = (products[line.sku].name, products[line.sku].base_unit) if line.sku in products else (line.sku, "")
        out.append(str(t("supplier_work_line", lang, id=o.id, product=name, qty=f"{N(line.qty)}{unit}",
                         made=f"{N(line.received)}{unit}", due=f"{o.due.astimezone(now.tzinfo):%m-%d}" if o.due else "-",
                         items="、".join(f"{products[k].name if k in products else k} {N(v)}"
                                        f"{products[k].base_unit if k in products else ''}"
                                        for k, v in held.get(o.id or 0, {}).items())
                         or t("supplier_work_none", lang))))
    return "\n".join(out)


OPEN_STATUSES = ("pending_approval", "open", "partial", "shipped")
ORDER_KINDS = {"purchase": ("purchase", "purchase_request"), "sale": ("sale",), "transfer": ("transfer",)}


def orders_what(t: Any, lang: str, kind: str | None, *, sku: str | None, partner: str | None,
                cat: context.Catalog | None) -> str:
    """盒马客户订单 · 光明乳业牛奶采购单 · 订单: which orders a reply is about."""
    prefix = (partner_name(partner, cat) if partner else "") + (pname(cat, sku) if sku else "")
    return prefix + str(t("orders.what." + (kind or "all"), lang))


def status_word(t: Any, lang: str, o: orders.Order) -> str:
    """An order's status as its kind words it (a transfer's 待发货, a customer's 待提货), else the common word."""
    state = f"order_state.{o.kind.value}.{o.status.value}"
    status = str(t(state, lang))
    return status if status != state else str(t(f"order_status.{o.status.value}", lang))


def scope(user: catalog.User) -> str | None:
    """The place whose orders and deliveries concern ``user``: its store; None (every place) for a purchaser, who
    buys for all of them, or a user without a store."""
    return None if user.role == catalog.Role.PURCHASER else user.location


def open_orders(t: Any, lang: str, uow: UnitOfWork, cmd: commands.OrderQuery, *, user: catalog.User, now: datetime,
                cat: context.Catalog | None) -> str:
    """The orders still open (awaiting approval, to deliver, to collect, in transit) that concern the user's store
    (or that the user placed; everything for a user without a store), soonest due first, the late ones marked:
    how much of each line has come or gone, and its day. A purchaser buys for every place: all of them."""
    home = scope(user)
    if cmd.order_id is not None:   # 订单1到了吗: that order, in whatever state (if it concerns the user)
        o = uow.orders.get(cmd.order_id)
        if o is None or not (home is None or home in (o.location, o.source) or o.created_by == user.username):
            return str(t("orders.not_found", lang, id=cmd.order_id))
        return _order_line(t, lang, o, now=now, cat=cat).lstrip("· ")
    kinds = ORDER_KINDS.get(cmd.kind or "", tuple(k for ks in ORDER_KINDS.values() for k in ks))
    if cmd.inbound and cmd.kind is None:   # goods coming in: purchases and transfers, not customers' orders
        kinds = (*ORDER_KINDS["purchase"], *ORDER_KINDS["transfer"])
    rows = [o for o in uow.orders.list(kinds=kinds, statuses=OPEN_STATUSES)
            if (cmd.partner is None or o.partner == cmd.partner)
            and (cmd.sku is None or any(ln.sku == cmd.sku for ln in o.lines))
            and (home is None or home in (o.location, o.source) or o.created_by == user.username)
            and (not cmd.inbound or home is None or o.location == home)
            and (cmd.due_from is None or (o.due is not None and cmd.due_from <= o.due.astimezone(now.tzinfo).date()
                                          <= (cmd.due_to or cmd.due_from)))]
    what = orders_what(t, lang, cmd.kind, sku=cmd.sku, partner=cmd.partner, cat=cat) if not (
        cmd.inbound and cmd.kind is None) else str(t("orders.inbound", lang))
    span = reports.days_text(t, lang, cmd.due_from, cmd.due_to or cmd.due_from) if cmd.due_from else ""
    if not rows:   # (明天有什么货要到: of the days said)
        return str(t("orders.due_none", lang, what=what, span=span) if span else t("orders.none", lang, what=what))
    far = datetime.max.replace(tzinfo=now.tzinfo)
    rows.sort(key=lambda o: (o.due.astimezone(now.tzinfo) if o.due else far, o.id or 0))
    out = [t("orders.due_header", lang, what=what, span=span, n=len(rows)) if span
           else t("orders.header", lang, what=what, n=len(rows))]
    out += [_order_line(t, lang, o, now=now, cat=cat) for o in rows[:20]]
    if len(rows) > 20:
        out.append(t("orders.more", lang, n=len(rows) - 20))
    return "\n".join(out)


def orders_listed(t: Any, lang: str, rows: list[orders.Order], *, now: datetime, cat: context.Catalog | None,
                  head: str, none: str) -> str:
    """Orders chosen by the caller (the speaker's own · those awaiting the speaker), a line each (the first 20)."""
    if not rows:
        return str(t(none, lang))
    out = [str(t(head, lang, n=len(rows)))] + [_order_line(t, lang, o, now=now, cat=cat) for o in rows[:20]]
    if len(rows) > 20:
        out.append(str(t("orders.more", lang, n=len(rows) - 20)))
    return "\n".join(out)


def last_count(t: Any, lang: str, uow: UnitOfWork, *, location: str, sku: str | None, now: datetime,
               cat: context.Catalog | None) -> str:
    """上次盘点是什么时候 · 牛腩多久没盘了: when the store (or ``sku`` there) was last counted and by whom (every count
    kept, the books right or not); for the store, what on hand was never counted or not for a week, and the count
    reminders set."""
    tz, today = now.tzinfo, now.date()
    counts = [a for a in uow.chat.audits("count_recorded", limit=200) if a.get("location") == location]
    last: dict[str, tuple[datetime, str]] = {}   # sku → its newest count (the audits come newest first)
    for a in counts:
        for s in a.get("skus") or []:
            last.setdefault(str(s), (datetime.fromisoformat(str(a["at"])), str(a.get("user") or "")))
    names = {u.username: u.display_name for u in uow.catalog.users(everyone=True)}
    where = loc_name(location, cat)

    def ago(at: datetime) -> int:
        return (today - at.astimezone(tz).date()).days

    def when(at: datetime) -> str:
        return str(t("count_last.when" if ago(at) else "count_last.today", lang, at=f"{at.astimezone(tz):%m-%d %H:%M}",
                     days=ago(at)))

    if sku is not None:
        seen = last.get(sku)
        if seen is None:
            return str(t("count_last.product_never", lang, location=where, product=pname(cat, sku)))
        audit = next(a for a in counts if sku in (a.get("skus") or []))
        said = (audit.get("qty") or {}).get(sku)   # (what was counted: kept on counts since it was)
        return str(t("count_last.product", lang, location=where, product=pname(cat, sku), when=when(seen[0]),
                     who=names.get(seen[1], seen[1]))) + ("\n" + str(t(
                         "count_last.counted", lang, qty=qty_text(cat, sku, Decimal(str(said))))) if said else "") \
            + _count_found(t, lang, uow, audit, location=location, cat=cat,
                                                                       sku=sku)
    out = [str(t("count_last.store", lang, location=where, when=when(datetime.fromisoformat(str(counts[0]["at"]))),
                 who=names.get(str(counts[0].get("user")), "")) + _count_found(t, lang, uow, counts[0],
                                                                                location=location, cat=cat)
           if counts else t("count_last.store_never", lang, location=where))]
    held = {s for loc, s, _lot, q, _exp in uow.stock.all_levels() if loc == location and q != 0}
    on_hand = [p for p in uow.catalog.products() if p.sku in held]
    never = [p.name for p in on_hand if p.sku not in last]
    stale = sorted(((last[p.sku][0], p.name) for p in on_hand if p.sku in last and ago(last[p.sku][0]) >= 7),
                   key=lambda x: x[0])   # (the longest uncounted first; the catalog's order among equals)
    if never and counts:
        out.append(str(t("count_last.never", lang, n=len(never), items="、".join(never[:10]))))
    if stale:
        out.append(str(t("count_last.stale", lang, items="、".join(
            str(t("count_last.stale_item", lang, product=name, days=ago(at))) for at, name in stale[:10]))))
    reminders = [r for r in uow.rules.list(statuses=("active",)) if "盘点" in r.text or "盘库" in r.text]
    out.append(str(t("count_last.reminders", lang, rules="、".join(f"#{r.number} {r.text}" for r in reminders))
                   if reminders else t("count_last.no_reminder", lang)))
    return "\n".join(out)


def _count_found(t: Any, lang: str, uow: UnitOfWork, audit: dict[str, Any], *, location: str,
                 cat: context.Catalog | None, sku: str | None = None) -> str:
    """What a count (its audit) found against the books: each product over or short and what that is worth (each
    lot at what it came in at), or that the books were right; that it was undone, when it was."""
    batch = str(audit.get("batch") or "")
    if not batch:   # (a count kept before its batch was)
        return ""
    if uow.stock.is_reversed(batch):
        return "\n" + str(t("count_last.undone", lang))
    diff: dict[str, Decimal] = {}
    lots: list[tuple[str, str, Decimal]] = []
    for m in uow.stock.batch(batch):
        if m.kind != ledger.MoveKind.COUNT_ADJUSTMENT or (sku is not None and m.sku != sku):
            continue
        sign = Decimal(1) if m.dst == location else Decimal(-1)
        diff[m.sku] = diff.get(m.sku, Decimal(0)) + sign * m.qty
        lots.append((m.sku, m.lot, sign * m.qty))
    diff = {s: q for s, q in diff.items() if q != 0}
    if not diff:
        return "\n" + str(t("count_last.right", lang, n=len(audit.get("skus") or [])) if sku is None
                           else t("count_last.right_one", lang))
    worth = metrics.stock_values(uow, [x for x in lots if x[0] in diff])
    known = [v for v in worth.values() if v is not None]
    items = "、".join(f"{pname(cat, s)} {'+' if q > 0 else ''}{qty_text(cat, s, q)}"
                     for s, q in sorted(diff.items(), key=lambda kv: kv[1]))
    key = "count_last.found" if len(known) == len(worth) else "count_last.found_some" if known \
        else "count_last.found_uncosted"
    return "\n" + str(t(key, lang, items=items, value=reports.money(sum(known, Decimal(0)))))


TODO_SHOWN = 5   # of each kind of thing waiting, the first few; the rest counted


def todo(t: Any, lang: str, sections: Sequence[tuple[str, list[orders.Order]]], *, where: str, now: datetime,
         cat: context.Catalog | None, money: Sequence[str] = ()) -> str:
    """我该做什么: what waits today, by kind (decisions, goods due in, customers' pickups, transfers to send and to take
    in, work orders due), a line each for the first few, then the money to chase and to pay (``money``); or that
    nothing does."""
    shown = [(key, rows) for key, rows in sections if rows]
    if not shown and not money:
        return str(t("todo.none", lang, where=where))
    out = [str(t("todo.head", lang, where=where, date=f"{now:%m-%d}"))]
    for key, rows in shown:
        out.append(str(t(key, lang, n=len(rows))))
        out += ["  " + _order_line(t, lang, o, now=now, cat=cat) for o in rows[:TODO_SHOWN]]
        if len(rows) > TODO_SHOWN:
            out.append("  " + str(t("orders.more", lang, n=len(rows) - TODO_SHOWN)))
    return "\n".join([*out, *money])


def _order_line(t: Any, lang: str, o: orders.Order, *, now: datetime, cat: context.Catalog | None) -> str:
    """· 采购单 #1 张记肉业:牛腩 20/40斤,到货 06-16,部分到货(逾期1天): what has come or gone of each line, its day,
    its state (the supplier's word that it has shipped), how late."""
    items = "、".join(f"{pname(cat, ln.sku)} {N(ln.received)}/{qty_text(cat, ln.sku, ln.qty)}" if ln.received
                     else f"{pname(cat, ln.sku)} {qty_text(cat, ln.sku, ln.qty)}" for ln in o.lines)
    kind = o.kind.value
    who = (f"{loc_name(o.source, cat)}→{loc_name(o.location, cat)}" if kind == "transfer"
           else partner_name(o.partner, cat) or loc_name(o.location, cat))
    due = o.due.astimezone(now.tzinfo).date() if o.due else None
    status = supplier_state(t, lang, o) or status_word(t, lang, o)
    open_now = o.status.value in OPEN_STATUSES and o.status.value != "shipped"
    late = (now.date() - due).days if due and due < now.date() and open_now else 0
    return str(t("orders.line", lang, kind=t(f"orders.kind.{kind}", lang), id=o.id, who=who, items=items,
                 due=t(f"orders.due.{'sale' if kind == 'sale' else 'other'}", lang, date=f"{due:%m-%d}")
                 if due else "", status=status, late=t("orders.late", lang, days=late) if late > 0 else ""))


def moves_total(t: Any, lang: str, uow: UnitOfWork, cmd: commands.MovesQuery, *, user: catalog.User, now: datetime,
                cat: context.Catalog | None) -> str:
    """这周牛奶用了多少 · 本月报损多少: at the user's store (``cmd.location``; every store for a user without one)."""
    return reports.moves_text(uow, t, lang, kind=cmd.kind, start=cmd.start, end=cmd.end, sku=cmd.sku,
                              location=cmd.location or user.location, now=now)


def purchases(t: Any, lang: str, uow: UnitOfWork, cmd: commands.PurchaseQuery, *, user: catalog.User, now: datetime,
              cat: context.Catalog | None) -> str:
    """What came in at the user's store (or ``cmd.location``; everywhere for a user without one, and for a purchaser,
    who buys for every place) on ``cmd.start`` .. ``cmd.end``: the receipts, net of those undone, at the cost each was recorded with; by product (the ten that
    cost most) and by supplier; receipts without a cost are counted apart."""
    loc = cmd.location or scope(user)
    moves, returned = _came_in(uow, cmd, loc, now)
    fmt = {"span": reports.days_text(t, lang, cmd.start, cmd.end), "location": loc_name(loc, cat) or t("all_locations", lang),
           "who": partner_name(cmd.partner, cat) if cmd.partner else ""}
    note = ""
    if cmd.payable:   # 欠张记多少钱: what came in less what went back in the period, at cost; then the whole account
        got, back = dues.supplier_goods(uow, [*moves, *returned])
        note = "\n" + str(t("purchases.payable", lang, got=reports.money(got), back=reports.money(back),
                                net=reports.money(got - back)))
        if cmd.partner is not None:   # and the account since it began, with what was paid
            note += "\n" + purchasing.account_line(uow, t, lang, cmd.partner, now=now)
    if not moves:
        return str(t("purchases.none", lang, **fmt)) + note
    spent, amount, by_partner, unpriced, estimated = _valued(uow, moves)
    total = sum(spent.values(), Decimal(0))
    rows = sorted(amount, key=lambda s: (-spent.get(s, Decimal(0)), s))
    out = [str(t("purchases.head", lang, n=len(amount), total=reports.money(total), times=len({m.batch for m in moves}),
                 **fmt))]
    out += [str(t("purchases.line", lang, product=pname(cat, s), qty=qty_text(cat, s, amount[s]),
                  cost=reports.money(spent[s]) if s in spent else t("purchases.no_cost", lang))) for s in rows[:10]]
    if len(by_partner) > 1 or (by_partner and not cmd.partner):
        out.append(str(t("purchases.partners", lang, list="、".join(
            f"{partner_name(p, cat) if p else t('purchases.no_partner', lang)} {reports.money(v)}"
            for p, v in sorted(by_partner.items(), key=lambda kv: -kv[1])))))
    if estimated:
        out.append(str(t("purchases.estimated", lang, n=estimated)))
    if unpriced:
        out.append(str(t("purchases.unpriced", lang, n=unpriced)))
    return "\n".join(out) + note


def _came_in(uow: UnitOfWork, cmd: commands.PurchaseQuery, loc: str | None,
             now: datetime) -> tuple[list[ledger.Move], list[ledger.Move]]:
    """The receipts at ``loc`` (everywhere: None) on the query's days, of its product and supplier, and what went back
    to suppliers, each net of those undone."""
    since = datetime(cmd.start.year, cmd.start.month, cmd.start.day, tzinfo=now.tzinfo)
    until = since + timedelta(days=(cmd.end - cmd.start).days + 1)
    kinds = [ledger.MoveKind.RECEIPT.value, ledger.MoveKind.RETURN_TO_SUPPLIER.value]
    moves = uow.stock.standing(m for m in uow.stock.moves(since=since, until=until, kinds=kinds)
                               if (loc is None or loc in (m.dst, m.src)) and (cmd.sku is None or m.sku == cmd.sku)
                               and (cmd.partner is None or m.partner == cmd.partner))
    return ([m for m in moves if m.kind == ledger.MoveKind.RECEIPT],
            [m for m in moves if m.kind == ledger.MoveKind.RETURN_TO_SUPPLIER])


def _valued(uow: UnitOfWork, moves: list[ledger.Move]) -> tuple[dict[str, Decimal], dict[str, Decimal],
                                                               dict[str, Decimal], int, int]:
    """Receipts valued as the supplier's account values them (each at its cost, else what it costs lately: free goods
    nothing): by product, the quantities by product, by supplier, how many had no cost anywhere (left out) and how
    many were valued at the recent cost."""
    spent: dict[str, Decimal] = {}
    amount: dict[str, Decimal] = {}
    by_partner: dict[str, Decimal] = {}
    unpriced = estimated = 0
    for m, value in dues.supplier_values(uow, moves):
        amount[m.sku] = amount.get(m.sku, Decimal(0)) + m.qty
        bare = m.unit_cost is None and not ledger.gift(m.note)
        if bare and value == 0:   # (no cost anywhere)
            unpriced += 1
            continue
        estimated += bare
        spent[m.sku] = spent.get(m.sku, Decimal(0)) + value
        who = m.partner or ""
        by_partner[who] = by_partner.get(who, Decimal(0)) + value
    return spent, amount, by_partner, unpriced, estimated


def spending(t: Any, lang: str, uow: UnitOfWork, cmd: commands.ExpenseQuery, *, user: catalog.User,
             location: str | None, now: datetime, cat: context.Catalog | None) -> str:
    """这个月花了多少钱: the goods that came in (at cost, as the purchases report counts them) and the running costs
    kept, with the whole, then each report as asked on its own (the suppliers, the kinds of cost)."""
    asked = commands.PurchaseQuery(start=cmd.start, end=cmd.end, location=location)
    moves, _ = _came_in(uow, asked, location, now)
    spent, _, _, unpriced, _ = _valued(uow, moves)
    goods = sum(spent.values(), Decimal(0))
    kept = costs_flow.spent(uow, cmd.start, cmd.end, location=location, tz=now.tzinfo)
    where, span = loc_name(location, cat) or t("all_locations", lang), reports.days_text(t, lang, cmd.start, cmd.end)
    if not moves and not kept:
        return str(t("spending.none", lang, where=where, span=span))
    head = str(t("spending.head", lang, where=where, span=span, total=reports.money(goods + kept),
                 goods=reports.money(goods), costs=reports.money(kept)))
    if unpriced:
        head += str(t("spending.unpriced", lang, n=unpriced))
    parts = [head]
    if moves:
        parts.append(purchases(t, lang, uow, asked, user=user, now=now, cat=cat))
    if kept:
        parts.append(costs_flow.answer(uow, t, lang, replace(cmd, goods=False), location=location, tz=now.tzinfo))
    return "\n\n".join(parts)


def sales(t: Any, lang: str, uow: UnitOfWork, cmd: commands.SalesQuery, *, user: catalog.User, now: datetime,
          cat: context.Catalog | None) -> str:
    """What sold at the user's store (or ``cmd.location``; everywhere for a user without one) on ``cmd.start`` ..
    ``cmd.end``: one product's total, daily mean and its days (up to two weeks), and its complete days against the
    same days a week earlier (a longer period: the period before); without a product, the best sellers. Recorded
    sales net of reversals plus imported history."""
    loc = None if cmd.by_store else cmd.location or user.location   # 哪个店卖得多: all of them, side by side
    span = (cmd.end - cmd.start).days + 1
    today = now.date()
    # the complete days of the period (today is still selling) against the same weekdays a week before; a comparison
    # asked for (比上周 · 比上个月): against the period it names, today so far included
    done_last = cmd.end if cmd.versus is not None else min(cmd.end, today - timedelta(days=1))
    shift = cmd.start - cmd.versus if cmd.versus is not None else timedelta(days=7 if span <= 7 else span)
    before = cmd.start - shift
    by_day = metrics.daily_sales(uow, location=loc, first=before, tz=now.tzinfo, sku=None if cmd.also else cmd.sku)

    def total(sku: str, first: Any, last: Any) -> Decimal:
        return sum((q for d, q in by_day.get(sku, {}).items() if first <= d <= last), Decimal(0))

    where = loc_name(loc, cat) or t("all_locations", lang)
    fmt = {"span": reports.days_text(t, lang, cmd.start, cmd.end), "location": where}
    money = _sales_money(t, lang, uow, {s: total(s, cmd.start, cmd.end) for s in by_day},
                         metrics.said_prices(uow, location=loc, first=cmd.start, last=cmd.end, tz=now.tzinfo),
                         location=loc, first=cmd.start, last=cmd.end, tz=now.tzinfo,
                         # (the running costs of the span, off the margin: the whole takings, for whoever may see them)
                         spent=cmd.sku is None and user.can("purchase")) if cmd.money else ""
    stores = _by_store(t, lang, uow, cmd, now=now, cat=cat) if cmd.by_store or loc is None else ""
    if cmd.rank == "tickets":   # 今天卖了几单 · 这周客单价多少
        return _tickets(t, lang, uow, {s: total(s, cmd.start, cmd.end) for s in by_day}, cmd, loc=loc, now=now, fmt=fmt)
    if cmd.sku is not None and cmd.also:   # 可乐和雪碧卖了多少 · 哪个卖得好
        sold_named = {s: total(s, cmd.start, cmd.end) for s in (cmd.sku, *cmd.also)}
        said = metrics.said_prices(uow, location=loc, first=cmd.start, last=cmd.end, tz=now.tzinfo)   # (read once)
        # (可乐和雪碧各店卖了多少: each one's stores side by side, as 各店可乐卖了多少 gives one's)
        each = "".join("\n" + str(t("sales.stores_of", lang, product=pname(cat, s), list=got.removeprefix("\n")))
                       for s in (cmd.sku, *cmd.also)
                       if (got := _by_store(t, lang, uow, replace(cmd, sku=s, also=()), now=now, cat=cat)))
        return _several(t, lang, uow, sold_named, said, fmt=fmt, cat=cat) + (_sales_money(
            t, lang, uow, sold_named, said, location=loc, first=cmd.start, last=cmd.end, tz=now.tzinfo)
            if cmd.money else "") + (each if cmd.by_store else "")
    if cmd.sku is None and cmd.rank:   # 哪个商品最赚钱 · 毛利最低的商品 · 哪些商品卖亏了
        return _by_margin(t, lang, uow, {s: total(s, cmd.start, cmd.end) for s in by_day}, cmd, loc=loc, now=now,
                          cat=cat, fmt=fmt)
    if cmd.sku is None:
        sold = sorted(((total(s, cmd.start, cmd.end), s) for s in by_day), key=lambda x: (-x[0], x[1]))
        sold = [(q, s) for q, s in sold if q > 0]
        versus = _versus_all(t, lang, uow, by_day, cmd, shift=shift, loc=loc, now=now, cat=cat) \
            if cmd.versus is not None else ""
        if not sold:   # (本月利润多少 with nothing sold yet: the running costs kept are the net)
            net = costs_flow.net_line(uow, t, lang, first=cmd.start, last=cmd.end, location=loc, margin=Decimal(0),
                                      tz=now.tzinfo) if cmd.money and user.can("purchase") else ""
            return str(t("sales.none", lang, **fmt)) + ("\n" + net if net else "") + versus
        top = sold[:10]
        head = t("sales.top_head", lang, n=len(sold), k=len(top), **fmt)
        return "\n".join([head, *(t("sales.top_line", lang, rank=r, product=pname(cat, s), qty=qty_text(cat, s, q))
                                  for r, (q, s) in enumerate(top, start=1))]) + money + versus + stores \
            + _targets(t, lang, uow, cmd, loc=loc, now=now)
    sku = cmd.sku
    qty = total(sku, cmd.start, cmd.end)
    if qty <= 0:
        prev = total(sku, cmd.start - shift, done_last - shift) if cmd.versus is not None else Decimal(0)
        return str(t("sales.none_product", lang, product=pname(cat, sku), **fmt)) + (str(t(
            "sales.versus_none", lang, before=reports.days_text(t, lang, cmd.start - shift, done_last - shift),
            before_qty=qty_text(cat, sku, prev))) if prev > 0 else "")
    if span == 1:
        lines = [t("sales.one_day", lang, product=pname(cat, sku), qty=qty_text(cat, sku, qty), **fmt)]
    else:
        mean = (qty / span).quantize(Decimal("0.1"))
        lines = [t("sales.one", lang, product=pname(cat, sku), qty=qty_text(cat, sku, qty),
                   mean=qty_text(cat, sku, mean), **fmt)]
    if done_last >= cmd.start:
        done, prev = total(sku, cmd.start, done_last), total(sku, cmd.start - shift, done_last - shift)
        if prev > 0:
            change = _change(t, lang, done, prev)
            lines.append(t("sales.versus_day" if span == 1 and cmd.versus is None else "sales.versus", lang,
                           span=reports.days_text(t, lang, cmd.start, done_last), qty=qty_text(cat, sku, done),
                           before=reports.days_text(t, lang, cmd.start - shift, done_last - shift),
                           before_qty=qty_text(cat, sku, prev), change=change))
    if 1 < span <= 14:
        days = by_day.get(sku, {})
        lines += [t("sales.day_line", lang, date=f"{cmd.start + timedelta(days=k):%m-%d}",
                    weekday=t(f"weekday.{(cmd.start + timedelta(days=k)).weekday()}", lang),
                    qty=qty_text(cat, sku, days.get(cmd.start + timedelta(days=k), Decimal(0))))
                  for k in range(span)]
    return "\n".join(str(x) for x in lines) + money + stores


def _several(t: Any, lang: str, uow: UnitOfWork, sold: dict[str, Decimal], said: dict[str, tuple[Decimal, Decimal]], *,
             cat: context.Catalog | None, fmt: dict[str, str]) -> str:
    """可乐和雪碧卖了多少 · 哪个卖得好: the products named, each with what sold and what it brought in, the best first
    (by takings when each sold one has a price; else by quantity when they share a unit; else as named); ``said``:
    what sold at a price said on the sale (``metrics.said_prices``)."""
    products = {p.sku: p for p in uow.catalog.products() if p.sku in sold}
    took = {s: metrics.revenue(products[s], q, said.get(s)) if s in products and q > 0 else None
            for s, q in sold.items()}
    order = list(sold)
    if any(q > 0 for q in sold.values()) and all(took[s] is not None for s, q in sold.items() if q > 0):
        order.sort(key=lambda s: -(took[s] or Decimal(0)))
    elif len({products[s].base_unit for s in sold if s in products}) == 1:
        order.sort(key=lambda s: -sold[s])
    rows = [t("sales.some_line", lang, rank=r, product=pname(cat, s), qty=qty_text(cat, s, sold[s]))
            + (t("sales.some_money", lang, money=reports.money(took[s] or Decimal(0))) if took[s] is not None else "")
            if sold[s] > 0 else t("sales.some_none", lang, rank=r, product=pname(cat, s))
            for r, s in enumerate(order, start=1)]
    return "\n".join([str(t("sales.some_head", lang, **fmt)), *(str(x) for x in rows)])


def _targets(t: Any, lang: str, uow: UnitOfWork, cmd: commands.SalesQuery, *, loc: str | None, now: datetime) -> str:
    """这个月卖得怎么样 · 今天营业额 with a target of the store (the company's, for everywhere) of the period asked so far
    (this month, this week, today): how far it has come."""
    today = now.date()
    if cmd.end != today or cmd.versus is not None or cmd.by_store:
        return ""
    return "".join("\n" + goals.line(uow, t, lang, x, now=now) for x in targets.current(goals.kept(uow), today)
                   if x.location == loc and x.user is None and x.goods == "all" and x.days(today)[0] == cmd.start)


RANK_SHOWN = 10   # products a margin ranking names


def _by_margin(t: Any, lang: str, uow: UnitOfWork, sold: dict[str, Decimal], cmd: commands.SalesQuery, *,
               loc: str | None, now: datetime, cat: context.Catalog | None, fmt: dict[str, str]) -> str:
    """The products sold on the query's days by their gross profit (what they brought in, at the prices said on the
    sales else the catalog's, less what they cost: each sale at its lot's cost, the rest at the recent cost): the
    most first (``cmd.rank`` "margin"), the lowest share first ("low"), or those sold below cost ("loss", with the
    catalog's prices below cost beside them)."""
    products = {p.sku: p for p in uow.catalog.products()}
    said = metrics.said_prices(uow, location=loc, first=cmd.start, last=cmd.end, tz=now.tzinfo)
    costs = metrics.sold_costs(uow, sold, location=loc, first=cmd.start, last=cmd.end, tz=now.tzinfo)
    rows: list[tuple[str, Decimal, Decimal, Decimal]] = []   # sku, quantity, revenue, cost
    unknown = []
    for sku, q in sorted(sold.items()):
        if q <= 0 or sku not in products:
            continue
        got, spent = metrics.revenue(products[sku], q, said.get(sku)), costs.get(sku)
        if got is None or spent is None:
            unknown.append(products[sku].name)
        else:
            rows.append((sku, q, got, spent))
    if cmd.rank == "loss":
        rows = sorted((r for r in rows if r[2] < r[3]), key=lambda r: (r[2] - r[3], r[0]))
    elif cmd.rank == "low":
        rows = sorted(rows, key=lambda r: ((r[2] - r[3]) / r[2] if r[2] else Decimal(-1), r[0]))
    else:
        rows = sorted(rows, key=lambda r: (-(r[2] - r[3]), r[0]))
    lines = []
    if rows:
        lines.append(str(t(f"margin.head_{cmd.rank}", lang, **fmt)))
    elif cmd.rank == "loss":
        lines.append(str(t("margin.no_loss", lang, **fmt)))
    else:
        lines.append(str(t("sales.none", lang, **fmt)) if not unknown else str(t("margin.head_none", lang, **fmt)))
    for sku, q, got, cost in rows[:RANK_SHOWN]:
        margin = got - cost
        key = "margin.loss_line" if margin < 0 else "margin.line"
        lines.append(str(t(key, lang, product=pname(cat, sku), qty=qty_text(cat, sku, q), revenue=reports.money(got),
                           cost=reports.money(cost), margin=reports.money(abs(margin)),
                           pct=f"{margin / got * 100:.0f}" if got else "-", price=reports.money(got / q),
                           each=reports.money(cost / q), unit=base_unit(cat, sku))))
    if cmd.rank == "loss":   # priced below cost in the catalog, sold or not
        under = [p for p in products.values() if p.active and p.unit_price is not None and p.unit_cost is not None
                 and p.unit_price < p.unit_cost]
        if under:
            lines.append(str(t("margin.priced_under", lang, items="、".join(
                f"{p.name}({reports.money(p.unit_price or Decimal(0))} < {reports.money(p.unit_cost or Decimal(0))})"
                for p in under))))
    if unknown:
        lines.append(str(t("margin.unknown", lang, items="、".join(unknown))))
    return "\n".join(lines)


VERSUS_SHOWN = 3   # products named among those that rose, and those that fell, the most


def _versus_all(t: Any, lang: str, uow: UnitOfWork, by_day: dict[str, dict[Any, Decimal]], cmd: commands.SalesQuery, *,
                shift: timedelta, loc: str | None, now: datetime, cat: context.Catalog | None) -> str:
    """这周和上周比卖得怎么样: what the period brought in against the period compared (at the prices said, else the
    catalog's), and the products that rose and fell the most."""
    first, last = cmd.start - shift, cmd.end - shift

    def sold(a: Any, b: Any) -> dict[str, Decimal]:
        return {sku: sum((q for d, q in days.items() if a <= d <= b), Decimal(0)) for sku, days in by_day.items()}

    now_q, then_q = sold(cmd.start, cmd.end), sold(first, last)
    products = {p.sku: p for p in uow.catalog.products()}

    def money(q: dict[str, Decimal], a: Any, b: Any) -> Decimal:
        return metrics.takings(uow, q, location=loc, first=a, last=b, tz=now.tzinfo, products=products)

    so_far = t("sales.so_far", lang) if cmd.end >= now.date() else ""
    out = ["", str(t("sales.versus_head", lang, before=reports.days_text(t, lang, first, last), so_far=so_far))]
    rev, was = money(now_q, cmd.start, cmd.end), money(then_q, first, last)
    if was:
        out.append(str(t("sales.versus_money", lang, money=reports.money(rev), then=reports.money(was),
                         change=_change(t, lang, rev, was))))
    elif rev:
        out.append(str(t("sales.versus_money_new", lang, money=reports.money(rev))))
    moved = sorted(((now_q.get(s, Decimal(0)) - then_q.get(s, Decimal(0)), s) for s in by_day), key=lambda x: x[0])
    for key, rows in (("sales.versus_up", [x for x in reversed(moved) if x[0] > 0][:VERSUS_SHOWN]),
                      ("sales.versus_down", [x for x in moved if x[0] < 0][:VERSUS_SHOWN])):
        if rows:
            out.append(str(t(key, lang, items="、".join(
                f"{pname(cat, s)} {'+' if d > 0 else '-'}{qty_text(cat, s, abs(d))}" for d, s in rows))))
    return "\n".join(out) if len(out) > 2 else ""


def _change(t: Any, lang: str, now_value: Decimal, before: Decimal) -> str:
    """多 12% · 少 5% · 持平 (against nothing before: no share)."""
    if before <= 0:
        return ""
    pct = int(((now_value - before) / before * 100).to_integral_value())
    return str(t("sales.same", lang) if pct == 0 else t("sales.up" if pct > 0 else "sales.down", lang, pct=abs(pct)))


def _by_store(t: Any, lang: str, uow: UnitOfWork, cmd: commands.SalesQuery, *, now: datetime,
              cat: context.Catalog | None) -> str:
    """Each store's sales on the query's days beside the others, most first: what they brought in (the prices said on
    the sales, else the catalog's), else how much of the product or how many products sold."""
    products = {p.sku: p for p in uow.catalog.products()}
    rows: list[tuple[Decimal, str]] = []
    for loc in uow.catalog.locations():
        if loc.kind.value != "store":
            continue
        daily = metrics.daily_sales(uow, location=loc.code, first=cmd.start, tz=now.tzinfo, sku=cmd.sku)
        sold = {sku: q for sku, days in daily.items()
                if (q := sum((v for d, v in days.items() if d <= cmd.end), Decimal(0))) > 0}
        if not sold:
            continue
        money = metrics.takings(uow, sold, location=loc.code, first=cmd.start, last=cmd.end, tz=now.tzinfo,
                                products=products)
        if cmd.sku is not None:
            rows.append((sold.get(cmd.sku, Decimal(0)), str(t("sales.store_qty", lang, location=loc.name,
                                                               qty=qty_text(cat, cmd.sku, sold.get(cmd.sku, Decimal(0)))))))
        elif money > 0:
            rows.append((money, str(t("sales.store_money", lang, location=loc.name, money=reports.money(money),
                                      n=len(sold)))))
        else:
            rows.append((Decimal(len(sold)), str(t("sales.store_count", lang, location=loc.name, n=len(sold)))))
    if len(rows) < 2 and not cmd.by_store:
        return ""
    if not rows:
        return "\n" + str(t("sales.stores_none", lang))
    return "\n" + str(t("sales.stores", lang, list="、".join(r for _, r in sorted(rows, key=lambda x: -x[0]))))


def _tickets(t: Any, lang: str, uow: UnitOfWork, sold: dict[str, Decimal], cmd: commands.SalesQuery, *,
             loc: str | None, now: datetime, fmt: dict[str, str]) -> str:
    """几单 · 客单价: the sales recorded over the days (each write one, walk-in or a customer's; undone ones left out),
    the takings (as 营业额 counts them) and what one came to on average."""
    tz = now.tzinfo
    since = datetime(cmd.start.year, cmd.start.month, cmd.start.day, tzinfo=tz)
    until = since + timedelta(days=(cmd.end - cmd.start).days + 1)
    moves = uow.stock.standing(m for m in uow.stock.moves(since=since, until=until, kinds=[ledger.MoveKind.SALE.value])
                               if loc is None or m.src == loc)
    n = len({m.batch for m in moves})
    if not n:
        return str(t("sales.tickets_none", lang, **fmt))
    products = {p.sku: p for p in uow.catalog.products()}
    revenue = metrics.takings(uow, sold, location=loc, first=cmd.start, last=cmd.end, tz=tz, products=products)
    return str(t("sales.tickets", lang, n=n, revenue=reports.money(revenue),
                 each=reports.money((revenue / n).quantize(Decimal("0.01"))), **fmt))


def _sales_money(t: Any, lang: str, uow: UnitOfWork, sold: dict[str, Decimal],
                 said: dict[str, tuple[Decimal, Decimal]], *, location: str | None, first: Any, last: Any,
                 tz: Any, spent: bool = False) -> str:
    """What the quantities sold brought in (at the prices said on the sales, the rest at the catalog's), what they
    cost (``metrics.sold_costs``: each sale at its lot's cost, the rest at the recent cost) and the gross margin;
    products without a price are named, not counted as 0. ``spent``: the span's running costs after it, and the net
    (这个月赚了多少)."""
    revenue = cost = Decimal(0)
    unpriced, uncosted = [], []
    products = {p.sku: p for p in uow.catalog.products() if sold.get(p.sku, 0) > 0}
    costs = metrics.sold_costs(uow, sold, location=location, first=first, last=last, tz=tz)
    for sku, p in products.items():
        q = sold[sku]
        got = metrics.revenue(p, q, said.get(sku))
        if got is None:
            unpriced.append(p.name)
            continue
        revenue += got
        c = costs.get(sku)
        if c is None:
            uncosted.append(p.name)
        else:
            cost += c
    out = "\n" + str(t("sales.money", lang, revenue=reports.money(revenue))) if revenue or not unpriced else ""
    margin = revenue - cost if revenue and not uncosted else None
    if revenue and margin is not None:
        out += str(t("sales.margin", lang, cost=reports.money(cost), margin=reports.money(margin),
                     pct=f"{margin / revenue * 100:.1f}", cost_pct=f"{cost / revenue * 100:.1f}"))
    net = costs_flow.net_line(uow, t, lang, first=first, last=last, location=location,
                              margin=margin if revenue or not unpriced else None, tz=tz) if spent else ""
    out += "\n" + net if net else ""
    if uncosted:
        out += "\n" + str(t("sales.no_cost", lang, products="、".join(sorted(uncosted))))
    if unpriced:
        out += "\n" + str(t("sales.no_price", lang, products="、".join(sorted(unpriced))))
    return out


EXPIRY_DAYS = 7   # 哪些快过期了: lots expiring within a week (a number of days said overrides it)


def stock_info(t: Any, lang: str, uow: UnitOfWork, cmd: commands.StockInfo, *, user: catalog.User, now: datetime,
               cat: context.Catalog | None) -> str:
    """Answers a StockInfo question at the place named, else the speaker's store, else everywhere."""
    loc = cmd.location or user.location
    where = loc_name(loc, cat) or str(t("all_locations", lang))
    rows = [r for r in uow.stock.all_levels() if (loc is None or r[0] == loc) and (not cmd.skus or r[1] in cmd.skus)]
    answer = _customer_prices if cmd.kind == "price" and cmd.partner else {
        "expiring": _expiring, "below_safety": _below_safety, "value": _value, "price": _prices, "lots": _lots,
        "price_moves": _price_moves, "out": _out, "margin": _margin}[cmd.kind]
    return str(answer(t, lang, uow, cmd, rows, where=where, now=now, cat=cat, loc=loc))


CUSTOMER_PRICE_DAYS = 180   # how far back a customer's last price is looked for


def _customer_prices(t: Any, lang: str, uow: UnitOfWork, cmd: commands.StockInfo, rows: list[Any], *, where: str,
                     now: datetime, cat: context.Catalog | None, loc: str | None) -> str:
    """团餐上次拿可乐什么价 · 李总拿货价多少: the price each product (the ones asked, else all) last went to that
    customer at, by base unit and by its largest pack, with its day, against the catalog's price."""
    assert cmd.partner is not None
    sold = uow.stock.moves(since=now - timedelta(days=CUSTOMER_PRICE_DAYS), kinds=[ledger.MoveKind.SALE.value],
                           partner=cmd.partner)
    last: dict[str, ledger.Move] = {}
    for m in uow.stock.standing(sold):   # oldest first: the latest standing sale of each product stays
        if not cmd.skus or m.sku in cmd.skus:
            last[m.sku] = m
    who = partner_name(cmd.partner, cat) or cmd.partner
    if not last:
        return str(t("info.customer_price_none" if cmd.skus else "info.customer_price_none_any", lang, partner=who,
                     days=CUSTOMER_PRICE_DAYS, products="、".join(pname(cat, s) for s in cmd.skus)))
    lines = [str(t("info.customer_price_head", lang, partner=who))]
    for sku, m in sorted(last.items(), key=lambda kv: kv[1].at, reverse=True)[:30]:
        p = uow.catalog.product(sku)
        if p is None:
            continue
        price = m.unit_price if m.unit_price is not None else p.unit_price
        if price is None:   # (sold at no price said, and the catalog has none)
            lines.append(str(t("info.customer_price_unpriced", lang, product=p.name,
                               date=f"{m.at.astimezone(now.tzinfo):%m-%d}", qty=qty_text(cat, sku, m.qty))))
            continue
        pack = largest_pack(p)
        lines.append(str(t("info.customer_price_line", lang, product=p.name, price=reports.money(price),
                           unit=p.base_unit, date=f"{m.at.astimezone(now.tzinfo):%m-%d}", qty=qty_text(cat, sku, m.qty),
                           pack=str(t("info.customer_price_pack", lang, price=reports.money(price * pack[1]),
                                      unit=pack[0])) if pack else "",
                           listed=str(t("info.customer_price_listed", lang, price=reports.money(p.unit_price),
                                        unit=p.base_unit))
                           if p.unit_price is not None and m.unit_price is not None and p.unit_price != m.unit_price
                           else "")))
    return "\n".join(lines)


def _lots(t: Any, lang: str, uow: UnitOfWork, cmd: commands.StockInfo, rows: list[Any], *, where: str,
          now: datetime, cat: context.Catalog | None, loc: str | None) -> str:
    """牛腩还有几批: each lot of the products asked that is on hand, in the order stock leaves (earliest expiry
    first, lots without one last: ledger.fefo), with its quantity and expiry; stock held without a lot (opening
    stock, goods that keep) is one line of its own."""
    lines = []
    for sku in cmd.skus:
        held = sorted(((lot or "", lc, q, exp) for lc, s, lot, q, exp in rows if s == sku and q > 0),
                      key=lambda r: (r[3] is None, r[3].timestamp() if r[3] is not None else 0, r[0] == "", r[0], r[1]))
        if not held:
            lines.append(str(t("info.lots_none", lang, product=pname(cat, sku), location=where)))
            continue
        product = _product(cat, sku)
        if product is not None and product.serial:   # 蓝牙耳机有哪些串号: its units, by place
            lines.append(_serials_held(t, lang, product, [(lot, lc, q) for lot, lc, q, _ in held], where=where,
                                       cat=cat, each_place=loc is None))
            continue
        lines.append(str(t("info.lots_head", lang, product=pname(cat, sku), location=where,
                           n=len({lot for lot, *_ in held if lot}))))
        for lot, lc, q, exp in held:
            lines.append(str(t("info.lots_line" if lot else "info.lots_line_none", lang, lot=lot,
                               qty=qty_text(cat, sku, q), place=f"{loc_name(lc, cat)} " if loc is None else "",
                               expiry=str(t("info.lots_expiry", lang, date=f"{exp.astimezone(now.tzinfo):%m-%d}"))
                               if exp is not None else "")))
    return "\n".join(lines)


def _serials_held(t: Any, lang: str, p: catalog.Product, held: Sequence[tuple[str, str, Decimal]], *, where: str,
                  cat: context.Catalog | None, each_place: bool) -> str:
    """📱 华强店蓝牙耳机 在库 2副,串号:SN001、SN005 (the places named when all are asked); goods held without a serial
    (counted before it was kept by serial) said apart, to be counted with their serials."""
    total = sum((q for _, _, q in held), Decimal(0))
    out = [str(t("info.serials_head", lang, product=p.name, location=where, qty=qty_text(cat, p.sku, total)))]
    for lc in dict.fromkeys(lc for _, lc, _ in held):
        codes = [lot for lot, c, q in held if c == lc and lot and q == 1]
        loose = sum((q for lot, c, q in held if c == lc and not (lot and q == 1)), Decimal(0))
        place = f"{loc_name(lc, cat)}:" if each_place else ""
        if codes:
            out.append(f"· {place}" + serials_text(t, lang, codes, most=50, bare=True))
        if loose:
            out.append(str(t("info.serials_loose", lang, place=place, qty=qty_text(cat, p.sku, loose),
                             product=p.name)))
    return "\n".join(out)


def _expiring(t: Any, lang: str, uow: UnitOfWork, cmd: commands.StockInfo, rows: list[Any], *, where: str,
              now: datetime, cat: context.Catalog | None, loc: str | None) -> str:
    """Lots with stock that expire within the days asked (a product asked about: all its dated lots), soonest first;
    those past their day first of all."""
    days = cmd.days if cmd.days is not None else (None if cmd.skus else EXPIRY_DAYS)
    until = now + timedelta(days=days) if days is not None else None
    found = sorted(((exp, lc, sku, lot, q) for lc, sku, lot, q, exp in rows
                    if q > 0 and exp is not None and (until is None or exp <= until)), key=lambda r: r[0])
    if not found:
        return str(t("info.expiring_none" if days is not None else "info.expiring_none_dated", lang, location=where,
                     days=days, products="、".join(pname(cat, s) for s in cmd.skus)))
    lines = [str(t("info.expiring_title", lang, location=where, days=days) if days is not None else
                 t("info.expiring_title_all", lang, location=where))]
    for exp, lc, sku, lot, q in found[:40]:
        exp = exp.astimezone(now.tzinfo)   # stored in UTC: the day is the tenant's
        left = (exp.date() - now.date()).days
        key = "info.expired" if exp <= now else ("info.expires_today" if left == 0 else "info.expires_in")
        lines.append(str(t(key, lang, product=pname(cat, sku), qty=qty_text(cat, sku, q), lot=lot or "-",
                           date=f"{exp:%m-%d}", days=left,
                           place=f"{loc_name(lc, cat)} " if loc is None else "")))
    return "\n".join(lines)


OUT_DAYS = 28   # 哪些卖完了: a product counts as carried by a store that sold it in these days (or held it before)


def _out(t: Any, lang: str, uow: UnitOfWork, cmd: commands.StockInfo, rows: list[Any], *, where: str,
         now: datetime, cat: context.Catalog | None, loc: str | None) -> str:
    """哪些卖完了 · 缺货清单: the products a store carries (sold there lately, or held there before) with nothing on
    hand (or below zero on the books), each with when it last sold and what is on order for it; at every store when
    asked without one."""
    held: dict[tuple[str, str], Decimal] = {}
    for lc, sku, _lot, q, _exp in uow.stock.all_levels():
        held[lc, sku] = held.get((lc, sku), Decimal(0)) + q
    last_sold = uow.stock.last_sales(since=now - timedelta(days=OUT_DAYS))
    products = [p for p in uow.catalog.products() if p.active]
    lines: list[str] = []
    for lc in reports.stores(uow, loc):
        coming: dict[str, list[tuple[Decimal, Any]]] = {}
        for o in metrics.open_orders_for(uow, lc):
            for ln in o.lines:
                if ln.open_qty > 0:
                    coming.setdefault(ln.sku, []).append((ln.open_qty, o.due))
        out = [p for p in products if held.get((lc, p.sku), Decimal(0)) <= 0   # (a level kept: it was held there)
               and ((lc, p.sku) in last_sold or (lc, p.sku) in held)]
        name = loc_name(lc, cat)
        if not out:
            lines.append(str(t("out.none", lang, location=name)))
            continue
        lines.append(str(t("out.head", lang, location=name, n=len(out))))
        for p in sorted(out, key=lambda p: (last_sold.get((lc, p.sku)) is None, p.sku)):
            sold = last_sold.get((lc, p.sku))
            parts = [str(t("out.sold", lang, date=f"{sold.astimezone(now.tzinfo):%m-%d}")) if sold else ""]
            for q, due in coming.get(p.sku, []):
                parts.append(str(t("out.coming", lang, qty=qty_text(cat, p.sku, q),
                                   date=f"{due.astimezone(now.tzinfo):%m-%d}" if due else "-")))
            if not coming.get(p.sku):
                parts.append(str(t("out.none_coming", lang)))
            lines.append(str(t("out.line", lang, product=p.name, qty=qty_text(cat, p.sku, held.get((lc, p.sku), Decimal(0))),
                               parts="".join(parts))))
    if any(not ln.startswith("✅") for ln in lines):
        lines.append(str(t("out.hint", lang)))
    return "\n".join(lines)


def _below_safety(t: Any, lang: str, uow: UnitOfWork, cmd: commands.StockInfo, rows: list[Any], *, where: str,
                  now: datetime, cat: context.Catalog | None, loc: str | None) -> str:
    """Products under their safety stock, the furthest under first (at stores only, asked without a place)."""
    held: dict[tuple[str, str], Decimal] = {}
    for lc, sku, _lot, q, _exp in rows:
        held[lc, sku] = held.get((lc, sku), Decimal(0)) + q
    stores = [x.code for x in uow.catalog.locations() if x.kind == catalog.LocationKind.STORE]
    places = stores if loc is None else [loc]
    settings = uow.catalog.tenant_row().settings
    short = []
    for p in uow.catalog.products():
        if cmd.skus and p.sku not in cmd.skus or not p.active:
            continue
        for lc in places:
            safety = metrics.store_safety(settings, lc, p)   # (the store's own, else the product's)
            q = held.get((lc, p.sku), Decimal(0))
            if safety and q < safety:
                short.append((q / safety, lc, replace(p, safety_stock=safety), q))
    if not short:
        return str(t("info.safe_all", lang, location=where))
    lines = [str(t("info.below_title", lang, location=where, n=len(short)))]
    for _share, lc, p, q in sorted(short, key=lambda r: (r[0], r[2].sku))[:40]:
        lines.append(str(t("info.below_line", lang, product=p.name, qty=qty_text(cat, p.sku, q),
                           safety=qty_text(cat, p.sku, p.safety_stock), gap=qty_text(cat, p.sku, p.safety_stock - q),
                           place=f"{loc_name(lc, cat)} " if loc is None else "")))
    return "\n".join(lines)


def _value(t: Any, lang: str, uow: UnitOfWork, cmd: commands.StockInfo, rows: list[Any], *, where: str,
           now: datetime, cat: context.Catalog | None, loc: str | None) -> str:
    """Stock on hand at cost (each lot at what it came in at, else the recent cost): the total, the five biggest
    items, and the products without a known cost."""
    held: dict[str, Decimal] = {}
    for _lc, sku, _lot, q, _exp in rows:
        held[sku] = held.get(sku, Decimal(0)) + q
    worth, unknown = [], []
    products = {p.sku: p for p in uow.catalog.products() if held.get(p.sku, 0) > 0}
    values = metrics.stock_values(uow, [(sku, lot, q) for _lc, sku, lot, q, _exp in rows if sku in products])
    for sku, p in products.items():
        q = held[sku]
        v = values.get(sku)
        if v is None:
            unknown.append(p.name)
        else:
            worth.append((v, p, q))
    total = sum((v for v, _, _ in worth), Decimal(0))
    lines = [str(t("info.value_total", lang, location=where, total=reports.money(total), n=len(worth)))]
    for v, p, q in sorted(worth, key=lambda r: -r[0])[:5]:
        lines.append(str(t("info.value_line", lang, product=p.name, qty=qty_text(cat, p.sku, q), value=reports.money(v))))
    places = sorted({lc for lc, *_ in rows})
    if loc is None and len(places) > 1:   # 各店库存金额 · the owner's 库存值多少钱: each place's share too
        each = []
        for lc in places:
            mine = metrics.stock_values(uow, [(sku, lot, q) for c, sku, lot, q, _exp in rows if c == lc and sku in products])
            each.append((sum((v for v in mine.values() if v is not None), Decimal(0)), lc))
        lines.append(str(t("info.value_places", lang, places=str(t("recipe.joiner", lang)).join(
            f"{loc_name(lc, cat)} {reports.money(v)}" for v, lc in sorted(each, key=lambda r: -r[0])))))
    if unknown:
        lines.append(str(t("info.value_unknown", lang, products="、".join(sorted(unknown)))))
    in_work = work.open_at(uow, loc)
    held_wip = work.holding(uow, in_work)
    if any(held_wip.values()):   # materials issued to work orders: out of the stock above, still ours
        wcost = metrics.unit_costs(uow, [p for p in uow.catalog.products()
                                         if any(p.sku in h for h in held_wip.values())])
        lines.append(str(t("info.value_wip", lang, total=reports.money(sum(
            (q * (wcost.get(k) or Decimal(0)) for h in held_wip.values() for k, q in h.items()), Decimal(0))),
            ids="、".join(f"#{o.id}" for o in in_work if held_wip.get(o.id or 0)))))
    return "\n".join(lines)


def _margin(t: Any, lang: str, uow: UnitOfWork, cmd: commands.StockInfo, rows: list[Any], *, where: str,
            now: datetime, cat: context.Catalog | None, loc: str | None) -> str:
    """充电宝卖一个赚多少 · 卖一箱可乐赚多少: its prices (``_prices``), then what one sells for over what it costs, a
    base unit and its largest pack, and the margin's share of the price."""
    out = [_prices(t, lang, uow, cmd, rows, where=where, now=now, cat=cat, loc=loc)]
    for sku in cmd.skus:
        p = uow.catalog.product(sku)
        cost = metrics.unit_cost(uow, p)[0] if p is not None else None
        if p is None or cost is None or not p.unit_price:
            out.append(str(t("info.margin_unknown", lang, product=p.name if p else sku)))
            continue
        each = p.unit_price - cost
        pack = largest_pack(p)
        out.append(str(t("info.margin", lang, product=p.name, each=reports.money(each), unit=p.base_unit,
                         pack=f"({reports.money(each * pack[1])}/{pack[0]})" if pack else "",
                         pct=f"{each / p.unit_price * 100:.0f}")))
    return "\n".join(out)


def _prices(t: Any, lang: str, uow: UnitOfWork, cmd: commands.StockInfo, rows: list[Any], *, where: str,
            now: datetime, cat: context.Catalog | None, loc: str | None) -> str:
    """Each product's cost (recent receipts, else the catalog), its last receipt's cost and supplier, and its price."""
    lines = []
    for sku in cmd.skus:
        p = uow.catalog.product(sku)
        if p is None:
            continue
        cost, source = metrics.unit_cost(uow, p)
        # newest first (an undone receipt is no "last")
        received = uow.stock.standing(m for m in uow.stock.recent_moves(sku, limit=30) if m.kind == ledger.MoveKind.RECEIPT)
        costed = [m for m in received if m.unit_cost]   # (a supplier's free goods, at ¥0, are no price paid)
        last = costed[0] if costed else None
        parts = [str(t("info.price_cost", lang, cost=reports.money(cost), unit=p.base_unit,
                       source=t(f"info.cost_from_{source}", lang))) if cost is not None
                 else "" if p.is_service else str(t("info.price_cost_unknown", lang))]   # (an hour is never bought)
        if received and (last is None or received[0].batch != last.batch):   # 牛奶上次什么时候进的: the last delivery
            m = received[0]
            parts.append(str(t("info.price_received", lang, date=f"{m.at.astimezone(now.tzinfo):%m-%d}",
                               qty=qty_text(cat, sku, m.qty),
                               partner=f"{partner_name(m.partner, cat)} " if m.partner else "")))
        if last is not None and last.unit_cost is not None:
            parts.append(str(t("info.price_last", lang, cost=reports.money(last.unit_cost), unit=p.base_unit,
                               date=f"{last.at.astimezone(now.tzinfo):%m-%d}",
                               partner=f"{partner_name(last.partner, cat)} " if last.partner else "")))
            before = next((m for m in costed if m.batch != last.batch), None)
            if before is not None and before.unit_cost and before.unit_cost != last.unit_cost:   # 进价涨了吗
                pct = (last.unit_cost - before.unit_cost) / before.unit_cost * 100
                parts.append(str(t("info.price_up" if pct > 0 else "info.price_down", lang,
                                   pct=f"{abs(pct):.0f}", cost=reports.money(before.unit_cost),
                                   date=f"{before.at.astimezone(now.tzinfo):%m-%d}")))
        if p.unit_price is not None:
            parts.append(str(t("info.price_sale", lang, price=reports.money(p.unit_price),
                               unit=p.base_unit + pack_too(p, p.unit_price))))
        for tier in catalog.PRICE_TIERS:   # 批发价 ¥8.00/根 · 会员价 …: the price lists' own
            price = catalog.tier_price(p, tier)
            if price is not None:
                parts.append(str(t("info.price_tier", lang, tier=t(f"tier.{tier}", lang), price=reports.money(price),
                                   unit=p.base_unit)))
        lines.append(str(t("info.price_head", lang, product=p.name,
                           parts=t("info.price_joiner", lang).join(x for x in parts if x))))
        latest: dict[str, ledger.Move] = {}
        for m in costed:   # each supplier's last cost, cheapest first (哪家的牛腩便宜)
            if m.partner and m.partner not in latest:
                latest[m.partner] = m
        if len(latest) > 1:
            lines.append(str(t("info.price_suppliers", lang, list="、".join(
                f"{partner_name(code, cat)} {reports.money(m.unit_cost or Decimal(0))}/{p.base_unit}"
                f"({m.at.astimezone(now.tzinfo):%m-%d})"
                for code, m in sorted(latest.items(), key=lambda kv: (kv[1].unit_cost or Decimal(0), kv[0]))))))
    return "\n".join(lines)


def largest_pack(p: catalog.Product) -> tuple[str, Decimal] | None:
    """The product's largest pack and how many base units it holds (a price per pack is shown by it)."""
    return max(p.packs.items(), key=lambda kv: kv[1]) if p.packs else None


def money_per(cat: context.Catalog | None, sku: str, price: Decimal, *, unit: str | None = None) -> str:
    """¥4.50/瓶 (and, for a product sold in packs, ¥108.00/箱 beside it: its largest pack, or with ``unit`` the
    pack said, none when that is no pack)."""
    p = _product(cat, sku)
    text = f"{reports.money(price)}/{p.base_unit if p is not None else ''}"
    if p is not None and unit is not None:
        pack = (unit, p.packs[unit]) if unit in p.packs else None
    else:
        pack = largest_pack(p) if p is not None else None
    return text + (f"({reports.money(price * pack[1])}/{pack[0]})" if pack else "")


def price_of(cat: context.Catalog | None, sku: str) -> str:
    """The catalog's selling price of a product (¥5.00/瓶), or 「—」 without one."""
    p = _product(cat, sku)
    return money_per(cat, sku, p.unit_price) if p is not None and p.unit_price is not None else "—"


def cost_of(cat: context.Catalog | None, sku: str) -> str:
    """The catalog's cost of a product (¥32.00/斤), or 「—」 without one."""
    p = _product(cat, sku)
    return money_per(cat, sku, p.unit_cost) if p is not None and p.unit_cost is not None else "—"


def customer_prices(t: Any, lang: str, agreed: dict[str, Decimal], *, partner: str, cat: context.Catalog | None,
                    supplier: bool = False, tier: str | None = None, code: str | None = None) -> str:
    """团餐的价格表: each product's price agreed with the customer against the catalog's, then its price list's (王记按
    批发价: the products with a 批发价, the rest at the selling price); ``supplier`` (张记的价格表): what we agreed to
    pay it, against the catalog's cost."""
    key = "sprice" if supplier else "cprice"
    tiered = [(p.sku, price) for p in (cat.products if cat else ()) if p.active and p.sku not in agreed
              and (price := catalog.tier_price(p, tier)) is not None] if tier and not supplier else []
    out = [str(t(f"{key}.list_head", lang, partner=partner, n=len(agreed)))] if agreed else []
    out += [str(t(f"{key}.list_line", lang, product=pname(cat, sku), price=money_per(cat, sku, v),
                  list=cost_of(cat, sku) if supplier else price_of(cat, sku))) for sku, v in sorted(agreed.items())]
    if tier and not supplier:
        out.append(str(t("cprice.tier_head", lang, partner=partner, tier=t(f"tier.{tier}", lang), n=len(tiered))))
        out += [str(t(f"{key}.list_line", lang, product=pname(cat, sku), price=money_per(cat, sku, v),
                      list=price_of(cat, sku))) for sku, v in tiered[:40]]
    if out:
        return "\n".join(out)
    field = "unit_cost" if supplier else "unit_price"   # the example said with one of this catalog's own products
    goods = [p for p in (cat.products if cat else ()) if p.active and not p.is_service]
    p = next((p for p in goods if code is not None and p.supplier == code), None) \
        or next((p for p in goods if getattr(p, field) is not None), goods[0] if goods else None)   # (its own goods)
    price = (getattr(p, field) or p.unit_price or p.unit_cost or Decimal(10)) if p is not None else Decimal(10)
    example = f"{partner}的{p.name}按{units.normalize(price)}元一{p.base_unit}" if p is not None \
        else f"{partner}的可乐按4.5元一瓶"
    return str(t(f"{key}.list_none", lang, partner=partner, example=example))


SCORE_DAYS = 90   # 哪些供应商经常晚送: the orders due in these days, unless a period is said


def supplier_score(t: Any, lang: str, uow: UnitOfWork, cmd: commands.SupplierScore, *, now: datetime,
                   cat: context.Catalog | None) -> str:
    """哪些供应商经常晚送 · 张记送货准时吗: each supplier's purchase orders due in the span, by when their first delivery
    came against their day (on time, late and by how much, not yet), and those that came in part only; the
    suppliers that were late most often first."""
    tz, today = now.tzinfo, now.date()
    start, end = cmd.start or today - timedelta(days=SCORE_DAYS - 1), min(cmd.end or today, today)
    # (orders placed up to half a year before the span: not every order ever placed)
    placed = uow.orders.list(kinds=["purchase"], statuses=["open", "partial", "done"], partner=cmd.partner,
                             since=datetime(start.year, start.month, start.day, tzinfo=tz) - timedelta(days=2 * SCORE_DAYS))
    first_in = {o.id: min(datetime.fromisoformat(r["at"]).astimezone(tz).date() for r in o.meta["receipts"])
                for o in placed if o.id is not None and o.meta.get("receipts")}   # (the receipts that stand)
    scores = orders.punctuality(placed, first_in, today=end, tz=tz, since=start)
    span = reports.days_text(t, lang, start, end)
    if not scores:
        return str(t("supplier_score.none_of" if cmd.partner else "supplier_score.none", lang, span=span,
                     partner=partner_name(cmd.partner, cat)))
    lines = [str(t("supplier_score.head", lang, span=span))]
    for p in sorted(scores.values(), key=lambda x: (-x.late_share, -x.due, x.partner)):
        parts = [str(t("supplier_score.all_on_time", lang))] if p.on_time == p.due else [
            str(t("supplier_score.on_time", lang, n=p.on_time))] + (
            [str(t("supplier_score.late", lang, n=p.late, days=f"{p.late_days / p.late:.1f}"))] if p.late else []) + (
            [str(t("supplier_score.missing", lang, n=p.missing))] if p.missing else [])
        if p.short:
            parts.append(str(t("supplier_score.short", lang, n=p.short)))
        lines.append(str(t("supplier_score.line", lang, partner=partner_name(p.partner, cat), n=p.due,
                           parts=str(t("supplier_score.joiner", lang)).join(parts))))
    return "\n".join(lines)


PRICE_MOVE_DAYS = 30   # 哪些东西涨价了: products whose last priced receipt came in these days


def _price_moves(t: Any, lang: str, uow: UnitOfWork, cmd: commands.StockInfo, rows: list[Any], *, where: str,
                 now: datetime, cat: context.Catalog | None, loc: str | None) -> str:
    """哪些东西涨价了 · 最近哪些进价降了: each product whose last priced receipt (in the last ``PRICE_MOVE_DAYS`` days,
    anywhere) cost other than the one before it from another delivery, the biggest rises first, then the drops."""
    priced: dict[str, list[ledger.Move]] = {}
    for m in metrics.priced_receipts(uow, since=now - timedelta(days=4 * PRICE_MOVE_DAYS)):   # oldest first
        if not cmd.skus or m.sku in cmd.skus:
            priced.setdefault(m.sku, []).append(m)
    moved: list[tuple[Decimal, str, ledger.Move, ledger.Move]] = []
    for sku, ms in priced.items():
        last = ms[-1]
        before = next((m for m in reversed(ms) if m.batch != last.batch), None)
        if before is None or last.at < now - timedelta(days=PRICE_MOVE_DAYS) or not before.unit_cost \
                or last.unit_cost == before.unit_cost:
            continue
        moved.append(((last.unit_cost or Decimal(0)) / before.unit_cost - 1, sku, before, last))
    if not moved:
        return str(t("info.moves_none", lang, days=PRICE_MOVE_DAYS))

    def line(pct: Decimal, sku: str, before: ledger.Move, last: ledger.Move) -> str:
        return str(t("info.moves_line", lang, product=pname(cat, sku), unit=base_unit(cat, sku),
                     before=reports.money(before.unit_cost or Decimal(0)), cost=reports.money(last.unit_cost or Decimal(0)),
                     pct=f"{pct * 100:+.0f}%", date=f"{last.at.astimezone(now.tzinfo):%m-%d}",
                     partner=f" {partner_name(last.partner, cat)}" if last.partner else ""))
    up = sorted((x for x in moved if x[0] > 0), key=lambda x: (-x[0], x[1]))
    down = sorted((x for x in moved if x[0] < 0), key=lambda x: (x[0], x[1]))
    out = [str(t("info.moves_head", lang, days=PRICE_MOVE_DAYS))]
    if up:
        out += [str(t("info.moves_up", lang)), *(line(*x) for x in up)]
    if down:
        out += [str(t("info.moves_down", lang)), *(line(*x) for x in down)]
    return "\n".join(out)


def owed(t: Any, lang: str, uow: UnitOfWork, cmd: commands.OwedQuery, *, now: datetime,
         cat: context.Catalog | None) -> str:
    """哪些客户还欠钱 · 应付账款: every customer (or supplier) with something still owed on its account since it began
    (goods less what was paid, as its account reckons it), most first, with the total and what of it is past the terms
    agreed; those paid ahead apart."""
    rows = []
    for p in uow.catalog.partners():
        if p.kind.value != cmd.kind:
            continue
        goods, paid, left = dues.balance(uow, p.code)
        if left != 0:
            rows.append((left, p.name, goods, paid, dues.overdue_note(uow, t, lang, p.code, today=now.date(),
                                                                     tz=now.tzinfo).strip() if left > 0 else ""))
    due = sorted((r for r in rows if r[0] > 0), key=lambda r: -r[0])
    ahead = [r for r in rows if r[0] < 0]
    if not due:
        out = [str(t(f"owed.none_{cmd.kind}", lang))]
    else:
        out = [str(t(f"owed.head_{cmd.kind}", lang, n=len(due), total=reports.money(sum((r[0] for r in due), Decimal(0)))))]
        out += [str(t("owed.line", lang, partner=name, owed=reports.money(left), goods=reports.money(goods),
                      paid=reports.money(paid))) + (f" {late}" if late else "") for left, name, goods, paid, late in due]
    if ahead:
        out.append(str(t("owed.ahead", lang, who=str(t("recipe.joiner", lang)).join(
            f"{name} {reports.money(-left)}" for left, name, *_ in ahead))))
    return "\n".join(out)


def staff(t: Any, lang: str, uow: UnitOfWork, cmd: commands.StaffQuery, *, user: catalog.User,
          cat: context.Catalog | None) -> str:
    """南山店有哪些人 · 员工名单 · 谁是南山店店长 · 小王是哪个店的: each place's people with their roles (those without a
    place, the owners, apart); those who left, to a manager; suppliers' logins never (they are not ours)."""
    def who(u: catalog.User) -> str:
        return str(t("staff.person", lang, name=u.display_name, role=t(f"role.{u.role.value}", lang)))

    if cmd.username is not None:
        u = uow.catalog.user(cmd.username)
        if u is None:
            return str(t("err.unknown_user", lang, user=cmd.username))
        said = str(t("staff.one_gone" if not u.active else "staff.one" if u.location else "staff.one_nowhere", lang,
                     name=u.display_name, role=t(f"role.{u.role.value}", lang),
                     location=loc_name(u.location, cat) if u.location else ""))
        if u.username != user.username or u.partner is not None:
            return said
        # 我是谁 · 我有什么权限: what the role may do, and what it takes another's
        joiner = str(t("staff.sep", lang))
        may = [p for p in catalog.ABILITIES if u.can(p)]
        others = [p for p in catalog.ABILITIES if not u.can(p)]
        return "\n".join([said, str(t("staff.may", lang, what=joiner.join(str(t(f"perm.{p}", lang)) for p in may)))]
                          + ([str(t("staff.may_not", lang, what=joiner.join(str(t(f"perm.{p}", lang)) for p in others)))]
                             if others else []))
    people = [u for u in uow.catalog.users(everyone=True) if u.partner is None
              and (cmd.location is None or u.location == cmd.location) and (cmd.role is None or u.role.value == cmd.role)]
    here = [u for u in people if u.active]
    if not here:
        return str(t("staff.none", lang, location=loc_name(cmd.location, cat) if cmd.location else ""))
    out = [str(t("staff.head_at" if cmd.location else "staff.head", lang, n=len(here),
                 location=loc_name(cmd.location, cat) if cmd.location else ""))]
    joiner = str(t("recipe.joiner", lang))
    for loc in [x for x in uow.catalog.locations() if x.kind.is_physical]:
        theirs = [who(u) for u in here if u.location == loc.code]
        if theirs:
            out.append(str(t("staff.place", lang, location=loc.name, people=joiner.join(theirs))))
    nowhere = [who(u) for u in here if u.location is None]
    if nowhere:
        out.append(str(t("staff.nowhere", lang, people=joiner.join(nowhere))))
    gone = [u.display_name for u in people if not u.active]
    if gone and user.can("invite"):
        out.append(str(t("staff.gone", lang, people=joiner.join(gone))))
    return "\n".join(out)


def recipe_words(t: Any, lang: str, recipe: bom.Recipe, cat: context.Catalog | None) -> str:
    """每 10个 用 高筋面粉 0.5kg、黄油 0.25kg: a recipe as a person reads it."""
    def part(c: bom.Component) -> str:
        said = f"{pname(cat, c.sku)} {qty_text(cat, c.sku, c.qty)}"
        if c.substitutes:   # 黄油 25g(缺时用 人造黄油 25g)
            said += str(t("recipe.substitutes", lang, subs=t("recipe.or", lang).join(
                f"{pname(cat, x.sku)} {qty_text(cat, x.sku, x.qty)}" for x in c.substitutes)))
        return said

    return str(t("recipe.words", lang, per=qty_text(cat, recipe.sku, recipe.yields), items=t("recipe.joiner", lang)
                 .join(part(c) for c in recipe.components)))


def recipe_cost(t: Any, lang: str, uow: UnitOfWork, p: catalog.Product) -> str:
    """成本约 ¥3.62/杯(按原料进价),售价 ¥28.00,毛利率 87%: a product's cost by its recipe, against its price."""
    cost, source = metrics.unit_cost(uow, p)
    if cost is None or source != "recipe":
        return "\n" + str(t("recipe.cost_unknown", lang)) if cost is None else ""
    if not p.unit_price:
        return "\n" + str(t("recipe.cost", lang, cost=reports.money(cost), unit=p.base_unit))
    return "\n" + str(t("recipe.cost_margin", lang, cost=reports.money(cost), unit=p.base_unit,
                        price=reports.money(p.unit_price), pct=f"{(p.unit_price - cost) / p.unit_price * 100:.0f}"))


def can_make(t: Any, lang: str, uow: UnitOfWork, p: catalog.Product, *, here: str | None,
             cat: context.Catalog | None) -> str:
    """还能做多少杯拿铁: what each ingredient the store holds makes by the recipe, the least of them first (what runs
    out first); substitutes are not counted in. No recipe, or no store: said so."""
    recipe = uow.recipes.current(p.sku)
    if recipe is None:
        return str(t("recipe.none", lang, product=p.name))
    if here is None:
        raise errors.BadInput(code="no_location")
    rows = []
    for c in recipe.components:
        have = max(uow.stock.on_hand(here, c.sku), Decimal(0))
        rows.append(((have * recipe.yields / c.qty).to_integral_value(rounding="ROUND_FLOOR"), c.sku, have))
    least = min(rows, key=lambda r: r[0])
    lines = [str(t("can_make.head", lang, location=loc_name(here, cat), product=p.name,
                   qty=qty_text(cat, p.sku, least[0]), first=pname(cat, least[1])))]
    lines += [str(t("can_make.line", lang, component=pname(cat, sku), have=qty_text(cat, sku, have),
                    qty=qty_text(cat, p.sku, n))) for n, sku, have in sorted(rows, key=lambda r: r[0])]
    return "\n".join(lines)


def recipe_margins(t: Any, lang: str, uow: UnitOfWork, *, cat: context.Catalog | None) -> str:
    """菜品毛利 · 哪个菜最赚钱: every product with a recipe, its cost by its ingredients against its price, the lowest
    margin first (the one to look at); those whose cost or price is unknown named after."""
    rows, unknown = [], []
    for sku, recipe in uow.recipes.all_current().items():
        p = uow.catalog.product(sku)
        if p is None or not p.active:
            continue
        cost = metrics.recipe_cost(uow, recipe)
        if cost is None or not p.unit_price:
            unknown.append(p.name)
            continue
        rows.append(((p.unit_price - cost) / p.unit_price, p, cost))
    if not rows and not unknown:
        return str(t("margins.none", lang))
    out = [str(t("margins.head", lang, n=len(rows)))] if rows else []
    out += [str(t("margins.line", lang, product=p.name, cost=reports.money(cost), unit=p.base_unit,
                  price=reports.money(p.unit_price or Decimal(0)), pct=f"{m * 100:.0f}"))
            for m, p, cost in sorted(rows, key=lambda r: r[0])]
    if unknown:
        out.append(str(t("margins.unknown", lang, items=str(t("recipe.joiner", lang)).join(unknown))))
    return "\n".join(out)


def by_recipe(t: Any, lang: str, moves: list[ledger.Move], cat: context.Catalog | None) -> str:
    """What a write's recipes made and used (拿铁卖了40杯: 40杯 made, its milk and beans used), as a line of its
    reply; nothing when no recipe was used."""
    made: dict[str, Decimal] = {}
    used: dict[str, Decimal] = {}
    for m in moves:
        if bom.made_by_recipe(m.note):
            into = made if m.kind == ledger.MoveKind.PRODUCTION else used
            into[m.sku] = into.get(m.sku, Decimal(0)) + m.qty
    if not used:
        return ""
    for sku, q in made.items():   # made on the way and used up (the lattes' milk foam): said once, as made
        left = used.get(sku, Decimal(0)) - q
        if sku in used:
            if left > 0:
                used[sku] = left
            else:
                del used[sku]

    def words(d: dict[str, Decimal]) -> str:
        return str(t("recipe.joiner", lang)).join(f"{pname(cat, s)} {qty_text(cat, s, q)}" for s, q in d.items())

    return "\n" + str(t("recipe.made", lang, made=words(made), used=words(used)) if made
                      else t("recipe.used", lang, used=words(used)))


def on_day(lang: str, d: Any) -> str:
    """6月20日 · 06-20: a day as the plan, appointment and utilization replies write it."""
    return f"{d.month}月{d.day}日" if lang == "zh_CN" else d.strftime("%m-%d")


def on_days(lang: str, first: Any, last: Any) -> str:
    """6月15日–6月21日 (one day: 6月15日): a span as the utilization and work-center replies head it."""
    return on_day(lang, first) if first == last else f"{on_day(lang, first)}–{on_day(lang, last)}"


def materials(t: Any, lang: str, cmd: commands.PlanMaterials, plan: bom.Explosion, rows: Sequence[Any],
              cat: context.Catalog | None, *, here: str, by: datetime, now: datetime) -> str:
    """🧮 物料需求: what the plan makes (and of its made-in-house ingredients), then each bought ingredient: needed,
    held, awaited, and what to order from whom by when; or that all is there."""
    when = t("mrp.by", lang, day=on_day(lang, by)) if by.date() > now.date() else ""
    out = [str(t("mrp.head", lang, location=loc_name(here, cat), when=when, items=items(cmd.lines, cat)))]
    inner = {k: v for k, v in plan.make.items() if k not in {ln.sku for ln in cmd.lines}}
    if inner:
        out.append(str(t("mrp.make", lang, items=t("recipe.joiner", lang).join(
            f"{pname(cat, k)} {qty_text(cat, k, v)}" for k, v in inner.items()))))
    short = [r for r in rows if r.short > 0]
    for r in rows:
        line = str(t("mrp.row", lang, name=pname(cat, r.sku), need=qty_text(cat, r.sku, r.need),
                     have=qty_text(cat, r.sku, max(r.on_hand, Decimal(0))),
                     coming=(t("mrp.reserved", lang, qty=qty_text(cat, r.sku, r.reserved)) if r.reserved else "")
                     + (t("mrp.coming", lang, qty=qty_text(cat, r.sku, r.on_order)) if r.on_order else "")))
        if r.short > 0:
            line += str(t("mrp.short", lang, short=qty_text(cat, r.sku, r.short), order=qty_text(cat, r.sku, r.order),
                          supplier=partner_name(r.supplier, cat) if r.supplier else t("mrp.no_supplier", lang),
                          day=on_day(lang, r.order_by) if r.order_by else "",
                          late=t("mrp.late", lang) if r.order_by and r.order_by < now.date() else ""))
            if r.stand_ins:   # 人造黄油 2kg on hand could stand in for 2 kg of it
                line += str(t("mrp.stand_ins", lang, items=t("recipe.joiner", lang).join(
                    str(t("mrp.stand_in", lang, name=pname(cat, x), held=qty_text(cat, x, held),
                          covers=qty_text(cat, r.sku, covers))) for x, held, covers in r.stand_ins)))
        else:
            line += str(t("mrp.enough", lang))
        out.append(line)
    out.append(str(t("mrp.all_there", lang) if not short else t("mrp.short_n", lang, n=len(short))))
    return "\n".join(out)


def day_load(t: Any, lang: str, said: Sequence[services.Load], loads: Sequence[services.Load],
             offered: dict[str, catalog.Product], cat: context.Catalog | None, *, day: datetime) -> str:
    """After an appointment: each service booked, its hours that day against what it can take; beyond them, the
    services of its family with hours to spare, in its own hours."""
    out = []
    for ld in said:
        p = offered[ld.sku]
        if ld.over > 0:
            out.append(str(t("service.over", lang, day=on_day(lang, day), name=p.name, booked=N(ld.booked),
                             capacity=N(ld.capacity), over=N(ld.over), unit=p.base_unit)))
            spare = services.stand_ins(ld.sku, list(loads), offered)
            if spare:
                out.append(str(t("service.spare", lang, items=t("recipe.joiner", lang).join(
                    str(t("service.spare_one", lang, name=offered[s].name, hours=N(h), unit=offered[s].base_unit,
                          same=N(q), of=p.name)) for s, h, q in spare))))
        else:
            out.append(str(t("service.load", lang, day=on_day(lang, day), name=p.name, booked=N(ld.booked),
                             capacity=N(ld.capacity), unit=p.base_unit, spare=N(ld.spare))))
    return "".join("\n" + line for line in out)


def utilization(t: Any, lang: str, days: dict[Any, list[services.Load]], offered: dict[str, catalog.Product],
                cat: context.Catalog | None, *, sku: str | None, where: str) -> str:
    """How full each service was over the days (booked against bookable hours), its fullest day, and each family of
    services together in its common hours."""
    if not offered:
        return str(t("service.none", lang))
    out = [str(t("service.head", lang, where=where, span=on_days(lang, min(days), max(days))))]
    totals: list[services.Load] = []
    for s, p in offered.items():
        if sku is not None and s != sku:
            continue
        mine = [next(ld for ld in loads if ld.sku == s) for loads in days.values()]
        whole = services.Load(s, sum((ld.booked for ld in mine), Decimal(0)), sum((ld.capacity for ld in mine), Decimal(0)))
        totals.append(whole)
        share = f"{whole.share:.0%}" if whole.share is not None else "—"
        line = str(t("service.row", lang, name=p.name, booked=N(whole.booked), capacity=N(whole.capacity),
                     unit=p.base_unit, share=share))
        if len(mine) > 1 and whole.booked > 0:
            busiest = max(zip(days, mine, strict=True), key=lambda dl: dl[1].booked)
            line += str(t("service.busiest", lang, day=on_day(lang, busiest[0]), booked=N(busiest[1].booked),
                          capacity=N(busiest[1].capacity)))
        elif whole.over > 0:
            line += str(t("service.row_over", lang, over=N(whole.over), unit=p.base_unit))
        elif whole.capacity > 0 and whole.spare == 0:
            line += str(t("service.row_full", lang))
        elif len(mine) == 1 and whole.spare > 0:   # 明天理疗还有空吗: one day's hours still free
            line += str(t("service.row_spare", lang, spare=N(whole.spare), unit=p.base_unit))
        out.append(line)
    families = services.family_load(totals, offered)
    for base, ld in families.items():
        members = [s for s in (x.sku for x in totals) if services.in_terms_of(offered[s], offered)[0] == base]
        if len(members) > 1:
            share = f"{ld.share:.0%}" if ld.share is not None else "—"
            out.append(str(t("service.family", lang, base=offered[base].name, booked=N(ld.booked),
                             capacity=N(ld.capacity), unit=offered[base].base_unit, share=share,
                             names="、".join(offered[s].name for s in members))))
    return "\n".join(out)


def substituted(t: Any, lang: str, used: Sequence[tuple[str, str, Decimal]], cat: context.Catalog | None) -> str:
    """🔁 黄油不够,用了 淡奶油 2盒 代替: what a recipe's substitutes stood in for, a line per component."""
    by: dict[str, dict[str, Decimal]] = {}
    for part, sub, q in used:
        by.setdefault(part, {})[sub] = by.get(part, {}).get(sub, Decimal(0)) + q
    return "".join(str(t("recipe.substituted", lang, component=pname(cat, part), subs=t("recipe.joiner", lang).join(
        f"{pname(cat, sub)} {qty_text(cat, sub, q)}" for sub, q in subs.items()))) for part, subs in by.items())


def field_value(t: Any, lang: str, p: catalog.Product, field: str, v: Any, cat: context.Catalog | None) -> str:
    """A product field's value as a person reads it: 40个(1箱) · ¥5.42/升 · 3天 · 未设置."""
    if field == "units":   # 可乐一箱几瓶: its base unit and every pack
        return str(t("field.units_value", lang, unit=p.base_unit, packs=t("info.price_joiner", lang).join(
            str(t("new_product.pack", lang, pack=k, n=units.normalize(n), unit=p.base_unit)) for k, n in p.packs.items())
            or str(t("field.no_packs", lang))))
    if field == "serial":   # 按串号管理 (True, or "1" said) · 不按串号
        return str(t("field.serial_on" if v not in (None, False) and str(v) not in ("0", "False") else "field.serial_off",
                     lang))
    if v is None or (field == "warranty_days" and not v):
        return str(t("field.unset", lang))
    if field in ("safety_stock", "moq"):
        return qty_text(cat, p.sku, Decimal(v))
    if field in ("shelf_life_days", "lead_time_days", "warranty_days"):
        return str(t("field.days", lang, n=v))
    if field == "supplier":
        return partner_name(str(v), cat)
    if field == "category":
        return str(v) or str(t("field.unset", lang))
    if field == "storage_temp":   # 2~6 · ~6 · -25~
        return coldchain.range_text(t, lang, str(v))
    if field == "capacity":   # 8小时/天
        return str(t("field.capacity_value", lang, n=units.normalize(Decimal(v)), unit=p.base_unit))
    if field == "counts":   # B12×2: 2小时初级顾问
        other, _, k = str(v).partition("×")
        return str(t("field.counts_value", lang, n=units.normalize(Decimal(k)), unit=p.base_unit, other=pname(cat, other)))
    return f"{reports.money(Decimal(v))}/{p.base_unit}{pack_too(p, Decimal(v))}"


def pack_too(p: catalog.Product, price: Decimal) -> str:
    """(¥130.00/箱): a price per base unit not in whole fen (said per pack: 可乐每箱涨到130, ¥5.42/瓶 shown) by its
    largest pack as well; "" for a price in whole fen or a product without packs."""
    pack = largest_pack(p)
    return f"({reports.money(price * pack[1])}/{pack[0]})" if pack and price != price.quantize(Decimal("0.01")) else ""


def new_product(t: Any, lang: str, cmd: commands.AddProduct, *, sku: str) -> str:
    """A product about to be added, as the manager confirms it: 【羊肉】(P031)单位 斤;1箱=20斤;售价 ¥58.00/斤 …"""
    parts = [str(t("new_product.unit", lang, unit=cmd.base_unit))]
    parts += [str(t("new_product.pack", lang, pack=k, n=units.normalize(v), unit=cmd.base_unit)) for k, v in cmd.packs]
    for field in ("unit_price", "unit_cost"):
        value = getattr(cmd, field)
        if value is not None:
            parts.append(f"{t(f'field.{field}', lang)} {reports.money(value)}/{cmd.base_unit}")
    if cmd.shelf_life_days:
        parts.append(f"{t('field.shelf_life_days', lang)} {t('field.days', lang, n=cmd.shelf_life_days)}")
    if cmd.category:
        parts.append(str(t("new_product.category", lang, category=cmd.category)))
    return str(t("new_product.head", lang, name=cmd.name, sku=sku, parts=t("info.price_joiner", lang).join(parts)))


def _taken(uow: UnitOfWork, cmd: commands.CustomerQuery, *, now: datetime
           ) -> dict[str | None, tuple[dict[str, Decimal], dict[str, Decimal | None]]]:
    """What each customer (None: sold to nobody named) took on the query's days, of its product if it names one: its
    sales less what it returned, net of those undone, by product, with their money at the price said on each sale,
    else the catalog's (None: a product without a price)."""
    since = datetime(cmd.start.year, cmd.start.month, cmd.start.day, tzinfo=now.tzinfo)
    until = since + timedelta(days=(cmd.end - cmd.start).days + 1)
    kinds = [ledger.MoveKind.SALE.value, ledger.MoveKind.CUSTOMER_RETURN.value]
    moves = uow.stock.standing(m for m in uow.stock.moves(since=since, until=until, kinds=kinds, partner=cmd.partner or None)
                               if cmd.sku is None or m.sku == cmd.sku)
    theirs: dict[str | None, list[ledger.Move]] = {}
    for m in moves:
        theirs.setdefault(m.partner, []).append(m)
    out: dict[str | None, tuple[dict[str, Decimal], dict[str, Decimal | None]]] = {}
    for m, price in (x for ms in theirs.values() for x in dues.priced(uow, ms)):   # (a return: what it paid)
        took, money = out.setdefault(m.partner, ({}, {}))
        sign = 1 if m.kind == ledger.MoveKind.SALE else -1
        took[m.sku] = took.get(m.sku, Decimal(0)) + sign * m.qty
        if m.sku not in money or money[m.sku] is not None:
            money[m.sku] = None if price is None else (money.get(m.sku) or Decimal(0)) + sign * m.qty * price
    return out


def customers_ranked(t: Any, lang: str, uow: UnitOfWork, cmd: commands.CustomerQuery, *, now: datetime,
                     cat: context.Catalog | None) -> str:
    """这个月哪个客户拿货最多 · 客户排行: each customer's takings on the days asked (as its account reckons them), the
    most money first (the product's quantity, when one is named), and what was sold to nobody named beside them."""
    span = reports.days_text(t, lang, cmd.start, cmd.end)
    rows: list[tuple[Decimal, str]] = []
    walk_in = ""
    for partner, (took, money) in _taken(uow, cmd, now=now).items():
        took = {s: q for s, q in took.items() if q != 0}
        if not took:
            continue
        total = sum((v for s in took if (v := money.get(s)) is not None), Decimal(0))
        key = took.get(cmd.sku, Decimal(0)) if cmd.sku else total
        said = {"money": reports.money(total), "n": len(took),
                "qty": qty_text(cat, cmd.sku, took.get(cmd.sku, Decimal(0))) if cmd.sku else ""}
        if partner is None:
            walk_in = str(t("ranked.walk_in_qty" if cmd.sku else "ranked.walk_in", lang, **said))
        else:
            rows.append((key, str(t("ranked.line_qty" if cmd.sku else "ranked.line", lang,
                                    partner=partner_name(partner, cat), **said))))
    if not rows:
        return str(t("ranked.none", lang, span=span)) + (f"\n{walk_in}" if walk_in else "")
    rows.sort(key=lambda r: -r[0])
    head = t("ranked.head_product" if cmd.sku else "ranked.head", lang, span=span, n=len(rows),
             product=pname(cat, cmd.sku) if cmd.sku else "")
    return "\n".join([str(head), *(f"{i}. {line}" for i, (_, line) in enumerate(rows[:10], 1)),
                      *([walk_in] if walk_in else [])])


def customer_account(t: Any, lang: str, uow: UnitOfWork, cmd: commands.CustomerQuery, *, now: datetime,
                     cat: context.Catalog | None) -> str:
    """团餐这个月买了多少 · 团餐欠了多少钱: what the customer took on the days asked (its sales less what it returned,
    net of those undone, at the price said on each sale, else the catalog's) by product, most first; its open orders;
    and what counts against its credit limit, as the credit check reckons it."""
    took, money = _taken(uow, cmd, now=now).get(cmd.partner, ({}, {}))
    name = partner_name(cmd.partner, cat)
    span = reports.days_text(t, lang, cmd.start, cmd.end)
    took = {s: q for s, q in took.items() if q != 0}
    if took:
        rows = sorted(took, key=lambda s: -(money.get(s) or Decimal(0)))
        total = sum((v for s in took if (v := money.get(s)) is not None), Decimal(0))
        out = [str(t("account.head", lang, partner=name, span=span, n=len(took), money=reports.money(total)))]
        out += [str(t("account.line", lang, product=pname(cat, s), qty=qty_text(cat, s, took[s]),
                      money=reports.money(v))) if (v := money.get(s)) is not None
                else str(t("account.line_unpriced", lang, product=pname(cat, s), qty=qty_text(cat, s, took[s])))
                for s in rows]
    else:
        out = [str(t("account.none", lang, partner=name, span=span))]
    exposure, open_sales, limit = purchasing.credit(uow, cmd.partner, now)
    if open_sales:
        out.append(str(t("account.orders", lang, n=len(open_sales),
                         money=reports.money(purchasing.open_value(open_sales)))))
    out.append(str(t("account.credit", lang, exposure=reports.money(exposure), limit=reports.money(limit),
                     left=reports.money(limit - exposure)) if limit is not None
                   else t("account.credit_none", lang, exposure=reports.money(exposure))))
    out.append(purchasing.account_line(uow, t, lang, cmd.partner, now=now))   # since it began, with what it paid
    return "\n".join(out)


def day_bounds(first: date, last: date, tz: Any) -> tuple[datetime, datetime]:
    """The local days ``first`` .. ``last`` as a span of time: the first's midnight to the midnight after the last."""
    return datetime(first.year, first.month, first.day, tzinfo=tz), \
        datetime(last.year, last.month, last.day, tzinfo=tz) + timedelta(days=1)


def records_of(t: Any, lang: str, uow: UnitOfWork, *, actors: list[str], kinds: Sequence[str], sku: str | None,
               days: tuple[date, date] | None, limit: int, tz: Any, cat: context.Catalog | None) -> str:
    """今天谁报损了 · 牛腩是谁报损的 · 昨天谁收的牛奶: the ``actors``' writes that stand of those move kinds (of ``sku``,
    on those days), newest first, each naming who."""
    start, end = day_bounds(*(days or (date(1900, 1, 1), date(9000, 1, 1))), tz)
    found = {b: uow.stock.batch(b) for a in actors for b in uow.stock.batches_between(
        a, start, end, kinds=kinds, sku=sku, limit=limit)}
    if not found:
        return str(t("records.none_filtered", lang))
    names = {u.username: u.display_name for u in uow.catalog.users(everyone=True)}
    out = [str(t("records.head_found", lang, n=min(len(found), limit)))]
    for moves in sorted(found.values(), key=lambda ms: -max(m.id or 0 for m in ms))[:limit]:   # newest first
        out.append(record_line(t, lang, moves, tz=tz, cat=cat,
                               who=f" {names.get(moves[0].actor or '', moves[0].actor or '')}"))
    return "\n".join(out)


def my_records(t: Any, lang: str, uow: UnitOfWork, *, user: catalog.User, limit: int, tz: Any,
               cat: context.Catalog | None, actors: list[str] | None = None) -> str:
    """The user's latest writes (刚才记了什么), newest first: when, what kind where, what moved; undone ones marked.
    ``actors``: theirs instead (小王今天记了什么 · 店里都记了什么), each line naming who."""
    batches = uow.stock.recent_batches(actors or user.username, limit=limit)
    if not batches:
        return str(t("records.none_theirs" if actors else "records.none", lang))
    names = {u.username: u.display_name for u in uow.catalog.users(everyone=True)} if actors else {}
    out = [str(t("records.head_theirs" if actors else "records.head", lang, n=len(batches),
                 who="、".join(names.get(a, a) for a in actors[:5]) if actors else ""))]
    for b in batches:
        moves = uow.stock.batch(b)
        if moves:
            who = f" {names.get(moves[0].actor or '', moves[0].actor or '')}" if actors else ""
            out.append(record_line(t, lang, moves, tz=tz, cat=cat, who=who, undone=uow.stock.is_reversed(b)))
    return "\n".join(out)


def tally(t: Any, lang: str, uow: UnitOfWork, *, people: list[str], now: datetime, where: str) -> str:
    """今天谁没记账: how many writes each person made today and when the last was, the busiest first; those with
    none named at the end."""
    day = now.replace(hour=0, minute=0, second=0, microsecond=0)
    names = {u.username: u.display_name for u in uow.catalog.users(everyone=True)}
    done: list[tuple[int, str, str]] = []
    idle: list[str] = []
    for who in people:
        batches = uow.stock.batches_between(who, day, now + timedelta(seconds=1), limit=500)
        if not batches:
            idle.append(names.get(who, who))
            continue
        last = max(m.at for m in uow.stock.batch(batches[0]))
        done.append((len(batches), names.get(who, who), f"{last.astimezone(now.tzinfo):%H:%M}"))
    out = [str(t("tally.head", lang, location=where or t("all_locations", lang), date=f"{now:%m-%d}"))]
    out += [str(t("tally.line", lang, who=who, n=n, last=last)) for n, who, last in sorted(done, key=lambda r: -r[0])]
    if idle:
        out.append(str(t("tally.none", lang, people="、".join(idle))))
    return "\n".join(out)


def catalog_gaps(t: Any, lang: str, products: Sequence[catalog.Product], field: str) -> str:
    """哪些商品没有售价: the products still carried without that field (a safety stock of 0: none), with how to set
    it; or that every one has it."""
    name = t(f"gaps.field.{field}", lang)
    lacking = [p.name for p in products if p.active and not p.is_service
               and (getattr(p, field) is None or (field == "safety_stock" and not p.safety_stock))]
    if not lacking:
        return str(t("gaps.none", lang, field=name))
    shown = "、".join(lacking[:60]) + (str(t("gaps.more", lang, n=len(lacking) - 60)) if len(lacking) > 60 else "")
    return str(t("gaps.list", lang, field=name, n=len(lacking), items=shown,
                 example=t(f"gaps.how.{field}", lang, product=lacking[0])))


CARD_LINES = 40   # a card longer than this shows its latest lines (the balance before them said)


def stock_card(t: Any, lang: str, uow: UnitOfWork, cmd: commands.StockCard, *, user: catalog.User, now: datetime,
               cat: context.Catalog | None) -> str:
    """牛腩的进出记录: the product's ins and outs at the store on the days asked, oldest first, each with who (or whom)
    and the balance after it, between the balance before the first day and at the end of the last (a write undone
    on those days shows neither itself nor its undoing). 今天的进出明细: every product's writes there, newest first."""
    here = cmd.location or user.location
    if here is None:
        raise errors.BadInput(code="no_location")
    tz = now.tzinfo
    start, end = day_bounds(cmd.start, cmd.end, tz)
    moves = uow.stock.moves_at(here, since=start, sku=cmd.sku)
    inside = [m for m in moves if m.at < end]
    ids = {m.id for m in inside}
    undone = {m.reverses for m in inside if m.reverses in ids}
    shown = [m for m in inside if m.id not in undone and m.reverses not in undone]   # (pairs within the days: gone)
    shown_ids = {m.id for m in shown}
    span = on_days(lang, cmd.start, cmd.end)
    where = loc_name(here, cat)
    names = {u.username: u.display_name for u in uow.catalog.users(everyone=True)}

    def person(m: ledger.Move) -> str:   # who recorded it (an opening balance imported: no one)
        return "" if m.kind == ledger.MoveKind.OPENING else names.get(m.actor or "", m.actor or "")

    def who(m: ledger.Move) -> str:   # the supplier or customer it came from or went to, else who recorded it
        return partner_name(m.partner, cat) or person(m)

    if cmd.sku is None:
        batches: dict[str, list[ledger.Move]] = {}
        for m in shown:
            batches.setdefault(m.batch, []).append(m)
        if not batches:
            return str(t("card.none_all", lang, location=where, span=span))
        latest = sorted(batches.values(), key=lambda ms: -max(m.id or 0 for m in ms))
        out = [str(t("card.head_all", lang, location=where, span=span, n=len(latest)))]
        out += [record_line(t, lang, ms, tz=tz, cat=cat, who=f" {by}" if (by := person(ms[0])) else "")
                for ms in latest[:CARD_LINES]]
        if len(latest) > CARD_LINES:
            out.append(str(t("card.more", lang, n=len(latest) - CARD_LINES)))
        return "\n".join(out)

    def delta(m: ledger.Move) -> Decimal:
        return sum((d for loc, d in m.deltas() if loc == here), Decimal(0))

    opening = uow.stock.on_hand(here, cmd.sku) - sum((delta(m) for m in moves), Decimal(0))
    balance, came, went = opening, Decimal(0), Decimal(0)
    rows: list[str] = []
    for m in inside:
        d = delta(m)
        balance += d
        if m.id in shown_ids and d:
            came, went = (came + d, went) if d > 0 else (came, went - d)
            kind = kind_word(m)
            rows.append(str(t("card.line", lang, at=f"{m.at.astimezone(tz):%m-%d %H:%M}", kind=t(f"move_kind.{kind}", lang),
                              qty=("+" if d > 0 else "−") + qty_text(cat, cmd.sku, abs(d)),
                              who=f" {who(m)}" if who(m) else "",
                              balance=qty_text(cat, cmd.sku, balance))))
    product = pname(cat, cmd.sku)
    if not rows:
        return str(t("card.none", lang, location=where, product=product, span=span,
                     balance=qty_text(cat, cmd.sku, balance)))
    out = [str(t("card.head", lang, location=where, product=product, span=span,
                 opening=qty_text(cat, cmd.sku, opening)))]
    if len(rows) > CARD_LINES:
        out.append(str(t("card.earlier", lang, n=len(rows) - CARD_LINES)))
    out += rows[-CARD_LINES:]
    out.append(str(t("card.tail", lang, balance=qty_text(cat, cmd.sku, balance), came=qty_text(cat, cmd.sku, came),
                     went=qty_text(cat, cmd.sku, went))))
    return "\n".join(out)


def record_line(t: Any, lang: str, moves: Sequence[ledger.Move], *, tz: Any, cat: context.Catalog | None,
                who: str = "", undone: bool = False) -> str:
    """One write as the records list shows it: · when (who) kind (where): what moved (its note)."""
    kinds = list(dict.fromkeys(kind_word(m) for m in moves if m.kind != ledger.MoveKind.TRANSFER_IN))
    places = list(dict.fromkeys(m.src if m.kind != ledger.MoveKind.RECEIPT else m.dst for m in moves
                                if m.kind != ledger.MoveKind.TRANSFER_IN))
    return str(t("records.line", lang, at=f"{moves[0].at.astimezone(tz):%m-%d %H:%M}{who}",
                 kind=t(f"move_kind.{kinds[0]}", lang) if len(kinds) == 1 else "",
                 where=t("records.where", lang, place=loc_name(places[0], cat))
                 if len(places) == 1 and loc_name(places[0], cat) != places[0] else "", items=moves_summary(moves, cat, t, lang) + (f"({moves[0].note})" if moves[0].note else "") + _priced_at(t, lang, moves, cat),
                 undone=t("records.undone", lang) if undone else ""))


def _priced_at(t: Any, lang: str, moves: Sequence[ledger.Move], cat: context.Catalog | None) -> str:
    """What a sale's or a receipt's goods went at, when said (刚才卖的耳机是多少钱): each product's price a base unit."""
    said: dict[str, set[Decimal]] = {}
    for m in moves:
        v = m.unit_price if m.kind == ledger.MoveKind.SALE else m.unit_cost if m.kind == ledger.MoveKind.RECEIPT else None
        if v is not None:
            said.setdefault(m.sku, set()).add(v)
    parts = []
    for sku, vs in said.items():
        p = _product(cat, sku)
        unit = p.base_unit if p is not None else ""
        parts.append(("" if len(said) == 1 else f"{pname(cat, sku)} ")
                     + "/".join(f"{reports.money(v)}/{unit}" for v in sorted(vs)))
    return str(t("records.priced", lang, prices="、".join(parts))) if parts else ""


# ---------------------------------------------------------------- lots and the ledger's chain
def _day(at: datetime, tz: Any) -> str:
    return at.astimezone(tz).strftime("%m-%d")


def _days(first: datetime, last: datetime, tz: Any) -> str:
    a, b = _day(first, tz), _day(last, tz)
    return a if a == b else f"{a}–{b}"


def lot_trace(t: Any, lang: str, tr: Any, *, cat: context.Catalog | None, tz: Any,
              readings: Sequence[tuple[str, int, Decimal, Decimal, datetime, datetime]] = (),
              seals: tuple[int, int] = (0, 0), derived: Sequence[Any] = (), recall: bool = False,
              offered: bool = False) -> str:
    """A lot's trace (domain/trace.py) as a person reads it: where it came from, where it moved and went, what is
    left where, what it was made of or into, the sensors' readings and whether its records agree with the chain. A
    recall puts whom to call and what to pull first, with the lots made from it and their customers."""
    name = pname(cat, tr.sku)

    def q(v: Decimal, sku: str | None = None) -> str:
        return qty_text(cat, sku or tr.sku, v)

    def partner(code: str | None) -> str:
        return partner_name(code, cat) if code else str(t("trace.walk_in", lang))

    joiner = str(t("recipe.joiner", lang))
    here = joiner.join(f"{place_name(t, lang, loc, cat)} {q(v)}" for loc, v in tr.here) or str(t("trace.none_left",
                                                                                                   lang))
    out: list[str] = []
    if recall:
        out.append(str(t("trace.recall_head", lang, product=name, lot=tr.lot, came=q(tr.received), sold=q(tr.sold),
                         left=q(tr.remaining))))
        buyers = tr.customers()
        out.append(str(t("trace.recall_call", lang, who=joiner.join(f"{partner(p)} {q(v)}" for p, v in buyers)))
                   if buyers else str(t("trace.recall_not_itself" if any(d.customers() for d in derived)
                                        else "trace.recall_nobody", lang)))
        made = _product(cat, tr.sku)
        if len(tr.here) == 1 and not offered:   # one place: the write-off to say there (unless it is asked below)
            out.append(str(t("trace.recall_pull_one", lang, where=here, product=name, lot=tr.lot,
                             qty=f"{N(tr.here[0][1])}{made.base_unit if made else ''}")))
        else:
            out.append(str(t("trace.recall_pull", lang, where=here)) if tr.here
                       else str(t("trace.recall_nothing_left", lang)))
        for d in derived:
            made_buyers = d.customers()
            out.append(str(t("trace.recall_made", lang, product=pname(cat, d.sku), lot=d.lot,
                             who=str(t("trace.sold_to", lang, who=joiner.join(f"{partner(p)} {q(v, d.sku)}"
                                                                             for p, v in made_buyers)))
                             if made_buyers else str(t("trace.recall_nobody_short", lang)),
                             left=joiner.join(f"{place_name(t, lang, loc, cat)} {q(v, d.sku)}" for loc, v in d.here)
                             or str(t("trace.none_left", lang)))))
        out.append(str(t("trace.detail_follows", lang)))
    else:
        out.append(str(t("trace.head", lang, product=name, lot=tr.lot)))
    for f in tr.came:
        key = {"receipt": "trace.came_receipt", "production": "trace.came_made", "opening": "trace.came_opening",
               "customer_return": "trace.came_return"}[f.kind.value]
        if f.kind.value == "receipt" and not f.partner:
            key = "trace.came_receipt_anon"
        out.append(str(t(key, lang, day=_days(f.first, f.last, tz), partner=partner_name(f.partner, cat) or "",
                         where=loc_name(f.location, cat), qty=q(f.qty))))
    for f in tr.moved:
        out.append(str(t("trace.moved" if f.to else "trace.in_transit", lang, day=_days(f.first, f.last, tz),
                         src=loc_name(f.location, cat), dst=loc_name(f.to, cat), qty=q(f.qty))))
    for f in tr.went:
        key = {"sale": "trace.went_sale", "consumption": "trace.went_used", "scrap": "trace.went_scrap",
               "return_to_supplier": "trace.went_returned"}[f.kind.value]
        out.append(str(t(key, lang, day=_days(f.first, f.last, tz), who=partner(f.partner),
                         partner=partner_name(f.partner, cat), where=loc_name(f.location, cat), qty=q(f.qty))))
    if tr.counted:
        out.append(str(t("trace.counted", lang, qty=("+" if tr.counted > 0 else "-") + q(abs(tr.counted)))))
    for link in tr.made_from:
        out.append(str(t("trace.made_from", lang, product=pname(cat, link.sku), lot=link.lot or "—",
                         qty=q(link.qty, link.sku))))
    for link in tr.made_into:
        out.append(str(t("trace.made_into", lang, product=pname(cat, link.sku), lot=link.lot, day=_day(link.at, tz),
                         qty=q(link.qty, link.sku))))
    if not recall:
        out.append(str(t("trace.here", lang, where=here)))
    for name, n, lo, hi, first, last in readings:
        what, unit = trace.metric(name)
        out.append(str(t("trace.readings", lang, metric=t(f"metric.{what}", lang) if unit else name, n=n, lo=N(lo),
                         hi=N(hi), unit=unit, days=_days(first, last, tz))))
    good, bad = seals
    if bad:
        out.append(str(t("trace.seal_bad", lang, n=bad)))
    elif good:
        out.append(str(t("trace.seal_ok", lang, n=good)))
    return "\n".join(out)


def lot_choices(t: Any, lang: str, sku: str, lots: Sequence[tuple[str, datetime, str | None, str]], *,
                cat: context.Catalog | None, tz: Any, day: Any = None, partner: str | None = None) -> str:
    """The product's lots to pick from (newest first): each with the day it came and from whom."""
    if not lots:
        return str(t("trace.no_lots_day" if day else "trace.no_lots_partner" if partner else "trace.no_lots", lang,
                     product=pname(cat, sku), day=day.strftime("%m-%d") if day else "",
                     partner=partner_name(partner, cat)))
    return "\n".join([str(t("trace.choose", lang, product=pname(cat, sku), n=len(lots)))] + [
        str(t("trace.choice", lang, lot=lot, day=_day(at, tz), partner=partner_name(p, cat) if p else t(
            {"production": "trace.made_here", "opening": "trace.opening"}.get(how, "trace.no_supplier"), lang)))
        for lot, at, p, how in lots])


def ledger_check(t: Any, lang: str, v: Any) -> str:
    """账本校验: every move's seal recomputed; the fingerprint to write down; a fingerprint said earlier checked."""
    from domain import chain
    out = []
    if v.broken is not None:
        out.append(str(t("ledger.broken", lang, position=v.broken.position, id=v.broken.move_id)))
    if v.unsealed:
        out.append(str(t("ledger.unsealed", lang, n=v.unsealed)))
    if v.broken is None and not v.head_ok:
        out.append(str(t("ledger.head_bad", lang)))
    for pos, fp, ok in v.anchors_ok:
        out.append(str(t("ledger.anchor_ok" if ok else "ledger.anchor_bad", lang, position=pos, fp=fp)))
    if v.broken is None and not v.unsealed and v.head_ok:
        out.insert(0, str(t("ledger.ok", lang, n=v.count, position=v.count, fp=chain.fingerprint(v.head))))
    a = v.audit
    if a is not None:   # the audit trail: approvals, master data, partners' words, each sealed as the moves are
        out.append(str(t("ledger.audit_ok", lang, n=a.count)) if a.ok else str(t(
            "ledger.audit_broken", lang, position=a.broken.position, id=a.broken.move_id)) if a.broken
            else str(t("ledger.audit_unsealed", lang, n=a.unsealed)) if a.unsealed else str(t("ledger.audit_head_bad", lang)))
    return "\n".join(out)
