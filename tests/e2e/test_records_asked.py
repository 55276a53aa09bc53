"""今天的收货记录 · 销售记录 · 牛腩的进货明细 · 调拨记录 · 出库记录 · 我的收货记录 · 谁收的货: those writes at the store,
each naming who (were: 「记录」 asked as a product); 张记的进货记录: what came from it; 盘点记录 · 谁盘点的: the last count.
我是谁 · 我有什么权限: one's store, role and what it may do; a refusal says whose it is. Through the real conversation,
on the demo restaurant chain."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import DEMO
from tests.e2e.conftest import Chat, confirmed, make_chat, texts


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Chat:
    chat = make_chat(tmp_path, monkeypatch, catalog=DEMO, clock="2026-06-15T10:00:00+08:00")
    confirmed(chat, "xiaowang", "收到牛腩20斤,张记送的")
    confirmed(chat, "xiaowang", "卖了可乐3瓶")
    confirmed(chat, "liu", "卖了可乐1箱")
    confirmed(chat, "liu", "用了土豆2公斤")
    confirmed(chat, "xiaoli", "收到可乐1箱")     # 福田店's: never among 南山店's
    return chat


RECEIVED = "· 06-15 10:00 小王 入库(南山店):牛腩 20斤(1箱)"
SOLD = ["· 06-15 10:00 刘店长 销售(南山店):可乐 24瓶(1箱)", "· 06-15 10:00 小王 销售(南山店):可乐 3瓶"]


def lines(text: str) -> list[str]:
    return text.splitlines()[1:]


def test_the_stores_records_of_a_kind_are_listed_with_who(demo):
    for said in ("今天的收货记录", "今天的入库记录", "收货记录", "谁收的货", "牛腩的收货记录", "这周的进货记录"):
        assert lines(texts(demo.say("xiaowang", said))) == [RECEIVED], said
    assert lines(texts(demo.say("xiaowang", "销售记录"))) == SOLD
    assert lines(texts(demo.say("liu", "出库记录"))) == ["· 06-15 10:00 刘店长 领用/消耗(南山店):土豆 2公斤", *SOLD]
    assert texts(demo.say("liu", "昨天的销售明细")) == "没有找到这样的记录(已撤销的不算)。"
    assert lines(texts(demo.say("xiaoli", "收货记录"))) == ["· 06-15 10:00 小李 入库(福田店):可乐 24瓶(1箱)"]


def test_ones_own_and_a_colleagues(demo):
    assert lines(texts(demo.say("xiaowang", "我的销售记录"))) == [SOLD[1]]
    assert lines(texts(demo.say("xiaowang", "小王今天的销售记录"))) == [SOLD[1]]
    assert lines(texts(demo.say("liu", "小王的销售记录"))) == [SOLD[1]]
    assert texts(demo.say("xiaowang", "刘店长的销售记录")) == "你的角色没有这个权限。这件事要店长或管理员来做(你是店员)。"


def test_a_suppliers_deliveries_and_the_last_count(demo):
    said = texts(demo.say("liu", "张记的进货记录"))
    assert said.startswith("🧾 南山店张记肉业 06-01至06-15进货 1 次") and "牛腩 20斤(1箱)" in said
    confirmed(demo, "xiaowang", "盘点:可乐40瓶")
    assert texts(demo.say("liu", "盘点记录")).startswith("🧮 南山店上次盘点")
    assert "小王" in texts(demo.say("liu", "可乐谁盘的"))


def test_who_am_i_says_the_store_the_role_and_what_it_may_do(demo):
    me = texts(demo.say("xiaowang", "我是谁")).splitlines()
    assert me[0] == "小王是南山店的店员。"
    assert me[1].startswith("可以:记收货、销售、报损") and "审批" not in me[1]
    assert me[2].startswith("要找别人做的:下采购单") and "审批" in me[2]
    boss = texts(demo.say("boss", "我有什么权限")).splitlines()
    assert boss[0] == "老板是管理员,不属于某个门店。" and len(boss) == 2 and "各门店的设置和结账" in boss[1]
    assert texts(demo.say("chen", "我的角色")).startswith("陈采购是中心仓的采购员。")
    # a colleague asked about: the one line, as before
    assert texts(demo.say("liu", "小王是哪个店的")) == "小王是南山店的店员。"


def test_a_refusal_says_whose_it_is(demo):
    assert texts(demo.say("xiaowang", "交房租5000")) == "你的角色没有这个权限。这件事要店长、采购员或管理员来做(你是店员)。"
    assert texts(demo.say("chen", "邀请小张为店员")) == "你的角色没有这个权限。这件事要店长或管理员来做(你是采购员)。"
    demo.say("xiaowang", "switch to English")
    assert texts(demo.say("xiaowang", "pay rent 5000")) == \
        "Your role is not allowed to do that. It takes a manager, purchaser or admin (you are staff)."
    assert texts(demo.say("xiaowang", "who am i")).startswith("小王 is a staff at 南山店.\nYou may: record receipts")
