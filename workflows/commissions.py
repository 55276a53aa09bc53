"""Sales commission (提成, domain/commissions.py): the rules a manager sets, kept in the tenant's settings and audited,
and what each seller earned over a span of days from the ledger's sales (the person who recorded each sale; a sale
undone is none; at the price it was settled at, else the catalog's)."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from domain import catalog, commands, commissions, errors, ledger
from workflows import wording
from workflows.ports import UnitOfWork

if TYPE_CHECKING:   # (reports reads the sales targets, which read the sellers' sales here: no import at run time)
    from workflows.purchasing import Turn

KEY = "commission"


def rules(uow: UnitOfWork) -> list[commissions.Rule]:
    return commissions.load((uow.catalog.tenant_row().settings or {}).get(KEY))


def set_rule(uow: UnitOfWork, turn: Turn, cmd: commands.SetCommission, *, t: Any) -> None:
    """The rule kept (or taken away), audited with what it was; said back with what it pays on."""
    new = commissions.Rule(cmd.scope, cmd.key, cmd.rate, cmd.per_unit)
    kept = rules(uow)
    was = next((r for r in kept if r.ref == new.ref), None)
    if was is None and cmd.rate is None and cmd.per_unit is None:   # (取消可乐的提成 when it had none: said)
        turn.reply(t("commission.no_rule", turn.lang, what=_what(uow, t, turn.lang, new)))
        return
    after = [r for r in kept if r.ref != new.ref] + ([new] if cmd.rate is not None or cmd.per_unit is not None else [])
    uow.catalog.set_tenant_setting(KEY, commissions.dump(after) or None)
    uow.chat.audit(at=turn.now, actor=turn.user.username, action="commission_rule",
                   detail={"ref": new.ref, "was": commissions.dump([was]).get(new.ref) if was else None,
                           "now": commissions.dump([new]).get(new.ref)})
    if cmd.rate is None and cmd.per_unit is None:
        turn.reply(t("commission.cleared", turn.lang, what=_what(uow, t, turn.lang, new)))
    else:
        turn.reply(t("commission.set", turn.lang, what=_what(uow, t, turn.lang, new), how=how(uow, t, turn.lang, new)))


def _what(uow: UnitOfWork, t: Any, lang: str, r: commissions.Rule) -> str:
    return wording.goods_scope(uow, t, lang, r.scope, r.key, "commission")


def how(uow: UnitOfWork, t: Any, lang: str, r: commissions.Rule) -> str:
    """实收的 3% · 每副 ¥10.00: what a rule pays."""
    if r.rate is not None:
        return str(t("commission.rate", lang, pct=wording.share(r.rate)))
    p = uow.catalog.product(r.key)
    per = r.per_unit or Decimal(0)
    unit = p.base_unit if p is not None else ""
    if p is not None and per != per.quantize(FEN):   # 可乐每箱提成2元: said a case, kept a bottle (¥0.083333)
        pack = next(((u, n) for u, n in sorted(p.packs.items(), key=lambda x: x[1])
                     if abs(per * n - (per * n).quantize(FEN)) < Decimal("0.0001")), None)
        if pack is not None:
            per, unit = (per * pack[1]).quantize(FEN), pack[0]
    return str(t("commission.per_unit", lang, amount=wording.unit_money(per), unit=unit))


FEN = Decimal("0.01")


def sold(uow: UnitOfWork, first: date, last: date, *, tz: Any, location: str | None = None, who: str | None = None
         ) -> list[tuple[ledger.Move, Decimal, commissions.Rule | None, Decimal]]:
    """Each sale standing from ``first`` to ``last`` (at ``location``; ``who``'s alone) with a seller, oldest first:
    (its move, what it took, the rule that pays on it, the commission)."""
    since = datetime.combine(first, time.min, tzinfo=tz)
    until = datetime.combine(last + timedelta(days=1), time.min, tzinfo=tz)
    moves = uow.stock.standing(m for m in uow.stock.moves(since=since, until=until, kinds=[ledger.MoveKind.SALE.value])
                               if m.actor and (location is None or m.src == location) and (who is None or m.actor == who))
    products = {p.sku: p for p in uow.catalog.products()}
    kept = rules(uow)
    out = []
    for m in moves:
        p = products.get(m.sku)
        price = m.unit_price if m.unit_price is not None else (p.unit_price if p is not None else None)
        value = m.qty * (price or Decimal(0))
        rule = commissions.rule_for(m.sku, p.category if p is not None else None, kept)
        out.append((m, value, rule, commissions.earned(rule, m.qty, value)))
    return out


def earned(uow: UnitOfWork, first: date, last: date, *, tz: Any, location: str | None = None,
           who: str | None = None) -> dict[str, commissions.Earned]:
    """Each seller's sales from ``first`` to ``last`` (at ``location``; ``who``'s alone) and the commission on them."""
    return _by_seller(sold(uow, first, last, tz=tz, location=location, who=who))


def _by_seller(rows: list[tuple[ledger.Move, Decimal, commissions.Rule | None, Decimal]]
               ) -> dict[str, commissions.Earned]:
    out: dict[str, commissions.Earned] = {}
    for m, value, _, paid in rows:
        out.setdefault(m.actor or "", commissions.Earned(m.actor or "")).add(m.sku, m.qty, value, paid)
    return out


def _tickets(rows: list[tuple[ledger.Move, Decimal, commissions.Rule | None, Decimal]]) -> dict[str, int]:
    """How many sales (writes) each seller recorded among ``rows`` (``sold``'s)."""
    batches: dict[str, set[str]] = {}
    for m, _, _, _ in rows:
        batches.setdefault(m.actor or "", set()).add(m.batch or f"#{m.id}")
    return {k: len(v) for k, v in batches.items()}


def _sales(uow: UnitOfWork, t: Any, lang: str, got: dict[str, commissions.Earned], *, days: str, who: str | None,
           head_of: str, names: dict[str, str], tickets: dict[str, int]) -> str:
    """🏆 06-01至06-15 南山店的销售: each seller by what they sold, most first (how many sales); one person's by
    product."""
    if not got:
        return str(t("staff_sales.none", lang, days=days, who=head_of))
    total = sum((e.value for e in got.values()), Decimal(0))
    out = [str(t("staff_sales.head", lang, days=days, who=head_of, total=wording.money(total)))]
    if who is None:
        for i, e in enumerate(sorted(got.values(), key=lambda e: (-e.value, e.who)), 1):
            out.append(str(t("staff_sales.person", lang, rank=i, who=names.get(e.who, e.who),
                             value=wording.money(e.value), n=tickets.get(e.who, 0))))
        return "\n".join(out)
    products = {p.sku: p for p in uow.catalog.products()}
    for sku, (q, v, _) in sorted(got[who].lines.items() if who in got else [], key=lambda x: -x[1][1]):
        out.append(str(t("staff_sales.line", lang, goods=wording.goods(products, [(sku, q)]), value=wording.money(v))))
    return "\n".join(out)


def answer(uow: UnitOfWork, t: Any, lang: str, cmd: commands.CommissionQuery, *, user: catalog.User,
           now: datetime) -> str:
    """💰 06-01至06-15 华强店的提成: each seller's sales and commission, most first; one person's by product. Someone
    who may not approve sees their own alone; a manager their store's (every store's for someone without one)."""
    kept = rules(uow)
    if cmd.rules:
        if not kept:
            return str(t("commission.no_rules", lang))
        return "\n".join([str(t("commission.rules_head", lang, n=len(kept)))] + [
            str(t("commission.rule_row", lang, what=_what(uow, t, lang, r), how=how(uow, t, lang, r))) for r in kept])
    first, last = cmd.first or now.date().replace(day=1), cmd.last or now.date()
    if cmd.user not in (None, user.username) and not user.can("approve"):   # (阿华的提成, asked by 小美: a manager's)
        raise errors.NotAllowed(code="staff_sales_not_yours" if cmd.sales else "commission_not_yours",
                                role=user.role.value)
    who = cmd.user if user.can("approve") else user.username
    where = None if user.role == catalog.Role.ADMIN or who is not None else user.location
    rows = sold(uow, first, last, tz=now.tzinfo, location=where, who=who)
    got = _by_seller(rows)
    days = wording.days_text(t, lang, first, last)
    names = {u.username: u.display_name for u in uow.catalog.users()}
    head_of = names.get(who, who) if who else (wording.loc_name(uow, where) if where else str(t("discount.everywhere", lang)))
    if cmd.sales:   # 谁卖得最多 · 小王今天卖了什么: the sales alone
        return _sales(uow, t, lang, got, days=days, who=who, head_of=head_of, names=names, tickets=_tickets(rows))
    if not got:
        return str(t("commission.none", lang, days=days, who=head_of)) + (
            "" if kept else "\n" + str(t("commission.no_rules", lang)))
    total = sum((e.commission for e in got.values()), Decimal(0))
    out = [str(t("commission.head", lang, days=days, who=head_of, total=wording.money(total)))]
    if who is None:
        for e in sorted(got.values(), key=lambda e: (-e.commission, -e.value)):
            out.append(str(t("commission.person", lang, who=names.get(e.who, e.who), value=wording.money(e.value),
                             commission=wording.money(e.commission))))
    else:
        products = {p.sku: p for p in uow.catalog.products()}
        lines = got[who].lines if who in got else {}
        for sku, (q, v, c) in sorted(lines.items(), key=lambda x: (-x[1][2], -x[1][1])):
            p = products.get(sku)
            out.append(str(t("commission.line", lang, goods=wording.goods(products, [(sku, q)]), value=wording.money(v),
                             commission=wording.money(c),
                             how=how(uow, t, lang, r) if (r := commissions.rule_for(
                                 sku, p.category if p is not None else None, kept)) is not None
                             else str(t("commission.unpaid", lang)))))
    if not kept:
        out.append(str(t("commission.no_rules", lang)))
    return "\n".join(out)
