"""PNG chart of one product: recent history plus the forecast median and its 10–90% band.

Chinese text needs a CJK font. We look for one that is installed (Debian: fonts-noto-cjk, which ``make``
installs where it can, or fonts-wqy-zenhei). matplotlib keeps a cached list of the system's fonts, built the
first time it ran: a font installed after that is not in it, so when the list has no CJK font we look among the
font files on the system and add the CJK ones. Without any the chart still renders and the missing glyphs show
as boxes.
"""
from __future__ import annotations

import functools
import io
import warnings
from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Serif CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei",
                "WenQuanYi Micro Hei", "Droid Sans Fallback", "AR PL UMing CN", "SimHei", "Microsoft YaHei")


# parts of the file names of fonts that draw Chinese (Noto/Source Han, WenQuanYi, Droid fallback, AR PL, SimHei, YaHei)
CJK_FILES = ("cjk", "wqy", "sourcehan", "droidsansfallback", "uming", "ukai", "simhei", "msyh")


@functools.cache
def cjk_font() -> str | None:
    """The first installed font family that can draw Chinese, or None."""
    from matplotlib import font_manager

    return find_cjk_font(font_manager.fontManager)


def find_cjk_font(manager: Any) -> str | None:
    """A Chinese-capable family known to matplotlib's font ``manager``; when it knows none (its cached list
    predates the font's installation), the system's CJK font files are added to it first."""
    from matplotlib import font_manager

    found = _known_cjk(manager)
    if found is None:
        for path in font_manager.findSystemFonts():
            if any(part in path.lower().replace(" ", "").replace("-", "") for part in CJK_FILES):
                try:
                    manager.addfont(path)
                except (OSError, RuntimeError, ValueError):   # a font file FreeType cannot read
                    continue
        found = _known_cjk(manager)
    return found


def _known_cjk(manager: Any) -> str | None:
    installed = {f.name for f in manager.ttflist}
    for family in CJK_FAMILIES:
        if family in installed:
            return family
    for f in manager.ttflist:  # any other CJK-looking font
        if "CJK" in f.name or "Hei" in f.name or "Song" in f.name:
            return str(f.name)
    return None


def _f(v: Any) -> float:
    return float(v) if v is not None else 0.0


def labels(t: Any, lang: str | None = None) -> dict[str, str]:
    """The legend's texts in ``lang`` from the translator ``t`` (``locales``)."""
    return {part: t(f"forecast.chart_{part}", lang) for part in ("history", "band", "median")}


def chart_png(*, history: Sequence[tuple[date, Decimal | float]], forecast: Sequence[Mapping[str, Any]],
              title: str = "", days_shown: int = 56, unit: str = "", legend: Mapping[str, str] | None = None) -> bytes:
    """History (last ``days_shown`` days) as bars, forecast median as a line inside its q10–q90 band.

    ``legend`` names the three (``labels``); in the default language (Chinese) without it."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    import locales

    names = legend or labels(locales.Translator.load())

    font = cjk_font()
    rc = {"family": [font, "DejaVu Sans"]} if font else {}
    fig = Figure(figsize=(8, 3.6), dpi=110)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(1, 1, 1)
    hist = sorted(history)[-days_shown:]
    if hist:
        days: Any = [d for d, _ in hist]
        ax.bar(days, [_f(q) for _, q in hist], color="#9bb7d4", width=0.8, label=names["history"])
    if forecast:
        ds = [r["date"] for r in forecast]
        mid = [_f(r.get("qty", r.get("q50"))) for r in forecast]
        lo = [_f(r.get("q10", m)) for r, m in zip(forecast, mid, strict=True)]
        hi = [_f(r.get("q90", m)) for r, m in zip(forecast, mid, strict=True)]
        ax.fill_between(ds, lo, hi, color="#f4a261", alpha=0.35, label=names["band"])
        ax.plot(ds, mid, color="#e76f51", marker="o", linewidth=2, label=names["median"])
    ax.set_title(title, fontdict=rc or None)
    if unit:
        ax.set_ylabel(unit, fontdict=rc or None)
    ax.set_ylim(bottom=0)
    ax.grid(axis="y", alpha=0.3)
    fig.autofmt_xdate()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # missing glyphs when no CJK font is installed
        if rc:
            ax.legend(loc="best", prop={"family": rc["family"]}, fontsize=8)
        else:
            ax.legend(loc="best", fontsize=8)
        buf = io.BytesIO()
        fig.tight_layout()
        fig.savefig(buf, format="png")
    return buf.getvalue()


def lines_png(series: Mapping[str, Sequence[tuple[Any, Decimal | float]]], *, title: str = "", unit: str = "") -> bytes:
    """A line with markers per named series of (when, value) points (a product's cost by supplier, over time)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    font = cjk_font()
    rc = {"family": [font, "DejaVu Sans"]} if font else {}
    fig = Figure(figsize=(8, 3.6), dpi=110)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(1, 1, 1)
    for name, points in series.items():
        pts = sorted(points, key=lambda p: p[0])
        ax.plot([p[0] for p in pts], [_f(v) for _, v in pts], marker="o", linewidth=1.6, label=name)
    ax.set_title(title, fontdict=rc or None)
    if unit:
        ax.set_ylabel(unit, fontdict=rc or None)
    ax.grid(axis="y", alpha=0.3)
    fig.autofmt_xdate()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # missing glyphs when no CJK font is installed
        if len(series) > 1:
            ax.legend(loc="best", prop={"family": rc["family"]} if rc else None, fontsize=8)
        buf = io.BytesIO()
        fig.tight_layout()
        fig.savefig(buf, format="png")
    return buf.getvalue()
