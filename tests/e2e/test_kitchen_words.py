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


def test_the_product_said_wrong_is_put_right_only_on_a_write_that_holds_it(tmp_path, monkeypatch):
    """可乐记错了,是雪碧 (was a stock question) · 不是可乐,是雪碧: the last write's 可乐 becomes 雪碧; a last write of something
    else is left alone (it was swapped to 雪碧 whatever it held)."""
    chat = make_chat(tmp_path, monkeypatch, catalog=DEMO)
    before = chat.stock()
    chat.say("xiaowang", "卖了可乐3瓶")
    assert "已更正为:南山店销售 雪碧 3瓶" in texts(chat.say("xiaowang", "可乐记错了,是雪碧"))
    after = chat.stock()
    assert (after["NS:P018"], after["NS:P019"]) == (before["NS:P018"], before["NS:P019"] - 3)
    chat.say("xiaowang", "收到牛腩10斤")
    for said in ("可乐记错了,是雪碧", "不是可乐,是雪碧"):
        assert "上一笔记录里没有可乐" in texts(chat.say("xiaowang", said))
    assert chat.stock()["NS:P001"] == before["NS:P001"] + 10 and chat.stock()["NS:P019"] == after["NS:P019"]


def test_what_was_left_and_then_went_is_that_many_gone(chat):
    """昨天的可颂还剩5个,打折卖了 · 可颂还剩3个,员工吃了: those sold, eaten (each was a count, setting the stock to 5, 3)."""
    before = chat.stock()["XH:B09"]
    assert "销售 可颂 5个" in texts(chat.say("amy", "昨天的可颂还剩5个,打折卖了"))
    assert "可颂 3个" in texts(chat.say("amy", "可颂还剩3个,员工吃了"))
    assert chat.stock()["XH:B09"] == before - 8
    sold = [m for m in chat.export("moves") if m["sku"] == "B09" and m["kind"] == "sale"]
    assert [m["at"][:10] for m in sold] == ["2026-06-15"], sold              # sold today, not yesterday


def test_the_kitchen_in_english(tmp_path, monkeypatch):
    """got 50 jin of beef brisket from zhang ji, 32 a jin (「jin」 was an unknown product) · futian borrowed 5 jin of beef
    brisket (not understood)."""
    chat = make_chat(tmp_path, monkeypatch, catalog=DEMO)
    before = chat.stock()
    out = texts(chat.say("xiaowang", "got 50 jin of beef brisket from zhang ji, 32 a jin"))
    assert "入库 牛腩 50斤" in out and "¥32.00/斤" in out and "共 ¥1,600.00" in out, out
    assert "调拨 南山店 → 福田店:牛腩 5斤" in texts(chat.say("xiaowang", "futian borrowed 5 jin of beef brisket"))
    after = chat.stock()
    assert after["NS:P001"] == before["NS:P001"] + 45 and after["FT:P001"] == before["FT:P001"] + 5


def test_goods_short_and_then_why_are_used_not_lost(tmp_path, monkeypatch):
    """牛腩少了3斤,被厨房用了 · 可乐少了2瓶,员工喝了: used in house (were losses)."""
    chat = make_chat(tmp_path, monkeypatch, catalog=DEMO)
    chat.say("xiaowang", "牛腩少了3斤,被厨房用了")
    chat.say("xiaowang", "可乐少了2瓶,员工喝了")
    kinds = {(m["sku"], m["kind"], m["qty"]) for m in chat.export("moves") if m["actor"] == "xiaowang"}
    assert kinds == {("P001", "consumption", "3"), ("P018", "consumption", "2")}, kinds
