"""ABC分类 · 哪些是A类商品 · C类商品有哪些: the products by their takings, through the real conversation."""
from __future__ import annotations

from decimal import Decimal

import pytest

from bot import ranking
from tests.e2e.conftest import confirmed, texts

# takings ¥1,000: 可颂 500 and 牛奶 300 make 80% (A), 鸡蛋 100 and 黄油 60 the next 16% (B), 白砂糖 40 (C)
SALES = ("卖了可颂50个,每个10元", "卖了牛奶30升,每升10元", "卖了鸡蛋100个,每个1元", "卖了黄油6kg,每kg10元",
         "卖了白砂糖4kg,每kg10元", "卖了面粉1袋")


def test_a_product_is_in_the_class_its_takings_start_in():
    found = ranking.classes({"x": Decimal(50), "y": Decimal(30), "z": Decimal(10), "w": Decimal(6), "v": Decimal(4),
                             "none": Decimal(0)})
    assert found == {"a": ["x", "y"], "b": ["z", "w"], "c": ["v"]}   # y starts at 50%: A; z at exactly 80%: B


@pytest.fixture
def sold(chat):  # type: ignore[no-untyped-def]
    for words in SALES:
        assert "已记录" in confirmed(chat, "zhou", words), words
    return chat


def test_every_class_with_its_share_the_idle_stock_and_what_had_no_price(sold):
    reply = texts(sold.say("zhou", "ABC分类"))
    assert "🔤 徐汇店 03-18至06-15商品ABC分类(按销售额,共 ¥1,000.00):" in reply
    assert "A类 2 种,占 80.0%:可颂、全脂牛奶" in reply
    assert "B类 2 种,占 16.0%:鸡蛋、黄油" in reply
    assert "C类 1 种,占 4.0%:白砂糖" in reply
    assert "有库存但没卖出 4 种:淡奶油、咖啡豆、纸杯、菜籽油" in reply
    assert "卖了但没有售价、没算进去的:高筋面粉" in reply


def test_one_class_asked_for_is_that_class_alone(sold):
    reply = texts(sold.say("zhou", "C类商品有哪些"))
    assert "C类 1 种" in reply and "A类" not in reply and "有库存" not in reply
    assert "A类 2 种,占 80.0%:可颂、全脂牛奶" in texts(sold.say("zhou", "哪些是重点商品"))
    assert "没有带售价的销售" in texts(sold.say("zhou", "上个月的ABC分类"))


def test_in_english(sold):
    sold.say("zhou", "switch to English")
    assert "Class A: 2 products, 80.0%: 可颂、全脂牛奶" in texts(sold.say("zhou", "abc analysis"))
