"""Prices agreed with a supplier (采购协议价): 张记的牛腩按30元一斤 (a purchaser's or manager's, asked first against the
catalog's cost, audited) is what its purchase orders and receipts that say no price are at, and a receipt priced
above it is asked first. Before, 张记的牛腩价格定为30元 offered to change the selling price of the beef. Through the
real conversation, on the demo restaurant chain."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import DEMO
from tests.e2e.conftest import confirmed, make_chat, texts


@pytest.fixture
def chat(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    return make_chat(tmp_path, monkeypatch, catalog=DEMO, clock="2026-06-15T10:00:00+08:00")


def test_a_price_agreed_with_a_supplier_prices_its_orders_and_receipts(chat):
    asked = texts(chat.say("chen", "张记的牛腩价格定为30元"))
    assert asked.startswith("以后向张记肉业进牛腩按 ¥30.00/斤(¥600.00/箱) 算吗(目录进价 ¥32.00/斤(¥640.00/箱))")
    chat.press("chen", "确认")
    assert texts(chat.say("chen", "张记的价格表")).splitlines()[1] == \
        "· 牛腩 ¥30.00/斤(¥600.00/箱)(目录进价 ¥32.00/斤(¥640.00/箱))"
    assert "已创建采购单 #1" in confirmed(chat, "chen", "向张记订牛腩20斤")
    (po,) = [o for o in chat.send(export="orders")[0]["rows"] if o["kind"] == "purchase"]
    assert float(po["lines"][0]["unit_price"]) == 30
    assert "已记录" in confirmed(chat, "chen", "收到张记的牛腩50斤")             # no price said: at the agreed one
    receipts = [m for m in chat.send(export="moves")[0]["rows"] if m["kind"] == "receipt"]
    assert [float(m["unit_cost"]) for m in receipts] == [30]
    with chat.container.uow() as uow:                                   # the catalog's selling price is untouched
        assert uow.catalog.product("P001").unit_price == 48
    changed = [a["detail"] for a in chat.send(export="audit")[0]["rows"] if a["action"] == "customer_price"]
    assert changed == [{"partner": "S01", "sku": "P001", "price": "30"}]


def test_a_receipt_above_the_agreed_price_is_asked_first(chat):
    confirmed(chat, "chen", "张记的牛腩按30元一斤")
    before = chat.stock()["WH:P001"]
    asked = texts(chat.say("chen", "收到张记的牛腩10斤,单价35")).splitlines()
    assert asked == ["⚠️ 高于协议价:牛腩 每斤 ¥35.00(张记肉业协议价 ¥30.00)。", "要记录「中心仓入库 牛腩 10斤(张记肉业),进价 ¥35.00/斤,共 ¥350.00」吗?"]
    assert chat.stock()["WH:P001"] == before
    assert "已记录" in texts(chat.press("chen", "确认"))
    assert texts(chat.say("chen", "收到张记的牛腩10斤,单价29")).startswith("✅ 已记录")   # below it: nothing to ask


def test_staff_may_not_agree_prices_and_one_can_be_taken_away(chat):
    assert texts(chat.say("xiaowang", "张记的牛腩按28元一斤")).startswith("你的角色没有这个权限。这件事要")
    confirmed(chat, "liu", "张记的牛腩按30元一斤")                      # a manager may
    assert texts(chat.say("chen", "取消张记的牛腩协议价")).startswith("取消张记肉业的牛腩协议价")
    assert texts(chat.press("chen", "确认")) == "✅ 向张记肉业进牛腩以后按目录进价 ¥32.00/斤(¥640.00/箱) 算。"
    assert texts(chat.say("chen", "张记的价格表")).startswith("和张记肉业没有约定进价")


def test_the_suppliers_own_people_hear_of_an_order_once_it_is_ours_to_send(chat):
    out = chat.say("chen", "向张记订牛腩20斤,明天送")
    assert texts(out, "zhangji") == "📦 中心仓新采购单 #1:牛腩 20斤(1箱),送到中心仓,06-16 到。收到请回「收到」,发货后回「订单1已发货」。"
    held = chat.say("chen", "向张记订牛腩200斤")                       # over the approval limit: not yet
    assert texts(held, "zhangji") == ""
    approved = chat.press("boss", "批准")
    assert texts(approved, "zhangji").startswith("📦 中心仓新采购单 #2:牛腩 200斤(10箱),送到中心仓,尽快。")
    assert "¥" not in texts(out, "zhangji") + texts(approved, "zhangji")   # never a price


def test_a_suppliers_new_price_said_as_news_is_its_agreed_price(chat):
    """张记的牛腩涨价了,现在35一斤 (a purchaser's: before, refused as a change of the catalog's cost, a manager's) is the
    price agreed with 张记, asked first; 牛腩涨价了,35一斤 with no supplier named is still the catalog's."""
    asked = texts(chat.say("chen", "张记的牛腩涨价了,现在35一斤"))
    assert asked.startswith("以后向张记肉业进牛腩按 ¥35.00/斤(¥700.00/箱) 算吗"), asked
    chat.press("chen", "确认")
    assert "已创建采购单 #1" in confirmed(chat, "chen", "向张记订牛腩20斤")
    (po,) = [o for o in chat.send(export="orders")[0]["rows"] if o["kind"] == "purchase"]
    assert float(po["lines"][0]["unit_price"]) == 35
    assert "没有这个权限" in texts(chat.say("chen", "牛腩涨价了,35一斤"))            # (the catalog's: a manager's)


def test_a_suppliers_price_moved_by_an_amount_moves_what_it_charges_now(chat):
    confirmed(chat, "chen", "收到张记牛腩10斤,单价34")   # no price agreed: from what its last delivery cost
    asked = texts(chat.say("chen", "张记的牛腩涨了3块"))
    assert asked.startswith("牛腩:上次进价 ¥34.00/斤(¥680.00/箱) → ¥37.00/斤(¥740.00/箱)\n"
                            "以后向张记肉业进牛腩按 ¥37.00/斤(¥740.00/箱) 算吗"), asked
    chat.press("chen", "确认")
    asked = texts(chat.say("chen", "张记牛腩每箱降了20块"))   # from the price agreed now, ¥1 a 斤 (箱 = 20斤)
    assert asked.startswith("牛腩:原协议价 ¥37.00/斤(¥740.00/箱) → ¥36.00/斤(¥720.00/箱)\n"), asked
    chat.press("chen", "确认")
    assert texts(chat.say("chen", "张记的价格表")).splitlines()[1].startswith("· 牛腩 ¥36.00/斤")
    assert "目录进价 ¥2.50/瓶(¥60.00/箱) → ¥3.50/瓶" in texts(chat.say("chen", "张记的可乐涨了1块"))   # (nothing else)
    chat.press("chen", "取消")
    beef = next(p for p in chat.export("products") if p["sku"] == "P001")
    assert float(beef["unit_cost"]) == 32   # the catalog's cost untouched
    before = texts(chat.say("chen", "张记的价格表"))
    assert texts(chat.say("chen", "张记牛腩降了50块")) == "牛腩 ¥36.00/斤(¥720.00/箱) 降 ¥50.00 就不是正数了,没有改动。"
    assert texts(chat.say("chen", "张记的价格表")) == before
