"""The simulation engine of a sweep (``engine="des"``): one row per point and replication.

The analytic engine answers "what do the Erlang formulas say"; the simulation answers "what would
a day with these random callers look like", once per replication. A sweep asks the simulation
through ``sim.des.simulate``; an installation without it says so before any point runs.
"""

from importlib import import_module

__all__ = ["require_simulation", "simulation_rows"]


def require_simulation():
    """``sim.des.simulate``, or a ValueError saying the simulation engine is unavailable."""
    simulate = getattr(import_module("sim.des"), "simulate", None)
    if simulate is None:
        raise ValueError(
            "engine: 'des' needs the simulation engine (sim.des.simulate), which is not available "
            "in this installation; use engine='analytic'"
        )
    return simulate


def simulation_rows(variant, replications: int, seed: int) -> list[dict]:
    """Simulated KPIs of every design of ``variant``, one row per replication."""
    require_simulation()
    raise NotImplementedError
