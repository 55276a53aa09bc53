"""A tenant-configurable Chinese holiday calendar with make-up workdays and a weekend fallback.

chinese-calendar knows the State Council's schedule only up to 2026; past that (or without it)
Saturdays and Sundays are the days off. A tenant's own overrides win over both: extra holidays
(a local festival, the shop's own closing days) and extra workdays (调休补班). Event days (店庆, a
promotion weekend, a street fair) are not days off; the forecast learns their uplift from past ones.
The Spring Festival's eve (除夕) comes from the lunar calendar (lunar-python), which knows every year: the
forecast learns the rush on the days before it and the closed eve from past festivals.
"""
from __future__ import annotations

import dataclasses
import enum
import functools
from collections.abc import Iterable, Mapping
from datetime import date, timedelta

from lunar_python import Lunar

try:  # an optional dependency: the weekend fallback covers its absence
    import chinese_calendar as _cc
except ImportError:  # pragma: no cover - installed with the project
    _cc = None


class DayKind(enum.Enum):
    WORKDAY = "workday"
    WEEKEND = "weekend"
    HOLIDAY = "holiday"
    MAKEUP_WORKDAY = "makeup_workday"


@dataclasses.dataclass(frozen=True)
class HolidayCalendar:
    """Which days are off. ``holidays`` maps a date to its name; ``workdays`` are make-up workdays."""

    holidays: Mapping[date, str] = dataclasses.field(default_factory=dict)
    workdays: frozenset[date] = frozenset()
    use_official: bool = True
    events: Mapping[date, str] = dataclasses.field(default_factory=dict)
    lunar: bool = True   # knows the Spring Festival's eve (除夕) from the lunar calendar

    @classmethod
    def from_config(cls, *, holidays: Mapping[str, str] | Iterable[str] = (), workdays: Iterable[str] = (),
                    use_official: bool = True, events: Mapping[str, str] | Iterable[str] = ()) -> HolidayCalendar:
        """Builds a calendar from ISO date strings, e.g. a tenant's settings."""
        named = dict(holidays) if isinstance(holidays, Mapping) else {d: "holiday" for d in holidays}
        ev = dict(events) if isinstance(events, Mapping) else {d: "event" for d in events}
        return cls(holidays={date.fromisoformat(k): v for k, v in named.items()},
                   workdays=frozenset(date.fromisoformat(d) for d in workdays), use_official=use_official,
                   events={date.fromisoformat(k): v for k, v in ev.items()})

    @classmethod
    def from_settings(cls, settings: Mapping[str, object] | None) -> HolidayCalendar:
        """A tenant's stored calendar: ``{"holidays": {date: name}, "workdays": [date], "events": {date: name}}``."""
        if not settings:
            return DEFAULT
        if not isinstance(settings, Mapping):
            raise ValueError("a calendar is an object with holidays, workdays and events")
        holidays = settings.get("holidays") or {}
        workdays = settings.get("workdays") or []
        events = settings.get("events") or {}
        if not (isinstance(holidays, Mapping) and isinstance(workdays, list) and isinstance(events, Mapping)):
            raise ValueError("holidays and events map dates to names; workdays is a list of dates")
        return cls.from_config(holidays={str(k): str(v) for k, v in holidays.items()},
                               workdays=[str(d) for d in workdays], events={str(k): str(v) for k, v in events.items()})

    def is_event(self, d: date) -> bool:
        return d in self.events

    def is_new_years_eve(self, d: date) -> bool:
        """除夕, the Spring Festival's eve (for any year: the lunar calendar's, not the State Council's table)."""
        return self.lunar and new_years_eve(d.year) == d

    def _official(self, d: date) -> tuple[bool, str | None] | None:
        """(is off, holiday name) from the official schedule, or None when it does not know the year."""
        if not self.use_official or _cc is None:
            return None
        return _official_detail(d)

    def kind(self, d: date) -> DayKind:
        if d in self.workdays:
            return DayKind.MAKEUP_WORKDAY if d.weekday() >= 5 else DayKind.WORKDAY
        if d in self.holidays:
            return DayKind.HOLIDAY
        official = self._official(d)
        weekend = d.weekday() >= 5
        if official is None:
            return DayKind.WEEKEND if weekend else DayKind.WORKDAY
        off, name = official
        if off:
            return DayKind.HOLIDAY if name is not None else DayKind.WEEKEND
        return DayKind.MAKEUP_WORKDAY if weekend else DayKind.WORKDAY

    def is_off(self, d: date) -> bool:
        return self.kind(d) in (DayKind.HOLIDAY, DayKind.WEEKEND)

    def is_holiday(self, d: date) -> bool:
        return self.kind(d) is DayKind.HOLIDAY

    def is_makeup_workday(self, d: date) -> bool:
        return self.kind(d) is DayKind.MAKEUP_WORKDAY

    def holiday_name(self, d: date) -> str | None:
        if d in self.holidays:
            return self.holidays[d]
        if d in self.workdays:
            return None
        official = self._official(d)
        return official[1] if official and official[0] else None


@functools.lru_cache(maxsize=16384)
def _official_detail(d: date) -> tuple[bool, str | None] | None:
    """chinese-calendar's answer for one day, remembered: every forecast fit asks for hundreds of days."""
    assert _cc is not None
    try:
        off, name = _cc.get_holiday_detail(d)
    except NotImplementedError:
        return None
    return bool(off), (str(name) if name is not None else None)


@functools.lru_cache(maxsize=512)
def new_years_eve(year: int) -> date:
    """除夕 of the Spring Festival in ``year`` (the eve of the first day of the first lunar month)."""
    solar = Lunar.fromYmd(year, 1, 1).getSolar()
    return date(solar.getYear(), solar.getMonth(), solar.getDay()) - timedelta(days=1)


DEFAULT = HolidayCalendar()
