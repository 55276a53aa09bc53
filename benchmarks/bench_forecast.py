"""Forecasting and replenishment on the shared vegetable-market data (make bench).

1. Rolling-origin backtest over the last year (origins every 28 days, horizon 7, items with a sale in
   the 56 days before the origin, zero-filled): WAPE and fit+forecast time per series of each
   baseline, of SARIMAX with calendar regressors, and of ours step by step (pooled, + price history,
   + per-series choice by rolling backtest), and ours learning from other pseudo-origins than those on the
   origin's weekday; then the same backtest a year earlier (baselines and ours), and both
   again from every week's origin (4x the weeks, the Spring Festival's among them).
2. Simulation over the last year: auto (service levels, stock allocated across items and days) against manual
   (k), with lead time 1; the trade-off curve (stockout rate vs inventory days, with spoilage) as a
   table and a PNG in var/bench/, and the two ratios of the issue read off the auto curve at each
   manual point (linear interpolation between neighbouring auto points); and auto aiming at each manual
   point's inventory days (a kg that sells counts against a kg left over), its rate searched until it holds them.
"""
from __future__ import annotations

import os
import sys
import time
from datetime import date, timedelta
from pathlib import Path

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")   # the speed target is per core: no BLAS threads

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from adapters.forecasting import autopolicy, backtest, cli, exog, models, panel, pooled, simulate  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "vegmarket"
OUT = ROOT / "var" / "bench"
# auto: target share of demand item-days served; spans manual k = 1 .. 2 in both stockouts and inventory days
SERVICE_LEVELS = (0.8, 0.85, 0.9, 0.93, 0.95, 0.96, 0.97, 0.98, 0.99)
KS = (0.75, 1.0, 1.25, 1.5, 2.0, 2.5, 3.0)
# auto at a fixed rate: stock while a unit of leftover prevents at least this many stockouts (the same price every day)
EARLIEST = 120   # days of history before the first origin of the earlier backtest
RATES = (0.05, 0.02, 0.01, 0.005, 0.004, 0.0035, 0.003, 0.002, 0.0012)   # denser near manual k = 1.5


def accuracy(sales: list[panel.Sale]) -> None:
    p = panel.from_sales(sales)
    origins = backtest.rolling_origins(p)
    price = exog.price_matrix(panel.price_history(sales), p.keys, start=p.start, days=p.days)
    contenders = {name: backtest.per_series(m) for name, m in models.BASELINES.items()}
    contenders["sarimax_calendar"] = backtest.sarimax()
    contenders["pooled"] = backtest.ours(chosen=False)
    contenders["pooled+price"] = backtest.ours(chosen=False, price=price)
    contenders["ours"] = backtest.ours(price=price)   # pooled + price + per-series choice: what `forecast` runs
    scores = backtest.evaluate(p, contenders, origins=origins, group=backtest.by_sale_share)
    print(f"backtest: {len(origins)} origins {origins[0]} .. {origins[-1]}, horizon 7, "
          f"{scores[0].series} series-origins")
    print(f"{'model':16s} {'WAPE':>7s} {'ms/series':>10s}")
    for s in scores:
        print(f"{s.name:16s} {s.wape:7.4f} {s.ms_per_series:10.2f}")
    baselines = [s for s in scores if s.name in models.BASELINES]
    best = min(baselines, key=lambda s: s.wape)
    ours = next(s for s in scores if s.name == "ours")
    print(f"ours vs best baseline ({best.name}): {100 * (1 - ours.wape / best.wape):.1f}% lower WAPE (target ≥ 10%)")
    # where the margin comes from: series by the share of days with a sale in the 56 days before the origin
    print("by share of days with a sale before the origin (rows, share of actual demand, WAPE):")
    for label, (_, actual, n) in ours.groups.items():
        line = ", ".join(f"{s.name} {s.group_wape(label):.3f}" for s in baselines)
        gbest = min(baselines, key=lambda s: s.group_wape(label))
        print(f"  {label:7s} {n:5d} rows, {100 * actual / ours.actual:4.1f}% of demand: ours {ours.group_wape(label):.3f}; "
              f"{line}; ours {100 * (1 - ours.group_wape(label) / gbest.group_wape(label)):.1f}% lower than {gbest.name}")
    # what learning from pseudo-origins on the origin's weekday is worth: the same model learning from every 4th day
    # on every weekday (as ours did before 2026-12-03's third session) and from the weekday before the origin's
    others = {"every 4th day": backtest.ours(price=price, settings=pooled.Settings(step=4, back=False, fill_rows=0)),
              "weekday before": backtest.ours(price=price, settings=pooled.Settings(phase=1))}
    alt = backtest.evaluate(p, others, origins=origins)
    print("ours with other pseudo-origins: " + ", ".join(
        f"{s.name} {s.wape:.4f} ({100 * (1 - s.wape / best.wape):.1f}% lower than {best.name}, "
        f"{s.ms_per_series:.1f} ms/series)" for s in alt))
    # the same backtest a year earlier, as a check on data the model was never tuned on: the same weekdays,
    # origins with at least 120 days of history before them (the model has much less to learn from there)
    earlier = [d for d in (o - timedelta(days=364) for o in origins) if p.index(d) >= EARLIEST]
    scores, best, ours = _versus(p, price, earlier, others)
    print(f"a year earlier: {len(earlier)} origins {earlier[0]} .. {earlier[-1]}, {ours.series} series-origins: " +
          ", ".join(f"{s.name} {s.wape:.4f}" for s in scores) +
          f"; ours vs best baseline ({best.name}): {100 * (1 - ours.wape / best.wape):.1f}% lower WAPE")
    hindsight(p, price, origins, best)
    weekly(p, price)


def hindsight(p: panel.Panel, price: np.ndarray | None, origins: list[date], best: backtest.Score) -> None:
    """How much of ours' remaining error is the level of the week: ours scaled, origin by origin, by the one factor
    that fits that week's actual demand best in hindsight (no forecast can know it), and by one factor per day."""
    model = backtest.ours(price=price)
    err = week = day = actual = 0.0
    scales = np.arange(0.5, 2.0, 0.01)
    for origin in origins:
        j = p.index(origin)
        rows = np.asarray(p.active(origin), dtype=int)
        fc, act = model(p.y[:, :j], p.start, rows, 7), p.y[rows, j: j + 7]
        err += float(np.abs(fc - act).sum())
        week += min(float(np.abs(fc * c - act).sum()) for c in scales)
        day += sum(min(float(np.abs(fc[:, k] * c - act[:, k]).sum()) for c in scales) for k in range(act.shape[1]))
        actual += float(act.sum())
    print(f"hindsight: ours {err / actual:.4f}; scaled by the best factor per origin {week / actual:.4f} "
          f"({100 * (1 - week / actual / best.wape):.1f}% lower than {best.name}), per origin and day {day / actual:.4f} "
          f"({100 * (1 - day / actual / best.wape):.1f}%)")


def weekly(p: panel.Panel, price: np.ndarray | None) -> None:
    """The same backtest from every week's origin (the same weekday) instead of every fourth week's: four times the
    weeks, so a steadier estimate, and the weeks around the Spring Festival, which no 28-day origin reaches; then
    the same a year earlier."""
    last = backtest.rolling_origins(p, every=7)
    earlier = [d for d in (o - timedelta(days=364) for o in last) if p.index(d) >= EARLIEST]
    for label, origins in (("every week's origin, last year", last), ("every week's origin, a year earlier", earlier)):
        scores, best, ours = _versus(p, price, origins)
        print(f"{label}: {len(origins)} origins {origins[0]} .. {origins[-1]}, {ours.series} series-origins: " +
              ", ".join(f"{s.name} {s.wape:.4f}" for s in scores) +
              f"; ours vs best baseline ({best.name}): {100 * (1 - ours.wape / best.wape):.1f}% lower WAPE")


def _versus(p: panel.Panel, price: np.ndarray | None, origins: list[date], extra: dict[str, backtest.PanelModel] | None = None
            ) -> tuple[list[backtest.Score], backtest.Score, backtest.Score]:
    """The baselines, ours and ``extra`` from these origins: every score, the best baseline's and ours."""
    contenders = {name: backtest.per_series(m) for name, m in models.BASELINES.items()}
    contenders["ours"] = backtest.ours(price=price)
    contenders.update(extra or {})
    scores = backtest.evaluate(p, contenders, origins=origins)
    best = min((s for s in scores if s.name in models.BASELINES), key=lambda s: s.wape)
    return scores, best, next(s for s in scores if s.name == "ours")


def _interp(x: list[float], y: list[float], at: float) -> float:
    """Linear interpolation on the curve; NaN outside it (no extrapolation)."""
    order = np.argsort(x)
    xs = np.asarray(x)[order]
    if not xs[0] <= at <= xs[-1]:
        return float("nan")
    return float(np.interp(at, xs, np.asarray(y)[order]))


def trade_off(sales: list[panel.Sale]) -> None:
    products = cli.read_products(DATA / "products.csv")
    end = max(s.day for s in sales)
    start = end - timedelta(days=364)
    setup = simulate.setup(sales, products, start=start, end=end)
    a, b = setup.index(start), setup.index(end)
    rows: list[tuple[str, float, simulate.Result]] = []
    for k in KS:
        res = simulate.run(setup.demand, start=a, end=b, shelf_life=setup.shelf_life, lead_time=1,
                           policy=simulate.manual(k=k, lead_time=1))
        rows.append(("manual k", k, res))
    t0 = time.perf_counter()
    fc = autopolicy.Forecasts(setup.demand, first_day=setup.first_day, horizon=4)
    for sl in SERVICE_LEVELS:
        res = simulate.run(setup.demand, start=a, end=b, shelf_life=setup.shelf_life, lead_time=1,
                           policy=autopolicy.policy(fc, service_level=sl, lead_time=1, shelf_life=setup.shelf_life,
                                                    first_day=setup.first_day))
        rows.append(("auto sl", sl, res))
    for rate in RATES:
        res = simulate.run(setup.demand, start=a, end=b, shelf_life=setup.shelf_life, lead_time=1,
                           policy=autopolicy.policy(fc, lead_time=1, shelf_life=setup.shelf_life,
                                                    first_day=setup.first_day, rate=rate))
        rows.append(("auto rate", rate, res))
    print(f"simulation {start} .. {end}, {len(setup.skus)} items, lead time 1 "
          f"(auto: {time.perf_counter() - t0:.0f} s for {len(SERVICE_LEVELS) + len(RATES)} runs)")
    print(f"{'policy':9s} {'param':>7s} {'stockout':>9s} {'fill':>6s} {'inv days':>9s} {'spoilage':>9s}")
    for name, v, r in rows:
        print(f"{name:9s} {v:7.4f} {r.stockout_rate:9.4f} {r.fill_rate:6.3f} {r.inventory_days:9.3f} "
              f"{r.spoilage_share:9.4f}")
    man = [r for n, _, r in rows if n.startswith("manual")]
    curves = {name: [r for n, _, r in rows if n == name] for name in ("auto sl", "auto rate")}
    for name, auto in curves.items():
        for m, k in zip(man, KS, strict=True):
            if k not in (1.0, 1.5, 2.0):
                continue
            so = _interp([r.inventory_days for r in auto], [r.stockout_rate for r in auto], m.inventory_days)
            inv = _interp([r.stockout_rate for r in auto], [r.inventory_days for r in auto], m.stockout_rate)
            sp = _interp([r.stockout_rate for r in auto], [r.spoilage_share for r in auto], m.stockout_rate)
            print(f"{name} vs manual k={k}: at its inventory days {m.inventory_days:.2f} auto's stockout is "
                  f"{100 * so / m.stockout_rate:.0f}% of manual's (target ≤ 27%); at its stockout rate "
                  f"{m.stockout_rate:.3f} auto needs {100 * inv / m.inventory_days:.0f}% of its inventory days "
                  f"(target ≤ 59%) and spoils {sp:.3f} vs {m.spoilage_share:.3f}")
    aimed = []
    for m, k in zip(man, KS, strict=True):
        if k not in (1.0, 1.5, 2.0):
            continue
        t0 = time.perf_counter()
        so, runs = _aiming(setup, fc, a, b, m.inventory_days)
        aimed.append((m.inventory_days, so))
        print(f"auto aiming at manual k={k}'s inventory days {m.inventory_days:.3f} (a kg that sells counts against a "
              f"kg left over): stockout {so:.4f} = {100 * so / m.stockout_rate:.1f}% of manual's (target ≤ 27%; "
              f"{len(runs)} runs, {time.perf_counter() - t0:.0f} s: " +
              ", ".join(f"rate {r:.5f} → {inv:.3f} days, {st:.4f}" for r, inv, st in runs) + ")")
    _plot(man, curves, aimed)


def _aiming(setup: simulate.Setup, fc: autopolicy.Forecasts, a: int, b: int, days: float,
            ) -> tuple[float, list[tuple[float, float, float]]]:
    """Auto at a fixed rate with ``days`` as its inventory-days target, the rate searched (in log space, by false
    position) until the run's inventory days are within 0.005 of ``days``: the stockout rate at exactly those days,
    interpolated between the two closest runs on either side, and the runs (rate, inventory days, stockout)."""
    runs: list[tuple[float, float, float]] = []

    def run(rate: float) -> tuple[float, float]:
        res = simulate.run(setup.demand, start=a, end=b, shelf_life=setup.shelf_life, lead_time=1,
                           policy=autopolicy.policy(fc, lead_time=1, shelf_life=setup.shelf_life,
                                                    first_day=setup.first_day, rate=rate, days=days))
        runs.append((rate, res.inventory_days, res.stockout_rate))
        return res.inventory_days, res.stockout_rate

    lo, hi = 0.01, 0.01          # rates whose inventory days are above / below the target (a higher rate stocks less)
    inv, _ = run(lo)
    while inv > days and len(runs) < 8:
        hi *= 2
        inv, _ = run(hi)
    while inv < days and len(runs) < 8:
        lo /= 2
        inv, _ = run(lo)
    def bracket() -> tuple[tuple[float, float, float], tuple[float, float, float]]:
        """The closest runs above and below the target."""
        return (min((r for r in runs if r[1] >= days), key=lambda r: r[1] - days),
                min((r for r in runs if r[1] < days), key=lambda r: days - r[1]))

    for _ in range(5):
        above, below = bracket()
        if min(above[1] - days, days - below[1]) < 0.005:
            break
        f = (above[1] - days) / (above[1] - below[1])
        run(float(np.exp(np.log(above[0]) + f * (np.log(below[0]) - np.log(above[0])))))
    above, below = bracket()
    return _interp([above[1], below[1]], [above[2], below[2]], days), runs


def _plot(man: list[simulate.Result], curves: dict[str, list[simulate.Result]],
          aimed: list[tuple[float, float]]) -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    OUT.mkdir(parents=True, exist_ok=True)
    fig = Figure(figsize=(9, 4), dpi=110)
    FigureCanvasAgg(fig)
    ax1, ax2 = fig.add_subplot(1, 2, 1), fig.add_subplot(1, 2, 2)
    for res, label, color in ((man, "manual (k)", "#888888"),
                              (curves["auto sl"], "auto (service level over the last 91 days)", "#e76f51"),
                              (curves["auto rate"], "auto (fixed rate per unit of leftover)", "#2a9d8f")):
        ax1.plot([r.inventory_days for r in res], [r.stockout_rate for r in res], marker="o", label=label, color=color)
        ax2.plot([r.inventory_days for r in res], [r.spoilage_share for r in res], marker="o", label=label,
                 color=color)
    ax1.scatter([d for d, _ in aimed], [so for _, so in aimed], marker="*", s=90, color="#264653", zorder=3,
                label="auto aiming at manual's inventory days")
    ax1.set_xlabel("inventory days")
    ax1.set_ylabel("stockout rate")
    ax2.set_xlabel("inventory days")
    ax2.set_ylabel("spoilage share")
    for ax in (ax1, ax2):
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(OUT / "forecast_tradeoff.png")
    print(f"trade-off curve → {OUT / 'forecast_tradeoff.png'}")


def main() -> None:
    sales = panel.read_sales([DATA / "sales_history.csv"])
    accuracy(sales)
    trade_off(sales)


if __name__ == "__main__":
    main()
