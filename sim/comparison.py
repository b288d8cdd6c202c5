"""The planning pipeline end to end: scattered vs centralised, and the savings by cause.

``compare(scenario)`` runs every design of a scenario through the same steps (demand -> topology
-> staffing -> roster -> workforce) and explains the headcount difference to today's scattered
centres cause by cause. The returned :class:`Comparison` holds plain pandas DataFrames that the
CLI, the app, the charts and the sweeps read; :class:`DesignResult` keeps each design's arrays
(pools, staffing plan, rostered agents) for the simulation.

Savings breakdown (headcount in FTE, scattered minus design; the causes add up exactly). Each
agent cause carries the support roles that scale with agents (team leaders one per 15 agents, ...):
with ``rho`` the sum of ``1 / per_agents`` over those roles, a cause that saves ``x`` agent FTE
saves ``(1 + rho) x`` FTE. What remains of the support roles is split in two:

- ``sites_closed``: roles fixed per open location (``per_site``) of today's sites minus the
  design's locations;
- ``rounding``: per-agent roles are whole people rounded up per location; rounding once per hub
  instead of once per site is the rest.

The agent part of headcount is ``k R`` with ``k`` the FTE per paid agent-hour and ``R`` the paid
roster hours (tours: on the phones, breaks and days-off surplus), ``R = (E + M) / eff`` with ``E``
the Erlang agent-hours, ``M`` the extra hours for minimum cover and ``eff`` the paid roster
efficiency. Going from scattered (S) to the design
(D) through two counterfactual states, each run through the same staffing and roster steps:
A = the design's pools at the old AHT with every site on its own local clock (as if all sites
shared one time zone), B = the same on the real clocks:

- ``pooling`` = k (E_S - E_A) / eff_S: economies of scale of bigger queues;
- ``minimum_cover`` = k (M_S - M_A) / eff_S: night and quiet-hour cover shared by fewer pools;
- ``roster_efficiency`` = k (E_A + M_A) (1/eff_S - 1/eff_A): shifts fit a bigger requirement better;
- ``time_zones_peaks`` = k (R_A - R_B): peaks that no longer coincide once sites in other time zones
  are pooled. It acts through rosters and night cover; in Erlang hours alone a flatter profile
  needs slightly *more* agent-hours (staffing grows like the square root of the load), so this cause
  can be negative;
- ``aht_change`` = k (R_B - R_D): handle time lost (or won) with the move.

A design the formulas only bound (a virtual network, partly cross-trained pools) is staffed by
simulation (``design.engine = "auto"``): the causes above explain the analytic design (the bound),
and ``simulated_staffing`` = headcount of the bound - headcount staffed by simulation (negative:
overflow and skills need more staff than full pooling promises). It is 0 for every other design.

With every site in one time zone, A is B and ``time_zones_peaks`` is 0, whatever the scenario
clock and wherever the hub is: a hub's longer or shifted opening hours then show as
``minimum_cover`` and ``roster_efficiency``, not as time zones.
"""

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from sim.demand import Demand, build_demand
from sim.des import simulate, staff_by_simulation
from sim.figures import HEADLINE
from sim.pipeline import DesignResult, roster_pools, run_design, scenario_model
from sim.queue_model import QueueKPIs, QueueModel
from sim.scenario import Scenario
from sim.staffing import StaffingPlan, staff
from sim.topology import build_topology, design_names
from sim.tours import TOUR_COLUMNS
from sim.workforce import fte_per_agent_hour, workforce

__all__ = [
    "CAUSES",
    "SCENARIO_COLUMNS",
    "Comparison",
    "compare",
    "scenarios_table",
    "simulated_designs",
]

CAUSES = (
    "pooling",
    "time_zones_peaks",
    "minimum_cover",
    "roster_efficiency",
    "aht_change",
    "sites_closed",
    "rounding",
    "simulated_staffing",
)

SIMULATED_STAFFING = {"replications": 5, "max_iterations": 12, "min_calls": 20.0}
"""How designs the formulas only bound are staffed by simulation (``sim.des.staff_by_simulation``):
replications per simulated week, most iterations, and the expected calls an interval needs to be
judged."""


def _hours_parts(scenario: Scenario, plan: StaffingPlan, paid: float):
    """Erlang hours, minimum-cover hours and paid roster hours of a staffing plan."""
    hours = scenario.general.interval_minutes / 60.0
    erl = plan.erlang_agents.sum() * hours
    return erl, (plan.required - plan.erlang_agents).sum() * hours, paid


def _old_aht_hours(scenario, demand, topology, model: QueueModel):
    plan = staff(scenario, topology, demand, model, aht_change=False)
    staffed, tours = roster_pools(scenario, demand, topology, plan)
    return _hours_parts(scenario, plan, workforce(scenario, topology, staffed, tours).paid_hours)


def _one_zone(scenario: Scenario) -> bool:
    """Every site in the same time zone (whatever the scenario clock)."""
    return len({site.utc_offset for site in scenario.sites}) == 1


def _breakdown(scenario: Scenario, demand: Demand, base: DesignResult, other: DesignResult):
    k = fte_per_agent_hour(scenario)
    e_s, m_s, r_s = _hours_parts(scenario, base.plan, base.workforce.paid_hours)
    r_d = other.workforce.paid_hours
    model = other.plan.model
    e_b, m_b, r_b = _old_aht_hours(scenario, demand, other.topology, model)
    if _one_zone(scenario):
        e_a, m_a, r_a = e_b, m_b, r_b
    else:
        local = demand.on_local_clocks()
        open_hubs = scenario.model_copy(
            update={"hubs": tuple(h.model_copy(update={"hours": None}) for h in scenario.hubs)}
        )
        e_a, m_a, r_a = _old_aht_hours(
            scenario, local, build_topology(open_hubs, local, other.name), model
        )
    eff_s = (e_s + m_s) / r_s if r_s > 0 else 1.0
    eff_a = (e_a + m_a) / r_a if r_a > 0 else 1.0
    agents = {
        "pooling": k * (e_s - e_a) / eff_s,
        "time_zones_peaks": k * (r_a - r_b),
        "minimum_cover": k * (m_s - m_a) / eff_s,
        "roster_efficiency": k * (e_a + m_a) * (1.0 / eff_s - 1.0 / eff_a),
        "aht_change": k * (r_b - r_d),
    }
    rho = sum(1.0 / r.per_agents for r in scenario.workforce.support_roles if r.per_agents)
    fixed_s, per_agent_s = _support_parts(scenario, base)
    fixed_d, per_agent_d = _support_parts(scenario, other)
    scaled_s = rho * base.workforce.agents_fte
    scaled_d = rho * other.workforce.agents_fte
    return {
        **{cause: (1.0 + rho) * saved for cause, saved in agents.items()},
        "sites_closed": fixed_s - fixed_d,
        "rounding": (per_agent_s - scaled_s) - (per_agent_d - scaled_d),
    }


def _support_parts(scenario: Scenario, design: DesignResult) -> tuple[float, float]:
    """Support FTE of a design: roles fixed per location, and roles per agent (rounded up per
    location)."""
    locations = design.workforce.locations
    fixed = per_agent = 0.0
    for role in scenario.workforce.support_roles:
        count = float(locations[f"support_{role.name}"].sum())
        if role.per_agents:
            per_agent += count
        else:
            fixed += count
    return fixed, per_agent


@dataclass(frozen=True)
class Comparison:
    """Scattered vs centralised (and alternatives) for one scenario.

    Attributes
    ----------
    scenario : Scenario
    model : QueueModel
        The queue model every design was staffed with (``sim.queue_model``).
    designs : dict of name -> DesignResult
    intervals : DataFrame
        One row per design, pool and interval: ``design``, ``pool``, ``interval``, ``time``
        (scenario clock), ``calls``, ``load`` (Erlangs), ``aht`` (s), ``erlang_agents``,
        ``required_agents`` (with minimum cover), ``rostered_agents``, ``service_level``,
        ``abandon_rate``, ``asa`` (s), ``occupancy`` (KPIs at the rostered staffing).
    locations : DataFrame
        One row per design and location (site or hub): agent hours on the phones, paid hours,
        agent FTE, people per contract, support roles, headcount (FTE and people), annual cost,
        current headcount where known.
    summary : DataFrame
        One row per design (index ``design``): FTE, headcount (FTE and people), paid hours and
        agent-hours on the phones per week, call-weighted service level,
        abandonment, answer rate, ASA, occupancy, roster efficiency, annual cost, ...
    savings : DataFrame
        One row per alternative design (index ``design``): ``headcount`` saved vs scattered,
        ``percent``, ``annual_cost`` saved and one column per cause in ``CAUSES`` (the causes add
        up to ``headcount``); where any site gives ``current_headcount``, also
        ``headcount_vs_measured`` and ``percent_vs_measured``: the saving against today's measured
        headcount (sites without one count at their modelled headcount).
    baseline : DataFrame
        One row per site of today's design: ``site``, ``modelled_headcount``,
        ``current_headcount`` (the file's, or None), ``gap`` (measured - modelled),
        ``roster_efficiency``, ``occupancy`` and ``warning`` (why the modelled site may look
        unlike the real one, or "").
    """

    scenario: Scenario
    model: QueueModel
    designs: dict[str, DesignResult]
    intervals: pd.DataFrame
    locations: pd.DataFrame
    summary: pd.DataFrame
    savings: pd.DataFrame
    baseline: pd.DataFrame

    @property
    def assumptions(self) -> dict:
        """The assumptions that move the headline, stated beside it: ``max_occupancy`` (the
        occupancy cap in force), ``target_period`` (what the targets are met over),
        ``patience_dist`` (callers' patience in the queue model), ``model`` (the queue model),
        ``engine`` (design -> what produced its staffing: "analytic" or "simulation"),
        ``contracts`` (the tours' contract types: name -> hours a week, working days, shift
        lengths, maximum share of the agents), ``start_band_minutes`` (how far one person's
        shift starts may move over the week; ``None``: freely) and ``shrinkage`` (paid time lost
        outside the roster)."""
        w = self.scenario.workforce
        return {
            "max_occupancy": self.scenario.targets.max_occupancy,
            "target_period": self.scenario.targets.period,
            "patience_dist": self._patience_dists(),
            "model": self.model.name,
            "engine": {name: result.engine for name, result in self.designs.items()},
            "contracts": {
                c.name: {
                    "hours_per_week": c.hours_per_week,
                    "days": sorted({c.days(h) for h in c.shift_lengths}),
                    "shift_lengths": list(c.shift_lengths),
                    "max_share": c.max_share,
                }
                for c in w.contract_types()
            },
            "start_band_minutes": w.start_band_minutes or None,
            "shrinkage": w.shrinkage,
        }

    def _patience_dists(self) -> str | dict:
        """Callers' patience: "none" (Erlang C), one family for every line, or line -> family."""
        if not self.model.abandonment:
            return "none"
        dists = {line.name: line.patience_dist for line in self.scenario.lines}
        return next(iter(dists.values())) if len(set(dists.values())) == 1 else dists

    def assumption_notes(self) -> list[str]:
        """The assumptions in force, one plain sentence each, for every front end to show next
        to the headline."""
        a = self.assumptions
        cap = a["max_occupancy"]
        lifted = self.summary["headcount_total_uncapped"]
        uncapped = (
            ", ".join(f"{name} {value:,.1f}" for name, value in lifted.items()) + " FTE"
            if lifted.notna().all()
            else "not computed"
        )
        below = int(self.summary["intervals_below_load"].sum())
        notes = [
            f"Occupancy cap {cap:.0%} in every interval (headcount without it, staffed by the "
            f"formulas: {uncapped})."
            if cap < 1.0
            else f"No occupancy cap (targets.max_occupancy = 1); headcount: {uncapped}.",
            self._period_note(),
            self._patience_note(),
            self._engine_note(),
            self._tours_note(),
        ]
        notes += self._baseline_notes()
        if below:
            notes.append(
                f"{below} pool-intervals have fewer agents than Erlangs of offered load: only "
                "callers hanging up make them feasible."
            )
        return notes

    def _tours_note(self) -> str:
        w = self.scenario.workforce
        if w.roster == "none":
            return (
                f"No roster (workforce.roster = 'none'): the requirement is paid as it stands; "
                f"shrinkage {w.shrinkage:.0%}."
            )
        contracts = "; ".join(_contract_text(c) for c in w.contract_types())
        band = (
            f"shift starts within {w.start_band_minutes} min over a person's week"
            if w.start_band_minutes
            else "shift starts free from day to day"
        )
        gap = float(self.summary["roster_gap"].max()) if len(self.summary) else 0.0
        return (
            f"Weekly tours: {contracts}; {band}; roster gap at most {gap:.1%}. FTE = paid roster "
            f"hours / (1 - shrinkage {w.shrinkage:.0%}, time lost outside the roster: breaks are "
            f"in it) / {w.hours_per_fte_week:g} h."
        )

    def _engine_note(self) -> str:
        simulated = [name for name, r in self.designs.items() if r.engine == "simulation"]
        if not simulated:
            bounded = [name for name, r in self.designs.items() if r.formulas_bound]
            if bounded:
                return (
                    f"Staffing engine: analytic for every design (design.engine = 'analytic'); "
                    f"for {', '.join(bounded)} the formulas assume full pooling, a bound."
                )
            return "Staffing engine: analytic for every design."
        bounds = ", ".join(
            f"{name} {self.summary.loc[name, 'headcount_total_analytic']:,.1f}"
            for name in simulated
        )
        return (
            f"Staffing engine: simulation for {', '.join(simulated)} (overflow or partial "
            f"cross-training: the formulas' full-pooling figure is only a bound, {bounds} FTE); "
            "analytic for the others."
        )

    def _patience_note(self) -> str:
        dists = self._patience_dists()
        if dists in ("none", "exponential"):
            tail = ", exponential patience." if dists == "exponential" else "."
            return f"Queue model: {self.model.description}{tail}"
        return (
            f"Queue model: {self.model.description}; staffing assumes exponential patience with "
            f"each line's mean, while the simulation draws the lines' own patience ({dists}): "
            "check the headline with --engine both."
        )

    def _period_note(self) -> str:
        targets = self.scenario.targets
        if targets.period == "interval":
            return "Targets are met in every interval (not on average over a day or a week)."
        floor = (
            f"; no interval below {targets.floor_service_level:.0%}"
            if targets.floor_service_level is not None
            else "; no floor per interval"
        )
        return (
            f"Service-level and answer-rate targets are met call-weighted over each "
            f"{targets.period} (scenario clock){floor}; occupancy, ASA and minimum cover per "
            "interval."
        )

    def _baseline_notes(self) -> list[str]:
        """One sentence per kind of doubt about today's modelled sites (details in
        ``baseline``)."""
        base = self.baseline
        notes = []
        for column, limit, why in (
            ("roster_efficiency", BASELINE_EFFICIENCY, "whole shifts fit their hours poorly"),
            ("occupancy", BASELINE_OCCUPANCY, "minimum cover or quiet hours dominate"),
        ):
            low = base[(base[column] < limit) & (base["modelled_headcount"] > 0)]
            if len(low):
                worst = low.loc[low[column].idxmin()]
                notes.append(
                    f"{len(low)} of {len(base)} of today's sites as modelled have "
                    f"{column.replace('_', ' ')} under {limit:.0%} (lowest {worst['site']} "
                    f"{worst[column]:.0%}): {why}, so today's modelled headcount, and the "
                    "saving, may be larger than a real centre's; compare with current_headcount."
                )
        if base["current_headcount"].notna().any():
            known = base[base["current_headcount"].notna()]
            notes.append(
                f"Measured headcount given for {len(known)} of {len(base)} sites: "
                f"{known['current_headcount'].sum():,.1f} measured vs "
                f"{known['modelled_headcount'].sum():,.1f} modelled FTE."
            )
        return notes

    def tours(self) -> pd.DataFrame:
        """One row per design, pool, person and working day: ``design``, ``pool``, ``person``
        (per pool, from 0), ``contract``, ``day`` (0 = the horizon's first day), ``start``,
        ``end``, ``break_start``, ``break_end`` (minutes from the start of the horizon on the
        scenario clock; empty without a break); empty with ``workforce.roster = "none"``."""
        frames = [
            t.days.assign(design=name, pool=pool.name)
            for name, result in self.designs.items()
            for pool, t in zip(result.topology.pools, result.tours, strict=True)
            if t is not None
        ]
        columns = ["design", "pool", *TOUR_COLUMNS]
        if not frames:
            return pd.DataFrame(columns=columns)
        return pd.concat(frames, ignore_index=True)[columns]

    def to_dict(self) -> dict:
        """A JSON-ready dict: the scenario, its assumptions, one entry per design and the
        savings."""
        out: dict = {
            "scenario": self.scenario.general.name,
            "scenario_digest": self.scenario.digest(),
            "currency": self.scenario.general.currency,
            "assumptions": self.assumptions,
            "designs": list(self.designs),
        }
        for name, row in self.summary.iterrows():
            out[name] = {k: _plain(v) for k, v in row.items()}
            out[name]["headcount_people_by_contract"] = self.designs[
                name
            ].workforce.people_by_contract
        by_design = {}
        for name, row in self.savings.iterrows():
            by_design[name] = {
                "headcount": float(row["headcount"]),
                "percent": float(row["percent"]),
                "annual_cost": float(row["annual_cost"]),
                "breakdown": {cause: float(row[cause]) for cause in CAUSES},
            }
            if "headcount_vs_measured" in row:
                by_design[name]["headcount_vs_measured"] = float(row["headcount_vs_measured"])
                by_design[name]["percent_vs_measured"] = float(row["percent_vs_measured"])
        out["savings"] = {**by_design["centralised"], "by_design": by_design}
        out["baseline"] = {
            "modelled_headcount": float(self.baseline["modelled_headcount"].sum()),
            "sites": [
                {k: _plain(v) for k, v in row.items()}
                for row in self.baseline.astype(object)
                .where(self.baseline.notna(), None)
                .to_dict("records")
            ],
        }
        return out


def _plain(value):
    if isinstance(value, np.generic):
        return value.item()
    return value


def _interval_table(demand: Demand, result: DesignResult) -> pd.DataFrame:
    pools = [pool.name for pool in result.topology.pools]
    n_pools, n_t = result.plan.calls.shape
    return pd.DataFrame(
        {
            "design": result.name,
            "pool": np.repeat(pools, n_t),
            "interval": np.tile(np.arange(n_t), n_pools),
            "time": np.tile(np.array(demand.labels), n_pools),
            "calls": result.plan.calls.ravel(),
            "load": result.plan.load.ravel(),
            "aht": result.plan.aht.ravel(),
            "erlang_agents": result.plan.erlang_agents.ravel(),
            "required_agents": result.plan.required.ravel(),
            "rostered_agents": result.staffed.ravel(),
            "service_level": result.kpis.service_level.ravel(),
            "abandon_rate": result.kpis.abandon_rate.ravel(),
            "asa": result.kpis.asa.ravel(),
            "occupancy": result.kpis.occupancy.ravel(),
        }
    )


BASELINE_EFFICIENCY = 0.80
"""Roster efficiency below which a modelled site looks unlike a real centre (planners would not
staff it so)."""
BASELINE_OCCUPANCY = 0.50
"""Occupancy below which a modelled site looks unlike a real centre."""


def _baseline(scenario: Scenario, scattered: DesignResult) -> pd.DataFrame:
    """Today's sites as modelled beside what the file says they have (``current_headcount``),
    with the modelled site's roster efficiency and occupancy and a warning where they look
    unlike a real centre."""
    hours = scenario.general.interval_minutes / 60.0
    locations = scattered.workforce.locations.set_index("location")
    plan, staffed, kpi = scattered.plan, scattered.staffed, scattered.kpis
    rows = []
    for site in scenario.sites:
        pools = [k for k, p in enumerate(scattered.topology.pools) if site.name in p.fte_split]
        rostered = staffed[pools].sum() * hours
        efficiency = plan.required[pools].sum() * hours / rostered if rostered > 0 else 1.0
        occupancy = kpi.answered_load[pools].sum() * hours / rostered if rostered > 0 else 0.0
        modelled = float(locations.loc[site.name, "headcount"])
        warnings = []
        if rostered > 0 and efficiency < BASELINE_EFFICIENCY:
            warnings.append(
                f"roster efficiency {efficiency:.0%} (< {BASELINE_EFFICIENCY:.0%}): whole shifts "
                "fit its opening hours poorly; check shift_lengths, break windows, hours"
            )
        if rostered > 0 and occupancy < BASELINE_OCCUPANCY:
            warnings.append(
                f"occupancy {occupancy:.0%} (< {BASELINE_OCCUPANCY:.0%}): minimum cover or "
                "quiet hours dominate; check min_agents_open, hours, volume"
            )
        current = site.current_headcount
        rows.append(
            {
                "site": site.name,
                "modelled_headcount": modelled,
                "current_headcount": current,
                "gap": None if current is None else current - modelled,
                "roster_efficiency": float(efficiency),
                "occupancy": float(occupancy),
                "warning": "; ".join(warnings),
            }
        )
    return pd.DataFrame(rows)


def _simulated_design(scenario: Scenario, demand: Demand, analytic: DesignResult) -> DesignResult:
    """The design staffed by simulation: agents added where the simulated week misses a
    target (``sim.des.staff_by_simulation``), rostered into whole shifts, and its KPIs from a
    simulation of that roster (an agent more where that simulation still shows occupancy above
    the cap, so the cap holds in every interval reported); the analytic design is kept as its
    ``bound``."""
    found = staff_by_simulation(
        scenario,
        analytic,
        replications=SIMULATED_STAFFING["replications"],
        max_iterations=SIMULATED_STAFFING["max_iterations"],
        min_calls=SIMULATED_STAFFING["min_calls"],
        max_calls=None,
        workers=1,
    )
    extra = found.staffing - analytic.plan.required
    plan = replace(
        analytic.plan,
        erlang_agents=analytic.plan.erlang_agents + extra,
        required=np.asarray(found.staffing, dtype=float),
    )
    cap = scenario.targets.max_occupancy
    for _ in range(SIMULATED_STAFFING["max_iterations"]):
        staffed, tours = roster_pools(scenario, demand, analytic.topology, plan)
        check = simulate(
            scenario,
            analytic,
            staffing=staffed,
            replications=SIMULATED_STAFFING["replications"],
            max_calls=None,
            workers=1,
        )
        kpis = _simulated_kpis(check, plan)
        over = (kpis.occupancy > cap).astype(float)  # the cap holds in every interval shown
        if not over.any():
            break
        plan = replace(plan, erlang_agents=plan.erlang_agents + over, required=plan.required + over)
    return DesignResult(
        name=analytic.name,
        topology=analytic.topology,
        plan=plan,
        staffed=staffed,
        tours=tours,
        kpis=kpis,
        workforce=workforce(scenario, analytic.topology, staffed, tours),
        engine="simulation",
        bound=analytic,
    )


def _contract_text(contract) -> str:
    """``"part_time: 6 x 4 h, 24 h a week, at most 30 % of the agents"``."""
    tours = ", ".join(f"{contract.days(h)} x {h:g} h" for h in contract.shift_lengths)
    head = contract.name if contract.name == tours else f"{contract.name}: {tours}"
    cap = f", at most {contract.max_share:.0%} of the agents" if contract.max_share < 1 else ""
    return f"{head}, {contract.hours_per_week:g} h a week{cap}"


def _simulated_kpis(run, plan: StaffingPlan) -> QueueKPIs:
    """Per pool and interval KPIs of a simulation, as ``QueueKPIs`` (empty intervals as the
    formulas report them: service 1, nothing abandoned, no wait, no occupancy)."""
    rows = run.intervals
    shape = plan.calls.shape

    def column(key: str, empty: float) -> np.ndarray:
        values = rows[key].to_numpy(dtype=float).reshape(shape)
        return np.where((plan.calls > 0) & np.isfinite(values), values, empty)

    abandon = column("abandon_rate", 0.0)
    return QueueKPIs(
        service_level=column("service_level", 1.0),
        abandon_rate=abandon,
        asa=column("asa", 0.0),
        occupancy=column("occupancy", 0.0),
        answered_load=plan.load * (1.0 - abandon),
    )


def _uncapped_headcount(scenario, demand, model, results: dict) -> list[float]:
    """Each design's headcount with the occupancy cap lifted (the same pipeline otherwise), so
    the cap's weight in the headline is shown beside it."""
    if scenario.targets.max_occupancy >= 1.0:
        return [r.workforce.headcount for r in results.values()]
    lifted = scenario.model_copy(
        update={"targets": scenario.targets.model_copy(update={"max_occupancy": 1.0})}
    )
    return [run_design(lifted, demand, name, model).workforce.headcount for name in results]


def simulated_designs(scenario: Scenario, demand: Demand | None = None) -> tuple[str, ...]:
    """Names of the designs :func:`compare` staffs by simulation (``design.engine = "auto"`` and
    the formulas only bound them): the expensive part of a comparison, known in milliseconds
    before any staffing (``demand``: the scenario's, when already built)."""
    if scenario.design.engine != "auto":
        return ()
    demand = build_demand(scenario) if demand is None else demand
    return tuple(
        name
        for name in design_names(scenario)
        if build_topology(scenario, demand, name).formulas_bound
    )


def compare(scenario: Scenario, *, headline_only: bool = False) -> Comparison:
    """Run every design of ``scenario`` and explain the savings against scattered.

    ``headline_only=True`` leaves out what explains the headline: each design's headcount with
    the occupancy cap lifted (``summary["headcount_total_uncapped"]`` is NaN) and the saving's
    breakdown by cause (the :data:`CAUSES` columns of ``savings`` are NaN). Every design's own
    figures and the savings in people, per cent and money are the same; it is 40 % less work,
    for a Monte Carlo that draws the assumptions themselves (``sim.risk.bands``).

    Raises
    ------
    ScenarioError
        When a design cannot be built or staffed (a hub closed while its callers call, a time zone
        off the interval grid, too few seats in some interval, ...).
    """
    demand = build_demand(scenario)
    model = scenario_model(scenario)
    results = {name: run_design(scenario, demand, name, model) for name in design_names(scenario)}
    if scenario.design.engine == "auto":
        results = {
            name: _simulated_design(scenario, demand, r) if r.formulas_bound else r
            for name, r in results.items()
        }
    summary = pd.DataFrame([r.summary() for r in results.values()]).set_index("design")
    summary.insert(
        summary.columns.get_loc("headcount_total") + 1,
        "headcount_total_uncapped",
        np.nan if headline_only else _uncapped_headcount(scenario, demand, model, results),
    )
    base = results["scattered"]
    rows = []
    for name, result in results.items():
        if name == "scattered":
            continue
        if headline_only:
            causes = dict.fromkeys(CAUSES, np.nan)
        else:
            bound = result.bound or result
            causes = _breakdown(scenario, demand, base, bound)
            causes["simulated_staffing"] = bound.workforce.headcount - result.workforce.headcount
        saved = base.workforce.headcount - result.workforce.headcount
        rows.append(
            {
                "design": name,
                "headcount": saved,
                "percent": 100.0 * saved / base.workforce.headcount
                if base.workforce.headcount > 0
                else 0.0,
                "annual_cost": base.workforce.annual_cost - result.workforce.annual_cost,
                **causes,
            }
        )
    savings = pd.DataFrame(rows).set_index("design")
    baseline = _baseline(scenario, base)
    measured = baseline["current_headcount"]
    if measured.notna().any():
        today = float(measured.fillna(baseline["modelled_headcount"]).sum())
        saved = today - summary.loc[savings.index, "headcount_total"]
        savings["headcount_vs_measured"] = saved
        savings["percent_vs_measured"] = 100.0 * saved / today if today > 0 else 0.0
    locations = pd.concat(
        [r.workforce.locations.assign(design=name) for name, r in results.items()],
        ignore_index=True,
    )
    intervals = pd.concat([_interval_table(demand, r) for r in results.values()], ignore_index=True)
    return Comparison(
        scenario=scenario,
        model=model,
        designs=results,
        intervals=intervals,
        locations=locations[["design", *[c for c in locations.columns if c != "design"]]],
        summary=summary,
        savings=savings,
        baseline=baseline,
    )


SCENARIO_COLUMNS = tuple(
    key
    for key in HEADLINE
    if key not in ("worst_interval_service_level", "roster_efficiency", "talk_hours_per_shift")
)
"""Design figures of :func:`scenarios_table`, after its ``currency`` and ``saved_percent``."""


def scenarios_table(comparisons: dict[str, Comparison]) -> pd.DataFrame:
    """Every design of several scenarios on one line each, for a steering committee.

    Parameters
    ----------
    comparisons : dict of label -> Comparison
        The scenarios to set side by side; the label names the scenario in the index.

    Returns
    -------
    DataFrame
        Indexed by design alone when there is one scenario (so charts keep the fixed colours of
        scattered and centralised), else by ``"label / design"``; columns ``currency``,
        ``saved_percent`` (headcount saved against the scenario's own scattered design, %, 0
        for scattered) and :data:`SCENARIO_COLUMNS`.
    """
    alone = len(comparisons) == 1
    tables = []
    for label, comparison in comparisons.items():
        table = comparison.summary[list(SCENARIO_COLUMNS)].copy()
        saved = comparison.savings["percent"].reindex(table.index).fillna(0.0)
        table.insert(0, "saved_percent", saved)
        table.insert(0, "currency", comparison.scenario.general.currency)
        if not alone:
            table.index = [f"{label} / {design}" for design in table.index]
        table.index.name = "design" if alone else "scenario / design"
        tables.append(table)
    return pd.concat(tables)
