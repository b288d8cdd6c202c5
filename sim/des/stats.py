"""Replication statistics: a simulated KPI is a mean over independent days, with a confidence band.

One simulated day of a contact centre gives one service level; another day with other random
callers gives another. Running ``k`` independent replications and reporting their mean with a
Student-t confidence interval says both what the plan achieves and how sure the simulation is of
it: ``mean +- t_{k-1, (1 + confidence) / 2} * s / sqrt(k)`` with ``s`` the sample standard deviation
over replications. Replications are independent by construction (separate random streams), so the
interval is valid however strongly the calls inside one replication are correlated.

These helpers are generic: the single-queue engine and the scenario simulation both use them.
"""

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from scipy import stats

from sim.errors import InputError

__all__ = ["Estimate", "half_width", "mean_half_width", "summarise", "t_quantile"]


def _confidence(confidence) -> float:
    try:
        c = float(confidence)
    except (TypeError, ValueError):
        raise InputError(f"confidence: must be a number in (0, 1), got {confidence!r}") from None
    if not 0.0 < c < 1.0:
        raise InputError(f"confidence: must be a number in (0, 1), got {confidence!r}")
    return c


def _values(values, axis: int, name: str) -> np.ndarray:
    try:
        arr = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise InputError(f"{name}: must be numbers, got {values!r}") from None
    if arr.ndim == 0 or arr.shape[axis] < 2:
        raise InputError(f"{name}: need at least 2 replications along the axis for an interval")
    return arr


def _mean_half_width(values, confidence, axis: int, name: str):
    arr = _values(values, axis, name)
    k = arr.shape[axis]
    mean = arr.mean(axis=axis)
    width = t_quantile(k, confidence) * arr.std(axis=axis, ddof=1) / np.sqrt(k)
    return mean, width


def t_quantile(replications: int, confidence: float = 0.95) -> float:
    """Two-sided Student-t quantile ``t_{k-1, (1 + confidence) / 2}`` for ``k`` replications.

    Parameters
    ----------
    replications : int
        Number of independent replications ``k``, >= 2.
    confidence : float, default 0.95
        Confidence level in (0, 1).

    Returns
    -------
    float
        The quantile (e.g. 2.262 for 10 replications at 95 %).
    """
    if int(replications) != replications or replications < 2:
        raise InputError(f"replications: must be a whole number >= 2, got {replications!r}")
    c = _confidence(confidence)
    return float(stats.t.ppf(0.5 + 0.5 * c, int(replications) - 1))


def mean_half_width(values, confidence: float = 0.95, axis: int = 0):
    """Mean over replications and the half-width of its Student-t confidence interval.

    Parameters
    ----------
    values : array_like
        One value per replication along ``axis`` (at least 2), in the KPI's own unit.
    confidence : float, default 0.95
        Confidence level in (0, 1).
    axis : int, default 0
        Axis that indexes replications.

    Returns
    -------
    mean, half_width : float or ndarray
        Same unit as ``values``; reduced along ``axis``. The interval is
        ``mean +- half_width``; the half-width is 0 when all replications agree. A NaN among the
        values (a KPI undefined in some replication) gives NaN, as in numpy: the caller decides
        how to show an undefined KPI.
    """
    return _mean_half_width(values, confidence, axis, "values")


def half_width(values, confidence: float = 0.95, axis: int = 0):
    """Half-width of the Student-t confidence interval of the mean over replications.

    See :func:`mean_half_width` for the parameters.
    """
    return mean_half_width(values, confidence, axis)[1]


@dataclass(frozen=True)
class Estimate:
    """A KPI estimated from replications: ``mean +- half_width`` at ``confidence``.

    Attributes
    ----------
    mean : float
        Mean over replications, in the KPI's unit.
    half_width : float
        Half-width of the confidence interval, same unit.
    replications : int
        Number of replications.
    confidence : float
        Confidence level of the interval.
    """

    mean: float
    half_width: float
    replications: int
    confidence: float = 0.95

    @property
    def low(self) -> float:
        """Lower end of the interval."""
        return self.mean - self.half_width

    @property
    def high(self) -> float:
        """Upper end of the interval."""
        return self.mean + self.half_width

    def covers(self, value: float, widen: float = 1.0) -> bool:
        """Whether ``value`` lies within ``mean +- widen * half_width``."""
        return abs(float(value) - self.mean) <= widen * self.half_width


def summarise(table, confidence: float = 0.95) -> dict[str, Estimate]:
    """Estimates with confidence intervals for every column of a replication table.

    Parameters
    ----------
    table : Mapping[str, array_like] or numpy structured array
        One entry per replication in every column (a dict of arrays, a structured array or a
        pandas DataFrame).
    confidence : float, default 0.95
        Confidence level in (0, 1).

    Returns
    -------
    dict[str, Estimate]
        One :class:`Estimate` per column, in the column order.
    """
    if isinstance(table, np.ndarray) and table.dtype.names:
        columns = {name: table[name] for name in table.dtype.names}
    elif isinstance(table, Mapping) or hasattr(table, "columns"):
        columns = {str(name): np.asarray(table[name]) for name in table}
    else:
        raise InputError("table: must be a mapping of columns or a structured array")
    c = _confidence(confidence)
    out = {}
    for name, column in columns.items():
        mean, width = _mean_half_width(column, c, 0, f"table[{name!r}]")
        out[name] = Estimate(float(mean), float(width), len(column), c)
    return out
