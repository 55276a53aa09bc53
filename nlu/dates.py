"""Dates and times relative to the speaker's clock: 明天, 下周三上午十点前, 月底, 2026年2月25日 10:30 ….

dateparser handles the simple forms (今天, 明天, 后天, 3天后, full dates); the small grammar below
handles what it cannot (明早, 下周三, 本周五, 月底, 三天后, 2月25号). A date without a time means
the start of that day in the speaker's time zone.
"""
from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from nlu import numbers

_N = numbers.NUMBER
WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6, "末": 5,
            "1": 0, "2": 1, "3": 2, "4": 3, "5": 4, "6": 5, "7": 6}
PARTS = {"凌晨": 3, "早上": 8, "早晨": 8, "上午": 9, "中午": 12, "下午": 15, "傍晚": 18, "晚上": 19, "今晚": 19,
         "明早": 8, "明晚": 19, "昨晚": 19, "昨夜": 21}
SIMPLE_DAYS = {"今天": 0, "今日": 0, "明天": 1, "明日": 1, "后天": 2, "大后天": 3, "昨天": -1, "昨日": -1, "前天": -2,
               "大前天": -3,
               "今早": 0, "今晚": 0, "明早": 1, "明晚": 1, "昨晚": -1, "昨夜": -1}

_PART = "|".join(sorted(PARTS, key=len, reverse=True))
_DAY = "|".join(sorted(SIMPLE_DAYS, key=len, reverse=True))
_TIME = rf"(?:(?P<part>{_PART})?\s*(?P<hour>\d{{1,2}}|[零一二两三四五六七八九十]{{1,3}})(?:[点:时](?P<minute>半|一刻|三刻|(?:\d{{1,2}}|[零一二三四五六七八九十]{{1,3}})(?!\d|[零一二三四五六七八九十]*\s*(?:个)?(?:人|位|桌|个|份)))?分?)(?:钟)?|(?P<part_only>{_PART}))"
TIME_OF_DAY = re.compile(_TIME)   # a time said alone (晚上6点 · 9点半 · 中午): a booking's or a rule's
_UNITISH = r"[箱袋个升斤克盒包瓶板块条桶件份杯只打听罐支根张片把套双对kKlL]|公斤"
_NUMBERED = r"[桌店仓库线楼柜台机房窗车位门]"   # 3号桌 · 2号仓库: a number, not a day
DATE_RE = re.compile(
    rf"(?:(?P<full>(?P<y>\d{{4}})[年\-/](?P<m>\d{{1,2}})[月\-/](?P<d>\d{{1,2}})[日号]?|(?P<m2>\d{{1,2}})月(?P<d2>\d{{1,2}})[日号])"
    rf"|(?P<week>(?P<wk>下下|下个?|这个?|本|上个?)?(?:周|星期|礼拜)(?P<wd>[一二三四五六日天末1-7]))"
    rf"|(?P<ago>(?P<n2>{_N})\s*(?P<u2>天|日|周|个?星期|个?月)(?:以前|之前|前))"
    rf"|(?P<after>(?P<n>{_N})\s*(?P<u>天|日|周|个?星期|个?月|个?小时|分钟)(?:以?后|之后))"
    # 6/10 (June 10th; not 1/2箱, half a case) · 10号 (the 10th, the next one: a past move takes the last, see parser)
    rf"|(?P<md>(?<![\d/.])(?P<m3>1[0-2]|0?[1-9])/(?P<d3>3[01]|[12]\d|0?[1-9])(?![\d/.%])(?!\s*{_UNITISH}))"
    rf"|(?P<dom>(?<![\d月/.])(?P<d4>3[01]|[12]\d|0?[1-9]|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])号(?!{_NUMBERED}))"
    rf"|(?P<month_end>(?P<mm>下个?|本|这个?)?月(?P<edge>底|末|初))"
    rf"|(?P<day>{_DAY}))?"
    rf"\s*(?P<time>{_TIME})?\s*(?P<before>前|之前|以前)?"
)


@dataclass(frozen=True)
class Found:
    when: datetime
    start: int
    end: int
    has_time: bool


@dataclass(frozen=True)
class Days:
    """A day or a span of days said (6月20日 · 6月20日到22日 · 6月20日到7月2日) and where in the text it stands;
    ``last`` before ``first`` is kept as said (the caller refuses it)."""
    first: date
    last: date
    start: int
    end: int


_UPTO = re.compile(r"\s*(?:到|至|~|-|—)\s*")
_DOM_ONLY = re.compile(r"(\d{1,2})[日号]")


def weekdays_said(said: str) -> tuple[int, ...]:
    """The weekdays a list names (0 = Monday): 一、三 → (0, 2); 一到三 → (0, 1, 2)."""
    days = [WEEKDAYS[c] for c in said if c in "一二三四五六日天"]
    if len(days) == 2 and re.search(r"[到至]", said):
        return tuple(range(days[0], days[1] + 1)) if days[0] <= days[1] else tuple(sorted(days))
    return tuple(sorted(set(days)))


def find_days(s: str, now: datetime) -> Days | None:
    """The first date said in ``s``, and the day it runs to when a second follows it after 到 (a bare 22日 of the
    first's month); None: no date, or a second day that month lacks."""
    first = find(s, now)
    if first is None:
        return None
    day = first.when.date()
    upto = _UPTO.match(s, first.end)
    if upto is None:
        return Days(day, day, first.start, first.end)
    second = find(s[upto.end():], now)
    if second is not None and second.start == 0:
        return Days(day, second.when.date(), first.start, upto.end() + second.end)
    dom = _DOM_ONLY.match(s, upto.end())
    if dom is None:
        return Days(day, day, first.start, first.end)
    try:
        return Days(day, day.replace(day=int(dom.group(1))), first.start, dom.end())
    except ValueError:
        return None


def find(s: str, now: datetime) -> Found | None:
    """The first date expression in ``s`` (a normalised message), resolved against ``now``."""
    for m in DATE_RE.finditer(s):
        if m.end() == m.start() or not (m.group("time") or m.group("full") or m.group("week") or m.group("after")
                                        or m.group("ago") or m.group("md") or m.group("dom")
                                        or m.group("month_end") or m.group("day")):
            continue
        when = _resolve(m, now)
        if when is not None:
            return Found(when[0], m.start(), m.end(), when[1])
    return None


def _resolve(m: re.Match[str], now: datetime) -> tuple[datetime, bool] | None:
    g = m.groupdict()
    today = now.replace(hour=0, minute=0, second=0, microsecond=0)
    day: datetime | None = None
    if g["full"] or g["md"]:
        day = _dateparser(m.group("full"), now) if g["full"] else None
        if day is None:
            year = int(g["y"]) if g["y"] else now.year
            try:
                day = today.replace(year=year, month=int(g["m"] or g["m2"] or g["m3"]), day=int(g["d"] or g["d2"] or g["d3"]))
            except ValueError:
                return None
            if not g["y"] and day < today - timedelta(days=60):
                day = day.replace(year=year + 1)
        day = day.replace(hour=0, minute=0, second=0, microsecond=0)
    elif g["week"]:
        target = WEEKDAYS[g["wd"]]
        prefix = g["wk"] or ""
        monday = today - timedelta(days=today.weekday())
        weeks = {"下下": 2, "下": 1, "下个": 1, "上": -1, "上个": -1}.get(prefix, 0)
        day = monday + timedelta(days=7 * weeks + target)
        if not prefix and day < today:  # a bare 周三 said on a Thursday means the next one
            day += timedelta(days=7)
    elif g["ago"]:   # 3天前 · 两周前: that many days back
        n = numbers.value(g["n2"])
        if n is None or n > 3650:
            return None
        day = _shift(today, -int(n), g["u2"])
    elif g["after"]:
        n = numbers.value(g["n"])
        if n is None or n > 3650:
            return None
        unit = g["u"]
        if unit == "分钟":   # 10分钟后提醒我收货
            return now + timedelta(minutes=float(n)), True
        if unit in ("小时", "个小时"):
            return now + timedelta(hours=float(n)), True
        simple = _dateparser(m.group("after"), now) if unit in ("天",) and g["n"].isdigit() else None
        day = simple.replace(hour=0, minute=0, second=0, microsecond=0) if simple is not None \
            else _shift(today, int(n), unit)
    elif g["dom"]:
        n = numbers.value(g["d4"])
        if n is None:
            return None
        base = today if int(n) >= today.day else _add_months(today.replace(day=1), 1)
        if int(n) > calendar.monthrange(base.year, base.month)[1]:
            return None
        day = base.replace(day=int(n))
    elif g["month_end"]:
        base = _add_months(today, 1) if (g["mm"] or "").startswith("下") else today
        if g["edge"] == "初":
            day = base.replace(day=1) if g["mm"] else _add_months(today, 1).replace(day=1)
        else:
            day = base.replace(day=calendar.monthrange(base.year, base.month)[1])
    elif g["day"]:
        day = today + timedelta(days=SIMPLE_DAYS[g["day"]])
        if g["day"] in PARTS and not g["hour"] and not g["part_only"]:
            return day.replace(hour=PARTS[g["day"]]), True
    else:
        if not (g["part"] or g["part_only"] or g["before"]):
            return None  # 十二点五 is a number, not a time
        day = today
    if day is None:
        return None
    hour = _hour(g)
    if hour is None:
        return day, False
    h, minute = hour
    when = day.replace(hour=h, minute=minute)
    if not _has_day(g) and when <= now:
        when += timedelta(days=1)
    return when, True


def _has_day(g: dict[str, Any]) -> bool:
    return any(g[k] for k in ("full", "week", "ago", "after", "md", "dom", "month_end", "day"))


def _hour(g: dict[str, Any]) -> tuple[int, int] | None:
    part = g.get("part") or g.get("part_only") or (g.get("day") if g.get("day") in PARTS else None)   # 昨晚8点: 20:00
    if g.get("hour"):
        h = numbers.value(g["hour"])
        if h is None or h > 24:
            return None
        hour = int(h)
        if part in ("下午", "晚上", "傍晚", "今晚", "明晚", "昨晚", "昨夜", "晚") and hour < 12:
            hour += 12
        raw = g.get("minute") or ""
        minute = {"半": 30, "一刻": 15, "三刻": 45, "": 0}.get(raw)
        if minute is None:
            mv = numbers.value(raw)
            minute = int(mv) if mv is not None and mv < 60 else 0
        return hour % 24, minute
    if part:
        return PARTS[part], 0
    return None


def _shift(today: datetime, n: int, unit: str) -> datetime:
    """``n`` days, weeks or months from today (back when negative): 3天后 · 两周前 · 一个月前."""
    if unit in ("天", "日"):
        return today + timedelta(days=n)
    if unit.endswith(("周", "星期")):
        return today + timedelta(days=7 * n)
    return _add_months(today, n)


def _add_months(d: datetime, n: int) -> datetime:
    y, mo = divmod(d.month - 1 + n, 12)
    year, month = d.year + y, mo + 1
    return d.replace(year=year, month=month, day=min(d.day, calendar.monthrange(year, month)[1]))


@functools.lru_cache(maxsize=1)
def _dp() -> Any:
    import dateparser  # heavy (≈0.1 s): loaded on first use, warmed up by the Parser

    return dateparser


def _dateparser(expr: str, now: datetime) -> datetime | None:
    """dateparser on one extracted span, relative to ``now`` (never the wall clock)."""
    base = now.replace(tzinfo=None)
    got = _dp().parse(expr, languages=["zh"], settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "future",
                                                        "RETURN_AS_TIMEZONE_AWARE": False})
    if got is None:
        return None
    out: datetime = got.replace(tzinfo=now.tzinfo)
    return out


def warm_up(now: datetime) -> None:
    _dateparser("2026年2月25日", now)


# -- spans of days: what sold in a past period (这周卖了多少), which days a forecast covers (下周能卖多少) ----------
_SPAN_N = rf"(?<![\d月])(?P<n>{_N}|一|两)\s*(?P<u>天|日|周|个?星期|个?礼拜|个月)(?![\d号日])"
PAST_RE = re.compile(
    rf"(?P<rel>今天|今日|昨天|昨日|前天|这个?周|本周|这个?星期|这个?礼拜|上个?周|上个?星期|上个?礼拜|这个?月|本月"
    rf"|上个?月|今年|本年)|(?:最近|近|过去|前|这)\s*{_SPAN_N}|(?:最近|近|过去)\s*(?P<half>半)(?:个)?年")
# a past day of the week (上周六卖了多少 · 周六卖了多少 · 这周三): that day
_PAST_WEEKDAY = re.compile(r"(?:(?P<last>上个?)|(?P<this>这个?|本))?(?:周|星期|礼拜)(?P<d>[一二三四五六日天])(?![到至\-~])")
_WEEKDAY_N = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
# a quarter of the year (第二季度 · 二季度 · 今年一季度 · Q2; never 四季豆)
_QUARTER = re.compile(r"第(?P<q>[一二三四1-4])季度?|(?P<q3>[一二三四1-4])季度|(?<![A-Za-z0-9])[qQ](?P<q2>[1-4])(?![A-Za-z0-9])")
_NEXT_WEEK = re.compile(r"下个?(?:周|星期|礼拜)(?![一二三四五六日天末1-7])")
_WEEKEND = re.compile(r"(?P<wk>下个?|这个?|本)?(?:周|星期|礼拜)末")
_AHEAD_N = re.compile(rf"(?:未来|接下来|今后|往后|后面)?\s*{_SPAN_N}(?!以?后|之后|前)")


def _days_of(n: str, unit: str) -> int | None:
    v = numbers.value(n) if n not in ("一", "两") else {"一": 1, "两": 2}[n]
    if v is None or v <= 0:
        return None
    per = 30 if unit.endswith("月") else 7 if unit.endswith(("周", "星期", "礼拜")) else 1
    return int(v) * per


def past_span(s: str, now: datetime) -> tuple[date, date] | None:
    """The days (first, last; today at most) a past-period phrase names: 今天, 昨天, 这周 (Monday on), 上周, 本月,
    上个月, 今年, 最近7天 / 近一个月 / 这三个月 / 近半年 (ending today); None without one."""
    today = now.date()
    day = _PAST_WEEKDAY.search(s)
    if day is not None:   # 上周六 · 周六 (the last one gone by) · 这周三: that day
        wd = _WEEKDAY_N[day.group("d")]
        monday = today - timedelta(days=today.weekday())
        if day.group("last"):
            d = monday - timedelta(days=7) + timedelta(days=wd)
        else:
            d = monday + timedelta(days=wd)
            if d > today and not day.group("this"):
                d -= timedelta(days=7)
        return (d, d) if d <= today else None
    quarter = _QUARTER.search(s)
    last_year = _LAST_YEAR.search(s) if "去年" in s else None
    if quarter is not None:   # 第二季度 · 今年一季度 · Q2: its months (this year's when begun, else last year's)
        q = int(numbers.value(quarter.group("q") or quarter.group("q2") or quarter.group("q3")) or 0)
        year = today.year - 1 if last_year is not None else today.year if 3 * q - 2 <= today.month else today.year - 1
        end = date(year, 3 * q, calendar.monthrange(year, 3 * q)[1])
        return date(year, 3 * q - 2, 1), min(end, today)
    if last_year is not None:
        return _last_years(last_year, today)
    m = PAST_RE.search(s)
    if m is None:
        month = MONTH_SAID.search(s)
        return month_span(month, today) if month is not None else None   # 5月份牛腩卖了多少: that month
    rel = m.group("rel")
    if m.group("half"):   # 近半年
        return today - timedelta(days=181), today
    if rel is None:
        n = _days_of(m.group("n"), m.group("u"))
        return None if n is None or n > 3660 else (today - timedelta(days=n - 1), today)
    if rel in ("今天", "今日"):
        return today, today
    if rel in ("昨天", "昨日", "前天"):
        d = today - timedelta(days=2 if rel == "前天" else 1)
        return d, d
    monday = today - timedelta(days=today.weekday())
    if rel.startswith("上") and rel.endswith(("周", "星期", "礼拜")):
        return monday - timedelta(days=7), monday - timedelta(days=1)
    if rel.endswith(("周", "星期", "礼拜")):
        return monday, today
    first = today.replace(day=1)
    if rel.startswith("上"):
        last = first - timedelta(days=1)
        return last.replace(day=1), last
    if rel.endswith("月"):
        return first, today
    return today.replace(month=1, day=1), today


# last year, or part of it (去年卖了多少 · 去年6月 · 去年这个时候 · 去年同期 · 去年今天); not 比去年 (a comparison)
_LAST_YEAR = re.compile(r"(?<![比跟和与同较])去年(?:的)?(?:(?P<m>\d{1,2}|[一二三四五六七八九十]{1,3})月份?(?![\d日号])"
                        r"|(?P<same>这个时候|这时候|同期|这周|本周|这个星期|今天|这个月|本月))?")


def _last_years(m: re.Match[str], today: date) -> tuple[date, date] | None:
    """The days ``_LAST_YEAR`` names: a month of last year, the same day, week or month a year ago, or all of it."""
    year = today.year - 1
    ago = today.replace(year=year) if not (today.month == 2 and today.day == 29) else date(year, 2, 28)
    same = m.group("same") or ""
    month = int(numbers.value(m.group("m")) or 0) if m.group("m") else ago.month if same.endswith("月") else 0
    if m.group("m") and not 1 <= month <= 12:
        return None
    if month:
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    if same == "今天":
        return ago, ago
    if same:   # 去年这个时候 · 去年同期 · 去年这周: that week a year ago
        monday = ago - timedelta(days=ago.weekday())
        return monday, monday + timedelta(days=6)
    return date(year, 1, 1), date(year, 12, 31)


_VERSUS = re.compile(r"(?:比|跟|和|与|同|较|对比|相比|环比)(?P<rel>昨天|昨日|前天|(?:上个?)?(?:上周|上个?星期|上个?礼拜|上个?月)|去年)"
                     r"|(?P<mom>环比|同比)")


MONTH_SAID = re.compile(r"(?<![\d年])(?P<m>\d{1,2}|[一二三四五六七八九十]{1,3})月份?(?![\d日号])")


def month_span(m: re.Match[str], today: date) -> tuple[date, date] | None:
    """The month a ``MONTH_SAID`` match names (5月的对账单 · 9月的费用): this year's when it has begun, else last
    year's, to today at most; None when it is no month (13月)."""
    n = int(numbers.value(m.group("m")) or 0)
    if not 1 <= n <= 12:
        return None
    year = today.year if n <= today.month else today.year - 1
    return date(year, n, 1), min(date(year, n, calendar.monthrange(year, n)[1]), today)


def asked_span(s: str, now: datetime) -> tuple[date, date] | str | None:
    """The days a question names (5月的对账单 · 上个月的提成 · 上周的折扣): a month (``month_span``), else a past period
    (``past_span``); None: neither said; the month's words when it names no month (13月: to be asked)."""
    month = MONTH_SAID.search(s)
    if month is not None:
        return month_span(month, now.date()) or month.group(0)
    return past_span(s, now)


def versus_span(s: str, now: datetime) -> tuple[date, date, date] | None:
    """可乐比上周多卖了多少 · 这个月跟上个月比 · 今天比昨天: the period asked about (today, this week or this month so far;
    the span said, when one is: 这个月比上个月) and the first day of the one it is compared with, as many days earlier
    (the same weekdays, the same days of the month, the same days a year before); None: no comparison said."""
    m = _VERSUS.search(s)
    if m is None:
        return None
    rel = m.group("rel") or ("去年" if m.group("mom") == "同比" else "")
    today = now.date()
    if rel in ("昨天", "昨日"):
        return today, today, today - timedelta(days=1)
    if rel == "前天":   # 昨天比前天 (今天比前天: today against two days ago)
        day = today - timedelta(days=1) if re.search(r"昨[天日]", s[:m.start()]) else today
        return day, day, today - timedelta(days=2)
    mentioned = past_span(s[:m.start()] + s[m.end():], now)
    twice = rel.startswith("上") and rel[1:].lstrip("个").startswith("上")   # 上上周 · 上上个月: the one before last
    if rel.endswith(("周", "星期", "礼拜")):
        first, last = mentioned or (today - timedelta(days=today.weekday()), today)
        return first, last, (today - timedelta(days=today.weekday() + 14)) if twice else first - timedelta(days=7)
    if rel.endswith("月") or (not rel and mentioned is not None and mentioned[0].day == 1):
        first, last = mentioned or (today.replace(day=1), today)
        month = (today.replace(day=1) - timedelta(days=1)).replace(day=1) if twice else first
        before = (month.replace(day=1) - timedelta(days=1)).replace(day=min(first.day, 28))
        return first, last, before
    if rel == "去年":
        first, last = mentioned or (today.replace(day=1), today)
        try:
            return first, last, first.replace(year=first.year - 1)
        except ValueError:   # (29 February)
            return first, last, first.replace(year=first.year - 1, day=28)
    first, last = mentioned or (today - timedelta(days=today.weekday()), today)   # 环比: the period just before
    return first, last, first - timedelta(days=(last - first).days + 1)


def ahead_span(s: str, now: datetime) -> tuple[date, int] | None:
    """The first day and the number of days a forecast question names: 明天 (1 day), 下周 (next Monday, 7),
    这周末 (Saturday and Sunday), 下个月 (its first to last day), 未来3天 / 两周 / 一个月 (from today), 周六 / 12月5日
    (that day); None without one."""
    today = now.date()
    m = _WEEKEND.search(s)
    if m is not None:
        saturday = today + timedelta(days=5 - today.weekday())
        if (m.group("wk") or "").startswith("下"):
            saturday += timedelta(days=7)
        start = max(saturday, today)
        return start, (saturday + timedelta(days=1) - start).days + 1
    if _NEXT_WEEK.search(s):
        return today + timedelta(days=7 - today.weekday()), 7
    if "下个月" in s or "下月" in s:   # the whole of next month
        first = (today.replace(day=1) + timedelta(days=32)).replace(day=1)
        return first, calendar.monthrange(first.year, first.month)[1]
    m = _AHEAD_N.search(s)
    if m is not None:
        n = _days_of(m.group("n"), m.group("u"))
        if n is not None:
            return today, n
    found = find(s, now)
    if found is not None and not found.has_time and 0 <= (found.when.date() - today).days <= 90:
        return found.when.date(), 1
    return None
