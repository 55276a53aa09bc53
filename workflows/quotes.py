"""Quotations (报价单, domain/quotes.py): made from what the customer would order, each line at the price said, else
the one agreed with the customer or its price list's, else the selling price (a line with none is refused); kept
with the days it holds, sent as a sheet to forward, and turned into the customer's order once it says yes (as
placed then: its credit and terms looked at, its stock booked). A quote moves and books no stock."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time, timedelta
from typing import Any

from domain import catalog, commands, errors, orders, quotes
from workflows import inventory, purchasing, wording
from workflows.ports import UnitOfWork
from workflows.purchasing import Turn


def make(uow: UnitOfWork, turn: Turn, cmd: commands.MakeQuote, *, t: Any) -> quotes.Quote:
    """The quotation kept (audited); refused for a supplier, or a line without a price to offer. ``cmd.revises``: that
    quotation changed: each product named takes its quantity (and the price said, else the one offered), the others
    stay, new ones are added; it holds from today (refused once it became an order that stands)."""
    was = get(uow, cmd.revises) if cmd.revises is not None else None
    if was is not None:
        cmd = _revised(uow, was, cmd)
    partner = purchasing.partner_of(uow, cmd.partner)
    if partner is None or partner.kind != catalog.PartnerKind.CUSTOMER:
        raise errors.BadInput(code="quote_customers_only", partner=partner.name if partner else cmd.partner)
    products = {p.sku: p for p in uow.catalog.products()}
    lines = []
    for ln in inventory.with_agreed_prices(uow, cmd.partner, cmd.lines):
        p = products.get(ln.sku)
        if p is None or not p.active:
            raise errors.NotFound(code="unknown_sku", sku=ln.sku)
        price = ln.unit_price if ln.unit_price is not None else p.unit_price
        if price is None:
            raise errors.BadInput(code="quote_needs_price", product=p.name, unit=p.base_unit)
        lines.append(quotes.QuoteLine(ln.sku, ln.qty, price))
    days = cmd.days or quotes.VALID_DAYS
    last = turn.now.date() + timedelta(days=days - 1)   # (valid through the end of its last day)
    q = quotes.Quote(id=0, partner=cmd.partner, lines=tuple(lines), created_at=turn.now, created_by=turn.user.username,
                     valid_until=datetime.combine(last, time(23, 59, 59), tzinfo=turn.now.tzinfo))
    if was is not None:
        uow.quotes.revise(was.id, q.lines, q.valid_until)
        uow.chat.audit(at=turn.now, actor=turn.user.username, action="quote_revised",
                       detail={"quote": was.id, "partner": was.partner, "total": str(q.total), "was": str(was.total),
                               "lines": quotes.rows(q.lines), "was_lines": quotes.rows(was.lines)})
        return replace(q, id=was.id, created_at=was.created_at, created_by=was.created_by)
    qid: int = uow.quotes.add(q)
    uow.chat.audit(at=turn.now, actor=turn.user.username, action="quote",
                   detail={"quote": qid, "partner": cmd.partner, "total": str(q.total), "lines": quotes.rows(q.lines)})
    return replace(q, id=qid)


def _revised(uow: UnitOfWork, was: quotes.Quote, cmd: commands.MakeQuote) -> commands.MakeQuote:
    """修改报价1:… as the quotation it makes: each product named takes its line (a price unsaid: the one offered),
    the rest stay in the order offered, goods new to it after; refused once it became an order that stands."""
    if was.order_id is not None and _dropped(uow, was) is None:
        raise errors.InvalidState(code="quote_ordered_revise", id=was.id, order=was.order_id)
    offered = {ln.sku: ln.unit_price for ln in was.lines}
    said = {ln.sku: replace(ln, unit_price=offered.get(ln.sku)) if ln.unit_price is None else ln for ln in cmd.lines}
    merged = [said.pop(ln.sku) if ln.sku in said else commands.Line(sku=ln.sku, qty=ln.qty, unit_price=ln.unit_price)
              for ln in was.lines]
    return replace(cmd, partner=was.partner, lines=(*merged, *said.values()))


def text(uow: UnitOfWork, t: Any, lang: str, q: quotes.Quote, *, now: datetime) -> str:
    """📝 报价单 #1 王记手机店:苹果数据线 100根 × ¥12.00 = ¥1,200.00 …,合计 ¥…,有效至 06-21 (or what became of it)."""
    products = {p.sku: p for p in uow.catalog.products()}
    def line(ln: quotes.QuoteLine) -> str:
        p = products.get(ln.sku)
        return str(t("quote.line", lang, product=p.name if p else ln.sku,
                     qty=wording.qty(p, ln.qty) if p else str(ln.qty), price=wording.unit_money(ln.unit_price),
                     unit=p.base_unit if p else "", amount=wording.money(ln.qty * ln.unit_price)))
    return "\n".join([str(t("quote.head", lang, id=q.id, partner=purchasing.partner_name(uow, q.partner),
                            day=f"{q.created_at.astimezone(now.tzinfo):%m-%d}")),
                      *map(line, q.lines), str(t("quote.total", lang, total=wording.money(q.total))),
                      _state(uow, t, lang, q, now=now)])


def get(uow: UnitOfWork, quote_id: int | None) -> quotes.Quote:
    q: quotes.Quote | None = uow.quotes.get(quote_id) if quote_id is not None else None
    if q is None:
        raise errors.NotFound(code="quote_not_found", id=quote_id or "")
    return q


def order(uow: UnitOfWork, turn: Turn, cmd: commands.QuoteAction, *, t: Any) -> int:
    """报价1转订单: the customer's order, at the quoted prices, placed as any order is; refused once it became one that
    stands (cancelled or rejected: placed again), or past its days (a new quote is asked for)."""
    q = get(uow, cmd.quote_id)
    if q.order_id is not None and _dropped(uow, q) is None:   # (its order cancelled or rejected: it may again)
        raise errors.InvalidState(code="quote_ordered", id=q.id, order=q.order_id)
    if q.expired(turn.now):
        raise errors.InvalidState(code="quote_expired", id=q.id,
                                  day=f"{q.valid_until.astimezone(turn.now.tzinfo):%m-%d}")
    oid = purchasing.take_order(uow, turn, commands.PlaceSale(
        lines=tuple(commands.Line(sku=ln.sku, qty=ln.qty, unit_price=ln.unit_price) for ln in q.lines),
        partner=q.partner, due=cmd.due), t=t)
    uow.quotes.ordered(q.id, oid, replacing=q.order_id)
    uow.chat.audit(at=turn.now, actor=turn.user.username, action="quote_ordered",
                   detail={"quote": q.id, "order": oid, "partner": q.partner})
    return oid


def listed(uow: UnitOfWork, t: Any, lang: str, partner: str | None, *, now: datetime) -> str:
    """The latest quotations (a customer's), each with its total and what became of it."""
    qs = uow.quotes.list(partner=partner, limit=15)
    who = purchasing.partner_name(uow, partner) if partner else ""
    if not qs:
        return str(t("quote.none", lang, partner=who))
    out = [str(t("quote.list_head", lang, partner=who, n=len(qs)))]
    for q in qs:
        out.append(str(t("quote.list_line", lang, id=q.id, partner=purchasing.partner_name(uow, q.partner),
                         day=f"{q.created_at.astimezone(now.tzinfo):%m-%d}", total=wording.money(q.total), n=len(q.lines),
                         state=_state(uow, t, lang, q, now=now))))
    return "\n".join(out)


def _dropped(uow: UnitOfWork, q: quotes.Quote) -> orders.Order | None:
    """The order the quotation became, when it will not ship (cancelled, or rejected by a manager): the quotation
    may become an order again while it holds. None: it became none, or one that stands."""
    o: orders.Order | None = uow.orders.get(q.order_id) if q.order_id is not None else None
    return o if o is not None and o.status in (orders.Status.CANCELLED, orders.Status.REJECTED) else None


def _state(uow: UnitOfWork, t: Any, lang: str, q: quotes.Quote, *, now: datetime) -> str:
    """What became of a quotation: the order it became, past its days, or open until then (an order it became that
    was cancelled or rejected said before that)."""
    day = f"{q.valid_until.astimezone(now.tzinfo):%m-%d}"
    dropped = _dropped(uow, q)
    if q.order_id is not None and dropped is None:
        return str(t("quote.state_ordered", lang, order=q.order_id))
    return (str(t("quote.state_dropped", lang, order=q.order_id, status=t(f"order_status.{dropped.status.value}", lang)))
            if dropped is not None else "") + str(t("quote.state_expired", lang, day=day) if q.expired(now)
                                                  else t("quote.state_open", lang, day=day, id=q.id))
