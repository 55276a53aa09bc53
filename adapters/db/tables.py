"""SQLModel tables. Every row belongs to a tenant; quantities are Numeric (Decimal)."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Column, Index, Numeric, UniqueConstraint, false, true
from sqlmodel import Field, SQLModel

from adapters.db.types import UTCDateTime

QTY = Numeric(20, 6)


def _qty(default: Decimal | None = Decimal(0), *, nullable: bool = False) -> Any:
    return Field(default=default, sa_column=Column(QTY, nullable=nullable, default=default))


def _ts(*, nullable: bool = False, index: bool = False) -> Any:
    return Field(default=None, sa_column=Column(UTCDateTime(), nullable=nullable, index=index))


def _json(default: Any) -> Any:
    return Field(default_factory=lambda: default() if callable(default) else default, sa_column=Column(JSON))


class Tenant(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(index=True, unique=True)
    name: str = ""
    timezone: str = "Asia/Shanghai"
    negative_policy: str = "warn"
    approval_limit: Decimal = _qty(Decimal(2000))
    language: str = "zh_CN"
    settings: dict[str, Any] = _json(dict)


class Location(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("tenant_id", "code"),)
    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = Field(foreign_key="tenant.id", index=True)
    code: str
    name: str
    kind: str
    aliases: list[str] = _json(list)
    settings: dict[str, Any] = _json(dict)


class Partner(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("tenant_id", "code"),)
    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = Field(foreign_key="tenant.id", index=True)
    code: str
    name: str
    kind: str
    aliases: list[str] = _json(list)
    credit_limit: Decimal | None = _qty(None, nullable=True)
    lead_time_days: int | None = None
    payment_terms: str | None = None   # 账期: accounts.Terms.code (30 · M30 · 0)
    price_tier: str | None = None   # 王记按批发价: catalog.PRICE_TIERS
    contact: str | None = None   # 张记的联系人是王师傅: whom to reach there
    phone: str | None = None     # 张记电话13800138000


class AppUser(SQLModel, table=True):
    __tablename__ = "app_user"
    __table_args__ = (UniqueConstraint("tenant_id", "username"),)
    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = Field(foreign_key="tenant.id", index=True)
    username: str
    display_name: str
    role: str
    location: str | None = None
    partner: str | None = None
    language: str = "zh_CN"
    password_hash: str | None = None
    active: bool = Field(default=True, sa_column_kwargs={"server_default": true()})


class Identity(SQLModel, table=True):
    """A chat identity (Telegram user id, WeCom userid, script name) bound to a user."""
    __table_args__ = (UniqueConstraint("tenant_id", "channel", "external_id"),)
    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = Field(foreign_key="tenant.id", index=True)
    channel: str
    external_id: str
    username: str


class Invite(SQLModel, table=True):
    code: str = Field(primary_key=True)
    tenant_id: int = Field(foreign_key="tenant.id", index=True)
    display_name: str
    role: str
    location: str | None = None
    created_by: str
    created_at: datetime = _ts()
    expires_at: datetime = _ts()
    used_by: str | None = None


class Product(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("tenant_id", "sku"),)
    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = Field(foreign_key="tenant.id", index=True)
    sku: str
    name: str
    aliases: list[str] = _json(list)
    base_unit: str
    packs: dict[str, str] = _json(dict)
    category: str = ""
    safety_stock: Decimal = _qty()
    shelf_life_days: int | None = None
    unit_price: Decimal | None = _qty(None, nullable=True)
    unit_cost: Decimal | None = _qty(None, nullable=True)
    loss_rate: Decimal | None = _qty(None, nullable=True)
    supplier: str | None = None
    lead_time_days: int | None = None
    moq: Decimal | None = _qty(None, nullable=True)
    active: bool = Field(default=True, sa_column_kwargs={"server_default": true()})
    temp_min: Decimal | None = _qty(None, nullable=True)
    temp_max: Decimal | None = _qty(None, nullable=True)
    capacity: Decimal | None = _qty(None, nullable=True)   # a service's bookable hours a day at a store
    counts_as: str | None = None   # 1小时高级顾问=2小时初级顾问: the service an hour of this one counts as …
    counts_factor: Decimal | None = _qty(None, nullable=True)   # … and how many hours of it
    serial: bool = Field(default=False, sa_column_kwargs={"server_default": false()})   # 按串号管理
    warranty_days: int | None = None   # 保修一年: from the day a unit is sold
    wholesale_price: Decimal | None = _qty(None, nullable=True)   # 批发价
    member_price: Decimal | None = _qty(None, nullable=True)      # 会员价


class Synonym(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("tenant_id", "term"),)
    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = Field(foreign_key="tenant.id", index=True)
    term: str
    canonical: str


class Lot(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("tenant_id", "sku", "code"),)
    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = Field(foreign_key="tenant.id", index=True)
    sku: str
    code: str
    expiry: datetime | None = _ts(nullable=True)
    received_at: datetime | None = _ts(nullable=True)


class Move(SQLModel, table=True):
    __table_args__ = (Index("ix_move_tenant_sku_at", "tenant_id", "sku", "at"),
                      Index("ix_move_tenant_actor", "tenant_id", "actor", "id"),
                      Index("ix_move_tenant_kind_at", "tenant_id", "kind", "at"),
                      Index("ix_move_tenant_lot", "tenant_id", "sku", "lot"),
                      UniqueConstraint("tenant_id", "seq", name="uq_move_tenant_seq"))
    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = Field(foreign_key="tenant.id", index=True)
    batch: str = Field(index=True)
    kind: str
    sku: str
    qty: Decimal = _qty()
    src: str
    dst: str
    lot: str = ""
    unit_cost: Decimal | None = _qty(None, nullable=True)
    unit_price: Decimal | None = _qty(None, nullable=True)
    partner: str | None = None
    actor: str | None = None
    at: datetime = _ts()
    message_id: str | None = None
    reverses: int | None = Field(default=None, index=True)
    order_id: int | None = None
    note: str = Field(default="", sa_column_kwargs={"server_default": ""})
    method: str | None = None   # how a sale was paid (domain.ledger.PAYMENT_METHODS), when said
    # The hash chain (domain/chain.py): the move's place in its tenant's chain and the hash sealing it,
    # both set as its transaction commits (``StockRepo.seal``).
    seq: int | None = None
    chain: str | None = None


class LedgerHead(SQLModel, table=True):
    """A tenant's chain as of its last sealed move: how many moves and the last hash. Its row is the lock
    that orders sealing."""
    __tablename__ = "ledger_head"
    tenant_id: int = Field(foreign_key="tenant.id", primary_key=True)
    count: int = 0
    hash: str = ""
    audit_count: int = Field(default=0, sa_column_kwargs={"server_default": "0"})   # the audit trail's chain
    audit_hash: str = Field(default="", sa_column_kwargs={"server_default": ""})


class StockLevel(SQLModel, table=True):
    __tablename__ = "stock_level"
    __table_args__ = (UniqueConstraint("tenant_id", "location", "sku", "lot"),)
    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = Field(foreign_key="tenant.id", index=True)
    location: str
    sku: str
    lot: str = ""
    qty: Decimal = _qty()


class Order(SQLModel, table=True):
    __tablename__ = "orders"
    __table_args__ = (Index("ix_orders_tenant_number", "tenant_id", "number", unique=True),)
    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = Field(foreign_key="tenant.id", index=True)
    number: int   # the company's own: #1, #2 … (the domain's Order.id; ``id`` is the server's row, lines join it)
    kind: str
    status: str
    location: str | None = None
    source: str | None = None
    partner: str | None = None
    due: datetime | None = _ts(nullable=True)
    created_by: str | None = None
    approved_by: str | None = None
    created_at: datetime = _ts()
    note: str = ""
    meta: dict[str, Any] = _json(dict)


class OrderLine(SQLModel, table=True):
    __tablename__ = "order_line"
    id: int | None = Field(default=None, primary_key=True)
    order_id: int = Field(foreign_key="orders.id", index=True)
    sku: str
    qty: Decimal = _qty()
    unit_price: Decimal | None = _qty(None, nullable=True)
    received: Decimal = _qty()


class SalesHistory(SQLModel, table=True):
    __tablename__ = "sales_history"
    __table_args__ = (UniqueConstraint("tenant_id", "day", "location", "sku"),)
    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = Field(foreign_key="tenant.id", index=True)
    day: str  # ISO date
    location: str
    sku: str
    qty: Decimal = _qty()
    unit_price: Decimal | None = _qty(None, nullable=True)
    unit_cost: Decimal | None = _qty(None, nullable=True)


class Booking(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = Field(foreign_key="tenant.id", index=True)
    location: str
    sku: str
    qty: Decimal = _qty()
    at: datetime = _ts()
    note: str = ""
    created_by: str | None = None
    order_id: int | None = Field(default=None, index=True)   # a customer order's line, booked until it leaves


class Rule(SQLModel, table=True):
    __table_args__ = (Index("ix_rule_tenant_number", "tenant_id", "number", unique=True),)
    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = Field(foreign_key="tenant.id", index=True)
    number: int   # the company's own (规则 #1); alerts and schedules name it; its versions join ``id``
    owner: str
    text: str
    spec: dict[str, Any] = _json(dict)
    version: int = 1
    status: str = "active"  # active | paused | manual | deleted
    created_at: datetime = _ts()
    overrides: int = 0  # consecutive overridden/deviating suggestions (takeover switch)


class RuleVersion(SQLModel, table=True):
    __tablename__ = "rule_version"
    id: int | None = Field(default=None, primary_key=True)
    rule_id: int = Field(foreign_key="rule.id", index=True)
    version: int
    text: str
    spec: dict[str, Any] = _json(dict)
    created_at: datetime = _ts()


class AlertState(SQLModel, table=True):
    """Edge-triggered alerts: one row per (rule, subject); fires on the false→true edge only."""
    __tablename__ = "alert_state"
    __table_args__ = (UniqueConstraint("tenant_id", "rule_key", "subject"),)
    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = Field(foreign_key="tenant.id", index=True)
    rule_key: str
    subject: str
    active: bool = False
    fired_at: datetime | None = _ts(nullable=True)
    snoozed_until: datetime | None = _ts(nullable=True)


class JobRun(SQLModel, table=True):
    """A scheduled job's slot; the unique key makes a job fire once even with several replicas."""
    __tablename__ = "job_run"
    __table_args__ = (UniqueConstraint("tenant_id", "job", "slot"),)
    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = Field(foreign_key="tenant.id", index=True)
    job: str
    slot: str
    ran_at: datetime = _ts()


class InboundMessage(SQLModel, table=True):
    """Channel message ids already handled (idempotency per incoming message)."""
    __tablename__ = "inbound_message"
    __table_args__ = (UniqueConstraint("tenant_id", "channel", "message_id"),)
    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = Field(foreign_key="tenant.id", index=True)
    channel: str
    message_id: str
    handled_at: datetime = _ts()


class BotMessage(SQLModel, table=True):
    """Messages the bot sent, kept so button presses resolve against them."""
    __tablename__ = "bot_message"
    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = Field(foreign_key="tenant.id", index=True)
    to: str = Field(index=True)
    text: str
    buttons: list[Any] = _json(list)
    # what went with it, base64 (a chart: {"image": …}; a spreadsheet: {"file": {"name", "mime", "data"}}), so a
    # redelivered message gets the whole answer again
    media: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    created_at: datetime = _ts()
    pressed: str | None = None
    source: str | None = Field(default=None, index=True)  # "channel:message id" of the message it answers


class Pending(SQLModel, table=True):
    """A user's pending draft (a question waiting for an answer or a confirmation)."""
    __table_args__ = (UniqueConstraint("tenant_id", "username"),)
    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = Field(foreign_key="tenant.id", index=True)
    username: str
    kind: str
    payload: dict[str, Any] = _json(dict)
    expires_at: datetime = _ts()


class Recipe(SQLModel, table=True):
    """A product's recipe, one row a version (可颂的配方:面粉50克,黄油25克): the newest is the one in use; an empty
    one (``components`` []) takes the recipe away."""
    __table_args__ = (UniqueConstraint("tenant_id", "sku", "version"),)
    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = Field(foreign_key="tenant.id", index=True)
    sku: str
    version: int
    yields: Decimal = _qty(Decimal(1))
    components: list[Any] = _json(list)   # [[sku, qty in its base unit(, [[substitute, qty], …])], …]
    operations: list[Any] | None = _json(list)   # its routing, in order: [[name, minutes or None(, center)], …]
    at: datetime = _ts()
    actor: str | None = None


class Quote(SQLModel, table=True):
    """A quotation (报价单: domain/quotes.py): its lines as [sku, qty, unit price] in base units, and the order it
    became (``order_id``: that order's number)."""
    __table_args__ = (Index("ix_quote_tenant_number", "tenant_id", "number", unique=True),)
    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = Field(foreign_key="tenant.id", index=True)
    number: int   # the company's own (报价 #1)
    partner: str
    lines: list[Any] = _json(list)
    created_at: datetime = _ts()
    valid_until: datetime = _ts()
    created_by: str | None = None
    order_id: int | None = None


class Repair(SQLModel, table=True):
    """A repair ticket (维修单: domain/repairs.py): a customer's unit through its steps, found by its serial or the one
    it was replaced by. The unit is the customer's: no stock moves with it."""
    __table_args__ = (Index("ix_repair_tenant_number", "tenant_id", "number", unique=True),
                      Index("ix_repair_serial", "tenant_id", "serial"))
    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = Field(foreign_key="tenant.id", index=True)
    number: int   # the company's own (维修单 #1)
    sku: str
    serial: str = ""
    new_serial: str = ""
    partner: str | None = None
    supplier: str | None = None
    location: str | None = None
    fault: str = ""
    status: str = "received"
    outcome: str | None = None
    fee: Decimal | None = _qty(None, nullable=True)
    in_warranty: bool | None = None
    created_at: datetime = _ts()
    created_by: str | None = None
    steps: list[Any] = _json(list)


class Expense(SQLModel, table=True):
    """A running cost (交房租5000 · 付了电费800: domain/expenses.py), where it was spent (None: the company's). A cost
    undone is a row of the opposite amount that ``reverses`` it."""
    __table_args__ = (Index("ix_expense_at", "tenant_id", "at"),
                      Index("ix_expense_tenant_number", "tenant_id", "number", unique=True))
    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = Field(foreign_key="tenant.id", index=True)
    number: int   # the company's own (费用 #1: the domain's Expense.id, what ``reverses`` names)
    at: datetime = _ts()
    amount: Decimal = _qty()
    category: str
    note: str = ""
    location: str | None = None
    actor: str | None = None
    message_id: str | None = None
    method: str | None = None   # 费用:打印纸50元,现金: how it was paid, when said (``ledger.PAYMENT_METHODS``)
    reverses: int | None = None


class Invoice(SQLModel, table=True):
    """A tax invoice (发票: domain/invoices.py) a supplier issued us or we issued a customer, for a month's goods
    (``month``: its first day). An invoice undone is a row of the opposite amount that ``reverses`` it."""
    __table_args__ = (Index("ix_invoice_partner_month", "tenant_id", "partner", "month"),
                      Index("ix_invoice_tenant_number", "tenant_id", "number", unique=True))
    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = Field(foreign_key="tenant.id", index=True)
    number: int   # the company's own (发票记录 #1: the domain's Invoice.id, what ``reverses`` names)
    partner: str
    month: str   # ISO date: the month's first day
    amount: Decimal = _qty()
    code: str = ""
    at: datetime = _ts()
    actor: str | None = None
    message_id: str | None = None
    reverses: int | None = None


class Payment(SQLModel, table=True):
    """Money a customer paid us or we paid a supplier (团餐付了3000 · 付给张记5000): the other half of its account.
    A payment undone is a row of the opposite amount that ``reverses`` it."""
    __table_args__ = (Index("ix_payment_partner", "tenant_id", "partner", "at"),
                      Index("ix_payment_tenant_number", "tenant_id", "number", unique=True))
    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = Field(foreign_key="tenant.id", index=True)
    number: int   # the company's own (付款 #1: the domain's Payment.id, what ``reverses`` names)
    partner: str
    amount: Decimal = _qty()
    at: datetime = _ts()
    actor: str | None = None
    message_id: str | None = None
    note: str = ""
    reverses: int | None = None
    method: str | None = None   # how it was paid (domain.ledger.PAYMENT_METHODS), when said


class Audit(SQLModel, table=True):
    # (who last changed something: a bare 撤销's check; an action's entries: the network's records, the closures')
    __table_args__ = (UniqueConstraint("tenant_id", "seq", name="uq_audit_tenant_seq"),
                      Index("ix_audit_actor", "tenant_id", "actor", "at"),
                      Index("ix_audit_action", "tenant_id", "action", "id"))
    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = Field(foreign_key="tenant.id", index=True)
    at: datetime = _ts()
    actor: str | None = None
    action: str
    detail: dict[str, Any] = _json(dict)
    seq: int | None = None      # sealed as its transaction commits, as the moves are (domain/chain.py)
    chain: str | None = None


class LotReading(SQLModel, table=True):
    """A sensor reading on a lot (temperature, humidity …) received over MQTT."""
    __tablename__ = "lot_reading"
    __table_args__ = (Index("ix_lot_reading_lot", "tenant_id", "sku", "lot", "at"),)
    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = Field(foreign_key="tenant.id", index=True)
    sku: str
    lot: str
    metric: str
    value: Decimal = _qty()
    at: datetime = _ts()
    source: str = ""


class ReplenishDay(SQLModel, table=True):
    """One morning of a store's replenishment window (``domain.replenishment.SteadyRate``): its products' stock
    options as steps of prevented shortage per unit of leftover, so that the service level holds over the last
    91 mornings together rather than each morning alone. A morning's later run replaces its row."""
    __tablename__ = "replenish_day"
    __table_args__ = (UniqueConstraint("tenant_id", "location", "day"),)
    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = Field(foreign_key="tenant.id", index=True)
    location: str
    day: str  # ISO date
    data: dict[str, Any] = _json(dict)


class NetworkLink(SQLModel, table=True):
    """One of our partners linked to another company on this server (domain/network.py): invited with a code,
    active once that company accepted it, ended by either side."""
    __tablename__ = "network_link"
    __table_args__ = (UniqueConstraint("tenant_id", "partner"), UniqueConstraint("code", name="uq_network_code"))
    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = Field(foreign_key="tenant.id", index=True)
    partner: str
    status: str
    peer: str | None = None       # the other company's tenant code
    code: str | None = None       # the invitation's code, while it waits
    location: str | None = None   # where a linked customer's orders are kept
    at: datetime = _ts()
    by: str | None = None
    secret: str | None = None     # a link to another server: the key its messages and ours are signed with
    peer_name: str | None = None  # that company's name (one on this server: its tenant's)
    secret_prev: str | None = None   # the key before its last change, still taken until ``prev_until``
    prev_until: datetime | None = _ts(nullable=True)


class NetworkMessage(SQLModel, table=True):
    """What one company sends another over the network: a link's news or an order's snapshot, applied once by the
    recipient (``applied_at``), in the order sent. Addressed by tenant code: each side reads only its own."""
    __tablename__ = "network_message"
    __table_args__ = (Index("ix_network_inbox", "recipient", "applied_at", "id"),
                      Index("ix_network_subject", "sender", "recipient", "subject", "id"),
                      Index("ix_network_remote", "recipient", "sender", "remote_id", unique=True))
    id: int | None = Field(default=None, primary_key=True)
    sender: str
    recipient: str
    kind: str           # "link" | "po" | "so"
    subject: str        # what it is about: link:<code> · po:<sender's order id> · so:<sender's order id>
    payload: dict[str, Any] = _json(dict)
    at: datetime = _ts()
    applied_at: datetime | None = _ts(nullable=True)
    result: str = ""
    # between servers (a recipient or sender <tenant>@<its address>): its id at the sender, so a message delivered
    # twice is kept once, and when the sender's server delivered it
    remote_id: int | None = None
    delivered_at: datetime | None = _ts(nullable=True)
