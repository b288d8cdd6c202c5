"""Results: the simulated KPIs of a design with confidence intervals over replications.

A planner reads the simulation like the wallboard report of ten independent weeks: for each pool
(or calling site, business line, agent location) and each interval, the mean service level,
abandonment, ASA, occupancy and offered calls over the replications, each with the half-width of
its 95 % Student-t confidence interval (``sim.des.stats``). A KPI of one replication is a ratio of
the sums in :class:`sim.des.tally.Tally`; an interval without calls in a replication counts as
service level 1 and zero abandonment and ASA, and an interval without agents as zero occupancy,
the conventions of the analytic tables. Occupancy is the agents' busy time in the interval over
the rostered agent time; an agent whose shift ends finishes the call in hand, so just after a
roster drop it can exceed 1 (more agents busy than rostered), which is what the floor sees.

Columns: ``<kpi>`` is the mean over replications, ``<kpi>_hw`` the half-width (same unit).
"""

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from sim.des.routing import Routing
from sim.des.stats import mean_half_width
from sim.des.tally import TALLY_COUNTS, Tally

__all__ = ["INTERVAL_KPIS", "SimulationResult", "build_result"]

INTERVAL_KPIS = ("calls", "service_level", "abandon_rate", "asa")
_SUMMARY = ("calls", "service_level", "abandon_rate", "answer_rate", "asa", "occupancy")


@dataclass(frozen=True)
class SimulationResult:
    """A design simulated over independent replications.

    Attributes
    ----------
    design : str
        Design name.
    replications : int
        Number of independent replications.
    seed : int
        Root seed; replication ``r`` uses ``numpy.random.SeedSequence(seed).spawn(...)[r]``.
    service : str
        Handle-time distribution (``exponential`` or ``lognormal``).
    warmup_intervals : int
        Intervals simulated before the horizon and not counted (see ``sim.des.replications``).
    intervals : DataFrame
        Per pool and interval (rows like ``Comparison.intervals``): ``pool``, ``interval``,
        ``time``, ``agents`` (rostered), ``calls``, ``service_level``, ``abandon_rate``, ``asa``
        (s), ``occupancy``, each KPI with its ``_hw`` half-width.
    sites : DataFrame
        Per calling site and interval: ``site``, ``interval``, ``time`` and the call KPIs.
    lines : DataFrame
        Per business line and interval: ``line``, ``interval``, ``time`` and the call KPIs.
    locations : DataFrame
        Per location where agents sit and interval: ``location``, ``interval``, ``time``,
        ``agents``, ``occupancy``, ``occupancy_hw``.
    overall : DataFrame
        Per interval, every caller of the design together: ``interval``, ``time``, the call KPIs
        and ``abandoned`` (calls lost to hang-ups), each with its ``_hw``.
    summary : dict
        Whole-horizon KPIs like ``Comparison.summary``: call-weighted ``service_level``,
        ``abandon_rate``, ``answer_rate``, ``asa`` (s), ``occupancy``, ``calls`` (per
        replication), each with ``_hw``, and ``worst_interval_service_level`` (the pool-interval
        with the lowest mean).
    counts : DataFrame
        Per replication: ``offered``, ``answered``, ``abandoned``, ``waiting`` calls of the
        horizon (offered = answered + abandoned + waiting).
    """

    design: str
    replications: int
    seed: int
    service: str
    warmup_intervals: int
    intervals: pd.DataFrame = field(repr=False)
    sites: pd.DataFrame = field(repr=False)
    lines: pd.DataFrame = field(repr=False)
    locations: pd.DataFrame = field(repr=False)
    overall: pd.DataFrame = field(repr=False)
    summary: dict = field(repr=False)
    counts: pd.DataFrame = field(repr=False)


def _ratio(num, den, empty: float) -> np.ndarray:
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1.0), empty)


def _call_kpis(sums: np.ndarray) -> dict[str, np.ndarray]:
    """Call KPIs from sums ``[..., len(TALLY_COUNTS), ...]`` indexed on axis 1 by
    ``TALLY_COUNTS``."""
    got = dict(zip(TALLY_COUNTS, np.moveaxis(sums, 1, 0), strict=True))
    return {
        "calls": got["offered"],
        "service_level": _ratio(got["within"], got["offered"], 1.0),
        "abandon_rate": _ratio(got["abandoned"], got["offered"], 0.0),
        "asa": _ratio(got["wait"], got["answered"], 0.0),
    }


def _indicator(keys: np.ndarray, count: int) -> np.ndarray:
    return (np.asarray(keys)[None, :] == np.arange(count)[:, None]).astype(float)


def _table(column, names, labels, values: dict, fixed: dict | None = None) -> pd.DataFrame:
    n_k, n_t = next(iter(values.values())).shape[1:]
    data = {
        column: np.repeat(list(names), n_t),
        "interval": np.tile(np.arange(n_t), n_k),
        "time": np.tile(np.asarray(labels), n_k),
    }
    for key, array in (fixed or {}).items():
        data[key] = np.asarray(array).ravel()
    for key, array in values.items():
        mean, hw = mean_half_width(array, axis=0)
        data[key] = mean.ravel()
        data[f"{key}_hw"] = hw.ravel()
    return pd.DataFrame(data)


def _grouped(values: np.ndarray, keys, count: int) -> np.ndarray:
    """Sum ``values[r, ..., k, t]`` (items on the second-to-last axis) into ``count`` groups."""
    return np.einsum("...kt,gk->...gt", values, _indicator(keys, count))


def _occupancy(busy: np.ndarray, agents: np.ndarray, width: float) -> np.ndarray:
    return _ratio(busy, agents[None] * width, 0.0)


def _summary(counts, busy, routing: Routing, intervals: pd.DataFrame) -> dict:
    totals = counts.sum(axis=(2, 3))
    kpis = _call_kpis(totals[:, :, None])
    per_rep = {
        "calls": kpis["calls"][:, 0],
        "service_level": kpis["service_level"][:, 0],
        "abandon_rate": kpis["abandon_rate"][:, 0],
        "answer_rate": 1.0 - kpis["abandon_rate"][:, 0],
        "asa": kpis["asa"][:, 0],
        "occupancy": _ratio(
            busy.sum(axis=(1, 2)), routing.staffing.sum() * routing.interval_seconds, 0.0
        ),
    }
    out = {"design": routing.design}
    for key in _SUMMARY:
        mean, hw = mean_half_width(per_rep[key])
        out[key], out[f"{key}_hw"] = float(mean), float(hw)
    busy_rows = intervals[intervals["calls"] > 0]
    worst = (
        busy_rows.loc[busy_rows["service_level"].idxmin()]
        if len(busy_rows)
        else {"service_level": 1.0, "service_level_hw": 0.0}
    )
    out["worst_interval_service_level"] = float(worst["service_level"])
    out["worst_interval_service_level_hw"] = float(worst["service_level_hw"])
    return out


def build_result(
    routing: Routing,
    tallies: list[Tally],
    labels: tuple[str, ...],
    *,
    site_names: tuple[str, ...],
    line_names: tuple[str, ...],
    seed: int,
    service: str,
    warmup: int,
) -> SimulationResult:
    """Estimates and tables from the tallies of every replication (at least two)."""
    counts = np.stack([t.counts for t in tallies])
    busy = np.stack([t.busy for t in tallies])
    width = routing.interval_seconds
    pools = len(routing.pool_names)
    pool_agents = _grouped(routing.staffing, routing.group_pool, pools)
    pool_values = _call_kpis(_grouped(counts, routing.queue_pool, pools))
    pool_busy = _grouped(busy, routing.group_pool, pools)
    pool_values["occupancy"] = _occupancy(pool_busy, pool_agents, width)
    intervals = _table("pool", routing.pool_names, labels, pool_values, {"agents": pool_agents})
    tables = {}
    for column, keys, names in (
        ("site", routing.queue_site, site_names),
        ("line", routing.queue_line, line_names),
    ):
        present = np.unique(keys)
        sums = _grouped(counts, np.searchsorted(present, keys), len(present))
        tables[column] = _table(column, [names[k] for k in present], labels, _call_kpis(sums))
    places = routing.locations
    at = [places.index(loc) for loc in routing.group_location]
    place_agents = _grouped(routing.staffing, at, len(places))
    occupancy = {"occupancy": _occupancy(_grouped(busy, at, len(places)), place_agents, width)}
    locations = _table("location", places, labels, occupancy, {"agents": place_agents})
    every = counts.sum(axis=2, keepdims=True)
    overall_values = _call_kpis(every) | {"abandoned": every[:, TALLY_COUNTS.index("abandoned")]}
    overall = _table("scope", ["all"], labels, overall_values).drop(columns="scope")
    return SimulationResult(
        design=routing.design,
        replications=len(tallies),
        seed=seed,
        service=service,
        warmup_intervals=warmup,
        intervals=intervals,
        sites=tables["site"],
        lines=tables["line"],
        locations=locations,
        overall=overall,
        summary=_summary(counts, busy, routing, intervals),
        counts=pd.DataFrame([t.conservation for t in tallies]).rename_axis("replication"),
    )
