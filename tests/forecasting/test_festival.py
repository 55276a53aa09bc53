"""The Spring Festival: a rush of sales on the days before it, a closed shop on its first days.

No other holiday looks like it, so the forecast knows its days apart (``features.festival_days``) and learns
their effect from the festivals in the history, from chinese-calendar's schedule or a tenant's own 春节 days.
"""
from datetime import date, timedelta
from decimal import Decimal

import numpy as np

from adapters.forecasting import api, features
from adapters.forecasting import calendar as calendars

FIRST = date(2020, 3, 2)
ORIGIN = date(2023, 1, 17)          # a Tuesday; the holiday runs 2023-01-21 .. 01-27
FESTIVALS = (date(2021, 2, 11), date(2022, 1, 31), date(2023, 1, 21))   # first days, as the State Council set them


def store(firsts: tuple[date, ...], *, products: int = 6, seed: int = 3) -> dict[str, list[tuple[date, Decimal]]]:
    """Daily sales of a few products: a weekly pattern and noise, three times as much on the three days before each
    festival and nothing on its first two days."""
    rng = np.random.default_rng(seed)
    out: dict[str, list[tuple[date, Decimal]]] = {}
    for n in range(products):
        level = 5.0 + 4 * n
        rows = []
        for j in range((ORIGIN - FIRST).days):
            d = FIRST + timedelta(days=j)
            q = level * (1.3 if d.weekday() >= 5 else 1.0) * rng.lognormal(0, 0.15)
            if any(0 < (f - d).days <= 3 for f in firsts):
                q *= 3
            if any(0 <= (d - f).days <= 1 for f in firsts):
                q = 0.0
            rows.append((d, Decimal(f"{q:.3f}")))
        out[f"p{n}"] = rows
    return out


def test_festival_days_marks_the_days_before_the_first_day_and_the_first_two_days():
    names = [None] * 10 + ["Spring Festival"] * 7 + [None] * 3 + ["National Day"] * 3
    rows = features.festival_days(names)
    assert rows.shape == (6, 23)
    before1, before2, before3, week, first, second = rows
    assert list(np.flatnonzero(before1)) == [9]
    assert list(np.flatnonzero(before2)) == [8]
    assert list(np.flatnonzero(before3)) == [7]
    assert list(np.flatnonzero(week)) == [3, 4, 5, 6]
    assert list(np.flatnonzero(first)) == [10]
    assert list(np.flatnonzero(second)) == [11]
    assert not rows[:, 17:].any()     # another holiday is not the festival


def test_the_rush_before_the_festival_and_the_closed_first_day_are_forecast_from_past_festivals():
    hist = store(FESTIVALS[:2])
    fc = api.forecast_store(hist, origin=ORIGIN, horizon=7)
    aware = {d: sum(rows[k]["qty"] for rows in fc.values()) for k, d in enumerate(ORIGIN + timedelta(days=k)
                                                                                   for k in range(7))}
    usual = aware[ORIGIN]                                    # Tuesday, four days before the festival
    rush = [ORIGIN + timedelta(days=k) for k in (1, 2, 3)]   # Wednesday .. Friday
    assert all(aware[d] > 2 * usual for d in rush)
    assert aware[FESTIVALS[2]] < 0.25 * usual                # the first day: closed in both past festivals
    # the same history with a calendar that does not know the festival: no rush is forecast
    plain = api.forecast_store(hist, origin=ORIGIN, horizon=7, calendar=calendars.HolidayCalendar(use_official=False))
    blind = {ORIGIN + timedelta(days=k): sum(rows[k]["qty"] for rows in plain.values()) for k in range(7)}
    assert all(blind[d] < 1.5 * blind[ORIGIN] for d in rush)


def test_a_tenants_own_festival_days_teach_the_forecast_in_years_the_official_schedule_does_not_know():
    # the same shop moved into years past chinese-calendar's table: the tenant names the festival's days
    shift = timedelta(days=7 * 52 * 9)   # 9 years of whole weeks: the same weekdays
    firsts = tuple(f + shift for f in FESTIVALS)
    hist = {sku: [(d + shift, q) for d, q in rows] for sku, rows in store(FESTIVALS[:2]).items()}
    named = {(f + timedelta(days=j)).isoformat(): "春节" for f in firsts for j in range(7)}
    cal = calendars.HolidayCalendar.from_config(holidays=named, use_official=False)
    fc = api.forecast_store(hist, origin=ORIGIN + shift, horizon=7, calendar=cal)
    total = [sum(rows[k]["qty"] for rows in fc.values()) for k in range(7)]
    assert min(total[1:4]) > 2 * total[0]
    assert total[4] < 0.25 * total[0]
    # the same days named as any other holiday: only the day before it is a holiday's eve, no three-day rush
    other = calendars.HolidayCalendar.from_config(holidays=dict.fromkeys(named, "holiday"), use_official=False)
    fc = api.forecast_store(hist, origin=ORIGIN + shift, horizon=7, calendar=other)
    total = [sum(rows[k]["qty"] for rows in fc.values()) for k in range(7)]
    assert min(total[1:3]) < 1.5 * total[0]
