"""A phone shop's everyday words read as meant: 会员买了一个充电宝 (was a receipt: the shop bought it), 数据线丢了一根 (was
「数据线丢」 an unknown product: now which 数据线, then the loss), 王记上次拿的手机壳退回来5个 (was "how it usually goes")."""
from __future__ import annotations

from tests.e2e.conftest import texts


def test_a_member_buying_is_a_sale(shop):
    before = shop.stock()["MD:A07"]
    out = texts(shop.say("xm", "会员买了一个充电宝"))
    assert out.startswith("✅ 已记录:华强店销售 充电宝 1个"), out
    assert shop.stock()["MD:A07"] == before - 1


def test_a_lost_cable_asks_which_then_is_lost(shop):
    shop.say("xm", "收到苹果数据线10根")
    out = texts(shop.say("xm", "数据线丢了一根"))
    assert "指哪一个" in out and "苹果数据线" in out and "Type-C数据线" in out, out
    assert "报损 苹果数据线 1根" in texts(shop.say("xm", "苹果的"))
    assert shop.stock()["MD:A01"] == 9


def test_goods_a_customer_took_last_time_come_back(shop):
    shop.say("xm", "王记拿了20个手机壳,月底给钱")
    out = texts(shop.say("xm", "王记上次拿的手机壳退回来5个"))
    assert out.startswith("✅ 已记录:华强店客户退回 手机壳 5个(王记手机店)"), out
    assert shop.stock()["MD:A05"] == 50 - 20 + 5


def test_a_product_by_its_code(shop):
    """A05卖了2个 · A07还有多少: the catalog's code names its product (was no product, or every product's stock)."""
    assert texts(shop.say("xm", "A05卖了2个")).startswith("✅ 已记录:华强店销售 手机壳 2个")
    out = texts(shop.say("xm", "A07还有多少"))
    assert "充电宝" in out and "手机壳" not in out, out
