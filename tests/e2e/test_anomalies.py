"""What looks wrong at a store (异常): asked in the chat (有没有异常), and told once by the evening job to the store's
managers; a closed day is no day without sales."""
from __future__ import annotations

import json
import os
from datetime import datetime, timedelta
from decimal import Decimal

import pytest

from tests.conftest import DEMO
from tests.e2e.conftest import make_chat, texts

NOW = datetime.fromisoformat("2026-06-15T18:00:00+08:00")   # a Monday


@pytest.fixture
def demo(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    """Five weeks of steady sales at 南山店 (可乐 12, 牛腩 8, 土豆 6 a day); yesterday (Sunday) 60 colas and nothing
    else."""
    chat = make_chat(tmp_path, monkeypatch, catalog=DEMO, clock=NOW.isoformat())
    rows = []
    for n in range(1, 36):
        d = NOW.date() - timedelta(days=n)
        usual = {"P018": 12, "P001": 8, "P006": 6} if n > 1 else {"P018": 60}
        rows += [{"day": d.isoformat(), "location": "NS", "sku": s, "qty": Decimal(q)} for s, q in usual.items()]
    with chat.container.uow() as u:
        u.history.upsert(rows)
        u.commit()
    return chat


def _advance(chat, until: str) -> list[str]:  # type: ignore[no-untyped-def]
    c = chat.container
    return [f"{n.to}:{n.text}" for n in c.scheduler.advance(c.clock.now(), datetime.fromisoformat(until))]


def test_each_kind_of_anomaly_is_named_with_what_to_check(demo):
    demo.say("xiaowang", "卖了酱油20瓶")                              # 16 on hand
    demo.press("xiaowang", "确认")
    demo.say("xiaowang", "报损:牛腩10斤")                              # never lost in four weeks
    demo.say("xiaowang", "收到牛腩20斤,张记送的,每斤50元")             # the catalog says ¥32
    demo.say("xiaowang", "收到豆腐1板,批号M1,2026-06-14到期")         # (goods that expired yesterday: asked first)
    demo.press("xiaowang", "确认")
    out = texts(demo.say("liu", "有没有异常")).splitlines()
    assert out[0] == "⚠️ 南山店的异常(7):", out
    assert out[1].startswith("· 酱油 账上 -4瓶:") and "批次 M1 已在 06-14 过期" in out[2], out
    assert out[3] == "· 牛腩 今天损耗 10斤,近四周都没有损耗:看看是什么原因。"
    assert out[4] == "· 牛腩 06-14(周日)一斤也没卖,平时这天卖 8斤:是不是漏记了销售?"
    assert out[5] == "· 土豆 06-14(周日)一公斤也没卖,平时这天卖 6公斤:是不是漏记了销售?", out
    assert "· 可乐 06-14(周日)卖了 60瓶(2箱+12),平时这天 12瓶:有团购,还是记错了数量?" in out
    assert out[-1] == "· 牛腩 今天进价 ¥50.00/斤,比近期 ¥32.00/斤 高 56%:是不是单价写错了?"
    assert "没有发现异常" in texts(demo.say("liu", "福田店有没有异常"))


def test_the_evening_job_tells_each_anomaly_once_and_a_product_below_zero_again_only_after_it_recovered(demo):
    demo.say("xiaowang", "卖了酱油20瓶")
    demo.press("xiaowang", "确认")
    first = [x for x in _advance(demo, "2026-06-15T21:05:00+08:00") if "的异常" in x]
    assert len(first) == 1 and first[0].startswith("liu:⚠️ 南山店的异常") and "酱油 账上 -4瓶" in first[0], first
    demo.say("xiaowang", "卖了可乐12瓶")
    demo.say("xiaowang", "卖了牛腩8斤")
    demo.say("xiaowang", "卖了土豆6公斤")
    later = [x for x in _advance(demo, "2026-06-16T21:05:00+08:00") if "的异常" in x]
    assert later == [], later                                         # still below zero: not told again
    demo.say("xiaowang", "盘点:酱油10瓶")                             # back above zero …
    demo.say("xiaowang", "卖了可乐12瓶")
    demo.say("xiaowang", "卖了牛腩8斤")
    demo.say("xiaowang", "卖了土豆6公斤")
    assert [x for x in _advance(demo, "2026-06-17T21:05:00+08:00") if "的异常" in x] == []
    demo.say("xiaowang", "卖了酱油12瓶")                              # … and below it again: told again
    demo.press("xiaowang", "确认")
    for said in ("卖了可乐12瓶", "卖了牛腩8斤", "卖了土豆6公斤"):
        demo.say("xiaowang", said)
    again = [x for x in _advance(demo, "2026-06-18T21:05:00+08:00") if "的异常" in x]
    assert len(again) == 1 and "酱油 账上 -2瓶" in again[0], again
    with demo.container.uow(write=False) as u:   # what is kept is what is found now: nothing piles up day by day
        from workflows import anomalies
        now = demo.container.clock.now()
        assert set(u.rules.alerts("anomaly:NS")) == {f.key for f in anomalies.check(u, location="NS", now=now)}


def test_a_product_that_stopped_selling_is_told_once_not_every_evening(demo):
    first = [x for x in _advance(demo, "2026-06-15T21:05:00+08:00") if "的异常" in x]
    assert len(first) == 1 and "牛腩 06-14(周日)一斤也没卖" in first[0], first
    demo.say("xiaowang", "卖了可乐12瓶")                               # 牛腩 and 土豆: nothing again on Monday
    later = [x for x in _advance(demo, "2026-06-16T21:05:00+08:00") if "的异常" in x]
    assert not any("牛腩" in x for x in later), later
    assert "牛腩 06-15(周一)一斤也没卖" in texts(demo.say("liu", "有没有异常"))   # (asked: as it stands)


def test_a_closed_day_is_no_day_without_sales(demo):
    assert "牛腩 06-14(周日)一斤也没卖" in texts(demo.say("liu", "有没有异常"))
    demo.say("liu", "昨天店休")
    demo.press("liu", "确认")
    out = texts(demo.say("liu", "有没有异常"))
    assert "一斤也没卖" not in out and "卖了 60瓶" not in out, out


def test_anomalies_scheduled_by_a_rule_come_whole_even_when_told_before(demo):
    demo.say("liu", "每天晚上10点把异常发给我")
    demo.press("liu", "确认")
    sent = [x for x in _advance(demo, "2026-06-15T22:05:00+08:00") if "的异常" in x]
    assert len(sent) == 1 and sent[0].startswith("liu:") and "可乐 06-14(周日)卖了 60瓶" in sent[0], sent


def test_a_receipts_price_is_set_against_the_same_suppliers_own_before_any_others(demo):
    for day, words in (("2026-06-10", "收到牛腩10斤,绿源送的,每斤30元"), ("2026-06-11", "收到牛腩10斤,绿源送的,每斤30元"),
                       ("2026-06-12", "收到牛腩10斤,绿源送的,每斤30元"), ("2026-06-13", "收到牛腩10斤,张记送的,每斤45元")):
        demo.container.clock.set(datetime.fromisoformat(f"{day}T10:00:00+08:00"))
        assert "已记录" in texts(demo.say("xiaowang", words))
    demo.container.clock.set(NOW)
    demo.say("xiaowang", "收到牛腩10斤,张记送的,每斤46元")    # its own ¥45 before: as usual (all of them: ¥30)
    demo.say("xiaowang", "收到牛腩10斤,绿源送的,每斤45元")    # its own ¥30 before
    out = [line for line in texts(demo.say("liu", "有没有异常")).splitlines() if "进价" in line]
    assert out == ["· 牛腩 今天绿源蔬菜的进价 ¥45.00/斤,比它近期 ¥30.00/斤 高 50%:是不是单价写错了?"], out


def test_a_tenant_sets_its_own_limits_with_configure(demo):
    from tests.e2e.test_cli import run
    demo.say("xiaowang", "收到牛腩20斤,张记送的,每斤50元")             # 56% above the catalog's ¥32
    assert any("进价" in line for line in texts(demo.say("liu", "有没有异常")).splitlines())
    r = run(["configure", "--anomaly", "cost=0.6"], dict(os.environ))
    assert r.returncode == 0 and json.loads(r.stdout)["anomaly"] == {"cost": "0.6"}, r.stderr
    assert not any("进价" in line for line in texts(demo.say("liu", "有没有异常")).splitlines())
    for bad in ("cost=-1", "cost=abc", "speed=2"):
        r = run(["configure", "--anomaly", bad], dict(os.environ))
        assert r.returncode == 2 and "not changed" in r.stderr, bad
    r = run(["configure", "--anomaly", "cost="], dict(os.environ))   # back to the default
    assert json.loads(r.stdout)["anomaly"] == {}
    assert any("进价" in line for line in texts(demo.say("liu", "有没有异常")).splitlines())
