"""Job bodies and rule actions: prep list, transfer check, evening summary, expiry, slow movers."""
from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from domain import bom, catalog, chain, closures, commands, ledger, orders, production, replenishment, rules, units
from workflows import anomalies as anomaly
from workflows import budgets, dues, engine, inventory, metrics, spoilage, standing, stockbook, till, wording
from workflows import expenses as costs
from workflows import targets as goals

# (the shared wording, under the names its many readers know it by here)
N, loc_name, qty, money, days_text = wording.N, wording.loc_name, wording.qty, wording.money, wording.days_text
partner_name = dues.partner_name


def recipients(uow: Any, names: list[str] | tuple[str, ...], *, location: str | None) -> list[str]:
    """Usernames for names that are usernames or roles (manager = the location's managers)."""
    users: list[catalog.User] = uow.catalog.users()
    out: list[str] = []
    for n in names:
        if any(u.username == n for u in users):
            out.append(n)
            continue
        role = n
        if role == "everyone":   # 提醒大家盘点: whoever works at the place (everyone but suppliers, for no place)
            out += [u.username for u in users if (u.role != catalog.Role.SUPPLIER if location is None else
                                                  u.location == location and u.role in (catalog.Role.STAFF,
                                                                                        catalog.Role.MANAGER))]
            continue
        # a store's managers and staff are its own; purchasers and the owner serve every place
        local = role in ("manager", "staff") and location is not None
        matched = [u for u in users if u.role.value == role and (not local or u.location == location)]
        if not matched and role == "manager":
            matched = [u for u in users if u.role.value == role]
        out += [u.username for u in matched]
    return list(dict.fromkeys(out))


def _lang(uow: Any, username: str) -> str:
    u = uow.catalog.user(username)
    return u.language if u else "zh_CN"


def act(uow: Any, box: Any, t: Any, *, rule: Any, draft: rules.RuleDraft, snap: Any,
        location: str | None, product: catalog.Product | None, now: datetime, alert_id: int | None) -> None:
    """Run a rule's actions for one subject: a product at a place (``snap`` a ``metrics.Snapshot``), or a store alone
    (``product`` None, ``snap`` a ``metrics.StoreSnapshot``; the whole company: ``location`` None too)."""
    checked = engine.leaves(draft.conditions, snap)

    def detail(lang: str) -> str:
        """Where the product stands, then each condition's value against its threshold, in the reader's language."""
        facts = "; ".join(var_label(t, lang, c) + f" {_fmt(left)}" + (f" / {_fmt(right)}" if right is not None else "")
                          for c, left, right, _ in checked)
        if product is None:   # 南山店:今日营业额(元) 800 / 1000
            return str(t("alert.store", lang, location=loc_name(uow, location) if location else t("rule.company", lang),
                         facts=facts))
        return str(t("alert.below", lang, location=loc_name(uow, location), product=product.name,
                     qty=qty(product, snap("on_hand", {})))) + (f"\n({facts})" if facts else "")

    for a in draft.actions:
        p = a.params
        if a.kind == "notify":
            targets = recipients(uow, list(p.get("to") or [rule.owner]) + list(p.get("cc") or []), location=location)
            for u in targets:
                box.push(u, t("alert.rule", _lang(uow, u), id=rule.number, text=rule.text, detail=detail(_lang(uow, u))),
                         [[(t("btn.snooze", _lang(uow, u)), f"snz:{alert_id}")]] if alert_id else None)
        elif a.kind == "purchase_request" and product is not None:   # (a product's actions: not on a store's rule)
            need = _need(snap, product, p.get("qty"))
            o = orders.Order(kind=orders.OrderKind.PURCHASE_REQUEST, status=orders.Status.PENDING_APPROVAL,
                             lines=(orders.OrderLine(sku=product.sku, qty=need, unit_price=product.unit_cost),),
                             created_at=now, location=location, created_by=rule.owner, note=f"rule:{rule.number}",
                             meta={"conditions": [f"{v}={_fmt(left)}" for v, left, _r, _ok in
                                                  engine.explain(draft.conditions, snap)]})
            oid = uow.orders.add(o)
            for u in recipients(uow, ["manager"], location=location):
                box.push(u, t("approval_request", _lang(uow, u), who=f"#{rule.number}", id=oid,
                              order=f"{product.name} {qty(product, need)}",
                              amount=f"¥{(need * (product.unit_cost or 0)):.2f}"),
                         [[(t("btn.approve", _lang(uow, u)), f"ap:{oid}"), (t("btn.reject", _lang(uow, u)), f"rj:{oid}")]])
        elif a.kind == "transfer" and product is not None:
            source = p.get("source") or _warehouse(uow)
            need = _need(snap, product, p.get("qty"))
            if source and location and source != location:
                lang = _lang(uow, rule.owner)   # the suggestion's text, in the language of the rule's owner
                text = t("alert.rule", lang, id=rule.number, text=rule.text,
                         detail=detail(lang) + "\n" + t("rule_transfer", lang, source=loc_name(uow, source),
                                                         product=product.name, qty=qty(product, need)))
                _suggest_transfer(uow, box, t, source=source, dest=location, product=product, need=need, now=now,
                                  owner=rule.owner, text=text, rule_id=rule.number,
                                  conditions=[f"{v}={_fmt(left)}" for v, left, _r, _ok in
                                              engine.explain(draft.conditions, snap)])
        elif a.kind == "adjust_safety_stock" and product is not None:
            row = uow.catalog.tenant_row()
            settings = dict(row.settings or {})
            over = dict(settings.get("safety_overrides", {}))
            until = now + timedelta(days=int(p.get("days") or 7))
            over[product.sku] = {"pct": str(p.get("pct", 0)), "until": until.isoformat(), "rule": rule.number}
            settings["safety_overrides"] = over
            row.settings = settings
            uow.catalog.s.add(row)
            for u in recipients(uow, [rule.owner], location=location):
                box.push(u, t("alert.rule", _lang(uow, u), id=rule.number, text=rule.text,
                              detail=f"{product.name} 安全库存 +{p.get('pct')}% → {until:%m-%d}"))
        elif a.kind == "manual_review":
            uow.rules.update(rule, status="manual", at=now)
        elif a.kind == "send_report":
            report = str(p.get("report") or "prep_list")
            fn = globals().get(report)
            if fn is not None:
                fn(uow, box, t, location=location, now=now, forecaster=None, to=list(p.get("to") or [rule.owner]))


def var_label(t: Any, lang: str, c: rules.Condition) -> str:
    """A condition's variable as an alert names it: 近7日销量 · 今日营业额(元)."""
    if c.var == "takings":
        span, what, n = rules.takings_words(c)
        return str(t("var.takings", lang, span=t(span, lang, n=n), what=t(what, lang)))
    return str(t(f"var.{c.var}", lang, n=c.params.get("days") or c.params.get("hours")
                 or rules.WINDOW_DEFAULTS.get(c.var, "")))


def _fmt(v: Any) -> str:
    if isinstance(v, Decimal):
        return "∞" if v >= metrics.INF else str(N(v.quantize(Decimal("0.01"))))
    return str(v)


def _need(snap: metrics.Snapshot, product: catalog.Product, fixed: Any) -> Decimal:
    """A rule's order or transfer quantity: as given, else the same order-up-to as the prep list."""
    if fixed:
        return Decimal(str(fixed))
    return max(replenish(snap, product).quantity, round_pack(product, Decimal(1)))


def round_pack(product: catalog.Product, q: Decimal) -> Decimal:
    if not product.packs:
        return Decimal(math.ceil(q))
    f = min(product.packs.values())
    return N(Decimal(math.ceil(q / f)) * f)


def _warehouse(uow: Any) -> str | None:
    return next((loc.code for loc in uow.catalog.locations() if loc.kind == catalog.LocationKind.WAREHOUSE), None)


def _suggest_transfer(uow: Any, box: Any, t: Any, *, source: str, dest: str, product: catalog.Product, need: Decimal,
                      now: datetime, owner: str | None, text: str, rule_id: int | None = None,
                      conditions: list[str] | None = None) -> int:
    o = orders.Order(kind=orders.OrderKind.TRANSFER, status=orders.Status.PENDING_APPROVAL, created_at=now,
                     lines=(orders.OrderLine(sku=product.sku, qty=need),), location=dest, source=source,
                     created_by=owner, note=f"rule:{rule_id}" if rule_id else "transfer_check",
                     meta={"conditions": conditions or []})
    oid: int = uow.orders.add(o)
    # a rule's transfer is what its author asked for: confirmed (确认调拨); the 10:30 check's is the system's own
    # proposal, approved like a purchase request (批准), so that nothing moves until a manager has said yes
    approve = "btn.confirm_transfer" if rule_id else "btn.approve"
    for u in recipients(uow, ["manager"], location=dest):
        box.push(u, text, [[(t(approve, _lang(uow, u)), f"tr:{oid}"), (t("btn.reject", _lang(uow, u)), f"rj:{oid}")]])
    return oid


# ---------------------------------------------------------------- scheduled rules & jobs
def scheduled_rule(uow: Any, box: Any, t: Any, *, rule: Any, now: datetime, forecaster: Any, weather: Any,
                   abc: metrics.LazyABC, personal: Mapping[str, Callable[..., str]] | None = None
                   ) -> None:
    draft = rules.draft_from_dict(rule.spec)
    owner = uow.catalog.user(rule.owner)
    location = draft.scope.location or (owner.location if owner else None)
    sc = draft.scope
    kinds = {a.kind for a in draft.actions}
    if not draft.conditions.items and (kinds <= {"send_report", "place_order", "record_expense"} or (
            kinds <= {"notify", "send_report", "place_order"} and not (sc.skus or sc.category or sc.abc_class))):
        _remind(uow, box, t, rule=rule, draft=draft, location=location, now=now, forecaster=forecaster,
                personal=personal or {})
        return   # reports, and 每天早上7点提醒我盘点: one reminder, not one alert per product
    if rules.store_wide(draft.conditions):   # 每天21点若今天营业额低于1000: once per store
        for where in sorted(rules.store_subjects(draft, set(stores(uow, location))), key=str):
            snap_store = metrics.StoreSnapshot(uow, location=where, now=now)
            if engine.evaluate(draft.conditions, snap_store):
                act(uow, box, t, rule=rule, draft=draft, snap=snap_store, location=where, product=None, now=now,
                    alert_id=None)
        return
    shared: dict[Any, Any] = {}
    for p in uow.catalog.products():
        if not p.active or (sc.skus and p.sku not in sc.skus) or (sc.category and p.category != sc.category) or \
                (sc.abc_class and abc.get(p.sku, "C") != sc.abc_class):
            continue
        snap = metrics.Snapshot(uow, location=location, product=p, now=now, weather=weather, abc=abc,
                                forecaster=forecaster, shared=shared)
        if engine.evaluate(draft.conditions, snap):
            act(uow, box, t, rule=rule, draft=draft, snap=snap, location=location, product=p, now=now, alert_id=None)


def _remind(uow: Any, box: Any, t: Any, *, rule: Any, draft: rules.RuleDraft, location: str | None, now: datetime,
            forecaster: Any, personal: Mapping[str, Callable[..., str]]) -> None:
    """A scheduled rule about no product and with no condition: a reminder (its own words, else the rule's) to each
    person it names, and the reports it sends (one written for each person, ``personal``: their to-do, their
    store's cash-up)."""
    for a in draft.actions:
        if a.kind == "place_order":   # 每周一向张记订牛腩50斤: the standing order, placed now
            standing.place(uow, box, t, rule=rule, params=a.params, now=now)
            continue
        if a.kind == "record_expense":   # 每月1号交房租5000: the cost, kept now
            costs.recurring(uow, box, t, rule=rule, params=a.params, now=now)
            continue
        own = personal.get(str(a.params.get("report"))) if a.kind == "send_report" else None
        if own is not None:   # (with the span said with it: 每周一把上周的日结发给我)
            for u in recipients(uow, list(a.params.get("to") or [rule.owner]), location=location):
                user = uow.catalog.user(u)
                if user is not None:
                    box.push(u, own(uow, user, now, **({"period": a.params["period"]} if a.params.get("period")
                                                        else {})))
            continue
        if a.kind == "send_report":
            report = str(a.params.get("report") or "prep_list")
            fn = globals().get(report)
            if fn is None:
                continue
            # (the owner's, who has no store: each store's, of a report kept a store's)
            where = stores(uow, None) if location is None and report in STORE_REPORTS else [location]
            for place in where:   # (a span said with it: 昨天的销售 · 上周的报损)
                fn(uow, box, t, location=place, now=now, forecaster=forecaster,
                   to=list(a.params.get("to") or [rule.owner]),
                   **({"period": a.params["period"]} if a.params.get("period") else {}))
            continue
        for u in recipients(uow, list(a.params.get("to") or [rule.owner]) + list(a.params.get("cc") or []),
                            location=location):
            box.push(u, t("alert.reminder", _lang(uow, u), id=rule.number, text=a.params.get("text") or rule.text))


# the reports of one store (they say nothing for no store): a rule of the owner, who has none, sends each store's
STORE_REPORTS = frozenset({"prep_list", "evening_summary", "stock_report", "sales_week", "anomalies"})


def _store_people(uow: Any, location: str | None, to: list[str] | None) -> list[str]:
    return recipients(uow, to or ["manager"], location=location)


def _unscheduled(uow: Any, location: str | None, report: str) -> list[str]:
    """The store's managers who get a default job's report: not those who scheduled it with a rule of their own."""
    own = _scheduled_by(uow, report)
    return [p for p in _store_people(uow, location, None) if p not in own]


def _scheduled_by(uow: Any, report: str) -> set[str]:
    """Who scheduled ``report`` with an active rule of their own (the default job leaves them out)."""
    return {r.owner for r in uow.rules.list(statuses=("active",))
            if any(a.get("kind") == "send_report" and (a.get("params") or {}).get("report") == report
                   for a in (r.spec or {}).get("actions", []))}


def dues_report(uow: Any, box: Any, t: Any, *, location: str | None, now: datetime, forecaster: Any = None,
                to: list[str] | None = None) -> None:
    """账款提醒, the company's, not a store's: the morning job (no ``to``) tells the owners (the managers when there is
    no owner) each customer's delivery that went past its terms and each supplier's falling due within days, once, and
    nothing when nothing is new; a rule's schedule (每天早上9点把逾期账款发给我) gets the overdue and what falls due
    within a week, as it stands."""
    if to is not None:
        for u in recipients(uow, to, location=location):
            box.push(u, dues.summary(uow, t, _lang(uow, u), now=now))
        return
    users = uow.catalog.users()
    owners = [u.username for u in users if u.role == catalog.Role.ADMIN] \
        or [u.username for u in users if u.role == catalog.Role.MANAGER]
    own = _scheduled_by(uow, "dues_report")
    people = [u for u in owners if u not in own]
    if not people:
        return
    late, soon = dues.fresh(uow, now=now)
    if late or soon:
        for u in people:
            box.push(u, dues.morning_text(t, _lang(uow, u), late, soon, today=now.date()))


def prep_list(uow: Any, box: Any, t: Any, *, location: str | None, now: datetime, forecaster: Any = None,
              to: list[str] | None = None) -> None:
    """今日备货清单: per product, on hand vs forecast + booked + safety → what to order today.

    The default morning job skips people who scheduled their own prep list with a rule.
    """
    people = _store_people(uow, location, to) if to is not None else _unscheduled(uow, location, "prep_list")
    if not people or location is None:
        return
    lines = suggestions(uow, location=location, now=now, forecaster=forecaster)
    held = budgets.of(uow, location, now.date())   # (本月采购预算5万: what is left, beside what to order)
    left: dict[str, str] = {}   # (each language's once)
    for u in people:
        user = uow.catalog.user(u)
        lang = user.language if user else "zh_CN"
        buys = user is not None and user.can("purchase")
        buttons = [[(t("btn.request_purchases", lang), f"po:{location}")]] if lines and buys else None
        if buys and lang not in left:
            left[lang] = "".join("\n" + budgets.line(uow, t, lang, b, now=now) for b in held)
        box.push(u, prep_text(uow, t, lang, lines, location=location, now=now) + (left[lang] if buys else ""),
                 buttons)


def made_ahead(uow: Any, location: str | None, now: datetime) -> set[str]:
    """The products made at ``location`` in the last four weeks by someone saying so (今天做了30个可颂), not by a
    recipe as they sold: those with a recipe are made ahead, and the prep list says how many to make."""
    return {m.sku for m in uow.stock.moves(since=now - timedelta(days=28), kinds=[ledger.MoveKind.PRODUCTION.value])
            if m.dst == location and m.reverses is None and not bom.made_by_recipe(m.note)}


def closure_name(t: Any, lang: str, why: str) -> str:
    """Why a store is closed, as said: the name given (店休 · 装修停业), or 每周固定休息 for a weekly rest day."""
    return str(t("closure.weekly_rest", lang)) if why == closures.WEEKLY else why


def closed_note(uow: Any, t: Any, lang: str, *, location: str | None, when: datetime, tz: Any) -> str:
    """⚠️ a line when a booking or a customer's order falls on a day its store is closed (店休); else nothing."""
    day = when.astimezone(tz).date()
    shut = closures.closed_on(uow.catalog.settings().calendar, day, location)
    if shut is None:
        return ""
    return "\n" + str(t("closure.booked_on_closed", lang, day=f"{day.month}月{day.day}日" if lang == "zh_CN"
                         else f"{day:%m-%d}", place=loc_name(uow, location),
                         name=closure_name(t, lang, shut)))


TABLES_AHEAD = timedelta(hours=48)   # tables booked with no goods said, named on the prep list this far ahead


def prep_text(uow: Any, t: Any, lang: str, lines: list[tuple[catalog.Product, replenishment.Suggestion, Decimal]], *,
              location: str, now: datetime, supplier: str | None = None) -> str:
    """The prep list's message: its title, then every suggestion with its reasons, the most urgent first (the least
    of its forecast covered by what is on hand and on order); a long list goes out in parts, in order. What has a
    recipe is to make, not to order."""
    text = t("job.prep_title", lang, location=loc_name(uow, location), date=f"{now:%m-%d}") if supplier is None \
        else t("job.prep_title_from", lang, location=loc_name(uow, location), date=f"{now:%m-%d}",
               partner=partner_name(uow, supplier))
    shut = closures.closed_on(uow.catalog.settings().calendar, now.date(), location)
    if shut is not None:   # (a day the store is closed: the list stocks for the days it opens again)
        text += "\n" + t("job.prep_closed", lang, name=closure_name(t, lang, shut))
    tables = [b for b in uow.chat.bookings(start=now, end=now + TABLES_AHEAD, location=location)
              if b.sku == commands.NO_GOODS]
    if tables:   # (明天晚上6点有个20人的包桌, its goods not said: the list cannot stock for it)
        text += "\n" + t("job.prep_tables", lang, items="\n".join(
            f"· {b.at.astimezone(now.tzinfo):%m-%d %H:%M} {b.note}" for b in sorted(tables, key=lambda b: b.at)))
    recipes = uow.recipes.all_current()
    body = [explain(t, lang, p, sg, sf, make=p.sku in recipes) for p, sg, sf in sorted(lines, key=lambda x: cover(x[1]))]
    return str(text + "\n" + ("\n".join(body) if body else t("job.prep_none", lang) if supplier is None
                              else t("job.prep_none_from", lang, partner=partner_name(uow, supplier))))


def bought_from(uow: Any, p: catalog.Product) -> str | None:
    """Whom a product is bought from: the catalog's supplier, else whoever its latest receipt named."""
    if p.supplier is not None:
        return p.supplier
    received = uow.stock.standing(m for m in uow.stock.recent_moves(p.sku, limit=30)   # (an undone one names no one)
                                  if m.kind == ledger.MoveKind.RECEIPT and m.partner)
    return next((m.partner for m in received), None)


def cover(sug: replenishment.Suggestion) -> Decimal:
    """The share of a suggestion's forecast that what is on hand and on order covers, after the bookings."""
    have = sug.on_hand + sug.on_order - sug.booked
    return have / sug.forecast if sug.forecast > 0 else (Decimal(1) if have >= 0 else Decimal(-1))


def prep_now(uow: Any, t: Any, *, lang: str, location: str, now: datetime, forecaster: Any = None,
             supplier: str | None = None) -> tuple[str, int]:
    """The prep list asked for in the chat (今日备货清单): the morning's list as it stands now, with what was
    received and sold since, and how many products it asks to order. The store's kept mornings are read, not
    replaced: the morning's own run stays what the service level holds over. ``supplier``: its goods alone, those
    bought from it (给张记下单 · 张记要订什么)."""
    lines = suggestions(uow, location=location, now=now, forecaster=forecaster, keep=False)
    if supplier is not None:
        recipes = uow.recipes.all_current()
        lines = [x for x in lines if x[0].sku not in recipes and bought_from(uow, x[0]) == supplier]
    return prep_text(uow, t, lang, lines, location=location, now=now, supplier=supplier), len(lines)


def make_now(uow: Any, t: Any, *, lang: str, location: str, now: datetime, forecaster: Any = None) -> tuple[str, int]:
    """今天要做什么 · 今天烤多少: the prep list's products made from a recipe (what to make, as the list reckons it),
    and what they use of each ingredient against what the store has (those short marked); how many to make."""
    recipes = uow.recipes.all_current()
    lines = [(p, sug) for p, sug, _ in suggestions(uow, location=location, now=now, forecaster=forecaster, keep=False)
             if p.sku in recipes]
    where = loc_name(uow, location)
    products = {p.sku: p for p in uow.catalog.products()}
    work = [(o, production.product(o)) for o in uow.orders.list(kinds=["production"], statuses=["open", "partial"])
            if o.location == location]
    doing = str(t("make.work_counted" if lines else "make.work", lang, items=str(t("recipe.joiner", lang)).join(
        f"#{o.id} {products[ln.sku].name} {N(ln.received)}/{qty(products[ln.sku], ln.qty)}"
        + (f"({o.due.astimezone(now.tzinfo):%m-%d})" if o.due else "") for o, ln in work if ln.sku in products))) \
        if work else ""
    if not lines:   # (the work orders in hand, even when the list asks for nothing more)
        return str(t("make.none", lang, location=where)) + ("\n" + doing if doing else ""), 0
    need: dict[str, Decimal] = {}
    for p, sug in lines:
        for sku, q in recipes[p.sku].needs(sug.quantity):
            need[sku] = need.get(sku, Decimal(0)) + q
    out = [str(t("make.head", lang, location=where, date=f"{now:%m-%d}"))]
    out += [str(t("make.line", lang, product=p.name, qty=qty(p, sug.quantity))) for p, sug in lines]
    uses = []
    for sku, q in need.items():
        have = uow.stock.on_hand(location, sku)
        key = "make.use_short" if have < q else "make.use"
        uses.append(str(t(key, lang, product=products[sku].name, qty=qty(products[sku], units.normalize(q)),
                          have=qty(products[sku], have))))
    out.append(str(t("make.uses", lang, items=str(t("recipe.joiner", lang)).join(uses))))
    if doing:
        out.append(doing)
    return "\n".join(out), len(lines)


def why_now(uow: Any, t: Any, *, lang: str, location: str, now: datetime, forecaster: Any = None, sku: str
            ) -> tuple[str, Decimal]:
    """One product's suggestion as the prep list would make it now (为什么要订可乐 · 可乐该订多少), with its reasons,
    or why there is nothing to order; and the quantity it suggests (0: none)."""
    plan_ = store_plan(uow, location=location, now=now, forecaster=forecaster, keep=False)
    found = next(((snap, sug) for snap, sug, _, _ in plan_ if snap.product.sku == sku), None)
    if found is None:
        return str(t("job.prep_none", lang)), Decimal(0)
    snap, sug = found
    p = snap.product
    lines = [t("prep_why_title", lang, location=loc_name(uow, location), product=p.name),
             explain(t, lang, p, sug, snap("safety_stock", {}))]
    if sug.quantity <= 0:
        lines.append(t("prep_why_none", lang))
    return "\n".join(str(x) for x in lines), max(sug.quantity, Decimal(0))


COVER_DAYS = 28   # how far ``cover_now`` looks


def cover_now(uow: Any, t: Any, *, lang: str, location: str, now: datetime, forecaster: Any = None, sku: str,
              amount: Decimal | None = None) -> tuple[str, int]:
    """How long one product's stock lasts (可乐还能卖几天): the day the median forecast, plus the bookings, uses up
    what is on hand (today counts only what is still to sell: its forecast less what sold since midnight). What is on
    order is named, not counted: when it arrives is not known. ``amount``: how long that much lasts instead
    (可乐3箱够用几天), from now, beside what is on hand."""
    p = uow.catalog.product(sku)
    if p is None:
        return sku, 0
    snap = metrics.forecast_snapshot(uow, location=location, sku=sku, now=now, forecaster=forecaster,
                                     horizon=COVER_DAYS)
    rows = snap.forecast_days(COVER_DAYS)
    if rows is None:   # a product the tenant does not forecast: its 28-day mean
        mean = snap("sales_mean", {"days": 28})
        rows = [{"date": now.date() + timedelta(days=i), "q50": mean} for i in range(COVER_DAYS)]
    midnight = datetime.combine(now.date(), datetime.min.time(), tzinfo=now.tzinfo)
    booked = metrics.booked_by_day(uow.chat.bookings(start=now, end=midnight + timedelta(days=len(rows)), sku=sku,
                                                     location=location), now.tzinfo)
    sold_today = sum((q for _, q in uow.stock.daily_sales(location=location, sku=sku, since=midnight)), Decimal(0))
    on_hand, on_order = snap("on_hand", {}), snap.on_order()
    fmt = {"location": loc_name(uow, location), "product": p.name, "on_hand": qty(p, on_hand),
           "booked": t("cover.booked", lang, qty=qty(p, sum(booked.values(), Decimal(0)))) if booked else "",
           "on_order": t("cover.on_order", lang, qty=qty(p, on_order)) if on_order > 0 else ""}
    if amount is not None:
        fmt |= {"amount": qty(p, amount)}
    elif on_hand <= 0:
        return str(t("cover.empty", lang, **fmt)), 0
    if not booked and not any(q > 0 for d, q in snap.history(120) if d < now.date()):
        # never sold on a complete day: a forecast of zeros would read as "lasts for ever"
        return str(t("cover.amount_no_history" if amount is not None else "cover.no_history", lang, **fmt)), 0
    left = on_hand if amount is None else amount
    for i, r in enumerate(rows):
        need = Decimal(str(r.get("q50", r.get("qty", 0)))) + booked.get(r["date"], Decimal(0))
        if i == 0:
            need = max(Decimal(0), need - sold_today)
        if need > left:
            days = (Decimal(i) + left / need).quantize(Decimal("0.1"))
            return str(t("cover.amount_until" if amount is not None else "cover.until", lang,
                         date=f"{r['date']:%m-%d}", weekday=t(f"weekday.{r['date'].weekday()}", lang),
                         days=N(days), **fmt)), 1
        left -= need
    return str(t("cover.amount_beyond" if amount is not None else "cover.beyond", lang, days=len(rows), **fmt)), 0


# the suggestion's reasons worth a word (``replenishment.suggest``); the others are what its numbers already say
REASONS = ("capped_by_shelf_life", "rounded_to_pack", "raised_to_moq", "moq_would_spoil", "below_safety_stock",
           "lead_time")


def explain(t: Any, lang: str, p: catalog.Product, sug: replenishment.Suggestion, safety: Decimal, *,
            make: bool = False) -> str:
    """One suggestion with its reasons: on hand, forecast, booked, on order, safety stock → what to order (``make``:
    to make, from its recipe), and what changed the order-up-to quantity (only what sells within the shelf life,
    whole packs, the safety stock)."""
    line = str(t("job.make_line" if make else "job.prep_line", lang, product=p.name, on_hand=qty(p, sug.on_hand),
                 forecast=qty(p, sug.forecast.quantize(Decimal("0.1"))), booked=qty(p, sug.booked),
                 on_order=qty(p, sug.on_order), safety=qty(p, max(safety, sug.safety_stock).quantize(Decimal("0.1"))),
                 suggest=qty(p, sug.quantity),   # (what is made: its work orders' goods still to make are its on order)
                 in_work=t("job.in_work", lang, qty=qty(p, sug.on_order)) if make and sug.on_order > 0 else ""))
    pack = min(p.packs.items(), key=lambda kv: kv[1]) if p.packs else None
    codes = [*sug.reasons, *(["lead_time"] if sug.lead_time_days > catalog.DEFAULT_LEAD_DAYS else [])]
    notes = [t(f"reason.{code}", lang, days=p.shelf_life_days or "", cap=qty(p, (sug.shelf_life_cap or Decimal(0)).quantize(
                 Decimal("0.1"))), pack=pack[0] if pack else "", size=f"{N(pack[1])}{p.base_unit}" if pack else "",
               moq=qty(p, p.moq or Decimal(0)), lead=sug.lead_time_days)
             for code in codes if code in REASONS and (code != "rounded_to_pack" or pack)]
    return line + "".join(f" · {n}" for n in notes)


def suggestions(uow: Any, *, location: str, now: datetime, forecaster: Any, keep: bool = True
                ) -> list[tuple[catalog.Product, replenishment.Suggestion, Decimal]]:
    """What to order today at a store (products with something to order)."""
    return [(snap.product, sug, snap("safety_stock", {}))
            for snap, sug, _option, _period in store_plan(uow, location=location, now=now, forecaster=forecaster,
                                                          keep=keep)
            if sug.quantity > 0]


def store_plan(uow: Any, *, location: str, now: datetime, forecaster: Any, keep: bool = True
               ) -> list[tuple[metrics.Snapshot, replenishment.Suggestion, replenishment.StockOption,
                               replenishment.DayForecast]]:
    """Every product's suggestion at a store, with the stock option chosen for it and its period's demand.

    The forecaster serves the tenant's TOP-N products (or all), with one store-wide model. The store's stock
    goes where it prevents the most stockouts: the service level is the share of products with demand that
    are served in full over the period, met with the least stock expected to be left over, so a cheap,
    steady item is stocked to a higher level than a bulky, erratic one. It holds over the store's last
    ``RATE_WINDOW`` mornings together (``replenishment.SteadyRate``, the simulation's auto policy): a hard
    morning does not buy its last prevented stockouts dearly while an easy one stops where more would still be
    cheap. Each run keeps its morning in the database (a later run of the same morning replaces it) unless
    ``keep`` is False (a list asked for during the day).
    """
    # made from a recipe as it sells (a latte): never on the list, its ingredients are (their demand holds what the
    # recipes used); made ahead here (a day's croissants, produced in the last weeks): on it, to make
    shared: dict[Any, Any] = {"recipes": uow.recipes.all_current()}
    made = set(shared["recipes"]) - made_ahead(uow, location, now)
    snaps = [metrics.Snapshot(uow, location=location, product=p, now=now, shared=shared)
             for p in uow.catalog.products() if p.active and p.sku not in made and not p.is_service]   # (hours: booked)
    partners = {x.code: x for x in uow.catalog.partners()}
    if forecaster is not None:
        metrics.store_forecasts(snaps, forecaster, horizon=max((horizon(s.product, partners) for s in snaps),
                                                               default=REPLENISH_DAYS))
    level = service_level(uow)
    plans = [plan(snap, level=level, partners=partners) for snap in snaps]
    periods = [replenishment.period_forecast(days[: pol.lead_time_days + pol.review_days]) for days, _, pol in plans]
    floors = [pos.on_hand + pos.on_order - pos.booked for _, pos, _ in plans]
    # the level holds over the store's last RATE_WINDOW mornings (each kept in the database), not each one alone
    day = now.date()
    kept = uow.history.replenish_days(location=location, before=day.isoformat(), n=RATE_WINDOW - 1)
    steady = replenishment.SteadyRate(level, window=RATE_WINDOW,
                                      days=[replenishment.rate_day_from_dict(d) for d in kept])
    chosen = steady.allocate(periods, floors)
    if keep:
        uow.history.put_replenish_day(location=location, day=day.isoformat(),
                                      data=replenishment.rate_day_to_dict(steady.days[-1]),
                                      keep_from=(day - timedelta(days=2 * RATE_WINDOW)).isoformat())
    # no product that sells is left bare for the others' sake: each is stocked to at least MIN_LEVEL (or the
    # store's own level, when the tenant set one below it)
    least = min(MIN_LEVEL, level)
    return [(snap, replenish(snap, snap.product, (days, pos, replace(pol, service_level=max(option.level, least)))),
             option, period)
            for snap, (days, pos, pol), option, period in zip(snaps, plans, chosen, periods, strict=True)]


def auto_purchase(uow: Any, box: Any, t: Any, *, location: str | None, now: datetime, forecaster: Any = None) -> None:
    """Automatic purchase requests (setting ``auto_purchase``): see ``request_purchases``."""
    if location is None or not uow.catalog.tenant_row().settings.get("auto_purchase"):
        return
    request_purchases(uow, box, t, location=location, now=now, forecaster=forecaster)


def request_purchases(uow: Any, box: Any, t: Any, *, location: str, now: datetime, forecaster: Any = None,
                      by: catalog.User | None = None, supplier: str | None = None) -> list[int]:
    """Purchase requests for the prep list: one per supplier (and day its goods are due) holding each product to
    reorder with no open order or request, each waiting for a manager's approval and explaining every line; their
    ids. ``by``: who asked for them (the prep list's button, which reads the store's kept mornings without replacing
    them); None: the morning job (setting ``auto_purchase``)."""
    busy = {ln.sku for o in uow.orders.list(kinds=["purchase", "purchase_request"],
                                            statuses=["pending_approval", "open", "partial"])
            if o.location == location for ln in o.lines}
    made: list[int] = []
    managers = [(u, _lang(uow, u)) for u in recipients(uow, ["manager"], location=location)]
    where = loc_name(uow, location)
    partners = {x.code: x for x in uow.catalog.partners()}
    recipes = uow.recipes.all_current()
    grouped: dict[tuple[str | None, int], list[tuple[catalog.Product, replenishment.Suggestion, Decimal]]] = {}
    for p, sug, sf in suggestions(uow, location=location, now=now, forecaster=forecaster, keep=by is None):
        source = p.supplier if supplier is None else bought_from(uow, p)   # (给张记下单: what comes from it)
        if p.sku not in busy and p.sku not in recipes and supplier in (None, source):   # (made in house: none)
            grouped.setdefault((source, catalog.lead_days(p, partners)), []).append((p, sug, sf))
    for (supplier, days), rows in grouped.items():
        agreed = inventory.customer_prices(uow, supplier)   # (张记的牛腩按30元一斤: at it, else the catalog's cost)
        o = orders.Order(kind=orders.OrderKind.PURCHASE_REQUEST, status=orders.Status.PENDING_APPROVAL,
                         created_at=now, location=location, partner=supplier, due=now + timedelta(days=days),
                         lines=tuple(orders.OrderLine(sku=p.sku, qty=sug.quantity, unit_price=agreed.get(p.sku, p.unit_cost))
                                     for p, sug, _ in rows),
                         note="auto_replenishment" if by is None else "prep_list",
                         created_by=by.username if by is not None else None,
                         meta={"reasons": {p.sku: list(sug.reasons) for p, sug, _ in rows},
                               "forecast": {p.sku: str(sug.forecast) for p, sug, _ in rows}})
        oid = uow.orders.add(o)
        made.append(oid)
        for u, lang in managers:
            why = "\n".join(explain(t, lang, p, sug, sf) for p, sug, sf in rows)
            partner = partners[supplier].name if supplier in partners else str(t("no_supplier", lang))
            text = t("auto_purchase", lang, id=oid, location=where, partner=partner, why=why) if by is None else \
                t("prep_purchase", lang, id=oid, location=where, partner=partner, why=why, who=by.display_name)
            box.push(u, text, [[(t("btn.approve", lang), f"ap:{oid}"), (t("btn.reject", lang), f"rj:{oid}")]])
    return made


REPLENISH_DAYS = 3   # forecast days a suggestion reads: lead time, review period and what may spoil after
SERVICE_LEVEL = Decimal("0.95")   # of the store's products with demand, served in full, over the last RATE_WINDOW mornings
SERVICE_LEVELS = (Decimal("0.5"), Decimal("0.999"))   # what a tenant may set (``configure --service-level``)
RATE_WINDOW = 91                  # mornings over which the service level holds (``replenishment.SteadyRate``)
MIN_LEVEL = Decimal("0.8")        # the least any one product is stocked for


def service_level(uow: Any) -> Decimal:
    """The tenant's service level (setting ``service_level``), or ``SERVICE_LEVEL``."""
    raw = uow.catalog.tenant_row().settings.get("service_level")
    return Decimal(str(raw)) if raw is not None else SERVICE_LEVEL


def horizon(p: catalog.Product, partners: Mapping[str, catalog.Partner]) -> int:
    """Forecast days a suggestion for ``p`` reads: its lead time, a day's review and a day after."""
    return max(REPLENISH_DAYS, catalog.lead_days(p, partners) + 2)


def plan(snap: metrics.Snapshot, *, level: Decimal = SERVICE_LEVEL,
         partners: Mapping[str, catalog.Partner] | None = None
         ) -> tuple[list[replenishment.DayForecast], replenishment.Position, replenishment.Policy]:
    """What a suggestion for this product starts from: its daily forecast quantiles, its position and its
    policy (``level`` service, its supplier's lead time (next day by default), reviewed daily, shelf life, packs,
    minimum order)."""
    p = snap.product
    if partners is None:
        partners = {x.code: x for x in snap.uow.catalog.partners()}
    days_ahead = horizon(p, partners)
    rows = snap.forecast_days(days_ahead)
    if rows is None:
        mean = snap("forecast", {"hours": 24})
        rows = [{"date": (snap.now + timedelta(days=i)).date(), "q50": mean, "q95": mean * Decimal("1.6")}
                for i in range(days_ahead)]
    days = [replenishment.DayForecast(day=r["date"], quantiles={
        Decimal("0." + k[1:]): Decimal(str(v)) for k, v in r.items() if k[:1] == "q" and k[1:].isdigit()})
        for r in rows]
    position = replenishment.Position(on_hand=snap("on_hand", {}), booked=snap("booked", {"hours": 48}),
                                      on_order=snap.on_order())
    pack = min(p.packs.values()) if p.packs else None
    policy = replenishment.Policy(service_level=level, lead_time_days=catalog.lead_days(p, partners), review_days=1,
                                  shelf_life_days=p.shelf_life_days, pack_size=pack, moq=p.moq)
    return days, position, policy


def replenish(snap: metrics.Snapshot, p: catalog.Product,
              planned: tuple[list[replenishment.DayForecast], replenishment.Position, replenishment.Policy] | None = None
              ) -> replenishment.Suggestion:
    """Order-up-to from the forecast quantiles (``plan``, or as given), never below the product's configured
    safety stock."""
    days, position, policy = planned or plan(snap, level=service_level(snap.uow))
    sug = replenishment.suggest(position, days, policy=policy)
    floor = snap("safety_stock", {}) + position.booked - position.on_hand - position.on_order
    if floor > sug.quantity:
        sug = replace(sug, quantity=round_pack(p, floor), reasons=(*sug.reasons, "below_safety_stock"))
    return sug


def transfer_check(uow: Any, box: Any, t: Any, *, location: str | None, now: datetime, forecaster: Any = None) -> None:
    """A store below safety stock whose next delivery is too late gets a suggested transfer."""
    if location is None:
        return
    others = [loc for loc in uow.catalog.locations() if loc.kind.is_physical and loc.code != location]
    pending = {ln.sku for o in uow.orders.list(kinds=["transfer"], statuses=["pending_approval", "open", "shipped"])
               if o.location == location for ln in o.lines}
    shared: dict[Any, Any] = {}   # the store-wide forecast, fitted for the first product that needs it
    for p in uow.catalog.products():
        if p.sku in pending or not p.active or p.is_service:  # one suggestion per shortage: never again while one is open
            continue
        snap = metrics.Snapshot(uow, location=location, product=p, now=now, forecaster=forecaster, shared=shared)
        on_hand, safety = snap("on_hand", {}), snap("safety_stock", {})
        if safety <= 0 or on_hand >= safety:
            continue
        eta = snap("inbound_eta_hours", {})
        if eta <= 24:
            continue
        need = round_pack(p, safety - on_hand + snap("forecast", {"hours": 24}))
        best = None
        for o in sorted(others, key=lambda x: x.kind != catalog.LocationKind.WAREHOUSE):
            spare = uow.stock.on_hand(o.code, p.sku) - metrics.effective_safety(uow, p, now, o.code)
            if spare >= need:
                best = o
                break
        if best is None:
            continue
        lang = "zh_CN"
        text = t("job.transfer_suggest", lang, location=loc_name(uow, location), product=p.name, qty=qty(p, on_hand),
                 safety=qty(p, safety), eta=(f"{int(eta)}h" if eta < metrics.INF else t("job.no_eta", lang)),
                 source=best.name, suggest=qty(p, need))
        _suggest_transfer(uow, box, t, source=best.code, dest=location, product=p, need=need, now=now, owner=None,
                          text=text)


def _sales(uow: Any, location: str, *, since: datetime) -> list[tuple[datetime, str, Decimal]]:
    """The store's recorded sales since then, as (time, product, quantity), a reversal counting against its sale."""
    return [(m.at, m.sku, m.qty if m.reverses is None else -m.qty)
            for m in uow.stock.moves(since=since, kinds=["sale"]) if location in (m.src, m.dst)]


NOW_REPORTS = ("evening_summary", "stock_report", "sales_week", "anomalies")


def moves_text(uow: Any, t: Any, lang: str, *, kind: str, start: date, end: date, sku: str | None,
               location: str | None, now: datetime) -> str:
    """What was used (``kind`` "consumption") or lost ("scrap": spoiled, and found missing by counts) at ``location``
    (None: every store) on days ``start`` .. ``end``, net of what was undone: the products that cost most first, each
    at its recent receipts' cost (else the catalog's), and the whole; one product: its amount and cost."""
    since = datetime(start.year, start.month, start.day, tzinfo=now.tzinfo)
    until = since + timedelta(days=(end - start).days + 1)
    kinds = [kind] if kind in ("consumption", "production") else ["scrap", "count_adjustment"]
    made = kind == "production"   # (what was made comes into the store: its place is where it went)
    moves = uow.stock.standing(m for m in uow.stock.moves(since=since, until=until, kinds=kinds)
                               if not (place := production.store_of(m.dst if made else m.src)).startswith("~")
                               and (location is None or place == location) and (sku is None or m.sku == sku))
    products = {p.sku: p for p in uow.catalog.products()}
    fmt = {"span": days_text(t, lang, start, end), "what": t(f"moves_q.{kind}", lang),
           "location": loc_name(uow, location) if location else t("all_locations", lang)}
    used: dict[str, Decimal] = {}
    missing: dict[str, Decimal] = {}   # found missing by a count (盘亏), apart from what was thrown away
    for m in moves:
        if m.sku in products:
            into = missing if m.kind.value == "count_adjustment" else used
            into[m.sku] = into.get(m.sku, Decimal(0)) + m.qty
    if not used and not missing:
        return str(t("moves_q.none", lang, product=products[sku].name if sku in products else "", **fmt))
    cost = metrics.unit_costs(uow, [products[s] for s in {*used, *missing}])
    value: dict[str, Decimal] = {}
    for s in {*used, *missing}:
        c = cost.get(s)
        if c is not None:
            value[s] = (used.get(s, Decimal(0)) + missing.get(s, Decimal(0))) * c
    total = t("moves_q.cost", lang, total=money(sum(value.values(), Decimal(0)))) if value else t("moves_q.no_cost", lang)

    def amount(s: str) -> str:
        parts = [qty(products[s], used[s])] if s in used else []
        if s in missing:
            parts.append(str(t("moves_q.missing", lang, qty=qty(products[s], missing[s]))))
        return " + ".join(parts)

    if made:   # (what was made is counted, not valued: its cost is the ingredients', recorded as their use)
        if sku is not None:
            return str(t("moves_q.made_one", lang, product=products[sku].name, qty=amount(sku), **fmt))
        return "\n".join([str(t("moves_q.made_head", lang, n=len(used), **fmt))] + [
            str(t("moves_q.made_line", lang, product=products[s].name, qty=amount(s)))
            for s in sorted(used, key=lambda s: (-used[s], s))])
    rate = _loss_rate(uow, t, lang, used, missing, cost, products, start=start, end=end, sku=sku,
                      location=location, tz=now.tzinfo) if kind == "scrap" else ""
    if sku is not None:
        return str(t("moves_q.one", lang, product=products[sku].name, qty=amount(sku), total=total, **fmt)) + rate
    rows = sorted({*used, *missing}, key=lambda s: (-value.get(s, Decimal(-1)), s))
    out = [t("moves_q.head", lang, n=len(rows), total=total, **fmt)]
    out += [t("moves_q.line", lang, product=products[s].name, qty=amount(s),
              cost=money(value[s]) if s in value else t("purchases.no_cost", lang)) for s in rows[:10]]
    if len(rows) > 10:
        out.append(t("orders.more", lang, n=len(rows) - 10))
    if rate:
        out.append(rate)
    places: dict[str, Decimal] = {}   # every store asked about (这个月哪个店损耗最多): each one's share, most first
    for m in moves:
        if location is None and cost.get(m.sku) is not None:
            here = m.dst if made else m.src
            places[here] = places.get(here, Decimal(0)) + m.qty * (cost.get(m.sku) or Decimal(0))
    if len(places) > 1:
        out.append(t("moves_q.by_place", lang, list="、".join(
            f"{loc_name(uow, p)} {money(v)}" for p, v in sorted(places.items(), key=lambda kv: -kv[1]))))
    return "\n".join(str(x) for x in out)


def _loss_rate(uow: Any, t: Any, lang: str, used: dict[str, Decimal], missing: dict[str, Decimal],
               cost: dict[str, Decimal | None], products: dict[str, catalog.Product], *, start: date, end: date,
               sku: str | None, location: str | None, tz: Any) -> str:
    """损耗率: what was lost against what went out (sold and lost) on those days; one product by its quantity, all of
    them at cost (the products without a cost left out of both sides)."""
    sold = {s: sum((q for d, q in days.items() if d <= end), Decimal(0))
            for s, days in metrics.daily_sales(uow, location=location, first=start, tz=tz, sku=sku).items()}
    lost = {s: used.get(s, Decimal(0)) + missing.get(s, Decimal(0)) for s in {*used, *missing}}
    if sku is not None:
        gone = sold.get(sku, Decimal(0)) + lost.get(sku, Decimal(0))
        share = lost.get(sku, Decimal(0)) / gone if gone > 0 else None
    else:
        costs = {**cost, **metrics.unit_costs(uow, [products[s] for s in sold if s in products and s not in cost])}
        lost_value = sum((q * c for s, q in lost.items() if (c := costs.get(s)) is not None), Decimal(0))
        sold_value = sum((q * c for s, q in sold.items() if (c := costs.get(s)) is not None), Decimal(0))
        share = lost_value / (lost_value + sold_value) if lost_value + sold_value > 0 else None
    if share is None:
        return ""
    return str(t("moves_q.rate_one" if sku is not None else "moves_q.rate", lang, pct=f"{share * 100:.1f}"))


def loss_report(uow: Any, box: Any, t: Any, *, location: str | None, now: datetime, forecaster: Any = None,
                to: list[str] | None = None, period: str | None = None) -> None:
    """今日报损 (每天晚上9点把今天的报损发给我; 上周的报损 with ``period``): the store's losses, at cost."""
    _day_moves(uow, box, t, "scrap", location=location, now=now, to=to, period=period)


def usage_report(uow: Any, box: Any, t: Any, *, location: str | None, now: datetime, forecaster: Any = None,
                 to: list[str] | None = None, period: str | None = None) -> None:
    """今日用量 (每天晚上10点把今天的用量发给我; 昨天的用量 with ``period``): what the store used, at cost."""
    _day_moves(uow, box, t, "consumption", location=location, now=now, to=to, period=period)


def stock_book(uow: Any, box: Any, t: Any, *, location: str | None, now: datetime, forecaster: Any = None,
               to: list[str] | None = None, period: str | None = None) -> None:
    """进销存 on a schedule (每月1号早上9点把上个月的进销存发给我): the store's stock book over ``period``, this month so
    far unless said (every place together for a rule of someone without a store)."""
    first, last = period_days(period or "this_month", now.astimezone(now.tzinfo).date())
    for u in _store_people(uow, location, to):
        box.push(u, stockbook.text(uow, t, _lang(uow, u), location=location, first=first, last=last, now=now))


def period_days(period: str | None, today: date) -> tuple[date, date]:
    """The days a report's span covers: today (None), yesterday, this week so far, last week (Monday to Sunday), this
    month so far, last month."""
    if period == "yesterday":
        return today - timedelta(days=1), today - timedelta(days=1)
    if period in ("this_month", "last_month"):
        first = today.replace(day=1)
        return (first, today) if period == "this_month" else ((first - timedelta(days=1)).replace(day=1),
                                                              first - timedelta(days=1))
    monday = today - timedelta(days=today.weekday())
    if period == "this_week":
        return monday, today
    if period == "last_week":
        return monday - timedelta(days=7), monday - timedelta(days=1)
    return today, today


def _day_moves(uow: Any, box: Any, t: Any, kind: str, *, location: str | None, now: datetime,
               to: list[str] | None, period: str | None = None) -> None:
    people = _store_people(uow, location, to)
    if not people or location is None:
        return
    first, last = period_days(period, now.astimezone(now.tzinfo).date())
    for u in people:
        box.push(u, moves_text(uow, t, _lang(uow, u), kind=kind, start=first, end=last, sku=None, location=location,
                               now=now))


class _Collected:
    """A box that keeps the texts pushed (a report asked for in the chat, answered there)."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def push(self, to: str, text: str, buttons: Any = None) -> None:
        self.texts.append(text)


def report_now(uow: Any, t: Any, *, kind: str, lang: str, location: str, now: datetime, user: str,
               forecaster: Any = None) -> tuple[str, int]:
    """今日小结 · 库存日报 · 一周销量 asked in the chat: the report its schedule would send, now, for the asker's store
    (``location`` "": every store's)."""
    box = _Collected()
    for loc in stores(uow, location):
        globals()[kind](uow, box, t, location=loc, now=now, forecaster=forecaster, to=[user])
    return "\n\n".join(box.texts) or str(t("not_understood", lang)), 0


def evening_summary(uow: Any, box: Any, t: Any, *, location: str | None, now: datetime, forecaster: Any = None,
                    to: list[str] | None = None, period: str | None = None) -> None:
    """今日小结: the day's best sellers and the week's big movers against the week before, with how much more or
    less to stock (the default 21:30 job; a rule can send it to ``to`` at its own time)."""
    people = _store_people(uow, location, to) if to is not None else _unscheduled(uow, location, "evening_summary")
    if not people or location is None:
        return
    day0 = now.replace(hour=0, minute=0, second=0, microsecond=0)
    if period == "yesterday":   # 每天早上8点把昨天的销售发给我: that day, as its evening would have told it
        day0 -= timedelta(days=1)
        now = day0 + timedelta(days=1) - timedelta(microseconds=1)
    sold: dict[str, Decimal] = {}
    last_week: dict[str, Decimal] = {}
    this_week: dict[str, Decimal] = {}
    for at, sku, q in _sales(uow, location, since=day0 - timedelta(days=14)):
        if at > now:
            continue   # (after the day reported)
        if at >= day0:
            sold[sku] = sold.get(sku, Decimal(0)) + q
        if at >= day0 - timedelta(days=6):
            this_week[sku] = this_week.get(sku, Decimal(0)) + q
        elif at >= day0 - timedelta(days=13):
            last_week[sku] = last_week.get(sku, Decimal(0)) + q
    products = {p.sku: p for p in uow.catalog.products()}
    top = sorted(((s, q) for s, q in sold.items() if q > 0), key=lambda kv: -kv[1])[:3]
    said = metrics.said_prices(uow, location=location, first=day0.date(), last=day0.date(), tz=now.tzinfo) if sold else {}
    # (what was taken: the price each sale went at, a discount's or a promotion's, else the list price, as the
    # takings and the targets count it)
    priced = [metrics.revenue(products[s], q, said.get(s)) for s, q in sold.items() if q > 0 and s in products]
    revenue = sum((r for r in priced if r is not None), Decimal(0))
    sealed = uow.stock.chain_head()
    # how the day's takings were paid, when sales said so (卖了可乐3瓶,微信收款): the till's parts
    paid_by = till.expected(uow, location=location, day=day0.date(), tz=now.tzinfo).by_method if sold else {}
    goal_lines: dict[str, list[str]] = {}
    for u in people:
        lang = _lang(uow, u)
        lines = [t("job.evening_title", lang, location=loc_name(uow, location), date=f"{now:%m-%d}"),
                 t("job.evening_no_sales", lang) if not priced
                 else t("job.evening_sales_unpriced", lang, n=len(priced)) if all(r is None for r in priced)
                 else t("job.evening_sales", lang, n=len(priced), revenue=money(revenue),
                        unpriced=t("job.evening_unpriced", lang, n=priced.count(None)) if None in priced else "")]
        if top:
            lines.append(t("job.evening_top", lang, n=3, items="、".join(f"{products[s].name} {qty(products[s], q)}"
                                                                          for s, q in top)))
        if any(k and v for k, v in paid_by.items()):   # 收款:微信 ¥87.00 · 现金 ¥58.00 · 没说方式 ¥29.00
            lines.append(t("job.evening_paid", lang, parts=" · ".join(
                f"{t(f'till.method.{k}' if k else 'till.method.unsaid', lang)} {money(paid_by[k])}"
                for k in till.in_order(paid_by) if paid_by[k])))
        for s, q in sorted(this_week.items(), key=lambda kv: -kv[1])[:5]:
            prev = last_week.get(s, Decimal(0))
            if prev > 0:
                change = (q - prev) / prev * 100
                if abs(change) >= 10:
                    advice = t("job.evening_more" if change > 0 else "job.evening_less", lang,
                               pct=int(abs(change) * Decimal("0.55")))
                    lines.append(t("job.evening_change", lang, product=products[s].name,
                                   change=f"{'+' if change > 0 else ''}{int(change)}%", advice=advice))
        if lang not in goal_lines:   # (the store's targets: measured once a language, not once a person)
            goal_lines[lang] = goals.summary_lines(uow, t, lang, location=location, now=now)
        lines += goal_lines[lang]
        who = uow.catalog.user(u)
        if who is not None and who.can("approve") and sealed[0]:   # the ledger's fingerprint kept in the chat: an anchor
            lines.append(t("job.evening_ledger", lang, position=sealed[0], fp=chain.fingerprint(sealed[1])))
        box.push(u, "\n".join(lines))


def stock_report(uow: Any, box: Any, t: Any, *, location: str | None, now: datetime, forecaster: Any = None,
                 to: list[str] | None = None) -> None:
    """库存日报: every product the store holds or should hold, what is on hand, those under their safety stock
    first (a rule sends it: 每天晚上8点把库存日报发给我)."""
    people = _store_people(uow, location, to)
    if not people or location is None:
        return
    held: dict[str, Decimal] = {}
    for loc, sku, _lot, q, _expiry in uow.stock.all_levels():   # one query for the whole store
        if loc == location:
            held[sku] = held.get(sku, Decimal(0)) + q
    rows = []
    settings = uow.catalog.tenant_row().settings
    for p in uow.catalog.products():
        on_hand = held.get(p.sku, Decimal(0))
        # (the store's own safety stock, else the product's; a retired one: only while held)
        safety = (metrics.store_safety(settings, location, p) or Decimal(0)) if p.active else Decimal(0)
        if on_hand != 0 or safety > 0:
            rows.append((on_hand < safety, p, on_hand, safety))
    rows.sort(key=lambda r: (not r[0], r[1].sku))
    for u in people:
        lang = _lang(uow, u)
        lines = [t("job.stock_title", lang, location=loc_name(uow, location), date=f"{now:%m-%d}",
                   low=sum(1 for r in rows if r[0]))]
        lines += [t("job.stock_low" if low else "job.stock_line", lang, product=p.name, qty=qty(p, q),
                    safety=qty(p, safety)) for low, p, q, safety in rows]
        box.push(u, "\n".join(lines))


def sales_week(uow: Any, box: Any, t: Any, *, location: str | None, now: datetime, forecaster: Any = None,
               to: list[str] | None = None, period: str | None = None) -> None:
    """一周销量: the store's best sellers over the last seven complete days, each against the seven before (a rule
    sends it: 每周一早上8点把上周销量发给我); ``period`` last_week: Monday to Sunday of last week."""
    people = _store_people(uow, location, to)
    if not people or location is None:
        return
    day0 = now.replace(hour=0, minute=0, second=0, microsecond=0)
    if period == "last_week":
        day0 -= timedelta(days=day0.weekday())   # (this week's Monday: the seven days before are last week)
    week: dict[str, Decimal] = {}
    before: dict[str, Decimal] = {}
    for at, sku, q in _sales(uow, location, since=day0 - timedelta(days=14)):
        if at < day0:   # complete days only
            into = week if at >= day0 - timedelta(days=7) else before
            into[sku] = into.get(sku, Decimal(0)) + q
    products = {p.sku: p for p in uow.catalog.products()}
    top = sorted(((q, s) for s, q in week.items() if q > 0 and s in products), key=lambda x: (-x[0], x[1]))[:10]
    first, last = day0 - timedelta(days=7), day0 - timedelta(days=1)
    for u in people:
        lang = _lang(uow, u)
        lines = [t("job.week_title", lang, location=loc_name(uow, location), start=f"{first:%m-%d}",
                   end=f"{last:%m-%d}", n=len(top))]
        for rank, (q, s) in enumerate(top, start=1):
            prev = before.get(s, Decimal(0))
            change = t("job.week_change", lang, pct=f"{'+' if q >= prev else ''}{int((q - prev) / prev * 100)}%") \
                if prev > 0 else t("job.week_new", lang)
            lines.append(t("job.week_line", lang, rank=rank, product=products[s].name, qty=qty(products[s], q),
                           change=change))
        if not top:
            lines.append(t("job.week_none", lang))
        box.push(u, "\n".join(lines))


def expiry(uow: Any, box: Any, t: Any, *, location: str | None, now: datetime, forecaster: Any = None) -> None:
    people = _store_people(uow, location, None)
    if not people or location is None:
        return
    products = {p.sku: p for p in uow.catalog.products()}
    rows = []
    for loc, sku, lot, q, exp in uow.stock.all_levels():
        if loc != location or q <= 0 or exp is None or sku not in products:
            continue
        days = (exp - now).total_seconds() / 86400
        if days <= 7:
            bucket = 1 if days <= 1 else (3 if days <= 3 else 7)
            rows.append((exp, products[sku], lot, q, bucket))
    if not rows:
        return
    left = {(r.sku, r.lot): r for r in spoilage.risks(uow, location=location, now=now) if r.unsold > 0}
    for u in people:
        lang = _lang(uow, u)
        body = [t("job.expiry_line", lang, product=p.name, lot=lot, qty=qty(p, q), days=b,
                  date=f"{e.astimezone(now.tzinfo):%m-%d}")
                + (spoilage.way_out(uow, t, lang, left[p.sku, lot]) if (p.sku, lot) in left else "")
                for e, p, lot, q, b in sorted(rows, key=lambda r: r[0])]
        box.push(u, t("job.expiry_title", lang, location=loc_name(uow, location)) + "\n" + "\n".join(body))


def anomalies(uow: Any, box: Any, t: Any, *, location: str | None, now: datetime, forecaster: Any = None,
              to: list[str] | None = None) -> None:
    """异常 at a store: the evening job (no ``to``) tells its managers each finding once, and nothing when there is
    nothing new; a rule's schedule or the chat (``to``) gets everything as it stands, or that all looks right."""
    if location is None:
        return
    found = anomaly.check(uow, location=location, now=now)
    if to is None:
        people = _unscheduled(uow, location, "anomalies")
        if not people:   # (nobody to tell: kept untold for when there is someone)
            return
        found = anomaly.new(uow, found, location=location, now=now)
        if not found:
            return
    else:
        people = _store_people(uow, location, to)
    for u in people:
        lang = _lang(uow, u)
        box.push(u, anomaly_text(uow, t, lang, found, location=location))


def anomaly_text(uow: Any, t: Any, lang: str, found: list[anomaly.Finding], *, location: str) -> str:
    """⚠️ 南山店的异常(3): a line for each finding, with what to check."""
    where = loc_name(uow, location)
    if not found:
        return str(t("anomaly.none", lang, location=where))
    products = {p.sku: p for p in uow.catalog.products()}
    partners = {x.code: x.name for x in uow.catalog.partners()}
    lines = [str(t("anomaly.head", lang, location=where, n=len(found)))]
    for f in found:
        if f.kind == "till":   # (the store's, no product's)
            diff = f.values["diff"]
            lines.append(str(t("anomaly.till", lang, day=f"{f.values['day']:%m-%d}", counted=money(f.values["counted"]),
                               expected=money(f.values["expected"]),
                               diff=t("anomaly.till_over" if diff > 0 else "anomaly.till_short", lang,
                                      amount=money(abs(diff))))))
            continue
        p = products.get(f.sku)
        if p is None:
            continue
        v = dict(f.values)
        for k in ("qty", "usual"):
            if k in v:
                v[k] = qty(p, v[k])
        if f.kind == "cost":
            pct = f.values["pct"]
            v |= {"cost": money(f.values["cost"]), "usual": money(f.values["usual"]),
                  "pct": t("anomaly.dearer" if pct > 0 else "anomaly.cheaper", lang, pct=f"{abs(pct) * 100:.0f}")}
        kind = "loss_new" if f.kind == "loss" and not f.values.get("usual") else f.kind
        if f.kind == "cost" and f.values.get("partner"):   # against the same supplier's own earlier prices
            kind, v["partner"] = "cost_partner", partners.get(f.values["partner"], f.values["partner"])
        if "date" in v:
            v["date"] = f"{v['date']:%m-%d}"
        if "day" in v:
            v["weekday"] = t(f"weekday.{f.values['day'].weekday()}", lang)
            v["day"] = f"{f.values['day']:%m-%d}"
        lines.append(str(t(f"anomaly.{kind}", lang, product=p.name, unit=p.base_unit, **v)))
    return "\n".join(lines)


def slow_now(uow: Any, t: Any, *, lang: str, location: str, now: datetime, forecaster: Any = None,
             sku: str | None = None, days: int | None = None) -> tuple[str, int]:
    """哪些货一周没动了: per store (``location`` "": every store) the products with stock and no sale for ``days`` days
    (None: as the slow-mover alert, 3 for what keeps a week or less, else 14), the longest idle first, and those with
    stock that never sold."""
    rule = t("slow.rule_days", lang, days=days) if days else t("slow.rule_default", lang)
    gone = uow.stock.last_sales(kinds=("sale", "consumption"))   # sold or used: an ingredient is never sold
    held: dict[tuple[str, str], Decimal] = {}
    for loc, sku, _, q, _ in uow.stock.all_levels():   # every store's stock in one read
        held[(loc, sku)] = held.get((loc, sku), Decimal(0)) + q
    out: list[str] = []
    for loc in stores(uow, location):
        idle: list[tuple[Decimal, str]] = []
        never: list[str] = []
        for p in uow.catalog.products():
            on_hand = held.get((loc, p.sku), Decimal(0))
            if on_hand <= 0:
                continue
            last = [gone[(loc, p.sku)]] if (loc, p.sku) in gone else []
            day = uow.history.last_day(sku=p.sku, location=loc)   # imported sales history
            if day:
                last.append(datetime.fromisoformat(day).replace(hour=23, minute=59, tzinfo=now.tzinfo))
            since = Decimal(str((now - max(last)).total_seconds() / 86400)) if last else metrics.INF
            if since >= metrics.INF:
                never.append(f"{p.name} {qty(p, on_hand)}")
            elif since >= (days or _slow_limit(p)):
                idle.append((since, t("slow.line", lang, product=p.name, qty=qty(p, on_hand), days=int(since))))
        if not idle and not never:
            out.append(t("slow.none", lang, location=loc_name(uow, loc), rule=rule))
            continue
        out.append(t("slow.title", lang, location=loc_name(uow, loc), rule=rule))
        out += [line for _, line in sorted(idle, key=lambda x: -x[0])]
        if never:
            out.append(t("slow.never", lang, products="、".join(never)))
    return "\n".join(out), 0


TURNOVER_DAYS = 30   # the window a turnover is measured over (库存周转天数)
TURNOVER_SHOWN = 8   # the products listed, those that last longest first


def turnover_now(uow: Any, t: Any, *, lang: str, location: str, now: datetime, forecaster: Any = None,
                 days: int | None = None) -> tuple[str, int]:
    """库存周转天数 · 周转率: per store (``location`` "": every store), what is on hand at cost against what left it
    (sold or used) per day over the last ``days`` days at cost, so how many days the stock lasts and how often it
    turns in a year; then the products that last longest, and those with stock and nothing out."""
    window = days or TURNOVER_DAYS
    since = now - timedelta(days=window)
    held: dict[tuple[str, str], Decimal] = {}
    for loc, sku, _, q, _ in uow.stock.all_levels():
        held[(loc, sku)] = held.get((loc, sku), Decimal(0)) + q
    out_qty: dict[tuple[str, str], Decimal] = {}
    moves = uow.stock.moves(since=since, kinds=[ledger.MoveKind.SALE.value, ledger.MoveKind.CONSUMPTION.value])
    for m in uow.stock.standing(moves):   # what went out and stands: neither an undoing nor undone
        out_qty[(m.src, m.sku)] = out_qty.get((m.src, m.sku), Decimal(0)) + m.qty
    products = list(uow.catalog.products())
    costs = metrics.unit_costs(uow, products)
    lines: list[str] = []
    for loc in stores(uow, location):
        hist = uow.history.series_by_sku(location=loc, since=since.date().isoformat())   # imported sales too
        value = gone = Decimal(0)
        rows: list[tuple[Decimal, str]] = []
        idle: list[str] = []
        for p in products:
            on_hand = max(held.get((loc, p.sku), Decimal(0)), Decimal(0))
            used = out_qty.get((loc, p.sku), Decimal(0)) + sum((q for _, q in hist.get(p.sku, [])), Decimal(0))
            cost = costs.get(p.sku) or Decimal(0)
            value += on_hand * cost
            gone += used * cost
            if on_hand > 0 and used <= 0:
                idle.append(f"{p.name} {qty(p, on_hand)}")
            elif on_hand > 0:
                lasting = on_hand / (used / window)
                rows.append((lasting, t("turnover.line", lang, product=p.name, qty=qty(p, on_hand), days=f"{lasting:.0f}")))
        if value <= 0 and gone <= 0:
            lines.append(t("turnover.none", lang, location=loc_name(uow, loc)))
            continue
        per_day = gone / window
        if per_day > 0:
            lasts = value / per_day   # (beyond a year: said so, not 14664.0 days)
            lines.append(t("turnover.title", lang, location=loc_name(uow, loc), window=window, value=money(value),
                           per_day=money(per_day), days=f"{lasts:.1f}" if lasts <= 365 else ">365",
                           turns=f"{Decimal(365) / lasts:.1f}" if 0 < lasts <= 365 else "<1" if lasts else "-"))
        else:   # (nothing out in the window: no turnover to speak of)
            lines.append(t("turnover.title_still", lang, location=loc_name(uow, loc), window=window,
                           value=money(value)))
        lines += [line for _, line in sorted(rows, key=lambda r: -r[0])[:TURNOVER_SHOWN]]
        if idle:
            lines.append(t("turnover.idle", lang, window=window, products="、".join(idle[:TURNOVER_SHOWN])))
    return "\n".join(lines), 0


def _slow_limit(p: catalog.Product) -> int:
    """Days without a sale that make a product slow: 3 for what keeps a week or less, else 14."""
    return 3 if (p.shelf_life_days or 999) <= 7 else 14


def stores(uow: Any, location: str | None) -> list[str]:
    """The store asked about, or every store ("" or None)."""
    return [location] if location else [loc.code for loc in uow.catalog.locations()
                                        if loc.kind == catalog.LocationKind.STORE]


def slow_movers(uow: Any, box: Any, t: Any, *, now: datetime, only: set[tuple[str, str]] | None = None) -> None:
    """Products with stock and no sales for N days (3 if shelf life ≤ 7 days, else 14); edge-triggered."""
    every = stores(uow, "")
    if only is not None:  # after an event: just the products it touched
        found = [(uow.catalog.product(sku), loc) for loc, sku in sorted(only) if loc in every]
        pairs = [(p, loc) for p, loc in found if p is not None]
    else:
        pairs = [(p, loc) for p in uow.catalog.products() for loc in every]
    # the hourly check over every pair reads stock, last sales, imported history and alert states once (pair by pair
    # it made 3 queries per product per store); after an event, only the few pairs it touched are read, each alone
    everything = only is None
    held: dict[tuple[str, str], Decimal] = {}
    for loc, sku, _, q, _ in (uow.stock.all_levels() if everything else ()):
        held[(loc, sku)] = held.get((loc, sku), Decimal(0)) + q
    sold = uow.stock.last_sales() if everything else {}
    imported = uow.history.last_days() if everything else {}
    states = uow.rules.alerts("slow") if everything else {}
    for p, loc in pairs:
        limit = _slow_limit(p)
        if everything:
            on_hand = held.get((loc, p.sku), Decimal(0))
            last = [sold[(loc, p.sku)]] if (loc, p.sku) in sold else []
            if (loc, p.sku) in imported:   # the imported history's last day, taken as its end (as Snapshot does)
                last.append(datetime.fromisoformat(imported[(loc, p.sku)]).replace(hour=23, minute=59,
                                                                                   tzinfo=now.tzinfo))
            days = Decimal(str((now - max(last)).total_seconds() / 86400)) if last else metrics.INF
            state = states.get(f"{loc}:{p.sku}")
        else:
            snap = metrics.Snapshot(uow, location=loc, product=p, now=now)
            on_hand, days = snap("on_hand", {}), snap("days_since_sale", {})
            state = uow.rules.alert("slow", f"{loc}:{p.sku}")
        active = bool(state and state.active)
        true_now = on_hand > 0 and limit <= days < metrics.INF
        if true_now and not active:
            uow.rules.set_alert("slow", f"{loc}:{p.sku}", active=True, at=now)
            for u in recipients(uow, ["manager"], location=loc):
                box.push(u, t("alert.slow_mover", _lang(uow, u), location=loc_name(uow, loc), product=p.name,
                              days=int(days), qty=qty(p, on_hand)))
        elif active and not true_now:
            uow.rules.set_alert("slow", f"{loc}:{p.sku}", active=False)


LATE_AFTER = "14:00"   # an order due on a day, with no hour said: late when it has not come by then that day
LATE_GRACE = timedelta(hours=1)   # an order due at an hour (明天上午10点送): late an hour after it


def late_at(due: datetime, tz: Any, *, after: str = LATE_AFTER) -> datetime:
    """When an order due then is late: an hour after the hour said; a day said alone, at ``after`` that day."""
    local = due.astimezone(tz)
    if (local.hour, local.minute, local.second) == (0, 0, 0):
        h, _, m = after.partition(":")
        return local.replace(hour=int(h), minute=int(m or 0))
    return local + LATE_GRACE


def late_deliveries(uow: Any, box: Any, t: Any, *, now: datetime) -> None:
    """Purchase orders past their delivery time with goods still to come: the store's managers and whoever placed
    the order hear it once per order and due time (an order moved to a later day is heard of again if that passes
    too), with a button to chase the supplier's own people when it has any in the chat."""
    late = [o for o in uow.orders.list(kinds=["purchase", "purchase_request"], statuses=["open", "partial", "shipped"])
            if o.due is not None and o.location and any(ln.open_qty > 0 for ln in o.lines)]
    if not late:
        return
    states = uow.rules.alerts("late_po")
    products = {p.sku: p for p in uow.catalog.products()}
    partners = {p.code: p for p in uow.catalog.partners()}
    users = {u.username: u for u in uow.catalog.users()}
    afters: dict[str, str] = {}   # (each store's 14:00, read once)
    heard: dict[str, list[tuple[Any, Any, bool]]] = {}   # who hears → (order, its supplier, chased in the chat)
    for o in sorted(late, key=lambda o: o.id or 0):
        if o.location not in afters:
            afters[o.location] = str(uow.catalog.location_settings(o.location).get("late_after", LATE_AFTER))
        subject = f"{o.id}@{o.due.isoformat()}"
        if now < late_at(o.due, now.tzinfo, after=afters[o.location]) or (subject in states and states[subject].active):
            continue
        uow.rules.set_alert("late_po", subject, active=True, at=now)
        partner = partners.get(o.partner or "")
        chase = partner is not None and any(u.partner == partner.code and u.role == catalog.Role.SUPPLIER
                                            for u in users.values())
        placed = [o.created_by] if o.created_by in users and users[o.created_by].role != catalog.Role.SUPPLIER else []
        for u in dict.fromkeys(recipients(uow, ["manager"], location=o.location) + placed):
            heard.setdefault(u, []).append((o, partner, chase))
    for u, found in heard.items():   # one message each, however many came due at once (a restart after days off)
        lang = _lang(uow, u)
        lines = []
        for o, partner, chase in found:
            reach = "" if chase or partner is None or not partner.phone else str(
                t("late_po.phone", lang, partner=partner.name, phone=partner.phone))
            lines.append(str(t("late_po.alert", lang, id=o.id, partner=partner.name if partner else "",
                               location=loc_name(uow, o.location),
                               items=wording.goods(products, ((ln.sku, ln.open_qty) for ln in o.lines
                                                              if ln.open_qty > 0)),
                               due=late_words(o.due.astimezone(now.tzinfo)),
                               shipped=t("late_po.shipped", lang) if o.status == orders.Status.SHIPPED else "")) + reach)
        buttons = [[(str(t("btn.chase", lang, partner=partner.name)) + (f" #{o.id}" if len(found) > 1 else ""),
                     f"chase:{o.id}")] for o, partner, chase in found if chase and partner is not None]
        box.push(u, "\n".join(lines), buttons or None)


def late_words(due: datetime) -> str:
    """06-16 · 06-16 10:00: the day an order was due, with its hour when one was said."""
    return f"{due:%m-%d}" if (due.hour, due.minute) == (0, 0) else f"{due:%m-%d %H:%M}"
