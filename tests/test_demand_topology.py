"""Demand, opening hours, time zones, topology and staffing rules of the pipeline."""

import numpy as np
import pytest

from sim import ScenarioError, apply_overrides, compare, parse_scenario
from sim.demand import build_demand
from sim.hours import parse_range, weekly_open_mask
from sim.pipeline import scenario_model
from sim.staffing import pooling_realised, staff
from sim.topology import build_topology


def scenario(**changes):
    data = {
        "general": {"name": "t", "interval_minutes": 60, "horizon_days": 7},
        "targets": {"service_level": 0.8, "threshold": 20, "model": "erlang_c"},
        "workforce": {"min_agents_open": 1, "roster": "none"},
        "lines": [{"name": "a", "aht": 300}, {"name": "b", "aht": 420, "service_level": 0.9}],
        "sites": [
            {"name": "east", "utc_offset": 8, "hours": "08:00-20:00", "volume": {"a": 7000}},
            {
                "name": "west",
                "utc_offset": 1,
                "hours": {"weekdays": "09:00-17:00", "sat": "10:00-14:00"},
                "volume": {"a": 3500, "b": 2100},
            },
        ],
        "hubs": [{"name": "hub", "utc_offset": 8}],
    }
    for key, value in changes.items():
        data[key] = value
    return parse_scenario(data)


def test_opening_hours_forms():
    assert parse_range("08:00-20:00", 30).sum() == 24
    assert parse_range("22:00-06:00", 60).sum() == 8
    assert parse_range("24h", 15).all()
    assert not parse_range("closed", 60).any()
    mask = weekly_open_mask({"weekdays": "09:00-17:00", "sat": "10:00-14:00"}, 60)
    assert mask.sum(axis=1).tolist() == [8, 8, 8, 8, 8, 4, 0]
    with pytest.raises(ValueError, match="HH:MM-HH:MM"):
        parse_range("9 to 5", 60)
    with pytest.raises(ValueError, match="30-minute interval boundaries"):
        parse_range("08:15-17:00", 30)


def test_weekly_volume_is_conserved_and_only_in_open_hours():
    s = scenario()
    demand = build_demand(s)
    np.testing.assert_allclose(demand.calls.sum(axis=2), [[7000, 0], [3500, 2100]])
    assert (demand.calls.sum(axis=1)[~demand.site_open] == 0).all()


def test_time_zone_shift_moves_calls_onto_the_scenario_clock():
    demand = build_demand(scenario())
    west_local = np.flatnonzero(demand.local_calls[1, 0, :24] > 0)
    west_clock = np.flatnonzero(demand.calls[1, 0, :24] > 0)
    assert west_local.min() == 9
    assert west_clock.min() == 16  # 09:00 at UTC+1 is 16:00 at UTC+8


def test_off_grid_time_zone_is_named():
    s = apply_overrides(scenario(), {"sites[west].utc_offset": 5.5})
    with pytest.raises(ScenarioError, match=r"sites\[1\].utc_offset"):
        build_demand(s)


def test_scattered_has_one_pool_per_site_and_line_and_hub_pools_lines():
    s = scenario()
    demand = build_demand(s)
    assert len(build_topology(s, demand, "scattered").pools) == 3
    assert len(build_topology(s, demand, "centralised").pools) == 1
    separate = apply_overrides(s, {"design.cross_trained": 0.0})
    assert len(build_topology(separate, build_demand(separate), "centralised").pools) == 2


def test_line_target_applies_to_its_pool():
    s = scenario()
    demand = build_demand(s)
    topology = build_topology(s, demand, "scattered")
    plan = staff(s, topology, demand, scenario_model(s))
    stricter = apply_overrides(s, {"lines[b].service_level": 0.95})
    plan_strict = staff(stricter, topology, demand, scenario_model(s))
    assert plan_strict.erlang_agents[2].sum() > plan.erlang_agents[2].sum()
    np.testing.assert_array_equal(plan_strict.erlang_agents[:2], plan.erlang_agents[:2])


def test_partial_cross_training_lies_between_separate_and_pooled():
    agents = {}
    for share in (0.0, 0.3, 1.0):
        overrides = {"design.cross_trained": share, "lines[b].service_level": None}
        s = apply_overrides(scenario(), overrides)
        agents[share] = compare(s).designs["centralised"].plan.erlang_agents.sum()
    assert agents[1.0] <= agents[0.3] <= agents[0.0]
    assert pooling_realised(0.0) == 0.0
    assert pooling_realised(1.0) == 1.0


def test_minimum_cover_only_while_open():
    s = scenario()
    result = compare(s).designs["scattered"]
    closed = ~np.array([pool.open for pool in result.topology.pools])
    assert (result.plan.required[closed] == 0).all()
    assert (result.plan.required[~closed] >= 1).all()


def test_seats_shortage_names_the_interval():
    s = apply_overrides(scenario(), {"sites[east].seats": 3})
    with pytest.raises(ScenarioError, match=r"'east'.*at (Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d\d:\d\d"):
        compare(s)


def test_overrides_reject_unknown_paths():
    with pytest.raises(ScenarioError, match="did you mean 'service_level'"):
        apply_overrides(scenario(), {"targets.servicelevel": 0.9})
    with pytest.raises(ScenarioError, match="no element named 'north'"):
        apply_overrides(scenario(), {"sites[north].volume_scale": 2})
