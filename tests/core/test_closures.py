"""The days a store is closed, as the calendar settings keep them (domain/closures.py), and the forecast's reading of
a closed day behind it (adapters/forecasting/api.open_days)."""
from datetime import date, timedelta

import numpy as np

from adapters.forecasting import api
from domain import closures

SAT, SUN, MON = date(2026, 6, 20), date(2026, 6, 21), date(2026, 6, 22)


def test_a_store_is_closed_on_its_own_days_its_rest_days_and_the_company_s():
    cal = closures.with_days({"events": {"2026-06-20": "店庆"}}, "NS", [SAT], "装修停业")
    cal = closures.with_weekly(cal, "FT", [0], True)
    cal = closures.with_days(cal, closures.ALL, [SUN], "放假")
    assert cal["events"] == {"2026-06-20": "店庆"}   # the rest of the calendar kept
    assert closures.closed_on(cal, SAT, "NS") == "装修停业" and closures.closed_on(cal, SAT, "FT") is None
    assert closures.closed_on(cal, MON, "FT") == closures.WEEKLY and closures.closed_on(cal, MON, "NS") is None
    assert closures.closed_on(cal, SUN, "NS") == closures.closed_on(cal, SUN, "FT") == "放假"
    assert closures.closed_on(cal, SUN, None) == "放假" and closures.closed_on(cal, SAT, None) is None
    assert closures.closed_days(cal, "FT", SAT, 10) == {SUN: "放假", MON: closures.WEEKLY, MON + timedelta(7): closures.WEEKLY}
    assert closures.is_set(cal, "FT", weekdays=[0]) and not closures.is_set(cal, "FT", days=[SUN])
    listed = closures.listed(cal, since=SAT)
    assert [(c.place, c.day, c.weekday) for c in listed] == [("FT", None, 0), ("NS", SAT, None), ("*", SUN, None)]
    assert [c.place for c in closures.listed(cal, since=SUN, places={"NS", closures.ALL})] == ["*"]


def test_opening_again_takes_the_day_or_weekday_away_and_leaves_no_empty_place():
    cal = closures.with_weekly(closures.with_days({}, "NS", [SAT, SUN], "店休"), "NS", [0, 1], True)
    cal = closures.with_weekly(closures.with_days(cal, "NS", [SAT], None), "NS", [1], False)
    assert cal == {"closed": {"NS": {"2026-06-21": "店休"}}, "closed_weekly": {"NS": [0]}}
    cal = closures.with_weekly(closures.with_days(cal, "NS", [SUN], None), "NS", [0], False)
    assert cal == {"closed": {}, "closed_weekly": {}}
    assert closures.closed_on(None, SAT, "NS") is None and closures.listed(None, since=SAT) == []


def test_a_closed_day_behind_reads_as_its_weekday_s_recent_open_days_unless_it_sold():
    start = date(2026, 5, 4)   # a Monday; five weeks of two products
    y = np.tile(np.array([[10.0, 11, 12, 13, 14, 30, 31], [1, 2, 3, 4, 5, 6, 7]]), 5)
    y[:, 33] = 0              # the last Saturday: shut
    y[1, 26] = 0              # the one before: one product sold nothing, the store was open
    out = api.open_days(y, start=start, closed={start + timedelta(days=33), start + timedelta(days=26),
                                                date(2026, 1, 1)})
    assert out[:, 33].tolist() == [30.0, 6.0]                 # the Saturdays before
    assert out[:, 26].tolist() == [30.0, 0.0]                 # sold that day: as recorded
    assert (np.delete(out, 33, axis=1) == np.delete(y, 33, axis=1)).all()
    rests = y.copy()
    rests[:, 6::7] = 0                                        # every Sunday off: nothing to read one from
    assert (api.open_days(rests, start=start, closed={start + timedelta(days=k) for k in range(6, 35, 7)})
            == rests).all()
