"""What the chat channels share: the conversation, the identity directory, transports and their errors."""
from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any, Protocol

from bot.messages import Incoming, Outgoing


class Handler(Protocol):
    """The channel-neutral conversation (bot.conversation.Conversation)."""

    async def handle(self, incoming: Incoming) -> list[Outgoing]: ...


class InThread:
    """A Handler over a synchronous conversation (`handle_sync`), run in a worker thread so its database work
    does not block the event loop that serves the webhooks and the senders."""

    def __init__(self, conversation: Any) -> None:
        self.conversation = conversation

    async def handle(self, incoming: Incoming) -> list[Outgoing]:
        out: list[Outgoing] = await asyncio.to_thread(self.conversation.handle_sync, incoming)
        return out


class Directory(Protocol):
    """Channel identities (Telegram user id, WeCom userid) ↔ kuguan usernames (adapters.directory.DbDirectory)."""

    async def lookup(self, channel: str, external_id: str) -> str | None: ...

    async def bind(self, channel: str, external_id: str, invite_code: str) -> str | None: ...

    async def address(self, channel: str, username: str) -> str | None: ...


@dataclass(frozen=True)
class Envelope:
    """One claimed outbox row, as the sender hands it to a transport."""
    id: int
    tenant: str
    channel: str
    chat_id: str
    payload: dict[str, Any]
    attempts: int


class Transport(Protocol):
    """Sends one envelope on one channel; returns the channel's message id when it has one."""

    async def send(self, envelope: Envelope) -> str | None: ...


class RetryAfter(Exception):
    """The channel asked us to slow down (Telegram 429 retry_after, WeCom frequency errors)."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"retry after {seconds}s")
        self.seconds = seconds


class Permanent(Exception):
    """The message can never be delivered as it is (blocked bot, unknown chat, malformed request)."""
