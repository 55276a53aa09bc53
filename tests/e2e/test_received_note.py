"""入库单 (a goods-received note to file with the supplier's invoice): 光明今天的入库单 · 采购单1的入库单 · 今天的入库单
send a spreadsheet of what came in, a row per product and cost with its amount, the lots' expiry days and the serials
under their line, the total and a line for the receiver's signature. Through the real conversation, on the café."""
from __future__ import annotations

from tests.e2e.conftest import confirmed, texts
from tests.e2e.test_exports import ask, book, rows


def test_a_supplier_s_receipts_of_the_day_as_a_goods_received_note(chat):
    assert "已记录" in confirmed(chat, "zhou", "收到牛奶2箱,每箱60元,批号A1,2026-06-25到期,光明送的")
    assert "已记录" in confirmed(chat, "zhou", "收到牛奶1箱,每箱60元,批号A2,2026-06-28到期,光明送的")
    assert "已记录" in confirmed(chat, "zhou", "收到奶油1盒,单价30,光明送的")
    assert "已记录" in confirmed(chat, "zhou", "收到鸡蛋1板,单价25,光明送的")
    assert "已撤销" in texts(chat.say("zhou", "撤销"))                             # undone: not on the note
    out = ask(chat, "zhou", "打印光明今天的入库单")
    (text,) = [m.text for m in out if m.file is not None]
    assert text == "📥 光明乳业入库单(06-15,徐汇店收货):2 种商品,合计 ¥210.00(按进价)。打印后和供应商的单据一起存档。"
    (sheet,) = book(out).worksheets
    got = [(r["商品"], r["数量"], r["单位"], r["单价"], r["金额"]) for r in rows(sheet)]
    assert got[0] == ("全脂牛奶", 36, "升", 5, 180)                                # three cases at ¥60: ¥5 a litre
    assert got[1] == ("  批号:A1(到期 2026-06-25)、A2(到期 2026-06-28)", None, None, None, None)
    assert got[2][0] == "淡奶油" and got[2][4] == 30
    assert got[3][0] == "  批号:20260615(到期 2026-06-29)"                       # its lot of the day, by shelf life
    assert got[4:] == [("合计", None, None, None, 210), ("收货人签字:", None, None, None, None)]
    assert texts(chat.say("zhou", "光明昨天的入库单")) == "光明乳业 06-14 没有入库记录,没有入库单。"


def test_a_purchase_order_s_note_holds_what_came_in_on_it_whatever_the_day(chat):
    confirmed(chat, "zhou", "向光明订牛奶2箱,每箱60元")
    assert "已记录" in confirmed(chat, "zhou", "收到奶油1盒,单价30,光明送的")      # not on the order
    chat.say("zhou", "光明的货到了")
    chat.press("zhou", "确认")
    out = ask(chat, "zhou", "采购单1的入库单")
    (text,) = [m.text for m in out if m.file is not None]
    assert text.startswith("📥 光明乳业入库单#1(06-15,徐汇店收货):1 种商品,合计 ¥120.00"), text
    out = ask(chat, "zhou", "今天的入库单")                                          # every supplier's
    (text,) = [m.text for m in out if m.file is not None]
    assert text.startswith("📥 所有供应商入库单(06-15,徐汇店收货):2 种商品,合计 ¥150.00"), text


def test_what_cannot_be_a_goods_received_note_is_said_and_staff_see_no_costs(chat):
    for said, why in (("绿野今天的入库单", "没找到供应商「绿野」"),
                      ("盒马今天的入库单", "客户拿走的货请说「××今天的送货单」"),
                      ("采购单9的入库单", "没有找到单据 #9"),
                      ("明天的入库单", "")):
        out = texts(chat.say("zhou", said))
        assert why in out and "📥" not in out, (said, out)
    assert "你的角色没有这个权限" in texts(chat.say("amy", "今天的入库单"))
