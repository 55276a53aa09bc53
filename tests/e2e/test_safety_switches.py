"""The rule sandbox (backtest) and the takeover switch, end to end."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from domain import orders
from tests.conftest import DEMO, ROOT, T0
from tests.e2e.conftest import make_chat, texts
from workflows import takeover


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    return make_chat(tmp_path, monkeypatch, catalog=DEMO)


def create(chat, user, text):
    chat.say(user, text)
    chat.press(user, "确认")
    return chat.export("rules")[-1]["id"]


def test_three_rejected_suggestions_in_a_row_switch_the_rule_to_manual_review(demo):
    rid = create(demo, "liu", "牛肉库存低于安全线且冷链车2小时内到不了时,从中心仓调拨")
    pushes = []
    for _ in range(3):
        out = demo.say("xiaowang", "卖了牛腩15斤")                  # below safety: a suggestion
        assert any(b[0] == "确认调拨" for m in out for b in m["buttons"]), texts(out)
        pushes += demo.press("liu", "驳回")
        demo.say("xiaowang", "收到牛腩15斤")                       # back above: the next episode may fire
    rule = next(r for r in demo.export("rules") if r["id"] == rid)
    assert rule["status"] == "manual"
    report = [m for m in pushes if m["to"] == "liu" and "人工审核" in m["text"]]
    assert len(report) == 1 and "驳回" in report[0]["text"] and "on_hand" in report[0]["text"]
    out = demo.say("xiaowang", "卖了牛腩15斤")                      # a manual rule suggests nothing
    assert not any(b[0] == "确认调拨" for m in out for b in m["buttons"])


def test_an_accepted_suggestion_resets_the_count(demo):
    rid = create(demo, "liu", "牛肉库存低于安全线且冷链车2小时内到不了时,从中心仓调拨")
    for accept in (False, False, True, False, False):
        demo.say("xiaowang", "卖了牛腩15斤")
        if accept:
            demo.press("liu", "确认调拨")
            demo.press("chen", "确认发货")
            demo.press("liu", "确认收货")
            demo.say("xiaowang", "卖了牛腩1斤")
        else:
            demo.press("liu", "驳回")
        demo.say("xiaowang", "收到牛腩15斤")
    assert next(r for r in demo.export("rules") if r["id"] == rid)["status"] == "active"


def test_a_suggestion_received_15_percent_off_is_attributed_to_its_conditions(demo):
    rid = create(demo, "liu", "当可乐库存低于50瓶时提醒陈采购")
    o = orders.Order(kind=orders.OrderKind.PURCHASE_REQUEST, status=orders.Status.DONE, created_at=T0,
                     lines=(orders.OrderLine(sku="P018", qty=Decimal(48), received=Decimal(30)),), location="NS",
                     note=f"rule:{rid}", meta={"conditions": ["on_hand=40"]}, id=99)
    with demo.container.uow() as uow:
        takeover.outcome(uow, lambda *a, **k: None, demo.container.conversation.t, order=o, rejected=False, now=T0)
        uow.commit()
    with demo.container.uow(write=False) as uow:
        found = uow.chat.audits("forecast_deviation", rule=rid)
    assert found and found[0]["conditions"] == ["on_hand=40"] and found[0]["deviation"] == "0.38"
    report = demo.export("deviations")
    assert any(r["kind"] == "forecast_deviation" and r["rule"] == rid for r in report)


def test_backtest_compares_the_rule_with_what_people_did(demo, tmp_path):
    rid = create(demo, "liu", "当可乐库存低于50瓶时提醒陈采购")
    demo.say("xiaowang", "卖了可乐20瓶")                          # 47: the rule fires
    demo.send(at="2026-06-16T09:00:00+08:00")
    demo.say("xiaowang", "收到牛腩10斤")                          # people restock beef, the rule stays quiet
    demo.send(at="2026-06-17T09:00:00+08:00")
    env = dict(os.environ, KUGUAN_DATABASE_URL=os.environ["KUGUAN_DATABASE_URL"])
    r = subprocess.run([sys.executable, "app.py", "rules", "backtest", str(rid), "--days", "7", "--json",
                        "--until", "2026-06-17T09:00:00+08:00"], cwd=ROOT,
                       env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    rep = json.loads(r.stdout)
    assert rep["decisions"] >= 1
    cola = [row for row in rep["rows"] if row["sku"] == "P018"]
    assert cola and cola[0]["rule"] == ["notify"] and cola[0]["differs"]        # nobody reordered cola
    assert 0 < rep["difference_rate"] <= 1
