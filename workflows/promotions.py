"""Promotions in the chat (domain/promotions.py): set by a manager (shown first with an example of what the till will
charge, audited), ended, listed, and measured: a promotion's sales against as many days before it. The till applies
them on its own (``inventory.promoted``); what each took off is kept on the sale's ``adjusted`` audit."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from domain import catalog, commands, errors, ledger, promotions
from domain.promotions import Promotion
from workflows import discounts, metrics, wording
from workflows.ports import UnitOfWork
from workflows.purchasing import Turn

SHOWN_PAST = 5


def kept(uow: UnitOfWork) -> list[Promotion]:
    return promotions.load(uow.catalog.setting(promotions.SETTING))


def _save(uow: UnitOfWork, promos: list[Promotion]) -> None:
    uow.catalog.set_tenant_setting(promotions.SETTING, promotions.dump(promos))


def set_promotion(uow: UnitOfWork, turn: Turn, cmd: commands.SetPromotion, *, t: Any, confirmed: bool,
                  ask: Callable[[str], None]) -> None:
    """A promotion set (a manager's: their own store's; every store's or another's, the owner's), shown first with
    what the till will charge and any promotion it overlaps, then kept and audited."""
    user, lang = turn.user, turn.lang
    user.require("approve")
    place = cmd.location or (user.location if user.role != catalog.Role.ADMIN else None)
    if place != user.location and user.location is not None and not user.can("admin"):
        raise errors.NotAllowed(code="promo_other_store", role=user.role.value)
    promos = kept(uow)
    new = Promotion(number=max((p.number for p in promos), default=0) + 1, kind=cmd.kind, scope=cmd.scope,
                    key=cmd.key, first=cmd.first, last=cmd.last, share=cmd.share, price=cmd.price, buy=cmd.buy,
                    free=cmd.free, threshold=cmd.threshold, off=cmd.off, each=cmd.each, location=place,
                    said=cmd.said, by=user.username, since=cmd.since, until=cmd.until)
    if new.kind == "price" and (p := uow.catalog.product(new.key)) is not None and p.unit_price is not None \
            and (new.price or Decimal(0)) >= p.unit_price:
        raise errors.BadInput(code="promo_not_lower", price=wording.unit_money(new.price or Decimal(0)),
                              listed=wording.unit_money(p.unit_price))
    if not confirmed:
        overlap = [p for p in promos if _overlaps(p, new)]
        under = under_cost(uow, new)
        ask(str(t("promo.ask", lang, what=describe(uow, t, lang, new), example=example(uow, t, lang, new)))
            + "".join("\n" + str(t("promo.overlap", lang, what=describe(uow, t, lang, p))) for p in overlap)
            + ("\n" + str(t("promo.under_cost", lang, n=len(under), items="、".join(
                str(t("promo.under_cost_one", lang, name=x.name, price=wording.unit_money(price),
                      cost=wording.unit_money(cost), unit=x.base_unit)) for x, price, cost in under[:5])))
               if under else ""))
        return
    uow.catalog.lock_settings()   # (two managers confirming at once: each keeps the other's)
    promos = kept(uow)
    new = replace(new, number=max((p.number for p in promos), default=0) + 1)
    _save(uow, [*promos, new])
    uow.chat.audit(at=turn.now, actor=user.username, action="promotion",
                   detail={"action": "set", **promotions.dump([new])["items"][0]})
    turn.reply(t("promo.set", lang, n=new.number, what=describe(uow, t, lang, new)))


def _overlaps(p: Promotion, new: Promotion) -> bool:
    """``p`` runs on some day ``new`` does, at a store it does, over goods it does (the same product, or either of
    them everything's or a category's)."""
    if (p.last is not None and p.last < new.first) or p.ended is not None \
            or (p.location and new.location and p.location != new.location):
        return False
    if new.last is not None and p.first > new.last:
        return False
    if p.kind == "threshold" or new.kind == "threshold":
        return p.kind == new.kind
    return p.scope != "sku" or new.scope != "sku" or p.key == new.key


def end(uow: UnitOfWork, turn: Turn, cmd: commands.PromotionQuery, *, t: Any) -> None:
    """结束促销1 · 取消手机壳的促销 · 取消促销: the one named (or the only one running or to come) ended today, audited;
    several that fit are listed to choose by number."""
    user, lang = turn.user, turn.lang
    user.require("approve")
    today = turn.now.date()
    uow.catalog.lock_settings()
    promos = kept(uow)
    fit = [p for p in promos if not p.over(today, turn.now) and _named(p, cmd)
           and (user.location is None or user.can("admin") or p.location in (None, user.location))]
    if not fit:
        turn.reply(t("promo.none_to_end", lang))
        return
    if len(fit) > 1:
        turn.reply("\n".join([str(t("promo.which", lang))]
                             + [str(t("promo.row", lang, n=p.number, what=describe(uow, t, lang, p))) for p in fit]))
        return
    p = fit[0]
    if p.location is None and user.location is not None and not user.can("admin"):
        raise errors.NotAllowed(code="promo_other_store", role=user.role.value)
    done = promotions.ended(p, turn.now)
    _save(uow, [done if q.number == p.number else q for q in promos])
    uow.chat.audit(at=turn.now, actor=user.username, action="promotion",
                   detail={"action": "end", "number": p.number, "ended": turn.now.isoformat()})
    turn.reply(t("promo.ended", lang, n=p.number, what=describe(uow, t, lang, done)))


def _named(p: Promotion, cmd: commands.PromotionQuery) -> bool:
    if cmd.number is not None:
        return p.number == cmd.number
    return cmd.scope is None or (p.scope == cmd.scope and p.key == cmd.key)


def listing(uow: UnitOfWork, t: Any, lang: str, *, now: datetime, everything: bool = False) -> str:
    """🟢 the promotions running today, 🕒 those to come, and (``everything``) the last ones over; then the event
    days ahead on the calendar (周六有促销活动 is one: 有什么促销 listed them before promotions were kept)."""
    return _promotions(uow, t, lang, now=now, everything=everything) + _event_days(uow, t, lang, now=now)


def _event_days(uow: UnitOfWork, t: Any, lang: str, *, now: datetime) -> str:
    ahead = sorted((d, n) for d, n in ((uow.catalog.settings().calendar or {}).get("events") or {}).items()
                   if str(d) >= now.date().isoformat())
    return "" if not ahead else "\n" + str(t("promo.events", lang, items="、".join(
        f"{date.fromisoformat(str(d)):%m-%d} {n}" for d, n in ahead[:SHOWN_PAST])))


def _promotions(uow: UnitOfWork, t: Any, lang: str, *, now: datetime, everything: bool) -> str:
    today = now.date()
    promos = kept(uow)
    running = [p for p in promos if p.live(today, p.location, now)]
    coming = [p for p in promos if p.first > today and p.ended is None]
    past = sorted((p for p in promos if p.over(today, now)), key=lambda p: -p.number)
    if not running and not coming and not (everything and past):
        return str(t("promo.list_none", lang)) + (str(t("promo.list_past_more", lang, n=len(past))) if past else "")
    out = []
    if running:
        out += [str(t("promo.list_running", lang))] + [str(t("promo.row", lang, n=p.number, what=describe(
            uow, t, lang, p))) for p in running]
    if coming:
        out += [str(t("promo.list_coming", lang))] + [str(t("promo.row", lang, n=p.number, what=describe(
            uow, t, lang, p))) for p in coming]
    if everything and past:
        out += [str(t("promo.list_past", lang))] + [str(t("promo.row", lang, n=p.number, what=describe(
            uow, t, lang, p))) for p in past[:SHOWN_PAST * 2]]
    elif past:
        out[-1] += str(t("promo.list_past_more", lang, n=len(past)))
    return "\n".join(out)


def describe(uow: UnitOfWork, t: Any, lang: str, p: Promotion) -> str:
    """手机壳 买二送一(06-15起,直到结束 · 华强店): its goods, terms, days and store."""
    return str(t("promo.what", lang, goods=_goods(uow, t, lang, p), terms=terms(uow, t, lang, p),
                 days=days(t, lang, p),
                 place=wording.loc_name(uow, p.location) if p.location else str(t("promo.every_store", lang))))


def _goods(uow: UnitOfWork, t: Any, lang: str, p: Promotion) -> str:
    return wording.goods_scope(uow, t, lang, p.scope, p.key, "promo")


def _in_units(uow: UnitOfWork, p: Promotion, q: Decimal) -> str:
    """A promotion's base units said as its product's (2个 · 1盒(10根))."""
    product = uow.catalog.product(p.key) if p.scope == "sku" else None
    return wording.qty(product, q) if product is not None else str(wording.N(q))


def terms(uow: UnitOfWork, t: Any, lang: str, p: Promotion) -> str:
    """打8折 · 特价 ¥4.00/瓶 · 买2个送1个 · 第二个半价 · 满¥100减¥10: what it charges, in the reader's language."""
    if p.kind == "share":
        return str(t("promo.terms.share", lang, zhe=wording.share(p.share or Decimal(0), 10),
                     pct=wording.share(1 - (p.share or Decimal(0)))))
    if p.kind == "price":
        product = uow.catalog.product(p.key)
        return str(t("promo.terms.price", lang, price=wording.unit_money(p.price or Decimal(0)),
                     unit=product.base_unit if product is not None else ""))
    if p.kind == "bundle":
        return str(t("promo.terms.bundle", lang, buy=_in_units(uow, p, p.buy or Decimal(0)),
                     free=_in_units(uow, p, p.free or Decimal(0))))
    if p.kind == "second":   # (第二盒半价: an item is a box)
        item = "" if (p.buy or Decimal(1)) == 1 else str(t("promo.item", lang, qty=_in_units(uow, p, p.buy or Decimal(1))))
        return str(t("promo.terms.second", lang, item=item, zhe=wording.share(p.share or Decimal(0), 10),
                     pct=wording.share(1 - (p.share or Decimal(0)))))
    return str(t("promo.terms.each" if p.each else "promo.terms.threshold", lang,
                 threshold=wording.money(p.threshold or Decimal(0)), off=wording.money(p.off or Decimal(0))))


def days(t: Any, lang: str, p: Promotion) -> str:
    return _dates(t, lang, p) + _hours(t, lang, p)


def _hours(t: Any, lang: str, p: Promotion) -> str:
    """,每天 20:00 以后 · ,每天 14:00–17:00: the hours of each day it runs ("" for all of them)."""
    if p.since is not None and p.until is not None:
        return str(t("promo.hours_between", lang, since=f"{p.since:%H:%M}", until=f"{p.until:%H:%M}"))
    if p.since is not None:
        return str(t("promo.hours_after", lang, since=f"{p.since:%H:%M}"))
    if p.until is not None:
        return str(t("promo.hours_before", lang, until=f"{p.until:%H:%M}"))
    return ""


def _dates(t: Any, lang: str, p: Promotion) -> str:
    last = p.last if p.ended is None else min(p.last or p.ended.date(), p.ended.date())
    if last is None:
        return str(t("promo.days_open", lang, first=f"{p.first:%m-%d}"))
    if last < p.first:
        return str(t("promo.days_never", lang, first=f"{p.first:%m-%d}"))
    if last == p.first:
        return str(t("promo.one_day", lang, day=f"{p.first:%m-%d}"))
    return str(t("promo.days", lang, days=wording.days_text(t, lang, p.first, last), n=(last - p.first).days + 1))


def under_cost(uow: UnitOfWork, p: Promotion) -> list[tuple[catalog.Product, Decimal, Decimal]]:
    """The goods a line promotion sells below their cost (the catalog's), each with what a base unit then goes at
    (over the fewest units that earn the promotion: 3 for 买二送一), the furthest under first."""
    if p.kind not in promotions.LINE_KINDS:
        return []
    out = []
    for x in uow.catalog.products():
        if x.unit_price is None or x.unit_cost is None or not p.covers(x.sku, x.category):
            continue
        each = _charged(p, x).taken / p.group
        if each < x.unit_cost:
            out.append((x, each, x.unit_cost))
    return sorted(out, key=lambda r: r[1] - r[2])


def _charged(p: Promotion, x: catalog.Product) -> promotions.Applied:
    """What the till charges for the fewest units of ``x`` that earn ``p`` (on its first day, at its store)."""
    return promotions.apply([replace(p, ended=None)], [(x.sku, x.category, p.group, x.unit_price)], day=p.first,
                            location=p.location, at=datetime.combine(p.first, time.min))


def example(uow: UnitOfWork, t: Any, lang: str, p: Promotion) -> str:
    """例:手机壳 3个 原价 ¥87.00 → ¥58.00: what the till will charge for the goods it is about (one product's)."""
    product = uow.catalog.product(p.key) if p.scope == "sku" else None
    if product is None or product.unit_price is None:
        return ""
    done = _charged(p, product)
    return str(t("promo.example", lang, goods=wording.goods({product.sku: product}, [(product.sku, p.group)]),
                 listed=wording.money(done.listed), taken=wording.money(done.taken)))


def effect(uow: UnitOfWork, t: Any, lang: str, cmd: commands.PromotionQuery, *, now: datetime) -> str:
    """🎯 促销 #1's days so far against as many days before it: what its goods sold, took and made (at each sale's
    price and cost, the catalog's where the move has none), and what it gave away."""
    today = now.date()
    promos = [p for p in kept(uow) if _named(p, cmd) and p.first <= today]
    if not promos:
        return str(t("promo.effect_none", lang))
    p = max(promos, key=lambda q: (q.first, q.number))
    last = min(x for x in (today, p.last, p.ended.astimezone(now.tzinfo).date() if p.ended else None)
               if x is not None)
    if last < p.first:
        return str(t("promo.effect_never", lang, n=p.number, what=describe(uow, t, lang, p)))
    n = (last - p.first).days + 1
    before = (p.first - timedelta(days=n), p.first - timedelta(days=1))
    products = {x.sku: x for x in uow.catalog.products()}
    during, was = _sold(uow, p, p.first, last, products, now), _sold(uow, p, *before, products, now, whole=True)
    given = [g for g in discounts.given(uow, p.first, last, tz=now.tzinfo, location=p.location)
             if any(k == p.number for k, _ in g.promos)]
    off = sum((o for g in given for k, o in g.promos if k == p.number), Decimal(0))
    out = [str(t("promo.effect_head", lang, n=p.number, what=describe(uow, t, lang, p))),
           str(t("promo.effect_during", lang, days=wording.days_text(t, lang, p.first, last), goods=_held(
               products, during), revenue=wording.money(during[1]), margin=_money(_margin(during)),
               off=wording.money(off), sales=len(given))),
           str(t("promo.effect_before", lang, days=wording.days_text(t, lang, *before), goods=_held(products, was),
                 revenue=wording.money(was[1]), margin=_money(_margin(was))))]
    if was[1] > 0 or was[0]:   # (nothing sold before it: nothing to set it against)
        out.append(str(t("promo.effect_versus", lang, qty=_change(sum(during[0].values(), Decimal(0)),
                                                                  sum(was[0].values(), Decimal(0))),
                         revenue=_change(during[1], was[1]), margin=_change(_margin(during), _margin(was)))))
    return "\n".join(out)


def _held(products: dict[str, catalog.Product], sold: tuple[dict[str, Decimal], Decimal, Decimal | None]) -> str:
    held = sorted(sold[0].items(), key=lambda x: -x[1])
    return wording.goods(products, held, shown=3) if held else "-"


def _change(now: Decimal | None, was: Decimal | None) -> str:
    return f"{(now - was) / was * 100:+.1f}%" if now is not None and was is not None and was > 0 else "—"


def _money(d: Decimal | None) -> str:
    return wording.money(d) if d is not None else "—"


def _sold(uow: UnitOfWork, p: Promotion, first: date, last: date, products: dict[str, catalog.Product],
          now: datetime, *, whole: bool = False) -> tuple[dict[str, Decimal], Decimal, Decimal | None]:
    """(quantity a product, revenue, cost) of the promotion's goods sold at its stores from ``first`` to ``last``
    (until it was ended, unless ``whole``); a sale undone is none. Revenue at each sale's price, else the catalog's;
    cost as the margin reports count it (``metrics.sold_costs``: the lot each left from), None when some is unknown."""
    since = datetime.combine(first, time.min, tzinfo=now.tzinfo)
    until = datetime.combine(last + timedelta(days=1), time.min, tzinfo=now.tzinfo)
    if p.ended is not None and not whole:
        until = min(until, p.ended)
    moves = uow.stock.standing(m for m in uow.stock.moves(since=since, until=until, kinds=[ledger.MoveKind.SALE.value])
                               if (p.location is None or m.src == p.location)
                               and p.covers(m.sku, products[m.sku].category if m.sku in products else ""))
    qty: dict[str, Decimal] = defaultdict(Decimal)
    revenue = Decimal(0)
    for m in moves:
        product = products.get(m.sku)
        qty[m.sku] += m.qty
        price = m.unit_price if m.unit_price is not None else product.unit_price if product is not None else None
        revenue += m.qty * (price or Decimal(0))
    costs = metrics.sold_costs(uow, dict(qty), location=p.location, first=first, last=last, tz=now.tzinfo)
    cost = None if any(c is None for c in costs.values()) else sum((c or Decimal(0) for c in costs.values()),
                                                                    Decimal(0))
    return dict(qty), revenue, cost


def _margin(sold: tuple[dict[str, Decimal], Decimal, Decimal | None]) -> Decimal | None:
    return None if sold[2] is None else sold[1] - sold[2]


def answer(uow: UnitOfWork, turn: Turn, cmd: commands.PromotionQuery, *, t: Any) -> None:
    """有什么促销 · 所有促销 · 结束促销1 · 促销1效果怎么样."""
    if cmd.action == "end":
        end(uow, turn, cmd, t=t)
        return
    turn.user.require("query")
    if cmd.action == "effect":
        turn.reply(effect(uow, t, turn.lang, cmd, now=turn.now))
    else:
        turn.reply(listing(uow, t, turn.lang, now=turn.now, everything=cmd.action == "all"))

