"""Lot traceability from the chat (追溯 · 召回 · 溯源码), the lot's public page, and the ledger's check (账本校验)."""
from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from decimal import Decimal as D
from urllib.parse import urlsplit

import httpx
import pytest
from sqlalchemy import text

from adapters.db import tables as t
from tests.conftest import DEMO, ROOT, T0, listening
from tests.e2e.conftest import Chat, foam_lattes, make_chat, serving, texts

PHONE = ROOT / "tests" / "nlu" / "fixtures" / "phone"


@pytest.fixture
def demo(tmp_path, monkeypatch) -> Chat:  # type: ignore[no-untyped-def]
    """The restaurant chain: a lot of beef from 张记 to the warehouse, part of it sent on to 南山店 and sold there."""
    c = make_chat(tmp_path, monkeypatch, catalog=DEMO)
    c.say("chen", "收到牛腩50斤,张记送的,批号ZJ0612")
    c.say("chen", "从大仓调20斤牛腩到南山店")
    c.say("xiaowang", "团餐拿了牛腩6斤")
    c.say("xiaowang", "卖了牛腩3斤")
    c.say("xiaowang", "报损牛腩1斤")
    return c


def test_a_lot_is_traced_from_its_supplier_through_each_store_to_each_customer(demo):
    out = texts(demo.say("liu", "追溯牛腩批号ZJ0612"))              # was: the stock of 牛腩, lots ignored
    for said in ("🔎 牛腩 批次 ZJ0612", "来源:06-15 张记肉业 送到中心仓 50斤", "调拨:06-15 中心仓 → 南山店 20斤",
                 "卖出:06-15 美团团餐 6斤(南山店)", "卖出:06-15 零售客人 3斤(南山店)", "报损:06-15 南山店 1斤",
                 "现存:中心仓 30斤(1箱+10)、南山店 10斤", "🔒 本批次 6 条记录与账本签名一致"):
        assert said in out, (said, out)
    # the same lot asked in other words: its code alone, or its product with 这批 when it has one lot
    assert "现存:中心仓 30斤(1箱+10)、南山店 10斤" in texts(demo.say("liu", "批号ZJ0612去哪了"))
    assert "🔎 牛腩 批次 ZJ0612" in texts(demo.say("liu", "这批牛腩是哪来的"))
    assert "美团团餐 6斤" in texts(demo.say("liu", "牛腩ZJ0612这批卖给谁了"))
    assert "🔎 牛腩 批次 ZJ0612" in texts(demo.say("liu", "张记送的那批牛腩去哪了"))   # by its supplier
    assert "没有绿源蔬菜送来的牛腩批次" in texts(demo.say("liu", "绿源送的那批牛腩去哪了"))
    out = texts(demo.say("liu", "牛腩卖给谁了"))                     # no lot said: this month's buyers of it
    assert "美团团餐" in out and "追溯" not in out, out


def test_a_recall_says_whom_to_call_and_what_to_pull_and_an_undone_sale_is_no_part_of_it(demo):
    demo.say("xiaowang", "卖了牛腩2斤")
    demo.say("xiaowang", "撤销")                                    # undone: never sold, never to call
    out = texts(demo.say("liu", "召回批号ZJ0612的牛腩"))
    assert "🚨 召回 牛腩 批次 ZJ0612:共进 50斤(2箱+10),已卖出 9斤,现存 40斤(2箱)" in out, out
    assert "要通知的客户:美团团餐 6斤、零售客人 3斤" in out, out
    assert "要下架的库存:中心仓 30斤(1箱+10)、南山店 10斤" in out, out
    assert "要把批次 ZJ0612 全部下架报损吗?中心仓 30斤(1箱+10)、南山店 10斤" in out, out   # a manager's, asked
    before = demo.stock()
    out = texts(demo.press("liu", "确认"))
    assert "中心仓报损 牛腩 30斤(1箱+10)(召回批次ZJ0612); 南山店报损 牛腩 10斤(召回批次ZJ0612)" in out, out
    after = demo.stock()
    assert after["WH:P001"] == before["WH:P001"] - 30 and after["NS:P001"] == before["NS:P001"] - 10
    pulled = [m for m in demo.export("moves") if m["kind"] == "scrap" and m["note"] == "召回批次ZJ0612"]
    assert {(m["from"], m["lot"], m["qty"]) for m in pulled} == {("WH", "ZJ0612", "30"), ("NS", "ZJ0612", "10")}
    assert "现存:已无库存" in texts(demo.say("liu", "追溯牛腩批号ZJ0612"))
    demo.say("liu", "撤销")                                            # one undo puts the whole pull back
    assert demo.stock() == before
    out = texts(demo.say("chen", "召回批号ZJ0612的牛腩"))               # a purchaser: told, not asked
    assert "要通知的客户" in out and "全部下架报损吗" not in out, out


def test_staff_may_not_see_a_lots_customers_but_may_print_its_code_whose_page_shows_no_price(demo):
    out = demo.say("xiaowang", "追溯牛腩批号ZJ0612")
    assert "没有这个权限" in texts(out), out
    out = demo.say("xiaowang", "牛腩ZJ0612的溯源码")
    assert "📱 牛腩 批次 ZJ0612 的溯源页:" in texts(out), out
    assert any(str(m.get("image", "")).startswith("<png ") for m in out), out   # the QR code, sent as a picture
    said_url = texts(out).split("溯源页:")[1].split()[0]
    c = demo.container
    url_of_code, png = c.conversation.lot_code("P001", "ZJ0612")
    assert url_of_code == said_url and png.startswith(b"\x89PNG")
    path = urlsplit(said_url).path
    with c.uow() as uow:                                              # a cold-chain sensor's readings on the lot
        for k, v in enumerate(("2.5", "4.0", "3.1")):
            uow.catalog.s.add(t.LotReading(tenant_id=uow.tenant_id, sku="P001", lot="ZJ0612", metric="temperature",
                                           value=Decimal(v), at=T0 + timedelta(hours=k), source="mqtt"))
        uow.commit()
    with serving(c) as url:
        page = httpx.get(url + path)
        assert page.status_code == 200
        for said in ("牛腩", "ZJ0612", "张记肉业", "3 次记录,2.5–4℃", "6 条记录与账本签名一致"):
            assert said in page.text, (said, page.text)
        for never in ("美团团餐", "价", "小王", "¥"):
            assert never not in page.text, never
        assert "Best before" not in page.text and "Product trace" in httpx.get(
            url + path, headers={"accept-language": "en-US"}).text
        forged = path.rsplit("/", 1)[0] + "/" + "0" * 20                  # a guessed signature
        assert httpx.get(url + forged).status_code == 404
        other = path.replace("/ZJ0612/", "/ZJ0613/")                     # another lot under this lot's signature
        assert httpx.get(url + other).status_code == 404
    assert "温度:3 次读数,2.5–4℃" in texts(demo.say("liu", "追溯牛腩批号ZJ0612"))


def test_a_lot_used_by_a_recipe_traces_to_the_drinks_made_and_their_customers_and_back(chat):
    chat.say("zhou", "新增商品拿铁,单位杯,售价28")
    chat.press("zhou", "确认")
    chat.say("zhou", "每杯拿铁用牛奶200毫升、咖啡豆18克")
    chat.press("zhou", "确认")
    chat.say("amy", "收到牛奶2箱,批号M1,光明送的")
    chat.say("amy", "盒马拿了拿铁10杯")
    chat.say("amy", "拿铁卖了5杯")
    out = texts(chat.say("zhou", "追溯牛奶批号M1"))
    assert "做成:拿铁 批次 20260615(06-15,当天该批共做 15杯)" in out, out
    out = texts(chat.say("zhou", "召回批号M1"))
    assert "本品没有直接卖出" in out and "用它做成的 拿铁 批次 20260615:卖给 盒马 10杯、零售客人 5杯" in out, out
    out = texts(chat.say("zhou", "追溯拿铁"))                        # its one lot, made from the milk's
    assert "来源:06-15 徐汇店自制 15杯" in out and "原料:全脂牛奶 批次 M1,用了 3升" in out, out


def test_a_product_with_several_lots_offers_them_and_a_day_or_a_button_picks_one(chat):
    chat.say("amy", "收到牛奶2箱,批号M1,光明送的")
    chat.send(at="2026-06-16T09:00:00+08:00")
    chat.say("amy", "收到牛奶1箱,批号M2,光明送的")
    out = chat.say("zhou", "追溯牛奶")
    assert "全脂牛奶 最近 2 个批次" in texts(out) and "· M2:06-16 光明乳业" in texts(out), out
    assert [b for row in out[0]["buttons"] for b in row] == ["M2", "M1"]
    out = texts(chat.press("zhou", "M1"))
    assert "🔎 全脂牛奶 批次 M1" in out and "24升" in out, out
    out = texts(chat.say("zhou", "16号那批牛奶去哪了"))
    assert "🔎 全脂牛奶 批次 M2" in out and "12升" in out, out
    assert "没有全脂牛奶入库的批次" in texts(chat.say("zhou", "10号那批牛奶去哪了"))
    assert "没有找到批次 X9 的记录" in texts(chat.say("zhou", "追溯牛奶批号X9"))


def test_the_ledger_check_finds_a_changed_sale_and_an_earlier_fingerprint_proves_it(chat):
    chat.say("amy", "卖了可颂5个")
    out = texts(chat.say("zhou", "账本校验"))
    assert "🔒 账本完整:共" in out, out
    fingerprint = out.split("当前指纹:")[1].split("(")[0]              # "#25 3f9a1c2b4d5e"
    assert "没有这个权限" in texts(chat.say("amy", "账本校验"))
    chat.say("amy", "卖了可颂3个")
    out = texts(chat.say("zhou", f"核对账本指纹 {fingerprint}"))
    assert "✅ 指纹 " + fingerprint in out and "🔒 账本完整" in out, out
    with chat.container.uow() as uow:                                 # someone edits the first sale in the database
        uow.session.connection().execute(text("UPDATE move SET qty = 1 WHERE kind = 'sale' AND qty = 5"))
        uow.session.commit()
    out = texts(chat.say("zhou", f"核对账本指纹 {fingerprint}"))
    position = int(fingerprint.split()[0].lstrip("#"))
    assert f"⚠️ 账本第 {position} 条流水" in out and "⚠️ 指纹 " + fingerprint in out and "账本完整" not in out, out


def test_the_evening_summary_gives_managers_the_ledgers_fingerprint_which_later_proves_it(tmp_path, monkeypatch):
    demo = make_chat(tmp_path, monkeypatch, catalog=DEMO)
    demo.say("xiaowang", "卖了可乐5瓶")
    out = demo.send(at="2026-06-15T21:31:00+08:00")
    liu = next(m["text"] for m in out if m.get("to") == "liu" and "今日小结" in m.get("text", ""))
    assert "🔒 账本指纹 #" in liu, liu
    assert not any("账本指纹" in m.get("text", "") for m in out if m.get("to") == "xiaowang")   # staff: not theirs
    fingerprint = liu.split("账本指纹 ")[1].split("(")[0]
    demo.say("xiaowang", "卖了可乐2瓶")                                # the ledger goes on
    assert "✅ 指纹 " + fingerprint in texts(demo.say("liu", f"校验账本指纹 {fingerprint}"))


@pytest.mark.skipif(not listening(1883), reason="MQTT broker not reachable at 127.0.0.1:1883")
def test_serve_stores_a_sensors_readings_on_a_lot_and_ignores_other_tenants(tmp_path, monkeypatch):
    import time

    import paho.mqtt.client as mqtt

    monkeypatch.setenv("KUGUAN_MQTT_URL", "mqtt://127.0.0.1:1883")
    demo = make_chat(tmp_path, monkeypatch, catalog=DEMO)
    demo.say("chen", "收到牛腩50斤,张记送的,批号ZJ0612")
    demo.say("liu", "牛腩冷藏0到4度")
    demo.press("liu", "确认")
    c = demo.container
    with serving(c):
        time.sleep(0.5)                                                # subscribed
        pub = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2)
        pub.connect("127.0.0.1", 1883)
        pub.loop_start()
        pub.publish("kuguan/elsewhere/lots/P001/ZJ0612/temp_c", b"9.9", qos=1).wait_for_publish()
        for v in (b"3.5", b'{"value": 4.5}'):   # the second above 4℃: the cold chain's alert
            pub.publish("kuguan/default/lots/P001/ZJ0612/temp_c", v, qos=1).wait_for_publish()
        for _ in range(100):
            with c.uow(write=False) as uow:
                if uow.stock.lot_readings("P001", "ZJ0612"):
                    n = uow.stock.lot_readings("P001", "ZJ0612")[0][1]
                    if n == 2:
                        break
            time.sleep(0.05)
        pub.loop_stop()
    assert "温度:2 次读数,3.5–4.5℃" in texts(demo.say("liu", "追溯牛腩批号ZJ0612"))
    with c.uow(write=False) as uow:                                    # sent to the warehouse's (the owner), kept
        told = [m["text"] for m in uow.chat.recent_messages("boss") if "冷链超温" in (m.get("text") or "")]
    assert len(told) == 1 and "读数 4.5℃,要求 0–4℃" in told[0], told
    with c.uow(write=False) as uow:
        tenants = uow.session.connection().execute(text("SELECT code FROM tenant")).scalars().all()
    assert tenants == ["default"]                                      # no tenant made from a topic's name


def test_two_suppliers_goods_of_one_day_are_two_lots_and_a_recall_of_one_never_takes_in_the_other(tmp_path,
                                                                                                     monkeypatch):
    demo = make_chat(tmp_path, monkeypatch, catalog=DEMO)
    demo.say("chen", "收到牛腩50斤,张记送的")
    demo.say("chen", "收到牛腩20斤,绿源送的")                        # the same day: was the same lot as 张记's
    demo.say("chen", "收到牛腩10斤,张记送的")                        # 张记 again: its lot of the day
    lots = {(m["partner"], m["lot"]) for m in demo.export("moves") if m["kind"] == "receipt"}
    assert lots == {("S01", "20260615"), ("S02", "20260615-S02")}, lots
    out = demo.say("liu", "追溯牛腩")
    assert "· 20260615-S02:06-15 绿源蔬菜" in texts(out) and "· 20260615:06-15 张记肉业" in texts(out), out
    out = texts(demo.say("liu", "召回绿源送的那批牛腩"))
    assert "🚨 召回 牛腩 批次 20260615-S02:共进 20斤(1箱)" in out and "张记" not in out, out
    out = texts(demo.say("liu", "追溯牛腩批号20260615"))
    assert "来源:06-15 张记肉业 送到中心仓 60斤(3箱)" in out and "绿源" not in out, out


def test_a_lot_read_warmer_than_its_products_range_alerts_its_places_once_per_excursion(demo):
    from datetime import datetime

    from adapters import iot

    out = texts(demo.say("liu", "牛腩冷藏0到4度"))                   # was: not understood
    assert "储存温度" in out and "0–4℃" in out, out
    demo.press("liu", "确认")
    assert "📋 牛腩的储存温度:0–4℃" in texts(demo.say("xiaowang", "牛腩储存温度多少"))
    demo.say("liu", "牛腩温度不能超过5度")                            # one bound said: the other kept
    demo.press("liu", "确认")
    assert "0–5℃" in texts(demo.say("xiaowang", "牛腩要冷藏在几度"))
    out = texts(demo.say("liu", "牛腩温度不能低于8度"))                  # above the upper bound kept: refused
    assert "下限 8℃ 高于上限 5℃,没有修改" in out, out
    row = next(r for r in demo.export("products") if r["sku"] == "P001")
    assert (row["temp_min"], row["temp_max"]) == ("0", "5"), row            # exported as the import reads it
    c = demo.container

    def read(value: str, minute: int) -> list:  # type: ignore[type-arg]
        at = datetime.fromisoformat(f"2026-06-15T10:{minute:02d}:00+08:00")
        r = iot.parse("kuguan/default/lots/P001/ZJ0612/temp_c", value.encode(), now=at)
        return iot.ingest(c.uow, r, on_reading=c.on_reading, now=at)

    assert read("3.5", 0) == []
    sent = read("7.2", 5)                                              # out of range: the places holding it are told
    assert {n.to for n in sent} == {"liu", "boss"}, sent                # 南山店's manager; the warehouse's: the owner
    assert "🌡️ 冷链超温:牛腩 批次 ZJ0612 在 06-15 10:05 读数 7.2℃,要求 0–5℃。所在:南山店、中心仓" in sent[0].text, sent
    assert read("8.0", 10) == []                                       # still out: never twice
    assert read("4.0", 15) == []                                       # back inside
    assert len(read("6.1", 20)) == len(sent)                           # out again: a new alert
    assert read("5.5", 25) == []
    with c.uow(write=False) as uow:                                    # every reading kept, in and out of range
        assert uow.stock.lot_readings("P001", "ZJ0612")[0][:4] == ("temp_c", 6, D("3.5"), D("8.0"))
    demo.say("liu", "召回批号ZJ0612")                                   # none of it left anywhere …
    demo.press("liu", "确认")
    assert read("4.0", 35) == []
    assert {n.to for n in read("9.0", 40)} == {"boss"}                 # … the owners hear of the sensor still reading


def test_the_ledger_check_covers_the_audit_trail_and_finds_a_change_rewritten(demo):
    demo.say("liu", "牛腩售价改成30元一斤")                              # a manager's change of master data: audited
    demo.press("liu", "确认")
    out = texts(demo.say("liu", "账本校验"))
    assert "🔒 审计记录:共 1 条" in out and "签名全部一致" in out, out
    with demo.container.uow() as uow:                                  # someone edits who changed it, in the database
        uow.session.connection().execute(text("UPDATE audit SET actor = 'boss' WHERE actor = 'liu'"))
        uow.session.commit()
    out = texts(demo.say("liu", "账本校验"))
    assert "⚠️ 审计记录第" in out and "🔒 账本完整" in out, out          # the moves are intact; the audit trail is not


def test_a_recall_follows_what_was_made_from_the_lot_at_every_remove_and_pulls_it_too(chat):
    foam_lattes(chat)
    chat.say("amy", "收到牛奶2箱,批号M1,光明送的")
    chat.say("amy", "今天做了奶泡3升")                               # from the milk of lot M1 (FEFO: its expiry first)
    chat.say("amy", "盒马拿了拿铁10杯")                               # from that foam
    out = texts(chat.say("zhou", "召回批号M1"))
    assert "用它做成的 奶泡 批次 20260615:未卖出;现存 徐汇店 1.5升" in out, out
    assert "用它做成的 拿铁 批次 20260615:卖给 盒马 10杯;现存 已无库存" in out, out   # two removes away
    assert "徐汇店 全脂牛奶 20.4升(1箱+8.4)、徐汇店 奶泡 1.5升" in out, out
    out = texts(chat.press("zhou", "确认"))
    assert "徐汇店报损 全脂牛奶 20.4升(1箱+8.4)(召回批次M1); 徐汇店报损 奶泡 1.5升(召回批次M1)" in out, out
    assert chat.stock().get("XH:B11", 0) == 0


def test_a_trace_of_a_name_two_products_share_asks_which_and_goes_on_with_the_answer(tmp_path, monkeypatch):
    shop = make_chat(tmp_path, monkeypatch, catalog=PHONE)
    shop.say("xm", "收到苹果数据线2盒,批号D2")
    out = shop.say("lz", "追溯数据线批号D2")
    assert "「数据线」指哪一个" in texts(out), out
    out = texts(shop.say("lz", "苹果的"))                              # was: not understood
    assert "🔎 苹果数据线 批次 D2" in out and "20根(2盒)" in out, out


def test_a_trace_a_recall_and_the_ledger_check_in_english(chat):
    chat.say("zhou", "switch to English")
    chat.say("amy", "收到牛奶2箱,批号M1,光明送的")
    out = texts(chat.say("zhou", "trace milk lot M1"))
    assert "🔎 全脂牛奶, lot M1" in out and "Came in: 06-15 from 光明乳业 to 徐汇店, 24升(2箱)" in out, out
    out = texts(chat.say("zhou", "recall lot M1"))
    assert "🚨 Recall 全脂牛奶, lot M1" in out and "Write off all of lot M1 now?" in out, out
    chat.press("zhou", "Cancel")
    out = texts(chat.say("zhou", "check ledger"))
    assert "🔒 The ledger is intact" in out and "🔒 Audit trail:" in out, out


def test_this_lots_code_right_after_a_receipt_is_the_lot_it_made_or_a_choice_of_them(chat):
    chat.say("amy", "收到牛奶2箱,批号M1,光明送的")
    out = texts(chat.say("amy", "这批的溯源码"))                     # was: which lot?
    assert "📱 全脂牛奶 批次 M1 的溯源页" in out, out
    chat.say("amy", "收到牛奶1箱、奶油2盒")
    out = chat.say("amy", "打印这批的溯源码")
    assert [b for row in out[0]["buttons"] for b in row] == ["全脂牛奶 20260615", "淡奶油 20260615"], out
    assert "📱 淡奶油 批次 20260615 的溯源页" in texts(chat.press("amy", "淡奶油 20260615"))


def test_todays_labels_are_one_sheet_of_every_lot_received_or_made_at_the_store(chat):
    chat.say("amy", "收到牛奶2箱,批号M1,光明送的")
    chat.say("amy", "收到奶油2盒")
    chat.say("amy", "今天做了可颂20个")
    chat.say("bo", "收到牛奶1箱")                                     # another store's: not on 徐汇店's sheet
    chat.say("amy", "卖了可颂1个")
    out = chat.say("amy", "打印今天的溯源码")
    assert "🏷️ 徐汇店06-15 进货和自制的 3 个批次的溯源标签" in texts(out), out
    assert str(out[0].get("image", "")).startswith("<png ")
    with chat.container.uow(write=False) as uow:
        came = uow.stock.lots_came(T0.replace(hour=0), T0.replace(hour=0) + timedelta(days=1), location="XH")
    assert [(s, lot) for s, lot, _at, _p in came] == [("B01", "M1"), ("B02", "20260615"), ("B09", "20260615")]
    png = chat.container.conversation.lot_labels([(s, lot, f"{s} {lot}") for s, lot, _at, _p in came])
    assert png.startswith(b"\x89PNG")
    assert "没有带批次的进货或自制记录" in texts(chat.say("amy", "打印昨天的溯源码"))


def test_a_reading_is_kept_even_when_its_check_fails(demo):
    from datetime import datetime

    from adapters import iot

    c = demo.container
    at = datetime.fromisoformat("2026-06-15T10:00:00+08:00")
    r = iot.parse("kuguan/default/lots/P001/ZJ0612/temp_c", b"3.5", now=at)

    def broken(uow, reading, now):  # type: ignore[no-untyped-def]
        uow.chat.add_message(to="liu", text="half-sent", buttons=[], at=now)
        raise RuntimeError("a bug in a check")

    assert iot.ingest(c.uow, r, on_reading=broken, now=at) == []
    with c.uow(write=False) as uow:
        assert uow.stock.lot_readings("P001", "ZJ0612")[0][1] == 1        # the reading stands …
        assert not [m for m in uow.chat.recent_messages("liu") if m["text"] == "half-sent"]   # … the check's part does not
