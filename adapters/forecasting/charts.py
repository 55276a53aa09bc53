"""PNG chart of one product: recent history plus the forecast median and its 10–90% band.

Chinese text needs a CJK font. We look for one that is installed (Debian: fonts-noto-cjk, or
fonts-wqy-zenhei); without one the chart still renders and the missing glyphs show as boxes.
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


@functools.cache
def cjk_font() -> str | None:
    """The first installed font family that can draw Chinese, or None."""
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    for family in CJK_FAMILIES:
        if family in installed:
            return family
    for f in font_manager.fontManager.ttflist:  # any other CJK-looking font
        if "CJK" in f.name or "Hei" in f.name or "Song" in f.name:
            return str(f.name)
    return None


def _f(v: Any) -> float:
    return float(v) if v is not None else 0.0


def chart_png(*, history: Sequence[tuple[date, Decimal | float]], forecast: Sequence[Mapping[str, Any]],
              title: str = "", days_shown: int = 56, unit: str = "") -> bytes:
    """History (last ``days_shown`` days) as bars, forecast median as a line inside its q10–q90 band."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    font = cjk_font()
    rc = {"family": [font, "DejaVu Sans"]} if font else {}
    fig = Figure(figsize=(8, 3.6), dpi=110)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(1, 1, 1)
    hist = sorted(history)[-days_shown:]
    if hist:
        days: Any = [d for d, _ in hist]
        ax.bar(days, [_f(q) for _, q in hist], color="#9bb7d4", width=0.8, label="历史销量")
    if forecast:
        ds = [r["date"] for r in forecast]
        mid = [_f(r.get("qty", r.get("q50"))) for r in forecast]
        lo = [_f(r.get("q10", m)) for r, m in zip(forecast, mid, strict=True)]
        hi = [_f(r.get("q90", m)) for r, m in zip(forecast, mid, strict=True)]
        ax.fill_between(ds, lo, hi, color="#f4a261", alpha=0.35, label="预测区间 10–90%")
        ax.plot(ds, mid, color="#e76f51", marker="o", linewidth=2, label="预测")
    ax.set_title(title, fontdict=rc or None)
    if unit:
        ax.set_ylabel(unit, fontdict=rc or None)
    ax.set_ylim(bottom=0)
    ax.grid(axis="y", alpha=0.3)
    fig.autofmt_xdate()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # missing glyphs when no CJK font is installed
        if rc:
            ax.legend(loc="upper left", prop={"family": rc["family"]}, fontsize=8)
        else:
            ax.legend(loc="upper left", fontsize=8)
        buf = io.BytesIO()
        fig.tight_layout()
        fig.savefig(buf, format="png")
    return buf.getvalue()
