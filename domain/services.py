"""Service hours as inventory: a service (高级顾问, 初级顾问) is someone's time, booked rather than stocked. Each has
its bookable hours a day at a store (its capacity) and may count as hours of another (1小时高级顾问=2小时初级顾问), so
services of one family are compared, summed and offered for one another in one unit. Pure: no clock, no store."""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from domain import catalog, units

ZERO = Decimal(0)
HOURS = ("小时", "钟头", "h", "hour", "hours")   # the base units a service is counted in


def in_terms_of(p: catalog.Product, products: Mapping[str, catalog.Product]) -> tuple[str, Decimal]:
    """The service an hour of ``p`` is counted in at the end of its counts-as chain, and how many hours of it (高级顾问
    → (初级顾问, 2)); itself and 1 when it counts as none. A chain that comes round again stops."""
    factor, seen = Decimal(1), {p.sku}
    while p.counts_as and p.counts_as in products and p.counts_as not in seen and p.counts_factor:
        factor *= p.counts_factor
        p = products[p.counts_as]
        seen.add(p.sku)
    return p.sku, factor


@dataclass(frozen=True)
class Load:
    """One service on one day (or span) at one store: its hours booked against its hours bookable."""
    sku: str
    booked: Decimal
    capacity: Decimal

    @property
    def spare(self) -> Decimal:
        return max(self.capacity - self.booked, ZERO)

    @property
    def over(self) -> Decimal:
        return max(self.booked - self.capacity, ZERO)

    @property
    def share(self) -> Decimal | None:
        """Booked over bookable (1 = full, more: overbooked); None with no hours bookable."""
        return self.booked / self.capacity if self.capacity > 0 else None


def family_load(loads: list[Load], products: Mapping[str, catalog.Product]) -> dict[str, Load]:
    """The services' loads summed per family, each in the hours of the service its family counts in."""
    out: dict[str, Load] = {}
    for ld in loads:
        base, k = in_terms_of(products[ld.sku], products)
        was = out.get(base, Load(base, ZERO, ZERO))
        out[base] = Load(base, units.normalize(was.booked + ld.booked * k), units.normalize(was.capacity + ld.capacity * k))
    return out


def stand_ins(sku: str, loads: list[Load], products: Mapping[str, catalog.Product]) -> list[tuple[str, Decimal, Decimal]]:
    """The other services of ``sku``'s family with hours to spare in ``loads``: each, its spare hours, and what they
    come to in hours of ``sku`` (初级顾问 6小时 spare = 3小时 of 高级顾问), most first."""
    base, k = in_terms_of(products[sku], products)
    out = []
    for ld in loads:
        if ld.sku == sku or ld.spare <= 0:
            continue
        other, j = in_terms_of(products[ld.sku], products)
        if other == base:
            out.append((ld.sku, ld.spare, units.normalize(ld.spare * j / k)))
    return sorted(out, key=lambda o: -o[2])


# a table booking's guests in its words (20人的包桌 · 8位): ``with_guests``
_GUESTS_NOTED = re.compile(r"(?P<n>\d+|[一二两三四五六七八九十百]+)\s*(?:个)?(?:人|位)")


def with_guests(note: str, guests: int) -> str:
    """A booking's words with how many are coming now: the count they say changed (20人的包桌 → 25人的包桌), else
    added (张女士 → 张女士(3人))."""
    said = _GUESTS_NOTED.search(note)
    if said is None:
        return f"{note}({guests}人)" if note else f"{guests}人"
    return note[:said.start("n")] + str(guests) + note[said.end("n"):]
