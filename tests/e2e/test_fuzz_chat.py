"""Garbage into the whole conversation: never an exception, never a write."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.e2e.conftest import make_chat

BAD = ["'; DROP TABLE move; --", "<script>alert(1)</script>", "\x00\x01\x02", "收到", "卖了0", "收到牛奶-3箱",
       "收到牛奶1e9999箱", "收到牛奶NaN箱", "确认", "取消", "收到牛奶" + "9" * 400 + "箱",
       "收到" + "牛奶" * 3000]
NOISE = st.one_of(
    st.text(max_size=200),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1000, max_size=10000),
)
WROTE = ("已记录", "已撤销", "已更正", "Recorded")


@pytest.fixture(scope="module")
def chat(tmp_path_factory: pytest.TempPathFactory):
    mp = pytest.MonkeyPatch()
    c = make_chat(Path(tmp_path_factory.mktemp("fuzz")), mp)
    yield c
    mp.undo()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(text=NOISE)
def test_noise_never_raises_and_never_writes_silently(chat, text):
    before = chat.stock()
    out = chat.say("amy", text)
    assert all("error" not in o for o in out), out
    said = " ".join(o.get("text") or "" for o in out)
    if not any(w in said for w in WROTE):       # random text can spell a real command; then it says so
        assert chat.stock() == before


@pytest.mark.parametrize("text", BAD)
def test_hostile_or_broken_input_gets_an_answer_and_changes_nothing(chat, text):
    before = chat.stock()
    out = chat.say("amy", text)
    assert out and all("error" not in o for o in out)
    assert chat.stock() == before
