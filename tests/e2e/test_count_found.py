"""上次盘点差了多少 · 鸡蛋上次盘点的差异: the last count and what it found against the books, at cost, through the
real conversation."""
from __future__ import annotations

from tests.e2e.conftest import texts


def test_the_last_count_says_what_it_found_and_what_that_is_worth(chat):
    assert "已记录" in texts(chat.say("zhou", "收到牛奶2箱,每箱60元"))        # 60 升 held, at ¥5 a 升
    assert "已记录" in texts(chat.say("zhou", "盘点:牛奶实际55升,鸡蛋实际305个,可颂40个"))
    lines = texts(chat.say("zhou", "上次盘点差了多少")).splitlines()
    # 5 升 short at ¥5; 5 eggs over, which have no cost: only the milk is valued
    assert lines[1] == "· 这次盘出的差异:全脂牛奶 -5升、鸡蛋 +5个(有进价的合计约 ¥-25.00)", lines
    assert texts(chat.say("zhou", "可颂上次盘点的差异")).endswith("\n· 账实相符。")
    assert texts(chat.say("zhou", "鸡蛋上次盘点的差异")).endswith("\n· 这次盘出的差异:鸡蛋 +5个")
    assert "已撤销" in texts(chat.say("zhou", "撤销"))
    assert texts(chat.say("zhou", "盘点结果")).splitlines()[1] == "· 这次盘点后来撤销了。"


def test_a_products_last_count_says_what_was_counted(chat):
    """上次盘点牛奶是多少 · 可颂上次盘了多少: what the count found on hand, beside when and by whom (before: asked for a
    quantity, as if to record one)."""
    chat.say("zhou", "收到牛奶2箱,每箱60元")
    chat.say("zhou", "盘点:牛奶实际55升,可颂40个")
    lines = texts(chat.say("zhou", "上次盘点牛奶是多少")).splitlines()
    assert lines[0].startswith("🧮 ") and "牛奶上次盘点:今天 06-15 09:00" in lines[0] and lines[1] == "· 盘点数:55升(4箱+7)", lines
    assert texts(chat.say("zhou", "可颂上次盘了多少")).splitlines()[1] == "· 盘点数:40个"
    assert texts(chat.say("zhou", "鸡蛋上次盘了多少")).endswith("还没有盘点记录。说「盘点:鸡蛋…」记一次。")
