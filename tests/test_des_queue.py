"""The single-queue simulation against Erlang C and Erlang A, call by call against SimPy, and its
edges: stationary start, lognormal handle times, determinism, conservation, bad input.

Statistical checks use fixed seeds, so they are deterministic; each compares the simulated KPI with
the exact value inside ``TOLERANCE`` x its own 95 % half-width and checks the interval is tight.
"""

import heapq

import numpy as np
import pytest
import simpy
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from sim import erlang
from sim.des import QUEUE_KPIS, Estimate, mean_half_width, simulate_queue, summarise
from sim.des.pool import AgentPool
from sim.des.stationary import stationary_state
from sim.des.stats import half_width, t_quantile

AHT = 300.0
TOLERANCE = 2.0


def _exact(agents, load, patience, threshold=20.0) -> dict:
    if patience is None:
        return {
            "service_level": erlang.service_level(agents, load, AHT, threshold),
            "asa": erlang.asa(agents, load, AHT),
            "p_wait": erlang.erlang_c(agents, load),
            "abandon_rate": 0.0,
            "occupancy": load / agents,
        }
    res = erlang.erlang_a(agents, load, AHT, patience, threshold)
    # the maths layer calls the share of offered calls that hang up p_abandon
    return {k: getattr(res, "p_abandon" if k == "abandon_rate" else k) for k in QUEUE_KPIS}


def _assert_matches(res, exact: dict, max_sl_half_width: float) -> None:
    assert res.half_width["service_level"] <= max_sl_half_width
    for kpi in QUEUE_KPIS:
        got, want, hw = getattr(res, kpi), float(exact[kpi]), res.half_width[kpi]
        assert abs(got - want) <= TOLERANCE * hw + 1e-12, f"{kpi}: {got} vs {want} +- {hw}"


# (agents, load, hours, replications): small and large teams, light and heavy load.
ERLANG_C = [
    (1, 0.5, 2000, 20),
    (5, 3.0, 700, 20),
    (20, 14.0, 160, 20),
    (100, 85.0, 45, 20),
]
ERLANG_A = [
    (3, 3.0, 60.0, 250, 20),
    (20, 24.0, 180.0, 250, 20),
    (100, 95.0, 120.0, 55, 20),
    (400, 380.0, 300.0, 10, 20),
]


@pytest.mark.parametrize(("agents", "load", "hours", "reps"), ERLANG_C)
def test_mmn_matches_erlang_c(agents, load, hours, reps):
    res = simulate_queue(agents, load, AHT, hours=hours, replications=reps, seed=11)
    _assert_matches(res, _exact(agents, load, None), max_sl_half_width=0.005)
    assert res.abandon_rate == 0.0 and res.abandoned == 0


@pytest.mark.parametrize(("agents", "load", "patience", "hours", "reps"), ERLANG_A)
def test_mmn_m_matches_erlang_a(agents, load, patience, hours, reps):
    res = simulate_queue(
        agents, load, AHT, patience=patience, hours=hours, replications=reps, seed=12
    )
    _assert_matches(res, _exact(agents, load, patience), max_sl_half_width=0.005)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("agents", "load", "patience", "hours"),
    [(10, 9.5, None, 2000), (1000, 970.0, None, 30), (2000, 2100.0, 60.0, 8)],
)
def test_heavy_and_large_queues_match_erlang(agents, load, patience, hours):
    res = simulate_queue(agents, load, AHT, patience=patience, hours=hours, replications=20)
    _assert_matches(res, _exact(agents, load, patience), max_sl_half_width=0.02)


def test_threshold_zero_is_share_not_waiting():
    res = simulate_queue(10, 8.0, AHT, threshold=0.0, hours=200, replications=5, seed=3)
    assert res.service_level == pytest.approx(1.0 - res.p_wait)


def test_short_runs_are_unbiased_from_the_first_call():
    """Half-hour replications (about 50 calls each) start in steady state: busy time and the
    pooled probability of waiting match Erlang C; an empty start would be ~0.1 lower."""
    res = simulate_queue(10, 8.0, AHT, hours=0.5, replications=600, seed=5)
    rows = res.replications
    assert abs(res.occupancy - 0.8) <= TOLERANCE * res.half_width["occupancy"]
    assert res.half_width["occupancy"] < 0.02
    pooled = (rows["p_wait"] * rows["calls"]).sum() / rows["calls"].sum()
    se = np.sqrt(pooled * (1 - pooled) / rows["calls"].sum()) * 3  # calls are correlated
    assert abs(pooled - float(erlang.erlang_c(10, 8.0))) <= 3 * se


def test_stationary_state_moments():
    rng = np.random.default_rng(0)
    for agents, load, patience in [(10, 8.0, None), (10, 12.0, 60.0), (200, 190.0, 120.0)]:
        state = stationary_state(agents, load, AHT, patience)
        draws = np.array([state.sample(rng) for _ in range(10_000)])
        busy, queued = draws[:, 0], draws[:, 1]
        if patience is None:
            c = float(erlang.erlang_c(agents, load))
            rho = load / agents
            want_busy, want_queue = load, c * rho / (1 - rho)
        else:
            p_ab = float(erlang.erlang_a(agents, load, AHT, patience).p_abandon)
            want_busy, want_queue = load * (1 - p_ab), load / AHT * p_ab * patience
        for got, want in ((busy, want_busy), (queued, want_queue)):
            assert abs(got.mean() - want) <= 5 * got.std() / np.sqrt(got.size) + 1e-9


def test_lognormal_cv1_close_to_exponential_and_low_cv_better():
    kw = {"hours": 200, "replications": 10, "seed": 21}
    exp = simulate_queue(20, 17.0, AHT, **kw)
    ln1 = simulate_queue(20, 17.0, AHT, service="lognormal", aht_cv=1.0, **kw)
    ln02 = simulate_queue(20, 17.0, AHT, service="lognormal", aht_cv=0.2, **kw)
    exact = _exact(20, 17.0, None)
    hw = ln1.half_width
    assert abs(ln1.service_level - exact["service_level"]) <= 2 * hw["service_level"] + 0.01
    assert abs(ln1.asa - exact["asa"]) <= 2 * hw["asa"] + 0.1 * exact["asa"]
    for res in (ln1, ln02):  # the lognormal mean is the AHT: occupancy stays load / agents
        assert abs(res.occupancy - 17.0 / 20) <= TOLERANCE * res.half_width["occupancy"]
    gap = exp.half_width["service_level"] + ln02.half_width["service_level"]
    assert ln02.service_level - exp.service_level > gap
    assert ln02.service_level - ln1.service_level > gap
    assert ln02.asa < ln1.asa and ln02.asa < exp.asa
    assert ln1.setup.warmup == max(20 * AHT, 0.1 * 200 * 3600)
    assert exp.setup.warmup == 0.0


@pytest.mark.parametrize("cv", [0.2, 2.0])
def test_lognormal_with_patience_keeps_the_answered_load_identity(cv):
    """Occupancy = load x (1 - P(abandon)) / agents for any handle-time distribution."""
    res = simulate_queue(
        10, 10.0, AHT, patience=90.0, hours=100, replications=8, service="lognormal", aht_cv=cv
    )
    hw = res.half_width
    want = 10.0 * (1.0 - res.abandon_rate) / 10
    assert abs(res.occupancy - want) <= TOLERANCE * (hw["occupancy"] + hw["abandon_rate"])
    assert 0.05 < res.abandon_rate < 0.5


def test_same_seed_identical_other_seed_differs():
    kw = {"patience": 120.0, "hours": 5, "replications": 4}
    a = simulate_queue(30, 28.0, AHT, seed=7, **kw)
    b = simulate_queue(30, 28.0, AHT, seed=7, **kw)
    c = simulate_queue(30, 28.0, AHT, seed=8, **kw)
    assert np.array_equal(a.replications, b.replications)
    assert a.service_level == b.service_level and a.half_width == b.half_width
    assert not np.array_equal(a.replications, c.replications)
    assert len(set(a.replications["calls"])) > 1  # replications are independent streams


def test_conservation_and_counts_at_the_end():
    res = simulate_queue(5, 10.0, AHT, patience=600.0, hours=2, replications=8, seed=4)
    rows = res.replications
    assert np.array_equal(rows["calls"], rows["answered"] + rows["abandoned"] + rows["waiting"])
    assert (rows["in_service"] <= rows["answered"]).all()
    assert (rows["in_service"] <= 5).all()
    assert rows["waiting"].sum() > 0  # overloaded: callers still queue at the end
    assert res.calls == res.answered + res.abandoned + res.waiting
    assert res.in_system == res.waiting + res.in_service
    expected = 10.0 / AHT * 2 * 3600 * 8
    assert abs(res.calls - expected) < 5 * np.sqrt(expected)
    # KPIs count each call's eventual fate; the counts are a snapshot at the end.
    assert res.abandon_rate >= rows["abandoned"].sum() / res.calls - 1e-12
    assert res.abandon_rate <= (rows["abandoned"] + rows["waiting"]).sum() / res.calls + 1e-12


def test_zero_load_and_result_shape():
    res = simulate_queue(3, 0.0, AHT, hours=1, replications=2)
    assert res.calls == 0 and res.service_level == 1.0 and res.occupancy == 0.0
    assert set(res.half_width) == {"service_level", "abandon_rate", "asa", "p_wait", "occupancy"}
    assert set(res.half_width) == set(QUEUE_KPIS)
    assert set(res.estimates) == set(res.half_width)
    assert isinstance(res.estimates["asa"], Estimate)
    assert res.replications.shape == (2,)
    assert "service_level=1+-0" in repr(res)
    assert {"calls", "answered", "abandoned", "waiting", "in_service"} <= set(
        res.replications.dtype.names
    )


def test_progress_reports_replications():
    seen = []
    simulate_queue(3, 2.0, AHT, hours=1, replications=3, progress=lambda d, t: seen.append((d, t)))
    assert seen == [(1, 3), (2, 3), (3, 3)]


@pytest.mark.parametrize(
    ("kwargs", "names"),
    [
        ({"agents": 0}, ["agents"]),
        ({"agents": 2.5}, ["agents"]),
        ({"agents": [3, 4]}, ["agents"]),
        ({"load": -1.0}, ["load"]),
        ({"aht": 0.0}, ["aht"]),
        ({"patience": 0.0}, ["patience"]),
        ({"patience": -5.0}, ["patience"]),
        ({"threshold": -1.0}, ["threshold"]),
        ({"hours": 0.0}, ["hours"]),
        ({"replications": 1}, ["replications", ">= 2"]),
        ({"seed": -1}, ["seed"]),
        ({"seed": "x"}, ["seed"]),
        ({"service": "gamma"}, ["service", "'exponential'", "'lognormal'"]),
        ({"service": "lognormal"}, ["aht_cv"]),
        ({"service": "lognormal", "aht_cv": 0.0}, ["aht_cv"]),
        ({"aht_cv": 0.5}, ["aht_cv", "lognormal"]),
        ({"load": 4.0}, ["load", "agents", "unstable", "patience"]),
        ({"load": 5.0}, ["load", "agents", "unstable"]),
        ({"progress": 5}, ["progress"]),
        ({"warmup": -1.0}, ["warmup"]),
    ],
)
def test_bad_input_names_the_argument(kwargs, names):
    args = {"agents": 4, "load": 2.0, "aht": AHT, "hours": 1.0} | kwargs
    positional = (args.pop("agents"), args.pop("load"), args.pop("aht"))
    with pytest.raises(ValueError) as info:
        simulate_queue(*positional, **args)
    for name in names:
        assert name in str(info.value)


def test_overload_is_fine_with_patience():
    res = simulate_queue(4, 8.0, AHT, patience=60.0, hours=20, replications=3, seed=1)
    assert 0.4 < res.abandon_rate < 1.0


# --- the FCFS recursion, call by call ----------------------------------------------------------


def _simpy_reference(agents, arrivals, services, patience):
    """Event-driven SimPy model of the same callers: (start time or nan) per caller."""
    env = simpy.Environment()
    pool = simpy.Resource(env, capacity=agents)
    start = np.full(len(arrivals), np.nan)

    def caller(i):
        yield env.timeout(arrivals[i])
        with pool.request() as req:
            got = yield req | env.timeout(patience[i])
            if req in got:
                start[i] = env.now
                yield env.timeout(services[i])

    for i in range(len(arrivals)):
        env.process(caller(i))
    env.run()
    return start


@settings(max_examples=60, deadline=None)
@given(
    agents=st.integers(1, 6),
    seed=st.integers(0, 2**32 - 1),
    calls=st.integers(1, 120),
    load=st.floats(0.1, 2.0),
)
def test_pool_matches_simpy_call_by_call(agents, seed, calls, load):
    rng = np.random.default_rng(seed)
    arrivals = np.cumsum(rng.exponential(AHT / (load * agents), calls))
    services = rng.exponential(AHT, calls)
    patience = rng.exponential(120.0, calls)
    want = _simpy_reference(agents, arrivals.tolist(), services.tolist(), patience.tolist())
    first_free = AgentPool(np.zeros(agents)).serve(arrivals, services, arrivals + patience)
    served = first_free <= arrivals + patience
    np.testing.assert_array_equal(served, ~np.isnan(want))
    np.testing.assert_allclose(np.maximum(arrivals, first_free)[served], want[served], rtol=1e-12)


def _heap_reference(free, arrivals, services, deadlines):
    heap = sorted(free)
    start, served = [], []
    for a, s, d in zip(arrivals, services, deadlines, strict=True):
        f = heap[0]
        begin = max(a, f)
        start.append(begin)
        served.append(begin <= d)
        if begin <= d:
            heapq.heapreplace(heap, begin + s)
    return np.array(start), np.array(served)


@settings(max_examples=80, deadline=None)
@given(
    agents=st.integers(1, 40),
    gaps=st.lists(st.sampled_from([0.0, 0.5, 1.0, 3.0, 10.0, 40.0]), min_size=1, max_size=600),
    seed=st.integers(0, 2**32 - 1),
    pieces=st.integers(1, 4),
    patient=st.booleans(),
)
def test_pool_blocks_and_loop_agree_with_plain_heap(agents, gaps, seed, pieces, patient):
    """Ties, zero handle times and pools that flip between vectorised blocks and the heap loop."""
    rng = np.random.default_rng(seed)
    arrivals = np.cumsum(gaps)
    services = rng.choice([0.0, 1.0, 30.0, 200.0], size=arrivals.size) * rng.random(arrivals.size)
    deadlines = arrivals + (np.inf if patient else rng.choice([0.0, 5.0, 50.0], arrivals.size))
    free = rng.choice([0.0, 20.0, 100.0], size=agents)
    want_start, want_served = _heap_reference(free.tolist(), arrivals, services, deadlines)
    pool = AgentPool(free)
    parts = []
    for idx in np.array_split(np.arange(arrivals.size), pieces):
        parts.append(pool.serve(arrivals[idx], services[idx], None if patient else deadlines[idx]))
    first_free = np.concatenate(parts)
    np.testing.assert_array_equal(np.maximum(arrivals, first_free), want_start)
    np.testing.assert_array_equal(first_free <= deadlines, want_served)


def test_pool_rejects_empty():
    with pytest.raises(ValueError, match="free_times"):
        AgentPool([])


# --- replication statistics ---------------------------------------------------------------------


def test_mean_half_width_is_student_t():
    values = np.array([0.81, 0.79, 0.84, 0.80, 0.78])
    mean, hw = mean_half_width(values)
    assert mean == pytest.approx(values.mean())
    assert hw == pytest.approx(stats.t.ppf(0.975, 4) * values.std(ddof=1) / np.sqrt(5))
    assert half_width(values, confidence=0.9) < hw
    assert t_quantile(10) == pytest.approx(2.2621571627)
    means, widths = mean_half_width(np.ones((4, 3)), axis=0)
    assert means.shape == widths.shape == (3,) and (widths == 0).all()


def test_summarise_and_estimate():
    table = {"sl": np.array([0.8, 0.82, 0.79]), "asa": np.array([10.0, 12.0, 11.0])}
    out = summarise(table)
    assert list(out) == ["sl", "asa"]
    est = out["asa"]
    assert est.mean == pytest.approx(11.0) and est.replications == 3
    assert est.low < 11.0 < est.high and est.covers(11.5) and not est.covers(100.0)
    rec = np.zeros(3, dtype=[("x", "f8")])
    rec["x"] = [1.0, 2.0, 3.0]
    assert summarise(rec)["x"].mean == pytest.approx(2.0)


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: mean_half_width([1.0]), "values"),
        (lambda: mean_half_width([1.0, 2.0], confidence=1.5), "confidence"),
        (lambda: summarise({"sl": [0.8]}), "sl"),
        (lambda: summarise([1, 2, 3]), "table"),
        (lambda: t_quantile(1), "replications"),
    ],
)
def test_stats_bad_input(call, match):
    with pytest.raises(ValueError, match=match):
        call()
