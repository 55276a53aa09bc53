"""Spreadsheets of the books, asked for in the chat (导出库存 · 导出本月销售 · 导出上周流水 · 导出本月采购单).

``build`` reads what an ``Export`` command asks for and returns it as sheets of plain values (text, Decimal,
naive local datetimes) with headers in the reader's language; an adapter writes them as a workbook. Quantities are
in base units beside their unit, money in yuan to the cent; nothing here formats a file.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from domain import accounts, catalog, commands, errors, ledger, orders, units
from workflows import commissions, dues, metrics, reports, stockbook, wording
from workflows.ports import UnitOfWork

CENT = Decimal("0.01")
MAX_ROWS = 100_000   # a spreadsheet cell range stays well inside what Excel and WPS open


@dataclass
class Sheet:
    title: str
    header: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    money: tuple[int, ...] = ()    # columns holding yuan (shown with two decimals)
    total: list[Any] | None = None  # a last row in bold (合计)


@dataclass
class Workbook:
    filename: str
    sheets: list[Sheet]
    summary: str   # the chat reply that carries the file, or says there was nothing to put in it
    empty: bool    # nothing to put in it: no file is sent


def build(uow: UnitOfWork, t: Any, lang: str, cmd: commands.Export, *, user: catalog.User, now: datetime) -> Workbook:
    """The workbook ``cmd`` asks for at ``cmd.location``, else the user's store, else every place."""
    loc = cmd.location or user.location
    cat = _Names(uow)
    where = cat.location(loc) if loc else str(t("all_locations", lang))
    return {"stock": _stock, "sales": _sales, "moves": _moves, "book": _book, "orders": _orders,
            "accounts": _accounts, "statement": _statement, "delivery": _delivery, "quote": _quote,
            "received": _received, "commission": _commission}[cmd.kind](
        uow, t, lang, cmd, loc=loc, where=where, now=now, cat=cat)


class _Names:
    """The catalog's names, read once per export."""

    def __init__(self, uow: UnitOfWork) -> None:
        self.products = {p.sku: p for p in uow.catalog.products()}
        self.locations = {x.code: x for x in uow.catalog.locations()}
        self.partners = {x.code: x.name for x in uow.catalog.partners()}
        self.users = {u.username: u.display_name for u in uow.catalog.users(everyone=True)}

    def location(self, code: str | None) -> str:
        x = self.locations.get(code or "")
        return x.name if x else (code or "")

    def product(self, sku: str) -> catalog.Product | None:
        return self.products.get(sku)

    def name(self, sku: str) -> str:
        p = self.products.get(sku)
        return p.name if p else sku

    def unit(self, sku: str) -> str:
        p = self.products.get(sku)
        return p.base_unit if p else ""


def _filename(t: Any, lang: str, kind: str, where: str, first: date, last: date | None = None) -> str:
    span = f"{first:%Y%m%d}" if last is None or last == first else f"{first:%Y%m%d}-{last:%Y%m%d}"
    name = f"{t(f'export.file.{kind}', lang)}_{where}_{span}.xlsx"
    return "".join("_" if c in '\\/:*?"<>|' else c for c in name)


def _period(cmd: commands.Export, now: datetime) -> tuple[datetime, datetime]:
    """The start of the period's first local day and of the day after its last."""
    assert cmd.start is not None and cmd.end is not None
    return (datetime.combine(cmd.start, time(), tzinfo=now.tzinfo),
            datetime.combine(cmd.end + timedelta(days=1), time(), tzinfo=now.tzinfo))


def _q(v: Decimal) -> Decimal:
    return units.normalize(v)


def _m(v: Decimal | None) -> Decimal | None:
    return None if v is None else v.quantize(CENT)


def _local(at: datetime, now: datetime) -> datetime:
    """A stored time as the tenant's wall clock, without a zone (spreadsheets keep none)."""
    return at.astimezone(now.tzinfo).replace(tzinfo=None)


def _cols(t: Any, lang: str, *keys: str) -> list[str]:
    return [str(t(f"export.col.{k}", lang)) for k in keys]


# ------------------------------------------------------------------ stock
def _stock(uow: UnitOfWork, t: Any, lang: str, cmd: commands.Export, *, loc: str | None, where: str, now: datetime,
           cat: _Names) -> Workbook:
    """Each place's stock of each product (with its safety stock, cost and value, earliest expiry) and each lot;
    a store's products kept at a safety stock are listed even at 0."""
    rows = [r for r in uow.stock.all_levels() if (loc is None or r[0] == loc) and (not cmd.skus or r[1] in cmd.skus)
            and r[3] != 0]
    held: dict[tuple[str, str], Decimal] = {}
    first_expiry: dict[tuple[str, str], datetime] = {}
    for lc, sku, _lot, q, exp in rows:
        held[lc, sku] = held.get((lc, sku), Decimal(0)) + q
        if exp is not None and q > 0 and ((lc, sku) not in first_expiry or exp < first_expiry[lc, sku]):
            first_expiry[lc, sku] = exp
    stores = [x.code for x in cat.locations.values() if x.kind == catalog.LocationKind.STORE
              and (loc is None or x.code == loc)]
    settings = uow.catalog.tenant_row().settings
    for p in cat.products.values():
        if not cmd.skus or p.sku in cmd.skus:
            for lc in stores:
                if metrics.store_safety(settings, lc, p):   # (the store's own safety stock, else the product's)
                    held.setdefault((lc, p.sku), Decimal(0))
    kept = {sku for _, sku in held}
    values: dict[tuple[str, str], Decimal | None] = {}   # each lot at what it came in at, else the recent cost
    for lc in {lc for lc, _ in held}:
        values |= {(lc, sku): v for sku, v in metrics.stock_values(
            uow, [(sku, lot, q) for x, sku, lot, q, _ in rows if x == lc]).items()}
    costs = metrics.unit_costs(uow, [p for p in cat.products.values() if p.sku in kept])
    summary = Sheet(str(t("export.sheet.stock", lang)),
                    _cols(t, lang, "location", "sku", "product", "category", "on_hand", "unit", "safety_stock",
                          "below_safety", "unit_cost", "value", "first_expiry"), money=(8, 9))
    total = Decimal(0)
    for (lc, sku) in sorted(held, key=lambda k: (cat.location(k[0]), k[1])):
        q = held[lc, sku]
        p = cat.product(sku)
        value = values[lc, sku] if (lc, sku) in values else Decimal(0) if costs.get(sku) is not None else None
        cost = value / q if value is not None and q else costs.get(sku)
        total += value if value is not None and value > 0 else 0   # as 库存值多少钱 counts it: stock held
        safety = (metrics.store_safety(settings, lc, p) or None) if p is not None else None
        exp = first_expiry.get((lc, sku))
        summary.rows.append([cat.location(lc), sku, cat.name(sku), p.category if p else "", _q(q), cat.unit(sku),
                             _q(safety) if safety is not None else None,
                             str(t("export.yes", lang)) if safety is not None and q < safety else "",
                             _m(cost), _m(value), _local(exp, now).date() if exp is not None else None])
    summary.total = [str(t("export.total", lang)), *[None] * 8, _m(total), None]
    lots = Sheet(str(t("export.sheet.lots", lang)),
                 _cols(t, lang, "location", "sku", "product", "lot", "qty", "unit", "expiry", "days_left"))
    for lc, sku, lot, q, exp in sorted(rows, key=lambda r: (cat.location(r[0]), r[1], r[4] is None, r[4] or now, r[2])):
        day = _local(exp, now).date() if exp is not None else None
        lots.rows.append([cat.location(lc), sku, cat.name(sku), lot or "-", _q(q), cat.unit(sku), day,
                          (day - now.date()).days if day is not None else None])
    n = len(kept)
    text = str(t("export.stock", lang, location=where, at=f"{now:%m-%d %H:%M}", n=n, total=reports.money(total))
               if held else t("export.none_stock", lang, location=where))
    return Workbook(_filename(t, lang, "stock", where, now.date()), [summary, lots], text, empty=not held)


# ------------------------------------------------------------------ sales
def _sales(uow: UnitOfWork, t: Any, lang: str, cmd: commands.Export, *, loc: str | None, where: str, now: datetime,
           cat: _Names) -> Workbook:
    """Each store's sales per product and day (recorded sales net of reversals, and imported history), and per
    product over the period with revenue (at the prices said on the sales, the rest at the catalog's), the mean
    price it sold at, cost and gross margin."""
    assert cmd.start is not None and cmd.end is not None
    first, last = cmd.start, cmd.end
    places = [loc] if loc is not None else [x.code for x in cat.locations.values()
                                            if x.kind == catalog.LocationKind.STORE]
    daily = Sheet(str(t("export.sheet.daily_sales", lang)),
                  _cols(t, lang, "date", "weekday", "location", "sku", "product", "qty", "unit"))
    per: dict[tuple[str, str], Decimal] = {}
    said: dict[tuple[str, str], tuple[Decimal, Decimal]] = {}
    for lc in places:
        said |= {(lc, sku): v for sku, v in metrics.said_prices(uow, location=lc, first=first, last=last,
                                                                  tz=now.tzinfo).items()}
        daily_sold = metrics.daily_sales(uow, location=lc, first=first, tz=now.tzinfo)
        for sku in sorted(daily_sold):
            if cmd.skus and sku not in cmd.skus:
                continue
            by_day = daily_sold[sku]
            for d in sorted(by_day):
                q = by_day[d]
                if first <= d <= last and q != 0:
                    daily.rows.append([d, str(t(f"weekday.{d.weekday()}", lang)), cat.location(lc), sku,
                                       cat.name(sku), _q(q), cat.unit(sku)])
                    per[lc, sku] = per.get((lc, sku), Decimal(0)) + q
    daily.rows.sort(key=lambda r: (r[0], r[2], r[3]))
    summary = Sheet(str(t("export.sheet.sales", lang)),
                    _cols(t, lang, "location", "sku", "product", "qty", "unit", "unit_price", "revenue", "unit_cost",
                          "cost", "margin", "margin_pct"), money=(5, 6, 7, 8, 9))
    revenue_total = cost_total = Decimal(0)
    spent_at: dict[tuple[str, str], Decimal | None] = {}   # each sale at its lot's cost, the rest at the recent cost
    for lc in places:
        spent_at |= {(lc, sku): v for sku, v in metrics.sold_costs(
            uow, {sku: q for (x, sku), q in per.items() if x == lc}, location=lc, first=first, last=last,
            tz=now.tzinfo).items()}
    for (lc, sku), q in sorted(per.items(), key=lambda kv: (cat.location(kv[0][0]), -kv[1], kv[0][1])):
        p = cat.product(sku)
        revenue = metrics.revenue(p, q, said.get((lc, sku))) if p is not None else None
        price = revenue / q if revenue is not None and q else None   # the mean price it sold at
        spent = spent_at.get((lc, sku))
        cost = spent / q if spent is not None and q else None   # the mean cost of what sold
        margin = revenue - spent if revenue is not None and spent is not None else None
        revenue_total += revenue or 0
        cost_total += spent or 0
        summary.rows.append([cat.location(lc), sku, cat.name(sku), _q(q), cat.unit(sku), _m(price), _m(revenue),
                             _m(cost), _m(spent), _m(margin),
                             (margin / revenue * 100).quantize(Decimal("0.1")) if margin is not None and revenue else None])
    summary.total = [str(t("export.total", lang)), *[None] * 5, _m(revenue_total), None, _m(cost_total),
                     _m(revenue_total - cost_total), None]
    span = reports.days_text(t, lang, first, last)
    text = str(t("export.sales", lang, location=where, span=span, n=len({s for _, s in per}), days=len(daily.rows),
                 revenue=reports.money(revenue_total)) if per else t("export.none_sales", lang, location=where, span=span))
    return Workbook(_filename(t, lang, "sales", where, first, last), [summary, daily], text, empty=not per)


# ------------------------------------------------------------------ moves
def _moves(uow: UnitOfWork, t: Any, lang: str, cmd: commands.Export, *, loc: str | None, where: str, now: datetime,
           cat: _Names) -> Workbook:
    """Every ledger entry on the days asked at the place (or everywhere), oldest first: the change at the physical
    place (+ in, − out), its lot, price, partner, who and from which order; undone entries and their reversals are
    marked, never left out (the ledger is append-only, and so is its export)."""
    assert cmd.start is not None and cmd.end is not None
    since, until = _period(cmd, now)
    found = [m for m in uow.stock.moves(since=since, until=until) if not cmd.skus or m.sku in cmd.skus]
    # undone in the period or after it (an entry undone the next morning is still undone)
    undone = uow.stock.reversed_ids(m.id for m in found if m.reverses is None and m.id is not None)
    sheet = Sheet(str(t("export.sheet.moves", lang)),
                  _cols(t, lang, "id", "time", "kind", "location", "sku", "product", "change", "unit", "lot",
                        "unit_price", "amount", "partner", "by", "order", "note"), money=(9, 10))
    for m in found:
        here, sign = (m.dst, 1) if not m.dst.startswith("~") else (m.src, -1)
        if here.startswith("~") or (loc is not None and here != loc):
            continue
        price = m.unit_cost if m.unit_cost is not None else m.unit_price
        note = (str(t("export.reverses", lang, id=m.reverses)) if m.reverses is not None
                else str(t("export.undone", lang)) if m.id in undone else m.note)
        sheet.rows.append([m.id, _local(m.at, now), str(t(f"move_kind.{m.kind.value}", lang)), cat.location(here),
                           m.sku, cat.name(m.sku), _q(sign * m.qty), cat.unit(m.sku), m.lot or "", _m(price),
                           _m(price * m.qty) if price is not None else None,
                           cat.partners.get(m.partner or "", m.partner or ""), cat.users.get(m.actor or "", m.actor or ""),
                           m.order_id, note])
        if len(sheet.rows) >= MAX_ROWS:
            break
    span = reports.days_text(t, lang, cmd.start, cmd.end)
    text = str(t("export.moves", lang, location=where, span=span, n=len(sheet.rows)) if sheet.rows
               else t("export.none_moves", lang, location=where, span=span))
    return Workbook(_filename(t, lang, "moves", where, cmd.start, cmd.end), [sheet], text, empty=not sheet.rows)


# ------------------------------------------------------------------ 进销存
def _book(uow: UnitOfWork, t: Any, lang: str, cmd: commands.Export, *, loc: str | None, where: str, now: datetime,
          cat: _Names) -> Workbook:
    """进销存汇总: a row per product held or moved at the place (every place together when none): its opening, each
    kind of in and out, and its closing, quantities and amounts (each lot at what it came in at); then the entries
    themselves (the ``moves`` sheet), so every figure can be traced to what was recorded."""
    assert cmd.start is not None and cmd.end is not None
    since, until = _period(cmd, now)
    rows = stockbook.book(uow, location=loc, since=since, until=until, skus=cmd.skus)
    ins = [c for c in stockbook.INS if any(r.ins.get(c) for r in rows.values())]
    outs = [c for c in stockbook.OUTS if any(r.outs.get(c) for r in rows.values())]
    header = [*_cols(t, lang, "sku", "product", "unit", "unit_cost", "opening_qty", "opening_value"),
              *[str(t(f"book.col.{c}", lang)) for c in ins], *_cols(t, lang, "in_qty", "in_value"),
              *[str(t(f"book.col.{c}", lang)) for c in outs], *_cols(t, lang, "out_qty", "out_value"),
              *_cols(t, lang, "closing_qty", "closing_value")]
    sheet = Sheet(str(t("export.sheet.book", lang)), header)
    at = len(ins)
    sheet.money = (3, 5, 7 + at, 9 + at + len(outs), 11 + at + len(outs))

    def value(r: stockbook.Row, what: str) -> Decimal | None:
        return _m(r.value(what))

    for sku, r in sorted(rows.items(), key=lambda kv: kv[0]):
        closing = r.value("closing")   # the unit cost: what is left, at its lots' costs, else the recent cost
        each = closing / r.closing if closing is not None and r.closing > 0 else r.cost
        sheet.rows.append([sku, cat.name(sku), cat.unit(sku), _m(each), _q(r.opening), value(r, "opening"),
                           *[_q(r.ins.get(c, Decimal(0))) for c in ins], _q(r.came), value(r, "came"),
                           *[_q(r.outs.get(c, Decimal(0))) for c in outs], _q(r.went), value(r, "went"),
                           _q(r.closing), value(r, "closing")])
    sums = stockbook.totals(rows)
    sheet.total = [str(t("export.total", lang)), *[None] * 4, _m(sums.get("opening", Decimal(0))), *[None] * (at + 1),
                   _m(sums.get("came", Decimal(0))), *[None] * (len(outs) + 1), _m(sums.get("went", Decimal(0))), None,
                   _m(sums.get("closing", Decimal(0)))]
    entries = _moves(uow, t, lang, cmd, loc=loc, where=where, now=now, cat=cat).sheets
    span = reports.days_text(t, lang, cmd.start, cmd.end)
    text = str(t("export.book", lang, location=where, span=span, n=len(rows),
                 opening=reports.money(sums.get("opening", Decimal(0))), closing=reports.money(sums.get("closing", Decimal(0))))
               if rows else t("book.none", lang, location=where, span=span))
    return Workbook(_filename(t, lang, "book", where, cmd.start, cmd.end), [sheet, *entries], text, empty=not rows)


# ------------------------------------------------------------------ orders
def _orders(uow: UnitOfWork, t: Any, lang: str, cmd: commands.Export, *, loc: str | None, where: str, now: datetime,
            cat: _Names) -> Workbook:
    """Every order placed on the days asked that concerns the place (purchases, requests, customers' orders,
    transfers), a row per line: what was ordered, what has come or gone, its price and amount, its status and who
    placed and approved it."""
    assert cmd.start is not None and cmd.end is not None
    since, until = _period(cmd, now)
    sheet = Sheet(str(t("export.sheet.orders", lang)),
                  _cols(t, lang, "id", "kind", "status", "partner", "location", "placed", "due", "sku", "product",
                        "qty", "done", "unit", "unit_price", "amount", "by", "approved_by"), money=(12, 13))
    total = Decimal(0)
    found = [o for o in uow.orders.list() if since <= o.created_at < until
             and (loc is None or loc in (o.location, o.source)) and (not cmd.skus or any(ln.sku in cmd.skus
                                                                                          for ln in o.lines))]
    for o in sorted(found, key=lambda o: o.id or 0):
        place = cat.location(o.location) if o.source is None else f"{cat.location(o.source)} → {cat.location(o.location)}"
        for ln in o.lines:
            amount = ln.unit_price * ln.qty if ln.unit_price is not None else None
            total += amount if amount is not None and o.status.value not in ("cancelled", "rejected") else 0
            sheet.rows.append([o.id, str(t(f"orders.kind.{o.kind.value}", lang)),
                               str(t(f"order_status.{o.status.value}", lang)),
                               cat.partners.get(o.partner or "", o.partner or ""), place, _local(o.created_at, now),
                               _local(o.due, now).date() if o.due is not None else None, ln.sku, cat.name(ln.sku),
                               _q(ln.qty), _q(ln.received), cat.unit(ln.sku), _m(ln.unit_price), _m(amount),
                               cat.users.get(o.created_by or "", o.created_by or ""),
                               cat.users.get(o.approved_by or "", o.approved_by or "")])
    sheet.total = [str(t("export.total", lang)), *[None] * 12, _m(total), None, None]
    span = reports.days_text(t, lang, cmd.start, cmd.end)
    text = str(t("export.orders", lang, location=where, span=span, n=len(found), total=reports.money(total)) if found
               else t("export.none_orders", lang, location=where, span=span))
    return Workbook(_filename(t, lang, "orders", where, cmd.start, cmd.end), [sheet], text, empty=not found)


def _delivery(uow: UnitOfWork, t: Any, lang: str, cmd: commands.Export, *, loc: str | None, where: str,
              now: datetime, cat: _Names) -> Workbook:
    """送货单 to print and send with the goods: a customer's order (订单3的送货单: what it holds, at its prices), or what
    the customer took on a day (团餐今天的送货单: its sales not undone, at the price each went at); a row per product
    with quantity, unit, price and amount, the total, and a line for the receiver to sign."""
    serials: dict[tuple[str, Decimal | None], list[str]] = {}
    if cmd.order_id is not None:
        o = uow.orders.get(cmd.order_id)
        if o is None or o.kind != orders.OrderKind.SALE or not o.partner:
            raise errors.NotFound(code="order_not_found", id=cmd.order_id)
        partner, day, place = o.partner, (o.due or o.created_at).astimezone(now.tzinfo).date(), o.location
        lines = [(ln.sku, ln.qty, ln.unit_price) for ln in o.lines]
        number = f"#{o.id}"
    else:
        assert cmd.partner is not None and cmd.start is not None
        partner, day, place, number = cmd.partner, cmd.start, loc, ""
        since = datetime.combine(day, time(), tzinfo=now.tzinfo)
        went = dues.priced(uow, uow.stock.standing(
            m for m in uow.stock.moves(since=since, until=since + timedelta(days=1), kinds=["sale"], partner=partner)
            if loc is None or m.src == loc))
        lines = [(m.sku, m.qty, price) for m, price in went]
        for m, price in went:   # (the units' serials, for goods kept by serial: the customer's proof of what it got)
            p = cat.products.get(m.sku)
            if p is not None and p.serial and m.lot:
                serials.setdefault((m.sku, price), []).append(m.lot)
    name = cat.partners.get(partner, partner)
    sheet, total, n = _goods_sheet(t, lang, "delivery", lines, cat, last=str(t("export.delivery.sign", lang)), under={
        key: str(t("export.delivery.serials", lang, codes="、".join(codes))) for key, codes in serials.items()})
    head = str(t("export.delivery", lang, partner=name, day=f"{day:%m-%d}", place=cat.location(place) if place else where,
                 number=number, n=n, total=reports.money(total)))
    empty = not n
    return Workbook(_filename(t, lang, "delivery", name, day), [sheet],
                    str(t("export.none_delivery", lang, partner=name, day=f"{day:%m-%d}")) if empty else head, empty=empty)


def _received(uow: UnitOfWork, t: Any, lang: str, cmd: commands.Export, *, loc: str | None, where: str,
              now: datetime, cat: _Names) -> Workbook:
    """入库单 to file with the supplier's invoice: what came in on a purchase order (采购单3的入库单: its receipts, any
    day), or on a day from a supplier (张记今天的入库单), or from every supplier (今天的入库单), at the store (every
    place for the owner); a row per product and cost with quantity, unit, cost and amount (each at the cost its
    receipt names, as the supplier's account counts it), under it the serials of goods kept by serial and the lots'
    expiry days, the total, and a line for the receiver to sign. Receipts undone are left out."""
    if cmd.order_id is not None:
        o = uow.orders.get(cmd.order_id)
        if o is None or o.kind not in (orders.OrderKind.PURCHASE, orders.OrderKind.PURCHASE_REQUEST):
            raise errors.NotFound(code="order_not_found", id=cmd.order_id)
        took: dict[str, set[str]] = {}   # (each write that received on it, and of which products: the order's meta)
        for r in o.meta.get("receipts", []):
            took.setdefault(str(r.get("batch")), set()).add(str(r.get("sku")))
        came = [m for m in uow.stock.batches_moves(took) if m.kind == ledger.MoveKind.RECEIPT and m.sku in took[m.batch]]
        partner, place, number = o.partner, o.location, f"#{o.id}"
    else:
        assert cmd.start is not None
        since = datetime.combine(cmd.start, time(), tzinfo=now.tzinfo)
        came = [m for m in uow.stock.moves(since=since, until=since + timedelta(days=1), kinds=["receipt"],
                                           partner=cmd.partner)
                if (loc is None or m.dst == loc) and (not cmd.skus or m.sku in cmd.skus)]
        partner, place, number = cmd.partner, loc, ""
    came = uow.stock.standing(came)
    day = max((m.at for m in came), default=now).astimezone(now.tzinfo).date() if cmd.order_id is not None \
        else cmd.start or now.date()
    lines: list[tuple[str, Decimal, Decimal | None]] = []
    units_in: dict[tuple[str, Decimal | None], list[str]] = {}   # (goods kept by serial: the units' own codes)
    dated: dict[tuple[str, Decimal | None], dict[str, str]] = {}   # (a dated lot: its code and last day)
    for m, value in dues.supplier_values(uow, came):
        each = value / m.qty if m.qty else None
        lines.append((m.sku, m.qty, each))
        p = cat.products.get(m.sku)
        if p is not None and p.serial and m.lot:
            units_in.setdefault((m.sku, each), []).append(m.lot)
        elif m.lot and m.lot not in dated.setdefault((m.sku, each), {}) \
                and (expiry := uow.stock.lot_expiry(m.sku, m.lot)) is not None:   # (each lot read once)
            dated[m.sku, each][m.lot] = str(t("export.received.lot", lang, lot=m.lot,
                                              day=f"{expiry.astimezone(now.tzinfo):%Y-%m-%d}"))
    under = {key: str(t("export.received.lots", lang, codes="、".join(said.values()))) for key, said in dated.items()
             if said} | {key: str(t("export.delivery.serials", lang, codes="、".join(codes)))
                        for key, codes in units_in.items()}
    name = cat.partners.get(partner or "", partner or "") or str(t("export.received.everyone", lang))
    sheet, total, n = _goods_sheet(t, lang, "received", lines, cat, last=str(t("export.received.sign", lang)),
                                   under=under)
    head = str(t("export.received", lang, partner=name, day=f"{day:%m-%d}", number=number, n=n,
                 place=cat.location(place) if place else where, total=reports.money(total)))
    return Workbook(_filename(t, lang, "received", name, day), [sheet],
                    str(t("export.none_received", lang, partner=name, day=f"{day:%m-%d}")) if not n else head,
                    empty=not n)


def _goods_sheet(t: Any, lang: str, kind: str, lines: Iterable[tuple[str, Decimal, Decimal | None]], cat: _Names, *,
                 last: str, under: Mapping[tuple[str, Decimal | None], str] | None = None) -> tuple[Sheet, Decimal, int]:
    """The sheet that goes with goods or an offer (送货单 · 报价单): a row per product and price with its quantity, unit,
    price and amount (a line ``under`` it where given: the serials sold), the total, then ``last`` (where to sign, the
    day an offer holds to); with the total and how many rows of goods."""
    sheet = Sheet(str(t(f"export.sheet.{kind}", lang)), _cols(t, lang, "product", "qty", "unit", "unit_price", "amount"),
                  money=(3, 4))
    merged: dict[tuple[str, Decimal | None], Decimal] = {}
    for sku, qty, price in lines:
        merged[sku, price] = merged.get((sku, price), Decimal(0)) + qty
    total = Decimal(0)
    for (sku, price), qty in merged.items():
        p = cat.products.get(sku)
        amount = qty * price if price is not None else None
        total += amount or Decimal(0)
        sheet.rows.append([p.name if p else sku, _q(qty), p.base_unit if p else "", _m(price), _m(amount)])
        if under and (sku, price) in under:
            sheet.rows.append([under[sku, price], None, None, None, None])
    sheet.rows += [[str(t("export.total", lang)), None, None, None, _m(total)], [last, None, None, None, None]]
    return sheet, total, len(merged)


def _quote(uow: UnitOfWork, t: Any, lang: str, cmd: commands.Export, *, loc: str | None, where: str,
           now: datetime, cat: _Names) -> Workbook:
    """报价单 #1 to forward to the customer: a row per product with its quantity, unit, price and amount, the total
    and the day it holds to."""
    q = uow.quotes.get(cmd.order_id) if cmd.order_id is not None else None
    if q is None:
        raise errors.NotFound(code="quote_not_found", id=cmd.order_id or "")
    name = cat.partners.get(q.partner, q.partner)
    until = f"{q.valid_until.astimezone(now.tzinfo):%Y-%m-%d}"
    sheet, _, _ = _goods_sheet(t, lang, "quote", [(ln.sku, ln.qty, ln.unit_price) for ln in q.lines], cat,
                               last=str(t("export.quote.valid", lang, day=until)))
    return Workbook(_filename(t, lang, "quote", name, q.created_at.astimezone(now.tzinfo).date()), [sheet],
                    str(t("export.quote", lang, id=q.id, partner=name, total=reports.money(q.total), day=until)),
                    empty=False)


def _statement(uow: UnitOfWork, t: Any, lang: str, cmd: commands.Export, *, loc: str | None, where: str,
               now: datetime, cat: _Names) -> Workbook:
    """对账单 of one customer or supplier (导出团餐上个月的对账单 · 张记5月的对账单), to send it: the balance before, each
    delivery, return and payment with the balance after it, and the balance at the end; the chat reply is the
    statement itself."""
    assert cmd.start is not None and cmd.end is not None and cmd.partner is not None
    p = dues.partner(uow, cmd.partner)
    assert p is not None
    opening, entries = dues.statement(uow, p, first=cmd.start, last=cmd.end, tz=now.tzinfo)
    kind = p.kind.value
    sheet = Sheet(str(t("export.sheet.statement", lang)),
                  _cols(t, lang, "date", "kind", "detail", "charged", "settled", "balance"), money=(3, 4, 5))
    sheet.rows.append([cmd.start, str(t("export.statement.opening", lang)), "", None, None, _m(opening)])
    balance = opening
    for e in entries:
        balance += e.amount
        goods = wording.goods(cat.products, e.goods.items(), joiner=str(t("recipe.joiner", lang)))
        sheet.rows.append([_local(e.at, now), str(t(f"export.statement.{e.kind}_{kind}", lang)), goods,
                           _m(e.amount) if e.amount > 0 else None, _m(-e.amount) if e.amount < 0 else None, _m(balance)])
    charged = sum((e.amount for e in entries if e.amount > 0), Decimal(0))
    sheet.total = [str(t("export.total", lang)), "", "", _m(charged), _m(charged - (balance - opening)), _m(balance)]
    text = dues.statement_text(uow, t, lang, p.code, first=cmd.start, last=cmd.end, today=now.date(), tz=now.tzinfo)
    return Workbook(_filename(t, lang, "statement", p.name, cmd.start, cmd.end), [sheet], text, empty=False)


def _commission(uow: UnitOfWork, t: Any, lang: str, cmd: commands.Export, *, loc: str | None, where: str,
                now: datetime, cat: _Names) -> Workbook:
    """提成表 (导出5月提成表): each seller's sales and commission, and each sale with the rule that paid on it (a sale
    undone left out), at the asker's store (every store for the owner, or the one named)."""
    assert cmd.start is not None and cmd.end is not None
    rows = commissions.sold(uow, cmd.start, cmd.end, tz=now.tzinfo, location=loc)
    summary = Sheet(str(t("export.sheet.commission", lang)), _cols(t, lang, "seller", "sold_value", "commission"),
                    money=(1, 2))
    detail = Sheet(str(t("export.sheet.commission_sales", lang)),
                   _cols(t, lang, "at", "seller", "product", "qty", "unit", "sold_value", "rule", "commission"),
                   money=(5, 7))
    total: dict[str, tuple[Decimal, Decimal]] = {}
    said: dict[str, str] = {}   # (each rule's words, once)
    for m, value, rule, paid in rows:
        who = cat.users.get(m.actor or "", m.actor or "")
        v, c = total.get(who, (Decimal(0), Decimal(0)))
        total[who] = (v + value, c + paid)
        if rule is not None and rule.ref not in said:
            said[rule.ref] = commissions.how(uow, t, lang, rule)
        detail.rows.append([_local(m.at, now), who, cat.name(m.sku), _q(m.qty), cat.unit(m.sku), _m(value),
                            said[rule.ref] if rule is not None else str(t("commission.unpaid", lang)), _m(paid)])
    for who, (v, c) in sorted(total.items(), key=lambda x: -x[1][1]):
        summary.rows.append([who, _m(v), _m(c)])
    span = reports.days_text(t, lang, cmd.start, cmd.end)
    paid_all = sum((c for _, c in total.values()), Decimal(0))
    text = str(t("export.none_commission", lang, span=span, where=where) if not rows else t(
        "export.commission", lang, span=span, where=where, n=len(total), sales=len(rows), total=reports.money(paid_all)))
    return Workbook(_filename(t, lang, "commission", where, cmd.start, cmd.end), [summary, detail], text,
                    empty=not rows)


def _accounts(uow: UnitOfWork, t: Any, lang: str, cmd: commands.Export, *, loc: str | None, where: str, now: datetime,
              cat: _Names) -> Workbook:
    """往来账 (导出应收应付 · 导出对账单): each customer's and supplier's account since it began (goods at the price or
    cost of each move, what was paid, what is owed), and every payment on the days asked (undoings marked). Accounts
    are the business's, not a store's."""
    assert cmd.start is not None and cmd.end is not None
    since, until = _period(cmd, now)
    summary = Sheet(str(t("export.sheet.accounts", lang)),
                    _cols(t, lang, "partner", "kind", "goods", "paid", "owed"), money=(2, 3, 4))
    owed = {"customer": Decimal(0), "supplier": Decimal(0)}
    for p in uow.catalog.partners():
        goods, paid, due = dues.balance(uow, p.code)
        if goods == 0 and paid == 0:
            continue
        summary.rows.append([p.name, str(t(f"export.partner_kind.{p.kind.value}", lang)), _m(goods), _m(paid), _m(due)])
        owed[p.kind.value] = owed.get(p.kind.value, Decimal(0)) + due
    paid_sheet = Sheet(str(t("export.sheet.payments", lang)),
                       _cols(t, lang, "at", "partner", "kind", "amount", "by", "note"), money=(3,))
    rows = uow.payments.list(since=since, until=until)
    undone = {r.reverses for r in rows if r.reverses is not None}
    kinds = {p.code: p.kind.value for p in uow.catalog.partners()}
    for r in rows:
        note = str(t("export.reverses", lang, id=r.reverses)) if r.reverses is not None \
            else str(t("export.undone", lang)) if r.id in undone \
            else str(t("export.paid_on_the_spot", lang)) if accounts.spot_of(r.note) is not None \
            else str(t("export.opening_balance", lang)) if r.note == dues.OPENING \
            else str(t("export.refund", lang)) if r.note == dues.REFUND \
            else str(t("export.bonus", lang, id=r.note.removeprefix(dues.BONUS))) if dues.is_bonus(r.note) \
            else str(t("export.goods_of", lang, span=reports.days_text(t, lang, *said))) \
            if (said := dues.goods_of(r.note)) is not None else r.note
        # (去市场买了…,现金: goods bought from no supplier named, on no account)
        kind = kinds.get(r.partner, "supplier" if r.partner == accounts.NO_ACCOUNT else "customer")
        paid_sheet.rows.append([_local(r.at, now), cat.partners.get(r.partner, r.partner) or str(t(
                                    "export.no_account", lang)),
                                str(t(f"export.partner_kind.{kind}", lang)),
                                _m(r.amount), cat.users.get(r.actor or "", r.actor or ""), note])
    span = reports.days_text(t, lang, cmd.start, cmd.end)
    empty = not summary.rows and not paid_sheet.rows
    text = str(t("export.none_accounts", lang) if empty else t(
        "export.accounts", lang, n=len(summary.rows), span=span, payments=len(paid_sheet.rows),
        receivable=reports.money(owed["customer"]), payable=reports.money(owed["supplier"])))
    return Workbook(_filename(t, lang, "accounts", str(t("all_locations", lang)), cmd.start, cmd.end),
                    [summary, paid_sheet], text, empty=empty)
