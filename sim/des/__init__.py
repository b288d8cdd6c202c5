"""Discrete-event simulation: the analytic queues checked call by call, with confidence intervals.

A city centre that answers only its own callers is a pool serving one queue;
:func:`simulate_queue` simulates such a pool exactly and fast (an FCFS recursion, no event list)
and reports the KPIs with 95 % confidence intervals over independent replications. The modules,
one per concept:

- :mod:`sim.des.queue`: :func:`simulate_queue` and its result, :class:`QueueSimulation`;
- :mod:`sim.des.pool`: the agent pool placing FCFS callers (the exact recursion);
- :mod:`sim.des.times`: handle-time distributions and remaining handle times;
- :mod:`sim.des.patience`: patience distributions (exponential, gamma, Weibull, lognormal, an
  announcement then exponential, an empirical table);
- :mod:`sim.des.stationary`: the steady state a replication starts from;
- :mod:`sim.des.stats`: means and Student-t confidence intervals over replications (shared with
  the scenario simulation).

A whole design (many sites and lines, rosters, overflow, cross-training) is played by
:func:`simulate` on SimPy, and :func:`side_by_side` sets it against the analytic plan:

- :mod:`sim.des.replications`: :func:`simulate`, replications, warm-up, parallel runs;
- :mod:`sim.des.routing`: queues, waiting lines and agent groups of a design;
- :mod:`sim.des.arrivals`: the callers of a replication (time-varying Poisson);
- :mod:`sim.des.engine`: the SimPy event loop of one replication;
- :mod:`sim.des.tally`: counts per queue and interval; :mod:`sim.des.results`: the estimates;
- :mod:`sim.des.referee`: :func:`side_by_side`, analytic vs simulated per interval;
- :mod:`sim.des.iterative`: :func:`staff_by_simulation`, agents per interval found by simulation.
"""

from sim.des.iterative import SimulatedStaffing, staff_by_simulation
from sim.des.queue import (
    PATIENCE_DISTS,
    QUEUE_COUNTS,
    QUEUE_KPIS,
    QueueSetup,
    QueueSimulation,
    simulate_queue,
)
from sim.des.referee import referee_summary, side_by_side
from sim.des.replications import simulate
from sim.des.results import SimulationResult
from sim.des.stats import Estimate, half_width, mean_half_width, summarise

__all__ = [
    "PATIENCE_DISTS",
    "QUEUE_COUNTS",
    "QUEUE_KPIS",
    "Estimate",
    "QueueSetup",
    "QueueSimulation",
    "SimulatedStaffing",
    "SimulationResult",
    "half_width",
    "mean_half_width",
    "referee_summary",
    "side_by_side",
    "simulate",
    "simulate_queue",
    "staff_by_simulation",
    "summarise",
]
