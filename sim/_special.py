"""Log-space Poisson and incomplete-gamma helpers that stay exact where float64 under- or overflows.

The Erlang formulas are ratios of Poisson terms and Poisson tails. Written naively they overflow
(``1 / B`` when the load is far below the agents) or underflow (incomplete gamma functions at
100,000 agents). Everything here works with logarithms and falls back to a convergent series in the
one corner where scipy's regularised incomplete gamma functions underflow.

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
_SERIES_RTOL = 1e-17
_SERIES_MAX_TERMS = 50_000_000
_SERIES_BLOCK = 64


def _stirling_error(x: np.ndarray) -> np.ndarray:
    """``log Gamma(x + 1) - [(x + 1/2) log x - x + log(2 pi) / 2]`` for ``x >= 15`` (asymptotic)."""
    inv = 1.0 / x
    inv2 = inv * inv
    return inv * (
        1.0 / 12.0
        - inv2 * (1.0 / 360.0 - inv2 * (1.0 / 1260.0 - inv2 * (1.0 / 1680.0 - inv2 / 1188.0)))
    )


def log_poisson_term(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """``log(y**x * exp(-y) / Gamma(x + 1))`` for real ``x >= 0`` and ``y >= 0``.

    For integer ``x`` this is the log of the Poisson probability of ``x`` events at mean ``y``.
    Uses Loader's saddle-point form ``-stirlerr(x) - bd0(x, y) - log(2 pi x) / 2`` for ``x >= 15``
    (``bd0`` is ``scipy.special.kl_div``), which keeps full relative precision at 100,000 agents.
    """
    x, y = np.broadcast_arrays(np.asarray(x, dtype=float), np.asarray(y, dtype=float))
    small = x < _LOADER_FROM
    with np.errstate(divide="ignore", invalid="ignore"):
        direct = special.xlogy(x, y) - y - special.gammaln(x + 1.0)
        xs = np.where(small, _LOADER_FROM, x)
        loader = -_stirling_error(xs) - special.kl_div(xs, y) - 0.5 * (_LOG_2PI + np.log(xs))
    return np.where(small, direct, loader)


def _log_series(ratio, size: int) -> np.ndarray:
    """``log(sum_j prod_{k<j} r_k)`` for ratios ``0 <= r_k < 1`` that decrease with ``k``.

    ``ratio(k, idx)`` returns ``r_k`` for the elements ``idx`` (a column) and the steps ``k`` (a
    row). Terms are summed in blocks of steps with ``cumprod``, so a series of a few thousand
    terms costs a few dozen numpy calls. Used only where the terms decrease geometrically.
    """
    total = np.ones(size)
    term = np.ones(size)
    idx = np.arange(size)
    start = 0
    while idx.size and start < _SERIES_MAX_TERMS:
        steps = np.arange(start, start + _SERIES_BLOCK, dtype=float)[None, :]
        prefix = np.cumprod(np.clip(ratio(steps, idx), 0.0, None), axis=1) * term[idx, None]
        total[idx] += prefix.sum(axis=1)
        term[idx] = prefix[:, -1]
        idx = idx[term[idx] > _SERIES_RTOL * total[idx]]
        start += _SERIES_BLOCK
    return np.log(total)


def log_poisson_cdf(n: np.ndarray, a: np.ndarray) -> np.ndarray:
    """``log P(Poisson(a) <= n)`` for whole ``n >= 0`` and ``a >= 0``, without underflow.

    Where ``scipy.special.pdtr`` underflows (``a`` far above ``n``) the tail is written as the
    Poisson term at ``n`` times ``sum_j n! / ((n - j)! a**j)``, a series of decreasing terms.
    """
    n, a = np.broadcast_arrays(np.asarray(n, dtype=float), np.asarray(a, dtype=float))
    cdf = special.pdtr(n, a)
    out = np.array(np.log(np.maximum(cdf, _TINY)))
    tiny = cdf < _TINY
    if tiny.any():
        nt, at = n[tiny], a[tiny]
        series = _log_series(lambda k, i: (nt[i, None] - k) / at[i, None], nt.size)
        out[tiny] = log_poisson_term(nt, at) + series
    return out


def log_gammainc(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """``log P(x, y)``, the regularised lower incomplete gamma function, for ``x >= 0``, ``y >= 0``.

    Where ``scipy.special.gammainc`` underflows (``y`` far below ``x``) it is written as
    ``y**x e**-y / Gamma(x + 1) * sum_j y**j / ((x + 1)...(x + j))``, a series of decreasing terms.
    """
    x, y = np.broadcast_arrays(np.asarray(x, dtype=float), np.asarray(y, dtype=float))
    with np.errstate(invalid="ignore"):
        p = np.where(x == 0.0, 1.0, special.gammainc(x, y))
    out = np.array(np.log(np.maximum(p, _TINY)))
    tiny = (p < _TINY) & (y > 0)
    if tiny.any():
        xt, yt = x[tiny], y[tiny]
        series = _log_series(lambda k, i: yt[i, None] / (xt[i, None] + 1.0 + k), xt.size)
        out[tiny] = log_poisson_term(xt, yt) + series
    out[(y == 0) & (x > 0)] = -np.inf
    return out


def log_expm1(z: np.ndarray) -> np.ndarray:
    """``log(exp(z) - 1)`` for ``z >= 0`` without overflow (``-inf`` at ``z = 0``)."""
    z = np.asarray(z, dtype=float)
    with np.errstate(divide="ignore", over="ignore"):
        return np.where(z > 30.0, z + np.log1p(-np.exp(-np.minimum(z, 700.0))), np.log(np.expm1(z)))
