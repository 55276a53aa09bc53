"""P(sale) of items that have not sold for a while: the observed restart rate by days since the last sale.

The pooled hurdle model gives every long-idle item about the same small chance of a sale (3.7 % a day
on the last year of the vegmarket data), whether it last sold five weeks or a year ago. Items that
stopped rarely come back (about 1 % a day after four weeks, 0.3 % after eight), so stock spread on
that chance mostly sits on items that never sell again. Here the chance of a sale on the day after
``g`` zero days is the share of all item-days of the history with ``g`` zero days before them (bucketed)
that had a sale, pooled over items, counted only up to the decision day.

An item that has never sold gets 0: nothing in its history says that it will (in the simulation the
item list is taken from the whole history, so stocking items before their first sale would use the future).
"""
from __future__ import annotations

import numpy as np

# bucket lower bounds of "zero days since the last sale"
EDGES = np.array([0, 1, 2, 3, 5, 7, 10, 14, 21, 28, 42, 56, 84, 112, 168, 224, 336])
MIN_GAP = 7          # from this many zero days on, the observed restart rate replaces the model's P(sale)
PRIOR_DAYS, PRIOR_RATE = 2.0, 0.01   # a weak prior for buckets with few item-days yet


def gaps(demand: np.ndarray) -> np.ndarray:
    """``out[i, t]``: zero days of item i since its last sale, on the evening of day t (0: sold on t; −1: never sold)."""
    n, days = demand.shape
    out = np.zeros((n, days))
    g = np.full(n, -1.0)
    for t in range(days):
        g = np.where(demand[:, t] > 0, 0.0, np.where(g < 0, -1.0, g + 1))
        out[:, t] = g
    return out


class Restarts:
    """Restart rates by days since the last sale, from the history up to each decision day."""

    def __init__(self, demand: np.ndarray, *, min_gap: int = MIN_GAP) -> None:
        self.min_gap = min_gap
        self.gap = gaps(demand)
        n, days = demand.shape
        nb = len(EDGES)
        bucket = np.searchsorted(EDGES, self.gap, side="right") - 1
        # tries[d + 1, b], sales[d + 1, b]: item-days u ≤ d whose evening before (u − 1) was in bucket b
        self.tries = np.zeros((days + 1, nb))
        self.sales = np.zeros((days + 1, nb))
        for u in range(1, days):
            seen = bucket[:, u - 1] >= 0
            b = bucket[seen, u - 1]
            self.tries[u + 1] = self.tries[u] + np.bincount(b, minlength=nb)
            self.sales[u + 1] = self.sales[u] + np.bincount(b, weights=(demand[seen, u] > 0).astype(float),
                                                            minlength=nb)

    def rate(self, day: int, gap: np.ndarray) -> np.ndarray:
        """P(sale on a day that follows ``gap`` zero days), from the item-days up to ``day``."""
        d = min(max(day, 0), len(self.tries) - 2)
        rates = (self.sales[d + 1] + PRIOR_DAYS * PRIOR_RATE) / (self.tries[d + 1] + PRIOR_DAYS)
        b = np.clip(np.searchsorted(EDGES, gap, side="right") - 1, 0, len(EDGES) - 1)
        out: np.ndarray = rates[b]
        return out

    def adjust(self, day: int, p: np.ndarray) -> np.ndarray:
        """``p`` (items × horizon, days day+1 ..) with the restart rate for items idle ≥ ``min_gap`` days by then
        (assuming no sale in between) and 0 for items that have not sold up to ``day``."""
        g = self.gap[:, min(day, self.gap.shape[1] - 1)] if day >= 0 else np.full(p.shape[0], -1.0)
        out = p.copy()
        for k in range(p.shape[1]):
            idle = g + k
            out[:, k] = np.where(g < 0, 0.0, np.where(idle >= self.min_gap, self.rate(day, idle), p[:, k]))
        return out
