"""牛奶的进价走势 · 牛奶这三个月的进价: every priced delivery of a product, newest first, its range, mean and change,
each supplier's mean, and a chart, through the real conversation."""
from __future__ import annotations

import io
from datetime import datetime

from PIL import Image

from bot.messages import Incoming
from tests.e2e.conftest import texts

# (day, words): milk from 光明 and 金龙鱼, priced per case of 12 升 or per 升; one receipt undone, one unpriced
DELIVERIES = [("2026-04-01", "收到牛奶2箱,光明送的,每箱60元"),      # 5.00 a 升
              ("2026-05-02", "收到牛奶1箱,金龙鱼送的,每箱54元"),    # 4.50
              ("2026-05-20", "收到牛奶3箱,光明送的,每箱66元"),      # 5.50
              ("2026-06-01", "收到牛奶1箱,光明送的,每箱72元"),      # 6.00, undone below
              ("2026-06-10", "收到牛奶1箱,光明送的")]               # no cost: not a point


def deliver(chat) -> None:  # type: ignore[no-untyped-def]
    for day, words in DELIVERIES:
        chat.container.clock.set(datetime.fromisoformat(f"{day}T10:00:00+08:00"))
        assert "已记录" in texts(chat.say("zhou", words))
        if day == "2026-06-01":
            assert "已撤销" in texts(chat.say("zhou", "撤销"))
    chat.container.clock.set(datetime.fromisoformat("2026-06-15T10:00:00+08:00"))


def test_each_priced_delivery_that_stands_with_range_mean_change_and_suppliers(chat):
    deliver(chat)
    reply = texts(chat.say("zhou", "牛奶的进价走势"))
    assert "📈 全脂牛奶近 90 天的进价(每升,共 3 次到货,最近的在前):" in reply
    body = reply.splitlines()
    assert body[1:4] == ["05-20 光明乳业 36升(3箱) ¥5.50", "05-02 金龙鱼粮油 12升(1箱) ¥4.50",
                         "04-01 光明乳业 24升(2箱) ¥5.00"]
    # (24 × 5 + 12 × 4.5 + 36 × 5.5) / 72 = 5.1667
    assert "最低 ¥4.50(05-02 金龙鱼粮油),最高 ¥5.50(05-20 光明乳业),按数量加权平均 ¥5.17。" in reply
    assert "比 04-01 那次:+10.0%(¥5.00 → ¥5.50)。" in reply
    assert "各供应商平均:金龙鱼粮油 ¥4.50(1次)、光明乳业 ¥5.30(2次)" in reply   # (24 × 5 + 36 × 5.5) / 60
    shorter = texts(chat.say("zhou", "牛奶最近30天的进价"))
    assert "近 30 天" in shorter and "共 1 次到货" in shorter and "05-20 光明乳业" in shorter and "最低" not in shorter


def test_the_chart_has_a_line_per_supplier(chat):
    deliver(chat)
    out = chat.container.conversation.handle_sync(Incoming(tenant="default", channel="test", chat_id="zhou",
                                                           username="zhou", text="牛奶进价趋势", message_id="p1"))
    assert out[0].image is not None
    picture = Image.open(io.BytesIO(out[0].image))
    assert picture.format == "PNG" and picture.size[0] > 400


def test_a_product_never_priced_says_so(chat):
    reply = texts(chat.say("zhou", "可颂历史进价"))
    assert reply == "近 90 天没有可颂带进价的到货记录。"
    assert not chat.say("zhou", "可颂历史进价")[0].get("image")


def test_in_english(chat):
    deliver(chat)
    chat.say("zhou", "switch to English")
    reply = texts(chat.say("zhou", "牛奶的进价走势"))
    assert "Lowest ¥4.50 (05-02 金龙鱼粮油), highest ¥5.50 (05-20 光明乳业), mean by quantity ¥5.17." in reply


def test_suppliers_compared_by_what_the_same_goods_cost(chat):
    deliver(chat)   # milk: 光明 24 at ¥5 and 36 at ¥5.50, 金龙鱼 12 at ¥4.50
    chat.say("zhou", "收到鸡蛋1板,光明送的,每板30元")     # eggs from one supplier only: nothing to compare
    reply = texts(chat.say("zhou", "哪个供应商最便宜")).splitlines()
    # all 60 升 from 光明 at 金龙鱼's ¥4.50: 24 × 0.50 + 36 × 1.00 = ¥48
    assert reply[0].startswith("⚖️ 近 90 天从两家以上供应商进过的 1 种货") and reply[0].endswith("约能省 ¥48.00:"), reply
    assert reply[1] == "· 全脂牛奶(每升):金龙鱼粮油 ¥4.50、光明乳业 ¥5.30,可省 ¥48.00", reply
    assert "比不了价" in texts(chat.say("zhou", "最近30天供应商比价"))
