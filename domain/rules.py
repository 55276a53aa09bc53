"""Rules as data (after venmo/business-rules): a trigger, nested all/any conditions, actions.

The catalog of variables, operators and actions is declared here so the NLU can build rules
against it and ``export rules`` can describe it.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

# variable name -> (description, parameter names)
VARIABLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "on_hand": ("库存(基本单位)", ()),
    "available": ("可用量=库存-预定", ()),
    "safety_stock": ("安全库存", ()),
    "days_of_cover": ("可用天数", ()),
    "sales_sum": ("近N日销量合计", ("days",)),
    "scrap_sum": ("近N日报损量(今天算第一天)", ("days",)),
    "scrap_value": ("近N日报损金额(按成本,元;今天算第一天)", ("days",)),
    "sales_mean": ("近N日日均销量", ("days",)),
    "sales_std": ("近N日销量标准差", ("days",)),
    "sales_cv": ("近N日销量标准差/均值", ("days",)),
    "forecast": ("未来N小时预测销量", ("hours",)),
    "days_since_sale": ("距上次销售天数", ()),
    "days_since_receipt": ("距上次进货天数", ()),   # 如果牛腩三天没进货就提醒我
    "expiring": ("N天内到期的库存量(已过期的也算)", ("days",)),
    "booked": ("未来N小时预定量", ("hours",)),
    "category": ("品类", ()),
    "abc_class": ("ABC分类", ()),
    "rain_days_ahead": ("未来连续降雨天数", ()),
    "temperature": ("预报气温", ()),
    "inbound_eta_hours": ("最近到货还需小时数(无在途为无穷大)", ()),
    # 如果有人一次卖超过10箱可乐就通知我: the quantity the sale just recorded sold (0 when something else moved); each
    # such sale fires on its own
    "sale_qty": ("单笔销量(刚记的这笔销售的数量)", ()),
    # 如果今天营业额低于1000就告诉我 · 本月营业额超过10万时通知我: the store's (company: the whole company's; own: the
    # rule's product's) takings in yuan, at the prices the sales went at, else the list price, net of returns
    "takings": ("营业额(元):今天算第一天的近N天,或本周、本月至今", ("days", "period", "company", "own")),
}

# variables of a store, not of a product: a rule on these alone is checked once per store (own: the product's)
STORE_VARIABLES = frozenset({"takings"})

# the window a condition without one looks at (metrics.Snapshot's defaults): 近7日 · 未来24小时 · 3天内
WINDOW_DEFAULTS = {"takings": 1, "scrap_sum": 1, "scrap_value": 1, "sales_sum": 7, "sales_mean": 7, "sales_std": 7, "sales_cv": 7, "forecast": 24, "booked": 24,
                   "expiring": 3}

OPERATORS: dict[str, str] = {
    "lt": "<", "le": "≤", "gt": ">", "ge": "≥", "eq": "=", "ne": "≠",
    "lt_var": "<", "gt_var": ">",  # compare against another variable (value = variable name)
    "gt_var_pct": ">", # variable > other variable × pct/100
}

ACTIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "notify": ("提醒用户或角色(可带提醒内容)", ("to", "cc", "text")),
    "purchase_request": ("创建采购申请", ("qty",)),
    "transfer": ("创建调拨单", ("source", "qty")),
    "adjust_safety_stock": ("临时调整安全库存", ("pct", "days")),
    "manual_review": ("转人工审核", ()),
    "send_report": ("发送报表", ("report", "to", "period")),   # period: yesterday · this_week · last_week
    # 每周一向张记订牛腩50斤 · 团餐每周一要牛腩20斤: a standing order placed on each schedule (order: purchase · sale;
    # lines: [[sku, qty]]; ahead: days before the day it is for (a customer's, booked the day before); at: HH:MM due)
    "place_order": ("下固定订单", ("order", "partner", "location", "lines", "ahead", "at")),
    # 每月1号交房租5000 · 每周一交垃圾费50: a running cost kept on each schedule (domain/expenses.py; amount a decimal
    # string; location: the store said, else the speaker's; None: the company's)
    "record_expense": ("记固定费用", ("amount", "category", "note", "location")),
}


@dataclass(frozen=True)
class Condition:
    var: str
    op: str
    value: Any
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Group:
    mode: str  # "all" | "any"
    items: tuple[Condition | Group, ...]


@dataclass(frozen=True)
class Action:
    kind: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Trigger:
    kind: str  # "event" | "schedule"
    cron: str | None = None  # "M H * * *" in the tenant's time zone
    workdays: bool = False   # 工作日: only on the tenant calendar's working days (make-up Saturdays in, holidays out)
    once: bool = False       # 明天早上8点提醒我订牛奶: its cron names a day of a month; it fires there once, then is done


@dataclass(frozen=True)
class Scope:
    """Which products/locations a rule watches. Empty tuples mean 'every'."""
    skus: tuple[str, ...] = ()
    category: str | None = None
    abc_class: str | None = None
    location: str | None = None


@dataclass(frozen=True)
class RuleDraft:
    text: str
    trigger: Trigger
    scope: Scope
    conditions: Group
    actions: tuple[Action, ...]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-safe dict (Decimals become strings; the engine reads them back as numbers)."""
        out: dict[str, Any] = _jsonable(asdict(self))
        return out


def _jsonable(v: Any) -> Any:
    if isinstance(v, dict):
        return {k: _jsonable(x) for k, x in v.items()}
    if isinstance(v, list | tuple):
        return [_jsonable(x) for x in v]
    if isinstance(v, Decimal):
        return str(v)
    return v


def other_variable(cond: Condition) -> tuple[str, dict[str, Any]]:
    """The right-hand variable of a ``*_var`` comparison and its parameters: ``value`` is its name (it takes the
    condition's parameters) or ``{"var": name, "params": {...}}`` (its own, as in "库存 < 未来48小时预测销量")."""
    if isinstance(cond.value, dict):
        return str(cond.value.get("var")), dict(cond.value.get("params") or {})
    return str(cond.value), dict(cond.params)


def conditions_of(node: Condition | Group) -> list[Condition]:
    """The leaf conditions of a group, in order."""
    if isinstance(node, Condition):
        return [node]
    return [c for it in node.items for c in conditions_of(it)]


def store_wide(node: Group) -> bool:
    """Conditions on the store alone (今天营业额低于1000): checked once per store, not for each product."""
    leaves = conditions_of(node)
    return bool(leaves) and all(
        c.var in STORE_VARIABLES and not c.params.get("own")
        and (not c.op.endswith("_var") or other_variable(c)[0] in STORE_VARIABLES) for c in leaves)


def per_sale(node: Group) -> bool:
    """Whether a condition is on one sale (一次卖超过10箱): each sale that meets it fires, not only the first."""
    return any(c.var == "sale_qty" for c in conditions_of(node))


def uses_store(node: Group) -> bool:
    """Whether a condition is on the store (its takings), not on the product it is checked for."""
    return any(c.var in STORE_VARIABLES and not c.params.get("own") for c in conditions_of(node))


def store_subjects(draft: RuleDraft, places: set[str]) -> set[str | None]:
    """Which of ``places`` a rule on the store alone looks at: the place it names, else each (the whole company's
    takings: once, None)."""
    if any(c.params.get("company") for c in conditions_of(draft.conditions)):
        return {None} if places else set()
    return {p for p in places if draft.scope.location in (None, p)}


def takings_words(c: Condition) -> tuple[str, str, int]:
    """The locale keys a takings condition is named with (its span: 今日 · 本周 · 本月 · 近N日; what: a store's or the
    company's 营业额, a product's 销售额) and the N."""
    days = int(c.params.get("days") or 1)
    period = c.params.get("period")
    span = f"rule.span.{period}" if period in ("week", "month") else "rule.span.today" if days == 1 else "rule.span.days"
    return span, "rule.takings.own" if c.params.get("own") else "rule.takings.store", days


def period_start(node: Group, today: date) -> date | None:
    """The first day of the calendar span the conditions count from (today's: today; 本周: Monday; 本月: the 1st),
    when one does: a new span re-arms the alert (today's write-offs over ¥100 fire again tomorrow, even when the
    first of tomorrow's is enough alone). None: a rolling window, or none."""
    starts = set()
    for c in conditions_of(node):
        if c.var not in ("takings", "scrap_sum", "scrap_value"):
            continue
        period = c.params.get("period")
        if period == "week":
            starts.add(today - timedelta(days=today.weekday()))
        elif period == "month":
            starts.add(today.replace(day=1))
        elif int(c.params.get("days") or WINDOW_DEFAULTS[c.var]) == 1:
            starts.add(today)
    return max(starts) if starts else None


def catalog() -> dict[str, Any]:
    return {
        "variables": {k: {"label": v[0], "params": list(v[1])} for k, v in VARIABLES.items()},
        "operators": OPERATORS,
        "actions": {k: {"label": v[0], "params": list(v[1])} for k, v in ACTIONS.items()},
    }


def validate(draft: RuleDraft) -> list[str]:
    """Return problems (codes) with a draft; empty when it can be stored."""
    problems: list[str] = []

    def walk(node: Condition | Group) -> None:
        if isinstance(node, Group):
            if node.mode not in ("all", "any"):
                problems.append(f"bad_group:{node.mode}")
            for it in node.items:
                walk(it)
        else:
            if node.var not in VARIABLES:
                problems.append(f"unknown_variable:{node.var}")
            if node.op not in OPERATORS:
                problems.append(f"unknown_operator:{node.op}")
            elif node.op.endswith("_var") and other_variable(node)[0] not in VARIABLES:
                problems.append(f"unknown_variable:{other_variable(node)[0]}")

    walk(draft.conditions)
    for a in draft.actions:
        if a.kind not in ACTIONS:
            problems.append(f"unknown_action:{a.kind}")
    if not draft.actions:
        problems.append("no_action")
    if draft.trigger.kind == "schedule" and not draft.trigger.cron:
        problems.append("no_schedule")
    if draft.trigger.once and (draft.trigger.cron or "* * * * *").split()[2:4] == ["*", "*"]:
        problems.append("once_without_day")
    return problems


def group_from_dict(d: dict[str, Any]) -> Group:
    items: list[Condition | Group] = []
    for it in d.get("items", []):
        if "mode" in it:
            items.append(group_from_dict(it))
        else:
            items.append(Condition(var=it["var"], op=it["op"], value=it["value"], params=dict(it.get("params") or {})))
    return Group(mode=d.get("mode", "all"), items=tuple(items))


def draft_from_dict(d: dict[str, Any]) -> RuleDraft:
    sc = d.get("scope") or {}
    return RuleDraft(
        text=d.get("text", ""),
        trigger=Trigger(**(d.get("trigger") or {"kind": "event"})),
        scope=Scope(skus=tuple(sc.get("skus") or ()), category=sc.get("category"),
                    abc_class=sc.get("abc_class"), location=sc.get("location")),
        conditions=group_from_dict(d.get("conditions") or {"mode": "all", "items": []}),
        actions=tuple(Action(kind=a["kind"], params=dict(a.get("params") or {})) for a in d.get("actions") or []),
    )
