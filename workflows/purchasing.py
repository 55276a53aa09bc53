"""Orders and approvals: purchase orders over the approval limit, credit holds, transfer
requests, invitations, and the buttons of workflow messages."""
from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from domain import accounts, catalog, codec, commands, errors, events, ledger, orders, periods, pricing, production
from workflows import budgets, dues, inventory, metrics, reports, takeover, wording
from workflows.ports import UnitOfWork


class Turn(Protocol):
    """The conversation's view of one incoming message (reply to the sender, push to others)."""
    user: catalog.User
    now: datetime
    events: list[events.Event]
    message_id: str | None

    @property
    def lang(self) -> str: ...
    def reply(self, text: str, buttons: Any = None, image: bytes | None = None) -> None: ...
    def push(self, to: str, text: str, buttons: Any = None) -> None: ...


def _button(label: str, data: str) -> tuple[str, str]:
    return (label, data)


def managers_of(uow: UnitOfWork, location: str | None) -> list[catalog.User]:
    users: list[catalog.User] = uow.catalog.users()
    mgrs = [u for u in users if u.role == catalog.Role.MANAGER and (location is None or u.location == location)]
    return mgrs or [u for u in users if u.role == catalog.Role.ADMIN]


def place(uow: UnitOfWork, turn: Turn, cmd: commands.PlacePurchase, *, t: Any) -> int:
    products = {p.sku: p for p in uow.catalog.products()}
    partner, due = _terms(uow, cmd, products, now=turn.now)
    lines = tuple(orders.OrderLine(sku=ln.sku, qty=ln.qty,
                                   unit_price=ln.unit_price if ln.unit_price is not None else products[ln.sku].unit_cost)
                  for ln in inventory.with_agreed_prices(uow, partner, cmd.lines))   # (the price agreed with it first)
    location = cmd.location or turn.user.location
    settings: catalog.TenantSettings = uow.catalog.settings()
    draft = orders.Order(kind=orders.OrderKind.PURCHASE, status=orders.Status.OPEN, lines=lines,
                         created_at=turn.now, location=location, partner=partner, due=due,
                         created_by=turn.user.username)
    request = not turn.user.can("purchase")   # staff's purchase request: a manager approves every one
    over_limit = orders.needs_approval(draft, limit=settings.approval_limit) and turn.user.role != catalog.Role.ADMIN
    # past a purchase budget (本月采购预算5万): a purchaser's order waits for a manager; a manager's is said over
    beyond = budgets.over(uow, draft, now=turn.now)
    held_by_budget = bool(beyond) and not turn.user.can("approve") and not request and not over_limit
    needs = request or over_limit or held_by_budget
    if needs:
        draft = replace(draft, status=orders.Status.PENDING_APPROVAL)
    oid: int = uow.orders.add(draft)
    turn.events.append(events.OrderChanged(order_id=oid, kind=draft.kind.value, status=draft.status.value, at=turn.now))
    desc = describe(uow, draft)
    if needs:
        for m in managers_of(uow, location):
            turn.push(m.username, str(t("purchase_request_review" if request else "approval_request_budget"
                                        if held_by_budget else "approval_request", m.language,
                                        who=turn.user.display_name, order=desc, id=oid,
                                        amount=_amount(draft, t, m.language)))
                      + budgets.over_text(uow, t, m.language, beyond, turn.now),
                      [[_button(t("btn.approve", m.language), f"ap:{oid}"),
                        _button(t("btn.reject", m.language), f"rj:{oid}")]])
        turn.reply(str(t("purchase_requested" if request else "purchase_over_budget" if held_by_budget
                         else "purchase_pending", turn.lang, id=oid, order=desc, amount=_amount(draft, t, turn.lang),
                         limit=reports.money(settings.approval_limit)))
                   + budgets.over_text(uow, t, turn.lang, beyond, turn.now))
    else:
        turn.reply(str(t("purchase_created", turn.lang, id=oid, order=desc))   # (,金额 ¥1,500.00 once priced)
                   + (str(t("purchase_amount", turn.lang, amount=reports.money(draft.amount))) if draft.amount else "")
                   + budgets.over_text(uow, t, turn.lang, beyond, turn.now))
        tell_supplier(uow, turn, replace(draft, id=oid), t=t)
    return oid


def _terms(uow: UnitOfWork, cmd: commands.PlacePurchase, products: dict[str, catalog.Product], *, now: datetime
           ) -> tuple[str | None, datetime | None]:
    """The supplier and due day of an order as said, else from the catalog's terms: the products' usual supplier
    (when they share one) and, without a day said, the start of the day their lead time ends."""
    partner = cmd.partner
    if partner is None:
        usual = {products[ln.sku].supplier for ln in cmd.lines if ln.sku in products}
        partner = usual.pop() if len(usual) == 1 else None
    if cmd.due is not None:
        return partner, cmd.due
    partners = {x.code: x for x in uow.catalog.partners()}
    said = [products[ln.sku] for ln in cmd.lines if ln.sku in products]
    known = [catalog.lead_days(replace(p, supplier=partner or p.supplier), partners, default=-1) for p in said]
    if not known or min(known) < 0:   # a product without terms: no day is made up
        return partner, None
    day = now.date() + timedelta(days=max(known))
    return partner, datetime(day.year, day.month, day.day, tzinfo=now.tzinfo)


def describe(uow: UnitOfWork, o: orders.Order) -> str:
    products = {p.sku: p for p in uow.catalog.products()}
    partners = {p.code: p.name for p in uow.catalog.partners()}
    items = "、".join(f"{products[ln.sku].name} {ln.qty.normalize():f}{products[ln.sku].base_unit}"
                     if ln.sku in products else ln.sku for ln in o.lines)
    # stored in UTC: the day is the tenant's (a customer's 06-16 was shown as 06-15)
    due = f" {o.due.astimezone(ZoneInfo(uow.catalog.settings().timezone)):%Y-%m-%d}" if o.due else ""
    return f"{partners.get(o.partner or '', o.partner or '')} {items}{due}".strip()


def tell_supplier(uow: UnitOfWork, turn: Turn, o: orders.Order, *, t: Any) -> None:
    """A purchase order now ours to send (placed, or approved): the supplier's own people hear what to deliver and by
    when (never a price), and how to answer (收到 · 订单1已发货)."""
    if o.kind not in (orders.OrderKind.PURCHASE, orders.OrderKind.PURCHASE_REQUEST) or not o.partner or o.id is None:
        return
    people = supplier_people(uow, o.partner)
    if not people:
        return
    items = wording.goods({p.sku: p for p in uow.catalog.products()}, ((ln.sku, ln.qty) for ln in o.lines))
    company, tz = _our_name(uow, o)
    for u in people:
        due = str(t("supplier.due", u.language, day=f"{o.due.astimezone(tz):%m-%d}") if o.due
                  else t("supplier.asap", u.language))
        turn.push(u.username, t("supplier.new_order", u.language, id=o.id, company=company,
                                place=reports.loc_name(uow, o.location), items=items, due=due))


def supplier_people(uow: UnitOfWork, partner: str) -> list[catalog.User]:
    """The supplier's own people in the chat (its orders are told them; a late one chased)."""
    return [u for u in uow.catalog.users() if u.partner == partner and u.role == catalog.Role.SUPPLIER]


def _our_name(uow: UnitOfWork, o: orders.Order) -> tuple[str, ZoneInfo]:
    """Who we are to a supplier (our name as `configure --name` set it, else the order's store's), and our zone."""
    settings = uow.catalog.settings()
    company = settings.name if settings.name and settings.name != settings.code else reports.loc_name(uow, o.location)
    return company, ZoneInfo(settings.timezone)


def _amount(o: orders.Order, t: Any, lang: str) -> str:
    """An order's amount, or 未知 when the catalog cannot price it (no cost price), never ¥0.00."""
    return reports.money(o.amount) if o.amount else str(t("amount_unknown", lang))


def _open_sales(uow: UnitOfWork, partner: str) -> list[orders.Order]:
    """A customer's sales orders not yet done: held sales and orders not yet (fully) taken away."""
    return [o for o in uow.orders.list(kinds=["sale"], statuses=["pending_approval", "open", "partial"])
            if o.partner == partner]


def _exposure(uow: UnitOfWork, partner: str, now: datetime, open_sales: list[orders.Order]) -> Decimal:
    """What a customer owes or has ordered: its sales of the last 30 days less what it returned (net of reversals),
    at the price said on each, else the catalog's, and the open part of its orders (``open_sales``), less what it
    paid in those days (a deposit paid ahead counts off its order)."""
    since = now - timedelta(days=30)
    moves = uow.stock.moves(since=since, kinds=["sale", "customer_return"], partner=partner)
    exposure = sum(((price or Decimal(0)) * m.qty * (1 if m.reverses is None else -1)
                    * (1 if m.kind.value == "sale" else -1) for m, price in dues.priced(uow, moves)), Decimal(0))
    exposure -= Decimal(uow.payments.total(partner, since=since))   # what it paid since counts off
    # (paid ahead, as a deposit with an order: it counts off the open orders too, never below 0)
    return max(exposure + open_value(open_sales), Decimal(0))


def refundable(uow: UnitOfWork, cmd: commands.RecordPayment) -> commands.RecordPayment:
    """A refund (退给王记500 · 王记的定金退了 · 张记退款300) as it may be kept: out of what the account holds paid ahead
    (a deposit, an overpayment, goods given back after they were paid), all of it when no amount was said (amount 0:
    none held). Refused (``errors.BadInput``) beyond it: that would be money given for nothing on the books."""
    # (a top-up's bonus is credit, never money to give back: 充值1000送100 leaves 1000 to refund at most)
    ahead = max(-dues.balance(uow, cmd.partner)[2] - _bonus(uow, cmd.partner), Decimal(0))
    if cmd.all_owed or ahead == 0:
        return replace(cmd, amount=ahead, all_owed=False)
    if cmd.amount > ahead:
        p = partner_of(uow, cmd.partner)
        customer = p is not None and p.kind == catalog.PartnerKind.CUSTOMER
        raise errors.BadInput(code="refund_too_much_customer" if customer else "refund_too_much_supplier",
                              partner=partner_name(uow, cmd.partner), amount=reports.money(cmd.amount),
                              ahead=reports.money(ahead))
    return cmd


def record_payment(uow: UnitOfWork, turn: Turn, cmd: commands.RecordPayment, *, t: Any) -> int:
    """团餐付了3000 · 付给张记5000: kept on the partner's account (audited), with what is still owed after it. An
    opening balance (团餐期初欠款5000) is kept the same way, as owed (a payment the other way, ``dues.OPENING``), on
    the day said; a refund (退给王记500 · 张记退款300, checked by ``refundable``) as a payment the other way
    (``dues.REFUND``), today."""
    at = datetime.combine(cmd.day, time(12), tzinfo=turn.now.tzinfo) if cmd.opening and cmd.day else turn.now
    if at.date() < turn.now.date():   # (an opening balance said for a day whose books are closed: refused)
        periods.check_day(at.date(), through=periods.closed_through(uow.catalog.tenant_row().settings))
    back = cmd.opening or cmd.refund
    pid: int = uow.payments.add(partner=cmd.partner, amount=-cmd.amount if back else cmd.amount, at=at,
                                actor=turn.user.username, message_id=turn.message_id,
                                note=dues.OPENING if cmd.opening else dues.REFUND if cmd.refund
                                else dues.goods_note(cmd.start, cmd.end) if cmd.start and cmd.end else "",
                                method=None if cmd.opening else cmd.method)
    uow.chat.audit(at=turn.now, actor=turn.user.username,
                   action="opening_balance" if cmd.opening else "refund" if cmd.refund else "payment",
                   detail={"payment": pid, "partner": cmd.partner, "amount": str(cmd.amount)}
                   | ({"day": at.date().isoformat()} if cmd.opening else {})
                   | ({"method": cmd.method} if cmd.method and not cmd.opening else {}))
    if cmd.bonus:   # 团餐充值1000送100: the 100 on its account beside the payment, tied to it
        bid = uow.payments.add(partner=cmd.partner, amount=cmd.bonus, at=at, actor=turn.user.username,
                               message_id=turn.message_id, note=f"{dues.BONUS}{pid}")
        uow.chat.audit(at=turn.now, actor=turn.user.username, action="topup_bonus",
                       detail={"payment": bid, "of": pid, "partner": cmd.partner, "amount": str(cmd.bonus)})
    turn.reply(t("payment.done", turn.lang, what=payment_words(uow, t, turn.lang, cmd.partner, cmd.amount,
                                                               opening=at.date() if cmd.opening else None,
                                                               refund=cmd.refund, bonus=cmd.bonus,
                                                               method=cmd.method))
               + "\n" + account_line(uow, t, turn.lang, cmd.partner, now=turn.now))
    return pid


def costed(uow: UnitOfWork, cmd: commands.Command) -> tuple[commands.Command, bool]:
    """A supplier's goods paid in full as they came with no cost said (收到张记牛腩50斤,现结): kept at the cost they
    were paid at, what the product's receipts cost lately (the catalog's when none), so that what was paid stays what
    they came to; and whether any line was so costed."""
    if not (isinstance(cmd, commands.RecordMoves) and cmd.movement == commands.Movement.RECEIPT and cmd.paid
            and cmd.paid_amount is None and any(ln.unit_price is None for ln in cmd.lines)):
        return cmd, False
    skus = {ln.sku for ln in cmd.lines if ln.unit_price is None}
    costs = metrics.unit_costs(uow, [p for p in uow.catalog.products() if p.sku in skus])
    lines = tuple(replace(ln, unit_price=costs.get(ln.sku)) if ln.unit_price is None else ln for ln in cmd.lines)
    return replace(cmd, lines=lines), any(costs.get(s) is not None for s in skus)


def paid_on_the_spot(uow: UnitOfWork, turn: Turn, batch: str, partner: str, *, t: Any, amount: Decimal | None = None,
                     method: str | None = None, apart: Decimal = Decimal(0), estimated: bool = False) -> str:
    """The write just recorded (``batch``) paid as it went, kept as the partner's payment and tied to it (undoing the
    write undoes it). A customer's sale (盒马买了可颂10个,付了现金): at the price each line went at. A supplier's goods
    (收到张记牛腩50斤,现结 · …,现金1000): at cost, less the freight paid ``apart``, or the ``amount`` said (…,单价32,
    付了1000: the rest still owed), paid by ``method`` when said; a customer's sale paid in part (团餐拿了可乐2箱,先付了
    100) the same. The words that say so, or that it could not be kept, the goods having no price (cost).
    ``estimated``: their cost was not said (``costed``)."""
    moves = uow.stock.batch(batch)
    supplier = any(m.kind == ledger.MoveKind.RECEIPT for m in moves)
    value = sum((v for _, v in dues.values_of(uow, moves, customer=not supplier)), Decimal(0)) - apart
    paid = amount if amount is not None else value
    if paid <= 0:
        return str(t("payment.spot_uncosted" if supplier else "payment.spot_unpriced", turn.lang,
                     partner=partner_name(uow, partner)))
    kind = (accounts.PAID_WHOLE if amount is None else accounts.PAID_PART) if supplier \
        else accounts.PAID_PART if amount is not None else ""   # (a sale paid in full: its moves say how)
    pid = uow.payments.add(partner=partner, amount=paid, at=turn.now, actor=turn.user.username,
                           message_id=turn.message_id, note=accounts.spot_note(batch, kind), method=method)
    uow.chat.audit(at=turn.now, actor=turn.user.username, action="payment",
                   detail={"payment": pid, "partner": partner, "amount": str(paid), "batch": batch})
    key = "payment.spot_part" if amount is not None else "payment.spot_estimated" if estimated else "payment.spot"
    text = str(t(key, turn.lang, what=payment_words(uow, t, turn.lang, partner, paid, method=method)))
    if amount is not None and value > 0 and abs(value - amount) >= ledger.CENT:
        text += str(t("payment.spot_left" if value > amount else "payment.spot_over", turn.lang,
                      value=reports.money(value), left=reports.money(value - amount),
                      over=reports.money(amount - value)))
    return text


def freight_apart(uow: UnitOfWork, turn: Turn, batch: str, partner: str, amount: Decimal, *, t: Any) -> str:
    """收到张记的牛腩50斤,运费50已付 · 运费另付给司机: the freight is in the goods' cost but not owed to the supplier
    with them; kept as paid on its account against that delivery (undone with it, as a sale paid on the spot). The
    words that say so."""
    pid = uow.payments.add(partner=partner, amount=amount, at=turn.now, actor=turn.user.username,
                           message_id=turn.message_id, note=accounts.spot_note(batch))   # (no kind: freight)
    uow.chat.audit(at=turn.now, actor=turn.user.username, action="payment",
                   detail={"payment": pid, "partner": partner, "amount": str(amount), "batch": batch, "freight": True})
    return str(t("landed.apart", turn.lang, amount=reports.money(amount), partner=partner_name(uow, partner)))


def partner_card(uow: UnitOfWork, t: Any, lang: str, code: str, *, tz: Any, money: bool = True) -> str:
    """📇 张记肉业(供应商): whom to reach there and the number, its terms, a supplier's lead time or a customer's price
    list; with ``money`` (someone who buys or approves) a customer's credit limit and what is owed on the account."""
    p = partner_of(uow, code)
    if p is None:
        return str(t("not_understood", lang))
    customer = p.kind == catalog.PartnerKind.CUSTOMER
    lines = [str(t("card.head_customer" if customer else "card.head_supplier", lang, name=p.name))]
    lines += [str(t(key, lang, contact=p.contact, phone=p.phone)) for key, v in (("card.contact", p.contact),
                                                                               ("card.phone", p.phone)) if v]
    if not (p.contact or p.phone):
        lines.append(str(t("card.no_contact", lang, name=p.name)))
    lines.append(str(t("card.terms", lang, terms=dues.terms_words(t, lang, p.payment_terms))))
    if customer:
        if p.credit_limit is not None and money:
            lines.append(str(t("card.credit", lang, amount=reports.money(p.credit_limit))))
        if p.price_tier:
            lines.append(str(t("card.tier", lang, tier=t(f"tier.{p.price_tier}", lang))))
    else:
        lines.append(str(t("card.lead", lang, days=p.lead_time_days)) if p.lead_time_days is not None
                     else str(t("card.lead_unset", lang)))
    if money:
        owed = dues.account(uow, p, tz=tz).owed
        lines.append(str(t("card.owed_customer" if customer else "card.owed_supplier", lang,
                           amount=reports.money(owed))))
    return "\n".join(lines)


def last_payment(uow: UnitOfWork, actor: str, *, since: datetime) -> Any | None:
    """The latest payment ``actor`` recorded since then that stands (neither undone nor an undoing), an account's
    as it was paid: not an opening balance, a refund or a top-up's bonus."""
    mine = [p for p in dues.standing(uow.payments.list(since=since)) if p.actor == actor
            and p.note not in (dues.OPENING, dues.REFUND) and not dues.is_bonus(p.note) and accounts.spot_of(p.note) is None]
    return max(mine, key=lambda p: (p.at, p.id or 0), default=None)


def void_payment(uow: UnitOfWork, turn: Turn, cmd: commands.VoidPayment, *, t: Any) -> None:
    """撤销 right after a payment: an entry of the opposite amount (the first stays, as every record does)."""
    row = errors.undoable(uow.payments.get(cmd.payment_id), lambda: uow.payments.is_reversed(cmd.payment_id),
                          kind="payment", id=cmd.payment_id)
    amount = row.amount
    opening = row.note == dues.OPENING   # (an opening balance's undoing is one too)
    refund = row.note == dues.REFUND
    if dues.is_bonus(row.note):   # (a top-up's bonus goes with its payment)
        raise errors.InvalidState(code="bonus_undone_with_payment", id=row.note.removeprefix(dues.BONUS))
    uow.payments.add(partner=row.partner, amount=-amount, at=turn.now, actor=turn.user.username,
                     message_id=turn.message_id, reverses=cmd.payment_id, note=row.note if opening else "",
                     method=row.method)
    uow.chat.audit(at=turn.now, actor=turn.user.username, action="payment_voided",
                   detail={"payment": cmd.payment_id, "partner": row.partner, "amount": str(amount)})
    bonus = next((x for x in dues.standing(uow.payments.list(partner=row.partner))
                  if x.note == f"{dues.BONUS}{cmd.payment_id}"), None)
    if bonus is not None:   # 团餐充值1000送100, then 撤销: the 100 goes too (kept as a bonus, so never in the till)
        uow.payments.add(partner=row.partner, amount=-bonus.amount, at=turn.now, actor=turn.user.username,
                         message_id=turn.message_id, reverses=bonus.id, note=bonus.note)
        uow.chat.audit(at=turn.now, actor=turn.user.username, action="payment_voided",
                       detail={"payment": bonus.id, "partner": row.partner, "amount": str(bonus.amount)})
    turn.reply(t("payment.voided", turn.lang, what=payment_words(
        uow, t, turn.lang, row.partner, -amount if opening or refund else amount,
        opening=row.at.astimezone(turn.now.tzinfo).date() if opening else None, refund=refund,
        bonus=bonus.amount if bonus is not None else None, method=row.method))
               + "\n" + account_line(uow, t, turn.lang, row.partner, now=turn.now))


def payment_words(uow: UnitOfWork, t: Any, lang: str, partner: str, amount: Decimal, *,
                  opening: date | None = None, refund: bool = False, bonus: Decimal | None = None,
                  method: str | None = None) -> str:
    """收到美团团餐付款 ¥3,000.00 · 付给张记肉业 ¥5,000.00; ``opening``: 美团团餐期初欠款 ¥5,000.00(05-20 的账) ·
    期初欠张记肉业 ¥3,000.00; ``refund``: 退给美团团餐 ¥500.00 · 收到张记肉业退款 ¥300.00; ``method``: (微信)."""
    p = partner_of(uow, partner)
    customer = p is not None and p.kind == catalog.PartnerKind.CUSTOMER
    how = str(t("summary.paid_by", lang, method=wording.method_name(t, lang, method))) if method else ""
    if partner == accounts.NO_ACCOUNT:   # (去市场买了…,现金: no supplier named)
        return str(t("payment.to_no_account", lang, amount=reports.money(amount), method=how))
    if opening is not None:
        return str(t("payment.opening_customer" if customer else "payment.opening_supplier", lang,
                     partner=partner_name(uow, partner), amount=reports.money(amount), day=f"{opening:%m-%d}"))
    key = ("payment.refund_to_customer" if customer else "payment.refund_from_supplier") if refund \
        else "payment.from_customer" if customer else "payment.to_supplier"
    return str(t(key, lang, partner=partner_name(uow, partner), amount=reports.money(amount))) + (
        str(t("payment.bonus", lang, bonus=reports.money(bonus))) if bonus else "") + how


def account_line(uow: UnitOfWork, t: Any, lang: str, partner: str, *, now: datetime | None = None) -> str:
    """美团团餐累计:货款 ¥5,000.00,已付 ¥3,000.00,未付 ¥2,000.00; at ``now``, what of it is past the terms agreed
    (⏰ 其中逾期 …)."""
    goods, paid, owed = dues.balance(uow, partner)
    p = partner_of(uow, partner)
    key = "payment.account_customer" if p is not None and p.kind == catalog.PartnerKind.CUSTOMER \
        else "payment.account_supplier"
    if owed < 0:   # paid ahead of the goods (a deposit, or a prepayment)
        key += "_ahead"
    late = dues.overdue_note(uow, t, lang, partner, today=now.date(), tz=now.tzinfo) if now is not None and owed > 0 \
        else ""
    bonus = _bonus(uow, partner)
    return str(t(key, lang, partner=partner_name(uow, partner), goods=reports.money(goods), paid=reports.money(paid),
                 owed=reports.money(abs(owed)))) + late + (
        str(t("payment.bonus_held", lang, bonus=reports.money(bonus))) if bonus else "")


def _bonus(uow: UnitOfWork, partner: str) -> Decimal:
    """The top-up bonuses standing on a customer's account (团餐充值1000送100: 100), credit that is no money."""
    return sum((x.amount for x in dues.standing(uow.payments.list(partner=partner)) if dues.is_bonus(x.note)),
               Decimal(0))


def open_value(open_sales: list[orders.Order]) -> Decimal:
    """What customers' orders still hold, at their prices."""
    return sum(((ln.unit_price or Decimal(0)) * ln.open_qty for o in open_sales for ln in o.lines), Decimal(0))


def supplier_update(uow: UnitOfWork, turn: Turn, cmd: commands.SupplierUpdate, *, t: Any) -> None:
    """A supplier says it has the order, it has shipped or when it will arrive: kept on the order (the day it is due
    moves to the one promised), audited as a partner's action, and told to whoever placed it and the store's managers.
    收到 · 好的 without a number confirms each open order it had not confirmed yet."""
    partner = cmd.partner or turn.user.partner   # (张记说牛腩明天送不了: relayed by our own people)
    mine = [o for o in uow.orders.list(kinds=["purchase"], statuses=["open", "partial"]) if partner and o.partner == partner]
    if cmd.order_id is not None:
        mine = [o for o in mine if o.id == cmd.order_id]
    elif cmd.note and len(mine) > 1:   # 牛腩只能送30斤 with several open: the one with that product, else all
        named = [o for o in mine if any(p.name in cmd.note or any(a in cmd.note for a in p.aliases)
                                        for ln in o.lines if (p := uow.catalog.product(ln.sku)) is not None)]
        mine = named if len(named) == 1 else mine[-1:] if not named else named[-1:]
    elif cmd.ack and not cmd.shipped and cmd.eta is None:
        fresh = [o for o in mine if not o.meta.get("acknowledged_at")]
        if mine and not fresh:   # 好的 again: nothing new to confirm, no one told twice (all shipped: said so)
            shipped = all(o.meta.get("shipped_at") for o in mine)
            turn.reply(t("supplier_update.all_shipped" if shipped else "supplier_update.nothing_new", turn.lang,
                         ids="、".join(f"#{o.id}" for o in mine), first=mine[0].id))
            return
        mine = fresh
    if not mine or (len(mine) > 1 and not (cmd.ack and not cmd.shipped and cmd.eta is None)):
        said = "relayed" if cmd.partner else "supplier"   # (our own people: the supplier named, not 贵司)
        raise errors.BadInput(code=f"{said}_which_order" if mine else f"{said}_no_order",
                              ids="、".join(f"#{o.id}" for o in mine), first=mine[0].id if mine else "",
                              id=cmd.order_id or "", partner=partner_name(uow, partner or ""))
    tz = turn.now.tzinfo
    if cmd.note:   # its words, to whoever placed the order and the store's managers; the order stays as it is, but
        # for the day it promises instead (明天送不了,后天送: due then)
        o = mine[0]
        if cmd.eta is not None:
            o = replace(o, meta={**o.meta, "promised": cmd.eta.isoformat()}, due=cmd.eta)
            uow.orders.save(o)
        uow.chat.audit(at=turn.now, actor=turn.user.username, action="supplier_note",
                       detail={"order": o.id, "partner": partner, "note": cmd.note,
                               "eta": cmd.eta.isoformat() if cmd.eta else None})
        for u, lang in _store_side(uow, o):
            if u != turn.user.username:
                turn.push(u, t("supplier_update.note_moved" if cmd.eta is not None else "supplier_update.note", lang,
                               partner=partner_name(uow, partner), id=o.id, order=describe(uow, o), note=cmd.note,
                               day=cmd.eta.astimezone(tz).strftime("%m-%d") if cmd.eta is not None else ""))
        turn.reply(t("supplier_update.relayed_moved" if cmd.eta is not None else "supplier_update.relayed", turn.lang,
                     partner=partner_name(uow, partner), id=o.id, order=describe(uow, o),
                     day=cmd.eta.astimezone(tz).strftime("%m-%d") if cmd.eta is not None else "") if cmd.partner else
                   t("supplier_update.noted", turn.lang, id=o.id, location=reports.loc_name(uow, o.location)))
        return
    for o in mine:
        meta = dict(o.meta)
        news = replace(cmd, shipped=cmd.shipped and not meta.get("shipped_at"),   # (what the store has not heard)
                       eta=cmd.eta if cmd.eta is not None and meta.get("promised") != cmd.eta.isoformat() else None,
                       ack=cmd.ack and not meta.get("acknowledged_at"))
        if not (news.shipped or news.eta is not None or news.ack):   # 在路上了 twice: no one told twice
            turn.reply(t("supplier_update.said_already", turn.lang, id=o.id, what=_update_words(t, turn.lang, cmd, tz)))
            continue
        if news.ack:
            meta["acknowledged_at"] = turn.now.isoformat()
        if news.shipped:
            meta["shipped_at"] = turn.now.isoformat()
        if news.eta is not None:
            meta["promised"] = news.eta.isoformat()
        uow.orders.save(replace(o, meta=meta, due=news.eta or o.due))
        uow.chat.audit(at=turn.now, actor=turn.user.username, action="supplier_update",
                       detail={"order": o.id, "partner": partner, "shipped": news.shipped, "ack": news.ack,
                               "eta": news.eta.isoformat() if news.eta else None})
        for u, lang in _store_side(uow, o):
            turn.push(u, t("supplier_update.told", lang, partner=partner_name(uow, partner), id=o.id,
                           order=describe(uow, o), what=_update_words(t, lang, news, tz)))
        turn.reply(t("supplier_update.done", turn.lang, id=o.id, what=_update_words(t, turn.lang, news, tz),
                     location=reports.loc_name(uow, o.location)))


def _store_side(uow: UnitOfWork, o: orders.Order) -> list[tuple[str, str]]:
    """Who hears what a supplier says of an order: the store's managers and whoever placed it, with their languages."""
    users = {u.username: u for u in uow.catalog.users()}
    names = dict.fromkeys([*(x.username for x in managers_of(uow, o.location)), *([o.created_by] if o.created_by else [])])
    return [(u, users[u].language if u in users else "zh_CN") for u in names]


def _update_words(t: Any, lang: str, cmd: commands.SupplierUpdate, tz: Any) -> str:
    words = [str(t("supplier_update.shipped", lang))] if cmd.shipped else []
    if cmd.eta is not None:   # (明天送: the day alone)
        eta = cmd.eta.astimezone(tz)
        words.append(str(t("supplier_update.eta", lang, when=f"{eta:%m-%d}" if eta.time() == time(0) else f"{eta:%m-%d %H:%M}")))
    if not words and cmd.ack:
        words.append(str(t("supplier_update.ack", lang)))
    return str(t("list_joiner", lang)).join(words)


def credit(uow: UnitOfWork, partner: str, now: datetime) -> tuple[Decimal, list[orders.Order], Decimal | None]:
    """What counts against a customer's credit limit now (its last 30 days' sales and open orders), those orders, and
    the limit (None: none set)."""
    open_sales = _open_sales(uow, partner)
    limit = _credit_limit(uow, partner)
    return _exposure(uow, partner, now, open_sales), open_sales, limit[1] if limit else None


def _credit_limit(uow: UnitOfWork, code: str | None) -> tuple[catalog.Partner, Decimal] | None:
    partner = next((p for p in uow.catalog.partners() if p.code == code), None) if code else None
    if partner is None or partner.credit_limit is None:
        return None
    return partner, partner.credit_limit


def _priced(uow: UnitOfWork, lines: tuple[commands.Line, ...], partner: str | None = None
            ) -> tuple[orders.OrderLine, ...]:
    """Order lines at the price said, else the customer's agreed price, else the product's selling price."""
    return tuple(orders.OrderLine(sku=ln.sku, qty=ln.qty, unit_price=price)
                 for ln, price in zip(lines, inventory.list_prices(uow, partner, lines), strict=True))


def _on_order(open_sales: list[orders.Order], lines: tuple[orders.OrderLine, ...]) -> Decimal:
    """The value of these lines that the customer's open orders already hold (a sale that collects an order)."""
    open_qty: dict[str, Decimal] = {}
    price: dict[str, Decimal] = {}
    for o in open_sales:
        if o.status != orders.Status.PENDING_APPROVAL:   # a held sale is not an order it can collect
            for ln in o.lines:
                open_qty[ln.sku] = open_qty.get(ln.sku, Decimal(0)) + ln.open_qty
                price.setdefault(ln.sku, ln.unit_price or Decimal(0))
    return sum((min(ln.qty, open_qty.get(ln.sku, Decimal(0))) * price.get(ln.sku, Decimal(0)) for ln in lines),
               Decimal(0))


def overdue(uow: UnitOfWork, code: str | None, now: datetime) -> tuple[catalog.Partner, Decimal, int] | None:
    """A customer past the terms agreed (``dues.late``); None for a supplier, or when nothing is overdue."""
    p = partner_of(uow, code)
    if p is None or p.kind != catalog.PartnerKind.CUSTOMER:
        return None
    return dues.late(uow, code, today=now.date(), tz=now.tzinfo)


def _late_words(t: Any, lang: str, late: tuple[catalog.Partner, Decimal, int]) -> dict[str, str]:
    p, amount, days = late
    return {"partner": p.name, "late": reports.money(amount), "days": str(days),
            "terms": dues.terms_words(t, lang, p.payment_terms)}


def _credit(uow: UnitOfWork, cmd: commands.RecordMoves, now: datetime) -> tuple[Any, ...] | None:
    """A sale on account that a manager must review (beyond the customer's credit limit, or with deliveries past the
    terms agreed): (limit, late, lines, amount, exposure, paid, over); None: it needs none."""
    if cmd.movement != commands.Movement.SALE or not cmd.partner:
        return None
    limit = _credit_limit(uow, cmd.partner)
    late = overdue(uow, cmd.partner, now)
    if limit is None and late is None:
        return None
    lines = _priced(uow, cmd.lines, cmd.partner)
    amount = sum(((ln.unit_price or Decimal(0)) * ln.qty for ln in lines), Decimal(0))
    open_sales = _open_sales(uow, cmd.partner)
    exposure = _exposure(uow, cmd.partner, now, open_sales)
    # (what it collects was counted when ordered)
    # (团餐拿了牛腩200斤,先付了1000: the part paid takes no credit)
    paid = min(cmd.paid_amount, amount) if cmd.paid and cmd.paid_amount is not None else Decimal(0)
    over = limit is not None and exposure + amount - paid - _on_order(open_sales, lines) > limit[1]
    if not over and late is None:
        return None
    return limit, late, lines, amount, exposure, paid, over


def needs_credit_review(uow: UnitOfWork, cmd: commands.RecordMoves, now: datetime) -> bool:
    """Whether a manager must review this sale on account before it is recorded (``credit_hold`` would hold it)."""
    return _credit(uow, cmd, now) is not None


def credit_hold(uow: UnitOfWork, turn: Turn, cmd: commands.RecordMoves, *, t: Any) -> bool:
    """Hold a sale on account to a customer beyond its credit limit, or with deliveries past the terms agreed (逾期),
    for a manager's review. True if held."""
    state = _credit(uow, cmd, turn.now)
    if state is None:
        return False
    limit, late, lines, amount, exposure, paid, over = state

    def review(lang: str, oid: int, desc: str) -> str:
        said = str(t("credit_review_paid", lang, paid=reports.money(paid), owed=reports.money(amount - paid))) \
            if paid else ""
        return str(t("credit_review", lang, who=turn.user.display_name, order=desc, id=oid,
                     amount=reports.money(amount) + said, exposure=reports.money(exposure),
                     limit=reports.money(limit[1])) if over and limit is not None
                   else t("overdue_review", lang, who=turn.user.display_name, order=desc, id=oid,
                          amount=reports.money(amount) + said, **_late_words(t, lang, late) if late else {}))
    oid = _hold(uow, turn, cmd, lines, note="credit_hold", review=review, t=t)
    if over and limit is not None:
        turn.reply(t("credit_held", turn.lang, id=oid, partner=limit[0].name, limit=reports.money(limit[1])))
    elif late is not None:
        turn.reply(t("overdue_held", turn.lang, id=oid, **_late_words(t, turn.lang, late)))
    return True


def _hold(uow: UnitOfWork, turn: Turn, cmd: commands.RecordMoves, lines: tuple[orders.OrderLine, ...], *, note: str,
          review: Callable[[str, int, str], str], t: Any) -> int:
    """A sale held for a manager's review (``note`` says why): kept as a sales order awaiting approval with the
    command to record once approved; the place's managers get ``review`` (language, id, the order) and the buttons."""
    location = cmd.location or turn.user.location
    held = orders.Order(kind=orders.OrderKind.SALE, status=orders.Status.PENDING_APPROVAL, created_at=turn.now,
                        lines=lines, location=location, partner=cmd.partner, created_by=turn.user.username,
                        note=note, meta={"cmd": codec.dump(cmd)})
    oid: int = uow.orders.add(held)
    desc = describe(uow, held)
    _review(uow, turn, location, oid, lambda lang: review(lang, oid, desc), t=t)
    return oid


def _review(uow: UnitOfWork, turn: Turn, location: str | None, oid: int, text: Callable[[str], Any], *, t: Any) -> None:
    """Order ``oid`` put to the place's managers, each in their language, with 批准 and 驳回."""
    for m in managers_of(uow, location):
        turn.push(m.username, text(m.language), [[_button(t("btn.approve", m.language), f"ap:{oid}"),
                                                  _button(t("btn.reject", m.language), f"rj:{oid}")]])


DISCOUNT_LIMIT = "discount_limit"


def discount_limit(uow: UnitOfWork) -> Decimal | None:
    """The most a sale may give away (0.1: a tenth of its list value) without a manager (店员最多优惠10%)."""
    v = (uow.catalog.tenant_row().settings or {}).get(DISCOUNT_LIMIT)
    return Decimal(str(v)) if v is not None else None


def beyond_limit(uow: UnitOfWork, user: catalog.User, cmd: commands.RecordMoves) -> tuple[Decimal, Decimal] | None:
    """(the share a settled sale gives away, the limit) when it is more than someone who may not approve can give;
    None: within it, no limit, or said by a manager."""
    adj = cmd.adjust
    if cmd.movement != commands.Movement.SALE or adj is None or adj.listed is None or adj.taken is None \
            or adj.kind in (commands.AdjustKind.PROMO, commands.AdjustKind.ORDER):
        return None   # (a promotion a manager set, or what its order gave when placed: no one's to approve again)
    return _beyond(uow, user, adj.listed, adj.taken)


def _beyond(uow: UnitOfWork, user: catalog.User, listed: Decimal, taken: Decimal) -> tuple[Decimal, Decimal] | None:
    """(the share of ``listed`` given away, the limit) when ``user`` may not give that much; None otherwise."""
    if user.can("approve") or listed <= taken:
        return None   # (most sales: no settings read)
    limit = discount_limit(uow)
    share = pricing.share_off(listed, taken)
    return (share, limit) if limit is not None and share > limit else None


def _discount_words(listed: Decimal, taken: Decimal, share: Decimal, limit: Decimal) -> dict[str, str]:
    return {"listed": reports.money(listed), "taken": reports.money(taken), "pct": f"{share * 100:.1f}",
            "limit": wording.share(limit)}


def discount_hold(uow: UnitOfWork, turn: Turn, cmd: commands.RecordMoves, *, t: Any) -> bool:
    """Hold a settled sale that gives away more than the discount limit, said by someone who may not approve, for a
    manager's review (recorded on approval as it was said). True if held."""
    beyond = beyond_limit(uow, turn.user, cmd)
    adj = cmd.adjust
    if beyond is None or adj is None or adj.listed is None or adj.taken is None:
        return False
    words = _discount_words(adj.listed, adj.taken, *beyond)
    oid = _hold(uow, turn, cmd, _priced(uow, cmd.lines, cmd.partner), note="discount_hold",
                review=lambda lang, oid, desc: str(t("discount_review", lang, who=turn.user.display_name, order=desc,
                                                     id=oid, **words)), t=t)
    turn.reply(t("discount_held", turn.lang, id=oid, **words))
    return True


def take_order(uow: UnitOfWork, turn: Turn, cmd: commands.PlaceSale, *, t: Any) -> int:
    """A customer's order (盒马订可颂50个,明天提货): a sales order due on its day (today when none was said), its lines
    booked against the stock until they leave, so the prep list, the forecasts and the rules count them. Beyond the
    customer's credit limit it waits for a manager, booked all the same (a rejection frees the stock)."""
    location = cmd.location or turn.user.location
    if not location:
        raise errors.BadInput(code="no_location")
    lines = _priced(uow, cmd.lines, cmd.partner)
    settled = None
    promo = None
    deal = cmd.adjust is not None and cmd.adjust.kind == commands.AdjustKind.PROMO   # (…,买二送一: said)
    if cmd.adjust is not None and not deal:   # …,优惠200: each line at its share of what the customer is to pay
        settled = inventory.settle_lines(uow, [(ln.sku, ln.qty, ln.unit_price) for ln in lines], cmd.adjust)
        lines = tuple(replace(ln, unit_price=price) for ln, price in zip(lines, settled.prices, strict=True))
    elif not any(ln.unit_price is not None for ln in cmd.lines):   # (手机壳买二送一 running: charged by it when placed)
        charged = inventory.promoted(uow, commands.RecordMoves(commands.Movement.SALE, cmd.lines, location=location,
                                                               partner=cmd.partner), user=turn.user, now=turn.now)
        if charged.adjust is not None and charged.adjust.kind == commands.AdjustKind.PROMO:
            promo = charged.adjust
            lines = _priced(uow, charged.lines, cmd.partner)
    if deal and promo is None:   # (the deal said, none running: never the list price silently)
        raise errors.BadInput(code="promo_none_running", said=cmd.adjust.said if cmd.adjust is not None else "")
    due = cmd.due or turn.now
    draft = orders.Order(kind=orders.OrderKind.SALE, status=orders.Status.OPEN, lines=lines, created_at=turn.now,
                         location=location, partner=cmd.partner, due=due, created_by=turn.user.username,
                         note="customer_order")
    amount = draft.amount
    limit = _credit_limit(uow, cmd.partner)
    exposure = _exposure(uow, cmd.partner, turn.now, _open_sales(uow, cmd.partner)) if limit is not None else Decimal(0)
    over = limit is not None and exposure + amount > limit[1]
    late = None if over else overdue(uow, cmd.partner, turn.now)   # (past the terms agreed: looked at as well)
    # (a clerk's order giving away more than the limit: a manager looks at it first, as at the till)
    beyond = _beyond(uow, turn.user, settled.listed, settled.taken) if settled is not None else None
    held = over or late is not None or beyond is not None
    if held:
        draft = replace(draft, status=orders.Status.PENDING_APPROVAL)
    oid: int = uow.orders.add(draft)
    _book(uow, turn, replace(draft, id=oid))
    turn.events.append(events.OrderChanged(order_id=oid, kind=draft.kind.value, status=draft.status.value, at=turn.now))
    desc = describe(uow, draft)
    if late is not None:
        _review(uow, turn, location, oid, lambda lang: t(
            "order_overdue_review", lang, who=turn.user.display_name, order=desc, id=oid,
            amount=reports.money(amount), **_late_words(t, lang, late)), t=t)
        turn.reply(t("sale_order_held_overdue", turn.lang, id=oid, order=desc, **_late_words(t, turn.lang, late))
                   + reports.closed_note(uow, t, turn.lang, location=location, when=due, tz=turn.now.tzinfo))
    elif held and not over and settled is not None and beyond is not None:
        words = _discount_words(settled.listed, settled.taken, *beyond)
        _review(uow, turn, location, oid, lambda lang: t(
            "discount_review", lang, who=turn.user.display_name, order=desc, id=oid, **words), t=t)
        turn.reply(t("sale_order_held_discount", turn.lang, id=oid, order=desc, **words))
    elif held and limit is not None:
        _review(uow, turn, location, oid, lambda lang: t(
            "order_credit_review", lang, who=turn.user.display_name, order=desc, id=oid, amount=reports.money(amount),
            exposure=reports.money(exposure), limit=reports.money(limit[1])), t=t)
        turn.reply(t("sale_order_held", turn.lang, id=oid, order=desc, partner=limit[0].name,
                     limit=reports.money(limit[1]))
                   + reports.closed_note(uow, t, turn.lang, location=location, when=due, tz=turn.now.tzinfo))
    else:
        turn.reply(t("sale_order_created", turn.lang, id=oid, order=desc, partner=partner_name(uow, cmd.partner),
                     place=reports.loc_name(uow, location))
                   + (str(t("order.adjusted", turn.lang, listed=reports.money(settled.listed),
                            off=reports.money(settled.off), taken=reports.money(settled.taken)))
                      if settled is not None and settled.off != 0 else "")
                   + (str(t("order.promo", turn.lang, listed=reports.money(promo.listed or Decimal(0)),
                            off=reports.money((promo.listed or Decimal(0)) - (promo.taken or Decimal(0))),
                            taken=reports.money(promo.taken or Decimal(0)), said=promo.said))
                      if promo is not None else "")
                   + short_of_stock(uow, t, turn.lang, location=location, lines=lines, now=turn.now, due=due)
                   + reports.closed_note(uow, t, turn.lang, location=location, when=due, tz=turn.now.tzinfo))
    if cmd.deposit:   # …,付了定金500: the customer's payment, on its account, noted with the order
        pid = uow.payments.add(partner=cmd.partner, amount=cmd.deposit, at=turn.now, actor=turn.user.username,
                               message_id=turn.message_id, note=f"{DEPOSIT}{oid}")
        uow.chat.audit(at=turn.now, actor=turn.user.username, action="payment",
                       detail={"payment": pid, "partner": cmd.partner, "amount": str(cmd.deposit),
                               "order": oid, "deposit": True})
        turn.reply(t("deposit.done", turn.lang, amount=reports.money(cmd.deposit), id=oid)
                   + "\n" + account_line(uow, t, turn.lang, cmd.partner, now=turn.now))
    return oid


DEPOSIT = "deposit:"   # a payment's note: the deposit paid with that customer order


def short_of_stock(uow: UnitOfWork, t: Any, lang: str, *, location: str, lines: tuple[orders.OrderLine, ...], now: datetime,
           due: datetime) -> str:
    """A line per product whose stock on hand does not cover what is booked from now to the end of the order's day
    (this order included): what is missing, to buy or transfer in time. A dish made from a recipe: each of its
    ingredients, for what of it is not on hand (团餐订红烧牛腩30份: the beef and potatoes, never 30 dishes to buy)."""
    products = {p.sku: p for p in uow.catalog.products()}
    recipes = uow.recipes.all_current()
    end = max(due, now).astimezone(now.tzinfo).replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1)
    wanted: dict[str, Decimal] = {}   # each product's own bookings, and its part of the dishes booked here

    def booked_of(sku: str) -> Decimal:
        return Decimal(uow.chat.booked(location=location, sku=sku, start=now, end=end))

    for sku in dict.fromkeys(ln.sku for ln in lines):
        recipe = recipes.get(sku)
        if recipe is None:
            if sku not in wanted:   # (already there: with its own bookings, from a dish before it)
                wanted[sku] = booked_of(sku)
            continue
        for part, need in recipe.needs(max(booked_of(sku) - uow.stock.on_hand(location, sku), Decimal(0))):
            if part not in wanted:
                wanted[part] = booked_of(part)
            wanted[part] += need
    out = ""
    for sku, booked in wanted.items():
        on_hand = uow.stock.on_hand(location, sku)
        if booked > on_hand and sku in products:
            p = products[sku]
            out += "\n" + t("sale_order_short", lang, place=reports.loc_name(uow, location), product=p.name, on_hand=reports.qty(p, on_hand),
                            booked=reports.qty(p, booked), date=f"{end - timedelta(days=1):%m-%d}",
                            missing=reports.qty(p, booked - on_hand))
    return out


CANCELLABLE = ("pending_approval", "open", "partial")
KINDS = {"purchase": ["purchase", "purchase_request"], "sale": ["sale"], "transfer": ["transfer"]}


partner_of = dues.partner   # the catalog's partner of that code (None: none)
partner_name = dues.partner_name


def _book(uow: UnitOfWork, turn: Turn, o: orders.Order) -> None:
    """A customer's order books what each line still has to collect, on its day at its store."""
    if o.id is None or o.due is None or o.location is None:
        return
    partner = partner_name(uow, o.partner)
    for ln in o.lines:
        if ln.open_qty > 0:
            uow.chat.add_booking(location=o.location, sku=ln.sku, qty=ln.open_qty, at=o.due, by=turn.user.username,
                                 order_id=o.id, note=f"#{o.id} {partner}")
            turn.events.append(events.Booked(location=o.location, sku=ln.sku, at=turn.now))


def _open_order(uow: UnitOfWork, turn: Turn, t: Any, *, order_id: int | None, partner: str | None, kinds: list[str],
                verb: str, sku: str | None = None, latest: bool = False) -> orders.Order | None:
    """The open order a cancel or a change (``verb``) is about: by number, else the partner's (or the user's store's)
    only open one (with ``sku``; ``latest``: the last one the user placed); several or none are listed in a reply
    (None). Only whoever placed it, or a manager of a store it concerns (the owner: all), may touch it."""
    user = turn.user
    o: orders.Order | None
    if order_id is not None:
        o = uow.orders.get(order_id, lock=True)
        if o is None or o.kind.value not in kinds:
            raise errors.NotFound(code="order_not_found", id=order_id)
    else:
        mine = [o for o in uow.orders.list(kinds=kinds, statuses=CANCELLABLE)
                if (partner is None or o.partner == partner) and (sku is None or any(ln.sku == sku for ln in o.lines))
                and (user.location is None or user.location in (o.location, o.source) or o.created_by == user.username)]
        if latest:   # 取消刚才的订单: the last one the user placed (取消上次向张记订的货: else the partner's last)
            own = [o for o in mine if o.created_by == user.username]
            mine = sorted(own or (mine if partner else []), key=lambda o: o.id or 0)[-1:]
        if len(mine) != 1:
            turn.reply(t(f"{verb}.none" if not mine else f"{verb}.which", turn.lang,
                         orders="、".join(f"#{o.id} {describe(uow, o)}" for o in mine[:10])))
            return None
        o = uow.orders.get(mine[0].id or 0, lock=True) or mine[0]
    assert o is not None
    if o.status.value not in CANCELLABLE:
        raise errors.InvalidState(code={"cancel": "order_not_cancellable"}.get(verb, f"order_not_{verb}able"), id=o.id, status=t(f"order_status.{o.status.value}",
                                                                                 turn.lang))
    if o.created_by != user.username and not (user.can("approve") and (user.location is None
                                                                        or user.location in (o.location, o.source))):
        raise errors.NotAllowed(code=f"{verb}_not_allowed", id=o.id)
    return o


def cancel(uow: UnitOfWork, turn: Turn, cmd: commands.CancelOrder, *, t: Any) -> int | None:
    """取消订单#3 · 盒马的订单取消了: an order still open (awaiting approval, to deliver or collect, partly done) is
    cancelled by whoever placed it or a manager; what a customer's order still had booked is freed (what was collected
    stays), a purchase order no longer counts as on order; whoever placed it hears of it. Without a number, the
    partner's (or the store's) only open order; several: their numbers are listed to choose from."""
    user = turn.user
    o = _open_order(uow, turn, t, order_id=cmd.order_id, partner=cmd.partner,
                    kinds=KINDS.get(cmd.kind or "", [k for ks in KINDS.values() for k in ks]), verb="cancel",
                    latest=cmd.latest)
    if o is None or o.id is None:
        return None
    uow.orders.save(orders.cancelled(o, by=user.username))
    if o.kind == orders.OrderKind.SALE and o.due is not None:
        uow.chat.drop_bookings(o.id, at=o.due)   # what is still due; bookings of collected goods stay
    turn.events.append(events.OrderChanged(order_id=o.id, kind=o.kind.value, status="cancelled", at=turn.now))
    desc = describe(uow, o)
    turn.reply(t("cancel.done", turn.lang, kind=t(f"orders.kind.{o.kind.value}", turn.lang), id=o.id, order=desc)
               + deposit_kept(uow, t, turn.lang, o))
    creator = uow.catalog.user(o.created_by) if o.created_by else None
    if creator is not None and creator.username != user.username:
        turn.push(creator.username, t("cancel.notice", creator.language, kind=t(f"orders.kind.{o.kind.value}",
                                                                                creator.language),
                                      id=o.id, order=desc, who=user.display_name))
    return o.id


def deposit_kept(uow: UnitOfWork, t: Any, lang: str, o: orders.Order) -> str:
    """The line that says a customer order's deposit stays on the account now that the order will not ship (cancelled,
    or rejected by a manager), and how to give it back; "" when none was paid with it."""
    paid = sum((p.amount for p in uow.payments.with_note(f"{DEPOSIT}{o.id}")), Decimal(0))
    if paid <= 0 or not o.partner:
        return ""
    return "\n" + str(t("deposit.kept", lang, amount=reports.money(paid), partner=partner_name(uow, o.partner)))


def reopen(uow: UnitOfWork, turn: Turn, order_id: int) -> orders.Order:
    """撤销 right after 取消订单#3 (or 取消工单1 not started): the order back as it was, a customer's booking what it
    still has to collect again (audited); whoever may cancel it may. One a linked company heard cancelled is not
    taken back (it cancelled its own): it is ordered anew."""
    o = uow.orders.get(order_id, lock=True)
    if o is None or o.id is None:
        raise errors.NotFound(code="order_not_found", id=order_id)
    if o.created_by != turn.user.username and not turn.user.can("approve"):
        raise errors.NotAllowed(code="cancel_not_allowed", id=o.id)
    link = uow.network.link(o.partner) if o.partner else None
    if link is not None and link.status == "active" and link.peer and uow.network.last_sent(
            link.peer, f"{'so' if o.kind == orders.OrderKind.SALE else 'po'}:{o.id}") is not None:
        raise errors.InvalidState(code="reopen_linked", id=o.id, partner=partner_name(uow, o.partner))
    back = production.reopened(o) if production.is_work_order(o) else orders.reopened(o)
    uow.orders.save(back)
    if back.kind == orders.OrderKind.SALE:
        _book(uow, turn, back)
    turn.events.append(events.OrderChanged(order_id=o.id, kind=o.kind.value, status=back.status.value, at=turn.now))
    uow.chat.audit(at=turn.now, actor=turn.user.username, action="order_reopened",
                   detail={"order": o.id, "status": back.status.value})
    return back


def amend(uow: UnitOfWork, turn: Turn, cmd: commands.AmendOrder, *, t: Any) -> int | None:
    """盒马订的可颂改成60个: an open order's line gets its new total; who may cancel the order may change it, never
    below what has come or gone already. 再加1箱牛腱 adds to it (a new line at the catalog's price, or more of one);
    改成明天到 moves its day. A customer's order books what it still has to collect on its (new) day."""
    user = turn.user
    o = _open_order(uow, turn, t, order_id=cmd.order_id, partner=cmd.partner, kinds=KINDS["purchase"] + KINDS["sale"],
                    verb="amend", sku=cmd.sku)
    if o is None or o.id is None:
        return None
    if cmd.sku is None and cmd.amount is not None:   # 光明的订单改成8箱: of its only product, in the unit said
        if len({ln.sku for ln in o.lines}) != 1:
            raise errors.BadInput(code="amend_which_product", id=o.id)
        p = uow.catalog.product(o.lines[0].sku)
        assert p is not None
        if cmd.amount_unit and not p.accepts(cmd.amount_unit):
            raise errors.UnitMismatch(unit=cmd.amount_unit, base_unit=p.base_unit)
        cmd = replace(cmd, sku=p.sku, qty=p.to_base(cmd.amount, cmd.amount_unit) if cmd.amount_unit else cmd.amount)
    changed = o
    if cmd.sku is not None and cmd.qty is not None:
        line = next((ln for ln in o.lines if ln.sku == cmd.sku), None)
        if line is None:
            raise errors.NotFound(code="order_line_not_found", id=o.id)
        if cmd.qty <= line.received:
            raise errors.BadInput(code="amend_below_received", id=o.id, received=str(line.received))
        changed = replace(o, lines=tuple(replace(ln, qty=cmd.qty) if ln.sku == cmd.sku else ln for ln in o.lines))
    if cmd.more:
        changed = replace(changed, lines=_added(uow, changed, cmd.more))
    if cmd.due is not None:
        changed = replace(changed, due=cmd.due)
    if cmd.shift_days:   # 推迟一天: from its day (from today when it had none)
        base = o.due if o.due is not None else turn.now.replace(hour=0, minute=0, second=0, microsecond=0)
        moved = base + timedelta(days=cmd.shift_days)
        if moved.astimezone(turn.now.tzinfo).date() < turn.now.date():
            raise errors.BadInput(code="due_before_today", id=o.id)
        changed = replace(changed, due=moved)
    if changed == o:   # 光明的单改到周四 when it is due on Thursday already: nothing to save, audit or tell
        turn.reply(t("amend.same", turn.lang, kind=t(f"orders.kind.{o.kind.value}", turn.lang), id=o.id,
                     order=describe(uow, o)))
        return o.id
    review = _review_again(uow, turn, o, changed)
    if review:
        changed = changed.to(orders.Status.PENDING_APPROVAL)
    before = describe(uow, o)
    uow.orders.save(changed)
    if o.kind == orders.OrderKind.SALE:
        uow.chat.drop_bookings(o.id, at=o.due)   # what it still books: each line's open quantity, on its day
        _book(uow, turn, changed)
    turn.events.append(events.OrderChanged(order_id=o.id, kind=o.kind.value, status=o.status.value, at=turn.now))
    uow.chat.audit(at=turn.now, actor=user.username, action="order_amended",
                   detail={"order": o.id, "before": before, "after": describe(uow, changed)})
    after = describe(uow, changed)
    kind = t(f"orders.kind.{o.kind.value}", turn.lang)
    short = short_of_stock(uow, t, turn.lang, location=o.location, lines=changed.lines, now=turn.now, due=changed.due) \
        if o.kind == orders.OrderKind.SALE and o.location and changed.due else ""
    turn.reply(t("amend.done", turn.lang, kind=kind, id=o.id, before=before, after=after)
               + ("\n" + t(f"amend.{review}", turn.lang, id=o.id) if review else "") + short)
    if review:   # to the managers as a new order over the limit (or past the terms) would go
        key = {"approval": "approval_request", "credit": "order_credit_review",
               "budget": "approval_request_budget"}.get(review, "order_overdue_review")
        limit = _credit_limit(uow, o.partner) if review == "credit" else None
        exposure = _exposure(uow, o.partner or "", turn.now, _open_sales(uow, o.partner or "")) if limit else Decimal(0)
        late = overdue(uow, o.partner, turn.now) if review == "overdue" and o.partner else None
        for m in managers_of(uow, o.location):
            turn.push(m.username, t(key, m.language, who=user.display_name, order=after, id=o.id,
                                    amount=_amount(changed, t, m.language), exposure=reports.money(exposure),
                                    limit=reports.money(limit[1]) if limit else "",
                                    **(_late_words(t, m.language, late) if late is not None else {})),
                      [[_button(t("btn.approve", m.language), f"ap:{o.id}"),
                        _button(t("btn.reject", m.language), f"rj:{o.id}")]])
    creator = uow.catalog.user(o.created_by) if o.created_by else None
    if creator is not None and creator.username != user.username:
        turn.push(creator.username, t("amend.notice", creator.language, kind=t(f"orders.kind.{o.kind.value}",
                                                                              creator.language),
                                      id=o.id, after=after, who=user.display_name))
    if o.kind == orders.OrderKind.PURCHASE and o.status != orders.Status.PENDING_APPROVAL and not review and o.partner:
        for u in uow.catalog.users():   # the supplier sees what it is to deliver now (never a price)
            if u.partner == o.partner and u.username != user.username:
                turn.push(u.username, t("amend.supplier", u.language, id=o.id, after=after))
    return o.id


def _review_again(uow: UnitOfWork, turn: Turn, o: orders.Order, changed: orders.Order) -> str:
    """Whether an open order, changed to be worth more, must be looked at again as if placed so: "approval" (a
    purchase now over the approval limit, not by the owner), "budget" (a purchaser's purchase now past a purchase
    budget), "credit" (a customer's order now past its credit limit), "" (neither: it stays as it was). Adding to a small order never slips past a check the whole would meet."""
    if o.status != orders.Status.OPEN or changed.amount <= o.amount:
        return ""
    if o.kind == orders.OrderKind.PURCHASE:
        limit = uow.catalog.settings().approval_limit
        over = orders.needs_approval(changed, limit=limit) and not orders.needs_approval(o, limit=limit)
        if over and turn.user.role != catalog.Role.ADMIN:
            return "approval"
        # (now past a purchase budget it was within: a purchaser's change waits for a manager, as a new order would)
        return "budget" if not turn.user.can("approve") and budgets.over(uow, changed, now=turn.now) \
            and not budgets.over(uow, o, now=turn.now) else ""
    credit = _credit_limit(uow, o.partner) if o.kind == orders.OrderKind.SALE else None
    if credit is not None:
        exposure = _exposure(uow, o.partner or "", turn.now, _open_sales(uow, o.partner or ""))   # (as it was)
        if exposure - o.amount + changed.amount > credit[1]:
            return "credit"
    # (a customer past its terms: more on account waits for a manager, as a new order would)
    late = overdue(uow, o.partner, turn.now) if o.kind == orders.OrderKind.SALE and o.partner else None
    return "overdue" if late is not None else ""


def _added(uow: UnitOfWork, o: orders.Order, more: tuple[commands.Line, ...]) -> tuple[orders.OrderLine, ...]:
    """The order's lines with ``more`` added: more of a product it holds, else a new line at the price said, else the
    catalog's (cost for a purchase, price for a sale)."""
    lines = list(o.lines)
    for ln in more:
        i = next((i for i, x in enumerate(lines) if x.sku == ln.sku), None)
        if i is not None:
            lines[i] = replace(lines[i], qty=lines[i].qty + ln.qty)
            continue
        p = uow.catalog.product(ln.sku)
        price = ln.unit_price if ln.unit_price is not None else (
            None if p is None else p.unit_cost if o.kind == orders.OrderKind.PURCHASE else p.unit_price)
        lines.append(orders.OrderLine(sku=ln.sku, qty=ln.qty, unit_price=price))
    return tuple(lines)


def decide(uow: UnitOfWork, turn: Turn, *, order_id: int, approve: bool, t: Any,
           release: Callable[[commands.Command, catalog.User], None], reason: str = "") -> None:
    """A manager's decision on an order awaiting approval; ``reason`` (驳回#3,太贵了 · 同意,明天送): why, or a note to
    an approval, kept on the order and told to whoever asked."""
    o: orders.Order | None = uow.orders.get(order_id, lock=True)
    if o is None:
        raise errors.NotFound(code="order_not_found", id=order_id)
    if o.status != orders.Status.PENDING_APPROVAL:
        raise errors.InvalidState(code="already_decided", id=order_id)
    new = o.to(orders.Status.OPEN if approve else orders.Status.REJECTED, by=turn.user.username)
    if reason:
        new = replace(new, meta={**new.meta, "reason": reason})
    requester = uow.catalog.user(o.created_by) if o.created_by else None
    if approve and o.kind == orders.OrderKind.SALE and o.meta.get("cmd") and requester is not None:
        release(codec.load(o.meta["cmd"]), requester)
        new = new.to(orders.Status.DONE)
    uow.orders.save(new)
    if approve and new.status == orders.Status.OPEN:   # (a purchase now ours to send: its supplier hears of it)
        tell_supplier(uow, turn, new, t=t)
    if not approve and o.kind == orders.OrderKind.SALE:
        uow.chat.drop_bookings(order_id)   # a customer order that will not ship holds no stock
    if not approve:
        takeover.outcome(uow, turn.push, t, order=o, rejected=True, now=turn.now)
    turn.events.append(events.OrderChanged(order_id=order_id, kind=o.kind.value, status=new.status.value, at=turn.now))
    key = "approved" if approve else "rejected"
    def kept(lang: str) -> str:   # (a rejected customer order's deposit: said to stay, to both)
        return deposit_kept(uow, t, lang, o) if not approve and o.kind == orders.OrderKind.SALE else ""
    def why(lang: str) -> str:
        return str(t("decision.reason" if not approve else "decision.note", lang, reason=reason)) if reason else ""
    turn.reply(t(f"decision.{key}", turn.lang, id=order_id, order=describe(uow, o)) + why(turn.lang) + kept(turn.lang))
    if requester is not None and requester.username != turn.user.username:
        turn.push(requester.username, t(f"decision_notice.{key}", requester.language, id=order_id,
                                        order=describe(uow, o), who=turn.user.display_name) + why(requester.language)
                  + kept(requester.language))


def request_transfer(uow: UnitOfWork, turn: Turn, cmd: commands.TransferStock, *, t: Any) -> int:
    """The pull form (从A调…过来): a transfer order the source location must confirm."""
    source = cmd.source
    dest = cmd.dest or turn.user.location
    if not source or not dest:
        raise errors.BadInput(code="no_location")
    o = orders.Order(kind=orders.OrderKind.TRANSFER, status=orders.Status.PENDING_APPROVAL, created_at=turn.now,
                     lines=tuple(orders.OrderLine(sku=ln.sku, qty=ln.qty) for ln in cmd.lines),
                     location=dest, source=source, created_by=turn.user.username)
    oid: int = uow.orders.add(o)
    desc = describe(uow, o)
    for m in managers_of(uow, source):
        turn.push(m.username, t("transfer_request", m.language, who=turn.user.display_name, order=desc, id=oid),
                  [[_button(t("btn.confirm_transfer", m.language), f"tr:{oid}"),
                    _button(t("btn.reject", m.language), f"rj:{oid}")]])
    turn.reply(t("transfer_requested", turn.lang, id=oid, order=desc))
    return oid


def invite(uow: UnitOfWork, turn: Turn, cmd: commands.Invite) -> str:
    """An invitation code a new user redeems in Telegram (/start CODE) or WeCom."""
    if cmd.role not in {r.value for r in catalog.Role} or cmd.role == catalog.Role.ADMIN.value:
        raise errors.BadInput(code="bad_role", role=cmd.role)
    code = secrets.token_hex(4).upper()
    uow.chat.add_invite(code=code, display_name=cmd.name, role=cmd.role, location=turn.user.location,
                        by=turn.user.username, at=turn.now, expires=turn.now + timedelta(days=7))
    return code


def _ask_location(uow: UnitOfWork, turn: Turn, t: Any, *, location: str | None, text_key: str, button_key: str,
                  data: str, **params: Any) -> None:
    """Push a one-button message to the people of a location (its managers if nobody works there)."""
    people = [u for u in uow.catalog.users() if u.location == location and u.role != catalog.Role.SUPPLIER]
    for m in people or managers_of(uow, location):
        turn.push(m.username, t(text_key, m.language, **params), [[_button(t(button_key, m.language), data)]])


def chase(uow: UnitOfWork, turn: Turn, order_id: int, *, t: Any) -> None:
    """A late purchase order chased (the late alert's button): the supplier's own people hear which order we wait
    for, what of it is still to come and since when (never a price), and how to answer; kept in the audit trail."""
    o: orders.Order | None = uow.orders.get(order_id)
    if o is None or o.kind not in (orders.OrderKind.PURCHASE, orders.OrderKind.PURCHASE_REQUEST) or not o.partner:
        raise errors.NotFound(code="order_not_found", id=order_id)
    if not turn.user.can("approve") and turn.user.username != o.created_by and turn.user.location != o.location:
        raise errors.NotAllowed(code="not_allowed", role=turn.user.role.value)
    name = next((p.name for p in uow.catalog.partners() if p.code == o.partner), o.partner)
    if o.status not in (orders.Status.OPEN, orders.Status.PARTIAL, orders.Status.SHIPPED):
        turn.reply(t("late_po.settled", turn.lang, id=o.id, partner=name))
        return
    people = supplier_people(uow, o.partner)
    if not people:
        raise errors.NotFound(code="button_gone")
    items = wording.goods({p.sku: p for p in uow.catalog.products()},
                          ((ln.sku, ln.open_qty) for ln in o.lines if ln.open_qty > 0))
    company, tz = _our_name(uow, o)
    for u in people:
        turn.push(u.username, t("late_po.chase", u.language, id=o.id, company=company, items=items,
                                place=reports.loc_name(uow, o.location),
                                due=reports.late_words(o.due.astimezone(tz)) if o.due else "—"))
    uow.chat.audit(at=turn.now, actor=turn.user.username, action="chased", detail={
        "order": o.id, "partner": o.partner, "to": [u.username for u in people], "at": turn.now.isoformat()})
    turn.reply(t("late_po.chased", turn.lang, id=o.id, partner=name))


def workflow_button(uow: UnitOfWork, turn: Turn, action: str, arg: str, *, t: Any) -> None:
    """Buttons on workflow messages: snz (snooze an alert), tr (ship a transfer), rv (receive it), chase (a late
    purchase order's supplier)."""
    if action == "snz":
        hours = 4
        if not uow.rules.snooze(int(arg), until=turn.now + timedelta(hours=hours)):
            raise errors.NotFound(code="button_gone")
        turn.reply(t("alert.snoozed", turn.lang, hours=hours))
        return
    if action == "chase":
        chase(uow, turn, int(arg), t=t)
        return
    o: orders.Order | None = uow.orders.get(int(arg), lock=True)
    if o is None or o.kind != orders.OrderKind.TRANSFER:
        raise errors.NotFound(code="order_not_found", id=arg)
    at = {"tr": None, "sh": o.source, "rv": o.location}.get(action)
    if not turn.user.can("approve") and (at is None or turn.user.location != at):
        raise errors.NotAllowed(code="not_allowed", role=turn.user.role.value)
    transit = catalog.VIRTUAL[catalog.LocationKind.TRANSIT]
    batch = f"tr{o.id}-{action}-{secrets.token_hex(2)}"
    if action == "tr":  # accept a suggested or requested transfer: the source location ships it next
        if o.status != orders.Status.PENDING_APPROVAL:
            raise errors.InvalidState(code="already_decided", id=o.id)
        uow.orders.save(o.to(orders.Status.OPEN, by=turn.user.username))
        desc = describe(uow, o)
        turn.reply(t("transfer_approved", turn.lang, id=o.id, order=desc))
        _ask_location(uow, turn, t, location=o.source, text_key="transfer_to_ship", button_key="btn.ship",
                      data=f"sh:{o.id}", id=o.id, order=desc)
        return
    if action == "sh":  # the source ships: stock goes into transit
        if o.status != orders.Status.OPEN:
            raise errors.InvalidState(code="already_decided", id=o.id)
        cmd = commands.TransferStock(source=o.source, dest=o.location,
                                     lines=tuple(commands.Line(sku=ln.sku, qty=ln.qty) for ln in o.lines))
        actor = inventory.Actor(user=turn.user, now=turn.now, message_id=None, batch=batch)
        plan = inventory.plan(uow, cmd, actor=actor, force=True)
        plan.moves = [replace(m, order_id=o.id) for m in plan.moves if m.dst == transit]
        turn.events.extend(inventory.record(uow, plan, actor=actor))
        uow.orders.save(o.to(orders.Status.SHIPPED))
        desc = describe(uow, o)
        turn.reply(t("transfer_shipped", turn.lang, id=o.id, order=desc))
        _ask_location(uow, turn, t, location=o.location, text_key="transfer_shipped", button_key="btn.receive",
                      data=f"rv:{o.id}", id=o.id, order=desc)
        return
    if action == "rv":
        if o.status != orders.Status.SHIPPED:
            raise errors.InvalidState(code="already_decided", id=o.id)
        moves = [replace(m, src=transit, dst=o.location or "", kind=ledger.MoveKind.TRANSFER_IN, at=turn.now,
                         actor=turn.user.username, batch=batch, id=None, message_id=None)
                 for m in uow.stock.moves_of_order(o.id) if m.dst == transit]
        actor = inventory.Actor(user=turn.user, now=turn.now, message_id=None, batch=batch)
        turn.events.extend(inventory.record(uow, inventory.Plan(moves=moves), actor=actor))
        done = replace(o, status=orders.Status.DONE, lines=tuple(replace(ln, received=ln.qty) for ln in o.lines))
        uow.orders.save(done)
        takeover.outcome(uow, turn.push, t, order=done, rejected=False, now=turn.now)
        turn.reply(t("transfer_received", turn.lang, id=o.id, order=describe(uow, o)))
        return
    raise errors.NotFound(code="button_gone")
