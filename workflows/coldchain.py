"""The cold chain: a sensor's temperature on a lot outside its product's storage range alerts the places holding it.

Edge-triggered, as the rules are: one alert when a lot's readings leave the range, none while they stay out, and
the next only after a reading back inside it (``alert_state``, rule key ``coldchain``, subject ``SKU:LOT``).
"""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from domain import catalog, trace, units
from workflows import purchasing
from workflows.ports import UnitOfWork

KEY = "coldchain"


def check(uow: UnitOfWork, box: Any, t: Any, *, sku: str, lot: str, metric: str, value: Decimal,
          at: datetime) -> bool:
    """After a reading is stored: alert the managers of the places that hold the lot (a place without one: the
    owner; none of it left: the owners) if it has just left its product's range. True when an alert went out."""
    if trace.metric(metric)[0] != "temperature":
        return False
    product = uow.catalog.product(sku)
    if product is None or product.storage_temp is None:
        return False
    subject = f"{sku}:{lot}"
    state = uow.rules.alert(KEY, subject)
    if not product.out_of_range(value):
        if state is not None and state.active:   # back inside: the next excursion alerts again
            uow.rules.set_alert(KEY, subject, active=False)
        return False
    if state is not None and state.active:
        return False
    uow.rules.set_alert(KEY, subject, active=True, at=at)
    held = uow.stock.lot_places(sku, lot)
    people: dict[str, Any] = {}
    for loc in held:
        for u in purchasing.managers_of(uow, loc):
            people.setdefault(u.username, u)
    if not held:   # none of it left anywhere (the sensor still reports): the owners hear of it
        people = {u.username: u for u in uow.catalog.users() if u.role == catalog.Role.ADMIN}
    places = {loc.code: loc.name for loc in uow.catalog.locations()}
    for username, u in people.items():
        box.push(username, t("coldchain.alert", u.language, product=product.name, lot=lot,
                             value=format(units.normalize(value), "f"), range=range_text(t, u.language, product.storage_temp),
                             at=at.astimezone(_tz(uow)).strftime("%m-%d %H:%M"),
                             where="、".join(places.get(x, x) for x in held) or t("coldchain.nowhere", u.language)))
    return bool(people)


def range_text(t: Any, lang: str, storage_temp: str) -> str:
    """2~6 → 2–6℃ · ~6 → 不超过 6℃ · -25~ → 不低于 -25℃ (``Product.storage_temp`` as a person reads it)."""
    lo, _, hi = storage_temp.partition("~")
    return str(t("field.temp_range" if lo and hi else "field.temp_max" if hi else "field.temp_min", lang, lo=lo, hi=hi))


def _tz(uow: UnitOfWork) -> Any:
    from zoneinfo import ZoneInfo
    return ZoneInfo(uow.catalog.settings().timezone)
