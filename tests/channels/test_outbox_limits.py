"""The limiter alone, on a virtual clock: every schedule it produces stays within the channel's limits."""
from __future__ import annotations

from adapters.outbox import limits


def schedule(limiter: limits.Limiter, chats: list[str]) -> list[float]:
    """Send each message as early as the limiter allows, in order."""
    out = []
    for chat in chats:
        at = max(limiter.overall_at(0.0), limiter.chat_at(chat, 0.0))
        limiter.reserve(chat, at)
        out.append(at)
    return out


def most_in_window(times: list[float], seconds: float) -> int:
    times = sorted(times)
    return max(sum(1 for u in times if t <= u < t + seconds) for t in times)


def test_telegram_never_sends_more_than_30_in_any_second() -> None:
    times = schedule(limits.Limiter(limits.TELEGRAM), [str(i) for i in range(300)])

    assert most_in_window(times, 1.0) <= 30
    assert times[-1] < 299 / 30 * 1.05


def test_a_telegram_private_chat_gets_at_most_one_message_a_second() -> None:
    times = schedule(limits.Limiter(limits.TELEGRAM), ["7"] * 5)

    assert all(b - a >= 1.0 for a, b in zip(times, times[1:], strict=False))


def test_a_telegram_group_gets_at_most_20_messages_a_minute() -> None:
    times = schedule(limits.Limiter(limits.TELEGRAM), ["-100123"] * 45)

    assert most_in_window(times, 60.0) == 20
    assert all(b - a >= 1.0 for a, b in zip(times, times[1:], strict=False))


def test_a_wecom_member_gets_at_most_30_messages_a_minute() -> None:
    times = schedule(limits.Limiter(limits.WECOM), ["XiaoWang"] * 70 + ["Boss"])

    assert most_in_window(times[:-1], 60.0) == 30
    assert times[-1] == 0.0  # another member is not held up


def test_a_pause_after_a_429_holds_every_chat() -> None:
    limiter = limits.Limiter(limits.TELEGRAM)
    limiter.pause(5.0)

    assert limiter.overall_at(0.0) == 5.0
    assert limiter.room(0.0, horizon=1.0, cap=30) == 0


def test_looking_ahead_spreads_deferred_messages_over_the_chats_next_slots() -> None:
    limiter = limits.Limiter(limits.TELEGRAM)
    limiter.reserve("7", 0.0)

    ahead = [limiter.chat_at("7", 0.0, ahead=k) for k in range(3)]

    assert ahead == sorted(ahead) and ahead[0] >= 1.0 and ahead[2] - ahead[0] >= 2.0
