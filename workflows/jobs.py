"""Scheduled jobs and event-driven rule checks.

The same job bodies run from APScheduler in ``serve`` and from script mode's virtual clock
(``advance``). Every (job, slot) is claimed in the database first, so a job never fires twice,
even with several replicas.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger

from domain import catalog, errors, events, ledger, rules
from workflows import engine, metrics, network, reports
from workflows.ports import Clock, UowFactory, Weather

SLACK = Decimal("0.05")
DEFAULT_JOBS = {"prep_list": "0 7 * * *", "auto_purchase": "15 7 * * *", "transfer_check": "30 10 * * *",
                "evening_summary": "30 21 * * *", "anomalies": "0 21 * * *",
                "expiry": "5 7 * * *"}
COMPANY_JOBS = {"dues_report": "0 9 * * *"}   # not a store's: 账款提醒 (customers overdue, suppliers falling due)


@dataclass
class Notice:
    """A message a job or rule sends; buttons are (label, data) pairs."""
    to: str
    text: str
    buttons: list[list[tuple[str, str]]] = field(default_factory=list)
    id: int | None = None


class Outbox:
    """Messages produced while a job's unit of work is open; stored with it so buttons resolve."""

    def __init__(self) -> None:
        self.items: list[Notice] = []

    def push(self, to: str, text: str, buttons: Any = None) -> None:
        self.items.append(Notice(to=to, text=text, buttons=[[(b[0], b[1]) for b in row] for row in buttons or []]))

    def store(self, uow: Any, now: datetime) -> list[Notice]:
        gone = uow.catalog.departed(n.to for n in self.items)   # (someone who left hears nothing more)
        self.items = [n for n in self.items if n.to not in gone]
        for n in self.items:
            n.id = uow.chat.add_message(to=n.to, text=n.text, buttons=[[list(b) for b in row] for row in n.buttons],
                                        at=now)
        return self.items


def fire_times(cron: str, *, tz: str, start: datetime, end: datetime) -> Iterator[datetime]:
    """Fire times of a crontab expression in (start, end], in the tenant's time zone."""
    trig = CronTrigger.from_crontab(cron, timezone=ZoneInfo(tz))
    prev = None
    cur = start + timedelta(microseconds=1)
    while True:
        nxt = trig.get_next_fire_time(prev, cur)
        if nxt is None or nxt > end:
            return
        if nxt > start:
            yield nxt
        prev, cur = nxt, nxt + timedelta(seconds=1)


class Scheduler:
    def __init__(self, *, uow: UowFactory, clock: Clock, t: Any, forecaster: Any = None,
                 weather: Weather | None = None, deliver: Callable[[list[Any]], None] | None = None,
                 workday: Callable[[date, Any], bool] | None = None) -> None:
        self.uow, self.clock, self.t = uow, clock, t
        self.forecaster, self.weather = forecaster, weather
        self.deliver = deliver
        # reports written for one person by the conversation (name → (uow, user, now[, period=]) → text): a rule
        # sends them
        self.personal: dict[str, Callable[..., str]] = {}
        # (day, the tenant's calendar settings) → a working day? Without one: Monday to Friday
        self._workday = workday or (lambda d, _cal: d.weekday() < 5)

    # ------------------------------------------------------------ events
    def on_events(self, evs: list[events.Event]) -> list[Notice]:
        """Event-triggered rules and slow-mover checks after a write (edge-triggered)."""
        box = Outbox()
        moved = {(e.location, e.sku) for e in evs if isinstance(e, events.StockMoved)}
        sold = {(e.location, e.sku): (e.sold, e.batch) for e in evs if isinstance(e, events.StockMoved) and e.sold}
        subjects = moved | {(e.location, e.sku) for e in evs if isinstance(e, events.Booked)}
        if not subjects:
            return []
        sold_at = {e.location for e in evs if isinstance(e, events.StockMoved) and e.kind in SOLD}
        now = self.clock.now()
        with self.uow() as uow:
            abc = metrics.LazyABC(uow, now=now)
            shared: dict[Any, Any] = {}   # one store-wide forecast per store for all rules and products
            for rule in uow.rules.list(statuses=("active",)):
                draft = rules.draft_from_dict(rule.spec)
                if draft.trigger.kind != "event":
                    continue
                if rules.store_wide(draft.conditions):   # 营业额超过5000时告诉我: once per store a sale moved
                    for loc in sorted(rules.store_subjects(draft, sold_at), key=str):
                        self._check_store(uow, box, rule, draft, location=loc, now=now)
                    continue
                # (营业额超过5000或可乐库存低于10: the store's takings part moves with any sale, for the products named)
                also = {(loc, sku) for loc in sold_at for sku in draft.scope.skus} \
                    if draft.scope.skus and rules.uses_store(draft.conditions) else set()
                for loc, sku in sorted(subjects | also):
                    self._check_rule(uow, box, rule, draft, location=loc, sku=sku, now=now, abc=abc, shared=shared,
                                     sale=sold.get((loc, sku)))
            if moved:
                reports.slow_movers(uow, box, self.t, now=now, only=moved)
            box.store(uow, now)
            uow.commit()
        return box.items

    def _in_scope(self, uow: Any, draft: rules.RuleDraft, *, location: str | None,
                  product: catalog.Product, abc: metrics.LazyABC) -> bool:
        sc = draft.scope
        if sc.skus and product.sku not in sc.skus:
            return False
        if sc.category and product.category != sc.category:
            return False
        if sc.abc_class and abc.get(product.sku, "C") != sc.abc_class:
            return False
        return not (sc.location and location and sc.location != location)

    def _check_rule(self, uow: Any, box: Outbox, rule: Any, draft: rules.RuleDraft, *, location: str | None,
                    sku: str, now: datetime, abc: metrics.LazyABC, shared: dict[Any, Any] | None = None,
                    sale: tuple[Decimal, str] | None = None) -> None:
        """``sale``: what the write being checked sold of it here, and that write's batch."""
        product = uow.catalog.product(sku)
        if product is None or not self._in_scope(uow, draft, location=location, product=product, abc=abc):
            return
        snap = metrics.Snapshot(uow, location=location, product=product, now=now, weather=self.weather, abc=abc,
                                forecaster=self.forecaster, shared=shared, sold=sale[0] if sale else Decimal(0))
        subject = f"{location or '*'}:{sku}"
        if rules.per_sale(draft.conditions):   # 一次卖超过10箱: each such sale its own alert (once per write)
            if sale is None:
                return
            subject += f"#{sale[1]}"
        alert_id = _edge(uow, rule, draft, snap, subject=subject, now=now)
        if alert_id is not None:
            reports.act(uow, box, self.t, rule=rule, draft=draft, snap=snap, location=location, product=product,
                        now=now, alert_id=alert_id)

    def _check_store(self, uow: Any, box: Outbox, rule: Any, draft: rules.RuleDraft, *, location: str | None,
                     now: datetime) -> None:
        """A rule on the store alone (营业额超过5000), for one store (the whole company: None)."""
        snap = metrics.StoreSnapshot(uow, location=location, now=now)
        alert_id = _edge(uow, rule, draft, snap, subject=f"{location or '*'}:*", now=now)
        if alert_id is not None:
            reports.act(uow, box, self.t, rule=rule, draft=draft, snap=snap, location=location, product=None,
                        now=now, alert_id=alert_id)

    # ------------------------------------------------------------ clock
    def advance(self, start: datetime, end: datetime) -> list[Notice]:
        """Run, in time order, every job due in (start, end]; the clock shows each job's time."""
        with self.uow(write=False) as uow:
            waiting = uow.network.waiting()   # (read with the schedule: no second transaction every second)
            tz = uow.catalog.settings().timezone
            calendar = uow.catalog.settings().calendar
            stores = [loc for loc in uow.catalog.locations() if loc.kind == catalog.LocationKind.STORE]
            schedule: list[tuple[datetime, str, Any]] = []
            for loc in stores:
                conf = uow.catalog.location_settings(loc.code).get("jobs", {})
                for job, cron in DEFAULT_JOBS.items():
                    for at in fire_times(conf.get(job, cron), tz=tz, start=start, end=end):
                        schedule.append((at, job, loc.code))
            spans = {3, 14}  # slow-mover limits (days without a sale)
            for rule in uow.rules.list(statuses=("active",)):
                draft = rules.draft_from_dict(rule.spec)
                if draft.trigger.kind == "schedule" and draft.trigger.cron:
                    for at in fire_times(draft.trigger.cron, tz=tz, start=start, end=end):
                        if not draft.trigger.workdays or self._workday(at.date(), calendar):
                            schedule.append((at, "rule", rule.number))
                spans |= _idle_days(draft.conditions)
            for job, cron in COMPANY_JOBS.items():   # (the company's, once, not a store's)
                for at in fire_times(cron, tz=tz, start=start, end=end):
                    schedule.append((at, job, None))
            # hourly ticks for conditions that change with time alone (forecasts, bookings, weather) …
            for at in fire_times("0 * * * *", tz=tz, start=start, end=end):
                schedule.append((at, "tick", None))
            # … and the exact moments "no sale for N days" becomes true, so those alerts are not late
            # a sale older than start − the longest span has all its deadlines before start
            for last in uow.stock.last_sales(since=start - timedelta(days=max(spans), seconds=1)).values():
                for days in spans:
                    at = last + timedelta(days=days, seconds=1)
                    if start < at <= end:
                        schedule.append((at, "tick", None))
        out: list[Notice] = []
        set_clock = getattr(self.clock, "set", None)
        for at, job, arg in sorted(schedule, key=lambda x: (x[0], x[1] != "tick", str(x[2]))):
            if set_clock:
                set_clock(at)
            out += self.run_job(job, arg, at=at)
        if set_clock:
            set_clock(end)
        return out + (self.network_inbox(end, waiting=waiting) if waiting else [])

    def network_inbox(self, now: datetime, *, limit: int = 50, waiting: int | None = None) -> list[Notice]:
        """What linked companies sent us, applied one message a transaction, in order (while another replica applies
        them, this one leaves them); a message that cannot be applied is marked so, never retried every second.
        ``waiting``: how many wait, read already (else read here, with no write lock taken for it)."""
        out: list[Notice] = []
        if waiting is None:
            with self.uow(write=False) as uow:
                waiting = uow.network.waiting()
        if not waiting:
            return out
        for _ in range(limit):
            box = Outbox()
            try:
                with self.uow() as uow:
                    if not network.apply_next(uow, box, self.t, now=now):
                        break
                    box.store(uow, now)
                    uow.commit()
            except (errors.DomainError, KeyError, ValueError, TypeError, ArithmeticError) as exc:
                box = Outbox()
                with self.uow() as uow:
                    network.mark_failed(uow, box, self.t, now=now, error=exc)
                    box.store(uow, now)
                    uow.commit()
            out += box.items
        return out

    def run_job(self, job: str, arg: Any, *, at: datetime, claim: bool = True) -> list[Notice]:
        box = Outbox()
        with self.uow() as uow:
            slot = f"{arg}:{at.isoformat()}"
            if claim and not uow.chat.claim_job(job, slot, at):
                return []
            abc = metrics.LazyABC(uow, now=at)
            if job == "rule":
                rule = uow.rules.get(int(arg))
                if rule is not None and rule.status == "active":
                    reports.scheduled_rule(uow, box, self.t, rule=rule, now=at, forecaster=self.forecaster,
                                           weather=self.weather, abc=abc, personal=self.personal)
                    if rules.draft_from_dict(rule.spec).trigger.once:   # 明天早上提醒我…: said, and done
                        uow.rules.update(rule, status="done", at=at)
            elif job == "tick":
                reports.slow_movers(uow, box, self.t, now=at)
                reports.late_deliveries(uow, box, self.t, now=at)   # (purchase orders past their time)
                shared: dict[Any, Any] = {}
                for rule in uow.rules.list(statuses=("active",)):
                    draft = rules.draft_from_dict(rule.spec)
                    if draft.trigger.kind != "event" or not _time_dependent(draft.conditions):
                        continue
                    for loc in [loc.code for loc in uow.catalog.locations() if loc.kind.is_physical]:
                        for p in (p for p in uow.catalog.products() if p.active):
                            self._check_rule(uow, box, rule, draft, location=loc, sku=p.sku, now=at, abc=abc,
                                             shared=shared)
            else:
                getattr(reports, job)(uow, box, self.t, location=arg, now=at, forecaster=self.forecaster)
            box.store(uow, at)
            uow.commit()
        return box.items


SOLD = {ledger.MoveKind.SALE.value, ledger.MoveKind.CUSTOMER_RETURN.value}   # the moves that change the takings


def _edge(uow: Any, rule: Any, draft: rules.RuleDraft, snap: engine.Variables, *, subject: str, now: datetime
          ) -> int | None:
    """Edge-trigger a rule for one subject (with hysteresis, and not while snoozed); the alert's id when it fires.
    A condition counted from the start of a day, week or month (今天的营业额 · 今天的报损) re-arms as a new one begins."""
    start = rules.period_start(draft.conditions, now.date())
    key, subject = f"rule:{rule.number}", subject + (f"@{start.isoformat()}" if start is not None else "")
    state = uow.rules.alert(key, subject)
    active = bool(state and state.active)
    now_true = engine.evaluate(draft.conditions, snap)
    still = engine.evaluate(draft.conditions, snap, slack=SLACK) if active else now_true
    fire, active_after = engine.edge(now_true=now_true, still_true=still, active=active)
    if fire and state is not None and state.snoozed_until and state.snoozed_until > now:
        fire = False
    if fire or active_after != active:
        uow.rules.set_alert(key, subject, active=active_after, at=now if fire else None)
    return int(uow.rules.alert(key, subject).id) if fire else None


TIME_VARS = {"days_since_sale", "days_since_receipt", "expiring", "sales_sum", "sales_mean", "sales_std", "sales_cv", "forecast", "booked",
             "rain_days_ahead", "temperature", "inbound_eta_hours", "available", "days_of_cover"}


def _idle_days(node: rules.Group | rules.Condition) -> set[int]:
    """N of every "days since the last sale ≥ N" condition."""
    if isinstance(node, rules.Condition):
        if node.var == "days_since_sale" and node.op in ("ge", "gt"):
            try:
                return {int(Decimal(str(node.value)))}
            except ArithmeticError:
                return set()
        return set()
    out: set[int] = set()
    for it in node.items:
        out |= _idle_days(it)
    return out


def _time_dependent(node: rules.Group | rules.Condition) -> bool:
    if isinstance(node, rules.Condition):
        return node.var in TIME_VARS or (node.op.endswith("_var") and rules.other_variable(node)[0] in TIME_VARS)
    return any(_time_dependent(it) for it in node.items)

