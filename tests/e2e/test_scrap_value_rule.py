"""A rule on what was written off in money (报损超过100元就告诉我 · 这周报损超过500元提醒我): each product's write-offs at
the store over the day (or the days said), at cost, against the amount; it fires once when crossed. Through the real
conversation, on the demo restaurant chain (牛腩 costs ¥32 a 斤)."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import DEMO
from tests.e2e.conftest import Chat, make_chat, texts


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Chat:
    return make_chat(tmp_path, monkeypatch, catalog=DEMO, clock="2026-06-15T10:00:00+08:00")


def test_written_off_past_an_amount_tells_the_owner_once(demo):
    said = texts(demo.say("liu", "有人报损超过100元就告诉我"))   # was: 不认识「报损」
    assert "当任一商品在【南山店】的近1日报损金额 > 100元 时 → 提醒【刘店长】" in said, said
    demo.press("liu", "确认")
    assert texts(demo.say("xiaowang", "牛腩坏了2斤"), to="liu") == ""          # ¥64
    crossed = texts(demo.say("xiaowang", "牛腩又坏了2斤"), to="liu")          # ¥128
    assert crossed.startswith("🔔 规则 #1:有人报损超过100元就告诉我") and "近1日报损金额(元) 128 / 100" in crossed, crossed
    assert texts(demo.say("xiaowang", "牛腩又坏了1斤"), to="liu") == ""      # (once)
    assert texts(demo.say("xiaowang", "可乐碎了2瓶"), to="liu") == ""         # (another product's ¥5)


def test_the_days_said_and_a_product_named_and_english_words(demo):
    assert "当任一商品在【南山店】的近7日报损金额 > 500元 时" in texts(demo.say("liu", "这周报损超过500元提醒我"))
    demo.press("liu", "取消")
    assert "当【可乐】在【南山店】的近1日报损金额 > 100元 时" in texts(demo.say("liu", "可乐报损超过100块钱就告诉我"))
    demo.press("liu", "取消")
    demo.say("liu", "switch to English")
    assert "written off in the last 1 days at cost > 100 yuan" in texts(demo.say("liu", "报损超过100元就告诉我"))


def test_the_next_days_write_offs_fire_again_even_the_first_alone(demo):
    """A day's write-offs are that day's alert: the first of the next day over the amount alone tells again (it
    stayed armed from the day before, and so said nothing)."""
    demo.say("liu", "有人报损超过100元就告诉我")
    demo.press("liu", "确认")
    assert "近1日报损金额(元) 128 / 100" in texts(demo.say("xiaowang", "牛腩坏了4斤"), to="liu")
    demo.send(at="2026-06-16T10:00:00+08:00")
    again = texts(demo.say("xiaowang", "牛腩坏了4斤"), to="liu")
    assert again.startswith("🔔 规则 #1:有人报损超过100元就告诉我") and "近1日报损金额(元) 128 / 100" in again, again
