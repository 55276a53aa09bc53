"""Clocks: the system clock for serve, a virtual clock for script mode and tests."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo


class SystemClock:
    def __init__(self, tz: str = "Asia/Shanghai") -> None:
        self.tz = ZoneInfo(tz)

    def now(self) -> datetime:
        return datetime.now(self.tz)


class VirtualClock:
    """Starts at a given time and moves only when told to."""

    def __init__(self, start: datetime, tz: str = "Asia/Shanghai") -> None:
        self.tz = ZoneInfo(tz)
        self._now = start if start.tzinfo else start.replace(tzinfo=self.tz)
        self._now = self._now.astimezone(self.tz)

    def now(self) -> datetime:
        return self._now

    def set(self, at: datetime) -> None:
        at = at if at.tzinfo else at.replace(tzinfo=self.tz)
        self._now = at.astimezone(self.tz)
