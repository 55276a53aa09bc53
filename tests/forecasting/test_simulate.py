"""Hand-checked simulations. Days 0..6 are history before the start; days 7..9 are simulated."""
from datetime import date
from fractions import Fraction as F

import numpy as np
import pytest

from adapters.forecasting import autopolicy, simulate


def run(demand, *, life, policy, lead=1, log=True):
    y = np.array([demand], dtype=float)
    return simulate.run(y, start=7, end=9, shelf_life=np.array([life], dtype=float), lead_time=lead,
                        policy=policy, skus=["A"], log=log)


def test_manual_policy_restocks_receives_sells_and_spoils_as_computed_by_hand():
    # evening 6: mean 2 → order 1·2·2 = 4; day 7 sells 4, orders 2·16/7; day 8 no sale, order 0;
    # day 9 sells 1 of the 32/7 and the rest reaches age 2 = shelf life → spoiled
    res = run([2, 2, 2, 2, 2, 2, 2, 4, 0, 1], life=2, policy=simulate.manual(k=1, lead_time=1))
    assert res.stockout_rate == 0
    assert res.fill_rate == 1
    assert res.inventory_days == pytest.approx(float(F(32, 7) / 5))
    assert res.spoilage_share == pytest.approx(float(F(25, 7) / F(60, 7)))
    ordered = [r["ordered"] for r in res.log]
    assert ordered == pytest.approx([float(F(32, 7)), 0.0, float(F(26, 7))])
    assert [r["received"] for r in res.log] == pytest.approx([4, float(F(32, 7)), 0])
    assert [r["spoiled"] for r in res.log] == pytest.approx([0, 0, float(F(25, 7))])


def test_an_empty_store_counts_stockouts_and_fill_rate():
    res = run([0, 0, 0, 0, 0, 0, 0, 3, 2, 0], life=3, policy=simulate.manual(k=1, lead_time=1))
    assert res.stockout_rate == 1.0       # both days with demand ran short
    assert res.fill_rate == pytest.approx(6 / 35)
    assert res.inventory_days == pytest.approx(5 / 3)
    assert res.spoilage_share == 0


def scripted(orders):
    def decide(s):
        return np.array([orders.get(s.day, 0.0)])
    return decide


def test_sales_take_the_oldest_lot_first():
    # 5 arrive on day 7 and 5 on day 8; day 8 sells 5 from the older lot, so nothing spoils that day
    res = run([0] * 7 + [0, 5, 0], life=2, policy=scripted({6: 5.0, 7: 5.0}))
    assert [r["spoiled"] for r in res.log] == [0, 0, 5]


def test_lots_are_discarded_when_their_age_reaches_the_shelf_life():
    res = run([0] * 7 + [0, 0, 0], life=1, policy=scripted({6: 4.0}))
    assert [r["spoiled"] for r in res.log] == [4, 0, 0]
    assert res.spoilage_share == 1


def test_orders_arrive_after_the_lead_time_and_count_as_on_order_meanwhile():
    seen = []

    def decide(s):
        seen.append(float(s.on_order[0]))
        return np.array([3.0 if s.day == 6 else 0.0])

    res = run([0] * 7 + [1, 1, 1], life=5, policy=decide, lead=2)
    assert [r["received"] for r in res.log] == [0, 3, 0]
    assert seen[:3] == [0, 3, 0]


def test_the_log_balances_every_item_day():
    res = run([1, 3, 0, 2, 5, 1, 0, 4, 2, 6], life=2, policy=simulate.manual(k=1.5, lead_time=1))
    for r in res.log:
        assert r["on_hand_start"] + r["received"] - r["sold"] - r["spoiled"] == pytest.approx(r["on_hand_end"])
        assert r["sold"] == min(r["demand"], r["on_hand_start"] + r["received"])


def test_items_without_shelf_life_never_spoil():
    res = run([0] * 7 + [0, 0, 0], life=float("inf"), policy=scripted({6: 4.0}))
    assert res.spoiled == 0 and res.log[-1]["on_hand_end"] == 4


def test_auto_policy_puts_its_stock_where_it_prevents_most_stockouts():
    from datetime import date

    from adapters.forecasting import autopolicy

    rng = np.random.default_rng(3)
    days = 200
    small = rng.poisson(0.5, days) * (rng.random(days) < 0.5)
    big = rng.normal(50, 10, days).clip(0)
    y = np.stack([small, big]).astype(float)
    fc = autopolicy.Forecasts(y, first_day=date(2023, 1, 2), horizon=4)
    life = np.array([3.0, 3.0])
    curve = []
    for sl in (0.6, 0.9):
        res = simulate.run(y, start=170, end=199, shelf_life=life, lead_time=1,
                           policy=autopolicy.policy(fc, service_level=sl, lead_time=1, shelf_life=life,
                                                    first_day=date(2023, 1, 2)), log=True)
        curve.append(res)
        short = {r["sku"]: 0 for r in res.log}
        for r in res.log:
            short[r["sku"]] += r["sold"] < r["demand"] - 1e-9
        assert short["0"] <= short["1"]          # the cheap item is the one kept in stock
    assert curve[1].stockout_rate <= curve[0].stockout_rate
    assert curve[1].inventory_days >= curve[0].inventory_days


def test_the_auto_policy_takes_a_service_level_or_a_rate_not_both():
    from datetime import date

    from adapters.forecasting import autopolicy

    fc = autopolicy.Forecasts(np.ones((1, 30)), first_day=date(2023, 1, 2), horizon=2)
    life = np.array([3.0])
    for kw in ({}, {"service_level": 0.9, "rate": 0.01}):
        with pytest.raises(ValueError, match="either"):
            autopolicy.policy(fc, lead_time=1, shelf_life=life, first_day=date(2023, 1, 2), **kw)


def test_the_day_ahead_chance_of_a_comeback_is_recalibrated_on_what_came_back_before():
    # items that sell every third day: after one day off they never sell, after two they always do
    days, n = 300, 40
    demand = np.array([[4.0 if (t + i) % 3 == 0 else 0.0 for t in range(days)] for i in range(n)])
    fc = autopolicy.Forecasts(demand, first_day=date(2024, 1, 1), horizon=2)
    for u in range(100, 250):            # as if the model had said 0.2 for every item on those evenings
        fc.remember(u, np.full(n, 0.2))
    day = 250
    p = np.full((n, 2), 0.2)
    out = fc.recalibrated(day, p)
    gap = fc.gap[:, day]
    off = (gap >= 1) & (gap < 7)
    assert off.any() and (~off).any()
    # half of the past comebacks happened: 0.2 becomes about 0.5, for items off the shelf, on the next day only
    assert np.allclose(out[off, 0], 0.5, atol=0.02)
    np.testing.assert_array_equal(out[~off, 0], p[~off, 0])
    np.testing.assert_array_equal(out[:, 1], p[:, 1])
    # nothing after the decision day counts
    later = demand.copy()
    later[:, day + 1:] = 0.0
    again = autopolicy.Forecasts(later, first_day=date(2024, 1, 1), horizon=2)
    again.day_ahead = dict(fc.day_ahead)
    np.testing.assert_array_equal(again.recalibrated(day, p), out)
    # too few past item-days: unchanged
    fresh = autopolicy.Forecasts(demand, first_day=date(2024, 1, 1), horizon=2, recalibrate_days=3)
    fresh.day_ahead = dict(fc.day_ahead)
    np.testing.assert_array_equal(fresh.recalibrated(day, p), p)
