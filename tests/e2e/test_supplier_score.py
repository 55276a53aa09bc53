"""How the suppliers deliver (哪些供应商经常晚送 · 张记送货准时吗): each supplier's purchase orders due in the span, by
when their first delivery came against their day."""
from __future__ import annotations

from datetime import datetime

from tests.e2e.conftest import make_chat, texts


def test_each_supplier_s_orders_due_are_on_time_late_or_not_come_the_latest_most_often_first(tmp_path, monkeypatch):
    chat = make_chat(tmp_path, monkeypatch, clock="2026-06-01T09:00:00+08:00")

    def at(ts: str) -> None:
        chat.container.clock.set(datetime.fromisoformat(f"2026-{ts}:00+08:00"))

    assert "没有到期的采购单" in texts(chat.say("zhou", "哪些供应商经常晚送"))
    for said in ("向光明订牛奶2箱,6月3日送", "向光明订奶油1箱,6月5日送", "向咖啡豆行订咖啡豆2包,6月4日送",
                 "向光明订牛奶1箱,6月8日送", "向光明订牛奶1箱,6月20日送"):     # (the last: not due yet)
        chat.say("zhou", said)
    at("06-03T10:00")
    chat.say("amy", "光明的货到了")
    chat.press("amy", "确认")                                     # #1 on its day
    at("06-07T10:00")
    chat.say("amy", "收到奶油1箱,光明送的")                        # #2 two days late
    chat.say("amy", "收到牛奶1箱,光明送的")                        # #4 early …
    chat.say("amy", "撤销")                                        # … undone: not come after all
    at("06-10T10:00")
    chat.say("amy", "收到咖啡豆1包,咖啡豆行送的")                  # #3 six days late, half of it
    at("06-12T10:00")
    out = texts(chat.say("zhou", "哪些供应商经常晚送")).splitlines()
    assert out == ["🚚 03-15至06-12供应商送货(按到货日算,晚到多的在前):",
                   "· 云南咖啡豆行:1 单,准时 0,晚到 1(平均晚 6.0 天),1 单只到了一部分",
                   "· 光明乳业:3 单,准时 1,晚到 1(平均晚 2.0 天),过了到货日还没到 1"], out
    assert texts(chat.say("zhou", "光明送货准时吗")).splitlines()[1:] == [out[2]]
    assert "你的角色没有这个权限" in texts(chat.say("amy", "哪些供应商经常晚送"))
