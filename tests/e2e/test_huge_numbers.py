"""Numbers too large to be a real quantity (a stuck key, pasted garbage) get a clear answer and change nothing."""
from __future__ import annotations

import pytest

from tests.e2e.conftest import texts

HUGE = "10000000000000000000000000000"


@pytest.mark.parametrize("user,text", [("amy", f"收到牛奶{HUGE}箱"), ("amy", f"今天卖了牛奶{HUGE}升"),
                                       ("amy", f"盘点:面粉实际{HUGE}公斤"), ("sun", f"从大仓调{HUGE}袋面粉到徐汇店"),
                                       ("zhou", f"当牛奶库存低于{HUGE}升时提醒我"),
                                       ("amy", "收到牛奶900000000000箱")])   # under the bound as said, 12 × over it in 升
def test_a_huge_number_is_refused_and_records_nothing(chat, user, text):
    before = (chat.stock(), chat.export("rules"), chat.export("orders"))
    out = chat.say(user, text)
    assert "太大了,不像真实的数量" in texts(out), texts(out)
    assert (chat.stock(), chat.export("rules"), chat.export("orders")) == before
    # nothing half-understood waits for an answer either: the next message starts afresh
    assert "太大" not in texts(chat.say(user, "牛奶还剩多少"))
