"""Scheduled pushes reach the right people at the right local times (virtual clock, demo chain)."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import DEMO
from tests.e2e.conftest import make_chat


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    return make_chat(tmp_path, monkeypatch, catalog=DEMO)


def about(out, user, word):
    return [m for m in out if m.get("to") == user and word in m["text"]]


def test_the_midday_check_suggests_a_transfer_at_10_30_to_the_store_manager(demo):
    demo.say("xiaowang", "卖了可乐30瓶")                               # NS 67 → 37 < safety 48
    assert not about(demo.send(at="2026-06-15T10:29:00+08:00"), "liu", "调拨")
    out = demo.send(at="2026-06-15T10:31:00+08:00")
    msg = about(out, "liu", "可乐")
    # the system's own proposal: approved like a purchase request, nothing moves until a manager says yes
    assert msg and msg[0]["buttons"][0] == ["批准", "驳回"] and "中心仓" in msg[0]["text"], msg
    assert not about(out, "zhao", "可乐")                              # not the other store's manager
    assert not about(demo.send(at="2026-06-16T10:31:00+08:00"), "liu", "调拨")   # never twice while open


def test_the_evening_summary_at_21_30_lists_the_top_sellers(demo):
    demo.say("xiaowang", "卖了可乐5瓶")
    demo.say("xiaowang", "卖了啤酒2瓶")
    assert not about(demo.send(at="2026-06-15T21:29:00+08:00"), "liu", "TOP")
    out = demo.send(at="2026-06-15T21:31:00+08:00")
    msg = about(out, "liu", "TOP")
    assert msg and "可乐" in msg[0]["text"] and msg[0]["text"].index("可乐") < msg[0]["text"].index("啤酒")


def test_lots_near_expiry_are_pushed_in_the_morning_with_fefo_advice(demo):
    demo.say("xiaowang", "收到草鱼5条")                               # shelf life 2 days → 06-17 09:00
    out = demo.send(at="2026-06-16T07:10:00+08:00")
    msg = about(out, "liu", "临期")
    assert msg and "草鱼" in msg[0]["text"] and "先到期先出" in msg[0]["text"]


def test_a_slow_mover_alert_comes_the_moment_its_idle_days_are_reached(demo):
    demo.send(at="2026-06-15T09:20:00+08:00")
    demo.say("xiaowang", "卖了草鱼1条")                               # 09:20; shelf life ≤ 7 → 3 days
    out = demo.send(at="2026-06-18T09:19:59+08:00")
    assert not about(out, "liu", "没有卖出")
    out = demo.send(at="2026-06-18T09:20:02+08:00")
    assert len(about(out, "liu", "没有卖出")) == 1
    assert not about(demo.send(at="2026-06-19T12:00:00+08:00"), "liu", "没有卖出")  # once per episode


def test_automatic_purchase_requests_enter_the_approval_flow_and_are_received_against(demo):
    with demo.container.uow() as uow:
        row = uow.catalog.tenant_row()
        row.settings = {**row.settings, "auto_purchase": True, "forecast_top_n": 5}
        uow.commit()
    demo.say("xiaowang", "卖了可乐40瓶")                               # NS 67 → 27, safety 48
    out = demo.send(at="2026-06-16T07:16:00+08:00")
    asks = [m for m in about(out, "liu", "自动采购") if "可乐" in m["text"]]
    assert len(asks) == 1 and "建议补" in asks[0]["text"] and ["批准", "驳回"] in asks[0]["buttons"]
    request = next(o for o in demo.export("orders") if o["kind"] == "purchase_request" and
                   o["lines"][0]["sku"] == "P018")
    assert request["status"] == "pending_approval"
    demo.press("liu", "批准")              # (the next morning's prep list would be the latest message with buttons)
    again = demo.send(at="2026-06-17T07:16:00+08:00")
    assert not [m for m in about(again, "liu", "自动采购") if "可乐" in m["text"]]   # not again while open
    demo.say("xiaowang", "收到可乐2箱")
    request = next(o for o in demo.export("orders") if o["id"] == request["id"])
    assert request["status"] in ("partial", "done") and float(request["lines"][0]["received"]) > 0
    with demo.container.uow() as uow:
        from workflows import metrics
        assert len(metrics.forecast_skus(uow, now=demo.container.clock.now())) == 5
