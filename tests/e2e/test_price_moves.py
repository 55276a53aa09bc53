"""Prices moved by a share or an amount from the chat (可乐售价提高10% · 饮料都提价5% · 牛腩涨了3块 · 可乐每箱降12块):
each product's new price worked out from the catalog's, shown old → new and changed once a manager confirms."""
from decimal import Decimal

import pytest

from tests.conftest import DEMO
from tests.e2e.conftest import make_chat, texts


@pytest.fixture
def demo(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    return make_chat(tmp_path, monkeypatch, catalog=DEMO)


def _price(chat, sku: str, field: str = "unit_price") -> Decimal:  # type: ignore[no-untyped-def]
    with chat.container.uow(write=False) as u:
        return Decimal(getattr(u.catalog.product(sku), field))


def test_a_price_moves_by_a_share_or_an_amount_once_confirmed(demo):
    assert texts(demo.say("liu", "可乐售价提高10%")) == "把可乐的售价从 ¥5.00/瓶 改为 ¥5.50/瓶 吗?"
    assert _price(demo, "P018") == 5                                       # nothing before 确认
    demo.press("liu", "确认")
    assert _price(demo, "P018") == Decimal("5.5")
    demo.say("liu", "牛腩涨了3块")                                          # the market's rise: the cost moves
    demo.press("liu", "确认")
    assert _price(demo, "P001", "unit_cost") == 35 and _price(demo, "P001") == 48
    assert texts(demo.say("liu", "可乐每箱降12块")) == "把可乐的进价从 ¥2.50/瓶 改为 ¥2.00/瓶 吗?"   # 12 / 24 a bottle
    demo.press("liu", "确认")
    out = texts(demo.say("liu", "饮料都提价5%")).splitlines()
    assert out[1:3] == ["· 可乐:¥5.50/瓶 → ¥5.78/瓶", "· 雪碧:¥5.00/瓶 → ¥5.25/瓶"]   # whole fen: 5.775 → 5.78
    demo.press("liu", "确认")
    assert [_price(demo, s) for s in ("P018", "P019", "P022")] == [Decimal("5.78"), Decimal("5.25"), Decimal("3.15")]
    with demo.container.uow(write=False) as u:   # each change audited: 3 alone, then the 5 drinks
        assert len(u.chat.audits("product_changed")) == 8


def test_a_price_move_that_cannot_be_made_changes_nothing(demo):
    assert "调不了价" in texts(demo.say("liu", "可乐降价100%"))
    assert "你的角色没有这个权限" in texts(demo.say("xiaowang", "可乐售价提高10%"))
    assert "酸梅汤" in texts(demo.say("liu", "新增商品酸梅汤,单位杯"))
    demo.press("liu", "确认")
    assert "还没有售价,没法按比例或金额调" in texts(demo.say("liu", "酸梅汤提价10%"))
    assert _price(demo, "P018") == 5
