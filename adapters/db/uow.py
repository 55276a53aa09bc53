"""Unit of work over SQLModel: one transaction, rolled back unless ``commit()`` ran.

Repositories (attributes of the unit of work) never commit.
"""
from __future__ import annotations

import weakref
from datetime import UTC, datetime
from types import TracebackType
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session

from adapters.db import repos
from workflows import network

# Tenant ids never change once created. Keyed by the engine object itself (weakly), never by id(engine):
# a collected engine's id is reused by the next one, which may point at another database.
_TENANTS: weakref.WeakKeyDictionary[Engine, dict[str, int]] = weakref.WeakKeyDictionary()


class SqlUnitOfWork:
    def __init__(self, engine: Engine, tenant: str, *, write: bool = True, clock: Any = None) -> None:
        self.engine = engine
        self.clock = clock   # what the network's messages are timed by (the app's clock; else the wall clock)
        self.tenant_code = tenant
        self.write = write
        self.session: Session | None = None
        self.events: list[Any] = []

    def __enter__(self) -> SqlUnitOfWork:
        conn = self.engine.connect().execution_options(kuguan_write=self.write)
        self._conn = conn
        self.session = Session(bind=conn, expire_on_commit=False, autoflush=True)
        self.session.begin()
        known = _TENANTS.setdefault(self.engine, {})
        tid = known.get(self.tenant_code)
        if tid is None:
            found = repos.find_tenant(self.session, self.tenant_code)
            if found is not None:  # cache only committed tenants, never one this transaction creates
                known[self.tenant_code] = found
            tid = found if found is not None else repos.tenant_id(self.session, self.tenant_code)
        self.tenant_id = tid
        self.catalog = repos.CatalogRepo(self.session, tid)
        self.stock = repos.StockRepo(self.session, tid)
        self.orders = repos.OrderRepo(self.session, tid)
        self.chat = repos.ChatRepo(self.session, tid)
        self.rules = repos.RuleRepo(self.session, tid)
        self.history = repos.HistoryRepo(self.session, tid)
        self.payments = repos.PaymentRepo(self.session, tid)
        self.expenses = repos.ExpenseRepo(self.session, tid)
        self.invoices = repos.InvoiceRepo(self.session, tid)
        self.quotes = repos.QuoteRepo(self.session, tid)
        self.repairs = repos.RepairRepo(self.session, tid)
        self.recipes = repos.RecipeRepo(self.session, tid)
        self.network = repos.NetworkRepo(self.session, tid, self.tenant_code)
        self._committed = False
        return self

    def __exit__(self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None) -> None:
        assert self.session is not None
        try:
            if not self._committed:
                self.session.rollback()
        finally:
            self.session.close()
            self._conn.close()

    def commit(self) -> None:
        assert self.session is not None
        # what linked companies must hear of the orders this transaction changed, sent with it (and sealed with it)
        network.outbound(self, at=self.clock.now() if self.clock is not None else datetime.now(UTC))
        self.stock.seal()
        self.chat.seal_audits()
        self.session.commit()
        self._committed = True

    def rollback(self) -> None:
        """Undo everything so far; the unit of work goes on (a failed message still stores its error reply)."""
        assert self.session is not None
        self.session.rollback()
        self.stock.forget()   # the moves and audits rolled back are no longer there to seal
        self.chat.forget()
        self.orders.touched.clear()
        self.catalog.forget()   # (settings set in what was rolled back: read again)


class Factory:
    """Makes units of work for one tenant (satisfies workflows.ports.UowFactory)."""

    def __init__(self, engine: Engine, tenant: str) -> None:
        self.engine, self.tenant = engine, tenant
        self.clock: Any = None   # set once the app has one (bootstrap)

    def __call__(self, *, write: bool = True) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.engine, self.tenant, write=write, clock=self.clock)


def factory(engine: Engine, tenant: str) -> Factory:
    return Factory(engine, tenant)
