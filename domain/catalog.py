"""Master data: tenants, locations, partners, users and products (value objects, no I/O)."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from domain import accounts, errors, units


class Role(StrEnum):
    STAFF = "staff"
    MANAGER = "manager"
    PURCHASER = "purchaser"
    ADMIN = "admin"
    SUPPLIER = "supplier"


class LocationKind(StrEnum):
    STORE = "store"
    WAREHOUSE = "warehouse"
    # virtual locations: every stock change is a move between two locations
    SUPPLIER = "supplier"
    CUSTOMER = "customer"
    CONSUMPTION = "consumption"
    SCRAP = "scrap"
    TRANSIT = "transit"
    ADJUSTMENT = "adjustment"
    PRODUCTION = "production"   # what the store makes itself (烤了可颂40个) comes from here

    @property
    def is_physical(self) -> bool:
        return self in (LocationKind.STORE, LocationKind.WAREHOUSE)


# Codes of the virtual locations every tenant has.
VIRTUAL = {
    LocationKind.SUPPLIER: "~SUPPLIER",
    LocationKind.CUSTOMER: "~CUSTOMER",
    LocationKind.CONSUMPTION: "~CONSUMPTION",
    LocationKind.SCRAP: "~SCRAP",
    LocationKind.TRANSIT: "~TRANSIT",
    LocationKind.ADJUSTMENT: "~ADJUSTMENT",
    LocationKind.PRODUCTION: "~PRODUCTION",
}


class PartnerKind(StrEnum):
    SUPPLIER = "supplier"
    CUSTOMER = "customer"


class NegativePolicy(StrEnum):
    WARN = "warn"
    BLOCK = "block"


@dataclass(frozen=True)
class TenantSettings:
    code: str = "default"
    name: str = ""
    timezone: str = "Asia/Shanghai"
    negative_policy: NegativePolicy = NegativePolicy.WARN
    approval_limit: Decimal = Decimal(2000)
    language: str = "zh_CN"
    # the forecast's calendar: {"holidays": {ISO date: name}, "workdays": [ISO date], "events": {ISO date: name}}
    calendar: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Location:
    code: str
    name: str
    kind: LocationKind
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Partner:
    code: str
    name: str
    kind: PartnerKind
    aliases: tuple[str, ...] = ()
    credit_limit: Decimal | None = None
    lead_time_days: int | None = None   # a supplier's days from order to delivery (its products' default)
    payment_terms: accounts.Terms | None = None   # 账期: when its goods are to be paid (None: not agreed)
    price_tier: str | None = None   # 王记按批发价: a customer's price list (PRICE_TIERS; None: the selling price)
    contact: str | None = None   # 张记的联系人是王师傅: whom to reach there
    phone: str | None = None     # 张记电话13800138000

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class User:
    username: str
    display_name: str
    role: Role
    location: str | None = None  # home location code (staff, manager, purchaser)
    partner: str | None = None  # supplier users
    language: str = "zh_CN"
    active: bool = True   # False: left (离职); their records stay, they can no longer write or be told anything

    def can(self, permission: str) -> bool:
        return permission in PERMISSIONS.get(self.role, frozenset())

    def require(self, permission: str) -> None:
        """Refuses (``errors.NotAllowed``) what this user's role may not do."""
        if not self.can(permission):
            raise errors.NotAllowed(code="not_allowed", role=self.role.value, needs=",".join(
                r.value for r in Role if r != Role.SUPPLIER and permission in PERMISSIONS[r]))   # (who may: 店长 …)


PERMISSIONS: dict[Role, frozenset[str]] = {
    Role.STAFF: frozenset({"record", "query"}),
    Role.PURCHASER: frozenset({"record", "query", "purchase", "rules"}),
    Role.MANAGER: frozenset({"record", "query", "purchase", "rules", "approve", "invite"}),
    Role.ADMIN: frozenset({"record", "query", "purchase", "rules", "approve", "invite", "admin"}),
    Role.SUPPLIER: frozenset({"supplier_view"}),
}


# what a person's role may do, in the order 我有什么权限 says it (a supplier's own login: none of it)
ABILITIES = ("record", "query", "purchase", "rules", "approve", "invite", "admin")

BARCODE = re.compile(r"\d{8}|\d{12,14}")   # EAN-8, UPC-A, EAN-13, ITF-14: a product's alias that is its barcode


@dataclass(frozen=True)
class Product:
    sku: str
    name: str
    base_unit: str
    aliases: tuple[str, ...] = ()
    packs: dict[str, Decimal] = field(default_factory=dict)
    category: str = ""
    safety_stock: Decimal = Decimal(0)
    shelf_life_days: int | None = None
    unit_price: Decimal | None = None
    unit_cost: Decimal | None = None
    loss_rate: Decimal | None = None
    supplier: str | None = None        # the partner it is usually bought from
    lead_time_days: int | None = None  # days from order to delivery (else the supplier's)
    moq: Decimal | None = None         # the least one order may be, in base units
    active: bool = True                # 酸菜下架: retired, its history kept (no longer bought, sold, planned or reordered)
    temp_min: Decimal | None = None    # the storage range in ℃ (牛奶冷藏2到6度): sensors' readings outside it alert
    temp_max: Decimal | None = None
    capacity: Decimal | None = None    # a service (高级顾问每天可约8小时): its bookable hours a day at a store
    counts_as: str | None = None       # 1小时高级顾问=2小时初级顾问: the service one hour of this one counts as …
    counts_factor: Decimal | None = None   # … and how many hours of it
    serial: bool = False               # 按串号管理: each unit its own code (串号 · IMEI · SN), named as it comes and goes
    wholesale_price: Decimal | None = None   # 批发价: what customers on the wholesale tier pay, per base unit
    member_price: Decimal | None = None      # 会员价: what customers on the member tier pay
    warranty_days: int | None = None   # 保修一年: a sold unit's warranty, counted from the day it was sold

    @property
    def counts(self) -> str | None:
        """What one hour of it counts as, as the chat sets it: "B12×2" (two hours of B12); None: nothing."""
        return f"{self.counts_as}×{self.counts_factor.normalize():f}" if self.counts_as and self.counts_factor else None

    @property
    def is_service(self) -> bool:
        """Hours of someone's time, booked rather than stocked: never bought, counted or forecast as goods."""
        return self.capacity is not None

    @property
    def storage_temp(self) -> str | None:
        """The storage range as the chat sets it: "2~6", "~6" (at most), "2~" (at least); None: none kept."""
        if self.temp_min is None and self.temp_max is None:
            return None
        def n(v: Decimal | None) -> str:
            return "" if v is None else format(units.normalize(v), "f")
        return f"{n(self.temp_min)}~{n(self.temp_max)}"

    def out_of_range(self, celsius: Decimal) -> bool:
        return (self.temp_max is not None and celsius > self.temp_max) or (self.temp_min is not None
                                                                            and celsius < self.temp_min)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    @property
    def barcode(self) -> str:
        """Its first alias that is a barcode (6901234567890就是可乐); "" without one."""
        return next((a for a in self.aliases if BARCODE.fullmatch(a)), "")

    def to_base(self, qty: Decimal, unit: str) -> Decimal:
        return units.to_base(qty, unit, base_unit=self.base_unit, packs=self.packs)

    def accepts(self, unit: str) -> bool:
        try:
            units.factor(unit, base_unit=self.base_unit, packs=self.packs)
        except Exception:
            return False
        return True


# the price lists a customer may be on (王记按批发价 · 团餐走会员价); a customer on none pays the selling price
PRICE_TIERS = ("wholesale", "member")


def tier_price(p: Product, tier: str | None) -> Decimal | None:
    """What a customer on ``tier`` pays for ``p`` per base unit: that tier's price when the product has one, else None
    (the selling price, or a price agreed with the customer, decides)."""
    return p.wholesale_price if tier == "wholesale" else p.member_price if tier == "member" else None


DEFAULT_LEAD_DAYS = 1   # ordered today, delivered tomorrow: what a product without terms is planned with


def next_sku(skus: Iterable[str]) -> str:
    """The SKU after the catalog's own numbering (P001…P030 → P031; B01…B10 → B11): the commonest letter prefix, its
    highest number plus one at the same width; N001 when the catalog numbers nothing."""
    numbered = [m.groups() for s in skus if (m := re.fullmatch(r"([A-Za-z]*)(\d+)", s))]
    if not numbered:
        return "N001"
    prefix = Counter(p for p, _ in numbered).most_common(1)[0][0]
    digits = [d for p, d in numbered if p == prefix]
    taken = set(skus)
    n, width = max(int(d) for d in digits) + 1, max(len(d) for d in digits)
    while f"{prefix}{n:0{width}d}" in taken:
        n += 1
    return f"{prefix}{n:0{width}d}"


def lead_days(p: Product, partners: Mapping[str, Partner], *, default: int = DEFAULT_LEAD_DAYS) -> int:
    """Days from an order of ``p`` to its delivery: its own, else its supplier's, else ``default``."""
    if p.lead_time_days is not None:
        return p.lead_time_days
    supplier = partners.get(p.supplier or "")
    if supplier is not None and supplier.lead_time_days is not None:
        return supplier.lead_time_days
    return default
