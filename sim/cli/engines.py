"""The simulation half of ``python -m sim compare FILE --engine des|both``.

``--engine analytic`` (the default) prints the Erlang plan only. ``des`` also plays every design
through the scenario simulation (``sim.des.simulate``) and prints its KPIs with 95 % confidence
intervals; ``both`` adds the intervals where the analytic figure falls outside the simulated
interval (``sim.des.side_by_side``). A run over ``--max-calls`` simulated calls asks for
confirmation first (``--yes`` skips the question); a progress bar on stderr counts replications.
"""

import argparse
import sys
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from sim.cli.tables import summary_lines
from sim.comparison import Comparison
from sim.des import referee_summary, side_by_side, simulate
from sim.des.replications import expected_calls
from sim.errors import InputError
from sim.figures import FIGURES

__all__ = [
    "ENGINES",
    "add_engine_arguments",
    "format_simulations",
    "referee_tables",
    "run_simulations",
    "simulation_dict",
    "write_simulations",
]

ENGINES = ("analytic", "des", "both")
_CONFIRM_CALLS = 1_000_000
_SIMULATED_KEYS = (
    "service_level",
    "abandon_rate",
    "asa",
    "occupancy",
    "worst_interval_service_level",
)
_SHOWN_FLAGS = 8


def add_engine_arguments(p: argparse.ArgumentParser) -> None:
    """``--engine``, ``--replications``, ``--seed``, ``--service``, ``--max-calls``, ``--yes``."""
    p.add_argument(
        "--engine",
        choices=ENGINES,
        default="analytic",
        help="analytic (Erlang plan), des (simulation) or both side by side",
    )
    p.add_argument("--replications", type=int, default=10, help="simulated weeks (>= 2)")
    p.add_argument("--seed", type=int, default=None, help="random seed (default: the file's)")
    p.add_argument(
        "--service",
        choices=("exponential", "lognormal"),
        default="exponential",
        help="simulated handle-time distribution",
    )
    p.add_argument(
        "--max-calls",
        type=int,
        default=_CONFIRM_CALLS,
        help="ask before simulating more calls than this (default 1,000,000)",
    )
    p.add_argument("--yes", action="store_true", help="run long simulations without asking")


def _confirm(calls: float, args: argparse.Namespace) -> None:
    if args.yes or calls <= args.max_calls:
        return
    question = f"Simulate about {calls:,.0f} calls (--max-calls {args.max_calls:,})? [y/N] "
    if not sys.stdin.isatty():
        raise InputError(
            f"--yes: the simulation would run about {calls:,.0f} calls, more than --max-calls "
            f"{args.max_calls:,}; pass --yes to run it"
        )
    print(question, end="", file=sys.stderr, flush=True)
    if sys.stdin.readline().strip().lower() not in ("y", "yes"):
        raise InputError("--yes: simulation not confirmed")


def run_simulations(result: Comparison, args: argparse.Namespace) -> dict:
    """Simulate every design of ``result`` (after confirmation when the run is long)."""
    if args.replications < 2:
        raise InputError(
            f"--replications: must be a whole number >= 2 (a confidence interval needs two), "
            f"got {args.replications}"
        )
    designs = result.designs
    calls = sum(expected_calls(d, args.replications) for d in designs.values())
    _confirm(calls, args)
    sims = {}
    with tqdm(total=len(designs) * args.replications, unit="rep", file=sys.stderr) as bar:
        for name, design in designs.items():
            bar.set_description(name)
            done = [0]

            def advance(count: int, _total: int, done=done) -> None:
                bar.update(count - done[0])
                done[0] = count

            sims[name] = simulate(
                result.scenario,
                design,
                replications=args.replications,
                seed=args.seed,
                service=args.service,
                max_calls=None,
                progress=advance,
            )
    return sims


def referee_tables(result: Comparison, sims: dict) -> dict[str, pd.DataFrame]:
    """``sim.des.side_by_side`` of every simulated design."""
    return {
        name: side_by_side(result.scenario, result.designs[name], sim) for name, sim in sims.items()
    }


def _estimate(sims: dict, design: str, key: str) -> str:
    summary = sims[design].summary
    fmt = FIGURES[key].format
    return f"{fmt(summary[key])} ± {fmt(summary[key + '_hw'])}"


def format_simulations(sims: dict, referee: dict | None) -> str:
    """Simulated KPIs per design (mean ± half-width) and the flagged intervals of ``referee``."""
    first = next(iter(sims.values()))
    names = list(sims)
    width = max(18, *(len(n) for n in names))
    lines = [
        "",
        f"Simulation ({first.replications} replications, seed {first.seed}, {first.service} "
        "handle times; mean ± 95% half-width)",
    ]
    lines += summary_lines(_SIMULATED_KEYS, names, width, lambda n, key: _estimate(sims, n, key))
    for name, table in (referee or {}).items():
        found = referee_summary(table)
        flagged = table[table["checked"] & table["disagree"]]
        lines += [
            "",
            f"{name}: analytic outside the simulated interval in {found['flagged_intervals']} of "
            f"{found['checked_intervals']} pool-intervals with 20 calls or more "
            f"({found['flagged_share']:.0%}); worst simulated interval "
            f"{found['worst_simulated_service_level']:.1%} ({found['worst_pool']}, "
            f"{found['worst_time']}). Largest service-level gaps:",
        ]
        gap = (flagged["service_level_analytic"] - flagged["service_level_sim"]).abs()
        for _, row in flagged.loc[gap.sort_values(ascending=False).index[:_SHOWN_FLAGS]].iterrows():
            lines.append(
                f"  {row['pool']:<28}{row['time']:<11}SL {row['service_level_analytic']:.1%} "
                f"analytic vs {row['service_level_sim']:.1%} ± {row['service_level_hw']:.1%}, "
                f"abandoned {row['abandon_rate_analytic']:.1%} vs {row['abandon_rate_sim']:.1%}"
            )
    return "\n".join(lines)


def simulation_dict(sims: dict, referee: dict | None) -> dict:
    """JSON-ready simulated summaries per design (with the flagged counts of ``referee``)."""
    out = {name: dict(sim.summary) for name, sim in sims.items()}
    for name, table in (referee or {}).items():
        out[name] |= referee_summary(table)
    return out


def write_simulations(sims: dict, referee: dict | None, folder: Path) -> None:
    """``simulated_intervals.csv`` (and ``side_by_side.csv`` with ``referee``) in ``folder``."""
    tables = [sim.intervals.assign(design=name) for name, sim in sims.items()]
    pd.concat(tables, ignore_index=True).to_csv(folder / "simulated_intervals.csv", index=False)
    if referee:
        tables = [t.assign(design=n) for n, t in referee.items()]
        pd.concat(tables, ignore_index=True).to_csv(folder / "side_by_side.csv", index=False)
