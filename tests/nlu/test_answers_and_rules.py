from __future__ import annotations

from decimal import Decimal

import pytest

from domain import commands
from domain import rules as drules
from nlu import parser, render
from tests.nlu import catalogs


def talk(p: parser.Parser, user: str, first: str, reply: str) -> commands.Parsed | commands.Clarify | None:
    sp = catalogs.speaker(p.catalog, user)
    pending = p.parse(first, speaker=sp)
    assert isinstance(pending, commands.Clarify)
    return p.parse_answer(reply, pending=pending, speaker=sp)


def test_a_missing_quantity_is_completed_by_the_answer(cafe_parser: parser.Parser) -> None:
    r = talk(cafe_parser, "amy", "收到咖啡豆", "3公斤")
    assert isinstance(r, commands.Parsed) and isinstance(r.command, commands.RecordMoves)
    assert [(ln.sku, ln.qty) for ln in r.command.lines] == [("B04", Decimal(3))]


@pytest.mark.parametrize(("reply", "sku"), [("牛腩", "P001"), ("1", "P001"), ("第二个", "P002"), ("牛腱子", "P002")])
def test_an_ambiguous_product_is_completed_by_name_or_number(rest_parser: parser.Parser, reply: str, sku: str) -> None:
    r = talk(rest_parser, "xiaowang", "收到牛肉2箱、可乐3箱", reply)
    assert isinstance(r, commands.Parsed) and isinstance(r.command, commands.RecordMoves)
    assert sorted((ln.sku, ln.qty) for ln in r.command.lines) == sorted([("P018", Decimal(72)), (sku, Decimal(40))])


def test_a_new_message_is_not_taken_for_an_answer(cafe_parser: parser.Parser) -> None:
    assert talk(cafe_parser, "amy", "收到咖啡豆", "卖了可颂2个") is None


def test_an_unknown_location_is_completed_by_a_store_name(rest_parser: parser.Parser) -> None:
    r = talk(rest_parser, "xiaowang", "调拨可乐2箱给南山店", "福田店")
    assert isinstance(r, commands.Parsed) and isinstance(r.command, commands.TransferStock)
    assert r.command.dest == "FT"


ISSUE_RULES = [
    ("liu", "当可乐库存低于50瓶时提醒陈采购", "当【可乐】在【南山店】的库存 < 50瓶 时 → 提醒【陈采购】"),
    ("liu", "鸡蛋少于两板的时候通知我", "当【鸡蛋】在【南山店】的库存 < 60个 时 → 提醒【刘店长】"),
    ("liu", "当某SKU库存低于安全库存时,提醒采购员并抄送店长", None),
    ("liu", "当某SKU库存低于安全库存且未来24小时有预定活动时,自动向采购员发送提醒并抄送店长", None),
    ("liu", "当近7日销量标准差>均值35%且天气预报显示连续降雨≥3天时,自动提升A类耗材安全库存20%", None),
    ("liu", "每天早上7点把今日备货清单发给我", "每天 07:00 → 把【今日备货清单】发给【刘店长】"),
    ("liu", "草鱼要是连续3天没卖出去就提醒我", None),
    ("chen", "牛肉库存低于安全线且冷链车2小时内到不了时,从中心仓调拨", None),
]


@pytest.mark.parametrize(("user", "text", "rendered"), ISSUE_RULES)
def test_every_rule_of_the_issue_becomes_a_valid_draft(rest_parser: parser.Parser, user: str, text: str,
                                                       rendered: str | None) -> None:
    r = rest_parser.parse(text, speaker=catalogs.speaker(rest_parser.catalog, user))
    assert isinstance(r, commands.Parsed) and isinstance(r.command, commands.AddRule)
    draft = r.command.draft
    assert drules.validate(draft) == []
    assert drules.draft_from_dict(draft.to_dict()).to_dict() == draft.to_dict()
    if rendered:
        assert render.render_rule(draft, rest_parser.catalog) == rendered


@pytest.mark.parametrize(("user", "text", "english"), [
    ("liu", "当可乐库存低于50瓶时提醒陈采购", "When [可乐] at [南山店]: on hand < 50瓶 → notify [陈采购]"),
    ("liu", "每天早上7点把今日备货清单发给我", "daily at 07:00 → send [today's prep list] to [刘店长]"),
    ("liu", "当某SKU库存低于安全库存时,提醒采购员并抄送店长",
     "When any product at [南山店]: on hand < safety stock → notify [purchaser], cc [manager]"),
    ("liu", "草鱼要是连续3天没卖出去就提醒我", "When [草鱼] at [南山店]: days without a sale ≥ 3 days → notify [刘店长]"),
    ("liu", "明天早上提醒我给张记打电话", "once on 6/16 at 08:00 → notify [刘店长]: 给张记打电话"),
])
def test_a_rule_reads_back_in_english_for_an_english_speaker(rest_parser: parser.Parser, user: str, text: str,
                                                           english: str) -> None:
    r = rest_parser.parse(text, speaker=catalogs.speaker(rest_parser.catalog, user))
    assert isinstance(r, commands.Parsed) and isinstance(r.command, commands.AddRule)
    assert render.render_rule(r.command.draft, rest_parser.catalog, lang="en") == english


def test_rule_conditions_use_catalog_variables_in_base_units(cafe_parser: parser.Parser) -> None:
    r = cafe_parser.parse("当咖啡豆库存低于10公斤时提醒孙采购", speaker=catalogs.speaker(cafe_parser.catalog, "zhou"))
    assert isinstance(r, commands.Parsed) and isinstance(r.command, commands.AddRule)
    d = r.command.draft
    assert d.scope.skus == ("B04",) and d.scope.location == "XH"
    assert d.conditions.items == (drules.Condition("on_hand", "lt", Decimal(10)),)
    assert d.actions == (drules.Action("notify", {"to": ["sun"]}),)


def test_a_half_hour_schedule_becomes_cron(cafe_parser: parser.Parser) -> None:
    r = cafe_parser.parse("每天早上6点半把今日备货清单发给我", speaker=catalogs.speaker(cafe_parser.catalog, "zhou"))
    assert isinstance(r, commands.Parsed) and isinstance(r.command, commands.AddRule)
    assert r.command.draft.trigger == drules.Trigger("schedule", cron="30 6 * * *")


def test_roles_stay_roles_and_cc_is_kept(rest_parser: parser.Parser) -> None:
    r = rest_parser.parse(ISSUE_RULES[2][1], speaker=catalogs.speaker(rest_parser.catalog, "liu"))
    assert isinstance(r, commands.Parsed) and isinstance(r.command, commands.AddRule)
    assert r.command.draft.actions == (drules.Action("notify", {"to": ["purchaser"], "cc": ["manager"]}),)


@pytest.mark.parametrize(("text", "part"), [("当月亮变圆时提醒我", "月亮变圆"), ("当可乐库存低于50瓶时给我发个红包", "红包"),
                                            ("每天晚上9点把利润表发给我", "利润表")])
def test_a_rule_it_cannot_express_says_what_it_did_not_understand(rest_parser: parser.Parser, text: str,
                                                                   part: str) -> None:
    r = rest_parser.parse(text, speaker=catalogs.speaker(rest_parser.catalog, "liu"))
    assert isinstance(r, commands.Clarify) and r.reason == "rule_unsupported"
    assert part in r.detail


def test_a_reminder_for_one_moment_is_a_valid_once_schedule_and_one_without_a_day_is_not(
        cafe_parser: parser.Parser) -> None:
    r = cafe_parser.parse("后天下午3点半提醒孙采购收货", speaker=catalogs.speaker(cafe_parser.catalog, "zhou"))
    assert isinstance(r, commands.Parsed) and isinstance(r.command, commands.AddRule)
    d = r.command.draft
    assert (d.trigger.cron, d.trigger.once) == ("30 15 17 6 *", True) and drules.validate(d) == []
    assert d.actions == (drules.Action("notify", {"to": ["sun"], "text": "收货"}),)
    assert drules.draft_from_dict(d.to_dict()) == d
    daily = drules.RuleDraft(text="", trigger=drules.Trigger("schedule", cron="0 8 * * *", once=True),
                             scope=drules.Scope(), conditions=drules.Group("all", ()), actions=d.actions)
    assert drules.validate(daily) == ["once_without_day"]   # it would fire at the first 08:00, whichever day


@pytest.mark.parametrize(("text", "order_id"), [
    ("订单1明天送不了", 1), ("牛腩只能送30斤", None), ("这周没货了", None), ("订单2要晚点到", 2),
])
def test_a_supplier_s_trouble_is_passed_on_in_its_words_and_promises_nothing(rest_parser: parser.Parser, text: str,
                                                                           order_id: int | None) -> None:
    got = rest_parser.parse_supplier(text, speaker=catalogs.speaker(rest_parser.catalog, "zhangji"))
    assert got is not None and (got.order_id, got.note, got.eta, got.shipped, got.ack) == (order_id, text, None,
                                                                                          False, False)


@pytest.mark.parametrize(("text", "order_id", "ack"), [
    ("收到", None, True), ("好的", None, True), ("订单2收到了", 2, True), ("没问题,马上安排", None, True),
    ("订单1明天送", 1, True),   # a day promised: it has the order
    ("订单1已发货", 1, False), ("收到牛腩2箱", None, None), ("好的牛腩", None, None),
])
def test_a_supplier_confirms_it_has_the_order(rest_parser: parser.Parser, text: str, order_id: int | None,
                                               ack: bool | None) -> None:
    got = rest_parser.parse_supplier(text, speaker=catalogs.speaker(rest_parser.catalog, "zhangji"))
    if ack is None:
        assert got is None
        return
    assert got is not None and (got.order_id, got.ack) == (order_id, ack)


@pytest.mark.parametrize(("text", "order_id", "shipped", "eta"), [
    ("订单1已发货", 1, True, None), ("#3发货了", 3, True, None),
    ("牛腩明天上午10点送到", None, False, "2026-06-16 10:00"), ("订单2后天到", 2, False, "2026-06-17 00:00"),
    ("订单2已经发出,明天下午到", 2, True, "2026-06-16 15:00"), ("订单1明天送", 1, False, "2026-06-16 00:00"),
    ("明天下午3点送过来", None, False, "2026-06-16 15:00"),
    # on the way, said as people say it; a time from now (at 09:00) is when it comes
    ("马上到", None, True, None), ("货已经发了", None, True, None), ("快到了", None, True, None),
    ("已经出发了,半小时到", None, True, "2026-06-15 09:30"), ("20分钟后送到", None, True, "2026-06-15 09:20"),
    ("订单1一个半小时到", 1, True, "2026-06-15 10:30"), ("两个小时内到", None, True, "2026-06-15 11:00"),
    ("发了票", None, None, None),
    ("我的订单", None, None, None), ("收到牛腩2箱", None, None, None), ("昨天送到了", None, None, None),
])
def test_a_supplier_says_its_order_shipped_or_when_it_arrives(rest_parser: parser.Parser, text: str,
                                                              order_id: int | None, shipped: bool | None,
                                                              eta: str | None) -> None:
    got = rest_parser.parse_supplier(text, speaker=catalogs.speaker(rest_parser.catalog, "zhangji"))
    if shipped is None:
        assert got is None
        return
    assert got is not None and (got.order_id, got.shipped) == (order_id, shipped)
    assert (got.eta.strftime("%Y-%m-%d %H:%M") if got.eta else None) == eta


def test_a_ledger_fingerprint_is_read_whatever_its_hex_digits_begin_with():
    # the text arrives with a space between letters and digits (fab644 → fab 644): a fingerprint is read whole
    import random

    from domain import commands
    from nlu import parser
    from tests.nlu import catalogs

    cat = catalogs.load("restaurant")
    p = parser.Parser(cat)
    rng = random.Random(5)
    # every two leading digits (ea after the position's number once read as English "each": #90 ea9b… → 90个9b…)
    for lead in (a + b for a in "0123456789abcdef" for b in "0123456789abcdef"):
        fp = lead + "".join(rng.choice("0123456789abcdef") for _ in range(10))
        r = p.parse(f"校验账本指纹 #90 {fp}", speaker=catalogs.speaker(cat, "liu"))
        assert isinstance(r, commands.Parsed) and r.command == commands.LedgerCheck(anchor=(90, fp)), (fp, r)
