import copy
from datetime import date, timedelta
from decimal import Decimal

import pytest

from adapters.forecasting import charts


def test_the_chart_is_a_png_with_history_and_band():
    hist = [(date(2024, 1, 1) + timedelta(days=i), Decimal(i % 5)) for i in range(30)]
    fc = [{"date": date(2024, 1, 31) + timedelta(days=i), "qty": 2.0, "q10": 1.0, "q90": 3.5} for i in range(7)]
    png = charts.chart_png(history=hist, forecast=fc, title="可乐 未来一周预测", unit="瓶")
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 5000


def test_an_empty_chart_still_renders():
    assert charts.chart_png(history=[], forecast=[], title="")[:4] == b"\x89PNG"


CHART_TEXT = "可乐未来一周预测历史销量区间瓶"


def _font_file(family: str) -> str:
    from matplotlib import font_manager

    return str(font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False))


def test_the_chart_font_has_a_glyph_for_every_chinese_character_it_draws():
    family = charts.cjk_font()
    if family is None:
        pytest.skip("no Chinese font installed (Debian: apt-get install fonts-noto-cjk; `make` does it as root)")
    from matplotlib import ft2font

    charmap = ft2font.FT2Font(_font_file(family)).get_charmap()
    missing = [c for c in CHART_TEXT if ord(c) not in charmap]
    assert missing == [], f"{family} cannot draw {missing}"


def test_a_font_installed_after_matplotlibs_font_cache_was_built_is_still_found():
    from matplotlib import font_manager

    if charts.cjk_font() is None:
        pytest.skip("no Chinese font installed (Debian: apt-get install fonts-noto-cjk; `make` does it as root)")
    stale = copy.deepcopy(font_manager.fontManager)   # as cached before the CJK font was installed
    stale.ttflist = [f for f in stale.ttflist if charts._known_cjk(_Only(f)) is None]
    assert charts._known_cjk(stale) is None
    assert charts.find_cjk_font(stale) is not None


class _Only:
    """A font list of one entry, to ask whether that entry is a CJK family."""

    def __init__(self, entry: object) -> None:
        self.ttflist = [entry]
