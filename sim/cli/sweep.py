"""``python -m sim sweep FILE --grid GRID.toml --out results.parquet``: many what-ifs, one table.

Runs the scenario at every point of the grid file (see ``docs/sweeps.md``) on local processes, a
Dask ``LocalCluster`` or a remote Dask scheduler, streaming rows to ``results.parquet``. Rerunning
the same command after an interruption computes only the missing points.
"""

import argparse
import sys
import time
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pandas as pd

from sim.cli import COMMANDS
from sim.scenario import load_scenario
from sim.sweep import load_grid, run
from sim.sweep.evaluate import ENGINES
from sim.sweep.executors import open_executor

_SHOWN_ERRORS = 3


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "sweep",
        help=COMMANDS["sweep"],
        description="Run every point of a grid file and write one row per point to Parquet. "
        "Rerun the same command after an interruption: only missing points are computed.",
    )
    p.add_argument("file", type=Path, help="scenario TOML file")
    p.add_argument("--grid", type=Path, required=True, help="grid TOML file (docs/sweeps.md)")
    p.add_argument("--out", type=Path, required=True, help="output Parquet file")
    p.add_argument("--engine", choices=ENGINES, default="analytic", help="default: analytic")
    p.add_argument("--replications", type=int, help="simulation replications per point (des)")
    p.add_argument("--workers", type=int, help="local worker processes (default: one per CPU)")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--cluster", metavar="ADDRESS", help="Dask scheduler, tcp://HOST:8786")
    where.add_argument(
        "--dask-local", action="store_true", help="start a Dask LocalCluster of --workers processes"
    )
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.set_defaults(run=run_command)


def format_report(table: pd.DataFrame, out: Path, seconds: float) -> str:
    """One line of counts and where the table is, then the first distinct errors."""
    points = table.drop_duplicates("point")
    invalid = points[points["error"].notna()]
    computed, stored = table.attrs["computed_points"], table.attrs["stored_points"]
    lines = [
        f"{len(points)} points ({computed} computed now, {stored} already stored, "
        f"{len(invalid)} invalid) -> {out} ({len(table)} rows, {seconds:.1f} s)"
    ]
    for message in invalid["error"].drop_duplicates().head(_SHOWN_ERRORS):
        lines.append(f"  invalid: {message}")
    return "\n".join(lines)


def _resume_hint(what: str, out: Path) -> None:
    print(
        f"{what}; finished points are kept in {out}.parts; "
        "rerun the same command to compute only the missing ones",
        file=sys.stderr,
    )


def run_command(args: argparse.Namespace) -> int:
    scenario = load_scenario(args.file)
    grid = load_grid(args.grid)
    start = time.perf_counter()
    try:
        with open_executor(args.workers, cluster=args.cluster, dask_local=args.dask_local) as ex:
            table = run(
                scenario,
                grid,
                engine=args.engine,
                replications=args.replications,
                executor=ex,
                out=args.out,
                progress=not args.no_progress,
            )
    except KeyboardInterrupt:
        _resume_hint("interrupted", args.out)
        return 130
    except BrokenProcessPool:
        _resume_hint("stopped: a worker process died (killed, or out of memory)", args.out)
        return 1
    print(format_report(table, args.out, time.perf_counter() - start))
    return 0
