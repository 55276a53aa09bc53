"""A printable sheet of shelf price tags (workflows/pricetags.py says what each tag says): three to a row on A4,
the name large, the price (the price on offer large and red, the list price small beside it), the promotion's terms
and days, the barcode's digits. PNG at 150 dpi, drawn with matplotlib and the CJK font the charts use."""
from __future__ import annotations

import io
import warnings
from collections.abc import Sequence

from workflows.pricetags import Tag

PER_ROW = 3


def sheet(tags: Sequence[Tag]) -> bytes:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import Rectangle

    from adapters.forecasting import charts

    font = charts.cjk_font()
    family = {"family": [font, "DejaVu Sans"]} if font else {}
    rows = max(1, (len(tags) + PER_ROW - 1) // PER_ROW)
    fig, axes = plt.subplots(rows, PER_ROW, figsize=(8.27, 2.0 * rows), squeeze=False)
    for ax in axes.flat:
        ax.axis("off")
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
    fig.tight_layout()   # (before the words: the struck-out price's line is measured in the axes' final size)
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")   # missing glyphs when no CJK font is installed
        for ax, tag in zip(axes.flat, tags, strict=False):
            on_offer = bool(tag.offer or tag.terms)
            ax.add_patch(Rectangle((0.02, 0.02), 0.96, 0.96, fill=False, linewidth=1.2,
                                   edgecolor="#c00" if on_offer else "#333"))
            ax.text(0.06, 0.84, tag.name, fontsize=13, fontweight="bold", va="center", fontdict=family)
            if tag.offer:
                ax.text(0.06, 0.55, f"{tag.offer}/{tag.unit}", fontsize=20, color="#c00", fontweight="bold",
                        va="center", fontdict=family)
                was = ax.text(0.94, 0.55, tag.price, fontsize=9, color="#777", va="center", ha="right", fontdict=family)
                box = was.get_window_extent(renderer).transformed(ax.transData.inverted())
                ax.plot([box.x0, box.x1], [0.55, 0.55], color="#777", linewidth=0.8)   # (the list price struck out)
            else:
                ax.text(0.06, 0.55, f"{tag.price}/{tag.unit}", fontsize=20, fontweight="bold", va="center",
                        fontdict=family)
            if tag.terms:
                ax.text(0.06, 0.30, tag.terms, fontsize=10, color="#c00", va="center", fontdict=family)
            foot = "  ".join(x for x in (tag.days, tag.code) if x)
            if foot:
                ax.text(0.06, 0.12, foot, fontsize=7, color="#555", va="center", fontdict=family)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=150)
    plt.close(fig)
    return buf.getvalue()
