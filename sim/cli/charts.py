"""``python -m sim charts FILE --out DIR``: every chart of a scenario as PNG, SVG and PDF files."""

import argparse
from pathlib import Path

from sim.charts import FORMATS, all_charts, export, plan_charts
from sim.charts.export import check_format
from sim.cli import COMMANDS
from sim.comparison import compare
from sim.errors import InputError
from sim.outputs import check_folder, writing
from sim.plan import business_case
from sim.scenario import load_scenario


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "charts",
        help=COMMANDS["charts"],
        description=(
            "Run every design of a scenario file and write each chart as DIR/<name>.<format> "
            "(with a [plan], the business case's four plan_* charts too); files are "
            "byte-identical for the same scenario."
        ),
    )
    p.add_argument("file", type=Path, help="scenario TOML file")
    p.add_argument("--out", type=Path, required=True, help="folder to write the charts to")
    p.add_argument(
        "--format",
        default=",".join(FORMATS),
        help=f"comma-separated formats among {', '.join(FORMATS)} (default: all)",
    )
    p.set_defaults(run=run)


def parse_formats(text: str) -> list[str]:
    """``"png, svg"`` -> ``["png", "svg"]``; ``ValueError`` naming an unknown format."""
    names = [part for part in (p.strip() for p in text.split(",")) if part]
    if not names:
        raise InputError(f"format: give at least one of {', '.join(FORMATS)}")
    return list(dict.fromkeys(check_format(name) for name in names))


def run(args: argparse.Namespace) -> int:
    formats = parse_formats(args.format)
    scenario = load_scenario(args.file)
    check_folder(args.out)
    comparison = compare(scenario)
    charts = all_charts(comparison)
    if scenario.plan is not None:
        charts.update(plan_charts(business_case(scenario, comparison)))
    with writing(args.out):
        for name, fig in charts.items():
            for fmt in formats:
                path = args.out / f"{name}.{fmt}"
                path.write_bytes(export(fig, fmt))
                print(path)
    return 0
