"""A delivery note's photo sent in the chat, read on this machine by the real OCR (RapidOCR's Chinese models):
what it says, checked, the receipt it makes asked first, and never recorded twice."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.conftest import make_chat, texts
from tests.e2e.notes import drawn

MILK = [["全脂牛奶", "1L*12", "箱", "4", "96.00", "384.00"], ["淡奶油", "", "盒", "6", "28.50", "171.00"],
        ["黄油", "", "块", "10", "22.00", "220.00"]]


@pytest.fixture
def chat(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    return make_chat(tmp_path, monkeypatch)


def send(chat, tmp_path: Path, user: str, picture: bytes, name: str = "note.png") -> str:  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_bytes(picture)
    return texts(chat.send(user=user, photo=str(path)), user)


def receipts(chat) -> list[dict]:  # type: ignore[no-untyped-def]
    """The receipts photos made."""
    return [m for m in chat.export("moves") if m["kind"] == "receipt" and m["note"].startswith("送货单")]


def test_a_notes_photo_is_read_checked_and_recorded_once_confirmed_then_never_again(chat, tmp_path):
    chat.say("amy", "收到牛奶2箱,每箱90元")   # the milk's last cost: 7.5 a litre
    before = chat.stock()
    said = send(chat, tmp_path, "amy", drawn(MILK, total="合计:¥775.00"))
    assert "送货单识别:光明乳业 · 2026-06-15 · 单号 GM20260615-07" in said
    assert "1. 全脂牛奶 4箱(1L*12) × 96 = 384" in said and "3. 黄油 10块 × 22 = 220" in said
    assert "合计 775 ✓" in said
    assert "📈 全脂牛奶 这次 8/升,上次进价 7.5/升(+6.7%)" in said and "淡奶油 这次" not in said   # (no cost known)
    assert "要记录「徐汇店入库 全脂牛奶 48升(4箱)、淡奶油 6盒、黄油 5kg(光明乳业),进价 全脂牛奶 ¥8.00/升(¥96.00/箱),淡奶油 " \
           "¥28.50/盒,黄油 ¥44.00/kg(¥22.00/块),共 ¥775.00」吗?" in said   # (each price per the unit on the note)
    assert chat.stock() == before and receipts(chat) == []          # asked first: nothing on a photo alone

    assert "已记录" in texts(chat.press("amy", "确认"))
    after = chat.stock()
    assert (after["XH:B01"] - before["XH:B01"], after["XH:B02"] - before["XH:B02"],
            after["XH:B07"] - before["XH:B07"]) == (48, 6, 5)
    got = {m["sku"]: m for m in receipts(chat)}
    # each at the note's price over the base units received: 384 / 48 升, 171 / 6 盒, 220 / 5 kg
    assert {s: (m["unit_cost"], m["partner"]) for s, m in got.items()} == {
        "B01": ("8", "V01"), "B02": ("28.5", "V01"), "B07": ("44", "V01")}
    assert all(m["note"].startswith("送货单 GM20260615-07 · 照片 ") for m in got.values())

    again = send(chat, tmp_path, "amy", drawn(MILK, total="合计:¥775.00"))     # the same picture, sent again
    assert "这张送货单(GM20260615-07)已经由阿梅在 06-15 09:00 记过了" in again
    other = send(chat, tmp_path, "zhou", drawn(MILK, total="合计:¥775.00", tilt=-1.5, fmt="JPEG"), "note.jpg")
    assert "已经由阿梅" in other                                          # another photo of the same note
    assert chat.stock() == after and len(receipts(chat)) == 3

    chat.say("amy", "撤销")                                               # undone: the note may be recorded again
    assert chat.stock() == before
    assert "要记录「徐汇店入库 全脂牛奶 48升(4箱)" in send(chat, tmp_path, "amy", drawn(MILK, total="合计:¥775.00"))


def test_a_note_that_does_not_add_up_is_flagged_and_a_correction_fixes_the_draft(chat, tmp_path):
    before = chat.stock()
    rows = [["全脂牛奶", "", "箱", "4", "96.00", "400.00"], ["淡奶油", "", "盒", "6", "28.50", "171.00"]]
    said = send(chat, tmp_path, "amy", drawn(rows, total="合计:¥600.00"))
    assert "1. 全脂牛奶 4箱 × 96 = 400 ⚠️ 数量×单价=384,与金额不符" in said
    assert "⚠️ 合计 600,各行相加是 571,对不上" in said
    # each correction is shown again (a note has several lines to put right) until it is confirmed
    fixed = texts(chat.say("amy", "不对,全脂牛奶是5箱"))
    assert "要记录「徐汇店入库 全脂牛奶 60升(5箱)、淡奶油 6盒(光明乳业),进价 " in fixed and chat.stock() == before
    assert "全脂牛奶 60升(5箱)、淡奶油 5盒" in texts(chat.say("amy", "不对,淡奶油是5盒"))
    assert "已记录" in texts(chat.press("amy", "确认"))
    assert chat.stock()["XH:B01"] - before["XH:B01"] == 60 and chat.stock()["XH:B02"] - before["XH:B02"] == 5


def test_a_note_of_yesterday_is_booked_on_its_day_and_an_unknown_supplier_is_said(chat, tmp_path):
    rows = [["高筋面粉", "25kg/袋", "袋", "2", "150.00", "300.00"]]
    said = send(chat, tmp_path, "amy", drawn(rows, title="鑫鑫商行 送货单", meta="日期:2026-06-14  单号:XX0614",
                                             total="合计 300.00"))
    assert "⚠️ 供应商「鑫鑫商行」不在名单里" in said
    assert "要记录「徐汇店入库 高筋面粉 50kg(2袋),进价 ¥6.00/kg(¥150.00/袋),共 ¥300.00,记在 06-14 09:00」吗?" in said
    # (the note's day, not today)
    chat.press("amy", "确认")
    (m,) = receipts(chat)
    assert (m["qty"], m["unit_cost"], m["partner"], m["at"][:10]) == ("50", "6", None, "2026-06-14")


def test_what_is_no_delivery_note_gets_a_clear_answer_and_changes_nothing(chat, tmp_path):
    from PIL import Image, ImageDraw, ImageFont

    from tests.e2e.notes import font_file
    before, moves = chat.stock(), len(chat.export("moves"))
    assert "这个文件打不开,不是照片" in send(chat, tmp_path, "amy", b"%PDF-1.4 not a picture", "x.pdf")
    poster = Image.new("RGB", (800, 300), "white")
    ImageDraw.Draw(poster).text((40, 100), "欢迎光临 今日营业到晚上九点", font=ImageFont.truetype(font_file(), 40),
                                fill="black")
    path = tmp_path / "poster.png"
    poster.save(path)
    said = texts(chat.send(user="amy", photo=str(path)), "amy")
    assert "照片里没有读到送货单上的货" in said and "欢迎光临" in said
    assert chat.stock() == before and len(chat.export("moves")) == moves


def test_a_note_is_read_back_in_english_to_an_english_speaker(chat, tmp_path):
    chat.say("amy", "switch to English")
    said = send(chat, tmp_path, "amy", drawn(MILK[:1], total="合计:¥384.00"))
    assert "Delivery note read: 光明乳业 · 2026-06-15 · no. GM20260615-07" in said
    assert "Total 384 ✓ matches the lines" in said and "Read from a photo" in said


def test_a_note_photographed_turned_is_read_upright_by_its_exif_or_by_turning_it(chat, tmp_path):
    import io

    from PIL import Image
    rows = [["全脂牛奶", "", "箱", "6", "96.00", "576.00"], ["淡奶油", "", "盒", "9", "28.50", "256.50"]]
    upright = Image.open(io.BytesIO(drawn(rows, total="合计 832.50", tilt=1)))
    # a phone keeps the pixels as the sensor saw them (a quarter turned) and says how to turn them (EXIF 6);
    # a scan or a forwarded picture may come upside down with no word of it
    exif = Image.Exif()
    exif[0x0112] = 6
    for name, pixels, tag in (("phone.jpg", upright.rotate(90, expand=True), exif),
                              ("flipped.jpg", upright.rotate(180), None)):
        out = io.BytesIO()
        pixels.save(out, "JPEG", quality=85, **({"exif": tag} if tag is not None else {}))
        said = send(chat, tmp_path, "amy", out.getvalue(), name)
        assert "1. 全脂牛奶 6箱 × 96 = 576" in said and "2. 淡奶油 9盒 × 28.5 = 256.5" in said, name
        assert "合计 832.5 ✓" in said, name
        chat.press("amy", "取消")


def test_a_name_printed_or_read_with_a_look_alike_character_is_taken_as_the_product_and_said(chat, tmp_path):
    # (the note prints 士鸡蛋 where the catalog knows 土鸡蛋, the eggs' other name: the OCR's usual slip, made sure)
    said = send(chat, tmp_path, "amy", drawn([["士鸡蛋", "", "板", "2", "15.00", "30.00"]], total="合计 30.00"))
    assert "🔤 「士鸡蛋」按【土鸡蛋】读" in said and "要记录「徐汇店入库 鸡蛋 60个(2板)(光明乳业),进价 " in said


def test_a_note_is_checked_against_the_suppliers_open_purchase_order_before_it_is_signed(chat, tmp_path):
    chat.say("zhou", "向光明订牛奶5箱,每箱90元,今天送到")
    chat.say("zhou", "向光明订鸡蛋2板,今天送到")
    said = send(chat, tmp_path, "amy", drawn(MILK, total="合计:¥775.00"))
    assert "🧾 对照采购单 #1、#2:" in said
    assert "🔻 全脂牛奶 单上 48升(4箱),订单还在等 60升(5箱)(少 12升(1箱),余下的仍在途)" in said
    assert "💰 全脂牛奶 单上 8/升,订单价 7.5/升" in said
    assert "➕ 淡奶油 不在采购单上" in said and "➕ 黄油 不在采购单上" in said
    assert "⏳ 鸡蛋 订了 60个(2板),这张单上没有(仍在途)" in said
    assert "🧾 采购单 #1 已到 全脂牛奶 48/60升" in texts(chat.press("amy", "确认"))
    # the rest of the milk comes on a second note: it matches what is still awaited
    rest = send(chat, tmp_path, "amy", drawn([["全脂牛奶", "", "箱", "1", "90.00", "90.00"],
                                              ["鸡蛋", "", "板", "2", "15.00", "30.00"]],
                                             meta="日期:2026年6月15日 单号:GM20260615-09", total="合计:¥120.00"))
    assert "🧾 与采购单 #1、#2 一致 ✓" in rest


def test_a_note_without_a_number_is_known_again_by_its_goods_and_a_caption_may_name_the_supplier(chat, tmp_path):
    import json

    from tests.e2e.conftest import texts as said_to
    rows = [["菜籽油", "5L", "桶", "3", "60.00", "180.00"]]
    note = drawn(rows, title="送货单", meta="日期:2026年6月15日", total="合计 180.00")
    path = tmp_path / "oil.png"
    path.write_bytes(note)
    # (Telegram's caption: the words sent with the photo)
    first = said_to(chat.session.line(json.dumps({"user": "amy", "photo": str(path), "text": "金龙鱼的"})), "amy")
    assert "(金龙鱼粮油),进价 ¥12.00/升(¥60.00/桶),共 ¥180.00」吗?" in first
    chat.press("amy", "确认")
    (m,) = receipts(chat)
    assert (m["partner"], m["qty"], m["unit_cost"]) == ("V02", "15", "12")
    again = send(chat, tmp_path, "zhou", drawn(rows, title="送货单", meta="日期:2026年6月15日", total="合计 180.00",
                                               tilt=-1, fmt="JPEG"), "oil.jpg")
    assert "和阿梅在 06-15 09:00 记的一张没有单号的送货单完全一样" in again
    other = send(chat, tmp_path, "zhou", drawn([["菜籽油", "5L", "桶", "2", "60.00", "120.00"]], title="送货单",
                                               meta="日期:2026年6月15日", total="合计 120.00"), "oil2.png")
    assert "要记录「徐汇店入库 菜籽油 10升(2桶),进价 ¥12.00/升(¥60.00/桶),共 ¥120.00」吗?" in other   # other goods: another note
    assert len(receipts(chat)) == 1


def test_the_owner_without_a_store_is_asked_which_store_a_notes_goods_came_to(chat, tmp_path):
    said = send(chat, tmp_path, "owner", drawn(MILK[:1], meta="日期:2026年6月15日 单号:GM20260615-11",
                                               total="合计:¥384.00"))
    assert "送货单识别:光明乳业" in said and "1. 全脂牛奶 4箱(1L*12) × 96 = 384" in said   # what was read, shown first
    assert "徐汇店" in said   # then which store, a button each
    before = chat.stock()
    asked = texts(chat.press("owner", "静安店"))   # the store picked: still asked before it is recorded
    assert "📷 这是照片识别的送货单,请核对。" in asked and "要记录「静安店入库 全脂牛奶 48升(4箱)(光明乳业),进价" in asked
    assert chat.stock() == before
    chat.press("owner", "确认")
    assert chat.stock()["JA:B01"] - before["JA:B01"] == 48
