"""Sales commission (提成), end to end on the phone shop: a manager's rules (a product's, a category's, everything's),
audited; what each seller earned from the sales they recorded (at what was taken, undone sales left out), a clerk
seeing their own."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.e2e.conftest import Chat, confirmed, make_chat, texts
from tests.e2e.test_exports import ask, book, rows

PHONE = ROOT / "tests" / "nlu" / "fixtures" / "phone"


@pytest.fixture
def shop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Chat:
    """华强店 (小美 xm sells, 林店长 lz manages) and 东门店 (阿华 ah) have stock; 3% on everything, 2% on 音频, ¥10 a
    蓝牙耳机 (音频)."""
    chat = make_chat(tmp_path, monkeypatch, catalog=PHONE)
    assert "已记录" in texts(chat.say("xm", "收到蓝牙耳机10副、充电宝10个、苹果数据线50根"))
    assert "已记录" in texts(chat.say("ah", "收到苹果数据线20根"))
    for said in ("销售提成3%", "音频类提成2%", "蓝牙耳机每副提成10元"):
        assert "✅ 提成" in texts(chat.say("lz", said))
    return chat


def test_the_rules_are_listed_narrowest_first_and_audited(shop: Chat):
    out = texts(shop.say("xm", "提成规则"))
    assert out.splitlines()[1:] == ["· 蓝牙耳机:每副 ¥10.00", "· 音频类商品:实收的 2%", "· 所有商品:实收的 3%"], out
    assert "已取消音频类商品的提成" in texts(shop.say("lz", "取消音频类的提成"))
    kept = [a["detail"] for a in shop.send(export="audit")[0]["rows"] if a["action"] == "commission_rule"]
    assert kept[0] == {"ref": "*", "was": None, "now": {"rate": "0.03"}}
    assert kept[-1] == {"ref": "cat:音频", "was": {"rate": "0.02"}, "now": None}


def test_each_seller_earns_on_what_was_taken_undone_sales_left_out(shop: Chat):
    texts(shop.say("xm", "卖了蓝牙耳机2副"))                    # ¥10 a pair: ¥20
    texts(shop.say("xm", "卖了充电宝1个,优惠9元"))              # 3% of ¥80: ¥2.40
    texts(shop.say("xm", "卖了苹果数据线2根"))
    assert "已撤销" in texts(shop.say("xm", "撤销"))            # (undone: earns nothing)
    texts(shop.say("ah", "卖了苹果数据线4根"))                  # 3% of ¥100: ¥3.00, at 东门店
    out = texts(shop.say("lz", "这个月的提成"))
    assert out.splitlines() == ["💰 06-01至06-15 华强店的提成:共 ¥22.40", "· 小美:销售 ¥278.00,提成 ¥22.40"], out
    mine = texts(shop.say("xm", "我的提成"))
    assert "· 蓝牙耳机 2副:¥198.00 → 提成 ¥20.00(每副 ¥10.00)" in mine, mine
    assert "· 充电宝 1个:¥80.00 → 提成 ¥2.40(实收的 3%)" in mine and "苹果数据线" not in mine
    assert "小美的提成:共 ¥22.40" in texts(shop.say("lz", "小美这个月的提成"))
    assert "阿华的提成:共 ¥3.00" in texts(shop.say("boss", "阿华这个月的提成"))
    assert "没有销售" in texts(shop.say("xm", "我上个月的提成"))


@pytest.mark.parametrize(("user", "said", "expected"), [
    ("xm", "销售提成5%", "你的角色没有这个权限"),
    ("xm", "阿华的提成", "别人的提成只有店长能看"),
    ("lz", "蓝牙耳机提成10", "没看懂提成"),                     # ten yuan or ten per cent?
    ("lz", "音频类每个提成5元", "没看懂提成"),                   # (yuan a unit: one product's)
    ("lz", "销售提成120%", "没看懂提成"),
    ("lz", "取消手机壳的提成", "本来就没有单独的提成规则"),
])
def test_what_is_not_theirs_or_not_clear_changes_nothing(shop: Chat, user: str, said: str, expected: str):
    assert expected in texts(shop.say(user, said))
    assert len(texts(shop.say("lz", "提成规则")).splitlines()) == 4


def test_said_in_english(shop: Chat):
    assert "✅ 提成:手机壳 按实收的 5%" in confirmed(shop, "lz", "5% commission on 手机壳")
    assert "已记录" in confirmed(shop, "xm", "卖了手机壳2个")   # (none in stock: asked first)
    assert "手机壳 2个:¥58.00 → 提成 ¥2.90" in texts(shop.say("xm", "my commission"))


def test_the_commission_sheet_holds_each_seller_and_each_sale(shop: Chat):
    texts(shop.say("xm", "卖了蓝牙耳机2副"))
    texts(shop.say("xm", "卖了充电宝1个,优惠9元"))
    texts(shop.say("lz", "卖了苹果数据线4根"))
    out = ask(shop, "lz", "导出这个月的提成表")
    assert "华强店的提成表:2 人,3 笔销售,提成共 ¥25.40" in out[0].text, out[0].text
    wb = book(out)
    assert wb.sheetnames == ["提成汇总", "销售明细"]
    assert [(r["销售人"], r["销售额"], r["提成"]) for r in rows(wb["提成汇总"])] == [
        ("小美", 278, 22.4), ("林店长", 100, 3)]
    sales = rows(wb["销售明细"])
    assert [(r["商品"], r["数量"], r["提成规则"], r["提成"]) for r in sales] == [
        ("蓝牙耳机", 2, "每副 ¥10.00", 20), ("充电宝", 1, "实收的 3%", 2.4), ("苹果数据线", 4, "实收的 3%", 3)]
    assert "你的角色没有这个权限" in texts(shop.say("xm", "导出提成表"))


def test_an_amount_a_case_is_said_a_case_and_paid_in_full(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from tests.conftest import DEMO
    chat = make_chat(tmp_path, monkeypatch, catalog=DEMO, clock="2026-06-15T10:00:00+08:00")
    assert "可乐 按每箱 ¥2.00" in texts(chat.say("liu", "可乐每箱提成2元"))   # (kept a bottle: ¥0.083333)
    assert "已记录" in confirmed(chat, "xiaowang", "卖了可乐10箱")
    assert "可乐 240瓶(10箱):¥1,200.00 → 提成 ¥20.00(每箱 ¥2.00)" in texts(chat.say("xiaowang", "我的提成"))


def test_who_sold_most_and_what_one_person_sold(shop: Chat):
    shop.say("xm", "卖了蓝牙耳机2副")         # ¥198
    shop.say("xm", "卖了充电宝1个")           # ¥89
    assert "已记录" in texts(shop.say("ah", "卖了苹果数据线5根"))
    ranked = texts(shop.say("boss", "今天谁卖得最多")).splitlines()   # everyone's, most first, with how many sales
    assert ranked[0].startswith("🏆 06-15 所有门店的销售:共 ¥") and ranked[1] == "1. 小美:¥287.00(2 笔)"
    assert ranked[2].startswith("2. 阿华:¥") and len(ranked) == 3
    assert texts(shop.say("lz", "每个人这个月卖了多少")).splitlines()[1:] == ["1. 小美:¥287.00(2 笔)"]   # his store
    assert texts(shop.say("lz", "小美今天卖了什么")).splitlines() == [
        "🏆 06-15 小美的销售:共 ¥287.00", "· 蓝牙耳机 2副:¥198.00", "· 充电宝 1个:¥89.00"]
    assert texts(shop.say("xm", "阿华今天卖了多少")) == "别人的销售只有店长能看。"   # a clerk: her own alone
    assert texts(shop.say("xm", "店员销售排行")).splitlines()[0] == "🏆 06-01至06-15 小美的销售:共 ¥287.00"
    assert texts(shop.say("lz", "昨天谁卖得最多")) == "06-14 华强店没有销售。"
