from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain import errors, ledger

TZ = ZoneInfo("Asia/Shanghai")
T = datetime(2026, 6, 1, 9, tzinfo=TZ)
D = Decimal


def lv(lot, qty, days=None):
    return ledger.LotLevel(lot=lot, qty=D(qty), expiry=(T + timedelta(days=days)) if days is not None else None)


def test_stock_leaves_the_lot_that_expires_first():
    taken = ledger.fefo([lv("B", 10, 5), lv("A", 10, 2), lv("C", 10)], D(15), allow_negative=False)
    assert taken == [("A", D(10)), ("B", D(5))]


def test_block_policy_refuses_to_go_negative():
    with pytest.raises(errors.InsufficientStock):
        ledger.fefo([lv("A", 3, 1)], D(5), allow_negative=False)


def test_warn_policy_takes_the_rest_from_the_no_lot_bucket():
    assert ledger.fefo([lv("A", 3, 1)], D(5), allow_negative=True) == [("A", D(3)), ("", D(2))]


def test_a_move_must_carry_a_positive_quantity_and_an_aware_time():
    with pytest.raises(errors.BadInput):
        ledger.Move(kind=ledger.MoveKind.SALE, sku="X", qty=D(0), src="A", dst="~CUSTOMER", at=T)
    with pytest.raises(errors.BadInput):
        ledger.Move(kind=ledger.MoveKind.SALE, sku="X", qty=D(1), src="A", dst="~CUSTOMER", at=T.replace(tzinfo=None))


def test_a_count_moves_the_difference_to_the_adjustment_location():
    moves = ledger.count_moves(sku="X", target=D(7), here="S1", levels=[lv("A", 10, 3)], at=T)
    assert [(m.src, m.dst, m.qty) for m in moves] == [("S1", "~ADJUSTMENT", D(3))]
    moves = ledger.count_moves(sku="X", target=D(12), here="S1", levels=[lv("A", 10, 3)], at=T)
    assert [(m.src, m.dst, m.qty, m.lot) for m in moves] == [("~ADJUSTMENT", "S1", D(2), "A")]


LOCS = ["S1", "S2", "W"]
op = st.tuples(st.sampled_from(["receipt", "sale", "transfer", "scrap", "count"]), st.sampled_from(LOCS),
               st.sampled_from(LOCS), st.sampled_from(["X", "Y"]),
               st.decimals(min_value=D("0.001"), max_value=D(500), places=3))


def _levels(levels, loc, sku):
    return [ledger.LotLevel(lot=lot, qty=q) for (lc, s, lot), q in levels.items() if lc == loc and s == sku]


def _plan(levels, kind, a, b, sku, q, i):
    at = T + timedelta(minutes=i)
    if kind == "receipt":
        return [ledger.inbound(kind=ledger.MoveKind.RECEIPT, sku=sku, qty=q, here=a, at=at, lot=f"L{i % 3}")]
    if kind == "sale":
        return ledger.outbound(kind=ledger.MoveKind.SALE, sku=sku, qty=q, here=a, levels=_levels(levels, a, sku),
                               allow_negative=True, at=at)
    if kind == "scrap":
        return ledger.outbound(kind=ledger.MoveKind.SCRAP, sku=sku, qty=q, here=a, levels=_levels(levels, a, sku),
                               allow_negative=True, at=at)
    if kind == "count":
        return ledger.count_moves(sku=sku, target=q, here=a, levels=_levels(levels, a, sku), at=at)
    if a == b:
        return []
    return ledger.outbound(kind=ledger.MoveKind.TRANSFER_OUT, sku=sku, qty=q, here=a, levels=_levels(levels, a, sku),
                           allow_negative=True, at=at, dst=b)


@settings(max_examples=200, deadline=None)
@given(st.lists(op, max_size=40))
def test_random_sequences_keep_every_product_summing_to_zero(ops):
    levels = {}
    journal = []
    for i, (kind, a, b, sku, q) in enumerate(ops):
        moves = _plan(levels, kind, a, b, sku, q, i)
        ledger.apply(levels, moves)
        journal += moves
    assert all(v == 0 for v in ledger.zero_sum(levels).values())
    # levels always equal the sum of the moves
    replay = {}
    ledger.apply(replay, journal)
    assert {k: v for k, v in replay.items() if v} == {k: v for k, v in levels.items() if v}


@settings(max_examples=100, deadline=None)
@given(st.lists(op, min_size=1, max_size=20), st.integers(min_value=0, max_value=19))
def test_reversing_a_batch_restores_the_previous_state(ops, cut):
    levels = {}
    for i, (kind, a, b, sku, q) in enumerate(ops[:-1]):
        ledger.apply(levels, _plan(levels, kind, a, b, sku, q, i))
    before = {k: v for k, v in levels.items() if v}
    kind, a, b, sku, q = ops[-1]
    last = [m.__class__(**{**m.__dict__, "id": n + 1}) for n, m in enumerate(_plan(levels, kind, a, b, sku, q, 99))]
    ledger.apply(levels, last)
    ledger.apply(levels, [ledger.reversal(m, at=T, actor=None, batch="r", message_id=None) for m in last])
    assert {k: v for k, v in levels.items() if v} == before


def test_fefo_takes_the_lot_named_first_then_the_earliest_expiry():
    t = datetime(2026, 6, 15, tzinfo=ZoneInfo("Asia/Shanghai"))
    levels = [ledger.LotLevel(lot="A", qty=Decimal(5), expiry=t + timedelta(days=5)),
              ledger.LotLevel(lot="B", qty=Decimal(5), expiry=t + timedelta(days=1)),
              ledger.LotLevel(lot="C", qty=Decimal(5), expiry=t + timedelta(days=3))]
    assert ledger.fefo(levels, Decimal(7), allow_negative=False) == [("B", Decimal(5)), ("C", Decimal(2))]
    assert ledger.fefo(levels, Decimal(7), allow_negative=False, first="A") == [("A", Decimal(5)), ("B", Decimal(2))]
    assert ledger.fefo(levels, Decimal(7), allow_negative=False, first="Z") == [("B", Decimal(5)), ("C", Decimal(2))]


def test_a_receipts_free_goods_are_known_by_their_note():
    assert ledger.gift("赠送") and ledger.gift("买十送一;赠送")
    assert not ledger.gift("") and not ledger.gift(None) and not ledger.gift("赠送品质差") and not ledger.gift("运费¥50.00")


@pytest.mark.parametrize(("method", "value", "shares"), [
    ("wechat:60,cash:27", "87", {"wechat": "60", "cash": "27"}),        # 微信60现金27: as said
    ("wechat:50,cash", "89", {"wechat": "50", "cash": "39"}),           # 微信50,剩下的现金
    ("wechat,cash", "87", {"wechat": "43.5", "cash": "43.5"}),          # 一半微信一半现金
    ("wechat,cash,alipay", "100", {"wechat": "33.33", "cash": "33.33", "alipay": "33.34"}),   # (the cent left: last)
    ("wechat:60,cash:27", "174", {"wechat": "120", "cash": "54"}),      # the quantity corrected since: scaled
    ("wechat:60,cash", "50", {"wechat": "50", "cash": "0"}),            # said more than the sale: no more than it
    ("wechat:60,cash:27", "-29", {"wechat": "-20", "cash": "-9"}),      # a refund, given back the same way
    ("wechat", "87", {"wechat": "87"}),
    (None, "5", {"": "5"}),
])
def test_a_sale_paid_several_ways_is_shared_out_to_the_cent(method, value, shares):
    got = ledger.allocate(method, Decimal(value))
    assert {k: v for k, v in got.items() if v} == {k: Decimal(v) for k, v in shares.items() if Decimal(v)}
    assert sum(got.values(), Decimal(0)) == Decimal(value)


def test_a_split_method_reads_back_as_it_was_written():
    parts = (("wechat", Decimal("60.5")), ("cash", None))
    assert ledger.split_method(parts) == "wechat:60.5,cash"
    assert ledger.tenders(ledger.split_method(parts)) == parts
    assert ledger.split_method((("wechat", Decimal(58)),)) == "wechat"   # (one way: its amount is the sale's price)
    assert ledger.tenders(None) == ()


@given(st.lists(st.tuples(st.sampled_from(ledger.PAYMENT_METHODS), st.one_of(st.none(), st.integers(1, 10_000))),
                min_size=2, max_size=4, unique_by=lambda p: p[0]),
       st.integers(-100_000, 100_000))
@settings(max_examples=200, deadline=None)
def test_the_shares_always_sum_to_the_sale(parts, cents):
    value = Decimal(cents) / 100
    method = ledger.split_method([(k, None if v is None else Decimal(v)) for k, v in parts])
    got = ledger.allocate(method, value)
    assert sum(got.values(), Decimal(0)) == value
    assert set(got) <= {k for k, _ in parts}
    assert all((v >= 0) if value >= 0 else (v <= 0) for v in got.values())
