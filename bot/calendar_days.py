"""The company's calendar as the chat keeps it: event days (店庆 · 促销, whose uplift the forecast learns) and the days
a store is closed (店休 · 每周一店休, on which it forecasts nothing and the prep list stocks for nothing). Set or cleared
by a manager, shown first and audited; listed or asked about (明天开门吗) by anyone who records."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any

from bot import replies
from domain import catalog, closures, commands, errors
from nlu import context
from workflows import reports
from workflows.ports import UnitOfWork

PAST_SHOWN = 5   # past event days a list names


def event_days(t: Any, uow: UnitOfWork, turn: Any, cmd: commands.EventDays, *, confirmed: bool,
               ask: Callable[[str], None]) -> None:
    """The company's event days: listed (the coming ones, the last few past), or set or cleared by a manager, shown
    first (``ask``) and audited."""
    cal = dict(uow.catalog.settings().calendar or {})
    events = {str(k): str(v) for k, v in (cal.get("events") or {}).items()}
    today = turn.now.date().isoformat()
    if cmd.action == "list":
        turn.user.require("query")
        ahead = sorted((d, n) for d, n in events.items() if d >= today)
        past = sorted(((d, n) for d, n in events.items() if d < today), reverse=True)[:PAST_SHOWN]
        if not ahead and not past:
            turn.reply(t("event.list_none", turn.lang))
            return
        lines = [t("event.list_head", turn.lang), *(
            t("event.list_line", turn.lang, day=replies.on_day(turn.lang, date.fromisoformat(d)), name=n)
            for d, n in ahead)] if ahead else [t("event.list_no_coming", turn.lang)]
        if past:
            lines.append(t("event.list_past", turn.lang, items="、".join(
                f"{replies.on_day(turn.lang, date.fromisoformat(d))} {n}" for d, n in past)))
        turn.reply("\n".join(lines))
        return
    turn.user.require("approve")
    days = [d.isoformat() for d in cmd.days]
    said = replies.on_days(turn.lang, cmd.days[0], cmd.days[-1])
    if cmd.action == "clear" and not any(d in events for d in days):
        turn.reply(t("event.none_there", turn.lang, days=said))
        return
    if not confirmed:
        ask(t(f"event.ask_{cmd.action}", turn.lang, days=said, name=cmd.name))
        return
    for d in days:
        if cmd.action == "set":
            events[d] = cmd.name
        else:
            events.pop(d, None)
    uow.catalog.set_tenant_setting("calendar", {**cal, "events": events})
    uow.chat.audit(at=turn.now, actor=turn.user.username, action="calendar_events",
                   detail={"action": cmd.action, "days": days, "name": cmd.name})
    turn.reply(t(f"event.done_{cmd.action}", turn.lang, days=said, name=cmd.name))


def closure(t: Any, uow: UnitOfWork, turn: Any, cmd: commands.Closure, *, cat: context.Catalog | None, confirmed: bool,
            ask: Callable[[str], None]) -> None:
    """The days a store is closed: asked about (明天开门吗), listed, or set or cleared by a manager (their own store;
    another store or every store: the owner's), shown first with the bookings due on those days, and audited."""
    lang, user = turn.lang, turn.user
    place = cmd.location or user.location or closures.ALL
    where = _place(t, lang, place, cat)
    cal = dict(uow.catalog.settings().calendar or {})
    if cmd.action == "list":
        user.require("query")
        if cmd.days and place == closures.ALL and cat is not None:   # the owner's 明天开门吗: each store's answer
            stores = [loc.code for loc in cat.locations if loc.kind == catalog.LocationKind.STORE]
            turn.reply("\n".join(_asked(t, lang, cal, cmd.days, s, _place(t, lang, s, cat)) for s in stores))
            return
        turn.reply(_asked(t, lang, cal, cmd.days, place, where) if cmd.days else
                   _listed(t, lang, cal, turn.now.date(), place if cmd.location or user.location else None, cat))
        return
    user.require("approve")
    if place != user.location and user.location is not None and not user.can("admin"):
        raise errors.NotAllowed(code="closure_other_store", role=user.role.value)
    said = _when(t, lang, cmd)
    if cmd.action == "clear" and not closures.is_set(cal, place, days=cmd.days, weekdays=cmd.weekdays):
        company = place != closures.ALL and closures.is_set(cal, closures.ALL, days=cmd.days, weekdays=cmd.weekdays)
        turn.reply(t("closure.company_wide" if company else "closure.none_there", lang, place=where, days=said))
        return
    if not confirmed:
        text = t(f"closure.ask_{cmd.action}", lang, place=where, days=said, name=cmd.name)
        if cmd.action == "set" and cmd.days:
            text += _booked(t, lang, uow, cmd.days, place, turn.now)
        ask(text)
        return
    if cmd.weekdays:
        cal = closures.with_weekly(cal, place, cmd.weekdays, cmd.action == "set")
    if cmd.days:
        cal = closures.with_days(cal, place, cmd.days, cmd.name if cmd.action == "set" else None)
    uow.catalog.set_tenant_setting("calendar", cal)
    uow.chat.audit(at=turn.now, actor=user.username, action="calendar_closed",
                   detail={"action": cmd.action, "place": place, "days": [d.isoformat() for d in cmd.days],
                           "weekdays": list(cmd.weekdays), "name": cmd.name})
    again = t("closure.again_weekly", lang, weekdays=_weekdays(t, lang, cmd.weekdays)) if cmd.weekdays else \
        t("closure.again_days", lang, day=replies.on_day(lang, cmd.days[0]))
    turn.reply(t(f"closure.done_{cmd.action}", lang, place=where, days=said, name=cmd.name, again=again))



def _place(t: Any, lang: str, place: str, cat: context.Catalog | None) -> str:
    return str(t("closure.every_store", lang)) if place == closures.ALL else replies.loc_name(place, cat)


def _weekdays(t: Any, lang: str, weekdays: tuple[int, ...] | list[int]) -> str:
    return "、".join(str(t(f"weekday.{w}", lang)) for w in weekdays)


def _day(t: Any, lang: str, d: date) -> str:
    return f"{replies.on_day(lang, d)}({t(f'weekday.{d.weekday()}', lang)})"


def _when(t: Any, lang: str, cmd: commands.Closure) -> str:
    """每周一、周二 · 6月20日(周六) · 6月20日–6月22日."""
    if cmd.weekdays:
        return str(t("closure.every_week", lang, weekdays=_weekdays(t, lang, cmd.weekdays)))
    if len(cmd.days) == 1:
        return _day(t, lang, cmd.days[0])
    return replies.on_days(lang, cmd.days[0], cmd.days[-1])


def _asked(t: Any, lang: str, cal: dict[str, Any], days: tuple[date, ...], place: str, where: str) -> str:
    """明天开门吗: each day said, open or closed (and why) at the store."""
    lines = []
    for d in days:
        why = closures.closed_on(cal, d, None if place == closures.ALL else place)
        lines.append(t("closure.open_on", lang, day=_day(t, lang, d), place=where) if why is None else
                     t("closure.closed_on", lang, day=_day(t, lang, d), place=where, name=reports.closure_name(t, lang, why)))
    return "\n".join(lines)


def _listed(t: Any, lang: str, cal: dict[str, Any], today: date, place: str | None, cat: context.Catalog | None
            ) -> str:
    """The weekly rest days and the coming closed days (the store's and the company's; everyone's for None)."""
    items = closures.listed(cal, since=today, places=None if place is None else {place, closures.ALL})
    if not items:
        return str(t("closure.list_none", lang))
    lines = [t("closure.list_head", lang)]
    for c in items:
        when = t("closure.every_week", lang, weekdays=_weekdays(t, lang, [c.weekday])) if c.weekday is not None \
            else _day(t, lang, c.day or today)
        lines.append(t("closure.list_line", lang, when=when, place=_place(t, lang, c.place, cat),
                       name=reports.closure_name(t, lang, c.name)))
    return "\n".join(lines)


def _booked(t: Any, lang: str, uow: UnitOfWork, days: tuple[date, ...], place: str, now: datetime) -> str:
    """⚠️ the bookings (tables, customers' orders) still due on the days to be closed, a count per day."""
    tz = now.tzinfo
    start = datetime.combine(days[0], time.min, tzinfo=tz)
    end = datetime.combine(days[-1] + timedelta(days=1), time.min, tzinfo=tz)
    rows = uow.chat.bookings(start=max(start, now), end=end, location=None if place == closures.ALL else place)
    per: dict[date, set[Any]] = {}
    for b in rows:   # a customer's order once, however many lines it booked
        d = b.at.astimezone(tz).date()
        per.setdefault(d, set()).add(("order", b.order_id) if b.order_id else ("table", b.note, b.at))
    if not per:
        return ""
    return "\n" + str(t("closure.booked", lang, items="、".join(
        t("closure.booked_day", lang, day=replies.on_day(lang, d), n=len(n)) for d, n in sorted(per.items()))))
