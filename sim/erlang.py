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
- Erlang C is unstable where ``load >= agents``: P(wait) is 1, the service level 0 and the ASA
  ``inf`` there (the honest answer, not an error).

References
----------
A. K. Erlang (1917), "Solution of some problems in the theory of probabilities of significance in
automatic telephone exchanges". C. Palm (1946), "Methods of judging the annoyance caused by
congestion". O. Garnett, A. Mandelbaum, M. Reiman (2002), "Designing a call center with impatient
customers", Manufacturing & Service Operations Management 4(3). A. Mandelbaum, S. Zeltyn (2007),
"Service engineering in action: the Palm/Erlang-A queue".
"""

from dataclasses import dataclass
from functools import cached_property

import numpy as np
from scipy import special

from sim import _checks
from sim._special import log_expm1, log_gammainc, log_poisson_cdf, log_poisson_term

_LOG_1E250 = 250.0 * float(np.log(10.0))

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


def _out(arr: np.ndarray):
    """Return a numpy scalar for 0-d results, the array otherwise (scipy.special style)."""
    arr = np.asarray(arr)
    return arr[()] if arr.ndim == 0 else arr


def _agents_load(agents, load) -> tuple[np.ndarray, np.ndarray]:
    n = _checks.whole(agents, "agents")
    a = _checks.nonnegative(load, "load", " Erlangs")
    return np.broadcast_arrays(n, a)


def _log_erlang_b(n: np.ndarray, a: np.ndarray) -> np.ndarray:
    return np.minimum(log_poisson_term(n, a) - log_poisson_cdf(n, a), 0.0)


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


def _erlang_c(n: np.ndarray, a: np.ndarray) -> np.ndarray:
    stable = a < n
    b = np.exp(_log_erlang_b(n, a))
    with np.errstate(divide="ignore", invalid="ignore"):
        c = n * b / (n - a * (1.0 - b))
    return np.where(stable, np.clip(c, 0.0, 1.0), 1.0)


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
        P(wait > 0) in [0, 1]; 1.0 where ``load >= agents`` (the queue is unstable).

    Notes
    -----
    ``C = n B / (n - a (1 - B))`` with ``B`` the Erlang B blocking probability (Erlang 1917).
    """
    n, a = _agents_load(agents, load)
    return _out(_erlang_c(n, a))


def _time_args(aht, threshold) -> tuple[np.ndarray, np.ndarray]:
    return (
        _checks.positive(aht, "aht", " seconds"),
        _checks.nonnegative(threshold, "threshold", " seconds"),
    )


def _service_level_c(n, a, aht, threshold):
    c = _erlang_c(n, a)
    with np.errstate(invalid="ignore", over="ignore"):
        sl = 1.0 - c * np.exp(-(n - a) * threshold / aht)
    return np.where(a < n, np.clip(sl, 0.0, 1.0), 0.0)


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
        ``1 - C exp(-(n - a) t / AHT)`` in [0, 1]; 0.0 where ``load >= agents`` (unstable).
    """
    n, a = _agents_load(agents, load)
    aht, threshold = _time_args(aht, threshold)
    return _out(_service_level_c(n, a, aht, threshold))


def _asa_c(n, a, aht):
    c = _erlang_c(n, a)
    with np.errstate(divide="ignore", invalid="ignore"):
        wait = c * aht / (n - a)
    return np.where(a < n, wait, np.inf)


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
        ``C AHT / (n - a)`` seconds; ``inf`` where ``load >= agents`` (unstable).
    """
    n, a = _agents_load(agents, load)
    aht = _checks.positive(aht, "aht", " seconds")
    return _out(_asa_c(n, a, aht))


def _occupancy_c(n, a):
    with np.errstate(divide="ignore", invalid="ignore"):
        occ = np.minimum(a / n, 1.0)
    return np.where(a == 0, 0.0, occ)


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


def _log_wait_series(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """``log sum_j t_j h_j / (x + j + 1)`` over 1-d arrays, where ``t_j = y**j / ((x+1)...(x+j))``
    and ``h_j = sum_{k<=j} 1 / (x + k + 1)``.

    The mean wait of answered Erlang A callers is this series (the virtual wait tilted by the
    patience). Terms rise while ``y > x + j`` and then fall; they are rescaled on the way so the sum
    neither overflows nor underflows.
    """
    term = np.ones(x.shape)
    harmonic = 1.0 / (x + 1.0)
    total = harmonic / (x + 1.0)
    log_scale = np.zeros(x.shape)
    idx = np.arange(x.size)
    j = 0
    while idx.size:
        xa = x[idx]
        ratio = y[idx] / (xa + j + 1.0)
        term[idx] *= ratio
        harmonic[idx] += 1.0 / (xa + j + 2.0)
        contribution = term[idx] * harmonic[idx] / (xa + j + 2.0)
        total[idx] += contribution
        big = idx[term[idx] > 1e250]
        term[big] *= 1e-250
        total[big] *= 1e-250
        log_scale[big] += _LOG_1E250
        finished = (ratio < 1.0) & (contribution <= 1e-17 * total[idx])
        idx = idx[~finished]
        j += 1
    return np.log(total) + log_scale


@dataclass(frozen=True)
class ErlangAResult:
    """Steady-state KPIs of the M/M/n+M queue (Erlang A), arrays shaped like the broadcast inputs.

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
        Mean queue wait of **answered** calls, seconds (computed on first access; 0 with no agents).
    """

    p_wait: np.ndarray
    p_abandon: np.ndarray
    service_level: np.ndarray
    occupancy: np.ndarray
    _x: np.ndarray
    _y: np.ndarray
    _patience: np.ndarray
    _log_inv_s: np.ndarray

    @cached_property
    def asa(self):
        x, y = np.asarray(self._x), np.asarray(self._y)
        served = 1.0 - np.asarray(self.p_abandon)
        waits = np.asarray(self.p_wait) > 0
        out = np.zeros(x.shape)
        if waits.any():
            log_sum = _log_wait_series(x[waits], y[waits])
            tilted = (
                np.asarray(self.p_wait)[waits]
                * np.broadcast_to(self._patience, x.shape)[waits]
                * x[waits]
                * np.exp(np.asarray(self._log_inv_s)[waits] + log_sum)
            )
            out[waits] = tilted / served[waits]
        return _out(out)


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
    With ``x = n patience / AHT``, ``y = load patience / AHT`` and ``P`` the regularised lower
    incomplete gamma function (Garnett, Mandelbaum & Reiman 2002; Mandelbaum & Zeltyn 2007):
    ``S = Gamma(x+1) e**y y**-x P(x, y)``, ``P(wait) = B S / (1 + (S - 1) B)``,
    ``P(abandon | wait) = 1 - (1 - 1/S) n / load``, and the share of callers answered after the
    threshold ``t`` is ``P(wait) (n / load) P(x + 1, y e**(-t / patience)) / P(x, y)``.
    Everything is evaluated in log space; the limits are Erlang C (patience -> inf) and
    Erlang B (patience -> 0).
    """
    n, a = _agents_load(agents, load)
    aht = _checks.positive(aht, "aht", " seconds")
    patience = _checks.positive(patience, "patience", " seconds")
    threshold = _checks.nonnegative(threshold, "threshold", " seconds")
    n, a, aht, patience, threshold = np.broadcast_arrays(n, a, aht, patience, threshold)
    return _erlang_a(n, a, aht, patience, threshold)


def _erlang_a(n, a, aht, patience, threshold) -> ErlangAResult:
    no_load = a == 0
    a_safe = np.where(no_load, 1.0, a)
    ratio = patience / aht
    x, y = n * ratio, a_safe * ratio
    log_p_xy = log_gammainc(x, y)
    log_inv_s = np.minimum(log_poisson_term(x, y) - log_p_xy, 0.0)
    log_b = _log_erlang_b(n, a_safe)
    with np.errstate(over="ignore"):
        p_wait = 1.0 / (1.0 + np.exp(log_expm1(-log_b) + log_inv_s))
    abandon_if_wait = np.clip(1.0 + np.expm1(log_inv_s) * n / a_safe, 0.0, 1.0)
    p_abandon = p_wait * abandon_if_wait
    q_y = y * np.exp(-threshold / patience)
    with np.errstate(invalid="ignore"):
        late = np.exp(log_gammainc(x + 1.0, q_y) - log_p_xy)
    late = np.where(n == 0, 0.0, np.nan_to_num(late, nan=0.0))
    answered_late = p_wait * (n / a_safe) * late
    sl = np.clip(1.0 - p_abandon - answered_late, 0.0, 1.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        occ = np.where(n == 0, 0.0, np.minimum(a_safe * (1.0 - p_abandon) / n, 1.0))
    zero = np.zeros(n.shape)
    return ErlangAResult(
        p_wait=_out(np.where(no_load, zero, p_wait)),
        p_abandon=_out(np.where(no_load, zero, p_abandon)),
        service_level=_out(np.where(no_load, 1.0, sl)),
        occupancy=_out(np.where(no_load, zero, occ)),
        _x=x,
        _y=y,
        _patience=patience,
        _log_inv_s=np.where(no_load, 0.0, log_inv_s),
    )


_MAX_SEARCH_STEPS = 4_000


def _sqrt_staffing_guess(a, aht, threshold, service_level, max_asa):
    """Halfin-Whitt square-root staffing ``a + beta sqrt(a)`` for the SL and ASA targets.

    ``P(wait) ~ 1 / (1 + beta Phi(beta) / phi(beta))`` (Halfin & Whitt 1981); ``beta`` is found by
    vectorised bisection. Only a starting point: the exact search corrects it.
    """
    root = np.sqrt(a)
    lo_b, hi_b = np.full(a.shape, 1e-6), np.full(a.shape, 12.0)
    for _ in range(50):
        beta = 0.5 * (lo_b + hi_b)
        density = np.exp(-0.5 * beta**2) / np.sqrt(2 * np.pi)
        p_wait = 1.0 / (1.0 + beta * special.ndtr(beta) / density)
        ok = np.ones(a.shape, dtype=bool)
        if service_level is not None:
            ok &= 1.0 - p_wait * np.exp(-beta * root * threshold / aht) >= service_level
        if max_asa is not None:
            with np.errstate(divide="ignore"):
                ok &= p_wait * aht / (beta * np.maximum(root, 1e-12)) <= max_asa
        hi_b = np.where(ok, beta, hi_b)
        lo_b = np.where(ok, lo_b, beta)
    return np.floor(a + hi_b * root)


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
        raise ValueError(
            "required_agents: give at least one target "
            "(service_level, max_asa, max_abandon or max_occupancy)"
        )
    if service_level is not None:
        service_level = _checks.share(service_level, "service_level")
    if max_asa is not None:
        max_asa = _checks.scalar_positive(max_asa, "max_asa", " seconds")
    if max_abandon is not None:
        if patience is None:
            raise ValueError(
                "max_abandon: needs patience (Erlang A); Erlang C callers never abandon"
            )
        try:
            max_abandon = _checks.share(max_abandon, "max_abandon")
        except ValueError as err:
            raise ValueError(
                f"{err} (no finite staffing brings abandonment to 0 when callers may hang up)"
            ) from None
    if max_occupancy is not None:
        max_occupancy = _checks.share(max_occupancy, "max_occupancy", high_open=False)
    return service_level, max_asa, max_abandon, max_occupancy


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

    Notes
    -----
    Every KPI is monotone in the number of agents, so the answer is found by an exact integer
    search (galloping from the Halfin-Whitt square-root staffing estimate, then bisection) on the
    exact Erlang C or Erlang A formulas of this module.
    """
    a = _checks.nonnegative(load, "load", " Erlangs")
    aht = _checks.positive(aht, "aht", " seconds")
    threshold = _checks.nonnegative(threshold, "threshold", " seconds")
    if patience is not None:
        patience = _checks.positive(patience, "patience", " seconds")
    sl, max_asa, max_abandon, max_occupancy = _check_targets(
        service_level, max_asa, max_abandon, max_occupancy, patience
    )
    arrays = [a, aht, threshold] + ([] if patience is None else [patience])
    shape = np.broadcast_shapes(*(x.shape for x in arrays))
    a, aht, threshold, *rest = (np.broadcast_to(x, shape).ravel() for x in arrays)
    patience = rest[0] if rest else None

    def meets(n, i):
        if patience is None:
            ok = a[i] < n
            if sl is not None:
                ok &= _service_level_c(n, a[i], aht[i], threshold[i]) >= sl
            if max_asa is not None:
                ok &= _asa_c(n, a[i], aht[i]) <= max_asa
            if max_occupancy is not None:
                ok &= _occupancy_c(n, a[i]) <= max_occupancy
            return ok
        res = _erlang_a(n, a[i], aht[i], patience[i], threshold[i])
        ok = np.ones(n.shape, dtype=bool)
        if sl is not None:
            ok &= np.asarray(res.service_level) >= sl
        if max_abandon is not None:
            ok &= np.asarray(res.p_abandon) <= max_abandon
        if max_occupancy is not None:
            ok &= np.asarray(res.occupancy) <= max_occupancy
        if max_asa is not None:
            ok &= np.asarray(res.asa) <= max_asa
        return ok

    if patience is None:
        lowest = np.floor(a) + 1.0
        if max_occupancy is not None:
            lowest = np.maximum(lowest, np.ceil(a / max_occupancy))
    else:
        # Answered share <= agents / load: SL >= s needs n >= s a, abandon <= m needs n >= (1-m) a.
        answered = max(sl or 0.0, 1.0 - (max_abandon if max_abandon is not None else 1.0))
        lowest = np.maximum(np.ceil(answered * a), 1.0)
    guess = np.maximum(_sqrt_staffing_guess(a, aht, threshold, sl, max_asa), lowest)
    if patience is not None:
        guess = np.clip(_fluid_guess(a, threshold, patience, sl, max_abandon), lowest, guess)
    return _out(_integer_search(meets, lowest, guess, a > 0).reshape(shape))


def _integer_search(meets, lowest, guess, todo) -> np.ndarray:
    """Smallest ``n >= lowest`` with ``meets(n)``, for a predicate monotone in ``n``.

    Gallops from ``guess`` (up while it fails, down while it holds), then bisects. ``lowest - 1``
    is known to fail. Elements not in ``todo`` get 0.
    """
    fail = lowest - 1.0
    hold = np.full(lowest.shape, np.inf)
    low_probed = np.zeros(lowest.shape, dtype=bool)
    step = np.ones(lowest.shape)
    probe = guess.copy()
    idx = np.flatnonzero(todo)
    for _ in range(_MAX_SEARCH_STEPS):
        if not idx.size:
            break
        ok = meets(probe[idx], idx)
        hold[idx[ok]] = probe[idx[ok]]
        fail[idx[~ok]] = probe[idx[~ok]]
        low_probed[idx[~ok]] = True
        idx = idx[hold[idx] - fail[idx] > 1]
        h, f = hold[idx], fail[idx]
        up = np.isinf(h)
        down = ~up & ~low_probed[idx]
        inside = np.where(down, np.maximum(h - step[idx], f + 1), np.floor((f + h) / 2))
        probe[idx] = np.where(up, f + step[idx], inside)
        step[idx] *= 2.0
    else:
        raise ValueError("required_agents: no finite staffing meets the targets")
    return np.where(todo, hold, 0).astype(np.int64)
