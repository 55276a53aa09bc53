"""给张记下单 · 向张记订货 · 张记要订什么 (no goods named): the prep list of what comes from that supplier (the catalog's
supplier, else whom its latest receipt named), and its button asks for those alone. Before, 给张记下单 was not understood,
给张记发个订单 listed the orders already open and 张记要订什么 gave every supplier's goods. Through the real conversation,
on the demo restaurant chain."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import DEMO
from tests.e2e.conftest import Chat, confirmed, make_chat, texts


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Chat:
    chat = make_chat(tmp_path, monkeypatch, catalog=DEMO, clock="2026-06-15T10:00:00+08:00")
    confirmed(chat, "liu", "收到牛腩5斤,张记送的")      # 牛腩 comes from 张记 (the demo's catalog names no supplier)
    confirmed(chat, "xiaowang", "卖了牛腩30斤")        # 17 left, safety stock 30
    confirmed(chat, "xiaowang", "卖了可乐60瓶")        # 7 left, safety stock 48: someone else's
    return chat


def test_a_suppliers_goods_to_order_and_its_requests(demo):
    for said in ("给张记下单", "向张记订货", "给张记发个订单", "张记要订什么"):
        out = demo.say("liu", said)
        text = texts(out)
        assert text.startswith("📋 南山店要向张记肉业订的货(06-15)"), (said, text)
        assert "· 牛腩:现有 17斤" in text and "可乐" not in text, (said, text)
    everything = texts(demo.say("liu", "今日备货清单"))
    assert "牛腩" in everything and "可乐" in everything
    demo.say("liu", "给张记下单")
    made = texts(demo.press("liu", "按清单生成采购申请"))
    assert "采购申请 #1" in made, made
    listed = texts(demo.say("liu", "待审批"))
    assert "张记肉业:牛腩 20斤(1箱)" in listed and "可乐" not in listed, listed


def test_nothing_needed_from_a_supplier_is_said_so(demo):
    out = demo.say("liu", "给绿源下单")
    assert texts(out) == "📋 南山店要向绿源蔬菜订的货(06-15)\n绿源蔬菜的货库存充足,今天不用订。"
    assert not any(m.get("buttons") for m in out)


def test_the_owner_hears_each_stores_goods_from_the_supplier(demo):
    out = demo.say("boss", "给张记下单")
    parts = texts(out).split("\n\n")
    assert parts[0].startswith("📋 南山店要向张记肉业订的货") and "· 牛腩:现有 17斤" in parts[0] and "可乐" not in parts[0]
    assert parts[1] == "📋 福田店要向张记肉业订的货(06-15)\n张记肉业的货库存充足,今天不用订。"
    made = texts(demo.press("boss", "南山店:按清单生成采购申请"))
    assert "采购申请 #1" in made, made
    assert "可乐" not in texts(demo.say("liu", "待审批"))                # 张记's goods alone


def test_a_receipt_undone_names_no_supplier(demo):
    demo.say("liu", "收到可乐1瓶,绿源送的")
    demo.say("liu", "撤销")                                             # (可乐 stays 7, below its safety stock)
    assert texts(demo.say("liu", "给绿源下单")) == "📋 南山店要向绿源蔬菜订的货(06-15)\n绿源蔬菜的货库存充足,今天不用订。"
