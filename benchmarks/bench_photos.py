"""Delivery notes' photos read on one machine: how often each line and each whole note come out right, and how long
a photo takes, over notes drawn with the catalog's goods at several tilts, sizes, JPEG qualities and blurs.

Each note is drawn (Pillow, the system's Chinese font), OCR'd (RapidOCR, as `serve` reads photos) and read
(`nlu.delivery.read`); a line is right when its name, quantity, unit, price and amount all are, a note when every line
and its total are. Prints one line per condition and the totals.
"""
from __future__ import annotations

import io
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PIL import Image, ImageFilter  # noqa: E402

from adapters.ocr import PhotoReader  # noqa: E402
from nlu import delivery  # noqa: E402
from tests.e2e.notes import drawn  # noqa: E402

GOODS = [("全脂牛奶", "箱"), ("淡奶油", "盒"), ("高筋面粉", "袋"), ("咖啡豆", "包"), ("白砂糖", "袋"), ("鸡蛋", "板"),
         ("黄油", "块"), ("纸杯", "条"), ("菜籽油", "桶"), ("牛腩", "斤"), ("牛腱子", "斤"), ("五花肉", "斤"),
         ("鸡翅", "公斤"), ("土豆", "斤"), ("西红柿", "箱"), ("青椒", "斤"), ("草鱼", "条"), ("豆腐", "板"),
         ("大米", "袋"), ("可乐", "箱")]
CONDITIONS: list[tuple[float | str, float, int | None, float]] = [  # (tilt °, scale, JPEG quality or None for PNG, blur)
    (0, 1.0, None, 0), (2, 1.0, 85, 0), (-3, 1.0, 85, 0), (5, 1.0, 85, 0), (-5, 1.0, 85, 0),
    (2, 0.6, 70, 0), (2, 2.5, 85, 0), (-2, 1.0, 50, 0), (3, 1.0, 85, 1.2), (-1, 0.8, 60, 1.0),
    (180, 1.0, 85, 0), (90, 1.0, 85, 0),   # (turned, and no EXIF to say so)
    ("table", 0.06, 80, 0.6), ("table", 0.12, 80, 0.6)]   # on a table, in perspective (k of its width), lit aside
PER = 6   # notes per condition


def note(rng: random.Random) -> tuple[list[list[str]], Decimal]:
    rows, total = [], Decimal(0)
    for name, unit in rng.sample(GOODS, rng.randint(2, 6)):
        qty = Decimal(rng.choice([1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 50]))
        if unit in ("斤", "公斤") and rng.random() < 0.3:
            qty += Decimal("0.5")
        price = Decimal(rng.randint(150, 20000)) / 100
        amount = (qty * price).quantize(Decimal("0.01"))
        total += amount
        rows.append([name, "", unit, f"{qty}", f"{price:.2f}", f"{amount:.2f}"])
    return rows, total


def picture(rows: list[list[str]], total: Decimal, tilt: float | str, scale: float, quality: int | None,
            blur: float) -> bytes:
    if tilt == "table":
        return on_a_table(drawn(rows, total=f"合计:¥{total:.2f}", tilt=1), scale)
    png = drawn(rows, total=f"合计:¥{total:.2f}", tilt=float(tilt), scale=scale)
    if quality is None and not blur:
        return png
    im = Image.open(io.BytesIO(png)).convert("RGB")
    if blur:
        im = im.filter(ImageFilter.GaussianBlur(blur))
    out = io.BytesIO()
    im.save(out, "JPEG", quality=quality or 90)
    return out.getvalue()


def on_a_table(png: bytes, k: float) -> bytes:
    """The note lying on a dark table, photographed from above and to one side (a trapezoid ``k`` of its width
    narrower at the top), lit from one side, slightly out of focus."""
    import numpy as np
    from PIL import ImageDraw

    im = Image.open(io.BytesIO(png)).convert("RGB")
    w, h, pad, d = im.width, im.height, 120, int(im.width * k)
    table = Image.new("RGB", (w + 2 * pad, h + 2 * pad), (90, 80, 70))
    corners = [(pad + d, pad), (pad + w - d // 3, pad + d // 4), (pad + w, pad + h), (pad, pad + h - d // 4)]
    rows = []
    for (x, y), (sx, sy) in zip(corners, [(0, 0), (w, 0), (w, h), (0, h)], strict=True):
        rows += [[x, y, 1, 0, 0, 0, -sx * x, -sx * y], [0, 0, 0, x, y, 1, -sy * x, -sy * y]]
    mapping = np.linalg.solve(np.array(rows, float), np.array([0, 0, w, 0, w, h, 0, h], float)).tolist()
    page = im.transform(table.size, Image.Transform.PERSPECTIVE, mapping, Image.Resampling.BICUBIC)
    mask = Image.new("L", table.size, 0)
    ImageDraw.Draw(mask).polygon(corners, fill=255)
    table.paste(page, (0, 0), mask)
    light = Image.linear_gradient("L").rotate(90).resize(table.size).point(lambda v: 150 + v * 105 // 255)
    table = Image.composite(table, Image.new("RGB", table.size, (0, 0, 0)), light)
    out = io.BytesIO()
    table.filter(ImageFilter.GaussianBlur(0.6)).save(out, "JPEG", quality=80)
    return out.getvalue()


def main() -> None:
    from adapters.forecasting import charts
    if charts.cjk_font() is None:   # (the notes are drawn in a Chinese font: Debian's fonts-noto-cjk)
        print("skipped: no Chinese font installed to draw the notes with")
        return
    reader = PhotoReader()
    rng = random.Random(20261205)
    t0 = time.perf_counter()
    reader(picture(*note(rng), 0, 1.0, None, 0))
    print(f"first photo (model load + read): {time.perf_counter() - t0:.2f} s")
    names = {name for name, _ in GOODS}
    times, lines_right, lines_all, notes_right, notes_all, mended = [], 0, 0, 0, 0, 0
    for tilt, scale, quality, blur in CONDITIONS:
        ok_l = n_l = ok_n = 0
        for _ in range(PER):
            rows, total = note(rng)
            image = picture(rows, total, tilt, scale, quality, blur)
            t = time.perf_counter()
            read = delivery.read(reader(image))
            times.append(time.perf_counter() - t)
            want = [(r[0], Decimal(r[3]), r[2], Decimal(r[4]), Decimal(r[5])) for r in rows]
            got = [(r.name, r.qty, r.unit, r.price, r.amount) for r in read.rows]
            right = sum(1 for w in want if w in got)
            fixed, _ = delivery.mended(read, names)   # (as the chat takes them: a look-alike character mended)
            mended += sum(1 for w in want if w in [(r.name, r.qty, r.unit, r.price, r.amount) for r in fixed.rows])
            ok_l += right
            n_l += len(want)
            ok_n += right == len(want) and len(got) == len(want) and read.total == total
        lines_right += ok_l
        lines_all += n_l
        notes_right += ok_n
        notes_all += PER
        if tilt == "table":
            print(f"on a table in perspective (k {scale}), lit from one side, JPEG q{quality}: lines {ok_l}/{n_l}, "
                  f"notes {ok_n}/{PER}")
            continue
        turn = {180: "upside down", 90: "a quarter turned"}.get(int(tilt), f"tilt {int(tilt):+d}°")
        print(f"{turn} scale {scale} {'PNG' if quality is None else f'JPEG q{quality}'}"
              f"{f' blur {blur}' if blur else ''}: lines {ok_l}/{n_l}, notes {ok_n}/{PER}")
    times.sort()
    print(f"lines right {lines_right}/{lines_all} ({lines_right / lines_all:.1%}), whole notes right "
          f"{notes_right}/{notes_all} ({notes_right / notes_all:.1%}); lines right once look-alike characters are "
          f"mended against the catalog's names (as the chat does): {mended}/{lines_all} ({mended / lines_all:.1%})")
    print(f"read per photo: p50 {statistics.median(times) * 1000:.0f} ms, "
          f"p95 {times[int(0.95 * (len(times) - 1))] * 1000:.0f} ms (OCR + layout, {len(times)} photos)")


if __name__ == "__main__":
    main()
