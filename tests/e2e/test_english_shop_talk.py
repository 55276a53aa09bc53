"""A phone shop's English: its goods said in English (phone cases · power banks · earphones · chargers · screen
protectors; a pair of earphones), and what sold asked (how many phone cases did we sell today · what did we sell today ·
best sellers this week · revenue today · what's low on stock). Before, each of these was an unknown product
("phonecases") or read as a stock question. Through the real conversation, on the phone-shop catalog."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.e2e.conftest import Chat, make_chat, texts


def confirmed(chat: Chat, user: str, text: str) -> str:
    out = chat.say(user, text)
    if any(b == "确认 Confirm" for m in out for row in m.get("buttons") or [] for b in row):
        out = chat.press(user, "确认 Confirm")
    return texts(out)


@pytest.fixture
def shop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Chat:
    chat = make_chat(tmp_path, monkeypatch, catalog=ROOT / "tests" / "nlu" / "fixtures" / "phone",
                     clock="2026-06-15T10:00:00+08:00")
    chat.say("xm", "switch to English")
    return chat


def test_goods_said_in_english_are_the_catalogs(shop):
    confirmed(shop, "xm", "received 10 power banks from 绿联 at 40 each")
    confirmed(shop, "xm", "received 2 phone cases")
    assert shop.stock()["MD:A07"] == 10 and shop.stock()["MD:A05"] == 2
    confirmed(shop, "xm", "sold 3 power banks")
    confirmed(shop, "xm", "1 phone case broken")
    confirmed(shop, "xm", "received 3 pairs of earphones")
    confirmed(shop, "xm", "sold a pair of bluetooth earphones")
    assert shop.stock()["MD:A07"] == 7 and shop.stock()["MD:A05"] == 1 and shop.stock()["MD:A06"] == 2
    out = texts(shop.say("xm", "sold 2 cables"))
    assert "苹果数据线" in out and "Type-C数据线" in out      # two cables: asked which
    assert "充电宝" in texts(shop.say("xm", "how many power banks left"))


def test_what_sold_is_asked_in_english(shop):
    confirmed(shop, "xm", "received 10 power banks")
    confirmed(shop, "xm", "sold 3 power banks")
    confirmed(shop, "xm", "sold 1 power bank")
    sold = texts(shop.say("xm", "how many power banks did we sell today"))
    assert "4" in sold and "06-15" in sold and "left" not in sold, sold       # was: the stock on hand
    assert texts(shop.say("xm", "what did we sell today")) == texts(shop.say("xm", "今天卖了哪些"))
    assert texts(shop.say("xm", "best sellers this week")) == texts(shop.say("xm", "这周哪些卖得最好"))
    assert texts(shop.say("xm", "revenue today")) == texts(shop.say("xm", "今天营业额"))
    assert "356" in texts(shop.say("xm", "revenue today"))                   # 4 × ¥89
    assert texts(shop.say("xm", "what's low on stock")) == texts(shop.say("xm", "哪些货快没了"))


def test_a_box_is_the_products_smaller_pack_when_it_has_one(shop):
    """received 2 boxes of earphones: 盒 (5 pairs), not the 箱 of 50 (before: 100 pairs); a case is the 箱; a product
    with no 盒 keeps the 箱 (power banks: 20); a price said a box is a 盒's."""
    confirmed(shop, "xm", "received 2 boxes of earphones at 200 a box")
    assert shop.stock()["MD:A06"] == 10
    assert [float(r["unit_cost"]) for r in shop.export("moves") if r["sku"] == "A06"] == [40.0]
    confirmed(shop, "xm", "received 1 case of earphones")
    assert shop.stock()["MD:A06"] == 60
    confirmed(shop, "xm", "received 1 box of power banks")
    assert shop.stock()["MD:A07"] == 20
