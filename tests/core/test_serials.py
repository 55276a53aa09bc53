"""Serial numbers (domain/serials.py): units counted one by one, where one is, its warranty, a count by serials."""
from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal as D

import pytest

from domain import catalog, commands, errors, ledger, serials, trace

T0 = datetime(2026, 6, 15, 2, 0, tzinfo=UTC)   # 10:00 in Shanghai
SH = timezone(timedelta(hours=8))
EARBUDS = catalog.Product(sku="A06", name="蓝牙耳机", base_unit="副", serial=True, warranty_days=365)
CABLE = catalog.Product(sku="A01", name="数据线", base_unit="根")
MK = ledger.MoveKind


def line(qty: int, *codes: str, sku: str = "A06") -> commands.Line:
    return commands.Line(sku=sku, qty=D(qty), serials=codes)


def test_a_product_kept_by_serial_moves_only_with_each_unit_named_once():
    serials.check(EARBUDS, line(2, "SN1", "SN2"))
    serials.check(CABLE, line(3))                      # (not kept by serial: no codes needed)
    serials.check(CABLE, line(1, "C1"))                # (any product's units may be named)
    with pytest.raises(errors.BadInput) as none:
        serials.check(EARBUDS, line(2))
    assert none.value.code == "serials_needed" and none.value.params["unit"] == "副"
    with pytest.raises(errors.BadInput) as short:
        serials.check(EARBUDS, line(3, "SN1", "SN2"))
    assert short.value.code == "serials_count" and short.value.params == {"product": "蓝牙耳机", "n": "2", "qty": "3副"}
    with pytest.raises(errors.BadInput) as twice:
        serials.check(EARBUDS, line(2, "SN1", "SN1"))
    assert twice.value.code == "serials_twice" and twice.value.params["serial"] == "SN1"
    with pytest.raises(errors.BadInput) as many:
        serials.check(EARBUDS, line(serials.MAX_UNITS + 1, *(f"N{i}" for i in range(serials.MAX_UNITS + 1))))
    assert many.value.code == "serials_too_many"


def _moves() -> list[ledger.Move]:
    """SN1: received at MD, sent to DB, sold there to C02, then the sale undone and sold again walk-in."""
    one = D(1)
    ms = [ledger.inbound(kind=MK.RECEIPT, sku="A06", qty=one, here="MD", at=T0, lot="SN1", partner="S01"),
          ledger.Move(kind=MK.TRANSFER_OUT, sku="A06", qty=one, src="MD", dst="~TRANSIT", lot="SN1", at=T0),
          ledger.Move(kind=MK.TRANSFER_IN, sku="A06", qty=one, src="~TRANSIT", dst="DB", lot="SN1", at=T0),
          ledger.Move(kind=MK.SALE, sku="A06", qty=one, src="DB", dst="~CUSTOMER", lot="SN1", partner="C02",
                      at=T0 + timedelta(days=1))]
    return [replace(m, id=i + 1) for i, m in enumerate(ms)]


def test_an_order_s_units_go_to_its_one_line_kept_by_serial():
    order = (line(2), line(10, sku="A01"))
    got = serials.of_order(order, ("SN1", "SN2"), {"A06"}, order_id=3, kind="purchase", partner="绿联")
    assert [ln.serials for ln in got] == [("SN1", "SN2"), ()]
    only = serials.of_order((line(10, sku="A01"),), ("C1",), set(), order_id=3, kind="purchase", partner="绿联")
    assert only[0].serials == ("C1",)                  # (its only line, kept by serial or not)
    assert serials.of_order(order[1:], (), set(), order_id=3, kind="sale", partner="王记") == order[1:]
    with pytest.raises(errors.BadInput) as needed:     # a line kept by serial, none said
        serials.of_order(order, (), {"A06"}, order_id=3, kind="sale", partner="王记")
    assert needed.value.code == "order_serials_needed_sale"
    assert needed.value.params == {"id": "3", "sku": "A06", "partner": "王记"}
    for kept in ({"A06", "A07"}, set()):               # two lines could be theirs
        with pytest.raises(errors.BadInput) as which:
            serials.of_order((line(1), line(1, sku="A07")), ("SN1",), kept, order_id=3, kind="purchase", partner="绿联")
        assert which.value.code == "order_serials_which"


def test_where_a_unit_is_follows_its_standing_moves():
    ms = _moves()
    where = serials.held(ms[:3])
    assert serials.in_stock(where) == ["DB"] and not serials.sold(where)
    where = serials.held(ms)
    assert serials.in_stock(where) == [] and serials.sold(where)
    undone = [*ms, replace(ledger.reversal(ms[3], at=T0, actor=None, batch="u", message_id=None), id=9)]
    assert serials.in_stock(serials.held(undone)) == ["DB"] and not serials.sold(serials.held(undone))
    back = [*ms, replace(ledger.inbound(kind=MK.CUSTOMER_RETURN, sku="A06", qty=D(1), here="MD", at=T0, lot="SN1"),
                         id=9)]
    assert serials.in_stock(serials.held(back)) == ["MD"] and not serials.sold(serials.held(back))


def test_the_warranty_runs_a_year_from_the_day_sold_in_the_tenant_s_zone():
    ms = _moves()
    tr = trace.trace("A06", "SN1", ms)
    sold = serials.last_sold(tr)
    assert sold == T0 + timedelta(days=1)
    assert serials.warranty_end(sold, 365, SH).isoformat() == "2027-06-15"   # sold 06-16, covered to 06-15
    late = datetime(2026, 6, 15, 17, 0, tzinfo=UTC)   # 01:00 on the 16th in Shanghai
    assert serials.warranty_end(late, 30, SH).isoformat() == "2026-07-15"
    assert serials.last_sold(trace.trace("A06", "SN1", ms[:3])) is None


def test_a_count_by_serials_leaves_exactly_the_units_named():
    levels = [ledger.LotLevel("20260601", D(3)), ledger.LotLevel("SN1", D(1)), ledger.LotLevel("SN9", D(1))]
    moves = serials.count_moves(sku="A06", codes=("SN1", "SN2"), here="MD", levels=levels, at=T0)
    after: dict[tuple[str, str, str], D] = {("MD", "A06", lv.lot): lv.qty for lv in levels}
    ledger.apply(after, moves)
    assert {k[2]: v for k, v in after.items() if k[0] == "MD" and v} == {"SN1": 1, "SN2": 1}
    assert all(m.kind == MK.COUNT_ADJUSTMENT for m in moves)
    found = serials.count_moves(sku="A06", codes=("SN5",), here="MD", levels=levels, at=T0, surplus=True)
    assert [(m.lot, m.qty, m.dst) for m in found] == [("SN5", 1, "MD")]
