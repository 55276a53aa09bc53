"""Edge fakes for the channel tests: an in-memory directory, a scripted conversation, a recording aiogram session."""
from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncGenerator
from datetime import datetime
from typing import Any

from aiogram import Bot
from aiogram.client.session.base import BaseSession
from aiogram.methods import TelegramMethod
from aiogram.methods.base import TelegramType
from aiogram.types import Chat, Message, User

from adapters.outbox.ports import Envelope, Permanent, RetryAfter
from bot.messages import Button, Incoming, Outgoing


class MemoryDirectory:
    def __init__(self, bound: dict[tuple[str, str], str] | None = None, invites: dict[str, str] | None = None) -> None:
        self.bound = dict(bound or {})
        self.invites = dict(invites or {})
        self.binds: list[tuple[str, str, str]] = []

    async def lookup(self, channel: str, external_id: str) -> str | None:
        return self.bound.get((channel, external_id))

    async def bind(self, channel: str, external_id: str, invite_code: str) -> str | None:
        self.binds.append((channel, external_id, invite_code))
        username = self.invites.pop(invite_code, None)
        if username is not None:
            self.bound[(channel, external_id)] = username
        return username

    async def address(self, channel: str, username: str) -> str | None:
        return next((ext for (ch, ext), u in self.bound.items() if ch == channel and u == username), None)


class ScriptedConversation:
    """Replies like the real one in shape: a question with 确认/取消, a push to the boss after a press."""

    def __init__(self) -> None:
        self.seen: list[Incoming] = []

    async def handle(self, incoming: Incoming) -> list[Outgoing]:
        self.seen.append(incoming)
        if incoming.username is None:
            return [Outgoing(to=incoming.chat_id, text="未注册,请向店长索取邀请码。")]
        if incoming.press is not None:
            return [Outgoing(to=incoming.username, text=f"已记录 {incoming.press}"),
                    Outgoing(to="boss", text=f"{incoming.username} 确认了入库")]
        return [Outgoing(to=incoming.username, text=f"收到可乐2箱?({incoming.text})", id=7,
                         buttons=[[Button("确认", "ok:ab12"), Button("取消", "no:ab12")],
                                  [Button("可口可乐 330ml 罐装 经典口味 整箱二十四罐", "pick:可口可乐 330ml 罐装 经典口味 整箱二十四罐")]])]


class RecordingSession(BaseSession):
    """A fake network session (as in aiogram's own tests): records each method and returns a canned result."""

    def __init__(self) -> None:
        super().__init__()
        self.requests: list[TelegramMethod[Any]] = []
        self.ids = itertools.count(500)

    async def make_request(self, bot: Bot, method: TelegramMethod[TelegramType],
                           timeout: int | None = None) -> TelegramType:
        self.requests.append(method)
        name = method.__api_method__
        if name in ("sendMessage", "sendPhoto"):
            chat = int(method.chat_id)  # type: ignore[attr-defined]
            return Message(message_id=next(self.ids), date=datetime.now(), text=getattr(method, "text", None),
                           chat=Chat(id=chat, type="private" if chat > 0 else "group"))  # type: ignore[return-value]
        if name == "getMe":
            return User(id=42, is_bot=True, first_name="kuguan")  # type: ignore[return-value]
        return True  # type: ignore[return-value]

    def called(self, name: str) -> list[Any]:
        return [m for m in self.requests if m.__api_method__ == name]

    async def close(self) -> None:
        pass

    async def stream_content(self, url: str, headers: dict[str, Any] | None = None, timeout: int = 30,
                             chunk_size: int = 65536, raise_for_status: bool = True) -> AsyncGenerator[bytes, None]:
        yield b""


class ScriptedTransport:
    """A transport whose outcomes are scripted per call: None sends, an exception is raised."""

    def __init__(self, script: list[Exception | None] | None = None, delay: float = 0.0) -> None:
        self.script = list(script or [])
        self.sent: list[tuple[float, Envelope]] = []
        self.calls = 0
        self.delay = delay

    async def send(self, envelope: Envelope) -> str | None:
        self.calls += 1
        if self.delay:
            await asyncio.sleep(self.delay)
        outcome = self.script.pop(0) if self.script else None
        if outcome is not None:
            raise outcome
        self.sent.append((asyncio.get_running_loop().time(), envelope))
        return str(envelope.id)


__all__ = ["MemoryDirectory", "Permanent", "RecordingSession", "RetryAfter", "ScriptedConversation",
           "ScriptedTransport"]
