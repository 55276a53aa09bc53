"""Wiring for channel tests: outbox store, delivery, a running sender, the scripted conversation."""
from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from adapters.outbox import limits
from adapters.outbox.delivery import Delivery
from adapters.outbox.ports import Transport
from adapters.outbox.sender import Sender
from adapters.outbox.store import OutboxStore
from tests.channels.fakes import MemoryDirectory, ScriptedConversation

UNLIMITED = limits.ChannelLimits(overall=None, per_chat=())


def directory() -> MemoryDirectory:
    return MemoryDirectory({("telegram", "111"): "xiaowang", ("telegram", "222"): "boss",
                            ("wecom", "XiaoWang"): "xiaowang", ("wecom", "Boss"): "boss"},
                           invites={"AB12CD34": "xiaoli"})


@dataclass
class Wiring:
    store: OutboxStore
    directory: MemoryDirectory
    conversation: ScriptedConversation
    delivery: Delivery
    sender: Sender


@asynccontextmanager
async def running(store: OutboxStore, channel: str, transport: Transport,
                  channel_limits: limits.ChannelLimits = UNLIMITED) -> AsyncIterator[Wiring]:
    d = directory()
    delivery = Delivery(store, d, tenant="default", channels=(channel,))
    sender = Sender(channel=channel, store=store, transport=transport, limits=channel_limits, poll=0.2)
    delivery.register(channel, sender.wake)
    task = asyncio.create_task(sender.run())
    try:
        yield Wiring(store, d, ScriptedConversation(), delivery, sender)
    finally:
        sender.stop()
        await task
