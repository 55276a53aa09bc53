"""Discounts at the till, asked after or limited (domain/pricing.py settles them on each sale): 这个月优惠了多少 · 今天抹零
多少 · 打折记录 · 上周的折扣 (the sales settled below their list prices); 店员最多优惠10% · 店员最多打9折 · 折扣不能低于8折 ·
优惠超过10%要店长批准 (the most a sale may give away without a manager) · 取消优惠上限 · 优惠上限是多少. A message naming
goods (卖了可乐3瓶,优惠2元) is a sale: never read here."""
from __future__ import annotations

import re

from domain import commands
from nlu import context, dates, intents, lexicon, numbers, scan

HINT = re.compile(r"优惠|打折|折扣|抹零|让利|免单|\d折|[一二三四五六七八九]折")
_WORD = r"(?:优惠|折扣|打折|让利|让价|减价)"
_N = numbers.NUMBER
# 店员最多优惠10% · 优惠不能超过10% · 折扣上限10% · 优惠超过10%要店长批准
_LIMIT_PCT = re.compile(rf"(?:{_WORD})\S{{0,6}}?(?:最多|最高|上限|不能超过|不超过|不得超过|超过|限额|额度|限制)\s*(?:是|为|设为|设成|改成|改为|:)?"
                        rf"\s*(?P<n>{_N})\s*(?:%|％|个点)|(?:最多|最高)(?:只能|可以|能)?(?:{_WORD})\s*(?P<n2>{_N})\s*(?:%|％|个点)")
# 店员最多打9折 · 折扣不能低于8折 · 最低打85折 · 最低八五折
_LIMIT_ZHE = re.compile(r"(?:最多|最低|最少|不能低于|不低于|不得低于|至少)\s*(?:只能|可以|能)?\s*(?:打)?\s*(?P<z>[1-9](?:\.5|[05])?|[一二三四五六七八九]五?)\s*折")
_CLEAR = re.compile(rf"(?:取消|去掉|不要|不设|删除|撤销)(?:了)?(?:店员)?(?:的)?{_WORD}(?:的)?(?:上限|限制|限额|额度)|{_WORD}不(?:设)?(?:限|限制)")
_ASK_LIMIT = re.compile(rf"{_WORD}(?:的)?(?:上限|限制|限额|额度)(?:是)?(?:多少|几)|(?:最多|最低)能(?:优惠|打)(?:多少|几折)")
_ASKED = re.compile(r"多少|记录|明细|统计|汇总|情况|清单|列表|哪些|谁|[?吗]|查")


def said(s: str, lex: lexicon.Lexicon, speaker: context.Speaker) -> commands.Parsed | commands.Clarify | None:
    """A discount limit set, cleared or asked, or the discounts given asked after; None: neither (goods named)."""
    found = lex.scan(s, [True] * len(s))
    if any(e.kind == "product" for e in found) or intents.AT_RISK.search(s):   # (哪些要打折: what to mark down)
        return None
    if _CLEAR.search(s):
        return commands.Parsed(commands.DiscountLimit(None))
    if _ASK_LIMIT.search(s):
        return commands.Parsed(commands.DiscountLimit(None, ask=True))
    m = _LIMIT_PCT.search(s)
    if m is not None:
        n = numbers.value(m.group("n") or m.group("n2"))
        if n is None or not 0 <= n < 100:
            return commands.Clarify("bad_discount_limit", detail=m.group(0))
        return commands.Parsed(commands.DiscountLimit(n / 100))
    z = _LIMIT_ZHE.search(s)
    if z is not None:
        return commands.Parsed(commands.DiscountLimit(1 - scan.share_of(z.group("z"))))
    today = speaker.now.date()
    span = dates.asked_span(s, speaker.now)
    if not (_ASKED.search(s) or span is not None) or any(e.kind == "partner" for e in found):
        return None   # (上周的折扣: its days said are enough)
    if isinstance(span, str):   # (13月的优惠)
        return commands.Clarify("bad_day", detail=span)
    first, last = span or (today.replace(day=1), today)   # (this month, unsaid)
    where = next((e.codes[0] for e in found if e.kind == "location" and len(e.codes) == 1), None)
    return commands.Parsed(commands.DiscountQuery(first, last, where))
