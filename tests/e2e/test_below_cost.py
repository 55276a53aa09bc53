"""A sale said at a price below what the product costs (卖了可乐2箱,每瓶2元 with cola at ¥2.50): asked first, since it
is a typo or a loss; recorded by staff, the store's managers hear of it with what it gave away. Through the real
conversation, on the demo restaurant chain."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import DEMO
from tests.e2e.conftest import make_chat, texts


@pytest.fixture
def chat(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    return make_chat(tmp_path, monkeypatch, catalog=DEMO, clock="2026-06-15T10:00:00+08:00")


def test_a_sale_below_cost_is_asked_first_and_the_managers_hear_of_it(chat):
    before = chat.stock()["NS:P018"]
    asked = texts(chat.say("xiaowang", "卖了可乐2箱,每瓶2元")).splitlines()
    assert asked == ["⚠️ 低于进价:可乐 48瓶(2箱) 每瓶 ¥2.00(进价 ¥2.50)。",   # (and under its list price, ¥5.00)
                     "要记录「南山店销售 可乐 48瓶(2箱)(原价 ¥240.00,优惠 ¥144.00,实收 ¥96.00)」吗?"]
    assert chat.stock()["NS:P018"] == before                      # nothing recorded yet
    out = chat.press("xiaowang", "确认")
    assert texts(out, "liu") == "💸 小王在南山店低于进价卖了:可乐 48瓶(2箱) 每瓶 ¥2.00(进价 ¥2.50),少赚 ¥24.00。"
    assert texts(out, "zhao") == ""                               # (another store's manager is not told)
    assert chat.stock()["NS:P018"] == before - 48
    cancelled = chat.say("xiaowang", "半价卖了牛腩2斤")             # half of ¥48: ¥24, under the ¥32 it costs
    assert "牛腩 2斤 每斤 ¥24.00(进价 ¥32.00)" in texts(cancelled)
    assert texts(chat.press("xiaowang", "取消")) == "已取消,没有记录任何变动。"


def test_at_or_above_cost_nothing_is_asked_and_a_manager_is_not_told_of_their_own(chat):
    assert texts(chat.say("xiaowang", "牛腩卖了10斤,每斤32")).startswith("✅ 已记录")   # at cost: not below
    assert texts(chat.say("xiaowang", "卖了雪碧12瓶")).startswith("✅ 已记录")          # the list price
    chat.say("liu", "牛腩卖了2斤,每斤20")
    out = chat.press("liu", "确认")
    assert [m.get("to") for m in out] == ["liu"] and texts(out).startswith("✅ 已记录")
