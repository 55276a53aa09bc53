"""Rules and reminders typed in English (notify me when 可乐 stock is below 50 · if takings today are below 1000 tell
me · remind me tomorrow at 9 to call 张记 · list my rules · pause rule 3), rewritten into the Chinese the rule grammar
reads (当可乐库存低于50时提醒我 …). ``english`` runs these after the goods' names are Chinese."""
from __future__ import annotations

import re
from collections.abc import Callable

_N = r"\d+(?:\.\d+)?"
# whom a rule tells, and the Chinese the grammar names them by
_WHOM = {"me": "我", "us": "我", "the purchaser": "采购员", "purchaser": "采购员", "the buyer": "采购员", "buyer": "采购员",
         "purchasing": "采购员", "the manager": "店长", "manager": "店长", "the store manager": "店长",
         "store manager": "店长", "the owner": "老板", "owner": "老板", "the boss": "老板", "boss": "老板"}
_WHO = "|".join(sorted((re.escape(k) for k in _WHOM), key=len, reverse=True))
_ACT = r"(?:notify|tell|alert|remind|message|ping|warn|inform|text)"
_UNDER = r"(?:is |are |falls? |drops? |goes |gets |runs? )?(?:below|under|less than|lower than|fewer than|<)"
_OVER = r"(?:is |are |goes |gets |rises? )?(?:above|over|more than|higher than|exceeds?|>)"
_TAKINGS = r"(?:takings|revenue|sales|turnover|income)"
# the days said in English, and the Chinese the grammar reads (``english`` uses these too)
WHEN = {"this month": "本月", "next month": "下个月", "this week": "本周", "next week": "下周", "today": "今天",
        "this year": "今年", "every month": "每月"}
WEEKDAYS = (("monday", "周一"), ("tuesday", "周二"), ("wednesday", "周三"), ("thursday", "周四"), ("friday", "周五"),
            ("saturday", "周六"), ("sunday", "周日"))
_WEEKDAY = "|".join(en for en, _ in WEEKDAYS)
_SPAN = "today|this week|this month"   # (a takings rule's)


def _condition(said: str) -> str | None:
    """One condition, or several joined by and / or, in the grammar's words; None when one is not understood."""
    parts = re.split(r"\s+(and|or)\s+", said.strip())
    out = []
    for i, part in enumerate(parts):
        if i % 2:
            out.append("且" if part == "and" else "或")
            continue
        zh = _one(part)
        if zh is None:
            return None
        out.append(zh)
    return "".join(out)


def _one(part: str) -> str | None:
    m = re.fullmatch(rf"(?:(?P<span>{_SPAN})'?s? )?{_TAKINGS}(?: (?P<span2>{_SPAN}))? (?P<op>{_UNDER}|{_OVER}) ¥?(?P<n>{_N})"
                     r"(?: ?(?:yuan|rmb|元|块))?", part)
    if m is not None:   # takings today are below 1000
        span = WHEN[m.group("span") or m.group("span2") or "today"]
        return f"{span}营业额{'低于' if re.fullmatch(_UNDER, m.group('op')) else '超过'}{m.group('n')}"
    m = re.fullmatch(rf"(?P<x>.+?)(?:'s)?(?: (?:stock|inventory|on hand|level))? (?P<op>{_UNDER}|{_OVER}) "
                     rf"(?:(?:the |its )?(?P<safety>safety (?:stock|level))|(?P<n>{_N})(?: ?(?P<u>\S+))?)", part)
    if m is not None:   # 可乐 stock is below 50 · 可乐 falls under the safety stock
        what = m.group("x").removeprefix("the ")
        level = "安全库存" if m.group("safety") else f"{m.group('n')}{m.group('u') or ''}"
        return f"{what}库存{'低于' if re.fullmatch(_UNDER, m.group('op')) else '高于'}{level}"
    m = re.fullmatch(rf"(?:anyone|someone|somebody|a customer|one customer|any customer|we) (?:sells?|sold|buys?|bought)"
                     rf" (?:more than|over) (?P<n>{_N}) ?(?P<u>[a-z]+ of )?(?P<x>.+?) (?:at once|in one (?:go|sale|order))"
                     r"|(?:a single|one|any single) sale of (?P<x2>.+?) (?:is |goes )?(?:more than|over|above) (?P<n2>\d+(?:\.\d+)?)"
                     r"(?: ?(?P<u2>[a-z]+))?", part)
    if m is not None:   # anyone sells more than 10 cases of 可乐 at once: one sale's quantity
        unit = (m.group("u") or "").removesuffix(" of ") or m.group("u2") or ""
        return f"一次卖超过{m.group('n') or m.group('n2')}{unit}{m.group('x') or m.group('x2')}"
    m = re.fullmatch(r"there (?:is|are) (?:a |any )?bookings? (?:in|within) the next (?P<h>\d+) hours?", part)
    if m is not None:   # there is a booking in the next 24 hours
        return f"未来{m.group('h')}小时有预定"
    return None


def _rule(m: re.Match[str]) -> str:
    cond = _condition(m.group("cond"))
    who = m.group("who1") or m.group("who2") or m.group("who3")
    if cond is None or who is None:
        return m.group(0)   # (left as said: not understood, and said so)
    cc = f"并抄送{_WHOM[m.group('cc')]}" if m.group("cc") else ""
    return f"当{cond}时提醒{_WHOM[who]}{cc}"


_CLOCK = r"(?P<h>\d{1,2})(?::(?P<min>\d{2}))? ?(?P<ap>am|pm|a\.m\.|p\.m\.)?"


def _when(said: str) -> str | None:
    """tomorrow morning · tomorrow at 9 · at 3 pm · every monday at 8am · every morning at 8: the days and the time in
    Chinese."""
    m = re.fullmatch(rf"(?:on )?(?:(?P<day>today|tomorrow|tonight|every day|daily|every(?= (?:morning|afternoon|evening|night))"
                     rf"|(?P<every>every |this |next )?"
                     rf"(?P<wd>{_WEEKDAY})))?\s*"
                     rf"(?P<part>morning|afternoon|evening|night)?\s*(?:(?:at )?(?P<noon>noon|midday)|(?:at )?{_CLOCK})?",
                     said.strip())
    if m is None or not any(m.group(k) for k in ("day", "part", "h", "noon")) or (
            m.group("h") and not m.group("ap") and not m.group("part") and " at " not in f" {said} "):
        return None   # (a bare number is no time: for 20)
    every = {"every ": "每", "next ": "下", "this ": "这", None: ""}[m.group("every")]
    day = {"today": "今天", "tomorrow": "明天", "tonight": "今天晚上", "every day": "每天", "daily": "每天", "every": "每天"}.get(
        m.group("day") or "", f"{every}{dict(WEEKDAYS)[m.group('wd')]}" if m.group("wd") else "")
    ap = (m.group("ap") or "").replace(".", "")
    part = {"morning": "早上", "afternoon": "下午", "evening": "晚上", "night": "晚上"}.get(m.group("part") or "", "")
    if not part and ap:
        part = "上午" if ap == "am" else "下午" if int(m.group("h")) < 6 else "晚上"
    clock = f"{m.group('h')}点" + (f"{int(m.group('min'))}分" if m.group("min") and int(m.group("min")) else "") \
        if m.group("h") else ""
    if m.group("noon"):
        part, clock = "中午", "12点"
    return f"{day}{part}{clock}"


def _remind(m: re.Match[str]) -> str:
    when = _when(m.group("when"))
    return f"{when}提醒{_WHOM[m.group('who')]}{m.group('what')}" if when else m.group(0)


def _booked(m: re.Match[str]) -> str:
    when = _when(m.group("when"))
    if when is None:
        return m.group(0)
    goods = f",要{m.group('goods')}" if m.group("goods") else ""
    who = m.group("who") or ""
    return f"{when}{who}{m.group('n')}人包桌{goods}" if m.group("n") else f"{when}{who}包桌{goods}"


def _moved(m: re.Match[str]) -> str:
    when = _when(m.group("when"))
    what = _when(m.group("what") or "") if m.group("what") else None
    whose = f"{m.group('who')}的预约" if m.group("who") else f"{what}的预定" if what else ""
    return f"{whose}改到{when}" if when and whose else m.group(0)


_DAY = rf"today|tomorrow|tonight|this week|next week|(?:this |next )?(?:{_WEEKDAY})"


def day_zh(said: str) -> str:
    """A day said in English (tomorrow · thursday · next week) in the grammar's Chinese; as said when not a day."""
    return WHEN.get(said) or _when(said) or said


WORDS: list[tuple[str, str | Callable[[re.Match[str]], str]]] = [
    # bookings (book a table for 20 tomorrow at 6pm · a party of 8 on saturday at noon, 20 cokes · 王总 booked a table
    # for 10 friday at 7pm · what bookings do we have this week · move 张女士's booking to friday · cancel tomorrow's
    # bookings)
    (r"^(?:(?P<who>\S+) )?(?:booked|books|book|reserved?|reserves) (?:a |two |\d+ )?(?:tables?|rooms?|a private room)"
     r"(?: for (?P<n>\d+)(?: people| guests| persons)?)? (?P<when>.+?)(?:,\s*(?:needs? |wants? |with )?(?P<goods>.+))?$",
     _booked),
    (r"^(?:an? )?(?:party|banquet|group|dinner|lunch) (?:of|for) (?P<n>\d+)(?: people| guests)? (?P<when>.+?)"
     r"(?:,\s*(?:needs? |wants? |with )?(?P<goods>.+))?$(?P<who>)", _booked),
    (rf"^(?:what|which|any) (?:bookings|reservations)(?: do we have| are there| have we got)?(?: (?P<d>{_DAY}))?\??$",
     lambda m: f"{day_zh(m.group('d') or 'this week')}的预定有哪些"),
    (rf"^(?:(?P<d>{_DAY})'s )?(?:bookings|reservations)(?: (?P<d2>{_DAY}))?\??$",
     lambda m: f"{day_zh(m.group('d') or m.group('d2') or 'this week')}的预定有哪些"),
    (rf"^cancel (?:(?P<d>{_DAY})'s |the )?(?:bookings?|reservations?|tables?)(?: (?:for |on )?(?P<d2>{_DAY}))?$",
     lambda m: f"取消{day_zh(m.group('d') or m.group('d2') or 'today')}的包桌"),
    (r"^(?:move|reschedule|change) (?:(?P<who>\S+?)'s (?:booking|reservation|appointment)|(?P<what>\S+?)'s (?:bookings|tables))"
     r" to (?P<when>.+)$", _moved),
    # a rule (notify me when 可乐 stock is below 50 · when 可乐 is under 50 bottles, tell the purchaser and cc the manager ·
    # if takings today are below 1000 let me know)
    (rf"^(?:{_ACT} (?P<who1>{_WHO}) )?(?:when|if|whenever|once) (?P<cond>.+?)"
     rf"(?:,? (?:then )?(?:{_ACT} (?P<who2>{_WHO})|let (?P<who3>me|us) know))?"
     rf"(?:,? (?:and )?(?:cc|copy) (?P<cc>{_WHO}))?[.!]?$",
     _rule),
    # a reminder (remind me tomorrow at 9 to call 张记 · remind the purchaser every monday at 8am to order milk)
    (rf"^remind (?P<who>{_WHO}) (?P<when>.+?) to (?P<what>.+)$", _remind),
    # rules kept (list my rules · my rules · pause rule 3 · resume rule 3 · delete rule 3)
    (r"^(?:list|show)(?: me)? (?:my |all |the )?(?:rules|reminders)$|^my (?:rules|reminders)$", "我的规则"),
    (r"^(?P<v>pause|resume|delete|remove|turn off|turn on|disable|enable) rule #?(?P<id>\d+)$",
     lambda m: {"pause": "暂停", "turn off": "暂停", "disable": "暂停", "resume": "恢复", "turn on": "恢复",
                "enable": "恢复", "delete": "删除", "remove": "删除"}[m.group("v")] + f"规则{m.group('id')}"),
]

