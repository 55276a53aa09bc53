"""When goods last moved, asked in the chat (张记上次送货是什么时候 · 团餐多久没来拿货了 · 可乐上次卖是什么时候 · 牛腩多久
没进货了): the latest write that stands, when (how many days ago) and what it held; a product's at the asker's store
(everywhere, for the owner), a partner's anywhere. Before, these were read as unknown goods or as a sale missing its
quantity. Through the real conversation, on the demo restaurant chain."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import DEMO
from tests.e2e.conftest import make_chat, texts


@pytest.fixture
def chat(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    return make_chat(tmp_path, monkeypatch, catalog=DEMO, clock="2026-06-15T10:00:00+08:00")


def test_a_partners_and_a_products_last_move_with_what_it_held(chat):
    assert texts(chat.say("liu", "张记上次送货是什么时候")) == "张记肉业还没有送货记录。"
    chat.say("chen", "收到张记牛腩10斤,可乐2箱")
    chat.say("xiaowang", "卖给团餐可乐5瓶")
    chat.say("xiaowang", "卖给团餐可乐1瓶")
    chat.say("xiaowang", "撤销")   # (undone: never the last)
    chat.send(at="2026-06-18T11:00:00+08:00")
    assert texts(chat.say("liu", "张记上次送货是什么时候")) == \
        "📦 张记肉业上次送货:06-15 10:00(3天前),牛腩 10斤、可乐 48瓶(2箱)。"
    assert texts(chat.say("liu", "团餐多久没来拿货了")) == "🛒 美团团餐上次拿货:06-15 10:00(3天前),可乐 5瓶。"
    assert texts(chat.say("xiaowang", "可乐上次卖是什么时候")) == "🛒 可乐上次卖出:06-15 10:00(3天前),南山店:可乐 5瓶。"
    assert texts(chat.say("xiaoli", "可乐上次卖是什么时候")) == "福田店可乐还没有销售记录。"   # (her store's)
    assert texts(chat.say("boss", "牛腩多久没进货了")) == \
        "📦 牛腩上次进货:06-15 10:00(3天前),中心仓:牛腩 10斤,张记肉业送的。"
    chat.say("xiaowang", "卖了可乐2瓶")
    assert texts(chat.say("xiaowang", "可乐多久没卖了")) == "🛒 可乐上次卖出:今天 11:00,南山店:可乐 2瓶。"
