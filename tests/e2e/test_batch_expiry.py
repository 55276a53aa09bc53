"""When goods just received expire, said after the receipt (这批牛奶保质期3天 · 刚收的牛奶6月18号过期), and a receipt's
lot and expiry kept when the receipt is corrected (they were lost: the corrected goods joined the day's plain lot)."""
from __future__ import annotations

from tests.e2e.conftest import texts


def lots(chat, sku: str = "B01") -> dict[str, tuple[float, str]]:
    """Each lot of the product at 徐汇店 with stock: its quantity and expiry day, read from the lots reply."""
    out = texts(chat.say("amy", "牛奶批次" if sku == "B01" else "可颂批次"))
    found = {}
    for line in out.splitlines():
        if line.startswith("· 批次 "):
            code, rest = line[len("· 批次 "):].split(":", 1)
            found[code] = (float(rest.split("升")[0].split("个")[0]), rest.rsplit(",", 1)[-1].replace(" 到期", ""))
    return found


def test_the_expiry_said_after_a_receipt_makes_its_goods_a_lot_of_their_own(chat):
    chat.say("amy", "收到牛奶2箱")
    chat.say("zhou", "收到牛奶1箱")                                   # another's, the same day: left as it is
    assert lots(chat)["20260615"] == (36.0, "06-22")                  # the day's lot, the catalog's 7 days
    out = texts(chat.say("amy", "这批牛奶保质期3天"))                   # was: the stock
    assert "改为" in out and "06-18 到期" in out, out
    before = chat.stock()["XH:B01"]
    assert "06-18 到期" in texts(chat.press("amy", "确认"))
    assert chat.stock()["XH:B01"] == before                           # the same goods, only their lot
    held = lots(chat)
    assert held["20260615-0618"] == (24.0, "06-18") and held["20260615"] == (12.0, "06-22"), held
    out = texts(chat.say("amy", "刚收的牛奶6月18号过期"))                # what it is already: nothing changes
    assert "已经是这样记的了" in out, out
    out = texts(chat.say("amy", "this batch of milk expires on june 17"))
    chat.press("amy", "确认")
    assert lots(chat)["20260615-0617"] == (24.0, "06-17") and "20260615-0618" not in lots(chat), out
    out = texts(chat.say("amy", "这批牛奶过期了"))                        # goods gone off, no expiry: a loss asked
    assert "到期" not in out, out


def test_a_lot_named_by_its_code_keeps_it_and_takes_the_expiry(chat):
    chat.say("amy", "收到牛奶1箱,批号M1")
    out = texts(chat.say("amy", "这批牛奶后天到期"))
    assert "批次 M1,06-17 到期" in out, out
    chat.press("amy", "确认")
    assert lots(chat)["M1"] == (12.0, "06-17")
    out = texts(chat.say("amy", "这批黄油保质期3天"))                     # none received: said, nothing changes
    assert "没找到" in out, out


def test_a_corrected_receipt_keeps_its_lot_and_expiry(chat):
    out = texts(chat.say("amy", "收到牛奶2箱,保质期到6月20日"))
    assert "06-20 到期" in out, out                                   # said back (was not)
    chat.say("amy", "不对,是3箱")
    assert lots(chat)["20260615-0620"] == (36.0, "06-20")             # was: 36升 in the day's lot, 06-22
    chat.say("amy", "收到牛奶1箱,批号M1")
    out = texts(chat.say("amy", "不对,是2箱"))
    assert "批次 M1" in out, out
    assert lots(chat)["M1"] == (24.0, "06-22")                         # was: no lot M1 left


def test_a_bake_s_expiry_and_one_with_no_shelf_life(chat):
    chat.say("amy", "烤了可颂20个")
    out = texts(chat.say("amy", "这批可颂保质期1天"))
    chat.press("amy", "确认")
    assert lots(chat, "B09")["20260615-0616"] == (20.0, "06-16"), out
    chat.say("amy", "收到纸杯1条")
    out = texts(chat.say("amy", "这批纸杯生产日期6月1日"))               # no shelf life known: how long, asked
    assert "保质期" in out and "改为" not in out, out
