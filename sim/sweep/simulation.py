"""The simulation engine of a sweep (``engine="des"``): one row per point and replication.

The analytic engine answers "what do the Erlang formulas promise"; the simulation answers "what
would days with these random callers look like with that plan". For each point the sweep runs the
analytic comparison (its columns are in every row, as with ``engine="analytic"``), then plays every
design's rostered plan in ``sim.des.simulate`` with the point's seed. The callers depend on the
seed and the demand only, so the designs of a point meet the same callers (common random numbers:
their differences are sharper than their separate estimates).

Columns added per design ``d`` (``sim.`` prefix), per replication: ``sim.d.offered``,
``sim.d.answered``, ``sim.d.abandoned``, ``sim.d.waiting`` (calls of the horizon still waiting
at its end), ``sim.d.abandon_rate``; the same in every replication row of the point: the
estimates over its replications, ``sim.d.service_level_mean`` and ``sim.d.service_level_hw``
(half-width of the 95 % confidence interval) and likewise for ``abandon_rate``, ``answer_rate``,
``asa`` (s), ``occupancy`` and ``calls``.
"""

from sim.comparison import compare
from sim.des import simulate
from sim.scenario import Scenario
from sim.sweep.flatten import comparison_row

__all__ = ["simulation_rows"]

_ESTIMATES = ("calls", "service_level", "abandon_rate", "answer_rate", "asa", "occupancy")


def simulation_rows(variant: Scenario, replications: int, seed: int) -> list[dict]:
    """Analytic and simulated figures of every design of ``variant``, one row per replication.

    Parameters
    ----------
    variant : Scenario
        The point's validated scenario.
    replications : int
        Independent replications (>= 2).
    seed : int
        The point's seed, the root seed of every design's simulation.
    """
    result = compare(variant)
    analytic = comparison_row(result)
    rows = [{"replication": r, **analytic} for r in range(replications)]
    for name, design in result.designs.items():
        run = simulate(variant, design, replications=replications, seed=seed, workers=1)
        estimates = {}
        for key in _ESTIMATES:
            estimates[f"sim.{name}.{key}_mean"] = float(run.summary[key])
            estimates[f"sim.{name}.{key}_hw"] = float(run.summary[f"{key}_hw"])
        for row, counts in zip(rows, run.counts.to_dict("records"), strict=True):
            row.update({f"sim.{name}.{k}": int(v) for k, v in counts.items()})
            offered = counts["offered"]
            row[f"sim.{name}.abandon_rate"] = counts["abandoned"] / offered if offered else 0.0
            row.update(estimates)
    return rows
