"""Cross-replica fan-out of pushes over Redis pub/sub.

With several `serve` replicas behind a load balancer, a push produced on one replica must reach
a user whose WebSocket is open on another. Each replica publishes what it produces to one Redis
channel per tenant and delivers what it receives to its own sockets. Without KUGUAN_REDIS_URL the
hub delivers locally only (the embedded default).
"""
from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

Deliver = Callable[[list[dict[str, Any]]], Awaitable[None]]


class RedisFanout:
    def __init__(self, url: str, tenant: str) -> None:
        import redis.asyncio as aioredis

        self.redis = aioredis.from_url(url)
        self.channel = f"kuguan:{tenant}:push"
        self.origin = uuid.uuid4().hex  # this replica
        self._task: asyncio.Task[None] | None = None

    async def publish(self, payloads: list[dict[str, Any]]) -> None:
        if payloads:
            await self.redis.publish(self.channel, json.dumps({"origin": self.origin, "messages": payloads},
                                                              ensure_ascii=False))

    async def start(self, deliver: Deliver) -> None:
        pubsub = self.redis.pubsub()
        await pubsub.subscribe(self.channel)
        ready = asyncio.Event()

        async def loop() -> None:
            ready.set()
            async for msg in pubsub.listen():
                if msg.get("type") != "message":
                    continue
                data = json.loads(msg["data"])
                if data.get("origin") != self.origin:  # our own pushes were delivered locally already
                    await deliver(data["messages"])

        self._task = asyncio.create_task(loop())
        await ready.wait()

    async def close(self) -> None:
        if self._task:
            self._task.cancel()
        await self.redis.aclose()
