"""What each customer owes us and we each supplier: the account since it began (goods, paid, owed), and, delivery by
delivery, what is still open against the terms agreed (账期) and how old it is (账龄).

A customer's goods are its sales less its returns, at the price each went at; a supplier's what it brought less what
went back, at cost (a subcontractor's: the charge its work orders name). Payments and goods given back settle the
oldest deliveries first; a sale paid on the spot settles itself.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from domain import accounts, catalog, ledger, production
from workflows import metrics
from workflows.ports import UnitOfWork

SPOT = "batch:"   # a payment's note naming the sale it paid on the spot


def partner(uow: UnitOfWork, code: str | None) -> catalog.Partner | None:
    return next((p for p in uow.catalog.partners() if p.code == code), None) if code else None


def balance(uow: UnitOfWork, code: str) -> tuple[Decimal, Decimal, Decimal]:
    """A partner's account since it began: the goods' value (a customer's sales less its returns, at the price of each;
    a supplier's receipts less what went back, at cost), what was paid, and what is still owed (goods − paid)."""
    p = partner(uow, code)
    customer = p is not None and p.kind == catalog.PartnerKind.CUSTOMER
    moves = uow.stock.moves(kinds=_KINDS[customer], partner=code)
    goods = sum((value * (1 if m.reverses is None else -1) * (-1 if m.kind in _BACK else 1)
                 for m, value in _values(uow, moves, customer=customer)), Decimal(0))
    paid = Decimal(uow.payments.total(code))
    return goods, paid, goods - paid


# a customer's goods, a supplier's (a subcontractor's work: what its work orders brought back, at the charge each names)
_KINDS = {True: ["sale", "customer_return"], False: ["receipt", "return_to_supplier", "production"]}
_BACK = (ledger.MoveKind.CUSTOMER_RETURN, ledger.MoveKind.RETURN_TO_SUPPLIER)   # goods given back: a credit


def _values(uow: UnitOfWork, moves: list[ledger.Move], *, customer: bool) -> list[tuple[ledger.Move, Decimal]]:
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
    return [(m, m.qty * (each if each is not None else costs.get(m.sku) or Decimal(0)))
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
    for a return what the customer last paid (the last price said on one of these sales not undone), else the
    catalog's."""
    catalog_prices = {p.sku: p.unit_price for p in uow.catalog.products()}
    undone = uow.stock.reversed_ids(m.id for m in moves if m.id is not None)
    paid = dict(catalog_prices)
    for m in sorted(moves, key=lambda m: m.at):
        if m.kind.value == "sale" and m.reverses is None and m.id not in undone and m.unit_price is not None:
            paid[m.sku] = m.unit_price
    return [(m, m.unit_price if m.unit_price is not None
             else (catalog_prices if m.kind.value == "sale" else paid).get(m.sku)) for m in moves]


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
        return sum((it.left for it in self.items), Decimal(0))

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
    customer = p.kind == catalog.PartnerKind.CUSTOMER
    moves = uow.stock.moves(kinds=_KINDS[customer], partner=p.code)
    undone = uow.stock.reversed_ids(m.id for m in moves if m.id is not None)
    standing = [m for m in moves if m.reverses is None and m.id not in undone]
    charged: dict[str, list[tuple[ledger.Move, Decimal]]] = {}
    credits: list[accounts.Credit] = []
    for m, value in _values(uow, standing, customer=customer):
        if m.kind in _BACK:
            credits.append(accounts.Credit(value))
        else:
            charged.setdefault(m.batch or f"move:{m.id}", []).append((m, value))
    credits += [accounts.Credit(pay.amount, pay.note.removeprefix(SPOT) if pay.note.startswith(SPOT) else "")
                for pay in uow.payments.list(partner=p.code)]
    charges = [accounts.Charge(min(m.at for m, _ in ms).astimezone(tz).date(), sum((v for _, v in ms), Decimal(0)), ref)
               for ref, ms in charged.items()]
    items, ahead = accounts.open_items(charges, credits, p.payment_terms)
    goods: dict[str, dict[str, Decimal]] = {}
    for it in items:
        held = goods.setdefault(it.charge.ref, {})
        for m, _ in charged.get(it.charge.ref, []):
            held[m.sku] = held.get(m.sku, Decimal(0)) + m.qty
    return Account(p, items, ahead, goods)


def accounts_of(uow: UnitOfWork, kind: str, *, tz: Any) -> list[Account]:
    """Every customer's (``kind`` "customer") or supplier's account with something open or paid ahead."""
    out = [account(uow, p, tz=tz) for p in uow.catalog.partners() if p.kind.value == kind]
    return [a for a in out if a.items or a.ahead]


def week_end(today: date) -> date:
    """这周: through Sunday."""
    return today + timedelta(days=6 - today.weekday())
