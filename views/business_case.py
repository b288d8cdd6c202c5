"""Business case page: the road from today's centres to the hub, in people and money.

Executives approve a consolidation on money and time: this page walks the scenario's roadmap
(``[plan]``) month by month with ``sim.plan.business_case``: the phases and waves as a Gantt
chart, the people each building pays over time, the monthly cost against staying as today with
the cumulative cash flow and the payback month, and the saving split into consolidation and
channel shift, with the month table and anything that does not hold (a hub short of staff or
over its seats, a month under the service floor).
"""

import streamlit as st

from sim import charts
from sim.errors import InputError
from sim.figures import FIGURES
from sim.plan import ATTRIBUTION
from views import state, ui

_MONTH_COLUMNS = (
    "people",
    "hires",
    "leavers",
    "service_level",
    "running_cost",
    "one_off_cost",
    "today_cost",
    "net_cash_flow",
    "cumulative_cash_flow",
)

comparison = state.results_or_stop()
scenario = comparison.scenario
name = ui.slug(scenario.general.name)
currency = scenario.general.currency

st.title("Business case")
st.caption(
    f"{state.current_name()}: people, service and money month by month, the payback month "
    "and the NPV."
)
if scenario.plan is None:
    st.info(
        "This scenario has no roadmap: add a `[plan]` table (waves of sites, costs, channels; "
        "see scenarios/README.md) or open the shipped **provincial_roadmap** scenario on the "
        "Scenario page."
    )
    st.stop()
try:
    case = state.business_case_of(comparison)
except InputError as err:
    state.show_problems(err.problems)
    st.stop()

key = (scenario.digest(), "plan")
payback = case.payback_month
cols = st.columns(4)
cols[0].metric(FIGURES["payback_month"].label, f"month {payback}" if payback else "none")
cols[1].metric(
    f"NPV at {case.discount_rate:.0%} a year ({currency})", FIGURES["npv"].format(case.npv)
)
for column, (source, value) in zip(cols[2:], case.savings_by_source.items(), strict=True):
    column.metric(f"Saved by {source.replace('_', ' ')} ({currency} a year)", f"{value:,.0f}")
for finding in case.findings:
    st.warning(finding.message)

st.subheader("The roadmap")
ui.chart(
    (*key, "waves"),
    lambda: charts.waves_gantt(case),
    "The programme's phases (grey) and each wave of sites: recruiting ahead of it (light), its "
    "hand-over month and the double running that follows (hatched).",
    f"{name}-plan-waves",
)
st.subheader("People over time")
ui.chart(
    (*key, "people"),
    lambda: charts.people_over_time(case),
    "Persons on the payroll each month at every site and at the hub: recruits in training "
    "before their wave, the learning curve's extra agents and double running included.",
    f"{name}-plan-people",
)
st.subheader("Money over time")
ui.chart(
    (*key, "cash"),
    lambda: charts.cash_flow_chart(case),
    f"Running and one-off cost of each month against staying as today ({currency} a month), "
    "and the cumulative net cash flow with the payback month; the NPV discounts month m by "
    "(1 + i)^m with i the monthly rate of the yearly discount rate.",
    f"{name}-plan-cash-flow",
)
st.subheader("Where the saving comes from")
ui.chart(
    (*key, "sources"),
    lambda: charts.savings_by_source_chart(case),
    f"The steady-state saving a year by source, {ATTRIBUTION}.",
    f"{name}-plan-savings-by-source",
)
months = case.months[list(_MONTH_COLUMNS)].copy()
months["service_level"] *= 100.0
shown = months.rename(columns={c: FIGURES[c].title(currency) for c in FIGURES.keys() & set(months)})
ui.table(
    shown.round(1),
    "Month by month: people, hires and leavers, call-weighted service level, running and "
    "one-off costs, today's cost and the cash flow (the CSV holds every cost line).",
    f"{name}-plan-months",
    hide_index=False,
    csv=case.months,
)
ui.table(
    case.waves,
    "The waves: sites, their calls a week and people, and the hub after.",
    f"{name}-plan-waves-table",
)
