"""Properties of any scenario that validates: ``compare --json`` is valid JSON without non-finite
numbers, and no design reports fewer FTE than the paid hours of its roster."""

import contextlib
import io
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sim import compare, parse_scenario
from sim.cli import main
from sim.errors import InputError

_HOURS = st.sampled_from(
    [
        "08:00-20:00",
        "24h",
        "12:00-12:30",
        "09:00-13:00",
        {"weekdays": "08:00-18:00", "sat": "09:00-13:00"},
    ]
)


@st.composite
def scenarios(draw):
    lines = [
        {
            "name": f"line{i}",
            "aht": draw(st.integers(60, 900)),
            "patience": draw(st.integers(10, 600)),
        }
        for i in range(draw(st.integers(1, 2)))
    ]
    sites = [
        {
            "name": f"site{i}",
            "hours": draw(_HOURS),
            "utc_offset": draw(st.sampled_from([0, 1, -5])),
            "volume": {line["name"]: draw(st.sampled_from([0, 50, 3000, 40000])) for line in lines},
            "cost_per_fte": draw(st.sampled_from([0.0, 45000.0, 1e10])),
            "fixed_cost": draw(st.sampled_from([0.0, 1e10])),
        }
        for i in range(draw(st.integers(1, 3)))
    ]
    return {
        "general": {"interval_minutes": draw(st.sampled_from([30, 60]))},
        "targets": {
            "service_level": draw(st.sampled_from([0.5, 0.8, 0.95])),
            "max_occupancy": draw(st.sampled_from([0.1, 0.85, 1.0])),
            "model": draw(st.sampled_from(["erlang_a", "erlang_c"])),
        },
        "workforce": {
            "shrinkage": draw(st.sampled_from([0.0, 0.3])),
            "shift_lengths": draw(st.sampled_from([[8.0], [8.0, 6.0], [4.0]])),
            "break_minutes": draw(st.sampled_from([0, 30, 60])),
            "min_agents_open": draw(st.integers(0, 3)),
        },
        "lines": lines,
        "sites": sites,
    }


def _refuse(name):
    raise AssertionError(f"{name} in JSON output")


_SETTINGS = settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)


@_SETTINGS
@given(data=scenarios())
def test_compare_json_is_finite(tmp_path_factory, data):
    try:
        scenario = parse_scenario(data)
    except InputError:
        return
    path = tmp_path_factory.mktemp("p") / "scenario.toml"
    path.write_text(scenario.to_toml())
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        status = main(["compare", str(path), "--json"])
    assert status in (0, 2)
    if status == 0:
        json.loads(out.getvalue(), parse_constant=_refuse)


@_SETTINGS
@given(data=scenarios())
def test_fte_covers_the_paid_roster_hours(data):
    try:
        result = compare(parse_scenario(data))
    except InputError:
        return
    scenario = result.scenario
    for design in result.designs.values():
        paid = sum(t.paid_hours for t in design.tours if t is not None)  # a week's
        floor = paid / scenario.workforce.hours_per_fte_week
        assert design.workforce.agents_fte >= floor * (1 - 1e-9), (design.name, paid)
