"""Normalisation of what users type: width, punctuation, control characters, spacing."""
from __future__ import annotations

import re
import unicodedata

MAX_CHARS = 2000  # longer messages are cut: nobody records stock in an essay

_PUNCT = str.maketrans({
    "，": ",", "；": ";", "：": ":", "。": ".", "！": "!", "？": "?", "（": "(", "）": ")",
    "、": "、", "～": "~", "【": "[", "】": "]", "“": '"', "”": '"', "‘": "'", "’": "'",
    "﹐": ",", "､": "、", "／": "/", "＊": "*", "×": "*",
})
_SPACE = re.compile(r"\s+")
_GLUED = re.compile(r"(?<![a-z0-9])([a-z]{3,})(\d+(?:\.\d+)?)(?=[\u4e00-\u9fff]|$)")   # kelong10个: a name, then its number
_LOT_BEFORE = re.compile(r"(?:批号|批次号?|lot|编号|型号|code)\s*[:#]?\s*$")   # 批号abc123: a code, kept whole
# 串号abc123、xyz456: each code of a serials' list, kept whole (possessive: no backtracking over a long list)
_SERIALS_BEFORE = re.compile(r"(?:串号|串码|序列号|机身号|机身码|sn码|sn号|s/n|(?<![a-z])sn(?![a-z0-9])|imei)[\s:#]*+(?:[a-z0-9-]++[\s、,/和及]*+)*+$")
_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,])")   # 1,000个 · 12,500元
SEPARATORS = ",;.!?、/\n"


# a list's item marks at the start of a line (1. · 2、 · 3) · ① · - · •): not quantities
_CIRCLED = re.compile(r"(?m)^[ \t]*[\u2460-\u2473][ \t]*")
_LIST_MARK = re.compile(r"(?m)^[ \t]*(?:\d{1,2}(?:[、)]|\.(?!\d))|[-*•·])[ \t]*")
_LINE_BREAKS = re.compile(r"[ \t]*(?:\r?\n[ \t]*)+")


_DOTTED_DATE = re.compile(r"(?<![\d.])(20\d{2})[./](\d{1,2})[./](\d{1,2})(?![\d.])")


def normalize(text: str) -> str:
    """NFKC (full-width → ASCII), unified punctuation, no control characters, single spaces, lower-case Latin;
    a list's item marks dropped and its lines separated like clauses (收货单:\n1. 牛奶 2箱\n2. 奶油 1箱)."""
    text = _CIRCLED.sub("", text[: MAX_CHARS * 2])
    text = unicodedata.normalize("NFKC", text)
    text = _LIST_MARK.sub("", text)
    text = _LINE_BREAKS.sub(",", text.strip())
    text = "".join(ch if (ch.isprintable() or ch == " ") else " " for ch in text)
    text = text.translate(_PUNCT)
    text = _THOUSANDS.sub(lambda m: m.group(0).replace(",", ""), text)
    text = _DOTTED_DATE.sub(r"\1-\2-\3", text)   # 2026.6.25到期: a date, written as 2026-6-25
    text = _SPACE.sub(" ", text).strip()[:MAX_CHARS].lower()
    return _GLUED.sub(lambda m: m.group(0) if _LOT_BEFORE.search(text, 0, m.start())
                      or _SERIALS_BEFORE.search(text, max(0, m.start() - 600), m.start()) else f"{m.group(1)} {m.group(2)}",
                      text)


def is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def is_latin_word(s: str) -> bool:
    return bool(s) and all("a" <= c <= "z" for c in s)
