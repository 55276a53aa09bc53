"""Numbers as people type them: 12, 0.8, 十二点五, 两, 一百二十, 半. cn2an runs on number spans only."""
from __future__ import annotations

import functools
import re
from decimal import Decimal, InvalidOperation

import cn2an

CN_CHARS = "零〇一二三四五六七八九十百千万壹贰叁肆伍陆柒捌玖拾佰仟"   # with the financial forms (贰箱 · 壹佰贰拾个)
# 两 is a numeral only at the start of a number (两箱, 两百); after a number it is the unit 两 (二两 = 2 两).
# 俩 and 仨 (two, three) are whole numbers on their own.
CN = rf"(?:两[{CN_CHARS}]*|[{CN_CHARS}]+|俩|仨)(?:点[零〇一二三四五六七八九]+)?"
# 1百 · 2千 · 1.5万: digits times a Chinese power of ten (not 千克, a kilogram)
ARABIC = r"\d+(?:\.\d+)?"
SCALED = r"\d+(?:\.\d+)?(?:百|千(?!克)|万)"
# 1/2箱 · 四分之一袋: a fraction whose decimal ends (halves, quarters, fifths …; a third has no exact quantity)
FRACTION = r"\d+/\d+(?![\d/])|[一二三四五六七八九十]分之[一二三四五六七八九]"
NUMBER = rf"(?:{FRACTION}|{SCALED}|{ARABIC}|{CN})"
_SCALES = {"百": Decimal(100), "千": Decimal(1000), "万": Decimal(10000)}
_WHOLE = {"俩": Decimal(2), "仨": Decimal(3)}
_ARABIC_RE = re.compile(rf"^{ARABIC}$")
HALF = Decimal("0.5")


@functools.lru_cache(maxsize=1024)
def value(span: str) -> Decimal | None:
    """The value of one number span, or None when it is not a number."""
    span = span.strip()
    if not span:
        return None
    if span == "半":
        return HALF
    if span in _WHOLE:
        return _WHOLE[span]
    if "/" in span or "分之" in span:
        return _fraction(span)
    if span[-1] in _SCALES and _ARABIC_RE.match(span[:-1]):
        return Decimal(span[:-1]) * _SCALES[span[-1]]
    if _ARABIC_RE.match(span):
        try:
            return Decimal(span)
        except InvalidOperation:
            return None
    if len(span) > 24:
        return None
    try:
        out = cn2an.cn2an(span, "smart")
    except Exception:  # cn2an raises ValueError and friends on malformed spans
        return None
    try:
        return Decimal(str(out))
    except InvalidOperation:
        return None


SCALE_WORDS = {"万": Decimal(10000), "千": Decimal(1000)}


def scaled(span: str, scale: str | None) -> Decimal | None:
    """A number said with a scale word after it (3000 · 1.5万 · 2千: money, credit limits), or None."""
    v = value(span)
    return None if v is None else v * SCALE_WORDS.get(scale or "", Decimal(1))


def _fraction(span: str) -> Decimal | None:
    if "分之" in span:
        den, num = (value(x) for x in span.split("分之", 1))
    else:
        num, den = (value(x) for x in span.split("/", 1))
    if num is None or not den:
        return None
    out = num / den
    if out * den == num and len(str(out.normalize())) <= 12:
        return out
    # 三分之一箱: a third has no exact decimal; kept to 9 places, the line rounds it once it is in base units (8 of 24)
    return out.quantize(FRACTION_PLACES) if den <= 12 else None


FRACTION_PLACES = Decimal("1e-9")


def inexact(raw: str) -> bool:
    """The quantity was said as a fraction with no exact decimal (1/3箱 · 三分之二袋)."""
    return ("/" in raw or "分之" in raw) and any(
        (v := value(m.group(0))) is not None and v.as_tuple().exponent == FRACTION_PLACES.as_tuple().exponent
        for m in re.finditer(FRACTION, raw))


INDEX_WORDS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def index(text: str) -> int | None:
    """1, 第2个, 第三个, 就第二笔吧 → 1-based index; None otherwise."""
    m = re.fullmatch(r"(?:就|选)?(?:第|选)?\s*(\d{1,2}|[一二两三四五六七八九十])\s*(?:个|项|种|号|笔|条)?(?:吧|的|那笔|那个)?",
                     text.strip())
    if not m:
        return None
    g = m.group(1)
    return int(g) if g.isdigit() else INDEX_WORDS.get(g)
