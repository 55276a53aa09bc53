"""Payment terms and what is open against them, said in the chat: 团餐账期30天 · 张记月结60天 · 团餐现结 (a partner's
terms) · 应收账龄 · 哪些客户逾期了 · 这周要付哪些货款 · 团餐的货款什么时候到期 (what is open) · 团餐5月的对账单 · 和张记对账
(a statement) · 团餐期初欠款5000,是5月20日的 (what was owed before the books began)."""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from domain import commands, periods, units
from nlu import context, dates, intents, lexicon, numbers

# payment terms and what is open against them (团餐账期30天 · 张记月结60天 · 团餐现结 · 应收账龄 · 哪些客户逾期了 ·
# 这周要付哪些货款 · 团餐的货款什么时候到期); 牛奶什么时候到期 is the goods' expiry, 月结 alone the books
HINT = re.compile(r"账期|月结|现结|现款现货|货到付款|款到发货|账龄|逾期|超期|付款方式|结算方式|结款方式|结算周期|付款周期"
                  r"|对账|对一下账|对下账|往来明细|往来账|账目明细|期初|以前欠|之前欠|原来欠|原先欠|老账|旧账|上线前"
                  r"|(?:货款|款|账|应收|应付)\S{0,8}到期|到期\S{0,4}(?:货款|应收|应付|的款|的账)"
                  r"|(?:要|该|得|需要)(?:付|收|结)(?:哪些|多少|的|给)?\S{0,4}?(?:货款|款|钱)"
                  r"|(?:什么时候|啥时候|哪天|何时)(?:要|该|得)?(?:付|收|结|还)")
_OPENING = re.compile(rf"(?:期初|以前|之前|原来|原先|上线前|老账|旧账)(?:的)?(?:还|一共|共)?(?:欠款|欠账|欠(?:我们|咱们|我)?(?:的)?(?:钱|货款|款)?|(?<=账)"
                      rf"|应收(?:款|账款)?|应付(?:款|账款)?|余额)(?:是|为|有|还有|:)?\s*(?P<v>{numbers.NUMBER})\s*(?P<k>万|千)?"
                      r"\s*(?:元|块钱?)?")
_STATEMENT = re.compile(r"对账|对一下账|对下账|往来明细|往来账|账目明细")
_STATEMENT_FILE = re.compile(r"发(?:个|一份|份)?(?:文件|表)|打印")
_DUES_RULE = re.compile(r"发给|发我|给我发|提醒|通知|告诉")
_DUES_LEAD = re.compile(r"(?:请|帮我)?(?:把|将|给|跟|和)?")
TERMS_SET = re.compile(r"(?:的)?(?:以后|今后|从现在起|从今天起|从下个月起)?(?:的)?"
                       r"(?:账期|付款期|付款周期|结算周期|结款周期|回款周期|付款方式|结算方式|结款方式)?(?:都|就|一律)?"
                       r"(?:是|为|改成|改为|设为|设成|定为|调整为|调成|变成|改|按|走|用)?\s*"
                       r"(?:(?P<cash>现结|现款现货|现金结算?|货到付款|款到发货|当场结清?)"
                       r"|(?P<month>月结)\s*(?P<mdays>\d{1,3}|[一二三四五六七八九十百零]{1,4})?\s*天?"
                       r"|(?P<days>\d{1,3}|[一二三四五六七八九十百零]{1,4})\s*天(?:账期|付款|结账|结款|回款)?)(?:了|吧|啊)?")
_DUES_ASKED = re.compile(r"多少|几天|几号|哪天|哪些|哪几|什么时候|啥时候|何时|吗|没有|么|呢|[??]|有谁|谁")
_DUES_VIEW = re.compile(r"账龄|逾期|超期|到期|账期")
_DUES_PAYABLE = re.compile(r"应付|付给|(?:要|该|得|需要)付|欠供应商|供应商|我们欠|付款")
_DUES_RECEIVABLE = re.compile(r"应收|(?:要|该|得|需要)收|回款|客户|收款")
_DUES_OVERDUE = re.compile(r"逾期|超期|过了账期|超过账期")
_DUES_DUE = re.compile(r"到期|(?:要|该|得|需要)(?:付|收|结)|(?:什么时候|啥时候|哪天|何时)(?:付|收|结|还)")
_DUES_SPAN = re.compile(r"(?P<n>\d{1,3}|[一二三四五六七八九十]{1,3})天(?:内|之内|以内)|今天|明天|(?:这|本|下)个?(?:周|星期|礼拜)|(?:这|本)个?月")


def said(s: str, lex: lexicon.Lexicon, speaker: context.Speaker) -> commands.Parsed | commands.Clarify | None:
    """团餐账期30天 · 张记月结60天 · 团餐现结 (a partner's payment terms, a manager's); 应收账龄 · 哪些客户逾期了 ·
    这周要付哪些货款 · 团餐的货款什么时候到期 (what is open against them); None: neither (月结 alone closes the books;
    团餐拿了可乐1箱,现结 is a sale paid on the spot)."""
    if _DUES_RULE.search(s) or intents.STOCK_AGE.search(s):   # (每天…发给我: a rule; 库存账龄: the stock's age)
        return None
    found = lex.scan(s, [True] * len(s))
    if any(e.kind in ("product", "location", "user") for e in found):
        return None
    named = [e for e in found if e.kind == "partner"]
    if len(named) > 1 or named and len(named[0].codes) != 1:
        return None
    code = named[0].codes[0] if named else None
    opening = _OPENING.search(s[:named[0].start] + s[named[0].end:]) if code is not None else None
    if opening is not None and code is not None:   # 团餐期初欠款5000,是5月20日的 · 我们期初欠张记3000
        value = numbers.scaled(opening.group("v"), opening.group("k"))
        if value is None or value <= 0 or units.too_large(value) or value != value.quantize(Decimal("0.01")):
            return commands.Clarify("bad_amount", detail=opening.group(0).strip())
        said_day = dates.find(s, speaker.now)
        day = said_day.when.date() if said_day is not None else None
        if said_day is not None and day is not None and day > speaker.now.date():   # (as of a day to come: no)
            return commands.Clarify("opening_future", detail=s[said_day.start:said_day.end])
        return commands.Parsed(commands.RecordPayment(code, units.normalize(value), opening=True, day=day))
    if code is not None and _STATEMENT.search(s):   # 团餐6月的对账单 · 和张记对账 · 导出团餐上个月的对账单
        today = speaker.now.date()
        named_days = dates.asked_span(s, speaker.now)   # 5月的对账单: that month (this year's, else last year's)
        if isinstance(named_days, str):
            return commands.Clarify("bad_day", detail=named_days)
        first, last = named_days or (today.replace(day=1), today)
        if intents.EXPORT.search(s) or _STATEMENT_FILE.search(s):
            return commands.Parsed(commands.Export("statement", first, last, partner=code))
        return commands.Parsed(commands.OwedQuery(lex.partners[code].kind.value, "statement", partner=code,
                                                  start=first, until=last))
    asked = _DUES_ASKED.search(s) is not None
    if code is not None and not asked and _DUES_LEAD.fullmatch(s[:named[0].start]):
        m = TERMS_SET.fullmatch(s[named[0].end:].strip(" ,.!~。"))
    else:
        m = None
    if m is not None and code is not None:
        said = m.group("days") or m.group("mdays")
        days = 0 if m.group("cash") else int(numbers.value(said) or -1) if said else 30
        if not 0 <= days <= 365:
            return commands.Clarify("bad_terms", detail=s)
        return commands.Parsed(commands.SetPartner(code, "payment_terms", Decimal(days),
                                                   monthly=m.group("month") is not None))
    if not asked and not _DUES_VIEW.search(s):
        return None
    if code is not None:   # 团餐的账龄 · 团餐的货款什么时候到期 · 团餐账期多少天 · 欠张记的钱什么时候要付
        return commands.Parsed(commands.OwedQuery(lex.partners[code].kind.value, "detail", partner=code))
    supplier = _DUES_PAYABLE.search(s) is not None
    if "账龄" in s:
        return commands.Parsed(commands.OwedQuery("supplier" if supplier else "customer", "aging"))
    if _DUES_OVERDUE.search(s):
        return commands.Parsed(commands.OwedQuery("supplier" if supplier else "customer", "overdue"))
    if not _DUES_DUE.search(s):
        return None
    today = speaker.now.date()
    span = _DUES_SPAN.search(s)
    until = today + dt.timedelta(days=7)
    if span is not None and span.group("n"):
        until = today + dt.timedelta(days=int(numbers.value(span.group("n")) or 7))
    elif span is not None:
        word = span.group(0)
        until = (today if "今" in word else today + dt.timedelta(days=1) if "明" in word
                 else periods.month_end(today.year, today.month) if "月" in word
                 else today + dt.timedelta(days=13 - today.weekday()) if "下" in word
                 else today + dt.timedelta(days=6 - today.weekday()))
    receivable = _DUES_RECEIVABLE.search(s) is not None
    return commands.Parsed(commands.OwedQuery("customer" if receivable and not supplier else "supplier", "due",
                                              until=until))
