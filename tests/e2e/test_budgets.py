"""Purchase budgets (采购预算), end to end on the phone shop (2026-06-15): a manager's for the store, the owner's for
the company; what counts against one (the purchase orders placed in its days at their prices, rejected or cancelled
ones left out, and the receipts no order brought, at cost); a purchaser's order past it waits for a manager, a
manager's is placed and said over."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.e2e.conftest import Chat, make_chat, texts

PHONE = ROOT / "tests" / "nlu" / "fixtures" / "phone"


@pytest.fixture
def shop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Chat:
    return make_chat(tmp_path, monkeypatch, catalog=PHONE)


def purchase_orders(chat: Chat) -> dict[int, str]:
    return {int(o["id"]): o["status"] for o in chat.export("orders") if o["kind"] == "purchase"}


def test_a_stores_budget_counts_its_orders_and_what_came_without_one(shop: Chat):
    out = texts(shop.say("lz", "本月采购预算2000"))
    assert out.startswith("💼 已设采购预算:华强店 6月 ¥2,000.00"), out
    texts(shop.say("lz", "向绿联订蓝牙耳机20副"))         # ¥900 at the catalog's cost
    texts(shop.say("lz", "收到手机支架10个,单价4"))      # ¥40, no order brought it
    texts(shop.say("lz", "向品胜订充电宝10个"))           # ¥400 …
    texts(shop.say("lz", "取消刚才的订单"))               # … cancelled: none
    texts(shop.say("cg", "向品胜订充电宝10个"))           # (the warehouse's: not the store's)
    texts(shop.say("lz", "收到蓝牙耳机5副"))              # (against order #1: counted with it, once)
    out = texts(shop.say("lz", "采购预算还剩多少"))
    assert "华强店 6月 采购预算 ¥2,000.00:已用 ¥940.00(47%;采购单 1 张 ¥900.00,直接进货 ¥40.00),还剩 ¥1,060.00" in out, out
    assert "已取消采购预算" in texts(shop.say("lz", "取消采购预算"))
    assert "还没有设采购预算" in texts(shop.say("xm", "采购预算还剩多少"))
    kept = [a["detail"]["action"] for a in shop.send(export="audit")[0]["rows"] if a["action"] == "budget"]
    assert kept == ["set", "clear"]


def test_a_purchasers_order_past_the_budget_waits_for_a_manager(shop: Chat):
    texts(shop.say("boss", "全公司本月采购预算1000"))
    assert "已创建采购单 #1" in texts(shop.say("cg", "向品胜订充电宝10个"))   # ¥400: within it
    out = shop.say("cg", "向绿联订蓝牙耳机20副")                           # ¥900: ¥1,300 in all
    assert "超出采购预算,已提交店长审批" in texts(out, to="cg")
    asked = texts(out, to="boss")
    assert "超出全公司 6月采购预算 ¥1,000.00:已用 ¥400.00,加上这单共 ¥1,300.00(超 ¥300.00)" in asked, asked
    assert purchase_orders(shop) == {1: "open", 2: "pending_approval"}
    out = texts(shop.say("lz", "向绿联订手机壳100个"))   # a manager's: placed, said over
    assert "已创建采购单 #3" in out and "超 ¥800.00" in out, out
    assert purchase_orders(shop)[3] == "open"
    assert "不能" not in texts(shop.press("boss", "批准"))
    assert purchase_orders(shop)[2] == "open"


def test_who_sets_which_budget(shop: Chat):
    assert "全公司的采购预算只有老板能设" in texts(shop.say("lz", "全公司本月采购预算5万"))
    assert "别的门店由老板来定" in texts(shop.say("lz", "东门店本月采购预算5万"))
    assert "权限" in texts(shop.say("xm", "本月采购预算5万"))
    assert "已经过去了" in texts(shop.say("lz", "5月采购预算5万"))
    texts(shop.say("lz", "每月采购预算3000"))
    out = texts(shop.say("lz", "每月采购预算5000"))
    assert "华强店 每月(6月) ¥5,000.00(原来 ¥3,000.00)" in out, out


def test_an_order_counts_in_the_month_it_was_placed_not_when_its_goods_come(shop: Chat):
    texts(shop.say("lz", "每月采购预算2000"))
    texts(shop.say("lz", "向绿联订蓝牙耳机20副"))   # ¥900 in June
    shop.send(at="2026-07-02T10:00:00+08:00")
    texts(shop.say("lz", "收到蓝牙耳机5副"))        # (its goods, in July)
    out = texts(shop.say("lz", "采购预算还剩多少"))
    assert "华强店 每月(7月) 采购预算 ¥2,000.00:已用 ¥0.00(0%;采购单 0 张 ¥0.00,直接进货 ¥0.00)" in out, out
    out = texts(shop.say("lz", "上个月采购预算用了多少"))
    assert "每月(6月) 采购预算 ¥2,000.00:已用 ¥900.00(45%;采购单 1 张" in out, out


def test_a_purchasers_change_that_takes_an_order_past_the_budget_waits_again(shop: Chat):
    texts(shop.say("boss", "全公司本月采购预算1000"))
    texts(shop.say("cg", "向品胜订充电宝10个"))   # ¥400
    assert purchase_orders(shop) == {1: "open"}
    out = shop.say("cg", "改成30个")              # ¥1,200
    assert "改动后超出采购预算" in texts(out, to="cg")
    assert "超出采购预算,请审批" in texts(out, to="boss")
    assert purchase_orders(shop) == {1: "pending_approval"}


def test_the_morning_list_says_what_is_left_of_the_budget_to_those_who_buy(shop: Chat):
    texts(shop.say("lz", "本月采购预算2000"))
    texts(shop.say("lz", "向绿联订蓝牙耳机20副"))
    out = shop.send(at="2026-06-16T07:05:00+08:00")
    prep = next(m["text"] for m in out if m["to"] == "lz" and "华强店今日备货清单" in m["text"])
    assert prep.splitlines()[-1].startswith("💼 华强店 6月 采购预算 ¥2,000.00:已用 ¥900.00(45%"), prep
    assert "还剩 ¥1,100.00" in prep
