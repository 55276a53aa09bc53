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


# 两批 · 分两次 · 三趟: how many times the goods came (or went)
_TIMES = re.compile(r"(?:分)?(?P<n>两|二|三|四|五|[2-9])\s*(?P<k>批|次|趟|车)(?P<v>到的|送的|来的|送来的|进的|收的|卖的)?[,,:]?\s*")
_ORDINAL = r"(?:一|第[一二三四五六七八九\d]|另一|后一|最后一|头一)"
_PART_QTY = r"(?P<q>\d+(?:\.\d+)?|[一二两三四五六七八九十百半]+)\s*(?P<u>[^\W\d_一二两三四五六七八九十百块元钱毛角折次批趟]{1,2}?)(?=$|[\s,,、;;和。!.]|一|第|另|后|最后|头)"


@functools.lru_cache(maxsize=8)
def _part(kind: str) -> re.Pattern[str]:
    """One delivery's quantity: 一批20斤 · 第二批30斤 · 另一次1箱."""
    return re.compile(rf"{_ORDINAL}{kind}(?:是|有|为|送了?|到了?|来了?|收了?|进了?)?\s*{_PART_QTY}\s*(?:[,,、;;]|和|跟)?\s*")


def batches(s: str) -> str | None:
    """牛腩今天到了两批,一批20斤一批30斤 · 今天收了牛腩两次,一次20斤一次30斤 · 分两批到的,第一批20斤,第二批30斤: the
    message with each delivery's quantity said as a line of its own (牛腩今天到了20斤和30斤); None when it says no such
    parts, or says a number of times the parts do not add up to."""
    for m in _TIMES.finditer(s):
        item = _part(m.group("k"))
        at, end, qs = m.end(), m.end(), []
        while (got := item.match(s, at)) is not None and got.end() > at:
            qs.append(got.group("q") + got.group("u"))
            at, end = got.end(), got.end("u")
        n = numbers.value(m.group("n"))
        if len(qs) < 2 or n is None or len(qs) != n:
            continue
        verb = m.group("v")[:-1] + "了" if m.group("v") else ""   # (分两批到的: 到了 …)
        return s[:m.start()] + verb + "和".join(qs) + s[end:]
    return None


# 卖了8份,每份半斤: portions counted, then what one holds
_PORTIONS = re.compile(rf"(?P<n>{numbers.NUMBER})\s*(?P<u>份|碗|盘|串|杯|客|例|盒)(?P<mid>[^,,;;\d]{{0,8}}?)\s*[,,]\s*"
                       rf"(?:每|一)(?P=u)(?:是|有|大概|约|用|大约)?\s*(?P<q>{numbers.NUMBER}|半)\s*"
                       r"(?P<u2>斤|两|公斤|千克|kg|克|g|个|块|片|只|根|瓶|升|毫升|ml)(?=$|[\s,,;;。.!])")


def portions(s: str) -> str | None:
    """牛腩今天卖了8份,每份半斤: the portions said as what they hold in all (牛腩今天卖了4斤); None when no portion is
    said with its size."""
    m = _PORTIONS.search(s)
    if m is None:
        return None
    n, q = numbers.value(m.group("n")), numbers.value(m.group("q"))
    if n is None or q is None or n <= 0 or q <= 0:
        return None
    total = n * q
    said = f"{total.normalize():f}" if total != total.to_integral_value() else str(int(total))
    return s[:m.start()] + said + m.group("u2") + m.group("mid") + s[m.end():]
