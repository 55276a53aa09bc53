"""The takeover switch and deviation attribution for automated rules.

A rule's suggestion (a purchase request or transfer it created) is *overridden* when a person
rejects it, and *deviates* when what was finally received differs from it by more than 20%.
Three such outcomes in a row switch the rule to manual review and send its owner a root-cause
report. Any forecast-driven suggestion whose outcome deviates by more than 15% is recorded with
the conditions that triggered it, so the forecasting report can show which inputs were wrong.
"""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from domain import orders

TAKEOVER_AFTER = 3
DEVIATION = Decimal("0.20")
ATTRIBUTION = Decimal("0.15")


def rule_of(order: orders.Order) -> int | None:
    if order.note.startswith("rule:"):
        try:
            return int(order.note.split(":", 1)[1])
        except ValueError:
            return None
    return None


def deviation(order: orders.Order) -> Decimal:
    suggested = sum((ln.qty for ln in order.lines), Decimal(0))
    received = sum((ln.received for ln in order.lines), Decimal(0))
    return abs(received - suggested) / suggested if suggested > 0 else Decimal(0)


def outcome(uow: Any, push: Any, t: Any, *, order: orders.Order, rejected: bool, now: datetime) -> None:
    """Book one outcome of a rule's suggestion; may switch the rule to manual review."""
    rid = rule_of(order)
    if rid is None:
        return
    rule = uow.rules.get(rid)
    if rule is None:
        return
    dev = Decimal(1) if rejected else deviation(order)
    conditions = order.meta.get("conditions") or []
    if not rejected and dev > ATTRIBUTION:
        uow.chat.audit(at=now, actor=None, action="forecast_deviation",
                       detail={"rule": rid, "order": order.id, "deviation": str(dev.quantize(Decimal("0.01"))),
                               "conditions": conditions})
    bad = rejected or dev > DEVIATION
    rule.overrides = rule.overrides + 1 if bad else 0
    if bad:
        reason = "驳回" if rejected else f"实际与建议偏差{int(dev * 100)}%"
        uow.chat.audit(at=now, actor=None, action="rule_override",
                       detail={"rule": rid, "order": order.id, "reason": reason, "conditions": conditions})
    if rule.overrides >= TAKEOVER_AFTER and rule.status == "active":
        uow.rules.update(rule, status="manual", at=now)
        reasons = "; ".join(f"#{d['order']} {d['reason']} ({', '.join(map(str, d.get('conditions') or []))})"
                            for d in uow.chat.audits("rule_override", rule=rid, limit=TAKEOVER_AFTER))
        push(rule.owner, t("alert.manual_review", id=rid, n=TAKEOVER_AFTER, reasons=reasons))
    else:
        uow.rules.update(rule, at=now)
