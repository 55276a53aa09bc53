"""Per-series model choice by rolling backtest.

For every series, the pooled model and a few cheap one-series models forecast the ``weeks`` weekly
origins before the real one (each from the days before its origin); a candidate replaces the pooled
forecast only when its absolute error over those weeks is below ``margin`` × the pooled model's, so
the choice does not chase noise (8 weeks and 0.7: on the shared data the choice then costs the pooled model's
WAPE nothing where 4 weeks and 0.8 cost it 0.1 point). SARIMAX and AutoETS are not candidates: at 90–320 ms
per series and fit they would break the 10 ms budget, and on the shared data they lose to the pooled model
anyway (see ``make bench``).
"""
from __future__ import annotations

import dataclasses

import numpy as np

from adapters.forecasting import features, models, pooled

CANDIDATES: dict[str, models.Model] = {
    "ma7": models.moving_average,
    "seasonal_naive": models.seasonal_naive,
    "tsb": models.tsb,
}


@dataclasses.dataclass(frozen=True)
class Choice:
    point: np.ndarray          # rows × horizon: the chosen model's forecast
    names: tuple[str, ...]     # per row: "pooled" or the candidate's name
    errors: np.ndarray         # rows × (1 + candidates): backtest absolute error, pooled first


def choose(model: pooled.Model, rows: np.ndarray, *, horizon: int, weeks: int = 8, margin: float = 0.7,
           pooled_point: np.ndarray | None = None) -> Choice:
    """Chooses per row between the pooled model and ``CANDIDATES`` over the last ``weeks`` weeks.

    ``pooled_point`` is the pooled model's forecast of these rows from the origin, when the caller has it.
    """
    rows = np.asarray(rows, dtype=int)
    design = model.design
    days = design.days
    y = design.y[:, features.PAD: features.PAD + days]
    names = ["pooled", *CANDIDATES]
    err = np.zeros((len(rows), len(names)))
    # the pooled model's past forecasts see the prices of those past days (known then as a plan would be)
    for w in range(1, weeks + 1):
        day = days - 7 * w
        if day < 28:
            break
        span = min(horizon, 7 * w, days - day)
        actual = y[rows, day: day + span]
        err[:, 0] += np.abs(model.predict(rows, horizon=horizon, day=day).point[:, :span] - actual).sum(axis=1)
        for c, fn in enumerate(CANDIDATES.values(), start=1):
            fc = np.stack([_from_first_sale(fn, y[i, :day], horizon) for i in rows]) if len(rows) else \
                np.zeros((0, horizon))
            err[:, c] += np.abs(fc[:, :span] - actual).sum(axis=1)
    base = pooled_point if pooled_point is not None else model.predict(rows, horizon=horizon).point
    point = base.copy()
    chosen = ["pooled"] * len(rows)
    best = err[:, 1:].argmin(axis=1) if len(rows) else np.zeros(0, int)
    for n, i in enumerate(rows):
        c = int(best[n]) + 1
        if err[n, c] < margin * err[n, 0]:
            chosen[n] = names[c]
            point[n] = _from_first_sale(CANDIDATES[names[c]], y[i], horizon)
    return Choice(point, tuple(chosen), err)


def _from_first_sale(fn: models.Model, hist: np.ndarray, horizon: int) -> np.ndarray:
    nz = np.flatnonzero(hist > 0)
    return fn(hist[nz[0]:] if len(nz) else hist[-7:], horizon)
