"""The numbers behind the charts, taken from a Comparison's tables (no drawing here).

A chart never computes anything the tables do not already hold, except the aggregations a reader
expects: a call-weighted service level across pools, the biggest eight parts of a stack with the
rest as "others".
"""

import numpy as np
import pandas as pd

from sim.comparison import Comparison
from sim.errors import InputError
from sim.pipeline import DesignResult

__all__ = [
    "OTHERS_LABEL",
    "agents_by_part",
    "busy_interval",
    "check_design",
    "interval_labels",
    "pool_label",
    "service_targets",
    "threshold_words",
    "weighted_by_interval",
]

OTHERS_LABEL = "others"


def check_design(comparison: Comparison, design: str, exclude: tuple[str, ...] = ()) -> str:
    """``design`` if it is a design of ``comparison`` (and not in ``exclude``), else a
    ``ValueError`` naming the allowed designs."""
    allowed = [name for name in comparison.designs if name not in exclude]
    if design not in allowed:
        raise InputError(f"design: unknown {design!r}; allowed: {', '.join(allowed)}")
    return design


def interval_labels(comparison: Comparison) -> list[str]:
    """``"Mon 08:30"`` of every interval of the horizon, scenario clock."""
    first = comparison.intervals.drop_duplicates("interval").sort_values("interval")
    return first["time"].tolist()


def weighted_by_interval(comparison: Comparison, column: str) -> pd.DataFrame:
    """Call-weighted mean of ``column`` over the pools of each design, per interval.

    Returns a DataFrame indexed by interval with one column per design; intervals without calls
    are NaN (nothing to measure: the line has a gap there).
    """
    table = comparison.intervals.assign(_weighted=lambda t: t[column] * t["calls"])
    sums = table.groupby(["interval", "design"], sort=False)[["_weighted", "calls"]].sum()
    mean = (sums["_weighted"] / sums["calls"].where(sums["calls"] > 0)).unstack("design")
    return mean[list(comparison.designs)].sort_index()


def pool_label(pool: str, comparison: Comparison) -> str:
    """A pool's name without the business line when the scenario has only one."""
    lines = comparison.scenario.line_names
    suffix = f" / {lines[0]}"
    return pool.removesuffix(suffix) if len(lines) == 1 else pool


def agents_by_part(comparison: Comparison, design: str, column: str, top: int = 8):
    """Agents per interval of one design split into at most ``top + 1`` parts.

    Parts are the design's pools; with more than ``top + 1`` pools, the locations where the agents
    sit (a pool's agents split by its ``fte_split``), the ``top`` biggest by agent hours plus
    ``"others (<count>)"``. Returns ``(frame, kind)``: a DataFrame indexed by interval with one
    column per part (biggest first, the others last) and ``"pool"`` or ``"location"``.
    """
    result = comparison.designs[design]
    rows = comparison.intervals[comparison.intervals["design"] == design]
    by_pool = rows.pivot(index="interval", columns="pool", values=column)
    pools = [pool.name for pool in result.topology.pools]
    by_pool = by_pool[pools]
    if len(pools) <= top + 1:
        parts = by_pool.rename(columns=lambda p: pool_label(p, comparison))
        return parts[parts.sum().sort_values(ascending=False).index], "pool"
    split = pd.DataFrame(
        [pool.fte_split for pool in result.topology.pools], index=pools, dtype=float
    ).fillna(0.0)
    by_location = by_pool @ split
    order = by_location.sum().sort_values(ascending=False, kind="stable").index
    biggest = by_location[order[:top]]
    rest = order[top:]
    others = by_location[rest].sum(axis=1).rename(f"{OTHERS_LABEL} ({len(rest)})")
    return pd.concat([biggest, others], axis=1), "location"


def busy_interval(load: np.ndarray, quantile: float = 0.9) -> int:
    """Index of the interval whose ``load`` is nearest the ``quantile`` of the non-zero loads
    (a typical busy interval, not the one-off peak); the earliest on ties."""
    busy = load[load > 0]
    if busy.size == 0:
        raise InputError("calls: the design receives no calls in any interval")
    level = np.quantile(busy, quantile, method="inverted_cdf")
    return int(np.argmin(np.where(load > 0, np.abs(load - level), np.inf)))


def service_targets(results: list[DesignResult]) -> tuple[list[float], str]:
    """Distinct service-level targets (shares) of the pools of ``results`` and their answer-time
    threshold in words (see :func:`threshold_words`)."""
    targets = sorted({float(x) for r in results for x in r.plan.service_target})
    return targets, threshold_words(x for r in results for x in r.plan.threshold)


def threshold_words(thresholds) -> str:
    """``"20 s"`` for one answer-time threshold (seconds), ``"each pool's threshold (15-30 s)"``
    when they differ."""
    values = sorted({float(x) for x in thresholds})
    if len(values) == 1:
        return f"{values[0]:g} s"
    return f"each pool's threshold ({values[0]:g}-{values[-1]:g} s)"
