from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from domain import commands
from nlu import dates, numbers, parser
from tests.nlu import catalogs

NOW = catalogs.NOW


@pytest.mark.parametrize(("span", "value"), [
    ("12", "12"), ("0.8", "0.8"), ("三十", "30"), ("一百二十", "120"), ("两", "2"), ("半", "0.5"),
    ("十二点五", "12.5"), ("两百", "200"), ("万", None), ("", None),
])
def test_number_spans_are_read_as_decimals(span: str, value: str | None) -> None:
    assert numbers.value(span) == (Decimal(value) if value else None)


def _line(p: parser.Parser, text: str, user: str) -> commands.Line:
    r = p.parse(text, speaker=catalogs.speaker(p.catalog, user))
    assert isinstance(r, commands.Parsed), r
    lines = r.command.lines
    assert len(lines) == 1
    line: commands.Line = lines[0]
    return line


@pytest.mark.parametrize(("text", "sku", "qty"), [
    ("收到五花肉2斤半", "P003", "2.5"), ("收到番茄一斤二两", "P007", "0.6"), ("收到可乐1箱6瓶", "P018", "30"),
    ("收到可乐２箱", "P018", "48"), ("香菜用了3两", "P027", "3"), ("收到面粉半袋", "P013", "12.5"),
    ("收到七喜3箱", "P020", "72"), ("卖了三明治2个", "P024", "2"), ("收到统一冰红茶2箱", "P021", "30"),
    ("收到一次性餐盒1箱", "P028", "500"), ("收到土豆10斤", "P006", "5"),
    # a third of a case: exact once in bottles, to the gram (3 places) in kilograms
    ("可乐卖了三分之一箱", "P018", "8"), ("番茄用了1/3箱", "P007", "1.667"), ("番茄用了三分之二箱", "P007", "3.333"),
    # 个 is everyone's classifier: three of a product counted in bottles or bags; a bare numeral ends the clause
    ("可乐卖了三个", "P018", "3"), ("酸菜用了2个", "P010", "2"), ("可乐卖了仨", "P018", "3"), ("鸡蛋坏了三", "P011", "3"),
])
def test_mixed_numerals_and_units_convert_to_base_units(rest_parser: parser.Parser, text: str, sku: str,
                                                         qty: str) -> None:
    line = _line(rest_parser, text, "xiaowang")
    assert (line.sku, line.qty) == (sku, Decimal(qty))


@pytest.mark.parametrize(("text", "price"), [
    ("收到鸡蛋3板,单价0.6元", "0.6"), ("收到可乐2箱,每箱45元", "1.875"), ("收到土豆20斤,2.5元一斤", "5"),
    ("收到可乐2箱,单价38元/箱", "1.583333"),
])
def test_prices_are_converted_to_a_price_per_base_unit(rest_parser: parser.Parser, text: str, price: str) -> None:
    line = _line(rest_parser, text, "xiaowang")
    assert line.unit_price is not None and abs(line.unit_price - Decimal(price)) < Decimal("0.00001")


@pytest.mark.parametrize(("expr", "iso"), [
    ("明天", "2026-06-16T00:00"), ("后天", "2026-06-17T00:00"), ("明早", "2026-06-16T08:00"),
    ("下周三", "2026-06-24T00:00"), ("下周三上午十点前", "2026-06-24T10:00"), ("本周五", "2026-06-19T00:00"),
    ("月底", "2026-06-30T00:00"), ("3天后", "2026-06-18T00:00"), ("三天后", "2026-06-18T00:00"),
    ("2月25号", "2027-02-25T00:00"), ("2026年2月25日 10:30", "2026-02-25T10:30"), ("下周一", "2026-06-22T00:00"),
    ("下午两点半前", "2026-06-15T14:30"), ("周六中午", "2026-06-20T12:00"),
    ("大前天", "2026-06-12T00:00"), ("3天前", "2026-06-12T00:00"), ("两周前", "2026-06-01T00:00"),
    ("一个月前", "2026-05-15T00:00"),
])
def test_dates_are_relative_to_the_speakers_clock(expr: str, iso: str) -> None:
    found = dates.find(expr, NOW)
    assert found is not None
    assert found.when.strftime("%Y-%m-%dT%H:%M") == iso
    assert found.when.tzinfo is not None


def test_a_decimal_number_is_not_mistaken_for_a_time() -> None:
    assert dates.find("十二点五公斤", NOW) is None


def test_dates_follow_the_injected_clock_not_the_wall_clock(rest_parser: parser.Parser) -> None:
    later = datetime(2030, 1, 31, 9, 0, tzinfo=catalogs.TZ)
    r = rest_parser.parse("向绿源采购土豆5袋,明天送到", speaker=catalogs.speaker(rest_parser.catalog, "chen", later))
    assert isinstance(r, commands.Parsed) and isinstance(r.command, commands.PlacePurchase)
    assert r.command.due is not None and r.command.due.date().isoformat() == "2030-02-01"


SUNDAY = datetime(2026, 6, 21, 20, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
THURSDAY = datetime(2026, 12, 3, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.mark.parametrize("text,now,first,last", [
    ("这周可乐卖了多少", THURSDAY, date(2026, 11, 30), date(2026, 12, 3)),
    ("上周卖了多少", THURSDAY, date(2026, 11, 23), date(2026, 11, 29)),
    ("上个月牛腩销量", THURSDAY, date(2026, 11, 1), date(2026, 11, 30)),
    ("本月卖得怎么样", THURSDAY, date(2026, 12, 1), date(2026, 12, 3)),
    ("最近7天", THURSDAY, date(2026, 11, 27), date(2026, 12, 3)),
    ("过去两周", THURSDAY, date(2026, 11, 20), date(2026, 12, 3)),
    ("前天", THURSDAY, date(2026, 12, 1), date(2026, 12, 1)),
    ("上周", SUNDAY, date(2026, 6, 8), date(2026, 6, 14)),
])
def test_past_spans(text, now, first, last):
    assert dates.past_span(text, now) == (first, last)


@pytest.mark.parametrize("text,now,first,days", [
    ("可乐下周能卖多少", THURSDAY, date(2026, 12, 7), 7),
    ("明天要备多少", THURSDAY, date(2026, 12, 4), 1),
    ("这周末", THURSDAY, date(2026, 12, 5), 2),
    ("周末", SUNDAY, date(2026, 6, 21), 1),          # said on Sunday: what is left of it
    ("下周末", THURSDAY, date(2026, 12, 12), 2),
    ("未来3天", THURSDAY, date(2026, 12, 3), 3),
    ("两周", THURSDAY, date(2026, 12, 3), 14),
    ("下个月", THURSDAY, date(2027, 1, 1), 31),
    ("一个月", THURSDAY, date(2026, 12, 3), 30),
    ("12月5日", THURSDAY, date(2026, 12, 5), 1),     # a date, not "12 months"
    ("3天后", THURSDAY, date(2026, 12, 6), 1),
    ("下周三", THURSDAY, date(2026, 12, 9), 1),
])
def test_forecast_spans(text, now, first, days):
    assert dates.ahead_span(text, now) == (first, days)


def test_no_span_without_a_period():
    assert dates.past_span("可乐卖了多少", THURSDAY) is None
    assert dates.ahead_span("可乐预测", THURSDAY) is None


@pytest.mark.parametrize("said, first, last", [
    ("上周六卖了多少", "2026-06-13", "2026-06-13"),      # (Monday 06-15: last week's Saturday)
    ("周六卖了多少", "2026-06-13", "2026-06-13"),        # (the last one gone by)
    ("这周一卖了多少", "2026-06-15", "2026-06-15"),
    ("5月份牛腩卖了多少", "2026-05-01", "2026-05-31"),
    ("第二季度销售额", "2026-04-01", "2026-06-15"),      # (to today at most)
    ("今年一季度卖了多少", "2026-01-01", "2026-03-31"),
    ("Q4卖了多少", "2025-10-01", "2025-12-31"),          # (not begun this year: last year's)
    ("上周卖了多少", "2026-06-08", "2026-06-14"),
])
def test_a_past_span_names_a_weekday_a_month_or_a_quarter(said: str, first: str, last: str) -> None:
    span = dates.past_span(said, NOW)
    assert span is not None and (span[0].isoformat(), span[1].isoformat()) == (first, last)


def test_a_product_named_like_a_season_is_no_quarter() -> None:
    assert dates.past_span("四季豆卖了多少", NOW) is None   # (四季: no fourth quarter)
