"""Sales targets in the chat (domain/targets.py): set and taken away by a manager (their store's and their staff's; the
company's and every store's, the owner's), kept in the tenant's settings and audited (``target``), and measured
against the ledger: what the company, a store or a seller sold over the target's days (the money at the prices the
sales went at, else the list price, as the takings count it; a seller's: the sales they recorded), how far the days
have come (the store's closed days left out), where the pace leads and what each day left must sell."""
from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_CEILING, Decimal
from typing import TYPE_CHECKING, Any

from domain import catalog, closures, commands, errors, targets
from domain.targets import Target
from workflows import commissions, metrics, wording
from workflows.ports import UnitOfWork

if TYPE_CHECKING:   # (reports reads the targets for the evening's summary: no import at run time)
    from workflows.purchasing import Turn

ALL = "*"   # (a SetTarget's location: the company's, said so)


def kept(uow: UnitOfWork) -> list[Target]:
    return targets.load(uow.catalog.setting(targets.SETTING))


def set_target(uow: UnitOfWork, turn: Turn, cmd: commands.SetTarget, *, t: Any) -> None:
    """A target kept (one of the same company, store or seller, goods and days replaced), audited with what it was,
    and said back with how far it has come; ``amount`` None: taken away."""
    user, lang = turn.user, turn.lang
    user.require("approve")
    if cmd.amount is None:
        _clear(uow, turn, cmd, t=t)
        return
    place, who = _whose(uow, user, cmd)
    today = turn.now.date()
    if cmd.start is not None and targets.span(cmd.period or "month", cmd.start)[1] < today:
        raise errors.BadInput(code="target_past", days=period_text(t, lang, cmd.period or "month", cmd.start, today))
    uow.catalog.lock_settings()   # (two managers at once: each keeps the other's)
    new = Target(number=0, period=cmd.period or "month", start=cmd.start, amount=cmd.amount, qty=cmd.qty,
                 margin=cmd.margin,
                 location=place, user=who, goods=cmd.goods, key=cmd.key, by=user.username)
    raw = uow.catalog.setting(targets.SETTING)
    after, was, new = targets.kept_with(targets.load(raw), new, targets.last_number(raw))
    uow.catalog.set_tenant_setting(targets.SETTING, targets.dump(after, targets.last_number(raw)))
    uow.chat.audit(at=turn.now, actor=user.username, action="target",
                   detail={"action": "set", **targets.dump([new])["items"][0],
                           "was": str(was.amount) if was is not None else None})
    head = str(t("target.set", lang, n=new.number, what=describe(uow, t, lang, new, today),
                 amount=amount_text(uow, new, new.amount)))
    if was is not None:
        head += str(t("target.was", lang, amount=amount_text(uow, was, was.amount)))
    turn.reply(head + "\n" + line(uow, t, lang, new, now=turn.now))


def _whose(uow: UnitOfWork, user: catalog.User, cmd: commands.SetTarget) -> tuple[str | None, str | None]:
    """(store, seller) a target set is of: the company's and another store's are the owner's; a seller's, their
    manager's (the seller's store) or the owner's; unsaid: the manager's own store, the owner's company."""
    admin = user.can("admin")
    if cmd.user is not None:
        seller = uow.catalog.user(cmd.user)
        if seller is None:
            raise errors.BadInput(code="target_no_seller", who=cmd.user)
        if not admin and seller.location != user.location:
            raise errors.NotAllowed(code="target_other_store", role=user.role.value)
        return None, seller.username
    return store_of(user, cmd.location, company="target_company", other="target_other_store"), None


def store_of(user: catalog.User, said: str | None, *, company: str, other: str) -> str | None:
    """The store a target or budget set is of (None: the company's): the company's (said ``ALL``, or unsaid by the
    owner) and another store's are the owner's (else refused with ``company`` or ``other``); unsaid, a manager's own."""
    if said == ALL or (said is None and user.location is None):
        if not user.can("admin"):
            raise errors.NotAllowed(code=company, role=user.role.value)
        return None
    place = said or user.location
    if place != user.location and not user.can("admin"):
        raise errors.NotAllowed(code=other, role=user.role.value)
    return place


def _clear(uow: UnitOfWork, turn: Turn, cmd: commands.SetTarget, *, t: Any) -> None:
    """取消本月目标 · 取消小美的目标 · 删除目标2: the one named taken away, audited; several that fit are listed."""
    user, lang, today = turn.user, turn.lang, turn.now.date()
    uow.catalog.lock_settings()
    raw = uow.catalog.setting(targets.SETTING)
    kept_now = targets.load(raw)
    if cmd.number is not None:
        fit = targets.named(kept_now, number=cmd.number, day=today)
    else:
        place, who = _whose(uow, user, cmd)
        fit = targets.named(kept_now, period=cmd.period, start=cmd.start, location=place, user=who,
                            goods=(cmd.goods, cmd.key), standing=cmd.period is not None and cmd.start is None,
                            day=today)
    fit = [x for x in fit if _mine(uow, user, x) and (cmd.number is not None or x.margin == cmd.margin)]
    if not fit:
        turn.reply(t("target.none_to_clear", lang))
        return
    if len(fit) > 1:
        turn.reply("\n".join([str(t("target.which", lang))] + [
            str(t("target.row", lang, n=x.number, what=describe(uow, t, lang, x, today),
                  amount=amount_text(uow, x, x.amount))) for x in fit]))
        return
    gone = fit[0]
    uow.catalog.set_tenant_setting(targets.SETTING, targets.dump([x for x in kept_now if x.number != gone.number],
                                                                 targets.last_number(raw)))
    uow.chat.audit(at=turn.now, actor=user.username, action="target",
                   detail={"action": "clear", **targets.dump([gone])["items"][0]})
    turn.reply(t("target.cleared", lang, n=gone.number, what=describe(uow, t, lang, gone, today),
                 amount=amount_text(uow, gone, gone.amount)))


def _mine(uow: UnitOfWork, user: catalog.User, x: Target) -> bool:
    """``user`` may change ``x``: the owner any; a manager their store's and its people's."""
    if user.can("admin"):
        return True
    if x.user is not None:
        seller = uow.catalog.user(x.user)
        return seller is not None and seller.location == user.location
    return x.location is not None and x.location == user.location


def _seen(uow: UnitOfWork, user: catalog.User, x: Target) -> bool:
    """``user`` may see ``x``: the owner every one; a manager the company's, their store's and its people's; anyone
    else the company's, their store's and their own."""
    if user.can("admin") or (x.location is None and x.user is None):
        return True
    if x.user is not None:
        return x.user == user.username or (user.can("approve") and _mine(uow, user, x))
    return x.location == user.location


def achieved(uow: UnitOfWork, x: Target, first: date, last: date, *, tz: Any) -> tuple[Decimal, list[str]]:
    """What ``x`` counts as done from ``first`` to ``last``: yuan (the takings' way: the price each sale went at,
    else the list price; sales undone left out), base units of its product, or yuan of margin (what was taken less
    what the goods cost, each sale at its lot's cost as the margin reports count it); a seller's: the sales they
    recorded, wherever. Second: the products a margin leaves out, their cost unknown."""
    if first > last:
        return Decimal(0), []
    products = {p.sku: p for p in uow.catalog.products()}

    def of(sku: str) -> bool:
        p = products.get(sku)
        return x.goods == "all" or (x.goods == "sku" and sku == x.key) or (
            x.goods == "category" and p is not None and p.category == x.key)

    if x.user is not None:
        moves = [(m, value) for m, value, _, _ in commissions.sold(uow, first, last, tz=tz, who=x.user) if of(m.sku)]
        if not x.margin:
            return sum(((m.qty if x.qty else v) for m, v in moves), Decimal(0)), []
        taken: dict[tuple[str, str], Decimal] = {}
        for m, v in moves:
            taken[m.sku, m.lot] = taken.get((m.sku, m.lot), Decimal(0)) + v
        cost = metrics.lot_values(uow, [(m.sku, m.lot, m.qty) for m, _ in moves])
        return _margin(_by_sku(taken, cost), products)
    daily = metrics.daily_sales(uow, location=x.location, first=first, tz=tz,
                                sku=x.key if x.goods == "sku" else None)
    sold = {sku: q for sku, days in daily.items() if of(sku)
            and (q := sum((v for d, v in days.items() if d <= last), Decimal(0))) != 0}
    if x.qty:
        return sum(sold.values(), Decimal(0)), []
    if not x.margin:
        return metrics.takings(uow, sold, location=x.location, first=first, last=last, tz=tz, products=products), []
    said = metrics.said_prices(uow, location=x.location, first=first, last=last, tz=tz)
    costs = metrics.sold_costs(uow, sold, location=x.location, first=first, last=last, tz=tz)
    return _margin({sku: (metrics.revenue(products[sku], q, said.get(sku)), costs.get(sku))
                    for sku, q in sold.items() if q > 0 and sku in products}, products)


def _by_sku(taken: dict[tuple[str, str], Decimal], cost: dict[tuple[str, str], Decimal | None]
            ) -> dict[str, tuple[Decimal | None, Decimal | None]]:
    """(what was taken, what it cost) per product from its lots' (a lot without a cost: the product's unknown)."""
    out: dict[str, tuple[Decimal | None, Decimal | None]] = {}
    for (sku, lot), v in taken.items():
        was_v, was_c = out.get(sku, (Decimal(0), Decimal(0)))
        c = cost.get((sku, lot))
        out[sku] = ((was_v or Decimal(0)) + v, None if c is None or was_c is None else was_c + c)
    return out


def _margin(rows: dict[str, tuple[Decimal | None, Decimal | None]], products: dict[str, catalog.Product]
            ) -> tuple[Decimal, list[str]]:
    """The margin of the products whose takings and cost are known; the names of the others."""
    done, unknown = Decimal(0), []
    for sku, (taken, cost) in sorted(rows.items()):
        if taken is None or cost is None:
            unknown.append(products[sku].name if sku in products else sku)
        else:
            done += taken - cost
    return done, unknown


def progress(uow: UnitOfWork, x: Target, *, now: datetime, day: date | None = None
             ) -> tuple[targets.Progress, list[str]]:
    """How far ``x`` has come in its period holding ``day`` (today unless said), on ``now``; the products a margin
    leaves out (their cost unknown)."""
    today = now.date()
    first, last = x.days(day or today)
    where = x.location if x.user is None else (u.location if (u := uow.catalog.user(x.user)) is not None else None)
    closed = closures.closed_days(uow.catalog.settings().calendar, where, first, (last - first).days + 1)
    done, unknown = achieved(uow, x, first, min(last, today), tz=now.tzinfo)
    return targets.progress(x.amount, done, first, last, today, closed), unknown


def line(uow: UnitOfWork, t: Any, lang: str, x: Target, *, now: datetime, day: date | None = None) -> str:
    """🎯 华强店 6月 销售目标 ¥100,000.00:已完成 ¥42,300.00(42%),时间进度 50%(15/30天)…: one target's progress."""
    today = now.date()
    p, unknown = progress(uow, x, now=now, day=day)
    out = [str(t("target.line", lang, n=x.number, what=describe(uow, t, lang, x, day or today),
                 amount=amount_text(uow, x, x.amount),
                 done=amount_text(uow, x, p.done), pct=pct(p.share)))]
    if p.over:
        out.append(str(t("target.reached", lang) if p.done >= p.amount
                       else t("target.missed", lang, gap=amount_text(uow, x, p.gap))))
    elif p.first > today:
        out.append(str(t("target.not_begun", lang, first=f"{p.first:%m-%d}")))
    else:
        out.append(str(t("target.time", lang, pct=pct(p.time_share), gone=p.gone, days=p.days)))
        behind = (p.ahead * 100).to_integral_value()
        if p.done >= p.amount:
            out.append(str(t("target.reached", lang)))
        else:
            if behind >= 1 or behind <= -1:
                out.append(str(t("target.ahead" if behind > 0 else "target.behind", lang, points=abs(behind))))
            if p.left > 0:
                out.append(str(t("target.expected", lang, expected=amount_text(uow, x, p.expected),
                                 pct=pct(p.expected / p.amount if p.amount else Decimal(0)))))
            per_day = p.per_day
            if x.qty and per_day is not None:   # (units a day: whole ones for a target of whole ones, else tenths, rounded up)
                per_day = per_day.quantize(Decimal(1) if x.amount == x.amount.to_integral_value() else Decimal("0.1"),
                                           rounding=ROUND_CEILING)
            out.append(str(t("target.per_day", lang, left=p.left, per_day=amount_text(uow, x, per_day)))
                       if per_day is not None else str(t("target.last_day", lang, gap=amount_text(uow, x, p.gap))))
    if unknown:   # (a margin without the cost of some goods: said, never guessed)
        out.append(str(t("target.uncosted", lang, n=len(unknown), items="、".join(unknown[:5]))))
    return str(t("target.join", lang)).join(out)


def pct(share: Decimal) -> str:
    """A share in whole hundredths (0.42 → 42)."""
    return str(int((share * 100).to_integral_value()))


def amount_text(uow: UnitOfWork, x: Target, v: Decimal) -> str:
    """¥100,000.00, or the product's units (100副(20盒))."""
    if not x.qty:
        return wording.money(v)
    p = uow.catalog.product(x.key)
    return wording.qty(p, v.quantize(Decimal("0.001")).normalize()) if p is not None else str(v)


def describe(uow: UnitOfWork, t: Any, lang: str, x: Target, day: date) -> str:
    """华强店 6月 · 小美 本周(06-15至06-21) · 全公司 每月(6月) 音频类商品: whose, which days, of what."""
    whose = (_user_name(uow, x.user) if x.user is not None else wording.loc_name(uow, x.location)
             if x.location is not None else str(t("target.company", lang)))
    goods = "" if x.goods == "all" else wording.goods_scope(uow, t, lang, x.goods, x.key, "target")
    if x.margin:
        goods = f"{goods} {t('target.margin', lang)}".strip()
    days = period_text(t, lang, x.period, x.start or targets.span(x.period, day)[0], day)
    if x.start is None:
        days = str(t(f"target.every_{x.period}", lang, days=days))
    return str(t("target.what", lang, whose=whose, days=days, goods=goods)).replace("  ", " ").strip()


def _user_name(uow: UnitOfWork, username: str) -> str:
    u = uow.catalog.user(username)
    return u.display_name if u is not None else username


def period_text(t: Any, lang: str, period: str, first: date, today: date) -> str:
    """6月 · 2027年1月 · 06-15至06-21 · 06-15 · 2026年."""
    if period == "month":
        return str(t("target.month", lang, month=first.month) if first.year == today.year
                   else t("target.year_month", lang, year=first.year, month=first.month))
    if period == "year":
        return str(t("target.year", lang, year=first.year))
    first, last = targets.span(period, first)
    return wording.days_text(t, lang, first, last)


def answer(uow: UnitOfWork, t: Any, lang: str, cmd: commands.TargetQuery, *, user: catalog.User,
           now: datetime) -> str:
    """目标完成得怎么样: each target the asker may see, of the periods holding the day asked (today unless said, then
    those set for periods to come too) or the period said alone, of the store, seller or goods said alone; 业绩排行 (``rank``): each seller's sales. Without a
    target, what was sold over the days asked, and how one is set."""
    today = now.date()
    day = cmd.day or today
    if cmd.rank:
        return _rank(uow, t, lang, cmd, user=user, now=now)
    who = cmd.user
    if who not in (None, user.username) and not user.can("approve"):   # (阿华的目标, asked by 小美)
        raise errors.NotAllowed(code="target_not_yours", role=user.role.value)
    every = kept(uow)
    ahead = [x for x in every if cmd.day is None and x.start is not None and x.start > today]   # (下个月目标12万, set)
    shown = [x for x in targets.current(every, day) + ahead if _seen(uow, user, x)
             and (cmd.period is None or x.period == cmd.period)
             and (who is None or x.user == who)
             and (cmd.location is None or (x.location is None and x.user is None if cmd.location == ALL
                                           else x.location == cmd.location and x.user is None))
             and (cmd.goods is None or (x.goods, x.key) == (cmd.goods, cmd.key))]
    if not shown:
        return _without(uow, t, lang, cmd, user=user, now=now, day=day)
    shown.sort(key=lambda x: (x.user is not None, x.location is not None, x.location or "", x.user or "",
                              targets.PERIODS.index(x.period), x in ahead, x.start or today, x.goods != "all",
                              x.number))
    return "\n".join([str(t("target.head", lang, n=len(shown)))] + [
        line(uow, t, lang, x, now=now, day=x.start if x in ahead else day) for x in shown])


def _without(uow: UnitOfWork, t: Any, lang: str, cmd: commands.TargetQuery, *, user: catalog.User, now: datetime,
             day: date) -> str:
    """No target for what was asked: what it sold over the period asked (this month unless said), and how to set
    one."""
    who = cmd.user
    place = None if who is not None else (cmd.location if cmd.location not in (None, ALL) else
                                          None if cmd.location == ALL or user.can("admin") else user.location)
    period = cmd.period or "month"
    probe = Target(number=0, period=period, start=targets.span(period, day)[0], amount=Decimal(0), location=place,
                   user=who, goods=cmd.goods or "all", key=cmd.key or "*")
    first, last = probe.days(day)
    done, _ = achieved(uow, probe, first, min(last, now.date()), tz=now.tzinfo)
    return str(t("target.none", lang, what=describe(uow, t, lang, probe, day), done=wording.money(done)))


def _rank(uow: UnitOfWork, t: Any, lang: str, cmd: commands.TargetQuery, *, user: catalog.User,
          now: datetime) -> str:
    """业绩排行: each seller's sales over the period asked (this month unless said) at the manager's store (every
    store's for the owner), most first, with their target's share where they have one."""
    if not user.can("approve"):
        raise errors.NotAllowed(code="target_rank", role=user.role.value)
    day = cmd.day or now.date()
    first, last = targets.span(cmd.period or "month", day)
    place = cmd.location if cmd.location not in (None, ALL) else None if user.can("admin") else user.location
    got = commissions.earned(uow, first, min(last, now.date()), tz=now.tzinfo, location=place)
    days = period_text(t, lang, cmd.period or "month", first, now.date())
    where = wording.loc_name(uow, place) if place else str(t("target.company", lang))
    if not got:
        return str(t("target.rank_none", lang, days=days, where=where))
    mine = {x.user: x for x in targets.current(kept(uow), day) if x.user is not None and not x.qty and not x.margin
            and x.goods == "all" and x.period == (cmd.period or "month")}
    out = [str(t("target.rank_head", lang, days=days, where=where))]
    for i, e in enumerate(sorted(got.values(), key=lambda e: -e.value), start=1):
        x = mine.get(e.who)
        share = str(t("target.rank_share", lang, amount=wording.money(x.amount), pct=pct(e.value / x.amount))) \
            if x is not None else ""
        out.append(str(t("target.rank_row", lang, i=i, who=_user_name(uow, e.who), value=wording.money(e.value),
                         share=share)))
    return "\n".join(out)


def summary_lines(uow: UnitOfWork, t: Any, lang: str, *, location: str, now: datetime) -> list[str]:
    """The store's own targets of the periods holding today, for the evening's summary."""
    return [line(uow, t, lang, x, now=now) for x in targets.current(kept(uow), now.date())
            if x.location == location and x.user is None]
