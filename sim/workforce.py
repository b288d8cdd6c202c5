"""Workforce: from agents on the phones to FTE, support roles, headcount and annual cost.

A centre that keeps 60 agents logged in on average across its week needs more people on the
payroll: shrinkage (breaks, training, absence) takes a third of paid time, a contract is 40 hours a
week, every 15 agents need a team leader, and each building has a manager, a WFM analyst and IT
whatever its size. Those fixed roles are a large part of what a consolidation saves.

Conventions: agent FTE = rostered agent-hours per week / (1 - shrinkage) / contract hours per week
(a horizon shorter than a week is taken as representative of the week); per-agent support roles are
rounded up per location; headcount is stated in FTE; cost = headcount x cost per FTE at the location
(or a role's own annual cost) + the location's fixed cost.
"""

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from sim.scenario import Scenario
from sim.topology import Topology

__all__ = ["Workforce", "fte_per_agent_hour", "workforce"]


def fte_per_agent_hour(scenario: Scenario) -> float:
    """FTE that one logged-in agent-hour in the horizon represents."""
    w = scenario.workforce
    weeks = scenario.general.horizon_days / 7.0
    return 1.0 / ((1.0 - w.shrinkage) * w.hours_per_fte_week * weeks)


@dataclass(frozen=True)
class Workforce:
    """People and cost of one design.

    Attributes
    ----------
    locations : DataFrame
        One row per location: ``location``, ``kind``, ``agent_hours``, ``agents_fte``, one
        ``support_<role>`` column per support role, ``support_fte``, ``headcount``,
        ``annual_cost``, ``current_headcount`` (sites only, where known).
    """

    locations: pd.DataFrame

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


def workforce(scenario: Scenario, topology: Topology, staffed: np.ndarray) -> Workforce:
    """FTE, support roles, headcount and cost per location for ``staffed[pool, interval]``
    logged-in agents."""
    hours_per_interval = scenario.general.interval_minutes / 60.0
    per_hour = fte_per_agent_hour(scenario)
    pool_hours = staffed.sum(axis=1) * hours_per_interval
    current = {site.name: site.current_headcount for site in scenario.sites}
    rows = []
    for location in topology.locations:
        agent_hours = sum(
            share * pool_hours[k]
            for k, pool in enumerate(topology.pools)
            for name, share in pool.fte_split.items()
            if name == location.name
        )
        agents_fte = agent_hours * per_hour
        staffed_here = agents_fte > 0
        row = {
            "location": location.name,
            "kind": location.kind,
            "agent_hours": agent_hours,
            "agents_fte": agents_fte,
        }
        support_fte = 0.0
        support_cost = 0.0
        for role in scenario.workforce.support_roles:
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
        fixed = location.fixed_cost if staffed_here else 0.0
        row["annual_cost"] = agents_fte * location.cost_per_fte + support_cost + fixed
        row["current_headcount"] = current.get(location.name) if location.kind == "site" else None
        rows.append(row)
    return Workforce(pd.DataFrame(rows))
