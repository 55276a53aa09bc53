"""A top-up with a bonus (充值1000送100), end to end on the demo chain: the money paid is a payment, the bonus credit
beside it on the customer's account (spent like any credit), never in the till and never given back in cash; undone
with its payment."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import DEMO
from tests.e2e.conftest import Chat, confirmed, make_chat, texts


@pytest.fixture
def chat(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Chat:
    return make_chat(tmp_path, monkeypatch, catalog=DEMO, clock="2026-06-15T10:00:00+08:00")


def audits(chat: Chat, action: str) -> list[dict]:
    return [a["detail"] for a in chat.send(export="audit")[0]["rows"] if a["action"] == action]


def test_the_bonus_is_credit_on_the_account_never_money(chat: Chat):
    out = texts(chat.say("liu", "团餐充值1000送100"))
    assert "收到美团团餐付款 ¥1,000.00,另赠送 ¥100.00" in out and audits(chat, "payment") == []   # asked first
    out = texts(chat.press("liu", "确认"))
    assert "多收 ¥1,100.00(预收款)。(其中充值赠送 ¥100.00,不退现)" in out, out
    assert audits(chat, "topup_bonus") == [{"payment": 2, "of": 1, "partner": "C01", "amount": "100"}]
    texts(chat.say("liu", "卖给团餐可乐2箱"))                                  # ¥240 spent from the credit
    statement = texts(chat.say("liu", "团餐的对账单"))
    assert "· 06-15 充值赠送 −¥100.00 → 预收 ¥860.00" in statement, statement
    assert "账上应收 ¥1,000.00" in texts(chat.say("liu", "今天日结"))          # the till: the money alone
    out = texts(chat.say("liu", "团餐的定金退了"))                              # the cash part of what is left
    assert "退给美团团餐 ¥760.00" in out, out
    assert "只有 ¥760.00" in texts(chat.say("liu", "退给团餐800"))


def test_undoing_the_payment_takes_its_bonus_with_it(chat: Chat):
    confirmed(chat, "liu", "团餐预存2000元,赠送200")
    out = texts(chat.say("liu", "撤销"))
    assert "已撤销:收到美团团餐付款 ¥2,000.00,另赠送 ¥200.00" in out and "已收 ¥0.00" in out, out
    assert [d["amount"] for d in audits(chat, "payment_voided")] == ["2000", "200"]


@pytest.mark.parametrize(("user", "said", "expected"), [
    ("liu", "团餐充值1000送2000", "充值赠送要这样说"),          # (more given than paid)
    ("chen", "张记充值1000送100", "充值赠送要这样说"),           # (a supplier's: no such thing)
    ("xiaowang", "团餐充值1000送100", "你的角色没有这个权限"),
])
def test_what_is_not_a_customer_s_top_up_changes_nothing(chat: Chat, user: str, said: str, expected: str):
    assert expected in texts(chat.say(user, said))
    assert audits(chat, "payment") == [] and audits(chat, "topup_bonus") == []
