"""The network's pure parts: what an order's snapshot may carry (never a price), how another company's lines are
placed in our catalog, the invitation's code."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal as D
from zoneinfo import ZoneInfo

import pytest

from domain import catalog, errors, network, orders

T = datetime(2026, 6, 15, 9, tzinfo=ZoneInfo("Asia/Shanghai"))
BEEF = catalog.Product(sku="P001", name="牛腩", base_unit="斤", packs={"箱": D(20)}, unit_price=D(48), unit_cost=D(32))
OURS = (catalog.Product(sku="M01", name="牛腩", base_unit="公斤", packs={"箱": D(10)}, unit_price=D(60)),
        catalog.Product(sku="M03", name="猪五花", aliases=("五花肉",), base_unit="公斤"),
        catalog.Product(sku="M09", name="羊排", base_unit="公斤", active=False))


def po(status: orders.Status = orders.Status.OPEN) -> orders.Order:
    return orders.Order(kind=orders.OrderKind.PURCHASE, status=status, created_at=T, due=T, partner="S01", id=7,
                        lines=(orders.OrderLine(sku="P001", qty=D(40), unit_price=D(55), received=D(10)),))


def test_a_purchase_orders_snapshot_carries_what_the_supplier_may_see_and_never_a_price():
    snap = network.po_snapshot(po(), {"P001": BEEF})
    assert snap == {"po": 7, "status": "open", "due": T.isoformat(),
                    "lines": [{"sku": "P001", "name": "牛腩", "qty": "40", "unit": "斤", "received": "10"}]}
    assert "55" not in str(snap) and "48" not in str(snap) and "32" not in str(snap)
    assert network.po_snapshot(po(orders.Status.PENDING_APPROVAL), {"P001": BEEF}) is None   # ours to approve first
    with pytest.raises(errors.InvalidState):   # a field added later that the other side may not see: refused
        network.checked({**snap, "amount": "2200"}, network.PO_FIELDS, network.PO_LINE_FIELDS)
    with pytest.raises(errors.InvalidState):
        network.checked({"po": 7, "lines": [{"sku": "P001", "unit_price": "55"}]}, network.PO_FIELDS,
                        network.PO_LINE_FIELDS)


def test_their_lines_are_placed_by_name_or_our_alias_in_our_unit_and_the_rest_said_with_why():
    lines = [{"sku": "P001", "name": "牛腩", "qty": "40", "unit": "斤"},
             {"sku": "P003", "name": "五花肉", "qty": "10", "unit": "斤"},
             {"sku": "P004", "name": "鸡翅", "qty": "5", "unit": "斤"},
             {"sku": "P009", "name": "羊排", "qty": "5", "unit": "斤"},          # (ours, but off the catalog)
             {"sku": "P001", "name": "牛腩", "qty": "2", "unit": "桶"}]
    found, missing = network.match(lines, list(OURS))
    assert [(m.sku, m.qty, m.peer_sku, m.factor) for m in found] == [("M01", D(20), "P001", D(2)),
                                                                     ("M03", D(5), "P003", D(2))]
    assert [(u["name"], u["why"]) for u in missing] == [("鸡翅", "name"), ("羊排", "name"), ("牛腩", "unit")]


def test_our_customers_order_goes_back_as_what_we_shipped_in_its_units():
    o = orders.Order(kind=orders.OrderKind.SALE, status=orders.Status.PARTIAL, created_at=T, partner="C01", id=12,
                     lines=(orders.OrderLine(sku="M01", qty=D(20), unit_price=D(60), received=D(15)),),
                     meta={"network": {"peer": "default", "po": 7, "unmatched": [{"name": "鸡翅"}],
                                       "lines": [{"sku": "M01", "peer_sku": "P001", "factor": "2"}]}})
    assert network.so_snapshot(o) == {"po": 7, "so": 12, "status": "partial",
                                      "lines": [{"sku": "P001", "shipped": "30"}], "unmatched": ["鸡翅"]}
    assert network.so_snapshot(orders.Order(kind=orders.OrderKind.SALE, status=orders.Status.OPEN, created_at=T,
                                            lines=())) is None   # (a customer's order of our own: not the network's)


def test_an_invitation_code_reads_aloud_and_is_found_however_it_was_typed():
    code = network.invite_code(bytes(range(8)))
    assert code == "KG-ABCD-EFGH" and set(code[3:].replace("-", "")) <= set(network.CODE_ALPHABET)
    assert network.normal_code("kg abcd efgh") == network.normal_code("KG-ABCD-EFGH") == "KG-ABCD-EFGH"
