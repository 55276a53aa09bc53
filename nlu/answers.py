"""Replies to a clarifying question: 3公斤 (the missing quantity), 牛腩 or 1 (a candidate), 南山店.

``answer`` returns None when the reply is not an answer but a new message, so the caller parses
it from scratch.
"""
from __future__ import annotations

import re
from dataclasses import fields, replace
from typing import TYPE_CHECKING, Any, cast

from domain import commands
from nlu import context, dates, lines, numbers, text

if TYPE_CHECKING:
    from nlu.parser import Parser, Result


_UNPAID = ((r"免单|免费|送的|送给他了?|不要钱了?|白送|free", "免单"),
           (r"记账|挂账|赊账|欠着|以后收|稍后收|待收|晚点收|下次收|later|on account", "还没收钱"))
UNPAID_CHOICES = ("免单", "以后收")
# 团餐拿了可乐2箱,付了现金100 → a part paid, or the goods' price? (``Parser._paid_as_sold``)
_PAID_HOW = ((r"付了一部分|一部分|部分|先付了?一部分|还欠着?|剩下的?(?:记账|月结|欠着|以后给)|part(?: paid)?", "part"),
             (r"就按这个价|按这个价|这个价|就这个价|卖了?这个价|付清了?|全付了|sold at that|that price", "price"))
PAID_HOW_CHOICES = ("付了一部分", "就按这个价")


def answer(parser: Parser, text_in: str, *, pending: commands.Clarify,
           speaker: context.Speaker) -> Result | None:
    s = text.normalize(text_in or "").strip(" ,.!")
    for filler in ("是", "要", "就", "了", "吧", "呀", "啊"):
        s = s.removeprefix(filler).removesuffix(filler)
    if pending.reason == "which_move" and s:   # 土豆3袋 → 收货/卖出/盘点…? → the message again, with that verb
        verb = next((v for kind, v, said in _MOVES if s == kind or re.fullmatch(said, s)), None)
        return parser.parse(f"{verb}{pending.detail}", speaker=speaker) if verb else None
    if pending.reason == "paid_how" and s and isinstance(pending.partial, commands.RecordMoves):
        how = next((said for words, said in _PAID_HOW if re.fullmatch(words, s)), None)
        paid = numbers.value(pending.mention)
        if how is None or paid is None:
            return None
        if how == "part":   # → the sale, that much of it paid, the rest on the account
            return commands.Parsed(replace(pending.partial, paid=True, paid_amount=paid))
        return commands.Parsed(replace(pending.partial, paid=True, adjust=commands.Adjust(   # → sold at that, paid
            commands.AdjustKind.TAKEN, paid, pending.mention)))
    if pending.reason == "booking_time" and dates.TIME_OF_DAY.fullmatch(s) and pending.detail:   # 明天有个包桌 → 几点? → 晚上6点
        day = parser.scanner.analyse(pending.detail, speaker.now).date   # (the time goes after the day said)
        at = day.end if day is not None else 0
        got = parser.parse(f"{pending.detail[:at]}{s}{pending.detail[at:]}", speaker=speaker)
        return None if isinstance(got, commands.Clarify) and got.reason == "booking_time" else got
    if pending.reason == "unpaid_how" and s:   # 卖了…,没收钱 → 免单 or 以后收? → the message again, with that
        how = next((said for words, said in _UNPAID if re.fullmatch(words, s)), None)
        return parser.parse(f"{pending.detail},{how}", speaker=speaker) if how else None
    if not s or pending.partial is None:
        return None
    if pending.reason == "missing_unit" and re.fullmatch(r"[^\d\s]{1,3}", s):   # 收到水泥3 → 3什么? → 包
        s = f"{pending.detail}{s}"
    if pending.reason in ("missing_qty", "unit_mismatch", "missing_unit"):
        return _quantity(parser, s, pending=pending)
    if pending.reason == "orphan_qty":   # 收到5箱 → 哪个商品的? → 灯泡
        spans = [e for e in parser.lex.scan(s, [True] * len(s)) if e.kind == "product"]
        q = parser.scanner.qty_only(pending.mention)
        if len(spans) != 1 or len(spans[0].codes) != 1 or s[: spans[0].start] + s[spans[0].end:] or q is None:
            return None
        return _complete(pending, lines.to_line(parser.lex, spans[0].codes[0], q, mention=spans[0].mention))
    if pending.reason == "ambiguous_product":
        return _pick_product(parser, s, pending=pending, speaker=speaker)
    if pending.reason == "unknown_location":
        return _pick_location(parser, s, pending=pending)
    return None


# the moves a bare list of goods may be (土豆3袋 番茄2箱): its button's key, the verb that says it, replies that mean it
MOVE_CHOICES = ("receipt", "sale", "count", "scrap", "consumption", "purchase")
_MOVES = (("receipt", "收到", r"收货|收到|到货|到了|到|进货|进了|入库|收|进|received?"),
          ("sale", "卖了", r"卖出|卖了|卖掉|销售|出售|卖|sold|sale"),
          ("count", "盘点:", r"盘点|盘了|盘|现有|还剩|剩下|剩|库存|counted|count"),
          ("scrap", "报损", r"报损|坏了|坏|损耗|扔了|扔|报废|scrapp?ed|scrap"),
          ("consumption", "用了", r"领用|用了|用掉|消耗|用|used|use"),
          ("purchase", "订", r"订货|订购|采购|下单|订|要订|order(?:ed)?|buy"))


def _quantity(parser: Parser, s: str, *, pending: commands.Clarify) -> Result | None:
    sku = pending.mention
    if sku not in parser.lex.products:
        return None
    q = parser.scanner.qty_only(s)
    if q is None:
        spans = [e for e in parser.lex.scan(s, [True] * len(s)) if e.kind == "product"]
        if len(spans) == 1 and spans[0].codes == (sku,):
            rest = (s[: spans[0].start] + s[spans[0].end:]).strip()
            if not rest:
                return pending   # 收到奶 → 多少? → 牛奶: the product confirmed, the question stands
            q = parser.scanner.qty_only(rest)
    clause = re.match(r"([^,;]+)[,;]\s*(.+)$", s) if q is None else None
    if clause is not None:   # 2箱,光明送的 · 3个,运输途中碎的: the quantity, then who brought it or why
        q = parser.scanner.qty_only(clause.group(1))
        if q is not None:
            pending = replace(pending, partial=_remark(parser, pending.partial, clause.group(2)))
    if q is None:
        return None
    line = lines.to_line(parser.lex, sku, q, mention=parser.lex.product(sku).name,
                         zero_ok=isinstance(pending.partial, commands.CountStock))   # 盘点可颂 → 多少? → 0
    return _complete(pending, line)


def _pick_product(parser: Parser, s: str, *, pending: commands.Clarify, speaker: context.Speaker) -> Result | None:
    cands = pending.candidates
    chosen: str | None = None
    rest = ""
    i = numbers.index(s)
    if i is not None:
        if not 1 <= i <= len(cands):
            return None
        chosen = cands[i - 1]
    else:
        spans = [e for e in parser.lex.scan(s, [True] * len(s)) if e.kind == "product"]
        hits = [e for e in spans if set(e.codes) & set(cands)]
        if len(hits) == 1:
            common = [c for c in hits[0].codes if c in cands]
            if len(common) != 1:
                return None
            chosen = common[0]
            rest = (s[: hits[0].start] + s[hits[0].end:]).strip()
        else:
            by_name = [c for c in cands if parser.lex.product(c).name == s or s == c.lower()]
            part = s.removesuffix("的").removesuffix("那个")
            if not by_name and len(part) >= 2:   # 苹果的 · type-c那个: the one listed whose name holds it
                by_name = [c for c in cands if part.lower() in parser.lex.product(c).name.lower()]
            if len(by_name) != 1:
                return None
            chosen = by_name[0]
    assert chosen is not None
    partial = pending.partial
    if isinstance(partial, commands.QueryStock):
        return commands.Parsed(replace(partial, skus=(*partial.skus, chosen)))
    if isinstance(partial, commands.Report) and partial.sku == "":   # 牛肉还能卖几天 → 牛腩: that one's
        return commands.Parsed(replace(partial, sku=chosen))
    if isinstance(partial, commands.TraceLot):   # 追溯数据线批号D2 → 苹果的: that one's lot
        return commands.Parsed(replace(partial, sku=chosen))
    if isinstance(partial, commands.Correct | commands.Undo) and partial.of is not None:   # 昨天卖的数据线…: that one's
        return commands.Parsed(replace(partial, of=replace(partial.of, sku=chosen)))
    if isinstance(partial, commands.SetProduct) and pending.detail:   # 数据线售价改成8块 → 苹果的: said of that one
        return parser.parse(pending.detail.replace(pending.mention, parser.lex.product(chosen).name, 1), speaker=speaker)
    qty_text = rest or pending.detail
    if not qty_text:
        return commands.Clarify("missing_qty", mention=chosen, partial=partial)
    q = parser.scanner.qty_only(qty_text)
    if q is None:
        return None if rest else commands.Clarify("missing_qty", mention=chosen, partial=partial)
    line = lines.to_line(parser.lex, chosen, q, mention=pending.mention,
                         zero_ok=isinstance(pending.partial, commands.CountStock))
    return _complete(pending, line)


def _pick_location(parser: Parser, s: str, *, pending: commands.Clarify) -> Result | None:
    i = numbers.index(s)
    code = pending.candidates[i - 1] if i is not None and 1 <= i <= len(pending.candidates) else None
    if code is None:
        code = parser.lex.location_by_name(s)
    if code is None:
        return None
    partial = pending.partial
    slot = pending.detail or "location"
    if isinstance(partial, commands.TransferStock):
        if slot == "source":
            return commands.Parsed(replace(partial, source=code))
        return commands.Parsed(replace(partial, dest=code))
    if partial is not None and any(f.name == "location" for f in fields(partial)):   # (a write, or the store's question)
        return commands.Parsed(cast(commands.Command, replace(cast(Any, partial), location=code)))
    return None


def _remark(parser: Parser, partial: commands.Command | None, tail: str) -> commands.Command | None:
    """What follows an answer's quantity: the supplier it names (光明送的), else a note on the write."""
    if not isinstance(partial, commands.RecordMoves):
        return partial
    named = [e for e in parser.lex.scan(tail, [True] * len(tail)) if e.kind == "partner"]
    if named and partial.partner is None:
        return replace(partial, partner=named[0].codes[0])
    return replace(partial, note=partial.note or tail)


def _complete(pending: commands.Clarify, line: commands.Line | lines.Problem) -> Result:
    partial = pending.partial
    if isinstance(line, lines.Problem):
        return commands.Clarify(line.reason, mention=line.mention, partial=partial, detail=line.detail,
                                unit_price=pending.unit_price)
    if pending.unit_price is not None and line.unit_price is None and line.sku == pending.mention:
        line = replace(line, unit_price=pending.unit_price)   # 收到牛奶,单价5元 → 多少? → 2箱: at ¥5
    done = lines.attach(partial, (line,))
    if done is None:
        return commands.Clarify("not_understood")
    return commands.Parsed(done)
