"""Changing an open order in the chat: right after placing it (改成3箱 · 再加1箱牛腱 · 牛腱也要1箱 · 改成明天到) or by its
number or partner (订单1改成明天到 · 张记的订单推迟到周五 · 订单1加牛腱1箱). A change that takes the order past the
approval limit or the customer's credit goes back to a manager; the supplier hears what to deliver, never a price."""
from __future__ import annotations

import pytest

from tests.conftest import DEMO
from tests.e2e.conftest import Chat, make_chat, texts


@pytest.fixture
def demo(tmp_path, monkeypatch) -> Chat:  # type: ignore[no-untyped-def]
    return make_chat(tmp_path, monkeypatch, catalog=DEMO)


def order(chat: Chat, oid: int) -> dict:
    return next(o for o in chat.export("orders") if o["id"] == oid)


def lines(o: dict) -> dict[str, float]:
    return {ln["sku"]: float(ln["qty"]) for ln in o["lines"]}


def test_what_follows_an_order_just_placed_changes_that_order(demo):
    before = demo.stock()
    demo.say("chen", "向张记订牛腩2箱")
    out = demo.say("chen", "改成3箱")
    assert "已修改采购单 #1" in texts(out, "chen"), texts(out)
    assert lines(order(demo, 1)) == {"P001": 60}
    told = texts(out, "zhangji")   # the supplier delivers the new amount, and sees no price
    assert "牛腩 60斤" in told and "¥" not in told and "32" not in told, told
    assert "大于0" in texts(demo.say("chen", "改成-3箱"))   # refused, and the order stays in view
    demo.say("chen", "再加1箱牛腱")
    demo.say("chen", "五花肉也要20斤")
    assert lines(order(demo, 1)) == {"P001": 60, "P002": 20, "P003": 20}
    assert [float(ln["unit_price"]) for ln in order(demo, 1)["lines"]] == [32, 36, 18]   # the catalog's costs
    demo.say("chen", "再加牛腩10斤")   # more of a product it holds: the same line
    assert lines(order(demo, 1)) == {"P001": 70, "P002": 20, "P003": 20}
    out = demo.say("chen", "改成明天到")
    assert order(demo, 1)["due"].startswith("2026-06-16"), texts(out)
    demo.say("chen", "推迟到周五")
    assert order(demo, 1)["due"].startswith("2026-06-19")
    assert demo.stock() == before   # an order moves no stock, and no follow-up was read as a receipt
    assert len(demo.export("orders")) == 1


def test_an_order_named_by_number_or_partner_gets_a_new_day_or_more_goods(demo):
    demo.say("chen", "向张记订牛腩2箱")
    demo.say("chen", "向绿源订土豆3袋")
    demo.say("xiaowang", "卖了可乐2瓶")   # someone else's write in between changes nothing of this
    demo.say("chen", "订单1改成明天到")
    assert order(demo, 1)["due"].startswith("2026-06-16") and order(demo, 2)["due"] is None
    demo.say("chen", "绿源的订单推迟到周五")
    assert order(demo, 2)["due"].startswith("2026-06-19")
    demo.say("chen", "给订单1加上牛腱1箱")
    assert lines(order(demo, 1)) == {"P001": 40, "P002": 20} and lines(order(demo, 2)) == {"P006": 30}
    out = demo.say("chen", "订单1改成昨天到")   # a day gone: refused, nothing changes
    assert "已经过去" in texts(out), texts(out)
    assert "没看懂到货时间" in texts(demo.say("chen", "订单1改成下个月到"))
    assert "没有「火星」" in texts(demo.say("chen", "订单1加火星10斤"))
    assert order(demo, 1)["due"].startswith("2026-06-16") and lines(order(demo, 1)) == {"P001": 40, "P002": 20}
    demo.say("chen", "取消订单1")
    assert "已经是「已取消」,不能再修改" in texts(demo.say("chen", "订单1改成后天到"))


def test_a_correction_after_a_later_write_corrects_the_write_not_the_order(demo):
    demo.say("liu", "向张记订牛腩2箱")
    demo.say("liu", "卖了可乐3瓶")
    out = demo.say("liu", "改成5瓶")
    assert "已更正" in texts(out), texts(out)
    assert demo.stock()["NS:P018"] == 67 - 5
    assert lines(order(demo, 1)) == {"P001": 40}


def test_a_cancelled_order_is_not_changed_by_what_follows(demo):
    demo.say("chen", "向张记订牛腩2箱")
    demo.say("chen", "取消刚才的订单")
    demo.say("chen", "改成3箱")
    o = order(demo, 1)
    assert o["status"] == "cancelled" and lines(o) == {"P001": 40}


def test_adding_past_the_approval_limit_sends_the_order_back_to_a_manager(demo):
    demo.say("chen", "向张记订牛腩2箱")   # ¥1,280: under the ¥2,000 limit, open at once
    assert order(demo, 1)["status"] == "open"
    out = demo.say("chen", "再加5箱牛腱")   # + ¥3,600
    assert order(demo, 1)["status"] == "pending_approval"
    assert "重新提交" in texts(out, "chen"), texts(out)
    assert any(m["to"] == "boss" and "#1" in m["text"] and m.get("buttons") for m in out)
    assert not texts(out, "zhangji")   # not sent to the supplier before it is approved
    demo.press("boss", "批准")
    assert order(demo, 1)["status"] == "open"


def test_a_customer_order_grown_past_its_credit_waits_for_a_manager_and_books_its_new_day(demo):
    demo.say("liu", "团餐明天要可乐2箱")   # ¥240 of a ¥5,000 limit
    demo.say("liu", "再加可乐40箱")        # + ¥4,800
    o = order(demo, 1)
    assert o["status"] == "pending_approval" and lines(o) == {"P018": 1008}
    demo.say("liu", "改成后天")
    [booking] = demo.export("bookings")
    assert booking["at"].startswith("2026-06-17") and float(booking["qty"]) == 1008
    demo.say("liu", "推迟一天")
    assert order(demo, 1)["due"].startswith("2026-06-18")
    assert "今天之前" in texts(demo.say("liu", "团餐那单提前5天"))   # never into the past
    demo.say("liu", "订单1提前两天")
    [booking] = demo.export("bookings")
    assert order(demo, 1)["due"].startswith("2026-06-16") and booking["at"].startswith("2026-06-16")


def test_a_supplier_confirms_its_orders_once_and_the_store_sees_it(demo):
    demo.say("chen", "向张记订牛腩2箱")
    demo.say("chen", "向张记订牛腱1箱,后天到")
    out = demo.say("zhangji", "收到")   # both open orders, each told once to the orderer
    assert texts(out, "chen").count("已确认") == 2 and "#1" in texts(out, "chen") and "#2" in texts(out, "chen")
    out = demo.say("zhangji", "好的")   # nothing new: no one is told again
    assert not texts(out, "chen") and "都已确认过了" in texts(out, "zhangji"), texts(out)
    out = demo.say("zhangji", "订单1明天送")
    assert "预计 06-16 送到" in texts(out, "chen"), texts(out)
    assert order(demo, 1)["due"].startswith("2026-06-16")
    assert "供应商已确认" in texts(demo.say("chen", "张记的订单"))
    assert "[已确认]" in texts(demo.say("zhangji", "我的订单"))
    with demo.container.uow(write=False) as uow:
        acks = sorted(a["order"] for a in uow.chat.audits("supplier_update", limit=10) if a["ack"])
    assert acks == [1, 2]   # (订单1明天送 is audited for its day; order 1 was confirmed already)
    demo.say("zhangji", "订单1已发货")
    demo.say("zhangji", "订单2已发货")
    out = demo.say("zhangji", "好的")   # all shipped: said so (was: say when it ships), no one told again
    assert not texts(out, "chen") and "都已发货" in texts(out, "zhangji"), texts(out)


def test_an_order_asked_by_its_number_is_shown_in_whatever_state(demo):
    demo.say("chen", "向张记订牛腩2箱")
    assert "采购单 #1 张记肉业:牛腩 40斤(2箱),待送货" in texts(demo.say("chen", "订单1到了吗"))
    demo.say("chen", "取消订单1")
    assert "已取消" in texts(demo.say("chen", "#1"))
    assert "没有找到单据 #1" in texts(demo.say("xiaowang", "订单1怎么样了"))   # another store's, not shown
    assert "没有找到单据 #9" in texts(demo.say("chen", "查一下订单9"))


def test_which_supplier_is_cheaper_and_whether_the_cost_rose(demo):
    demo.say("xiaowang", "收到张记牛腩50斤,32一斤")
    demo.send(at="2026-06-15T12:00:00+08:00")
    demo.say("xiaowang", "收到绿源的牛腩10斤,30块一斤")
    demo.send(at="2026-06-15T15:00:00+08:00")
    demo.say("xiaowang", "收到张记牛腩20斤,34一斤")
    demo.say("xiaowang", "收到张记牛腩1斤,99一斤")
    demo.say("xiaowang", "撤销")   # an undone receipt is neither the last cost nor a supplier's
    out = texts(demo.say("liu", "哪家的牛腩便宜"))
    assert "上次 06-15 张记肉业 ¥34.00/斤" in out and "涨了 13%" in out, out
    assert "绿源蔬菜 ¥30.00/斤(06-15)、张记肉业 ¥34.00/斤" in out and "99" not in out, out


def test_what_is_owed_a_supplier_is_what_came_in_less_what_went_back(demo):
    demo.say("xiaowang", "收到张记牛腩50斤,32一斤")
    demo.say("xiaowang", "收到绿源的土豆2袋,3块一公斤")   # another supplier's
    demo.say("xiaowang", "退给张记牛腩5斤")
    out = texts(demo.say("liu", "欠张记多少钱"))
    assert "进货 ¥1,600.00 − 退货 ¥160.00 = ¥1,440.00" in out and "土豆" not in out, out
    assert "已付 ¥0.00,应付 ¥1,440.00" in out, out
    assert "退货" not in texts(demo.say("liu", "这个月从张记进了多少钱的货")).split("\n")[-1]


def test_a_store_asking_for_goods_from_the_warehouse_waits_for_it_and_typed_words_ship_and_receive(demo):
    before = demo.stock()
    out = demo.say("xiaowang", "南山店要20斤牛腩,从仓库调")   # was: moved at once, without the warehouse
    assert "调拨申请 #1" in texts(out, "xiaowang") and demo.stock() == before, texts(out)
    demo.press("boss", "确认调拨")
    assert "没有要从这里发出的调拨单" in texts(demo.say("xiaowang", "发货了"))   # not the sending store
    out = demo.say("chen", "发货了")
    assert any(b == "确认发货" for m in out for row in m.get("buttons") or [] for b in row), out
    assert demo.stock() == before   # asked, not yet done
    demo.press("chen", "确认发货")
    out = demo.say("xiaowang", "收到了")   # the transfer on its way, before any purchase order
    assert "调拨单 #1" in texts(out) and any("确认收货" in row for m in out for row in m.get("buttons") or []), out
    demo.press("xiaowang", "确认收货")
    assert demo.stock()["NS:P001"] == before["NS:P001"] + 20 and demo.stock()["WH:P001"] == before["WH:P001"] - 20


def test_a_transfer_said_come_by_how_it_was_sent_is_its_receipt_and_a_wrong_one_is_corrected(demo):
    """仓库调的可乐到了 · 调过来的可乐收到了 · 昨天调的可乐到了: the transfer on its way, offered for receipt (before: 可乐的
    数量是多少?); 可乐调错了,应该是3箱 corrects the transfer just made (before: 是哪个门店或仓库?)."""
    demo.say("xiaowang", "从中心仓调可乐2箱过来")
    demo.press("boss", "确认调拨")
    demo.press("chen", "确认发货")
    for said in ("仓库调的可乐到了", "调过来的可乐收到了", "昨天调的可乐到了"):
        out = demo.say("xiaowang", said)
        assert "调拨单 #1" in texts(out) and any("确认收货" in row for m in out for row in m.get("buttons") or []), said
    before = demo.stock()
    demo.press("xiaowang", "确认收货")
    assert demo.stock()["NS:P018"] == before["NS:P018"] + 48
    demo.say("chen", "从中心仓调可乐2箱到福田店")
    assert texts(demo.say("chen", "可乐调错了,应该是3箱")).startswith("✏️ 已更正为:调拨 中心仓 → 福田店:可乐 72瓶(3箱)")
    assert demo.stock()["FT:P018"] == before["FT:P018"] + 72


def test_a_numbered_order_received_with_what_came_is_set_against_that_order(demo):
    """订单2到了,牛腩少了5斤 · 订单1的牛腩到了45斤 · 订单#3到了18斤: that order received with what came (before:
    订单1's 1 read as a quantity, 1斤 and 45斤 recorded), and set against it, never the older one (before: the
    oldest open order of the product took it first). 取消张记的订单 asks which of its open orders."""
    demo.say("chen", "给张记下单牛腩50斤,明天送到")
    demo.say("chen", "给张记下单牛腩20斤,可乐2箱")
    demo.say("chen", "给张记下单牛腩20斤")
    before = demo.stock()["WH:P001"]
    assert "按采购单 #2 收货:中心仓入库 牛腩 15斤、可乐 48瓶(2箱)" in texts(demo.say("chen", "订单2到了,牛腩少了5斤"))
    assert "采购单 #2 已到 牛腩 15/20斤(1箱)、可乐 48/48瓶(2箱)" in texts(demo.press("chen", "确认"))
    assert "按采购单 #1 收货:中心仓入库 牛腩 45斤" in texts(demo.say("chen", "订单1的牛腩到了45斤"))
    assert "采购单 #1 已到 牛腩 45/50斤" in texts(demo.press("chen", "确认"))
    assert "按采购单 #3 收货:中心仓入库 牛腩 18斤" in texts(demo.say("chen", "订单#3到了18斤"))
    demo.press("chen", "确认")
    assert demo.stock()["WH:P001"] == before + 15 + 45 + 18
    got = {o["id"]: [(ln["sku"], ln["received"]) for ln in o["lines"]] for o in demo.export("orders")}
    assert got == {1: [("P001", "45")], 2: [("P001", "15"), ("P018", "48")], 3: [("P001", "18")]}, got
    asked = texts(demo.say("chen", "取消张记的订单"))   # (three still open: which?)
    assert asked.startswith("有几张未完成的单据:#1 张记肉业") and "#3 张记肉业 牛腩 20斤" in asked, asked


def test_a_numbered_order_come_short_by_an_amount_of_its_one_product_records_the_rest(demo):
    demo.say("chen", "给张记下单牛腩50斤")
    before = demo.stock()["WH:P001"]
    out = texts(demo.say("chen", "订单1到了,少了2斤"))   # (before: asked which of two writes)
    assert "按采购单 #1 收货:中心仓入库 牛腩 48斤" in out, out
    assert "采购单 #1 已到 牛腩 48/50斤" in texts(demo.press("chen", "确认"))
    assert demo.stock()["WH:P001"] == before + 48
    demo.say("chen", "给张记下单牛腩20斤,可乐2箱")                # two products: which was short is asked
    assert "采购单 #2" in texts(demo.say("chen", "订单2到了,少了2斤")) and demo.stock()["WH:P001"] == before + 48


def test_a_rejection_says_why_and_everything_awaiting_is_approved_at_once(demo):
    """驳回#1,太贵了: rejected with its reason, told to whoever asked (before: not understood); 全部同意: every order
    awaiting the manager approved (before: not understood)."""
    demo.say("xiaowang", "订牛腩50斤")
    demo.say("xiaowang", "订可乐5箱")
    demo.say("xiaowang", "订牛腱10斤")
    out = demo.say("liu", "驳回#1,太贵了")
    assert texts(out, "liu") == "已驳回 #1:牛腩 50斤(理由:太贵了)"
    assert texts(out, "xiaowang").endswith("被刘店长驳回。(理由:太贵了)")
    out = demo.say("liu", "全部同意")
    assert texts(out, "liu").splitlines() == ["已批准 #2:可乐 120瓶", "已批准 #3:牛腱 10斤"], texts(out)
    got = {o["id"]: o["status"] for o in demo.export("orders")}
    assert got == {1: "rejected", 2: "open", 3: "open"}, got
    assert texts(demo.say("liu", "全部同意")) == "没有等你审批的单据。"


def test_the_warehouse_giving_us_goods_is_a_request_and_a_short_transfer_is_a_loss_here(demo):
    demo.say("xiaowang", "仓库给我们调10斤牛腱")   # was: read as a transfer to the warehouse
    [o] = [o for o in demo.export("orders") if o["kind"] == "transfer"]
    assert (o["source"], o["location"], o["status"]) == ("WH", "NS", "pending_approval")
    before = demo.stock()
    demo.say("xiaowang", "收到仓库调来的牛腩20斤")
    out = demo.say("xiaowang", "仓库调来的牛腩少了2斤")   # was: another transfer of 2
    assert "从中心仓调来的 牛腩 2斤 没到" in texts(out, "boss"), out   # the sending side hears of it
    after = demo.stock()
    assert after["NS:P001"] == before["NS:P001"] + 18 and after["WH:P001"] == before["WH:P001"] - 20


def test_undo_right_after_an_order_cancels_that_order_not_an_earlier_write(demo):
    demo.say("chen", "收到张记牛腩20斤")
    before = demo.stock()
    demo.say("chen", "向张记订牛腩2箱")
    out = demo.say("chen", "撤销")   # was: undid the receipt before it
    assert "已取消采购单 #1" in texts(out), texts(out)
    assert order(demo, 1)["status"] == "cancelled" and demo.stock() == before
    demo.say("chen", "向张记订牛腱1箱")
    demo.say("chen", "算了,不订了")
    assert order(demo, 2)["status"] == "cancelled" and demo.stock() == before


def test_payments_are_asked_kept_on_the_account_and_undone_by_the_next_undo(demo):
    demo.say("xiaowang", "卖给团餐牛腩20斤")   # ¥960 at the catalog price
    before = demo.stock()
    out = demo.say("liu", "团餐付了500")
    assert "确认记一笔:收到美团团餐付款 ¥500.00" in texts(out), texts(out)
    out = demo.say("liu", "确认")
    assert "已收 ¥500.00,未收 ¥460.00" in texts(out), texts(out)
    out = demo.say("liu", "撤销")   # the payment, not the sale before it
    assert "已撤销:收到美团团餐付款 ¥500.00" in texts(out) and demo.stock() == before, texts(out)
    demo.say("liu", "团餐转了600块")
    demo.say("liu", "确认")
    out = texts(demo.say("liu", "团餐欠了多少钱"))
    assert "已收 ¥600.00,未收 ¥360.00" in out and "共 ¥360.00" in out, out   # the credit counts it paid
    assert "权限" in texts(demo.say("xiaowang", "团餐付了100"))   # staff do not take money on the books
    demo.say("xiaowang", "收到张记牛腩50斤,32一斤")
    demo.say("chen", "付给张记1000")
    out = demo.say("chen", "确认")
    assert "张记肉业累计:进货 ¥1,600.00(按进价,减退货),已付 ¥1,000.00,应付 ¥600.00" in texts(out), texts(out)
    demo.say("chen", "付给张记1000")
    out = demo.say("chen", "确认")   # paid ahead of the goods: said so, not as a negative debt
    assert "已付 ¥2,000.00,多付 ¥400.00(预付款)" in texts(out), texts(out)
    assert demo.stock()["NS:P001"] == before["NS:P001"] + 50   # money moved no goods
    with demo.container.uow(write=False) as uow:
        said = sorted((a["partner"], a["amount"]) for a in uow.chat.audits("payment", limit=10))
        voided = [a["payment"] for a in uow.chat.audits("payment_voided", limit=10)]
    assert said == [("C01", "500"), ("C01", "600"), ("S01", "1000"), ("S01", "1000")] and voided == [1], (said, voided)


def test_a_manager_lists_what_awaits_a_decision_with_buttons_and_staff_see_their_own_orders(demo):
    demo.say("xiaowang", "要买可乐5箱")
    demo.say("xiaowang", "要买雪碧2箱")
    demo.say("xiaoli", "要买七喜1箱")   # 福田店's: 赵店长 decides it, not 刘店长
    out = demo.say("liu", "有什么要我审批的")
    assert "2 张" in texts(out) and "七喜" not in texts(out), texts(out)
    assert out[0]["buttons"] == [["批准 #1", "驳回 #1"], ["批准 #2", "驳回 #2"]], out
    demo.press("liu", "驳回 #2")
    assert order(demo, 2)["status"] == "rejected" and order(demo, 1)["status"] == "pending_approval"
    out = texts(demo.say("xiaowang", "我的申请批了吗"))   # rejected ones too: that is the answer
    assert "#2" in out and "已驳回" in out and "#1" in out and "七喜" not in out, out
    assert "权限" in texts(demo.say("xiaowang", "待审批"))


def test_words_for_colleagues_are_passed_on_now_and_record_nothing(demo):
    before = demo.stock()
    out = demo.say("xiaowang", "通知陈采购牛腩快没了")
    assert texts(out, "chen") == "📨 小王:牛腩快没了" and "已转告陈采购" in texts(out, "xiaowang"), out
    out = demo.say("xiaowang", "告诉店长:豆腐到了")   # a role: this store's manager, not 福田店's
    assert texts(out, "liu") == "📨 小王:豆腐到了" and not texts(out, "zhao"), out
    assert "不能转告自己" in texts(demo.say("xiaowang", "告诉小王:你好"))
    out = demo.say("liu", "通知陈采购:可乐断货了")   # news with a condition's words: was a rule it could not build
    assert texts(out, "chen") == "📨 刘店长:可乐断货了", out
    out = demo.say("liu", "跟陈采购说一声,牛腩低于安全库存了")
    assert texts(out, "chen") == "📨 刘店长:牛腩低于安全库存了", out
    assert demo.stock() == before and demo.export("orders") == [] and demo.export("rules") == []
    out = demo.say("liu", "通知陈采购可乐低于安全库存时补货")   # a condition (…时): a rule, never passed on
    assert not texts(out, "chen") and "当【可乐】在【南山店】的库存 < 安全库存 时 → 提醒【陈采购】:补货" in texts(out), out
    demo.press("liu", "取消")
    out = demo.say("liu", "明天早上8点提醒陈采购订牛腩")   # a time: a reminder then, not now
    assert not texts(out, "chen") and "确认" in str(out[0]["buttons"]), out


def test_a_supplier_s_trouble_reaches_the_store_in_its_words_and_changes_nothing(demo):
    demo.say("chen", "向张记订牛腩2箱")
    demo.say("chen", "向张记订牛腱1箱")
    out = demo.say("zhangji", "牛腩只能送30斤")   # the order with beef brisket, of the two
    assert "采购单 #1" in texts(out, "chen") and "「牛腩只能送30斤」" in texts(out, "chen"), out
    out = demo.say("zhangji", "订单2明天送不了")   # was: read as a promise to deliver tomorrow
    assert "采购单 #2" in texts(out, "chen") and order(demo, 2)["due"] is None, out
    assert lines(order(demo, 1)) == {"P001": 40}
    out = demo.say("chen", "告诉张记业务员:那就送30斤")   # and the store answers it in the chat
    assert texts(out, "zhangji") == "📨 陈采购:那就送30斤", out


def test_a_manager_reads_a_colleague_s_or_the_whole_store_s_records_and_staff_only_their_own(demo):
    demo.say("xiaowang", "卖了可乐3瓶")
    demo.say("xiaowang", "撤销")
    demo.say("xiaowang", "收到牛腩10斤")
    demo.say("liu", "用了土豆1公斤")
    demo.say("xiaoli", "卖了雪碧2瓶")   # 福田店's
    out = texts(demo.say("liu", "小王今天记了什么"))
    assert "小王 入库(南山店):牛腩 10斤" in out and "可乐 3瓶(已撤销)" in out and "土豆" not in out, out
    out = texts(demo.say("liu", "店里都记了什么"))
    assert "刘店长 领用/消耗" in out and "小王 入库" in out and "雪碧" not in out, out
    assert "权限" in texts(demo.say("zhao", "小王今天记了什么"))   # another store's manager
    assert "权限" in texts(demo.say("xiaoli", "小王的记录"))
    assert "你最近的 2 笔记录" in texts(demo.say("xiaowang", "小王的记录"))   # his own
    out = texts(demo.say("liu", "今天谁没记账"))                    # each of the store's people, none named
    assert "· 小王:1 笔" in out and "· 刘店长:1 笔" in out and "还没有记录" not in out, out   # (undone: not one)
    assert "小李" not in out and "张记" not in out, out               # another store's; a supplier's login
    out = texts(demo.say("boss", "今天大家都记账了吗"))
    assert "小李:1 笔" in out and "今天还没有记录:" in out and "赵店长" in out.split("还没有记录")[1], out
    assert "权限" in texts(demo.say("xiaowang", "今天谁没记账"))


def test_what_is_coming_on_a_day_lists_the_orders_due_then(demo):
    demo.say("chen", "向张记订牛腩2箱,明天送到")
    demo.say("chen", "向绿源订土豆2袋,后天到")
    demo.say("liu", "团餐明天要牛腩20斤")
    out = texts(demo.say("chen", "明天有什么货要到"))
    assert "06-16 的到货" in out and "#1" in out and "#2" not in out and "团餐" not in out, out
    out = texts(demo.say("chen", "这周要到的货"))
    assert "#1" in out and "#2" in out, out
    out = texts(demo.say("liu", "明天团餐要提什么"))
    assert "#3" in out and "#1" not in out, out
    assert "06-16 没有到货" in texts(demo.say("xiaowang", "明天有什么货要到"))   # 南山店 expects none


def test_settling_an_account_pays_what_it_owes_and_a_customer_handing_money_over_is_a_payment(demo):
    demo.say("xiaowang", "收到张记牛腩50斤,32一斤")
    out = demo.say("chen", "张记的货款结清了")   # the balance, asked first
    assert "付给张记肉业 ¥1,600.00" in texts(out), texts(out)
    demo.say("chen", "确认")
    out = texts(demo.say("chen", "张记的货款结清了"))   # nothing owed: said, nothing kept
    assert "应付 ¥0.00" in out and "确认" not in out, out
    demo.say("xiaowang", "卖给团餐牛腩20斤")
    out = demo.say("liu", "收到团餐500")
    assert "收到美团团餐付款 ¥500.00" in texts(out), texts(out)


def test_the_owner_s_count_sheet_counts_at_the_store_it_was_asked_for(demo):
    demo.say("boss", "南山店盘点单")   # the owner has no store of their own
    out = demo.say("boss", "可乐45瓶")
    assert demo.stock()["NS:P018"] == 45 and demo.stock()["FT:P018"] == 67, out
    assert "已盘 1 种" in texts(demo.say("boss", "盘点结束"))


def test_a_purchaser_sees_the_purchases_of_every_store_it_buys_for(chat):
    chat.say("amy", "帮我向光明订牛奶5箱,明天到")                     # for 徐汇店; 孙采购 sits at the warehouse
    chat.say("zhou", "同意")
    out = texts(chat.say("sun", "光明的订单到哪了"))
    assert "#1" in out and "待送货" in out, out                         # was: "no open orders of 光明乳业"
    assert "#1" in texts(chat.say("sun", "订单1到了吗"))
    assert "没有" in texts(chat.say("bo", "光明的订单到哪了"))            # 静安店's staff: not theirs
    assert "#1" in texts(chat.say("sun", "催一下光明的牛奶"))               # (was: how much milk?)
    chat.say("amy", "光明的牛奶到了")
    chat.press("amy", "确认")
    out = texts(chat.say("sun", "光明这个月送了多少"))                     # every store's receipts, not the warehouse's
    assert "全部地点" in out and "全脂牛奶 60升(5箱)" in out, out


def test_a_transfer_asked_of_the_warehouse_is_approved_by_typing_and_shipped_by_naming_its_store(demo):
    demo.say("xiaowang", "从仓库调20公斤土豆过来")
    demo.say("xiaoli", "从仓库调2箱可乐过来")
    out = texts(demo.say("boss", "同意1"))                               # was: nothing awaiting (buttons only)
    assert "#1" in out and "土豆" in out, out
    demo.say("boss", "批准2")
    assert {o["id"]: o["status"] for o in demo.export("orders")} == {1: "open", 2: "open"}
    assert "#1、#2" in texts(demo.say("chen", "发货了"))                  # two to ship: which?
    out = demo.say("chen", "南山店要的土豆发了")                         # was: asked how many potatoes
    assert "#1" in texts(out) and out[0]["buttons"], out
    demo.press("chen", "确认发货")
    assert {o["id"]: o["status"] for o in demo.export("orders")} == {1: "shipped", 2: "open"}


def test_all_of_a_product_is_moved_or_written_off_as_the_stock_says_once_confirmed(demo):
    before = demo.stock()
    out = demo.say("xiaoli", "福田店的土豆全部调回大仓")                  # was: asked how much
    assert "28公斤" in texts(out) and demo.stock() == before, texts(out)   # shown first, nothing moved yet
    demo.press("xiaoli", "确认")
    after = demo.stock()
    assert after.get("FT:P006", 0) == 0 and after["WH:P006"] == before["WH:P006"] + before["FT:P006"]
    demo.say("xiaowang", "剩下的土豆都报损")                              # an order, not 都坏了: was asked how much
    demo.press("xiaowang", "确认")
    assert demo.stock().get("NS:P006", 0) == 0
    assert "没有库存" in texts(demo.say("xiaowang", "土豆全部调到福田店"))   # nothing left: said, nothing moved
    out = demo.say("xiaoli", "从大仓把可乐全部调过来")                   # a request for what the warehouse has
    assert "申请调拨" in texts(out) and "288瓶" in texts(out), texts(out)
    out = demo.press("xiaoli", "确认")
    assert "288瓶" in texts(out, "boss") and demo.stock()["WH:P018"] == before["WH:P018"], out
    assert [o["status"] for o in demo.export("orders")] == ["pending_approval"]   # the warehouse decides


def test_two_stores_stock_compared_shows_each_and_two_products_compared_by_price_show_both_prices(demo):
    out = texts(demo.say("boss", "南山店和福田店的牛腩对比"))              # was: asked which one place to send to
    assert "福田店 42" in out and "南山店 42" in out and demo.export("orders") == [], out
    out = texts(demo.say("liu", "牛腩和牛腱哪个贵"))                         # was: their stock
    assert "牛腩:进价 ¥32.00/斤" in out and "牛腱:进价 ¥36.00/斤" in out, out


def test_the_supplier_or_customer_of_a_write_is_corrected_by_naming_the_right_one(demo):
    demo.say("chen", "收到张记牛腩20斤,进价38")
    out = texts(demo.say("chen", "不是张记,是绿源"))                            # was: asked for a quantity
    assert "已更正" in out and "绿源蔬菜" in out, out
    out = texts(demo.say("chen", "刚才那笔是团餐买的"))                          # a receipt is no customer's
    assert "不能改成美团团餐" in out, out
    receipts = [(m["partner"], m["reverses"]) for m in demo.export("moves") if m["kind"] == "receipt"]
    assert receipts[-1] == ("S02", None) and receipts.count(("S01", None)) == 1, receipts
    demo.say("liu", "昨天卖了可乐2瓶")
    demo.say("liu", "卖了雪碧1瓶")
    out = demo.say("liu", "昨天卖的可乐是团餐买的")                              # an earlier write: shown first
    assert "美团团餐" in texts(out) and out[0]["buttons"], out
    demo.press("liu", "确认")
    sales = [(m["sku"], m["partner"], m["at"][:10]) for m in demo.export("moves")
             if m["kind"] == "sale" and m["reverses"] is None]
    assert ("P018", "C01", "2026-06-14") in sales and ("P019", None, "2026-06-15") in sales, sales


def test_a_price_said_as_it_is_now_sets_the_catalog_s_once_confirmed(demo):
    out = texts(demo.say("liu", "牛腩涨价了,35一斤"))            # was: the price shown, nothing changed
    assert "把牛腩的进价从 ¥32.00/斤 改为 ¥35.00/斤" in out, out
    demo.press("liu", "确认")
    assert "进价 ¥35.00/斤" in texts(demo.say("liu", "牛腩进价多少"))
    out = texts(demo.say("liu", "牛腩又涨了3块"))                  # by: from what it is now
    assert "改为 ¥38.00/斤" in out, out
    demo.press("liu", "取消")
    out = texts(demo.say("liu", "可乐涨价了,6块一瓶"))            # nearer our price than the cost: ours
    assert "可乐的售价从 ¥5.00/瓶 改为 ¥6.00/瓶" in out, out
    demo.press("liu", "取消")
    out = texts(demo.say("liu", "可乐现在进价5毛一瓶"))
    assert "可乐的进价从 ¥2.50/瓶 改为 ¥0.50/瓶" in out, out
    demo.press("liu", "取消")
    assert "¥5.00/瓶" in texts(demo.say("liu", "可乐售价多少"))
    assert "权限" in texts(demo.say("xiaowang", "牛腩涨了3块"))    # the catalog is a manager's
    out = texts(demo.say("liu", "可乐涨价到6元"))                  # to: was asked how many (a sale's quantity)
    assert "可乐的售价从 ¥5.00/瓶 改为 ¥6.00/瓶" in out, out
    demo.press("liu", "取消")
    out = texts(demo.say("liu", "可乐每箱涨到130"))                # a case's: was ¥130 a bottle
    assert "可乐的售价从 ¥5.00/瓶 改为 ¥5.42/瓶(¥130.00/箱)" in out, out
    demo.press("liu", "确认")
    assert "¥130.00/箱" in texts(demo.say("liu", "可乐售价多少"))
    for said in ("可乐改价到6", "可乐改价为6元", "可乐定价6块", "可乐调价到6"):   # 改价到6 was a receipt of 6 bottles
        out = texts(demo.say("liu", said))
        assert "可乐的售价从 ¥5.42/瓶(¥130.00/箱) 改为 ¥6.00/瓶" in out, (said, out)
        demo.press("liu", "取消")
    out = texts(demo.say("liu", "牛腩调价到33"))                  # 调价 nearer the cost known: the cost
    assert "牛腩的进价从 ¥35.00/斤 改为 ¥33.00/斤" in out, out
    demo.press("liu", "取消")
    assert texts(demo.say("liu", "可乐库存")).startswith("📦 南山店可乐:67瓶")   # nothing was received


def test_what_arrives_on_a_day_is_asked_in_several_ways(demo):
    demo.say("chen", "向张记订牛腩2箱,明天到")
    for asked in ("明天有什么到货", "明天到什么货", "张记明天送什么", "明天有哪些货来"):   # were: not understood
        out = texts(demo.say("chen", asked))
        assert "采购单 #1" in out and "06-16" in out, (asked, out)
    assert "没有到货" in texts(demo.say("chen", "今天有什么到货"))


def test_what_customers_owe_us_and_we_owe_suppliers_is_listed_for_a_manager(demo):
    assert "没有客户欠钱" in texts(demo.say("liu", "哪些客户还欠钱"))          # was: not understood
    demo.say("liu", "团餐拿了可乐2箱,下周一起结账")                            # 240 on account (was: not happened yet)
    demo.say("liu", "团餐付了100")
    demo.press("liu", "确认")
    out = texts(demo.say("liu", "哪些客户还欠钱"))
    assert "共 ¥140.00" in out and "美团团餐:欠 ¥140.00(货款 ¥240.00,已付 ¥100.00)" in out, out
    demo.say("chen", "收到牛腩50斤,张记送的,每斤32")
    demo.say("chen", "付给张记500")
    demo.press("chen", "确认")
    out = texts(demo.say("liu", "应付账款"))
    assert "张记肉业:欠 ¥1,100.00(货款 ¥1,600.00,已付 ¥500.00)" in out, out
    assert "权限" in texts(demo.say("xiaowang", "应收账款"))                  # the accounts are a manager's


def test_an_approval_with_a_note_tells_whoever_asked(demo):
    """同意,明天送: approved, and the note said back and told to whoever asked (before: the note was dropped)."""
    demo.say("xiaowang", "订牛腩50斤")
    out = demo.say("liu", "同意,明天送")
    assert texts(out, "liu") == "已批准 #1:牛腩 50斤(备注:明天送)", texts(out)
    assert texts(out, "xiaowang").endswith("(备注:明天送)"), texts(out)
    assert [o["status"] for o in demo.export("orders")] == ["open"]


def test_a_suppliers_trouble_relayed_by_our_people_is_kept_on_its_order_never_a_receipt(demo):
    """张记的牛腩只能送30斤 (before: 30 jin recorded as received) · 张记说牛腩明天送不了,后天送: its word, kept on its
    open order and told to the managers and whoever placed it; nothing moves. With no open order: said, nothing kept."""
    assert texts(demo.say("xiaowang", "张记的牛腩只能送30斤")) == "张记肉业没有未完成的采购单,没有记录。"
    demo.say("chen", "向张记订牛腩50斤")
    before = demo.stock()
    out = demo.say("xiaowang", "张记的牛腩只能送30斤")
    assert texts(out, "xiaowang").startswith("📝 已把张记肉业的话记在采购单 #1(张记肉业 牛腩 50斤)上"), texts(out)
    assert "说:「张记的牛腩只能送30斤」" in texts(out, "chen"), texts(out)
    assert demo.stock() == before
    [o] = demo.export("orders")
    assert (o["status"], o["lines"][0]["qty"], o["lines"][0]["received"]) == ("open", "50", "0")
    out = demo.say("chen", "张记说牛腩明天送不了,后天送")   # (the day it promises instead: the order due then)
    assert texts(out, "chen").startswith("📝 已把张记肉业的话记在采购单 #1(张记肉业 牛腩 50斤 2026-06-17)上,到货日改为 06-17"), \
        texts(out)
    assert "chen" not in {m.get("to") for m in out if "⚠️" in m.get("text", "")}   # (told once, not twice)
    [o] = demo.export("orders")
    assert o["due"][:10] == "2026-06-17" and demo.stock() == before, o


def test_the_last_order_of_a_supplier_is_cancelled_as_said(demo):
    """取消上次向张记订的货 · 取消张记最近的订单: the last one placed with it (before: not understood)."""
    demo.say("chen", "向张记订牛腩50斤")
    demo.say("chen", "向张记订牛腱10斤")
    demo.say("chen", "取消上次向张记订的货")
    assert {o["id"]: o["status"] for o in demo.export("orders")} == {1: "open", 2: "cancelled"}
    demo.say("chen", "取消张记最近的订单")
    assert {o["id"]: o["status"] for o in demo.export("orders")} == {1: "cancelled", 2: "cancelled"}
