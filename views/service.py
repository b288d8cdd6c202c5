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
from views import state, ui

_KPIS = (
    ("service_level", "Service level", "{:.1%}"),
    ("abandon_rate", "Abandoned", "{:.1%}"),
    ("asa", "ASA (s)", "{:.1f}"),
    ("occupancy", "Occupancy", "{:.1%}"),
)


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
    for kpi, label, fmt in _KPIS:
        mean, hw = result.summary[kpi], result.summary[f"{kpi}_hw"]
        rows.append(
            {
                "figure": label,
                "Erlang (plan)": fmt.format(analytic[kpi]),
                "Simulated (mean)": fmt.format(mean),
                "95 % confidence interval": f"{fmt.format(mean - hw)} to {fmt.format(mean + hw)}",
            }
        )
    return pd.DataFrame(rows)


def _per_interval(comparison: Comparison, design: str, result) -> pd.DataFrame:
    plan = comparison.intervals[comparison.intervals["design"] == design]
    simulated = result.intervals
    table = plan[["pool", "interval", "time", "calls", "service_level"]].merge(
        simulated[["pool", "interval", "service_level", "service_level_hw"]],
        on=["pool", "interval"],
        suffixes=("_erlang", "_sim"),
    )
    table = table[table["calls"] > 0]
    low = (table["service_level_sim"] - table["service_level_hw"]).clip(lower=0.0)
    high = (table["service_level_sim"] + table["service_level_hw"]).clip(upper=1.0)
    return pd.DataFrame(
        {
            "pool": table["pool"],
            "time": table["time"],
            "calls": table["calls"],
            "Erlang SL": table["service_level_erlang"],
            "simulated SL": table["service_level_sim"],
            "sim low": low,
            "sim high": high,
            "outside": ~table["service_level_erlang"].between(low, high),
        }
    )


def _simulation_section(comparison: Comparison) -> None:
    st.subheader("Simulation check")
    simulate = getattr(sim.des, "simulate", None)
    if simulate is None:
        st.info("The discrete-event simulation is not available in this version yet.")
        return
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
    except ValueError as err:
        st.error(str(err))
        return
    name = ui.slug(comparison.scenario.general.name)
    ui.table(
        _side_by_side(comparison, design, result),
        f"{ui.design_label(design)}: Erlang figures of the plan beside the simulated ones, "
        f"mean of {result.replications} independent weeks (seed {result.seed}, {result.service} "
        "handle times) with the 95 % Student-t confidence interval.",
        f"{name}-simulation-{design}",
    )
    ui.table(
        _per_interval(comparison, design, result),
        "Per pool and interval with calls: the Erlang service level of the plan, the simulated "
        "mean and its 95 % confidence interval ('sim low' to 'sim high'); 'outside' marks "
        "intervals where the Erlang figure lies outside that interval (where SIPP misleads).",
        f"{name}-simulation-{design}-intervals",
        column_config={
            c: st.column_config.NumberColumn(format="percent")
            for c in ("Erlang SL", "simulated SL", "sim low", "sim high")
        }
        | {"calls": st.column_config.NumberColumn(format="%.1f")},
    )


comparison = state.results_or_stop()
scenario = comparison.scenario
designs = list(comparison.designs)
model = "Erlang A" if scenario.targets.model == "erlang_a" else "Erlang C"
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
