"""What staff say in parts: goods that came in two deliveries (牛腩今天到了两批,一批20斤一批30斤), the rest of a batch
thrown away (可颂今天烤了30个,卖了25个,剩下5个报废), several products' sales asked at once (可乐和雪碧哪个卖得好), a
booking for tables with goods per table (下周一要办20桌,每桌牛腩2斤), a price found too dear (耳机卖99太贵了,改成89),
goods lent back to a store (还福田店5斤牛腩) and a customer's balance (王总卡里还剩多少钱). Through the real
conversation, on the demo restaurant, the café, the phone shop and the studio."""
from __future__ import annotations

import pytest

from tests.conftest import DEMO, ROOT
from tests.e2e.conftest import Chat, make_chat, texts

FIXTURES = ROOT / "tests" / "nlu" / "fixtures"


@pytest.fixture
def demo(tmp_path, monkeypatch) -> Chat:  # type: ignore[no-untyped-def]
    return make_chat(tmp_path, monkeypatch, catalog=DEMO)


def test_two_deliveries_said_apart_are_two_receipt_lines_and_a_count_that_does_not_add_up_records_nothing(demo: Chat):
    before = demo.stock()["NS:P001"]
    out = texts(demo.say("xiaowang", "牛腩今天到了两批,一批20斤一批30斤,张记送的"))
    assert out.startswith("✅ 已记录:南山店入库 牛腩 20斤(1箱)、牛腩 30斤(1箱+10)(张记肉业)"), out
    assert demo.stock()["NS:P001"] == before + 50
    got = [m for m in demo.export("moves") if m["kind"] == "receipt" and m["sku"] == "P001"]
    assert [(m["qty"], m["partner"]) for m in got[-2:]] == [("20", "S01"), ("30", "S01")]
    out = texts(demo.say("xiaowang", "今天收了牛腩两次,一次20斤一次30斤"))   # (before: 次 read as the lunch boxes' unit)
    assert out.startswith("✅ 已记录:南山店入库 牛腩 20斤(1箱)、牛腩 30斤(1箱+10)"), out
    assert demo.stock()["NS:P001"] == before + 100
    texts(demo.say("xiaowang", "今天来了三批牛腩,一批20斤一批30斤"))   # (three said, two counted: asked, not guessed)
    assert demo.stock()["NS:P001"] == before + 100


def test_the_rest_of_a_batch_thrown_away_is_a_loss_beside_what_was_made_and_sold(tmp_path, monkeypatch):
    cafe = make_chat(tmp_path, monkeypatch)
    before = cafe.stock().get("XH:B09", 0.0)
    out = texts(cafe.say("amy", "可颂今天烤了30个,卖了25个,剩下5个报废"))
    assert "· 徐汇店生产入库 可颂 30个" in out and "· 徐汇店销售 可颂 25个" in out and "· 徐汇店报损 可颂 5个" in out, out
    assert cafe.stock().get("XH:B09", 0.0) == before   # (asked first: nothing yet)
    cafe.press("amy", "确认")
    assert cafe.stock().get("XH:B09", 0.0) == before   # (30 made, 25 sold, 5 thrown away)
    kinds = [m["kind"] for m in cafe.export("moves") if m["sku"] == "B09"]
    assert kinds[-3:] == ["production", "sale", "scrap"], kinds


def test_several_products_sales_asked_at_once_are_each_answered_best_first(demo: Chat):
    demo.say("xiaowang", "卖了可乐10瓶,雪碧15瓶,七喜3瓶")
    out = texts(demo.say("xiaowang", "可乐和雪碧哪个卖得好"))
    assert out == "📊 南山店 06-09至06-15:\n1. 雪碧 卖出 15瓶,¥75.00\n2. 可乐 卖出 10瓶,¥50.00", out
    out = texts(demo.say("xiaowang", "可乐、雪碧和牛腩今天卖了多少钱"))
    assert "3. 牛腩 没有卖出" in out and "销售额约 ¥125.00" in out and "七喜" not in out, out
    out = texts(demo.say("xiaowang", "可乐卖了多少"))   # (one product: as before)
    assert out.startswith("📊 南山店可乐 06-15 卖出 10瓶"), out


def test_a_booking_of_tables_with_goods_per_table_asks_its_time_then_books_them_all(demo: Chat):
    out = texts(demo.say("liu", "下周一要办20桌,每桌牛腩2斤"))
    assert out.startswith("预定是几点?"), out
    out = texts(demo.say("liu", "中午12点"))
    assert out == "已登记预定:06-22 12:00 牛腩 40斤(2箱),备注:20桌", out


def test_a_price_found_too_dear_is_the_new_selling_price_and_goods_lent_go_back_to_the_store(demo: Chat):
    out = texts(demo.say("liu", "可乐太便宜了,调到6块"))
    assert out == "把可乐的售价从 ¥5.00/瓶 改为 ¥6.00/瓶 吗?", out
    demo.press("liu", "确认")
    assert [p for p in demo.export("products") if p["sku"] == "P018"][0]["unit_price"] == "6"
    before = demo.stock()
    out = texts(demo.say("xiaowang", "还福田店5斤牛腩"))
    assert out.startswith("✅ 已记录:调拨 南山店 → 福田店:牛腩 5斤"), out
    after = demo.stock()
    assert (after["NS:P001"], after["FT:P001"]) == (before["NS:P001"] - 5, before["FT:P001"] + 5)


def test_a_phone_shops_broken_units_sent_back_and_a_customer_order_at_a_price_reckoned(tmp_path, monkeypatch):
    phone = make_chat(tmp_path, monkeypatch, catalog=FIXTURES / "phone")
    out = texts(phone.say("xm", "耳机坏了一个,返厂"))   # (before: a repair ticket with the fault 「一个,返厂」)
    assert "华强店退货给供应商 蓝牙耳机 1副" in out and "维修" not in out, out
    phone.press("xm", "确认")
    assert [m["kind"] for m in phone.export("moves")][-1] == "return_to_supplier"
    out = texts(phone.say("xm", "给王记开个单,手机壳50个,按25算"))
    assert "手机壳 50个(王记手机店)" in out and "实收 ¥1,250.00" in out, out
    out = texts(phone.say("lz", "耳机卖99太贵了,改成89"))
    assert out == "把蓝牙耳机的售价从 ¥99.00/副 改为 ¥89.00/副 吗?", out


def test_a_studio_appointment_said_as_coming_hours_given_and_a_customers_balance(tmp_path, monkeypatch):
    studio = make_chat(tmp_path, monkeypatch, catalog=FIXTURES / "studio")
    out = texts(studio.say("lin", "王总明天下午3点来做理疗"))
    assert out.startswith("理疗约多长时间?"), out
    out = texts(studio.say("lin", "2小时"))
    assert out.startswith("已登记预定:06-16 15:00 理疗 2小时,备注:王总"), out
    out = texts(studio.say("lin", "王总下次来是什么时候"))   # (before: 「下次来是什么时候」 an unknown product)
    assert "王总的预定(1 场)" in out and "06-16 15:00 王总:理疗 2小时" in out, out
    out = texts(studio.say("lin", "高级顾问今天上了6个小时"))
    assert out.startswith("✅ 已记录:静安工作室销售 高级顾问 6小时"), out
    studio.say("lin", "王总充了5000")
    studio.press("lin", "确认")
    out = texts(studio.say("lin", "王总卡里还剩多少钱"))   # (before: the prices 王总 last paid)
    assert "多收 ¥5,000.00(预收款)" in out, out


def test_each_clause_led_by_its_own_time_of_day_is_recorded_at_that_time_without_asking(demo: Chat):
    """早上收了可乐2箱,下午收了1箱 said in the evening: two receipts, at 08:00 and 15:00 (before: both at 08:00); one
    kind of write, nothing in doubt, so recorded straight away, and one 撤销 takes both back."""
    demo.send(at="2026-06-15T20:00:00+08:00")
    before = demo.stock()["NS:P018"]
    out = texts(demo.say("xiaowang", "早上收了可乐2箱,下午收了1箱"))
    assert out.startswith("✅ 已记录:南山店入库 可乐 48瓶(2箱),记在 06-15 08:00; 南山店入库 可乐 24瓶(1箱),记在 06-15 15:00"), out
    got = [m for m in demo.export("moves") if m["kind"] == "receipt" and m["sku"] == "P018"][-2:]
    assert [(m["qty"], m["at"][11:16]) for m in got] == [("48", "08:00"), ("24", "15:00")]
    assert demo.stock()["NS:P018"] == before + 72
    demo.say("xiaowang", "撤销")
    assert demo.stock()["NS:P018"] == before
    out = texts(demo.say("xiaowang", "早上收了可乐2箱,下午卖了1箱"))   # (two kinds: asked first, as before)
    assert out.startswith("这条消息有几笔不同的进出,一起记录吗?"), out


def test_goods_past_their_date_on_arrival_are_asked_first(demo: Chat):
    """收到牛腩50斤,保质期到昨天: shown as expired and asked first (before: recorded without a word); a date to come
    records straight away."""
    before = demo.stock()["NS:P001"]
    out = texts(demo.say("xiaowang", "收到牛腩50斤,保质期到昨天"))
    assert out.startswith("⚠️ 牛腩的保质期到 06-14,已经过期了。\n要记录「南山店入库 牛腩 50斤(2箱+10),06-14 到期」吗?"), out
    assert demo.stock()["NS:P001"] == before
    demo.press("xiaowang", "取消")
    assert demo.stock()["NS:P001"] == before
    out = texts(demo.say("xiaowang", "收到牛腩50斤,保质期到6月20号"))
    assert out.startswith("✅ 已记录:南山店入库 牛腩 50斤"), out
    assert demo.stock()["NS:P001"] == before + 50


def test_wishes_plans_and_questions_said_with_a_writes_words_move_no_stock(demo: Chat):
    """可乐要是卖了10箱就好了 (a wish: before, 240 bottles sold) · 是不是收到牛腩50斤了 · 牛腩收到50斤没有 (questions:
    before, 50 jin received) record nothing; 可乐打算进5箱 · 准备进牛腩50斤 are orders to place (before: received)."""
    before = demo.stock()
    for said in ("可乐要是卖了10箱就好了", "是不是收到牛腩50斤了", "牛腩收到50斤没有"):
        out = texts(demo.say("xiaowang", said))
        assert not out.startswith("✅") and "撤销" not in out, (said, out)
    assert demo.stock() == before
    assert "南山店牛腩" in texts(demo.say("xiaowang", "牛腩收到50斤没有"))   # (its stock, shown)
    demo.say("xiaowang", "可乐打算进5箱")
    demo.say("xiaowang", "准备进牛腩50斤")
    assert demo.stock() == before
    got = [(o["kind"], o["lines"][0]["sku"], o["lines"][0]["qty"]) for o in demo.export("orders")]
    assert got == [("purchase", "P018", "120"), ("purchase", "P001", "50")], got


def test_an_unsettled_order_records_nothing_and_part_of_a_sale_said_as_some_is_the_customers(tmp_path, monkeypatch):
    """王记说要手机壳50个,还没定: nothing settled, nothing recorded (before: a sale of 50); 手机壳卖了5个,有2个是王记拿的:
    2 to 王记 and 3 to walk-in guests, as 其中2个 says (before: 「拿」 asked as a product)."""
    phone = make_chat(tmp_path, monkeypatch, catalog=FIXTURES / "phone")
    out = texts(phone.say("xm", "王记说要手机壳50个,还没定"))
    assert out.startswith("还没定下来的不记录。"), out
    assert [m for m in phone.export("moves") if m["kind"] == "sale"] == []
    out = texts(phone.say("xm", "手机壳卖了5个,有2个是王记拿的"))
    assert "手机壳 3个" in out and "手机壳 2个(王记手机店)" in out, out


def test_goods_to_come_later_today_an_order_with_its_reason_and_a_bake_planned(tmp_path, monkeypatch):
    """In the morning, 牛奶下午到20箱 has not happened (before: 240 litres received now); 黄油快用完了,订5块 is the
    order (before: asked to split); 黄油只剩1块了,要订 the count (before: an order of the 1 left); 明天要做可颂50个 a
    work order, which needs the recipe (before: a purchase of croissants)."""
    cafe = make_chat(tmp_path, monkeypatch)
    before = cafe.stock()
    out = texts(cafe.say("amy", "牛奶下午到20箱"))
    assert out.startswith("「下午」还没到,还没发生的进出不能记账,没有记录。"), out
    assert cafe.stock() == before
    cafe.say("amy", "黄油快用完了,订5块")
    assert [(o["kind"], o["lines"][0]["sku"], o["lines"][0]["qty"]) for o in cafe.export("orders")] == [
        ("purchase", "B07", "2.5")]
    out = texts(cafe.say("amy", "黄油只剩1块了,要订"))
    assert out.startswith("✅ 已记录:徐汇店盘点 黄油 0.5kg"), out
    assert len(cafe.export("orders")) == 1
    out = texts(cafe.say("zhou", "明天要做可颂50个"))
    assert out.startswith("可颂还没有配方,开不了工单"), out
    assert len(cafe.export("orders")) == 1


def test_the_rest_sold_after_a_part_said_before_it_is_what_that_part_left(tmp_path, monkeypatch):
    """早上卖了可颂3个,下午卖完了 in the evening: 3 in the morning and the 37 left in the afternoon (before: the 3, and
    the afternoon's 「卖完了」 lost); a part of the rest read from the stock is always shown first."""
    cafe = make_chat(tmp_path, monkeypatch)
    cafe.send(at="2026-06-15T20:00:00+08:00")
    assert cafe.stock()["XH:B09"] == 40
    out = texts(cafe.say("amy", "早上卖了可颂3个,下午卖完了"))
    assert "· 徐汇店销售 可颂 3个,记在 06-15 08:00\n· 徐汇店销售 可颂 37个,记在 06-15 15:00" in out, out
    cafe.press("amy", "确认")
    assert cafe.stock().get("XH:B09", 0.0) == 0


def test_portions_sold_with_what_one_holds_are_that_much_of_the_goods(demo: Chat):
    """牛腩今天卖了8份,每份半斤: 4 jin sold (before: 份 asked as a unit 牛腩 lacks)."""
    before = demo.stock()["NS:P001"]
    out = texts(demo.say("xiaowang", "牛腩今天卖了8份,每份半斤"))
    assert out.startswith("✅ 已记录:南山店销售 牛腩 4斤"), out
    assert demo.stock()["NS:P001"] == before - 4


def test_a_customers_appointment_is_called_off_by_its_name_and_a_services_week_asked(tmp_path, monkeypatch):
    """取消王总明天的预约 with 王总 a customer: its appointment, asked first (before: 「取消」 asked as a product);
    高级顾问这周利用率: that service's week (before: every service's)."""
    studio = make_chat(tmp_path, monkeypatch, catalog=FIXTURES / "studio")
    studio.say("lin", "给王总约明天下午3点理疗2小时")
    out = texts(studio.say("lin", "取消王总明天的预约"))
    assert out.startswith("取消这 1 场预定吗?") and "06-16 15:00 王总:理疗 2小时" in out, out
    studio.press("lin", "确认")
    assert texts(studio.say("lin", "明天有哪些预约")) == "📅 静安工作室 06-16没有预定。"
    out = texts(studio.say("lin", "高级顾问这周利用率"))
    assert "高级顾问" in out and "理疗" not in out, out
