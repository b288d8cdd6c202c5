"""Staffing: agents each pool needs in each interval, and the service those agents give.

Each pool in each interval is treated as a steady-state queue (SIPP: stationary independent period
by period): its offered load is calls / interval length x AHT, and the Erlang C or Erlang A formula
gives the smallest number of agents that meets every target at once (service level, abandonment,
ASA, occupancy). While the pool's building is open it never drops below the minimum cover (the
night shift needs someone). A pool answering several business lines or sites uses, interval by
interval, the call-weighted AHT and patience of its members (each site's own, ``sim.demand``) and
the strictest line target; with only a share ``c`` of its agents cross-trained it
realises ``1 - (1 - c)**2`` of the pooling benefit (an analytic approximation of "a little
flexibility goes a long way", Wallace & Whitt 2005; the simulation measures the real effect).
"""

from dataclasses import dataclass, replace

import numpy as np

from sim.demand import Demand
from sim.errors import InputError
from sim.hours import intervals_per_day
from sim.period_targets import period_index, staff_to_period
from sim.queue_model import QueueKPIs, QueueModel
from sim.scenario import Scenario, ScenarioError
from sim.topology import Topology

__all__ = ["StaffingPlan", "kpis", "pooling_realised", "staff"]


def pooling_realised(cross_trained: float) -> float:
    """Share of the full pooling benefit realised with a cross-trained share ``cross_trained``."""
    return 1.0 - (1.0 - cross_trained) ** 2


@dataclass(frozen=True)
class StaffingPlan:
    """Per-pool, per-interval figures of one design; arrays are ``[pool, interval]``.

    Attributes
    ----------
    calls : offered calls per interval.
    load : offered load, Erlangs.
    aht : call-weighted handle time, seconds (after any AHT change of the design).
    patience : call-weighted mean patience, seconds.
    erlang_agents : agents the queue model needs to meet every target (no minimum).
    required : ``erlang_agents`` raised to the minimum cover while open.
    threshold : answer-time threshold of each pool's service-level target, seconds, ``[pool]``.
    service_target : each pool's service-level target (share of offered calls), ``[pool]``.
    model : the queue model that staffed the plan (and that gives its KPIs).
    """

    calls: np.ndarray
    load: np.ndarray
    aht: np.ndarray
    patience: np.ndarray
    erlang_agents: np.ndarray
    required: np.ndarray
    interval_minutes: int
    threshold: np.ndarray
    service_target: np.ndarray
    model: QueueModel


def _pool_targets(scenario: Scenario, line_indices) -> dict:
    """Targets of a pool: each line's own SL target and threshold where it has one, else the
    scenario's; a pool serving several lines takes the strictest of them."""
    t = scenario.targets
    lines = [scenario.lines[j] for j in line_indices]
    return {
        "service_level": max(
            t.service_level if line.service_level is None else line.service_level for line in lines
        ),
        "threshold": min(
            t.threshold if line.threshold is None else line.threshold for line in lines
        ),
        "max_abandon": t.max_abandon,
        "max_asa": t.max_asa,
        "max_occupancy": t.max_occupancy,
        "floor_service_level": t.floor_service_level,
    }


def _weighted(values: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Call-weighted mean over members of ``values[member, interval]``; the plain mean over
    members in intervals without calls."""
    total = weights.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = (values * weights).sum(axis=0) / total
    return np.where(total > 0, mean, values.mean(axis=0))


def _queue_inputs(demand: Demand, pool, aht_factor):
    """Calls, load, AHT and patience per interval of one pool (and per line for partial pools):
    the members' handle times and patience weighted by their calls in each interval."""
    seconds = demand.interval_minutes * 60.0
    sites, lines = np.array(pool.members).reshape(-1, 2).T
    member_calls = demand.calls[sites, lines]
    pool_calls = member_calls.sum(axis=0)
    aht = _weighted(demand.aht[sites, lines] * aht_factor, member_calls)
    patience = np.broadcast_to(demand.patience[sites, lines][:, None], member_calls.shape)
    return pool_calls, pool_calls / seconds * aht, aht, _weighted(patience, member_calls)


def _agents(model: QueueModel, queue, targets, periods, where=None) -> np.ndarray:
    """Agents meeting ``targets`` for ``queue`` = (calls, load, aht, patience) per interval: in
    every interval, or call-weighted over each period of ``periods`` (``sim.period_targets``);
    ``where`` = (pool name, labels) names the first interval no staffing can serve when the
    solver gives up."""
    calls, load, aht, patience = queue
    try:
        if periods is None:
            return model.required_agents(load, aht, patience, targets)
        return staff_to_period(
            model, load, aht, patience, calls, periods, targets, targets["floor_service_level"]
        )
    except InputError as err:
        if where is None:
            raise
        name, labels = where
        for t in range(len(load)):
            try:
                model.required_agents(load[t : t + 1], aht[t : t + 1], patience[t : t + 1], targets)
            except InputError:
                raise ScenarioError(
                    [
                        f"targets: pool {name!r} cannot meet the targets at {labels[t]} "
                        f"(load {load[t]:.1f} Erlangs): {err}"
                    ]
                ) from None
        raise


def staff(
    scenario: Scenario,
    topology: Topology,
    demand: Demand,
    model: QueueModel,
    *,
    aht_change: bool = True,
    labels: tuple[str, ...] | None = None,
) -> StaffingPlan:
    """Agents needed per pool and interval for the offered calls and handle times of ``demand``
    (``sim.demand.build_demand``, or its counterfactual on local clocks) under the queue ``model``
    (``sim.queue_model``).

    ``aht_change=False`` ignores the design's AHT change (a counterfactual for the savings
    breakdown). Raises ``ScenarioError`` naming the interval when a location lacks the seats.
    """
    seconds = scenario.general.interval_minutes * 60.0
    rows = {key: [] for key in ("calls", "load", "aht", "patience", "erlang")}
    pool_targets = [_pool_targets(scenario, pool.lines) for pool in topology.pools]
    periods = None
    if scenario.targets.period != "interval":
        per_day = intervals_per_day(scenario.general.interval_minutes)
        periods = period_index(demand.intervals, per_day, scenario.targets.period)
    for pool, targets in zip(topology.pools, pool_targets, strict=True):
        factor = pool.aht_factor if aht_change else 1.0
        queue = _queue_inputs(demand, pool, factor)
        pool_calls, load, aht, pat = queue
        agents = _agents(model, queue, targets, periods, (pool.name, labels or _indices(load)))
        if len(pool.lines) > 1 and pool.cross_trained < 1.0:
            separate = np.zeros_like(agents)
            for j in pool.lines:
                line_queue = _queue_inputs(demand, _line_only(pool, j), factor)
                separate += _agents(model, line_queue, _pool_targets(scenario, [j]), periods)
            gain = pooling_realised(pool.cross_trained)
            agents = np.ceil(separate - gain * (separate - agents) - 1e-9)
        for key, value in zip(rows, (pool_calls, load, aht, pat, agents), strict=True):
            rows[key].append(value)
    arrays = {key: np.array(value).reshape(len(topology.pools), -1) for key, value in rows.items()}
    minimum = np.array([pool.min_agents for pool in topology.pools]).reshape(arrays["erlang"].shape)
    required = np.maximum(arrays["erlang"], minimum)
    plan = StaffingPlan(
        calls=arrays["calls"],
        load=arrays["load"],
        aht=arrays["aht"],
        patience=arrays["patience"],
        erlang_agents=arrays["erlang"],
        required=required,
        interval_minutes=int(seconds // 60),
        threshold=np.array([t["threshold"] for t in pool_targets]),
        service_target=np.array([t["service_level"] for t in pool_targets]),
        model=model,
    )
    if labels is not None:
        _check_seats(topology, plan, labels)
    return plan


def _indices(values) -> tuple[str, ...]:
    return tuple(f"interval {t}" for t in range(len(values)))


def _line_only(pool, line: int):
    return replace(pool, members=tuple(m for m in pool.members if m[1] == line))


def _check_seats(topology: Topology, plan: StaffingPlan, labels) -> None:
    problems = []
    for location in topology.locations:
        if location.seats is None:
            continue
        share = np.array([pool.fte_split.get(location.name, 0.0) for pool in topology.pools])
        needed = (share[:, None] * plan.required).sum(axis=0)
        over = np.flatnonzero(needed > location.seats + 1e-9)
        if over.size:
            t = over[np.argmax(needed[over])]
            problems.append(
                f"{location.path}.seats: {location.name!r} has {location.seats} seats but design "
                f"{topology.design!r} needs {needed[t]:.0f} agents there at {labels[t]} to meet "
                f"the targets ({over.size} intervals over capacity); add seats or relax targets"
            )
    if problems:
        raise ScenarioError(problems)


def kpis(plan: StaffingPlan, agents: np.ndarray) -> QueueKPIs:
    """KPIs per pool and interval with ``agents`` logged in, under the plan's queue model, each
    pool's service level measured against its own threshold (see ``QueueModel.kpis``)."""
    return plan.model.kpis(agents, plan.load, plan.aht, plan.patience, plan.threshold[:, None])
