"""The outbox table and its queries. Rows are claimed atomically, so a message is handed to one sender at a time.

Life of a row: pending → sending (claimed, with a lease) → sent | failed, or back to pending with a later
`not_before` (rate limit, retry). A row left in `sending` by a crashed process is claimable again when its lease
expires (or at once after `recover()` on start-up), so nothing is lost; `dedupe_key` is unique, so re-enqueueing
the same message after a restart does not create a second row.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import JSON, Column, Index, and_, delete, func, or_, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine
from sqlmodel import Field, SQLModel

from adapters.db.types import UTCDateTime
from adapters.outbox.ports import Envelope

PENDING, SENDING, SENT, FAILED = "pending", "sending", "sent", "failed"


def utcnow() -> datetime:
    return datetime.now(UTC)


class OutboxMessage(SQLModel, table=True):
    __tablename__ = "outbox_message"
    __table_args__ = (Index("ix_outbox_message_due", "channel", "status", "priority", "not_before"),)
    id: int | None = Field(default=None, primary_key=True)
    tenant: str = Field(max_length=64)
    channel: str = Field(max_length=16)
    chat_id: str = Field(max_length=64)
    payload: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    status: str = Field(default=PENDING, max_length=8)
    priority: int = 1  # 0: a reply to someone who is waiting; 1: a push
    attempts: int = 0
    not_before: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    lease_until: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))
    dedupe_key: str = Field(max_length=200, unique=True)
    created_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    sent_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))
    external_id: str | None = Field(default=None, max_length=64)  # the channel's message id once sent
    last_error: str | None = Field(default=None, max_length=500)


@dataclass(frozen=True)
class Draft:
    """A message to enqueue."""
    tenant: str
    channel: str
    chat_id: str
    payload: dict[str, Any]
    dedupe_key: str
    priority: int = 1


T = OutboxMessage


def _col(attr: Any) -> Any:
    """SQLModel types columns as their Python values; this is the SQLAlchemy column."""
    return attr


class OutboxStore:
    """Synchronous queries on an SQLAlchemy engine (SQLite or PostgreSQL); one short transaction each."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def create_table(self) -> None:
        """For tests and tools; production uses the Alembic migration."""
        SQLModel.metadata.create_all(self.engine, tables=[T.__table__])  # type: ignore[attr-defined]

    def add(self, drafts: Sequence[Draft], *, now: datetime | None = None) -> list[int]:
        """Enqueue in one transaction; a draft whose dedupe_key exists already is skipped. Returns new row ids."""
        now = now or utcnow()
        if not drafts:
            return []
        insert = postgresql.insert if self.engine.dialect.name == "postgresql" else sqlite.insert
        stmt = insert(T).on_conflict_do_nothing(index_elements=["dedupe_key"]).returning(_col(T.id))
        rows = [{"tenant": d.tenant, "channel": d.channel, "chat_id": d.chat_id, "payload": d.payload,
                 "status": PENDING, "priority": d.priority, "attempts": 0, "not_before": now,
                 "dedupe_key": d.dedupe_key, "created_at": now} for d in drafts]
        with self.engine.begin() as conn:
            ids = [int(i) for i in conn.execute(stmt, rows).scalars()]
        return ids

    def claim(self, channel: str, *, limit: int, lease: timedelta, now: datetime | None = None) -> list[Envelope]:
        """Atomically mark up to `limit` due rows as sending (FOR UPDATE SKIP LOCKED on PostgreSQL)."""
        now = now or utcnow()
        due = or_(and_(_col(T.status) == PENDING, _col(T.not_before) <= now),
                  and_(_col(T.status) == SENDING, _col(T.lease_until) < now))
        ids = (select(_col(T.id)).where(_col(T.channel) == channel, due)
               .order_by(_col(T.priority), _col(T.id)).limit(limit).with_for_update(skip_locked=True))
        stmt = (update(T).where(_col(T.id).in_(ids.scalar_subquery()))
                .values(status=SENDING, attempts=_col(T.attempts) + 1, lease_until=now + lease)
                .returning(_col(T.id), _col(T.tenant), _col(T.chat_id), _col(T.payload), _col(T.attempts),
                           _col(T.priority)))
        with self.engine.begin() as conn:
            rows = conn.execute(stmt).all()
        rows = sorted(rows, key=lambda r: (r.priority, r.id))
        return [Envelope(id=r.id, tenant=r.tenant, channel=channel, chat_id=r.chat_id, payload=r.payload,
                         attempts=r.attempts) for r in rows]

    def _finish(self, row_id: int, **values: Any) -> bool:
        stmt = update(T).where(_col(T.id) == row_id, _col(T.status) == SENDING).values(**values)
        with self.engine.begin() as conn:
            return bool(conn.execute(stmt).rowcount)

    def sent(self, row_id: int, *, external_id: str | None = None, now: datetime | None = None) -> bool:
        return self._finish(row_id, status=SENT, sent_at=now or utcnow(), external_id=external_id,
                            lease_until=None, last_error=None)

    def release(self, row_id: int, *, not_before: datetime, error: str | None = None,
                count_attempt: bool = True) -> bool:
        """Back to pending until `not_before`: a retry (counts) or a rate-limit deferral (does not)."""
        values: dict[str, Any] = {"status": PENDING, "not_before": not_before, "lease_until": None}
        if error is not None:
            values["last_error"] = error[:500]
        if not count_attempt:
            values["attempts"] = _col(T.attempts) - 1
        return self._finish(row_id, **values)

    def fail(self, row_id: int, *, error: str) -> bool:
        return self._finish(row_id, status=FAILED, last_error=error[:500], lease_until=None)

    def recover(self, channel: str | None = None) -> int:
        """On start-up of the only sender: rows a crashed process left in `sending` are due again now."""
        stmt = update(T).where(_col(T.status) == SENDING).values(status=PENDING, lease_until=None)
        if channel is not None:
            stmt = stmt.where(_col(T.channel) == channel)
        with self.engine.begin() as conn:
            return int(conn.execute(stmt).rowcount)

    def get(self, row_id: int) -> Envelope | None:
        with self.engine.connect() as conn:
            r = conn.execute(select(_col(T.id), _col(T.tenant), _col(T.channel), _col(T.chat_id), _col(T.payload),
                                    _col(T.attempts)).where(_col(T.id) == row_id)).first()
        return None if r is None else Envelope(id=r.id, tenant=r.tenant, channel=r.channel, chat_id=r.chat_id,
                                               payload=r.payload, attempts=r.attempts)

    def counts(self, channel: str | None = None) -> dict[str, int]:
        stmt = select(_col(T.status), func.count()).group_by(_col(T.status))
        if channel is not None:
            stmt = stmt.where(_col(T.channel) == channel)
        with self.engine.connect() as conn:
            return {status: int(n) for status, n in conn.execute(stmt).all()}

    def next_due(self, channel: str) -> datetime | None:
        """When the earliest pending row becomes due (the sender sleeps until then)."""
        stmt = select(func.min(_col(T.not_before))).where(_col(T.channel) == channel, _col(T.status) == PENDING)
        with self.engine.connect() as conn:
            value = conn.execute(stmt).scalar()
        return value if isinstance(value, datetime) else None

    def purge(self, *, sent_before: datetime) -> int:
        """Delete delivered rows older than the given time (their buttons stop resolving then)."""
        stmt = delete(T).where(_col(T.status) == SENT, _col(T.sent_at) < sent_before)
        with self.engine.begin() as conn:
            return int(conn.execute(stmt).rowcount)

    def try_lead(self, channel: str) -> Connection | None:
        """Become the one sender of this channel among all processes sharing the database.

        PostgreSQL: a session advisory lock, held until `step_down(conn)`. SQLite (one host, one server
        process): always granted.
        """
        conn = self.engine.connect()
        if self.engine.dialect.name != "postgresql":
            return conn
        got = conn.execute(text("SELECT pg_try_advisory_lock(hashtext(:k))"), {"k": f"kuguan-outbox:{channel}"})
        if got.scalar():
            conn.commit()
            return conn
        conn.close()
        return None

    def step_down(self, conn: Connection) -> None:
        """Release the leadership: the pooled session would keep the advisory lock, so it is discarded."""
        if self.engine.dialect.name == "postgresql":
            conn.invalidate()
        conn.close()
