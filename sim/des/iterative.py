"""Simulation-based staffing: add agents where the simulated week misses the targets.

Erlang formulas give a staffing figure for one steady queue; an overflow network, partly
cross-trained teams or a steep morning ramp have none. The simulation can still answer "how many
agents in each interval": simulate the week with a staffing plan, find the pool-intervals whose
simulated service misses a target, add an agent there, simulate again, until every interval with
calls meets the targets. This is the idea of the iterative-staffing algorithm of Feldman,
Mandelbaum, Massey & Whitt (2008): staffing and simulation alternate until the plan reproduces
itself; here the step is read directly from the KPIs (one agent per missing pool-interval per
iteration, never fewer agents than the start), so the loop only adds what the simulation proves
necessary. Every iteration reuses the same seed (common random numbers), so a change between two
iterations comes from the staffing, not from other random callers.

Targets are each pool's service-level target (its lines' own, as in ``sim.staffing``) and the
scenario's ``max_abandon``, ``max_asa`` and ``max_occupancy``, checked on the mean over
replications; intervals without calls are left
as they are. The result is a per-interval requirement (like ``StaffingPlan.required``), before
rostering into whole shifts.

References
----------
Z. Feldman, A. Mandelbaum, W. A. Massey, W. Whitt (2008), "Staffing of time-varying queues to
achieve time-stable performance", Management Science 54(2).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from sim.des.replications import (
    DEFAULT_MAX_CALLS,
    agents_plan,
    design_result,
    simulate,
    whole_number,
)
from sim.des.results import SimulationResult
from sim.errors import InputError
from sim.pipeline import DesignResult
from sim.scenario import Scenario

__all__ = ["SimulatedStaffing", "staff_by_simulation"]


@dataclass(frozen=True)
class SimulatedStaffing:
    """Per-interval staffing found by simulation.

    Attributes
    ----------
    staffing : ndarray of int
        ``[pool, interval]`` agents that meet the targets in simulation.
    start : ndarray of int
        ``[pool, interval]`` the plan the search started from.
    iterations : int
        Simulations run.
    met : bool
        Whether every pool-interval with calls met the targets in the last simulation.
    simulation : SimulationResult
        The simulation of the last staffing.
    """

    staffing: np.ndarray = field(repr=False)
    start: np.ndarray = field(repr=False)
    iterations: int
    met: bool
    simulation: SimulationResult = field(repr=False)


def _missing(scenario: Scenario, sim: SimulationResult, plan, min_calls: float) -> np.ndarray:
    """``[pool, interval]`` true where an interval with calls (at least ``min_calls`` expected)
    misses a target."""
    t = scenario.targets
    rows = sim.intervals
    shape = plan.calls.shape
    target = np.asarray(plan.service_target, dtype=float)[:, None]
    miss = rows["service_level"].to_numpy().reshape(shape) < target
    limits = (("abandon_rate", t.max_abandon), ("asa", t.max_asa), ("occupancy", t.max_occupancy))
    for key, limit in limits:
        if limit is not None:
            miss |= rows[key].to_numpy().reshape(shape) > limit
    return miss & (plan.calls > 0) & (plan.calls >= min_calls)


def staff_by_simulation(
    scenario: Scenario,
    design: str | DesignResult = "centralised",
    *,
    replications: int = 5,
    seed: int | None = None,
    service: str = "exponential",
    start=None,
    max_iterations: int = 20,
    max_calls: int | None = DEFAULT_MAX_CALLS,
    progress: Callable[[int, int], None] | None = None,
    workers: int | None = None,
    min_calls: float = 0.0,
) -> SimulatedStaffing:
    """Agents per pool and interval that meet the scenario's targets in simulation.

    Parameters
    ----------
    scenario : Scenario
        The validated scenario.
    design : str or DesignResult, default "centralised"
        The design to staff (a name or ``sim.compare(scenario).designs[name]``).
    replications : int, default 5
        Replications per simulation, >= 2.
    seed : int, optional
        Root seed (default ``scenario.general.seed``), reused by every iteration.
    service : {"exponential", "lognormal"}, default "exponential"
        Handle-time distribution.
    start : array_like, optional
        ``[pool, interval]`` whole agents to start from; defaults to the analytic requirement
        (``design.plan.required``).
    max_iterations : int, default 20
        Most simulations to run, >= 1.
    max_calls : int or None
        Per simulation, as in :func:`sim.des.simulate`.
    progress : callable, optional
        ``progress(iteration, max_iterations)`` after each simulation.
    workers : int, optional
        As in :func:`sim.des.simulate`.
    min_calls : float, default 0
        Expected calls an interval needs to be judged, >= 0: with a dozen calls a simulated
        week's service level is mostly noise (``sim.des.side_by_side`` uses 20).

    Returns
    -------
    SimulatedStaffing

    Raises
    ------
    ValueError
        For an invalid argument, naming it.
    """
    max_iterations = whole_number(max_iterations, "max_iterations", 1)
    if not np.isfinite(min_calls) or min_calls < 0:
        raise InputError(f"min_calls: must be a number >= 0, got {min_calls!r}")
    if progress is not None and not callable(progress):
        raise InputError(f"progress: must be a callable progress(done, total), got {progress!r}")
    result = design_result(scenario, design)
    first = agents_plan(result.plan.required if start is None else start, result, "start")
    agents = first.copy()
    iteration = 0
    while True:
        iteration += 1
        sim = simulate(
            scenario,
            result,
            replications=replications,
            seed=seed,
            service=service,
            staffing=agents,
            max_calls=max_calls,
            workers=workers,
        )
        if progress:
            progress(iteration, max_iterations)
        miss = _missing(scenario, sim, result.plan, min_calls)
        if not miss.any() or iteration == max_iterations:
            return SimulatedStaffing(agents, first, iteration, not miss.any(), sim)
        agents = agents + miss
