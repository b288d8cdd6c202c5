"""``python -m sim plan FILE``: the business case over time of a scenario's ``[plan]``.

Prints, month by month, the people on the payroll, the service level, the running and one-off
costs and the cash flow against staying as today, then the payback month, the NPV, the steady
state (``compare``'s centralised design) and the saving split by source; or one JSON object
(``--json``). ``--out DIR`` writes every table as CSV and the JSON.
"""

import argparse
from pathlib import Path

from sim.cli import COMMANDS, file_json_out
from sim.figures import FIGURES
from sim.outputs import json_text, report
from sim.plan import ATTRIBUTION, BusinessCase, business_case
from sim.scenario import load_scenario

_COLUMNS = (
    ("people", "people", "{:>9,.0f}"),
    ("hires", "hires", "{:>8,.0f}"),
    ("leavers", "leavers", "{:>8,.0f}"),
    ("service_level", "service", "{:>9.1%}"),
    ("running_cost", "running", "{:>14,.0f}"),
    ("one_off_cost", "one-off", "{:>14,.0f}"),
    ("net_cash_flow", "net", "{:>14,.0f}"),
    ("cumulative_cash_flow", "cumulative", "{:>15,.0f}"),
)


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "plan",
        help=COMMANDS["plan"],
        description="Walk a scenario's [plan] month by month: people, service, costs, cash "
        "flow, payback month, NPV and the saving by source.",
    )
    file_json_out(p, "write the tables as CSV and the JSON to this folder")
    p.set_defaults(run=run)


def format_case(case: BusinessCase) -> str:
    """The month table, the headline and the findings as plain text."""
    currency = case.scenario.general.currency
    head = "".join(f"{title:>{len(fmt.format(0))}}" for _, title, fmt in _COLUMNS)
    lines = [
        f"{case.scenario.general.name}: the business case over {len(case.months)} months "
        f"(money in {currency} a month)",
        "",
        f"{'month':>5}" + head,
    ]
    for month, row in case.months.iterrows():
        lines.append(f"{month:>5}" + "".join(fmt.format(row[key]) for key, _, fmt in _COLUMNS))
    payback = case.payback_month
    lines += [
        "",
        f"{FIGURES['payback_month'].label:<34}"
        + (f"month {payback}" if payback else "not within the plan"),
        f"{FIGURES['npv'].label + f' at {case.discount_rate:.0%} a year':<34}"
        f"{case.npv:,.0f} {currency}",
        "",
        "Steady state at today's volumes (compare's centralised design)",
    ]
    for key, value in case.steady_state.items():
        lines.append(f"  {FIGURES[key].title(currency):<32}{FIGURES[key].format(value):>16}")
    lines += ["", f"Saving by source ({currency} a year at the steady state)"]
    for source, value in case.savings_by_source.items():
        lines.append(f"  {source.replace('_', ' '):<32}{value:>16,.0f}")
    lines.append(f"  ({ATTRIBUTION})")
    lines += ["", "Findings"] + [f"  {f.message}" for f in case.findings]
    if not case.findings:
        lines.append(
            "  none: every site staffed, the hub within its seats, every month above "
            "the service floor"
        )
    return "\n".join(lines)


def write_outputs(case: BusinessCase, folder: Path) -> None:
    """Every table as CSV (``months``, ``people``, ``service``, ``waves``, ``phases``,
    ``savings_by_source``, ``findings``) and ``plan.json`` in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    case.months.to_csv(folder / "months.csv")
    case.people.to_csv(folder / "people.csv")
    case.service.to_csv(folder / "service.csv")
    case.waves.to_csv(folder / "waves.csv", index=False)
    case.phases.to_csv(folder / "phases.csv", index=False)
    case.savings_table().to_csv(folder / "savings_by_source.csv", index=False)
    case.findings_table().to_csv(folder / "findings.csv", index=False)
    (folder / "plan.json").write_text(json_text(case.to_dict()))


def run(args: argparse.Namespace) -> int:
    scenario = load_scenario(args.file)
    return report(args, lambda: business_case(scenario), write_outputs, format_case)
