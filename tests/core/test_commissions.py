"""Sales commission's rules (domain/commissions.py): a product's rule before its category's before everything's; a
share of what was taken or yuan a base unit; kept and read back as they were."""
from __future__ import annotations

from decimal import Decimal

from domain import commissions
from domain.commissions import Rule

D = Decimal
RULES = [Rule("all", "*", rate=D("0.03")), Rule("category", "音频", rate=D("0.02")), Rule("sku", "A06", per_unit=D(10))]


def test_the_narrowest_rule_pays():
    assert commissions.rule_for("A06", "音频", RULES) == RULES[2]          # its own
    assert commissions.rule_for("A08", "音频", RULES) == RULES[1]          # its category's
    assert commissions.rule_for("A07", "充电", RULES) == RULES[0]          # everything's
    assert commissions.rule_for("A07", None, RULES[1:]) is None           # none


def test_what_a_sale_earns_in_fen_a_return_taking_it_back():
    assert commissions.earned(RULES[0], D(1), D("80.00")) == D("2.40")
    assert commissions.earned(RULES[0], D(3), D("33.33")) == D("1.00")    # 0.9999 rounded to the fen
    assert commissions.earned(RULES[2], D(2), D("150.00")) == D("20.00")  # yuan a unit, whatever the price
    assert commissions.earned(RULES[2], D(-1), D("-99.00")) == D("-10.00")
    assert commissions.earned(None, D(5), D(100)) == D(0)


def test_rules_round_trip_as_kept():
    kept = commissions.dump(RULES)
    assert kept == {"*": {"rate": "0.03"}, "cat:音频": {"rate": "0.02"}, "sku:A06": {"per_unit": "10"}}
    assert commissions.load(kept) == [RULES[2], RULES[1], RULES[0]]        # (a product's, a category's, everything's)
    assert commissions.dump([Rule("sku", "A01")]) == {}                    # (no rate, no amount: none kept)


def test_one_person_s_sales_add_up_by_product():
    e = commissions.Earned("xm")
    e.add("A06", D(2), D(198), D(20))
    e.add("A06", D(1), D(99), D(10))
    e.add("A07", D(1), D(80), D("2.40"))
    assert e.lines["A06"] == (D(3), D(297), D(30))
    assert (e.value, e.commission) == (D(377), D("32.40"))
