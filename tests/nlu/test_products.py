from __future__ import annotations

import pytest

from domain import commands
from nlu import context, parser
from tests.nlu import catalogs


def parse(p: parser.Parser, text: str, user: str = "xiaowang") -> commands.Parsed | commands.Clarify:
    return p.parse(text, speaker=catalogs.speaker(p.catalog, user))


@pytest.mark.parametrize(("text", "sku", "kind"), [
    ("收到牛楠2箱", "P001", "fuzzy_product"), ("收到汉堡坯3袋", "P025", "fuzzy_product"),
    ("收到 niunan 10斤", "P001", "pinyin_product"), ("收到鸡旦2板", "P011", "fuzzy_product"),
    ("卖了 kele 5瓶", "P018", "pinyin_product"),
])
def test_typos_and_pinyin_resolve_as_guesses_to_confirm(rest_parser: parser.Parser, text: str, sku: str,
                                                        kind: str) -> None:
    r = parse(rest_parser, text)
    assert isinstance(r, commands.Parsed) and not r.certain
    assert [(g.kind, g.chosen) for g in r.guesses] == [(kind, sku)]


def test_a_near_miss_pinyin_still_resolves_as_a_guess(cafe_parser: parser.Parser) -> None:
    r = parse(cafe_parser, "收到 kasong 10个", "amy")
    assert isinstance(r, commands.Parsed)
    assert r.guesses == (commands.Guess("pinyin_product", "kasong", "B09"),)


def test_an_ambiguous_mention_offers_the_candidates_that_fit_the_unit(rest_parser: parser.Parser) -> None:
    r = parse(rest_parser, "收到牛肉2箱")
    assert isinstance(r, commands.Clarify)
    assert (r.reason, r.mention, r.candidates) == ("ambiguous_product", "牛肉", ("P001", "P002"))


@pytest.mark.parametrize("text", ["收到独角兽3只", "鱿鱼到了3斤"])
def test_an_unknown_product_is_named_and_nothing_is_recorded(rest_parser: parser.Parser, text: str) -> None:
    r = parse(rest_parser, text)
    assert isinstance(r, commands.Clarify) and r.reason == "unknown_product"
    assert r.mention in text


def test_per_tenant_synonyms_resolve(restaurant: context.Catalog) -> None:
    cat = context.Catalog(products=restaurant.products, locations=restaurant.locations, users=restaurant.users,
                          synonyms={"肥牛腩": "牛腩"})
    r = parser.Parser(cat).parse("收到肥牛腩3斤", speaker=catalogs.speaker(cat, "xiaowang"))
    assert isinstance(r, commands.Parsed)
    assert r.command.lines[0].sku == "P001"


def test_a_unit_that_does_not_fit_asks_instead_of_guessing(rest_parser: parser.Parser) -> None:
    r = parse(rest_parser, "收到可乐3公斤")
    assert isinstance(r, commands.Clarify) and r.reason == "unit_mismatch" and r.mention == "P018"


@pytest.mark.parametrize("text", ["收到可乐0箱", "收到可乐零瓶"])
def test_zero_quantities_are_refused(rest_parser: parser.Parser, text: str) -> None:
    r = parse(rest_parser, text)
    assert isinstance(r, commands.Clarify) and r.reason == "zero_qty"


def test_a_single_character_alias_needs_a_word_boundary(rest_parser: parser.Parser) -> None:
    ok = parse(rest_parser, "收到水5箱")
    assert isinstance(ok, commands.Parsed) and ok.command.lines[0].sku == "P022"
    squid = parse(rest_parser, "鱿鱼到了3斤")
    assert isinstance(squid, commands.Clarify)
