"""Synthetic daily sales for the forecasting tests: a few products, busier weekends, noise, and a day shape."""
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

import numpy as np


def daily_store(first: date, origin: date, *, products: int, seed: int, level: Callable[[int], float], noise: float,
                shape: Callable[[date, int], float] = lambda d, j: 1.0) -> dict[str, list[tuple[date, Decimal]]]:
    """Sales of products ``p0``, ``p1``, … on every day from ``first`` to the day before ``origin``: the product's
    ``level(n)``, ×1.3 on weekends, × ``shape(day, days since first)``, × lognormal noise of spread ``noise``."""
    rng = np.random.default_rng(seed)
    out: dict[str, list[tuple[date, Decimal]]] = {}
    for n in range(products):
        rows = []
        for j in range((origin - first).days):
            d = first + timedelta(days=j)
            q = level(n) * (1.3 if d.weekday() >= 5 else 1.0) * rng.lognormal(0, noise) * shape(d, j)
            rows.append((d, Decimal(f"{q:.3f}")))
        out[f"p{n}"] = rows
    return out
