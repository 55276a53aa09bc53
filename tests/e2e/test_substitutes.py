"""A recipe's substitutes, said in the chat: what stands in for an ingredient the place lacks."""
from __future__ import annotations

from tests.e2e.conftest import texts


def setup(chat) -> None:  # type: ignore[no-untyped-def]
    for said in ("新增商品人造黄油,单位kg", "可颂的配方:高筋面粉50克,黄油25克"):
        chat.say("zhou", said)
        chat.press("zhou", "确认")


def test_a_manager_names_a_stand_in_and_baking_uses_it_for_the_butter_the_store_lacks(chat):
    setup(chat)
    asked = texts(chat.say("zhou", "可颂的黄油没有了可以用人造黄油代替"))
    assert "每 1个 用 高筋面粉 0.05kg、黄油 0.025kg(缺时用 人造黄油 0.025kg)" in asked
    assert "第 2 版" in texts(chat.press("zhou", "确认"))
    assert "(缺时用 人造黄油 0.025kg)" in texts(chat.say("amy", "可颂的配方"))
    chat.say("amy", "收到人造黄油2公斤")
    butter = chat.stock()["XH:B07"]
    chat.say("amy", f"报损黄油{butter - 1:g}公斤")
    before = chat.stock()
    baked = texts(chat.say("amy", "今天做了可颂100个"))   # 2.5 kg of butter wanted, 1 kg there
    assert "🔁 黄油不够,用了 人造黄油 1.5kg 代替" in baked
    after = chat.stock()
    assert after.get("XH:B07", 0) == 0 and before["XH:B11"] - after["XH:B11"] == 1.5
    chat.say("amy", "撤销")   # undone with the rest of the write
    assert chat.stock() == before
    # enough butter again: the stand-in is left alone
    chat.say("amy", "收到黄油5公斤")
    assert "🔁" not in texts(chat.say("amy", "今天做了可颂40个"))


def test_a_stand_in_taken_off_a_ratio_units_that_differ_and_who_may_say_it(chat):
    setup(chat)
    chat.say("zhou", "新增商品黄油片,单位片")
    chat.press("zhou", "确认")
    assert "没有这个权限" in texts(chat.say("amy", "可颂的黄油可以用人造黄油代替"))   # staff: not theirs to change
    said = texts(chat.say("zhou", "可颂的黄油可以用黄油片代替"))
    assert "黄油按kg计,黄油片按片计,不能一比一代替" in said and "没有改动" in said
    asked = texts(chat.say("zhou", "做可颂时可以用人造黄油代替黄油,用量1.2倍"))
    assert "黄油 0.025kg(缺时用 人造黄油 0.03kg)" in asked
    chat.press("zhou", "确认")
    assert "可颂的配方里没有白砂糖" in texts(chat.say("zhou", "可颂的白砂糖可以用人造黄油代替"))
    assert "每 1个 用 高筋面粉 0.05kg、黄油 0.025kg吗?" in texts(chat.say("zhou", "可颂的黄油不能再用人造黄油代替了"))
    assert "第 3 版" in texts(chat.press("zhou", "确认"))
    assert "缺时" not in texts(chat.say("zhou", "可颂的配方"))
    assert "本来就没有用人造黄油代替" in texts(chat.say("zhou", "可颂的黄油不能再用人造黄油代替了"))
    assert "商品目录里没有「人造奶酪」" in texts(chat.say("zhou", "可颂的黄油可以用人造奶酪代替"))   # said, nothing changed
    assert "(第 3 版)" in texts(chat.say("zhou", "可颂的配方"))


def test_a_recipe_said_again_keeps_its_ingredients_substitutes_at_the_same_rate(chat):
    setup(chat)
    chat.say("zhou", "做可颂时可以用人造黄油代替黄油,用量1.2倍")
    chat.press("zhou", "确认")
    asked = texts(chat.say("zhou", "做10个可颂要面粉0.6公斤、黄油0.5公斤"))   # 50 g of butter a croissant now
    assert "每 10个 用 高筋面粉 0.6kg、黄油 0.5kg(缺时用 人造黄油 0.6kg)吗?" in asked
    chat.press("zhou", "确认")
    asked = texts(chat.say("zhou", "做10个可颂要面粉0.6公斤、人造黄油0.5公斤"))   # butter gone: its stand-in too
    assert "每 10个 用 高筋面粉 0.6kg、人造黄油 0.5kg吗?" in asked.split("原来的")[0]


def test_what_stands_in_for_an_ingredient_is_asked_recipe_by_recipe(chat):
    setup(chat)
    for said in ("新增商品拿铁,单位杯", "每杯拿铁用牛奶200毫升、黄油5克", "可颂的黄油没有了可以用人造黄油代替"):
        chat.say("zhou", said)
        chat.press("zhou", "确认")
    said = texts(chat.say("amy", "黄油没有了用什么代替"))
    assert "🔁 黄油缺的时候:" in said and "· 做可颂:人造黄油 0.025kg" in said and "· 做拿铁:没有设代替品" in said
    assert "白砂糖不在任何配方里" in texts(chat.say("amy", "白砂糖可以用什么代替"))


def test_a_plans_short_ingredient_names_the_substitutes_held_and_how_much_they_cover(chat):
    setup(chat)
    chat.say("zhou", "做可颂时可以用人造黄油代替黄油,用量1.2倍")
    chat.press("zhou", "确认")
    chat.say("amy", "收到人造黄油3kg")
    said = texts(chat.say("amy", "下周要做可颂1000个,原料够不够"))   # 25 kg of butter, 10 held
    assert "· 黄油:要 25kg(2箱+5),现有 10kg(1箱) → 缺 15kg" in said
    assert ";可代替:现有人造黄油 3kg,可顶 2.5kg" in said   # 3 kg at 1.2 kg a kg of butter
    assert "可代替" not in texts(chat.say("amy", "做100个可颂需要多少原料"))   # (none short: nothing to stand in for)
