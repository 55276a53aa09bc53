"""A tiny CSV → nlu Catalog loader for the NLU tests (no database)."""
from __future__ import annotations

import csv
import functools
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from domain import catalog, units
from nlu import context

FIXTURES = Path(__file__).parent / "fixtures"
TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 6, 15, 9, 0, tzinfo=TZ)  # a Monday, the eval's clock


def _rows(folder: Path, name: str) -> list[dict[str, str]]:
    path = folder / f"{name}.csv"
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _split(v: str | None) -> tuple[str, ...]:
    return tuple(x.strip() for x in (v or "").split("|") if x.strip())


def _dec(v: str | None) -> Decimal | None:
    return Decimal(v) if v not in (None, "") else None


@functools.lru_cache(maxsize=4)
def load(name: str) -> context.Catalog:
    folder = FIXTURES / name
    products = tuple(
        catalog.Product(sku=r["sku"], name=r["name"], base_unit=r["base_unit"], aliases=_split(r.get("aliases")),
                        packs=units.parse_packs(r.get("units") or ""), category=r.get("category") or "",
                        safety_stock=_dec(r.get("safety_stock")) or Decimal(0),
                        shelf_life_days=int(r["shelf_life_days"]) if r.get("shelf_life_days") else None,
                        unit_price=_dec(r.get("unit_price")), unit_cost=_dec(r.get("unit_cost")),
                        capacity=_dec(r.get("capacity")), counts_as=r.get("counts_as") or None,
                        counts_factor=_dec(r.get("counts_factor")))
        for r in _rows(folder, "products"))
    locations = tuple(catalog.Location(code=r["code"], name=r["name"], kind=catalog.LocationKind(r["kind"]),
                                       aliases=_split(r.get("aliases"))) for r in _rows(folder, "locations"))
    partners = tuple(catalog.Partner(code=r["code"], name=r["name"], kind=catalog.PartnerKind(r["kind"]),
                                     aliases=_split(r.get("aliases"))) for r in _rows(folder, "partners"))
    users = tuple(catalog.User(username=r["username"], display_name=r["display_name"], role=catalog.Role(r["role"]),
                               location=r.get("location") or None, partner=r.get("partner") or None)
                  for r in _rows(folder, "users"))
    synonyms = {"马铃薯": "土豆"} if name == "restaurant" else {}
    return context.Catalog(products=products, locations=locations, partners=partners, users=users,
                           synonyms=synonyms)


def speaker(cat: context.Catalog, username: str, now: datetime = NOW) -> context.Speaker:
    user = next(u for u in cat.users if u.username == username)
    return context.Speaker(user=user, now=now)
