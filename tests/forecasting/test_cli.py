import csv
import json
import re
from datetime import date, timedelta

import pytest
import typer
from typer.testing import CliRunner

from adapters.forecasting import cli

ORIGIN = date(2023, 6, 1)


@pytest.fixture
def app():
    a = typer.Typer()
    cli.register(a)
    return a


def said(res) -> str:
    """The CLI's output as one line of words, without the error box (rich wraps long messages in it)."""
    return " ".join(re.sub("[│╭╮╰╯─]", " ", res.output).split())


def write(path, rows, header):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)
    return path


@pytest.fixture
def history(tmp_path):
    rows = []
    for i in range(120):
        d = ORIGIN - timedelta(days=120 - i)
        rows.append([d.isoformat(), "S1", "veg", 5 + (d.weekday() >= 5) * 5, "3.0", "2.0"])
        if i < 20:  # sold long ago, not in the 56 days before the origin
            rows.append([d.isoformat(), "S1", "old", 2, "3.0", "2.0"])
    rows.append([ORIGIN.isoformat(), "S1", "future", 9, "3.0", "2.0"])  # on the origin: must be ignored
    return write(tmp_path / "h.csv", rows, ["date", "location", "sku", "qty", "unit_price", "unit_cost"])


def test_forecast_writes_quantile_rows_for_items_sold_in_the_last_56_days(app, history, tmp_path):
    out = tmp_path / "f.csv"
    res = CliRunner().invoke(app, ["forecast", "--history", str(history), "--origin", ORIGIN.isoformat(),
                                   "--horizon", "3", "--out", str(out)])
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(open(out, encoding="utf-8")))
    assert list(rows[0]) == ["date", "location", "sku", "qty", "q10", "q25", "q50", "q75", "q90", "q95"]
    assert {(r["location"], r["sku"]) for r in rows} == {("S1", "veg")}
    assert [r["date"] for r in rows] == [(ORIGIN + timedelta(days=k)).isoformat() for k in range(3)]
    assert all(float(r["q10"]) <= float(r["qty"]) <= float(r["q90"]) for r in rows)


def test_simulate_prints_the_four_metrics_as_json_and_logs_every_item_day(app, tmp_path):
    hist = write(tmp_path / "h.csv", [[(date(2024, 1, 1) + timedelta(days=i)).isoformat(), "S1", "A", q]
                                      for i, q in enumerate([2, 2, 2, 2, 2, 2, 2, 4, 0, 1]) if q],
                 ["date", "location", "sku", "qty"])
    prods = write(tmp_path / "p.csv", [["A", "菜", "2"]], ["sku", "name", "shelf_life_days"])
    log = tmp_path / "log.csv"
    res = CliRunner().invoke(app, ["simulate", "--history", str(hist), "--products", str(prods),
                                   "--start", "2024-01-08", "--end", "2024-01-10", "--policy", "manual",
                                   "--k", "1", "--lead-time", "1", "--log", str(log), "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert out["stockout_rate"] == 0 and out["fill_rate"] == 1
    assert out["inventory_days"] == pytest.approx(32 / 35)
    assert out["spoilage_share"] == pytest.approx(5 / 12)
    rows = list(csv.DictReader(open(log, encoding="utf-8")))
    assert list(rows[0]) == ["date", "sku", "on_hand_start", "received", "demand", "sold", "spoiled",
                             "on_hand_end", "ordered"]
    assert [r["date"] for r in rows] == ["2024-01-08", "2024-01-09", "2024-01-10"]
    assert [float(r["spoiled"]) for r in rows] == pytest.approx([0, 0, 25 / 7], abs=1e-3)


def test_simulate_with_the_auto_policy_runs_on_a_small_history(app, tmp_path):
    rows = [[(date(2024, 1, 1) + timedelta(days=i)).isoformat(), "S1", sku, q]
            for i in range(100) for sku, q in (("A", 3 + i % 7), ("B", 1 + (i % 3 == 0)))]
    hist = write(tmp_path / "h.csv", rows, ["date", "location", "sku", "qty"])
    prods = write(tmp_path / "p.csv", [["A", "3"], ["B", ""]], ["sku", "shelf_life_days"])
    res = CliRunner().invoke(app, ["simulate", "--history", str(hist), "--products", str(prods),
                                   "--start", "2024-03-20", "--end", "2024-04-09", "--policy", "auto",
                                   "--service-level", "0.9", "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert out["items"] == 2 and out["fill_rate"] > 0.8 and 0 <= out["stockout_rate"] < 0.5


def test_simulate_auto_at_a_fixed_rate_holds_more_stock_at_a_lower_price_per_stockout(app, tmp_path):
    rows = [[(date(2024, 1, 1) + timedelta(days=i)).isoformat(), "S1", sku, q]
            for i in range(100) for sku, q in (("A", 3 + i % 7), ("B", 1 + (i % 3 == 0)))]
    hist = write(tmp_path / "h.csv", rows, ["date", "location", "sku", "qty"])
    prods = write(tmp_path / "p.csv", [["A", "3"], ["B", "3"]], ["sku", "shelf_life_days"])
    outs = []
    for rate in ("0.2", "0.002"):
        res = CliRunner().invoke(app, ["simulate", "--history", str(hist), "--products", str(prods),
                                       "--start", "2024-03-20", "--end", "2024-04-09", "--policy", "auto",
                                       "--rate", rate, "--json"])
        assert res.exit_code == 0, res.output
        outs.append(json.loads(res.stdout))
    assert [o["rate"] for o in outs] == [0.2, 0.002] and "service_level" not in outs[0]
    assert outs[1]["inventory_days"] > outs[0]["inventory_days"]
    assert outs[1]["stockout_rate"] <= outs[0]["stockout_rate"]


def test_simulate_auto_aiming_at_inventory_days_stocks_what_sells_and_refuses_days_without_a_rate(app, tmp_path):
    rows = [[(date(2024, 1, 1) + timedelta(days=i)).isoformat(), "S1", sku, q]
            for i in range(100) for sku, q in (("A", 3 + i % 7), ("B", 1 + (i % 3 == 0)))]
    hist = write(tmp_path / "h.csv", rows, ["date", "location", "sku", "qty"])
    prods = write(tmp_path / "p.csv", [["A", "3"], ["B", "3"]], ["sku", "shelf_life_days"])
    base = ["simulate", "--history", str(hist), "--products", str(prods), "--start", "2024-03-20",
            "--end", "2024-04-09", "--policy", "auto", "--json"]
    plain = json.loads(CliRunner().invoke(app, [*base, "--rate", "0.5"]).stdout)
    res = CliRunner().invoke(app, [*base, "--rate", "0.5", "--inventory-days", "2"])
    assert res.exit_code == 0, res.output
    aimed = json.loads(res.stdout)
    assert aimed["target_inventory_days"] == 2.0 and aimed["rate"] == 0.5
    # at the same price per stockout, stock that mostly sells now counts for less: fewer stockouts, more sold
    assert aimed["stockout_rate"] < plain["stockout_rate"] and aimed["fill_rate"] > plain["fill_rate"]
    res = CliRunner().invoke(app, [*base, "--inventory-days", "2"])
    assert res.exit_code != 0 and "--rate" in res.output


def test_simulate_leaves_out_items_the_products_file_does_not_know_and_says_which(app, tmp_path):
    rows = [[(date(2024, 1, 1) + timedelta(days=i)).isoformat(), "S1", sku, 2] for i in range(10) for sku in ("A", "Z")]
    hist = write(tmp_path / "h.csv", rows, ["date", "location", "sku", "qty"])
    prods = write(tmp_path / "p.csv", [["A", "3"]], ["sku", "shelf_life_days"])
    res = CliRunner().invoke(app, ["simulate", "--history", str(hist), "--products", str(prods),
                                   "--start", "2024-01-08", "--end", "2024-01-10", "--policy", "manual", "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert out["items"] == 1 and out["items_not_in_products"] == ["Z"]
    assert "Z" in res.stderr and "left out" in res.stderr


@pytest.mark.parametrize(("history_rows", "products_rows", "says"), [
    ([["2024-13-01", "S1", "A", "2"]], [["A", "3"]], "h.csv, line 2"),           # no such month
    ([["2024-01-01", "S1", "A", "two"]], [["A", "3"]], "h.csv, line 2"),          # not a number
    ([["2024-01-01", "S1", "A", "nan"]], [["A", "3"]], "not a number"),
    ([["2024-01-01", "S1", "A", "2"]], [["A", "three"]], "p.csv, line 2"),        # shelf life not a number
    ([["2024-01-01", "S1", "A", "2"]], [["A", "-1"]], "0 or more"),
])
def test_simulate_refuses_malformed_files_with_the_file_and_line(app, tmp_path, history_rows, products_rows, says):
    hist = write(tmp_path / "h.csv", history_rows, ["date", "location", "sku", "qty"])
    prods = write(tmp_path / "p.csv", products_rows, ["sku", "shelf_life_days"])
    log = tmp_path / "log.csv"
    res = CliRunner().invoke(app, ["simulate", "--history", str(hist), "--products", str(prods), "--start",
                                   "2024-01-02", "--end", "2024-01-05", "--policy", "manual", "--log", str(log)])
    assert res.exit_code == 2 and says in said(res), res.output
    assert not log.exists()


def test_forecast_and_simulate_refuse_a_history_file_that_does_not_exist(app, tmp_path):
    missing = str(tmp_path / "nope.csv")
    prods = write(tmp_path / "p.csv", [["A", "3"]], ["sku", "shelf_life_days"])
    for args in (["forecast", "--history", missing, "--origin", "2024-01-05", "--out", str(tmp_path / "f.csv")],
                 ["simulate", "--history", missing, "--products", str(prods), "--start", "2024-01-02",
                  "--end", "2024-01-05"]):
        res = CliRunner().invoke(app, args)
        assert res.exit_code == 2 and "does not exist" in said(res), res.output
    assert not (tmp_path / "f.csv").exists()


def test_forecast_refuses_a_history_without_quantities(app, tmp_path):
    hist = write(tmp_path / "h.csv", [["2024-01-01", "S1", "A"]], ["date", "location", "sku"])
    res = CliRunner().invoke(app, ["forecast", "--history", str(hist), "--origin", "2024-01-05",
                                   "--out", str(tmp_path / "f.csv")])
    assert res.exit_code == 2 and "date,sku,qty" in said(res), res.output
    assert not (tmp_path / "f.csv").exists()


def test_history_files_add_up_and_where_they_overlap_a_day_counts_once_the_later_file_holding_it(app, tmp_path):
    first = [[(date(2024, 1, 1) + timedelta(days=i)).isoformat(), "S1", "A", 2] for i in range(20)]
    later = [[(date(2024, 1, 21) + timedelta(days=i)).isoformat(), "S1", "A", 5] for i in range(20)]
    # two rows of one file on one day are two sales that day
    h1 = write(tmp_path / "jan.csv", [*first, ["2024-01-20", "S1", "A", 1]], ["date", "location", "sku", "qty"])
    h2 = write(tmp_path / "feb.csv", later, ["date", "location", "sku", "qty"])
    log = tmp_path / "log.csv"
    prods = write(tmp_path / "p.csv", [["A", "3"]], ["sku", "shelf_life_days"])
    base = ["simulate", "--products", str(prods), "--start", "2024-01-15", "--end", "2024-01-25",
            "--policy", "manual", "--json", "--log", str(log)]

    def demand(*files):
        res = CliRunner().invoke(app, [*base, *(x for f in files for x in ("--history", str(f)))])
        assert res.exit_code == 0, res.output
        json.loads(res.stdout)   # the notes go to stderr: stdout stays one JSON object
        with open(log, encoding="utf-8") as fh:
            return {r["date"]: float(r["demand"]) for r in csv.DictReader(fh)}, "".join(said(res).split())

    got, _ = demand(h1, h2)
    assert got["2024-01-19"] == 2 and got["2024-01-20"] == 3 and got["2024-01-21"] == 5
    # an export of the next weeks that repeats the last days of the first one: those days count once
    again = write(tmp_path / "again.csv", [first[18], [*first[19][:3], 3], *later[:3]], ["date", "location", "sku", "qty"])
    got, notes = demand(h1, again)
    assert got["2024-01-19"] == 2 and got["2024-01-20"] == 3 and got["2024-01-21"] == 5, got
    assert "again.csv:2day(s)alreadyinanearlierfilewiththesametotal,countedonce" in notes, notes
    # a later export with another total for a day (a day that was still open when the first was made): the later
    # file's count, and the note names both files and both totals
    fuller = write(tmp_path / "fuller.csv", [["2024-01-20", "S1", "A", 4.5]], ["date", "location", "sku", "qty"])
    got, notes = demand(h1, h2, fuller)
    assert got["2024-01-20"] == 4.5 and got["2024-01-19"] == 2 and got["2024-01-21"] == 5, got
    assert "fuller.csv:1day(s)alreadyinanearlierfilewithanothertotal" in notes and "2024-01-20S1A:3in" in notes \
        and "jan.csv,4.5here" in notes, notes
    # the order on the command line decides which file holds the day
    got, _ = demand(fuller, h1)
    assert got["2024-01-20"] == 3, got
    res = CliRunner().invoke(app, ["forecast", "--history", str(h1), "--history", str(fuller), "--origin", "2024-01-25",
                                   "--out", str(tmp_path / "f.csv")])
    assert res.exit_code == 0 and "fuller.csv" in said(res), res.output
