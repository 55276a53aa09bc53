from datetime import date

from adapters.forecasting import calendar as calendars

DayKind = calendars.DayKind


def test_national_day_is_a_holiday():
    assert calendars.DEFAULT.kind(date(2021, 10, 1)) is DayKind.HOLIDAY
    assert calendars.DEFAULT.holiday_name(date(2021, 10, 1)) == "National Day"


def test_saturday_after_national_day_is_a_make_up_workday():
    assert calendars.DEFAULT.kind(date(2021, 10, 9)) is DayKind.MAKEUP_WORKDAY
    assert not calendars.DEFAULT.is_off(date(2021, 10, 9))


def test_years_the_official_schedule_does_not_know_fall_back_to_weekends():
    assert calendars.DEFAULT.kind(date(2031, 1, 4)) is DayKind.WEEKEND  # a Saturday
    assert calendars.DEFAULT.kind(date(2031, 1, 6)) is DayKind.WORKDAY  # a Monday


def test_tenant_holidays_and_workdays_override_the_official_schedule():
    cal = calendars.HolidayCalendar.from_config(holidays={"2031-02-03": "春节"}, workdays=["2021-10-02"])
    assert cal.kind(date(2031, 2, 3)) is DayKind.HOLIDAY
    assert cal.holiday_name(date(2031, 2, 3)) == "春节"
    assert cal.kind(date(2021, 10, 2)) is DayKind.MAKEUP_WORKDAY


def test_a_calendar_without_the_official_schedule_uses_weekends_only():
    cal = calendars.HolidayCalendar(use_official=False)
    assert cal.kind(date(2021, 10, 1)) is DayKind.WORKDAY  # a Friday
