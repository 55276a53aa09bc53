"""The ``forecast`` and ``simulate`` commands; ``register(app)`` adds them to the kuguan CLI."""
from __future__ import annotations

import csv
import json
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from adapters.forecasting import panel

HistoryOpt = Annotated[list[Path], typer.Option("--history", exists=True, dir_okay=False,
                                                 help="sales history CSV (date,location,sku,qty,…)")]


def _day(s: str) -> date:
    try:
        return date.fromisoformat(s)
    except ValueError as e:
        raise typer.BadParameter(f"not a date (YYYY-MM-DD): {s}") from e


def write_forecast(history: list[Path], *, origin: date, horizon: int, out: Path, weather: Path | None = None,
                   prices: list[Path] | None = None, calendar: Any = None) -> int:
    """Writes date,location,sku,qty,q10…q95 for every series with a sale in the 56 days before origin.

    The history's unit_price column and planned prices (``prices``: date,location,sku,unit_price, on or
    after the origin) feed the price effect; ``weather`` (date,location,rain_mm,temp_c) the weather's.
    """
    from adapters.forecasting import api, panel  # numpy/scipy: loaded only when a forecast runs
    from adapters.weather import CsvWeather
    sales = [s for s in _read_history(history) if s.day < origin]
    known = panel.price_history(sales)
    for key, plan in panel.read_prices(prices or []).items():
        known.setdefault(key, []).extend((d, p) for d, p in plan if d >= origin)
    feed = CsvWeather.from_file(weather) if weather else None
    rows_out = 0
    with open(out, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["date", "location", "sku", "qty", *api.QUANTILE_COLUMNS])
        for location in sorted({s.location for s in sales}):
            p = panel.from_sales([s for s in sales if s.location == location], end=origin)
            rows = p.active(origin)
            if not rows:
                continue
            ex = api.regressors(p, origin=origin, horizon=horizon, weather=feed, location=location, prices=known)
            fc = api.forecast_panel(p, rows, origin=origin, horizon=horizon, exog=ex, calendar=calendar)
            for n, i in enumerate(rows):
                loc, sku = p.keys[i]
                for r in api.rows_from(fc, origin=origin, row=n):
                    w.writerow([r["date"].isoformat(), loc, sku, f"{r['qty']:.3f}",
                                *(f"{r[c]:.3f}" for c in api.QUANTILE_COLUMNS)])
                    rows_out += 1
    return rows_out


def _read_history(history: list[Path]) -> list[panel.Sale]:
    """The history files' sales; where files overlap, what was done about it goes to stderr."""
    from adapters.forecasting import panel
    notes: list[str] = []
    sales = panel.read_sales(history, notes=notes)
    for note in notes:
        typer.echo(note, err=True)
    return sales


def read_products(path: Path) -> dict[str, float | None]:
    """sku → shelf_life_days (None: keeps)."""
    out: dict[str, float | None] = {}
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        if "sku" not in (reader.fieldnames or []):
            raise ValueError(f"{path}: a products file needs a sku column (has {reader.fieldnames})")
        for r in reader:
            life = (r.get("shelf_life_days") or "").strip()
            try:
                days = float(life) if life else None
            except ValueError:
                raise ValueError(f"{path}, line {reader.line_num}: shelf_life_days is not a number: {life!r}") from None
            if days is not None and not days >= 0:
                raise ValueError(f"{path}, line {reader.line_num}: shelf_life_days must be 0 or more: {life!r}")
            out[r["sku"].strip()] = days
    return out


def run_simulation(history: list[Path], *, products: Path, start: date, end: date, policy: str, k: float,
                   lead_time: int, service_level: float, log: Path | None,
                   rate: float | None = None, inventory_days: float | None = None) -> dict[str, Any]:
    """Replays the history (the items of the products file; the others are listed in ``items_not_in_products``);
    the auto policy holds the ``service_level``, or with ``rate`` a fixed number of
    prevented stockouts per kg of expected leftover (with ``inventory_days``, per kg of leftover − that many
    days × kg sold)."""
    from adapters.forecasting import autopolicy, simulate

    sales, known = _read_history(history), read_products(products)
    setup = simulate.setup(sales, known, start=start, end=end)
    unknown = sorted({s.sku for s in sales if s.day <= end and s.sku not in known})
    a, b = setup.index(start), setup.index(end)
    if policy == "manual":
        decide = simulate.manual(k=k, lead_time=lead_time)
    else:
        fc = autopolicy.Forecasts(setup.demand, first_day=setup.first_day, horizon=max(lead_time, 1) + 3)
        decide = autopolicy.policy(fc, service_level=None if rate is not None else service_level, rate=rate,
                                   days=inventory_days, lead_time=lead_time, shelf_life=setup.shelf_life,
                                   first_day=setup.first_day)
    res = simulate.run(setup.demand, start=a, end=b, shelf_life=setup.shelf_life, lead_time=lead_time,
                       policy=decide, skus=setup.skus, first_day=setup.first_day, log=log is not None)
    if log is not None:
        cols = ["date", "sku", "on_hand_start", "received", "demand", "sold", "spoiled", "on_hand_end", "ordered"]
        with open(log, "w", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=cols)
            w.writeheader()
            for r in res.log:
                w.writerow({c: (f"{v:.3f}" if isinstance(v, float) else v) for c, v in r.items()})
    out: dict[str, Any] = dict(res.metrics())
    out.update(policy=policy, start=start.isoformat(), end=end.isoformat(), lead_time=lead_time,
               items=len(setup.skus), items_not_in_products=unknown)
    if policy == "manual":
        out["k"] = k
    elif rate is not None:
        out["rate"] = rate
        if inventory_days is not None:
            out["target_inventory_days"] = inventory_days
    else:
        out["service_level"] = service_level
    return out


def register(app: typer.Typer) -> None:
    @app.command("forecast")
    def forecast(history: HistoryOpt,
                 origin: Annotated[str, typer.Option(help="first forecast day, YYYY-MM-DD")],
                 horizon: Annotated[int, typer.Option(min=1, help="days to forecast")] = 7,
                 out: Annotated[Path, typer.Option(help="output CSV")] = Path("forecast.csv"),
                 prices: Annotated[list[Path] | None, typer.Option(
                     "--prices", exists=True, dir_okay=False,
                     help="planned prices (promotions): date,location,sku,unit_price")] = None,
                 weather: Annotated[Path | None, typer.Option(
                     exists=True, dir_okay=False, help="weather, observed and forecast: date,location,rain_mm,temp_c")
                 ] = None,
                 calendar: Annotated[Path | None, typer.Option(
                     exists=True, dir_okay=False, help='holiday calendar JSON: {"holidays": {date: name}, '
                     '"workdays": [date], "events": {date: name}}')] = None) -> None:
        """Daily quantile forecasts (CSV) for every item with a sale in the 56 days before the origin."""
        cal = None
        if calendar is not None:
            from adapters.forecasting import calendar as calendars
            try:
                cal = calendars.HolidayCalendar.from_settings(json.loads(calendar.read_text("utf-8")))
            except (ValueError, OSError) as exc:
                raise typer.BadParameter(f"bad calendar file {calendar}: {exc}") from None
        try:
            n = write_forecast(history, origin=_day(origin), horizon=horizon, out=out, weather=weather,
                               prices=prices, calendar=cal)
        except (ValueError, KeyError) as exc:   # a malformed row in one of the files
            raise typer.BadParameter(f"bad input file: {exc}") from None
        typer.echo(f"{n} rows → {out}", err=True)

    @app.command("simulate")
    def simulate_cmd(history: HistoryOpt,
                     products: Annotated[Path, typer.Option(exists=True, dir_okay=False,
                                                            help="products CSV with shelf_life_days")],
                     start: Annotated[str, typer.Option(help="first simulated day")],
                     end: Annotated[str, typer.Option(help="last simulated day")],
                     policy: Annotated[str, typer.Option(help="auto | manual")] = "auto",
                     k: Annotated[float, typer.Option("--k", help="manual: order-up-to multiple")] = 1.5,
                     lead_time: Annotated[int, typer.Option(min=1, help="days from order to receipt")] = 1,
                     service_level: Annotated[float, typer.Option(
                         min=0.01, max=0.999, help="auto: expected share of item-days with demand served in full over the "
                         "simulated days; stock goes to the items and days where it prevents the most stockouts per kg")] = 0.95,
                     rate: Annotated[float | None, typer.Option(
                         min=1e-6, help="auto, instead of --service-level: stock while one more kg of expected "
                         "leftover prevents at least this many stockouts (the same price every day)")] = None,
                     inventory_days: Annotated[float | None, typer.Option(
                         min=0.0, help="auto with --rate: the inventory days aimed at; a kg more that sells then "
                         "counts against a kg left over, so stock goes where it sells")] = None,
                     log: Annotated[Path | None, typer.Option(help="per item-day CSV log")] = None,
                     as_json: Annotated[bool, typer.Option("--json", help="print one JSON object")] = False) -> None:
        """Replays the history against the auto or manual ordering policy."""
        if policy not in ("auto", "manual"):
            raise typer.BadParameter("policy must be auto or manual")
        s, e = _day(start), _day(end)
        if e < s:
            raise typer.BadParameter("end is before start")
        if inventory_days is not None and rate is None:
            raise typer.BadParameter("--inventory-days goes with --rate")
        try:
            res = run_simulation(history, products=products, start=s, end=e, policy=policy, k=k, lead_time=lead_time,
                                 service_level=service_level, log=log, rate=rate, inventory_days=inventory_days)
        except (ValueError, KeyError) as exc:   # a malformed row in one of the files
            raise typer.BadParameter(f"bad input file: {exc}") from None
        if res["items_not_in_products"]:   # no shelf life to simulate them with: left out, and said so
            typer.echo(f"{len(res['items_not_in_products'])} item(s) of the history are not in {products} and are "
                       f"left out: {', '.join(res['items_not_in_products'][:10])}", err=True)
        if as_json:
            sys.stdout.write(json.dumps(res, ensure_ascii=False) + "\n")
        else:
            for key in ("stockout_rate", "fill_rate", "inventory_days", "spoilage_share"):
                typer.echo(f"{key:15s} {res[key]:.4f}")


