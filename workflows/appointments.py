"""Service hours booked against what each service can take: a day's load after an appointment, and how full the
services were over a span (utilization), per store."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from domain import catalog, services
from workflows.ports import UnitOfWork


def services_of(uow: UnitOfWork) -> dict[str, catalog.Product]:
    return {p.sku: p for p in uow.catalog.products() if p.is_service and p.active}


def day_loads(uow: UnitOfWork, *, location: str, day: date, tz: Any,
              offered: dict[str, catalog.Product] | None = None) -> list[services.Load]:
    """Each service's hours booked at ``location`` on ``day`` against its bookable hours."""
    offered = offered if offered is not None else services_of(uow)
    start = datetime.combine(day, time(), tzinfo=tz)
    return [services.Load(sku, uow.chat.booked(location=location, sku=sku, start=start, end=start + timedelta(days=1)),
                          p.capacity or Decimal(0)) for sku, p in offered.items()]


def span_loads(uow: UnitOfWork, *, location: str, start: date, end: date, tz: Any
               ) -> tuple[dict[date, list[services.Load]], dict[str, catalog.Product]]:
    """Each day's loads from ``start`` to ``end`` (both in), and the services they are of."""
    offered = services_of(uow)
    days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    return {d: day_loads(uow, location=location, day=d, tz=tz, offered=offered) for d in days}, offered
