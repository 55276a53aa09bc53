"""A RuleDraft rendered back to the user before saving it, in the user's language (words from ``locales``).

当【可乐】在【南山店】的库存 < 50瓶 时 → 提醒【陈采购】
When [可乐] at [南山店]: on hand < 50瓶 → notify [陈采购]
"""
from __future__ import annotations

import functools
from decimal import Decimal
from typing import Any, Protocol

from domain import rules, units
from nlu import context


class Words(Protocol):
    def __call__(self, key: str, lang: str | None = None, /, **params: Any) -> str: ...


@functools.lru_cache(maxsize=1)
def _default_words() -> Words:
    from locales import Translator
    return Translator.load()


SUFFIX = {"days_of_cover": "days", "days_since_sale": "days", "days_since_receipt": "days", "rain_days_ahead": "days", "temperature": "celsius",
          "inbound_eta_hours": "hours", "scrap_value": "yuan", "takings": "yuan"}
IN_UNITS = {"sale_qty", "on_hand", "available", "safety_stock", "scrap_sum", "sales_sum", "sales_mean", "forecast", "booked", "expiring"}
_WEEKDAY = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}


def render_rule(draft: rules.RuleDraft, catalog: context.Catalog | None, *, t: Words | None = None,
                lang: str = "zh_CN") -> str:
    r = _Render(catalog or context.Catalog(products=()), t or _default_words(), lang)
    return r.rule(draft)


def schedule_words(trigger: rules.Trigger, *, t: Words | None = None, lang: str = "zh_CN") -> str:
    """每天 08:00 · 工作日 09:00: when a schedule rule runs."""
    r = _Render(context.Catalog(products=()), t or _default_words(), lang)
    return f"{r.days(trigger)} {_clock(trigger.cron or '')}"


class _Render:
    def __init__(self, cat: context.Catalog, t: Words, lang: str) -> None:
        self.cat, self.t, self.lang = cat, t, lang

    def w(self, key: str, **params: Any) -> str:
        return str(self.t(key, self.lang, **params))

    def rule(self, draft: rules.RuleDraft) -> str:
        products = {p.sku: p for p in self.cat.products}
        unit = ""
        if len(draft.scope.skus) >= 1 and all(s in products for s in draft.scope.skus):
            bases = {products[s].base_unit for s in draft.scope.skus}
            unit = bases.pop() if len(bases) == 1 else ""
        actions = self.w("rule.actions_joiner").join(self.action(a) for a in draft.actions)
        if draft.trigger.kind == "schedule":
            cron = draft.trigger.cron or ""
            when = self.days(draft.trigger)
            if draft.conditions.items:
                return self.w("rule.schedule_if", when=when, clock=_clock(cron),
                              subject=self.subject(draft.scope, draft.conditions),
                              conds=self.group(draft.conditions, unit, top=True), actions=actions)
            if draft.scope.skus or draft.scope.category or draft.scope.abc_class:   # 每天7点提醒我可乐库存
                return self.w("rule.schedule_stock", when=when, clock=_clock(cron), subject=self.subject(draft.scope),
                              actions=actions)
            return self.w("rule.schedule", when=when, clock=_clock(cron), actions=actions)
        return self.w("rule.event", subject=self.subject(draft.scope, draft.conditions),
                      conds=self.group(draft.conditions, unit, top=True), actions=actions)

    def subject(self, scope: rules.Scope, conditions: rules.Group | None = None) -> str:
        names = {p.sku: p.name for p in self.cat.products}
        if conditions is not None and rules.store_wide(conditions):   # 【南山店】 · 【全公司】 · 每个门店
            if any(c.params.get("company") for c in rules.conditions_of(conditions)):
                return self.w("rule.item", name=self.w("rule.company"))
            return self.w("rule.item", name=self.location(scope.location)) if scope.location \
                else self.w("rule.each_store")
        if scope.skus:
            who = "".join(self.w("rule.item", name=names.get(s, s)) for s in scope.skus)
        else:
            parts = []
            if scope.abc_class:
                parts.append(self.w("rule.class", x=scope.abc_class))
            if scope.category:
                parts.append(scope.category)
            who = self.w("rule.group", parts="".join(parts).strip()) if parts else self.w("rule.any_product")
        if scope.location:
            who += self.w("rule.at", name=self.location(scope.location))
        return who

    def group(self, g: rules.Group | rules.Condition, unit: str, *, top: bool = False) -> str:
        if isinstance(g, rules.Condition):
            return self.condition(g, unit)
        joiner = self.w("rule.and") if g.mode == "all" else self.w("rule.or")
        inner = joiner.join(self.group(it, unit) for it in g.items)
        return self.w("rule.conds", inner=inner) if top else f"({inner})"

    def condition(self, c: rules.Condition, unit: str) -> str:
        label = self.label(c.var, c.params)
        op = rules.OPERATORS.get(c.op, c.op)
        if c.op.endswith("_var_pct") and isinstance(c.value, dict):
            other = self.label(str(c.value.get("var")), c.params)
            return f"{label} {op} {other}×{c.value.get('pct')}%"
        if c.op.endswith("_var"):
            return f"{label} {op} {self.label(*rules.other_variable(c))}"
        return f"{label} {op} {self.value(c.var, c.value, unit)}"

    def label(self, var: str, params: dict[str, Any]) -> str:
        if var == "takings":   # 今日营业额 · 本月营业额 · 近7日销售额
            span, what, days = rules.takings_words(rules.Condition(var, "gt", 0, params))
            return self.w("rule.var.takings", span=self.w(span, n=days), what=self.w(what))
        n = params.get("days") or params.get("hours") or rules.WINDOW_DEFAULTS.get(var)
        key = f"rule.var.{var}"
        text = self.w(key, n=n)
        return var if text == key else text

    def value(self, var: str, value: Any, unit: str) -> str:
        v = units.normalize(value) if isinstance(value, Decimal) else value
        suffix = unit if var in IN_UNITS else (self.w(f"rule.unit.{SUFFIX[var]}") if var in SUFFIX else "")
        return f"{v}{suffix}"

    def action(self, a: rules.Action) -> str:
        p = a.params
        if a.kind == "notify":
            out = self.w("rule.notify", people=self.people(p.get("to") or ["我"]))
            if p.get("text"):
                out += self.w("rule.notify_text", text=p["text"])
            if p.get("cc"):
                out += self.w("rule.cc", people=self.people(p["cc"]))
            return out
        if a.kind == "send_report":
            name = str(p.get("report"))
            key = f"rule.report.{name}"
            report = self.w(key)
            if p.get("period"):   # 昨天的销售 · 上周的报损
                report = self.w(f"rule.report_period.{p['period']}.{name}")
            return self.w("rule.send_report", report=name if report == key else report,
                          people=self.people(p.get("to") or []))
        if a.kind == "transfer":
            src = p.get("source")
            return self.w("rule.transfer_from", source=self.location(src)) if src else self.w("rule.transfer_any")
        if a.kind == "purchase_request":
            return self.w("rule.purchase_request", qty=f" {p['qty']}" if p.get("qty") else "")
        if a.kind == "adjust_safety_stock":
            pct = p.get("pct", 0)
            return self.w("rule.adjust_safety", sign="+" if pct >= 0 else "", pct=pct, days=p.get("days", 7))
        if a.kind == "manual_review":
            return self.w("rule.manual_review")
        if a.kind == "place_order":   # 向【张记肉业】订 牛腩 50斤 · 给【美团团餐】下单 牛腩 20斤,次日 12:00 提货
            products = {x.sku: x for x in self.cat.products}
            partners = {x.code: x.name for x in self.cat.partners}
            goods = self.w("rule.goods_joiner").join(
                f"{products[ln[0]].name if ln[0] in products else ln[0]} {units.normalize(Decimal(str(ln[1])))}"
                f"{products[ln[0]].base_unit if ln[0] in products else ''}" for ln in p.get("lines") or [])
            who = partners.get(str(p.get("partner")), str(p.get("partner") or ""))
            if p.get("order") == "sale":
                at = f" {p['at']} " if p.get("at") else ""
                return self.w("rule.place_sale_next" if p.get("ahead") else "rule.place_sale", partner=who,
                              goods=goods, at=at)
            return self.w("rule.place_purchase", partner=who, goods=goods) if who \
                else self.w("rule.place_purchase_usual", goods=goods)
        if a.kind == "record_expense":   # 记费用 房租 ¥5,000.00(南山店)
            kind = self.w(f"expense.cat.{p.get('category')}")
            note = str(p.get("note") or "")
            what = note if not note or note == kind else f"{note}({kind})"
            where = self.location(p["location"]) if p.get("location") else self.w("expense.company")
            amount = Decimal(str(p.get("amount"))).quantize(Decimal("0.01"))
            return self.w("rule.record_expense", what=what or kind, amount=f"¥{amount:,}", where=where)
        return a.kind

    def people(self, names: list[str]) -> str:
        users = {u.username: u.display_name for u in self.cat.users}
        out = []
        for n in names:
            role = self.w(f"role.{n}")
            name = users.get(n) or (self.w("rule.me") if n == "我" else role if role != f"role.{n}" else n)
            out.append(self.w("rule.item", name=name))
        return "".join(out)

    def location(self, code: str) -> str:
        return next((loc.name for loc in self.cat.locations if loc.code == code), code)

    def days(self, trigger: rules.Trigger) -> str:
        """每天 · 工作日 · 6月16日(仅一次) …: the days a schedule runs on."""
        cron = trigger.cron or ""
        if trigger.once:
            return self.w("rule.once", month=cron.split()[3], day=cron.split()[2])
        return self.w("rule.workdays") if trigger.workdays else self.when(cron)

    def when(self, cron: str) -> str:
        """每天 · 周末 · 每周一、周四 · 每周一至周五 · 每月1号 of a crontab expression (工作日 is the trigger's flag)."""
        parts = cron.split()
        dom, dow = (parts[2], parts[4]) if len(parts) == 5 else ("*", "*")
        if dom == "last":
            return self.w("rule.month_end")
        if dom != "*":
            return self.w("rule.monthly", day=dom)
        if dow == "*":
            return self.w("rule.daily")
        if dow == "sat,sun":
            return self.w("rule.weekends")
        if "-" in dow:
            a, b = dow.split("-", 1)
            return self.w("rule.weekday_range", first=self.weekday(a), last=self.weekday(b))
        return self.w("rule.weekdays", days=self.w("rule.weekday_joiner").join(self.weekday(d) for d in dow.split(",")))

    def weekday(self, d: str) -> str:
        return self.w(f"weekday.{_WEEKDAY[d]}") if d in _WEEKDAY else d


def _clock(cron: str) -> str:
    parts = cron.split()
    if len(parts) >= 2 and parts[0].isdigit() and parts[1].isdigit():
        return f"{int(parts[1]):02d}:{int(parts[0]):02d}"
    return cron
