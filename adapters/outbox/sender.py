"""The sender loop of one channel: claim due rows, pace them within the limits, send, record the outcome.

Delivery is at-least-once: a row is marked sent only after the channel accepted it, so a crash between the
two sends that message again after the restart (the outbox never loses one, and never enqueues one twice).
Messages to one chat go out one at a time in the order they were started (rows are claimed in id order), so
the parts of a long text and consecutive replies arrive in order.
"""
from __future__ import annotations

import asyncio
import logging
import time
from collections import Counter
from collections.abc import Callable
from datetime import datetime, timedelta

from adapters.outbox import limits as limits_
from adapters.outbox import store as store_
from adapters.outbox.ports import Envelope, Permanent, RetryAfter, Transport

log = logging.getLogger(__name__)


class Sender:
    def __init__(self, *, channel: str, store: store_.OutboxStore, transport: Transport,
                 limits: limits_.ChannelLimits, lease: timedelta = timedelta(minutes=2), horizon: float = 1.0,
                 concurrency: int = 64, max_attempts: int = 8, poll: float = 2.0,
                 backoff: Callable[[int], float] = lambda attempts: min(300.0, 2.0 ** attempts),
                 monotonic: Callable[[], float] = time.monotonic,
                 wall: Callable[[], datetime] = store_.utcnow) -> None:
        self.channel = channel
        self.store = store
        self.transport = transport
        self.limiter = limits_.Limiter(limits)
        self.lease, self.horizon, self.concurrency = lease, horizon, concurrency
        self.max_attempts, self.poll, self.backoff = max_attempts, poll, backoff
        self.monotonic, self.wall = monotonic, wall
        self.stats: Counter[str] = Counter()  # sent, retry_after, retried, failed, deferred
        self._wake = asyncio.Event()
        self._inflight: set[asyncio.Task[None]] = set()
        self._chats: dict[str, tuple[asyncio.Lock, int]] = {}  # per chat: its lock and the sends holding or awaiting it
        self._stopping = False
        self.leading = False

    def wake(self) -> None:
        """Something was enqueued: look now instead of at the next poll."""
        self._wake.set()

    async def run(self) -> None:
        """Run until stop(). Only one process sends on a channel (an advisory lock on PostgreSQL): the limits
        are kept in memory, so two senders would together exceed them. The others wait to take over.
        On taking over, rows a crashed predecessor left in `sending` are due again at once."""
        leader = None
        try:
            while not self._stopping and leader is None:
                leader = await asyncio.to_thread(self.store.try_lead, self.channel)
                if leader is None:
                    await self._sleep(self.poll * 5)
            if leader is None:
                return
            self.leading = True
            await asyncio.to_thread(self.store.recover, self.channel)
            while not self._stopping:
                await self._cycle()
        finally:
            try:
                for task in list(self._inflight):
                    task.cancel()  # their rows stay `sending` and are sent again after the restart
                await asyncio.gather(*self._inflight, return_exceptions=True)
            finally:  # even when cancelled while waiting above
                self.leading = False
                if leader is not None:
                    self.store.step_down(leader)

    def stop(self) -> None:
        self._stopping = True
        self._wake.set()

    async def idle(self, *, timeout: float = 30.0) -> None:
        """Wait until nothing is pending, in flight or being sent (tests and benchmarks)."""
        deadline = self.monotonic() + timeout
        while self.monotonic() < deadline:
            counts = await asyncio.to_thread(self.store.counts, self.channel)
            if not self._inflight and not counts.get(store_.PENDING) and not counts.get(store_.SENDING):
                return
            await asyncio.sleep(0.02)
        raise TimeoutError(f"outbox {self.channel} not idle after {timeout}s")

    async def _cycle(self) -> None:
        now = self.monotonic()
        room = self.limiter.room(now, horizon=self.horizon, cap=self.concurrency - len(self._inflight))
        if room <= 0:
            await self._sleep(max(0.005, self.limiter.overall_at(now) - now - self.horizon / 2))
            return
        rows = await asyncio.to_thread(self.store.claim, self.channel, limit=room, lease=self.lease)
        if not rows:
            await self._sleep(await self._until_due())
            return
        now, wall_now = self.monotonic(), self.wall()
        deferred: dict[str, int] = Counter()
        for env in rows:
            slot = self.limiter.overall_at(now)
            if env.chat_id not in deferred and self.limiter.chat_at(env.chat_id, now) <= slot:
                self.limiter.reserve(env.chat_id, slot)
                task = asyncio.create_task(self._send(env, slot))
                self._inflight.add(task)
                task.add_done_callback(self._inflight.discard)
            else:  # this chat is at its limit: back to the table until its next slot
                at = self.limiter.chat_at(env.chat_id, now, ahead=deferred[env.chat_id])
                deferred[env.chat_id] += 1
                self.stats["deferred"] += 1
                await asyncio.to_thread(self.store.release, env.id, count_attempt=False,
                                        not_before=wall_now + timedelta(seconds=at - now))

    async def _until_due(self) -> float:
        due = await asyncio.to_thread(self.store.next_due, self.channel)
        if due is None:
            return self.poll
        return min(self.poll, max(0.005, (due - self.wall()).total_seconds()))

    async def _sleep(self, seconds: float) -> None:
        self._wake.clear()
        try:
            await asyncio.wait_for(self._wake.wait(), timeout=seconds)
        except TimeoutError:
            pass

    async def _send(self, env: Envelope, at: float) -> None:
        """One at a time per chat: asyncio.Lock wakes its waiters first come, first served."""
        lock, users = self._chats.get(env.chat_id) or (asyncio.Lock(), 0)
        self._chats[env.chat_id] = (lock, users + 1)
        try:
            async with lock:
                await self._send_now(env, at)
        finally:
            lock, users = self._chats[env.chat_id]
            if users == 1:
                del self._chats[env.chat_id]
            else:
                self._chats[env.chat_id] = (lock, users - 1)

    async def _send_now(self, env: Envelope, at: float) -> None:
        await asyncio.sleep(max(0.0, at - self.monotonic()))
        while (wait := self.limiter.gate(self.monotonic())) > 0:
            await asyncio.sleep(wait)
        if self.limiter.paused_until > self.monotonic():  # a 429 arrived while this one waited
            await self._release(env, self.limiter.paused_until - self.monotonic(), count=False)
            return
        self.limiter.started()
        try:
            try:
                ref = await self.transport.send(env)
            finally:
                self.limiter.answered_at(self.monotonic())
        except RetryAfter as exc:
            self.stats["retry_after"] += 1
            self.limiter.pause(self.monotonic() + exc.seconds)
            await self._release(env, exc.seconds, count=False, error=str(exc))
        except Permanent as exc:
            self.stats["failed"] += 1
            log.warning("outbox %s row %s failed for good: %s", self.channel, env.id, exc)
            await asyncio.to_thread(self.store.fail, env.id, error=str(exc) or type(exc).__name__)
        except Exception as exc:  # noqa: BLE001 - network and server errors are retried with backoff
            if env.attempts >= self.max_attempts:
                self.stats["failed"] += 1
                await asyncio.to_thread(self.store.fail, env.id, error=repr(exc))
            else:
                self.stats["retried"] += 1
                await self._release(env, self.backoff(env.attempts), count=True, error=repr(exc))
        else:
            self.stats["sent"] += 1
            await asyncio.to_thread(self.store.sent, env.id, external_id=ref)

    async def _release(self, env: Envelope, seconds: float, *, count: bool, error: str | None = None) -> None:
        await asyncio.to_thread(self.store.release, env.id, not_before=self.wall() + timedelta(seconds=seconds),
                                count_attempt=count, error=error)
        self.wake()
