"""Numbers as people type them: 12, 0.8, 十二点五, 两, 一百二十, 半. cn2an runs on number spans only."""
from __future__ import annotations

import functools
import re
from decimal import Decimal, InvalidOperation

import cn2an

CN_CHARS = "零〇一二三四五六七八九十百千万"
# 两 is a numeral only at the start of a number (两箱, 两百); after a number it is the unit 两 (二两 = 2 两).
CN = rf"(?:两[{CN_CHARS}]*|[{CN_CHARS}]+)(?:点[零〇一二三四五六七八九]+)?"
ARABIC = r"\d+(?:\.\d+)?"
NUMBER = rf"(?:{ARABIC}|{CN})"
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


INDEX_WORDS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def index(text: str) -> int | None:
    """1, 第2个, 第三个 → 1-based index; None otherwise."""
    m = re.fullmatch(r"(?:第|选)?\s*(\d{1,2}|[一二两三四五六七八九十])\s*(?:个|项|种|号)?", text.strip())
    if not m:
        return None
    g = m.group(1)
    return int(g) if g.isdigit() else INDEX_WORDS.get(g)
