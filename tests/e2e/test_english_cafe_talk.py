"""A café's English for what it sets, spends and undoes (set the safety stock of milk to 24 liters · undo that · how much
did we spend on milk this month · hema took 50 croissants · remind me every morning at 8 to count the milk). Before,
the first was a receipt of 24 litres and the others were not understood, or asked where. Through the real
conversation, on the café."""
from __future__ import annotations

from tests.e2e.conftest import confirmed, texts


def test_a_product_s_numbers_set_in_english_change_no_stock(chat):
    before = chat.stock()
    out = confirmed(chat, "zhou", "set the safety stock of milk to 24 liters")
    assert "安全库存" in out and "24升" in out, out
    assert "进价" in confirmed(chat, "zhou", "change the cost of milk to 60 a case")
    assert chat.stock() == before and not [m for m in chat.export("moves") if m["actor"] == "zhou"]
    assert "¥5.00/升" in texts(chat.say("zhou", "牛奶进价多少"))


def test_undo_that_and_money_spent_on_a_product(chat):
    confirmed(chat, "amy", "收到牛奶2箱,每箱60元")
    before = chat.stock()["XH:B01"]
    confirmed(chat, "amy", "received 1 case of milk")
    assert chat.stock()["XH:B01"] == before + 12
    assert "撤销" in confirmed(chat, "amy", "undo that")                   # was: not understood
    assert chat.stock()["XH:B01"] == before
    out = texts(chat.say("amy", "how much did we spend on milk this month"))
    assert "¥120.00" in out, out                                         # was: the stock
    assert "¥120.00" in texts(chat.say("amy", "这个月买牛奶花了多少钱")), out   # was: the price


def test_a_customer_taking_goods_to_pay_later_said_in_english_or_with_a_bare_pay(chat):
    before = chat.stock()["XH:B09"]
    assert "已记录" in confirmed(chat, "amy", "hema took 5 croissants")     # was: asked which place
    out = confirmed(chat, "amy", "盒马拿了可颂5个,月底付")                     # was: not happened yet
    assert "已记录" in out, out
    sold = [m for m in chat.export("moves") if m["kind"] == "sale"]
    assert [(m["partner"], m["qty"]) for m in sold[-2:]] == [("K01", "5"), ("K01", "5")]
    assert chat.stock()["XH:B09"] == before - 10


def test_a_reminder_every_morning_said_in_english(chat):
    out = texts(chat.say("zhou", "remind me every morning at 8 to count the milk"))
    assert "每天 08:00" in out and "盘点牛奶" in out, out                   # was: asked how much milk
    assert "已保存" in texts(chat.press("zhou", "确认"))


def test_orders_decided_and_cancelled_by_number_in_english(chat):
    """reject order 1, too expensive · approve order 2 · cancel order 2 (each was an unknown product)."""
    chat.say("amy", "向光明订牛奶2箱")
    out = chat.say("zhou", "reject order 1, too expensive")
    assert "已驳回 #1" in texts(out, "zhou") and "too expensive" in texts(out, "amy"), texts(out)
    chat.say("amy", "向光明订牛奶1箱")
    assert "已批准 #2" in texts(chat.say("zhou", "approve order 2"))
    assert "已取消采购单 #2" in texts(chat.say("zhou", "cancel order 2"))
    assert [o["status"] for o in chat.export("orders")] == ["rejected", "cancelled"]


def test_a_supplier_s_slips_and_goods_running_low_in_english(chat):
    """guangming sent 1 extra case of milk for free (asked for a unit) · guangming sent 1 case of milk short (nothing
    happened) · 2 croissants were burnt · milk is running low (neither understood)."""
    before = chat.stock()
    out = texts(chat.say("amy", "guangming sent 1 extra case of milk for free"))
    assert "入库 全脂牛奶 12升(1箱)(赠送)(光明乳业)" in out, out
    out = texts(chat.say("amy", "guangming sent 1 case of milk short"))   # no delivery of more than 1 case: nothing
    assert "没找到光明乳业" in out and "没有记录" in out, out
    assert "报损 可颂 2个" in texts(chat.say("amy", "2 croissants were burnt"))
    assert "全脂牛奶" in texts(chat.say("amy", "milk is running low"))
    after = chat.stock()
    assert after["XH:B09"] == before["XH:B09"] - 2 and after["XH:B01"] == before["XH:B01"] + 12
