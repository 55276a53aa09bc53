"""Rules that compare stock with the forecast ("库存低于未来2天预测销量"): written in Chinese, checked against the
store-wide forecast the morning list uses (not a 28-day mean), with one fit shared by every check of a day."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from adapters import demo_seed
from tests.conftest import DEMO, REDIS_URL, redis_up
from tests.e2e.conftest import make_chat, texts
from workflows import metrics


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    chat = make_chat(tmp_path, monkeypatch, catalog=DEMO)
    with chat.container.uow() as uow:
        demo_seed.import_sales(uow, now=chat.container.clock.now())
        uow.commit()
    return chat


def cola(c) -> tuple[Decimal, Decimal, Decimal]:  # type: ignore[no-untyped-def]
    """(on hand, the store forecast of the next 48 hours, the 28-day mean × 2) of cola at 南山店 (NS), as the
    replica ``c`` (a container) sees it."""
    with c.uow(write=False) as u:
        product = next(p for p in u.catalog.products() if p.name == "可乐")
        snap = metrics.Snapshot(u, location="NS", product=product, now=c.clock.now(), forecaster=c.scheduler.forecaster)
        return snap("on_hand", {}), snap("forecast", {"hours": 48}), snap("sales_mean", {"days": 28}) * 2


def test_stock_below_the_forecast_of_the_next_two_days_reminds_the_purchaser(demo):
    out = demo.say("liu", "当可乐库存低于未来2天预测销量时提醒陈采购")
    assert "未来48小时预测销量" in texts(out), texts(out)          # read back before it is saved
    assert "已保存" in texts(demo.press("liu", "确认"))
    on_hand, forecast, mean = cola(demo.container)
    assert forecast > 0 and forecast != mean                        # the model's, not the mean fallback
    fits = demo.container.scheduler.forecaster.fits
    sell = int(on_hand - forecast) - 1                              # still above the forecast after this sale
    out = demo.say("xiaowang", f"卖了可乐{sell}瓶")
    assert not [m for m in out if m.get("to") == "chen"], texts(out)
    out = demo.say("xiaowang", "卖了可乐2瓶")                        # now below it
    assert any("可乐" in m["text"] for m in out if m.get("to") == "chen"), texts(out)
    # today's sales do not change a forecast that reads only the days before today: no refit for the checks
    assert demo.container.scheduler.forecaster.fits == fits


def test_a_rule_against_the_forecast_can_be_said_in_other_words(demo):
    for text, readback in (("当可乐库存不够未来3天的预计用量时通知我", "的库存 < 未来72小时预测销量"),
                           ("如果可乐可用量小于接下来12小时预测需求就提醒我", "的可用量 < 未来12小时预测销量")):
        out = demo.say("liu", text)
        assert readback in texts(out), texts(out)
        demo.press("liu", "取消")


def test_the_midday_transfer_covers_the_next_day_by_the_store_forecast(demo):
    from datetime import datetime

    from workflows import reports
    c = demo.container
    at = datetime.fromisoformat("2026-06-15T10:31:00+08:00")

    def suggestions(left: int) -> tuple[Decimal, Decimal]:
        """The transfer by the store forecast of the next 24 hours and by the 28-day mean, with ``left`` bottles."""
        with c.uow(write=False) as u:
            p = next(x for x in u.catalog.products() if x.name == "可乐")
            snap = metrics.Snapshot(u, location="NS", product=p, now=at, forecaster=c.scheduler.forecaster)
            forecast, mean = snap("forecast", {"hours": 24}), snap("sales_mean", {"days": 28})
            short = snap("safety_stock", {}) - Decimal(left)
            return reports.round_pack(p, short + forecast), reports.round_pack(p, short + mean)

    # a stock left below the safety stock (48) for which the two, rounded to whole cases of 24, differ: a Monday
    # sells less than the 28 days' mean, which counts the weekends
    left = next((n for n in range(1, 48) if len(set(suggestions(n))) == 2), None)
    assert left is not None
    on_hand, _, _ = cola(c)
    demo.say("xiaowang", f"卖了可乐{int(on_hand) - left}瓶")
    out = demo.send(at=at.isoformat())
    msg = [m for m in out if m.get("to") == "liu" and "调拨" in m["text"]]
    need, by_mean = suggestions(left)                                # today's sale changes neither
    assert need != by_mean                                           # the two would suggest different quantities
    with c.uow(write=False) as u:
        p = next(x for x in u.catalog.products() if x.name == "可乐")
    assert msg and f"建议从中心仓调拨 {reports.qty(p, need)}" in msg[0]["text"], texts(out)


@pytest.mark.skipif(not redis_up(), reason="Redis not reachable at 127.0.0.1:6379")
def test_two_serve_replicas_with_redis_fit_the_store_forecast_once_between_them(tmp_path: Path,
                                                                                monkeypatch: pytest.MonkeyPatch):
    import redis

    import app as kuguan
    monkeypatch.setenv("KUGUAN_REDIS_URL", REDIS_URL)
    r = redis.Redis.from_url(REDIS_URL)

    def forget() -> None:   # forecasts another run of this test left under the same tenant
        for k in r.scan_iter("kuguan:default:forecast:*"):
            r.delete(k)

    forget()
    try:
        first = make_chat(tmp_path, monkeypatch, catalog=DEMO)
        with first.container.uow() as uow:
            demo_seed.import_sales(uow, now=first.container.clock.now())
            uow.commit()
        second = kuguan.bootstrap(clock=first.container.clock)          # another replica on the same database
        assert second.scheduler.forecaster is not first.container.scheduler.forecaster
        _, on_first, _ = cola(first.container)
        assert first.container.scheduler.forecaster.fits == 1
        _, on_second, _ = cola(second)
        assert on_first == on_second > 0
        assert second.scheduler.forecaster.fits == 0                    # read what the first replica fitted
    finally:
        forget()
