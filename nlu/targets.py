"""Sales targets said in the chat (domain/targets.py): 本月销售目标10万 · 华强店12月业绩目标30万 · 小美这个月目标2万 ·
蓝牙耳机本月目标卖100副 · 音频类这个月目标5万 · 每月目标10万 · 给小美定个目标,这个月3万 (set) · 取消本月目标 ·
取消小美的目标 · 删除目标2 (taken away) · 目标完成得怎么样 · 这个月的业绩进度 · 小美的目标完成了吗 · 我的目标 ·
华强店上个月目标完成了吗 (how far they are); and the purchase budgets (本月采购预算5万 · 采购预算还剩多少,
workflows/budgets.py)."""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from domain import commands, errors, targets, units
from nlu import context, lexicon, numbers, scan

HINT = re.compile(r"预算|目标|业绩|销售任务|业绩任务|销售指标|业绩指标|完成率|达成率|KPI|kpi|任务完成|任务(?:是|为|定为|:|：)?\s*"
                  r"[\d一二三四五六七八九十两]")
_N = numbers.NUMBER
_WORD = r"(?:的)?(?:销售额?|营业额|营收|业绩|流水|毛利润?|利润)?(?:的)?(?:目标|指标|任务)"
_MARGIN = re.compile(r"毛利|利润")
_SET = re.compile(rf"^(?P<head>.*?){_WORD}\s*(?:是|为|定为|定成|定在|设为|设成|设在|改成|改为|调到|调成|调整为|提高到|提到|降到|降为|定|:|：)?\s*"
                  rf"(?:每天|每日)?\s*(?:要|得)?\s*(?:卖|卖到|卖出|做到|做|达到|冲|冲到|完成)?\s*(?P<n>{_N})\s*(?P<u>万元?|千元?|元|块钱?|块|[^\d\s,，。!！?？的]{{1,2}})?$")
_CLEAR = re.compile(rf"^(?:取消|删除|删掉|去掉|撤掉|撤销|清除|不要|不设)(?P<what>.*?){_WORD}(?:了)?$"
                    rf"|^(?P<what2>.*?){_WORD}(?:取消|不要|删除|删掉|作废|不设)了?$")
_NUMBERED = re.compile(r"^(?:取消|删除|删掉|去掉|撤掉)(?:销售|业绩)?(?:目标|指标)\s*#?\s*(?P<n>\d{1,4})\s*号?$"
                       r"|^(?:销售|业绩)?(?:目标|指标)\s*#?\s*(?P<n2>\d{1,4})\s*号?(?:取消|删除|删掉|作废|不要)了?$")
_GIVE = re.compile(rf"^(?:给|帮|替|为)?(?P<who>[^,，:：]*?)(?:定|设|订|制定|设定|定下)(?:个|一个|下|了)?(?:销售|业绩)?(?:目标|指标|任务)"
                   rf"\s*[,，:：]?\s*(?P<when>[^,，:：\d]*?)\s*(?:是|为)?\s*(?P<n>(?:{_N})\s*(?:万元?|千元?|元|块钱?|块|[^\d\s,，。!！?？的]{{1,2}})?)$")
# the goods said after the target's verb (本周目标卖可乐20箱 · 每天目标卖牛腩30斤)
_GOODS_AFTER = re.compile(rf"^(?P<head>.*?)(?:目标|指标)(?:是|为)?\s*(?:要|得)?\s*(?:卖|卖到|卖出)\s*(?P<goods>[^\d\s,，]{{1,12}}?)\s*"
                          rf"(?P<n>(?:{_N})\s*[^\d\s,，。!！?？的]{{0,2}})$")
# goods moved, said with a quantity: a write the grammar reads, whatever is said of a target beside it
_WRITE = re.compile(r"(?:卖了|卖出|售出|卖掉|收到|进了|进货|到了|用了|用掉|报损|入库|出库|调了|退了)(?!预算|目标)[^,，。;；]{0,10}?"
                    r"[\d一二两三四五六七八九十半]")
_RANK = re.compile(r"排行|排名|谁卖得?最多|谁的业绩最?好|业绩(?:最)?(?:好|高)的?(?:员工|店员|人|是谁)|(?:员工|店员|销售员|导购|个人|每个人|各人|大家)(?:的)?(?:销售)?业绩")
_ASKED = re.compile(r"完成|进度|怎么样|如何|多少|达成|达标|完成率|达成率|差|还要|还需|情况|有哪些|是什么|目标吗|[?？吗呢]$"
                    r"|^(?:.{0,12}?)(?:的)?(?:销售|业绩)?(?:目标|指标|业绩)$")
_FILLER = re.compile(r"各店|各门店|各个?门店|每个店|各个店|排行榜?|排名|员工|店员|销售员|导购|个人|每个人|各人|大家|给|帮|替|定个?|定下|订个?|设个?|设定|制定|一个|下|个|的|了|我们|咱们|店里|销售额?|营业额|营收|业绩|流水|毛利润?|利润"
                     r"|总|整体|总共|一共|要|请|把|,|，|\s")
_COMPANY = re.compile(r"全公司|公司|所有门店|所有店|全部门店|各店合计|全店合计|总店|集团|全部店")
_ME = re.compile(r"^我(?:的|这个?月|本月|这周|本周|今天|今年)?|我自己")
# the period: 本月 · 下个月 · 12月 · 2027年1月 · 本周 · 下周 · 今天 · 明天 · 今年 · 每月 (every one) …
_PERIOD = re.compile(r"(?P<every>每个?月|每月|月度|每个?(?:周|星期|礼拜)|每周|周度|每天|每日|日均|每年|年度)"
                     r"|(?P<y>\d{4})\s*年\s*(?P<ym>\d{1,2})\s*月份?"
                     r"|(?P<rel>本月份?|这个?月|当月|下个?月|上个?月|本周|这周|这个?星期|这个?礼拜|下周|下个?星期|下个?礼拜|上周"
                     r"|上个?星期|上个?礼拜|今天|今日|明天|昨天|今年|本年度?|全年|明年|去年)"
                     r"|(?<![\d年])(?P<m>\d{1,2}|十[一二]?|[一二三四五六七八九])\s*月份?(?![\d日号])")
_EVERY = {"每个月": "month", "每月": "month", "月度": "month", "每周": "week", "每个周": "week", "周度": "week",
          "每天": "day", "每日": "day", "日均": "day", "每年": "year", "年度": "year"}
_CN_MONTH = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "十一": 11,
             "十二": 12}


def said(s: str, lex: lexicon.Lexicon, speaker: context.Speaker) -> commands.Parsed | commands.Clarify | None:
    """A target set, taken away or asked after; None: not about targets (牛腩卖了20斤,今天目标完成了 records the sale)."""
    s = s.strip().rstrip("。.!！")
    if _WRITE.search(s):
        return None
    s = re.sub(r"(?<=\d)\s*[wW](?![a-zA-Z])", "万", s)   # (10w: 10万)
    s = re.sub(r"(目标|指标)\s*(每天|每日|每周|每个?月)", r"\2\1", s)   # 牛腩目标每天卖30斤: as 牛腩每天目标30斤
    after = _GOODS_AFTER.match(s)
    if after is not None:   # 本周目标卖可乐20箱: as 本周可乐目标20箱 (never a sale of 20 cases)
        s = f"{after.group('head')}{after.group('goods')}目标{after.group('n')}"
    if "预算" in s:
        return _budget(s, lex, speaker)
    m = _GIVE.match(s)
    if m is not None:   # 给小美定个目标,这个月3万: as 小美这个月目标3万
        s = f"{m.group('who')}{m.group('when')}目标{m.group('n')}"
    today = speaker.now.date()
    m = _NUMBERED.match(s)
    if m is not None:   # 删除目标2
        return commands.Parsed(commands.SetTarget(None, None, None, number=int(m.group("n") or m.group("n2"))))
    m = _CLEAR.match(s)
    if m is not None:   # 取消本月目标 · 取消小美的目标 · 蓝牙耳机的目标不要了
        what = m.group("what") if m.group("what") is not None else m.group("what2") or ""
        got = _parts(what, lex, speaker, ahead=True)
        if got is None or isinstance(got, commands.Clarify):
            return got
        period, start, every, where, who, goods = got
        return commands.Parsed(commands.SetTarget(period, None if every else start, None, location=where, user=who,
                                                  goods=goods[0] if goods else "all", key=goods[1] if goods else "*",
                                                  margin=_MARGIN.search(s) is not None))
    m = _SET.match(s)
    if m is not None and not _ASKED.search(m.group("head")):
        got = _parts(m.group("head"), lex, speaker, ahead=True)
        if got is None or isinstance(got, commands.Clarify):
            return got
        period, start, every, where, who, goods = got
        said = _amount(m.group("n"), m.group("u") or "", period or "month",
                       None if every else start or _first(period or "month", today), where, who, goods, lex, s)
        if _MARGIN.search(s) and isinstance(said, commands.Parsed) and isinstance(said.command, commands.SetTarget):
            if said.command.qty:   # (毛利目标100副: a margin is money)
                return commands.Clarify("bad_target", detail=s)
            return commands.Parsed(replace(said.command, margin=True))   # 本月毛利目标3万
        return said
    if not _ASKED.search(s) and not re.search(r"目标|业绩", s):
        return None
    body = re.sub(r"(?:的)?(?:销售额?|营业额|营收|业绩|流水)?(?:的)?(?:目标|指标|任务)?(?:完成|进度|怎么样|如何|多少|达成|达标"
                  r"|完成率|达成率|情况|有哪些|是什么|是多少|了吗|得|率|还差|差|还要|还需|[?？吗呢了])*$", "", s)
    body = re.sub(r"(?:销售|业绩)?(?:目标|指标|任务|业绩)", "", body)
    rank = _RANK.search(s) is not None
    if rank:   # (业绩最好的是谁: its words are the ranking's, no goods)
        body = re.sub(r"(?:最)?(?:好|高)的?(?:员工|店员|人|是谁)?|是谁|谁的|谁", "", _RANK.sub("", body))
    got = _parts(body, lex, speaker, ahead=False)
    if got is None or isinstance(got, commands.Clarify):
        return got
    period, start, every, where, who, goods = got
    return commands.Parsed(commands.TargetQuery(
        day=start if start is not None and not every else None, period=period, location=where, user=who,
        goods=goods[0] if goods else None, key=goods[1] if goods else None, rank=rank))


_BUDGET_WORD = r"(?:的)?(?:采购|进货|订货|买货)?(?:的)?预算"
_BUDGET_SET = re.compile(rf"^(?P<head>.*?){_BUDGET_WORD}\s*(?:是|为|定为|定成|设为|设成|改成|改为|调到|调成|控制在|不超过|:|：)?\s*"
                         rf"(?P<n>{_N})\s*(?P<u>万元?|千元?|元|块钱?|块)?(?:以内|之内)?$")
_BUDGET_CLEAR = re.compile(rf"^(?:取消|删除|删掉|去掉|不要|不设)(?P<what>.*?){_BUDGET_WORD}(?:了)?$"
                           rf"|^(?P<what2>.*?){_BUDGET_WORD}(?:取消|不要|删除|删掉|作废|不设)了?$")


def _budget(s: str, lex: lexicon.Lexicon, speaker: context.Speaker) -> commands.Parsed | commands.Clarify | None:
    """本月采购预算5万 · 每月采购预算5万 (set) · 取消采购预算 (taken away) · 采购预算还剩多少 (asked): a store's or the
    company's purchase budget; None: 预算 in other words."""
    today = speaker.now.date()
    m = _BUDGET_CLEAR.match(s)
    if m is not None:
        what = m.group("what") if m.group("what") is not None else m.group("what2") or ""
        got = _parts(what, lex, speaker, ahead=True)
        if got is None or isinstance(got, commands.Clarify):
            return got
        period, start, every, where, _, _ = got
        return commands.Parsed(commands.SetBudget(period, None if every else start, None, location=where))
    m = _BUDGET_SET.match(s)
    if m is not None:
        got = _parts(m.group("head"), lex, speaker, ahead=True)
        if got is None or isinstance(got, commands.Clarify):
            return got
        period, start, every, where, who, goods = got
        value = numbers.value(m.group("n"))
        unit = m.group("u") or ""
        if who is not None or goods is not None or value is None or value <= 0:
            return commands.Clarify("bad_budget", detail=s)
        value = value * (10000 if unit.startswith("万") else 1000 if unit.startswith("千") else 1)
        return commands.Parsed(commands.SetBudget(period or "month", None if every else start or _first(
            period or "month", today), units.normalize(Decimal(value)), location=where))
    body = re.sub(r"采购|进货|订货|买货|超出|超过|超支|超|预算|还剩|剩下|剩|还|用了|用掉|花了|花|多少|是|了|吗|呢|够不够|够|情况|怎么样"
                  r"|如何|的|[?？]", "", s)
    got = _parts(body, lex, speaker, ahead=False)
    if got is None or isinstance(got, commands.Clarify):
        return None
    period, start, every, where, who, goods = got
    if who is not None or goods is not None:
        return None
    return commands.Parsed(commands.BudgetQuery(day=start if start is not None and not every else None,
                                                location=where))


def _first(period: str, day: date) -> date:
    """The first day of the ``period`` that holds ``day`` (domain/targets.py's reckoning)."""
    return targets.span(period, day)[0]


_Parts = tuple[str | None, date | None, bool, str | None, str | None, tuple[str, str] | None]


def _parts(what: str, lex: lexicon.Lexicon, speaker: context.Speaker, *, ahead: bool
           ) -> _Parts | commands.Clarify | None:
    """(period, its first day, every one, store ("*": the company), seller, goods) a target is said of; None: words
    that are not a target's."""
    today = speaker.now.date()
    period, start, every = None, None, False
    m = _PERIOD.search(what)
    if m is not None:
        when = _period(m, today, ahead=ahead)
        if when is None:
            return commands.Clarify("bad_day", detail=m.group(0))
        period, start, every = when
        what = what[:m.start()] + " " + what[m.end():]
    where: str | None = None
    if _COMPANY.search(what):
        where, what = "*", _COMPANY.sub(" ", what)
    who: str | None = None
    if _ME.search(what):
        who, what = speaker.user.username, _ME.sub(" ", what)
    found = lex.scan(what, [True] * len(what))
    free = list(what)
    goods: tuple[str, str] | None = None
    products = [e for e in found if e.kind == "product"]
    for e in found:
        if e.kind in ("location", "user") and len(e.codes) == 1 or (
                e.kind == "product" and len(e.codes) == 1 and len(products) == 1):
            if e.kind == "location":
                where = e.codes[0]
            elif e.kind == "user":
                who = e.codes[0]
            else:   # (the product's name taken whole: the filler words never eat into it)
                goods = ("sku", e.codes[0])
            free[e.start:e.end] = [" "] * (e.end - e.start)
    rest = _FILLER.sub("", "".join(free))
    if rest and goods is not None:
        return commands.Clarify("unknown_product", mention=rest) if ahead else None
    if rest:
        got = scan.goods_scope(rest, lex, re.compile(r"^(?:所有|全部|全场)?(?:的)?(?:商品|产品|货)?$"))
        if isinstance(got, commands.Clarify):   # (a target set of goods unknown is asked; words asked after: not ours)
            return got if ahead else None
        goods = got
    return period, start, every, where, who, goods


def _period(m: re.Match[str], today: date, *, ahead: bool) -> tuple[str, date | None, bool] | None:
    """(period, its first day, every one) a match of ``_PERIOD`` means; a month named alone is the next one of that
    number for a target set (``ahead``: 1月 said in December), the last one for one asked after. None: no such month."""
    if m.group("every"):
        word = re.sub(r"(?:星期|礼拜)", "周", m.group("every"))
        return _EVERY.get(word, _EVERY.get(word.replace("个", ""), "month")), None, True
    if m.group("y"):
        month = int(m.group("ym"))
        return ("month", date(int(m.group("y")), month, 1), False) if 1 <= month <= 12 else None
    rel = m.group("rel")
    if rel:
        if re.fullmatch(r"本月份?|这个?月|当月", rel):
            return "month", _first("month", today), False
        if re.fullmatch(r"下个?月", rel):
            return "month", _first("month", _first("month", today) + timedelta(days=31)), False
        if re.fullmatch(r"上个?月", rel):
            return "month", _first("month", _first("month", today) - timedelta(days=1)), False
        if re.fullmatch(r"本周|这周|这个?星期|这个?礼拜", rel):
            return "week", _first("week", today), False
        if re.fullmatch(r"下周|下个?星期|下个?礼拜", rel):
            return "week", _first("week", today) + timedelta(days=7), False
        if re.fullmatch(r"上周|上个?星期|上个?礼拜", rel):
            return "week", _first("week", today) - timedelta(days=7), False
        if rel in ("今天", "今日"):
            return "day", today, False
        if rel == "明天":
            return "day", today + timedelta(days=1), False
        if rel == "昨天":
            return "day", today - timedelta(days=1), False
        year = today.year + (1 if rel == "明年" else -1 if rel == "去年" else 0)
        return "year", date(year, 1, 1), False
    said = m.group("m")
    month = int(said) if said.isdigit() else _CN_MONTH.get(said, 0)
    if not 1 <= month <= 12:
        return None
    # (a month gone by more than half a year is next year's: 1月 said in December; 5月 said in June is past)
    year = today.year + (1 if ahead and today.month - month > 6 else -1 if not ahead and month > today.month else 0)
    return "month", date(year, month, 1), False


def _amount(n: str, unit: str, period: str, start: date | None, where: str | None, who: str | None,
            goods: tuple[str, str] | None, lex: lexicon.Lexicon, s: str) -> commands.Parsed | commands.Clarify:
    """The target of ``n`` said with ``unit``: yuan (万 · 千 · 元 · 块, or nothing), else the product's units."""
    value = numbers.value(n)
    if value is None or value <= 0:
        return commands.Clarify("bad_target", detail=s)
    if unit.startswith("万"):
        value, unit = value * 10000, "元"
    elif unit.startswith("千"):
        value, unit = value * 1000, "元"
    sku_goods = goods if goods is not None and goods[0] == "sku" else None
    base = (goods or ("all", "*"))
    if unit in ("", "元", "块", "块钱"):
        return commands.Parsed(commands.SetTarget(period, start, units.normalize(Decimal(value)), location=where,
                                                  user=who, goods=base[0], key=base[1]))
    if sku_goods is None:   # (全场目标卖100个: units of no one product)
        return commands.Clarify("bad_target", detail=s)
    p = lex.product(sku_goods[1])
    try:
        qty = p.to_base(Decimal(value), unit)
    except errors.DomainError:
        return commands.Clarify("unit_mismatch", mention=p.name, detail=unit)
    return commands.Parsed(commands.SetTarget(period, start, units.normalize(qty), qty=True, location=where, user=who,
                                              goods="sku", key=sku_goods[1]))
