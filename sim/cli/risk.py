"""``python -m sim risk FILE``: which assumptions move the saving, how sure it is, the worst day.

Runs :func:`sim.risk.analyse` with the scenario's ``[risk]`` table, overridden by the options
given here (``--samples``, ``--seed``, ``--replications``, ``--threshold``, ``--range``), and
prints the tornado, the P10/P50/P90 bands and the resilience table, or one JSON object with
``tornado``, ``bands`` and ``resilience``. ``--out DIR`` writes every table as CSV, the JSON and
the charts, and keeps the Monte Carlo's Parquet parts there so an interrupted run resumes.
"""

import argparse
import json
from pathlib import Path

from tqdm import tqdm

from sim.charts import export, resilience_by_interval, tornado_chart
from sim.charts.risk import shown_input
from sim.cli import COMMANDS, file_json_out
from sim.comparison import compare
from sim.errors import InputError
from sim.risk import ASSUMPTIONS, RiskReport, analyse, with_settings
from sim.scenario import Scenario, load_scenario
from sim.sweep.executors import open_executor

_OPTIONS = {
    "samples": "samples",
    "seed": "seed",
    "replications": "replications",
    "threshold": "saving_threshold",
}


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "risk",
        help=COMMANDS["risk"],
        description="Tornado of the saving, P10/P50/P90 bands over a Monte Carlo of the "
        "assumptions, and resilience shocks simulated with the rostered staff fixed.",
    )
    file_json_out(p, "write tables (CSV), JSON and charts to this folder")
    p.add_argument("--samples", type=int, help="Monte Carlo draws (default: risk.samples, 200)")
    p.add_argument("--seed", type=int, help="seed (default: risk.seed, else general.seed)")
    p.add_argument("--replications", type=int, help="simulated days per shock (default 10)")
    p.add_argument("--threshold", type=float, help="saving (FTE) whose shortfall odds to report")
    p.add_argument(
        "--range",
        action="append",
        default=[],
        metavar="NAME=LOW,HIGH",
        help=f"range of one assumption ({', '.join(ASSUMPTIONS)}); shift lengths as "
        "shift_lengths=8/8,6,4 (low/high lists)",
    )
    p.add_argument("--workers", type=int, help="local worker processes (default: one per CPU)")
    p.add_argument("--cluster", metavar="ADDRESS", help="Dask scheduler for the analytic runs")
    p.add_argument("--no-progress", action="store_true", help="no progress bars")
    p.set_defaults(run=run)


def _range(text: str) -> tuple[str, list]:
    name, sep, values = text.partition("=")
    name = name.strip()
    if not sep or name not in ASSUMPTIONS:
        raise InputError(
            f"--range: expected NAME=LOW,HIGH with NAME one of {', '.join(ASSUMPTIONS)}, "
            f"got {text!r}"
        )
    try:
        if name == "shift_lengths":
            ends = [[float(v) for v in side.split(",")] for side in values.split("/")]
        elif name == "target_period":
            ends = [v.strip() for v in values.split(",")]
        else:
            ends = [float(v) for v in values.split(",")]
    except ValueError:
        raise InputError(f"--range: {name}: values must be numbers, got {values!r}") from None
    if len(ends) != 2:
        raise InputError(f"--range: {name}: give a low and a high value, got {values!r}")
    return name, ends


def settings(scenario: Scenario, args: argparse.Namespace) -> Scenario:
    """The scenario with its ``[risk]`` table overridden by the command-line options."""
    edits = {key: getattr(args, option) for option, key in _OPTIONS.items()}
    edits = {key: value for key, value in edits.items() if value is not None}
    for text in args.range:
        name, ends = _range(text)
        edits[f"ranges.{name}"] = ends
    return with_settings(scenario, edits)


def _percent(value) -> str:
    return "-" if value is None else f"{value:.1%}"


def format_report(report: RiskReport) -> str:
    """Tornado, bands of the saving and resilience table as plain text."""
    data = report.to_dict()
    currency = data["currency"]
    lines = [data["scenario"], "", "Tornado: headcount saved by the centralised design (FTE)"]
    lines.append(f"  {'assumption':<28}{'low':>16}{'high':>16}{'at low':>10}{'at high':>10}")
    for row in data["tornado"]:
        low, high = (shown_input(row[end], row["unit"]) for end in ("low", "high"))
        at = [row[f"saving_headcount_{end}"] for end in ("low", "high")]
        shown = ["-" if v is None else f"{v:,.1f}" for v in at]
        lines.append(f"  {row['label']:<28}{low:>16}{high:>16}{shown[0]:>10}{shown[1]:>10}")
    bands = data["bands"]
    lines += [
        "",
        f"Bands over {bands['samples_used']} of {bands['samples']} draws "
        f"({bands['distribution']}, seed {bands['seed']})",
        f"  {'design':<22}{'figure':<22}{'base':>14}{'P10':>14}{'P50':>14}{'P90':>14}",
    ]
    for row in bands["figures"]:
        if row["figure"].startswith("saving_") or row["figure"] == "service_level":
            values = [row[k] for k in ("base", "p10", "p50", "p90")]
            shown = [
                _percent(v) if row["figure"] == "service_level" else f"{v:,.1f}" for v in values
            ]
            lines.append(
                f"  {row['design']:<22}{row['figure']:<22}" + "".join(f"{v:>14}" for v in shown)
            )
    for design, share in bands["probability_saving_below_threshold"].items():
        lines.append(f"  P(saving of {design} < {bands['saving_threshold']:g} FTE) = {share:.1%}")
    res = data["resilience"]
    lines += [
        "",
        f"Resilience on {res['day']} ({res['replications']} replications, seed {res['seed']}), "
        "mean +- 95 % half-width",
        f"  {'shock':<21}{'design':<22}{'service level':>18}{'abandoned':>18}{'calls lost':>20}",
    ]
    for row in res["shocks"]:
        sl = f"{_percent(row['service_level'])} +-{row['service_level_hw']:.1%}"
        ab = f"{_percent(row['abandon_rate'])} +-{row['abandon_rate_hw']:.1%}"
        lost = f"{row['calls_lost']:,.0f} +-{row['calls_lost_hw']:,.0f}"
        lines.append(f"  {row['shock']:<21}{row['design']:<22}{sl:>18}{ab:>18}{lost:>20}")
    lines.append(f"  (money in {currency} a year; calls lost = offered minus answered)")
    return "\n".join(lines)


def write_outputs(report: RiskReport, folder: Path) -> None:
    """Tables as CSV, ``risk.json`` and the charts (PNG) in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    report.tornado.to_csv(folder / "tornado.csv", index=False)
    report.bands.table.to_csv(folder / "bands.csv", index=False)
    report.bands.draws.to_csv(folder / "draws.csv", index=False)
    report.resilience.table.to_csv(folder / "resilience.csv", index=False)
    report.resilience.intervals.to_csv(folder / "resilience_intervals.csv", index=False)
    (folder / "risk.json").write_text(json.dumps(report.to_dict(), indent=2))
    (folder / "tornado.png").write_bytes(export(tornado_chart(report), "png"))
    for shock in report.resilience.table["shock"].unique():
        chart = resilience_by_interval(report, shock)
        (folder / f"resilience_{shock}.png").write_bytes(export(chart, "png"))


def run(args: argparse.Namespace) -> int:
    scenario = settings(load_scenario(args.file), args)
    comparison = compare(scenario)
    bars: list[tqdm] = []

    def shock_progress(done: int, total: int) -> None:
        if not bars:
            bars.append(tqdm(total=total, disable=args.no_progress, unit="shock", desc="shocks"))
        bars[0].update(1)

    with open_executor(args.workers, cluster=args.cluster) as executor:
        report = analyse(
            comparison,
            executor=executor,
            out=args.out,
            workers=args.workers,
            progress=not args.no_progress,
            shock_progress=shock_progress,
        )
    for bar in bars:
        bar.close()
    if args.out:
        write_outputs(report, args.out)
    print(json.dumps(report.to_dict(), indent=2) if args.json else format_report(report))
    return 0
