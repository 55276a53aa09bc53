"""Invoices said in the chat (domain/invoices.py): 张记开了发票3200 · 收到张记5月的发票3200,发票号12345678 · 张记的发票
3200元 (a supplier's) · 给团餐开了发票5000 · 团餐的发票开了5000 (ours to a customer) (one kept); 5月的发票核对 · 上个月的
发票 · 哪些供应商没开发票 · 给客户开了多少发票 · 张记的发票 (asked). A receipt or sale that notes its invoice number
(收到牛腩50斤,发票号12345) names goods: it is the parser's, never an invoice here."""
from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

from domain import catalog, commands, units
from nlu import context, dates, lexicon, numbers

HINT = re.compile(r"发票|开票|进项|销项")
_CODE = re.compile(r"[,;]?\s*(?:发票号码?|票号)\s*[:#]?\s*(?P<code>[A-Za-z0-9-]{4,30})")
_AMOUNT = re.compile(rf"(?<![\d.])(?P<v>{numbers.NUMBER})\s*(?P<k>万|千)?\s*(?:元|块钱?|块)?(?![\d.])")
_MONTH_REL = re.compile(r"上个?月|本月|这个?月")
_ASKED = re.compile(r"多少|哪些|哪家|核对|对一下|对账|没开|未开|没给|情况|明细|清单|汇总|列表|[?吗]|查")
_CUSTOMER_WORDS = re.compile(r"客户|销项|开给|开出")
_SUPPLIER_WORDS = re.compile(r"供应商|进项|收到的")


def said(s: str, lex: lexicon.Lexicon, speaker: context.Speaker) -> commands.Parsed | commands.Clarify | None:
    """The invoice kept or the month's invoices asked after; None: neither (goods named: a receipt's or a sale's)."""
    found = lex.scan(s, [True] * len(s))
    if any(e.kind == "product" for e in found):
        return None
    partners = [e for e in found if e.kind == "partner"]
    if len(partners) > 1 or partners and len(partners[0].codes) != 1:
        return None
    code = partners[0].codes[0] if partners else None
    rest = s if not partners else s[:partners[0].start] + " " + s[partners[0].end:]
    number = _CODE.search(rest)
    if number is not None:
        rest = rest[:number.start()] + rest[number.end():]
    said_month, rest = _month(rest, speaker.now.date())
    if said_month is False:
        return commands.Clarify("bad_day", detail=s)
    month = said_month if isinstance(said_month, date) else None
    amounts = [m for m in _AMOUNT.finditer(rest) if numbers.value(m.group("v")) is not None]
    if _ASKED.search(rest) or not amounts:
        kind = "customer" if _CUSTOMER_WORDS.search(s) or (code and lex.partners[code].kind
                                                           == catalog.PartnerKind.CUSTOMER) \
            else "supplier"
        return commands.Parsed(commands.InvoiceQuery(kind, month, code))
    if code is None:   # 开了发票3200: whose?
        return commands.Clarify("invoice_whose")
    if len(amounts) != 1:
        return None
    value = numbers.scaled(amounts[0].group("v"), amounts[0].group("k"))
    if value is None or value <= 0 or units.too_large(value) or value != value.quantize(Decimal("0.01")):
        return commands.Clarify("bad_amount", detail=amounts[0].group(0).strip())
    return commands.Parsed(commands.RecordInvoice(code, units.normalize(value), month,
                                                  number.group("code").upper() if number else ""))


def _month(s: str, today: date) -> tuple[date | None | bool, str]:
    """The month said (its first day; False: no such month) and the words without it."""
    named = dates.MONTH_SAID.search(s)
    if named is not None:
        span = dates.month_span(named, today)
        return (span[0] if span else False), s[:named.start()] + s[named.end():]
    rel = _MONTH_REL.search(s)
    if rel is not None:
        first = today.replace(day=1)
        month = (first - timedelta(days=1)).replace(day=1) if rel.group(0).startswith("上") else first
        return month, s[:rel.start()] + s[rel.end():]
    return None, s

