"""What a supplier's delivery said of itself, read as it was meant: 张记多送了2斤牛腩 (was a correction of the last write by −2:
「记多」 read inside 张记多送), 张记送了2斤牛腩,免费的 · …,没要钱 (were owed at cost), 张记少送了2斤牛腩 (was "nothing
happened")."""
from __future__ import annotations

from tests.conftest import DEMO
from tests.e2e.conftest import make_chat, texts


def owed(chat) -> str:
    return texts(chat.say("xiaowang", "欠张记多少钱")).splitlines()[-1]


def test_goods_given_free_are_received_and_owed_nothing(tmp_path, monkeypatch):
    chat = make_chat(tmp_path, monkeypatch, catalog=DEMO)
    chat.say("xiaowang", "卖了牛腩3斤")
    before = chat.stock()["NS:P001"]
    out = texts(chat.say("xiaowang", "张记多送了2斤牛腩,没要钱"))
    assert out.startswith("✅ 已记录:南山店入库 牛腩 2斤(赠送)(张记肉业)"), out
    out = texts(chat.say("xiaowang", "张记送了1斤牛腩,免费的"))
    assert "(赠送)" in out, out
    assert chat.stock()["NS:P001"] == before + 3                         # the sale stands (was cut by 2)
    assert "应付 ¥0.00" in owed(chat)
    chat.say("xiaowang", "张记送了牛腩10斤,另外送了2斤,不要钱")           # the extra free, the rest owed
    assert "应付 ¥320.00" in owed(chat)                                  # 10 × ¥32
    chat.say("xiaowang", "张记送了2斤牛腩,没给钱")                        # not paid yet: owed
    assert "应付 ¥384.00" in owed(chat)


def test_a_delivery_said_short_puts_its_receipt_right_or_records_nothing(tmp_path, monkeypatch):
    chat = make_chat(tmp_path, monkeypatch, catalog=DEMO)
    before = chat.stock()["NS:P001"]
    out = texts(chat.say("xiaowang", "张记少送了2斤牛腩"))                  # no delivery of it: nothing to put right
    assert "没找到" in out and "没有记录" in out, out
    assert chat.stock()["NS:P001"] == before
    chat.say("xiaowang", "收到牛腩50斤,张记送的")
    out = texts(chat.say("xiaowang", "张记少送了2斤牛腩"))
    assert "已更正为:南山店入库 牛腩 48斤" in out, out
    assert chat.stock()["NS:P001"] == before + 48
    assert "应付 ¥1,536.00" in owed(chat)
