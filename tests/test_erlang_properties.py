"""Properties of the Erlang core that hold for every valid input (hypothesis).

More agents or a longer threshold never lower the service level; every probability stays in
[0, 1]; nothing is NaN, whatever the load (0 included), the agents (0 included) or the patience
(a millionth of a second to 30,000 years); the staffing answer is the smallest that meets every
target, as checked with the public KPI functions, and never falls when the load rises.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim import erlang
from sim.errors import InputError

# Relative slack for comparing two computed KPIs: they are exact to about 1e-13.
SLACK = 1e-11

agents = st.one_of(st.integers(0, 30), st.integers(30, 3_000), st.integers(3_000, 100_000))
ratios = st.one_of(st.just(0.0), st.floats(1e-6, 1.5), st.floats(0.95, 1.05))
ahts = st.floats(1.0, 3_600.0)
thresholds = st.floats(0.0, 3_600.0)
patiences = st.one_of(st.floats(1.0, 3_600.0), st.floats(1e-6, 1.0), st.floats(3_600.0, 1e12))
service_levels = st.floats(0.05, 0.995)


def _load(n: int, ratio: float) -> float:
    """A load near the pool size, or 0.01 Erlangs when the ratio is tiny."""
    return max(ratio * n, 0.01) if ratio > 0 else 0.0


def _non_decreasing(values) -> bool:
    values = np.asarray(values, dtype=float)
    return bool(np.all(values[1:] >= values[:-1] - SLACK * np.abs(values[:-1])))


@settings(deadline=None, max_examples=150)
@given(n=agents, ratio=ratios, aht=ahts, threshold=thresholds)
def test_erlang_c_probabilities_in_range_and_no_nan(n, ratio, aht, threshold):
    a = _load(n, ratio)
    for value in (
        erlang.erlang_b(n, a),
        erlang.erlang_c(n, a),
        erlang.service_level(n, a, aht, threshold),
        erlang.occupancy(n, a),
    ):
        assert np.isfinite(value) and 0.0 <= value <= 1.0
    wait = erlang.asa(n, a, aht)
    assert wait >= 0.0
    assert np.isfinite(wait) == (a < n or a == 0)


@settings(deadline=None, max_examples=150)
@given(n=agents, ratio=ratios, aht=ahts, patience=patiences, threshold=thresholds)
def test_erlang_a_probabilities_in_range_and_no_nan(n, ratio, aht, patience, threshold):
    res = erlang.erlang_a(n, _load(n, ratio), aht, patience, threshold)
    for value in (res.p_wait, res.p_abandon, res.service_level, res.occupancy):
        assert np.isfinite(value) and 0.0 <= value <= 1.0
    assert np.isfinite(res.asa) and res.asa >= 0.0
    # Only callers who wait can abandon, and abandoned callers are never in the service level.
    assert res.p_abandon <= res.p_wait * (1.0 + SLACK)
    assert res.service_level <= (1.0 - res.p_abandon) * (1.0 + SLACK)


@settings(deadline=None, max_examples=60)
@given(n=agents, ratio=ratios, aht=ahts, threshold=thresholds)
def test_erlang_c_service_level_never_falls_with_more_agents(n, ratio, aht, threshold):
    pool = np.arange(n, n + 12)
    assert _non_decreasing(erlang.service_level(pool, _load(n, ratio), aht, threshold))


@settings(deadline=None, max_examples=60)
@given(n=agents, ratio=ratios, aht=ahts, patience=patiences, threshold=thresholds)
def test_erlang_a_service_level_never_falls_with_more_agents(n, ratio, aht, patience, threshold):
    pool = np.arange(n, n + 12)
    res = erlang.erlang_a(pool, _load(n, ratio), aht, patience, threshold)
    assert _non_decreasing(res.service_level)
    assert _non_decreasing(-np.asarray(res.p_wait))


@settings(deadline=None, max_examples=60)
@given(n=agents, ratio=ratios, aht=ahts, patience=patiences)
def test_service_level_never_falls_with_a_longer_threshold(n, ratio, aht, patience):
    a = _load(n, ratio)
    t = np.concatenate([[0.0], np.geomspace(0.01, 1e5, 15)])
    assert _non_decreasing(erlang.service_level(n, a, aht, t))
    assert _non_decreasing(erlang.erlang_a(n, a, aht, patience, t).service_level)


# ------------------------------------------------------------------------------------ staffing

loads = st.one_of(st.floats(0.0, 5.0), st.floats(5.0, 500.0), st.floats(500.0, 50_000.0))


@st.composite
def erlang_c_targets(draw):
    targets = {
        "service_level": draw(st.none() | service_levels),
        "threshold": draw(st.floats(0.0, 600.0)),
        "max_asa": draw(st.none() | st.floats(0.5, 600.0)),
        "max_occupancy": draw(st.none() | st.floats(0.3, 1.0)),
    }
    if all(targets[k] is None for k in ("service_level", "max_asa", "max_occupancy")):
        targets["service_level"] = 0.8
    return targets


@st.composite
def erlang_a_targets(draw):
    targets = draw(erlang_c_targets())
    targets["max_abandon"] = draw(st.none() | st.floats(0.001, 0.5))
    targets["patience"] = draw(st.floats(1.0, 3_600.0) | st.floats(1e-3, 1.0) | st.floats(3e3, 1e7))
    return targets


def _meets_erlang_c(n, load, aht, targets) -> bool:
    """Every target met by ``n`` agents, judged by the public Erlang C functions."""
    if n <= load:
        return False  # unstable: the Erlang C queue grows without bound
    t = targets["threshold"]
    ok = True
    if targets["service_level"] is not None:
        ok &= erlang.service_level(n, load, aht, t) >= targets["service_level"]
    if targets["max_asa"] is not None:
        ok &= erlang.asa(n, load, aht) <= targets["max_asa"]
    if targets["max_occupancy"] is not None:
        ok &= erlang.occupancy(n, load) <= targets["max_occupancy"]
    return bool(ok)


def _meets_erlang_a(n, load, aht, targets) -> bool:
    """Every target met by ``n`` agents, judged by the public Erlang A function."""
    if n == 0:
        return False
    res = erlang.erlang_a(n, load, aht, targets["patience"], targets["threshold"])
    ok = True
    if targets["service_level"] is not None:
        ok &= res.service_level >= targets["service_level"]
    if targets["max_asa"] is not None:
        ok &= res.asa <= targets["max_asa"]
    if targets["max_occupancy"] is not None:
        ok &= res.occupancy <= targets["max_occupancy"]
    if targets["max_abandon"] is not None:
        ok &= res.p_abandon <= targets["max_abandon"]
    return bool(ok)


@settings(deadline=None, max_examples=120)
@given(load=loads, aht=ahts, targets=erlang_c_targets())
def test_erlang_c_staffing_is_minimal(load, aht, targets):
    n = int(erlang.required_agents(load, aht, **targets))
    if load == 0:
        assert n == 0
        return
    assert _meets_erlang_c(n, load, aht, targets)
    assert not _meets_erlang_c(n - 1, load, aht, targets)


@settings(deadline=None, max_examples=80)
@given(load=loads, aht=ahts, targets=erlang_a_targets())
def test_erlang_a_staffing_is_minimal(load, aht, targets):
    n = int(erlang.required_agents(load, aht, **targets))
    if load == 0:
        assert n == 0
        return
    assert _meets_erlang_a(n, load, aht, targets)
    assert not _meets_erlang_a(n - 1, load, aht, targets)


@settings(deadline=None, max_examples=40)
@given(
    base=st.lists(loads, min_size=2, max_size=30),
    aht=ahts,
    c_targets=erlang_c_targets(),
    a_targets=erlang_a_targets(),
)
def test_staffing_never_falls_when_the_load_rises(base, aht, c_targets, a_targets):
    load = np.sort(np.asarray(base))
    for targets in (c_targets, a_targets):
        staffed = erlang.required_agents(load, aht, **targets)
        assert np.all(np.diff(staffed) >= 0)
        # One call for many loads gives the answers of one call per load.
        assert [int(erlang.required_agents(x, aht, **targets)) for x in load] == list(staffed)


def test_subnormal_and_tiny_loads_stay_finite():
    """Loads so small that ``agents / load`` overflows float64 still give honest numbers."""
    for a in (5e-324, 1e-310, 1e-300, 1e-200):
        for n in (0, 1, 5, 1_000, 100_000):
            for patience in (1e-6, 120.0, 1e12):
                res = erlang.erlang_a(n, a, 300.0, patience, 20.0)
                for value in (res.p_wait, res.p_abandon, res.service_level, res.occupancy):
                    assert np.isfinite(value) and 0.0 <= value <= 1.0
                assert np.isfinite(res.asa) and res.asa >= 0.0
                assert res.service_level == (0.0 if n == 0 else 1.0)
            assert np.isfinite(erlang.service_level(n, a, 300.0, 20.0))
        for targets in ({"service_level": 0.8}, {"max_abandon": 0.1, "patience": 60.0}):
            assert erlang.required_agents(a, 300.0, **targets) == 1


# ------------------------------------------------------------------ booleans and text rejected

# Every numeric argument of every public function, with a valid value for each.
VALID = {
    erlang.erlang_b: {"agents": 5, "load": 3.0},
    erlang.erlang_c: {"agents": 5, "load": 3.0},
    erlang.occupancy: {"agents": 5, "load": 3.0},
    erlang.asa: {"agents": 5, "load": 3.0, "aht": 300.0},
    erlang.service_level: {"agents": 5, "load": 3.0, "aht": 300.0, "threshold": 20.0},
    erlang.erlang_a: {"agents": 5, "load": 3.0, "aht": 300.0, "patience": 60.0, "threshold": 20.0},
    erlang.required_agents: {
        "load": 3.0,
        "aht": 300.0,
        "service_level": 0.8,
        "threshold": 20.0,
        "max_asa": 30.0,
        "max_abandon": 0.1,
        "max_occupancy": 0.9,
        "patience": 60.0,
    },
}
CALLS = [(function, argument) for function, kwargs in VALID.items() for argument in kwargs]

booleans = st.booleans() | st.booleans().map(np.bool_)
texts = st.text(max_size=8) | st.binary(max_size=8) | st.sampled_from(["1", "0.8", "nan", " 5 "])
numbers = st.integers(0, 1000) | st.floats(0.0, 1000.0)
not_numbers = st.one_of(
    booleans,
    texts,
    st.lists(booleans, min_size=1, max_size=5).map(np.array),
    st.lists(st.sampled_from(["1", "2.5", "x"]), min_size=1, max_size=5).map(np.array),
    st.lists(numbers, max_size=4).map(lambda v: np.array(v, dtype=object)),
    # a bool or text hidden among numbers in a (nested) list
    st.tuples(st.lists(numbers, max_size=4), booleans | texts, st.integers(0, 4)).map(
        lambda t: [*t[0][: t[2]], t[1], *t[0][t[2] :]]
    ),
    st.tuples(numbers, booleans | texts).map(lambda t: [[t[0]], [t[1]]]),
)


@settings(deadline=None, max_examples=300)
@given(call=st.sampled_from(CALLS), value=not_numbers)
def test_booleans_and_text_are_always_rejected_naming_the_argument(call, value):
    function, argument = call
    with pytest.raises(InputError) as info:
        result = function(**(VALID[function] | {argument: value}))
        if isinstance(result, erlang.ErlangAResult):
            _ = result.service_level, result.asa
    assert str(info.value).startswith(f"{argument}: must be "), str(info.value)


@settings(deadline=None, max_examples=40)
@given(
    base=st.lists(loads, min_size=2, max_size=40),
    aht=ahts,
    targets=erlang_a_targets(),
    stride=st.integers(2, 5),
)
def test_bracketed_erlang_a_staffing_equals_the_full_search(base, aht, targets, stride):
    """Many loads with one AHT, threshold and patience are bracketed between sampled loads'
    answers: the result is the full search's, load by load (bracketing forced on small lists)."""
    load = np.asarray(base)
    saved = erlang._BRACKET_FROM, erlang._BRACKET_STRIDE
    try:
        erlang._BRACKET_FROM, erlang._BRACKET_STRIDE = 2, stride
        bracketed = erlang.required_agents(load, aht, **targets)
    finally:
        erlang._BRACKET_FROM, erlang._BRACKET_STRIDE = saved
    assert [int(erlang.required_agents(x, aht, **targets)) for x in load] == list(bracketed)
