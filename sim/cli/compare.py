"""``python -m sim compare FILE``: scattered vs centralised, with the savings by cause."""

import argparse
from pathlib import Path

from sim.cli import COMMANDS, engines, file_json_out
from sim.cli.tables import summary_lines
from sim.comparison import CAUSES, Comparison, compare
from sim.figures import figure
from sim.outputs import check_folder, json_text, report, writing
from sim.scenario import load_scenario

_SUMMARY_KEYS = (
    "agents_scheduled_fte",
    "support_fte",
    "headcount_total",
    "headcount_people",
    "paid_hours",
    "agent_hours_on_phones",
    "headcount_total_uncapped",
    "service_level",
    "abandon_rate",
    "asa",
    "occupancy",
    "roster_efficiency",
    "talk_hours_per_shift",
    "annual_cost",
)


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "compare",
        help=COMMANDS["compare"],
        description="Run every design of a scenario file and explain the savings.",
    )
    file_json_out(p, "write the tables as CSV and the JSON to this folder")
    engines.add_engine_arguments(p)
    p.set_defaults(run=run)


def format_comparison(result: Comparison) -> str:
    """The summary table and the savings breakdown as plain text."""
    summary = result.summary
    names = list(summary.index)
    width = max(12, *(len(n) for n in names))
    lines = [result.scenario.general.name, ""]
    currency = result.scenario.general.currency
    lines += summary_lines(
        _SUMMARY_KEYS, names, width, lambda n, key: summary.loc[n, key], currency
    )
    lines += ["", "Assumptions"] + [f"  {note}" for note in result.assumption_notes()]
    for name, row in result.savings.iterrows():
        lines += ["", f"Savings of {name} vs scattered (headcount, FTE)"]
        for cause in CAUSES:
            lines.append(f"  {figure(cause, table='savings').label:<22}{row[cause]:>10.1f}")
        lines.append(f"  {'total':<22}{row['headcount']:>10.1f}  ({row['percent']:.1f}%)")
        if "headcount_vs_measured" in row:
            lines.append(
                f"  {'vs measured today':<22}{row['headcount_vs_measured']:>10.1f}  "
                f"({row['percent_vs_measured']:.1f}%)"
            )
        lines.append(f"  {'annual cost saved':<22}{row['annual_cost']:>14,.0f} {currency}")
    return "\n".join(lines)


def write_outputs(result: Comparison, folder: Path) -> None:
    """CSV files of every table (``tours.csv``: one row per person and working day, see
    ``Comparison.tours``) plus ``comparison.json`` in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    result.intervals.to_csv(folder / "intervals.csv", index=False)
    result.tours().to_csv(folder / "tours.csv", index=False)
    result.locations.to_csv(folder / "locations.csv", index=False)
    result.summary.to_csv(folder / "summary.csv")
    result.savings.to_csv(folder / "savings.csv")
    (folder / "comparison.json").write_text(json_text(result.to_dict()))


def run(args: argparse.Namespace) -> int:
    scenario = load_scenario(args.file)
    if args.engine == "analytic":
        return report(args, lambda: compare(scenario), write_outputs, format_comparison)
    if args.out:
        check_folder(args.out)
    result = compare(scenario)
    sims = engines.run_simulations(result, args)
    referee = engines.referee_tables(result, sims) if args.engine == "both" else None
    if args.out:
        with writing(args.out):
            write_outputs(result, args.out)
            engines.write_simulations(sims, referee, args.out)
    if args.json:
        print(json_text({**result.to_dict(), "simulation": engines.simulation_dict(sims, referee)}))
    else:
        print(format_comparison(result) + "\n" + engines.format_simulations(sims, referee))
    return 0
