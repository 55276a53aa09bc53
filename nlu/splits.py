"""One quantity's prices said apart (充电宝卖了2个,一个89一个85 · 卖了2个充电宝,89和85 · 手机壳进了20个,10个15,其余12):
the message said again as one line per price (充电宝卖了1个单价89元,1个单价85元), which the grammar reads."""
from __future__ import annotations

import functools
import re
from decimal import Decimal

from nlu import numbers

_NUM = r"\d+|[一二两三四五六七八九十百]+"
_MONEY = r"\d+(?:\.\d{1,2})?"
# the goods' quantity, then (a product's name and) a comma: 卖了2个, · 卖了2个充电宝,
_COUNTED = re.compile(rf"(?P<n>{_NUM})\s*(?P<u>[^\W\d_块元钱毛角折])(?P<what>[^\W\d_]{{0,8}}?)\s*[,,]\s*"
                      r"(?:(?:价格|价钱|单价)?分别(?:是|为|卖了?|按)?|价格是)?\s*")
_SEPARATOR = re.compile(r"\s*(?:[,,、;;]|和|跟|及)?\s*")
_REST = r"另外?|其余的?|其他的?|剩下的?|剩余的?"


@functools.lru_cache(maxsize=64)
def _item(unit: str) -> re.Pattern[str]:
    """One share: 一个89 · 两个89元 · 另一个85 · 其余85 · 89 (one unit, in a bare list)."""
    u = re.escape(unit)
    return re.compile(rf"(?:(?P<rest>{_REST})?(?P<c>{_NUM})?{u}|(?P<rest2>{_REST}))?(?:是|都是|卖|卖了|按|算)?"
                      rf"\s*(?P<p>{_MONEY})\s*(?:元|块钱|块(?!(?:\d+|[一二两三四五六七八九])(?!\s*{u})))?(?:的|[一每]{u}(?!\s*(?:{_MONEY}|[一二两三四五六七八九十])))?(?=$|[\s,,、;;和跟及。!.]|[另其剩一二两三四五六七八九十\d])")


def said(s: str) -> tuple[str, str] | None:
    """(the message with its shares said as lines, or "" when the shares do not add up to the quantity; the quantity
    as said); None when it says no shares."""
    for m in _COUNTED.finditer(s):
        if not re.match(rf"(?:{_REST})?(?:{_NUM})", s[m.end():]):
            continue   # (收到可乐2箱,少了3瓶: no share said after the comma)
        n = numbers.value(m.group("n"))
        if n is None or n < 2 or n != n.to_integral_value():
            continue
        item = _item(m.group("u"))
        shares: list[tuple[Decimal | None, str]] = []   # (count, or None: the rest · one in a bare list; price)
        counted = apart = 0   # (shares that say their count; shares after a separator)
        at = m.end()
        while True:
            got = item.match(s, at)
            if got is None or got.end() == at:
                break
            c = numbers.value(got.group("c")) if got.group("c") else None
            rest = got.group("rest2")   # (其余85: the rest; 另一个85 · 其余2个85: the count said)
            if c is not None or rest:
                counted += 1
            shares.append((c if c is not None else (None if rest else Decimal(1)), got.group("p")))
            at = got.end()
            sep = _SEPARATOR.match(s, at)
            apart += bool(sep and sep.end() > at)
            at = sep.end() if sep else at
        tail = s[at:]
        if len(shares) < 2 or (re.sub(r"[\s。!.]", "", tail) and not re.search(r"[,;]\s*$", s[:at])):
            continue   # (…,一个89一个85的价格不对: more than shares after them)
        if counted not in (0, len(shares)) or (not counted and apart < len(shares) - 1):
            continue   # (一个89,85: neither all counted nor a bare list; 12块5一斤: one price)
        unknown = [i for i, (c, _) in enumerate(shares) if c is None]
        known = sum((c for c, _ in shares if c is not None), Decimal(0))
        whole = m.group("n") + m.group("u")
        if len(unknown) > 1 or (unknown and known >= n) or (not unknown and known != n):
            return "", whole
        if unknown:
            shares[unknown[0]] = (n - known, shares[unknown[0]][1])
        lines = ",".join(f"{c}{m.group('u')}{m.group('what')}单价{p}元" for c, p in shares)
        rest = re.sub(r"^[\s,;]+", "", tail)   # (…,都是微信: said after the shares, kept)
        return s[:m.start()] + lines + ("," + rest if re.sub(r"[\s,;。!.]", "", rest) else ""), whole
    return None
