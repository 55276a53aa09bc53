"""这个月花了多少钱 · 一共花了多少 · 总支出多少 · 钱都花哪了: the goods that came in (at cost, as the purchases report counts
them) and the running costs kept, with the whole, each report after it. Through the real conversation, on the demo
restaurant chain."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import DEMO
from tests.e2e.conftest import Chat, confirmed, make_chat, texts


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Chat:
    chat = make_chat(tmp_path, monkeypatch, catalog=DEMO, clock="2026-06-15T10:00:00+08:00")
    confirmed(chat, "liu", "收到张记的牛腩2箱,单价600")         # ¥1,200 at 南山店
    confirmed(chat, "zhao", "收到可乐2箱,每箱48")               # ¥96 at 福田店
    confirmed(chat, "liu", "交房租5000")                        # 南山店's rent
    confirmed(chat, "liu", "付了电费800")
    return chat


def test_a_manager_hears_the_goods_and_the_costs_of_the_store(demo):
    out = texts(demo.say("liu", "这个月花了多少钱")).split("\n\n")
    assert out[0] == "💸 南山店 06-01至06-15共花了 ¥7,000.00:进货 ¥1,200.00(按进价),费用 ¥5,800.00。"
    assert out[1].startswith("🧾 南山店 06-01至06-15进货 1 次、1 种商品,共 ¥1,200.00") and "张记肉业 ¥1,200.00" in out[1]
    assert out[2].startswith("🧾 南山店 06-01至06-15 费用合计 ¥5,800.00(2 笔)")


def test_the_owner_hears_every_store_and_the_costs_undone_are_not_counted(demo):
    confirmed(demo, "zhao", "交房租3000")
    demo.say("zhao", "撤销")
    for said in ("这个月一共花了多少", "本月总支出多少", "这个月钱都花哪了"):
        head = texts(demo.say("boss", said)).split("\n\n")[0]
        assert head == "💸 全部地点 06-01至06-15共花了 ¥7,096.00:进货 ¥1,296.00(按进价),费用 ¥5,800.00。", (said, head)


def test_a_span_with_nothing_says_so_and_costs_stay_their_own_question(demo):
    assert texts(demo.say("liu", "上个月花了多少钱")) == "💸 南山店 05-01至05-31没有进货,也没有记费用。"
    # the running costs alone, as before; the goods alone, as before
    assert texts(demo.say("liu", "这个月的费用")).startswith("🧾 南山店 06-01至06-15 费用合计 ¥5,800.00")
    assert texts(demo.say("liu", "这个月进货花了多少钱")).startswith("🧾 南山店 06-01至06-15进货 1 次")


def test_staff_may_not_see_it_and_english_is_complete(demo):
    assert texts(demo.say("xiaowang", "这个月花了多少钱")).startswith("你的角色没有这个权限。这件事要")
    demo.say("liu", "switch to English")
    head = texts(demo.say("liu", "这个月花了多少钱")).split("\n\n")[0]
    assert head == "💸 南山店, 06-01–06-15: ¥7,000.00 spent: goods ¥1,200.00 (at cost), running costs ¥5,800.00.", head


def test_the_profit_asked_before_anything_sold_is_the_costs_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    chat = make_chat(tmp_path, monkeypatch, catalog=DEMO, clock="2026-06-15T10:00:00+08:00")
    confirmed(chat, "liu", "交房租5000")
    assert texts(chat.say("liu", "本月利润多少")) == \
        "📊 南山店 06-01至06-15没有销售记录。\n🧾 同期费用 ¥5,000.00(房租 ¥5,000.00),净利约 ¥-5,000.00"
    assert texts(chat.say("xiaowang", "这个月赚了多少")) == "📊 南山店 06-01至06-15没有销售记录。"   # (no costs for staff)
    assert texts(chat.say("liu", "上个月赚了多少")) == "📊 南山店 05-01至05-31没有销售记录。"      # (none kept then)


def test_asked_whether_it_lost_money_the_takings_margin_and_net_answer(demo):
    confirmed(demo, "liu", "卖了牛腩10斤")
    for said in ("这个月亏了吗", "这个月赚钱了吗", "这个月是赚是亏"):   # were: not understood
        out = texts(demo.say("liu", said))
        assert out.startswith("📊 南山店 06-01至06-15卖出 1 种商品"), (said, out)
        assert "净利约 ¥" in out and "同期费用 ¥5,800.00" in out, (said, out)
    assert "📊 南山店 06-09至06-15" in texts(demo.say("liu", "最近生意好吗"))   # (the last 7 days)
