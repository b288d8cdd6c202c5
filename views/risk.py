"""Risk page: which assumptions move the saving, how sure it is, and the worst day.

The steering committee's questions after "how much do we save?": the tornado of the saving over
each assumption's range, the P10/P50/P90 bands of a Monte Carlo over all of them, and the
resilience table of every design under an outage, a surge, a low forecast and a closed hub,
simulated with the rostered staff fixed, with a per-interval chart of the shocked day. Everything
is computed by ``sim.risk.analyse`` on demand (it takes a while) and kept for the session.
"""

import pandas as pd
import streamlit as st

import sim.risk
from sim import charts
from sim.charts.risk import shown_input
from sim.errors import InputError
from sim.figures import FIGURES, risk_figure
from views import state, ui


def _report(comparison, samples: int, replications: int, threshold: float):
    """The risk analysis with these settings, run once per scenario and settings per session."""
    key = (comparison.scenario.digest(), samples, replications, threshold)
    reports = st.session_state.setdefault("risk_reports", {})
    if key not in reports:
        edits = {"samples": samples, "replications": replications, "saving_threshold": threshold}
        scenario = sim.risk.with_settings(comparison.scenario, edits)
        with st.spinner("Tornado, Monte Carlo and shocks ..."):
            reports[key] = sim.risk.analyse(state.comparison_of(scenario), progress=False)
    return reports[key]


def _tornado(report) -> pd.DataFrame:
    rows = []
    for row in report.tornado.to_dict("records"):
        shown = {"assumption": row["label"]}
        shown |= {end: shown_input(row[end], row["unit"]) for end in ("base", "low", "high")}
        for figure in ("saving_headcount", "saving_annual_cost", "service_level"):
            entry = risk_figure(figure)
            for end in ("low", "high"):
                shown[f"{entry.title(currency)} at {end}"] = entry.format(row[f"{figure}_{end}"])
        rows.append(shown)
    return pd.DataFrame(rows)


def _bands(report) -> pd.DataFrame:
    table = report.bands.table
    rows = []
    for row in table.to_dict("records"):
        entry = risk_figure(row["figure"])
        rows.append(
            {"design": ui.design_label(row["design"]), "figure": entry.title(currency)}
            | {k: entry.format(row[k]) for k in ("base", "p10", "p50", "p90")}
        )
    return pd.DataFrame(rows)


def _shocks(report) -> pd.DataFrame:
    table = report.resilience.table
    shown = table[["description", "design", "period", "location", "calls"]].copy()
    shown["design"] = shown["design"].map(ui.design_label)
    for key in ("service_level", "abandon_rate"):
        shown[FIGURES[key].label] = [
            f"{m:.1%} ± {h:.1%}" for m, h in zip(table[key], table[f"{key}_hw"], strict=True)
        ]
    shown["Calls lost"] = [
        f"{m:,.0f} ± {h:,.0f}"
        for m, h in zip(table["calls_lost"], table["calls_lost_hw"], strict=True)
    ]
    shown["note"] = table["note"]
    return shown


comparison = state.results_or_stop()
scenario = comparison.scenario
currency = scenario.general.currency
name = ui.slug(scenario.general.name)
defaults = scenario.risk_settings

st.title("Risk")
st.caption(
    f"{state.current_name()}: which assumptions move the saving, how sure it is, and what each "
    "design does on its worst day."
)
with st.form("risk"):
    left, middle, right = st.columns(3)
    samples = left.number_input(
        "Monte Carlo draws", min_value=2, max_value=2000, value=defaults.samples, step=10
    )
    replications = middle.number_input(
        "Simulated days per shock", min_value=2, max_value=50, value=defaults.replications
    )
    threshold = right.number_input(
        "Saving threshold (FTE)", value=float(defaults.saving_threshold), step=10.0
    )
    run = st.form_submit_button("Run risk analysis", icon=":material/play_arrow:")
key = (scenario.digest(), int(samples), int(replications), float(threshold))
if not run and key not in st.session_state.get("risk_reports", {}):
    st.info("Set the draws and replications, then run the analysis (about a minute for a week).")
    st.stop()
try:
    report = _report(comparison, *key[1:])
except InputError as err:
    st.error(str(err))
    st.stop()

st.subheader("What moves the saving")
ui.chart(
    (*key, "tornado"),
    lambda: charts.tornado_chart(report),
    "Headcount saved by the centralised design when one assumption moves to the low (blue) or "
    "high (orange) end of its range, the others at the scenario's values; widest swing on top, "
    "the vertical line is the scenario's own saving.",
    f"{name}-tornado",
)
ui.table(
    _tornado(report),
    "Per assumption: its range and the saving (FTE, %, money) and centralised service level at "
    "each end.",
    f"{name}-tornado-table",
    csv=report.tornado,
)

st.subheader("How sure it is")
bands = report.bands
cols = st.columns(len(bands.below) + 1)
cols[0].metric("Draws planned", f"{bands.used} of {bands.samples}")
for column, (design, share) in zip(cols[1:], bands.below.items(), strict=True):
    column.metric(f"P(saving < {bands.threshold:g} FTE), {ui.design_label(design)}", f"{share:.1%}")
ui.table(
    _bands(report),
    f"P10, P50 and P90 of every headline figure over {bands.used} Latin-hypercube draws "
    f"({bands.distribution} over each range, seed {bands.seed}): 9 in 10 draws save at least the "
    "P10 figure.",
    f"{name}-bands",
    csv=bands.table,
)

st.subheader("The worst day")
res = report.resilience
ui.table(
    _shocks(report),
    f"Each shock on {res.day} (the forecast error over the week), simulated with the rostered "
    f"staff fixed: mean of {res.replications} replications ± the 95 % half-width; calls lost = "
    "offered minus answered.",
    f"{name}-resilience",
    csv=res.table,
)
shocks = list(dict.fromkeys(res.table["shock"]))
shock = st.segmented_control("Shock", shocks, default="outage", key="risk-shock") or "outage"
ui.chart(
    (*key, "resilience", shock),
    lambda: charts.resilience_by_interval(report, shock),
    "Service level and calls lost per interval of the shocked day for each design, with the 95 % "
    "confidence band; dotted: the same day as planned.",
    f"{name}-resilience-{shock}",
)
