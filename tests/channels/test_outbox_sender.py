"""The sender loop: per-chat pacing and order, 429 pauses, retries and permanent failures (SQLite)."""
from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from adapters.outbox import limits
from adapters.outbox.sender import Sender
from adapters.outbox.store import Draft, OutboxStore
from tests.channels.fakes import Permanent, RetryAfter, ScriptedTransport

FAST_CHAT = limits.ChannelLimits(overall=None, per_chat=(limits.Rate(1, 0.2),), chat_margin=0.0)


def enqueue(store: OutboxStore, chats: list[str], *, key: str = "k") -> None:
    store.add([Draft(tenant="default", channel="telegram", chat_id=c, payload={"text": f"{c}#{i}"},
                     dedupe_key=f"{key}{i}") for i, c in enumerate(chats)])


@asynccontextmanager
async def sending(store: OutboxStore, transport: ScriptedTransport, channel_limits: limits.ChannelLimits,
                  **kw: Any) -> AsyncIterator[Sender]:
    sender = Sender(channel="telegram", store=store, transport=transport, limits=channel_limits, poll=0.05, **kw)
    task = asyncio.create_task(sender.run())
    try:
        yield sender
    finally:
        sender.stop()
        await task


def times(transport: ScriptedTransport, chat: str) -> list[float]:
    return [t for t, e in transport.sent if e.chat_id == chat]


async def test_messages_to_one_chat_keep_their_order_and_spacing_while_others_go_at_once(store: OutboxStore) -> None:
    enqueue(store, ["1", "1", "1", "1", "2"])
    transport = ScriptedTransport()

    async with sending(store, transport, FAST_CHAT) as sender:
        await sender.idle(timeout=5)

    assert [e.payload["text"] for _, e in transport.sent if e.chat_id == "1"] == ["1#0", "1#1", "1#2", "1#3"]
    one = times(transport, "1")
    assert all(b - a >= 0.19 for a, b in zip(one, one[1:], strict=False))
    assert times(transport, "2")[0] < one[1]   # chat 2 did not wait behind chat 1's spacing (by order, not a clock)
    assert sender.stats["deferred"] >= 3


async def test_a_retry_after_pauses_the_whole_channel_then_sends_everything_once(store: OutboxStore) -> None:
    enqueue(store, ["1", "2", "3"])
    transport = ScriptedTransport([RetryAfter(0.3)])
    unlimited = limits.ChannelLimits(overall=None, per_chat=())

    async with sending(store, transport, unlimited) as sender:
        start = asyncio.get_running_loop().time()
        await sender.idle(timeout=5)

    assert sorted(e.chat_id for _, e in transport.sent) == ["1", "2", "3"]
    assert sender.stats["retry_after"] == 1
    retried = next(t for t, e in transport.sent if e.chat_id == "1")
    assert retried - start >= 0.29
    assert store.counts() == {"sent": 3}


async def test_a_permanent_error_fails_the_row_at_once(store: OutboxStore) -> None:
    enqueue(store, ["1"])
    transport = ScriptedTransport([Permanent("bot was blocked by the user")])

    async with sending(store, transport, FAST_CHAT) as sender:
        await sender.idle(timeout=5)

    assert transport.calls == 1 and store.counts() == {"failed": 1}


async def test_a_network_error_is_retried_and_gives_up_after_max_attempts(store: OutboxStore) -> None:
    enqueue(store, ["1"], key="a")
    enqueue(store, ["2"], key="b")
    flaky: Callable[[], Exception] = lambda: ConnectionError("reset")  # noqa: E731
    transport = ScriptedTransport([flaky(), flaky(), flaky(), flaky()])

    async with sending(store, transport, limits.ChannelLimits(overall=None, per_chat=()), max_attempts=2,
                       backoff=lambda n: 0.05) as sender:
        await sender.idle(timeout=5)

    assert transport.calls == 4
    assert store.counts() == {"failed": 2}
    assert sender.stats["retried"] == 2
