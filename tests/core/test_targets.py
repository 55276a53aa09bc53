"""Sales targets (domain/targets.py): the days of a period, which target holds a day (a month's own before the
standing one), how far one has come (closed days no days of it), kept and replaced."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from domain import targets
from domain.targets import Target


def test_a_period_spans_its_days():
    assert targets.span("day", date(2026, 6, 17)) == (date(2026, 6, 17), date(2026, 6, 17))
    assert targets.span("week", date(2026, 6, 17)) == (date(2026, 6, 15), date(2026, 6, 21))   # Monday to Sunday
    assert targets.span("month", date(2026, 2, 10)) == (date(2026, 2, 1), date(2026, 2, 28))
    assert targets.span("month", date(2028, 2, 10)) == (date(2028, 2, 1), date(2028, 2, 29))
    assert targets.span("year", date(2026, 6, 17)) == (date(2026, 1, 1), date(2026, 12, 31))


def test_a_months_own_target_goes_before_the_standing_one_and_only_in_its_month():
    every = Target(1, "month", None, Decimal(100000), location="XH")
    june = Target(2, "month", date(2026, 6, 1), Decimal(120000), location="XH")
    other_store = Target(3, "month", None, Decimal(50000), location="JA")
    week = Target(4, "week", date(2026, 6, 15), Decimal(30000), location="XH")
    kept = [every, june, other_store, week]
    assert sorted(t.number for t in targets.current(kept, date(2026, 6, 17))) == [2, 3, 4]
    assert sorted(t.number for t in targets.current(kept, date(2026, 7, 2))) == [1, 3]   # (June's and the week gone)
    assert every.days(date(2026, 7, 2)) == (date(2026, 7, 1), date(2026, 7, 31))
    assert june.days(date(2026, 7, 2)) == (date(2026, 6, 1), date(2026, 6, 30))   # (its own month, whatever the day)


def test_progress_counts_open_days_paces_and_says_what_each_day_left_needs():
    # June: 30 days, two closed; on the 15th (open) 42,000 of 100,000 sold
    p = targets.progress(Decimal(100000), Decimal(42000), date(2026, 6, 1), date(2026, 6, 30), date(2026, 6, 15),
                         closed=[date(2026, 6, 6), date(2026, 6, 20)])
    assert (p.days, p.gone, p.left, p.over) == (28, 14, 14, False)   # (06-06 gone, 06-20 to come: neither counted)
    assert p.share == Decimal("0.42") and p.time_share == Decimal("0.5")
    assert p.expected == Decimal(84000)                              # 42,000 over 14 open days, for 28
    assert p.per_day == Decimal(58000) / 14
    assert p.ahead == Decimal("-0.08")
    done = targets.progress(Decimal(100), Decimal(130), date(2026, 6, 1), date(2026, 6, 30), date(2026, 6, 15))
    assert done.gap == 0 and done.per_day is None
    past = targets.progress(Decimal(100), Decimal(60), date(2026, 5, 1), date(2026, 5, 31), date(2026, 6, 15))
    assert past.over and past.left == 0 and past.expected == Decimal(60) and past.gap == Decimal(40)
    last_day = targets.progress(Decimal(100), Decimal(60), date(2026, 6, 1), date(2026, 6, 30), date(2026, 6, 30))
    assert last_day.left == 0 and last_day.per_day is None and last_day.gap == Decimal(40)


def test_the_same_target_set_again_replaces_it_and_keeps_its_number():
    a = Target(0, "month", date(2026, 6, 1), Decimal(100), location="XH")
    kept, was, a = targets.kept_with([], a)
    b = Target(0, "month", date(2026, 6, 1), Decimal(200), user="xm")
    kept, was_b, b = targets.kept_with(kept, b)
    assert (a.number, b.number, was, was_b) == (1, 2, None, None)
    kept, was, a2 = targets.kept_with(kept, Target(0, "month", date(2026, 6, 1), Decimal(150), location="XH"))
    assert was == a and a2.number == 1 and [t.amount for t in kept] == [Decimal(150), Decimal(200)]
    # another month, the standing one, or a product's in units: targets of their own
    for other in (Target(0, "month", date(2026, 7, 1), Decimal(1), location="XH"),
                  Target(0, "month", None, Decimal(1), location="XH"),
                  Target(0, "month", date(2026, 6, 1), Decimal(1), qty=True, location="XH", goods="sku", key="A06")):
        kept, was, new = targets.kept_with(kept, other)
        assert was is None
    assert [t.number for t in kept] == [1, 2, 3, 4, 5]
    assert targets.load(targets.dump(kept)) == kept
    # one taken away: its number is never given again
    raw = targets.dump(kept[:2], last=5)
    assert targets.last_number(raw) == 5
    _, _, new = targets.kept_with(targets.load(raw), Target(0, "day", date(2026, 6, 15), Decimal(1)),
                                  targets.last_number(raw))
    assert new.number == 6


def test_a_cancellation_names_the_targets_it_means():
    june = Target(1, "month", date(2026, 6, 1), Decimal(100), location="XH")
    every = Target(2, "month", None, Decimal(90), location="XH")
    hers = Target(3, "month", date(2026, 6, 1), Decimal(10), user="xm")
    audio = Target(4, "month", date(2026, 6, 1), Decimal(10), location="XH", goods="category", key="音频")
    kept = [june, every, hers, audio]
    day = date(2026, 6, 15)
    assert targets.named(kept, number=3, day=day) == [hers]
    assert targets.named(kept, period="month", start=date(2026, 6, 1), location="XH", goods=("all", "*"),
                         day=day) == [june]
    assert targets.named(kept, period="month", location="XH", goods=("all", "*"), standing=True, day=day) == [every]
    assert targets.named(kept, location="XH", goods=("all", "*"), day=day) == [june, every]   # (asked which)
    assert targets.named(kept, user="xm", day=day) == [hers]
