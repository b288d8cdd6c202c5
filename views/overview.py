"""Overview page: what centralising does to headcount, cost and service, and why.

The one screen a planner shows the board: people today and after, the saving in people, per cent
and money, service level and abandonment both ways, and the waterfall that splits the saving into
its causes (pooling, time-zone peaks, minimum cover, support roles, roster fit, handle-time change).
"""

import streamlit as st

import sim.des
from sim import charts
from views import state, ui

comparison = state.results_or_stop()
scenario = comparison.scenario
summary, savings = comparison.summary, comparison.savings
currency = scenario.general.currency
model = comparison.model.label

st.title("Overview")
st.caption(f"{state.current_name()}: today's scattered centres against a consolidated design.")
design = ui.pick_design(list(savings.index), key="overview-design")
label = ui.design_label(design)
ui.headline(comparison, design, service=True)
st.caption(
    f"Headcount is in FTE: rostered agents grossed up for {scenario.workforce.shrinkage:.0%} "
    f"shrinkage and {scenario.workforce.hours_per_fte_week:g}-hour contracts, plus support roles. "
    f"Service level is the call-weighted share of all offered calls answered within "
    f"{scenario.targets.threshold:g} s ({model}, at the rostered staffing). Every design is "
    "staffed to the same targets in every interval; service above the target comes from whole "
    "agents, whole shifts and minimum cover, which over-serve the quieter intervals."
)
st.info(
    "**Assumptions behind these figures**\n\n"
    + "\n".join(f"- {note}" for note in comparison.assumption_notes())
)

simulated = {
    key: run
    for key, run in st.session_state.get("simulations", {}).items()
    if key[0] == scenario.digest()
}
if simulated:
    st.markdown("**What the simulation says** (runs from the Service levels page)")
    for (_, sim_design, replications, service), run in simulated.items():
        found = sim.des.referee_summary(
            sim.des.side_by_side(scenario, comparison.designs[sim_design], run)
        )
        st.markdown(
            f"- {ui.design_label(sim_design)} ({replications} simulated weeks, {service} handle "
            f"times): the Erlang figure lies outside the simulated interval in "
            f"{found['flagged_intervals']} of {found['checked_intervals']} pool-intervals "
            f"({found['flagged_share']:.0%}); worst simulated interval "
            f"{found['worst_simulated_service_level']:.1%} ({found['worst_pool']}, "
            f"{found['worst_time']})."
        )
else:
    st.caption(
        "No simulation has run for this scenario yet: the figures are analytic (SIPP, one "
        "steady queue per interval). Run one on the Service levels page to see where they hold."
    )

st.subheader("Where the saving comes from")
ui.chart(
    (scenario.digest(), "savings_waterfall", design),
    lambda: charts.savings_waterfall(comparison, design=design),
    f"From today's headcount to the {label.lower()} one, cause by cause: pooling queues "
    f"({model} staffing of one big queue instead of many small ones), time-zone peaks, "
    "minimum cover, support roles, roster fit and handle-time change; the steps add up exactly "
    "to the saving (FTE).",
    f"{ui.slug(scenario.general.name)}-savings-{design}",
)

st.subheader("Headline figures")
ui.table(
    ui.summary_table(summary, currency),
    "Every design of the scenario with the same targets and workforce rules; service figures "
    "are call-weighted over the week at the rostered staffing.",
    f"{ui.slug(scenario.general.name)}-summary",
    hide_index=False,
    csv=summary,
)
ui.table(
    savings.rename(index=ui.design_label),
    "Savings against today's scattered centres: in FTE, as a share of today's headcount and "
    f"in {currency} a year, then by cause (FTE; the causes add up to the FTE saved).",
    f"{ui.slug(scenario.general.name)}-savings",
    hide_index=False,
    column_config=ui.figure_columns(savings.columns, currency, table="savings"),
)

st.subheader("Today's sites: modelled and measured")
ui.table(
    comparison.baseline,
    "Each of today's sites as the model staffs it beside the headcount the file reports "
    "(current_headcount, where given; gap = measured - modelled), with the modelled roster "
    "efficiency and occupancy; a warning marks a modelled site that looks unlike a real centre "
    "(roster efficiency under 80 % or occupancy under 50 %), which inflates the saving.",
    f"{ui.slug(scenario.general.name)}-baseline",
    column_config=ui.figure_columns(["roster_efficiency", "occupancy"], currency)
    | {
        c: st.column_config.NumberColumn(format="%,.1f")
        for c in ("modelled_headcount", "current_headcount", "gap")
    },
)
