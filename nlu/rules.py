"""Rules written in Chinese → ``RuleDraft`` against the catalog in ``domain.rules``.

当可乐库存低于50瓶时提醒陈采购 · 鸡蛋少于两板的时候通知我 · 草鱼要是连续3天没卖出去就提醒我 ·
每天早上7点把今日备货清单发给我 · … A clause that matches no pattern is reported back
(``Clarify("rule_unsupported", detail=clause)``): never a silently wrong rule.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

from domain import commands, errors, units
from domain import rules as drules
from nlu import context, dates, lexicon, numbers, scan

_N = numbers.NUMBER
_CONDITION_WORDS = re.compile(r"当|的时候|要是|如果|一旦|只要|每天|每日|每周|每星期|每个?月|每逢|工作日|低于|少于|高于|超过|不足|连续|以下|小于|大于"
                              r"|不到|<|>|≤|≥|没卖|降雨|下雨|气温|温度|安全库存|安全线"
                              r"|到期|过期|临期|卖完|用完|卖光|用光|没货|断货|缺货|售罄|为负|负数|负的|为零|为0|归零|等于零|等于0"
                              # 鸡蛋快没了提醒我 (said before whom to tell: 通知陈采购:鸡蛋快没了 passes the news on)
                              r"|(?:快没了?|不够(?:了|用)?的?时)(?=.*(?:提醒|通知|告诉|发给|发我))")
_ACTION_WORDS = re.compile(r"提醒|通知|抄送|告诉|发给|发我|推送|调拨|补货|提升|提高|上调|降低|下调|转人工|人工审核|说一声"
                           r"|发个?(?:消息|信息|微信|短信)"
                           r"|采购申请|采购单|自动采购|自动下单")
ACTION_START = re.compile(r"(?:自动)?(?:向|给)[^,,]{1,8}?(?:发送)?(?:提醒|通知|告诉|推送)|(?:自动)?(?:提醒|通知|告诉|推送)|抄送|(?:自动)?从|(?:自动)?调拨"
                          r"|(?:自动)?(?:生成|创建|提交|发起)|自动(?:补货|采购|下单)|(?:自动)?(?:提升|提高|增加|上调|降低|下调)"
                          r"|转人工|(?:自动)?把|补货|发个?(?:消息|信息|微信|短信)给|(?:给|向)[^,,]{1,8}?发个?(?:消息|信息|微信|短信)"
                          r"|(?:跟|和)[^,,]{1,8}?说一声")
OPS = [("不超过", "le"), ("不高于", "le"), ("不少于", "ge"), ("不低于", "ge"), ("低于", "lt"), ("少于", "lt"),
       ("小于", "lt"), ("不足", "lt"), ("不到", "lt"), ("跌破", "lt"), ("<=", "le"), ("≤", "le"), ("<", "lt"),
       ("高于", "gt"), ("多于", "gt"), ("大于", "gt"), ("超过", "gt"), (">=", "ge"), ("≥", "ge"), (">", "gt"),
       ("至少", "ge"), ("等于", "eq"), ("=", "eq")]
_OP = "|".join(re.escape(o) for o, _ in OPS)
_OP_CODE = dict(OPS)
REPORTS = {"今日备货清单": "prep_list", "备货清单": "prep_list", "备货单": "prep_list", "今日备货单": "prep_list",
           "备货建议": "prep_list", "今日备货": "prep_list",
           **dict.fromkeys(("今日小结", "小结", "每日小结", "日报", "销售日报", "营业日报", "今日销售", "销售小结",
                            "报表", "今日报表", "营业报表", "每日报表"),
                           "evening_summary"),
           **dict.fromkeys(("库存日报", "库存报告", "库存报表", "库存表", "库存清单", "库存情况", "今日库存", "库存"),
                           "stock_report"),
           **dict.fromkeys(("本周销量", "上周销量", "一周销量", "周销量", "每周销量", "销售周报", "周报", "本周销售",
                            "上周销售", "销量周报", "销量排行", "销量"), "sales_week"),
           **dict.fromkeys(("今日报损", "报损", "损耗", "报损汇总", "报损情况", "报损明细", "今日损耗", "损耗报告"),
                           "loss_report"),
           **dict.fromkeys(("今日用量", "用量", "消耗", "用量汇总", "消耗情况", "今日消耗", "原料用量"), "usage_report"),
           **dict.fromkeys(("异常", "异常情况", "异常报告", "异常提醒", "今日异常", "库存异常", "异常汇总"), "anomalies"),
           **dict.fromkeys(("进销存", "进销存汇总", "进销存报表", "进销存表", "收发存", "收发存汇总", "出入库汇总",
                            "本月进销存"), "stock_book"),
           **dict.fromkeys(("日结", "日结对账", "日结情况", "收银对账", "今日日结", "今天的日结"), "till_report"),
           **dict.fromkeys(("账款提醒", "逾期账款", "逾期的账", "逾期货款", "逾期应收", "到期账款", "到期的货款", "应收应付",
                            "账期提醒", "账龄", "应收账龄", "逾期提醒"), "dues_report"),
           **dict.fromkeys(("目标进度", "目标完成情况", "目标完成进度", "业绩进度", "销售目标", "业绩目标", "目标",
                            "目标完成率", "完成率", "业绩", "销售目标进度", "业绩目标进度", "目标达成情况"), "target_report"),
           **dict.fromkeys(("待办", "我的待办", "待办事项", "今日待办", "今天的待办", "待办清单", "要做的事"), "todo")}
_WEEKLY = re.compile(r"^(?:上|本|这|每|一)?(?:个)?(?:周|星期|礼拜)的?")
_DAILY = re.compile(r"^(?:今天|今日|当天|当日|每天|每日|一天)的?")


def report_of(name: str) -> str | None:
    """The report a name means: 今日备货清单 · 今天的销售汇总 (the day's summary) · 上周销量报表 (the week's sales)."""
    name = re.sub(r"^[,。\s]+|[,。\s]+$", "", name)
    if name in REPORTS:
        return REPORTS[name]
    weekly = bool(_WEEKLY.match(name))
    core = _DAILY.sub("", _WEEKLY.sub("", name))
    core = re.sub(r"(?:的)?(?:报表|报告|汇总|统计|情况|数据|表)$", "", core) or core
    if core in ("销量", "销售", "销售额", "营业额", "营业", "卖了多少"):
        return "sales_week" if weekly else "evening_summary"
    return REPORTS.get(core) or REPORTS.get(("本周" if weekly else "今日") + core)


# the span a scheduled report covers, said before its name (每天早上8点把昨天的销售发给我 · 每周一把上周的报损发给我)
_REPORT_PERIOD = re.compile(r"(?P<p>昨天|昨日|上周|上个?星期|上个?礼拜|本周|这周|这个星期|上个?月|本月|这个?月)的?")
PERIODS = {"昨天": "yesterday", "昨日": "yesterday", "上周": "last_week", "上星期": "last_week", "上个星期": "last_week",
           "上礼拜": "last_week", "上个礼拜": "last_week", "本周": "this_week", "这周": "this_week", "这个星期": "this_week",
           **dict.fromkeys(("上月", "上个月"), "last_month"), **dict.fromkeys(("本月", "这月", "这个月"), "this_month")}
_PERIOD_REPORTS = {("evening_summary", "yesterday"), ("sales_week", "last_week"),
                   *((r, p) for r in ("loss_report", "usage_report") for p in ("yesterday", "this_week", "last_week")),
                   *((r, p) for r in ("stock_book", "till_report")
                     for p in ("yesterday", "this_week", "last_week", "this_month", "last_month"))}
GENERIC_CATEGORY = ("耗材", "商品", "货品", "产品", "物料", "东西", "sku")


_DAY = "[一二三四五六日天1-7]"
# 每天 · 工作日 · 周末 · 每周一、周四 · 每星期五 · 每月1号, then the time of day (早上7点, 下午5点半, 20:30)
SCHEDULE = re.compile(rf"^(?:每天|每日|天天|(?:每个?)?工作日(?:每天)?|每个?周末|每逢(?:周|星期)(?P<days2>{_DAY})"
                      rf"|每个?(?:周|星期|礼拜)(?P<days>{_DAY}(?:[、,,和及与到至-]?(?:周|星期|礼拜)?{_DAY})*)"
                      rf"|每个?月(?:的)?(?P<dom>{_N})[号日]|每个?月(?:的)?(?P<eom>最后一天|月底|月末|底|末))"
                      rf"(?P<time>[^,,把]*?(?P<h>{_N})[点:时](?P<m>半|{_N})?分?|(?P<pod>早上|早晨|上午|中午|下午|傍晚|晚上|打烊前|关门前|收工前|下班前|打烊后|关门后|收工后|下班后|开门前|营业前|开店前)"
                      rf"|(?=提醒|通知|把|发给|给我发))[,,]?")   # (每月1号提醒我盘点: at 09:00, shown to confirm)
# a part of the day without its hour (每周五下午把…): this hour, shown in the rule the user confirms
DEFAULT_HOUR = "9"   # a schedule said with its days alone (每月1号提醒我盘点)
PART_OF_DAY = {"早上": "8", "早晨": "8", "上午": "9", "中午": "12", "下午": "15", "傍晚": "18", "晚上": "20",
               # around opening and closing (每天打烊前提醒我盘点): a usual hour, which the user sees and may change
               **dict.fromkeys(("打烊前", "关门前", "收工前", "下班前"), "21"),
               **dict.fromkeys(("打烊后", "关门后", "收工后", "下班后"), "22"),
               **dict.fromkeys(("开门前", "营业前", "开店前"), "8")}
WORKDAYS = ("*", "workdays")   # 工作日: every day, then the tenant calendar's working days only (Trigger.workdays)
WEEKDAYS = {"一": "mon", "1": "mon", "二": "tue", "2": "tue", "三": "wed", "3": "wed", "四": "thu", "4": "thu",
            "五": "fri", "5": "fri", "六": "sat", "6": "sat", "日": "sun", "天": "sun", "7": "sun"}


# a store's takings (今天营业额低于1000 · 本月流水超过10万), the whole company's (全公司营业额), a product's (可乐今天销售额)
TAKINGS = r"营业额|营业收入|营收|销售额|销售金额|销售收入|流水|收入|业绩|进账"
_COMPANY = r"全公司|公司|全部门店|所有门店|所有店|全部店|各店(?:加起来|合计)|全店合计"
_EACH_STORE = r"各店|各门店|各个门店|每个店|每个门店|每家店|每家门店|哪个店|哪家店"   # (each its own)
_TAKINGS_CLAUSE = re.compile(
    rf"^(?P<span>今天|今日|当天|当日|一天|每天|每日|单日|日(?=[^均])|本周|这周|这个?星期|本星期|这个?礼拜|本月|这个?月|当月"
    rf"|(?:近|最近|过去)(?:{_N})(?:个)?(?:天|日|周|星期|礼拜|月))?的?(?P<total>总)?(?:{TAKINGS})(?:合计|总计|总和|总额|总共)?"
    rf"(?:一共|总共|才|只有|就)?(?P<op>{_OP})(?P<v>{_N})\s*(?:元|块钱?|块)?$")
# past its threshold on the way up, a takings condition fires as the sale that crosses it is recorded; below it, at an
# hour of the day's end (the rule says so when confirmed): not at opening, when nothing is sold yet
CLOSING = {"days": "0 21 * * *", "week": "0 21 * * sun", "month": "0 21 last * *"}


# an hour of the day said first, with no days (晚上10点营业额低于2000就提醒我): every day at that hour
_HOUR_FIRST = re.compile(rf"(?:早上|早晨|上午|中午|下午|傍晚|晚上)?(?:{_N})[点:时](?:半|{_N})?分?(?:的时候|时)?(?:如果|要是|若)?")


class Unsupported(Exception):
    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


# the words that make a condition of a state (当…时 · 如果… · …的话 · …就 · 每天…); without one, 通知陈采购:可乐断货了
# passes the news on
_CONNECTIVE = re.compile(r"当|如果|要是|一旦|只要|假如|若|的话|(?<!及)(?<!同)时|就(?!剩|只|这|那|是|在)|则|每|以后|之后|后(?:就|再)")


def is_news(s: str) -> bool:
    """What follows a colleague's name says how things are, not when to do something (可乐断货了 · 牛腩低于安全库存了)."""
    return _CONNECTIVE.search(s) is None


def looks_like_rule(s: str) -> bool:
    if _ACTION_WORDS.search(s) and _CONDITION_WORDS.search(s):
        return True
    return bool(re.match(r"^(?:当|如果|要是|一旦|只要|每天|每日|每周|每星期|每个?月|每逢|每个?工作日|工作日|每个?周末)", s)) \
        and bool(re.search(r"时|就|则|点", s))


@dataclass
class Subject:
    skus: tuple[str, ...]
    mention: str
    category: str | None
    abc: str | None
    location: str | None


class RuleParser:
    def __init__(self, lex: lexicon.Lexicon, scanner: scan.Scanner) -> None:
        self.lex = lex
        self.scanner = scanner
        self.qty_re = re.compile(rf"(?P<num>{_N})\s*(?P<unit>{scanner.unit_re}|%|度|℃)?")

    def parse(self, s: str, *, speaker: context.Speaker, original: str) -> commands.Parsed | commands.Clarify:
        try:
            draft = self._parse(s, speaker, original)
        except Unsupported as exc:
            return commands.Clarify("rule_unsupported", detail=exc.detail)
        problems = drules.validate(draft)
        if problems:
            return commands.Clarify("rule_unsupported", detail=",".join(problems))
        return commands.Parsed(commands.AddRule(draft))

    def parse_once(self, s: str, *, speaker: context.Speaker, original: str
                   ) -> commands.Parsed | commands.Clarify | None:
        """明天早上8点提醒我订牛奶 · 下午3点提醒刘店长收货 · 提醒我明天给张记打电话: a reminder at one moment, said
        once there and then done (a schedule rule whose cron names the day). None: not said so."""
        found = dates.find(s, speaker.now)
        tail = re.match(r"[,\s]*(?:记得|请|帮我|到时候?)?(?:提醒|通知|告诉)(?P<rest>.+)$", s[found.end:]) \
            if found is not None and found.start == 0 else None
        if found is not None and tail is not None:
            rest, said = tail.group("rest"), s[:found.end]
        else:
            head = re.match(r"(?:请|帮我)?(?:记得)?提醒我", s)
            found = dates.find(s[head.end():], speaker.now) if head is not None else None
            if head is None or found is None or found.start != 0 or head.end() + found.end >= len(s):
                return None
            rest, said = "我" + s[head.end() + found.end:], s[head.end():head.end() + found.end]
        at = found.when if found.has_time else found.when.replace(hour=9, minute=0)   # 明天提醒我…: in the morning
        if at <= speaker.now or at > speaker.now + timedelta(days=366):
            return commands.Clarify("reminder_when", detail=said)
        try:
            people, what = self._reminder(rest.strip(", "), speaker, rest)
        except Unsupported as exc:
            return commands.Clarify("rule_unsupported", detail=exc.detail)
        trigger = drules.Trigger("schedule", cron=f"{at.minute} {at.hour} {at.day} {at.month} *", once=True)
        return commands.Parsed(commands.AddRule(drules.RuleDraft(
            text=original, trigger=trigger, scope=drules.Scope(location=speaker.user.location),
            conditions=drules.Group("all", ()), actions=(drules.Action("notify", {"to": people, "text": what}),))))

    # ------------------------------------------------------------ structure
    def _parse(self, s: str, speaker: context.Speaker, original: str) -> drules.RuleDraft:
        s = s.replace(" ", "")
        trigger = drules.Trigger("event")
        if _HOUR_FIRST.match(s) and not SCHEDULE.match(s):
            s = "每天" + s   # 晚上10点营业额低于2000就提醒我: a condition checked at an hour is checked each day then
        sched = SCHEDULE.match(s)
        if sched:
            days = _schedule_days(sched)
            workdays = days == WORKDAYS
            hour = sched.group("h") or PART_OF_DAY.get(sched.group("pod") or "", DEFAULT_HOUR)
            trigger = drules.Trigger("schedule", cron=_cron(sched.group("time"), hour, sched.group("m"),
                                                           days=("*", "*") if workdays else days), workdays=workdays)
            s = s[sched.end():]
        else:   # 每天可乐库存低于50瓶时提醒我: a condition, watched all day (no hour to check it at)
            s = re.sub(r"^(?:每天|每日|天天)(?:都)?", "", s)
        cond_text, action_text = self._split(s)
        subject = self._subject(cond_text, speaker, whole=s)
        conditions = self._conditions(_strip_condition(cond_text), subject) if cond_text else drules.Group("all", ())
        actions = self._actions(action_text, speaker)
        if trigger.kind == "event" and not conditions.items:
            raise Unsupported(f"没有条件:{original}")
        takings = [c for c in drules.conditions_of(conditions) if c.var == "takings"]
        if drules.store_wide(conditions) and any(a.kind in ("purchase_request", "transfer", "adjust_safety_stock")
                                                 for a in actions):
            raise Unsupported(f"营业额的规则只能提醒或发报表:{action_text}")
        if trigger.kind == "event" and any(c.op in ("lt", "le") for c in takings):
            trigger = drules.Trigger("schedule", cron=CLOSING[takings[0].params.get("period") or "days"])
        skus = subject.skus
        if trigger.kind == "schedule" and not conditions.items and not skus:
            for a in actions:   # 每天早上7点提醒我可乐库存: the products' stock, not a note to read
                said = str(a.params.get("text") or "")
                named = [e for e in self.lex.scan(said, [True] * len(said)) if e.kind == "product"]
                left = said
                for e in named:
                    left = left.replace(e.mention, "")
                if a.kind == "notify" and named and not re.sub(r"的|库存|还有多少|剩多少|还剩多少|数量|和|、|,", "", left):
                    skus = tuple(dict.fromkeys(c for e in named for c in e.codes))
                    a.params.pop("text")
        location = subject.location
        if any(a.kind == "transfer" and a.params.get("source") in (None, location) for a in actions) \
                and location == speaker.user.location:
            location = None  # 从中心仓调拨 written at the warehouse watches the stores, not the warehouse
        scope = drules.Scope(skus=skus, category=subject.category, abc_class=subject.abc,
                             location=location)
        return drules.RuleDraft(text=original, trigger=trigger, scope=scope, conditions=conditions,
                                actions=tuple(actions))

    def _split(self, s: str) -> tuple[str, str]:
        """Condition text and action text (当C时A, C的时候A, X要是C就A, C,A)."""
        m = ACTION_START.search(s)
        cut = m.start() if m else len(s)
        if re.match(r"^(?:自动)?(?:把|发送?|推送)", s) or re.match(r"^(?:给|向)[^,,]{1,8}?(?:发送?|推送)(?!提醒|通知)", s):
            return "", s
        head = s[:cut]
        for sep in ("的时候", "时候", "时", "就", "则", "那么", ",", ","):
            i = head.rfind(sep)
            if i > 0 and not (sep == "时" and head[max(0, i - 1):i + 1] == "小时"):
                return head[:i], s[i + len(sep):].lstrip(",")
        return head, s[cut:]

    # ------------------------------------------------------------ subject
    def _subject(self, cond: str, speaker: context.Speaker, *, whole: str) -> Subject:
        free = [True] * len(cond)
        skus: list[str] = []
        location = None
        said = cond
        for e in self.lex.scan(cond, free):
            if e.kind == "product":
                skus += [c for c in e.codes if c not in skus]
            elif e.kind == "location":
                location = e.codes[0]
                said = said.replace(e.mention, "", 1)   # (南山店营业额低于1000: the store, not a product)
        abc = None
        m = re.search(r"(?P<c>[abc])类", whole)
        if m:
            abc = m.group("c").upper()
        category = next((c for c in sorted(self.lex.categories, key=len, reverse=True) if c and c in whole), None)
        if category is None:
            for word, target in self.lex.catalog.synonyms.items():
                if word in whole and target in self.lex.categories:
                    category = target
        mention = ""
        if not skus:
            head = re.split(rf"库存|可用|销量|近|最近|过去|要是|如果|{_OP}|连续|\d|的|今天|今日|一天|每天|本周|本月|卖"
                            r"|(?:快|即将|马上|就要|将要|快要)?(?:过期|到期)|临期"
                            rf"|报损|损耗|报废|这周|这个月|当天|总|单日|当日|每日|日(?={TAKINGS})|{TAKINGS}",
                            _strip_condition(said))[0]
            head = re.sub(rf"^(?:{_COMPANY}|{_EACH_STORE}|某个?|任何|任一|每个|所有|有人|谁)", "", head)
            head = re.sub(r"^[abc]类", "", head)
            if head and head not in GENERIC_CATEGORY and head not in lexicon.GENERIC_PRODUCT \
                    and head != category and not re.search(r"天气|气温|温度|降雨|下雨", head):
                got = self.lex.match_product(head)
                if not got.skus:
                    raise Unsupported(f"不认识「{head}」")
                skus, mention = list(got.skus), head
        return Subject(tuple(skus), mention, category, abc, location or speaker.user.location)

    # ------------------------------------------------------------ conditions
    def _conditions(self, text: str, subject: Subject) -> drules.Group:
        anys = [p for p in re.split(r"或者|或是|或", text) if p]
        groups = [self._all(p, subject) for p in anys]
        if len(groups) == 1:
            return groups[0]
        return drules.Group("any", tuple(groups))

    def _all(self, text: str, subject: Subject) -> drules.Group:
        parts = [p for p in re.split(r"并且|而且|同时|且|并|,|,", text) if p]
        return drules.Group("all", tuple(self._condition(p, subject) for p in parts))

    def _condition(self, clause: str, subject: Subject) -> drules.Condition:
        c = self._strip_subject(clause)
        if subject.mention and c.startswith(subject.mention):
            c = c[len(subject.mention):].removeprefix("的")
        days = _days(c)
        m = re.search(rf"(?:近|最近|过去)?(?:{_N})?(?:天|日)?的?销量标准差(?P<op>{_OP})(?:均值|平均值|日均销量|平均销量)"
                      rf"(?:的)?(?P<pct>{_N})%", c)
        if m:
            return drules.Condition("sales_std", _op(m.group("op")) + "_var_pct",
                                    {"var": "sales_mean", "pct": _int(m.group("pct"))}, {"days": days})
        m = re.search(rf"(?P<n>{_N})天(?:内|以内|之内)?(?:就要|就|将|会|要)?(?:到期|过期)|(?:快|即将|马上|就要|将要|快要)(?:到期|过期)"
                      rf"|临期|过期前(?P<n2>{_N})天|有(?:快|即将)?(?:到期|过期)的?", c)
        if m:   # 牛奶3天内到期 · 快过期 (3 days) · 临期: stock in lots that expire within those days
            n = m.group("n") or m.group("n2")
            return drules.Condition("expiring", "gt", Decimal(0), {"days": _int(n) if n else 3})
        if re.search(r"(?:快|要|就要|快要|即将|马上|将要)(?:卖完|用完|卖光|用光|没了?|没货|断货|缺货)|库存紧张"
                     r"|^(?:库存)?不(?:够|足)(?:了|用)?$", c):
            return drules.Condition("on_hand", "lt_var", "safety_stock")   # 纸杯快用完的时候: under its safety stock
        if re.search(r"(?:没|未|不|没有)(?:卖完|用完|卖光|用光)", c):
            raise Unsupported(clause)   # 可颂连续两天没卖完: leftovers, which no variable holds (not "sold out")
        if re.search(r"^(?:库存)?(?:为|是|变成|成了|变)?(?:负数?|负的|小于0|小于零|低于0|低于零)(?:了)?$", c):
            return drules.Condition("on_hand", "lt", Decimal(0))   # 库存为负的时候提醒我: below zero on the books
        if re.search(r"卖完|用完|卖光|用光|没货|断货|缺货|售罄|没有了|(?:库存)?(?:为|是|等于)(?:0|零)|清零", c):
            return drules.Condition("on_hand", "le", Decimal(0))   # 可颂卖完了通知我: nothing left
        m = re.search(rf"(?:连续|已经|超过)?(?P<n>{_N})天(?:都|还|一直)?(?:没|没有|无|未)(?:卖|销售|售出|出货|动销|卖出去?)", c)
        if m:
            return drules.Condition("days_since_sale", "ge", _int(m.group("n")))
        m = re.search(rf"(?:连续|已经|超过)?(?P<n>{_N})天(?:都|还|一直)?(?:没|没有|无|未)(?:进货|进过货|到货|收货|补货|送货|来货|进)", c)
        if m:   # 如果牛腩三天没进货就提醒我: days since goods last came in
            return drules.Condition("days_since_receipt", "ge", _int(m.group("n")))
        m = re.search(rf"(?:未来|接下来)?(?:(?P<n>{_N})(?:个)?(?P<u>小时|天)(?:内|以内|之内|里)?|(?P<d>今天|今日|明天|明日|后天))?"
                      rf"(?:有|存在)(?:人|客人|客户)?(?:预定|预订|订单|宴席|包桌|活动|订桌|订货)", c)
        if m:   # 未来24小时有预定 · 3天内有预定 · 明天有预定 (to the end of tomorrow: 48 hours) · 有预定 (the next 24)
            day = {"今天": 24, "今日": 24, "明天": 48, "明日": 48, "后天": 72}.get(m.group("d") or "")
            hours = day or (_int(m.group("n")) * (24 if m.group("u") == "天" else 1) if m.group("n") else 24)
            return drules.Condition("booked", "gt", 0, {"hours": hours})
        m = re.search(rf"(?:天气预报)?(?:显示)?(?:未来)?连续(?:降雨|下雨)(?P<op>{_OP})?(?P<n>{_N})天|连续(?P<n2>{_N})天(?:降雨|下雨|有雨)", c)
        if m:
            n = m.group("n") or m.group("n2")
            return drules.Condition("rain_days_ahead", _op(m.group("op") or "≥"), _int(n))
        m = re.search(rf"(?:气温|温度)(?P<op>{_OP})(?P<n>-?{_N})(?:度|℃)?", c)
        if m:
            return drules.Condition("temperature", _op(m.group("op")), _int(m.group("n")))
        m = re.search(rf"(?P<n>{_N})(?:个)?小时(?:内|以内)?(?:到不了?|不能到|还到不了?|无法到货?|没到货?|到不了货)", c)
        if m:
            return drules.Condition("inbound_eta_hours", "gt", _int(m.group("n")))
        m = re.search(rf"^(?P<var>库存|存货|余量|数量|剩余|还剩|剩下|只剩|剩|可用库存|可用量|可用)?(?:量)?(?P<op>{_OP}|不够)(?:未来|接下来)?"
                      rf"(?P<n>{_N})(?:个)?(?P<u>小时|天|日)(?:内|里)?(?:的)?(?:预测|预计|预估)(?:的)?"
                      rf"(?:销量|销售量|用量|需求|需求量|卖量)?$", c)
        if m:   # stock against the store-wide forecast of the next N hours/days
            var = "available" if (m.group("var") or "").startswith("可用") else "on_hand"
            hours = _int(m.group("n")) * (1 if m.group("u") == "小时" else 24)
            op = "lt" if m.group("op") == "不够" else _op(m.group("op"))
            return drules.Condition(var, op + "_var", {"var": "forecast", "params": {"hours": hours}})
        m = re.search(rf"(?:库存|可用)?(?:天数|可用天数|可售天数)(?P<op>{_OP})(?P<n>{_N})天"
                      rf"|(?:库存)?(?:不够|不足|撑不到|撑不了|坚持不了|用不到|卖不到)(?P<n2>{_N})天(?:用|卖|销售)?$", c)
        if m:
            return drules.Condition("days_of_cover", _op(m.group("op") or "<"), _int(m.group("n") or m.group("n2")))
        company = re.search(_COMPANY, c) is not None
        core = re.sub(rf"^(?:{_EACH_STORE})的?", "", re.sub(_COMPANY, "", c))
        if subject.category and core.startswith(subject.category):   # 肉类今天销售额超过500元: each of its products
            core = core[len(subject.category):]
        m = _TAKINGS_CLAUSE.search(re.sub(r"^[abc]类(?:商品|产品)?", "", core).removeprefix("的"))
        if m:   # 今天营业额低于1000 · 本月流水超过10万 · 全公司营业额 · 可乐今天销售额超过500元
            value = numbers.value(m.group("v"))
            if value is None or units.too_large(value):
                raise Unsupported(clause)
            span = m.group("span") or ""
            params: dict[str, Any] = {"days": 1}
            if re.match(r"本周|这周|这个?星期|本星期|这个?礼拜", span):
                params = {"period": "week"}
            elif re.match(r"本月|这个?月|当月", span):
                params = {"period": "month"}
            elif re.match(r"近|最近|过去", span):
                params = {"days": _days(span)}
            named = [e for e in self.lex.scan(clause, [True] * len(clause)) if e.kind == "product"]
            if named or (subject.category and subject.category in clause) or re.search(r"[abc]类", clause):
                params["own"] = True   # 可乐今天销售额超过500元: the product's own (营业额超过5000或可乐…: the store's)
            elif company or (m.group("total") and subject.location is None):
                params["company"] = True   # 全公司 · the owner's 总营业额
            return drules.Condition("takings", _op(m.group("op")), value, params)
        m = re.search(rf"(?:报损|损耗|报废|扔了|扔掉|坏了|坏掉)(?:的)?(?:金额|的钱|价值|成本)?(?:合计|总计|总和)?(?P<op>{_OP})"
                      rf"(?P<v>{_N})\s*(?:元|块钱?|块)$", c)
        if m:   # 报损超过100元就告诉我: what was written off today at cost (or over the days said)
            span = days if re.search(r"近|最近|过去|本周|这周|本月|这个月|每月|当月|一个月|周", c) else 1
            value = numbers.value(m.group("v"))
            if value is not None:
                return drules.Condition("scrap_value", _op(m.group("op")), value, {"days": span})
        m = re.search(rf"(?:报损|损耗|报废|扔了|扔掉|坏了|坏掉)(?:量|数量|的)?(?:合计|总计|总和)?(?P<op>{_OP})(?P<q>{_N}\S*)", c)
        if m:   # 一天报损超过10瓶可乐就告诉我: what was written off today (or over the days said)
            span = days if re.search(r"近|最近|过去|本周|这周|本月|这个月|每月|当月|一个月|周", c) else 1
            return drules.Condition("scrap_sum", _op(m.group("op")), self._amount(m.group("q"), subject), {"days": span})
        m = re.search(rf"^(?:有人|有客人|有顾客|有客户|谁|客人|顾客|客户)?(?:一次|一次性|一笔|单笔|单次|一单)(?:就|性)?"
                      rf"(?:卖|卖了|卖出|卖掉|销售|售出|买|买了|买走|拿|拿了|拿走|要|要了)?(?:了)?(?:的)?(?:销量|数量|量)?"
                      rf"(?:就)?(?P<op>{_OP})(?P<q>{_N}\S*)", c)
        if m:   # 如果有人一次卖超过10箱可乐就通知我 · 单笔销量超过10箱: one sale's quantity, each such sale
            return drules.Condition("sale_qty", _op(m.group("op")), self._amount(m.group("q"), subject))
        m = re.search(rf"(?:销量|销售量|卖出|卖了|卖|售出)(?:合计|总计|总和)?(?P<op>{_OP})(?P<q>{_N}\S*)", c)
        if m and ("日均" not in c and "平均" not in c):
            return drules.Condition("sales_sum", _op(m.group("op")), self._amount(m.group("q"), subject), {"days": days})
        m = re.search(rf"(?:日均销量|平均销量|日均)(?P<op>{_OP})(?P<q>{_N}\S*)", c)
        if m:
            return drules.Condition("sales_mean", _op(m.group("op")), self._amount(m.group("q"), subject),
                                    {"days": days})
        m = re.search(rf"^(?P<var>库存|存货|余量|数量|剩余|还剩|剩下|只剩|剩|可用库存|可用量|可用)?(?P<op>{_OP})"
                      rf"(?:安全库存|安全线|安全库存线|安全量|安全值)$", c)
        if m:
            var = "available" if (m.group("var") or "").startswith("可用") else "on_hand"
            return drules.Condition(var, _op(m.group("op")) + "_var", "safety_stock")
        m = re.search(rf"^(?P<var>库存|存货|余量|数量|剩余|还剩|剩下|只剩|剩|可用库存|可用量|可用)?(?:量)?(?P<op>{_OP})(?P<q>{_N}.*)$", c)
        if m:
            var = "available" if (m.group("var") or "").startswith("可用") else "on_hand"
            return drules.Condition(var, _op(m.group("op")), self._amount(m.group("q"), subject))
        raise Unsupported(clause)

    def _strip_subject(self, clause: str) -> str:
        c = _strip_condition(clause)
        free = [True] * len(c)
        for e in self.lex.scan(c, free):
            if e.kind in ("product", "location"):
                c = c.replace(e.mention, "", 1)
        c = re.sub(r"^(?:某个?sku|某个?商品|任何商品|任一商品|每个商品|所有商品|某个?产品|sku)(?:的)?", "", c)
        c = re.sub(r"^[abc]类\S{0,4}?(?=库存|销量|近|的|$)", "", c)
        c = re.sub(r"^(?:在)?(?:的)?", "", c)
        return c.removeprefix("的")

    def _amount(self, q: str, subject: Subject) -> Decimal:
        m = self.qty_re.match(q)
        v = numbers.value(m.group("num")) if m else None
        if m is None or v is None:
            raise Unsupported(q)
        if units.too_large(v):
            raise Unsupported(f"「{q}」太大了,不像真实的数量")
        unit = m.group("unit") or ""
        if m.end() < len(q) and q[m.end():] not in ("时", "的时候", "了", "个"):
            raise Unsupported(q)
        if not unit:
            return v
        if not subject.skus:
            raise Unsupported(f"「{q}」:不同商品单位不同,请指定商品")
        factors = set()
        for sku in subject.skus:
            p = self.lex.product(sku)
            try:   # (报损超过10个可乐: ten bottles, as 可乐三个 is three)
                factors.add(units.factor(lexicon.as_counted(p, unit), base_unit=p.base_unit, packs=p.packs))
            except errors.DomainError as exc:
                raise Unsupported(f"{p.name}不能用「{unit}」计") from exc
        if len(factors) != 1:
            raise Unsupported(f"「{q}」对这些商品的换算不同")
        return units.normalize(v * factors.pop())

    # ------------------------------------------------------------ actions
    def _actions(self, text: str, speaker: context.Speaker) -> list[drules.Action]:
        text = re.sub(r"^(?:都|也|就|请|马上|立即|立刻)+", "", text.strip(",."))   # …时都提醒我
        if not text:
            raise Unsupported("没有动作(例如:提醒我)")
        out: list[drules.Action] = []
        parts = [p for p in re.split(r"并且|同时|然后|,|,|并|再", text) if p]
        for part in parts:
            out.append(self._action(part, speaker, out))
        merged: list[drules.Action] = []
        for a in out:
            if a.kind == "cc":
                prev = next((x for x in reversed(merged) if x.kind == "notify"), None)
                if prev is None:
                    merged.append(drules.Action("notify", {"to": [speaker.user.username], "cc": a.params["cc"]}))
                else:
                    prev.params["cc"] = list(prev.params.get("cc", [])) + a.params["cc"]
                continue
            merged.append(a)
        return merged

    def _action(self, part: str, speaker: context.Speaker, done: list[drules.Action]) -> drules.Action:
        p = re.sub(r"^(?:自动|就|则|立即|马上)+", "", part)
        # 发消息给孙采购 · 给孙采购发个消息 · 跟我说一声: to tell them
        p = re.sub(r"^(?:发个?(?:消息|信息|微信|短信)给|(?:跟|和)(?=.+?说一声$))", "通知", p)
        p = re.sub(r"^(?:给|向)(?P<to>.+?)发个?(?:消息|信息|微信|短信)$|^通知(?P<to2>.+?)说一声$",
                   lambda m: "通知" + (m.group("to") or m.group("to2")), p)
        if p.startswith("抄送"):
            return drules.Action("cc", {"cc": self._people(p[2:], speaker, part)})
        m = re.match(r"^把(?P<r>.+?)(?:发给|推送给|发送给|推给|发到|发)(?P<to>.*)$", p)
        if m is None:   # 发备货清单给孙采购 · 给我发库存日报 (a report by name; 向采购员发送提醒 is a notification)
            m = (re.match(r"^(?:发送?|推送)(?:一份|一下)?(?P<r>.+?)(?:给|到)(?P<to>.+)$", p)
                 or re.match(r"^(?:给|向)(?P<to>.+?)(?:发送?|推送)(?:一份|一下)?(?P<r>.+)$", p))
            m = m if m is not None and report_of(m.group("r")) else None
        if m:
            name = m.group("r")
            said = _REPORT_PERIOD.match(name)   # 昨天的报损 · 上周的用量 · 昨天的销售: the report of that span
            period = PERIODS[said.group("p")] if said else None
            report = report_of(name[said.end():] if said else name)
            if report in ("evening_summary", "sales_week") and period in ("this_week", "last_week"):
                report, period = "sales_week", None if period == "this_week" else period   # (本周: its last 7 days)
            if report is None or (period is not None and (report, period) not in _PERIOD_REPORTS):
                raise Unsupported(f"报表「{name}」(能推送的有:今日备货清单、今日小结、昨天的销售、库存日报、一周销量、今日报损、"
                                  f"今日用量、上周的报损/用量、上个月的进销存)")
            params: dict[str, Any] = {"report": report, "to": self._people(m.group("to") or "我", speaker, part)}
            if period is not None:
                params["period"] = period
            return drules.Action("send_report", params)
        m = re.match(r"^(?:向|给)?(?P<to>.*?)(?:发送|发)?(?:提醒|通知|告诉|推送)(?:给)?(?P<to2>.*)$", p)
        if m:
            who = (m.group("to") or "") + (m.group("to2") or "")
            try:
                return drules.Action("notify", {"to": self._people(who or "我", speaker, part)})
            except Unsupported:
                people, what = self._reminder(who, speaker, part)   # 提醒我盘点: whom, then what about
                return drules.Action("notify", {"to": people, "text": what})
        m = re.match(r"^(?:从(?P<src>.+?))?(?:调拨|调货|调|补货)(?:过来|补货)?$", p)
        if m:
            src = None
            if m.group("src"):
                src = self.lex.location_by_name(m.group("src"))
                if src is None:
                    raise Unsupported(f"不认识地点「{m.group('src')}」")
            return drules.Action("transfer", {"source": src} if src else {})
        if re.match(r"^(?:生成|创建|提交|发起)?(?:采购申请|采购单|补货单|请购单)$|^(?:补货|采购|下单)$", p):
            return drules.Action("purchase_request", {})
        m = re.match(rf"^(?P<dir>提升|提高|增加|上调|降低|下调|减少)\S*?安全库存(?P<pct>{_N})%(?:(?P<d>{_N})天)?$", p)
        if m:
            pct = _int(m.group("pct")) * (-1 if m.group("dir") in ("降低", "下调", "减少") else 1)
            return drules.Action("adjust_safety_stock", {"pct": pct, "days": _int(m.group("d")) if m.group("d") else 7})
        if re.match(r"^(?:转)?人工(?:审核|接管|处理)$", p):
            return drules.Action("manual_review", {})
        raise Unsupported(part)

    def _reminder(self, who: str, speaker: context.Speaker, part: str) -> tuple[list[str], str]:
        """提醒我盘点 · 提醒刘店长检查冰箱温度: the people named first, then what to remind them of."""
        for i in range(len(who) - 1, 0, -1):
            what = re.sub(r"^(?:一下|下(?![周个午次月回班单])|要|去|该)|^[,\s]+|[,\s]+$", "", who[i:])
            if not what or who[i - 1] in "给向跟和及、发送":   # 我给光明打电话 · 我发工资: 给 · 发 begin what to do
                continue
            try:
                return self._people(who[:i], speaker, part), what
            except Unsupported:
                continue
        raise Unsupported(f"不认识「{who}」是谁")

    def _people(self, who: str, speaker: context.Speaker, part: str) -> list[str]:
        who = who.strip()
        out: list[str] = []
        rest = who
        for e in self.lex.scan(who, [True] * len(who)):
            if e.kind == "user":
                out.append(e.codes[0])
            elif e.kind == "role":
                out.append(e.codes[0])
            else:
                continue
            rest = rest.replace(e.mention, "", 1)
        if re.search(r"我", rest):
            out.insert(0, speaker.user.username)
            rest = re.sub(r"我们?", "", rest)
        if re.sub(r"一下|[和及、,,给向发送也]", "", rest):
            raise Unsupported(f"不认识「{rest}」是谁")
        if not out:
            out.append(speaker.user.username)
        return list(dict.fromkeys(out))


def _strip_condition(c: str) -> str:
    c = re.sub(r"^(?:以后|今后|往后|从现在起|从今天起)?[,\s]*(?:当|如果|要是|一旦|只要|若|每当)?(?:有人|有谁|谁)?", "",
               c.strip(", "))
    c = re.sub(r"(?:的时候|时候|时|就|则|了|的话)?(?:都|也)?$", "", c)   # 任何商品低于安全库存都…
    # 有商品低于安全库存 · 哪个商品库存为零 · 库存低于安全库存的商品: any product, said another way
    c = re.sub(r"^(?:有|哪个|哪些|有哪个|有哪些)(?:商品|东西|货|产品)", "任何商品", c)
    c = re.sub(r"^(?P<cond>(?:库存|可用库存|销量)\S+?)的(?:商品|东西|货|产品)$", r"任何商品\g<cond>", c)
    return c.replace("要是", "").replace("如果", "")


def _days(c: str) -> int:
    """The days a sales condition looks back over: 近3天 · 过去2周 · 今天/一天 (1) · 本周 (7) · 本月 (30); else 7."""
    m = re.search(rf"(?:近|最近|过去)(?P<n>{_N})(?:个)?(?P<u>天|日|周|星期|礼拜|月)", c)
    v = numbers.value(m.group("n")) if m else None
    if m and v:
        return int(v) * {"周": 7, "星期": 7, "礼拜": 7, "月": 30}.get(m.group("u"), 1)
    if re.search(r"今天|今日|当天|当日|一天|一日|单日|每天|每日", c):
        return 1
    if re.search(r"本月|这个月|一个月|每月|当月", c):
        return 30
    return 7


def _int(s: str) -> Any:
    v = numbers.value(s)
    if v is None:
        raise Unsupported(s)
    return int(v) if v == v.to_integral_value() else v


def _op(word: str) -> str:
    return _OP_CODE[word]


# a standing order's schedule (每周一向张记订牛腩50斤 · 团餐每周一、周四要牛腩20斤 · 每天早上8点向绿源订土豆2袋): the days,
# and the hour when said
RECURRING = re.compile(rf"(?P<head>每天|每日|天天|(?:每个?)?工作日(?:每天)?|每个?(?:周|星期|礼拜)(?P<days>{_DAY}(?:[、,,和及与到至-]?"
                       rf"(?:周|星期|礼拜)?{_DAY})*)|每个?月(?:的)?(?P<dom>{_N})[号日])(?:都)?"
                       rf"(?P<time>(?:早上|早晨|上午|中午|下午|傍晚|晚上)?(?P<h>{_N})[点:时](?P<m>半|{_N})?分?"
                       r"|(?P<pod>早上|早晨|上午|中午|下午|傍晚|晚上))?(?:都)?[,,]?")
_DOW = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def recurring(s: str, *, ahead: int = 0) -> tuple[drules.Trigger, str, str, int] | None:
    """A standing order's schedule said at the start of ``s`` or after its partner (团餐每周一要…): the trigger
    (``ahead`` days before each day said: a customer's order is placed the day before it is wanted; at 09:00 then),
    the text without it, the time of day said (HH:MM, or "") and the days ahead it holds (每月1号 and 工作日 cannot be
    moved a day earlier: 0)."""
    m = RECURRING.search(s)
    if m is None or m.end() == len(s) or m.start() > 12:
        return None
    hour = m.group("h") or PART_OF_DAY.get(m.group("pod") or "", DEFAULT_HOUR)
    said = _cron(m.group("time") or "", hour, m.group("m")).split()
    at = f"{int(said[1]):02d}:{int(said[0]):02d}" if m.group("time") else ""
    workdays = "工作日" in m.group("head")
    dom, named = _days_of(m)
    dow = "*"
    if dom != "*":
        ahead = min(ahead, int(dom) - 1)
        dom = str(int(dom) - ahead)
    elif named:
        dow = ",".join(dict.fromkeys(_DOW[(_DOW.index(d) - ahead) % 7] for d in named))
    if workdays:
        ahead = 0
    minute, clock = (said[0], said[1]) if not ahead else ("0", DEFAULT_HOUR)
    trigger = drules.Trigger("schedule", cron=f"{minute} {clock} {dom} * {dow}", workdays=workdays)
    return trigger, (s[:m.start()] + s[m.end():]).strip(" ,"), at, ahead


def retimed(when: str) -> tuple[str, bool] | None:
    """A schedule rule's new time (规则1改成每天早上8点 · 规则2的时间改成晚上9点): (the crontab said, "M H dom * dow",
    or "M H" when only the time of day is said; whether only on working days); None: no time said."""
    said = when.strip(" ,.!。")
    m = RECURRING.fullmatch(said)
    if m is not None and (m.group("time") or m.group("pod")):
        hour = m.group("h") or PART_OF_DAY.get(m.group("pod") or "", DEFAULT_HOUR)
        dom, named = _days_of(m)
        return _cron(m.group("time") or "", hour, m.group("m"), days=(dom, ",".join(named) or "*")), \
            "工作日" in m.group("head")
    alone = dates.TIME_OF_DAY.fullmatch(said)   # 早上8点 · 晚上9点半: the time alone, its days kept
    if alone is not None:
        hour = alone.group("hour") or PART_OF_DAY.get(alone.group("part_only") or "", DEFAULT_HOUR)
        return " ".join(_cron(said, hour, alone.group("minute")).split()[:2]), False
    return None


def _days_of(m: re.Match[str]) -> tuple[str, list[str]]:
    """The day of the month (or "*") and the days of the week (none: every) a ``RECURRING`` schedule said."""
    if m.group("dom"):
        n = numbers.value(m.group("dom"))
        if n is None or not 1 <= n <= 31:
            raise Unsupported(m.group(0))
        return str(int(n)), []
    if not m.group("days"):
        return "*", []
    named = [WEEKDAYS[c] for c in m.group("days") if c in WEEKDAYS]
    if re.search(r"[到至-]", m.group("days")) and len(named) == 2:   # 每周一到周五
        a, b = _DOW.index(named[0]), _DOW.index(named[1])
        named = [_DOW[i % 7] for i in range(a, b + 1 if b >= a else b + 8)]
    return "*", named


def _schedule_days(m: re.Match[str]) -> tuple[str, str]:
    """The (day of month, day of week) crontab fields of a schedule's days."""
    head = m.group(0)[: m.start("time")]
    if m.group("eom"):   # 每月最后一天 · 每个月月底: the month's last day, whatever its length
        return "last", "*"
    if m.group("dom"):
        dom = numbers.value(m.group("dom"))
        if dom is None or not 1 <= dom <= 31:
            raise Unsupported(head)
        return str(int(dom)), "*"
    if "工作日" in head:
        return WORKDAYS
    if "周末" in head:
        return "*", "sat,sun"
    days = m.group("days") or m.group("days2")
    if not days:
        return "*", "*"
    named = [WEEKDAYS[c] for c in days if c in WEEKDAYS]
    if re.search(r"[到至-]", days) and len(named) == 2:   # 每周一到周五
        return "*", f"{named[0]}-{named[1]}"
    return "*", ",".join(dict.fromkeys(named))


def _cron(time_text: str, hour: str, minute: str | None, *, days: tuple[str, str] = ("*", "*")) -> str:
    h = numbers.value(hour)
    if h is None or h > 24:
        raise Unsupported(time_text)
    hh = int(h)
    if re.search(r"下午|晚上|傍晚", time_text) and hh < 12:
        hh += 12
    mm = {"半": 30, "一刻": 15, "三刻": 45}.get(minute or "") or (int(numbers.value(minute) or 0) if minute else 0)
    if mm >= 60:
        raise Unsupported(time_text)
    return f"{mm} {hh % 24} {days[0]} * {days[1]}"
