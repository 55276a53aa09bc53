"""The owner has no home store. A question that is one store's own (可乐还能卖几天 · 可乐该订多少 · 今天要做什么) is
answered for each store; one that needs its store (上次盘点是什么时候 · 今天的日结 · 牛腩的进出记录 · 开始盘点 · 订可乐)
is asked which store, a button each, and the answer goes on with it. Before, each said only 「请说明是哪个门店或仓库,
例如:南山店收到可乐2箱」. Through the real conversation, on the demo restaurant chain."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import DEMO
from tests.e2e.conftest import Chat, confirmed, make_chat, texts


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Chat:
    chat = make_chat(tmp_path, monkeypatch, catalog=DEMO, clock="2026-06-15T10:00:00+08:00")
    confirmed(chat, "zhao", "卖了可乐2箱")      # 福田店: 67 → 19 bottles
    return chat


def buttons(out: list[dict]) -> list[str]:
    return [b for m in out for row in m.get("buttons") or [] for b in row]


def test_how_long_it_lasts_is_each_stores(demo):
    out = texts(demo.say("boss", "可乐还能卖几天")).split("\n\n")
    assert [o.split("现有")[0] for o in out] == ["⏳ 南山店可乐", "⏳ 福田店可乐"]
    assert "67瓶" in out[0] and "19瓶" in out[1]
    why = texts(demo.say("boss", "可乐该订多少")).split("\n\n")
    assert why[0].startswith("🧮 南山店可乐补货测算") and why[1].startswith("🧮 福田店可乐补货测算")
    # a store's manager hears his own store's alone, as before
    assert texts(demo.say("liu", "可乐还能卖几天")).count("⏳") == 1


def test_a_stores_own_question_asks_which_store_then_answers(demo):
    out = demo.say("boss", "牛腩的进出记录")
    assert "请说明" not in texts(out)
    assert buttons(out) == ["南山店", "福田店", "中心仓"]
    card = texts(demo.press("boss", "中心仓"))
    assert card.startswith("📒 中心仓牛腩进出") and "期末 180斤(9箱)" in card

    confirmed(demo, "zhao", "盘点:可乐19瓶")
    demo.say("boss", "上次盘点是什么时候")
    assert texts(demo.press("boss", "福田店")).startswith("🧮 福田店上次盘点")


def test_the_owners_cash_up_and_order_go_to_the_store_picked(demo):
    out = demo.say("boss", "日结:现金100")
    assert buttons(out) == ["南山店", "福田店", "中心仓"]
    said = texts(demo.press("boss", "福田店"))
    assert "福田店" in said and "¥100.00" in said
    assert "¥100.00" in texts(demo.say("zhao", "今天的日结"))
    assert "还没有日结" in texts(demo.say("liu", "今天的日结"))

    demo.say("boss", "订可乐")
    ordered = texts(demo.press("boss", "福田店"))
    assert ordered.startswith("🧮 福田店可乐补货测算")


def test_in_english_too(demo):
    demo.say("boss", "switch to English")
    out = demo.say("boss", "when was the last stock count")
    assert buttons(out) == ["南山店", "福田店", "中心仓"] and "请" not in texts(out)


def test_every_stores_share_of_the_stock_value_and_questions_said_of_every_store(demo):
    worth = texts(demo.say("boss", "各店库存金额")).splitlines()
    places = worth[-1]
    assert places.startswith("按地点:中心仓 ¥") and "南山店 ¥" in places and "福田店 ¥" in places, worth
    assert "按地点" not in texts(demo.say("liu", "库存金额"))            # one store's: no split
    confirmed(demo, "liu", "报损:牛腩2斤")
    confirmed(demo, "zhao", "报损:牛腩1斤")
    lost = texts(demo.say("boss", "各店的报损"))                          # was: 「报损」 asked as a product
    assert lost == texts(demo.say("boss", "今天的报损")) and "南山店 ¥64.00、福田店 ¥32.00" in lost, lost
    assert texts(demo.say("boss", "每个店的库存")) == texts(demo.say("boss", "库存"))   # was: 「每个」 a product


def test_each_store_said_by_a_manager_is_every_stores_not_his_own(demo):
    """各店的报损 · 每个店的库存 · 各店牛腩还有多少 said by 南山店's manager: each store's answer in turn (before: his own
    store's alone, as if 各店 had not been said)."""
    demo.say("xiaoli", "牛腩坏了2斤")
    demo.say("xiaowang", "可乐碎了1瓶")
    losses = [m["text"].splitlines()[0] for m in demo.say("liu", "各店的报损")]
    assert losses == ["📉 南山店 06-15损耗(报损和盘亏) 1 种商品,约 ¥2.50(按近期进价):",
                      "📉 福田店 06-15损耗(报损和盘亏) 1 种商品,约 ¥64.00(按近期进价):"], losses
    beef = [m["text"].splitlines()[0] for m in demo.say("liu", "各店牛腩还有多少")]
    assert beef == ["📦 南山店牛腩:42斤(2箱+2)", "📦 福田店牛腩:40斤(2箱)"], beef
    assert texts(demo.say("liu", "牛腩还有多少")).startswith("📦 南山店牛腩:42斤(2箱+2)\n")   # (his own, unsaid)
