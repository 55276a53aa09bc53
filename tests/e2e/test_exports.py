"""Spreadsheets asked for in the chat (导出库存 · 导出本月销售 · 导出今天的流水): the real conversation writes an .xlsx
that openpyxl reads back, with the books' numbers in it."""
from __future__ import annotations

import io
import itertools
from datetime import date, datetime, timedelta
from decimal import Decimal

import openpyxl

from bot.messages import Incoming, Outgoing
from tests.e2e.conftest import texts

_ids = itertools.count(1)


def ask(chat, user: str, text: str) -> list[Outgoing]:  # type: ignore[no-untyped-def]
    """One message through the conversation itself: the script channel shows only a file's name and size."""
    return chat.container.conversation.handle_sync(Incoming(tenant="default", channel="test", chat_id=user,
                                                            username=user, text=text, message_id=f"x{next(_ids)}"))


def book(out: list[Outgoing]) -> openpyxl.Workbook:
    files = [m.file for m in out if m.file is not None]
    assert len(files) == 1, [m.text for m in out]
    assert files[0].name.endswith(".xlsx")
    return openpyxl.load_workbook(io.BytesIO(files[0].content))


def rows(ws) -> list[dict]:  # type: ignore[no-untyped-def]
    values = list(ws.iter_rows(values_only=True))
    return [dict(zip(values[0], r, strict=True)) for r in values[1:]]


def test_the_stock_sheet_holds_levels_value_at_cost_and_each_lot_with_its_expiry(chat):
    chat.say("amy", "收到可颂10个,单价3元")
    chat.say("amy", "收到可颂10个,单价4元")                       # cost 3.50 a piece from receipts
    chat.say("amy", "收到牛奶2箱,批号A1,6月20日到期")
    chat.say("amy", "卖了可颂5个")
    level = chat.stock()
    out = ask(chat, "amy", "导出库存")
    assert "徐汇店库存表" in out[0].text and out[0].file is not None and "徐汇店" in out[0].file.name
    wb = book(out)
    assert wb.sheetnames == ["库存", "批次"]
    stock = rows(wb["库存"])
    body, total = stock[:-1], stock[-1]
    assert {r["地点"] for r in body} == {"徐汇店"}                  # amy's store only
    croissant = next(r for r in body if r["商品"] == "可颂")
    assert croissant["库存"] == level["XH:B09"] and croissant["单位"] == "个"
    assert croissant["单位进价"] == 3.5 and croissant["库存金额"] == 3.5 * level["XH:B09"]
    milk = next(r for r in body if r["商品编码"] == "B01")
    assert milk["库存"] == level["XH:B01"] and milk["最早到期"] == datetime(2026, 6, 20)
    assert total["地点"] == "合计" and total["库存金额"] == sum(r["库存金额"] or 0 for r in body)
    lots = rows(wb["批次"])
    a1 = next(r for r in lots if r["批次"] == "A1")
    assert a1["数量"] == 24 and a1["到期日"] == datetime(2026, 6, 20) and a1["剩余天数"] == 5
    assert sum(r["数量"] for r in lots if r["商品编码"] == "B01") == level["XH:B01"]


def test_the_owner_exports_every_place_and_a_product_under_safety_stock_is_flagged(chat):
    wb = book(ask(chat, "owner", "导出库存"))
    body = rows(wb["库存"])[:-1]
    assert {r["地点"] for r in body} == {"徐汇店", "静安店", "中央仓库"}
    eggs = next(r for r in body if r["地点"] == "静安店" and r["商品"] == "鸡蛋")   # 150 of 180
    assert eggs["低于安全库存"] == "是" and eggs["安全库存"] == 180
    wb = book(ask(chat, "owner", "导出静安店库存"))
    assert {r["地点"] for r in rows(wb["库存"])[:-1]} == {"静安店"}


def test_the_sales_sheet_sums_each_product_with_revenue_cost_and_margin_and_lists_each_day(chat):
    ask(chat, "zhou", "可颂售价改为12元")
    ask(chat, "zhou", "确认")
    chat.say("amy", "收到可颂10个,单价4元")
    chat.say("amy", "卖了可颂5个")
    chat.say("amy", "卖了可颂3个")
    chat.say("amy", "卖了牛奶2升")
    chat.say("amy", "撤销")                                        # the milk sale is undone: not a sale
    chat.send(at="2026-06-16T10:00:00+08:00")
    chat.say("amy", "卖了可颂4个,每个9元")                        # a price said on the sale counts for it
    out = ask(chat, "amy", "导出本月销售")
    assert "06-01" in out[0].text and "销售额约 ¥132.00" in out[0].text, out[0].text
    wb = book(out)
    assert wb.sheetnames == ["销售汇总", "每日销量"]
    summary = rows(wb["销售汇总"])
    croissant = next(r for r in summary if r["商品"] == "可颂")
    assert croissant["数量"] == 12 and croissant["销售额"] == 8 * 12 + 4 * 9 and croissant["单价"] == 11
    assert croissant["成本"] is not None and croissant["毛利"] == croissant["销售额"] - croissant["成本"]
    assert not [r for r in summary if r["商品编码"] == "B01"]
    days = {(r["日期"].date(), r["数量"]) for r in rows(wb["每日销量"]) if r["商品"] == "可颂"}
    assert days == {(date(2026, 6, 15), 8), (date(2026, 6, 16), 4)}


def test_the_moves_sheet_lists_every_entry_with_undone_ones_marked(chat):
    chat.say("amy", "收到牛奶2箱")
    chat.say("amy", "卖了可颂5个")
    chat.say("amy", "撤销")
    chat.say("bo", "卖了鸡蛋6个")                                  # 静安店: not in 徐汇店's sheet
    wb = book(ask(chat, "amy", "导出今天的流水"))
    moves = [r for r in rows(wb["出入库流水"]) if r["类型"] != "期初"]   # the fixture's opening stock is today's too
    assert [(r["类型"], r["商品编码"], r["变动"]) for r in moves] == [
        ("入库", "B01", 24), ("销售", "B09", -5), ("销售", "B09", 5)]
    assert moves[1]["备注"] == "已撤销" and moves[2]["备注"] == f"撤销第{moves[1]['编号']}条"
    assert all(r["地点"] == "徐汇店" and r["经手人"] == "阿梅" for r in moves)
    assert isinstance(moves[0]["时间"], datetime) and moves[0]["时间"].hour == 9   # Shanghai time, not UTC


def test_nothing_to_export_says_so_without_a_file_and_english_speakers_get_english_sheets(chat):
    before = chat.stock()
    out = ask(chat, "amy", "导出上周的流水")
    assert all(m.file is None for m in out) and "没有出入库记录" in out[0].text, out[0].text
    assert chat.stock() == before
    chat.say("amy", "/lang en")
    chat.say("amy", "收到牛奶1箱")
    wb = book(ask(chat, "amy", "export today's stock moves as excel"))
    assert wb.sheetnames == ["Stock moves"] and rows(wb["Stock moves"])[-1]["Kind"] == "received"
    assert "Stock at" in texts([{"text": m.text} for m in ask(chat, "amy", "导出库存")])


def test_the_orders_sheet_has_a_row_per_line_with_what_came_and_leaves_cancelled_ones_out_of_the_total(chat):
    chat.say("zhou", "向光明采购牛奶2箱、淡奶油1箱,明天送到")
    chat.say("zhou", "向金龙鱼采购菜籽油1桶,明天送到")
    chat.say("zhou", "取消刚才的订单")
    chat.say("zhou", "光明的货到了,牛奶少了一箱")
    chat.press("zhou", "确认")
    chat.say("bo", "向光明采购牛奶1箱")                            # 静安店's: not in 徐汇店's sheet
    out = ask(chat, "zhou", "导出本月采购单")
    wb = book(out)
    rows_ = rows(wb["订单"])
    body, total = rows_[:-1], rows_[-1]
    assert [(r["编号"], r["商品编码"], r["数量"], r["已到/已提"], r["状态"]) for r in body] == [
        (1, "B01", 24, 12, "部分到货"), (1, "B02", 12, 12, "部分到货"), (2, "B10", 5, 0, "已取消")]
    assert body[0]["往来单位"] == "光明乳业" and body[0]["经手人"] == "周店长"
    assert body[0]["到货/提货日"] == datetime(2026, 6, 16)
    assert total["金额"] == sum(r["金额"] or 0 for r in body if r["状态"] != "已取消")
    assert "2张" in out[0].text, out[0].text


def test_a_redelivered_request_gets_the_same_file_again_and_nothing_is_done_twice(chat):
    inc = Incoming(tenant="default", channel="test", chat_id="zhou", username="zhou", text="导出库存", message_id="again")
    first = chat.container.conversation.handle_sync(inc)
    again = chat.container.conversation.handle_sync(inc)       # the channel delivered it twice (a crash, a retry)
    assert [m.text for m in again] == [m.text for m in first]
    assert [m.file.content for m in again if m.file] == [m.file.content for m in first if m.file] != []
    with chat.container.uow() as u:   # sixty days of milk sales, so the forecast comes with a chart
        u.history.upsert([{"day": (date(2026, 6, 15) - timedelta(days=n)).isoformat(), "location": "XH", "sku": "B01",
                           "qty": Decimal(10 + n % 3)} for n in range(1, 61)])
        u.commit()
    asked = Incoming(tenant="default", channel="test", chat_id="zhou", username="zhou", text="牛奶未来一周预测",
                     message_id="chart")
    shown = chat.container.conversation.handle_sync(asked)
    replayed = chat.container.conversation.handle_sync(asked)
    charts = [m.image for m in shown if m.image]
    assert charts and charts[0].startswith(b"\x89PNG") and [m.image for m in replayed if m.image] == charts


def test_the_accounts_sheet_holds_each_partner_s_goods_paid_and_owed_and_every_payment(chat):
    chat.say("amy", "卖给盒马可颂10个,每个12元")                    # ¥120 owed by 盒马
    chat.say("amy", "收到光明牛奶2箱,单价60元一箱")                 # ¥120 owed to 光明
    chat.say("zhou", "盒马付了100")
    chat.say("zhou", "确认")
    chat.say("zhou", "盒马付了20")
    chat.say("zhou", "确认")
    chat.say("zhou", "撤销")                                         # the ¥20 undone
    chat.say("sun", "付给光明50")
    chat.say("sun", "确认")
    assert "权限" in texts(chat.say("amy", "导出往来账"))              # what is owed: for managers
    out = ask(chat, "zhou", "导出往来账")
    wb = book(out)
    accounts = {r["往来单位"]: r for r in rows(wb["往来汇总"])}
    assert (accounts["盒马"]["类型"], accounts["盒马"]["货款(累计)"], accounts["盒马"]["已收/已付"],
            accounts["盒马"]["未收/应付"]) == ("客户", 120, 100, 20)
    assert (accounts["光明乳业"]["货款(累计)"], accounts["光明乳业"]["未收/应付"]) == (120, 70)
    assert set(accounts) == {"盒马", "光明乳业"}                      # partners without dealings are left out
    paid = rows(wb["收付款记录"])
    assert [(r["往来单位"], r["金额"], r["备注"] or "") for r in paid] == [
        ("盒马", 100, ""), ("盒马", 20, "已撤销"), ("盒马", -20, "撤销第2条"), ("光明乳业", 50, "")]
    assert "客户未收合计 ¥20.00" in out[0].text and "供应商应付合计 ¥70.00" in out[0].text, out[0].text


def test_what_a_write_says_of_itself_is_kept_on_its_moves_and_in_the_moves_sheet(chat):
    chat.say("amy", "收到光明的牛奶2箱,送货单号A-778")                    # a document number is no quantity
    chat.say("amy", "鸡蛋碎了5个,运输途中碎的")
    assert chat.stock()["XH:B01"] == 36 + 24 and chat.stock()["XH:B06"] == 300 - 5
    notes = [(m["sku"], m["note"]) for m in chat.export("moves") if m["kind"] in ("receipt", "scrap")]
    assert notes == [("B01", "送货单号A-778"), ("B06", "运输途中碎的")], notes   # were dropped
    moves = [r for r in rows(book(ask(chat, "amy", "导出今天的流水"))["出入库流水"]) if r["类型"] != "期初"]
    assert [r["备注"] for r in moves] == ["送货单号A-778", "运输途中碎的"], moves
    assert "鸡蛋 5个(运输途中碎的)" in texts(chat.say("amy", "今天我记了哪些"))


def test_goods_said_to_expire_soon_are_received_whole_with_that_said(chat):
    chat.say("amy", "收到牛奶2箱,其中1箱快过期了")                      # was: 24 received and 12 written off
    assert chat.stock()["XH:B01"] == 36 + 24
    [(kind, note)] = [(m["kind"], m["note"]) for m in chat.export("moves") if m["kind"] in ("receipt", "scrap")]
    assert (kind, note) == ("receipt", "其中1箱快过期了")
