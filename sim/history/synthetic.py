"""Synthetic interval history: what an ACD would have reported for a scenario's scattered centres.

To check the import, the patience estimate and the calibration we need history whose truth is
known. Each site of a scenario answers its own callers with the roster the analytic pipeline gives
it (each site with its own handle time and patience, so the sites differ as real ones do); every
week is one replication of the SimPy simulation (``sim.des``) with the week's volume drawn around
the plan (a normal factor of standard deviation ``volume_noise``) and each rostered agent absent
from an interval with probability ``absence``. The calls are then counted per interval of arrival
the way an ACD reports them: offered, answered, abandoned, answered within the threshold, the mean
handle time of the answered calls, the total queue wait of all calls (answered calls' waits plus
abandoned calls' patience) and the agents logged in.
"""

from dataclasses import replace

import numpy as np
import pandas as pd

from sim import hours
from sim.demand import build_demand
from sim.des.arrivals import draw_calls, pattern_intervals
from sim.des.engine import ABANDONED, ANSWERED, run_replication
from sim.des.replications import warmup_intervals
from sim.des.routing import build_routing
from sim.pipeline import run_design
from sim.scenario import Scenario

__all__ = ["synthetic_history"]


def _site_scenario(scenario: Scenario, index: int, aht, patience) -> Scenario:
    """The site alone on its own clock, its handle time and patience of every line set to
    ``aht`` and ``patience`` where they name it (a ``week_aht`` of its own still applies)."""
    site = scenario.sites[index]
    own = {}
    for key, values in (("aht", aht), ("patience", patience)):
        if site.name in values:
            own[key] = dict.fromkeys(scenario.line_names, values[site.name])
    general = scenario.general.model_copy(update={"clock_utc_offset": site.utc_offset})
    return scenario.model_copy(
        update={
            "sites": (site.model_copy(update=own),),
            "hubs": (),
            "design": type(scenario.design)(),
            "general": general,
        }
    )


def _count(calls, outcome, warmup, n_t, width, threshold) -> dict[str, np.ndarray]:
    start = warmup * width
    inside = (calls.time >= start) & (calls.time < start + n_t * width)
    k = ((calls.time[inside] - start) // width).astype(np.int64)
    index = calls.queue[inside] * n_t + k
    status = outcome.status[inside]
    answered = status == ANSWERED
    abandoned = status == ABANDONED
    wait = np.where(answered, outcome.answer[inside] - calls.time[inside], 0.0)
    wait = np.where(abandoned, calls.patience[inside], wait)
    weights = {
        "offered": None,
        "answered": answered,
        "abandoned": abandoned,
        "answered_within_threshold": answered & (wait <= threshold + 1e-9),
        "handled": np.where(answered, calls.service[inside], 0.0),
        "wait_seconds": wait,
    }
    size = (int(calls.queue.max()) + 1 if calls.queue.size else 1) * n_t
    return {
        name: np.bincount(index, weights=w, minlength=size).astype(float)
        for name, w in weights.items()
    }


def synthetic_history(
    scenario: Scenario,
    *,
    weeks: int = 8,
    start: str = "2024-03-04",
    seed: int = 0,
    aht: dict[str, float] | None = None,
    patience: dict[str, float] | None = None,
    volume_noise: float = 0.05,
    absence: float = 0.05,
) -> pd.DataFrame:
    """Interval rows an ACD would report for ``weeks`` weeks of the scenario's scattered sites.

    Parameters
    ----------
    scenario : Scenario
        A scenario with a seven-day horizon; its sites, lines, hours and profiles give the
        demand, its targets the threshold and the rosters.
    weeks : int, default 8
    start : str, default "2024-03-04"
        First day (local date of every site), a Monday for the weekday pattern to line up.
    seed : int, default 0
        Root seed: site ``i`` week ``w`` uses ``SeedSequence(seed).spawn(...)[i * weeks + w]``.
    aht, patience : dict, optional
        Site -> mean handle time and mean (exponential) patience of all its lines, seconds;
        default the site's own (its ``aht``, ``week_aht`` and ``patience`` where it has them),
        else the lines'.
    volume_noise : float, default 0.05
        Standard deviation of the weekly volume factor (1 on average).
    absence : float, default 0.05
        Probability that a rostered agent is absent from an interval.

    Returns
    -------
    DataFrame
        The canonical columns of ``sim.history.read`` (``interval_start`` as ISO 8601 text with
        the site's UTC offset), one row per site, line and interval in which the site is open
        or has calls.
    """
    aht, patience = aht or {}, patience or {}
    first = pd.Timestamp(start)
    seeds = iter(np.random.SeedSequence(seed).spawn(len(scenario.sites) * weeks))
    frames = []
    for i, site in enumerate(scenario.sites):
        one = _site_scenario(scenario, i, aht, patience)
        demand = build_demand(one)
        design = run_design(one, demand, "scattered")
        topology = design.topology
        roster = np.rint(design.staffed).astype(np.int64)
        width = one.general.interval_minutes * 60.0
        n_t = demand.intervals
        threshold = float(design.plan.threshold[0])
        offset = f"{'+' if site.utc_offset >= 0 else '-'}{abs(site.utc_offset):02.0f}:00"
        for w in range(weeks):
            rng = np.random.default_rng(next(seeds))
            factor = max(1.0 + volume_noise * rng.standard_normal(), 0.0)
            agents = roster - rng.binomial(roster, absence)
            week = replace(demand, calls=demand.calls * factor)
            routing = build_routing(one, topology, week, agents, abandonment=True)
            warmup = warmup_intervals(
                routing.calls, hours.intervals_per_day(one.general.interval_minutes)
            )
            played = pattern_intervals(n_t, warmup, 1)
            drawn = draw_calls(routing, rng, played, "exponential")
            outcome = run_replication(routing, drawn, played)
            counts = _count(drawn, outcome, warmup, n_t, width, threshold)
            stamps = (
                first
                + pd.Timedelta(weeks=w)
                + pd.to_timedelta(np.arange(n_t) * one.general.interval_minutes, unit="min")
            )
            for q in range(routing.calls.shape[0]):
                part = slice(q * n_t, (q + 1) * n_t)
                answered = counts["answered"][part]
                rows = pd.DataFrame(
                    {
                        "site": site.name,
                        "line": one.lines[int(routing.queue_line[q])].name,
                        "interval_start": stamps.strftime("%Y-%m-%dT%H:%M") + offset,
                        **{
                            name: counts[name][part].astype(np.int64)
                            for name in ("offered", "answered", "abandoned")
                        },
                        "answered_within_threshold": counts["answered_within_threshold"][
                            part
                        ].astype(np.int64),
                        "aht": np.round(
                            np.divide(
                                counts["handled"][part],
                                answered,
                                out=np.full(n_t, np.nan),
                                where=answered > 0,
                            ),
                            1,
                        ),
                        "wait_seconds": np.round(counts["wait_seconds"][part], 1),
                        "agents": agents[routing.queue_pool[q]],
                    }
                )
                keep = demand.site_open[0] | (rows["offered"].to_numpy() > 0)
                frames.append(rows[keep])
    return pd.concat(frames, ignore_index=True)
