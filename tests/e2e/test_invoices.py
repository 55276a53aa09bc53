"""Invoices (发票): 张记开了发票1350 (a supplier's to us) · 给团餐开了发票500 (ours to a customer) kept once confirmed and
held against the month's goods (多开 · 少开 · 相符); 撤销 right after takes one back; 6月的发票核对 lists every partner's
month. Through the real conversation, on the demo chain (陈采购 buys for the warehouse, 刘店长 manages 南山店)."""
from __future__ import annotations

from pathlib import Path

import pytest

from adapters import importer
from tests.conftest import DEMO
from tests.e2e.conftest import Chat, confirmed, make_chat, texts


@pytest.fixture
def chat(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Chat:
    """June 15th: 50斤 of brisket from 张记 at ¥30, 5斤 sent back (¥1,350 of goods); 10斤 sold to 团餐 at ¥50."""
    chat = make_chat(tmp_path, monkeypatch, catalog=DEMO)
    chat.say("chen", "收到牛腩50斤,单价30,张记送的")
    chat.say("chen", "退给张记牛腩5斤")
    chat.say("liu", "卖给团餐牛腩10斤,每斤50元")
    return chat


def audited(chat: Chat, action: str) -> list[dict]:
    with chat.container.uow() as uow:
        return [a["detail"] for a in importer.export_rows(uow, "audit") if a["action"] == action]


def test_a_supplier_s_invoice_is_asked_first_held_against_the_month_s_goods_and_undone(chat: Chat):
    out = texts(chat.say("chen", "张记开了发票1400"))
    assert "确认记一张发票:张记肉业 6月货款的发票 ¥1,400.00" in out and audited(chat, "invoice") == []
    out = texts(chat.press("chen", "确认"))
    assert "已记发票 #1" in out and "6月从张记肉业进货 ¥1,350.00(按进价,减退货),收到发票合计 ¥1,400.00:发票多开 ¥50.00" in out
    assert "已撤销发票 #1" in texts(chat.say("chen", "撤销"))
    out = confirmed(chat, "chen", "张记6月的发票1000,发票号NO12345")
    assert "(发票号 NO12345)" in out and "收到发票合计 ¥1,000.00:还有 ¥350.00 没开票" in out, out
    out = confirmed(chat, "chen", "张记6月的发票350")
    assert "收到发票合计 ¥1,350.00:相符 ✅" in out, out
    assert [(a["partner"], a["month"], a["amount"], a["code"]) for a in audited(chat, "invoice")] == [
        ("S01", "2026-06-01", "1400", ""), ("S01", "2026-06-01", "1000", "NO12345"), ("S01", "2026-06-01", "350", "")]
    assert len(audited(chat, "invoice_voided")) == 1
    with chat.container.uow() as uow:
        rows = importer.export_rows(uow, "invoices")
    assert [(r["id"], r["month"], r["amount"], r["code"], r["reverses"]) for r in rows] == [
        (1, "2026-06", "1400", "", None), (2, "2026-06", "-1400", "", 1), (3, "2026-06", "1000", "NO12345", None),
        (4, "2026-06", "350", "", None)]


def test_the_month_s_invoices_are_checked_partner_by_partner(chat: Chat):
    chat.say("chen", "收到土豆20斤,单价3,绿源送的")
    confirmed(chat, "chen", "张记开了发票1350")
    out = texts(chat.say("chen", "6月的发票核对"))
    assert out.splitlines()[0] == "🧾 2026年6月供应商发票核对(进货按进价,减退货):"
    assert "· 绿源蔬菜:货款 ¥30.00,发票 ¥0.00,还没开票(¥30.00)" in out                # the furthest off first
    assert "· 张记肉业:货款 ¥1,350.00,发票 ¥1,350.00,相符 ✅" in out
    assert out.index("绿源蔬菜") < out.index("张记肉业") and "1 家对不上" in out
    assert "货款 ¥1,350.00" in texts(chat.say("chen", "张记的发票"))


def test_our_invoice_to_a_customer_is_a_manager_s_and_checked_against_its_sales(chat: Chat):
    assert "你的角色没有这个权限" in texts(chat.say("chen", "给团餐开了发票500"))
    out = confirmed(chat, "liu", "给团餐开了发票500")
    assert "给美团团餐开的 6月货款的发票 ¥500.00" in out and "6月美团团餐拿货 ¥500.00(减退货),已开发票合计 ¥500.00:相符" in out
    out = texts(chat.say("liu", "6月给客户开的发票"))
    assert "客户发票核对" in out and "· 美团团餐:货款 ¥500.00,发票 ¥500.00,相符 ✅" in out, out


@pytest.mark.parametrize(("user", "said", "why"), [
    ("chen", "开了发票3200", "是哪家的发票"),
    ("chen", "张记13月的发票3200", ""),
    ("chen", "张记的发票0元", "金额"),
    ("xiaowang", "张记开了发票100", "你的角色没有这个权限"),
])
def test_an_invoice_said_wrongly_keeps_nothing(chat: Chat, user: str, said: str, why: str):
    out = texts(chat.say(user, said))
    assert why in out and "确认" not in out, out
    assert audited(chat, "invoice") == []


def test_before_the_10th_an_invoice_is_for_last_month_s_goods(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    chat = make_chat(tmp_path, monkeypatch, catalog=DEMO, clock="2026-07-03T10:00:00+08:00")
    assert "张记肉业 6月货款的发票 ¥800.00" in texts(chat.say("chen", "张记开了发票800"))
    assert "张记肉业 7月货款的发票 ¥800.00" in texts(chat.say("chen", "张记7月的发票800"))


def test_goods_undone_are_not_held_against_the_invoices(chat: Chat):
    chat.say("chen", "收到牛腩10斤,单价30,张记送的")
    assert "撤销" in texts(chat.say("chen", "撤销"))                         # (that receipt never happened)
    out = confirmed(chat, "chen", "张记开了发票1350")
    assert "6月从张记肉业进货 ¥1,350.00(按进价,减退货),收到发票合计 ¥1,350.00:相符" in out, out
