"""``python -m sim erlang``: agents needed for one interval, and the KPIs they give."""

import argparse

from sim.calculator import interval_staffing
from sim.cli import COMMANDS
from sim.outputs import json_text


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "erlang",
        help=COMMANDS["erlang"],
        description="Smallest number of agents meeting every target for one interval.",
    )
    p.add_argument("--calls", type=float, required=True, help="offered calls in the interval")
    p.add_argument("--interval-minutes", type=float, default=30.0, help="interval length, minutes")
    p.add_argument("--aht", type=float, required=True, help="average handle time, seconds")
    p.add_argument("--sl", type=float, default=None, help="service level target, e.g. 0.8")
    p.add_argument("--threshold", type=float, default=20.0, help="SL threshold, seconds")
    p.add_argument("--max-asa", type=float, default=None, help="max ASA, seconds")
    p.add_argument("--max-abandon", type=float, default=None, help="max abandon share")
    p.add_argument("--max-occupancy", type=float, default=None, help="max occupancy share")
    p.add_argument("--patience", type=float, default=None, help="mean patience, s (Erlang A)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.sl is None and args.max_asa is None and args.max_abandon is None:
        args.sl = 0.8
    result = interval_staffing(
        calls=args.calls,
        interval_minutes=args.interval_minutes,
        aht=args.aht,
        service_level=args.sl,
        threshold=args.threshold,
        max_asa=args.max_asa,
        max_abandon=args.max_abandon,
        max_occupancy=args.max_occupancy,
        patience=args.patience,
    )
    if args.json:
        print(json_text(result))
        return 0
    width = max(len(k) for k in result)
    for key, value in result.items():
        shown = f"{value:.4f}" if isinstance(value, float) else str(value)
        print(f"{key:<{width}}  {shown}")
    return 0
