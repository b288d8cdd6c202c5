"""Resilience: what each design does on its worst day, played call by call with its roster fixed.

Consolidation trades headcount for concentration risk: a typhoon, a strike or an IT failure at
one of ten city centres hurts a tenth of the callers; at the one provincial centre it hurts all
of them. Each shock is played through the simulation (``sim.des.simulate``) with the staff the
analytic plan rostered for that day, and nobody re-plans inside the day:

- ``none``: the shocked day as planned (the reference);
- ``outage``: the largest location of the design (a site today, the hub after) loses
  ``outage_share`` of its logged-in agents for the day;
- ``surge``: every site receives ``1 + surge`` times its calls for the day;
- ``forecast``: the forecast was too low: ``1 + forecast_error`` times the calls for the whole
  horizon (a week), against the roster planned on the forecast;
- ``hub_closed``: the largest hub of a design with several hubs closes for the day, its sites'
  calls moved whole to the other hubs (each site to the remaining hub with the fewest calls per
  rostered agent-hour), which answer them with their own rostered agents; in a design with one
  hub nobody is left to answer and every call of the day is lost;
- ``hub_closed_overflow``: the same with overflow between the remaining hubs, modelled as its
  best case: the remaining hubs answer every caller from one shared waiting line.

The shocked day is the busiest day of the horizon (``risk.shock_day`` names another). Every shock
and design meets the same callers (one seed: common random numbers), so their differences are
sharper than their confidence intervals suggest. Each figure is the mean over ``replications``
independent days (weeks for ``forecast``) with the half-width of its 95 % confidence interval.
"""

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from sim.comparison import Comparison
from sim.demand import build_demand, horizon_days
from sim.des import mean_half_width, simulate
from sim.errors import InputError
from sim.hours import WEEKDAYS, intervals_per_day
from sim.pipeline import DesignResult, run_design
from sim.risk.assumptions import risk_seed, volume_edits
from sim.scenario import Scenario, apply_overrides

__all__ = ["SHOCKS", "Resilience", "resilience", "shock_day"]

SHOCKS = {
    "none": "as planned",
    "outage": "largest location loses {outage:.0%} of its agents for the day",
    "surge": "{surge:.0%} more calls for the day",
    "forecast": "forecast {forecast:.0%} too low for the week",
    "hub_closed": "largest hub closed, its sites moved to the other hubs",
    "hub_closed_overflow": "largest hub closed, the other hubs share one line (overflow)",
}
"""Each shock and the words that describe it (formatted with the scenario's shares)."""

_NOBODY = "no other hub: nobody answers"


@dataclass(frozen=True)
class Resilience:
    """The shocks of a scenario, per design.

    Attributes
    ----------
    table : DataFrame
        One row per shock and design: ``shock``, ``description``, ``design``, ``period``
        (``day`` or ``week``), ``location`` (the location hit, or ""), ``calls`` (offered),
        ``service_level``, ``abandon_rate``, ``calls_lost`` (offered minus answered: hang-ups
        and callers still waiting at the end), each with its ``_hw`` (95 % half-width), and
        ``note``.
    intervals : DataFrame
        One row per shock, design and interval: ``shock``, ``design``, ``interval``, ``time``,
        ``calls``, ``service_level``, ``abandon_rate``, ``abandoned``, each with ``_hw``.
    day : str
        The shocked day (``mon`` ... ``sun``).
    replications, seed : int
        Replications per shock and design, and the root seed of every simulation.
    """

    table: pd.DataFrame
    intervals: pd.DataFrame = field(repr=False)
    day: str
    replications: int
    seed: int


def shock_day(comparison: Comparison) -> str:
    """The day the shocks fall on: ``risk.shock_day``, or the horizon's busiest day."""
    scenario = comparison.scenario
    days = [WEEKDAYS[d] for d in horizon_days(scenario)]
    wanted = scenario.risk_settings.shock_day
    if wanted != "busiest":
        if wanted not in days:
            raise InputError(
                f"risk.shock_day: {wanted!r} is not in the planning horizon ({', '.join(days)})"
            )
        return wanted
    calls = comparison.designs["scattered"].plan.calls.sum(axis=0)
    per_day = calls.reshape(len(days), -1).sum(axis=1)
    return days[int(np.argmax(per_day))]


def _location_hours(topology, staffing: np.ndarray) -> dict[str, float]:
    """Rostered agent-intervals per location."""
    hours: dict[str, float] = {}
    for pool, staffed in zip(topology.pools, staffing, strict=True):
        for place, share in pool.fte_split.items():
            hours[place] = hours.get(place, 0.0) + share * float(staffed.sum())
    return hours


def _largest(design: DesignResult, kind: str | None = None) -> str:
    hours = _location_hours(design.topology, design.staffed)
    kinds = {loc.name: loc.kind for loc in design.topology.locations}
    places = [p for p in hours if kind is None or kinds[p] == kind]
    return max(places, key=lambda p: hours[p])


def _estimate(run, key: str) -> tuple[float, float]:
    return float(run.summary[key]), float(run.summary[f"{key}_hw"])


def _outcome(run) -> tuple[dict, pd.DataFrame]:
    counts = run.counts
    lost, lost_hw = mean_half_width((counts["offered"] - counts["answered"]).to_numpy(float))
    row = {
        "calls": float(run.summary["calls"]),
        "service_level": _estimate(run, "service_level")[0],
        "service_level_hw": _estimate(run, "service_level")[1],
        "abandon_rate": _estimate(run, "abandon_rate")[0],
        "abandon_rate_hw": _estimate(run, "abandon_rate")[1],
        "calls_lost": float(lost),
        "calls_lost_hw": float(lost_hw),
        "note": "",
    }
    columns = ["interval", "time", "calls", "calls_hw", "service_level", "service_level_hw"]
    columns += ["abandon_rate", "abandon_rate_hw", "abandoned", "abandoned_hw"]
    return row, run.overall[columns]


def _nobody(calls: np.ndarray, labels) -> tuple[dict, pd.DataFrame]:
    """Every call lost: the only hub is closed."""
    total = float(calls.sum())
    row = {
        "calls": total,
        "service_level": 0.0,
        "service_level_hw": 0.0,
        "abandon_rate": 1.0,
        "abandon_rate_hw": 0.0,
        "calls_lost": total,
        "calls_lost_hw": 0.0,
        "note": _NOBODY,
    }
    zero = np.zeros(calls.size)
    intervals = pd.DataFrame(
        {
            "interval": np.arange(calls.size),
            "time": list(labels),
            "calls": calls,
            "calls_hw": zero,
            "service_level": np.where(calls > 0, 0.0, 1.0),
            "service_level_hw": zero,
            "abandon_rate": np.where(calls > 0, 1.0, 0.0),
            "abandon_rate_hw": zero,
            "abandoned": calls,
            "abandoned_hw": zero,
        }
    )
    return row, intervals


def _moved(scenario: Scenario, name: str, closed: str, overflow: bool, day_calls, hours):
    """The scenario whose design ``name`` has hub ``closed`` shut: its sites moved whole to the
    remaining hub with the fewest calls per rostered agent-hour (or, with ``overflow``, every
    site to one shared line of the remaining hubs). Hub hours are dropped: the remaining hubs
    answer whenever their rostered agents are in."""
    index = next(i for i, alt in enumerate(scenario.design.alternatives) if alt.name == name)
    mapping = {hub: list(sites) for hub, sites in scenario.design.alternatives[index].hubs.items()}
    moved = mapping.pop(closed)
    site_calls = dict(zip(scenario.site_names, day_calls, strict=True))
    if overflow:
        mapping = {next(iter(mapping)): list(scenario.site_names)}
    else:
        load = {hub: sum(site_calls[s] for s in sites) for hub, sites in mapping.items()}
        for site in sorted(moved, key=lambda s: -site_calls[s]):
            hub = min(mapping, key=lambda h: load[h] / max(hours[h], 1e-9))
            mapping[hub].append(site)
            load[hub] += site_calls[site]
    edits = {f"design.alternatives[{index}].hubs": mapping}
    edits |= {f"hubs[{k}].hours": None for k in range(len(scenario.hubs))}
    return apply_overrides(scenario, edits)


def _pool_place(pool) -> str:
    return next(iter(pool.fte_split))


def _restaffed(new: DesignResult, old: DesignResult, staffing: np.ndarray, shared) -> np.ndarray:
    """Agents of the new pools: the old pools' rostered agents of the lines a new pool answers,
    at its own hub (or at every hub of ``shared`` when the remaining hubs share one line)."""
    out = np.zeros((len(new.topology.pools), staffing.shape[1]), dtype=np.int64)
    for p, pool in enumerate(new.topology.pools):
        hubs = shared if shared is not None else {_pool_place(pool)}
        for q, old_pool in enumerate(old.topology.pools):
            if _pool_place(old_pool) in hubs and set(old_pool.lines) <= set(pool.lines):
                out[p] += staffing[q]
    return out


@dataclass(frozen=True)
class _Day:
    """The shocked day of one design: the one-day scenario, its design and the rostered agents
    of that day of the horizon's plan."""

    scenario: Scenario
    design: DesignResult
    staffing: np.ndarray


def _day(comparison: Comparison, name: str, day: str) -> _Day:
    scenario = comparison.scenario
    one = apply_overrides(scenario, {"general.horizon_days": 1, "general.first_weekday": day})
    per_day = intervals_per_day(scenario.general.interval_minutes)
    k = [WEEKDAYS[d] for d in horizon_days(scenario)].index(day)
    week = comparison.designs[name]
    staffing = np.rint(week.staffed[:, k * per_day : (k + 1) * per_day]).astype(np.int64)
    return _Day(one, run_design(one, build_demand(one), name), staffing)


def _shocks(comparison: Comparison, name: str, day: str):
    """Yield ``(shock, location, play)`` for design ``name``; ``play(simulate_args)`` returns
    the outcome row and interval table."""
    settings = comparison.scenario.risk_settings
    d = _day(comparison, name, day)
    week = comparison.designs[name]

    def run(scenario, design, staffing):
        return lambda sim: _outcome(sim(scenario, design, staffing))

    yield "none", "", run(d.scenario, d.design, d.staffing)
    place = _largest(week)
    cut = np.array(
        [settings.outage_share * p.fte_split.get(place, 0.0) for p in week.topology.pools]
    )
    kept = np.floor(d.staffing * (1.0 - cut[:, None]) + 1e-9).astype(np.int64)
    yield "outage", place, run(d.scenario, d.design, kept)
    surged = apply_overrides(d.scenario, volume_edits(d.scenario, 1.0 + settings.surge))
    yield "surge", "", run(surged, d.design, d.staffing)
    high = apply_overrides(
        comparison.scenario, volume_edits(comparison.scenario, 1.0 + settings.forecast_error)
    )
    yield "forecast", "", run(high, week, np.rint(week.staffed).astype(np.int64))
    kind = week.topology.kind
    if kind not in ("centralised", "hubs"):
        return
    hub = _largest(week, "hub")
    if kind == "centralised":
        labels = build_demand(d.scenario).labels
        yield "hub_closed", hub, lambda sim: _nobody(d.design.plan.calls.sum(axis=0), labels)
        return
    day_calls = build_demand(d.scenario).calls.sum(axis=(1, 2))
    hours = _location_hours(d.design.topology, d.staffing)
    others = {_pool_place(p) for p in week.topology.pools} - {hub}
    for shock, overflow in (("hub_closed", False), ("hub_closed_overflow", True)):
        moved = _moved(d.scenario, name, hub, overflow, day_calls, hours)
        new = run_design(moved, build_demand(moved), name)
        staffing = _restaffed(new, d.design, d.staffing, others if overflow else None)
        yield shock, hub, run(moved, new, staffing)


def resilience(
    comparison: Comparison,
    *,
    designs=None,
    shocks=None,
    replications: int | None = None,
    seed: int | None = None,
    workers: int | None = None,
    progress=None,
) -> Resilience:
    """Every shock of :data:`SHOCKS` for every design, simulated with the rostered staff fixed.

    Parameters
    ----------
    comparison : Comparison
        ``sim.compare`` of the scenario: its rosters are the staff of the shocked days.
    designs : list of str, optional
        Designs to shock (default: every design).
    shocks : list of str, optional
        Shocks to play, of :data:`SHOCKS` (default: every one that applies to a design).
    replications : int, optional
        Independent days (weeks for ``forecast``) per shock and design; default
        ``risk.replications``.
    seed : int, optional
        Root seed of every simulation; default ``risk.seed``, else ``general.seed``.
    workers : int, optional
        Processes per simulation (``sim.des.simulate``); results do not depend on it.
    progress : callable, optional
        ``progress(done, total)`` after each shock and design.
    """
    scenario = comparison.scenario
    settings = scenario.risk_settings
    replications = settings.replications if replications is None else replications
    seed = risk_seed(scenario) if seed is None else seed
    names = list(comparison.designs) if designs is None else list(designs)
    day = shock_day(comparison)
    words = {"outage": settings.outage_share, "surge": settings.surge}
    words["forecast"] = settings.forecast_error

    def sim(scenario, design, staffing):
        return simulate(
            scenario,
            design,
            staffing=staffing,
            replications=replications,
            seed=seed,
            workers=workers,
            max_calls=None,
        )

    wanted = set(SHOCKS if shocks is None else shocks)
    unknown = sorted(wanted - set(SHOCKS))
    if unknown:
        raise InputError(f"shocks: unknown {unknown}; known: {', '.join(SHOCKS)}")
    jobs = [
        (name, *shock)
        for name in names
        for shock in _shocks(comparison, name, day)
        if shock[0] in wanted
    ]
    rows, tables = [], []
    for done, (name, shock, place, play) in enumerate(jobs, start=1):
        row, intervals = play(sim)
        head = {
            "shock": shock,
            "description": SHOCKS[shock].format(**words),
            "design": name,
            "period": "week" if shock == "forecast" else "day",
            "location": place,
        }
        rows.append(head | row)
        tables.append(intervals.assign(shock=shock, design=name))
        if progress:
            progress(done, len(jobs))
    order = {shock: k for k, shock in enumerate(SHOCKS)}
    table = pd.DataFrame(rows).sort_values(
        ["shock", "design"], key=lambda c: c.map(order) if c.name == "shock" else c.map(names.index)
    )
    intervals = pd.concat(tables, ignore_index=True)
    front = ["shock", "design"]
    return Resilience(
        table=table.reset_index(drop=True),
        intervals=intervals[front + [c for c in intervals.columns if c not in front]],
        day=day,
        replications=replications,
        seed=seed,
    )
