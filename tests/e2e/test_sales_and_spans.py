"""Questions about what sold (这周可乐卖了多少), forecasts of named days (明天要备多少可乐, 可乐下周能卖多少) and why to
order (为什么要订可乐), answered from the ledger, the imported history and the prep list, in the user's language."""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from adapters import demo_seed
from tests.conftest import DEMO
from tests.e2e.conftest import confirmed, make_chat, texts

COLA = "P018"


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    chat = make_chat(tmp_path, monkeypatch, catalog=DEMO)   # Monday 2026-06-15 09:00
    with chat.container.uow() as uow:
        demo_seed.import_sales(uow, now=chat.container.clock.now())
        uow.commit()
    return chat


def history(chat, sku: str, first: date, last: date, location: str = "NS") -> int:  # type: ignore[no-untyped-def]
    """What the imported demo history holds for these days, summed independently of the reply."""
    now = chat.container.clock.now()
    return sum(int(r["qty"]) for r in demo_seed.sales_rows(now) if r["sku"] == sku and r["location"] == location
               and first <= date.fromisoformat(r["date"]) <= last)


def test_last_week_s_sales_are_summed_by_day_and_compared_with_the_week_before(demo):
    today = demo.container.clock.now().date()
    monday = today - timedelta(days=7)
    sunday = today - timedelta(days=1)
    text = demo.say("liu", "上周可乐卖了多少")[0]["text"]
    total = history(demo, COLA, monday, sunday)
    before = history(demo, COLA, monday - timedelta(days=7), sunday - timedelta(days=7))
    assert f"南山店可乐 {monday:%m-%d}至{sunday:%m-%d}共卖出 {total}瓶" in text, text
    assert f"比{monday - timedelta(days=7):%m-%d}至{sunday - timedelta(days=7):%m-%d}({before}瓶" in text, text
    pct = round((total - before) / before * 100)
    assert (f"多 {pct}%" if pct > 0 else f"少 {-pct}%" if pct < 0 else "持平") in text
    days = text.splitlines()[2:]
    assert [line.split()[1] for line in days] == ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]
    assert sum(int(re.search(r"(\d+)瓶", line).group(1)) for line in days) == total


def test_a_named_day_month_or_quarter_is_that_span(demo):
    """上周六 · 周六 (the last one gone by) · 5月份 · 第二季度: those days (before: the whole of last week, or today)."""
    saturday = date(2026, 6, 13)
    text = texts(demo.say("liu", "上周六可乐卖了多少"))
    assert text.startswith(f"📊 南山店可乐 06-13 卖出 {history(demo, COLA, saturday, saturday)}瓶"), text
    week_before = saturday - timedelta(days=7)
    assert f"比上周同日(06-06,{history(demo, COLA, week_before, week_before)}瓶)" in text, text
    assert texts(demo.say("liu", "周六可乐卖了多少")) == text
    may = history(demo, COLA, date(2026, 5, 1), date(2026, 5, 31))
    assert f"南山店可乐 05-01至05-31共卖出 {may}瓶" in texts(demo.say("liu", "5月份可乐卖了多少"))
    quarter = history(demo, COLA, date(2026, 4, 1), date(2026, 6, 14))
    assert f"南山店可乐 04-01至06-15共卖出 {quarter}瓶" in texts(demo.say("liu", "第二季度可乐卖了多少"))


def test_today_s_sales_come_from_the_ledger_and_an_undone_sale_no_longer_counts(demo):
    assert "没有卖出" in demo.say("liu", "今天可乐卖了多少")[0]["text"]
    demo.say("liu", "卖了可乐3瓶")
    demo.say("liu", "卖了可乐2瓶")
    assert "卖出 5瓶" in demo.say("liu", "今天可乐卖了多少")[0]["text"]
    demo.say("liu", "卖了可乐4瓶")
    demo.say("liu", "撤销")
    assert "卖出 5瓶" in demo.say("liu", "今天可乐卖了多少")[0]["text"]
    # the week so far: the imported Monday-to-Sunday history is last week's; this week is today's ledger only
    top = demo.say("liu", "这周卖了多少")[0]["text"]
    assert "销量前 1" in top and "1. 可乐 5瓶" in top, top
    demo.say("liu", "English")
    en = demo.say("liu", "今天可乐卖了多少")[0]["text"]
    assert "5瓶 sold on" in en and "卖出" not in en


def test_a_forecast_of_tomorrow_or_next_week_covers_exactly_those_days(demo):
    now: datetime = demo.container.clock.now()
    tomorrow = now.date() + timedelta(days=1)
    out = demo.say("liu", "明天要备多少可乐")[0]
    lines = out["text"].splitlines()
    assert len(lines) == 2 and lines[1].startswith(f"{tomorrow:%m-%d} 周二"), out["text"]
    assert out.get("image", "").startswith("<png")
    week = demo.say("liu", "可乐下周能卖多少")[0]["text"].splitlines()
    next_monday = now.date() + timedelta(days=7 - now.weekday())
    assert week[0].startswith(f"📈 可乐 {next_monday:%m-%d}至{next_monday + timedelta(days=6):%m-%d}预测合计")
    assert [line.split()[0] for line in week[1:]] == [f"{next_monday + timedelta(days=k):%m-%d}" for k in range(7)]
    total = float(re.search(r"合计 ([\d.]+)", week[0]).group(1))
    assert abs(total - sum(float(line.split()[2]) for line in week[1:])) < 0.1 * 7
    weekend = demo.say("liu", "这周末可乐要备多少")[0]["text"].splitlines()
    assert [line.split()[1] for line in weekend[1:]] == ["周六", "周日"]


def test_questions_about_what_runs_out_get_the_prep_list(demo):
    out = demo.say("liu", "哪些货快没了")[0]["text"]
    assert "备货清单" in out


def test_why_order_gives_the_product_s_line_of_the_prep_list_with_its_reasons(demo):
    enough = demo.say("liu", "为什么要订可乐")[0]
    assert "建议补 0瓶" in enough["text"] and "暂不需要补货" in enough["text"] and not enough["buttons"]
    left = demo.stock()["NS:P018"]
    demo.say("liu", f"报损:可乐{int(left) - 4}瓶")
    why = demo.say("liu", "可乐要补多少")[0]
    suggested = int(re.search(r"建议补 (\d+)瓶", why["text"]).group(1))
    assert suggested > 0 and suggested % 24 == 0 and "按整箱(24瓶/箱)取整" in why["text"], why["text"]
    assert not why["buttons"]                                # the whole list's purchase button is the prep list's
    listed = [line for line in demo.say("liu", "今日备货清单")[0]["text"].splitlines() if line.startswith("· 可乐")]
    assert listed == [why["text"].splitlines()[1]]           # the same line as on the prep list
    demo.say("liu", "English")
    assert "rounded up to whole 箱 (24瓶 each)" in demo.say("liu", "可乐要补多少")[0]["text"]


def cover_days(text: str) -> float:
    return float(re.search(r"还能卖约 ([\d.]+) 天", text).group(1))


def test_how_long_the_stock_lasts_moves_with_bookings_receipts_and_scrap(demo):
    first = demo.say("liu", "可乐还能卖几天")[0]["text"]
    assert first.startswith("⏳ 南山店可乐现有") and "预计" in first, first
    days = cover_days(first)
    demo.say("liu", "周三中午有40人包桌,要可乐30瓶")                   # the day after tomorrow
    booked = demo.say("liu", "可乐够卖几天")[0]["text"]
    assert "(含预订 30瓶" in booked and cover_days(booked) < days, (first, booked)
    demo.say("liu", "收到可乐5箱")
    more = demo.say("liu", "可乐还能卖几天")[0]["text"]
    assert cover_days(more) > cover_days(booked)
    left = demo.stock()["NS:P018"]
    demo.say("liu", f"报损:可乐{int(left)}瓶")
    assert "已经没货了" in demo.say("liu", "可乐什么时候卖完")[0]["text"]
    demo.say("liu", "English")
    assert "out of stock" in demo.say("liu", "可乐还能卖几天")[0]["text"]


def test_how_long_an_amount_said_lasts_is_that_amounts_cover(demo):
    """可乐3箱够用几天: how long those 72 bottles last from now (before: the stock on hand's cover, 3箱 ignored)."""
    on_hand = demo.say("liu", "可乐还能卖几天")[0]["text"]
    three = demo.say("liu", "可乐3箱够用几天")[0]["text"]
    ten = demo.say("liu", "可乐10箱够用几天")[0]["text"]
    assert three.startswith("⏳ 南山店可乐 72瓶(3箱),按预测从现在起够卖到") and "现有 " in three, three
    said = [float(re.search(r"约 ([\d.]+) 天", x).group(1)) for x in (three, ten)]
    assert said[0] < said[1] and said[0] > cover_days(on_hand) * 0.9, (on_hand, three, ten)   # (67 on hand < 72)
    demo.say("liu", "卖了可乐20瓶")   # (the stock less, today's demand still to come less: 72 from now lasts longer)
    after = demo.say("liu", "可乐3箱够用几天")[0]["text"]
    assert "现有 47瓶" in after and float(re.search(r"约 ([\d.]+) 天", after).group(1)) >= said[0], after


def test_one_day_s_sales_are_compared_with_the_same_day_a_week_before(demo):
    today = demo.container.clock.now().date()
    day, week_before = today - timedelta(days=1), today - timedelta(days=8)
    text = demo.say("liu", "昨天可乐卖了多少")[0]["text"]
    now, then = history(demo, COLA, day, day), history(demo, COLA, week_before, week_before)
    assert text.splitlines()[0].startswith(f"📊 南山店可乐 {day:%m-%d} 卖出 {now}瓶"), text
    assert f"比上周同日({week_before:%m-%d},{then}瓶" in text.splitlines()[1], text


def test_what_was_bought_this_month_sums_receipts_at_their_cost_by_product_and_supplier(chat):
    confirmed(chat, "amy", "收到牛奶2箱,单价5元")                 # ¥5 a litre (asked, as nothing says): ¥120
    chat.say("amy", "收到光明的奶油1箱,共120元")
    chat.say("amy", "收到鸡蛋2板")                                # no cost: counted apart
    confirmed(chat, "amy", "收到咖啡豆1箱,单价80元")
    chat.say("amy", "撤销")                                       # undone: not bought
    out = chat.say("zhou", "本月采购花了多少钱")
    text = texts(out)
    assert "¥240.00" in text and "3 种" in text and "无进价" in text and "1 笔" in text, text
    assert "光明乳业 ¥120.00" in text and "咖啡豆" not in text, text
    out = chat.say("zhou", "这周从光明进了多少货")
    assert "¥120.00" in texts(out) and "全脂牛奶" not in texts(out), texts(out)
    assert "没有进货" in texts(chat.say("zhou", "上个月进货花了多少"))


def test_stores_are_compared_side_by_side_by_what_they_brought_in(chat):
    chat.say("zhou", "可颂售价改为12元")
    chat.press("zhou", "确认")
    chat.say("amy", "卖了可颂5个")                                 # ¥60 at the list price
    chat.say("bo", "卖了可颂8个,每个10元")                        # ¥80 at the price said
    out = texts(chat.say("zhou", "静安店和徐汇店哪个卖得多"))
    assert "全部地点" in out and "按门店:静安店 ¥80.00(1种)、徐汇店 ¥60.00(1种)" in out, out
    out = texts(chat.say("owner", "各店可颂卖了多少"))
    assert "按门店:静安店 8个、徐汇店 5个" in out, out
    assert "按门店" not in texts(chat.say("amy", "今天卖了多少"))   # one store's own question: its own sales


def test_receipts_without_a_cost_are_valued_at_the_usual_cost_and_suppliers_ranked(tmp_path, monkeypatch):
    chat = make_chat(tmp_path, monkeypatch, catalog=DEMO)
    chat.say("chen", "张记送来牛腩2箱")                                  # no cost said: the catalog's ¥32 a 斤
    chat.say("chen", "绿源送来番茄2箱,单价4")                            # ¥4 a kg, said
    out = texts(chat.say("chen", "哪个供应商送得最多"))                   # was: not understood
    assert "¥1,320.00" in out and "张记肉业 ¥1,280.00、绿源蔬菜 ¥40.00" in out, out
    assert "1 笔入库没写进价" in out and "无进价" not in out, out


def test_clauses_of_one_kind_on_different_days_are_recorded_on_their_days_and_a_shortfall_is_said(tmp_path,
                                                                                                   monkeypatch):
    chat = make_chat(tmp_path, monkeypatch, catalog=DEMO)
    out = texts(chat.say("xiaowang", "可乐昨天卖了2箱,今天卖了1箱"))       # was: 3 cases, all yesterday
    assert "67瓶(2箱+19)" in out and "72瓶(3箱)" in out and "负数" in out, out   # together beyond the stock
    chat.press("xiaowang", "确认")
    sold: dict[str, float] = {}
    for m in chat.export("moves"):   # (a sale takes from several lots: a move each)
        if m["kind"] == "sale" and m["sku"] == "P018":
            sold[m["at"][:10]] = sold.get(m["at"][:10], 0.0) + float(m["qty"])
    assert sold == {"2026-06-14": 48.0, "2026-06-15": 24.0}, sold


def test_an_order_without_its_quantity_offers_the_prep_list_s_suggestion_as_the_order(demo):
    out = texts(demo.say("liu", "订可乐"))                                   # was: asked how many
    assert "建议补 0瓶" in out and "一定要订的话请说数量" in out and demo.export("orders") == [], out
    left = demo.stock()["NS:P018"]
    demo.say("liu", f"报损:可乐{int(left) - 4}瓶")
    out = demo.say("liu", "给张记下单可乐")                                  # the supplier named: its order
    suggested = int(re.search(r"建议补 (\d+)瓶", texts(out)).group(1))
    assert suggested > 0 and "按建议下单" in texts(out) and demo.export("orders") == [], out
    demo.press("liu", "确认")
    (order,) = demo.export("orders")
    assert order["kind"] == "purchase" and order["partner"] == "S01", order
    assert [(ln["sku"], float(ln["qty"])) for ln in order["lines"]] == [("P018", suggested)], order


def test_a_comparison_asked_for_sets_the_period_against_the_one_it_names(demo):
    """可乐比上周多卖了多少 is this week so far against the same days last week (before: last week alone); 这个月比上个月
    is June so far against the same days of May, with the money and the products that moved most."""
    today = demo.container.clock.now().date()   # a Monday: this week is today, so far
    demo.say("xiaowang", "卖了可乐12瓶")
    before = history(demo, COLA, today - timedelta(days=7), today - timedelta(days=7))
    text = texts(demo.say("liu", "可乐比上周多卖了多少"))
    assert text.startswith(f"📊 南山店可乐 {today:%m-%d} 卖出 12瓶"), text
    pct = round((12 - before) / before * 100)
    change = f"多 {pct}%" if pct > 0 else f"少 {-pct}%" if pct < 0 else "持平"
    assert f"{today:%m-%d} 12瓶,比{today - timedelta(days=7):%m-%d}({before}瓶" in text and change in text, text
    week = texts(demo.say("liu", "这周和上周比卖得怎么样")).splitlines()
    head = next(i for i, x in enumerate(week) if x.startswith("📈 和"))
    assert week[head] == f"📈 和{today - timedelta(days=7):%m-%d}比(今天只算到现在):", week
    assert week[head + 1].startswith("销售额 ¥60.00,那时 ¥"), week   # 12 bottles at ¥5
    moved = {}   # each product named as it moved, checked against the history's own sums
    for x in week[head + 2:]:
        assert x.startswith(("多卖的:", "少卖的:")), week
        for item in x.split(":", 1)[1].split("、"):
            moved[item.split(" ")[0]] = item.split(" ")[1]
    assert len(moved) >= 3
    if "可乐" in moved:
        assert moved["可乐"].startswith(f"{'+' if 12 > before else '-'}{abs(12 - before)}瓶"), moved
    month = texts(demo.say("liu", "这个月比上个月营业额怎么样")).splitlines()   # the history starts on 05-18
    # said with no sales word at all (before: not understood): the same answer
    assert texts(demo.say("liu", "这个月跟上个月比怎么样")).splitlines() == month
    head = next(i for i, x in enumerate(month) if x.startswith("📈 和"))
    assert month[head] == f"📈 和05-01至{today - timedelta(days=31):%m-%d}比(今天只算到现在):", month
    assert month[head + 1].startswith("销售额 ¥") and month[head + 1].endswith("(那时没有)"), month
    top = month[1].split(" ", 1)[1]   # nothing sold then: the best seller rose the most, by all it sold
    name, qty = top.split(" ")
    assert month[head + 2].startswith(f"多卖的:{name} +{qty}、"), month


def test_today_against_yesterday(demo):
    demo.say("xiaowang", "卖了可乐3箱")
    demo.press("xiaowang", "确认")
    text = texts(demo.say("liu", "今天比昨天卖得多吗"))
    yesterday = demo.container.clock.now().date() - timedelta(days=1)
    assert f"📈 和{yesterday:%m-%d}比(今天只算到现在):" in text, text
    # the comparison alone (before: not understood), and yesterday against the day before
    assert texts(demo.say("liu", "今天比昨天")) == texts(demo.say("liu", "今天比昨天怎么样"))
    before = texts(demo.say("liu", "昨天比前天"))
    assert f"📈 和{yesterday - timedelta(days=1):%m-%d}比" in before and "今天只算到现在" not in before, before


def test_the_products_by_their_margin_and_those_sold_at_a_loss(tmp_path, monkeypatch):
    chat = make_chat(tmp_path, monkeypatch, catalog=DEMO)
    assert "没有亏本卖出的商品" in texts(chat.say("liu", "哪些商品卖亏了"))
    assert "低于进价" in texts(chat.say("xiaowang", "卖了可乐10瓶,每瓶2元"))   # cost ¥2.50 a bottle: asked first
    chat.press("xiaowang", "确认")
    chat.say("xiaowang", "卖了牛腩5斤")                              # ¥48 against ¥32
    chat.say("xiaowang", "卖了雪碧3瓶")                              # ¥5 against ¥2.50
    chat.say("liu", "七喜售价改成2元")
    chat.press("liu", "确认")
    loss = texts(chat.say("liu", "哪些商品卖亏了")).splitlines()
    assert loss[1:] == ["· 可乐 10瓶:收入 ¥20.00,成本 ¥25.00,亏 ¥5.00(平均售价 ¥2.00/瓶,成本 ¥2.50/瓶)",
                        "⚠️ 目录售价低于进价:七喜(¥2.00 < ¥2.50)"], loss
    most = texts(chat.say("liu", "哪个商品最赚钱")).splitlines()
    assert [x.split(" ")[1] for x in most[1:]] == ["牛腩", "雪碧", "可乐"], most
    low = texts(chat.say("liu", "毛利最低的商品")).splitlines()
    assert [x.split(" ")[1] for x in low[1:]] == ["可乐", "牛腩", "雪碧"], low   # -25%, 33%, 50%


def test_last_week_against_the_week_before_it(chat):
    """上周比上上周: last week against the week before it (before: last week alone, the comparison dropped)."""
    for words in ("6月1日卖了牛奶4升", "6月9日卖了牛奶6升", "6月10日卖了牛奶3升", "卖了牛奶2升"):
        assert "已记录" in texts(chat.say("zhou", words))
    text = texts(chat.say("zhou", "牛奶上周比上上周多卖了多少"))
    assert text.startswith("📊 徐汇店全脂牛奶 06-08至06-14共卖出 9升"), text
    assert "06-08至06-14 9升,比06-01至06-07(4升)多 125%" in text, text
    this_week = texts(chat.say("zhou", "牛奶这周比上上周卖得怎么样"))   # today (06-15) against 06-01, two weeks back
    assert "比06-01(4升)少 50%" in this_week, this_week
