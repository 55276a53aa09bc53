"""A purchase order past its delivery time with goods still to come: whoever placed it and the store's managers hear
it once per order and due time (the hourly tick), a button chases the supplier's own people (kept in the audit
trail), a day the supplier promises later is watched again, and 张记的货晚到了就提醒我 says it needs no rule. Through
the real conversation and the in-process scheduler, on the demo restaurant."""
from __future__ import annotations

import pytest

from tests.conftest import DEMO
from tests.e2e.conftest import Chat, make_chat, texts


@pytest.fixture
def demo(tmp_path, monkeypatch) -> Chat:  # type: ignore[no-untyped-def]
    return make_chat(tmp_path, monkeypatch, catalog=DEMO)


def _late(out: list[dict]) -> list[tuple[str, str]]:
    return [(m["to"], m["text"]) for m in out if "⏰ 采购单" in (m.get("text") or "")]


def test_a_late_order_is_told_once_then_chased_then_watched_on_its_new_day(demo: Chat):
    demo.say("liu", "向张记订牛腩50斤,明天送")
    demo.press("liu", "确认")
    assert _late(demo.send(at="2026-06-16T13:30:00+08:00")) == []   # (due that day: not late before 14:00)
    late = _late(demo.send(at="2026-06-16T14:30:00+08:00"))
    assert [to for to, _ in late] == ["liu"], late   # (the manager who placed it, once)
    assert "采购单 #1(张记肉业)过了到货时间还没到:牛腩 50斤" in late[0][1] and "06-16" in late[0][1], late
    assert _late(demo.send(at="2026-06-16T20:30:00+08:00")) == []   # (never again for that day)
    out = demo.press("liu", "催一下张记肉业")
    chased = {m["to"]: m["text"] for m in out}
    assert "南山店在等采购单 #1:牛腩 50斤" in chased["zhangji"] and "¥" not in chased["zhangji"], chased
    assert chased["liu"] == "已提醒张记肉业采购单 #1 还没到。", chased
    assert any(r["action"] == "chased" for r in demo.export("audit")), "chasing is kept in the audit trail"
    demo.say("zhangji", "订单1明天送")   # (the supplier's new day: watched again)
    late = _late(demo.send(at="2026-06-17T15:00:00+08:00"))
    assert [to for to, _ in late] == ["liu"] and "06-17" in late[0][1], late
    demo.say("xiaowang", "牛腩到了50斤")
    assert _late(demo.send(at="2026-06-19T15:00:00+08:00")) == []   # (arrived: nothing more)


def test_an_order_at_an_hour_is_late_an_hour_after_it_and_only_what_is_still_to_come_is_named(demo: Chat):
    demo.say("liu", "向张记订牛腩20斤、牛腱10斤,明天上午10点送")
    demo.send(at="2026-06-16T09:30:00+08:00")
    demo.say("xiaowang", "张记的牛腩到了20斤")   # (the shank still to come)
    assert _late(demo.send(at="2026-06-16T10:30:00+08:00")) == []
    late = _late(demo.send(at="2026-06-16T11:30:00+08:00"))
    assert len(late) == 1 and "牛腱 10斤" in late[0][1] and "牛腩" not in late[0][1] and "06-16 10:00" in late[0][1], late


def test_a_supplier_with_nobody_in_the_chat_gets_its_phone_shown_not_a_button(demo: Chat):
    demo.say("boss", "饮料批发的电话是13800138000")
    demo.press("boss", "确认")
    demo.say("liu", "向饮料批发订可乐5箱,明天送")
    demo.press("liu", "确认")
    out = demo.send(at="2026-06-16T14:30:00+08:00")
    late = [m for m in out if "⏰ 采购单" in (m.get("text") or "")]
    assert late and "13800138000" in late[0]["text"] and not late[0].get("buttons"), late


def test_asking_for_a_late_delivery_rule_says_it_is_built_in(demo: Chat):
    out = texts(demo.say("liu", "张记的货晚到了就提醒我"))
    assert out.startswith("不用另设规则:采购单过了到货时间还没到"), out
    assert texts(demo.say("liu", "有哪些规则")).count("晚到") == 0   # (nothing was saved)


def test_several_orders_late_at_once_are_one_message_with_a_chase_button_each(demo: Chat):
    demo.say("liu", "向张记订牛腩20斤,明天送")
    demo.say("liu", "向饮料批发订可乐2箱,明天送")
    late = [m for m in demo.send(at="2026-06-16T15:00:00+08:00") if "⏰ 采购单" in (m.get("text") or "")]
    assert len(late) == 1 and late[0]["to"] == "liu", late
    assert "采购单 #1(张记肉业)" in late[0]["text"] and "采购单 #2(可口饮料批发)" in late[0]["text"], late
    assert [b for row in late[0]["buttons"] for b in row] == ["催一下张记肉业 #1"], late   # (only 张记 is in the chat)


def test_late_orders_asked_in_english_list_them_overdue(demo: Chat):
    demo.say("liu", "向张记订牛腩50斤,明天送")
    demo.send(at="2026-06-17T10:00:00+08:00")
    out = texts(demo.say("liu", "which orders are late"))   # (before: not understood)
    assert "采购单 #1 张记肉业" in out and "已逾期 1 天" in out, out
