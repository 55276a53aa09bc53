"""What goods coming in cost, as the message priced them, is said back (,进价 ¥30.00/斤(¥600.00/箱),共 ¥1,200.00), so a
price read per the wrong unit shows before anyone is owed it; a price without its unit on a line said in packs, for
a product nothing is known to cost, is asked: per base unit, or per pack (a reply of 箱 · 每箱的价钱 says so).
Through the real conversation."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import DEMO, ROOT
from tests.e2e.conftest import Chat, confirmed, make_chat, texts


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Chat:
    return make_chat(tmp_path, monkeypatch, catalog=DEMO, clock="2026-06-15T10:00:00+08:00")


def receipts(chat: Chat) -> list[tuple[str, Decimal, Decimal | None]]:
    return [(m["sku"], Decimal(str(m["qty"])), None if m["unit_cost"] is None else Decimal(str(m["unit_cost"])))
            for m in chat.export("moves") if m["kind"] == "receipt" and not m.get("reverses")]


def test_a_pack_price_read_against_the_known_cost_is_said_per_unit_and_per_pack(demo):
    # 牛腩 costs ¥32 a 斤 in the catalog: ¥600 is a case's (20 斤), and the reply says so, with the whole
    reply = confirmed(demo, "chen", "收到牛腩2箱,单价600").splitlines()
    assert reply[0] == "✅ 已记录:中心仓入库 牛腩 40斤(2箱),进价 ¥30.00/斤(¥600.00/箱),共 ¥1,200.00"
    assert receipts(demo) == [("P001", Decimal(40), Decimal(30))]


def test_several_lines_name_their_products_and_the_whole_needs_every_price(demo):
    both = confirmed(demo, "chen", "收到牛腩50斤单价30,可乐2箱每箱48").splitlines()[0]
    assert both.endswith(",进价 牛腩 ¥30.00/斤,可乐 ¥2.00/瓶(¥48.00/箱),共 ¥1,596.00"), both
    one = confirmed(demo, "chen", "收到牛腩10斤单价30,可乐1箱").splitlines()[0]
    assert one.endswith(",进价 牛腩 ¥30.00/斤"), one   # (the cola's cost is not said: no whole)
    bare = confirmed(demo, "chen", "收到可乐1箱").splitlines()[0]
    assert "进价" not in bare


def test_english_says_the_cost_too(demo):
    demo.say("chen", "switch to English")
    reply = confirmed(demo, "chen", "收到牛腩2箱,单价600")
    assert "cost ¥30.00/斤(¥600.00/箱), ¥1,200.00 in all" in reply, reply


def test_a_price_with_nothing_to_read_it_against_is_asked_and_a_pack_reply_prices_per_pack(chat):
    # the café's milk has no cost in its catalog and was never bought: ¥60 per 升 or per 箱 (12 升)?
    asked = chat.say("zhou", "收到牛奶2箱,单价60")
    text = texts(asked)
    assert "「牛奶」的单价没说按什么单位,先按每升算;如果是每箱的价钱,请回复「箱」。" in text
    assert "进价 ¥60.00/升(¥720.00/箱),共 ¥1,440.00" in text
    assert not receipts(chat)   # nothing recorded before the answer
    done = texts(chat.say("zhou", "每箱的价钱"))
    assert done.startswith("✅ 已记录:徐汇店入库 全脂牛奶 24升(2箱),进价 ¥5.00/升(¥60.00/箱),共 ¥120.00"), done
    assert receipts(chat) == [("B01", Decimal(24), Decimal(5))]
    # what was paid is now known: the same words are read against it, nothing asked
    again = texts(chat.say("zhou", "收到牛奶1箱,单价60"))
    assert again.startswith("✅ 已记录:") and "¥5.00/升(¥60.00/箱),共 ¥60.00" in again, again


def test_confirming_keeps_the_price_per_base_unit(chat):
    chat.say("zhou", "收到牛奶2箱,单价6")
    done = texts(chat.press("zhou", "确认"))
    assert "进价 ¥6.00/升(¥72.00/箱),共 ¥144.00" in done, done
    assert receipts(chat) == [("B01", Decimal(24), Decimal(6))]


def test_a_reply_that_is_no_pack_of_it_is_not_taken_as_the_price(chat):
    chat.say("zhou", "收到牛奶2箱,单价60")
    other = texts(chat.say("zhou", "每斤"))   # milk comes in 升 and 箱 only
    assert not other.startswith("✅"), other
    assert not receipts(chat)


def test_a_purchase_order_asks_the_same_and_keeps_the_pack_price(chat):
    asked = texts(chat.say("zhou", "订牛奶2箱,单价60"))
    assert "如果是每箱的价钱,请回复「箱」" in asked and "进价 ¥60.00/升(¥720.00/箱),共 ¥1,440.00" in asked, asked
    placed = texts(chat.say("zhou", "箱"))
    assert placed.startswith("🧾 已创建采购单 #1:全脂牛奶 24升,金额 ¥120.00"), placed
    (order,) = [o for o in chat.export("orders") if o["kind"] == "purchase"]
    assert [(ln["sku"], Decimal(ln["qty"]), Decimal(ln["unit_price"])) for ln in order["lines"]] == \
        [("B01", Decimal(24), Decimal(5))]


def test_undo_said_to_a_question_drops_the_draft_never_the_write_before_it(chat):
    chat.say("amy", "收到鸡蛋2板")
    eggs = chat.stock()["XH:B06"]
    asked = texts(chat.say("amy", "收到咖啡豆1箱,单价80元"))   # (asked: per kg or per case?)
    assert "请回复「箱」" in asked, asked
    dropped = texts(chat.say("amy", "撤销"))
    assert dropped == "好的,刚才问的这条没有记录;之前记下的不变(要撤销之前那笔,请再说「撤销」)。", dropped
    assert [r[0] for r in receipts(chat)] == ["B06"] and chat.stock()["XH:B06"] == eggs
    assert texts(chat.say("amy", "撤销")).startswith("↩️ 已撤销:鸡蛋 60个(2板)")   # said again: the eggs


def test_a_price_said_as_one_unit_s_after_the_line_is_the_line_s_price(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    shop = make_chat(tmp_path, monkeypatch, catalog=ROOT / "tests" / "nlu" / "fixtures" / "phone")
    got = confirmed(shop, "cg", "收到手机壳20个,一个5块")            # was: a unit it is not counted in
    assert "仓库入库 手机壳 20个,进价 ¥5.00/个,共 ¥100.00" in got, got
    sold = confirmed(shop, "xm", "充电宝卖了3个,一个80")             # was: 3 sold and 1 more
    assert "华强店销售 充电宝 3个(原价 ¥267.00,优惠 ¥27.00,实收 ¥240.00)" in sold, sold
    assert [(m["sku"], float(m["qty"])) for m in shop.export("moves") if m["kind"] == "sale"] == [("A07", 3.0)]


def test_a_price_that_is_none_is_refused_and_nothing_is_recorded(chat):
    before = chat.stock()
    for said, shown in (("收到牛奶2箱,单价-5", "单价-5"), ("收到牛奶2箱,单价abc", "单价abc"),   # (were: 单价 a product;
                        ("收到牛奶2箱,单价60000000000", "单价60000000000"),           # the price dropped; asked)
                        ("卖了可颂2个,售价-3", "售价-3"), ("订牛奶2箱,单价abc", "单价abc")):
        out = texts(chat.say("zhou", said))
        assert out == f"没看懂价格「{shown}」,请写成「8元」或「65元一箱」。没有修改。", (said, out)
    assert chat.stock() == before and not receipts(chat) and not chat.export("orders")


@pytest.mark.parametrize(("reply", "cost"), [("按箱算", "5"), ("一箱60", "5"), ("每箱65元", "5.416667"), ("升", "60"),
                                             ("每升5", "5")])
def test_the_answer_to_a_price_s_unit_may_say_it_any_way_and_with_the_price(chat, reply, cost):
    chat.say("zhou", "收到牛奶2箱,单价60")
    assert texts(chat.say("zhou", reply)).startswith("✅ 已记录:"), reply
    assert receipts(chat) == [("B01", Decimal(24), Decimal(cost))]


def test_a_quantity_corrected_while_the_price_s_unit_is_asked_keeps_the_question(chat):
    chat.say("zhou", "收到牛奶2箱,单价60")
    again = texts(chat.say("zhou", "不对,是3箱"))   # was: recorded at ¥60 a litre, the question dropped
    assert "请回复「箱」" in again and "全脂牛奶 36升(3箱),进价 ¥60.00/升" in again and not receipts(chat), again
    chat.say("zhou", "箱")
    assert receipts(chat) == [("B01", Decimal(36), Decimal(5))]
