"""Days a store is closed (店休 · 停业装修 · 每周一店休), kept in the company's calendar settings.

``calendar["closed"]`` maps a place (a location code, or ``ALL`` for every store) to ``{ISO date: name}``, one-off
closed days; ``calendar["closed_weekly"]`` maps a place to the weekdays (0 = Monday) it rests every week. A store is
closed on a day when it or the whole company is. Nothing here reads a clock or a database: the settings come in and
new settings go out.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

ALL = "*"   # the whole company: every store
WEEKLY = "weekly"   # the name a weekly rest day goes by in ``closed_on``


@dataclass(frozen=True)
class Closed:
    """One closure as listed: a day (``day``) or a weekly rest day (``weekday``), where and why."""
    place: str
    name: str
    day: date | None = None
    weekday: int | None = None


def _days(calendar: Mapping[str, Any] | None) -> dict[str, dict[str, str]]:
    raw = (calendar or {}).get("closed") or {}
    return {str(p): {str(d): str(n) for d, n in (v or {}).items()} for p, v in raw.items() if isinstance(v, Mapping)}


def _weekly(calendar: Mapping[str, Any] | None) -> dict[str, list[int]]:
    raw = (calendar or {}).get("closed_weekly") or {}
    return {str(p): sorted({int(w) for w in v}) for p, v in raw.items() if isinstance(v, list)}


def closed_on(calendar: Mapping[str, Any] | None, d: date, location: str | None) -> str | None:
    """Why the store (None: the company as a whole) is closed on ``d``, or None when it is open."""
    return _why(_days(calendar), _weekly(calendar), d, location)


def _why(days: dict[str, dict[str, str]], weekly: dict[str, list[int]], d: date, location: str | None) -> str | None:
    for place in (ALL, *([location] if location else [])):
        if d.isoformat() in days.get(place, {}):
            return days[place][d.isoformat()]
        if d.weekday() in weekly.get(place, []):
            return WEEKLY
    return None


def closed_days(calendar: Mapping[str, Any] | None, location: str | None, start: date, days: int) -> dict[date, str]:
    """The days from ``start`` on which the store is closed, with why (the settings read once, not once a day)."""
    closed, weekly = _days(calendar), _weekly(calendar)
    out: dict[date, str] = {}
    if not any(closed.values()) and not any(weekly.values()):   # (none kept: most companies)
        return out
    for k in range(max(days, 0)):
        d = start + timedelta(days=k)
        why = _why(closed, weekly, d, location)
        if why is not None:
            out[d] = why
    return out


def with_days(calendar: Mapping[str, Any] | None, place: str, days: Iterable[date], name: str | None
              ) -> dict[str, Any]:
    """The calendar with those days closed at ``place`` under ``name`` (None: opened again there)."""
    cal = dict(calendar or {})
    closed = _days(cal)
    mine = closed.get(place, {})
    for d in days:
        if name is None:
            mine.pop(d.isoformat(), None)
        else:
            mine[d.isoformat()] = name
    closed[place] = dict(sorted(mine.items()))
    cal["closed"] = {p: v for p, v in closed.items() if v}
    return cal


def with_weekly(calendar: Mapping[str, Any] | None, place: str, weekdays: Iterable[int], closed: bool
                ) -> dict[str, Any]:
    """The calendar with those weekdays a weekly rest day at ``place`` (``closed``) or a working day again."""
    cal = dict(calendar or {})
    weekly = _weekly(cal)
    mine = set(weekly.get(place, []))
    mine = mine | set(weekdays) if closed else mine - set(weekdays)
    weekly[place] = sorted(mine)
    cal["closed_weekly"] = {p: v for p, v in weekly.items() if v}
    return cal


def listed(calendar: Mapping[str, Any] | None, *, since: date, places: Iterable[str] | None = None) -> list[Closed]:
    """The weekly rest days and the closed days from ``since`` on, of those places (None: all), soonest first."""
    wanted = None if places is None else set(places)
    out = [Closed(p, WEEKLY, weekday=w) for p, ws in sorted(_weekly(calendar).items()) for w in ws
           if wanted is None or p in wanted]
    out += sorted((Closed(p, n, day=date.fromisoformat(d)) for p, v in _days(calendar).items() for d, n in v.items()
                   if d >= since.isoformat() and (wanted is None or p in wanted)),
                  key=lambda c: (c.day or since, c.place))
    return out


def is_set(calendar: Mapping[str, Any] | None, place: str, *, days: Iterable[date] = (),
           weekdays: Iterable[int] = ()) -> bool:
    """Whether any of those days or weekdays is closed at ``place`` itself (not through the company's)."""
    mine, weekly = _days(calendar).get(place, {}), _weekly(calendar).get(place, [])
    return any(d.isoformat() in mine for d in days) or any(w in weekly for w in weekdays)
