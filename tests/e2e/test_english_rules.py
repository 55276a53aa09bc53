"""Rules and reminders typed in English (notify me when cola falls below 50 bottles · if takings today are below 1000
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

