"""A record put right the way staff say it (刚才那条改成40斤 · 刚才录错了,删掉), part of a sale said at its own price
(可颂卖了12个,其中3个是会员价10块), an order named as 光明的单 (改成周四送 · 加2箱黄油), how long stock lasts asked before
anything has sold, and a supplier's agreed prices asked as 光明的进价是多少. Through the real conversation, on the demo
restaurant, the café and the phone shop."""
from __future__ import annotations

import pytest

from tests.conftest import DEMO, ROOT
from tests.e2e.conftest import Chat, make_chat, texts

FIXTURES = ROOT / "tests" / "nlu" / "fixtures"


@pytest.fixture
def demo(tmp_path, monkeypatch) -> Chat:  # type: ignore[no-untyped-def]
    return make_chat(tmp_path, monkeypatch, catalog=DEMO)


def test_the_last_record_put_right_or_dropped_in_staff_words(demo: Chat):
    before = demo.stock()["NS:P001"]
    demo.say("xiaowang", "收到牛腩50斤")
    out = texts(demo.say("xiaowang", "刚才那条改成40斤"))   # (before: not understood)
    assert out.startswith("✏️ 已更正为:南山店入库 牛腩 40斤(2箱)"), out
    assert demo.stock()["NS:P001"] == before + 40
    out = texts(demo.say("xiaowang", "上一条数量改成30斤"))
    assert out.startswith("✏️ 已更正为:南山店入库 牛腩 30斤"), out
    assert demo.stock()["NS:P001"] == before + 30
    demo.say("xiaowang", "收到可乐2箱")
    coke = demo.stock()["NS:P018"]
    out = texts(demo.say("xiaowang", "刚才录错了,删掉"))   # (the receipt of coke undone, the beef left alone)
    assert out.startswith("↩️"), out
    assert demo.stock()["NS:P018"] == coke - 48 and demo.stock()["NS:P001"] == before + 30


def test_part_of_a_sale_at_its_own_price_is_split_off_the_whole_not_added_to_it(tmp_path, monkeypatch):
    cafe = make_chat(tmp_path, monkeypatch)
    cafe.say("zhou", "可颂售价12")
    cafe.press("zhou", "确认")
    before = cafe.stock()["XH:B09"]
    out = texts(cafe.say("amy", "可颂卖了12个,其中3个是会员价10块"))   # (before: 会员 asked as a product)
    assert out.startswith("✅ 已记录:徐汇店销售 可颂 9个、可颂 3个"), out
    assert cafe.stock()["XH:B09"] == before - 12   # (12 sold, not 15)
    sold = [(m["qty"], m["unit_price"]) for m in cafe.export("moves") if m["kind"] == "sale" and m["sku"] == "B09"]
    assert sorted(sold) == [("3", "10"), ("9", None)], sold   # (9 at the catalog's price)
    assert "实收 ¥138.00" in out and "销售额约 ¥138.00" in texts(cafe.say("zhou", "今天卖了多少钱")), out
    out = texts(cafe.say("amy", "可颂卖了9个,另外3个15块"))   # (before: the other 3 dropped without a word)
    assert cafe.stock()["XH:B09"] == before - 24, out
    out = texts(cafe.say("amy", "可颂卖了5个,其中8个15块"))   # (a part larger than the whole: nothing recorded)
    assert cafe.stock()["XH:B09"] == before - 24, out


def test_a_counted_quantity_then_money_in_kuai_is_that_many_for_that_much(tmp_path, monkeypatch):
    phone = make_chat(tmp_path, monkeypatch, catalog=FIXTURES / "phone")
    phone.say("xm", "收到手机壳20个")
    before = phone.stock()["MD:A05"]
    out = texts(phone.say("xm", "手机壳卖了5个,其中3个60块"))   # (2 at ¥29 and the 3 for ¥60)
    assert "实收 ¥118.00" in out and phone.stock()["MD:A05"] == before - 5, out
    sold = [(m["qty"], m["unit_price"]) for m in phone.export("moves") if m["kind"] == "sale"]
    assert sorted(sold) == [("2", None), ("3", "20")], sold


def test_an_order_named_as_the_suppliers_single_moves_its_day_or_takes_more_and_never_receives(tmp_path, monkeypatch):
    cafe = make_chat(tmp_path, monkeypatch)
    cafe.say("zhou", "给光明下个单,牛奶10箱,周三送")
    butter = cafe.stock().get("XH:B07", 0.0)
    out = texts(cafe.say("zhou", "光明的单改成周四送"))
    assert out.startswith("✏️ 已修改采购单 #1:光明乳业 全脂牛奶 120升 2026-06-18"), out
    out = texts(cafe.say("zhou", "光明那单改周四送"))   # (already so: nothing saved, nobody told)
    assert out == "采购单 #1 已经是这样了:光明乳业 全脂牛奶 120升 2026-06-18。没有改动。", out
    out = texts(cafe.say("zhou", "光明的单加2箱黄油"))   # (before: 20 kg of butter received)
    assert out.startswith("✏️ 已修改采购单 #1:光明乳业 全脂牛奶 120升、黄油 20kg 2026-06-18"), out
    assert cafe.stock().get("XH:B07", 0.0) == butter
    orders = cafe.export("orders")
    assert [(o["id"], o["due"][:10]) for o in orders] == [(1, "2026-06-18")], orders


def test_how_long_stock_lasts_before_anything_sold_says_it_cannot_tell(demo: Chat):
    out = texts(demo.say("liu", "牛腩库存够用几天"))   # (before: 「够卖 28 天以上」 from a forecast of nothing)
    assert out == "⏳ 南山店牛腩现有 42斤(2箱+2)。还没有历史销量(今天之前),算不出能卖几天。记录几天销售后再问我。", out
    out = texts(demo.say("liu", "牛腩3箱够用几天"))
    assert "算不出够用几天" in out, out


def test_a_suppliers_agreed_prices_asked_in_staff_words_with_an_example_from_this_catalog(tmp_path, monkeypatch):
    cafe = make_chat(tmp_path, monkeypatch)
    out = texts(cafe.say("zhou", "光明的进价是多少"))   # (before: 进价 asked as a product)
    assert out.startswith("和光明乳业没有约定进价"), out
    assert "牛腩" not in out and "「光明乳业的全脂牛奶按" in out, out   # (the café sells no beef)


def test_an_appointment_with_its_length_said_after_and_moved_by_the_service_named(tmp_path, monkeypatch):
    studio = make_chat(tmp_path, monkeypatch, catalog=FIXTURES / "studio")
    out = texts(studio.say("lin", "王总预约了明天下午2点理疗,2个小时"))   # (before: a sale that has not happened yet)
    assert out.startswith("已登记预定:06-16 14:00 理疗 2小时,备注:王总"), out
    out = texts(studio.say("lin", "王总的理疗改到后天"))   # (before: the same)
    assert "· 06-17 14:00 王总:理疗 2小时" in out and "· 06-16 14:00 王总:理疗 2小时" in out, out
    studio.press("lin", "确认")
    assert "06-17 14:00" in texts(studio.say("lin", "王总的预约"))
    studio.say("lin", "高级顾问今天做了5个小时")
    studio.say("lin", "初级顾问今天做了3个小时")
    out = texts(studio.say("lin", "本周高级顾问和初级顾问各做了多少小时"))   # (before: the first one only)
    assert "1. 高级顾问 卖出 5小时" in out and "2. 初级顾问 卖出 3小时" in out, out


def test_one_product_counted_in_two_places_is_counted_as_their_sum(demo: Chat):
    out = texts(demo.say("xiaowang", "可乐冰柜里还有12瓶,后面还有3箱"))   # (before: 12, then 72, each off the books)
    assert out.startswith("✅ 已记录:南山店盘点 可乐 84瓶(3箱+12)"), out
    assert demo.stock()["NS:P018"] == 84
    counted = [m for m in demo.export("moves") if m["sku"] == "P018" and m["kind"] == "count_adjustment"]
    assert sum(float(m["qty"]) * (1 if m["to"] == "NS" else -1) for m in counted) == 84 - 67, counted


def test_a_rule_on_one_sales_quantity_fires_for_each_such_sale_and_never_for_the_weeks_sum(demo: Chat):
    out = texts(demo.say("liu", "如果有人一次卖超过10箱可乐就通知我"))   # (before: the last 7 days' sales over 240)
    assert "当【可乐】在【南山店】的单笔销量 > 240瓶 时 → 提醒【刘店长】" in out, out
    demo.press("liu", "确认")
    demo.say("xiaowang", "收到可乐30箱")
    out = demo.say("xiaowang", "卖了可乐11箱")
    assert "单笔销量超过" not in texts(out) and "这笔销量 264 / 240" in texts(out, to="liu"), out
    out = demo.say("xiaowang", "卖了可乐6箱")   # (the week's sum is over 240 now: one sale of 6 is not)
    assert texts(out, to="liu") == "", out
    out = demo.say("xiaowang", "卖了可乐12箱")   # (a second big sale: its own alert)
    assert "这笔销量 288 / 240" in texts(out, to="liu"), out
    demo.say("xiaowang", "收到可乐12箱")   # (a receipt sells nothing)
    assert texts(demo.say("xiaowang", "撤销"), to="liu") == ""


def test_the_same_said_in_english(demo: Chat):
    before = demo.stock()["NS:P001"]
    demo.say("xiaowang", "received 50 jin beef brisket")
    assert texts(demo.say("xiaowang", "change the last one to 40 jin")).startswith("✏️ 已更正为:南山店入库 牛腩 40斤")
    assert demo.stock()["NS:P001"] == before + 40
    out = texts(demo.say("liu", "notify me if anyone sells more than 10 cases of coke at once"))
    assert "当【可乐】在【南山店】的单笔销量 > 240瓶 时 → 提醒【刘店长】" in out, out
    demo.press("liu", "确认")
    assert texts(demo.say("liu", "what are zhang ji's prices")).startswith("和张记肉业没有约定进价")
    demo.say("liu", "order 2 cases of beef brisket from zhang ji, due wednesday")
    out = texts(demo.say("liu", "move zhang ji's order to thursday"))   # (before: zhangji's asked as a product)
    assert out.startswith("✏️ 已修改采购单 #1:张记肉业 牛腩 40斤 2026-06-18"), out
    assert "算不出能卖几天" in texts(demo.say("liu", "how long will coke last"))


def test_a_count_said_with_the_wish_to_order_offers_the_suggestion_as_the_order(tmp_path, monkeypatch):
    cafe = make_chat(tmp_path, monkeypatch)
    out = cafe.say("zhou", "黄油只剩1块了,要订")   # (before: the count alone, the wish to order dropped)
    assert texts(out).startswith("✅ 已记录:徐汇店盘点 黄油 0.5kg"), out
    assert "建议补 4.5kg" in texts(out) and any(b == "确认" for m in out for row in m.get("buttons") or [] for b in row)
    assert cafe.stock()["XH:B07"] == 0.5
    assert texts(cafe.press("zhou", "确认")).startswith("🧾 已创建采购单 #1:黄油 4.5kg")
    out = texts(cafe.say("zhou", "黄油只剩1块了,要订"))   # (on order now: no second order offered)
    assert "暂不需要补货" in out and "在途 4.5kg" in out, out


def test_goods_said_come_from_the_warehouse_that_it_recorded_come_already_are_not_recorded_twice(demo: Chat):
    demo.say("chen", "给南山店送了牛腩2箱")   # (the warehouse records the transfer done)
    before = demo.stock()["NS:P001"]
    for said in ("仓库送的牛腩到了", "仓库调的牛腩到了", "中心仓送来的牛腩收到了"):   # (before: how much? asked)
        out = texts(demo.say("xiaowang", said))
        assert out.startswith("中心仓调来的牛腩 40斤(2箱) 已经在 06-15 09:00 记到南山店了(陈采购记的)"), (said, out)
    assert demo.stock()["NS:P001"] == before
    demo.say("liu", "向张记订牛腩2箱,明天到")
    out = texts(demo.say("xiaowang", "张记送的牛腩到了"))   # (a supplier's: its order, as before)
    assert out.startswith("按采购单 #1 收货:南山店入库 牛腩 40斤(2箱)(张记肉业)"), out


def test_a_supplier_that_cannot_come_on_the_day_but_names_another_moves_the_orders_day(demo: Chat):
    demo.say("liu", "向张记订牛腩2箱,明天到")
    out = demo.say("zhangji", "明天送不了,后天送")   # (before: passed on, the order still due tomorrow)
    assert "到货日已改为 06-17" in texts(out, "liu"), out
    assert [o["due"][:10] for o in demo.export("orders")] == ["2026-06-17"]
    out = demo.say("zhangji", "牛腩只能送30斤")   # (no day said: the order as it is)
    assert "订单没有改动" in texts(out, "liu") and [o["due"][:10] for o in demo.export("orders")] == ["2026-06-17"]
    demo.say("xiaowang", "张记说牛腩周五才能到,周四送不了")   # (relayed by our people, the day said first)
    assert [o["due"][:10] for o in demo.export("orders")] == ["2026-06-19"]


def test_a_made_to_order_product_spoiled_uses_its_ingredients_and_what_they_still_make_is_answered(tmp_path,
                                                                                                  monkeypatch):
    cafe = make_chat(tmp_path, monkeypatch)
    for said in ("新增商品拿铁,单位杯,售价28", "每杯拿铁用牛奶0.2升、咖啡豆18克"):
        cafe.say("zhou", said)
        cafe.press("zhou", "确认")
    milk = cafe.stock()["XH:B01"]
    out = texts(cafe.say("amy", "拿铁做坏了2杯"))   # (before: asked to take the latte below zero)
    assert out.startswith("✅ 已记录:徐汇店报损 拿铁 2杯\n🧾 按配方现做 拿铁 2杯,用掉:全脂牛奶 0.4升"), out
    assert cafe.stock()["XH:B01"] == pytest.approx(milk - 0.4) and cafe.stock().get("XH:B11", 0.0) == 0
    out = texts(cafe.say("amy", "牛奶还够做多少杯拿铁"))   # (before: a forecast of milk)
    assert out.startswith("🧁 徐汇店现有原料还能做 拿铁 178杯(按配方;全脂牛奶最先用完)"), out
    assert "· 全脂牛奶 现有 35.6升" in out, out
    cafe.say("amy", "拿铁卖了10杯")
    out = texts(cafe.say("amy", "今天拿铁用了多少牛奶"))   # (before: the latte's own use, none)
    assert out.startswith("📉 徐汇店 06-15全脂牛奶用量 2.4升"), out
