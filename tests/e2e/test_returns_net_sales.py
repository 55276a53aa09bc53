"""A walk-in customer's return takes its sale back: what sold, what it brought in, what it cost and what the till
should hold are all net of it (客人退了一个充电宝 after 3 sold: 2 sold, ¥178, cost ¥80, the till ¥178). Before, the
returns were stock only: 3 sold and ¥267 stayed in every report, and the cash-up expected the refunded money. Undoing
the return counts the sale again. Through the real conversation, on the phone-shop catalog."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.e2e.conftest import Chat, confirmed, make_chat, texts


@pytest.fixture
def shop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Chat:
    chat = make_chat(tmp_path, monkeypatch, catalog=ROOT / "tests" / "nlu" / "fixtures" / "phone",
                     clock="2026-06-15T10:00:00+08:00")
    confirmed(chat, "lz", "收到充电宝20个,单价40,绿联送的")
    confirmed(chat, "xm", "充电宝卖了3个")        # ¥89 each
    return chat


def test_a_return_comes_off_what_sold_and_the_till(shop):
    assert "卖出 3个" in texts(shop.say("lz", "充电宝的利润"))
    confirmed(shop, "xm", "客人退了一个充电宝")
    margin = texts(shop.say("lz", "充电宝的利润"))
    assert "卖出 2个" in margin and "销售额约 ¥178.00" in margin and "成本约 ¥80.00" in margin, margin
    assert "1. 充电宝 2个" in texts(shop.say("lz", "今天卖了多少"))
    assert "账上应收 ¥178.00" in texts(shop.say("lz", "今天的日结"))
    shop.say("xm", "撤销")                           # the return undone: the sale counts again
    assert "卖出 3个" in texts(shop.say("lz", "充电宝的利润"))
    assert "账上应收 ¥267.00" in texts(shop.say("lz", "今天的日结"))


def test_a_named_customers_return_is_its_accounts_not_the_tills(shop):
    confirmed(shop, "xm", "李总买了充电宝2个,记账")
    confirmed(shop, "xm", "李总退回充电宝1个")
    assert "卖出 4个" in texts(shop.say("lz", "充电宝的利润"))             # 3 + 2 − 1
    assert "账上应收 ¥267.00" in texts(shop.say("lz", "今天的日结"))       # the walk-ins' three; 李总's on account
    assert "蓝牙耳机" not in texts(shop.say("lz", "李总这个月买了多少"))
    assert "充电宝 1个" in texts(shop.say("lz", "李总这个月买了多少"))     # its account: 2 less 1, as before
