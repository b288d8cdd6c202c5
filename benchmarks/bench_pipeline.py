"""How long each stage of the analytic pipeline takes on a shipped scenario.

Run: ``PYTHONPATH=. python benchmarks/bench_pipeline.py [scenarios/provincial.toml]``. Prints the
time of each stage per design (best of a few runs) and the total of ``sim.compare``; the issue's
target for the provincial week with rosters is under 2 s on a 2-core machine.
"""

import sys
import time
from pathlib import Path

from sim import compare, load_scenario
from sim.comparison import _breakdown
from sim.demand import build_demand
from sim.pipeline import roster_pools, scenario_model
from sim.staffing import kpis, staff
from sim.topology import build_topology, design_names
from sim.tours import clear_cache
from sim.workforce import workforce

REPEATS = 3


def best_of(func, repeats: int = REPEATS):
    """Smallest wall time (seconds) of ``repeats`` cold calls (tours cache cleared), and the
    last result."""
    best, result = float("inf"), None
    for _ in range(repeats):
        clear_cache()
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    return best, result


def main(path: str) -> None:
    scenario = load_scenario(path)
    print(
        f"{scenario.general.name}: {len(scenario.sites)} sites, {len(scenario.lines)} lines, "
        f"{scenario.general.horizon_days} days of {scenario.general.interval_minutes}-min intervals"
    )
    seconds, demand = best_of(lambda: build_demand(scenario))
    print(f"{'demand':<46}{seconds * 1000:9.1f} ms")
    model = scenario_model(scenario)
    results = {}
    for design in design_names(scenario):
        t_topo, topology = best_of(lambda d=design: build_topology(scenario, demand, d))
        t_staff, plan = best_of(lambda t=topology: staff(scenario, t, demand, model))
        t_roster, (staffed, _) = best_of(
            lambda t=topology, p=plan: roster_pools(scenario, demand, t, p)
        )
        t_kpi, _ = best_of(lambda p=plan, s=staffed: kpis(p, s))
        t_work, _ = best_of(lambda t=topology, s=staffed: workforce(scenario, t, s))
        results[design] = (topology, plan)
        pools = len(topology.pools)
        for stage, value in (
            ("topology", t_topo),
            ("staffing (Erlang)", t_staff),
            ("roster (MILP)", t_roster),
            ("KPIs at roster", t_kpi),
            ("workforce", t_work),
        ):
            print(f"{design + ' ' + stage + f' [{pools} pools]':<46}{value * 1000:9.1f} ms")
    full = compare(scenario)
    for design in list(full.designs)[1:]:
        t_break, _ = best_of(
            lambda d=design: _breakdown(
                scenario, demand, full.designs["scattered"], full.designs[d]
            )
        )
        print(f"{design + ' savings breakdown':<46}{t_break * 1000:9.1f} ms")
    total, _ = best_of(lambda: compare(scenario))
    print(f"{'sim.compare total':<46}{total * 1000:9.1f} ms")


if __name__ == "__main__":
    main(
        sys.argv[1]
        if len(sys.argv) > 1
        else str(Path(__file__).parents[1] / "scenarios/provincial.toml")
    )
