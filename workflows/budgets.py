"""Purchase budgets (采购预算, kept as domain/targets.py keeps targets, apart): what a store, or the company, may spend on
purchases over a month (a week, a year; every one, or one of them). A manager's for their store, the owner's for the
company and every store; audited (``budget``). What counts against it: the purchase orders placed in its days (at
their prices; those rejected or cancelled left out) and the receipts of its days that no such order brought (bought
at the market, delivered unordered), at their cost, else the recent cost. A purchase order that would take it past the
budget waits for a manager when a purchaser places it, and is said over when a manager does."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from domain import catalog, closures, commands, errors, ledger, orders, targets
from domain.targets import Target
from workflows import dues, wording
from workflows import targets as goals
from workflows.ports import UnitOfWork

if TYPE_CHECKING:   # (purchasing asks the budget of each order it places: no import at run time)
    from workflows.purchasing import Turn


YEAR = 366   # days back an order may have been placed that brings goods now


def kept(uow: UnitOfWork) -> list[Target]:
    return targets.load(uow.catalog.setting(targets.BUDGETS))


@dataclass(frozen=True)
class Spent:
    """What counts against a budget over its days so far: the purchase orders placed and the receipts no order
    brought (``direct``), at cost; ``guessed``: receipts costed at the recent cost, ``unknown``: those with none."""
    ordered: Decimal
    direct: Decimal
    orders: int
    guessed: int = 0
    unknown: int = 0

    @property
    def total(self) -> Decimal:
        return self.ordered + self.direct


def spent(uow: UnitOfWork, location: str | None, first: date, last: date, *, tz: Any,
          leave_out: int | None = None) -> Spent:
    """What was spent on purchases at ``location`` (None: everywhere) from ``first`` to ``last``."""
    since = datetime.combine(first, time.min, tzinfo=tz)
    until = datetime.combine(last + timedelta(days=1), time.min, tzinfo=tz)
    ordered = uow.orders.list(kinds=[orders.OrderKind.PURCHASE.value], since=since - timedelta(days=YEAR))
    placed = [o for o in ordered if since <= o.created_at < until and o.id != leave_out
              and (location is None or o.location == location)
              and o.status not in (orders.Status.REJECTED, orders.Status.CANCELLED)]
    # (what any order brought, by its write and product: counted with its order, in the days it was placed; a
    # cancelled order's goods that came count where they came)
    brought = {(r.get("batch"), r.get("sku")) for o in ordered if o.status != orders.Status.CANCELLED
               for r in o.meta.get("receipts", [])}
    came = uow.stock.standing(m for m in uow.stock.moves(since=since, until=until, kinds=[ledger.MoveKind.RECEIPT.value])
                              if (location is None or m.dst == location) and (m.batch, m.sku) not in brought)
    direct, guessed, unknown = Decimal(0), 0, 0
    for m, value in dues.supplier_values(uow, came):   # (as a supplier's account values them: free goods nothing)
        bare = m.unit_cost is None and not ledger.gift(m.note)
        guessed += bare and value > 0
        unknown += bare and value == 0
        direct += value
    return Spent(ordered=sum((o.amount for o in placed), Decimal(0)), direct=direct, orders=len(placed),
                 guessed=guessed, unknown=unknown)


def of(uow: UnitOfWork, location: str | None, day: date) -> list[Target]:
    """The budgets that hold ``day`` over a purchase at ``location``: the store's and the company's."""
    return [b for b in targets.current(kept(uow), day) if b.location in (None, location)]


def over(uow: UnitOfWork, o: orders.Order, *, now: datetime) -> list[tuple[Target, Spent, Decimal]]:
    """The budgets a purchase order placed now would take past theirs: (budget, spent before it, after it)."""
    out = []
    for b in of(uow, o.location, now.date()):
        first, last = b.days(now.date())
        before = spent(uow, b.location, first, last, tz=now.tzinfo, leave_out=o.id)
        after = before.total + o.amount
        if after > b.amount:
            out.append((b, before, after))
    return out


def over_text(uow: UnitOfWork, t: Any, lang: str, found: list[tuple[Target, Spent, Decimal]], now: datetime) -> str:
    """⚠️ 超出华强店 6月采购预算 ¥50,000.00:已花 ¥42,000.00,加上这单 ¥52,000.00(超 ¥2,000.00)."""
    return "".join("\n" + str(t("budget.over", lang, what=describe(uow, t, lang, b, now.date()),
                                amount=wording.money(b.amount), spent=wording.money(s.total),
                                after=wording.money(after), by=wording.money(after - b.amount)))
                   for b, s, after in found)


def set_budget(uow: UnitOfWork, turn: Turn, cmd: commands.SetBudget, *, t: Any) -> None:
    """A budget kept (the same store's and days' replaced), audited with what it was, and said back with what was
    spent; ``amount`` None: taken away (several that fit: listed by number)."""
    user, lang, today = turn.user, turn.lang, turn.now.date()
    user.require("approve")
    place = goals.store_of(user, cmd.location, company="budget_company", other="budget_other_store")
    uow.catalog.lock_settings()   # (two managers at once: each keeps the other's)
    raw = uow.catalog.setting(targets.BUDGETS)
    kept_now, last = targets.load(raw), targets.last_number(raw)
    if cmd.amount is None:
        fit = targets.named(kept_now, period=cmd.period, start=cmd.start, location=place, goods=("all", "*"),
                            standing=cmd.period is not None and cmd.start is None, day=today)
        if not fit:
            turn.reply(t("budget.none_to_clear", lang))
            return
        if len(fit) > 1:
            turn.reply("\n".join([str(t("budget.which", lang))] + [str(t(
                "target.row", lang, n=b.number, what=describe(uow, t, lang, b, today), amount=wording.money(b.amount)))
                for b in fit]))
            return
        gone = fit[0]
        uow.catalog.set_tenant_setting(targets.BUDGETS, targets.dump(
            [b for b in kept_now if b.number != gone.number], last))
        uow.chat.audit(at=turn.now, actor=user.username, action="budget",
                       detail={"action": "clear", **targets.dump([gone])["items"][0]})
        turn.reply(t("budget.cleared", lang, what=describe(uow, t, lang, gone, today),
                     amount=wording.money(gone.amount)))
        return
    if cmd.start is not None and targets.span(cmd.period or "month", cmd.start)[1] < today:
        raise errors.BadInput(code="target_past", days=goals.period_text(t, lang, cmd.period or "month", cmd.start,
                                                                         today))
    new = Target(number=0, period=cmd.period or "month", start=cmd.start, amount=cmd.amount, location=place,
                 by=user.username)
    after, was, new = targets.kept_with(kept_now, new, last)
    uow.catalog.set_tenant_setting(targets.BUDGETS, targets.dump(after, last))
    uow.chat.audit(at=turn.now, actor=user.username, action="budget",
                   detail={"action": "set", **targets.dump([new])["items"][0],
                           "was": str(was.amount) if was is not None else None})
    head = str(t("budget.set", lang, what=describe(uow, t, lang, new, today), amount=wording.money(new.amount)))
    if was is not None:
        head += str(t("target.was", lang, amount=wording.money(was.amount)))
    turn.reply(head + "\n" + line(uow, t, lang, new, now=turn.now))


describe = goals.describe   # 华强店 6月 · 全公司 每月(6月): whose and which days (a budget is of all goods, no one seller)


def line(uow: UnitOfWork, t: Any, lang: str, b: Target, *, now: datetime, day: date | None = None) -> str:
    """💼 华强店 6月采购预算 ¥50,000.00:已花 ¥42,000.00(84%:采购单 3 张 ¥40,000.00,直接进货 ¥2,000.00),还剩 …"""
    today = now.date()
    first, last = b.days(day or today)
    s = spent(uow, b.location, first, min(last, today), tz=now.tzinfo)
    closed = closures.closed_days(uow.catalog.settings().calendar, b.location, first, (last - first).days + 1)
    p = targets.progress(b.amount, s.total, first, last, today, closed)
    out = [str(t("budget.line", lang, what=describe(uow, t, lang, b, day or today), amount=wording.money(b.amount),
                 spent=wording.money(s.total), pct=goals.pct(p.share), n=s.orders,
                 ordered=wording.money(s.ordered), direct=wording.money(s.direct)))]
    if s.total > b.amount:
        out.append(str(t("budget.beyond", lang, by=wording.money(s.total - b.amount))))
    else:
        out.append(str(t("budget.left", lang, left=wording.money(b.amount - s.total))))
    if not p.over and p.first <= today:
        out.append(str(t("target.time", lang, pct=goals.pct(p.time_share), gone=p.gone,
                         days=p.days)))
    if s.guessed:
        out.append(str(t("budget.guessed", lang, n=s.guessed)))
    if s.unknown:
        out.append(str(t("budget.unknown", lang, n=s.unknown)))
    return str(t("target.join", lang)).join(out)


def answer(uow: UnitOfWork, t: Any, lang: str, cmd: commands.BudgetQuery, *, user: catalog.User,
           now: datetime) -> str:
    """采购预算还剩多少: the budgets of the periods holding the day asked (today unless said) the asker may see (the
    owner every store's; others the company's and their store's), the store said alone."""
    day = cmd.day or now.date()
    shown = [b for b in targets.current(kept(uow), day)
             if (user.can("admin") or b.location in (None, user.location))
             and (cmd.location is None or (b.location is None if cmd.location == goals.ALL
                                           else b.location == cmd.location))]
    if not shown:
        return str(t("budget.none", lang))
    shown.sort(key=lambda b: (b.location is not None, b.location or "", targets.PERIODS.index(b.period), b.number))
    return "\n".join([str(t("budget.head", lang, n=len(shown)))]
                     + [line(uow, t, lang, b, now=now, day=day) for b in shown])
