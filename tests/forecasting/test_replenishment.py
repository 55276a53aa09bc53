from datetime import date, timedelta
from decimal import Decimal as D

from domain import replenishment as r


def days(*meds, spread=D(0)):
    return [r.DayForecast(date(2024, 1, 1) + timedelta(days=i),
                          {D("0.5"): D(m), D("0.95"): D(m) + spread}) for i, m in enumerate(meds)]


def test_orders_up_to_forecast_plus_safety_stock_minus_what_is_there():
    s = r.suggest(r.Position(on_hand=D(3), on_order=D(1)), days(10, 10, 10, spread=D(4)),
                  policy=r.Policy(service_level=D("0.95"), lead_time_days=0, review_days=2))
    # two days: median 20, spreads of 4 add in quadrature → safety √32
    assert s.forecast == D(20)
    assert abs(s.safety_stock - D(32).sqrt()) < D("0.0001")
    assert s.quantity == s.order_up_to - D(4)
    assert s.reasons == ("below_order_up_to",)


def test_nothing_is_ordered_when_stock_covers_the_period():
    s = r.suggest(r.Position(on_hand=D(50)), days(10, 10), policy=r.Policy(review_days=1))
    assert s.quantity == 0 and "covered" in s.reasons and not s.needed


def test_booked_quantities_raise_the_target():
    s = r.suggest(r.Position(on_hand=D(0), booked=D(5)), days(10), policy=r.Policy(review_days=1))
    assert s.quantity == D(15)


def test_perishables_never_order_more_than_sells_within_the_shelf_life():
    # long review period, but goods keep 2 days: at most 2 days of demand
    s = r.suggest(r.Position(on_hand=D(0)), days(10, 10, 10, 10, 10),
                  policy=r.Policy(review_days=5, shelf_life_days=2))
    assert s.quantity == D(20)
    assert "capped_by_shelf_life" in s.reasons


def test_pack_sizes_round_up():
    s = r.suggest(r.Position(on_hand=D(0)), days(7), policy=r.Policy(pack_size=D(5)))
    assert s.quantity == D(10) and "rounded_to_pack" in s.reasons


def test_pack_sizes_round_down_when_rounding_up_would_spoil():
    s = r.suggest(r.Position(on_hand=D(0)), days(7, 7, 7), policy=r.Policy(review_days=3, shelf_life_days=1,
                                                                            pack_size=D(5)))
    assert s.quantity == D(5)


def test_minimum_order_quantity_raises_small_orders():
    s = r.suggest(r.Position(on_hand=D(0)), days(3), policy=r.Policy(moq=D(10)))
    assert s.quantity == D(10) and "raised_to_moq" in s.reasons


def test_minimum_order_quantity_that_would_spoil_is_not_ordered():
    s = r.suggest(r.Position(on_hand=D(0)), days(3, 3), policy=r.Policy(moq=D(10), shelf_life_days=1))
    assert s.quantity == 0 and "moq_would_spoil" in s.reasons


def test_lead_time_demand_is_served_before_the_order_arrives():
    s = r.suggest(r.Position(on_hand=D(10)), days(10, 6), policy=r.Policy(lead_time_days=1, review_days=1))
    assert s.reorder_point == D(10)
    assert s.quantity == D(6)


def test_sale_probability_comes_from_the_zero_quantiles():
    d = r.DayForecast(date(2024, 1, 1), {D("0.3"): D(0), D("0.5"): D(0), D("0.9"): D(4)})
    assert d.sale_probability() == D("0.5")
    assert d.quantile(D("0.7")) == D(2)
