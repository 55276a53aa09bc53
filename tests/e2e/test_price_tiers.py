"""Price lists (零售价 · 批发价 · 会员价): a product's wholesale and member prices beside its selling price, and the
customers who pay them (王记按批发价). A price said, then a price agreed with the customer, come first."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from adapters import importer
from tests.conftest import ROOT
from tests.e2e.conftest import Chat, confirmed, make_chat, texts

PHONE = ROOT / "tests" / "nlu" / "fixtures" / "phone"


@pytest.fixture
def shop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Chat:
    """苹果数据线 (A01): sold at ¥25 a 根, 批发价 ¥12, 会员价 ¥20 a 根 (¥200 a 盒 of 10); 100 on hand at 华强店."""
    chat = make_chat(tmp_path, monkeypatch, catalog=PHONE)
    chat.say("lz", "收到苹果数据线100根,单价8")
    assert "把苹果数据线的批发价从 未设置 改为 ¥12.00/根" in confirmed(chat, "lz", "苹果数据线批发价改成12块")
    assert "改为 ¥20.00/根" in confirmed(chat, "lz", "苹果数据线会员价200元一盒")
    return chat


def sold_at(chat: Chat) -> list[Decimal | None]:
    return [Decimal(r["unit_price"]) if r["unit_price"] else None for r in chat.export("moves") if r["kind"] == "sale"]


def test_a_wholesale_price_is_its_own_and_leaves_the_selling_price_alone(shop: Chat):
    out = texts(shop.say("xm", "苹果数据线多少钱"))
    assert "售价 ¥25.00/根;批发价 ¥12.00/根;会员价 ¥20.00/根" in out


def test_a_customer_on_a_price_list_pays_it_unless_a_price_is_said_or_agreed(shop: Chat):
    assert "把王记手机店的价格等级从 零售价(售价) 改为 批发价" in confirmed(shop, "lz", "王记按批发价")
    shop.say("lz", "收到20W充电头10个,单价15")
    shop.say("xm", "王记拿了苹果数据线10根")                  # its list's: ¥12
    shop.say("xm", "李总拿了苹果数据线10根")                  # on none: the selling price
    shop.say("xm", "王记拿了苹果数据线2根,每根15元")          # said: as said
    shop.say("xm", "王记拿了20W充电头1个")                    # no 批发价 for it: the selling price
    assert sold_at(shop) == [Decimal(12), None, Decimal(15), None]
    confirmed(shop, "lz", "李总的苹果数据线按18元一根")
    confirmed(shop, "lz", "李总走会员价")
    shop.say("xm", "李总拿了苹果数据线1根")                   # agreed beats the member price
    assert sold_at(shop)[-1] == Decimal(18)
    assert "已登记客户订单" in texts(shop.say("xm", "王记订苹果数据线20根,明天提货"))
    [order] = shop.export("orders")
    assert order["lines"][0]["unit_price"] == "12"           # an order priced the same way
    owed = texts(shop.say("lz", "王记欠多少钱"))
    assert "¥189.00" in owed, owed                           # 120 + 30 + the charger at ¥39
    confirmed(shop, "lz", "王记改回零售价")
    shop.say("xm", "王记拿了苹果数据线1根")
    assert sold_at(shop)[-1] == Decimal(12)                  # goods of its open order: at the order's price
    confirmed(shop, "lz", "取消订单1")
    shop.say("xm", "王记拿了苹果数据线1根")
    assert sold_at(shop)[-1] is None                         # none on order: the selling price again


def test_the_price_list_shows_what_a_customer_pays_and_a_supplier_has_none(shop: Chat):
    confirmed(shop, "lz", "王记按批发价")
    out = texts(shop.say("lz", "王记的价格表"))
    assert "王记手机店按批发价拿货(1 种有批发价,其余按目录售价)" in out and "苹果数据线 ¥12.00/根" in out
    assert "价格等级只用于客户,深圳绿联是供应商" in texts(shop.say("lz", "绿联按批发价"))
    assert "你的角色没有这个权限" in texts(shop.say("xm", "李总走会员价"))


def test_price_lists_travel_with_the_products_and_partners_files(shop: Chat, tmp_path: Path):
    confirmed(shop, "lz", "王记按批发价")
    with shop.container.uow() as uow:
        products = importer.export_rows(uow, "products")
        partners = importer.export_rows(uow, "partners")
    [cable] = [r for r in products if r["sku"] == "A01"]
    [wang] = [r for r in partners if r["code"] == "C02"]
    assert (cable["wholesale_price"], cable["member_price"], wang["price_tier"]) == ("12", "20", "wholesale")
    confirmed(shop, "lz", "王记改回零售价")
    (tmp_path / "partners.csv").write_text(importer.to_csv([{**wang, "price_tier": "会员"}]), encoding="utf-8")
    with shop.container.uow() as uow:
        importer.import_file(uow, "partners", tmp_path / "partners.csv",
                             now=datetime.fromisoformat("2026-06-15T10:00:00+08:00"))
        uow.commit()
    shop.say("xm", "王记拿了苹果数据线1根")
    assert sold_at(shop)[-1] == Decimal(20)
    (tmp_path / "bad.csv").write_text(importer.to_csv([{**wang, "price_tier": "VIP"}]), encoding="utf-8")
    with shop.container.uow() as uow, pytest.raises(Exception, match="price_tier"):
        importer.import_file(uow, "partners", tmp_path / "bad.csv",
                             now=datetime.fromisoformat("2026-06-15T10:00:00+08:00"))


def test_a_sale_said_at_a_price_list_s_prices_is_priced_so(shop: Chat):
    """王记拿了苹果数据线10根,按批发价: the sale at ¥12 a 根, shown against the list price it is sold under (before: a price
    question, nothing recorded); a product with no such price is asked about and nothing is recorded."""
    out = confirmed(shop, "xm", "王记拿了苹果数据线10根,按批发价")
    assert "实收 ¥120.00" in out and "已记录" in out, out
    assert sold_at(shop)[-1] == Decimal(12)
    confirmed(shop, "xm", "卖了苹果数据线2根,走会员价")
    assert sold_at(shop)[-1] == Decimal(20)
    before = shop.stock()
    out = texts(shop.say("xm", "王记拿了手机壳5个,按批发价"))
    assert "手机壳还没有批发价,没有记录" in out and shop.stock() == before, out
