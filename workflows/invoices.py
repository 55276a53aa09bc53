"""Invoices (发票, domain/invoices.py): kept once confirmed (a supplier's by a purchaser, manager or the owner; ours to a
customer by a manager or the owner, audited), undone by 撤销 right after, and held against the month's goods: what
came in from a supplier (its receipts less what went back, at cost, as its account counts them) or went out to a
customer (its sales less returns, at the price each went at)."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from domain import catalog, commands, errors, invoices, ledger, periods
from workflows import dues, purchasing, wording
from workflows.ports import UnitOfWork
from workflows.purchasing import Turn

_KINDS = {"supplier": ["receipt", "return_to_supplier"], "customer": ["sale", "customer_return"]}
_BACK = (ledger.MoveKind.RETURN_TO_SUPPLIER, ledger.MoveKind.CUSTOMER_RETURN)


def month_of(month: date | None, today: date) -> date:
    """The month said, else the month being invoiced (domain/invoices.py)."""
    return month or invoices.month_due(today)


def goods(uow: UnitOfWork, month: date, kind: str, *, tz: Any, partner: str | None = None) -> dict[str, Decimal]:
    """Each partner's goods of ``month`` (of ``kind``: supplier · customer), net of what came back and of writes
    undone: a supplier's at cost (``dues.supplier_values``), a customer's at the price each went at (``dues.priced``)."""
    since = datetime.combine(month, time(), tzinfo=tz)
    until = datetime.combine(periods.month_end(month.year, month.month) + timedelta(days=1), time(), tzinfo=tz)
    moves = [m for m in uow.stock.moves(since=since, until=until, kinds=_KINDS[kind], partner=partner) if m.partner]
    moves = uow.stock.standing(moves)   # (whenever undone: it never happened)
    valued = dues.supplier_values(uow, moves) if kind == "supplier" \
        else [(m, (price or Decimal(0)) * m.qty) for m, price in dues.priced(uow, moves)]
    out: dict[str, Decimal] = defaultdict(Decimal)
    for m, value in valued:
        out[str(m.partner)] += value * (-1 if m.kind in _BACK else 1)
    return dict(out)


def _kind(uow: UnitOfWork, partner: str) -> str:
    p = dues.partner(uow, partner)
    if p is None:
        raise errors.NotFound(code="unknown_partner", partner=partner)
    return "customer" if p.kind == catalog.PartnerKind.CUSTOMER else "supplier"


def asked_words(uow: UnitOfWork, t: Any, lang: str, cmd: commands.RecordInvoice, *, today: date) -> str:
    """What an invoice about to be kept is, for the question before it is."""
    month = month_of(cmd.month, today)
    return str(t(f"invoice.ask_{_kind(uow, cmd.partner)}", lang, partner=purchasing.partner_name(uow, cmd.partner),
                 month=month.month, amount=wording.money(cmd.amount),
                 code=t("invoice.code", lang, code=cmd.code) if cmd.code else ""))


def record(uow: UnitOfWork, turn: Turn, cmd: commands.RecordInvoice, *, t: Any) -> int:
    """The invoice kept, audited, and held against its month's goods of that partner."""
    kind = _kind(uow, cmd.partner)
    month = month_of(cmd.month, turn.now.date())
    iid: int = uow.invoices.add(partner=cmd.partner, month=month, amount=cmd.amount, at=turn.now, code=cmd.code,
                                actor=turn.user.username, message_id=turn.message_id)
    uow.chat.audit(at=turn.now, actor=turn.user.username, action="invoice",
                   detail={"invoice": iid, "partner": cmd.partner, "kind": kind, "month": month.isoformat(),
                           "amount": str(cmd.amount), "code": cmd.code})
    turn.reply(str(t("invoice.done", turn.lang, id=iid, what=asked_words(uow, t, turn.lang, replace(cmd, month=month),
                                                                           today=turn.now.date())))
               + "\n" + check_line(uow, t, turn.lang, cmd.partner, month, kind, tz=turn.now.tzinfo))
    return iid


def check_line(uow: UnitOfWork, t: Any, lang: str, partner: str, month: date, kind: str, *, tz: Any) -> str:
    """5月从张记肉业进货 ¥3,100.00,发票合计 ¥3,200.00:多开 ¥100.00 (or 相符 · 还有 ¥… 没开)."""
    c = invoices.Check(partner, goods(uow, month, kind, tz=tz, partner=partner).get(partner, Decimal(0)),
                       invoices.invoiced(uow.invoices.of_month(month, partner=partner)).get(partner, Decimal(0)))
    return str(t(f"invoice.check_{kind}", lang, month=month.month, partner=purchasing.partner_name(uow, partner),
                 goods=wording.money(c.goods), invoiced=wording.money(c.invoiced), state=_state(t, lang, c)))


def _state(t: Any, lang: str, c: invoices.Check) -> str:
    if c.gap == 0:
        return str(t("invoice.state_even", lang))
    if c.gap > 0:
        return str(t("invoice.state_over", lang, amount=wording.money(c.gap)))
    return str(t("invoice.state_short" if c.invoiced else "invoice.state_none", lang, amount=wording.money(-c.gap)))


def last_of(uow: UnitOfWork, actor: str, *, since: datetime) -> invoices.Invoice | None:
    """The latest invoice ``actor`` kept since then that stands (neither undone nor an undoing)."""
    mine = [x for x in invoices.standing(uow.invoices.list(since=since)) if x.actor == actor]
    return max(mine, key=lambda x: (x.at, x.id), default=None)


def void(uow: UnitOfWork, turn: Turn, cmd: commands.VoidInvoice, *, t: Any) -> None:
    """撤销 right after an invoice: an entry of the opposite amount (the first stays, as every record does)."""
    row: invoices.Invoice = errors.undoable(uow.invoices.get(cmd.invoice_id),
                                            lambda: uow.invoices.is_reversed(cmd.invoice_id),
                                            kind="invoice", id=cmd.invoice_id)
    uow.invoices.add(partner=row.partner, month=row.month, amount=-row.amount, at=turn.now, code=row.code,
                     actor=turn.user.username, message_id=turn.message_id, reverses=row.id)
    uow.chat.audit(at=turn.now, actor=turn.user.username, action="invoice_voided",
                   detail={"invoice": row.id, "partner": row.partner, "amount": str(row.amount)})
    turn.reply(str(t("invoice.voided", turn.lang, id=row.id, what=asked_words(
        uow, t, turn.lang, commands.RecordInvoice(row.partner, row.amount, row.month, row.code),
        today=turn.now.date()))))


def answer(uow: UnitOfWork, t: Any, lang: str, cmd: commands.InvoiceQuery, *, now: datetime, shown: int = 30) -> str:
    """🧾 5月发票核对(供应商):each partner's goods against its invoices, those furthest off first, and the totals."""
    month = month_of(cmd.month, now.date())
    kind = _kind(uow, cmd.partner) if cmd.partner else cmd.kind
    got = goods(uow, month, kind, tz=now.tzinfo, partner=cmd.partner)
    names = {p.code: (p.name, p.kind) for p in uow.catalog.partners()}
    bills = [x for x in uow.invoices.of_month(month, partner=cmd.partner)
             if names.get(x.partner, ("", None))[1] == (catalog.PartnerKind.CUSTOMER if kind == "customer"
                                                        else catalog.PartnerKind.SUPPLIER)]
    rows = invoices.checks(got, bills)
    head = str(t(f"invoice.head_{kind}", lang, month=month.month, year=month.year))
    if not rows:
        return head + "\n" + str(t("invoice.nothing", lang))
    out = [head]
    for c in rows[:shown]:
        out.append(str(t("invoice.row", lang, partner=names.get(c.partner, (c.partner, None))[0],
                         goods=wording.money(c.goods), invoiced=wording.money(c.invoiced), state=_state(t, lang, c))))
    if len(rows) > shown:
        out.append(str(t("invoice.more", lang, n=len(rows) - shown)))
    goods_total = sum((c.goods for c in rows), Decimal(0))
    billed = sum((c.invoiced for c in rows), Decimal(0))
    out.append(str(t("invoice.total", lang, goods=wording.money(goods_total), invoiced=wording.money(billed),
                     n=sum(1 for c in rows if c.gap != 0))))
    return "\n".join(out)
