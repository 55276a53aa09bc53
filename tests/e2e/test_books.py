"""Closing the books (结账到6月17日 · 月结 · 反结账 · 账结到哪天了): a closed day takes no more stock moves, from any
write, and a refused write changes nothing; the owner's alone, asked first, through the real conversation."""
from __future__ import annotations

from datetime import datetime

import pytest

from tests.e2e.conftest import texts


@pytest.fixture
def closed(chat):  # type: ignore[no-untyped-def]
    """徐汇店 receives 24 升 of milk at ¥5 on 06-16 and sells 2 on 06-17; on 06-20 the owner closes through 06-17."""
    chat.container.clock.set(datetime.fromisoformat("2026-06-16T10:00:00+08:00"))
    assert "已记录" in texts(chat.say("zhou", "收到牛奶2箱,每箱60元"))
    chat.container.clock.set(datetime.fromisoformat("2026-06-17T10:00:00+08:00"))
    assert "已记录" in texts(chat.say("zhou", "卖了牛奶2升"))
    chat.container.clock.set(datetime.fromisoformat("2026-06-20T10:00:00+08:00"))
    asked = texts(chat.say("owner", "结账到6月17日"))
    # held at the end of 06-17, every place: milk 58 + 24 + 240 升, the lots loaded without a cost at the recent ¥5
    # (nothing else has a cost)
    assert asked.startswith("把 6月17日 及以前的账结掉吗?") and "库存约 ¥1,610.00" in asked, asked
    assert "已结账到 6月17日" in texts(chat.press("owner", "确认"))
    return chat


def test_a_closed_day_takes_no_write_and_a_refused_write_changes_nothing(closed):
    before = closed.stock()["XH:B01"]
    refused = texts(closed.say("zhou", "6月17日卖了牛奶3升"))
    assert refused == "06-17 的账已经结了(结到 06-17),不能再记到那天,没有记录。可以记在今天,或请老板说「反结账」。"
    closed.say("zhou", "把6月17日卖的牛奶改成5升")
    assert "已经结了" in texts(closed.press("zhou", "确认"))     # the correction is written on its own day: refused
    assert closed.stock()["XH:B01"] == before
    assert "已记录" in texts(closed.say("zhou", "6月18日卖了牛奶1升"))      # the day after: open
    assert "已记录" in texts(closed.say("zhou", "卖了牛奶1升"))
    closed.say("zhou", "撤销6月17日卖的牛奶")
    assert "已撤销" in texts(closed.press("zhou", "确认"))     # an undo is dated today: the closed day stays as it was
    assert closed.stock()["XH:B01"] == before - 2 + 2
    june17 = texts(closed.say("zhou", "6月17日的进销存"))
    assert "出 2(销售2)" in june17, june17


def test_only_the_owner_closes_and_anyone_asks(closed):
    assert "没有这个权限" in texts(closed.say("zhou", "月结"))
    assert texts(closed.say("amy", "账结到哪天了")) == "📕 账结到 6月17日(老板娘结的):那天及以前的出入库不能再记或改。"
    assert "只能结到昨天为止" in texts(closed.say("owner", "结账到6月20日"))
    assert "账已经结到 6月17日" in texts(closed.say("owner", "结账到6月16日"))


def test_the_books_reopen_to_a_day_or_altogether(closed):
    assert "反结账到 6月16日 吗" in texts(closed.say("owner", "反结账到6月16日"))
    assert "现在账结到 6月16日" in texts(closed.press("owner", "确认"))
    assert "已记录" in texts(closed.say("zhou", "6月17日卖了牛奶3升"))
    assert "已经结了" in texts(closed.say("zhou", "6月16日卖了牛奶3升"))
    closed.say("owner", "反结账")
    assert "已取消结账" in texts(closed.press("owner", "确认"))
    assert "已记录" in texts(closed.say("zhou", "6月16日卖了牛奶3升"))
    assert "还没有结过账" in texts(closed.say("zhou", "结账了吗"))


def test_in_english(closed):
    closed.say("zhou", "switch to English")
    assert texts(closed.say("zhou", "6月17日卖了牛奶3升")).startswith("The books are closed through 06-17")


def test_a_partners_account_settled_is_a_payment_not_the_books_closed(closed):
    # all that is owed to it (nothing: its account is shown), not the books closed
    assert texts(closed.say("zhou", "光明的账结了")).startswith("光明乳业累计:进货 ¥0.00")
    assert "账结到 6月17日" in texts(closed.say("zhou", "账结到哪天了"))
