"""``python -m sim validate FILE``: check a scenario file and list every problem."""

import argparse
from pathlib import Path

from sim.cli import COMMANDS
from sim.scenario import load_scenario


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "validate",
        help=COMMANDS["validate"],
        description="Check a scenario file against the schema in scenarios/README.md.",
    )
    p.add_argument("file", type=Path, help="scenario TOML file")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    scenario = load_scenario(args.file)
    print(f"{args.file}: valid ({scenario.general.name}, {len(scenario.sites)} sites)")
    return 0
