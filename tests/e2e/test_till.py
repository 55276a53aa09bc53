"""日结 (the day's cash-up): what a store took in, counted by how it was paid, set against the books: the sales paid
at once and what customers paid on their accounts to the store's people; sales on account left out. Through the real
conversation."""
from __future__ import annotations

from datetime import datetime

import pytest

from tests.e2e.conftest import confirmed, texts


@pytest.fixture
def day(chat):  # type: ignore[no-untyped-def]
    """徐汇店 on 06-15: ¥120 of croissants walk-in, ¥60 of milk to 盒马 paid on the spot, ¥30 of eggs to 盒马 on account,
    ¥200 paid by 盒马 on its account to the manager, and a sale undone."""
    for who, words in (("amy", "卖了可颂10个,每个12元"), ("amy", "盒马拿了牛奶1箱,每箱60元,现结"),
                       ("amy", "盒马拿了鸡蛋1板,每板30元"), ("zhou", "收到盒马货款200"), ("amy", "卖了可颂2个,每个12元")):
        assert "已记" in confirmed(chat, who, words), words
    assert "已撤销" in texts(chat.say("amy", "撤销"))
    return chat


def test_a_count_is_set_against_what_the_books_say_was_taken(day):
    reply = texts(day.say("amy", "日结:现金300,微信70")).splitlines()
    assert reply[0] == "🧾 徐汇店 06-15 日结:现金 ¥300.00 · 微信 ¥70.00,合计 ¥370.00"
    assert reply[1] == ("账上应收 ¥380.00(当场收钱的销售 ¥180.00 + 收回的欠款 ¥200.00),少了 ¥10.00 ⚠️:"
                        "是不是有销售记多了、找错了钱,或钱没收齐?")
    assert reply[2] == "另有赊账的销售 ¥30.00,不在应收里。"
    again = texts(day.say("zhou", "今天收现金310、微信70")).splitlines()   # a recount replaces the count
    assert again[1] == "(替换了 09:00 记的那次,那次合计 ¥370.00)" and again[2].endswith(",正好对上 ✅")
    assert texts(day.say("amy", "今天的日结")).splitlines()[1].endswith(",正好对上 ✅")


def test_the_days_of_a_week_and_a_day_not_counted(day):
    day.say("amy", "日结:现金380")
    day.container.clock.set(datetime.fromisoformat("2026-06-16T20:00:00+08:00"))
    assert "已记录" in confirmed(day, "amy", "卖了可颂1个,每个12元")
    week = texts(day.say("zhou", "这周的日结")).splitlines()
    assert week == ["🧾 徐汇店 06-15至06-16的日结:", "· 06-15 实收 ¥380.00,应收 ¥380.00,正好对上 ✅",
                    "· 06-16 没有日结(应收 ¥12.00)", "合计差额 ¥0.00(正数是多收,负数是少收)"], week
    assert texts(day.say("bo", "今天的日结")).startswith("静安店 06-16 还没有日结(账上应收 ¥0.00)")


def test_other_money_words_are_not_a_cash_up(day):
    assert texts(day.say("zhou", "微信付给光明500")) == "💰 确认记一笔:付给光明乳业 ¥500.00(微信)?"   # a payment
    assert "日结" not in texts(day.say("amy", "现金3000"))   # an amount alone: asked what it is
    day.say("zhou", "switch to English")
    assert "The books say ¥380.00 (sales paid at once ¥180.00 + customers' accounts paid ¥200.00): it matches ✅" \
        in texts(day.say("zhou", "日结:现金380"))


def test_a_cash_up_far_off_the_books_is_an_anomaly_the_next_day(day):
    day.say("amy", "日结:现金300")                                  # ¥80 short of the ¥380 the books say
    day.container.clock.set(datetime.fromisoformat("2026-06-16T10:00:00+08:00"))
    found = texts(day.say("zhou", "有没有异常")).splitlines()
    assert "· 06-15 日结实收 ¥300.00,账上应收 ¥380.00,少了 ¥80.00:查一下有没有漏记的销售或找错的钱。" in found, found
    day.container.clock.set(datetime.fromisoformat("2026-06-15T22:00:00+08:00"))
    day.say("zhou", "日结:现金370")                                 # recounted: ¥10 short, within the ¥20 limit
    day.container.clock.set(datetime.fromisoformat("2026-06-16T10:00:00+08:00"))
    assert "日结" not in texts(day.say("zhou", "有没有异常"))


def test_the_cash_up_on_a_schedule(day):
    assert "每天 22:00 → 把【今日日结】发给【周店长】" in texts(day.say("zhou", "每天晚上10点把日结发给我"))
    assert "已保存并生效" in texts(day.press("zhou", "确认"))
    day.say("amy", "日结:现金380")
    pushed = [m["text"] for m in day.send(at="2026-06-15T22:01:00+08:00") if m.get("to") == "zhou" and "日结" in m["text"]]
    assert pushed and pushed[0].startswith("🧾 徐汇店 06-15 日结:现金 ¥380.00,合计 ¥380.00"), pushed
    assert "已保存并生效" in confirmed(day, "zhou", "每周一把上周的日结发给我")
    weekly = [m["text"] for m in day.send(at="2026-06-22T09:01:00+08:00") if m.get("to") == "zhou"
              and m["text"].startswith("🧾 徐汇店 06-15至06-21的日结")]
    assert weekly and "· 06-15 实收 ¥380.00,应收 ¥380.00,正好对上 ✅" in weekly[0], weekly


def test_a_sale_undone_the_next_day_never_was_in_the_till(day):
    day.say("amy", "日结:现金380")
    day.container.clock.set(datetime.fromisoformat("2026-06-16T10:00:00+08:00"))
    day.say("amy", "撤销昨天卖的可颂")
    assert "已撤销" in texts(day.press("amy", "确认"))       # the ¥120 of croissants on 06-15
    week = texts(day.say("zhou", "这周的日结")).splitlines()
    assert "· 06-15 实收 ¥380.00,应收 ¥260.00,多了 ¥120.00 ⚠️:是不是有销售没记,或赊账的记成了现结?" in week, week
