"""进销存汇总 in the chat and as a spreadsheet: each product's opening, what came in and went out by kind, and its
closing, read from the ledger through the real conversation."""
from __future__ import annotations

from datetime import datetime

import pytest

from tests.e2e.conftest import confirmed, make_chat, texts
from tests.e2e.test_exports import ask, book, rows


def at(chat, when: str) -> None:  # type: ignore[no-untyped-def]
    chat.container.clock.set(datetime.fromisoformat(when))



@pytest.fixture
def day(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    """The café's stock loaded on 06-15; on 06-16 徐汇店 receives, sells, writes off, sends to 静安店, undoes a sale
    and counts; on 06-17 it sells again."""
    chat = make_chat(tmp_path, monkeypatch)
    at(chat, "2026-06-16T10:00:00+08:00")
    for text in ("收到牛奶2箱,每箱60元", "卖了牛奶5升", "报损:牛奶1升", "从徐汇店调6升牛奶到静安店", "卖了可颂10个"):
        assert "已记录" in confirmed(chat, "zhou", text)
    assert "已撤销" in confirmed(chat, "zhou", "撤销")          # the croissants' sale
    assert "已记录" in confirmed(chat, "zhou", "盘点:鸡蛋实际290个")
    at(chat, "2026-06-17T10:00:00+08:00")
    assert "已记录" in confirmed(chat, "zhou", "卖了牛奶3升")
    return chat


def test_a_past_day_closes_at_what_was_left_that_evening_not_at_what_is_left_now(day):
    reply = texts(day.say("zhou", "昨天的进销存"))
    # milk: 36 held, 24 in at ¥5, 5 sold, 1 written off, 6 sent away → 48 (today's sale of 3 is not that day's)
    assert "📒 徐汇店 06-16进销存" in reply
    assert "全脂牛奶:期初 36升(3箱),入 24(采购24),出 12(销售5、报损1、调出6),期末 48升(4箱)" in reply
    assert "鸡蛋:期初 300个(10板),入 0,出 10(盘亏10),期末 290个(9板+20)" in reply
    assert "期初 ¥180.00 + 入库 ¥120.00 − 出库 ¥60.00 = 期末 ¥240.00" in reply   # milk alone has a cost
    assert "出库:销售 ¥25.00 · 调出 ¥30.00 · 报损 ¥5.00" in reply
    assert "可颂" not in reply.split("种商品没有进价")[0].split("另有")[0]      # the undone sale moved nothing
    assert "另有 8 种商品有库存,这段时间没有进出" in reply
    assert day.stock()["XH:B01"] == 45


def test_today_closes_at_the_books_and_a_transfer_comes_in_where_it_arrived(day):
    today = texts(day.say("zhou", "今天的进销存"))
    assert "全脂牛奶:期初 48升(4箱),入 0,出 3(销售3),期末 45升(3箱+9)" in today
    there = texts(day.say("bo", "昨天的进销存"))   # 静安店's
    assert "📒 静安店 06-16进销存" in there and "全脂牛奶:期初 24升(2箱),入 6(调入6),出 0,期末 30升(2箱+6)" in there
    everywhere = texts(day.say("owner", "昨天的进销存"))   # every place together: both sides of the transfer
    assert "全部地点" in everywhere and "入 30(采购24、调入6),出 12(销售5、报损1、调出6)" in everywhere


def test_one_product_and_a_period_without_moves(day):
    reply = texts(day.say("zhou", "牛奶这个月的进销存"))
    assert reply.count("\n· ") == 1 and "全脂牛奶:期初 0升,入 60(期初录入36、采购24),出 15(销售8、报损1、调出6),期末 45升" in reply
    assert "没有库存,也没有出入库记录" in texts(day.say("zhou", "上个月的进销存"))


def test_the_spreadsheet_has_a_row_per_product_that_adds_up_and_the_entries_behind_it(day):
    out = ask(day, "zhou", "导出昨天的进销存")
    assert "徐汇店 06-16进销存汇总:10种商品,期初 ¥180.00,期末 ¥240.00" in out[0].text
    wb = book(out)
    assert wb.sheetnames == ["进销存汇总", "出入库流水"]
    sheet = rows(wb["进销存汇总"])
    body, total = sheet[:-1], sheet[-1]
    milk = next(r for r in body if r["商品编码"] == "B01")
    assert (milk["期初数量"], milk["采购"], milk["入库合计"], milk["销售"], milk["报损"], milk["调出"], milk["出库合计"],
            milk["期末数量"]) == (36, 24, 24, 5, 1, 6, 12, 48)
    assert milk["单位进价"] == 5 and milk["期初金额"] == 180 and milk["期末金额"] == 240 and milk["出库金额"] == 60
    eggs = next(r for r in body if r["商品编码"] == "B06")
    assert eggs["盘亏"] == 10 and eggs["期末数量"] == 290 and eggs["期末金额"] is None   # no cost: no amount
    assert "调入" not in sheet[0]   # only the kinds that moved have a column
    for r in body:
        assert r["期初数量"] + r["入库合计"] - r["出库合计"] == r["期末数量"]
    assert total["商品编码"] == "合计" and total["期初金额"] == 180 and total["期末金额"] == 240
    entries = rows(wb["出入库流水"])
    assert sorted(e["变动"] for e in entries if e["商品编码"] == "B01") == [-6, -5, -1, 24]
    assert len([e for e in entries if e["商品编码"] == "B09"]) == 2   # the sale and its undoing, both listed


def test_in_english(day):
    day.say("zhou", "switch to English")
    reply = texts(day.say("zhou", "stock book for yesterday"))
    assert "opening ¥180.00 + in ¥120.00 − out ¥60.00 = closing ¥240.00" in reply
    assert "全脂牛奶: opening 36升(3箱), in 24 (received 24), out 12 (sold 5, written off 1, transferred out 6)" in reply


def test_last_months_stock_book_arrives_on_the_first(tmp_path, monkeypatch):
    chat = make_chat(tmp_path, monkeypatch)
    out = chat.say("zhou", "每月1号早上9点把上个月的进销存发给我")
    assert "每月1号 09:00 → 把【上个月的进销存】发给【周店长】" in texts(out), texts(out)
    chat.press("zhou", "确认")
    assert "已记录" in confirmed(chat, "zhou", "卖了牛奶5升")
    assert not [m for m in chat.send(at="2026-06-30T09:01:00+08:00") if "进销存" in (m.get("text") or "")]
    pushed = [m for m in chat.send(at="2026-07-01T09:01:00+08:00") if "进销存" in (m.get("text") or "")]
    assert [m["to"] for m in pushed] == ["zhou"]
    # June: the opening entries and the sale (July's 1st is no part of it)
    assert "📒 徐汇店 06-01至06-30进销存" in pushed[0]["text"]
    assert "全脂牛奶:期初 0升,入 36(期初录入36),出 5(销售5),期末 31升(2箱+7)" in pushed[0]["text"]
