"""What came said against what should have: a delivery said short (牛腩到了48斤,少了2斤: 48 when 50 are on order),
weighed lighter, short in each pack, held in all (收到牛腩3箱,共58斤), a supplier's shortfall after its receipt (the
receipt put right), a transfer come short; what was left unsold (可颂今天烤了50个,剩了10个没卖: the rest sold); part of a
sale at its own price said other ways (其中3瓶打8折 · 4元一个 · sold 12 cokes, 3 of them at 4 each); each safety stock
up or down by a share; two suppliers' or buyers' goods in one message kept apart; a dish's ingredients; a delivery
platform's sale; an appointment called off; a correction that changes nothing. Through the real conversation, on the
demo restaurant, the café and the studio."""
from __future__ import annotations

import pytest

from tests.conftest import DEMO, ROOT
from tests.e2e.conftest import Chat, make_chat, texts

FIXTURES = ROOT / "tests" / "nlu" / "fixtures"


@pytest.fixture
def demo(tmp_path, monkeypatch) -> Chat:  # type: ignore[no-untyped-def]
    return make_chat(tmp_path, monkeypatch, catalog=DEMO)


def test_a_delivery_said_short_is_what_came_of_the_order_it_matches(demo: Chat):
    before = demo.stock()["NS:P001"]
    demo.say("liu", "向张记订牛腩50斤,明天送")
    demo.press("liu", "确认")
    out = texts(demo.say("xiaowang", "牛腩到了48斤,少了2斤"))   # (before: 46 recorded, 46/50 of the order)
    assert "入库 牛腩 48斤" in out and "采购单 #1 已到 牛腩 48/50斤" in out, out
    assert demo.stock()["NS:P001"] == before + 48
    demo.say("xiaowang", "撤销")
    assert demo.stock()["NS:P001"] == before


def test_a_delivery_said_short_with_no_order_to_match_is_what_was_said_less_what_lacked(demo: Chat):
    beef, coke = demo.stock()["NS:P001"], demo.stock()["NS:P018"]
    out = texts(demo.say("xiaowang", "牛腩到了48斤,少了2斤"))   # (no order: the note said 48, 2 of it missing)
    assert "入库 牛腩 46斤" in out and demo.stock()["NS:P001"] == beef + 46, out
    out = texts(demo.say("xiaowang", "收到可乐2箱,少了3瓶"))   # (the cases came short of bottles)
    assert demo.stock()["NS:P018"] == coke + 45, out
    demo.say("liu", "向张记订牛腩50斤,明天送")
    demo.press("liu", "确认")
    demo.say("xiaowang", "牛腩到了45斤,少了2斤")   # (neither 45 nor 43 is what the order lacks: as said, 43)
    assert demo.stock()["NS:P001"] == beef + 46 + 43


def test_what_was_left_unsold_means_the_rest_was_sold(tmp_path, monkeypatch):
    cafe = make_chat(tmp_path, monkeypatch)
    before = cafe.stock()["XH:B09"]
    out = texts(cafe.say("amy", "可颂今天烤了50个,剩了10个没卖"))   # (before: a count of 60)
    assert "生产入库 可颂 50个" in out and f"销售 可颂 {before + 40:.0f}个" in out, out
    cafe.press("amy", "确认")
    assert cafe.stock()["XH:B09"] == 10
    moved = {k: sum(float(m["qty"]) for m in cafe.export("moves") if m["sku"] == "B09" and m["kind"] == k)
             for k in ("production", "sale", "count")}
    assert moved == {"production": 50, "sale": before + 40, "count": 0}, moved   # (the sale split by lot)
    out = texts(cafe.say("amy", "可颂剩了4个没卖"))   # (all but 4 of the 10 sold: shown against the stock first)
    assert "销售 可颂 6个" in out and cafe.stock()["XH:B09"] == 10, out
    cafe.press("amy", "确认")
    assert cafe.stock()["XH:B09"] == 4
    out = texts(cafe.say("amy", "可颂没卖完,还剩8个"))   # (more left than the books hold: nothing sold)
    assert cafe.stock()["XH:B09"] == 4 and "没有记录" in out, out
    out = texts(cafe.say("amy", "可颂还剩3个"))   # (a count, as before: no 没卖)
    assert out.startswith("✅ 已记录:徐汇店盘点 可颂 3个") and cafe.stock()["XH:B09"] == 3, out


def test_part_of_a_sale_discounted_or_priced_each_is_split_off_the_whole(demo: Chat):
    coke = demo.stock()["NS:P018"]
    out = texts(demo.say("xiaowang", "卖了可乐12瓶,其中3瓶打8折"))   # (before: 15 sold, all at 80%)
    assert "实收 ¥57.00" in out and demo.stock()["NS:P018"] == coke - 12, out
    out = texts(demo.say("xiaowang", "可乐卖了3瓶,4元一个"))   # (before: the price dropped, ¥15 taken)
    assert "实收 ¥12.00" in out and demo.stock()["NS:P018"] == coke - 15, out
    out = texts(demo.say("xiaowang", "可乐卖了12瓶,有3瓶是4块卖的"))   # (before: 4块 asked as a unit)
    assert "实收 ¥57.00" in out and demo.stock()["NS:P018"] == coke - 27, out
    out = texts(demo.say("xiaowang", "可乐卖了12瓶,其中3瓶按4元一瓶"))   # (before: 按 asked as a product)
    assert "实收 ¥57.00" in out and demo.stock()["NS:P018"] == coke - 39, out
    sold = sorted((m["qty"], m["unit_price"] or "") for m in demo.export("moves") if m["kind"] == "sale")
    assert sold == [("3", "4")] * 4 + [("9", "")] * 3, sold


def test_part_of_a_sale_said_in_english_is_split_off_the_whole(demo: Chat):
    coke = demo.stock()["NS:P018"]
    out = texts(demo.say("xiaowang", "sold 12 cokes, 3 of them at 4 each"))   # (before: 3 read as a product)
    assert "实收 ¥57.00" in out, out
    demo.press("xiaowang", "确认")
    assert demo.stock()["NS:P018"] == coke - 12
    out = texts(demo.say("xiaowang", "sold 2 cases of coke, 1 of them was free"))   # (the free one a case, not a bottle)
    assert "销售 可乐 24瓶" in out and "领用/消耗 可乐 24瓶" in out, out
    demo.press("xiaowang", "确认")
    assert demo.stock()["NS:P018"] == coke - 12 - 48


def test_a_part_said_as_large_as_the_whole_is_all_of_it(demo: Chat):
    coke = demo.stock()["NS:P018"]
    out = texts(demo.say("xiaowang", "卖了1箱可乐,其中1箱免费"))   # (before: "larger than the whole")
    assert "领用/消耗" in out and demo.stock()["NS:P018"] == coke - 24, out
    out = texts(demo.say("xiaowang", "可乐卖了3瓶,其中3瓶4块"))
    assert "实收 ¥12.00" in out and demo.stock()["NS:P018"] == coke - 27, out
    out = texts(demo.say("xiaowang", "可乐卖了3瓶,其中5瓶4块"))   # still more than the whole: nothing recorded
    assert "比一共的数量还多" in out and demo.stock()["NS:P018"] == coke - 27, out
    moved = [(m["kind"], m["qty"], m["unit_price"], m["note"]) for m in demo.export("moves") if m["actor"] == "xiaowang"]
    assert moved == [("consumption", "24", None, "赠送"), ("sale", "3", "4", "")], moved


def test_a_price_per_a_unit_the_product_lacks_is_refused_not_dropped(demo: Chat):
    beef = demo.stock()["NS:P001"]
    out = texts(demo.say("xiaowang", "牛腩卖了3斤,40元一个"))   # (before: sold at the list price, the 40 unsaid)
    assert out == "「40元一个」:牛腩按斤、箱计,没有这个单位的价钱,没有记录。请按它的单位说,例如「40元一斤」。", out
    assert demo.stock()["NS:P001"] == beef
    out = texts(demo.say("xiaowang", "牛腩卖了3斤,40元一斤"))
    assert "实收 ¥120.00" in out and demo.stock()["NS:P001"] == beef - 3, out


def test_every_safety_stock_of_a_store_or_a_category_up_or_down_by_a_share(demo: Chat):
    out = texts(demo.say("liu", "把南山店的安全库存都调高10%"))   # (before: 安全库存都调高 asked as a product)
    assert out.startswith("把南山店这 30 种商品的安全库存调高 10%") and "…还有 15 种" in out, out
    assert "· 青椒:8公斤 → 8.8公斤" in out, out   # (weighed goods to two places, counted ones whole)
    demo.press("liu", "确认")
    out = texts(demo.say("liu", "可乐的安全库存是多少"))
    assert "可乐的安全库存:48瓶(2箱)" in out and "南山店 53瓶(2箱+5)" in out, out   # (the store's own; FT keeps 48)
    out = texts(demo.say("liu", "南山店饮料的安全库存都降低20%"))
    assert "这 5 种商品的安全库存调低 20%" in out and "· 可乐:53瓶(2箱+5) → 42瓶(1箱+18)" in out, out
    demo.press("liu", "确认")
    assert "南山店 42瓶" in texts(demo.say("liu", "可乐的安全库存是多少"))
    changed = [r for r in demo.export("audit") if r["action"] == "product_changed"]
    assert len(changed) >= 30 + 5, len(changed)   # (each product audited)
    for who, said in (("liu", "把福田店的安全库存都调高10%"), ("xiaowang", "安全库存都调高10%")):
        out = texts(demo.say(who, said))   # (another store's: the owner's; staff: never)
        assert "没有这个权限" in out, out
    out = texts(demo.say("boss", "安全库存降低100%"))
    assert "百分比不对" in out, out
    out = texts(demo.say("boss", "饮料的安全库存都调高一成"))   # (the products', every store without its own)
    demo.press("boss", "确认")
    assert "可乐的安全库存:53瓶(2箱+5)" in texts(demo.say("boss", "可乐的安全库存是多少")), out


def test_which_store_holds_the_most_stock_is_each_places_value(demo: Chat):
    out = texts(demo.say("boss", "哪个店库存最多"))   # (before: not understood)
    assert "按地点:中心仓 ¥" in out, out


def test_a_correction_to_what_is_recorded_already_changes_nothing(demo: Chat):
    before = demo.stock()["NS:P001"]
    demo.say("xiaowang", "收到牛腩40斤")
    for said in ("不对,是40斤", "不对,是2箱"):   # (before: 已更正, the write undone and written again)
        out = texts(demo.say("xiaowang", said))
        assert out == "已经是这样记的了:南山店入库 牛腩 40斤(2箱)。没有改动。", out
    assert not [r for r in demo.export("audit") if r["action"] == "write_corrected"]
    out = texts(demo.say("xiaowang", "不对,是30斤"))
    assert out.startswith("✏️ 已更正为:南山店入库 牛腩 30斤") and demo.stock()["NS:P001"] == before + 30, out


def test_how_long_beef_lasts_asks_which_beef_then_answers_for_it(demo: Chat):
    for said in ("牛肉还能卖几天", "how many days will the beef last"):   # (before: 「牛肉还能卖几天」 an unknown product)
        out = demo.say("xiaowang", said)
        assert texts(out).startswith("「牛肉」指哪一个?牛腩、牛腱、牛肉丸"), texts(out)
    out = texts(demo.say("xiaowang", "牛腩"))
    assert out.startswith("⏳ 南山店牛腩现有 42斤"), out


def test_a_delivery_weighed_lighter_or_short_in_each_pack_records_what_came(demo: Chat):
    beef, coke, eggs = (demo.stock()[f"NS:{s}"] for s in ("P001", "P018", "P011"))
    out = texts(demo.say("xiaowang", "张记送了牛腩50斤,称了一下只有48斤"))   # (before: 称 asked as a product)
    assert "入库 牛腩 48斤" in out and demo.stock()["NS:P001"] == beef + 48, out
    out = texts(demo.say("xiaowang", "可乐进了5箱,每箱少了2瓶"))   # (before: 120 received and 2 lost)
    assert demo.stock()["NS:P018"] == coke + 110, out
    demo.say("xiaowang", "收到鸡蛋3板,每板缺2个")
    assert demo.stock()["NS:P011"] == eggs + 84


def test_an_appointment_called_off_by_its_service_or_by_not_coming(tmp_path, monkeypatch):
    studio = make_chat(tmp_path, monkeypatch, catalog=FIXTURES / "studio")
    studio.say("lin", "王总预约了明天下午2点理疗,2个小时")
    studio.say("lin", "王总预约了后天下午3点理疗1小时")
    out = texts(studio.say("lin", "取消王总明天的理疗"))   # (before: asked how many hours)
    assert "06-16 14:00 王总:理疗 2小时" in out and "06-17" not in out, out
    studio.press("lin", "确认")
    out = texts(studio.say("lin", "王总后天不来了"))   # (before: refused as a move to come)
    assert "06-17 15:00 王总:理疗 1小时" in out, out
    studio.press("lin", "确认")
    assert "没有预定" in texts(studio.say("lin", "这周有什么预约"))


def test_an_appointment_put_back_or_forward_by_a_span_moves_the_next_one_only(tmp_path, monkeypatch):
    studio = make_chat(tmp_path, monkeypatch, catalog=FIXTURES / "studio")
    studio.say("lin", "王总预约了明天下午2点理疗,2个小时")
    studio.say("lin", "王总预约了下周一下午2点理疗,1个小时")
    out = texts(studio.say("lin", "王总的理疗推迟一小时"))   # (before: a sale of an hour of 理疗)
    assert "· 06-16 15:00 王总:理疗 2小时" in out and "06-22" not in out, out
    assert not [m for m in studio.export("moves") if m["kind"] == "sale"]
    studio.press("lin", "确认")
    studio.say("lin", "把王总的预约提前半小时")
    studio.press("lin", "确认")
    out = texts(studio.say("lin", "王总的预约"))
    assert "06-16 14:30 王总:理疗 2小时" in out and "06-22 14:00 王总:理疗 1小时" in out, out
    assert "王总累计" in texts(studio.say("lin", "王总的卡还剩多少"))   # (before: every product's stock)


def test_a_dish_not_kept_as_stock_uses_its_ingredients_that_many_times_over(demo: Chat):
    fish, pickle = demo.stock()["NS:P005"], demo.stock()["NS:P010"]
    out = texts(demo.say("xiaowang", "酸菜鱼卖了8份,每份用草鱼1条、酸菜半袋"))   # (before: 酸菜鱼 is a dish, nothing)
    assert out.startswith("✅ 已记录:南山店领用/消耗 草鱼 8条、酸菜 4袋(酸菜鱼8份)"), out   # (the dish said back)
    assert (demo.stock()["NS:P005"], demo.stock()["NS:P010"]) == (fish - 8, pickle - 4)
    used = {m["note"] for m in demo.export("moves") if m["kind"] == "consumption"}
    assert used == {"酸菜鱼8份"}, used   # (the dish kept on what it used)
    potato = demo.stock()["NS:P006"]
    demo.say("xiaowang", "土豆丝卖了10盘,每盘用土豆200克")   # (before: 200克 a unit of 土豆丝 asked about)
    assert demo.stock()["NS:P006"] == potato - 2


def test_several_products_each_stores_sales_side_by_side(demo: Chat):
    demo.say("xiaowang", "卖了可乐3瓶,雪碧2瓶")
    demo.say("xiaoli", "卖了可乐5瓶")
    out = texts(demo.say("boss", "可乐和雪碧各店卖了多少"))   # (before: the two totals only)
    assert "可乐 按门店:福田店 5瓶、南山店 3瓶" in out and "雪碧 按门店:南山店 2瓶" in out, out


def test_packs_said_with_what_they_weighed_or_held_in_all_record_that(demo: Chat):
    beef, coke = demo.stock()["NS:P001"], demo.stock()["NS:P018"]
    demo.say("xiaowang", "收到牛腩3箱,共58斤")   # (before: 60, the weight said dropped)
    assert demo.stock()["NS:P001"] == beef + 58
    demo.say("xiaowang", "张记送来牛腩3箱58斤")   # (before: 118, three cases and 58 more)
    assert demo.stock()["NS:P001"] == beef + 116
    demo.say("xiaowang", "可乐到了3箱,一共70瓶")
    assert demo.stock()["NS:P018"] == coke + 70
    demo.say("xiaowang", "收到牛腩1箱12斤")   # (under a case over: a case and 12 more, as before)
    assert demo.stock()["NS:P001"] == beef + 116 + 32


def test_a_delivery_said_short_in_english_matches_its_order_too(demo: Chat):
    before = demo.stock()["NS:P001"]
    demo.say("liu", "向张记订牛腩50斤,明天送")
    demo.press("liu", "确认")
    out = texts(demo.say("xiaowang", "we got 48 jin of beef brisket, 2 short"))   # (before: short asked as a product)
    assert "入库 牛腩 48斤" in out and "48/50斤" in out and demo.stock()["NS:P001"] == before + 48, out
    coke = demo.stock()["NS:P018"]
    demo.say("xiaowang", "received 2 cases of coke, 3 bottles short")   # (before: 48 received, 3 lost)
    assert demo.stock()["NS:P018"] == coke + 45


def test_a_transfer_said_come_then_short_is_the_loss_of_what_did_not_come(demo: Chat):
    demo.say("chen", "中心仓给南山店发了可乐3箱")
    coke = demo.stock()["NS:P018"]
    out = demo.say("xiaowang", "仓库送来的可乐到了,少了一箱")   # (before: 「no open purchase order」, nothing)
    told = {m["to"]: m["text"] for m in out}
    assert told["xiaowang"].startswith("✅ 已记录:南山店报损 可乐 24瓶(1箱)"), told
    assert "从中心仓调来的 可乐 24瓶(1箱) 没到" in told["boss"], told   # (the sending place's people hear)
    assert demo.stock()["NS:P018"] == coke - 24


def test_a_suppliers_delivery_said_short_after_its_receipt_puts_the_receipt_right(demo: Chat):
    before = demo.stock()["NS:P001"]
    demo.say("liu", "向张记订牛腩50斤,明天送")
    demo.say("xiaowang", "收到牛腩50斤,张记送的")
    out = texts(demo.say("xiaowang", "张记送来的牛腩少了2斤"))   # (before: a loss of 2, the 50 still owed for)
    assert out.startswith("张记肉业送来的 牛腩 2斤 没送到") and "已更正为:南山店入库 牛腩 48斤" in out, out
    assert demo.stock()["NS:P001"] == before + 48
    assert "应付 ¥1,536.00" in texts(demo.say("liu", "欠张记多少钱"))   # (48 at ¥32, not 50)
    assert "48/50斤" in texts(demo.say("liu", "订单1到了吗"))
    assert not [m for m in demo.export("moves") if m["kind"] == "scrap"]


def test_a_delivery_platform_named_first_is_how_the_sale_was_paid(tmp_path, monkeypatch):
    cafe = make_chat(tmp_path, monkeypatch)
    out = texts(cafe.say("amy", "美团卖了可颂5个"))   # (before: a sale with no way paid)
    assert out.startswith("✅ 已记录:徐汇店销售 可颂 5个(美团)"), out
    cafe.say("amy", "饿了么订单可颂3个")   # (before: not understood)
    paid = sorted(m["method"] for m in cafe.export("moves") if m["kind"] == "sale")
    assert paid == ["eleme", "meituan"], paid


def test_a_customer_the_catalog_calls_meituan_stays_that_customer(demo: Chat):
    out = texts(demo.say("xiaowang", "美团卖了可乐3瓶"))   # (the demo's 美团团餐: on its account, not paid by 美团)
    assert "美团团餐" in out, out
    sold = [m for m in demo.export("moves") if m["kind"] == "sale"]
    assert [(m["partner"], m["method"]) for m in sold] == [("C01", None)], sold


def test_goods_of_two_suppliers_in_one_message_are_owed_each_to_its_own(demo: Chat):
    out = texts(demo.say("xiaowang", "收到张记牛腩50斤、绿源土豆2袋"))   # (before: both owed to 张记)
    assert "牛腩 50斤(2箱+10)(张记肉业)" in out and "土豆 20公斤(2袋)(绿源蔬菜)" in out, out
    demo.press("xiaowang", "确认")
    assert "应付 ¥60.00" in texts(demo.say("liu", "欠绿源多少钱"))
    assert "土豆" not in texts(demo.say("liu", "欠张记多少钱"))
    before = demo.stock()
    out = texts(demo.say("xiaowang", "收到牛腩50斤和土豆2袋,张记和绿源送的"))   # (which from whom: asked)
    assert out.startswith("这条消息里有几家供应商(张记肉业、绿源蔬菜),没有记录。") and demo.stock() == before, out


def test_orders_to_two_suppliers_in_one_message_are_two_orders(demo: Chat):
    out = demo.say("liu", "向张记订牛腩50斤,向绿源订土豆2袋")   # (before: one order to 张记, potatoes and all)
    said = texts(out)
    assert "采购单 #1:张记肉业 牛腩 50斤" in said and "采购单 #2:绿源蔬菜 土豆 20公斤" in said, said
    assert "土豆" not in next(m["text"] for m in out if m["to"] == "zhangji")


def test_a_customers_goods_and_a_walk_ins_in_one_message_are_two_sales(demo: Chat):
    out = texts(demo.say("xiaowang", "团餐拿了牛腩10斤,散客买了可乐1箱"))   # (before: both on 团餐's account)
    assert "销售 牛腩 10斤(美团团餐)" in out and "销售 可乐 24瓶(1箱)" in out, out
    demo.press("xiaowang", "确认")
    sold = sorted((m["sku"], m["partner"] or "") for m in demo.export("moves") if m["kind"] == "sale")
    assert sold == [("P001", "C01"), ("P018", "")], sold
    before = demo.stock()
    out = texts(demo.say("xiaowang", "卖了牛腩10斤给团餐,散客买了可乐3瓶"))   # (whose was which: asked)
    assert "分不清哪些是谁买的" in out and demo.stock() == before, out
    demo.say("liu", "团餐的信用额度改成100")
    demo.press("liu", "确认")
    out = texts(demo.say("xiaowang", "团餐拿了牛腩10斤,散客买了可乐1箱"))   # (over its limit: its sale alone, reviewed)
    assert out.startswith("美团团餐这笔要店长审核") and demo.stock() == before, out
