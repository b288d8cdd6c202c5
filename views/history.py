"""History page: start from the planner's own ACD data and check the model against it.

A planner uploads the interval report of their ACD (CSV or Excel, one row per site, queue and 15-
or 30-minute interval), or takes the shipped synthetic demonstration set, and sees what the import
made of it, the calibration (the model on the real staffing against the measured service level and
abandonment, per site and per interval) and today's design as measured beside today's as modelled;
then continues to the comparison from the imported scenario. The page formats; ``sim.history``
computes.
"""

import tempfile
from pathlib import Path

import streamlit as st

from sim.errors import InputError
from sim.history import summarise
from sim.history.calibrate import calibrate
from sim.history.derive import import_history
from sim.scenario import HistorySource
from views import state, ui

DEMO = Path(__file__).resolve().parents[1] / "data" / "demo_history_synthetic.csv.gz"
_SITE_FIGURES = (
    "measured_service_level",
    "modelled_service_level",
    "bias",
    "mae",
    "measured_abandon_rate",
    "modelled_abandon_rate",
    "patience",
)


@st.cache_data(show_spinner="Reading the history and calibrating ...", max_entries=4)
def _imported(name: str, data: bytes, week: str, growth: float, utc_offset, base: str | None):
    """Scenario text, notes, summary and calibration tables of an uploaded history file."""
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / name).write_bytes(data)
        source = HistorySource(file=name, week=week, utc_offset=utc_offset)
        history, scenario, notes = import_history(
            folder,
            source,
            growth=growth,
            base=state.shipped_scenario(base) if base else None,
        )
        result = calibrate(history, scenario) if all(history.has.values()) else None
    return scenario.to_toml(), notes, summarise(history), result


st.title("History")
st.caption(
    "Start from your own interval history: volumes, weekly shapes, handle time and patience per "
    "site and line come from the file, and the model is checked against what really happened."
)
left, right = st.columns(2)
upload = left.file_uploader(
    "Interval history (CSV, .csv.gz or .xlsx)",
    type=["csv", "gz", "xlsx"],
    help="Columns per site, line and interval start: offered, answered, abandoned, answered "
    "within the threshold, AHT, waiting time (total, or ASA and mean time to abandon), staffed "
    "agents. English and Chinese names are recognised (呼入量, 接通量, 放弃量, ...).",
)
use_demo = left.toggle(
    "Use the demonstration data set (synthetic: eight weeks of the provincial scenario's ten "
    "cities, made by the simulation)",
    key="history-demo",
)
week = right.text_input("Week to plan on", "average", help="average, YYYY-MM-DD or p90")
growth = right.number_input("Volume growth", -0.5, 2.0, 0.0, 0.01, format="%.2f")
offset = right.number_input(
    "UTC offset of timestamps written without one (hours)", -12.0, 14.0, 8.0, 0.5
)
base = right.selectbox(
    "Costs, rules and designs from", [None, *state.shipped()], format_func=lambda n: n or "defaults"
)

if upload is not None:
    name, data = upload.name, upload.getvalue()
elif use_demo:
    name, data = DEMO.name, DEMO.read_bytes()
else:
    st.info("Upload a history file or use the demonstration data set.")
    st.stop()

try:
    text, notes, summary, result = _imported(name, data, week, growth, offset, base)
except InputError as err:
    state.show_problems(err.problems, "The history cannot be used")
    st.stop()

st.subheader("What the import found")
st.markdown("\n".join(f"- {note}" for note in notes))
ui.table(
    summary,
    "Per site and line over the whole history: the average week's calls, measured service "
    "level and abandonment, handle time, and patience with its 95 % interval (total waiting "
    "time over abandoned calls).",
    "history_summary",
    column_config=ui.figure_columns(["service_level", "abandon_rate", "patience"], ""),
)

if result is None:
    st.warning(
        "The file has no staffed agents or no answered-within-threshold counts: the model cannot "
        "be calibrated against it."
    )
else:
    st.subheader("Calibration")
    st.caption(
        f"{result.model} on the agents who were logged in, with each interval's expected volume "
        "(the history's average for that interval of the week, not its realised count, which "
        "would pull the modelled service level a few points low)."
    )
    sites = result.sites.set_index(["site", "line"])
    ui.table(
        sites[[*_SITE_FIGURES, "verdict"]],
        "Per site and line, call-weighted over the intervals with staffed agents.",
        "calibration_sites",
        column_config=ui.figure_columns(_SITE_FIGURES, ""),
        hide_index=False,
    )
    site = st.selectbox("Site", list(result.sites["site"].unique()), key="history-site")
    shown = result.intervals[result.intervals["site"] == site].set_index("interval_start")
    st.line_chart(
        shown[["measured_service_level", "modelled_service_level"]].rename(
            columns={
                "measured_service_level": "measured",
                "modelled_service_level": "modelled",
            }
        )
    )
    st.caption(
        f"Service level of {site} per interval, measured and modelled; single intervals are "
        "noisy (a few hundred calls), the bias is what must be small."
    )
    ui.table(
        result.workforce,
        "Agent FTE of today's design as measured (staffed agent-hours of the average week "
        "grossed up for shrinkage) and as modelled, and the centralised design's saving against "
        "both.",
        "calibration_workforce",
        hide_index=False,
    )
    ui.table(
        result.worst[["site", "line", "interval_start", "offered", "agents"]].assign(
            measured=result.worst["measured_service_level"],
            modelled=result.worst["modelled_service_level"],
        ),
        "The ten intervals with the largest service-level error.",
        "calibration_worst",
    )

if st.button("Continue to the comparison", type="primary", icon=":material/arrow_forward:"):
    problems = state.open_scenario({"kind": state.UPLOADED, "text": text, "filename": name})
    if problems:
        state.show_problems(problems)
    else:
        st.switch_page("views/overview.py")
st.download_button(
    "Scenario TOML",
    data=text,
    file_name="scenario_from_history.toml",
    mime="application/toml",
    icon=":material/download:",
    on_click="ignore",
)
st.caption(
    "The scenario holds everything the comparison needs; its [history] table names the file, "
    "for 'python -m sim calibrate' next to it."
)
