"""Bookings moved in the chat (张女士改到后天下午4点 · 明天的包桌改到周六中午 · 王总的包桌推迟到晚上7点): those the
words name, asked first with where each goes and where it was, moved once confirmed and audited, a service's new day
checked against its hours; moving into the past or to no time changes nothing (before: read as a stock move to come,
and refused with an unrelated example)."""
from __future__ import annotations

from tests.conftest import DEMO
from tests.e2e.conftest import make_chat, texts
from tests.e2e.test_service_hours import studio


def test_an_appointment_is_moved_once_confirmed_and_its_new_day_checked(chat):
    studio(chat)
    chat.say("amy", "明天下午3点张女士约了高级顾问2小时")
    chat.say("amy", "后天上午9点王总约了高级顾问7小时")
    ask = texts(chat.say("amy", "张女士改到后天下午4点"))   # (the new day it would overfill: seen before confirming)
    assert ask == ("把这 1 场预定改到:\n· 06-17 16:00 张女士:高级顾问 2小时\n"
                   "⚠️ 6月17日高级顾问已约 9小时,超过每天可约的 8小时(多了 1小时)\n"
                   "当天还有空的:初级顾问 10小时(折合高级顾问 5小时)\n原来是:\n"
                   "· 06-16 15:00 张女士:高级顾问 2小时"), ask
    assert [b["at"][:16] for b in chat.export("bookings")][0] == "2026-06-16T15:00"   # (not moved until confirmed)
    done = texts(chat.press("amy", "确认"))
    assert done == "✅ 已改好 1 场预定:\n· 06-17 16:00 张女士:高级顾问 2小时", done
    assert "· 高级顾问:已约 9/8小时" in texts(chat.say("amy", "后天高级顾问约满了吗"))   # (7 + 2 of 8)
    assert "没有预定" in texts(chat.say("amy", "明天的预约有哪些"))
    # a time alone keeps the day; a day alone keeps the time
    ask = texts(chat.say("amy", "张女士推迟到晚上7点"))
    assert "⚠️ 6月17日高级顾问已约 9小时" in ask, ask                            # (the same day: counted once)
    assert "· 06-17 19:00 " in texts(chat.press("amy", "确认"))
    chat.say("amy", "张女士的预约改到周五")
    assert "· 06-19 19:00 " in texts(chat.press("amy", "确认"))
    moved = [a for a in chat.export("audit") if a["action"] == "bookings_moved"]
    assert len(moved) == 3, moved


def test_tables_are_moved_by_day_and_bad_moves_change_nothing(tmp_path, monkeypatch):
    chat = make_chat(tmp_path, monkeypatch, catalog=DEMO)
    chat.say("liu", "明天晚上6点有个20人的包桌")
    chat.say("liu", "明天中午20人聚餐,每人一瓶可乐")
    before = chat.export("bookings")
    assert texts(chat.say("liu", "明天的包桌改到昨天")) == "「昨天」已经过了,预定不能改到过去,没有改动。"
    assert texts(chat.say("liu", "李先生改到明天")).endswith("李先生没有预定。")
    chat.say("liu", "明天的包桌改到周六")
    assert texts(chat.press("liu", "取消")) == "已取消,没有记录任何变动。"
    assert chat.export("bookings") == before                                     # (not confirmed: as they were)
    chat.say("liu", "明天的包桌改到周六")
    assert texts(chat.press("liu", "确认")).splitlines()[1:] == [
        "· 06-20 12:00 20人聚餐:可乐 20瓶", "· 06-20 18:00 20人的包桌:还没说要备的货"]
    assert "没有预定" in texts(chat.say("liu", "明天的预定有哪些"))


def test_how_many_are_coming_is_changed_on_one_booking_once_confirmed(tmp_path, monkeypatch):
    chat = make_chat(tmp_path, monkeypatch, catalog=DEMO)
    chat.say("liu", "明天晚上6点有个20人的包桌")
    chat.say("liu", "明天中午张女士订桌,要牛腩5斤")
    chat.say("liu", "采购牛腩5斤")   # an order just placed: 改成25人 is no change to it
    before = chat.export("bookings")
    which = texts(chat.say("liu", "明天的包桌改成25人"))   # two that day: never both set alike
    assert which.startswith("06-16有 2 场预定,改哪一场的人数?") and which.endswith(
        "· 06-16 12:00 张女士订桌:牛腩 5斤\n· 06-16 18:00 20人的包桌:还没说要备的货"), which
    assert chat.export("bookings") == before and "牛腩 5斤" in texts(chat.say("liu", "订单1"))
    ask = texts(chat.say("liu", "明天晚上6点的包桌改成25人"))
    assert ask == ("把这 1 场预定改成 25 人:\n· 06-16 18:00 25人的包桌:还没说要备的货\n原来是:\n"
                   "· 06-16 18:00 20人的包桌:还没说要备的货"), ask
    assert chat.export("bookings") == before   # (not until confirmed)
    assert texts(chat.press("liu", "确认")) == "✅ 已改好 1 场预定的人数:\n· 06-16 18:00 25人的包桌:还没说要备的货"
    table = next(b for b in chat.export("bookings") if b["sku"] == "")
    assert (table["qty"], table["note"]) == ("25", "25人的包桌")   # the row holds the guests, the words say them
    chat.say("liu", "张女士改成3个人")   # a booking of goods: its words say them, its goods stay
    done = texts(chat.press("liu", "确认"))
    assert done == ("✅ 已改好 1 场预定的人数:\n· 06-16 12:00 张女士订桌(3人):牛腩 5斤\n"
                    "要备的货没有跟着人数改,需要的话另外说。"), done
    beef = next(b for b in chat.export("bookings") if b["sku"] == "P001")
    assert (beef["qty"], beef["note"]) == ("5", "张女士订桌(3人)")
    assert [a["detail"]["guests"] for a in chat.export("audit") if a["action"] == "bookings_guests"] == [25, 3]
    after = chat.export("bookings")
    assert "没有预定" in texts(chat.say("liu", "王总改成5个人"))
    assert texts(chat.say("liu", "张女士改成0个人")).startswith("数量看不懂") and chat.export("bookings") == after
