"""The ledger's hash chain: each move's hash seals it and every move before it (tamper evidence).

``link(prev, move)`` is SHA-256 over the previous hash and the move's canonical form. Changing, deleting
or inserting a past move changes every hash after it, so a fingerprint (a position and its hash) written
down elsewhere, say in yesterday's chat, proves later whether the ledger up to there is the same.

The canonical form is frozen (version 1): its fields, their order and their spelling never change, or
every existing chain would read as broken. A field added later is appended, and only when the move has it
(a sale's payment method), so every move sealed before reads the same. Quantities and money are written at
the store's scale (six decimals, as ``Numeric(20, 6)`` keeps them) so a value reads back exactly as it was sealed.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from domain import ledger

GENESIS = "0" * 64
SCALE = Decimal("0.000001")
VERSION = "k1"


def stored(v: Decimal | None) -> Decimal | None:
    """A quantity or price as the store keeps it: six decimals, half away from zero (PostgreSQL's numeric)."""
    return None if v is None else v.quantize(SCALE, rounding=ROUND_HALF_UP)


def _num(v: Decimal | None) -> str | None:
    if v is None:
        return None
    q = stored(v)
    assert q is not None
    return format(q, "f")


def canonical(m: ledger.Move) -> bytes:
    """The move's sealed fields, in a fixed order. The id is no part: the chain's order is the ids' order."""
    return json.dumps([
        VERSION, m.batch, m.kind.value, m.sku, _num(m.qty), m.src, m.dst, m.lot or "", _num(m.unit_cost),
        _num(m.unit_price), m.partner, m.actor, m.at.astimezone(UTC).isoformat(timespec="microseconds"),
        m.message_id, m.reverses, m.order_id, m.note or "",
        # (added after version 1 froze: written only when set, so every move sealed before it reads the same)
        *([m.method] if m.method else []),
    ], ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def link(prev: str, m: ledger.Move) -> str:
    return hashlib.sha256(prev.encode("ascii") + b"\n" + canonical(m)).hexdigest()


@dataclass(frozen=True)
class AuditEntry:
    """One audited action (an approval, a change of master data, a partner's word on its order …), as sealed."""
    at: datetime
    actor: str | None
    action: str
    detail: dict[str, Any] = field(default_factory=dict)
    id: int | None = None


def link_audit(prev: str, a: AuditEntry) -> str:
    """The audit trail's own chain (version a1): its time, actor, action and detail (keys sorted, as JSON keeps
    them), sealed the same way as the moves."""
    body = json.dumps(["a1", a.at.astimezone(UTC).isoformat(timespec="microseconds"), a.actor, a.action, a.detail],
                      ensure_ascii=False, separators=(",", ":"), sort_keys=True, default=str).encode("utf-8")
    return hashlib.sha256(prev.encode("ascii") + b"\n" + body).hexdigest()


def fingerprint(h: str) -> str:
    """The short form said in the chat: enough to compare by eye, 48 bits against a forgery."""
    return h[:12]


@dataclass(frozen=True)
class Break:
    """The first move whose stored hash is not the one its content and the moves before it give."""
    position: int          # 1-based place in the tenant's chain
    move_id: int | None
    stored: str | None
    expected: str


@dataclass(frozen=True)
class Verdict:
    count: int             # moves walked
    head: str              # the hash after the last move walked (recomputed)
    broken: Break | None
    head_ok: bool          # the kept head (last hash and count) agrees with the walk
    anchors_ok: tuple[tuple[int, str, bool], ...] = ()   # (position, fingerprint, matches)
    unsealed: int = 0      # moves committed outside the chain (written around the unit of work)
    audit: Verdict | None = None   # the audit trail's own chain, checked with the moves'

    @property
    def ok(self) -> bool:
        return (self.broken is None and self.head_ok and not self.unsealed and all(a[2] for a in self.anchors_ok)
                and (self.audit is None or self.audit.ok))


class Walker:
    """Walks a chain in order, move by move (so a store can stream it in chunks), checking each stored hash."""

    def __init__(self, anchors: Iterable[tuple[int, str]] = (), *, linker: Callable[[str, Any], str] = link) -> None:
        self.link = linker
        self.prev = GENESIS
        self.count = 0
        self.broken: Break | None = None
        self._anchors = {pos: fp.lower() for pos, fp in anchors}
        self._seen: dict[int, bool] = {}

    def step(self, m: Any, stored_hash: str | None) -> None:
        h = self.link(self.prev, m)
        self.count += 1
        if self.broken is None and stored_hash != h:
            self.broken = Break(position=self.count, move_id=m.id, stored=stored_hash, expected=h)
        if self.count in self._anchors:
            self._seen[self.count] = h.startswith(self._anchors[self.count])
        self.prev = h

    def verdict(self, *, head_hash: str | None, head_count: int | None, unsealed: int = 0) -> Verdict:
        head_ok = (head_count or 0) == self.count and (head_hash or GENESIS) == self.prev
        anchors = tuple((pos, fp, self._seen.get(pos, False)) for pos, fp in sorted(self._anchors.items()))
        return Verdict(count=self.count, head=self.prev, broken=self.broken, head_ok=head_ok, anchors_ok=anchors,
                       unsealed=unsealed)


def as_dict(v: Verdict) -> dict[str, object]:
    return {"ok": v.ok, "count": v.count, "head": v.head, "fingerprint": fingerprint(v.head), "head_ok": v.head_ok,
            "unsealed": v.unsealed,
            "broken": None if v.broken is None else {"position": v.broken.position, "move_id": v.broken.move_id,
                                                     "stored": v.broken.stored, "expected": v.broken.expected},
            "anchors": [{"position": p, "fingerprint": fp, "matches": ok} for p, fp, ok in v.anchors_ok],
            **({"audit": as_dict(v.audit)} if v.audit is not None else {})}
