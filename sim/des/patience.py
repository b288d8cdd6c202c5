"""Patience: how long a caller is willing to wait in the queue before hanging up.

A caller who is still queueing when its patience runs out hangs up (abandons). Erlang A assumes
exponential patience: a caller is as likely to hang up in the next second after 5 s of waiting as
after 2 minutes. Measured patience is rarely like that: few callers hang up in the first seconds
(they expect to wait a little, or listen to an announcement), more later. With the same mean, such
patience gives **fewer early abandonments**, so the queue is longer and a heavily loaded pool
answers fewer calls within the threshold than Erlang A predicts.

:class:`PatienceTimes` draws patience from one of the families in :data:`PATIENCE_DISTS`, each
parameterised by its mean ``mean`` (seconds) and its coefficient of variation ``cv`` (standard
deviation / mean):

- ``"exponential"``: the Erlang A assumption; ``cv`` is 1 and cannot be set.
- ``"gamma"``: shape ``1 / cv**2``, scale ``mean * cv**2`` (shape 2 is ``cv = 0.707``).
- ``"weibull"``: shape ``k`` solving ``Gamma(1 + 2/k) / Gamma(1 + 1/k)**2 = 1 + cv**2``
  (:func:`scipy.optimize.brentq`), scale ``mean / Gamma(1 + 1/k)``; ``0.01 <= cv <= 100``.
- ``"lognormal"``: ``sigma**2 = log(1 + cv**2)``, ``mu = log(mean) - sigma**2 / 2``.
- ``"delayed_exponential"``: an announcement of ``d`` seconds during which nobody hangs up, then
  exponential patience with mean ``mean - d``. Its standard deviation is ``mean - d``, so the
  delay is set by the coefficient of variation: ``cv = (mean - d) / mean``, i.e.
  ``d = mean * (1 - cv)``, with ``0 < cv <= 1`` (``cv = 1`` is the plain exponential; a 10 s
  announcement with mean patience 120 s is ``cv = 110 / 120``).
- ``"empirical"``: a measured table, see below; its mean and cv follow from the table.

Empirical tables
----------------
Patience is drawn by the inverse of a **piecewise-linear CDF** (linear interpolation between
knots, i.e. uniform within each interval between consecutive knots; Law, *Simulation Modeling and
Analysis*, 5th ed., section 6.2.4). Two ways to give the table:

- **values with probabilities**, a mapping ``{upper edge in seconds: probability}``: the
  probabilities are the shares of callers whose patience falls in consecutive bins
  ``(0, v1], (v1, v2], ...``; the first bin starts at 0. They must be >= 0 and sum to 1 (within
  1e-6; they are then normalised). A key 0 with a positive probability is an atom at 0 (callers
  who hang up at once). Example: ``{10: 0.1, 60: 0.4, 180: 0.3, 600: 0.2}``.
- **a sample** of observed patience times (seconds, >= 0; sorted here if it is not): the CDF
  passes through ``(x_(i), (i - 1) / (m - 1))`` for the ``m`` sorted values, the "linear"
  quantile of :func:`numpy.quantile` (Hyndman & Fan type 7). Draws stay within
  ``[min, max]`` of the sample, and the mean is the trapezoid mean of the sorted values (close
  to, not equal to, the sample mean).

How patience is estimated from data
-----------------------------------
Patience is censored: a caller who is answered shows only that its patience exceeded its wait.
The hang-up times of abandoned calls alone therefore underestimate patience (the patient callers
were answered before they could hang up). For **exponential** patience the maximum-likelihood
estimate is exact and simple:

    mean patience = (total waiting time of all calls, answered and abandoned)
                    / (number of abandoned calls)

(seconds of waiting per abandonment). It is the steady-state identity
``P(abandon) = E[wait] / mean patience`` of exponential patience (every caller still waiting
hangs up at rate 1 / mean), read backwards (Mandelbaum & Zeltyn 2013); the waits of abandoned
calls are their times to hang up. For other families the ratio is only a rough guide: estimate
the survival function of patience from the waits with the Kaplan-Meier estimator (abandonments
are events, answered calls are censored at their wait) and fit the family's mean and cv to it,
or turn the curve into an empirical table (closing with a last bin the tail the waits do not
reach). Either way the queue logs must hold the
waits of answered calls too, not only of abandoned ones.

Remaining patience at the start
-------------------------------
A replication that starts in mid-day needs the remaining patience of the callers already
queueing (:meth:`PatienceTimes.residual`). For exponential patience it is exponential with the same
mean (memoryless) and the start is exact. For the others it is drawn from the equilibrium
(stationary-excess) distribution with density ``(1 - G(x)) / mean``, ``U * X`` with ``U``
uniform and ``X`` length-biased; this is an approximation (the true remaining patience depends on
how long each caller has waited), which is why such runs discard a warm-up
(:mod:`sim.des.queue`).

References
----------
A. Mandelbaum, S. Zeltyn (2013), "Data-stories about (im)patient customers in tele-queues",
Queueing Systems 75. L. Brown et al. (2005), "Statistical analysis of a telephone call center",
JASA 100. A. M. Law (2015), *Simulation Modeling and Analysis*, 5th ed.
"""

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from scipy import optimize, special

from sim import _checks
from sim.errors import InputError

__all__ = ["PATIENCE_DISTS", "PatienceTimes", "patience_times", "weibull_shape"]

PATIENCE_DISTS = (
    "exponential",
    "gamma",
    "weibull",
    "lognormal",
    "delayed_exponential",
    "empirical",
)
_WITH_CV = ("gamma", "weibull", "lognormal", "delayed_exponential")
_WEIBULL_CV = (0.01, 100.0)
_WEIBULL_SHAPES = (0.04, 2000.0)  # brackets the shapes of _WEIBULL_CV with room to spare
_TABLE_SUM_TOL = 1e-6
_MEAN_RTOL = 1e-3


def _weibull_log_ratio(shape: float) -> float:
    """``log(Gamma(1 + 2/k) / Gamma(1 + 1/k)**2) = log(1 + cv**2)`` of a Weibull with shape k."""
    return float(special.gammaln(1.0 + 2.0 / shape) - 2.0 * special.gammaln(1.0 + 1.0 / shape))


def weibull_shape(cv: float) -> float:
    """Weibull shape ``k`` whose coefficient of variation is ``cv``.

    Parameters
    ----------
    cv : float
        Coefficient of variation, ``0.01 <= cv <= 100``.

    Returns
    -------
    float
        The root of ``log Gamma(1 + 2/k) - 2 log Gamma(1 + 1/k) = log(1 + cv**2)``
        (:func:`scipy.optimize.brentq` on :func:`scipy.special.gammaln`); ``k = 1`` for ``cv = 1``.
    """
    target = math.log1p(cv**2)
    low, high = _WEIBULL_SHAPES
    return float(optimize.brentq(lambda k: _weibull_log_ratio(k) - target, low, high, xtol=1e-12))


@dataclass(frozen=True)
class PatienceTimes:
    """Patience distribution with mean ``mean`` seconds; build it with :func:`patience_times`.

    Parameters
    ----------
    kind : str
        One of :data:`PATIENCE_DISTS`.
    mean : float
        Mean patience in seconds, > 0.
    cv : float
        Coefficient of variation (standard deviation / mean), > 0; 1 for ``"exponential"``.
    table : tuple of two tuples, or None
        ``"empirical"`` only: the knots (seconds, nondecreasing) and the cumulative probabilities
        at the knots (nondecreasing from 0 to 1) of the piecewise-linear CDF.

    Notes
    -----
    :meth:`sample` of ``"exponential"`` is ``rng.exponential(mean, size)``, the same draws as
    before the other families existed, so seeded exponential runs are reproducible.
    """

    kind: str
    mean: float
    cv: float = 1.0
    table: tuple | None = None

    @property
    def exponential(self) -> bool:
        """Whether patience is exponential (memoryless: the exact steady-state start applies)."""
        return self.kind == "exponential"

    @property
    def delay(self) -> float:
        """Seconds nobody hangs up (``"delayed_exponential"``): ``mean * (1 - cv)``; else 0."""
        return self.mean * (1.0 - self.cv) if self.kind == "delayed_exponential" else 0.0

    @cached_property
    def _shape(self) -> float:
        if self.kind == "gamma":
            return 1.0 / self.cv**2
        if self.kind == "weibull":
            return weibull_shape(self.cv)
        raise AttributeError(f"{self.kind} patience has no shape")

    @property
    def shape(self) -> float:
        """Shape parameter of the gamma (``1 / cv**2``) or the Weibull (from ``cv``)."""
        return self._shape

    @property
    def scale(self) -> float:
        """Scale in seconds of the gamma (``mean cv**2``) or the Weibull."""
        if self.kind == "gamma":
            return self.mean * self.cv**2
        if self.kind == "weibull":
            return self.mean / math.gamma(1.0 + 1.0 / self.shape)
        raise AttributeError(f"{self.kind} patience has no scale")

    @property
    def sigma(self) -> float:
        """``sigma`` of the log of a lognormal patience."""
        return math.sqrt(math.log1p(self.cv**2))

    @property
    def mu(self) -> float:
        """``mu`` of the log of a lognormal patience (log-seconds)."""
        return math.log(self.mean) - 0.5 * self.sigma**2

    def sample(self, rng: np.random.Generator, size: int) -> np.ndarray:
        """Draw fresh patience times.

        Parameters
        ----------
        rng : numpy.random.Generator
            The replication's random stream.
        size : int
            Number of callers.

        Returns
        -------
        ndarray
            ``size`` patience times in seconds, >= 0.
        """
        kind = self.kind
        if kind == "exponential":
            return rng.exponential(self.mean, size)
        if kind == "gamma":
            return rng.gamma(self.shape, self.scale, size)
        if kind == "weibull":
            return self.scale * rng.weibull(self.shape, size)
        if kind == "lognormal":
            return rng.lognormal(self.mu, self.sigma, size)
        if kind == "delayed_exponential":
            return self.delay + rng.exponential(self.mean - self.delay, size)
        knots, cum = self.table
        return np.interp(rng.random(size), cum, knots)

    def residual(self, rng: np.random.Generator, size: int) -> np.ndarray:
        """Draw the remaining patience of callers already queueing at the start.

        Parameters
        ----------
        rng : numpy.random.Generator
            The replication's random stream.
        size : int
            Number of queued callers.

        Returns
        -------
        ndarray
            ``size`` remaining patience times in seconds, >= 0.

        Notes
        -----
        Exponential: the same exponential (exact). Otherwise the equilibrium distribution
        ``(1 - G(x)) / mean`` of patience, ``U * X`` with ``X`` length-biased (approximate, see the
        module docstring): gamma ``X ~ Gamma(shape + 1, scale)``; Weibull
        ``X = scale * Gamma(1 + 1/shape, 1)**(1/shape)``; lognormal ``mu + sigma**2``;
        delayed exponential: uniform on ``[0, d]`` with probability ``d / mean``, else
        ``d + Exp(mean - d)``; empirical: length-biased uniform within each interval of the table.
        """
        kind = self.kind
        if kind == "exponential":
            return rng.exponential(self.mean, size)
        if kind == "delayed_exponential":
            d = self.delay
            ramp = rng.random(size) < d / self.mean
            return np.where(ramp, d * rng.random(size), d + rng.exponential(self.mean - d, size))
        if kind == "gamma":
            biased = rng.gamma(self.shape + 1.0, self.scale, size)
        elif kind == "weibull":
            biased = self.scale * rng.gamma(1.0 + 1.0 / self.shape, 1.0, size) ** (1 / self.shape)
        elif kind == "lognormal":
            biased = rng.lognormal(self.mu + self.sigma**2, self.sigma, size)
        else:
            knots, cum = (np.asarray(x) for x in self.table)
            low, high, mass = knots[:-1], knots[1:], np.diff(cum)
            weight = mass * (low + high)
            piece = np.searchsorted(np.cumsum(weight) / weight.sum(), rng.random(size), "right")
            piece = np.minimum(piece, weight.size - 1)
            a, b = low[piece], high[piece]
            biased = np.sqrt(a**2 + rng.random(size) * (b**2 - a**2))
        return rng.random(size) * biased


def _table_moments(knots: np.ndarray, cum: np.ndarray) -> tuple[float, float]:
    """Mean and coefficient of variation of a piecewise-linear CDF."""
    mass, a, b = np.diff(cum), knots[:-1], knots[1:]
    mean = float(np.sum(mass * (a + b) / 2.0))
    second = float(np.sum(mass * (a * a + a * b + b * b) / 3.0))
    var = max(second - mean**2, 0.0)
    return mean, (math.sqrt(var) / mean if mean > 0 else 0.0)


def _empirical_table(table) -> tuple[tuple, tuple]:
    """Knots and cumulative probabilities of ``patience_table`` (see the module docstring)."""
    name = "patience_table"
    if isinstance(table, Mapping):
        if not table:
            raise InputError(f"{name}: the table is empty")
        edges = _checks.nonnegative(list(table.keys()), f"{name} values", " seconds")
        probs = _checks.nonnegative(list(table.values()), f"{name} probabilities")
        order = np.argsort(edges, kind="stable")
        edges, probs = edges[order], probs[order]
        total = float(probs.sum())
        if abs(total - 1.0) > _TABLE_SUM_TOL:
            raise InputError(f"{name}: the probabilities must sum to 1, got {total:.6g}")
        knots = np.concatenate([[0.0], edges])
        cum = np.concatenate([[0.0], np.cumsum(probs / total)])
    else:
        sample = _checks.nonnegative(table, name, " seconds")
        if sample.ndim != 1 or sample.size < 2:
            raise InputError(
                f"{name}: must be a mapping {{upper edge in seconds: probability}} or a sample "
                f"of at least 2 patience times, got {type(table).__name__} of shape "
                f"{sample.shape}"
            )
        knots = np.sort(sample)
        cum = np.linspace(0.0, 1.0, knots.size)
    cum[-1] = 1.0
    return tuple(knots.tolist()), tuple(cum.tolist())


def patience_times(dist, patience, cv=None, table=None) -> PatienceTimes | None:
    """Validate the patience arguments of :func:`sim.des.simulate_queue` and build the draws.

    Parameters
    ----------
    dist : str
        ``patience_dist``, one of :data:`PATIENCE_DISTS`.
    patience : float or None
        Mean patience in seconds, > 0; ``None``: callers never hang up (``dist`` must then be
        ``"exponential"``, the default, and no cv or table is given), except for ``"empirical"``
        where ``None`` takes the mean from the table.
    cv : float or None
        ``patience_cv``: required for gamma, Weibull, lognormal and delayed exponential; must be
        ``None`` for exponential (cv 1) and empirical (cv from the table).
    table : mapping or array_like or None
        ``patience_table``: required for ``"empirical"``, ``None`` otherwise.

    Returns
    -------
    PatienceTimes or None
        ``None`` for infinitely patient callers.

    Raises
    ------
    InputError
        Naming the argument (``patience``, ``patience_dist``, ``patience_cv``,
        ``patience_table``) and the allowed values.
    """
    if not isinstance(dist, str) or dist not in PATIENCE_DISTS:
        raise InputError(f"patience_dist: must be one of {', '.join(PATIENCE_DISTS)}; got {dist!r}")
    if table is not None and dist != "empirical":
        raise InputError(
            f"patience_table: only with patience_dist='empirical', got a table with "
            f"patience_dist={dist!r}"
        )
    if cv is not None and dist not in _WITH_CV:
        why = "has a coefficient of variation of 1" if dist == "exponential" else "takes it from"
        what = "" if dist == "exponential" else " patience_table"
        raise InputError(
            f"patience_cv: {dist} patience {why}{what}; give patience_cv only with "
            f"patience_dist one of {', '.join(_WITH_CV)}, got {cv!r}"
        )
    if dist == "empirical":
        if table is None:
            raise InputError(
                "patience_table: required for patience_dist='empirical' (a mapping "
                "{upper edge in seconds: probability} or a sample of patience times), got None"
            )
        knots, cum = _empirical_table(table)
        mean, table_cv = _table_moments(np.asarray(knots), np.asarray(cum))
        if mean <= 0:
            raise InputError("patience_table: the table's mean patience must be > 0, got 0")
        if patience is not None:
            given = _checks.scalar_positive(patience, "patience", " seconds (or None)")
            if abs(given - mean) > _MEAN_RTOL * mean:
                raise InputError(
                    f"patience: the empirical table's mean is {mean:.6g} seconds, got {given!r}; "
                    "give patience=None to use the table's mean"
                )
        return PatienceTimes("empirical", mean, table_cv, (knots, cum))
    if patience is None:
        if dist != "exponential" or cv is not None:
            raise InputError(
                f"patience: must be a mean in seconds > 0 for patience_dist={dist!r}, got None "
                "(None means callers never hang up)"
            )
        return None
    mean = _checks.scalar_positive(patience, "patience", " seconds (or None)")
    if dist == "exponential":
        return PatienceTimes("exponential", mean)
    if cv is None:
        raise InputError(f"patience_cv: required for {dist} patience, got None")
    cv = _checks.scalar_positive(cv, "patience_cv")
    if dist == "weibull" and not _WEIBULL_CV[0] <= cv <= _WEIBULL_CV[1]:
        raise InputError(
            f"patience_cv: must be between {_WEIBULL_CV[0]:g} and {_WEIBULL_CV[1]:g} for weibull "
            f"patience, got {cv!r}"
        )
    if dist == "delayed_exponential" and cv > 1:
        raise InputError(
            "patience_cv: must be in (0, 1] for delayed_exponential patience (the delay is "
            f"patience x (1 - patience_cv) seconds), got {cv!r}"
        )
    return PatienceTimes(dist, mean, cv)
