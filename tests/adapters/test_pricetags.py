"""The sheet of shelf price tags (adapters/pricetags.py): a PNG at A4 width, three tags to a row, a row more for
every three tags; a tag on offer drawn in red."""
from __future__ import annotations

import io

from PIL import Image

from adapters import pricetags
from workflows.pricetags import Tag


def picture(tags: list[Tag]) -> Image.Image:
    png = pricetags.sheet(tags)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    return Image.open(io.BytesIO(png)).convert("RGB")


def test_three_tags_a_row_at_a4_width_and_an_offer_in_red():
    plain = [Tag("苹果数据线", "根", "¥25.00")] * 3
    one_row, two_rows = picture(plain), picture([*plain, Tag("手机壳", "个", "¥29.00")])
    assert one_row.width == two_rows.width == 1240          # 8.27 in at 150 dpi
    assert two_rows.height == 2 * one_row.height

    def reds(img: Image.Image) -> int:
        return sum(1 for r, g, b in img.getdata() if r > 150 and g < 80 and b < 80)

    assert reds(one_row) == 0
    assert reds(picture([Tag("蓝牙耳机", "副", "¥99.00", "¥79.20", "打8折(优惠20%)")])) > 500
