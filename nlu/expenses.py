"""Running costs said in the chat (domain/expenses.py): 交房租5000 · 付了电费800 · 昨天交了物业费1200 · 南山店工资
30000 · 费用:打印纸50元 (one kept); 这个月的费用 · 上个月开支多少 · 这个月电费多少 (asked). A freight charge is the
receipt's (运费 · 快递费: nlu.parser), never a cost of its own here."""
from __future__ import annotations

import re
from decimal import Decimal

from domain import commands, expenses, units
from nlu import context, dates, lexicon, numbers, tenders

_WORDS = "|".join(sorted(expenses.WORDS, key=len, reverse=True))
HINT = re.compile(rf"{_WORDS}|费用|开支|支出|开销|花了|花费|花掉|花销|花在|花哪|钱箱|收银台|收银机|钱柜|抽屉|柜台|"
                  + expenses.EQUIPMENT.pattern)
_PAID = r"(?:交|付|缴|支付|给|花|发|结)了?"
_AMOUNT = rf"(?:是|共|一共|合计|:)?\s*(?P<v>{numbers.NUMBER})\s*(?P<k>万|千)?\s*(?:元|块钱?|块)?"
_SPAN = r"(?:这个月|本月|上个月|上月|今天|昨天|前天|这周|本周|上周)?的?"
# 交房租5000 · 付了电费800 · 房租交了5000 · 工资30000 · 这个月的房租5000
_KEPT = (re.compile(rf"{_PAID}{_SPAN}(?P<cat>{_WORDS}){_AMOUNT}了?"),
         re.compile(rf"{_SPAN}(?P<cat>{_WORDS})(?:{_PAID})?{_AMOUNT}了?"))
# 费用:打印纸50元 · 记一笔费用,打印纸50 · 开支:买拖把35
_NOTED = re.compile(rf"(?:记一?笔)?(?:费用|开支|支出|开销)\s*[:,]?\s*(?:买了?)?(?P<note>[^\d,;]{{1,12}}?)\s*{_AMOUNT}")
_ASKED = re.compile(rf"(?P<cat>{_WORDS})?(?:的)?(?:费用|开支|支出|开销)?(?:花了|交了|付了|是|一共|总共|合计)?"
                    r"(?:多少|几多|明细|清单|有哪些|情况|汇总|统计)|(?:费用|开支|支出|开销)$")
_LEAD = re.compile(r"^(?:请|帮我)?(?:记一下|记录)?")
# how it was paid, said after it (…,现金 · …,微信付的 · …,用现金付的 · …,现金付款)
_PAID_HOW = re.compile(rf"[,,;;\s]*(?:用|是|走)?(?P<m>{tenders.WITH})(?:付款|支付|付的?|结的?|转账|转的?|扫码|出的?)?(?:的)?$")
# 从钱箱拿了50买打印纸 · 收银台拿了30块买拖把 · 从钱柜里拿了20去买冰: a cost paid in cash out of the till
_FROM_TILL = re.compile(rf"(?:从)?(?:钱箱|收银台|收银机|钱柜|抽屉|柜台)(?:里|里面)?(?:拿了?|取了?|支了?|出了?)\s*(?P<v>{numbers.NUMBER})"
                        r"\s*(?P<k>万|千)?\s*(?:元|块钱?|块)?(?:钱)?[,,\s]*(?:去)?(?:买了?|交了?|付了?)?(?P<note>[^\d,;]{1,12})")
_FILLER = re.compile(r"(?:今天|昨天|这个月|本月|一共|总共|共|总计|合计|我们|咱们|店里|公司|又|还|也|都|的|钱|了|我)*")
# 买打印纸花了50 · 打印纸花了50块: what it was for, and what it cost
_BOUGHT = re.compile(rf"(?:买了?)?(?P<note>[^\d,;]{{1,12}}?)(?:花了|花费了?|花掉了?)\s*(?P<v>{numbers.NUMBER})\s*(?P<k>万|千)?\s*(?:元|块钱?|块)?")
# 买了个新冰箱,3500 · 新买了一台冰箱3500元 · 换了台咖啡机,花了8000: equipment bought for the store's own use
_EQUIPMENT_BOUGHT = re.compile(
    r"(?:新|又|刚)?(?:买|换|添|置办|购置|购买)了?(?:一)?(?:个|台|套|张|把|组)?(?:新的?)?"
    rf"(?P<note>[^\d,;]{{0,6}}?(?:{expenses.EQUIPMENT.pattern})[^\d,;]{{0,4}}?)[,,\s]*(?:花了|共|一共|是)?\s*"
    rf"(?P<v>{numbers.NUMBER})\s*(?P<k>万|千)?\s*(?:元|块钱?|块)?")
# 这个月花了多少钱 · 一共花了多少 · 总支出多少 · 钱都花哪了: the goods that came in and the running costs together
_SPENT = re.compile(r"(?:我们|咱们|店里|公司)?(?:的)?(?:钱)?(?:一共|总共|总计|合计|共)?(?:花了|花费了?|花掉了?|花销)(?:多少钱?|几多钱?|是多少)"
                    r"|(?:我们|咱们|店里|公司)?(?:的)?总(?:支出|花费|开销|开支|花销)(?:是|有)?(?:多少钱?)?"
                    r"|(?:我们|咱们|店里|公司)?(?:的)?钱(?:都)?花(?:在)?(?:哪|哪儿|哪里|什么地方)(?:了|去了)?")


def said(s: str, lex: lexicon.Lexicon, speaker: context.Speaker) -> commands.Parsed | commands.Clarify | None:
    """The cost kept or the costs asked after; None: neither (a message with goods in it is about the goods)."""
    found = lex.scan(s, [True] * len(s))
    if any(e.kind in ("product", "partner", "user") for e in found):
        return None
    places = [e for e in found if e.kind == "location"]
    if len(places) > 1 or places and len(places[0].codes) != 1:
        return None
    where = places[0].codes[0] if places else None
    rest = s if not places else s[:places[0].start] + s[places[0].end:]
    said_day = dates.find(rest, speaker.now)
    bare = _LEAD.sub("", rest.strip(" ,.!~。"))
    if said_day is not None:
        bare = _LEAD.sub("", (rest[:said_day.start] + rest[said_day.end:]).strip(" ,.!~。"))
    month = dates.MONTH_SAID.match(bare)   # 9月的费用 · 5月电费多少: that month
    body = re.sub(r"^(?:这个月|本月|上个月|上月|今天|昨天|这周|本周|上周|今年|最近\S{1,4}|近\S{1,4})?的?", "",
                  bare[month.end():].lstrip("的") if month else bare).strip(" ?？吗呢啊")
    asked = _ASKED.fullmatch(body)
    spent = _SPENT.fullmatch(body) if asked is None else None
    if asked is not None or spent is not None:
        today = speaker.now.date()
        span = dates.month_span(month, today) if month is not None else None
        if month is not None and span is None:
            return commands.Clarify("bad_day", detail=month.group(0))
        first, last = span or dates.past_span(rest, speaker.now) or (today.replace(day=1), today)
        word = asked.group("cat") if asked is not None else None
        return commands.Parsed(commands.ExpenseQuery(first, last, expenses.category_of(word) if word else None, where,
                                                     goods=spent is not None))
    how = _PAID_HOW.search(bare)
    method = tenders.PAID_WITH[how.group("m")] if how is not None and how.start() > 0 else None
    if method is not None and how is not None:   # (…,现金: how it was paid, not what it was for)
        bare = bare[:how.start()]
    till = _FROM_TILL.fullmatch(bare)
    if till is not None:   # 从钱箱拿了50买打印纸: paid in cash, out of the till
        method = tenders.PAID_WITH["现金"]
    kept = _KEPT[0].fullmatch(bare) or _KEPT[1].fullmatch(bare) if till is None else None
    noted = _NOTED.fullmatch(bare) or _EQUIPMENT_BOUGHT.fullmatch(bare) or _BOUGHT.fullmatch(bare) \
        if kept is None and till is None else None
    m = kept or noted or till
    if m is None or (m is not kept and _FILLER.fullmatch(m.group("note").strip())):   # (一共花了300: no cost named)
        return None
    value = numbers.scaled(m.group("v"), m.group("k"))
    if value is None or value <= 0 or units.too_large(value) or value != value.quantize(Decimal("0.01")):
        return commands.Clarify("bad_amount", detail=m.group(0).strip())
    day = said_day.when.date() if said_day is not None else None
    if said_day is not None and day is not None and day > speaker.now.date():   # (a cost to come is no cost yet)
        return commands.Clarify("expense_future", detail=rest[said_day.start:said_day.end])
    if kept is not None:
        word = kept.group("cat")
        return commands.Parsed(commands.RecordExpense(units.normalize(value), expenses.category_of(word), word, day,
                                                      where, method))
    note = m.group("note").strip()
    return commands.Parsed(commands.RecordExpense(units.normalize(value), expenses.category_of(note), note, day, where,
                                                  method))
