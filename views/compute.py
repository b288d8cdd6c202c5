"""Heavy work off the page run: comparisons in worker processes, the soonest-done first.

Streamlit runs every session's page in a thread of one server process. A comparison computed on
the page therefore holds that process's interpreter lock: twenty planners' comparisons share one
core, take turns in small slices, and all finish at the very end. Here each comparison runs in a
pool of worker processes instead (one per core, started once from a fork server with ``sim``
already imported, at a lower CPU priority), while the page thread only waits, so the server
keeps answering browsers.

When more comparisons wait than there are workers, the next to run is the one with the earliest
*expected finish*: the time it arrived plus its expected run time (:func:`expected_seconds`).
A comparison of a few hundred milliseconds never queues behind a simulation of a minute that
arrived a moment earlier, and a long one waits at most its own expected time for later quick ones
(no starvation). This is the shortest-job-first rule with ageing; it lowers every planner's wait
except the longest ones'.

Nothing here changes a figure: the worker runs exactly ``sim.compare`` on the same validated
scenario, and bad input comes back as the same :class:`~sim.errors.InputError`.
"""

import heapq
import itertools
import multiprocessing
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

import sim
from sim.comparison import simulated_designs
from sim.demand import build_demand
from sim.errors import InputError
from sim.scenario import Scenario

__all__ = ["WORKERS", "compare", "expected_seconds"]

WORKERS = max(1, len(os.sched_getaffinity(0)))
"""Worker processes (one per core this server may use)."""

WORKER_NICENESS = 10
"""Workers run at a lower CPU priority than the server process: pages, links and websockets stay
responsive while comparisons use the CPU that is left."""

ANALYTIC_SECONDS = 0.5
"""Expected run time of a comparison whose designs are all staffed by the formulas (the shipped
ones take 0.2-0.6 s)."""

SIMULATED_SECONDS_PER_CALL = 2e-4
"""Expected run time per offered call of the horizon and per design staffed by simulation
(shared services: 2 designs x 54,600 calls in 14 s; follow the sun: 1 x 31,500 in 7 s)."""

_turns = threading.Condition()
_waiting: list[tuple[float, int]] = []
_tickets = itertools.count()
_running = 0
_pool: ProcessPoolExecutor | None = None


def expected_seconds(scenario: Scenario) -> float:
    """A rough run time of ``sim.compare(scenario)``, seconds, only to order the queue: designs
    staffed by simulation cost per call simulated, the rest about half a second. A scenario that
    cannot even be built is quick (its error comes back at once)."""
    try:
        demand = build_demand(scenario)
        simulated = len(simulated_designs(scenario, demand))
    except InputError:
        return 0.0
    calls = float(demand.calls.sum())
    return ANALYTIC_SECONDS + SIMULATED_SECONDS_PER_CALL * calls * simulated


def _executor() -> ProcessPoolExecutor:
    global _pool
    with _turns:  # two first comparisons at once must not start two pools
        if _pool is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["sim"])
            _pool = ProcessPoolExecutor(
                WORKERS, mp_context=context, initializer=os.nice, initargs=(WORKER_NICENESS,)
            )
        return _pool


def _run(scenario: Scenario) -> sim.Comparison:
    global _pool
    try:
        return _executor().submit(sim.compare, scenario).result()
    except BrokenProcessPool:
        with _turns:
            _pool = None
        raise RuntimeError(
            "a worker process computing the comparison died (killed, or out of memory); "
            "the next comparison starts a new one"
        ) from None


def compare(scenario: Scenario) -> sim.Comparison:
    """``sim.compare(scenario)`` in a worker process, when its turn comes (see the module notes).
    Blocks the calling page thread until the result is back."""
    global _running
    ticket = (time.monotonic() + expected_seconds(scenario), next(_tickets))
    with _turns:
        heapq.heappush(_waiting, ticket)
        _turns.wait_for(lambda: _running < WORKERS and _waiting[0] == ticket)
        heapq.heappop(_waiting)
        _running += 1
        _turns.notify_all()
    try:
        return _run(scenario)
    finally:
        with _turns:
            _running -= 1
            _turns.notify_all()
