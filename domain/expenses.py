"""Running costs (费用 · 开支): rent, utilities, wages, fees — money spent that is no goods, kept so the month's
profit is the gross margin less them. A cost undone is a row of the opposite amount that ``reverses`` it (nothing is
deleted). Pure."""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

# each kind of cost and the words it goes by (the first is how it is named back)
CATEGORIES: dict[str, tuple[str, ...]] = {
    "rent": ("房租", "租金", "店租", "铺租", "仓库租金"),
    "utilities": ("水电费", "电费", "水费", "燃气费", "煤气费", "天然气费"),
    "telecom": ("网费", "宽带费", "话费", "电话费"),
    "wages": ("工资", "员工工资", "人工费", "社保", "奖金"),
    "property": ("物业费", "管理费"),
    "repairs": ("维修费", "修理费", "装修费"),
    "cleaning": ("保洁费", "清洁费", "垃圾费", "卫生费"),
    "marketing": ("广告费", "推广费", "宣传费"),
    "office": ("办公费", "办公用品", "打印纸", "文具"),
    "transport": ("停车费", "油费", "加油费", "过路费", "差旅费", "路费"),
    "fees": ("手续费", "平台费", "平台佣金", "佣金", "外卖抽成", "刷卡手续费"),
    "tax": ("税费", "税款"),
    "meals": ("餐费", "招待费"),
    "equipment": ("设备", "设备费", "器材"),
    "other": ("杂费", "其他费用", "其它费用"),
}
WORDS = {w: code for code, words in CATEGORIES.items() for w in words}
# what a store buys to use, never to sell (买了个新冰箱,3500 · 换了台咖啡机): equipment, named by what it is
EQUIPMENT = re.compile(r"冰箱|冰柜|空调|烤箱|咖啡机|收银机|电脑|打印机|桌椅|椅子|桌子|货架|展柜|柜子|微波炉|电磁炉|"
                       r"炉灶|抽油烟机|油烟机|监控|风扇|热水器|净水器|制冰机|洗碗机|绞肉机|和面机|磨豆机")


@dataclass(frozen=True)
class Expense:
    id: int
    at: datetime
    amount: Decimal
    category: str
    note: str = ""
    location: str | None = None
    actor: str | None = None
    reverses: int | None = None
    method: str | None = None   # 费用:打印纸50元,现金 · 从钱箱拿了50买打印纸: how it was paid, when said


def category_of(word: str) -> str:
    """The kind of cost a word names (电费 → utilities; 修冰箱 → repairs, 新冰箱 → equipment); anything else is other."""
    if word in WORDS:
        return WORDS[word]
    if "修" in word:
        return "repairs"
    return "equipment" if EQUIPMENT.search(word) else "other"


def standing(expenses: Iterable[Expense]) -> list[Expense]:
    """The costs that stand: neither an undoing nor undone by one among ``expenses``."""
    xs = list(expenses)
    undone = {x.reverses for x in xs if x.reverses is not None}
    return [x for x in xs if x.reverses is None and x.id not in undone]


def by_category(expenses: Iterable[Expense]) -> list[tuple[str, Decimal, int]]:
    """(category, total, how many) of the standing costs, the largest first."""
    total: dict[str, Decimal] = defaultdict(Decimal)
    count: dict[str, int] = defaultdict(int)
    for x in standing(expenses):
        total[x.category] += x.amount
        count[x.category] += 1
    return sorted(((c, total[c], count[c]) for c in total), key=lambda r: (-r[1], r[0]))


def total(expenses: Iterable[Expense]) -> Decimal:
    return sum((x.amount for x in standing(expenses)), Decimal(0))
