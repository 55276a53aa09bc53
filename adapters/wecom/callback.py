"""GET/POST /wecom/callback: URL verification, msg_signature check (403 on a bad one), decryption, and dispatch.

Text messages, photos and template card clicks become Incoming messages for the conversation. The HTTP answer is an
empty 200 at once (WeCom retries after 5 s); the conversation runs right after, and its replies go through
the outbox.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import httpx
from fastapi import APIRouter, BackgroundTasks, HTTPException, Query, Request
from fastapi.responses import PlainTextResponse

from adapters.outbox.delivery import Delivery
from adapters.outbox.ports import Directory, Handler
from adapters.wecom import api as api_
from adapters.wecom import crypto as crypto_
from adapters.wecom import transport
from bot.messages import Incoming

CHANNEL = "wecom"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class WeComConfig:
    """From env WECOM_TOKEN, WECOM_AES_KEY, WECOM_CORP_ID, WECOM_AGENT_ID, WECOM_SECRET (adapters.settings)."""
    token: str
    aes_key: str
    corp_id: str
    agent_id: int
    secret: str
    api_base: str = "https://qyapi.weixin.qq.com"

    @classmethod
    def from_settings(cls, s: Any) -> WeComConfig:
        return cls(token=s.wecom_token, aes_key=s.wecom_aes_key, corp_id=s.wecom_corp_id,
                   agent_id=int(s.wecom_agent_id), secret=s.wecom_secret, api_base=s.wecom_api_base)

    def crypto(self) -> crypto_.Crypto:
        return crypto_.Crypto(token=self.token, aes_key=self.aes_key, corp_id=self.corp_id)

    def api(self) -> api_.WeComAPI:
        return api_.WeComAPI(corp_id=self.corp_id, secret=self.secret, agent_id=self.agent_id,
                             base_url=self.api_base)


@dataclass
class Inbound:
    """What the callback needs to turn WeCom messages into conversation turns."""
    conversation: Handler
    directory: Directory
    delivery: Delivery
    api: api_.WeComAPI
    tenant: str

    async def message(self, msg: dict[str, str]) -> None:
        user = msg.get("FromUserName", "")
        if msg.get("MsgType") == "text":
            await self._text(user, msg.get("Content", "").strip(), msg.get("MsgId") or None)
        elif msg.get("MsgType") == "image":
            await self._photo(user, msg.get("MediaId", ""), msg.get("MsgId") or None)
        elif msg.get("MsgType") == "event" and msg.get("Event") == "template_card_event":
            await self._click(user, msg)

    async def _text(self, user: str, text: str, msg_id: str | None) -> None:
        username = None
        if text.startswith("/start "):
            username = await self.directory.bind(CHANNEL, user, text.split(maxsplit=1)[1].strip())
        username = username or await self.directory.lookup(CHANNEL, user)
        await self._converse(Incoming(tenant=self.tenant, channel=CHANNEL, chat_id=user, username=username,
                                      text=text, message_id=msg_id))

    async def _photo(self, user: str, media_id: str, msg_id: str | None) -> None:
        """A delivery note's photo: fetched from WeCom (a registered sender's only) and read by the conversation."""
        username = await self.directory.lookup(CHANNEL, user)
        image = b""
        if username is not None and media_id:
            try:
                image = await self.api.download(media_id)
            except (api_.WeComError, httpx.HTTPError):   # gone (kept 3 days) or refused: said as no picture
                log.exception("could not fetch WeCom media %s", media_id)
        await self._converse(Incoming(tenant=self.tenant, channel=CHANNEL, chat_id=user, username=username,
                                      image=image, message_id=msg_id))

    async def _click(self, user: str, msg: dict[str, str]) -> None:
        row = transport.row_of(msg.get("TaskId", ""))
        key = msg.get("EventKey", "")
        pressed = await self.delivery.pressed(row, int(key), channel=CHANNEL, chat_id=user) \
            if row is not None and key.isdigit() else None
        if pressed is None:
            return
        if msg.get("ResponseCode"):
            try:
                await self.api.update_card(userids=[user], response_code=msg["ResponseCode"],
                                           replace_name=f"✓ {pressed.label}")
            except Exception:  # noqa: BLE001 - the press still counts; the conversation refuses a second one
                log.exception("could not update the WeCom card of row %s", row)
        username = await self.directory.lookup(CHANNEL, user)
        await self._converse(Incoming(tenant=self.tenant, channel=CHANNEL, chat_id=user, username=username,
                                      text=pressed.label, press=pressed.data, pressed_message=pressed.message,
                                      message_id=f"card:{msg.get('TaskId')}:{user}:{msg.get('CreateTime')}"))

    async def _converse(self, incoming: Incoming) -> None:
        out = await self.conversation.handle(incoming)
        await self.delivery.deliver(out, origin=incoming)


def router(*, crypto: crypto_.Crypto, inbound: Inbound, agent_id: int, path: str = "/wecom/callback") -> APIRouter:
    api = APIRouter(tags=["wecom"])

    @api.get(path, response_class=PlainTextResponse)
    async def verify_url(msg_signature: str, timestamp: str, nonce: str, echostr: str) -> str:
        if not crypto.verify(msg_signature, timestamp, nonce, echostr):
            raise HTTPException(status_code=403, detail="bad signature")
        try:
            return crypto.decrypt(echostr)
        except Exception as exc:  # noqa: BLE001 - signed but not decryptable with our key and corp id
            raise HTTPException(status_code=400, detail="cannot decrypt") from exc

    @api.post(path, response_class=PlainTextResponse)
    async def receive(request: Request, background: BackgroundTasks, msg_signature: str = Query(),
                      timestamp: str = Query(), nonce: str = Query()) -> str:
        try:
            encrypted = crypto_.fields((await request.body()).decode())["Encrypt"]
        except Exception as exc:  # noqa: BLE001 - malformed XML or no Encrypt element
            raise HTTPException(status_code=400, detail="malformed body") from exc
        if not crypto.verify(msg_signature, timestamp, nonce, encrypted):
            raise HTTPException(status_code=403, detail="bad signature")
        try:
            msg = crypto_.fields(crypto.decrypt(encrypted))
        except Exception as exc:  # noqa: BLE001
            raise HTTPException(status_code=400, detail="cannot decrypt") from exc
        if msg.get("AgentID") and msg["AgentID"] != str(agent_id):
            return ""
        background.add_task(inbound.message, msg)
        return ""

    return api
