"""Compare scenarios page: several scenarios and their designs side by side in one table and chart.

The steering committee weighs one national centre against three regional hubs against a virtual
network, or the same design under another forecast. Each scenario runs through the same analytic
pipeline (cached, so a scenario already opened costs nothing); the table and the small-multiples
chart put every design of every chosen scenario on one line each.
"""

import pandas as pd
import streamlit as st

from sim import charts
from sim.charts.designs import METRICS
from sim.scenario import ScenarioError
from views import state, ui

OPEN = "__open__"
_COLUMNS = (
    "headcount_total",
    "agents_scheduled_fte",
    "support_fte",
    "service_level",
    "abandon_rate",
    "asa",
    "occupancy",
    "annual_cost",
)


def _label(key: str) -> str:
    if key == OPEN:
        return f"Open scenario: {state.current_name()}"
    return f"{state.shipped_scenario(key).general.name} ({key}.toml)"


def _rows(key: str, alone: bool) -> pd.DataFrame:
    """Summary rows of one scenario; named by design alone when it is the only scenario (so the
    chart keeps the fixed colours of scattered and centralised), else "scenario / Design"."""
    comparison = (
        state.current() if key == OPEN else state.comparison_of(state.shipped_scenario(key))
    )
    scenario = comparison.scenario
    table = comparison.summary[list(_COLUMNS)].copy()
    saved = comparison.savings["percent"].reindex(table.index).fillna(0.0)
    table.insert(0, "saving_percent", saved)
    table.insert(0, "currency", scenario.general.currency)
    if not alone:
        short = _short(scenario.general.name)
        table.index = [f"{short} / {ui.design_label(design)}" for design in table.index]
    table.index.name = "design" if alone else "scenario / design"
    return table


def _short(name: str) -> str:
    return name.split(":")[0]


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
    table = pd.concat([_rows(key, alone=len(keys) == 1) for key in keys])
except ScenarioError as err:
    state.show_problems(err.problems)
    st.stop()

currencies = sorted(set(table["currency"]))
choices = [c for c in _COLUMNS if c != "annual_cost" or len(currencies) == 1]
metrics = st.multiselect(
    "Figures to chart",
    choices,
    default=[m for m in ("headcount_total", "annual_cost", "service_level") if m in choices],
    format_func=lambda m: METRICS[m][0],
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
    column_config={
        "saving_percent": st.column_config.NumberColumn("saving (%)", format="%.1f"),
        "headcount_total": st.column_config.NumberColumn("headcount", format="%,.1f"),
        "agents_scheduled_fte": st.column_config.NumberColumn("agent FTE", format="%,.1f"),
        "support_fte": st.column_config.NumberColumn("support FTE", format="%,.1f"),
        "service_level": st.column_config.NumberColumn("service level", format="percent"),
        "abandon_rate": st.column_config.NumberColumn("abandoned", format="percent"),
        "asa": st.column_config.NumberColumn("ASA (s)", format="%.1f"),
        "occupancy": st.column_config.NumberColumn("occupancy", format="percent"),
        "annual_cost": st.column_config.NumberColumn("annual cost", format="%,.0f"),
    },
)
