"""A product's usual supplier, lead time and minimum order: set in the chat by a manager, used by orders placed in
the chat (supplier and due day when unsaid) and by the prep list (days it stocks for, the minimum order)."""
from __future__ import annotations

from decimal import Decimal

from adapters import forecast_port
from tests.e2e.conftest import texts
from tests.e2e.test_store_plan import NOW, seeded_chat
from workflows import reports


def product(chat, sku):  # type: ignore[no-untyped-def]
    with chat.container.uow(write=False) as uow:
        return uow.catalog.product(sku)


def test_a_manager_sets_the_terms_in_the_chat_and_an_order_without_supplier_or_day_takes_them(chat):
    out = chat.say("amy", "牛奶的供应商改成光明")                   # staff may not
    assert product(chat, "B01").supplier is None and "没有这个权限" in texts(out), texts(out)
    for said in ("牛奶的供应商改成光明", "牛奶交货期改成2天", "牛奶起订量改成5箱"):
        out = chat.say("zhou", said)
        assert "从 未设置 改为" in texts(out), texts(out)            # shown old → new first
        chat.press("zhou", "确认")
    p = product(chat, "B01")
    assert (p.supplier, p.lead_time_days, p.moq) == ("V01", 2, Decimal(60))
    out = chat.say("zhou", "订牛奶10箱")                            # neither supplier nor day said
    [order] = [o for o in chat.export("orders") if o["kind"] == "purchase"]
    assert order["partner"] == "V01" and order["due"].startswith("2026-06-17"), order   # 06-15 + 2 days
    assert "光明乳业" in texts(out) and "2026-06-17" in texts(out), texts(out)
    chat.say("zhou", "向光明订奶油2箱")                             # cream has no terms: no day is made up
    cream = next(o for o in chat.export("orders") if o["lines"][0]["sku"] == "B02")
    assert cream["partner"] == "V01" and cream["due"] is None
    out = chat.say("zhou", "可颂的供应商改成盒马")                  # a customer, not a supplier
    assert "没找到供应商" in texts(out) and product(chat, "B09").supplier is None, texts(out)


def test_the_prep_list_stocks_for_the_lead_time_and_raises_to_the_minimum_order(tmp_path, monkeypatch):
    chat = seeded_chat(tmp_path, monkeypatch)
    uow = chat.container.uow

    def croissant_suggestion():  # type: ignore[no-untyped-def]
        with uow() as u:
            plan = reports.store_plan(u, location="XH", now=NOW, forecaster=forecast_port.Forecaster(), keep=False)
        return next(sug for snap, sug, _, _ in plan if snap.product.sku == "B09")

    with uow() as u:                                   # no shelf life to cap what is stocked for longer
        u.catalog.set_product("B09", {"shelf_life_days": None})
        u.commit()
    next_day = croissant_suggestion()
    with uow() as u:
        u.catalog.set_product("B09", {"lead_time_days": 3, "supplier": "V01"})
        u.commit()
    three_days = croissant_suggestion()
    assert (next_day.lead_time_days, three_days.lead_time_days) == (1, 3)
    assert three_days.forecast > Decimal("1.5") * next_day.forecast   # 4 days of ~20 a day against 2
    assert three_days.quantity > next_day.quantity
    out = texts(chat.say("zhou", "为什么要订可颂"))
    assert "到货要 3 天" in out, out
    with uow() as u:
        u.catalog.set_product("B09", {"moq": Decimal(500)})
        u.commit()
    raised = croissant_suggestion()
    assert raised.quantity == 500 and "raised_to_moq" in raised.reasons
    assert "补足起订量 500个" in texts(chat.say("zhou", "为什么要订可颂"))
    listed = [m for m in chat.say("zhou", "今日备货清单") if m["to"] == "zhou"][0]
    assert "可颂" in listed["text"], listed["text"]
    chat.press("zhou", "按清单生成采购申请")
    [req] = [o for o in chat.export("orders") if o["kind"] == "purchase_request" and o["lines"][0]["sku"] == "B09"]
    assert req["partner"] == "V01" and req["due"].startswith("2026-06-18"), req   # ordered 06-15, 3 days


def _lead(chat, code: str) -> int | None:  # type: ignore[no-untyped-def]
    with chat.container.uow() as u:
        return next(p.lead_time_days for p in u.catalog.partners() if p.code == code)


def test_a_manager_sets_a_supplier_s_lead_time_in_the_chat_and_staff_cannot(chat):
    out = chat.say("amy", "把光明的交货期改成3天")                   # staff: not allowed, nothing changed
    assert _lead(chat, "V01") is None and "3天" not in texts(out), texts(out)
    out = chat.say("zhou", "把光明的交货期改成3天")
    assert "3天" in texts(out) and _lead(chat, "V01") is None      # asked first
    chat.press("zhou", "确认")
    assert _lead(chat, "V01") == 3
    chat.say("sun", "向光明订牛奶5箱,明天到")
    before = chat.export("orders")
    out = chat.say("zhou", "光明的交货期改成3箱")                   # not days: asked; its order is not changed to 3
    assert chat.export("orders") == before and _lead(chat, "V01") == 3, texts(out)


def test_a_manager_adds_a_product_from_the_chat_and_it_is_recorded_from_the_next_message_on(chat):
    out = texts(chat.say("amy", "收到酸奶2箱"))
    assert "新增商品××,单位斤" in out and not [r for r in chat.export("products") if r["name"] == "酸奶"], out
    assert "没有这个权限" in texts(chat.say("amy", "新增商品酸奶,单位瓶,一箱24瓶"))   # staff may not
    out = texts(chat.say("zhou", "新增商品酸奶,单位瓶,一箱24瓶,售价6元,进价96元/箱,保质期21天,分类乳品"))
    assert "【酸奶】(B11):单位 瓶;1箱=24瓶;售价 ¥6.00/瓶;进价 ¥4.00/瓶;保质期 21天;分类 乳品" in out, out
    assert not [r for r in chat.export("products") if r["name"] == "酸奶"]   # asked first
    chat.press("zhou", "确认")
    [row] = [r for r in chat.export("products") if r["name"] == "酸奶"]
    assert (row["sku"], row["base_unit"], row["category"], row["shelf_life_days"]) == ("B11", "瓶", "乳品", "21"), row
    chat.say("amy", "收到酸奶2箱")
    assert chat.stock()["XH:B11"] == 48
    assert "已经有「酸奶」" in texts(chat.say("zhou", "新增商品酸奶,单位瓶"))   # not twice
    assert "要说明单位" in texts(chat.say("zhou", "新增商品豆浆"))
    assert [r["sku"] for r in chat.export("products")].count("B11") == 1


def test_a_manager_teaches_another_name_for_a_product_and_it_is_read_from_then_on(chat):
    out = texts(chat.say("amy", "卖了白奶3升"))
    assert "没有「白奶」" in out, out
    assert "没有这个权限" in texts(chat.say("amy", "白奶就是牛奶"))         # staff may not
    out = texts(chat.say("zhou", "白奶就是牛奶"))
    assert "「白奶」认作【全脂牛奶】" in out, out
    chat.press("zhou", "确认")
    chat.say("amy", "卖了白奶3升")
    assert chat.stock()["XH:B01"] == 36 - 3
    [row] = [r for r in chat.export("products") if r["sku"] == "B01"]
    assert row["aliases"].split("|") == ["牛奶", "鲜奶", "白奶"], row
    assert "已经是【全脂牛奶】" in texts(chat.say("zhou", "白奶就是牛奶"))
    assert "不能再给别的商品用" in texts(chat.say("zhou", "白奶就是奶油"))


def test_a_retired_product_keeps_its_stock_and_history_but_is_no_longer_sold_ordered_or_planned(tmp_path, monkeypatch):
    chat = seeded_chat(tmp_path, monkeypatch)
    listed = texts([m for m in chat.say("zhou", "今日备货清单") if m["to"] == "zhou"])
    assert "可颂" in listed, listed                                       # on the list while on sale
    assert "没有这个权限" in texts(chat.say("amy", "可颂下架"))
    out = texts(chat.say("zhou", "可颂以后不卖了"))                        # asked, with what is still held
    assert "下架" in out and "徐汇店" in out and product(chat, "B09").active, out
    chat.press("zhou", "确认")
    assert not product(chat, "B09").active
    held = chat.stock()["XH:B09"]
    out = texts(chat.say("amy", "卖了可颂2个"))                           # no longer sold (nor ordered)
    assert "下架" in out and chat.stock()["XH:B09"] == held, out
    assert "下架" in texts(chat.say("zhou", "订可颂50个")) and not chat.export("orders")
    chat.say("amy", "可颂坏了2个")                                        # what is left may still be written off
    assert chat.stock()["XH:B09"] == held - 2
    listed = texts([m for m in chat.say("zhou", "今日备货清单") if m["to"] == "zhou"])
    assert "可颂" not in listed, listed                                   # no longer planned
    [row] = [p for p in chat.export("products") if p["sku"] == "B09"]
    assert row["active"] == "0", row                                   # exported (and imported back) retired
    chat.say("zhou", "恢复可颂")
    chat.press("zhou", "确认")
    chat.say("amy", "卖了可颂2个")
    assert product(chat, "B09").active and chat.stock()["XH:B09"] == held - 4


def test_one_field_of_several_products_or_a_category_is_changed_together_once_confirmed(chat):
    out = texts(chat.say("zhou", "牛奶和奶油的安全库存都改成2箱"))          # was: one product at a time, please
    assert "全脂牛奶:24升(2箱) → 24升(2箱)" in out and "淡奶油:12盒(1箱) → 24盒(2箱)" in out, out
    chat.press("zhou", "确认")
    products = {p["sku"]: p for p in chat.export("products")}
    assert float(products["B01"]["safety_stock"]) == 24 and float(products["B02"]["safety_stock"]) == 24
    out = texts(chat.say("zhou", "乳品的保质期都改成10天"))                  # a category: its products
    assert "全脂牛奶" in out and "淡奶油" in out and "黄油" in out and "咖啡豆" not in out, out
    chat.press("zhou", "确认")
    products = {p["sku"]: p for p in chat.export("products")}
    assert [int(products[s]["shelf_life_days"]) for s in ("B01", "B02", "B07")] == [10, 10, 10]
    assert "权限" in texts(chat.say("amy", "牛奶和奶油的安全库存都改成3箱"))


def test_a_pack_is_added_or_resized_by_a_manager_and_later_messages_count_in_it(chat):
    out = chat.say("zhou", "可颂一盒6个")                                  # was: asked what happened to 可颂
    assert "1盒=6个" in texts(out) and out[0]["buttons"], out
    chat.press("zhou", "确认")
    chat.say("amy", "卖了可颂2盒")
    assert chat.stock()["XH:B09"] == 40 - 12
    out = texts(chat.say("zhou", "牛奶一箱改成6升"))
    assert "从 12升 改为 6升" in out, out
    chat.press("zhou", "确认")
    before = chat.stock()["XH:B01"]
    chat.say("amy", "收到牛奶1箱")
    assert chat.stock()["XH:B01"] == before + 6                             # the stock itself never rescaled
    assert "基本单位不能在聊天里改" in texts(chat.say("zhou", "牛奶的单位改成箱"))
    assert "权限" in texts(chat.say("amy", "可颂一提8个"))


def test_a_product_is_renamed_keeping_its_old_name_and_moved_to_another_category(chat):
    out = chat.say("zhou", "可颂改名叫牛角可颂")                            # was: the stock
    assert "改名为「牛角可颂」" in texts(out) and out[0]["buttons"], out
    chat.press("zhou", "确认")
    out = texts(chat.say("amy", "卖了可颂2个"))                              # the old name still understood
    assert "牛角可颂 2个" in out and chat.stock()["XH:B09"] == 38, out
    assert "已经有商品叫「全脂牛奶」" in texts(chat.say("zhou", "可颂改名叫全脂牛奶"))
    chat.say("zhou", "黄油的分类改成原料")
    chat.press("zhou", "确认")
    assert {p["sku"]: p["category"] for p in chat.export("products")}["B07"] == "原料"
    assert "权限" in texts(chat.say("amy", "可颂改名叫面包"))
