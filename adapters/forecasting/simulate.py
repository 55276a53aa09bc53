"""Replays a sales history against an ordering policy, day by day, item by item.

For each day d, for every item:
  1. receive what was ordered for d;
  2. sell FIFO: min(on hand, demand), demand being the history's quantity for d (0 if none);
  3. every lot ages one day; lots whose age is ≥ shelf_life_days are discarded;
  4. the policy decides an order that arrives at d + lead time.
Before the first day the policy decides once, on the evening before (its order arrives at
start − 1 + lead time, so with a one-day lead time it stocks the store for the first day).
Items are summed over locations. An item without a shelf life never spoils.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import numpy as np

from adapters.forecasting import panel


@dataclasses.dataclass
class State:
    """What a policy sees on the evening of ``day`` (history index)."""

    day: int
    demand: np.ndarray      # items × days: the history, zero-filled; a policy may read columns ≤ day only
    on_hand: np.ndarray     # after the day's sales and discards
    on_order: np.ndarray    # ordered, not yet received
    lots: np.ndarray        # items × age buckets (age 1 = received today)


Policy = Callable[[State], np.ndarray]


@dataclasses.dataclass
class Result:
    stockout_rate: float
    fill_rate: float
    inventory_days: float
    spoilage_share: float
    demand: float
    sold: float
    received: float
    spoiled: float
    item_days: int
    log: list[dict[str, Any]]

    def metrics(self) -> dict[str, float | int]:
        return {k: v for k, v in dataclasses.asdict(self).items() if k != "log"}


def manual(*, k: float, lead_time: int) -> Policy:
    """Order up to k × mean(demand of the last 7 days up to d) × (lead time + 1), minus on hand and on order."""
    def decide(s: State) -> np.ndarray:
        lo = max(0, s.day - 6)
        window = s.demand[:, lo: s.day + 1]
        mean = window.sum(axis=1) / 7.0
        out: np.ndarray = np.maximum(0.0, k * mean * (lead_time + 1) - s.on_hand - s.on_order)
        return out
    return decide


def run(demand: np.ndarray, *, start: int, end: int, shelf_life: np.ndarray, lead_time: int, policy: Policy,
        skus: list[str] | None = None, first_day: date | None = None, log: bool = False) -> Result:
    """Simulates history days ``start`` .. ``end`` (inclusive); ``shelf_life`` is per item (inf = never)."""
    n = demand.shape[0]
    lead = max(1, int(lead_time))
    finite = np.isfinite(shelf_life)
    width = int(max([*shelf_life[finite], 1])) + 1
    life = np.where(finite, shelf_life, np.inf)
    lots = np.zeros((n, width))
    arrivals = np.zeros((n, end - start + lead + 3))   # column c: arriving on day start + c

    def order(day: int, qty: np.ndarray) -> None:
        c = day + lead - start
        if 0 <= c < arrivals.shape[1]:
            arrivals[:, c] += qty

    def on_order(day: int) -> np.ndarray:
        out: np.ndarray = arrivals[:, day + 1 - start:].sum(axis=1)
        return out

    order(start - 1, policy(State(start - 1, demand, lots.sum(axis=1), on_order(start - 1), lots.copy())))
    tot = {"demand": 0.0, "sold": 0.0, "received": 0.0, "spoiled": 0.0, "on_hand": 0.0}
    short_days = demand_days = 0
    rows: list[dict[str, Any]] = []
    ages = np.arange(width)
    for d in range(start, end + 1):
        begin = lots.sum(axis=1)
        got = arrivals[:, d - start].copy()
        lots[:, 0] += got
        want = demand[:, d] if d < demand.shape[1] else np.zeros(n)
        left = want.copy()
        for a in range(width - 1, -1, -1):            # oldest first
            take = np.minimum(lots[:, a], left)
            lots[:, a] -= take
            left -= take
        sold = want - left
        aged = np.zeros_like(lots)
        aged[:, 1:] = lots[:, :-1]
        aged[:, -1] += lots[:, -1]                    # the oldest bucket keeps what never spoils
        dead = ages[None, :] >= life[:, None]
        spoiled = (aged * dead).sum(axis=1)
        lots = aged * ~dead
        end_hand = lots.sum(axis=1)
        qty = policy(State(d, demand, end_hand, on_order(d), lots.copy()))
        order(d, qty)
        tot["demand"] += float(want.sum())
        tot["sold"] += float(sold.sum())
        tot["received"] += float(got.sum())
        tot["spoiled"] += float(spoiled.sum())
        tot["on_hand"] += float(end_hand.sum())
        demand_days += int((want > 0).sum())
        short_days += int((left > 1e-9).sum())
        if log:
            day = (first_day + timedelta(days=d)).isoformat() if first_day else str(d)
            for i in range(n):
                rows.append({"date": day, "sku": skus[i] if skus else str(i), "on_hand_start": begin[i],
                             "received": got[i], "demand": want[i], "sold": sold[i], "spoiled": spoiled[i],
                             "on_hand_end": end_hand[i], "ordered": qty[i]})
    return Result(
        stockout_rate=short_days / demand_days if demand_days else 0.0,
        fill_rate=tot["sold"] / tot["demand"] if tot["demand"] else 1.0,
        inventory_days=tot["on_hand"] / tot["sold"] if tot["sold"] else float("inf"),
        spoilage_share=tot["spoiled"] / tot["received"] if tot["received"] else 0.0,
        demand=tot["demand"], sold=tot["sold"], received=tot["received"], spoiled=tot["spoiled"],
        item_days=n * (end - start + 1), log=rows)


@dataclasses.dataclass
class Setup:
    """The simulated items: their demand (summed over locations) and shelf lives."""

    skus: list[str]
    demand: np.ndarray
    shelf_life: np.ndarray
    first_day: date

    def index(self, d: date) -> int:
        return (d - self.first_day).days


def setup(sales: list[panel.Sale], products: dict[str, float | None], *, start: date, end: date) -> Setup:
    """Items: the products that appear in the history on or before ``end``; days from the first sale."""
    merged = [panel.Sale(s.day, "*", s.sku, s.qty) for s in sales if s.sku in products and s.day <= end]
    first = min([s.day for s in merged] + [start - timedelta(days=1)])
    p = panel.from_sales(merged, start=first, end=end + timedelta(days=1))
    skus = [k[1] for k in p.keys]
    life = np.array([np.inf if products[s] is None else float(products[s] or np.inf) for s in skus])
    return Setup(skus, p.y, life, p.start)
