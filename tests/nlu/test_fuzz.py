"""Garbage in never raises and never produces a write."""
from __future__ import annotations

import re

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from domain import commands
from nlu import parser
from tests.nlu import catalogs

WRITES = (commands.RecordMoves, commands.TransferStock, commands.CountStock, commands.PlacePurchase,
          commands.RecordBooking, commands.AddRule, commands.Correct, commands.Undo)
FRAGMENTS = ["'; DROP TABLE stock; --", "<script>alert(1)</script>", "<b>", "&amp;", "\x00", "\u202e", "𠀀",
             "${jndi:ldap://x}", "{{7*7}}", "%s%s%n", "\r\n", "\t", "🙂", "ｃｏｆｆｅｅ"]
noise = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200)
mixed = st.lists(st.one_of(noise, st.sampled_from(FRAGMENTS)), max_size=8).map("".join)


def _check(p: parser.Parser, text: str) -> None:
    sp = catalogs.speaker(p.catalog, "xiaowang")
    r = p.parse(text, speaker=sp)
    assert isinstance(r, commands.Parsed | commands.Clarify)
    pending = commands.Clarify("missing_qty", mention="P018",
                               partial=commands.RecordMoves(commands.Movement.RECEIPT, ()))
    p.parse_answer(text, pending=pending, speaker=sp)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=mixed)
def test_random_unicode_and_injection_fragments_never_raise(rest_parser: parser.Parser, text: str) -> None:
    _check(rest_parser, text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=st.characters(blacklist_categories=("Cs", "Lo")), max_size=300))
def test_noise_without_chinese_never_writes(rest_parser: parser.Parser, text: str) -> None:
    assume(not re.fullmatch(r"[\W_]*undo[\W_]*", text, re.IGNORECASE))   # English for 撤销: a command, not noise
    r = rest_parser.parse(text, speaker=catalogs.speaker(rest_parser.catalog, "xiaowang"))
    assert not (isinstance(r, commands.Parsed) and isinstance(r.command, WRITES))


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(min_size=1, max_size=300).map(lambda s: (s * (10000 // len(s) + 1))[:10000]))
def test_ten_thousand_character_messages_are_handled(rest_parser: parser.Parser, text: str) -> None:
    _check(rest_parser, text)


def test_a_long_message_of_real_words_is_cut_and_handled(rest_parser: parser.Parser) -> None:
    _check(rest_parser, "收到可乐2箱," * 2000)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.tuples(st.sampled_from(["收到", "卖了", "盘点:", "不对,是", "当可乐库存低于", "从南山店调", ""]),
                      st.sampled_from(["可乐", "牛腩", "土豆", ""]),
                      st.from_regex(r"[1-9][0-9]{11,60}(\.[0-9]{1,40})?", fullmatch=True),
                      st.sampled_from(["瓶", "箱", "斤", "公斤", ""])).map("".join))
def test_numbers_too_long_to_be_quantities_never_raise(rest_parser: parser.Parser, text: str) -> None:
    _check(rest_parser, text)
