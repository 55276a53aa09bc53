"""Items of a message: pair product mentions with quantities, then resolve them into ``Line``s.

A message may hold several items (牛奶6升、奶油两盒), the quantity before or after the product.
Each draft item becomes a Line or a problem (unknown, ambiguous, missing quantity, wrong unit).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from domain import catalog, commands, errors, units
from nlu import intents, lexicon, numbers, scan


@dataclass
class Draft:
    """One item as found in the text, before resolution."""
    start: int
    mention: str
    skus: tuple[str, ...]
    guess: str | None
    qty: scan.Qty | None = None
    exact: bool = True
    orphan: bool = False   # a quantity whose product is not in the message


def _restates(s: str, start: int) -> bool:
    """Whether the quantity at ``start`` restates others (每箱12升 · 一共3箱 · 合计5公斤) rather than adding one."""
    return bool(re.search(r"(?:每|共|计|总|合|各|均|平均|大概|约|就是|即|相当于|等于|=)\s*$", s[max(0, start - 4):start]))


@dataclass
class Problem:
    reason: str
    mention: str
    candidates: tuple[str, ...] = ()
    detail: str = ""


@dataclass
class Resolved:
    lines: list[tuple[int, commands.Line]] = field(default_factory=list)  # (position in text, line)
    guesses: list[commands.Guess] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


# who took it, and how, said where goods would be (员工喝了3杯拿铁 · 客人吃了2份): never a product's name
PEOPLE_DID = re.compile(r"(?:今天|刚才|早上|中午|晚上)?(?:员工|同事|客人|顾客|老板|店员|大家|我们|自己|师傅)们?(?:喝|吃|拿|用|要)?")


def drafts(a: scan.Analysis, lex: lexicon.Lexicon) -> list[Draft]:
    """Pair product mentions (catalog names, else leftover text) with quantities, in text order."""
    products = [Draft(e.start, e.mention, e.codes, None) for e in a.of("product")]
    qtys = sorted(a.qtys, key=lambda q: q.start)
    seps = sorted(a.separators)
    used: set[int] = set()

    def between(x: int, y: int) -> bool:
        return any(x <= s < y for s in seps)

    def nearest(q: scan.Qty, items: list[Draft]) -> Draft | None:
        before = [d for d in items if d.qty is None and id(d) not in used and d.start < q.start
                  and not between(d.start, q.start)
                  and not any(d.start < o.start < q.start for o in qtys if o is not q)]
        if before:
            return before[-1]
        after = [d for d in items if d.qty is None and id(d) not in used and d.start >= q.end
                 and not between(q.end, d.start)
                 and not any(q.end <= o.start < d.start for o in qtys if o is not q)]
        return after[0] if after else None

    def assign(qs: list[scan.Qty], drafts: list[Draft]) -> list[scan.Qty]:
        """Give each quantity its nearest draft; return the quantities that found none."""
        unplaced = []
        for q in qs:
            d = nearest(q, drafts)
            if d is None:
                unplaced.append(q)
                continue
            d.qty = q
            used.add(id(d))
        return unplaced

    orphans = assign(list(qtys), products)
    for d in products:   # 可乐雪碧各卖了一箱 · 牛奶、奶油各2箱: each gets it
        if d.qty is not None and "各" in a.s[d.start:d.qty.start]:
            for other in products:
                if other.qty is None and other.start < d.start and not any(
                        other.start < q.start < d.start for q in qtys):
                    other.qty = d.qty
    lonely = [d for d in products if d.qty is None]
    if len(orphans) == 1 and len(lonely) == 1 and len(lonely[0].skus) == 1 and (
            not orphans[0].unit or lex.product(lonely[0].skus[0]).accepts(orphans[0].unit)):
        lonely[0].qty = orphans.pop()   # 静安店缺面粉,从大仓调1袋过去: the one product named, the one quantity said
    texts: list[Draft] = []
    if orphans:
        texts = [Draft(c.start, c.text, (), None, exact=False) for c in a.chunks if not PEOPLE_DID.fullmatch(c.text)]
        left = assign(orphans, texts)
        lonely = [d for d in products if d.qty is None]
        if left and len(lonely) == 1 and len(left) == 1:
            lonely[0].qty = left[0]
            left = []
        # a quantity with a unit that found no product is never dropped: 早上卖了可颂8个,下午又卖了6个 is the same
        # product again; with several products it is asked about (每箱12升 and 一共3箱 restate, they add nothing)
        skus = {d.skus for d in products}
        for q in left:
            if not q.unit or _restates(a.s, q.start):
                continue
            if len(skus) == 1 and products:
                if _same_amount(lex, products[0], q) and not re.search(r"[又再另加还]\s*$", a.s[max(0, q.start - 3):q.start]):
                    continue   # 咖啡豆到了一箱,10公斤: the case said again in kilograms, not 10 kg more
                texts.append(Draft(q.start, products[0].mention, products[0].skus, None, qty=q))
            else:
                texts.append(Draft(q.start, q.raw, (), None, qty=q, orphan=True))
    out = products + [d for d in texts if d.qty is not None]
    for d in out:
        if not d.exact and not d.orphan:
            m = lex.match_product(d.mention)
            bare = without_verb(d.mention) if not m.skus else d.mention
            if bare != d.mention and len(bare) >= 2 and (found := lex.match_product(bare)).skus:
                d.mention, m = bare, found   # 数据线坏了一根: which 数据线 (was 「数据线坏」 unknown)
            d.skus, d.guess = m.skus, m.guess
    return sorted(out, key=lambda d: d.start)


def _same_amount(lex: lexicon.Lexicon, d: Draft, q: scan.Qty) -> bool:
    """Whether ``q`` restates the quantity of ``d`` in another unit (one case, then its 10 kg)."""
    if d.qty is None or len(d.skus) != 1 or not d.qty.unit or d.qty.unit == q.unit:
        return False
    p = lex.product(d.skus[0])
    try:
        return all(len(x.parts) == 1 for x in (d.qty, q)) and units.to_base(
            d.qty.parts[0][0], d.qty.unit, base_unit=p.base_unit, packs=p.packs) == units.to_base(
            q.parts[0][0], q.unit, base_unit=p.base_unit, packs=p.packs)
    except errors.DomainError:
        return False


def resolve(items: list[Draft], lex: lexicon.Lexicon, *, need_qty: bool = True, zero_ok: bool = False,
            ask_unit: bool = True) -> Resolved:
    """The drafts as lines in base units, with what was guessed and the problems; ``zero_ok``: a quantity of 0 is
    one (a count: 盘点:可颂0个); ``ask_unit``: a bare number for goods in kg that come in bags is asked (a count
    reads it in the base unit, as its sheet lists the books)."""
    out = Resolved()
    for d in items:
        if d.orphan:
            out.problems.append(Problem("orphan_qty", d.mention))
            continue
        if not d.skus:
            out.problems.append(Problem("unknown_product", without_verb(d.mention)))
            continue
        if len(d.skus) > 1 and d.qty is not None and d.qty.unit:
            fitting = tuple(c for c in d.skus if lex.product(c).accepts(d.qty.unit))
            if len(fitting) == 1 and not d.exact:
                d.skus, d.guess = fitting, d.guess or "fuzzy_product"
            elif fitting:
                d.skus = fitting
        if len(d.skus) > 1:
            out.problems.append(Problem("ambiguous_product", d.mention, d.skus, d.qty.raw if d.qty else ""))
            continue
        sku = d.skus[0]
        if d.guess:
            out.guesses.append(commands.Guess(d.guess, d.mention, sku))
        if d.qty is None:
            if any(o is not d and o.qty is not None and o.skus == (sku,) for o in items):
                continue   # 今天矿泉水卖了36瓶,农夫山泉: the product named again (its brand), not one more line
            if need_qty:
                out.problems.append(Problem("missing_qty", sku))
            else:
                out.lines.append((d.start, commands.Line(sku=sku, qty=Decimal(0), mention=d.mention)))
            continue
        if need_qty and ask_unit and unit_unsaid(lex.product(sku), d.qty):   # 收到水泥3: 3 what? a bag is 50kg
            out.problems.append(Problem("missing_unit", sku, detail=d.qty.raw))
            continue
        line = to_line(lex, sku, d.qty, mention=d.mention, zero_ok=zero_ok)
        if isinstance(line, Problem):
            out.problems.append(line)
            continue
        if d.qty.unit == "件" and not lex.product(sku).accepts("件"):
            out.guesses.append(commands.Guess("case_as", f"{d.mention}{d.qty.raw}", case_of(lex.product(sku)) or ""))
        elif line.unit == "" and len(d.qty.parts) == 1 and not d.qty.parts[0][1] and line.qty != 0 \
                and (lex.product(sku).packs or units.is_global(lex.product(sku).base_unit)):
            # (0 is 0 in any; 可颂3 for croissants counted one by one and sold no other way is three, nothing to ask)
            out.guesses.append(commands.Guess("assumed_unit", d.mention, lex.product(sku).base_unit))
        elif (line.unit and not lex.product(sku).accepts(d.qty.unit) and line.unit == d.qty.unit
              and line.unit not in d.qty.packs):
            out.guesses.append(commands.Guess("assumed_unit", f"{d.mention}{d.qty.raw}",
                                              lex.product(sku).base_unit))
        out.lines.append((d.start, line))
    return out


def unit_unsaid(p: catalog.Product, q: scan.Qty) -> bool:
    """A bare number for a product weighed or measured in a unit people name when they mean it (kg, 升) that also
    comes in packs: 水泥3 may be 3 bags as well as 3kg, so it is asked, never assumed. A product counted (可乐三 is
    three bottles) or kept in 斤 (牛腩50: the unit a market drops) reads it in its base unit, as before."""
    return (len(q.parts) == 1 and not q.parts[0][1] and not q.packs and q.parts[0][0] > 0 and bool(p.packs)
            and units.is_global(p.base_unit) and p.base_unit not in ("斤", "市斤"))


PLACES = 3   # decimals a quantity may be said with (2.125公斤)


def too_precise(v: Decimal) -> bool:
    exponent = v.as_tuple().exponent
    return isinstance(exponent, int) and exponent < -PLACES


def to_line(lex: lexicon.Lexicon, sku: str, q: scan.Qty, *, mention: str = "", zero_ok: bool = False
            ) -> commands.Line | Problem:
    """One product and quantity as a Line in base units, or the problem with it (0 is one unless ``zero_ok``)."""
    p = lex.product(sku)
    total = Decimal(0)
    parts = q.parts
    if len(parts) == 2 and parts[0][1] in p.packs and parts[1][1] and p.accepts(parts[1][1]):
        try:   # 1箱12升 with 12升 a case: the case described, not a case and 12 more
            second = units.to_base(parts[1][0], parts[1][1], base_unit=p.base_unit, packs=p.packs)
            if second == p.packs[parts[0][1]]:
                parts = parts[:1]
            elif second > p.packs[parts[0][1]] and parts[1][1] in units.GLOBAL_UNITS:
                # 张记送来牛腩3箱58斤: a weight more than a case over is no remainder but what they weighed (可乐2箱30瓶:
                # loose bottles, added)
                parts = parts[1:]
        except errors.DomainError:
            pass
    for value, unit in parts:
        if unit in q.packs:   # the message's own pack size (每箱12升) wins over the catalog's for this line
            n, per = q.packs[unit]
            try:
                total += value * units.to_base(n, per, base_unit=p.base_unit, packs=p.packs)
            except errors.DomainError:
                return Problem("unit_mismatch", sku, detail=f"{p.name}按{_units_of(p)}计,不能用「{per}」")
            continue
        u = unit
        if u and not p.accepts(u) and u in lexicon.COUNT_LIKE and p.base_unit in lexicon.COUNT_LIKE:
            u = p.base_unit  # 鸡蛋3只 for a product counted in 个
        elif lexicon.as_counted(p, u) != u:
            u = p.base_unit  # 可乐三个: three bottles
        elif u == "件" and not p.accepts(u) and (case := case_of(p)):
            u = case   # 矿泉水两件: the trade's 件 is the product's only case
        try:
            total += units.to_base(value, u, base_unit=p.base_unit, packs=p.packs)
        except errors.DomainError:
            return Problem("unit_mismatch", sku, detail=f"{p.name}按{_units_of(p)}计,不能用「{unit}」")
    rounded = numbers.inexact(q.raw)
    if rounded:   # 三分之一箱 of 24 bottles is 8; of 5 kg, 1.667
        total = total.quantize(Decimal(1).scaleb(-PLACES))
    total = units.normalize(total)
    if units.too_large(total):   # in base units: 900 billion cases of 24 too
        return Problem("qty_too_large", sku, detail=q.raw)
    if total < 0 or (total == 0 and not zero_ok):
        return Problem("zero_qty", sku, detail=q.raw)
    if not rounded and any(too_precise(v) for v, _ in parts):   # 0.0001箱: no one counts or weighs that finely
        return Problem("qty_too_precise", sku, detail=q.raw)
    raw = parts[0][0] if len(parts) == 1 else None
    return commands.Line(sku=sku, qty=total, mention=mention, unit=parts[0][1] if raw is not None else "",
                         raw_qty=units.normalize(raw) if raw is not None else total)


def case_of(p: catalog.Product) -> str | None:
    """The one pack a product comes in, which the trade calls 件 (矿泉水两件 = 2箱); None for none or several."""
    packs = [name for name, f in p.packs.items() if f > 1]
    return packs[0] if len(packs) == 1 else None


def _units_of(p: object) -> str:
    base = getattr(p, "base_unit", "")
    packs = getattr(p, "packs", {})
    return "、".join([base, *packs]) if packs else str(base)


def attach(cmd: commands.Command | None, extra: tuple[commands.Line, ...], *,
           keep: bool = True) -> commands.Command | None:
    """``cmd`` with ``extra`` lines appended (or replacing its lines when ``keep`` is False)."""
    if isinstance(cmd, commands.RecordMoves):
        return replace(cmd, lines=(*cmd.lines, *extra) if keep else extra)
    if isinstance(cmd, commands.TransferStock):
        return replace(cmd, lines=(*cmd.lines, *extra) if keep else extra)
    if isinstance(cmd, commands.CountStock):   # (可乐冰柜里还有12瓶,仓库里还有3箱: one count of their sum)
        return replace(cmd, lines=commands.counted_together((*cmd.lines, *extra) if keep else extra))
    if isinstance(cmd, commands.PlacePurchase | commands.PlaceSale):
        return replace(cmd, lines=(*cmd.lines, *extra) if keep else extra)
    if isinstance(cmd, commands.RecordBooking):
        return replace(cmd, lines=(*cmd.lines, *extra) if keep else extra)
    return cmd


def without_verb(chunk: str) -> str:
    """An unknown product's words without the verb said after it (碗摔碎 → 碗: 碗 is what the catalog lacks)."""
    for rx in (intents.SCRAP, intents.CONSUMPTION, intents.SALE, intents.RECEIPT):
        ends = [m for m in rx.finditer(chunk) if m.end() == len(chunk) and m.start() > 0]
        if ends:
            chunk = chunk[: ends[0].start()]
    return re.sub(r"(?:摔|打|弄|压|砸|坏|丢|不见)$", "", chunk) or chunk
