"""How money was paid, in words: the payment methods' names (现金 · 微信 · 支付宝 · 刷卡 …, as the cash-up and a sale
say them) and a sale paid several ways (微信60现金27 · 微信付了60,剩下的现金 · 一半微信一半现金)."""
from __future__ import annotations

import re
from decimal import Decimal

from nlu import numbers

# the day's cash-up (日结) counts by these, and a sale says which it was paid by (``ledger.PAYMENT_METHODS``)
METHODS = {"现金": "cash", "现款": "cash", "微信": "wechat", "支付宝": "alipay", "刷卡": "card", "银行卡": "card",
           "信用卡": "card", "美团": "meituan",
           "饿了么": "eleme", "抖音": "douyin", "储值卡": "member", "储值": "member", "会员卡": "member", "扫码": "qr",
           "收款码": "qr", "二维码": "qr",
           "其他": "other", "其它": "other"}
PAID_WITH = {k: v for k, v in METHODS.items() if v != "other"}   # (a sale's: 其他 names no way)
WITH = "|".join(sorted(PAID_WITH, key=len, reverse=True))

Parts = tuple[tuple[str, Decimal | None], ...]   # each way (``ledger.PAYMENT_METHODS``) and its money, None: a share
Split = tuple[re.Match[str], Parts]             # … and the words that said them

_N = numbers.NUMBER


def _unnamed(pattern: str) -> str:
    """A pattern with its named groups made plain, so that it may repeat within another."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


# one way and its money: 微信60 · 微信付了60元 · 现金收了27块 · 现金27 · 付了现金1000 · 先付现金1000
_VERB = r"(?:付款|支付|收款|转账|付|收|转|扫|刷)?了?"
_AMOUNT_OF = rf"(?:先?(?:付|收|给)了?|用)?(?P<m>{WITH}){_VERB}\s*(?P<n>{_N})\s*(?:元|块钱|块)?"
_AMOUNT = _unnamed(_AMOUNT_OF)
# the rest one way: 剩下的现金 · 其余用微信 · 余下刷卡
_REST_OF = rf"(?:剩下|其余|余下|剩余|其他|另外)的?(?:钱)?(?:用|走|付|是|给|收)?的?(?P<r>{WITH})"
_REST = _unnamed(_REST_OF) + r"(?:付的?|支付|收的?|结的?|转的?)?"
# the rest the last way, its name alone at the clause's end: 微信30现金 · 微信30,现金付的
_BARE = rf"(?:{WITH})(?:付的?|支付|收的?|结的?|转的?)?(?=\s*(?:$|[,,。.!;;]))"
_SEP = r"\s*(?:[,,、+;;]|和|加|另外|再)?\s*"
SPLIT = re.compile(rf"(?:{_AMOUNT})(?:{_SEP}(?:{_AMOUNT}|{_REST}))*(?:{_SEP}(?:{_AMOUNT}|{_REST}|{_BARE}))")
_PART = re.compile(rf"{_AMOUNT_OF}|{_REST_OF}|(?P<b>{WITH})")   # (one of ``SPLIT``'s)
# one way and its money, a clause of its own (卖了手机壳2个,微信58): what was paid, that way
_ALONE = re.compile(rf"(?<=[,,;;\s])(?:{_AMOUNT})(?=\s*(?:$|[,,。.!;;]))")
# equal shares: 一半微信一半现金 · 一半微信,另一半现金 · 微信和现金各一半 · 微信付了一半,现金付了一半
_PAID = r"(?:付|收|转|扫|刷)?了?"
HALVES = re.compile(rf"一半(?:用|走|付|是)?(?P<a>{WITH})(?:付的?|支付)?[,,、\s]*另?一半(?:用|走|付|是)?(?P<b>{WITH})(?:付的?|支付)?"
                    rf"|(?P<c>{WITH})\s*(?:和|跟|、|加|\+)?\s*(?P<d>{WITH})各{_PAID}(?:一半|半)"
                    rf"|(?P<e>{WITH}){_PAID}一半[,,、\s]*(?:另外)?(?P<f>{WITH}){_PAID}(?:另)?一半")


# a sale paid several ways by the goods, not the money: 一瓶现金一瓶微信 · 3瓶微信2瓶现金 · 5个微信,其余现金
_COUNT_OF = (rf"(?P<n>{_N})\s*(?P<u>[^\W\d_元块钱毛角])(?:用|走|付|是)?的?(?P<m>{WITH})(?:付的?|支付|收的?|结的?|转的?)?"
             rf"|(?P<m2>{WITH})(?:付了?|收了?|支付了?)?\s*(?P<n2>{_N})\s*(?P<u2>[^\W\d_元块钱毛角])")   # (微信3个现金2个)
_COUNT = _unnamed(_COUNT_OF)
BY_COUNT = re.compile(rf"(?<![\d.])(?:{_COUNT})(?:{_SEP}(?:{_COUNT}))*(?:{_SEP}(?:{_COUNT}|{_REST}))")
_COUNT_PART = re.compile(rf"{_COUNT_OF}|{_REST_OF}")

Counted = tuple[tuple[str, Decimal | None, str], ...]   # each way, how many of the goods it paid for (None: the rest)


def by_count(masked: str, start: int = 0) -> tuple[re.Match[str], Counted] | None:
    """A sale paid several ways by how many of the goods each paid for (一瓶现金一瓶微信 · 3瓶微信2瓶现金 · 3瓶微信,剩下的
    现金), said from ``start``: the words and each way's (method, quantity and its unit as said; None: the rest)."""
    m = BY_COUNT.search(masked, start)
    if m is None:
        return None
    parts: list[tuple[str, Decimal | None, str]] = []
    for p in _COUNT_PART.finditer(m.group(0)):
        if p.group("r"):
            parts.append((PAID_WITH[p.group("r")], None, ""))
            continue
        v = numbers.value(p.group("n") or p.group("n2"))
        if v is None or v <= 0:
            return None
        parts.append((PAID_WITH[p.group("m") or p.group("m2")], v, p.group("u") or p.group("u2")))
    return (m, tuple(parts)) if len({k for k, _, _ in parts}) > 1 else None


def split(masked: str, start: int = 0) -> Split | None:
    """A sale paid several ways, said from ``start``: the words and each way's money (None: it took the rest, or an
    equal share). One way twice (微信60微信20) is the sum of both; one way with its money in a clause of its own
    (,微信58) is that way's, all of it; one way else is none of this (``parser._paid_by`` reads it)."""
    m = SPLIT.search(masked, start) or _ALONE.search(masked, start)
    if m is not None:
        parts: dict[str, Decimal | None] = {}   # (in the order said)
        for p in _PART.finditer(m.group(0)):
            if p.group("r") or p.group("b"):
                parts.setdefault(PAID_WITH[p.group("r") or p.group("b")], None)
                continue
            v = numbers.value(p.group("n"))
            if v is None or v <= 0:
                return None
            k = PAID_WITH[p.group("m")]
            parts[k] = (parts.get(k) or Decimal(0)) + v
        return (m, tuple(parts.items())) if len(parts) > 1 or m.re is _ALONE else None
    h = HALVES.search(masked, start)
    if h is not None:
        a, b = (PAID_WITH[x] for x in (h.group("a") or h.group("c") or h.group("e"),
                                         h.group("b") or h.group("d") or h.group("f")))
        return (h, ((a, None), (b, None))) if a != b else None
    return None
