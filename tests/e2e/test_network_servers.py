"""Two companies on two servers, each with its own database, linked over the network: the restaurant (老街餐饮) and
its meat supplier 张记, each served on its own local port. The invitation carries the inviting server's address; the
acceptance and every order's snapshot go over HTTP (the courier), signed with the link's secret, kept once by the
other server and applied by its scheduler; a server that cannot be reached gets them later; a bad signature or an
unknown code changes nothing."""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select, update

import app as kuguan
from adapters import network_remote, script
from adapters.clock import VirtualClock
from adapters.db import tables
from domain import network
from tests.conftest import DEMO, ROOT, fresh_engine, load_catalog
from tests.e2e.conftest import Chat, free_port, held_port, serving, texts

SUPPLIER = ROOT / "tests" / "fixtures" / "zhangji"


class Company:
    def __init__(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tenant: str, folder: Path, name: str,
                 db: str | None = None) -> None:
        self.sock = held_port()   # (held until served: the URL its bootstrap is told stays its own)
        self.port = int(self.sock.getsockname()[1])
        self.url = f"http://127.0.0.1:{self.port}"
        monkeypatch.setenv("KUGUAN_DATABASE_URL", db or f"sqlite:///{tmp_path}/{tenant}.db")
        monkeypatch.setenv("KUGUAN_PUBLIC_URL", self.url)
        self.clock = VirtualClock(datetime.fromisoformat("2026-06-15T09:00:00+08:00"))
        self.c = kuguan.bootstrap(clock=self.clock, tenant=tenant)
        load_catalog(self.c.uow, folder)
        with self.c.uow() as uow:
            uow.catalog.tenant_row().name = name
            uow.commit()
        self.chat = Chat(script.ScriptSession(conversation=self.c.conversation, clock=self.clock, tenant=tenant,
                                              advance=self.c.scheduler.advance, uow=self.c.uow))
        self.courier = network_remote.Courier(self.c.uow, self.clock, tenant=tenant, base_url=self.url,
                                              engine=self.c.engine)

    def say(self, user: str, text: str) -> str:
        return texts(self.chat.say(user, text))

    def tick(self) -> str:
        """A minute passes here: what came over the network is applied and told."""
        return texts(self.chat.send(at=(self.clock.now() + timedelta(minutes=1)).isoformat()))

    def audits(self, action: str) -> list[dict]:
        with self.c.uow(write=False) as uow:
            return uow.chat.audits(action, limit=100)

    def waiting(self) -> int:
        """How many of our messages for other servers are not delivered yet."""
        with self.c.uow(write=False) as uow:
            return len(uow.network.outgoing())

    def messages(self) -> list[tables.NetworkMessage]:
        with self.c.engine.connect() as conn:
            return list(conn.execute(select(tables.NetworkMessage).order_by(tables.NetworkMessage.id)).all())


@pytest.fixture(params=["sqlite", "postgresql"])
def pair(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
         ) -> Iterator[tuple[Company, Company]]:
    """The restaurant on SQLite; its supplier on SQLite, or on PostgreSQL (when reachable)."""
    db = request.getfixturevalue("pg_url") if request.param == "postgresql" else None
    if db is not None:
        fresh_engine("postgresql", tmp_path, db).dispose()   # (the session's database, emptied)
    a = Company(tmp_path, monkeypatch, "default", DEMO, "老街餐饮")
    b = Company(tmp_path, monkeypatch, "zhangji", SUPPLIER, "张记肉业", db=db)
    with serving(a.c, a.sock), serving(b.c, b.sock):
        yield a, b
    for x in (a, b):
        x.courier.client.close()
        x.c.engine.dispose()


def link(a: Company, b: Company) -> None:
    invite = re.search(r"KG-[A-Z0-9]{4}-[A-Z0-9]{4}@\S+", a.say("liu", "邀请张记加入库管网络")).group(0)
    b.say("xiaozhao", f"接受邀请 {invite}")
    assert b.courier.deliver() == 1
    b.tick()
    a.tick()


def test_companies_on_two_servers_link_by_an_invitation_with_its_address_and_their_orders_cross(pair):
    a, b = pair
    invited = a.say("liu", "邀请张记加入库管网络")
    invite = re.search(r"KG-[A-Z0-9]{4}-[A-Z0-9]{4}@\S+", invited).group(0)
    assert invite.endswith(f"@{a.url}")   # the code with where our server is
    assert f"已把接受邀请发给 {a.url}" in b.say("xiaozhao", f"接受邀请 {invite}")
    assert "还没有库管网络连接" in b.say("xiaozhao", "库管网络")   # nothing linked until that server answers
    assert b.courier.deliver() == 1   # the acceptance taken there; its answer kept here to apply
    joined = b.tick()
    assert "✅ 已和老街餐饮连上库管网络:对方在我们这里是客户「老街餐饮」(新加的)" in joined
    assert "🔗 张记肉业接受了库管网络邀请" in a.tick()
    assert f"· 张记肉业:已连接 → 张记肉业(另一台服务器 {b.url})" in a.say("liu", "库管网络")
    assert b.courier.deliver() == 0   # (nothing more waits)
    a.say("liu", "向张记采购牛腩20斤、五花肉10斤,明天送到")
    assert b.tick() == ""   # not there until our courier takes it
    assert a.courier.deliver() == 1
    taken = b.tick()
    assert "📥 老街餐饮(库管网络)下了采购单 #1,已记为客户订单 #1:牛腩 10公斤、猪五花 5公斤,06-16 要货。" in taken
    assert b.courier.deliver() == 1   # its order's snapshot back to us
    assert "🤝 张记肉业(库管网络)已接单:采购单 #1(对方订单 #1)。" in a.tick()
    b.say("xiaozhao", "老街餐饮提走牛腩10公斤")
    b.courier.deliver()
    assert "🚚 张记肉业(库管网络)发出了采购单 #1 的 牛腩 20斤。" in a.tick()
    # each server kept only its own books; what crossed carries no price
    sent = [m for m in a.messages() if m.sender == "default"]
    got = [m for m in b.messages() if m.recipient == "zhangji" and m.kind == "po"]
    assert [m.payload for m in got] == [m.payload for m in sent if m.kind == "po"]
    assert all(m.delivered_at is not None and m.result == "delivered" for m in sent if m.kind == "po")
    assert all("price" not in json.dumps(m.payload) and "55" not in json.dumps(m.payload) for m in got)
    assert sorted(x["kind"] for x in b.audits("network_received")) == ["link", "po"]   # its acceptance's answer too
    assert len(a.audits("network_sent")) == len([m for m in sent if m.kind == "po"])
    b.say("xiaozhao", "断开和老街餐饮的联网")   # ended there; before we hear it, one more order of ours goes out
    b.courier.deliver()
    a.say("liu", "向张记采购牛腩10斤,明天送到")
    assert a.courier.deliver() == 1   # (carried, and refused there: not linked any more)
    ended = a.tick()
    assert "🔌 张记肉业断开了库管网络连接" in ended and "⚠️ 采购单 #2 没能送到张记肉业:对方服务器不再接收" in ended
    assert not [m for m in b.messages() if m.recipient == "zhangji" and m.payload.get("po") == 2]
    a.say("liu", "向张记采购牛腩10斤,明天送到")   # the link ended here too: nothing goes
    assert a.courier.deliver() == 0 and a.waiting() == 0


def test_a_message_delivered_twice_is_kept_once_and_a_bad_signature_or_code_changes_nothing(pair):
    a, b = pair
    b.say("xiaozhao", f"接受邀请 KG-WRON-GCOD@{a.url}")   # a code that server never gave: refused, said why
    assert b.courier.deliver() == 1
    assert "没有接受我们的接受邀请(邀请码 KG-WRON-GCOD)" in b.tick() and "还没有库管网络连接" in b.say("xiaozhao", "库管网络")
    link(a, b)
    a.say("liu", "向张记采购牛腩20斤,明天送到")
    a.courier.deliver()
    with a.c.engine.begin() as conn:   # (our server never heard its answer: it sends the same message again)
        conn.execute(update(tables.NetworkMessage).where(tables.NetworkMessage.sender == "default",
                                                         tables.NetworkMessage.kind == "po")
                     .values(delivered_at=None))
    assert a.courier.deliver() == 1
    assert "已记为客户订单 #1" in b.tick() and b.tick() == ""
    assert len([m for m in b.messages() if m.kind == "po"]) == 1
    body = json.dumps({"from": f"default@{a.url}", "to": "zhangji", "id": 999, "kind": "po", "subject": "po:9",
                       "payload": {"po": 9, "status": "open", "lines": []}}).encode()
    forged = httpx.post(f"{b.url}/network/inbox", content=body,
                        headers={"content-type": "application/json", network_remote.SIGNATURE: "0" * 64})
    assert forged.status_code == 403 and len([m for m in b.messages() if m.kind == "po"]) == 1
    with b.c.uow(write=False) as uow:
        secret = uow.network.link_to(f"default@{a.url}").secret
    hijack = json.dumps({"from": f"default@{a.url}", "to": "zhangji", "id": 998, "kind": "link", "subject": "link:x",
                         "payload": {"code": "KG-ABCD-EFGH", "status": "active"}}).encode()
    signed = httpx.post(f"{b.url}/network/inbox", content=hijack, headers={   # (even signed: links are not made so)
        "content-type": "application/json", network_remote.SIGNATURE: network.signature(secret, hijack)})
    assert signed.status_code == 400 and not any(m.remote_id == 998 for m in b.messages())
    unknown = httpx.post(f"{a.url}/network/accept", json={"code": "KG-WRON-GCOD", "from": f"x@{b.url}",
                                                          "company": "冒充", "secret": "ab" * 32})
    assert unknown.status_code == 404
    before = b.waiting()
    again = b.say("xiaozhao", f"接受邀请 KG-ABCD-EFGH@{a.url}")   # (linked with that server already)
    assert again == "老街餐饮已经和老街餐饮连上库管网络了。" and b.waiting() == before


def test_a_server_that_cannot_be_reached_gets_its_messages_later_in_order(pair, tmp_path, monkeypatch):
    a, b = pair
    link(a, b)
    dead = free_port()
    with a.c.engine.begin() as conn:   # 张记 moved to an address nobody answers on yet
        conn.execute(update(tables.NetworkLink).values(peer=f"zhangji@http://127.0.0.1:{dead}"))
    a.say("liu", "向张记采购牛腩20斤,明天送到")
    a.say("liu", "订单1改成牛腩30斤")
    assert a.courier.deliver() == 0 and a.waiting() == 2
    with a.c.engine.begin() as conn:   # back where it was: both go, the first first
        conn.execute(update(tables.NetworkLink).values(peer=f"zhangji@{b.url}"))
        conn.execute(update(tables.NetworkMessage).where(tables.NetworkMessage.sender == "default",
                                                         tables.NetworkMessage.kind == "po")
                     .values(recipient=f"zhangji@{b.url}"))
    assert a.courier.deliver() == 2
    told = b.tick()
    assert "已记为客户订单 #1:牛腩 10公斤" in told and "✏️ 老街餐饮改了采购单 #1,客户订单 #1 现在是:牛腩 15公斤" in told


def test_accepting_another_servers_invitation_needs_our_own_address(tmp_path, monkeypatch):
    monkeypatch.delenv("KUGUAN_PUBLIC_URL", raising=False)
    from tests.e2e.conftest import make_chat
    chat = make_chat(tmp_path, monkeypatch, catalog=DEMO)
    said = texts(chat.say("liu", "接受邀请 KG-ABCD-EFGH@https://zhangji.example.com"))
    assert "本服务器还没设置对外地址(KUGUAN_PUBLIC_URL)" in said
    assert "@" not in texts(chat.say("liu", "邀请张记加入库管网络")).split("邀请码:", 1)[1].split("\n", 1)[0]


def test_with_several_replicas_one_courier_delivers_at_a_time(pair):
    from adapters.outbox.store import OutboxStore
    a, b = pair
    if b.c.engine.dialect.name != "postgresql":
        pytest.skip("replicas share a PostgreSQL database; SQLite serves one process")
    link(a, b)   # (the supplier's server is the PostgreSQL one: its order's snapshot waits to go back)
    a.say("liu", "向张记采购牛腩20斤,明天送到")
    a.courier.deliver()
    b.tick()
    assert b.waiting() == 1
    other = OutboxStore(b.c.engine).try_lead("network:zhangji")   # another replica is carrying them
    assert other is not None
    try:
        assert b.courier.deliver() == 0 and b.waiting() == 1
    finally:
        OutboxStore(b.c.engine).step_down(other)
    assert b.courier.deliver() == 1 and b.waiting() == 0
    assert "已接单" in a.tick()


def test_a_link_s_key_changes_and_what_either_side_sent_before_the_other_heard_still_goes(pair):
    """更换和张记的联网密钥: our messages are signed with a new key from then on; the key goes there signed with the old
    one, in order after what was sent before it (signed with the old key too); 张记's messages sent before it heard are
    still taken for a day; after that the old key is refused."""
    a, b = pair
    link(a, b)
    with a.c.uow(write=False) as uow:
        old = uow.network.link_to(f"zhangji@{b.url}").secret
    a.say("liu", "向张记采购牛腩20斤,明天送到")                        # before the change: goes with the old key
    assert "🔑 已更换和张记肉业的联网密钥" in a.say("liu", "更换和张记的联网密钥")
    assert "还没送到对方服务器" in a.say("liu", "更换和张记的联网密钥")   # one change at a time
    a.say("liu", "订单1改成牛腩30斤")                                   # after it: the new key
    with b.c.uow(write=False) as uow:
        assert uow.network.link_to(f"default@{a.url}").secret == old   # (not heard there yet)
    assert a.courier.deliver() == 3
    told = b.tick()
    assert "已记为客户订单 #1:牛腩 10公斤" in told and "现在是:牛腩 15公斤" in told
    with a.c.uow(write=False) as uow, b.c.uow(write=False) as theirs:
        new = uow.network.link_to(f"zhangji@{b.url}").secret
        assert new != old and theirs.network.link_to(f"default@{a.url}").secret == new
    assert len(a.audits("network_rekeyed")) == 1 and len(b.audits("network_rekeyed")) == 1   # (each side's trail)
    b.say("xiaozhao", "老街餐饮提走牛腩15公斤")                        # 张记 signs with the new key: taken
    assert b.courier.deliver() >= 1
    assert "发出了采购单 #1" in a.tick()
    body = json.dumps({"from": f"zhangji@{b.url}", "to": "default", "id": 900, "kind": "so", "subject": "so:1",
                       "payload": {"po": 1, "status": "open"}}).encode()

    def post(secret: str) -> int:
        return httpx.post(f"{a.url}/network/inbox", content=body, headers={
            "content-type": "application/json", network_remote.SIGNATURE: network.signature(secret, body)}).status_code

    assert post(old) == 200                                             # within the day: the old key still taken
    a.clock.set(a.clock.now() + timedelta(days=1, minutes=1))
    assert post(old) == 403 and post(new) == 200                        # a day later: refused
    rekey = json.dumps({"from": f"zhangji@{b.url}", "to": "default", "id": 901, "kind": "link", "subject": "k",
                        "payload": {"status": "rekey", "secret": "ab" * 32}}).encode()
    forged = httpx.post(f"{a.url}/network/inbox", content=rekey, headers={   # a new key signed with the old one
        "content-type": "application/json", network_remote.SIGNATURE: network.signature(old, rekey)})
    assert forged.status_code == 403
    with a.c.uow(write=False) as uow:
        assert uow.network.link_to(f"zhangji@{b.url}").secret == new
