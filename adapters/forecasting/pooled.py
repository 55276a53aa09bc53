"""Our model: two regressions pooled over all series of a store, refitted at every origin.

* a median (least-absolute-deviation) regression of demand, in units of each series' recent mean,
  on recent days, same weekday, store-wide weekday profile, holidays and make-up workdays,
  on/off-shelf signals (and, for a series off the shelf at the origin, how readily it came back after a
  day off in the last 13 weeks) and the median and upper quartile of the last 28 days;
* a hurdle model for intermittent demand: logistic P(sale) (which also knows how readily a series off the shelf
  came back after a day off in the last 13 weeks, and how much of its usual run total the current run of sale days
  has sold: a lot sold until it is gone) × a size whose log has a fitted median, a spread
  fitted on the series' own recent spread of sizes, and the residuals' empirical shape; its median is 0 when a
  sale is less likely than not.

Both see the same weeks a year earlier and, when the tenant has them, the regressors known in advance:
event days, weather, and the price (fitted on sale days in the size model: its coefficient is the
price elasticity, which a planned price applies to the median regression as well).

Each series with enough history then gets its own median-regression coefficients, fitted on its own
rows and pulled towards the pooled ones (a ridge penalty worth ``Settings.local`` rows): a big seller's
weekday pattern or its reaction to a quiet last day need not be the store's average.

The point forecast (the median) blends the two medians; for a series without a sale on the two days before the
origin it is the hurdle model's median alone: demand after days off the shelf is two-humped (still off, or back
at its usual level), and the hurdle model's median picks the likelier hump where the regression's straight line
settles in between. (After a single day without a sale the regression stays: it knows each series' own rhythm,
such as a sale every other day.) The other quantiles are the hurdle model's: 0 up to
P(no sale), its sizes above, kept on their side of the point; where the point is the median regression's, the
sizes' log median first moves part of the way towards it (``Settings.centre``), as the regression places demand
better than the size model alone. All fits use only the days before the origin.

The training rows are the task itself at earlier origins: every series active then, every horizon step, from the
pseudo-origins on the origin's weekday over the last year and a half (``training_rows``). A model fitted so
forecasts from origins on that weekday: the backtest's past weeks (``choose``), the store forecast of the day, the
simulation's evening (refitted every evening).
"""
from __future__ import annotations

import dataclasses
from datetime import date

import numpy as np
from scipy.special import expit, ndtri

from adapters.forecasting import calendar as calendars
from adapters.forecasting import exog as exogs
from adapters.forecasting import features

QUANTILES: tuple[float, ...] = (0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.975, 0.99)
# levels of the hurdle model's size given a sale (dense at the top, where stock levels for high service are set)
SIZE_LEVELS = np.array([0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.93, 0.95, 0.96, 0.97,
                        0.975, 0.98, 0.985, 0.99, 0.993, 0.995, 0.997, 0.998, 0.999])
BLEND = 0.8  # weight of the median regression; the hurdle model gets the rest
# share of the way the size model's log median moves towards the point forecast where the point is the median
# regression's: the median regression places demand better, and the upper quantiles that set stock move with it
CENTRE = 0.4
OFF_DAYS = 2  # from this many days without a sale before the origin, the point forecast is the hurdle model's
COARSE_ROWS = 20_000   # pooled fits on more rows than this begin on every ``Settings.coarse``-th row (``_coarse``)
FINE = 5               # median-regression iterations on all rows after the coarse ones
NEWTON = 12            # logistic (Newton) iterations of a fit
FINE_NEWTON = 3        # of which on all rows after the coarse ones


@dataclasses.dataclass(frozen=True)
class Settings:
    train_days: int = 546   # a year and a half of pseudo-origins: every season at least once
    # pseudo-origins every 7th day counting back from the origin: all on the origin's weekday, so every training row
    # is the task itself (horizon step k on the same weekday as at the origin); on the shared data the same WAPE as
    # every 4th day on all weekdays with 4/7 of the rows (see ``training_rows``)
    step: int = 7
    back: bool = True       # count the pseudo-origins back from the origin (False: forward from the window's start)
    # with fewer training rows than this (a short history, a few items), every ``fill_step``-th day's pseudo-origins
    # join them: other weekdays' rows teach less, but more than nothing
    fill_rows: int = 20_000
    fill_step: int = 4
    phase: int = 0          # days the pseudo-origins are shifted by (the bench's check: another weekday's)
    iterations: int = 15
    local_iterations: int = 5   # for each series' own coefficients, starting from the pooled ones
    coarse: int = 4         # a big pooled fit's first iterations use every 4th row: a third faster, the same WAPE
    blend: float = BLEND
    local: float = 50.0     # pull of a series' own coefficients towards the pooled ones, in rows; 0: pooled only
    # fewest training rows for a series' own coefficients: 57 weekly pseudo-origins × 7 steps, about 13 months of
    # history (8 months when every 4th day was one; on the shared data 230 rows, 8 months again, score the same)
    local_rows: int = 400
    centre: float = CENTRE  # how far the hurdle model's sizes move towards the point forecast (0: not at all)


@dataclasses.dataclass
class Forecast:
    """``point[i, k]`` and ``quantiles[i, k, q]`` (levels in ``levels``) for the requested series."""

    point: np.ndarray
    quantiles: np.ndarray
    levels: tuple[float, ...] = QUANTILES


def lad(x: np.ndarray, y: np.ndarray, w: np.ndarray, *, iterations: int, prior: np.ndarray | None = None,
        rows: float = 0.0, start: np.ndarray | None = None) -> np.ndarray:
    """Weighted least absolute deviations by iteratively reweighted least squares.

    With ``prior``, a ridge penalty towards it worth ``rows`` average rows (and IRLS starts from it): few or
    noisy rows keep the prior, many consistent ones move away from it. Without, a tiny ridge and weighted
    least squares to start from, unless ``start`` gives where to start.
    """
    eye = np.eye(x.shape[1])
    buf = np.empty_like(x)
    if prior is not None:
        beta = prior.copy()
    else:
        prior = np.zeros(x.shape[1])
        beta = start.copy() if start is not None else np.linalg.solve(_gram(x, w, buf) + 1e-4 * eye, x.T @ (w * y))
    for _ in range(iterations):
        ww = w / np.maximum(np.abs(y - x @ beta), 1e-2)
        pull = (rows * ww.mean() if rows > 0 else 1e-4) * eye
        beta = np.linalg.solve(_gram(x, ww, buf) + pull, x.T @ (ww * y) + pull @ prior)
    out: np.ndarray = beta
    return out


def _gram(x: np.ndarray, w: np.ndarray, buf: np.ndarray | None = None) -> np.ndarray:
    """xᵀ·diag(w)·x for w ≥ 0, as (√w·x)ᵀ(√w·x): numpy hands a product of an array with its own transpose to the
    symmetric BLAS routine, a third faster than the general product on the pooled fit's 75,000 × 70 rows; ``buf``
    (x's shape) spares an iterative fit a fresh copy of x at every step."""
    xs = np.multiply(x, np.sqrt(w)[:, None], out=buf)
    out: np.ndarray = xs.T @ xs
    return out


def logistic(x: np.ndarray, y: np.ndarray, *, iterations: int = NEWTON, start: np.ndarray | None = None) -> np.ndarray:
    """Logistic regression by Newton's method with a small ridge, from 0 or from ``start``."""
    beta = np.zeros(x.shape[1]) if start is None else start.copy()
    ridge = 1e-3 * np.eye(x.shape[1])
    buf = np.empty_like(x)
    for _ in range(iterations):
        p = expit(x @ beta)
        h = _gram(x, p * (1 - p) + 1e-9, buf) + ridge
        beta = beta + np.linalg.solve(h, x.T @ (y - p) - 1e-3 * beta)
    return beta


@dataclasses.dataclass
class Model:
    design: features.Design
    level: np.ndarray
    occ: np.ndarray
    size: np.ndarray
    sigma: float
    blend: float
    spread: np.ndarray | None = None  # mean |log-size residual| as a linear function of the spread features
    shape: np.ndarray | None = None   # quantiles (SIZE_LEVELS) of the log-size residual in units of its spread
    local: np.ndarray | None = None   # series × level features: each series' own median-regression coefficients
    centre: float = CENTRE            # see ``_centred``

    @property
    def elasticity(self) -> float:
        """d log(size) / d log(price), fitted on sale days (the size model's last coefficient); 0 without prices."""
        return float(self.size[-1]) if self.design.lp is not None else 0.0

    def hurdle(self, rows: np.ndarray, *, horizon: int, day: int | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(P(sale), μ, σ), each rows × horizon: demand is 0, or with probability P a size whose log has median μ
        and spread σ (``size_quantiles``).

        σ depends on the series (big, regular sellers vary less in relative terms than small ones).
        """
        shape = (len(rows), horizon)
        _, p, mu, sigma = self._parts(rows, horizon=horizon, day=day)
        return p.reshape(shape), mu.reshape(shape), sigma.reshape(shape)

    def _parts(self, rows: np.ndarray, *, horizon: int, day: int | None
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """The point forecast and the hurdle parameters (P(sale), centred μ, σ), flat over rows × horizon."""
        i, t, k = self._rows(rows, horizon=horizon, day=day)
        designs = (self.design.level(i, t, k), self.design.occurrence(i, t, k))
        point, _ = self._point(i, t, k, designs)
        p, mu, sigma = self._hurdle(i, t, designs[1])
        return point, p, self._centred(i, t, p, mu, sigma, point), sigma

    def _centred(self, i: np.ndarray, t: np.ndarray, p: np.ndarray, mu: np.ndarray, sigma: np.ndarray,
                 point: np.ndarray) -> np.ndarray:
        """μ moved ``centre`` of the way to where the hurdle distribution's median is the point forecast, for rows
        whose point is mostly the median regression's (a sale on one of the two days before the origin) and whose
        median is a sale (P > ½); σ stays.

        On the last year of the shared data this lowers the pinball loss of the day-ahead 95th–99th percentiles
        by 1.5–2 % and the simulation's stockouts at equal inventory days by about 3 %."""
        if self.centre <= 0:
            return mu
        z = self.shape if self.shape is not None else ndtri(SIZE_LEVELS)
        ok = (self.design.gap[i, t] < OFF_DAYS) & (p > 0.5) & (point > 0)
        u = np.clip((0.5 - (1 - p)) / np.maximum(p, 1e-9), SIZE_LEVELS[0], SIZE_LEVELS[-1])
        anchor = np.log(np.maximum(point, 1e-9)) - sigma * np.interp(u, SIZE_LEVELS, z)
        out: np.ndarray = np.where(ok, (1 - self.centre) * mu + self.centre * anchor, mu)
        return out

    def _rows(self, rows: np.ndarray, *, horizon: int, day: int | None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(i, t, k) of every horizon step of ``rows`` from history day ``day`` (default: the origin)."""
        rows = np.asarray(rows, dtype=int)
        i = np.repeat(rows, horizon)
        k = np.tile(np.arange(horizon), len(rows))
        t = np.full(len(i), self.design.t_index(self.design.days if day is None else day))
        return i, t, k

    def _hurdle(self, i: np.ndarray, t: np.ndarray, occurrence: tuple[np.ndarray, np.ndarray, np.ndarray]
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        occ, size, base = occurrence
        return expit(occ @ self.occ), size @ self.size + base, self._sigma(self._spread_x(i, t, size, base))

    def size_quantiles(self, mu: np.ndarray, sigma: np.ndarray) -> np.ndarray:
        """Sizes given a sale at ``SIZE_LEVELS`` (last axis) for hurdle parameters μ and σ: the fitted
        residual shape, or the normal one."""
        z = self.shape if self.shape is not None else ndtri(SIZE_LEVELS)
        out: np.ndarray = np.exp(mu[..., None] + sigma[..., None] * z)
        return out

    def _spread_x(self, i: np.ndarray, t: np.ndarray, size: np.ndarray, base: np.ndarray) -> np.ndarray:
        return np.concatenate([size, base[:, None], self.design.spread(i, t, base, self.sigma)], axis=1)

    def _sigma(self, x: np.ndarray) -> np.ndarray:
        if self.spread is None:
            return np.full(len(x), self.sigma)
        out: np.ndarray = np.clip((x @ self.spread) * np.sqrt(np.pi / 2), 0.25 * self.sigma, 3 * self.sigma)
        return out

    def _point(self, i: np.ndarray, t: np.ndarray, k: np.ndarray,
               designs: tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray, np.ndarray]] | None = None,
               *, local: bool = True) -> tuple[np.ndarray, np.ndarray]:
        """The blended median of rows (i, t, k), with each series' own median-regression coefficients unless
        ``local`` is False; ``designs`` passes their level and occurrence features when they are at hand."""
        (x, s), (occ, size, base) = designs or (self.design.level(i, t, k), self.design.occurrence(i, t, k))
        level = np.einsum("rf,rf->r", x, self.local[i]) if local and self.local is not None else x @ self.level
        lad_med = np.maximum(level, 0.0) * s * np.exp(self.elasticity * self.design.price_change(i, t, k))
        p = expit(occ @ self.occ)
        mu = size @ self.size + base
        tail = (0.5 - (1 - p)) / np.maximum(p, 1e-9)
        hurdle = np.where(tail > 0, np.exp(mu + self.sigma * ndtri(np.clip(tail, 1e-6, 1 - 1e-6))), 0.0)
        blend = np.where(self.design.gap[i, t] >= OFF_DAYS, 0.0, self.blend)   # off the shelf: the hurdle alone
        return blend * lad_med + (1 - blend) * hurdle, s

    def predict(self, rows: np.ndarray, *, horizon: int, day: int | None = None) -> Forecast:
        """Forecasts history days ``day`` .. ``day + horizon − 1`` (default: from the origin) for these rows.

        Features read only the days before ``day``.
        """
        n = len(rows)
        point, p, mu, sigma = self._parts(rows, horizon=horizon, day=day)
        q = mixture_quantiles(p, self.size_quantiles(mu, sigma), np.array(QUANTILES))
        mid = QUANTILES.index(0.5)
        q = np.maximum.accumulate(q, axis=1)
        q[:, :mid] = np.minimum(q[:, :mid], point[:, None])
        q[:, mid:] = np.maximum(q[:, mid:], point[:, None])
        q[:, mid] = point
        return Forecast(point.reshape(n, horizon), q.reshape(n, horizon, len(QUANTILES)))


def mixture_quantiles(p: np.ndarray, sizes: np.ndarray, levels: np.ndarray) -> np.ndarray:
    """Quantiles at ``levels`` of "0, or with probability ``p`` a size", the sizes given at ``SIZE_LEVELS``
    (rows × SIZE_LEVELS; interpolated in log size, held at the ends of the grid)."""
    u = (levels[None, :] - (1 - p[:, None])) / np.maximum(p[:, None], 1e-9)   # level within the sizes
    logs = np.log(np.maximum.accumulate(np.maximum(sizes, 1e-12), axis=1))
    x = np.clip(u, SIZE_LEVELS[0], SIZE_LEVELS[-1])
    j = np.clip(np.searchsorted(SIZE_LEVELS, x) - 1, 0, len(SIZE_LEVELS) - 2)
    frac = (x - SIZE_LEVELS[j]) / (SIZE_LEVELS[j + 1] - SIZE_LEVELS[j])
    rows = np.arange(len(p))[:, None]
    out: np.ndarray = np.where(u > 0, np.exp(logs[rows, j] + frac * (logs[rows, j + 1] - logs[rows, j])), 0.0)
    return out


def training_rows(design: features.Design, *, horizon: int, settings: Settings,
                  origin: int | None = None) -> tuple[np.ndarray, ...]:
    """(i, t, k) for pseudo-origins t in the last ``train_days`` days whose target day is before the origin.

    The pseudo-origins are every ``step``-th day, ``phase`` days before the origin, one step before it and so on
    back (``back``), or ``phase`` days after the window's first day and on (every 4th day so: the pseudo-origins
    before those on the origin's weekday, kept for the bench's comparison); with fewer than ``fill_rows`` rows, every
    ``fill_step``-th day's from the window's first day join them."""
    end = design.t_index(design.days if origin is None else origin)
    first = max(design.t_index(0) + 7, end - settings.train_days)
    if settings.back:
        ts = np.arange(end - settings.step - settings.phase, first - 1, -settings.step)[::-1]
    else:
        ts = np.arange(first + settings.phase, end, settings.step)
    rows = _rows_of(design, ts, horizon=horizon, end=end)
    if len(rows[0]) < settings.fill_rows and settings.fill_step > 0:
        more = np.arange(first + settings.phase, end, settings.fill_step)
        rows = _rows_of(design, np.union1d(ts, more), horizon=horizon, end=end)
    return rows


def _rows_of(design: features.Design, ts: np.ndarray, *, horizon: int, end: int) -> tuple[np.ndarray, ...]:
    """(i, t, k) for the pseudo-origins ``ts``: the series with a sale in the 56 days before each, every horizon step
    whose target day is before ``end``."""
    if len(ts) == 0:
        return np.zeros(0, int), np.zeros(0, int), np.zeros(0, int)
    active = (design.nz[:, ts] - design.nz[:, ts - 56]) > 0
    ii, jj = np.nonzero(active)
    tt = ts[jj]
    i = np.repeat(ii, horizon)
    t = np.repeat(tt, horizon)
    k = np.tile(np.arange(horizon), len(ii))
    ok = t + k < end
    return i[ok], t[ok], k[ok]


def fit(y: np.ndarray, *, start: date, horizon: int, calendar: calendars.HolidayCalendar | None = None,
        settings: Settings | None = None, exog: exogs.Exog | None = None) -> Model | None:
    """Fits on the history ``y`` (series × days before the origin); None when there is too little of it.

    ``exog`` columns start on the history's first day and may run into the forecast days.
    """
    design = features.Design(y, start=start, horizon=horizon, calendar=calendar or calendars.DEFAULT, exog=exog)
    return fit_design(design, horizon=horizon, settings=settings)


def fit_design(design: features.Design, *, horizon: int, settings: Settings | None = None,
               origin: int | None = None) -> Model | None:
    """Fits on the design's days before history day ``origin`` (default: all of them)."""
    settings = settings or Settings()
    i, t, k = training_rows(design, horizon=horizon, settings=settings, origin=origin)
    if len(i) < 60:
        return None
    target = design.y[i, t + k]
    x, s = design.level(i, t, k)
    few = _coarse(len(target), settings)   # all rows when there are few: then the two steps are one fit
    fine = min(FINE, settings.iterations)
    rel_target = target / s   # in units of each row's recent mean, weighted by it: the absolute error in units
    first = lad(x[few], rel_target[few], s[few], iterations=settings.iterations - fine)
    beta_level = lad(x, rel_target, s, iterations=fine, start=first)
    occ, size, base = design.occurrence(i, t, k)
    pos = target > 0
    sold = pos.astype(float)
    first = logistic(occ[few], sold[few], iterations=NEWTON - FINE_NEWTON)
    beta_occ = logistic(occ, sold, iterations=FINE_NEWTON, start=first)
    if pos.sum() > size.shape[1] * 3:
        sp = size[pos]
        rel = design.ly[i, t + k][pos] - base[pos]
        beta_size = np.linalg.solve(sp.T @ sp + 1e-6 * np.eye(sp.shape[1]), sp.T @ rel)
        res = rel - sp @ beta_size
        sigma = float(np.sqrt(np.mean(res ** 2)))
        # E|residual| = σ·√(2/π) for a normal residual: a least-squares fit of |residual| gives σ per row;
        # the series' own recent spread of sizes tells a steady seller from an erratic one
        spx = np.concatenate([sp, base[pos][:, None], design.spread(i[pos], t[pos], base[pos], sigma)], axis=1)
        spread = np.linalg.solve(spx.T @ spx + 1e-6 * np.eye(spx.shape[1]), spx.T @ np.abs(res))
    else:
        beta_size, sigma, spread, res, spx = np.zeros(size.shape[1]), 0.5, None, None, None
    if design.lp is not None:
        # a price cut never lowers demand: a positive estimate (discounts chasing slow days) counts as none
        beta_size = beta_size.copy()
        beta_size[-1] = np.clip(beta_size[-1], -3.0, 0.0)
    model = Model(design, beta_level, beta_occ, beta_size, sigma, settings.blend, spread, centre=settings.centre)
    if res is not None and spx is not None:   # the residuals' own shape: heavier tails than the normal's
        model.shape = np.quantile(res / model._sigma(spx), SIZE_LEVELS)
    if settings.local > 0:
        model.local = _local(x, rel_target, s, i, n=design.n, prior=beta_level, settings=settings)
    return model


def _coarse(rows: int, settings: Settings) -> slice:
    """The rows a pooled fit's first iterations use: every ``settings.coarse``-th of more than ``COARSE_ROWS``.

    Consecutive training rows share most of their features (the same series, horizon steps of one pseudo-origin),
    so a quarter of them places the coefficients nearly where all of them would; the last iterations on all rows
    finish the fit (on the shared data the same WAPE as all rows throughout, a third less time)."""
    return slice(None, None, settings.coarse) if rows > COARSE_ROWS and settings.coarse > 1 else slice(None)


def _local(x: np.ndarray, y: np.ndarray, w: np.ndarray, i: np.ndarray, *, n: int, prior: np.ndarray,
           settings: Settings) -> np.ndarray:
    """Each series' own median-regression coefficients (the pooled ones where it has too few rows)."""
    out = np.tile(prior, (n, 1))
    order = np.argsort(i, kind="stable")
    series, starts, counts = np.unique(i[order], return_index=True, return_counts=True)
    for r, a, c in zip(series, starts, counts, strict=True):
        if c >= settings.local_rows:
            sel = order[a: a + c]
            out[r] = lad(x[sel], y[sel], w[sel], prior=prior, rows=settings.local, iterations=settings.local_iterations)
    return out
