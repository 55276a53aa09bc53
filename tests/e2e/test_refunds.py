"""Money back (退款), end to end on the phone shop: a customer's deposit or overpayment given back, a supplier's refund
for goods sent back; never more than the account holds paid ahead, asked first, undone by 撤销, on the statement."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.e2e.conftest import Chat, confirmed, make_chat, texts

PHONE = ROOT / "tests" / "nlu" / "fixtures" / "phone"


@pytest.fixture
def shop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Chat:
    """林店长 (lz, manager at 华强店) takes 王记's order with a deposit of ¥500, then cancels it: the ¥500 stays on
    王记's account, paid ahead."""
    chat = make_chat(tmp_path, monkeypatch, catalog=PHONE)
    assert "收到定金 ¥500.00" in texts(chat.say("lz", "王记订苹果数据线100根,明天提货,付了定金500"))
    out = confirmed(chat, "lz", "取消订单1")
    assert "「王记手机店的定金退了」" in out, out
    return chat


def refunds(chat: Chat) -> list[dict]:
    return [a["detail"] for a in chat.send(export="audit")[0]["rows"] if a["action"] == "refund"]


def test_a_customer_s_deposit_is_given_back_asked_first_and_undone_by_undo(shop: Chat):
    out = texts(shop.say("lz", "退王记定金300"))
    assert "确认记一笔:退给王记手机店 ¥300.00" in out
    assert refunds(shop) == []                       # (asked: nothing kept yet)
    out = texts(shop.press("lz", "确认"))
    assert "已记:退给王记手机店 ¥300.00" in out and "已收 ¥200.00,多收 ¥200.00(预收款)" in out, out
    assert refunds(shop) == [{"payment": 2, "partner": "C02", "amount": "300"}]
    out = texts(shop.say("lz", "撤销"))
    assert "已撤销:退给王记手机店 ¥300.00" in out and "多收 ¥500.00" in out, out
    out = confirmed(shop, "lz", "王记的定金退了")      # all of it, no amount said
    assert "已记:退给王记手机店 ¥500.00" in out and "已收 ¥0.00,未收 ¥0.00" in out, out
    out = texts(shop.say("lz", "王记的对账单"))
    assert "收款 −¥500.00 → 预收 ¥500.00" in out and "退款给客户 +¥500.00 → 应收 ¥0.00" in out, out
    assert "收款 ¥0.00" in out                        # (the period's money in, net of what went back)


@pytest.mark.parametrize(("user", "said", "expected"), [
    ("lz", "退给王记800", "王记手机店的账上预收款只有 ¥500.00,退 ¥800.00 超过了它"),
    ("lz", "给王记退款0元", "金额"),
    ("xm", "退给王记100", "你的角色没有这个权限"),     # (money to a customer: a manager's)
])
def test_a_refund_beyond_what_was_paid_ahead_or_not_the_speaker_s_changes_nothing(shop: Chat, user: str, said: str,
                                                                                  expected: str):
    out = texts(shop.say(user, said))
    assert expected in out and "确认" not in out, out
    assert refunds(shop) == []
    assert "多收 ¥500.00" in texts(shop.say("lz", "王记欠了多少钱"))


def test_a_refund_right_after_an_order_is_money_not_its_goods(shop: Chat):
    texts(shop.say("lz", "王记订苹果数据线10根,明天提货"))
    out = texts(shop.say("lz", "退给王记200"))
    assert "退给王记手机店 ¥200.00" in out and "退货" not in out, out


def test_nothing_paid_ahead_nothing_to_give_back(shop: Chat):
    confirmed(shop, "lz", "王记的定金退了")
    out = texts(shop.say("lz", "王记的定金退了"))
    assert "没有可退的" in out and "确认" not in out


def test_a_supplier_refunds_goods_sent_back_after_they_were_paid(shop: Chat):
    assert "没有可退的" in texts(shop.say("cg", "收到绿联退款45"))
    shop.say("cg", "收到苹果数据线10根,单价25,绿联送的")
    assert "付给深圳绿联 ¥250.00" in confirmed(shop, "cg", "付给绿联250")
    assert "已记录" in texts(shop.say("cg", "退给绿联苹果数据线2根"))
    out = texts(shop.say("cg", "收到绿联退款60"))
    assert "我们多付深圳绿联的只有 ¥50.00,退款 ¥60.00 超过了它" in out and "没有记录" in out
    out = confirmed(shop, "cg", "绿联退了我们50")
    assert "已记:收到深圳绿联退款 ¥50.00" in out and "已付 ¥200.00,应付 ¥0.00" in out, out
    assert refunds(shop) == [{"payment": 3, "partner": "S01", "amount": "50"}]


def test_the_day_s_cash_up_counts_a_customer_s_refund_as_cash_out(shop: Chat):
    assert "应收 ¥500.00" in texts(shop.say("lz", "日结:现金500"))
    confirmed(shop, "lz", "退给王记200")
    out = texts(shop.say("lz", "日结:现金300"))
    assert "应收 ¥300.00" in out and "正好对上" in out, out


def test_a_rejected_order_s_deposit_is_said_to_stay_and_how_to_give_it_back(tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch):
    chat = make_chat(tmp_path, monkeypatch, catalog=PHONE)
    out = texts(chat.say("lz", "王记订苹果数据线1000根,明天提货,付了定金500"))   # beyond its credit: held
    assert "超出王记手机店的信用额度" in out and "收到定金 ¥500.00" in out, out
    out = chat.say("boss", "拒绝")
    for who in ("boss", "lz"):
        assert "定金 ¥500.00 仍在王记手机店的账上" in texts(out, who), texts(out)
    assert "退给王记手机店 ¥500.00" in confirmed(chat, "lz", "王记手机店的定金退了")


def test_a_refund_said_in_english(shop: Chat):
    assert "退给王记手机店 ¥300.00" in confirmed(shop, "lz", "refund 王记 300")
    assert "退给王记手机店 ¥200.00" in confirmed(shop, "lz", "refund 王记's deposit")


def test_a_customer_s_stored_value_is_money_paid_ahead_drawn_by_its_sales_and_refundable(tmp_path: Path,
                                                                                       monkeypatch: pytest.MonkeyPatch):
    chat = make_chat(tmp_path, monkeypatch, catalog=PHONE)
    assert "收到王记手机店付款 ¥1,000.00" in confirmed(chat, "lz", "王记充值1000")
    assert "多收 ¥1,000.00(预收款)" in texts(chat.say("lz", "王记还有多少余额"))
    out = texts(chat.say("lz", "王记充值1000送2000"))   # (a bonus beyond what is paid: test_topup_bonus has the rest)
    assert "充值赠送要这样说" in out and "没有记录" in out and "确认" not in out
    chat.say("lz", "收到苹果数据线10根,单价8")
    confirmed(chat, "lz", "王记拿了苹果数据线10根,每根25元")
    assert "多收 ¥750.00(预收款)" in texts(chat.say("lz", "王记的余额"))
    assert "退给王记手机店 ¥750.00" in confirmed(chat, "lz", "王记退款")
