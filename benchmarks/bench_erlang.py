"""Speed of the Erlang staffing solver, against pyworkforce's ``ErlangC.required_positions``.

Prints one table: agents for 80/20 (80 % of calls answered within 20 s), AHT 300 s, 30-min
intervals, at 10, 1,000, 10,000 and 100,000 Erlangs, from ``sim.erlang.required_agents`` and
from pyworkforce, with both answers (they must agree) and both times; then 10,000 interval loads
staffed in one call, and Erlang A staffing at 100,000 Erlangs. ``--bulk N`` adds Erlang C against
Erlang A for N loads in one call (default 1,000,000; 0 skips it): staffing, then every KPI at
the staffed agents.

pyworkforce is not a dependency of this project. Install it in a separate virtual environment
and point the benchmark at that interpreter (its timings run there, in a subprocess)::

    python3 -m venv /work/benchvenv && /work/benchvenv/bin/pip install pyworkforce numpy scipy
    /work/venv/bin/python benchmarks/bench_erlang.py --pyworkforce-python /work/benchvenv/bin/python

(or set ``PYWORKFORCE_PYTHON``; if pyworkforce is importable here, it is used directly). Times
are the best of several runs, wall clock and CPU, in milliseconds.
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sim import erlang

AHT_SECONDS = 300.0
THRESHOLD_SECONDS = 20.0
SERVICE_LEVEL = 0.8
INTERVAL_MINUTES = 30
LOADS = (10.0, 1_000.0, 10_000.0, 100_000.0)

# Runs inside whichever interpreter has pyworkforce; prints JSON {load: [agents, wall, cpu]}.
PYWORKFORCE_TIMER = """
import json, sys, time
from pyworkforce.queuing import ErlangC

aht_min, threshold_min, interval, sl = (float(v) for v in sys.argv[1:5])
out = {}
for load in map(float, sys.argv[5:]):
    # transactions per interval such that intensity = transactions / interval * AHT = load
    queue = ErlangC(transactions=load * interval / aht_min, aht=aht_min, asa=threshold_min,
                    interval=interval)
    assert abs(queue.intensity - load) < 1e-9 * load
    repeats = 3 if load >= 1e5 else 5 if load >= 1e4 else 50
    wall = cpu = float("inf")
    for _ in range(repeats):
        w, c = time.perf_counter(), time.process_time()
        agents = queue.required_positions(service_level=sl, max_occupancy=1.0)["raw_positions"]
        wall = min(wall, time.perf_counter() - w)
        cpu = min(cpu, time.process_time() - c)
    out[repr(load)] = [int(agents), wall, cpu]
print(json.dumps(out))
"""


def best_time(call, repeats: int, number: int = 1) -> tuple[float, float, object]:
    """Best wall and CPU seconds per call over ``repeats`` runs of ``number`` calls."""
    wall = cpu = float("inf")
    result = None
    for _ in range(repeats):
        w, c = time.perf_counter(), time.process_time()
        for _ in range(number):
            result = call()
        wall = min(wall, (time.perf_counter() - w) / number)
        cpu = min(cpu, (time.process_time() - c) / number)
    return wall, cpu, result


def ours(load: float) -> int:
    return int(
        erlang.required_agents(
            load, AHT_SECONDS, service_level=SERVICE_LEVEL, threshold=THRESHOLD_SECONDS
        )
    )


def pyworkforce_times(python: str | None) -> tuple[dict | None, str]:
    """pyworkforce's answers and times, or None and the reason it is unavailable."""
    args = [
        str(AHT_SECONDS / 60.0),
        str(THRESHOLD_SECONDS / 60.0),
        str(INTERVAL_MINUTES),
        str(SERVICE_LEVEL),
        *map(repr, LOADS),
    ]
    if python is None:
        try:
            import pyworkforce  # noqa: F401
        except ImportError:
            return None, (
                "pyworkforce is not installed here and no --pyworkforce-python was given.\n"
                "  Install it in a separate venv (never in requirements*.txt):\n"
                "    python3 -m venv /work/benchvenv && "
                "/work/benchvenv/bin/pip install pyworkforce numpy scipy\n"
                "  then pass --pyworkforce-python /work/benchvenv/bin/python"
            )
        python = sys.executable
    if not Path(python).exists():
        return None, f"pyworkforce interpreter not found: {python}"
    run = subprocess.run(
        [python, "-c", PYWORKFORCE_TIMER, *args], capture_output=True, text=True, check=False
    )
    if run.returncode != 0:
        last = run.stderr.strip().splitlines()[-1:] or ["(no output)"]
        return None, f"pyworkforce could not run under {python}: {last[0]}"
    return {float(k): v for k, v in json.loads(run.stdout).items()}, python


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--pyworkforce-python",
        default=os.environ.get("PYWORKFORCE_PYTHON"),
        help="interpreter of a venv with pyworkforce (default: $PYWORKFORCE_PYTHON, or this one)",
    )
    parser.add_argument(
        "--bulk",
        type=int,
        default=1_000_000,
        help="loads per call for the Erlang C vs Erlang A section (0: skip it)",
    )
    args = parser.parse_args(argv)

    print(
        f"Erlang C staffing, {SERVICE_LEVEL:.0%} within {THRESHOLD_SECONDS:.0f} s, "
        f"AHT {AHT_SECONDS:.0f} s, {INTERVAL_MINUTES}-min intervals, one load per call"
    )
    print(f"numpy {np.__version__}, python {sys.version.split()[0]}; best of several runs\n")
    theirs, note = pyworkforce_times(args.pyworkforce_python)
    header = (
        f"{'load (Erlangs)':>14} | {'agents: ours':>12} | {'pyworkforce':>11} | "
        f"{'ours ms (CPU)':>15} | {'pyworkforce ms (CPU)':>21} | {'speed-up':>8}"
    )
    print(header)
    print("-" * len(header))
    for load in LOADS:
        wall, cpu, agents = best_time(lambda load=load: ours(load), repeats=7, number=50)
        their_agents, their_time, speed_up = "-", "-", "-"
        if theirs is not None:
            count, their_wall, their_cpu = theirs[load]
            their_agents = str(count) if count == agents else f"{count} (DIFFERENT)"
            their_time = f"{their_wall * 1e3:.3f} ({their_cpu * 1e3:.3f})"
            speed_up = f"{their_wall / wall:.{0 if their_wall > wall else 2}f}x"
        print(
            f"{load:>14,.0f} | {agents:>12} | {their_agents:>11} | "
            f"{f'{wall * 1e3:.3f} ({cpu * 1e3:.3f})':>15} | {their_time:>21} | {speed_up:>8}"
        )
    if theirs is None:
        print(f"\n{note}")
    else:
        print(f"\npyworkforce ran under {note}")

    loads = np.random.default_rng(2026).uniform(1.0, 500.0, 10_000)
    wall, cpu, agents = best_time(
        lambda: erlang.required_agents(
            loads, AHT_SECONDS, service_level=SERVICE_LEVEL, threshold=THRESHOLD_SECONDS
        ),
        repeats=7,
    )
    print(
        f"\n10,000 interval loads (uniform 1-500 Erlangs) in one call: {wall * 1e3:.1f} ms "
        f"(CPU {cpu * 1e3:.1f} ms), {int(agents.sum()):,} agent-intervals"
    )
    wall, cpu, agents = best_time(
        lambda: erlang.required_agents(
            100_000.0,
            AHT_SECONDS,
            service_level=SERVICE_LEVEL,
            threshold=THRESHOLD_SECONDS,
            patience=120.0,
        ),
        repeats=7,
        number=5,
    )
    print(
        f"Erlang A at 100,000 Erlangs (80/20, patience 120 s): {wall * 1e3:.2f} ms "
        f"(CPU {cpu * 1e3:.2f} ms), {int(agents):,} agents"
    )
    if args.bulk:
        bulk(args.bulk)
    return 0


def bulk(size: int) -> None:
    """Erlang C against Erlang A for ``size`` loads in one call: 80/20 staffing (patience 120 s
    for Erlang A), then every KPI at the staffed agents. One run each (a million loads take
    seconds), CPU time beside the wall clock."""
    loads = np.random.default_rng(2026).uniform(0.1, 2000.0, size)
    targets = {"service_level": SERVICE_LEVEL, "threshold": THRESHOLD_SECONDS}
    patience = 120.0
    print(
        f"\n{size:,} loads in one call (uniform 0.1-2,000 Erlangs, AHT {AHT_SECONDS:.0f} s, "
        f"80/20; Erlang A patience {patience:.0f} s), seconds wall (CPU):"
    )

    def c_kpis(agents):
        return (
            erlang.erlang_c(agents, loads),
            erlang.service_level(agents, loads, AHT_SECONDS, THRESHOLD_SECONDS),
            erlang.asa(agents, loads, AHT_SECONDS),
            erlang.occupancy(agents, loads),
        )

    def a_kpis(agents):
        res = erlang.erlang_a(agents, loads, AHT_SECONDS, patience, THRESHOLD_SECONDS)
        return [
            getattr(res, k) for k in ("p_wait", "p_abandon", "service_level", "asa", "occupancy")
        ]

    rows = []
    for model, extra, kpis in (
        ("Erlang C", {}, c_kpis),
        ("Erlang A", {"patience": patience}, a_kpis),
    ):
        staff_wall, staff_cpu, agents = best_time(
            lambda extra=extra: erlang.required_agents(loads, AHT_SECONDS, **targets, **extra),
            repeats=1,
        )
        kpi_wall, kpi_cpu, _ = best_time(lambda kpis=kpis, agents=agents: kpis(agents), repeats=1)
        rows.append((model, staff_wall, staff_cpu, kpi_wall, kpi_cpu, int(agents.sum())))
    header = f"{'model':>8} | {'staffing':>15} | {'all KPIs':>15} | {'total':>15} | agents"
    print(header)
    print("-" * len(header))
    for model, sw, sc, kw, kc, agents in rows:
        print(
            f"{model:>8} | {f'{sw:.2f} ({sc:.2f})':>15} | {f'{kw:.2f} ({kc:.2f})':>15} | "
            f"{f'{sw + kw:.2f} ({sc + kc:.2f})':>15} | {agents:,}"
        )
    (_, _, csc, _, ckc, _), (_, _, asc, _, akc, _) = rows
    print(
        f"Erlang A / Erlang C, CPU: staffing {asc / csc:.1f}x, KPIs {akc / ckc:.1f}x, "
        f"total {(asc + akc) / (csc + ckc):.1f}x"
    )


if __name__ == "__main__":
    sys.exit(main())
