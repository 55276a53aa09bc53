"""Promotions (domain/promotions.py): each line charged by the one line promotion that costs it least, a spend
threshold after them, only on its days, at its store and over its goods; the lines add up to what is taken, to the
fen; what cannot be a promotion is refused; the settings' form round-trips."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal

import pytest

from domain import errors, promotions
from domain.promotions import Promotion

D = Decimal
DAY = date(2026, 6, 15)
AT = datetime(2026, 6, 15, 10, 0, tzinfo=timezone(timedelta(hours=8)))


def promo(n: int, kind: str, **kw: object) -> Promotion:
    base: dict[str, object] = {"scope": "sku", "key": "A05", "first": DAY}
    return Promotion(number=n, kind=kind, **(base | kw))  # type: ignore[arg-type]


def charge(promos: list[Promotion], lines: list[tuple[str, str, Decimal, Decimal | None]], *,
           day: date = DAY, location: str | None = "MD", at: datetime = AT, clock: time | None = None
           ) -> promotions.Applied:
    return promotions.apply(promos, lines, day=day, location=location, at=at, clock=clock)


@pytest.mark.parametrize(("p", "qty", "taken"), [
    (promo(1, "bundle", buy=D(2), free=D(1)), D(3), D("58.00")),      # 买二送一: 3 for the price of 2
    (promo(1, "bundle", buy=D(2), free=D(1)), D(5), D("116.00")),     # (one group of three, two more at the list)
    (promo(1, "bundle", buy=D(2), free=D(1)), D(6), D("116.00")),     # two groups
    (promo(1, "second", share=D("0.5"), buy=D(1)), D(2), D("43.50")),  # 第二件半价
    (promo(1, "second", share=D("0.5"), buy=D(1)), D(3), D("72.50")),  # (the third at the list)
    (promo(1, "share", share=D("0.8")), D(3), D("69.60")),            # 打8折
    (promo(1, "price", price=D(19)), D(3), D("57.00")),               # 特价19元
    (promo(1, "bundle", buy=D(2), free=D(1)), D(2), D("58.00")),      # (two: nothing free yet)
])
def test_a_line_is_charged_by_its_promotion(p: Promotion, qty: Decimal, taken: Decimal):
    done = charge([p], [("A05", "配件", qty, D(29))])
    assert done.listed == (qty * 29).quantize(D("0.01"))
    assert done.taken == taken
    assert (qty * (done.prices[0] or D(0))).quantize(D("0.01")) == taken
    assert [n for n, _ in [(q.number, o) for q, o in done.used]] == ([1] if taken < done.listed else [])


def test_the_cheapest_line_promotion_wins_and_they_never_stack():
    two = [promo(1, "share", share=D("0.9")), promo(2, "bundle", buy=D(2), free=D(1))]
    done = charge(two, [("A05", "配件", D(3), D(29))])
    assert done.taken == D("58.00") and [p.number for p, _ in done.used] == [2]   # ¥58 beats ¥78.30
    one = charge(two, [("A05", "配件", D(1), D(29))])
    assert one.taken == D("26.10") and [p.number for p, _ in one.used] == [1]     # one unit: the 9折 only


def test_a_threshold_takes_off_what_the_lines_came_to_after_their_promotions_spread_to_the_fen():
    promos = [promo(1, "share", share=D("0.8"), scope="sku", key="A06"),
              promo(2, "threshold", scope="all", key="*", threshold=D(100), off=D(10))]
    lines: list[tuple[str, str, Decimal, Decimal | None]] = [("A06", "音频", D(1), D(99)), ("A05", "配件", D(1), D(29))]
    done = charge(promos, lines)
    assert done.listed == D("128.00") and done.taken == D("98.20")   # 79.20 + 29 = 108.20 ≥ 100 → −10
    assert sum(q * (p or 0) for (_, _, q, _), p in zip(lines, done.prices, strict=True)).quantize(D("0.01")) \
        == done.taken
    assert dict((p.number, off) for p, off in done.used) == {1: D("19.80"), 2: D(10)}
    under = charge(promos, [("A06", "音频", D(1), D(99))])   # 79.20 < 100: no threshold
    assert under.taken == D("79.20") and [p.number for p, _ in under.used] == [1]


def test_every_full_threshold_takes_its_amount_off_when_said_each():
    each = promo(1, "threshold", scope="all", key="*", threshold=D(100), off=D(10), each=True)
    once = promo(1, "threshold", scope="all", key="*", threshold=D(100), off=D(10))
    lines: list[tuple[str, str, Decimal, Decimal | None]] = [("A06", "音频", D(3), D(99))]   # ¥297
    assert charge([each], lines).taken == D("277.00")
    assert charge([once], lines).taken == D("287.00")


def test_a_promotion_runs_only_on_its_days_at_its_store_over_its_goods_until_ended():
    p = promo(1, "share", share=D("0.5"), scope="category", key="配件", last=DAY + timedelta(days=2))
    line: list[tuple[str, str, Decimal, Decimal | None]] = [("A05", "配件", D(2), D(29))]
    assert charge([p], line).taken == D("29.00")
    assert charge([p], line, day=DAY - timedelta(days=1)).taken == D("58.00")   # before it
    assert charge([p], line, day=DAY + timedelta(days=3)).taken == D("58.00")   # after it
    assert charge([p], [("A06", "音频", D(1), D(99))]).used == ()                # other goods
    at_one = promo(1, "share", share=D("0.5"), location="DB")
    assert charge([at_one], line, location="MD").used == ()                     # another store's
    done = promotions.ended(p, AT)
    assert charge([done], line, at=AT + timedelta(minutes=1)).used == ()        # ended: as before from then on
    assert charge([done], line, at=AT - timedelta(minutes=1)).taken == D("29.00")
    assert done.over(DAY, AT) and not p.over(DAY, AT)


def test_one_for_some_hours_runs_only_then():
    p = promo(1, "share", share=D("0.5"), since=time(20, 0))
    line: list[tuple[str, str, Decimal, Decimal | None]] = [("A05", "配件", D(2), D(29))]
    assert charge([p], line, clock=time(20, 30)).taken == D("29.00")
    assert charge([p], line, clock=time(19, 59)).used == ()
    window = promo(1, "share", share=D("0.5"), since=time(14, 0), until=time(17, 0))
    assert [charge([window], line, clock=time(h, 0)).taken for h in (13, 14, 16, 17)] == [
        D("58.00"), D("29.00"), D("29.00"), D("58.00")]
    with pytest.raises(errors.BadInput):
        promo(1, "share", share=D("0.5"), since=time(22, 0), until=time(8, 0))


def test_a_line_without_a_list_price_is_left_alone_and_counts_for_nothing():
    done = charge([promo(1, "threshold", scope="all", key="*", threshold=D(50), off=D(5))],
                  [("A05", "配件", D(1), None), ("A06", "音频", D(1), D(99))])
    assert done.prices[0] is None and done.listed == D("99.00") and done.taken == D("94.00")


@pytest.mark.parametrize("kw", [
    {"kind": "share", "share": D(1)}, {"kind": "share", "share": D(0)},
    {"kind": "bundle", "buy": D(0), "free": D(1)}, {"kind": "price", "price": D(-1)},
    {"kind": "threshold", "threshold": D(10), "off": D(10), "scope": "all", "key": "*"},
    {"kind": "share", "share": D("0.8"), "last": DAY - timedelta(days=1)},
    {"kind": "gift", "share": D("0.8")},
])
def test_what_cannot_be_a_promotion_is_refused(kw: dict[str, object]):
    with pytest.raises(errors.BadInput):
        promo(1, **kw)  # type: ignore[arg-type]


def test_the_settings_form_round_trips():
    kept = [promo(1, "bundle", buy=D(2), free=D(1), last=DAY + timedelta(days=6), location="MD", said="买二送一"),
            promotions.ended(promo(2, "threshold", scope="all", key="*", threshold=D(100), off=D(10), each=True), AT),
            promo(3, "share", share=D("0.5"), since=time(20, 0), until=time(22, 30))]
    raw = promotions.dump(kept)
    assert raw["next"] == 4
    assert promotions.load(raw) == kept
