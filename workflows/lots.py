"""A lot's trace read from the store (domain/trace.py), for the chat and for the consumer's page; the ledger's
seals checked (domain/chain.py)."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime
from typing import Any

from domain import chain, trace
from workflows.ports import UnitOfWork


def trace_of(uow: UnitOfWork, sku: str, lot: str) -> trace.LotTrace:
    """The lot's moves, and those of the writes that used or made it (the recipes' links to other lots)."""
    moves = uow.stock.lot_moves(sku, lot)
    return trace.trace(sku, lot, moves, batches=uow.stock.batches_moves(trace.used_batches(moves)))


def made_from_it(uow: UnitOfWork, tr: trace.LotTrace, *, levels: int = 5) -> list[trace.LotTrace]:
    """Every lot made from this one, at any remove (milk → milk foam → lattes), each once: what a recall follows."""
    out: list[trace.LotTrace] = []
    seen = {(tr.sku, tr.lot)}
    wave = list(tr.made_into)
    for _ in range(levels):
        nxt = []
        for link in wave:
            if (link.sku, link.lot) in seen:
                continue
            seen.add((link.sku, link.lot))
            made = trace_of(uow, link.sku, link.lot)
            out.append(made)
            nxt += list(made.made_into)
        wave = nxt
    return out


def public_view(uow: UnitOfWork, sku: str, lot: str) -> dict[str, Any] | None:
    """What the lot's public page shows (None: no such lot): ``trace.public`` with the suppliers' names, the lot's
    expiry, the sensors' readings and how many of its records agree with the ledger's chain."""
    tr = trace_of(uow, sku, lot)
    if tr.empty:
        return None
    products = {p.sku: p for p in uow.catalog.products()}
    partners = {p.code: p.name for p in uow.catalog.partners()}
    view = trace.public(tr, products)
    for c in view["came"]:   # type: ignore[attr-defined]
        c["partner"] = partners.get(c["partner"], "") if c["partner"] else ""
    expiry: datetime | None = uow.stock.lot_expiry(sku, lot)
    view |= {"expiry": expiry, "readings": uow.stock.lot_readings(sku, lot), "seals": uow.stock.lot_seals(sku, lot)}
    return view


def verify(uow: UnitOfWork, anchors: Iterable[tuple[int, str]] = ()) -> chain.Verdict:
    """The moves' chain walked from the first (fingerprints said earlier checked against it), with the audit
    trail's chain."""
    moves: chain.Verdict = uow.stock.verify_chain(anchors)
    return replace(moves, audit=uow.chat.verify_audits())
