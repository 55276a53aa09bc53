"""Reports on a schedule written in Chinese: weekly, working-day and monthly times (每周一早上8点 · 工作日 · 每月1号),
and the four reports a rule can send (今日备货清单, 今日小结, 库存日报, 一周销量)."""
from __future__ import annotations

from tests.conftest import DEMO
from tests.e2e.conftest import make_chat, texts


def got(out: list[dict], to: str, word: str) -> bool:
    return any(m.get("to") == to and word in (m.get("text") or "") for m in out)


def test_a_weekly_prep_list_arrives_on_its_weekday_only(chat):
    out = chat.say("zhou", "每周一、周四早上8点发备货清单给孙采购")
    assert "每周一、周四 08:00" in texts(out), texts(out)
    chat.press("zhou", "确认")
    assert chat.export("rules")[0]["spec"]["trigger"]["cron"] == "0 8 * * mon,thu"
    # Monday 2026-06-15 09:00 now: Tuesday and Wednesday pass quietly, Thursday 08:00 sends it
    out = chat.send(at="2026-06-17T09:00:00+08:00")
    assert not got(out, "sun", "备货")
    out = chat.send(at="2026-06-18T08:01:00+08:00")
    assert got(out, "sun", "备货清单"), texts(out)
    out = chat.send(at="2026-06-22T07:59:00+08:00")
    assert not got(out, "sun", "备货")
    assert got(chat.send(at="2026-06-22T08:01:00+08:00"), "sun", "备货清单")


def test_working_days_follow_the_holiday_calendar_and_the_first_of_the_month_comes_monthly(chat):
    out = chat.say("zhou", "工作日晚上9点给我发今日小结")
    assert "工作日 21:00" in texts(out)
    chat.press("zhou", "确认")
    chat.say("zhou", "每月1号上午9点把库存日报发给我")
    chat.press("zhou", "确认")
    triggers = sorted((r["spec"]["trigger"]["cron"], r["spec"]["trigger"]["workdays"]) for r in chat.export("rules"))
    assert triggers == [("0 21 * * *", True), ("0 9 1 * *", False)]
    assert got(chat.send(at="2026-06-18T21:01:00+08:00"), "zhou", "今日小结")       # Thursday
    out = chat.send(at="2026-06-20T21:31:00+08:00")   # Friday is 端午 and Saturday a weekend: neither the rule
    assert not got(out, "zhou", "今日小结"), texts(out)   # nor the 21:30 default job it replaces
    out = chat.send(at="2026-07-01T09:01:00+08:00")
    assert got(out, "zhou", "库存日报")


def test_a_make_up_saturday_is_a_working_day_and_national_day_is_not(tmp_path, monkeypatch):
    chat = make_chat(tmp_path, monkeypatch, clock="2026-09-30T22:00:00+08:00")
    chat.say("zhou", "工作日晚上9点给我发今日小结")
    chat.press("zhou", "确认")
    assert not got(chat.send(at="2026-10-01T21:01:00+08:00"), "zhou", "今日小结")   # 国庆
    chat.send(at="2026-10-09T22:00:00+08:00")
    assert got(chat.send(at="2026-10-10T21:01:00+08:00"), "zhou", "今日小结")       # Saturday, 调休


def test_the_stock_report_lists_what_is_under_safety_stock_first(chat):
    chat.say("amy", "用了咖啡豆15公斤")        # 20 → 5 kg, under its 10 kg safety stock
    chat.say("zhou", "每天晚上8点把库存日报发给我")
    chat.press("zhou", "确认")
    out = chat.send(at="2026-06-15T20:01:00+08:00")
    report = [m["text"] for m in out if m.get("to") == "zhou" and "库存日报" in m["text"]]
    assert report, texts(out)
    lines = report[0].splitlines()
    assert lines[0].startswith("📦 徐汇店库存日报(06-15)")
    assert lines[1].startswith("· ⚠️ 咖啡豆 5kg") and "安全库存 10kg" in lines[1], lines
    assert any(line.startswith("· 全脂牛奶") for line in lines), lines
    chat.say("zhou", "English")
    out = chat.send(at="2026-06-16T20:01:00+08:00")
    en = texts(out, "zhou")
    assert "stock report" in en and "safety stock 10kg" in en, en


def test_an_unknown_report_is_named_back_with_the_ones_there_are(chat):
    out = texts(chat.say("zhou", "每天晚上8点把利润表发给我"))
    assert "利润表" in out and "库存日报" in out and "今日小结" in out
    assert chat.export("rules") == []


def test_the_weeks_sales_come_on_monday_against_the_week_before(chat):
    out = chat.say("zhou", "每周一早上把上周销量发给我")            # a part of the day without its hour: 08:00
    assert "每周一 08:00" in texts(out) and "上周销量" in texts(out), texts(out)   # (Monday to Sunday of last week)
    chat.press("zhou", "确认")
    chat.say("amy", "昨天卖了可颂10个")                               # Sunday 06-14: the week before
    chat.send(at="2026-06-17T10:00:00+08:00")
    chat.say("amy", "卖了可颂15个")
    chat.say("amy", "卖了牛奶6升")
    out = chat.send(at="2026-06-22T08:01:00+08:00")
    week = [m["text"] for m in out if m.get("to") == "zhou" and "一周销量" in m["text"]]
    assert len(week) == 1, texts(out)
    assert "06-15 ~ 06-21" in week[0] and "1. 可颂 15个(比前一周 +50%)" in week[0], week[0]
    assert "2. 全脂牛奶 6升(前一周没有卖)" in week[0], week[0]


def test_a_reminder_on_a_schedule_arrives_once_in_its_own_words_and_one_about_a_product_shows_its_stock(chat):
    out = chat.say("zhou", "每天早上7点提醒我盘点")
    assert "盘点" in texts(out) and "每天 07:00" in texts(out), texts(out)
    chat.press("zhou", "确认")
    chat.say("zhou", "每天晚上8点提醒我可颂库存")
    chat.press("zhou", "确认")
    rules = {r["text"]: r["spec"] for r in chat.export("rules")}
    assert rules["每天晚上8点提醒我可颂库存"]["scope"]["skus"] == ["B09"]
    out = chat.send(at="2026-06-16T07:01:00+08:00")
    reminders = [m for m in out if m.get("to") == "zhou" and "⏰" in (m.get("text") or "")]
    assert [m["text"] for m in reminders] == ["⏰ 提醒(规则 #1):盘点"], texts(out)   # once, not once per product
    stock = [m for m in out if m.get("to") == "zhou" and "规则 #2" in (m.get("text") or "")]
    assert len(stock) == 1 and "可颂库存 40个" in stock[0]["text"], texts(out)


def test_reports_are_found_by_the_names_people_give_them(chat):
    for text, report in (("每天晚上10点把今天的销售汇总发给我", "evening_summary"),
                         ("每周一早上8点发上周销量报表给孙采购", "sales_week"),
                         ("每天晚上9点把营业额发给我", "evening_summary")):
        out = chat.say("zhou", text)
        chat.press("zhou", "确认")
        assert chat.export("rules")[-1]["spec"]["actions"][0]["params"]["report"] == report, texts(out)


def test_a_reminder_for_one_moment_is_said_then_and_never_again(chat):
    out = chat.say("zhou", "明天早上提醒我订牛奶")                    # was: an order of milk, asked how much
    assert "6月16日(仅一次) 08:00" in texts(out) and "订牛奶" in texts(out), texts(out)
    chat.press("zhou", "确认")
    assert not [o for o in chat.export("orders")]
    chat.say("zhou", "提醒我后天下午给光明打电话")
    chat.press("zhou", "确认")
    out = chat.send(at="2026-06-16T07:59:00+08:00")
    assert not [m for m in out if "⏰" in (m.get("text") or "")], texts(out)
    out = chat.send(at="2026-06-16T08:01:00+08:00")
    assert [m["text"] for m in out if m.get("to") == "zhou" and "⏰" in (m.get("text") or "")] \
        == ["⏰ 提醒(规则 #1):订牛奶"], texts(out)
    out = chat.send(at="2026-06-17T16:00:00+08:00")
    assert [m["text"] for m in out if "⏰" in (m.get("text") or "")] == ["⏰ 提醒(规则 #2):给光明打电话"], texts(out)
    listed = texts(chat.say("zhou", "规则列表"))
    assert "订牛奶" not in listed and "打电话" not in listed, listed   # done, not listed as active
    chat.say("zhou", "2小时后提醒我盘点可颂")                          # from now (06-17 16:00): 18:00, its own words
    chat.press("zhou", "确认")
    out = chat.send(at="2026-06-17T18:01:00+08:00")
    assert [m["text"] for m in out if "⏰" in (m.get("text") or "")] == ["⏰ 提醒(规则 #3):盘点可颂"], texts(out)
    out = chat.send(at="2027-06-16T09:00:00+08:00")                    # the same day a year on: nothing
    assert not [m for m in out if "⏰" in (m.get("text") or "")], texts(out)
    out = texts(chat.say("zhou", "昨天早上8点提醒我盘点"))              # a moment gone: nothing saved
    assert "不是接下来一年里的时间" in out and not [r for r in chat.export("rules") if "昨天" in r["text"]], out


def test_what_does_not_move_is_listed_per_store_sold_or_used_the_longest_idle_first(chat):
    chat.say("amy", "可颂卖了10个")
    chat.say("amy", "面粉用了5公斤")                                  # used, never sold: it moves all the same
    chat.say("amy", "鸡蛋用了30个")
    chat.send(at="2026-06-18T10:00:00+08:00")
    chat.say("amy", "鸡蛋用了30个")                                   # 2 days ago, then today again
    chat.send(at="2026-06-20T10:00:00+08:00")
    out = texts(chat.say("owner", "哪些东西3天没动了"))                 # was: not understood
    xh = out.split("🐢 静安店")[0]
    assert "徐汇店有库存、3天以上没卖出也没用掉" in xh and "🐢 静安店" in out, out   # the owner: every store
    assert xh.index("高筋面粉:现有 95kg") < xh.index("可颂") and "5天没动" in xh, xh
    assert "鸡蛋:" not in xh and "从没卖出或用掉过:全脂牛奶 36升" in xh, xh
    out = texts(chat.say("zhou", "有什么滞销的"))                       # by shelf life: 可颂 (2 days) after 3 days
    assert "可颂:现有 30个,5天没动" in out and "高筋面粉:" not in out and "静安店" not in out, out
    out = texts(chat.say("bo", "两周没卖出去的商品有哪些"))
    assert out.startswith("🐢 静安店有库存、14天以上") and "徐汇店" not in out, out


def test_asking_to_restock_shows_the_list_with_its_button_not_a_rule(chat):
    chat.say("amy", "可颂卖了35个")                                    # 5 left of a safety stock of 30
    out = chat.say("zhou", "按安全库存补货")                           # was: a rule it could not express
    assert "备货清单" in texts(out) and "可颂" in texts(out), texts(out)
    assert any("按清单生成采购申请" in b for m in out for row in m.get("buttons") or [] for b in row), out
    assert not chat.export("rules")


def test_a_scheduled_report_asked_for_is_answered_now_every_store_s_for_the_owner(chat):
    chat.say("amy", "卖了可颂10个")
    out = texts(chat.say("owner", "今天的情况"))                      # was: not understood
    assert "徐汇店今日小结" in out and "可颂 10个" in out and "静安店今日小结" in out, out
    out = texts(chat.say("zhou", "库存日报"))                          # a store's manager: the store's
    assert "徐汇店库存日报" in out and "静安店" not in out, out
    assert chat.export("rules") == []                                  # asked, not scheduled


def test_the_day_s_summary_says_what_the_sales_brought_in_and_a_store_without_sales_says_so(tmp_path, monkeypatch):
    from tests.conftest import DEMO
    chat = make_chat(tmp_path, monkeypatch, catalog=DEMO)
    chat.say("xiaowang", "卖了可乐5瓶")                                 # 5 × ¥5
    chat.say("xiaowang", "卖了牛腩3斤")                                 # 3 × ¥48
    out = texts(chat.say("boss", "今日小结"))
    south, _, futian = out.partition("福田店今日小结")
    assert "销售额约 ¥169.00" in south and "可乐 5瓶" in south, out
    assert "今日没有销售记录" in futian and "TOP" not in futian, out


def test_stock_turnover_is_the_stock_at_cost_against_what_leaves_per_day_per_store_longest_lasting_first(
        tmp_path, monkeypatch):
    demo = make_chat(tmp_path, monkeypatch, catalog=DEMO)
    demo.say("xiaowang", "卖了可乐1箱")                                  # 67 - 24 = 43 left, 24 out in 30 days
    demo.say("xiaowang", "牛腩用了10斤")                                 # used, not sold: it leaves all the same
    out = texts(demo.say("liu", "库存周转天数"))                         # was: 周转天数 read as a product
    lines = out.split("\n")
    assert lines[0].startswith("🔄 南山店库存周转(近 30 天") and "福田店" not in out, out
    assert lines[1] == "· 牛腩:现有 32斤(1箱+12),约够 96 天" and lines[2].startswith("· 可乐:现有 43瓶"), out
    assert "约够 54 天" in lines[2] and "没卖出或用掉:牛腱" in lines[3], out
    out = texts(demo.say("boss", "库存周转"))                             # every store for the owner
    assert "南山店库存周转" in out and "福田店近 30 天没有卖出或用掉任何东西" in out, out


def test_a_month_end_reminder_fires_on_each_month_s_last_day_whatever_its_length(chat):
    out = chat.say("zhou", "每个月月底提醒我对账")                       # was: unsupported
    assert "每月最后一天 09:00" in texts(out), texts(out)
    chat.press("zhou", "确认")
    assert [r["spec"]["trigger"]["cron"] for r in chat.export("rules")] == ["0 9 last * *"]
    assert not got(chat.send(at="2026-06-29T09:01:00+08:00"), "zhou", "对账")
    assert got(chat.send(at="2026-06-30T09:01:00+08:00"), "zhou", "对账")       # June has 30 days
    assert not got(chat.send(at="2026-07-30T09:01:00+08:00"), "zhou", "对账")
    assert got(chat.send(at="2026-07-31T09:01:00+08:00"), "zhou", "对账")       # July 31


def test_the_owner_s_prep_list_is_every_store_s_with_a_request_button_for_each_that_needs_goods(
        tmp_path, monkeypatch):
    demo = make_chat(tmp_path, monkeypatch, catalog=DEMO)
    demo.say("xiaowang", "卖了可乐2箱")                                    # 南山店 under its safety stock
    out = demo.say("boss", "哪个店最缺货")                                  # was: asked which store
    assert "南山店今日备货清单" in texts(out) and "福田店今日备货清单" in texts(out), texts(out)
    assert out[0]["buttons"] == [["南山店:按清单生成采购申请"]], out
    demo.press("boss", "南山店:按清单生成采购申请")
    (order,) = demo.export("orders")
    assert order["location"] == "NS" and [ln["sku"] for ln in order["lines"]] == ["P018"], order


def test_the_owners_scheduled_store_reports_come_for_each_store(tmp_path, monkeypatch):
    """每天晚上10点把营业额发给我, said by the owner (no store of his own): each store's 今日小结 at 22:00, and each store's
    备货清单 in the morning. Before, the rule was kept and nothing ever came."""
    demo = make_chat(tmp_path, monkeypatch, catalog=DEMO, clock="2026-06-15T10:00:00+08:00")
    demo.say("xiaowang", "卖了牛腩2斤,可乐3瓶")
    demo.say("xiaoli", "卖了牛腩5斤")
    for said in ("每天晚上10点把营业额发给我", "每天早上8点把备货清单发给我"):
        demo.say("boss", said)
        demo.press("boss", "确认")
    evening = [m["text"] for m in demo.send(at="2026-06-15T22:00:01+08:00") if m["to"] == "boss"]
    assert [t.splitlines()[0] for t in evening] == ["🌙 南山店今日小结(06-15)", "🌙 福田店今日小结(06-15)"], evening
    assert "销售额约 ¥240.00" in evening[1]
    morning = [m["text"] for m in demo.send(at="2026-06-16T08:00:01+08:00") if m["to"] == "boss"]
    assert [t.splitlines()[0] for t in morning] == ["📋 南山店今日备货清单(06-16)", "📋 福田店今日备货清单(06-16)"]
