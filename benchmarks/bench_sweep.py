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

Other jobs on a shared machine slow every wall time down, so the load average is printed and the
CPU time is measured too: of every point in its worker (``cpu_time`` of the rows) and of this
parent process (dispatch, Parquet parts). The *idle estimate* spreads that CPU work over the cores,
``max(worker CPU / workers, (worker CPU + parent CPU) / cores)``: the wall time to expect on an idle
machine (a model, not a measurement; the Dask start-up and warm-up are excluded).
"""

import argparse
import os
import tempfile
import time
from dataclasses import dataclass
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


@dataclass
class Measured:
    """One sweep: wall seconds, CPU seconds of the workers and of this (parent) process."""

    workers: int
    wall: float
    worker_cpu: float
    parent_cpu: float
    table: pd.DataFrame

    @property
    def idle_estimate(self) -> float:
        """Wall seconds on an idle machine: all CPU work spread over the cores, workers busy.

        ``max(worker CPU / workers, (worker CPU + parent CPU) / cores)``.
        """
        cores = os.cpu_count() or 1
        return max(self.worker_cpu / self.workers, (self.worker_cpu + self.parent_cpu) / cores)


def timed_sweep(base, design: dict, executor, workers: int, out: Path) -> Measured:
    """One sweep streamed to a fresh Parquet output, timed."""
    start, cpu = time.perf_counter(), time.process_time()
    table = run(base, design, executor=executor, out=out, progress=False)
    wall, parent = time.perf_counter() - start, time.process_time() - cpu
    return Measured(workers, wall, float(table["cpu_time"].sum()), parent, table)


def local_cluster_sweep(base, design: dict, folder: Path, workers: int):
    """Start a LocalCluster of worker processes, warm it up, sweep on it: start-up s, Measured."""
    from distributed import Client, LocalCluster

    start = time.perf_counter()
    with (
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        executor = client.get_executor(pure=False)
        run(
            base,
            {"targets.service_level": span(0.8, 0.83, num=4)},
            executor=executor,
            progress=False,
        )
        startup = time.perf_counter() - start
        return startup, timed_sweep(base, design, executor, workers, folder / "dask.parquet")


VOLATILE = ["run_time", "cpu_time"]


def print_row(label: str, m: Measured, first: Measured, n: int) -> None:
    """One line of the throughput table, after checking its rows equal the first run's."""
    pd.testing.assert_frame_equal(
        m.table.drop(columns=VOLATILE), first.table.drop(columns=VOLATILE)
    )
    print(
        f"  {label:<30}{m.wall:8.1f}{n / m.wall:10.1f}{first.wall / m.wall:8.2f}x"
        f"{m.worker_cpu:13.1f}{m.parent_cpu:12.1f}{m.idle_estimate:13.1f}"
        f"{n / m.idle_estimate:10.1f}",
        flush=True,
    )


def print_verdict(two: Measured, n: int) -> None:
    """Measured and idle-estimated time of the target sweep on 2 processes."""
    print(f"  CPU time of one point in a worker: {two.table['cpu_time'].mean() * 1000:.1f} ms")
    scale = TARGET_POINTS / n
    for what, seconds in (("measured", two.wall), ("idle estimate", two.idle_estimate)):
        verdict = "meets" if seconds * scale < TARGET_SECONDS else "MISSES"
        print(
            f"  {TARGET_POINTS:,} points on 2 processes, {what}: {seconds * scale:.1f} s, "
            f"{verdict} the {TARGET_SECONDS:.0f} s target",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=1000, help="sweep size (a cube)")
    parser.add_argument("--skip-cluster", action="store_true", help="no Dask LocalCluster run")
    args = parser.parse_args()

    print(f"CPUs: {os.cpu_count()}, load average at start: {os.getloadavg()[0]:.1f}")
    print("\nOne compare (best of 3):")
    cases = variants(SCENARIO)
    for label, scenario in cases.items():
        print(f"  {label:<48}{seconds_per_compare(scenario) * 1000:8.1f} ms", flush=True)
    base = cases["2 cities, 1 day, no roster, Erlang C (swept)"]
    design = grid(args.points)
    n = len(next(iter(design.values()))) ** len(design)

    print(f"\nSweep of {n} points (rows identical on every executor, else this stops):")
    print(
        f"  {'executor':<30}{'wall s':>8}{'points/s':>10}{'scaling':>9}"
        f"{'CPU workers':>13}{'CPU parent':>12}{'idle est. s':>13}{'points/s':>10}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        first = timed_sweep(base, design, 1, 1, folder / "1.parquet")
        print_row("1 process", first, first, n)
        two = timed_sweep(base, design, 2, 2, folder / "2.parquet")
        print_row("2 processes", two, first, n)
        if not args.skip_cluster:
            startup, measured = local_cluster_sweep(base, design, folder, workers=2)
            print_row("Dask LocalCluster, 2 workers", measured, first, n)
            print(f"  (LocalCluster up and warm in {startup:.1f} s, not counted)")
    print(f"  load average now {os.getloadavg()[0]:.1f}")
    print_verdict(two, n)


if __name__ == "__main__":
    main()
