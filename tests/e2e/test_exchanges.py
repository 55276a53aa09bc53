"""A customer's exchange at the till (客人拿手机壳换了一个充电宝 · 王记用2个手机壳换了充电宝 · 顾客把耳机换成充电宝):
the goods back and the other product sold in their place, one batch asked first, on the phone shop."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.e2e.conftest import Chat, make_chat, texts

PHONE = ROOT / "tests" / "nlu" / "fixtures" / "phone"


@pytest.fixture
def shop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Chat:
    return make_chat(tmp_path, monkeypatch, catalog=PHONE)


def test_a_customers_exchange_takes_one_back_and_sells_the_other(shop: Chat):
    asked = texts(shop.say("xm", "客人拿手机壳换了一个充电宝"))   # was: a stock question of both
    assert "· 华强店客户退回 手机壳 1个\n· 华强店销售 充电宝 1个" in asked, asked
    shop.press("xm", "确认")
    assert [(m["kind"], m["sku"], float(m["qty"])) for m in shop.export("moves")] == \
        [("customer_return", "A05", 1.0), ("sale", "A07", 1.0)]
    asked = texts(shop.say("xm", "王记用2个手机壳换了充电宝"))     # a customer named: its account both ways
    assert "华强店客户退回 手机壳 2个(王记手机店)" in asked and "华强店销售 充电宝 1个(王记手机店)" in asked, asked
    shop.press("xm", "取消")
    for not_a_customer in ("小美拿手机壳换了充电宝", "绿联拿手机壳换了充电宝"):   # (a clerk, a supplier: no exchange)
        assert "客户退回" not in texts(shop.say("xm", not_a_customer)) and len(shop.export("moves")) == 2


def test_the_other_goods_counted_as_the_first_when_both_are_counted_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from tests.conftest import DEMO
    chat = make_chat(tmp_path, monkeypatch, catalog=DEMO)
    asked = texts(chat.say("xiaowang", "客人拿了2瓶可乐换成雪碧"))   # (bottles for bottles: 2 of 雪碧, not 1)
    assert "· 南山店客户退回 可乐 2瓶\n· 南山店销售 雪碧 2瓶" in asked, asked


def test_a_broken_one_brought_back_is_written_off_and_one_swapped_for_it_goes_out(shop: Chat):
    shop.say("xm", "收到充电宝5个")
    asked = texts(shop.say("xm", "充电宝坏了1个,客人拿回来换"))        # was: our own loss, the customer's unseen
    assert "· 华强店客户退回 充电宝 1个(换新)\n· 华强店报损 充电宝 1个(退回的坏货)\n· 华强店销售 充电宝 1个(换新)" in asked, asked
    shop.press("xm", "确认")
    assert shop.stock()["MD:A07"] == 4                                  # the new one out, the broken one written off
    asked = texts(shop.say("xm", "客人退了一副坏的耳机"))               # was: back on the shelf, to be sold again
    assert "· 华强店客户退回 蓝牙耳机 1副\n· 华强店报损 蓝牙耳机 1副(退回的坏货)" in asked and "销售" not in asked, asked
    shop.press("xm", "确认")
    assert "客户退回" in texts(shop.say("xm", "客人拿回来一个坏的充电宝"))   # was: our own stock written off
    moved = [(m["kind"], m["sku"], m["note"]) for m in shop.export("moves") if m["kind"] != "receipt"]
    assert moved == [("customer_return", "A07", "换新"), ("scrap", "A07", "退回的坏货"), ("sale", "A07", "换新"),
                     ("customer_return", "A06", ""), ("scrap", "A06", "退回的坏货")], moved
    sale, back = (next(m for m in shop.export("moves") if m["kind"] == k and m["sku"] == "A07")
                  for k in ("sale", "customer_return"))
    assert sale["unit_price"] == back["unit_price"]                      # swapped: no money changes hands


def test_a_theft_is_a_loss_and_a_display_unit_is_used_not_sold(shop: Chat):
    """手机壳被客人偷了一个 · 有人偷走了2个充电宝 (were not understood): losses; 蓝牙耳机拆了一副当样机 (was not understood):
    used, so never sold as new, and no money comes in."""
    shop.say("xm", "收到手机壳10个")
    shop.say("xm", "收到充电宝5个")
    shop.say("xm", "收到蓝牙耳机5副")
    for said in ("手机壳被客人偷了一个", "有人偷走了2个充电宝", "蓝牙耳机拆了一副当样机"):
        assert "已记录" in texts(shop.say("xm", said)), said
    kinds = [(m["kind"], m["sku"], m["qty"]) for m in shop.export("moves") if m["actor"] == "xm"][-3:]
    assert kinds == [("scrap", "A05", "1"), ("scrap", "A07", "2"), ("consumption", "A06", "1")], kinds
    assert shop.stock()["MD:A05"] == 9 and shop.stock()["MD:A07"] == 3 and shop.stock()["MD:A06"] == 4


def test_the_colours_a_sale_came_in_are_kept_as_its_note(shop: Chat):
    """手机壳卖了5个,3个黑色2个白色: the sale of 5, the colours its note (was 「黑色」 an unknown product)."""
    shop.say("xm", "收到手机壳10个")
    out = texts(shop.say("xm", "手机壳卖了5个,3个黑色2个白色"))
    assert "已记录" in out and "3个黑色2个白色" in out, out
    sale = [m for m in shop.export("moves") if m["kind"] == "sale"][-1]
    assert (sale["qty"], sale["note"]) == ("5", "3个黑色2个白色"), sale
