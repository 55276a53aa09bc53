"""Recipes (bills of materials): set from the chat, used when a product is made, and when one is sold beyond stock."""
from __future__ import annotations

from decimal import Decimal

import pytest

from tests.conftest import DEMO
from tests.e2e.conftest import Chat, foam_lattes, make_chat, texts


@pytest.fixture
def dish(tmp_path, monkeypatch) -> Chat:  # type: ignore[no-untyped-def]
    """The restaurant, with a dish added and its recipe set: 红烧牛腩, a 份 of it half a 斤 of beef and 200 g of potato."""
    demo = make_chat(tmp_path, monkeypatch, catalog=DEMO)
    demo.say("liu", "新增菜品红烧牛腩,单位份,售价48")
    demo.press("liu", "确认")
    demo.say("liu", "一份红烧牛腩用牛腩半斤、土豆200克")
    demo.press("liu", "确认")
    return demo


def test_making_a_product_uses_its_recipe_and_a_correction_or_undo_follows(chat):
    out = texts(chat.say("zhou", "做10个可颂要高筋面粉0.5公斤、黄油0.25公斤、鸡蛋5个"))   # was: not understood
    assert "每 10个 用 高筋面粉 0.5kg、黄油 0.25kg、鸡蛋 5个" in out, out
    chat.press("zhou", "确认")
    before = chat.stock()
    out = texts(chat.say("amy", "今天做了20个可颂"))
    assert "按配方用掉:高筋面粉 1kg、黄油 0.5kg、鸡蛋 10个" in out, out
    after = chat.stock()
    assert after["XH:B09"] == before["XH:B09"] + 20 and after["XH:B03"] == before["XH:B03"] - 1
    assert after["XH:B07"] == before["XH:B07"] - 0.5 and after["XH:B06"] == before["XH:B06"] - 10
    out = texts(chat.say("amy", "不对,是10个"))                  # the recipe's part made again from the correction
    assert "按配方用掉:高筋面粉 0.5kg" in out and chat.stock()["XH:B03"] == before["XH:B03"] - 0.5, out
    chat.say("amy", "撤销")                                      # the correction undone: the 20 and their use
    assert chat.stock()["XH:B03"] == before["XH:B03"] - 1 and chat.stock()["XH:B09"] == before["XH:B09"] + 20
    chat.say("amy", "撤销")
    chat.press("amy", "撤销这笔")
    assert chat.stock() == before
    uses = [m for m in chat.export("moves") if m["kind"] == "consumption"]
    assert uses and all(m["note"] == "recipe:B09:v1" for m in uses), uses   # which recipe, which version


def test_a_product_sold_beyond_stock_is_made_from_its_recipe_as_it_sells(chat):
    chat.say("zhou", "新增商品拿铁,单位杯,售价28元")
    chat.press("zhou", "确认")
    out = texts(chat.say("zhou", "每杯拿铁用牛奶200毫升、咖啡豆18克"))
    assert "每 1杯 用 全脂牛奶 0.2升、咖啡豆 0.018kg" in out, out
    assert "权限" in texts(chat.say("amy", "可颂的配方:高筋面粉50克"))     # a manager's
    chat.press("zhou", "确认")
    before = chat.stock()
    out = texts(chat.say("amy", "拿铁卖了40杯"))                 # was: an unknown product
    assert "按配方现做 拿铁 40杯,用掉:全脂牛奶 8升、咖啡豆 0.72kg" in out, out
    after = chat.stock()
    assert after["XH:B01"] == before["XH:B01"] - 8 and after["XH:B04"] == before["XH:B04"] - 0.72
    assert after.get("XH:B11", 0) == 0                            # nothing of it left over, nothing owed
    sold = [m for m in chat.export("moves") if m["kind"] == "sale" and m["sku"] == "B11"]
    assert sum(float(m["qty"]) for m in sold) == 40
    assert "拿铁的配方(第 1 版):每 1杯 用 全脂牛奶 0.2升" in texts(chat.say("amy", "拿铁的配方"))
    chat.say("zhou", "拿铁的配方:牛奶250毫升,咖啡豆18克")        # a new version; the 40 made keep theirs
    chat.press("zhou", "确认")
    assert "第 2 版" in texts(chat.say("amy", "拿铁用什么料"))
    chat.say("amy", "拿铁卖了4杯")
    assert chat.stock()["XH:B01"] == before["XH:B01"] - 8 - 1
    chat.say("zhou", "删除拿铁的配方")
    chat.press("zhou", "确认")
    assert "还没有配方" in texts(chat.say("amy", "拿铁的配方"))


def test_a_recipe_that_cannot_be_read_changes_nothing(chat):
    out = texts(chat.say("zhou", "可颂的配方:奶泡50克"))           # no such ingredient
    assert "没看懂配方" in out and "没有修改" in out, out
    assert "还没有配方" in texts(chat.say("zhou", "可颂的配方"))
    out = texts(chat.say("zhou", "可颂的配方:可颂1个"))            # itself
    assert "没看懂配方" in out, out


def test_the_prep_list_orders_the_ingredients_of_what_sold_and_never_the_product_made(chat):
    chat.say("zhou", "新增商品拿铁,单位杯,售价28元")
    chat.press("zhou", "确认")
    chat.say("zhou", "每杯拿铁用牛奶200毫升、咖啡豆18克")
    chat.press("zhou", "确认")
    for day in range(1, 15):                                     # 10 a day: 2 升 of milk a day, never sold itself
        out = chat.say("amy", f"6月{day}日拿铁卖了10杯")
        if out and out[0]["buttons"] and out[0]["buttons"][0][0] == "确认":
            chat.press("amy", "确认")
    listed = texts(chat.say("amy", "今日备货清单"))
    milk = next(line for line in listed.splitlines() if "全脂牛奶" in line)
    assert "预测需求 0升" not in milk and "拿铁" not in listed, listed   # was: milk's demand 0, its sales none
    chat.say("zhou", "删除拿铁的配方")
    chat.press("zhou", "确认")
    assert "拿铁" in texts(chat.say("amy", "哪些卖得最好"))             # the lattes stay sold


def test_a_dish_is_added_then_given_its_recipe_and_a_recipe_of_nothing_known_is_refused(tmp_path, monkeypatch):
    demo = make_chat(tmp_path, monkeypatch, catalog=DEMO)
    out = texts(demo.say("liu", "红烧牛腩的配方:牛腩0.5斤,土豆0.2公斤"))    # was: the recipe of 牛腩 guessed, or nothing
    assert "目录里没有「红烧牛腩」" in out and "没有修改" in out, out
    demo.say("liu", "新增菜品红烧牛腩,单位份,售价48")                   # was: not understood (菜品)
    demo.press("liu", "确认")
    out = texts(demo.say("liu", "一份红烧牛腩用牛腩半斤、土豆200克"))
    assert "每 1份 用 牛腩 0.5斤、土豆 0.2公斤" in out, out
    demo.press("liu", "确认")
    before = demo.stock()
    out = texts(demo.say("xiaowang", "红烧牛腩卖了20份"))
    assert "按配方现做 红烧牛腩 20份" in out, out
    assert demo.stock()["NS:P001"] == before["NS:P001"] - 10 and demo.stock()["NS:P006"] == before["NS:P006"] - 4


def test_a_dish_booked_reserves_its_ingredients_and_warns_of_theirs_not_of_dishes_to_buy(dish):
    demo = dish
    out = texts(demo.say("liu", "团餐订红烧牛腩30份,明天中午提货"))     # 15斤 of the 42 on hand
    assert "客户订单 #1" in out and "还差" not in out, out                # was: 30份 of the dish missing, to buy
    out = texts(demo.say("liu", "团餐订红烧牛腩70份,后天中午提货"))     # 50斤 in all: 8 short
    assert "南山店牛腩现有 42斤(2箱+2),到 06-17 已预订共 50斤(2箱+10),还差 8斤" in out and "红烧牛腩现有" not in out, out
    listed = texts(demo.say("liu", "今日备货清单"))
    assert "牛腩:现有 42斤(2箱+2),预定 15斤" in listed and "红烧牛腩" not in listed, listed   # the next 48 hours' part
    before = demo.stock()
    demo.say("xiaowang", "团餐提走红烧牛腩30份")                          # made from the recipe as it goes
    assert demo.stock()["NS:P001"] == before["NS:P001"] - 15


def test_a_product_made_ahead_is_on_the_prep_list_to_make_never_to_buy(chat):
    chat.say("zhou", "做10个可颂要高筋面粉0.5公斤、黄油0.25公斤、鸡蛋5个")
    chat.press("zhou", "确认")
    chat.say("amy", "今天做了20个可颂")                              # made ahead here: a day's bake
    chat.say("amy", "卖了可颂55个")
    out = chat.say("zhou", "今日备货清单")
    line = next(x for x in texts(out).splitlines() if "可颂" in x)
    assert "→ 建议按配方做 25个" in line and "在途" not in line, line   # to make up to its safety stock of 30
    chat.press("zhou", "按清单生成采购申请")
    assert not [o for o in chat.export("orders") if any(ln["sku"] == "B09" for ln in o["lines"])]


def test_a_dish_costs_what_its_ingredients_do_and_its_sales_show_their_margin(chat):
    chat.say("zhou", "新增商品拿铁,单位杯,售价28元")
    chat.press("zhou", "确认")
    chat.say("zhou", "每杯拿铁用牛奶200毫升、咖啡豆18克")
    chat.press("zhou", "确认")
    assert "有原料没有进价" in texts(chat.say("zhou", "拿铁的配方"))       # the cafe's milk and beans have no cost yet
    for said in ("牛奶进价改成60元一箱", "咖啡豆进价改成120"):                # ¥5 a 升, ¥120 a kg
        chat.say("zhou", said)
        chat.press("zhou", "确认")
    out = texts(chat.say("zhou", "拿铁的配方"))                             # 0.2 × 5 + 0.018 × 120 = 3.16
    assert "成本约 ¥3.16/杯(按原料进价),售价 ¥28.00,毛利率 89%" in out, out
    assert "¥3.16/杯(按配方的原料成本)" in texts(chat.say("zhou", "拿铁成本多少"))
    chat.say("amy", "拿铁卖了40杯")
    out = texts(chat.say("zhou", "今天卖了多少钱"))                         # was: no cost, no margin
    assert "成本约 ¥126.40,毛利约 ¥993.60" in out, out


def test_each_recipe_s_cost_and_margin_are_listed_lowest_first(chat):
    assert "还没有配方" in texts(chat.say("zhou", "菜品毛利"))               # was: not understood
    for said in ("新增商品拿铁,单位杯,售价28元", "每杯拿铁用牛奶200毫升、咖啡豆18克", "新增商品美式,单位杯,售价20元",
                 "每杯美式用咖啡豆18克", "牛奶进价改成60元一箱", "咖啡豆进价改成120", "可颂的配方:高筋面粉50克,黄油25克"):
        chat.say("zhou", said)
        chat.press("zhou", "确认")
    out = texts(chat.say("zhou", "哪个菜最赚钱")).splitlines()
    assert out[1] == "· 拿铁:成本 ¥3.16/杯,售价 ¥28.00,毛利率 89%", out    # 88.7%: below the americano's 89.2%
    assert out[2] == "· 美式:成本 ¥2.16/杯,售价 ¥20.00,毛利率 89%", out
    assert out[3] == "算不出的(原料没有进价,或没有售价):可颂", out      # its flour and butter have no cost


def test_what_to_make_today_lists_the_products_made_ahead_and_what_they_use(chat):
    assert "没有要按配方做的" in texts(chat.say("amy", "今天要做什么"))       # was: not understood
    chat.say("zhou", "做10个可颂要高筋面粉0.5公斤、黄油0.25公斤、鸡蛋5个")
    chat.press("zhou", "确认")
    chat.say("amy", "今天做了20个可颂")
    chat.say("amy", "卖了可颂55个")
    chat.say("amy", "用了黄油9.2公斤")                                        # 0.3 kg left of the 0.625 needed
    out = texts(chat.say("amy", "今天烤多少")).splitlines()
    assert out[1] == "· 可颂 25个", out
    assert "高筋面粉 1.25kg(现有 99kg(3袋+24))" in out[2] and "⚠️ 黄油 0.625kg(只有 0.3kg)" in out[2], out


def test_an_order_of_a_dish_and_its_own_ingredient_counts_the_ingredient_s_bookings_once(dish):
    demo = dish
    out = texts(demo.say("liu", "团餐订红烧牛腩60份、牛腩20斤,明天中午提货"))   # 30 + 20 = 50斤 of 42: 8 short
    assert "南山店牛腩现有 42斤(2箱+2),到 06-16 已预订共 50斤(2箱+10),还差 8斤" in out, out


def test_a_component_with_its_own_recipe_is_made_first_when_short_and_a_cycle_is_never_followed(chat):
    foam_lattes(chat)
    before = chat.stock()
    out = texts(chat.say("amy", "拿铁卖了10杯"))                   # no foam on hand: 1.5 L made from 1.8 L of milk
    assert "按配方现做 拿铁 10杯、奶泡 1.5升,用掉:全脂牛奶 1.8升、咖啡豆 0.18kg" in out, out
    after = chat.stock()
    assert after["XH:B01"] == pytest.approx(before["XH:B01"] - 1.8) and after.get("XH:B11", 0) == 0
    notes = {(m["sku"], m["kind"], m["note"]) for m in chat.export("moves") if m["note"].startswith("recipe:")}
    assert ("B01", "consumption", "recipe:B11:v1") in notes and ("B11", "consumption", "recipe:B12:v1") in notes
    assert ("B11", "production", "recipe:B11:v1") in notes, notes   # each part names the recipe it was made by
    chat.say("amy", "今天做了奶泡2升")                               # foam on hand: the next lattes use it first
    out = texts(chat.say("amy", "拿铁卖了10杯"))
    assert "用掉:奶泡 1.5升、咖啡豆 0.18kg" in out and "全脂牛奶" not in out, out
    chat.say("amy", "撤销")
    chat.say("zhou", "每升牛奶用奶泡1升")                             # a cycle: milk from foam, foam from milk
    chat.press("zhou", "确认")
    milk, foam = chat.stock()["XH:B01"], chat.stock()["XH:B11"]          # foam: the 2 L made today
    chat.say("amy", "奶泡卖了100升")                                 # foam from milk, the milk short from foam:
    chat.press("amy", "确认")                                        # the foam inside it is never made again
    moves = chat.export("moves")
    made = sorted((m["sku"], float(m["qty"])) for m in moves if m["kind"] == "production"
                  and m["batch"] == moves[-1]["batch"])
    short = 100 - foam
    assert made == [("B01", pytest.approx(short * 1.2 - milk)), ("B11", pytest.approx(short))], made


def test_what_a_recipe_makes_in_the_chat_costs_what_its_ingredients_did(chat):
    """今天做了20个可颂 writes the croissants at the cost of the flour, butter and eggs they used (as a work order's
    are), so their cost and the stock's value follow what they were made of; before, they came in at no cost."""
    for said in ("高筋面粉进价改成8", "黄油进价改成80", "鸡蛋进价改成1", "做10个可颂要高筋面粉0.5公斤、黄油0.25公斤、鸡蛋5个"):
        chat.say("zhou", said)
        chat.press("zhou", "确认")
    chat.say("amy", "今天做了20个可颂")                             # 0.05 × 8 + 0.025 × 80 + 0.5 × 1 = 2.90
    made = [m for m in chat.export("moves") if m["sku"] == "B09" and m["kind"] == "production"]
    assert [Decimal(str(m["unit_cost"])) for m in made] == [Decimal("2.9")]
    assert "可颂:进价 ¥2.90/个(近期生产的实际成本)" in texts(chat.say("zhou", "可颂进价多少"))
    chat.say("zhou", "黄油进价改成120")
    chat.press("zhou", "确认")
    chat.say("amy", "今天做了10个可颂")                             # 0.4 + 3 + 0.5 = 3.90
    assert "¥3.23/个(近期生产的实际成本)" in texts(chat.say("zhou", "可颂进价多少"))   # (20 × 2.9 + 10 × 3.9) / 30
    chat.say("amy", "不对,是5个")                                   # a correction is made again, and costed again
    moves = chat.export("moves")
    undone = {m["reverses"] for m in moves if m["reverses"] is not None}
    made = [m for m in moves if m["sku"] == "B09" and m["kind"] == "production" and m["id"] not in undone
            and m["reverses"] is None]
    assert [(Decimal(m["qty"]), Decimal(str(m["unit_cost"]))) for m in made] == [(20, Decimal("2.9")), (5, Decimal("3.9"))]
