"""The staffing of each state a roadmap passes through, through the same pipeline as ``compare``.

Halfway through a programme the capital and two cities already call the provincial centre and
seven cities still answer their own callers: that is one *state*, the set of sites handed over
(and the share of calls channel shift has moved away). The hub of a state is the centralised
design of a scenario that holds only the handed-over sites; the sites still open are today's
scattered design. Each state runs the pipeline once (``sim.pipeline.run_design``: demand,
topology, Erlang staffing, tours, workforce), cached on the set of sites and the volume factor, so
a 36-month plan runs as many pipelines as it has distinct states. The last state, every site at
today's volumes, is ``compare``'s own centralised design (reused, not recomputed), and the first,
no site handed over, its scattered design. The states between are staffed by the formulas
(``run_design``); where ``compare`` staffs the centralised design by simulation (lines partly
cross-trained), only the last state carries the simulated staffing.

The learning curve is staffed through the same Erlang step: new agents' longer handle time raises
the hub's handle time by a factor for the month, the pool is staffed again at that handle time,
and the extra agents per interval are the difference. They are paid as the state's roster pays
its agents (extra paid hours = extra required hours / the state's roster efficiency); the roster
itself is not rebuilt for each month (an approximation of a few whole shifts).

Units: people are whole persons on the payroll, FTE as in ``sim.workforce``, costs in the
scenario's currency **per year**, calls per week.
"""

from dataclasses import dataclass, replace
from functools import cached_property

import numpy as np
import pandas as pd

from sim.comparison import Comparison
from sim.demand import Demand, build_demand, time_labels
from sim.pipeline import DesignResult, run_design
from sim.queue_model import QueueKPIs
from sim.scenario import Scenario
from sim.staffing import StaffingPlan, kpis, staff
from sim.workforce import fte_per_agent_hour

__all__ = ["HubState", "Learning", "States", "location_figures", "premium_mask"]

LEARNING_STEP = 0.005
"""The learning curve's handle-time factor is staffed in steps of 0.5 % (rounded up)."""
NIGHT_START, NIGHT_END = 22, 6
"""Night hours paid at the night/weekend premium (scenario clock): 22:00 to 06:00."""


def premium_mask(labels: tuple[str, ...]) -> np.ndarray:
    """Intervals paid at the night/weekend premium: Saturday, Sunday and 22:00-06:00 on the
    scenario clock, from ``"Mon 08:30"`` labels."""
    day = np.array([label[:3] for label in labels])
    hour = np.array([int(label[4:6]) for label in labels])
    return np.isin(day, ("Sat", "Sun")) | (hour >= NIGHT_START) | (hour < NIGHT_END)


def location_figures(
    scenario: Scenario, result: DesignResult, labels: tuple[str, ...], premium: float
) -> pd.DataFrame:
    """Per location of a design: ``people``, ``agents_fte``, ``agent_people``, ``annual_cost``
    (the model's, currency a year), ``fixed_cost``, ``premium_cost`` (``premium`` x the wages of
    the agent-hours on the phones at nights and weekends, currency a year), ``calls`` (a week)
    and ``served`` (calls a week answered within the threshold: calls x service level).

    Calls and served calls go to a location by its pools' share of agent hours (exact for
    scattered sites and a single hub)."""
    k = fte_per_agent_hour(scenario)
    hours = scenario.general.interval_minutes / 60.0
    per_week = 7.0 / scenario.general.horizon_days
    night = premium_mask(labels)
    calls = result.plan.calls.sum(axis=1) * per_week
    served = (result.plan.calls * result.kpis.service_level).sum(axis=1) * per_week
    premium_hours = (result.staffed * night).sum(axis=1) * hours
    table = result.workforce.locations.set_index("location")
    rows = []
    for location in result.topology.locations:
        share = np.array([p.fte_split.get(location.name, 0.0) for p in result.topology.pools])
        row = table.loc[location.name]
        staffed = row["agents_fte"] > 0
        rows.append(
            {
                "location": location.name,
                "people": float(row["headcount_people"]),
                "agents_fte": float(row["agents_fte"]),
                "agent_people": float(row["agent_people"]),
                "annual_cost": float(row["annual_cost"]),
                "fixed_cost": location.fixed_cost if staffed else 0.0,
                "premium_cost": premium * float(share @ premium_hours) * k * location.cost_per_fte,
                "calls": float(share @ calls),
                "served": float(share @ served),
            }
        )
    return pd.DataFrame(rows).set_index("location")


@dataclass(frozen=True)
class Learning:
    """The hub of a state staffed for one month's learning curve.

    Attributes
    ----------
    extra_fte, extra_people : float
        Agent FTE and persons added for the longer handle time of new agents.
    extra : ndarray [pool, interval]
        Agents added on the phones in each interval.
    kpis : QueueKPIs
        Service at the month's handle time with the state's rostered agents plus the extra ones.
    plan : StaffingPlan
        The staffing plan at the month's handle time (for KPIs at other staffings).
    """

    extra_fte: float
    extra_people: float
    extra: np.ndarray
    kpis: QueueKPIs
    plan: StaffingPlan


@dataclass(frozen=True)
class HubState:
    """The hub answering a set of handed-over sites: the design, its demand and figures."""

    scenario: Scenario
    demand: Demand
    result: DesignResult
    premium: float

    @cached_property
    def figures(self) -> pd.Series:
        """The hub's row of :func:`location_figures`."""
        table = location_figures(self.scenario, self.result, self.demand.labels, self.premium)
        return table.iloc[0]

    @cached_property
    def seats_peak(self) -> float:
        """Most people in the building at once: agents inside their shifts (breaks included)
        plus ``workforce.support_on_site`` of the support roles, whole people."""
        tours = [t for t in self.result.tours if t is not None]
        inside = sum((t.in_building for t in tours), np.zeros(len(self.demand.labels)))
        if not tours:
            inside = self.result.staffed.sum(axis=0)
        support = self.scenario.workforce.support_on_site * self.result.workforce.support_fte
        return float(np.ceil(inside.max(initial=0.0) + support - 1e-9))

    def learning(self, factor: float) -> Learning:
        """The hub staffed with every handle time multiplied by ``factor`` (>= 1): extra agents
        per interval, their FTE and persons, and the service they give."""
        result = self.result
        pools = tuple(replace(p, aht_factor=p.aht_factor * factor) for p in result.topology.pools)
        slower = staff(
            self.scenario,
            replace(result.topology, pools=pools),
            self.demand,
            result.plan.model,
            labels=self.demand.labels,
        )
        extra = np.maximum(slower.required - result.plan.required, 0.0)
        hours = self.scenario.general.interval_minutes / 60.0
        required_hours = result.plan.required.sum() * hours
        paid_per_required = result.workforce.paid_hours / required_hours if required_hours else 1.0
        extra_fte = extra.sum() * hours * paid_per_required * fte_per_agent_hour(self.scenario)
        fig = self.figures
        per_fte = fig["agent_people"] / fig["agents_fte"] if fig["agents_fte"] > 0 else 1.0
        return Learning(
            extra_fte=float(extra_fte),
            extra_people=float(extra_fte * per_fte),
            extra=extra,
            kpis=kpis(slower, result.staffed + extra),
            plan=slower,
        )


class States:
    """Every state of one roadmap, computed once each (the cache of a business case).

    Parameters
    ----------
    comparison : Comparison
        ``sim.compare`` of the scenario: its scattered design is today, its centralised design
        the end state.
    premium : float
        The night/weekend premium (``plan.costs.night_weekend_premium``), a share of wages.
    """

    def __init__(self, comparison: Comparison, premium: float):
        self.comparison = comparison
        self.scenario = comparison.scenario
        self.premium = premium
        self._hubs: dict = {}
        self._sites: dict = {}
        self._learning: dict = {}

    def _scaled(self, names, factor: float) -> Scenario:
        """The scenario with only the sites ``names``, their volumes times ``factor``, the main
        hub pinned (with its seats lifted: a partial hub is checked against them afterwards) and
        the scenario clock kept."""
        s = self.scenario
        sites = tuple(
            site.model_copy(update={"volume_scale": site.volume_scale * factor})
            for site in s.sites
            if site.name in names
        )
        hub = s.main_hub().model_copy(update={"seats": None})
        return s.model_copy(
            update={
                "general": s.general.model_copy(update={"clock_utc_offset": s.clock_utc_offset}),
                "sites": sites,
                "hubs": (hub,),
                "design": s.design.model_copy(update={"hub": hub.name, "alternatives": ()}),
            }
        )

    def site(self, name: str, factor: float) -> pd.Series:
        """One of today's sites, answering its own calls at ``factor`` times today's volumes:
        its row of :func:`location_figures` (``factor`` 1: ``compare``'s scattered design
        itself). Scattered sites share nothing, so each is run on its own."""
        key = (name, factor)
        if key not in self._sites:
            if factor == 1.0:
                scenario, result = self.scenario, self.comparison.designs["scattered"]
            else:
                scenario = self._scaled({name}, factor)
                result = run_design(scenario, build_demand(scenario), "scattered")
            table = location_figures(scenario, result, time_labels(scenario), self.premium)
            self._sites.update({(n, factor): row for n, row in table.iterrows()})
        return self._sites[key]

    def hub(self, handed: frozenset[str], factor: float) -> HubState:
        """The hub answering the sites ``handed`` at ``factor`` times their volumes (every site
        at factor 1: ``compare``'s centralised design itself)."""
        key = (handed, factor)
        if key not in self._hubs:
            if factor == 1.0 and handed == frozenset(self.scenario.site_names):
                scenario = self.scenario
                result = self.comparison.designs["centralised"]
                demand = build_demand(scenario)
            else:
                scenario = self._scaled(handed, factor)
                demand = build_demand(scenario)
                result = run_design(scenario, demand, "centralised")
            self._hubs[key] = HubState(scenario, demand, result, self.premium)
        return self._hubs[key]

    def learning(self, handed: frozenset[str], factor: float, aht_factor: float) -> Learning:
        """:meth:`HubState.learning` of a state, the handle-time factor rounded up to a whole
        :data:`LEARNING_STEP` (months whose factors differ by less share one staffing)."""
        step = float(np.ceil(aht_factor / LEARNING_STEP - 1e-9) * LEARNING_STEP)
        key = (handed, factor, step)
        if key not in self._learning:
            self._learning[key] = self.hub(handed, factor).learning(step)
        return self._learning[key]
