"""Erlang B, C and A against 50-digit mpmath references built independently of ``sim.erlang``.

The references never reuse the module's formulas or its float64 arithmetic:

- Erlang B by Erlang's recursion ``1/B(k) = 1 + k / (a B(k-1))`` at 50 digits up to 2,000 agents,
  and by mpmath's regularised upper incomplete gamma function beyond (the two agree, see below);
- Erlang C from B, the textbook ``C = n B / (n - a (1 - B))``, ``SL = 1 - C e**(-(n-a) t / AHT)``;
- Erlang A from the birth-death chain of M/M/n+M at 60 digits: the queue-length distribution
  summed far into its tail, and each waiting caller followed individually (with ``j`` callers
  ahead, the wait is a sum of exponentials of rates ``n/AHT + k/patience``, ``k = 0..j``);
- Erlang A for large pools also from mpmath's confluent hypergeometric function:
  ``sum_j prod_{i<=j} y/(x+i) = 1F1(1; x+1; y)`` and
  ``P(s, z) = z**s e**-z / Gamma(s+1) 1F1(1; s+1; z)``.

Relative error <= 1e-9 everywhere; values below ``1e-300`` are compared with an absolute floor,
since float64 cannot hold them to 1e-9 (they are subnormal or underflow to 0).
"""

import itertools
import math

import mpmath as mp
import numpy as np
import pytest

from sim import erlang

RTOL = 1e-9
FLOOR = 1e-300
TINY = mp.mpf(10) ** -45  # where the reference series stop
AHT = 300.0
KPIS = ("p_wait", "p_abandon", "service_level", "asa", "occupancy")


def assert_close(got, ref, what: str, rtol: float = RTOL) -> None:
    got = float(got)
    assert math.isfinite(got), f"{what}: got {got}"
    error = abs(mp.mpf(got) - ref)
    if error > rtol * abs(ref) + FLOOR:
        rel = mp.nstr(error / abs(ref), 3) if ref else "inf"
        pytest.fail(f"{what}: got {got!r}, reference {mp.nstr(ref, 17)}, relative error {rel}")


# ---------------------------------------------------------------------------------- references


def ref_erlang_b(n: int, a: float) -> mp.mpf:
    """Erlang B at 50 digits: the recursion up to 2,000 agents, the incomplete gamma beyond."""
    with mp.workdps(50):
        a = mp.mpf(a)
        if n == 0:
            return mp.mpf(1)
        if a == 0:
            return mp.mpf(0)
        if n <= 2000:
            return _erlang_b_recursion(n, a)
        return _erlang_b_gamma(n, a)


def _erlang_b_recursion(n: int, a: mp.mpf) -> mp.mpf:
    inverse = mp.mpf(1)
    for k in range(1, n + 1):
        inverse = 1 + inverse * k / a
    return 1 / inverse


def _erlang_b_gamma(n: int, a: mp.mpf) -> mp.mpf:
    log_term = n * mp.log(a) - a - mp.loggamma(n + 1)
    return mp.exp(log_term) / mp.gammainc(n + 1, a, regularized=True)


def ref_erlang_c(n: int, a: float, aht: float, thresholds) -> dict:
    """P(wait), SL per threshold and ASA of M/M/n at 50 digits, for ``load < agents``."""
    with mp.workdps(50):
        b, a_, aht_ = ref_erlang_b(n, a), mp.mpf(a), mp.mpf(aht)
        c = n * b / (n - a_ * (1 - b))
        return {
            "b": b,
            "c": c,
            "service_level": {t: 1 - c * mp.exp(-(n - a_) * mp.mpf(t) / aht_) for t in thresholds},
            "asa": c * aht_ / (n - a_),
        }


def ref_erlang_a_chain(n: int, a: float, aht: float, patience: float, thresholds) -> dict:
    """Erlang A KPIs from the birth-death chain of M/M/n+M, at 60 digits.

    States ``k <= n`` weigh ``a**k / k!``; relative to state ``n`` they sum to ``1/B - 1``. A queue
    of ``j`` callers weighs ``t_j = prod_{i<=j} y / (x + i)`` relative to state ``n``, with
    ``x = n patience / AHT`` and ``y = load patience / AHT``. An arrival who finds ``j`` callers
    queued moves up at rate ``(x + k)/patience`` with ``k`` ahead and hangs up at rate
    ``1/patience``: answered with probability ``x / (x + j + 1)``, and ``exp(-V / patience)`` of
    their wait ``V`` to an agent is ``Beta(x, j + 1)``. So among arrivals who find ``j`` queued,
    those answered within ``t`` are ``x/(x+j+1) I_p(j+1, x+1)``, ``p = 1 - e**(-t/patience)``,
    where ``I_p(m, b) = P(NegBin(b, p) >= m)``; their mean wait times the answered share is
    ``x/(x+j+1) patience sum_{k<=j} 1/(x+k+1)``.
    """
    with mp.workdps(60):
        n_, a_, pat = mp.mpf(n), mp.mpf(a), mp.mpf(patience)
        if a_ == 0:
            return {"p_wait": 0, "p_abandon": 0, "asa": 0, "occupancy": 0} | {
                "service_level": dict.fromkeys(thresholds, 1)
            }
        if n == 0:
            return {"p_wait": 1, "p_abandon": 1, "asa": 0, "occupancy": 0} | {
                "service_level": dict.fromkeys(thresholds, 0)
            }
        x, y = n_ * pat / mp.mpf(aht), a_ * pat / mp.mpf(aht)
        below = 1 / ref_erlang_b(n, a) - 1
        answered_weights = []
        term, queued, abandon, waited, harmonic = (mp.mpf(v) for v in (1, 0, 0, 0, 0))
        j = 0
        while True:
            answered = term * x / (x + j + 1)
            harmonic += 1 / (x + j + 1)
            answered_weights.append(answered)
            queued += term
            abandon += term * (j + 1) / (x + j + 1)
            waited += answered * pat * harmonic
            j += 1
            term *= y / (x + j)
            if j > y - x and term < TINY * queued:
                break
        total = below + queued
        p_abandon = abandon / total
        served = 1 - p_abandon
        service_level = {
            t: (below + _answered_within(answered_weights, x, mp.mpf(t) / pat)) / total
            for t in thresholds
        }
        return {
            "p_wait": queued / total,
            "p_abandon": p_abandon,
            "service_level": service_level,
            "asa": waited / total / served,
            "occupancy": a_ * served / n_,
        }


def _answered_within(weights, x, t_over_patience) -> mp.mpf:
    """``sum_j w_j I_p(j+1, x+1)`` with ``I_p(m, b) = sum_{k>=m} T_k``, ``T_k`` the negative
    binomial probabilities ``Gamma(k+b) / (k! Gamma(b)) p**k q**b``, ``q = 1 - p``."""
    q = mp.exp(-t_over_patience)
    p, b = 1 - q, x + 1
    mass = q**b
    if p < 0.5:
        # sum_{k>=1} T_k sum_{j<k} w_j: positive terms, falling at least like p**k.
        cumulative, within, k = weights[0], mp.mpf(0), 1
        while True:
            mass *= p * (k - 1 + b) / k
            within += mass * cumulative
            if k < len(weights):
                cumulative += weights[k]
            k += 1
            if k > len(weights) and k > b * p / q and mass * cumulative <= TINY * within:
                return within
    # I_p(j+1, b) = 1 - sum_{k<=j} T_k, a finite sum; with p >= 1/2 it is not small.
    cdf, late = mp.mpf(0), mp.mpf(0)
    for k, w in enumerate(weights):
        if k > 0:
            mass *= p * (k - 1 + b) / k
        cdf += mass
        late += w * cdf
    return mp.fsum(weights) - late


def _lower_gamma(s: mp.mpf, z: mp.mpf) -> mp.mpf:
    """Regularised lower incomplete gamma ``P(s, z) = z**s e**-z / Gamma(s+1) 1F1(1; s+1; z)``."""
    log_term = s * mp.log(z) - z - mp.loggamma(s + 1)
    return mp.exp(log_term) * mp.hyp1f1(1, s + 1, z, maxterms=10**7)


def ref_erlang_a_closed(n: int, a: float, aht: float, patience: float, thresholds) -> dict:
    """Erlang A at 80 digits from ``S = 1F1(1; x+1; y)`` (the chain's queue weights in closed
    form): ``P(wait) = S / (1/B - 1 + S)``, ``P(abandon | wait) = 1 - (x/y)(1 - 1/S)`` (abandonment
    rate ``E[queue] / patience`` over the arrival rate), and the waiting callers answered within
    ``t``: ``(x/y)(P(x+1, y) - P(x+1, y e**(-t/patience))) / P(x, y)``. No ASA."""
    with mp.workdps(80):
        x = mp.mpf(n) * mp.mpf(patience) / mp.mpf(aht)
        y = mp.mpf(a) * mp.mpf(patience) / mp.mpf(aht)
        s = mp.hyp1f1(1, x + 1, y, maxterms=10**7)
        below = 1 / ref_erlang_b(n, a) - 1
        p_wait, p_no_wait = s / (below + s), below / (below + s)
        p_abandon = p_wait * (1 - x / y * (1 - 1 / s))
        p_xy, p_x1y = _lower_gamma(x, y), _lower_gamma(x + 1, y)
        service_level = {}
        for t in thresholds:
            late = _lower_gamma(x + 1, y * mp.exp(-mp.mpf(t) / mp.mpf(patience)))
            service_level[t] = p_no_wait + p_wait * x / y * (p_x1y - late) / p_xy
        return {
            "p_wait": p_wait,
            "p_abandon": p_abandon,
            "service_level": service_level,
            "occupancy": mp.mpf(a) * (1 - p_abandon) / n,
        }


def _check_erlang_a(n, a, patience, thresholds, ref, kpis=KPIS) -> None:
    for t in thresholds:
        got = erlang.erlang_a(n, a, AHT, patience, t)
        where = f"erlang_a(n={n}, load={a!r}, aht={AHT}, patience={patience}, threshold={t})"
        for kpi in kpis:
            want = ref[kpi][t] if kpi == "service_level" else ref[kpi]
            assert_close(getattr(got, kpi), want, f"{where}.{kpi}")


# ------------------------------------------------------------------------- published values


def test_published_erlang_c_values():
    """Erlang C textbook checks: 3 agents at 2 Erlangs wait with probability 4/9; 14 agents at
    10 Erlangs, AHT 180 s: P(wait) 0.1741, 80/20 service level 0.8884."""
    assert_close(erlang.erlang_c(3, 2.0), mp.mpf(4) / 9, "erlang_c(3, 2)", rtol=1e-14)
    assert float(erlang.erlang_c(14, 10.0)) == pytest.approx(0.1741, abs=5e-5)
    assert float(erlang.service_level(14, 10.0, 180.0, 20.0)) == pytest.approx(0.8884, abs=5e-5)
    assert float(erlang.erlang_b(10, 5.0)) == pytest.approx(0.0183846, abs=5e-8)


def test_reference_recursion_and_gamma_agree():
    """The two Erlang B references agree where both are cheap."""
    with mp.workdps(50):
        for n, a in [(2500, 2400.5), (3000, 30.0), (2100, 2205.0)]:
            rec, gam = _erlang_b_recursion(n, mp.mpf(a)), _erlang_b_gamma(n, mp.mpf(a))
            assert abs(rec - gam) <= mp.mpf(10) ** -40 * rec


# ----------------------------------------------------------------------------------- Erlang B


def _load_grid(n: int, top: float) -> list[float]:
    """Loads from 0.01 Erlangs up to ``top x agents``, with tiny and near-critical ratios."""
    ratios = [1e-4, 0.1, 0.5, 0.9, 0.99, 1 - 1e-6, 1.0, 1.05]
    return sorted({0.01, *(n * r for r in ratios if n * r <= top * n and n * r >= 0.01)})


ERLANG_B_CASES = [(n, a) for n in (1, 2, 5, 10, 50, 170, 1000) for a in _load_grid(n, 1.05)] + [
    (n, a) for n in (1, 7, 100) for a in (2.0 * n, 10.0 * n, 1000.0 * n)
]


@pytest.mark.parametrize(("n", "a"), ERLANG_B_CASES)
def test_erlang_b_small_and_moderate_pools(n, a):
    assert_close(erlang.erlang_b(n, a), ref_erlang_b(n, a), f"erlang_b({n}, {a!r})")


@pytest.mark.parametrize("n", [10_000, 100_000])
def test_erlang_b_large_pools(n):
    for a in [*_load_grid(n, 1.05), 2.0 * n]:
        assert_close(erlang.erlang_b(n, a), ref_erlang_b(n, a), f"erlang_b({n}, {a!r})")


def test_erlang_b_vectorised_like_scipy_special():
    n = np.array([[1], [10], [100]])
    a = np.array([0.5, 5.0, 50.0, 120.0])
    got = erlang.erlang_b(n, a)
    assert got.shape == (3, 4)
    for i, j in itertools.product(range(3), range(4)):
        assert_close(got[i, j], ref_erlang_b(int(n[i, 0]), a[j]), f"erlang_b[{i}, {j}]")
    assert np.ndim(erlang.erlang_b(3, 2.0)) == 0


def test_erlang_a_and_staffing_broadcast_like_scipy_special():
    n = np.array([[0], [5], [20], [80]])
    a = np.array([0.0, 3.0, 15.0, 70.0, 90.0])
    res = erlang.erlang_a(n, a, AHT, 120.0, [[10.0], [20.0], [20.0], [30.0]])
    for kpi in KPIS:
        grid = np.asarray(getattr(res, kpi))
        assert grid.shape == (4, 5)
        for i, j in itertools.product(range(4), range(5)):
            t = (10.0, 20.0, 20.0, 30.0)[i]
            one = getattr(erlang.erlang_a(int(n[i, 0]), a[j], AHT, 120.0, t), kpi)
            assert np.ndim(one) == 0
            assert grid[i, j] == pytest.approx(float(one), rel=1e-14, abs=1e-300)
    loads = np.array([[0.0, 2.0], [50.0, 500.0]])
    staffed = erlang.required_agents(loads, [[AHT], [180.0]], service_level=0.8)
    assert staffed.shape == (2, 2)
    assert staffed.dtype == np.int64
    assert staffed[0, 0] == 0
    assert staffed[1, 1] == erlang.required_agents(500.0, 180.0, service_level=0.8)
    assert np.ndim(erlang.required_agents(10.0, AHT, service_level=0.8)) == 0


# ----------------------------------------------------------------------------------- Erlang C

THRESHOLDS_C = (0.0, 20.0, 300.0)


def _check_erlang_c(n, a):
    ref = ref_erlang_c(n, a, AHT, THRESHOLDS_C)
    where = f"(n={n}, load={a!r})"
    assert_close(erlang.erlang_c(n, a), ref["c"], f"erlang_c{where}")
    assert_close(erlang.asa(n, a, AHT), ref["asa"], f"asa{where}")
    for t in THRESHOLDS_C:
        got = erlang.service_level(n, a, AHT, t)
        assert_close(got, ref["service_level"][t], f"service_level{where}, threshold {t}")


@pytest.mark.parametrize("n", [1, 2, 3, 5, 10, 30, 100, 300, 1000])
def test_erlang_c_small_and_moderate_pools(n):
    for a in _load_grid(n, 1.0):
        if a < n:
            _check_erlang_c(n, a)


@pytest.mark.parametrize("n", [10_000, 100_000])
def test_erlang_c_large_pools(n):
    for a in _load_grid(n, 1.0):
        if a < n:
            _check_erlang_c(n, a)


def test_erlang_c_unstable_is_labelled_not_nan():
    n, a = np.array([0, 3, 3, 10]), np.array([0.5, 3.0, 4.5, 1e6])
    assert np.array_equal(erlang.erlang_c(n, a), [1.0, 1.0, 1.0, 1.0])
    assert np.array_equal(erlang.service_level(n, a, AHT, 20.0), [0.0, 0.0, 0.0, 0.0])
    assert np.array_equal(erlang.asa(n, a, AHT), [np.inf] * 4)
    assert np.array_equal(erlang.occupancy(n, a), [1.0, 1.0, 1.0, 1.0])


def test_zero_load_is_finite_with_any_agents():
    """No load, no call waits: ASA 0 s and service level 1 even with 0 agents (not the unstable
    queue's inf), under Erlang C as under Erlang A."""
    n = np.array([0, 1, 5, 100_000])
    assert np.array_equal(erlang.asa(n, 0.0, AHT), [0.0] * 4)
    assert np.array_equal(erlang.service_level(n, 0.0, AHT, [[0.0], [20.0]]), np.ones((2, 4)))
    assert np.array_equal(erlang.erlang_c(n, 0.0), [0.0] * 4)
    assert np.array_equal(erlang.occupancy(n, 0.0), [0.0] * 4)
    idle = erlang.erlang_a(n, 0.0, AHT, 60.0)
    assert np.array_equal(idle.asa, [0.0] * 4)
    assert np.array_equal(idle.service_level, [1.0] * 4)
    assert float(erlang.asa(0, 0.0, AHT)) == 0.0


def test_no_load_and_no_agents():
    assert float(erlang.erlang_b(0, 3.0)) == 1.0
    assert float(erlang.erlang_b(0, 0.0)) == 1.0
    assert float(erlang.erlang_b(4, 0.0)) == 0.0
    assert float(erlang.erlang_c(4, 0.0)) == 0.0
    assert float(erlang.service_level(4, 0.0, AHT, 20.0)) == 1.0
    assert float(erlang.asa(4, 0.0, AHT)) == 0.0
    assert float(erlang.occupancy(4, 0.0)) == 0.0
    assert float(erlang.occupancy(4, 3.0)) == 0.75
    nobody = erlang.erlang_a(0, 3.0, AHT, 60.0)
    assert [float(getattr(nobody, k)) for k in KPIS] == [1.0, 1.0, 0.0, 0.0, 0.0]
    idle = erlang.erlang_a(4, 0.0, AHT, 60.0)
    assert [float(getattr(idle, k)) for k in KPIS] == [0.0, 0.0, 1.0, 0.0, 0.0]


# ----------------------------------------------------------------------------------- Erlang A

PATIENCES = (1.0, 30.0, 120.0, 300.0, 3600.0)
THRESHOLDS_A = (0.0, 20.0, 600.0)


@pytest.mark.parametrize("n", [1, 2, 5, 10, 30, 100])
def test_erlang_a_against_the_chain(n):
    for a, patience in itertools.product(_load_grid(n, 1.05), PATIENCES):
        ref = ref_erlang_a_chain(n, a, AHT, patience, THRESHOLDS_A)
        _check_erlang_a(n, a, patience, THRESHOLDS_A, ref)


@pytest.mark.slow
@pytest.mark.parametrize("n", [300, 1000])
def test_erlang_a_against_the_chain_moderate_pools(n):
    for a, patience in itertools.product(_load_grid(n, 1.05), PATIENCES):
        ref = ref_erlang_a_chain(n, a, AHT, patience, THRESHOLDS_A)
        _check_erlang_a(n, a, patience, THRESHOLDS_A, ref)


EXTREME_PATIENCE = [
    (5, 0.01, 1e5),
    (30, 0.01, 1e5),
    (30, 3.0, 1e5),
    (100, 105.0, 86400.0),
    (10, 1.0, 0.1),
    (100, 105.0, 0.1),
    (2, 0.01, 1e5),
    (1, 1000.0, 120.0),  # the queue far beyond the pool: ASA in closed form
    (200, 300.0, 3e4),  # service level below float64's range
]


def test_erlang_a_extreme_patience_against_the_chain():
    """Patience from a tenth of a second to a day: the float64 corners of the closed form."""
    for n, a, patience in EXTREME_PATIENCE:
        ref = ref_erlang_a_chain(n, a, AHT, patience, THRESHOLDS_A)
        _check_erlang_a(n, a, patience, THRESHOLDS_A, ref)


def test_chain_and_closed_form_references_agree():
    """The two Erlang A references are independent; they agree to 40 digits."""
    for n, a, patience in [(10, 9.5, 120.0), (100, 105.0, 600.0), (30, 3.0, 3600.0)]:
        chain = ref_erlang_a_chain(n, a, AHT, patience, THRESHOLDS_A)
        closed = ref_erlang_a_closed(n, a, AHT, patience, THRESHOLDS_A)
        for kpi in ("p_wait", "p_abandon", "occupancy"):
            assert abs(chain[kpi] - closed[kpi]) <= mp.mpf(10) ** -40 * abs(closed[kpi])
        for t in THRESHOLDS_A:
            chain_sl, closed_sl = chain["service_level"][t], closed["service_level"][t]
            assert abs(chain_sl - closed_sl) <= mp.mpf(10) ** -40 * closed_sl


LARGE_A_CASES = [
    (n, a, patience)
    for n in (1_000, 10_000, 100_000)
    for a in (0.01, 0.5 * n, 0.9 * n, n - 1.0, float(n), 1.05 * n)
    for patience in (30.0, 120.0, 600.0)
]


@pytest.mark.slow
@pytest.mark.parametrize(("n", "a", "patience"), LARGE_A_CASES)
def test_erlang_a_large_pools_closed_form(n, a, patience):
    ref = ref_erlang_a_closed(n, a, AHT, patience, THRESHOLDS_A)
    _check_erlang_a(n, a, patience, THRESHOLDS_A, ref, kpis=KPIS[:3] + KPIS[4:])


@pytest.mark.slow
@pytest.mark.parametrize("n", [1_000, 10_000, 100_000])
def test_erlang_a_large_pools_asa_against_the_chain(n):
    for a in (0.01, 0.9 * n, float(n), 1.05 * n):
        ref = ref_erlang_a_chain(n, a, AHT, 120.0, (20.0,))
        _check_erlang_a(n, a, 120.0, (20.0,), ref)


@pytest.mark.slow
def test_erlang_a_asa_by_quadrature_against_the_chain():
    """Long patience on a large pool: the answered wait by quadrature (x = 3.3e5, y = 3.5e5)."""
    ref = ref_erlang_a_chain(1000, 1050.0, AHT, 1e5, (0.0, 20.0))
    _check_erlang_a(1000, 1050.0, 1e5, (0.0, 20.0), ref)


def test_erlang_a_at_100k_agents_quick():
    """One large-pool point in the quick suite, 100,000 agents slightly overloaded."""
    n, a = 100_000, 100_500.0
    ref = ref_erlang_a_closed(n, a, AHT, 120.0, (20.0,))
    _check_erlang_a(n, a, 120.0, (20.0,), ref, kpis=KPIS[:3] + KPIS[4:])


# ------------------------------------------------------------------------------------- limits


@pytest.mark.parametrize(("n", "a"), [(1, 0.3), (3, 2.0), (14, 10.0), (100, 90.0), (1000, 980.0)])
def test_patience_equal_to_aht_gives_a_poisson_number_in_system(n, a):
    """With patience = AHT every caller leaves at the same rate queued or served: the number in
    the system is Poisson(load), so P(wait) = P(N >= n) and P(abandon) = E[(N - n)+] / load."""
    got = erlang.erlang_a(n, a, AHT, AHT)
    with mp.workdps(50):
        a_ = mp.mpf(a)
        pmf = [mp.exp(-a_) * a_**k / mp.factorial(k) for k in range(n)]
        p_wait = 1 - mp.fsum(pmf)
        # E[(N - n)+] = E[N] - n + E[(n - N)+]
        excess = a_ - n + mp.fsum((n - k) * p for k, p in enumerate(pmf))
    assert_close(got.p_wait, p_wait, f"P(wait) at n={n}, load={a}")
    assert_close(got.p_abandon, excess / a_, f"P(abandon) at n={n}, load={a}")


@pytest.mark.parametrize(("n", "a"), [(1, 0.5), (5, 4.0), (50, 45.0), (1000, 990.0)])
def test_long_patience_approaches_erlang_c(n, a):
    t = np.array([0.0, 20.0, 120.0])
    patient = erlang.erlang_a(n, a, AHT, 1e12, t)
    assert np.allclose(patient.p_wait, erlang.erlang_c(n, a), rtol=1e-8, atol=0)
    assert np.allclose(patient.service_level, erlang.service_level(n, a, AHT, t), rtol=1e-8)
    assert np.allclose(patient.asa, erlang.asa(n, a, AHT), rtol=1e-8)
    assert np.all(patient.p_abandon < 1e-8)


@pytest.mark.parametrize(("n", "a"), [(1, 0.5), (5, 8.0), (50, 45.0), (1000, 1050.0)])
def test_short_patience_approaches_erlang_b(n, a):
    impatient = erlang.erlang_a(n, a, AHT, 1e-7)
    b = float(erlang.erlang_b(n, a))
    assert float(impatient.p_wait) == pytest.approx(b, rel=1e-6)
    assert float(impatient.p_abandon) == pytest.approx(b, rel=1e-6)
    assert float(impatient.service_level) == pytest.approx(1.0 - b, rel=1e-6)
    assert float(impatient.occupancy) == pytest.approx(a * (1.0 - b) / n, rel=1e-6)


def test_patience_sweep_moves_monotonically_between_the_limits():
    patience = np.geomspace(1e-3, 1e7, 41)
    res = erlang.erlang_a(20, 18.0, AHT, patience)
    p_wait = np.asarray(res.p_wait)
    assert np.all(np.diff(p_wait) > 0)
    assert (
        float(erlang.erlang_b(20, 18.0)) < p_wait[0] < p_wait[-1] < float(erlang.erlang_c(20, 18.0))
    )
