"""库龄 (how long the stock on hand has sat): 库龄分析 · 哪些货压了很久 · 大米的库龄 answer, for the asker's store, the
stock's value by the days since each lot came in, and the lots held over 30 days, oldest first, each at what it
came in at. Through the real conversation, on the demo restaurant chain."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from tests.conftest import DEMO
from tests.e2e.conftest import confirmed, make_chat, texts


@pytest.fixture
def chat(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    chat = make_chat(tmp_path, monkeypatch, catalog=DEMO, clock="2026-02-01T10:00:00+08:00")
    assert "已记录" in confirmed(chat, "chen", "收到大米5袋,单价100")               # ¥500 on 02-01
    chat.container.clock.set(datetime.fromisoformat("2026-05-01T10:00:00+08:00"))
    assert "已记录" in confirmed(chat, "chen", "收到大米2袋,单价110")               # ¥220 on 05-01
    assert "已记录" in confirmed(chat, "chen", "收到牛腩50斤,单价30")               # ¥1,500 on 05-01
    chat.container.clock.set(datetime.fromisoformat("2026-06-15T10:00:00+08:00"))
    return chat


def test_the_stock_by_age_and_the_lots_held_longest(chat):
    rice = texts(chat.say("chen", "大米的库龄")).splitlines()
    assert rice[1].startswith("0–30天 ¥") and rice[1].endswith(
        " · 31–60天 ¥220.00 · 61–90天 ¥0.00 · 91–180天 ¥500.00 · 180天以上 ¥0.00")
    assert rice[2:] == ["放了超过 30 天的,最久的先列:", "· 大米 125公斤(5袋)(批次 20260201)已 134天,¥500.00",
                        "· 大米 50公斤(2袋)(批次 20260501)已 45天,¥220.00"]
    every = texts(chat.say("chen", "库龄分析")).splitlines()
    assert every[0].startswith("📦 中心仓库龄(06-15):库存值 ¥")
    assert every[3:6] == ["· 大米 125公斤(5袋)(批次 20260201)已 134天,¥500.00",
                          "· 牛腩 50斤(2箱+10)(批次 20260501)已 45天,¥1,500.00",
                          "· 大米 50公斤(2袋)(批次 20260501)已 45天,¥220.00"]
    chat.say("chen", "卖了大米5袋")                                                   # first expiring first out
    assert "批次 20260201" not in texts(chat.say("chen", "大米的库龄"))


def test_a_store_whose_stock_is_all_recent_says_so(chat):
    assert texts(chat.say("liu", "哪些货压了很久")).splitlines()[-1] == "都是 30 天内进的货。"
    assert texts(chat.say("xiaowang", "库存账龄")).startswith("📦 南山店库龄(06-15)")   # (the stock's, not an account's)
