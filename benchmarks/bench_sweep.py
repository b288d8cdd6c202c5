"""Throughput of sweeps: points per second on 1 and 2 local processes and on a Dask LocalCluster.

Run: ``python benchmarks/bench_sweep.py [--points 1000] [--skip-cluster]``. The target of the issue
is a 1,000-point analytic sweep of a shipped scenario in under 30 s on a 2-core machine.

A full-week provincial ``compare`` (ten sites, Erlang A, roster MILPs) costs about 0.3-0.6 s, so
1,000 of those need 150-300 s on two cores: no sweep machinery can fit that into 30 s. The
benchmark therefore sweeps a cheaper variant of ``scenarios/provincial.toml`` whose points cost
about 35 ms on an idle core: its two largest cities (Capital and River City) merging, a one-day
horizon, no rosters (``workforce.roster = "none"``) and the Erlang C model. The grid is
10 x 10 x 10 over volume (``sites[*].volume_scale``), service level and AHT change. The script
first prints what one ``compare`` costs for each variant on the way, so the choice is visible,
then runs the sweep on each executor (streaming to Parquet in a temporary folder, as analysts do),
checks that every executor gives identical rows, and prints points per second and the scaling.
Other jobs on the machine slow everything down: the load average is printed with the figures.
"""

import argparse
import os
import tempfile
import time
from pathlib import Path

import pandas as pd

from sim import apply_overrides, compare, load_scenario
from sim.sweep import run, span

SCENARIO = Path(__file__).parents[1] / "scenarios" / "provincial.toml"
ONE_DAY = {"general.horizon_days": 1, "workforce.roster": "none"}
ERLANG_C = {"targets.model": "erlang_c", "targets.max_abandon": None}
TARGET_SECONDS = 30.0
TARGET_POINTS = 1000


def variants(path: Path) -> dict:
    """The scenario variants from the shipped week down to the benchmark's sweep point."""
    week = load_scenario(path)
    two_cities = week.model_dump(mode="json")["sites"][:2]
    return {
        "provincial week, roster MILPs (as shipped)": week,
        "provincial, 1 day, no roster": apply_overrides(week, ONE_DAY),
        "provincial, 1 day, no roster, Erlang C": apply_overrides(week, {**ONE_DAY, **ERLANG_C}),
        "2 cities, 1 day, no roster, Erlang C (swept)": apply_overrides(
            week, {**ONE_DAY, **ERLANG_C, "sites": two_cities}
        ),
    }


def grid(points: int) -> dict:
    """A cube of about ``points`` points: volume x service level x AHT change."""
    side = max(1, round(points ** (1 / 3)))
    return {
        "sites[*].volume_scale": span(0.8, 1.25, num=side),
        "targets.service_level": span(0.75, 0.9, num=side),
        "design.aht_change": span(0.0, 0.15, num=side),
    }


def seconds_per_compare(scenario, repeats: int = 3) -> float:
    """Best wall time (s) of ``sim.compare`` over a few calls."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        compare(scenario)
        best = min(best, time.perf_counter() - start)
    return best


def timed_sweep(base, design: dict, executor, folder: Path, name: str):
    """Seconds and table of one sweep streamed to a fresh Parquet output."""
    start = time.perf_counter()
    table = run(base, design, executor=executor, out=folder / f"{name}.parquet", progress=False)
    return time.perf_counter() - start, table


def local_cluster_sweep(base, design: dict, folder: Path, workers: int):
    """Start a LocalCluster of worker processes, sweep on it; return start-up s, sweep s, table."""
    from distributed import Client, LocalCluster

    start = time.perf_counter()
    with (
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        startup = time.perf_counter() - start
        seconds, table = timed_sweep(base, design, client.get_executor(pure=False), folder, "dask")
    return startup, seconds, table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=1000, help="sweep size (a cube)")
    parser.add_argument("--skip-cluster", action="store_true", help="no Dask LocalCluster run")
    args = parser.parse_args()

    print(f"CPUs: {os.cpu_count()}, load average at start: {os.getloadavg()[0]:.1f}")
    print("\nOne compare (best of 3):")
    cases = variants(SCENARIO)
    for label, scenario in cases.items():
        print(f"  {label:<48}{seconds_per_compare(scenario) * 1000:8.1f} ms")
    base = cases["2 cities, 1 day, no roster, Erlang C (swept)"]
    design = grid(args.points)
    n = len(next(iter(design.values()))) ** len(design)

    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for workers in (1, 2):
            results[f"{workers} process(es)"] = timed_sweep(
                base, design, workers, folder, f"p{workers}"
            )
        if not args.skip_cluster:
            startup, seconds, table = local_cluster_sweep(base, design, folder, workers=2)
            print(f"\nLocalCluster (2 worker processes) started in {startup:.1f} s (not counted)")
            results["Dask LocalCluster, 2 workers"] = (seconds, table)

    print(f"\nSweep of {n} points (load average now {os.getloadavg()[0]:.1f}):")
    first_seconds, first = next(iter(results.values()))
    stable = first.drop(columns="run_time")
    for label, (seconds, table) in results.items():
        pd.testing.assert_frame_equal(table.drop(columns="run_time"), stable)
        print(
            f"  {label:<32}{seconds:7.1f} s {n / seconds:8.1f} points/s"
            f"  x{first_seconds / seconds:4.2f} vs 1 process"
        )
    mean_point = first["run_time"].mean()
    print(f"  mean time of one point inside a worker: {mean_point * 1000:.1f} ms")
    two = results["2 process(es)"][0] * TARGET_POINTS / n
    verdict = "meets" if two < TARGET_SECONDS else "MISSES"
    print(
        f"  {TARGET_POINTS:,} points on 2 processes: {two:.1f} s"
        f"{'' if n == TARGET_POINTS else ' (projected from this run)'}, "
        f"{verdict} the {TARGET_SECONDS:.0f} s target"
    )
    print("  identical rows on every executor: yes")


if __name__ == "__main__":
    main()
