"""Barcodes (6901234567890就是牛奶 · a scanner's input · 卖了 6901234567890 6901234567890): a code bound to a product is
read as that product, each scan a unit of it, through the real conversation."""
from __future__ import annotations

import pytest

from tests.e2e.conftest import confirmed, texts

MILK, CROISSANT = "6901234567890", "88888888"   # an EAN-13 and an EAN-8


@pytest.fixture
def bound(chat):  # type: ignore[no-untyped-def]
    assert "以后「6901234567890」就是【全脂牛奶】" in confirmed(chat, "zhou", f"{MILK}就是牛奶")
    assert "就是【可颂】" in confirmed(chat, "zhou", f"可颂的条码是{CROISSANT}")
    return chat


def test_scans_after_a_verb_are_a_unit_each_and_alone_they_ask_what_happened(bound):
    before = bound.stock()
    out = texts(bound.say("amy", f"卖了 {MILK} {MILK} {CROISSANT}"))
    assert out.startswith("✅ 已记录:徐汇店销售 全脂牛奶 2升、可颂 1个"), out
    asked = bound.say("amy", f"{MILK}\n{CROISSANT}")
    assert texts(asked).startswith("「全脂牛奶1升、可颂1个」是收货、卖出") and asked[0]["buttons"]
    assert "已记录:徐汇店入库 全脂牛奶 1升、可颂 1个" in texts(bound.press("amy", "收货"))
    assert "已记录:徐汇店销售 全脂牛奶 3升" in texts(bound.say("amy", f"卖了{MILK} 3升"))   # a code for the name
    after = bound.stock()
    assert after["XH:B01"] == before["XH:B01"] - 2 + 1 - 3 and after["XH:B09"] == before["XH:B09"] - 1 + 1


def test_an_unknown_code_records_nothing_and_a_code_is_one_products(bound):
    before = bound.stock()
    assert texts(bound.say("amy", "卖了 6901234567891")).startswith("条码 6901234567891 还不认识,没有记录。")
    assert bound.stock() == before
    assert "已经是【全脂牛奶】的名字" in texts(bound.say("zhou", f"可颂的条码是{MILK}"))
    assert "没有这个权限" in texts(bound.say("amy", "6900000000001就是可颂"))   # binding is a manager's
    assert "条码" not in texts(bound.say("amy", "13812345678"))   # a phone number's 11 digits: no barcode


def test_a_barcode_comes_with_the_products_import_as_an_alias(chat, tmp_path):
    from datetime import datetime

    from adapters import importer
    f = tmp_path / "products.csv"
    f.write_text("sku,name,aliases,base_unit\nB09,可颂,牛角包|88888888,个\n", encoding="utf-8")
    with chat.container.uow() as uow:
        importer.import_file(uow, "products", f, now=datetime.fromisoformat("2026-06-15T09:00:00+08:00"))
        uow.commit()
    assert texts(chat.say("amy", f"卖了 {CROISSANT}")).startswith("✅ 已记录:徐汇店销售 可颂 1个")
