"""Patience from interval data: how long callers are willing to wait, from what the ACD counts.

A caller who hangs up after 40 s tells us their patience was 40 s; a caller answered after 15 s
tells us only that it was longer than 15 s. Over a period, every second a caller spends in the
queue is a second in which they could have hung up, so with exponential patience of mean ``theta``
the abandonments are the events of a Poisson process running on the total waiting time ``W`` of
all callers: the log-likelihood is ``-A log(theta) - W / theta`` and the maximum-likelihood
estimate is ``W / A``, total waiting time over abandoned calls (Mandelbaum & Zeltyn 2013; Brown et
al. 2005, section 6). It needs only the interval report's totals, not the individual calls.
"""

import numpy as np
from scipy import stats

__all__ = ["patience_estimate"]


def patience_estimate(wait_seconds, abandoned, confidence: float = 0.95):
    """Mean patience and its confidence interval from total waiting time and abandoned calls.

    Parameters
    ----------
    wait_seconds : array_like
        Total queue wait of **all** offered calls (answered and abandoned), seconds.
    abandoned : array_like
        Calls that hung up before an answer (same shape).
    confidence : float, default 0.95
        Confidence level of the interval.

    Returns
    -------
    estimate, low, high : ndarray (scalars for scalar input)
        ``W / A`` and the interval, seconds; ``nan`` estimate and ``(nan, nan)`` interval when
        nobody waited, an estimate of ``inf`` with interval ``(low, inf)`` when callers waited but
        nobody hung up (patience longer than anything observed).

    Notes
    -----
    The interval is the exact (Garwood 1936) Poisson interval for the abandonment rate
    ``lambda = 1 / theta`` on exposure ``W``: with exponential patience the likelihood of the
    censored waits, ``lambda**A exp(-lambda W)``, is that of a Poisson count ``A`` of mean
    ``lambda W``, so ``[chi2(a/2; 2A) / 2W, chi2(1 - a/2; 2A + 2) / 2W]`` covers ``lambda`` with at
    least the stated confidence, and its reciprocal covers ``theta``. It is exact for small counts
    (a quiet site with 12 abandonments a week) where a normal (delta-method) interval
    ``theta (1 +- z / sqrt(A))`` would be symmetric and too short on the long side; for hundreds of
    abandonments the two agree. The test suite checks the coverage on histories simulated from
    known patience.

    References
    ----------
    Mandelbaum, A. and Zeltyn, S. (2013), "Data-stories about (im)patient customers in
    tele-queues", Queueing Systems 75, 115-146. Garwood, F. (1936), "Fiducial limits for the
    Poisson distribution", Biometrika 28, 437-442.
    """
    wait, count = np.broadcast_arrays(
        np.asarray(wait_seconds, dtype=float), np.asarray(abandoned, dtype=float)
    )
    alpha = 1.0 - confidence
    with np.errstate(divide="ignore", invalid="ignore"):
        estimate = np.where(wait > 0, wait / count, np.nan)
        rate_low = np.where(count > 0, stats.chi2.ppf(alpha / 2, 2 * count), 0.0) / (2 * wait)
        rate_high = stats.chi2.ppf(1 - alpha / 2, 2 * count + 2) / (2 * wait)
        low = np.where(wait > 0, 1.0 / rate_high, np.nan)
        high = np.where(wait > 0, 1.0 / rate_low, np.nan)
    if estimate.ndim == 0:
        return float(estimate), float(low), float(high)
    return estimate, low, high
