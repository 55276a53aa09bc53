"""A kitchen's and a bakery's everyday words read as meant: 雪碧卖了6瓶,原价5块打8折 (the discount was lost: ¥30),
牛腩今天进了3次,一共60斤 (was 3 jin), 福田店跟我们借了5斤牛腩 (not understood), 牛腩不够了,明天要30斤 (not understood),
可颂快卖完了,再烤20个 (a sale of 20) · 卖了可颂5个,再做10个 (a sale of 15)."""
from __future__ import annotations

from tests.conftest import DEMO
from tests.e2e.conftest import make_chat, texts


def test_the_kitchen(tmp_path, monkeypatch):
    chat = make_chat(tmp_path, monkeypatch, catalog=DEMO)
    out = texts(chat.say("xiaowang", "雪碧卖了6瓶,原价5块打8折"))
    assert "实收 ¥24.00" in out, out
    out = texts(chat.say("xiaowang", "雪碧打8折卖了6瓶,4块一瓶"))              # the price the discount left
    assert "实收 ¥24.00" in out, out
    before = chat.stock()
    assert "入库 牛腩 60斤" in texts(chat.say("xiaowang", "牛腩今天进了3次,一共60斤"))
    out = texts(chat.say("xiaowang", "福田店跟我们借了5斤牛腩"))
    assert "调拨 南山店 → 福田店:牛腩 5斤" in out, out
    after = chat.stock()
    assert after["NS:P001"] == before["NS:P001"] + 60 - 5 and after["FT:P001"] == before["FT:P001"] + 5
    out = texts(chat.say("xiaowang", "牛腩不够了,明天要30斤"))
    assert "采购" in out and "牛腩 30斤 2026-06-16" in out, out
    assert chat.stock() == after                                            # ordered, nothing moved


def test_the_bakery(chat):
    before = chat.stock()["XH:B09"]
    out = texts(chat.say("amy", "可颂快卖完了,再烤20个"))
    assert "还没做出来" in out and "没有记录" in out, out
    assert chat.stock()["XH:B09"] == before
    assert "销售 可颂 5个" in texts(chat.say("amy", "卖了可颂5个,再做10个"))
    assert chat.stock()["XH:B09"] == before - 5
