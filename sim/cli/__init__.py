"""The command line: ``python -m sim SUBCOMMAND ...``.

Each subcommand lives in its own module with ``add_parser(subparsers)`` and ``run(args) -> int``;
``COMMANDS`` lists them in the order ``--help`` shows. Exit status: 0 success, 2 bad input (one
line per problem on stderr, never a traceback). Only :class:`sim.errors.InputError` is bad input;
any other exception is a bug and surfaces with its traceback.
"""

import argparse
import sys
from importlib import import_module
from pathlib import Path

from sim.errors import InputError

COMMANDS = {
    "erlang": "agents and KPIs for one interval (Erlang C, or Erlang A with --patience)",
    "compare": "scattered vs centralised: headcount, service, cost and savings by cause",
    "validate": "check a scenario file; exit 0 when valid, 2 with one line per problem",
    "sweep": "run a scenario over a grid of what-ifs into a Parquet table (resumable)",
    "risk": "tornado, P10/P50/P90 bands and resilience shocks of a scenario's saving",
    "plan": "the business case over time: waves, one-off costs, cash flow, payback, NPV",
    "charts": "write every chart of a scenario (waterfall, service, pooling, ...) to a folder",
    "import": "a scenario from ACD interval history (CSV or Excel): volumes, shapes, AHT, patience",
    "calibrate": "the model on the history's real staffing against the measured service level",
}
"""Each subcommand and its one-line help, in the order ``--help`` shows them."""


def file_json_out(p: argparse.ArgumentParser, out_help: str) -> None:
    """The arguments most subcommands share: the scenario ``file``, ``--json`` and ``--out``."""
    p.add_argument("file", type=Path, help="scenario TOML file")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--out", type=Path, help=out_help)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command-line parser; with ``command``, only that subcommand's module is imported (the
    others get a stub with their help line), so a quick command does not pay for the heavy ones
    (``erlang`` needs numpy and scipy, not pandas, pydantic, matplotlib or simpy)."""
    parser = argparse.ArgumentParser(
        prog="python -m sim",
        description="Contact-centre consolidation capacity simulator.",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, help_line in COMMANDS.items():
        if command is None or name == command:
            import_module(f"sim.cli.{name}").add_parser(subparsers)
        else:
            subparsers.add_parser(name, help=help_line)
    return parser


def _command(argv: list[str]) -> str | None:
    """The subcommand named on the command line, if it is one of ``COMMANDS``."""
    first = next((arg for arg in argv if not arg.startswith("-")), None)
    return first if first in COMMANDS else None


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    args = build_parser(_command(argv)).parse_args(argv)
    try:
        return args.run(args)
    except BrokenPipeError:
        sys.stderr.close()
        return 0
    except InputError as err:
        for line in str(err).splitlines():
            print(f"error: {line}", file=sys.stderr)
        return 2
