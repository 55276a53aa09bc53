"""Rules typed in English make the rule the Chinese makes: the same draft (conditions, scope, trigger, whom it tells,
whom it copies), its text aside; and English that says no rule is left not understood."""
from __future__ import annotations

import pytest

from domain import commands
from nlu import parser as nlu_parser
from tests.nlu import accuracy, catalogs


@pytest.fixture(scope="module")
def restaurant():
    cat = catalogs.load("restaurant")
    return cat, nlu_parser.Parser(cat)


def _draft(restaurant, text: str) -> dict:
    cat, p = restaurant
    got = p.parse(text, speaker=catalogs.speaker(cat, "liu"))
    assert isinstance(got, commands.Parsed) and isinstance(got.command, commands.AddRule), (text, got)
    return {k: v for k, v in got.command.draft.to_dict().items() if k != "text"}


@pytest.mark.parametrize(("english", "chinese"), [
    ("when coke stock is below 50 notify me", "当可乐库存低于50时提醒我"),
    ("notify me when cola falls below 50 bottles", "可乐低于50瓶时提醒我"),
    ("alert the purchaser when beef brisket is under 20 jin", "牛腩低于20斤时提醒采购员"),
    ("when coke is below the safety stock and there is a booking in the next 24 hours, notify the purchaser and cc "
     "the manager", "当可乐库存低于安全库存且未来24小时有预定时,提醒采购员并抄送店长"),
    ("when sprite is below 20 or coke is below 50 tell the boss", "雪碧低于20或者可乐低于50时告诉老板"),
    ("if takings today are below 1000 tell me", "如果今天营业额低于1000就告诉我"),
    ("if this month's takings are above 100000 let me know", "本月营业额超过100000时通知我"),
    ("remind me tomorrow at 9 to call zhang", "明天9点提醒我call zhang"),
    ("remind me tomorrow morning to call zhang", "明天早上提醒我call zhang"),
    ("remind the purchaser every monday at 8am to order 牛奶", "每周一上午8点提醒采购员订牛奶"),
])
def test_an_english_rule_is_the_chinese_rule(restaurant, english, chinese):
    assert _draft(restaurant, english) == _draft(restaurant, chinese)


@pytest.mark.parametrize(("english", "chinese"), [
    ("list my rules", "我的规则"), ("my rules", "我的规则"), ("pause rule 3", "暂停规则3"), ("resume rule 3", "恢复规则3"),
    ("delete rule 2", "删除规则2"),
])
def test_rules_are_managed_in_english(restaurant, english, chinese):
    cat, p = restaurant
    said = [p.parse(t, speaker=catalogs.speaker(cat, "liu")) for t in (english, chinese)]
    assert isinstance(said[0], commands.Parsed) and isinstance(said[0].command, commands.ManageRules)
    assert said[0] == said[1]


def test_english_that_says_no_rule_is_not_understood(restaurant):
    cat, p = restaurant
    for text in ("when coke stock is below 50", "notify me when the weather is nice"):
        got = p.parse(text, speaker=catalogs.speaker(cat, "liu"))
        assert isinstance(got, commands.Clarify), (text, got)


@pytest.mark.parametrize(("english", "chinese"), [
    ("book a table for 20 tomorrow at 6pm", "明天晚上6点20人包桌"),
    ("王总 booked a table for 10 friday at 7pm", "周五晚上7点王总10人包桌"),
    ("a party of 8 on saturday at noon, 20 cokes", "周六中午12点8人包桌,要可乐20瓶"),
    ("what bookings do we have this week", "这周有什么包桌"),
    ("bookings tomorrow", "明天的预定有哪些"),
    ("cancel tomorrow's bookings", "取消明天的包桌"),
    ("move tomorrow's bookings to saturday", "明天的包桌改到周六"),
    ("book a table for 20 tomorrow", "明天有20人的包桌"),   # (no time: asked, as in Chinese)
])
def test_a_booking_said_in_english_is_the_chinese_booking(restaurant, english, chinese):
    cat, p = restaurant
    en, zh = ({k: v for k, v in accuracy.describe(p.parse(t, speaker=catalogs.speaker(cat, "liu")), cat).items()
               if k not in ("note", "guesses")} for t in (english, chinese))   # (its words as said; a unit assumed)
    assert en == zh
