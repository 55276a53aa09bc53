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
_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,])")   # 1,000个 · 12,500元
SEPARATORS = ",;.!?、/\n"


def normalize(text: str) -> str:
    """NFKC (full-width → ASCII), unified punctuation, no control characters, single spaces, lower-case Latin."""
    text = unicodedata.normalize("NFKC", text[: MAX_CHARS * 2])
    text = "".join(ch if (ch.isprintable() or ch == " ") else " " for ch in text)
    text = text.translate(_PUNCT)
    text = _THOUSANDS.sub(lambda m: m.group(0).replace(",", ""), text)
    text = _SPACE.sub(" ", text).strip()
    return text[:MAX_CHARS].lower()


def is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def is_latin_word(s: str) -> bool:
    return bool(s) and all("a" <= c <= "z" for c in s)
