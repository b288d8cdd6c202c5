"""Patience from interval totals: total waiting time over abandoned calls, with an exact interval.

Written before the estimator: the maths (the maximum-likelihood estimate, the Garwood interval,
its coverage on censored exponential waits, the edge cases) is checked here on its own; the
coverage on histories simulated by the project's simulation is in ``test_history_calibration``.
"""

import numpy as np
import pytest
from scipy import stats

from sim.history.patience import patience_estimate


def test_estimate_is_total_wait_over_abandoned():
    estimate, low, high = patience_estimate(1200.0, 10)
    assert estimate == 120.0
    assert low == pytest.approx(1200.0 / (stats.chi2.ppf(0.975, 22) / 2))
    assert high == pytest.approx(1200.0 / (stats.chi2.ppf(0.025, 20) / 2))
    assert low < estimate < high


def test_arrays_broadcast_and_keep_their_shape():
    estimate, low, high = patience_estimate(np.array([[600.0, 900.0]]), np.array([5, 3]))
    assert estimate.shape == low.shape == high.shape == (1, 2)
    assert estimate.tolist() == [[120.0, 300.0]]


def test_no_abandonment_gives_an_open_interval_and_no_wait_gives_nothing():
    estimate, low, high = patience_estimate([500.0, 0.0], [0, 0])
    assert estimate[0] == np.inf and high[0] == np.inf and 0 < low[0] < np.inf
    assert np.isnan([estimate[1], low[1], high[1]]).all()


def test_interval_narrows_with_more_abandonments():
    _, low, high = patience_estimate([1200.0, 12000.0, 120000.0], [10, 100, 1000])
    width = (high - low) / 120.0
    assert np.all(np.diff(width) < 0)
    assert width[-1] == pytest.approx(2 * 1.96 / np.sqrt(1000), rel=0.05)


@pytest.mark.parametrize("callers", [20, 200])
def test_interval_covers_the_truth_on_censored_exponential_waits(callers):
    # Each caller would be answered after an exponential time (mean 40 s) and hangs up after an
    # exponential patience (mean 90 s), whichever comes first: the censoring an ACD sees.
    rng = np.random.default_rng(12)
    truth, cases = 90.0, 4000
    patience = rng.exponential(truth, (cases, callers))
    answer_after = rng.exponential(40.0, (cases, callers))
    waits = np.minimum(patience, answer_after).sum(axis=1)
    abandoned = (patience < answer_after).sum(axis=1)
    estimate, low, high = patience_estimate(waits, abandoned)
    coverage = np.mean((low <= truth) & (truth <= high))
    assert 0.95 <= coverage <= 0.975
    assert np.median(estimate) == pytest.approx(truth, rel=0.05)
