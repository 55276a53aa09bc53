"""User-facing text. ``locales/<lang>/messages.json`` maps message keys to format strings."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DEFAULT = "zh_CN"
LANGUAGES = ("zh_CN", "en")


class Translator:
    def __init__(self, catalogs: dict[str, dict[str, str]]) -> None:
        self.catalogs = catalogs

    @classmethod
    def load(cls, root: Path | None = None) -> Translator:
        root = root or Path(__file__).parent
        return cls({lang: json.loads((root / lang / "messages.json").read_text("utf-8")) for lang in LANGUAGES})

    def __call__(self, key: str, lang: str | None = None, /, **params: Any) -> str:
        cat = self.catalogs.get(lang or DEFAULT) or self.catalogs[DEFAULT]
        text = cat.get(key) or self.catalogs[DEFAULT].get(key) or key
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            return text
