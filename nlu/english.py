"""Stock talk typed in English (received 2 cases of 牛奶 · sold 3 可颂 · how much milk do we have), rewritten into
the Chinese the grammar reads. Product names stay as the catalog has them (its names, aliases or pinyin); only the
verbs, units and question words are translated. Messages with any Chinese verb are left alone."""
from __future__ import annotations

import re
from collections.abc import Callable

from nlu import english_rules

# a count said in words, and a way paid (one cash one wechat)
_WORDS_N = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8",
            "nine": "9", "ten": "10"}
_WORD_N = "|".join(_WORDS_N)
_PAY = {"wechat": "微信", "cash": "现金", "alipay": "支付宝", "card": "刷卡"}


_PACK_WORDS = {"case": "箱", "carton": "箱", "box": "箱", "boxe": "箱", "bag": "袋", "sack": "袋", "bottle": "瓶", "tray": "板",
               "jin": "斤", "kg": "公斤",
               "箱": "箱", "袋": "袋", "瓶": "瓶", "板": "板", "斤": "斤", "公斤": "公斤", "升": "升"}


def _unit_before(m: re.Match[str]) -> str:
    """The unit of the quantity said last before ``m`` (3 cases of coke, 1 of them…: 箱), else 个."""
    said = re.findall(r"\d\s*(cases?|cartons?|box(?:es)?|bags?|sacks?|bottles?|trays?|jin|kg|箱|袋|瓶|板|公斤|斤|升)",
                      m.string[:m.start()])
    if not said:
        return "个"
    w = said[-1]
    return _PACK_WORDS.get(w) or _PACK_WORDS.get(w[:-1]) or _PACK_WORDS.get(w[:-2]) or "个"


# an amount of money said, and how it was paid (3000 · ¥3,000 by wechat · 2000 yuan in cash), to the end
_MONEY_BY = (r"(?:¥|rmb ?)?(?P<n>\d[\d,]*(?:\.\d+)?)(?: yuan| rmb| kuai)?"
             r"(?: (?:by|with|in|via) (?P<m>wechat|cash|alipay|card))?$")


def _money_by(m: re.Match[str]) -> str:
    """``_MONEY_BY``'s amount, and its way after a comma when said (3000,微信)."""
    return m.group("n").replace(",", "") + (f",{_PAY[m.group('m')]}" if m.group("m") else "")


def _n(word: str) -> str:
    return _WORDS_N.get(word, word)


# the stock book said in English (this month's stock book · inventory ins and outs)
_STOCK_BOOK = r"(?:stock|inventory) (?:book|ins and outs|in and out)|stock movement summary"

# common goods said in English, to the Chinese words a catalog names them by (its names and aliases decide which
# product, if any, that is: 牛奶 is 全脂牛奶 in a café; a word the catalog lacks is asked about as unknown)
_GOODS: list[tuple[str, str]] = [
    (r"coffee ?beans?|beans", "咖啡豆"), (r"whole milk|milk", "牛奶"), (r"(?:whipping |heavy )?cream", "奶油"),
    (r"(?:bread |high.gluten )?flour", "面粉"), (r"sugar", "糖"), (r"eggs?", "鸡蛋"), (r"butter", "黄油"),
    (r"paper cups?|cups?", "纸杯"), (r"croissants?", "可颂"), (r"(?:rapeseed |cooking |vegetable )?oil", "油"),
    (r"beef brisket|brisket", "牛腩"), (r"beef shank|shank", "牛腱"), (r"pork belly", "五花肉"),
    (r"chicken wings?|wings?", "鸡翅"), (r"grass carp|fish", "鱼"), (r"potato(?:e?s)?", "土豆"),
    (r"tomato(?:e?s)?", "番茄"), (r"green peppers?|peppers?", "青椒"), (r"(?:napa |chinese )?cabbages?", "白菜"),
    (r"pickled (?:mustard|cabbage)|sauerkraut", "酸菜"), (r"rice", "大米"), (r"soy sauce", "酱油"),
    (r"vinegar", "醋"), (r"salt", "盐"), (r"cokes?|colas?", "可乐"), (r"sprites?", "雪碧"), (r"7 ?up|seven ?up", "七喜"),
    (r"iced? tea|ice red tea", "冰红茶"), (r"(?:mineral |bottled )?water", "矿泉水"), (r"beers?", "啤酒"),
    (r"sandwich(?:es)?", "三明治"), (r"burger buns?|buns?", "汉堡胚"), (r"tofu|bean curd", "豆腐"),
    (r"coriander|cilantro", "香菜"), (r"(?:takeaway|take.out|lunch) boxe?s?|containers?", "餐盒"),
    (r"napkins?|tissues?", "纸巾"), (r"beef ?balls?|meatballs?", "牛肉丸"),
    (r"drinks|beverages|soft drinks", "饮料"),   # (a category: each of its products)
    (r"beef", "牛肉"),   # (beef alone: whichever of the catalog's the word fits, asked when several)
    # a phone shop's (the catalog decides: 数据线 is asked when it has two)
    (r"phone cases?|phone covers?", "手机壳"), (r"power ?banks?|portable chargers?", "充电宝"),
    (r"(?:lightning|iphone) cables?", "苹果数据线"), (r"type.?c cables?|usb.?c cables?", "typec线"),
    (r"(?:data |charging |usb )?cables?", "数据线"),
    (r"(?:phone |wall |usb )?chargers?|charging (?:heads?|bricks?|plugs?)|power adapters?", "充电头"),
    (r"screen protectors?|tempered glass(?: films?)?", "钢化膜"),
    (r"(?:bluetooth |wireless )?(?:earphones?|earbuds?|headphones?|headsets?)", "耳机"),
    (r"phone (?:stands?|holders?)", "手机支架"), (r"essential oils?", "精油"), (r"massages?", "推拿"),
]
# the first word of a running cost said in English → the Chinese word its kind goes by
_COSTS = {"rent": "房租", "electricity": "电费", "power": "电费", "water": "水费", "wages": "工资", "salaries": "工资",
          "salary": "工资", "internet": "网费", "phone": "话费", "property": "物业费", "cleaning": "保洁费",
          "repair": "维修费", "repairs": "维修费", "advertising": "广告费", "office": "办公用品"}


# a past span said in English, as the replies' questions name it (for spending, profit and business asked)
_SPAN = r"(?P<span>today|yesterday|this week|last week|this month|last month|this year)"
_SPAN_ZH = {"today": "今天", "yesterday": "昨天", "this week": "这周", "last week": "上周", "this month": "这个月",
            "last month": "上个月", "this year": "今年"}


def _span_zh(m: re.Match[str]) -> str:
    """The span the match names (any of its span groups), in Chinese; "" when none is said."""
    said = next((v for k, v in m.groupdict().items() if k.startswith("span") and v), None)
    return _SPAN_ZH.get(said, "") if said else ""


# an earlier record named by its day or as the last of its kind, and its goods (yesterday's coke sale · the last beef
# delivery · the coke we sold yesterday); ``_earlier`` says it as the grammar's reference (昨天卖的可乐 · 上次收的牛腩)
_EARLIER_WHEN = {"yesterday": "昨天", "today": "今天", "this morning": "今天上午", "this afternoon": "今天下午",
                 "the day before yesterday": "前天", "last": "上次", "last time": "上次"}
_EARLIER_KIND = {"sale": "卖的", "sold": "卖的", "deliver": "收的", "receipt": "收的", "received": "收的", "got": "收的",
                 "scrap": "报损的", "scrapped": "报损的", "threw": "报损的", "write": "报损的", "count": "盘点的",
                 "counted": "盘点的"}
_EARLIER = (r"(?:(?:the )?(?P<when>yesterday|today|this morning|this afternoon|the day before yesterday|last)(?:'s)? "
            r"(?:(?P<what>.+?) )?(?P<kind>sale|deliver|receipt|scrap|write|count)(?:s|y|ies|-offs?)?"
            r"|(?:the )?(?P<what2>.+?) (?:we|i) (?P<kind2>sold|received|got|scrapped|threw|counted)(?: away| out)? "
            r"(?P<when2>yesterday|today|this morning|this afternoon|last time))")


def _earlier(m: re.Match[str]) -> str:
    """``_EARLIER``'s record in the grammar's words: its day (or 上次), its kind's verb, then its goods."""
    when, kind = m.group("when") or m.group("when2"), m.group("kind") or m.group("kind2")
    return f"{_EARLIER_WHEN[when]}{_EARLIER_KIND[kind]}{m.group('what') or m.group('what2') or ''}"


_FIELD = {"safety stock": "安全库存", "minimum stock": "安全库存", "min stock": "安全库存", "selling price": "售价",
          "price": "售价", "cost": "进价", "cost price": "进价", "purchase price": "进价", "shelf life": "保质期"}


def _value(v: str) -> str:
    """A value said for a product's field, in the grammar's words (60 a case: 60一箱 · 5 days: 5天)."""
    v = re.sub(r"\s*(?:a|per|each) (case|box|carton|bag|sack|bottle|tray)\b", lambda m: "一" + _PACK_WORDS[m.group(1)], v)
    return re.sub(r"\s*days?$", "天", v)


_SPOT = {"fridge": "冰箱", "cooler": "冰箱", "freezer": "冷冻", "cold room": "冷库", "shelf": "货架", "shelves": "货架",
         "front": "前台", "counter": "前台", "kitchen": "后厨"}
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")


def _expires(when: str) -> str:
    """When goods expire, in the grammar's words (in 3 days: 保质期3天 · tomorrow: 明天到期 · on june 20 · on 6/20: 6月20日到期);
    the words as said when none of these."""
    if m := re.fullmatch(r"in (\d+) days?", when):
        return f"保质期{m.group(1)}天"
    if when in ("tomorrow", "the day after tomorrow", "today"):
        return {"tomorrow": "明天", "today": "今天", "the day after tomorrow": "后天"}[when] + "到期"
    if m := re.fullmatch(rf"(?:on )?(?P<mon>{'|'.join(_MONTHS)}) (?P<d>\d{{1,2}})(?:st|nd|rd|th)?", when):
        return f"{_MONTHS.index(m.group('mon')) + 1}月{m.group('d')}日到期"
    if m := re.fullmatch(r"(?:on )?(\d{1,2})/(\d{1,2})", when):
        return f"{m.group(1)}月{m.group(2)}日到期"
    return when


_DAY_SAID = (r"(?P<d>yesterday|the day before yesterday|today|(?:on )?(?P<mon>" + "|".join(_MONTHS)
             + r") (?P<dd>\d{1,2})(?:st|nd|rd|th)?)")


def _day_said(m: re.Match[str]) -> str:
    """``_DAY_SAID``'s day in the grammar's words (yesterday: 昨天 · june 12: 6月12日)."""
    if m.group("mon"):
        return f"{_MONTHS.index(m.group('mon')) + 1}月{m.group('dd')}日"
    return {"yesterday": "昨天", "the day before yesterday": "前天", "today": "今天"}[m.group("d")]


# a price's unit after a or per (60 a case · 32 a jin): the grammar's
_PER = {"case": "箱", "box": "箱", "carton": "箱", "bag": "袋", "sack": "袋", "bottle": "瓶", "tray": "板", "jin": "斤",
        "kg": "公斤", "kilo": "公斤", "斤": "斤", "公斤": "公斤"}
_WHEN = english_rules.WHEN
_WEEKDAYS = english_rules.WEEKDAYS
_WORDS: list[tuple[str, str | Callable[[re.Match[str]], str]]] = [
    *_GOODS,
    *english_rules.WORDS,
    # the last record put right or dropped (change the last one to 40 jin · that was wrong, delete it)
    (r"^(?:change|correct|fix|make) (?:the )?(?:last|previous) (?:one|entry|record|line)(?: to| into)? (?P<q>.+)$",
     r"刚才那条改成\g<q>"),
    (r"^(?:that|it|the last one) (?:was|is) wrong,? (?:please )?(?:delete|remove|drop|undo|cancel) (?:it|that)$", "撤销"),
    (r"^(?:please )?(?:undo|delete|cancel|remove) (?:that|it|this)(?: one| entry| record)?(?: please)?$", "撤销"),
    # goods running low (milk is running low · we're running out of butter): its stock asked
    (r"^(?P<what>.+?) (?:is|are) (?:running|getting) (?:low|out)[?.!]*$", r"\g<what>快没了"),
    (r"^(?:we'?re|we are) (?:running|getting) (?:low on|out of) (?P<what>.+?)[?.!]*$", r"\g<what>快没了"),
    # a supplier's slip (guangming sent 1 extra case of milk for free · guangming sent 2 cases of milk short)
    (r"^(?P<who>\S+) (?:sent|gave|delivered|threw in) (?:us )?(?:an? )?(?:extra |more |additional )?(?P<what>.+?)"
     r"(?: extra)? (?:for free|free of charge|at no charge|as a gift|free)$",
     lambda m: f"{m.group('who')}送了{re.sub(r'(?<![a-z])(?:extra|more|additional) ', '', m.group('what'))},免费的"),
    (r"^(?P<who>\S+) (?:sent|delivered) (?P<what>.+?) (?:short|too few|less than ordered)$", r"\g<who>少送了\g<what>"),
    # the newest records undone, that many (undo the last two · delete the last 3 entries)
    (r"^(?:please )?(?:undo|delete|remove|cancel) (?:the |my )?(?:last|previous|latest) (?P<n>\d{1,2}|"
     + "|".join(_WORDS_N) + r")(?: ones| entries| records| lines)?(?: please)?$",
     lambda m: f"撤销最后{_WORDS_N.get(m.group('n'), m.group('n'))}条"),
    # the last record (or an earlier one) put on another day (that was yesterday · move that to yesterday · that sale was
    # from the day before yesterday · move yesterday's coke sale to today)
    (r"^(?:no,? )?(?:that|it|this|the last one)(?: one| entry| record| sale| delivery)? (?:was|is|should be|should have "
     r"been|belongs to|happened)(?: from| for| on)? " + _DAY_SAID + r"(?:'s)?$", lambda m: f"刚才那笔是{_day_said(m)}的"),
    (r"^(?:please )?(?:move|change|put|date|record|book) (?:that|it|this|the last one)(?: one| entry| record)? "
     r"(?:to|on|for|as|under) " + _DAY_SAID + r"$", lambda m: f"刚才那笔记到{_day_said(m)}"),
    # a product's own numbers set (set the safety stock of milk to 24 liters · set milk's price to 6 · the cost of milk is
    # now 60 a case · milk price went up to 65 a case)
    (r"^(?:set|change|make|update) (?:the )?(?P<f>safety stock|minimum stock|min stock|selling price|price|cost|cost price"
     r"|purchase price|shelf life) (?:of|for) (?P<what>.+?) (?:to|at|as) (?P<v>.+)$",
     lambda m: f"{m.group('what')}{_FIELD[m.group('f')]}改成{_value(m.group('v'))}"),
    (r"^(?:set|change|make|update) (?P<what>.+?)'s (?P<f>safety stock|minimum stock|min stock|selling price|price|cost"
     r"|cost price|purchase price|shelf life) (?:to|at|as) (?P<v>.+)$",
     lambda m: f"{m.group('what')}{_FIELD[m.group('f')]}改成{_value(m.group('v'))}"),
    (r"^(?:the )?(?:price of (?P<what>.+?)|(?P<what2>.+?) price) (?:went|goes|has gone|is going) "
     r"(?P<d>up|down) to (?P<v>.+)$",
     lambda m: f"{m.group('what') or m.group('what2')}{'涨价' if m.group('d') == 'up' else '降价'}到{_value(m.group('v'))}"),
    # an earlier record by its day or as the last of its kind (change yesterday's coke sale to 3 cases · the last beef
    # delivery should be 50 jin · the coke we sold yesterday was wrong, it should be 2 cases · undo the last milk delivery)
    (rf"^(?:change|correct|fix) {_EARLIER} (?:to|into) (?P<q>.+)$", lambda m: f"把{_earlier(m)}改成{m.group('q')}"),
    (rf"^{_EARLIER},? (?:(?:was|is) wrong,? (?:it )?)?should (?:have been|be) (?P<q>.+)$",
     lambda m: f"{_earlier(m)}记错了,应该是{m.group('q')}"),
    (rf"^(?:undo|delete|cancel|remove) {_EARLIER}$", lambda m: f"撤销{_earlier(m)}"),
    (rf"^(?:move|change|put|date|record) {_EARLIER} (?:to|on|for|as|under) {_DAY_SAID}$",
     lambda m: f"把{_earlier(m)}改到{_day_said(m)}"),
    # goods put elsewhere in the store (put 2 cases of coke in the fridge · moved the beef to the freezer · froze 20 jin
    # of beef): no stock moved, as the grammar says
    (r"^(?:we )?(?:put|moved|move|took|take|carried|carry|stacked) (?P<what>.+?) (?:in|into|to|onto|on) (?:the )?"
     r"(?P<spot>fridge|freezer|cooler|cold room|shelf|shelves|front|counter|kitchen)$",
     lambda m: f"把{m.group('what')}放到{_SPOT[m.group('spot')]}"),
    (r"^(?:we )?(?:froze|frozen|freeze|thawed|defrosted) (?P<what>.+)$", r"冻了\g<what>"),
    # when the goods just received expire (this batch of milk expires in 3 days · the last delivery of milk keeps 5 days
    # · this batch of milk expires tomorrow · expires on june 20 · expires on 6/20)
    (r"^(?:this|that|the last|the) (?:batch|lot|delivery|shipment) of (?P<what>.+?) (?:expires|goes off|goes bad"
     r"|is good until|keeps until|is good till) (?P<when>.+)$", lambda m: f"这批{m.group('what')}{_expires(m.group('when'))}"),
    (r"^(?:this|that|the last|the) (?:batch|lot|delivery|shipment) of (?P<what>.+?) (?:keeps|lasts|is good)(?: for)? "
     r"(?P<n>\d+) days$", r"这批\g<what>保质期\g<n>天"),
    # not done: how it usually goes, what might, what will next time, and whether the stock has it (we usually sell 20
    # jin of beef a day · what if we sell 10 cases of coke · next time order 50 jin · do we have 10 cases of coke)
    (r"^(?:(?:we|they|i) )?(?:usually|normally|typically|generally)", "一般"),
    (r"^what if (?P<what>.+?)\??$", r"万一 \g<what> 怎么办"),
    (r"^next time,?", "下次"),
    (r"^(?:do|does) (?:we|the store|the shop) (?:still )?have (?P<what>.*\d.*?)\??$", r"\g<what>,有货吗"),
    # money on an account (we paid zhang ji 3000 · meituan paid 2000 by wechat · we paid zhang ji half · we paid zhang
    # ji in full · is zhang ji paid off · how much does meituan owe · how much do we owe zhang ji)
    (r"^(?:we )?paid (?P<who>.+?) (?:half|50%)(?: of (?:it|what we owe))?$", r"给 \g<who> 付了一半"),
    (r"^(?:we )?paid (?P<who>.+?) (?:in full|off|everything|all we owe(?: (?:them|him|her))?)$", r"\g<who> 的账结清了"),
    (r"^(?:we )?paid (?!(?:the |this month'?s |last month'?s )?(?:rent|electricity|power|water|wages|salar|internet|phone"
     rf"|property|cleaning|repair|advertising|office))(?P<who>.+?) {_MONEY_BY}",
     lambda m: f"付给 {m.group('who')} {_money_by(m)}"),
    (rf"^(?P<who>.+?) paid (?:us )?{_MONEY_BY}", lambda m: f"{m.group('who')} 付了{_money_by(m)}"),
    (r"^(?:is|are) (?P<who>.+?) paid (?:off|up|in full)\??$|^have we paid (?P<who2>.+?) (?:off|in full)\??$",
     lambda m: f"{m.group('who') or m.group('who2')} 的账结清了吗"),
    (r"^how much (?:does|do) (?P<who>.+?) (?:still )?owe(?: us)?\??$", r"\g<who> 还欠多少钱"),
    (r"^how much do we (?:still )?owe (?P<who>.+?)\??$", r"欠\g<who>多少钱"),
    # a sale to a customer said after the goods (sold 3 cases of coke to meituan): to it, by name
    (r"^sold (?P<what>.+?) to (?:the )?(?P<who>[^,]+?)(?P<tail>,.*)?$", r"卖给 \g<who> \g<what>\g<tail>"),
    # where a supplier's delivery is (where is zhang ji's delivery · where's the coke order)
    (r"^where(?:'s| is) (?P<who>.+?)(?:'s)? (?:delivery|order|goods|stuff)\??$", r"\g<who>的货到哪了"),
    # an order as the last one (reorder the last order · order beef brisket, same as last time)
    (r"^(?:re-?order|order|repeat) (?:the |my |our )?(?:last|previous) (?:order|purchase order)(?: again)?$"
     r"|^order (?:the same|everything|it all) (?:again |as last time)|^order again$", "照上次的再订一份"),
    (r"^(?:re-?order|order) (?:the usual|the same as last time|the same|our usual|what we ordered last time) "
     r"(?:from|with) (?P<who>.+)$", r"向\g<who>照上次的再订一份"),
    (r"^(?:re-?order|order) (?P<what>.+?),? (?:the )?(?:same (?:amount )?as|as much as|like) (?:the )?last (?:time|order)$",
     r"订\g<what>,跟上次一样"),
    # a partner's agreed prices (what are zhang ji's prices · 王记's price list) and its order moved (move zhang ji's
    # order to thursday)
    (r"^(?:what are |show (?:me )?)?(?P<who>\S+?)'s (?:prices|price list|agreed prices)\??$", r"\g<who>的价格表"),
    (r"^(?:move|change|push|reschedule|postpone) (?P<who>\S+?)'s (?:order|delivery|purchase order) to (?P<when>.+)$",
     lambda m: f"{m.group('who')}的订单改到{english_rules.day_zh(m.group('when'))}"),
    # how long stock lasts (how many days will the 牛腩 last · how long will 可乐 last)
    (r"^(?:how many days|how long) will (?:the |our )?(?P<what>.+?) last\??$", r"\g<what>还能卖几天"),
    # quotations (quote for 王记: 100 苹果数据线 at 12 · turn quote 1 into an order · quotes)
    (r"(?:turn|convert) quot(?:e|ation) (?P<id>\d+) into (?:an? )?order|quot(?:e|ation) (?P<id2>\d+) (?:to|into) (?:an? )?order",
     lambda m: f"报价{m.group('id') or m.group('id2')}转订单"),
    (r"(?:make |send |give )?(?:a |an )?quot(?:e|ation) (?:for|to) (?P<who>\S+?)[:,]?(?= |$)", r"给\g<who>报价:"),
    (r"(?:show |list )?(?:the |our |recent )?quot(?:es|ations)$", "有哪些报价"),
    # a recurring cost said with its days last (pay rent 5000 on the 1st of every month · pay cleaning 50 every monday):
    # the days first, as the grammar has them
    (r"^(?P<what>(?:we )?pay .+?) (?P<when>(?:on the )?\d{1,2}(?:st|nd|rd|th)? (?:of )?every month|(?:every|each) "
     r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|day|weekday|working day))$",
     lambda m: f"{m.group('when')} {m.group('what')}"),
    # running costs (paid rent 5000 · paid the electricity bill 800 · expenses this month · last month's expenses)
    (r"(?:we )?(?:paid|pay|spent) (?:the )?(?:(?P<span>this month'?s|last month'?s) )?(?P<w>rent|electricity(?: bill)?"
     r"|power bill|water(?: bill)?|wages|salaries|salary|internet(?: bill)?|phone bill|property (?:fee|management)"
     r"|cleaning|repairs?|advertising|office supplies)(?: of| was)?\s*(?P<n>\d[\d.]*)",
     lambda m: f"交{_COSTS[m.group('w').split()[0]]}{m.group('n')}"),
    # what was spent, goods and costs (how much did we spend this month · last month's spending · total spending today)
    (rf"(?:how much |what )?(?:did|have) we (?:spend|spent)(?: in)? {_SPAN}|(?:what|how much) we spent {_SPAN.replace('span', 'span2')}"
     rf"|{_SPAN.replace('span', 'span3')}'?s? (?:total )?spending|(?:total )?spending {_SPAN.replace('span', 'span4')}",
     lambda m: f"{_span_zh(m)}花了多少钱"),
    # what was spent on one product (how much did we spend on milk this month · what did we spend on beef last week)
    (rf"^(?:how much|what) (?:did|have) we (?:spend|spent) on (?P<what>.+?)(?: {_SPAN})?\??$",
     lambda m: f"{_span_zh(m)}在{m.group('what')}上花了多少钱"),
    # the takings, margin and net (did we lose money last month · are we making money · how was business last week)
    (rf"(?:did|do) we (?:lose|make) money(?: {_SPAN})?|(?:are|were) we (?:making|losing) money(?: {_SPAN.replace('span', 'span2')})?",
     lambda m: f"{_span_zh(m) or '这个月'}亏了吗"),
    (rf"how(?:'s| is| was) business(?: {_SPAN})?", lambda m: f"{_span_zh(m)}生意怎么样"),
    (rf"(?:net )?profits? {_SPAN}|{_SPAN.replace('span', 'span2')}'?s? (?:net )?profits?", lambda m: f"{_span_zh(m)}利润多少"),
    # what the stock holds (what is left in the warehouse · what's left at 南山店 · what's left)
    (r"what(?:'s|s| is) left(?: (?:in|at) (?:the )?(?P<where>\S+))?\??",
     lambda m: f"{'仓库' if (m.group('where') or '') == 'warehouse' else m.group('where') or ''}还有什么"),
    (r"(?P<span>this|last) month'?s (?:expenses|costs)|(?:expenses|costs) (?P<span2>this|last) month",
     lambda m: f"{'上个月' if 'last' in (m.group('span') or m.group('span2') or '') else '这个月'}的费用"),
    (r"(?:show |list )?(?:the |our )?(?:expenses|running costs)", "费用明细"),
    # price lists (王记 pays wholesale · 王记 is on the member price · 苹果数据线 wholesale price 12)
    (r"(?P<who>\S+) (?:pays|buys at|is on|gets|is a) (?:the )?(?P<tier>wholesale|member|retail)(?: prices?| tier| customer)?",
     lambda m: f"{m.group('who')}按{ {'wholesale': '批发', 'member': '会员', 'retail': '零售'}[m.group('tier')]}价"),
    (r"(?P<t>wholesale|member(?:ship)?) price (?:of|for) (?P<w>\S+)",
     lambda m: f"{m.group('w')}{'批发价' if m.group('t') == 'wholesale' else '会员价'}多少"),
    (r"\s*wholesale price\s*(?:is |to )?", "批发价"), (r"\s*member(?:ship)? price\s*(?:is |to )?", "会员价"),
    # how long the stock has sat (stock age · inventory aging · what has been sitting longest)
    (r"(?:stock|inventory) (?:age|aging|ageing)|(?:aging|ageing) of (?:stock|inventory)"
     r"|what (?:has|have) been (?:sitting|on the shelf|in stock) (?:longest|too long|for long)", "库龄分析"),
    # payment terms and what is open against them (receivables aging · which customers are overdue · payments due
    # this week · when is 盒马's payment due · 盒马 payment terms 30 days · 盒马 cash on delivery)
    (r"(?:accounts? )?payables?(?: by)? (?:aging|ageing|age)|(?:aging|ageing) of payables|ap aging", "应付账龄"),
    (r"(?:accounts? )?receivables?(?: by)? (?:aging|ageing|age)|(?:aging|ageing)(?: report)?(?: of receivables)?$|ar aging",
     "应收账龄"),
    (r"(?:which|what) customers? (?:are|is) (?:overdue|late(?: paying)?)|overdue (?:customers|receivables)"
     r"|who (?:is|are) (?:overdue|late paying)", "哪些客户逾期了"),
    (r"(?:which|what) suppliers? (?:are|is) overdue|overdue (?:payables|bills|supplier payments)"
     r"|what (?:do we|we) owe (?:that is|is) overdue", "哪些供应商的货款逾期了"),
    (r"(?:what|which bills) (?:do|must|should) we pay (?P<when>this week|this month|today)"
     r"|(?:payments|bills) (?:falling )?due (?P<when2>this week|this month|today)",
     lambda m: {"this week": "这周", "this month": "这个月", "today": "今天"}[m.group("when") or m.group("when2")]
     + "要付哪些货款"),
    (r"(?:what is|what's|which payments are) due (?:to us|from customers) (?P<when>this week|this month|today)",
     lambda m: {"this week": "这周", "this month": "这个月", "today": "今天"}[m.group("when")] + "要收哪些款"),
    (r"when (?:is|are|do we get) (?P<who>\S+?)(?:'s)? (?:payments?|bills?|invoices?|money) (?:due|paid)",
     r"\g<who>的货款什么时候到期"),
    (r"(?P<who>\S+?)(?:'s)? payment terms(?: are| is| to)? (?:net )?(?P<n>\d+) days", r"\g<who>账期\g<n>天"),
    # money back (refund 500 to 王记 · refund 王记's deposit · 张记 refunded us 300 · got a refund of 300 from 张记)
    (r"(?:we )?refund(?:ed)? (?P<who>\S+?)(?:'s)? (?:deposit|prepayment|advance|credit)$", r"\g<who>的定金退了"),
    (r"(?:we )?refund(?:ed)? (?:¥|rmb ?)?(?P<n>\d+(?:\.\d+)?)(?: yuan| rmb)? to (?P<who>\S+)$", r"退给\g<who>\g<n>"),
    (r"(?:we )?refund(?:ed)? (?P<who>\S+) (?:¥|rmb ?)?(?P<n>\d+(?:\.\d+)?)(?: yuan| rmb)?$", r"退给\g<who>\g<n>"),
    (r"(?P<who>\S+) refunded (?:us )?(?:¥|rmb ?)?(?P<n>\d+(?:\.\d+)?)(?: yuan| rmb)?$", r"\g<who>退款\g<n>"),
    (r"(?:we )?(?:got|received) (?:a )?refund of (?:¥|rmb ?)?(?P<n>\d+(?:\.\d+)?)(?: yuan| rmb)? from (?P<who>\S+)$",
     r"收到\g<who>退款\g<n>"),
    # invoices (张记 sent an invoice for 3200 · we invoiced 团餐 5000 · invoices for last month · check invoices)
    (r"(?P<who>\S+) (?:sent|issued|gave) (?:us )?(?:an? |the )?invoice (?:of |for )?(?:¥|rmb ?)?(?P<n>\d+(?:\.\d+)?)"
     r"(?: yuan| rmb)?$", r"\g<who>开了发票\g<n>"),
    (r"(?:we )?invoiced (?P<who>\S+) (?:for )?(?:¥|rmb ?)?(?P<n>\d+(?:\.\d+)?)(?: yuan| rmb)?$", r"给\g<who>开了发票\g<n>"),
    (r"(?:check (?:the )?)?(?:supplier )?invoices? (?:for |of )?(?P<m>this|last) month$",
     lambda m: f"{'上个月' if m.group('m') == 'last' else '这个月'}的发票核对"),
    # a spend threshold promotion (10 off every 100 · 10 off 100 or more), before a discount at the till's 20 off
    (r"(?P<o>\d+(?:\.\d+)?) off every (?P<t>\d+(?:\.\d+)?)$", r"全场每满\g<t>减\g<o>"),
    (r"(?P<o>\d+(?:\.\d+)?) off (?:a purchase of |purchases of |orders of )?(?P<t>\d+(?:\.\d+)?) or more$",
     r"全场满\g<t>减\g<o>"),
    # a late delivery as a rule's condition (tell me when zhang ji's delivery is late · alert me if an order is late)
    (r"(?:tell|remind|notify|alert|warn) (?:me|us) (?:when|if|whenever) .*?(?:deliver(?:y|ies)|orders?|goods) "
     r"(?:is|are|comes?|arrives?|runs?) late$", "货晚到了就提醒我"),
    # what a delivery lacked, or held in all (got 48 jin of beef brisket, 2 short · 3 cases of beef, 58 jin in total)
    (r"^(?P<what>.+?) (?:has |have )?(?:arrived|came in|came|was delivered|were delivered|got here)(?=\s*(?:$|[,.;]))",
     r"\g<what>到了"),
    (r",\s*(?:but\s+)?(?P<n>\d+(?:\.\d+)?)\s*(?P<u>jin|kg|bottles?|cases?|boxes|斤|公斤|瓶|箱)?\s*(?:short|missing|fewer|less)(?=\s*(?:$|[,.;]))",
     lambda m: f",少了{m.group('n')}{_PACK_WORDS.get((m.group('u') or '').rstrip('s')) or _unit_before(m)}"),
    (r",\s*(?P<n>\d+(?:\.\d+)?)\s*(?P<u>jin|kg|bottles?)\s*(?:in total|altogether|all together|total)(?=\s*(?:$|[,.;]))",
     lambda m: f",共{m.group('n')}{_PACK_WORDS.get(m.group('u').rstrip('s'), '斤')}"),
    # what did not sell of a day's goods (10 croissants left unsold · baked 50 croissants, 10 left unsold)
    (r"(?P<n>\d+)\s+(?:(?P<what>[a-z][a-z ]*?|\S+)\s+)?(?:were |are )?left (?:unsold|over unsold|not sold)",
     lambda m: f"{m.group('what') or ''}卖剩{m.group('n')}"),
    # an appointment called off (cancel wang's appointment tomorrow · cancel the appointment tomorrow)
    (r"cancel (?:(?P<who>\S+?)'s |the )?(?:appointment|booking|reservation)s? (?P<d>today|tomorrow)",
     lambda m: f"取消{m.group('who') or ''}{'明天' if m.group('d') == 'tomorrow' else '今天'}的预约"),
    # part of what was said, at its own price or free (sold 12 cokes, 3 of them at 4 each · of which 3 at 4 · 1 of them
    # free · 2 of them were on the house): split off the whole (其中3个单价4元 · 其中1个是送的)
    (rf",\s*(?:and\s+)?(?:of (?:them|these|which),?\s+)?(?P<n>\d+|{_WORD_N})(?:\s+of (?:them|these|those))?\s+(?:at|for)\s+"
     r"(?:¥|rmb ?)?(?P<p>\d+(?:\.\d+)?)\s*(?:yuan|rmb|kuai)?\s*(?:each|apiece|a piece)?(?=\s*(?:$|[,.;]))",
     lambda m: f",其中{_n(m.group('n'))}{_unit_before(m)}单价{m.group('p')}元"),
    (rf",\s*(?:and\s+)?(?:of (?:them|these|which),?\s+)?(?P<n>\d+|{_WORD_N})(?:\s+of (?:them|these|those|it))\s+(?:were |was |are |is )?"
     r"(?:free|given (?:away|free)|a gift|gifts|on the house)(?=\s*(?:$|[,.;]))",
     lambda m: f",其中{_n(m.group('n'))}{_unit_before(m)}是送的"),
    # the till (sold 1 蓝牙耳机, 20 off · rounded down · free of charge · took 170 for both · discounts this month ·
    # discount limit 10% · remove the discount limit · what is the discount limit)
    (r",? ?(?:(?:a|with a) )?(?:¥|rmb ?)?(?P<n>\d+(?:\.\d+)?) (?:yuan |rmb )?(?:off|discount)(?! limit)", r",优惠\g<n>元"),
    (r",? ?(?:(?:and )?rounded (?:it )?(?:down|off)|(?:and )?dropped the (?:small )?change)", ",抹零"),
    (r",? ?(?:free of charge|on the house)", ",免单"),
    (r",? ?(?:took|collected|received|got) (?:¥|rmb ?)?(?P<n>\d+(?:\.\d+)?)(?: yuan| rmb)? (?:in total|altogether"
     r"|for (?:all of it|everything|both|all))", r",一共收了\g<n>"),
    (r"(?:what(?:'s| is) (?:the |our )?discount limit|discount limit\?)", "优惠上限是多少"),
    (r"(?:remove|clear|drop|no) (?:the )?discount limit", "取消优惠上限"),
    (r"(?:set (?:the )?)?discount limit (?:to |of |at |is )?(?P<n>\d+(?:\.\d+)?) ?%", r"店员最多优惠\g<n>%"),
    (r"(?:today'?s|yesterday'?s) discounts", lambda m: f"{'昨天' if m.group(0).startswith('y') else '今天'}优惠记录"),
    (r"(?:the )?discounts?(?: given)?(?= (?:today|yesterday|this week|last week|this month|last month)|$)", "优惠记录 "),
    # repairs (SN001 in for repair, no sound · repair 1 sent to 绿联 · repair 1 is fixed · repair 1 was replaced by SN009 ·
    # repair 1 cannot be fixed · repair 1 collected · repair 1 · open repairs · all repairs)
    (r"(?:(?P<who>\S+) (?:brought|sent) (?:in )?)?(?:serial )?(?P<code>[a-z]{1,6}\d{2,}[a-z0-9-]*|\d{12,17})"
     r"(?: (?:in|back))? for repair(?:s)?(?:,? (?P<fault>.+))?$",
     lambda m: f"{m.group('who') or ''}送修,串号{m.group('code')}" + (f",{m.group('fault')}" if m.group("fault") else "")),
    (r"repair #?(?P<id>\d+) (?:was |is |has been )?sent to (?P<who>\S+)$", r"维修单\g<id>寄给\g<who>"),
    (r"repair #?(?P<id>\d+) (?:was |is |has been )?replaced (?:by|with) (?:serial )?(?P<code>\S+)$",
     r"维修单\g<id>换新了,新串号\g<code>"),
    (r"repair #?(?P<id>\d+) (?:can ?not|can't|could not|couldn't) be (?:fixed|mended|repaired)$", r"维修单\g<id>修不好"),
    (r"repair #?(?P<id>\d+) (?:is |was |has been )?(?:fixed|mended|repaired|back)$", r"维修单\g<id>修好了"),
    (r"repair #?(?P<id>\d+) (?:was |is |has been )?(?:collected|picked up)$", r"维修单\g<id>取走了"),
    (r"(?:open|pending) repairs|repairs in progress", "在修的"),
    (r"all repairs|repair history", "所有维修记录"),
    (r"repair #?(?P<id>\d+)$", r"维修单\g<id>"),
    # promotions (buy 2 get 1 free on 手机壳 · 20% off 蓝牙耳机 · 10 off every 100 · promotions · end promotion 1 ·
    # how did promotion 1 do · promotion price tags · price tags for 手机壳)
    (r"(?:running |current )?promotions(?: now)?|what(?:'s| is) on (?:offer|promotion)", "有什么促销"),
    (r"all promotions|promotion history", "所有促销"),
    (r"(?:end|stop|cancel) promotion #?(?P<n>\d+)$", r"结束促销\g<n>"),
    (r"how (?:did|is) promotion #?(?P<n>\d+) (?:do|doing|go|going)|promotion #?(?P<n2>\d+)(?: results?)?$",
     lambda m: f"促销{m.group('n') or m.group('n2')}效果怎么样"),
    (r"buy (?P<b>\d+),? get (?P<f>\d+) free (?:on|for) (?P<what>\S+)$", r"\g<what>买\g<b>送\g<f>"),
    (r"(?P<n>\d{1,2}) ?% off (?P<what>\S+)$", lambda m: f"{m.group('what')}打{_zhe(m.group('n'))}折"),
    (r"(?:print )?promotion(?:al)? (?:price )?tags", "打印促销价签"),
    (r"(?:print )?price tags (?:for|of) (?P<what>.+)$", r"打印\g<what>的价签"),
    (r"(?:print )?price tags$", "打印价签"),
    # sales targets (sales target 100000 this month · target of 30k for next month · my target · 小美's target ·
    # how are we doing against target · sales by seller · delete target 2)
    (r"(?:cancel|delete|remove|drop) target #?(?P<n>\d+)", r"删除目标\g<n>"),
    # purchase budgets (purchase budget 50000 this month · how much purchase budget is left)
    (r"^(?:set )?(?:the |a |our )?(?:purchase|purchasing|buying) budget(?: for)?(?: (?P<when>this month|next month|"
     r"this week|this year|every month))?(?: is| of| at| to)? (?P<n>\d+(?:\.\d+)?)(?P<k>k)?(?: yuan| rmb)?"
     r"(?: (?P<when2>this month|next month|this week|this year|every month))?$",
     lambda m: f"{_WHEN[m.group('when') or m.group('when2') or 'this month']}采购预算{m.group('n')}"
               f"{'千' if m.group('k') else ''}"),
    (r"(?:cancel|remove|drop) (?:the )?(?:purchase|purchasing|buying) budget", "取消采购预算"),
    (r"(?:how much )?(?:of )?(?:the )?(?:purchase|purchasing|buying) budgets?(?: is)?(?: left| used)?\??$", "采购预算还剩多少"),
    (r"^(?:set )?(?:the |a |our )?(?:sales )?target(?: for)? (?P<when>this month|next month|this week|next week|today|"
     r"this year|every month)(?: is| of| at| to)? (?P<n>\d+(?:\.\d+)?)(?P<k>k)?(?: yuan| rmb)?$",
     lambda m: f"{_WHEN[m.group('when')]}销售目标{m.group('n')}{'千' if m.group('k') else ''}"),
    (r"^(?:set )?(?:the |a |our )?(?:sales )?target(?: of| is| at)? (?P<n>\d+(?:\.\d+)?)(?P<k>k)?(?: yuan| rmb)?"
     r"(?: for)?(?: (?P<when>this month|next month|this week|next week|today|this year|every month))?$",
     lambda m: f"{_WHEN[m.group('when') or 'this month']}销售目标{m.group('n')}{'千' if m.group('k') else ''}"),
    (r"how (?:are|is) (?:we|the store|sales) doing against (?:the |our )?targets?|(?:sales )?targets? progress"
     r"|progress (?:against|on|toward) (?:the |our )?targets?|(?:sales )?targets$", "目标完成得怎么样"),
    (r"sales by (?:seller|staff|person)|(?:seller|staff) ranking|sales ranking|who sold (?:the )?most", "业绩排行 "),
    (r"my (?:sales )?targets?", "我的目标 "),
    (r"(?P<who>\S+?)'s (?:sales )?targets?", r"\g<who>的目标 "),
    # sales commission (3% commission on all sales · 10 yuan commission per 蓝牙耳机 · 5% commission on 手机壳 · no
    # commission on 手机壳 · commission rules · my commission · commission this month · 小美's commission last month)
    (r"(?:(?:a|the) )?commission rules|how is commission (?:paid|worked out|calculated)", "提成规则"),
    (r"(?:pay |set )?(?P<n>\d+(?:\.\d+)?) ?% commission on (?:all |every )?(?:sales|products|goods|everything)$",
     r"销售提成\g<n>%"),
    (r"(?:pay |set )?(?P<n>\d+(?:\.\d+)?) ?% commission on (?P<what>\S+)$", r"\g<what>提成\g<n>%"),
    (r"(?:pay |set )?(?:¥|rmb ?)?(?P<n>\d+(?:\.\d+)?)(?: yuan| rmb)? commission (?:per|a|on each|for each) (?P<what>\S+)$",
     r"\g<what>提成\g<n>元"),
    (r"(?:no|remove the|stop the|drop the) commission (?:on|for) (?P<what>\S+)$", r"取消\g<what>的提成"),
    (r"my commission", "我的提成 "),
    (r"(?P<who>\S+?)'s commission", r"\g<who>的提成 "),
    (r"commission(?:s)?(?= (?:today|yesterday|this week|last week|this month|last month)|$)", "提成 "),
    # a goods-received note (goods received note for order 3 · 张记's receiving note today · today's receiving notes)
    (r"(?:goods[- ]received|receiving|receipt) note (?:for|of) (?:purchase )?order #?(?P<id>\d+)", r"采购单\g<id>的入库单"),
    (r"(?P<when>today|yesterday)'?s? (?:goods[- ]received|receiving) notes?$",
     lambda m: f"{'昨天' if m.group('when') == 'yesterday' else '今天'}的入库单"),
    (r"(?P<who>\S+?)(?:'s)? (?:goods[- ]received|receiving) notes? ?(?P<when>today|yesterday)?$",
     lambda m: f"{m.group('who')}{'昨天' if m.group('when') == 'yesterday' else '今天'}的入库单"),
    # a customer's order collected by its number (order 2 collected · customer order #2 was picked up)
    (r"(?:customer )?order #?(?P<id>\d+) (?:was |has been |got )?(?:collected|picked up|taken)$", r"订单\g<id>提走了"),
    # one partner's statement (盒马's statement · statement of 光明 for last month)
    (r"(?:account )?statement (?:of|for|with) (?P<who>\S+)", r"\g<who>的往来明细 "),
    (r"(?P<who>\S+?)(?:'s)? (?:account )?statement", r"\g<who>的往来明细 "),
    # a receipt's freight (received 2 cases of milk, freight 20 · shipping 15 paid separately)
    (r",? ?(?:plus |and )?(?:freight|shipping|delivery fee|carriage)(?: cost| fee| charge)?:? ?(?P<n>\d+(?:\.\d+)?)"
     r"(?P<apart> (?:paid separately|paid apart|already paid|paid))?",
     lambda m: f",运费{m.group('n')}" + ("已付" if m.group("apart") else "")),
    (r"(?P<who>\S+?)(?:'s)? (?:payment terms(?: are| is| to)? )?(?:cash on delivery|cod)$", r"\g<who>现结"),
    # questions first: "how much milk do we have left" is a stock query, not a receipt
    # what was used or lost over a period (how much milk was used today · how much was wasted this week)
    (r"how (?:much|many)(?: of)?(?P<what>(?: [^ ]+)*?) (?:was|were|did we|have we|we)? ?(?:used|use|consumed)",
     r"\g<what> 用了多少 "),
    (r"how (?:much|many)(?: of)?(?P<what>(?: [^ ]+)*?) (?:was|were|did we|have we|we)? ?"
     r"(?:wasted|thrown away|throw away|threw away|scrapped|spoiled|lost)", r"\g<what> 报损多少 "),
    # the cash the day left in the till (how much cash should be in the till · cash in the drawer)
    (r"how much (?:cash|money) (?:should (?:there )?be|should we have|do we have|is there|is) in the (?:till|drawer"
     r"|cash (?:box|drawer|register))\??|(?:expected )?cash in the (?:till|drawer)\??", "钱箱里应该有多少钱"),
    # what came in, and who brings goods (what came in today · who delivers today · who is delivering tomorrow)
    (rf"what (?:came in|was delivered|got delivered|did we receive|have we received)(?: {_SPAN})?\??$",
     lambda m: f"{_span_zh(m)}进了什么货"),
    (r"who (?:delivers|is delivering|will deliver|comes)(?: (?P<d>today|tomorrow))?\??$",
     lambda m: f"{'明天' if m.group('d') == 'tomorrow' else '今天'}有谁送货"),
    # what staff had themselves (staff drank 3 cokes · the crew ate 2 croissants): used, never sold
    (r"^(?:the |our )?(?:staff|employees|crew|team) (?:drank|ate|had|took) ", "员工喝了 "),
    # late orders and what the stock is worth (which orders are late · late orders · what is our stock worth)
    (r"(?:which|what) (?:purchase )?orders (?:are|were) (?:late|overdue)|(?:late|overdue) (?:purchase )?orders",
     "哪些采购单还没到"),
    (r"(?:what|how much) is (?:our |the |all )?(?:stock|inventory) worth|(?:stock|inventory) value",
     "库存值多少钱"),
    # each store side by side (how much coke did each store sell · which store has the most stock)
    (r"how (?:much|many)(?: of)?(?P<what>(?: [^ ]+)*?) did (?:each|every) (?:store|shop) sell(?P<rest>.*)$",
     lambda m: f"{m.group('rest')}各店{m.group('what').strip()}卖了多少"),
    (r"which (?:store|shop) (?:has|holds) the (?P<d>most|least) (?:stock|goods|inventory)",
     lambda m: f"哪个店库存最{'多' if m.group('d') == 'most' else '少'}"),
    # every safety stock up or down by a share (raise all safety stocks by 10% · lower the safety stock of drinks by 20%)
    (r"(?P<d>raise|increase|lower|reduce|cut) (?:all |every |the )?safety stocks?(?: of (?P<what>.+?))?"
     r"(?: at (?P<where>\S+))? by (?P<n>\d+(?:\.\d+)?) ?%",
     lambda m: f"{m.group('where') or ''}{m.group('what') or ''}的安全库存都"
               f"{'调高' if m.group('d') in ('raise', 'increase') else '调低'}{m.group('n')}%"),
    # what sold (how many cokes did we sell today · what did we sell today · best sellers this week · revenue today)
    (r"how (?:much|many)(?: of)?(?P<what>(?: [^ ]+)*?) (?:did|have) (?:we|you|i) (?:sell|sold)(?P<rest>.*)$",
     lambda m: f"{m.group('rest')} {m.group('what')}卖了多少"),
    (r"(?:top|best)[- ]?sell(?:ers?|ing(?: products?| items?| lines?)?)|what (?:sold|sells|is selling|was selling) "
     r"(?:the )?(?:best|most)|(?:which|what) (?:products?|items?|goods) (?:sold|sell|sells) (?:the )?(?:best|most)",
     "哪些卖得最好 "),
    (r"what (?:did|have) (?:we|you|i) (?:sell|sold)|what (?:was|were|got|has been) sold|what sold", "卖了哪些 "),
    (r"what(?:'s| is| are) (?:low|running low)(?: on stock| in stock)?|low[- ]stock(?: items| products)?"
     r"|(?:which|what) (?:items?|products?|goods) (?:are|is) (?:low|running low)", "哪些货快没了"),
    (r"(?:sales )?(?:revenue|takings)|how much (?:money )?did we (?:take in|take|make|earn)", "营业额 "),
    (r"how (?:much|many)(?: of)?", "还剩多少 "),
    (r"(?:what|which) (?:is|are) (?:running|almost) (?:out|low)", "哪些货快没了"),
    # a report sent on a schedule (every monday at 8am send me the prep list): sent to the speaker
    (r"\s*send (?:me|us) (?:the )?(?:today'?s )?prep(?:aration)? list", "把备货清单发给我"),
    # what should I order today · what do we need to buy · what needs restocking: the prep list
    (r"what (?:should|do|must) (?:i|we) (?:need to )?(?:order|buy|restock|reorder)(?: today| now)?"
     r"|what (?:needs|need) (?:to be )?(?:ordered|restocking|restocked|reordering)|(?:today'?s )?prep(?:aration)? list",
     "今日备货清单"),
    (r"what will (?:expire|go off|spoil) before it sells|what won'?t sell (?:in time|before it expires)"
     r"|(?:what|which) (?:should|to) (?:we )?mark down", "哪些卖不完会过期"),
    (r"(?:what|which) (?:is|are) expiring(?: soon)?|expiring soon|what (?:expires|will expire)(?: soon)?"
     r"|what(?:'s| is) (?:about|going) to expire|what(?:'s| is) expiring(?: this week| soon)?", "哪些快过期了"),
    (r"who (?:hasn'?t|has not|didn'?t|did not) (?:record(?:ed)?|log(?:ged)?|enter(?:ed)?)(?: anything)?(?: today)?",
     "今天谁没记账"),
    (r"(?:stock |inventory )?turnover(?: days| rate)?", "库存周转"),
    # sales by weekday (which day of the week sells best · weekends vs weekdays)
    (r"(?:which|what) (?:day of the week|weekday|day) (?:sells|sold|is|was) (?:the )?(?:best|most|busiest|worst)"
     r"|(?:best|busiest|worst) (?:day of the week|weekday)|sales by (?:weekday|day of the week)"
     r"|weekends? (?:vs\.?|versus|against|compared (?:with|to)) (?:weekdays|the week)", "周几卖得最多"),
    # the stock book: opening, in and out by kind, closing (this month's stock book · inventory summary)
    (rf"(?:the )?{_STOCK_BOOK}", "进销存"),
    # the days a store is closed: asked, listed, marked (are we open tomorrow · closures · closed every monday)
    *((rf"(?:are we|is (?:the )?(?:store|shop)) open (?:on )?(?:this )?{en}\??|(?:are we|is (?:the )?(?:store|shop)) "
       rf"closed (?:on )?(?:this )?{en}\?", f"{zh}开门吗")
      for en, zh in (("tomorrow", "明天"), ("today", "今天"), *_WEEKDAYS)),
    (r"when are we closed|(?:our |the )?closures|(?:list|show) (?:the )?closed days|closed days", "哪天店休"),
    *((rf"(?:we are |we're |the store is )?closed every {en}", f"每{zh}店休") for en, zh in _WEEKDAYS),
    *((rf"(?:we are |we're |the store is )?open (?:as usual )?every {en}", f"每{zh}不休息了") for en, zh in _WEEKDAYS),
    (r"(?:we are |we're |the store is )?closed (?:on )?tomorrow", "明天店休"),
    (r"(?:we are |we're |the store is )?open (?:as usual )?(?:on )?tomorrow", "明天照常营业"),
    (r"(?:we are |we're |the store is )?closed on (?P<m>\d{1,2})[-/](?P<d>\d{1,2})", r"\g<m>月\g<d>日店休"),
    (r"(?:we are |we're |the store is )?open (?:as usual )?on (?P<m>\d{1,2})[-/](?P<d>\d{1,2})", r"\g<m>月\g<d>日照常营业"),
    # what looks wrong · margins and losses · costs that moved · suppliers' punctuality · against last week
    (r"(?:is |are )?(?:there )?anything (?:wrong|odd|unusual)(?: today)?|any (?:problems|anomalies|issues)(?: today)?"
     r"|(?:show |check )?(?:the )?anomalies|what looks wrong", "有没有异常"),
    (r"which products? (?:sold|sell|were sold) (?:at a loss|below cost)|(?:products? )?sold at a loss|loss.making products?",
     "哪些商品卖亏了"),
    (r"(?:which|what) products? (?:make|made|earn|earned) the most|most profitable products?|top margins?", "哪个商品最赚钱"),
    (r"(?:lowest|worst) margins?|(?:which|what) products? (?:make|made) the least", "毛利最低的商品"),
    (r"(?:which|what) (?:costs|prices) (?:went|have gone|are) (?:up|down)|(?:what|which) (?:got|went) (?:dearer|cheaper)"
     r"|cost changes", "哪些东西涨价了"),
    (r"(?P<what>\S+) (?:went|has gone|gone) up\??|(?:did|has) (?P<what2>\S+) (?:go|gone) up\??", r"\g<what>\g<what2>涨价了吗"),
    (r"(?:which|what) suppliers? (?:are|is|were|was) (?:often )?late|supplier(?:s'?)? (?:punctuality|on.time rate|scorecard)"
     r"|late suppliers?", "哪些供应商经常晚送"),
    (r"(?:sales )?(?:compared|against|vs\.?) (?:with |to )?last week|this week (?:vs\.?|against|compared (?:with|to)) last "
     r"week", "这周和上周比卖得怎么样"),
    (r"half (?:the |of the )?(?P<what>\S+) (?:went bad|spoiled|was thrown away|went off)", r"\g<what>坏了一半"),
    # what waits today · when the last count was · a product's card · who wrote off · what the catalog lacks
    (r"what (?:should|do|must) (?:i|we) do(?: today| now)?|(?:my |today'?s )?to[- ]?do(?: list)?"
     r"|(?:is there )?anything (?:to do|pending|waiting)(?: today)?", "我该做什么"),
    (r"what did (?:the |our )?last (?:stock )?count find|(?:the )?last count'?s? (?:differences?|result)|count differences?",
     "上次盘点差了多少"),
    (r"when was (?P<what>\S+) last counted|when did we last count (?P<what2>\S+)", r"\g<what>\g<what2>上次盘点是哪天"),
    (r"when was (?:the |our )?last (?:stock )?count|last (?:stock )?count(?: date)?|(?:do|should) we count today",
     "上次盘点是什么时候"),
    (r"(?P<what>\S+) (?:stock card|ledger card|ins and outs|movements)|(?:stock card|ins and outs|movements) (?:of|for) "
     r"(?P<what2>\S+)", r"\g<what>\g<what2>的进出记录"),
    (r"(?:today'?s movements|what (?:moved|came in and went out) today)", "今天的进出明细"),
    (r"who (?:scrapped|wasted|threw away|wrote off)(?: (?P<what>[^ ]+))? today", r"今天谁报损了\g<what>"),
    (r"who (?:scrapped|wasted|threw away|wrote off)(?: (?P<what>[^ ]+))?", r"谁报损了\g<what>"),
    (r"who sold (?P<what>[^ ]+)", r"谁卖了\g<what>"),
    (r"who received (?P<what>[^ ]+)", r"谁收的\g<what>"),
    *((rf"(?:which|what) products? (?:have|has) no {en}|products? without (?:a )?{en}", f"哪些商品没有{zh}")
      for en, zh in (("price", "售价"), ("cost", "进价"), ("safety stock", "安全库存"), ("supplier", "供应商"),
                     ("shelf life", "保质期"))),
    # who works where, customers ranked, what arrives, a recipe shown
    (r"(?:the )?staff list|who works (?:here|where)|(?:list|show) (?:the |our )?(?:staff|employees|people)", "员工名单"),
    (r"(?:top|best|biggest) customers|customer rank(?:ing)?s?|which customers? (?:bought|buys|took) (?:the )?most",
     "这个月哪个客户拿货最多"),
    (r"what (?:arrives|is arriving|is coming|comes|will arrive) tomorrow", "明天有什么到货"),
    (r"what (?:arrives|is arriving|is coming|comes|will arrive)(?: today)?", "今天有什么到货"),
    (r"(?:the )?recipe (?:of|for) (?P<what>\S+)|(?P<what2>\S+) recipe", r"\g<what>\g<what2>的配方"),
    # out of stock · what will not sell in time · cost over time · suppliers compared · closing the books
    (r"what(?:'s| is| are)? (?:out of stock|sold out)|(?:which|what) (?:items|products|goods) (?:are|have) (?:sold out|run out"
     r"|out of stock)|out[- ]of[- ]stock (?:items|products|list)", "哪些卖完了"),
    (r"(?P<what>\S+) (?:price|cost) (?:history|trend)|(?:price|cost) (?:history|trend) (?:of|for) (?P<what2>\S+)",
     r"\g<what>\g<what2>的进价走势"),
    (r"(?:which|what) supplier is (?:the )?cheapest|compare (?:the )?suppliers(?:'? prices)?|supplier prices compared",
     "哪个供应商最便宜"),
    (r"(?:are|were) the books closed|how far are the books closed|books closed (?:through|until) when", "账结到哪天了"),
    (r"reopen the books", "反结账"),
    (r"close (?:the )?(?:books|month)(?: for last month)?|month[- ]end close", "月结"),
    (r"(?P<what>\S+) price\b|(?:price|cost) of (?P<what2>\S+)", r"\g<what>\g<what2>价格多少"),
    # a unit's serial number (serial SN001 · where is serial SN001 · warranty of SN001 · track 蓝牙耳机 by serial ·
    # 蓝牙耳机 1 year warranty)
    (r"(?:where is|find|look up|check) (?:serial(?: number| no\.?)?|s/n|imei) ?(?P<c>[a-z0-9-]*\d[a-z0-9-]*)",
     r"串号\g<c>在哪"),
    (r"warranty (?:of|for|on) (?:serial(?: number| no\.?)? |s/n |imei )?(?P<c>[a-z0-9-]*\d[a-z0-9-]*)",
     r"串号\g<c>保修到什么时候"),
    (r"(?P<what>\S+) (?:is )?(?:kept|tracked) by serial(?: numbers?)?|track (?P<what2>\S+) by serial(?: numbers?)?",
     r"\g<what>\g<what2>按串号管理"),
    (r"(?P<what>\S+) (?:has )?(?:a )?(?P<n>\d+)[- ](?P<u>year|month|day)s? warranty"
     r"|(?P<what2>\S+) warranty (?:is )?(?P<n2>\d+) (?P<u2>year|month|day)s?",
     lambda m: f"{m.group('what') or m.group('what2')}保修{m.group('n') or m.group('n2')}"
               f"{ {'year': '年', 'month': '个月', 'day': '天'}[m.group('u') or m.group('u2')]}"),
    (r"serial(?: numbers?| nos?\.?)?|s/n", "串号"),
    # a lot's trace, recall and QR code; the ledger's check
    (r"(?:verify|check|audit) (?:the )?(?:ledger|books)(?: integrity)?|(?:is )?(?:the )?ledger (?:intact|tampered(?: with)?)\??",
     "账本校验"),
    (r"recall (?:of )?(?:lot )?(?P<lot>[a-z]*\d[a-z0-9-]*)(?: of (?P<what>\S+))?", r"召回\g<what>批号\g<lot>"),
    (r"(?:qr ?code|trace code|trace page) (?:of|for) (?:lot )?(?P<lot>[a-z]*\d[a-z0-9-]*)(?: of (?P<what>\S+))?",
     r"\g<what>批号\g<lot>的溯源码"),
    (r"(?:trace|where did) (?:lot )?(?P<lot>[a-z]*\d[a-z0-9-]*)(?: of (?P<what>\S+))?(?: go)?", r"追溯\g<what>批号\g<lot>"),
    (r"trace (?P<what>\S+)(?: lot (?P<lot>[a-z]*\d[a-z0-9-]*))?", r"追溯\g<what>批号\g<lot>"),
    (r"below safety stock", "低于安全库存"),
    (r"what (?:did|have) (?:i|we) (?:just )?(?:record(?:ed)?|log(?:ged)?|enter(?:ed)?)(?: today)?|my records", "刚才记了什么"),
    (r"(?:what|which) (?:is|are) not (?:selling|moving)|slow(?:[- ])movers?", "有什么滞销的"),
    (r"(?:show |list )?(?:my |the )?pending approvals?|what (?:is )?(?:waiting|awaiting) (?:for )?(?:my )?approval", "待审批"),
    (r"(?:start (?:a |the )?|begin (?:a |the )?)?stock ?(?:count|take) sheet|start (?:a |the )?(?:stock ?)?count(?:ing)?",
     "开始盘点"),
    (r"(?:the )?count is (?:done|finished|over)|(?:finish|end) (?:the )?count(?:ing)?", "盘点结束"),
    # the stock overview (stock · show stock · check inventory · inventory levels), said alone
    (r"^(?:show (?:me )?|check |view |list |see )?(?:(?:the|my|our|all|current) )?(?:stock|inventory)"
     r"(?: levels?| list| overview| status| on hand)?\??$", "库存"),
    (r"how (?:did|are|were|is|was) (?:the |our )?sales(?: going| go| doing)?|how (?:did|are|is) (?:we|it) (?:selling|doing)",
     "卖得怎么样 "),
    (r"(?:sales|sold) (?:figures?|numbers?|report)|\bsales\b", "销量 "),
    (r"(?:sales )?forecast(?: for| of)?|predict(?:ion)?(?: for)?", "预测 "), (r"\bnext week\b", "下周"),
    # paid as it went (sold 2 cases of milk to 盒马, paid in cash)
    # … paid several ways (…, 60 by wechat, the rest in cash · half wechat half cash · wechat 60 cash 27)
    (r"(?:(?:and |, )?(?:paid |pays )?)(?P<n>\d+(?:\.\d+)?) (?:by |in |with |via |on )(?P<m>wechat|cash|alipay|card)",
     r" \g<m>\g<n>"),
    *(rule for en, zh in (("wechat", "微信"), ("cash", "现金"), ("alipay", "支付宝"), ("card", "刷卡")) for rule in (
        (rf"(?:and |, ?)?(?:the )?(?:rest|remainder|balance) (?:paid )?(?:by |in |with |via |on )?{en}", f",剩下的{zh}"),
        (rf"(?:and )?(?:the other |paid )?half (?:by |in |with |via |on )?{en}", f"一半{zh}"))),
    # … paid several ways by the goods (sold 2 phone cases, one cash one wechat · 3 by wechat and 2 in cash)
    (rf"(?P<n>{_WORD_N}|\d+) (?:by |in |with |via )?(?P<m>wechat|cash|alipay|card)(?:,| and)? ?"
     rf"(?P<n2>{_WORD_N}|\d+) (?:by |in |with |via )?(?P<m2>wechat|cash|alipay|card)",
     lambda m: f"{_n(m.group('n'))}个{_PAY[m.group('m')]}{_n(m.group('n2'))}个{_PAY[m.group('m2')]}"),
    # … and how (sold 3 phone cases, paid by wechat · …, cash · paid by card): the sale's payment method
    (r"(?:,\s*|\s)(?:and )?(?:(?:paid|pays|paying) )?(?:in |with |by )?cash(?: paid)?\s*$", ",现金付的"),
    (r"(?:,\s*|\s)(?:and )?(?:(?:paid|pays|paying) )?(?:by |with |via |on |through )?wechat(?: pay)?\s*$", ",微信付的"),
    (r"(?:,\s*|\s)(?:and )?(?:(?:paid|pays|paying) )?(?:by |with |via |on |through )?alipay\s*$", ",支付宝付的"),
    (r"(?:,\s*|\s)(?:and )?(?:(?:paid|pays|paying) )?(?:by |with )(?:credit |debit |bank )?card\s*$", ",刷卡付的"),
    (r"(?:,\s*|\s)(?:and )?(?:(?:paid|pays|paying) )?(?:by |with |via |through )?(?:scanning )?(?:the |a )?qr(?: code)?"
     r"\s*$", ",扫码付的"),
    (r"(?:and )?(?:paid|pays|paying) (?:on the spot|right away)", ",现结"),
    # the day's cash-up (cash up: cash 3000, wechat 5200 · today's cash-up)
    (r"(?:today'?s |this week'?s )?(?:cash[- ]?ups?|till counts?|end[- ]of[- ]day counts?)", "日结"),
    (r"\bcash\s*(?=\d)", "现金"), (r"\bwechat\s*(?=\d)", "微信"), (r"\balipay\s*(?=\d)", "支付宝"),
    (r"\bcards?\s*(?=\d)", "刷卡"), (r"\bqr(?: code)?\s*(?=\d)", "扫码"),
    # corrections and undo said in words
    (r"(?:delete|remove|cancel|scrap) (?:the |my )?(?:last|previous) (?:one|entry|record|message)|delete that", "撤销"),
    # cancel the last order from 张记: its last order · approve, deliver tomorrow: approved with a note
    (r"cancel (?:the |our )?(?:last|latest|most recent) (?:purchase )?order (?:from|with|to) (?P<who>\S+)",
     r"取消\g<who>最近的订单"),
    (r"^(?:approve|approved|ok,? approve)[,:] ?(?P<note>.+)$", r"同意,\g<note>"),
    # an order by its number cancelled, approved or rejected (cancel order 1 · approve order 2 · reject #2, too expensive ·
    # approve all)
    (r"^(?:please )?(?:cancel|call off) (?:the )?(?:purchase |sales )?order (?:no\.? ?|number |#)?(?P<n>\d+)$", r"取消订单\g<n>"),
    (r"^(?:please )?(?P<v>approve|accept|ok|reject|decline|refuse|deny) (?:the )?(?:purchase )?(?:order|request)? ?"
     r"(?:no\.? ?|number |#)?(?P<n>\d+)(?:,? (?:because |since )?(?P<why>.+))?$",
     lambda m: ("同意" if m.group("v") in ("approve", "accept", "ok") else "驳回") + f"#{m.group('n')}"
     + (f",{m.group('why')}" if m.group("why") else "")),
    (r"^(?P<v>approve|reject) (?:them )?all(?: of them| orders| requests)?$",
     lambda m: "全部同意" if m.group("v") == "approve" else "全部驳回"),
    # 张记 says they can only deliver 30 jin · 张记 says they can't deliver tomorrow: its word on its order
    (r"^(?P<who>\S+) (?:says|said|say) (?:that )?(?:they |he |she |it )?(?:(?P<only>can only|could only)"
     r"|can'?t|cannot|could not|couldn'?t) (?:deliver|send|supply|come)(?(only) |)",
     lambda m: f"{m.group('who')}说{'只能送 ' if m.group('only') else '送不了'}"),
    # which sold better, coke or sprite · coke or sprite, which sold more: the two side by side
    (r"(?:which|what) (?:sold|sells) (?:better|more|best)[,:]? (?P<a>.+?) or (?P<b>.+?)\??$", r"\g<a>和\g<b>哪个卖得好"),
    (r"^(?P<a>.+?) or (?P<b>.+?),? which (?:sold|sells|one sold) (?:better|more)\??$", r"\g<a>和\g<b>哪个卖得好"),
    (r"^(?:no,? )?(?:that'?s |it'?s |that was )?wrong,? (?:it (?:was|is|should be) |should be |make it )?"
     r"|^(?:no,? )?(?:it )?should (?:have been|be) |^correction:? ", "不对,是"),
    # all of it gone (we ran out of milk · cream is out · no more eggs)
    (r"(?:we )?(?:ran|run|are|'re|have run) out of (?P<what>\S+)", r"\g<what>没了"),
    (r"(?P<what>\S+) (?:is|are) (?:out|gone|finished|sold out)", r"\g<what>没了"),
    (r"no more (?P<what>\S+)", r"\g<what>没了"),
    # standing orders (every monday order 50 jin 牛腩 from 张记 · every day at 8am order 2 bags of 土豆 from 绿源 ·
    # 团餐 wants 20 jin 牛腩 every monday): the days first, as the grammar has them
    (r"(?P<who>\S+) (?:wants|needs|takes|orders) (?P<what>.+?) (?:every|each) (?P<d>monday|tuesday|wednesday|thursday"
     r"|friday|saturday|sunday|day|weekday)",
     lambda m: f"{m.group('who')}{_every(m.group('d'))}要{m.group('what')}"),
    (r"(?:every|each) (?P<d>monday|tuesday|wednesday|thursday|friday|saturday|sunday|day|morning|weekday|working day)",
     lambda m: _every(m.group("d"))),
    (r"(?:on the )?(?P<n>\d{1,2})(?:st|nd|rd|th)? (?:of )?every month|every month on the (?P<n2>\d{1,2})(?:st|nd|rd|th)?",
     lambda m: f"每月{m.group('n') or m.group('n2')}号"),
    (r"\s*at (?P<h>\d{1,2})\s*(?P<ap>am|pm)\s*", lambda m: f"{'早上' if m.group('ap') == 'am' else '下午'}{m.group('h')}点"),
    # verbs
    # given away (gave 3 croissants to staff · the rest of the croissants went to staff): used, never received
    (r"(?:we )?(?:gave|give|given) (?:away )?(?P<what>.+?) to (?:the )?(?:staff|employees|crew|team|customers?|guests?|people)",
     r"送了员工 \g<what>"),
    (r"(?:the )?rest of (?:the )?(?P<what>\S+) (?:went|were given|was given|given|went out) to (?:the )?"
     r"(?:staff|employees|crew|team|customers?|guests?|people)", r"剩下的\g<what>都送人了"),
    # a price after the line (received 2 cases of milk, 60 each · 60 a case · 5 per bottle): its unit price
    (r",\s*(?:¥|rmb ?)?(?P<p>\d+(?:\.\d+)?)\s*(?:yuan|rmb|kuai)?\s*(?:each|apiece|a piece|per (?:one|piece|unit|item))",
     lambda m: f",单价{m.group('p')}元"),
    (r",?\s*(?:at )?(?:¥|rmb ?)?(?P<p>\d+(?:\.\d+)?)\s*(?:yuan|rmb|kuai)?\s*(?:a|per) "
     r"(?P<u>case|box|carton|bag|sack|bottle|tray|jin|kg|kilo|斤|公斤)(?![a-z])",
     lambda m: f",每{_PER[m.group('u')]}{m.group('p')}元"),
    # a price said with at (sold 2 苹果数据线 at 12 · at 12 each · at ¥12.5 a piece): the unit price
    (r"\s*at (?:¥|rmb ?)?(?P<p>\d+(?:\.\d+)?)(?!\s*(?:am|pm|o'?clock)\b)\s*(?:yuan|rmb|kuai)?\s*(?:each|apiece|a piece"
     r"|per (?:one|piece|unit|item))?", lambda m: f",单价{m.group('p')}元"),
    (r"(?:we )?(?:received|receive|got in|got|delivered|delivery of|arrived)", "收到 "),
    (r"(?:we )?(?:sold|sell|sale of)", "卖了 "),
    (r"(?:we )?(?:used up|used|use|consumed)", "用了 "),
    (r"(?:threw away|thrown away|throw away|throw out|threw out|tossed|binned|discarded|discard|scrap|scrapped|wasted"
     r"|spoiled|broke|broken|damaged|expired|went bad|go bad|gone bad|went off|are off|is off|got broken"
     r"|(?:were |was |got )?(?:burnt|burned|spilled|dropped|smashed|crushed|stolen))", "报损 "),
    (r"(?:stock ?count|counted|count)", "盘点 "),
    (r"(?:baked|made|produced|cooked)", "做了 "),
    (r"(?:returned|return|sent back|send back)(?= .* to )", "退给 "),
    (r"(?:returned|return)", "退货 "),
    (r"(?<=[\u4e00-\u9fff] )(?:took|take|picked up|collected)", "拿了 "),   # 盒马 took 10 croissants: bought
    (r"(?<=[\u4e00-\u9fff]) (?:sent|delivered|brought)(?: us| over)?", "送来了 "),   # 张记 sent 50 jin of beef: came
    (r"(?<=[\u4e00-\u9fff]) borrowed(?: from us)?", "借了我们 "),   # 福田店 borrowed 5 jin of beef: it went there
    (r"^(?:we )?borrowed (?P<what>.+?) from (?P<who>\S+)$", r"跟\g<who>借了\g<what>"),
    (r"(?:transferred|transfer|moved|move|sent|send|took|take)", "调 "),
    (r"(?:we )?(?:still )?have(?= \d)", "还剩 "),
    (r"(?:order|ordered|buy|purchase) from", "向"),
    (r"(?:ordered|order|buy|purchase)", "订 "),
    (r"undo", "撤销"),
    # a count said in words before its unit (two cases · three bags · ten jin): the number
    (rf"\b(?P<w>{_WORD_N}|eleven|twelve)\b(?= (?:cases?|boxes|box|cartons?|bags?|sacks?|bottles?|trays?|pieces?|pcs|jin"
     r"|kg|kilos?|kilograms?|liters?|litres?|pairs?|packs?|units?)\b)",
     lambda m: {"eleven": "11", "twelve": "12"}.get(m.group("w")) or _n(m.group("w"))),
    # units (after a number)
    (r"(?<=\d)\s*(?:cases?|boxes|box|cartons?|ctns?)", "箱"),
    (r"(?<=\d)\s*(?:bags?|sacks?)", "袋"),
    (r"(?<=\d)\s*(?:bottles?|btls?)", "瓶"),
    (r"(?<=\d)\s*(?:pieces?|pcs|pc|ea|each|units?)", "个"),
    (r"(?<=\d)\s*(?:trays?)", "板"),
    (r"(?:a|one) pairs? of", "1副"), (r"(?<=\d)\s*pairs?(?: of)?", "副"),
    (r"(?<=\d)\s*(?:litres?|liters?|ltrs?|l)(?![a-z])", "升"),
    (r"(?<=\d)\s*(?:kilos?|kilograms?|kgs?)(?![a-z])", "kg"),
    (r"(?<=\d)\s*(?:grams?|g)(?![a-z])", "克"),
    (r"(?<=\d)\s*(?:jin)(?![a-z])", "斤"),
    # places and fillers
    (r"\byesterday\b", "昨天"),
    (r"(?:for |by |on )?(?:the )?day after tomorrow\b", "后天到"), (r"(?:for |by |on )?tomorrow\b", "明天到"),
    (r"(?:for |by |on )?next (monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", r"下\1到"),
    # a past day or month (how much did we sell last saturday · sales in may · in q2): 上周六 · 5月 · 第二季度
    (r"(?:on )?last (monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
     lambda m: "上" + dict(_WEEKDAYS)[m.group(1)]),
    *((rf"(?:in|for|during|of) {name}\b", f"{n}月") for n, name in enumerate(_MONTHS, 1)),   # ("may" alone: a verb)
    (r"(?:in |for |during )?(?:the )?(first|second|third|fourth) quarter\b",
     lambda m: f"第{'一二三四'[('first', 'second', 'third', 'fourth').index(m.group(1))]}季度"),
    (r"(?:in |for |during )?q([1-4])\b", lambda m: f"第{'一二三四'[int(m.group(1)) - 1]}季度"),
    (r"(?:from )?(?:the )?(?:central )?warehouse\b", lambda m: "从仓库" if m.group(0).startswith("from") else "仓库"),
    (r"(?:for |by |on )?(?:this )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", r"\1到"),
    (r"\btoday\b", "今天"), (r"\bthis week\b", "这周"), (r"\blast week\b", "上周"), (r"\bthis month\b", "本月"), (r"\blast month\b", "上个月"),
    (r"\bthis time last year\b", "去年这个时候"), (r"\blast year\b", "去年"),   # (the longer first)
    (r"\bto\b", "到"),
    *((rf"(?<![a-z]){d}(?![a-z])", zh) for d, zh in _WEEKDAYS),
    (r"\b(?:of|the|a|an|we|do|have|has|is|are|some|please|just|in|stock|left|at)\b", " "),
]
def _every(day: str) -> str:
    """every monday → 每周一 · every day → 每天 · every weekday → 每个工作日."""
    if day in ("day", "morning"):
        return "每天"
    if day in ("weekday", "working day"):
        return "每个工作日"
    return "每" + dict(_WEEKDAYS)[day]


_COMPILED = [(re.compile(rf"(?<![a-z]){w}(?![a-z])" if not w.startswith("(?<=") else w), zh) for w, zh in _WORDS]
_LATIN = re.compile(r"[a-z]")
_CJK_VERB = re.compile(r"[收卖用订盘报烤做退调]")


# a spreadsheet asked for (export this month's sales as excel · download the stock list · send me last week's moves)
_EXPORT = re.compile(r"(?<![a-z])(?:export|download|excel|spreadsheet|xlsx)(?![a-z])")
_EXPORT_WHAT: list[tuple[str, str]] = [
    (r"(?:account )?statement", "对账单"),
    (_STOCK_BOOK, "进销存"),
    (r"(?:purchase )?orders|purchases", "订单"),
    (r"(?:stock )?moves|movements|transactions|ledger|entries", "流水"),
    (r"sales|revenue|sold", "销售"),
    (r"stock|inventory|levels", "库存"),
]
_EXPORT_WHEN: list[tuple[str, str]] = [
    (r"today", "今天"), (r"yesterday", "昨天"), (r"this week", "这周"), (r"last week", "上周"),
    (r"this month", "本月"), (r"last month", "上个月"), (r"this year", "今年"),
    (r"(?:the )?last (\d+) days", r"最近\1天"),
]


def _export(s: str) -> str:
    """导出 with the period and the kind said in English, and the catalog's names as typed (products, places)."""
    when = next((re.sub(w, zh, m.group(0)) for w, zh in _EXPORT_WHEN if (m := re.search(rf"(?<![a-z]){w}", s))), "")
    what = next((zh for w, zh in _EXPORT_WHAT if re.search(rf"(?<![a-z])(?:{w})(?![a-z])", s)), "")
    names = " ".join(re.findall(r"[\u3400-\u9fff]+", s))
    return f"导出{when}{names}{what}"


# "box" said in English: the grammar reads 箱, the parser then the product's 盒 where it has one (case · carton: 箱)
BOXES = re.compile(r"(?i)\bbox(?:es)?\b")
CASES = re.compile(r"(?i)\b(?:cases?|cartons?|ctns?)\b")
PER_BOX = re.compile(r"(?i)\b(?:a|per|each) box\b")


# one quantity's prices said apart (sold 2 power banks, one at 89 and one at 85): each share its own goods
_SHARE = rf"(?:and\s+)?(?:{_WORD_N}|\d+)\s+(?:at|for)\s+¥?\d+(?:\.\d{{1,2}})?(?:\s*(?:yuan|rmb|kuai))?(?:\s+each)?"
_SHARES = re.compile(rf"(?P<n>{_WORD_N}|\d+)\s+(?P<what>[a-z][a-z ]{{0,30}}?)\s*,\s*(?P<shares>{_SHARE}(?:\s*,?\s*{_SHARE})+)"
                     r"(?=\s*(?:$|[,.;]))")
_ONE_SHARE = re.compile(rf"(?P<c>{_WORD_N}|\d+)\s+(?:at|for)\s+¥?(?P<p>\d+(?:\.\d{{1,2}})?)")


def _shares(m: re.Match[str]) -> str:
    """2 power banks, one at 89 and one at 85 → 1 power banks at 89, 1 power banks at 85 (as said, when the shares add up
    to the whole; else the prices said apart, which the grammar asks about)."""
    parts = [(int(_n(x.group("c"))), x.group("p")) for x in _ONE_SHARE.finditer(m.group("shares"))]
    if sum(c for c, _ in parts) != int(_n(m.group("n"))):
        return f"{_n(m.group('n'))}个{m.group('what')}, " + "、".join(f"{c}个{p}" for c, p in parts)
    return ", ".join(f"{c} {m.group('what')} at {p}" for c, p in parts)


def to_chinese(s: str) -> str | None:
    """The message in the grammar's words, or None when it is not English stock talk (normalised, lower-case)."""
    if not _LATIN.search(s) or _CJK_VERB.search(s):
        return None
    if _EXPORT.search(s):   # (给我一个库存的excel is Chinese with a file type in it)
        return _export(s) if re.search(r"[a-z]{2,}", _EXPORT.sub(" ", s)) else None
    out = _SHARES.sub(_shares, s)
    for rx, zh in _COMPILED:
        out = rx.sub(zh, out)
    out = re.sub(r"\s+", " ", out).strip()
    return out if out != s.strip() else None


def _zhe(pct: str) -> str:
    """20 (% off) → 8 (折): the tenths kept, as 打8折 says them (15 → 85)."""
    kept = 100 - int(pct)
    return str(kept // 10) if kept % 10 == 0 else str(kept)
