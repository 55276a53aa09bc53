"""Closing the books (结账 · 月结): the last day whose stock moves are final. A move dated on or before it is refused,
so what a closed month shows never changes afterwards; a correction of such a day goes into the open period instead
(an undo is dated when it is done). Kept in the tenant's settings under ``KEY`` as an ISO date."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta, tzinfo
from typing import Any

from domain import errors, ledger

KEY = "books_closed"


def closed_through(settings: Mapping[str, Any] | None) -> date | None:
    """The last closed day, or None when the books were never closed (or reopened)."""
    said = (settings or {}).get(KEY)
    try:
        return date.fromisoformat(str(said)) if said else None
    except ValueError:
        return None


def check(moves: Iterable[ledger.Move], *, through: date | None, tz: tzinfo | None) -> None:
    """Refuses the first move dated on or before ``through`` (in the tenant's days)."""
    if through is None:
        return
    for m in moves:
        check_day(m.at.astimezone(tz).date(), through=through)


def check_day(day: date, *, through: date | None) -> None:
    """Refuses a day on or before ``through`` (an opening balance said for then: 团餐期初欠款5000,是4月20日的)."""
    if through is not None and day <= through:
        raise errors.BadInput(code="period_closed", day=f"{day:%m-%d}", through=f"{through:%m-%d}")


def last_month_end(today: date) -> date:
    """The last day of the month before ``today``'s (月结 at the start of a month closes the one before)."""
    return today.replace(day=1) - timedelta(days=1)


def month_end(year: int, month: int) -> date:
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return nxt - timedelta(days=1)
