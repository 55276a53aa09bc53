"""Per-channel send limits, kept in memory by the one sender of each channel (times are monotonic seconds).

The overall limit is paced evenly (one message every `seconds / count`, plus a safety margin), so the
channel never sees a burst. Just before each send, `gate` checks the overall limit once more on what really
happened: a send may start only while fewer than `count` sends are in flight or were answered within the
window. A request arrives at the server between its start and its answer, so the server cannot count more
than `count` in any window whatever the jitter of either event loop (on a high-latency link this costs about
latency/window of throughput). Per-chat limits are sliding windows over the sends reserved for that chat.
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: float


@dataclass(frozen=True)
class ChannelLimits:
    overall: Rate | None
    per_chat: tuple[Rate, ...]
    per_group: tuple[Rate, ...] = ()  # group chats (Telegram: negative chat ids)
    margin: float = 0.01  # slack on the overall limit (costs 1% throughput)
    chat_margin: float = 0.05  # slack on per-chat limits (costs nothing overall)

    def rates(self, chat_id: str) -> tuple[Rate, ...]:
        return self.per_group if chat_id.startswith("-") and self.per_group else self.per_chat


# https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this
TELEGRAM = ChannelLimits(overall=Rate(30, 1.0), per_chat=(Rate(1, 1.0),), per_group=(Rate(1, 1.0), Rate(20, 60.0)))
# 企业微信: at most 30 messages a minute to one member
WECOM = ChannelLimits(overall=None, per_chat=(Rate(30, 60.0),))


@dataclass
class Limiter:
    limits: ChannelLimits
    next_overall: float = 0.0  # earliest time of the next overall slot
    paused_until: float = 0.0  # after a 429
    logs: dict[tuple[str, int], deque[float]] = field(default_factory=dict)
    inflight: int = 0
    answered: deque[float] = field(default_factory=deque)  # when recent sends got their answer
    _reserved: int = 0

    @property
    def interval(self) -> float:
        o = self.limits.overall
        return 0.0 if o is None else o.seconds / o.count * (1 + self.limits.margin)

    def overall_at(self, now: float) -> float:
        """When the next message may go out, as far as the overall limit and any pause are concerned."""
        return max(now, self.next_overall, self.paused_until)

    def room(self, now: float, *, horizon: float, cap: int) -> int:
        """How many overall slots fall before now + horizon (at most cap)."""
        if self.interval == 0.0:
            return cap if self.paused_until <= now else 0
        first = self.overall_at(now)
        if first >= now + horizon:
            return 0
        return min(cap, int((now + horizon - first) / self.interval) + 1)

    def chat_at(self, chat_id: str, now: float, *, ahead: int = 0) -> float:
        """When the chat may receive a message (the `ahead`-th one after those reserved already)."""
        t = now
        for i, rate in enumerate(self.limits.rates(chat_id)):
            log = list(self.logs.get((chat_id, i), ()))
            window = rate.seconds * (1 + self.limits.chat_margin)
            at = now
            for _ in range(ahead + 1):
                at = max(at, log[-1] if log else at)
                if len(log) >= rate.count:
                    at = max(at, log[-rate.count] + window)
                log.append(at)
            t = max(t, at)
        return t

    def reserve(self, chat_id: str, at: float) -> None:
        """Record a send at `at` (not earlier than chat_at and overall_at)."""
        for i, rate in enumerate(self.limits.rates(chat_id)):
            log = self.logs.setdefault((chat_id, i), deque(maxlen=rate.count))
            log.append(at)
        if self.limits.overall is not None:
            self.next_overall = max(self.next_overall, at + self.interval)
        self._reserved += 1
        if self._reserved % 1024 == 0:
            self._prune(at)

    def gate(self, now: float) -> float:
        """Seconds to wait before a send may start now (0: go), judged on sends in flight and recently answered."""
        o = self.limits.overall
        if o is None:
            return 0.0
        window = o.seconds * (1 + self.limits.margin)
        while self.answered and self.answered[0] <= now - window:
            self.answered.popleft()
        if self.inflight + len(self.answered) < o.count:
            return 0.0
        return max(0.002, self.answered[0] + window - now) if self.answered else 0.002

    def started(self) -> None:
        self.inflight += 1

    def answered_at(self, now: float) -> None:
        self.inflight -= 1
        self.answered.append(now)

    def pause(self, until: float) -> None:
        self.paused_until = max(self.paused_until, until)

    def _prune(self, now: float) -> None:
        longest = max((r.seconds for r in self.limits.per_chat + self.limits.per_group), default=0.0) * 2
        for key in [k for k, log in self.logs.items() if log and log[-1] < now - longest]:
            del self.logs[key]
