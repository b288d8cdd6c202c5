"""How fast the risk analysis runs: the Monte Carlo of the provincial week, and one shock.

Run: ``PYTHONPATH=. python benchmarks/bench_risk.py [scenarios/provincial.toml] [--samples 200]
[--workers 2] [--replications 10]``. Two timings, with the issue's targets on a 2-core machine:

- the Monte Carlo (``sim.risk.bands``): ``--samples`` Latin-hypercube draws of the week through
  the analytic pipeline on ``--workers`` local processes, under 60 s for 200 draws;
- one resilience shock (an outage of the largest location) for each design alone, ``--replications``
  simulated days on one process, under 5 s.

Wall clock and CPU seconds (this process plus its worker processes) are printed with the load
average: the machine is shared, and the CPU seconds say what the work itself costs.
"""

import argparse
import os
import time

from bench_des_scenario import cpu_seconds

from sim import compare, load_scenario
from sim.risk import bands, resilience


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default="scenarios/provincial.toml")
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--replications", type=int, default=10)
    args = parser.parse_args()
    scenario = load_scenario(args.path)
    comparison = compare(scenario)
    print(f"{scenario.general.name}, load average {os.getloadavg()[0]:.1f}")
    wall, cpu = time.perf_counter(), cpu_seconds()
    result = bands(comparison, samples=args.samples, seed=0, executor=args.workers)
    wall, cpu = time.perf_counter() - wall, cpu_seconds() - cpu
    print(
        f"Monte Carlo: {result.used} of {args.samples} draws, {args.workers} workers: "
        f"{wall:.1f} s wall, {cpu:.1f} s CPU ({cpu / args.samples * 1e3:.0f} ms CPU a draw); "
        "target < 60 s"
    )
    for design in comparison.designs:
        wall, cpu = time.perf_counter(), cpu_seconds()
        row = resilience(
            comparison,
            designs=[design],
            shocks=["outage"],
            replications=args.replications,
            workers=1,
        ).table.iloc[0]
        wall, cpu = time.perf_counter() - wall, cpu_seconds() - cpu
        print(
            f"outage, {design}: {args.replications} days, {row['calls']:,.0f} calls a day: "
            f"{wall:.2f} s wall, {cpu:.2f} s CPU; target < 5 s"
        )


if __name__ == "__main__":
    main()
