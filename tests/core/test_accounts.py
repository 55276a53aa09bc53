"""Payment terms (账期) and what is open against them: each delivery's due day, payments and returns settling the
oldest deliveries first (a sale paid on the spot itself), and what is owed by days past due (账龄)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from domain import accounts, errors
from domain.accounts import Charge, Credit, Terms


@pytest.mark.parametrize(("terms", "came", "due"), [
    (Terms(30), date(2026, 6, 15), date(2026, 7, 15)),
    (Terms(0), date(2026, 6, 15), date(2026, 6, 15)),                        # 现结: due the day the goods came
    (Terms(30, monthly=True), date(2026, 6, 1), date(2026, 7, 30)),          # 月结30天: June's goods by July 30th
    (Terms(30, monthly=True), date(2026, 6, 30), date(2026, 7, 30)),
    (Terms(0, monthly=True), date(2026, 2, 3), date(2026, 2, 28)),           # the month's own end
    (Terms(15, monthly=True), date(2026, 12, 20), date(2027, 1, 15)),        # across the year's end
])
def test_a_delivery_is_due_by_the_terms(terms: Terms, came: date, due: date) -> None:
    assert terms.due(came) == due


@pytest.mark.parametrize(("said", "terms"), [
    ("30", Terms(30)), ("M60", Terms(60, monthly=True)), ("m60", Terms(60, monthly=True)),
    ("月结", Terms(30, monthly=True)), ("月结45", Terms(45, monthly=True)), ("月结45天", Terms(45, monthly=True)),
    ("现结", Terms(0)), ("0", Terms(0)), (" 7天 ", Terms(7)),
])
def test_terms_are_read_from_their_code_and_words(said: str, terms: Terms) -> None:
    assert Terms.parse(said) == terms
    assert Terms.parse(terms.code) == terms   # (kept and exported as its code, read back the same)


@pytest.mark.parametrize("said", ["", "abc", "月结x", "-5", "400", "M400"])
def test_terms_that_make_no_sense_are_refused(said: str) -> None:
    with pytest.raises(errors.BadInput):
        Terms.parse(said)


def test_payments_settle_the_oldest_deliveries_first() -> None:
    charges = [Charge(date(2026, 5, 20), D(80), "b2"), Charge(date(2026, 5, 4), D(160), "b1"),
               Charge(date(2026, 6, 1), D(50), "b3")]
    items, ahead = accounts.open_items(charges, [Credit(D(100)), Credit(D(20))], Terms(30))
    assert [(it.charge.ref, it.left, it.due) for it in items] == [
        ("b1", D(40), date(2026, 6, 3)), ("b2", D(80), date(2026, 6, 19)), ("b3", D(50), date(2026, 7, 1))]
    assert ahead == 0
    assert [it.overdue(date(2026, 6, 10)) for it in items] == [7, 0, 0]
    assert [it.age(date(2026, 6, 10)) for it in items] == [37, 21, 9]


def test_a_sale_paid_on_the_spot_settles_itself_before_the_oldest() -> None:
    charges = [Charge(date(2026, 5, 4), D(100), "old"), Charge(date(2026, 6, 1), D(60), "spot")]
    items, _ = accounts.open_items(charges, [Credit(D(60), "spot")], Terms(30))
    assert [(it.charge.ref, it.left) for it in items] == [("old", D(100))]


def test_a_payment_for_a_periods_goods_settles_them_before_the_oldest() -> None:
    """张记这个月的货款付了: June's deliveries paid, May's left open (without the days: May's first)."""
    may, june = Charge(date(2026, 5, 20), D(1500), "a"), Charge(date(2026, 6, 10), D(320), "b")
    items, ahead = accounts.open_items([may, june], [Credit(D(320), span=(date(2026, 6, 1), date(2026, 6, 15)))], None)
    assert [(it.charge.ref, it.left) for it in items] == [("a", D(1500))] and ahead == 0
    items, _ = accounts.open_items([may, june], [Credit(D(320))], None)
    assert [(it.charge.ref, it.left) for it in items] == [("a", D(1180)), ("b", D(320))]
    items, ahead = accounts.open_items([may, june], [Credit(D(500), span=(date(2026, 6, 1), date(2026, 6, 15)))], None)
    assert [(it.charge.ref, it.left) for it in items] == [("a", D(1320))] and ahead == 0   # (the rest: the oldest)


def test_credits_beyond_every_delivery_are_paid_ahead() -> None:
    items, ahead = accounts.open_items([Charge(date(2026, 6, 1), D(60), "a")], [Credit(D(100))], None)
    assert items == [] and ahead == D(40)
    items, ahead = accounts.open_items([], [Credit(D(30))], None)
    assert items == [] and ahead == D(30)


def test_a_payment_undone_is_owed_again() -> None:
    charges = [Charge(date(2026, 6, 1), D(60), "a"), Charge(date(2026, 6, 2), D(40), "b")]
    items, ahead = accounts.open_items(charges, [Credit(D(100)), Credit(D(-100))], Terms(0))
    assert [(it.charge.ref, it.left) for it in items] == [("a", D(60)), ("b", D(40))] and ahead == 0


def test_what_is_owed_by_days_past_due() -> None:
    today = date(2026, 6, 30)
    charges = [Charge(date(2026, 6, 25), D(1), "not due"), Charge(date(2026, 5, 25), D(10), "5 days"),
               Charge(date(2026, 4, 20), D(100), "41 days"), Charge(date(2026, 3, 20), D(1000), "72 days"),
               Charge(date(2026, 1, 2), D(10000), "149 days")]
    items, _ = accounts.open_items(charges, [], Terms(30))
    assert accounts.aged(items, today) == [D(1), D(10), D(100), D(1000), D(10000)]
    # without terms, each was due the day its goods came: counted from then
    bare, _ = accounts.open_items(charges, [], None)
    assert accounts.aged(bare, today) == [D(0), D(1), D(10), D(100), D(11000)]
    assert [accounts.bucket(d) for d in (0, 1, 30, 31, 60, 61, 90, 91)] == [0, 1, 1, 2, 2, 3, 3, 4]
