"""Delivery notes drawn as a supplier prints them (Pillow, the system's Chinese font), photographed a little askew."""
from __future__ import annotations

import io
from collections.abc import Sequence

import pytest

HEADER = ("品名", "规格", "单位", "数量", "单价", "金额")
COLUMNS = (40, 260, 400, 520, 660, 820)


def font_file() -> str:
    """The path of a font that draws Chinese; the test skips, visibly, where none is installed."""
    from matplotlib import font_manager

    from adapters.forecasting import charts
    family = charts.cjk_font()
    if family is None:
        pytest.skip("no Chinese font installed (Debian's fonts-noto-cjk): a delivery note cannot be drawn")
    return str(font_manager.findfont(font_manager.FontProperties(family=family)))


def drawn(rows: Sequence[Sequence[str]], *, title: str = "光明乳业 送货单",
          meta: str = "日期:2026年6月15日   客户:徐汇店   单号:GM20260615-07", total: str | None = None,
          header: Sequence[str] = HEADER, tilt: float = 2.0, fmt: str = "PNG", scale: float = 1.0) -> bytes:
    """A note's picture: a title, a line of who/when/number, the table, the total and the signatures."""
    from PIL import Image, ImageDraw, ImageFont

    path = font_file()
    width, height = 1000, 300 + 50 * len(rows)
    im = Image.new("RGB", (width, height), "white")
    d = ImageDraw.Draw(im)
    big, small = ImageFont.truetype(path, 36), ImageFont.truetype(path, 24)
    d.text((width // 2 - 200, 20), title, font=big, fill="black")
    d.text((40, 90), meta, font=small, fill="black")
    y = 150
    d.line((30, y - 8, width - 30, y - 8), fill="black")
    for x, h in zip(COLUMNS, header, strict=False):
        d.text((x, y), h, font=small, fill="black")
    for r in rows:
        y += 50
        d.line((30, y - 8, width - 30, y - 8), fill="gray")
        for x, c in zip(COLUMNS, r, strict=False):
            d.text((x, y), c, font=small, fill="black")
    if total is not None:
        d.text((40, y + 60), total, font=small, fill="black")
    d.text((40, y + 110), "送货人:李师傅      收货人签字:", font=small, fill="black")
    if tilt:
        im = im.rotate(tilt, expand=True, fillcolor="white")
    if scale != 1.0:
        im = im.resize((round(im.width * scale), round(im.height * scale)))
    out = io.BytesIO()
    im.save(out, fmt, **({"quality": 85} if fmt == "JPEG" else {}))
    return out.getvalue()
