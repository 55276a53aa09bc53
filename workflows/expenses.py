"""Running costs (费用): kept once confirmed (a purchaser's, a manager's or the owner's, audited), undone by 撤销 right
after, listed for a span (这个月的费用), and taken off the gross margin where the takings are asked (这个月赚了多少:
净利). A cost is kept at the place said, else the speaker's store, else the company's (no place)."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, tzinfo
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from domain import commands, errors, expenses, periods
from workflows import wording
from workflows.ports import UnitOfWork
from workflows.turns import JobTurn

if TYPE_CHECKING:   # (purchasing reads reports, which keeps the recurring costs here: no import at run time)
    from workflows.purchasing import Turn


def words(t: Any, lang: str, category: str, note: str) -> str:
    """What a cost was for: 房租 · 打印纸 (a word of its kind) · 拖把(其他) (anything else, with its kind)."""
    kind = str(t(f"expense.cat.{category}", lang))
    if not note or note == kind or expenses.WORDS.get(note) == category and lang == "zh_CN":
        return note or kind
    return f"{note}({kind})"


def record(uow: UnitOfWork, turn: Turn, cmd: commands.RecordExpense, *, t: Any, rule: int | None = None) -> int:
    """The cost kept (its day's books still open), audited, and said with the month's costs so far; ``rule``: kept
    by that recurring cost's rule (每月1号交房租5000), said so, with how to change or stop it."""
    tz = turn.now.tzinfo
    day = cmd.day or turn.now.date()
    periods.check_day(day, through=periods.closed_through(uow.catalog.tenant_row().settings))
    at = turn.now if day == turn.now.date() else datetime.combine(day, time(12), tzinfo=tz)
    where = cmd.location or turn.user.location
    eid: int = uow.expenses.add(amount=cmd.amount, category=cmd.category, at=at, note=cmd.note, location=where,
                                actor=turn.user.username, message_id=turn.message_id, method=cmd.method)
    uow.chat.audit(at=turn.now, actor=turn.user.username, action="expense",
                   detail={"expense": eid, "amount": str(cmd.amount), "category": cmd.category, "note": cmd.note,
                           "location": where, "day": day.isoformat()} | ({"rule": rule} if rule is not None else {})
                   | ({"method": cmd.method} if cmd.method else {}))
    first = day.replace(day=1)
    month = expenses.total(of_span(uow, first, periods.month_end(day.year, day.month), location=where, tz=tz))
    turn.reply(t("expense.done" if rule is None else "expense.by_rule", turn.lang, id=eid, rule=rule,
                 what=words(t, turn.lang, cmd.category, cmd.note),
                 amount=wording.money(cmd.amount), day=f"{day:%m-%d}", where=(wording.loc_name(uow, where) if where
                 else t("expense.company", turn.lang)) + _paid_by(t, turn.lang, cmd.method), month=first.month,
                 total=wording.money(month)))
    return eid


def recurring(uow: UnitOfWork, box: Any, t: Any, *, rule: Any, params: dict[str, Any], now: datetime) -> int | None:
    """The cost a recurring cost's rule (``params``: amount, category, note, location) keeps now, as its owner; its
    id. Nothing when the owner has left; when the owner may no longer keep costs, or the day's books are closed, the
    owner hears why."""
    owner = uow.catalog.user(rule.owner)
    if owner is None or not owner.active:
        return None
    turn = JobTurn(user=owner, now=now, box=box, message_id=f"rule:{rule.number}:{now.isoformat()}")
    try:
        owner.require("purchase")
        return record(uow, turn, commands.RecordExpense(
            amount=Decimal(str(params["amount"])), category=str(params["category"]), note=str(params.get("note") or ""),
            location=params.get("location") or None), t=t, rule=rule.number)
    except errors.DomainError as exc:
        why = t(f"err.{exc.code}", owner.language, **exc.params)
        box.push(owner.username, str(t("expense.by_rule_failed", owner.language, rule=rule.number, why=why)))
        return None


def asked_words(t: Any, lang: str, uow: UnitOfWork, cmd: commands.RecordExpense, user_location: str | None) -> str:
    """What a cost about to be kept is, for the question before it is."""
    where = cmd.location or user_location
    return str(t("expense.ask", lang, what=words(t, lang, cmd.category, cmd.note), amount=wording.money(cmd.amount),
                 day=f"{cmd.day:%m-%d}" if cmd.day else t("expense.today", lang),
                 where=(wording.loc_name(uow, where) if where else t("expense.company", lang))
                 + _paid_by(t, lang, cmd.method)))


def _paid_by(t: Any, lang: str, method: str | None) -> str:
    """,现金 (how a cost was paid, when said); "" when not."""
    return str(t("expense.paid_by", lang, method=wording.method_name(t, lang, method))) if method else ""


def last_of(uow: UnitOfWork, actor: str, *, since: datetime) -> expenses.Expense | None:
    """The latest cost ``actor`` kept since then that stands (neither undone nor an undoing)."""
    mine = [x for x in expenses.standing(uow.expenses.list(since=since)) if x.actor == actor]
    return max(mine, key=lambda x: (x.at, x.id), default=None)


def void(uow: UnitOfWork, turn: Turn, cmd: commands.VoidExpense, *, t: Any) -> None:
    """撤销 right after a cost: an entry of the opposite amount (the first stays, as every record does)."""
    row = errors.undoable(uow.expenses.get(cmd.expense_id), lambda: uow.expenses.is_reversed(cmd.expense_id),
                          kind="expense", id=cmd.expense_id)
    uow.expenses.add(amount=-row.amount, category=row.category, at=turn.now, note=row.note, location=row.location,
                     actor=turn.user.username, message_id=turn.message_id, reverses=row.id, method=row.method)
    uow.chat.audit(at=turn.now, actor=turn.user.username, action="expense_voided",
                   detail={"expense": row.id, "amount": str(row.amount), "category": row.category})
    turn.reply(t("expense.voided", turn.lang, id=row.id, what=words(t, turn.lang, row.category, row.note),
                 amount=wording.money(row.amount)))


def of_span(uow: UnitOfWork, first: date, last: date, *, location: str | None, tz: tzinfo | None) -> list[expenses.Expense]:
    """The costs of the days ``first``..``last`` (undoings with them) at ``location`` (None: every place and the
    company's own)."""
    since = datetime.combine(first, time(), tzinfo=tz)
    every = uow.expenses.list(since=since, until=since + timedelta(days=(last - first).days + 1))
    return [x for x in every if location is None or x.location == location]


def spent(uow: UnitOfWork, first: date, last: date, *, location: str | None, tz: tzinfo | None) -> Decimal:
    """What the running costs kept on ``first`` .. ``last`` at ``location`` (everywhere: None) come to, net of those
    taken back."""
    return expenses.total(expenses.standing(of_span(uow, first, last, location=location, tz=tz)))


def answer(uow: UnitOfWork, t: Any, lang: str, cmd: commands.ExpenseQuery, *, location: str | None,
           tz: tzinfo | None) -> str:
    """这个月的费用: the span's costs by kind, largest first, with the total and the latest few; 这个月电费多少: one
    kind's, each cost."""
    xs = expenses.standing(of_span(uow, cmd.start, cmd.end, location=location, tz=tz))
    if cmd.category is not None:
        xs = [x for x in xs if x.category == cmd.category]
    span = wording.days_text(t, lang, cmd.start, cmd.end)
    where = wording.loc_name(uow, location) if location else str(t("expense.everywhere", lang))
    kind = str(t(f"expense.cat.{cmd.category}", lang)) if cmd.category else ""
    if not xs:
        return str(t("expense.none", lang, where=where, span=span, kind=kind))
    out = [str(t("expense.head", lang, where=where, span=span, kind=kind, total=wording.money(expenses.total(xs)),
                 n=len(xs)))]
    if cmd.category is None:
        out += [str(t("expense.line", lang, what=t(f"expense.cat.{c}", lang), amount=wording.money(v), n=n))
                for c, v, n in expenses.by_category(xs)]
    latest = sorted(xs, key=lambda x: x.at, reverse=True)[:10 if cmd.category else 5]
    out.append(str(t("expense.latest", lang)))
    out += [str(t("expense.item", lang, day=f"{x.at.astimezone(tz):%m-%d}", what=words(t, lang, x.category, x.note),
                  amount=wording.money(x.amount), where=wording.loc_name(uow, x.location) if x.location
                  else t("expense.company", lang))) for x in latest]
    return "\n".join(out)


def net_line(uow: UnitOfWork, t: Any, lang: str, *, first: date, last: date, location: str | None,
             margin: Decimal | None, tz: tzinfo | None) -> str:
    """🧾 同期费用 ¥5,800.00(房租 ¥5,000.00 …),净利约 ¥-5,680.00: the costs of the span the takings were asked for,
    and what is left of the gross margin; "" when none were kept."""
    kinds = expenses.by_category(of_span(uow, first, last, location=location, tz=tz))
    if not kinds:
        return ""
    spent = sum((v for _, v, _ in kinds), Decimal(0))
    parts = str(t("list_joiner", lang)).join(f"{t(f'expense.cat.{c}', lang)} {wording.money(v)}" for c, v, _ in kinds[:4])
    if margin is None:
        return str(t("expense.net_unknown", lang, total=wording.money(spent), parts=parts))
    return str(t("expense.net", lang, total=wording.money(spent), parts=parts, net=wording.money(margin - spent)))
