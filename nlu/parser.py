"""The NLU entry point: text → ``Parsed`` (a command and what was guessed) or ``Clarify``.

``Parser(catalog)`` builds the heavy parts once (jieba with the tenant's words, pinyin index,
regexes); ``parse`` is then a pure function of (text, speaker), never the database or the clock.
"""
from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

from domain import accounts, catalog, closures, commands, errors, ledger, network, periods, units
from domain import pricing as settling
from domain import rules as drules
from nlu import (
    answers,
    commissions,
    contacts,
    context,
    dates,
    discounts,
    english,
    intents,
    lexicon,
    lines,
    numbers,
    pricing,
    quotes,
    repairs,
    rules,
    scan,
    serials,
    splits,
    tenders,
    terms,
)
from nlu import expenses as costs
from nlu import invoices as bills
from nlu import (
    promotions as promos,
)
from nlu import targets as goals
from nlu import text as texts

# a number that counts days, weeks or months (最近30天), not a quantity
EXPORT_DAYS = 30   # 导出销售 without a period: the last 30 days, today included
_ONE_FILE = re.compile(r"[一1]\s*[个份张]")   # 给我一个库存表 · 导出一份销售: one file, not a quantity
_SPAN_AFTER = re.compile(r"\s*(?:天|日|周|个?星期|个?礼拜|个?月)")

Result = commands.Parsed | commands.Clarify
EDIT = re.compile(r"^(?:(?:修改|编辑|更新|改)规则\s*#?(?P<id>\d+)\s*[::,，]?\s*(?:为|成|改为|改成)?\s*(?P<rest>.+)"
                  r"|规则\s*#?(?P<id2>\d+)\s*(?:改为|改成|修改为)\s*[::]?\s*(?P<rest2>.+))$")


BACKDATE_LIMIT = dt.timedelta(days=31)   # older moves go through a count or the manager, not a chat line
HALF_YEAR = dt.timedelta(days=183)
_ABSOLUTE_DAY = re.compile(r"\d+\s*月|\d+[/-]\d+")   # a day named by its month (3月1号 · 3/1), its year unsaid
_AHEAD = re.compile(r"明|后|下|\d{4}")
_BARE_WEEKDAY = re.compile(r"(?:周|星期|礼拜)[一二三四五六日天1-7]\S*")
DISH_UNITS = frozenset({"份", "盘", "碗", "例", "道", "锅", "客"})   # portions a kitchen serves, not stock units
_SHORT = re.compile(r"(?P<exact>只到了?|只来了?|只送了?|只有|实到|实收)|少了?|缺了?|差了?|没到|没来|没送")
# a follow-up to the last write (又卖了2个 · 再来2块 · 还有牛奶1箱 · 另外奶油1箱), and the verb that restates its kind
_CONTINUES = re.compile(r"^(?:又来|再来|又|再|还有|另外)(?:了)?(?![给回])")   # (还给…, 再给…: a verb of its own)
# what is left of a loss reported after a write once its verb is read (碎了2个 · 其中3个是坏的): no product named
_LOSS_LEFT = re.compile(r"其中|(?:[碎坏烂破馊臭洒撒]|受潮|发霉|过期|变质)+")
_CONTINUE_VERB = {"receipt": "收到", "sale": "卖了", "consumption": "用了", "scrap": "报损", "production": "做了"}
_QUESTION = re.compile(r"[吗么嘛?]|多少|几个|几箱|有没有")
_NAMES_DAY = re.compile(r"天|日|号|周|星期|礼拜|月|明|后")
_BARE_DAY = re.compile(r"[\d一二三四五六七八九十]{1,3}号")   # a day of the month, its month unsaid


def _past_day(found: dates.Found, said: str, now: dt.datetime) -> dt.datetime | None:
    """The time a day said of the past stands for, where dates for orders look ahead (12月28号 said on 3 January: last
    December's; 周六 said on Monday: the last one; 20号 said on the 15th: last month's; 上午 said at 4 pm: today's);
    a day without an hour at the hour it is now. None: a day of the month the month before lacks."""
    at = found.when if found.has_time else found.when.replace(hour=now.hour, minute=now.minute, second=now.second)
    if at > now + HALF_YEAR and _ABSOLUTE_DAY.search(said) and not _AHEAD.search(said):
        at = _year_before(at)
    if at.date() > now.date() and _BARE_WEEKDAY.fullmatch(said.strip()):
        return at - dt.timedelta(days=7)
    if at.date() > now.date() and _BARE_DAY.match(said.strip()):
        return _month_before(at)
    if at.date() == now.date() + dt.timedelta(days=1) and not _NAMES_DAY.search(said):
        return at - dt.timedelta(days=1)
    return at


def _happened(found: dates.Found, said: str, now: dt.datetime) -> dt.datetime | commands.Clarify:
    """When something said to have happened did (昨天卖了… · 周六收到… · 上午那笔…): ``_past_day``. A day to come or
    past the limit: asked."""
    at = _past_day(found, said, now)
    if at is None:
        return commands.Clarify("not_understood")
    if at.date() > now.date():
        return commands.Clarify("future_move", detail=said)
    if now - at > BACKDATE_LIMIT:
        return commands.Clarify("too_old", detail=said)
    return at


def _when_window(at: dt.datetime, said: str, *, has_time: bool) -> tuple[dt.datetime, dt.datetime]:
    """The span of time a day said (昨天 · 周一: all of it), a part of it (上午 · 昨晚) or an hour (10点: two hours
    either side) covers, for finding what was recorded then."""
    day = at.replace(hour=0, minute=0, second=0, microsecond=0)
    part = _PART_OF_DAY.search(said)
    if part is not None:
        first, last = _PARTS_OF_DAY[part.group(0)]
        return day + dt.timedelta(hours=first), day + dt.timedelta(hours=last)
    if has_time:
        return max(day, at - dt.timedelta(hours=2)), min(day + dt.timedelta(days=1), at + dt.timedelta(hours=2))
    return day, day + dt.timedelta(days=1)


def _month_before(at: dt.datetime) -> dt.datetime | None:
    """The same day a month earlier (None where that month has no such day: 31号 said on 10 March)."""
    month, year = (at.month - 1, at.year) if at.month > 1 else (12, at.year - 1)
    try:
        return at.replace(year=year, month=month)
    except ValueError:
        return None


def _year_before(at: dt.datetime) -> dt.datetime:
    try:
        return at.replace(year=at.year - 1)
    except ValueError:   # 2月29日
        return at.replace(year=at.year - 1, day=28)


def supplier_or_customer(a: scan.Analysis, lex: lexicon.Lexicon, kind: str) -> str | None:
    """The code of the first partner of that kind the message names (None: none)."""
    return next((e.codes[0] for e in a.of("partner") if lex.partners[e.codes[0]].kind.value == kind), None)


class Parser:
    def __init__(self, catalog: context.Catalog) -> None:
        self.catalog = catalog
        self.lex = lexicon.Lexicon(catalog)
        self.scanner = scan.Scanner(self.lex)
        self.rules = rules.RuleParser(self.lex, self.scanner)
        self.price_move = re.compile(_PRICE_MOVE_RE.format(unit=self.scanner.unit_re))
        self.services = any(p.is_service for p in self.lex.products.values())   # (hours sold: bookings may be said)
        # the places' names, longest first (a closure's store: 南山店6月20日店休)
        self.place_names = sorted(((n, e.codes[0]) for n, e in self.lex.names.items() if e.kind == "location"),
                                  key=lambda ne: -len(ne[0]))

    def warm_up(self, speaker: context.Speaker) -> None:
        """Load lazy resources (dateparser's language data) before the first real message."""
        dates.warm_up(speaker.now)
        self.parse("收到牛奶2箱", speaker=speaker)

    # ------------------------------------------------------------ public
    def parse(self, text: str, *, speaker: context.Speaker) -> Result:
        tiered = _AT_TIER.search(text) if "价" in (text or "") and any(c.isdigit() for c in text) \
            and ("批发" in text or "会员" in text) else None
        if tiered is not None:   # 王记拿了100个手机壳,按批发价: the sale, each line at that price (was a price question)
            got = self.parse(text[:tiered.start()] + text[tiered.end():], speaker=speaker)
            return _at_tier(got, self.lex, "wholesale" if tiered.group("tier") == "批发" else "member")
        shades = _SHADES.search(text) if "色" in (text or "") else None
        if shades is not None:   # 手机壳卖了5个,3个黑色2个白色: the colours kept as its note (were an unknown product)
            got = self.parse(text[:shades.start()], speaker=speaker)
            if isinstance(got, commands.Parsed) and isinstance(got.command, commands.RecordMoves):
                said = shades.group("said")
                return replace(got, command=replace(got.command, note=",".join(x for x in (got.command.note, said) if x)))
        got = self._parse(text, speaker=speaker)
        if isinstance(got, commands.Parsed) and isinstance(got.command, commands.CountStock) \
                and len(got.command.lines) == 1 and _THEN_ORDER.search(texts.normalize(text or "").strip()):
            # 黄油只剩1块了,要订: the count, then the suggestion offered as the order
            return replace(got, command=replace(got.command, then_order=True))
        if isinstance(got, commands.Parsed) and isinstance(got.command, commands.RecordMoves) \
                and got.command.movement == commands.Movement.CUSTOMER_RETURN and got.command.lines \
                and intents.BROKEN.search(text or ""):
            return replace(got, command=_broken_back(got.command, swapped=bool(intents.SWAPPED.search(text or ""))))
        if isinstance(got, commands.Parsed) and english.BOXES.search(text or "") and not english.CASES.search(text or ""):
            return replace(got, command=_as_boxes(got.command, self.lex, priced=bool(english.PER_BOX.search(text))))
        return got

    def _parse(self, text: str, *, speaker: context.Speaker) -> Result:
        server = _NET_SERVER.search(text or "") if "@" in (text or "") else None
        if server is not None and _NET_CODE.search(text[:server.start()]):   # KG-ABCD-EFGH@https://…: read as said
            heard = self.parse(text[:server.start()] + text[server.end():], speaker=speaker)
            if isinstance(heard, commands.Parsed) and isinstance(heard.command, commands.Network) \
                    and heard.command.action == "accept":
                return replace(heard, command=replace(heard.command, server=server.group("url").rstrip("/.")))
            return heard
        s = texts.normalize(text or "")
        if s.strip() == "?":   # a question mark alone: what can be said here
            return commands.Parsed(commands.Help())
        if intents.OTHER_TALK.match(s.strip()):   # 👍 · 👌: heard (no letters in them)
            return commands.Parsed(commands.SmallTalk("other"))
        if not s or not any(c.isalnum() for c in s):
            return commands.Clarify("not_understood")
        fingerprint = _LEDGER_CHECK.fullmatch(s.strip(" !.~"))
        if fingerprint is not None:   # (before English: 校验账本指纹 #90 ea9b… is no "90 each")
            return _ledger_check(fingerprint)
        if _NET_CODE.search(s):   # (an invitation's code, before English and pinyin read its letters as words)
            linked = self._network(s.strip(" !.~"))
            if linked is not None:
                return linked
        scanned = self._barcodes(s)
        if isinstance(scanned, commands.Clarify | commands.Parsed):   # 6901234567890就是可乐 · a code not known
            return scanned
        s = scanned or s   # (卖了6901234567890 2瓶: the product's name in its place)
        if ("from " in s or "to " in s or "at " in s or "for " in s or "by " in s or " say" in s or "'s" in s
                or " in " in s or "paid " in s or " owe" in s or " took " in s or " bought " in s or " sent " in s
                or " borrowed " in s) \
                and _LATIN_WORD.search(s):
            s = self.lex.places_from_pinyin(s)   # received 50 jin beef from zhang ji: 张记
        s = english.to_chinese(s) or self.lex.from_pinyin(s) or s   # received 2 cases of 牛奶 · shoudao niunai 2 xiang
        if "小时" in s or "钟" in s:   # 一个半小时 · 6个小时 · 半个钟头: hours, as the catalog counts them
            s = _HOURS_SAID.sub(_hours, s)
        dish_use = _DISH_USE.match(s.strip(" !.~。")) if "每" in s else None
        if dish_use is not None:   # 土豆丝卖了10盘,每盘用土豆200克: the ingredients used, that many times over
            used = self._dish_used(dish_use, speaker)
            if used is not None:
                return used
        split = splits.said(s) if "," in s and any(c.isdigit() for c in s) or "分别" in s else None
        if split is not None:   # 充电宝卖了2个,一个89一个85: one line a price (充电宝卖了1个单价89元,1个单价85元)
            if not split[0]:
                return commands.Clarify("split_prices", detail=split[1])   # (卖了3个,一个89一个85: the third?)
            s = split[0]
        if ("最" in s or "排" in s) and ("商品" in s or "东西" in s or "产品" in s or "菜" in s) and _RANKED.search(s):
            s = _TOP_N.sub("", s)   # 本月毛利最高的5个商品: the products ranked (their number no quantity sold)
        if ("打算" in s or "准备" in s or "计划" in s or "想" in s or "要进" in s) and not _SOMEONE_ELSE.search(s):
            # 可乐打算进5箱 · 准备进牛腩50斤 · 打算向张记进牛腩50斤: an order to place, not goods come (were receipts)
            s = _PLANNED_BUY.sub(lambda m: (m.group("who") or "") + "订", s)
        if "就好了" in s and _WISHED.search(s):   # 可乐要是卖了10箱就好了: a wish, never a sale (was recorded)
            return commands.Clarify("not_understood")
        supposed = _SUPPOSED.search(s) if ("万一" in s or "要是" in s or "假如" in s or "假设" in s or "如果" in s) else None
        if supposed is not None:   # 万一可乐卖了10箱怎么办: what might happen, never recorded (was a sale)
            return commands.Clarify("hypothetical", detail=supposed.group(0).strip(" ,"))
        shelved = _SHELVED.search(s) if ("冻" in s or "冷" in s or "冰" in s or "架" in s or "柜" in s or "台" in s
                                         or "厨" in s or "楼" in s or "库" in s) else None
        if shelved is not None and not _NOT_SHELVED.search(s) and not any(
                e.kind == "location" for e in self.lex.scan(s, [True] * len(s))):
            # 可乐搬了2箱到冰柜 · 把20斤牛腩放冷冻 · 牛腩冻了20斤: put elsewhere in the store, no stock moved (was a
            # receipt of 2 cases, or not understood)
            return commands.Clarify("moved_in_store", detail=shelved.group(0))
        if "还没" in s or "不确定" in s or "待定" in s or "再说" in s:
            if _UNSETTLED.search(s):   # 王记说要手机壳50个,还没定: nothing settled to record (was a sale of 50)
                return commands.Clarify("unsettled")
        if ("各" in s or "每" in s or "所有" in s) and _EVERY_STORE_SENT.search(s):
            # 仓库给各店每店送2箱可乐 · 给每个店调2箱可乐: each store by name, 各 (as 给南山店和福田店各调…)
            stores = [loc.name for loc in self.lex.locations.values() if loc.kind.value == "store"
                      and not any(n in s for n in loc.names)]
            if len(stores) > 1:
                m = _EVERY_STORE_SENT.search(s)
                assert m is not None
                s = s[:m.start()] + "和".join(stores) + "各" + s[m.end():]
        if "问" in s:   # 客户问耳机还有没有10个: the question asked, as it is asked of us
            s = _ASKED_BY.sub("", s, count=1)
        if "订" in s or "进" in s or "补" in s:
            # 黄油快用完了,订5块: the order (its reason said before it; was asked to split) · 黄油只剩1块了,要订: the count
            # (the wish to order said after it; was an order of the 1 left)
            s = _RUNNING_LOW.sub(lambda m: m.group("what") + "订", s, count=1)
            s = _THEN_ORDER.sub("", s, count=1)
        can_make = _CAN_MAKE.search(s) if ("做" in s or "烤" in s or "冲" in s or "出" in s) and (
            "多少" in s or "几" in s) else None
        if can_make is not None:   # 还能做多少杯拿铁 · 牛奶还够做多少杯拿铁: what the ingredients held still make
            named = [e for e in self.lex.scan(s, [True] * len(s)) if e.kind == "product" and len(e.codes) == 1]
            made = [e for e in named if e.start >= can_make.start()]
            tail = re.sub(r"^(?:个|杯|份|块|盘|碗|炉|批|瓶|只|条|斤|公斤|升)?(?:的)?|[?？吗呢啊]+$", "", s[can_make.end():].strip())
            if not made and tail and texts.is_cjk(tail[0]):   # (还能做多少杯拿铁 where no 拿铁 is sold: that one asked)
                return commands.Clarify("unknown_product", mention=tail)
            made = made or named[-1:]
            if made:
                return commands.Parsed(commands.ProductField(made[0].codes[0], "can_make"))
        if ("做" in s or "烤" in s or "生产" in s) and _MAKE_PLANNED.search(s) and not _MAKE_ASKED_NOT.search(s) \
                and not (self.services and any(self.lex.product(c).is_service for e in self.lex.scan(s, [True] * len(s))
                                               if e.kind == "product" for c in e.codes)):
            # 明天要做可颂50个 · 可颂明天要烤50个: a work order for that day (was a purchase, or not understood); a
            # service's hours to come are an appointment (王总明天下午3点来做理疗2小时)
            s = "开工单:" + s
        written_as = _WRITTEN_AS.fullmatch(s.strip(" .!。")) if "成" in s else None
        if written_as is not None and all(len(self.lex.match_product(written_as.group(k)).skus) == 1
                                          for k in ("right", "wrong")):
            # 刚才的可乐记成雪碧了: the last write's 雪碧 was 可乐 (was a stock question)
            s = f"不是{written_as.group('wrong')},是{written_as.group('right')}"
        change = _CHANGE_GIVEN.search(s) if "找" in s else None
        if change is not None:   # 卖了可乐3瓶,收了20,找了5块: what was taken is what stayed (15; was asked which unit)
            stayed = Decimal(change.group("got")) - Decimal(change.group("back"))
            if stayed <= 0:   # (收了20,找了25: more back than given)
                return commands.Clarify("bad_amount", detail=change.group(0).strip(" ,"))
            s = s[:change.start()] + f"{change.group('lead')}收了{units.normalize(stayed):f}" + s[change.end():]
        if "换了个新" in s:   # 客人的充电宝坏了,给他换了个新的: one (was asked how many)
            s = s.replace("换了个新", "换了一个新")
        if "还有没有" in s:   # 耳机还有没有10个 (还有 read as joining words): whether it has that many
            s = re.sub(r"还有没有(?=\s*(?:\d|[一二两三四五六七八九十]))", "有没有", s)
        if "有" in s and "是" in s:   # 手机壳卖了5个,有2个是王记拿的: part of it the customer's, as 其中… says
            s = _SOME_OF.sub(",其中", s)
        if ("取消" in s or "不来" in s or "不做" in s or "来不了" in s) and not any(c.isdigit() for c in s):
            s = self._appointment_off(s)   # 取消王总明天的理疗 · 王总明天不来了: that customer's appointment
        platform = _PLATFORM_SOLD.match(s) if "美团" in s or "饿了么" in s or "抖音" in s else None
        if platform is not None and any(c.isdigit() for c in s) \
                and self.lex.partner_named(platform.group("p")) is None:   # 美团卖了可颂5个: paid through 美团
            # (a customer the catalog calls 美团 is that customer: its sale on account, as before)
            s = f"卖了{s[platform.end():].rstrip(' 。!.')},{platform.group('p')}的"
        came_short = _CAME_THEN_SHORT.search(s) if "来的" in s and ("少" in s or "缺" in s or "差" in s) else None
        if came_short is not None and any(e.kind == "location" for e in self.lex.scan(
                s[:came_short.start()], [True] * came_short.start())):   # 仓库送来的可乐到了,少了一箱: the transfer's loss
            s = s[:came_short.start("came")] + s[came_short.end("came"):]
        if "每" in s and ("少" in s or "缺" in s or "差" in s):   # 可乐进了5箱,每箱少了2瓶: 10 short, not 2
            s = _EACH_SHORT.sub(_each_short, s)
        if "称" in s or "秤" in s or "实际" in s:   # 张记送了牛腩50斤,称了一下只有48斤: what the scale says came
            s = _WEIGHED_LESS.sub(lambda m: f"{m.group('head')}{m.group('q2')}{m.group('u2') or m.group('u1')}"
                                            f"{m.group('mid')}" if m.group("u2") or m.group("u1") not in _PACKS_SAID
                                  else m.group(0), s)
        if "共" in s or "合计" in s or "总重" in s or "净重" in s:   # 收到牛腩3箱,共58斤: the 58 is what came
            s = _PACKS_IN_ALL.sub(lambda m: f"{m.group('head')}{m.group('w')}{m.group('u')}{m.group('mid')}", s)
        if "不够" in s:   # 张记送来的牛腩不够,少了2斤: what it lacked, said once
            s = re.sub(r"(?:不够|不足)[,,]\s*(?=(?:少了|差了|缺了))", "", s)
        if "卡" in s:   # 王总卡上还有多少钱 · 王总的会员卡里还剩多少: what it paid ahead
            s = _ON_CARD.sub("余额多少", s)
        if "每" in s and ("份" in s or "碗" in s or "盘" in s or "串" in s or "杯" in s or "客" in s or "例" in s):
            s = splits.portions(s) or s   # 牛腩今天卖了8份,每份半斤: 4斤 of it
        if ("批" in s or "次" in s or "趟" in s or "车" in s) and any(c.isdigit() for c in s):
            s = splits.batches(s) or s   # 牛腩今天到了两批,一批20斤一批30斤: each delivery a line (…到了20斤和30斤)
        freight = _FREIGHT.search(s) if _FREIGHT_HINT.search(s) else None
        if freight is not None:   # 收到牛腩50斤,单价30,运费50 · …,运费50已付: the receipt, with what bringing it cost
            return self._freight(s, freight, speaker)
        if "少了" in s:
            in_house = _SHORT_USED.fullmatch(s.strip(" !.~。"))
            if in_house is not None:   # 牛腩少了3斤,被厨房用了 · 可乐少了2瓶,员工喝了: used, not lost
                s = f"{in_house.group('what')}用了{in_house.group('q')}"
        if "剩" in s or "其余" in s or "余下" in s:
            if "没" in s:   # 可颂剩了10个没卖 · 可颂没卖完,还剩10个: the rest was sold, as 卖剩10个 says
                s = _UNSOLD_LEFT.sub("卖剩", _LEFT_UNSOLD.sub(r"卖剩\g<q>", s))
            s = _REST_COUNTED.sub("", s)   # 把剩下的8个可颂报损: the 8 said are what moves (剩下的 no count)
            left = _LEFT_THEN.fullmatch(s.strip(" !.~。"))
            if left is not None:   # 昨天的可颂还剩5个,打折卖了: those 5 sold (was a count of 5)
                s = f"{re.sub(r'^(?:昨天|前天|昨晚|前一天)的', '', left.group('head'))}{left.group('how')}{left.group('q')}"
            s = _REST_LATER.sub("", s)   # 王记拿走了手机壳30个,剩下的下次拿: what is left of its order stays on order
        weighed = _WEIGHED.match(s) if "一下" in s or "了" in s else None
        if weighed is not None:   # 牛腩称了一下,还有38斤: what the scale says is a count
            s = weighed.group("what") + s[weighed.end():]
        extra = _FOUND_MORE.fullmatch(s.strip(" !.~。")) if "多出" in s else None
        if extra is not None:   # 可乐多出来3瓶: more on the shelf than the books say (盘盈)
            s = f"盘点发现{extra.group('what')}多了{extra.group('q')}"
        if "不" in s or "找" in s or "丢" in s or "没" in s:
            s = _GONE_MISSING.sub("少了", s)   # 牛腩差了2斤,不知道去哪了: a loss, as 少了…找不到 is
        came_back = _CAME_BACK.fullmatch(s.strip(" !.~。")) \
            if "退" in s and "的" in s and not re.search(r"客人|顾客|客户|退款|退钱", s) else None
        if came_back is not None and self._names_goods(came_back.group("rest")):
            # 今天进的牛腩不新鲜,退回去3斤 · 张记昨天送的牛腩退了3斤: to the supplier, now
            who = came_back.group("who")
            to = f"{who}的" if who and self.lex.partner_named(who) else ""
            s = f"{to}{came_back.group('rest')}{'退回' if to else '退给供应商'}{came_back.group('after')}"
        sold_back = _SOLD_BACK.fullmatch(s.strip(" !.~。")) if "退" in s and "的" in s else None
        if sold_back is not None and self._names_goods(sold_back.group("rest")):   # 客人昨天买的可乐退了2瓶: back now
            s = f"{sold_back.group('who')}{sold_back.group('who2') or ''}{sold_back.group('rest')}"
        numbered = self._numbered_came(s.strip(" !.~。"), speaker) if re.match(r"(?:采购单|订单|进货单)", s) else None
        if numbered is not None:   # 订单1的牛腩到了45斤 · 订单1到了,牛腩少了5斤 · 订单#1到了45斤: that order received
            return numbered
        moved = _MOVED_CAME.fullmatch(s.strip(" !.~。")) if "调" in s or "过来" in s or "送" in s or "发" in s else None
        if moved is not None:   # 仓库调的可乐到了 · 调过来的可乐收到了: a transfer come (its order received, as 福田的牛腩到了 is)
            s = f"{moved.group('src')}的{moved.group('rest')}" if moved.group("src") else moved.group("rest")
        ordered = _ORDERED_CAME.fullmatch(s.strip(" !.~。"))
        if ordered is not None:   # 昨天订的牛腩到了: what was ordered came (its order received, as 牛腩到了 is)
            who = ordered.group("who")
            return self.parse(f"{who}的{ordered.group('rest')}" if who else ordered.group("rest"), speaker=speaker)
        owed = _REST_OWED.search(s)
        if owed is not None:   # 收到张记牛腩50斤,付了1000,剩下的下次给: what was paid of the goods, the rest owed
            part = self._rest_owed(s, owed, speaker)
            if part is not None:
                return part
        swapped = self._exchange(s, speaker) if "换" in s else None
        if swapped is not None:   # 客人拿手机壳换了一个充电宝: the one back, the other sold
            return swapped
        short_of = _SHORT_OF_SEND.fullmatch(s.strip(" !.~"))
        if short_of is not None:   # 南山店缺可乐,发2箱过去: those goods sent there
            s = f"给{short_of.group('to')}{short_of.group('v')}{short_of.group('what')}{short_of.group('q')}"
        plain = s.strip(" !.~")
        each = _EACH_PLACE.search(plain)
        asked = re.sub(r"(?:的)?(?:排名|排行榜?|对比|比较)$", "", plain[:each.start()] + plain[each.end():]) \
            if each is not None else ""   # (各店报损排名: each store's, side by side)
        if each is not None and asked:   # 每个店的库存 · 各店的报损 · 可乐各店还有多少: the question, everywhere
            rest = self.parse(asked, speaker=speaker)
            if isinstance(rest, commands.Parsed) and isinstance(
                    rest.command, commands.QueryStock | commands.StockInfo | commands.MovesQuery | commands.SalesQuery) \
                    and rest.command.location is None:
                if isinstance(rest.command, commands.SalesQuery):
                    return replace(rest, command=replace(rest.command, by_store=True))
                # (someone with a store of their own: every store's, not theirs alone)
                return replace(rest, command=commands.EachStore(rest.command)) if speaker.user.location else rest
        bad_day = _no_such_day(plain, speaker.now)
        if bad_day is not None:   # 6月31日店休 · 2月30日卖了…: a day the calendar lacks (was read as a product 「月」)
            return commands.Clarify("bad_day", detail=bad_day)
        standing = self._standing(plain, speaker, original=(text or "").strip()) \
            if "每" in plain and (rules.RECURRING.search(plain) or _MONTHLY.match(plain)) else None
        if standing is not None:   # 每周一向张记订牛腩50斤 · 团餐每周一要牛腩20斤: an order placed on each of those days
            return standing
        books = _BOOKS_SAY.fullmatch(plain) or _BOOKS_VS.fullmatch(plain)
        if books is not None:   # 账上可乐多了5瓶: the shelf has 5 fewer than the books (a loss); 实物比账上多…: a surplus
            shelf = books.group("d") if books.re is _BOOKS_VS else {"多": "少", "少": "多"}[books.group("d")]
            s = plain = f"盘点发现{books.group('a')}{shelf}了{books.group('b')}"
        repriced = (_REPRICED.fullmatch(plain) or (_TOO_DEAR.fullmatch(plain) if "太" in plain or "有点" in plain
                                                     else None)) \
            if "改" in plain or "调" in plain or "定为" in plain or "降到" in plain or "涨到" in plain else None
        if repriced is not None:   # 把可乐改成6块 · 可乐和雪碧都改成6块: their selling price (no count in 块 among them)
            what = repriced.group("what")
            named = self.lex.scan(what, [True] * len(what))
            goods = [e for e in named if e.kind == "product"]
            joiners = "".join(c for i, c in enumerate(what) if not any(e.start <= i < e.end for e in named))
            if goods and len(goods) == len(named) and all(len(e.codes) == 1 for e in goods) \
                    and re.fullmatch(r"[和、,及与跟\s]*", joiners) \
                    and (repriced.re is _TOO_DEAR or not any(self.lex.product(e.codes[0]).accepts("块") for e in goods)):
                s = plain = (f"{repriced.group('what')}售价{repriced.group('all') or ''}{repriced.group('v')}"
                             f"{repriced.group('val')}")
        bare_field = intents.BARE_FIELD.match(s)
        if bare_field is not None and self.lex.match_product(bare_field.group("head").removesuffix("的")).skus:
            s = f"{bare_field.group('head')}{bare_field.group('field')}设为{bare_field.group('value')}"   # 牛腩安全库存20斤
        quote = quotes.said(plain, self.lex, speaker, lambda said: self.parse(said, speaker=speaker)) \
            if quotes.HINT.search(plain) else None
        if quote is not None:   # 给王记报价:苹果数据线100根12元 · 报价1转订单 · 王记的报价单
            return quote
        contact = contacts.said(plain, self.lex) if contacts.HINT.search(plain) else None
        if contact is not None:   # 张记的联系人是王师傅,电话138… · 张记的电话多少: its contact, its card
            return contact
        invoice = bills.said(plain, self.lex, speaker) if bills.HINT.search(plain) else None
        if invoice is not None:   # 张记开了发票3200 · 给团餐开了发票5000 · 5月的发票核对: an invoice kept, or asked after
            return invoice
        cost = costs.said(plain, self.lex, speaker) if costs.HINT.search(plain) else None
        if cost is not None:   # 交房租5000 · 付了电费800 · 这个月的费用: a running cost kept, or the costs asked after
            return cost
        repair = repairs.said(plain, self.lex) if repairs.HINT.search(plain) else None
        if repair is not None:   # 王记送修蓝牙耳机,串号SN001,不出声 · 维修单1修好了 · 在修的: a repair ticket
            return repair
        commission = commissions.said(plain, self.lex, speaker) if commissions.HINT.search(plain) else None
        if commission is not None:   # 蓝牙耳机每副提成10元 · 这个月的提成 · 我的提成: the sellers' commission
            return commission
        target = goals.said(plain, self.lex, speaker) if goals.HINT.search(plain) else None
        if target is not None:   # 本月销售目标10万 · 小美这个月目标2万 · 目标完成得怎么样: the sales targets
            return target
        promotion = promos.said(plain, self.lex, speaker) if promos.HINT.search(plain) else None
        if promotion is not None:   # 可乐打8折 · 手机壳买二送一,到周日 · 饮料满100减10 · 有什么促销: a promotion
            return promotion
        discount = discounts.said(plain, self.lex, speaker) if discounts.HINT.search(plain) else None
        if discount is not None:   # 这个月优惠了多少 · 店员最多优惠10% · 优惠上限是多少: the discounts given, or their limit
            return discount
        tier = pricing.tier(plain, self.lex) if pricing.HINT.search(plain) else None
        if tier is not None:   # 王记按批发价 · 团餐是会员客户 · 王记改回零售价: the customer's price list
            return tier
        coded = _SERIAL_HINT.search(plain) is not None   # (serials or a warranty: read by nlu.serials below)
        by_serial = serials.setting(plain, self.lex) if coded else None
        if by_serial is not None:   # 蓝牙耳机按串号管理 · 取消蓝牙耳机的串号管理 · 蓝牙耳机不保修
            return by_serial
        unit = serials.asked(plain, self.lex, self.scanner) if coded else None
        if unit is not None:   # 串号SN001 · 串号SN001保修到什么时候 · IMEI 861234567890123在哪: one unit
            return unit
        deposit = _DEPOSIT.search(plain) if "金" in plain or "预付" in plain else None
        if deposit is not None:   # 王记订苹果数据线100根,明天提货,付了定金500: the order, and what was paid with it
            return self._with_deposit(plain, deposit, speaker)
        listed = serials.listed(plain, self.scanner) if coded else None
        fixed = serials.corrected(plain, listed[1], listed[0]) if listed is not None else None
        if fixed is not None:   # 不对,串号是SN001、SN002、SN004: the last write's units, these instead
            return fixed
        if listed is not None:   # 收到蓝牙耳机2副,串号SN001、SN002: the message without them, then those units
            return serials.attach(self.parse(serials.counted(listed[1], listed[0], self.scanner, speaker.now),
                                             speaker=speaker), listed[0])
        traced = self._trace(plain, speaker)
        if traced is not None:   # 追溯牛奶批号A123 · 15号那批牛腩卖给谁了 · 召回批号A123 · 账本校验
            return traced
        linked = self._network(plain)
        if linked is not None:   # 邀请张记加入库管网络 · 接受邀请 KG-ABCD-EFGH · 断开和张记的联网 · 库管网络
            return linked
        work = self._work(plain, speaker)
        if work is not None:   # 可颂的工序:和面30分钟… · 开工单:明天做可颂500个 · 工单1开工 · 工单1完工,做了480个 · 工单
            return work
        materials = self._materials(plain, speaker)
        if materials is not None:   # 下周要做可颂500个,原料够不够 · 做500个可颂要买什么 · 生产计划:可颂500个
            return materials
        center = self._center(plain, speaker)
        if center is not None:   # 烤箱每天可用8小时 · 这周烤箱的负荷 · 明天烤箱排满了吗 (a work center: no product)
            return center
        service = self._service(plain, speaker)
        if service is not None:   # 高级顾问每天可约8小时 · 1小时高级顾问=2小时初级顾问 · 周六下午2点王总约了高级顾问2小时
            return service
        stand_in = self._substitute(plain)
        if stand_in is not None:   # 可颂的黄油可以用人造黄油代替 · 可颂的黄油不能用人造黄油代替
            return stand_in
        earlier = self._redate(plain, speaker) or self._earlier(plain, speaker) or self._batch_expiry(plain, speaker)
        if earlier is not None:   # 把昨天卖的可乐改成3箱 · 撤销昨天收的牛奶 · 这批牛奶保质期3天: an earlier write
            return earlier
        follow = self._order_followup(s, speaker)
        if follow is not None:   # 改成3箱 · 再加1箱牛腱 · 改成明天到, right after placing an order
            return follow
        quick = self._conversational(s, speaker)
        if quick is not None:
            return quick
        alias = self._alias(s)
        if alias is not None:   # 肥牛就是牛腩 · 牛腩又叫肥牛
            return alias
        renamed = _RENAMED.fullmatch(plain) or _RECLASSED.fullmatch(plain)
        if renamed is not None:   # 牛腩改名叫牛腩肉 · 可乐的分类改成酒水: the catalog's name or category
            found = self.lex.match_product(renamed.group("what"))
            if len(found.skus) == 1 and found.guess is None and renamed.group("new"):
                field = "name" if renamed.re is _RENAMED else "category"
                return commands.Parsed(commands.SetProduct(found.skus[0], field, renamed.group("new").strip()))
        pack = self._pack(plain)
        if pack is not None:   # 可乐一提6瓶 · 可乐一箱改成12瓶 · 可乐的单位改成箱 (refused)
            return pack
        partner = _ADD_PARTNER.match(s)
        if partner is not None:   # 新增客户王老板,信用额度5000 · 添加供应商李记,交货期2天
            return self._add_partner(partner)
        retired = self._retire(s)
        if retired is not None:   # 酸菜下架 · 删除商品酸菜 · 恢复酸菜
            return retired
        if _ME_ASKED.fullmatch(plain.strip(" ?!.~").lower()) and speaker is not None:   # 我是谁 · 我有什么权限
            return commands.Parsed(commands.StaffQuery(username=speaker.user.username))
        staff = self._staff(plain) or self._staff_asked(plain)
        if staff is not None:   # 小王调到福田店了 · 小王离职了 · 把小王升为店长 · 南山店有哪些人 · 小王是哪个店的
            return staff
        recipe = self._recipe(plain, speaker)
        if recipe is not None:   # 可颂的配方:面粉50克,黄油25克 · 做10个可颂要面粉0.5公斤 · 可颂的配方 · 删除可颂的配方
            return recipe
        kept = self._storage_temp(plain)
        if kept is not None:   # 牛奶冷藏2到6度 · 牛奶储存温度不能超过6度 · 牛奶储存温度多少
            return kept
        priced = self._price_now(plain, speaker)
        if priced is not None:   # 牛腩涨价了,35一斤 · 牛腩现在进价35 · 可乐现在卖5块一瓶
            return priced
        if _REVENUE_SAID.fullmatch(s.strip(" !.~")):   # 今天营业额3500: money alone is no goods; said what to send
            return commands.Clarify("revenue_said")
        added = _ADD_PRODUCT.match(s)
        if added is not None:   # 新增商品羊肉,单位斤,一箱20斤,售价58元
            return self._add_product(added.group("name"), added.group("rest"))
        retime = self._retime(s) if "规则" in s or "提醒" in s else None
        if retime is not None:   # 规则1改成每天早上8点 · 把规则2的时间改成晚上9点 (never the rule restated: EDIT)
            return retime
        edit = EDIT.match(s)
        if edit is not None:
            return self._edit_rule(int(edit.group("id") or edit.group("id2")), edit.group("rest") or edit.group("rest2"),
                                   speaker)
        stop = intents.STOP_REMINDER.match(s.strip(" !.~")) if "提醒" in s or "通知" in s else None
        if stop is not None:   # 不要再提醒我盘点了 · 取消订牛奶的提醒: not a reminder to set
            managed = self._manage_rules(s)
            if managed is not None:
                return managed
        if ("提醒" in s or "通知" in s or "告诉" in s) and _LATE_ORDER.search(s):
            return commands.Clarify("late_po_auto")   # 张记的货晚到了就提醒我: the late-order alert, always on
        once = self.rules.parse_once(s, speaker=speaker, original=(text or "").strip()) \
            if "提醒" in s or "通知" in s or "告诉" in s else None
        if once is not None:   # 明天早上提醒我订牛奶
            return once
        mine = _TELL_ME.match(s)
        cond = _CONDITION_FIRST.match(mine.group("rest")) if mine is not None else None
        if mine is not None and cond is not None:   # 提醒我可乐低于50瓶的时候订货: the rule, said condition first
            return self.rules.parse(cond.group("when") + mine.group("verb") + cond.group("what"), speaker=speaker,
                                    original=(text or "").strip())
        relay = self._relay(s, speaker) if _RELAY.match(s) else None
        if isinstance(relay, commands.Parsed) and isinstance(relay.command, commands.Relay):
            if rules.is_news(relay.command.text):   # 通知陈采购:可乐断货了 (a condition's words, and no condition)
                return relay
            cond = _CONDITION_FIRST.match(relay.command.text)
            if cond is not None and s.endswith(relay.command.text):   # 提醒陈采购可乐低于50瓶的时候订货: the rule
                said = cond.group("when") + s[:-len(relay.command.text)] + cond.group("what")   # said condition first
                return self.rules.parse(said, speaker=speaker, original=(text or "").strip())
        scaled = _SAFETY_SCALE.search(s) if "安全" in s or "预警" in s or "最低库存" in s else None
        if scaled is not None and not re.match(r"(?:当|如果|要是|一旦|只要|每)", s) and not re.search(r"时|就", s):
            a = self.scanner.analyse(s, speaker.now)   # 把南山店的安全库存都调高10%: each one's, by that share (no rule)
            return self._scale_safety(a, _SAFETY_SCALE.search(a.s) or scaled)
        if rules.looks_like_rule(s) and not intents.RESTOCK_NOW.search(s):   # (按安全库存补货: the list, not a rule)
            return self.rules.parse(s, speaker=speaker, original=(text or "").strip())
        relay = self._relay(s, speaker)
        if relay is not None:   # 通知陈采购:牛腩快没了 · 告诉刘店长冰箱坏了 (now; a condition makes it a rule)
            return relay
        managed = self._manage_rules(s)
        if managed is not None:
            return managed
        a = self.scanner.analyse(_self_corrected(self.scanner, s, speaker.now), speaker.now)
        a = self._continued(a, speaker) or a
        return self._command(a, speaker)

    def parse_supplier(self, text: str, *, speaker: context.Speaker) -> commands.SupplierUpdate | None:
        """What a supplier says of its order: 订单1已发货 · #3发货了 · 牛腩明天上午10点送到 · 订单2后天到 (None: something
        else; it is shown its orders)."""
        s = texts.normalize(text or "")
        number = _ORDER_NUMBER.search(s)
        rest = s[:number.start()] + s[number.end():] if number else s
        trouble = _SUPPLIER_TROUBLE.search(rest)
        if trouble is not None:   # 订单1明天送不了 · 牛腩只能送30斤 · 没货了: its words to the store; nothing moves
            return commands.SupplierUpdate(order_id=int(number.group(1) or number.group(2)) if number else None,
                                           note=s.strip(),
                                           eta=_promised_after(rest[trouble.end():], speaker.now, whole=rest))
        shipped = _SUPPLIER_SHIPPED.search(rest) is not None
        found = dates.find(rest, speaker.now) if re.search(r"送|到|来", rest) else None   # (明天送 · 下午到 · 后天来)
        eta = found.when if found is not None and found.when > speaker.now else None
        soon = _SUPPLIER_SOON.search(rest)
        if soon is not None:   # 半小时到 · 20分钟后送到 · 一个半小时到: that long from now, so on its way
            eta, shipped = eta or speaker.now + _span(soon), True
        ack = _SUPPLIER_ACK.fullmatch(rest.strip(" ,.!~")) is not None
        if not shipped and eta is None and not ack:
            return None
        return commands.SupplierUpdate(order_id=int(number.group(1) or number.group(2)) if number else None,
                                       shipped=shipped, eta=eta, ack=ack or eta is not None)

    def parse_answer(self, text: str, *, pending: commands.Clarify,
                     speaker: context.Speaker) -> Result | None:
        return answers.answer(self, text, pending=pending, speaker=speaker)

    # ------------------------------------------------------------ small intents
    def _conversational(self, s: str, speaker: context.Speaker | None = None) -> Result | None:
        bare = s.strip(" !.~")
        # 供应商记错了,应该是绿源 · 客户写错了: which part was wrong, said first (the partner the rest names)
        bare = re.sub(r"^(?:供应商|客户|厂家|商家|客人)(?:的)?(?:名字|名称)?(?=(?:记|录|写|输|打|搞|弄)?错了|不对)", "", bare)
        if intents.UNDO.match(bare):   # 撤销刚才那笔入库: only if it was one
            return commands.Parsed(commands.Undo(kinds=_undo_kinds(bare)))
        few = _UNDO_FEW.fullmatch(bare) if speaker is not None and _UNDO_HINT.search(bare) else None
        if few is not None:   # 撤销最后两条 · 刚才那三笔都删掉: the speaker's newest writes, that many, listed to undo
            got = few.group("n") or few.group("n2")
            many = int(got) if got.isdigit() else numbers.INDEX_WORDS.get(got, 0)
            kinds = _undo_kinds(bare)
            if many == 1:
                return commands.Parsed(commands.Undo(kinds=kinds))
            if 1 < many <= _UNDO_FEW_MAX:
                assert speaker is not None
                return commands.Parsed(commands.Undo(kinds=kinds, of=commands.Earlier(
                    start=speaker.now - dt.timedelta(days=LAST_DAYS), end=speaker.now + dt.timedelta(seconds=1),
                    kinds=kinds, said=bare, newest=many)))
        decided = _DECIDE.fullmatch(bare) or _DECIDE_WHY.fullmatch(bare)
        if decided is not None:   # 同意 · 批准#3 · 驳回2号 · 驳回#3,太贵了 · 同意,明天送 (why, or a note: told to whoever asked)
            why = decided.groupdict().get("why") or ""
            return commands.Parsed(commands.Decide(approve=decided.group("no") is None,
                                                   order_id=int(decided.group("id")) if decided.group("id") else None,
                                                   reason=why.strip(" ,.!。")))
        every = _DECIDE_ALL.fullmatch(bare)
        if every is not None:   # 全部同意 · 都批了 · 全部驳回
            return commands.Parsed(commands.Decide(approve=every.group("no") is None, every=True))
        if intents.LAST_ASKED.match(bare):   # 刚才卖的耳机是99还是89 · 刚才收的是几箱: the last writes shown
            return commands.Parsed(commands.MyRecords(limit=3))
        if intents.MY_RECORDS.match(bare):   # 刚才记了什么 · 最近10条记录
            n = re.search(r"(\d+|[一二两三四五六七八九十]+)(?:条|笔)", bare)
            return commands.Parsed(commands.MyRecords(limit=min(int(numbers.value(n.group(1)) or 10), 50) if n else
                                                      20 if "今天" in bare else 10))   # (今天的记录: the day's, newest first)
        if _ANOMALY_ASKED.fullmatch(bare):   # 有没有异常 · 今天有什么异常 · 库存有没有问题 · 检查一下账
            places = [e.codes[0] for e in self.lex.scan(bare, [True] * len(bare)) if e.kind == "location"]
            return commands.Parsed(commands.Report("anomalies", location=places[0] if places else None))
        scored = _SUPPLIER_SCORE.fullmatch(bare)
        if scored is not None:   # 哪些供应商经常晚送 · 供应商准时率 · 张记送货准时吗
            who = self._one_named(scored.group("who") or "", "partner") if scored.group("who") else None
            if scored.group("who") is None or (who is not None and self.lex.partners[who].kind.value == "supplier"):
                span = dates.past_span(bare, speaker.now) if speaker is not None else None
                return commands.Parsed(commands.SupplierScore(partner=who, start=span[0] if span else None,
                                                              end=span[1] if span else None))
        if _SOLD_AT_A_LOSS.fullmatch(bare) and speaker is not None:   # 哪些商品卖亏了 · 哪些东西亏本
            span = dates.past_span(bare, speaker.now)
            today = speaker.now.date()
            first, last = span or (today - dt.timedelta(days=RANK_DAYS - 1), today)
            return commands.Parsed(commands.SalesQuery(start=first, end=last, money=True, rank="loss"))
        reset = _STORE_SAFETY_RESET.fullmatch(bare)
        if reset is not None:   # 南山店可乐的安全库存恢复默认 · 取消南山店可乐的单独安全库存: back to the product's
            whose = reset.group("head") or reset.group("head2")
            spans = self.lex.scan(whose, [True] * len(whose))
            shops = [e.codes[0] for e in spans if e.kind == "location"]
            goods = [e.codes for e in spans if e.kind == "product"]
            if len(shops) == 1 and len(goods) == 1 and len(goods[0]) == 1:
                return commands.Parsed(commands.SetProduct(goods[0][0], "safety_stock", "", location=shops[0]))
        if _PRICE_MOVES.fullmatch(bare):   # 哪些东西涨价了 · 最近哪些进价降了 · 进价有变化的
            return commands.Parsed(commands.StockInfo("price_moves"))
        if speaker is not None and _TICKETS_SAID.search(bare):   # 今天卖了几单 · 这周客单价多少: the sales counted
            shop, rest, _ = self._store_said(bare)
            if _TICKETS_ASKED.fullmatch(rest):
                today = speaker.now.date()
                first, last = dates.past_span(bare, speaker.now) or (today, today)
                return commands.Parsed(commands.SalesQuery(start=first, end=last, location=shop, money=True,
                                                           rank="tickets"))
        till = self._till(bare, speaker) if speaker is not None and _TILL_SAID.search(bare) else None
        if till is not None:   # 日结:现金3000,微信5200 · 今天的日结
            return till
        delivery = self._delivery_note(bare, speaker) if speaker is not None and _DELIVERY_NOTE.search(bare) else None
        if delivery is not None:   # 团餐今天的送货单 · 订单3的送货单 · 打印送货单#3
            return delivery
        received = self._received_note(bare, speaker) if speaker is not None and _RECEIVED_NOTE.search(bare) else None
        if received is not None:   # 张记今天的入库单 · 采购单3的入库单 · 今天的收货单
            return received
        dues = terms.said(bare, self.lex, speaker) if speaker is not None and terms.HINT.search(bare) else None
        if dues is not None:   # 团餐账期30天 · 张记月结60天 · 应收账龄 · 哪些客户逾期了 · 这周要付哪些货款
            return dues
        books = self._books(bare, speaker) if speaker is not None and _BOOKS_HINT.search(bare) else None
        if books is not None:   # 结账到5月31日 · 5月的账结了 · 月结 · 反结账 · 账结到哪天了
            return books
        closure = self._closure(bare, speaker) if speaker is not None and _CLOSED_HINT.search(bare) else None
        if closure is not None:   # 6月20日店休 · 每周一店休 · 6月20日照常营业 · 哪天店休 · 明天开门吗
            return closure
        events = self._events(bare, speaker) if speaker is not None and _EVENT_HINT.search(bare) else None
        if events is not None:   # 6月20日店庆 · 取消周六的活动 · 最近有什么活动
            return events
        counted = _LAST_COUNT.fullmatch(bare)
        if counted is not None:   # 上次盘点是什么时候 · 牛腩多久没盘了 · 今天要盘点吗
            what = next((g for g in counted.group("what", "what2", "what3", "what4", "what5") if g), "").strip(" ,的")
            place = self._one_named(what, "location") if what else None
            sku = self._one_named(what, "product") if what and place is None else None
            if not what or place is not None or sku is not None:
                return commands.Parsed(commands.LastCount(sku=sku, location=place))
        if _TODO.fullmatch(bare):   # 我该做什么 · 有什么待办: what waits for the speaker today
            return commands.Parsed(commands.Todo())
        gaps = _GAPS.fullmatch(bare)
        if gaps is not None:   # 哪些商品没有售价: what the catalog still lacks
            field = intents.FIELDS[gaps.group("f") or gaps.group("f2")]
            if field in _GAP_FIELDS:
                return commands.Parsed(commands.CatalogGaps(field))
        if _WHO_RECORDED.fullmatch(bare):   # 今天谁没记账: each of the store's people, their writes today
            return commands.Parsed(commands.MyRecords(limit=20, store=True, tally=True))
        who_did = _WHO_DID.fullmatch(bare) or _RECORDS_OF.fullmatch(bare)
        if who_did is not None:   # 今天谁报损了 · 牛腩是谁报损的 · 昨天谁收的牛奶 · 今天的收货记录: whose writes those were
            subject = re.sub(r"^(?:货物?|东西)$", "", (who_did.group("pre") + who_did.group("post")).strip(" ,的"))
            sku = self._one_named(subject, "product") if subject else None
            who = (speaker.user.username if subject == "我" and speaker is not None
                   else self._one_named(subject, "user")) if subject and sku is None else None   # (我的收货记录: his)
            asked_when = who_did.group("when") or who_did.groupdict().get("when2")   # (张记上个月的进货记录)
            span = dates.past_span(asked_when, speaker.now) if asked_when and speaker is not None else None
            partner = self._one_named(subject, "partner") if subject and sku is None and who is None else None
            if partner is not None and who_did.group("verb") in ("收货", "进货", "入库") and speaker is not None:
                first, last = span or (speaker.now.date().replace(day=1), speaker.now.date())   # 张记的进货记录
                return commands.Parsed(commands.PurchaseQuery(start=first, end=last, partner=partner))
            if who_did.re is _RECORDS_OF and who_did.group("verb") == "盘点" and who_did.group("list") in ("清单", "单据") \
                    and not subject:
                return commands.Parsed(commands.StartCount())   # 盘点清单: the count sheet
            if who_did.group("verb") in ("盘点", "盘") and who is None and (sku is not None or not subject):
                return commands.Parsed(commands.LastCount(sku=sku))   # 谁盘点的 · 盘点记录: when and by whom
            if sku is not None or who is not None or not subject:   # (小王的收货记录: his)
                return commands.Parsed(commands.MyRecords(
                    limit=20, store=who is None, who=(who,) if who else (),
                    kinds=tuple(k.value for k in _WHO_DID_KINDS[who_did.group("verb")]),
                    sku=sku, start=span[0] if span else None, end=span[1] if span else None))
        theirs = _THEIR_RECORDS.fullmatch(bare)
        if theirs is not None:   # 小王今天记了什么 · 小王的记录 · 店里都记了什么 · 大家今天记了哪些
            head = theirs.group("who") or theirs.group("who2") or ""
            people = [e for e in self.lex.scan(head, [True] * len(head)) if e.kind == "user"]
            if people and len("".join(e.mention for e in people)) >= len(re.sub(r"[和及、,\s]", "", head)):
                return commands.Parsed(commands.MyRecords(limit=20, who=tuple(e.codes[0] for e in people)))
            if re.fullmatch(r"(?:今天)?(?:店里|大家|全店|本店|所有人|各位|员工们?)", head):
                return commands.Parsed(commands.MyRecords(limit=20, store=True))
        if intents.HELP.match(bare):
            return commands.Parsed(commands.Help())
        if intents.GREETING.match(bare):
            return commands.Parsed(commands.SmallTalk("greeting"))
        if intents.THANKS.match(bare):
            return commands.Parsed(commands.SmallTalk("thanks"))
        if intents.OTHER_TALK.match(bare):
            return commands.Parsed(commands.SmallTalk("other"))
        delta = _DELTA.search(bare)
        if delta is not None:   # 可乐刚才少记了2瓶,补上 · 把多记的2瓶可乐减掉: the last write, by that much
            a = self.scanner.analyse(bare, _EPOCH)
            delta = _DELTA.search(a.masked)   # (张记多送了2斤: 记多 of a name, no correction)
            prods = [e for e in a.of("product") if len(e.codes) == 1]
            if delta is not None and len(a.qtys) == 1 and len(a.qtys[0].parts) == 1 \
                    and len({e.codes[0] for e in prods}) <= 1:
                q = a.qtys[0]
                value = q.parts[0][0]
                if value <= 0 or units.too_large(value) or lines.too_precise(value):
                    return commands.Clarify("zero_qty" if value <= 0 else "bad_qty", detail=q.raw)
                return commands.Parsed(commands.Correct(qty=value, unit=q.unit, sku=prods[0].codes[0] if prods else None,
                                                        delta=1 if delta.group("less") else -1))
        m = intents.CORRECT.match(bare)
        if m and m.end() > 0:   # (不是牛奶,是奶油: what it was not, said too)
            return self._correct(bare if bare.startswith("不是") else bare[m.end():])
        m = intents.CORRECT_NAMED.match(bare)
        if m and re.search(r"库存|存货|账上|账面", m.group("what")):
            m = None   # (手机壳库存不对,实际是30个: what is on hand counted, no write corrected)
        named = self.lex.match_product(m.group("what")).skus if m else ()
        swap = self.lex.match_product(bare[m.end():].strip(" ,.!。")).skus if m and named and re.search(r"错|不对", m.group(0)) \
            else ()
        if len(named) == 1 and len(swap) == 1 and swap != named:   # 可乐记错了,是雪碧: the last write's 可乐 was 雪碧
            return commands.Parsed(commands.Correct(qty=None, sku=swap[0], was=named[0]))
        if m and re.search(r"\d|[一二两三四五六七八九十半]", bare[m.end():]) and not intents.SET_FIELD.search(bare) \
                and named and (re.search(r"错|不对|^(?:刚才|刚刚|上一笔|上一条)", m.group(0))
                               or self._just_written(named, speaker)):
            # (牛奶改成3箱 · 可乐是5瓶 correct only a write of it just made: said after ordering, it may mean the order)
            return self._correct(f"{m.group('what')} {bare[m.end():]}")
        return None

    def _order_followup(self, s: str, speaker: context.Speaker) -> Result | None:
        """A change of the open order the speaker placed minutes ago: 改成3箱 · 牛腩改成3箱 (its quantity) · 再加1箱牛腱 ·
        牛腱也要1箱 · 再加1箱 (more of it) · 改成明天到 · 推迟到周五 (its day). None: not such a message, or no such order
        (the lookup runs only for a message that reads like one)."""
        bare = s.strip(" !.~")
        if (intents.UNDO.match(bare) or _DROP_IT.fullmatch(bare)) and not any(w in bare for w in _UNDO_KINDS) \
                and speaker.recent is not None:
            last = speaker.recent()   # 撤销 · 不要了 right after ordering: that order, never an earlier write
            if last is not None and last.order is not None:
                return commands.Parsed(commands.CancelOrder(order_id=last.order))
            if last is not None and last.payment is not None and intents.UNDO.match(bare):   # (a payment just kept)
                return commands.Parsed(commands.VoidPayment(last.payment))
            if last is not None and last.expense is not None and intents.UNDO.match(bare):   # (a cost just kept)
                return commands.Parsed(commands.VoidExpense(last.expense))
            if last is not None and last.invoice is not None and intents.UNDO.match(bare):   # (an invoice just kept)
                return commands.Parsed(commands.VoidInvoice(last.invoice))
            if last is not None and last.work_op is not None and intents.UNDO.match(bare):   # (an operation marked)
                return commands.Parsed(commands.WorkStep("unop", order_id=last.work_op))
            if last is not None and last.cancelled is not None and intents.UNDO.match(bare):   # (an order cancelled)
                return commands.Parsed(commands.CancelOrder(order_id=last.cancelled, undo=True))
            return None
        shift = _SHIFT.fullmatch(bare)
        if shift is not None and speaker.recent is not None:   # 推迟一天, right after ordering: that order's day
            last = speaker.recent()
            return self._shifted(shift, order_id=last.order, partner=None) \
                if last is not None and last.order is not None else None
        fix = intents.CORRECT.match(bare)
        named = intents.CORRECT_NAMED.match(bare) if fix is None or fix.end() == 0 else None
        more = _MORE.match(bare) or _ALSO_WANT.search(bare)
        moved = _DUE_TO.search(bare)
        if fix is not None and fix.end() > 0:
            rest = bare[fix.end():]
        elif named is not None and self.lex.match_product(named.group("what")).skus:
            rest = f"{named.group('what')} {bare[named.end():]}"
        elif more is not None:
            rest = bare[:more.start()] + " " + bare[more.end():]
        elif moved is not None:
            rest = bare[:moved.start()] + " " + bare[moved.end():]
        else:
            return None
        if speaker.recent is None or _ORDER_NAMED.search(bare) or _THE_ORDER.search(bare) \
                or self.scanner.analyse(bare, speaker.now).of("partner") or (
                    (booked := _BOOKING_MOVE.fullmatch(bare)) is not None and _guests_said(booked)):
            return None   # (订单#2改成8箱 · 绿源的订单推迟到周五 name their order; 包桌改成25人 is a booking's)
        last = speaker.recent()
        if last is None or last.order is None:
            return None
        a = self.scanner.analyse(rest, speaker.now)
        if a.date is not None and not a.qtys and not a.of("product"):   # 改成明天到: its day
            if a.date.when <= speaker.now:
                return commands.Clarify("due_past", detail=rest[a.date.start:a.date.end])
            return commands.Parsed(commands.AmendOrder(sku=None, qty=None, order_id=last.order, due=a.date.when))
        if not a.qtys or (moved is not None and more is None and fix is None and named is None):
            return None
        if more is not None:   # 再加1箱牛腱 · 牛腱也要1箱 · 再加1箱 (of its only product)
            if not a.of("product") and len(last.skus) == 1 and len(a.qtys) == 1:
                line = lines.to_line(self.lex, last.skus[0], a.qtys[0])
                if isinstance(line, lines.Problem):
                    return commands.Clarify(line.reason, mention=line.mention, detail=line.detail)
                return commands.Parsed(commands.AmendOrder(sku=None, qty=None, order_id=last.order, more=(line,)))
            read = self._read_lines(a)
            if isinstance(read, commands.Clarify):
                return read
            if not read:
                return None
            return commands.Parsed(commands.AmendOrder(sku=None, qty=None, order_id=last.order, more=read))
        prods = [e for e in a.of("product") if len(e.codes) == 1]
        sku = prods[0].codes[0] if prods else last.skus[0] if len(last.skus) == 1 else None
        if len({e.codes[0] for e in prods}) > 1 or len(a.qtys) != 1:
            return commands.Clarify("set_one_product")
        if sku is None:   # of several products, none named: the workflow asks which
            q = a.qtys[0]
            if len(q.parts) != 1 or q.parts[0][0] <= 0:
                return commands.Clarify("bad_qty", detail=q.raw)
            return commands.Parsed(commands.AmendOrder(sku=None, qty=None, order_id=last.order, amount=q.parts[0][0],
                                                       amount_unit=q.unit))
        line = lines.to_line(self.lex, sku, a.qtys[0])
        if isinstance(line, lines.Problem):
            return commands.Clarify(line.reason, mention=sku, detail=line.detail)
        return commands.Parsed(commands.AmendOrder(sku=sku, qty=line.qty, order_id=last.order,
                                                   due=a.date.when if a.date is not None else None))

    def _earlier(self, bare: str, speaker: context.Speaker) -> Result | None:
        """A correction or an undoing of an earlier write named by when it happened, and its kind or product:
        把昨天卖的可乐改成3箱 · 上午那笔牛腩应该是25斤 · 昨天的可乐记错了,应该是3箱 · 撤销昨天收的牛奶 · 周一报损的土豆删掉.
        None: not such a message (no day said first, or an order, a booking, a rule or a catalog field named)."""
        fix = _EARLIER_FIX.fullmatch(bare)
        undo = _EARLIER_UNDO.fullmatch(bare) if fix is None else None
        if fix is not None and _ASKED_HOW_MUCH.search(fix.group("tail")):
            return None   # (今天应该有多少现金: a question, no correction)
        if fix is not None:
            ref = fix.group("ref")
        elif undo is not None:
            ref = undo.group("ref") or undo.group("ref2")
        else:
            return None
        found_of = self._earlier_of(ref, speaker)
        if not isinstance(found_of, tuple):
            return found_of
        of, named, unnamed = found_of
        got: Result
        if undo is not None:
            got = commands.Parsed(commands.Undo(kinds=of.kinds, of=of))
        else:
            assert fix is not None
            tail = fix.group("tail")
            if fix.group("not") and not re.match(r"\s*(?:而是|应该是|是)", tail):
                tail = f"不是{tail}"
            got = self._correct(tail)
            if isinstance(got, commands.Parsed) and isinstance(got.command, commands.Correct):
                got = replace(got, command=replace(got.command, of=of))
        if len(named) > 1 and isinstance(got, commands.Parsed):   # 昨天卖的数据线改成20根: which 数据线, then that
            return commands.Clarify("ambiguous_product", mention=unnamed, candidates=named, partial=got.command)
        return got

    def _redate(self, bare: str, speaker: context.Speaker) -> Result | None:
        """A write recorded on the wrong day, and the day it belongs to: 刚才那笔是昨天的 · 刚才那笔记到昨天 · 不对,是昨天卖的 ·
        日期错了,是6月12号 · 刚才卖的可乐是昨天下午的 (the speaker's last write) · 把今天卖的可乐改到昨天 · 上次收的牛腩是前天到的
        (an earlier one, ``_earlier_of``'s). None: not so said (no day, a day to come: an order's, or no write named)."""
        m = _REDATE.fullmatch(bare) if _REDATE_HINT.search(bare) and _DAY_WORD.search(bare) else None
        if m is None:
            return None
        when = m.group("when").strip()
        found = dates.find(when, speaker.now)
        if found is None or found.start > 0 or found.end < len(when):
            return None
        ref = m.group("ref").strip(" ,")
        plain_ref = _JUST_NOW_REF.match(ref)
        of: commands.Earlier | None = None
        sku, unnamed = None, ""
        named: tuple[str, ...] = ()
        if not ref or _JUST_NOW_REF.fullmatch(ref):   # 不对,是昨天卖的 · 刚才那笔是昨天的: the last write
            if not ref and not m.group("fix"):
                return None
        elif plain_ref is not None and plain_ref.end() > 0:   # 刚才卖的可乐是昨天的: the last write, of that product
            a = self.scanner.analyse(ref[plain_ref.end():], speaker.now)
            skus = {e.codes[0] for e in a.of("product") if len(e.codes) == 1}
            if len(skus) != 1 or a.qtys or _REF_WORDS.sub("", a.masked.replace("\x00", "")):
                return None
            sku = skus.pop()
        else:   # 把今天卖的可乐改到昨天: an earlier write, named by its day (or as the last of its kind)
            found_of = self._earlier_of(ref, speaker)
            if not isinstance(found_of, tuple):
                return None   # (今天就是周末: no write named)
            of, named, unnamed = found_of
        at = _happened(found, when, speaker.now)
        if isinstance(at, commands.Clarify):
            return None if at.reason == "future_move" else at   # (改成明天: an order's day, ``_order_followup``'s)
        fixed = commands.Correct(qty=None, sku=sku, at=at, of=of)
        if len(named) > 1:   # 把昨天卖的数据线改到前天: which 数据线, then that
            return commands.Clarify("ambiguous_product", mention=unnamed, candidates=named, partial=fixed)
        return commands.Parsed(fixed)

    def _earlier_of(self, ref: str, speaker: context.Speaker
                    ) -> tuple[commands.Earlier, tuple[str, ...], str] | commands.Clarify | None:
        """The earlier write a reference names (昨天卖的可乐 · 上午那笔牛腩 · 上次收的牛腩), the products its words could
        mean (several: asked which) and those words; None: no day (nor 上次) said first, or no write named."""
        last = _LAST_TIME.match(ref)
        found = dates.find(ref, speaker.now) if last is None else None
        if last is None and (found is None or found.start > 0) or _NOT_A_WRITE.search(ref) \
                or re.search(intents.FIELD_NAMES, ref):
            return None   # (今天可乐进价改成3块: the catalog's field, from today on)
        said_end = last.end() if last is not None else found.end if found is not None else 0
        a = self.scanner.analyse(ref[said_end:], speaker.now)
        skus = list(dict.fromkeys(e.codes[0] for e in a.of("product") if len(e.codes) == 1))
        kinds = tuple(k for pattern, ks in _REF_KINDS if pattern.search(a.masked) for k in ks)
        unnamed = _REF_WORDS.sub("", a.masked.replace("\x00", ""))
        if not skus and not kinds and not unnamed and not _A_RECORD.search(ref) \
                and not re.fullmatch(r"的?", ref[said_end:].strip()):
            return None   # (撤销昨天的 · 昨天的改成3箱: that day's writes, listed to pick from)
        if len(skus) > 1 or a.qtys:
            return None   # (昨天卖了可乐3箱,雪碧应该是2箱: a write of its own)
        named = self.lex.match_product(unnamed).skus if unnamed and not skus else ()
        if unnamed and not skus and not named:   # 撤销昨天卖的拿铁, no such product: never any sale
            return commands.Clarify("unknown_product", mention=unnamed)
        if len(named) == 1:
            skus = list(named)
        if last is not None:   # 上次收的牛腩: the newest such write of the last LAST_DAYS days
            start, end = speaker.now - dt.timedelta(days=LAST_DAYS), speaker.now + dt.timedelta(seconds=1)
        else:
            assert found is not None
            said = ref[found.start:found.end]
            at = _happened(found, said, speaker.now)
            if isinstance(at, commands.Clarify):
                return at
            start, end = _when_window(at, said, has_time=found.has_time)
        return commands.Earlier(start=start, end=end, kinds=kinds, sku=skus[0] if skus else None, said=ref,
                                partner=next((e.codes[0] for e in a.of("partner")), None),
                                last=last is not None), named, unnamed

    def _batch_expiry(self, bare: str, speaker: context.Speaker) -> Result | None:
        """When the goods of a receipt (or a bake) expire, said after it: 这批牛奶保质期3天 · 刚收的牛奶6月18号过期 · 今天到的牛奶生产日期
        6月14日 · 这批货后天到期. The speaker's latest receipt (of the product named) of the last ``LAST_DAYS`` days, or of
        the day said, is corrected so. None: not so said (a quantity said is a receipt of its own)."""
        if not _EXPIRY_SAID.search(bare):
            return None
        m = _BATCH_SAID.match(bare)
        if m is None:
            return None
        day = m.group("day")
        found = dates.find(day, speaker.now) if day else None
        if day and (found is None or found.start > 0 or found.end != len(day)):
            return None
        a = self.scanner.analyse(bare[m.end():], speaker.now)
        skus = {e.codes[0] for e in a.of("product") if len(e.codes) == 1}
        if a.qtys or len(skus) > 1 or not (a.expiry or a.shelf_days or a.produced) or (
                not skus and not re.match(r"(?:的)?(?:货|东西)", bare[m.end():])):
            return None
        if found is not None:   # 今天到的: that day's
            at = _happened(found, day, speaker.now)
            if isinstance(at, commands.Clarify):
                return at
            start, end = _when_window(at, day, has_time=found.has_time)
        else:
            start, end = speaker.now - dt.timedelta(days=LAST_DAYS), speaker.now + dt.timedelta(seconds=1)
        of = commands.Earlier(start=start, end=end, kinds=("receipt", "production"), sku=next(iter(skus), None),
                              said=bare[:m.end()] + (self.lex.product(next(iter(skus))).name if skus else ""),
                              last=found is None)
        return commands.Parsed(commands.Correct(
            qty=None, of=of, expiry=a.expiry.when.replace(hour=23, minute=59, second=59) if a.expiry else None,
            shelf_days=a.shelf_days, produced=a.produced.when if a.produced else None))

    def _per_place(self, a: scan.Analysis, speaker: context.Speaker) -> Result | None:
        """Goods sent to several places, each with its own (今天配送:南山店牛腩20斤,福田店牛腩10斤 · 大仓给南山店送了
        牛腩20斤,福田店10斤 · 南山店要牛腩20斤,福田店要10斤,都从大仓发): one transfer to each place from the one said
        to send (从大仓 · 大仓给…), else the speaker's, recorded together; a place's amount without a product is of the
        product before it. None: not so said (some place has no goods of its own after it)."""
        places = a.of("location")
        source = next((e for e in places if a.s[max(0, e.start - 1):e.start] in ("从", "由")
                       or (re.match(r"给|发|调|拨|配送|送", a.s[e.end:])
                           and a.s[max(0, e.start - 1):e.start] not in ("给", "到", "往", "去", "送"))), None)
        dests = [e for e in places if e is not source]
        if len(dests) < 2 or any(q.start < dests[0].start for q in a.qtys) \
                or len({e.codes[0] for e in dests}) != len(dests):
            return None
        src = source.codes[0] if source is not None else speaker.user.location
        if src is None or src in {e.codes[0] for e in dests}:
            return None
        parts: list[commands.TransferStock] = []
        guesses: list[commands.Guess] = []
        product = ""
        for i, e in enumerate(dests):
            end = dests[i + 1].start if i + 1 < len(dests) else len(a.s)
            if source is not None and e.start < source.start < end:
                end = source.start - (1 if a.s[source.start - 1:source.start] in ("从", "由") else 0)
            said = a.s[e.end:end].strip(" ,;:")
            said = re.sub(r"^(?:要|的|需要|送|发|配|配送|调|拨)+", "", said)
            said = re.sub(r"[,;\s]*(?:都|全|全部)?(?:从|由)?$", "", said)
            if not [q for q in a.qtys if e.end <= q.start < end]:
                return None
            named = [p for p in a.of("product") if e.end <= p.start < end]
            if named:
                product = named[-1].mention
            elif not product:
                return None
            else:
                said = f"{product}{said}"
            got = self._command(self.scanner.analyse(
                f"从{self.lex.locations[src].name}调{said}到{self.lex.locations[e.codes[0]].name}", speaker.now),
                speaker, whole=False)
            if not isinstance(got, commands.Parsed) or not isinstance(got.command, commands.TransferStock):
                return got if isinstance(got, commands.Clarify) else None
            parts.append(replace(got.command, request=False))
            guesses += got.guesses
        return commands.Parsed(commands.Batch(tuple(parts)), tuple(dict.fromkeys(guesses)))

    def _pack(self, bare: str) -> Result | None:
        """A product's pack said as a fact of the catalog: 可乐一提6瓶 · 可乐加个包装,一提6瓶 · 可乐一箱改成12瓶 (its size in
        the base unit, said in it or in another of its units); 可乐的单位改成箱: the base unit, which the chat cannot
        change (every quantity on the books is in it). None: not such a message."""
        fixed = _BASE_UNIT_SET.fullmatch(bare)
        named = self.lex.match_product(fixed.group("what") or fixed.group("what2")).skus if fixed is not None else ()
        if len(named) == 1:
            return commands.Clarify("base_unit_fixed", mention=named[0])
        m = _PACK_SAID.fullmatch(bare)
        if m is None:
            return None
        found = self.lex.match_product(m.group("what"))
        if len(found.skus) != 1 or found.guess is not None:
            return None
        sku = found.skus[0]
        p = self.lex.product(sku)
        n = numbers.value(m.group("n"))
        unit = m.group("u") or p.base_unit
        if m.group("pack") in p.packs and n is not None and unit == p.base_unit and n == p.packs[m.group("pack")] \
                and not (m.group("said") or m.group("said0")):
            return commands.Parsed(commands.ProductField(sku, "units"))   # 可乐一箱24瓶 (as it is): its packs
        if m.group("pack") in p.packs and not (m.group("said") or m.group("said0")) and "包装" not in bare \
                and "每" + m.group("pack") not in bare:
            return None   # (可乐一箱2瓶: an amount, 1 case and 2; a pack it has is changed by saying so: 改成 · 每箱)
        if unit not in self.lex.units and not units.is_global(unit):
            return None   # (可乐一箱24瓶了吗: not a unit after the number)
        if n is None or n <= 0 or m.group("pack") == unit:
            return commands.Clarify("bad_qty", detail=m.group("n"))
        try:
            size = units.to_base(n, unit, base_unit=p.base_unit, packs={k: v for k, v in p.packs.items()
                                                                        if k != m.group("pack")})
        except errors.DomainError:
            return commands.Clarify("unit_mismatch", mention=sku, detail=unit)
        return commands.Parsed(commands.SetPack(sku=sku, pack=m.group("pack"), size=units.normalize(size)))

    @staticmethod
    def _just_written(skus: tuple[str, ...], speaker: context.Speaker | None) -> bool:
        """Whether the speaker's last write, minutes ago, holds one of these products (可乐是5瓶 right after
        recording cola corrects it; said out of the blue, it is no correction)."""
        last = speaker.recent() if speaker is not None and speaker.recent is not None else None
        return last is not None and last.movement not in ("", "order") and any(s in last.skus for s in skus)

    def _correct(self, rest: str) -> Result:
        # 是40斤不是50斤 · 不是50斤是40斤: what it was not is dropped, what it is stays
        said_not = _SAID_NOT.search(rest)
        was = self.lex.match_product(said_not.group("not")).skus if said_not is not None else ()
        rest = _SAID_NOT.sub(" ", rest).strip(" ,;")
        a = self.scanner.analyse(rest, _EPOCH)
        prods = a.of("product")
        if not a.qtys and len(prods) == 1 and len(prods[0].codes) == 1:   # 不是牛奶,是奶油: the product was wrong
            return commands.Parsed(commands.Correct(qty=None, sku=prods[0].codes[0],
                                                    was=was[0] if len(was) == 1 and was[0] != prods[0].codes[0] else None))
        places = a.of("location")
        if not a.qtys and not prods and places and _PLACE_FIX.fullmatch(a.masked.strip(" ,.!")):
            return commands.Parsed(commands.Correct(qty=None, location=places[0].codes[0]))   # 刚才是静安店的
        who = a.of("partner")
        if not a.qtys and not prods and len(who) == 1 and _PARTNER_FIX.fullmatch(a.masked.strip(" ,.!")):
            return commands.Parsed(commands.Correct(qty=None, partner=who[0].codes[0]))   # 不是张记,是绿源
        split = tenders.split(a.s) if not prods and not places else None
        if split is not None and _PAID_FIX_HEAD.fullmatch(a.s[:split[0].start()].strip(" ,.!")) \
                and not a.s[split[0].end():].strip(" ,.!。的"):   # 那笔是微信60现金27: paid several ways
            return commands.Parsed(commands.Correct(qty=None, method=ledger.split_method(split[1])))
        paid = _PAID_FIX.fullmatch(a.masked.strip(" ,.!")) if not a.qtys and not prods and not places else None
        if paid is not None:   # 刚才那笔是微信付的 · 不对,是现金: how the sale was paid
            return commands.Parsed(commands.Correct(qty=None, method=_PAID_WITH[paid.group("m")]))
        if not a.qtys:   # 错了 alone: how to correct or undo; 改成明天送: not a quantity
            return commands.Clarify("bad_qty", detail=rest) if rest.strip(" ,.!") else commands.Clarify("correct_how")
        q = a.qtys[0]
        value = q.parts[0][0] if len(q.parts) == 1 else None
        sku = prods[0].codes[0] if prods and len(prods[0].codes) == 1 else None
        if value is None and sku is not None:
            line = lines.to_line(self.lex, sku, q)
            if isinstance(line, commands.Line):
                return commands.Parsed(commands.Correct(qty=line.qty, unit="", sku=sku))
        if value is None or value <= 0:
            return commands.Clarify("zero_qty" if value is not None else "bad_qty", detail=q.raw)
        if units.too_large(value):
            return commands.Clarify("qty_too_large", detail=q.raw)
        if lines.too_precise(value):   # 改成0.0001箱
            return commands.Clarify("qty_too_precise", detail=q.raw)
        return commands.Parsed(commands.Correct(qty=value, unit=q.unit, sku=sku))

    def _edit_rule(self, rule_id: int, rest: str, speaker: context.Speaker) -> Result:
        """修改规则3:当可乐库存低于40瓶时提醒陈采购 → a new version of rule 3; 修改规则4:每周一向张记订牛腩60斤 ·
        修改规则5:每月1号交房租6000 (a standing order's or a recurring cost's) too."""
        standing = self._standing(rest.strip(" ,"), speaker, original=rest.strip()) if "每" in rest else None
        result = standing if standing is not None \
            else self.rules.parse(rest.strip(), speaker=speaker, original=rest.strip())
        if isinstance(result, commands.Parsed) and isinstance(result.command, commands.AddRule):
            return replace(result, command=replace(result.command, rule_id=rule_id))
        return result

    @staticmethod
    def _retime(s: str) -> Result | None:
        """规则1改成每天早上8点 · 把规则2的时间改成晚上9点 · 提醒3改到下午3点半: a schedule rule's new time (its days kept
        when only the time is said); None: no time said (规则1改成当可乐低于30瓶时…: the rule restated)."""
        moved = _RULE_RETIME.fullmatch(s.strip(" !.~。"))
        if moved is None:
            return None
        try:
            when = rules.retimed(moved.group("when"))
        except rules.Unsupported:
            return commands.Clarify("rule_unsupported")   # (每月32号早上8点)
        return None if when is None else commands.Parsed(commands.ManageRules(
            "retime", int(moved.group("id")), cron=when[0], workdays=when[1]))

    def _manage_rules(self, s: str) -> Result | None:
        """规则列表 · 我设了哪些提醒 · 暂停规则2 · 取消提醒1 · 不要再提醒我盘点了 (the one whose words hold 盘点)."""
        stop = intents.STOP_REMINDER.match(s.strip(" !.~"))
        if stop is not None and not re.search(r"\d", s):
            about = re.sub(r"^(?:我|我们)?(?:去|要)?|(?:的)?(?:事|事情)?$", "", stop.group("a") or stop.group("b") or "")
            if about:
                return commands.Parsed(commands.ManageRules("pause" if stop.group("v") in ("关掉", "停掉", "暂停")
                                                            else "delete", about=about))
        if not ("规则" in s or "提醒" in s) or len(s) > 20:
            return None
        after = _MANAGE_AFTER.fullmatch(s.strip(" !.~。"))
        m = after or intents.MANAGE.search(s)   # (把规则2删掉 · 规则1暂停一下: the verb after)
        if m is None:
            return None
        if "规则" not in s and not (m.group("id") or re.search(r"哪些|什么|列表|所有|全部|看看|查看|列出|我的", s)):
            return None   # (提醒 in a reminder being set: not this)
        verb, rid = (m.group("verb") or "").rstrip("了掉"), m.group("id")
        action = {"关": "pause", "停": "pause", "删": "delete", "去": "delete",   # (关掉 · 删了 · 去掉: the verb's stem)
                  "暂停": "pause", "停用": "pause", "关掉": "pause", "关闭": "pause", "停掉": "pause",
                  "恢复": "resume", "启用": "resume", "重新启用": "resume", "打开": "resume", "开启": "resume",
                  "删除": "delete", "删掉": "delete", "取消": "delete", "去掉": "delete", "回测": "backtest"}.get(verb)
        if action and rid:
            return commands.Parsed(commands.ManageRules(action, int(rid)))
        if not action:
            return commands.Parsed(commands.ManageRules("list"))
        return commands.Clarify("not_understood", detail="rule_id")

    # ------------------------------------------------------------ commands
    def _events(self, s: str, speaker: context.Speaker) -> Result | None:
        """6月20日店庆 · 周六有促销活动 · 6月20日到22日做促销 · 取消6月20日的活动 · 最近有什么活动: the company's event
        days (a day or a span of up to a month), named by the kind of event; None: not about them."""
        if _EVENT_LIST.fullmatch(s):
            return commands.Parsed(commands.EventDays("list"))
        said = dates.find_days(s, speaker.now)
        if said is None:
            return commands.Clarify("event_span", detail=s) if dates.find(s, speaker.now) else None
        if not 0 <= (said.last - said.first).days <= 31:
            return commands.Clarify("event_span", detail=s)
        days = [said.first + dt.timedelta(days=i) for i in range((said.last - said.first).days + 1)]
        words = (s[:said.start] + s[said.end:]).strip(" ,.")
        cleared = _EVENT_CLEAR.search(words)
        named = _EVENT_NAME.fullmatch(_EVENT_CLEAR.sub("", words).strip(" ,."))
        if named is None:
            return None
        return commands.Parsed(commands.EventDays("clear" if cleared else "set", days=tuple(days),
                                                  name=named.group("name")))

    def _store_said(self, s: str) -> tuple[str | None, str, list[lexicon.Span]]:
        """The one store a message about the takings names (东门店今天现金收了多少), the message without it, and the
        places named."""
        places = [e for e in self.lex.scan(s, [True] * len(s)) if e.kind == "location"]
        place = places[0].codes[0] if len(places) == 1 else None
        return place, _TILL_PLACE.sub("", s, count=1) if place else s, places

    def _till(self, s: str, speaker: context.Speaker) -> Result | None:
        """日结:现金3000,微信5200 · 今天收现金3000、支付宝800 · 交班:现金1500 (what the day took in, counted by how it
        was paid) · 今天的日结 · 这周的日结对账 (the counts against the books); None: not a cash-up."""
        place, bare, places = self._store_said(s)
        parts = list(_TILL_PART.finditer(s))
        drawer = _TILL_DRAWER_ASKED.fullmatch(bare)
        if drawer is not None:   # 钱箱里应该有多少钱 · 现金有多少 · 昨天收银机里应该有多少现金
            span = dates.past_span(drawer.group("span") or "", speaker.now)
            day = span[1] if span else speaker.now.date()
            return commands.Parsed(commands.TillCount(start=day, end=day, location=place, asked="drawer"))
        asked = _TILL_METHOD_ASKED.fullmatch(bare) or _TILL_METHODS_ASKED.fullmatch(bare)
        if asked is not None:   # 今天微信收了多少 · 这周现金收了多少钱 · 今天各付款方式收了多少 · 收款明细
            today = speaker.now.date()
            span = dates.past_span(asked.group("span") or "", speaker.now) or (today, today)
            said = next((g for g in (asked.groupdict().get(k) for k in ("m", "m2", "m3")) if g), None)
            return commands.Parsed(commands.TillCount(start=span[0], end=span[1], location=place,
                                                      asked=_PAID_WITH[said] if said else "all"))
        if not parts:
            if not _TILL_ASKED.fullmatch(bare):
                return None
            today = speaker.now.date()
            span = dates.past_span(s, speaker.now) or (today, today)
            return commands.Parsed(commands.TillCount(start=span[0], end=span[1], location=place))
        if not (_TILL_HINT.search(s) or len(parts) >= 2):
            return None   # (微信付给张记5000 · 现金3000 alone: not a cash-up)
        said = dates.find(s, speaker.now)
        rest = s
        for span_ in sorted([(p.start(), p.end()) for p in parts] + [(e.start, e.end) for e in places]
                            + ([(said.start, said.end)] if said else []), reverse=True):
            rest = rest[:span_[0]] + " " + rest[span_[1]:]
        if not _TILL_REST.fullmatch(_TILL_HINT.sub(" ", rest)):
            return None   # (other words in it: something else)
        methods: dict[str, Decimal] = {}
        for p in parts:
            n = numbers.value(p.group("n"))
            if n is None or n < 0 or not n.is_finite():
                return commands.Clarify("bad_qty", detail=p.group(0))
            key = _TILL_METHODS[p.group("m")]
            methods[key] = methods.get(key, Decimal(0)) + n
        day = said.when.date() if said else speaker.now.date()
        if day > speaker.now.date():
            return commands.Clarify("bad_day", detail=s)
        return commands.Parsed(commands.TillCount(methods=tuple(methods.items()), start=day, end=day, location=place))

    def _received_note(self, s: str, speaker: context.Speaker) -> Result | None:
        """张记今天的入库单 · 打印张记昨天的收货单 (that supplier's receipts of the day: today unless said) · 今天的入库单
        (every supplier's) · 牛腩的入库单 (of those products) · 采购单3的入库单 · 入库单#3 (that purchase order's): a
        goods-received note to file with the supplier's invoice; None when the message records goods (收货单:牛奶2箱);
        a customer's is asked to be its delivery note."""
        if not _RECEIVED_NOTE_ASKED.fullmatch(s):
            return None
        number = re.search(r"(?:采购单|订单|单号|单)\s*#?\s*(\d{1,6})|#\s*(\d{1,6})", s)
        if number is not None:
            return commands.Parsed(commands.Export("received", order_id=int(number.group(1) or number.group(2))))
        found = self.lex.scan(s, [True] * len(s))
        suppliers = [e.codes[0] for e in found if e.kind == "partner" and len(e.codes) == 1
                     and self.lex.partners[e.codes[0]].kind.value == "supplier"]
        if any(e.kind == "partner" and self.lex.partners[e.codes[0]].kind.value == "customer" for e in found):
            return commands.Clarify("received_of_customer")   # 团餐今天的入库单: a customer's goods leave (送货单)
        products = [e for e in found if e.kind == "product"]
        if len(suppliers) > 1 or any(len(e.codes) != 1 for e in products):
            return None
        day = dates.find(s, speaker.now)
        when = day.when.date() if day is not None else speaker.now.date()
        if when > speaker.now.date():
            return commands.Clarify("bad_day", detail=s[day.start:day.end] if day is not None else s)
        spans = [(e.start, e.end) for e in found] + ([(day.start, day.end)] if day is not None else [])
        left = _RECEIVED_NOTE_WORDS.sub("", "".join(c for i, c in enumerate(s)
                                                    if not any(a <= i < b for a, b in spans)))
        if left:   # 光明的入库单 with no 光明 among the suppliers: never every supplier's instead
            return commands.Clarify("unknown_partner_note", detail=left)
        places = [e.codes[0] for e in found if e.kind == "location" and len(e.codes) == 1]
        return commands.Parsed(commands.Export("received", when, when, location=places[0] if len(places) == 1 else None,
                                               partner=suppliers[0] if suppliers else None,
                                               skus=tuple(dict.fromkeys(e.codes[0] for e in products))))

    def _delivery_note(self, s: str, speaker: context.Speaker) -> Result | None:
        """团餐的送货单 · 打印团餐今天的送货单 · 团餐昨天的出库单 (that customer's sales of the day: today unless said) ·
        订单3的送货单 · 导出送货单#3 (that order's): a delivery note to print and send with the goods; None: no customer
        or order named."""
        number = re.search(r"(?:订单|单号|单)\s*#?\s*(\d{1,6})|#\s*(\d{1,6})", s)
        found = self.lex.scan(s, [True] * len(s))
        customers = [e.codes[0] for e in found if e.kind == "partner" and len(e.codes) == 1
                     and self.lex.partners[e.codes[0]].kind.value == "customer"]
        if number is not None:
            return commands.Parsed(commands.Export("delivery", order_id=int(number.group(1) or number.group(2))))
        if not found and re.fullmatch(r"(?:打印|导出|发|给我|开)?(?:一张|个)?(?:今天的)?(?:送货单|出库单|发货单|销货单|出货单)", s):
            return commands.Clarify("delivery_whose")   # 送货单 alone: whose, or which order
        if len(customers) != 1 or any(e.kind == "product" for e in found):
            return None
        day = dates.find(s, speaker.now)
        when = day.when.date() if day is not None else speaker.now.date()
        if when > speaker.now.date():
            return commands.Clarify("bad_day", detail=s[day.start:day.end] if day is not None else s)
        return commands.Parsed(commands.Export("delivery", when, when, partner=customers[0]))

    def _standing(self, s: str, speaker: context.Speaker, *, original: str) -> Result | None:
        """每周一向张记订牛腩50斤 · 每天早上8点向绿源订土豆2袋 · 团餐每周一要牛腩20斤 · 每周一、周四给团餐备牛腩20斤: a
        standing order, a rule that places the order on each day said (a customer's the day before, at 09:00, due on
        the day at the hour said); 每月1号交房租5000 · 每周一交垃圾费50: a running cost kept on each (每月交房租5000: its
        day asked). None when the rest is neither (每天早上7点提醒我盘点 is a reminder)."""
        try:
            said = rules.recurring(s)
        except rules.Unsupported as exc:
            return commands.Clarify("rule_unsupported", detail=exc.detail)
        monthly = _MONTHLY.match(s) if said is None else None
        if monthly is not None:   # 每月交房租5000: which day of the month is asked (a cost; anything else as it was)
            heard = self.parse(s[monthly.end():].strip(" ,"), speaker=speaker)
            return commands.Clarify("recurring_cost_day") if isinstance(heard, commands.Parsed) \
                and isinstance(heard.command, commands.RecordExpense) else None
        if said is None or re.search(r"提醒|通知|发给|发我|告诉|报表|清单|小结|日报", said[1]):
            return None
        heard = self.parse(said[1], speaker=speaker)
        cmd = heard.command if isinstance(heard, commands.Parsed) else None
        if isinstance(cmd, commands.RecordExpense) and cmd.day is None:   # 每月1号交房租5000: kept on each of those days
            trigger = said[0]
            return commands.Parsed(commands.AddRule(drules.RuleDraft(
                text=original, trigger=trigger, scope=drules.Scope(location=cmd.location or speaker.user.location),
                conditions=drules.Group("all", ()), actions=(drules.Action("record_expense", {
                    "amount": str(cmd.amount), "category": cmd.category, "note": cmd.note,
                    "location": cmd.location or speaker.user.location}),))))
        if isinstance(cmd, commands.PlacePurchase):
            kind, partner, location, lines = "purchase", cmd.partner, cmd.location, cmd.lines
        elif isinstance(cmd, commands.PlaceSale) or isinstance(cmd, commands.RecordMoves) \
                and cmd.movement == commands.Movement.SALE and cmd.partner and not cmd.rest and not cmd.paid:
            kind, partner, location, lines = "sale", cmd.partner, cmd.location, cmd.lines
        else:
            return None
        if kind == "sale":   # (wanted on those days: placed the day before, so the prep list books it)
            again = rules.recurring(s, ahead=1)
            assert again is not None
            said = again
        trigger, _, at, ahead = said
        if not at and isinstance(cmd, commands.PlaceSale) and cmd.due is not None \
                and (cmd.due.hour, cmd.due.minute) != (0, 0):   # …,中午12点提货: due then
            at = f"{cmd.due.hour:02d}:{cmd.due.minute:02d}"
        params: dict[str, object] = {
            "order": kind, "partner": partner, "location": location,
            "lines": [[ln.sku, str(ln.qty)] + ([str(ln.unit_price)] if ln.unit_price is not None else []) for ln in lines],
            "ahead": ahead, "at": at}
        return commands.Parsed(commands.AddRule(drules.RuleDraft(
            text=original, trigger=trigger, scope=drules.Scope(location=location or speaker.user.location),
            conditions=drules.Group("all", ()), actions=(drules.Action("place_order", params),))))

    def _numbered_came(self, s: str, speaker: context.Speaker) -> Result | None:
        """订单1的牛腩到了45斤 · 订单1的牛腩只到了45斤 · 订单1到了,牛腩少了5斤 · 订单#1到了45斤: that order received, with
        what came of it said (before: 订单1's 1 read as a quantity); None: not said so (订单1到了 alone: its own)."""
        m = _NUMBERED_HEAD.fullmatch(s)
        if m is None:
            return None
        oid, rest = int(m.group("id")), m.group("rest")
        came = _CAME_FIRST.match(rest)
        if came is not None:   # 订单1到了… (alone: ``_NUMBERED_ARRIVED``)
            tail = rest[came.end():].strip(" ,;")
            if not tail:
                return None
            lacked = _LACKED.match(tail)   # 订单1到了,少了2斤: what did not come of its one product
            q = self.scanner.qty_only(tail[lacked.end():] if lacked else tail)
            if q is not None and len(q.parts) == 1 and q.unit and q.parts[0][0] > 0:   # 订单#1到了45斤: of its one product
                return commands.Parsed(commands.ReceiveOrder(order_id=oid, amount=q.parts[0][0], amount_unit=q.unit,
                                                             amount_short=lacked is not None))
            got = self.parse(f"订的货到了,{tail}", speaker=speaker)
        else:
            got = self.parse(rest, speaker=speaker)
        if isinstance(got, commands.Parsed) and isinstance(got.command, commands.ReceiveOrder):
            return replace(got, command=replace(got.command, order_id=oid, partner=None))
        if isinstance(got, commands.Parsed) and isinstance(got.command, commands.RecordMoves) \
                and got.command.movement == commands.Movement.RECEIPT and got.command.lines:   # 订单1的牛腩到了45斤
            return commands.Parsed(commands.ReceiveOrder(order_id=oid, sku=got.command.lines[0].sku,
                                                         exact=got.command.lines))
        if isinstance(got, commands.Clarify) and got.reason == "missing_qty" and got.mention in self.lex.products:
            return commands.Parsed(commands.ReceiveOrder(order_id=oid, sku=got.mention))   # 订单1的牛腩到了
        return None

    def _names_goods(self, s: str) -> bool:
        """Whether ``s`` names a product."""
        return any(e.kind == "product" for e in self.lex.scan(s, [True] * len(s)))

    def _exchange(self, s: str, speaker: context.Speaker) -> Result | None:
        """客人拿手机壳换了一个充电宝 · 王记用2个手机壳换了充电宝 · 顾客把耳机换成充电宝: a customer's goods back and
        another product sold in their place, one batch asked first (the sale at its list price, so the difference
        is what was taken); None: no such exchange (one product, a correction, no customer said). The difference said
        after it (…,补了60块微信 · …,退了31现金 · …,补差价60,微信付的) says how it was paid, both halves so (the till
        nets them), and, if not what the list prices make it, what the new product went at."""
        plain = s.strip(" !.~。")
        at = plain.find("换")
        cut = re.search(r"[,,;;]\s*", plain[at:]) if at >= 0 else None
        head, tail = (plain[:at + cut.start()], plain[at + cut.end():]) if cut is not None else (plain, "")
        if re.fullmatch(r"(?:客人|顾客|他|她)?(?:补|退|找|付|给)了?(?:差价|差额|差钱)了?", tail):
            tail = ""   # (…,补了差价: the difference the list prices make)
        diff = _EXCHANGE_DIFF.fullmatch(tail) if tail else None
        way = (diff.group("m1") or diff.group("m1b") or diff.group("m2")) if diff is not None else None
        if tail and (diff is None or not (diff.group("n") or way)):
            return None
        m = _EXCHANGE.fullmatch(head)
        if m is None:
            return None
        back, out = m.group("a").strip(), m.group("b").strip()
        said = [self.lex.scan(x, [True] * len(x)) for x in (back, out)]
        named = [[e for e in found if e.kind == "product"] for found in said]
        if any(len(ps) != 1 or len(ps[0].codes) != 1 for ps in named) or named[0][0].codes == named[1][0].codes:
            return None
        who = m.group("who") or ""
        customer = self._one_named(who, "partner") if who and not _SOME_CUSTOMER.fullmatch(who) else None
        if who and not _SOME_CUSTOMER.fullmatch(who) and (   # (小美拿… · 绿联拿…: no customer's exchange)
                customer is None or self.lex.partners[customer].kind.value != "customer"):
            return None
        parts: list[tuple[commands.RecordMoves, tuple[commands.Guess, ...]]] = []
        counted = self.scanner.qty_re.search(back)   # (拿了2瓶可乐换成雪碧: as many of the other, when counted so)
        for text, ps, verb in ((back, named[0], "退回"), (out, named[1], "买了")):
            if not re.search(r"\d|[一两二三四五六七八九十半]", text):   # (手机壳: one of it)
                p = self.lex.product(ps[0].codes[0])
                was = self.lex.product(named[0][0].codes[0])   # (2瓶可乐 → 雪碧: 2瓶; 2个手机壳 → 充电宝, 1箱 → 牛腩: one)
                same = counted is not None and counted.group("unit") == p.base_unit == was.base_unit != "个"
                text = f"{text}{counted.group(0).strip()}" if same and counted is not None else f"{text}1{p.base_unit}"
            got = self.parse(f"{self.lex.partners[customer].name if customer else '客户'}{verb}{text}", speaker=speaker)
            if not isinstance(got, commands.Parsed) or not isinstance(got.command, commands.RecordMoves):
                return got if isinstance(got, commands.Clarify) else None
            parts.append((got.command, got.guesses))
        guesses = tuple(g for _, gs in parts for g in gs)
        if diff is None:
            return commands.Parsed(commands.Batch(tuple(c for c, _ in parts)), guesses)
        back_cmd, sold_cmd = parts[0][0], parts[1][0]
        method = _PAID_WITH[way] if way else None
        back_cmd, sold_cmd = replace(back_cmd, method=method), replace(sold_cmd, method=method)
        n = numbers.value(diff.group("n")) if diff.group("n") else None
        if n is not None:   # (补了50 where the list prices make it 60: the new one went at 50 more than the old)
            def value(c: commands.RecordMoves) -> Decimal:
                return sum((ln.qty * (ln.unit_price if ln.unit_price is not None
                                      else self.lex.product(ln.sku).unit_price or Decimal(0)) for ln in c.lines),
                           Decimal(0))
            listed = value(sold_cmd) - value(back_cmd)
            back = bool(diff.group("dir")) and diff.group("dir")[0] in "退找" or (not diff.group("dir") and listed < 0)
            taken = value(back_cmd) + (-n if back else n)
            if taken < 0:
                return commands.Clarify("bad_amount", detail=tail)
            if taken != value(sold_cmd):
                sold_cmd = replace(sold_cmd, adjust=commands.Adjust(commands.AdjustKind.TAKEN, units.normalize(taken),
                                                                    tail))
        return commands.Parsed(commands.Batch((back_cmd, sold_cmd)), guesses)

    def _rest_owed(self, s: str, m: re.Match[str], speaker: context.Speaker) -> Result | None:
        """Goods said paid in part as they moved, the rest owed (…,付了1000,剩下的下次给 · …,余款月结 · …,还欠600): a
        supplier's receipt, what was paid of it (never the goods' price; with what is still owed, their price: 1000
        paid and 600 owed for 50斤 is 32 a 斤), or a customer's sale, what was paid of it (团餐拿了可乐2箱,付了50,
        剩下的月结); None when the rest is neither."""
        rest = (s[:m.start()] + s[m.end():]).strip(" ,;")
        heard = self.parse(rest, speaker=speaker)
        if isinstance(heard, commands.Clarify) and heard.reason == "paid_how" and isinstance(
                heard.partial, commands.RecordMoves):   # 团餐拿了可乐2箱,付了100,剩下的月结: a part of the sale paid
            return commands.Parsed(replace(heard.partial, paid=True, paid_amount=Decimal(heard.mention)))
        if isinstance(heard, commands.Parsed) and isinstance(heard.command, commands.RecordMoves) \
                and heard.command.movement == commands.Movement.SALE and heard.command.paid:
            sold = self._paid_as_sold(self.scanner.analyse(rest, speaker.now), heard.command, part=True)
            return replace(heard, command=sold) if isinstance(sold, commands.RecordMoves) else sold
        if not (isinstance(heard, commands.Parsed) and isinstance(heard.command, commands.RecordMoves)
                and heard.command.movement == commands.Movement.RECEIPT and heard.command.paid):
            return None
        owed = numbers.value(m.group("n")) if m.group("n") else None
        return replace(heard, command=_paid_as_received(self.scanner.analyse(rest, speaker.now), replace(
            heard.command, paid=False, paid_amount=None), part=True, owed=owed))

    def _paid_as_sold(self, a: scan.Analysis, cmd: commands.RecordMoves, *,
                      part: bool = False) -> commands.RecordMoves | commands.Clarify:
        """A customer's goods said paid as they went (团餐拿了可乐2箱,现结 · …,微信付了240 · …,先付了100 · …,付了现金100):
        paid, with how when said. Money said that is what the goods come to at their prices is paid in full; said as a
        part (先付了100 · …,剩下的月结) it is what was paid, the rest on the account; else which it is is asked (a
        part paid, or the goods' price): ``paid_how``, the sale as drafted (its ways, no money) to complete."""
        said_pay, amount, said = _money_paid(a)
        taken = a.adjust is not None and a.adjust.kind in ("taken", "price") and "收" in a.adjust.said \
            and not re.search(r"[没不]收", a.adjust.said)
        if "收" in a.tenders_said or taken:   # 收了现金230 · 收了200: what was taken for them, so paid
            method = _paid_by(a)
            return replace(cmd, paid=True, method=method[0] if method else cmd.method)
        if not said:
            return cmd
        ls = cmd.lines
        if amount is not None and all(pr is said_pay for pr in a.prices):   # (付了100: no price of theirs)
            ls = tuple(replace(ln, unit_price=None) for ln in ls)
        listed = [ln.qty * (ln.unit_price if ln.unit_price is not None else self.lex.product(ln.sku).unit_price
                            or Decimal(-1)) for ln in ls]
        value = sum(listed, Decimal(0)) if all(v >= 0 for v in listed) else None
        method = _paid_by(a)
        drafted = replace(cmd, lines=ls, paid=False, paid_amount=None, method=method[0] if method else cmd.method)
        if amount is None or (value is not None and abs(value - amount) < Decimal("0.01")):
            return replace(drafted, paid=True)
        if part or _PAID_FIRST.search(a.s):
            return replace(drafted, paid=True, paid_amount=amount)
        return commands.Clarify("paid_how", mention=str(units.normalize(amount)), partial=drafted,
                                detail=str(units.normalize(value)) if value is not None else "")

    def _freight(self, s: str, m: re.Match[str], speaker: context.Speaker) -> Result:
        """A receipt said with its freight (运费 · 搬运费 · 快递费 …): the receipt without those words, the amount on it
        (spread over its lines' costs when recorded), paid apart when said so (运费50已付 · 运费另付给司机: not owed
        to the supplier with the goods). Freight on anything but a receipt is asked about."""
        amount = numbers.value(m.group("v"))
        if amount is None or amount < 0:
            return commands.Clarify("bad_price", detail=m.group(0).strip(" ,"))
        tail = m.group("tail") or ""
        whole = re.fullmatch(r"\s*[,，]\s*现结\s*", tail) is not None   # (运费50,现结: all of it paid)
        rest = (s[:m.start()] + (tail if whole else "") + s[m.end():]).strip(" ,;")
        if not rest or (whole and rest == "现结"):   # 运费50 alone: of which receipt?
            return commands.Clarify("freight_receipt_only", detail=m.group("what"))
        heard = self.parse(rest, speaker=speaker)
        apart = not whole and bool(m.group("paid") or tail.strip(" ,"))   # 另付运费20 · 运费50已付给司机

        def with_it(c: commands.Command | None) -> commands.Command | None:
            if isinstance(c, commands.RecordMoves) and c.movement == commands.Movement.RECEIPT:   # (运费50,搬运费20: 70)
                return replace(c, freight=units.normalize(amount + (c.freight or 0)),
                               freight_paid=apart and (c.freight is None or c.freight_paid))
            return None
        if isinstance(heard, commands.Parsed):
            got = with_it(heard.command)
            return replace(heard, command=got) if got is not None else commands.Clarify("freight_receipt_only",
                                                                                        detail=m.group("what"))
        if isinstance(heard, commands.Clarify) and heard.partial is not None:   # (收到肥牛…,运费50: which product first)
            got = with_it(heard.partial)
            return replace(heard, partial=got) if got is not None else heard
        return heard

    def _books(self, s: str, speaker: context.Speaker) -> Result | None:
        """结账到5月31日 · 5月的账结了 · 上个月结账 · 月结 (the last day whose stock moves are final) · 反结账 ·
        反结账到4月30日 · 账结到哪天了; None: not about closing the books (对账 · 货款结清了 are not)."""
        if _BOOKS_ASKED.fullmatch(s):
            return commands.Parsed(commands.CloseBooks("ask"))
        today = speaker.now.date()
        reopen = _BOOKS_REOPEN.fullmatch(s)
        m = reopen or _BOOKS_CLOSE.fullmatch(s)
        if m is None:
            return None
        said = (m.group("rest") or m.groupdict().get("rest2") or "").strip(" ,")
        through: dt.date | None = None
        month = _BOOKS_MONTH.fullmatch(said) if said else None
        if month is not None and month.group("m"):   # 5月 · 5月份: its last day (this year's, else last year's)
            n = int(numbers.value(month.group("m")) or 0)
            if not 1 <= n <= 12:
                return commands.Clarify("bad_day", detail=said)
            year = today.year if n < today.month or (n == today.month) else today.year - 1
            through = periods.month_end(year, n)
        elif month is not None:   # 上个月 · 本月
            through = periods.last_month_end(today) if month.group("rel").startswith("上") \
                else periods.month_end(today.year, today.month)
        elif said:
            found = dates.find(said, speaker.now)
            if found is None or found.start != 0:
                return None
            through = found.when.date()
        elif reopen is None:   # 月结 · 结账: the month before this one
            through = periods.last_month_end(today)
        return commands.Parsed(commands.CloseBooks("reopen" if reopen else "close", through))

    def _closure(self, s: str, speaker: context.Speaker) -> Result | None:
        """6月20日店休 · 南山店6月20日到22日装修停业 · 每周一店休 · 6月20日照常营业 · 取消每周一的店休 · 哪天店休 ·
        明天开门吗: the days a store (or every store) is closed; None: not about them."""
        place, s = self._closure_place(s)
        if _CLOSED_LIST.fullmatch(s):
            return commands.Parsed(commands.Closure("list", location=place))
        weekly = _CLOSED_WEEKLY.search(s)
        if weekly is not None:
            weekdays = dates.weekdays_said(weekly.group("days"))
            words = (s[:weekly.start()] + s[weekly.end():]).strip(" ,.")
            days: tuple[dt.date, ...] = ()
        else:
            said = dates.find_days(s, speaker.now)
            if said is None:
                return None
            if not 0 <= (said.last - said.first).days <= 92:
                return commands.Clarify("closure_span", detail=s)
            days = tuple(said.first + dt.timedelta(days=i) for i in range((said.last - said.first).days + 1))
            weekdays = ()
            words = (s[:said.start] + s[said.end:]).strip(" ,.")
        words = words.removeprefix("的").strip(" ,.")
        if days and _CLOSED_ASK.fullmatch(words):   # 明天开门吗 · 周日休息吗: that day's answer
            return commands.Parsed(commands.Closure("list", days=days, location=place))
        cleared = _CLOSED_CLEAR.fullmatch(words)
        if cleared is not None:
            return commands.Parsed(commands.Closure("clear", days=days, weekdays=weekdays, location=place))
        named = _CLOSED_SET.fullmatch(words)
        if named is None:
            return None
        why = named.group("why")   # (装修不营业 · 盘点停业一天: closed for that)
        name = _CLOSED_NAMES.get(why or named.group("name"), f"{why}停业" if why else "店休")
        return commands.Parsed(commands.Closure("set", days=days, weekdays=weekdays, name=name, location=place))

    def _closure_place(self, s: str) -> tuple[str | None, str]:
        """The store a closure names (closures.ALL for every store), and the words without it."""
        every = _EVERY_STORE.search(s)
        if every is not None:
            return closures.ALL, (s[:every.start()] + s[every.end():]).strip(" ,.")
        named = next(((n, code) for n, code in self.place_names if n in s), None)
        if named is None:
            return None, s
        at = s.index(named[0])
        rest = s[:at] + s[at + len(named[0]):]
        return named[1], re.sub(r"^(?:的|在)", "", rest.strip(" ,.")).strip(" ,.")

    def _stock_card(self, a: scan.Analysis, now: dt.datetime) -> Result:
        """牛腩的进出记录 · 牛腩这周的台账 · 今天的进出明细: a product's ins and outs with the balance after each (the last
        7 days unless a period is named), or every product's at the store (today unless named)."""
        named = list(dict.fromkeys(e.codes[0] for e in a.of("product") if len(e.codes) == 1))
        if len(named) > 1:   # (牛腩和牛腱的台账: one card at a time)
            return commands.Clarify("card_one", detail="、".join(self.lex.product(s).name for s in named))
        today = now.date()
        span = dates.past_span(a.s, now) or ((today - dt.timedelta(days=6), today) if named else (today, today))
        return commands.Parsed(commands.StockCard(sku=named[0] if named else None, start=span[0], end=span[1],
                                                  location=self._location(a)))

    def _command(self, a: scan.Analysis, speaker: context.Speaker, *, whole: bool = True) -> Result:
        m = a.masked
        supplier = [p for p in a.of("partner") if self.lex.partners[p.codes[0]].kind.value == "supplier"]
        customer = [p for p in a.of("partner") if self.lex.partners[p.codes[0]].kind.value == "customer"]
        if whole and not a.qtys and _EXPIRED_OUT.search(a.s):   # 过期的牛奶扔了 · 把过期的都报损: its expired lots, whole
            thrown = [e.codes[0] for e in a.of("product") if len(e.codes) == 1]
            return commands.Parsed(commands.RecordMoves(
                movement=commands.Movement.SCRAP, lines=tuple(commands.Line(sku=sku, qty=Decimal(0)) for sku in
                                                              dict.fromkeys(thrown)), location=self._location(a),
                expired=True))
        not_done = self._asked_not_done(a, supplier) if whole and len(a.of("product")) == 1 else None
        if not_done is not None:   # 可乐是不是只剩2箱了 · 要不要再进5箱 · 3箱够用几天 · 进一箱多少钱: asked, never done
            return not_done
        last_said = _LAST_MOVED.search(a.s) if not a.qtys else None
        if last_said is not None:   # 张记上次送货是什么时候 · 团餐多久没来拿货了 · 可乐上次卖是什么时候
            last_moved = self._last_moved(a, last_said, supplier, customer)
            if last_moved is not None:
                return last_moved
        shared = _SHARE_OF.search(a.s) if len(a.of("product")) == 1 else None
        if shared is not None:   # 番茄坏了一半 · 土豆用了三分之一: that share of what is on hand, asked against it
            return self._share_of(a, shared)
        agreed = self._customer_price(a, customer[0].codes[0]) if len(customer) == 1 and not supplier else None
        if agreed is None and len(supplier) == 1 and not customer and not a.qtys:   # 张记的牛腩按30元一斤 · 张记的价格表
            agreed = self._customer_price(a, supplier[0].codes[0])
        if agreed is not None:   # 团餐的可乐按4.5元一瓶 · 团餐的价格表 (before a catalog price or a sale at a price)
            return agreed
        relayed = _RELAYED_TROUBLE.search(a.s) if len(supplier) == 1 and not customer else None
        if relayed is not None and not _CAME_NOW.search(a.s):
            # 张记说牛腩明天送不了 · 张记的牛腩只能送30斤 · 张记那边牛腩缺货: its words, kept on its open order and told
            # (before: 只能送30斤 recorded 30 received)
            no = _ORDER_NUMBER.search(a.s)
            return commands.Parsed(commands.SupplierUpdate(
                partner=supplier[0].codes[0], note=a.s.strip(" ,.!。"),
                order_id=int(no.group(1) or no.group(2)) if no else None,
                eta=_promised_after(a.s[relayed.end():], speaker.now, whole=a.s)))
        # (卖了苹果数据线2盒,每盒便宜10块: goods sold at less, not the catalog's price moved)
        adjusted = self._adjust_price(a) if _PRICE_MOVE.search(a.s) and not (a.adjust and a.qtys) else None
        if adjusted is not None:   # 可乐售价提高10% · 饮料都涨价5% · 可乐每箱涨5块 · 牛腩进价涨了2块
            return adjusted
        garbled = re.search(r"(?<![\d.])\d+(?:\.\d+){2,}(?![\d.])", a.s) if a.of("product") else None
        if garbled is not None and not a.date and not a.expiry and not a.produced:   # 收到牛奶2.5.3箱: no number
            return commands.Clarify("bad_qty", detail=garbled.group(0))
        near = _NEAR_EXPIRY.search(a.s) if whole else None
        if near is not None and near.start() > 0:   # 收到牛奶2箱,其中1箱快过期了: received, and that said of it
            r = self._command(self.scanner.analyse(a.s[:near.start()], speaker.now), speaker, whole=whole)
            if isinstance(r, commands.Parsed) and isinstance(r.command, commands.RecordMoves):
                said = a.s[near.start():].strip(" ,;")
                return replace(r, command=replace(r.command, note=",".join(x for x in (r.command.note, said) if x)))
            return r
        if not a.qtys and _EQUIPMENT.search(a.s):   # 咖啡机坏了 · 冰箱不制冷: no stock of ours moved
            return commands.Clarify("equipment")
        later = self._later_part(a, speaker) if whole else None
        if later is not None:
            return later
        came_short = _TRANSFER_SHORT.search(a.masked) if a.qtys and a.of("location") and a.of("product") else None
        if came_short is not None:   # 仓库调来的牛腩少了2斤: it is not here, whatever the transfer said: a loss, noted
            lost = self._read_lines(self.scanner.analyse(a.s[came_short.start():], speaker.now))
            if isinstance(lost, commands.Clarify):
                return lost
            came_from = [e for e in a.of("location") if e.end <= came_short.start()]
            if lost and came_from:
                name = next(loc.name for loc in self.catalog.locations if loc.code == came_from[-1].codes[0])
                here = [e.codes[0] for e in a.of("location") if e.codes[0] != came_from[-1].codes[0]]
                return commands.Parsed(commands.RecordMoves(movement=commands.Movement.SCRAP, lines=lost,
                                                            location=here[0] if here else None,
                                                            note=f"调拨短少({name}调来)",
                                                            came_short_from=came_from[-1].codes[0]))
        refund = self._refund(a, supplier, customer)
        if refund is not None:   # 退给王记500 · 王记的定金退了 · 张记退款300: money back, not goods
            return refund
        paid = self._payment(a, supplier, customer, speaker.now)
        if paid is not None:   # 团餐付了3000 · 付给张记5000: money, not goods
            return paid
        if intents.INVITE.search(a.s) and not a.qtys:
            return self._invite(a.s)
        if _CARD_Q.search(a.s) and not intents.EXPORT.search(a.s) \
                and not [q for q in a.qtys if not _SPAN_AFTER.match(a.s, q.end)]:   # (导出…出入库明细: a file)
            return self._stock_card(a, speaker.now)
        dish = self._dish(a)
        if dish:
            return commands.Clarify("dish", mention=dish)
        purpose = _MADE_INTO.search(a.s) if a.qtys else None
        if purpose is not None and all(q.end <= purpose.start() for q in a.qtys) and not any(
                e.start < purpose.end() and purpose.start() < e.end for e in a.of("product")
                if e.start < purpose.start()):   # 酸菜用了5袋做酸菜鱼: the dish is why (not inside a name)
            a = self.scanner.analyse(a.s[:purpose.start()], speaker.now)
        made = self._dish_made(a)
        if made is not None:   # 酸菜鱼用了酸菜3袋、草鱼2条: the dish says what for, the quantities what was used
            return self._command(self.scanner.analyse(a.s[made:], speaker.now), speaker, whole=whole)
        for q1, q2 in zip(a.qtys, a.qtys[1:], strict=False):   # 可颂卖了20到30个: which one is it?
            if _RANGE.fullmatch(a.s[q1.end:q2.start]) and (not q1.unit or q1.unit == q2.unit):
                return commands.Clarify("qty_range", detail=a.s[q1.start:q2.end])
        whose_asked = [e.codes[0] for e in a.of("product") if len(e.codes) == 1]
        if len(set(whose_asked)) == 1 and intents.UNITS_ASKED.search(a.s):   # 可乐一箱几瓶: how it is counted
            return commands.Parsed(commands.ProductField(whose_asked[0], "units"))
        field_asked = intents.FIELD_ASKED.search(a.s)
        if len(set(whose_asked)) == 1 and field_asked is not None and not intents.SET_FIELD.search(a.s):
            field = "moq" if field_asked.group("moq") else intents.FIELDS[field_asked.group("field")]
            if field in _ASKABLE:
                return commands.Parsed(commands.ProductField(whose_asked[0], field))   # 牛腩保质期几天
        setting = intents.SET_FIELD.search(a.s)
        if setting is not None and re.match(r"\s*(?:多少|几|啥|什么|谁|哪|多久|多长)", a.s[setting.end():]):
            field = intents.FIELDS[setting.group("field")]
            whose = [e.codes[0] for e in a.of("product") if len(e.codes) == 1]
            if len(whose) == 1 and field in _ASKABLE:
                return commands.Parsed(commands.ProductField(whose[0], field))   # 螺丝的安全库存是多少
            setting = None   # 可乐的售价是多少: a question, not a change (the prices, below)
        if setting is not None and not a.of("product") and (supplier or customer) \
                and intents.FIELDS[setting.group("field")] in ("lead_time_days", "credit_limit"):
            # 张记的交货期改成3天 · 团餐的信用额度改成8000
            return self._set_partner(a, (supplier or customer)[0].codes[0], intents.FIELDS[setting.group("field")],
                                     setting.end())
        grouped = setting is not None and not a.of("product") and any(
            c and c in a.s[:setting.start()] for c in self.lex.categories)   # 饮料的安全库存都改成2箱
        if setting is not None and not a.of("product") and not grouped and not (supplier or customer):
            head = re.sub(r"^(?:请|帮我)?(?:把|将)?|的$", "", a.s[:setting.start()].strip())
            found = self.lex.match_product(head) if head else None
            if found is not None and len(found.skus) > 1:   # 数据线售价改成8块: which of them
                return commands.Clarify("ambiguous_product", mention=head, candidates=found.skus, detail=a.s,
                                        partial=commands.SetProduct("", intents.FIELDS[setting.group("field")], ""))
            if found is not None and found.skus:   # 20w头售价改成8块: the one it names, shown when asked
                return self._set_one(found.skus[0], a, intents.FIELDS[setting.group("field")], setting.end())
        if setting is not None and (a.of("product") or grouped) and not any(q.end <= setting.start() for q in a.qtys):
            # (收到牛奶2箱,进价是60 records a receipt at that price; the catalog stays)
            return self._set_product(a, intents.FIELDS[setting.group("field")], setting.end())
        if (intents.EXPORT.search(a.s) or intents.BOOK.search(a.s) and intents.BOOK_NOT.search(a.s)) \
                and not [q for q in a.qtys if not _SPAN_AFTER.match(a.s, q.end) and not _ONE_FILE.fullmatch(q.raw)]:
            # (本月进销存明细: the entries, as a file)
            return self._export(a, speaker.now)
        if intents.BOOK.search(a.s) and not intents.BOOK_NOT.search(a.s) \
                and not [q for q in a.qtys if not _SPAN_AFTER.match(a.s, q.end)]:   # 本月进销存 · 可乐这周的收发存
            today = speaker.now.date()
            days = dates.past_span(a.s, speaker.now) or (today.replace(day=1), today)
            return commands.Parsed(commands.StockBook(days[0], days[1], self._location(a), tuple(dict.fromkeys(
                e.codes[0] for e in a.of("product") if len(e.codes) == 1))))
        info = self._stock_info(a)
        if info is not None:
            return commands.Parsed(info)
        if (intents.REPORT.search(a.s) or (supplier and _ORDER_FROM.fullmatch(a.masked.strip(" !.~?")))) \
                and not a.of("product") and not a.qtys and not customer:
            # 今日备货清单 · 张记要订什么 · 给张记下单 · 向张记订货: the list (of that supplier's goods), to order from
            return commands.Parsed(commands.Report("prep_list", location=self._location(a),
                                                   partner=supplier[0].codes[0] if supplier else None))
        if intents.COVER.search(a.s) and a.of("product") and not a.qtys:
            return commands.Parsed(commands.Report("cover", location=self._location(a), sku=a.of("product")[0].codes[0]))
        cover = intents.COVER.search(a.s) if not a.of("product") and not a.qtys else None
        head = re.sub(r"^(?:请问|帮我看看|看看)|(?:的|还|库存|现在|目前)+$", "", a.s[:cover.start()].strip()) \
            if cover is not None else ""
        found = self.lex.match_product(head) if 2 <= len(head) <= 8 else None
        if found is not None and found.skus:   # 牛肉还能卖几天: which of the catalog's beef (one: that one)
            lasts = commands.Report("cover", location=self._location(a), sku="" if len(found.skus) > 1 else found.skus[0])
            return commands.Clarify("ambiguous_product", mention=head, candidates=found.skus, partial=lasts) \
                if len(found.skus) > 1 else commands.Parsed(lasts)
        if intents.WHY.search(a.s) and a.of("product") and not a.qtys:
            return commands.Parsed(commands.Report("why", location=self._location(a), sku=a.of("product")[0].codes[0]))
        coming = _COMING.search(a.s) if not a.qtys and not re.search(r"(?:给|往)[^送发]{1,8}?(?:送|发)", a.s) else None
        if coming is not None:   # 明天有什么货要到 · 这周要到的货 · 张记明天送什么 · 明天团餐要提什么
            days_said = self._days_ahead(a, speaker)
            customer_named = supplier_or_customer(a, self.lex, "customer")
            supplier_named = supplier_or_customer(a, self.lex, "supplier")
            prods = a.of("product")
            return commands.Parsed(commands.OrderQuery(
                kind="sale" if customer_named else "purchase" if supplier_named else None,
                partner=customer_named or supplier_named, sku=prods[0].codes[0] if prods else None,
                due_from=days_said[0], due_to=days_said[1], inbound=customer_named is None))
        if not a.qtys and not a.of("product") and _AWAITING_ME.search(a.s):   # 有什么要我审批的 · 待审批
            return commands.Parsed(commands.OrderQuery(awaiting=True))
        if not a.qtys and not a.of("product") and _MINE_ASKED.search(a.s):   # 我的申请批了吗 · 我下的单
            return commands.Parsed(commands.OrderQuery(mine=True))
        if not a.qtys and not a.of("product"):
            if _COUNT_DONE.fullmatch(a.s.strip(" !.~")):   # 盘点结束 · 盘完了
                return commands.Parsed(commands.FinishCount())
            started = _COUNT_START.fullmatch(a.masked.strip(" !.~\x00"))
            if started is not None:   # 开始盘点 · 盘点饮料 · 我要盘点: the count sheet
                cat = started.group("cat") or ""
                if cat and cat not in self.lex.categories:
                    return commands.Clarify("unknown_category", detail=cat)
                return commands.Parsed(commands.StartCount(category=cat or None, location=self._location(a)))
        asked = _ORDER_NAMED.search(a.s)
        if asked is not None and (_ORDER_ASKED.search(a.s) or not a.s.replace(asked.group(0), "").strip(" ,.!?的")) \
                and not [q for q in a.qtys if not asked.start() <= q.start < asked.end()] and not a.of("product"):
            # 订单1到了吗 · 采购单#3怎么样了 · #2: that order, whatever its state
            return commands.Parsed(commands.OrderQuery(order_id=int(re.sub(r"\D", "", asked.group(0)))))
        shift = _BOOKING_SHIFT.fullmatch(a.s.strip(" !.~。")) \
            if _SHIFT_SAID.search(a.s) and not supplier and len(customer) <= 1 else None
        if shift is not None and all(self.lex.product(c).is_service for e in a.of("product") for c in e.codes):
            # 王总的理疗推迟一小时 · 张女士的预约提前半小时 · 把明天的包桌往后推一个小时: moved by that much
            hidden = "".join("\x00" if any(e.start <= i < e.end for e in a.of("product")) else c
                             for i, c in enumerate(shift.group("pre")))
            src = dates.ahead_span(hidden, speaker.now)
            who = _whose(re.sub(r"约的|预约的|约了", "", hidden))
            if who or src or (re.search(_BOOKING_WORD, hidden) and not a.of("product")):
                day1 = src[0] if src else speaker.now.date()
                by = int(_span(shift).total_seconds() // 60) * (-1 if re.match(r"提|早|往前|向前", shift.group("dir")) else 1)
                return commands.Parsed(commands.Bookings(
                    start=day1, end=day1 + dt.timedelta(days=(src[1] if src else 30) - 1),
                    location=self._location(a), who=who, move_minutes=by))
        moved = _BOOKING_MOVE.fullmatch(a.s) if not a.of("product") else None
        if moved is None and a.of("product") and not supplier and len(customer) <= 1 and not a.qtys \
                and all(self.lex.product(c).is_service for e in a.of("product") for c in e.codes):
            # 王总的理疗改到后天: a service named with whose it is: that customer's appointment moved
            hidden = "".join("\x00" if any(e.start <= i < e.end for e in a.of("product")) else c
                             for i, c in enumerate(a.s))
            served = _BOOKING_MOVE.fullmatch(hidden)
            if served is not None and _whose(served.group("pre")):
                return self._booking_moved(a, served, speaker)
        if moved is not None and _guests_said(moved) and not supplier and not customer:
            return self._booking_moved(a, moved, speaker)   # 张女士改成3个人 · 明天的包桌改成25人 (no order's 25)
        changed = self._order_change(a, speaker, supplier or customer)
        if changed is not None:   # 订单1改成明天到 · 张记的订单推迟到周五 · 订单1加牛腱1箱
            return changed
        amend = intents.AMEND_ORDER.search(a.masked)
        if amend is None and (supplier or customer) and a.qtys and setting is None:   # 光明的牛奶改成8箱: its order
            amend = _PARTNER_AMEND.search(a.masked)
        if amend is not None and a.qtys:
            return self._amend(a, supplier or customer)
        if moved is not None and (re.search(_BOOKING_WORD, moved.group("pre")) or (
                _PERSON.search(moved.group("pre")) and not supplier and not customer)):
            return self._booking_moved(a, moved, speaker)   # 张女士改到后天下午4点 · 明天的包桌改到周六中午
        no_show = _NO_SHOW.fullmatch(a.s.strip(" !.~。")) \
            if not a.qtys and not a.of("product") and re.search(r"来|到店|爽约|鸽子", a.s) else None
        if no_show is not None and not supplier and not a.of("location") \
                and not any(no_show.group("who") in (u.username, u.display_name) for u in self.lex.users.values()) \
                and (not a.date or a.date.when.date() == speaker.now.date()):
            # 张女士没来 · 王总爽约了: today's booking of theirs called off (asked first, as 取消…的预约 is)
            today = speaker.now.date()
            return commands.Parsed(commands.Bookings(start=today, end=today, location=self._location(a), cancel=True,
                                                     who=no_show.group("who").removesuffix("的")))
        booked = _BOOKINGS_Q.search(a.s) or _BOOKINGS_OFF.search(a.s) or _BOOKINGS_OF.fullmatch(a.s.strip()) \
            or (_NEXT_VISIT.search(a.s) if "来" in a.s and (customer or self._booked_for(a)) else None)
        if booked is not None and booked.re is _BOOKINGS_OF and _BOOKING_TOLD.search(booked.group("pre")):
            booked = None   # 明天中午有个聚餐: one told, not asked about
        if booked is not None and not a.qtys and not a.of("product") and not supplier and len(customer) <= 1:
            # 明天的预定有哪些 · 这周有什么包桌 · 取消明天的包桌 · 周六的宴席不办了 · 张女士的预约 · 取消王先生的预约 ·
            # 取消王总明天的预约 (a customer's: its name as the booking notes it)
            ahead = dates.ahead_span(a.s, speaker.now)
            who = self._booked_for(a) or (customer[0].mention if customer else "")
            day1 = ahead[0] if ahead else speaker.now.date()
            last = day1 + dt.timedelta(days=(ahead[1] if ahead else 30 if who else 7) - 1)
            return commands.Parsed(commands.Bookings(start=day1, end=last, location=self._location(a),
                                                     cancel=_BOOKINGS_OFF.search(a.s) is not None, who=who))
        cancel = intents.CANCEL_ORDER.search(a.s)
        if cancel is not None:
            what = cancel.group("what") or cancel.group("what2") or ""
            number = cancel.group("id") or cancel.group("id2")
            kind = {"采购单": "purchase", "采购申请": "purchase", "客户订单": "sale", "调拨单": "transfer"}.get(what)
            partners = supplier or customer
            return commands.Parsed(commands.CancelOrder(order_id=int(number) if number else None,
                                                        partner=partners[0].codes[0] if partners else None,
                                                        kind=kind, latest=bool(cancel.group("latest")
                                                                               or cancel.group("latest2")
                                                                               or cancel.group("latest3")
                                                                               or cancel.group("latest4"))))
        partly = self._arrived_short(a, supplier) if a.qtys and not customer else None
        if partly is not None:
            return partly
        only = _CAME_ONLY.fullmatch(a.masked.strip()) if supplier and len(a.qtys) == 1 and not a.of("product") else None
        if only is not None and len(a.qtys[0].parts) == 1 and a.qtys[0].unit and a.qtys[0].parts[0][0] > 0:
            return commands.Parsed(commands.ReceiveOrder(   # 咖啡豆行只送来了4箱: its order, what came of it
                partner=supplier[0].codes[0], location=self._location(a), amount=a.qtys[0].parts[0][0],
                amount_unit=a.qtys[0].unit))
        shipped = intents.SHIPPED.fullmatch(a.s.strip(" !.~"))
        if shipped is not None and not customer and not supplier:   # 发货了 · 调拨单2已发货: a transfer we send
            return commands.Parsed(commands.ShipTransfer(order_id=int(shipped.group("id")) if shipped.group("id")
                                                         else None))
        shipped_for = _SHIPPED_FOR.fullmatch(a.masked.strip(" !.~")) if not a.qtys and not customer and not supplier \
            else None
        asking = [e for e in a.of("location") if e.codes[0] != speaker.user.location]
        if shipped_for is not None and len(asking) == 1 and len(a.of("product")) <= 1:   # 南山店要的土豆发了
            prods = a.of("product")
            return commands.Parsed(commands.ShipTransfer(dest=asking[0].codes[0],
                                                         sku=prods[0].codes[0] if prods else None))
        numbered = _NUMBERED_ARRIVED.fullmatch(a.s.strip(" !.~"))
        if numbered is not None:   # 采购单#3的货到了 · 订单1到了
            return commands.Parsed(commands.ReceiveOrder(order_id=int(numbered.group("id"))))
        numbered = _NUMBERED_COLLECTED.fullmatch(a.s.strip(" !.~")) if not customer and not supplier else None
        if numbered is not None:   # 订单2提走了 · 客户订单#2的货取走了: that order's collection, asked first
            return commands.Clarify("collect_order", order_id=int(numbered.group("id")), partial=commands.RecordMoves(
                movement=commands.Movement.SALE, lines=(), location=self._location(a)))
        if (intents.ORDER_ARRIVED.search(a.s.rstrip("!.~ ")) or (supplier and _SUPPLIER_CAME.fullmatch(a.masked.strip(
                " !.~")))) and not a.qtys and not customer:   # (光明送来了: what its order awaits)
            prods = a.of("product")
            return commands.Parsed(commands.ReceiveOrder(partner=supplier[0].codes[0] if supplier else None,
                                                         sku=prods[0].codes[0] if prods else None,
                                                         location=self._location(a)))
        if customer and _GOODS_ASKED.search(a.s):
            return self._orders(a, customer)   # 李总的货备好了没 · 李总那200根线发了吗: where its order is
        if customer and not a.qtys and not a.of("product") and _COLLECTED.fullmatch(a.masked.strip(" !.~")):
            return commands.Clarify("collect_order", partial=commands.RecordMoves(   # 盒马提货了: its order, asked
                movement=commands.Movement.SALE, lines=(), location=self._location(a), partner=customer[0].codes[0]))
        if intents.ORDERS.search(a.s) and not a.qtys:
            return self._orders(a, supplier or customer)
        again = _REPEAT_ORDER.search(a.s) if not customer else None
        if again is not None and all(again.start() <= q.start and q.end <= again.end() for q in a.qtys) \
                and not a.of("product"):   # 再订一次上周的货 · 照上次的再订一份
            return commands.Parsed(commands.RepeatPurchase(partner=supplier[0].codes[0] if supplier else None))
        if "上" in a.s and not a.qtys and not customer and a.of("product") and _ORDER_SAID.search(a.s) \
                and _AS_LAST.search(a.s):   # 订牛腩,跟上次一样 · 牛腩和土豆照上次的量订: each one's last order line again
            return commands.Parsed(commands.RepeatPurchase(
                partner=supplier[0].codes[0] if supplier else None,
                skus=tuple(dict.fromkeys(e.codes[0] for e in a.of("product")))))
        if not a.qtys and ((_ARRIVED_Q.search(a.s) and (a.of("product") or supplier or a.of("location")))
                           or (supplier and _SENDS_Q.search(a.s))):   # (明天光明送牛奶吗: its order due)
            prods = a.of("product")   # 大仓的鸡蛋到了吗 · 张记的货到了没有: where it is, not a receipt
            others = [e for e in a.of("location") if e.codes[0] != speaker.user.location]
            return commands.Parsed(commands.OrderQuery(kind="transfer" if others and not supplier else "purchase",
                                                       partner=supplier[0].codes[0] if supplier else None,
                                                       sku=prods[0].codes[0] if prods else None))
        if not a.qtys and not a.of("product") and _MAKE_ASKED.fullmatch(a.s.strip(" ?!.~")):   # 今天要做什么 · 今天烤多少
            return commands.Parsed(commands.Report("make_list", location=self._location(a)))
        if not a.qtys and not a.of("product") and _MARGINS_ASKED.search(a.s):   # 菜品毛利 · 哪个菜最赚钱
            return commands.Parsed(commands.Report("recipes"))
        owed = _OWED_ASKED.search(a.s) if not customer and not supplier and not a.qtys else None
        if owed is not None:   # 哪些客户还欠钱 · 应收账款 · 我们欠供应商多少 · 应付账款
            return commands.Parsed(commands.OwedQuery("supplier" if owed.group("sup") else "customer"))
        ranked = _CUSTOMERS_RANKED.search(a.s) if not customer and not supplier and not a.qtys else None
        if ranked is not None and "卖给" in ranked.group(0) and not a.of("product") \
                and _unnamed_goods(a.s[:ranked.start()], speaker.now):
            ranked = None   # 酸奶卖给谁了 with 酸奶 no product of ours: not every customer's takings
        if ranked is not None:   # 哪个客户拿货最多
            period = dates.past_span(a.s, speaker.now) or (speaker.now.date().replace(day=1), speaker.now.date())
            prods = a.of("product")
            return commands.Parsed(commands.CustomerQuery(partner="", start=period[0], end=period[1],
                                                          sku=prods[0].codes[0] if prods else None))
        if supplier and not customer and not a.of("product") and not a.qtys and intents.SETTLE.search(a.masked):
            # 跟张记对账 · 张记的账对一下: its account, as 欠张记多少钱 gives it
            return self._purchases(a, supplier, speaker.now, payable=True)
        if customer and not supplier and intents.CUSTOMER_ACCOUNT.search(a.masked) \
                and not [q for q in a.qtys if not _SPAN_AFTER.match(a.s, q.end)]:   # 团餐这个月买了多少
            period = dates.past_span(a.s, speaker.now) or (speaker.now.date().replace(day=1), speaker.now.date())
            prods = a.of("product")
            return commands.Parsed(commands.CustomerQuery(partner=customer[0].codes[0], start=period[0], end=period[1],
                                                          sku=prods[0].codes[0] if prods else None))
        if intents.SUPPLIER_COMPARE.search(a.s) and not a.of("product") and not customer \
                and not [q for q in a.qtys if not _SPAN_AFTER.match(a.s, q.end)]:
            # 哪个供应商最便宜 · 供应商比价 (哪家的牛腩便宜 names the product: its suppliers' prices)
            back = dates.past_span(a.s, speaker.now)
            return commands.Parsed(commands.StockInfo("compare", (), self._location(a), days=(
                speaker.now.date() - back[0]).days + 1 if back else None))
        if intents.PRICE_HISTORY.search(a.s) and not customer and len(a.of("product")) == 1 \
                and len(a.of("product")[0].codes) == 1:   # 牛腩的进价走势 · 牛腩这三个月的进价
            back = dates.past_span(a.s, speaker.now)
            return commands.Parsed(commands.StockInfo("price_history", (a.of("product")[0].codes[0],),
                                                      days=(speaker.now.date() - back[0]).days + 1 if back else None))
        abc = _ABC.search(a.s) if not a.of("product") and not customer and not supplier else None
        if abc is not None and not [q for q in a.qtys if not _SPAN_AFTER.match(a.s, q.end)]:
            # ABC分类 · 哪些是A类商品 · C类商品有哪些: the products by their takings, 90 days unless said
            today = speaker.now.date()
            ranked_days = dates.past_span(a.s, speaker.now) or (today - dt.timedelta(days=ABC_DAYS - 1), today)
            cls = (abc.group("cls") or ("a" if re.match(r"重点|核心|主力", abc.group(0)) else "")).lower()
            return commands.Parsed(commands.SalesQuery(start=ranked_days[0], end=ranked_days[1], location=self._location(a),
                                                       rank=f"abc:{cls}" if cls else "abc"))
        if _WEEKDAY_RANK.search(a.s) and not customer and not supplier \
                and not [q for q in a.qtys if not _SPAN_AFTER.match(a.s, q.end)]:   # 星期几生意最好 (周末: no forecast)
            return self._sales(a, speaker.now)
        if intents.FORECAST.search(m):
            return self._forecast(a, speaker.now)
        if (intents.PURCHASES.search(a.s) or (supplier and not customer and _SUPPLIED_Q.search(a.s))) \
                and not [q for q in a.qtys if not _SPAN_AFTER.match(a.s, q.end)]:   # (这周给光明订了多少)
            return self._purchases(a, supplier, speaker.now)
        if _URGE.search(a.s) and not a.qtys and (supplier or a.of("product")) and not customer:
            prods = a.of("product")   # 催一下光明的牛奶: where that order is (the chat does not phone them)
            return commands.Parsed(commands.OrderQuery(kind="purchase", partner=supplier[0].codes[0] if supplier
                                                       else None, sku=prods[0].codes[0] if prods else None))
        produced = intents.MADE_Q.search(m) if dates.past_span(a.s, speaker.now) \
            or re.search(r"(?:做|烤|生产|出炉|炸|蒸|包)了", a.s) else None   # (明天做多少: a forecast, asked above)
        used = intents.USED_Q.search(m) or intents.LOST_Q.search(m) or produced
        if used is not None and not [q for q in a.qtys if not _SPAN_AFTER.match(a.s, q.end)]:
            today = speaker.now.date()   # 这周牛奶用了多少 · 本月报损多少: the named past period, else today
            daily = re.search(r"(?:每天|一天|平均每天|日均)(?:要|能|大概)?(?:用|消耗)|得(?:最多|多|最快|快)|最多", a.s)
            lately = re.search(r"最近|近来|这段时间|平时", a.s)   # 鸡蛋最近损耗大吗: the last 30 days
            period = dates.past_span(a.s, speaker.now) or (   # 咖啡豆一天用多少 · 哪些用得最多: the last 7 days
                (today - dt.timedelta(days=29), today) if lately else
                (today - dt.timedelta(days=6), today) if daily else (today, today))
            prods = a.of("product")
            kind = "consumption" if intents.USED_Q.search(m) else "scrap" if intents.LOST_Q.search(m) else "production"
            if kind == "production" and prods and self.lex.product(prods[0].codes[0]).is_service:
                # 这周理疗做了几个小时: a service's hours given are sold, never made (高级顾问和初级顾问各做了多少小时:
                # each one's)
                services = list(dict.fromkeys(e.codes[0] for e in prods if len(e.codes) == 1))
                return commands.Parsed(commands.SalesQuery(start=period[0], end=period[1], sku=prods[0].codes[0],
                                                           location=self._location(a), also=tuple(services[1:])))
            used_at = intents.USED_Q.search(m) if kind == "consumption" and len(prods) > 1 else None
            named_after = [e for e in prods if used_at is not None and e.start >= used_at.start()]
            return commands.Parsed(commands.MovesQuery(   # (今天拿铁用了多少牛奶: the milk, used for it)
                kind=kind, start=period[0], end=period[1],
                sku=(named_after or prods)[0].codes[0] if prods else None, location=self._location(a)))
        if not a.qtys and not a.of("product") and not intents.SALES.search(m) and _COMPARED.search(a.s) \
                and dates.versus_span(a.s, speaker.now):
            got = self._sales(a, speaker.now)   # 这个月跟上个月比怎么样 · 今天比昨天好吗: the takings, against those
            return replace(got, command=replace(got.command, money=True)) \
                if isinstance(got, commands.Parsed) and isinstance(got.command, commands.SalesQuery) else got
        if intents.SALES.search(m) and not [q for q in a.qtys if not _SPAN_AFTER.match(a.s, q.end)] \
                and not _BUSINESS_TODAY.fullmatch(a.s.strip(" !.?~")):   # (今天生意怎么样: the evening summary)
            return self._sales(a, speaker.now)
        if a.date and a.date.has_time and not customer and (intents.BOOKING.search(a.s) or (   # a customer's: an order
                a.date.when > speaker.now and _NEEDED_THEN.search(a.s) and a.of("product"))):
            return self._booking(a, speaker)   # (今晚要用牛腩10斤: what a time to come will take, never used now)
        if a.date and not a.date.has_time and not customer and intents.BOOKING.search(a.s) \
                and a.date.when.date() >= speaker.now.date() and (_BOOKING_TOLD.search(a.s) or _GUESTS.search(a.s)):
            return commands.Clarify("booking_time", detail=a.s)   # 明天有个20人的包桌: at what time? (then said again)
        bare = a.s.strip(" !.?~")
        report = _REPORT_NAMED.fullmatch(bare)
        kind = "evening_summary" if _BUSINESS_TODAY.fullmatch(bare) else \
            rules.report_of(report.group("name")) if report and report.group("name") not in _LEVEL_ASKED else None
        if kind in _NOW_REPORTS and not a.qtys:
            # 今日小结 · 日报 · 库存日报 · 今天生意怎么样: the report a rule could schedule, now
            return commands.Parsed(commands.Report(str(kind), location=self._location(a)))
        turned = [e for e in a.of("product") if len(e.codes) == 1]
        if intents.TURNOVER.search(a.s) and len(turned) == 1 and len(a.of("product")) == 1 and not a.qtys:
            # 牛腩的周转天数: how many days its stock lasts at the pace it goes
            return commands.Parsed(commands.Report("cover", location=self._location(a), sku=turned[0].codes[0]))
        if intents.TURNOVER.search(a.s) and not a.of("product") and not a.qtys:   # 库存周转天数 · 这个月的周转率
            over = dates.past_span(a.s, speaker.now)
            return commands.Parsed(commands.Report("turnover", location=self._location(a),
                                                   days=(over[1] - over[0]).days + 1 if over else None))
        if intents.SLOW.search(a.s) and not a.of("product") and not [   # 哪些货一周没动了 · 哪些东西3天没卖了
                q for q in a.qtys if not re.match(rf"\s*个?(?:{scan.SHELF_UNIT})", a.s[q.end:])]:
            span = re.search(rf"(?P<n>{numbers.NUMBER})\s*(?:个)?(?P<u>{scan.SHELF_UNIT})", a.s)
            return commands.Parsed(commands.Report("slow", location=self._location(a),
                                                   days=scan.shelf_days(span.group("n"), span.group("u")) if span else None))
        if (_COMPARE.search(a.s) or re.search(r"哪(?:个|样)(?:更)?(?:贵|便宜)", a.s)) and a.of("product") and not a.qtys \
                and len(a.of("location")) != 1:
            if re.search(r"价|贵|便宜", a.s):   # 比较一下张记和李记的牛腩价格 · 牛腩和牛腱哪个贵: their prices
                return commands.Parsed(commands.StockInfo("price", tuple(dict.fromkeys(
                    e.codes[0] for e in a.of("product") if len(e.codes) == 1))))
            got = self._query(a)   # 南山店和福田店的牛腩对比 · 各店的可乐比一下: every place's, side by side
            return replace(got, command=replace(got.command, location=None)) \
                if isinstance(got, commands.Parsed) and isinstance(got.command, commands.QueryStock) else got
        if (intents.QUERY.search(m) or re.search(r"还有(?:多少|几)|(?:还有|还剩|剩下?|有)(?:什么|哪些|啥)(?:货|东西)"
                                                 r"|(?:还有|还剩|剩下)(?:什么|哪些|啥)[?？吗呢啊]*$", a.s)) \
                and not _count_with_qty(a):   # (店里还有什么货: 还有 is masked as a joining word)
            return self._query(a)
        if whole and a.of("location") and _PART_TO.search(a.masked):
            groups = _groups(a)   # 收到牛奶2箱,其中1箱是给静安店的: a receipt, then part of it on to another store
            if len(groups) > 1 and any(_PART_TO.search(a.masked[x:y]) for x, y in groups[1:]):
                return self._several(a, groups, speaker)
        sold_but = _SOLD_BUT.search(a.s) if "剩" in a.s else None
        if sold_but is not None and len(a.qtys) == 1 and a.qtys[0].start >= sold_but.end() \
                and len(a.of("product")) == 1 and len(a.of("product")[0].codes) == 1:
            return self._sold_but(a, sold_but, speaker)   # 可颂卖剩3个(,扔了)
        if sold_but is not None and whole and len(a.qtys) == 2 and a.qtys[1].start >= sold_but.end() \
                and len(a.of("product")) == 1 and len(a.of("product")[0].codes) == 1:
            then = self._made_then_left(a, sold_but, speaker)   # 可颂今天烤了50个,卖剩10个
            if then is not None:
                return then
        stocktake = _STOCKTAKE.match(a.s) if whole else None
        if stocktake is not None and _DIFFERENCE.search(a.s, stocktake.end()) or (
                "盘盈" in a.s and a.qtys and a.of("product")):   # 今天盘点,鸡蛋少了6个,可颂多了3个 · 牛奶盘盈3升
            return self._differences(a.s[stocktake.end() if stocktake else 0:], speaker)
        if whole and customer and "其中" in a.s:
            part = self._part_sold_to(a, customer[0], speaker)   # 可乐卖了3箱,其中1箱是团餐的
            if part is not None:
                return part
        opened: dict[int, tuple[int, int]] = {}
        for q in a.qtys[:-1]:
            after, before = _OPENED.match(a.s, q.end), _OPENED_BEFORE.search(a.s[max(0, q.start - 4):q.start])
            if after is not None or before is not None:
                opened[q.start] = (q.start - len(before.group(0)) if before else q.start, after.end() if after else q.end)
        if opened:   # 面粉一袋拆开用了10公斤 · 拆了一箱可乐卖了5瓶: the pack opened is where they came from, no line
            a = _without(a, opened)
            m = a.masked
        short = {q.start: (q.start - len(gap.group(0)), q.end) for q in a.qtys
                 if (gap := re.search(r"(?:少|缺|差)了?\s*$", a.s[max(0, q.start - 3):q.start]))}
        if short and len(short) < len(a.qtys) and any(
                re.search(r"(?:只|才|实)(?:到|来|送|收)了?\s*$", a.s[max(0, q.start - 4):q.start]) for q in a.qtys):
            a = _without(a, short)   # 牛肉丸少了一袋,只到了3袋: what came is said; the shortfall is no line
            m = a.masked
        books = [q for q in a.qtys for b in _BOOKS.finditer(a.s) if 0 <= q.start - b.end() <= 2]
        if books and len(books) < len(a.qtys):   # 可颂账上40个,实际只有35个: what the books say is no count
            a = replace(a, qtys=[q for q in a.qtys if q not in books])
        actual = _ACTUAL.search(a.s) if "实" in a.s and len(a.qtys) > 1 \
            and len({e.codes for e in a.of("product")}) <= 1 else None
        if actual is not None and any(q.start >= actual.end() for q in a.qtys):
            # 牛腩盘点30斤,实际只有28斤 · 牛腩应该有30斤,实际只有28斤: what there really is, not both (was 58)
            a = replace(a, qtys=[q for q in a.qtys if q.start >= actual.start()])
        negated = list(_NEGATED.finditer(a.masked)) if not _QUESTION.search(a.s) else []
        if negated:   # 可颂没卖出去5个 · 可颂卖不掉,扔了3个: what did not happen is no write; what did, is
            chars = list(a.masked)
            for g in negated:
                chars[g.start():g.end()] = scan.MASK * (g.end() - g.start())
            a = replace(a, masked="".join(chars))
            cuts = [0, *(c.end() for c in _CLAUSE_END.finditer(a.s)), len(a.s)]
            spans = [(x, y) for x, y in zip(cuts, cuts[1:], strict=False) if any(x <= g.start() < y for g in negated)]
            kept = [q for q in a.qtys if not any(x <= q.start < y for x, y in spans)]
            if kept and len(kept) < len(a.qtys):   # 收到牛奶3箱,少送了1箱: the case that did not come is no line
                a = replace(a, qtys=kept)
            named = [(x, y) for x, y in zip(cuts, cuts[1:], strict=False) if (x, y) not in spans
                     and any(x <= q.start < y for q in kept)]
            if kept and all(any(x <= e.start < y for e in a.of("product")) for x, y in named):
                # 收到牛奶2箱,奶油没到: what did not come is no line either (可颂没卖完,剩10个: 可颂 is the count's)
                a = replace(a, entities=[e for e in a.entities if not (
                    e.kind == "product" and any(x <= e.start < y for x, y in spans))])
            if not kept and not a.qtys and (a.of("product") or supplier) and _NOT_COME.search(a.s):
                prods = a.of("product")   # 牛奶还没到 · 张记今天没来: where its order is
                return commands.Parsed(commands.OrderQuery(kind="purchase", partner=supplier[0].codes[0] if supplier
                                                           else None, sku=prods[0].codes[0] if prods else None))
            not_come = {e.codes[0] for e in a.of("product") if len(e.codes) == 1}
            if not kept and len(a.qtys) == 1 and len(supplier) == 1 and len(not_come) == 1 \
                    and _SENT_SHORT.search(a.s) and not _QUESTION.search(a.s):
                # 张记少送了2斤牛腩 · 光明少送了2箱牛奶: its delivery lacked them (as 张记送的牛腩少了2斤 says)
                line = lines.to_line(self.lex, next(iter(not_come)), a.qtys[0])
                if isinstance(line, lines.Problem):
                    return commands.Clarify(line.reason, mention=line.mention, detail=line.detail)
                return commands.Parsed(commands.RecordMoves(movement=commands.Movement.SCRAP, lines=(line,),
                                                            partner=supplier[0].codes[0], sent_short=True))
            m = a.masked
            if intents.write_intent(m, has_dest=False, has_source=False, supplier=False, customer=False,
                                    has_due=False) is None:
                return commands.Clarify("nothing_done")   # 可颂一个没卖 · 今天没卖可颂: nothing to record
        source, dest, request = self._route(a)
        home = speaker.user.location
        if not request and home and dest == home and source not in (None, home) and not _CAME.search(a.s) \
                and (re.search(r"过来|回来|调回|要|申请", a.masked)
                     or (re.search(r"调", a.masked) and not re.search(r"调了|调来|调过|已经?调", a.s))):
            # 南山店要20斤牛腩,从仓库调 · 从仓库调2袋面粉到徐汇店 said at 徐汇店: our own store asks; the source
            # confirms and ships it (its stock is not another store's to move)
            request = True
        kind = "transfer" if request and source is not None else None
        kind = kind or intents.write_intent(m, has_dest=dest is not None, has_source=source is not None,
                                    supplier=bool(supplier), customer=bool(customer),
                                            has_due=a.date is not None,
                                            future=a.date is not None and a.date.when.date() > speaker.now.date())
        if kind is None and intents.COUNT_BARE.search(a.s) and (a.qtys or _VAGUE.search(a.s)):
            kind = "count"   # 纸杯现在还有200个 (还有十几瓶: a count, asked for its number)
        more = _MAKE_MORE.search(a.s) if kind in ("sale", None) and a.qtys and a.of("product") else None
        if more is not None and not intents.PRODUCE.search(a.s):
            said_at = max(a.s.rfind(",", 0, more.start()), a.s.rfind(";", 0, more.start()))
            if not any(q.start < more.start() for q in a.qtys):
                return commands.Clarify("not_made_yet", detail=more.group(0))   # 可颂快卖完了,再烤20个: not made yet
            if said_at > 0 and not any(said_at < q.start < more.start() for q in a.qtys):   # 卖了可颂5个,再做10个: 5 sold
                return self._command(self.scanner.analyse(a.s[:said_at], speaker.now), speaker, whole=whole)
        habit = _HABITUAL.search(a.s, max(a.s.rfind(",", 0, a.qtys[0].start), a.s.rfind(";", 0, a.qtys[0].start), 0),
                                 a.qtys[0].start) if kind in WRITE_KINDS and a.qtys and not a.date else None   # (its clause)
        denied = _DENIED.search(a.s, 0, a.qtys[0].start) if kind in WRITE_KINDS and a.qtys else None
        clause = max(a.s.rfind(",", 0, a.qtys[0].start), a.s.rfind(";", 0, a.qtys[0].start)) if denied else -1
        if denied is not None and denied.start() < clause:   # 不要再进可乐了,还有10箱 · 牛奶过期了卖不了,报损2升: the
            goods = a.of("product")   # goods named first, then what the clause with the quantity says of them
            if len(goods) == 1 and goods[0].end <= clause and len(a.qtys) == 1:
                return self._command(self.scanner.analyse(goods[0].mention + a.s[clause + 1:], speaker.now), speaker,
                                     whole=whole)
        elif denied is not None:   # 牛腩别卖超过30斤 · 应该卖不了20斤牛腩 · 我没说卖了20斤: not done (was recorded)
            return commands.Clarify("not_done", detail=denied.group(0))
        if habit is not None and habit.group(0) in ("下次", "下回", "下一次"):   # 下次进牛腩记得要50斤: not yet
            return commands.Clarify("future_move", detail=habit.group(0))
        if habit is not None and kind in ("customer_return", "return_to_supplier") \
                and _LAST_TIME_GOODS.match(a.s, habit.start()):
            habit = None   # 王记上次拿的手机壳退回来5个: the goods of then, back now
        if habit is not None:   # 牛腩一般一天卖20斤 · 上次牛腩进了50斤: how it goes, or went, not what happened now
            return commands.Clarify("habitual", detail=habit.group(0))
        vague = next((v for v in _VAGUE.finditer(a.s) if not any(e.start < v.end() and v.start() < e.end
                                                                  for e in a.entities)),
                     None) if kind in WRITE_KINDS or kind == "transfer" else None   # (2条多宝鱼: a name)
        estimate = _ESTIMATE.match(a.s, vague.end()) if vague is not None else None
        if vague is not None and estimate is not None:   # 白菜烂了3公斤多,大概3.5: the estimate is the amount
            unit = estimate.group("u") or next(iter(re.findall(_VAGUE_UNIT, vague.group(0))), "")
            said = a.s[:vague.start()] + estimate.group("n") + unit + a.s[estimate.end():]
            return self._command(self.scanner.analyse(said, speaker.now), speaker, whole=whole)
        if vague is not None:   # 卖了20多个 · 鸡蛋用了一板多一点 · 不到20个 · 十来个 · 二三十个: no number to record
            return commands.Clarify("qty_vague", detail=vague.group(0))
        if kind in STOCK_KINDS and source is None and dest is None and speaker.user.location:
            came = [e.codes[0] for e in a.of("location")
                    if (kind == "receipt" and _CAME_FROM.match(a.s, e.end)) or _GAVE_US.match(a.s, e.end)]
            if len(came) == 1 and came[0] != speaker.user.location:   # 收到静安店的可颂5个: from our other store
                kind, source, request = "transfer", came[0], False   # (徐汇店给我们拿了鸡蛋一板: not its sale)
        elif kind == "receipt" and source is not None and dest is None and source != speaker.user.location \
                and speaker.user.location:   # 收到中心仓发来的牛腩2箱: sent from there, not received there
            kind, request = "transfer", False
        if kind == "transfer" and whole:
            split = self._per_place(a, speaker)
            if split is not None:   # 今天配送:南山店牛腩20斤,福田店牛腩10斤: one transfer per place
                return split
        each: tuple[list[str], bool] | None = None   # places listed together, and whether they are the sources
        joined = _joined_places(a) if kind == "transfer" else None
        if joined is not None:
            codes, first = joined
            if not re.search(r"各|每(?:个|家)(?:门?店)?|每店", a.s):   # 给徐汇店和静安店送了鸡蛋2板: 2 each, or 1 each?
                return commands.Clarify("several_destinations")
            sources = a.s[max(0, first - 2):first].strip().endswith(("从", "由"))
            other = [e.codes[0] for e in a.of("location") if e.codes[0] not in codes]
            source, dest, request = (None, other[0] if other else None, False) if sources \
                else (other[0] if other else None, None, False)
            each = (codes, sources)
        elif kind == "transfer" and len({e.codes[0] for e in a.of("location")} - {source}) > 1:
            # 大仓给徐汇店和静安店送了鸡蛋2板 without 各: one transfer goes to one place (it went to the first alone)
            return commands.Clarify("several_destinations")
        if kind is None and a.qtys and self.services and _SERVED.search(a.s) and a.of("product") and all(
                self.lex.product(c).is_service for e in a.of("product") for c in e.codes):
            kind = "sale"   # 高级顾问今天上了6个小时 · 理疗服务了3小时: hours given are sold
        if kind is None and a.qtys:
            kind = _signed(a)   # 牛奶+2箱 (in) · 可颂-5个 (out)
        elif kind in ("sale", "scrap", "consumption") and a.qtys:
            _signed(a)   # 牛腩-2斤 坏了 · 可乐-3瓶 卖了: the ledger's − with the verb it means (each − made positive)
        if kind == "production" and self._raw_only(a):
            kind = "consumption"   # 牛腩煮了10斤 · 蒸米饭用了大米5公斤: an ingredient cooked is used, not made
        if kind == "production" and a.of("product") and all(
                self.lex.product(c).is_service for e in a.of("product") for c in e.codes):
            kind = "sale"   # 今天做了3小时理疗: hours of a service given are sold, never made into stock
        if kind == "receipt" and supplier and a.date is not None and a.date.when.date() > speaker.now.date() \
                and _NAMES_DAY.search(a.s[a.date.start:a.date.end]):   # (早上张记送了…: this morning's delivery)
            kind = "purchase"   # 光明 牛奶 10箱 明天到: a delivery to come is an order to the supplier
        if whole and kind in STOCK_KINDS and a.of("product") and (
                re.search(r"(?:吗|么|嘛|\?)[!.~\s]*$", a.s) or (   # (李总拿了10个充电头没: …or not, asked)
                    re.search(r"(?<![都也还])(?:没|没有)[?!.~\s]*$", a.s) and re.search(r"了|过", a.s)
                    and not intents.GONE.search(a.s) and not re.search(r"[,;]", a.s[a.qtys[-1].end if a.qtys else 0:]))):
            return self._query(a)   # 静安店要的面粉2袋到了吗: a question, never a write
        if whole and kind in ("receipt", "purchase") and len({e.codes[0] for e in supplier}) > 1:
            apart = self._apart(a, [(e.start, e.end, e.codes[0]) for e in supplier], speaker, kind)
            # 收到张记牛腩50斤、绿源土豆2袋 · 向张记订牛腩50斤,向绿源订土豆2袋: each one's goods; 收到牛腩50斤和土豆2袋,
            # 张记和绿源送的: which came from whom is asked, never all owed to the first
            return apart if apart is not None else commands.Clarify(
                "which_supplier", detail="、".join(dict.fromkeys(self.lex.partners[e.codes[0]].name for e in supplier)))
        walk_in = _WALK_IN.search(a.s) if whole and kind == "sale" and customer else None
        if walk_in is not None or (whole and kind == "sale" and len({e.codes[0] for e in customer}) > 1):
            # 团餐拿了牛腩10斤,散客买了可乐1箱: each buyer's goods its own sale (the walk-in's on no account)
            buyers: list[tuple[int, int, str | None]] = [(e.start, e.end, e.codes[0]) for e in customer]
            buyers += [(m.start(), m.end(), None) for m in _WALK_IN.finditer(a.s)]
            apart = self._apart(a, buyers, speaker, "sale")
            if apart is not None:
                return apart
            if walk_in is not None:   # 卖了牛腩10斤给团餐,散客买了可乐3瓶: whose was which is asked, never all on account
                return commands.Clarify("which_customer", detail="、".join(dict.fromkeys(
                    self.lex.partners[e.codes[0]].name for e in customer)))
        bad_price = _BAD_PRICE.search(a.s) if kind in WRITE_KINDS or kind == "purchase" else None
        if bad_price is not None:   # 收到牛奶2箱,单价-5 · 单价abc: never the write without it, nor 单价 as a product
            return commands.Clarify("bad_price", detail=bad_price.group(0).strip())
        if whole and kind in ("receipt", "scrap") and len({e.codes for e in a.of("product")}) == 1:
            goods = a.of("product")
            for q, q2 in zip(a.qtys, a.qtys[1:], strict=False):   # 收到可乐2箱,少了3瓶: 45 came, not 48 and a loss
                goods_after = next((e for e in goods if e.start >= q.end and not a.s[q.end:e.start].strip()), None)
                cut = _SHORT_AFTER.match(a.s, goods_after.end if goods_after is not None else q.end)   # (收到 2箱 可乐,少了3瓶)
                clause_end = a.s.find(",", q2.end) if "," in a.s[q2.end:] else len(a.s)
                if cut is not None and cut.end() == q2.start and q2.unit and len(q.parts) == len(q2.parts) == 1 \
                        and not any(q.end <= e.start < clause_end for e in goods if e is not goods_after) \
                        and (kind == "receipt" or intents.write_intent(   # (光明送来牛奶10箱,少了1箱: 少 read as lost)
                            m[:cut.start()], has_dest=dest is not None, has_source=source is not None,
                            supplier=bool(supplier), customer=bool(customer), has_due=a.date is not None) == "receipt"):
                    said = a.s[:q.start] + (a.s[goods_after.start:goods_after.end] if goods_after is not None else "") \
                        + a.s[q.start:q.end] + "少" + a.s[q2.start:]   # (收到 2箱 可乐,少了3瓶: 收到 可乐2箱少3瓶)
                    out = self._command(self.scanner.analyse(said, speaker.now), speaker, whole=whole)
                    c = out.command if isinstance(out, commands.Parsed) else None
                    if isinstance(out, commands.Parsed) and isinstance(c, commands.RecordMoves) \
                            and c.movement == commands.Movement.RECEIPT and len(c.lines) == 1:
                        ln = c.lines[0]   # (牛腩到了48斤,少了2斤: 46, or 48 when 50 were ordered; the plan knows)
                        with contextlib.suppress(errors.DomainError):   # (a unit without a size: 46 stands)
                            lacked = self.lex.product(ln.sku).to_base(*q2.parts[0])
                            out = commands.Parsed(replace(c, lines=(replace(ln, short=lacked),)), out.guesses)
                    return out
        if whole and kind in WRITE_KINDS:
            groups = _groups(a)
            if len(groups) > 1:   # 收到牛奶2箱。卖了可颂3个: once all recorded as sales
                return self._several(a, groups, speaker)
        said_gone = intents.GONE.search(a.s) if kind is None else None
        if said_gone and a.of("product") and all(q.start >= said_gone.start() for q in a.qtys):   # (一个不剩: no quantity)
            gone = [e for e in a.of("product") if len(e.codes) == 1]
            if gone:   # 可颂没了: the level is 0, shown against the books before it is recorded
                return commands.Parsed(
                    commands.CountStock(lines=tuple(commands.Line(sku=e.codes[0], qty=Decimal(0), mention=e.mention)
                                                    for e in gone), location=self._location(a)),
                    tuple(commands.Guess("gone", e.mention, e.codes[0]) for e in gone))
        if kind is None and a.date is not None and a.date.when.date() > speaker.now.date() and a.qtys \
                and a.of("product") and (not a.chunks or _SHORT_NOW.match(a.s)) and re.search(r"(?:需要|要)", a.s) and not customer:
            kind = "purchase"   # 明天要100个鸡蛋 · 牛腩不够了,明天要30斤: goods wanted on a day to come are ordered for it
        if kind is None and len(a.qtys) == 1 and len(a.of("product")) == 1 \
                and a.s[a.qtys[0].end:].strip(" ,。!.") in ("", a.of("product")[0].mention) \
                and _OPENED_BEFORE.search(a.s[max(0, a.qtys[0].start - 4):a.qtys[0].start]):
            return commands.Clarify("opened_only", mention=a.of("product")[0].codes[0])   # 牛奶拆了一箱: no move
        if kind is None:
            if a.of("product") and not a.qtys and len(a.s) <= 12:
                return self._query(a)  # 牛奶? / 可颂库存 → a question
            if whole and a.qtys and a.of("product") and not a.chunks and not a.date and not a.prices \
                    and len(a.qtys) <= len(a.of("product")) and isinstance(self._read_lines(a), tuple):
                return commands.Clarify("which_move", detail=a.s)   # 土豆3袋 番茄2箱: received, sold, counted…?
            return commands.Clarify("not_understood")
        if kind in ("sale", "consumption") and not a.qtys and a.of("product") and intents.RUNNING_OUT.search(a.s):
            return self._query(a)
        ordered = {e.codes[0] for e in a.of("product") if len(e.codes) == 1}
        if kind == "purchase" and not a.qtys and len(ordered) == 1 and len(a.of("product")) == 1 and not customer:
            # 订可乐 · 给张记下单牛腩: how much is the prep list's to say, offered as the order
            return commands.Parsed(commands.Report("why", location=self._location(a), sku=ordered.pop(), order=True,
                                                   partner=supplier[0].codes[0] if supplier else None))
        rest = not a.qtys and ((kind in ("sale", "consumption") and intents.SOLD_OUT.search(a.s) is not None)
                               or (kind == "scrap" and _ALL_LOST.search(a.s) is not None)   # 青椒全部坏掉了
                               or (kind == "transfer" and _ALL_MOVED.search(a.masked) is not None)
                               # 剩下的可颂都送人了 · 可颂全部送员工了: all there is of it given away
                               or (kind == "consumption" and _ALL_GIVEN.search(a.s) is not None))
        absent = self._unknown_party(a, kind)
        if absent is not None:   # 从浦东店调… · 向联华采购…: a place or supplier the catalog lacks, never dropped
            return absent
        items = lines.drafts(a, self.lex)
        res = lines.resolve(items, self.lex, need_qty=not rest, zero_ok=kind == "count",   # 盘点:可颂0个
                            ask_unit=kind != "count")
        partners = supplier or customer
        partner_code = partners[0].codes[0] if partners else None
        location = self._location(a)
        cmd: commands.Command
        if kind == "transfer" and each is not None:   # 大仓给徐汇店和静安店各送了鸡蛋2板: one transfer per place
            places, sources = each
            got = self._finish(commands.TransferStock(source=places[0] if sources else source,
                                                      dest=dest if sources else places[0], lines=()), a, res, speaker)
            if not isinstance(got, commands.Parsed) or not isinstance(got.command, commands.TransferStock):
                return got
            one = got.command
            home = speaker.user.location
            if ((one.dest or home) if sources else (one.source or home)) in places:   # (to itself)
                return commands.Clarify("several_destinations")
            return replace(got, command=commands.Batch(tuple(
                replace(one, source=p) if sources else replace(one, dest=p) for p in places)))
        if kind == "transfer":
            if request and source is None and dest is not None:
                source, dest = dest, None
            cmd = commands.TransferStock(source=source, dest=dest, lines=(), request=request,
                                         arrived=not request and bool(_ARRIVED.search(a.s)), rest=rest)
        elif kind == "purchase":
            cmd = commands.PlacePurchase(lines=(), partner=supplier[0].codes[0] if supplier else None,
                                         location=location, due=a.date.when if a.date else None)
        elif kind == "sales_order" or (kind == "sale" and customer and a.date is not None and not a.date.has_time
                                       and a.date.when.date() > speaker.now.date()
                                       and _NAMES_DAY.search(a.s[a.date.start: a.date.end])
                                       and not re.search(r"(?:送|发|给|拿|提)了", a.s)):
            # 明天给盒马送可颂50个: a delivery still to come to a customer is its order (it was "not yet happened")
            cmd = commands.PlaceSale(lines=(), partner=customer[0].codes[0], location=location,
                                     due=a.date.when if a.date else None)
        elif kind == "count":
            if location is not None and _IN_STORE.search(a.s) and all(
                    e.mention in _STOCKROOM for e in a.of("location")):
                location = None   # 牛奶冰箱里还剩5升,仓库还有2箱: the store's own stockroom beside its fridge
            cmd = commands.CountStock(lines=(), location=location)
        else:
            at = None
            if a.date is not None:   # 昨天卖了可颂20个: on its day; what has not happened yet is not stock
                happened = _happened(a.date, a.s[a.date.start: a.date.end], speaker.now)
                if isinstance(happened, commands.Clarify):
                    return happened
                at = happened
                day_part = _PART_OF_DAY.search(a.s[a.date.start: a.date.end])
                if at.date() == speaker.now.date() and day_part is not None and at > speaker.now \
                        and at.replace(hour=_PARTS_OF_DAY[day_part.group(0)][0], minute=0) > speaker.now \
                        and not re.search(r"了|收到|卖出|用掉", a.s):
                    # 牛奶下午到20箱 said in the morning: what has not come yet (was received now); told as done
                    # (下午收到了…) it is taken as said, now
                    return commands.Clarify("future_move", detail=a.s[a.date.start: a.date.end])
                if at.date() == speaker.now.date() and (not a.date.has_time or at > speaker.now):
                    at = None   # today: now, or the hour said when it has passed (今天上午8点收到…)
            method = _paid_by(a) if kind in ("sale", "customer_return") else None
            cmd = commands.RecordMoves(movement=commands.Movement(kind), lines=(), location=location,
                                       partner=partner_code, note=self._note(a, said=method), rest=rest, at=at,
                                       paid=kind == "sale" and bool(customer) and bool(_PAID_NOW.search(a.s)),
                                       method=method[0] if method else None)
            stranger = _SOLD_TO.search(a.masked) if kind == "sale" and not customer else None
            if stranger is not None and stranger.group("who") not in _ANYONE:   # 卖给王老板…: not on an account
                res.guesses.append(commands.Guess("unknown_customer", stranger.group("who"), ""))
        done = self._finish(cmd, a, res, speaker)
        counts = self._money_as_counts(done, a)
        if counts is not None and isinstance(cmd, commands.RecordMoves):   # 卖了手机壳5个,微信3现金2: not ¥5
            a = replace(a, tenders=(), tender_counts=counts, adjust=None)
            done = self._finish(replace(cmd, method=None), a, res, speaker)
        return self._by_count(done, a) if a.tender_counts else done

    def _money_as_counts(self, done: Result, a: scan.Analysis) -> scan.Counted | None:
        """A sale's ways said with bare numbers that count its goods (卖了手机壳5个,微信3现金2 · sold 5 phone cases, 3 by
        wechat and 2 in cash): the counts, when the numbers add up to the quantity sold, no 元 said, and as money they
        would be under half of the goods' list price; None otherwise (微信60现金27 is money)."""
        if not a.tenders or not isinstance(done, commands.Parsed) or not isinstance(done.command, commands.RecordMoves):
            return None
        cmd = done.command
        said = [v for _, v in a.tenders]
        if cmd.movement != commands.Movement.SALE or None in said or re.search(r"元|块|¥", a.tenders_said) \
                or len({ln.sku for ln in cmd.lines}) != 1:
            return None
        qty = sum((ln.raw_qty or ln.qty for ln in cmd.lines), Decimal(0))
        listed = self.lex.product(cmd.lines[0].sku).unit_price
        money = sum((v or Decimal(0) for v in said), Decimal(0))
        worth = sum((ln.qty for ln in cmd.lines), Decimal(0)) * (listed or Decimal(0))
        if money != qty or not listed or money * 2 >= worth:
            return None
        return tuple((k, v, "") for k, v in a.tenders)

    def _by_count(self, done: Result, a: scan.Analysis) -> Result:
        """A sale paid several ways by the goods (可乐卖了5瓶,3瓶微信2瓶现金 · 一瓶现金一瓶微信 · 3瓶微信,剩下的现金): each
        way's money, its share of the goods at what they sold for (the price said, else the list price), so the till
        takes 3 bottles' worth by WeChat. Unpriced goods keep equal shares (no money to share)."""
        if not isinstance(done, commands.Parsed):
            return done
        cmd = done.command
        if not isinstance(cmd, commands.RecordMoves) or not cmd.lines or cmd.movement not in (
                commands.Movement.SALE, commands.Movement.CUSTOMER_RETURN):
            return done
        prices = [ln.unit_price if ln.unit_price is not None else self.lex.product(ln.sku).unit_price
                  for ln in cmd.lines]
        total = sum((ln.qty for ln in cmd.lines), Decimal(0))
        if any(p is None for p in prices) or total <= 0:
            return done
        value = sum((ln.qty * (p or Decimal(0)) for ln, p in zip(cmd.lines, prices, strict=True)), Decimal(0))
        if cmd.adjust is not None:   # (打8折卖了5个: the shares of what was taken)
            if cmd.adjust.kind == commands.AdjustKind.PROMO:   # (a promotion running: known once recorded)
                return done
            try:
                value = settling.settle([(ln.qty, p) for ln, p in zip(cmd.lines, prices, strict=True)],
                                        cmd.adjust.kind, cmd.adjust.amount).taken
            except errors.DomainError:
                return done
        counted: list[tuple[str, Decimal | None]] = []
        for k, n, unit in a.tender_counts:
            if n is None:
                counted.append((k, None))
                continue
            got = next((x for ln in cmd.lines if isinstance(
                x := lines.to_line(self.lex, ln.sku, scan.Qty(0, 0, [(n, unit)], "")), commands.Line)), None)
            if got is None:   # (3升微信 for bottles: no share of these goods)
                return done
            counted.append((k, got.qty))
        rest = total - sum((q or Decimal(0) for _, q in counted), Decimal(0))
        parts: dict[str, Decimal] = {}
        for k, q in counted:
            share = q if q is not None else rest
            if share > 0:
                parts[k] = parts.get(k, Decimal(0)) + (share * value / total).quantize(Decimal("0.01"))
        if len(parts) < 2:
            return done
        return replace(done, command=replace(cmd, method=ledger.split_method(list(parts.items()))))

    def _asked_not_done(self, a: scan.Analysis, supplier: list[lexicon.Span]) -> Result | None:
        """A question about one product said with a write's words (before: recorded): whether it is so (可乐是不是只剩
        2箱了 · 牛腩是不是卖完了: its stock), whether to buy (可乐要不要再进5箱 · 今天要不要进牛腩: the order advice),
        how long it lasts (可乐3箱够用几天: its cover), what it costs or makes (进一箱可乐多少钱 · 卖一箱可乐赚多少: its
        prices). None: none of these."""
        e = a.of("product")[0]
        if len(e.codes) != 1:
            return None
        sku = e.codes[0]
        if _ASKED_IS_IT.search(a.s):
            return self._query(a)
        if a.qtys and _ASKED_CAME.search(a.s):   # 是不是收到牛腩50斤了 · 牛腩收到50斤没有: its stock, as 收到…了吗 is
            return self._query(a)   # (牛腩到了吗, no quantity: where its order is, as before)
        if _ASKED_SHOULD.search(a.s):
            return commands.Parsed(commands.Report("why", location=self._location(a), sku=sku, order=True,
                                                   partner=supplier[0].codes[0] if supplier else None))
        if intents.COVER.search(a.s):   # (可乐3箱够用几天: how long those 3 cases last)
            said = lines.to_line(self.lex, sku, a.qtys[0]) if len(a.qtys) == 1 else None
            return commands.Parsed(commands.Report("cover", location=self._location(a), sku=sku, qty=(
                said.qty if isinstance(said, commands.Line) and said.qty > 0 else None)))
        if _ASKED_COSTS.search(a.s) and not a.of("partner") and not intents.PURCHASES.search(a.s):
            # (团餐上次拿可乐什么价: its own price asked; 这个月买牛奶花了多少钱: what was spent, below)
            return commands.Parsed(commands.StockInfo("margin" if re.search(r"赚|挣", a.s) else "price", (sku,),
                                                      self._location(a)))
        if a.qtys and _IN_STOCK_ASKED.search(a.s):   # 客人想买10箱可乐,有货吗: its stock (was an order of 10 cases),
            asked = self._query(a)   # and whether that much is there
            said = lines.to_line(self.lex, sku, a.qtys[0]) if len(a.qtys) == 1 else None
            if isinstance(asked, commands.Parsed) and isinstance(asked.command, commands.QueryStock) \
                    and asked.command.skus == (sku,) and isinstance(said, commands.Line) and said.qty > 0:
                return replace(asked, command=replace(asked.command, wanted=said.qty))
            return asked
        return None

    def _made_then_left(self, a: scan.Analysis, said: re.Match[str], speaker: context.Speaker) -> Result | None:
        """可颂今天烤了50个,卖剩10个 · 可颂烤了50个,剩了10个没卖: the goods made (or received), then all but what is
        left sold, in that order (each clause alone; the two quantities are never one count of their sum)."""
        cut = a.s.rfind(",", 0, said.start())
        if cut < a.qtys[0].end or a.s[cut:said.start()].strip(" ,") not in ("", "晚上", "下午", "最后", "结果", "到晚上",
                                                                           "收工", "打烊", "打烊时", "收工时"):
            return None
        e = a.of("product")[0]
        head = self._command(self.scanner.analyse(a.s[:cut], speaker.now), speaker, whole=False)
        tail = self._command(self.scanner.analyse(e.mention + a.s[said.start():], speaker.now), speaker)
        if not (isinstance(head, commands.Parsed) and isinstance(head.command, commands.RecordMoves)
                and head.command.movement in (commands.Movement.PRODUCTION, commands.Movement.RECEIPT)
                and isinstance(tail, commands.Parsed) and isinstance(tail.command, commands.RecordMoves)
                and tail.command.rest):
            return None
        return commands.Parsed(commands.Batch((head.command, tail.command)), head.guesses + tail.guesses)

    def _sold_but(self, a: scan.Analysis, said: re.Match[str], speaker: context.Speaker) -> Result:
        """可颂卖剩3个 · 牛奶用得只剩2升: all that is on hand but that much sold (or used), asked against the stock first;
        ,扔了 after it: what was left is thrown away too."""
        e, q = a.of("product")[0], a.qtys[0]
        kept = lines.to_line(self.lex, e.codes[0], q, mention=e.mention, zero_ok=True)
        if isinstance(kept, lines.Problem):
            return commands.Clarify(kept.reason, mention=e.codes[0], detail=kept.detail)
        movement = commands.Movement.SALE if "卖" in said.group(0) else commands.Movement.CONSUMPTION
        gone = commands.RecordMoves(movement=movement, lines=(kept,), location=self._location(a), rest=True)
        if kept.qty > 0 and intents.SCRAP.search(a.s, q.end):   # 可颂卖剩3个,扔了
            return commands.Parsed(commands.Batch((gone, commands.RecordMoves(
                movement=commands.Movement.SCRAP, lines=(kept,), location=self._location(a)))))
        return commands.Parsed(gone)

    def _differences(self, said: str, speaker: context.Speaker) -> Result:
        """What a count found against the books, clause by clause: 可颂多了3个 · 牛奶盘盈3升 a surplus added to them,
        鸡蛋少了6个 a loss (盘亏); several: recorded together."""
        parts: list[commands.RecordMoves | commands.CountStock | commands.TransferStock] = []
        guesses: list[commands.Guess] = []
        for clause in (c.strip(" ,;.") for c in re.split(r"[,;]", said)):
            if not clause:
                continue
            a = self.scanner.analyse(clause, speaker.now)
            r: Result
            if re.search(r"多了|多出|盘盈", clause) and a.qtys:
                r = self._finish(commands.CountStock(lines=(), location=self._location(a), surplus=True), a,
                                 lines.resolve(lines.drafts(a, self.lex), self.lex, ask_unit=False), speaker)
            else:
                r = self._command(a, speaker, whole=False)
            if not isinstance(r, commands.Parsed) or not isinstance(r.command, _PARTS):
                return r
            parts.append(r.command)
            guesses += r.guesses
        if not parts:
            return commands.Clarify("not_understood")
        return commands.Parsed(parts[0] if len(parts) == 1 else commands.Batch(tuple(parts)),
                               tuple(dict.fromkeys(guesses)))

    def _part_sold_to(self, a: scan.Analysis, who: lexicon.Span, speaker: context.Speaker) -> Result | None:
        """可乐卖了3箱,其中1箱是团餐的: the sale, the part the customer bought on its own line (so it fulfils the
        customer's open order and counts as its purchase), the rest to walk-in guests. None: not said so."""
        at = a.s.find("其中")
        said = _PART_OF.fullmatch(a.masked, at, len(a.s.rstrip(" ,;.!?")))
        qs = [q for q in a.qtys if q.start >= at]
        if said is None or len(qs) != 1 or who.start < qs[0].end:
            return None
        head = self._command(self.scanner.analyse(a.s[:at].rstrip(" ,;"), speaker.now), speaker, whole=False)
        if not isinstance(head, commands.Parsed) or not isinstance(head.command, commands.RecordMoves) \
                or head.command.movement != commands.Movement.SALE or head.command.partner is not None:
            return None
        sale = head.command
        named = [e.codes[0] for e in a.of("product") if e.start > at and len(e.codes) == 1]
        unit = qs[0].unit
        fits = [ln for ln in sale.lines if (ln.sku in named if named else
                                            not unit or self.lex.product(ln.sku).accepts(unit))]
        if len(fits) != 1:   # 可乐卖了3箱,雪碧2箱,其中1箱是团餐的: which of them?
            return commands.Clarify("part_which", mention=a.s[at:].strip(" ,;.!?"), detail="、".join(
                self.lex.product(ln.sku).name for ln in (fits or sale.lines)))
        total = fits[0]
        part = lines.to_line(self.lex, total.sku, qs[0], mention=total.mention)
        if isinstance(part, lines.Problem) or part.qty > total.qty:   # (其中5箱 of 3)
            return commands.Clarify("part_too_large", detail=qs[0].raw)
        bought = replace(sale, partner=who.codes[0], lines=(replace(part, unit_price=total.unit_price),))
        walk_in = replace(sale, lines=tuple(
            replace(ln, qty=ln.qty - part.qty, unit="", raw_qty=None) if ln is total else ln
            for ln in sale.lines if ln is not total or part.qty < total.qty))
        if not walk_in.lines:   # all of it was the customer's
            return replace(head, command=bought)
        return replace(head, command=commands.Batch((walk_in, bought)))

    def _several(self, a: scan.Analysis, groups: list[tuple[int, int]], speaker: context.Speaker) -> Result:
        """Each run of clauses of one kind parsed on its own, a clause without a product taking the last one named
        before it (收到鸡蛋3板,碎了5个 → 鸡蛋碎了5个); stock writes only, else the message is asked to be split."""
        parts: list[commands.RecordMoves | commands.CountStock | commands.TransferStock] = []
        guesses: list[commands.Guess] = []
        for x, y in groups:
            text = a.s[x:y].strip(" ,;.!?")
            if parts and isinstance(parts[-1], commands.RecordMoves) and parts[-1].movement == commands.Movement.SALE \
                    and _FREE.match(text):   # 卖了可颂5个,送了1个: given away, said so (送了 alone reads as a delivery)
                text = re.sub(r"^(?:另外|还|又|再)?(?:白送|免费送|多送|赠送|送)了?", "赠送", text)
            if any(isinstance(p, commands.RecordMoves) and p.movement == commands.Movement.RECEIPT for p in parts) \
                    and _BACK_AT_ONCE.match(text):
                text = _BACK_AT_ONCE.sub("退回去", text, count=1)   # 收到鸡蛋3板,退了2个: to whoever brought them
            said = self.scanner.analyse(text, speaker.now)
            # a later clause is said where the first one happened (静安店收到牛奶2箱,其中1箱给徐汇店: from 静安店)
            first = parts[0].location if parts and not isinstance(parts[0], commands.TransferStock) else None
            at = speaker if first is None else replace(speaker, user=replace(speaker.user, location=first))
            r = self._command(said, at, whole=False)
            named = [e.mention for e in a.of("product") if e.start < x]
            if not (isinstance(r, commands.Parsed) and isinstance(r.command, _PARTS)) \
                    and named and not any(x <= e.start < y for e in a.of("product")):
                # of the products written before, the one counted in the clause's unit (收到鸡蛋3板和牛奶2箱,碎了5个)
                unit = said.qtys[0].unit if said.qtys else ""
                fits = list(dict.fromkeys(ln.sku for p in parts for ln in getattr(p, "lines", ())
                                          if unit and self.lex.product(ln.sku).accepts(unit)))
                if len(fits) > 1:   # 收到牛奶2箱和奶油1箱,其中1箱…: asked with the product named
                    return commands.Clarify("part_which", mention=text,
                                            detail="、".join(self.lex.product(c).name for c in fits))
                name = self.lex.product(fits[0]).name if fits else named[-1]
                r = self._command(self.scanner.analyse(name + text, speaker.now), at, whole=False)
            if isinstance(r, commands.Clarify) and r.reason == "future_move":
                return r   # (早上收了可乐2箱,下午收了1箱 said in the morning: the afternoon has not come)
            if not isinstance(r, commands.Parsed) or not isinstance(r.command, _PARTS) \
                    or (isinstance(r.command, commands.RecordMoves) and (
                        r.command.movement == commands.Movement.SALE and r.command.partner)) \
                    or (isinstance(r.command, commands.TransferStock) and (r.command.request or not parts)):
                return commands.Clarify("mixed_intents")   # an order, a sale on credit: one per message
            part = r.command
            if isinstance(part, commands.TransferStock):   # …,其中1箱是给静安店的: from where the rest was recorded
                part = replace(part, source=part.source or first)
            elif parts and part.location is None:   # 静安店收到鸡蛋3板,碎了5个: the loss is 静安店's too
                part = replace(part, location=first)
            if isinstance(part, commands.RecordMoves) and part.movement == commands.Movement.RETURN_TO_SUPPLIER \
                    and part.partner is None and isinstance(parts[0] if parts else None, commands.RecordMoves):
                part = replace(part, partner=getattr(parts[0], "partner", None))   # back to who brought it
            if parts and isinstance(part, commands.RecordMoves) and part.at is None and not _DAY_WORD.search(text):
                part = replace(part, at=getattr(parts[0], "at", None))   # 昨天收到…,碎了5个: the same day
            parts.append(part)
            guesses += r.guesses
        return commands.Parsed(commands.Batch(tuple(parts)), tuple(dict.fromkeys(guesses)))

    def _arrived_short(self, a: scan.Analysis, supplier: list[lexicon.Span]) -> Result | None:
        """光明的货到了,牛奶少了一箱 · 订的货到了,少了2箱牛奶 · 光明的货到了,牛奶只到了8箱: an order received but for
        what each later clause says is missing (or the amount that came instead)."""
        cut = _CLAUSE_END.search(a.s)
        if cut is None:
            return None
        head = a.s[:cut.start()].rstrip("!.~ ")
        named = [e for e in a.of("product") if e.end <= cut.start() and len(e.codes) == 1]
        one = named[0].codes[0] if len(named) == 1 and not any(q.start < cut.start() for q in a.qtys) \
            and re.search(r"(?:到了|送到了|送来了|到货了|来了)$", head) else None   # 张记的牛腩到了,少了5斤
        if not intents.ORDER_ARRIVED.search(head) and one is None:
            return None
        short: list[commands.Line] = []
        exact: list[commands.Line] = []
        for clause in re.split(r"[,;.!?\n]", a.s[cut.end():]):
            clause = clause.strip()
            if not clause:
                continue
            m = _SHORT.search(clause)
            part = self.scanner.analyse(clause, _EPOCH)
            prods = [e.codes[0] for e in part.of("product") if len(e.codes) == 1]
            if not part.of("product") and one is not None:
                prods = [one]   # (少了5斤: of the product that came)
            if m is None or len(prods) != 1 or len(part.qtys) != 1:
                return None   # a clause of another kind: the message is not (only) an order received short
            line = lines.to_line(self.lex, prods[0], part.qtys[0], mention=self.lex.product(prods[0]).name)
            if isinstance(line, lines.Problem):
                return commands.Clarify(line.reason, mention=prods[0], detail=line.detail)
            (exact if m.group("exact") else short).append(line)
        before = [e for e in a.of("product") if e.end <= cut.start()]
        return commands.Parsed(commands.ReceiveOrder(partner=supplier[0].codes[0] if supplier else None,
                                                     sku=before[0].codes[0] if before else None,
                                                     location=self._location(a), short=tuple(short),
                                                     exact=tuple(exact)))

    def _order_change(self, a: scan.Analysis, speaker: context.Speaker, partners: list[lexicon.Span]) -> Result | None:
        """An open order named (by number, or a partner's 订单 · 那单) gets a new day (订单1改成明天到 · 张记的订单推迟到周五)
        or more goods (订单1加牛腱1箱 · 张记那单再加五花肉10斤). None: not said so."""
        ref = _ORDER_NAMED.search(a.s)
        if ref is None and not (partners and _THE_ORDER.search(a.s)):
            return None
        order_id = int(re.sub(r"\D", "", ref.group(0))) if ref is not None else None
        partner = partners[0].codes[0] if partners and ref is None else None
        rest = a.s[:ref.start()] + " " + a.s[ref.end():] if ref is not None else a.s
        b = self.scanner.analyse(rest, speaker.now)
        shift = _SHIFT.search(b.s)
        if shift is not None and not b.of("product"):   # 团餐那单推迟一天 · 订单1提前两天到
            return self._shifted(shift, order_id=order_id, partner=partner)
        due_to = _DUE_TO.search(b.masked)
        if due_to is not None and not b.qtys and not b.of("product"):
            if b.date is None:   # 订单1改成下个月到: a day the reader cannot pin down
                return commands.Clarify("due_unclear", detail=b.s[due_to.end():].strip(" ,.!"))
            if b.date.when <= speaker.now:
                return commands.Clarify("due_past", detail=rest[b.date.start:b.date.end])
            return commands.Parsed(commands.AmendOrder(sku=None, qty=None, order_id=order_id, partner=partner,
                                                       due=b.date.when))
        named = "".join("\x00" if any(e.start <= i < e.end for e in b.of("product")) else c for i, c in enumerate(b.s))
        verb = re.match(r"\s*(?:给)?\s*(?:再加上?|加上|追加|补加|多加|[加补添])", b.s)
        if not b.of("product") and b.qtys and verb is not None:   # 订单1加火星10斤: what is that?
            return self._unknown(self.scanner.analyse(b.s[verb.end():], speaker.now))
        if _ADD_TO.search(named) is None or not b.qtys:   # (加上 is masked as a separator)
            return None
        more = self._read_lines(b)
        if isinstance(more, commands.Clarify):
            return more
        return commands.Parsed(commands.AmendOrder(sku=None, qty=None, order_id=order_id, partner=partner, more=more))

    def _refund(self, a: scan.Analysis, supplier: list[lexicon.Span], customer: list[lexicon.Span]) -> Result | None:
        """退给王记500 · 退王记定金500 · 给王记退款300 · 王记的定金退了 (all it paid ahead) · 张记退款300 · 张记退了我们
        500 · 收到张记退款300: money back, one partner and no goods; None otherwise (退给张记牛腩5斤: goods)."""
        partners = supplier + customer
        said = _REFUND.search(a.s) or (_REFUNDED.search(a.s) if supplier else None)
        if said is None or len(partners) != 1 or a.of("product") or _QUESTION.search(a.s):
            return None
        return self._money(a, partners[0], all_said=_MONEY_BACK.search(a.s) is not None, refund=True)

    def _money(self, a: scan.Analysis, partner: lexicon.Span, *, all_said: bool, refund: bool = False,
               now: dt.datetime | None = None) -> Result | None:
        """The payment (or refund) of the one amount of money ``a`` says beside ``partner``; with none, all of what
        is owed (a refund: all paid ahead) when ``all_said``; None when it says none, or several."""
        rest = a.s[:partner.start] + " " + a.s[partner.end:]
        if a.tenders:   # (团餐付了3000,微信2000现金1000: the ways' money is how it was paid, not more of it)
            rest = rest.replace(a.tenders_said, " ", 1)
        amounts = [m for m in _MONEY_SAID.finditer(rest) if numbers.value(m.group("n")) is not None]
        if not amounts and a.tenders and all(v is not None for _, v in a.tenders):   # 团餐付了微信2000现金1000
            total = sum((v or Decimal(0) for _, v in a.tenders), Decimal(0))
            if _money_amount(total):
                return commands.Parsed(commands.RecordPayment(partner=partner.codes[0], amount=units.normalize(total),
                                                              refund=refund))
        if not amounts and all_said:   # 张记的货款结清了 · 王记的定金退了: what the account holds, all of it
            asked = dates.asked_span(a.s, now) if now is not None and not refund and _GOODS_OF.search(a.s) else None
            span = asked if isinstance(asked, tuple) else None
            return commands.Parsed(commands.RecordPayment(partner=partner.codes[0], amount=Decimal(0), all_owed=True,
                                                          refund=refund, start=span[0] if span else None,
                                                          end=span[1] if span else None))   # (这个月的货款: its goods)
        if len(amounts) != 1:
            return None
        m = amounts[0]
        value = numbers.scaled(m.group("n"), m.group("k"))
        assert value is not None
        if m.group("neg") or not _money_amount(value):
            return commands.Clarify("bad_amount", detail=m.group(0).strip())
        return commands.Parsed(commands.RecordPayment(partner=partner.codes[0], amount=units.normalize(value),
                                                      refund=refund))

    def _payment(self, a: scan.Analysis, supplier: list[lexicon.Span], customer: list[lexicon.Span],
                 now: dt.datetime | None = None) -> Result | None:
        """团餐付了3000 · 收到团餐货款2000元 · 团餐结了1500块 · 付给张记5000 · 给张记打了5000货款 · 张记的货款结了3000:
        one partner, an amount of money and a paying word, no goods; None otherwise (questions too: 团餐付了多少)."""
        partners = supplier + customer
        paid_word = _PAID.search(a.s) or (_HANDED.search(a.s) if customer else None)   # (收到团餐3000 · 团餐给了3000)
        if len(partners) != 1 or a.of("product") or _QUESTION.search(a.s) or not paid_word:
            return None
        if re.search(r"充值|充了|预存|储值", a.s) and re.search(r"送|赠", a.s):   # 充值1000送100: the 100 a credit
            m = _TOPUP_BONUS.search(a.s)
            paid, bonus = (numbers.value(m.group("n")), numbers.value(m.group("b"))) if m is not None else (None, None)
            if not customer or paid is None or bonus is None or bonus > paid or not (
                    _money_amount(paid) and _money_amount(bonus)):
                return commands.Clarify("topup_bonus")
            return commands.Parsed(commands.RecordPayment(partner=partners[0].codes[0], amount=units.normalize(paid),
                                                          bonus=units.normalize(bonus)))
        part = _OWED_SHARE.search(a.s) or _OWED_SHARE.search(a.masked)   # (付张记一半: the partner between, masked)
        if part is not None and not a.tenders:   # 张记的钱付了一半 · 团餐结了三成: that share of what is owed (was ¥1)
            share = _share_said(part.group("s"))
            if share is None:
                return commands.Clarify("bad_amount", detail=part.group(0))
            return commands.Parsed(commands.RecordPayment(partner=partners[0].codes[0], amount=Decimal(0),
                                                          all_owed=True, share=share, method=_paid_with(a)))
        got = self._money(a, partners[0], all_said=_SETTLED.search(a.s) is not None, now=now)
        said = _paid_with(a) if isinstance(got, commands.Parsed) else None
        if said is not None and isinstance(got, commands.Parsed) and isinstance(got.command, commands.RecordPayment):
            return replace(got, command=replace(got.command, method=said))   # 团餐付了3000,微信 · 团餐微信转了3000
        return got

    def _read_lines(self, a: scan.Analysis) -> tuple[commands.Line, ...] | commands.Clarify:
        """The products and quantities ``a`` names, as lines in the order said, or the first problem with them."""
        res = lines.resolve(lines.drafts(a, self.lex), self.lex)
        if res.problems:
            p = res.problems[0]
            return commands.Clarify(p.reason, mention=p.mention, candidates=p.candidates, detail=p.detail)
        return tuple(ln for _, ln in sorted(res.lines, key=lambda x: x[0]))

    @staticmethod
    def _days_ahead(a: scan.Analysis, speaker: context.Speaker) -> tuple[dt.date, dt.date]:
        """The days a question about what is coming names: the day said, this week (to Sunday), else the next 7."""
        today = speaker.now.date()
        if a.date is not None:
            return a.date.when.date(), a.date.when.date()
        span = dates.ahead_span(a.s, speaker.now)
        if span is not None:
            return span[0], span[0] + dt.timedelta(days=span[1] - 1)
        if re.search(r"这周|本周|这个星期|这礼拜", a.s):
            return today, today + dt.timedelta(days=6 - today.weekday())
        return today, today + dt.timedelta(days=6)

    @staticmethod
    def _shifted(m: re.Match[str], *, order_id: int | None, partner: str | None) -> Result:
        n = numbers.value(m.group("n") or "一")
        if n is None or n != int(n) or not 0 < n <= 60:
            return commands.Clarify("due_unclear", detail=m.group(0))
        sign = -1 if m.group("dir") in ("提前", "早") else 1
        return commands.Parsed(commands.AmendOrder(sku=None, qty=None, order_id=order_id, partner=partner,
                                                   shift_days=sign * int(n)))

    def _relay(self, s: str, speaker: context.Speaker) -> Result | None:
        """通知陈采购:牛腩快没了 · 告诉刘店长冰箱坏了 · 跟陈采购说一下明天多送点鸡蛋 · 提醒陈采购订牛腩 (no time: now):
        colleagues named (people or roles) and what to tell them. None: not said so (提醒我… is a reminder)."""
        m = _RELAY.match(s)
        if m is None:
            return None
        who = m.group("who") if m.group("who") is not None else f"{m.group('who2')}:{m.group('rest2')}"
        people = [e for e in self.lex.scan(who, [True] * len(who)) if e.kind in ("user", "role")]
        if not people or people[0].start != 0:
            return None
        end = max(e.end for e in people)
        if re.sub(r"[和及、,,与跟\s]", "", who[:end].replace("".join(e.mention for e in people), "")):
            return None   # (someone else's words between the names)
        text = (who[end:] + (m.group("rest") or "")).strip()
        text = re.sub(r"^(?:一下|说一下|说|一声)?\s*[::,,]?\s*", "", text).strip()
        if len(text) < 2:
            return commands.Clarify("relay_what")
        when = dates.find(text, speaker.now)
        if when is not None and when.start == 0 and when.has_time and when.when > speaker.now and s.startswith("提醒"):
            # 提醒孙采购明天早上8点订牛奶: a reminder then (the time said after the person), not a message now
            said = f"{text[:when.end]}提醒{who[:end]}{text[when.end:]}"
            return self.rules.parse_once(said, speaker=speaker, original=s) or commands.Clarify("reminder_when",
                                                                                               detail=text[:when.end])
        return commands.Parsed(commands.Relay(to=tuple(dict.fromkeys(e.codes[0] for e in people)), text=text))

    def _add_partner(self, m: re.Match[str]) -> Result:
        kind = "customer" if m.group("kind") == "客户" else "supplier"
        name, rest = m.group("name").strip(), m.group("rest") or ""
        if any(name in p.names for p in self.lex.partners.values()):
            return commands.Clarify("partner_exists", detail=name)
        credit = re.search(rf"(?:信用额度|额度|赊账额度|欠款上限)\s*(?:是|为|:)?\s*(?P<v>{numbers.NUMBER})\s*(?P<k>万|千)?", rest)
        lead = re.search(r"(?:交货期|到货期|送货期|提前期)\s*(?:是|为|:)?\s*(?P<d>\d+|[一二三四五六七八九十]+)\s*天", rest)
        aka = re.search(r"(?:简称|也叫|又叫|别名)\s*(?:是|为|:)?\s*(?P<a>[^,,;\s]{1,8})", rest)
        value = numbers.scaled(credit.group("v"), credit.group("k")) if credit else None
        days = numbers.value(lead.group("d")) if lead else None
        agreed = next((terms.TERMS_SET.fullmatch(part.strip()) for part in re.split(r"[,,;;]", rest)
                       if terms.TERMS_SET.fullmatch(part.strip()) and not _TERMS_BARE.fullmatch(part.strip())), None)
        said = agreed and (agreed.group("days") or agreed.group("mdays"))
        due = (0 if agreed.group("cash") else int(numbers.value(said) or -1) if said else 30) if agreed else None
        if due is not None and not 0 <= due <= 365:
            return commands.Clarify("bad_terms", detail=rest)
        return commands.Parsed(commands.AddPartner(
            kind=kind, name=name, aliases=(aka.group("a"),) if aka else (),
            credit_limit=units.normalize(value) if value is not None and kind == "customer" else None,
            lead_time_days=int(days) if days is not None and kind == "supplier" else None,
            payment_terms=accounts.Terms(due, monthly=agreed.group("month") is not None).code
            if agreed is not None and due is not None else None))

    def _amend(self, a: scan.Analysis, partners: list[lexicon.Span]) -> Result:
        prods = [e for e in a.of("product") if len(e.codes) == 1]
        number = re.search(r"(?:订单|采购单|单)\s*#?\s*(\d+)", a.s)
        order_id = int(number.group(1)) if number else None
        partner = partners[0].codes[0] if partners else None
        said = [q for q in a.qtys if not (number and q.start <= number.start(1) < q.end)]
        if not said:
            return commands.Clarify("not_understood")
        if not prods:   # 光明的订单改成8箱 · 订单#2改成8箱: of the order's only product
            q = said[-1]
            if len(q.parts) != 1 or q.parts[0][0] <= 0:
                return commands.Clarify("bad_qty", detail=q.raw)
            return commands.Parsed(commands.AmendOrder(sku=None, qty=q.parts[0][0], order_id=order_id, partner=partner,
                                                       amount=q.parts[0][0], amount_unit=q.unit))
        if len({e.codes[0] for e in prods}) != 1:
            return commands.Clarify("set_one_product")
        sku = prods[0].codes[0]
        line = lines.to_line(self.lex, sku, said[-1])
        if isinstance(line, lines.Problem):
            return commands.Clarify(line.reason, mention=sku, detail=line.detail)
        return commands.Parsed(commands.AmendOrder(sku=sku, qty=line.qty, order_id=order_id, partner=partner))

    def _raw_only(self, a: scan.Analysis) -> bool:
        """Whether every product the message names is an ingredient (meat, vegetables, grain, dairy …: its category
        says so), which cooking uses up rather than makes."""
        prods = [e for e in a.of("product") if len(e.codes) == 1]
        return bool(prods) and all(_RAW.search(self.lex.product(e.codes[0]).category or "") for e in prods)

    def _dish_made(self, a: scan.Analysis) -> int | None:
        """Where the use starts in a message that opens with a dish made (酸菜鱼用了… · 番茄炒蛋用了鸡蛋6个): products
        run together with no quantity, then a use verb, then quantities. None otherwise."""
        lead = _MAKING.match(a.s)   # 做可颂用了面粉2公斤…: one product made is enough when the message says so
        run = self._dish_run(a, lead.end(), least=1) if lead else self._dish_run(a, 0)
        if run is None and not lead and _USED_VERB.search(a.s):   # 理疗用了精油1瓶 · 可颂用了黄油1公斤: one, with goods used
            one = self._dish_run(a, 0, least=1)
            after = [e.start for e in a.of("product") if one is not None and e.start > one]
            run = one if after and a.qtys and min(q.start for q in a.qtys) > min(after) else None
        if run is None or any(q.start < run for q in a.qtys) or not a.qtys:
            return None
        return run if _USED_VERB.match(a.s, run) else None

    def _dish_run(self, a: scan.Analysis, start: int, *, least: int = 2) -> int | None:
        """The end of products run together from ``start`` (酸菜鱼 · 番茄炒蛋 · 土豆烧牛腩: names side by side, or joined
        by how they cook), or None for fewer than ``least``."""
        prods = sorted((e for e in a.of("product") if e.start >= start), key=lambda e: e.start)
        if not prods or prods[0].start != start:
            return None
        end, n = prods[0].end, 1
        for z in prods[1:]:
            if z.start == end or (z.start - end == 1 and a.s[end] in "炒烧炖焖煮蒸炸拌焗卤"):
                end, n = z.end, n + 1
            else:
                break
        return end if n >= least else None

    def _later_part(self, a: scan.Analysis, speaker: context.Speaker) -> Result | None:
        """收到牛奶2箱,还有2箱明天到 · …,明天再来3箱: what happened now, recorded once confirmed; the part still to
        come is said back, not recorded (nor ordered). None unless a later clause alone names a day ahead."""
        if a.date is None or a.date.when.date() <= speaker.now.date():
            return None
        cut = max((c.start() for c in _CLAUSE_END.finditer(a.s) if c.start() < a.date.start), default=None)
        if cut is None or not any(q.end <= cut for q in a.qtys) or not any(q.start > cut for q in a.qtys):
            return None
        head = self.scanner.analyse(a.s[:cut], speaker.now)
        kind = intents.write_intent(head.masked, has_dest=False, has_source=False, supplier=False, customer=False,
                                    has_due=False)
        if kind not in STOCK_KINDS or head.date is not None:
            return None
        got = self._command(head, speaker, whole=True)
        if not isinstance(got, commands.Parsed):
            return got
        tail = a.s[cut:].strip(" ,;。.")
        return replace(got, guesses=(*got.guesses, commands.Guess("later_part", tail, "")))

    def _dish(self, a: scan.Analysis) -> str | None:
        """酸菜鱼卖了20份: products run together (酸菜 + 鱼) and counted in portions none of them is kept in — a dish
        on the menu, not stock (its ingredients would be read as two products)."""
        prods = sorted(a.of("product"), key=lambda e: e.start)
        for q in a.qtys:
            if q.unit not in DISH_UNITS or any(self.lex.product(c).accepts(q.unit) for e in prods for c in e.codes):
                continue
            for x in (p for p in prods if p.end <= q.start):
                end = self._dish_run(a, x.start)
                if end is not None:
                    return a.s[x.start:end]
        for x in prods:   # 50份牛腩饭 · 牛腩面卖了20碗 · 鸡蛋饼卖了10个: a product and what it is served as (面粉 is a name)
            served = _SERVED_AS.match(a.s, x.end)
            if served is not None and a.qtys and not any(e.start < served.end() and served.start() < e.end
                                                         for e in a.entities if e is not x) \
                    and not _USED_FOR.match(a.s, served.end()):   # (牛腩饭用了牛腩5斤: what the dish took)
                return a.s[x.start:served.end()]
        return None

    def _continued(self, a: scan.Analysis, speaker: context.Speaker) -> scan.Analysis | None:
        """A follow-up to the speaker's last write, read as the write it continues: 又卖了2个 (its product) · 再来2块
        (its product and kind) · 还有牛奶1箱 (its kind). None when the message stands on its own."""
        if speaker.recent is None or not a.qtys or _QUESTION.search(a.s) or intents.COUNT_BARE.search(a.s):
            return None
        lead = _CONTINUES.match(a.s)
        bare = not a.of("product") and all(_LOSS_LEFT.fullmatch(c.text) for c in a.chunks)   # (收到可送10个 names one)
        if not (lead or bare):
            return None
        if bare and a.of("partner") and (_REFUND.search(a.s) or _REFUNDED.search(a.s)) \
                and all(q.unit in ("", "元", "块") for q in a.qtys):
            return None   # 退给王记800 right after an order: money back, not 800 of the goods ordered
        last = speaker.recent()
        verb = _CONTINUE_VERB.get(last.movement) if last is not None else None
        if last is None:
            return None
        own = intents.write_intent(a.masked, has_dest=False, has_source=False, supplier=False, customer=False,
                                   has_due=False)
        if verb is None and own is None:   # a product asked about, no write to continue: its kind is not known
            return None
        if bare and len(last.skus) == 1 and (lead or own):
            if any(isinstance(lines.to_line(self.lex, last.skus[0], q), lines.Problem) for q in a.qtys):
                return None   # 卖了3盒 after the bulbs, counted in 个 and 箱: another product's, asked which
            name = self.lex.product(last.skus[0]).name
            text = f"{verb}{name}{a.s[lead.end():]}" if lead and own is None else f"{name} {a.s}"
        elif a.of("product") and lead and own is None:
            text = f"{verb}{a.s[lead.end():]}"
        else:
            return None
        return self.scanner.analyse(text, speaker.now)

    def _set_partner(self, a: scan.Analysis, code: str, field: str, after: int) -> Result:
        """张记的交货期改成3天: a supplier's lead time, which holds for its products without their own; 团餐的信用额度改成
        8000: what a customer's sales and open orders may reach before a manager looks (0: every order is looked at)."""
        if field == "credit_limit":
            if self.lex.partners[code].kind.value != "customer":
                return commands.Clarify("unknown_customer", detail=self.lex.partners[code].name)
            m = re.match(rf"\s*(?P<v>{numbers.NUMBER})\s*(?P<k>万|千)?\s*(?:元|块)?\s*$", a.s[after:])
            value = numbers.scaled(m.group("v"), m.group("k")) if m else None
            if m is None or value is None or value < 0:
                return commands.Clarify("bad_price", detail=a.s[after:].strip())
            return commands.Parsed(commands.SetPartner(code, field, units.normalize(value)))
        if self.lex.partners[code].kind.value != "supplier":
            return commands.Clarify("unknown_supplier", detail=a.s[:after].strip())
        days = _days_said(a.s[after:], lead=True)
        if days is None:
            return commands.Clarify("bad_qty", detail=a.s[after:].strip())
        return commands.Parsed(commands.SetPartner(code, "lead_time_days", Decimal(days)))

    def _barcodes(self, s: str) -> str | Result | None:
        """Barcodes in a message: 6901234567890就是可乐 · 可乐的条码是6901234567890 (a code bound to a product: an alias
        of it); scans alone (6901234567890 ⏎ 6901234567890): each product named with how many times it was scanned, in
        its base unit, its kind of move asked; 卖了6901234567890 2瓶: the product's name in the code's place. None: no
        barcode in it."""
        codes = list(_BARCODE_IN.finditer(s))
        if not codes:
            return None
        bound = _BARCODE_BIND.fullmatch(s.strip(" .!~。")) or _BARCODE_BIND_OF.fullmatch(s.strip(" .!~。"))
        if bound is not None:
            name, code = bound.group("name"), bound.group("code")
            target = [p.sku for p in self.lex.products.values() if name in p.names]
            if len(target) != 1:
                return None
            owner = self.lex.barcodes.get(code)
            if owner is not None:
                return commands.Clarify("alias_known" if owner == target[0] else "alias_taken", mention=owner, detail=code)
            return commands.Parsed(commands.AddAlias(sku=target[0], alias=code))
        verb = _SCAN_VERB.match(s)
        if _SCANS_ONLY.fullmatch(s[verb.end():] if verb else s):   # a scanner's input (after a verb): a unit a scan
            unknown = [m.group(0) for m in codes if m.group(0) not in self.lex.barcodes]
            if unknown:
                return commands.Clarify("unknown_barcode", detail=unknown[0])
            counted: dict[str, int] = {}
            for m in codes:
                sku = self.lex.barcodes[m.group(0)]
                counted[sku] = counted.get(sku, 0) + 1
            return (verb.group("v") if verb else "") + "、".join(
                f"{self.lex.product(sku).name}{n}{self.lex.product(sku).base_unit}" for sku, n in counted.items())
        out = s
        for m in reversed(codes):
            known = self.lex.barcodes.get(m.group(0))
            if known is not None:
                out = f"{out[:m.start()]}{self.lex.product(known).name} {out[m.end():]}"
        return out if out != s else None

    def _alias(self, s: str) -> Result | None:
        """肥牛就是牛腩 · 以后说肥牛就是牛腩 · 牛腩又叫肥牛: a name for one product of the catalog (named exactly), not
        already another's. None: not said so."""
        m = _ALIAS_IS.fullmatch(s.strip(" .!~")) or _ALIAS_ALSO.fullmatch(s.strip(" .!~"))
        if m is None:
            return None
        name, alias = m.group("name"), m.group("alias")
        target = [p.sku for p in self.lex.products.values() if name in p.names]
        if len(target) != 1 or alias in ("这个", "那个", "它", "这", "那") or len(alias) < 2:
            return None
        owner = [p.sku for p in self.lex.products.values() if alias in p.names]
        if owner:   # already a name: of this product (nothing to do) or of another (not taken from it)
            return commands.Clarify("alias_known" if owner == target else "alias_taken", mention=owner[0], detail=alias)
        return commands.Parsed(commands.AddAlias(sku=target[0], alias=alias))

    def _with_deposit(self, s: str, m: re.Match[str], speaker: context.Speaker) -> Result:
        """A customer's order said with the deposit paid on it: the order, carrying the deposit (kept as the
        customer's payment once the order is). Said with anything else, the deposit is asked to be its own message."""
        value = numbers.value(m.group("v"))
        if value is None or value <= 0 or units.too_large(value) or value != value.quantize(Decimal("0.01")):
            return commands.Clarify("bad_amount", detail=m.group(0).strip(" ,"))
        heard = self.parse((s[:m.start()] + s[m.end():]).strip(" ,"), speaker=speaker)
        if isinstance(heard, commands.Parsed) and isinstance(heard.command, commands.PlaceSale):
            return replace(heard, command=replace(heard.command, deposit=units.normalize(value)))
        if isinstance(heard, commands.Clarify):
            return heard
        return commands.Clarify("deposit_with_order")

    def _trace(self, s: str, speaker: context.Speaker) -> Result | None:
        """A lot's trace (追溯牛奶批号A123 · 批号A123的牛奶去哪了 · 15号那批牛腩卖给谁了 · 这批牛奶是哪来的), its recall
        (召回批号A123的牛奶) or its consumer page's code (牛奶A123的溯源码); the ledger's check (账本校验 · 核对账本指纹
        #1234 3f9a1c2b4d5e). None: neither asked. The words left once the lot, its day and the asking are taken out
        must name one product, or none."""
        ledger_check = _LEDGER_CHECK.fullmatch(s)
        if ledger_check is not None:   # (check ledger, said in English)
            return _ledger_check(ledger_check)
        strong = _TRACE_STRONG.search(s)
        asked = strong or _TRACE_ASKED.search(s)
        if asked is None or (strong is None and not _TRACE_LOT_WORD.search(s)):
            return None   # (可乐卖给谁了: a customers' question; 哪批牛奶最早过期: the lots' dates)
        rest, lot, day = s, None, None
        m = scan.LOT_RE.search(rest) or _TRACE_CODE.search(rest) or (_TRACE_BARE.search(rest) if strong else None)
        if m is not None:
            lot = m.group("lot").replace(" ", "").upper()
            rest = rest[:m.start()] + " " + rest[m.end():]
        else:
            found = dates.find(rest, speaker.now)
            if found is not None:   # 15号那批 · 昨天收的那批 · 周一那批: a day past, as a write said of one
                day = (_past_day(found, rest[found.start:found.end], speaker.now) or found.when).date()
                rest = rest[:found.start] + " " + rest[found.end:]
        partner = None
        named = [e for e in self.lex.scan(rest, [True] * len(rest)) if e.kind == "partner"]
        if len(named) == 1 and len(named[0].codes) == 1:   # 张记送的那批牛腩: the lot that supplier delivered
            partner = named[0].codes[0]
            rest = rest[:named[0].start] + " " + re.sub(r"^(?:送来的|送的|送过来的|进的|的)", "", rest[named[0].end:])
        rest = _TRACE_FILLER.sub(" ", _TRACE_STRONG.sub(" ", _TRACE_ASKED.sub(" ", rest)))
        name = _TRACE_EDGES.sub("", re.sub(r"[\s,.?!~:]+", "", rest))
        name = "" if name in ("货", "货物", "东西") else name   # 这批货是哪来的: no product named
        sku = None
        recall = bool(re.search(r"召回|下架这批|问题批次", s))
        code = bool(re.search(r"溯源码|追溯码|二维码|qr|标签", s))
        wanted = commands.TraceLot(sku=None, lot=lot, day=day, recall=recall, code=code, partner=partner)
        if name:
            found_p = self.lex.match_product(name)
            if len(found_p.skus) != 1 or found_p.guess is not None:   # (数据线 → 苹果的: the trace goes on)
                return None if lot is None and day is None and strong is None else (
                    commands.Clarify("unknown_product", mention=name) if not found_p.skus
                    else commands.Clarify("ambiguous_product", mention=name, candidates=found_p.skus, partial=wanted))
            sku = found_p.skus[0]
        return commands.Parsed(replace(wanted, sku=sku))

    def _staff_asked(self, s: str) -> Result | None:
        """南山店有哪些人 · 员工名单 · 谁是南山店店长 · 南山店店长是谁 · 小王是哪个店的: who works where; None: not asked."""
        m = _STAFF_ASKED.fullmatch(s)
        if m is None:
            return None
        said = {k: v for k, v in m.groupdict().items() if v}
        who = said.get("who")
        if who is not None:
            username = self._one_named(who, "user")
            return commands.Parsed(commands.StaffQuery(username=username)) if username else None
        where = next((said[k] for k in ("where", "where2", "where3", "where4", "where5") if k in said),
                     "").removesuffix("的")
        ours = where in ("我们", "店里", "公司", "我们店", "我们公司", "咱们", "咱们店", "全部", "所有")
        location = self._one_named(where, "location") if where and not ours else None
        if where and location is None and not ours:
            return None
        role = lexicon.ROLE_WORDS.get(said.get("role") or said.get("role2") or "")
        return commands.Parsed(commands.StaffQuery(location=location, role=role if role != "everyone" else None))

    def _staff(self, s: str) -> Result | None:
        """小王调到福田店了 · 小王以后在福田店上班 (their store) · 小王离职了 · 停用小王的账号 (gone) · 恢复小王的账号 ·
        小王回来上班了 (back) · 把小王升为店长 (their role): a colleague named alone, else None."""
        m = _STAFF_MOVED.fullmatch(s) or _STAFF_LEFT.fullmatch(s) or _STAFF_BACK.fullmatch(s) or _STAFF_ROLE.fullmatch(s)
        if m is None:
            return None
        said = {k: v for k, v in m.groupdict().items() if v}
        who = self._one_named(said.get("who") or said.get("who2") or said.get("who3") or "", "user")
        if who is None:
            return None
        if m.re is _STAFF_MOVED:
            where = self._one_named(said.get("where") or said.get("where2") or "", "location")
            return commands.Parsed(commands.SetUser(who, location=where)) if where else None
        if m.re is _STAFF_ROLE:
            return commands.Parsed(commands.SetUser(who, role=lexicon.ROLE_WORDS[said["role"]]))
        return commands.Parsed(commands.SetUser(who, active=m.re is _STAFF_BACK))

    def _recipe(self, s: str, speaker: context.Speaker) -> Result | None:
        """可颂的配方:高筋面粉50克,黄油25克 · 做10个可颂要面粉0.5公斤、黄油0.25公斤 · 每杯拿铁用牛奶200毫升 (set) ·
        可颂的配方 · 可颂用什么料 (shown) · 删除可颂的配方 (taken away): of the one product named, else None."""
        shown = _RECIPE_ASKED.fullmatch(s)
        gone = _RECIPE_GONE.fullmatch(s)
        said = _RECIPE_SET.fullmatch(s) or _RECIPE_PER.fullmatch(s)
        per = said is not None and said.re is _RECIPE_PER
        if per and said is not None and re.search(r"多少|几|多久|多长|什么|啥|吗|\?", said.group("rest")):
            said = None   # 一个可颂要多少钱 · 一箱牛奶要几升 · 做一个可颂要多久: questions, not a recipe
        m = gone or said or shown
        if m is None:
            return None
        head = next(g for g in (m.groupdict().get("head"), m.groupdict().get("head2")) if g).removesuffix("的")
        head = head.removeprefix("做") if m is shown and head.startswith("做") and len(head) > 2 else head
        named = self._one_named(head, "product")   # its name or alias, never a guess (红烧牛腩 is no 牛腩)
        if named is None:
            found = self.lex.match_product(head)
            if len(found.skus) > 1 and found.guess is None:   # 数据线的配方: which one
                return commands.Clarify("ambiguous_product", mention=head, candidates=found.skus)
            return commands.Clarify("recipe_no_product", detail=head) if said is not None or gone is not None else None
        sku = named
        if gone is not None:
            return commands.Parsed(commands.SetRecipe(sku, Decimal(1)))
        if said is None:
            return commands.Parsed(commands.ProductField(sku, "recipe"))
        p = self.lex.product(sku)
        yields = Decimal(1)
        n, unit = m.groupdict().get("n"), m.groupdict().get("u") or ""
        if n or unit:   # 做10个可颂 · 一盘可颂 (a pack of it) · 每杯拿铁
            count = numbers.value(n or "一")
            try:
                yields = units.to_base(count or Decimal(0), unit or p.base_unit, base_unit=p.base_unit, packs=p.packs)
            except errors.DomainError:
                return commands.Clarify("unit_mismatch", mention=sku, detail=unit)
            if yields <= 0:
                return commands.Clarify("bad_qty", detail=f"{n}{unit}")
        used = self.parse(f"用了{m.group('rest')}", speaker=speaker)
        if not isinstance(used, commands.Parsed) or not isinstance(used.command, commands.RecordMoves) \
                or not used.command.lines or any(ln.sku == sku for ln in used.command.lines):
            # (一箱牛奶要12升 · 一袋面粉要25公斤: how it is packed, said as what one takes; the recipe word: asked)
            return None if per else commands.Clarify("recipe_unclear", detail=m.group("rest"))
        return commands.Parsed(commands.SetRecipe(sku, yields, tuple(
            commands.Line(sku=ln.sku, qty=ln.qty) for ln in used.command.lines)))

    def _materials(self, s: str, speaker: context.Speaker) -> Result | None:
        """A production plan's materials asked (MRP): 下周要做可颂500个、拿铁300杯,原料够不够 · 做500个可颂要买什么 ·
        周六前做200个可颂需要多少原料 · 生产计划:可颂500个,拿铁300杯. The goods must parse as made goods; the day
        said (else now) is when they must be made by. None: no such question."""
        if not _MATERIALS_HINT.search(s):   # (most messages: no date read for nothing)
            return None
        found = dates.find(s, speaker.now)
        rest = s[:found.start] + s[found.end:] if found is not None else s
        due = found.when if found is not None else None
        period = _MATERIALS_WHEN.match(rest)
        if period is not None:   # 下周要做…: by the week's first day; 下个月: the month's (这周: now)
            rest = rest[period.end():]
            ahead = dates.ahead_span(period.group(0), speaker.now)
            if ahead is not None:
                due = dt.datetime.combine(ahead[0], dt.time(), tzinfo=speaker.now.tzinfo)
        m = _MATERIALS_ASKED.fullmatch(rest.strip(" ,")) or _MATERIALS_PLAN.fullmatch(rest.strip(" ,"))
        if m is None:
            return None
        made = self.parse(f"做了{m.group('items')}", speaker=speaker)
        if isinstance(made, commands.Clarify):   # (做可颂要什么料, no amount: its recipe asked)
            return made if made.reason not in ("not_understood", "missing_qty") else None
        if not isinstance(made.command, commands.RecordMoves) or not made.command.lines:
            return None
        return commands.Parsed(commands.PlanMaterials(
            lines=tuple(commands.Line(sku=ln.sku, qty=ln.qty) for ln in made.command.lines),
            location=made.command.location, due=due), guesses=made.guesses)

    def _network(self, s: str) -> Result | None:
        """The network of companies: an invitation for a partner's company, one accepted by its code, a link ended,
        the links listed. None: none of these."""
        if not _NET_HINT.search(s):
            return None
        code = _NET_CODE.search(s)
        if code is not None and (_NET_ACCEPT.search(s) or s.strip(" .!") == code.group(0)):
            return commands.Parsed(commands.Network("accept", code=network.normal_code(code.group(0))))
        if _NET_LIST.fullmatch(s):
            return commands.Parsed(commands.Network("list"))
        if _NET_LOG.fullmatch(s):   # 网络往来记录: what crossed, newest first
            return commands.Parsed(commands.Network("log"))
        log = _NET_LOG_WITH.fullmatch(s)
        if log is not None:   # 和张记的往来记录: with that partner's company
            who = log.group("who").strip(" ,").removesuffix("的")
            partner = self._one_named(who, "partner")
            if partner is None:
                return commands.Clarify("unknown_network_partner", detail=who)
            return commands.Parsed(commands.Network("log", partner=partner))
        for pattern, action in ((_NET_REKEY, "rekey"), (_NET_END, "end"), (_NET_END_AFTER, "end"),
                                (_NET_INVITE, "invite"), (_NET_WITH, "invite")):
            m = pattern.fullmatch(s)
            if m is None:
                continue
            who = (m.group("who") or m.groupdict().get("who2") or "").strip(" ,").removesuffix("的")
            partner = self._one_named(who, "partner")
            if partner is None:
                return commands.Clarify("unknown_network_partner", detail=who)
            return commands.Parsed(commands.Network(action, partner=partner))
        return None

    def _center(self, s: str, speaker: context.Speaker) -> Result | None:
        """A work center's hours a day (烤箱每天可用8小时) or its load (这周烤箱的负荷 · 明天烤箱排满了吗 · 产能负荷). Its
        name must be nothing in the catalog (a service's hours are the service's own); None: not such a sentence."""
        if not _CENTER_HINT.search(s):
            return None
        cap = _CENTER_CAP.fullmatch(s)
        if cap is not None:
            n = numbers.value(cap.group("n"))
            name = cap.group("c").removesuffix("的")
            return commands.Parsed(commands.WorkCenter(name, n)) if n and n > 0 and self._no_entry(name) else None
        day = dates.find(s, speaker.now)
        load = _CENTER_LOAD.fullmatch(s[:day.start] + s[day.end:] if day is not None else s)
        if load is None:
            return None
        name = (load.group("c") or "").removesuffix("的")
        if name and not self._no_entry(name):
            return None
        start, end = (day.when.date(), day.when.date()) if day is not None and not load.group("span") \
            else _span_days(load.group("span") or "这周", speaker.now)
        return commands.Parsed(commands.CenterLoad(start, end, name or None))

    def _no_entry(self, words: str) -> bool:
        """``words`` name nothing in the catalog (no product, partner, place or person): a work center's own name."""
        return not self.lex.scan(words, [True] * len(words)) and not self.lex.match_product(words).skus

    def _work(self, s: str, speaker: context.Speaker) -> Result | None:
        """Routings and work orders: 可颂的工序:和面30分钟,发酵2小时,烤制20分钟 · 删除可颂的工序 (set) · 开工单:明天做
        可颂500个 · 安排生产可颂500个,周五前完成 · 委外加工:让李记做可颂500个,加工费每个1元 (planned) · 工单1开工 ·
        工单1和面完成 · 工单1完工,做了480个 · 工单1先交300个 · 取消工单1 (a step) · 工单 · 在制品 · 工单1进度 (shown).
        None: none of these."""
        if not _WORK_HINT.search(s):
            return None
        asked = _OPS_ASKED.fullmatch(s)
        sku = self._one_named(asked.group("head"), "product") if asked is not None else None
        if sku is not None:   # 可颂的工序: its recipe, with its operations
            return commands.Parsed(commands.ProductField(sku, "recipe"))
        ops = _OPS_GONE.fullmatch(s) or _OPS_SET.fullmatch(s)
        sku = self._one_named(ops.group("head"), "product") if ops is not None else None
        if ops is not None and sku is not None:
            if ops.re is _OPS_GONE:
                return commands.Parsed(commands.SetOperations(sku))
            steps = []
            for part in _OPS_SPLIT.split(ops.group("rest")):
                part = part.strip(" .。")
                if not part:
                    continue
                one = _OP.fullmatch(part)
                if one is None:
                    return commands.Clarify("ops_unclear", detail=part)
                n, unit = one.group("n"), one.group("u") or ""
                minutes = None
                if n or unit:
                    v = numbers.value(n or "一")
                    if not v or v <= 0:
                        return commands.Clarify("bad_qty", detail=part)
                    minutes = units.normalize(v * 60 if "时" in unit or unit.lower() == "h" else v)
                per = None
                pn = one.group("pn") or one.group("pn2") or one.group("pn3")
                pu = one.group("pu") or one.group("pu2") or one.group("pu3")
                said_per = "每" in part[len(one.group("name")):] or "/" in part
                if said_per:   # a batch's time: for how much of the product
                    p = self.lex.product(sku)
                    count = numbers.value(pn or "一")
                    if minutes is None or not count or count <= 0 or not (pn or pu):   # (每炉20分钟: of how many?)
                        return commands.Clarify("ops_per_unclear", detail=part)
                    try:
                        per = units.normalize(units.to_base(count, pu or p.base_unit, base_unit=p.base_unit,
                                                            packs=p.packs))
                    except errors.DomainError:
                        return commands.Clarify("unit_mismatch", mention=sku, detail=pu or "")
                steps.append(commands.Step(one.group("name"), minutes, one.group("c") or one.group("c2") or None,
                                           per))
            if not steps or len({x.name for x in steps}) != len(steps):
                return commands.Clarify("ops_unclear", detail=ops.group("rest"))
            return commands.Parsed(commands.SetOperations(sku, tuple(steps)))
        if _WORK_LIST.fullmatch(s):
            return commands.Parsed(commands.WorkOrders())
        planned = _WORK_NEW.fullmatch(s) or _WORK_SUB.fullmatch(s) or _WORK_SUB_LET.fullmatch(s)
        if planned is not None:
            return self._work_order(planned, speaker)
        step = _WORK_CANCEL.fullmatch(s) or _WORK_NUMBERED.fullmatch(s)
        if step is None:
            return None
        number = step.group("id") or step.group("id2")
        oid = int(number) if number else None
        rest = (step.groupdict().get("rest") or step.groupdict().get("rest2") or "").strip(" ,")
        if step.re is _WORK_CANCEL:
            return commands.Parsed(commands.WorkStep("cancel", order_id=oid))
        back_said = _WORK_BACK.search(rest)   # …,余料退回: what the rest would have used goes back to the store
        back = back_said is not None
        if back_said is not None:
            rest = rest[:back_said.start()].strip(" ,")
            if not rest or _WORK_CLOSE.fullmatch(rest):   # 工单1结单,余料退回 · 工单1余料退回
                return commands.Parsed(commands.WorkStep("made", order_id=oid, qty=Decimal(0), back=True))
        adjust = _WORK_SUPPLY.fullmatch(rest) or _WORK_RETURN.fullmatch(rest)
        if adjust is not None and not back:   # 工单1补料:黄油1公斤 · 工单1退料:面粉2公斤
            items = adjust.group("items").strip(" ,:")
            used = self.parse(f"用了{items}", speaker=speaker)
            if not isinstance(used, commands.Parsed) or not isinstance(used.command, commands.RecordMoves) \
                    or not used.command.lines or any(ln.qty <= 0 for ln in used.command.lines):
                return used if isinstance(used, commands.Clarify) and used.reason in (
                    "ambiguous_product", "unknown_product") else commands.Clarify("work_lines_unclear", detail=items)
            return commands.Parsed(commands.WorkStep(
                "issue" if adjust.re is _WORK_SUPPLY else "return", order_id=oid,
                lines=tuple(commands.Line(sku=ln.sku, qty=ln.qty) for ln in used.command.lines)),
                guesses=used.guesses)
        if _WORK_RETURN_BARE.fullmatch(rest):   # 工单1退料: what, and how much?
            return commands.Clarify("work_return_what", detail=str(oid or ""))
        if _WORK_SHOW.fullmatch(rest):
            return commands.Parsed(commands.WorkOrders(order_id=oid)) if oid is not None else None
        if _WORK_CLOSE.fullmatch(rest):   # 工单1结单: finished with what it made so far
            return commands.Parsed(commands.WorkStep("made", order_id=oid, qty=Decimal(0)))
        if _WORK_START.fullmatch(rest):
            return commands.Parsed(commands.WorkStep("start", order_id=oid))
        if _WORK_NEXT.fullmatch(rest):
            return commands.Parsed(commands.WorkStep("op", order_id=oid))
        made = _WORK_MADE.fullmatch(rest)
        if made is not None and (made.group("v") or made.group("n") or made.group("part")):
            qty = numbers.value(made.group("n")) if made.group("n") else None
            scrap = numbers.value(made.group("scrap")) if made.group("scrap") else None
            if (made.group("n") and qty is None) or (made.group("scrap") and not scrap):
                return commands.Clarify("bad_qty", detail=rest)
            return commands.Parsed(commands.WorkStep("made", order_id=oid, qty=qty, scrap=scrap, unit=made.group("u"),
                                                     scrap_unit=made.group("su"), final=not made.group("part"),
                                                     back=back))
        op = _WORK_OP.fullmatch(rest)
        if op is not None:
            return commands.Parsed(commands.WorkStep("op", order_id=oid, op=op.group("op")))
        return None

    def _work_order(self, m: re.Match[str], speaker: context.Speaker) -> Result | None:
        """开工单:明天做可颂500个 · 委外加工:让李记做可颂500个,加工费每个1元: a work order's product, amount, day, and
        subcontractor with its fee."""
        rest = m.group("rest") or m.groupdict().get("rest2") or ""
        partner = None
        if m.re is not _WORK_NEW:
            partner = self._one_named(m.group("who").strip(" ,"), "partner")
            if partner is None:
                return commands.Clarify("unknown_subcontractor", detail=m.group("who").strip(" ,")) \
                    if m.re is _WORK_SUB else None
        fee_said = _WORK_FEE.search(rest)
        if fee_said is not None:
            rest = rest[:fee_said.start()] + rest[fee_said.end():]
        found = dates.find(rest, speaker.now)
        due = found.when if found is not None else None
        if found is not None:
            rest = rest[:found.start] + rest[found.end:]
        rest = _WORK_DUE_WORDS.sub("", rest).strip(" ,")
        rest = re.sub(r"^(?:要|来|去)?(?:做|生产|加工|制作|烤)", "", rest)
        # (read as goods come in: the product and amount, whatever its category — 牛腩 cooked is no use here)
        made = self.parse(f"收到{rest}", speaker=speaker)
        if isinstance(made, commands.Clarify):
            return made if made.reason not in ("not_understood",) else None
        cmd = made.command
        if not isinstance(cmd, commands.RecordMoves) or cmd.movement != commands.Movement.RECEIPT:
            return None
        if len(cmd.lines) != 1:
            return commands.Clarify("work_order_one")
        line = cmd.lines[0]
        fee = None
        if fee_said is not None:
            fee = numbers.value(fee_said.group("fee"))
            if fee is None or fee < 0:
                return commands.Clarify("bad_price", detail=fee_said.group(0))
            if not (fee_said.group("per") or fee_said.group("per2")):   # 加工费500元: for the whole order
                fee = (fee / line.qty).quantize(Decimal("0.0001")).normalize()
            else:
                unit = fee_said.group("u") or fee_said.group("u2") or ""
                p = self.lex.product(line.sku)
                if unit and unit != p.base_unit:
                    try:
                        per = units.to_base(Decimal(1), unit, base_unit=p.base_unit, packs=p.packs)
                    except errors.DomainError:
                        return commands.Clarify("unit_mismatch", mention=line.sku, detail=unit)
                    fee = (fee / per).quantize(Decimal("0.0001")).normalize()
        return commands.Parsed(commands.MakeOrder(sku=line.sku, qty=line.qty, due=due, partner=partner, fee=fee,
                                                  location=cmd.location), guesses=made.guesses)

    def _service(self, s: str, speaker: context.Speaker) -> Result | None:
        """Service hours: a service's bookable hours a day (高级顾问每天可约8小时), what an hour of it counts as of another
        (1小时高级顾问=2小时初级顾问 · 高级顾问1小时抵初级顾问2小时), an appointment (周六下午2点王总约了高级顾问2小时 ·
        明天上午10点预约初级顾问1小时) and how full they are (这周顾问的利用率 · 明天高级顾问约满了吗). A service is
        a product counted in hours; None: none of these."""
        if not _SERVICE_HINT.search(s) and not (self.services and _BOOKED_HINT.search(s)):
            return None
        cap = _CAPACITY.fullmatch(s)
        if cap is not None:
            sku = self._one_named(cap.group("what"), "product")
            n = numbers.value(cap.group("n"))
            return commands.Parsed(commands.SetProduct(sku, "capacity", n)) if sku and n and n > 0 else None
        counts = _COUNTS_BEFORE.fullmatch(s) or _COUNTS_AFTER.fullmatch(s)
        if counts is not None:
            a, b = self._one_named(counts.group("a"), "product"), self._one_named(counts.group("b"), "product")
            qa, qb = numbers.value(counts.group("qa")), numbers.value(counts.group("qb"))
            if not (a and b and qa and qb):
                return None
            return commands.Parsed(commands.SetProduct(a, "counts", f"{b}×{units.normalize(qb / qa):f}"))
        day = dates.find(s, speaker.now)
        rest = s[:day.start] + s[day.end:] if day is not None else s
        full = _UTILIZATION.fullmatch(rest) or _UTILIZATION_AFTER.fullmatch(rest)
        if full is not None:   # (周六高级顾问约满了吗: that day)
            span = full.group("span") or full.groupdict().get("span2")
            start, end = (day.when.date(), day.when.date()) if day is not None and not span \
                else _span_days(span or "这周", speaker.now)
            what = (full.group("what") or "").removesuffix("的")
            sku = self._one_named(what, "product") if what else None
            if (sku is not None and not self.lex.product(sku).is_service) \
                    or (sku is None and not any(p.is_service for p in self.lex.products.values())):
                return None   # (今天还有空位吗 where no service is sold: not hours asked)
            return commands.Parsed(commands.Utilization(start, end, sku))
        if day is None or not day.has_time:
            return None
        said = (s[:day.start] + " " + s[day.end:]).strip(" ,")
        appoint = _APPOINTMENT.fullmatch(said) or (_COMING_FOR.fullmatch(said) if day.when > speaker.now else None)
        if appoint is None:
            return None
        sku = self._one_named(appoint.group("what"), "product")
        n = numbers.value(appoint.group("n")) if appoint.group("n") else None
        if sku is None or (appoint.group("n") and not n) or not self.lex.product(sku).is_service:
            return None
        said_who = appoint.groupdict()
        who = (said_who["who"] or said_who.get("who2") or said_who.get("who3") or "").strip(" ,给")
        if n is None:   # 给张女士约明天下午3点理疗: how long, asked (its answer completes it)
            return commands.Clarify("missing_qty", mention=sku, partial=commands.RecordBooking(at=day.when, lines=(),
                                                                                                note=who))
        return commands.Parsed(commands.RecordBooking(at=day.when, lines=(commands.Line(sku=sku, qty=n),), note=who))

    def _substitute(self, s: str) -> Result | None:
        """A recipe's component's substitute (可颂的黄油可以用人造黄油代替 · 做可颂黄油不够时用淡奶油代替,用量1.2倍) or its
        taking off (可颂的黄油不能再用人造黄油代替了). The product must be named whole; an unknown component or substitute
        is said. None: no such sentence."""
        if not _SUBSTITUTE_HINT.search(s):
            return None
        asked = _SUBSTITUTE_ASKED.fullmatch(s)
        if asked is not None:   # 黄油没有了用什么代替 · 可颂的黄油可以用什么替代: what stands in for it, recipe by recipe
            said = asked.group("comp")
            for i in range(len(said) - 1):   # (the product it goes into may come first: its ingredient is asked)
                sku = self._one_named(_SUB_JOINT.sub("", said[i:]), "product")
                if sku is not None:
                    return commands.Parsed(commands.ProductField(sku, "substitutes"))
            return None
        m = _SUBSTITUTE.fullmatch(s) or _SUBSTITUTE_OFF.fullmatch(s) or _SUBSTITUTE_FOR.fullmatch(s)
        if m is None:
            return None
        pair = m.group("pair")   # 可颂的黄油 · 可颂里黄油 · 可颂黄油: the product, then its component
        splits = [(pair, m.group("comp"))] if m.re is _SUBSTITUTE_FOR else [(pair[:i], pair[i:]) for i in range(1, len(pair))]
        for head, comp in splits:
            comp = _SUB_JOINT.sub("", comp) or comp
            sku = self._one_named(head, "product")
            if sku is not None:
                break
        else:
            return None
        named = []
        for word in (comp, m.group("sub") or m.groupdict().get("sub2") or ""):
            code = self._one_named(word, "product")
            if code is None:
                return commands.Clarify("unknown_product", mention=word.removesuffix("的"))
            named.append(code)
        if m.re is _SUBSTITUTE_OFF:
            return commands.Parsed(commands.SetSubstitute(sku, named[0], named[1], None))
        ratio = Decimal(m.group("ratio")) if m.group("ratio") else Decimal(1)
        if ratio <= 0:
            return commands.Clarify("bad_qty", detail=m.group("ratio"))
        return commands.Parsed(commands.SetSubstitute(sku, named[0], named[1], ratio))

    def _storage_temp(self, s: str) -> Result | None:
        """A product's storage temperature set (牛奶的储存温度是2到6度 · 牛奶冷藏2-6度 · 冻品储存温度-18度以下 · 牛奶温度不能
        超过6度) or asked (牛奶储存温度多少 · 牛奶要冷藏在几度). The words before it must name one product; else None."""
        m = _TEMP_RANGE.fullmatch(s) or _TEMP_MAX.fullmatch(s) or _TEMP_MIN.fullmatch(s) or _TEMP_ASKED.fullmatch(s)
        if m is None:
            return None
        found = self.lex.match_product(m.group("what").removesuffix("的"))
        if len(found.skus) != 1 or found.guess is not None:
            return None
        said = m.groupdict()
        if m.re is _TEMP_ASKED:
            return commands.Parsed(commands.ProductField(found.skus[0], "storage_temp"))
        lo, hi = said.get("lo"), said.get("hi")
        if lo is not None and hi is not None and Decimal(lo) > Decimal(hi):
            lo, hi = hi, lo   # (2到6 said 6到2)
        return commands.Parsed(commands.SetProduct(found.skus[0], "storage_temp", f"{lo or ''}~{hi or ''}"))

    def _price_now(self, s: str, speaker: context.Speaker) -> Result | None:
        """牛腩进价涨了,现在35一斤 · 牛腩涨价了,35一斤 · 牛腩现在进价35 · 可乐现在卖5块一瓶: a price as it is now, set as
        the catalog's (asked first, as 牛腩进价改成35 is). 涨价/降价 without saying which price: the one the new value
        is nearer (a supplier's rise is near the cost, ours near the selling price). None: not said so."""
        m = next((m for p in _PRICE_NOW if (m := p.fullmatch(s)) is not None), None)
        if m is None or self.price_move.search(s):   # (牛腩涨了3块 · 可乐涨价10%: moved by it, ``_adjust_price``)
            return None
        word = m.group("field") or ""
        # (改价 · 定价 without a field: our selling price; 调价 too when no cost is known to be nearer)
        field = "unit_price" if word == "卖" or (not word and m.groupdict().get("dir") in ("改价", "定价")) \
            else intents.FIELDS.get(word, "unit_cost")
        value = m.group("v")
        pack_first = re.fullmatch(rf"(?:一|每)(?P<u>{intents.PACK_WORD}|斤|公斤|瓶|个)(?P<n>.+)", value)
        if pack_first is not None:   # 一箱70: 70一箱
            value = f"{pack_first.group('n')}一{pack_first.group('u')}"
        elif m.groupdict().get("pack") and re.fullmatch(rf"{numbers.NUMBER}\s*(?:元|块钱?|块)?", value):
            value = f"{value}一{m.group('pack')}"   # 可乐每箱涨到130: ¥130 a case
        got = self.parse(f"{m.group('head')}{'售价' if field == 'unit_price' else '进价'}改成{value}", speaker=speaker)
        if not isinstance(got, commands.Parsed) or not isinstance(got.command, commands.SetProduct):
            return got if isinstance(got, commands.Clarify) and got.reason in ("bad_price", "unit_mismatch") else None
        p = self.lex.product(got.command.sku)
        value = got.command.value
        said = m.groupdict()
        head = m.group("head")
        supplier = [e for e in self.lex.scan(head, [True] * len(head)) if e.kind == "partner" and len(e.codes) == 1
                    and self.lex.partners[e.codes[0]].kind.value == "supplier"]
        moved_by = said.get("dir") in ("涨", "降") and not said.get("sep")
        if supplier and field == "unit_cost" and isinstance(value, Decimal):   # 张记的牛腩涨价了,现在35一斤: its price
            return commands.Parsed(commands.CustomerPrice(   # (张记的牛腩涨了3块: from what it charges now)
                "set", supplier[0].codes[0], p.sku, None if moved_by else value,
                delta=(value if said["dir"] == "涨" else -value) if moved_by else None))
        if moved_by and isinstance(value, Decimal):   # 牛腩涨了3块: by
            fld = "unit_price" if field == "unit_price" or (not word and p.unit_cost is None) else "unit_cost"
            was = getattr(p, fld)
            new = None if was is None else was + value if said["dir"] == "涨" else was - value
            if new is None or new <= 0:
                return commands.Clarify("bad_price", detail=s)
            return commands.Parsed(replace(got.command, field=fld, value=units.normalize(new)))
        if not word and isinstance(value, Decimal) and p.unit_cost is not None and p.unit_price is not None \
                and abs(value - p.unit_price) < abs(value - p.unit_cost):   # 可乐涨价了,6块一瓶: ours
            return commands.Parsed(replace(got.command, field="unit_price"))
        if not word and p.unit_cost is None and (said.get("dir") == "调价" or p.unit_price is not None):
            # 可颂调价到15 · 理疗涨价到220 (no cost known, or none at all, as an hour of service): ours
            return commands.Parsed(replace(got.command, field="unit_price"))
        return got

    def _one_named(self, words: str, kind: str) -> str | None:
        """The code of the one catalog entry of ``kind`` that ``words`` name whole (小王 · 福田店), else None."""
        words = words.removesuffix("的")
        found = self.lex.scan(words, [True] * len(words))
        if len(found) != 1 or found[0].kind != kind or (found[0].start, found[0].end) != (0, len(words)) \
                or len(found[0].codes) != 1:
            return None
        return found[0].codes[0]

    def _retire(self, s: str) -> Result | None:
        """酸菜下架 · 酸菜不卖了 · 停用酸菜 · 删除商品酸菜: that product off the catalog; 酸菜重新上架 · 恢复酸菜 ·
        启用酸菜: a retired one back. The rest of the message must be the product's name, else None."""
        bare = s.strip(" !.~")
        for pattern, active in ((_RETIRE, False), (_RESTORE, True)):
            m = pattern.fullmatch(bare)
            if m is None:
                continue
            name = (m.group("a") or m.group("b") or "").removesuffix("的")   # (s is normalized: as the lexicon's keys)
            if active:
                sku = self.lex.retired.get(name)
                if sku is None:   # 恢复牛奶, on sale already: said so (the product named, nothing to change)
                    got = self.lex.match_product(name)
                    return commands.Clarify("product_active", mention=got.skus[0]) if len(got.skus) == 1 else None
                return commands.Parsed(commands.RetireProduct(sku=sku, active=True))
            if name in self.lex.retired:
                return commands.Clarify("product_retired", mention=self.lex.retired[name])
            got = self.lex.match_product(name)
            if len(got.skus) == 1 and got.guess is None:
                return commands.Parsed(commands.RetireProduct(sku=got.skus[0], active=False))
        return None

    def _add_product(self, name: str, rest: str) -> Result:
        """A new product: its name, base unit (单位斤 · 按斤卖), packs (一箱20斤 · 箱=20), price and cost (per base unit
        or per pack: 售价58元 · 进价800元/箱), shelf life (保质期3天) and category (分类肉类)."""
        if any(name in p.names for p in self.lex.products.values()):
            return commands.Clarify("product_exists", mention=name)
        unit = re.search(r"(?:单位|基本单位|计量单位)(?:是|为|用|:)?\s*(?P<u>[^\s,;:\d]{1,3}?)(?=[\s,;]|$)"
                         r"|按(?P<u2>[^\s,;\d]{1,2}?)(?:卖|算|计|称)", rest)
        base = (unit.group("u") or unit.group("u2")) if unit else ""
        if not base:   # 新增商品 腐竹 斤 单价8 · 新增商品腐竹(斤): a unit word standing alone is the base unit
            alone = [w for w in re.split(r"[\s,;:()()]+", rest) if units.is_global(w) or w in units.COUNTED]
            base = alone[0] if len(alone) == 1 else ""
        if not base:
            return commands.Clarify("product_unit", mention=name)
        packs: dict[str, Decimal] = {}
        for m in re.finditer(rf"(?:一|1|每)(?P<pack>[^\d\s,;=]{{1,2}}?)(?:=|是|有|装)?\s*(?P<n>{numbers.NUMBER})\s*"
                             rf"{re.escape(base)}|(?P<pack2>[^\d\s,;=]{{1,2}})=(?P<n2>[\d.]+)", rest):
            n = numbers.value(m.group("n") or m.group("n2"))
            pack = m.group("pack") or m.group("pack2")
            if n is None or n <= 0 or pack == base:
                return commands.Clarify("bad_qty", detail=m.group(0))
            packs[pack] = n
        money: dict[str, Decimal | None] = {"unit_price": None, "unit_cost": None}
        for field, words in (("unit_price", "售价|零售价|卖价|单价|价格|卖"), ("unit_cost", "进价|成本价?|采购价|进货价")):
            said = re.search(rf"(?:{words})(?:是|为|:)?\s*(?P<v>{numbers.NUMBER})\s*(?:元|块)?\s*(?:(?:/|每|一)\s*(?P<u>[^\s,;\d]{{1,2}}))?",
                             rest)
            if said is None:
                continue
            value, per = numbers.value(said.group("v")), said.group("u") or base
            if value is None or value < 0 or (per != base and per not in packs):
                return commands.Clarify("bad_price", detail=said.group(0))
            money[field] = units.normalize(value / (packs[per] if per != base else Decimal(1)))
        shelf = scan.SHELF_RE.search(rest)
        category = re.search(r"(?:分类|类别|品类|属于)(?:是|为|:)?\s*(?P<c>[^\s,;]{1,6})", rest)
        return commands.Parsed(commands.AddProduct(
            name=name, base_unit=base, packs=tuple(packs.items()), unit_price=money["unit_price"],
            unit_cost=money["unit_cost"], shelf_life_days=scan.shelf_days(shelf.group("n"), shelf.group("u")) if shelf
            else None, category=category.group("c") if category else ""))

    def _apart(self, a: scan.Analysis, marks: list[tuple[int, int, str | None]], speaker: context.Speaker,
               kind: str) -> Result | None:
        """收到张记牛腩50斤、绿源土豆2袋 · 向张记订牛腩50斤,向绿源订土豆2袋 · 团餐拿了牛腩10斤,散客买了可乐1箱: the goods
        after each partner named (``marks``: where, and whose; None a walk-in) are its own receipt, order or sale, made
        together. None: goods said before the first, or a part that is not its partner's (the message read as before)."""
        firsts = sorted({code: (x, y, code) for x, y, code in reversed(marks)}.values())
        if len(firsts) < 2 or any(e.start < firsts[0][0] for e in a.of("product")):
            return None
        head = a.s[:firsts[0][0]]
        bought: list[commands.PlacePurchase] = []
        moved: list[commands.RecordMoves] = []
        guesses: list[commands.Guess] = []
        for i, (x, y, code) in enumerate(firsts):
            seg = a.s[x if code is not None else y:firsts[i + 1][0] if i + 1 < len(firsts) else len(a.s)]
            seg = seg.strip(" ,;、和及与还有另外")
            if code is None:   # 散客买了可乐1箱: bought from us, a sale (买了 alone reads as goods we bought)
                seg = re.sub(r"^(?:又|也)?(?:买了|买走了?|买|拿了|拿走了?|拿|要了|要)", "卖了", seg)
            got = self._command(self.scanner.analyse(head + seg, speaker.now), speaker, whole=False)
            if not isinstance(got, commands.Parsed) or getattr(got.command, "partner", None) != code:
                return None
            c = got.command
            if kind == "purchase" and isinstance(c, commands.PlacePurchase):
                bought.append(c)
            elif kind != "purchase" and isinstance(c, commands.RecordMoves) and c.movement == (
                    commands.Movement.RECEIPT if kind == "receipt" else commands.Movement.SALE):
                moved.append(c)
            else:
                return None
            guesses += got.guesses
        made = commands.PlaceMany(tuple(bought)) if kind == "purchase" else commands.Batch(tuple(moved))
        return commands.Parsed(made, tuple(dict.fromkeys(guesses)))

    def _dish_used(self, m: re.Match[str], speaker: context.Speaker) -> Result | None:
        """土豆丝卖了10盘,每盘用土豆200克 · 今天卖了20份番茄炒蛋,每份用鸡蛋2个、番茄1个: a dish the catalog does not
        keep, sold so many times, each using so much: what it used, used (the dish noted on it). None: the dish is a
        product (牛腩卖了8份,每份半斤 is its own portion), or the ingredients are not said as quantities."""
        dish = (m.group("dish") + m.group("dish2")).strip(" 的")
        n = numbers.value(m.group("n"))
        held = [e for e in self.lex.scan(dish, [True] * len(dish)) if e.kind == "product"]
        if not dish or n is None or n <= 0 or any(e.start == 0 and e.end == len(dish) for e in held):
            return None
        parts = []
        for part in re.split(r"[、,;]|和|及", m.group("rest")):
            said = re.fullmatch(rf"\s*(?P<name>[^\d\s]+?)\s*(?P<m>{numbers.NUMBER}|半)\s*(?P<u>[^\d\s]{{1,2}})\s*", part)
            each = Decimal("0.5") if said is not None and said.group("m") == "半" else \
                numbers.value(said.group("m")) if said is not None else None
            if said is None or each is None or each <= 0:
                return None
            parts.append(f"{said.group('name')}{units.normalize(each * n)}{said.group('u')}")
        used = self._parse("用了" + "、".join(parts), speaker=speaker)
        if isinstance(used, commands.Parsed) and isinstance(used.command, commands.RecordMoves) \
                and used.command.movement == commands.Movement.CONSUMPTION:
            return replace(used, command=replace(used.command, note=f"{dish}{m.group('n')}{m.group('per')}"))
        return used

    def _appointment_off(self, s: str) -> str:
        """取消王总明天的理疗 · 王总明天的理疗取消 · 王总明天不来了: said as the booking it is (取消王总明天的预约), a
        service named standing for its appointment and a customer or a person's title for whose it is."""
        services = sorted((n for p in self.lex.products.values() if p.is_service for n in (p.name, *p.aliases) if n),
                          key=len, reverse=True)
        named = next((n for n in services if n in s), None)
        if named is not None and re.search(r"取消|不做了|不来了|不约了", s):
            s = s.replace(named, "预约", 1)
        away = _NOT_COMING.fullmatch(s.strip(" !.~。"))
        who = away.group("who").removesuffix("的") if away is not None else ""
        partner = self.lex.partner_named(who) if who else None
        if away is not None and (_PERSON.search(who) if partner is None
                                 else self.lex.partners[partner].kind.value == "customer"):
            return f"取消{who}{away.group('day')}的预约"
        if away is not None and partner is not None and self.lex.partners[partner].kind.value == "supplier":
            return f"{who}{away.group('day')}送不了"   # 张记明天不来了: its delivery, as 张记明天送不了 says
        return s

    def _scale_safety(self, a: scan.Analysis, m: re.Match[str]) -> Result:
        """把南山店的安全库存都调高10% · 饮料的安全库存都降低20% · 可乐的安全库存上调一成: the products named before it (a
        category's, else all), that store's (one named) or the products', up or down by that share."""
        n = numbers.value(m.group("n")) if m.group("n") else None
        pct = n if n is not None else Decimal(_CHENG.index(m.group("cheng")) + 1) * 10 if m.group("cheng") else None
        down = m.group("dir") in ("调低", "降低", "下调", "减少", "减", "降", "调减", "减掉")
        if pct is None or pct <= 0 or (down and pct >= 100):
            return commands.Clarify("bad_pct", detail=m.group(0))
        prods = [e for e in a.of("product") if e.start < m.start()]
        if any(len(e.codes) != 1 for e in prods):
            return commands.Clarify("set_one_product")
        head = a.s[:m.start()]
        group = None if prods else next((c for c in sorted(self.lex.categories, key=len, reverse=True)
                                          if c and c in head), None)
        stores = list(dict.fromkeys(e.codes[0] for e in a.of("location") if e.start < m.start()))
        if len(stores) > 1:
            return commands.Clarify("set_one_store")
        return commands.Parsed(commands.ScaleSafety(pct=-pct if down else pct,
                                                    skus=tuple(dict.fromkeys(e.codes[0] for e in prods)),
                                                    category=group, location=stores[0] if stores else None))

    def _set_product(self, a: scan.Analysis, field: str, after: int) -> Result:
        """可颂的安全库存改成40个 (a quantity in base units) · 牛奶售价改为65元一箱 (money per base unit) · 可颂保质期改成3天;
        several products named before the field (可乐和雪碧的售价都改成5块) or a category (饮料的安全库存都设为2箱): each
        one's change, together."""
        prods = [e for e in a.of("product") if e.start < after]
        if prods and any(len(e.codes) != 1 for e in prods):
            return commands.Clarify("set_one_product")
        skus = list(dict.fromkeys(e.codes[0] for e in prods))
        if not skus:   # 饮料的安全库存都改成2箱: the category's products
            head = a.s[:after]
            group = next((c for c in sorted(self.lex.categories, key=len, reverse=True) if c and c in head), None)
            skus = [p.sku for p in self.lex.products.values() if group and p.category == group and p.active]
        if not skus:
            return commands.Clarify("set_one_product")
        stores = [e.codes[0] for e in a.of("location") if e.start < after]
        if field == "safety_stock" and len(stores) == 1 and len(skus) == 1:   # 南山店可乐的安全库存改成50瓶: that store's
            got = self._set_one(skus[0], a, field, after)
            if isinstance(got, commands.Parsed) and isinstance(got.command, commands.SetProduct):
                return replace(got, command=replace(got.command, location=stores[0]))
            return got
        if len(skus) == 1:
            return self._set_one(skus[0], a, field, after)
        said = next((q for q in a.qtys if q.start >= after), None)
        if field in ("safety_stock", "moq") and said is not None and not said.unit \
                and len({self.lex.product(x).base_unit for x in skus}) > 1:
            return commands.Clarify("set_one_product")   # 牛奶和可颂的安全库存改成10: 10 升 and 10 个?
        changes = []
        for sku in skus:
            got = self._set_one(sku, a, field, after)
            if not isinstance(got, commands.Parsed) or not isinstance(got.command, commands.SetProduct):
                return got
            changes.append(got.command)
        return commands.Parsed(commands.SetProducts(tuple(changes)))

    def _share_of(self, a: scan.Analysis, m: re.Match[str]) -> Result:
        """番茄坏了一半 · 土豆用了三分之一 · 可乐卖了一半: the share said of what the store has (looked up and shown
        first, as 卖完了 is); of a delivery (今天进的番茄坏了一半), or vaguely (一大半), the amount is asked for."""
        e = a.of("product")[0]
        share = _SHARES.get(m.group("share"))
        if len(e.codes) != 1:
            return commands.Clarify("ambiguous_product", mention=e.mention, candidates=e.codes)
        if share is None or _OF_A_DELIVERY.search(a.s[:e.start]):
            return commands.Clarify("share_exact", mention=e.codes[0], detail=m.group("share"))
        verb = m.group("verb")
        movement = commands.Movement.SALE if "卖" in verb else commands.Movement.CONSUMPTION if "用" in verb \
            else commands.Movement.SCRAP
        return commands.Parsed(commands.RecordMoves(
            movement=movement, lines=(commands.Line(sku=e.codes[0], qty=Decimal(0)),), location=self._location(a),
            rest=True, share=share))

    def _adjust_price(self, a: scan.Analysis) -> Result | None:
        """可乐售价提高10% · 把可乐的价格调高10% · 饮料都涨价5% · 可乐每箱涨5块 · 可乐降价5毛 · 牛腩进价涨了2块: each
        product's price (its cost, for 进价) moved from the catalog's by that share or amount, as the changes a manager
        confirms (old → new shown); None: no price move said of a product or a category."""
        m = self.price_move.search(a.s)
        if m is None:
            return None
        word = m.group("field")
        if word and intents.FIELDS.get(word) not in ("unit_price", "unit_cost"):
            return None
        head = a.s[:m.start()]
        skus = list(dict.fromkeys(e.codes[0] for e in a.of("product") if e.end <= m.start() and len(e.codes) == 1))
        if not skus:   # 饮料都涨价5%: the category's products still carried
            group = next((c for c in sorted(self.lex.categories, key=len, reverse=True) if c and c in head), None)
            skus = [p.sku for p in self.lex.products.values() if group and p.category == group and p.active]
        if not skus or any(len(e.codes) != 1 for e in a.of("product") if e.end <= m.start()):
            return None
        n = numbers.value(m.group("n"))
        if n is None or n <= 0:
            return commands.Clarify("bad_price_move", detail=a.s[m.start():].strip())
        if m.group("jiao"):   # 涨1块5: ¥1.50
            n += (numbers.value(m.group("jiao")) or Decimal(0)) / 10
        if m.group("mao"):    # 降5毛: ¥0.50
            n /= 10
        down = m.group("dir") in _PRICE_DOWN
        pct = m.group("pct") is not None
        if not pct and not (m.group("cur") or m.group("mao")):
            return None   # 可乐涨2: two what (a share, a yuan, a case)?
        if pct and (n >= 100 if down else n > 1000):
            return commands.Clarify("bad_price_move", detail=a.s[m.start():].strip())
        unit = m.group("u") or m.group("u0") or ""
        supplier = [e.codes[0] for e in a.of("partner") if e.end <= m.start() and len(e.codes) == 1
                    and self.lex.partners[e.codes[0]].kind.value == "supplier"]
        changes = []
        for sku in skus:
            p = self.lex.product(sku)
            # the price named; else ours for 提价/调高 (what we do), and for 涨/降 (what the market does) the cost, as
            # a supplier's rise is news of it, unless the product has none
            field = intents.FIELDS[word] if word else "unit_price" if m.group("dir") in _PRICE_OURS \
                else "unit_cost" if p.unit_cost is not None else "unit_price"
            old = p.unit_price if field == "unit_price" else p.unit_cost
            if old is None:
                return commands.Clarify("no_price_to_move", mention=sku, detail=word or "售价")
            if pct:
                new = old * (100 + (-n if down else n)) / 100
            else:
                per = Decimal(1)
                if unit and unit != p.base_unit:
                    try:   # 每箱涨5块: per case of 24, ¥0.21 a bottle
                        per = units.to_base(Decimal(1), unit, base_unit=p.base_unit, packs=p.packs)
                    except errors.DomainError:
                        return commands.Clarify("unit_mismatch", mention=sku, detail=unit)
                new = old + (-n if down else n) / per
                if supplier and len(skus) == 1 and field == "unit_cost":   # 张记的牛腩涨了3块: what it charges, moved
                    return commands.Parsed(commands.CustomerPrice("set", supplier[0], sku, delta=units.normalize(
                        ((-n if down else n) / per).quantize(_PRICE_PLACES, ROUND_HALF_UP))))
            if new <= 0:
                return commands.Clarify("bad_price", detail=a.s[m.start():].strip())
            # a price in whole fen stays in whole fen (¥5.50 up 5%: ¥5.78, not ¥5.775)
            places = _FEN if pct and old == old.quantize(_FEN) else _PRICE_PLACES
            changes.append(commands.SetProduct(sku, field, units.normalize(new.quantize(places, ROUND_HALF_UP))))
        return commands.Parsed(changes[0] if len(changes) == 1 else commands.SetProducts(tuple(changes)))

    def _set_one(self, sku: str, a: scan.Analysis, field: str, after: int) -> Result:
        """One product's field set to what is said after ``after`` (a pack said is that product's own)."""
        if field in ("shelf_life_days", "lead_time_days", "warranty_days"):
            days = _days_said(a.s[after:], lead=field == "lead_time_days")
            if days is None:
                return commands.Clarify("bad_qty", detail=a.s[after:].strip())
            return commands.Parsed(commands.SetProduct(sku, field, Decimal(days)))
        if field == "supplier":
            named = [e for e in a.of("partner") if e.start >= after]
            if not named or self.lex.partners[named[0].codes[0]].kind.value != "supplier":
                return commands.Clarify("unknown_supplier", detail=a.s[after:].strip())
            return commands.Parsed(commands.SetProduct(sku, field, named[0].codes[0]))
        if field in ("safety_stock", "moq"):
            q = next((q for q in a.qtys if q.start >= after), None)
            line = lines.to_line(self.lex, sku, q) if q is not None else None
            if isinstance(line, lines.Problem):
                return commands.Clarify(line.reason, mention=sku, detail=line.detail)
            if line is None:   # 安全库存改成0: none kept · 起订量改成0: any quantity
                zero = re.match(r"\s*(?:0|零)\s*\S{0,2}$", a.s[after:])
                return commands.Parsed(commands.SetProduct(sku, field, Decimal(0))) if zero else \
                    commands.Clarify("bad_qty", detail=a.s[after:].strip())
            return commands.Parsed(commands.SetProduct(sku, field, line.qty))
        value = self._money_per_base(sku, a.s[after:])
        if isinstance(value, commands.Clarify):
            return value
        return commands.Parsed(commands.SetProduct(sku, field, value))

    def _money_per_base(self, sku: str, said: str) -> Decimal | commands.Clarify:
        """A price said (65元一箱 · 2块5 · 5毛 · 每箱100元), per the product's base unit."""
        p = self.lex.product(sku)
        pack_first = re.fullmatch(rf"\s*(?:一|每)\s*(?P<u>{self.scanner.unit_re})(?P<n>.+)", said)
        if pack_first is not None:   # 每箱100元: 100元一箱
            said = f"{pack_first.group('n')}一{pack_first.group('u')}"
        m = re.match(rf"\s*(?P<p>{numbers.NUMBER})\s*(?:(?:元|块)(?P<jiao>[1-9一二三四五六七八九])(?:毛|角)?|元|块钱|块|rmb"
                     rf"|(?P<mao>毛钱|毛|角))?\s*(?:(?:/|每|一)\s*(?P<u>{self.scanner.unit_re}))?\s*了?$", said)
        value = numbers.value(m.group("p")) if m else None
        if m is not None and value is not None and m.group("jiao"):   # 2块5: ¥2.50
            value += (numbers.value(m.group("jiao")) or Decimal(0)) / 10
        if m is not None and value is not None and m.group("mao"):   # 5毛: ¥0.50
            value /= 10
        if m is None or value is None or value < 0:
            return commands.Clarify("bad_price", detail=said.strip())
        per, unit = Decimal(1), m.group("u") or ""
        if unit and unit != p.base_unit:
            try:   # 65元一箱: per case of 12 升, 5.42 a 升
                per = units.to_base(Decimal(1), unit, base_unit=p.base_unit, packs=p.packs)
            except errors.DomainError:   # a unit the product is not sold in
                return commands.Clarify("unit_mismatch", mention=sku, detail=unit)
        return units.normalize(value / per)

    def _customer_price(self, a: scan.Analysis, partner: str) -> Result | None:
        """团餐的可乐按4.5元一瓶 · 团餐的可乐价格定为4.5元 · 给团餐的可乐定价每箱100元 (that customer's price of it) ·
        取消团餐的可乐协议价 · 团餐的价格表; None: not about a customer's own prices."""
        prods = a.of("product")
        if not prods and not a.qtys and _CUSTOMER_PRICES_ASKED.search(a.s):
            return commands.Parsed(commands.CustomerPrice("list", partner))
        if len(prods) != 1 or len(prods[0].codes) != 1:
            return None
        sku = prods[0].codes[0]
        if _CUSTOMER_PRICE_CLEAR.search(a.s, prods[0].end) or _CUSTOMER_PRICE_CLEAR.match(a.s):
            return commands.Parsed(commands.CustomerPrice("clear", partner, sku))
        m = _CUSTOMER_PRICE_SET.search(a.s, prods[0].end)
        said = re.sub(r"(?:来)?(?:算|卖|结算|计算|卖给他们?)$", "", a.s[m.end():]) if m is not None else ""
        if m is None or not (m.group("word") or re.search(r"元|块|毛|角|rmb|¥", said)):
            return None   # (盒马订的可颂改成60个: its order, not a price)
        value = self._money_per_base(sku, said)
        if isinstance(value, commands.Clarify):
            return value
        return commands.Parsed(commands.CustomerPrice("set", partner, sku, value))

    def _export(self, a: scan.Analysis, now: dt.datetime) -> Result:
        """导出库存 (as of now) · 导出本月销售 · 导出上周流水 · 导出本月进销存 · 导出本月采购单: the period named, else the last
        30 days."""
        kind = "accounts" if intents.EXPORT_ACCOUNTS.search(a.s) else "orders" if intents.EXPORT_ORDERS.search(a.s) \
            else "book" if intents.BOOK.search(a.s) and not intents.BOOK_NOT.search(a.s) \
            else "moves" if intents.EXPORT_MOVES.search(a.s) else "sales" if intents.EXPORT_SALES.search(a.s) else "stock"
        skus = tuple(dict.fromkeys(e.codes[0] for e in a.of("product") if len(e.codes) == 1))
        if kind == "stock":
            return commands.Parsed(commands.Export(kind, location=self._location(a), skus=skus))
        today = now.date()
        first, last = dates.past_span(a.s, now) or (today - dt.timedelta(days=EXPORT_DAYS - 1), today)
        return commands.Parsed(commands.Export(kind, first, last, self._location(a), skus))

    def _stock_info(self, a: scan.Analysis) -> commands.StockInfo | None:
        """哪些快过期了 · 牛奶什么时候过期 · 3天内到期的 · 哪些低于安全库存 · 库存值多少钱 · 可颂进价多少."""
        within = re.search(r"(\d+)天内", a.s)
        if a.qtys and within is None and not intents.PRICE_QUERY.search(a.s):
            return None   # 可颂过期扔了5个 is a loss; 牛奶多少钱一箱 and 3天内到期的 are questions
        skus = tuple(e.codes[0] for e in a.of("product") if len(e.codes) == 1)
        asked = intents.PRICE_QUERY.search(a.s)
        if not skus and not a.of("product") and asked is not None:   # 20w头多少钱: the one name the words before mean
            head = re.split(r"(?:的)?(?:进价|进货价|成本价?|采购价|售价|卖价|零售价|单价|价格|价钱|批发价|会员价|拿货价|出货价"
                            r"|(?:是|要)?多少钱|什么价|怎么卖|卖多少|卖几)", a.s, maxsplit=1)[0].strip()
            found = self.lex.match_product(head) if len(head) >= 2 else None
            skus = found.skus if found is not None and len(found.skus) <= 4 else ()   # (数据线多少钱: each one's)
        customer = next((e.codes[0] for e in a.of("partner")
                         if self.lex.partners[e.codes[0]].kind.value == "customer"), None)
        if intents.STOCK_AGE.search(a.s) and not a.qtys and not customer:   # 库龄分析 · 哪些货压了很久
            return commands.StockInfo("stock_age", skus, self._location(a))
        if intents.OUT_OF_STOCK.search(a.s) and not a.qtys and not customer and not skus:   # 哪些卖完了 · 缺货清单
            return commands.StockInfo("out", (), self._location(a))
        if intents.AT_RISK.search(a.s) and not a.qtys and not customer:   # 哪些卖不完会过期 · 临期的怎么处理
            return commands.StockInfo("at_risk", skus, self._location(a))
        for kind, rx in (("expiring", intents.EXPIRING), ("below_safety", intents.BELOW_SAFETY),
                         ("value", intents.STOCK_VALUE), ("lots", intents.LOTS), ("price", intents.PRICE_QUERY)):
            if rx.search(a.s) and (kind not in ("price", "lots") or skus or (kind == "price" and customer)) \
                    and not (kind == "price" and (intents.PRICE_HISTORY.search(a.s) or intents.PURCHASES.search(a.s))) \
                    and not (kind == "price" and customer and not skus and _BALANCE_ASKED.search(a.s)):
                # (牛腩历史进价: its own; 王总卡里还剩多少钱: the customer's account)
                return commands.StockInfo(kind, skus, self._location(a), int(within.group(1)) if within else None,
                                          partner=customer if kind == "price" else None)
        return None

    def _expiry(self, a: scan.Analysis, ln: commands.Line, received: dt.datetime) -> dt.datetime | None:
        """When a received line expires: the day said (usable that day), else its shelf life from when it was made
        (生产日期6月14日, the catalog's shelf life or 保质期7天) or from its receipt (保质期7天 alone)."""
        if a.expiry:
            return a.expiry.when.replace(hour=23, minute=59, second=59)
        days = a.shelf_days or self.lex.product(ln.sku).shelf_life_days
        if days is None or not (a.produced or a.shelf_days):
            return None
        return (a.produced.when if a.produced else received) + dt.timedelta(days=days)

    def _finish(self, cmd: commands.Command, a: scan.Analysis, res: lines.Resolved,
                speaker: context.Speaker) -> Result:
        ordered = [ln for _, ln in sorted(res.lines, key=lambda x: x[0])]
        cost = isinstance(cmd, commands.PlacePurchase) or (
            isinstance(cmd, commands.RecordMoves) and cmd.movement == commands.Movement.RECEIPT)
        # a sale, or a customer's order (王记订苹果数据线100根,优惠200): settled from its list prices
        sale = isinstance(cmd, commands.PlaceSale) or (isinstance(cmd, commands.RecordMoves)
                                                        and cmd.movement == commands.Movement.SALE)
        positions = [pos for pos, _ in sorted(res.lines, key=lambda x: x[0])]
        absurd = next((pr for pr in a.prices if pr.value >= _MAX_PRICE), None)
        if absurd is not None:   # 单价60000000000: a typo's worth of zeros, never a price
            return commands.Clarify("bad_price", detail=a.s[absurd.start:absurd.end].strip(" ,"))
        unsure: list[commands.Guess] = []   # (收到牛奶2箱,单价60 with no cost known: per 升 or per 箱?)
        unfit: list[tuple[scan.Price, str]] = []
        ordered = _apply_prices(ordered, a, self.lex, positions, cost=cost, paid=speaker.paid, share=not sale,
                                unsure=unsure if cost else None, unfit=unfit)
        if unfit:   # 牛腩卖了3斤,40元一个: a price per nothing the product is counted in, never dropped unsaid
            return commands.Clarify("price_unit_unfit", mention=unfit[0][1],   # (the product's sku)
                                    detail=a.s[unfit[0][0].start:unfit[0][0].end].strip(" ,，"))
        res.guesses.extend(unsure)
        if sale and a.discount is not None and "其中" in a.s:   # 可乐卖了12瓶,其中3瓶打8折: those 3 at 80% of the list
            ordered = _part_discounted(a.s, ordered, positions, a.discount, self.lex)
        if sale and ("其中" in a.s or "卖的" in a.s):   # 可颂卖了12个,其中3个是会员价15块: 9 and 3 at 15, not 15
            parted = _part_priced(a.s, ordered, positions)
            if parted is None:
                part_said = re.search(r"其中\s*([^,，;；是为]*)", a.s)
                return commands.Clarify("part_too_large", detail=part_said.group(1) if part_said else a.s)
            ordered = parted
        adjust, unused, deal = None, None, None
        receipt = isinstance(cmd, commands.RecordMoves) and cmd.movement == commands.Movement.RECEIPT
        if sale or receipt:
            ordered, adjust = self._settled_as_said(a, ordered, sale=sale)
        if sale and isinstance(cmd, commands.RecordMoves) and cmd.partner is None and "其中" in a.s \
                and not res.problems:
            given = _gifts_free(a.s, ordered, positions, sale=True)   # 可乐卖了3箱,其中1箱是送的: 2 sold, 1 given
            if given is None:
                part_said = re.search(r"其中\s*([^,，;；是为]*)", a.s)
                return commands.Clarify("part_too_large", detail=part_said.group(1) if part_said else a.s)
            if any(ln.gift for ln in given):
                away = replace(cmd, movement=commands.Movement.CONSUMPTION, note="赠送",
                               lines=tuple(replace(ln, gift=False, unit="", raw_qty=None) for ln in given if ln.gift))
                if all(ln.gift for ln in given):   # (卖了1箱可乐,其中1箱免费: all given away)
                    return commands.Parsed(away, tuple(res.guesses))
                sold = lines.attach(cmd, tuple(replace(ln, unit="", raw_qty=None) for ln in given if not ln.gift),
                                    keep=False)
                assert isinstance(sold, commands.RecordMoves)
                return commands.Parsed(commands.Batch((sold, away)), tuple(res.guesses))
        if receipt:   # 光明送来牛奶2箱,单价60,赠送1箱: the free case costs nothing · 收到手机壳10个,买十送一: 11 came
            freed = _gifts_free(a.s, ordered, positions)
            if freed is None:
                part_said = re.search(r"其中\s*([^,，;；是为]*)", a.s)
                return commands.Clarify("part_too_large", detail=part_said.group(1) if part_said else a.s)
            ordered = freed
            deal = _supplier_deal(a.adjust.said, ordered, self.lex) if a.adjust is not None \
                and a.adjust.kind == "promo" else None
            ordered = deal or ordered
            if (a.adjust is not None and a.adjust.kind == "free") or _CAME_FREE.search(a.s):
                if not any(ln.gift for ln in ordered) and all(ln.unit_price is None for ln in ordered):
                    ordered = [replace(ln, gift=True) for ln in ordered]   # 张记送了2斤牛腩,免费的 · …,没要钱: given
                if any(ln.gift for ln in ordered):   # (…,另外送了2斤,不要钱: the extra's, said already)
                    deal = ordered   # (no adjustment left unused)
        if a.adjust is not None and adjust is None and deal is None and not (sale and a.adjust.kind == "taken") \
                and not (receipt and a.adjust.kind == "taken" and a.tenders):   # (去市场买了…,现金30: what was paid)
            unused = commands.Guess("deal_unsplit" if receipt and _BUY_GET.search(a.adjust.said) else "adjust_unused",
                                    a.adjust.said, "")   # (收到可乐10箱,免单: nothing it could mean)
        built = lines.attach(cmd, tuple(ordered), keep=False)
        assert built is not None
        cmd = replace(built, adjust=adjust) if adjust is not None and isinstance(
            built, commands.RecordMoves | commands.PlaceSale) else built
        if deal is not None and isinstance(cmd, commands.RecordMoves) and a.adjust is not None and not cmd.note:
            cmd = replace(cmd, note=a.adjust.said)   # (the moves keep the deal: 买十送一)
        if receipt and isinstance(cmd, commands.RecordMoves) and (cmd.partner is None or (
                cmd.partner in self.lex.partners and self.lex.partners[cmd.partner].kind.value == "supplier")):
            cmd = _paid_as_received(a, cmd)   # (no supplier: 去市场买了青椒5公斤,花了50,现金: paid, on no account)
        if sale and isinstance(cmd, commands.RecordMoves) and cmd.partner in self.lex.partners \
                and self.lex.partners[cmd.partner].kind.value == "customer" and adjust is None:
            on_spot = self._paid_as_sold(a, cmd)
            if isinstance(on_spot, commands.Clarify):
                return on_spot
            cmd = on_spot
        if isinstance(cmd, commands.RecordMoves) and cmd.paid_amount is not None \
                and not _money_amount(cmd.paid_amount):   # (付了0 · 现金0.001: no money paid)
            return commands.Clarify("bad_amount", detail=str(cmd.paid_amount))
        unpaid = scan.UNPAID.search(a.s) if sale and adjust is None and isinstance(cmd, commands.RecordMoves) else None
        if unpaid is not None and not res.problems:   # 卖了蓝牙耳机1副,没收钱: free, or paid later? (nothing guessed)
            before = (a.s[:unpaid.start()] + a.s[unpaid.end():]).strip(" ,。")
            return commands.Clarify("unpaid_how", detail=before, partial=cmd)
        if res.problems:
            p = res.problems[0]
            price = None
            said = [pr for pr in a.prices if not pr.total and not pr.bare]
            if p.reason == "missing_qty" and len(said) == 1 and p.mention in self.lex.products:
                # 收到牛奶,单价5元 · 光明的牛奶到了,5元一升: kept for the quantity answered or the order received
                price = _apply_prices([commands.Line(sku=p.mention, qty=Decimal(0))], a, self.lex, [0], cost=cost)[0].unit_price
            return commands.Clarify(p.reason, mention=p.mention, candidates=p.candidates, partial=cmd,
                                    detail=p.detail, unit_price=price)
        if isinstance(cmd, commands.RecordMoves) and cmd.movement == commands.Movement.RECEIPT and (
                a.lot or a.expiry or a.produced or a.shelf_days):
            ordered = [replace(ln, lot=a.lot or ln.lot, expiry=self._expiry(a, ln, cmd.at or speaker.now) or ln.expiry)
                       for ln in ordered]
            cmd = replace(cmd, lines=tuple(ordered))
        elif isinstance(cmd, commands.RecordMoves) and a.lot and len(ordered) == 1:   # 卖了批号A123的牛奶3升: that lot
            ordered = [replace(ordered[0], lot=a.lot)]
            cmd = replace(cmd, lines=tuple(ordered))
        if not ordered:
            if not a.qtys and not a.of("product") and len(a.chunks) == 1 and not res.problems:
                found = self.lex.match_product(a.chunks[0].text)   # 收到奶 · 收到蛋: which one, then how much
                if len(found.skus) > 1:
                    return commands.Clarify("ambiguous_product", mention=a.chunks[0].text, candidates=found.skus,
                                            partial=cmd)
                if found.skus:
                    return commands.Clarify("missing_qty", mention=found.skus[0], partial=cmd)
            return self._unknown(a, partial=cmd)
        if isinstance(cmd, commands.TransferStock):
            home = speaker.user.location
            if (cmd.source or home) == (cmd.dest or home):
                physical = tuple(c for c, loc in self.lex.locations.items() if loc.kind.is_physical
                                 and c != (cmd.source or home))
                return commands.Clarify("unknown_location", mention=self._loc_chunk(a), candidates=physical,
                                        partial=cmd, detail="dest")
        guesses = list(res.guesses) + ([unused] if unused is not None else [])
        if isinstance(cmd, commands.RecordMoves) and len(cmd.lines) > 1 and not sale:   # 共200元 over two products
            guesses += [commands.Guess("total_unsplit", a.s[p.start:p.end], "") for p in a.prices if p.total]
        return commands.Parsed(cmd, tuple(dict.fromkeys(guesses)))

    def _settled_as_said(self, a: scan.Analysis, ordered: list[commands.Line], *,
                         sale: bool) -> tuple[list[commands.Line], commands.Adjust | None]:
        """A sale's or receipt's adjustment said at the till (优惠20元 · 每副便宜10块 · 抹零; a sale's 打9折 · 免单 · 一共收了
        300 over several products), settled against the lines' list prices when the write is planned. What the
        customer paid for one product alone (卖了蓝牙耳机2副,收了180) is that line's price, as 共180元 is."""
        K = commands.AdjustKind
        adj = a.adjust
        totals = [p for p in a.prices if p.total]
        if adj is not None and adj.kind == "taken" and sale and len(ordered) == 1:
            ln = ordered[0]
            if ln.unit_price is None and ln.qty > 0:
                ordered = [replace(ln, unit_price=units.normalize(adj.amount / ln.qty))] if adj.amount is not None \
                    else ordered
            return ordered, None
        if adj is None and sale and a.discount is not None and all(ln.unit_price is None for ln in ordered):
            return ordered, commands.Adjust(K.SHARE, a.discount, "")   # 可颂打8折卖了10个: of its list price
        if adj is None and sale and a.discount is not None and ordered and "其中" not in a.s \
                and all(ln.unit_price is not None for ln in ordered) and not _PRICE_AFTER_DISCOUNT.search(a.s) \
                and not any(self._discounted_already(ln, a.discount) for ln in ordered):
            return ordered, commands.Adjust(K.SHARE, a.discount, "")   # 雪碧卖了6瓶,原价5块打8折: of the price said
        if adj is None and sale and len(ordered) > 1 and len(totals) == 1:   # 卖了耳机1副、充电宝1个,一共300
            return ordered, commands.Adjust(K.TAKEN, totals[0].value, a.s[totals[0].start:totals[0].end].strip())
        if adj is None or (not sale and adj.kind not in ("off", "each", "round")):
            return ordered, None
        amount = adj.amount
        if adj.kind == "each" and amount is not None and adj.unit:   # 每箱便宜5块: a base unit's share of it
            product = next((self.lex.product(ln.sku) for ln in ordered if self.lex.product(ln.sku).accepts(adj.unit)),
                           None)
            if product is not None:
                amount = units.normalize(amount / product.to_base(Decimal(1), adj.unit))
        return ordered, commands.Adjust(K(adj.kind), amount, adj.said)

    def _discounted_already(self, ln: commands.Line, share: Decimal) -> bool:
        """Whether a line's price said is its list price with the discount taken already (雪碧打8折卖了6瓶,4块一瓶 of a
        ¥5 雪碧), not the price the discount is taken from."""
        listed = self.lex.product(ln.sku).unit_price
        return listed is not None and ln.unit_price is not None and ln.unit_price != listed \
            and abs(ln.unit_price - listed * share) < Decimal("0.01")

    def _unknown_party(self, a: scan.Analysis, kind: str) -> commands.Clarify | None:
        """A store or warehouse named after 从/到/给 (浦东店) or a supplier ordered from (向联华采购) that the catalog
        does not know: asked, as the move would otherwise come from or go to the speaker's own place or no one."""
        known = [(e.start, e.end) for e in a.entities if e.kind in ("location", "partner", "product", "user")]

        def unknown(m: re.Match[str]) -> bool:
            return not any(x < m.end("n") and m.start("n") < y for x, y in known) \
                and texts.normalize(m.group("n")) not in self.lex.names   # (跟陈采购订…: a person, not a supplier)
        if kind in ("transfer", "receipt"):   # (卖给隔壁饭店: a customer, said as it is called)
            for m in _PLACE_SAID.finditer(a.s):
                if unknown(m) and (kind == "transfer" or m.group(0).startswith(("从", "由"))) \
                        and not _OWN_PLACE.fullmatch(m.group("n")):
                    physical = tuple(c for c, loc in self.lex.locations.items() if loc.kind.is_physical)
                    return commands.Clarify("unknown_location", mention=m.group("n"), candidates=physical)
        said = _SUPPLIER_SAID.match(a.s) if kind == "purchase" else None
        if said is not None and unknown(said) and not self.lex.match_product(said.group("n")).skus:
            return commands.Clarify("unknown_supplier_order", detail=said.group("n"))
        return None

    def _unknown(self, a: scan.Analysis, partial: commands.Command | None = None) -> commands.Clarify:
        chunks = [c.text for c in a.chunks if (len(c.text) >= 2 or texts.is_cjk(c.text[:1]))
                  and not lines.PEOPLE_DID.fullmatch(c.text)]   # (员工喝了3杯拿铁: 拿铁 is unknown, not 员工喝)
        if chunks and (a.qtys or partial is not None):
            return commands.Clarify("unknown_product", mention=lines.without_verb(chunks[0]), partial=partial)
        return commands.Clarify("not_understood", partial=partial)

    def _loc_chunk(self, a: scan.Analysis) -> str:
        return next((c.text for c in a.chunks if re.search(r"(?:店|仓|仓库)$", c.text)), "")

    def _location(self, a: scan.Analysis) -> str | None:
        locs = a.of("location")
        return locs[0].codes[0] if locs else None

    def _route(self, a: scan.Analysis) -> tuple[str | None, str | None, bool]:
        """Source and destination of a transfer, and whether it is a pull request (从A调…过来)."""
        s = a.s
        source = dest = None
        request = bool(re.search(r"过来|回来|调回|要", a.masked))
        loose: list[str] = []
        for e in a.of("location"):
            before = s[max(0, e.start - 2):e.start].strip()
            after = s[e.end:e.end + 1]
            if before.endswith(("从", "由", "自")):
                source = e.codes[0]
            elif before.endswith(("向", "找", "跟", "问", "要", "让", "叫", "请")):   # (要仓库送20斤牛腩过来)
                source, request = e.codes[0], True
            elif re.match(r"(?:给|帮)(?:我们|我|咱们|本店|我店)", s[e.end:]):
                source = e.codes[0]   # 仓库给我们调20斤牛腩: from there to the speaker's store
            elif before.endswith(("到", "去")) and re.match(r"(?:去)?(?:拿|取|领|搬|借)", s[e.end:]):
                source = e.codes[0]   # 到大仓拿了2袋面粉: fetched from there
            elif (before.endswith(("到", "给", "去", "往", "至", "送", "发")) and not before.endswith("收到")) \
                    or before in ("给了", "送了", "发了", "还了", "还", "归还"):   # 可颂给了静安店10个 · 还了东门店10个壳
                dest = e.codes[0]
            elif after in ("发", "调", "拨") and source is None:
                source = e.codes[0]
            elif re.match(r"的|(?:送|调|发|运|拿|带)(?:过)?来", s[e.end:]) \
                    and re.search(r"(?:收到|收了|到了|来了)了?\s*$", s[:e.start]) \
                    and any(o.end <= e.start - 2 for o in a.of("location")):
                source = e.codes[0]   # 静安店收到大仓(送来)的牛奶1箱: from 大仓 to 静安店 (it went the other way)
            elif s[e.end:e.end + 2] in ("借走", "拿走", "取走", "调走") or re.match(r"借了?(?!给)", s[e.end:]) \
                    or re.match(r"(?:拿|取|搬|带|要)(?:走)?了?(?:我们|咱们|我店|本店|我这边?)"   # 静安店拿了我们…
                                r"|(?:从|在|跟|向|找|问)(?:我们|咱们|我店|本店|我)(?:这|这里|这边|那|店里)?(?:拿|取|借|搬|带|要)", s[e.end:]):
                dest = e.codes[0]   # 静安店借走鸡蛋1板 · 静安店借了我们面粉1袋 · 福田店跟我们借了…: it goes there
            elif re.match(r"还了?(?:我们|咱们|给我们)", s[e.end:]):
                source = e.codes[0]   # 静安店还了我们面粉1袋: what it borrowed comes back
            elif s[e.end:e.end + 1] == "的" and re.search(r"(?:调|拿|拨|送|搬|运)[^,]*(?:过来|回来)", s):
                source = e.codes[0]   # 把大仓的咖啡豆调5公斤过来: from there to here
            elif re.match(r"(?:要|订|需要|申请)", s[e.end:e.end + 2]) and re.search(
                    r"发出|发走|送出|送走|发了|送了|已发|已送|(?:送|发|拿|带|运)过?去了", s):
                dest = e.codes[0]   # 静安店要的面粉2袋已发出 · 静安店要5个可颂,已经送过去了: sent to the store that asked
            elif re.match(r"\s*(?:送|发|运|带|拿|调|拨)(?:了|来了?)?", s[e.end:]) and re.search(r"过来|来了", s) \
                    and source is None:
                source = e.codes[0]   # 福田店送了5斤牛腩过来: from there to here
            else:
                loose.append(e.codes[0])
        routed = source is not None or dest is not None or bool(intents.TRANSFER.search(a.masked))
        for code in loose if routed or len(loose) > 1 else ():
            if source is None and (dest is not None or len(loose) > 1):
                source = code
            elif dest is None:
                dest = code
        if source is not None and dest is None and re.search(
                r"收到|(?:调|送|发|运|拿|带)(?:过)?来(?:的|了)|(?:调|拿|借|领|搬|运|取|带|还|送)了|已经?(?:调|拿|借|领|搬|运|取|带|还|送)",
                s):
            return source, dest, False   # 收到大仓调来的牛奶1箱 · 从大仓调了两箱可乐过来: it has come (not asked for)
        if source is not None and dest is None and not request:
            request = True
        return source, dest, request and dest is None

    def _note(self, a: scan.Analysis, *, said: tuple[str, str] | None = None) -> str:
        """The words said of a write beside what it moves (运输途中碎的 · 发票号12345); ``said``: the payment's
        (its method and the words: 微信收款), which a field keeps, not the note."""
        parts = [p.strip() for p in re.split(r"[,;!?、\n]", a.s)]
        keep = [p for p in parts[1:] if p and not any(ch.isdigit() for ch in p) and (said is None or p not in said[1])
                and not any(e.start >= a.s.find(p) and e.end <= a.s.find(p) + len(p) for e in a.entities)]
        return ",".join([*keep, *([a.doc] if a.doc else []), *([a.phone] if a.phone else [])])

    def _query(self, a: scan.Analysis) -> Result:
        skus: list[str] = []
        for e in a.of("product"):
            skus += [c for c in e.codes if c not in skus]
        places = {e.codes[0] for e in a.of("location") if len(e.codes) == 1}
        if len(places) > 1 and skus and "各" in a.s:   # 手机壳华强店和东门店各还有多少: each store's
            return commands.Parsed(commands.EachStore(commands.QueryStock(skus=tuple(skus))))
        if not skus:
            for c in a.chunks:
                if re.fullmatch(r"(?:库存|查|查询|多少|还有|几个|剩|情况|的|什么|哪些|啥|货|东西)+", c.text):
                    continue
                if re.fullmatch(r"(?:所有|全部|全部的|所有的|一共|总)(?:商品|货|东西|产品)?(?:的)?", c.text):
                    continue   # 所有库存 · 全部商品库存: everything
                kind = c.text.removesuffix("的").removesuffix("类") if len(c.text) >= 2 else ""
                group = tuple(p.sku for p in self.lex.products.values()
                              if kind and p.category and (p.category == c.text or p.category.removesuffix("类") == kind))
                if group:   # 饮料还有多少 · 肉类库存: the products of that category
                    return commands.Parsed(commands.QueryStock(skus=group, location=self._location(a)))
                got = self.lex.match_product(c.text)
                if got.skus:
                    cmd = commands.QueryStock(skus=got.skus, location=self._location(a))
                    guess = (commands.Guess(got.guess, c.text, got.skus[0]),) if got.guess and len(got.skus) == 1 else ()
                    return commands.Parsed(cmd, guess)
                if c.text not in lexicon.GENERIC_PRODUCT and texts.is_cjk(c.text[0]) and len(c.text) >= 2:
                    return commands.Clarify("unknown_product", mention=c.text)
        return commands.Parsed(commands.QueryStock(skus=tuple(skus), location=self._location(a)))

    def _forecast(self, a: scan.Analysis, now: dt.datetime) -> Result:
        prods = a.of("product")
        if not prods:
            return self._unknown(a)
        start, days = dates.ahead_span(a.s, now) or (now.date(), 7)
        days = min(max(days, 1), 90)   # 未来100天: the longest forecast there is
        return commands.Parsed(commands.Forecast(sku=prods[0].codes[0], days=days, location=self._location(a),
                                                 start=start if start != now.date() else None))

    def _sales(self, a: scan.Analysis, now: dt.datetime) -> Result:
        """这周可乐卖了多少: the named past period; none: today (卖了多少) or the last 7 days (卖得怎么样, 销量);
        a future one (明天可乐销量) asks for a forecast."""
        versus = dates.versus_span(a.s, now)   # 可乐比上周多卖了多少: this week against last week
        weekdays = _WEEKDAY_RANK.search(a.s) is not None
        span = (dates.past_span(_WEEKEND.sub("", a.s) if weekdays else a.s, now) if versus is None else versus[:2])
        ahead = dates.ahead_span(a.s, now) if span is None and not weekdays else None
        if ahead is not None and ahead[0] > now.date():
            return self._forecast(a, now)
        today = now.date()
        rank = next((k for k, rx in _MARGIN_RANKS if rx.search(a.s)), "") if not a.of("product") else ""
        if weekdays:   # 周几卖得最多 · 可乐周末卖得多还是平时: by weekday, 8 complete weeks unless said
            rank = "weekday"
            span = span or (today - dt.timedelta(days=WEEKDAY_DAYS), today - dt.timedelta(days=1))
        first, last = span or (today - dt.timedelta(days=RANK_DAYS - 1 if rank else 6)
                               if rank or intents.SALES_WEEK.search(a.s) else today, today)
        prods = a.of("product")
        sellers = [e for e in self.lex.scan(a.s, [True] * len(a.s)) if e.kind == "user" and len(e.codes) == 1]
        places = {e.codes[0] for e in a.of("location")}
        if not prods and versus is None and not rank and (len(sellers) == 1 or _BY_SELLER.search(a.s)) \
                and len(places) < 2:   # (南山店和福田店谁卖得多: the stores')
            first_said, last_said = span or (None, None)   # (unsaid: this month, as the commission is)
            return commands.Parsed(commands.CommissionQuery(   # 谁卖得最多 · 小王这个月卖了多少: by who sold it
                first_said, last_said, sellers[0].codes[0] if len(sellers) == 1 else None, sales=True))
        by_store = len(places) > 1 or bool(_EACH_STORE.search(a.s))   # 静安店和徐汇店哪个卖得多 · 各店营业额
        named = list(dict.fromkeys(e.codes[0] for e in prods if len(e.codes) == 1))
        return commands.Parsed(commands.SalesQuery(start=first, end=last, sku=prods[0].codes[0] if prods else None,
                                                   location=None if by_store else self._location(a),
                                                   money=intents.SALES_MONEY.search(a.s) is not None,
                                                   by_store=by_store, versus=versus[2] if versus else None,
                                                   rank=rank, also=tuple(named[1:]) if not by_store and not rank
                                                   and versus is None and named[:1] == [e.codes[0] for e in prods[:1]]
                                                   else ()))

    def _purchases(self, a: scan.Analysis, supplier: list[lexicon.Span], now: dt.datetime, *,
                   payable: bool = False) -> Result:
        """本月采购花了多少钱: the named past period; none: this month so far."""
        today = now.date()
        first, last = dates.past_span(a.s, now) or (today.replace(day=1), today)
        prods = a.of("product")
        return commands.Parsed(commands.PurchaseQuery(start=first, end=last, sku=prods[0].codes[0] if prods else None,
                                                      location=self._location(a),
                                                      partner=supplier[0].codes[0] if supplier else None,
                                                      payable=payable or bool(intents.PAYABLE.search(a.s))))

    def _orders(self, a: scan.Analysis, partners: list[lexicon.Span]) -> Result:
        """盒马的订单: a customer's; 采购单/进货单 or a supplier: purchases; 调拨单: transfers; else all kinds."""
        kind = None
        if partners:
            kind = "sale" if self.lex.partners[partners[0].codes[0]].kind.value == "customer" else "purchase"
        elif re.search(r"采购|进货|订货单|没到|到了|收货|(?:时候|几时|何时|哪天|几号|几点)\S{0,2}(?:到|送|来|发货)", a.s):
            kind = "purchase"
        elif re.search(r"客户|销售订单|提货|没提", a.s):
            kind = "sale"
        elif re.search(r"调拨|调货|在途", a.s):
            kind = "transfer"
        prods = a.of("product")
        return commands.Parsed(commands.OrderQuery(kind=kind, partner=partners[0].codes[0] if partners else None,
                                                   sku=prods[0].codes[0] if prods else None))

    def _booked_for(self, a: scan.Analysis) -> str:
        """Whom the bookings asked about are for (张女士的预约 · 取消王先生明天的预约 → 张女士 · 王先生): what is left
        before the booking's word once the verb, the days, the places and the fillers are taken out; "" for all."""
        m = re.search(_BOOKING_WORD, a.masked)
        if m is None:
            return ""
        said = a.masked[: m.start()]   # (the places named are masked out)
        if a.date is not None and a.date.start < len(said):
            said = said[: a.date.start] + said[a.date.end:]
        return _whose(said)

    def _last_moved(self, a: scan.Analysis, m: re.Match[str], supplier: list[lexicon.Span],
                    customer: list[lexicon.Span]) -> Result | None:
        """When goods last came from one supplier or went to one customer, or one product last came in or sold;
        None: not one of these named."""
        verb = m.group("v") or m.group("v2") or m.group("v3") or ""
        came = bool(re.search(r"送|进|到|来货|采购|收|买", verb))
        prods = [e for e in a.of("product") if len(e.codes) == 1]
        if m.group("v3") and came and "最早" in a.s and len(prods) == 1:   # 牛腩最早哪天进的: its lots, oldest first
            return commands.Parsed(commands.StockInfo("lots", (prods[0].codes[0],), self._location(a)))
        if len(supplier) == 1 and not customer and not prods:
            return commands.Parsed(commands.LastMoved("receipt", partner=supplier[0].codes[0]))
        if len(customer) == 1 and not supplier and not prods:
            return commands.Parsed(commands.LastMoved("sale", partner=customer[0].codes[0]))
        if len(prods) == 1 and len(a.of("product")) == 1 and not supplier and not customer:
            return commands.Parsed(commands.LastMoved("receipt" if came else "sale", sku=prods[0].codes[0]))
        return None

    def _booking_moved(self, a: scan.Analysis, moved: re.Match[str], speaker: context.Speaker) -> Result:
        """张女士改到后天下午4点 · 明天的包桌改到周六中午 · 王总的包桌推迟到晚上7点: the bookings the words before name
        (whose, which day: else the coming 30 days), to the time after (a day alone: each keeps its time of day; a
        time alone: the same day). 张女士改成3个人 · 明天的包桌改成25人: how many are coming now."""
        if not moved.group("to"):
            return commands.Clarify("booking_move_to")   # 张女士改到 (to when?)
        pre = moved.group("pre")
        src = dates.ahead_span(pre, speaker.now)
        day1 = src[0] if src else speaker.now.date()
        last = day1 + dt.timedelta(days=(src[1] if src else 30) - 1)
        who = _whose(moved.group("pre"))
        guests = _GUESTS.fullmatch(re.sub(r"[\s,.!。了]+$", "", moved.group("to")))
        at = dates.find(pre, speaker.now) if guests is not None else None   # (明天晚上6点的包桌: that one)
        if guests is not None and (who or src or (at and at.has_time)):   # (``_guests_said``)
            n = numbers.value(guests.group("n"))
            if n is None or n <= 0 or n != int(n) or n > MAX_GUESTS:
                return commands.Clarify("bad_qty", detail=guests.group(0))
            if at is not None and at.has_time:
                day1 = last = at.when.date()
            return commands.Parsed(commands.Bookings(start=day1, end=last, location=self._location(a), who=who,
                                                     guests=int(n), at=at.when if at and at.has_time else None))
        to = dates.find(moved.group("to"), speaker.now)
        if to is None or moved.group("to")[to.end:].strip(" ,.!。的"):
            return commands.Clarify("booking_move_when", detail=moved.group("to"))
        if not who and not src:
            return commands.Clarify("booking_move_which")
        day_said = _NAMES_DAY.search(moved.group("to")[to.start:to.end]) is not None
        if not to.has_time and not day_said:
            return commands.Clarify("booking_move_when", detail=moved.group("to"))
        if day_said and (to.when <= speaker.now if to.has_time else to.when.date() < speaker.now.date()):
            return commands.Clarify("booking_move_past", detail=moved.group("to"))
        return commands.Parsed(commands.Bookings(start=day1, end=last, location=self._location(a), who=who,
                                                 move_to=to.when, move_day=day_said, move_time=to.has_time))

    def _booking(self, a: scan.Analysis, speaker: context.Speaker) -> Result:
        assert a.date is not None
        if not a.of("product"):   # 明天晚上6点有个20人的包桌 · 周六中午王总订了两桌: the table, its goods not said
            guests = _GUESTS.search(a.s)
            n = numbers.value(guests.group("n")) if guests is not None else None
            if n is not None and (n <= 0 or n != int(n) or n > MAX_GUESTS):
                return commands.Clarify("bad_qty", detail=guests.group(0) if guests else "")
            note = re.sub(r"^(?:还|又)?有(?:个|一个|一场|场)?", "", (a.s[:a.date.start] + a.s[a.date.end:]).strip(" ,.!。"))
            return commands.Parsed(commands.RecordBooking(   # (its words, the time said aside: 20人的包桌 · 王总订了两桌)
                at=a.date.when, lines=(), location=self._location(a), note=note.strip(" ,.!。") or a.s.strip(" ,.!。"),
                guests=int(n) if n is not None else None))
        items = lines.drafts(a, self.lex)
        res = lines.resolve([d for d in items if d.qty is not None and d.exact] or items, self.lex)
        said = a.s[:a.date.start] + " " * (a.date.end - a.date.start) + a.s[a.date.end:]   # (its day said aside: it may move)
        head = re.sub(r"要(?![办摆]).*$", "", re.split(r"[,;]|需要", said.strip(" ,"), maxsplit=1)[0])
        note = re.sub(r"^(?:还|又)?(?:要)?(?:有|办|摆)?(?:个|一个|一场|场)?", "", head.strip(" ,.!。")).strip(" ,.!。")
        cmd = commands.RecordBooking(at=a.date.when, lines=(), location=self._location(a), note=note or a.s.strip(", "))
        done = self._finish(cmd, a, res, speaker)
        each = re.search(rf"(?P<n>{numbers.NUMBER})\s*(?P<u>桌|人|位)", a.s)
        if each is not None and re.search(rf"每(?:一)?{each.group('u')}", a.s) and isinstance(done, commands.Parsed) \
                and isinstance(done.command, commands.RecordBooking):   # 订了3桌,每桌可乐2瓶: 6 bottles
            n = numbers.value(each.group("n"))
            if n is not None and n > 0:
                return replace(done, command=replace(done.command, lines=tuple(
                    replace(ln, qty=ln.qty * n) for ln in done.command.lines)))
        return done

    def _invite(self, s: str) -> Result:
        m = intents.INVITE.search(s)
        assert m is not None
        role = {"店员": "staff", "员工": "staff", "店长": "manager", "经理": "manager", "采购员": "purchaser",
                "采购": "purchaser", "管理员": "admin"}[m.group("role")]
        return commands.Parsed(commands.Invite(name=m.group("name"), role=role))


STOCK_KINDS = frozenset(m.value for m in commands.Movement) | {"count"}
WRITE_KINDS = STOCK_KINDS | {"purchase"}   # 还剩2箱牛奶,再订10箱: a count and an order, not an order of 24 + 120
# a supplier's delivery said only by its amount (咖啡豆行只送来了4箱 · 光明今天就到了3箱): masked names and amount
_CAME_ONLY = re.compile(r"\x00+(?:今天|刚才|刚刚)?(?:只|才|就|一共|总共)?(?:送来|送到|送了|到了|来了|到)了?\x00+[!.~了]*")
# the categories of ingredients: cooked, they are used (牛腩煮了10斤), where a finished product is made (烤了可颂40个)
_RAW = re.compile(r"肉|禽|蛋|水产|海鲜|鱼|蔬菜|菜|果|粮|米|面粉|油|调料|调味|酱|冻品|干货|豆制品|原料|食材|乳|奶")
_SENT_SHORT = re.compile(r"(?:少|漏)(?:送|给|发)了?")   # (张记少送了2斤牛腩: a supplier's delivery short)
_NEGATED = re.compile(r"(?:没有|没|未|不曾)(?:卖出去|卖掉|卖完|卖光|卖|售出|用掉|用完|用光|用|收到|收|进货|进|出库|出|送来|送|发货|到货"
                      r"|报损|坏)|" + _SENT_SHORT.pattern + r"|(?<=\x00)(?:还)?(?:没有|没)(?:到|来)(?:了)?(?=[,;.!?\x00]|$)"
                      r"|(?:卖|用)不(?:掉|完|出去|动)")
# money handed over and change given back (收了20,找了5块 · 收100找零20): what was taken is the difference
_CHANGE_GIVEN = re.compile(r"(?P<lead>[,\s]*)(?:收了?|收到|给了)(?P<got>\d+(?:\.\d+)?)(?:元|块钱?)?[,\s]*"
                           r"(?:找了?|找零|找回|找给他)(?P<back>\d+(?:\.\d+)?)(?:元|块钱?)?")
# the colours a quantity came in, said after it (…,3个黑色2个白色 · …,黑色2个,白色3个): no products of their own
_SHADE = r"(?:黑|白|红|蓝|粉|绿|黄|紫|灰|金|银|棕|橙|米|透明)色?的?"
_SHADES = re.compile(rf"[,\s]+(?P<said>(?:(?:\d+|[一二两三四五六七八九十]+)(?:个|只|副|件|条|根|台|盒|箱|瓶)?{_SHADE}[,、\s]*"
                     rf"|{_SHADE}(?:\d+|[一二两三四五六七八九十]+)(?:个|只|副|件|条|根|台|盒|箱|瓶)?[,、\s]*){{2,}})$")
# a product recorded as another (刚才的可乐记成雪碧了 · 把可乐写成雪碧了 · 可乐录成了雪碧): the other one, corrected
_WRITTEN_AS = re.compile(r"(?:刚才|刚刚|上一笔)?(?:的|那笔|那条)?(?:把|将)?(?P<right>[^,\d\s]{1,8}?)(?:被|给)?(?:记|写|录|打|输)成了?"
                         r"(?P<wrong>[^,\d\s]{1,8}?)(?:了|啦)?")
# a quantity said to be the real one, after another (…30斤,实际只有28斤 · 其实是28斤 · 实盘28斤)
_ACTUAL = re.compile(r"(?:实际上?|实盘|其实|实测|实称|实收)(?:只有|只剩|只|才|就|是|有|剩|上)*(?=\s*[\d一二两三四五六七八九十半])")
_BOOKS = re.compile(r"账上|账面(?:上)?|系统(?:里|上|显示)?(?:是|有)?|电脑(?:上|里)(?:是|有)?|记录(?:上|里)(?:是|有)?|显示")
# a place said by its kind after a direction (从浦东店 · 到南京路店 · 给二号仓), and a supplier ordered from (向联华采购)
_PLACE_SAID = re.compile(r"(?:从|由|到|去|往|给|发往|调往)(?P<n>[\u4e00-\u9fff]{1,6}?(?:分店|门店|店|仓库|仓))(?![\u4e00-\u9fff]{0,2}(?:的货|来的))")
# what a supplier brought over a period, asked (这周给光明订了多少 · 光明这个月送了多少), and an order chased (催一下光明)
_SUPPLIED_Q = re.compile(r"(?:订了|送了|送来了?|进了|买了|采购了|供了)(?:多少|几|什么|哪些|啥)")
_URGE = re.compile(r"催")
_OWN_PLACE = re.compile(r"(?:本|我|咱|这|那|我们|咱们|自己|这家|那家|这个|那个|你们|他们|对面|隔壁)(?:的)?(?:分店|门店|店|仓库|仓)")
_SUPPLIER_SAID = re.compile(r"^(?:向|跟|找|从)(?P<n>[\u4e00-\u9fff]{2,6}?)(?:那里|那儿|那边)?(?:采购|订购|订货|订|下单|进货|买)")
_NOT_COME = re.compile(r"(?:还)?(?:没有|没)(?:到|来|送来|送到|送货|发货)")
# what has come already (a transfer to record, not to ask for): 收到 · 到了 · 调来的 · 调了 · 已经发了
_CAME = re.compile(r"收到|到了|来了|(?:送|调|发|运|拿|带)(?:过)?来的|(?:调|拿|借|领|搬|运|取|带|还|送|发)了|已经?")
# a transfer that came short (仓库调来的牛腩少了2斤 · 福田店送来的可乐缺了3瓶): a loss here, not another transfer
_TRANSFER_SHORT = re.compile(r"(?:调|送|发|拿|运|带)(?:过)?来的\x00+(?=(?:少了|缺了|差了|短了|少|缺)\s*\x00)")
_EACH_STORE = re.compile(r"各(?:个)?(?:门?店|分店)|(?:[两三四五六七八九十]|\d+)(?:个|家)(?:门?店|分店)|(?:门店|店铺|店)(?:间|之间)?(?:销售)?(?:对比|比较)|每(?:个|家)(?:门?店|分店)|哪家(?:门?店|分店)?卖|哪个(?:门?店|分店)卖|门店(?:对比|比较|排名)"
                         r"|(?:卖得|卖的)(?:最|更)?(?:好|多|快|少|差)的?(?:是)?(?:哪个|哪家)(?:门?店|分店)"
                         r"|(?:哪个|哪家)(?:门?店|分店)的?(?:业绩|营业额|销售额|生意)")   # (…最好的是哪个店 · 哪个店业绩好)
# money paid (团餐付了3000 · 收到团餐货款 · 结了 · 付给张记 · 打款 · 转账 · 还了): a payment, with its amount
_PAID = re.compile(r"付了|付款|付给|付清|支付|结了|结账|结清|结算了|还了|还款|^(?:先)?还(?:给)?|打款|打了|转了|转账|货款|回款|收款|付"
                   r"|充值|充了|预存|储值")   # (团餐充值1000: paid ahead, a customer's stored value)
_MONEY_SAID = re.compile(r"(?<![\d.])(?P<neg>-|负)?(?P<n>\d+(?:\.\d+)?|[零一二两三四五六七八九十百千]+)\s*(?P<k>万|千)?"
                         r"\s*(?:元|块钱|块|rmb)?(?![\d.]|\s*折|\s*(?:月|号|日|周|天|个月))")   # (打了5折 · 5月份: no money)
# what a dish of a product is served as (牛腩饭 · 牛肉面 · 番茄汤 · 鸡翅套餐): the dish, not the product
_SERVED_AS = re.compile(r"(?:盖饭|炒饭|拌饭|饭|面条|拌面|汤面|面|米粉|粉丝|粉|汤|煲|火锅|锅|套餐|盖浇|粥|饼|包子|饺子|丼|卷|串)")
_USED_FOR = re.compile(r"\s*(?:今天|中午|晚上)?(?:一共|共)?(?:用了|用掉|消耗了?|耗了|要用|需要|做了\S{0,4}?用了)")
# the last write said too little or too much (可乐少记了2瓶 · 漏记了2瓶 · 多记了2瓶 · 记多了3个)
_DELTA = re.compile(r"(?P<less>少记|记少|少录|录少|漏记|漏录|少写|少算|少报)了?|(?P<more>多记|记多|多录|录多|多写|多算|多报)了?")
# money back (退给王记500 · 退王记定金500 · 王记的定金退了 · 给王记退款300); 退了 · 退回来 only of a supplier (张记退了我们500)
_REFUND = re.compile(r"退款|退钱|退费|退[还回]?(?:了|给)?[^,;]{0,8}?(?:定金|订金|押金|预付款?|预收款?|多收的|多付的)"
                     r"|(?:定金|订金|押金|预付款?|预收款?)(?:已经?|都|全)?退|退(?:还|回)?给|退还")
_MONEY_BACK = re.compile(r"定金|订金|押金|预付|预收|多收|多付|退款|退钱|钱|款")   # (all of it, no amount said: money named)
_REFUNDED = re.compile(r"退了|退回来|退给我们|退回给我们|返还")
_HANDED = re.compile(r"收到|给了|交了|拿来了|送来了")   # money a customer handed over (收到团餐3000)
# all that is owed (张记的货款结清了 · 把张记的钱结了 · 张记的欠款全部付了 · 团餐结账了 · 团餐把欠的钱都还了)
# a period's goods settled (张记这个月的货款付了 · 上个月的账结了), not all that is owed
_GOODS_OF = re.compile(r"(?:这个月|本月|上个月|上月|这周|本周|上周|\d{1,2}月份?|[一二三四五六七八九十]{1,3}月份?)(?=.*(?:货款|货钱|账|钱|款))")
_SETTLED = re.compile(r"结清|付清|还清|都付了|全付了|钱付了|款付了|款结了|全结了|都结了|结完了|(?<=[的])账结(?:了|掉了)"
                      r"|(?:欠款|欠的钱|欠的款|欠的|钱)(?:全部|全|都)?(?:付|还|结)了|结账了|把账结了")
# an order just placed no longer wanted (取消 · 不要了 · 算了,不订了)
_DROP_IT = re.compile(r"(?:算了|那)?[,\s]*(?:取消|不要了|不订了|先不订了|不用了|别订了)(?:吧|了)?")
# more of an order just placed: 再加1箱牛腱 · 还要五花肉10斤 · 另外加牛腱1箱 · 牛腱也要1箱
_MORE = re.compile(r"^(?:再加上?|再来|再要|还要|另外(?:再)?(?:加|要)?|加上|追加|再订|补订|多订|多加)(?:了)?")
_ALSO_WANT = re.compile(r"也(?:要|订|加)(?:了)?")
# its day moved by days (推迟一天 · 延后两天 · 提前1天到 · 晚一天送)
_SHIFT = re.compile(r"(?:的单子?|那单|这单)?\s*(?P<dir>推迟|延后|延迟|顺延|往后推|提前|晚|早)(?P<n>\d{1,2}|[一二两三四五六七八九十])?\s*天"
                    r"(?:到|送|送到|到货|交货|提货)?")
# a new day for an order just placed: 改成明天到 · 推迟到周五 · 提前到后天送
_DUE_TO = re.compile(r"(?:改成|改为|改到|改在|推迟到|推到|提前到|延到|延后到|延期到|换到|挪到|调到"
                     r"|改(?=\s*\x00))")   # 那单改周四送 (the day said is masked)
_ORDER_NAMED = re.compile(r"(?:(?:客户)?订单|采购单|调拨单|单子?|单号)\s*#?\s*\d+|#\s*\d+|\d+\s*号单(?![价位据品元])")
# a supplier's trouble with an order (送不了 · 只能送30斤 · 没货了 · 要晚点到 · 缺货): passed on as said
# a supplier's trouble with an order, relayed by our own people (张记说牛腩明天送不了 · 张记的牛腩只能送30斤 · 张记那边缺货)
_RELAYED_TROUBLE = re.compile(r"(?:送|来|到|发)不了|不能(?:送|来|发)|没法(?:送|来|发)|无法(?:送|来|发|供)|只能(?:送|发|给|供)"
                              r"|没货|缺货|断货|货不够|(?:要|得|会)?(?:晚|迟)(?:点|一点|些|两天|一天)(?:送|到)|延迟(?:送|发|到)")
_ORDER_NUMBER = re.compile(r"(?:订单|采购单|单子?|单号)\s*(?:#|号|No\.?)?\s*(\d{1,6})|#\s*(\d{1,6})")
# goods come or gone now (送来的牛腩不够 · 到了30斤): a receipt, never a supplier's word on an order
_CAME_NOW = re.compile(r"送来|来了|送了|进了|送过来了|到了|收到|收了")
_SUPPLIER_TROUBLE = re.compile(r"(?:送|来|到|发)不了|不能(?:送|来|发)|没法(?:送|来|发)|无法(?:送|来|发|供)|只能(?:送|发|给|供)"
                               r"|没货|缺货|断货|货不够|不够|晚(?:点|一点|些)|迟(?:点|一点|些)|延迟|推迟|涨价|调价|换成|替换")
# a supplier has the order (收到 · 好的 · 没问题 · 已确认 · 订单2收到了)
# a supplier saying the goods are on their way (已发货 · 在路上 · 马上到 · 货发了 · 快到了)
_SUPPLIER_SHIPPED = re.compile(r"已发货|发货了|已经?发出|发出了|已发|(?:货|都|已经)发了|出发了|在路上|路上了|已经?送出|装车了|已经?装车"
                               r"|马上(?:就)?(?:到|送到)|快到了|就快到了")
# how long until they come (半小时到 · 20分钟后送到 · 一个半小时到 · 两个小时内到)
_SUPPLIER_SOON = re.compile(r"(?P<n>\d+(?:\.\d+)?|[一二两三四五六七八九十]+)?(?:个)?(?P<half>半)?(?:个)?(?P<u>小时|钟头|分钟|分)"
                            r"(?:后|以后|之后|左右|内|以内)?(?:就|能|会)?(?:到|送到|送过来|过来)")
_SUPPLIER_ACK = re.compile(r"(?:好的?|好嘞|收到了?|ok|okay|没问题|可以|明白|知道了|已确认|确认了?|已接单|接单了?|马上安排|安排)"
                           r"(?:[,\s]*(?:谢谢|马上安排|会按时送到?|按时送))?")
# someone else's records asked (小王今天记了什么 · 小王的记录 · 店里都记了什么 · 今天谁记了什么)
# what the books say against the shelf (账上可乐多了5瓶 · 系统里雪碧少了2瓶 · 实物比账上少5瓶可乐): a count's difference
_ON_BOOKS = r"(?:账上|账面上?|帐上|帐面上?|系统里?|系统上|电脑里|电脑上|账里|记录里)"
_BOOKS_SAY = re.compile(_ON_BOOKS + r"(?:的)?(?P<a>[^,;\d]{1,12}?)(?P<d>多|少)(?:了|出了?)(?P<b>[^,;]+)")
_BOOKS_VS = re.compile(r"(?P<a>[^,;\d]{0,12}?)(?P<vs>实物|实际|实盘|货架上?|店里)(?:的)?(?:数量)?比" + _ON_BOOKS
                       + r"(?P<d>多|少)了?(?P<b>[^,;]+)")
# what is left of a correction naming its partner (是绿源 · 是绿源送的 · 应该是团餐买的), the partner masked
_PARTNER_FIX = re.compile(r"(?:是|应该是|其实是)?\x00+(?:送的|送来的|的|家的|买的|拿的|进的|要的)?")
# a product renamed (牛腩改名叫牛腩肉 · 把牛腩的名字改成牛腩块) or put in another category (可乐的分类改成酒水 · 可乐归到饮料类)
_RENAMED = re.compile(r"(?:把)?(?P<what>[^,;\s\d]{1,10}?)(?:的)?(?:(?:名字|名称|品名)(?:改成|改为|换成)|改名(?:叫|为|成)?|改叫)"
                      r"(?P<new>[^,;\s]{1,12})")
_RECLASSED = re.compile(r"(?:把)?(?P<what>[^,;\s\d]{1,10}?)(?:的)?(?:(?:分类|类别|品类|类目)(?:改成|改为|换成|设为)|归到|归入)"
                        r"(?P<new>[^,;\s\d]{1,8}?)(?:类|分类)?")
# a store's own safety stock given up (the product's again)
_STORE_SAFETY_RESET = re.compile(r"(?:取消|去掉|删掉|删除)(?P<head>.+?)的?(?:单独的?|自己的)?安全库存"
                                 r"|(?P<head2>.+?)的?(?:单独的?|自己的)?安全库存(?:恢复默认|恢复成?统一的?|改回统一的?|用统一的"
                                 r"|跟(?:总部|公司|大家|别的店)一样|取消)")
# the day's cash-up (日结): what it took in by how it was paid
_TILL_METHODS = tenders.METHODS
_TILL_PART = re.compile(r"(?P<m>" + "|".join(sorted(_TILL_METHODS, key=len, reverse=True)) + r")(?:支付|收款|收入|收了|收|共|是|:|:)?"
                        r"\s*(?P<n>" + numbers.NUMBER + r")\s*(?:元|块钱|块)?")
_TILL_HINT = re.compile(r"日结|交班|收银|(?:一共|总共)?收(?:了|入|到)?(?=现金|微信|支付宝|刷卡|扫码)"
                        r"|(?<=现金|微信|刷卡|扫码)(?:收了|收入|收款)|(?<=支付宝)(?:收了|收入|收款)")
# the days a question of takings names (今天微信收了多少 · 这周客单价多少); dates.past_span reads them
_DAYS_PAST = "今天|今日|昨天|昨日|前天|这周|本周|上周|这个月|本月|上个月|最近7天|这几天"
# 今天卖了几单 · 今天多少单 · 这周客单价多少 · 南山店昨天成交了几笔 (not 下了几单: orders placed)
_TICKETS_SAID = re.compile(r"[几多少]单|[几多少]笔|客单价|单价平均|客流|来了?(?:几|多少)(?:个|位|拨)?(?:客人|顾客|人)")
_TICKETS_ASKED = re.compile(
    rf"(?:{_DAYS_PAST})?的?"
    r"(?:(?:一共|总共)?(?:卖了|卖出了?|成交了?|开了|出了|做了|收了)?(?:几|多少)(?:单|笔)(?:生意|销售|买卖)?(?:了)?"
    r"|(?:平均)?客单价(?:是|有)?(?:多少钱?)?|(?:平均)?每单(?:多少钱|卖了?多少钱?)"
    # 今天客流 · 今天来了多少客人: the sales counted (one a customer served: what the books know of it)
    r"|客流(?:量)?(?:是|有)?(?:多少)?|来了?(?:几|多少)(?:个|位|拨)?(?:客人|顾客|人))[?？吗呢]*")
# where the till's cash is kept (钱箱里应该有多少钱 · 收银机里有多少现金: ``_TILL_DRAWER_ASKED``)
_DRAWER = r"(?:钱箱|收银机|收银台|收银柜|抽屉|钱柜|柜台|钱盒)"
_TILL_SAID = re.compile(r"日结|交班|收银|现金|微信|支付宝|刷卡|扫码|收款码|银行卡|(?:付款|支付|收款)方式|收款(?:明细|情况|汇总|构成|分布)"
                        rf"|{_DRAWER}|(?:账|钱){intents.OFF_BOOKS}|(?:今天|昨天)(?:的)?(?:账|帐|对账)")
_TILL_REST = re.compile(r"[\s,,、;;::。.和及还有另外一共总共合计共了的今天昨天收入到其中]*")
_TILL_ASKED = re.compile(r"(?:今天|昨天|这周|本周|上周|这个月|本月|上个月|最近|最近7天)?(?:的)?(?:日结|收银|交班)"
                         r"(?:对账|记录|情况|怎么样|对不对|对上了吗|对得上吗|对上没有?)?[?吗呢]*"
                         # 对一下今天的账 · 今天对账 · 今天的账对一下 (no partner's: the day's takings by how paid)
                         r"|(?:帮我)?(?:对一下|对下|核对一下|核对)?(?:今天|昨天)(?:的)?(?:账|帐)(?:对一下|对下|核对一下)?"
                         r"|(?:今天|昨天)(?:的)?(?:对账|对帐)")
_TILL_PLACE = re.compile(r"^[^\s,,]{1,8}?(?:店|仓)的?")
# what bringing a receipt in cost on top (收到牛腩50斤,单价30,运费50 · 另付搬运费20 · 运费50已付给司机); 含运费 is in the
# price said, not on top of it
_FREIGHT_WORDS = r"运费|快递费|物流费|搬运费|装卸费|送货费|配送费|运输费|邮费|车费|力资费|上楼费"
_FREIGHT_HINT = re.compile(_FREIGHT_WORDS)
_FREIGHT = re.compile(rf"(?<![含包连带])[,,;;\s]*(?P<lead>另外|另|加上?|外加|还有)?(?P<paid>付了?)?(?P<what>{_FREIGHT_WORDS})"
                      rf"(?:是|为|:|:|共|一共)?\s*(?P<v>{numbers.NUMBER})\s*(?:元|块钱?|块)?"
                      r"(?P<tail>[,,]?\s*(?:(?:已经?|都|也)?(?:付|给|结)(?:了|过了|清了?)?(?:给\S{1,6}?)?|另付(?:给\S{1,6}?)?|现付|现结"
                      r"|现金付(?:了|给\S{1,6}?)?|付现金?|(?:已经?)?付给\S{1,6}?|给了?司机)?)(?=$|[,,;;\s])")
_TERMS_BARE = re.compile(r"\d+\s*天")   # (交货期2天 is no payment terms: 账期 must be said with days)
_DELIVERY_NOTE = re.compile(r"送货单|出库单|发货单|销货单|出货单")
_RECEIVED_NOTE = re.compile(r"入库单|收货单|验收单")
_RECEIVED_NOTE_WORDS = re.compile(r"请|帮我|打印|导出|发给我|发我|给我|发|开|要|看看?|出|一下|一张|一份|个|下|今天|的|入库单|收货单|验收单"
                                  r"|送来|送的|进的|收的|[\s#]")
# the note asked for, whole (张记今天的入库单 · 打印采购单3的收货单 · 入库单#3), never goods recorded by it (收货单:牛奶2箱)
_RECEIVED_NOTE_ASKED = re.compile(r"(?:请|帮我)?(?:打印|导出|发|给我|开|要|看看?|出)?(?:一张|一份|个|下)?[^,:;\n]{0,16}?"
                                  r"(?:采购单|订单|单号|单)?\s*#?\s*\d{0,6}\s*(?:号)?(?:的)?(?:入库单|收货单|验收单)"
                                  r"\s*(?:#\s*\d{1,6})?(?:发我|发给我|给我)?")
# closing the books (结账): the last day whose stock moves are final; 对账 (reconciling) and 结清 (paying off) are not
_BOOKS_HINT = re.compile(r"结账|月结|关账|反结|开账|账(?:已经)?结(?:了|掉|到|一下)|结到")
_BOOKS_MONTH = re.compile(r"(?:(?P<m>\d{1,2}|[一二三四五六七八九十]{1,3})月份?|(?P<rel>上个?月|本月|这个?月))(?:的)?(?:账|帐|账目)?")
_BOOKS_CLOSE = re.compile(r"(?:请|帮我)?(?:把)?(?:(?:结账|关账|月结)(?:到|至)?(?P<rest2>.{0,12}?)(?:为止)?"
                          r"|(?P<rest>[^,]{1,12}?)(?:的)?(?:账|帐|账目)?(?:已经)?(?:结账|月结|关账|结(?:了|掉|一下)?))(?:了|吧|啦)?")
_BOOKS_REOPEN = re.compile(r"(?:请|帮我)?(?:反结账|取消结账|撤销结账|重新开账|开账|反月结)(?:到|至)?(?P<rest>.{0,12}?)(?:为止)?(?:吧)?")
_BOOKS_ASKED = re.compile(r"(?:账|帐)?(?:已经)?(?:结账|结)(?:到|至)(?:了)?(?:哪天|几号|什么时候|哪一天|几月)(?:了)?[?吗呢]*"
                          r"|(?:上次|最近一次)?(?:结账|月结|关账)(?:是)?(?:在)?(?:什么时候|哪天|几号|到哪天)(?:了)?[?吗呢]*"
                          r"|(?:结账|月结)了(?:吗|没有?)[?]*|结账(?:情况|状态)")
# a pack of a product, said as a fact (可乐一提6瓶 · 可乐加个包装,一提6瓶 · 可乐的一箱改成12瓶)
_PACK_SAID = re.compile(r"(?:把)?(?P<what>[^,;\s\d]{1,10}?)(?:的)?(?:(?:加|新加|增加|添加)(?:个|一个)?包装[,:\s]*)?"
                        r"(?P<said0>(?:设置|设|定|改)(?:成|为))?(?:一|每|1)(?P<pack>" + intents.PACK_WORD + r")(?P<said>改成|改为|是|有|装|=)?\s*"
                        r"(?P<n>\d+(?:\.\d+)?|[一二两三四五六七八九十百]+)\s*(?P<u>[^\d\s,;]{1,2})?")
# the base unit asked to change (可乐的单位改成箱 · 牛腩改成按公斤算)
_BASE_UNIT_SET = re.compile(r"(?:把)?(?P<what>[^,;\s\d]{1,10}?)(?:的)?(?:基本)?(?:单位|计量单位)(?:改成|改为|换成|设为)\S{1,3}"
                            r"|(?:把)?(?P<what2>[^,;\s\d]{1,10}?)(?:改成|改为)按\S{1,3}(?:算|记|卖)")
_COMPARE = re.compile(r"对比|比较|比一下|比一比|(?:哪个|哪家)店(?:最多|最少|多|少)")
# 今天谁没记账 · 谁还没记录 · 今天大家都记账了吗: each of the store's people and how many writes they made today
_WHO_RECORDED = re.compile(r"(?:今天)?(?:有)?(?:谁|哪些人|哪个人?|哪位)(?:还|今天)?(?:没有?|没)(?:记账|记录|记|录入?|登记|报)(?:过|了)?[?吗呢]*"
                           r"|(?:今天)?(?:大家|每个人|员工们?|店员们?)(?:今天)?(?:都)?(?:记账|记录|记)(?:了)?(?:吗|没有?)[?]*"
                           r"|(?:今天)?(?:谁|哪些人)(?:记账|记录|记)了[?吗]*|(?:今天)?(?:各人|每个人|大家)(?:的)?(?:记录|记账)(?:情况|数量|笔数)"
                           # 今天谁上班 · 今天都有谁在: no shifts are kept; who has recorded today is what the books know
                           r"|今天(?:都)?(?:有)?(?:谁|哪些人|哪几个人?)(?:在)?(?:上班|值班|当班|店里|来了)?[?吗呢]*")
# 今天谁报损了 · 牛腩是谁报损的 · 昨天谁收的牛奶 · 可乐是谁卖的 · 这周谁领用了面粉
# the company's event days, which the forecast learns the uplift of (6月20日店庆 · 周六有促销活动 · 取消周六的活动)
_EVENT_KINDS = ("店庆|周年庆|促销活动|促销|优惠活动|打折活动|打折|特卖|会员日|活动|团建|展会|庙会|音乐节|演唱会|比赛"
                "|大型活动|开业活动|开业")   # (婚宴 · 宴席: a booking of tables, 包桌)
_EVENT_HINT = re.compile(_EVENT_KINDS)
_EVENT_NAME = re.compile(r"(?:的)?(?:有|要|搞|做|办|举办|开展|安排了?|是)?(?:个|一场|一次|一个)?(?P<name>" + _EVENT_KINDS + r")"
                         r"(?:日|活动)?(?:了|哦|啊)?")
_EVENT_CLEAR = re.compile(r"^(?:取消|删除|删掉|撤掉|去掉)|(?:取消了?|不搞了|不做了|不办了|不办|不搞|没了|改期了|延期了)$")
_EVENT_LIST = re.compile(r"(?:最近|这个月|下个?月|接下来|以后)?(?:有)?(?:什么|哪些)(?:活动|促销)(?:日)?[?吗呢]*"
                         r"|(?:活动|促销)(?:日历|安排|计划|日程|有哪些)[?]?")
_MONTH_DAY = re.compile(r"(?<![\d.])(?:(?P<y>\d{4})年)?(?P<m>\d{1,2})月(?P<d>\d{1,2})(?:日|号)")


def _no_such_day(s: str, now: dt.datetime) -> str | None:
    """The first month and day said (6月31日 · 2月29日 outside a leap year) that the year named, or this year and the
    next, lack; None: every day said is a day."""
    for m in _MONTH_DAY.finditer(s):
        month, day = int(m.group("m")), int(m.group("d"))
        years = (int(m.group("y")),) if m.group("y") else (now.year, now.year + 1)
        if not any(_is_day(y, month, day) for y in years):
            return m.group(0)
    return None


def _is_day(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


# a customer's own prices (团餐的可乐按4.5元一瓶 · 团餐的价格表 · 取消团餐的可乐协议价)
_CUSTOMER_PRICE_SET = re.compile(r"(?:的)?(?P<word>价格|单价|价钱|售价|卖价|协议价|专价|拿货价)?\s*(?:都|一律|以后|以后都)?"
                                 r"(?:定为|定成|定价|设为|设成|改成|改为|按|协议价是?|是)\s*(?=[\d一二两三四五六七八九十半每])")
_CUSTOMER_PRICE_CLEAR = re.compile(r"(?:取消|删除|去掉|不要)(?:了)?[^,]{0,12}(?:协议价|专价|价格|特价)"
                                   r"|(?:恢复|按|回到)(?:原价|目录价|正常价|售价)")
_CUSTOMER_PRICES_ASKED = re.compile(r"价格表|价目表|协议价|专价|(?:的|拿货)(?:价格|进价|单价|报价|价钱)(?:都)?(?:是)?(?:多少|有哪些|怎么样)?[?]?$")
# a share of what is on hand (番茄坏了一半 · 土豆用了三分之一); 一大半 and the like are asked for exactly
_SHARE_OF = re.compile(r"(?P<verb>坏了|烂了|坏掉了?|扔了|扔掉了?|报损了?|损耗了?|丢了|过期了|发霉了|变质了|臭了|用了|用掉了?"
                       r"|卖了|卖掉了?|卖出了?)(?:大约|差不多|将近|大概)?"
                       r"(?P<share>一半|一大半|大半|一小半|小半|一多半|多半|三分之一|三分之二|四分之一|四分之三|五分之一)"
                       r"(?:左右)?(?:了)?$")
_SHARES = {"一半": Decimal("0.5"), "三分之一": Decimal(1) / 3, "三分之二": Decimal(2) / 3, "四分之一": Decimal("0.25"),
           "四分之三": Decimal("0.75"), "五分之一": Decimal("0.2")}
_OF_A_DELIVERY = re.compile(r"(?:今天|昨天|刚才|刚|上午|早上|新)(?:进|收|到|送来|送)的?|这批|那批|刚到的")
# a product's price moved by a share or an amount (可乐售价提高10% · 饮料都涨价5% · 可乐每箱涨5块 · 牛腩进价涨了2块)
_PRICE_UP = ("提高", "调高", "上调", "上涨", "涨价", "涨了", "涨", "提价", "加价")
_PRICE_DOWN = ("降低", "调低", "下调", "下降", "降价", "降了", "降", "减价", "便宜")
_PRICE_MOVE = re.compile("|".join((*_PRICE_UP, *_PRICE_DOWN)))
_PRICE_OURS = ("提高", "调高", "上调", "提价", "加价", "降低", "调低", "下调", "减价")   # (涨 · 降价: the market's)
_PRICE_MOVE_RE = (r"(?:的)?(?:(?P<field>" + intents.FIELD_NAMES + r")\s*)?(?:都|也|全部|一律|统一|各)?"
                  r"(?:(?:每|一)\s*(?P<u0>{unit}))?\s*(?:都|也|各)?"
                  r"(?P<dir>" + "|".join(sorted((*_PRICE_UP, *_PRICE_DOWN), key=len, reverse=True)) + r")\s*(?:了)?\s*"
                  r"(?P<n>" + numbers.NUMBER.replace("{", "{{").replace("}", "}}") + r")\s*"
                  r"(?:(?P<pct>%|％|个点|个百分点)|(?P<cur>元|块钱|块|rmb)(?P<jiao>[1-9一二三四五六七八九])?(?:毛|角)?"
                  r"|(?P<mao>毛钱|毛|角))?\s*(?:(?:/|每|一)\s*(?P<u>{unit}))?\s*(?:吧|了)?$")
_PRICE_PLACES = Decimal("0.000001")
# a customer's exchange (客人拿手机壳换了一个充电宝 · 王记用2个手机壳换了充电宝 · 顾客把耳机换成充电宝)
_SOME_CUSTOMER = re.compile(r"客人|顾客|客户|买家|有个?客人|有个?顾客|刚才的?客人")
_EXCHANGE = re.compile(r"(?:(?P<who>[^,;\s]{1,8}?)(?:拿|用|把))(?P<a>[^,;\s]{1,16}?)(?:换了|换成了?|换)(?P<b>[^,;\s]{1,16}?)")
# the difference an exchange left, and how it was paid (补了60块微信 · 退了31现金 · 补差价60,微信付的 · 微信补了60)
_EXCHANGE_DIFF = re.compile(rf"(?:客人|顾客|他)?(?:又)?(?:(?P<m1>{tenders.WITH})\s*)?(?P<dir>补差价|补差|补了?|加了?|多给了?|多付了?"
                            rf"|付了?|贴了?|退差价|退还了?|退给他|退了?|找了?|找回了?)?(?:了)?\s*(?:(?P<m1b>{tenders.WITH})\s*)?"
                            rf"(?P<n>{numbers.NUMBER})?\s*(?:元|块钱?|块)?[,,\s]*(?:用|是)?(?:(?P<m2>{tenders.WITH})"
                            r"(?:付的?|支付|转的?|退的?|收的?)?)?(?:的)?")
# when goods last moved (张记上次送货是什么时候 · 团餐多久没来拿货了 · 可乐上次卖是什么时候 · 牛腩多久没进货了)
_LAST_MOVED = re.compile(r"(?:上次|最后一次|上一次|最近一次)(?:来)?(?P<v>送货|送的货|送|进货|进的货|来货|到货|拿货|拿的货|买货|卖出?|买|采购)"
                         r"(?:的)?(?:是|在)?(?:什么时候|哪天|几号|啥时候|哪一天)"
                         r"|多久(?:没|没有)(?:来)?(?P<v2>送货|送|进货|进|来货|到货|拿货|拿|卖出?|买|采购)(?:过)?(?:货)?(?:了)?"
                         # 牛腩是哪天进的 · 可乐什么时候到的 (最早哪天进的: the oldest lot on hand)
                         r"|(?:是)?(?:什么时候|哪天|几号|啥时候|哪一天)(?P<v3>进|到|送来|收到|买|卖出?)的(?:货)?[?吗呢]*$")
# hours said with a measure word (一个半小时 · 6个小时 · 半个钟头 · 两个钟): 1.5小时 · 6小时 · 半小时
_HOURS_SAID = re.compile(rf"(?P<n>{numbers.NUMBER}|半)\s*个(?P<half>半)?\s*(?:小时|钟头|钟(?![点表]))|(?P<m>{numbers.NUMBER})\s*钟头")


def _hours(m: re.Match[str]) -> str:
    if m.group("m"):
        return f"{m.group('m')}小时"
    if m.group("n") == "半":
        return "半小时"
    n = numbers.value(m.group("n"))
    return m.group(0) if n is None else f"{units.normalize(n + (Decimal('0.5') if m.group('half') else 0))}小时"


# a price said as a change of the goods themselves (把可乐改成6块 · 可乐和雪碧都改成6块 · 可乐调到5块5): their price
_REPRICED = re.compile(r"(?:把|将)?(?P<what>[^,\d]{1,20}?)(?P<all>都|统一|一律|全部)?(?P<v>改成|改为|调成|调到|调整为|定为)"
                       r"(?P<val>\d+(?:\.\d{1,2})?\s*(?:块钱|块|元)(?:\d)?(?:一(?:瓶|个|斤|箱|份|杯|袋|盒|包|支|根|副))?)")
# a price found too dear (or too cheap), and the new one (耳机卖99太贵了,改成89 · 可乐太便宜了,调到6块): its selling price
_TOO_DEAR = re.compile(r"(?:把|将)?(?P<what>[^,\d]{1,20}?)(?:卖|售价|价格|价钱|定价)?(?:\d+(?:\.\d+)?(?:块钱|块|元)?)?"
                       r"(?:太贵了?|太便宜了?|有点贵|有点便宜|卖贵了|卖便宜了|定高了|定低了)[,,\s]*(?:那就|那|就)?"
                       r"(?P<all>)(?P<v>改成|改为|调成|调到|降到|涨到|调整为|定为)(?P<val>\d+(?:\.\d{1,2})?\s*(?:块钱|块|元)?)")
# how the stock was looked at, said before what it showed (牛腩称了一下,还有38斤 · 可乐数了数,还剩20瓶)
_WEIGHED = re.compile(r"^(?P<what>[^,\d]{1,8}?)(?:我)?(?:称|数|点|量|盘)(?:了一下|一下|了下|了数|了称|了)[,\s]*(?=(?:还有|还剩|剩下?|实际|一共|共|有))")
# found over the books (可乐多出来3瓶 · 货架上多出了2个可颂): a surplus
_FOUND_MORE = re.compile(r"(?P<what>[^,\d]{1,10}?)(?:莫名|凭空)?(?:多出来了?|多出了)(?P<q>\s*(?:\d|[一二两三四五六七八九十半])[^,]{0,6})")
# short and not to be found (牛腩差了2斤,不知道去哪了 · 可乐缺了3瓶,找不到): a loss
_GONE_MISSING = re.compile(r"(?:差了|缺了|短了)(?=\s*(?:\d|[一二两三四五六七八九十半])[^,]{0,6}[,\s]*(?:不知道|找不到|不见了?|没找到|丢了))")
# the rest of an order to be taken later, said after what was taken (…,剩下的下次拿 · …,其余的改天来提)
_REST_LATER = re.compile(r"[,;]\s*(?:剩下|其余|其他|余下)的?(?:货)?(?:等)?(?:下次|改天|明天|以后|过两天|晚点|回头)(?:再)?(?:来)?"
                         r"(?:拿|提|取|要)(?:走)?[。!.]*$")
# what was left, counted and then moved in the same clause (把剩下的8个可颂报损 · 可颂剩下的8个扔了 · 剩下的3瓶卖给王记 ·
# 剩下5个报废)
_PACKS_SAID = ("箱", "袋", "筐", "件", "包", "盒")
_DELIVERED = r"(?P<head>^[^,;]*?(?:送|到|收|进|来)[^,;]*?)"   # (a delivery's words, up to its quantity)
# packs of a delivery, then what they held in all (收到牛腩3箱,共58斤 · 可乐到了3箱,一共70瓶): that is what came
_PACKS_IN_ALL = re.compile(_DELIVERED + r"(?P<n>\d+(?:\.\d+)?)\s*(?:箱|袋|筐|件|包|盒)"
                           r"(?P<mid>[^,;\d]*)[,;]\s*(?:一共|总共|共计|共|合计|总重量?|净重)(?:是|有|为)?\s*"
                           r"(?P<w>\d+(?:\.\d+)?)\s*(?P<u>斤|公斤|千克|kg|克|瓶|罐|听|个|只|条|根|支|升)[。!.]*$")
# a delivery weighed and found lighter than said (张记送了牛腩50斤,称了一下只有48斤 · 牛腩收了3箱,实际称重58斤): what the
# scale says came
_WEIGHED_LESS = re.compile(_DELIVERED + r"(?P<q1>\d+(?:\.\d+)?)\s*(?P<u1>斤|公斤|千克|kg|克|g|箱|袋|筐|件|包|盒)"
                           r"(?P<mid>[^,;\d]*)[,;]\s*(?:但是?|可是|结果|不过)?\s*(?:称了一下|称了下|称了|过秤|过了秤|过磅|实际称重|称重|一称"
                           r"|实际称|实称|实际)(?:后|之后|以后)?\s*(?:只有|才|是|只剩|就|实际)?(?:了)?\s*"
                           r"(?P<q2>\d+(?:\.\d+)?)\s*(?P<u2>斤|公斤|千克|kg|克|g)?[。!.]*$")
# a shortfall said per pack after the packs (可乐进了5箱,每箱少了2瓶 · 收到鸡蛋3板,每板缺2个): that many times over
_EACH_SHORT = re.compile(r"(?P<n>\d+)\s*(?P<pack>[箱袋板盒包件桶提])(?P<mid>[^,;\d]*)[,;]\s*(?:但是?|可是|不过)?\s*每(?P=pack)"
                         r"(?:都)?(?:少了?|缺了?|差了?|短了?)\s*(?P<m>\d+)\s*(?P<u>[^\d\s,;。!.])")


def _each_short(m: re.Match[str]) -> str:
    """5箱,每箱少了2瓶 → 5箱,少了10瓶."""
    return f"{m.group('n')}{m.group('pack')}{m.group('mid')},少了{int(m.group('n')) * int(m.group('m'))}{m.group('u')}"


# a delivery platform named first (美团卖了可颂5个 · 饿了么订单可颂3个 · 美团外卖可颂5个 · 抖音团购卖了可颂3个): a sale
# paid through it, as …,美团的 says
_PLATFORM_SOLD = re.compile(r"(?:今天|昨天)?(?P<p>美团|饿了么|抖音)(?:(?:外卖|团购|平台|上|那边)(?:今天|昨天)?"
                            r"(?:卖了|卖出了?|售出了?|的订单|订单|出了|单子)?|(?:今天|昨天)?(?:卖了|卖出了?|售出了?|的订单|订单)"
                            r")[,:\s]*(?=\S)")
# goods another place sent, come, then what they lacked (仓库送来的可乐到了,少了一箱): as 仓库送来的可乐少了一箱 says
_CAME_THEN_SHORT = re.compile(r"(?:调|送|发|拿|运|带)(?:过)?来的[^,;\d]{1,8}?(?P<came>(?:已经)?(?:到了|来了|收到了|到货了)[,;]\s*)"
                              r"(?=(?:但是?|可是|不过)?(?:少了|缺了|差了|短了))")
# a buyer on no account, beside a customer's sale (团餐拿了牛腩10斤,散客买了可乐1箱)
_WALK_IN = re.compile(r"(?:^|(?<=[,;、\s]))(?:散客|零售客人|零售(?!价)|门市(?!价)|路过的客人|过路客)")
# a dish not kept as stock, sold so many times, each using so much (土豆丝卖了10盘,每盘用土豆200克 · 今天卖了20份番茄炒蛋,
# 每份用鸡蛋2个、番茄1个): what it used
_DISH_USE = re.compile(r"(?:今天|昨天|中午|晚上|上午|下午)?(?P<dish>[^\d,;]{0,8}?)(?:今天|昨天|中午|晚上)?(?:卖了|卖出了?|出了|做了)\s*"
                       r"(?P<n>\d+|[一二两三四五六七八九十]+)\s*(?P<per>份|盘|碗|锅|桌|例|客|串|杯|个)(?P<dish2>[^\d,;]{0,8}?)[,;]\s*"
                       r"每(?P=per)(?:都)?(?:用了?|要|需要|放了?|耗|用掉)(?P<rest>[^;]+)")
# someone with a booking not coming on a day (王总明天不来了 · 张女士周六来不了了): that day's booking of theirs called off
_NOT_COMING = re.compile(r"(?P<who>[^\s,;\d]{1,8}?)(?P<day>今天|明天|后天|大后天|(?:这|下)?(?:周|星期|礼拜)[一二三四五六日天])"
                         r"(?:的预约)?(?:不来了|来不了了?|不过来了|不做了)")
# a share of every safety stock said up or down (安全库存都调高10% · 安全库存统一下调20% · 安全库存上调一成)
_SAFETY_SCALE = re.compile(r"(?:安全库存|安全线|库存预警值?|预警值|最低库存)\s*(?:都|也|全部|统一|一律|整体|全都)?\s*"
                           r"(?P<dir>调高|提高|上调|增加|加|调低|降低|下调|减少|减|降|调减)(?:了)?\s*"
                           r"(?:(?P<n>\d+(?:\.\d+)?)\s*(?:%|％|个点|个百分点)|(?P<cheng>[一二三四五六七八九])成)")
_CHENG = "一二三四五六七八九"
# a late delivery said as what a rule should watch (张记的货晚到了就提醒我 · 采购单没按时到要通知我)
_LATE_ORDER = re.compile(r"晚到|迟到|没(?:有)?(?:按时|准时)(?:到|送|到货|送到)|(?:到货|送货)(?:延迟|延误|晚了)|延迟(?:到货|送货)"
                         r"|超时(?:没|未)到|过了到货(?:时间|日期|日子)|逾期未到")
# what was not sold of a day's goods (可颂剩了10个没卖 · 可颂没卖完,还剩10个): all but that sold (卖剩10个)
_LEFT_UNSOLD = re.compile(rf"(?:还|只|就)?剩(?:下|余)?了?\s*(?P<q>{numbers.NUMBER}\s*[^\d\s,;.!?]?)\s*(?:都|还)?"
                          r"没(?:有)?(?:卖掉|卖完|卖出去|卖出|卖)(?:了|呢|啊)?")
# what was left, then what became of it (昨天的可颂还剩5个,打折卖了 · 可颂还剩5个,都送人了 · …,员工吃了): those moved
_LEFT_THEN = re.compile(rf"(?P<head>[^,;]*?)(?<!卖)(?:还|只|就)?剩(?:下|余)?了?\s*(?P<q>{numbers.NUMBER}\s*[^\d\s,;.!?]?)[,;\s]*"
                        r"(?:都|全|全部|就)?(?P<how>(?:打折|半价|打\S{1,2}折|便宜|特价|折价)?(?:卖了|卖掉了|卖出去了|处理掉了)"
                        r"|送人了|送给员工了|员工吃了|员工分了|分给员工了|扔了|扔掉了|倒掉了|报损了)")
# goods found short, then why: used in house (牛腩少了3斤,被厨房用了 · 可乐少了2瓶,员工喝了 · …,是后厨拿去用了)
_SHORT_USED = re.compile(rf"(?P<what>[^,;\d]+?)少了\s*(?P<q>{numbers.NUMBER}\s*[^\d\s,;.!?]?)[,;\s]*(?:是|都是|原来是)?"
                         r"(?:被)?(?:厨房|后厨|员工|师傅|店员|同事|我们|自己)?(?:拿去|拿来)?(?:用了|用掉了|喝了|吃了|做菜用了|做员工餐了)")
_UNSOLD_LEFT = re.compile(r"没(?:有)?卖完[,;\s]*(?:还|只|就)?剩(?:下|余)?了?(?=\s*(?:\d|[一二两三四五六七八九十半]))")
_REST_COUNTED = re.compile(r"(?:把|将)?(?<![还只])剩(?:下|余)的?(?=\s*(?:\d|[一二两三四五六七八九十])[^,;]*?"
                           r"(?:报损|报废|扔|丢|倒掉|卖|送|用|退|调|给|拿))")
_BACK_DAY = r"(?:今天|昨天|前天|上周|前几天|早上|上午|下午|之前|刚才|刚)"
# goods that came, sent back (今天进的牛腩不新鲜,退回去3斤 · 昨天张记送的牛腩退了3斤): to whoever brought them, now (the
# day named is the delivery's, never the return's)
_CAME_BACK = re.compile(rf"{_BACK_DAY}?(?P<who>[^,;\s\d]{{0,6}}?){_BACK_DAY}?"
                        r"(?:送来|送过来|送|进|进来|到|收|收到|买|买来|采购)的(?P<rest>[^,;\s]{1,12}.*?)"
                        r"(?P<v>退(?:给他们?|回去|回|掉|货|了)*)(?P<after>.*)")
# goods sold on a day named, brought back (客人昨天买的可乐退了2瓶 · 昨天卖的可乐退了2瓶): back now, not on that day
_SOLD_BACK = re.compile(rf"(?P<who>[^,;\s\d]{{0,6}}?){_BACK_DAY}(?P<who2>客人|顾客|客户)?(?:卖|卖出|卖掉|买|买走|拿走|拿)的"
                        r"(?P<rest>[^,;\s]{1,12}.*?退.*)")
# an order named by its number, then what of it came (订单1的牛腩到了45斤 · 订单1到了,牛腩少了5斤 · 采购单#2到了45斤)
_NUMBERED_HEAD = re.compile(r"(?:采购单|订单|进货单)\s*(?:#|号|第)?\s*(?P<id>\d+)\s*(?:号)?(?:的)?(?:货)?(?P<rest>.*?(?:到|来|送|少|缺|差).*)")
# part of what is owed paid (张记的钱付了一半 · 团餐结了三成 · 货款付了30% · 先还三分之一)
_OWED_SHARE = re.compile(r"(?:付|结|还|给|转)了?(?:给)?\x00*(?:的?(?:钱|货款|账))?(?P<s>一半|半数|[一二三四五六七八九]成|\d{1,2}%|[二三四五六七八九十]分之[一二三四五六七八九])")
_LACKED = re.compile(r"(?:但是?|不过|可是)?(?:少了|缺了|差了|少|缺|差)")
_CAME_FIRST = re.compile(r"(?:已经)?(?:到了|送到了|送来了|来了|到货了|到齐了)")
# goods moved here said to have come (仓库调的可乐到了 · 调过来的可乐收到了): the transfer's goods came
_MOVED_CAME = re.compile(r"(?:今天|昨天|前天|早上|上午|刚才)?(?:从)?(?P<src>[^,\d\s]{0,6}?)"
                         r"(?:调|调拨|调过来|调来|送过来|发过来|送来|发来|送|发)的"   # (仓库送的牛腩到了)
                         r"(?P<rest>[^,\d\s]{1,12}?(?:到了|送到了|收到了|来了|到货了))")
# goods ordered said to have come (昨天订的牛腩到了 · 上周向张记订的货送到了): the order's goods came
_ORDERED_CAME = re.compile(r"(?:今天|昨天|前天|上周|前几天|早上|上午|之前|刚才)?(?:(?:向|跟|找)(?P<who>\S{1,6}?))?(?:订|下单|采购|定)的"
                           r"(?P<rest>\S{1,12}?(?:到了|送到了|送来了|来了|到货了))")
# the sales asked by who sold them (谁卖得最多 · 每个人卖了多少 · 店员销售排行 · 员工业绩)
_BY_SELLER = re.compile(r"谁卖(?:得|的)?(?:最多|最好|多|少)|(?:每个人|各人|每人|每个店员|各个店员).{0,6}?(?:卖|销售|业绩)"
                        r"|(?:店员|员工|个人|人员)(?:的)?(?:销售|业绩|销量)|(?:销售|业绩)按人|按人(?:的)?(?:销售|业绩)")
# a price said that is none: below zero, or letters (收到牛奶2箱,单价-5 · 单价abc)
_BAD_PRICE = re.compile(r"(?:单价|进价|售价|价格|价钱)\s*(?:是|为|:)?\s*(?:[-−]\s*\d[\d.]*|[a-z]+)(?=$|[,;\s。])")
_MAX_PRICE = Decimal("1e8")   # no price per unit is this large (a typo or garbage): refused
_FEN = Decimal("0.01")


# what looks wrong at the store, asked (有没有异常 · 今天有什么异常 · 库存有没有问题 · 帮我检查一下账)
_ANOMALY_ASKED = re.compile(r"(?:[^,\d]{1,4}?店)?(?:今天|最近|这几天)?(?:的)?(?:有没有|有什么|有啥|有哪些|是否有|有)(?:什么)?"
                            r"(?:异常|不对劲|不对的地方|问题)(?:吗|没有?|呢)?[?]*"
                            r"|(?:[^,\d]{1,4}?店)?(?:今天|最近)?(?:的)?(?:库存|账|账目|数据|进销存)(?:有没有|有什么|有)(?:什么)?"
                            r"(?:异常|问题|不对)(?:吗|没有?|呢)?[?]*"
                            r"|(?:帮我|请)?(?:检查|核对)一下(?:今天的)?(?:库存|账|账目)(?:有没有问题)?[?]*"
                            r"|(?:帮我|请)?(?:查|看看|看)一下(?:今天的)?(?:库存|账|账目)有没有(?:问题|异常)[?]*"
                            r"|(?:帮我|请)?(?:检查|查|看看|看)一下(?:今天的)?异常[?]*")


# the products by their gross profit (哪个商品最赚钱 · 毛利最低的商品 · 哪些商品卖亏了), over the last 30 days unless said
RANK_DAYS = 30
# 周几卖得最多 · 星期几生意最好 · 可乐哪天卖得最好 · 周末比平时卖得多吗 · 按星期看销量: sales by weekday
_WEEKDAY_RANK = re.compile(r"(?:周几|星期几|礼拜几|哪天|哪一天|哪几天)\S{0,3}(?:卖|生意|销量|营业额|客人|人)(?:得|的)?"
                           r"(?:最|比较|更)?(?:多|好|旺|差|少|淡|火|高|低)"
                           r"|(?:卖|生意|销量|营业额)\S{0,4}(?:最好|最多|最差|最少|最旺|最淡)的?(?:是)?(?:哪天|哪一天|周几|星期几|礼拜几)"
                           r"|周末\S{0,8}平(?:时|日|常)|平(?:时|日|常)\S{0,8}周末|按(?:星期|周几)|每周(?:哪天|几)")
# ABC分类 · 商品ABC分析 · 哪些是A类商品 · C类的货有哪些 · 重点商品
_ABC = re.compile(r"(?i)(?<![a-z])abc(?![a-z])|(?<![a-z])(?P<cls>[abc])类(?:商品|货|产品|的货|的商品)?(?:有哪些|是哪些|都有什么)?"
                  r"|(?:重点|核心|主力)(?:商品|产品|货)")
ABC_DAYS = 90
_WEEKEND = re.compile(r"周末|平(?:时|日|常)")   # (said of the weekdays compared, no period)
WEEKDAY_DAYS = 56   # 周几卖得最多 without a period: the last eight complete weeks
_MARGIN_RANKS = (("loss", re.compile(r"亏本|卖亏|亏钱|赔钱|赔本|毛利(?:为|是)?负|负毛利|低于成本|倒贴")),
                 ("low", re.compile(r"(?:毛利|利润|赚)(?:率)?(?:最低|最少|最小)|最不赚钱|赚得最少|不赚钱")),
                 ("margin", re.compile(r"最赚钱|最挣钱|(?:毛利|利润)(?:率)?(?:最高|最多|最大)|赚得最多|利润高|毛利高")))
_SOLD_AT_A_LOSS = re.compile(r"(?:最近|这周|上周|这个月|本月|上个月|今天|昨天)?(?:有)?(?:哪些|什么|哪个|哪几样)?(?:商品|东西|货|菜)?"
                             r"(?:是)?(?:在)?(?:卖亏了|亏本(?:卖)?了?|卖得?亏本|亏钱(?:卖)?了?|赔钱(?:卖)?了?|毛利(?:为|是)?负|"
                             r"低于成本(?:卖)?了?|不赚钱|没(?:有)?赚钱|不挣钱|没(?:有)?利润)(?:的)?(?:有哪些|商品|东西)?[?吗呢]*")


# how the suppliers deliver (哪些供应商经常晚送 · 供应商准时率 · 张记送货准时吗 · 哪家供应商最靠谱)
_SUPPLIER_SCORE = re.compile(
    r"(?:最近|这个月|上个月|近一个月|近三个月|这几个月)?(?:哪些|哪个|哪家|哪几家)供应商(?:经常|老是|总是|最常|常常)?"
    r"(?:晚送|迟到|送晚|晚到|拖延|延误|不准时|送得晚|缺货|少送|送不齐)(?:了)?[?]*"
    r"|(?:最近|这个月|上个月|近一个月|近三个月)?(?:的)?供应商(?:的)?(?:准时率|到货率|送货情况|送货记录|表现|评分|考核|排名|靠不靠谱)[?]*"
    r"|(?:哪个|哪家)供应商(?:送货|到货|发货|送得)?(?:最)?(?:靠谱|准时|稳定)[?]*"
    r"|(?P<who>[^\s,?]{1,8}?)(?:的)?(?:送货|到货|发货|货)?(?:准时吗|准不准时|准时率|经常晚送吗?|老是晚送|经常迟到吗?|靠谱吗|靠不靠谱"
    r"|送货情况|送货记录|(?:经常|老是|总是)(?:晚到|晚送|迟到)吗?)[?]*")


# the products whose cost moved lately (哪些东西涨价了 · 最近哪些进价降了 · 进价有变化的)
_PRICE_MOVES = re.compile(r"(?:最近|这周|这个月|近期|近一个月)?(?:有)?(?:哪些|什么|哪几样|哪样|哪个)(?:东西|商品|货|原料|菜|食材)?(?:的)?"
                          r"(?:进价|价格|价钱|成本)?(?:又)?(?:涨价|涨|降价|降|变|便宜|贵)了[?吗呢啊]*"
                          r"|(?:最近)?(?:进价|价格|成本)(?:有)?(?:变化|变动|涨跌)(?:的)?(?:有哪些|商品|东西|情况)?[?吗]*"
                          r"|(?:最近)?(?:有)?(?:什么|哪些)(?:东西|商品|货)?(?:的)?(?:进价|价格)(?:有)?(?:变化|变动)[?吗]*")


# the days a store is closed (店休: a day, a span, a weekly rest day), set, cleared, listed or asked about
_CLOSED_HINT = re.compile(r"店休|休店|闭店|停业|歇业|休业|营业|开门|装修|关门|休息|放假")
_CLOSED_SET = re.compile(r"(?:(?:我们|店里|全店|门店|本店|店)(?:要|都|会)?)?(?:全天|一天|整天)?"
                         r"(?:(?:因为|要)?(?P<why>装修|盘点|搬家|培训|团建|停电|停水|放假)(?:所以)?[,\s]*(?:要|都)?"
                         r"(?=停业|不营业|不开门|休息|关门|店休|闭店|歇业|休业))?"
                         r"(?P<name>店休|休店|闭店|停业装修|装修停业|暂停营业|停业|歇业|休业|不营业|不开门|装修|休息|放假|关门(?=一天|两天|三天|几天))"
                         r"(?:一天|两天|三天|几天)?(?:了|哦|啊)?")
_CLOSED_NAMES = {"装修": "装修停业", "停业装修": "装修停业", "装修停业": "装修停业", "放假": "放假"}
_CLOSED_CLEAR = re.compile(r"(?:取消|删除|删掉|去掉|撤销)(?:的)?(?:店休|休店|闭店|停业|歇业|休业|不营业|休息|放假|关门)(?:安排)?"
                           r"|(?:店休|休店|闭店|停业|歇业|休息|放假)(?:取消了?|不休了|改了)"
                           r"|(?:的)?(?:照常|正常|恢复|还是|要|会)(?:营业|开门|上班)(?:了)?"
                           r"|(?:不|不用|不要)(?:店休|休店|闭店|停业|歇业|休息|休|关门|放假)了?|开门营业|营业")
_CLOSED_ASK = re.compile(r"(?:店里|我们|门店|店)?(?:开门|营业|开业|开|休息|店休|关门|放假|上班)(?:吗|不|没有?|嘛)[?]*"
                         r"|(?:店里|我们|门店|店)?(?:开不开门?|营不营业|休不休息)[?]*")
_CLOSED_LIST = re.compile(r"(?:最近|这个月|下个?月|接下来|以后)?(?:有)?(?:哪天|哪几天|哪些天|什么时候|几号|哪些日子)"
                          r"(?:店休|休店|休息|不营业|停业|闭店|关门|放假)(?:了)?[?吗呢]*"
                          r"|(?:店休|休店|停业|闭店|休息日)(?:的)?(?:安排|日期|计划|时间|有哪些|是哪天|是哪几天)[?吗呢]*")
_CLOSED_WEEKLY = re.compile(r"每(?:个)?(?:周|星期|礼拜)(?P<days>[一二三四五六日天](?:(?:[、,和及到至]|跟)"
                            r"(?:周|星期|礼拜)?[一二三四五六日天])*)")
_EVERY_STORE = re.compile(r"所有(?:的)?(?:门店|店铺?)|全部(?:的)?(?:门店|店铺?)|每家店|各(?:个)?(?:门)?店|全公司")


# when the store, or a product there, was last counted (上次盘点是什么时候 · 牛腩多久没盘了 · 今天要盘点吗)
_LAST_COUNT = re.compile(r"(?P<what>[^,?]{0,12}?)(?:的)?(?:上次|上一次|最近一次|最后一次)(?:是)?(?:什么时候|哪天|几号)?"
                         r"(?:盘点|盘库|盘的?|清点)(?:的|过)?(?:是)?(?:在)?(?:什么时候|哪天|几号|哪一天)?[?吗呢]*"
                         r"|(?P<what2>[^,?]{0,12}?)(?:多久|几天|多长时间)没(?:有)?(?:盘点|盘库|盘)(?:过)?了?[?吗呢]*"
                         r"|(?:今天|这周|本周|今天是不是)(?:要|该|需要|得)(?:盘点|盘库)(?:吗|了吗|没|了)?[?]*"
                         # 上次盘点差了多少 · 牛腩上次盘点的差异 · 盘点结果: the last count and what it found
                         r"|(?P<what3>[^,?]{0,12}?)(?:的)?(?:上次|上一次|最近一次|最后一次)?(?:的)?(?:盘点|盘库)(?:的)?"
                         r"(?:差了?|差异|盈亏|结果|对不上|对得上吗)(?:多少|是多少|怎么样|如何|了多少)?[?吗呢]*"
                         # 上次盘点牛腩是多少 · 牛腩上次盘了多少 · 上次盘点牛腩盘了多少斤: what that count found on hand
                         r"|(?P<what4>[^,?]{0,12}?)(?:的)?(?:上次|上一次|最近一次|最后一次)(?:盘点|盘库|盘)(?:的)?"
                         r"(?P<what5>[^,?\d]{0,12}?)(?:盘了|盘出了?|盘到|了|是|有|数量?是?|还有|剩)(?:多少|几)[^\s,?]{0,2}?[?吗呢]*")
# what waits for the speaker today (今天要做什么 is the bakers' list of what to make: not this)
_TODO = re.compile(r"(?:我(?:今天|现在|接下来)?(?:该|应该|需要|要)|(?:今天|现在|接下来)?(?:我)?(?:该|应该|需要))(?:干|做)(?:点)?"
                   r"(?:什么|啥|些什么)(?:了|呢|啊)?[?]*"
                   r"|(?:我的?|今天的?|今日)?(?:待办|待办事项|待处理|待办清单|to ?do)(?:有哪些|有什么|清单|列表)?[?]*"
                   r"|(?:我)?(?:今天|今日)的?(?:任务|工作)(?:有哪些|有什么|是什么)?[?]*"
                   r"|(?:今天|现在|我)?(?:有|还有)(?:什么|哪些|啥)(?:事|事情|要处理的|需要处理的|待办的?|要办的|要做的|要干的)(?:事|事情)?(?:吗|呢)?[?]*"
                   r"|(?:今天|现在)?我?(?:还有)(?:什么|哪些|啥)(?:要做|要干|没做|没干|没处理|要弄)(?:的)?(?:事|事情)?(?:吗|呢)?[?]*")
# 哪些商品没有售价 · 还有哪些没设安全库存 · 没有进价的商品 (what the catalog still lacks)
_GAP_WORDS = "售价|卖价|零售价|价格|进价|成本价|采购价|进货价|安全库存|保质期|供应商|供货商|起订量|交货期|到货天数"
_GAPS = re.compile(r"(?:哪些|什么|有哪些|还有哪些|有没有)(?:商品|货|东西|产品)?(?:还)?(?:没有?|没|缺|未)(?:设置?|设定|填|录入?|定)?"
                   r"(?:好)?(?P<f>" + _GAP_WORDS + r")(?:的)?(?:商品|货|东西)?[?吗呢]*"
                   r"|(?:还)?(?:没有?|没|缺|未)(?:设置?|设定|填|录入?|定)?(?:好)?(?P<f2>" + _GAP_WORDS + r")的(?:商品|货|东西|产品)"
                   r"(?:有哪些|是哪些|有什么)?[?吗呢]*")
_GAP_FIELDS = ("unit_price", "unit_cost", "safety_stock", "shelf_life_days", "supplier", "moq", "lead_time_days")
# 牛腩的进出记录 · 牛腩台账 · 今天的进出明细 · 这周的出入库记录 · 牛腩的库存卡 (a product's ins and outs, each with the balance)
_CARD_Q = re.compile(r"进出(?:记录|明细|流水|账|情况)|出入库?(?:的)?(?:记录|明细|流水|情况)|收发(?:记录|明细)|台账|明细账|库存卡"
                     r"|库存(?:流水|明细账?|变动)")
_WHO_DID = re.compile(r"(?P<when>今天|今日|昨天|前天|这周|本周|这星期|上周|上星期|这个月|本月|上个月)?(?:的)?"
                      r"(?P<pre>[^谁?]{0,12}?)(?:是)?谁(?P<verb>报的损|报损|扔|丢|收|进|入的库|入库|卖|领用|领|用|调拨|调|盘点|盘|退)"
                      r"(?:掉)?(?:了|的|过)?(?P<post>[^?]{0,12}?)[?吗呢]*")
# 今天的收货记录 · 牛腩的进货明细 · 这周的调拨记录 · 小王的销售记录 · 出库记录 (those writes listed, each naming who;
# 销售流水 stays the takings)
_RECORDS_OF = re.compile(r"(?P<when>今天|今日|昨天|前天|这周|本周|这星期|上周|上星期|这个月|本月|上个月)?(?:的)?"
                         r"(?P<pre>[^?]{0,12}?)(?P<when2>今天|今日|昨天|前天|这周|本周|这星期|上周|上星期|这个月|本月|上个月)?"
                         r"(?:的)?(?P<verb>收货|进货|入库|销售|卖货|出库|调拨|调货|领用|退货|盘点)"
                         r"(?:的)?(?P<list>记录|明细|单据|清单)(?P<post>)(?:有哪些|是什么|呢)?[?吗呢]*")
_WHO_DID_KINDS = {
    **{w: (ledger.MoveKind.SCRAP, ledger.MoveKind.COUNT_ADJUSTMENT) for w in ("报的损", "报损", "扔", "丢")},
    **{w: (ledger.MoveKind.RECEIPT,) for w in ("收", "进", "入的库", "入库", "收货", "进货")},
    **{w: (ledger.MoveKind.SALE,) for w in ("卖", "销售", "卖货")},
    "出库": (ledger.MoveKind.SALE, ledger.MoveKind.CONSUMPTION, ledger.MoveKind.SCRAP, ledger.MoveKind.TRANSFER_OUT,
           ledger.MoveKind.RETURN_TO_SUPPLIER),
    "调货": (ledger.MoveKind.TRANSFER_OUT, ledger.MoveKind.TRANSFER_IN), **{w: (ledger.MoveKind.CONSUMPTION,) for w in ("领用", "领", "用")},
    **{w: (ledger.MoveKind.TRANSFER_OUT, ledger.MoveKind.TRANSFER_IN) for w in ("调拨", "调")},
    **{w: (ledger.MoveKind.COUNT_ADJUSTMENT,) for w in ("盘点", "盘")}, **{w: (ledger.MoveKind.RETURN_TO_SUPPLIER, ledger.MoveKind.CUSTOMER_RETURN) for w in ("退", "退货")}}
_THEIR_RECORDS = re.compile(r"(?P<who>[^,?]{1,12}?)(?:今天|刚才|最近)?(?:都)?(?:记|录)(?:了|过)(?:些)?(?:什么|哪些|啥|几笔|多少笔)[?]?"
                            r"|(?P<who2>[^,?]{1,12}?)的(?:记录|流水|操作记录)")
# what is coming, asked (明天有什么货要到 · 这周要到的货 · 今天会到哪些货 · 明天团餐要提什么)
_COMING = re.compile(r"(?:什么|哪些|啥)(?:货|东西)?(?:要|会|该)(?:到|来|送来|送到|提|拿)|要到的(?:货|东西)|(?:会|要)到(?:什么|哪些)"
                     r"|到货(?:计划|安排)|(?:要|会)(?:提|拿)(?:什么|哪些|多少)|什么时候(?:提|拿)"
                     # 明天有什么到货 · 今天到什么货 · 张记明天送什么 · 有哪些货来
                     r"|(?:有)?(?:什么|哪些|啥)(?:货)?到货|到(?:什么|哪些|啥)货|(?<!给)(?<!往)(?:送|来)(?:什么|哪些|啥)(?:货|东西)?[?]?$"
                     r"|有(?:什么|哪些|啥)(?:货|东西)(?:到|来|送来)"
                     # 哪些货今天到 · 什么货明天来
                     r"|(?:什么|哪些|啥)(?:货|东西)(?:今天|明天|后天|这周|下周|周[一二三四五六日天])(?:要|会)?(?:到|来|送来|送到)"
                     # 今天有谁送货 · 明天谁来送货 · 张记今天来不来 · 张记明天送不送货 · 光明会不会来
                     r"|(?:有)?谁(?:会|要)?(?:来)?送货|来不来(?:送货)?[?吗]?$|送不送(?:货)?[?吗]?$|会不会(?:来|送)(?:送货|货)?[?吗]?$")
# a count sheet asked for (开始盘点 · 盘点饮料 · 我要盘点 · 盘点单), and closed (盘点结束 · 盘完了)
_COUNT_START = re.compile(r"(?:请)?(?:帮我|帮忙|给我|我们)?(?:来)?(?:开始|我要|现在|准备|要|来)?(?:盘点|盘库|清点)(?:一下)?(?:开始)?(?:[\x00\s]*(?P<cat>[^\x00\s,]{2,6}?))?"
                          r"(?:类)?(?:的)?(?:盘点)?(?:单|表|清单)?")
_COUNT_DONE = re.compile(r"(?:今天|今日|这次|本次)?(?:的)?(?:盘点|盘库|清点)(?:已经)?(?:结束|完了|完毕|完成|好了|做完了?)(?:了)?"
                         r"|盘完了|(?:结束|完成)(?:盘点|盘库)|点完了")
_AWAITING_ME = re.compile(r"(?:要|需要|等|待|该)(?:我)?(?:来)?(?:审批|批准|审核|签字|批)(?:的)?|审批列表|待审批|待审核|待批")
_MINE_ASKED = re.compile(r"我(?:的|提的|交的|下的|报的)(?:采购)?(?:申请|订单|单子|采购单|单)|(?:申请|单子)(?:批了|通过了|批下来|怎么样了|批没批|有没有批)")
_ORDER_ASKED = re.compile(r"到了?吗|到了没|到没到|来了吗|来了没|怎么样|咋样|状态|进度|情况|查一下|查查|在哪|到哪|发货了?吗|发了吗|什么时候|几时|"
                          r"几号|哪天|[?吗呢没]$")
_THE_ORDER = re.compile(r"(?:的|那张|那个|这张)?(?:订单|采购单|单子|那单|这单)|的单(?![价位据品元号])")   # 张记的订单 · 张记那单 ·
# 光明的单 (not 的单价)
_ADD_TO = re.compile(r"再加上?|加上|追加|补加|多加|[加补添](?=\s*\x00|\s*[\d一二两三四五六七八九十半]+\s*\S{0,2}\x00)")
# 订单1加牛腱1箱 · 光明的单加2箱黄油 (加 before the product, or before its quantity)
_PARTNER_AMEND = re.compile(r"(?:改成|改为|调整为|改到|调成|加到|减到|增加到|减少到)\s*(?=[\x00\d一二两三四五六七八九十半])")
_COLLECTED = re.compile(r"(?:给|帮)?\x00+(?:的货|的订单|订的货|要的货|的东西)?(?:今天|刚才|刚刚)?(?:已经|都|刚)?(?:来)?(?:把货)?"
                        r"(?:提货了|提走了|拿走了|取走了|提了货|取货了|提完了|来提货了|来拿货了|拉走了"
                        # 李总的货发了 · 给盒马的货送过去了: we sent what it ordered (the same: its order leaves)
                        r"|发了|发货了|发出去了|已发货|已发出|送过去了|送到了|送去了|送走了|送了|送货了|配送了)"
                        # 给李总发货 · 把李总的货发了 · 给盒马送货: send what it ordered, now
                        r"|(?:给|帮|把)\x00+(?:的货|的订单)?(?:发货|送货|发过去|送过去|发了|发出去)(?:了|吧)?")
# where a customer's order is, asked (李总的货备好了没 · 李总的货发了吗 · 盒马那50个可颂送了没有)
_GOODS_ASKED = re.compile(r"(?:发|送|备|准备|提|拿)(?:好|出|走|过去)?了?(?:吗|没有?|么)[?]*$")
_SUPPLIER_CAME = re.compile(r"\x00+(?:今天|刚才|刚刚)?(?:的人)?(?:都|已经|已)?(?:送来了|送到了|到了|来了|到货了|送货来了)")
_CLAUSE_END = re.compile(r"[;!?\n,]|\.(?!\d)")   # 。 and , but not the point of 0.5
_VERB_BEFORE = re.compile(r"[了收卖用进出入做烤订领拿]")   # (a clause's verb said before its quantity)


def _clause_start(s: str, at: int) -> int:
    """Where the clause holding ``s[at]`` begins."""
    return max((m.end() for m in _CLAUSE_END.finditer(s, 0, at)), default=0)

# a clause that begins with its own verb (after a time or product: 今天收到… · 可颂卖了…), a command of its own
# 静安店的… · 大仓送来的… · 徐汇店给我们送来了…: where goods came from
_CAME_FROM = re.compile(r"的|(?:给(?:我们|咱们|我|本店|我店|这边))?(?:送|调|发|运|拿|带)(?:过)?来")
_RANGE = re.compile(r"\s*(?:到|至|~|～|-|—|或者?|还是)\s*")   # between the two ends of a quantity said as a range
# 徐汇店给我们拿了… · 大仓刚给我们送了…: the place named gave the speaker's store
_GAVE_US = re.compile(r"(?:又|刚|刚刚|已经|今天)?给(?:我们|咱们|我|本店|我店|这边|我们店)(?:送|调|发|运|拿|带|借|拨|匀)")
_OWN_VERB = re.compile(r"^[\x00\s]*(?:(?:今天|刚才|刚刚|早上|上午|中午|下午|晚上|又|还|再|另外|然后|接着|之后|后来|随后)[\x00\s]*)*"
                       r"(?:收到|进了|进货|入库|卖了|卖出|售出|卖掉|用了|用掉|领用|报损|报废|盘点|退给|退回|剩|只剩|订|采购|下单|拿走|买走|提走|出库|消耗|领了"
                       r"|卖完|卖光|用完|用光|做了|烤了|出炉|(?:收|卖|用|进|出|入)" + intents.NUMBER_NEXT + ")")


# what is left of a correction that names only the place (刚才是静安店的 · 不对,应该记在静安店 · 是静安店卖的)
# what a correction says the write was not (是40斤不是50斤 · 不是牛奶,是奶油): dropped, the product it names kept apart
_SAID_NOT = re.compile(r"(?:而)?不是(?P<not>[^,;\s是]+?)(?=[,;\s]|是|而是|$)")
_PLACE_FIX = re.compile(r"(?:在|记在|算在|算)?\x00+(?:的|那边的?|这边的?)?(?:卖|用|收|进|报损|盘点)?(?:的|了)?(?:[,\s\x00]*不是\x00+(?:的)?)?")
_VAGUE_UNIT = r"[个件箱袋瓶包盒板条桶斤两块份只杯打]|公斤|kg|升"
_VAGUE = re.compile(rf"(?:[\d.]+|[一二两三四五六七八九十百千]+|半)\s*(?:{_VAGUE_UNIT})?\s*多"
                    rf"(?!少|送|给|收|了|卖|用|出|进|的|\s*(?!一点|一些)[\d一二两三四五六七八九十])"   # (3箱多2瓶: 2 more)
                    rf"(?:一点|一些|点)?(?:{_VAGUE_UNIT})?"
                    rf"|(?:不到|不足|少于|不满)\s*(?:[\d.]+|[一二两三四五六七八九十百千半]+)\s*(?:{_VAGUE_UNIT})?"
                    rf"|(?:\d|十|百)\s*来\s*(?:{_VAGUE_UNIT})"
                    rf"|(?:\d+|[一二两三四五六七八九]?[十百千万])几\s*(?:{_VAGUE_UNIT})?|几[十百千]\s*(?:{_VAGUE_UNIT})?"
                    rf"|[一二两三四五六七八九][二三四五六七八九]\s*[十百]?\s*(?:{_VAGUE_UNIT})"
                    rf"|(?:小半|大半)\s*(?:{_VAGUE_UNIT})")   # (土豆还剩小半袋: less than half, no number)

# what is not done, or is not to be, said before the quantity (牛腩别卖超过30斤 · 应该卖不了20斤 · 我没说卖了20斤)
_DENIED = re.compile(r"没说|没有说|(?:别|不要|不能|不许|不准|禁止|不可以)(?:再|多)?(?:卖|进|收|用|订|调|报|送)"
                     r"|(?:卖|进|收|订)不了|(?:卖|进|收)不到")
# goods named by when they came or went (上次拿的 · 上回进的): a return's, never how things go
_LAST_TIME_GOODS = re.compile(r"(?:上次|上回|上一次)[^,;\d]{0,6}?(?:拿|买|进|收|送|订|卖|发)(?:走|来|回)?(?:了)?的")
# goods said short first (牛腩不够了,明天要30斤 · 牛腩快没了,…): what is wanted follows
_SHORT_NOW = re.compile(r"[^,\d]{1,10}?(?:不够了?|不太够了?|快没了|快用完了|快卖完了|没了|缺货了?|缺了|断货了?),")
# more to be made (可颂快卖完了,再烤20个 · 可颂还要烤20个): not made yet
_MAKE_MORE = re.compile(r"(?:再|还要|还得|要|准备|打算|得)(?:烤|烘|蒸|炸|生产|做)(?![了好出完过])")
# how things usually go, or went last time, said before the quantity (牛腩一般一天卖20斤 · 平时可乐一周卖10箱 · 上次牛腩进了50斤)
_HABITUAL = re.compile(r"一般(?!般)|平时|通常|平常|往常|基本上|每次都|(?<![跟和比同像])(?:上次|上回|上一次)|下次|下回|下一次")
# the estimate said after a vague amount (3公斤多,大概3.5 · 一板多,差不多35个)
_ESTIMATE = re.compile(rf"[,\s]*(?:大概|大约|约|差不多|估计|应该是|算)\s*(?P<n>{numbers.NUMBER})\s*(?P<u>{_VAGUE_UNIT})?")


def _days_said(s: str, *, lead: bool) -> int | None:
    """3天 · 两周 · 1个月 at the start of ``s`` in days; a lead time may also be 当天 (0)."""
    m = re.match(rf"\s*(?P<n>{numbers.NUMBER})\s*(?P<u>{scan.SHELF_UNIT})", s)
    days = scan.shelf_days(m.group("n"), m.group("u")) if m else None
    if days is None and lead and re.match(r"\s*(?:当天|当日|0\s*天|零天)", s):
        days = 0   # 交货期改成当天: delivered the day it is ordered
    return days


def _joined_places(a: scan.Analysis) -> tuple[list[str], int] | None:
    """Places listed together (徐汇店和静安店 · 徐汇、静安): their codes and where the list starts; None for none."""
    locs = sorted(a.of("location"), key=lambda e: e.start)
    for i, e in enumerate(locs):
        run = [e]
        for z in locs[i + 1:]:
            if not re.fullmatch(r"\s*(?:和|、|跟|与|及|以及|,)\s*", a.s[run[-1].end:z.start]):
                break
            run.append(z)
        codes = list(dict.fromkeys(x.codes[0] for x in run))
        if len(codes) > 1:
            return codes, e.start
    return None


# part of what just came, sent straight back (收到鸡蛋3板,退了2个 · …,当场退了1箱): to the supplier, never a customer's
_BACK_AT_ONCE = re.compile(r"[\x00\s]*(?:又|还|另外|当场|直接)?退(?:了|掉|货|回)?(?!回来|给我)")


_USED_VERB = re.compile(r"\s*(?:用了|用掉|用去|消耗了?|耗了)")   # (a dish, then what it used: ``_dish_made``)


def _groups(a: scan.Analysis) -> list[tuple[int, int]]:
    """The message's runs of clauses of one kind (spans of ``a.s``): a clause that begins with its own verb, or a
    later one that reports a loss with its own quantity (收到鸡蛋3板,碎了5个; …,包装破损 is a note), starts a new run
    when its kind differs. One run: a message of one kind."""
    cuts = sorted({0, *(m.end() for m in _CLAUSE_END.finditer(a.s)),
                   *(m.start() for m in re.finditer("其中", a.s)), len(a.s),   # …2公斤 其中0.5公斤受潮
                   *(m.start() for m in re.finditer(r"(?<=\s)[进出入收卖用]" + intents.NUMBER_NEXT, a.s)),   # 进30 出12
                   *(m.start() for m in re.finditer(r"(?<=[\d个件箱袋瓶包盒板条桶])[出进]" + intents.NUMBER_NEXT, a.s)),   # 进30出25
                   # 做了30个卖了25个 (not 卖了25个,5个报废: a clause's quantity before its verb is the verb's)
                   *(q.end for q in a.qtys if q.end < len(a.s) and _OWN_VERB.match(a.masked[q.end:])
                     and _VERB_BEFORE.search(a.masked, _clause_start(a.s, q.start), q.start))})
    out: list[tuple[int, int]] = []
    kind = None
    received = sold = False   # (a run of goods that came, or went: a later 退了2个 sends or brings part back)
    day: str | None = None
    for n, (x, y) in enumerate(zip(cuts, cuts[1:], strict=False)):
        c = a.masked[x:y]
        k = None
        if n == 0 or _OWN_VERB.match(c) or (_TIME_LEAD.match(a.s, x) and any(x <= q.start < y for q in a.qtys)):
            # (早上收了可乐2箱,下午收了1箱: a clause led by its own time is a write of its own)
            k = intents.write_intent(c, has_dest=False, has_source=False, supplier=False, customer=False,
                                     has_due=False)
            if k == "return_to_supplier" and n > 0 and not any(x <= q.start < y for q in a.qtys):
                k = None   # 雪碧过期了6瓶,退给饮料批发: what became of them, one write (a return)
            if k is not None and not any(x <= q.start < y for q in a.qtys) and intents.RUNNING_OUT.search(a.s[x:y]):
                k = None   # 牛腩快用完了,跟张记订30斤: running out is no write of its own
        elif n > 0 and any(x <= q.start < y for q in a.qtys) and any(x <= e.start < y for e in a.of("location")) \
                and _PART_TO.search(c):
            k = "transfer"   # 收到牛奶2箱,其中1箱是给静安店的 · …,送了1箱给静安店: part of it goes on to the other store
        elif n > 0 and kind in ("receipt", "sale") and any(x <= q.start < y for q in a.qtys) and _PART_FREE.match(c):
            k = None   # 收到可乐6箱,其中1箱是赠品 · 可乐卖了3箱,其中1箱是送的: part of it, free (its line split off it)
        elif n > 0 and kind in ("receipt", "sale") and any(x <= q.start < y for q in a.qtys) and _FREE.match(c):
            # 收到牛奶2箱,赠送1箱: the supplier's free case is received too · 卖了可颂5个,送了1个: given away, not sold
            k = None if kind == "receipt" else "consumption"
        elif any(x <= q.start < y for q in a.qtys) and (intents.SCRAP.search(c) or intents.GIVEAWAY.search(c)):
            k = "scrap" if intents.SCRAP.search(c) else "consumption"   # …,碎了5个 · …,送了客人2个
        elif n > 0 and any(x <= q.start < y for q in a.qtys) and (
                intents.SEND_BACK.search(c) or (received and _BACK_AT_ONCE.match(c))):
            k = "return_to_supplier"   # 收到牛奶2箱,奶油不要了退回去1箱 · 收到鸡蛋3板,退了2个: part goes back
        elif n > 0 and sold and any(x <= q.start < y for q in a.qtys) and _BACK_AT_ONCE.match(c):
            k = "customer_return"   # 卖了鸡蛋3板,退了2个: part brought back
        own = k in WRITE_KINDS or k == "transfer"
        said = _DAY_WORD.search(a.s[x:y])
        other_day = said is not None and day is not None and said.group(0) != day
        if own and kind is not None and (k != kind or other_day):   # (昨天卖了2箱,今天卖了1箱: two days, two writes)
            out.append((x, y))
        elif out:
            out[-1] = (out[-1][0], y)
        else:
            out.append((x, y))
        kind = k if own else kind
        received, sold = received or kind == "receipt", sold or kind == "sale"
        if said is not None:
            day = said.group(0)
    return out


# what a delivery lacked, said right after its quantity (收到可乐2箱,少了3瓶 · 2箱但是缺了2瓶 · 3箱,漏了1箱; 1箱漏了 leaked)
# (少送了1箱 is what the order lacked: the quantity said is what came, as before)
_SHORT_AFTER = re.compile(r"\s*[,;\s]\s*(?:但是?|可是|不过|其中)?\s*(?:少了|缺了|差了|短了|短少|漏了)\s*")
# a day said in a clause (昨天卖了可乐2箱,今天卖了1箱: each clause its own day), or a time of day (早上收了可乐2箱,下午收了1箱)
_DAY_WORD = re.compile(r"大前天|前天|昨天|昨日|今天|今日|上周[一二三四五六日天]|周[一二三四五六日天]|星期[一二三四五六日天]"
                       r"|\d{1,2}月\d{1,2}[号日]|(?<![\d月])\d{1,2}[号日]|早上|上午|中午|下午|傍晚|晚上")

_TIME_LEAD = re.compile(r"\s*(?:早上|上午|中午|下午|傍晚|晚上|昨天|今天|前天)")


_ARRIVED = re.compile(r"收到|收了|(?:送|发|调|运|拿|带)(?:过)?来(?:了|的)|到了")   # the receiving side speaking
# a spot inside a store, and the words for a stockroom a store has too (仓库 may also be a warehouse's name)
_IN_STORE = re.compile(r"冰箱|冰柜|冷柜|展柜|货架|柜台|吧台|前台|后厨|店里|店面")
_STOCKROOM = frozenset({"仓库", "库房", "后仓", "储物间"})
_PARTS = (commands.RecordMoves, commands.CountStock, commands.TransferStock)   # what a message of several writes holds
_FREE = re.compile(r"^[\x00\s]*(?:另外|还|又|再)?(?:赠送了?|赠了|赠品|白送了?|免费送了?|多送了?|多给了?|送了)(?![\x00]*(?:给)?[\x00]*(?:店|仓))")
# part of what came given free (收到可乐6箱,其中1箱是赠品 · 其中1箱是送的): in the receipt, that part at no cost
_PART_FREE = re.compile(r"^[\x00\s]*其中[\x00\s]*(?:是|为)?[\x00\s]*(?:赠品|赠送的?|送的|白送的|免费的?|免费送的)[的了]?[\x00\s]*$")
# all of it lost (青椒全部坏掉了 · 豆腐都酸了 · 剩下的牛奶全倒了): what is on hand is scrapped, not asked as a quantity
_ALL_LOST = re.compile(r"(?:全|都|全部|所有的?|剩下的?)[^,\d吗?]{0,4}(?:(?:坏|烂|臭|酸|馊|过期|变质|发霉|扔|倒|报废|报损|死)(?:掉|光)?了"
                       r"|报废|报损|扔掉|倒掉|处理掉)(?!了?[吗么嘛?])")   # 青椒全部坏掉了 · 剩下的土豆都报损
_NEEDED_THEN = re.compile(r"要用|需要用?|得用|要备|要准备|预留|留出")
_ALL_GIVEN = re.compile(r"(?:全|都|全部|所有的?|剩下的?|剩余的?)[^,\d吗?]{0,4}(?:(?:送|给|分给?)(?:了)?(?:人|员工|店员|同事|客人|"
                        r"顾客|大家|朋友|邻居)(?:了|吃了|喝了)?|(?:员工|店员|同事|大家|我们)们?(?:都)?(?:吃了|喝了|分了|吃掉了?|喝掉了?))"
                        r"(?!了?[吗么嘛?])")   # (剩下的员工吃了: given to the crew)
# 土豆全部调回大仓 · 把剩下的可乐都调过去: all there is of it goes
_ALL_MOVED = re.compile(r"全部|全都|所有的?|剩下的?|剩余的?|(?<![一每])都(?=调|拿|搬|送|发|转|挪|移|给)")
# a count's findings said against the books (今天盘点,鸡蛋少了6个 · 盘点发现可颂多了3个): see _differences
_STOCKTAKE = re.compile(r"^(?:今天|刚才|刚刚|早上|晚上)?(?:盘点|盘库|清点|盘了一下|点了一下)(?:了一下|了|完了?)?(?:发现)?[,:\s]*")
_DIFFERENCE = re.compile(r"少了|丢了|不见了|短了|缺了|盘亏|盘盈|多了|多出(?!多少)")
# 新增商品羊肉,单位斤 · 添加产品:酸奶,单位瓶,一箱24瓶: a product added from the chat (a manager's)
# a sale to someone named who is not a customer of the catalog (卖给王老板白菜50斤)
_SOLD_TO = re.compile(r"(?:卖给|卖了?给|批给|批发给)\s*(?P<who>[^\x00\d,;\s]{2,6}?|[a-z]+(?: [a-z]+){0,2})"
                      r"(?=\s*(?:\x00|\d|[一二两三四五六七八九十半]|$))")   # (sold … to the group canteen: in English)
_ANYONE = frozenset("客人 顾客 客户 散客 别人 人家 他们 她们 路人 食客 一个客人 一位客人 老客户 熟客".split()
                    + ["customer", "a customer", "the customer", "someone", "a guest", "guest", "walk in", "a walk in"])
# words for colleagues now (通知陈采购:… · 告诉刘店长… · 跟陈采购说一下… · 提醒陈采购订牛腩)
_RELAY = re.compile(r"^(?:请|麻烦|帮我)?(?:通知|告诉|告知|转告|提醒)(?P<who>[^::]{2,40}?)(?:(?:说一下|说|讲一下|讲|一声|一下)?"
                    r"[::,,]\s*(?P<rest>.+))?$"
                    # 跟陈采购说一下… · 和刘店长讲…: with 跟/和/给 the saying word is needed (跟陈采购订牛腩 is an order)
                    r"|^(?:请|麻烦|帮我)?(?:跟|和|给)(?P<who2>[^::说讲]{2,12}?)(?:说一下|说一声|说|讲一下|讲|带个话|捎个话)"
                    r"\s*[::,,]?\s*(?P<rest2>.+)$")
# what a colleague is told to do when something happens, the condition said first (可乐低于50瓶的时候|订货)
_CONDITION_FIRST = re.compile(r"^(?P<when>[^,,;;]{2,30}?(?:的时候|时候|时))[,,]?\s*(?P<what>[^,,;;]{2,30})$")
_TELL_ME = re.compile(r"^(?P<verb>(?:请|麻烦)?(?:提醒|通知|告诉)我)\s*(?P<rest>.+)$")
_ADD_PARTNER = re.compile(r"^(?:请|帮我)?(?:新增|添加|增加|新建|加一个|加个|建一个|录入)(?:一个|一家|个|家)?(?:新)?"
                          r"(?P<kind>客户|供应商|供货商)\s*[::,,]?\s*(?P<name>[^,,;\s::]{2,12})(?P<rest>.*)$")
# 南山店要的土豆发了 · 给福田店的货发出去了: the transfer another store asked for (of that product), sent
_SHIPPED_FOR = re.compile(r"(?:给|往)?\x00+(?:要|订|申请|调)?的\x00*(?:货|东西)?(?:已经?|都)?"
                          r"(?:发货了?|发了|发出(?:去)?了|送出(?:去)?了|送过去了|发走了|已发出|出库了)")
# a product taken off the catalog (酸菜下架 · 酸菜以后不卖了 · 停用商品酸菜 · 删除商品酸菜) or put back (酸菜重新上架 · 恢复酸菜)
def _said_of_a_product(after: str, before: str) -> re.Pattern[str]:
    """A product's name (group a or b) with the verb said after it or before it."""
    return re.compile(rf"(?:请|帮我)?(?:把)?(?:商品|产品)?(?P<a>[^,\s\d]{{1,16}}?)(?:以后|从今天起|今后)?(?:{after})(?:了|吧)?"
                      rf"|(?:请|帮我)?(?:{before})(?:商品|产品)?\s*(?P<b>[^,\s\d]{{1,16}})")


# what to make today, asked (今天要做什么 · 今天做多少 · 今天要烤多少 · 生产计划 · 今天备什么料)
_MAKE_ASKED = re.compile(r"(?:今天|今日|明天|早上)?(?:要|该|得)?(?:做|烤|包|蒸|炸|备)(?:些|点)?(?:什么|哪些|多少|几样)(?:东西|货|料)?"
                         r"|(?:今天|今日)?(?:的)?(?:生产计划|制作计划|出品计划|备料(?:清单|计划|单)?|生产(?:清单|单))")
# each recipe's cost against its price (菜品毛利 · 各菜的毛利率 · 哪个菜最赚钱 · 配方成本 · 菜品成本)
_MARGINS_ASKED = re.compile(r"(?:菜品|菜|菜式|饮品|配方)(?:的)?(?:毛利|利润|成本)(?:率)?|(?:哪个|哪道|哪些|哪款)(?:菜|饮品|菜品)"
                            r"\S{0,4}?(?:最?赚钱|毛利(?:最|率)?(?:高|低)|成本(?:最)?(?:高|低))|(?:各|每个|每道)(?:菜|菜品|饮品)\S{0,3}?(?:毛利|成本)")
# what every customer still owes us, or we every supplier (哪些客户还欠钱 · 谁欠我们钱 · 应收账款 · 应付账款 · 欠供应商多少)
_OWED_ASKED = re.compile(r"(?:哪些|哪个|哪几个|哪家)客户(?:还)?(?:欠|没给|没付|没结)|谁(?:还)?欠(?:我们|我|咱们)(?:的)?(?:钱|款)"
                         r"|应收(?:账款|款|的钱)?(?:有|还有)?(?:多少|哪些|明细)?$|客户(?:的)?欠款|欠款(?:的)?客户"
                         r"|(?P<sup>(?:我们|咱们)?(?:还)?欠(?:哪些|哪几个|哪家|各个?)?供应商|应付(?:账款|款)?(?:有|还有)?(?:多少|哪些|明细)?$"
                         r"|供应商(?:的)?欠款|(?:还)?没(?:付|结)(?:的)?(?:供应商|货款))")
# every customer's takings side by side (这个月哪个客户拿货最多 · 客户排行 · 哪些客户买得多 · 大客户是谁 · 各客户拿货)
_CUSTOMERS_RANKED = re.compile(r"(?:哪个|哪些|哪家|哪几个|哪位)(?:客户|客人|买家|老板)\S{0,8}?(?:最多|多|最大|大|最少|少)"
                               r"|客户(?:的)?(?:排行|排名|榜)|(?:大|主要|最大的)客户(?:是|有)(?:谁|哪些|哪几个)"
                               r"|(?:各|每个|每家|所有)客户\S{0,6}?(?:拿货|买|进货|销售|销量|金额|多少)"
                               # 牛腩都卖给谁了 · 可乐卖给了哪些客户 (no lot said: this month's buyers of it)
                               r"|(?:都|全)?卖给了?(?:谁|哪些?(?:客户|人|家|几个客户|几家))")
# a recipe said (可颂的配方:面粉50克,黄油25克 · 做10个可颂要… · 每杯拿铁用… · 一盘可颂用…), asked, taken away
_RECIPE_SET = re.compile(r"(?:把)?(?P<head>[^,;:\s\d]{1,12}?)的?(?:配方|用料|原料|配料)(?:是|为|改成|改为|设为|设成|要|用)?"
                         r"\s*[:,]?\s*(?P<rest>[^\s].*\d.*|.*[一二两三四五六七八九十半].*)")
_RECIPE_PER = re.compile(r"(?:做|每做|一|每)(?P<n>\d+(?:\.\d+)?|[一二两三四五六七八九十百]+)?"
                         r"(?P<u>小时|[个只杯份盘瓶盒袋包箱桶块条板件罐听支根碗笼锅屉斤升克打])"   # (每小时理疗: a service's)
                         r"(?P<head>[^,;:\s\d]{1,12}?)(?:要|需要|得用|要用|用|用到)(?!了)\s*[:,]?\s*(?P<rest>.+)")
_RECIPE_ASKED = re.compile(r"(?P<head>[^,;:\s\d]{1,12}?)的?(?:配方|用料|原料|配料)(?:是什么|是啥|有哪些|是哪些|呢)?[?]?"
                           r"|(?P<head2>[^,;:\s\d]{1,12}?)(?:用什么料|用哪些料|要什么料|怎么配)[?]?")
_RECIPE_GONE = re.compile(r"(?:删除|删掉|取消|清空|去掉|不要)(?P<head>[^,;:\s\d]{1,12}?)的?(?:配方|用料)")
# an order to a supplier said without its goods (给张记下单 · 向张记订货 · 给张记发个订单 · 跟张记要货): what to order
_ORDER_FROM = re.compile(r"(?:请|帮我)?(?:给|向|跟|找|和)\x00+(?:下(?:个|一)?单|订(?:一下|点)?货|发(?:个|一)?(?:订单|单子?)"
                         r"|补(?:一下|点)?货|要(?:点)?货|订(?:一下)?|进(?:点)?货)(?:吧|一下)?")
# every store asked about first (每个店的库存 · 各店的报损 · 各门店这周报损)
_EACH_PLACE = re.compile(r"(?:各(?:个)?(?:门店|分店|店)|每(?:个|家)(?:门店|分店|店)|所有(?:的)?(?:门店|分店|店)|全部(?:门店|分店))(?:的)?")
# a price as it is now (牛腩进价涨了,现在35一斤 · 牛腩涨价了,35一斤 · 牛腩现在进价35 · 可乐现在卖5块一瓶 · 可乐售价现在5块)
_NOW_WORD = r"(?:现在|目前|以后|今天起|从今天起|从现在起)"
_PRICE_VALUE = rf"\s*(?P<v>(?:(?:一|每){intents.PACK_WORD})?{numbers.NUMBER}[^,;\s]{{0,6}})"
_PRICE_NOW = (
    re.compile(r"(?P<head>[^,;\s\d]{1,12}?)(?:的)?(?:(?:每|一)(?P<pack>" + intents.PACK_WORD + r"))?"
               r"(?P<field>进价|进货价|成本价|成本|采购价|售价|零售价|卖价|价格|价钱)?(?:又)?"
               rf"(?P<dir>涨价|降价|涨|降|调价|改价|定价)(?:了)?(?P<sep>[,\s]*{_NOW_WORD}?(?:是|为|成|变成|涨到|降到|调到|改到|改成|改为|到|要|卖|按)?)"
               + _PRICE_VALUE),
    re.compile(rf"(?P<head>[^,;\s\d]{{1,12}}?)(?:的)?{_NOW_WORD}(?P<field>进价|进货价|成本价|采购价|售价|零售价|卖价|卖)(?:是|为|要)?"
               + _PRICE_VALUE),
    re.compile(rf"(?P<head>[^,;\s\d]{{1,12}}?)(?:的)?(?P<field>进价|进货价|成本价|采购价|售价|零售价|卖价){_NOW_WORD}(?:是|为|要)?"
               + _PRICE_VALUE))
# who works where, asked (南山店有哪些人 · 员工名单 · 我们有几个员工 · 谁是南山店店长 · 南山店店长是谁 · 小王是哪个店的)
# a product's fields asked after (牛腩保质期几天 · 蓝牙耳机保修多久): answered from the catalog
_ASKABLE = ("safety_stock", "shelf_life_days", "moq", "lead_time_days", "supplier", "warranty_days")
# a deposit paid with a customer's order (…,付了定金500 · 订金300 · 预付1000元): clause of its own, after the order
# 每月交房租5000 · 每个月房租5000: a month's day unsaid (每月1号… is rules.RECURRING's)
_MONTHLY = re.compile(r"每个?月(?:都)?[,,]?(?![\d一二三四五六七八九十两]+[号日]|的?(?:最后|月底|月末|[初中]))")
_DEPOSIT = re.compile(rf"[,;]\s*(?:已|已经)?(?:付了?|交了?|收了?|给了?)?(?:定金|订金|预付款?|预付了?)\s*(?:是|:)?\s*"
                      rf"(?P<v>{numbers.NUMBER})\s*(?:元|块钱?|块)?(?=$|[,;])")
# serials or a warranty said (蓝牙耳机按串号管理 · 串号SN001 · IMEI … · 不保修): the cheap check before nlu.serials reads it
_SERIAL_HINT = re.compile(r"串号|串码|序列号|imei|sn|保修|质保|这台|这部|这只|这副|这件"
                          r"|[a-z]\d[a-z0-9-]*(?:在哪|去哪|卖给谁|谁买的|什么时候|哪天|还在吗|在不在)")
# a lot's trace: words that ask for it whatever else is said, and questions that ask it of a lot (这批 · 批号A123)
_TRACE_STRONG = re.compile(r"追溯码|溯源码|溯源标签|追溯标签|追溯|溯源|召回|(?:批次|批号|这批|那批)[^,]{0,8}?(?:二维码|qr ?码?)|"
                           r"(?:二维码|qr ?码?)[^,]{0,3}?(?:批次|批号)")
_TRACE_ASKED = re.compile(r"(?:都|全)?(?:去哪了|去哪儿了|去哪里了|去了哪里?|卖给谁了|卖给了谁|卖给哪些?(?:客户|人|店)了?|"
                          r"给了谁|发给谁了|流向|去向|(?:是)?(?:从)?(?:哪来的|哪里来的|哪儿来的|哪进的|谁家的|哪家的|谁送的)|"
                          r"来源|(?:的)?来历)(?:是什么|是哪|呢)?[?]?")
_TRACE_LOT_WORD = re.compile(r"批号|批次|这批|那批|这一批|那一批")
_TRACE_CODE = re.compile(r"(?<![a-z0-9])(?P<lot>[a-z]{0,4}\d[a-z0-9-]{1,20})(?=这批|那批|这一批|那一批|批次|批)")
# 追溯一下A123 (the text arrives as "a 123": letters and digits spaced)
_TRACE_BARE = re.compile(r"(?<![a-z0-9])(?P<lot>(?:[a-z]{1,4} ?)?\d[a-z0-9-]{2,20})(?![a-z0-9])")
_TRACE_FILLER = re.compile(r"(?:请|帮我|帮忙|给我)?(?:查一?下|查查|看一?下|看看|查询|打印|生成|发一?下|发给我)|"
                           r"刚才|刚刚|这一?批|那一?批|批次|批号|收货的|进货的|到货的|的?标签|"
                           r"收的|进的|到的|做的|生产的|烤的|的二维码|二维码|qr ?码?|一下|所有|全部")
# single characters taken only at the edges of what is left (干货 · 条码纸 stay whole as product names)
_TRACE_EDGES = re.compile(r"^(?:是|的)+|(?:是|了|呢|吗|的)+$")
_LEDGER_CHECK = re.compile(r"(?:校验|核对|检查|验证|查验)(?:一下)?(?:账本|台账|流水账?)(?:的)?(?:完整性?|指纹)?"
                           # (the text comes with a space between letters and digits: fab644 reads fab 644)
                           r"(?:\s*#?(?P<pos>\d{1,9})\s*[: ]?\s*(?P<fp>[0-9a-f](?:[0-9a-f ]{6,80})[0-9a-f]))?"
                           r"|(?:账本|台账|流水账?)(?:校验|核对|指纹|完整吗|完整性|有没有被?(?:改|动|篡改)过|被?(?:改|动|篡改)过吗|可信吗)[?]?")


def _span_days(span: str, now: dt.datetime) -> tuple[dt.date, dt.date]:
    """今天 · 明天 · 这周 · 上周 · 下周 · 这个月 · 上个月: its first and last day (the forecast's spans ahead, the sales'
    behind; this week and month to their end, appointments ahead in them counting)."""
    ahead = dates.ahead_span(span, now) if span in ("明天", "下周") else None
    if ahead is not None:
        return ahead[0], ahead[0] + dt.timedelta(days=ahead[1] - 1)
    first, last = dates.past_span(span, now) or (now.date(), now.date())
    if span in ("这周", "本周"):
        return first, first + dt.timedelta(days=6)
    if span in ("这个月", "本月"):
        return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])
    return first, last


def _ledger_check(m: re.Match[str]) -> Result:
    """账本校验, or 校验账本指纹 #1234 3f9a1c2b4d5e: the check up to a fingerprint said earlier."""
    pos, fp = m.group("pos"), (m.group("fp") or "").replace(" ", "")
    return commands.Parsed(commands.LedgerCheck(anchor=(int(pos), fp) if pos and len(fp) >= 8 else None))


def _unnamed_goods(head: str, now: dt.datetime) -> bool:
    """Words before 卖给谁了 that are neither a time (上个月 · 这周) nor nothing: goods the catalog does not know."""
    found = dates.find(head, now)
    if found is not None:
        head = head[:found.start] + head[found.end:]
    rest = re.sub(r"(?:上|这|本)(?:个)?(?:月|周|星期|礼拜)|今天|昨天|前天|今年|去年|最近(?:\d+|[一二两三四五六七八九十]+)?"
                  r"(?:天|周|个月)?|都|全|的", "", head)
    return bool(re.search(r"[\u4e00-\u9fff]", rest))


# service hours: 高级顾问每天可约8小时 · 1小时高级顾问=2小时初级顾问 · 周六下午2点王总约了高级顾问2小时 · 这周顾问的利用率
# what a customer has left of what it paid ahead (王总卡里还剩多少钱 · 卡上还有多少)
_BALANCE_ASKED = re.compile(r"(?:账上|账户里?)(?:还)?(?:剩|有)|(?:还)?剩(?:多少|几)")
_ON_CARD = re.compile(r"(?:的)?(?:会员|储值)?卡(?:里|上|内)?(?:的钱)?(?:还)?(?:剩|有|剩下)(?:多少|几)(?:钱|块)?")
_PLANNED_BUY = re.compile(r"(?:打算|准备|计划|想要?)(?:再|多)?(?P<who>(?:向|跟|找|从)[^,;\d了]{1,8}?)?(?:进|买|采购|订)"
                          r"(?=[^了,;]*?(?:\d|[一二两三四五六七八九十]))|要进(?=\s*(?:\d|[一二两三四五六七八九十]))")
_SOMEONE_ELSE = re.compile(r"客户|客人|顾客|人家|他|她")   # (顾客想买5箱可乐: theirs to buy, not ours)
# every store, goods sent to each (仓库给各店每店送2箱可乐 · 给每个店调2箱可乐 · 所有门店各配送1箱)
_EVERY_STORE_SENT = re.compile(r"(?:各|每个|每家|所有)(?:门?店|分店)(?:每店|每家|各)?(?=(?:都)?(?:送|调|配送|发|拨|补))")
_WISHED = re.compile(r"(?:要是|如果|假如|要|能)[^,;]*就好了")
# what might happen, asked about (万一可乐卖了10箱怎么办 · 要是张记不送了咋办 · 假如牛腩卖完了呢)
_SUPPOSED = re.compile(r"(?:万一|要是|假如|假设|如果)[^;]*?(?:怎么办|咋办|怎么弄|怎么搞|该怎么|呢)[?？]*$")
_UNSETTLED = re.compile(r"[,,\s](?:但是?|不过)?(?:还没(?:有)?(?:定|确定|决定|定下来|说定|谈好|谈定)|还不确定|不确定|待定|再说吧?|还要再看看)"
                        r"(?:呢|吧|啊)?[。.!]*$")
_MAKE_PLANNED = re.compile(r"^[^,,了]{0,8}?(?:明天|后天|大后天|下周[一二三四五六日天]?|周[一二三四五六日天]|\d{1,2}号)(?:早上|上午|中午|下午|晚上)?"
                           r"[^,,了]{0,4}?(?:要|得|准备|计划)?(?:做|烤|生产)(?!了|完|好)[^,,了]*?(?:\d|[一二两三四五六七八九十])")
# what the ingredients held still make, asked (还能做多少杯拿铁 · 牛奶还够做多少杯拿铁 · 可颂还能烤几个)
_CAN_MAKE = re.compile(r"(?:还|剩下的|现有的|原料|材料)?(?:能|够|可以)(?:再)?(?:做|烤|冲|出|生产)(?:出)?(?:多少|几)")
_MAKE_ASKED_NOT = re.compile(r"够|什么|多少|吗|几|\?|原料|材料|买|开工单|工单|生产计划|要用")
_RUNNING_LOW = re.compile(r"^(?P<what>[^,,\d]{1,8}?)(?:快|要|都)?(?:用完|卖完|没|用光|卖光|不多|不够)了?[,,]\s*"
                          r"(?:再|赶紧|快|先|得|要)?(?:订|进|买|补)(?:货)?(?=\s*(?:\d|[一二两三四五六七八九十]))")
_THEN_ORDER = re.compile(r"(?<=[个块斤箱瓶袋包盒升])了?[,,]\s*(?:要|得|该|需要|赶紧|快)(?:订|进|补|买)(?:货)?(?:了|吧)?[。!.]*$")
_ASKED_BY = re.compile(r"^(?:刚才|刚刚)?(?:有(?:个|位|人)?)?(?:客户|客人|顾客|买家)(?:在)?(?:问|打听|想问|来问)(?:一下|下|我们|我)?[,,::]?\s*")
_SOME_OF = re.compile(r"[,,]\s*有(?=\s*(?:\d+|[一二两三四五六七八九十]+)\s*[^\d\s,,]{0,2}是)")
_RANKED = re.compile(r"最(?!近|后|早|新)|排名|排行")
_LATIN_WORD = re.compile(r"[a-z]{2,}")
_TOP_N = re.compile(r"(?:前)?(?:\d{1,2}|[一二三四五六七八九十]{1,3})(?:个|种|样|款|名)(?=(?:的)?(?:商品|东西|产品|菜品?|菜|单品))")
_SERVED = re.compile(r"上了|服务了|接了|带了|做了")   # (hours of a service given)
_SERVICE_HINT = re.compile(r"小时|钟头|利用率|使用率|饱和|约满|排满|空档|空位|有空|空闲|能约|可约")
_BOOKED_HINT = re.compile(r"(?<!大)约|做|上")   # (给张女士约明天下午3点理疗 · 王总明天下午3点来做理疗: where services
# are sold; 大约 is no booking)
_SVC_NAME = r"[^,;:\s\d]{1,12}?"   # a product's name in these phrasings (also the substitutes')
_SVC_NUM = r"\d+(?:\.\d+)?|[一二两三四五六七八九十半]+"
_CAPACITY = re.compile(rf"(?P<what>{_SVC_NAME})(?:每天|一天|每日)(?:最多)?(?:可以|能|可)?(?:约|预约|接|排|安排|上|服务|提供)?"
                       rf"(?:客)?(?P<n>{_SVC_NUM})(?:个)?(?:小时|钟头)")
_SVC_SAME = r"(?:=|等于|相当于|抵|顶|算|折合|换)(?:成)?"   # 1小时高级顾问=2小时初级顾问 · 高级顾问1小时抵初级顾问2小时
_COUNTS_BEFORE = re.compile(rf"(?P<qa>{_SVC_NUM})(?:个)?小时(?:的)?(?P<a>{_SVC_NAME}){_SVC_SAME}"
                            rf"(?P<qb>{_SVC_NUM})(?:个)?小时(?:的)?(?P<b>{_SVC_NAME})")
_COUNTS_AFTER = re.compile(rf"(?P<a>{_SVC_NAME})(?P<qa>{_SVC_NUM})(?:个)?小时{_SVC_SAME}(?P<b>{_SVC_NAME})(?P<qb>{_SVC_NUM})(?:个)?小时")
_APPOINTMENT = re.compile(rf"(?:给)?(?P<who>[^,;:\s\d]{{0,8}}?)\s*(?:给(?P<who2>[^,;:\s\d]{{1,8}}?))?\s*"
                          rf"(?:约了|预约了?|约|订了|排了)\s*(?:的)?(?:来)?(?:做|上)?(?P<what>{_SVC_NAME})"
                          rf"(?:\s*[,;]?\s*(?:做|约|共|一共)?(?P<n>{_SVC_NUM})(?:个)?(?:小时|钟头))?"   # (…理疗,2个小时)
                          r"(?:的?(?:咨询|服务|课|理疗))?"   # (…,客户张女士 · …,王先生: who it is for, after it)
                          r"(?:\s*[,;]\s*(?:客户|客人|顾客|预约人)?(?:是|叫|为)?\s*(?P<who3>[^,;:\s\d]{1,8}))?")
# someone coming for a service at a time to come (王总明天下午3点来做理疗 · 明天下午3点王总做理疗): an appointment
_COMING_FOR = re.compile(rf"(?P<who>[^,;:\s\d]{{1,8}}?)\s*(?:要)?(?:来|过来|到店)?(?:做|上|体验)(?:个|一个|一次)?"
                         rf"(?P<what>{_SVC_NAME})(?:(?P<n>{_SVC_NUM})(?:个)?(?:小时|钟头))?")
_UTILIZATION = re.compile(r"(?P<span>今天|明天|这周|本周|上周|下周|这个月|本月|上个月)?(?:的)?(?P<what>[^,;:\s\d]{0,8}?)"
                          r"(?P<span2>今天|明天|这周|本周|上周|下周|这个月|本月|上个月)?(?:的)?"   # (高级顾问这周利用率)
                          r"(?:利用率|使用率|饱和度|约满了吗|排满了吗|约满没|约满了没有"
                          # 今天还有哪些空档 · 明天理疗还有空吗 · 周六高级顾问还能约吗: the day's hours booked and free
                          r"|(?:还)?(?:有)?(?:哪些|什么|多少)?(?:空档|空位|空闲时间|空余时间)(?:吗)?|(?:还)?有空(?:吗|没有|没)?"
                          r"|(?:还)?(?:能|可以)约(?:吗|多少|几个小时)?)[?]?")
# 明天还能约几个小时理疗 · 还有多少小时高级顾问可以约: the service named after
_UTILIZATION_AFTER = re.compile(r"(?P<span>今天|明天|这周|本周|下周)?(?:的)?(?:还)?(?:能|可以)?约?(?:几个|多少)(?:个)?小时(?:的)?"
                                r"(?P<what>[^,;:\s\d]{1,8}?)(?:可以约|能约)?[?吗]*")
# a production plan's materials: 要做可颂500个,原料够不够 · 做500个可颂要买什么 · 生产计划:可颂500个
_MATERIALS_END = (r"(?:(?:需要|要|得)(?:准备|备|用)?(?:多少|哪些|什么)(?:原料|材料|物料|原材料|料)"
                  r"|(?:的)?(?:原料|材料|物料|原材料)(?:够不够|够吗|够不|还缺什么|缺什么|缺多少|要买什么|需要多少|要多少|有哪些|都有什么)"
                  r"|(?:要|需要|得|该)买(?:什么|哪些|多少)(?:原料|材料|东西)?|(?:还)?(?:缺|差)(?:什么|哪些|多少)(?:原料|材料)?)")
_MATERIALS_ASKED = re.compile(r"(?:前|之前)?(?:要|计划|打算|准备|得)?(?:做|生产|烤|制作)(?P<items>[^?]+?),?(?:的话)?,?"
                              rf"(?:一共)?{_MATERIALS_END}[?]?")
_MATERIALS_HINT = re.compile(r"料|缺|差|买|需求|计划")
# the network of companies (库管网络)
_NET_HINT = re.compile(r"网络|联网|互联|邀请码|接受邀请|断开|解除|哪些公司|KG|密钥", re.I)
# 更换和张记的联网密钥: the link's key changed (a link to another server)
_NET_REKEY = re.compile(r"(?:更换|换一下|换掉|换|重置|更新|轮换)(?:一下)?(?:和|跟|与)(?P<who>[^,]{1,12}?)的?(?:网络|联网|连接)?(?:的)?密钥")
_NET_CODE = re.compile(r"KG(?:[-\s]*[A-Z0-9]){8}(?![A-Z0-9])", re.I)   # (normalising spaces a letter from a digit)
_NET_SERVER = re.compile(r"\s*@\s*(?P<url>https?://[A-Za-z0-9.\-]+(?::\d{1,5})?(?:/[^\s,,。]*)?)", re.I)
_NET_ACCEPT = re.compile(r"接受|加入|同意|确认|输入|邀请码")
_NET_LIST = re.compile(r"(?:我们的?)?(?:库管网络|网络连接|联网(?:的公司|情况)?|(?:连|联)了哪些公司|网络里有哪些公司)"
                       r"(?:有哪些|有谁|呢|情况)?[?]?")
_NET_LOG = re.compile(r"(?:库管)?(?:网络|联网)(?:往来|来往|互通)?(?:记录|日志)(?:有哪些|呢)?[?]?")
_NET_LOG_WITH = re.compile(r"(?:和|跟|与)?(?P<who>[^,]{1,12}?)的?(?:网络|联网)(?:往来|来往|互通)?(?:记录|日志)(?:有哪些|呢)?[?]?")
_NET_INVITE = re.compile(r"(?:邀请|请)(?P<who>[^,]{1,12}?)(?:加入|连上|接入|进入?)(?:我们的)?(?:库管)?(?:网络|联网)")
_NET_WITH = re.compile(r"(?:和|跟|与)(?P<who>[^,]{1,12}?)(?:联网|建立(?:网络)?连接|互联|连起来)|把(?P<who2>[^,]{1,12}?)"
                       r"(?:连上|连到|接入)(?:库管)?网络")
_NET_END = re.compile(r"(?:断开|取消|解除|停止|结束)(?:和|跟|与)?(?P<who>[^,]{1,12}?)的?(?:网络连接|联网|连接|互联)")
_NET_END_AFTER = re.compile(r"(?:和|跟|与)(?P<who>[^,]{1,12}?)(?:断开|解除|取消)(?:网络)?(?:连接|联网)?")
# routings and work orders (工序 · 工单 · 委外加工)
_WORK_HINT = re.compile(r"工序|工艺|工单|在制|排产|安排生产|委外|外协|外发|代加工|加工费|让.{1,12}(?:加工|代工)")
_OPS_SET = re.compile(r"(?P<head>[^,:]{1,20}?)的?(?:生产)?(?:工序|工艺流程|工艺路线|加工流程|生产流程)(?:是|为|改成|改为|设为)?[:,]?"
                      r"(?P<rest>.*\S.*)")
_OPS_ASKED = re.compile(r"(?P<head>[^,:]{1,20}?)的?(?:生产)?(?:工序|工艺流程|工艺路线)(?:是什么|是啥|有哪些|有几道|呢)?[?]?")
_OPS_GONE = re.compile(r"(?:删除|删掉|去掉|清空|取消)(?P<head>.{1,20}?)的?(?:工序|工艺流程|工艺路线)")
_OPS_SPLIT = re.compile(r"[,、;→>]+|->|然后|再|接着")
# 烤制每炉50个20分钟 · 烤制20分钟/50个 · 包装每箱2分钟: the batch the time is for (a part batch takes a whole one)
_OP_PER = r"每(?:炉|批|盘|锅|次|轮|缸|桶)?(?P<{n}>[\d.]++|[一二两三四五六七八九十百千]++)?(?P<{u}>(?![分小钟])[\u4e00-\u9fffA-Za-z]{{1,2}}?)?"
_OP = re.compile(r"(?P<name>[\u4e00-\u9fffA-Za-z]{1,10}?)(?:\((?P<c2>[^()]{1,10})\))?"
                 r"(?:" + _OP_PER.format(n="pn", u="pu") + r")?(?:约|大约|要|需要|用)?"
                 r"(?:(?P<n>[\d.]+|[一二两三四五六七八九十半]+)个?\s*(?P<u>分钟|小时|钟头|min|h))?"
                 r"(?:/(?P<pn2>[\d.]+|[一二两三四五六七八九十百千]+)?(?P<pu2>[\u4e00-\u9fffA-Za-z]{1,2})"
                 r"|" + _OP_PER.format(n="pn3", u="pu3") + r")?"
                 r"(?:\((?P<c>[^()]{1,10})\))?")   # (烤箱): the work center it takes
_CENTER_HINT = re.compile(r"小时|钟头|负荷|产能|排满|排得下")
_CENTER_CAP = re.compile(r"(?P<c>[^,;:\s\d]{1,8}?)(?:每天|一天|每日)(?:最多)?(?:可以|能|可)?(?:用|开|工作|运行|运转|开机)"
                         r"(?P<n>\d+(?:\.\d+)?|[一二两三四五六七八九十半]+)(?:个)?(?:小时|钟头)")
_CENTER_LOAD = re.compile(r"(?P<span>今天|明天|这周|本周|下周|这个月|本月)?(?:的)?(?P<c>[^,;:\s\d]{0,8}?)(?:的)?"
                          r"(?:产能负荷|负荷|产能|排满了吗|排满了没有|排得下吗)(?:怎么样|情况|多少)?[?]?")
_WORK_LIST = re.compile(r"(?:所有|全部|有哪些|现在的|在做的|没做完的|未完成的|本店的?)?(?:工单|生产工单|在制品?|生产进度)"
                        r"(?:列表|进度|情况)?(?:有哪些|有什么|呢|怎么样了?)?[?]?")
_WORK_NEW = re.compile(r"(?:开|下|建|新建|创建|新开)(?:个|一个|一张|张)?(?:生产)?工单[:,]?(?P<rest>.+)"
                       r"|(?:安排生产|排产)[:,]?(?P<rest2>.+)")
_WORK_SUB = re.compile(r"(?:委外加工|外协加工|外发加工|委外|外协|代加工)[:,]?(?:让|请|由|给|交给)?(?P<who>[^,:]{1,12}?)"
                       r"(?:做|加工|代加工|生产)(?P<rest>.+)")
_WORK_SUB_LET = re.compile(r"(?:让|请|由|交给)(?P<who>[^,:]{1,12}?)(?:加工|代加工|代工)(?P<rest>.+)")
_WORK_FEE = re.compile(r",?加工费(?:是|为)?(?P<per>每(?P<u>[^\d\s]{1,2})?)?(?P<fee>\d+(?:\.\d+)?)(?:元|块钱?)?"
                       r"(?P<per2>(?:/|每|一)(?P<u2>[^\d\s,]{1,2}))?")
_WORK_DUE_WORDS = re.compile(r"(?:之前|以前|前)?(?:要)?(?:完成|做好|做完|交货|交|出货)(?:的)?|之前|以前")
_WORK_NUMBERED = re.compile(r"(?:工单|生产单)\s*(?:#|号)?\s*(?P<id>\d{1,6})?\s*号?(?:的)?[,]?(?P<rest>.*)"
                            r"|(?P<id2>\d{1,6})号工单(?P<rest2>.*)")
_WORK_CANCEL = re.compile(r"(?:取消|作废|撤销|删除)(?:工单|生产单)\s*(?:#|号)?\s*(?P<id>\d{1,6})?号?"
                          r"|(?:工单|生产单)\s*(?:#|号)?\s*(?P<id2>\d{1,6})?号?(?:取消|作废|不做了)了?")
_WORK_SHOW = re.compile(r"(?:的)?(?:进度|状态|情况)?(?:怎么样了?|到哪了|到哪一步了?|如何|呢|做到哪了)?[?]?")
_WORK_START = re.compile(r"(?:开工|开始生产|开始做|开始了|领料|发料|投产|下料|上线)(?:了)?(?:给.{1,12})?")
_WORK_CLOSE = re.compile(r"(?:结单|关闭|结案|关单|不用再做了|剩下的不做了|余下的不做了)了?")
_WORK_NEXT = re.compile(r"(?:下一道(?:工序)?|这道工序(?:做完|完成|好)了?|当前工序(?:做完|完成)了?)")
_WORK_MADE = re.compile(r"(?P<part>先交|先入库|先收回|先做好了?|交了一部分,?|部分入库,?)?"
                        r"(?P<v>完工|做好了?|做完了?|完成了?|入库了?|交货了?|收回来?了?|送回来?了?|做出来了?)?"
                        r",?(?:(?:一共|共|实际)?(?:做了|出了|产出|入库|收回|送回|交了)?(?P<n>[\d.]+|[一二两三四五六七八九十百千万]+)"
                        r"(?P<u>[\u4e00-\u9fffA-Za-z]{1,2})?)?"
                        r"(?:,?(?:报废|损耗|坏了|废了)(?P<scrap>[\d.]+|[一二两三四五六七八九十]+)(?P<su>[\u4e00-\u9fffA-Za-z]{1,2})?)?")
# 工单1补料:黄油1公斤 · 工单1再领黄油1公斤 (beyond the recipe) · 工单1退料:面粉2公斤 · 工单1退回面粉2公斤 (back to the store)
_WORK_SUPPLY = re.compile(r"(?:补料|追加领料|追加|再领|补领|加领|多领|补发|补)(?:了)?[:,]?(?P<items>.*\d.*)")
_WORK_RETURN = re.compile(r"(?:退料|退回|退还|还回|退)(?:了)?(?:给?(?:仓库|库房|门店))?[:,]?(?P<items>.*\d.*)")
_WORK_RETURN_BARE = re.compile(r"(?:要)?(?:退料|退回材料|退回原料|退材料)(?:了)?")
# …,余料退回 · 剩下的料退回仓库 · 没用完的材料都退回去: the order finishes, what it would have used goes back
_WORK_BACK = re.compile(r",?(?:把)?(?:余料|剩料|剩下的?(?:料|材料|原料|物料)|剩余的?(?:料|材料|原料|物料)|没用完的(?:料|材料|原料|物料)?)"
                        r"(?:都|全部|全)?(?:退回|退库|退还|还回|放回|入库)(?:仓库|库房|门店|去|来)?了?$")
_WORK_OP = re.compile(r"(?P<op>[\u4e00-\u9fff]{1,8}?)(?:工序)?(?:完成了?|做完了?|好了|结束了?|搞定了?)")
_MATERIALS_WHEN = re.compile(r"(?:下周|下星期|下礼拜|这周|本周|下个?月|这个月|本月)(?:一共)?")
_MATERIALS_PLAN = re.compile(r"(?:生产计划|物料需求|物料计划|备料计划|备料)[:](?P<items>.+)")
# 可颂的黄油可以用人造黄油代替 · 做可颂黄油不够时可以用淡奶油代替,用量1.2倍 · 可颂里的黄油没有了就换成人造黄油
_SUB_NAME = _SVC_NAME
_SUB_RATIO = r"(?:,?(?:用量|数量)?(?:按|是|为)?(?P<ratio>\d+(?:\.\d+)?)倍(?:的?用量)?)?"   # 用量1.2倍 · 按2倍
_SUB_JOINT = re.compile(r"^(?:里面的|里面|里的|中的|的|里|中)")   # 可颂的黄油 · 可颂里面的黄油: what joins product and part
_SUB_WHEN = r"(?:没有了?|没了|不够了?|缺货了?|缺了|用完了?|断货了?)?(?:的?时候|时)?,?"
_SUBSTITUTE = re.compile(rf"(?:做)?(?P<pair>[^,;:\s\d]{{2,26}}?){_SUB_WHEN}"
                         rf"(?:可以|能|就|可|也可以)?(?:(?:用|拿)(?P<sub>{_SUB_NAME})(?:来)?(?:代替|替代|顶替|替换|代|顶上)"
                         rf"|(?:换成|改用|换用)(?P<sub2>{_SUB_NAME})){_SUB_RATIO}")
_SUBSTITUTE_FOR = re.compile(rf"(?:做)?(?P<pair>{_SUB_NAME})(?:的时候|时)?,?(?:可以|能|也可以|就)?(?:用|拿)(?P<sub>{_SUB_NAME})"
                             rf"(?:来)?(?:代替|替代|替换|顶替)(?P<comp>{_SUB_NAME}){_SUB_RATIO}")
_SUBSTITUTE_HINT = re.compile(r"代替|替代|顶替|替换|代|顶上|换成|改用|换用")
_SUBSTITUTE_ASKED = re.compile(rf"(?P<comp>{_SUB_NAME}){_SUB_WHEN}(?:可以|能|该)?(?:用|拿)(?:什么|啥|哪些)(?:来)?"
                               r"(?:代替|替代|顶替|替换|代|顶上)[?]?")
_SUBSTITUTE_OFF = re.compile(rf"(?:做)?(?P<pair>[^,;:\s\d]{{2,26}}?)"
                             rf"不(?:能|可以|要|许|准)?(?:再)?(?:用|拿)(?P<sub>{_SUB_NAME})(?:来)?(?:代替|替代|顶替|替换)了?")

# a product's storage temperature (牛奶冷藏2到6度 · 牛奶储存温度不能超过6度 · 牛奶储存温度多少); ℃ arrives as °c
_TEMP_WORD = r"(?:的)?(?:储存|存储|贮存|保存|储藏|冷藏|冷冻|存放)?温度(?:要求|范围)?"
_DEG = r"(?:度|°c|℃|摄氏度)?"
_TEMP_NUM = r"-?\d+(?:\.\d+)?"
_TEMP_RANGE = re.compile(rf"(?P<what>[^,\s\d]{{1,12}}?)(?:{_TEMP_WORD}(?:是|为|设为|设成|改成|改为|在|要在)?|(?:要|需要)?(?:冷藏|冷冻|保存|储存|存放)(?:在)?)"
                         rf"\s*(?P<lo>{_TEMP_NUM}){_DEG}\s*(?:到|至|-|~|—|－)\s*(?P<hi>{_TEMP_NUM}){_DEG}(?:之间)?")
_TEMP_MAX = re.compile(rf"(?P<what>[^,\s\d]{{1,12}}?)(?:{_TEMP_WORD}|(?:要|需要)?(?:冷藏|冷冻|保存|储存|存放)(?:在)?)"
                       rf"(?:不能|不得|不要|别|不可以|不可)?(?:超过|高于|大于)?\s*(?P<hi>{_TEMP_NUM})"
                       r"(?:(?:度|°c|℃|摄氏度)(?:以下|以内|之下)?|以下|以内|之下)")
_TEMP_MIN = re.compile(rf"(?P<what>[^,\s\d]{{1,12}}?){_TEMP_WORD}(?:不能|不得|不要|别)(?:低于|小于)\s*(?P<lo>{_TEMP_NUM}){_DEG}")
_TEMP_ASKED = re.compile(rf"(?P<what>[^,\s\d]{{1,12}}?)(?:{_TEMP_WORD}(?:是)?(?:多少|几度|多少度|怎么样)"
                         r"|(?:要|需要)?(?:冷藏|冷冻|保存|储存|存放)(?:在)?(?:几度|多少度))[?]?")
_STAFF_ASKED = re.compile(
    r"(?P<where>[^,?\s]{2,8}?)?(?:有哪些人|有谁|都有谁|有几个人|有多少人|的员工|的人员|的同事|员工名单|人员名单|员工列表)(?:名单|有哪些|有谁)?[?]?"
    r"|(?P<where2>[^,?\s]{2,8}?)?(?:有|一共有|总共有)?(?:几个|多少)(?:员工|人|同事)[?]?"
    r"|(?:员工|人员|同事)(?:名单|列表|有哪些|有谁|都有谁|有几个)[?]?"
    r"|谁是(?P<where3>[^,?\s]{2,8}?)?的?(?P<role>店长|采购员|采购|店员|管理员)[?]?"
    r"|(?:谁|哪些人|有谁)(?:在|是)(?P<where5>[^,?\s]{2,8}?)(?:上班|工作|的人?|干活)(?:的)?[?]?"
    r"|(?P<where4>[^,?\s]{2,8}?)?的?(?P<role2>店长|采购员|采购|店员|管理员)是谁[?]?"
    r"|(?P<who>[^,?\s]{1,8}?)(?:是哪个店的|在哪个店|是哪家店的|在哪上班|是什么角色|是什么职位)[?]?")
# the speaker's own store, role and what it may do (我是谁 · 我是哪个店的 · 我的角色 · 我有什么权限)
_ME_ASKED = re.compile(r"我是谁(?:呀|啊)?|我(?:是|在)(?:哪个|哪家|哪)(?:店|门店|仓库)(?:的)?|我(?:在|是)哪(?:上班|工作)"
                       r"|我(?:是)?(?:什么|啥)(?:角色|身份|职位|权限)|我的(?:角色|身份|权限|账号|账户|职位)(?:是(?:什么|啥))?"
                       r"|我有(?:什么|哪些|啥)权限|我能(?:用|做|记|看)(?:什么|哪些|啥)(?:功能)?|我的权限有哪些"
                       r"|who am i|what(?:'s| is) my role|my role|what can i do here|my permissions")
# a colleague's store, account or role (小王调到福田店了 · 小王离职了 · 停用小王的账号 · 恢复小王 · 把小王升为店长)
_STAFF_MOVED = re.compile(r"(?:把|将)?(?P<who>[^,,]{1,8}?)(?:以后|从明天起|从今天起|下周起)?"
                          r"(?:(?:调到|调去|调往|调至|调回|转到|换到|派到|安排到)(?P<where>[^,,]{2,10}?)(?:了|上班了?|工作了?|去了)?"
                          # (小王去福田店了 · 小王在福田店: a visit, a whereabouts; with 上班 it is where they work)
                          r"|(?:去|在|到)(?P<where2>[^,,]{2,10}?)(?:上班|工作|干)了?)")
_STAFF_LEFT = re.compile(r"(?P<who>[^,,]{1,8}?)(?:已经)?(?:离职|辞职|不干|不做)了?"
                         r"|(?:请|帮我)?(?:停用|禁用|注销|删除|删掉|移除)(?:一下)?(?P<who2>[^,,]{1,8}?)(?:的)?(?:账号|帐号|账户)?"
                         r"|(?:把|将)?(?P<who3>[^,,]{1,8}?)的?(?:账号|帐号|账户)(?:停用|禁用|注销|删除|删掉|删)(?:了|掉)?")
_STAFF_BACK = re.compile(r"(?:请|帮我)?(?:恢复|启用|重新启用|重开)(?P<who>[^,,]{1,8}?)(?:的)?(?:账号|帐号|账户)?"
                         r"|(?P<who2>[^,,]{1,8}?)(?:又)?回来(?:上班|工作)了")   # (小王回来了: from an errand, maybe)
_STAFF_ROLE = re.compile(r"(?:把|将)?(?P<who>[^,,]{1,8}?)(?:升为|升成|升职为|升职成|提拔为|提为|降为|降成|降职为|调整为|改为|改成|设为|设成|任命为|当)"
                         r"(?P<role>店长|店员|员工|采购员|采购|经理|管理员)(?:了)?")
_RETIRE = _said_of_a_product("下架|停用|停售|停卖|不卖了|不再卖了?|不进了|不做了|删掉|删除", "下架|停用|停售|删除|删掉")
_RESTORE = _said_of_a_product("重新上架|重新启用|恢复销售|恢复|又开始卖了?|重新卖", "恢复|启用|重新启用|重新上架|上架")
# what is past its date, thrown away whole (过期的牛奶扔了 · 把过期的都报损 · 过期的东西全部处理掉)
_EXPIRED_OUT = re.compile(r"(?:已经)?过期(?:了)?的[^,;]{0,12}?(?:都|全部|全|统统|一起)?"
                          r"(?:扔了|扔掉|报损了?|处理掉了?|处理了|倒掉了?|倒了|丢掉了?|丢了|销毁了?|报废了?)")
# a clause saying goods will soon expire (…,其中1箱快过期了 · …,日期比较近): a note on the write, never a loss
_NEAR_EXPIRY = re.compile(r"[,;]\s*(?:其中|但是?|不过)?[^,;]{0,8}?(?:快|要|即将|马上|就要|快要|临近)(?:过期|到期)了?[^,;]*$"
                          r"|[,;]\s*(?:其中)?[^,;]{0,8}?(?:日期|保质期)(?:比较|有点|很)?(?:近|短)了?[^,;]*$")
# a place short of goods, and what is sent it (南山店缺可乐,发2箱过去 · 福田店没有土豆了,送3袋过去)
_SHORT_OF_SEND = re.compile(r"(?P<to>[^,,\s]{1,8}?(?:店|仓))(?:缺|缺了|没有|没)(?P<what>[^,,\s\d]{1,10}?)了?[,,\s]+"
                            r"(?:先|马上|赶紧)?(?P<v>发|送|调|拿)(?:了)?(?P<q>[\d一二两三四五六七八九十半]+\S{0,3}?)(?:过去|给它|给他们)?")
# a day's takings said as a number (今天营业额3500 · 收入4200元 · 流水5000 · 卖了3500块钱): nothing to record
_REVENUE_SAID = re.compile(r"(?:今天|今日|昨天|昨日|本日|当天)?的?(?:(?:营业额|营收|收入|流水|销售额|进账)"
                           r"(?:是|有|共|一共|总共|:)?\s*\d+(?:\.\d+)?\s*(?:元|块钱?|块)?"
                           r"|(?:一共|总共)?卖了\s*\d+(?:\.\d+)?\s*(?:元|块钱?|块))"   # (卖了3 alone: 3 of the last product)
                           # …,微信3000现金2000: how it was paid, said after
                           r"(?:[,,;\s]*(?:其中)?(?:微信|支付宝|现金|刷卡|银行卡|美团|饿了么|抖音)\s*\d+(?:\.\d+)?\s*(?:元|块钱?|块)?)*")
# the bookings asked about (明天的预定有哪些 · 这周有什么包桌 · 预定列表) or called off (取消明天的包桌 · 周六的宴席不办了)
_BOOKING_WORD = r"(?:预定|预订|预约|包桌|订桌|宴席|宴会|酒席|喜宴|婚宴|寿宴|聚餐)"
# 张女士改到后天下午4点 · 明天的包桌改到周六中午 · 把王总的预约推迟到晚上7点: bookings moved
_BOOKING_MOVE = re.compile(r"(?:把)?(?P<pre>[^,?]{1,16}?)(?:改到|改成|改在|推迟到|推到|延到|延期到|延后到|提前到|挪到|换到|调到)"
                           r"(?P<to>.*?)[\s,.!。]*")
# a booking moved by a span (王总的理疗推迟一小时 · 张女士的预约提前半小时 · 把明天的包桌往后推一个小时 · 晚半个小时)
_SHIFT_SAID = re.compile(r"推|提前|提早|延|晚|早|挪")
_BOOKING_SHIFT = re.compile(r"(?:把)?(?P<pre>[^,?]{1,16}?)(?P<dir>往后推|往前推|向后推|向前推|往后挪|往前挪|推迟|推后|延后|延迟"
                            r"|提前|提早|晚|早)(?:了)?(?P<n>\d+(?:\.\d+)?|[一二两三四五六七八九十]+)?(?:个)?(?P<half>半)?(?:个)?"
                            r"(?P<u>小时|钟头|分钟)")
_DAY_PARTS = "|".join(sorted(dates.PARTS, key=len, reverse=True))
_PERSON = re.compile(r"(?:女士|先生|小姐|老师|阿姨|总|哥|姐|老板|太太|同学|师傅)(?:的)?$")
_DAYS_AHEAD = r"今天|明天|后天|大后天|这周[一二三四五六日天]?|下周[一二三四五六日天]?|周[一二三四五六日天]|星期[一二三四五六日天]|本周|周末"
_BOOKING_TOLD = re.compile(r"有(?:个|一个|场|一场|\d|[一二两三四五六七八九十]+(?:个|场|桌))|[订定]了|[办摆](?:个|一个|场|一场)?(?:酒|宴)|[办摆开](?:\d|[一二两三四五六七八九十])")
# how many a booking is for (20人的包桌 · 订了8位): its guests
_GUESTS = re.compile(rf"(?P<n>{numbers.NUMBER})\s*(?:个)?(?:人|位)(?!份)")
MAX_GUESTS = 10_000
_BOOKINGS_Q = re.compile(rf"(?:有)?(?:哪些|什么|几个|几场|多少|啥)(?:的)?{_BOOKING_WORD}|{_BOOKING_WORD}(?:有哪些|有什么|列表|情况|清单|安排)")
# when someone comes next (王总下次来是什么时候 · 张女士什么时候再来): their bookings to come
_NEXT_VISIT = re.compile(r"(?:下次|下一次|下回)(?:来|到店|过来)(?:是)?(?:什么时候|哪天|几号|几点|啥时候)|(?:什么时候|啥时候|哪天)(?:再|还)来")
# 明天的预约 · 张女士的预约 · 王总的包桌是几点 (the bookings of those days, or of whom the note names)
_BOOKINGS_OF = re.compile(rf"(?P<pre>[^,?]{{0,12}}?)(?:的)?{_BOOKING_WORD}(?:是)?(?:什么时候|几点|哪天|时间)?[?吗呢]*")
# someone booked today who did not come (张女士没来 · 王总爽约了 · 李先生放鸽子了)
_NO_SHOW = re.compile(r"(?:今天)?(?P<who>[^,?\d\s]{1,8}?)(?:今天|刚才)?(?:没来|没有来|没到店|爽约了?|放(?:了)?(?:我们)?鸽子了?|没过来)")
_BOOKINGS_OFF = re.compile(rf"(?:取消|退掉|撤销|删掉|删除)(?:了)?.{{0,8}}?{_BOOKING_WORD}"
                           rf"|{_BOOKING_WORD}.{{0,4}}?(?:取消了?|退了|不要了|不办了|不来了|黄了)")
# how a sale was paid, or a return refunded (卖了手机壳3个,微信收款 · …,现金 · …,刷卡 · 卖了耳机1副微信付的)
_PAID_WITH = tenders.PAID_WITH   # (the cash-up's words; 其他 names no way)
_WITH = tenders.WITH
_PAID_HOW = r"(?:收款|支付|付款|付的|付|结账|结的|结|转账|转的|转|收的|扫的|扫码|退款|退的|退)?(?:了|的)?"   # (微信…)
_PAID_PART = re.compile(rf"(?:客人|顾客)?(?:都|全|全部|全都|一共|总共)?(?:用|付了?|收了?|走|是|退了?|退给他|退的)?(?P<m>{_WITH}){_PAID_HOW}[。!]?")
_PAID_TAIL = re.compile(rf"(?P<m>{_WITH})(?:收款|支付|付款|付的|结账|结的|转账|转的|扫的|扫码|退款|退的)(?:了|的)?[。!]?$")
# 刚才那笔是微信付的 · 不对,是现金: a correction of how the last sale was paid
_PAID_FIX_HEAD = re.compile(r"(?:那笔|这笔|那单|这单)?(?:是|应该是|其实是|改成|换成)?(?:客人)?(?:用)?")
_PAID_FIX = re.compile(_PAID_FIX_HEAD.pattern + rf"(?P<m>{_WITH}){_PAID_HOW}")
_TILL_METHOD_ASKED = re.compile(
    rf"(?P<span>{_DAYS_PAST})?的?"
    rf"(?:(?P<m>{_WITH})(?:收款|支付|付款)?(?:一共|总共)?(?:收了|收入|收到|进账|到账|收款)了?(?:多少钱?|几多钱?|多少)"
    rf"|(?:一共|总共)?收了?(?:多少|几多)(?:钱的?)?(?P<m2>{_WITH})(?:的钱|收款)?"
    rf"|(?P<m3>{_WITH})(?:收款|的钱|的收款)(?:是|有|一共|总共)?(?:多少钱?|几多))[?？吗呢]*")
# a write's words asked about (``Parser._asked_not_done``)
_ASKED_IS_IT = re.compile(r"(?:是不是|是否)\S{0,3}?(?:卖完|卖光|没了|没货|缺货|只剩|还剩|剩|还有|用完|用光|不够|够)")
# whether goods came or went, asked with the write's words (是不是收到牛腩50斤了 · 牛腩收到50斤没有 · 可乐卖了10箱吗)
_ASKED_CAME = re.compile(r"(?:是不是|是否|有没有)\S{0,4}?(?:收到|到了|送来|进了|卖了|卖出|(?:少|多)(?:收|进|给|卖|送|算)了?)"
                         r"|(?:收到|送到|到|送来|进|卖)了?[^,;?]{0,8}?(?:没有|没|吗|了吗|了没)[?]*$")
_ASKED_SHOULD = re.compile(r"(?:要不要|该不该|需不需要|需要不需要|用不用|是不是该|是不是要|是否需要|是否要)(?:再|多)?"
                           r"(?:进|订|买|补|采购|下单|备)")
_ASKED_COSTS = re.compile(r"(?:进|买|采购)(?:一|每)?\S{0,6}?(?:多少钱|什么价|几块钱?)|(?:赚|挣)(?:多少|几)")
_IN_STOCK_ASKED = re.compile(r"[,\s](?:还)?(?:有货吗|有没有货|有货没有?|够不够|够吗|还有吗|有吗|有没有|能不能给|能给吗)[?？]*$")
_ASKED_HOW_MUCH = re.compile(r"多少|几多|[?？]\s*$")
# the cash the day left in the till: 钱箱里应该有多少钱 · 现金有多少 · 收银机里应该有多少现金 · 抽屉里现在有多少现金
_TILL_DRAWER_ASKED = re.compile(
    rf"(?P<span>{_DAYS_PAST})?的?"
    rf"(?:{_DRAWER}(?:里面?|中)?的?(?:现金|钱)?(?:现在|应该|应当|目前|还|一共|总共)*(?:有|剩|剩下|是|放着?)?了?(?:多少|几多)(?:现金|钱)?"
    r"|(?:现在|目前|手上|手里|店里)*的?现金(?:现在|应该|应当|目前|还|一共|总共)*(?:有|剩|剩下|是)了?(?:多少|几多)钱?"
    r"|(?:现在|目前)?(?:应该|应当)(?:有|剩|剩下)(?:多少|几多)现金"
    # 昨天的账对不上,少了50 · 今天现金对不上: what the till should hold, beside what was counted
    rf"|(?:账|账目|钱|现金|{_DRAWER}里?的?(?:钱|现金)?){intents.OFF_BOOKS}了?"
    r"(?:[,,]?(?:少|多|差)了?\d+(?:\.\d+)?(?:元|块钱|块)?)?)[?？吗呢]*")
_TILL_METHODS_ASKED = re.compile(
    rf"(?P<span>{_DAYS_PAST})?的?"
    r"(?:(?:各种|各个|每种|每个|不同|各)(?:付款|支付|收款)?方式(?:各|分别)?(?:收了?|收入|收到|是)?(?:多少钱?)?"
    r"|(?:按|分)(?:付款|支付|收款)方式(?:看|算|统计|分)?的?(?:收款|收入|营业额)?(?:多少钱?)?"
    r"|收款(?:明细|情况|方式|构成|分布|汇总)|(?:现金|微信|支付宝)(?:和|、|跟|与)(?:现金|微信|支付宝)(?:各|分别)(?:收了?)?(?:多少钱?))"
    r"[?？吗呢]*")
_PAID_TAKEN = re.compile(rf"(?:实收|收了?|实际收了?|一共收了?|总共收了?)(?P<m>{_WITH})\s*{numbers.NUMBER}")


def _as_boxes(cmd: commands.Command, lex: lexicon.Lexicon, *, priced: bool) -> commands.Command:
    """English "2 boxes of earphones", read as 箱 (the grammar's), in the product's 盒 where it has one: a box is the
    smaller pack when a product comes in both (耳机: 盒=5, 箱=50). ``priced``: its price was said a box, so it is a
    盒's too."""
    if isinstance(cmd, commands.Batch):
        return replace(cmd, parts=tuple(_as_boxes(c, lex, priced=priced) for c in cmd.parts))  # type: ignore[misc]
    lines_ = getattr(cmd, "lines", None)
    if not lines_:
        return cmd
    out = []
    for ln in lines_:
        p = lex.product(ln.sku) if ln.sku in lex.products else None
        if p is None or ln.unit != "箱" or ln.raw_qty is None or "盒" not in p.packs or "箱" not in p.packs:
            out.append(ln)
            continue
        ratio = p.packs["箱"] / p.packs["盒"]
        price = ln.unit_price * ratio if priced and ln.unit_price is not None else ln.unit_price
        out.append(replace(ln, qty=units.normalize(ln.raw_qty * p.packs["盒"]), unit="盒", unit_price=price))
    return replace(cmd, lines=tuple(out))  # type: ignore[call-arg,arg-type]


def _guests_said(moved: re.Match[str]) -> bool:
    """张女士改成3个人 · 明天的包桌改成25人 (``_BOOKING_MOVE``'s): how many are coming to a booking, said of someone's
    or of a booking (王总那桌改成12位)."""
    pre = moved.group("pre")
    return _GUESTS.fullmatch(re.sub(r"[\s,.!。了]+$", "", moved.group("to"))) is not None and bool(
        re.search(_BOOKING_WORD, pre) or _PERSON.search(pre) or re.search(r"(?:那|这|的)桌$", pre))


def _whose(said: str) -> str:
    """Whom bookings are for, from the words before them (张女士的预约 · 取消王先生明天的 · 把王总的包桌): what is left once
    the verbs, the days and times, the booking's words and the fillers are taken out; "" for everyone's."""
    said = re.sub(rf"\x00|(?:取消|退掉|撤销|删掉|删除)(?:了)?|的|把|那场|那桌|人数|有(?:哪些|什么)|{_BOOKING_WORD}|{_DAYS_AHEAD}"
                  rf"|{_DAY_PARTS}|\d+点(?:半|\d+分?)?|\s", "", said)
    return said if 1 < len(said) <= 8 and not re.search(r"[\d,?]|多少|几|哪|什么|啥|谁|所有|全部", said) else ""


def _at_tier(got: Result, lex: lexicon.Lexicon, tier: str) -> Result:
    """A sale (or a customer's order) said at a price list's prices (…,按批发价): each line not priced otherwise at its
    product's price on ``tier``; a product without one is asked about, nothing recorded. Anything else: as it is."""
    if not isinstance(got, commands.Parsed):
        return got
    cmd = got.command
    sale = isinstance(cmd, commands.PlaceSale) or (isinstance(cmd, commands.RecordMoves)
                                                   and cmd.movement == commands.Movement.SALE)
    if not sale:
        return got
    assert isinstance(cmd, commands.PlaceSale | commands.RecordMoves)
    priced = []
    for ln in cmd.lines:
        price = catalog.tier_price(lex.product(ln.sku), tier)
        if ln.unit_price is None and price is None:
            return commands.Clarify("tier_price_missing", mention=ln.sku, detail=tier)
        priced.append(ln if ln.unit_price is not None else replace(ln, unit_price=price))
    return replace(got, command=replace(cmd, lines=tuple(priced)))


def _paid_by(a: scan.Analysis) -> tuple[str, str] | None:
    """A sale's (or a return's) payment method said, and the part of the message that said it (a part alone:
    ,微信收款 · ,现金; at its end: …微信付的; with the money: 实收微信87), never inside a name (美团团餐). Paid several
    ways (微信60现金27 · 一半微信一半现金): ``ledger.split_method``'s."""
    if a.tenders:
        return ledger.split_method(a.tenders), a.tenders_said
    if a.tender_counts:   # (3瓶微信2瓶现金: each way's money once the goods are priced, ``_by_count``)
        return ledger.split_method([(k, None) for k in dict.fromkeys(k for k, _, _ in a.tender_counts)]), a.tenders_said
    taken = [(e.start, e.end) for e in a.entities]

    def free(m: re.Match[str], at: int) -> bool:
        return not any(s < at + m.end("m") and at + m.start("m") < e for s, e in taken)

    at = 0
    for part in re.split(r"([,;!?、\n\s]+)", a.s):
        m = _PAID_PART.fullmatch(part)
        if m is not None and at > 0 and free(m, at):
            return _PAID_WITH[m.group("m")], part
        at += len(part)
    m = _PAID_TAIL.search(a.s) or _PAID_TAKEN.search(a.s)
    if m is not None and free(m, 0):
        return _PAID_WITH[m.group("m")], ""
    return None


def _paid_as_received(a: scan.Analysis, cmd: commands.RecordMoves, *, part: bool = False,
                      owed: Decimal | None = None) -> commands.RecordMoves:
    """A supplier's goods said paid as they came (收到张记牛腩50斤,现结 · …,现金付的 · …,付了1000 · …,现金1000 · …,微信600
    现金1000): paid, with how when said. The money said is what the goods came to when it is all that prices them (one
    line: its price, as 共1000 is); else it is what was paid of them (…,单价32,付了1000: 1000 of 1600, the rest still
    owed). Said paid in ``part`` (先付了1000 · …,剩下的下次给), it is a part, never their price, and with what is
    ``owed`` besides, the two are what they came to."""
    said_pay, amount, said = _money_paid(a)
    if not said:
        return cmd
    ls = cmd.lines
    part = part or _PAID_FIRST.search(a.s) is not None
    if part and amount is not None and all(pr is said_pay for pr in a.prices):
        ls = tuple(replace(ln, unit_price=None) for ln in ls)   # (付了1000 of 50斤: not what they came to)
    if amount is not None and len(ls) == 1 and ls[0].unit_price is None and ls[0].qty > 0 and (not part or owed):
        ls = (replace(ls[0], unit_price=units.normalize((amount + (owed or 0)) / ls[0].qty)),)   # (现金1000: 50斤's)
    priced = all(ln.unit_price is not None for ln in ls)
    value = sum((ln.qty * (ln.unit_price or Decimal(0)) for ln in ls), Decimal(0))
    part_paid = amount if amount is not None and (part or not priced or abs(value - amount) >= Decimal("0.01")) else None
    method = _paid_by(a)
    return replace(cmd, lines=ls, paid=True, paid_amount=part_paid, method=method[0] if method else cmd.method)


def _money_paid(a: scan.Analysis) -> tuple[scan.Price | None, Decimal | None, bool]:
    """Goods said paid as they moved (现结 · 付了1000 · 花了1000 · 现金1000 · 微信600现金1000): the price read from 付了1000, if
    any, the money said, if any, and whether payment was said at all."""
    said_pay = next((pr for pr in a.prices if pr.total and a.s[pr.start:pr.end].lstrip(" ,").startswith(("付", "花"))), None)
    named = [v for _, v in a.tenders]
    amount = sum((v or Decimal(0) for v in named), Decimal(0)) if named and None not in named \
        else said_pay.value if said_pay is not None else None
    alone = any(_PAID_PART.fullmatch(part.strip()) for part in re.split(r"[,;,;]", a.s)[1:])   # (…,现金: paid so)
    return said_pay, amount, _PAID_NOW.search(a.s) is not None or said_pay is not None or bool(named) or alone


def _paid_with(a: scan.Analysis) -> str | None:
    """How a payment on an account was made: as a sale says it (,微信), else its words anywhere outside a name
    (团餐微信转了3000; not 美团团餐's 美团)."""
    said = _paid_by(a)   # (团餐付了3000,微信 · 团餐付了3000,微信2000现金1000: ``ledger.split_method``'s)
    if said is not None:
        return said[0]
    taken = [(e.start, e.end) for e in a.entities]
    return next((_PAID_WITH[m.group(0)] for m in re.finditer(_WITH, a.s)
                 if not any(s < m.end() and m.start() < e for s, e in taken)), None)


# a customer's purchase paid as it went (盒马买了可颂10个,付了现金 · 现结 · 微信付的): its value is its payment
def _money_amount(value: Decimal) -> bool:
    """An amount of money as it may be kept: more than nothing, in whole fen, not absurdly large."""
    return value > 0 and not units.too_large(value) and value == value.quantize(Decimal("0.01"))


# 团餐充值1000送100 · 预存2000元赠送200: what was paid ahead, and the credit given on top
_TOPUP_BONUS = re.compile(rf"(?:充值|充了|预存|储值)了?\s*(?P<n>{numbers.NUMBER})\s*(?:元|块钱?)?\s*[,,]?\s*"
                          rf"(?:送|赠送?|另送|加送)了?\s*(?P<b>{numbers.NUMBER})\s*(?:元|块钱?)?")
# a supplier's goods paid in part as they came: 先付了1000 · …,付了1000,剩下的下次给 · 余款月结 · 还欠600
_PAID_FIRST = re.compile(r"先(?:付|给|结)了?")
_LATER = r"(?:下次|下回|月底|月末|回头|以后|过几天|改天|明天|后天|周末)?(?:再)?(?:给|付|结|还)"
_REST_OWED = re.compile(rf"[,,;;\s]*(?:(?:剩下|剩余|其余|余下)的?(?:钱|款|货款)?|余款|尾款)(?:先)?(?:欠着|赊着|挂账|记账|月结|{_LATER})"
                        rf"(?:了)?[。!]?(?=$|[,,;;\s])|[,,;;\s]*还欠(?:他|张记)?\s*(?P<n>{numbers.NUMBER})\s*(?:元|块钱|块)?(?=$|[,,;;\s])")
_PAID_NOW = re.compile(r"(?:付了?|给了?|收了?|用|扫)?(?:现金|现款|微信|支付宝|码|刷卡|银行卡)(?:付|支付|结|转)(?:了|的|清了?)?"
                       r"|(?:付|收|给)了?(?:现金|现款)|现结|现付|当场(?:付|结|给)|(?:钱|款|货款)(?:已经?|都)?(?:付|结|给)(?:了|清了?)"
                       r"|(?:已经?|都)(?:付款|付清|结清|结账|付过)了?|付过(?:钱|款)?了")
_ADD_PRODUCT = re.compile(r"^(?:请|帮我)?(?:新增|添加|增加|新建|加一个|加个|建一个|录入|上架)(?:一个|一种|一道|一款|个|道|款)?(?:新)?(?:商品|产品|货品|品种|物料|新品|菜品|菜|饮品|菜式)"
                          r"[:\s,]*(?P<name>[^,;:\s\d()()]{1,12}?)(?P<rest>(?:[,;:\s()()].*)?)$")
_NUMBERED_ARRIVED = re.compile(r"(?:采购单|调拨单|调货单|订单|单子?|单号)\s*(?:#|号|No\.?)?\s*(?P<id>\d{1,6})\s*(?:号)?(?:的货|的东西|那批货)?"
                               r"(?:都|已经|已|刚)?(?:到了|送到了|送来了|到货了|收到了|来了|到齐了)")
_NUMBERED_COLLECTED = re.compile(r"(?:客户订单|订单|单子?|单号)\s*(?:#|号|No\.?)?\s*(?P<id>\d{1,6})\s*(?:号)?(?:的货|的东西)?"
                                 r"(?:客户)?(?:都|已经|已|刚)?(?:来)?(?:提货了|提走了|拿走了|取走了|取货了|提完了|被提走了)")
_ARRIVED_Q = re.compile(r"(?:到了|来了|送到了|送来了|到货了|到|来)(?:吗|没有?|么|嘛)[?\s]*$|(?:到|来)没(?:到|来)")
_SENDS_Q = re.compile(r"(?:送|送货|发货|来送货)[^,;]{0,8}?(?:吗|(?<!什)么|嘛|不)[?\s]*$|送不送|来不来送")
_REPEAT_ORDER = re.compile(r"(?:再|重新|还)?(?:订|下单|下|进|采购|要)(?:一次|一遍|一单|一份|个)?(?:跟|和|照|按)?(?:上次|上周|上一次|上回|上一单|上次那单)"
                           r"(?:一样|同样)?的?(?:货|单|订单)?|(?:照|按|跟)(?:上次|上周|上回|上一单)(?:一样|的)?(?:再)?(?:订|下单|下一单|进)(?:一份|一单|一次|一遍)?"
                           r"|(?:再|重新)(?:订|下)(?:一次|一遍|一单)$")
# a product's order said as the last one (订牛腩,跟上次一样 · 牛腩照上次的量订 · 土豆还是按上回那么多订)
_AS_LAST = re.compile(r"(?:跟|和|照|按|同)(?:上次|上回|上一次|上周|上一单)(?:的)?(?:一样|那样|同样|量|数量|那么多|一样多|的量|的数)")
_ORDER_SAID = re.compile(r"订|下单|采购|补货|要货")
_OPENED = re.compile(r"\s*(?:拆开|拆了|打开|开封|开了)(?:了)?(?:之后|以后|后)?[,\s]*")
_OPENED_BEFORE = re.compile(r"(?:拆开|拆了|打开|开封了?|开了)\s*$")
# 可颂卖剩3个 · 牛奶用得只剩2升 (not 牛奶用剩的2升倒掉了: what was left over is the subject, thrown away alone)
_SOLD_BUT = re.compile(r"(?:卖|用)(?:得|到)?(?:只)?剩(?:下)?(?:了)?(?!的|下的)")
_MK = ledger.MoveKind
# an earlier write named by its day first, then corrected (把昨天卖的可乐改成3箱 · 昨天那笔可乐不是3箱是2箱 ·
# 昨天的可乐记错了,应该是3箱) or undone (撤销昨天收的牛奶 · 昨天报损的土豆删掉)
_EARLIER_FIX = re.compile(r"(?:把|将)?(?P<ref>[^,;]{2,24}?)(?:的数量|数量)?"
                          r"(?:(?:[,\s]*(?:记|录|写|输|打|搞|弄)错了|[,\s]*不对)[,:;\s]*(?:应该是|应为|其实是|应该|是|改成|改为)?"
                          r"|[,:;\s]*(?:应该是|应为|其实是|应该|要改成|应改为|改成|改为|(?P<not>(?<!是)不是))"
                          r"|是(?=[^,;\d]{1,8}?(?:送的|送来的|买的|拿的|家的)$))(?P<tail>[^;]*\S)")   # …是团餐买的
_EARLIER_UNDO = re.compile(r"(?:请|帮我|麻烦)?(?:撤销|撤回|删掉|删除|作废)(?:掉)?(?:把|将)?(?P<ref>[^,;]{2,24})"
                           r"|(?:把|将)?(?P<ref2>[^,;]{2,24}?)(?:撤销|撤回|删掉|删除|删了|作废|不算|取消)(?:掉|吧|了|一下)*")
# a write said to belong to another day (刚才那笔是昨天的 · 刚才那笔记到昨天 · 不对,是昨天卖的 · 日期错了,是6月12号 ·
# 把今天卖的可乐改到昨天 · 刚才卖的可乐是昨天下午的): ``Parser._redate``'s
_REDATE_HINT = re.compile(r"是|记到|记在|记成|算到|算在|算|改到|改成|改为|挪到|移到|放到|放在|写到|写在|录到|录在|归到|归在")
_DAY_WORD = re.compile(r"[昨今前天号日周月]|星期|礼拜|上午|下午|早上|晚上|中午")   # (a day said at all: cheap)
_REDATE = re.compile(
    r"(?:(?P<fix>不对|错了|搞错了|记错了|写错了|弄错了|(?:日期|日子|时间)(?:错了|不对|记错了|写错了|搞错了|弄错了)"
    r"|记错(?:日期|日子|时间)了|(?:日期|日子)记错了)[,,:;\s]*)?"
    r"(?:把|将)?(?P<ref>[^,;]{0,24}?)(?:的日期|日期|的日子|日子)?[,\s]*(?:应该|其实|要)?"
    r"(?:是|记到|记在|记成|算到|算在|算|改到|改成|改为|挪到|移到|放到|放在|写到|写在|录到|录在|归到|归在|应为|应是)"
    r"(?P<when>[^,;]{1,14}?)(?:那天)?(?:的|(?:卖|收|到|进|用|领|报损|报废|送|送来|退|调|盘|做|烤|来|买)的|的事|的账)?"
    r"(?:才对|了|吧|哈|啊)?")
# the speaker's last write, named so (刚才那笔 · 上一条 · 这单 · 刚才卖的)
_JUST_NOW_REF = re.compile(r"(?:刚才|刚刚|方才|上一笔|上一条|上一单)?(?:的|那|这)?(?:笔|条|单|个|次)?"
                           r"(?:那笔|这笔|那条|这条|那单|这单)?" + intents.DONE_WHAT + r"?")
# an earlier write named as the last of its kind, not by its day (上次收的牛腩 · 最近一次卖的可乐 · 上一次报损的土豆)
_LAST_TIME = re.compile(r"(?:上次|上回|上一次|上一回|最近一次|最近那次|最后一次|最近一笔|最后一笔)")
LAST_DAYS = 90   # how far back 上次 looks
# a sale said at a price list's prices (王记拿了100个手机壳,按批发价 · …,走会员价算)
_AT_TIER = re.compile(r"[,\s]*(?:都|全部|统一)?(?:按|走|用|算|给)(?P<tier>批发|会员)价(?:格)?(?:算|卖|结|出|给|拿)?(?:的|吧)?")
# goods put elsewhere in the store (可乐搬了2箱到冰柜 · 把2箱可乐放进冰箱 · 把20斤牛腩放冷冻 · 牛腩冻了20斤 · 解冻了5斤牛腩),
# which moves no stock; what is sold, used or lost there (拿到前台卖了2瓶) is ``_NOT_SHELVED``
_SPOTS = (r"冰柜|冰箱|冷柜|冷库|冷藏室|冷藏柜|冷藏|冷冻室|冷冻柜|冷冻库|冷冻|冻库|货架|架子|前台|吧台|后厨|厨房|展示柜|柜台|柜子|橱窗"
          r"|楼上|楼下|二楼|2楼|三楼|3楼|地下室")
_SHELVED = re.compile(rf"(?:搬|放|挪|移|摆|拿|转|装|收|补|上)(?:了|好了|好)?[^,;。]{{0,10}}?(?:到|进|入|上|去|在)(?:了)?(?:{_SPOTS})"
                      rf"|(?:放|挪|搬|收)(?:{_SPOTS})|(?<![解])冻(?:了|上了|起来了?|好了)|解冻(?:了)?|冷冻了|冷藏了"
                      r"|上架了?(?=\s*[\d一二两三四五六七八九十])")   # (可乐上架了10瓶: onto the shelves)
_NOT_SHELVED = re.compile(r"卖|售|用了|用掉|报损|扔|坏|过期|送给|客人|顾客|收到|到货(?!架)|送来|进货|入库|多少|几|吗|呢|[?？]")
# a receipt's goods named as this batch, or as received just now or on a day, before when they expire
_BATCH_SAID = re.compile(r"(?P<last>这批|这一批|那批|刚才那批|刚才这批|刚才?(?:收|到|进|来)的(?:这批|那批)?)"
                         r"|(?P<day>[^,\d]{2,6}?)(?:收|到|进|来)的(?:这批|那批)?")
_EXPIRY_SAID = re.compile(r"保质期|保鲜期|有效期|过期|到期|生产日期")
_NOT_A_WRITE = re.compile(r"订单|订的|下的单|单子|调拨单|采购单|进货单|申请|提醒|规则|付款|收款|还款|付的钱|货款"
                          r"|明天|后天|下周|下个?月|" + _BOOKING_WORD)   # (删掉今天的聚餐: the bookings)
# the words of a reference that name no product (昨天卖的 · 那笔 · 收到的)
_REF_WORDS = re.compile(r"[的了那这笔条次单我都刚把给向从跟]|记录|记的|说的|全部|所有|卖掉?|售出?|销售?|收到?|进货?|入库|到的|来的|报损|报废|坏掉?|扔掉?|损耗"
                        r"|碎|调拨?|拨|用掉?|领用?|盘点?|退回?|做|烤|生产|出炉|送")
_A_RECORD = re.compile(r"那笔|那条|那次|那单|这笔|这条|记录|记的")
# the move kinds a reference names (昨天卖的 · 上午收的 · 周一报损的)
_REF_KINDS = ((re.compile(r"卖|售|销"), ("sale",)), (re.compile(r"收|进|入库|到的|来的"), ("receipt",)),
              (re.compile(r"报损|报废|坏|扔|损耗|碎"), ("scrap",)), (re.compile(r"调|拨"), ("transfer_out",)),
              (re.compile(r"用|领"), ("consumption",)), (re.compile(r"盘"), ("count_adjustment",)),
              (re.compile(r"退"), ("return_to_supplier", "customer_return")),
              (re.compile(r"做|烤|生产|出炉"), ("production",)))
_PART_OF_DAY = re.compile(r"凌晨|早上|早晨|今早|上午|中午|下午|傍晚|晚上|昨晚|夜里")
_PARTS_OF_DAY = {"凌晨": (0, 6), "早上": (4, 11), "早晨": (4, 11), "今早": (4, 11), "上午": (5, 12), "中午": (11, 14),
                 "下午": (12, 19), "傍晚": (16, 20), "晚上": (17, 24), "昨晚": (17, 24), "夜里": (20, 24)}
# the speaker's newest writes undone, that many (撤销最后两条 · 撤销刚才3笔 · 刚才那两笔都撤销 · 最近三条入库删掉)
_UNDO_HINT = re.compile(r"撤|删|作废|不算|取消")
_FEW_SAID = (r"(?:刚才|刚刚|最后|最近|最新|上面|前面|之前)(?:的|那|这)?(?P<{n}>\d{{1,2}}|[二两三四五六七八九十])(?:笔|条|个|次|单)"
             r"(?:记录|操作|入库|出库|销售|收货|进货|报损|盘点|调拨|领用)?")
_UNDO_FEW = re.compile(r"(?:请|帮我|麻烦)?(?:(?:撤销|撤回|删掉|删除|作废)(?:掉)?(?:我)?" + _FEW_SAID.format(n="n")
                       + r"|(?:把)?(?:我)?" + _FEW_SAID.format(n="n2") + r"(?:都|全部|全都|一起)?(?:撤销|撤回|删掉|删除|删了|"
                       r"作废|不算|取消)(?:掉|吧|了|一下)*)[!.~。]*")
_UNDO_FEW_MAX = 10
_UNDO_KINDS = {"入库": (_MK.RECEIPT,), "收货": (_MK.RECEIPT,), "进货": (_MK.RECEIPT,), "销售": (_MK.SALE,),
               "出库": (_MK.SALE, _MK.CONSUMPTION), "报损": (_MK.SCRAP,), "盘点": (_MK.COUNT_ADJUSTMENT,),
               "领用": (_MK.CONSUMPTION,), "调拨": (_MK.TRANSFER_OUT, _MK.TRANSFER_IN)}


def _undo_kinds(bare: str) -> tuple[str, ...]:
    """The move kinds an undoing names (撤销刚才那笔入库 · 最近三条入库删掉: receipts); none: any."""
    said = next((k for w, k in _UNDO_KINDS.items() if w in bare), ())
    return tuple(k.value for k in said)


_MADE_INTO = re.compile(r"[,\s]*(?:用来|拿来|是用来|为了)?(?:做|炒|煮|炖|烧|做成)(?:了)?[^,\d]{1,8}(?:用的?)?[.!]*$")
# a report by the name a rule would send it by (rules.report_of: 今日小结 · 日报 · 库存日报), or 今天生意怎么样
_REPORT_NAMED = re.compile(r"(?:请|帮我|麻烦)?(?:给我|帮我)?(?:发|看|出|做)?(?:一下|一份|个)?(?:把)?(?:[^,\d]{1,4}?店的?)?"
                           r"(?P<name>[^,\d\s]{2,8}?)"
                           r"(?:发我|发给我|发一下|发过来|给我看看|给我看下|看看|呢)?")
# how a period went against another, nothing else named (这个月跟上个月比怎么样 · 今天比昨天好吗)
# a schedule rule's time changed (规则1改成每天早上8点 · 把规则2的时间改成晚上9点 · 提醒3改到下午3点)
_RULE_RETIME = re.compile(r"(?:把|将)?(?:第)?(?:规则|提醒)\s*(?:#|号|第)?\s*(?P<id>\d+)\s*(?:号)?(?:的)?(?:时间|提醒时间|发送时间)?"
                          r"(?:改成|改为|改到|调到|调成|换成|推迟到|提前到|挪到)(?P<when>[^,;]{2,20})")
_MANAGE_AFTER = re.compile(r"(?:把|将)?(?:第)?(?:规则|提醒)\s*(?:#|号|第)?\s*(?P<id>\d+)\s*(?:号)?(?:给我)?"
                           r"(?P<verb>暂停|停用|关掉|关闭|关了|停掉|停了|恢复|启用|重新启用|打开|开启|删除|删掉|删了|取消掉?|去掉|回测)"
                           r"(?:掉|一下|吧|了)*")
_COMPARED = re.compile(r"怎么样|如何|咋样|好吗|好不好|怎样|好些|差吗|差不差|(?:涨|降|多|少|好|差)了(?:吗|没有|多少)|比较|对比|相比"
                       # 今天比昨天 · 上周比上上周 · 这个月跟上个月比 · 同比: the comparison alone
                       r"|^\s*(?:今天|今日|昨天|这周|本周|上周|这个月|本月|上个月|今年)(?:的)?(?:比|跟|和|与)"
                       r"(?:昨天|前天|上上?个?(?:周|星期|礼拜|月)|去年)(?:比)?(?:呢|[?？])*\s*$|^\s*(?:同比|环比)(?:呢|[?？])*\s*$")
_BUSINESS_TODAY = re.compile(r"(?:今天|今日)?(?:的)?(?:生意|情况|营业情况)(?:怎么样|如何|咋样)?|今天怎么样")
_NOW_REPORTS = ("evening_summary", "stock_report", "sales_week", "anomalies")   # (the prep list has its own words and button)
_LEVEL_ASKED = ("库存", "库存情况", "今日库存", "库存清单", "库存表")   # names of a report that ask the level: a query
# barcodes: 8, 12, 13 or 14 digits standing alone (not a phone number's 11, not part of a longer number)
_BARCODE_IN = re.compile(r"(?<![\d.])(?:\d{8}|\d{12,14})(?![\d.])")
_BARCODE_BIND = re.compile(r"(?:条码|条形码|码)?(?P<code>\d{8}|\d{12,14})(?:就是|是|对应|对应的是)(?P<name>[^,\s\d]{1,8})")
_BARCODE_BIND_OF = re.compile(r"(?P<name>[^,\s\d]{1,8}?)的?(?:条码|条形码)(?:是|为|改成|设为)?(?P<code>\d{8}|\d{12,14})")
_SCAN_VERB = re.compile(r"\s*(?P<v>卖了|卖出|卖|售出|收到|收货|进货|盘点|报损|退货)[\s::,,]*")
_SCANS_ONLY = re.compile(r"[\s,,;;]*(?:(?:\d{8}|\d{12,14})[\s,,;;]*)+")
_ALIAS_IS = re.compile(r"(?:以后|今后)?(?:说|讲|写)?(?P<alias>[^,\s\d]{2,8}?)(?:就是|也就是|指的是|是指|等于|即)(?P<name>[^,\s\d]{1,8})")
_ALIAS_ALSO = re.compile(r"(?P<name>[^,\s\d]{1,8}?)(?:又叫|也叫|别名(?:是|叫)?|简称|俗称)(?P<alias>[^,\s\d]{2,8})")
_DECIDE = re.compile(r"(?:(?P<yes>同意|批准|通过|准了)|(?P<no>驳回|拒绝|不同意|不批准?|否决))(?:了)?(?:这个|这张|这笔)?"
                     r"(?:采购申请|采购单|申请|订单|单据|单子?)?\s*(?:#|No\.?)?\s*(?P<id>\d{1,6})?\s*(?:号)?(?:的)?(?:申请|单)?")
# a decision with why (驳回#3,太贵了 · 不同意,量太大 · 拒绝2号:供应商不对)
_DECIDE_WHY = re.compile(_DECIDE.pattern + r"\s*[,;::]\s*(?:因为|理由是?|原因是?)?(?P<why>[^\d].{0,40})")
# every order awaiting the speaker decided at once (全部同意 · 都批了 · 全部驳回)
_DECIDE_ALL = re.compile(r"(?:全部|都|全都|一起|统统)(?:(?P<yes>同意|批准|通过|批)|(?P<no>驳回|拒绝|不同意|否决))(?:了|吧)?"
                         r"|(?:同意|批准|通过)(?:全部|所有的?)(?:申请|单据|单子)?")
_EQUIPMENT = re.compile(r"(?:机|冰箱|冰柜|展示柜|柜子|货架|架子|烤箱|炉子?|灶台?|空调|水管|门锁|灯|设备|秤|电脑|打印机)"
                        r"(?:又|也|好像)?(?:坏了|坏掉了?|坏|出故障|故障|不能用了?|不制冷|不加热|漏水|停了|没电|倒了)")
_PART_OF = re.compile(r"其中[\x00\s]+?(?:是|为)?(?:卖给|给|被)?\x00+(?:的|买的|要的|订的|拿走的|拿的|提走的|提的|买走的)?[\s.!]*")
_PART_TO = re.compile(r"(?:给|送给|留给|发给|调给|拨给|送到|发到|调到|送去|转给)\x00")
_MAKING = re.compile(r"\s*(?:今天|刚才|早上|上午|下午|晚上)?\s*(?:做|烤|煮|炸|蒸|卤|为了做|为做|给)(?:了)?")
_SELF_FIX = re.compile(r"^(?P<head>.+?)[,\s]*(?:不对|不是|错了|说错了|打错了|写错了|[哦噢喔啊呃额]不|不不|更正|纠正"
                       r"|(?=应该是|其实是))[,\s]*"   # 上午收到牛腩20斤应该是25斤
                       r"(?:应该|其实)?(?:是|为)?\s*(?P<fix>[^,\s]+)$")
# 牛奶不是卖了2箱,是卖了1箱: what was wrong said first, then what is right
_NOT_BUT = re.compile(r"^(?P<pre>[^,]*?)不是(?P<wrong>[^,]+?)[,\s]*(?:而)?是(?P<right>.+)$")
_FIX_VERB = re.compile(r"^(?:卖了|卖出|卖|收到|收了|进了|用了|用掉|报损|剩|还剩|只剩)")


def _self_corrected(scanner: scan.Scanner, s: str, now: dt.datetime) -> str:
    """收到面粉3袋 不对 是2袋 · 收到牛奶2箱,哦不,3箱: the message with its last quantity replaced by the one that
    corrects it; 牛奶不是卖了2箱,是卖了1箱: what is right alone."""
    nb = _NOT_BUT.match(s)
    if nb is not None and scanner.analyse(nb.group("wrong"), now).qtys and scanner.analyse(nb.group("right"), now).qtys:
        return nb.group("pre") + nb.group("right")
    m = _SELF_FIX.match(s)
    if m is None:
        return s
    fix = m.group("fix")
    if scanner.qty_only(fix) is None:
        fix = _FIX_VERB.sub("", fix)   # 不对,是卖了3个
        if scanner.qty_only(fix) is None:
            return s
    head = m.group("head")
    qtys = scanner.analyse(head, now).qtys
    if not qtys or _BOOKS.search(head):   # (可颂系统里是40个,其实是35个: the books, then the shelf: a count)
        return s
    q = qtys[-1]
    return head[:q.start] + fix + head[q.end:]


def _signed(a: scan.Analysis) -> str | None:
    """A ledger's shorthand without a verb: every quantity right after its product with a sign, all + (a receipt)
    or all − (出库, a sale; the quantities are made positive in ``a``)."""
    signs = set()
    for q in a.qtys:
        before = a.masked[:q.start].rstrip()
        if before.endswith("+"):
            signs.add("+")
            before = before[:-1].rstrip()
        elif q.parts[0][0] < 0:
            signs.add("-")
        else:
            return None
        if not before.rstrip("-−－负 :").endswith(scan.MASK):   # (鸡蛋: +30)
            return None
    if signs == {"+"}:
        return "receipt"
    if signs == {"-"}:
        a.qtys = [replace(q, parts=[(abs(v), u) for v, u in q.parts]) for q in a.qtys]
        return "sale"
    return None


def _without(a: scan.Analysis, said: dict[int, tuple[int, int]]) -> scan.Analysis:
    """``a`` without the quantities starting at ``said``'s keys, each with the words around it (its span) masked."""
    chars = list(a.masked)
    for x, y in said.values():
        chars[x:y] = scan.MASK * (y - x)
    return replace(a, masked="".join(chars), qtys=[q for q in a.qtys if q.start not in said])


def _count_with_qty(a: scan.Analysis) -> bool:
    return bool(a.qtys) and bool(intents.COUNT.search(a.masked))


def _per_base(p: catalog.Product, ln: commands.Line, value: Decimal, ref: Decimal | None) -> Decimal:
    """A price said without its unit (收到可乐2箱,单价60元) per base unit: per the unit the line was said in when the
    product's known cost (``ref``, per base unit) says so — ¥60 a case of 24, not a bottle — else per base unit
    (鸡蛋3板,单价0.6元)."""
    if not ref or not ln.unit or ln.unit == p.base_unit or not p.accepts(ln.unit) or value <= 0:
        return value
    per_pack = value / p.to_base(Decimal(1), ln.unit)
    if abs(math.log(per_pack / ref)) < abs(math.log(value / ref)):
        return per_pack
    return value


def _bare_per_base(p: catalog.Product, ln: commands.Line, value: Decimal, ref: Decimal | None) -> Decimal:
    """An amount said alone after a line (收到牛腱2箱,560元) per base unit: the line's total, unless the product's known
    cost (``ref``, per base unit) is nearer the amount per pack (牛腱2箱,280元 at ¥14 a 斤) or per base unit."""
    if ln.qty <= 0:
        return value
    total = value / ln.qty
    if not ref or value <= 0:
        return total
    options = [total, value]
    if ln.unit and ln.unit != p.base_unit and p.accepts(ln.unit):
        options.append(value / p.to_base(Decimal(1), ln.unit))
    return min(options, key=lambda per: abs(math.log(per / ref)))


# a receipt's clause of what came free (…,赠送1箱 · …,还多送了2个): that line costs nothing when the rest is priced
_GIFT_CLAUSE = re.compile(r"(?:另外|还|又|再)?(?:赠送了?|赠了|赠品|白送了?|免费送了?|多送了?|多给了?|另送了?|送了)")
# a supplier's deal said on a receipt (收到手机壳10个,买十送一 · 收到可乐10箱,买5箱送1箱)
# a receipt's goods all given free, said after them (张记送了2斤牛腩,免费的 · …,白送的 · …,都是赠品); 没要钱 · 不要钱 ·
# 免单 are the scanner's adjustment (``scan.Adjusted`` "free"); 没给钱 is owed, never free
_CAME_FREE = re.compile(r"[,，;；\s](?:都是|全是|全部是?|都)?(?:免费(?:送)?的?|白送的?|赠送的|赠品|不收钱的?|没收钱)[。!！]*$")
# a sale's price said as what the discount left (打8折,折后4块 · 打完折4块一瓶): the price, no discount on it
_PRICE_AFTER_DISCOUNT = re.compile(r"折后|打完折|打折后|折扣价|优惠价|到手价?|实收")
_BUY_GET = re.compile(rf"买\s*(?P<b>{numbers.NUMBER})\s*(?P<bu>[^\d\s送]{{1,2}}?)?\s*送\s*(?P<f>{numbers.NUMBER})\s*"
                      r"(?P<fu>[^\d\s]{1,2})?")


def _gifts_free(s: str, ls: list[commands.Line], positions: list[int], *, sale: bool = False
                ) -> list[commands.Line] | None:
    """A receipt's lines said as given free (光明送来牛奶2箱,单价60,赠送1箱) marked so, at no cost when the product's
    other line names its price (else once a price agreed with the supplier prices it; without either, the free case is
    valued as the rest, at the recent cost); part of what came said free (其中1箱是赠品) split off what was bought.
    None: a part larger than what came (收到可乐3箱,其中5箱是赠品). ``sale``: the part of a sale said given away
    (可乐卖了3箱,其中1箱是送的) split off it the same way, marked, unpriced."""
    priced = {ln.sku for ln in ls if ln.unit_price is not None} if not sale else set()
    out: list[commands.Line] = []
    for ln, pos in zip(ls, positions, strict=False):
        clause = re.split(r"[,，;；。]", s[:pos])[-1]
        whole = clause + re.split(r"[,，;；。]", s[pos:])[0]
        part = re.match(r"\s*其中", whole) is not None and re.search(r"赠品|送的|赠送|免费", whole) is not None
        if ln.unit_price is None and ((_GIFT_CLAUSE.match(clause.strip()) and not sale) or part):
            of = next((i for i, x in enumerate(out) if x.sku == ln.sku and not x.gift and x.qty >= ln.qty), None)
            if part and of is None:   # (其中5箱是赠品 of 3: no part of anything)
                return None
            if part and of is not None and out[of].qty == ln.qty:   # 卖了1箱可乐,其中1箱免费: all of it
                out.pop(of)
            elif part and of is not None:   # 收到可乐6箱,其中1箱是赠品: 5 bought and 1 free, not 7
                out[of] = _less(out[of], ln.qty)
            ln = replace(ln, gift=True, unit_price=Decimal(0) if ln.sku in priced else None)
        out.append(ln)
    return out


def _broken_back(back: commands.RecordMoves, *, swapped: bool) -> commands.Batch:
    """A customer's return said broken (客人退了一副坏的耳机): back, then written off, never sold again; swapped for a
    new one (充电宝坏了1个,客人拿回来换): a new one of the same goes out in its place, at the price it came back at,
    so no money changes hands."""
    plain = tuple(replace(ln, unit="", raw_qty=None) for ln in back.lines)
    lost = replace(back, movement=commands.Movement.SCRAP, partner=None, note="退回的坏货", paid=False,
                   lines=tuple(replace(ln, unit_price=None) for ln in plain))
    if not swapped:
        return commands.Batch((replace(back, lines=plain), lost))
    return commands.Batch((replace(back, lines=plain, note="换新"), lost,
                           replace(back, movement=commands.Movement.SALE, lines=plain, note="换新")))


def _share_said(said: str) -> Decimal | None:
    """一半 · 三成 · 30% · 三分之一: the share of a whole said (0 < share < 1); None: none such."""
    if said in ("一半", "半数"):
        return Decimal("0.5")
    frac = re.fullmatch(r"(.+)分之(.+)", said)
    if frac is not None:
        whole, part = numbers.value(frac.group(1)), numbers.value(frac.group(2))
        share = part / whole if whole and part else None
    elif said.endswith("成"):
        tenth = numbers.value(said[:-1])
        share = tenth / 10 if tenth is not None else None
    else:
        pct = numbers.value(said.rstrip("%"))
        share = pct / 100 if pct is not None else None
    return share if share is not None and 0 < share < 1 else None


def _span(m: re.Match[str]) -> dt.timedelta:
    """How long ``_SUPPLIER_SOON`` said: 半小时 · 20分钟 · 一个半小时 · 两个小时."""
    n = numbers.value(m.group("n")) if m.group("n") else None
    amount = (n or Decimal(0)) + (Decimal("0.5") if m.group("half") else Decimal(0))
    if not amount:
        amount = Decimal(1)
    return dt.timedelta(minutes=float(amount)) if m.group("u").startswith("分") else dt.timedelta(hours=float(amount))


def _promised_after(said: str, now: dt.datetime, *, whole: str = "") -> dt.datetime | None:
    """The day a supplier's trouble says it will come instead (明天送不了,后天送): said after the trouble, with a word
    of coming, still ahead; or said anywhere as the day it only can (周五才能到,周四送不了). None otherwise."""
    late = re.search(r"[^,;,;]*?才(?:能|可以|会)?(?:送|到|来|发)", whole) if "才" in whole else None
    if late is not None:
        said = late.group(0)
    elif not re.search(r"送|到|来|发", said):
        return None
    found = dates.find(said, now)
    return found.when if found is not None and found.when > now else None


def _part_priced(s: str, ls: list[commands.Line], positions: list[int]) -> list[commands.Line] | None:
    """A sale's part said at its own price (可颂卖了12个,其中3个是会员价15块 · …,3个按15块卖的) split off the whole line
    of that product said before it: 9 at the usual price and 3 at 15, not 15 sold. None: a part larger than that."""
    out: list[commands.Line] = []
    for ln, pos in zip(ls, positions, strict=False):
        clause = re.split(r"[,，;；。]", s[:pos])[-1]
        whole = clause + re.split(r"[,，;；。]", s[pos:])[0]
        part = re.match(r"\s*其中", whole) is not None or (
            whole.rstrip(" !.~").endswith("卖的") and not re.match(r"\s*(?:另外|还有|又|再)", whole))   # (另外3个…: more)
        if ln.unit_price is not None and part:
            of = next((i for i, x in enumerate(out) if x.sku == ln.sku and not x.gift and x.unit_price is None), None)
            if of is not None and out[of].qty < ln.qty:
                return None
            if of is not None and out[of].qty == ln.qty:   # 卖了可乐3瓶,其中3瓶4块: all of it at that price
                out.pop(of)
            elif of is not None:
                out[of] = _less(out[of], ln.qty)
        out.append(ln)
    return out


def _part_discounted(s: str, ls: list[commands.Line], positions: list[int], share: Decimal,
                     lex: lexicon.Lexicon) -> list[commands.Line]:
    """可乐卖了12瓶,其中3瓶打8折: the part's line priced at that share of the list price (split off the whole by
    ``_part_priced`` then), where the discount is said in the part's own clause; the rest stays at its list price."""
    out = []
    for ln, pos in zip(ls, positions, strict=False):
        clause = re.split(r"[,，;；。]", s[:pos])[-1] + re.split(r"[,，;；。]", s[pos:])[0]
        listed = lex.product(ln.sku).unit_price
        if ln.unit_price is None and listed and re.match(r"\s*其中", clause) and scan.DISCOUNT.search(clause):
            ln = replace(ln, unit_price=units.normalize(listed * share))
        out.append(ln)
    return out


def _less(whole: commands.Line, part: Decimal) -> commands.Line:
    """A line with ``part`` of it split off (其中1箱是赠品 · 其中3个是会员价), its number as said scaled with it."""
    raw = whole.raw_qty
    return replace(whole, qty=whole.qty - part,
                   raw_qty=None if raw is None else units.normalize(raw * (whole.qty - part) / whole.qty))


def _supplier_deal(said: str, ls: list[commands.Line], lex: lexicon.Lexicon) -> list[commands.Line] | None:
    """The lines of a receipt of one product said with its supplier's deal (买十送一): the free units as a line of
    their own at no cost (when the rest is priced), added to what was bought (10 said: 11 came) or split from what
    came (11 said, a whole number of 11s: 10 bought and 1 free); None: no such reading (several products, a quantity
    neither way divides, units the product lacks)."""
    m = _BUY_GET.search(said)
    if m is None or len(ls) != 1:
        return None
    ln = ls[0]
    p = lex.product(ln.sku)
    b, f = numbers.value(m.group("b")), numbers.value(m.group("f"))
    try:
        buy = p.to_base(Decimal(b), m.group("bu") or ln.unit or p.base_unit) if b else None
        get = p.to_base(Decimal(f), m.group("fu") or m.group("bu") or ln.unit or p.base_unit) if f else None
    except errors.DomainError:
        return None
    if not buy or not get or buy <= 0 or get <= 0:
        return None
    per = p.to_base(Decimal(1), ln.unit) if ln.unit else Decimal(1)
    if ln.qty % buy == 0:
        paid, free = ln.qty, units.normalize(ln.qty / buy * get)
    elif ln.qty % (buy + get) == 0:
        paid = units.normalize(ln.qty / (buy + get) * buy)
        free = ln.qty - paid
    else:
        return None
    gift = replace(ln, qty=free, raw_qty=units.normalize(free / per), gift=True,
                   unit_price=Decimal(0) if ln.unit_price is not None else None)
    return [replace(ln, qty=paid, raw_qty=units.normalize(paid / per)), gift]


_EACH = ("个", "只")   # 可乐卖了3瓶,4元一个: a counter said of goods counted otherwise, per base unit (件: a case)


def _apply_prices(ls: list[commands.Line], a: scan.Analysis, lex: lexicon.Lexicon,
                  positions: list[int], *, cost: bool = False,
                  paid: Callable[[str], Decimal | None] | None = None, share: bool = True,
                  unsure: list[commands.Guess] | None = None,
                  unfit: list[tuple[scan.Price, str]] | None = None
                  ) -> list[commands.Line]:
    """The prices a message says, per base unit, on its lines; a price without its unit is read against the product's
    cost or price in the catalog, else what was paid for it lately (``paid``, looked up only then). ``share``: a
    discount said (打8折) prices the lines here (a sale's is settled against its list prices later). ``unsure``
    gets a ``price_unit`` guess for each line said in packs whose price without its unit had nothing to be read
    against (收到牛奶2箱,单价60 for a product never priced: taken per 升, the pack asked). ``unfit`` gets each price
    said per a unit its line's product has none of (牛腩卖了3斤,40元一个), which prices nothing."""
    if a.discount is not None and share:   # 可颂打8折卖了10个: at that share of the catalog price (cost, for what comes in)
        priced = []
        for ln in ls:
            listed = lex.product(ln.sku).unit_cost if cost else lex.product(ln.sku).unit_price
            priced.append(replace(ln, unit_price=units.normalize(listed * a.discount))
                          if ln.unit_price is None and listed else ln)
        ls = priced
    if not a.prices or not ls:
        return ls
    out = list(ls)
    for pr in a.prices:
        if pr.total:   # 收到牛奶2箱,共130元: per base unit when the message has one line (several: unsplittable)
            if len(out) == 1 and out[0].qty > 0:
                out[0] = replace(out[0], unit_price=units.normalize(pr.value / out[0].qty))
            continue
        idx = max((i for i, pos in enumerate(positions) if pos < pr.start), default=0)
        ln = out[idx]
        p = lex.product(ln.sku)
        each = pr.unit in _EACH and p.base_unit in units.COUNTED and not p.accepts(pr.unit)
        unit = lines.case_of(p) or pr.unit if pr.unit == "件" and not p.accepts("件") else pr.unit   # (60元一件: a case)
        if unit and not p.accepts(unit) and not each:   # (4元一个 of a bottle: per bottle, each)
            if unfit is not None:
                unfit.append((pr, p.sku))
            continue
        if pr.bare and ln.unit_price is not None:
            continue   # 单价14元/斤,共280元: the unit price said stays
        ref = ((p.unit_cost or p.unit_price if cost else p.unit_price or p.unit_cost)   # (a sale's: by its price)
               or (paid(p.sku) if paid is not None else None)) \
            if pr.bare or not pr.unit else None
        if pr.bare:
            per = _bare_per_base(p, ln, pr.value, ref)
        else:
            per = pr.value if each else pr.value / p.to_base(Decimal(1), unit) if unit \
                else _per_base(p, ln, pr.value, ref)
            if unsure is not None and not pr.unit and not ref and ln.unit and ln.unit != p.base_unit \
                    and ln.unit in p.packs and pr.value > 0:
                unsure.append(commands.Guess("price_unit", ln.mention or p.name, f"{p.base_unit}|{ln.unit}"))
        out[idx] = replace(ln, unit_price=numbers.value(str(per.normalize())) or per)
    return out




_EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)  # dates are irrelevant in a correction

