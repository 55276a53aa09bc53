"""Rules, reminders and bookings typed in English (notify me when cola falls below 50 bottles · if takings today are below 1000
tell me · remind me tomorrow at 9 to call zhang · list my rules · pause rule 1), through the real conversation on the
demo restaurant: the same rules the Chinese makes, confirmed, kept, firing and managed (before: not understood)."""
from __future__ import annotations

from tests.conftest import DEMO
from tests.e2e.conftest import make_chat, texts


def test_a_stock_rule_said_in_english_is_kept_and_fires(tmp_path, monkeypatch):
    chat = make_chat(tmp_path, monkeypatch, catalog=DEMO)
    chat.say("liu", "switch to English")
    out = texts(chat.say("liu", "notify me when cola falls below 50 bottles"))
    assert out == "I understood the rule as:\nWhen [可乐] at [南山店]: on hand < 50瓶 → notify [刘店长]\nSave it?", out
    assert texts(chat.press("liu", "确认 Confirm")) == "Rule #1 saved and active."
    fired = chat.say("xiaowang", "卖了可乐20瓶")                                   # 67 → 47
    assert any(m["to"] == "liu" and "可乐" in m["text"] for m in fired), fired
    assert texts(chat.say("liu", "list my rules")) == "#1 [active] notify me when cola falls below 50 bottles"
    assert texts(chat.say("liu", "pause rule 1")).startswith("Rule #1 ")
    assert "[paused]" in texts(chat.say("liu", "my rules"))



def test_a_table_booked_listed_and_moved_in_english(tmp_path, monkeypatch):
    """book a table for 20 tomorrow at 6pm · what bookings do we have this week · move tomorrow's bookings to saturday
    (before: not understood)."""
    chat = make_chat(tmp_path, monkeypatch, catalog=DEMO)
    chat.say("liu", "switch to English")
    assert texts(chat.say("liu", "book a table for 20 tomorrow at 6pm")).startswith(
        "📅 Booking saved: 06-16 18:00 20人包桌.\nNo goods said yet")
    assert texts(chat.say("liu", "what bookings do we have this week")) == \
        "📅 Bookings at 南山店 06-15–06-21 (1):\n· 06-16 18:00 20人包桌: no goods said yet"
    assert texts(chat.say("liu", "move tomorrow's bookings to saturday")).startswith("Move these 1 bookings to:\n· 06-20 18:00")
    assert texts(chat.press("liu", "确认 Confirm")) == "✅ 1 bookings moved:\n· 06-20 18:00 20人包桌: no goods said yet"
    assert [b["at"][:16] for b in chat.export("bookings")] == ["2026-06-20T18:00"]
