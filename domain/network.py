"""The network: companies on this server (tenants) linked as each other's supplier and customer.

A link joins one of our partners to another company here: we invite it with a code, its manager accepts with the code,
and from then on what we order from it arrives in its books as its customer's order, and what it ships, accepts or
cancels comes back onto our purchase order. Each side keeps its own books; what crosses is a **snapshot** of the order
as the other side may see it, built here with a fixed set of fields (never a price, a cost, a stock level, a customer
or a person), sent when it changes and applied in order by the other side (the newest snapshot wins).

A company on another server is addressed as ``<its tenant>@<its server's base URL>``; its invitation is said as
``KG-ABCD-EFGH@https://…``. Accepting one sends our acceptance there (with a secret for the link); from then on each
message between the two servers is signed with that secret (HMAC-SHA256 of its body) and checked before it is kept.
"""
from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from domain import catalog, errors, orders, units

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"   # (no 0/O, 1/I/L: read aloud over the phone)
# what each snapshot may carry, and nothing else (field-level permissions between companies)
PO_FIELDS = frozenset({"po", "status", "due", "lines"})
PO_LINE_FIELDS = frozenset({"sku", "name", "qty", "unit", "received"})
SO_FIELDS = frozenset({"po", "so", "status", "lines", "unmatched"})
SO_LINE_FIELDS = frozenset({"sku", "shipped"})
SENT = ("open", "partial", "done", "cancelled")   # a purchase order waiting for our own approval is not sent yet


@dataclass(frozen=True)
class Link:
    partner: str          # our partner's code (a supplier or a customer)
    status: str           # "invited" | "active" | "ended"
    peer: str | None = None       # the other company's tenant code (None while invited)
    code: str | None = None       # the invitation's code (ours, while it waits)
    location: str | None = None   # where its orders to us are kept (a customer's link)
    secret: str | None = None     # a company on another server: the key both sign their messages with
    peer_name: str | None = None  # a company on another server: its name
    # the key before the last change of it (更换和张记的联网密钥): still taken until ``prev_until``, for the messages
    # either side sent before the other heard of the new one
    secret_prev: str | None = None
    prev_until: datetime | None = None

    def with_key(self, secret: str, *, now: datetime) -> Link:
        """This link signed with ``secret`` from ``now`` on, its key until now still taken for ``REKEY_GRACE``."""
        return replace(self, secret=secret, secret_prev=self.secret, prev_until=now + REKEY_GRACE)

    def signed(self, body: bytes, said: str | None, *, now: datetime) -> bool:
        """Whether ``body`` is signed with this link's key (or its previous one, while that is still taken)."""
        return signed_by(self.secret, body, said) or (
            self.prev_until is not None and now < self.prev_until and signed_by(self.secret_prev, body, said))


REKEY_GRACE = timedelta(days=1)   # how long a link's previous key is still taken after it changed


def remote(address: str | None) -> bool:
    """A company on another server (<tenant>@<base URL>), not a tenant here."""
    return address is not None and "@" in address


def address(tenant: str, base_url: str) -> str:
    return f"{tenant}@{base_url.rstrip('/')}"


def server_of(address: str) -> str:
    """The base URL of a company on another server (its tenant's address there: what comes after the @)."""
    return address.split("@", 1)[1]


def tenant_of(address: str) -> str:
    return address.split("@", 1)[0]


def signature(secret: str, body: bytes) -> str:
    """What a message between two servers is signed with: HMAC-SHA256 of its body under the link's secret."""
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def signed_by(secret: str | None, body: bytes, said: str | None) -> bool:
    return bool(secret) and bool(said) and hmac.compare_digest(signature(secret or "", body), said or "")


def invite_code(raw: bytes) -> str:
    """KG-ABCD-EFGH from 8 random bytes (the caller's: nothing here is random)."""
    chars = "".join(CODE_ALPHABET[b % len(CODE_ALPHABET)] for b in raw[:8])
    if len(chars) < 8:
        raise errors.BadInput(code="bad_input")
    return f"KG-{chars[:4]}-{chars[4:]}"


def normal_code(said: str) -> str:
    """kg abcd efgh · KG-ABCD-EFGH → KG-ABCD-EFGH (as said, spaces and case aside)."""
    s = "".join(c for c in said.upper() if c.isalnum())
    return f"KG-{s[2:6]}-{s[6:10]}" if s.startswith("KG") and len(s) == 10 else said.strip().upper()


def po_snapshot(o: orders.Order, products: Mapping[str, catalog.Product]) -> dict[str, Any] | None:
    """Our purchase order as its supplier may see it: number, state, due day, and per line the product's name, the
    amount in our base unit and what we received of it. None: not for it to see yet (awaiting our approval,
    rejected)."""
    if o.status.value not in SENT:
        return None
    snap = {"po": o.id, "status": o.status.value, "due": o.due.isoformat() if o.due else None,
            "lines": [{"sku": ln.sku, "name": products[ln.sku].name if ln.sku in products else ln.sku,
                       "qty": str(ln.qty), "unit": products[ln.sku].base_unit if ln.sku in products else "",
                       "received": str(ln.received)} for ln in o.lines]}
    return checked(snap, PO_FIELDS, PO_LINE_FIELDS)


def so_snapshot(o: orders.Order) -> dict[str, Any] | None:
    """Our customer's order that came over the network, as that customer may see it: its purchase order's number,
    our order's number and state, and per line what we shipped, in its units (our prices and stock stay ours)."""
    net = o.meta.get("network")
    if not isinstance(net, dict) or net.get("po") is None:
        return None
    lines = []
    for m in net.get("lines", []):
        shipped = sum((ln.received for ln in o.lines if ln.sku == m["sku"]), Decimal(0))
        lines.append({"sku": m["peer_sku"], "shipped": str(units.normalize(shipped * Decimal(m["factor"])))})
    snap = {"po": net["po"], "so": o.id, "status": o.status.value, "lines": lines,
            "unmatched": [u["name"] for u in net.get("unmatched", [])]}
    return checked(snap, SO_FIELDS, SO_LINE_FIELDS)


def checked(snap: dict[str, Any], fields: frozenset[str], line_fields: frozenset[str]) -> dict[str, Any]:
    """The snapshot, refused if it holds a field the other company may not see (a guard against a later change)."""
    extra = set(snap) - fields | {k for ln in snap.get("lines", []) for k in ln} - line_fields
    if extra:
        raise errors.InvalidState(code="network_field", fields=",".join(sorted(extra)))
    return snap


@dataclass(frozen=True)
class Matched:
    sku: str              # ours
    qty: Decimal          # in our base unit
    peer_sku: str
    factor: Decimal       # the other side's units per one of ours


def match(lines: Sequence[Mapping[str, Any]], products: Sequence[catalog.Product]
          ) -> tuple[list[Matched], list[dict[str, str]]]:
    """Another company's order lines in our catalog: each by its product's name or one of our aliases, its amount
    turned into our base unit (斤 ordered, kept in 公斤); those we cannot place, with why ("name" · "unit")."""
    by_name: dict[str, catalog.Product] = {}
    for prod in products:
        if prod.active:
            for n in prod.names:
                by_name.setdefault(_plain(n), prod)
    found, unmatched = [], []
    for ln in lines:
        qty = Decimal(str(ln["qty"]))
        p = by_name.get(_plain(str(ln["name"])))
        if p is None:
            unmatched.append({"name": str(ln["name"]), "qty": str(qty), "unit": str(ln.get("unit", "")), "why": "name"})
            continue
        try:
            ours = units.normalize(p.to_base(qty, str(ln.get("unit") or p.base_unit)))
        except errors.DomainError:
            unmatched.append({"name": str(ln["name"]), "qty": str(qty), "unit": str(ln.get("unit", "")), "why": "unit"})
            continue
        if ours <= 0:
            continue
        found.append(Matched(sku=p.sku, qty=ours, peer_sku=str(ln["sku"]), factor=units.normalize(qty / ours)))
    return found, unmatched


def _plain(name: str) -> str:
    return "".join(name.split()).lower()
