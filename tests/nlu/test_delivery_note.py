"""Reading a delivery note from the words an OCR found on it: the page's layout, tilt and checks (no OCR here: the
words are placed by hand, as the OCR returns them, in any order)."""
from __future__ import annotations

import math
import random
from datetime import date
from decimal import Decimal

import pytest

from nlu import delivery
from nlu.delivery import Token

D = Decimal
COLUMNS = (40, 260, 400, 520, 660, 820)


def tok(text: str, x: float, y: float, *, tilt: float = 0.0, score: float = 0.99, h: float = 28) -> Token:
    """A word at (x, y) on a page turned by ``tilt`` degrees about its top left corner."""
    w = 24 * len(text)
    a = math.radians(tilt)
    turned = tuple((px * math.cos(a) - py * math.sin(a), px * math.sin(a) + py * math.cos(a))
                   for px, py in ((x, y), (x + w, y), (x + w, y + h), (x, y + h)))
    return Token(text, turned, score)  # type: ignore[arg-type]


def page(rows: list[list[str]], *, title: str = "张记肉类批发 送货单",
         meta: str = "日期:2026年6月14日 客户:南山店 单号:ZJ0614-03", total: str = "合计:人民币贰仟陆佰陆拾元整 ¥2660.00",
         header: tuple[str, ...] = ("品名", "规格", "单位", "数量", "单价", "金额"), tilt: float = 0.0,
         scores: dict[str, float] | None = None) -> list[Token]:
    out = [tok(title, 300, 20, tilt=tilt), tok(meta, 40, 90, tilt=tilt)]
    y = 150
    out += [tok(h, x, y, tilt=tilt) for x, h in zip(COLUMNS, header, strict=False) if h]
    for r in rows:
        y += 50
        out += [tok(c, x, y, tilt=tilt, score=(scores or {}).get(c, 0.99)) for x, c in zip(COLUMNS, r, strict=False) if c]
    out += [tok(total, 40, y + 60, tilt=tilt), tok("送货人:张三", 40, y + 110, tilt=tilt),
            tok("收货人签字:", 300, y + 110, tilt=tilt)]
    random.Random(len(out)).shuffle(out)   # the OCR's order is no reading order
    return out


GOODS = [["牛腩", "", "斤", "50", "32.00", "1600.00"], ["牛腱子", "", "斤", "20", "38.00", "760.00"],
         ["五花肉", "10斤/箱", "箱", "2", "150.00", "300.00"]]


@pytest.mark.parametrize("tilt", [0.0, 3.0, -3.0])
def test_a_table_is_read_row_by_row_under_its_headings_even_on_a_tilted_photo(tilt: float) -> None:
    # (3° over the page's width drifts a row by about one row's height: read without undoing the tilt, the rows mix)
    note = delivery.read(page(GOODS, tilt=tilt))
    assert [(r.name, r.qty, r.unit, r.spec, r.price, r.amount) for r in note.rows] == [
        ("牛腩", D(50), "斤", "", D("32.00"), D("1600.00")), ("牛腱子", D(20), "斤", "", D("38.00"), D("760.00")),
        ("五花肉", D(2), "箱", "10斤/箱", D("150.00"), D("300.00"))]
    assert (note.supplier, note.customer, note.number, note.day) == ("张记肉类批发", "南山店", "ZJ0614-03",
                                                                     date(2026, 6, 14))
    assert note.total == D("2660.00") and note.sum == D("2660.00") and note.total_adds_up
    assert all(r.adds_up for r in note.rows) and not note.unread
    assert note.rows[2].pack == (D(10), "斤") and note.rows[0].pack is None


def test_what_does_not_add_up_is_caught_a_line_and_the_total() -> None:
    rows = [["牛腩", "", "斤", "50", "32.00", "1500.00"], ["牛腱子", "", "斤", "20", "38.00", "760.00"]]
    note = delivery.read(page(rows, total="合计 2360.00"))
    assert [r.adds_up for r in note.rows] == [False, True]
    assert note.sum == D("2260.00") and note.total == D("2360.00") and note.total_adds_up is False
    # rounding of a price to the cent is no mistake
    odd = delivery.read(page([["青椒", "", "斤", "3", "3.33", "10.00"]], total="合计 10.00"))
    assert odd.rows[0].adds_up and odd.total_adds_up


def test_ocr_lookalikes_thousands_and_unsure_words_are_read_as_meant() -> None:
    rows = [["牛腩", "", "斤", "5O", "32.00", "1,600.00"], ["牛脯", "", "斤", "20", "38.00", "760.00"],
            ["橄榄油", "", "", "2l", "5O.OO", "1OO.OO"]]
    note = delivery.read(page(rows, total="合计 ¥2,460.00", scores={"牛脯": 0.55}))
    assert [(r.name, r.qty, r.unit, r.amount, r.unsure) for r in note.rows] == [
        ("牛腩", D(50), "斤", D("1600.00"), False), ("牛脯", D(20), "斤", D("760.00"), True),
        ("橄榄油", D(2), "l", D("100.00"), False)]   # (2l: two litres, not 21)
    assert note.total == D("2460.00") and note.total_adds_up


def test_headings_of_other_wordings_a_unit_in_the_quantity_and_a_spec_in_brackets() -> None:
    rows = [["1", "土豆(25kg/袋)", "", "2袋", "", "90.00"], ["2", "番茄", "", "15斤", "4.00", "60.00"]]
    note = delivery.read(page(rows, header=("序号", "商品名称", "", "数量(斤)", "单价(元)", "金额(元)"), total="总计:150"))
    assert [(r.name, r.spec, r.qty, r.unit, r.price, r.amount) for r in note.rows] == [
        ("土豆", "25kg/袋", D(2), "袋", None, D("90.00")), ("番茄", "", D(15), "斤", D("4.00"), D("60.00"))]
    assert note.rows[0].pack == (D(25), "kg") and note.rows[0].value == D("90.00")
    assert note.rows[1].value == D("60.00") and note.total == D(150)


def test_a_row_without_a_quantity_is_shown_unread_and_a_blank_or_signed_row_is_no_row() -> None:
    rows = [["牛腩", "", "斤", "50", "32.00", "1600.00"], ["猪蹄", "", "斤", "", "", ""], ["", "", "", "", "", ""]]
    note = delivery.read(page(rows, total="合计 1600.00"))
    assert [r.name for r in note.rows] == ["牛腩"]
    assert note.unread == ("猪蹄 斤",)


def test_a_note_without_headings_is_read_line_by_line() -> None:
    lines = ["张记 送货单 2026.6.15", "电话 13800138000", "牛腩 50斤 32元", "牛腱 20斤 × 38 = 760", "合计 2360元",
             "送货人 2号车"]
    note = delivery.read([tok(t, 40, 30 + 80 * i, tilt=2) for i, t in enumerate(lines)])
    assert [(r.name, r.qty, r.unit, r.price, r.amount) for r in note.rows] == [
        ("牛腩", D(50), "斤", D(32), None), ("牛腱", D(20), "斤", D(38), D(760))]
    assert (note.supplier, note.day, note.total) == ("张记", date(2026, 6, 15), D(2360))
    assert note.sum == D(2360) and note.total_adds_up


def test_a_photo_of_anything_else_holds_no_goods() -> None:
    assert delivery.read([]).rows == ()
    words = delivery.read([tok("欢迎光临", 40, 30), tok("营业时间 9:00-21:00", 40, 90)])
    assert words.rows == () and words.text == ("欢迎光临", "营业时间 9:00-21:00")


def test_the_receipt_is_said_as_someone_would_type_it() -> None:
    note = delivery.read(page(GOODS))
    said = delivery.sentence(note, supplier="张记肉业", place="福田店", day="6月14日")
    assert said == "6月14日福田店收到张记肉业的货:\n牛腩 50斤\n牛腱子 20斤\n五花肉 2箱,每箱10斤"
    assert delivery.sentence(note).startswith("收到货:\n牛腩 50斤")


def test_a_name_the_ocr_misread_by_a_look_alike_character_is_mended_only_when_one_known_name_fits() -> None:
    note = delivery.read(page([["士豆", "", "斤", "8", "3.00", "24.00"], ["牛腩", "", "斤", "5", "32.00", "160.00"],
                               ["土鸡", "", "只", "1", "50.00", "50.00"]], total="合计 234.00"))
    fixed, changed = delivery.mended(note, {"土豆", "牛腩", "土鸡", "士鸡"})
    assert [r.name for r in fixed.rows] == ["土豆", "牛腩", "土鸡"] and changed == [("士豆", "土豆")]
    assert fixed.rows[0].qty == D(8) and fixed.total == note.total
    # two known names one look-alike away: neither is guessed
    unsure, left = delivery.mended(delivery.read(page([["未瓜", "", "斤", "2", "", ""]], total="")), {"木瓜", "末瓜", "未爪"})
    assert unsure.rows[0].name == "未瓜" and left == []
