"""Workforce: from rostered tours to FTE, people, support roles, headcount and annual cost.

A centre whose tours pay 2,400 hours a week needs more people on the payroll: shrinkage
(absence, training, meetings, coaching: paid time the roster does not hold; breaks are in the
roster) takes a third of paid time, a full-time contract is 40 hours a week, every 15 agents need
a team leader, and each building has a manager, a WFM analyst and IT whatever its size. Those
fixed roles are a large part of what a consolidation saves.

Conventions: agent FTE = paid roster hours per week / (1 - shrinkage) / ``hours_per_fte_week``
(paid whatever the phones do: breaks, a shift's overrun past closing and days-off surplus are
paid); agent people per contract = the contract's tours grossed up for shrinkage, rounded up per
location (a part-time person is less than one FTE, so FTE <= people); per-agent support roles are
rounded up per location; headcount is stated in FTE and in whole people (agents plus support
roles rounded up); cost = agent FTE of each contract x cost per FTE at the location x the
contract's ``cost_factor`` + support roles x their cost + the location's fixed cost. With
``workforce.roster = "none"`` the requirement is paid as it stands, on the first uncapped
contract. A horizon shorter than a week is taken as representative of the week.
"""

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from sim.scenario import Scenario
from sim.topology import Topology
from sim.tours import Tours

__all__ = ["Workforce", "fte_per_agent_hour", "workforce"]


def fte_per_agent_hour(scenario: Scenario) -> float:
    """FTE that one paid agent-hour in the horizon represents."""
    w = scenario.workforce
    weeks = scenario.general.horizon_days / 7.0
    return 1.0 / ((1.0 - w.shrinkage) * w.hours_per_fte_week * weeks)


@dataclass(frozen=True)
class Workforce:
    """People and cost of one design.

    Attributes
    ----------
    locations : DataFrame
        One row per location: ``location``, ``kind``, ``agent_hours`` (on the phones, over the
        horizon), ``paid_hours`` (over the horizon), ``agents_fte``, one ``people_<contract>``
        column per contract (whole agents), ``agent_people``, one ``support_<role>`` column per
        support role, ``support_fte``, ``headcount`` (FTE), ``headcount_people`` (whole agents
        and support roles), ``annual_cost``, ``current_headcount`` (sites only, where known).
    contracts : tuple of str
        The contract names, in the order of the ``people_<contract>`` columns.
    """

    locations: pd.DataFrame
    contracts: tuple[str, ...]

    @property
    def paid_hours(self) -> float:
        return float(self.locations["paid_hours"].sum())

    @property
    def people(self) -> int:
        return int(self.locations["headcount_people"].sum())

    @property
    def people_by_contract(self) -> dict[str, int]:
        return {c: int(self.locations[f"people_{c}"].sum()) for c in self.contracts}

    @property
    def agents_fte(self) -> float:
        return float(self.locations["agents_fte"].sum())

    @property
    def support_fte(self) -> float:
        return float(self.locations["support_fte"].sum())

    @property
    def headcount(self) -> float:
        return float(self.locations["headcount"].sum())

    @property
    def annual_cost(self) -> float:
        return float(self.locations["annual_cost"].sum())


def workforce(
    scenario: Scenario,
    topology: Topology,
    staffed: np.ndarray,
    tours: tuple[Tours | None, ...] | None = None,
) -> Workforce:
    """FTE, people, support roles, headcount and cost per location for ``staffed[pool,
    interval]`` agents on the phones and each pool's ``tours`` (``None``: the staffing is paid as
    it stands, on the first uncapped contract)."""
    w = scenario.workforce
    hours_per_interval = scenario.general.interval_minutes / 60.0
    weeks = scenario.general.horizon_days / 7.0
    per_hour = fte_per_agent_hour(scenario)
    contracts = w.contract_types()
    fallback = next(c for c in contracts if c.max_share >= 1.0)
    paid = np.zeros((len(topology.pools), len(contracts)))  # over the horizon
    tours_of = np.zeros_like(paid)
    for k, pool_tours in enumerate(tours or (None,) * len(topology.pools)):
        for i, contract in enumerate(contracts):
            if pool_tours is not None:
                paid[k, i] = pool_tours.paid_hours_by_contract[contract.name] * weeks
                tours_of[k, i] = pool_tours.people_by_contract[contract.name]
            elif contract is fallback:
                paid[k, i] = staffed[k].sum() * hours_per_interval
                tours_of[k, i] = paid[k, i] / weeks / contract.hours_per_week
    on_phones = staffed.sum(axis=1) * hours_per_interval
    current = {site.name: site.current_headcount for site in scenario.sites}
    rows = []
    for location in topology.locations:
        share = np.array([pool.fte_split.get(location.name, 0.0) for pool in topology.pools])
        paid_here = share @ paid
        agents_fte = float(paid_here.sum() * per_hour)
        staffed_here = agents_fte > 0
        row = {
            "location": location.name,
            "kind": location.kind,
            "agent_hours": float(share @ on_phones),
            "paid_hours": float(paid_here.sum()),
            "agents_fte": agents_fte,
        }
        people = np.ceil(share @ tours_of / (1.0 - w.shrinkage) - 1e-9)
        for contract, count in zip(contracts, people, strict=True):
            row[f"people_{contract.name}"] = int(count)
        row["agent_people"] = int(people.sum())
        support_fte = 0.0
        support_cost = 0.0
        for role in w.support_roles:
            if not staffed_here:
                count = 0.0
            elif role.per_agents is not None:
                count = float(math.ceil(agents_fte / role.per_agents - 1e-9))
            else:
                count = float(role.per_site)
            row[f"support_{role.name}"] = count
            support_fte += count
            cost = role.annual_cost if role.annual_cost is not None else location.cost_per_fte
            support_cost += count * cost
        row["support_fte"] = support_fte
        row["headcount"] = agents_fte + support_fte
        row["headcount_people"] = row["agent_people"] + math.ceil(support_fte - 1e-9)
        factors = np.array([c.cost_factor for c in contracts])
        agent_cost = float(paid_here @ factors) * per_hour * location.cost_per_fte
        fixed = location.fixed_cost if staffed_here else 0.0
        row["annual_cost"] = agent_cost + support_cost + fixed
        row["current_headcount"] = current.get(location.name) if location.kind == "site" else None
        rows.append(row)
    return Workforce(pd.DataFrame(rows), tuple(c.name for c in contracts))
