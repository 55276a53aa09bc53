"""Phrasings where reading every quantity or product literally writes wrong stock: a dish named before what it used,
a range, a quantity corrected in the same message, a price without its unit."""
from __future__ import annotations

from decimal import Decimal

import pytest

from domain import commands
from tests.nlu import catalogs

D = Decimal


def parse(p, cat, user, text):  # type: ignore[no-untyped-def]
    return p.parse(text, speaker=catalogs.speaker(cat, user))


@pytest.mark.parametrize("text, lines", [
    ("酸菜鱼用了酸菜3袋、草鱼2条", [("P010", D(3)), ("P005", D(2))]),   # the dish says what for
    ("番茄炒蛋用了鸡蛋6个", [("P011", D(6))]),
    ("鸡蛋打了5个", [("P011", D(5))]),                                     # cracked for cooking: used
])
def test_uses_named_with_their_dish_or_the_kitchen_verb(rest_parser, restaurant, text, lines):
    r = parse(rest_parser, restaurant, "xiaowang", text)
    assert isinstance(r, commands.Parsed) and r.command.movement == commands.Movement.CONSUMPTION, r
    assert [(ln.sku, ln.qty) for ln in r.command.lines] == lines


def test_a_discount_is_no_egg_cracked(rest_parser, restaurant):
    r = parse(rest_parser, restaurant, "xiaowang", "可乐打了8折卖了10瓶")   # 打了 before a number, but a discount
    assert getattr(r, "partial", getattr(r, "command", None)).movement != commands.Movement.CONSUMPTION, r


def test_a_dish_sold_by_the_portion_is_still_no_stock_item(rest_parser, restaurant):
    r = parse(rest_parser, restaurant, "xiaowang", "酸菜鱼卖了20份")
    assert isinstance(r, commands.Clarify) and r.reason == "dish"


@pytest.mark.parametrize("text", ["可颂卖了20到30个", "收到牛奶2箱或3箱", "可颂卖了20-30个"])
def test_a_range_is_asked(cafe_parser, cafe, text):
    r = parse(cafe_parser, cafe, "amy", text)
    assert isinstance(r, commands.Clarify) and r.reason == "qty_range", r


@pytest.mark.parametrize("text, kind, qty", [
    ("收到牛奶2箱,哦不,3箱", commands.Movement.RECEIPT, D(36)),
    ("牛奶不是卖了2箱,是卖了1箱", commands.Movement.SALE, D(12)),
    ("卖了可颂3个,不对,是卖了4个", commands.Movement.SALE, D(4)),
])
def test_a_quantity_corrected_in_its_own_message_counts_once(cafe_parser, cafe, text, kind, qty):
    r = parse(cafe_parser, cafe, "amy", text)
    assert isinstance(r, commands.Parsed) and r.command.movement == kind, r
    assert [ln.qty for ln in r.command.lines] == [qty]


@pytest.mark.parametrize("text, price", [
    ("收到可乐2箱,单价60元", D("2.5")),     # ¥60 a case of 24 against a known cost of ¥2.50 a bottle
    ("收到鸡蛋3板,单价0.6元", D("0.6")),    # ¥0.60 an egg: nearer the cost per egg than per tray
    ("收到牛腩2箱,单价640元", D(32)),
])
def test_a_price_without_its_unit_is_read_against_the_known_cost(rest_parser, restaurant, text, price):
    r = parse(rest_parser, restaurant, "xiaowang", text)
    assert isinstance(r, commands.Parsed) and r.command.lines[0].unit_price == price, r


def test_a_count_of_zero_is_a_count_and_a_receipt_of_zero_is_not(cafe_parser, cafe):
    r = parse(cafe_parser, cafe, "amy", "盘点:可颂0个")
    assert isinstance(r, commands.Parsed) and isinstance(r.command, commands.CountStock)
    assert r.command.lines[0].qty == 0
    r = parse(cafe_parser, cafe, "amy", "收到牛奶0箱")
    assert isinstance(r, commands.Clarify) and r.reason == "zero_qty"


def test_this_mornings_delivery_is_a_receipt_and_almost_gone_is_a_question(rest_parser, restaurant):
    r = parse(rest_parser, restaurant, "xiaowang", "早上张记送了牛腩一箱、牛腱半箱")   # it is 09:00: not tomorrow's order
    assert isinstance(r, commands.Parsed) and r.command.movement == commands.Movement.RECEIPT, r
    assert [(ln.sku, ln.qty) for ln in r.command.lines] == [("P001", D(20)), ("P002", D(10))]
    r = parse(rest_parser, restaurant, "xiaowang", "张记明天送牛腩2箱")                # a day ahead: an order
    assert isinstance(r, commands.Parsed) and isinstance(r.command, commands.PlacePurchase), r
    for text in ("可乐快没了", "可乐马上没了"):                                          # almost: how much is left
        r = parse(rest_parser, restaurant, "xiaowang", text)
        assert isinstance(r, commands.Parsed) and isinstance(r.command, commands.QueryStock), (text, r)
    r = parse(rest_parser, restaurant, "xiaowang", "可乐没了")                          # none left: a count of 0
    assert isinstance(r, commands.Parsed) and isinstance(r.command, commands.CountStock)


def test_goods_received_as_sent_from_the_warehouse_are_a_transfer_to_the_speakers_store(rest_parser, restaurant):
    r = parse(rest_parser, restaurant, "xiaowang", "收到中心仓发来的牛腩2箱")   # was a receipt at 中心仓 itself
    assert isinstance(r, commands.Parsed) and isinstance(r.command, commands.TransferStock), r
    assert (r.command.source, r.command.dest, r.command.request) == ("WH", None, False)


def test_a_vague_amount_is_asked_but_a_name_beginning_with_duo_after_a_quantity_is_a_name(restaurant):
    from dataclasses import replace

    from domain import catalog
    from nlu import parser

    turbot = catalog.Product(sku="P099", name="多宝鱼", base_unit="条", category="水产")
    cat = replace(restaurant, products=(*restaurant.products, turbot))
    p = parser.Parser(cat)
    for text in ("收到2条多宝鱼", "收到多宝鱼2条"):
        r = parse(p, cat, "xiaowang", text)
        assert isinstance(r, commands.Parsed) and [(ln.sku, ln.qty) for ln in r.command.lines] == [("P099", D(2))], r
    r = parse(p, cat, "xiaowang", "收到20多条多宝鱼")
    assert isinstance(r, commands.Clarify) and r.reason == "qty_vague" and r.detail == "20多条", r

