"""Regressors known in advance: event days, weather, planned prices, the same weeks a year earlier."""
import csv
import json
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest
import typer
from typer.testing import CliRunner

from adapters import forecast_port
from adapters.forecasting import api, cli, exog, features, panel, pooled
from adapters.forecasting import calendar as calendars
from adapters.weather import CsvWeather

ORIGIN = date(2024, 3, 1)
DAYS = 420
DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "vegmarket"


def history(qty) -> list[tuple[date, Decimal]]:
    first = ORIGIN - timedelta(days=DAYS)
    return [(first + timedelta(days=j), Decimal(f"{qty(j, first + timedelta(days=j)):.3f}")) for j in range(DAYS)]


def noise(seed: int = 7) -> np.ndarray:
    return np.random.default_rng(seed).normal(0, 1, DAYS + 30)


def by_day(rows) -> dict[date, float]:
    return {r["date"]: r["qty"] for r in rows}


def test_event_days_learned_from_past_ones_lift_a_future_one():
    first = ORIGIN - timedelta(days=DAYS)
    events = {(first + timedelta(days=j)).isoformat(): "店庆" for j in range(10, DAYS, 23)}
    future = ORIGIN + timedelta(days=3)
    events[future.isoformat()] = "店庆"
    e = noise()
    hist = history(lambda j, d: max(0.0, 10 + e[j] + (12 if d.isoformat() in events else 0)))
    cal = calendars.HolidayCalendar.from_config(events=events, use_official=False)
    with_events = by_day(api.forecast_series(hist, origin=ORIGIN, horizon=7, calendar=cal))
    plain = by_day(api.forecast_series(hist, origin=ORIGIN, horizon=7,
                                       calendar=calendars.HolidayCalendar(use_official=False)))
    others = [q for d, q in with_events.items() if d != future]
    assert with_events[future] > 1.5 * max(others)
    assert with_events[future] > 16
    assert plain[future] < 1.2 * min(q for d, q in plain.items() if d != future)


def weather_feed(temps: dict[date, float], tmp_path: Path) -> CsvWeather:
    path = tmp_path / "weather.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["date", "location", "rain_mm", "temp_c"])
        for d, t in sorted(temps.items()):
            w.writerow([d.isoformat(), "*", 0, t])
    return CsvWeather.from_file(path)


def test_hot_days_in_the_weather_forecast_raise_the_forecast(tmp_path):
    rng = np.random.default_rng(3)
    first = ORIGIN - timedelta(days=DAYS)
    temps = {first + timedelta(days=j): float(rng.uniform(5, 35)) for j in range(DAYS)}
    hot, cold = ORIGIN + timedelta(days=1), ORIGIN + timedelta(days=2)
    temps.update({ORIGIN: 20.0, hot: 34.0, cold: 6.0})
    e = noise(11)
    hist = history(lambda j, d: max(0.0, 20 + 0.6 * (temps[d] - 20) + e[j]))   # ice drinks: +6 per 10 °C
    feed = weather_feed(temps, tmp_path)
    cal = calendars.HolidayCalendar(use_official=False)
    fc = by_day(api.forecast_series(hist, origin=ORIGIN, horizon=3, calendar=cal, weather=feed))
    assert fc[hot] - fc[cold] > 10          # truth: 0.6 × 28 °C ≈ 17
    assert fc[cold] < fc[ORIGIN] < fc[hot]
    blind = by_day(api.forecast_series(hist, origin=ORIGIN, horizon=3, calendar=cal))
    assert abs(blind[hot] - blind[cold]) < 4


def test_a_planned_price_cut_raises_the_forecast_by_the_learned_elasticity():
    rng = np.random.default_rng(5)
    first = ORIGIN - timedelta(days=DAYS)
    price = {first + timedelta(days=j): float(rng.uniform(4, 6)) for j in range(DAYS)}
    e = rng.normal(0, 0.1, DAYS)
    hist = history(lambda j, d: 20 * (price[d] / 5) ** -1.5 * np.exp(e[j]))
    sold = sorted(price.items())
    cal = calendars.HolidayCalendar(use_official=False)
    promo = ORIGIN + timedelta(days=2)
    last = sold[-1][1]
    flat = by_day(api.forecast_series(hist, origin=ORIGIN, horizon=4, calendar=cal, prices=sold))
    cut = by_day(api.forecast_series(hist, origin=ORIGIN, horizon=4, calendar=cal,
                                     prices=[*sold, (promo, last * 0.7)]))
    assert cut[promo] / flat[promo] == pytest.approx(0.7 ** -1.5, rel=0.2)   # ≈ 1.71
    for d in flat:
        if d != promo:
            assert cut[d] == pytest.approx(flat[d], rel=1e-6)


def test_the_shared_data_has_a_negative_price_elasticity():
    sales = panel.read_sales([DATA / "sales_history.csv"])
    origin = date(2022, 1, 1)
    p = panel.from_sales([s for s in sales if s.day < origin], end=origin)
    ex = api.regressors(p, origin=origin, horizon=7, prices=panel.price_history(s for s in sales if s.day < origin))
    model = pooled.fit(p.y, start=p.start, horizon=7, exog=ex)
    assert model is not None and -1.0 < model.elasticity < -0.1


def test_a_weather_feed_without_these_days_adds_nothing(tmp_path):
    feed = weather_feed({date(1999, 1, 1): 20.0}, tmp_path)
    assert exog.from_weather(feed, location=None, start=ORIGIN, days=10) is None


def test_nothing_on_or_after_the_origin_is_read():
    y = np.random.default_rng(0).poisson(5, (3, 500)).astype(float)
    a = pooled.fit(y, start=date(2022, 1, 1), horizon=7)
    later = np.concatenate([y, np.full((3, 30), 1000.0)], axis=1)
    design = features.Design(later, start=date(2022, 1, 1), horizon=7, calendar=calendars.DEFAULT)
    b = pooled.fit_design(design, horizon=7, origin=500)
    assert a is not None and b is not None
    assert np.allclose(a.predict(np.arange(3), horizon=7).point, b.predict(np.arange(3), horizon=7, day=500).point)


def test_the_port_uses_the_tenants_calendar():
    first = ORIGIN - timedelta(days=DAYS)
    events = {(first + timedelta(days=j)).isoformat(): "集市" for j in range(5, DAYS, 17)}
    future = ORIGIN + timedelta(days=2)
    e = noise(2)
    hist = history(lambda j, d: max(0.0, 8 + e[j] + (10 if d.isoformat() in events else 0)))
    fc = forecast_port.Forecaster()
    plain = by_day(fc.forecast_store({"x": hist}, origin=ORIGIN, horizon=4, calendar={"events": events})["x"])
    lifted = by_day(fc.forecast_store({"x": hist}, origin=ORIGIN, horizon=4,
                                      calendar={"events": {**events, future.isoformat(): "集市"}})["x"])
    assert lifted[future] > 1.5 * plain[future]


def test_forecast_cli_takes_planned_prices_weather_and_a_calendar(tmp_path):
    rng = np.random.default_rng(9)
    origin = date(2023, 6, 1)
    rows = []
    for j in range(200):
        d = origin - timedelta(days=200 - j)
        price = float(rng.uniform(4, 6))
        rows.append([d.isoformat(), "S1", "veg", f"{20 * (price / 5) ** -1.5 * np.exp(rng.normal(0, 0.1)):.3f}",
                     f"{price:.2f}", "2.0"])
    hist = tmp_path / "h.csv"
    with open(hist, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([["date", "location", "sku", "qty", "unit_price", "unit_cost"], *rows])
    plan = tmp_path / "plan.csv"
    promo = origin + timedelta(days=1)
    plan.write_text(f"date,location,sku,unit_price\n{promo.isoformat()},S1,veg,3.0\n", encoding="utf-8")
    cal = tmp_path / "cal.json"
    cal.write_text(json.dumps({"holidays": {"2023-06-22": "端午节"}}), encoding="utf-8")
    a = typer.Typer()
    cli.register(a)
    runner = CliRunner()

    def run(*extra: str) -> dict[str, float]:
        out = tmp_path / "f.csv"
        r = runner.invoke(a, ["forecast", "--history", str(hist), "--origin", origin.isoformat(), "--horizon", "3",
                              "--out", str(out), *extra])
        assert r.exit_code == 0, r.output
        with open(out, encoding="utf-8") as fh:
            return {row["date"]: float(row["qty"]) for row in csv.DictReader(fh)}

    base = run("--calendar", str(cal))
    promoted = run("--prices", str(plan), "--calendar", str(cal))
    assert promoted[promo.isoformat()] > 1.3 * base[promo.isoformat()]
    bad = tmp_path / "bad.json"
    bad.write_text('{"workdays": "2023-06-25"}', encoding="utf-8")
    r = runner.invoke(a, ["forecast", "--history", str(hist), "--origin", origin.isoformat(), "--calendar", str(bad),
                          "--out", str(tmp_path / "x.csv")])
    assert r.exit_code != 0 and "calendar" in r.output


def test_forecast_cli_refuses_malformed_inputs_with_a_message(tmp_path):
    hist = tmp_path / "h.csv"
    hist.write_text("date,location,sku,qty\n" + "".join(f"2023-0{m}-1{d},S1,veg,5\n" for m in range(1, 6)
                                                          for d in range(10)), encoding="utf-8")
    plan = tmp_path / "plan.csv"
    plan.write_text("date,location,sku,unit_price\n2023-06-02,S1,veg,cheap\n", encoding="utf-8")
    cal = tmp_path / "cal.json"
    cal.write_text("[1, 2]", encoding="utf-8")
    a = typer.Typer()
    cli.register(a)
    runner = CliRunner()
    base = ["forecast", "--history", str(hist), "--origin", "2023-06-01", "--out", str(tmp_path / "f.csv")]
    for extra, words in ((["--prices", str(plan)], "cheap"), (["--calendar", str(cal)], "calendar"),
                         (["--weather", str(tmp_path / "missing.csv")], "missing.csv")):
        r = runner.invoke(a, [*base, *extra])
        assert r.exit_code == 2 and words in r.output, r.output
        assert not (tmp_path / "f.csv").exists()
