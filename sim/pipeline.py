"""One design through the planning pipeline: demand -> topology -> staffing -> roster -> workforce.

A design is a way of wiring callers to agents (today's scattered sites, one national hub, regional
hubs, a virtual network). :func:`run_design` sends one design of a scenario through the same steps
every design takes, under the queue model chosen once for the scenario (``sim.queue_model``), and
returns a :class:`DesignResult`: the design's pools, staffing plan, rostered agents, KPIs and
workforce. Everything downstream reads this plan: the comparison and its savings breakdown
(``sim.comparison``), the simulation and its referee (``sim.des``), the charts and the sweeps.
"""

import math
from dataclasses import dataclass, field

import numpy as np

from sim.demand import Demand
from sim.errors import InputError
from sim.queue_model import QueueKPIs, QueueModel, queue_model
from sim.roster import ShiftRules
from sim.scenario import Scenario
from sim.staffing import StaffingPlan, kpis, staff
from sim.topology import Topology, build_topology
from sim.tours import Tours, build_tours
from sim.workforce import Workforce, workforce

__all__ = ["DesignResult", "roster_pools", "run_design", "scenario_model", "shift_rules"]


@dataclass(frozen=True)
class DesignResult:
    """Everything computed for one design; arrays are ``[pool, interval]``.

    ``engine`` says what produced the staffing: ``"analytic"`` (the queue model's formulas) or
    ``"simulation"`` (``sim.des.staff_by_simulation``, for designs the formulas only bound);
    ``bound`` is then the analytic design, whose headcount is the formulas' (optimistic) figure.
    """

    name: str
    topology: Topology
    plan: StaffingPlan
    staffed: np.ndarray = field(repr=False)
    tours: tuple[Tours | None, ...] = field(repr=False)
    kpis: QueueKPIs = field(repr=False)
    workforce: Workforce = field(repr=False)
    engine: str = "analytic"
    bound: "DesignResult | None" = field(default=None, repr=False)

    @property
    def formulas_bound(self) -> bool:
        """Whether the Erlang formulas only bound this design (``Topology.formulas_bound``)."""
        return self.topology.formulas_bound

    def summary(self) -> dict:
        """Headline figures of the design (see ``Comparison.summary`` for the meaning)."""
        calls = self.plan.calls
        total_calls = calls.sum()
        answered = calls * (1.0 - self.kpis.abandon_rate)
        hours = self.plan.interval_minutes / 60.0
        staffed_hours = self.staffed.sum() * hours
        required_hours = self.plan.required.sum() * hours
        talk_hours = self.kpis.answered_load.sum() * hours
        shifts = sum(t.shifts for t in self.tours if t is not None)
        weeks = self.plan.calls.shape[1] * hours / (7 * 24.0)
        return {
            "design": self.name,
            "kind": self.topology.kind,
            "pools": len(self.topology.pools),
            "agents_scheduled_fte": self.workforce.agents_fte,
            "support_fte": self.workforce.support_fte,
            "headcount_total": self.workforce.headcount,
            "headcount_people": self.workforce.people,
            "paid_hours": self.workforce.paid_hours / weeks,
            "agent_hours_on_phones": float(staffed_hours) / weeks,
            "headcount_total_analytic": (self.bound or self).workforce.headcount,
            "service_level": _ratio((self.kpis.service_level * calls).sum(), total_calls, 1.0),
            "abandon_rate": _ratio((self.kpis.abandon_rate * calls).sum(), total_calls, 0.0),
            "answer_rate": _ratio(answered.sum(), total_calls, 1.0),
            "asa": _ratio((self.kpis.asa * answered).sum(), answered.sum(), 0.0),
            "occupancy": _ratio(talk_hours, staffed_hours, 0.0),
            "intervals_below_load": int(
                np.count_nonzero((self.plan.load > 0) & (self.staffed < self.plan.load))
            ),
            "worst_interval_service_level": float(
                np.min(self.kpis.service_level, initial=1.0, where=calls > 0)
            ),
            "erlang_agent_hours": float(self.plan.erlang_agents.sum() * hours),
            "required_agent_hours": float(required_hours),
            "rostered_agent_hours": float(staffed_hours),
            "roster_efficiency": _ratio(required_hours, staffed_hours, 1.0),
            "shifts": float(shifts),
            "roster_gap": max((t.gap for t in self.tours if t is not None), default=0.0),
            "talk_hours_per_shift": _ratio(talk_hours, shifts, 0.0),
            "annual_cost": self.workforce.annual_cost,
        }


def _ratio(num: float, den: float, empty: float) -> float:
    return float(num / den) if den > 0 else float(empty)


def shift_rules(scenario: Scenario) -> ShiftRules:
    """The break rules of the scenario's shifts (lengths are the contracts')."""
    w = scenario.workforce
    return ShiftRules(
        lengths_hours=w.lengths,
        break_minutes=w.break_minutes,
        break_after_hours=w.break_after_hours,
        break_earliest_minutes=w.break_earliest_minutes,
        break_latest_minutes=w.break_latest_minutes,
        break_paid=w.break_paid,
    )


def roster_pools(scenario: Scenario, demand: Demand, topology: Topology, plan: StaffingPlan):
    """Weekly tours per pool (``sim.tours``): agents on the phones ``[pool, interval]`` and the
    tours (``None`` per pool with ``workforce.roster = "none"``, where the requirement itself is
    staffed and paid). The horizon repeats, so shifts may wrap from its end to its start.

    Seats are a roster constraint: when the tours of a location with ``seats`` put more people
    in the building at once (shifts with their breaks, plus ``workforce.support_on_site`` of its
    support roles) than it has seats, its pools are rostered again with a limit on the people
    inside their shifts: the seats left after support staff, shared among the pools in proportion
    to their unconstrained peaks. A limit no whole tours can meet is named with its interval."""
    w = scenario.workforce
    if w.roster == "none":
        return plan.required.copy(), tuple(None for _ in topology.pools)
    rules = shift_rules(scenario)

    def tours_of(k: int, seats=None) -> Tours:
        return build_tours(
            plan.required[k].astype(int),
            interval_minutes=scenario.general.interval_minutes,
            contracts=w.contract_types(),
            rules=rules,
            open_mask=topology.pools[k].open,
            start_band_minutes=w.start_band_minutes,
            labels=demand.labels,
            seats=seats,
        )

    tours = [tours_of(k) for k in range(len(topology.pools))]
    limits: list = [(None, None)] * len(tours)
    for _ in range(_SEAT_ROUNDS):
        tighter = _seat_limits(scenario, topology, tours, limits)
        if tighter == limits:
            break
        for k, (limit, location) in enumerate(tighter):
            if limit is None or limit == limits[k][0]:
                continue
            try:
                tours[k] = tours_of(k, seats=np.full(plan.required.shape[1], limit))
            except InputError as error:
                why = str(error).removeprefix("seats: ")
                raise InputError(
                    f"{location.path}.seats: {location.name!r} has {location.seats} seats; pool "
                    f"{topology.pools[k].name!r} may use {limit:.0f} of them, but {why}"
                ) from None
        limits = tighter
    staffed = np.array([t.staffed for t in tours])
    return staffed.reshape(plan.required.shape), tuple(tours)


_SEAT_ROUNDS = 4
"""Rounds of rostering under seat limits: the support roles on site follow the agents, so a limit
set from one roster's support staff is tightened by what the next roster's support needs."""


def _seat_limits(scenario: Scenario, topology: Topology, tours: list, limits: list) -> list:
    """Per pool: the most people it may have inside their shifts at once (``None``: no limit)
    and the location that sets it, tightening ``limits`` where the building is still over its
    seats with the support staff these tours need."""
    people = workforce(scenario, topology, np.array([t.staffed for t in tours]), tuple(tours))
    peaks = np.array([t.in_building.max(initial=0.0) for t in tours])
    out = list(limits)
    for location, share, support, inside in _in_buildings(scenario, topology, tours, people):
        excess = inside.max(initial=0.0) - location.seats
        if excess <= 0:
            continue
        weight = share * peaks
        for k in np.flatnonzero(weight > 0):
            portion = (location.seats - support) * weight[k] / weight.sum()
            limit = max(0.0, math.floor(portion / share[k] + 1e-9))
            if out[k][0] is not None:
                limit = min(limit, max(0.0, out[k][0] - excess))
            if out[k][0] is None or limit < out[k][0]:
                out[k] = (float(limit), location)
    return out


def scenario_model(scenario: Scenario) -> QueueModel:
    """The queue model the scenario asks for (``targets.model``)."""
    return queue_model(scenario.targets.model)


def run_design(
    scenario: Scenario, demand: Demand, design: str, model: QueueModel | None = None
) -> DesignResult:
    """Topology, staffing, roster, KPIs and workforce of one design under ``model`` (default: the
    scenario's own, :func:`scenario_model`)."""
    model = scenario_model(scenario) if model is None else model
    topology = build_topology(scenario, demand, design)
    plan = staff(scenario, topology, demand.calls, model, labels=demand.labels)
    staffed, tours = roster_pools(scenario, demand, topology, plan)
    people = workforce(scenario, topology, staffed, tours)
    _check_seats(scenario, topology, tours, people, demand.labels)
    return DesignResult(
        name=design,
        topology=topology,
        plan=plan,
        staffed=staffed,
        tours=tours,
        kpis=kpis(plan, staffed),
        workforce=people,
    )


def _check_seats(scenario, topology, tours, people: Workforce, labels) -> None:
    """People in the building at once must fit each location's seats: agents inside their
    shifts (breaks included) plus ``workforce.support_on_site`` of its support roles."""
    if any(t is None for t in tours):
        return
    for location, _, support, inside in _in_buildings(scenario, topology, tours, people):
        if inside.max(initial=0.0) > location.seats:
            t = int(np.argmax(inside))
            raise InputError(
                f"{location.path}.seats: {location.name!r} has {location.seats} seats but the "
                f"tours of design {topology.design!r} put {inside[t]:.0f} people in the building "
                f"at {labels[t]} ({inside[t] - support:.0f} agents inside their shifts, breaks "
                f"included, and {support} support staff on site); add seats or move work"
            )


def _in_buildings(scenario: Scenario, topology: Topology, tours, people: Workforce):
    """Per location with seats: the location, each pool's share of it, its support staff on site
    (``workforce.support_on_site`` of its support roles, whole people) and the people in the
    building per interval (agents inside their shifts, breaks included, plus that support)."""
    present = np.array([t.in_building for t in tours])
    for location, row in zip(topology.locations, people.locations.itertuples(), strict=True):
        if location.seats is None:
            continue
        share = np.array([pool.fte_split.get(location.name, 0.0) for pool in topology.pools])
        support = math.ceil(scenario.workforce.support_on_site * row.support_fte - 1e-9)
        yield location, share, support, np.ceil(share @ present - 1e-9) + support
