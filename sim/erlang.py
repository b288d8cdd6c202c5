"""Erlang B, C and A: the analytic queueing core, exact to rounding from 1 to 100,000+ agents.

A contact-centre queue in steady state is a pool of ``agents`` identical agents fed by Poisson
arrivals carrying ``load`` Erlangs (arrival rate per second x AHT in seconds). Erlang B is the queue
with no waiting room (calls that find every agent busy are lost), Erlang C the queue with infinitely
patient callers, Erlang A (Palm's M/M/n+M) the queue whose callers hang up after an exponential
patience. Every function broadcasts over numpy arrays like ``scipy.special`` and returns a scalar
for scalar input.

Conventions
-----------
- time in seconds; ``load`` in Erlangs; ``agents`` whole numbers >= 0;
- service level: share of **all offered** calls answered within ``threshold`` seconds (under
  Erlang A abandoned calls count as failures);
- ASA: mean queue wait of **answered** calls, seconds;
- Erlang C is unstable where ``0 < load >= agents``: P(wait) is 1, the service level 0 and the
  ASA ``inf`` there (the honest answer, not an error);
- with no load nobody waits, whatever the agents (0 included): P(wait) 0, service level 1, ASA 0,
  occupancy 0, under Erlang C and Erlang A alike.

References
----------
A. K. Erlang (1917), "Solution of some problems in the theory of probabilities of significance in
automatic telephone exchanges". C. Palm (1946), "Methods of judging the annoyance caused by
congestion". O. Garnett, A. Mandelbaum, M. Reiman (2002), "Designing a call center with impatient
customers", Manufacturing & Service Operations Management 4(3). A. Mandelbaum, S. Zeltyn (2007),
"Service engineering in action: the Palm/Erlang-A queue". S. Halfin, W. Whitt (1981), "Heavy-traffic
limits for queues with many exponential servers", Operations Research 29(3). W. Whitt (2006),
"Fluid models for multiserver queues with abandonments", Operations Research 54(1).
"""

from dataclasses import dataclass, fields
from functools import cache, cached_property, lru_cache

import numpy as np
from scipy import special

from sim import _checks
from sim._special import (
    log_expm1,
    log_gammainc_parts,
    log_poisson_cdf,
    log_poisson_term,
    series_sums,
)
from sim.errors import InputError

__all__ = [
    "ErlangAResult",
    "asa",
    "erlang_a",
    "erlang_b",
    "erlang_c",
    "occupancy",
    "required_agents",
    "service_level",
]

_SQRT_HALF = float(np.sqrt(0.5))
_SQRT_HALF_PI = float(np.sqrt(0.5 * np.pi))
# Closed-form P(abandon | wait) loses about log10(amplification) digits; past this, sum the series.
_MAX_AMPLIFICATION = 1e4
_NEGLIGIBLE_LOAD = 1e-290
_WAIT_BLOCK = 64
_MAX_WAIT_BLOCK = 65_536
# Sums of more terms than this (or x below _QUADRATURE_FROM) go to the quadrature.
_MAX_WAIT_TERMS = 48
_QUADRATURE_FROM = 5.0
_PAST_THE_BULK = 1e-18
_SPREAD_SD = 12.0
# Gauss-Legendre nodes per panel, two panels; the density is cut where it falls below e**-42.
_GAUSS_NODES, _GAUSS_WEIGHTS = np.polynomial.legendre.leggauss(24)
_DENSITY_RANGE = 42.0
_EDGE_NEWTON_STEPS = 6
# Rows per block for the quadrature: (rows, nodes) temporaries stay in cache.
_CHUNK = 4096
# Erlang A staffing of this many loads or more (one AHT, threshold and patience) searches every
# _BRACKET_STRIDE-th load in sorted order in full and brackets the others between them.
_BRACKET_FROM = 1024
_BRACKET_STRIDE = 16
_NEWTON_STEPS = 8
_MAX_BETA = 12.0
_LOG_MAX_BETA = float(np.log(_MAX_BETA))
# Halfin-Whitt beta is tabulated over these d = sqrt(a) t / AHT (or e = max_asa sqrt(a) / AHT).
_HW_GRID = np.geomspace(1e-6, 1e6, 385)
_WINDOW = 4
_WINDOW_STEPS = np.arange(float(_WINDOW))
_PROBE_BUDGET = 64
_MAX_PROBES = 32
# The staffing solver's limit: answers above it raise InputError instead of being returned.
_MAX_AGENTS = 1e13


def _out(arr: np.ndarray):
    """Return a numpy scalar for 0-d results, the array otherwise (scipy.special style)."""
    arr = np.asarray(arr)
    return arr[()] if arr.ndim == 0 else arr


def _agents_load(agents, load) -> tuple[np.ndarray, np.ndarray]:
    n = _checks.whole(agents, "agents")
    a = _checks.nonnegative(load, "load", " Erlangs")
    return np.broadcast_arrays(n, a)


def _log_erlang_b(n: np.ndarray, a: np.ndarray) -> np.ndarray:
    """``log B``; exactly 0 with no agents (every call is blocked; the formula is finite there)."""
    return np.minimum(log_poisson_term(n, a) - log_poisson_cdf(n, a), 0.0) * (n > 0)


def erlang_b(agents, load):
    """Blocking probability of the loss system M/M/n/n (Erlang B).

    Parameters
    ----------
    agents : int or array_like
        Number of agents (servers), whole numbers >= 0.
    load : float or array_like
        Offered load in Erlangs (arrival rate per second x AHT in seconds), >= 0.

    Returns
    -------
    float or ndarray
        Probability that an arriving call finds every agent busy and is lost, in [0, 1].

    Notes
    -----
    ``B = p(n) / P(N <= n)`` with ``N ~ Poisson(load)`` (Erlang 1917), evaluated in log space with
    Loader's saddle-point Poisson term, so ``1 / B`` never overflows and 100,000 agents are exact.
    """
    n, a = _agents_load(agents, load)
    return _out(np.exp(_log_erlang_b(n, a)))


def _erlang_c_parts(n, a, b) -> tuple[np.ndarray, np.ndarray]:
    """``C`` and ``1 - C`` of M/M/n from the Erlang B blocking ``b``; ``(1, 0)`` where unstable,
    ``(0, 1)`` with no load (even with no agents: no call arrives to wait)."""
    stable = a < n
    c, not_c = _stable_c(np.where(stable, n, 1.0), np.where(stable, a, 0.0), b)
    idle = a == 0
    return (
        np.where(stable, c, np.where(idle, 0.0, 1.0)),
        np.where(stable, not_c, np.where(idle, 1.0, 0.0)),
    )


def _stable_c(n, a, b) -> tuple[np.ndarray, np.ndarray]:
    """``C`` and ``1 - C`` for ``load < agents``; ``1 - C = (n - a)(1 - B) / (n - a (1 - B))`` is
    formed directly, never as ``1 - C``."""
    not_b = 1.0 - b
    denominator = n - a * not_b
    return np.minimum(n * b / denominator, 1.0), (n - a) * not_b / denominator


def _erlang_c(n, a) -> tuple[np.ndarray, np.ndarray]:
    return _erlang_c_parts(n, a, np.exp(_log_erlang_b(n, a)))


def erlang_c(agents, load):
    """Probability that an arriving call has to wait in M/M/n (Erlang C).

    Parameters
    ----------
    agents : int or array_like
        Number of agents, whole numbers >= 0.
    load : float or array_like
        Offered load in Erlangs, >= 0.

    Returns
    -------
    float or ndarray
        P(wait > 0) in [0, 1]; 1.0 where ``0 < load >= agents`` (the queue is unstable), 0.0
        where the load is 0 (with 0 agents too).

    Notes
    -----
    ``C = n B / (n - a (1 - B))`` with ``B`` the Erlang B blocking probability (Erlang 1917).
    """
    n, a = _agents_load(agents, load)
    return _out(_erlang_c(n, a)[0])


def _time_args(aht, threshold) -> tuple[np.ndarray, np.ndarray]:
    return (
        _checks.positive(aht, "aht", " seconds"),
        _checks.nonnegative(threshold, "threshold", " seconds"),
    )


def _service_level_c(n, a, aht, threshold, c, not_c):
    stable = a < n
    within = _stable_service_level(np.where(stable, n, a), a, aht, threshold, c, not_c)
    return np.where(stable, within, np.where(a == 0, 1.0, 0.0))


def _stable_service_level(n, a, aht, threshold, c, not_c):
    """``1 - C e**(-(n - a) t / AHT)`` written as ``(1 - C) - C expm1(...)``: no cancellation."""
    return np.minimum(not_c - c * np.expm1((a - n) * threshold / aht), 1.0)


def service_level(agents, load, aht, threshold):
    """Erlang C service level: share of calls answered within ``threshold`` seconds.

    Parameters
    ----------
    agents : int or array_like
        Number of agents, whole numbers >= 0.
    load : float or array_like
        Offered load in Erlangs, >= 0.
    aht : float or array_like
        Average handle time in seconds, > 0.
    threshold : float or array_like
        Answer-time threshold in seconds (the "20" of "80/20"), >= 0.

    Returns
    -------
    float or ndarray
        ``1 - C exp(-(n - a) t / AHT)`` in [0, 1]; 0.0 where ``0 < load >= agents`` (unstable),
        1.0 where the load is 0 (with 0 agents too: no call waits).
    """
    n, a = _agents_load(agents, load)
    aht, threshold = _time_args(aht, threshold)
    n, a, aht, threshold = np.broadcast_arrays(n, a, aht, threshold)
    return _out(_service_level_c(n, a, aht, threshold, *_erlang_c(n, a)))


def _asa_c(n, a, aht, c):
    stable = a < n
    return np.where(stable, c * aht / np.where(stable, n - a, 1.0), np.where(a == 0, 0.0, np.inf))


def asa(agents, load, aht):
    """Erlang C average speed of answer (mean queue wait), in seconds.

    Parameters
    ----------
    agents : int or array_like
        Number of agents, whole numbers >= 0.
    load : float or array_like
        Offered load in Erlangs, >= 0.
    aht : float or array_like
        Average handle time in seconds, > 0.

    Returns
    -------
    float or ndarray
        ``C AHT / (n - a)`` seconds, finite wherever ``load < agents``; ``inf`` where
        ``0 < load >= agents`` (the queue is unstable and grows without bound), 0.0 where the load
        is 0 (with 0 agents too: no call waits).
    """
    n, a = _agents_load(agents, load)
    aht = _checks.positive(aht, "aht", " seconds")
    n, a, aht = np.broadcast_arrays(n, a, aht)
    return _out(_asa_c(n, a, aht, _erlang_c(n, a)[0]))


def _occupancy_c(n, a):
    return np.where(a == 0, 0.0, np.where(a < n, a / np.maximum(n, 1.0), 1.0))


def occupancy(agents, load):
    """Erlang C agent occupancy ``min(load / agents, 1)``: share of logged-in time spent on calls.

    Parameters
    ----------
    agents : int or array_like
        Number of agents, whole numbers >= 0.
    load : float or array_like
        Offered load in Erlangs, >= 0.

    Returns
    -------
    float or ndarray
        Occupancy in [0, 1]; 0.0 where the load is 0.
    """
    n, a = _agents_load(agents, load)
    return _out(_occupancy_c(n, a))


@dataclass(frozen=True)
class _Palm:
    """The M/M/n+M queue for loads > 0, flat arrays: ``x = n patience / AHT``,
    ``y = load patience / AHT``, ``log_term = log(y**x e**-y / Gamma(x + 1))``,
    ``log_inv_s = log(1 / S)`` (``exact`` where ``S`` was summed term by term, so it keeps full
    precision even when ``log_term`` is huge) and the probabilities of waiting and of not waiting.
    """

    n: np.ndarray
    a: np.ndarray
    patience: np.ndarray
    x: np.ndarray
    y: np.ndarray
    log_term: np.ndarray
    log_inv_s: np.ndarray
    exact: np.ndarray
    log_b: np.ndarray
    p_wait: np.ndarray
    p_no_wait: np.ndarray

    def subset(self, idx: np.ndarray) -> "_Palm":
        """The same queues at positions ``idx`` only."""
        return _Palm(**{f.name: getattr(self, f.name)[idx] for f in fields(self)})

    @cached_property
    def negligible_load(self) -> np.ndarray:
        """Loads below ``1e-290 n``: ``n / load`` would overflow, and a waiting caller never finds
        anyone queued ahead (``1/S = 1 - O(load / n)``), so the ``load -> 0`` limits are exact."""
        return self.a < _NEGLIGIBLE_LOAD * self.n

    @cached_property
    def pool_per_load(self) -> np.ndarray:
        """``n / load``, 1 where the load is negligible."""
        return self.n / np.where(self.negligible_load, self.n + 1.0, self.a)

    @cached_property
    def answered_if_wait(self) -> np.ndarray:
        """P(answered | wait) ``= (n / load)(1 - 1/S)``, ``x / (x + 1)`` for negligible loads."""
        answered = -self.pool_per_load * np.expm1(self.log_inv_s)
        limit = self.x / (self.x + 1.0)
        return np.clip(np.where(self.negligible_load, limit, answered), 0.0, 1.0)

    @cached_property
    def abandon_if_wait(self) -> np.ndarray:
        """P(abandon | wait) ``= 1 - n/load + (n/load)/S``; where ``n > load`` this cancels
        digits (about ``(n/load)/(S g)`` times the error of ``1/S``, itself ``|log_term|`` times
        rounding unless ``exact``) and the exact series ``sum_j t_j (j+1)/(x+j+1) / sum_j t_j``
        over the queue length ``j`` is summed instead."""
        r = self.pool_per_load
        inv_s = np.exp(self.log_inv_s)
        g = np.where(self.negligible_load, 1.0 / (self.x + 1.0), (1.0 - r) + r * inv_s)
        error_scale = 1.0 + np.where(self.exact, 0.0, np.abs(self.log_term))
        amplification = r * inv_s * error_scale
        risky = (self.x > self.y) & ~self.negligible_load & (amplification > _MAX_AMPLIFICATION * g)
        if np.count_nonzero(risky):
            x, y = self.x[risky], self.y[risky]
            total, weighted = series_sums(
                lambda k, i: y[i, None] / (x[i, None] + k + 1.0),
                x.size,
                lambda j, i: (j + 1.0) / (x[i, None] + j + 1.0),
            )
            g[risky] = weighted / total
        return np.clip(g, 0.0, 1.0)

    @cached_property
    def served(self) -> np.ndarray:
        """Share of offered calls answered."""
        return np.minimum(self.p_no_wait + self.p_wait * self.answered_if_wait, 1.0)

    @cached_property
    def occupancy(self) -> np.ndarray:
        """Answered load / agents; 0 with no agents. Near 1 it is formed as ``1 - idle``: below
        ``n`` the states weigh as in Erlang B, so the mean number of idle agents is
        ``P(no wait) (n / (1 - B) - load)``, and occupancies a hair below 1 stay in order."""
        n = np.maximum(self.n, 1.0)
        busy = self.a * self.served / n
        not_blocked = np.where(self.n > 0, -np.expm1(self.log_b), 1.0)
        idle = self.p_no_wait * (n / not_blocked - self.a) / n
        occupancy = np.where(busy <= 0.5, busy, 1.0 - idle)
        return np.where(self.n > 0, np.clip(occupancy, 0.0, 1.0), 0.0)

    def within(self, threshold: np.ndarray) -> np.ndarray:
        """Share of offered calls answered within ``threshold`` seconds.

        ``P(no wait) + P(wait) P(answered | wait) (1 - K)`` with ``K = P(x+1, q y) / P(x+1, y)``,
        ``q = e**(-t/patience)``: the share of answered waiting callers answered after ``t``. Where
        ``q y > x + 1`` both incomplete gammas are near 1 and ``1 - K`` is formed from the upper
        ones, ``(Q(x+1, q y) - Q(x+1, y)) / P(x+1, y)``; where both are deep in the lower tail,
        ``log K`` is formed from the series parts of :func:`log_gammainc_parts`.
        """
        x1 = self.x + 1.0
        decay = threshold / self.patience
        qy = self.y * np.exp(-decay)
        upper = qy > x1
        lower = ~upper
        on_time = np.empty(x1.shape)
        if np.count_nonzero(lower):
            x1l, yl = x1[lower], self.y[lower]
            qyl = qy[lower]
            log_p_q, _, log_series_q, summed_q = log_gammainc_parts(x1l, qyl)
            log_p_y, _, log_series_y, summed_y = log_gammainc_parts(x1l, yl)
            # Both summed (or 0): the Poisson terms differ by x1 log q + y (1 - q), formed directly.
            by_terms = (summed_q | (qyl == 0)) & (summed_y | (yl == 0))
            log_terms = -x1l * decay[lower] - yl * np.expm1(-decay[lower])
            by_gamma = np.where(by_terms, 0.0, log_p_q) - np.where(by_terms, 0.0, log_p_y)
            with np.errstate(invalid="ignore"):  # inf - inf only where by_gamma is taken
                log_k = np.where(by_terms, log_terms + log_series_q - log_series_y, by_gamma)
            on_time[lower] = -np.expm1(log_k)
        if np.count_nonzero(upper):
            xu, yu = x1[upper], self.y[upper]
            on_time[upper] = (
                special.gammaincc(xu, qy[upper]) - special.gammaincc(xu, yu)
            ) / special.gammainc(xu, yu)
        reached = self.p_wait * self.answered_if_wait * np.clip(on_time, 0.0, 1.0)
        return np.clip(self.p_no_wait + reached, 0.0, 1.0)

    @cached_property
    def asa(self) -> np.ndarray:
        """Mean wait of answered calls: ``P(wait) patience (x / y) E[H] / P(answered)`` with
        ``E[H]`` from :func:`_mean_harmonic`; 0 where nobody waits or nobody is answered."""
        out = np.zeros(self.x.shape)
        waits = (self.p_wait > 0) & (self.x > 0) & (self.served > 0)
        if np.count_nonzero(waits):
            x, y = self.x[waits], self.y[waits]
            tilted = self.p_wait[waits] * self.patience[waits] * (x / y)
            out[waits] = tilted * _mean_harmonic(x, y) / self.served[waits]
        return out


def _palm(n, a, aht, patience) -> _Palm:
    """Evaluate M/M/n+M on flat arrays of equal shape with ``load > 0``."""
    ratio = patience / aht
    x, y = n * ratio, a * ratio
    _, log_term, log_series, summed = log_gammainc_parts(x, y)
    log_inv_s = -np.maximum(log_series, 0.0)
    log_b = _log_erlang_b(n, a)
    log_odds = log_expm1(-log_b) + log_inv_s
    return _Palm(
        n=n,
        a=a,
        patience=patience,
        x=x,
        y=y,
        log_term=log_term,
        log_inv_s=log_inv_s,
        exact=summed,
        log_b=log_b,
        p_wait=special.expit(-log_odds),
        p_no_wait=special.expit(log_odds),
    )


def _mean_harmonic(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """``E[H(J)]``, ``H(j) = sum_{k<j} 1 / (x + k + 1) = psi(x + j + 1) - psi(x + 1)``, over the
    queue length ``J`` met by a waiting caller, ``P(J = j) ~ t_j = prod_{i<=j} y / (x + i)``.

    A waiting caller who finds ``j`` others queued is answered with probability
    ``x / (x + j + 1)`` after a mean wait ``patience H(j+1)``; averaged, the answered wait times the
    answered share is ``P(wait) patience (x / y) E[H(J)]``. Three regimes, on 1-d arrays:

    - ``y`` past the bulk of ``Gamma(x)`` (``Q(x, y) < 1e-18``): ``log y - psi(x + 1)``;
    - ``x < 5``, or a sum of fewer than ``_MAX_WAIT_TERMS`` terms: summed exactly
      (:func:`_harmonic_series`);
    - otherwise: the integral of :func:`_harmonic_quadrature`, about 1e-13 relative.
    """
    out = np.empty(x.shape)
    beyond = special.gammaincc(x, y) < _PAST_THE_BULK
    rising = np.maximum(y - x, 0.0) + _SPREAD_SD * np.sqrt(y)
    falling = np.minimum(_SPREAD_SD * np.sqrt(x), 45.0 / np.maximum(1.0 - y / (x + 1.0), 1e-300))
    terms = np.where(y > x, rising, falling)
    short = ~beyond & ((terms < _MAX_WAIT_TERMS) | (x < _QUADRATURE_FROM))
    long = ~beyond & ~short
    out[beyond] = np.log(y[beyond]) - special.digamma(x[beyond] + 1.0)
    if np.count_nonzero(short):
        out[short] = _harmonic_series(x[short], y[short])
    if np.count_nonzero(long):
        xl, yl = x[long], y[long]
        out[long] = np.concatenate(
            [
                _harmonic_quadrature(xl[i : i + _CHUNK], yl[i : i + _CHUNK])
                for i in range(0, xl.size, _CHUNK)
            ]
        )
    return out


def _harmonic_series(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """``sum_j t_j H(j) / sum_j t_j`` (see :func:`_mean_harmonic`) summed in blocks of doubling
    length in log space against a running maximum: terms rise while ``y > x + j``, then fall."""
    log_t, harmonic = np.zeros(x.shape), np.zeros(x.shape)
    log_peak, weighted, total = np.zeros(x.shape), np.zeros(x.shape), np.ones(x.shape)
    idx = np.arange(x.size)
    start, block = 0, _WAIT_BLOCK
    while idx.size:
        steps = x[idx, None] + np.arange(start + 1.0, start + 1.0 + block)
        logs = log_t[idx, None] + np.cumsum(np.log(y[idx, None] / steps), axis=1)
        harm = harmonic[idx, None] + np.cumsum(1.0 / steps, axis=1)
        peak = np.maximum(log_peak[idx], logs.max(axis=1))
        rescale = np.exp(log_peak[idx] - peak)
        terms = np.exp(logs - peak[:, None])
        weighted[idx] = weighted[idx] * rescale + (terms * harm).sum(axis=1)
        total[idx] = total[idx] * rescale + terms.sum(axis=1)
        log_peak[idx], log_t[idx], harmonic[idx] = peak, logs[:, -1], harm[:, -1]
        last, falling = terms[:, -1], y[idx] < steps[:, -1] + 1.0
        negligible = (last * harm[:, -1] <= 1e-17 * weighted[idx]) & (last <= 1e-17 * total[idx])
        idx = idx[~(falling & negligible)]
        start += block
        block = min(2 * block, _MAX_WAIT_BLOCK)
    return weighted / total


def _excess(d):
    """``e**-d - 1 + d >= 0``."""
    return np.expm1(-d) + d


def _harmonic_quadrature(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """``E[H(J)]`` as an integral, for ``x >= 5``. With ``U ~ Gamma(x)``,
    ``E[H(J)] = E[log(y / U) | U < y] - 1/x``; in ``s = log(y / U)`` and integrated by parts
    (so that the ``1/x`` cancels exactly instead of in rounding) it is

    ``E[H(J)] = (y / x) int s e**-s e**(-phi(s)) ds / int e**(-phi(s)) ds``, ``s >= 0``,

    with ``phi(s) = x s + y e**-s``, convex, its minimum at ``s0 = max(log(y / x), 0)``. Relative
    to it, ``phi - phi(s0)`` is ``(x - y) s + y (e**-s - 1 + s)`` for ``y <= x`` and
    ``x (e**-d - 1 + d)``, ``d = s - s0``,
    for ``y > x``, both free of cancellation. The range where ``phi - phi(s0) < 42`` (found by
    Newton from bounds above its edges, which converges monotonically on a convex function) is
    split in two panels of 24 Gauss-Legendre nodes each: about 1e-13 relative, checked against
    the exact series for ``x`` from 5 to 1e5.
    """
    over = y > x
    s0 = np.where(over, np.log(np.where(over, y / x, 1.0)), 0.0)
    slope = np.where(over, 0.0, x - y)  # phi'(s0), the linear part
    curve = np.where(over, x, y)  # the curvature phi''(s0)
    # Right edge, d = s - s0 > 0: start above it (linear part alone, e**-d - 1 + d >= d - 1,
    # and >= d**2 / 3 for d <= 1), then Newton on slope d + curve excess(d) = 42.
    with np.errstate(divide="ignore"):
        right = np.minimum(_DENSITY_RANGE / slope, 1.0 + _DENSITY_RANGE / curve)
    near = np.sqrt(3.0 * _DENSITY_RANGE / curve)
    right = np.where(near <= 1.0, np.minimum(right, near), right)
    # Left edge (y > x only), m = s0 - s > 0: x (e**m - 1 - m) = 42, from m = sqrt(84 / x).
    left = np.sqrt(2.0 * _DENSITY_RANGE / x)
    for _ in range(_EDGE_NEWTON_STEPS):
        right = right - (slope * right + curve * _excess(right) - _DENSITY_RANGE) / (
            slope - curve * np.expm1(-right)
        )
        left = left - (x * _excess(-left) - _DENSITY_RANGE) / (x * np.expm1(left))
    lo = np.where(over, np.maximum(s0 - left, 0.0), 0.0)
    hi = s0 + right
    numerator, denominator = np.zeros(x.shape), np.zeros(x.shape)
    for a, b in ((lo, 0.5 * (lo + hi)), (0.5 * (lo + hi), hi)):
        half = 0.5 * (b - a)
        s = (a + half)[:, None] + half[:, None] * _GAUSS_NODES
        d = s - s0[:, None]
        log_density = np.where(
            over[:, None],
            x[:, None] * _excess(d),
            slope[:, None] * s + y[:, None] * _excess(s),
        )
        weights = np.exp(-log_density) * _GAUSS_WEIGHTS * half[:, None]
        denominator += weights.sum(axis=1)
        numerator += (weights * s * np.exp(-s)).sum(axis=1)
    return y / x * numerator / denominator


class ErlangAResult:
    """Steady-state KPIs of the M/M/n+M queue (Erlang A), arrays shaped like the broadcast inputs
    (numpy scalars for scalar inputs).

    Attributes
    ----------
    p_wait : ndarray
        Probability that an arriving call finds every agent busy and has to queue.
    p_abandon : ndarray
        Share of offered calls that hang up before being answered.
    service_level : ndarray
        Share of **offered** calls answered within ``threshold`` seconds (abandoned = failure).
    occupancy : ndarray
        Answered load / agents (0 with no agents).
    asa : ndarray
        Mean queue wait of **answered** calls, seconds (0 with no agents or no load).

    Each attribute is computed on first access.
    """

    def __init__(self, queue: _Palm, no_load: np.ndarray, threshold: np.ndarray, shape):
        self._queue = queue
        self._no_load = no_load
        self._threshold = threshold
        self._shape = shape

    def _shaped(self, values: np.ndarray, no_load_value: float):
        return _out(np.where(self._no_load, no_load_value, values).reshape(self._shape))

    @cached_property
    def p_wait(self):
        return self._shaped(self._queue.p_wait, 0.0)

    @cached_property
    def p_abandon(self):
        return self._shaped(self._queue.p_wait * self._queue.abandon_if_wait, 0.0)

    @cached_property
    def service_level(self):
        return self._shaped(self._queue.within(self._threshold), 1.0)

    @cached_property
    def occupancy(self):
        return self._shaped(self._queue.occupancy, 0.0)

    @cached_property
    def asa(self):
        return self._shaped(self._queue.asa, 0.0)

    def __repr__(self) -> str:
        kpis = ("p_wait", "p_abandon", "service_level", "asa", "occupancy")
        return "ErlangAResult(" + ", ".join(f"{k}={getattr(self, k)!r}" for k in kpis) + ")"


def erlang_a(agents, load, aht, patience, threshold=20.0) -> ErlangAResult:
    """KPIs of the M/M/n+M queue (Erlang A, Palm 1946): Poisson arrivals, exponential handle and
    patience times.

    Parameters
    ----------
    agents : int or array_like
        Number of agents, whole numbers >= 0.
    load : float or array_like
        Offered load in Erlangs, >= 0 (may exceed ``agents``: impatience keeps the queue stable).
    aht : float or array_like
        Average handle time in seconds, > 0.
    patience : float or array_like
        Mean patience (time a caller is willing to wait) in seconds, > 0.
    threshold : float or array_like, default 20.0
        Answer-time threshold in seconds for the service level, >= 0.

    Returns
    -------
    ErlangAResult
        ``p_wait``, ``p_abandon``, ``service_level``, ``asa``, ``occupancy`` (see the class).

    Notes
    -----
    With ``x = n patience / AHT``, ``y = load patience / AHT``, ``P`` and ``Q`` the regularised
    lower and upper incomplete gamma functions (Garnett, Mandelbaum & Reiman 2002; Mandelbaum &
    Zeltyn 2007): ``S = Gamma(x+1) e**y y**-x P(x, y)``, ``P(wait) = B S / (1 + (S - 1) B)``,
    ``P(abandon | wait) = 1 - (1 - 1/S) n / load``, and of the waiting callers a share
    ``(n / load)(P(x + 1, y) - P(x + 1, y e**(-t / patience))) / P(x, y)`` is answered within the
    threshold ``t``. Everything is evaluated in log space, and each difference that would cancel
    digits is rewritten (series over the queue length where ``n > load``, upper incomplete gammas
    where the waits are long), so every KPI keeps its relative precision. The limits are Erlang C
    (patience -> inf) and Erlang B (patience -> 0).
    """
    n, a = _agents_load(agents, load)
    aht = _checks.positive(aht, "aht", " seconds")
    patience = _checks.positive(patience, "patience", " seconds")
    threshold = _checks.nonnegative(threshold, "threshold", " seconds")
    n, a, aht, patience, threshold = np.broadcast_arrays(n, a, aht, patience, threshold)
    shape = n.shape
    n, a, aht, patience, threshold = (v.ravel() for v in (n, a, aht, patience, threshold))
    no_load = a == 0
    queue = _palm(n, np.where(no_load, 1.0, a), aht, patience)
    return ErlangAResult(queue, no_load, threshold, shape)


def _halfin_whitt_beta(a, aht, threshold, service_level, max_asa):
    """``beta`` of square-root staffing ``n ~ a + beta sqrt(a)`` for the SL and ASA targets.

    ``P(wait) ~ 1 / (1 + beta Phi(beta) / phi(beta))`` (Halfin & Whitt 1981), with
    ``Phi / phi = sqrt(pi/2) erfcx(-beta / sqrt(2))``. The SL target depends on the load only
    through ``d = sqrt(a) t / AHT`` and the ASA target only through ``e = max_asa sqrt(a) / AHT``,
    so ``beta`` is tabulated once per target over a geometric grid of ``d`` (or ``e``) and
    interpolated. Only a starting point: the exact search corrects it.
    """
    root = np.sqrt(a)
    beta = np.zeros(a.shape)
    if service_level is not None:
        beta = np.interp(root * threshold / aht, _HW_GRID, _service_level_betas(service_level))
    if max_asa is not None:
        beta = np.maximum(beta, np.interp(max_asa * root / aht, _HW_GRID, _asa_betas()))
    return beta


@lru_cache(maxsize=64)
def _service_level_betas(service_level: float) -> np.ndarray:
    return _beta_for_service_level(_HW_GRID, np.log1p(-service_level))


@cache
def _asa_betas() -> np.ndarray:
    return _beta_for_asa(_HW_GRID)


def _log_p_wait_hw(beta):
    """``log P(wait)`` of the Halfin-Whitt approximation and its derivative in ``beta``."""
    ratio = _SQRT_HALF_PI * special.erfcx(-_SQRT_HALF * beta)  # Phi(beta) / phi(beta)
    u = beta * ratio
    return -np.log1p(u), -(ratio * (1.0 + beta * beta) + beta) / (1.0 + u)


def _beta_for_service_level(d, log_miss):
    """Root of ``log P(wait) - beta d - log(1 - SL)``: concave and falling in ``beta``, so Newton
    from 0 overshoots once and then converges from above."""
    beta = np.zeros(d.shape)
    for _ in range(_NEWTON_STEPS):
        log_p, slope = _log_p_wait_hw(beta)
        beta = np.minimum(beta - (log_p - beta * d - log_miss) / (slope - d), _MAX_BETA)
    return beta


def _beta_for_asa(e):
    """Root of ``log P(wait) - log(e beta)``, by Newton in ``t = log beta`` (concave and falling)
    from the root of its linear part, ``t = -log e``, which lies above the root."""
    t = np.minimum(-np.log(e), _LOG_MAX_BETA)
    for _ in range(_NEWTON_STEPS):
        beta = np.exp(t)
        log_p, slope = _log_p_wait_hw(beta)
        t = np.minimum(t - (log_p - np.log(e) - t) / (beta * slope - 1.0), _LOG_MAX_BETA)
    return np.exp(t)


def _fluid_guess(a, threshold, patience, service_level, max_abandon):
    """Fluid (efficiency-driven) staffing for Erlang A: with ``n < load`` every answered caller
    waits about ``patience log(load / n)``, so the SL needs ``n >= load max(s, e**(-t/patience))``
    and the abandonment ``n >= load (1 - m)`` (Whitt 2006, "Fluid models for multiserver queues
    with abandonments"). A starting point only.
    """
    share = np.zeros(a.shape)
    if service_level is not None:
        share = np.maximum(service_level, np.exp(-threshold / patience))
    if max_abandon is not None:
        share = np.maximum(share, 1.0 - max_abandon)
    return np.ceil(share * a)


def _check_targets(service_level, max_asa, max_abandon, max_occupancy, patience):
    if all(t is None for t in (service_level, max_asa, max_abandon, max_occupancy)):
        raise InputError(
            "required_agents: give at least one target "
            "(service_level, max_asa, max_abandon or max_occupancy)"
        )
    if service_level is not None:
        service_level = _share_target(service_level, "service_level")
    if max_asa is not None:
        max_asa = _checks.scalar_positive(max_asa, "max_asa", " seconds")
    if max_abandon is not None:
        if patience is None:
            raise InputError(
                "max_abandon: needs patience (Erlang A); Erlang C callers never abandon"
            )
        max_abandon = _share_target(max_abandon, "max_abandon")
    if max_occupancy is not None:
        max_occupancy = _checks.share(max_occupancy, "max_occupancy", high_open=False)
    return service_level, max_asa, max_abandon, max_occupancy


_UNREACHABLE = {
    "service_level": (1.0, "no finite staffing answers every call within the threshold"),
    "max_abandon": (0.0, "no finite staffing brings abandonment to 0 when callers may hang up"),
}


def _share_target(value, name: str) -> float:
    """A share target in (0, 1); at the bound no finite staffing reaches, the message says so."""
    try:
        return _checks.share(value, name)
    except InputError as err:
        bound, reason = _UNREACHABLE[name]
        try:
            unreachable = _checks.share(value, name, low_open=False, high_open=False) == bound
        except InputError:
            unreachable = False
        raise InputError(f"{err} ({reason})" if unreachable else str(err)) from None


def required_agents(
    load,
    aht,
    *,
    service_level=None,
    threshold=20.0,
    max_asa=None,
    max_abandon=None,
    max_occupancy=None,
    patience=None,
):
    """Smallest whole number of agents that meets **every** target given.

    Parameters
    ----------
    load : float or array_like
        Offered load in Erlangs, >= 0 (vectorised: one answer per load).
    aht : float or array_like
        Average handle time in seconds, > 0 (broadcast with ``load``).
    service_level : float, optional
        Minimum share of offered calls answered within ``threshold`` seconds, in (0, 1).
    threshold : float or array_like, default 20.0
        Answer-time threshold in seconds, >= 0.
    max_asa : float, optional
        Maximum mean queue wait of answered calls, seconds, > 0.
    max_abandon : float, optional
        Maximum share of offered calls that abandon, in (0, 1); needs ``patience``.
    max_occupancy : float, optional
        Maximum occupancy (answered load / agents), in (0, 1].
    patience : float or array_like, optional
        Mean caller patience in seconds, > 0. Given: Erlang A (the answer may be below the load);
        omitted: Erlang C (the answer is always above the load).

    Returns
    -------
    int or ndarray of int
        Agents per load; 0 where the load is 0.

    Raises
    ------
    InputError
        For bad arguments, and where the answer would exceed the solver's limit of ``1e13``
        agents (a huge load, a tiny ``max_occupancy`` or a target met by no pool up to the
        limit): the message names the argument(s), the load and the limit. No answer above the
        limit is ever returned.

    Notes
    -----
    Every KPI is monotone in the number of agents, so the answer is found by an exact integer
    search on the exact formulas of this module. Erlang C starts from the Halfin-Whitt
    square-root staffing estimate (Halfin & Whitt 1981) and checks the four agent counts from two
    below it at once, with one incomplete gamma function per load and Erlang's recursion
    ``B(n+1) = a B(n) / (n + 1 + a B(n))``; the rare loads not settled there go to the search.
    Erlang A starts from the fluid estimate (Whitt 2006), gallops in steps of about
    ``sqrt(load) / 2``, then bisects; when few loads are left each round probes up to 32
    candidates at once, which costs about as much as one. Many loads sharing one AHT, threshold
    and patience are bracketed between the answers of every 16th load in sorted order (the
    answer never falls as the load rises), so most need no probe at all.
    """
    a = _checks.nonnegative(load, "load", " Erlangs")
    aht = _checks.positive(aht, "aht", " seconds")
    threshold = _checks.nonnegative(threshold, "threshold", " seconds")
    if patience is not None:
        patience = _checks.positive(patience, "patience", " seconds")
    service_level, max_asa, max_abandon, max_occupancy = _check_targets(
        service_level, max_asa, max_abandon, max_occupancy, patience
    )
    arrays = np.broadcast_arrays(a, aht, threshold, *([] if patience is None else [patience]))
    shape = arrays[0].shape
    flat = [x.reshape(-1) for x in arrays]
    loaded = flat[0] > 0
    everyone = np.count_nonzero(loaded) == loaded.size
    if not everyone:
        flat = [x[loaded] for x in flat]
    targets = {
        "service_level": service_level,
        "max_asa": max_asa,
        "max_abandon": max_abandon,
        "max_occupancy": max_occupancy,
    }
    targets = {k: v for k, v in targets.items() if v is not None}
    staffed = np.zeros(flat[0].shape)
    if flat[0].size:
        lowest = _lowest_agents(flat[0], patience is not None, targets)
        _check_limit(lowest, flat, loaded, shape, targets, lower_bound=True)
        if patience is None:
            staffed = _staff_erlang_c(*flat, lowest, service_level, max_asa)
        else:
            staffed = _staff_erlang_a(
                *flat, lowest, service_level, max_asa, max_abandon, max_occupancy
            )
        _check_limit(staffed, flat, loaded, shape, targets, lower_bound=False)
    agents = staffed
    if not everyone:
        agents = np.zeros(loaded.shape)
        agents[loaded] = staffed
    return _out(agents.astype(np.int64).reshape(shape))


def _lowest_agents(a, erlang_a: bool, targets: dict) -> np.ndarray:
    """A lower bound on the answer for loads > 0 (``inf`` where it overflows float64).

    Erlang C: more agents than Erlangs, and for ``max_occupancy`` at least ``a / max_occupancy``
    (exact: the occupancy target holds from this bound on). Erlang A: the answered share is at
    most ``agents / load``, so SL >= s needs ``n >= s a`` and abandonment <= m needs
    ``n >= (1 - m) a``.
    """
    with np.errstate(over="ignore"):
        if erlang_a:
            answered = max(targets.get("service_level", 0.0), 1.0 - targets.get("max_abandon", 1.0))
            return np.maximum(np.ceil(answered * a), 1.0)
        lowest = np.floor(a) + 1.0
        if "max_occupancy" in targets:
            max_occupancy = targets["max_occupancy"]
            # Occupancy a / n is met from ceil(a / max_occupancy) on, and failed just below; one
            # step either way so that the bound agrees with ``a / n`` as :func:`occupancy` rounds.
            bound = np.ceil(a / max_occupancy)
            finite = np.isfinite(bound) & (bound <= _MAX_AGENTS)
            safe = np.where(finite, bound, 1.0)
            safe = np.where(a / safe > max_occupancy, safe + 1.0, safe)
            below = np.maximum(safe - 1.0, 1.0)
            safe = np.where((safe > 1.0) & (a / below <= max_occupancy), below, safe)
            lowest = np.maximum(lowest, np.where(finite, safe, bound))
        return lowest


def _check_limit(agents, flat, loaded, shape, targets: dict, *, lower_bound: bool) -> None:
    """Raise naming the argument(s) where ``agents`` (an answer, or a lower bound on it when
    ``lower_bound``) exceeds the solver's limit of ``_MAX_AGENTS`` agents, e.g.
    ``max_occupancy: 1e-12 would need at least 100,000,000,000,000 agents for load 100.0
    Erlangs; the limit is 1e+13 agents``."""
    over = np.flatnonzero(~(agents <= _MAX_AGENTS))
    if not over.size:
        return
    i = int(over[0])
    a, aht, threshold = (float(v[i]) for v in flat[:3])
    patience = float(flat[3][i]) if len(flat) > 3 else None
    index = f" (load[{int(np.flatnonzero(loaded)[i])}])" if shape != () else ""
    limit = f"the limit is {_MAX_AGENTS:.0e} agents"
    count = float(agents[i])
    if not np.isfinite(count):
        need = "more than float64 can count" if lower_bound else f"more than {_MAX_AGENTS:.0e}"
    else:
        need = f"{int(count):,}" if count < 1e15 else f"{count:.3g}"
        need = f"at least {need}" if lower_bound else need
    if patience is None and a + 1.0 > _MAX_AGENTS:
        raise InputError(
            f"load: {a!r} Erlangs{index} would need {need} agents "
            f"(an Erlang C queue needs more agents than Erlangs); {limit}"
        )
    failing = _failing_at_limit(a, aht, threshold, patience, targets) or targets
    names, values = ", ".join(failing), ", ".join(repr(v) for v in failing.values())
    where = f"load {a!r} Erlangs{index}"
    raise InputError(f"{names}: {values} would need {need} agents for {where}; {limit}")


def _failing_at_limit(a, aht, threshold, patience, targets: dict) -> dict:
    """The targets not met at ``_MAX_AGENTS`` agents for one load (each judged alone)."""
    n = np.array([_MAX_AGENTS])
    a_, aht_, t_ = np.array([a]), np.array([aht]), np.array([threshold])
    failing = {}
    with np.errstate(all="ignore"):
        if patience is None:
            if a >= _MAX_AGENTS:
                return dict(targets)
            c, not_c = _erlang_c(n, a_)
            kpis = {
                "service_level": lambda: _service_level_c(n, a_, aht_, t_, c, not_c),
                "max_asa": lambda: _asa_c(n, a_, aht_, c),
                "max_occupancy": lambda: _occupancy_c(n, a_),
            }
        else:
            queue = _palm(n, a_, aht_, np.array([patience]))
            kpis = {
                "service_level": lambda: queue.within(t_),
                "max_asa": lambda: queue.asa,
                "max_abandon": lambda: queue.p_wait * queue.abandon_if_wait,
                "max_occupancy": lambda: queue.occupancy,
            }
        for name, target in targets.items():
            value = float(kpis[name]()[0])
            met = value >= target if name == "service_level" else value <= target
            if not met:
                failing[name] = target
    return failing


def _staff_erlang_c(a, aht, threshold, lowest, service_level, max_asa):
    """Erlang C staffing for loads > 0 from the lower bound ``lowest`` (:func:`_lowest_agents`):
    one Erlang B evaluation just below the Halfin-Whitt estimate, then a window of ``_WINDOW``
    consecutive agents by Erlang's recursion, all at once: with ``r_k = 1 / B(n + k)`` and
    ``P_k = prod_{j<=k} (n + j) / a``, ``r_k = P_k (r_0 + sum_{i<=k} 1 / P_i)``. The rare loads
    not settled go to the search."""

    def meets_with(n, a_i, aht_i, t_i, b):
        """The targets at ``n > a`` agents, with the Erlang B blocking ``b`` at ``n``."""
        c, not_c = _stable_c(n, a_i, b)
        ok = n > a_i  # the occupancy target holds from ``lowest`` on
        if service_level is not None:
            ok = ok & (_stable_service_level(n, a_i, aht_i, t_i, c, not_c) >= service_level)
        if max_asa is not None:
            ok = ok & (c * aht_i / (n - a_i) <= max_asa)
        return ok

    def meets(n, i):
        a_i, aht_i, t_i = (np.broadcast_to(v[i, None], n.shape) for v in (a, aht, threshold))
        return meets_with(n, a_i, aht_i, t_i, np.exp(_log_erlang_b(n, a_i)))

    beta = _halfin_whitt_beta(a, aht, threshold, service_level, max_asa)
    # The estimate is 0 to 2 agents low: the window starts two below it.
    start = np.maximum(np.ceil(a + beta * np.sqrt(a)) - 2.0, lowest)
    n = start[:, None] + _WINDOW_STEPS
    log_b = _log_erlang_b(start, a)[:, None]
    with np.errstate(over="ignore"):  # 1 / B beyond float64 is B = 0, as it should be
        growth = np.cumprod(n[:, 1:] / a[:, None], axis=1)
        inverse_b = growth * (np.exp(-log_b) + np.cumsum(1.0 / growth, axis=1))
    b = np.concatenate([np.exp(log_b), 1.0 / inverse_b], axis=1)
    ok = meets_with(n, a[:, None], aht[:, None], threshold[:, None], b)
    first = ok.argmax(axis=1)
    found = ok[np.arange(a.size), first]
    hold = np.where(found, start + first, np.inf)
    # Unsettled: nothing held in the window, or its start held above the lower bound.
    rest = np.flatnonzero(~found | ((first == 0) & (start > lowest)))
    if rest.size:
        walked = ~found[rest]
        fail = np.where(walked, start[rest] + _WINDOW - 1.0, lowest[rest] - 1.0)
        guess = start[rest] + _WINDOW
        hold[rest] = _integer_search(meets, fail, walked, hold[rest], guess, rest)
    return hold


def _staff_erlang_a(
    a,
    aht,
    threshold,
    patience,
    lowest,
    service_level,
    max_asa,
    max_abandon,
    max_occ,
    *,
    bracket=True,
):
    """Erlang A staffing for loads > 0: exact search from the fluid estimate, from the lower
    bound ``lowest`` (:func:`_lowest_agents`).

    Many loads sharing one AHT, threshold and patience are bracketed first: every KPI worsens
    as the load grows at a fixed pool, so the answer never falls as the load rises. Every
    ``_BRACKET_STRIDE``-th load in sorted order (and the largest) is searched in full; a load
    between two of them needs at least the lower one's answer and at most the upper one's, so
    where the two agree it is settled without a probe, and otherwise it is searched inside the
    bracket (a probe or two, as sorted neighbours' answers differ by about one agent).
    """
    targets = (service_level, max_asa, max_abandon, max_occ)

    def meets(n, i):
        shaped = (np.broadcast_to(v[i, None], n.shape).ravel() for v in (a, aht, patience))
        a_i, aht_i, patience_i = shaped
        flat_n = n.ravel()
        queue = _palm(flat_n, a_i, aht_i, patience_i)
        ok = np.ones(flat_n.shape, dtype=bool)
        if service_level is not None:
            t_i = np.broadcast_to(threshold[i, None], n.shape).ravel()
            ok &= queue.within(t_i) >= service_level
        if max_abandon is not None:
            ok &= queue.p_wait * queue.abandon_if_wait <= max_abandon
        if max_occ is not None:
            ok &= queue.occupancy <= max_occ
        if max_asa is not None:
            # The ASA is the costly KPI: only where every other target holds.
            rest = np.flatnonzero(ok)
            ok[rest] = queue.subset(rest).asa <= max_asa
        return ok.reshape(n.shape)

    uniform = all(np.all(v == v[0]) for v in (aht, threshold, patience))
    if bracket and a.size >= _BRACKET_FROM and uniform:
        order = np.argsort(a, kind="stable")
        ranks = np.unique(np.append(np.arange(0, a.size, _BRACKET_STRIDE), a.size - 1))
        sample = order[ranks]
        sampled = _staff_erlang_a(
            a[sample],
            aht[sample],
            threshold[sample],
            patience[sample],
            lowest[sample],
            *targets,
            bracket=False,
        )
        position = np.empty(a.size, dtype=np.int64)
        position[order] = np.arange(a.size)
        below = np.searchsorted(ranks, position, side="right") - 1
        above = np.searchsorted(ranks, position, side="left")
        low, high = sampled[below], sampled[above]
        hold = high.copy()
        rest = np.flatnonzero(low < high)
        if rest.size:
            fail = np.maximum(low[rest], lowest[rest]) - 1.0
            probed = np.ones(rest.size, dtype=bool)
            hold[rest] = _integer_search(meets, fail, probed, hold[rest], fail + 1.0, rest)
        return hold

    beta = _halfin_whitt_beta(a, aht, threshold, service_level, max_asa)
    sqrt_guess = np.maximum(np.floor(a + beta * np.sqrt(a)), lowest)
    guess = np.clip(
        _fluid_guess(a, threshold, patience, service_level, max_abandon), lowest, sqrt_guess
    )
    everyone = np.arange(a.size)
    no_probe, no_hold = np.zeros(a.shape, dtype=bool), np.full(a.shape, np.inf)
    # The fluid estimate misses the O(sqrt(a)) fluctuations: gallop in steps of that order.
    step = np.maximum(np.floor(0.5 * np.sqrt(a)), 1.0)
    return _integer_search(meets, lowest - 1.0, no_probe, no_hold, guess, everyone, step)


def _integer_search(meets, fail, fail_probed, hold, guess, idx, step=None) -> np.ndarray:
    """Smallest whole ``n`` with ``meets(n, i)``, for predicates monotone in ``n``.

    ``fail`` is known to fail (by a probe where ``fail_probed``, else a bound that may be far
    off), ``hold`` is known to hold (``inf`` if none yet), ``guess`` the first probe upwards and
    ``step`` (default 1) the first step of the gallop. Gallops up from ``guess`` while nothing
    holds, gallops down from ``hold`` while no probe has failed, then bisects. Each round probes
    ``k`` candidates per load (``k`` up to 32 when few loads are left), splitting the bracket
    ``k + 1`` ways. ``meets(n, i)`` takes candidates ``n``
    shaped (loads, k) and the load indices ``i``. Loads that still fail at ``_MAX_AGENTS`` agents
    get ``inf``.
    """
    fail, hold, fail_probed = fail.astype(float), hold.astype(float), fail_probed.copy()
    step_up = np.ones(fail.shape) if step is None else step.astype(float)
    base, step_down = guess - step_up, np.ones(fail.shape)
    active = np.flatnonzero(hold - fail > 1)
    while active.size:
        k = int(np.clip(_PROBE_BUDGET // active.size, 1, _MAX_PROBES))
        powers = 2.0 ** np.arange(k)
        f, h = fail[active, None], hold[active, None]
        up = np.isinf(h)
        down = ~up & ~fail_probed[active, None]
        split = f + np.ceil((np.where(up, 0.0, h) - f) * np.arange(1, k + 1) / (k + 1))
        candidates = np.where(
            up,
            np.maximum(base[active, None], f) + step_up[active, None] * powers,
            np.where(down, h - step_down[active, None] * powers, split),
        )
        candidates = np.clip(candidates, f + 1.0, np.maximum(h - 1.0, f + 1.0))
        candidates = np.minimum(candidates, _MAX_AGENTS)
        ok = meets(candidates, idx[active])
        new_fail = np.where(ok, -np.inf, candidates).max(axis=1)
        new_hold = np.where(ok, candidates, np.inf).min(axis=1)
        fail_probed[active] |= np.isfinite(new_fail)
        fail[active] = np.maximum(fail[active], new_fail)
        hold[active] = np.minimum(hold[active], new_hold)
        was_up, was_down = up[:, 0], down[:, 0]
        step_up[active[was_up]] = np.minimum(step_up[active[was_up]] * 2.0**k, _MAX_AGENTS)
        step_down[active[was_down]] *= 2.0**k
        active = active[(hold[active] - fail[active] > 1) & (fail[active] < _MAX_AGENTS)]
    return hold
