"""Sales commission (提成): what the person who sold goods earns on them, by rules a manager sets, a product's before its
category's before the one for everything: 蓝牙耳机每副提成10元 (an amount a base unit) · 手机壳提成5% · 音频类提成2% ·
销售提成3% (a share of what the sale took, after its discounts). Pure: the sales and rules come in."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

FEN = Decimal("0.01")
ALL = "*"


@dataclass(frozen=True)
class Rule:
    scope: str                       # "sku" · "category" · "all"
    key: str                         # the sku, the category, or ALL
    rate: Decimal | None = None      # a share of what was taken (0.03)
    per_unit: Decimal | None = None  # yuan a base unit sold

    @property
    def ref(self) -> str:
        """How the rules are kept: sku:A06 · cat:音频 · *."""
        return ALL if self.scope == "all" else f"{'sku' if self.scope == 'sku' else 'cat'}:{self.key}"


def load(kept: Mapping[str, Any] | None) -> list[Rule]:
    """The rules as a tenant keeps them ({ref: {"rate": "0.03"} | {"per_unit": "10"}})."""
    out = []
    for ref, v in (kept or {}).items():
        scope, _, key = ("all", "", ALL) if ref == ALL else ref.partition(":")
        out.append(Rule("sku" if scope == "sku" else "category" if scope == "cat" else "all", key,
                        Decimal(v["rate"]) if v.get("rate") is not None else None,
                        Decimal(v["per_unit"]) if v.get("per_unit") is not None else None))
    order = {"sku": 0, "category": 1, "all": 2}
    return sorted(out, key=lambda r: (order[r.scope], r.key))


def dump(rules: Iterable[Rule]) -> dict[str, dict[str, str]]:
    return {r.ref: ({"rate": str(r.rate)} if r.rate is not None else {"per_unit": str(r.per_unit)}) for r in rules
            if r.rate is not None or r.per_unit is not None}


def rule_for(sku: str, category: str | None, rules: Iterable[Rule]) -> Rule | None:
    """The rule that pays on ``sku``: its own, else its category's, else the one for everything; None: none."""
    by = {(r.scope, r.key): r for r in rules}
    return by.get(("sku", sku)) or (by.get(("category", category)) if category else None) or by.get(("all", ALL))


def earned(rule: Rule | None, qty: Decimal, value: Decimal) -> Decimal:
    """What selling ``qty`` base units for ``value`` earns under ``rule`` (a return: negative both), in fen."""
    if rule is None:
        return Decimal(0)
    amount = value * rule.rate if rule.rate is not None else qty * (rule.per_unit or Decimal(0))
    return amount.quantize(FEN, rounding=ROUND_HALF_UP)


@dataclass
class Earned:
    """One person's sales of a span and what they earn: per product (qty, value, commission)."""
    who: str
    lines: dict[str, tuple[Decimal, Decimal, Decimal]] = field(default_factory=dict)

    def add(self, sku: str, qty: Decimal, value: Decimal, commission: Decimal) -> None:
        q, v, c = self.lines.get(sku, (Decimal(0), Decimal(0), Decimal(0)))
        self.lines[sku] = (q + qty, v + value, c + commission)

    @property
    def value(self) -> Decimal:
        return sum((v for _, v, _ in self.lines.values()), Decimal(0))

    @property
    def commission(self) -> Decimal:
        return sum((c for _, _, c in self.lines.values()), Decimal(0))
