"""Arrivals: the callers of one simulated week, drawn before the simulation starts.

Callers of a city and business line arrive at random, more of them at 10:00 than at 19:00: a
non-homogeneous Poisson process whose rate is constant within each planning interval (the
expected calls of ``sim.demand``). Such a process is drawn exactly interval by interval: a Poisson
number of callers with the interval's expected calls, placed uniformly inside it. Each caller also
gets its handle time (``sim.des.times.ServiceTimes``: exponential, or lognormal with the line's
coefficient of variation, with the mean handle time of its site, line and interval of arrival)
and its patience (the line's ``patience_dist`` with its site's mean and the line's
``patience_cv``, exponential by default, or infinite).

Everything is drawn with numpy in one go from the replication's own random stream, so a
replication is reproducible from its seed and the simulation loop only reads arrays.
"""

from dataclasses import dataclass

import numpy as np

from sim.des.routing import Routing
from sim.des.times import ServiceTimes

__all__ = ["Calls", "draw_calls", "pattern_intervals"]


@dataclass(frozen=True)
class Calls:
    """The callers of one replication in arrival order; times in seconds from the simulation start.

    Attributes
    ----------
    time : ndarray
        Arrival time, seconds, increasing.
    queue : ndarray of int
        Queue (``Routing`` queue index) the caller dials.
    service : ndarray
        Handle time the caller will need, seconds.
    patience : ndarray
        How long the caller is willing to wait, seconds (``inf``: never hangs up).
    """

    time: np.ndarray
    queue: np.ndarray
    service: np.ndarray
    patience: np.ndarray


def pattern_intervals(intervals: int, before: int, after: int) -> np.ndarray:
    """Horizon interval played at each simulated interval: the horizon repeats (a week wraps).

    The simulation plays ``before`` intervals ahead of the horizon and ``after`` beyond it.
    """
    return np.arange(-before, intervals + after) % intervals


def draw_calls(
    routing: Routing, rng: np.random.Generator, played: np.ndarray, service: str
) -> Calls:
    """Draw every caller of one replication.

    Parameters
    ----------
    routing : Routing
        Queues with their expected calls per interval, AHT, coefficient of variation, patience.
    rng : numpy.random.Generator
        The replication's random stream.
    played : ndarray of int
        Horizon interval played at each simulated interval (:func:`pattern_intervals`).
    service : {"exponential", "lognormal"}
        Handle-time distribution.
    """
    width = routing.interval_seconds
    counts = rng.poisson(routing.calls[:, played])
    per_queue = counts.sum(axis=1)
    starts = np.tile(np.arange(len(played)) * width, len(per_queue))
    time = np.repeat(starts, counts.ravel()) + rng.random(per_queue.sum()) * width
    queue = np.repeat(np.arange(len(per_queue)), per_queue)
    # Both families scale: a unit-mean draw times the interval's mean handle time has that mean
    # and the line's coefficient of variation.
    unit = np.concatenate(
        [
            ServiceTimes(service, 1.0, float(cv)).sample(rng, int(n))
            for cv, n in zip(routing.aht_cv, per_queue, strict=True)
        ]
        or [np.zeros(0)]
    )
    handle = unit * np.repeat(routing.aht[:, played].ravel(), counts.ravel())
    patience = rng.exponential(1.0, queue.size) * routing.patience[queue]
    for q, draws in enumerate(routing.patience_draws):
        if draws is not None:  # drawn after the exponential ones: those stay as they were
            mine = queue == q
            patience[mine] = draws.sample(rng, int(mine.sum()))
    order = np.argsort(time, kind="stable")
    return Calls(time[order], queue[order], handle[order], patience[order])
