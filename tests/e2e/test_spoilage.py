"""哪些卖不完会过期 · 牛奶卖得完吗 · 临期的怎么处理: the lots that will not sell before they expire at the pace the
product goes, first in first out, and the way out, through the real conversation."""
from __future__ import annotations

import pytest

from tests.e2e.conftest import make_chat, texts


@pytest.fixture
def dated(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    """徐汇店 sold 4 升 of milk a day on 06-11 … 06-14 and 40 eggs on 06-14 (10 a day since its books began), 静安店 9 升
    of milk on 06-14; at noon on 06-15 徐汇店 holds milk expiring tomorrow, croissants that never sell, and eggs that
    will sell in time."""
    chat = make_chat(tmp_path, monkeypatch, clock="2026-06-15T12:00:00+08:00")
    for day in (11, 12, 13, 14):
        assert "已记录" in texts(chat.say("zhou", f"6月{day}日卖了牛奶4升"))
    assert "已记录" in texts(chat.say("zhou", "6月14日卖了鸡蛋40个"))
    assert "已记录" in texts(chat.say("bo", "6月14日卖了牛奶9升"))
    for words in ("收到牛奶10升,批号A1,6月16日到期,每升5元", "收到可颂10个,批号C1,6月20日到期",
                  "收到鸡蛋1板,批号E1,6月18日到期"):
        assert "已记录" in texts(chat.say("zhou", words))
    return chat


def test_each_lot_that_will_not_sell_in_time_with_the_way_out(dated):
    reply = texts(dated.say("zhou", "哪些卖不完会过期"))
    lines = reply.splitlines()
    # milk: 1.5 days left at 4 a day sells 6 of 10; croissants: none sell; eggs: 3.5 days at 10 a day sell all 30
    assert lines[0] == "⏳ 徐汇店按近 28 天的日均销量,先进先出,7 天内有 2 批卖不完会过期(约 ¥20.00,按进价):", lines
    assert lines[1] == "· 全脂牛奶 批次 A1 10升,06-16到期(还有 1 天),日均 4升,约 4升 卖不完 → 调给静安店(那边日均 9升),或打折促销"
    assert lines[2] == "· 可颂 批次 C1 10个,06-20到期(还有 5 天),日均 0个,约 10个 卖不完 → 打折促销,或做成别的菜用掉"
    assert "鸡蛋" not in reply


def test_one_product_asked_and_a_store_with_nothing_dated(dated):
    assert texts(dated.say("zhou", "牛奶卖得完吗")).count("\n· ") == 1
    assert texts(dated.say("zhou", "鸡蛋卖得完吗")) == "✅ 徐汇店 7 天内到期的 1 批货,按近期的销量都能在到期前卖完(或用完)。"
    assert texts(dated.say("bo", "临期的怎么处理")) == "✅ 静安店 7 天内没有到期的货(只算记了到期日的批次)。"


def test_the_owner_hears_every_store_and_english_reads_the_same(dated):
    both = texts(dated.say("owner", "哪些要打折"))
    assert "⏳ 徐汇店" in both and "✅ 静安店" in both
    dated.say("zhou", "switch to English")
    assert "about 4升 left over → transfer to 静安店" in texts(dated.say("zhou", "哪些卖不完会过期"))


def test_the_morning_expiry_reminder_says_what_will_not_sell_and_the_way_out(dated):
    pushed = [m["text"] for m in dated.send(at="2026-06-16T07:06:00+08:00")
              if m.get("to") == "zhou" and "临期提醒" in (m.get("text") or "")]
    assert len(pushed) == 1, pushed
    milk = next(line for line in pushed[0].splitlines() if "全脂牛奶" in line)
    # at 07:05 on 06-16 the milk has 17 hours left; 06-15 sold none, so 16 升 over 5 days (3.2 a day) sells 2.3 of
    # 10, and 静安店 goes through 9 over its 2 days
    assert milk.endswith(";按近期销量约 7.7升 卖不完 → 调给静安店(那边日均 4.5升),或打折促销"), milk
    eggs = next(line for line in pushed[0].splitlines() if "鸡蛋" in line)   # 40 over 5 days: 8 a day for 2.7 days
    assert eggs.endswith(";按近期销量约 8.4个 卖不完 → 打折促销,或做成别的菜用掉"), eggs
    assert len(pushed[0].splitlines()) == 4   # the title and the three lots
