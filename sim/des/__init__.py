"""Discrete-event simulation: the analytic queues checked call by call, with confidence intervals.

A city centre that answers only its own callers is a pool serving one queue;
:func:`simulate_queue` simulates such a pool exactly and fast (an FCFS recursion, no event list)
and reports the KPIs with 95 % confidence intervals over independent replications. The modules,
one per concept:

- :mod:`sim.des.queue`: :func:`simulate_queue` and its result, :class:`QueueSimulation`;
- :mod:`sim.des.pool`: the agent pool placing FCFS callers (the exact recursion);
- :mod:`sim.des.times`: handle-time distributions and remaining handle times;
- :mod:`sim.des.stationary`: the steady state a replication starts from;
- :mod:`sim.des.stats`: means and Student-t confidence intervals over replications (shared with
  the scenario simulation).
"""

from sim.des.queue import KPIS, QueueSetup, QueueSimulation, simulate_queue
from sim.des.stats import Estimate, half_width, mean_half_width, summarise

__all__ = [
    "KPIS",
    "Estimate",
    "QueueSetup",
    "QueueSimulation",
    "half_width",
    "mean_half_width",
    "simulate_queue",
    "summarise",
]
