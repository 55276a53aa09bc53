"""Daily sales as a zero-filled matrix: one row per (location, sku), one column per day.

History files use the import format ``date,location,sku,qty[,unit_price,unit_cost]``; days without a
row are days without a sale.
"""
from __future__ import annotations

import csv
import dataclasses
import math
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import numpy as np

Key = tuple[str, str]  # (location, sku)


@dataclasses.dataclass(frozen=True)
class Sale:
    day: date
    location: str
    sku: str
    qty: float
    price: float | None = None   # the day's selling price, when the file has one


@dataclasses.dataclass
class Panel:
    """``y[i, j]`` is what series ``keys[i]`` sold on ``start + j`` days."""

    start: date
    keys: list[Key]
    y: np.ndarray

    @property
    def days(self) -> int:
        return int(self.y.shape[1])

    @property
    def end(self) -> date:
        """The day after the last column."""
        return self.start + timedelta(days=self.days)

    def index(self, d: date) -> int:
        return (d - self.start).days

    def dates(self) -> list[date]:
        return [self.start + timedelta(days=j) for j in range(self.days)]

    def before(self, origin: date) -> Panel:
        """Only the columns dated before ``origin``."""
        return Panel(self.start, list(self.keys), self.y[:, : max(0, self.index(origin))])

    def active(self, origin: date, *, window: int = 56) -> list[int]:
        """Rows with a sale in the ``window`` days before ``origin``."""
        j = self.index(origin)
        block = self.y[:, max(0, j - window): max(0, j)]
        return [int(i) for i in np.flatnonzero((block > 0).any(axis=1))]


# the last day before an origin counts as not fully recorded (an export taken during the day, sales keyed in the next
# morning) when the store sold under a quarter of its usual total that day (the median of the same weekday over the four
# weeks before) on under half its usual number of products, and at least 3 products usually sell
SHORT_TOTAL = 0.25
SHORT_COUNT = 0.5


def short_last_day(y: np.ndarray) -> bool:
    """Whether the last day of ``y`` (series × days) looks recorded only in part, after a day that does not.

    On the shared data only its very last day (10 kg on 3 products, against a usual 222 kg on 35) and the Spring
    Festival's closed days qualify; the slowest real days sell 38 % of their weekday's usual. A run of such days is what the
    history says (a closed shop, or the zero days a forecast origin past the history's end fills in) and is kept.
    """
    if y.shape[1] < 30:
        return False
    tail = y[:, -30:]   # the two last days and the four same weekdays before each
    days = tail.shape[1]
    total, count = tail.sum(axis=0), (tail > 0).sum(axis=0)

    def short(d: int) -> bool:
        usual_total = float(np.median(total[d - 28: d: 7]))
        usual_count = float(np.median(count[d - 28: d: 7]))
        return usual_count >= 3 and total[d] < SHORT_TOTAL * usual_total and count[d] < SHORT_COUNT * usual_count

    return short(days - 1) and not short(days - 2)


def from_sales(sales: Iterable[Sale], *, until: date | None = None, start: date | None = None,
               end: date | None = None) -> Panel:
    """Builds the panel from sales dated before ``until`` (all of them without it)."""
    rows = [s for s in sales if until is None or s.day < until]
    if not rows and start is None:
        return Panel(until or date(2000, 1, 1), [], np.zeros((0, 0)))
    first = start or min(s.day for s in rows)
    last_excl = end or until or (max(s.day for s in rows) + timedelta(days=1))
    keys = sorted({(s.location, s.sku) for s in rows})
    pos = {k: i for i, k in enumerate(keys)}
    y = np.zeros((len(keys), max(0, (last_excl - first).days)))
    for s in rows:
        j = (s.day - first).days
        if 0 <= j < y.shape[1]:
            y[pos[(s.location, s.sku)], j] += s.qty
    return Panel(first, keys, y)


def from_series(history: Sequence[tuple[date, Decimal | float]], *, origin: date, key: Key = ("", "")) -> Panel:
    """One product's (day, qty) pairs as a one-row panel ending the day before ``origin``."""
    sales = [Sale(d, key[0], key[1], float(q)) for d, q in history if d < origin]
    start = min((s.day for s in sales), default=origin - timedelta(days=1))
    p = from_sales(sales, start=start, end=origin)
    if not p.keys:
        return Panel(start, [key], np.zeros((1, p.days)))
    return p


def read_sales(paths: Iterable[Path | str], *, notes: list[str] | None = None) -> list[Sale]:
    """Sales rows of history files; a malformed row raises ``ValueError`` naming its file and line.

    Rows of one file with the same day, location and SKU add up (several sales that day). Files may overlap, as
    exports of neighbouring periods do: where two files hold the same day, location and SKU, the later one in ``paths``
    holds that day's sales (they never count twice). Each overlap adds a line to ``notes``: the same
    total in both (the same sales), or the totals that differed (the later export replaced the earlier one).
    """
    merged: dict[tuple[date, str, str], tuple[Path | str, list[Sale]]] = {}
    for path in paths:
        mine: dict[tuple[date, str, str], list[Sale]] = {}
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            if reader.fieldnames is not None and not {"date", "sku", "qty"} <= set(reader.fieldnames):
                raise ValueError(f"{path}: a sales history needs the columns date,sku,qty (has {reader.fieldnames})")
            for r in reader:
                if not r.get("date") or not r.get("sku"):
                    continue
                try:
                    price = (r.get("unit_price") or "").strip()
                    qty, unit_price = float(r.get("qty") or 0), float(price) if price else None
                    if not math.isfinite(qty) or (unit_price is not None and not math.isfinite(unit_price)):
                        raise ValueError("a quantity or price that is not a number")
                    sale = Sale(date.fromisoformat(r["date"][:10]), (r.get("location") or "").strip(),
                                r["sku"].strip(), qty, unit_price)
                except ValueError as e:
                    raise ValueError(f"{path}, line {reader.line_num}: {e}") from None
                mine.setdefault((sale.day, sale.location, sale.sku), []).append(sale)
        same, replaced = 0, []
        for key, rows in mine.items():
            if key in merged:
                before = merged[key]
                old, now = sum(x.qty for x in before[1]), sum(x.qty for x in rows)
                if math.isclose(old, now, rel_tol=1e-9, abs_tol=1e-9):
                    same += 1
                else:
                    replaced.append(f"{key[0]} {key[1] or '-'} {key[2]}: {old:g} in {before[0]}, {now:g} here")
            merged[key] = (path, rows)
        if notes is not None and same:
            notes.append(f"{path}: {same} day(s) already in an earlier file with the same total, counted once")
        if notes is not None and replaced:
            notes.append(f"{path}: {len(replaced)} day(s) already in an earlier file with another total; this "
                         f"file's count (first: {replaced[0]})")
    return [sale for _, rows in merged.values() for sale in rows]


def read_prices(paths: Iterable[Path | str]) -> dict[Key, list[tuple[date, float]]]:
    """Planned prices, ``date,location,sku,unit_price``: (location, sku) → [(day, price)]."""
    out: dict[Key, list[tuple[date, float]]] = {}
    for path in paths:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            for r in csv.DictReader(fh):
                price = (r.get("unit_price") or "").strip()
                if not r.get("date") or not r.get("sku") or not price:
                    continue
                key = ((r.get("location") or "").strip(), r["sku"].strip())
                out.setdefault(key, []).append((date.fromisoformat(r["date"][:10]), float(price)))
    return out


def price_history(sales: Iterable[Sale]) -> dict[Key, list[tuple[date, float]]]:
    """The selling prices the history recorded: (location, sku) → [(day, price)]."""
    out: dict[Key, list[tuple[date, float]]] = {}
    for s in sales:
        if s.price is not None and s.price > 0:
            out.setdefault((s.location, s.sku), []).append((s.day, s.price))
    return out
