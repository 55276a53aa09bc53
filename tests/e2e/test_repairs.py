"""Repairs (维修单), end to end on the phone shop: a customer's unit taken in with its fault and warranty (read from its
sale), sent to its supplier, back (mended, replaced by another serial, or not), collected; each step audited, whoever
took it in told when it is back; found by its number or its serial; the stock never touched."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.e2e.conftest import Chat, confirmed, make_chat, texts

PHONE = ROOT / "tests" / "nlu" / "fixtures" / "phone"


@pytest.fixture
def shop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Chat:
    """蓝牙耳机 SN001–SN003 came from 绿联 to 华强店, a year's warranty; SN001 was sold to 王记."""
    chat = make_chat(tmp_path, monkeypatch, catalog=PHONE)
    assert "已记录" in texts(chat.say("xm", "收到绿联的蓝牙耳机3副,串号SN001、SN002、SN003"))
    assert "365天" in confirmed(chat, "lz", "蓝牙耳机保修一年")
    assert "已记录" in texts(chat.say("xm", "王记买了蓝牙耳机1副,串号SN001"))
    return chat


def steps(chat: Chat) -> list[tuple[int, str, str]]:
    return [(a["detail"]["repair"], a["detail"]["step"], a["detail"]["status"])
            for a in chat.send(export="audit")[0]["rows"] if a["action"] == "repair"]


def test_a_unit_is_taken_in_sent_back_and_collected(shop: Chat):
    before = shop.stock()
    out = texts(shop.say("xm", "王记送修蓝牙耳机,串号SN001,不出声"))
    assert "已登记维修单 #1:蓝牙耳机 SN001(王记手机店),故障:不出声。在保修期内(到 2027-06-14)" in out, out
    assert "已经有在修的维修单 #1" in texts(shop.say("xm", "SN001返修"))          # (not twice)
    assert "· #1 06-15 蓝牙耳机 SN001(王记手机店):在店里,待送修" in texts(shop.say("lz", "在修的"))
    assert "已寄给深圳绿联维修" in texts(shop.say("lz", "SN001寄给绿联修"))
    out = shop.say("cg", "维修单1修好了,收费0")
    assert "修好了,等王记手机店来取" in texts(out, "cg")
    assert "你登记的维修单 #1 蓝牙耳机 SN001(王记手机店):修好了(陈采购)" in texts(out, "xm")   # whoever took it in
    assert "不能再「寄出维修」" in texts(shop.say("xm", "维修单1寄给绿联"))         # (back already)
    assert "已由王记手机店取走" in texts(shop.say("xm", "SN001客户取走了"))
    out = texts(shop.say("ah", "维修单1"))
    assert out.splitlines()[0] == "🔧 维修单 #1:蓝牙耳机 SN001(王记手机店),已取走", out
    assert "· 06-15 09:00 寄出维修(林店长)" in out and "· 06-15 09:00 客户取走(小美)" in out
    assert steps(shop) == [(1, "intake", "received"), (1, "send", "at_supplier"), (1, "back", "ready"),
                           (1, "collect", "returned")]
    assert "没有在修的维修单" in texts(shop.say("lz", "在修的"))
    assert "🔧 维修单 #1:已取走" in texts(shop.say("xm", "串号SN001"))             # (on the unit's own history)
    assert shop.stock() == before                                                  # the customer's: no stock moved


def test_a_replacement_names_its_new_unit_and_is_found_by_it(shop: Chat):
    texts(shop.say("xm", "串号SN001返修,充不进电"))
    assert "请说新机的串号" in texts(shop.say("xm", "维修单1换新了"))
    out = texts(shop.say("xm", "维修单1换新了,新串号SN009,收费80"))
    assert "换了新机 SN009,收费 ¥80.00,等王记手机店来取" in out, out
    out = texts(shop.say("xm", "SN009修到哪了"))
    assert "换了新机 SN009,待取" in out and "收费:¥80.00" in out and "故障:充不进电" in out, out


def test_out_of_warranty_is_said(shop: Chat):
    shop.send(at="2027-07-01T10:00:00+08:00")
    out = texts(shop.say("xm", "王记送修蓝牙耳机,串号SN001,屏幕不亮"))
    assert "已过保修期(2027-06-14 到期),维修可能要收费" in out, out
    assert "修不好,等王记手机店来取回" in texts(shop.say("xm", "维修单1修不好"))


@pytest.mark.parametrize(("said", "expected"), [
    ("维修单9修好了", "没有维修单 #9"),
    ("SN002取走了", "串号 SN002 没有在修的维修单"),
    ("串号XY999返修", "查不到串号 XY999 是什么商品"),
])
def test_what_names_no_ticket_changes_nothing(shop: Chat, said: str, expected: str):
    assert expected in texts(shop.say("xm", said))
    assert steps(shop) == []


def test_an_order_s_units_collected_are_no_repair(shop: Chat):
    out = texts(shop.say("xm", "王记的货取走了,串号SN004"))
    assert "维修" not in out, out
    assert steps(shop) == []


def test_said_in_english(shop: Chat):
    assert "已登记维修单 #1" in texts(shop.say("xm", "SN001 in for repair, no sound"))
    assert "已寄给深圳绿联维修" in texts(shop.say("xm", "repair 1 sent to 绿联"))
    assert "换了新机 SN009" in texts(shop.say("xm", "repair 1 was replaced by SN009"))
    assert "已由王记手机店取走" in texts(shop.say("xm", "repair 1 collected"))
