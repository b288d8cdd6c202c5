"""How fast the scenario simulation plays a week: calls per second and total time per design.

Run: ``PYTHONPATH=. python benchmarks/bench_des_scenario.py [scenarios/provincial.toml]
[--replications 10] [--workers N]``. For each design it times ``sim.des.simulate`` with the given
replications (wall clock, and CPU seconds of this process plus its worker processes), counts the
calls simulated in the horizon and reports calls per wall second and CPU microseconds per call.
The issue's target: a week of the provincial scenario with 10 replications in under 20 s on a
2-core machine. The load average is printed too: the machine is shared.
"""

import argparse
import os
import resource
import time

from sim import compare, load_scenario
from sim.des import simulate


def cpu_seconds() -> float:
    """CPU seconds used so far by this process and its finished children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default="scenarios/provincial.toml")
    parser.add_argument("--replications", type=int, default=10)
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args()
    scenario = load_scenario(args.path)
    result = compare(scenario)
    print(
        f"{scenario.general.name}: {len(scenario.sites)} sites, {len(scenario.lines)} lines, "
        f"{args.replications} replications, load average {os.getloadavg()[0]:.1f}"
    )
    print(f"{'design':<16}{'calls':>12}{'wall s':>9}{'CPU s':>9}{'calls/s':>11}{'CPU us/call':>13}")
    total_wall = 0.0
    for name, design in result.designs.items():
        wall, cpu = time.perf_counter(), cpu_seconds()
        sim = simulate(
            scenario, design, replications=args.replications, workers=args.workers, max_calls=None
        )
        wall, cpu = time.perf_counter() - wall, cpu_seconds() - cpu
        total_wall += wall
        calls = int(sim.counts["offered"].sum())
        print(
            f"{name:<16}{calls:>12,}{wall:>9.1f}{cpu:>9.1f}{calls / wall:>11,.0f}"
            f"{cpu / calls * 1e6:>13.2f}"
        )
    print(f"{'all designs':<16}{'':>12}{total_wall:>9.1f}")


if __name__ == "__main__":
    main()
