"""Targets met over a day or a week: the period's call-weighted service level and answer rate meet
the target, no interval falls below the floor, and the total agent-hours are minimal (equal to an
exhaustive search on small cases)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim import compare, parse_scenario
from sim.errors import InputError
from sim.period_targets import period_index, staff_to_period
from sim.queue_model import ErlangA, ErlangC

AHT = 300.0
TARGETS = {
    "service_level": 0.8,
    "threshold": 20.0,
    "max_asa": None,
    "max_abandon": None,
    "max_occupancy": 1.0,
}


def kpis(model, agents, load, patience=120.0):
    return model.kpis(agents, load, AHT, patience, 20.0)


def one_period(model, load, calls, targets, floor=None):
    """``staff_to_period`` with every interval in one period (AHT 300 s, patience 120 s)."""
    n = len(load)
    return staff_to_period(
        model, load, np.full(n, AHT), np.full(n, 120.0), calls, np.zeros(n, int), targets, floor
    )


def weighted(values, calls):
    return float((values * calls).sum() / calls.sum())


def exhaustive(model, load, calls, targets, floor=None, spread=6):
    """Fewest total agents meeting the period targets, trying every staffing in a box around the
    per-interval answer (all combinations at once, on precomputed per-interval curves)."""
    n = len(load)
    each = model.required_agents(load, np.full(n, AHT), np.full(n, 120.0), targets).astype(int)
    ranges = [np.arange(1, e + spread) for e in each]
    grids = np.meshgrid(*ranges, indexing="ij")
    agents = np.stack([g.ravel() for g in grids], axis=1).astype(float)
    kpi = kpis(model, agents, np.broadcast_to(load, agents.shape))
    # per interval: the occupancy cap, and a stable queue where callers never hang up
    ok = (kpi.occupancy <= targets["max_occupancy"] + 1e-12).all(axis=1)
    if not model.abandonment:
        ok &= (agents > load).all(axis=1)
    ok &= (kpi.service_level * calls).sum(axis=1) >= targets["service_level"] * calls.sum() - 1e-9
    if targets["max_abandon"] is not None:
        answered = ((1 - kpi.abandon_rate) * calls).sum(axis=1)
        ok &= answered >= (1 - targets["max_abandon"]) * calls.sum() - 1e-9
    if floor is not None:
        ok &= (kpi.service_level >= floor - 1e-12).all(axis=1)
    return agents[ok].sum(axis=1).min()


CASES = [
    (ErlangC(), [2.0, 6.0, 3.5], None, None),
    (ErlangC(), [1.2, 8.0, 4.0, 0.6], 0.6, None),
    (ErlangA(), [3.0, 9.0, 5.0], None, None),
    (ErlangA(), [2.0, 7.0, 4.5, 1.0], None, 0.05),
    (ErlangA(), [5.0, 12.0, 2.5], 0.5, 0.03),
]


@pytest.mark.parametrize(("model", "load", "floor", "max_abandon"), CASES)
def test_period_staffing_is_minimal_and_meets_the_target(model, load, floor, max_abandon):
    load = np.array(load)
    calls = load / AHT * 1800  # 30-minute intervals
    targets = TARGETS | {"max_abandon": max_abandon}
    agents = one_period(model, load, calls, targets, floor)
    kpi = kpis(model, agents, load)
    assert weighted(kpi.service_level, calls) >= 0.8 - 1e-12
    if max_abandon is not None:
        assert weighted(1 - kpi.abandon_rate, calls) >= 1 - max_abandon - 1e-12
    if floor is not None:
        assert (kpi.service_level >= floor - 1e-12).all()
    assert agents.sum() == exhaustive(model, load, calls, targets, floor)


@settings(max_examples=25, deadline=None)
@given(
    st.lists(st.floats(0.5, 15.0), min_size=2, max_size=4),
    st.sampled_from([0.7, 0.8, 0.9]),
)
def test_period_staffing_matches_exhaustive_search(loads, target):
    model = ErlangC()
    load = np.array(loads)
    calls = load / AHT * 1800
    targets = TARGETS | {"service_level": target}
    agents = one_period(model, load, calls, targets)
    assert agents.sum() == exhaustive(model, load, calls, targets)


def test_a_period_needs_no_more_than_every_interval():
    model = ErlangA()
    load = np.array([1.0, 4.0, 12.0, 30.0, 18.0, 6.0, 2.0])
    calls = load / AHT * 1800
    n = len(load)
    each = model.required_agents(load, np.full(n, AHT), np.full(n, 120.0), TARGETS)
    day = staff_to_period(
        model, load, np.full(n, AHT), np.full(n, 120.0), calls, np.zeros(n, int), TARGETS
    )
    assert day.sum() < each.sum()


def test_period_index():
    assert period_index(6, 2, "day").tolist() == [0, 0, 1, 1, 2, 2]
    assert period_index(4, 2, "week").tolist() == [0, 0, 0, 0]
    assert period_index(3, 2, "interval").tolist() == [0, 1, 2]
    with pytest.raises(InputError, match="period: must be one of interval, day, week"):
        period_index(3, 2, "month")


SCENARIO = """
[general]
interval_minutes = 30
[targets]
service_level = 0.8
max_abandon = 0.05
period = "{period}"
{floor}
[[lines]]
name = "calls"
aht = 300
patience = 120
[[sites]]
name = "A"
volume = {{ calls = 9000 }}
[[sites]]
name = "B"
volume = {{ calls = 5000 }}
"""


@pytest.mark.parametrize("period", ["day", "week"])
def test_a_scenario_meets_its_period_target_with_fewer_agent_hours(period):
    interval = compare(parse_scenario(SCENARIO.format(period="interval", floor="")))
    result = compare(
        parse_scenario(SCENARIO.format(period=period, floor="floor_service_level = 0.6"))
    )
    for design in ("scattered", "centralised"):
        needed = result.designs[design].plan.erlang_agents.sum()
        assert needed < interval.designs[design].plan.erlang_agents.sum()
    rows = result.intervals[result.intervals["calls"] > 0]
    assert rows["service_level"].min() >= 0.6 - 1e-9
    assert result.assumptions["target_period"] == period
    assert any(f"over each {period}" in note for note in result.assumption_notes())


def test_floor_needs_a_period():
    with pytest.raises(InputError, match="floor_service_level: only with period"):
        parse_scenario(SCENARIO.format(period="interval", floor="floor_service_level = 0.6"))
