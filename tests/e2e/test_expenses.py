"""Running costs (费用): 交房租5000 · 付了电费800 · 费用:打印纸50元 kept once confirmed (a manager's, a purchaser's or the
owner's), undone by 撤销 right after, listed by kind for a span, and taken off the gross margin where the takings
are asked (这个月赚了多少: 净利). Through the real conversation, on the demo chain (刘店长 manages 南山店)."""
from __future__ import annotations

from pathlib import Path

import pytest

from adapters import importer
from tests.conftest import DEMO
from tests.e2e.conftest import Chat, confirmed, make_chat, texts


@pytest.fixture
def chat(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Chat:
    return make_chat(tmp_path, monkeypatch, catalog=DEMO)   # 2026-06-15


def kept(chat: Chat) -> list[tuple[str, str, str, str | None]]:
    with chat.container.uow() as uow:
        return [(r["amount"], r["category"], r["location"], r["reverses"]) for r in importer.export_rows(uow, "expenses")]


def test_a_cost_is_asked_first_then_kept_audited_and_told_with_the_month_so_far(chat: Chat):
    ask = texts(chat.say("liu", "交房租5000"))
    assert ask == "记一笔费用:房租 ¥5,000.00(今天,南山店)吗?" and kept(chat) == []
    assert "已记费用 #1:房租 ¥5,000.00(06-15,南山店)。6月费用合计 ¥5,000.00" in texts(chat.press("liu", "确认"))
    assert "6月费用合计 ¥6,200.00" in confirmed(chat, "liu", "昨天交了物业费1200")
    assert kept(chat) == [("5000", "rent", "NS", None), ("1200", "property", "NS", None)]
    with chat.container.uow() as uow:
        assert [a["action"] for a in importer.export_rows(uow, "audit")].count("expense") == 2


def test_undo_right_after_takes_the_cost_back_and_staff_may_not_keep_costs(chat: Chat):
    confirmed(chat, "liu", "付了电费800")
    assert "已撤销费用 #1:电费 ¥800.00" in texts(chat.say("liu", "撤销"))
    assert kept(chat) == [("800", "utilities", "NS", None), ("-800", "utilities", "NS", 1)]
    assert "没有记费用" in texts(chat.say("liu", "这个月的费用"))
    assert "你的角色没有这个权限" in texts(chat.say("xiaowang", "交房租5000"))
    assert "你的角色没有这个权限" in texts(chat.say("xiaowang", "这个月的费用"))
    assert len(kept(chat)) == 2


@pytest.mark.parametrize(("said", "why"), [
    ("明天交房租5000", "还没到"),                 # a cost to come
    ("交房租0", "金额"),                          # none
    ("交房租12.345", "金额"),                     # below a fen
])
def test_a_cost_said_wrongly_is_refused_and_nothing_is_kept(chat: Chat, said: str, why: str):
    out = texts(chat.say("liu", said))
    assert why in out and "确认" not in out, out
    assert kept(chat) == []


def test_the_costs_of_a_span_by_kind_and_of_one_kind(chat: Chat):
    confirmed(chat, "liu", "交房租5000")
    confirmed(chat, "liu", "付了电费800")
    confirmed(chat, "liu", "付了水费200")
    confirmed(chat, "boss", "费用:打印纸50元")                     # the company's own, no store
    confirmed(chat, "zhao", "交房租4000")                         # 福田店's
    mine = texts(chat.say("liu", "这个月的费用"))
    assert mine.splitlines()[:3] == ["🧾 南山店 06-01至06-15 费用合计 ¥6,000.00(3 笔):", "· 房租 ¥5,000.00(1 笔)",
                                     "· 水电 ¥1,000.00(2 笔)"]
    every = texts(chat.say("boss", "这个月的费用"))
    assert "全部地点 06-01至06-15 费用合计 ¥10,050.00(5 笔)" in every and "打印纸 ¥50.00(公司)" in every
    power = texts(chat.say("liu", "这个月电费多少"))
    assert "南山店 06-01至06-15 水电费用合计 ¥1,000.00(2 笔)" in power
    assert "没有记" in texts(chat.say("liu", "上个月的费用"))


def test_the_takings_asked_for_say_the_costs_and_the_net(chat: Chat):
    confirmed(chat, "xiaowang", "卖了可乐2箱")
    confirmed(chat, "liu", "交房租5000")
    out = texts(chat.say("liu", "这个月赚了多少"))
    assert "毛利约 ¥120.00" in out and "🧾 同期费用 ¥5,000.00(房租 ¥5,000.00),净利约 ¥-4,880.00" in out
    assert "同期费用" not in texts(chat.say("xiaowang", "这个月卖得怎么样"))   # (a clerk: the takings alone)


def test_a_cost_in_a_closed_period_is_refused(chat: Chat):
    confirmed(chat, "boss", "结账到5月31日")
    out = confirmed(chat, "liu", "5月30日交了房租5000")
    assert "05-30 的账已经结了" in out and kept(chat) == []


def test_in_english(chat: Chat):
    assert "房租 ¥5,000.00" in confirmed(chat, "liu", "paid rent 5000")
    assert "费用合计 ¥5,000.00" in texts(chat.say("liu", "expenses this month"))


def test_a_recurring_cost_is_kept_once_on_each_of_its_days_and_changed_by_editing_its_rule(chat: Chat):
    out = texts(chat.say("liu", "每月1号交房租5000"))
    assert "每月1号 09:00 → 记费用 房租 ¥5,000.00(南山店)" in out and "确认保存吗" in out
    assert kept(chat) == []                                     # (a rule: nothing kept now)
    assert texts(chat.press("liu", "确认")) == "规则 #1 已保存并生效。"

    def costs_told(at: str) -> list[str]:
        return [m["text"] for m in chat.send(at=at) if m.get("to") == "liu" and "固定费用" in m.get("text", "")]
    assert costs_told("2026-07-01T08:59:00+08:00") == []
    (told,) = costs_told("2026-07-01T12:00:00+08:00")
    assert told.startswith("🔁 固定费用(规则 #1):已记费用 #1:房租 ¥5,000.00(07-01,南山店)。7月费用合计 ¥5,000.00")
    assert costs_told("2026-07-31T23:00:00+08:00") == []      # not again before the next 1st
    assert kept(chat) == [("5000", "rent", "NS", None)]
    with chat.container.uow() as uow:
        [audit] = [a for a in importer.export_rows(uow, "audit") if a["action"] == "expense"]
    assert audit["actor"] == "liu" and audit["detail"]["rule"] == 1
    assert "每月1号 09:00 → 记费用 房租 ¥6,000.00(南山店)" in texts(chat.say("liu", "修改规则1:每月1号交房租6000"))
    chat.press("liu", "确认")
    assert len(costs_told("2026-08-01T12:00:00+08:00")) == 1
    assert kept(chat) == [("5000", "rent", "NS", None), ("6000", "rent", "NS", None)]
    assert "房租 ¥6,000.00" in texts(chat.say("liu", "8月的费用"))
    assert "房租 ¥5,000.00" in texts(chat.say("liu", "7月的费用"))
    assert "已暂停" in texts(chat.say("liu", "暂停规则1"))
    chat.send(at="2026-09-01T12:00:00+08:00")
    assert len(kept(chat)) == 2                                  # paused: none


@pytest.mark.parametrize(("user", "said", "why"), [
    ("liu", "每月交房租5000", "每月几号记这笔费用"),               # the day of the month unsaid
    ("xiaowang", "每月1号交房租5000", "你的角色没有这个权限"),     # staff keep no costs, set no rules
])
def test_a_recurring_cost_said_wrongly_sets_nothing(chat: Chat, user: str, said: str, why: str):
    out = texts(chat.say(user, said))
    assert why in out and "确认" not in out
    chat.send(at="2026-07-01T12:00:00+08:00")
    assert kept(chat) == []


def test_a_recurring_cost_of_an_owner_who_left_is_not_kept_and_one_no_longer_allowed_is_told_why(chat: Chat):
    confirmed(chat, "liu", "每周一交垃圾费50")
    confirmed(chat, "chen", "每周一付网费100")
    assert "账号已停用" in confirmed(chat, "boss", "刘店长离职了")
    assert "店员" in confirmed(chat, "boss", "把陈采购降为店员")
    out = chat.send(at="2026-06-22T12:00:00+08:00")              # a Monday
    assert kept(chat) == []
    assert not texts(out, "liu")
    assert "固定费用(规则 #2)这次没有记:你的角色没有这个权限" in texts(out, "chen"), texts(out)


def test_equipment_bought_is_a_cost_of_its_own_kind(tmp_path, monkeypatch):
    """买了个新冰箱,3500 · 换了台咖啡机,8000: equipment for the store's own use, a cost (was 「新冰箱」 an unknown
    product); 修冰箱花了300 a repair."""
    chat = make_chat(tmp_path, monkeypatch, catalog=DEMO)
    assert "冰箱(设备) ¥3,500.00" in texts(chat.say("liu", "买了个新冰箱,3500"))
    chat.press("liu", "确认")
    assert "修冰箱(维修) ¥300.00" in texts(chat.say("liu", "修冰箱花了300"))
    chat.press("liu", "确认")
    out = texts(chat.say("liu", "这个月的费用"))
    assert "· 设备 ¥3,500.00(1 笔)" in out and "· 维修 ¥300.00(1 笔)" in out, out
