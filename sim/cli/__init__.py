"""The command line: ``python -m sim SUBCOMMAND ...``.

Each subcommand lives in its own module with ``add_parser(subparsers)`` and ``run(args) -> int``;
``COMMANDS`` lists them in the order ``--help`` shows. Exit status: 0 success, 2 bad input (one
line per problem on stderr, never a traceback). Only :class:`sim.errors.InputError` is bad input;
any other exception is a bug and surfaces with its traceback.
"""

import argparse
import sys
from importlib import import_module

from sim.errors import InputError

COMMANDS = ("erlang", "compare", "validate", "sweep", "charts")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m sim",
        description="Contact-centre consolidation capacity simulator.",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        import_module(f"sim.cli.{name}").add_parser(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except BrokenPipeError:
        sys.stderr.close()
        return 0
    except InputError as err:
        for line in str(err).splitlines():
            print(f"error: {line}", file=sys.stderr)
        return 2
