"""Compare scenarios page: several scenarios and their designs side by side in one table and chart.

The steering committee weighs one national centre against three regional hubs against a virtual
network, or the same design under another forecast. Each scenario runs through the same analytic
pipeline (cached, so a scenario already opened costs nothing); the table and the small-multiples
chart put every design of every chosen scenario on one line each.
"""

import streamlit as st

from sim import charts
from sim.comparison import SCENARIO_COLUMNS, scenarios_table
from sim.figures import FIGURES
from sim.scenario import ScenarioError
from views import state, ui

OPEN = "__open__"


def _label(key: str) -> str:
    if key == OPEN:
        return f"Open scenario: {state.current_name()}"
    return f"{state.shipped_scenario(key).general.name} ({key}.toml)"


def _short(key: str) -> str:
    """A scenario's name up to its first colon; the open scenario is marked as such."""
    if key == OPEN:
        return f"open: {state.current_name().split(':')[0]}"
    return state.shipped_scenario(key).general.name.split(":")[0]


def _comparison(key: str):
    return state.current() if key == OPEN else state.comparison_of(state.shipped_scenario(key))


st.title("Compare scenarios")
st.caption(
    "Every design of each chosen scenario on one line; the open scenario includes your edits. "
    "A scenario not opened before takes a few seconds the first time."
)
keys = st.multiselect(
    "Scenarios", [OPEN, *state.shipped()], default=[OPEN], format_func=_label, key="compare-keys"
)
if not keys:
    st.info("Pick at least one scenario.")
    st.stop()
try:
    comparisons = {_short(key): _comparison(key) for key in keys}
except ScenarioError as err:
    state.show_problems(err.problems)
    st.stop()

table = scenarios_table(comparisons)
currencies = sorted(set(table["currency"]))
choices = [c for c in SCENARIO_COLUMNS if c != "annual_cost" or len(currencies) == 1]
metrics = st.multiselect(
    "Figures to chart",
    choices,
    default=[m for m in ("headcount_total", "annual_cost", "service_level") if m in choices],
    format_func=lambda m: FIGURES[m].title(),
    key="compare-metrics",
    help="Annual cost can be charted only when every scenario uses the same currency.",
)
if metrics:
    ui.chart(
        (
            "compare",
            *(state.current().scenario.digest() if k == OPEN else k for k in keys),
            *metrics,
        ),
        lambda: charts.compare_designs(
            table[metrics], metrics, name="Scenarios compared", currency=currencies[0]
        ),
        "Headline figures of every design of the chosen scenarios (analytic Erlang staffing, "
        "rostered shifts, each scenario with its own targets and workforce rules).",
        "scenarios-compared",
    )
ui.table(
    table,
    "One line per scenario and design: headcount (FTE), saving against the scenario's own "
    "scattered centres (%), call-weighted service level, abandonment, ASA (s), occupancy and "
    "annual cost in the scenario's currency.",
    "scenarios-compared",
    hide_index=False,
    column_config=ui.figure_columns(
        ["saved_percent", *SCENARIO_COLUMNS], currencies[0] if len(currencies) == 1 else None
    ),
)
