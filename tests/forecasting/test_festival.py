"""The Spring Festival: a rush of sales on the days before its eve (除夕), a closed shop on the eve and the day after.

No other holiday looks like it, so the forecast knows its days apart (``features.festival_days``, anchored on the
eve from the lunar calendar, for any year) and learns their effect from the festivals in the history.
"""
from datetime import date, timedelta
from decimal import Decimal

import numpy as np

from adapters.forecasting import api, features
from adapters.forecasting import calendar as calendars
from tests.forecasting.stores import daily_store


def store(first: date, origin: date, eves: list[date], *, products: int = 6, seed: int = 3
          ) -> dict[str, list[tuple[date, Decimal]]]:
    """Daily sales of a few products: busier weekends and noise, three times as much on the three days before each
    eve and nothing on the eve and the day after."""
    def festive(d: date, _: int) -> float:
        if any(0 <= (d - e).days <= 1 for e in eves):
            return 0.0
        return 3.0 if any(0 < (e - d).days <= 3 for e in eves) else 1.0
    return daily_store(first, origin, products=products, seed=seed, level=lambda n: 5.0 + 4 * n, noise=0.15,
                       shape=festive)


def daily_totals(fc: dict[str, list[dict]], horizon: int = 7) -> list[float]:
    return [sum(rows[k]["qty"] for rows in fc.values()) for k in range(horizon)]


def test_the_eve_comes_from_the_lunar_calendar_in_every_year():
    assert calendars.new_years_eve(2022) == date(2022, 1, 31)
    assert calendars.new_years_eve(2024) == date(2024, 2, 9)    # a workday that year: the holiday began the day after
    assert calendars.new_years_eve(2027) == date(2027, 2, 5)    # past chinese-calendar's table
    assert calendars.DEFAULT.is_new_years_eve(date(2031, 1, 22))
    assert not calendars.HolidayCalendar(lunar=False).is_new_years_eve(date(2031, 1, 22))


def test_festival_days_marks_the_days_before_the_eve_the_eve_and_the_new_years_day():
    eve = np.zeros(23, dtype=bool)
    eve[10] = True
    rows = features.festival_days(eve)
    assert rows.shape == (6, 23)
    before1, before2, before3, week, on_eve, new_year = rows
    assert list(np.flatnonzero(before1)) == [9]
    assert list(np.flatnonzero(before2)) == [8]
    assert list(np.flatnonzero(before3)) == [7]
    assert list(np.flatnonzero(week)) == [3, 4, 5, 6]
    assert list(np.flatnonzero(on_eve)) == [10]
    assert list(np.flatnonzero(new_year)) == [11]
    assert not rows[:, 12:].any() and not rows[:, :3].any()


def test_the_rush_before_the_eve_and_the_closed_eve_are_forecast_from_past_festivals():
    origin = date(2023, 1, 17)                                   # a Tuesday; the eve is Saturday 2023-01-21
    eves = [calendars.new_years_eve(y) for y in (2021, 2022, 2023)]
    hist = store(date(2020, 3, 2), origin, eves)
    total = daily_totals(api.forecast_store(hist, origin=origin, horizon=7))
    assert min(total[1:4]) > 2 * total[0]                        # Wednesday .. Friday: the rush
    assert total[4] < 0.25 * total[0]                            # the eve: closed at both past festivals
    # the same history, the calendar without the festival (the State Council's holidays still known): no rush
    blind = daily_totals(api.forecast_store(hist, origin=origin, horizon=7,
                                            calendar=calendars.HolidayCalendar(lunar=False)))
    assert max(blind[1:4]) < 1.5 * blind[0]


def test_years_past_the_official_holiday_table_still_know_the_festival():
    eves = [calendars.new_years_eve(y) for y in (2029, 2030, 2031)]   # chinese-calendar knows none of these years
    origin = eves[-1] - timedelta(days=4)
    hist = store(date(2028, 3, 1), origin, eves)
    weekends_only = calendars.HolidayCalendar(use_official=False)
    total = daily_totals(api.forecast_store(hist, origin=origin, horizon=7, calendar=weekends_only))
    assert min(total[1:4]) > 2 * total[0]
    assert total[4] < 0.25 * total[0]
