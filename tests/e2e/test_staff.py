"""A colleague's store, account and role changed from the chat (小王调到福田店了 · 小王离职了 · 把小李升为店长)."""
from __future__ import annotations

import pytest

from tests.conftest import DEMO
from tests.e2e.conftest import Chat, make_chat, texts


@pytest.fixture
def demo(tmp_path, monkeypatch) -> Chat:  # type: ignore[no-untyped-def]
    return make_chat(tmp_path, monkeypatch, catalog=DEMO)


def user(chat: Chat, name: str) -> dict:
    return next(u for u in chat.export("users") if u["username"] == name)


def test_a_colleague_who_left_can_no_longer_write_or_be_told_and_comes_back_when_restored(demo):
    demo.say("liu", "每天早上8点提醒小王盘点")
    demo.press("liu", "确认")
    out = texts(demo.say("liu", "小王离职了"))                      # was: not understood
    assert "停用小王(南山店店员)的账号吗" in out and user(demo, "xiaowang")["active"] == "1", out
    demo.press("liu", "确认")
    assert user(demo, "xiaowang")["active"] == "0"
    before = demo.stock()
    out = demo.say("xiaowang", "卖了可乐2瓶")                        # refused at the door, nothing kept
    assert "账号已停用" in texts(out) and demo.stock() == before, out
    assert "小王" not in texts(demo.say("liu", "今天谁没记账"))       # no longer one of the store's people
    out = demo.say("liu", "告诉小王明天别来了")
    assert "小王的账号已停用" in texts(out) and not texts(out, "xiaowang"), out
    out = demo.send(at="2026-06-16T08:01:00+08:00")                  # his reminder: sent to nobody
    assert not [m for m in out if m.get("to") == "xiaowang"], out
    assert "已经停用" in texts(demo.say("liu", "停用小王的账号"))
    out = demo.say("liu", "恢复小王的账号")
    demo.press("liu", "确认")
    assert user(demo, "xiaowang")["active"] == "1"
    out = demo.say("xiaowang", "卖了可乐2瓶")
    assert "已记录" in texts(out) and demo.stock()["NS:P018"] == before["NS:P018"] - 2, out


def test_a_colleague_moved_to_another_store_records_there_and_is_told(demo):
    out = demo.say("liu", "小王调到福田店了")
    assert "把小王(南山店店员)调到福田店吗" in texts(out), out
    out = demo.press("liu", "确认")
    assert "调到了福田店" in texts(out, "xiaowang") and "小王已调到福田店" in texts(out, "liu"), out
    before = demo.stock()
    demo.say("xiaowang", "卖了可乐2瓶")
    assert demo.stock()["FT:P018"] == before["FT:P018"] - 2 and demo.stock()["NS:P018"] == before["NS:P018"]
    assert "只能调动或停用本店" in texts(demo.say("liu", "小王离职了"))   # 福田店's now: its manager's, or the owner's
    assert "已经在福田店了" in texts(demo.say("zhao", "小王以后在福田店上班"))


def test_only_the_owner_changes_a_role_and_nobody_their_own(demo):
    assert "只能调动或停用本店" in texts(demo.say("liu", "把小王升为店长"))
    assert "权限" in texts(demo.say("xiaowang", "小李离职了"))        # staff: no such right
    assert "不能在聊天里改自己" in texts(demo.say("boss", "停用老板的账号"))
    out = demo.say("boss", "把小李升为店长")
    assert "把小李(福田店店员)改为店长吗" in texts(out), out
    out = demo.press("boss", "确认")
    assert "改为店长" in texts(out, "xiaoli") and user(demo, "xiaoli")["role"] == "manager", out
    out = demo.say("xiaoli", "有什么要我审批的")                      # a manager's question, answered now
    assert "权限" not in texts(out), out
    assert "不能在聊天里把" in texts(demo.say("boss", "把小李升为管理员"))


def test_who_works_where_is_asked_and_who_left_is_shown_to_a_manager_only(demo):
    out = texts(demo.say("boss", "员工名单")).splitlines()                # was: not understood
    assert out[0] == "👥 共 6 人:" and "· 南山店:小王(店员)、刘店长(店长)" in out and "· 不属于门店:老板(管理员)" in out, out
    assert texts(demo.say("xiaowang", "谁是南山店店长")).splitlines()[1] == "· 南山店:刘店长(店长)"
    assert texts(demo.say("liu", "小王是哪个店的")) == "小王是南山店的店员。"
    demo.say("liu", "小王离职了")
    demo.press("liu", "确认")
    out = texts(demo.say("liu", "南山店有哪些人"))
    assert "南山店共 1 人" in out and "· 已停用:小王" in out, out
    assert "已停用" not in texts(demo.say("xiaoli", "员工名单"))           # staff: the colleagues here, no more
    assert "小王的账号已停用(原是南山店店员)" in texts(demo.say("boss", "小王是哪个店的"))


def test_a_manager_asks_who_recorded_a_kind_of_write_and_hears_each_with_its_person(demo):
    demo.say("xiaowang", "报损:牛腩2斤")
    demo.say("liu", "番茄坏了3公斤")
    demo.say("xiaowang", "卖了可乐3瓶")
    demo.say("xiaowang", "报损:鸡翅1斤")
    demo.say("xiaowang", "撤销")   # undone: not one of them
    who = texts(demo.say("liu", "今天谁报损了"))
    assert who == "🗒 找到 2 笔记录(新的在前):\n· 06-15 09:00 刘店长 报损(南山店):番茄 3公斤\n· 06-15 09:00 小王 报损(南山店):牛腩 2斤"
    assert texts(demo.say("liu", "牛腩是谁报损的")).endswith("· 06-15 09:00 小王 报损(南山店):牛腩 2斤")
    assert "小王 销售(南山店):可乐 3瓶" in texts(demo.say("liu", "可乐是谁卖的"))
    assert texts(demo.say("liu", "昨天谁报损了")) == "没有找到这样的记录(已撤销的不算)。"
    # staff at the store hear them too (its stock card names each write's person already); others' records at large,
    # and who recorded nothing, stay a manager's
    assert texts(demo.say("xiaowang", "今天谁报损了")) == who
    assert texts(demo.say("xiaowang", "小李的记录")).startswith("你的角色没有这个权限。这件事要店长或管理员来做")
    assert texts(demo.say("xiaowang", "今天谁没记账")).startswith("你的角色没有这个权限。这件事要店长或管理员来做")


def test_a_products_card_lists_its_ins_and_outs_at_the_store_with_the_balance_after_each(demo):
    demo.say("xiaowang", "收到牛腩20斤,张记送的")
    demo.say("liu", "卖了牛腩5斤")
    demo.say("xiaowang", "报损:牛腩2斤")
    demo.say("xiaowang", "卖了牛腩3斤")
    demo.say("xiaowang", "撤销")   # undone the same day: neither it nor its undoing is a line
    demo.say("liu", "从南山店调10斤牛腩到福田店")
    card = texts(demo.say("liu", "牛腩的进出记录")).split("\n")
    assert card == ["📒 南山店牛腩进出(6月9日–6月15日):", "期初 0斤",
                    "· 06-15 09:00 期初 +42斤(2箱+2) → 结存 42斤(2箱+2)",
                    "· 06-15 09:00 入库 +20斤(1箱) 张记肉业 → 结存 62斤(3箱+2)",
                    "· 06-15 09:00 销售 −5斤 刘店长 → 结存 57斤(2箱+17)",
                    "· 06-15 09:00 报损 −2斤 小王 → 结存 55斤(2箱+15)",
                    "· 06-15 09:00 调拨 −10斤 刘店长 → 结存 45斤(2箱+5)",
                    "期末 45斤(2箱+5)(入 62斤(3箱+2),出 17斤)"]
    assert demo.stock()["NS:P001"] == 45   # (the card's closing is the books')
    there = texts(demo.say("liu", "福田店牛腩的进出记录"))
    assert "· 06-15 09:00 调入 +10斤 刘店长 → 结存 52斤(2箱+12)" in there
    assert texts(demo.say("liu", "上个月牛腩的台账")) == "📒 南山店牛腩 5月1日–5月31日没有进出,结存 0斤。"
    day = texts(demo.say("liu", "今天的进出明细")).split("\n")
    assert day[0] == "📒 南山店6月15日的进出(5 笔,新的在前):" and day[1] == "· 06-15 09:00 刘店长 调拨(南山店):牛腩 10斤"
    assert "一次看一种商品" in texts(demo.say("liu", "牛腩和牛腱的台账"))


def test_when_the_store_and_a_product_were_last_counted_what_never_was_and_the_reminders_set(demo):
    assert texts(demo.say("liu", "上次盘点是什么时候")).startswith("🧮 南山店还没有盘点记录。")
    demo.say("xiaowang", "盘点:牛腩40斤,土豆28公斤")   # (the potatoes' books were right: counted all the same)
    demo.send(at="2026-06-24T10:00:00+08:00")
    assert texts(demo.say("liu", "土豆上次盘点是哪天")) == "🧮 南山店土豆上次盘点:06-15 09:00(9天前),小王。\n· 盘点数:28公斤(2袋+8)\n· 账实相符。"
    assert "还没有盘点记录" in texts(demo.say("liu", "鸡翅多久没盘了"))
    demo.say("liu", "每周一早上9点提醒大家盘点")
    demo.press("liu", "确认")
    asked = texts(demo.say("liu", "今天要盘点吗")).split("\n")
    assert asked[0] == "🧮 南山店上次盘点:06-15 09:00(9天前),小王。"
    assert asked[1].startswith("· 这次盘出的差异:牛腩 -2斤(合计约 ¥-"), asked   # 42 on the books, 40 counted
    assert asked[2].startswith("· 有货但从没盘过的 28 种:牛腱、五花肉")
    assert asked[3] == "· 一周以上没盘的:牛腩(9天)、土豆(9天)" and asked[4] == "⏰ 盘点提醒:#1 每周一早上9点提醒大家盘点"
