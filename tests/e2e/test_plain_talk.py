"""Things staff say without numbers or with too many: 卖完了, 99999箱, a purchase they may not place themselves."""
from __future__ import annotations

from tests.e2e.conftest import texts


def test_sold_out_records_a_sale_of_what_is_on_hand_once_confirmed(chat):
    out = chat.say("amy", "今天的可颂卖完了")
    assert chat.stock()["XH:B09"] == 40                       # shown first: how much that is
    assert "40" in texts(out) and any(b[0] == "确认" for m in out for b in m["buttons"]), texts(out)
    chat.press("amy", "确认")
    assert chat.stock().get("XH:B09", 0) == 0
    sales = [m for m in chat.export("moves") if m["sku"] == "B09" and m["kind"] == "sale"]
    assert [float(m["qty"]) for m in sales] == [40.0]         # a sale (the forecasts learn from it), not a count
    out = chat.say("amy", "可颂卖光了")                        # nothing left: said so, nothing recorded
    assert "没有库存" in texts(out) and chat.stock().get("XH:B09", 0) == 0


def test_a_question_about_selling_out_answers_with_the_stock(chat):
    for text in ("可颂卖完了吗", "可颂快卖完了"):
        out = chat.say("amy", text)
        assert "40" in texts(out) and not any(m["buttons"] for m in out), texts(out)
    assert chat.stock()["XH:B09"] == 40


def test_a_quantity_a_hundred_times_anything_usual_is_refused_for_staff_and_confirmed_by_a_manager(chat):
    before = chat.stock()
    out = chat.say("amy", "收到牛奶99999箱")
    assert "100倍" in texts(out) and not any(m["buttons"] for m in out), texts(out)
    assert chat.stock() == before
    chat.say("amy", "收到牛奶40箱")                            # 13× what is on hand: a big delivery, recorded
    assert chat.stock()["XH:B01"] == 36 + 480
    out = chat.say("zhou", "收到牛奶99999箱")                  # a manager may, once confirmed
    assert chat.stock()["XH:B01"] == 36 + 480 and "确认" in [b[0] for m in out for b in m["buttons"]], texts(out)
    chat.press("zhou", "确认")
    assert chat.stock()["XH:B01"] == 36 + 480 + 99999 * 12


def test_staff_purchases_wait_for_a_manager(chat):
    out = chat.say("amy", "给光明下单牛奶5箱")
    order = chat.export("orders")[-1]
    assert order["status"] == "pending_approval" and order["kind"] == "purchase", texts(out)
    assert any(m["to"] == "amy" and "审批" in m["text"] for m in out)
    managers = {m["to"] for m in out if any("批准" in row for row in m["buttons"])}
    assert managers == {"zhou"}, out
    out = chat.press("zhou", "批准")
    assert chat.export("orders")[-1]["status"] == "open"
    assert any(m["to"] == "amy" and "批准" in m["text"] for m in out), texts(out)


def test_a_pack_size_said_in_the_message_sizes_its_packs_and_is_not_a_second_line(chat):
    chat.say("amy", "收到牛奶2箱(12升/箱)")                   # once read as 2 cases and 12 L more: 36 L
    assert chat.stock()["XH:B01"] == 36 + 24
    out = chat.say("amy", "收到鸡蛋3箱,每箱360个")             # a pack the catalog lacks, sized by the message
    assert chat.stock()["XH:B06"] == 300 + 1080, texts(out)
    assert "1080" in texts(out)
    chat.say("amy", "牛奶+2箱")                                # the ledger's shorthand: in
    assert chat.stock()["XH:B01"] == 36 + 48
    chat.say("amy", "牛奶+2箱,可颂-5个")                       # mixed signs: asked again, nothing written
    assert chat.stock()["XH:B01"] == 36 + 48 and chat.stock()["XH:B09"] == 40
    chat.say("amy", "可颂-5个")                                # the ledger's shorthand: out
    assert chat.stock()["XH:B09"] == 35
