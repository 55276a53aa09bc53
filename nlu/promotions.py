"""Promotions said in the chat (domain/promotions.py): 可乐打8折 · 本周可乐8折 · 可乐特价4元 · 可乐活动价4块一瓶 ·
手机壳买二送一 · 可乐买一箱送两瓶 · 手机壳第二件半价 · 饮料满100减10 · 全场每满200减20 · 南山店可乐买二送一,到周日 ·
6月20日到22日全场9折 (set) · 取消可乐的促销 · 结束促销1 · 买二送一不搞了 (ended) · 有什么促销 · 所有促销 (listed) ·
促销1效果怎么样 · 可乐促销效果 (its sales against as many days before). A message that records a sale (卖了可乐3瓶,打8折)
is never read here: that is a discount at the till."""
from __future__ import annotations

import calendar
import re
from datetime import date, time, timedelta
from decimal import Decimal

from domain import commands, errors, units
from nlu import context, dates, lexicon, numbers, scan

_N = numbers.NUMBER
_Z = r"[1-9](?:\.5|[05])?|[一二三四五六七八九]五?"
_TAIL = r"(?:的)?(?:促销|活动|优惠|特价)?(?:活动)?"
_UNIT = r"[^\d\s,，送减满折价]{1,2}?"
HINT = re.compile(rf"价签|价格标签|标价签|价格签|价格牌|价牌|价卡|价格卡|买\s*(?:{_N})\s*(?:{_UNIT})?\s*送|第二\S{{0,2}}?(?:半价|\d折|[一二三四五六七八九]折|免费)|满\s*\d+\s*(?:元|块)?\s*减"
                  rf"|(?:特价|活动价|促销价|特惠价|优惠价|半价)|(?:^|[^卖收])(?:打)?(?:{_Z})折|全场|促销|特价")
_TAGS = re.compile(r"^(?:帮我)?(?:打印|打|出|做|导出|生成|给我)?(?:一下|一份)?(?P<what>.*?)(?:的)?(?P<promo>促销|特价|活动)?"
                   r"(?:价签|价格标签|标价签|价格签|价格牌|价牌|价卡|价格卡)(?:吧|一下)?$")
_SOLD = re.compile(r"卖了|卖出|售出|卖掉|出了|拿了|买了|买走|拿走|提走|收了|实收|收到|进了")
_SHARE = re.compile(rf"^(?:打|一律|统一|全部|都)?\s*(?P<z>{_Z})\s*折(?:优惠|促销|销售|出售|酬宾)?{_TAIL}$|^(?:一律|统一|全部|都)?(?P<half>半价){_TAIL}$")
_PRICE = re.compile(rf"^(?:的)?(?:特价|活动价|促销价|特惠价|优惠价)(?:是|为|:)?\s*(?P<n>{_N})\s*(?:元|块钱?|块)?\s*(?:(?:一|每|/)\s*(?P<u>{_UNIT}))?{_TAIL}$"
                    rf"|^(?:特价|活动价|促销价)?(?:卖)?\s*(?P<n2>{_N})\s*(?:元|块钱?|块)\s*(?:(?:一|每|/)\s*(?P<u2>{_UNIT}))?\s*(?:特价|活动价|促销价|特卖)$")
_BUNDLE = re.compile(rf"^买\s*(?P<b>{_N})\s*(?P<bu>{_UNIT})?\s*送\s*(?P<f>{_N})\s*(?P<fu>{_UNIT})?{_TAIL}$")
_SECOND = re.compile(rf"^第(?:二|2)\s*(?P<u>{_UNIT})?\s*(?:(?P<half>半价)|(?:打)?(?P<z>{_Z})\s*折|(?P<free>免费|不要钱|0元)){_TAIL}$")
_THRESHOLD = re.compile(rf"^(?P<each>每)?满\s*(?P<t>{_N})\s*(?:元|块)?\s*(?:立)?减\s*(?P<o>{_N})\s*(?:元|块)?{_TAIL}$")
_ALL = re.compile(r"^(?:全场|全店|所有商品|所有东西|所有的?货|全部商品|店内|全品|所有)?(?:的)?(?:商品)?(?:都)?$")
_LIST = re.compile(r"^(?:现在|目前|最近|正在|店里|这周|本周|这个月)?(?:有|在搞|在做)?(?:什么|哪些)(?:促销|特价|优惠活动|打折活动)(?:活动)?[?？吗呢]*$"
                   r"|^(?:促销|特价)(?:活动)?(?:列表|清单|有哪些|都有什么)?[?？]?$|^(?P<all>所有|全部|历史)(?:的)?(?:促销|特价)(?:活动|记录)?$")
_END = re.compile(r"^(?:取消|结束|停止|停掉|撤掉|关掉|终止|提前结束)(?P<what>.*?)(?:的)?(?:促销|活动|特价|优惠)(?:活动)?$"
                  r"|^(?P<what2>.*?)(?:的)?(?:促销|活动|特价|优惠)?(?:活动)?(?:不搞了|不做了|结束了?|停了|停掉|取消了?|到此为止)$")
_NUMBER = re.compile(r"^(?:促销|活动|特价)\s*#?\s*(?P<n>\d{1,4})$|^#\s*(?P<n2>\d{1,4})$")
_END_NUMBER = re.compile(r"^(?:取消|结束|停止|停掉|撤掉|关掉|终止|提前结束)\s*(?:促销|活动|特价)\s*#?\s*(?P<n>\d{1,4})\s*(?:号)?$"
                         r"|^(?:促销|活动|特价)\s*#?\s*(?P<n2>\d{1,4})\s*(?:号)?(?:取消|结束|停|不搞|不做)了?$")
_SHOW_NUMBER = re.compile(r"^(?:促销|特价)\s*#?\s*(?P<n>\d{1,4})\s*(?:号)?$")
_EFFECT = re.compile(r"^(?P<what>.*?)(?:的)?(?:效果|卖得怎么样|带来了多少|有没有用|管不管用|怎么样)(?:怎么样|如何)?[?？吗呢]*$")
_PROMO_WORDS = re.compile(r"(?:的)?(?:促销|活动|特价|优惠)(?:活动)?$")
# the days it runs: 本周 · 这个月 · 到周日 · 到月底 · 6月20日到22日 · 连续3天 · 从明天开始 …
_THIS = re.compile(r"(?P<w>这个?周末|本周末|周末|本周|这周|这个?星期|这个?礼拜|本月|这个?月|今天|今日|明天|下周|下个?星期|下个?月|即日起|从今天起|从今天开始)")
_UNTIL_END = re.compile(r"(?:到|至|截止到?)\s*(?:月底|月末|本月底|这个月底)|月底前")
_DAYS_N = re.compile(rf"(?:连续|为期|持续|做|搞)?\s*(?P<n>{_N}|一|两)\s*(?P<u>天|周|个?星期|个?礼拜)")
_FROM = re.compile(r"^(?:从|自)\s*|\s*(?:开始|起)$")


def said(s: str, lex: lexicon.Lexicon, speaker: context.Speaker) -> commands.Parsed | commands.Clarify | None:
    """A promotion set, ended, listed or asked after; None: not one (a sale said with a discount, an event day)."""
    s = s.strip().rstrip("。.!！")
    m = _TAGS.match(s)
    if m is not None:   # 打印价签 · 手机壳的价签 · 音频类价签 · 打印促销价签
        return _tags(m.group("what") or "", bool(m.group("promo")), lex)
    if _SOLD.search(s):
        return None
    m = _LIST.match(s)
    if m is not None:
        return commands.Parsed(commands.PromotionQuery("all" if m.group("all") else "list"))
    m = _END_NUMBER.match(s) or _SHOW_NUMBER.match(s)
    if m is not None:   # 结束促销2 · 促销2 (how it did)
        return commands.Parsed(commands.PromotionQuery("end" if m.re is _END_NUMBER else "effect",
                                                       int(m.group("n") or m.groupdict().get("n2") or 0)))
    for pattern, action in ((_EFFECT, "effect"), (_END, "end")):
        m = pattern.match(s)
        if m is not None:
            what = (m.group("what") if m.group("what") is not None else m.groupdict().get("what2")) or ""
            found = _which(_PROMO_WORDS.sub("", what.strip()), lex)
            if found is not None:
                if isinstance(found, commands.Clarify):
                    return found
                return commands.Parsed(commands.PromotionQuery(action, *found))
    return _set(s, lex, speaker)


def _tags(what: str, promo: bool, lex: lexicon.Lexicon) -> commands.Parsed | commands.Clarify:
    """The products (or the category, the store) a sheet of price tags is asked for."""
    found = lex.scan(what, [True] * len(what))
    place = next((e.codes[0] for e in found if e.kind == "location" and len(e.codes) == 1), None)
    skus = tuple(dict.fromkeys(e.codes[0] for e in found if e.kind == "product" and len(e.codes) == 1))
    rest = re.sub(r"[、,，和及与\s]|所有|全部|商品|的", "", what)
    if not skus and rest and not place:
        cat = _target(what, lex)
        if isinstance(cat, commands.Clarify):
            return cat
        if cat[0] == "category":
            return commands.Parsed(commands.PriceTags(category=cat[1], promo=promo))
    return commands.Parsed(commands.PriceTags(skus=skus, promo=promo, location=place))


def _which(what: str, lex: lexicon.Lexicon) -> tuple[int | None, str | None, str | None] | commands.Clarify | None:
    """(number, scope, key) a promotion is named by: 促销1 · 可乐 · 饮料类 · a kind said (买二送一), or nothing (the
    latest); None: not a promotion named."""
    what = what.strip(" ,")
    m = _NUMBER.match(what)
    if m is not None:
        return int(m.group("n") or m.group("n2")), None, None
    if not what or re.fullmatch(r"(?:促销|活动|特价|优惠|这个|那个|刚才的?|现在的?)+", what):
        return None, None, None
    shape = _shape(re.sub(r"^(?:那个|这个)", "", what), lex)
    if shape is not None and not isinstance(shape, commands.Clarify):   # (手机壳买二送一: the product's)
        return None, shape[1], shape[2]
    target = _target(what, lex)
    return None if isinstance(target, commands.Clarify) and target.reason == "unknown_product" else \
        target if isinstance(target, commands.Clarify) else (None, *target)


def _shape(s: str, lex: lexicon.Lexicon) -> tuple[dict[str, object], str, str] | commands.Clarify | None:
    """(the promotion's terms, scope, key) of ``s`` with its days and store taken out: the target first, then the
    terms; None: no promotion's terms."""
    for i in range(len(s) + 1):
        head, rest = s[:i], s[i:].strip(" ,，")
        terms = _terms(rest)
        if terms is None:
            continue
        if not head.strip() and terms["kind"] != "threshold":
            return None   # (打9折 alone: a discount at the till, or of what? not read as everything's)
        target = _target(head, lex)
        if isinstance(target, commands.Clarify):
            return None if target.reason == "unknown_product" else target   # (店员最多打9折: the limit's)
        return terms, *target
    return None


def _terms(s: str) -> dict[str, object] | None:
    m = _SHARE.match(s)
    if m is not None:
        return {"kind": "share", "share": Decimal("0.5") if m.group("half") else scan.share_of(m.group("z"))}
    m = _PRICE.match(s)
    if m is not None:
        return {"kind": "price", "n": m.group("n") or m.group("n2"), "u": m.group("u") or m.group("u2") or ""}
    m = _BUNDLE.match(s)
    if m is not None:
        return {"kind": "bundle", "b": m.group("b"), "bu": m.group("bu") or "", "f": m.group("f"),
                "fu": m.group("fu") or m.group("bu") or ""}
    m = _SECOND.match(s)
    if m is not None:
        share = Decimal("0.5") if m.group("half") else Decimal(0) if m.group("free") else scan.share_of(m.group("z"))
        return {"kind": "second", "share": share, "u": m.group("u") or ""}
    m = _THRESHOLD.match(s)
    if m is not None:
        return {"kind": "threshold", "t": m.group("t"), "o": m.group("o"), "each": bool(m.group("each"))}
    return None


def _target(what: str, lex: lexicon.Lexicon) -> tuple[str, str] | commands.Clarify:
    """(scope, key) a promotion is said of: one product, a category of the catalog's, or everything (全场)."""
    return scan.goods_scope(what, lex, _ALL)


def _set(s: str, lex: lexicon.Lexicon, speaker: context.Speaker) -> commands.Parsed | commands.Clarify | None:
    today = speaker.now.date()
    hours = _hours(s)   # (晚上8点以后: taken out before the days, which would read it as today's)
    if isinstance(hours, commands.Clarify):
        return hours
    since, until, s = hours
    span = _span(s, today, speaker)
    if isinstance(span, commands.Clarify):
        return span
    first, last, rest = span
    place = next((e for e in lex.scan(rest, [True] * len(rest)) if e.kind == "location" and len(e.codes) == 1), None)
    if place is not None:
        rest = rest[:place.start] + rest[place.end:]
    rest = re.sub(r"^(?:的|,|，|\s)+|(?:,|，|\s)+$", "", rest)
    rest = re.sub(r"^(?:做|搞|开始|上|推出|开展|做个|搞个)(?:一个)?", "", rest)
    shape = _shape(rest, lex)
    if shape is None:
        return None
    if isinstance(shape, commands.Clarify):
        return shape
    terms, scope, key = shape
    kind = str(terms["kind"])
    kw: dict[str, object] = {}
    try:
        if kind in ("share", "second") and terms.get("share") is not None:
            kw["share"] = terms["share"]
        if kind == "price":
            n = numbers.value(str(terms["n"]))
            if n is None or n < 0 or scope != "sku":
                return commands.Clarify("bad_promotion", detail=s)
            kw["price"] = units.normalize(n / _base(lex, key, str(terms["u"])))
        elif kind == "bundle":
            b, f = numbers.value(str(terms["b"])), numbers.value(str(terms["f"]))
            if b is None or f is None or b <= 0 or f <= 0:
                return commands.Clarify("bad_promotion", detail=s)
            per_b = _base(lex, key, str(terms["bu"])) if scope == "sku" else Decimal(1)
            per_f = _base(lex, key, str(terms["fu"])) if scope == "sku" else Decimal(1)
            kw["buy"], kw["free"] = units.normalize(b * per_b), units.normalize(f * per_f)
        elif kind == "second":
            kw["buy"] = _base(lex, key, str(terms["u"])) if scope == "sku" else Decimal(1)
        elif kind == "threshold":
            th, off = numbers.value(str(terms["t"])), numbers.value(str(terms["o"]))
            if th is None or off is None or not 0 < off < th:
                return commands.Clarify("bad_promotion", detail=s)
            kw["threshold"], kw["off"], kw["each"] = th, off, bool(terms["each"])
    except errors.DomainError:
        return commands.Clarify("unit_mismatch", mention=key, detail=s)
    share = kw.get("share")
    if kind == "share" and isinstance(share, Decimal) and not 0 < share < 1:
        return commands.Clarify("bad_promotion", detail=s)
    return commands.Parsed(commands.SetPromotion(kind, scope, key, first, last,
                                                 location=place.codes[0] if place is not None else None,
                                                 said=rest, since=since, until=until, **kw))   # type: ignore[arg-type]


def _base(lex: lexicon.Lexicon, sku: str, unit: str) -> Decimal:
    """Base units in one ``unit`` of the product (件 · 个 · 份 without such a pack: one base unit)."""
    p = lex.product(sku)
    if not unit or unit == p.base_unit or (unit in ("件", "个", "份", "样") and unit not in p.packs):
        return Decimal(1)
    return p.to_base(Decimal(1), unit)


_HOUR = r"(?P<{p}>凌晨|早上|早晨|上午|中午|下午|傍晚|晚上|夜里)?\s*(?P<{h}>\d{{1,2}}|[一二两三四五六七八九十]{{1,3}})\s*(?:点|:|时)\s*(?P<{m}>半|\d{{2}})?"
_DAILY = r"(?:每天|每晚|天天|每日)?\s*"
_HOURS = re.compile(_DAILY + _HOUR.format(p="p1", h="h1", m="m1") + r"\s*(?:到|至|-|~)\s*" + _HOUR.format(p="p2", h="h2", m="m2")
                    + r"(?:之间|期间)?"
                    + "|" + _DAILY + _HOUR.format(p="p3", h="h3", m="m3") + r"\s*(?P<after>以后|之后|后|起|开始|过后)"
                    + "|" + _DAILY + _HOUR.format(p="p4", h="h4", m="m4") + r"\s*(?:以前|之前|前)")


def _clock(part: str | None, hour: str, minute: str | None) -> time | None:
    """晚上8点 → 20:00 · 8点半 → 08:30 · 14点 → 14:00; None: no hour of the day."""
    h = numbers.value(hour)
    if h is None or h != h.to_integral_value():
        return None
    n = int(h) + (12 if part in ("下午", "傍晚", "晚上", "夜里") and int(h) < 12 else 0)
    m = 30 if minute == "半" else int(minute) if minute else 0
    return time(n, m) if 0 <= n < 24 and 0 <= m < 60 else None


def _hours(s: str) -> tuple[time | None, time | None, str] | commands.Clarify:
    """(from, until, the rest of ``s``) of the hours of each day a promotion runs: 晚上8点以后 · 每天14点到17点 ·
    上午10点前; (None, None, s): every hour."""
    m = _HOURS.search(s)
    if m is None:
        return None, None, s
    g = m.groupdict()
    if g["h1"]:
        since, until = _clock(g["p1"], g["h1"], g["m1"]), _clock(g["p2"] or g["p1"], g["h2"], g["m2"])
        if since is None or until is None or until <= since:
            return commands.Clarify("bad_promotion", detail=s)
    elif g["h3"]:
        since, until = _clock(g["p3"], g["h3"], g["m3"]), None
        if since is None:
            return commands.Clarify("bad_promotion", detail=s)
    else:
        since, until = None, _clock(g["p4"], g["h4"], g["m4"])
        if until is None:
            return commands.Clarify("bad_promotion", detail=s)
    return since, until, s[:m.start()] + s[m.end():]


def _span(s: str, today: date, speaker: context.Speaker) -> tuple[date, date | None, str] | commands.Clarify:
    """(first day, last day or None, the rest of ``s``) of the days a promotion is said to run: from today until it
    is ended, unless said."""
    first, last = today, None
    rest = s
    m = _UNTIL_END.search(rest)
    if m is not None:
        last = today.replace(day=calendar.monthrange(today.year, today.month)[1])
        rest = rest[:m.start()] + rest[m.end():]
    m = _THIS.search(rest)
    if m is not None:
        w = m.group("w")
        monday = today - timedelta(days=today.weekday())
        if w in ("本周", "这周") or w.startswith(("这星期", "这个星期", "这礼拜", "这个礼拜")):
            first, last = today, monday + timedelta(days=6)
        elif w in ("本月", "这月", "这个月"):
            first, last = today, today.replace(day=calendar.monthrange(today.year, today.month)[1])
        elif w in ("今天", "今日"):
            first, last = today, today
        elif w in ("明天",):
            first = today + timedelta(days=1)
            last = None if re.search(r"明天(?:开始|起)", rest) else first
        elif w.endswith("周末"):
            sat = monday + timedelta(days=5)
            first, last = max(sat, today), sat + timedelta(days=1)
        elif w.startswith("下") and w.endswith(("周", "星期")):
            first, last = monday + timedelta(days=7), monday + timedelta(days=13)
        elif w.startswith("下") and w.endswith("月"):
            first = (today.replace(day=1) + timedelta(days=32)).replace(day=1)
            last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
        rest = rest[:m.start()] + rest[m.end():]
        rest = re.sub(r"^(?:开始|起)", "", rest)
    said = dates.find_days(rest, speaker.now)
    if said is not None:
        before = rest[:said.start]
        if re.search(r"(?:到|至|截止到?)\s*$", before):   # 到周日 · 至6月30日: from today (or the day said) to it
            last = said.last
            rest = rest[:said.start].rstrip().removesuffix("截止到").removesuffix("截止").removesuffix("到") \
                .removesuffix("至") + rest[said.end:]
        else:
            first, last = said.first, said.last
            rest = rest[:said.start] + rest[said.end:]
            if re.match(r"\s*(?:开始|起)", rest[said.start:]):   # 6月20日开始: until ended
                last = None
                rest = rest[:said.start] + re.sub(r"^\s*(?:开始|起)", "", rest[said.start:])
    m = _DAYS_N.search(rest)
    if m is not None and not re.search(r"买|送|满|减|第二", m.group(0)):
        v = numbers.value(m.group("n")) if m.group("n") not in ("一", "两") else Decimal({"一": 1, "两": 2}[m.group("n")])
        if v is not None and v > 0 and v == v.to_integral_value():
            per = 1 if m.group("u") == "天" else 7
            last = first + timedelta(days=int(v) * per - 1)
            rest = rest[:m.start()] + rest[m.end():]
    rest = _FROM.sub("", rest.strip(" ,，"))
    if last is not None and (last < first or first < today):
        return commands.Clarify("promo_span", detail=s)
    if last is not None and (last - first).days > 366:
        return commands.Clarify("promo_span", detail=s)
    return first, last, rest
