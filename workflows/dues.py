"""What each customer owes us and we each supplier: the account since it began (goods, paid, owed), and, delivery by
delivery, what is still open against the terms agreed (账期) and how old it is (账龄).

A customer's goods are its sales less its returns, at the price each went at; a supplier's what it brought less what
went back, at cost (a subcontractor's: the charge its work orders name). Payments and goods given back settle the
oldest deliveries first; a sale paid on the spot settles itself.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from domain import accounts, catalog, ledger, production
from workflows import anomalies, metrics, wording
from workflows.ports import UnitOfWork

OPENING = "opening"   # a payment's note: what was owed before the books began (团餐期初欠款5000), kept as paid the other way
REFUND = "refund"   # a payment's note: money back the other way (退给王记500 · 张记退款300), kept as a negative payment
# a payment's note: credit given on top of a top-up (团餐充值1000送100: bonus:<the payment's number>), no money
BONUS = "bonus:"
# a payment's note: the goods of a period paid (张记这个月的货款付了: goods:2026-06-01..2026-06-15)
GOODS_OF = "goods:"


def goods_note(first: date, last: date) -> str:
    return f"{GOODS_OF}{first.isoformat()}..{last.isoformat()}"


def goods_of(note: str) -> tuple[date, date] | None:
    """The period a payment said it paid the goods of (``goods_note``'s); None: not said so."""
    if not note.startswith(GOODS_OF):
        return None
    first, _, last = note.removeprefix(GOODS_OF).partition("..")
    return date.fromisoformat(first), date.fromisoformat(last)


def is_bonus(note: str) -> bool:
    return note.startswith(BONUS)


def standing(pays: list[Any]) -> list[Any]:
    """The payments neither undone nor undoing one."""
    voided = {x.reverses for x in pays if x.reverses is not None}
    return [x for x in pays if x.reverses is None and x.id not in voided]


def partner(uow: UnitOfWork, code: str | None) -> catalog.Partner | None:
    """The catalog's partner of that code (None: none)."""
    return next((p for p in uow.catalog.partners() if p.code == code), None) if code else None


def partner_name(uow: UnitOfWork, code: str | None) -> str:
    """The catalog's name of the partner of that code (the code itself when none has it)."""
    p = partner(uow, code)
    return p.name if p is not None else code or ""


def balance(uow: UnitOfWork, code: str) -> tuple[Decimal, Decimal, Decimal]:
    """A partner's account since it began: the goods' value (a customer's sales less its returns, at the price of each;
    a supplier's receipts less what went back, at cost), what was paid, and what is still owed (goods − paid)."""
    p = partner(uow, code)
    customer = p is not None and p.kind == catalog.PartnerKind.CUSTOMER
    moves = uow.stock.moves(kinds=_KINDS[customer], partner=code)
    goods = sum((value * (1 if m.reverses is None else -1) * (-1 if m.kind in _BACK else 1)
                 for m, value in values_of(uow, moves, customer=customer)), Decimal(0))
    pays = uow.payments.list(partner=code)
    goods -= sum((x.amount for x in pays if x.note == OPENING), Decimal(0))   # (owed before the books began)
    paid = sum((x.amount for x in pays if x.note != OPENING), Decimal(0))
    return goods, paid, goods - paid


def period_owed(uow: UnitOfWork, code: str, first: date, last: date, tz: Any) -> Decimal:
    """What is still owed for a partner's goods of days ``first`` .. ``last`` (张记这个月的货款付了): what they came to
    (``goods_between``) less the payments said to pay that period's goods since (the same first day), and no more
    than the account owes."""
    paid = sum((x.amount for x in standing(uow.payments.list(partner=code))
                if (said := goods_of(x.note)) is not None and said[0] == first), Decimal(0))
    return max(Decimal(0), min(balance(uow, code)[2], goods_between(uow, code, first, last, tz) - paid))


def goods_between(uow: UnitOfWork, code: str, first: date, last: date, tz: Any) -> Decimal:
    """What a partner's goods of days ``first`` .. ``last`` came to, as ``balance`` values them (张记这个月的货款付了:
    this month's deliveries less what went back); those undone then or since left out."""
    p = partner(uow, code)
    customer = p is not None and p.kind == catalog.PartnerKind.CUSTOMER
    since = datetime.combine(first, time(), tzinfo=tz)
    moves = uow.stock.standing(uow.stock.moves(kinds=_KINDS[customer], partner=code, since=since,
                                               until=since + timedelta(days=(last - first).days + 1)))
    return sum((value * (-1 if m.kind in _BACK else 1) for m, value in values_of(uow, list(moves), customer=customer)),
               Decimal(0))


# a customer's goods, a supplier's (a subcontractor's work: what its work orders brought back, at the charge each names)
_KINDS = {True: ["sale", "customer_return"], False: ["receipt", "return_to_supplier", "production"]}
_BACK = (ledger.MoveKind.CUSTOMER_RETURN, ledger.MoveKind.RETURN_TO_SUPPLIER)   # goods given back: a credit


def values_of(uow: UnitOfWork, moves: list[ledger.Move], *, customer: bool) -> list[tuple[ledger.Move, Decimal]]:
    """Each move with its value, unsigned: a customer's at the price it went at (``priced``), a supplier's at cost
    (``supplier_values``)."""
    if customer:
        return [(m, (price or Decimal(0)) * m.qty) for m, price in priced(uow, moves)]
    return supplier_values(uow, moves)


def supplier_values(uow: UnitOfWork, moves: list[ledger.Move]) -> list[tuple[ledger.Move, Decimal]]:
    """What each move in or back from a supplier is worth, unsigned: at the cost it names, else what the product's
    receipts cost lately (the catalog's when none). What a subcontractor made for us counts at the charge its work
    order names (none said: nothing owed for it, left out; the move's own cost is what it cost us to make, our
    materials too)."""
    fees: dict[int, Decimal | None] = {}
    for oid in {m.order_id for m in moves if m.kind == ledger.MoveKind.PRODUCTION and m.order_id is not None}:
        o = uow.orders.get(oid)
        fees[oid] = production.product(o).unit_price if o is not None and o.lines else None
    moves = [m for m in moves if m.kind != ledger.MoveKind.PRODUCTION or fees.get(m.order_id or 0) is not None]
    skus = {m.sku for m in moves if m.unit_cost is None and m.kind != ledger.MoveKind.PRODUCTION}
    costs = metrics.unit_costs(uow, [p for p in uow.catalog.products() if p.sku in skus]) if skus else {}
    return [(m, m.qty * (each if each is not None else Decimal(0) if ledger.gift(m.note)
                         else costs.get(m.sku) or Decimal(0)))   # (free goods said so, unpriced: nothing owed)
            for m in moves
            for each in [fees.get(m.order_id or 0) if m.kind == ledger.MoveKind.PRODUCTION else m.unit_cost]]


def supplier_goods(uow: UnitOfWork, moves: list[ledger.Move]) -> tuple[Decimal, Decimal]:
    """What came in from a supplier and what went back to it (receipts, returns to supplier), valued as
    ``supplier_values``; a reversal counts against what it undoes."""
    received = returned = Decimal(0)
    for m, value in supplier_values(uow, moves):
        signed = value * (1 if m.reverses is None else -1)
        if m.kind in (ledger.MoveKind.RECEIPT, ledger.MoveKind.PRODUCTION):
            received += signed
        elif m.kind == ledger.MoveKind.RETURN_TO_SUPPLIER:
            returned += signed
    return received, returned


def priced(uow: UnitOfWork, moves: list[ledger.Move]) -> list[tuple[ledger.Move, Decimal | None]]:
    """A customer's sales and returns with the price each went at: the one it says; else for a sale the catalog's,
    for a return what the customer paid for that unit (a serial's own sale), else what it last paid for the product
    (the last price said on one of these sales not undone), else the catalog's."""
    catalog_prices = {p.sku: p.unit_price for p in uow.catalog.products()}
    undone = uow.stock.reversed_ids(m.id for m in moves if m.id is not None)
    paid = dict(catalog_prices)
    unit_paid: dict[tuple[str, str], Decimal] = {}   # a unit sold by its serial: what that unit went at
    for m in sorted(moves, key=lambda m: m.at):
        if m.kind.value == "sale" and m.reverses is None and m.id not in undone and m.unit_price is not None:
            paid[m.sku] = m.unit_price
            if m.lot:
                unit_paid[m.sku, m.lot] = m.unit_price
    return [(m, m.unit_price if m.unit_price is not None
             else catalog_prices.get(m.sku) if m.kind.value == "sale"
             else unit_paid.get((m.sku, m.lot)) or paid.get(m.sku)) for m in moves]


@dataclass(frozen=True)
class Account:
    """A partner's open deliveries, oldest first (``accounts.open_items``), what it paid ahead, and what each open
    delivery held (its goods: sku → quantity)."""
    partner: catalog.Partner
    items: list[accounts.OpenItem]
    ahead: Decimal
    goods: dict[str, dict[str, Decimal]]

    @property
    def owed(self) -> Decimal:
        return accounts.left(self.items)

    def overdue(self, today: date) -> list[accounts.OpenItem]:
        """The deliveries past the day the terms set (none without terms)."""
        return [it for it in self.items if it.overdue(today) > 0]

    def due_by(self, day: date) -> list[accounts.OpenItem]:
        """The deliveries due on or before ``day`` (overdue ones too; none without terms)."""
        return [it for it in self.items if it.due is not None and it.due <= day]


def account(uow: UnitOfWork, p: catalog.Partner, *, tz: Any) -> Account:
    """``p``'s deliveries not yet paid in full: each write of its goods not undone (a day's batch) is a delivery; what
    it paid, and the goods it gave back or we sent back, settle them (a sale paid on the spot itself first, then the
    oldest)."""
    written = _written(uow, p)
    charged = {ref: ms for (ref, back), ms in written.items() if not back}
    credits = [accounts.Credit(sum((v for _, v in ms), Decimal(0))) for (_, back), ms in written.items() if back]
    pays = uow.payments.list(partner=p.code)
    credits += [accounts.Credit(pay.amount, spot[0] if (spot := accounts.spot_of(pay.note)) is not None else "",
                                goods_of(pay.note))   # (a payment undone and its undoing: neither, as if never)
                for pay in standing(pays) if pay.note != OPENING]
    charges = [accounts.Charge(min(m.at for m, _ in ms).astimezone(tz).date(), sum((v for _, v in ms), Decimal(0)), ref)
               for ref, ms in charged.items()]
    charges += [accounts.Charge(x.at.astimezone(tz).date(), -x.amount, f"{OPENING}:{x.id}") for x in openings(pays)]
    items, ahead = accounts.open_items(charges, credits, p.payment_terms)
    return Account(p, items, ahead, {it.charge.ref: _summed(charged.get(it.charge.ref, [])) for it in items})


def _written(uow: UnitOfWork, p: catalog.Partner) -> dict[tuple[str, bool], list[tuple[ledger.Move, Decimal]]]:
    """Each write of ``p``'s goods that stands (its batch; goods given back apart: True), its moves with their
    value."""
    customer = p.kind == catalog.PartnerKind.CUSTOMER
    moves = uow.stock.moves(kinds=_KINDS[customer], partner=p.code)
    undone = uow.stock.reversed_ids(m.id for m in moves if m.id is not None)
    grouped: dict[tuple[str, bool], list[tuple[ledger.Move, Decimal]]] = {}
    for m, value in values_of(uow, [m for m in moves if m.reverses is None and m.id not in undone], customer=customer):
        grouped.setdefault((m.batch or f"move:{m.id}", m.kind in _BACK), []).append((m, value))
    return grouped


def openings(pays: list[accounts.Payment]) -> list[accounts.Payment]:
    """The opening balances that stand (not undone)."""
    undone = {x.reverses for x in pays if x.reverses is not None}
    return [x for x in pays if x.note == OPENING and x.reverses is None and x.id not in undone]


def accounts_of(uow: UnitOfWork, kind: str, *, tz: Any) -> list[Account]:
    """Every customer's (``kind`` "customer") or supplier's account with something open or paid ahead."""
    out = [account(uow, p, tz=tz) for p in uow.catalog.partners() if p.kind.value == kind]
    return [a for a in out if a.items or a.ahead]


def terms_words(t: Any, lang: str, terms: accounts.Terms | None) -> str:
    """账期30天 · 月结30天 · 现结 · 未设账期."""
    if terms is None:
        return str(t("dues.terms_none", lang))
    if terms.days == 0 and not terms.monthly:
        return str(t("dues.terms_cash", lang))
    return str(t("dues.terms_monthly" if terms.monthly else "dues.terms_days", lang, n=terms.days))


def _day(d: date) -> str:
    return f"{d:%m-%d}"


def _goods(uow: UnitOfWork, t: Any, lang: str, held: dict[str, Decimal]) -> str:
    """可乐 3箱、雪碧 12瓶 (the first three, then …)."""
    return wording.goods({p.sku: p for p in uow.catalog.products()}, held.items(), joiner=str(t("recipe.joiner", lang)),
                         shown=3)


def late(uow: UnitOfWork, code: str | None, *, today: date, tz: Any) -> tuple[catalog.Partner, Decimal, int] | None:
    """A partner with terms agreed and deliveries past them: the partner, what is overdue and the most days any of
    it is; None when nothing is (or no terms were agreed)."""
    p = partner(uow, code)
    if p is None or p.payment_terms is None:
        return None
    items = account(uow, p, tz=tz).overdue(today)
    return (p, accounts.left(items), accounts.most_overdue(items, today)) if items else None


def overdue_note(uow: UnitOfWork, t: Any, lang: str, code: str, *, today: date, tz: Any) -> str:
    """⏰ 其中逾期 ¥2,000.00,最久 12天(账期30天): a partner's deliveries past their terms, for its account's line;
    empty when none is (or no terms were agreed)."""
    found = late(uow, code, today=today, tz=tz)
    if found is None:
        return ""
    p, amount, days = found
    return "\n" + str(t("dues.overdue_note", lang, amount=wording.money(amount), days=days,
                        terms=terms_words(t, lang, p.payment_terms)))


def answer(uow: UnitOfWork, t: Any, lang: str, *, kind: str, view: str, code: str | None, until: date | None,
           today: date, tz: Any) -> str:
    """应收账龄 (``view`` "aging") · 哪些客户逾期了 ("overdue") · 这周要付哪些货款 ("due", by ``until``) · 团餐的货款
    什么时候到期 ("detail", partner ``code``)."""
    if view == "detail" and code is not None:
        p = partner(uow, code)
        return detail(uow, t, lang, account(uow, p, tz=tz), today=today) if p is not None else ""
    books = sorted(accounts_of(uow, kind, tz=tz), key=lambda a: -a.owed)
    if view == "overdue":
        return overdue(uow, t, lang, books, kind=kind, today=today)
    if view == "due":
        return coming_due(t, lang, books, kind=kind, until=until or today + timedelta(days=7), today=today)
    return aging(uow, t, lang, books, kind=kind, today=today)


def aging(uow: UnitOfWork, t: Any, lang: str, books: list[Account], *, kind: str, today: date) -> str:
    """Every account with something owed: the total in each bucket of days past due, then each partner."""
    owing = [a for a in books if a.items]
    if not owing:
        return str(t(f"dues.none_{kind}", lang))
    total = sum((a.owed for a in owing), Decimal(0))
    buckets = accounts.aged((it for a in owing for it in a.items), today)
    out = [str(t(f"dues.aging_head_{kind}", lang, day=_day(today), n=len(owing), total=wording.money(total))),
           str(t("dues.buckets", lang, **{f"b{n}": wording.money(v) for n, v in enumerate(buckets)}))]
    for a in owing:
        terms = a.partner.payment_terms
        late = a.overdue(today)
        if terms is None:
            first = a.items[0]
            more = str(t("dues.unset_part", lang, day=_day(first.charge.day), days=first.age(today)))
        elif late:
            more = str(t("dues.overdue_part", lang, amount=wording.money(accounts.left(late)),
                         days=accounts.most_overdue(late, today)))
        else:
            nxt = min(it.due for it in a.items if it.due is not None)
            more = str(t("dues.next_part", lang, day=_day(nxt), amount=wording.money(
                accounts.left(it for it in a.items if it.due == nxt))))
        out.append(str(t("dues.partner_line", lang, partner=a.partner.name, terms=terms_words(t, lang, terms),
                         owed=wording.money(a.owed), more=more)))
    out.append(str(t("dues.buckets_note", lang)))
    ahead = [a for a in books if a.ahead > 0]
    if ahead:
        out.append(str(t("owed.ahead", lang, who=str(t("recipe.joiner", lang)).join(
            f"{a.partner.name} {wording.money(a.ahead)}" for a in ahead))))
    return "\n".join(out)


def _unset(t: Any, lang: str, books: list[Account], today: date) -> list[str]:
    """The accounts owing without terms agreed, each with its oldest delivery, and how to set terms."""
    unset = [a for a in books if a.items and a.partner.payment_terms is None]
    if not unset:
        return []
    who = str(t("recipe.joiner", lang)).join(
        str(t("dues.unset_who", lang, partner=a.partner.name, owed=wording.money(a.owed),
              day=_day(a.items[0].charge.day), days=a.items[0].age(today))) for a in unset)
    return [str(t("dues.unset", lang, who=who, example=unset[0].partner.name))]


def overdue(uow: UnitOfWork, t: Any, lang: str, books: list[Account], *, kind: str, today: date) -> str:
    """The accounts with deliveries past their terms, the most overdue amount first, each with its oldest."""
    late = [(a, a.overdue(today)) for a in books]
    late = sorted(((a, its) for a, its in late if its), key=lambda x: -accounts.left(x[1]))
    if not late:
        out = [str(t(f"dues.overdue_none_{kind}", lang))]
    else:
        total = sum((accounts.left(its) for _, its in late), Decimal(0))
        out = [str(t(f"dues.overdue_head_{kind}", lang, day=_day(today), n=len(late), total=wording.money(total)))]
        for a, its in late:
            oldest = its[0]
            amount = accounts.left(its)
            out.append(str(t("dues.overdue_line", lang, partner=a.partner.name,
                             terms=terms_words(t, lang, a.partner.payment_terms), amount=wording.money(amount),
                             days=oldest.overdue(today), day=_day(oldest.charge.day),
                             due=_day(oldest.due or oldest.charge.day)))
                       + (str(t("dues.owed_all", lang, owed=wording.money(a.owed))) if a.owed > amount else ""))
    return "\n".join(out + _unset(t, lang, books, today))


def coming_due(t: Any, lang: str, books: list[Account], *, kind: str, until: date, today: date) -> str:
    """What falls due by ``until`` (overdue included, marked), by partner, each due day with its amount."""
    rows = [(a, a.due_by(until)) for a in books]
    rows = [(a, its) for a, its in rows if its]
    if not rows:
        return "\n".join([str(t(f"dues.due_none_{kind}", lang, until=_day(until)))] + _unset(t, lang, books, today))
    total = sum((accounts.left(its) for _, its in rows), Decimal(0))
    out = [str(t(f"dues.due_head_{kind}", lang, until=_day(until), n=len(rows), total=wording.money(total)))]
    for a, its in sorted(rows, key=lambda r: min(it.due or today for it in r[1])):
        out.append(str(t("dues.due_partner", lang, partner=a.partner.name, terms=terms_words(t, lang, a.partner.payment_terms),
                         amount=wording.money(accounts.left(its)))))
        by_day: dict[date, Decimal] = {}
        for it in its:
            if it.due is not None:
                by_day[it.due] = by_day.get(it.due, Decimal(0)) + it.left
        for d, amount in sorted(by_day.items()):
            late = (today - d).days
            out.append(str(t("dues.due_day", lang, day=_day(d), amount=wording.money(amount)))
                       + (str(t("dues.late", lang, days=late)) if late > 0 else ""))
    return "\n".join(out + _unset(t, lang, books, today))


def detail(uow: UnitOfWork, t: Any, lang: str, acc: Account, *, today: date, shown: int = 12) -> str:
    """One partner's open deliveries, oldest first: the day, its goods, what is left of it and when it is (was) due."""
    p = acc.partner
    terms = terms_words(t, lang, p.payment_terms)
    if not acc.items:
        out = [str(t("dues.detail_none", lang, partner=p.name, terms=terms))]
    else:
        out = [str(t("dues.detail_head", lang, partner=p.name, terms=terms, owed=wording.money(acc.owed),
                     n=len(acc.items)))]
        for it in acc.items[:shown]:
            if it.due is None:
                when = str(t("dues.when_unset", lang, days=it.age(today)))
            elif it.overdue(today) > 0:
                when = str(t("dues.when_late", lang, due=_day(it.due), days=it.overdue(today)))
            else:
                when = str(t("dues.when_due", lang, due=_day(it.due), days=(it.due - today).days))
            part = str(t("dues.part_left", lang, amount=wording.money(it.charge.amount))) \
                if it.left < it.charge.amount else ""
            goods = str(t(f"dues.entry_opening_{p.kind.value}", lang)) if it.charge.ref.startswith(f"{OPENING}:") \
                else _goods(uow, t, lang, acc.goods.get(it.charge.ref, {}))
            out.append(str(t("dues.detail_item", lang, day=_day(it.charge.day), left=wording.money(it.left), part=part,
                             goods=goods, when=when)))
        if len(acc.items) > shown:
            out.append(str(t("dues.more", lang, n=len(acc.items) - shown)))
        late = acc.overdue(today)
        if late:
            out.append(str(t("dues.detail_late", lang, amount=wording.money(accounts.left(late)))))
    if acc.ahead > 0:
        out.append(str(t("dues.detail_ahead", lang, amount=wording.money(acc.ahead))))
    if p.payment_terms is None:
        out.append(str(t("dues.how_to_set", lang, partner=p.name)))
    return "\n".join(out)


SOON = 3   # days ahead a supplier's delivery falling due is told (the morning job)


def todo_lines(uow: UnitOfWork, t: Any, lang: str, *, today: date, tz: Any, shown: int = 5) -> list[str]:
    """我该做什么's money (a manager's): the customers overdue to chase, and what falls due for us to pay by today."""
    out: list[str] = []
    chase = [(a, a.overdue(today)) for a in accounts_of(uow, "customer", tz=tz)]
    pay = [(a, a.due_by(today)) for a in accounts_of(uow, "supplier", tz=tz)]
    for key, found in (("todo.chase", chase), ("todo.pay", pay)):
        rows = sorted(((a, its) for a, its in found if its), key=lambda r: -accounts.left(r[1]))
        if not rows:
            continue
        out.append(str(t(key, lang, n=len(rows))))
        for a, its in rows[:shown]:
            days = accounts.most_overdue(its, today)
            out.append("  " + str(t("todo.money_line" if days else "todo.money_today", lang, partner=a.partner.name,
                                    amount=wording.money(accounts.left(its)), days=days)))
    return out


def fresh(uow: UnitOfWork, *, now: datetime) -> tuple[list[tuple[Account, accounts.OpenItem]],
                                                     list[tuple[Account, accounts.OpenItem]]]:
    """What the morning job tells, each once: customers' deliveries that went past their terms, and suppliers'
    falling due within ``SOON`` days (or past it). The states kept are those of now alone (a delivery paid goes;
    one told stays told while it is open)."""
    today = now.date()
    late = [(a, it) for a in accounts_of(uow, "customer", tz=now.tzinfo) for it in a.overdue(today)]
    soon = [(a, it) for a in accounts_of(uow, "supplier", tz=now.tzinfo)
            for it in a.due_by(today + timedelta(days=SOON))]
    def key(side: str, a: Account, it: accounts.OpenItem) -> str:
        return f"{side}:{a.partner.code}:{it.charge.ref}"
    new = anomalies.new_keys(uow, _ALERTS, [key("late", *x) for x in late] + [key("due", *x) for x in soon], now=now)
    return [x for x in late if key("late", *x) in new], [x for x in soon if key("due", *x) in new]


_ALERTS = "dues"   # the alert states the morning job keeps


def morning_text(t: Any, lang: str, late: list[tuple[Account, accounts.OpenItem]],
                 soon: list[tuple[Account, accounts.OpenItem]], *, today: date) -> str:
    """⏰ 账款提醒: the customers' deliveries newly overdue and the suppliers' newly falling due."""
    out = [str(t("dues.morning_title", lang, day=_day(today)))]
    if late:
        out.append(str(t("dues.morning_late", lang)))
        out += [str(t("dues.morning_late_line", lang, partner=a.partner.name, day=_day(it.charge.day),
                      amount=wording.money(it.left), due=_day(it.due or today), days=it.overdue(today)))
                for a, it in late]
    if soon:
        out.append(str(t("dues.morning_soon", lang, n=SOON)))
        out += [str(t("dues.morning_soon_line", lang, partner=a.partner.name, day=_day(it.charge.day),
                      amount=wording.money(it.left), due=_day(it.due or today)))
                + (str(t("dues.late", lang, days=it.overdue(today))) if it.overdue(today) else "")
                for a, it in soon]
    out.append(str(t("dues.morning_more", lang)))
    return "\n".join(out)


def summary(uow: UnitOfWork, t: Any, lang: str, *, now: datetime) -> str:
    """A scheduled 账款提醒 (每天早上9点把逾期账款发给我): the customers overdue and what we pay within a week."""
    today = now.date()
    return "\n\n".join((answer(uow, t, lang, kind="customer", view="overdue", code=None, until=None, today=today,
                               tz=now.tzinfo),
                        answer(uow, t, lang, kind="supplier", view="due", code=None, until=today + timedelta(days=7),
                               today=today, tz=now.tzinfo)))


@dataclass(frozen=True)
class Entry:
    """One line of a partner's statement: goods it took or brought (``kind`` "goods"), goods given back ("back") or a
    payment ("paid"), on ``day``; ``amount`` what it moves the balance by (more owed: positive)."""
    at: datetime
    kind: str
    amount: Decimal
    goods: dict[str, Decimal]


def statement(uow: UnitOfWork, p: catalog.Partner, *, first: date, last: date, tz: Any) -> tuple[Decimal, list[Entry]]:
    """对账单: what ``p`` owed (we owed it, a supplier) before ``first``, and each write of its goods not undone (a
    batch), each goods given back and each payment not undone on ``first`` .. ``last``, in time order."""
    entries = [Entry(min(m.at for m, _ in ms), "back" if back else "goods",
                     sum((v for _, v in ms), Decimal(0)) * (-1 if back else 1), _summed(ms))
               for (_, back), ms in _written(uow, p).items()]
    pays = uow.payments.list(partner=p.code)
    entries += [Entry(x.at, "refund" if x.note == REFUND else "bonus" if is_bonus(x.note) else "paid", -x.amount, {})
                for x in standing(pays) if x.note != OPENING]
    entries += [Entry(x.at, "opening", -x.amount, {}) for x in openings(pays)]
    entries.sort(key=lambda e: e.at)
    opening = sum((e.amount for e in entries if e.at.astimezone(tz).date() < first), Decimal(0))
    return opening, [e for e in entries if first <= e.at.astimezone(tz).date() <= last]


def _summed(ms: list[tuple[ledger.Move, Decimal]]) -> dict[str, Decimal]:
    out: dict[str, Decimal] = {}
    for m, _ in ms:
        out[m.sku] = out.get(m.sku, Decimal(0)) + m.qty
    return out


def _balance_words(t: Any, lang: str, kind: str, amount: Decimal) -> str:
    """应收 ¥440.00 · 预收 ¥60.00 (a customer's); 应付 · 预付 (a supplier's)."""
    return str(t(f"dues.balance_{kind}" + ("_ahead" if amount < 0 else ""), lang, amount=wording.money(abs(amount))))


def statement_text(uow: UnitOfWork, t: Any, lang: str, code: str, *, first: date, last: date, today: date, tz: Any,
                   shown: int = 60) -> str:
    """🧾 团餐对账单(06-01至06-30): the balance before, each delivery, return and payment with the balance after it,
    the balance at the end with the period's totals, and what of it is overdue now."""
    p = partner(uow, code)
    if p is None:
        return ""
    kind = p.kind.value
    opening, entries = statement(uow, p, first=first, last=last, tz=tz)
    span = wording.days_text(t, lang, first, last)
    head = str(t("dues.statement_head", lang, partner=p.name, span=span, terms=terms_words(t, lang, p.payment_terms)))
    balance = opening
    if not entries:
        return head + "\n" + str(t("dues.statement_none", lang, balance=_balance_words(t, lang, kind, opening)))
    out = [head, str(t("dues.statement_open", lang, balance=_balance_words(t, lang, kind, opening)))]
    for n, e in enumerate(entries):
        balance += e.amount
        if n < shown:
            what = str(t(f"dues.entry_{e.kind}_{kind}", lang, goods=_goods(uow, t, lang, e.goods)))
            sign = "+" if e.amount >= 0 else "−"
            out.append(str(t("dues.entry", lang, day=_day(e.at.astimezone(tz).date()), what=what,
                             amount=sign + wording.money(abs(e.amount)), balance=_balance_words(t, lang, kind, balance))))
    if len(entries) > shown:
        out.append(str(t("dues.more_entries", lang, n=len(entries) - shown)))
    totals = {k: abs(sum((e.amount for e in entries if e.kind == k), Decimal(0))) for k in ("goods", "back")}
    totals["paid"] = -sum((e.amount for e in entries if e.kind in ("paid", "refund")), Decimal(0))   # (net of refunds)
    totals["goods"] += sum((e.amount for e in entries if e.kind == "opening"), Decimal(0))   # (owed from before)
    out.append(str(t(f"dues.statement_close_{kind}", lang, balance=_balance_words(t, lang, kind, balance),
                     goods=wording.money(totals["goods"]), back=wording.money(totals["back"]),
                     paid=wording.money(totals["paid"]))))
    if last >= today:
        out[-1] += overdue_note(uow, t, lang, code, today=today, tz=tz)
    return "\n".join(out)
