"""Freight (运费 · 搬运费 · 快递费) said with a receipt: spread over its lines' unit costs by value, so the lots carry it
into the stock's value and the margins; owed to the supplier with the goods unless said paid apart, then kept as
paid against that delivery and undone with it. Through the real conversation, on the demo restaurant chain."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import DEMO
from tests.e2e.conftest import confirmed, make_chat, texts


@pytest.fixture
def chat(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    return make_chat(tmp_path, monkeypatch, catalog=DEMO, clock="2026-06-15T10:00:00+08:00")


def moves(chat, kind: str = "receipt") -> list[dict]:  # type: ignore[no-untyped-def]
    return [m for m in chat.send(export="moves")[0]["rows"] if m["kind"] == kind and not m.get("reverses")]


def test_freight_goes_into_each_units_cost_and_is_owed_with_the_goods(chat):
    reply = confirmed(chat, "chen", "收到张记的牛腩50斤,单价30,运费50").splitlines()
    assert reply[0] == "✅ 已记录:中心仓入库 牛腩 50斤(2箱+10)(张记肉业),进价 ¥30.00/斤,共 ¥1,500.00,运费 ¥50.00(摊进进价)"
    assert reply[-1] == "🚚 运费 ¥50.00 摊进进价:牛腩 每斤 ¥30.00 → ¥31.00"
    (m,) = moves(chat)
    assert float(m["unit_cost"]) == 31 and m["note"] == "运费¥50.00"
    assert "进价 ¥31.00/斤" in texts(chat.say("chen", "牛腩进价多少"))
    assert texts(chat.say("chen", "欠张记多少钱")).splitlines()[-1] == \
        "张记肉业累计:进货 ¥1,550.00(按进价,减退货),已付 ¥0.00,应付 ¥1,550.00。"


def test_freight_over_several_lines_by_their_value(chat):
    reply = confirmed(chat, "chen", "收到张记的牛腩10斤、可乐10箱,运费58").splitlines()
    # ¥320 of beef (the catalog's ¥32) and ¥600 of cola (240 bottles at ¥2.50): ¥20.17 and ¥37.83 of the freight
    assert reply[-1] == "🚚 运费 ¥58.00 摊进进价:牛腩 每斤 ¥32.00 → ¥34.0170,可乐 每瓶 ¥2.50 → ¥2.6576"
    costs = {m["sku"]: round(float(m["unit_cost"]) * float(m["qty"]), 2) for m in moves(chat)}
    assert costs == {"P001": 340.17, "P018": 637.83}       # adding up to the goods and the freight, to the fen


def test_freight_paid_apart_is_not_owed_to_the_supplier_and_goes_with_an_undo(chat):
    reply = confirmed(chat, "chen", "收到张记的牛腩50斤,单价30,运费50已付给司机").splitlines()
    assert reply[0].endswith(",运费 ¥50.00 另付(摊进进价,不算供应商货款)")
    assert reply[-1] == "运费 ¥50.00 已另付,不算张记肉业的货款。"
    account = "张记肉业累计:进货 ¥1,550.00(按进价,减退货),已付 ¥50.00,应付 ¥1,500.00。"
    assert texts(chat.say("chen", "欠张记多少钱")).splitlines()[-1] == account
    fixed = texts(chat.say("chen", "不对,是60斤")).splitlines()   # corrected: still paid apart, once
    assert fixed[-1] == "运费 ¥50.00 已另付,不算张记肉业的货款。"
    assert texts(chat.say("chen", "欠张记多少钱")).splitlines()[-1].endswith("已付 ¥50.00,应付 ¥1,810.00。")
    chat.say("chen", "撤销")                                       # the correction undone: the first write again
    assert texts(chat.say("chen", "欠张记多少钱")).splitlines()[-1] == account
    assert "还要撤销更早的这笔「牛腩 50斤(2箱+10)」吗" in texts(chat.say("chen", "撤销"))
    assert "已撤销" in texts(chat.press("chen", "撤销这笔"))   # the receipt itself: its freight's payment with it
    assert texts(chat.say("chen", "欠张记多少钱")).splitlines()[-1] == \
        "张记肉业累计:进货 ¥0.00(按进价,减退货),已付 ¥0.00,应付 ¥0.00。"


def test_freight_goes_with_a_receipt_only_and_changes_nothing_else(chat):
    before = chat.stock()
    for said in ("运费50", "卖了可乐1箱,运费5"):
        assert texts(chat.say("chen", said)) == \
            "「运费」要和收货一起说,摊进那批货的进价,例如「收到牛腩50斤,单价30,运费50」。没有记录。"
    assert chat.stock() == before
    # 含运费: the price said already holds it (¥1,550 for 50 斤: ¥31 each), nothing on top
    confirmed(chat, "chen", "收到牛腩50斤,含运费1550元")
    (m,) = moves(chat)
    assert float(m["unit_cost"]) == 31 and m["note"] == ""


def test_in_english(chat):
    chat.say("chen", "switch to English")
    reply = confirmed(chat, "chen", "received 2 cases of 可乐, freight 12").splitlines()
    assert reply[-1] == "🚚 Freight ¥12.00 added to the cost: 可乐 per 瓶 ¥2.50 → ¥2.75"
