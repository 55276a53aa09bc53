"""Last year's sales asked in plain words (去年这个时候卖了多少可乐 · 去年6月 · 去年 · 比去年), from the sales history
imported before the shop began, and written with their year; through the real conversation on the demo chain."""
from __future__ import annotations

from datetime import datetime

import pytest

from adapters import importer
from tests.conftest import DEMO
from tests.e2e.conftest import Chat, make_chat, texts


@pytest.fixture
def demo(tmp_path, monkeypatch) -> Chat:  # type: ignore[no-untyped-def]
    chat = make_chat(tmp_path, monkeypatch, catalog=DEMO)
    history = tmp_path / "sales.csv"
    history.write_text("date,location,sku,qty\n2025-06-10,NS,P018,30\n2025-06-11,NS,P018,20\n2025-03-01,NS,P018,5\n"
                       "2026-06-10,NS,P018,7\n", encoding="utf-8")
    with chat.container.uow() as uow:
        importer.import_file(uow, "sales", history, now=datetime.fromisoformat("2026-06-15T09:00:00+08:00"))
        uow.commit()
    return chat


def test_last_years_sales_are_asked_by_its_week_month_or_whole_and_written_with_the_year(demo: Chat):
    out = texts(demo.say("liu", "去年这个时候卖了多少可乐"))   # (before: today's, this year)
    assert out.startswith("📊 南山店可乐 2025-06-09至2025-06-15共卖出 50瓶"), out
    out = texts(demo.say("liu", "去年6月卖了多少可乐"))
    assert out.startswith("📊 南山店可乐 2025-06-01至2025-06-30共卖出 50瓶"), out
    out = texts(demo.say("liu", "去年卖了多少可乐"))
    assert out.startswith("📊 南山店可乐 2025-01-01至2025-12-31共卖出 55瓶"), out
    out = texts(demo.say("liu", "本月卖了多少可乐"))             # this year's: no year written
    assert out.startswith("📊 南山店可乐 06-01至06-15共卖出 7瓶"), out


def test_how_things_usually_go_is_not_recorded_as_happening_now(demo: Chat):
    before = demo.stock()
    for said in ("牛腩一般一天卖20斤", "可乐平时一周卖10箱", "上次牛腩进了50斤"):   # (before: a sale, a receipt)
        out = texts(demo.say("xiaowang", said))
        assert "没有记录" in out and "平时或以前" in out, (said, out)
    assert demo.stock() == before
    out = texts(demo.say("xiaowang", "收到牛腩50斤,质量一般"))   # (一般 after the goods: a note, still recorded)
    assert out.startswith("✅ 已记录") and demo.stock()["NS:P001"] == before["NS:P001"] + 50, out


def test_what_ifs_next_times_and_questions_with_a_quantity_record_nothing(demo: Chat):
    before, orders = demo.stock(), demo.export("orders")
    out = texts(demo.say("xiaowang", "万一可乐卖了10箱怎么办"))   # (before: a sale of 10 cases)
    assert "假设" in out and "没有记录" in out, out
    out = texts(demo.say("chen", "下次进牛腩记得要50斤"))        # (before: a receipt of 50)
    assert "没有记录" in out, out
    out = texts(demo.say("xiaowang", "是不是少收了2斤牛腩"))     # (before: a receipt of 2)
    assert out.startswith("📦") and "牛腩" in out, out
    out = texts(demo.say("xiaowang", "客人想买10箱可乐,有货吗"))   # (before: an order of 10 cases)
    assert out.startswith("📦 南山店可乐:67瓶(2箱+19);要 240瓶(10箱):不够,还差 173瓶(7箱+5)"), out
    out = texts(demo.say("xiaowang", "客人想买2箱可乐,有货吗"))
    assert out.startswith("📦 南山店可乐:67瓶(2箱+19);要 48瓶(2箱):够 ✅"), out
    assert demo.stock() == before and demo.export("orders") == orders


def test_the_same_said_in_english_records_nothing_either(demo: Chat):
    before, orders = demo.stock(), demo.export("orders")
    for said in ("we usually sell 20 jin of beef brisket a day", "what if we sell 10 cases of coke",
                 "next time order 50 jin of beef brisket"):   # (before: a sale, a sale, an order)
        assert "没有记录" in texts(demo.say("xiaowang", said)), said
    out = texts(demo.say("xiaowang", "do we have 10 cases of coke"))   # (before: a count of 240)
    assert out.startswith("📦 南山店可乐:67瓶"), out
    assert demo.stock() == before and demo.export("orders") == orders
    out = texts(demo.say("liu", "how much coke did we sell last year"))
    assert out.startswith("📊 南山店可乐 2025-01-01至2025-12-31共卖出 55瓶"), out


def test_what_is_not_done_or_not_to_be_records_nothing_and_an_earlier_clause_denied_keeps_the_later(demo: Chat):
    before = demo.stock()
    for said in ("牛腩别卖超过30斤", "应该卖不了20斤牛腩", "我没说卖了20斤牛腩"):   # (before: each a sale)
        out = texts(demo.say("xiaowang", said))
        assert "没有记录" in out, (said, out)
    out = texts(demo.say("xiaowang", "今天是不是卖了20斤牛腩"))   # (before: an unknown product 「是」)
    assert out.startswith("📦 南山店牛腩:42斤"), out
    assert demo.stock() == before
    demo.say("xiaowang", "不要再进可乐了,还有10箱")   # (before: a receipt of 10 cases): the count
    assert demo.stock()["NS:P018"] == 240


def test_the_days_report_asked_for_in_plain_words_is_sent_now(demo: Chat):
    for said in ("给我发一下日报", "发一下日报", "把日报发给我"):   # (the first two were not understood)
        out = texts(demo.say("liu", said))
        assert out.startswith("🌙 南山店今日小结(06-15)"), (said, out)


def test_goods_thrown_away_said_in_english_are_written_off(demo: Chat):
    potato = demo.stock()["NS:P006"]
    out = texts(demo.say("xiaowang", "throw away 3 kg of potatoes"))   # (before: not understood)
    assert out.startswith("✅ 已记录:南山店报损 土豆 3公斤"), out
    assert demo.stock()["NS:P006"] == potato - 3
