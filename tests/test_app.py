"""The planners' app without a browser: every page runs, edits move the figures the right way, bad
input shows an error naming the field, uploads and shared links rebuild the same scenario.

Uses ``streamlit.testing.v1.AppTest`` on ``app.py`` and plain tests of ``views.links`` (what a
link or an upload may carry).
"""

import functools
import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import sim
import sim.des
import sim.plan
from sim.figures import FIGURES
from sim.scenario import ScenarioError, table_overrides
from views import links

APP = str(Path(__file__).resolve().parents[1] / "app.py")
PAGES = (
    "scenario",
    "overview",
    "service",
    "headcount",
    "risk",
    "business_case",
    "compare",
    "calculator",
)
HEADCOUNT_AFTER = "Headcount centralised"

SMALL = """
[general]
name = "Two small towns"
interval_minutes = 60

[workforce]
roster = "none"

[[lines]]
name = "billing"
aht = 240

[[sites]]
name = "North"
volume = { billing = 2000 }

[[sites]]
name = "South"
volume = { billing = 1500 }
"""


@functools.cache
def _shipped_headcount(design: str) -> int:
    """Headcount of a design of the default scenario, rounded as the app shows it."""
    scenario = sim.load_scenario(Path(APP).parent / "scenarios" / "provincial.toml")
    return round(sim.compare(scenario).summary.loc[design, "headcount_total"])


def _app() -> AppTest:
    return AppTest.from_file(APP, default_timeout=60)


def _metric(at: AppTest, label: str) -> float:
    value = next(m.value for m in at.metric if m.label.startswith(label))
    return float(value.replace(",", "").replace("%", "").strip())


def _number_input(at: AppTest, label: str):
    return next(n for n in at.number_input if n.label.startswith(label))


def _apply(at: AppTest) -> AppTest:
    next(b for b in at.button if b.label == "Apply changes").click()
    return at.run()


def _errors(at: AppTest) -> str:
    return "\n".join(e.value for e in at.error)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs(page):
    at = _app().run()
    at.switch_page(f"views/{page}.py").run()
    assert not at.exception
    assert not at.error
    assert at.title


def test_more_volume_needs_more_people():
    at = _app().run()
    before = _metric(at, HEADCOUNT_AFTER)
    _number_input(at, "Volume scale for every site").set_value(1.2)
    _apply(at)
    assert not at.error
    assert _metric(at, HEADCOUNT_AFTER) > before
    assert json.loads(at.query_params["edits"]) == {"sites[*].volume_scale": 1.2}
    at.switch_page("views/overview.py").run()
    assert _metric(at, "Headcount today") > _shipped_headcount("scattered")


def test_higher_target_needs_more_people():
    # today's sites: the provincial hub's 90 % occupancy cap already gives it 99 % service
    at = _app().run()
    before = _metric(at, "Headcount today")
    _number_input(at, "Service level target").set_value(0.9)
    _apply(at)
    assert _metric(at, "Headcount today") > before


def test_bad_value_names_the_field_and_keeps_last_results():
    at = _app().run()
    before = _metric(at, HEADCOUNT_AFTER)
    _number_input(at, "Shrinkage").set_value(0.95)
    _apply(at)
    assert not at.exception
    assert "workforce.shrinkage: must be < 0.9, got 0.95" in _errors(at)
    assert _metric(at, HEADCOUNT_AFTER) == before
    assert "edits" not in at.query_params


def test_uploaded_scenario_is_used():
    at = _app().run()
    at.file_uploader[0].set_value(("towns.toml", SMALL.encode(), "application/toml")).run()
    assert not at.exception
    assert not at.error
    expected = sim.compare(sim.parse_scenario(SMALL)).summary.loc["scattered", "headcount_total"]
    assert _metric(at, "Headcount today") == round(expected)
    assert at.query_params["scenario"] == "uploaded"
    at.switch_page("views/overview.py").run()
    assert "Two small towns" in at.caption[0].value


def test_bad_upload_shows_the_problems():
    at = _app().run()
    bad = SMALL.replace("aht = 240", "aht = -5").encode()
    at.file_uploader[0].set_value(("bad.toml", bad, "application/toml")).run()
    assert not at.exception
    assert "lines[0].aht: must be >= 1.0, got -5" in _errors(at)
    assert at.query_params["scenario"] == "provincial"


def test_shared_link_rebuilds_the_edits():
    at = _app()
    at.query_params["scenario"] = "provincial"
    at.query_params["edits"] = json.dumps({"targets.service_level": 0.9})
    at.run()
    assert not at.error
    assert _number_input(at, "Service level target").value == 0.9
    assert _metric(at, "Headcount today") > _shipped_headcount("scattered")


def test_bad_link_names_the_field():
    at = _app()
    at.query_params["scenario"] = "provincial"
    at.query_params["edits"] = json.dumps({"targets.service_levle": 0.9})
    at.run()
    assert not at.exception
    assert "targets.service_levle" in _errors(at)
    assert _metric(at, HEADCOUNT_AFTER) == _shipped_headcount("centralised")


def test_edits_round_trip():
    edits = {"sites[*].volume_scale": 1.1, "lines[0].service_level": None}
    assert links.decode_edits(links.encode_edits(edits)) == edits
    assert links.encode_edits({}) == ""
    assert links.decode_edits("") == {}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[1, 2]", "edits: must be a JSON object"),
        ("{not json", "edits: not valid JSON"),
        ('{"a": NaN}', "edits: not valid JSON"),
        ('{"a": {"b": 1}}', "edits.a: value must be"),
        ("x" * (links.MAX_EDITS_CHARS + 1), "edits: 20,001 characters"),
    ],
)
def test_bad_edits_are_refused(text, message):
    with pytest.raises(ScenarioError) as err:
        links.decode_edits(text)
    assert err.value.problems[0].startswith(message)


def test_packed_text_round_trip_and_limits():
    assert links.unpack_text(links.pack_text(SMALL)) == SMALL
    with pytest.raises(ScenarioError, match="toml: not a packed scenario"):
        links.unpack_text("not packed!")
    bomb = links.pack_text("#" * (links.MAX_UPLOAD_BYTES + 10))
    with pytest.raises(ScenarioError, match="unpacks to more than"):
        links.unpack_text(bomb)


def test_upload_limits():
    assert links.parse_upload(SMALL.encode()).general.name == "Two small towns"
    with pytest.raises(ScenarioError, match="upload: file is"):
        links.parse_upload(b" " * (links.MAX_UPLOAD_BYTES + 1))
    with pytest.raises(ScenarioError, match="upload: not UTF-8"):
        links.parse_upload(b"\xff\xfe")
    with pytest.raises(ScenarioError, match="TOML syntax"):
        links.parse_upload(b"[general\n")


def test_table_overrides_one_per_changed_cell():
    base = [{"aht": 300, "service_level": None}, {"aht": 200, "service_level": 0.8}]
    edited = [{"aht": 300.0, "service_level": float("nan")}, {"aht": 250.0, "service_level": 0.8}]
    assert table_overrides("lines", base, edited) == {"lines[1].aht": 250.0}
    with pytest.raises(ScenarioError, match="lines: rows cannot be added"):
        table_overrides("lines", base, edited[:1])


def test_shipped_scenarios_are_listed():
    shipped = links.shipped_scenarios(Path(APP).parent / "scenarios")
    assert "provincial" in shipped
    assert list(shipped) == sorted(shipped)


def test_simulation_runs_on_demand_beside_erlang():
    at = _app().run()
    at.file_uploader[0].set_value(("towns.toml", SMALL.encode(), "application/toml")).run()
    at.switch_page("views/service.py").run()
    assert not at.exception
    _number_input(at, "Replications").set_value(2)
    next(b for b in at.button if b.label == "Run simulation").click()
    at.run()
    assert not at.exception
    side_by_side = at.dataframe[-2].value
    assert list(side_by_side.columns)[:3] == ["figure", "Erlang (plan)", "Simulated (mean)"]
    assert side_by_side["figure"].tolist()[0] == FIGURES["service_level"].title()


def test_simulation_flags_are_the_library_referee():
    """The page shows sim.des.side_by_side's verdict, never a count of its own."""
    at = _app().run()
    at.file_uploader[0].set_value(("towns.toml", SMALL.encode(), "application/toml")).run()
    at.switch_page("views/service.py").run()
    _number_input(at, "Replications").set_value(3)
    next(b for b in at.button if b.label == "Run simulation").click()
    at.run()
    assert not at.exception
    scenario = sim.parse_scenario(SMALL)
    comparison = sim.compare(scenario)
    result = sim.des.simulate(scenario, comparison.designs["centralised"], replications=3)
    found = sim.des.referee_summary(
        sim.des.side_by_side(scenario, comparison.designs["centralised"], result)
    )
    shown = next(m.value for m in at.metric if m.label.startswith("Pool-intervals where"))
    assert shown == f"{found['flagged_intervals']} of {found['checked_intervals']}"
    table = at.dataframe[-1].value
    assert int(table["disagree"].sum()) == found["flagged_intervals"]
    at.switch_page("views/overview.py").run()
    said = " ".join(m.value for m in at.markdown)
    assert f"{found['flagged_intervals']} of {found['checked_intervals']} pool-intervals" in said


def _edit_table(at: AppTest, name: str, rows: dict) -> None:
    """Edit cells of the data editor whose key starts with ``name`` as a browser would."""
    key = next(e.key for e in at.data_editor if e.key.startswith(f"{name}-"))
    at.session_state[key] = {"edited_rows": rows, "added_rows": [], "deleted_rows": []}


def test_sites_table_edits_volumes():
    at = _app().run()
    before = _metric(at, "Headcount today")
    _edit_table(at, "sites", {0: {"volume.customer_service": 56200}})
    _apply(at)
    assert not at.error
    assert json.loads(at.query_params["edits"]) == {"sites[0].volume.customer_service": 56200.0}
    assert _metric(at, "Headcount today") > before


def test_bad_handle_time_in_lines_table_names_the_cell():
    at = _app().run()
    _edit_table(at, "lines", {0: {"aht": -5}})
    _apply(at)
    assert not at.exception
    assert "lines[0].aht: must be >= 1.0, got -5" in _errors(at)


def test_switching_scenario_and_resetting_edits():
    at = _app().run()
    _number_input(at, "Volume scale for every site").set_value(1.2)
    _apply(at)
    assert "edits" in at.query_params
    next(b for b in at.button if b.label == "Reset all edits").click()
    at.run()
    assert "edits" not in at.query_params
    assert _metric(at, HEADCOUNT_AFTER) == _shipped_headcount("centralised")
    at.selectbox[0].select("national_hubs").run()
    assert not at.error
    assert at.query_params["scenario"] == "national_hubs"
    assert _number_input(at, "Volume scale for every site").value == 1.0


def test_two_planners_do_not_see_each_others_edits():
    first, second = _app().run(), _app().run()
    _number_input(first, "Volume scale for every site").set_value(1.3)
    _apply(first)
    second.run()
    assert _metric(first, HEADCOUNT_AFTER) > _shipped_headcount("centralised")
    assert _metric(second, HEADCOUNT_AFTER) == _shipped_headcount("centralised")
    assert "edits" not in second.query_params


def test_risk_page_runs_the_analysis_on_demand():
    at = _app().run()
    at.file_uploader[0].set_value(("towns.toml", SMALL.encode(), "application/toml")).run()
    at.switch_page("views/risk.py").run()
    assert not at.exception and "run the analysis" in at.info[0].value
    _number_input(at, "Monte Carlo draws").set_value(3)
    _number_input(at, "Simulated days per shock").set_value(2)
    next(b for b in at.button if b.label == "Run risk analysis").click()
    at.run()
    assert not at.exception and not at.error
    assert next(m.value for m in at.metric if m.label == "Draws planned") == "3 of 3"
    labels = {b.label for b in at.get("download_button")}
    assert {"PNG", "SVG", "PDF", "CSV"} <= labels


def test_business_case_page_shows_the_roadmap_or_says_there_is_none():
    at = _app().run()
    at.switch_page("views/business_case.py").run()
    assert not at.exception and not at.error
    assert "no roadmap" in at.info[0].value
    at = _app()
    at.query_params["scenario"] = "provincial_roadmap"
    at.run()
    at.switch_page("views/business_case.py").run()
    assert not at.exception and not at.error
    case = sim.plan.business_case(
        sim.load_scenario(Path(APP).parent / "scenarios" / "provincial_roadmap.toml")
    )
    payback = next(m.value for m in at.metric if m.label == "Payback month")
    assert payback == f"month {case.payback_month}"
    assert len(at.get("image")) == 4 and len(at.dataframe) == 2
    labels = {b.label for b in at.get("download_button")}
    assert {"PNG", "SVG", "PDF", "CSV"} <= labels
