"""Hostile links: whatever a shared link carries, every page shows a message naming the field.

Each link opens the app (``AppTest``) as a colleague clicking it would: the page must show the
problem with its key path, no exception, and fall back to the default scenario, quickly.
"""

import json
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from views import links

APP = str(Path(__file__).resolve().parents[1] / "app.py")
PAGES = ("scenario", "overview", "service", "headcount", "compare", "calculator")
SECONDS = 30.0


def _edits(**edits) -> dict:
    return {"scenario": "provincial", "edits": json.dumps(edits)}


def _packed(text: str) -> dict:
    return {"scenario": "uploaded", "toml": links.pack_text(text)}


_SCENARIO = (Path(APP).parent / "scenarios" / "provincial.toml").read_text()

# name -> (query parameters, text the error must contain)
LINKS = {
    "int_beyond_int64": (
        _edits(**{"workforce.min_agents_open": 10**30}),
        "workforce.min_agents_open: must be <= 10000",
    ),
    "boolean_aht": (_edits(**{"lines[0].aht": True}), "lines[0].aht: must be a valid number"),
    "boolean_cross_trained": (
        _edits(**{"design.cross_trained": False}),
        "design.cross_trained: must be a valid number",
    ),
    "boolean_interval": (
        _edits(**{"general.interval_minutes": True}),
        "general.interval_minutes: must be a valid number",
    ),
    "huge_volume_scale": (
        _edits(**{"sites[*].volume_scale": 1e308}),
        "sites[0].volume_scale: must be <= 100.0",
    ),
    "infinite_cost": (_edits(**{"sites[*].cost_per_fte": 1e999}), "edits: not valid JSON"),
    "huge_cost": (_edits(**{"sites[*].cost_per_fte": 1e308}), "sites[0].cost_per_fte: must be <="),
    "tiny_occupancy": (
        _edits(**{"targets.max_occupancy": 1e-300}),
        "targets.max_occupancy: must be >= 0.1",
    ),
    "huge_patience": (_edits(**{"lines[0].patience": 1e308}), "lines[0].patience: must be <="),
    "blank_name": (_edits(**{"general.name": "   "}), "general.name: must not be blank"),
    "long_name": (_edits(**{"sites[0].name": "x" * 5000}), "sites[0].name: string should have"),
    "huge_seed": (_edits(**{"general.seed": 10**40}), "general.seed: must be <="),
    "huge_volume": (
        _edits(**{"sites[0].volume.customer_service": 1e12}),
        "sites[0].volume.customer_service: must be <=",
    ),
    "profile_overflow": (
        _edits(**{"sites[0].profile": [1e308] * 24}),
        "sites[0].profile[0]: must be <=",
    ),
    "index_out_of_range": (
        _edits(**{"sites[99999999999999999999].volume_scale": 1.0}),
        "sites[99999999999999999999].volume_scale: index",
    ),
    "long_path": (_edits(**{"a" * 5000: 1}), "(5,002 chars) is longer than 200"),
    "long_missing_path": (_edits(**{"b." * 3000 + "c": 1}), "no key 'b' here"),
    "nested_json": ({"scenario": "provincial", "edits": "[" * 5000 + "]" * 5000}, "edits:"),
    "nan_in_json": ({"scenario": "provincial", "edits": '{"targets.threshold": NaN}'}, "edits:"),
    "too_many_edits": (_edits(**{f"k{i}": 1 for i in range(1500)}), "edits: 1,500 edits"),
    "nested_toml": (_packed("x = " + "[" * 400 + "]" * 400), "nested more than 12 levels deep"),
    "very_nested_toml": (_packed("x = " + "[" * 5000 + "]" * 5000), "values nested too deeply"),
    "deep_toml_tables": (
        _packed("x = " + "{a=" * 300 + "1" + "}" * 300),
        "nested more than 12 levels",
    ),
    "garbage_toml_param": ({"scenario": "uploaded", "toml": "%%%not-base64%%%"}, "toml:"),
    "million_keys_toml": (
        _packed("[general]\n" + "".join(f"k{i}=1\n" for i in range(100_000))),
        "general: 100,000 keys; limit 1,000",
    ),
    "boolean_in_uploaded_toml": (
        _packed(_SCENARIO.replace("aht = 300", "aht = true")),
        "lines[0].aht: must be a valid number",
    ),
    "unknown_scenario": ({"scenario": "../../etc/passwd"}, "scenario: unknown scenario"),
}


def _open(params: dict, page: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(f"views/{page}.py").run()
    return at


def test_at_least_twenty_hostile_links():
    assert len(LINKS) >= 20


@pytest.mark.parametrize("name", sorted(LINKS))
def test_hostile_link_names_the_field(name):
    params, expected = LINKS[name]
    start = time.perf_counter()
    at = _open(params)
    assert time.perf_counter() - start < SECONDS
    assert not at.exception, [e.value for e in at.exception]
    errors = "\n".join(e.value for e in at.error)
    assert expected in errors
    assert "Traceback" not in errors and "Internal error" not in errors
    assert all(len(e.value) < 5_000 for e in at.error)


@pytest.mark.slow
@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("name", ["int_beyond_int64", "nested_toml", "infinite_cost"])
def test_every_page_survives_a_hostile_link(name, page):
    at = _open(LINKS[name][0], page)
    assert not at.exception, [e.value for e in at.exception]
    assert "Internal error" not in "\n".join(e.value for e in at.error)


def test_edits_from_the_link_and_the_form_merge_on_apply():
    at = _open(_edits(**{"workforce.break_minutes": 0, "sites[*].volume_scale": 1.1}))
    assert not at.error
    target = next(n for n in at.number_input if n.label.startswith("Service level target"))
    target.set_value(0.85)
    next(b for b in at.button if b.label == "Apply changes").click()
    at.run()
    assert not at.error, [e.value for e in at.error]
    edits = json.loads(at.query_params["edits"])
    assert edits["workforce.break_minutes"] == 0
    assert edits["sites[*].volume_scale"] == 1.1
    assert edits["targets.service_level"] == 0.85
