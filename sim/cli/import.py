"""``python -m sim import HISTORY --out DIR/scenario.toml``: a scenario from interval history."""

import argparse
import os
from pathlib import Path

from sim.cli import COMMANDS
from sim.errors import InputError
from sim.history import summarise
from sim.history.derive import import_history
from sim.scenario import HistorySource, load_scenario


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "import",
        help=COMMANDS["import"],
        description="Read an ACD interval history (CSV, .csv.gz or .xlsx) and write the scenario "
        "it gives: volumes, weekly shapes, opening hours, handle time and patience per site and "
        "line. The scenario refers to the history (path relative to the scenario file) for "
        "'python -m sim calibrate'.",
    )
    p.add_argument("history", type=Path, help="interval history file")
    p.add_argument("--out", type=Path, required=True, help="scenario TOML file to write")
    p.add_argument(
        "--column-map",
        action="append",
        default=[],
        metavar="COLUMN=NAME",
        help="read the file's COLUMN as NAME (offered, answered, abandoned, aht, ...); repeatable",
    )
    p.add_argument("--utc-offset", type=float, help="hours from UTC of timestamps without one")
    p.add_argument("--sheet", help="worksheet of an Excel file (default: the first)")
    p.add_argument("--encoding", default="utf-8", help="text encoding of a CSV (e.g. gbk)")
    p.add_argument(
        "--week",
        default="average",
        help="week to plan on: average (default), a date YYYY-MM-DD, or a percentile such as p90",
    )
    p.add_argument("--growth", type=float, default=0.0, help="volume growth, e.g. 0.05 for +5 %%")
    p.add_argument("--interval-minutes", type=int, choices=(15, 30, 60), help="planning interval")
    p.add_argument(
        "--threshold", type=float, help="answer threshold of the history's SL column, seconds"
    )
    p.add_argument("--base", type=Path, help="scenario whose costs, rules and designs to keep")
    p.set_defaults(run=run)


def _column_map(items: list[str]) -> dict[str, str]:
    out = {}
    for item in items:
        column, sep, name = item.rpartition("=")
        if not sep or not column.strip() or not name.strip():
            raise InputError(f"--column-map: must be COLUMN=NAME, got {item!r}")
        out[column.strip()] = name.strip()
    return out


def run(args: argparse.Namespace) -> int:
    column_map = _column_map(args.column_map)
    folder = args.out.resolve().parent
    folder.mkdir(parents=True, exist_ok=True)
    source = HistorySource(
        file=Path(os.path.relpath(args.history.resolve(), folder)).as_posix(),
        week=args.week,
        utc_offset=args.utc_offset,
        sheet=args.sheet,
        encoding=args.encoding,
        column_map=column_map,
    )
    history, scenario, notes = import_history(
        folder,
        source,
        interval_minutes=args.interval_minutes,
        growth=args.growth,
        threshold=args.threshold,
        base=load_scenario(args.base) if args.base else None,
    )
    header = (
        f"# Built by 'python -m sim import' from {args.history.name} ({args.week} week).\n"
        "# Volumes, week profiles, hours, handle time and patience come from the history; "
        "edit costs and designs freely.\n\n"
    )
    args.out.write_text(header + scenario.to_toml(), encoding="utf-8")
    print(f"{args.history.name}:")
    for note in notes:
        print(f"  {note}")
    table = summarise(history)
    print()
    print(f"{'site':<16}{'line':<20}{'calls/week':>12}{'SL':>8}{'aband.':>8}{'AHT s':>8}")
    for row in table.itertuples():
        print(
            f"{row.site:<16}{row.line:<20}{row.weekly_offered:>12,.0f}"
            f"{row.service_level:>8.1%}{row.abandon_rate:>8.1%}{row.aht:>8.0f}"
        )
    print(f"\nwrote {args.out} ({len(scenario.sites)} sites, {len(scenario.lines)} lines)")
    return 0
