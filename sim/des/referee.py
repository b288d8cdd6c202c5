"""Referee: the analytic plan and the simulation side by side, interval by interval.

"Erlang says 80/20; with these rosters and these callers you would really get 74 % at 10:00." The
analytic pipeline staffs each interval as if it were a steady queue (SIPP); the simulation plays
the same roster through a real day, with queues carried over from one interval to the next,
shifts that start and end and callers who hang up. Where the analytic figure falls outside the
simulation's confidence interval the planning shortcut misleads, typically just after a steep rise
in calls, when a queue built up in the previous interval spills into the next (the SIPP pitfalls of
Green, Kolesar & Whitt 2007). With a 95 % interval about one interval in twenty is flagged by
chance alone; a run of flags, or a large gap, is the signal.

References
----------
L. V. Green, P. J. Kolesar, W. Whitt (2007), "Coping with time-varying demand when setting
staffing requirements for a service system", Production and Operations Management 16(1).
"""

import numpy as np
import pandas as pd

from sim.des.results import SimulationResult
from sim.errors import InputError
from sim.pipeline import DesignResult
from sim.scenario import Scenario
from sim.staffing import kpis

__all__ = ["REFEREE_KPIS", "TOLERANCE", "referee_summary", "side_by_side"]

REFEREE_KPIS = ("service_level", "abandon_rate", "asa", "occupancy")
TOLERANCE = {"service_level": 0.01, "abandon_rate": 0.005, "asa": 1.0, "occupancy": 0.01}


def side_by_side(
    scenario: Scenario,
    design: DesignResult,
    simulation: SimulationResult,
    tolerance: dict | None = None,
    min_calls: float = 20.0,
) -> pd.DataFrame:
    """Analytic and simulated KPIs per pool and interval, with disagreements flagged.

    The analytic KPIs are recomputed at the agents the simulation used (the design's roster or the
    given staffing), so both columns describe the same plan. A KPI is off when the analytic value
    lies outside the simulated confidence interval **and** differs from the simulated mean by more
    than a tolerance too small to matter to a planner (``TOLERANCE``: one point of service level
    or occupancy, half a point of abandonment, one second of ASA); without it an ASA of 0.001 s
    against a simulated 0 s with every replication agreeing would be flagged. Intervals with fewer
    than ``min_calls`` expected calls are not flagged: with a dozen calls most weeks answer all of
    them in time whatever Erlang says, so a per-interval figure there says nothing.

    Parameters
    ----------
    scenario : Scenario
        The scenario both were computed from.
    design : DesignResult
        The analytic design (``sim.compare(scenario).designs[name]``).
    simulation : SimulationResult
        ``sim.des.simulate(scenario, design, ...)``.
    tolerance : dict, optional
        Per KPI, the smallest gap worth flagging, in the KPI's unit; defaults to ``TOLERANCE``.
    min_calls : float, default 20
        Expected calls an interval needs before it can be flagged, >= 0.

    Returns
    -------
    DataFrame
        One row per pool and interval: ``pool``, ``interval``, ``time``, ``agents``, ``calls``
        (analytic expected), ``calls_sim``, and for each KPI in ``REFEREE_KPIS``
        ``<kpi>_analytic``, ``<kpi>_sim``, ``<kpi>_hw`` (half-width of the simulated 95 %
        interval) and ``<kpi>_off`` (the analytic value lies outside the interval and the gap
        exceeds the tolerance); ``checked`` marks the intervals with enough calls to be judged and
        ``disagree`` those where any KPI is off.
    """
    gaps = {**TOLERANCE, **(tolerance or {})}
    unknown = set(gaps) - set(REFEREE_KPIS)
    if unknown:
        raise InputError(
            f"tolerance: unknown KPI {sorted(unknown)[0]!r}; allowed: {', '.join(REFEREE_KPIS)}"
        )
    if not np.isfinite(min_calls) or min_calls < 0:
        raise InputError(f"min_calls: must be a number >= 0, got {min_calls!r}")
    if simulation.design != design.name:
        raise InputError(f"simulation: simulates design {simulation.design!r}, not {design.name!r}")
    sim = simulation.intervals
    agents = sim["agents"].to_numpy().reshape(design.plan.calls.shape)
    analytic = kpis(design.plan, agents)
    out = sim[["pool", "interval", "time", "agents"]].copy()
    out["calls"] = design.plan.calls.ravel()
    out["calls_sim"] = sim["calls"].to_numpy()
    calls = out["calls"].to_numpy()
    busy = (calls > 0) & (calls >= min_calls)
    off_any = np.zeros(len(out), dtype=bool)
    for key in REFEREE_KPIS:
        value = np.asarray(getattr(analytic, key)).ravel()
        mean, hw = sim[key].to_numpy(), sim[f"{key}_hw"].to_numpy()
        gap = np.abs(value - mean)
        off = busy & (gap > hw) & (gap > gaps[key])
        out[f"{key}_analytic"] = value
        out[f"{key}_sim"] = mean
        out[f"{key}_hw"] = hw
        out[f"{key}_off"] = off
        off_any |= off
    out["checked"] = busy
    out["disagree"] = off_any
    return out


def referee_summary(table: pd.DataFrame) -> dict:
    """What the side-by-side check says about a whole design, for its headline.

    Parameters
    ----------
    table : DataFrame
        The result of :func:`side_by_side`.

    Returns
    -------
    dict
        ``checked_intervals`` (pool-intervals with enough calls to be judged),
        ``flagged_intervals`` (those where a KPI is off), ``flagged_share`` (flagged / checked,
        0 when nothing was checked), ``worst_simulated_service_level`` (the lowest simulated
        service level of a checked pool-interval, 1 when nothing was checked) with its ``pool``
        and ``time`` in ``worst_pool`` and ``worst_time``.
    """
    checked = table[table["checked"]]
    flagged = int(checked["disagree"].sum())
    out = {
        "checked_intervals": len(checked),
        "flagged_intervals": flagged,
        "flagged_share": flagged / len(checked) if len(checked) else 0.0,
        "worst_simulated_service_level": 1.0,
        "worst_pool": None,
        "worst_time": None,
    }
    if len(checked):
        worst = checked.loc[checked["service_level_sim"].idxmin()]
        out["worst_simulated_service_level"] = float(worst["service_level_sim"])
        out["worst_pool"] = str(worst["pool"])
        out["worst_time"] = str(worst["time"])
    return out
