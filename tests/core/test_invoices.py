"""Invoices (domain/invoices.py): the month an invoice is for, the invoices that stand, and each partner's month."""
from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal as D

from domain import invoices

AT = datetime(2026, 6, 15, 2, 0, tzinfo=UTC)


def bill(n: int, partner: str, amount: str, reverses: int | None = None) -> invoices.Invoice:
    return invoices.Invoice(id=n, partner=partner, month=date(2026, 6, 1), amount=D(amount), at=AT, reverses=reverses)


def test_an_invoice_without_its_month_is_last_month_s_until_the_10th():
    assert invoices.month_due(date(2026, 7, 10)) == date(2026, 6, 1)
    assert invoices.month_due(date(2026, 7, 11)) == date(2026, 7, 1)
    assert invoices.month_due(date(2026, 1, 3)) == date(2025, 12, 1)


def test_each_partner_s_month_holds_its_goods_against_its_invoices_that_stand():
    bills = [bill(1, "S01", "1400"), bill(2, "S01", "-1400", reverses=1), bill(3, "S01", "1350"),
             bill(4, "S02", "100.2")]
    assert invoices.invoiced(bills) == {"S01": D("1350"), "S02": D("100.2")}
    got = invoices.checks({"S01": D("1350.3"), "S03": D("60")}, bills)
    assert [(c.partner, c.gap) for c in got] == [("S02", D("100.2")), ("S03", D("-60")), ("S01", D(0))]
