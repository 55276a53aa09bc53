"""Repositories: translate between tables and domain objects. They never commit."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, bindparam, delete, func, or_, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from adapters.db import tables as t
from adapters.db.types import UTCDateTime
from domain import (
    accounts,
    bom,
    catalog,
    chain,
    errors,
    expenses,
    invoices,
    ledger,
    network,
    orders,
    production,
    quotes,
    repairs,
    units,
)

Q6 = Decimal("0.000001")


def _escaped(fragment: str) -> str:
    """``fragment`` made literal inside a LIKE pattern (escape character ``\\``)."""
    return fragment.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def dec(v: Any) -> Decimal:
    """Database numbers -> exact Decimal (SQLite hands back floats)."""
    if v is None:
        return Decimal(0)
    d = v if isinstance(v, Decimal) else Decimal(str(v))
    return units.normalize(d.quantize(Q6))


def opt_dec(v: Any) -> Decimal | None:
    return None if v is None else dec(v)


def _insert(session: Session) -> Any:
    """Dialect insert over the plain table (Core path: no ORM bulk-persistence overhead)."""
    fn = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    return lambda model: fn(model.__table__)


def find_tenant(session: Session, code: str) -> int | None:
    tid = session.connection().execute(select(t.Tenant.id).where(t.Tenant.code == code)).scalar()
    return None if tid is None else int(tid)


def tenant_id(session: Session, code: str) -> int:
    found = find_tenant(session, code)
    if found is not None:
        return found
    ins = _insert(session)(t.Tenant).values(code=code, name=code, settings={}).on_conflict_do_nothing()
    session.execute(ins)
    row = session.exec(select(t.Tenant.id).where(t.Tenant.code == code)).first()
    return int(row[0])


class _Repo:
    def __init__(self, session: Session, tid: int) -> None:
        self.s = session
        self.tid = tid

    def _next_number(self, table: Any) -> int:
        """The company's next number in ``table`` (orders, rules, payments: #1, #2 … per company, never the server's
        row ids, which count every company's). On PostgreSQL a transaction-scoped advisory lock per company and table
        serializes the writers that take one; SQLite's writes are serialized already."""
        if self.s.get_bind().dialect.name == "postgresql":
            self.s.execute(select(func.pg_advisory_xact_lock(self.tid, func.hashtext(f"number:{table.__tablename__}"))))
        return int(self.s.execute(select(func.coalesce(func.max(table.number), 0)).where(
            table.tenant_id == self.tid)).scalar()) + 1

    def _numbered(self, table: Any, number: int) -> Any:
        """The company's row of that number in ``table`` (None: none)."""
        return self.s.execute(select(table).where(table.tenant_id == self.tid, table.number == number)).scalars().first()

    def _is_reversed(self, table: Any, number: int) -> bool:
        """Whether a row of ``table`` undoes that one (payments, costs, invoices: undone by an opposite row)."""
        return self.s.execute(select(table.id).where(table.tenant_id == self.tid,
                                                     table.reverses == number)).first() is not None


# ---------------------------------------------------------------- catalog
def product_of(r: t.Product) -> catalog.Product:
    return catalog.Product(
        sku=r.sku, name=r.name, base_unit=r.base_unit, aliases=tuple(r.aliases or ()),
        packs={k: Decimal(str(v)) for k, v in (r.packs or {}).items()}, category=r.category or "",
        safety_stock=dec(r.safety_stock), shelf_life_days=r.shelf_life_days,
        unit_price=opt_dec(r.unit_price), unit_cost=opt_dec(r.unit_cost), loss_rate=opt_dec(r.loss_rate),
        supplier=r.supplier or None, lead_time_days=r.lead_time_days, moq=opt_dec(r.moq),
        active=r.active is not False, temp_min=opt_dec(r.temp_min), temp_max=opt_dec(r.temp_max),
        capacity=opt_dec(r.capacity), counts_as=r.counts_as or None, counts_factor=opt_dec(r.counts_factor),
        serial=bool(r.serial), warranty_days=r.warranty_days, wholesale_price=opt_dec(r.wholesale_price),
        member_price=opt_dec(r.member_price))


_SERIAL = text("SELECT serial FROM product WHERE tenant_id = :tenant_id AND sku = :sku")


_USER = select(t.AppUser).where(t.AppUser.tenant_id == bindparam("tid"), t.AppUser.username == bindparam("username"))


class CatalogRepo(_Repo):
    _seen: dict[str, Any] | None = None   # the company's settings as this unit of work read them (``setting``)

    def settings(self) -> catalog.TenantSettings:
        r = self.s.get(t.Tenant, self.tid)
        assert r is not None
        return catalog.TenantSettings(code=r.code, name=r.name, timezone=r.timezone,
                                      negative_policy=catalog.NegativePolicy(r.negative_policy),
                                      approval_limit=dec(r.approval_limit), language=r.language,
                                      calendar=dict((r.settings or {}).get("calendar") or {}))

    def tenant_row(self) -> t.Tenant:
        r = self.s.get(t.Tenant, self.tid)
        assert r is not None
        return r

    def products(self) -> list[catalog.Product]:
        rows = self.s.exec(select(t.Product).where(t.Product.tenant_id == self.tid).order_by(t.Product.sku)).all()
        return [product_of(r[0]) for r in rows]

    def product(self, sku: str) -> catalog.Product | None:
        r = self._one(t.Product, t.Product.sku == sku)
        return product_of(r) if r else None

    def set_product(self, sku: str, values: dict[str, Any]) -> None:
        """Changes fields of one product (its master data: the catalog's version moves on)."""
        self.upsert(t.Product, {"sku": sku}, values)

    def put_product(self, p: catalog.Product, *, new: bool = False) -> None:
        """A product's whole master data, inserted or replacing what its SKU had (an import row, or one added from the
        chat); the catalog's version moves on. ``new``: it must not exist yet (two managers adding at once: the second
        is refused, never written over the first)."""
        if new and self._one(t.Product, t.Product.sku == p.sku) is not None:
            raise errors.InvalidState(code="code_taken", taken=p.sku)
        self.upsert(t.Product, {"sku": p.sku}, {
            "name": p.name, "aliases": list(p.aliases), "base_unit": p.base_unit,
            "packs": {k: str(units.normalize(v)) for k, v in p.packs.items()}, "category": p.category,
            "safety_stock": p.safety_stock, "shelf_life_days": p.shelf_life_days, "unit_price": p.unit_price,
            "unit_cost": p.unit_cost, "loss_rate": p.loss_rate, "supplier": p.supplier,
            "lead_time_days": p.lead_time_days, "moq": p.moq, "active": p.active, "temp_min": p.temp_min,
            "temp_max": p.temp_max, "capacity": p.capacity, "counts_as": p.counts_as, "counts_factor": p.counts_factor,
            "serial": p.serial, "warranty_days": p.warranty_days, "wholesale_price": p.wholesale_price,
            "member_price": p.member_price})

    def set_partner(self, code: str, values: dict[str, Any], *, new: bool = False) -> None:
        """Changes fields of one partner (its master data: the catalog's version moves on); ``new``: adds it, refused
        when the code exists (see ``put_product``)."""
        if new and self._one(t.Partner, t.Partner.code == code) is not None:
            raise errors.InvalidState(code="code_taken", taken=code)
        self.upsert(t.Partner, {"code": code}, values)

    def kept_by_serial(self, sku: str) -> bool | None:
        """Whether the product is kept by serial (None: no such product), read without loading it: a write's lines
        ask it of each product they move."""
        row = self.s.connection().execute(_SERIAL, {"tenant_id": self.tid, "sku": sku}).first()
        return None if row is None else bool(row[0])

    def locations(self) -> list[catalog.Location]:
        rows = self._all(t.Location)
        return [catalog.Location(code=r.code, name=r.name, kind=catalog.LocationKind(r.kind),
                                 aliases=tuple(r.aliases or ())) for r in rows]

    def location_row(self, code: str) -> t.Location | None:
        return self._one(t.Location, t.Location.code == code)

    def location_settings(self, code: str) -> dict[str, Any]:
        r = self.location_row(code)
        return dict(r.settings or {}) if r else {}

    def set_tenant_setting(self, key: str, value: Any) -> None:
        """One of the company's settings (its calendar …), the others kept; None takes it away."""
        r = self.tenant_row()
        kept = {k: v for k, v in (r.settings or {}).items() if k != key}
        r.settings = kept if value is None else {**kept, key: value}
        self.s.add(r)
        self.s.flush()
        self._seen = dict(r.settings)

    def set_location_setting(self, code: str, key: str, value: Any) -> None:
        """One setting of a place (its work centers' hours, its jobs' times), the others kept."""
        r = self.location_row(code)
        if r is None:
            raise errors.NotFound(code="unknown_location", location=code)
        r.settings = {**(r.settings or {}), key: value}
        self.s.add(r)
        self.s.flush()

    def partners(self) -> list[catalog.Partner]:
        rows = self._all(t.Partner)
        return [catalog.Partner(code=r.code, name=r.name, kind=catalog.PartnerKind(r.kind),
                                aliases=tuple(r.aliases or ()), credit_limit=opt_dec(r.credit_limit),
                                lead_time_days=r.lead_time_days,
                                payment_terms=accounts.Terms.parse(r.payment_terms) if r.payment_terms else None,
                                price_tier=r.price_tier or None, contact=r.contact or None, phone=r.phone or None)
                for r in rows]

    def users(self, *, everyone: bool = False) -> list[catalog.User]:
        """The tenant's people who are still here (``everyone``: those who left too, to name them)."""
        return [u for u in map(user_of, self._all(t.AppUser)) if everyone or u.active]

    def user(self, username: str) -> catalog.User | None:
        """One person, whether or not they left (``User.active``); asked for every message: a statement built once."""
        r = self.s.execute(_USER, {"tid": self.tid, "username": username}).scalars().first()
        return user_of(r) if r else None

    def departed(self, among: Iterable[str]) -> set[str]:
        """Those of ``among`` who left (nothing is sent to them): one query, none when ``among`` is empty."""
        names = list(set(among))
        if not names:
            return set()
        rows = self.s.execute(select(t.AppUser.username).where(
            t.AppUser.tenant_id == self.tid, t.AppUser.username.in_(names), t.AppUser.active.is_(False))).scalars()
        return set(rows)

    def set_user(self, username: str, values: dict[str, Any]) -> None:
        """Changes a person's place, role or whether they are still here (the catalog's version moves on)."""
        self.upsert(t.AppUser, {"username": username}, values)

    def set_language(self, username: str, language: str) -> None:
        self.s.execute(update(t.AppUser).where(t.AppUser.tenant_id == self.tid, t.AppUser.username == username)
                       .values(language=language))

    def user_row(self, username: str) -> t.AppUser | None:
        return self._one(t.AppUser, t.AppUser.username == username)

    def synonyms(self) -> dict[str, str]:
        return {r.term: r.canonical for r in self._all(t.Synonym)}

    def version(self) -> int:
        """Bumped on every master-data change, so callers can cache what they derive from the catalog."""
        return int(self._read().get("catalog_version", 0))   # (each chat turn asks it first: ``setting`` reuses it)

    def _read(self) -> dict[str, Any]:
        """The company's settings as they stand, kept for ``setting``."""
        v = self.s.connection().execute(select(t.Tenant.settings).where(t.Tenant.id == self.tid)).scalar()
        self._seen = dict(v or {})
        return self._seen

    def forget(self) -> None:
        self._seen = None

    def lock_settings(self) -> None:
        """Holds the company's settings row until the transaction ends, read afresh (PostgreSQL's row lock; SQLite's
        writers are one at a time already): a read-modify-write of one setting (the promotions) never loses what
        another transaction wrote to the settings at the same moment."""
        self.s.flush()
        r = self.tenant_row()
        self.s.refresh(r, with_for_update=True)
        self._seen = dict(r.settings or {})

    def setting(self, key: str) -> Any:
        """One of the company's settings, read once per unit of work (with ``version``, when it was asked) and kept
        up to date by ``set_tenant_setting``: a hot path (each sale's promotions) asks it for nothing."""
        return (self._seen if self._seen is not None else self._read()).get(key)

    def _bump_version(self) -> None:
        row = self.tenant_row()
        settings = dict(row.settings or {})
        settings["catalog_version"] = int(settings.get("catalog_version", 0)) + 1
        row.settings = settings
        self.s.add(row)
        self._seen = dict(settings)

    def upsert(self, model: type[Any], key: dict[str, Any], values: dict[str, Any]) -> bool:
        """Insert or update one master-data row by its natural key. Returns True if inserted."""
        self._bump_version()
        conds = [getattr(model, k) == v for k, v in key.items()]
        row = self._one(model, *conds)
        if row is None:
            self.s.add(model(tenant_id=self.tid, **key, **values))
            self.s.flush()
            return True
        for k, v in values.items():
            setattr(row, k, v)
        self.s.add(row)
        self.s.flush()
        return False

    def _one(self, model: type[Any], *conds: Any) -> Any:
        r = self.s.exec(select(model).where(model.tenant_id == self.tid, *conds)).first()
        return r[0] if r else None

    def _all(self, model: type[Any]) -> list[Any]:
        return [r[0] for r in self.s.exec(select(model).where(model.tenant_id == self.tid).order_by(model.id)).all()]


def user_of(r: t.AppUser) -> catalog.User:
    return catalog.User(username=r.username, display_name=r.display_name, role=catalog.Role(r.role),
                        location=r.location or None, partner=r.partner or None, language=r.language or "zh_CN",
                        active=r.active is not False)


# ---------------------------------------------------------------- stock
# The hot path (one move = one insert and two level upserts) uses prepared text statements:
# the same SQL runs on SQLite and PostgreSQL, and it skips per-call statement construction.
_INSERT_MOVE = text(
    "INSERT INTO move (tenant_id, batch, kind, sku, qty, src, dst, lot, unit_cost, unit_price, partner, actor, at, "
    "message_id, reverses, order_id, note, method) VALUES (:tenant_id, :batch, :kind, :sku, :qty, :src, :dst, :lot, "
    ":unit_cost, :unit_price, :partner, :actor, :at, :message_id, :reverses, :order_id, :note, :method) "
    "RETURNING id, qty, unit_cost, unit_price, at"
).bindparams(bindparam("qty", type_=t.QTY), bindparam("unit_cost", type_=t.QTY),
             bindparam("unit_price", type_=t.QTY), bindparam("at", type_=UTCDateTime())
             ).columns(qty=t.QTY, unit_cost=t.QTY, unit_price=t.QTY, at=UTCDateTime())
_BUMP = text(
    "INSERT INTO stock_level (tenant_id, location, sku, lot, qty) VALUES (:tenant_id, :location, :sku, :lot, :qty) "
    "ON CONFLICT (tenant_id, location, sku, lot) DO UPDATE SET qty = stock_level.qty + excluded.qty"
).bindparams(bindparam("qty", type_=t.QTY))
_LEVELS = text(
    "SELECT l.lot, l.qty, lot.expiry FROM stock_level l LEFT JOIN lot ON lot.tenant_id = l.tenant_id "
    "AND lot.sku = l.sku AND lot.code = l.lot WHERE l.tenant_id = :tenant_id AND l.location = :location "
    "AND l.sku = :sku"
).columns(lot=t.Lot.__table__.c.code.type, qty=t.QTY, expiry=UTCDateTime())

_MOVE = t.Move.__table__.c
_HEAD = t.LedgerHead.__table__.c
_AUDIT = t.Audit.__table__.c
_SEAL = text("UPDATE move SET seq = :s, chain = :h WHERE id = :mid")
_HEAD_SET = text("UPDATE ledger_head SET count = :count, hash = :hash WHERE tenant_id = :tenant_id")


def _ledger_head(s: Session, tid: int, *, lock: bool) -> tuple[int, str, int, str]:
    """The tenant's chains as sealed so far: (moves, last move hash, audits, last audit hash). ``lock``: taken
    under the head row's lock (created if missing), the last lock a writer takes, held to its commit."""
    conn = s.connection()
    q = select(_HEAD.count, _HEAD.hash, _HEAD.audit_count, _HEAD.audit_hash).where(_HEAD.tenant_id == tid)
    if lock and s.get_bind().dialect.name == "postgresql":
        q = q.with_for_update()
    row = conn.execute(q).first()
    if row is None and lock:
        conn.execute(_insert(s)(t.LedgerHead).values(tenant_id=tid, count=0, hash=chain.GENESIS, audit_count=0,
                                                     audit_hash=chain.GENESIS).on_conflict_do_nothing())
        row = conn.execute(q).first()
    if row is None:
        return 0, chain.GENESIS, 0, chain.GENESIS
    return int(row[0]), row[1] or chain.GENESIS, int(row[2] or 0), row[3] or chain.GENESIS


def _walk(s: Session, tid: int, cols: Any, item: Any, walker: chain.Walker, *, head: tuple[int, str],
          chunk: int) -> chain.Verdict:
    """A chain (the moves' or the audits': their table's columns ``cols``, a row made an ``item``) walked from its
    first entry in chunks of ``chunk`` (constant memory), each hash recomputed; with the kept ``head`` and how many
    rows were committed outside it."""
    last = 0
    while True:
        rows = s.execute(select(*cols).where(cols.tenant_id == tid, cols.seq > last).order_by(cols.seq)
                         .limit(chunk)).all()
        for r in rows:
            walker.step(item(r), r.chain)
        if len(rows) < chunk:
            break
        last = rows[-1].seq
    unsealed = s.execute(select(func.count()).where(cols.tenant_id == tid, cols.seq.is_(None))).scalar()
    return walker.verdict(head_count=head[0], head_hash=head[1], unsealed=int(unsealed or 0))


def move_of(r: Any) -> ledger.Move:
    """A ledger move from a ``move`` row (an ORM object or a Core row: the same attribute names)."""
    return ledger.Move(kind=ledger.MoveKind(r.kind), sku=r.sku, qty=dec(r.qty), src=r.src, dst=r.dst, at=r.at,
                       lot=r.lot or "", unit_cost=opt_dec(r.unit_cost), unit_price=opt_dec(r.unit_price),
                       partner=r.partner, actor=r.actor, message_id=r.message_id, batch=r.batch,
                       reverses=r.reverses, order_id=r.order_id, id=r.id, note=r.note or "",
                       method=getattr(r, "method", None))   # (a migration before it reads rows without one)


class StockRepo(_Repo):
    def __init__(self, session: Session, tid: int) -> None:
        super().__init__(session, tid)
        self._unsealed: list[ledger.Move] = []   # written in this transaction, as the store keeps them

    def levels(self, location: str, sku: str, *, lock: bool = False) -> list[ledger.LotLevel]:
        """Lot levels of one product at one location; ``lock`` takes row locks on PostgreSQL."""
        stmt: Any = _LEVELS
        if lock and self.s.get_bind().dialect.name == "postgresql":
            stmt = text(str(_LEVELS) + " FOR UPDATE OF l").columns(lot=t.Lot.__table__.c.code.type, qty=t.QTY,
                                                                   expiry=UTCDateTime())
        rows = self.s.connection().execute(stmt, {"tenant_id": self.tid, "location": location, "sku": sku}).all()
        return [ledger.LotLevel(lot=lot or "", qty=dec(q), expiry=exp) for lot, q, exp in rows]

    def lock_product(self, sku: str) -> None:
        """Serialize writers of one product on PostgreSQL (SQLite already serializes writes)."""
        if self.s.get_bind().dialect.name == "postgresql":
            self.s.execute(select(func.pg_advisory_xact_lock(self.tid, func.hashtext(sku))))

    def on_hand(self, location: str, sku: str) -> Decimal:
        q = self.s.execute(select(func.coalesce(func.sum(t.StockLevel.qty), 0)).where(
            t.StockLevel.tenant_id == self.tid, t.StockLevel.location == location, t.StockLevel.sku == sku)).scalar()
        return dec(q)

    def ensure_lot(self, *, sku: str, code: str, expiry: datetime | None, received_at: datetime | None,
                   said: bool = False) -> None:
        """The lot, made if new; ``said``: its expiry is the one said now (批号M1,保质期到6月20日), even if it was
        known to be another."""
        ins = _insert(self.s)(t.Lot).values(tenant_id=self.tid, sku=sku, code=code, expiry=expiry,
                                            received_at=received_at)
        self.s.execute(ins.on_conflict_do_update(index_elements=["tenant_id", "sku", "code"], set_={"expiry": expiry})
                       if said else ins.on_conflict_do_nothing())

    def record(self, moves: Sequence[ledger.Move]) -> list[int]:
        """Append moves and update the level projection in the same transaction."""
        ids = []
        conn = self.s.connection()
        for m in moves:
            # at the store's scale, as the chain seals them and as the store would round them anyway
            row = conn.execute(_INSERT_MOVE, {
                "tenant_id": self.tid, "batch": m.batch, "kind": m.kind.value, "sku": m.sku, "qty": chain.stored(m.qty),
                "src": m.src, "dst": m.dst, "lot": m.lot, "unit_cost": chain.stored(m.unit_cost),
                "unit_price": chain.stored(m.unit_price),
                "partner": m.partner, "actor": m.actor, "at": m.at, "message_id": m.message_id,
                "reverses": m.reverses, "order_id": m.order_id, "note": m.note, "method": m.method}).one()
            ids.append(int(row.id))
            # sealed as read back: what verification will read, whatever the database did to the values
            self._unsealed.append(replace(m, id=int(row.id), qty=dec(row.qty), unit_cost=opt_dec(row.unit_cost),
                                          unit_price=opt_dec(row.unit_price), at=row.at))
            for loc, delta in m.deltas():
                conn.execute(_BUMP, {"tenant_id": self.tid, "location": loc, "sku": m.sku, "lot": m.lot, "qty": delta})
        return ids

    # ------------------------------------------------------------ the hash chain (domain/chain.py)
    def _head(self, *, lock: bool) -> tuple[int, str]:
        count, head, _, _ = _ledger_head(self.s, self.tid, lock=lock)
        return count, head

    def orders_written(self) -> set[int]:
        """The orders the moves written in this transaction went against (a receipt, a sale, a work order's)."""
        return {m.order_id for m in self._unsealed if m.order_id is not None}

    def seal(self) -> int:
        """Give the moves this transaction wrote their place and hash in the tenant's chain; the last thing
        before commit. The head's row lock (PostgreSQL; SQLite's writes are serialized already) is the last
        lock a writer takes, so it orders the chain without deadlocking with the products' locks. A move
        written around the unit of work is never sealed: verification reports it. Returns how many were."""
        if not self._unsealed:
            return 0
        conn = self.s.connection()
        count, prev = self._head(lock=True)
        params = []
        for m in self._unsealed:
            count += 1
            prev = chain.link(prev, m)
            params.append({"mid": m.id, "s": count, "h": prev})
        conn.execute(_SEAL, params)
        conn.execute(_HEAD_SET, {"tenant_id": self.tid, "count": count, "hash": prev})
        self._unsealed = []
        return len(params)

    def forget(self) -> None:
        """The transaction was rolled back: what it wrote is gone, and so is any need to seal it."""
        self._unsealed = []

    def seals(self) -> dict[int, tuple[int | None, str | None]]:
        """Every move's (place in the chain, hash), by id: for the moves' export."""
        rows = self.s.execute(select(_MOVE.id, _MOVE.seq, _MOVE.chain).where(_MOVE.tenant_id == self.tid)).all()
        return {int(i): (q, h) for i, q, h in rows}

    def chain_head(self) -> tuple[int, str]:
        """(how many moves are sealed, the last hash): the fingerprint of the ledger now, read without a walk."""
        return self._head(lock=False)

    def verify_chain(self, anchors: Iterable[tuple[int, str]] = (), *, chunk: int = 5000) -> chain.Verdict:
        """Walk the tenant's chain from its first move, recomputing every hash (in chunks: constant memory)."""
        count, head = self._head(lock=False)
        return _walk(self.s, self.tid, _MOVE, move_of, chain.Walker(anchors), head=(count, head), chunk=chunk)

    # ------------------------------------------------------------ lots (domain/trace.py)
    def lot_moves(self, sku: str, lot: str) -> list[ledger.Move]:
        """Every move of one product's lot, undoings included, oldest first (by the (tenant, sku, lot) index)."""
        rows = self.s.execute(select(*_MOVE).where(_MOVE.tenant_id == self.tid, _MOVE.sku == sku, _MOVE.lot == lot)
                              .order_by(_MOVE.id)).all()
        return [move_of(r) for r in rows]

    def lots_moves(self, sku: str, lots: Iterable[str]) -> dict[str, list[ledger.Move]]:
        """Every move of each of these lots of one product (its units by serial, read at once), undoings included,
        oldest first; a lot without any maps to []."""
        wanted = list(dict.fromkeys(lots))
        out: dict[str, list[ledger.Move]] = {lot: [] for lot in wanted}
        if wanted:
            rows = self.s.execute(select(*_MOVE).where(_MOVE.tenant_id == self.tid, _MOVE.sku == sku,
                                                       _MOVE.lot.in_(wanted)).order_by(_MOVE.id)).all()
            for r in rows:
                m = move_of(r)
                out[m.lot].append(m)
        return out

    def batches_moves(self, batches: Iterable[str]) -> list[ledger.Move]:
        wanted = sorted(set(batches))
        if not wanted:
            return []
        rows = self.s.execute(select(*_MOVE).where(_MOVE.tenant_id == self.tid, _MOVE.batch.in_(wanted))
                              .order_by(_MOVE.id)).all()
        return [move_of(r) for r in rows]

    def lot_skus(self, lot: str) -> list[str]:
        """The products that have a lot of this code (批号A123 said without its product)."""
        rows = self.s.execute(select(_MOVE.sku).where(_MOVE.tenant_id == self.tid, _MOVE.lot == lot)
                              .group_by(_MOVE.sku).order_by(_MOVE.sku)).scalars()
        return list(rows)

    def lots_came(self, start: datetime, end: datetime, *, location: str | None = None
                  ) -> list[tuple[str, str, datetime, str | None]]:
        """The lots that came in (received or made) between ``start`` and ``end`` (at ``location``; everywhere: None),
        undone ones left out: (sku, lot, when, from whom), in the order they came."""
        came = [ledger.MoveKind.RECEIPT.value, ledger.MoveKind.PRODUCTION.value]
        undone = select(_MOVE.reverses).where(_MOVE.tenant_id == self.tid, _MOVE.reverses.is_not(None))
        where = [_MOVE.tenant_id == self.tid, _MOVE.kind.in_(came), _MOVE.at >= start, _MOVE.at < end,
                 _MOVE.lot != "", _MOVE.reverses.is_(None), _MOVE.id.not_in(undone)]
        if location is not None:
            where.append(_MOVE.dst == location)
        rows = self.s.execute(select(_MOVE.sku, _MOVE.lot, func.min(_MOVE.at), func.min(_MOVE.partner)).where(*where)
                              .group_by(_MOVE.sku, _MOVE.lot).order_by(func.min(_MOVE.at), _MOVE.sku)).all()
        return [(s, lot, at if at.tzinfo else at.replace(tzinfo=UTC), p) for s, lot, at, p in rows]

    def lots_of(self, sku: str, *, limit: int = 8) -> list[tuple[str, datetime, str | None, str]]:
        """A product's lots, newest first, for picking one to trace: (code, when it first came in, from whom, how:
        the kind of its first move in, ``receipt`` · ``production`` · ``opening``)."""
        came = [k.value for k in (ledger.MoveKind.RECEIPT, ledger.MoveKind.PRODUCTION, ledger.MoveKind.OPENING)]
        rows = self.s.execute(select(_MOVE.lot, func.min(_MOVE.at), func.min(_MOVE.partner), func.max(_MOVE.kind))
                              .where(_MOVE.tenant_id == self.tid, _MOVE.sku == sku, _MOVE.lot != "",
                                     _MOVE.kind.in_(came), _MOVE.reverses.is_(None))
                              .group_by(_MOVE.lot).order_by(func.min(_MOVE.at).desc(), _MOVE.lot.desc())
                              .limit(limit)).all()
        return [(lot, at if at.tzinfo else at.replace(tzinfo=UTC), partner, kind) for lot, at, partner, kind in rows]

    def lot_expiry(self, sku: str, lot: str) -> datetime | None:
        return self.s.execute(select(t.Lot.expiry).where(t.Lot.tenant_id == self.tid, t.Lot.sku == sku,
                                                         t.Lot.code == lot)).scalar()

    def lot_places(self, sku: str, lot: str) -> list[str]:
        """The physical places that hold some of a lot now (the level projection), by code."""
        rows = self.s.execute(select(t.StockLevel.location).where(
            t.StockLevel.tenant_id == self.tid, t.StockLevel.sku == sku, t.StockLevel.lot == lot, t.StockLevel.qty > 0,
            ~t.StockLevel.location.startswith("~")).order_by(t.StockLevel.location)).scalars()
        return list(rows)

    def lot_readings(self, sku: str, lot: str) -> list[tuple[str, int, Decimal, Decimal, datetime, datetime]]:
        """The sensors' readings on a lot (MQTT), per metric: (metric, how many, lowest, highest, first, last)."""
        r = t.LotReading.__table__.c
        rows = self.s.execute(select(r.metric, func.count(), func.min(r.value), func.max(r.value), func.min(r.at),
                                     func.max(r.at)).where(r.tenant_id == self.tid, r.sku == sku, r.lot == lot)
                              .group_by(r.metric).order_by(r.metric)).all()
        return [(m, int(n), dec(lo), dec(hi), a, b) for m, n, lo, hi, a, b in rows]

    def lot_seals(self, sku: str, lot: str) -> tuple[int, int]:
        """(agree, disagree): each of the lot's moves checked against the chain's link before it (its own hash
        recomputed from its content and the stored hash of the move sealed just before it). No walk of the chain."""
        prev = t.Move.__table__.alias("prev")
        rows = self.s.execute(select(*_MOVE, prev.c.chain.label("prev_chain")).select_from(
            t.Move.__table__.outerjoin(prev, and_(prev.c.tenant_id == _MOVE.tenant_id, prev.c.seq == _MOVE.seq - 1)))
            .where(_MOVE.tenant_id == self.tid, _MOVE.sku == sku, _MOVE.lot == lot)).all()
        good = 0
        for r in rows:
            before = chain.GENESIS if r.seq == 1 else r.prev_chain
            good += r.chain is not None and before is not None and chain.link(before, move_of(r)) == r.chain
        return good, len(rows) - good

    def batch(self, batch: str) -> list[ledger.Move]:
        rows = self.s.exec(select(t.Move).where(t.Move.tenant_id == self.tid, t.Move.batch == batch)
                           .order_by(t.Move.id)).all()
        return [move_of(r[0]) for r in rows]

    def receipt_costs(self, sku: str, *, limit: int = 30) -> list[tuple[Decimal, Decimal]]:
        """(quantity, cost per base unit) of the latest receipts of ``sku`` that name a cost and stand (not undone)."""
        return self.receipt_costs_of([sku], limit=limit).get(sku, [])

    def receipt_costs_of(self, skus: Iterable[str] | None = None, *, limit: int = 30,
                         kind: ledger.MoveKind = ledger.MoveKind.RECEIPT) -> dict[str, list[tuple[Decimal, Decimal]]]:
        """``receipt_costs`` of these products (all: None) in one query: sku → its latest ``limit`` receipts (``kind``
        production: what work orders made, at what each cost to make)."""
        undone = select(t.Move.reverses).where(t.Move.tenant_id == self.tid, t.Move.reverses.is_not(None))
        where = [t.Move.tenant_id == self.tid, t.Move.kind == kind.value,
                 t.Move.unit_cost.is_not(None), t.Move.reverses.is_(None), t.Move.id.not_in(undone)]
        if skus is not None:
            where.append(t.Move.sku.in_(list(skus)))
        ranked = select(t.Move.sku, t.Move.qty, t.Move.unit_cost, t.Move.id, func.row_number().over(
            partition_by=t.Move.sku, order_by=t.Move.id.desc()).label("n")).where(*where).subquery()
        rows = self.s.execute(select(ranked.c.sku, ranked.c.qty, ranked.c.unit_cost).where(ranked.c.n <= limit)
                              .order_by(ranked.c.sku, ranked.c.id.desc())).all()
        out: dict[str, list[tuple[Decimal, Decimal]]] = {}
        for sku, q, c in rows:
            out.setdefault(sku, []).append((dec(q), dec(c)))
        return out

    def lot_costs(self, pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], Decimal]:
        """What each (sku, lot) came in at per base unit: its receipts', work orders' or opening entries' cost that
        stand (not undone), weighted by quantity; lots that came without a cost are left out."""
        wanted = {(s, lot) for s, lot in pairs if lot}
        if not wanted:
            return {}
        undone = select(t.Move.reverses).where(t.Move.tenant_id == self.tid, t.Move.reverses.is_not(None))
        kinds = [ledger.MoveKind.RECEIPT.value, ledger.MoveKind.PRODUCTION.value, ledger.MoveKind.OPENING.value]
        rows = self.s.execute(select(t.Move.sku, t.Move.lot, t.Move.qty, t.Move.unit_cost).where(
            t.Move.tenant_id == self.tid, t.Move.kind.in_(kinds), t.Move.unit_cost.is_not(None),
            t.Move.reverses.is_(None), t.Move.id.not_in(undone), t.Move.sku.in_({s for s, _ in wanted}),
            t.Move.lot.in_({lot for _, lot in wanted}))).all()
        sums: dict[tuple[str, str], tuple[Decimal, Decimal]] = {}
        for sku, lot, q, c in rows:
            if (sku, lot) in wanted:
                q0, v0 = sums.get((sku, lot), (Decimal(0), Decimal(0)))
                sums[sku, lot] = (q0 + dec(q), v0 + dec(q) * dec(c))
        return {k: v / q for k, (q, v) in sums.items() if q > 0}

    def lot_received(self, pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], datetime]:
        """When each (sku, lot) first came in (its lot's ``received_at``); lots without one are left out."""
        wanted = {(s, lot) for s, lot in pairs if lot}
        if not wanted:
            return {}
        rows = self.s.execute(select(t.Lot.sku, t.Lot.code, t.Lot.received_at).where(
            t.Lot.tenant_id == self.tid, t.Lot.received_at.is_not(None), t.Lot.sku.in_({s for s, _ in wanted}),
            t.Lot.code.in_({lot for _, lot in wanted}))).all()
        return {(sku, code): at for sku, code, at in rows if (sku, code) in wanted}

    def first_in(self, location: str) -> dict[tuple[str, str], datetime]:
        """When each (sku, lot) first came into ``location`` by a move that stands (a receipt, a transfer, the
        opening stock …)."""
        undone = select(t.Move.reverses).where(t.Move.tenant_id == self.tid, t.Move.reverses.is_not(None))
        rows = self.s.execute(select(t.Move.sku, t.Move.lot, func.min(t.Move.at)).where(
            t.Move.tenant_id == self.tid, t.Move.dst == location, t.Move.reverses.is_(None),
            t.Move.id.not_in(undone)).group_by(t.Move.sku, t.Move.lot)).all()
        return {(sku, lot or ""): at if at.tzinfo is not None else at.replace(tzinfo=UTC) for sku, lot, at in rows}

    def is_reversed(self, batch: str) -> bool:
        ids = select(t.Move.id).where(t.Move.tenant_id == self.tid, t.Move.batch == batch)
        n = self.s.execute(select(func.count()).select_from(t.Move).where(
            t.Move.tenant_id == self.tid, t.Move.reverses.in_(ids))).scalar()
        return bool(n)

    def last_was_undo(self, actor: str) -> bool:
        """The actor's latest move reverses another: what they did last was an undo."""
        rev = self.s.execute(select(t.Move.reverses).where(t.Move.tenant_id == self.tid, t.Move.actor == actor)
                             .order_by(t.Move.id.desc()).limit(1)).scalar()
        return rev is not None

    def recent_batches(self, actor: str | Sequence[str], *, limit: int = 10) -> list[str]:
        """The actor's (or actors') latest batches that are not reversals, newest first."""
        who = [actor] if isinstance(actor, str) else list(actor)
        rows = self.s.execute(select(t.Move.batch, func.max(t.Move.id)).where(
            t.Move.tenant_id == self.tid, t.Move.actor.in_(who), t.Move.reverses.is_(None))
            .group_by(t.Move.batch).order_by(func.max(t.Move.id).desc()).limit(limit)).all()
        return [str(b) for b, _ in rows]

    def batches_between(self, actor: str, start: datetime, end: datetime, *, limit: int = 50,
                        kinds: Sequence[str] = (), sku: str | None = None, partner: str | None = None) -> list[str]:
        """The actor's batches with a move dated in [start, end) (of one of ``kinds``, of ``sku``, with ``partner``,
        when given) that are not reversals and stand (not undone), newest first."""
        undone = select(t.Move.reverses).where(t.Move.tenant_id == self.tid, t.Move.reverses.is_not(None))
        undone_batches = select(t.Move.batch).where(t.Move.tenant_id == self.tid, t.Move.id.in_(undone))
        stmt = select(t.Move.batch, func.max(t.Move.id)).where(
            t.Move.tenant_id == self.tid, t.Move.actor == actor, t.Move.reverses.is_(None),
            t.Move.at >= start, t.Move.at < end, t.Move.batch.not_in(undone_batches))
        if kinds:
            stmt = stmt.where(t.Move.kind.in_(list(kinds)))
        if sku is not None:
            stmt = stmt.where(t.Move.sku == sku)
        if partner is not None:
            stmt = stmt.where(t.Move.partner == partner)
        rows = self.s.execute(stmt.group_by(t.Move.batch).order_by(func.max(t.Move.id).desc()).limit(limit)).all()
        return [str(b) for b, _ in rows]

    def last_batch(self, actor: str) -> str | None:
        """The actor's latest batch that is not a reversal and has not been reversed."""
        rows = self.s.execute(select(t.Move.batch, t.Move.reverses).where(
            t.Move.tenant_id == self.tid, t.Move.actor == actor).order_by(t.Move.id.desc()).limit(200)).all()
        seen: set[str] = set()
        for b, rev in rows:
            if b in seen:
                continue
            seen.add(b)
            if rev is None and not self.is_reversed(b):
                return str(b)
        return None

    def all_levels(self, *, physical_only: bool = True) -> list[tuple[str, str, str, Decimal, datetime | None]]:
        stmt = (select(t.StockLevel.location, t.StockLevel.sku, t.StockLevel.lot, t.StockLevel.qty, t.Lot.expiry)
                .select_from(t.StockLevel)
                .outerjoin(t.Lot, and_(t.Lot.tenant_id == t.StockLevel.tenant_id, t.Lot.sku == t.StockLevel.sku,
                                       t.Lot.code == t.StockLevel.lot))
                .where(t.StockLevel.tenant_id == self.tid)
                .order_by(t.StockLevel.location, t.StockLevel.sku, t.StockLevel.lot))
        out = []
        for loc, sku, lot, q, exp in self.s.execute(stmt).all():
            if physical_only and loc.startswith("~"):
                continue
            out.append((loc, sku, lot or "", dec(q), exp))
        return out

    def moves(self, *, since: datetime | None = None, kinds: Iterable[str] | None = None,
              until: datetime | None = None, partner: str | None = None) -> list[ledger.Move]:
        """Moves at ``since`` or later (and before ``until``; of ``partner`` alone when given), oldest id first."""
        stmt = select(t.Move).where(t.Move.tenant_id == self.tid)
        if partner is not None:
            stmt = stmt.where(t.Move.partner == partner)
        if since is not None:
            stmt = stmt.where(t.Move.at >= since)
        if until is not None:
            stmt = stmt.where(t.Move.at < until)
        if kinds is not None:
            stmt = stmt.where(t.Move.kind.in_(list(kinds)))
        return [move_of(r[0]) for r in self.s.execute(stmt.order_by(t.Move.id)).all()]

    def standing(self, moves: Iterable[ledger.Move]) -> list[ledger.Move]:
        """These moves as they stand, in their order: neither undoings nor undone (whenever undone: it never
        happened)."""
        kept = [m for m in moves if m.reverses is None]
        undone = self.reversed_ids(m.id for m in kept if m.id is not None)
        return [m for m in kept if m.id not in undone]

    def reversed_ids(self, ids: Iterable[int]) -> set[int]:
        """Which of these moves a later move reverses (undone), by the indexed ``reverses`` column."""
        wanted = list(ids)
        if not wanted:
            return set()
        stmt = select(t.Move.reverses).where(t.Move.tenant_id == self.tid, t.Move.reverses.in_(wanted))
        return {int(r[0]) for r in self.s.execute(stmt).all()}

    def moves_of_order(self, order_id: int) -> list[ledger.Move]:
        rows = self.s.execute(select(t.Move).where(t.Move.tenant_id == self.tid, t.Move.order_id == order_id)
                              .order_by(t.Move.id)).scalars()
        return [move_of(r) for r in rows]

    def noted(self, fragment: str, *, limit: int = 50) -> list[ledger.Move]:
        """Moves (not reversals) whose note holds ``fragment`` (a delivery note's number or picture), newest first."""
        like = _escaped(fragment)
        rows = self.s.execute(select(t.Move).where(t.Move.tenant_id == self.tid, t.Move.reverses.is_(None),
                                                   t.Move.note.like(f"%{like}%", escape="\\"))
                              .order_by(t.Move.id.desc()).limit(limit)).scalars()
        return [move_of(r) for r in rows]

    def moves_at(self, location: str, *, since: datetime, sku: str | None = None) -> list[ledger.Move]:
        """Every move into or out of ``location`` at ``since`` or later (of ``sku``), undoings included, oldest first."""
        stmt = select(t.Move).where(t.Move.tenant_id == self.tid, t.Move.at >= since,
                                    or_(t.Move.src == location, t.Move.dst == location))
        if sku is not None:
            stmt = stmt.where(t.Move.sku == sku)
        return [move_of(r) for r in self.s.execute(stmt.order_by(t.Move.id)).scalars()]

    def recent_moves(self, sku: str, *, limit: int = 30) -> list[ledger.Move]:
        rows = self.s.execute(select(t.Move).where(t.Move.tenant_id == self.tid, t.Move.sku == sku,
                                                   t.Move.reverses.is_(None))
                              .order_by(t.Move.id.desc()).limit(limit)).scalars()
        return [move_of(r) for r in rows]

    def last_sale(self, *, location: str | None, sku: str) -> datetime | None:
        """When ``sku`` last sold (from ``location``), not undone."""
        return self._last_at(ledger.MoveKind.SALE, sku, t.Move.src, location)

    def last_receipt(self, *, location: str | None, sku: str) -> datetime | None:
        """When goods of ``sku`` last came in from a supplier (to ``location``), not undone."""
        return self._last_at(ledger.MoveKind.RECEIPT, sku, t.Move.dst, location)

    def _last_at(self, kind: ledger.MoveKind, sku: str, side: Any, location: str | None) -> datetime | None:
        """The time of the latest move of ``kind`` of ``sku`` that stands (its ``side``, src or dst, at ``location``)."""
        stmt = select(func.max(t.Move.at)).where(t.Move.tenant_id == self.tid, t.Move.sku == sku,
                                                 t.Move.kind == kind.value, t.Move.reverses.is_(None))
        if location:
            stmt = stmt.where(side == location)
        at = self.s.execute(stmt).scalar()
        if at is not None and at.tzinfo is None:
            from datetime import UTC
            at = at.replace(tzinfo=UTC)
        return at

    def last_sales(self, *, since: datetime | None = None, kinds: tuple[str, ...] = (ledger.MoveKind.SALE.value,)
                   ) -> dict[tuple[str, str], datetime]:
        """Latest sale (or move of ``kinds`` out of a place) per (location, sku); with ``since`` only the pairs that
        sold after it (an index range)."""
        stmt = select(t.Move.src, t.Move.sku, func.max(t.Move.at)).where(
            t.Move.tenant_id == self.tid, t.Move.kind.in_(kinds), t.Move.reverses.is_(None))
        if since is not None:
            stmt = stmt.where(t.Move.at > since)
        rows = self.s.execute(stmt.group_by(t.Move.src, t.Move.sku)).all()
        out = {}
        for loc, sku, at in rows:
            if at is not None and at.tzinfo is None:
                from datetime import UTC
                at = at.replace(tzinfo=UTC)
            out[(loc, sku)] = at
        return out

    def daily_sales(self, *, location: str | None, sku: str, since: datetime, demand: bool = False
                    ) -> list[tuple[datetime, Decimal]]:
        """Net sale moves (sales minus reversals) with their times, for statistics; ``demand``: with what recipes
        used of it (the milk in the lattes sold), the demand a forecast learns from."""
        return self.sales_by_sku(location=location, since=since, sku=sku, demand=demand).get(sku, [])

    def sales_by_sku(self, *, location: str | None, since: datetime, sku: str | None = None, demand: bool = False
                     ) -> dict[str, list[tuple[datetime, Decimal]]]:
        """``daily_sales`` of every product (or one) in one query: sku → [(time, net qty)]."""
        out: dict[str, list[tuple[datetime, Decimal]]] = {}
        for s, at, q, _price in self._net_sales(location=location, since=since, sku=sku, demand=demand):
            out.setdefault(s, []).append((at, q))
        return out

    def priced_sales(self, *, location: str | None, since: datetime) -> dict[str, list[tuple[datetime, Decimal, Decimal]]]:
        """Sale moves that carry the price said on them (卖了可颂5个,每个12元): sku → [(time, net qty, unit price)],
        a reversal negative as in ``sales_by_sku``."""
        out: dict[str, list[tuple[datetime, Decimal, Decimal]]] = {}
        for s, at, q, price in self._net_sales(location=location, since=since, priced=True):
            out.setdefault(s, []).append((at, q, dec(price)))
        return out

    def _net_sales(self, *, location: str | None, since: datetime, sku: str | None = None, priced: bool = False,
                   demand: bool = False) -> list[tuple[str, datetime, Decimal, Any]]:
        """Sale moves at ``location`` (everywhere: None) since then as (sku, time, qty, unit price), a reversal's qty
        negative, and a customer's return as a sale's reversal (客人退了一个充电宝: net sales fall by it); ``priced``:
        only those that carry a price; ``demand``: and what recipes used (dependent demand)."""
        sold: Any = t.Move.kind.in_([ledger.MoveKind.SALE.value, ledger.MoveKind.CUSTOMER_RETURN.value])
        if demand:
            sold = or_(sold, and_(t.Move.kind == ledger.MoveKind.CONSUMPTION.value, t.Move.note.like(f"{bom.NOTE}%")))
        stmt = select(t.Move.sku, t.Move.at, t.Move.qty, t.Move.src, t.Move.dst, t.Move.unit_price).where(
            t.Move.tenant_id == self.tid, sold, t.Move.at >= since)
        if sku is not None:
            stmt = stmt.where(t.Move.sku == sku)
        if priced:
            stmt = stmt.where(t.Move.unit_price.is_not(None))
        # (a work order's materials are used from its work in progress: the store's ~WIP:<store>, see production.wip)
        return [(s, at, (Decimal(1) if dst.startswith("~") and not dst.startswith(production.WIP) else Decimal(-1))
                 * dec(q), price)
                for s, at, q, src, dst, price in self.s.execute(stmt).all()
                if location is None or _at(src, location) or _at(dst, location)]


def _at(loc: str, location: str) -> bool:
    """``loc`` is the store ``location`` or its work in progress (read for every sale of a history: kept cheap)."""
    return loc == location or (loc.startswith(production.WIP) and production.store_of(loc) == location)


# ---------------------------------------------------------------- orders
def order_of(r: t.Order, lines: list[t.OrderLine]) -> orders.Order:
    return orders.Order(kind=orders.OrderKind(r.kind), status=orders.Status(r.status), created_at=r.created_at,
                        lines=tuple(orders.OrderLine(sku=ln.sku, qty=dec(ln.qty), unit_price=opt_dec(ln.unit_price),
                                                     received=dec(ln.received)) for ln in lines),
                        location=r.location, source=r.source, partner=r.partner, due=r.due, created_by=r.created_by,
                        approved_by=r.approved_by, note=r.note or "", id=r.number, meta=dict(r.meta or {}))


class OrderRepo(_Repo):
    def __init__(self, session: Session, tid: int) -> None:
        super().__init__(session, tid)
        self.touched: set[int] = set()   # added or saved in this transaction (what the network may need to hear)

    # An order's id in the domain is the company's number for it (``t.Order.number``); its lines join the row.
    def add(self, o: orders.Order) -> int:
        """Keep a new order under the company's next number, and return it."""
        number = self._next_number(t.Order)
        row = t.Order(tenant_id=self.tid, number=number, kind=o.kind.value, status=o.status.value,
                      location=o.location, source=o.source, partner=o.partner, due=o.due, created_by=o.created_by,
                      approved_by=o.approved_by, created_at=o.created_at, note=o.note, meta=dict(o.meta))
        self.s.add(row)
        self.s.flush()
        assert row.id is not None
        self._write_lines(row.id, o.lines)
        self.touched.add(number)
        return number

    def _write_lines(self, row_id: int, lines: Iterable[orders.OrderLine]) -> None:
        for ln in lines:
            self.s.add(t.OrderLine(order_id=row_id, sku=ln.sku, qty=ln.qty, unit_price=ln.unit_price,
                                   received=ln.received))
        self.s.flush()

    def get(self, order_id: int, *, lock: bool = False) -> orders.Order | None:
        """The company's order of that number."""
        stmt = select(t.Order).where(t.Order.tenant_id == self.tid, t.Order.number == order_id)
        if lock and self.s.get_bind().dialect.name == "postgresql":
            stmt = stmt.with_for_update()
        r = self.s.execute(stmt).scalars().first()
        if r is None:
            return None
        lines = list(self.s.execute(select(t.OrderLine).where(t.OrderLine.order_id == r.id)
                                    .order_by(t.OrderLine.id)).scalars())
        return order_of(r, lines)

    def save(self, o: orders.Order) -> None:
        assert o.id is not None
        self.touched.add(o.id)
        row_id = self.s.execute(update(t.Order).where(t.Order.tenant_id == self.tid, t.Order.number == o.id).values(
            status=o.status.value, approved_by=o.approved_by, due=o.due, meta=dict(o.meta), note=o.note
        ).returning(t.Order.id)).scalar_one()
        self.s.execute(delete(t.OrderLine).where(t.OrderLine.order_id == row_id))
        self._write_lines(row_id, o.lines)

    def list(self, *, kinds: Iterable[str] | None = None, statuses: Iterable[str] | None = None,
             created_by: str | None = None, since: datetime | None = None, partner: str | None = None
             ) -> list[orders.Order]:
        """Orders of these kinds and statuses (placed by ``created_by``, at ``since`` or later, with ``partner``),
        oldest first."""
        stmt = select(t.Order).where(t.Order.tenant_id == self.tid)
        if partner is not None:
            stmt = stmt.where(t.Order.partner == partner)
        if created_by is not None:
            stmt = stmt.where(t.Order.created_by == created_by)
        if since is not None:
            stmt = stmt.where(t.Order.created_at >= since)
        if kinds is not None:
            stmt = stmt.where(t.Order.kind.in_(list(kinds)))
        if statuses is not None:
            stmt = stmt.where(t.Order.status.in_(list(statuses)))
        rows = list(self.s.execute(stmt.order_by(t.Order.id)).scalars())
        if not rows:
            return []
        lines: dict[int, list[t.OrderLine]] = {}
        for ln in self.s.execute(select(t.OrderLine).where(
                t.OrderLine.order_id.in_([r.id for r in rows])).order_by(t.OrderLine.id)).scalars():
            lines.setdefault(ln.order_id, []).append(ln)
        return [order_of(r, lines.get(r.id or 0, [])) for r in rows]

    def last_location(self, kind: str, partner: str) -> str | None:
        """Where the partner's latest order of that kind was placed (None: it has none with a place)."""
        return self.s.execute(select(t.Order.location).where(
            t.Order.tenant_id == self.tid, t.Order.kind == kind, t.Order.partner == partner,
            t.Order.location.is_not(None)).order_by(t.Order.id.desc()).limit(1)).scalar()


# ---------------------------------------------------------------- payments
def _payment_of(r: t.Payment) -> accounts.Payment:
    return accounts.Payment(partner=r.partner, amount=dec(r.amount), at=r.at, actor=r.actor, note=r.note or "",
                            reverses=r.reverses, id=r.number, method=r.method)


_RECIPE_NOW = select(t.Recipe).where(t.Recipe.tenant_id == bindparam("tid"), t.Recipe.sku == bindparam("sku")
                                     ).order_by(t.Recipe.version.desc()).limit(1)


class RecipeRepo(_Repo):
    """Recipes by version; the newest of a product is the one in use (none when it has none or was taken away)."""

    def current(self, sku: str) -> bom.Recipe | None:
        """Asked once for every product sold or made: a statement built once, its compiled form cached."""
        r = self.s.execute(_RECIPE_NOW, {"tid": self.tid, "sku": sku}).scalars().first()
        return _recipe_of(r) if r is not None and r.components else None

    def all_current(self) -> dict[str, bom.Recipe]:
        """Each product's recipe in use."""
        newest: dict[str, t.Recipe] = {}
        for r in self.s.execute(select(t.Recipe).where(t.Recipe.tenant_id == self.tid)
                                .order_by(t.Recipe.version)).scalars():
            newest[r.sku] = r
        return {sku: _recipe_of(r) for sku, r in newest.items() if r.components}

    def version(self, sku: str, version: int) -> bom.Recipe | None:
        """That version of ``sku``'s recipe (None: no such version, or one that took it away)."""
        r = self.s.execute(select(t.Recipe).where(t.Recipe.tenant_id == self.tid, t.Recipe.sku == sku,
                                                  t.Recipe.version == version)).scalars().first()
        return _recipe_of(r) if r is not None and r.components else None

    def latest_version(self, sku: str) -> int:
        v = self.s.execute(select(func.max(t.Recipe.version)).where(t.Recipe.tenant_id == self.tid,
                                                                    t.Recipe.sku == sku)).scalar()
        return int(v or 0)

    def add(self, recipe: bom.Recipe | None, *, sku: str, at: datetime, actor: str | None) -> int:
        """A new version of ``sku``'s recipe (``recipe`` None: taken away); its number."""
        version = self.latest_version(sku) + 1
        self.s.add(t.Recipe(tenant_id=self.tid, sku=sku, version=version, at=at, actor=actor,
                            yields=recipe.yields if recipe else Decimal(1),
                            components=[[c.sku, str(c.qty), *([[[x.sku, str(x.qty)] for x in c.substitutes]]
                                                              if c.substitutes else [])]
                                        for c in recipe.components] if recipe else [],
                            operations=[op.stored() for op in recipe.operations] if recipe else []))
        self.s.flush()
        return version


def _recipe_of(r: t.Recipe) -> bom.Recipe:
    return bom.Recipe(sku=r.sku, yields=dec(r.yields), version=r.version, components=tuple(
        bom.Component(sku=c[0], qty=Decimal(c[1]), substitutes=tuple(
            bom.Component(sku=x[0], qty=Decimal(x[1])) for x in (c[2] if len(c) > 2 else ()))) for c in r.components),
        operations=tuple(bom.Operation.of(op) for op in (r.operations or [])))


class QuoteRepo(_Repo):
    def add(self, q: quotes.Quote) -> int:
        """Keep a quotation under the company's next number (``q.id`` is ignored), and return it."""
        row = t.Quote(tenant_id=self.tid, number=self._next_number(t.Quote), partner=q.partner,
                      lines=quotes.rows(q.lines), created_at=q.created_at,
                      valid_until=q.valid_until, created_by=q.created_by)
        self.s.add(row)
        self.s.flush()
        return row.number

    def get(self, quote_id: int) -> quotes.Quote | None:
        r = self._numbered(t.Quote, quote_id)
        return _quote_of(r) if r is not None else None

    def list(self, *, partner: str | None = None, limit: int = 20) -> list[quotes.Quote]:
        """The latest quotations first (``partner``'s alone when given)."""
        stmt = select(t.Quote).where(t.Quote.tenant_id == self.tid)
        if partner is not None:
            stmt = stmt.where(t.Quote.partner == partner)
        return [_quote_of(r) for r in self.s.execute(stmt.order_by(t.Quote.number.desc()).limit(limit)).scalars()]

    def ordered(self, quote_id: int, order_id: int, *, replacing: int | None = None) -> None:
        """The quotation became that order (it can become no other; ``replacing``: the order it became before, which
        will not ship, and only that one)."""
        r = self._numbered(t.Quote, quote_id)
        if r is None or r.order_id != replacing:
            raise errors.InvalidState(code="quote_ordered", id=quote_id, order=r.order_id if r is not None else "")
        r.order_id = order_id
        self.s.add(r)
        self.s.flush()


    def revise(self, quote_id: int, lines: tuple[quotes.QuoteLine, ...], valid_until: datetime) -> None:
        """The quotation's goods and prices said again, and the day it holds to (refused once it became an order)."""
        r = self._numbered(t.Quote, quote_id)
        if r is None:
            raise errors.NotFound(code="quote_not_found", id=quote_id)
        r.lines = quotes.rows(lines)
        r.valid_until = valid_until
        r.order_id = None   # (the order it became, if any, will not ship: the caller checked)
        self.s.add(r)
        self.s.flush()


def _quote_of(r: t.Quote) -> quotes.Quote:
    return quotes.Quote(id=r.number, partner=r.partner, created_at=r.created_at, valid_until=r.valid_until,
                        created_by=r.created_by, order_id=r.order_id,
                        lines=tuple(quotes.QuoteLine(sku, Decimal(q), Decimal(p)) for sku, q, p in r.lines or ()))


class RepairRepo(_Repo):
    def add(self, r: repairs.Repair) -> int:
        """Keep a repair ticket under the company's next number (``r.id`` is ignored), and return it."""
        row = t.Repair(tenant_id=self.tid, number=self._next_number(t.Repair), sku=r.sku)
        self._fill(row, r)
        self.s.add(row)
        self.s.flush()
        return row.number

    def save(self, r: repairs.Repair) -> None:
        row = self._numbered(t.Repair, r.id or 0)
        if row is None:
            raise errors.NotFound(code="repair_not_found", id=r.id)
        self._fill(row, r)
        self.s.flush()

    @staticmethod
    def _fill(row: t.Repair, r: repairs.Repair) -> None:
        row.sku, row.serial, row.new_serial, row.partner, row.supplier = r.sku, r.serial, r.new_serial, r.partner, r.supplier
        row.location, row.fault, row.status, row.fee, row.in_warranty = r.location, r.fault, r.status.value, r.fee, r.in_warranty
        row.outcome = r.outcome.value if r.outcome is not None else None
        row.created_at = r.created_at or row.created_at
        row.created_by, row.steps = r.created_by, [list(x) for x in r.steps]

    def get(self, repair_id: int) -> repairs.Repair | None:
        r = self._numbered(t.Repair, repair_id)
        return _repair_of(r) if r is not None else None

    def by_serial(self, code: str) -> list[repairs.Repair]:
        """The tickets of the unit of that serial (or replaced by it), newest first."""
        rows = self.s.execute(select(t.Repair).where(t.Repair.tenant_id == self.tid, or_(
            t.Repair.serial == code, t.Repair.new_serial == code)).order_by(t.Repair.number.desc())).scalars()
        return [_repair_of(r) for r in rows]

    def list(self, *, open_only: bool = True, limit: int = 50) -> list[repairs.Repair]:
        """The tickets not yet collected (every one, ``open_only`` False), oldest first."""
        stmt = select(t.Repair).where(t.Repair.tenant_id == self.tid)
        if open_only:
            stmt = stmt.where(t.Repair.status != repairs.Status.RETURNED.value)
        rows = self.s.execute(stmt.order_by(t.Repair.number.desc()).limit(limit)).scalars()
        return [_repair_of(r) for r in reversed(list(rows))]


def _repair_of(r: t.Repair) -> repairs.Repair:
    return repairs.Repair(id=r.number, sku=r.sku, serial=r.serial or "", new_serial=r.new_serial or "", partner=r.partner,
                          supplier=r.supplier, location=r.location, fault=r.fault or "",
                          status=repairs.Status(r.status), outcome=repairs.Outcome(r.outcome) if r.outcome else None,
                          fee=opt_dec(r.fee), in_warranty=r.in_warranty, created_at=r.created_at,
                          created_by=r.created_by, steps=tuple((str(a), str(b), str(c)) for a, b, c in r.steps or ()))


class ExpenseRepo(_Repo):
    def add(self, *, amount: Decimal, category: str, at: datetime, note: str = "", location: str | None = None,
            actor: str | None = None, message_id: str | None = None, reverses: int | None = None,
            method: str | None = None) -> int:
        """Keep a running cost under the company's next number, and return it."""
        row = t.Expense(tenant_id=self.tid, number=self._next_number(t.Expense), amount=amount, category=category,
                        at=at, note=note, location=location, actor=actor, message_id=message_id, reverses=reverses,
                        method=method)
        self.s.add(row)
        self.s.flush()
        return row.number

    def get(self, expense_id: int) -> expenses.Expense | None:
        r = self._numbered(t.Expense, expense_id)
        return _expense_of(r) if r is not None else None

    def is_reversed(self, expense_id: int) -> bool:
        return self._is_reversed(t.Expense, expense_id)

    def list(self, *, since: datetime | None = None, until: datetime | None = None) -> list[expenses.Expense]:
        """Every cost (undoings too) at ``since`` or later and before ``until``, oldest first; an undoing is listed
        with what it undoes, whenever that was (so a period's standing costs are read whole)."""
        stmt = select(t.Expense).where(t.Expense.tenant_id == self.tid)
        if since is not None:
            stmt = stmt.where(t.Expense.at >= since)
        if until is not None:
            stmt = stmt.where(t.Expense.at < until)
        rows = [_expense_of(r) for r in self.s.execute(stmt.order_by(t.Expense.id)).scalars()]
        ids = [x.id for x in rows if x.reverses is None]
        undoings: Any = self.s.execute(select(t.Expense).where(t.Expense.tenant_id == self.tid,
                                                               t.Expense.reverses.in_(ids))).scalars() if ids else []
        seen = {x.id for x in rows}
        return rows + [x for x in map(_expense_of, undoings) if x.id not in seen]


def _expense_of(r: t.Expense) -> expenses.Expense:
    return expenses.Expense(id=r.number, at=r.at, amount=dec(r.amount), category=r.category, note=r.note or "",
                            location=r.location, actor=r.actor, reverses=r.reverses, method=r.method)


class InvoiceRepo(_Repo):
    def add(self, *, partner: str, month: date, amount: Decimal, at: datetime, code: str = "", actor: str | None,
            message_id: str | None, reverses: int | None = None) -> int:
        """Keep an invoice under the company's next number (``reverses`` names one it undoes), and return it."""
        row = t.Invoice(tenant_id=self.tid, number=self._next_number(t.Invoice), partner=partner,
                        month=month.isoformat(), amount=amount, code=code, at=at, actor=actor, message_id=message_id,
                        reverses=reverses)
        self.s.add(row)
        self.s.flush()
        return row.number

    def get(self, invoice_id: int) -> invoices.Invoice | None:
        r = self._numbered(t.Invoice, invoice_id)
        return _invoice_of(r) if r is not None else None

    def is_reversed(self, invoice_id: int) -> bool:
        return self._is_reversed(t.Invoice, invoice_id)

    def of_month(self, month: date, *, partner: str | None = None) -> list[invoices.Invoice]:
        """Every invoice (undoings too) for the month's goods (of ``partner`` alone when given), oldest first."""
        stmt = select(t.Invoice).where(t.Invoice.tenant_id == self.tid, t.Invoice.month == month.isoformat())
        if partner is not None:
            stmt = stmt.where(t.Invoice.partner == partner)
        return [_invoice_of(r) for r in self.s.execute(stmt.order_by(t.Invoice.id)).scalars()]

    def list(self, *, since: datetime | None = None) -> list[invoices.Invoice]:
        """Every invoice (kept at ``since`` or later), undoings too, oldest first."""
        stmt = select(t.Invoice).where(t.Invoice.tenant_id == self.tid)
        if since is not None:
            stmt = stmt.where(t.Invoice.at >= since)
        return [_invoice_of(r) for r in self.s.execute(stmt.order_by(t.Invoice.id)).scalars()]


def _invoice_of(r: t.Invoice) -> invoices.Invoice:
    return invoices.Invoice(id=r.number, partner=r.partner, month=date.fromisoformat(r.month), amount=dec(r.amount),
                            at=r.at, code=r.code or "", actor=r.actor, reverses=r.reverses)


class PaymentRepo(_Repo):
    def add(self, *, partner: str, amount: Decimal, at: datetime, actor: str | None, message_id: str | None,
            note: str = "", reverses: int | None = None, method: str | None = None) -> int:
        """Keep a payment under the company's next number (its id in the domain; ``reverses`` names one), and
        return it."""
        row = t.Payment(tenant_id=self.tid, number=self._next_number(t.Payment), partner=partner, amount=amount, at=at,
                        actor=actor, message_id=message_id, note=note, reverses=reverses, method=method)
        self.s.add(row)
        self.s.flush()
        return row.number

    def get(self, payment_id: int) -> accounts.Payment | None:
        r = self._numbered(t.Payment, payment_id)
        return _payment_of(r) if r is not None else None

    def is_reversed(self, payment_id: int) -> bool:
        return self._is_reversed(t.Payment, payment_id)

    def list(self, *, since: datetime | None = None, until: datetime | None = None, partner: str | None = None
             ) -> list[accounts.Payment]:
        """Every payment (undoings too) at ``since`` or later and before ``until`` (``partner``'s alone when given),
        oldest first."""
        stmt = select(t.Payment).where(t.Payment.tenant_id == self.tid)
        if partner is not None:
            stmt = stmt.where(t.Payment.partner == partner)
        if since is not None:
            stmt = stmt.where(t.Payment.at >= since)
        if until is not None:
            stmt = stmt.where(t.Payment.at < until)
        return [_payment_of(r) for r in self.s.execute(stmt.order_by(t.Payment.id)).scalars()]

    def with_note(self, note: str) -> Sequence[accounts.Payment]:
        """The payments kept with this note (a customer order's deposit), oldest first."""
        stmt = select(t.Payment).where(t.Payment.tenant_id == self.tid, t.Payment.note == note)
        return [_payment_of(r) for r in self.s.execute(stmt.order_by(t.Payment.id)).scalars()]

    def on_batch(self, batch: str) -> Sequence[accounts.Payment]:
        """The payments made with the write ``batch`` on the spot (``accounts.spot_note``: a sale's, a receipt's goods
        or freight), oldest first."""
        note = accounts.spot_note(batch)
        like = _escaped(note)
        stmt = select(t.Payment).where(t.Payment.tenant_id == self.tid, or_(
            t.Payment.note == note, t.Payment.note.like(f"{like}|%", escape="\\")))
        return [_payment_of(r) for r in self.s.execute(stmt.order_by(t.Payment.id)).scalars()]

    def total(self, partner: str, *, since: datetime | None = None, until: datetime | None = None) -> Decimal:
        """What the partner paid (a customer) or was paid (a supplier), net of payments undone."""
        stmt = select(func.coalesce(func.sum(t.Payment.amount), 0)).where(
            t.Payment.tenant_id == self.tid, t.Payment.partner == partner)
        if since is not None:
            stmt = stmt.where(t.Payment.at >= since)
        if until is not None:
            stmt = stmt.where(t.Payment.at < until)
        return dec(self.s.execute(stmt).scalar())


# ---------------------------------------------------------------- chat state
def _audit_of(r: Any) -> chain.AuditEntry:
    return chain.AuditEntry(at=r.at, actor=r.actor, action=r.action, detail=dict(r.detail or {}), id=r.id)


class ChatRepo(_Repo):
    def __init__(self, session: Session, tid: int) -> None:
        super().__init__(session, tid)
        self._audits: list[t.Audit] = []   # written in this transaction, to be sealed at its commit

    def claim_message(self, channel: str, message_id: str, at: datetime) -> bool:
        """Record an incoming message id; False if it was handled before."""
        ins = _insert(self.s)(t.InboundMessage).values(tenant_id=self.tid, channel=channel, message_id=message_id,
                                                      handled_at=at).on_conflict_do_nothing()
        return bool(self.s.execute(ins).rowcount)

    def add_message(self, *, to: str, text: str, buttons: list[Any], at: datetime, source: str | None = None,
                    media: dict[str, Any] | None = None) -> int:
        row = t.BotMessage(tenant_id=self.tid, to=to, text=text, buttons=buttons, created_at=at, source=source,
                           media=media or None)
        self.s.add(row)
        self.s.flush()
        assert row.id is not None
        return row.id

    def message(self, msg_id: int) -> t.BotMessage | None:
        r = self.s.get(t.BotMessage, msg_id)
        return r if r is not None and r.tenant_id == self.tid else None

    def mark_pressed(self, msg_id: int, data: str) -> bool:
        """Atomically mark a message's buttons used; False if another press got there first."""
        res = self.s.execute(update(t.BotMessage).where(t.BotMessage.id == msg_id, t.BotMessage.tenant_id == self.tid,
                                                        t.BotMessage.pressed.is_(None)).values(pressed=data))
        return bool(res.rowcount)

    def answers_to(self, source: str) -> list[t.BotMessage]:
        """What the bot said in answer to one incoming message (replayed when it is delivered again)."""
        return list(self.s.execute(select(t.BotMessage).where(t.BotMessage.tenant_id == self.tid,
                                                              t.BotMessage.source == source)
                                   .order_by(t.BotMessage.id)).scalars())

    def recent_messages(self, to: str, *, limit: int = 50) -> list[dict[str, Any]]:
        rows = list(self.s.execute(select(t.BotMessage).where(t.BotMessage.tenant_id == self.tid, t.BotMessage.to == to)
                                   .order_by(t.BotMessage.id.desc()).limit(limit)).scalars())
        return [{"to": r.to, "text": r.text, "id": r.id, "used": r.pressed is not None,
                 "buttons": [[{"label": lab, "data": data} for lab, data in row] for row in r.buttons or []]}
                for r in reversed(rows)]

    def latest_with_buttons(self, to: str) -> t.BotMessage | None:
        rows = self.s.execute(select(t.BotMessage).where(t.BotMessage.tenant_id == self.tid, t.BotMessage.to == to)
                              .order_by(t.BotMessage.id.desc()).limit(50)).scalars()
        for r in rows:
            if r.buttons:
                return r
        return None

    def pending(self, username: str, now: datetime) -> t.Pending | None:
        r = self.s.execute(select(t.Pending).where(t.Pending.tenant_id == self.tid,
                                                   t.Pending.username == username)).scalars().first()
        if r is None or r.expires_at <= now:
            return None
        return r

    def set_pending(self, username: str, *, kind: str, payload: dict[str, Any], expires_at: datetime) -> None:
        self.clear_pending(username)
        self.s.add(t.Pending(tenant_id=self.tid, username=username, kind=kind, payload=payload, expires_at=expires_at))
        self.s.flush()

    def clear_pending(self, username: str) -> None:
        self.s.execute(delete(t.Pending).where(t.Pending.tenant_id == self.tid, t.Pending.username == username))

    def audit(self, *, at: datetime, actor: str | None, action: str, detail: dict[str, Any]) -> None:
        row = t.Audit(tenant_id=self.tid, at=at, actor=actor, action=action, detail=detail)
        self.s.add(row)
        self._audits.append(row)

    def forget(self) -> None:
        """The transaction was rolled back: its audits are gone, and so is any need to seal them."""
        self._audits = []

    def seal_audits(self) -> int:
        """The audits this transaction wrote, sealed in the tenant's audit chain (as ``StockRepo.seal`` seals the
        moves, under the same head row's lock)."""
        if not self._audits:
            return 0
        self.s.flush()
        _, _, count, prev = _ledger_head(self.s, self.tid, lock=True)
        for row in self._audits:
            count += 1
            prev = chain.link_audit(prev, _audit_of(row))
            row.seq, row.chain = count, prev
        self.s.execute(update(t.LedgerHead.__table__).where(_HEAD.tenant_id == self.tid)
                       .values(audit_count=count, audit_hash=prev))
        n, self._audits = len(self._audits), []
        self.s.flush()
        return n

    def verify_audits(self, *, chunk: int = 5000) -> chain.Verdict:
        """The audit trail's chain walked from its first entry, every hash recomputed."""
        _, _, count, head = _ledger_head(self.s, self.tid, lock=False)
        return _walk(self.s, self.tid, _AUDIT, _audit_of, chain.Walker(linker=chain.link_audit), head=(count, head),
                     chunk=chunk)

    def last_action_at(self, actor: str) -> datetime | None:
        """When ``actor`` last changed something the audit trail keeps (a price, a rule, an approval …)."""
        return self.s.execute(select(func.max(t.Audit.at)).where(t.Audit.tenant_id == self.tid,
                                                                 t.Audit.actor == actor)).scalar()

    def audit_where(self, action: str, key: str, value: str) -> dict[str, Any] | None:
        """The newest ``action`` audit whose detail has ``key`` = ``value`` (the JSON read in SQL, however old)."""
        r = self.s.execute(select(t.Audit.detail).where(
            t.Audit.tenant_id == self.tid, t.Audit.action == action, t.Audit.detail[key].as_string() == value)
            .order_by(t.Audit.id.desc()).limit(1)).scalar()
        return dict(r) if r is not None else None

    def audit_rows(self) -> list[tuple[int | None, datetime, str | None, str, dict[str, Any], str | None]]:
        """The whole audit trail in the order it was written: (place in the chain, when, who, action, detail, seal)."""
        rows = self.s.execute(select(t.Audit).where(t.Audit.tenant_id == self.tid).order_by(t.Audit.id)).scalars()
        return [(r.seq, r.at, r.actor, r.action, dict(r.detail or {}), r.chain) for r in rows]

    def trail(self, actions: Iterable[str], *, limit: int = 20) -> list[tuple[datetime, str | None, str, dict[str, Any],
                                                                          int | None]]:
        """The newest audit entries of these actions, newest first: (when, who, action, detail, place in the chain)."""
        rows = self.s.execute(select(t.Audit).where(t.Audit.tenant_id == self.tid, t.Audit.action.in_(list(actions)))
                              .order_by(t.Audit.id.desc()).limit(limit)).scalars()
        return [(r.at, r.actor, r.action, dict(r.detail or {}), r.seq) for r in rows]

    def audits_between(self, action: str, since: datetime, until: datetime) -> list[tuple[datetime, str | None,
                                                                                        dict[str, Any]]]:
        """The ``action`` audits written from ``since`` until before ``until``, oldest first: (when, who, detail)."""
        rows = self.s.execute(select(t.Audit).where(t.Audit.tenant_id == self.tid, t.Audit.action == action,
                                                    t.Audit.at >= since, t.Audit.at < until)
                              .order_by(t.Audit.id)).scalars()
        return [(r.at if r.at.tzinfo is not None else r.at.replace(tzinfo=UTC), r.actor, dict(r.detail or {}))
                for r in rows]

    def audits(self, action: str, *, rule: int | None = None, limit: int = 10) -> list[dict[str, Any]]:
        rows = self.s.execute(select(t.Audit).where(t.Audit.tenant_id == self.tid, t.Audit.action == action)
                              .order_by(t.Audit.id.desc()).limit(max(limit, 200))).scalars()
        out = [dict(r.detail or {}) for r in rows if rule is None or (r.detail or {}).get("rule") == rule]
        return out[:limit]

    def add_booking(self, *, location: str, sku: str, qty: Decimal, at: datetime, note: str, by: str,
                    order_id: int | None = None) -> None:
        self.s.add(t.Booking(tenant_id=self.tid, location=location, sku=sku, qty=qty, at=at, note=note, created_by=by,
                             order_id=order_id))

    def order_bookings(self, order_id: int) -> list[t.Booking]:
        stmt = select(t.Booking).where(t.Booking.tenant_id == self.tid, t.Booking.order_id == order_id)
        return list(self.s.execute(stmt.order_by(t.Booking.at, t.Booking.id)).scalars())

    def ship_booking(self, *, order_id: int, sku: str, qty: Decimal, due: datetime, at: datetime) -> None:
        """``qty`` of an order's booking of ``sku`` left at ``at``: it moves there from the order's due time
        (the demand it stands for happened when the goods left)."""
        left = qty
        for b in self.order_bookings(order_id):
            if left <= 0:
                break
            if b.sku != sku or b.at != due or b.qty <= 0:
                continue
            take = min(b.qty, left)
            b.qty -= take
            left -= take
            self.s.add(t.Booking(tenant_id=self.tid, location=b.location, sku=sku, qty=take, at=at, note=b.note,
                                 created_by=b.created_by, order_id=order_id))
            if b.qty <= 0:
                self.s.delete(b)
        self.s.flush()

    def unship_booking(self, *, order_id: int, sku: str, qty: Decimal, due: datetime, at: datetime) -> None:
        """Undoes ``ship_booking``: ``qty`` that left at ``at`` is booked for the order's due time again."""
        left = qty
        back = Decimal(0)
        rows = self.order_bookings(order_id)
        for b in rows:
            if left > 0 and b.sku == sku and b.at == at and b.at != due:
                take = min(b.qty, left)
                b.qty -= take
                left -= take
                back += take
                if b.qty <= 0:
                    self.s.delete(b)
        if back > 0:
            due_row = next((b for b in rows if b.sku == sku and b.at == due), None)
            if due_row is not None and due_row in self.s:
                due_row.qty += back
            else:
                first = next(b for b in rows if b.sku == sku)
                self.s.add(t.Booking(tenant_id=self.tid, location=first.location, sku=sku, qty=back, at=due,
                                     note=first.note, created_by=first.created_by, order_id=order_id))
        self.s.flush()

    def drop_bookings(self, order_id: int, *, at: datetime | None = None) -> None:
        """An order that will not ship (rejected, cancelled) books nothing; with ``at`` (its due time), only what it
        still had booked goes, not the bookings of what was collected."""
        stmt = delete(t.Booking).where(t.Booking.tenant_id == self.tid, t.Booking.order_id == order_id)
        self.s.execute(stmt.where(t.Booking.at == at) if at is not None else stmt)

    def change_booking(self, booking_id: int | None, *, at: datetime | None = None, qty: Decimal | None = None,
                       note: str | None = None) -> None:
        """A booking moved to ``at`` (张女士改到后天下午4点), or its quantity or words changed (张女士改成3个人)."""
        values = {k: v for k, v in (("at", at), ("qty", qty), ("note", note)) if v is not None}
        if values:
            self.s.execute(update(t.Booking).where(t.Booking.tenant_id == self.tid, t.Booking.id == booking_id)
                           .values(**values))

    def drop_booking_ids(self, ids: Iterable[int]) -> None:
        """Bookings called off (取消明天的包桌), by id."""
        self.s.execute(delete(t.Booking).where(t.Booking.tenant_id == self.tid, t.Booking.id.in_(list(ids))))

    def booked(self, *, location: str | None, sku: str, start: datetime, end: datetime) -> Decimal:
        stmt = select(func.coalesce(func.sum(t.Booking.qty), 0)).where(
            t.Booking.tenant_id == self.tid, t.Booking.sku == sku, t.Booking.at >= start, t.Booking.at < end)
        if location:
            stmt = stmt.where(t.Booking.location == location)
        return dec(self.s.execute(stmt).scalar())

    def bookings(self, *, start: datetime, end: datetime, sku: str | None = None,
                 location: str | None = None) -> list[t.Booking]:
        stmt = select(t.Booking).where(t.Booking.tenant_id == self.tid, t.Booking.at >= start, t.Booking.at < end)
        if sku:
            stmt = stmt.where(t.Booking.sku == sku)
        if location:
            stmt = stmt.where(t.Booking.location == location)
        return list(self.s.execute(stmt).scalars())

    def claim_job(self, job: str, slot: str, at: datetime) -> bool:
        ins = _insert(self.s)(t.JobRun).values(tenant_id=self.tid, job=job, slot=slot, ran_at=at).on_conflict_do_nothing()
        return bool(self.s.execute(ins).rowcount)

    def add_invite(self, *, code: str, display_name: str, role: str, location: str | None, by: str, at: datetime,
                   expires: datetime) -> None:
        self.s.add(t.Invite(code=code, tenant_id=self.tid, display_name=display_name, role=role, location=location,
                            created_by=by, created_at=at, expires_at=expires))
        self.s.flush()

    def redeem_invite(self, *, code: str, channel: str, external_id: str, now: datetime) -> str | None:
        """Turn an unused, unexpired invitation into a user bound to this chat identity."""
        inv = self.s.get(t.Invite, code.strip().upper())
        if inv is None or inv.tenant_id != self.tid or inv.used_by or inv.expires_at <= now:
            return None
        base = "u" + code.lower()
        CatalogRepo(self.s, self.tid).upsert(t.AppUser, {"username": base},
                                             {"display_name": inv.display_name, "role": inv.role,
                                              "location": inv.location})
        inv.used_by = base
        self.s.add(inv)
        self.bind_identity(channel, external_id, base)
        return base

    def bind_identity(self, channel: str, external_id: str, username: str) -> None:
        CatalogRepo(self.s, self.tid).upsert(t.Identity, {"channel": channel, "external_id": external_id},
                                             {"username": username})

    def identity(self, channel: str, external_id: str) -> str | None:
        r = self.s.execute(select(t.Identity.username).where(
            t.Identity.tenant_id == self.tid, t.Identity.channel == channel,
            t.Identity.external_id == external_id)).scalar()
        return str(r) if r else None

    def address(self, channel: str, username: str) -> str | None:
        r = self.s.execute(select(t.Identity.external_id).where(
            t.Identity.tenant_id == self.tid, t.Identity.channel == channel,
            t.Identity.username == username)).scalar()
        return str(r) if r else None


# ---------------------------------------------------------------- rules
class RuleRepo(_Repo):
    def add(self, *, owner: str, text: str, spec: dict[str, Any], at: datetime) -> int:
        """Keep a new rule under the company's next number (规则 #n), and return it."""
        row = t.Rule(tenant_id=self.tid, number=self._next_number(t.Rule), owner=owner, text=text, spec=spec,
                     created_at=at)
        self.s.add(row)
        self.s.flush()
        assert row.id is not None
        self.s.add(t.RuleVersion(rule_id=row.id, version=1, text=text, spec=spec, created_at=at))
        return row.number

    def get(self, number: int) -> t.Rule | None:
        """The company's rule of that number (not one deleted)."""
        return self.s.execute(select(t.Rule).where(t.Rule.tenant_id == self.tid, t.Rule.number == number,
                                                   t.Rule.status != "deleted")).scalars().first()

    def list(self, *, owner: str | None = None, statuses: tuple[str, ...] = ("active", "paused", "manual")) -> list[t.Rule]:
        stmt = select(t.Rule).where(t.Rule.tenant_id == self.tid, t.Rule.status.in_(statuses))
        if owner:
            stmt = stmt.where(t.Rule.owner == owner)
        return list(self.s.execute(stmt.order_by(t.Rule.id)).scalars())

    def update(self, rule: t.Rule, *, text: str | None = None, spec: dict[str, Any] | None = None,
               status: str | None = None, at: datetime) -> None:
        if spec is not None:
            rule.version += 1
            rule.spec = spec
            rule.text = text or rule.text
            self.s.add(t.RuleVersion(rule_id=rule.id or 0, version=rule.version, text=rule.text, spec=spec, created_at=at))
        if status is not None:
            rule.status = status
        self.s.add(rule)
        self.s.flush()

    def alert(self, rule_key: str, subject: str) -> t.AlertState | None:
        return self.s.execute(select(t.AlertState).where(
            t.AlertState.tenant_id == self.tid, t.AlertState.rule_key == rule_key,
            t.AlertState.subject == subject)).scalars().first()

    def alerts(self, rule_key: str) -> dict[str, t.AlertState]:
        """Every subject's alert state under ``rule_key``, in one read (an hourly check over every product)."""
        return {r.subject: r for r in self.s.execute(select(t.AlertState).where(
            t.AlertState.tenant_id == self.tid, t.AlertState.rule_key == rule_key)).scalars()}

    def reset_alerts(self, rule_key: str) -> None:
        """A changed rule starts with no open episodes."""
        self.s.execute(delete(t.AlertState).where(t.AlertState.tenant_id == self.tid, t.AlertState.rule_key == rule_key))

    def snooze(self, alert_id: int, *, until: datetime) -> bool:
        row = self.s.get(t.AlertState, alert_id)
        if row is None or row.tenant_id != self.tid:
            return False
        row.snoozed_until = until
        self.s.add(row)
        return True

    def set_alert(self, rule_key: str, subject: str, *, active: bool, at: datetime | None = None,
                  snoozed_until: datetime | None = None) -> None:
        row = self.alert(rule_key, subject)
        if row is None:
            row = t.AlertState(tenant_id=self.tid, rule_key=rule_key, subject=subject)
        row.active = active
        if at is not None:
            row.fired_at = at
        if snoozed_until is not None:
            row.snoozed_until = snoozed_until
        self.s.add(row)
        self.s.flush()


# ---------------------------------------------------------------- sales history (imported)
class HistoryRepo(_Repo):
    def upsert(self, rows: list[dict[str, Any]]) -> None:
        for r in rows:
            ins = _insert(self.s)(t.SalesHistory).values(tenant_id=self.tid, **r)
            ins = ins.on_conflict_do_update(index_elements=["tenant_id", "day", "location", "sku"],
                                            set_={"qty": ins.excluded.qty, "unit_price": ins.excluded.unit_price,
                                                  "unit_cost": ins.excluded.unit_cost})
            self.s.execute(ins)

    def series(self, *, sku: str, location: str | None, since: str) -> list[tuple[str, Decimal]]:
        return self.series_by_sku(location=location, since=since, sku=sku).get(sku, [])

    def series_by_sku(self, *, location: str | None, since: str, sku: str | None = None
                      ) -> dict[str, list[tuple[str, Decimal]]]:
        """``series`` of every product (or one) in one query: sku → [(day, qty)] in day order."""
        stmt = select(t.SalesHistory.sku, t.SalesHistory.day, func.sum(t.SalesHistory.qty)).where(
            t.SalesHistory.tenant_id == self.tid, t.SalesHistory.day >= since)
        if sku is not None:
            stmt = stmt.where(t.SalesHistory.sku == sku)
        if location:
            stmt = stmt.where(t.SalesHistory.location == location)
        out: dict[str, list[tuple[str, Decimal]]] = {}
        grouped = stmt.group_by(t.SalesHistory.sku, t.SalesHistory.day).order_by(t.SalesHistory.sku, t.SalesHistory.day)
        for s, d, q in self.s.execute(grouped).all():
            out.setdefault(s, []).append((d, dec(q)))
        return out

    def replenish_days(self, *, location: str, before: str, n: int) -> list[dict[str, Any]]:
        """The ``n`` latest mornings of a store's replenishment window before day ``before``, oldest first."""
        stmt = select(t.ReplenishDay.data).where(
            t.ReplenishDay.tenant_id == self.tid, t.ReplenishDay.location == location, t.ReplenishDay.day < before
        ).order_by(t.ReplenishDay.day.desc()).limit(n)
        return [dict(d) for d in reversed(self.s.execute(stmt).scalars().all())]

    def put_replenish_day(self, *, location: str, day: str, data: dict[str, Any], keep_from: str) -> None:
        """Keeps a store's morning (a later run of the same morning replaces it) and forgets its mornings before
        ``keep_from``."""
        ins = _insert(self.s)(t.ReplenishDay).values(tenant_id=self.tid, location=location, day=day, data=data)
        self.s.execute(ins.on_conflict_do_update(index_elements=["tenant_id", "location", "day"],
                                                 set_={"data": ins.excluded.data}))
        self.s.execute(delete(t.ReplenishDay).where(t.ReplenishDay.tenant_id == self.tid,
                                                    t.ReplenishDay.location == location,
                                                    t.ReplenishDay.day < keep_from))

    def last_day(self, *, sku: str, location: str | None) -> str | None:
        stmt = select(func.max(t.SalesHistory.day)).where(t.SalesHistory.tenant_id == self.tid,
                                                          t.SalesHistory.sku == sku, t.SalesHistory.qty > 0)
        if location:
            stmt = stmt.where(t.SalesHistory.location == location)
        r = self.s.execute(stmt).scalar()
        return str(r) if r else None

    def last_days(self) -> dict[tuple[str, str], str]:
        """The last day with a sale in the imported history per (location, sku), in one grouped read."""
        stmt = select(t.SalesHistory.location, t.SalesHistory.sku, func.max(t.SalesHistory.day)).where(
            t.SalesHistory.tenant_id == self.tid, t.SalesHistory.qty > 0).group_by(t.SalesHistory.location,
                                                                                 t.SalesHistory.sku)
        return {(loc, sku): str(day) for loc, sku, day in self.s.execute(stmt).all() if day}

    def count(self) -> int:
        return int(self.s.execute(select(func.count()).select_from(t.SalesHistory).where(
            t.SalesHistory.tenant_id == self.tid)).scalar() or 0)


# ---------------------------------------------------------------- network (domain/network.py)
def _link_of(r: t.NetworkLink) -> network.Link:
    return network.Link(partner=r.partner, status=r.status, peer=r.peer, code=r.code, location=r.location,
                        secret=r.secret, peer_name=r.peer_name, secret_prev=r.secret_prev, prev_until=r.prev_until)


@dataclass(frozen=True)
class Message:
    id: int
    sender: str
    kind: str
    subject: str
    payload: dict[str, Any]
    recipient: str = ""
    at: datetime | None = None


def _message_of(r: t.NetworkMessage) -> Message:
    return Message(id=r.id or 0, sender=r.sender, kind=r.kind, subject=r.subject, payload=dict(r.payload or {}),
                   recipient=r.recipient, at=r.at)


class NetworkRepo(_Repo):
    """Our links to other companies on this server, and the messages between us: the one place a tenant reads
    another's rows (an invitation by its code, a company's name), never its books."""

    def __init__(self, session: Session, tid: int, code: str) -> None:
        super().__init__(session, tid)
        self.code = code

    def links(self) -> list[network.Link]:
        rows = self.s.execute(select(t.NetworkLink).where(t.NetworkLink.tenant_id == self.tid)
                              .order_by(t.NetworkLink.id)).scalars()
        return [_link_of(r) for r in rows]

    def link(self, partner: str) -> network.Link | None:
        r = self.s.execute(select(t.NetworkLink).where(t.NetworkLink.tenant_id == self.tid,
                                                       t.NetworkLink.partner == partner)).scalars().first()
        return _link_of(r) if r is not None else None

    def link_to(self, peer: str) -> network.Link | None:
        """Our active link to that company (None: none)."""
        r = self.s.execute(select(t.NetworkLink).where(t.NetworkLink.tenant_id == self.tid, t.NetworkLink.peer == peer,
                                                       t.NetworkLink.status == "active")).scalars().first()
        return _link_of(r) if r is not None else None

    def put_link(self, link: network.Link, *, at: datetime, by: str | None) -> None:
        """Our link to that partner, as given (added, or changed in place)."""
        r = self.s.execute(select(t.NetworkLink).where(t.NetworkLink.tenant_id == self.tid,
                                                       t.NetworkLink.partner == link.partner)).scalars().first()
        if r is None:
            r = t.NetworkLink(tenant_id=self.tid, partner=link.partner, status=link.status, at=at)
            self.s.add(r)
        r.status, r.peer, r.code, r.location, r.at, r.by = link.status, link.peer, link.code, link.location, at, by
        r.secret, r.peer_name = link.secret, link.peer_name
        r.secret_prev, r.prev_until = link.secret_prev, link.prev_until
        self.s.flush()

    def invited(self, code: str, *, since: datetime) -> tuple[str, network.Link, str] | None:
        """The invitation of that code made ``since`` then or later, whoever sent it: (its company's code, its link,
        what its partner is to it: "supplier" | "customer"); None: no such invitation waiting."""
        row = self.s.execute(select(t.Tenant.code, t.NetworkLink, t.Partner.kind).join(
            t.NetworkLink, t.NetworkLink.tenant_id == t.Tenant.id).join(
            t.Partner, and_(t.Partner.tenant_id == t.Tenant.id, t.Partner.code == t.NetworkLink.partner)).where(
            t.NetworkLink.code == code, t.NetworkLink.status == "invited", t.NetworkLink.at >= since)).first()
        return (row[0], _link_of(row[1]), str(row[2])) if row is not None else None

    def company(self, code: str) -> str:
        """A company's name: one on this server by its tenant, one on another by what our link to it learnt (its
        code when it has none)."""
        if network.remote(code):
            name = self.s.execute(select(t.NetworkLink.peer_name).where(
                t.NetworkLink.tenant_id == self.tid, t.NetworkLink.peer == code)).scalar()
        else:
            name = self.s.execute(select(t.Tenant.name).where(t.Tenant.code == code)).scalar()
        return str(name or code)

    def send(self, recipient: str, *, kind: str, subject: str, payload: dict[str, Any], at: datetime) -> int:
        row = t.NetworkMessage(sender=self.code, recipient=recipient, kind=kind, subject=subject, payload=payload,
                               at=at)
        self.s.add(row)
        self.s.flush()
        assert row.id is not None
        return row.id

    def last_sent(self, recipient: str, subject: str) -> dict[str, Any] | None:
        """What we last sent that company about that subject (None: nothing yet)."""
        return self.s.execute(select(t.NetworkMessage.payload).where(
            t.NetworkMessage.sender == self.code, t.NetworkMessage.recipient == recipient,
            t.NetworkMessage.subject == subject).order_by(t.NetworkMessage.id.desc()).limit(1)).scalar()

    def next_message(self) -> Message | None:
        """The oldest message to us not applied yet, locked for this transaction; None: none, or another replica is
        applying the oldest one (it goes on with the next: messages are applied one at a time, in order, never a
        newer snapshot before an older one)."""
        stmt = select(t.NetworkMessage).where(t.NetworkMessage.recipient == self.code,
                                              t.NetworkMessage.applied_at.is_(None)).order_by(t.NetworkMessage.id)
        if self.s.get_bind().dialect.name == "postgresql":
            try:
                with self.s.begin_nested():   # (a savepoint: the lock refused leaves the transaction usable)
                    r = self.s.execute(stmt.limit(1).with_for_update(nowait=True)).scalars().first()
            except OperationalError:
                return None
        else:
            r = self.s.execute(stmt.limit(1)).scalars().first()
        return _message_of(r) if r is not None and r.id is not None else None

    def applied(self, message_id: int, *, at: datetime, result: str) -> None:
        self.s.execute(update(t.NetworkMessage).where(t.NetworkMessage.id == message_id,
                                                      t.NetworkMessage.recipient == self.code)
                       .values(applied_at=at, result=result[:200]))

    def latest_received(self, sender: str, kind: str) -> list[tuple[Message, str]]:
        """The last message of that kind that company sent us about each subject and we applied, with its result,
        oldest subject first."""
        last = select(func.max(t.NetworkMessage.id)).where(
            t.NetworkMessage.recipient == self.code, t.NetworkMessage.sender == sender, t.NetworkMessage.kind == kind,
            t.NetworkMessage.applied_at.is_not(None)).group_by(t.NetworkMessage.subject)
        rows = self.s.execute(select(t.NetworkMessage).where(t.NetworkMessage.id.in_(last))
                              .order_by(t.NetworkMessage.id)).scalars()
        return [(_message_of(r), r.result) for r in rows]

    # ------------------------------------------------------------ between servers (adapters/network_remote.py)
    def outgoing(self) -> list[Message]:
        """What we sent companies on other servers that is not delivered yet, oldest first."""
        return [_message_of(r) for r in self.s.execute(select(t.NetworkMessage).where(
            t.NetworkMessage.sender == self.code, t.NetworkMessage.recipient.contains("@"),
            t.NetworkMessage.delivered_at.is_(None)).order_by(t.NetworkMessage.id)).scalars()]

    def delivered(self, message_id: int, *, at: datetime, result: str) -> None:
        self.s.execute(update(t.NetworkMessage).where(t.NetworkMessage.id == message_id,
                                                      t.NetworkMessage.sender == self.code)
                       .values(delivered_at=at, result=result[:200]))

    def receive(self, *, sender: str, kind: str, subject: str, payload: dict[str, Any], at: datetime,
                remote_id: int | None) -> bool:
        """A message from another server kept for us to apply in turn; one delivered again (its ``remote_id`` kept
        already) is not kept twice. Whether it was new."""
        if remote_id is not None and self.s.execute(select(t.NetworkMessage.id).where(
                t.NetworkMessage.recipient == self.code, t.NetworkMessage.sender == sender,
                t.NetworkMessage.remote_id == remote_id)).first() is not None:
            return False
        self.s.add(t.NetworkMessage(sender=sender, recipient=self.code, kind=kind, subject=subject, payload=payload,
                                    at=at, remote_id=remote_id))
        self.s.flush()
        return True

    def waiting(self) -> int:
        """How many messages to us are not applied yet."""
        return int(self.s.execute(select(func.count()).select_from(t.NetworkMessage).where(
            t.NetworkMessage.recipient == self.code, t.NetworkMessage.applied_at.is_(None))).scalar() or 0)
