"""A store's own safety stock (徐汇店牛奶的安全库存改成50升): that store's lists, alerts and prep list keep to it, the
others to the product's; its manager's or the owner's, through the real conversation."""
from __future__ import annotations

from tests.e2e.conftest import confirmed, texts
from tests.e2e.test_exports import ask, book, rows


def test_a_stores_safety_stock_is_its_own(chat):
    assert "已把徐汇店全脂牛奶的安全库存从 24升(2箱) 改为 50升(4箱+2)" in confirmed(chat, "zhou", "徐汇店牛奶的安全库存改成50升")
    below = texts(chat.say("zhou", "哪些低于安全库存"))
    assert "全脂牛奶:36升(3箱),安全库存 50升(4箱+2),差 14升(1箱+2)" in below, below
    assert "全脂牛奶" not in texts(chat.say("bo", "哪些低于安全库存"))          # 静安店 holds 24: the product's 24
    assert "(低于安全库存 50升(4箱+2))" in texts(chat.say("zhou", "牛奶还剩多少"))
    prep = texts(chat.say("zhou", "今日备货清单"))
    assert "全脂牛奶:现有 36升(3箱)" in prep and "安全库存 50升(4箱+2) → 建议补 24升(2箱) · 补到安全库存" in prep, prep
    sheet = rows(book(ask(chat, "owner", "导出库存"))["库存"])
    safety = {r["地点"]: r["安全库存"] for r in sheet if r["商品编码"] == "B01"}
    assert safety["徐汇店"] == 50 and safety["静安店"] == 24, safety


def test_another_stores_is_its_managers_or_the_owners(chat):
    assert "没有这个权限" in texts(chat.say("zhou", "静安店牛奶的安全库存改成5升"))
    assert "改为 30升" in confirmed(chat, "owner", "静安店牛奶的安全库存改成30升")
    assert "全脂牛奶:24升(2箱),安全库存 30升(2箱+6)" in texts(chat.say("bo", "哪些低于安全库存"))
    assert "全脂牛奶" not in texts(chat.say("zhou", "哪些低于安全库存"))       # 徐汇店 keeps the product's 24


def test_the_products_safety_stock_names_the_stores_with_their_own(chat):
    confirmed(chat, "zhou", "徐汇店牛奶的安全库存改成50升")
    assert texts(chat.say("bo", "牛奶的安全库存是多少")) == "📋 全脂牛奶的安全库存:24升(2箱)\n这些店用自己的:徐汇店 50升(4箱+2)"


def test_a_store_goes_back_to_the_products_safety_stock(chat):
    confirmed(chat, "zhou", "徐汇店牛奶的安全库存改成50升")
    assert "从 50升(4箱+2) 改为 24升(2箱)" in confirmed(chat, "zhou", "徐汇店牛奶的安全库存恢复默认")
    assert "全脂牛奶" not in texts(chat.say("zhou", "哪些低于安全库存"))
    assert texts(chat.say("zhou", "取消徐汇店牛奶的单独安全库存")) == "徐汇店全脂牛奶没有单独的安全库存,用的就是统一的,没有修改。"
