"""Entity extraction: catalog names, dates, prices, quantities and leftover text, with their positions.

Order matters: catalog names are masked first (so 七喜, 三明治 and 统一 keep their digits), then
dates (下周三上午十点 holds numbers), then prices, then quantities. What remains is leftover text:
unknown product mentions, notes and function words.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from domain import commands
from nlu import dates, lexicon, numbers, tenders

MASK = "\x00"
_N = numbers.NUMBER
ARABIC = numbers.ARABIC
MONEY = r"(?:元|块钱|块|rmb|¥)"
DISCOUNT = re.compile(r"(?:打了?|按)?(?P<n>[1-9](?:\.5|[05])?|[一二三四五六七八九][五]?)折(?:优惠|促销|处理|出售)?|(?P<half>半价)")
_DIGIT = {c: str(i) for i, c in enumerate("零一二三四五六七八九")}


def _discount(m: re.Match[str]) -> Decimal:
    """打8折 → 0.8 · 八五折 / 85折 / 8.5折 → 0.85 · 半价 → 0.5."""
    return Decimal("0.5") if m.group("half") else share_of(str(m.group("n")))


def share_of(zhe: str) -> Decimal:
    """The share of the price a 折 keeps: 8 → 0.8 · 八五 / 85 / 8.5 → 0.85."""
    n = "".join(_DIGIT.get(c, c) for c in zhe).replace(".", "")
    share: Decimal = Decimal(n) / (10 ** len(n))
    return share


_OFF_WORDS = r"优惠了?|便宜了?|少收了?|少要了?|让利|让了|减免了?|减(?:了|掉)?|折让|抹去"
# 卖了手机壳2个,按促销价 · …,特价 (no price after it): charged by the promotion running (PROMO_RE's 买二送一 too)
_DEAL = re.compile(r"(?:按|参加|参与)?(?:促销价|活动价|特价)(?!\s*[\d一二三四五六七八九十两])(?:算|卖|结)?|按(?:促销|活动)(?:算|卖|结)?")
_ROUND = re.compile(r"抹(?:了|掉|去)?(?:个)?零(?:头|儿)?|零头(?:不要了?|免了|抹了|抹掉|去掉)|去(?:掉)?零头")
# 免单 · 没要钱 · 不收钱: given for nothing (还没收钱 · 先不收钱 · 不收钱,月底结: on account, never free)
_FREE = re.compile(r"免单|(?<![还先暂尚])(?:没|不)要(?:他|她|他们|她们|客人)?(?:的)?钱"
                   r"|(?<![还先暂尚没])不收(?:他|她|他们|她们|客人)?(?:的)?钱")
# 卖了蓝牙耳机1副,没收钱: given away (免单) or to be paid later? asked (还没收钱 · 先不收钱: later; 没要钱: free)
UNPAID = re.compile(r"(?<![还先暂尚])没(?:有)?(?:收|给|付)(?:他|她|他们|她们|客人|顾客)?(?:的)?钱")
_LATER = re.compile(r"月底|月末|下次|以后|回头|改天|挂账|记账|赊|欠着|再给|再付|再结")
_SOLD = re.compile(r"卖|售|买了|买走|拿走|拿了|销")
_SOLD_BACK = re.compile(rf"{_SOLD.pattern}|退")   # (… or brought back: 退了手机壳2个,1个微信1个现金)
# an account's payment, said by its paying words (团餐付了3000 · 收到团餐货款500 · 付给张记5000 · 王记还了200)
_PAID_MONEY = re.compile(r"付|收到|还了|转了|结了|货款|回款")
# 卖了蓝牙耳机2副,收了180 · 实收180: what the customer paid for all of it, said without 元 at the end of its clause
# (with 元 it is a total price: ``_TAKEN_IN``)
_TAKEN_BARE = re.compile(rf"(?<![少多])(?:实收|实际收了?|一共收了?|总共收了?|共收了?|收了|收)(?:现金|微信|支付宝|刷卡|扫码)?\s*(?P<p>{_N})"
                         r"(?=\s*(?:$|[,;.!?]))")
_TAKEN_IN = re.compile(rf"(?:收了|收到|收款|进账)\s*(?P<p>{_N})\s*(?:元|块钱|块)")
# a number alone in the last clause, after goods counted in a unit (蓝牙耳机卖了1副,89 · 收到牛腩50斤,1600): money,
# read as ``_BARE_KUAI``'s (the line's total, unless the known cost is nearer per pack or per unit)
# (…,89 · …,120,客人刷卡 · …,120,微信付的: the money, then maybe how it was paid)
_BARE_LAST = re.compile(r"(?<=[,;,;])\s*(?P<p>\d+(?:\.\d{1,2})?)\s*(?=[。.!]?\s*$|[,;,;]\s*(?:客人|顾客)?(?:用|是)?"
                        rf"(?:{tenders.WITH})(?:付的?|支付|付款|收款|结的?|转的?|扫的|刷的)?(?:的)?[。.!]?\s*$)")
_BARE_KUAI = re.compile(rf"(?P<p>{_N})\s*块(?=$|[,;.!?\s]|卖(?:的|了|出|掉))")   # (3个是15块卖的)
# what comes before a bare 块 that makes it money: a separator, or a counted quantity (另外3个15块: the 3 for 15)
_BEFORE_KUAI = re.compile(r"(?:[,;\s]|(?:\d|[一二两三四五六七八九十半])\s*[^\d\s,;\x00一二两三四五六七八九十半]{1,2})$")
SEPARATOR_WORDS = ("以及", "还有", "另外", "加上", "和", "及", "跟", "与", "外加")
STOP = frozenset("""
然后 接着 之后 后来 随后 了 的 个 一下 请 帮 帮我 帮忙 一共 总共 共 共计 合计 大概 约 左右 多 现在 刚才 刚刚 刚 那个 这个 那 这 吧 啊 呢 哦 嗯 哈
又 再 还 也 都 各 已经 把 给 我 我们 你 店里 店 一些 一点 些 剩 是 有 在 从 到 向 找 跟 去 需要
收到 收了 收 到货 到了 进了 进货 入库 送来 送了 来了 收货 进 到 送 来 卖了 售出 出库 卖掉 卖出 销售 拿走 拿了 出货 已发货 发货 卖
用了 用掉 领用 消耗 耗用 用去 使用 用 调 调拨 调货 调了 发 发到 发往 过来 回来 调过来 报损 报废 坏了 坏掉 死了 过期 过期了 做了 做 烤了 炸了
破了 破损 变质 扔了 丢弃 盘点 实际 还剩 剩下 现有 实存 清点 盘 退给 退回 退货 退 退还 采购 订购 订货 下单 订 要 要了 买
查 查一下 查查 看 下 怎么样 如何 咋样 看看 看下 看一下 瞧瞧 瞧一下 查看 想 想看 我想 想看看 给我看 库存 多少 几个 几 还有 还有多少 还剩多少 今天 今日 明天 上午 下午 早上 晚上 中午 :
也就是 就是 即 相当于 等于 也 =
早班 中班 晚班 白班 夜班 早市 午市 晚市 上午班 下午班 让 叫
收货单 入库单 进货单 到货单 送货单 出库单 销售单 盘点单 盘点表 报损单 清单 明细
赠送 赠了 赠品 白送 多送 另送 免费 少送 少送了 漏送 少给 少给了 多给 多给了 送的 赠送的 白送的 免费的 免费送的 其中
账上 账面 系统 系统里 系统上 系统显示 电脑上 记录上 显示 只有 其实 其实是 实际只有 实际是 实际有
""".split())


@dataclass
class Qty:
    start: int
    end: int
    parts: list[tuple[Decimal, str]]  # (number, unit as written); several for 1箱6盒, 一斤二两
    raw: str
    # pack sizes the message itself gives (收到牛奶2箱,每箱12升 · 2箱(12升/箱)): unit → (number, unit)
    packs: dict[str, tuple[Decimal, str]] = field(default_factory=dict)

    @property
    def unit(self) -> str:
        return self.parts[0][1] if len(self.parts) == 1 else ""


Counted = tenders.Counted   # (named here: ``Analysis.tenders`` hides the module in its body)


@dataclass
class Price:
    start: int
    end: int
    value: Decimal
    unit: str  # "" = per base unit
    total: bool = False  # the whole line's amount (共130元 · 总价130元 · 花了130), not a unit price
    # an amount said alone after a line (收到牛腱1箱,280元 · 收了牛腱子1箱,280块): the line's total, unless the product's
    # known cost says it is per pack or per base unit
    bare: bool = False


@dataclass(frozen=True)
class Adjusted:
    """An adjustment said at the till (``commands.AdjustKind``'s value): its amount as said (yuan; per ``unit`` for
    每副便宜10块), and the words."""
    kind: str
    amount: Decimal | None
    said: str
    unit: str = ""


@dataclass
class Chunk:
    start: int
    end: int
    text: str


@dataclass
class Analysis:
    s: str
    masked: str
    entities: list[lexicon.Span]
    date: dates.Found | None
    prices: list[Price]
    qtys: list[Qty]
    chunks: list[Chunk]
    separators: list[int] = field(default_factory=list)
    lot: str | None = None              # 批号A123
    doc: str | None = None              # 发票号12345 · 送货单号A-778: a document number, never a quantity
    phone: str | None = None            # 客人电话13800138000 · 13800138000: a phone number, never a quantity
    expiry: dates.Found | None = None   # 2026-06-25到期 · 保质期到6月30号 (not when the move happened)
    produced: dates.Found | None = None  # 生产日期6月14日 (neither)
    shelf_days: int | None = None        # 保质期7天
    discount: Decimal | None = None      # 打8折 · 八五折 · 半价: the share of the usual price the goods went for
    adjust: Adjusted | None = None       # 优惠20元 · 每副便宜10块 · 抹零 · 免单 · 一共收了300: how a sale was settled
    # a sale paid several ways (微信60现金27 · 微信60,剩下现金 · 一半微信一半现金): each way and its money, if said
    tenders: tenders.Parts = ()
    tenders_said: str = ""   # (their words)
    # … said by the goods each way paid for (一瓶现金一瓶微信 · 3瓶微信2瓶现金): each way, how many and their unit
    tender_counts: Counted = ()

    def of(self, kind: str) -> list[lexicon.Span]:
        return [e for e in self.entities if e.kind == kind]


# a quantity ends where a Latin word would run on from its digits or Latin unit (2kg, not 2kgs · 5x): after a Chinese
# unit a Latin name may follow (两根c线)
_NO_LATIN_AFTER = r"(?!(?<=[0-9a-z.])[a-z])"


class Scanner:
    def __init__(self, lex: lexicon.Lexicon) -> None:
        self.lex = lex
        units = "|".join(re.escape(u) for u in lex.units)
        self.unit_re = units
        self.times_free = not {"次", "趟", "遍"} & set(lex.units)   # (洗车 counted in 次: its quantity)
        self.priced_after = re.compile(rf"\s*(?:元|块|{units})")   # (串号…,100元: a code ends before a price)
        # not inside a Latin word or another number; after a times sign it is one (牛奶 x2箱 · 纸杯*3条)
        num = rf"(?:(?<![\d.a-z])|(?<=\*)|(?<=(?<![a-z])x))(?:{_N}|半)(?!\d)"   # (20w头: never the 2 of 20)
        self.qty_re = re.compile(
            rf"(?P<num>{num})\s*(?P<unit>{units})?{_NO_LATIN_AFTER}(?P<half>半)?"
            rf"(?:(?P<join>零|又|另加|外加|再加|加|多|少|差)?(?P<num2>{_N})\s*(?P<unit2>{units}){_NO_LATIN_AFTER})?")   # 1箱6升 · 1箱零6升 · 3斤又2两 · 1箱加6升
        self.total_re = re.compile(rf"(?:总价|总共|一共|共计|合计|总计|总额|金额|花了|付了|共)\s*(?:是|为|:)?\s*"
                                   rf"(?P<p>{_N})\s*(?:{MONEY}|(?=$|[,;.!?\s]))")
        jiao = r"(?P<j>[1-9一二两三四五六七八九])\s*毛?(?:钱)?"
        jiao_only = r"(?P<j>[1-9一二两三四五六七八九])\s*(?:毛|角)(?:钱)?"
        self.price_res = [
            # 12块5一斤 · 3块5毛/斤 · 一斤12块5 · 每斤3块5: yuan and jiao, said the market's way
            re.compile(rf"(?P<p>{_N})\s*块\s*{jiao}\s*(?:/|每|一)\s*(?P<u>{units})"),
            re.compile(rf"(?:一|每)\s*(?P<u>{units})\s*(?:是|要|卖)?\s*(?P<p>{_N})\s*块\s*{jiao}(?![\d.])"),
            # 其中3瓶按4元一瓶 · 按每瓶4元 (no 算 after: the money and its unit say it)
            re.compile(rf"按\s*(?P<p>{_N})\s*{MONEY}\s*(?:/|每|一)\s*(?P<u>{units})"),
            re.compile(rf"按\s*每\s*(?P<u>{units})\s*(?P<p>{_N})\s*{MONEY}"),
            re.compile(rf"(?:会员|员工|内部|折后|优惠)?(?:单价|进价|售价|价格|价钱|价)\s*(?:是|为|:)?\s*(?P<p>{_N})\s*{MONEY}?"
                       rf"(?:\s*(?:/|每|一)\s*(?P<u>{units}))?"),
            re.compile(rf"每\s*(?P<u>{units})\s*(?P<p>{_N})\s*{MONEY}"),
            # 按25算 · 按25块一个算 · 都按12算: the price it is reckoned at
            re.compile(rf"按\s*(?:每\s*(?P<u2>{units})\s*)?(?P<p>{_N})\s*{MONEY}?\s*(?:(?:/|每|一)\s*(?P<u>{units}))?"
                       rf"\s*(?:的价格?|的价钱)?\s*(?:算|计|结|卖的|卖了|卖出去?的)"),   # 3个按15块卖的
            re.compile(rf"(?P<p>{_N})\s*{MONEY}\s*(?:/|每|一)\s*(?P<u>{units})"),
            # without 元: 每箱65 (a pack size would name its unit: 每箱12升) · 65一箱 · 65/箱 (digits: 十一箱 is 11 cases)
            re.compile(rf"每\s*(?P<u>{units})\s*(?P<p>{ARABIC})(?![\d.]|\s*(?:{units}|{MONEY}))"),
            re.compile(rf"(?<![\d./])(?P<p>{ARABIC})\s*(?:/|一)\s*(?P<u>{units})(?![a-z])"),
            # …3个,一个89 · …20个,一个5块: a clause of its own after the line (一桶10升 names a unit: a pack size)
            re.compile(rf"(?<=[,;])\s*一\s*(?P<u>{units})\s*(?:是|要|卖)?\s*(?P<p>{_N})\s*{MONEY}"),
            re.compile(rf"(?<=[,;])\s*一\s*(?P<u>{units})\s*(?:是|要|卖)?\s*(?P<p>{ARABIC})(?![\d.]|\s*(?:{units}|{MONEY}))"),
            # 一瓶五毛 · 5毛一个: jiao alone
            re.compile(rf"(?:一|每)\s*(?P<u>{units})\s*(?:是|要|卖)?\s*(?P<p>){jiao_only}"),
            re.compile(rf"(?P<p>){jiao_only}\s*(?:/|每|一)\s*(?P<u>{units})"),
            re.compile(rf"(?P<p>{_N})\s*(?:元|块钱|rmb)"),
        ]
        self.bare_price = self.price_res[-1]   # 30元 alone: per what the line says
        self.price_needs = ["按" if rx.pattern.startswith("按") else "" for rx in self.price_res]   # (the word each needs)
        # a pack size said in the message: 每箱12升 · 每袋500克 · 12升/箱 (每箱65元 is a price, masked before)
        self.pack_res = [
            re.compile(rf"每\s*(?P<u>{units})\s*(?:是|有|装)?\s*(?P<n>{_N})\s*(?P<u2>{units})(?![a-z])"),
            re.compile(rf"(?<![\d.])(?P<n>{ARABIC})\s*(?P<u2>{units})\s*/\s*(?P<u>{units})(?![a-z])"),
            # …2桶,10升一桶 · 500克每袋: after the packs' count, so the message still holds a quantity
            re.compile(rf"(?<=[,;\s])(?P<n>{_N})\s*(?P<u2>{units})\s*(?:一|每)\s*(?P<u>{units})(?![a-z\d])"),
            re.compile(rf"(?<=[,;])\s*一\s*(?P<u>{units})\s*(?:是|有|装)?\s*(?P<n>{_N})\s*(?P<u2>{units})(?![a-z])"),   # …,一桶10升
        ]
        # 优惠20元 · 便宜了20 · 少收20块 · 抹了3块 · 抹零3块 (never 减3箱: a unit after the number makes it goods)
        self.off_re = re.compile(rf"(?:{_OFF_WORDS}|抹(?:了|掉|去)?(?:零头?)?)\s*(?P<p>{_N})\s*(?:元|块钱|块)?"
                                 rf"(?![\d.]|\s*(?:{units}|折))")
        self.each_off_re = re.compile(rf"每\s*(?P<u>{units})\s*(?:都)?(?:{_OFF_WORDS})\s*(?P<p>{_N})\s*(?:元|块钱|块)?"
                                      rf"(?![\d.]|\s*(?:{units}|折))")
        self.sep_re = re.compile("|".join([*(re.escape(w) for w in SEPARATOR_WORDS), r"[,;.!?、/\n]"]))

    def analyse(self, s: str, now: datetime, *, roles: bool = False) -> Analysis:
        s = _DOTTED_DATE.sub(lambda m: f"{m.group('w')}{int(m.group('m'))}月{int(m.group('d'))}日", s)
        free = [True] * len(s)
        entities = [e for e in self.lex.scan(s, free) if roles or e.kind not in ("role", "user")]
        chars = list(s)
        _mask(chars, free, entities)
        masked = "".join(chars)
        lot = None
        for m in LOT_RE.finditer(masked):
            lot = lot or m.group("lot").upper()
            _mask(chars, free, [m])
        masked = "".join(chars)
        end = 0
        for m in SERIAL_WORD.finditer(masked):   # 串号SN001、SN002: masked, so their digits are never quantities
            if m.start() < end:
                continue
            codes, end = self.serial_codes(masked, m.end())
            if codes:
                _mask(chars, free, [_Cut(m.start(), end)])
        masked = "".join(chars)
        doc = None
        for m in DOC_RE.finditer(masked):   # 发票号12345 · 送货单号A-778: the paper it came with, kept as a note
            doc = doc or s[m.start():m.end()].upper()
            _mask(chars, free, [m])
        masked = "".join(chars)
        phone = None
        for m in PHONE_RE.finditer(masked):   # 客人电话13800138000: whom to call, kept as a note
            phone = phone or s[m.start():m.end()]
            _mask(chars, free, [m])
        masked = "".join(chars)
        for m in TABLE_RE.finditer(masked):   # 3号桌 · 8号包间: where a guest sat, never a quantity
            _mask(chars, free, [m])
        for m in (TIMES_RE.finditer(masked) if self.times_free else ()):   # 进了3次: how often, never a quantity
            _mask(chars, free, [m])
        deal = None
        for m in PROMO_RE.finditer("".join(chars)):   # 买一送一 · 第二杯半价: how it sold, never a purchase or a quantity
            deal = deal or m.group(0)
            _mask(chars, free, [m])
        masked = "".join(chars)
        shelf = None
        for m in SHELF_RE.finditer(masked):   # 保质期7天 · 保鲜期3个月: how long the goods keep
            days = shelf_days(m.group("n"), m.group("u"))
            if days is not None and shelf is None:
                shelf = days
                _mask(chars, free, [m])
        masked = "".join(chars)
        found = expiry = produced = None
        for d in _all_dates(masked, now):
            words = _expiry(masked, d)
            made = _PRODUCED_BEFORE.search(masked, 0, d.start)
            settled = _SETTLED_AFTER.match(masked, d.end)
            if settled is not None:   # 王记拿了20个充电头,月底给钱: when it is paid for, never when it moved
                _mask(chars, free, [d, settled])
            elif words and expiry is None:   # with its words (到期 · 保质期到), so 过期 there is no scrap
                expiry = d
                _mask(chars, free, [d, *words])
            elif made is not None and produced is None:   # 生产日期6月14日: when the goods were made, not moved
                produced = d
                _mask(chars, free, [d, made])
            elif not words and found is None:
                found = d
                _mask(chars, free, [d])
        masked = "".join(chars)
        discount = None
        for m in DISCOUNT.finditer(masked):   # 可颂打8折卖了10个: never a quantity of 8
            discount = discount or _discount(m)
            _mask(chars, free, [m])
        masked = "".join(chars)
        paid = self._tenders(masked, entities)
        counted = None
        if paid is None and (sold := _SOLD_BACK.search(masked)) is not None:   # 可乐卖了5瓶,3瓶微信2瓶现金
            counted = tenders.by_count(masked, sold.end())
            if counted is not None and any(e.kind == "product" and e.end <= counted[0].start() for e in entities):
                _mask(chars, free, [counted[0]])
                masked = "".join(chars)
            else:
                counted = None
        adjust = self._adjust(masked, chars, free, entities, later=_LATER.search(s) is not None, paid=paid)
        if adjust is None and deal is not None:   # (卖了手机壳3个,买二送一: by the promotion running, never dropped)
            adjust = Adjusted("promo", None, deal)
        masked = "".join(chars)
        prices: list[Price] = []
        # a line's whole amount: 共130元 · 花了130, and 可乐卖了3箱收了180块 (what it brought in, after goods said)
        totals = [*self.total_re.finditer(masked), *(m for m in _TAKEN_IN.finditer(masked) if any(
            e.kind == "product" and e.end <= m.start() for e in entities))]
        for m in totals:
            v = numbers.value(m.group("p"))
            if v is not None:
                prices.append(Price(m.start(), m.end(), v, "", total=True))
                _mask(chars, free, [m])
        masked = "".join(chars)
        for rx, need in zip(self.price_res, self.price_needs, strict=True):
            if need and need not in masked:
                continue   # (按25算 · 按4元一瓶: nothing to find without its 按)
            hit = False
            for m in rx.finditer(masked):
                v = numbers.value(m.group("p")) if m.group("p") else Decimal(0)   # (五毛: no yuan)
                if v is None:
                    continue
                if m.groupdict().get("j"):   # 12块5: twelve and a half
                    v += (numbers.value(m.group("j")) or Decimal(0)) / 10
                prices.append(Price(m.start(), m.end(), v, m.groupdict().get("u") or m.groupdict().get("u2") or "",
                                    bare=rx is self.bare_price))
                _mask(chars, free, [m])
                hit = True
            if hit:   # (masked again only when a price was masked)
                masked = "".join(chars)
        for m in _BARE_KUAI.finditer(masked):   # …1箱,280块: money when the product before it is not counted in 块
            said = [e for e in entities if e.kind == "product" and e.end <= m.start()]
            if said and _BEFORE_KUAI.search(masked, 0, m.start()) \
                    and re.search(r"\d|[一二两三四五六七八九十半]", masked[said[-1].end:m.start()]) \
                    and not any(self.lex.product(c).accepts("块") for c in said[-1].codes):
                v = numbers.value(m.group("p"))
                if v is not None:
                    prices.append(Price(m.start(), m.end(), v, "", bare=True))
                    _mask(chars, free, [m])
        masked = "".join(chars)
        last = _BARE_LAST.search(masked)
        if last is not None and not prices and not paid and adjust is None:   # 蓝牙耳机卖了1副,89: its money
            said = [e for e in entities if e.kind == "product" and e.end <= last.start()]
            unit_said = self.qty_re.search(masked, said[-1].end) if said else None
            if unit_said is not None and unit_said.end() <= last.start() and unit_said.group("unit") \
                    and (v := numbers.value(last.group("p"))) is not None and v > 0:
                prices.append(Price(last.start(), last.end(), v, "", bare=True))
                _mask(chars, free, [last])
                masked = "".join(chars)
        packs: dict[str, tuple[Decimal, str]] = {}
        for rx in self.pack_res:
            for m in rx.finditer(masked):
                v = numbers.value(m.group("n"))
                if v is not None and v > 0 and m.group("u") != m.group("u2"):
                    packs[m.group("u")] = (v, m.group("u2"))
                    _mask(chars, free, [m])
            masked = "".join(chars)
        qtys = self._qtys(masked, entities)
        for q in qtys:
            q.packs = packs
        _mask(chars, free, qtys)
        masked = "".join(chars)
        seps = []
        for m in self.sep_re.finditer(masked):
            seps.append(m.start())
            _mask(chars, free, [m])
        masked = "".join(chars)
        chunks = self._chunks(masked)
        return Analysis(s=s, masked=masked, entities=entities, date=found, prices=prices, qtys=qtys,
                        chunks=chunks, separators=seps, lot=lot, doc=doc, phone=phone, expiry=expiry, produced=produced, shelf_days=shelf,
                        discount=discount, adjust=adjust, tenders=paid[1] if paid else (),
                        tenders_said=paid[0].group(0) if paid else counted[0].group(0) if counted else "",
                        tender_counts=counted[1] if counted else ())

    @staticmethod
    def _tenders(masked: str, entities: list[lexicon.Span]) -> tenders.Split | None:
        """A sale paid several ways, said after the goods sold (卖了手机壳3个,微信60现金27), goods that came in paid as
        they came, after the last of them (收到张记牛腩50斤,现金1000), or an account's payment, after whose it is, with
        no goods (团餐付了3000,微信2000现金1000): its words and its parts."""
        sold = _SOLD.search(masked)
        goods = [e.end for e in entities if e.kind == "product"]   # (an account's payment names none)
        money = _PAID_MONEY.search(masked) if sold is None and not goods else None
        # (收到张记牛腩50斤,现金1000: goods that came in, paid as they came, the ways after the goods)
        paid = tenders.split(masked, sold.end()) if sold is not None else \
            tenders.split(masked, money.start()) if money is not None else \
            tenders.split(masked, max(goods)) if goods else None
        named = "product" if sold is not None or goods else "partner"
        if paid is None or not any(e.kind == named and e.end <= paid[0].start() for e in entities):
            return None
        return paid

    def _adjust(self, masked: str, chars: list[str], free: list[bool], entities: list[lexicon.Span], *,
                later: bool = False, paid: tenders.Split | None = None) -> Adjusted | None:
        """The adjustment said at the till: what was paid, if said, else the first (masked, so its number is never a
        price or a quantity); what the customer paid said without 元 (收了180) counts only after goods sold
        (卖了蓝牙耳机2副,收了180); 不收钱 said with a later day to pay (不收钱,月底结: ``later``) is on account, never free.
        ``paid``: a sale paid several ways (``_tenders``), masked; its money, when each way says it, is what was paid
        (微信60现金27: 87)."""
        found: list[tuple[re.Match[str], Adjusted]] = []
        sold = _SOLD.search(masked)
        if paid is not None:
            m, parts = paid
            if all(v is not None for _, v in parts) and sold is not None:   # (a sale's: what was paid for it)
                found.append((m, Adjusted("taken", sum((v or Decimal(0) for _, v in parts), Decimal(0)),
                                          m.group(0).strip())))
            else:
                _mask(chars, free, [m])
        for m in self.each_off_re.finditer(masked):
            v = numbers.value(m.group("p"))
            if v is not None:
                found.append((m, Adjusted("each", v, m.group(0).strip(), m.group("u"))))
        for rx, kind in ((self.off_re, "off"), (_ROUND, "round"), *(() if later else ((_FREE, "free"),)),
                         (_DEAL, "promo")):
            for m in rx.finditer(masked):
                if any(x.start() <= m.start() < x.end() for x, _ in found):
                    continue
                v = numbers.value(m.group("p")) if m.groupdict().get("p") else None
                if kind == "off" and not v:   # (抹零: no amount, the 零 is no zero)
                    continue
                found.append((m, Adjusted(kind, v, m.group(0).strip())))
        if sold is not None:
            for m in _TAKEN_BARE.finditer(masked, sold.end()):
                v = numbers.value(m.group("p"))
                if v is not None and any(e.kind == "product" and e.end <= m.start() for e in entities) \
                        and not any(x.start() < m.end() and m.start() < x.end() for x, _ in found):
                    found.append((m, Adjusted("taken", v, m.group(0).strip())))
        if not found:
            return None
        found.sort(key=lambda x: x[0].start())
        _mask(chars, free, [m for m, _ in found])
        # (抹零,收了190: what was paid in the end)
        return next((adj for _, adj in found if adj.kind == "taken"), found[0][1])

    def serial_codes(self, masked: str, pos: int) -> tuple[list[str], int]:
        """The codes listed from ``pos`` (SN001、SN002 · 861234567890123和861234567890124 · a, b), upper-cased, and where
        the list ends; a number a unit or money follows (…,100元) ends it, uncounted."""
        codes: list[str] = []
        end = pos
        while (m := _SERIAL_CODE.match(masked, pos)) is not None:
            if self.priced_after.match(masked, m.end()):
                break
            codes.append(m.group("code").upper())
            end = m.end()
            sep = _SERIAL_SEP.match(masked, end)
            if sep is None:
                break
            pos = sep.end()
        return codes, end

    def _qtys(self, masked: str, entities: list[lexicon.Span]) -> list[Qty]:
        ends = {e.end for e in entities if e.kind == "product"}
        starts = {e.start for e in entities if e.kind == "product"}
        out = []
        pos = 0
        while (m := self.qty_re.search(masked, pos)) is not None:
            pos = m.end()
            num, unit = m.group("num"), m.group("unit") or ""
            v = numbers.value(num)
            if v is None:
                continue
            bare_cn = not unit and not num[0].isdigit()
            if bare_cn and m.start() not in ends and m.end() not in starts \
                    and not (_VERB_BEFORE.search(masked, 0, m.start()) and _CLAUSE_END.match(masked, m.end())):
                continue  # 查一下: a lone Chinese numeral away from a product is not a quantity (可乐卖了三 is)
            if bare_cn and masked[m.end():m.end() + 1] in _NOT_A_NUMBER:
                continue  # 鸡蛋一共280个 · 牛奶一起: 一 in a word, not one
            if _STORES_AFTER.match(masked, m.end()):
                continue  # 两个店的可颂库存 · 三家门店: how many stores, not goods
            if m.group("half") and unit:
                v += numbers.HALF
            if masked[:m.start()].rstrip().endswith(("-", "－", "负", "−")):
                v = -v  # 收到牛奶-3箱: a negative quantity is refused later, never read as 3
            parts = [(v, unit)]
            end = m.end()
            if m.group("join") == "加" and m.end() in starts:   # 1箱加2盒奶油: 加 joins two products, not two amounts
                end = pos = m.start("join") + 1
            elif m.group("num2") and unit:
                v2 = numbers.value(m.group("num2"))
                if v2 is not None:   # 3箱多2瓶: 2 more · 一箱少2瓶 · 一箱差2瓶: 2 fewer
                    parts.append((-v2 if m.group("join") in ("少", "差") else v2, m.group("unit2")))
            out.append(Qty(m.start(), end, parts, masked[m.start():end].strip()))
        return out

    def qty_only(self, s: str) -> Qty | None:
        """``s`` is just a quantity (an answer like 3公斤, 两箱, 10)."""
        m = self.qty_re.fullmatch(s.strip())
        if m is None:
            return None
        qs = self._qtys(s.strip(), [lexicon.Span("product", 0, 0, (), "")])
        return qs[0] if len(qs) == 1 and qs[0].end - qs[0].start == len(s.strip()) else None

    def _chunks(self, masked: str) -> list[Chunk]:
        """Leftover runs of text with function words trimmed from both ends (interior kept: 酱由)."""
        out = []
        for m in re.finditer(rf"[^{MASK}\s]+(?:\s+[^{MASK}\s]+)*", masked):
            words = self.lex.words(m.group(0))
            while words and (words[0] in STOP or not any(c.isalnum() for c in words[0])):
                if len(words) > 1 and self.lex.sounds_like_product("".join(words[:2])):
                    break   # a name that begins with a function word's sound
                words.pop(0)
            while words and (words[-1] in STOP or not any(c.isalnum() for c in words[-1])):
                if len(words) > 1 and self.lex.sounds_like_product("".join(words[-2:])):
                    break   # 收到可送10个: 送 is 颂 mistyped, not the verb
                words.pop()
            if not words:
                continue
            start = masked.find(words[0], m.start())
            end = masked.rfind(words[-1], start, m.end()) + len(words[-1])
            out.append(Chunk(start, end, masked[start:end].replace(" ", "")))
        return out


# 可乐卖了三 · 鸡蛋坏了俩: a Chinese numeral right after the verb, ending its clause, is that verb's quantity
_VERB_BEFORE = re.compile(r"(?:卖了|卖掉|卖出|售出|用了|用掉|进了|收到|到了|坏了|坏掉|扔了|退了|送来|来了|拿了|拿走|打碎了|死了)\s*$")
_CLAUSE_END = re.compile(r"\s*(?:$|[,;.!?、\n])")
_STORES_AFTER = re.compile(r"\s*(?:店|门店|分店|家店|家门店|个店|个门店|个分店|个仓库?)")
_NOT_A_NUMBER = set("共下起直定般些样边会旦致切同齐并点")   # 一共 · 一下 · 一起 · 一直 · 一定 · 一般 · 一点 …

# a phone number, said with its word or alone (an 11-digit mobile number: never a quantity, nor a barcode's length)
PHONE_RE = re.compile(r"(?:(?:客人|顾客|客户|对方|联系人)的?)?(?:联系电话|联系方式|电话号码?|手机号码?|手机|电话)\s*(?:[:#]|是|为)?\s*"
                      r"(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8})(?![\d.])|(?<![\d.])1[3-9]\d{9}(?![\d.])")
# a document's number (发票号12345 · 发票:FP-2026-01 · 送货单号A778 · 单号 778): masked, kept as the write's note
DOC_RE = re.compile(r"(?:发票号码?|发票|送货单号?|出库单号|入库单号|单据号|单号|票号|小票号?)\s*(?:[:#]|是|为)?\s*"
                    r"(?P<doc>[a-z0-9][a-z0-9-]{2,})")
# serial numbers (串号SN001、SN002 · 序列号: … · IMEI 861234567890123): a unit's own code, as many as are listed
SERIAL_WORD = re.compile(r"(?:串号|串码|序列号|机身号|机身码|sn码|sn号|s/n|(?<![a-z])sn(?![a-z0-9])|imei(?:码|号)?)\s*"
                         r"(?:[:#]|应该是|应为|改成|改为|是|为)?\s*")
_SERIAL_CODE = re.compile(r"(?P<code>(?=[a-z-]*\d)[a-z0-9][a-z0-9-]{2,39})(?![a-z0-9-])")
_SERIAL_SEP = re.compile(r"\s*(?:[、,/;]|和|及|跟)\s*|\s+")


@dataclass(frozen=True)
class _Cut:
    start: int
    end: int


# a lot number (批号A123 · 批次:20260601-2 · lot b7): masked, so its digits are never a quantity
LOT_RE = re.compile(r"(?:批号|批次号?|生产批号|(?<![a-z])lot)\s*(?:[:#]|是|为)?\s*(?P<lot>[a-z0-9][a-z0-9-]*)")
# (买5箱送1箱: the unit said again after the free number is the deal's too)
PROMO_RE = re.compile(r"买\s*[一二两三四五六七八九十\d]{1,3}\s*(?P<u>[^\d\s送,，]{1,2}?)?\s*送\s*[一二两三四五六七八九十\d]{1,3}(?:\s*(?:(?P=u)|[个件瓶盒箱副包袋杯份只支条根片块斤罐桶听板双对套台部张本卷]))?|第[二三]\s*(?:件|杯|个|份|瓶)\s*(?:半价|[一二三四五六七八九\d]折|免费)"
                      r"|满\s*\d+\s*减\s*\d+")
# how often something happened (牛腩今天进了3次,一共60斤 · 跑了2趟): never a quantity, unless goods are counted so
TIMES_RE = re.compile(r"(?<![\d.])\d{1,3}\s*(?:次|趟|遍)(?!卡)")
TABLE_RE = re.compile(r"(?<![\d.])\d{1,3}\s*号?\s*(?:桌|包间|包厢|号房)|[a-z]\d{1,3}\s*(?:桌|包间|包厢)")
# 生产日期6.10 · 到期日:6-30: a month and day written with a point or a dash after a word that dates goods (never 6.5公斤)
_MADE_WORDS = r"生产日期|生产日|出厂日期|生产于|生产时间|生产"
_EXPIRY_WORDS = r"保质期|有效期|保鲜期|过期日|到期日|到期|最佳食用期"
_DATE_LINK = r"\s*(?:到|至|是|为|:)?\s*"
_DOTTED_DATE = re.compile(rf"(?P<w>(?:{_MADE_WORDS}|{_EXPIRY_WORDS}){_DATE_LINK})"
                          r"(?P<m>1[0-2]|0?[1-9])[.\-/](?P<d>3[01]|[12]\d|0?[1-9])(?![\d.])"
                          r"(?!\s*(?:公斤|[箱袋个升斤克盒包瓶板块条桶件份杯只打kgl]))")   # (生产6.5公斤: an amount)
_PRODUCED_BEFORE = re.compile(rf"(?:{_MADE_WORDS}){_DATE_LINK}$")
SHELF_DAYS = {"天": 1, "日": 1, "周": 7, "个月": 30, "月": 30, "年": 365}
SHELF_UNIT = "天|日|周|个月|月|年"


def shelf_days(number: str, unit: str) -> int | None:
    """A shelf life in days (3个月 → 90); None for what is no whole positive number."""
    n = numbers.value(number)
    return int(n) * SHELF_DAYS[unit] if n is not None and n > 0 and n == n.to_integral_value() else None


SHELF_RE = re.compile(rf"(?:保质期|保鲜期|有效期)\s*(?:是|为|:|只有|有)?\s*(?P<n>{_N})\s*(?P<u>{SHELF_UNIT})")
_EXPIRY_AFTER = re.compile(r"\s*(?:到期|过期|前用完|前有效|截止|止)")
_EXPIRY_BEFORE = re.compile(rf"(?:{_EXPIRY_WORDS}){_DATE_LINK}$")


def _expiry(masked: str, found: dates.Found) -> list[re.Match[str]]:
    """The words that make the date when goods expire (2026-06-25到期 · 保质期到6月30号), not when something
    happened; none when it is not."""
    return [m for m in (_EXPIRY_AFTER.match(masked, found.end), _EXPIRY_BEFORE.search(masked, 0, found.start))
            if m is not None]


# when what was bought or sold is paid for, said after a day (月底给钱 · 下周再结 · 月底一起结账)
_SETTLED_AFTER = re.compile(r"\s*(?:再|才|一起|起|统一|一并|前)?(?:结账|结算|结清|结|给钱|付钱|付清|付款|打款|转账|还钱|回款)"
                            r"|\s*(?:再|才|一起)?(?:付|给|还)(?=\s*(?:$|[,;.!]))")   # (月底付 · 下周再给)


def _all_dates(masked: str, now: datetime) -> list[dates.Found]:
    """Every date expression in the message, in order."""
    out: list[dates.Found] = []
    pos = 0
    while (f := dates.find(masked[pos:], now)) is not None:
        out.append(dates.Found(f.when, f.start + pos, f.end + pos, f.has_time))
        pos += f.end
    return out


def _mask(chars: list[str], free: list[bool], spans: Sequence[object]) -> None:
    for sp in spans:
        if isinstance(sp, re.Match):
            a, b = sp.start(), sp.end()
        else:
            a, b = sp.start, sp.end  # type: ignore[attr-defined]
        for i in range(a, b):
            chars[i] = MASK
            free[i] = False


_CATEGORY_TAIL = re.compile(r"(?:类|类别|类的|类商品|类产品|品类)?(?:的)?(?:商品|产品)?(?:都|全部|一律)?$")


def goods_scope(what: str, lex: lexicon.Lexicon, everything: re.Pattern[str]) -> tuple[str, str] | commands.Clarify:
    """(scope, key) a rule or promotion is said of: one product ("sku"), a category of the catalog's (音频类), or
    everything (what ``everything`` matches: 所有商品 · 全场); an unknown or ambiguous product is asked."""
    what = what.strip(" ,，").removesuffix("的").strip()
    if everything.match(what):
        return "all", "*"
    found = lex.match_product(what)
    if len(found.skus) == 1 and found.guess is None:
        return "sku", found.skus[0]
    cat = what if what in lex.categories else _CATEGORY_TAIL.sub("", what)   # (肉类 is the catalog's own word)
    if cat in lex.categories:
        return "category", cat
    if len(found.skus) > 1:
        return commands.Clarify("ambiguous_product", mention=what, candidates=found.skus)
    return commands.Clarify("unknown_product", mention=what)
