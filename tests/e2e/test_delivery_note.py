"""送货单 (a delivery note to print and send with the goods): 团餐今天的送货单 · 订单1的送货单 send a spreadsheet of what the
customer took that day, or what its order holds, a row per product with its price and amount, the total and a line
for the receiver's signature. Through the real conversation."""
from __future__ import annotations

from tests.e2e.conftest import confirmed, texts
from tests.e2e.test_exports import ask, book, rows


def test_a_customers_sales_of_the_day_as_a_delivery_note(chat):
    assert "已记录" in confirmed(chat, "amy", "盒马拿了可颂20个,每个8元")
    assert "已记录" in confirmed(chat, "amy", "盒马拿了可颂10个,每个8元")           # the same product and price: one row
    assert "已记录" in confirmed(chat, "amy", "盒马拿了牛奶1箱,每箱60元")
    assert "已记录" in confirmed(chat, "amy", "盒马拿了鸡蛋1板,每板30元")
    assert "已撤销" in texts(chat.say("amy", "撤销"))                              # undone: not on the note
    out = ask(chat, "amy", "打印盒马今天的送货单")
    (text,) = [m.text for m in out if m.file is not None]
    assert text == "🚚 盒马送货单(06-15,徐汇店发货):2 种商品,合计 ¥300.00。打印后随货送去,请收货人签字。"
    (sheet,) = book(out).worksheets
    got = [(r["商品"], r["数量"], r["单位"], r["单价"], r["金额"]) for r in rows(sheet)]
    assert got == [("可颂", 30, "个", 8, 240), ("全脂牛奶", 12, "升", 5, 60), ("合计", None, None, None, 300),
                   ("收货人签字:", None, None, None, None)]


def test_an_orders_delivery_note_and_what_is_asked_when_nothing_is_named(chat):
    assert "客户订单 #1" in confirmed(chat, "zhou", "盒马订可颂50个,每个8元,明天提货")
    out = ask(chat, "zhou", "订单1的送货单")
    (text,) = [m.text for m in out if m.file is not None]
    assert text.startswith("🚚 盒马送货单#1(06-16,徐汇店发货):1 种商品,合计 ¥400.00")
    assert texts(chat.say("amy", "送货单")) == "哪位客户的送货单?说「团餐今天的送货单」或「订单3的送货单」。"
    assert texts(chat.say("amy", "盒马昨天的送货单")) == "盒马 06-14 没有拿货,没有送货单。"
