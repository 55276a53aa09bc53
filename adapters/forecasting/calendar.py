"""A tenant-configurable Chinese holiday calendar with make-up workdays and a weekend fallback.

chinese-calendar knows the State Council's schedule only up to 2026. Past that, the statutory holidays, which the
holiday rules fix for every year (``statutory``: 元旦, 春节, 清明, 劳动节, 端午, 中秋, 国庆), are days off, and so are
Saturdays and Sundays; the bridge days and make-up workdays of a year's schedule are known only once it is published
(a tenant may enter them). Without the official schedule (``use_official=False``) only weekends are off. A tenant's
own overrides win over both: extra holidays (a local festival, the shop's own closing days) and extra workdays (调休补班). Event days (店庆, a
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

from lunar_python import Lunar, Solar

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
        """(is off, holiday name) from the official schedule; for a year it does not know, the statutory holidays
        (weekends are left to the caller); None without the official schedule."""
        if not self.use_official:
            return None
        known = _official_detail(d) if _cc is not None else None
        if known is not None:
            return known
        name = statutory(d.year).get(d) if d.year >= STATUTORY_FROM else None
        return (True, name) if name is not None else None

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


STATUTORY_FROM = 2025   # the holiday rules ``statutory`` follows hold from this year (earlier ones: the official table)


@functools.lru_cache(maxsize=64)
def statutory(year: int) -> dict[date, str]:
    """The days off that the holiday rules (全国年节及纪念日放假办法, as revised from 2025) fix for every year, by their
    official (chinese-calendar's) names: New Year's Day; the Spring Festival's eve and first three days; Tomb-sweeping
    Day (the day of the 清明 solar term); Labour Day and the day after; the Dragon Boat and Mid-autumn festivals
    (the 5th of the 5th and the 15th of the 8th lunar month); National Day's first three days."""
    def lunar(month: int, day: int) -> date:
        s = Lunar.fromYmd(year, month, day).getSolar()
        return date(s.getYear(), s.getMonth(), s.getDay())
    eve = new_years_eve(year)
    qingming = next(date(year, 4, d) for d in (4, 5, 6, 3) if Solar.fromYmd(year, 4, d).getLunar().getJieQi() == "清明")
    days = {date(year, 1, 1): "New Year's Day", qingming: "Tomb-sweeping Day", date(year, 5, 1): "Labour Day",
            date(year, 5, 2): "Labour Day", lunar(5, 5): "Dragon Boat Festival", lunar(8, 15): "Mid-autumn Festival"}
    days |= {eve + timedelta(days=k): "Spring Festival" for k in range(4)}
    days |= {date(year, 10, k): "National Day" for k in (1, 2, 3)}
    return days


@functools.lru_cache(maxsize=512)
def new_years_eve(year: int) -> date:
    """除夕 of the Spring Festival in ``year`` (the eve of the first day of the first lunar month)."""
    solar = Lunar.fromYmd(year, 1, 1).getSolar()
    return date(solar.getYear(), solar.getMonth(), solar.getDay()) - timedelta(days=1)


DEFAULT = HolidayCalendar()
