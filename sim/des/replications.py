"""Scenario simulation: a whole design played week by week, the referee of the analytic plan.

The Erlang formulas treat every pool in every interval as a steady queue. A real week has peaks
that move, shifts that start and end, callers who hang up, calls that overflow to another city,
agents trained on some lines only and handle times that are not exponential. :func:`simulate`
plays the scenario's design with the rostered agents of the analytic pipeline (or a given plan)
through a SimPy discrete-event simulation (``sim.des.engine``) over independent replications,
each with its own random stream (``numpy.random.SeedSequence(seed).spawn``), and reports the KPIs
per pool, site, line and location with confidence intervals (``sim.des.results``).

Warm-up. The horizon is a repeating pattern (a week wraps round, Sunday night meets Monday), so a
replication starts **empty** at the beginning of the last quiet interval before the horizon (an
interval without any call anywhere, played from the end of the horizon), which is exactly the
state a closed centre is in; a centre open round the clock has no such interval, and the
replication then starts one day (the horizon's last day) before the horizon, long enough for any
queue to forget an empty start (the relaxation time of a call-centre queue is minutes to an hour).
The warm-up is simulated but not counted. After the horizon the simulation plays one more
interval, so callers of the last interval are answered or hang up as they would.
"""

import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed

import numpy as np

from sim import hours
from sim.demand import build_demand
from sim.des.arrivals import draw_calls, pattern_intervals
from sim.des.engine import run_replication
from sim.des.results import SimulationResult, build_result
from sim.des.routing import Routing, build_routing
from sim.des.tally import Tally, tally
from sim.des.times import SERVICES
from sim.errors import InputError
from sim.pipeline import DesignResult, run_design
from sim.scenario import Scenario
from sim.topology import design_names

__all__ = ["DEFAULT_MAX_CALLS", "expected_calls", "simulate", "warmup_intervals"]

DEFAULT_MAX_CALLS = 10_000_000
_PARALLEL_FROM_CALLS = 200_000


def warmup_intervals(calls: np.ndarray, per_day: int) -> int:
    """Intervals to simulate before the horizon (see the module docstring).

    Parameters
    ----------
    calls : ndarray
        ``[..., T]`` expected calls per interval of the horizon.
    per_day : int
        Intervals in one day (the cap when no interval is quiet).
    """
    total = np.asarray(calls).reshape(-1, np.shape(calls)[-1]).sum(axis=0)
    quiet = np.flatnonzero(total <= 0)
    if quiet.size == 0:
        return per_day
    return int(min(total.size - quiet[-1], per_day))


def expected_calls(design: DesignResult, replications: int) -> float:
    """Calls a simulation of ``design`` is expected to count: horizon calls x replications."""
    return float(design.plan.calls.sum()) * replications


def _replicate_design(
    routing: Routing, seed: np.random.SeedSequence, played, service, warmup, threshold
) -> Tally:
    rng = np.random.default_rng(seed)
    calls = draw_calls(routing, rng, played, service)
    outcome = run_replication(routing, calls, played)
    return tally(routing, calls, outcome, warmup, threshold)


def whole_number(value, name: str, low: int) -> int:
    """``value`` as an int, or ``ValueError`` naming ``name`` unless it is a whole number >= low."""
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < low:
        raise InputError(f"{name}: must be a whole number >= {low}, got {value!r}")
    return int(value)


def agents_plan(staffing, design: DesignResult, name: str = "staffing") -> np.ndarray:
    """Whole agents ``[pool, interval]`` for ``design`` (its roster when ``staffing`` is None).

    Raises ``ValueError`` naming ``name`` for a wrong shape or a value that is not a whole
    number >= 0.
    """
    if staffing is None:
        return np.rint(design.staffed).astype(np.int64)
    try:
        arr = np.asarray(staffing, dtype=float)
    except (TypeError, ValueError):
        raise InputError(f"{name}: must be an array of agents [pool, interval]") from None
    shape = design.staffed.shape
    if arr.shape != shape:
        raise InputError(
            f"{name}: must have shape {shape} (pools of design {design.name!r} x intervals), "
            f"got {arr.shape}"
        )
    bad = ~np.isfinite(arr) | (arr < 0) | (arr != np.floor(arr))
    if bad.any():
        p, t = np.argwhere(bad)[0]
        raise InputError(
            f"{name}[{p}, {t}]: must be a whole number of agents >= 0, got {arr[p, t]!r}"
        )
    return arr.astype(np.int64)


def design_result(scenario: Scenario, design) -> DesignResult:
    """``design`` itself when it is a ``DesignResult``, else the named design run analytically."""
    if isinstance(design, DesignResult):
        return design
    names = design_names(scenario)
    if design not in names:
        raise InputError(f"design: unknown design {design!r}; known: {', '.join(names)}")
    return run_design(scenario, build_demand(scenario), design)


def _workers(workers, replications: int, calls: float) -> int:
    if workers is None:
        if calls < _PARALLEL_FROM_CALLS:
            return 1
        return max(1, min(replications, len(os.sched_getaffinity(0))))
    return whole_number(workers, "workers", 1)


def _run_all(jobs: list, workers: int, progress) -> list[Tally]:
    total = len(jobs)
    results: list = [None] * total
    if progress:
        progress(0, total)
    if workers == 1:
        for r, job in enumerate(jobs):
            results[r] = _replicate_design(*job)
            if progress:
                progress(r + 1, total)
        return results
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(_replicate_design, *job): r for r, job in enumerate(jobs)}
        for done, future in enumerate(as_completed(futures), start=1):
            results[futures[future]] = future.result()
            if progress:
                progress(done, total)
    return results


def simulate(
    scenario: Scenario,
    design: str | DesignResult = "centralised",
    *,
    replications: int = 10,
    seed: int | None = None,
    service: str = "exponential",
    abandonment: bool | None = None,
    staffing=None,
    max_calls: int | None = DEFAULT_MAX_CALLS,
    progress: Callable[[int, int], None] | None = None,
    workers: int | None = None,
) -> SimulationResult:
    """Simulate one design of a scenario over independent replications.

    Parameters
    ----------
    scenario : Scenario
        The validated scenario (demand, lines, sites, targets).
    design : str or DesignResult, default "centralised"
        A design name (``sim.topology.design_names``), run through the analytic pipeline for its
        pools and roster, or a ``DesignResult`` of ``sim.compare(scenario).designs``.
    replications : int, default 10
        Independent replications, >= 2 (a confidence interval needs two).
    seed : int, optional
        Root seed, >= 0; defaults to ``scenario.general.seed``. Same seed, same results.
    service : {"exponential", "lognormal"}, default "exponential"
        Handle-time distribution; lognormal uses each line's ``aht_cv``.
    abandonment : bool, optional
        Whether callers hang up after an exponential patience with the line's mean ``patience``
        (seconds). Defaults to the scenario's queue model: yes for ``erlang_a``, no for
        ``erlang_c``.
    staffing : array_like, optional
        ``[pool, interval]`` whole agents logged in; defaults to the design's rostered agents.
    max_calls : int or None, default 10,000,000
        Refuse (``ValueError``) a run expected to count more calls (horizon calls x
        replications); ``None`` for no limit.
    progress : callable, optional
        Called as ``progress(done, total)`` with replications finished so far.
    workers : int, optional
        Processes running replications in parallel; by default one for small runs and one per
        CPU otherwise. Results do not depend on it.

    Returns
    -------
    SimulationResult
        Per-interval tables with means and half-widths, a summary and conservation counts.

    Raises
    ------
    ValueError
        For an invalid argument (the message names it) or a run over ``max_calls``.
    """
    replications = whole_number(replications, "replications", 2)
    seed = scenario.general.seed if seed is None else whole_number(seed, "seed", 0)
    if service not in SERVICES:
        raise InputError(f"service: must be one of {', '.join(SERVICES)}, got {service!r}")
    if abandonment is not None and not isinstance(abandonment, bool):
        raise InputError(f"abandonment: must be True, False or None, got {abandonment!r}")
    if max_calls is not None:
        max_calls = whole_number(max_calls, "max_calls", 1)
    if progress is not None and not callable(progress):
        raise InputError(f"progress: must be a callable progress(done, total), got {progress!r}")
    result = design_result(scenario, design)
    agents = agents_plan(staffing, result)
    expected = expected_calls(result, replications)
    if max_calls is not None and expected > max_calls:
        raise InputError(
            f"max_calls: this run would simulate about {expected:,.0f} calls "
            f"({replications} replications), more than max_calls={max_calls:,}; "
            "raise max_calls, pass max_calls=None or use fewer replications"
        )
    if abandonment is None:
        abandonment = result.plan.model.abandonment
    demand = build_demand(scenario)
    routing = build_routing(scenario, result.topology, demand, agents, abandonment=abandonment)
    per_day = hours.intervals_per_day(scenario.general.interval_minutes)
    warmup = warmup_intervals(routing.calls, per_day)
    played = pattern_intervals(routing.intervals, warmup, 1)
    threshold = np.asarray(result.plan.threshold, dtype=float)[routing.queue_pool]
    seeds = np.random.SeedSequence(seed).spawn(replications)
    jobs = [(routing, s, played, service, warmup, threshold) for s in seeds]
    tallies = _run_all(jobs, _workers(workers, replications, expected), progress)
    return build_result(
        routing,
        tallies,
        demand.labels,
        site_names=scenario.site_names,
        line_names=scenario.line_names,
        seed=seed,
        service=service,
        warmup=warmup,
    )
