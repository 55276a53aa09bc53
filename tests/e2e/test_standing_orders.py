"""Standing orders (固定订单): 每周一向张记订牛腩50斤 places that purchase order every Monday morning; 团餐每周一要牛腩20斤
places the customer's order the day before, due on Monday, so the prep list books it. Each placed once per day, as its
owner would in the chat, and told to the owner; paused, none; a product no longer carried, said and none. Before,
每周一给团餐备牛腩20斤 recorded a sale at once. Through the real conversation and scheduler, on the demo chain."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import DEMO
from tests.e2e.conftest import confirmed, make_chat, texts


@pytest.fixture
def chat(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    return make_chat(tmp_path, monkeypatch, catalog=DEMO, clock="2026-06-13T10:00:00+08:00")   # a Saturday


def orders(chat, kind: str) -> list[dict]:  # type: ignore[no-untyped-def]
    return [o for o in chat.send(export="orders")[0]["rows"] if o["kind"] == kind]


def told(out: list[dict], to: str) -> list[str]:
    return [m["text"] for m in out if m.get("to") == to and "固定订单" in m.get("text", "")]


def test_a_standing_purchase_is_placed_each_monday_once(chat):
    assert texts(chat.say("chen", "每周一向张记订牛腩50斤")).splitlines()[1] == "每周一 09:00 → 向【张记肉业】订 牛腩 50斤"
    assert texts(chat.press("chen", "确认")) == "规则 #1 已保存并生效。"
    assert told(chat.send(at="2026-06-15T08:59:00+08:00"), "chen") == []
    assert told(chat.send(at="2026-06-15T12:00:00+08:00"), "chen") == ["🔁 固定订单(规则 #1):🧾 已创建采购单 #1:张记肉业 牛腩 50斤,金额 ¥1,600.00"]
    (po,) = orders(chat, "purchase")
    assert (po["partner"], po["status"], po["lines"][0]["sku"], po["lines"][0]["qty"]) == ("S01", "open", "P001", "50")
    assert told(chat.send(at="2026-06-21T12:00:00+08:00"), "chen") == []            # not again before next Monday
    assert len(told(chat.send(at="2026-06-22T12:00:00+08:00"), "chen")) == 1
    assert len(orders(chat, "purchase")) == 2
    assert "已暂停" in texts(chat.say("chen", "暂停规则1"))
    chat.send(at="2026-06-29T12:00:00+08:00")
    assert len(orders(chat, "purchase")) == 2                                        # paused: none


def test_a_customers_standing_order_is_placed_the_day_before_and_booked(chat):
    rule = texts(chat.say("liu", "团餐每周一要牛腩20斤,中午12点提货")).splitlines()[1]
    assert rule == "每周日 09:00 → 给【美团团餐】下单 牛腩 20斤,次日 12:00 提货"
    chat.press("liu", "确认")
    (placed,) = told(chat.send(at="2026-06-14T09:30:00+08:00"), "liu")             # Sunday morning
    assert placed.startswith("🔁 固定订单(规则 #1):🧾 已登记客户订单 #1:美团团餐 牛腩 20斤")
    (so,) = orders(chat, "sale")
    assert (so["partner"], so["location"], so["due"][:16]) == ("C01", "NS", "2026-06-15T12:00")
    prep = texts(chat.say("liu", "今日备货清单"))
    assert "牛腩:现有" in prep and "预定 20斤" in prep                                # the prep list counts it


def test_said_as_a_standing_order_it_records_nothing_now(chat):
    before = chat.stock()
    out = texts(chat.say("liu", "每周一给团餐备牛腩20斤"))
    assert "每周日 09:00 → 给【美团团餐】下单 牛腩 20斤,次日提货" in out and "确认保存吗" in out
    assert chat.stock() == before


def test_a_product_no_longer_carried_is_said_and_nothing_placed(chat):
    assert "规则 #1" in confirmed(chat, "chen", "每周一向张记订牛腩50斤")
    assert "已下架" in confirmed(chat, "liu", "牛腩下架")
    (said,) = told(chat.send(at="2026-06-15T12:00:00+08:00"), "chen")
    assert said == "🔁 固定订单(规则 #1)这次没有下:牛腩已下架,改一下这条规则或暂停它。"
    assert orders(chat, "purchase") == []


def test_a_standing_order_said_in_english(chat):
    # (before: every monday order 50 jin 牛腩 from 张记 placed one order due today; 团餐 wants 20 jin 牛腩 every monday
    # recorded a receipt)
    assert texts(chat.say("chen", "every day at 8am order 2 bags of 土豆 from 绿源")).splitlines()[1] == \
        "每天 08:00 → 向【绿源蔬菜】订 土豆 20公斤"
    assert texts(chat.press("chen", "确认")) == "规则 #1 已保存并生效。"
    assert texts(chat.say("liu", "团餐 wants 20 jin 牛腩 every monday")).splitlines()[1] == \
        "每周日 09:00 → 给【美团团餐】下单 牛腩 20斤,次日提货"
    chat.press("liu", "确认")
    assert not orders(chat, "purchase") and not orders(chat, "sale")       # nothing placed as they were said
    chat.send(at="2026-06-14T12:00:00+08:00")                               # Sunday
    assert len(orders(chat, "purchase")) == 1 and len(orders(chat, "sale")) == 1
