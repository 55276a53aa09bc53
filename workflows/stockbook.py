"""进销存汇总 (收发存): each product's stock at the start of a period, what came in and went out by kind, and what is
left at its end, at a place or at every place together.

Read from the ledger alone: a product's level at a moment is its level now less every move since, so the opening
plus what came in less what went out is the closing, to the unit; and every lot is valued at what it came in at, so
the amounts add up the same way. Each move counts where it was recorded, at the
physical place it touched; an undoing counts against the entry it undid (a sale undone lowers the sales, it is no
stock coming in), and a transfer is 调入 where it arrived and 调出 where it left, whatever its kind says.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from domain import ledger
from workflows import dues, metrics, wording
from workflows.ports import UnitOfWork

K = ledger.MoveKind
# the columns, in the order a 进销存 table has them
INS = ("receipt", "transfer_in", "production", "customer_return", "count_gain", "entry", "other_in")
OUTS = ("sale", "transfer_out", "consumption", "scrap", "return_to_supplier", "issue", "count_loss", "other_out")
_IN_KINDS = {K.RECEIPT: "receipt", K.PRODUCTION: "production", K.CUSTOMER_RETURN: "customer_return",
             K.OPENING: "entry"}   # (an opening balance entered: 期初录入, not the period's opening)
_OUT_KINDS = {K.SALE: "sale", K.CONSUMPTION: "consumption", K.SCRAP: "scrap",
              K.RETURN_TO_SUPPLIER: "return_to_supplier", K.ISSUE: "issue"}


@dataclass
class Row:
    sku: str
    opening: Decimal = Decimal(0)
    ins: dict[str, Decimal] = field(default_factory=dict)    # column → quantity in (base units)
    outs: dict[str, Decimal] = field(default_factory=dict)   # column → quantity out
    cost: Decimal | None = None   # per base unit, the recent cost: for the lots that came without one
    # the amounts at cost: "opening" and each column, every lot at what it came in at (None: some lot has no cost)
    values: dict[str, Decimal] | None = None

    @property
    def came(self) -> Decimal:
        return sum(self.ins.values(), Decimal(0))

    @property
    def went(self) -> Decimal:
        return sum(self.outs.values(), Decimal(0))

    @property
    def closing(self) -> Decimal:
        return self.opening + self.came - self.went

    def moved(self) -> bool:
        return any(self.ins.values()) or any(self.outs.values())

    def value(self, what: str) -> Decimal | None:
        """The amount of a column, or of "opening", "came", "went" or "closing"; None without a cost."""
        v = self.values
        if v is None:
            return None
        came = sum((v.get(c, Decimal(0)) for c in INS), Decimal(0))
        went = sum((v.get(c, Decimal(0)) for c in OUTS), Decimal(0))
        return {"came": came, "went": went, "closing": v.get("opening", Decimal(0)) + came - went}.get(
            what, v.get(what, Decimal(0)))


def column(m: ledger.Move, sign: int) -> str:
    """The column a move counts in at a place it entered (``sign`` +1) or left (−1), as first recorded: an undoing
    is given its undone entry's column (and counted against it)."""
    if m.kind in (K.TRANSFER_IN, K.TRANSFER_OUT):
        return "transfer_in" if sign > 0 else "transfer_out"
    if m.kind == K.COUNT_ADJUSTMENT:
        return "count_gain" if sign > 0 else "count_loss"
    if sign > 0:
        return _IN_KINDS.get(m.kind, "other_in")
    return _OUT_KINDS.get(m.kind, "other_out")


def _physical(loc: str) -> bool:
    return not loc.startswith("~")


def book(uow: UnitOfWork, *, location: str | None, since: datetime, until: datetime,
         skus: tuple[str, ...] = ()) -> dict[str, Row]:
    """sku → its row over [``since``, ``until``) at ``location`` (None: every physical place together, so a transfer
    between two of them is both 调出 and 调入), for each product held or moved there; ``skus``: only those. Every
    quantity is valued at what its lot came in at (the product's recent cost for a lot that came without one), so
    the amounts add up as the quantities do."""
    rows: dict[str, Row] = {}

    def row(sku: str) -> Row:
        if sku not in rows:
            rows[sku] = Row(sku)
        return rows[sku]

    def here(loc: str) -> bool:
        return (loc == location) if location is not None else _physical(loc)

    level: dict[tuple[str, str], Decimal] = {}   # (sku, lot) → level, taken back to ``since``
    for loc, sku, lot, q, _ in uow.stock.all_levels():
        if here(loc) and (not skus or sku in skus):
            level[sku, lot] = level.get((sku, lot), Decimal(0)) + q
    counted: list[tuple[str, str, str, Decimal]] = []   # sku, lot, column, quantity (the column's way)
    moves = uow.stock.moves_at(location, since=since) if location is not None else uow.stock.moves(since=since)
    for m in moves:
        if skus and m.sku not in skus:
            continue
        for loc, d in m.deltas():
            if not here(loc):
                continue
            level[m.sku, m.lot] = level.get((m.sku, m.lot), Decimal(0)) - d   # back to before this move
            if m.at >= until:
                continue
            sign = (1 if d > 0 else -1) * (-1 if m.reverses is not None else 1)   # as first recorded
            r = row(m.sku)
            col = column(m, sign)
            into = r.ins if col in INS else r.outs
            q = m.qty if m.reverses is None else -m.qty
            into[col] = into.get(col, Decimal(0)) + q
            counted.append((m.sku, m.lot, col, q))
    held = {k: q for k, q in level.items() if q != 0 or k[0] in rows}
    for (sku, _), q in held.items():   # the level before ``since``: the opening
        row(sku).opening += q
    products = [p for p in uow.catalog.products() if p.sku in rows]   # (off the catalog too: its history stays)
    for sku, c in metrics.unit_costs(uow, products).items():
        rows[sku].cost = c
    lot_cost = uow.stock.lot_costs({(s, lot) for s, lot, _, _ in counted} | set(held))
    values: dict[str, dict[str, Decimal]] = {}
    uncosted: set[str] = set()
    for sku, lot, col, q in [*((s, lot, "opening", q) for (s, lot), q in held.items()), *counted]:
        each = lot_cost.get((sku, lot), rows[sku].cost)
        if each is None:
            uncosted.add(sku)
            continue
        v = values.setdefault(sku, {})
        v[col] = v.get(col, Decimal(0)) + q * each
    for sku, r in rows.items():
        r.values = None if sku in uncosted else values.get(sku, {})
    return rows


def totals(rows: dict[str, Row]) -> dict[str, Decimal]:
    """Each column's amount at cost over every row with a cost, and the opening's and closing's ("opening",
    "closing", "came", "went")."""
    out: dict[str, Decimal] = {}
    for r in rows.values():
        if r.values is None:
            continue
        for k in ("opening", "closing", "came", "went", *r.ins, *r.outs):
            out[k] = out.get(k, Decimal(0)) + (r.value(k) or Decimal(0))
    return out

SHOWN = 12   # products listed in the chat; the spreadsheet has every one


def text(uow: UnitOfWork, t: Any, lang: str, *, location: str | None, first: date, last: date, now: datetime,
         skus: tuple[str, ...] = ()) -> str:
    """The chat's 进销存: the money at cost (opening + in − out = closing, each side by kind), then the products that
    moved most, each with its quantities; those without a cost named (their amounts are left out)."""
    since = datetime.combine(first, time(), tzinfo=now.tzinfo)
    until = datetime.combine(last + timedelta(days=1), time(), tzinfo=now.tzinfo)
    rows = book(uow, location=location, since=since, until=until, skus=skus)
    where = wording.loc_name(uow, location) if location else str(t("all_locations", lang))
    span = wording.days_text(t, lang, first, last)
    if not rows:
        return str(t("book.none", lang, location=where, span=span))
    products = {p.sku: p for p in uow.catalog.products()}
    sums = totals(rows)
    m = wording.money
    lines = [str(t("book.title", lang, location=where, span=span)),
             str(t("book.money", lang, opening=m(sums.get("opening", Decimal(0))), came=m(sums.get("came", Decimal(0))),
                   went=m(sums.get("went", Decimal(0))), closing=m(sums.get("closing", Decimal(0)))))]
    for key, cols in (("book.ins", INS), ("book.outs", OUTS)):
        parts = [f"{t(f'book.col.{c}', lang)} {m(sums[c])}" for c in cols if sums.get(c)]
        if parts:
            lines.append(str(t(key, lang, parts=" · ".join(parts))))

    def weight(r: Row) -> Decimal:   # what moved, at cost where it has one
        return (r.came + r.went) * (r.cost or 1)

    moved = sorted((r for r in rows.values() if r.moved()), key=lambda r: (-weight(r), r.sku))
    for r in moved[:SHOWN]:
        p = products.get(r.sku)
        if p is None:
            continue

        lines.append(str(t("book.line", lang, product=p.name, opening=wording.qty(p, r.opening),
                           came=_parts(t, lang, r.came, r.ins), went=_parts(t, lang, r.went, r.outs),
                           closing=wording.qty(p, r.closing))))
    rest = len(moved) - SHOWN
    if rest > 0:
        lines.append(str(t("book.more", lang, n=rest)))
    still = [r for r in rows.values() if not r.moved() and r.opening != 0]
    if still and not skus:
        lines.append(str(t("book.still", lang, n=len(still))))
    uncosted = [products[r.sku].name for r in rows.values() if r.values is None and r.sku in products]
    if uncosted:
        lines.append(str(t("book.no_cost", lang, n=len(uncosted), products="、".join(uncosted[:SHOWN]))))
    return "\n".join(lines)


def _parts(t: Any, lang: str, q: Decimal, cols: dict[str, Decimal]) -> str:
    """92(期初录入42、采购50): a side's quantity and its columns; 0 alone when nothing moved that way."""
    said = [str(t("book.part", lang, col=t(f"book.col.{c}", lang), qty=wording.N(v))) for c, v in cols.items() if v]
    return str(t("book.side", lang, qty=wording.N(q), parts=str(t("book.sep", lang)).join(said))) if said \
        else str(wording.N(q))


def last_moved(uow: UnitOfWork, t: Any, lang: str, *, kind: str, partner: str | None, sku: str | None,
               location: str | None, now: datetime) -> str:
    """张记上次送货是什么时候 · 团餐多久没来拿货了 · 可乐上次卖是什么时候: the latest write that stands of goods in from a
    supplier (``kind`` "receipt") or sold to a customer ("sale"), of ``partner`` (anywhere: an account is the
    business's) or of ``sku`` (at ``location``; None: anywhere), when it was (how many days ago) and what it held."""
    moves = uow.stock.standing(m for m in uow.stock.moves(kinds=[kind], partner=partner)
                               if (sku is None or m.sku == sku)
                               and (location is None or partner is not None or location in (m.src, m.dst)))
    products = {p.sku: p for p in uow.catalog.products()}
    what = str(t("last_moved.what_in" if kind == "receipt" and not partner else f"last_moved.what_{kind}", lang))
    name = dues.partner_name(uow, partner) if partner else products[sku].name if sku in products else sku or ""
    if not moves:
        return str(t("last_moved.never_partner" if partner else "last_moved.never_sku", lang, partner=name,
                     product=name, what=what, where=str(t("last_moved.at_place", lang, where=wording.loc_name(
                         uow, location))) if location and not partner else ""))
    last = max(moves, key=lambda m: (m.at, m.id or 0))
    held: dict[str, Decimal] = {}
    for m in moves:   # (what that write held: its goods, or that product's, at that place)
        if m.batch == last.batch and (sku is None or m.sku == sku) and (m.src, m.dst) == (last.src, last.dst):
            held[m.sku] = held.get(m.sku, Decimal(0)) + m.qty
    at = last.at.astimezone(now.tzinfo)
    days = (now.date() - at.date()).days
    when = str(t("count_last.when" if days else "count_last.today", lang, at=f"{at:%m-%d %H:%M}" if days
                 else f"{at:%H:%M}", days=days))
    goods = wording.goods(products, held.items(), shown=5)
    if partner:
        return str(t(f"last_moved.{kind}_partner", lang, partner=name, when=when, goods=goods))
    where = last.dst if kind == "receipt" else last.src
    source = str(t("last_moved.from", lang, partner=dues.partner_name(uow, last.partner))) \
        if kind == "receipt" and last.partner else ""
    return str(t(f"last_moved.{kind}_sku", lang, product=name, when=when, where=wording.loc_name(uow, where),
                 goods=goods, partner=source))
