"""Redis fan-out between serve replicas, against the real Redis server (skipped when unreachable)."""
from __future__ import annotations

import asyncio

import pytest

from adapters.webchat.fanout import RedisFanout
from tests.conftest import REDIS_URL as URL
from tests.conftest import redis_up


@pytest.mark.skipif(not redis_up(), reason="Redis not reachable at 127.0.0.1:6379")
async def test_a_push_on_one_replica_reaches_the_other_and_not_itself():
    a, b = RedisFanout(URL, "t-fanout"), RedisFanout(URL, "t-fanout")
    got_a: list[dict] = []
    got_b: list[dict] = []

    async def into(lst):
        async def deliver(msgs):
            lst.extend(msgs)
        return deliver

    await a.start(await into(got_a))
    await b.start(await into(got_b))
    await a.publish([{"to": "amy", "text": "hi"}])
    for _ in range(50):
        if got_b:
            break
        await asyncio.sleep(0.02)
    await a.close()
    await b.close()
    assert got_b == [{"to": "amy", "text": "hi"}]
    assert got_a == []
