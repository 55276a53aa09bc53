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


def test_years_past_the_official_table_keep_their_statutory_holidays():
    cal = calendars.DEFAULT
    named = {date(2027, 1, 1): "New Year's Day", date(2027, 2, 5): "Spring Festival",   # 除夕 .. 初三
             date(2027, 2, 8): "Spring Festival", date(2027, 4, 5): "Tomb-sweeping Day", date(2027, 5, 2): "Labour Day",
             date(2027, 6, 9): "Dragon Boat Festival", date(2027, 9, 15): "Mid-autumn Festival",
             date(2027, 10, 3): "National Day"}
    for d, name in named.items():
        assert cal.kind(d) is DayKind.HOLIDAY and cal.holiday_name(d) == name, d
    # the bridge days and make-up workdays of a year's schedule are unknown until it is published
    assert cal.kind(date(2027, 2, 9)) is DayKind.WORKDAY and cal.kind(date(2027, 10, 4)) is DayKind.WORKDAY
    assert calendars.HolidayCalendar(use_official=False).kind(date(2027, 1, 1)) is DayKind.WORKDAY   # weekends only


def test_the_statutory_rules_agree_with_the_official_tables_of_the_years_they_hold_for():
    for year in (2025, 2026):                        # the rules as revised from 2025 (4 days of Spring Festival)
        days = calendars.statutory(year)
        assert len(days) == 13
        assert {d: calendars._official_detail(d) for d in days} == {d: (True, name) for d, name in days.items()}


def test_years_before_the_official_table_and_the_current_rules_have_weekends_only():
    assert calendars.DEFAULT.kind(date(2003, 1, 1)) is DayKind.WORKDAY   # a Wednesday; the rules then were others
