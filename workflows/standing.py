"""Standing orders (固定订单): a scheduled rule that places an order on each of its days (每周一向张记订牛腩50斤: a purchase
order then, due by the supplier's lead time; 团餐每周一要牛腩20斤: the customer's order, placed the day before and due
on the day, so the prep list books it). Placed as its owner would place it in the chat (a staff member's purchase
is a request; one over the approval limit or past a customer's credit waits for a manager), and the owner hears of it."""
from __future__ import annotations

from datetime import datetime, time, timedelta
from decimal import Decimal
from typing import Any

from domain import commands, errors
from workflows import purchasing
from workflows.turns import JobTurn


def place(uow: Any, box: Any, t: Any, *, rule: Any, params: dict[str, Any], now: datetime) -> int | None:
    """The order a standing-order rule (``params``: order, partner, location, lines, ahead, at) places now; its id.
    Nothing when its owner has left or may no longer place it, or a product is no longer carried (the owner hears
    why)."""
    owner = uow.catalog.user(rule.owner)
    if owner is None or not owner.active:
        return None
    turn = JobTurn(user=owner, now=now, box=box, message_id=f"rule:{rule.number}:{now.isoformat()}",
                   prefix=str(t("standing.prefix", owner.language, id=rule.number)))
    lines = tuple(commands.Line(sku=str(ln[0]), qty=Decimal(str(ln[1])),
                                unit_price=Decimal(str(ln[2])) if len(ln) > 2 else None) for ln in params.get("lines") or [])
    products = {p.sku: p for p in uow.catalog.products()}
    gone = [ln.sku for ln in lines if ln.sku not in products or not products[ln.sku].active]
    sale = params.get("order") == "sale"
    try:
        if gone:
            raise errors.BadInput(code="standing_gone", items="、".join(products[s].name if s in products else s
                                                                        for s in gone))
        owner.require("record" if sale else "query")
        if sale:
            day = (now + timedelta(days=int(params.get("ahead") or 0))).date()
            hh, mm = (int(x) for x in str(params.get("at") or "00:00").split(":"))
            due = datetime.combine(day, time(hh, mm), tzinfo=now.tzinfo)
            return purchasing.take_order(uow, turn, commands.PlaceSale(lines=lines, partner=str(params["partner"]),
                                                                       location=params.get("location"), due=due), t=t)
        return purchasing.place(uow, turn, commands.PlacePurchase(lines=lines, partner=params.get("partner"),
                                                                  location=params.get("location")), t=t)
    except errors.DomainError as exc:   # (a product no longer carried, a store gone: said, nothing placed)
        why = t(f"err.{exc.code}", owner.language, **exc.params)
        box.push(owner.username, str(t("standing.failed", owner.language, id=rule.number, why=why)))
        return None
