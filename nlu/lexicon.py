"""The tenant's vocabulary: catalog names, aliases, synonyms, pinyin and a jieba tokenizer.

Built once per catalog (``Lexicon(catalog)``); lookups are pure and fast afterwards.
"""
from __future__ import annotations

import functools
import logging
import re
import threading
from dataclasses import dataclass

import jieba
import pypinyin
from rapidfuzz import fuzz, process

from domain import catalog as dcat
from domain import units
from nlu import context, text

ROLE_WORDS = {
    "采购员": "purchaser", "采购": "purchaser", "采购主管": "purchaser", "买手": "purchaser",
    "店长": "manager", "经理": "manager", "门店经理": "manager", "主管": "manager", "厨师长": "manager",
    "管理员": "admin", "老板": "admin", "老板娘": "admin",
    "店员": "staff", "员工": "staff", "服务员": "staff",
    # everyone who works at the place (提醒大家盘点): its staff and managers
    "大家": "everyone", "所有人": "everyone", "全员": "everyone", "全体员工": "everyone", "各位": "everyone",
}
# Counting words that are not pack units of a product but are often used as its base unit.
COUNTERS = ("个", "只", "瓶", "盒", "袋", "包", "箱", "桶", "块", "条", "板", "份", "件", "罐", "听", "支", "根",
            "把", "颗", "粒", "张", "卷", "杯", "碗", "套", "片", "串", "捆", "扎", "提", "打", "枚", "斤", "两",
            "筐", "篮", "盘", "壶", "坛", "head")
COUNT_LIKE = {"个", "只", "枚", "颗", "份"}   # 鸡蛋3只 · 三明治20份: each one (asked first)
# base units that count whole things: 可乐三个 is three bottles, 豆腐两个 two blocks (个 is everyone's classifier)
# (the domain's counted units but those 个 itself stands for, and 件, the trade's word for a case)
DISCRETE = units.COUNTED - COUNT_LIKE - {"件"}


def as_counted(p: dcat.Product, unit: str) -> str:
    """The unit a product is said in, 个 read as its own counted unit (可乐三个: three 瓶 · 1个耳机: one 副)."""
    return p.base_unit if unit == "个" and not p.accepts(unit) and p.base_unit in DISCRETE else unit
GENERIC_PRODUCT = ("某sku", "某个sku", "sku", "某商品", "某个商品", "任何商品", "任一商品", "商品", "所有商品",
                   "每个商品", "货品", "产品", "物料", "某产品", "任何sku", "每个sku")

_log = logging.getLogger(__name__)
_base_lock = threading.Lock()


@functools.lru_cache(maxsize=1)
def _base_dictionary() -> tuple[dict[str, int], int]:
    """jieba's general dictionary, loaded once per process (about half a second) and shared."""
    jieba.setLogLevel(logging.WARNING)
    with _base_lock:
        tk = jieba.Tokenizer()
        tk.initialize()
        return dict(tk.FREQ), int(tk.total)


def tokenizer(words: list[str]) -> jieba.Tokenizer:
    """A private jieba tokenizer: the general dictionary plus ``words`` (the tenant's catalog)."""
    freq, total = _base_dictionary()
    tk = jieba.Tokenizer()
    tk.FREQ = dict(freq)
    tk.total = total
    tk.initialized = True
    for w in words:
        if w and not w.isspace():
            tk.add_word(w, freq=100000)
    return tk


@dataclass(frozen=True)
class Entity:
    kind: str  # "product" | "location" | "partner" | "user" | "role"
    codes: tuple[str, ...]


@dataclass(frozen=True)
class Span:
    kind: str
    start: int
    end: int
    codes: tuple[str, ...]
    mention: str


@dataclass(frozen=True)
class Match:
    """A product found for a mention that is not an exact catalog name."""
    skus: tuple[str, ...]  # one = resolved, several = ambiguous, none = unknown
    guess: str | None  # "fuzzy_product" | "pinyin_product" | None


# the verbs a message typed in pinyin begins with (shoudao niunai 2 xiang)
_PINYIN_VERBS = {"shoudao": "收到", "shoule": "收了", "daohuo": "到货", "jinhuo": "进货", "ruku": "入库",
                 "maile": "卖了", "mai": "卖了", "chuku": "出库", "yongle": "用了", "lingyong": "领用",
                 "baosun": "报损", "pandian": "盘点", "tuigei": "退给", "diaobo": "调拨"}


# a place or partner said after its preposition in an English message (from zhang ji · to futian)
_PREP = r"(?:from|to|at|for|by|in|paid|owe|is|does)\b"   # (we paid zhang ji 3000 · how much does meituan owe)
_PLACE_WORDS = re.compile(rf"\b(?P<p>{_PREP})\s+(?P<w>(?!{_PREP})[a-z]+(?:\s+(?!{_PREP})[a-z]+){{0,3}})")


_CODE = re.compile(r"[A-Za-z]{1,3}-?\d{2,6}")   # a catalog's product code (B01 · P018 · SKU-0042 is not one)
_OWNED = re.compile(r"\b(?P<w>[a-z]+(?:\s+[a-z]+){0,2})'s\b")   # zhang ji's order: whose, said before 's
_SAYS = re.compile(r"(?P<w>[a-z]+(?:\s+[a-z]+){0,2}?)\s+(?=(?:says?|said|paid|pays|took|bought|sent|borrowed)\b)")   # (meituan paid 2000)


def pinyin(s: str) -> str:
    return "".join(pypinyin.lazy_pinyin(s))


BARCODE = dcat.BARCODE   # EAN-8, UPC-A, EAN-13, ITF-14 (the catalog's rule)


def _location_names(loc: dcat.Location) -> list[str]:
    out = list(loc.names)
    for n in loc.names:
        for suffix in ("门店", "店", "仓库", "仓"):
            if n.endswith(suffix) and len(n) - len(suffix) >= 2:
                out.append(n[: -len(suffix)])
        if len(n) >= 2 and not n.endswith(("店", "仓", "仓库")) and loc.kind == dcat.LocationKind.STORE:
            out += [n + "店", n + "门店"]
    return out


class Lexicon:
    def __init__(self, cat: context.Catalog) -> None:
        self.catalog = cat
        self.products = {p.sku: p for p in cat.products}
        self.locations = {loc.code: loc for loc in cat.locations}
        self.partners = {p.code: p for p in cat.partners}
        self.users = {u.username: u for u in cat.users}
        self.categories = {p.category for p in cat.products if p.category}
        self.names: dict[str, Entity] = {}
        self.product_names: dict[str, set[str]] = {}
        for role_word, role in ROLE_WORDS.items():
            self._add(role_word, "role", role)
        for u in cat.users:
            self._add(u.display_name, "user", u.username)
            self._add(u.username, "user", u.username)
        for loc in cat.locations:
            if loc.kind.is_physical:
                for n in _location_names(loc):
                    self._add(n, "location", loc.code)
        stores = [loc for loc in cat.locations if loc.kind == dcat.LocationKind.WAREHOUSE]
        if len(stores) == 1:   # the one warehouse by what everyone calls it (从仓库调… · 总仓 · 大仓), unless taken
            for n in ("仓库", "总仓", "大仓", "中心仓", "中央仓", "总库", "库房"):
                if text.normalize(n) not in self.names:
                    self._add(n, "location", stores[0].code)
        for pa in cat.partners:
            for n in pa.names:
                self._add(n, "partner", pa.code)
        self.retired: dict[str, str] = {}   # 酸菜下架: the names of retired products (恢复酸菜 finds them)
        # barcodes (6901234567890就是可乐): aliases of 8, 12, 13 or 14 digits, read before the rest, never as a name
        self.barcodes: dict[str, str] = {}
        for p in cat.products:
            for n in p.names:
                if BARCODE.fullmatch(n):
                    self.barcodes[n] = p.sku
                    continue
                self._add_product(n, p.sku)
                if not p.active:
                    self.retired[text.normalize(n)] = p.sku
        for p in cat.products:   # B01还有多少 · 卖了A05 3个: a product by its code, one no other name takes
            if _CODE.fullmatch(p.sku) and text.normalize(p.sku) not in self.names:
                self._add_product(p.sku, p.sku)
        for alt, name in cat.synonyms.items():
            for sku in self.product_names.get(text.normalize(name), set()):
                self._add_product(alt, sku)
        self.max_len = max((len(n) for n in self.names), default=1)
        self.units = sorted({*units.GLOBAL_UNITS, *COUNTERS, *(u for p in cat.products for u in p.packs),
                             *(p.base_unit for p in cat.products)} - {""}, key=len, reverse=True)
        self._choices = list(self.product_names)
        self._pinyin = {n: pinyin(n) for n in self._choices}
        self._by_pinyin: dict[str, set[str]] = {}
        for n, py in self._pinyin.items():
            self._by_pinyin.setdefault(py, set()).update(self.product_names[n])
        self.tokenizer = tokenizer(list(self.names))

    # ------------------------------------------------------------ building
    def _add(self, name: str, kind: str, code: str) -> None:
        key = text.normalize(name)
        if not key:
            return
        old = self.names.get(key)
        if old is None or _rank(kind) > _rank(old.kind):
            self.names[key] = Entity(kind, (code,))
        elif old.kind == kind and code not in old.codes:
            self.names[key] = Entity(kind, (*old.codes, code))

    def _add_product(self, name: str, sku: str) -> None:
        key = text.normalize(name)
        if not key:
            return
        self.product_names.setdefault(key, set()).add(sku)
        self._add(key, "product", sku)

    # ------------------------------------------------------------ lookups
    def scan(self, s: str, free: list[bool]) -> list[Span]:
        """Catalog names in ``s`` (longest match first), only over positions still ``free``."""
        out: list[Span] = []
        bounds: set[int] | None = None
        i, n = 0, len(s)
        while i < n:
            if not free[i]:
                i += 1
                continue
            hit = None
            for size in range(min(self.max_len, n - i), 0, -1):
                if not all(free[i:i + size]):
                    continue
                ent = self.names.get(s[i:i + size])
                if ent is None:
                    continue
                if size == 1 or (size == 2 and ent.kind == "product" and text.is_latin_word(s[i:i + size])):
                    if bounds is None:
                        bounds = self.boundaries(s)
                    if i not in bounds or i + size not in bounds:
                        continue
                if text.is_latin_word(s[i:i + size]) and (
                        (i > 0 and s[i - 1].isalpha() and s[i - 1].isascii())
                        or (i + size < n and s[i + size].isalpha() and s[i + size].isascii())):
                    continue
                hit = Span(ent.kind, i, i + size, ent.codes, s[i:i + size])
                break
            if hit is None:
                i += 1
                continue
            out.append(hit)
            i = hit.end
        return out

    def boundaries(self, s: str) -> set[int]:
        out, pos = {0}, 0
        for tok in self.tokenizer.cut(s, HMM=False):
            pos += len(tok)
            out.add(pos)
        return out

    def from_pinyin(self, s: str) -> str | None:
        """A message typed all in pinyin (shoudao niunai 2 xiang · maile kesong 5 ge): its verbs and units in
        characters, so the grammar reads it (the products' pinyin is matched already); None when it is no such
        message (a verb must lead: an English message or a lone name is left alone)."""
        if not re.fullmatch(r"[a-z0-9.\s]+", s):
            return None
        words = s.split()
        head = _PINYIN_VERBS.get(words[0]) if words else None
        if head is None:
            return None
        said = {pinyin(u): u for u in self.units if any(text.is_cjk(c) for c in u)}
        out = [head]
        for w in words[1:]:
            m = re.fullmatch(r"(\d+(?:\.\d+)?)([a-z]+)", w)
            if m and m.group(2) in said:   # 2xiang
                out.append(m.group(1) + said[m.group(2)])
            else:
                out.append(said.get(w, w) if out and re.search(r"\d$", out[-1]) else w)
        return f"{out[0]}:{' '.join(out[1:])}"

    @functools.cached_property
    def _places_by_pinyin(self) -> dict[str, str]:
        """Store, warehouse and partner names by their pinyin (nanshan → 南山 · zhangji → 张记), one name a sound."""
        out: dict[str, str] = {}
        for n, e in self.names.items():
            if e.kind in ("location", "partner") and len(e.codes) == 1 and all(text.is_cjk(c) for c in n):
                out.setdefault(pinyin(n), self.locations[e.codes[0]].name if e.kind == "location" else n)
        return out

    def places_from_pinyin(self, s: str) -> str:
        """An English message's stores, warehouses and partners said in pinyin after from/to/at/for (received 50 jin
        beef from zhang ji · transfer … from nanshan to futian) in characters, so the grammar knows them."""
        def named(m: re.Match[str]) -> str:
            words = m.group("w").split()
            for k in range(min(len(words), 3), 0, -1):   # (the longest run of words that is a name)
                name = self._places_by_pinyin.get("".join(words[:k]))
                if name is not None:
                    return f"{m.group('p')} {name}{' ' if words[k:] else ''}{' '.join(words[k:])}"
            return m.group(0)
        said = _SAYS.match(s)   # (zhang ji says they can only deliver 30 jin: who says it, first)
        if said is not None and (name := self._places_by_pinyin.get(said.group("w").replace(" ", ""))) is not None:
            s = name + s[said.end("w"):]

        def owned(m: re.Match[str]) -> str:   # (move zhang ji's order to thursday: the last words before 's)
            words = m.group("w").split()
            for k in range(min(len(words), 3), 0, -1):
                name = self._places_by_pinyin.get("".join(words[-k:]))
                if name is not None:
                    return " ".join([*words[:-k], name]) + "'s"
            return m.group(0)
        if "'s" in s:
            s = _OWNED.sub(owned, s)
        return _PLACE_WORDS.sub(named, s)

    def words(self, s: str) -> list[str]:
        return [w for w in self.tokenizer.cut(s, HMM=False) if w.strip()]

    def sounds_like_product(self, s: str) -> bool:
        """``s`` is said like a product's name (可送 for 可颂): its function words are then part of the name."""
        return len(s) >= 2 and all(text.is_cjk(c) for c in s) and pinyin(s) in self._by_pinyin

    def partner_named(self, words: str) -> str | None:
        """The one partner ``words`` are the name of, whole (王记 · 王记的), else None (王记的货 · 张记和王记)."""
        words = words.strip().removesuffix("的")
        named = [e for e in self.scan(words, [True] * len(words)) if e.kind == "partner"]
        if len(named) != 1 or len(named[0].codes) != 1 or words[named[0].start:named[0].end] != words:
            return None
        return named[0].codes[0]

    def match_product(self, mention: str) -> Match:
        """Resolve a mention that is not an exact name: hypernym, homophone, pinyin or typo."""
        m = mention.strip()
        if not m:
            return Match((), None)
        if m in self.product_names:
            return Match(tuple(sorted(self.product_names[m])), None)
        if m in GENERIC_PRODUCT:
            return Match((), None)
        if len(m) >= 2 and m[-1] in "子儿" and m[:-1] in self.product_names:   # 壳子 · 膜儿: the name with 子/儿
            return Match(tuple(sorted(self.product_names[m[:-1]])), None)
        latin = text.is_latin_word(m)
        if not latin and len(m) >= 2 and all(text.is_cjk(c) for c in m):
            broader = self._broader(m)
            if len(broader) > 1:
                return Match(broader, None)
            same_sound = self._by_pinyin.get(pinyin(m))
            if same_sound:
                return Match(tuple(sorted(same_sound)), "fuzzy_product")
            if len(broader) == 1:
                return Match(broader, "fuzzy_product")
            return self._fuzzy(m)
        if len(m) == 1 and text.is_cjk(m):   # 收到奶: the products named by it, to confirm or choose from
            # a Chinese name ends in its head noun: 奶 is 牛奶 (鲜奶), not 奶油; else any name holding it
            ending = {sku for n, skus in self.product_names.items() if n.endswith(m) for sku in skus}
            inside = ending or {sku for n, skus in self.product_names.items() if m in n for sku in skus}
            if 0 < len(inside) <= 4:
                return Match(tuple(sorted(inside)), "fuzzy_product" if len(inside) == 1 else None)
            return Match((), None)
        if latin and len(m) >= 3:
            exact = self._by_pinyin.get(m)
            if exact:
                return Match(tuple(sorted(exact)), "pinyin_product")
            return self._fuzzy_pinyin(m)
        coded = re.fullmatch(r"(\d+[a-z]+)的?(\w*)", m.lower())
        if coded is not None:   # 20w头: a name's model code, then the end of the name (20W充电头), to confirm
            head, tail = coded.groups()
            hits = {sku for n, skus in self.product_names.items()
                    if n.lower().startswith(head) and len(n) > len(head) and n.endswith(tail) for sku in skus}
            if len(hits) == 1:
                return Match(tuple(hits), "fuzzy_product")
        if any(text.is_cjk(c) for c in m) and any(c.isascii() and c.isalpha() for c in m):
            # 乳胶qi: the part the phone did not turn into characters, said the same; the whole read as pinyin
            # (报损jidan: the Latin word alone is the name, the verb before it was not one of the grammar's fillers)
            said = [pinyin(m).lower(), *(w for w in re.findall(r"[a-z]{3,}", m.lower()))]
            exact = next((self._by_pinyin[w] for w in said if w in self._by_pinyin), None)
            if exact:
                return Match(tuple(sorted(exact)), "pinyin_product")
            return next((f for w in said if (f := self._fuzzy_pinyin(w)).skus), Match((), None))
        return Match((), None)

    def _broader(self, m: str) -> tuple[str, ...]:
        """牛肉 → 牛腩, 牛腱 (牛 + a 肉 category) and 牛肉丸 (contains 牛肉)."""
        out = {sku for n, skus in self.product_names.items() if m in n and len(n) > len(m) for sku in skus}
        head, kind = m[:-1], m[-1]
        for p in self.products.values():
            if p.name.startswith(head) and kind in p.category and p.name != m:
                out.add(p.sku)
        return tuple(sorted(out))

    def _fuzzy(self, m: str) -> Match:
        py = pinyin(m)
        scored: dict[str, float] = {}
        for name, ratio, _ in process.extract(m, self._choices, scorer=fuzz.ratio, limit=8):
            if ratio < 40:
                continue
            score = 0.5 * ratio + 0.5 * fuzz.ratio(py, self._pinyin[name])
            for sku in self.product_names[name]:
                scored[sku] = max(scored.get(sku, 0.0), score)
        return _best(scored, threshold=75.0, guess="fuzzy_product")

    def _fuzzy_pinyin(self, m: str) -> Match:
        scored: dict[str, float] = {}
        for py, ratio, _ in process.extract(m, list(self._by_pinyin), scorer=fuzz.ratio, limit=8):
            for sku in self._by_pinyin[py]:
                scored[sku] = max(scored.get(sku, 0.0), float(ratio))
        return _best(scored, threshold=80.0, guess="pinyin_product")

    def product(self, sku: str) -> dcat.Product:
        return self.products[sku]

    def location_by_name(self, name: str) -> str | None:
        ent = self.names.get(text.normalize(name))
        return ent.codes[0] if ent and ent.kind == "location" else None


def _best(scored: dict[str, float], *, threshold: float, guess: str) -> Match:
    ranked = sorted(scored.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < threshold:
        return Match((), None)
    top = ranked[0][1]
    close = tuple(sorted(sku for sku, sc in ranked if sc >= top - 3))
    return Match(close, guess)


def _rank(kind: str) -> int:
    return {"role": 0, "user": 1, "partner": 2, "location": 3, "product": 4}[kind]
