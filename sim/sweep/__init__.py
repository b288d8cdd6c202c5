"""Parameter sweeps: many what-ifs of one scenario, run overnight or on a cluster, as one table.

Analysts ask "at which volume does a second hub pay off?", "how does the saving move with AHT
+0-15% and cross-training 0-100%?", "what if patience is 60 s instead of 120 s?". Each question is
a grid of scenario variants; :func:`run` computes every variant, streams the results to Parquet
as they finish (a killed run resumes where it stopped) and returns a pandas DataFrame with one row
per point::

    import sim, sim.sweep
    base = sim.load_scenario("scenarios/provincial.toml")
    table = sim.sweep.run(
        base,
        {"design.aht_change": sim.sweep.span(0, 0.15, num=4), "design.cross_trained": [0, 0.5, 1]},
        out="results.parquet",
    )
    table.pivot(index="design.aht_change", columns="design.cross_trained",
                values="saving.centralised.headcount")

Modules: :mod:`~sim.sweep.grid` (designs: grids, ranges, Latin hypercube samples),
:mod:`~sim.sweep.gridfile` (the TOML grid file), :mod:`~sim.sweep.points` (point identity and
seeds), :mod:`~sim.sweep.evaluate` (one point on a worker), :mod:`~sim.sweep.storage` (Parquet
parts and resume), :mod:`~sim.sweep.runner` (the loop over an executor). The user's guide is
``docs/sweeps.md``.
"""

from sim.sweep.grid import cross, expand, latin_hypercube, span
from sim.sweep.gridfile import load_grid, parse_grid
from sim.sweep.runner import run

__all__ = ["cross", "expand", "latin_hypercube", "load_grid", "parse_grid", "run", "span"]
