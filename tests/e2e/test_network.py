"""Two companies on one server, linked over the network: a restaurant (tenant "default", the demo) and its meat
supplier 张记 (tenant "zhangji", its own books in 公斤). The restaurant's purchase orders become the supplier's customer
orders, the supplier's acceptance and shipments come back onto them, on SQLite and on PostgreSQL; neither side sees
the other's prices; every message sent and applied is in each side's audit trail."""
from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

import app as kuguan
from adapters import script
from adapters.clock import VirtualClock
from adapters.db import tables
from tests.conftest import DEMO, ROOT, fresh_engine, load_catalog
from tests.e2e.conftest import Chat, texts

SUPPLIER = ROOT / "tests" / "fixtures" / "zhangji"


class Net:
    def __init__(self, chats: dict[str, Chat], containers: dict[str, object]) -> None:
        self.chats, self.containers = chats, containers

    def say(self, tenant: str, user: str, text: str) -> str:
        return texts(self.chats[tenant].say(user, text))

    def press(self, tenant: str, user: str, label: str) -> str:
        return texts(self.chats[tenant].press(user, label))

    def tick(self, tenant: str) -> str:
        """A minute passes at that company: what the network brought is applied and told."""
        chat = self.chats[tenant]
        return texts(chat.send(at=(chat.session.clock.now() + timedelta(minutes=1)).isoformat()))

    def link(self) -> None:
        code = re.search(r"KG-[A-Z0-9]{4}-[A-Z0-9]{4}", self.say("default", "liu", "邀请张记加入库管网络")).group(0)
        self.say("zhangji", "xiaozhao", f"接受邀请 {code}")
        self.tick("default")

    def audits(self, tenant: str, action: str) -> list[dict]:
        with self.containers[tenant].uow(write=False) as uow:
            return uow.chat.audits(action, limit=100)

    def messages(self) -> list[tables.NetworkMessage]:
        engine = self.containers["default"].engine
        with engine.connect() as c:
            return list(c.execute(select(tables.NetworkMessage).order_by(tables.NetworkMessage.id)).all())


@pytest.fixture(params=["sqlite", "postgresql"])
def net(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Net:
    url = request.getfixturevalue("pg_url") if request.param == "postgresql" else None
    fresh_engine(request.param, tmp_path, url).dispose()
    monkeypatch.setenv("KUGUAN_DATABASE_URL", url or f"sqlite:///{tmp_path}/k.db")
    chats, containers = {}, {}
    for tenant, folder, name in (("default", DEMO, "老街餐饮"), ("zhangji", SUPPLIER, "张记肉业")):
        clock = VirtualClock(datetime.fromisoformat("2026-06-15T09:00:00+08:00"))
        c = kuguan.bootstrap(clock=clock, tenant=tenant)
        load_catalog(c.uow, folder)
        with c.uow() as uow:
            uow.catalog.tenant_row().name = name
            uow.commit()
        chats[tenant] = Chat(script.ScriptSession(conversation=c.conversation, clock=clock, tenant=tenant,
                                                  advance=c.scheduler.advance, uow=c.uow))
        containers[tenant] = c
    yield Net(chats, containers)
    for c in containers.values():
        c.engine.dispose()


def test_a_purchase_order_crosses_as_the_suppliers_customer_order_and_its_shipment_comes_back(net):
    invited = net.say("default", "liu", "邀请张记加入库管网络")
    code = re.search(r"KG-[A-Z0-9]{4}-[A-Z0-9]{4}", invited).group(0)
    assert "接受邀请 " + code in invited
    accepted = net.say("zhangji", "xiaozhao", "接受邀请 " + code.lower().replace("-", " "))   # (as typed)
    assert "✅ 已和老街餐饮连上库管网络:对方在我们这里是客户「老街餐饮」(新加的),它的订单记在张记冷库。" in accepted
    assert "🔗 张记肉业接受了库管网络邀请" in net.tick("default")
    assert "· 张记肉业:已连接 → 张记肉业" in net.say("default", "liu", "库管网络")
    # over the approval limit: nothing crosses until it is approved
    net.say("default", "chen", "向张记采购牛腩40斤、牛腱1箱、五花肉10斤、鸡翅5斤,每斤55元,送南山店,明天送到")
    assert net.tick("zhangji") == "" and "没有未完成的老街餐饮客户订单" in net.say("zhangji", "xiaozhao", "老街餐饮的订单")
    net.press("default", "liu", "批准")
    taken = net.tick("zhangji")
    # 斤 ordered, kept in 公斤; 五花肉 is the supplier's alias of 猪五花; its catalog has no 鸡翅
    assert "📥 老街餐饮(库管网络)下了采购单 #1,已记为客户订单" in taken
    assert "牛腩 20公斤、牛腱 10公斤、猪五花 5公斤,06-16 要货。" in taken and "没有记:鸡翅 5斤" in taken
    listed = net.say("zhangji", "xiaozhao", "老街餐饮的订单")
    assert "牛腩 20公斤(2箱)、牛腱 10公斤(1箱)、猪五花 5公斤,06-16 提货,待提货" in listed
    back = net.tick("default")
    assert "🤝 张记肉业(库管网络)已接单:采购单 #1" in back and "对方目录里对不上这些,没有接:鸡翅" in back
    assert "供应商已确认" in net.say("default", "chen", "张记的订单")
    net.say("zhangji", "xiaozhao", "老街餐饮提走牛腩20公斤、牛腱10公斤")   # the supplier ships
    shipped = net.tick("default")
    assert "🚚 张记肉业(库管网络)发出了采购单 #1 的 牛腩 40斤、牛腱 20斤。" in shipped
    assert "供应商已发货" in net.say("default", "chen", "张记的订单")
    # received as any order, the store saying so: what the supplier said it sent, the rest still on order
    asked = net.say("default", "liu", "张记的货到了")
    assert "南山店入库 牛腩 40斤(2箱)、牛腱 20斤(1箱)(张记肉业)" in asked and "五花肉" not in asked
    net.press("default", "liu", "确认")
    assert net.tick("default") == ""   # (its own receipt: nothing comes back for it)
    assert "收齐" not in net.tick("zhangji")   # 五花肉 and 鸡翅 still open on the order
    assert "牛腩 40/40斤(2箱)、牛腱 20/20斤(1箱)、五花肉 10斤、鸡翅 5斤,06-16 到" in net.say("default", "chen", "张记的订单")
    # field-level: nothing that crossed carries a price (ours ¥55/斤, theirs ¥60/公斤) or a stock level
    crossed = net.messages()
    assert {m.kind for m in crossed} == {"link", "po", "so"}
    # (the link's own message carries the invitation's random code, which may hold a 55 or a 60)
    assert all("price" not in str(m.payload) and "cost" not in str(m.payload) for m in crossed)
    assert all("55" not in str(m.payload) and "60" not in str(m.payload) for m in crossed if m.kind != "link")
    assert all(m.applied_at is not None for m in crossed)   # each applied, once
    sent = [a for a in net.audits("default", "network_sent") if a["kind"] == "po"]
    got = [a for a in net.audits("zhangji", "network_received") if a["kind"] == "po"]
    assert len(sent) == len([m for m in crossed if m.kind == "po"]) == len(got) >= 2


def test_a_change_and_a_cancellation_reach_the_supplier_and_a_link_ended_stops_the_orders(net):
    net.link()
    net.say("default", "liu", "向张记采购牛腩20斤,明天送到")
    net.tick("zhangji")
    net.tick("default")
    net.say("default", "liu", "订单1改成牛腩30斤")
    changed = net.tick("zhangji")
    assert "✏️ 老街餐饮改了采购单 #1" in changed and "牛腩 15公斤,06-16 要货" in changed
    assert net.tick("zhangji") == ""   # applied once: nothing more comes of the same message
    net.say("default", "liu", "取消订单1")
    assert "不能撤销" in net.say("default", "liu", "撤销")   # (the supplier hears of it: it cancels its own)
    assert "🚫 老街餐饮取消了采购单 #1" in net.tick("zhangji")
    assert "没有未完成的老街餐饮客户订单" in net.say("zhangji", "xiaozhao", "老街餐饮的订单")
    assert "🔌 已断开和张记肉业的库管网络连接" in net.say("default", "liu", "断开和张记的联网")
    assert "🔌 老街餐饮断开了库管网络连接" in net.tick("zhangji")
    net.say("default", "liu", "向张记采购牛腩20斤,明天送到")   # no longer linked: stays ours alone
    assert net.tick("zhangji") == ""
    assert "没有未完成的老街餐饮客户订单" in net.say("zhangji", "xiaozhao", "老街餐饮的订单")
    assert [a["result"] for a in net.audits("zhangji", "network_received")][0] == "ended"


def test_a_supplier_cancelling_is_told_back_and_bad_codes_and_roles_change_nothing(net):
    assert texts(net.chats["default"].say("xiaowang", "邀请张记加入库管网络")).startswith("你的角色没有这个权限。这件事要")
    assert "没有找到等待接受的邀请码「KG-AAAA-BBBB」" in net.say("zhangji", "xiaozhao", "接受邀请 KG-AAAA-BBBB")
    code = re.search(r"KG-[A-Z0-9]{4}-[A-Z0-9]{4}", net.say("default", "liu", "邀请张记加入库管网络")).group(0)
    assert "这是我们自己发出的邀请码" in net.say("default", "boss", "接受邀请 " + code)
    assert "供应商和客户里没有「老王」" in net.say("default", "liu", "邀请老王加入库管网络")
    net.say("zhangji", "xiaozhao", "接受邀请 " + code)
    net.tick("default")
    assert "没有找到等待接受的邀请码" in net.say("zhangji", "laozhang", "接受邀请 " + code)   # used once
    net.say("default", "liu", "向张记采购牛腩20斤,明天送到")
    net.tick("zhangji")
    net.tick("default")
    net.say("zhangji", "xiaozhao", "取消订单1")   # (its own #1) the supplier cannot deliver: its customer order cancelled
    assert "⚠️ 张记肉业(库管网络)取消了它对采购单 #1 的订单" in net.tick("default")
    assert "采购单 #1" in net.say("default", "liu", "张记的订单")   # ours stays open: the manager decides


def test_english_speakers_hear_the_network_in_english(net):
    net.say("zhangji", "xiaozhao", "switch to English")
    net.link()
    net.say("default", "liu", "向张记采购牛腩20斤,明天送到")
    assert "📥 老街餐饮 (network) placed purchase order #1, kept as customer order" in net.tick("zhangji")
    assert "🔗 1 network link(s):" in net.say("zhangji", "xiaozhao", "库管网络")


def test_the_supplier_hears_what_its_stock_lacks_for_an_order_that_crossed(net):
    net.link()
    net.say("default", "liu", "向张记采购牛腩600斤,明天送到")   # over the limit: approved first
    net.press("default", "liu", "批准")
    taken = net.tick("zhangji")
    assert "已记为客户订单" in taken and "牛腩 300公斤,06-16 要货" in taken
    assert "张记冷库牛腩现有 200公斤(20箱),到 06-16 已预订共 300公斤(30箱),还差 100公斤(10箱)" in taken


def test_each_side_reads_what_crossed_from_its_own_sealed_audit_trail(net):
    net.link()
    net.say("default", "liu", "向张记采购牛腩40斤,明天送到")
    net.tick("zhangji")
    net.tick("default")
    ours = net.say("default", "liu", "网络往来记录")
    assert "📜 库管网络往来(最近 4 条,都记在本公司的审计链上):" in ours
    assert "· 收到张记肉业:对方订单 #" in ours and "→ 已接单 🔒#" in ours
    assert "· 发给张记肉业:采购单 #1 待送货 🔒#" in ours and "liu · 邀请张记肉业加入库管网络(邀请码 KG-" in ours
    theirs = net.say("zhangji", "laozhang", "和老街餐饮的网络记录")
    assert "· 收到老街餐饮:对方采购单 #1 → 已接单" in theirs and "发给老街餐饮:我们的客户订单 #" in theirs
    assert "xiaozhao · 接受老街餐饮的邀请,对方记为「老街餐饮」" in theirs
    assert "和绿源蔬菜没有库管网络连接" in net.say("default", "liu", "和绿源的网络记录")
    assert texts(net.chats["default"].say("xiaowang", "网络往来记录")).startswith("你的角色没有这个权限。这件事要")


def test_an_order_over_the_customers_credit_waits_for_the_supplier_and_its_rejection_comes_back(net):
    net.link()
    net.say("zhangji", "laozhang", "老街餐饮的信用额度改成500")
    net.press("zhangji", "laozhang", "确认")
    net.say("default", "liu", "向绿源采购土豆10斤,明天送到")   # our #1: each company numbers its own orders
    net.say("default", "liu", "向张记采购牛腩40斤,明天送到")
    held = net.tick("zhangji")   # 20 kg at its ¥60: past the ¥500 it allows us
    assert "超过信用额度 ¥500.00,请审核" in held and "已记为客户订单" in held
    assert "⏳ 张记肉业(库管网络)收到了采购单 #2(对方订单 #1),在等对方审批。" in net.tick("default")
    assert "· 收到张记肉业:对方订单 #1 → 等对方审批" in net.say("default", "liu", "网络往来记录")
    net.press("zhangji", "xiaozhao", "驳回")
    assert "⚠️ 张记肉业(库管网络)取消了它对采购单 #2 的订单" in net.tick("default")


def test_the_audit_export_holds_every_cross_company_action_sealed_in_order(net):
    from adapters import importer
    net.link()
    net.say("default", "liu", "向张记采购牛腩40斤,明天送到")
    net.tick("zhangji")
    net.tick("default")
    with net.containers["default"].uow(write=False) as uow:
        rows = importer.export_rows(uow, "audit")
    crossed = [(r["action"], r["detail"].get("kind")) for r in rows if r["action"].startswith("network_")]
    assert crossed == [("network_invited", None), ("network_received", "link"), ("network_sent", "po"),
                       ("network_received", "so")]
    seqs = [r["seq"] for r in rows]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs) and all(len(r["chain"]) == 64 for r in rows)


def test_lines_the_supplier_could_not_place_are_placed_once_its_catalog_knows_them(net):
    net.link()
    net.say("default", "liu", "向张记采购鸡翅5斤,明天送到")   # none of it placeable: no order taken
    assert "对不上" in net.tick("zhangji")
    net.say("default", "liu", "向张记采购牛腩20斤、鸡翅4斤,明天送到")
    taken = net.tick("zhangji")
    assert "已记为客户订单 #1:牛腩 10公斤" in taken and "没有记:鸡翅 4斤" in taken
    net.tick("default")
    net.say("zhangji", "laozhang", "新增商品鸡翅中,单位公斤,售价30")
    added = net.press("zhangji", "laozhang", "确认")   # another name: nothing placed by it, nothing said of the orders
    assert "已新增商品 【鸡翅中】" in added and "🔁" not in added and "📥" not in added
    assert "鸡翅中" not in net.say("zhangji", "xiaozhao", "老街餐饮的订单")
    net.say("zhangji", "laozhang", "鸡翅就是鸡翅中")
    told = net.press("zhangji", "laozhang", "确认")   # the alias places both orders' wings
    assert "📥 老街餐饮(库管网络)下了采购单 #1,已记为客户订单 #2:鸡翅中 2.5公斤" in told
    assert "🔁 按现在的目录重新对照了老街餐饮的采购单 #2:客户订单 #1 现在是:牛腩 10公斤、鸡翅中 2公斤" in told
    listed = net.say("zhangji", "xiaozhao", "老街餐饮的订单")
    assert "牛腩 10公斤(1箱)、鸡翅中 2公斤" in listed and "鸡翅中 2.5公斤" in listed
    assert sorted(a["subject"] for a in net.audits("zhangji", "network_reread")) == ["po:1", "po:2"]
    back = net.tick("default")   # the customer hears its first order taken, and the wings of its second
    assert "已接单:采购单 #1" in back and "✅ 张记肉业(库管网络)现在也接了采购单 #2 里之前对不上的:鸡翅。" in back
    net.say("zhangji", "xiaozhao", "收到鸡翅中10公斤")
    net.say("zhangji", "xiaozhao", "老街餐饮提走牛腩10公斤、鸡翅中2公斤")   # shipped: told back in the customer's units
    assert "发出了采购单 #2 的 牛腩 20斤、鸡翅 4斤" in net.tick("default")
    net.say("zhangji", "laozhang", "新增商品鸭脖,单位公斤,售价20")
    assert "🔁" not in net.press("zhangji", "laozhang", "确认")   # (nothing stuck any more: nothing read again)


def test_a_products_import_places_the_lines_a_linked_customer_s_orders_could_not_place(net, tmp_path):
    """The catalog learnt the wings from the command line (import products): the order read again as after
    鸡翅就是鸡翅中 in the chat, not only once someone says something there."""
    from typer.testing import CliRunner
    net.link()
    net.say("default", "liu", "向张记采购鸡翅5斤,明天送到")   # none of it placeable: no order taken
    assert "对不上" in net.tick("zhangji")
    sheet = tmp_path / "wings.csv"
    sheet.write_text("sku,name,aliases,base_unit,units,category,safety_stock,shelf_life_days,unit_price,unit_cost\n"
                     "M09,鸡翅中,鸡翅,公斤,箱=10,鲜肉,5,3,30,20\n", encoding="utf-8")
    run = CliRunner().invoke(kuguan.app, ["import", "products", str(sheet), "--tenant", "zhangji"])
    assert run.exit_code == 0 and "1 linked customers' orders read again" in run.output, run.output
    assert [a["subject"] for a in net.audits("zhangji", "network_reread")] == ["po:1"]
    assert "鸡翅中 2.5公斤" in net.say("zhangji", "xiaozhao", "老街餐饮的订单")
    assert "🤝 张记肉业(库管网络)已接单:采购单 #1" in net.tick("default")   # the customer hears it taken
