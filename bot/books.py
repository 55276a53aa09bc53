"""Closing the books in the chat (结账到5月31日 · 月结 · 反结账 · 账结到哪天了): the owner's, shown first with what is
held at the day's close, and audited; anyone may ask how far they are closed."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from bot import replies
from domain import commands, periods
from workflows import reports, stockbook
from workflows.ports import UnitOfWork


def close_books(t: Any, uow: UnitOfWork, turn: Any, cmd: commands.CloseBooks, *, confirmed: bool,
                ask: Callable[[str], None]) -> None:
    settings = uow.catalog.tenant_row().settings
    now: datetime = turn.now
    closed = periods.closed_through(settings)
    if cmd.action == "ask":
        turn.user.require("query")
        if closed is None:
            turn.reply(t("books.never", turn.lang))
            return
        by: dict[str, Any] = next(iter(uow.chat.audits("books_closed", limit=1)), {})
        turn.reply(t("books.through", turn.lang, through=replies.on_day(turn.lang, closed),
                     who=_who(uow, str(by.get("user") or ""))))
        return
    turn.user.require("admin")
    through = cmd.through
    if cmd.action == "close":
        assert through is not None
        if through >= now.date():
            turn.reply(t("books.not_past", turn.lang, through=replies.on_day(turn.lang, through)))
            return
        if closed is not None and through <= closed:
            turn.reply(t("books.already", turn.lang, through=replies.on_day(turn.lang, closed)))
            return
    elif closed is None or (through is not None and through >= closed):
        turn.reply(t("books.nothing_to_reopen", turn.lang) if closed is None else
                   t("books.already", turn.lang, through=replies.on_day(turn.lang, closed)))
        return
    day = replies.on_day(turn.lang, through) if through is not None else ""
    if not confirmed:
        if cmd.action == "close" and through is not None:
            ask(t("books.ask_close", turn.lang, through=day, value=_held_value(uow, through, now)))
        else:
            ask(t("books.ask_reopen" if through else "books.ask_reopen_all", turn.lang, through=day,
                  closed=replies.on_day(turn.lang, closed)))
        return
    uow.catalog.set_tenant_setting(periods.KEY, through.isoformat() if through else None)
    uow.chat.audit(at=now, actor=turn.user.username, action="books_closed",
                   detail={"user": turn.user.username, "action": cmd.action,
                           "through": through.isoformat() if through else None,
                           "was": closed.isoformat() if closed else None})
    turn.reply(t(f"books.done_{cmd.action}" if through else "books.done_reopen_all", turn.lang, through=day))


def _held_value(uow: UnitOfWork, through: date, now: datetime) -> str:
    """What every place held at the end of ``through``, each lot at what it came in at."""
    end = datetime.combine(through + timedelta(days=1), time(), tzinfo=now.tzinfo)
    rows = stockbook.book(uow, location=None, since=end, until=end)
    return reports.money(sum((r.value("opening") or Decimal(0) for r in rows.values()), Decimal(0)))


def _who(uow: UnitOfWork, username: str) -> str:
    u = uow.catalog.user(username) if username else None
    return u.display_name if u is not None else username

