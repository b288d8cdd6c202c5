"""Headcount page: agents needed per interval, the roster that covers them, and people per building.

HR and the site managers ask who works where after the move: this page shows the agents each
design needs interval by interval (stacked by pool or site) against the whole shifts rostered to
cover them, then agent FTE and support roles per site today and per hub after, as charts and as
before/after tables.
"""

import streamlit as st

from sim import charts
from views import state, ui

_LOCATION_FIGURES = (
    "agents_fte",
    "support_fte",
    "headcount",
    "headcount_people",
    "paid_hours",
    "annual_cost",
)
_ROSTER_FIGURES = (
    "required_agent_hours",
    "agent_hours_on_phones",
    "paid_hours",
    "roster_efficiency",
    "shifts",
    "roster_gap",
    "agents_scheduled_fte",
    "headcount_people",
)


def _locations(design: str):
    table = comparison.locations[comparison.locations["design"] == design]
    support = [c for c in table.columns if c.startswith("support_") and c != "support_fte"]
    labels = {"location": "Location", "kind": "Kind"} | {
        c: c.removeprefix("support_").replace("_", " ") for c in support
    }
    return table[["location", "kind", *_LOCATION_FIGURES, *support]].rename(columns=labels)


comparison = state.results_or_stop()
scenario = comparison.scenario
designs = list(comparison.designs)
name = ui.slug(scenario.general.name)
currency = scenario.general.currency
shrinkage = scenario.workforce.shrinkage

st.title("Headcount")
st.caption(f"{state.current_name()}: agents per interval, rostered staff and people per location.")

design = ui.pick_design(designs, key="headcount-design", label="Design")
ui.chart(
    (scenario.digest(), "agents_by_interval", design),
    lambda: charts.agents_by_interval(comparison, design),
    f"{ui.design_label(design)}: agents that must be logged in per interval to meet the targets "
    "(Erlang staffing plus minimum cover), stacked by pool, and the line of agents the whole "
    "shifts of the roster provide; the gap is the price of fixed shift lengths.",
    f"{name}-agents-{design}",
)
roster = comparison.summary[list(_ROSTER_FIGURES)]
roster.index = [ui.design_label(d) for d in roster.index]
ui.table(
    roster,
    "Rostered staff against need per design: agent-hours needed over the horizon, agent-hours "
    "on the phones and paid hours of the weekly tours per week, their fit, shifts, the stated "
    f"gap, the agent FTE the paid hours make with {shrinkage:.0%} shrinkage, and people beside "
    "FTE (whole persons per contract, part-timers counting one each).",
    f"{name}-roster",
    hide_index=False,
    column_config=ui.figure_columns(_ROSTER_FIGURES, currency),
)

st.subheader("People per location")
ui.chart(
    (scenario.digest(), "headcount_by_location"),
    lambda: charts.headcount_by_location(comparison),
    f"Agent FTE (paid tour hours grossed up for {shrinkage:.0%} shrinkage and "
    f"{scenario.workforce.hours_per_fte_week:g}-hour contracts) plus support roles per site "
    "today and per hub in each design, on one scale.",
    f"{name}-headcount-by-location",
)
config = ui.figure_columns(_LOCATION_FIGURES, currency, table="locations")
st.markdown("**Before: today's scattered sites**")
ui.table(
    _locations("scattered"),
    "Per site today: agent FTE, support roles (FTE), headcount in FTE and in people, paid hours "
    "and cost per year.",
    f"{name}-locations-scattered",
    column_config=config,
)
after_design = designs[1] if design == "scattered" else design
st.markdown(f"**After: {ui.design_label(after_design)}**")
ui.table(
    _locations(after_design),
    "Per location after the move, with the same rules for support roles and cost.",
    f"{name}-locations-{after_design}",
    column_config=config,
)
