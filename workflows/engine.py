"""A tiny, pure rule engine: nested all/any conditions over named variables.

``Variables`` is any callable ``(name, params) -> value``; the engine never touches I/O.
Hysteresis: ``slack`` relaxes numeric thresholds (0.05 = 5%), so an active alert re-arms only
once the value has moved clearly back, not when it wobbles around the threshold.
"""
from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from domain import rules

Variables = Callable[[str, dict[str, Any]], Any]


def _num(v: Any) -> Decimal | None:
    if v is None or isinstance(v, bool):
        return None
    if isinstance(v, Decimal):
        return v
    if isinstance(v, int | float | str):
        try:
            return Decimal(str(v))
        except ArithmeticError:
            return None
    return None


def _target(cond: rules.Condition, get: Variables) -> Any:
    """The right-hand side: a constant, another variable, or another variable times a percentage."""
    if cond.op.endswith("_var_pct"):
        spec = cond.value
        var, pct = (spec.get("var"), spec.get("pct")) if isinstance(spec, dict) else (spec[0], spec[1])
        other = _num(get(str(var), dict(cond.params)))
        return None if other is None else other * Decimal(str(pct)) / 100
    if cond.op.endswith("_var"):
        var, params = rules.other_variable(cond)
        return get(var, params)
    return cond.value


def check(cond: rules.Condition, get: Variables, *, slack: Decimal = Decimal(0)) -> bool:
    left = get(cond.var, dict(cond.params))
    right = _target(cond, get)
    op = cond.op.split("_var")[0]
    if op in ("eq", "ne"):
        same = (str(left) == str(right)) if _num(left) is None or _num(right) is None else _num(left) == _num(right)
        return same if op == "eq" else not same
    a, b = _num(left), _num(right)
    if a is None or b is None:
        return False
    band = abs(b) * slack
    if op == "lt":
        return a < b + band
    if op == "le":
        return a <= b + band
    if op == "gt":
        return a > b - band
    if op == "ge":
        return a >= b - band
    return False


def evaluate(node: rules.Group | rules.Condition, get: Variables, *, slack: Decimal = Decimal(0)) -> bool:
    if isinstance(node, rules.Condition):
        return check(node, get, slack=slack)
    results = (evaluate(it, get, slack=slack) for it in node.items)
    if node.mode == "any":
        return any(results)
    return all(results)


def explain(node: rules.Group | rules.Condition, get: Variables) -> list[tuple[str, Any, Any, bool]]:
    """Each leaf condition with its current left value, right value and truth (for reports)."""
    return [(c.var, left, right, ok) for c, left, right, ok in leaves(node, get)]


def leaves(node: rules.Group | rules.Condition, get: Variables) -> list[tuple[rules.Condition, Any, Any, bool]]:
    """``explain`` with the conditions themselves (their parameters name the window: 近7日 · 3天内)."""
    if isinstance(node, rules.Condition):
        return [(node, get(node.var, dict(node.params)), _target(node, get), check(node, get))]
    out: list[tuple[rules.Condition, Any, Any, bool]] = []
    for it in node.items:
        out += leaves(it, get)
    return out


def edge(*, now_true: bool, still_true: bool, active: bool) -> tuple[bool, bool]:
    """Edge trigger with hysteresis. Returns (fire, active_after).

    ``now_true`` is the strict evaluation; ``still_true`` the relaxed one (with slack).
    Fires only on the inactive→true edge; stays active until the relaxed evaluation is false.
    """
    if not active:
        return (now_true, now_true)
    return (False, still_true)
