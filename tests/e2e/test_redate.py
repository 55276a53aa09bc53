"""A write recorded on the wrong day, moved to the day it belongs to (刚才那笔是昨天的 · 不对,是前天到的 · 把今天卖的可颂改到
昨天 · that was yesterday): was not understood (「笔记」 an unknown product, or 数量看不懂). And an undone write leaves
the day it was about as if it had never been (its reversal was dated today: yesterday kept the sale, today lost it)."""
from __future__ import annotations

from tests.e2e.conftest import texts


def sold(chat, day: str) -> str:
    return texts(chat.say("amy", f"{day}卖了多少可颂"))


def lots(chat) -> dict[str, str]:
    """Each lot of milk at 徐汇店: its line in the lots reply."""
    out = texts(chat.say("amy", "牛奶批次"))
    return {line[len("· 批次 "):].split(":", 1)[0]: line for line in out.splitlines() if line.startswith("· 批次 ")}


def test_the_last_sale_moves_to_yesterday_and_back(chat):
    chat.say("amy", "卖了可颂3个")
    before = chat.stock()
    out = texts(chat.say("amy", "刚才那笔是昨天的"))
    assert "已更正为" in out and "记在 06-14" in out, out
    assert chat.stock() == before                                        # the same goods, another day
    assert "卖出 3个" in sold(chat, "昨天") and "没有卖出" in sold(chat, "今天")
    out = texts(chat.say("amy", "刚才那笔是昨天的"))                      # where it is already: nothing changes
    assert "已经记在 06-14" in out, out
    out = texts(chat.say("amy", "that was the day before yesterday"))
    assert "记在 06-13" in out, out
    assert "没有卖出" in sold(chat, "昨天") and "卖出 3个" in sold(chat, "前天")
    out = texts(chat.say("amy", "撤销"))                                  # the correction undone: yesterday's again
    assert "原记录已恢复" in out, out
    assert "卖出 3个" in sold(chat, "昨天") and "没有卖出" in sold(chat, "前天")


def test_an_earlier_write_found_by_its_day_is_moved_once_confirmed(chat):
    chat.say("amy", "昨天卖了可颂4个")
    n = len(chat.export("moves"))
    out = texts(chat.say("amy", "把昨天卖的可颂改到今天"))
    assert "06-14 09:00 销售" in out and "改为" in out, out
    assert len(chat.export("moves")) == n                                # asked first: nothing moved yet
    chat.press("amy", "确认")
    assert "没有卖出" in sold(chat, "昨天") and "卖出 4个" in sold(chat, "今天")


def test_a_receipt_moved_takes_that_day_s_lot_and_keeps_an_expiry_said(chat):
    chat.say("amy", "收到牛奶2箱")
    assert "06-22 到期" in lots(chat)["20260615"]                         # the catalog's 7 days
    chat.say("amy", "不对,是昨天到的")
    held = lots(chat)
    assert "20260615" not in held and "24升" in held["20260614"] and "06-21 到期" in held["20260614"], held
    chat.say("amy", "收到牛奶1箱,保质期到6月20日")
    out = texts(chat.say("amy", "记错日期了,是前天"))
    assert "06-20 到期" in out and "记在 06-13" in out, out
    assert "06-20 到期" in lots(chat)["20260613-0620"]                    # the day said stays, not 7 days on


def test_what_cannot_move_changes_nothing(chat):
    chat.say("amy", "从徐汇店调牛奶1箱到静安店")
    before = chat.stock()
    out = texts(chat.say("amy", "刚才那笔是昨天的"))                      # a transfer: undone and said again
    assert "改不了日期" in out, out
    chat.say("amy", "卖了可颂2个")
    out = texts(chat.say("amy", "刚才卖的牛奶是昨天的"))                  # the last write holds no milk
    assert "没有全脂牛奶" in out, out
    out = texts(chat.say("amy", "刚才那笔是3个月前的"))                    # past the backdating limit
    assert "31天以内" in out, out
    texts(chat.say("amy", "刚才那笔是明天的"))                             # a day to come: no write's day
    assert chat.stock()["XH:B09"] == before["XH:B09"] - 2
    assert "卖出 2个" in sold(chat, "今天")


def test_an_undone_backdated_write_leaves_its_day_as_it_was(chat):
    chat.say("amy", "昨天卖了可颂3个")
    assert "卖出 3个" in sold(chat, "昨天")
    chat.say("amy", "撤销")
    assert "没有卖出" in sold(chat, "昨天") and "没有卖出" in sold(chat, "今天")
    moves = [m for m in chat.export("moves") if m["sku"] == "B09" and m["kind"] == "sale"]
    assert {m["at"][:10] for m in moves} == {"2026-06-14"}, moves       # the reversal on the sale's own day


def test_books_closed_keep_an_undone_write_s_reversal_today(chat):
    chat.say("amy", "昨天卖了可颂3个")
    chat.say("owner", "结账到6月14日")
    chat.press("owner", "确认")
    chat.say("amy", "撤销")
    moves = [m for m in chat.export("moves") if m["sku"] == "B09" and m["kind"] == "sale"]
    assert sorted(m["at"][:10] for m in moves) == ["2026-06-14", "2026-06-15"], moves
