"""Rules on the day's takings (如果今天营业额低于1000就告诉我 · 营业额超过300时通知我 · 全公司今天营业额超过… · 可乐今天
销售额超过…): a store's (the whole company's, a product's) takings as the sales answers count them. Over a threshold, it
fires as the sale that crosses it is recorded, once a day; below one, at 21:00 (said in the rule), each evening it
is. Through the real conversation, on the demo restaurant chain (可乐 ¥5 a bottle, 牛腩 ¥48 a 斤)."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import DEMO
from tests.e2e.conftest import Chat, make_chat, texts


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Chat:
    return make_chat(tmp_path, monkeypatch, catalog=DEMO, clock="2026-06-15T10:00:00+08:00")


def rules_of(chat: Chat, out: list[dict], to: str) -> str:
    return "\n".join(m["text"] for m in out if m["to"] == to and m["text"].startswith("🔔"))


def test_over_a_threshold_fires_once_as_crossed_and_again_the_next_day(demo):
    said = texts(demo.say("liu", "营业额超过300时通知我"))   # was: 不认识「营业额」
    assert "当【南山店】的今日营业额 > 300元 时 → 提醒【刘店长】" in said, said
    demo.press("liu", "确认")
    assert rules_of(demo, demo.say("xiaowang", "卖了可乐24瓶"), "liu") == ""      # ¥120
    crossed = rules_of(demo, demo.say("xiaowang", "卖了牛腩4斤"), "liu")          # ¥312
    assert crossed == "🔔 规则 #1:营业额超过300时通知我\n南山店:今日营业额(元) 312 / 300", crossed
    assert rules_of(demo, demo.say("xiaowang", "卖了牛腩4斤"), "liu") == ""       # (once a day)
    assert rules_of(demo, demo.say("xiaoli", "卖了牛腩10斤"), "liu") == ""        # (福田店's: not 南山店's)
    demo.send(at="2026-06-16T10:00:00+08:00")
    # the first sale of the next day crosses alone: it fires again (the day's own alert)
    again = rules_of(demo, demo.say("xiaowang", "卖了牛腩8斤"), "liu")
    assert again.endswith("南山店:今日营业额(元) 384 / 300"), again


def test_a_return_takes_its_money_back_before_the_threshold(demo):
    demo.say("liu", "营业额超过300时通知我")
    demo.press("liu", "确认")
    demo.say("xiaowang", "卖了牛腩6斤")                                          # ¥288
    demo.say("xiaowang", "客人退了牛腩2斤")                                       # ¥192
    assert rules_of(demo, demo.say("xiaowang", "卖了可乐12瓶"), "liu") == ""      # ¥252: not yet
    assert rules_of(demo, demo.say("xiaowang", "卖了可乐12瓶"), "liu").endswith("今日营业额(元) 312 / 300")


def test_below_a_threshold_is_checked_at_the_days_end(demo):
    said = texts(demo.say("liu", "如果今天营业额低于1000就告诉我"))
    assert "每天 21:00,若【南山店】的今日营业额 < 1000元 → 提醒【刘店长】" in said, said
    demo.press("liu", "确认")
    assert rules_of(demo, demo.say("xiaowang", "卖了牛腩4斤"), "liu") == ""       # (not as sales are recorded)
    evening = rules_of(demo, demo.send(at="2026-06-15T21:00:01+08:00"), "liu")
    assert evening == "🔔 规则 #1:如果今天营业额低于1000就告诉我\n南山店:今日营业额(元) 192 / 1000", evening
    demo.send(at="2026-06-16T12:00:00+08:00")
    demo.say("xiaowang", "卖了牛腩25斤")                                          # ¥1,200
    assert rules_of(demo, demo.send(at="2026-06-16T21:00:01+08:00"), "liu") == ""


def test_the_owner_hears_of_each_store_below_and_of_the_company_over(demo):
    said = texts(demo.say("boss", "营业额低于1000就告诉我"))
    assert "每天 21:00,若每个门店的今日营业额 < 1000元 → 提醒【老板】" in said, said
    demo.press("boss", "确认")
    said = texts(demo.say("boss", "全公司今天营业额超过1500就告诉我"))
    assert "当【全公司】的今日营业额 > 1500元 时 → 提醒【老板】" in said, said
    demo.press("boss", "确认")
    demo.say("xiaowang", "卖了牛腩25斤")                                          # 南山店 ¥1,200
    crossed = rules_of(demo, demo.say("xiaoli", "卖了牛腩10斤"), "boss")          # 福田店 ¥480: ¥1,680 in all
    assert crossed == "🔔 规则 #2:全公司今天营业额超过1500就告诉我\n全公司:今日营业额(元) 1680 / 1500", crossed
    evening = rules_of(demo, demo.send(at="2026-06-15T21:00:01+08:00"), "boss")
    assert evening == "🔔 规则 #1:营业额低于1000就告诉我\n福田店:今日营业额(元) 480 / 1000", evening


def test_a_products_own_sales_and_a_month(demo):
    said = texts(demo.say("liu", "可乐今天销售额超过100元就告诉我"))
    assert "当【可乐】在【南山店】的今日销售额 > 100元 时 → 提醒【刘店长】" in said, said
    demo.press("liu", "确认")
    assert rules_of(demo, demo.say("xiaowang", "卖了牛腩10斤"), "liu") == ""      # (牛腩's ¥480 is not 可乐's)
    got = rules_of(demo, demo.say("xiaowang", "卖了可乐24瓶"), "liu")
    assert got.startswith("🔔 规则 #1:可乐今天销售额超过100元就告诉我\n南山店可乐库存") and "今日销售额(元) 120 / 100" in got
    assert "每周日 21:00,若【南山店】的本周营业额 < 8000元" in texts(demo.say("liu", "这周流水不到8000就提醒我"))
    demo.press("liu", "取消")
    assert "当【南山店】的本月营业额 > 100000元 时" in texts(demo.say("liu", "本月营业额超过10万时通知我"))
    demo.press("liu", "取消")


def test_what_a_store_rule_cannot_do_and_english(demo):
    said = texts(demo.say("liu", "营业额低于1000就自动补货"))
    assert said.startswith("这条规则我还表达不了:营业额的规则只能提醒或发报表"), said
    assert texts(demo.say("liu", "我的规则")).count("#") == 0
    demo.say("liu", "switch to English")
    said = texts(demo.say("liu", "今天营业额超过5000时通知我"))
    assert "When [南山店]: takings today > 5000 yuan → notify [刘店长]" in said, said


def test_the_stores_takings_beside_a_products_stock(demo):
    """今天营业额超过300或者可乐库存低于10时通知我: the takings are the store's, not cola's (before: cola's sales alone),
    and any sale that takes them over tells, not only a sale of cola."""
    said = texts(demo.say("liu", "今天营业额超过300或者可乐库存低于10时通知我"))
    assert "当【可乐】在【南山店】的(今日营业额 > 300元) 或 (库存 < 10瓶) 时" in said, said
    demo.press("liu", "确认")
    got = rules_of(demo, demo.say("xiaowang", "卖了牛腩7斤"), "liu")          # ¥336, no cola sold
    assert got.startswith("🔔 规则 #1:今天营业额超过300或者可乐库存低于10时通知我\n南山店可乐库存") \
        and "今日营业额(元) 336 / 300" in got, got
