"""Sales commission said in the chat (domain/commissions.py): 蓝牙耳机每副提成10元 · 手机壳提成5% · 音频类提成2% · 销售提成3% ·
所有商品提成按3% (a rule set) · 取消蓝牙耳机的提成 · 手机壳不算提成 (taken away) · 提成规则 (listed); 这个月的提成 · 小美上个月
的提成 · 我的提成 · 5月提成表 (what each earned)."""
from __future__ import annotations

import re
from decimal import Decimal

from domain import commands, errors, units
from nlu import context, dates, intents, lexicon, numbers, scan

HINT = re.compile(r"提成|佣金")
_N = numbers.NUMBER
_RULES = re.compile(r"提成(?:的)?(?:规则|标准|方案|比例|设置)|提成怎么(?:算|定|设)|(?:哪些|什么)商品有提成")
_CLEAR = re.compile(r"^(?:取消|去掉|删除|删掉|不要|停掉|关掉)(?P<what>.*?)(?:的)?(?:销售)?提成$|^(?P<what2>.+?)不(?:再)?(?:算|给|拿|计|要)?提成了?$")
_SET = re.compile(rf"^(?P<what>.*?)(?:每\s*(?P<u>[^\d\s提月]{{1,2}}))?\s*(?:的)?(?:销售)?(?:提成|佣金)\s*(?:是|为|按|改成|改为|设为|设成|定为|:)?\s*"
                  rf"(?:销售额|营业额|售价|卖价|实收)?(?:的)?\s*(?P<n>{_N})\s*(?P<k>%|％|个点|元|块钱?|块)?(?:一(?P<u2>[^\d\s]{{1,2}}))?$")
_ALL = re.compile(r"^(?:所有|全部|每个|各)?(?:的)?(?:商品|产品|货|东西)?(?:都)?$|^(?:店员|员工|大家|销售员|导购)(?:的)?$")


def said(s: str, lex: lexicon.Lexicon, speaker: context.Speaker) -> commands.Parsed | commands.Clarify | None:
    """A commission rule set, taken away or listed, or what was earned asked after; None: not about commission."""
    s = s.strip().rstrip("。.!！?？")
    if _RULES.search(s):
        return commands.Parsed(commands.CommissionQuery(rules=True))
    m = _CLEAR.match(s)
    if m is not None:
        target = _target(m.group("what") if m.group("what") is not None else m.group("what2"), lex)
        if isinstance(target, commands.Clarify):
            return target
        return commands.Parsed(commands.SetCommission(*target))
    m = _SET.match(s)
    if m is not None and not dates.MONTH_SAID.search(s):
        target = _target(m.group("what"), lex)
        if isinstance(target, commands.Clarify):
            return target
        n = numbers.value(m.group("n"))
        kind = m.group("k") or ""
        unit = m.group("u") or m.group("u2") or ""
        if n is None or n < 0 or (kind in ("%", "％", "个点") and n >= 100):
            return commands.Clarify("bad_commission", detail=s)
        if kind in ("%", "％", "个点") and not unit:
            return commands.Parsed(commands.SetCommission(*target, rate=units.normalize(n / 100)))
        if not kind and not unit:   # 提成10: ten yuan or ten per cent?
            return commands.Clarify("bad_commission", detail=s)
        if target[0] != "sku":   # (a yuan a unit means one product's unit: 蓝牙耳机每副提成10元)
            return commands.Clarify("bad_commission", detail=s)
        p = lex.product(target[1])
        try:
            per = n / p.to_base(Decimal(1), unit) if unit and unit != p.base_unit else n
        except errors.DomainError:
            return commands.Clarify("unit_mismatch", mention=target[1], detail=unit)
        return commands.Parsed(commands.SetCommission(*target, per_unit=units.normalize(per)))
    found = lex.scan(s, [True] * len(s))
    if any(e.kind == "product" for e in found):
        return None
    today = speaker.now.date()
    span = dates.asked_span(s, speaker.now)
    if isinstance(span, str):   # (13月的提成)
        return commands.Clarify("bad_day", detail=span)
    first, last = span or (today.replace(day=1), today)   # (this month, unsaid)
    if intents.EXPORT.search(s):   # 导出5月提成表: a spreadsheet, each seller and each sale
        where = next((e.codes[0] for e in found if e.kind == "location" and len(e.codes) == 1), None)
        return commands.Parsed(commands.Export("commission", first, last, where))
    who = next((e.codes[0] for e in found if e.kind == "user" and len(e.codes) == 1), None)
    if who is None and re.search(r"我的|我这个?月|我上个?月|我今天|我这周|我(?:能|可以)?拿多少", s):
        who = speaker.user.username
    return commands.Parsed(commands.CommissionQuery(first, last, who))


def _target(what: str, lex: lexicon.Lexicon) -> tuple[str, str] | commands.Clarify:
    """(scope, key) a rule is said of: one product, a category of the catalog's, or everything."""
    what = re.sub(r"^(?:每个?月|按月)(?:的)?", "", what.strip())   # (每个月销售提成3%)
    return scan.goods_scope(what, lex, _ALL)
