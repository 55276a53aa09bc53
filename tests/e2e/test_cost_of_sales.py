"""The cost of what sold is what its lots came in at (first expiring, first out), not the product's recent cost:
the gross margin in the chat and in the sales spreadsheet, through the real conversation."""
from __future__ import annotations

from datetime import datetime

import pytest

from tests.e2e.conftest import texts
from tests.e2e.test_exports import ask, book, rows


@pytest.fixture
def two_lots(chat):  # type: ignore[no-untyped-def]
    """静安店 receives cream at ¥10 a box on 06-15 and at ¥20 on 06-16 (a later lot), then sells 15 boxes at ¥30 and
    undoes a sale of 2 more."""
    assert "已记录" in texts(chat.say("bo", "收到奶油10盒,每盒10元"))
    chat.container.clock.set(datetime.fromisoformat("2026-06-16T09:00:00+08:00"))
    assert "已记录" in texts(chat.say("bo", "收到奶油10盒,每盒20元"))
    assert "已记录" in texts(chat.say("bo", "卖了奶油15盒,每盒30元"))
    assert "已记录" in texts(chat.say("bo", "卖了奶油2盒,每盒30元"))
    assert "已撤销" in texts(chat.say("bo", "撤销"))
    return chat


def test_the_margin_costs_each_sale_at_its_lot(two_lots):
    # 10 of the ¥10 lot and 5 of the ¥20 lot: ¥200 (at the recent cost, ¥15 a box, it would read ¥225)
    reply = texts(two_lots.say("bo", "今天毛利多少"))
    assert "销售额约 ¥450.00(按售价),成本约 ¥200.00,毛利约 ¥250.00(55.6%)" in reply, reply
    ranked = texts(two_lots.say("bo", "哪个商品最赚钱"))
    assert "· 淡奶油 15盒(1箱+3):收入 ¥450.00,成本 ¥200.00,毛利 ¥250.00(56%)" in ranked, ranked


def test_the_sales_sheet_has_the_mean_cost_of_what_sold(two_lots):
    sheet = rows(book(ask(two_lots, "bo", "导出今天的销售"))["销售汇总"])
    cream = next(r for r in sheet if r["商品编码"] == "B02")
    assert (cream["数量"], cream["销售额"], cream["成本"], cream["毛利"]) == (15, 450, 200, 250)
    assert round(cream["单位进价"], 2) == 13.33


def test_the_stock_book_values_each_lot_at_what_it_came_in_at(two_lots):
    reply = texts(two_lots.say("bo", "今天的进销存"))
    # opening: the ¥10 lot; in: the ¥20 lot; out: 10 at ¥10 and 5 at ¥20; left: 5 at ¥20
    assert "期初 ¥100.00 + 入库 ¥200.00 − 出库 ¥200.00 = 期末 ¥100.00" in reply, reply
    assert "淡奶油:期初 10盒,入 10(采购10),出 15(销售15),期末 5盒" in reply, reply
    sheet = rows(book(ask(two_lots, "bo", "导出今天的进销存"))["进销存汇总"])
    cream = next(r for r in sheet if r["商品编码"] == "B02")
    assert (cream["期初金额"], cream["入库金额"], cream["出库金额"], cream["期末金额"], cream["单位进价"]) == \
        (100, 200, 200, 100, 20)


def test_the_stock_is_worth_what_its_lots_came_in_at(two_lots):
    reply = texts(two_lots.say("bo", "库存值多少钱"))   # 5 boxes left of the ¥20 lot (at the recent ¥15: ¥75)
    assert "淡奶油 5盒:¥100.00" in reply.replace("约", ""), reply
    sheet = rows(book(ask(two_lots, "bo", "导出库存"))["库存"])
    cream = next(r for r in sheet if r["商品编码"] == "B02")
    assert (cream["库存"], cream["单位进价"], cream["库存金额"]) == (5, 20, 100)
