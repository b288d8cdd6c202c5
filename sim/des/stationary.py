"""Where a replication starts: the queue as it stands in mid-day, drawn from its steady state.

A simulation that opens with every agent idle and nobody queueing shows a better service than the
queue gives in mid-day, until it has filled up. With exponential handle times and patience the
pool is a birth-death chain in the number ``N`` of calls in the system (Erlang C, or Erlang A with
impatient callers), and its stationary distribution is known exactly:

- ``P(N = k)`` proportional to ``load**k / k!`` for ``k < agents`` (a truncated Poisson);
- ``P(N >= agents)`` is the Erlang C (or Erlang A) probability of waiting;
- given a queue, ``Q = N - agents`` is geometric with ratio ``load / agents`` (Erlang C), or has
  weights ``prod_{i <= j} load / (agents + i aht / patience)`` (Erlang A).

Drawing ``N`` from this distribution and giving the calls in progress exponential remaining handle
times and the queued callers exponential remaining patience (both memoryless) puts the replication
in steady state at time 0: its KPIs are unbiased from the first call on. With other handle-time
or patience distributions the same chain (Erlang A with the mean patience) only approximates the
number of calls in the system, and :mod:`sim.des.queue` adds a discarded warm-up.
"""

from dataclasses import dataclass

import numpy as np
from scipy import stats

from sim import erlang

__all__ = ["StationaryState", "stationary_state"]

_POISSON_WINDOW_SD = 15.0
_QUEUE_LOG_CUTOFF = 50.0


@dataclass(frozen=True)
class StationaryState:
    """Stationary distribution of the number of calls in an M/M/n or M/M/n+M pool.

    Attributes
    ----------
    agents : int
        Number of agents ``n``.
    p_full : float
        ``P(N >= n)``: every agent busy (the probability of waiting).
    low : ndarray
        Values of ``N`` below ``n`` that carry probability (a window of the truncated Poisson).
    low_cdf : ndarray
        Cumulative probabilities over ``low`` given ``N < n``.
    queue_cdf : ndarray or None
        Cumulative probabilities of ``Q = 0, 1, ...`` given ``N >= n`` (Erlang A); ``None`` for
        the geometric queue of Erlang C.
    ratio : float
        ``load / agents``, the geometric ratio of the Erlang C queue.
    """

    agents: int
    p_full: float
    low: np.ndarray
    low_cdf: np.ndarray
    queue_cdf: np.ndarray | None
    ratio: float

    def sample(self, rng: np.random.Generator) -> tuple[int, int]:
        """Draw the state: ``(busy agents, queued callers)``."""
        if rng.random() >= self.p_full:
            k = int(self.low[np.searchsorted(self.low_cdf, rng.random(), side="right")])
            return k, 0
        if self.queue_cdf is None:
            return self.agents, int(rng.geometric(1.0 - self.ratio)) - 1
        return self.agents, int(np.searchsorted(self.queue_cdf, rng.random(), side="right"))


def _cdf(log_weights: np.ndarray) -> np.ndarray:
    weights = np.exp(log_weights - log_weights.max())
    cdf = np.cumsum(weights)
    cdf /= cdf[-1]
    cdf[-1] = 1.0
    return cdf


def _erlang_a_queue_cdf(agents: int, load: float, aht: float, patience: float) -> np.ndarray:
    """CDF of the Erlang A queue length given all agents busy, over enough terms to be exact."""
    step = aht / patience
    peak = max(0, int((load - agents) / step))
    length = peak + 64
    while True:
        i = np.arange(1, length + 1)
        log_w = np.concatenate([[0.0], np.cumsum(np.log(load) - np.log(agents + i * step))])
        if log_w[-1] < log_w.max() - _QUEUE_LOG_CUTOFF:
            return _cdf(log_w)
        length *= 2


def stationary_state(agents: int, load: float, aht: float, patience: float | None):
    """Stationary distribution of the number of calls in the M/M/n (+M) pool.

    Parameters
    ----------
    agents : int
        Number of agents, >= 1.
    load : float
        Offered load in Erlangs, >= 0; below ``agents`` when ``patience`` is ``None``.
    aht : float
        Mean handle time in seconds, > 0.
    patience : float or None
        Mean patience in seconds (Erlang A), or ``None`` for infinitely patient callers
        (Erlang C).

    Returns
    -------
    StationaryState
        The distribution, ready to :meth:`~StationaryState.sample`.
    """
    if load == 0:
        return StationaryState(agents, 0.0, np.zeros(1, dtype=int), np.ones(1), None, 0.0)
    if patience is None:
        p_full = float(erlang.erlang_c(agents, load))
        queue_cdf = None
    else:
        p_full = float(erlang.erlang_a(agents, load, aht, patience).p_wait)
        queue_cdf = _erlang_a_queue_cdf(agents, load, aht, patience)
    top = min(load, agents - 1.0)
    start = max(0, int(top - _POISSON_WINDOW_SD * np.sqrt(load) - 20.0))
    low = np.arange(start, agents)
    low_cdf = _cdf(stats.poisson.logpmf(low, load))
    return StationaryState(agents, p_full, low, low_cdf, queue_cdf, load / agents)
