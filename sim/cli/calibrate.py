"""``python -m sim calibrate SCENARIO``: the model on the history's real staffing, against what
really happened (the scenario's ``[history]`` table names the file)."""

import argparse
import json
from pathlib import Path

from sim.cli import COMMANDS
from sim.errors import InputError
from sim.history.calibrate import calibrate
from sim.history.read import read_source
from sim.scenario import load_scenario


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "calibrate",
        help=COMMANDS["calibrate"],
        description="Run the queue model on the staffed agents of the scenario's history and "
        "compare its service level and abandonment with the measured ones, per interval, site "
        "and week. Arrival rates are each interval of the week's average volume.",
    )
    p.add_argument("file", type=Path, help="scenario TOML file with a [history] table")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(run=run)


def _entry(row) -> dict:
    return {
        "site": row.site,
        "line": row.line,
        "measured_service_level": row.measured_service_level,
        "modelled_service_level": row.modelled_service_level,
        "measured_abandon_rate": row.measured_abandon_rate,
        "modelled_abandon_rate": row.modelled_abandon_rate,
        "bias": row.bias,
        "mae": row.mae,
        "patience": row.patience,
        "patience_ci": [row.patience_low, row.patience_high],
        "intervals": int(row.intervals),
        "verdict": row.verdict,
        "simulated_service_level": getattr(row, "simulated_service_level", None),
        "simulated_abandon_rate": getattr(row, "simulated_abandon_rate", None),
        "simulated_bias": getattr(row, "simulated_bias", None),
    }


def run(args: argparse.Namespace) -> int:
    scenario = load_scenario(args.file)
    if scenario.history is None:
        raise InputError(
            f"{args.file}: no [history] table; build the scenario with 'python -m sim import "
            'HISTORY --out FILE\' or add [history] file = "..."'
        )
    result = calibrate(read_source(scenario.history, args.file.parent), scenario)
    sites = result.sites
    if args.json:
        print(json.dumps({"sites": [_entry(row) for row in sites.itertuples()]}, indent=2))
        return 0
    print(
        f"{scenario.general.name}: {result.model} on the staffed agents of "
        f"{scenario.history.file}; arrival rate = the average volume of each interval of the week"
    )
    print(
        f"\n{'site':<16}{'line':<20}{'SL meas.':>9}{'model':>8}{'bias':>7}{'MAE':>7}"
        f"{'aband.':>8}{'model':>8}{'patience s (95 % CI)':>24}"
    )
    for r in sites.itertuples():
        print(
            f"{r.site:<16}{r.line:<20}{r.measured_service_level:>9.1%}"
            f"{r.modelled_service_level:>8.1%}{r.bias * 100:>+7.1f}{r.mae * 100:>7.1f}"
            f"{r.measured_abandon_rate:>8.1%}{r.modelled_abandon_rate:>8.1%}"
            f"{f'{r.patience:.0f} ({r.patience_low:.0f}-{r.patience_high:.0f})':>24}"
        )
    print("\n(bias and MAE in points of service level; MAE over intervals, call-weighted)")
    for r in sites.itertuples():
        print(f"  {r.site} / {r.line}: {r.verdict}")
    if "simulated_service_level" in sites:
        print("\nThe simulation of each site's average week with its staffed agents:")
        for r in sites.itertuples():
            print(
                f"  {r.site:<16}{r.line:<20}SL {r.simulated_service_level:.1%} "
                f"(bias {r.simulated_bias * 100:+.1f}), abandoned {r.simulated_abandon_rate:.1%}"
            )
    print("\nAgent FTE, today as measured (staffed hours) and as modelled, and the saving")
    for design, r in result.workforce.iterrows():
        print(
            f"  {design:<20}{r.agents_fte:>9.1f} FTE   saving vs measured "
            f"{r.saving_vs_measured:>7.1f}   vs modelled {r.saving_vs_modelled:>7.1f}"
        )
    return 0
