"""Rule sandbox: replay the last N days of ledger events against a rule, side by side with
what people actually did, and report the decision difference rate."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from domain import catalog, ledger, rules
from workflows import engine, metrics
from workflows.ports import UnitOfWork


class AsOf(metrics.Snapshot):
    """Variables as they were at ``now``, rebuilt from the ledger (moves up to that moment)."""

    def __init__(self, uow: UnitOfWork, *, location: str | None, product: catalog.Product, now: datetime,
                 moves: list[ledger.Move], **kw: Any) -> None:
        super().__init__(uow, location=location, product=product, now=now, **kw)
        self.moves = [m for m in moves if m.sku == product.sku and m.at <= now]

    def v_on_hand(self) -> Decimal:
        total = Decimal(0)
        for m in self.moves:
            if self.location is None:
                total += (m.qty if m.dst[:1] != "~" else 0) - (m.qty if m.src[:1] != "~" else 0)
            else:
                total += (m.qty if m.dst == self.location else 0) - (m.qty if m.src == self.location else 0)
        return total

    def _daily(self, days: int) -> list[Decimal]:
        out = []
        for i in range(days, 0, -1):
            day = (self.now - timedelta(days=i)).date()
            q = Decimal(0)
            for m in self.moves:
                if m.kind == ledger.MoveKind.SALE and m.at.astimezone(self.now.tzinfo).date() == day and \
                        (self.location is None or self.location in (m.src, m.dst)):
                    q += m.qty if m.dst.startswith("~") else -m.qty
            out.append(q)
        return out


@dataclass
class Report:
    rule_id: int
    days: int
    decisions: int = 0
    differences: int = 0
    rows: list[dict[str, Any]] = field(default_factory=list)

    @property
    def difference_rate(self) -> float:
        return self.differences / self.decisions if self.decisions else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule_id, "days": self.days, "decisions": self.decisions, "differences": self.differences,
                "difference_rate": round(self.difference_rate, 3), "rows": self.rows}


HUMAN_ACTIONS = {ledger.MoveKind.RECEIPT, ledger.MoveKind.TRANSFER_IN, ledger.MoveKind.PRODUCTION}   # restocked by someone


def run(uow: UnitOfWork, *, rule_id: int, days: int, now: datetime) -> Report:
    rule = uow.rules.get(rule_id)
    if rule is None:
        raise LookupError(rule_id)
    draft = rules.draft_from_dict(rule.spec)
    start = now - timedelta(days=days)
    moves: list[ledger.Move] = uow.stock.moves()
    products = {p.sku: p for p in uow.catalog.products()}
    window = [m for m in moves if start <= m.at <= now]
    subjects = sorted({(loc, m.sku) for m in window for loc in (m.src, m.dst) if not loc.startswith("~")})
    rep = Report(rule_id=rule_id, days=days)
    people = {(m.dst, m.sku, m.at.astimezone(now.tzinfo).date()) for m in window
              if m.kind in HUMAN_ACTIONS and m.reverses is None}
    for o in uow.orders.list(kinds=["purchase", "transfer"]):
        if o.created_by and not o.note.startswith("rule:") and start <= o.created_at <= now:  # people, not jobs
            for ln in o.lines:
                people.add((o.location or "", ln.sku, o.created_at.astimezone(now.tzinfo).date()))
    for loc, sku in subjects:
        p = products.get(sku)
        if p is None or (draft.scope.skus and sku not in draft.scope.skus) or \
                (draft.scope.category and p.category != draft.scope.category) or \
                (draft.scope.location and draft.scope.location != loc):
            continue
        active = False
        fired_days = set()
        times = sorted({m.at for m in window if m.sku == sku and loc in (m.src, m.dst)})
        for at in times:
            snap = AsOf(uow, location=loc, product=p, now=at, moves=moves)
            now_true = engine.evaluate(draft.conditions, snap)
            still = engine.evaluate(draft.conditions, snap, slack=Decimal("0.05")) if active else now_true
            fire, active = engine.edge(now_true=now_true, still_true=still, active=active)
            if fire:
                fired_days.add(at.astimezone(now.tzinfo).date())
        for i in range(days + 1):
            day = (start + timedelta(days=i)).astimezone(now.tzinfo).date()
            rule_did = day in fired_days
            human_did = (loc, sku, day) in people
            if not rule_did and not human_did:
                continue
            rep.decisions += 1
            differs = rule_did != human_did
            rep.differences += differs
            rep.rows.append({"day": day.isoformat(), "location": loc, "sku": sku,
                             "rule": [a.kind for a in draft.actions] if rule_did else [],
                             "people": "acted" if human_did else "-", "differs": differs})
    return rep
