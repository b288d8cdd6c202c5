"""Log-space Poisson and incomplete-gamma helpers that stay exact where float64 under- or overflows.

The Erlang formulas are ratios of Poisson terms and Poisson tails. Written naively they overflow
(``1 / B`` when the load is far below the agents) or underflow (incomplete gamma functions at
100,000 agents). Everything here works with logarithms and falls back to a convergent series,
summed in blocks, where scipy's regularised incomplete gamma functions underflow or, for shapes
above 5e4 well into the lower tail, stop their own series too early.

References
----------
C. Loader (2000), "Fast and accurate computation of binomial probabilities": the saddle-point form
of the Poisson term, exact to rounding where ``x log y - y - log Gamma(x + 1)`` loses digits.
"""

import numpy as np
from scipy import special

_LOG_2PI = float(np.log(2.0 * np.pi))
_TINY = 1e-280
_LOADER_FROM = 15.0
_BD0_SERIES_BELOW = 0.01
# 1/3, 1/5, ..., 1/11: with |v| < 0.01 the next term is below 1e-20 of the first.
_BD0_COEFFICIENTS = tuple(1.0 / np.arange(3.0, 13.0, 2.0))
_SERIES_RTOL = 1e-17
_CAPPED_SERIES_FROM = 5e4
_CAPPED_SERIES_SD = 4.5
_SERIES_MAX_BLOCK = 65_536
_SERIES_BLOCK = 64


def _stirling_error(x: np.ndarray) -> np.ndarray:
    """``log Gamma(x + 1) - [(x + 1/2) log x - x + log(2 pi) / 2]`` for ``x >= 15`` (asymptotic)."""
    inv = 1.0 / x
    inv2 = inv * inv
    return inv * (
        1.0 / 12.0
        - inv2 * (1.0 / 360.0 - inv2 * (1.0 / 1260.0 - inv2 * (1.0 / 1680.0 - inv2 / 1188.0)))
    )


def _same_shape(x, y) -> tuple[np.ndarray, np.ndarray]:
    """Float arrays broadcast to one shape (no copy when they already agree)."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    return (x, y) if x.shape == y.shape else tuple(np.broadcast_arrays(x, y))


def log_poisson_term(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """``log(y**x * exp(-y) / Gamma(x + 1))`` for real ``x >= 0`` and ``y >= 0``.

    For integer ``x`` this is the log of the Poisson probability of ``x`` events at mean ``y``.
    Uses Loader's saddle-point form ``-stirlerr(x) - bd0(x, y) - log(2 pi x) / 2`` for ``x >= 15``,
    which keeps full relative precision at 100,000 agents and beyond.
    """
    x, y = _same_shape(x, y)
    small = x < _LOADER_FROM
    if not np.count_nonzero(small):
        return _loader(x, y)
    direct = special.xlogy(x, y) - y - special.gammaln(x + 1.0)
    if np.count_nonzero(small) == small.size:
        return direct
    return np.where(small, direct, _loader(np.maximum(x, _LOADER_FROM), y))


def _loader(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Loader's form of the log Poisson term, for ``x >= 15``."""
    return -_stirling_error(x) - bd0(x, y) - 0.5 * (_LOG_2PI + np.log(x))


def bd0(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Loader's deviance ``x log(x / y) + y - x`` for ``x > 0``, to full relative precision.

    Written as ``x (w - log1p(w))`` with ``w = (y - x) / x`` (``scipy.special.kl_div`` forms it as
    written, which loses the absolute precision of ``x log(x/y)``: 1e-9 at ``x = 1e7``). Where
    ``|v| < 0.01``, ``v = (x - y) / (x + y)``, even that cancels, and Loader's series
    ``bd0 = (x - y) v + 2 x (v**3/3 + v**5/5 + ...)`` takes over (Loader 2000).
    """
    d = x - y
    v = d / (x + y)
    near = np.abs(v) < _BD0_SERIES_BELOW
    if np.count_nonzero(near) == near.size:
        return _bd0_series(x, d, v)
    w = -d / x
    with np.errstate(divide="ignore"):  # y = 0: bd0 = inf, the Poisson term is 0
        direct = x * (w - np.log1p(w))
    if not np.count_nonzero(near):
        return direct
    return np.where(near, _bd0_series(x, d, v), direct)


def _bd0_series(x, d, v):
    v2 = v * v
    tail = _BD0_COEFFICIENTS[-1]
    for coefficient in _BD0_COEFFICIENTS[-2::-1]:
        tail = tail * v2 + coefficient
    return d * v + 2.0 * x * v * v2 * tail


def series_sums(ratio, size: int, weight=None) -> tuple[np.ndarray, np.ndarray]:
    """``sum_j t_j`` and ``sum_j t_j w_j`` with ``t_0 = 1`` and ``t_{k+1} = t_k r_k``.

    ``ratio(k, idx)`` returns ``r_k >= 0`` and ``weight(j, idx)`` returns ``w_j`` for the elements
    ``idx`` (a column) and the steps ``k`` or ``j`` (a row). The ratios must stay below 1 and
    decrease with ``k``, so the terms fall geometrically. Terms are summed in blocks of steps with
    ``cumprod``; the blocks double in length (up to 65,536 steps), so even a series of millions of
    terms costs a few dozen numpy calls. Without ``weight`` the second sum is returned as zeros.
    """
    total = np.ones(size)
    idx = np.arange(size)
    weighted = np.zeros(size) if weight is None else weight(np.zeros((1, 1)), idx)[:, 0]
    term = np.ones(size)
    start, block = 0, _SERIES_BLOCK
    while idx.size:
        steps = np.arange(start, start + block, dtype=float)[None, :]
        prefix = np.cumprod(np.clip(ratio(steps, idx), 0.0, None), axis=1) * term[idx, None]
        total[idx] += prefix.sum(axis=1)
        if weight is not None:
            weighted[idx] += (prefix * weight(steps + 1.0, idx)).sum(axis=1)
        term[idx] = prefix[:, -1]
        idx = idx[term[idx] > _SERIES_RTOL * total[idx]]
        start += block
        block = min(2 * block, _SERIES_MAX_BLOCK)
    return total, weighted


def log_poisson_cdf(n: np.ndarray, a: np.ndarray) -> np.ndarray:
    """``log P(Poisson(a) <= n)`` for whole ``n >= 0`` and ``a >= 0``, without underflow.

    Where ``scipy.special.pdtr`` underflows (``a`` far above ``n``) the tail is written as the
    Poisson term at ``n`` times ``sum_j n! / ((n - j)! a**j)``, a series of decreasing terms.
    """
    n, a = _same_shape(n, a)
    cdf = special.pdtr(n, a)
    out = np.asarray(np.log(np.maximum(cdf, _TINY)))
    tiny = cdf < _TINY
    if np.count_nonzero(tiny):
        nt, at = n[tiny], a[tiny]
        series, _ = series_sums(lambda k, i: (nt[i, None] - k) / at[i, None], nt.size)
        out[tiny] = log_poisson_term(nt, at) + np.log(series)
    return out


def log_gammainc_parts(x: np.ndarray, y: np.ndarray):
    """``log P(x, y)``, the regularised lower incomplete gamma function, for ``x >= 0``, ``y >= 0``,
    and its parts ``log P = log_term + log_series``: ``log_term`` from :func:`log_poisson_term`,
    ``log_series = log sum_j y**j / ((x+1)...(x+j))``.

    Where ``scipy.special.gammainc`` underflows (``y`` far below ``x``), and where it is
    inaccurate (``x > 5e4`` and ``y`` more than 4.5 standard deviations below ``x``: its power
    series stops after 2,000 terms, up to 1e-2 relative error at ``x = 1e7``), ``log_series`` is
    summed term by term.

    Returns ``(log_p, log_term, log_series, summed)``; ``summed`` marks where the series was
    summed, so ``log_series`` there is exact to rounding even when ``log_term`` is huge.
    Elsewhere ``log_series = log P - log_term`` (0 where ``y = 0``).
    """
    x, y = np.broadcast_arrays(np.asarray(x, dtype=float), np.asarray(y, dtype=float))
    log_term = np.asarray(log_poisson_term(x, y))
    with np.errstate(invalid="ignore"):
        p = np.where(x == 0.0, 1.0, special.gammainc(x, y))
    log_p = np.array(np.log(np.maximum(p, _TINY)))
    positive = y > 0
    log_series = np.where(positive, log_p - np.where(positive, log_term, 0.0), 0.0)
    capped = (x > _CAPPED_SERIES_FROM) & (x - y > _CAPPED_SERIES_SD * np.sqrt(x))
    summed = ((p < _TINY) | capped) & positive
    if np.count_nonzero(summed):
        xt, yt = x[summed], y[summed]
        series, _ = series_sums(lambda k, i: yt[i, None] / (xt[i, None] + 1.0 + k), xt.size)
        log_series[summed] = np.log(series)
        log_p[summed] = log_term[summed] + log_series[summed]
    log_p[~positive & (x > 0)] = -np.inf
    return log_p, log_term, log_series, summed


def log_expm1(z: np.ndarray) -> np.ndarray:
    """``log(exp(z) - 1)`` for ``z >= 0`` without overflow (``-inf`` at ``z = 0``)."""
    z = np.asarray(z, dtype=float)
    with np.errstate(divide="ignore", over="ignore"):
        return np.where(z > 30.0, z + np.log1p(-np.exp(-np.minimum(z, 700.0))), np.log(np.expm1(z)))
