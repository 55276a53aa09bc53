"""The speaker's newest writes undone, that many (撤销最后两条 · 刚才那三笔都删掉 · 最近三条入库删掉): was not understood.
They are listed, newest first, to undo one or all; nothing changes before that."""
from __future__ import annotations

from tests.e2e.conftest import texts


def said(chat, *texts_: str) -> dict[str, float]:
    """Each write said by amy in turn; the stock after them."""
    for t in texts_:
        chat.say("amy", t)
    return chat.stock()


def test_the_last_two_are_listed_and_undone_together(chat):
    before = said(chat, "卖了可颂3个", "收到牛奶2箱", "可颂坏了1个")
    out = texts(chat.say("amy", "撤销最后两条"))
    assert "最近记的 2 笔" in out and "1. 06-15 09:00 报损" in out and "2. 06-15 09:00 入库" in out, out
    assert "销售" not in out, out                                       # the third newest is not listed
    assert chat.stock() == before                                       # listed only
    out = texts(chat.say("amy", "全部撤销"))
    assert out.startswith("↩️ 已撤销 2 笔:\n") and "全脂牛奶" in out and "可颂 1个" in out, out
    after = chat.stock()
    assert after["XH:B01"] == before["XH:B01"] - 24 and after["XH:B09"] == before["XH:B09"] + 1
    assert "卖出 3个" in texts(chat.say("amy", "今天卖了多少可颂"))       # the sale stands


def test_the_newest_of_a_kind_and_one_picked(chat):
    before = said(chat, "收到牛奶1箱", "卖了可颂3个", "收到黄油2公斤")
    out = texts(chat.say("amy", "刚才那两笔入库都撤销"))
    assert "黄油" in out and "全脂牛奶" in out and "可颂" not in out, out
    chat.say("amy", "2")                                                # the second listed: the milk
    after = chat.stock()
    assert after["XH:B01"] == before["XH:B01"] - 12 and after["XH:B07"] == before["XH:B07"], after
    out = texts(chat.say("amy", "撤销刚才2笔"))                          # one of the newest undone already
    assert "黄油" in out and "可颂" in out and "牛奶" not in out, out
