"""Targets met over a day or a week instead of in every interval, at least cost.

Chinese answer-rate and 20-second service-level KPIs (接通率, 20秒服务水平) are reported per day or
per month, call-weighted: a quiet 07:00 may run at 70 % if the busy 10:00 runs at 90 %. Staffing
every interval to the target over-serves; staffing to the period target needs fewer agent-hours.
A floor per interval (``floor_service_level``) keeps any interval from collapsing.

Method: marginal analysis (Koole & van der Sluis 2003, "Optimal shift scheduling with a global
service level constraint", IIE Transactions 35(11); the standard workforce-management method).
Each interval's service level is a curve in the number of agents; the period target is a single
constraint on the call-weighted sum of those curves (and the answer rate a second one). Starting
from the least staffing every interval needs on its own (the floor, the occupancy cap, stability,
the ASA limit), agents are added where they buy the most: the interval whose next block of agents
adds the most answered-in-time calls (or answered calls) per agent, a block because the curves are
S-shaped at low staffing (the greedy works on their concave hull). Once the period target holds,
agents are removed again wherever the target still holds without them, and two agents are traded
for one elsewhere while that keeps it. Every interval has the same length, so agents are
agent-hours. The tests compare the result with an exhaustive search on small cases.

Units: loads in Erlangs, times in seconds, calls per interval; service level counts all offered
calls (abandoned ones are failures).
"""

import heapq

import numpy as np

from sim.errors import InputError
from sim.queue_model import QueueModel

__all__ = ["PERIODS", "period_index", "staff_to_period"]

PERIODS = ("interval", "day", "week")
_EPS = 1e-12


def period_index(intervals: int, per_day: int, period: str) -> np.ndarray:
    """Which period each interval belongs to: ``[0, 1, ...]`` per interval for ``"interval"``,
    the day of the horizon (scenario clock) for ``"day"``, 0 for ``"week"`` (the whole horizon)."""
    if period not in PERIODS:
        raise InputError(f"period: must be one of {', '.join(PERIODS)}, got {period!r}")
    t = np.arange(intervals)
    if period == "interval":
        return t
    if period == "day":
        return t // per_day
    return np.zeros(intervals, dtype=int)


def _curves(model: QueueModel, load, aht, patience, threshold, low, high):
    """Service level and answered share of every interval at every staffing from ``low`` to
    ``high``: arrays ``[T, K]``, NaN past each interval's own ``high``."""
    width = int((high - low).max()) + 1
    agents = low[:, None] + np.arange(width)[None, :]
    inside = agents <= high[:, None]
    kpi = model.kpis(
        np.where(inside, agents, high[:, None]),
        load[:, None],
        aht[:, None],
        patience[:, None],
        threshold,
    )
    answered = 1.0 - kpi.abandon_rate
    return (
        np.where(inside, kpi.service_level, np.nan),
        np.where(inside, answered, np.nan),
    )


class _Period:
    """The staffing of one period while it is being solved (see the module docstring)."""

    def __init__(self, calls, curves, goals):
        self.calls = calls
        self.curves = curves  # per constraint: [T, K] values
        self.goals = goals  # per constraint: the call-weighted sum it must reach
        self.level = np.zeros(len(calls), dtype=int)  # agents above the per-interval least

    def value(self, c: int, t: int, k: int) -> float:
        return self.calls[t] * self.curves[c][t, k]

    def totals(self) -> list[float]:
        idx = np.arange(len(self.calls))
        return [float((self.calls * curve[idx, self.level]).sum()) for curve in self.curves]

    def short(self) -> list[float]:
        return [goal - total for goal, total in zip(self.goals, self.totals(), strict=True)]

    def best_block(self, t: int, c: int) -> tuple[float, int]:
        """Largest gain per agent of constraint ``c`` over the next blocks of interval ``t``."""
        row = self.curves[c][t]
        here = self.level[t]
        ahead = row[here + 1 :]
        valid = np.flatnonzero(~np.isnan(ahead))
        if valid.size == 0:
            return 0.0, 0
        steps = valid + 1
        rates = self.calls[t] * (ahead[valid] - row[here]) / steps
        best = int(np.argmax(rates))
        return float(rates[best]), int(steps[best])

    def fill(self, c: int) -> None:
        """Add agents by marginal analysis until constraint ``c`` holds."""
        heap = []
        for t in range(len(self.calls)):
            rate, step = self.best_block(t, c)
            if rate > 0:
                heapq.heappush(heap, (-rate, t, step))
        while self.short()[c] > _EPS * max(1.0, self.goals[c]) and heap:
            _, t, step = heapq.heappop(heap)
            self.level[t] += step
            rate, step = self.best_block(t, c)
            if rate > 0:
                heapq.heappush(heap, (-rate, t, step))

    def feasible(self) -> bool:
        return all(s <= _EPS * max(1.0, g) for s, g in zip(self.short(), self.goals, strict=True))

    def trim(self) -> None:
        """Remove agents (smallest loss first) while every constraint still holds, then trade
        two agents for one while that keeps them."""
        improved = True
        while improved:
            improved = self._remove_one() or self._two_for_one()

    def _loss(self, t: int) -> list[float]:
        k = self.level[t]
        return [self.value(c, t, k) - self.value(c, t, k - 1) for c in range(len(self.curves))]

    def _slack(self) -> list[float]:
        return [-s for s in self.short()]

    def _removable(self) -> list[int]:
        return [t for t in range(len(self.calls)) if self.level[t] > 0]

    def _remove_one(self) -> bool:
        slack = self._slack()
        for t in sorted(self._removable(), key=lambda t: sum(self._loss(t))):
            if all(loss <= s + _EPS for loss, s in zip(self._loss(t), slack, strict=True)):
                self.level[t] -= 1
                return True
        return False

    def _two_for_one(self) -> bool:
        removable = sorted(self._removable(), key=lambda t: sum(self._loss(t)))[:12]
        slack = self._slack()
        for t in range(len(self.calls)):
            k = self.level[t]
            if k + 1 >= self.curves[0].shape[1] or np.isnan(self.curves[0][t, k + 1]):
                continue
            gain = [self.value(c, t, k + 1) - self.value(c, t, k) for c in range(len(self.curves))]
            others = [u for u in removable if u != t]
            for i, a in enumerate(others):
                for b in others[i + 1 :]:
                    change = [
                        g - la - lb
                        for g, la, lb in zip(gain, self._loss(a), self._loss(b), strict=True)
                    ]
                    if all(d + s >= -_EPS for d, s in zip(change, slack, strict=True)):
                        self.level[t] += 1
                        self.level[a] -= 1
                        self.level[b] -= 1
                        return True
        return False


def staff_to_period(
    model: QueueModel,
    load,
    aht,
    patience,
    calls,
    periods,
    targets: dict,
    floor_service_level: float | None = None,
) -> np.ndarray:
    """Fewest agents per interval meeting the service-level (and answer-rate) targets
    call-weighted over each period.

    Parameters
    ----------
    model : QueueModel
        The queue model (``sim.queue_model``).
    load, aht, patience, calls : array_like
        Per interval: offered load (Erlangs), handle time (s), mean patience (s), offered calls.
    periods : array_like of int
        The period of each interval (:func:`period_index`).
    targets : dict
        ``service_level`` and ``threshold`` (met over the period), ``max_abandon`` (the period's
        abandonment at most this, i.e. its answer rate at least ``1 - max_abandon``; only with
        abandonment), and the per-interval limits ``max_asa`` and ``max_occupancy``.
    floor_service_level : float, optional
        Service level every interval must reach on its own.

    Returns
    -------
    ndarray
        Whole agents per interval (float), never fewer than the per-interval limits ask.
    """
    load, aht, patience, calls = (np.asarray(x, dtype=float) for x in (load, aht, patience, calls))
    periods = np.asarray(periods)
    per_interval = {
        "service_level": floor_service_level,
        "threshold": targets["threshold"],
        "max_asa": targets["max_asa"],
        "max_abandon": None,
        "max_occupancy": targets["max_occupancy"],
    }
    low = model.required_agents(load, aht, patience, per_interval).astype(int)
    each = model.required_agents(load, aht, patience, targets).astype(int)
    high = np.maximum(each + np.ceil(np.sqrt(load)).astype(int) + 3, low)
    sl, answered = _curves(model, load, aht, patience, targets["threshold"], low, high)
    constraints = [(sl, targets["service_level"])]
    if model.abandonment and targets["max_abandon"] is not None:
        constraints.append((answered, 1.0 - targets["max_abandon"]))
    agents = low.copy()
    for p in np.unique(periods):
        inside = np.flatnonzero(periods == p)
        weights = calls[inside]
        if weights.sum() <= 0:
            continue
        period = _Period(
            weights,
            [curve[inside] for curve, _ in constraints],
            [goal * weights.sum() for _, goal in constraints],
        )
        for c in range(len(constraints)):
            period.fill(c)
        if not period.feasible():
            raise InputError(
                "targets.service_level: the period target cannot be met even with every "
                "interval staffed well above its own target; lower it or check the volumes"
            )
        period.trim()
        agents[inside] = low[inside] + period.level
    return agents.astype(float)
