"""Service levels page: service interval by interval, the pooling effect, the simulation check.

Planners distrust a weekly average: the board wants to know that Monday 10:00 still meets 80/20.
This page shows the Erlang service level and abandonment of every interval for each design, the
service-level-against-agents curves that make the pooling effect visible, and, on demand, the
discrete-event simulation of a design whose achieved KPIs (with 95 % confidence intervals) sit
beside the Erlang figures.
"""

import pandas as pd
import streamlit as st

import sim.des
from sim import charts
from sim.comparison import Comparison
from sim.errors import InputError
from sim.figures import FIGURES
from views import state, ui

_KPIS = ("service_level", "abandon_rate", "asa", "occupancy")


def _simulated(comparison: Comparison, design: str, replications: int, service: str):
    """The simulation of ``design``, run once per scenario and settings in this session."""
    key = (comparison.scenario.digest(), design, replications, service)
    runs = st.session_state.setdefault("simulations", {})
    if key not in runs:
        bar = st.progress(0.0, text="Simulating ...")

        def progress(done: int, total: int) -> None:
            bar.progress(done / total, text=f"Simulating: {done} of {total} replications")

        runs[key] = sim.des.simulate(
            comparison.scenario,
            comparison.designs[design],
            replications=replications,
            service=service,
            progress=progress,
        )
        bar.empty()
    return runs[key]


def _side_by_side(comparison: Comparison, design: str, result) -> pd.DataFrame:
    analytic = comparison.summary.loc[design]
    rows = []
    for kpi in _KPIS:
        entry = FIGURES[kpi]
        mean, hw = result.summary[kpi], result.summary[f"{kpi}_hw"]
        rows.append(
            {
                "figure": entry.title(),
                "Erlang (plan)": entry.format(analytic[kpi]),
                "Simulated (mean)": entry.format(mean),
                "95 % half-width": entry.format(hw),
            }
        )
    return pd.DataFrame(rows)


def _per_interval(referee: pd.DataFrame) -> pd.DataFrame:
    """The library's side-by-side table, the columns a planner reads, with calls only."""
    table = referee[referee["calls"] > 0]
    return table[
        [
            "pool",
            "time",
            "calls",
            "service_level_analytic",
            "service_level_sim",
            "service_level_hw",
            "checked",
            "disagree",
        ]
    ]


def _simulation_section(comparison: Comparison) -> None:
    st.subheader("Simulation check")
    st.caption(
        "The Erlang formulas treat each interval as a steady queue; the simulation plays the "
        "week call by call with the rostered agents (shift starts and ends, callers hanging up, "
        "overflow) and reports what service is actually achieved."
    )
    designs = list(comparison.designs)
    with st.form("simulation"):
        left, middle, right = st.columns(3)
        design = left.selectbox(
            "Design", designs, index=designs.index("centralised"), format_func=ui.design_label
        )
        replications = middle.number_input(
            "Replications (independent weeks)", min_value=2, max_value=50, value=5, step=1
        )
        service = right.selectbox(
            "Handle-time distribution",
            ["exponential", "lognormal"],
            help="Lognormal uses each line's AHT variability (aht_cv).",
        )
        run = st.form_submit_button("Run simulation", icon=":material/play_arrow:")
    key = (comparison.scenario.digest(), design, replications, service)
    if not run and key not in st.session_state.get("simulations", {}):
        return
    try:
        result = _simulated(comparison, design, int(replications), service)
    except InputError as err:
        st.error(str(err))
        return
    referee = sim.des.side_by_side(comparison.scenario, comparison.designs[design], result)
    found = sim.des.referee_summary(referee)
    name = ui.slug(comparison.scenario.general.name)
    ui.table(
        _side_by_side(comparison, design, result),
        f"{ui.design_label(design)}: Erlang figures of the plan beside the simulated ones, "
        f"mean of {result.replications} independent weeks (seed {result.seed}, {result.service} "
        "handle times) with the half-width of the 95 % Student-t confidence interval.",
        f"{name}-simulation-{design}",
    )
    left, right = st.columns(2)
    left.metric(
        "Pool-intervals where the Erlang figure lies outside the simulated interval",
        f"{found['flagged_intervals']} of {found['checked_intervals']}",
        help="Only pool-intervals with 20 expected calls or more are judged; a KPI is off when "
        "the Erlang figure lies outside the 95 % interval by more than a planner's tolerance "
        "(sim.des.side_by_side).",
    )
    right.metric(
        "Worst simulated interval service level",
        FIGURES["service_level"].format(found["worst_simulated_service_level"]),
        help=f"{found['worst_pool']} at {found['worst_time']}, among the judged pool-intervals.",
    )
    ui.table(
        _per_interval(referee),
        "Per pool and interval with calls: the Erlang service level of the plan, the simulated "
        "mean and the half-width of its 95 % confidence interval; 'checked' marks intervals "
        "with enough calls to be judged, 'disagree' those where any Erlang KPI lies outside the "
        "simulated interval by more than the tolerance (where SIPP misleads).",
        f"{name}-simulation-{design}-intervals",
        column_config={
            c: st.column_config.NumberColumn(format="percent")
            for c in ("service_level_analytic", "service_level_sim", "service_level_hw")
        }
        | {"calls": st.column_config.NumberColumn(format="%.1f")},
    )


comparison = state.results_or_stop()
scenario = comparison.scenario
designs = list(comparison.designs)
model = comparison.model.label
name = ui.slug(scenario.general.name)

st.title("Service levels")
st.caption(f"{state.current_name()}: service per interval, the pooling effect, the simulation.")

shown = st.multiselect(
    "Designs", designs, default=designs, format_func=ui.design_label, key="service-designs"
)
if shown:
    ui.chart(
        (scenario.digest(), "service_by_interval", tuple(shown)),
        lambda: charts.service_by_interval(comparison, designs=shown),
        f"Call-weighted service level (share of all offered calls answered within "
        f"{scenario.targets.threshold:g} s) and abandonment in every interval, from {model} at "
        "the rostered staffing; the dashed lines are the targets.",
        f"{name}-service-by-interval",
    )
else:
    st.info("Pick at least one design to draw.")

st.subheader("The pooling effect")
pooled = ui.pick_design(designs[1:], key="service-pooled")
ui.chart(
    (scenario.digest(), "pooling_curve", pooled),
    lambda: charts.pooling_curve(comparison, design=pooled),
    f"Service level against agents per Erlang of load ({model}) in a busy interval, for a "
    f"typical site's own queue and for the {ui.design_label(pooled).lower()} pool: the big pool "
    "reaches the target with fewer agents per Erlang, which is the pooling saving.",
    f"{name}-pooling-{pooled}",
)

interval_columns = ["design", "pool", "time", "calls", "service_level", "abandon_rate", "asa"]
busy = comparison.intervals[comparison.intervals["calls"] > 0]
ui.table(
    busy[interval_columns].assign(design=busy["design"].map(ui.design_label)),
    f"Per design, pool and interval with calls (scenario clock): offered calls and the {model} "
    "service level, abandonment and ASA (s) at the rostered staffing.",
    f"{name}-service-intervals",
    column_config={
        "calls": st.column_config.NumberColumn("calls", format="%.1f"),
        "service_level": st.column_config.NumberColumn("service level", format="percent"),
        "abandon_rate": st.column_config.NumberColumn("abandoned", format="percent"),
        "asa": st.column_config.NumberColumn("ASA (s)", format="%.1f"),
    },
)
_simulation_section(comparison)
