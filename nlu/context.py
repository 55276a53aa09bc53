"""What the NLU knows about a tenant: its catalog and the speaker. Built by the caller; data only."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from domain import catalog


@dataclass(frozen=True)
class Catalog:
    products: tuple[catalog.Product, ...]
    locations: tuple[catalog.Location, ...] = ()
    partners: tuple[catalog.Partner, ...] = ()
    users: tuple[catalog.User, ...] = ()
    synonyms: dict[str, str] = field(default_factory=dict)  # 马铃薯 -> 土豆 (alternative -> name)


@dataclass(frozen=True)
class Recent:
    """The speaker's last write, minutes ago: what a follow-up (又卖了2个 · 再来2块 · 还有牛奶1箱) continues; or the
    product just asked about (movement ""), which a write without one names (可乐还剩多少 → 卖了3瓶); or the order
    just placed (movement "order"), which 改成3箱 · 再加1箱牛腱 change."""
    movement: str                 # a commands.Movement value, "" for a product asked about, "order" for an order
    skus: tuple[str, ...]
    order: int | None = None      # the open order the speaker placed minutes ago (改成3箱 · 再加1箱牛腱 amend it)
    payment: int | None = None    # the payment the speaker just recorded (撤销 undoes it)
    work_op: int | None = None    # the work order whose operation the speaker just marked done (撤销 unmarks it)
    cancelled: int | None = None  # the order the speaker just cancelled (撤销 takes the cancellation back)
    expense: int | None = None    # the running cost the speaker just recorded (撤销 undoes it)
    invoice: int | None = None    # the invoice the speaker just recorded (撤销 undoes it)


@dataclass(frozen=True)
class Speaker:
    user: catalog.User
    now: datetime  # timezone-aware, in the tenant's time zone
    # the last write, read only for a message that may follow up on it (a lookup the caller does on demand)
    recent: Callable[[], Recent | None] | None = None
    # what was paid lately for a product, per base unit (its receipts), read only when a price said without its unit
    # needs a magnitude and the catalog has neither cost nor price (收到菜籽油2桶,单价60: ¥60 a barrel or a litre?)
    paid: Callable[[str], Decimal | None] | None = None
