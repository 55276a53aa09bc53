"""周几卖得最多 · 可乐周末卖得多还是平时: sales by weekday, through the real conversation, from sales recorded on
their days (a closed day left out)."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.e2e.conftest import texts

# 06-01 (a Monday) to 06-14: 2 升 of milk a working day, 1 on Tuesdays, 6 on Saturday 06-06, 6 and 10 on the Sundays;
# Saturday 06-13 closed, nothing sold
SOLD = {date(2026, 6, 1) + timedelta(days=i): q for i, q in enumerate(
    [2, 1, 2, 2, 2, 6, 6, 2, 1, 2, 2, 2, 0, 10])}


@pytest.fixture
def weeks(chat):  # type: ignore[no-untyped-def]
    assert "已记录" in texts(chat.say("zhou", "收到牛奶2箱"))
    for d, q in SOLD.items():
        if q:
            assert "已记录" in texts(chat.say("zhou", f"{d.month}月{d.day}日卖了牛奶{q}升"))
    chat.say("zhou", "6月13日店休")
    assert "已记下" in texts(chat.press("zhou", "确认"))
    return chat


def test_each_weekday_is_its_mean_over_the_days_the_store_was_open(weeks):
    reply = texts(weeks.say("zhou", "牛奶周末卖得多还是平时"))
    assert "📅 徐汇店全脂牛奶 06-01至06-14按星期的日均销量:(店休的 1 天不算)" in reply
    assert "周六 ▇▇▇▇▇▇ 6升(1天)" in reply          # 06-13 was closed: not a day that sold nothing
    assert "周日 ▇▇▇▇▇▇▇▇ 8升(2天)" in reply and "周二 ▇ 1升(2天)" in reply and "周一 ▇▇ 2升(2天)" in reply
    assert "最好的是周日(日均 8升),最差的是周二(日均 1升)。" in reply
    assert "周末日均是平日的 3.9 倍。" in reply      # (6 + 8) / 2 against (2 + 1 + 2 + 2 + 2) / 5
    assert "卖得最多的一天:06-14 周日,10升。" in reply


def test_without_a_product_it_is_the_takings_at_list_prices(weeks):
    weeks.say("zhou", "牛奶售价改成10元")
    weeks.press("zhou", "确认")
    reply = texts(weeks.say("zhou", "周几卖得最多"))
    assert "按星期的日均销售额(按售价)" in reply and "周日 ▇▇▇▇▇▇▇▇ ¥80.00(2天)" in reply
    assert "卖得最多的一天:06-14 周日,¥100.00。" in reply


def test_a_period_said_is_kept_and_today_is_left_out(weeks):
    reply = texts(weeks.say("zhou", "这周周几卖得最多"))   # only today so far, still selling
    assert "还没有完整一天的销售" in reply
    last_week = texts(weeks.say("zhou", "上周牛奶哪天卖得最多"))
    assert "06-08至06-14" in last_week and "周日 ▇▇▇▇▇▇▇▇ 10升(1天)" in last_week


def test_in_english(weeks):
    weeks.say("zhou", "switch to English")
    reply = texts(weeks.say("zhou", "which day of the week sells best for milk"))
    assert "Best: " in reply and "A weekend day sells 3.9× a working day." in reply
