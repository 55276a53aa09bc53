"""Features for the pooled models, computed for many (series, origin, horizon step) rows at once.

A row (i, t, k) forecasts day t + k of series i from the days before t. Everything is read through
cumulative sums on a zero-padded copy of the history, so no index ever reaches before day 0 and
nothing on or after t is read, except the regressors known in advance for day t + k: the calendar
(holidays, make-up workdays, the tenant's event days), the weather and the (planned) price.
"""
from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from adapters.forecasting import calendar as calendars
from adapters.forecasting import exog as exogs

PAD = 400  # room for the same weeks a year (52 weeks) before the earliest feature row
YEAR = 364
GAP_CAP = 60   # zero days since the last sale, capped
RUNS = 182     # days over which the runs of sale days a series completed give its usual run total
# days of pseudo-origins that must see a whole year back before the same weeks a year earlier enter the models:
# with fewer, those few rows alone would decide the yearly features' coefficients
YEARLY_DAYS = 91
CLOSED = slice(4, 6)   # the rows of ``festival_days`` on which a shop may be closed: the eve and the New Year's day


def festival_days(eve: np.ndarray) -> np.ndarray:
    """Indicator rows over the days of ``eve`` (True on the Spring Festival's eve, 除夕): 1, 2, 3 and 4-7 days before
    the eve, the eve and the New Year's day.

    Shoppers stock up for the New Year's Eve dinner in the last three days before it (2-5 times the usual sales on
    the shared data), and many shops close on the eve or the day after; both are learnt from the festivals in the
    history. The eve, not the first day off, is the anchor: the State Council's holiday starts on it in some years,
    on the day after (2024) or two days before (2026) in others.
    """
    eve = np.asarray(eve, dtype=bool)
    span = len(eve)
    eves = np.flatnonzero(eve)
    ahead = np.full(span, -1)             # days until the next eve
    for s in eves.tolist():
        lo = max(0, s - 7)
        ahead[lo:s] = s - np.arange(lo, s)
    new_year = np.zeros(span, dtype=bool)
    new_year[eves[eves + 1 < span] + 1] = True
    rows = [ahead == 1, ahead == 2, ahead == 3, (ahead >= 4) & (ahead <= 7), eve, new_year]
    return np.stack(rows).astype(float)


class Design:
    """History ``y`` (series × days before the origin) padded for feature lookups."""

    def __init__(self, y: np.ndarray, *, start: date, horizon: int, calendar: calendars.HolidayCalendar,
                 exog: exogs.Exog | None = None) -> None:
        n, days = y.shape
        self.n, self.days, self.horizon = n, days, horizon
        self.y = np.concatenate([np.zeros((n, PAD)), y.astype(float), np.zeros((n, horizon + 7))], axis=1)
        pos = self.y > 0
        self.c = np.concatenate([np.zeros((n, 1)), np.cumsum(self.y, axis=1)], axis=1)
        self.nz = np.concatenate([np.zeros((n, 1)), np.cumsum(pos, axis=1)], axis=1)
        ly = np.log(np.where(pos, self.y, 1.0))
        self.ly = ly
        self.lc = np.concatenate([np.zeros((n, 1)), np.cumsum(ly, axis=1)], axis=1)
        self.lc2 = np.concatenate([np.zeros((n, 1)), np.cumsum(ly ** 2, axis=1)], axis=1)
        # zero days before each column (since the last sale, capped at GAP_CAP), and cumulative counts of zero days
        # and of sales that follow a zero day: how readily a series comes back after a day off the shelf
        cols = np.arange(self.y.shape[1])
        last = np.maximum.accumulate(np.where(pos, cols, -GAP_CAP), axis=1)
        self.gap = np.minimum(np.concatenate([np.full((n, 1), GAP_CAP), cols[1:] - last[:, :-1] - 1], axis=1),
                              GAP_CAP).astype(float)
        after_zero = np.concatenate([np.zeros((n, 1)), ~pos[:, :-1]], axis=1)
        self.czero = np.concatenate([np.zeros((n, 1)), np.cumsum(after_zero, axis=1)], axis=1)
        self.cback = np.concatenate([np.zeros((n, 1)), np.cumsum(after_zero * pos, axis=1)], axis=1)
        # a run is a stretch of days with a sale: what the current run has sold up to each day, and cumulative
        # totals and counts of the runs that ended (at the first zero day after a run)
        zero_at = np.maximum.accumulate(np.where(pos, -1, cols), axis=1)   # last zero day at or before each column
        self.run = self.c[:, 1:] - np.take_along_axis(self.c, zero_at + 1, axis=1)
        ended = np.concatenate([np.zeros((n, 1), bool), pos[:, :-1] & ~pos[:, 1:]], axis=1)
        ends = np.where(ended, np.concatenate([np.zeros((n, 1)), self.run[:, :-1]], axis=1), 0.0)
        self.cruns = np.concatenate([np.zeros((n, 1)), np.cumsum(ends, axis=1)], axis=1)
        self.nruns = np.concatenate([np.zeros((n, 1)), np.cumsum(ended, axis=1)], axis=1)
        self.total = self.y.sum(axis=0)
        self.ctot = np.concatenate([[0.0], np.cumsum(self.total)])
        first = start - timedelta(days=PAD)
        span = self.y.shape[1]
        kinds = [calendar.kind(first + timedelta(days=j)) for j in range(span)]
        self.holiday = np.array([k is calendars.DayKind.HOLIDAY for k in kinds], dtype=float)
        self.makeup = np.array([k is calendars.DayKind.MAKEUP_WORKDAY for k in kinds], dtype=float)
        self.pre_holiday = np.concatenate([self.holiday[1:], [0.0]]) * (1 - self.holiday)
        self.first_weekday = first.weekday()   # of padded column 0
        wd = (first.weekday() + np.arange(span)) % 7
        self.weekend = (wd >= 5).astype(float)
        event = np.array([calendar.is_event(first + timedelta(days=j)) for j in range(span)], dtype=float)
        # only regressors the history has seen vary enter the models
        self.event = event if event[: PAD + days].any() else None
        festival = festival_days(np.array([calendar.is_new_years_eve(first + timedelta(days=j)) for j in range(span)]))
        self.festival = festival if festival[:, : PAD + days].any() else None
        if self.festival is not None:   # the festival's days are its own, not any holiday's eve
            self.pre_holiday = self.pre_holiday * (1 - festival.max(axis=0))
        real = days + horizon
        daily = exog.daily_span(real) if exog is not None else None
        self.daily: np.ndarray | None = None
        if daily is not None and np.ptp(daily[:, :days], axis=1).max(initial=0.0) > 0:
            self.daily = np.concatenate([np.zeros((len(daily), PAD)), daily, np.zeros((len(daily), span - PAD - real))],
                                        axis=1)
        price = exog.price_span(n, real) if exog is not None else None
        self.lp: np.ndarray | None = None
        if price is not None and np.isfinite(price[:, :days]).any():
            self.lp = self._log_price(price, days=days, span=span)

    @staticmethod
    def _log_price(price: np.ndarray, *, days: int, span: int) -> np.ndarray:
        """Log price per day, carried forward from the last known one (back to the first one before it).

        On forecast days a planned price (a promotion) holds for its own day; the others keep the history's
        last price.
        """
        lp = np.log(np.where(np.isfinite(price) & (price > 0), price, np.nan))
        plan = lp[:, days:].copy()
        for col in range(1, lp.shape[1]):
            lp[:, col] = np.where(np.isnan(lp[:, col]), lp[:, col - 1], lp[:, col])
        if days > 0:  # a forecast day without a plan has the last price of the history, not the last plan
            lp[:, days:] = np.where(np.isnan(plan), lp[:, days - 1: days], plan)
        first = np.array([row[np.isfinite(row)][0] if np.isfinite(row).any() else 0.0 for row in lp])
        lp = np.where(np.isnan(lp), first[:, None], lp)
        tail = span - PAD - lp.shape[1]
        return np.concatenate([np.repeat(lp[:, :1], PAD, axis=1), lp, np.repeat(lp[:, -1:], tail, axis=1)], axis=1)

    def t_index(self, day: int) -> int:
        """Padded column of history day ``day`` (0 = first history day; ``days`` = the origin)."""
        return day + PAD

    # -- helpers -------------------------------------------------------------------------------------------
    def mean(self, i: np.ndarray, t: np.ndarray, n: int) -> np.ndarray:
        out: np.ndarray = (self.c[i, t] - self.c[i, t - n]) / n
        return out

    def frac(self, i: np.ndarray, t: np.ndarray, n: int) -> np.ndarray:
        out: np.ndarray = (self.nz[i, t] - self.nz[i, t - n]) / n
        return out

    def log_pos_mean(self, i: np.ndarray, t: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
        cnt = self.nz[i, t] - self.nz[i, t - n]
        return (self.lc[i, t] - self.lc[i, t - n]) / np.maximum(cnt, 1), cnt

    def profile(self, t: np.ndarray, k: np.ndarray) -> np.ndarray:
        """Store-wide same-weekday mean over 8 weeks / overall mean over the 56 days before t."""
        tg = t + k
        lag = 7 * (k // 7 + 1)
        same = sum(self.total[tg - lag - 7 * j] for j in range(8)) / 8
        overall = (self.ctot[t] - self.ctot[t - 56]) / 56
        return np.where(overall > 0, same / np.maximum(overall, 1e-9), 1.0)

    def recent_quantiles(self, i: np.ndarray, t: np.ndarray, s: np.ndarray, n: int = 28) -> np.ndarray:
        """Median and upper quartile of the last ``n`` days (zeros included), in units of ``s``.

        They tell a steady seller (median near the mean) from one whose mean comes from a few big days.
        """
        window, back = self.windows(i, t, n)
        out: np.ndarray = np.quantile(window, (0.5, 0.75), axis=1)[:, back] / s
        return out

    def windows(self, i: np.ndarray, t: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
        """The last ``n`` days before t, once per distinct (series, origin) (every horizon step of a row shares
        its origin), and for each row the index of its window."""
        key = i.astype(np.int64) * self.y.shape[1] + t
        _, first, back = np.unique(key, return_index=True, return_inverse=True)
        window = np.stack([self.y[i[first], t[first] - j] for j in range(1, n + 1)], axis=1)
        return window, back

    def yearly(self, i: np.ndarray, t: np.ndarray, k: np.ndarray, s: np.ndarray) -> tuple[np.ndarray, ...]:
        """The same weeks a year (52 weeks) earlier: sales around the target day against the 4 weeks before the
        origin then (ratio of the means), and the two shares of sale days. Seasonal items come and go.

        Neutral (a ratio of 1, no sale days) where those weeks begin before the history, whose days nobody recorded,
        and everywhere while fewer than ``YEARLY_DAYS`` days of the history can see a whole year back."""
        tg = t + k
        a = (self.c[i, tg - YEAR + 4] - self.c[i, tg - YEAR - 3]) / 7
        b = (self.c[i, t - YEAR] - self.c[i, t - YEAR - 28]) / 28
        fa = (self.nz[i, tg - YEAR + 4] - self.nz[i, tg - YEAR - 3]) / 7
        fb = (self.nz[i, t - YEAR] - self.nz[i, t - YEAR - 28]) / 28
        e = 0.1 * s
        seen = (t - YEAR - 28 >= PAD) & (self.days >= YEAR + 28 + YEARLY_DAYS)
        return np.where(seen, np.clip((a + e) / (b + e), 0.0, 4.0), 1.0), np.where(seen, fa, 0.0), np.where(seen, fb, 0.0)

    def known(self, tg: np.ndarray) -> list[np.ndarray]:
        """The regressors known in advance for the target days (event flag, weather columns)."""
        out = [] if self.event is None else [self.event[tg]]
        if self.daily is not None:
            out += list(self.daily[:, tg])
        return out

    def festive(self, tg: np.ndarray) -> list[np.ndarray]:
        """The Spring Festival's days (``festival_days``) on the target days; none when the history has no festival."""
        return [] if self.festival is None else list(self.festival[:, tg])

    def price_change(self, i: np.ndarray, t: np.ndarray, k: np.ndarray) -> np.ndarray:
        """Log (planned) price on the target day minus the last known price before the origin (0 without prices)."""
        if self.lp is None:
            return np.zeros(len(i))
        out: np.ndarray = np.clip(self.lp[i, t + k] - self.lp[i, t - 1], -1.5, 1.5)
        return out

    def scale(self, i: np.ndarray, t: np.ndarray) -> np.ndarray:
        s28, s56 = self.mean(i, t, 28), self.mean(i, t, 56)
        return np.maximum(np.where(s28 > 0, s28, s56), 1e-3)

    def spread(self, i: np.ndarray, t: np.ndarray, base: np.ndarray, sigma: float, *, prior: float = 3.0
               ) -> np.ndarray:
        """How widely the series' own sale sizes vary, for the spread of the log size around its median:
        the standard deviation of log sizes over the last 28 and 56 days (pulled towards ``sigma`` by ``prior``
        sale days), the median, upper quartile, 90th percentile and maximum of the last 56 days' log sizes
        against ``base`` (scaled down below 10 sale days, with that scale a column too), and a sale yesterday."""
        cols = []
        for w in (28, 56):
            cnt = self.nz[i, t] - self.nz[i, t - w]
            s1 = self.lc[i, t] - self.lc[i, t - w]
            ss = np.maximum(self.lc2[i, t] - self.lc2[i, t - w] - s1 ** 2 / np.maximum(cnt, 1), 0.0)
            cols.append(np.sqrt((ss + prior * sigma ** 2) / (np.maximum(cnt - 1, 0) + prior)))
        window, back = self.windows(i, t, 56)
        sold = window > 0
        count = sold.sum(axis=1)
        logs = np.sort(np.where(sold, np.log(np.where(sold, window, 1.0)), np.inf), axis=1)
        last = np.maximum(count - 1, 0)
        weight = (np.minimum(count, 10) / 10.0)[back]
        for q in (0.5, 0.75, 0.9, 1.0):   # quantiles of the sold days' log sizes (sorted first, inf after)
            pos = last * q
            lo, hi = np.floor(pos).astype(int), np.ceil(pos).astype(int)
            rows = np.arange(len(window))
            with np.errstate(invalid="ignore"):   # series without a sale: inf − inf, replaced by 0 below
                val = logs[rows, lo] + (logs[rows, hi] - logs[rows, lo]) * (pos - lo)
            v = np.where(count > 0, val, 0.0)[back] - base
            cols.append(np.where(weight > 0, v, 0.0) * weight)
        cols += [weight, (self.y[i, t - 1] > 0).astype(float)]
        return np.stack(cols, axis=1)

    def comeback_rate(self, i: np.ndarray, t: np.ndarray, *, window: int = 91) -> np.ndarray:
        """Sales after a day without one / days without one, over the last ``window`` days (with a weak prior)."""
        out: np.ndarray = (self.cback[i, t] - self.cback[i, t - window] + 0.3) / \
            (self.czero[i, t] - self.czero[i, t - window] + 1)
        return out

    def depletion(self, i: np.ndarray, t: np.ndarray, *, window: int = RUNS) -> tuple[np.ndarray, np.ndarray]:
        """What the run of sale days that reaches the day before t has sold, against the mean total of the runs
        that ended in the last ``window`` days (0 for a series off the shelf at t or without an ended run; capped at 3),
        and how many runs ended then (in thirteenths, capped at 1).

        A store that puts a lot on the shelf and sells it until it is gone shows runs of similar totals: a run
        that has sold its usual total is about to end."""
        count = self.nruns[i, t] - self.nruns[i, t - window]
        usual = (self.cruns[i, t] - self.cruns[i, t - window]) / np.maximum(count, 1)
        sold = self.run[i, t - 1]
        ratio = np.where(usual > 0, np.clip(sold / np.maximum(usual, 1e-9), 0.0, 3.0), 0.0)
        return ratio, np.minimum(count, 13) / 13.0

    def off_states(self, i: np.ndarray, t: np.ndarray) -> list[np.ndarray]:
        """Whether a series is off the shelf at t, by how long: no sale for 1, 2, 3–6 and 7 or more days."""
        g = self.gap[i, t]
        return [g == 1, g == 2, (g >= 3) & (g < 7), g >= 7]

    def comeback(self, i: np.ndarray, t: np.ndarray, k: np.ndarray, s: np.ndarray, *, window: int = 91
                 ) -> list[np.ndarray]:
        """For a series off the shelf at the origin (no sale for 1, 2, 3–6 or 7+ days): that state, scaled by its
        level on sale days of the last 28 days (in units of ``s``), and how likely it is back by the target day
        if it comes back as readily as it did in the last ``window`` days (sales after a zero day / zero days)."""
        g = self.gap[i, t]
        cnt = self.nz[i, t] - self.nz[i, t - 28]
        on_sale = np.where(cnt > 0, (self.c[i, t] - self.c[i, t - 28]) / np.maximum(cnt, 1), 0.0) / s
        states = self.off_states(i, t)
        cols = [x.astype(float) for x in states] + [x * on_sale for x in states]
        off = (g > 0).astype(float)
        rate = self.comeback_rate(i, t, window=window)
        kk = np.minimum(k, 13) / 7.0
        back = 1 - (1 - rate) ** (k + 1)
        return [*cols, rate * on_sale * off, rate * on_sale * off * kk, on_sale * off * kk, back * on_sale * off,
                back * off]

    # -- the two designs -----------------------------------------------------------------------------------
    def level(self, i: np.ndarray, t: np.ndarray, k: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Features of the median regression, in units of the series' recent mean (returned too)."""
        s = self.scale(i, t)
        tg = t + k
        lag = 7 * (k // 7 + 1)
        y = self.y
        prof = self.profile(t, k)
        m7 = self.mean(i, t, 7) / s
        last = np.stack([y[i, t - j] for j in range(1, 8)], axis=1) / s[:, None]
        sd = np.stack([y[i, tg - lag - 7 * j] for j in range(4)], axis=1) / s[:, None]
        i1 = (y[i, t - 1] > 0).astype(float)
        i2 = (self.frac(i, t, 2) > 0).astype(float)
        i3 = (self.frac(i, t, 3) > 0).astype(float)
        kk = np.minimum(k, 13) / 7.0
        hol, mk, pre = self.holiday[tg], self.makeup[tg], self.pre_holiday[tg]
        cols = [np.ones_like(s), *last.T, m7, self.mean(i, t, 14) / s, self.mean(i, t, 56) / s,
                sd[:, 0], sd.mean(axis=1), self.frac(i, t, 28), prof, hol, mk, pre, prof * m7, hol * m7, pre * m7,
                i1, i3, m7 * i1, m7 * i3, m7 * i2, np.median(last, axis=1), last.max(axis=1), kk, m7 * kk,
                last[:, 0] * kk, *self.recent_quantiles(i, t, s)]
        ratio, fa, fb = self.yearly(i, t, k, s)
        cols += [ratio, m7 * ratio, fa - fb, m7 * (fa - fb)]
        # the target's weekday, scaled by the last week's level: with a series' own coefficients, its own weekly
        # pattern, steadier than the same weekday of the last four weeks when the history is short
        wd = (self.first_weekday + tg) % 7
        cols += [(wd == d) * m7 for d in range(6)]
        cols += self.comeback(i, t, k, s)
        festive = self.festive(tg)   # an uplift in proportion to the level; the eve and the day after may be closed
        cols += [m7 * x for x in festive] + festive[CLOSED]
        for x in self.known(tg):
            cols += [x, m7 * x]
        return np.stack(cols, axis=1), s

    def occurrence(self, i: np.ndarray, t: np.ndarray, k: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Features of P(sale), features of the log size relative to ``base``, and ``base`` (hurdle model)."""
        y = self.y
        tg = t + k
        lag = 7 * (k // 7 + 1)
        prof = np.log(np.maximum(self.profile(t, k), 0.05))
        f7, f28, f3 = self.frac(i, t, 7), self.frac(i, t, 28), self.frac(i, t, 3)
        i1 = (y[i, t - 1] > 0).astype(float)
        sd = sum((y[i, tg - lag - 7 * j] > 0).astype(float) for j in range(4)) / 4
        kk = np.minimum(k, 13) / 7.0
        hol, mk, pre = self.holiday[tg], self.makeup[tg], self.pre_holiday[tg]
        ones = np.ones(len(i))
        ratio, fa, fb = self.yearly(i, t, k, self.scale(i, t))
        known = self.known(tg) + self.festive(tg)
        off = (self.gap[i, t] > 0).astype(float)
        rate = self.comeback_rate(i, t)
        back = 1 - (1 - rate) ** (k + 1)
        ran, runs = self.depletion(i, t)
        # how many days off the shelf: a series that comes back after two days off is not back after one
        states = [x.astype(float) for x in self.off_states(i, t)[:3]]
        occ = np.stack([ones, f7, f28, f3, i1, sd, prof, hol, mk, pre, kk, i1 * kk, f3 * kk, fa, fb, fa - fb,
                        off * np.log(rate), off * np.log(back), ran, ran * kk, (runs > 0).astype(float), runs, *states,
                        *known], axis=1)
        l7, _ = self.log_pos_mean(i, t, 7)
        l28, c28 = self.log_pos_mean(i, t, 28)
        l56, c56 = self.log_pos_mean(i, t, 56)
        base = np.where(c28 > 0, l28, l56)
        l7 = np.where(self.frac(i, t, 7) > 0, l7, base)
        lastpos = np.where(i1 > 0, self.ly[i, t - 1], l7)
        same = y[i, tg - lag]
        sdv = np.where(same > 0, self.ly[i, tg - lag], l7)
        size_cols = [ones, l7 - base, lastpos - base, sdv - base, prof, hol, mk, pre, kk, f7, f28, np.log(ratio), *known]
        if self.lp is not None:
            # the price of the target day against the last 28 days' (sale days only are fitted, so the day's
            # observed price leaks nothing; forecast days carry the last or the planned price)
            ref = np.stack([self.lp[i, t - j] for j in range(1, 29)], axis=1).mean(axis=1)
            size_cols.append(np.clip(self.lp[i, tg] - ref, -1.5, 1.5))
        size = np.stack(size_cols, axis=1)
        return occ, size, base
