"""The outbox table on SQLite and PostgreSQL: dedupe, atomic claims, leases, and restarts."""
from __future__ import annotations

import asyncio
import threading
from datetime import timedelta

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import Engine

from adapters.outbox import store as store_
from adapters.outbox.sender import Sender
from tests.channels.fakes import ScriptedTransport
from tests.channels.harness import UNLIMITED

LEASE = timedelta(minutes=2)


def drafts(n: int, *, prefix: str = "m") -> list[store_.Draft]:
    return [store_.Draft(tenant="default", channel="telegram", chat_id=str(1000 + i), payload={"text": f"第{i}条"},
                         dedupe_key=f"{prefix}{i}") for i in range(n)]


def test_enqueueing_the_same_dedupe_key_twice_keeps_one_row(db: Engine) -> None:
    box = store_.OutboxStore(db)

    first = box.add(drafts(3))
    again = box.add(drafts(3) + drafts(1, prefix="new"))

    assert len(first) == 3 and len(again) == 1
    assert box.counts() == {"pending": 4}


def test_concurrent_claimers_never_get_the_same_row(db: Engine) -> None:
    box = store_.OutboxStore(db)
    box.add(drafts(120))
    got: list[list[int]] = []

    def claimer() -> None:
        mine: list[int] = []
        while batch := box.claim("telegram", limit=7, lease=LEASE):
            mine += [e.id for e in batch]
        got.append(mine)

    threads = [threading.Thread(target=claimer) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    claimed = [i for mine in got for i in mine]
    assert len(claimed) == len(set(claimed)) == 120


def test_replies_are_claimed_before_pushes_and_each_in_enqueue_order(db: Engine) -> None:
    box = store_.OutboxStore(db)
    box.add(drafts(3, prefix="push"))
    box.add([store_.Draft(tenant="default", channel="telegram", chat_id="7", payload={}, dedupe_key="reply",
                          priority=0)])

    claimed = box.claim("telegram", limit=10, lease=LEASE)

    assert [e.chat_id for e in claimed] == ["7", "1000", "1001", "1002"]


def test_an_expired_lease_makes_the_row_claimable_again(db: Engine) -> None:
    box = store_.OutboxStore(db)
    box.add(drafts(1))

    (first,) = box.claim("telegram", limit=5, lease=timedelta(seconds=-1))
    (second,) = box.claim("telegram", limit=5, lease=LEASE)

    assert first.id == second.id and second.attempts == 2
    assert box.claim("telegram", limit=5, lease=LEASE) == []


async def test_a_message_left_sending_by_a_crash_is_sent_after_restart_and_never_enqueued_twice(db: Engine) -> None:
    box = store_.OutboxStore(db)
    box.add(drafts(5))
    box.claim("telegram", limit=2, lease=LEASE)  # the crashed process had claimed two, sent nothing
    assert box.counts() == {"pending": 3, "sending": 2}

    transport = ScriptedTransport()
    sender = Sender(channel="telegram", store=box, transport=transport, limits=UNLIMITED, poll=0.1)
    task = asyncio.create_task(sender.run())  # the restart: recover() makes the two due at once
    await sender.idle(timeout=5)
    assert box.add(drafts(5)) == []  # the producer retrying after its own crash adds nothing
    await sender.idle(timeout=5)
    sender.stop()
    await task

    assert sorted(e.payload["text"] for _, e in transport.sent) == [f"第{i}条" for i in range(5)]
    assert box.counts() == {"sent": 5}


async def test_a_crash_between_the_send_and_its_record_sends_that_message_again(db: Engine) -> None:
    """At-least-once, stated as a test: the outbox cannot know whether the channel got a message it never
    heard back about, so it sends it again (Telegram and WeCom offer no idempotency key to prevent that)."""
    box = store_.OutboxStore(db)
    box.add(drafts(1))
    transport = ScriptedTransport()
    (env,) = box.claim("telegram", limit=1, lease=LEASE)
    await transport.send(env)  # ... and the process dies before box.sent(env.id)

    sender = Sender(channel="telegram", store=box, transport=transport, limits=UNLIMITED, poll=0.1)
    task = asyncio.create_task(sender.run())
    await sender.idle(timeout=5)
    sender.stop()
    await task

    assert [e.id for _, e in transport.sent] == [env.id, env.id]
    assert box.counts() == {"sent": 1}


async def test_only_one_sender_per_channel_sends_and_another_takes_over_when_it_stops(db: Engine) -> None:
    if db.dialect.name != "postgresql":
        pytest.skip("leadership is a PostgreSQL advisory lock; SQLite serves one process")
    other_process = create_engine(db.url)  # its own connection pool, as in another `serve` replica
    box, other_box = store_.OutboxStore(db), store_.OutboxStore(other_process)
    first_t, second_t = ScriptedTransport(), ScriptedTransport()
    first = Sender(channel="telegram", store=box, transport=first_t, limits=UNLIMITED, poll=0.05)
    second = Sender(channel="telegram", store=other_box, transport=second_t, limits=UNLIMITED, poll=0.05)
    first_task = asyncio.create_task(first.run())
    await asyncio.sleep(0.2)
    second_task = asyncio.create_task(second.run())
    box.add(drafts(3))
    first.wake()
    await first.idle(timeout=5)
    await asyncio.sleep(0.3)
    assert (first.leading, second.leading, len(first_t.sent), len(second_t.sent)) == (True, False, 3, 0)

    first.stop()
    await first_task
    box.add(drafts(2, prefix="later"))
    for _ in range(100):
        if len(second_t.sent) == 2:
            break
        await asyncio.sleep(0.05)
    took_over = second.leading
    second.stop()
    await second_task
    other_process.dispose()

    assert took_over and [e.payload["text"] for _, e in second_t.sent] == ["第0条", "第1条"]
