"""A delivery note's photo in the chat: what was read off it, checked as a person checks a note before signing,
and the receipt it makes, asked first (never recorded on a photo alone). A note recorded once is not recorded again,
whoever sends it: the same picture, the same supplier's note number, or a note without a number saying the same
goods, is named with who recorded it when."""
from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from bot import replies
from domain import catalog, commands, ledger
from nlu import context, delivery
from workflows.ports import UnitOfWork

BACK_DAYS = 31   # a note dated this many days back is recorded on its day (as 6月10日收到… would be)
PRICE = Decimal("0.0001")
CHANGE = Decimal("0.005")   # a price this much off the last one is said


def digest(image: bytes) -> str:
    return hashlib.sha256(image).hexdigest()[:12]


def note_of(number: str, key: str, content: str) -> str:
    """What the receipt's moves keep of the note: its number, the picture's fingerprint and the goods'."""
    return f"送货单 {number} · 照片 {key} · 内容 {content}" if number else f"送货单照片 {key} · 内容 {content}"


def made_from_photo(note: str) -> bool:
    """A write a delivery note's photo made (its moves' note): never recorded without being asked."""
    return note.startswith("送货单") and " · 内容 " in note


def content_of(note: delivery.Note) -> str:
    """A fingerprint of what a note says (its issuer as printed, day, each line, total): another photo of a note
    without a number has the same one, whatever was said with it."""
    rows = sorted(f"{r.name}|{r.qty.normalize() if r.qty is not None else ''}|{r.unit}|"
                  f"{r.amount.normalize() if r.amount is not None else ''}" for r in note.rows)
    said = "\n".join([note.supplier, note.day.isoformat() if note.day else "", *rows,
                      str(note.total.normalize()) if note.total is not None else ""])
    return hashlib.sha256(said.encode()).hexdigest()[:12]


def partner_of(cat: context.Catalog, said: str) -> catalog.Partner | None:
    """The supplier a note's header names (张记肉类批发 → 张记肉业 by its alias 张记): the longest of its names held."""
    flat = said.replace(" ", "")
    if not flat:
        return None
    found: list[tuple[int, catalog.Partner]] = []
    for p in cat.partners:
        if p.kind != catalog.PartnerKind.SUPPLIER:
            continue
        names = [p.name, *p.aliases]
        held = [len(n) for n in names if len(n) >= 2 and (n in flat or flat in n and len(flat) >= 2)]
        if held:
            found.append((max(held), p))
    found.sort(key=lambda f: -f[0])
    if not found or (len(found) > 1 and found[0][0] == found[1][0]):
        return None
    return found[0][1]


def place_of(cat: context.Catalog, said: str) -> catalog.Location | None:
    """The store a note is made out to, when it names one of ours exactly (客户:福田店)."""
    flat = said.replace(" ", "")
    return next((loc for loc in cat.locations if loc.kind.is_physical and flat and flat in (loc.name, loc.code,
                                                                                           *loc.aliases)), None)


def day_said(day: date | None, today: date) -> tuple[str, str | None]:
    """The words that date the receipt (6月14日), and why the note's day is not used, if it is not."""
    if day is None or day == today:
        return "", None
    if day > today:
        return "", "photo.day_ahead"
    if (today - day).days > BACK_DAYS:
        return "", "photo.day_old"
    return f"{day.month}月{day.day}日", None


def priced(cmd: commands.RecordMoves, note: delivery.Note) -> commands.RecordMoves:
    """Each line at the price the note charges for it: its amount (else quantity × price) over the base units
    received, matched to the note's row by the product's name as written there."""
    rows = list(note.rows)
    lines: list[commands.Line] = []
    for ln in cmd.lines:
        row = next((r for r in rows if r.name == ln.mention), None)
        if row is None and len(cmd.lines) == len(note.rows) and note.rows[len(lines)] in rows:
            row = note.rows[len(lines)]   # (a name the parser wrote otherwise: the row in the same place)
        if row is not None:
            rows = [r for r in rows if r is not row]
        value = row.value if row is not None else None
        if value is not None and ln.qty > 0:
            ln = replace(ln, unit_price=(value / ln.qty).quantize(PRICE).normalize())
        lines.append(ln)
    return replace(cmd, lines=tuple(lines))


def price_changes(t: Any, lang: str, uow: UnitOfWork, cmd: commands.RecordMoves, cat: context.Catalog) -> list[str]:
    """Each line whose price on the note is not what the product cost last (its latest standing receipt, else the
    catalog's cost): the two per base unit and the change, so a price raised on the quiet is seen before signing."""
    out = []
    for ln in cmd.lines:
        product = next((p for p in cat.products if p.sku == ln.sku), None)
        if ln.unit_price is None or product is None:
            continue
        last = uow.stock.receipt_costs(ln.sku, limit=1)
        was, key = (last[0][1], "photo.price_last") if last else (product.unit_cost, "photo.price_catalog")
        if not was or abs(ln.unit_price - was) <= was * CHANGE:
            continue
        change = (ln.unit_price - was) / was * 100
        out.append(t(key, lang, name=product.name, now=replies.N(ln.unit_price), was=replies.N(was.quantize(PRICE)),
                     unit=product.base_unit, arrow="📈" if change > 0 else "📉",
                     change=f"{change:+.1f}%"))
    return out


def against_orders(t: Any, lang: str, orders: list[Any], cmd: commands.RecordMoves, cat: context.Catalog) -> list[str]:
    """The note beside the supplier's open purchase orders for this store (oldest first), as a clerk checks before
    signing: goods short of or beyond what is still awaited, goods never ordered, goods ordered and not on the note,
    and a price not the one ordered. Nothing when none is open."""
    if not orders:
        return []
    awaited: dict[str, Decimal] = {}
    agreed: dict[str, Decimal] = {}
    for o in orders:
        for ol in o.lines:
            if ol.open_qty > 0:
                awaited[ol.sku] = awaited.get(ol.sku, Decimal(0)) + ol.open_qty
                if ol.unit_price is not None:
                    agreed.setdefault(ol.sku, ol.unit_price)
    ids = "、".join(f"#{o.id}" for o in orders)
    out = []
    on_note = set()
    for ln in cmd.lines:
        on_note.add(ln.sku)
        name, want = replies.pname(cat, ln.sku), awaited.get(ln.sku, Decimal(0))
        if want == 0:
            out.append(t("photo.po_unordered", lang, name=name))
        elif ln.qty != want:
            out.append(t("photo.po_short" if ln.qty < want else "photo.po_over", lang, name=name,
                         got=replies.qty_text(cat, ln.sku, ln.qty), want=replies.qty_text(cat, ln.sku, want),
                         diff=replies.qty_text(cat, ln.sku, abs(want - ln.qty))))
        price = agreed.get(ln.sku)
        if price and ln.unit_price is not None and abs(ln.unit_price - price) > price * CHANGE:
            out.append(t("photo.po_price", lang, name=name, now=replies.N(ln.unit_price),
                         was=replies.N(price.quantize(PRICE)), unit=_unit(cat, ln.sku)))
    for sku, want in awaited.items():
        if sku not in on_note:
            out.append(t("photo.po_missing", lang, name=replies.pname(cat, sku), want=replies.qty_text(cat, sku, want)))
    head = t("photo.po_head" if out else "photo.po_match", lang, orders=ids)
    return [head, *out]


def _unit(cat: context.Catalog, sku: str) -> str:
    product = next((p for p in cat.products if p.sku == sku), None)
    return product.base_unit if product is not None else ""


def recorded_before(uow: UnitOfWork, key: str, number: str, partner: str | None, content: str) -> list[ledger.Move]:
    """The standing moves of this picture, of this supplier's note of that number, or, for a note without a number,
    of a note saying the same goods (undone ones do not count)."""
    found = uow.stock.noted(f"照片 {key}")
    if number and not found:
        found = [m for m in uow.stock.noted(f"送货单 {number} ·") if partner is None or m.partner in (None, partner)]
    if not number and not found:
        found = uow.stock.noted(f"内容 {content}")
    batches = {m.batch for m in found}
    standing = {b for b in batches if not uow.stock.is_reversed(b)}
    return [m for m in found if m.batch in standing]


def reading(t: Any, lang: str, note: delivery.Note, *, supplier: str, remarks: list[str]) -> str:
    """What was read off the note, line by line, with its checks: each line's quantity × price against its amount,
    the lines against the note's total, words the OCR was unsure of."""
    head = [p for p in (supplier or note.supplier, note.day.isoformat() if note.day else "",
                        t("photo.number", lang, number=note.number) if note.number else "") if p]
    out = [t("photo.read", lang, head=" · ".join(head))]
    for i, r in enumerate(note.rows, 1):
        qty = f"{r.qty.normalize():f}" if r.qty is not None else "?"
        line = f"{i}. {r.name} {qty}{r.unit}" + (f"({r.spec})" if r.spec else "")
        if r.price is not None:
            line += f" × {replies.N(r.price)}"
        if r.amount is not None:
            line += f" = {replies.N(r.amount)}"
        if r.adds_up is False:
            line += t("photo.line_off", lang, made=replies.N((r.qty or Decimal(0)) * (r.price or Decimal(0))))
        if r.unsure:
            line += t("photo.unsure", lang)
        out.append(line)
    for u in note.unread:
        out.append(t("photo.unread_row", lang, row=u))
    if note.total is not None:
        adds = note.total_adds_up
        key = "photo.total_ok" if adds else "photo.total_off" if adds is False else "photo.total"
        out.append(t(key, lang, total=replies.N(note.total), sum=replies.N(note.sum or Decimal(0))))
    out += remarks
    first = note.rows[0]   # (the example's quantity one more than read: a correction as it would be said)
    whole = first.qty if first.qty is not None and first.qty == first.qty.to_integral_value() else None
    out.append(t("photo.check", lang, name=first.name,
                 qty=f"{(whole + 1).normalize():f}{first.unit}" if whole is not None else "…"))
    return "\n".join(out)
