"""Quotations said in the chat (domain/quotes.py): 给王记报价:苹果数据线100根12元、20W充电头50个30元 · 给团餐报个价,牛腩
20斤,有效期3天 (one made: read as the customer's order would be, then kept as an offer); 报价1转订单,明天提货 (the order
it becomes); 王记的报价单 · 有哪些报价 (listed); 报价1 · 发一下报价单1 (its sheet again). Before, 给王记报价:… recorded a
sale."""
from __future__ import annotations

import re
from collections.abc import Callable

from domain import catalog, commands
from nlu import context, dates, lexicon

HINT = re.compile(r"报价|报个价|报一下价")
_MAKE = re.compile(r"(?:请|帮我)?(?:给|帮|为|向|跟)?(?P<who>[^,;:]{1,12}?)(?:的)?(?:报价|报个价|报一下价|出(?:个|一份)?报价|"
                   r"做(?:个|一份)?报价|开(?:个|一份)?报价)单?\s*[:,;]?\s*(?P<rest>.+)")
_BARE = re.compile(r"(?:请|帮我)?(?:给|帮|为|向|跟)?(?P<who>[^,;:]{1,12}?)(?<!的)(?:要|想要)?(?:报价|报个价|报一下价)单?")
_VALID = re.compile(r"[,;]?\s*(?:有效期|有效)\s*(?:是|为)?\s*(?P<n>\d{1,3})\s*天|[,;]?\s*(?P<n2>\d{1,3})\s*天(?:内)?有效")
_ORDER = re.compile(r"(?:请|帮我)?(?:把)?报价单?\s*#?(?P<id>\d{1,6})\s*号?(?:的)?\s*(?:转成?订单|转为订单|转销售单|下单|确认下单|成交"
                    r"|生成订单)(?P<rest>.*)")
_FILE = re.compile(r"(?:请|帮我)?(?:发一?下|发给我|打印|导出|再发一?次)?报价单?\s*#?(?P<id>\d{1,6})\s*号?(?:的)?(?:文件|表格?|excel)?")
_REVISE = re.compile(r"(?:请|帮我)?(?:修改|更新|改一下|重新报)报价单?\s*#?(?P<id>\d{1,6})\s*号?\s*[:,]\s*(?P<rest>.+)"
                     r"|报价单?\s*#?(?P<id2>\d{1,6})\s*号?\s*(?:改成|改为|更新为)\s*[:,]?\s*(?P<rest2>.+)")
_LIST = re.compile(r"(?:有)?哪些报价单?|最近的?报价单?|(?P<who>[^,;:]{0,12}?)(?:的)?报价单?(?:有哪些|列表|清单|记录)?")


def said(s: str, lex: lexicon.Lexicon, speaker: context.Speaker,
         parse: Callable[[str], commands.Parsed | commands.Clarify]) -> commands.Parsed | commands.Clarify | None:
    """The quotation made, turned into its order, listed or sent again; None: none of these (``parse`` reads the
    goods of one made as the customer's order would be read)."""
    s = s.strip(" ?.!~")
    m = _REVISE.fullmatch(s)
    if m is not None:   # 修改报价1:苹果数据线100根11元: its goods and prices said again
        return _offer(m.group("rest") or m.group("rest2"), lex, parse, revises=int(m.group("id") or m.group("id2")))
    m = _ORDER.fullmatch(s)
    if m is not None:
        found = dates.find(m.group("rest"), speaker.now)
        return commands.Parsed(commands.QuoteAction("order", int(m.group("id")), due=found.when if found else None))
    m = _FILE.fullmatch(s)
    if m is not None:
        return commands.Parsed(commands.QuoteAction("file", int(m.group("id"))))
    bare = _BARE.fullmatch(s)
    if bare is not None and lex.partner_named(bare.group("who")) is not None:   # 给王记报价: of what?
        return commands.Clarify("quote_goods")
    m = _LIST.fullmatch(s)
    if m is not None:
        who = (m.groupdict().get("who") or "").strip()
        code = lex.partner_named(who) if who else None
        if who and code is None:
            return None
        return commands.Parsed(commands.QuoteAction("list", partner=code))
    m = _MAKE.fullmatch(s)
    if m is None:
        return None
    code = lex.partner_named(m.group("who"))
    if code is None:
        return None
    if lex.partners[code].kind != catalog.PartnerKind.CUSTOMER:   # (给张记报价: we ask a supplier for its prices)
        return commands.Clarify("quote_customers_only", mention=lex.partners[code].name)
    return _offer(m.group("rest"), lex, parse, partner=code)


def _offer(rest: str, lex: lexicon.Lexicon, parse: Callable[[str], commands.Parsed | commands.Clarify], *,
           partner: str | None = None, revises: int | None = None) -> commands.Parsed | commands.Clarify:
    """The goods offered (and the days it holds), read as ``partner``'s order would be read; a revision's customer is
    its quotation's (read as any customer's order: the prices are settled when it is kept)."""
    code = partner or next((c for c, p in lex.partners.items() if p.kind == catalog.PartnerKind.CUSTOMER), None)
    if code is None:
        return commands.Clarify("quote_goods")
    days = None
    valid = _VALID.search(rest)
    if valid is not None:   # 有效期3天 · 3天内有效
        days = int(valid.group("n") or valid.group("n2"))
        rest = rest[:valid.start()] + rest[valid.end():]
    if days is not None and not 1 <= days <= 365:
        return commands.Clarify("bad_days", detail=valid.group(0).strip(" ,;") if valid else "")
    heard = parse(f"{lex.partners[code].name}订{rest.strip(' ,;')}")
    if isinstance(heard, commands.Parsed) and isinstance(heard.command, commands.PlaceSale):
        return commands.Parsed(commands.MakeQuote("" if revises is not None else code, heard.command.lines, days,
                                                  revises=revises), heard.guesses)
    return heard if isinstance(heard, commands.Clarify) else commands.Clarify("quote_goods")
