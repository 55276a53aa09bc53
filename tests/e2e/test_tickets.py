"""几单 · 客单价 (今天卖了几单 · 今天客单价多少 · 福田店今天几单): the sales recorded over the days, each write one (an undone
one left out), the takings as 营业额 counts them, and what one came to. Before, 客单价 was not understood and 几单 listed
the best sellers. Through the real conversation, on the demo restaurant chain (牛腩 ¥48 a 斤, 可乐 ¥5)."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import DEMO
from tests.e2e.conftest import Chat, make_chat, texts


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Chat:
    return make_chat(tmp_path, monkeypatch, catalog=DEMO, clock="2026-06-15T10:00:00+08:00")


def test_the_days_sales_are_counted_and_their_average_given(demo):
    assert texts(demo.say("liu", "今天卖了几单")) == "🧾 南山店 06-15 还没有记下的销售。"
    demo.say("xiaowang", "卖了牛腩2斤,可乐3瓶")     # ¥111
    demo.say("xiaowang", "卖了可乐6瓶")              # ¥30
    demo.say("xiaowang", "卖了可乐1瓶")
    demo.say("xiaowang", "撤销")                     # (undone: no sale)
    demo.say("xiaoli", "卖了牛腩5斤")                # 福田店 ¥240
    said = "🧾 南山店 06-15:2 单,销售额约 ¥141.00,客单价约 ¥70.50(按记下的销售笔数:一条销售消息算一单)"
    assert texts(demo.say("liu", "今天客单价多少")) == said
    assert texts(demo.say("liu", "今天卖了几单")) == said
    assert texts(demo.say("boss", "今天客单价")).startswith("🧾 全部地点 06-15:3 单,销售额约 ¥381.00,客单价约 ¥127.00")
    assert texts(demo.say("boss", "福田店今天几单")).startswith("🧾 福田店 06-15:1 单,销售额约 ¥240.00")
    assert texts(demo.say("liu", "今天下了几单")) == "没有未完成的订单。"   # (orders placed: not the sales)
