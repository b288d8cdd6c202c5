"""What weekly tours cost, and how far from the cheapest they are.

Run: ``PYTHONPATH=. python benchmarks/bench_tours.py [SCENARIO ...] [--exact]``. For each scenario
(default: every shipped one): ``sim.compare`` cold (tours cache cleared, best of 3), the number of
tour programmes solved and the stated gaps (``Tours.gap``: paid cost over the proven bound).
With ``--exact`` every distinct pool of the comparison is also solved by HiGHS's branch and bound
to a 0.01 % gap (no node limit), which says how far the tours really are from the cheapest (the
stated gap is an upper bound: part of it is the bound's weakness).
"""

import argparse
import time
from pathlib import Path

import numpy as np

import sim.tours as tours_module
from sim import compare, load_scenario

SHIPPED = sorted(Path("scenarios").glob("*.toml"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=SHIPPED)
    parser.add_argument("--exact", action="store_true")
    args = parser.parse_args()
    for path in args.paths:
        scenario = load_scenario(path)
        compare(scenario)  # imports and first-use costs out of the timing
        models = []
        solve = tours_module._solve

        def spy(model, names, sub, solve=solve, models=models):
            out = solve(model, names, sub)
            models.append((model, float(model.cost @ out[0])))
            return out

        best = float("inf")
        for _ in range(3):
            tours_module.clear_cache()
            models.clear()
            tours_module._solve = spy
            start = time.perf_counter()
            result = compare(scenario)
            best = min(best, time.perf_counter() - start)
            tours_module._solve = solve
        gaps = np.array([t.gap for d in result.designs.values() for t in d.tours if t is not None])
        print(
            f"{path.stem}: compare {best:.2f} s cold, {len(models)} tour programmes; stated gap "
            f"median {np.median(gaps):.2%}, max {gaps.max():.2%}"
        )
        if args.exact:
            true = []
            for model, cost in models:
                exact = tours_module._highs(model, integer=True)
                exact.setOptionValue("mip_rel_gap", 1e-4)
                exact.setOptionValue("mip_max_nodes", 10**9)
                exact.run()
                optimum = exact.getInfo().objective_function_value
                true.append((cost - optimum) / cost if cost > 0 else 0.0)
            true = np.array(true)
            print(
                f"  against the optimum: median {np.median(true):.2%}, max {true.max():.2%} "
                f"above it ({np.count_nonzero(true < 1e-9)} of {true.size} pools optimal)"
            )


if __name__ == "__main__":
    main()
