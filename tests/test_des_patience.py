"""Patience that is not exponential: the distributions, the queue against Ciw (an independent
event-driven simulator with reneging) and Erlang A, and the provincial hub's peak.

Statistical checks use fixed seeds, so they are deterministic. Two simulations agree when their
means differ by at most the sum of their 95 % half-widths ("within the two confidence intervals");
a simulation matches an exact value within ``TOLERANCE`` x its half-width.
"""

import itertools
import math

import ciw
import numpy as np
import pytest
from scipy import stats

from sim import erlang
from sim.des import PATIENCE_DISTS, QUEUE_KPIS, simulate_queue
from sim.des.patience import PatienceTimes, patience_times, weibull_shape
from sim.des.stats import mean_half_width
from sim.errors import InputError

AHT = 300.0
PATIENCE = 120.0
THRESHOLD = 20.0
TOLERANCE = 2.0
CVS = {"gamma": math.sqrt(0.5), "weibull": 0.6, "lognormal": 1.5, "delayed_exponential": 0.75}
TABLE = {10.0: 0.1, 60.0: 0.4, 180.0: 0.3, 600.0: 0.2}


def _times(kind: str) -> PatienceTimes:
    if kind == "empirical":
        return patience_times("empirical", None, table=TABLE)
    return patience_times(kind, PATIENCE, CVS.get(kind))


# --- the distributions --------------------------------------------------------------------------


@pytest.mark.parametrize("kind", PATIENCE_DISTS)
def test_sample_mean_cv_and_residual_mean(kind):
    """Draws have the stated mean and cv; remaining patience at the start has the equilibrium
    mean ``E[X**2] / (2 E[X]) = mean (1 + cv**2) / 2``."""
    times = _times(kind)
    rng = np.random.default_rng(1)
    x = times.sample(rng, 400_000)
    assert (x >= 0).all()
    se = x.std() / math.sqrt(x.size)
    assert abs(x.mean() - times.mean) <= 5 * se
    assert x.std() / x.mean() == pytest.approx(times.cv, rel=0.03)
    r = times.residual(rng, 400_000)
    want = times.mean * (1 + times.cv**2) / 2
    assert abs(r.mean() - want) <= 5 * r.std() / math.sqrt(r.size)


def test_family_parameters_match_scipy():
    gamma = _times("gamma")
    assert gamma.shape == pytest.approx(2.0) and gamma.scale == pytest.approx(60.0)
    for cv in (0.05, 0.3, 0.6, 1.0, 2.5, 50.0):
        k = weibull_shape(cv)
        dist = stats.weibull_min(k)
        assert dist.std() / dist.mean() == pytest.approx(cv, rel=1e-9)
    assert weibull_shape(1.0) == pytest.approx(1.0)
    weibull = _times("weibull")
    assert stats.weibull_min(weibull.shape, scale=weibull.scale).mean() == pytest.approx(PATIENCE)
    lognormal = _times("lognormal")
    dist = stats.lognorm(lognormal.sigma, scale=math.exp(lognormal.mu))
    assert dist.mean() == pytest.approx(PATIENCE) and dist.std() == pytest.approx(1.5 * PATIENCE)


def test_delayed_exponential_is_an_announcement():
    """cv = (mean - d) / mean: a 10 s announcement with mean 120 s is cv 110 / 120."""
    times = patience_times("delayed_exponential", 120.0, 110.0 / 120.0)
    assert times.delay == pytest.approx(10.0)
    x = times.sample(np.random.default_rng(2), 100_000)
    assert x.min() >= 10.0 and x.min() < 10.1
    assert patience_times("delayed_exponential", 120.0, 1.0).delay == 0.0


def test_empirical_table_convention():
    """Values with probabilities: bins (0, v1], (v1, v2], ... with the CDF linear inside."""
    times = patience_times("empirical", None, table={30.0: 0.5, 10.0: 0.5})  # any key order
    assert times.table == ((0.0, 10.0, 30.0), (0.0, 0.5, 1.0))
    assert times.mean == pytest.approx(0.5 * 5.0 + 0.5 * 20.0)
    x = times.sample(np.random.default_rng(3), 200_000)
    assert np.mean(x <= 5.0) == pytest.approx(0.25, abs=0.005)
    assert np.mean(x <= 20.0) == pytest.approx(0.75, abs=0.005)
    assert x.max() <= 30.0
    assert patience_times("empirical", 12.5, table={10.0: 0.5, 30.0: 0.5}).mean == 12.5


def test_empirical_sample_is_numpy_linear_quantile():
    data = np.random.default_rng(4).gamma(2.0, 60.0, 500)
    times = patience_times("empirical", None, table=data[::-1])  # sorted here
    u = np.random.default_rng(5).random(1000)
    got = np.interp(u, times.table[1], times.table[0])
    np.testing.assert_allclose(got, np.quantile(data, u), rtol=1e-12)
    np.testing.assert_array_equal(times.sample(np.random.default_rng(5), 1000), got)
    assert times.mean == pytest.approx(data.mean(), rel=0.01)


@pytest.mark.parametrize(
    ("kwargs", "names"),
    [
        (
            {"patience_dist": "gama"},
            [
                "patience_dist: must be one of exponential, gamma, weibull, lognormal, "
                "delayed_exponential, empirical; got 'gama'"
            ],
        ),
        ({"patience_dist": "gamma"}, ["patience_cv", "required"]),
        ({"patience_dist": "gamma", "patience_cv": 0.0}, ["patience_cv", "> 0"]),
        ({"patience_dist": "gamma", "patience_cv": -1.0}, ["patience_cv"]),
        ({"patience_dist": "gamma", "patience_cv": float("nan")}, ["patience_cv"]),
        ({"patience_cv": 0.5}, ["patience_cv", "exponential", "gamma, weibull"]),
        ({"patience_cv": 1.0}, ["patience_cv", "exponential"]),
        ({"patience_dist": "weibull", "patience_cv": 500.0}, ["patience_cv", "0.01", "100"]),
        ({"patience_dist": "delayed_exponential", "patience_cv": 1.2}, ["patience_cv", "(0, 1]"]),
        (
            {"patience_dist": "gamma", "patience_cv": 0.7, "patience_table": TABLE},
            ["patience_table", "'empirical'", "'gamma'"],
        ),
        ({"patience_table": TABLE}, ["patience_table", "'exponential'"]),
        ({"patience_dist": "empirical"}, ["patience_table", "required"]),
        (
            {"patience_dist": "empirical", "patience_table": TABLE, "patience_cv": 0.5},
            ["patience_cv", "patience_table"],
        ),
        (
            {"patience_dist": "empirical", "patience_table": {10.0: 0.5, 60.0: 0.4}},
            ["patience_table", "sum to 1"],
        ),
        (
            {"patience_dist": "empirical", "patience_table": {10.0: -0.5, 60.0: 1.5}},
            ["patience_table probabilities", ">= 0"],
        ),
        (
            {"patience_dist": "empirical", "patience_table": {-10.0: 0.5, 60.0: 0.5}},
            ["patience_table values"],
        ),
        ({"patience_dist": "empirical", "patience_table": [5.0]}, ["patience_table", "at least 2"]),
        ({"patience_dist": "empirical", "patience_table": [[1.0, 2.0]]}, ["patience_table"]),
        ({"patience_dist": "empirical", "patience_table": [0.0, 0.0]}, ["patience_table", "mean"]),
        (
            {"patience_dist": "empirical", "patience_table": TABLE, "patience": 120.0},
            ["patience", "128.5", "None"],
        ),
        ({"patience": None, "patience_dist": "gamma", "patience_cv": 0.7}, ["patience", "None"]),
        ({"patience": None, "patience_cv": 0.7}, ["patience"]),
        ({"patience": 0.0, "patience_dist": "gamma", "patience_cv": 0.7}, ["patience", "> 0"]),
    ],
)
def test_bad_patience_input_names_the_argument(kwargs, names):
    args = {"patience": PATIENCE, "hours": 1.0, "replications": 2} | kwargs
    with pytest.raises(InputError) as info:
        simulate_queue(4, 2.0, AHT, **args)
    for name in names:
        assert name in str(info.value)


# --- the queue with non-exponential patience ----------------------------------------------------


def test_exponential_via_the_new_keywords_is_byte_identical():
    kw = {"patience": PATIENCE, "hours": 3, "replications": 3, "seed": 9}
    old = simulate_queue(30, 29.0, AHT, **kw)
    new = simulate_queue(30, 29.0, AHT, patience_dist="exponential", **kw)
    assert np.array_equal(old.replications, new.replications)
    assert new.setup.warmup == 0.0 and new.setup.patience_dist == "exponential"


def test_other_patience_warms_up_and_is_reproducible():
    kw = {"patience": PATIENCE, "patience_dist": "gamma", "patience_cv": 0.7, "hours": 3}
    a = simulate_queue(30, 29.0, AHT, replications=3, seed=4, **kw)
    b = simulate_queue(30, 29.0, AHT, replications=3, seed=4, **kw)
    assert np.array_equal(a.replications, b.replications)
    assert a.setup.warmup == max(20 * AHT, 0.1 * 3 * 3600, 20 * PATIENCE)
    slow = simulate_queue(
        30, 29.0, AHT, patience=3600.0, patience_dist="weibull", patience_cv=0.5, hours=3
    )
    assert slow.setup.warmup == 20 * 3600.0
    assert set(a.half_width) == set(QUEUE_KPIS)


@pytest.mark.parametrize("kind", ["gamma", "weibull", "delayed_exponential"])
def test_exponential_patience_through_the_warm_up_path_matches_erlang_a(kind):
    """Gamma and Weibull with cv 1 and a zero delay are the exponential, but take the approximate
    start and the warm-up: the result must still be Erlang A."""
    agents, load = 100, 95.0
    res = simulate_queue(
        agents,
        load,
        AHT,
        patience=PATIENCE,
        patience_dist=kind,
        patience_cv=1.0,
        hours=24,
        replications=20,
        seed=13,
    )
    assert res.setup.warmup > 0
    exact = erlang.erlang_a(agents, load, AHT, PATIENCE, THRESHOLD)
    assert res.half_width["service_level"] < 0.01
    for kpi, want in [
        ("service_level", exact.service_level),
        ("abandon_rate", exact.p_abandon),
        ("asa", exact.asa),
        ("p_wait", exact.p_wait),
        ("occupancy", exact.occupancy),
    ]:
        got, hw = getattr(res, kpi), res.half_width[kpi]
        assert abs(got - float(want)) <= TOLERANCE * hw, f"{kpi}: {got} vs {want} +- {hw}"


def test_empirical_table_of_a_gamma_sample_behaves_like_the_gamma():
    data = np.random.default_rng(7).gamma(2.0, 60.0, 20_000)
    kw = {"hours": 24, "replications": 20, "seed": 14}
    gamma = simulate_queue(
        20, 21.0, AHT, patience=PATIENCE, patience_dist="gamma", patience_cv=math.sqrt(0.5), **kw
    )
    table = simulate_queue(20, 21.0, AHT, patience_dist="empirical", patience_table=data, **kw)
    for kpi in ("service_level", "abandon_rate"):
        gap = abs(getattr(gamma, kpi) - getattr(table, kpi))
        assert gap <= gamma.half_width[kpi] + table.half_width[kpi]


def test_answered_load_identity_holds_for_any_patience():
    """Occupancy = load x (1 - abandon rate) / agents whatever the patience distribution."""
    for kind in ("weibull", "lognormal", "empirical"):
        kw = {"patience_table": TABLE} if kind == "empirical" else {"patience": PATIENCE}
        res = simulate_queue(
            10,
            11.0,
            AHT,
            patience_dist=kind,
            patience_cv=CVS.get(kind),
            hours=24,
            replications=10,
            seed=15,
            **kw,
        )
        hw = res.half_width
        want = 11.0 * (1.0 - res.abandon_rate) / 10
        assert abs(res.occupancy - want) <= TOLERANCE * (hw["occupancy"] + hw["abandon_rate"])


# --- against Ciw ---------------------------------------------------------------------------------


def _ciw_patience(times: PatienceTimes):
    if times.kind == "gamma":
        return ciw.dists.Gamma(times.shape, times.scale)
    if times.kind == "weibull":
        return ciw.dists.Weibull(times.scale, times.shape)
    if times.kind == "lognormal":
        return ciw.dists.Lognormal(times.mu, times.sigma)
    assert times.kind == "delayed_exponential"
    return ciw.dists.Deterministic(times.delay) + ciw.dists.Exponential(
        rate=1.0 / (times.mean - times.delay)
    )


def _ciw_replication(agents, load, times, hours, warmup, seed) -> tuple[float, float]:
    """Service level and abandonment of the calls arriving in ``[warmup, warmup + hours]`` of a
    Ciw M/M/n+G run that starts empty (each call's fate resolved within one more hour)."""
    network = ciw.create_network(
        arrival_distributions=[ciw.dists.Exponential(rate=load / AHT)],
        service_distributions=[ciw.dists.Exponential(rate=1.0 / AHT)],
        number_of_servers=[agents],
        reneging_time_distributions=[_ciw_patience(times)],
    )
    ciw.seed(seed)
    simulation = ciw.Simulation(network)
    end = warmup + hours * 3600.0
    simulation.simulate_until_max_time(end + 3600.0)
    offered = within = abandoned = 0
    for rec in simulation.get_all_records():
        if not warmup <= rec.arrival_date < end:
            continue
        if rec.record_type == "service":
            offered += 1
            within += rec.waiting_time <= THRESHOLD
        elif rec.record_type == "renege":
            offered += 1
            abandoned += 1
    return within / offered, abandoned / offered


def _compare_with_ciw(kind, agents, load, hours, replications):
    times = _times(kind)
    ours = simulate_queue(
        agents,
        load,
        AHT,
        patience=PATIENCE,
        patience_dist=kind,
        patience_cv=times.cv,
        threshold=THRESHOLD,
        hours=hours,
        replications=replications,
        seed=16,
    )
    rows = np.array(
        [
            _ciw_replication(agents, load, times, hours, 3600.0, 1000 + i)
            for i in range(replications)
        ]
    )
    for col, kpi in enumerate(("service_level", "abandon_rate")):
        theirs, theirs_hw = mean_half_width(rows[:, col])
        got, hw = getattr(ours, kpi), ours.half_width[kpi]
        assert abs(got - theirs) <= hw + theirs_hw, (
            f"{kpi}: ours {got}+-{hw}, Ciw {theirs}+-{theirs_hw}"
        )
    return ours, rows


@pytest.mark.parametrize("kind", list(CVS))
def test_agrees_with_ciw(kind):
    """A short check per family (about 20,000 calls each side)."""
    _compare_with_ciw(kind, 10, 10.5, hours=16, replications=12)


@pytest.mark.slow
@pytest.mark.parametrize("kind", list(CVS))
@pytest.mark.parametrize(("agents", "load"), [(10, 10.5), (30, 31.0)])
def test_agrees_with_ciw_long(kind, agents, load):
    """About 150,000 (10 agents) to 450,000 (30 agents) calls each side. The check has power: the
    half-widths are small enough to tell gamma, Weibull and the delayed exponential from the
    exponential with the same mean (Erlang A), 4 to 10 points of service level away. (The
    lognormal with cv 1.5 lands within about a point of Erlang A at these loads.)"""
    ours, rows = _compare_with_ciw(kind, agents, load, hours=48, replications=30)
    hw = ours.half_width["service_level"]
    assert hw < 0.01
    if kind != "lognormal":
        exp_sl = float(erlang.erlang_a(agents, load, AHT, PATIENCE, THRESHOLD).service_level)
        theirs, theirs_hw = mean_half_width(rows[:, 0])
        assert min(exp_sl - ours.service_level, exp_sl - theirs) > 2 * (hw + theirs_hw)


# --- the provincial hub's peak ------------------------------------------------------------------

PEAK = {"agents": 397, "load": 413.0, "aht": 330.0, "patience": 120.0, "threshold": 20.0}
# service level reported for the peak: exponential, gamma shape 2, 10 s announcement + exponential
PEAK_REPORTED = {"exponential": 0.895, "gamma": 0.588, "delayed_exponential": 0.758}
# The reported figures are simulation estimates themselves (the exponential one is 0.4 point below
# the exact Erlang A value, 0.8987): half a point of slack on top of our own interval.
PEAK_REPORT_SLACK = 0.005
PEAK_CV = {"exponential": None, "gamma": math.sqrt(0.5), "delayed_exponential": 110.0 / 120.0}


def _peak(kind, hours, replications):
    return simulate_queue(
        **PEAK,
        patience_dist=kind,
        patience_cv=PEAK_CV[kind],
        hours=hours,
        replications=replications,
        seed=17,
    )


def _check_peak(hours, replications):
    res = {kind: _peak(kind, hours, replications) for kind in PEAK_CV}
    for kind, want in PEAK_REPORTED.items():
        got, hw = res[kind].service_level, res[kind].half_width["service_level"]
        assert abs(got - want) <= TOLERANCE * hw + PEAK_REPORT_SLACK, (
            f"{kind}: {got} +- {hw} vs reported {want}"
        )
    exact = erlang.erlang_a(397, 413.0, 330.0, 120.0, 20.0)
    exp = res["exponential"]
    assert (
        abs(exp.service_level - exact.service_level) <= TOLERANCE * exp.half_width["service_level"]
    )
    assert abs(exp.abandon_rate - exact.p_abandon) <= TOLERANCE * exp.half_width["abandon_rate"]
    # same mean patience, fewer early hang-ups: a longer queue, a lower service level
    order = ["exponential", "delayed_exponential", "gamma"]
    for better, worse in itertools.pairwise(order):
        gap = res[better].half_width["service_level"] + res[worse].half_width["service_level"]
        assert res[better].service_level - res[worse].service_level > gap
        assert res[better].asa < res[worse].asa
    assert res["gamma"].abandon_rate < exp.abandon_rate - (
        res["gamma"].half_width["abandon_rate"] + exp.half_width["abandon_rate"]
    )
    return res


def test_provincial_peak_gamma_patience_lowers_service_level():
    """397 agents, 413 Erlangs, AHT 330 s, patience 120 s, threshold 20 s: exponential ~89.5 %,
    gamma shape 2 ~58.8 %, a 10 s announcement then exponential ~75.8 %."""
    _check_peak(hours=8, replications=20)


@pytest.mark.slow
def test_provincial_peak_long():
    res = _check_peak(hours=24, replications=60)
    assert res["gamma"].half_width["service_level"] < 0.01
