"""Canonical Chinese rendering of a RuleDraft, shown back to the user before saving it.

当【可乐】在【南山店】的库存 < 50瓶 时 → 提醒【陈采购】
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from domain import rules, units
from nlu import context

ROLE_NAMES = {"purchaser": "采购员", "manager": "店长", "admin": "管理员", "staff": "店员"}
REPORT_NAMES = {"prep_list": "今日备货清单", "evening_summary": "今日小结", "stock_report": "库存日报",
                "sales_week": "一周销量"}


def render_rule(draft: rules.RuleDraft, catalog: context.Catalog | None) -> str:
    cat = catalog or context.Catalog(products=())
    products = {p.sku: p for p in cat.products}
    unit = ""
    if len(draft.scope.skus) >= 1 and all(s in products for s in draft.scope.skus):
        bases = {products[s].base_unit for s in draft.scope.skus}
        unit = bases.pop() if len(bases) == 1 else ""
    actions = ",".join(_action(a, cat) for a in draft.actions)
    if draft.trigger.kind == "schedule":
        when = "工作日" if draft.trigger.workdays else _when(draft.trigger.cron or "")
        head = f"{when} {_clock(draft.trigger.cron or '')}"
        if draft.conditions.items:
            head += f",若{_subject(draft.scope, cat)}" + _group(draft.conditions, unit, top=True)
        return f"{head} → {actions}"
    return f"当{_subject(draft.scope, cat)}" + _group(draft.conditions, unit, top=True) + f" 时 → {actions}"


def _subject(scope: rules.Scope, cat: context.Catalog) -> str:
    names = {p.sku: p.name for p in cat.products}
    if scope.skus:
        who = "".join(f"【{names.get(s, s)}】" for s in scope.skus)
    else:
        parts = []
        if scope.abc_class:
            parts.append(f"{scope.abc_class}类")
        if scope.category:
            parts.append(scope.category)
        who = f"【{''.join(parts)}】商品" if parts else "任一商品"
    if scope.location:
        who += f"在【{_location(scope.location, cat)}】"
    return who


def _group(g: rules.Group | rules.Condition, unit: str, *, top: bool = False) -> str:
    if isinstance(g, rules.Condition):
        return _condition(g, unit)
    joiner = " 且 " if g.mode == "all" else " 或 "
    inner = joiner.join(_group(it, unit) for it in g.items)
    return f"的{inner}" if top else f"({inner})"


def _condition(c: rules.Condition, unit: str) -> str:
    label = _label(c.var, c.params)
    op = rules.OPERATORS.get(c.op, c.op)
    if c.op.endswith("_var_pct") and isinstance(c.value, dict):
        other = _label(str(c.value.get("var")), c.params)
        return f"{label} {op} {other}×{c.value.get('pct')}%"
    if c.op.endswith("_var"):
        return f"{label} {op} {_label(*rules.other_variable(c))}"
    return f"{label} {op} {_value(c.var, c.value, unit)}"


def _label(var: str, params: dict[str, Any]) -> str:
    n = params.get("days") or params.get("hours")
    return {
        "on_hand": "库存", "available": "可用量", "safety_stock": "安全库存", "days_of_cover": "可用天数",
        "sales_sum": f"近{n or 7}日销量合计", "sales_mean": f"近{n or 7}日日均销量",
        "sales_std": f"近{n or 7}日销量标准差", "sales_cv": f"近{n or 7}日销量变异系数",
        "forecast": f"未来{n or 24}小时预测销量", "days_since_sale": "连续未售天数",
        "expiring": f"{n or 3}天内到期的库存",
        "booked": f"未来{n or 24}小时预定量", "category": "品类", "abc_class": "ABC分类",
        "rain_days_ahead": "未来连续降雨天数", "temperature": "预报气温", "inbound_eta_hours": "最近到货还需小时数",
    }.get(var, var)


def _value(var: str, value: Any, unit: str) -> str:
    v = units.normalize(value) if isinstance(value, Decimal) else value
    suffix = {"on_hand": unit, "available": unit, "safety_stock": unit, "sales_sum": unit, "sales_mean": unit,
              "forecast": unit, "booked": unit, "expiring": unit, "days_of_cover": "天", "days_since_sale": "天",
              "rain_days_ahead": "天", "temperature": "℃", "inbound_eta_hours": "小时"}.get(var, "")
    return f"{v}{suffix}"


def _action(a: rules.Action, cat: context.Catalog) -> str:
    p = a.params
    if a.kind == "notify":
        out = "提醒" + _people(p.get("to") or ["我"], cat)
        if p.get("cc"):
            out += ",抄送" + _people(p["cc"], cat)
        return out
    if a.kind == "send_report":
        return f"把【{REPORT_NAMES.get(str(p.get('report')), p.get('report'))}】发给" + _people(p.get("to") or [], cat)
    if a.kind == "transfer":
        src = p.get("source")
        return f"从【{_location(src, cat)}】调拨" if src else "从仓库调拨"
    if a.kind == "purchase_request":
        return "创建采购申请" + (f" {p['qty']}" if p.get("qty") else "")
    if a.kind == "adjust_safety_stock":
        pct = p.get("pct", 0)
        sign = "+" if pct >= 0 else ""
        return f"安全库存临时{sign}{pct}%({p.get('days', 7)}天)"
    if a.kind == "manual_review":
        return "转人工审核"
    return a.kind


def _people(names: list[str], cat: context.Catalog) -> str:
    users = {u.username: u.display_name for u in cat.users}
    return "".join(f"【{users.get(n) or ROLE_NAMES.get(n, n)}】" for n in names)


def _location(code: str, cat: context.Catalog) -> str:
    return next((loc.name for loc in cat.locations if loc.code == code), code)


_WEEKDAY_NAMES = {"mon": "周一", "tue": "周二", "wed": "周三", "thu": "周四", "fri": "周五", "sat": "周六", "sun": "周日"}


def _when(cron: str) -> str:
    """每天 · 周末 · 每周一、周四 · 每周一至周五 · 每月1号 of a crontab expression (工作日 is the trigger's own flag)."""
    parts = cron.split()
    dom, dow = (parts[2], parts[4]) if len(parts) == 5 else ("*", "*")
    if dom != "*":
        return f"每月{dom}号"
    if dow == "*":
        return "每天"
    if dow == "sat,sun":
        return "周末"
    if "-" in dow:
        a, b = dow.split("-", 1)
        return f"每{_WEEKDAY_NAMES.get(a, a)}至{_WEEKDAY_NAMES.get(b, b)}"
    return "每" + "、".join(_WEEKDAY_NAMES.get(d, d) for d in dow.split(","))


def _clock(cron: str) -> str:
    parts = cron.split()
    if len(parts) >= 2 and parts[0].isdigit() and parts[1].isdigit():
        return f"{int(parts[1]):02d}:{int(parts[0]):02d}"
    return cron
