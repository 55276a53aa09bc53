"""Atomic CSV/XLSX import of master data, opening stock and sales history; and exports.

One bad row rejects the whole file (row number and reason) and nothing is written. Importing the
same file again updates by code/sku and duplicates nothing (opening stock sets the level).
"""
from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from adapters.db import tables as t
from adapters.db.uow import SqlUnitOfWork
from domain import accounts, bom, catalog, errors, ledger, periods, units
from workflows import dues

KINDS = ("locations", "partners", "users", "products", "stock", "sales", "recipes", "prices")
REQUIRED = {
    "locations": ("code", "name", "kind"),
    "partners": ("code", "name", "kind"),
    "users": ("username", "display_name", "role"),
    "products": ("sku", "name", "base_unit"),
    "stock": ("location", "sku", "qty"),
    "sales": ("date", "location", "sku", "qty"),
    "recipes": ("sku", "component", "qty"),
    "prices": ("partner", "sku"),   # and price (empty: the agreed price taken away), unit (empty: the base unit)
}


class ImportError_(Exception):
    def __init__(self, row: int, reason: str) -> None:
        self.row, self.reason = row, reason
        super().__init__(f"row {row}: {reason}")


def read_rows(path: Path) -> list[dict[str, str]]:
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        import openpyxl
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        ws = wb.active
        assert ws is not None
        it = ws.iter_rows(values_only=True)
        header = [str(h or "").strip() for h in next(it)]
        out = []
        for vals in it:
            if vals is None or all(v is None or str(v).strip() == "" for v in vals):
                continue
            out.append({h: ("" if v is None else _cell(v)) for h, v in zip(header, vals, strict=False)})
        return out
    text = path.read_bytes().decode("utf-8-sig")
    return [{(k or "").strip(): (v or "").strip() for k, v in r.items()} for r in csv.DictReader(io.StringIO(text))]


def _cell(v: Any) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, datetime | date):
        return v.strftime("%Y-%m-%d")
    return str(v).strip()


def _dec(v: str, what: str, *, positive: bool = False, allow_negative: bool = False) -> Decimal:
    try:
        d = Decimal(v)
    except (InvalidOperation, ValueError):
        raise ValueError(f"{what} is not a number: {v!r}") from None
    if not d.is_finite():
        raise ValueError(f"{what} is not a number: {v!r}")
    if positive and d <= 0:
        raise ValueError(f"{what} must be > 0: {v}")
    if not allow_negative and d < 0:
        raise ValueError(f"{what} must not be negative: {v}")
    return d


def _opt_dec(v: str | None, what: str) -> Decimal | None:
    return _dec(v, what) if v not in (None, "") else None


def _temp(v: str | None, what: str) -> Decimal | None:
    """A storage temperature in ℃ (the products file's temp_min, temp_max): below zero too (-18 for frozen goods)."""
    return _dec(v, what, allow_negative=True) if v not in (None, "") else None


def _split(v: str | None) -> list[str]:
    return [a.strip() for a in (v or "").split("|") if a.strip()]


def import_file(uow: SqlUnitOfWork, kind: str, path: Path, *, now: datetime) -> int:
    if kind not in KINDS:
        raise ImportError_(0, f"unknown kind {kind!r}; one of {', '.join(KINDS)}")
    rows = read_rows(path)
    if kind == "prices" and rows and "partner" not in rows[0] and "customer" in rows[0]:   # (files of before)
        rows = [{**r, "partner": r["customer"]} for r in rows]
    if rows:
        missing = [c for c in REQUIRED[kind] if c not in rows[0]]
        if missing:
            raise ImportError_(1, f"missing column(s): {', '.join(missing)}")
    handler: Callable[..., None] = HANDLERS[kind]
    ctx = _Ctx(uow, now)
    for i, row in enumerate(rows, start=2):  # row 1 is the header
        try:
            for c in REQUIRED[kind]:
                if not row.get(c):
                    raise ValueError(f"{c} is empty")
            handler(ctx, row)
        except (ValueError, errors.DomainError) as exc:
            raise ImportError_(i, str(exc)) from None
    ctx.finish()
    return len(rows)


class _Ctx:
    def __init__(self, uow: SqlUnitOfWork, now: datetime) -> None:
        self.uow, self.now = uow, now
        self._locs: set[str] | None = None
        self._skus: set[str] | None = None
        self._partners: set[str] | None = None
        self._products: dict[str, catalog.Product] | None = None
        self.history: list[dict[str, Any]] = []
        self.recipes: dict[str, tuple[Decimal, list[bom.Component]]] = {}

    def locs(self) -> set[str]:
        if self._locs is None:
            self._locs = {loc.code for loc in self.uow.catalog.locations()}
        return self._locs

    def skus(self) -> set[str]:
        if self._skus is None:
            self._skus = {p.sku for p in self.uow.catalog.products()}
        return self._skus

    def products(self) -> dict[str, catalog.Product]:
        if self._products is None:
            self._products = {p.sku: p for p in self.uow.catalog.products()}
        return self._products

    def partners(self) -> set[str]:
        if self._partners is None:
            self._partners = {p.code for p in self.uow.catalog.partners()}
        return self._partners

    def finish(self) -> None:
        if self.history:
            self.uow.history.upsert(self.history)
        for sku, (yields, parts) in self.recipes.items():   # each product's rows: one new version of its recipe
            was = self.uow.recipes.current(sku)   # (its operations are no part of the file: kept)
            self.uow.recipes.add(bom.Recipe(sku=sku, yields=yields, components=tuple(parts),
                                            operations=was.operations if was is not None else ()),
                                 sku=sku, at=self.now, actor="import")


def _locations(ctx: _Ctx, r: dict[str, str]) -> None:
    kind = r["kind"]
    if kind not in ("store", "warehouse"):
        raise ValueError(f"kind must be store or warehouse, not {kind!r}")
    if r["code"].startswith("~"):
        raise ValueError("codes starting with ~ are reserved")
    ctx.uow.catalog.upsert(t.Location, {"code": r["code"]},
                           {"name": r["name"], "kind": kind, "aliases": _split(r.get("aliases"))})
    ctx.locs().add(r["code"])


def _partners(ctx: _Ctx, r: dict[str, str]) -> None:
    if r["kind"] not in ("supplier", "customer"):
        raise ValueError(f"kind must be supplier or customer, not {r['kind']!r}")
    ctx.uow.catalog.upsert(t.Partner, {"code": r["code"]},
                           {"name": r["name"], "kind": r["kind"], "aliases": _split(r.get("aliases")),
                            "credit_limit": _opt_dec(r.get("credit_limit"), "credit_limit"),
                            "lead_time_days": _days(r.get("lead_time_days"), "lead_time_days"),
                            "payment_terms": _terms(r.get("payment_terms")), "price_tier": _tier(r.get("price_tier")),
                            "contact": (r.get("contact") or "").strip() or None,
                            "phone": (r.get("phone") or "").strip() or None})
    ctx.partners().add(r["code"])
    if (r.get("opening_balance") or "").strip():   # what it owed (we owed it) before the books began
        _opening(ctx, r["code"], _opt_dec(r.get("opening_balance"), "opening_balance") or Decimal(0),
                 (r.get("opening_date") or "").strip())


def _opening(ctx: _Ctx, code: str, amount: Decimal, day: str) -> None:
    """A partner's opening balance as the import says it: the one kept before (if any) undone, this one kept as owed
    on ``day`` (ISO; empty: the day of the import), so importing the same file again changes nothing."""
    if amount < 0 or amount != amount.quantize(Decimal("0.01")):
        raise ValueError(f"opening_balance must be an amount of 0 or more, to the fen: {amount}")
    try:
        when = datetime.combine(date.fromisoformat(day), time(12), tzinfo=ctx.now.tzinfo) if day else ctx.now
    except ValueError:
        raise ValueError(f"opening_date must be a date (2026-05-31): {day!r}") from None
    if when.date() > ctx.now.date():
        raise ValueError(f"opening_date is after today: {day!r}")
    periods.check_day(when.date(), through=periods.closed_through(ctx.uow.catalog.tenant_row().settings))
    standing = dues.openings(ctx.uow.payments.list(partner=code))
    if [(x.amount, x.at.astimezone(when.tzinfo).date()) for x in standing] == [(-amount, when.date())]:
        return
    for x in standing:
        ctx.uow.payments.add(partner=code, amount=-x.amount, at=ctx.now, actor=None, message_id=None,
                             note=dues.OPENING, reverses=x.id)
    if amount > 0:
        ctx.uow.payments.add(partner=code, amount=-amount, at=when, actor=None, message_id=None, note=dues.OPENING)


def _terms(v: str | None) -> str | None:
    """A partner's payment terms: 30 (days after the goods) · M30 or 月结30 (after the month's end) · 0 or 现结."""
    v = (v or "").strip()
    if not v:
        return None
    try:
        return accounts.Terms.parse(v).code
    except errors.BadInput:
        raise ValueError(f"payment_terms must be days (30), M30 or 月结30 (after the month's end), or 现结: {v!r}") from None


_TIERS = {"wholesale": "wholesale", "批发": "wholesale", "批发价": "wholesale", "member": "member", "会员": "member",
          "会员价": "member", "": "", "retail": "", "零售": "", "零售价": ""}


def _tier(v: str | None) -> str | None:
    """A customer's price list: wholesale (批发) · member (会员) · empty or retail (零售): the selling price."""
    said = (v or "").strip().lower()
    if said not in _TIERS:
        raise ValueError(f"price_tier must be wholesale (批发), member (会员) or empty: {v!r}")
    return _TIERS[said] or None


def _users(ctx: _Ctx, r: dict[str, str]) -> None:
    try:
        role = catalog.Role(r["role"])
    except ValueError:
        raise ValueError(f"unknown role {r['role']!r}") from None
    loc, partner = r.get("location") or None, r.get("partner") or None
    if loc and loc not in ctx.locs():
        raise ValueError(f"unknown location {loc!r}")
    if role in (catalog.Role.STAFF, catalog.Role.MANAGER, catalog.Role.PURCHASER) and not loc:
        raise ValueError(f"a {role.value} needs a home location")
    if role == catalog.Role.SUPPLIER:
        if not partner:
            raise ValueError("a supplier user needs a partner")
        if partner not in ctx.partners():
            raise ValueError(f"unknown partner {partner!r}")
    ctx.uow.catalog.upsert(t.AppUser, {"username": r["username"]},
                           {"display_name": r["display_name"], "role": role.value, "location": loc,
                            "partner": partner, **({"active": _active(r["active"])} if r.get("active") else {})})


def _products(ctx: _Ctx, r: dict[str, str]) -> None:
    packs = units.parse_packs(r.get("units") or "")
    base = r["base_unit"]
    clash = units.pack_redefines(base, packs.items())
    if clash is not None:
        raise ValueError(f"pack unit {clash} conflicts with the global unit")
    shelf = _days(r.get("shelf_life_days"), "shelf_life_days")
    if shelf == 0:
        raise ValueError("shelf_life_days must be a positive whole number: '0'")
    cold, warm = _temp(r.get("temp_min"), "temp_min"), _temp(r.get("temp_max"), "temp_max")
    if cold is not None and warm is not None and cold > warm:
        raise ValueError(f"temp_min {cold} is above temp_max {warm}")
    supplier = r.get("supplier") or None
    if supplier is not None and supplier not in ctx.partners():
        raise ValueError(f"unknown supplier {supplier!r}")
    capacity = _opt_dec(r.get("capacity"), "capacity")   # a service's bookable hours a day, and what an hour counts as
    counts_as, factor = r.get("counts_as") or None, _opt_dec(r.get("counts_factor"), "counts_factor")
    if (counts_as is None) != (factor is None) or counts_as == r["sku"]:
        raise ValueError("counts_as and counts_factor go together, and a service counts as another one")
    warranty = _days(r.get("warranty_days"), "warranty_days")   # 保修: 0 or empty, none
    ctx.uow.catalog.put_product(catalog.Product(
        sku=r["sku"], name=r["name"], aliases=tuple(_split(r.get("aliases"))), base_unit=base, packs=packs,
        category=r.get("category") or "", safety_stock=_dec(r.get("safety_stock") or "0", "safety_stock"),
        shelf_life_days=shelf, unit_price=_opt_dec(r.get("unit_price"), "unit_price"),
        unit_cost=_opt_dec(r.get("unit_cost"), "unit_cost"), loss_rate=_opt_dec(r.get("loss_rate"), "loss_rate"),
        supplier=supplier, lead_time_days=_days(r.get("lead_time_days"), "lead_time_days"),
        moq=_moq(r.get("moq"), base=base, packs=packs), active=_active(r.get("active")),
        temp_min=cold, temp_max=warm, capacity=capacity, counts_as=counts_as, counts_factor=factor,
        serial=_yes(r.get("serial"), "serial"), warranty_days=warranty or None,
        wholesale_price=_opt_dec(r.get("wholesale_price"), "wholesale_price"),
        member_price=_opt_dec(r.get("member_price"), "member_price")))
    ctx.skus().add(r["sku"])


def _active(v: str | None) -> bool:
    """The products (and users) file's active column: empty or 1/true/yes/是/在售 keeps it; 0/false/no/否/停用/下架 retires it."""
    said = (v or "").strip().lower()
    if said in ("", "1", "true", "yes", "y", "是", "在售", "启用"):
        return True
    if said in ("0", "false", "no", "n", "否", "停用", "下架", "停售"):
        return False
    raise ValueError(f"active must be 1 or 0 (是/否): {v!r}")


def _yes(v: str | None, name: str) -> bool:
    """A yes/no column that is no by default (serial: 1/是 keeps the product by serial number)."""
    said = (v or "").strip().lower()
    if said in ("1", "true", "yes", "y", "是"):
        return True
    if said in ("", "0", "false", "no", "n", "否"):
        return False
    raise ValueError(f"{name} must be 1 or 0 (是/否): {v!r}")


def _days(v: str | None, name: str) -> int | None:
    """A whole number of days (0: the same day), or None when the cell is empty."""
    v = (v or "").strip()
    if not v:
        return None
    if not v.isdigit():
        raise ValueError(f"{name} must be a whole number of days: {v!r}")
    return int(v)


def _moq(v: str | None, *, base: str, packs: dict[str, Decimal]) -> Decimal | None:
    """A minimum order in base units: 24, or in one of the product's units (2箱)."""
    v = (v or "").strip()
    if not v:
        return None
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(\S*)", v)
    if m is None:
        raise ValueError(f"moq must be a quantity such as 24 or 2箱: {v!r}")
    try:
        qty = units.to_base(Decimal(m.group(1)), m.group(2) or base, base_unit=base, packs=packs)
    except errors.DomainError:
        raise ValueError(f"moq unit {m.group(2)!r} is not one of the product's") from None
    if qty <= 0:
        raise ValueError(f"moq must be above 0: {v!r}")
    return units.normalize(qty)


def _stock(ctx: _Ctx, r: dict[str, str]) -> None:
    loc, sku = r["location"], r["sku"]
    if loc not in ctx.locs():
        raise ValueError(f"unknown location {loc!r}")
    if sku not in ctx.skus():
        raise ValueError(f"unknown sku {sku!r}")
    qty = _dec(r["qty"], "qty")
    lot = r.get("lot") or ""
    kept = ctx.products().get(sku)
    if kept is not None and kept.serial and (not lot or qty not in (0, 1)):   # (a unit a row, its serial as the lot)
        raise ValueError(f"{sku} is kept by serial: one row a unit, its serial in lot and qty 1 (or 0: gone)")
    expiry = None
    if r.get("expiry"):
        try:
            expiry = datetime.fromisoformat(r["expiry"])
        except ValueError:
            raise ValueError(f"expiry is not a date: {r['expiry']!r}") from None
        if expiry.tzinfo is None:
            expiry = expiry.replace(tzinfo=ZoneInfo(ctx.uow.catalog.settings().timezone))
    if lot:
        ctx.uow.stock.ensure_lot(sku=sku, code=lot, expiry=expiry, received_at=ctx.now)
    current = sum((lv.qty for lv in ctx.uow.stock.levels(loc, sku) if lv.lot == lot), Decimal(0))
    diff = qty - current
    if diff == 0:
        return
    adj = catalog.VIRTUAL[catalog.LocationKind.ADJUSTMENT]
    src, dst = (adj, loc) if diff > 0 else (loc, adj)
    ctx.uow.stock.record([ledger.Move(kind=ledger.MoveKind.OPENING, sku=sku, qty=abs(diff), src=src, dst=dst, lot=lot,
                                      at=ctx.now, unit_cost=_opt_dec(r.get("unit_cost"), "unit_cost"),
                                      actor="import", batch=f"import-{ctx.now.isoformat()}")])


def _sales(ctx: _Ctx, r: dict[str, str]) -> None:
    try:
        day = date.fromisoformat(r["date"])
    except ValueError:
        raise ValueError(f"date is not YYYY-MM-DD: {r['date']!r}") from None
    ctx.history.append({"day": day.isoformat(), "location": r["location"], "sku": r["sku"],
                        "qty": _dec(r["qty"], "qty", allow_negative=True),
                        "unit_price": _opt_dec(r.get("unit_price"), "unit_price"),
                        "unit_cost": _opt_dec(r.get("unit_cost"), "unit_cost")})


def _recipes(ctx: _Ctx, r: dict[str, str]) -> None:
    """One ingredient of a product's recipe: sku, yields (how much of it the recipe makes, in its base unit; 1 when
    empty), component, qty and unit (the component's base unit when empty). A product's rows are one recipe. A row
    with ``substitute_for`` (an ingredient of an earlier row) is what stands in for that one when the place lacks it,
    in its own amount."""
    products = ctx.products()
    sku, part = r["sku"], r["component"]
    for code in (sku, part):
        if code not in products:
            raise ValueError(f"unknown sku {code!r}")
    yields = _dec(r.get("yields") or "1", "yields", positive=True)
    was = ctx.recipes.get(sku)
    if was is not None and was[0] != yields:
        raise ValueError(f"yields of {sku} differs from its earlier rows ({was[0]} and {yields})")
    p = products[part]
    try:
        qty = units.to_base(_dec(r["qty"], "qty", positive=True), r.get("unit") or p.base_unit, base_unit=p.base_unit,
                            packs=p.packs)
    except errors.DomainError:
        raise ValueError(f"unit {r.get('unit')!r} is not one of {part}'s") from None
    parts = ctx.recipes.setdefault(sku, (yields, []))[1]
    instead = (r.get("substitute_for") or "").strip()
    if instead:
        at = next((i for i, c in enumerate(parts) if c.sku == instead), None)
        if at is None:
            raise ValueError(f"substitute_for {instead!r} is no ingredient on an earlier row of {sku}")
        parts[at] = parts[at].with_substitute(bom.Component(sku=part, qty=units.normalize(qty)))
    else:
        parts.append(bom.Component(sku=part, qty=units.normalize(qty)))
    bom.Recipe(sku=sku, yields=yields, components=tuple(parts))   # (itself, or an ingredient twice: said by its row)


def _prices(ctx: _Ctx, r: dict[str, str]) -> None:
    """A price agreed with a customer (团餐的可乐按4.5元一瓶: what it pays) or a supplier (张记的牛腩按30元一斤: what we
    pay), per ``unit`` (a pack of it, or its base unit); an empty price takes the agreement away. The ``partner``
    column (``customer`` in files of before) names it. Kept where the chat keeps them (``inventory.set_customer_price``)."""
    from workflows import inventory, purchasing

    code = r["partner"].strip()
    partner = purchasing.partner_of(ctx.uow, code)
    if partner is None:
        raise ValueError(f"unknown partner {code!r}")
    p = ctx.products().get(r["sku"])
    if p is None:
        raise ValueError(f"unknown sku {r['sku']!r}")
    if not (r.get("price") or "").strip():
        inventory.set_customer_price(ctx.uow, partner.code, p.sku, None)
        return
    price = _dec(r["price"], "price")
    if price < 0:
        raise ValueError("price must be ≥ 0")
    unit = (r.get("unit") or "").strip() or p.base_unit
    try:
        per = units.to_base(Decimal(1), unit, base_unit=p.base_unit, packs=p.packs)
    except errors.DomainError:
        raise ValueError(f"{p.sku} has no unit {unit!r}") from None
    inventory.set_customer_price(ctx.uow, partner.code, p.sku, units.normalize(price / per))


HANDLERS: dict[str, Callable[[_Ctx, dict[str, str]], None]] = {
    "locations": _locations, "partners": _partners, "users": _users, "products": _products,
    "stock": _stock, "sales": _sales, "recipes": _recipes, "prices": _prices,
}


# ---------------------------------------------------------------- export
def _num(d: Decimal | None) -> str | None:
    return None if d is None else str(units.normalize(d))


def export_rows(uow: SqlUnitOfWork, kind: str) -> list[dict[str, Any]]:
    """Rows for ``export KIND``; times in the tenant's time zone, quantities in base units."""
    tz = ZoneInfo(uow.catalog.settings().timezone)

    def local(d: datetime | None) -> str | None:
        return d.astimezone(tz).isoformat() if d else None

    if kind == "stock":
        products = {p.sku: p for p in uow.catalog.products()}
        rows = []
        for loc, sku, lot, qty, expiry in uow.stock.all_levels():
            if qty == 0:
                continue
            p = products.get(sku)
            rows.append({"location": loc, "sku": sku, "product": p.name if p else sku, "qty": _num(qty),
                         "unit": p.base_unit if p else "", "lot": lot or None,
                         "expiry": expiry.astimezone(tz).date().isoformat() if expiry else None})
        return rows
    if kind == "moves":   # with each move's seal (its place in the chain and its hash: domain/chain.py)
        seals = uow.stock.seals()
        return [{"id": m.id, "at": local(m.at), "kind": m.kind.value, "sku": m.sku, "qty": _num(m.qty),
                 "from": m.src, "to": m.dst, "lot": m.lot or None, "unit_cost": _num(m.unit_cost),
                 "unit_price": _num(m.unit_price), "partner": m.partner, "actor": m.actor, "batch": m.batch,
                 "message_id": m.message_id, "reverses": m.reverses, "order_id": m.order_id, "note": m.note,
                 "method": m.method, "seq": seals.get(m.id or 0, (None, None))[0], "chain": seals.get(m.id or 0, (None, None))[1]}
                for m in uow.stock.moves()]
    if kind == "orders":
        return [{"id": o.id, "kind": o.kind.value, "status": o.status.value, "partner": o.partner,
                 "location": o.location, "source": o.source, "due": local(o.due),
                 "created_by": o.created_by, "approved_by": o.approved_by,
                 "lines": [{"sku": ln.sku, "qty": _num(ln.qty), "unit_price": _num(ln.unit_price),
                            "received": _num(ln.received)} for ln in o.lines]}
                for o in uow.orders.list()]
    if kind == "bookings":   # bookings and events, and what customers' orders hold until they leave
        return [{"id": b.id, "at": local(b.at), "location": b.location, "sku": b.sku, "qty": _num(b.qty),
                 "note": b.note, "order_id": b.order_id, "created_by": b.created_by}
                for b in uow.chat.bookings(start=datetime(1900, 1, 1, tzinfo=tz), end=datetime(9000, 1, 1, tzinfo=tz))]
    if kind == "rules":
        return [{"id": r.number, "owner": r.owner, "text": r.text, "status": r.status, "version": r.version,
                 "spec": r.spec} for r in uow.rules.list(statuses=("active", "paused", "manual"))]
    if kind == "products":   # in the import's own columns: exported, edited and imported again
        def cell(v: Any) -> str:
            return "" if v is None else str(units.normalize(v) if isinstance(v, Decimal) else v)
        return [{"sku": p.sku, "name": p.name, "aliases": "|".join(p.aliases), "base_unit": p.base_unit,
                 "units": "|".join(f"{k}={units.normalize(v)}" for k, v in p.packs.items()), "category": p.category,
                 "safety_stock": cell(p.safety_stock), "shelf_life_days": cell(p.shelf_life_days),
                 "unit_price": cell(p.unit_price), "unit_cost": cell(p.unit_cost), "loss_rate": cell(p.loss_rate),
                 "supplier": cell(p.supplier), "lead_time_days": cell(p.lead_time_days), "moq": cell(p.moq),
                 "active": "1" if p.active else "0", "temp_min": cell(p.temp_min), "temp_max": cell(p.temp_max),
                 "capacity": cell(p.capacity), "counts_as": cell(p.counts_as), "counts_factor": cell(p.counts_factor),
                 "serial": "1" if p.serial else "", "warranty_days": cell(p.warranty_days),
                 "wholesale_price": cell(p.wholesale_price), "member_price": cell(p.member_price)}
                for p in uow.catalog.products()]
    if kind == "recipes":   # in the import's own columns: each product's recipe in use, a row an ingredient
        return [{"sku": sku, "yields": _num(r.yields), "component": x.sku, "qty": _num(x.qty), "unit": "",
                 "substitute_for": "" if x is c else c.sku, "version": r.version}
                for sku, r in sorted(uow.recipes.all_current().items()) for c in r.components
                for x in (c, *c.substitutes)]
    if kind == "prices":   # prices agreed with customers and suppliers in the import's own columns, per base unit
        from workflows import inventory
        products = {p.sku: p for p in uow.catalog.products()}
        return [{"partner": c.code, "partner_name": c.name, "kind": c.kind.value, "sku": sku,
                 "product": products[sku].name if sku in products else "", "price": _num(price),
                 "unit": products[sku].base_unit if sku in products else ""}
                for c in uow.catalog.partners() for sku, price in sorted(inventory.customer_prices(uow, c.code).items())]
    if kind == "partners":   # in the import's own columns: exported, edited and imported again
        return [{"code": p.code, "name": p.name, "kind": p.kind.value, "aliases": "|".join(p.aliases),
                 "credit_limit": _num(p.credit_limit) if p.credit_limit is not None else "",
                 "lead_time_days": "" if p.lead_time_days is None else str(p.lead_time_days),
                 "payment_terms": p.payment_terms.code if p.payment_terms is not None else "",
                 "price_tier": p.price_tier or "", "contact": p.contact or "", "phone": p.phone or "",
                 **_opening_cells(uow, p.code, tz)}
                for p in uow.catalog.partners()]
    if kind == "users":   # in the import's own columns, with whether each is still here (active 0: left)
        return [{"username": u.username, "display_name": u.display_name, "role": u.role.value,
                 "location": u.location or "", "partner": u.partner or "", "language": u.language,
                 "active": "1" if u.active else "0"} for u in uow.catalog.users(everyone=True)]
    if kind == "audit":   # every approval, change, correction and cross-company action, with its seal
        return [{"seq": seq, "at": local(at), "actor": actor, "action": action, "detail": detail, "chain": seal}
                for seq, at, actor, action, detail, seal in uow.chat.audit_rows()]
    if kind == "expenses":   # every running cost kept, undoings too (``reverses``: the cost one undoes)
        return [{"id": x.id, "at": local(x.at), "amount": _num(x.amount), "category": x.category, "note": x.note,
                 "location": x.location or "", "actor": x.actor, "reverses": x.reverses, "method": x.method or ""}
                for x in uow.expenses.list()]
    if kind == "invoices":   # every invoice kept, a supplier's or ours, undoings too (``reverses``: the one undone)
        return [{"id": x.id, "at": local(x.at), "partner": x.partner, "month": x.month.isoformat()[:7],
                 "amount": _num(x.amount), "code": x.code, "actor": x.actor, "reverses": x.reverses}
                for x in uow.invoices.list()]
    if kind == "deviations":  # the forecasting report: which triggering inputs were wrong, per rule action
        return [{"kind": action, **detail} for action in ("forecast_deviation", "rule_override")
                for detail in uow.chat.audits(action, limit=1000)]
    raise ValueError(f"unknown export kind {kind!r}; one of stock, moves, orders, bookings, rules, partners, products, "
                     "users, recipes, prices, expenses, invoices, audit, deviations")


def _opening_cells(uow: SqlUnitOfWork, code: str, tz: Any) -> dict[str, str]:
    """A partner's opening balance in the import's columns (empty: none)."""
    standing = dues.openings(uow.payments.list(partner=code))
    if not standing:
        return {"opening_balance": "", "opening_date": ""}
    return {"opening_balance": _num(-sum((x.amount for x in standing), Decimal(0))) or "",
            "opening_date": min(x.at for x in standing).astimezone(tz).date().isoformat()}


def to_csv(rows: list[dict[str, Any]]) -> str:
    buf = io.StringIO()
    if not rows:
        return ""
    flat = [{k: (v if not isinstance(v, list | dict) else json.dumps(v, ensure_ascii=False))
             for k, v in r.items()} for r in rows]
    w = csv.DictWriter(buf, fieldnames=list(flat[0].keys()))
    w.writeheader()
    w.writerows(flat)
    return buf.getvalue()
