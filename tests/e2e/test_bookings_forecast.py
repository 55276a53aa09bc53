"""Bookings and the forecast: past bookings come out of the history the forecast learns from, future ones
are added by replenishment, so a banquet is counted once."""
from datetime import date, datetime, timedelta
from decimal import Decimal

from adapters import forecast_port
from tests.e2e.conftest import make_chat
from workflows import metrics

NOW = datetime.fromisoformat("2026-06-15T09:00:00+08:00")   # a Monday


def test_past_bookings_do_not_make_every_saturday_look_booked(tmp_path, monkeypatch):
    chat = make_chat(tmp_path, monkeypatch, clock=NOW.isoformat())
    uow = chat.container.uow
    rows = []
    with uow() as u:
        for n in range(1, 121):
            d = NOW.date() - timedelta(days=n)
            sat = d.weekday() == 5
            for sku in ("B01", "B02"):     # the same sales; only B01's Saturday extra was booked
                rows.append({"day": d.isoformat(), "location": "XH", "sku": sku,
                             "qty": Decimal(10 + (20 if sat else 0))})
            if sat:
                u.chat.add_booking(location="XH", sku="B01", qty=Decimal(20), at=datetime.combine(
                    d, datetime.min.time(), tzinfo=NOW.tzinfo) + timedelta(hours=12), note="包场", by="boss")
        u.history.upsert(rows)
        u.commit()
    saturday = date(2026, 6, 20)
    with uow() as u:
        booked_item = metrics.Snapshot(u, location="XH", product=u.catalog.product("B01"), now=NOW,
                                       forecaster=forecast_port.Forecaster())
        walk_in = dict(booked_item.walk_in(120))
        assert walk_in[date(2026, 6, 13)] == 10 and walk_in[date(2026, 6, 12)] == 10
        fc = {r["date"]: r["qty"] for r in booked_item.forecast_days(7)}
        assert 7 < fc[saturday] < 14                                  # walk-in demand only
        plain = metrics.Snapshot(u, location="XH", product=u.catalog.product("B02"), now=NOW,
                                 forecaster=forecast_port.Forecaster())
        assert {r["date"]: r["qty"] for r in plain.forecast_days(7)}[saturday] > 25   # its Saturdays really sell 30
