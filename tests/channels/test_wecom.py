"""The WeCom callback with the official sample vector and self-encrypted posts; outbound calls to a local fake."""
from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from adapters.outbox.store import OutboxStore
from adapters.wecom import api as api_
from adapters.wecom import callback, transport
from bot.messages import Attachment, Outgoing
from tests.channels.fake_wecom import FakeWeCom
from tests.channels.fakes import ScriptedConversation
from tests.channels.harness import Wiring, directory, running

CONFIG = callback.WeComConfig(token="QDG6eK", aes_key="jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C",
                              corp_id="wx5823bf96d3bd56c7", agent_id=1000002, secret="app-secret")
VECTOR = {"msg_signature": "5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3", "timestamp": "1409659589",
          "nonce": "263014780",
          "echostr": "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ=="}


def text_xml(user: str, text: str, msg_id: str = "1234567890123456") -> str:
    return (f"<xml><ToUserName><![CDATA[{CONFIG.corp_id}]]></ToUserName><FromUserName><![CDATA[{user}]]>"
            f"</FromUserName><CreateTime>1781480000</CreateTime><MsgType><![CDATA[text]]></MsgType>"
            f"<Content><![CDATA[{text}]]></Content><MsgId>{msg_id}</MsgId><AgentID>{CONFIG.agent_id}</AgentID></xml>")


def click_xml(user: str, task_id: str, key: str, response_code: str) -> str:
    return (f"<xml><ToUserName><![CDATA[{CONFIG.corp_id}]]></ToUserName><FromUserName><![CDATA[{user}]]>"
            f"</FromUserName><CreateTime>1781480100</CreateTime><MsgType><![CDATA[event]]></MsgType>"
            f"<Event><![CDATA[template_card_event]]></Event><EventKey><![CDATA[{key}]]></EventKey>"
            f"<TaskId><![CDATA[{task_id}]]></TaskId><CardType><![CDATA[button_interaction]]></CardType>"
            f"<ResponseCode><![CDATA[{response_code}]]></ResponseCode><AgentID>{CONFIG.agent_id}</AgentID></xml>")


def app_for(inbound: callback.Inbound) -> FastAPI:
    app = FastAPI()
    app.include_router(callback.router(crypto=CONFIG.crypto(), inbound=inbound, agent_id=CONFIG.agent_id))
    return app


# ---------------------------------------------------------------- inbound only (no network)
@pytest.fixture
def offline(store: OutboxStore) -> tuple[TestClient, ScriptedConversation]:
    from adapters.outbox.delivery import Delivery
    conversation = ScriptedConversation()
    d = directory()
    inbound = callback.Inbound(conversation=conversation, directory=d, tenant="default",
                               delivery=Delivery(store, d, tenant="default", channels=("wecom",)),
                               api=api_.WeComAPI(corp_id=CONFIG.corp_id, secret="x", agent_id=CONFIG.agent_id,
                                                 base_url="http://127.0.0.1:9"))
    return TestClient(app_for(inbound)), conversation


def test_url_verification_with_the_official_vector_answers_the_echo(offline: tuple[TestClient, ScriptedConversation]) -> None:
    client, _ = offline

    r = client.get("/wecom/callback", params=VECTOR)

    assert r.status_code == 200 and r.text == "1616140317555161061"


@pytest.mark.parametrize("field", ["msg_signature", "timestamp", "nonce", "echostr"])
def test_url_verification_with_anything_altered_gets_403(offline: tuple[TestClient, ScriptedConversation],
                                                         field: str) -> None:
    client, _ = offline
    altered = dict(VECTOR, **{field: VECTOR[field][:-2] + "AA"})

    assert client.get("/wecom/callback", params=altered).status_code == 403


def test_a_post_encrypted_with_the_key_reaches_the_conversation(offline: tuple[TestClient, ScriptedConversation],
                                                                store: OutboxStore) -> None:
    client, conversation = offline
    body, params = CONFIG.crypto().envelope(text_xml("XiaoWang", "收到可乐2箱"))

    r = client.post("/wecom/callback", params=params, content=body)

    assert r.status_code == 200
    (incoming,) = conversation.seen
    assert (incoming.channel, incoming.chat_id, incoming.username, incoming.text, incoming.message_id) == \
        ("wecom", "XiaoWang", "xiaowang", "收到可乐2箱", "1234567890123456")
    assert store.counts("wecom") == {"pending": 1}


def test_a_post_with_a_bad_signature_gets_403_and_nothing_is_processed(
        offline: tuple[TestClient, ScriptedConversation], store: OutboxStore) -> None:
    client, conversation = offline
    body, params = CONFIG.crypto().envelope(text_xml("XiaoWang", "收到可乐2箱"))

    r = client.post("/wecom/callback", params=dict(params, msg_signature="0" * 40), content=body)

    assert r.status_code == 403
    assert conversation.seen == [] and store.counts() == {}


def test_start_with_an_invite_code_binds_the_wecom_user(offline: tuple[TestClient, ScriptedConversation]) -> None:
    client, conversation = offline
    body, params = CONFIG.crypto().envelope(text_xml("XiaoLi", "/start AB12CD34"))

    client.post("/wecom/callback", params=params, content=body)

    assert conversation.seen[0].username == "xiaoli"


def test_an_unknown_member_reaches_the_conversation_without_a_username(
        offline: tuple[TestClient, ScriptedConversation]) -> None:
    client, conversation = offline
    body, params = CONFIG.crypto().envelope(text_xml("Stranger", "库存"))

    client.post("/wecom/callback", params=params, content=body)

    assert conversation.seen[0].username is None


# ---------------------------------------------------------------- through the fake WeCom server
@dataclass
class Live:
    server: FakeWeCom
    w: Wiring
    http: httpx.AsyncClient
    api: api_.WeComAPI

    async def post(self, xml: str) -> httpx.Response:
        body, params = CONFIG.crypto().envelope(xml)
        r = await self.http.post("/wecom/callback", params=params, content=body)
        await self.w.sender.idle(timeout=5)
        return r


@pytest.fixture
async def live(store: OutboxStore) -> AsyncIterator[Live]:
    server = await FakeWeCom().start()
    wecom = api_.WeComAPI(corp_id=CONFIG.corp_id, secret=CONFIG.secret, agent_id=CONFIG.agent_id,
                          base_url=server.base)
    async with running(store, "wecom", transport.WeComTransport(wecom)) as w:
        inbound = callback.Inbound(conversation=w.conversation, directory=w.directory, delivery=w.delivery,
                                   api=wecom, tenant="default")
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app_for(inbound)),
                                     base_url="http://kuguan") as http:
            yield Live(server, w, http, wecom)
    await wecom.aclose()
    await server.stop()


async def test_a_reply_with_buttons_goes_out_as_a_button_interaction_card(live: Live) -> None:
    await live.post(text_xml("XiaoWang", "收到可乐2箱"))

    (sent,) = live.server.sent
    assert (sent["touser"], sent["msgtype"], sent["agentid"]) == ("XiaoWang", "template_card", CONFIG.agent_id)
    card = sent["template_card"]
    assert card["card_type"] == "button_interaction"
    assert card["main_title"]["title"].startswith("收到可乐2箱?")
    assert [b["text"] for b in card["button_list"]] == ["确认", "取消", "可口可乐 330ml 罐装 经典口味 整箱二十四罐"]
    assert transport.row_of(card["task_id"]) is not None


async def test_a_card_click_updates_the_card_and_reaches_the_conversation(live: Live) -> None:
    await live.post(text_xml("XiaoWang", "收到可乐2箱"))
    card = live.server.sent[0]["template_card"]

    await live.post(click_xml("XiaoWang", card["task_id"], card["button_list"][0]["key"], "rc-42"))

    (update,) = live.server.updates
    assert update == {"userids": ["XiaoWang"], "agentid": CONFIG.agent_id, "response_code": "rc-42",
                      "button": {"replace_name": "✓ 确认"}}
    press = live.w.conversation.seen[-1]
    assert (press.press, press.pressed_message, press.username) == ("ok:ab12", 7, "xiaowang")
    assert sorted((m["touser"], m["text"]["content"]) for m in live.server.sent[1:]) == \
        [("Boss", "xiaowang 确认了入库"), ("XiaoWang", "已记录 ok:ab12")]


async def test_a_click_on_another_members_card_reaches_nobody(live: Live) -> None:
    await live.post(text_xml("XiaoWang", "收到可乐2箱"))
    card = live.server.sent[0]["template_card"]

    await live.post(click_xml("Boss", card["task_id"], "0", "rc-43"))

    assert len(live.w.conversation.seen) == 1 and live.server.updates == []


async def test_the_access_token_is_cached_and_refreshed_when_a_call_says_it_expired(live: Live) -> None:
    await live.w.delivery.deliver([Outgoing(to="boss", text="早报:可乐 12 箱")], key="r1")
    await live.w.delivery.deliver([Outgoing(to="boss", text="午报:可乐 9 箱")], key="r2")
    await live.w.sender.idle(timeout=5)
    assert live.server.tokens_issued == 1

    live.server.expire_tokens()
    await live.w.delivery.deliver([Outgoing(to="boss", text="晚报:可乐 3 箱")], key="r3")
    await live.w.sender.idle(timeout=5)

    assert live.server.tokens_issued == 2 and live.server.rejected_tokens == 1
    assert [m["text"]["content"] for m in live.server.sent] == ["早报:可乐 12 箱", "午报:可乐 9 箱", "晚报:可乐 3 箱"]


async def test_a_long_text_with_buttons_is_sent_whole_then_as_a_card(live: Live) -> None:
    text = "本周采购建议\n" + "\n".join(f"商品{i}:建议补货 {i} 箱" for i in range(30))
    await live.w.delivery.deliver([Outgoing(to="boss", text=text, buttons=[[transport.Button("确认下单", "ap:9")]])],
                                  key="long")
    await live.w.sender.idle(timeout=5)

    first, second = live.server.sent
    assert first["msgtype"] == "text" and first["text"]["content"] == text
    assert second["msgtype"] == "template_card" and second["template_card"]["main_title"]["title"] == "本周采购建议"


async def test_a_text_over_2048_bytes_is_sent_in_parts_that_wecom_does_not_cut(live: Live) -> None:
    text = "库存日报\n" + "\n".join(f"商品{i}:现有 {i} 斤,昨日售出 {i + 3} 斤" for i in range(150))
    assert len(text.encode()) > 2048
    await live.w.delivery.deliver([Outgoing(to="boss", text=text)], key="daily")
    await live.w.sender.idle(timeout=10)

    contents = [m["text"]["content"] for m in live.server.sent]
    assert len(contents) >= 3 and all(len(c.encode()) <= 2048 for c in contents)
    assert "\n".join(contents) == text


async def test_an_image_is_uploaded_and_sent_before_the_text(live: Live) -> None:
    await live.w.delivery.deliver([Outgoing(to="boss", text="销量预测", image=b"\x89PNG fake")], key="img")
    await live.w.sender.idle(timeout=5)

    assert live.server.uploads == 1
    assert [m["msgtype"] for m in live.server.sent] == ["image", "text"]


async def test_a_spreadsheet_is_uploaded_as_a_file_and_sent_after_its_text(live: Live) -> None:
    book = Attachment("库存_徐汇店_20260615.xlsx", b"PK\x03\x04 fake xlsx")
    await live.w.delivery.deliver([Outgoing(to="boss", text="📎 徐汇店库存表", file=book)], key="xlsx")
    await live.w.sender.idle(timeout=5)

    assert [m["msgtype"] for m in live.server.sent] == ["text", "file"]
    assert live.server.sent[1]["file"]["media_id"] == "media1"
    assert live.server.files == [{"type": "file", "filename": book.name, "content": book.content}]


def image_xml(user: str, media_id: str, msg_id: str = "2234567890123456") -> str:
    return (f"<xml><ToUserName><![CDATA[{CONFIG.corp_id}]]></ToUserName><FromUserName><![CDATA[{user}]]>"
            f"</FromUserName><CreateTime>1781480000</CreateTime><MsgType><![CDATA[image]]></MsgType>"
            f"<PicUrl><![CDATA[http://wework.qpic.cn/x]]></PicUrl><MediaId><![CDATA[{media_id}]]></MediaId>"
            f"<MsgId>{msg_id}</MsgId><AgentID>{CONFIG.agent_id}</AgentID></xml>")


async def test_a_photo_is_fetched_by_its_media_id_with_a_fresh_token_and_reaches_the_conversation(live: Live) -> None:
    picture = b"\x89PNG\r\n\x1a\n a delivery note" + bytes(range(256)) * 40
    live.server.media["MEDIA-1"] = picture
    await live.post(text_xml("XiaoWang", "收到可乐2箱"))   # (a token issued)
    live.server.expire_tokens()
    await live.post(image_xml("XiaoWang", "MEDIA-1"))
    await live.post(image_xml("XiaoWang", "GONE", msg_id="2234567890123457"))   # kept 3 days by WeCom: gone
    await live.post(image_xml("Stranger", "MEDIA-1", msg_id="2234567890123458"))

    _, photo, gone, stranger = live.w.conversation.seen
    assert (photo.username, photo.image, photo.message_id) == ("xiaowang", picture, "2234567890123456")
    assert gone.image == b"" and stranger.username is None and stranger.image == b""
    assert live.server.rejected_tokens == 1 and live.server.tokens_issued == 2
