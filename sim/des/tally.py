"""Tally: what one simulated week achieved, counted per queue and interval.

After a replication every caller of the horizon has a fate: answered (after some wait), abandoned
or still waiting when the run stopped. Like a wallboard that keeps one row per queue and half
hour, the tally counts, per queue and interval **of arrival**, the offered calls, the answered
ones, those answered within the service-level threshold, the abandoned ones and the total wait of
the answered ones; and per agent group and interval the seconds its agents spent on calls (busy
time, split exactly over interval boundaries). Calls that arrived during the warm-up or the
drain are served (they keep agents busy) but not counted. Every KPI is a ratio of these sums.
"""

from dataclasses import dataclass

import numpy as np

from sim.des.arrivals import Calls
from sim.des.engine import ABANDONED, ANSWERED, WAITING, Outcome
from sim.des.routing import Routing

__all__ = ["TALLY_COUNTS", "Tally", "busy_seconds", "tally"]

TALLY_COUNTS = ("offered", "answered", "within", "abandoned", "wait")
_EPS = 1e-9


@dataclass(frozen=True)
class Tally:
    """Sums of one replication over the horizon.

    Attributes
    ----------
    counts : ndarray
        ``[len(TALLY_COUNTS), Q, T]``: offered, answered, answered within the threshold, abandoned
        calls, and total wait of answered calls (seconds), by queue and interval of arrival.
    busy : ndarray
        ``[G, T]`` agent-seconds spent on calls by each group in each interval.
    conservation : dict
        Horizon totals ``offered``, ``answered``, ``abandoned``, ``waiting`` (still queueing at
        the end); offered = answered + abandoned + waiting.
    """

    counts: np.ndarray
    busy: np.ndarray
    conservation: dict


def busy_seconds(begin: np.ndarray, end: np.ndarray, bounds: np.ndarray) -> np.ndarray:
    """Time covered by the spans ``[begin, end)`` inside each interval between ``bounds``.

    With ``B(x) = sum_i clip(x - begin_i, 0, end_i - begin_i)`` the total covered before ``x``,
    interval ``k`` gets ``B(bounds[k + 1]) - B(bounds[k])``; sorted spans make it O(n log n).
    """
    covered = np.zeros(len(bounds))
    for points, sign in ((begin, 1.0), (end, -1.0)):
        points = np.sort(points)
        before = np.searchsorted(points, bounds)
        prefix = np.concatenate([[0.0], np.cumsum(points)])
        covered += sign * (before * bounds - prefix[before])
    return np.diff(covered)


def tally(
    routing: Routing, calls: Calls, outcome: Outcome, warmup: int, threshold: np.ndarray
) -> Tally:
    """Count the horizon's callers and the agents' busy time of one replication.

    Parameters
    ----------
    routing, calls, outcome
        The design, the callers and their fates.
    warmup : int
        Intervals simulated before the horizon starts.
    threshold : ndarray
        ``[Q]`` service-level threshold of each queue, seconds (its pool's, like the analytic
        KPIs): answered within it counts as good service.
    """
    width = routing.interval_seconds
    n_q, n_t = routing.calls.shape
    start = warmup * width
    inside = (calls.time >= start) & (calls.time < start + n_t * width)
    k = np.minimum(((calls.time[inside] - start) // width).astype(np.int64), n_t - 1)
    index = calls.queue[inside] * n_t + k
    state = outcome.status[inside]
    answered = state == ANSWERED
    wait = np.where(answered, outcome.answer[inside] - calls.time[inside], 0.0)
    weights = (
        None,
        answered,
        answered & (wait <= threshold[calls.queue[inside]] + _EPS),
        state == ABANDONED,
        wait,
    )
    counts = np.stack(
        [np.bincount(index, weights=w, minlength=n_q * n_t).astype(float) for w in weights]
    ).reshape(len(TALLY_COUNTS), n_q, n_t)
    served = outcome.status == ANSWERED
    begin = outcome.answer[served]
    end = begin + calls.service[served]
    group = outcome.group[served]
    bounds = start + np.arange(n_t + 1) * width
    groups = len(routing.tiers)
    busy = np.array(
        [busy_seconds(begin[group == g], end[group == g], bounds) for g in range(groups)]
    ).reshape(groups, n_t)
    conservation = {
        "offered": int(inside.sum()),
        "answered": int(answered.sum()),
        "abandoned": int((state == ABANDONED).sum()),
        "waiting": int((state == WAITING).sum()),
    }
    return Tally(counts, busy, conservation)
