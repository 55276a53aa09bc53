"""Quotations (报价单): 给王记报价:苹果数据线100根、20W充电头50个30元 keeps the offer (each line at the price said, else
the customer's list or agreed price, else the selling price) and sends its sheet; 报价1转订单 places the customer's
order at those prices; a quote moves no stock. Before, 给王记报价:… recorded a sale. On the phone shop's catalog."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from adapters import importer
from tests.conftest import ROOT
from tests.e2e.conftest import Chat, confirmed, make_chat, texts
from tests.e2e.test_exports import ask, book, rows

PHONE = ROOT / "tests" / "nlu" / "fixtures" / "phone"


@pytest.fixture
def shop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Chat:
    """苹果数据线 (A01) sells at ¥25, ¥12 wholesale; 王记 (C02) buys wholesale; 100 cables on hand at 华强店."""
    chat = make_chat(tmp_path, monkeypatch, catalog=PHONE)
    chat.say("lz", "收到苹果数据线100根,单价8")
    confirmed(chat, "lz", "苹果数据线批发价改成12块")
    confirmed(chat, "lz", "王记按批发价")
    return chat


def test_a_quote_is_kept_with_its_prices_and_sheet_and_moves_nothing(shop: Chat):
    before = shop.stock()
    out = ask(shop, "xm", "给王记报价:苹果数据线100根、20W充电头50个30元")
    said = "\n".join(m.text for m in out)
    assert "📝 报价单 #1(王记手机店,06-15):" in said
    assert "· 苹果数据线 100根(10盒) × ¥12.00/根 = ¥1,200.00" in said          # its list's price
    assert "· 20W充电头 50个(5盒) × ¥30.00/个 = ¥1,500.00" in said             # the price said
    assert "合计 ¥2,700.00" in said and "有效期至 06-21" in said
    (sheet,) = book(out).worksheets
    got = [(r["商品"], r["数量"], r["单价"], r["金额"]) for r in rows(sheet)]
    assert got == [("苹果数据线", 100, 12, 1200), ("20W充电头", 50, 30, 1500), ("合计", None, None, 2700),
                   ("报价有效期至 2026-06-21", None, None, None)]
    assert shop.stock() == before and not shop.export("orders") and not shop.export("bookings")


def test_a_quote_becomes_the_customer_s_order_once_and_not_past_its_days(shop: Chat):
    shop.say("xm", "给王记报价:苹果数据线50根")
    shop.say("xm", "给李总报个价,苹果数据线20根,有效期3天")
    out = texts(shop.say("xm", "报价1转订单,明天提货"))
    assert "已登记客户订单 #1:王记手机店 苹果数据线 50根 2026-06-16" in out
    [order] = shop.export("orders")
    assert (order["partner"], order["lines"][0]["unit_price"], order["due"][:10]) == ("C02", "12", "2026-06-16")
    assert "报价单 #1 已经转为订单 #1 了" in texts(shop.say("xm", "报价1转订单"))
    assert len(shop.export("orders")) == 1
    listed = texts(shop.say("xm", "有哪些报价"))
    assert "#1 王记手机店 06-15:1 种商品,¥600.00。已转为客户订单 #1" in listed and "#2 李总" in listed
    shop.container.clock.set(datetime.fromisoformat("2026-06-18T10:00:00+08:00"))
    assert "报价单 #2 已过期(06-17 到期),没有下单" in texts(shop.say("xm", "报价2转订单"))
    assert len(shop.export("orders")) == 1


def test_a_quote_whose_order_was_cancelled_says_so_and_may_become_an_order_again(shop: Chat):
    shop.say("xm", "给王记报价:苹果数据线50根")
    shop.say("xm", "报价1转订单,明天提货")
    assert "已取消客户订单 #1" in confirmed(shop, "lz", "取消订单1")
    out = texts(shop.say("xm", "报价1"))
    assert "转成的客户订单 #1 已取消,有效期至 06-21;客户同意后说「报价1转订单」" in out, out
    assert "已登记客户订单 #2" in texts(shop.say("xm", "报价1转订单,后天提货"))
    assert "报价单 #1 已经转为订单 #2 了" in texts(shop.say("xm", "报价1转订单"))
    assert [o["status"] for o in shop.export("orders")] == ["cancelled", "open"]
    assert "已转为客户订单 #2" in texts(shop.say("xm", "有哪些报价"))


def test_a_quote_is_revised_product_by_product_until_it_becomes_an_order(shop: Chat):
    shop.say("xm", "给王记报价:苹果数据线100根10元、20W充电头50个30元")
    shop.container.clock.set(datetime.fromisoformat("2026-06-20T10:00:00+08:00"))
    out = ask(shop, "xm", "修改报价1:苹果数据线200根9元")               # the cable changes, the charger stays
    (text,) = [m.text for m in out if m.file is not None]
    assert text.startswith("✏️ 报价单 #1 已修改"), text
    assert "苹果数据线 200根(1箱) × ¥9.00/根" in text and "20W充电头 50个(5盒) × ¥30.00/个" in text
    assert "合计 ¥3,300.00" in text and "有效期至 06-26" in text                # holds a week from the revision
    got = [(r["商品"], r["数量"], r["单价"]) for r in rows(book(out).worksheets[0])][:2]
    assert got == [("苹果数据线", 200, 9), ("20W充电头", 50, 30)]
    out = texts(shop.say("xm", "报价1改成20W充电头60个、手机壳10个"))    # a price unsaid: the one offered
    assert "20W充电头 60个(6盒) × ¥30.00/个" in out and "手机壳 10个" in out, out
    with shop.container.uow() as uow:
        [revised, _] = [a["detail"] for a in importer.export_rows(uow, "audit") if a["action"] == "quote_revised"]
    assert (revised["was"], revised["total"]) == ("2500", "3300")
    assert "已登记客户订单 #1" in texts(shop.say("xm", "报价1转订单,明天提货"))
    out = texts(shop.say("xm", "修改报价1:苹果数据线10根"))
    assert "报价单 #1 已经转为订单 #1,不能再改" in out and "没有修改" in out
    assert [ln["qty"] for ln in shop.export("orders")[0]["lines"]] == ["200", "60", "10"]


@pytest.mark.parametrize(("said", "why"), [
    ("给绿联报价苹果数据线100根12元", "报价单是给客户的"),           # a supplier
    ("报价9转订单", "没有找到报价单 #9"),
    ("给王记报价:苹果数据线100根,有效期0天", "有效期"),
])
def test_a_quote_said_wrongly_is_refused_and_nothing_is_kept(shop: Chat, said: str, why: str):
    out = texts(shop.say("xm", said))
    assert why in out, out
    assert "还没有报价单" in texts(shop.say("xm", "有哪些报价")) and not shop.export("orders")
