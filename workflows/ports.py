"""Ports: what workflows need from the outside world (implemented in adapters/)."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any, Protocol


class Clock(Protocol):
    def now(self) -> datetime: ...


class UnitOfWork(Protocol):
    """A transaction with repositories; rolled back unless ``commit()`` runs."""
    catalog: Any
    stock: Any
    orders: Any
    chat: Any
    rules: Any
    history: Any
    payments: Any
    expenses: Any
    invoices: Any
    quotes: Any
    repairs: Any
    recipes: Any
    network: Any

    def __enter__(self) -> UnitOfWork: ...
    def __exit__(self, et: Any, ev: Any, tb: Any) -> None: ...
    def commit(self) -> None: ...
    def rollback(self) -> None: ...


class UowFactory(Protocol):
    def __call__(self, *, write: bool = True) -> UnitOfWork: ...


class Weather(Protocol):
    def rain_days_ahead(self, location: str | None, start: datetime) -> int: ...
    def temperature(self, location: str | None, at: datetime) -> float | None: ...


class Forecaster(Protocol):
    """Daily demand quantiles from daily histories: rows {date, qty, q10, q50, q90, q95 …}."""
    def forecast_store(self, histories: dict[str, list[tuple[date, Decimal]]], *, origin: date, horizon: int,
                       location: str | None = None, calendar: dict[str, Any] | None = None,
                       prices: dict[str, list[tuple[date, Decimal]]] | None = None
                       ) -> dict[str, list[dict[str, Any]]]:
        """Every product of a store at once (sku → rows), one model learning from all of them; ``prices``: a
        product's price on the days it was or will be on offer (and its list price on the others)."""
        ...
