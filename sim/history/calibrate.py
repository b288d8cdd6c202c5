"""Calibration: the model on the real staffing of the past, against what really happened.

Before any saving is believed, the model must reproduce today. For every interval of the history
with staffed agents, the queue model (``targets.model`` of the scenario, Erlang A by default) is run
with the agents who were logged in, the interval's handle time and the site's patience, and its
service level and abandonment are set against the measured ones: per interval, per site
and line, per week, with the bias (modelled - measured, call-weighted), the mean absolute error
per interval, the worst intervals and a plain verdict per site.

The arrival rate of an interval is its **expected** volume, the history's average for that
interval of the week (the same figure the imported scenario plans with), not the interval's
realised count: a Poisson count used as the rate pulls the modelled service level 2-4 points low
on 30-minute intervals, because the service-level curve bends where the noise lands (Jensen's
inequality on a concave-convex curve). The handle time and patience are the scenario's where the
site has its own for the line (its ``week_aht`` of the interval of the week, else its ``aht``; its
``patience``: what ``python -m sim import`` writes, or what the planner set), else the history's:
the interval of the week's answered-call-weighted average handle time, and the site's patience
estimate (else the line's patience). Average staffed agents that are not whole numbers are
interpolated linearly between the two whole staffings around them. Measured figures are shares of
the calls offered in the interval; intervals without offered calls have no measured service level
and are left out.

Beside the formula, the simulation (``sim.des.simulate``) plays each site and line through its
average week with the agents really logged in (each interval of the week's average staffed
agents, rounded to whole agents) and the same handle times and patience, so queues carry
over from one interval to the next, which the per-interval formula ignores; per site and line its
call-weighted service level and abandonment stand beside the measured ones
(``simulated_service_level``, ``simulated_abandon_rate``, ``simulated_bias``).
"""

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from sim.comparison import compare
from sim.demand import build_demand, clock_shift, site_handle_times
from sim.des import simulate
from sim.errors import InputError
from sim.history.aggregate import summarise, to_interval, week_of, week_slot
from sim.history.read import History
from sim.hours import WEEKDAYS, intervals_per_day
from sim.pipeline import run_design
from sim.queue_model import queue_model
from sim.scenario import Scenario

__all__ = ["GOOD", "Calibration", "calibrate"]

GOOD = 0.02
"""Largest service-level bias (share) at which the model is said to reproduce a site."""
_CLOSE = 0.05
_KEYS = ["site", "line"]


@dataclass(frozen=True)
class Calibration:
    """The model against the history.

    Attributes
    ----------
    intervals : DataFrame
        Per site, line and interval with staffed agents and offered calls: ``interval_start``,
        ``week`` (its Monday), ``offered``, ``expected_calls``, ``agents``, ``aht``,
        ``patience``, ``measured_service_level``, ``modelled_service_level``,
        ``measured_abandon_rate``, ``modelled_abandon_rate``, ``error`` (modelled - measured
        service level).
    sites : DataFrame
        Per site and line: ``measured_service_level``, ``modelled_service_level``,
        ``measured_abandon_rate``, ``modelled_abandon_rate`` (call-weighted), ``bias``
        (modelled - measured service level), ``mae`` (call-weighted mean absolute error of the
        interval service levels), ``patience``, ``patience_low``, ``patience_high`` (s),
        ``intervals``, ``verdict``, and unless ``replications=0`` the simulation's
        ``simulated_service_level``, ``simulated_abandon_rate`` and ``simulated_bias``.
    weeks : DataFrame
        Per site, line and week: measured and modelled service level and the bias.
    worst : DataFrame
        The ten intervals with the largest absolute service-level error.
    workforce : DataFrame
        Agent FTE of today's design as measured (staffed agent-hours of the average week, with
        the breaks today's modelled tours add to each on-phone hour, grossed up for shrinkage),
        as modelled (the scattered design), and of the centralised design, with the saving
        against each.
    model : str
        The queue model's label.
    """

    intervals: pd.DataFrame = field(repr=False)
    sites: pd.DataFrame = field(repr=False)
    weeks: pd.DataFrame = field(repr=False)
    worst: pd.DataFrame = field(repr=False)
    workforce: pd.DataFrame = field(repr=False)
    model: str


def _interpolated(model, agents, load, aht, patience, threshold):
    """KPIs at fractional agents: linear between the whole staffings around them."""
    low = np.floor(agents)
    share = agents - low
    at_low = model.kpis(low, load, aht, patience, threshold)
    at_high = model.kpis(low + 1.0, load, aht, patience, threshold)
    return tuple(
        (1.0 - share) * getattr(at_low, name) + share * getattr(at_high, name)
        for name in ("service_level", "abandon_rate")
    )


def _verdict(bias: float, abandon_bias: float) -> str:
    points = f"{abs(bias) * 100:.1f} points"
    side = "optimistic" if bias > 0 else "pessimistic"
    if abs(bias) <= GOOD:
        return f"reproduced: service level within {points} of the measured one"
    if abs(bias) <= _CLOSE:
        return f"close: the model is {side} by {points}; check handle times and staffed agents"
    return (
        f"not reproduced: the model is {side} by {points} (abandonment "
        f"{abandon_bias * 100:+.1f} points); check that staffed agents are available agents, "
        "the handle time includes wrap-up, and the patience estimate"
    )


def _weighted(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    w = frame.assign(
        m_sl=frame["measured_service_level"] * frame["offered"],
        p_sl=frame["modelled_service_level"] * frame["offered"],
        m_ab=frame["measured_abandon_rate"] * frame["offered"],
        p_ab=frame["modelled_abandon_rate"] * frame["offered"],
        abs_err=frame["error"].abs() * frame["offered"],
    )
    sums = w.groupby(keys, observed=True, sort=False)[
        ["offered", "m_sl", "p_sl", "m_ab", "p_ab", "abs_err"]
    ].sum()
    out = pd.DataFrame(
        {
            "measured_service_level": sums["m_sl"] / sums["offered"],
            "modelled_service_level": sums["p_sl"] / sums["offered"],
            "measured_abandon_rate": sums["m_ab"] / sums["offered"],
            "modelled_abandon_rate": sums["p_ab"] / sums["offered"],
        }
    )
    out["bias"] = out["modelled_service_level"] - out["measured_service_level"]
    out["mae"] = sums["abs_err"] / sums["offered"]
    out["intervals"] = w.groupby(keys, observed=True, sort=False).size()
    return out


def _workforce(history: History, scenario: Scenario) -> pd.DataFrame:
    """Agent FTE today as measured, as modelled, and centralised. Staffed agents are logged in
    (on the phones); the paid hours behind them carry the breaks too, taken at the share of paid
    to on-phone hours of today's modelled tours, then grossed up for shrinkage like the model."""
    w = scenario.workforce
    weekly_hours = float(week_of(history)["agents"].sum()) * history.interval_minutes / 60.0
    summary = compare(scenario).summary
    today = summary.loc["scattered"]
    paid_per_phone_hour = today["paid_hours"] / today["agent_hours_on_phones"]
    measured = weekly_hours * paid_per_phone_hour / (1.0 - w.shrinkage) / w.hours_per_fte_week
    modelled = float(today["agents_scheduled_fte"])
    centralised = float(summary.loc["centralised", "agents_scheduled_fte"])
    return pd.DataFrame(
        {
            "agents_fte": [measured, modelled, centralised],
            "saving_vs_measured": [0.0, measured - modelled, measured - centralised],
            "saving_vs_modelled": [modelled - measured, 0.0, modelled - centralised],
        },
        index=pd.Index(["today as measured", "today as modelled", "centralised"], name="design"),
    )


SIMULATED_REPLICATIONS = 5
"""Simulated weeks behind the simulation's figures in a calibration."""


def _times(history: History, scenario: Scenario, totals: pd.DataFrame) -> pd.DataFrame:
    """Per site, line and interval of the week (index ``site``, ``line``, ``slot``): the
    expected calls, the handle time and patience the model runs with (module docstring) and the
    site's handle time where an interval has none of its own (``site_aht``)."""
    week = week_of(history).set_index([*_KEYS, "slot"])
    pairs = week.index.droplevel("slot")
    out = pd.DataFrame({"expected_calls": week["offered"]}, index=week.index)
    line_of = pairs.get_level_values("line").astype(str)
    line_aht = line_of.map({line.name: line.aht for line in scenario.lines}).to_numpy(float)
    line_patience = line_of.map({line.name: line.patience for line in scenario.lines})
    site_aht = totals["aht"].reindex(pairs).to_numpy()
    site_aht = np.where(np.isfinite(site_aht), site_aht, line_aht)
    patience = totals["patience"].reindex(pairs).to_numpy()
    patience = np.where(np.isfinite(patience), patience, line_patience.to_numpy(dtype=float))
    aht = np.where(np.isfinite(week["aht"]), week["aht"], site_aht)
    sites, lines = (pairs.get_level_values(key).astype(str) for key in _KEYS)
    slots = week.index.get_level_values("slot").to_numpy()
    for i, site in enumerate(scenario.sites):
        own = site_handle_times(scenario, i)
        for j, line in enumerate(scenario.line_names):
            mine = np.asarray((sites == site.name) & (lines == line))
            if line in (site.aht or {}) or line in (site.week_aht or {}):
                aht[mine] = own[j, slots[mine]]
                site_aht[mine] = (site.aht or {}).get(line, scenario.lines[j].aht)
            if line in (site.patience or {}):
                patience[mine] = site.patience[line]
    return out.assign(aht=aht, site_aht=site_aht, patience=patience)


def _simulated(history: History, scenario: Scenario, times: pd.DataFrame, replications: int):
    """Per site and line: the simulation of its average week with the staffed agents and the
    handle times and patience of ``times`` (per site, line and interval of the week, as the
    formula uses them)."""
    week = week_of(history).set_index([*_KEYS, "slot"])["agents"]
    per_day = intervals_per_day(scenario.general.interval_minutes)
    first = WEEKDAYS.index(scenario.general.first_weekday) * per_day
    pairs = set(times.index.droplevel("slot"))
    out = []
    for site in scenario.sites:
        for line in scenario.lines:
            if (site.name, line.name) not in pairs or site.volume.get(line.name, 0) <= 0:
                continue
            own = times.loc[(site.name, line.name)]
            aht = np.zeros(7 * per_day)
            aht[own.index.to_numpy()] = own["aht"].to_numpy()
            update = {
                "volume": {line.name: site.volume[line.name]},
                "aht": {line.name: float(own["site_aht"].iloc[0])},
                "week_aht": {line.name: tuple(aht)},
                "patience": {line.name: float(own["patience"].iloc[0])},
            }
            alone = scenario.model_copy(
                update={
                    "general": scenario.general.model_copy(
                        update={"clock_utc_offset": scenario.clock_utc_offset}
                    ),
                    "sites": (site.model_copy(update=update),),
                    "lines": (line,),
                    "hubs": (),
                    "design": scenario.design.model_copy(update={"hub": None, "alternatives": ()}),
                }
            )
            design = run_design(alone, build_demand(alone), "scattered")
            local = np.zeros(design.plan.calls.shape[1])
            if (site.name, line.name) in week.index.droplevel("slot"):
                agents = week.loc[(site.name, line.name)]
                local[(agents.index.to_numpy() - first) % local.size] = agents.to_numpy(float)
            shift = clock_shift(site.utc_offset, alone, "sites[0]")
            staffing = np.rint(np.roll(np.nan_to_num(local), shift)).astype(int)[None, :]
            run = simulate(
                alone, design, staffing=staffing, replications=replications, max_calls=None
            )
            out.append(
                {
                    "site": site.name,
                    "line": line.name,
                    "simulated_service_level": run.summary["service_level"],
                    "simulated_abandon_rate": run.summary["abandon_rate"],
                }
            )
    return pd.DataFrame(out).set_index(_KEYS)


def calibrate(
    history: History, scenario: Scenario, replications: int = SIMULATED_REPLICATIONS
) -> Calibration:
    """Run the scenario's queue model on the history's staffing and compare (module docstring).

    Parameters
    ----------
    history : History
        With staffed agents and answered-within-threshold counts (at the scenario's interval or
        a divisor of it).
    scenario : Scenario
        The scenario built on the history: its interval, threshold (``targets.threshold``, the
        threshold of the history's column), queue model, shrinkage and contract hours, and the
        designs whose agent FTE stand beside the measured ones.
    replications : int, default 5
        Simulated weeks of the simulation beside the formula, >= 2; 0 leaves it out.

    Raises
    ------
    InputError
        When the history lacks staffed agents or answered-within-threshold counts.
    """
    missing = [name for name, present in history.has.items() if not present]
    if {"agents", "answered_within_threshold"} & set(missing):
        raise InputError(
            f"{history.source}: calibration needs the columns 'agents' and "
            f"'answered_within_threshold'; the file lacks {', '.join(missing)}"
        )
    history = to_interval(history, scenario.general.interval_minutes)
    minutes = history.interval_minutes
    model = queue_model(scenario.targets.model)
    totals = summarise(history).set_index(_KEYS)
    expected = _times(history, scenario, totals)
    t = history.table
    t = t[(t["offered"] > 0) & t["agents"].notna()].assign(
        slot=lambda f: week_slot(f["interval_start"], minutes)
    )
    t = t.drop(columns="aht").merge(expected.reset_index(), on=[*_KEYS, "slot"], how="left")
    aht, patience = t["aht"].to_numpy(), t["patience"].to_numpy()
    load = t["expected_calls"].to_numpy() / (minutes * 60.0) * aht
    sl, ab = _interpolated(
        model, t["agents"].to_numpy(), load, aht, patience, scenario.targets.threshold
    )
    starts = t["interval_start"]
    intervals = pd.DataFrame(
        {
            "site": t["site"],
            "line": t["line"],
            "interval_start": starts,
            "week": (starts - pd.to_timedelta(starts.dt.day_of_week, unit="D")).dt.normalize(),
            "offered": t["offered"],
            "expected_calls": t["expected_calls"],
            "agents": t["agents"],
            "aht": aht,
            "patience": patience,
            "measured_service_level": t["answered_within_threshold"] / t["offered"],
            "modelled_service_level": sl,
            "measured_abandon_rate": t["abandoned"] / t["offered"],
            "modelled_abandon_rate": ab,
        }
    )
    intervals["error"] = intervals["modelled_service_level"] - intervals["measured_service_level"]
    sites = _weighted(intervals, _KEYS)
    sites = sites.join(totals[["patience", "patience_low", "patience_high"]])
    if replications:
        sites = sites.join(_simulated(history, scenario, expected, replications))
        sites["simulated_bias"] = sites["simulated_service_level"] - sites["measured_service_level"]
    sites["verdict"] = [
        _verdict(b, a)
        for b, a in zip(
            sites["bias"],
            sites["modelled_abandon_rate"] - sites["measured_abandon_rate"],
            strict=True,
        )
    ]
    weeks = _weighted(intervals, [*_KEYS, "week"])[
        ["measured_service_level", "modelled_service_level", "bias"]
    ]
    worst = intervals.loc[intervals["error"].abs().nlargest(10).index]
    return Calibration(
        intervals=intervals.reset_index(drop=True),
        sites=sites.reset_index(),
        weeks=weeks.reset_index(),
        worst=worst.reset_index(drop=True),
        workforce=_workforce(history, scenario),
        model=model.label,
    )
