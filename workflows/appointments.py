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


def span_loads(uow: UnitOfWork, *, location: str, start: date, end: date, tz: Any,
               offered: dict[str, catalog.Product] | None = None
               ) -> tuple[dict[date, list[services.Load]], dict[str, catalog.Product]]:
    """Each day's loads from ``start`` to ``end`` (both in) at ``location``: each service's hours booked against its
    bookable hours, from one read of the span's bookings; and the services they are of."""
    offered = offered if offered is not None else services_of(uow)
    first = datetime.combine(start, time(), tzinfo=tz)
    booked: dict[tuple[date, str], Decimal] = {}
    for b in uow.chat.bookings(start=first, end=datetime.combine(end, time(), tzinfo=tz) + timedelta(days=1),
                               location=location):
        if b.sku in offered:
            key = (b.at.astimezone(tz).date(), b.sku)
            booked[key] = booked.get(key, Decimal(0)) + Decimal(b.qty)
    days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    return {d: [services.Load(sku, booked.get((d, sku), Decimal(0)), p.capacity or Decimal(0))
                for sku, p in offered.items()] for d in days}, offered
