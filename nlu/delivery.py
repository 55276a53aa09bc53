"""A delivery note's photo, read: the words an OCR found on it, each with its box, become the note's supplier, day,
number, table of goods and total, with the checks a person makes before signing (each line's quantity × price
against its amount, the lines against the total).

The words come in any order and the photo may be a little askew: the page's tilt is read off the words' own boxes
and undone, the words are grouped into rows, and a row holding the table's headings (品名 数量 单价 …) gives the
columns. A note with no such heading row is read line by line (牛腩 50斤 32元). Nothing here reads a file, the clock
or the network."""
from __future__ import annotations

import math
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal, InvalidOperation

Point = tuple[float, float]

# a heading of the table → the column it names (the longest heading a cell holds wins)
HEADINGS: dict[str, str] = {
    **dict.fromkeys(("品名", "名称", "商品", "货品", "品项", "产品", "商品名称", "货品名称", "产品名称", "物料名称",
                     "菜品", "品种", "货物名称"), "name"),
    **dict.fromkeys(("规格", "规格型号", "型号", "包装"), "spec"),
    **dict.fromkeys(("单位", "计量单位"), "unit"),
    **dict.fromkeys(("数量", "件数", "实收数量", "实发数量", "送货数量", "发货数量", "重量", "数量(斤)", "数量(kg)"), "qty"),
    **dict.fromkeys(("单价", "价格", "含税单价", "单价(元)"), "price"),
    **dict.fromkeys(("金额", "总价", "小计", "金额(元)", "含税金额", "总金额"), "amount"),
    **dict.fromkeys(("序号", "行号", "编号"), "serial"),
    **dict.fromkeys(("备注", "说明"), "remark"),
}
# the note's own name on its title: what is left of the title line is who issued it
KINDS = ("送货清单", "送货单", "销售单", "销货单", "出库单", "发货单", "配送单", "出货单", "随货同行单", "送货凭证", "收货单")
_TOTAL = re.compile(r"合计|总计|总金额|小写|大写|共计|total", re.I)
_LABELS = r"日期|送货日期|开单日期|客户|收货单位|购货单位|收货方|单号|单据号|订单号|编号|NO\.?|No\.?|电话|地址|联系人|供应商|供货单位|发货单位|送货单位"
_CUSTOMER = re.compile(rf"(?:客户|收货单位|购货单位|收货方)(?:名称)?[:：]?\s*(?P<v>.+?)(?=(?:{_LABELS})|$)")
_SUPPLIER = re.compile(rf"(?:供应商|供货单位|发货单位|送货单位)(?:名称)?[:：]?\s*(?P<v>.+?)(?=(?:{_LABELS})|$)")
_NUMBER = re.compile(r"(?:单号|单据号|单据编号|订单号|NO|No|№)[.:：#]?\s*(?P<v>[A-Za-z0-9][A-Za-z0-9\-_/]{2,})")
_DATE = re.compile(r"(?<!\d)(?P<y>20\d{2})\s*[年\-/.]\s*(?P<m>\d{1,2})\s*[月\-/.]\s*(?P<d>\d{1,2})(?!\d)")
_NUM = re.compile(r"-?\d+(?:\.\d+)?")
_QTY_UNIT = re.compile(r"^(?P<n>\d+(?:\.\d+)?)\s*(?P<u>[^\d\s.,]{1,2})?$")
_MONEY = re.compile(r"[¥￥]\s*(?P<v>\d[\d,]*(?:\.\d+)?)")
_PAREN = re.compile(r"[(（](?P<v>[^()（）]*)[)）]")
# what an OCR reads in place of digits in an amount (a quantity keeps its letters: 2l is two litres)
_LOOKALIKE = str.maketrans({"O": "0", "o": "0", "〇": "0", "l": "1", "I": "1", "|": "1", "S": "5", "B": "8", "，": "",
                            "。": ".", "．": ".", ",": ""})
_QTY_LOOKALIKE = str.maketrans({"O": "0", "o": "0", "〇": "0", "，": "", "。": ".", "．": ".", ",": ""})
LOW = 0.8   # a word the OCR is less sure of than this is shown as unsure
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Token:
    """One run of text the OCR found: its words, its box's four corners (clockwise from the top left) and how sure
    it is (0–1)."""
    text: str
    box: tuple[Point, Point, Point, Point]
    score: float = 1.0

    @property
    def height(self) -> float:
        (x0, y0), (x1, y1), (x2, y2), (x3, y3) = self.box
        return max(1.0, (math.dist((x0, y0), (x3, y3)) + math.dist((x1, y1), (x2, y2))) / 2)

    @property
    def width(self) -> float:
        (x0, y0), (x1, y1), (x2, y2), (x3, y3) = self.box
        return (math.dist((x0, y0), (x1, y1)) + math.dist((x3, y3), (x2, y2))) / 2

    @property
    def centre(self) -> Point:
        return sum(p[0] for p in self.box) / 4, sum(p[1] for p in self.box) / 4

    @property
    def tilt(self) -> float:
        (x0, y0), (x1, y1) = self.box[0], self.box[1]
        return math.atan2(y1 - y0, x1 - x0)


@dataclass(frozen=True)
class Row:
    """A line of goods on the note, as written there."""
    name: str
    qty: Decimal | None
    unit: str = ""
    spec: str = ""   # 10斤/箱 · 500g*12
    price: Decimal | None = None
    amount: Decimal | None = None
    unsure: bool = False   # a word of it the OCR was not sure of

    @property
    def value(self) -> Decimal | None:
        """What the line costs: its amount, else its quantity × price."""
        if self.amount is not None:
            return self.amount
        if self.qty is not None and self.price is not None:
            return (self.qty * self.price).quantize(CENT)
        return None

    @property
    def adds_up(self) -> bool | None:
        """Whether quantity × price makes the amount (to the cent, or half a percent of rounding); None when the
        note does not say all three."""
        if self.qty is None or self.price is None or self.amount is None:
            return None
        made = self.qty * self.price
        return abs(made - self.amount) <= max(CENT, abs(self.amount) * Decimal("0.005"))

    @property
    def pack(self) -> tuple[Decimal, str] | None:
        """The spec as a pack of this row's unit: 10斤/箱 (of 箱) → (10, 斤)."""
        m = re.fullmatch(r"(?P<n>\d+(?:\.\d+)?)\s*(?P<u>[^\d\s/*×xX]{1,2})\s*[/／每]\s*(?P<pack>[^\d\s]{1,2})", self.spec)
        if m is None or not self.unit or m.group("pack") != self.unit or m.group("u") == self.unit:
            return None
        return Decimal(m.group("n")), m.group("u")


@dataclass(frozen=True)
class Note:
    supplier: str = ""
    customer: str = ""
    number: str = ""
    day: date | None = None
    rows: tuple[Row, ...] = ()
    total: Decimal | None = None
    unread: tuple[str, ...] = ()   # rows of the table that hold no quantity: shown, not recorded
    text: tuple[str, ...] = field(default=(), compare=False)   # every line of the photo, top to bottom

    @property
    def sum(self) -> Decimal | None:
        values = [r.value for r in self.rows]
        if not values or any(v is None for v in values):
            return None
        return sum((v for v in values if v is not None), Decimal(0))

    @property
    def total_adds_up(self) -> bool | None:
        s = self.sum
        if self.total is None or s is None:
            return None
        return abs(s - self.total) <= max(CENT, self.total * Decimal("0.005"))


def read(tokens: Sequence[Token]) -> Note:
    """The note the words make."""
    tokens = [t for t in tokens if t.text.strip()]
    if not tokens:
        return Note()
    rows = _rows(tokens)
    lines = tuple(_joined(r) for r in rows)
    head = next((i for i, r in enumerate(rows) if _is_heading(r)), None)
    if head is not None:
        goods, unread, after = _table(rows, head)
    else:
        goods, unread, after = _listed(rows)
    meta = " ".join(lines[: head if head is not None else len(lines)])
    total = _total(lines[after:] if after is not None else lines)
    return Note(supplier=_supplier(lines[: head if head is not None else 3], meta), customer=_field(_CUSTOMER, meta),
                number=_field(_NUMBER, meta), day=_day(" ".join(lines)), rows=tuple(goods), total=total,
                unread=tuple(unread), text=lines)


# ------------------------------------------------------------------ layout
Placed = list[tuple[float, Token]]   # a row: each word with its place across the page, the tilt undone


def _rows(tokens: list[Token]) -> list[Placed]:
    """The words in rows, top to bottom, each row left to right, the page's tilt undone."""
    wide = [t.tilt for t in tokens if t.width > 2 * t.height]
    angle = statistics.median(wide) if wide else 0.0
    cos, sin = math.cos(angle), math.sin(angle)

    def level(t: Token) -> Point:   # the centre, turned back by the tilt
        x, y = t.centre
        return x * cos + y * sin, -x * sin + y * cos

    placed = sorted(((level(t), t) for t in tokens), key=lambda p: p[0][1])
    tall = statistics.median(t.height for t in tokens)
    rows: list[list[tuple[Point, Token]]] = []
    for p, t in placed:
        if rows and abs(p[1] - statistics.fmean(q[1] for q, _ in rows[-1])) <= 0.5 * tall:
            rows[-1].append((p, t))
        else:
            rows.append([(p, t)])
    return [[(q[0], t) for q, t in sorted(r, key=lambda q: q[0][0])] for r in rows]


def _joined(row: Placed) -> str:
    return " ".join(t.text.strip() for _, t in row)


def _heading(text: str) -> str | None:
    key = re.sub(r"\s+", "", text).replace("（", "(").replace("）", ")")
    if key in HEADINGS:
        return HEADINGS[key]
    bare = _PAREN.sub("", key)
    return HEADINGS.get(bare)


def _is_heading(row: Placed) -> bool:
    named = {_heading(t.text) for _, t in row} - {None}
    return len(named) >= 2 and ("name" in named or "qty" in named)


def _table(rows: list[Placed], head: int) -> tuple[list[Row], list[str], int | None]:
    """The goods under the heading row, each word in the column whose heading it is nearest."""
    columns = sorted((x, c) for x, c in ((x, _heading(t.text)) for x, t in rows[head]) if c is not None)
    goods: list[Row] = []
    unread: list[str] = []
    for i in range(head + 1, len(rows)):
        row = rows[i]
        if _TOTAL.search(_joined(row)):
            return goods, unread, i
        cells: dict[str, list[Token]] = {}
        for x, t in row:
            column = min(columns, key=lambda c: abs(c[0] - x))[1]
            cells.setdefault(column, []).append(t)
        text = {c: "".join(t.text.strip() for t in ts) for c, ts in cells.items()}
        unsure = any(t.score < LOW for _, t in row)
        name, spec = _name_spec(text.get("name", ""), text.get("spec", ""))
        qty, unit = _qty(text.get("qty", ""))
        unit = _bare(text.get("unit", "")) or unit
        if not name and qty is None:
            continue   # a signature, a stamp, a blank ruled row
        if not name or qty is None:
            unread.append(_joined(row))
            continue
        goods.append(Row(name=name, qty=qty, unit=unit, spec=spec, price=_number(text.get("price", "")),
                         amount=_number(text.get("amount", "")), unsure=unsure))
    return goods, unread, None


_NOT_GOODS = re.compile(r"电话|手机|日期|单号|编号|地址|联系|客户|供应商|收货|送货|签字|签收|经手|开单|制单|页|第")
_LISTED = re.compile(r"^(?:\d{1,2}[.、)]\s*)?(?P<name>[^\d\s:：]{1,12}?)\s*(?P<n>\d+(?:\.\d+)?)\s*(?P<u>[^\d\s.,¥￥]{1,2})?"
                     r"(?:\s*[×xX*@]?\s*[¥￥]?\s*(?P<p>\d+(?:\.\d+)?)\s*(?:元)?(?:/\S{1,2})?)?"
                     r"(?:\s*[=＝]?\s*[¥￥]?\s*(?P<a>\d+(?:\.\d+)?)\s*元?)?$")


def _listed(rows: list[Placed]) -> tuple[list[Row], list[str], int | None]:
    """A note without headings: each row a product, its quantity and unit, maybe its price and amount."""
    goods: list[Row] = []
    for i, row in enumerate(rows):
        text = _joined(row)
        if _TOTAL.search(text):
            return goods, [], i
        m = _LISTED.match(text.translate(str.maketrans("", "", ",")))
        if m is None or _heading(m.group("name")) or _NOT_GOODS.search(m.group("name")) or len(m.group("n")) > 7:
            continue   # (电话 13800138000 · 日期 2026: no goods)
        goods.append(Row(name=m.group("name"), qty=Decimal(m.group("n")), unit=m.group("u") or "",
                         price=Decimal(m.group("p")) if m.group("p") else None,
                         amount=Decimal(m.group("a")) if m.group("a") else None,
                         unsure=any(t.score < LOW for _, t in row)))
    return goods, [], None


# ------------------------------------------------------------------ cells
def _bare(s: str) -> str:
    return re.sub(r"[\s|:：]", "", s)


def _name_spec(name: str, spec: str) -> tuple[str, str]:
    """五花肉(10斤/箱) → (五花肉, 10斤/箱); a spec column wins over one in brackets."""
    name = _bare(name)
    m = _PAREN.search(name)
    if m is not None:
        name = (name[: m.start()] + name[m.end():]).strip()
        spec = spec or m.group("v")
    return name.lstrip("0123456789.、"), _bare(spec)


def _number(s: str) -> Decimal | None:
    s = _bare(s).replace("¥", "").replace("￥", "").removesuffix("元")
    if not s:
        return None
    if not re.fullmatch(r"[\d.,Ool|ISB〇，。．]+", s) or not re.search(r"\d", s):
        return None
    s = s.translate(_LOOKALIKE)
    try:
        return Decimal(s)
    except InvalidOperation:
        return None


def _qty(s: str) -> tuple[Decimal | None, str]:
    """50 · 50斤 · 2.5kg: the quantity and a unit written with it."""
    s = _bare(s)
    lead = re.match(r"^[\dOo〇][\dOo〇.,，。．]*", s)   # (5O斤: fifty; the unit after it as written)
    m = _QTY_UNIT.match(lead.group(0).translate(_QTY_LOOKALIKE) + s[lead.end():] if lead else s)
    if m is None:
        return None, ""
    try:
        return Decimal(m.group("n")), m.group("u") or ""
    except InvalidOperation:
        return None, ""


# ------------------------------------------------------------------ the rest of the page
def _field(pattern: re.Pattern[str], text: str) -> str:
    m = pattern.search(text.replace(" ", ""))
    return m.group("v").strip(" :：,，") if m else ""


def _supplier(top: Sequence[str], meta: str) -> str:
    said = _field(_SUPPLIER, meta)
    if said:
        return said
    for line in top:
        flat = line.replace(" ", "")
        kind = next((k for k in KINDS if k in flat), None)
        if kind is not None:
            return _DATE.sub("", flat.replace(kind, "")).strip(" -—:：()（）")
    return ""


def _day(text: str) -> date | None:
    m = _DATE.search(text)
    if m is None:
        return None
    try:
        return date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    except ValueError:
        return None


def _total(lines: Sequence[str]) -> Decimal | None:
    """The amount on the total's row: after ¥ when it says so, else its last number."""
    for line in lines:
        if not _TOTAL.search(line):
            continue
        flat = line.replace(" ", "")
        money = _MONEY.findall(flat)
        found = [v.replace(",", "") for v in money] or _NUM.findall(flat.replace(",", ""))
        if found:
            try:
                return Decimal(found[-1])
            except InvalidOperation:
                return None
    return None


def sentence(note: Note, *, supplier: str = "", place: str = "", day: str = "") -> str:
    """The receipt the note's goods make, said as someone would type it, one product a line (5月3日福田店收到张记的货:
    ⏎牛腩 50斤⏎五花肉 2箱,每箱10斤): the parser then reads it as it reads any message. Prices are not said here;
    each line's comes from the note's own amount (``Row.value``)."""
    lines = []
    for r in note.rows:
        qty = f"{r.qty.normalize():f}" if r.qty is not None else ""
        line = f"{r.name} {qty}{r.unit}"
        pack = r.pack
        if pack is not None:
            line += f",每{r.unit}{pack[0].normalize():f}{pack[1]}"
        lines.append(line)
    whose = f"{supplier}的货" if supplier else "货"
    return f"{day}{place}收到{whose}:\n" + "\n".join(lines)


# characters a printed note's OCR mistakes for each other (土 read 士): tried on a name the catalog does not know
LOOKALIKES = ("土士", "己已巳", "未末", "人入八", "天夭", "戊戌戍", "刀力", "王玉", "日曰", "千干于", "大太犬", "贝见",
              "鸟乌", "茶荼", "候侯", "拨拔", "汁汗", "折拆", "免兔", "析折", "瓜爪", "祟崇", "肓盲", "母毋")
_LIKE = {c: group for group in LOOKALIKES for c in group}


def mended(note: Note, names: set[str]) -> tuple[Note, list[tuple[str, str]]]:
    """The note with each name the catalog does not know but knows with one look-alike character changed (士豆 →
    土豆), when exactly one such name is known; and the names so changed, to say."""
    rows, changed = [], []
    for r in note.rows:
        if r.name not in names:
            near = {r.name[:i] + c + r.name[i + 1:] for i, ch in enumerate(r.name) for c in _LIKE.get(ch, "")
                    if c != ch} & names
            if len(near) == 1:
                (now,) = near
                changed.append((r.name, now))
                r = replace(r, name=now)
        rows.append(r)
    return replace(note, rows=tuple(rows)), changed
