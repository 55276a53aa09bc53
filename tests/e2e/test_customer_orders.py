"""Customers' orders (盒马订可颂50个,明天提货): a sales order booked against the stock until the customer collects it,
fulfilled by the sale that takes it away, held for a manager beyond the credit limit; and the phrasings around it."""
from __future__ import annotations

import json

from tests.e2e.conftest import texts


def sale_orders(chat) -> list[dict]:  # type: ignore[no-untyped-def]
    return [o for o in chat.export("orders") if o["kind"] == "sale"]


def test_a_customer_s_order_is_a_sales_order_whose_stock_is_booked_for_its_day(chat):
    before = chat.stock()
    out = chat.say("amy", "盒马订可颂50个,明天提货")
    assert "客户订单" in texts(out) and "采购" not in texts(out), texts(out)
    [order] = sale_orders(chat)
    assert (order["partner"], order["status"], order["location"]) == ("K01", "open", "XH")
    assert order["due"].startswith("2026-06-16")
    assert [(ln["sku"], float(ln["qty"])) for ln in order["lines"]] == [("B09", 50)]
    assert not [o for o in chat.export("orders") if o["kind"] == "purchase"]
    assert chat.stock() == before   # nothing has left yet
    [booking] = chat.export("bookings")
    assert (booking["sku"], float(booking["qty"]), booking["location"], booking["order_id"]) == ("B09", 50, "XH", order["id"])
    assert booking["at"].startswith("2026-06-16")


def test_the_sale_that_collects_an_order_fulfils_it_and_its_booking_moves_to_that_day(chat):
    chat.say("amy", "盒马订可颂50个,后天提货")
    chat.say("amy", "收到可颂30个")   # 40 + 30 on hand
    out = chat.say("amy", "盒马提走可颂20个")
    assert f"客户订单 #{sale_orders(chat)[0]['id']} 已提 可颂 20/50个" in texts(out), texts(out)
    [order] = sale_orders(chat)
    assert order["status"] == "partial" and float(order["lines"][0]["received"]) == 20
    booked = sorted((b["at"][:10], float(b["qty"])) for b in chat.export("bookings"))
    assert booked == [("2026-06-15", 20), ("2026-06-17", 30)]   # what left today, what is still due
    out = chat.say("amy", "盒马拿走可颂30个")
    assert "已全部提走" in texts(out), texts(out)
    [order] = sale_orders(chat)
    assert order["status"] == "done"
    assert sorted((b["at"][:10], float(b["qty"])) for b in chat.export("bookings")) == [("2026-06-15", 20), ("2026-06-15", 30)]
    assert chat.stock()["XH:B09"] == 40 + 30 - 50
    # another customer's sale, or a walk-in one, fulfils nothing
    chat.say("amy", "盒马订可颂5个,明天提货")
    chat.say("amy", "卖了可颂3个")
    assert [o["status"] for o in sale_orders(chat)] == ["done", "open"]


def test_an_order_beyond_the_credit_limit_waits_for_a_manager_and_a_rejection_frees_its_stock(chat):
    out = chat.say("amy", "盒马订可颂100个,每个400元,明天提货")   # 40,000 over a 30,000 limit
    [order] = sale_orders(chat)
    assert order["status"] == "pending_approval"
    assert "信用额度" in texts(out, "amy")
    assert any(m["to"] == "zhou" and "客户订单" in m["text"] for m in out)
    assert [float(b["qty"]) for b in chat.export("bookings")] == [100]   # booked while the manager decides
    chat.press("zhou", "驳回")
    assert sale_orders(chat)[0]["status"] == "rejected"
    assert chat.export("bookings") == []


def test_collecting_an_order_does_not_count_against_the_credit_limit_twice(chat):
    chat.say("amy", "盒马订可颂40个,每个500元,明天提货")    # 20,000 of a 30,000 limit
    assert sale_orders(chat)[0]["status"] == "open"
    before = chat.stock()["XH:B09"]
    out = chat.say("amy", "盒马提走可颂40个,每个500元")      # the same 20,000 leaving: not 40,000
    assert "信用额度" not in texts(out), texts(out)
    assert chat.stock().get("XH:B09", 0) == before - 40
    assert sale_orders(chat)[0]["status"] == "done"


def test_someone_without_a_home_store_is_asked_which_store_with_buttons(chat):
    out = chat.say("owner", "盒马订可颂50个,明天提货")
    assert "哪个门店" in out[0]["text"] and any("徐汇店" in b for row in out[0]["buttons"] for b in row)
    assert sale_orders(chat) == []
    chat.press("owner", "静安店")
    [order] = sale_orders(chat)
    assert order["location"] == "JA" and order["due"].startswith("2026-06-16")
    before = chat.stock()["XH:B01"]
    chat.say("owner", "收到牛奶1箱")
    chat.say("owner", "徐汇店")
    assert chat.stock()["XH:B01"] == before + 12


def test_the_customer_s_next_order_said_without_a_store_comes_from_where_its_last_one_did(chat):
    chat.say("owner", "盒马要可颂100个,周三自提")
    out = texts(chat.press("owner", "静安店"))
    assert "由静安店出货" in out and "静安店可颂现有 20个" in out, out
    out = chat.say("owner", "盒马要可颂50个,周五自提")   # not asked again: 静安店 served 盒马 last
    assert "由静安店出货" in texts(out) and not any(m.get("buttons") for m in out), out
    assert [(o["location"], o["due"][:10]) for o in sale_orders(chat)] == [("JA", "2026-06-17"), ("JA", "2026-06-19")]
    out = texts(chat.say("amy", "盒马订可颂10个明天提货"))   # a store's own staff: their store
    assert "由徐汇店出货" in out and sale_orders(chat)[-1]["location"] == "XH", out


def test_the_prep_list_and_the_forecast_count_what_customers_ordered(chat):
    without = texts(chat.say("zhou", "今日备货清单"))
    chat.say("amy", "盒马订可颂60个,今天下午提货")
    with_order = texts(chat.say("zhou", "今日备货清单"))
    assert "可颂" in with_order and with_order != without, with_order
    assert "可颂:现有 40个,预定 60个" in with_order, with_order


def test_phrasings_around_customers_suppliers_and_counts(chat):
    before = chat.stock()
    chat.say("amy", "盒马买走可颂20个")              # a customer buying is a sale, not our purchase
    chat.say("amy", "金龙鱼退回菜籽油1桶")           # goods go back to a supplier
    chat.say("amy", "打碎了鸡蛋5个")
    chat.say("amy", "纸杯现在还有200个")
    chat.say("amy", "收到可颂两打")
    chat.say("amy", "静安店借走鸡蛋1板")
    after = chat.stock()
    assert after["XH:B09"] == before["XH:B09"] - 20 + 24
    assert after["XH:B10"] == before["XH:B10"] - 5
    assert after["XH:B06"] == before["XH:B06"] - 5 - 30
    assert after["JA:B06"] == before["JA:B06"] + 30
    assert after["XH:B08"] == 200
    assert [o for o in chat.export("orders") if o["kind"] == "purchase"] == []
    moves = {m["kind"] for m in chat.export("moves")}
    assert {"sale", "return_to_supplier", "scrap"} <= moves, moves


def test_undoing_the_sale_that_collected_an_order_puts_the_order_and_its_booking_back(chat):
    chat.say("amy", "盒马订可颂30个,后天提货")
    chat.say("amy", "盒马提走可颂30个")
    assert sale_orders(chat)[0]["status"] == "done"
    chat.say("amy", "撤销")
    [order] = sale_orders(chat)
    assert order["status"] == "open" and float(order["lines"][0]["received"]) == 0
    assert [(b["at"][:10], float(b["qty"])) for b in chat.export("bookings")] == [("2026-06-17", 30)]
    assert chat.stock()["XH:B09"] == 40
    # a correction of the collecting sale re-plans it against the order
    chat.say("amy", "盒马提走可颂10个")
    chat.say("amy", "不对,是12个")
    [order] = sale_orders(chat)
    assert order["status"] == "partial" and float(order["lines"][0]["received"]) == 12
    assert sorted((b["at"][:10], float(b["qty"])) for b in chat.export("bookings")) == [("2026-06-15", 12),
                                                                                       ("2026-06-17", 18)]


def test_undoing_a_receipt_against_a_purchase_order_puts_it_back_on_order(chat):
    chat.say("sun", "向光明采购牛奶2箱,明天送到")
    [po] = [o for o in chat.export("orders") if o["kind"] == "purchase"]
    assert po["status"] == "open"
    out = chat.say("sun", "光明送来牛奶2箱")
    assert f"采购单 #{po['id']} 已全部到货" in texts(out), texts(out)
    assert [o["status"] for o in chat.export("orders") if o["kind"] == "purchase"] == ["done"]
    chat.say("sun", "撤销")
    [po] = [o for o in chat.export("orders") if o["kind"] == "purchase"]
    assert po["status"] == "open" and float(po["lines"][0]["received"]) == 0   # on order again


def test_open_orders_are_listed_soonest_first_with_progress_and_lateness(chat):
    assert "没有未完成的订单" in texts(chat.say("amy", "订单状态"))
    chat.say("zhou", "向光明采购牛奶2箱,明天送到")
    chat.say("amy", "盒马订可颂50个,后天提货")
    chat.say("amy", "盒马提走可颂20个")
    chat.say("zhou", "找金龙鱼订菜籽油4桶,周五到")
    lines = texts(chat.say("amy", "未完成的订单")).splitlines()
    assert lines[0] == "📋 未完成的订单(3 张):", lines
    assert "采购单" in lines[1] and "光明乳业" in lines[1] and "06-16 到" in lines[1] and "待送货" in lines[1], lines
    assert "客户订单" in lines[2] and "可颂 20/50个" in lines[2] and "06-17 提货" in lines[2] and "部分提货" in lines[2]
    assert "菜籽油" in lines[3] and "06-19" in lines[3]
    # by partner, by kind, by product
    only = texts(chat.say("amy", "盒马的订单")).splitlines()
    assert only[0].startswith("📋 未完成的盒马客户订单(1 张)") and "可颂" in only[1], only
    assert "(2 张)" in texts(chat.say("amy", "哪些采购单还没到"))
    milk = texts(chat.say("amy", "为什么牛奶订单还没到"))
    assert "(1 张)" in milk and "牛奶" in milk and "菜籽油" not in milk, milk
    # two days on, the milk is late; once received it is no longer listed
    chat.send(at="2026-06-18T10:00:00+08:00")
    late = texts(chat.say("amy", "哪些采购单还没到"))
    assert "已逾期 2 天" in late, late
    chat.say("zhou", "光明送来牛奶2箱")
    assert "牛奶" not in texts(chat.say("zhou", "哪些采购单还没到"))
    chat.say("amy", "English")
    assert "Open customer orders (1)" in texts(chat.say("amy", "客户订单"))


def test_an_order_s_goods_arriving_are_received_as_ordered_once_confirmed(chat):
    out = chat.say("zhou", "光明的货到了")
    assert "没有未完成的光明乳业采购单" in texts(out)
    chat.say("zhou", "向光明采购牛奶2箱、淡奶油1箱,明天送到")
    chat.say("zhou", "向光明采购牛奶1箱,后天送到")
    before = chat.stock()
    out = chat.say("zhou", "光明的货到了")
    text = texts(out)
    assert "采购单 #1" in text and "牛奶 24升" in text and "淡奶油 12盒" in text and "另有 1 张" in text, text
    assert chat.stock() == before                      # asked first
    out = chat.press("zhou", "确认")
    assert "采购单 #1 已全部到货" in texts(out), texts(out)
    after = chat.stock()
    assert after["XH:B01"] == before["XH:B01"] + 24 and after["XH:B02"] == before["XH:B02"] + 12
    statuses = [o["status"] for o in chat.export("orders") if o["kind"] == "purchase"]
    assert statuses == ["done", "open"]
    text = texts(chat.say("zhou", "前天向光明订的货送到了"))   # said by when it was ordered: that order's goods came
    assert text.startswith("按采购单 #2 收货:") and "牛奶 12升" in text, text
    # the product named: only its line of the next open order; cancelling writes nothing
    chat.say("zhou", "牛奶订单到了")
    chat.press("zhou", "取消")
    assert chat.stock() == after


def test_a_rule_about_bookings_fires_when_a_customer_s_order_arrives(chat):
    chat.say("zhou", "当可颂库存低于安全库存且未来24小时有预定时,提醒孙采购")
    chat.press("zhou", "确认")
    chat.say("amy", "卖了可颂15个")                      # 25 left, under the safety stock of 30: no booking yet
    out = chat.say("amy", "盒马订可颂20个,明天早上8点提货")   # within 24 hours
    assert any(m["to"] == "sun" and "可颂" in m["text"] for m in out), texts(out)
    out = chat.say("amy", "盒马订可颂5个,明天早上8点提货")     # the same episode: not twice
    assert not any(m["to"] == "sun" for m in out)


def test_an_open_order_is_cancelled_by_its_author_or_a_manager_and_frees_what_it_booked(chat):
    chat.say("amy", "盒马订可颂50个,后天提货")
    chat.say("amy", "盒马提走可颂20个")
    [order] = sale_orders(chat)
    out = chat.say("bo", f"取消订单#{order['id']}")            # another store's staff member
    assert "下单人或本店店长" in texts(out) and sale_orders(chat)[0]["status"] == "partial"
    out = chat.say("zhou", "盒马的订单取消了")
    assert f"已取消客户订单 #{order['id']}" in texts(out, "zhou")
    assert any(m["to"] == "amy" and "周店长取消了" in m["text"] for m in out)
    assert sale_orders(chat)[0]["status"] == "cancelled"
    # the 30 still due are freed; the booking of the 20 collected today stays
    assert [(b["at"][:10], float(b["qty"])) for b in chat.export("bookings")] == [("2026-06-15", 20)]
    assert "已取消" in texts(chat.say("zhou", f"取消订单#{order['id']}"))   # err: already cancelled
    assert "没有未完成的订单" in texts(chat.say("amy", "订单状态"))


def test_cancelling_by_partner_asks_which_when_there_are_several(chat):
    chat.say("sun", "向光明采购牛奶2箱,明天送到")
    chat.say("sun", "向光明采购奶油1箱,后天送到")
    out = texts(chat.say("sun", "光明那张采购单不要了"))
    assert "#1" in out and "#2" in out and "取消订单#3" in out, out
    assert [o["status"] for o in chat.export("orders")] == ["open", "open"]
    chat.say("sun", "采购单2作废")
    assert [o["status"] for o in chat.export("orders")] == ["open", "cancelled"]
    assert "没有找到单据 #9" in texts(chat.say("sun", "取消订单#9"))


def test_an_order_beyond_the_stock_on_hand_says_what_is_missing_by_its_day(chat):
    out = texts(chat.say("amy", "盒马订可颂30个,明天提货"))        # 40 on hand
    assert "还差" not in out, out
    out = texts(chat.say("amy", "盒马订可颂25个,明天提货"))        # 55 booked by tomorrow
    assert "徐汇店可颂现有 40个,到 06-16 已预订共 55个,还差 15个" in out, out
    out = texts(chat.say("amy", "盒马订可颂5个,6月20日提货"))      # a later day counts the earlier ones too
    assert "到 06-20 已预订共 60个,还差 20个" in out, out


def test_an_open_orders_quantity_is_changed_not_ordered_again(chat):
    chat.say("zhou", "盒马明天要可颂50个")
    out = chat.say("zhou", "盒马订的可颂改成60个")               # once a second order of 60, due today
    orders = [o for o in chat.export("orders") if o["kind"] == "sale"]
    assert len(orders) == 1, orders
    assert "可颂 60个 2026-06-16" in texts(out) and "原:盒马 可颂 50个 2026-06-16" in texts(out), texts(out)
    booked = [b for b in chat.export("bookings") if b["sku"] == "B09"]
    assert [float(b["qty"]) for b in booked] == [60.0], booked     # the prep list counts the new quantity
    chat.say("zhou", "给光明下单牛奶10箱")
    chat.say("zhou", "光明那单牛奶加到15箱")
    po = [o for o in chat.export("orders") if o["kind"] == "purchase"][-1]
    assert "180" in json.dumps(po), po
    out = chat.say("amy", f"订单#{po['id']}的牛奶改为9箱")          # staff: not their order
    assert "只能由下单人或本店店长修改" in texts(out), texts(out)
    chat.say("amy", "收到光明牛奶10箱")                             # 120 L of it came
    out = chat.say("zhou", f"订单#{po['id']}的牛奶改为8箱")         # below what came: refused
    assert "不能改得更少" in texts(out), texts(out)


def test_an_order_received_short_records_what_came_and_keeps_the_rest_on_order(chat):
    chat.say("zhou", "给光明下单牛奶10箱、奶油2箱")
    out = chat.say("amy", "光明的货到了,牛奶少了一箱")
    assert "108升" in texts(out) and chat.stock()["XH:B01"] == 36, texts(out)   # asked first
    chat.press("amy", "确认")
    assert chat.stock()["XH:B01"] == 36 + 108 and chat.stock()["XH:B02"] == 24 + 24
    po = [o for o in chat.export("orders") if o["kind"] == "purchase"][-1]
    assert po["status"] == "partial", po                      # the missing case is still owed
    chat.say("amy", "光明的货到了")                            # …and comes later
    chat.press("amy", "确认")
    assert chat.stock()["XH:B01"] == 36 + 120
    assert [o for o in chat.export("orders") if o["kind"] == "purchase"][-1]["status"] == "done"
    chat.say("zhou", "给光明下单牛奶10箱")
    before = chat.stock()
    out = chat.say("amy", "光明的货到了,鸡蛋少了1板")          # not on the order: nothing recorded
    assert "没有这个商品" in texts(out) and chat.stock() == before, texts(out)


def test_a_product_said_to_have_arrived_without_its_quantity_receives_its_open_order(chat):
    out = chat.say("zhou", "奶油到了")                              # nothing on order: its quantity is asked
    assert "淡奶油的数量是多少" in texts(out), texts(out)
    chat.say("zhou", "2箱")
    assert chat.stock()["XH:B02"] == 24 + 24
    chat.say("zhou", "向光明订奶油2箱")
    before = chat.stock()
    out = chat.say("zhou", "奶油到了")                              # on order: that order's receipt, asked first
    assert "采购单 #1" in texts(out) and "淡奶油 24盒" in texts(out) and chat.stock() == before, texts(out)
    chat.press("zhou", "确认")
    assert chat.stock()["XH:B02"] == before["XH:B02"] + 24
    assert [o["status"] for o in chat.export("orders")] == ["done"]


def test_cancelling_the_order_just_placed_takes_the_speakers_last_open_one(chat):
    chat.say("sun", "向光明采购牛奶2箱,明天送到")
    chat.say("sun", "向金龙鱼采购菜籽油1桶,明天送到")
    chat.say("sun", "取消刚才的订单")                                # the oil, not a list to choose from
    assert [o["status"] for o in chat.export("orders")] == ["open", "cancelled"]


def test_a_customer_collecting_without_a_quantity_takes_what_its_order_awaits_once_confirmed(chat):
    out = chat.say("zhou", "盒马提货了")                          # nothing on order: said, nothing recorded
    assert "没有未完成的盒马客户订单" in texts(out) and chat.stock()["XH:B08"] == 2000, texts(out)
    chat.say("zhou", "盒马订纸杯1箱,明天提货")
    out = chat.say("zhou", "盒马提货了")
    assert "客户订单 #1" in texts(out) and chat.stock()["XH:B08"] == 2000, texts(out)   # asked first
    chat.press("zhou", "确认")
    assert chat.stock()["XH:B08"] == 1000 and sale_orders(chat)[0]["status"] == "done"
    chat.say("zhou", "盒马订纸杯1条,明天提货")
    chat.say("zhou", "盒马的纸杯提走了")                          # of that product
    chat.press("zhou", "确认")
    assert chat.stock()["XH:B08"] == 1000 - 50


def test_a_customer_order_collected_by_its_number_is_asked_first_and_only_while_it_awaits(chat):
    chat.say("zhou", "盒马订纸杯1箱,明天提货")
    chat.say("sun", "向光明订牛奶5箱,明天到")
    out = texts(chat.say("zhou", "订单1提走了"))
    assert "按客户订单 #1 提货" in out and "纸杯 1000" in out and chat.stock()["XH:B08"] == 2000, out   # asked first
    chat.press("zhou", "确认")
    assert chat.stock()["XH:B08"] == 1000 and sale_orders(chat)[0]["status"] == "done"
    before = chat.stock()
    for said, why in (("订单1提走了", "客户订单 #1 已完成,没有待提的货"),
                      ("客户订单#2的货取走了", "单据 #2 不是客户订单(它是采购单)"),
                      ("订单9提走了", "没有找到单据 #9")):
        out = texts(chat.say("zhou", said))
        assert why in out and "确认" not in out, (said, out)
    assert chat.stock() == before


def test_an_order_changed_by_its_partner_or_number_alone_changes_its_only_product_and_records_nothing(chat):
    chat.say("sun", "向光明订牛奶5箱,明天到")
    before = chat.stock()
    out = chat.say("sun", "光明的牛奶改成8箱")                      # was a receipt of 8 cases
    order = next(o for o in chat.export("orders") if o["kind"] == "purchase")
    assert float(order["lines"][0]["qty"]) == 96 and chat.stock() == before, texts(out)
    chat.say("sun", "光明的订单改成6箱")
    assert float(next(o for o in chat.export("orders") if o["kind"] == "purchase")["lines"][0]["qty"]) == 72
    chat.say("sun", f"订单#{order['id']}改成7箱")
    assert float(next(o for o in chat.export("orders") if o["kind"] == "purchase")["lines"][0]["qty"]) == 84
    out = chat.say("sun", "光明的订单改成7条")                      # milk is not counted in 条: refused
    assert "条" in texts(out) and float(
        next(o for o in chat.export("orders") if o["kind"] == "purchase")["lines"][0]["qty"]) == 84, texts(out)


def test_part_of_a_sale_said_to_be_a_customer_s_is_its_sale_and_collects_its_open_order(chat):
    chat.say("amy", "盒马订可颂10个,今天提货")
    out = texts(chat.say("amy", "可颂卖了12个,其中10个是盒马的"))   # was: no product 「其中」
    assert "可颂 2个" in out and "可颂 10个(盒马)" in out, out
    chat.press("amy", "确认")
    assert chat.stock()["XH:B09"] == 40 - 12
    [order] = sale_orders(chat)
    assert order["status"] == "done" and float(order["lines"][0]["received"]) == 10
    sales = [m for m in chat.export("moves") if m["kind"] == "sale" and m["sku"] == "B09"]
    assert sorted((m["partner"] or "", float(m["qty"])) for m in sales) == [("", 2), ("K01", 10)], sales
    chat.say("amy", "撤销")                                         # both lines, and the order is open again
    assert chat.stock()["XH:B09"] == 40 and sale_orders(chat)[0]["status"] == "open"
    before = chat.stock()
    out = texts(chat.say("amy", "可颂卖了3个,其中5个是盒马的"))
    assert "比一共的数量还多" in out and chat.stock() == before, out
    out = texts(chat.say("amy", "可颂卖了3个,牛奶2升,其中2个是盒马的"))   # 个 fits only 可颂: that one
    assert "可颂 1个" in out and "可颂 2个(盒马)" in out, out


def test_asking_when_goods_come_shows_their_orders_and_receives_nothing(chat):
    assert "没有未完成的淡奶油采购单" in texts(chat.say("amy", "奶油什么时候到"))   # was: asked how much cream
    chat.say("zhou", "向光明订牛奶5箱明天到")
    before = chat.stock()
    out = chat.say("amy", "牛奶什么时候到")                           # was: offered to receive the order
    assert "采购单 #1" in texts(out) and "06-16 到" in texts(out) and not any(m.get("buttons") for m in out), out
    assert "06-16 到" in texts(chat.say("zhou", "光明什么时候送货"))
    out = chat.say("zhou", "明天光明送牛奶吗")                          # was: the replenishment estimate
    assert "06-16 到" in texts(out) and not any(m.get("buttons") for m in out), out
    assert "06-16 到" in texts(chat.say("amy", "光明明天送不送货"))
    assert chat.stock() == before


def test_a_supplier_that_has_not_come_shows_its_orders_and_what_came_in_is_summed(chat):
    chat.say("zhou", "向光明订牛奶5箱明天到")                          # for 徐汇店
    before = chat.stock()
    for said in ("光明今天没来", "光明还没送货", "光明还没发货"):       # was: nothing to record / not understood
        out = texts(chat.say("amy", said))
        assert "采购单 #1 光明乳业" in out and "待送货" in out, (said, out)
    assert chat.stock() == before
    chat.say("amy", "收到金龙鱼菜籽油2桶,每桶60元")
    out = texts(chat.say("zhou", "今天徐汇店收了多少货"))              # was: no product 「收了多少货」
    assert "进货 1 次、1 种商品,共 ¥120.00" in out and "菜籽油 10升(2桶)" in out, out   # ¥60 a barrel, said back


def test_a_customer_s_account_sums_what_it_took_less_returns_and_its_credit_counts_catalog_prices(chat):
    chat.say("amy", "卖给盒马可颂20个")                               # no price said: the catalog's (none here)
    chat.say("amy", "卖给盒马牛奶2箱,每箱60元")
    chat.say("amy", "盒马退回来牛奶6升")
    chat.say("amy", "卖给盒马可颂5个,每个8元")
    chat.say("amy", "撤销")                                           # undone: not taken
    out = texts(chat.say("owner", "盒马这个月买了多少"))              # was: no product 「月」
    assert "盒马 06-01至06-15拿货 2 种商品,共 ¥90.00" in out, out      # 18 L at ¥5
    assert "· 全脂牛奶 18升(1箱+6):¥90.00" in out and "· 可颂 20个(没有售价,未计金额)" in out, out
    assert "额度 ¥30,000.00,还可用 ¥29,910.00" in out, out
    assert texts(chat.say("owner", "盒马欠了多少钱")) == out
    out = texts(chat.say("owner", "盒马的信用额度改成80"))             # a manager's change, confirmed first
    assert "从 ¥30,000.00 改为 ¥80.00" in out, out
    chat.press("owner", "确认")
    out = texts(chat.say("amy", "盒马订可颂1个,明天提货,每个8元"))    # 90 + 8 > 80: held for a manager
    assert "超出盒马的信用额度 ¥80.00" in out, out
    assert "不是客户" in texts(chat.say("owner", "光明的信用额度改成8000"))


def test_an_order_said_by_its_number_to_have_arrived_is_received_as_ordered_once_confirmed(chat):
    chat.say("sun", "向光明订牛奶5箱明天到,送静安店")
    [o] = [o for o in chat.export("orders") if o["kind"] == "purchase"]
    before = chat.stock()
    out = texts(chat.say("bo", f"采购单#{o['id']}的货到了"))           # was: no product 「采购单」
    assert f"按采购单 #{o['id']} 收货" in out and chat.stock() == before, out
    chat.press("bo", "确认")
    assert chat.stock()[f"{o['location']}:B01"] == before.get(f"{o['location']}:B01", 0) + 60
    out = texts(chat.say("bo", f"订单{o['id']}到了"))                  # again: nothing left on it
    assert "已完成,没有可收的货" in out, out
    assert "没有找到单据 #99" in texts(chat.say("bo", "采购单#99的货到了"))


def test_the_last_purchase_is_ordered_again_once_confirmed_and_staff_s_goes_to_a_manager(chat):
    assert "没有找到可以照着再订" in texts(chat.say("zhou", "再订一次上周的货"))
    chat.say("zhou", "向光明订牛奶5箱,奶油1箱")
    chat.say("zhou", "向金龙鱼订菜籽油2桶")
    out = texts(chat.say("zhou", "照上次给光明的单再下一单"))          # was: no product 「上次给」
    assert "照采购单 #1 再订一次" in out and "全脂牛奶 60升(5箱)" in out and "淡奶油 12盒(1箱)" in out, out
    assert len([o for o in chat.export("orders") if o["kind"] == "purchase"]) == 2   # asked first
    chat.press("zhou", "确认")
    last = chat.export("orders")[-1]
    assert (last["partner"], last["location"], [(ln["sku"], float(ln["qty"])) for ln in last["lines"]]) \
        == ("V01", "XH", [("B01", 60), ("B02", 12)]), last
    chat.say("amy", "再订一次")                                        # staff: the latest of the store, as a request
    chat.press("amy", "确认")
    req = chat.export("orders")[-1]
    assert req["status"] == "pending_approval" and req["partner"] == "V01" and req["created_by"] == "amy", req


def test_products_ordered_as_last_time_repeat_each_ones_latest_line_from_its_own_supplier(chat):
    out = texts(chat.say("zhou", "牛奶照上次的量订"))
    assert "还没有订过全脂牛奶" in out and not chat.export("orders"), out     # never ordered here: nothing to repeat
    chat.say("zhou", "向光明订牛奶5箱,奶油1箱")
    chat.say("zhou", "向金龙鱼订菜籽油2桶")
    chat.say("zhou", "向光明订牛奶2箱")
    oil = next((ln["sku"], float(ln["qty"])) for o in chat.export("orders") for ln in o["lines"] if o["id"] == 2)
    out = texts(chat.say("zhou", "牛奶和菜籽油照上次的量订"))
    assert "照上次的采购单 #2、#3 再订" in out and "全脂牛奶 24升(2箱)" in out and "淡奶油" not in out, out
    assert len(chat.export("orders")) == 3                                   # asked first
    chat.press("zhou", "确认")
    made = chat.export("orders")[3:]
    assert sorted((o["partner"], [(ln["sku"], float(ln["qty"])) for ln in o["lines"]]) for o in made) \
        == sorted([("V01", [("B01", 24.0)]), (chat.export("orders")[1]["partner"], [oil])]), made
    out = texts(chat.say("zhou", "向金龙鱼订牛奶,跟上次一样"))
    assert "还没有向" in out and "订过全脂牛奶" in out and len(chat.export("orders")) == 5, out
    chat.say("amy", "牛奶跟上次一样订")                                        # staff: a request for the manager
    chat.press("amy", "确认")
    req = chat.export("orders")[-1]
    assert (req["status"], req["partner"], req["created_by"]) == ("pending_approval", "V01", "amy"), req


def test_a_manager_may_type_the_decision_instead_of_pressing_it(chat):
    assert "没有等你审批" in texts(chat.say("zhou", "同意"))
    chat.say("amy", "向光明订牛奶2箱")                                 # staff: waits for the manager
    chat.say("amy", "向光明订奶油1箱")
    out = texts(chat.say("zhou", "同意"))                              # two waiting: which?
    assert "请带上单号" in out, out
    first, second = [o["id"] for o in chat.export("orders")]
    assert "已批准" in texts(chat.say("zhou", f"同意#{first}"))
    assert "已驳回" in texts(chat.say("zhou", f"驳回{second}号"))
    assert [o["status"] for o in chat.export("orders")] == ["open", "rejected"]
    assert "没有这个权限" in texts(chat.say("amy", "同意"))


def test_a_sale_to_a_stranger_says_so_and_a_manager_adds_the_customer_from_the_chat(chat):
    out = texts(chat.say("amy", "卖给王老板可颂5个"))
    assert "「王老板」不在客户目录里" in out and chat.stock()["XH:B09"] == 40, out   # asked first
    chat.say("amy", "确认")
    assert chat.stock()["XH:B09"] == 35
    assert "权限" in texts(chat.say("amy", "新增客户王老板"))
    out = texts(chat.say("zhou", "新增客户王老板,信用额度5000"))
    assert "客户 【王老板】(K02) 信用额度 ¥5,000.00" in out, out
    chat.say("zhou", "确认")
    out = texts(chat.say("amy", "卖给王老板可颂5个"))   # known now: on its account, at once
    assert "(王老板)" in out and "不在客户目录" not in out, out
    assert "已经在客户/供应商目录里" in texts(chat.say("zhou", "新增客户王老板"))
    out = texts(chat.say("zhou", "添加供应商李记烘焙,交货期2天"))
    assert "供应商 【李记烘焙】(V04) 交货期 2 天" in out, out
    chat.say("zhou", "确认")
    with chat.container.uow(write=False) as uow:
        added = {p.code: (p.name, p.kind.value, p.credit_limit, p.lead_time_days) for p in uow.catalog.partners()}
        audited = sorted(a["code"] for a in uow.chat.audits("partner_added"))
    assert added["K02"] == ("王老板", "customer", 5000, None) and added["V04"] == ("李记烘焙", "supplier", None, 2)
    assert audited == ["K02", "V04"]


def test_a_delivery_to_a_customer_still_to_come_is_its_order_and_one_made_is_a_sale(chat):
    before = chat.stock()
    out = chat.say("zhou", "明天给盒马送可颂20个")                # was: "not yet happened, nothing recorded"
    [order] = sale_orders(chat)
    assert (order["partner"], order["due"][:10]) == ("K01", "2026-06-16") and chat.stock() == before, texts(out)
    chat.say("amy", "昨天给盒马送了纸杯1条")                      # was: a receipt from 盒马
    chat.press("amy", "确认")
    moves = [m for m in chat.export("moves") if m["sku"] == "B08" and m["kind"] != "opening"]
    assert [(m["kind"], abs(float(m["qty"])), m["partner"], m["at"][:10]) for m in moves] == [
        ("sale", 50.0, "K01", "2026-06-14")], moves


def test_a_sale_paid_on_the_spot_is_its_payment_undone_and_corrected_with_it(tmp_path, monkeypatch):
    from tests.conftest import DEMO
    from tests.e2e.conftest import make_chat
    chat = make_chat(tmp_path, monkeypatch, catalog=DEMO)

    def owed() -> str:
        return texts(chat.say("liu", "团餐欠我们多少钱")).splitlines()[-1]

    out = texts(chat.say("liu", "团餐拿了可乐1箱,每瓶4块,现结"))        # was: the sale alone, owed on account
    assert "¥96.00" in out and "当场付清" in out, out
    assert "已收 ¥96.00" in owed() and "未收 ¥0.00" in owed()
    out = texts(chat.say("liu", "不对,是2箱"))                            # the payment follows the correction
    assert "¥192.00" in out and "已收 ¥192.00" in owed() and "未收 ¥0.00" in owed(), out
    out = texts(chat.say("liu", "撤销"))          # the correction undone: the 1 case stands again, paid as it was
    assert "原记录已恢复" in out and "货款 ¥96.00,已收 ¥96.00,未收 ¥0.00" in owed(), out
    chat.say("liu", "撤销")                                               # and the sale itself, once asked
    chat.press("liu", "撤销这笔")
    assert "已收 ¥0.00" in owed() and "未收 ¥0.00" in owed()
    chat.say("liu", "团餐拿了可乐1箱,挂账")                               # on account: owed
    assert "未收 ¥120.00" in owed()


def test_a_customers_order_said_sent_is_collected_once_confirmed_and_a_shortfall_is_said(chat):
    chat.say("amy", "盒马订可颂50个,明天提货")
    out = texts(chat.say("amy", "给盒马的货送过去了"))                    # was: an unknown product 货送过去
    assert "#1" in out and "40个" in out and "50个" in out and "负数" in out, out   # 40 on hand, 50 ordered
    chat.press("amy", "确认")
    assert chat.stock()["XH:B09"] == 40 - 50 and sale_orders(chat)[0]["status"] == "done"


def test_a_customer_s_order_is_asked_after_and_sent_by_an_imperative(chat):
    chat.say("amy", "盒马订可颂20个,明天提货")
    out = texts(chat.say("amy", "盒马的货备好了没"))                        # was: 货备好了没 read as a product
    assert "客户订单 #1" in out and "待提货" in out, out
    out = texts(chat.say("amy", "给盒马发货"))                              # was: not understood
    assert "按客户订单 #1 提货" in out and chat.stock()["XH:B09"] == 40, out
    chat.press("amy", "确认")
    assert chat.stock()["XH:B09"] == 20
    out = texts(chat.say("amy", "盒马拿了10个可颂没"))                      # a question: never a second sale
    assert chat.stock()["XH:B09"] == 20 and "已记录" not in out, out


def test_undo_right_after_cancelling_an_order_takes_the_cancellation_back_never_a_write_before_it(chat):
    chat.say("amy", "卖了可颂3个")   # an earlier write, which 撤销 after a cancellation must leave alone
    sold = chat.stock()
    chat.say("amy", "盒马订可颂50个,明天提货")
    chat.say("amy", "取消订单1")
    assert chat.export("bookings") == []   # cancelled: its booking freed
    back = texts(chat.say("amy", "撤销"))
    assert back == "↩️ 已撤销取消:客户订单 #1(盒马 可颂 50个 2026-06-16)恢复为「待提货」。"
    assert chat.stock() == sold and [o["status"] for o in sale_orders(chat)] == ["open"]
    [booking] = chat.export("bookings")   # booked again for its day
    assert (booking["sku"], float(booking["qty"]), booking["order_id"]) == ("B09", 50, 1)
    chat.say("zhou", "向光明订牛奶2箱")
    chat.say("zhou", "取消订单2")
    assert "采购单 #2" in texts(chat.say("zhou", "撤销")) and chat.stock() == sold
    assert "采购单 #2" in texts(chat.say("zhou", "哪些采购单还没到"))
    chat.say("zhou", "可颂的配方:高筋面粉50克,黄油25克,鸡蛋半个")
    chat.press("zhou", "确认")
    chat.say("zhou", "开工单:可颂100个")
    chat.say("zhou", "取消工单3")   # not started: nothing moved, 撤销 plans it again
    assert "工单 #3" in texts(chat.say("zhou", "撤销")) and "#3 可颂 0/100个 · 待开工" in texts(chat.say("zhou", "工单"))
    assert chat.stock() == sold


def test_a_customer_s_agreed_price_prices_its_sales_and_orders_and_leaves_the_catalog_alone(tmp_path, monkeypatch):
    """团餐的可乐价格定为4.5元 changed everyone's list price; now it is that customer's price."""
    from tests.conftest import DEMO
    from tests.e2e.conftest import make_chat
    chat = make_chat(tmp_path, monkeypatch, catalog=DEMO)
    assert "你的角色没有这个权限" in texts(chat.say("xiaowang", "团餐的可乐按4.5元一瓶"))
    asked = texts(chat.say("liu", "团餐的可乐价格定为4.5元"))
    assert asked.startswith("美团团餐以后拿可乐按 ¥4.50/瓶(¥108.00/箱) 算吗(目录售价 ¥5.00/瓶"), asked
    chat.press("liu", "确认")
    with chat.container.uow(write=False) as u:
        assert u.catalog.product("P018").unit_price == 5                      # the list price as it was
    chat.say("xiaowang", "团餐拿了可乐1箱")                                     # no price said: the agreed one
    chat.say("xiaowang", "团餐拿了雪碧1箱")                                     # nothing agreed: the catalog's
    chat.say("liu", "团餐订可乐2箱,明天提货")
    account = texts(chat.say("liu", "团餐欠了多少钱"))
    assert "· 可乐 24瓶(1箱):¥108.00" in account and "· 雪碧 24瓶(1箱):¥120.00" in account, account
    [order] = [o for o in chat.export("orders") if o["kind"] == "sale"]
    assert [(ln["sku"], str(ln["unit_price"])) for ln in order["lines"]] == [("P018", "4.5")], order
    assert "· 可乐 ¥4.50/瓶(¥108.00/箱)(目录 ¥5.00/瓶(¥120.00/箱))" in texts(chat.say("xiaowang", "团餐的价格表"))
    chat.say("liu", "取消团餐的可乐协议价")
    chat.press("liu", "确认")
    assert "没有协议价" in texts(chat.say("liu", "团餐的价格表"))
    with chat.container.uow(write=False) as u:
        assert [a["price"] for a in u.chat.audits("customer_price")] == [None, "4.5"]


def test_a_deposit_paid_with_an_order_is_kept_on_the_customer_s_account_and_counts_off_its_credit(chat):
    assert "你的角色没有这个权限" in texts(chat.say("amy", "盒马订可颂100个,每个8元,明天提货,付了定金300"))
    assert not sale_orders(chat)                                           # (money taken: a manager's, as a payment)
    out = texts(chat.say("zhou", "盒马订可颂100个,每个8元,明天提货,付了定金300"))
    assert "已登记客户订单 #1" in out and "收到定金 ¥300.00(订单 #1)" in out, out
    assert "多收 ¥300.00(预收款)" in out                                  # paid ahead of the goods
    owed = texts(chat.say("zhou", "盒马欠多少钱"))
    assert "共 ¥500.00,额度 ¥30,000.00" in owed, owed                      # the ¥800 order less the ¥300 paid
    out = texts(chat.say("zhou", "取消订单1"))
    assert "定金 ¥300.00 仍在盒马的账上" in out
    assert "定金要跟客户订单一起说" in texts(chat.say("amy", "卖了可颂2个,定金100"))
    assert "收到盒马付款 ¥500.00" in texts(chat.say("zhou", "收到盒马定金500"))   # (on its own: a payment)


def test_part_of_an_order_taken_with_the_rest_for_later_leaves_the_rest_on_order(chat):
    """盒马拿走了可颂30个,剩下的下次拿: the 30 sold against its order, the rest still awaited (before: 几种进出混在一起)."""
    chat.say("amy", "烤了可颂60个")
    chat.say("amy", "盒马订可颂50个,明天提货")
    out = texts(chat.say("amy", "盒马拿走了可颂30个,剩下的下次拿"))
    assert "已记录" in out and "客户订单 #1 已提 可颂 30/50个" in out, out
    [order] = sale_orders(chat)
    assert order["status"] == "partial" and order["lines"][0]["received"] == "30"
