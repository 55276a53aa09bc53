"""What was given away at the till (优惠 · 抹零 · 打折 · 免单): each sale settled below its list prices is audited as it
is recorded (``inventory.record``, action ``adjusted``, with what it listed at and what was taken); here those of a
span of days are read back (a sale undone since left out), and the limit beyond which a sale waits for a manager is
set (``purchasing.discount_limit``)."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from domain import catalog, commands, ledger
from workflows import purchasing, wording
from workflows.ports import UnitOfWork
from workflows.purchasing import Turn

_LATE = timedelta(days=62)   # a sale said for an earlier day (昨天卖了…) is audited when it is said: looked for so long


@dataclass(frozen=True)
class Given:
    at: datetime
    who: str | None
    location: str
    kind: str
    listed: Decimal
    taken: Decimal
    batch: str
    goods: tuple[tuple[str, Decimal], ...] = ()   # what the sale took: (sku, quantity)
    promos: tuple[tuple[int, Decimal], ...] = ()   # the promotions that charged it: (number, what each took off)

    @property
    def off(self) -> Decimal:
        return self.listed - self.taken


def given(uow: UnitOfWork, first: date, last: date, *, tz: Any, location: str | None = None,
          who: str | None = None) -> list[Given]:
    """The sales settled below their list prices on those days (at ``location``; ``who``'s alone), oldest first; a
    sale undone is none, nor one settled at or above its list."""
    since = datetime.combine(first, time.min, tzinfo=tz)
    until = datetime.combine(last + timedelta(days=1), time.min, tzinfo=tz)
    found = []
    for _, actor, d in uow.chat.audits_between("adjusted", since, until + _LATE):
        at = datetime.fromisoformat(d["at"])
        if d.get("movement") != commands.Movement.SALE.value or not since <= at < until:
            continue
        g = Given(at=at, who=actor, location=d.get("location") or "", kind=d.get("kind") or "",
                  listed=Decimal(d["listed"]), taken=Decimal(d["taken"]), batch=d.get("batch") or "",
                  promos=tuple((int(k), Decimal(v)) for k, v in (d.get("promos") or {}).items()))
        if g.off > 0 and not (location and g.location != location) and not (who and g.who != who):
            found.append(g)
    moves = uow.stock.batches_moves(g.batch for g in found)   # (every sale's moves read at once)
    undone = uow.stock.reversed_ids(m.id for m in moves if m.id is not None)
    sold: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    gone = set()
    for m in moves:
        if m.id in undone:
            gone.add(m.batch)
        elif m.kind == ledger.MoveKind.SALE:
            sold[m.batch][m.sku] += m.qty
    return [replace(g, goods=tuple(sold[g.batch].items())) for g in found if g.batch not in gone]


def answer(uow: UnitOfWork, t: Any, lang: str, cmd: commands.DiscountQuery, *, user: catalog.User, now: datetime,
           shown: int = 5) -> str:
    """💸 06-01至06-15 南山店的优惠:8 笔,原价 ¥1,580.00,实收 ¥1,432.00,让出 ¥148.00(9.4%), then each person's share
    and the largest. Someone who may not approve sees their own; a manager their store's (every store's, without
    one, or the one named)."""
    mine = None if user.can("approve") else user.username
    where = cmd.location or (user.location if user.role != catalog.Role.ADMIN else None)
    rows = given(uow, cmd.first, cmd.last, tz=now.tzinfo, location=where, who=mine)
    days = wording.days_text(t, lang, cmd.first, cmd.last)
    place = wording.loc_name(uow, where) if where else str(t("discount.everywhere", lang))
    if not rows:
        return str(t("discount.none", lang, days=days, place=place))
    listed = sum((g.listed for g in rows), Decimal(0))
    taken = sum((g.taken for g in rows), Decimal(0))
    out = [str(t("discount.head", lang, days=days, place=place, n=len(rows), listed=wording.money(listed),
                 taken=wording.money(taken), off=wording.money(listed - taken),
                 pct=f"{(listed - taken) / listed * 100:.1f}" if listed > 0 else "0"))]
    names = {u.username: u.display_name for u in uow.catalog.users()}
    by: dict[str, list[Given]] = defaultdict(list)
    for g in rows:
        by[g.who or ""].append(g)
    if len(by) > 1 or mine is None:
        for who, gs in sorted(by.items(), key=lambda x: -sum(g.off for g in x[1])):
            out.append(str(t("discount.person", lang, who=names.get(who, who or "-"), n=len(gs),
                             off=wording.money(sum((g.off for g in gs), Decimal(0))))))
    products = {p.sku: p for p in uow.catalog.products()}
    out.append(str(t("discount.largest", lang)))
    for g in sorted(rows, key=lambda g: -g.off)[:shown]:
        out.append(str(t("discount.row", lang, day=g.at.astimezone(now.tzinfo).strftime("%m-%d %H:%M"),
                         who=names.get(g.who or "", g.who or "-"), goods=wording.goods(products, g.goods, shown=3),
                         listed=wording.money(g.listed), taken=wording.money(g.taken),
                         how=str(t(f"discount.kind.{g.kind}", lang)))))
    limit = purchasing.discount_limit(uow)
    if limit is not None:
        out.append(str(t("discount.limit_is", lang, pct=wording.share(limit))))
    return "\n".join(out)


def set_limit(uow: UnitOfWork, turn: Turn, cmd: commands.DiscountLimit, *, t: Any) -> None:
    """店员最多优惠10%: the limit kept (audited with what it was); 优惠上限是多少: said."""
    was = purchasing.discount_limit(uow)
    if cmd.ask:
        turn.reply(t("discount.limit_is", turn.lang, pct=wording.share(was)) if was is not None
                   else t("discount.no_limit", turn.lang))
        return
    uow.catalog.set_tenant_setting(purchasing.DISCOUNT_LIMIT, str(cmd.share) if cmd.share is not None else None)
    uow.chat.audit(at=turn.now, actor=turn.user.username, action="discount_limit",
                   detail={"was": str(was) if was is not None else None,
                           "now": str(cmd.share) if cmd.share is not None else None})
    turn.reply(t("discount.limit_set", turn.lang, pct=wording.share(cmd.share)) if cmd.share is not None
               else t("discount.limit_cleared", turn.lang))
