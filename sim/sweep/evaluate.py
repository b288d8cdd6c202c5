"""Running points on a worker: one what-if in, result rows out, never an exception for bad input.

A worker receives the base scenario and a batch of points, applies each point's overrides (which
validates the variant as a full scenario), runs the engine and turns the comparison into one flat
row: inputs, outputs per design (``centralised.headcount_total``), savings
(``saving.centralised.headcount``), the variant's digest, the seed and the run time. A point that
does not validate or cannot be staffed becomes a row with its error message instead, so a sweep of
thousands of points never stops for one bad corner of the grid.

Everything here is a plain top-level function of picklable arguments, so process pools and Dask
workers on other machines can run it.
"""

import time
from collections.abc import Sequence

from sim.comparison import compare
from sim.scenario import Scenario, ScenarioError, apply_overrides
from sim.sweep.flatten import comparison_row
from sim.sweep.points import Point
from sim.sweep.simulation import simulation_rows

__all__ = ["ENGINES", "evaluate_batch", "evaluate_point"]

ENGINES = ("analytic", "analytic_headline", "des")
"""``analytic``: ``sim.compare``; ``analytic_headline``: the same without the figures that explain
the headline (the headcount with the occupancy cap lifted and the saving's breakdown by cause:
``compare(headline_only=True)``, 40 % less work, for sweeps that move those assumptions
themselves); ``des``: the whole-design simulation."""


def _error_text(err: Exception) -> str:
    if isinstance(err, ScenarioError):
        return "; ".join(err.problems)
    if isinstance(err, ValueError):
        return str(err).replace("\n", "; ")
    return f"internal error ({type(err).__name__}): {err}"


def _outputs(variant: Scenario, engine: str, replications: int, seed: int) -> list[dict]:
    if engine != "des":
        return [comparison_row(compare(variant, headline_only=engine == "analytic_headline"))]
    return simulation_rows(variant, replications, seed)


def evaluate_point(scenario: Scenario, point: Point, engine: str, replications: int) -> list[dict]:
    """The result rows of one point (one per replication for the simulation).

    Every row holds ``point_key``, the inputs, ``engine``, ``seed``, ``scenario_digest`` of the
    variant (None when it does not validate), ``error`` (None when the point ran), ``run_time``
    (seconds of wall time for the whole point), ``cpu_time`` (seconds of CPU time of the thread
    that ran it: steadier than ``run_time`` on a busy machine) and the outputs.
    """
    start, cpu_start = time.perf_counter(), time.thread_time()
    head = {"point_key": point.key, **point.inputs, "engine": engine, "seed": point.seed}
    try:
        variant = apply_overrides(scenario, point.inputs)
        head["scenario_digest"] = variant.digest()
        outputs = _outputs(variant, engine, replications, point.seed)
        head["error"] = None
    except Exception as err:
        head.setdefault("scenario_digest", None)
        head["error"] = _error_text(err)
        outputs = [{}]
    head["run_time"] = time.perf_counter() - start
    head["cpu_time"] = time.thread_time() - cpu_start
    return [{**head, **values} for values in outputs]


def evaluate_batch(
    scenario: Scenario, points: Sequence[Point], engine: str, replications: int
) -> list[dict]:
    """The result rows of several points, in order (one task of an executor)."""
    return [
        row for point in points for row in evaluate_point(scenario, point, engine, replications)
    ]
