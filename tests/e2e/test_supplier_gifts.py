"""A supplier's free goods on a receipt (赠送 · 买十送一), end to end on the phone shop's warehouse: they come in with
the rest, cost nothing once what was bought is priced (said, or agreed with the supplier), so the supplier is owed for
what was bought alone, the stock is worth what was paid and the cost per unit falls. Before, 绿联送来手机壳10个,赠送1个
was recorded as goods used up (the 送 of 赠送), and a priced delivery's free case was owed at the recent cost;
收到手机壳10个,买十送一 dropped the deal. And the part of a sale said given away (手机壳卖了3个,其中1个是送的) is
split off it."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.e2e.conftest import Chat, confirmed, make_chat, texts

PHONE = ROOT / "tests" / "nlu" / "fixtures" / "phone"


@pytest.fixture
def shop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Chat:
    return make_chat(tmp_path, monkeypatch, catalog=PHONE)


def receipts(chat: Chat) -> list[tuple[float, float | None, str]]:
    return [(float(m["qty"]), float(m["unit_cost"]) if m["unit_cost"] is not None else None, m["note"] or "")
            for m in chat.export("moves") if m["kind"] == "receipt"]


def test_a_priced_deliverys_free_goods_cost_nothing(shop: Chat):
    out = confirmed(shop, "cg", "绿联送来手机壳10个,单价6,赠送1个")
    assert "仓库入库 手机壳 10个、手机壳 1个(赠送)(深圳绿联)" in out, out
    assert receipts(shop) == [(10, 6, ""), (1, 0, "赠送")]
    assert shop.stock()["CK:A05"] == 11
    assert "应付 ¥60.00" in texts(shop.say("cg", "欠绿联多少钱"))
    assert "手机壳 11个:¥60.00" in texts(shop.say("cg", "库存值多少钱"))
    out = texts(shop.say("cg", "手机壳进价多少"))
    assert "进价 ¥5.45/个(近期收货均价)" in out and "上次 06-15 深圳绿联 ¥6.00/个" in out, out   # (the free one no price)
    assert "进价没有变化" in texts(shop.say("cg", "最近哪些进价降了"))   # (¥0 is no fall in price)


def test_buy_ten_get_one_comes_in_as_the_free_units_beside_those_bought(shop: Chat):
    out = confirmed(shop, "cg", "绿联送来手机壳10个,单价6,买十送一")
    assert "手机壳 10个、手机壳 1个(赠送)" in out, out
    confirmed(shop, "cg", "绿联送来手机壳22个,单价6,买十送一")   # 22: two of 10 + 1, the free ones among them
    assert receipts(shop) == [(10, 6, "买十送一"), (1, 0, "买十送一;赠送"), (20, 6, "买十送一"), (2, 0, "买十送一;赠送")]
    assert shop.stock()["CK:A05"] == 33
    assert "应付 ¥180.00" in texts(shop.say("cg", "欠绿联多少钱"))
    asked = texts(shop.say("cg", "收到手机壳12个,买十送一"))   # neither way: all of it as bought, said first
    assert "分不出哪些是送的" in asked and "手机壳 12个" in asked, asked


def test_a_deal_in_two_units_gives_the_free_unit_per_pack_bought(shop: Chat):
    # 买一盒送一副: a free pair with each box of five (was: a purchase order, then ten free pairs)
    out = confirmed(shop, "cg", "收到蓝牙耳机2盒,单价45,买一盒送一副")
    assert "仓库入库 蓝牙耳机 10副(2盒)、蓝牙耳机 2副(赠送),进价 ¥45.00/副(¥225.00/盒),共 ¥450.00" in out, out
    assert receipts(shop) == [(10, 45, "买一盒送一副"), (2, 0, "买一盒送一副;赠送")]
    assert shop.stock()["CK:A06"] == 12


def test_a_free_case_from_a_supplier_with_an_agreed_price_costs_nothing(shop: Chat):
    assert "以后向深圳绿联进手机壳按" in texts(shop.say("cg", "绿联的手机壳按5元一个"))
    shop.press("cg", "确认")
    confirmed(shop, "cg", "绿联送来手机壳20个,赠送2个")   # no price said: the agreed one, the free ones at nothing
    assert receipts(shop) == [(20, 5, ""), (2, 0, "赠送")]
    assert "应付 ¥100.00" in texts(shop.say("cg", "欠绿联多少钱"))


def test_part_of_a_delivery_said_free_is_split_off_what_was_bought(shop: Chat):
    out = confirmed(shop, "cg", "绿联送来手机壳11个,单价6,其中1个是赠品")
    assert "手机壳 10个、手机壳 1个(赠送)" in out, out
    assert receipts(shop) == [(10, 6, ""), (1, 0, "赠送")]
    assert shop.stock()["CK:A05"] == 11
    assert "应付 ¥60.00" in texts(shop.say("cg", "欠绿联多少钱"))
    asked = texts(shop.say("cg", "收到手机壳3个,其中5个是赠品"))   # (more than came: nothing recorded)
    assert "比一共的数量还多" in asked and shop.stock()["CK:A05"] == 11, asked


def test_part_of_a_sale_said_given_away_is_split_off_it(shop: Chat):
    confirmed(shop, "xm", "收到手机壳10个")
    out = confirmed(shop, "xm", "手机壳卖了3个,其中1个是送的")
    assert shop.stock()["MD:A05"] == 7, out                   # 3 went, not 4
    moves = [(m["kind"], float(m["qty"])) for m in shop.export("moves") if m["kind"] != "receipt"]
    assert moves == [("sale", 2), ("consumption", 1)], moves   # 2 sold, 1 given away


def test_an_unpriced_deliverys_free_goods_are_owed_nothing_either(shop: Chat):
    confirmed(shop, "cg", "绿联送来手机壳10个,赠送1个")   # no price: what was bought at the recent cost (catalog ¥5)
    assert [n for _, _, n in receipts(shop)] == ["", "赠送"]   # (the free one's move says so)
    out = texts(shop.say("cg", "欠绿联多少钱"))
    assert "手机壳 11个:¥50.00" in out and "应付 ¥50.00" in out, out
    texts(shop.say("cg", "撤销"))
    assert "应付 ¥0.00" in texts(shop.say("cg", "欠绿联多少钱"))
