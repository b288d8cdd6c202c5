"""The business case: month by month from today's scattered centres to the hub, in people,
service and money, with the payback month, the NPV and the saving split by source.

Executives approve a consolidation on money and time. :func:`business_case` walks the roadmap of
a scenario's ``[plan]``: each month the sites not yet handed over keep today's scattered
staffing, the hub is staffed through the pipeline for the sites handed over so far
(``sim.plan.states``), new agents' learning curve adds agents, recruits join ahead of their wave
(``sim.plan.payroll``), handed-over sites double-run and then close, and channel shift moves
calls (``sim.plan.channels``). The month's running cost against staying as today, less its
one-off costs, is its net cash flow (``sim.plan.cash``).

Conventions: month 1 is the first month of the programme; money in the scenario's currency per
month (``savings_by_source`` and ``steady_state`` per year); people are persons on the payroll;
"today" is ``compare``'s scattered design at today's volumes and channels, paid every month of
the horizon; the last month is ``compare``'s centralised design (at the channel shift reached by
then). The saving is attributed consolidation first (the centralised design at today's volumes
and channels against today), then channel shift (the consolidated design at the last month's
volumes and channels against the same at today's).
"""

from dataclasses import asdict, dataclass, field

import numpy as np
import pandas as pd

from sim.comparison import Comparison, compare
from sim.errors import InputError
from sim.plan.cash import npv, payback_month
from sim.plan.channels import channel_table
from sim.plan.payroll import Payroll, hub_payroll
from sim.plan.roadmap import learning_excess, timeline
from sim.plan.states import HubState, States
from sim.scenario import Scenario
from sim.scenario.checks import WEEKS_PER_MONTH
from sim.staffing import kpis

__all__ = ["ATTRIBUTION", "BusinessCase", "Finding", "business_case"]

ATTRIBUTION = (
    "consolidation first: the centralised design at today's volumes and channels against "
    "today; then channel shift: the centralised design at the last month's volumes and "
    "channels against the same design at today's"
)
"""The order in which ``savings_by_source`` attributes the steady-state saving."""

STEADY_KEYS = (
    "agents_scheduled_fte",
    "support_fte",
    "headcount_total",
    "headcount_people",
    "service_level",
    "annual_cost",
)
"""``compare``'s centralised figures repeated as the business case's steady state."""


@dataclass(frozen=True)
class Finding:
    """A month in which the roadmap does not hold: ``kind`` is ``"short_of_staff"`` (the hub has
    fewer people than its calls need: callers of handed-over sites without staff),
    ``"over_seats"`` (more people in the hub's building than its seats) or ``"below_floor"``
    (a location's service level under ``plan.service_floor``)."""

    kind: str
    month: int
    location: str
    message: str


@dataclass(frozen=True)
class BusinessCase:
    """The business case of one scenario's roadmap.

    Attributes
    ----------
    scenario : Scenario
        The scenario, with its ``[plan]``.
    comparison : Comparison
        ``sim.compare`` of the scenario (today and the end state).
    months : DataFrame
        One row per month (index ``month``, from 1): ``service_level`` (call-weighted share of
        offered calls answered within the threshold), ``people`` (total persons on the
        payroll), ``hires``, ``leavers`` (attrition, redundancies and closing sites' staff),
        ``relocated``, ``learning_fte`` and ``learning_people`` (agent FTE and persons added at
        the hub for new agents' longer handle time),
        ``hub_short`` (people the hub lacks), ``aht_factor`` (the hub's handle time over its
        steady value), ``phone_factor`` (calls over today's), the running costs ``sites``,
        ``hub``, ``premium``, ``telephony``, ``channels``, ``replacement_hiring`` and their sum
        ``running_cost``, the one-off costs ``recruiting``, ``severance``, ``relocation``,
        ``site_exit``, ``investments`` and their sum ``one_off_cost``, ``today_cost`` (staying
        as today), ``net_cash_flow`` (today - running - one-off) and ``cumulative_cash_flow``;
        money in currency a month.
    people : DataFrame
        Persons on the payroll per month (index) and location (columns: sites, then the hub).
    service : DataFrame
        Service level per month and location (NaN where a location answers no call).
    waves, phases : DataFrame
        The roadmap's waves (``wave``, ``month``, ``close_month``, ``sites``, ``calls`` a week,
        ``site_people``, ``relocated``, ``hub_people``) and phases (``phase``, ``start``,
        ``end``).
    savings_by_source : dict
        ``consolidation`` and ``channel_shift``, currency a year at the steady state, attributed
        as :data:`ATTRIBUTION` says.
    steady_state : dict
        ``compare``'s centralised figures (:data:`STEADY_KEYS`).
    findings : list of Finding
    """

    scenario: Scenario
    comparison: Comparison
    months: pd.DataFrame
    people: pd.DataFrame
    service: pd.DataFrame
    waves: pd.DataFrame
    phases: pd.DataFrame
    savings_by_source: dict
    steady_state: dict
    findings: list[Finding] = field(default_factory=list)

    @property
    def discount_rate(self) -> float:
        return self.scenario.plan.discount_rate

    @property
    def payback_month(self) -> int | None:
        return payback_month(self.months["net_cash_flow"].to_numpy())

    @property
    def npv(self) -> float:
        return npv(self.months["net_cash_flow"].to_numpy(), self.discount_rate)

    def savings_table(self) -> pd.DataFrame:
        """``savings_by_source`` as a table: ``source``, ``annual_saving``."""
        sources = self.savings_by_source
        return pd.DataFrame({"source": list(sources), "annual_saving": list(sources.values())})

    def findings_table(self) -> pd.DataFrame:
        columns = ["kind", "month", "location", "message"]
        return pd.DataFrame([asdict(f) for f in self.findings], columns=columns)

    def to_dict(self) -> dict:
        """A JSON-ready dict (see ``python -m sim plan --json``)."""
        months = []
        for month, row in self.months.iterrows():
            months.append(
                {
                    "month": int(month),
                    "people": {k: float(v) for k, v in self.people.loc[month].items()},
                    "service_level": float(row["service_level"]),
                    "running_cost": float(row["running_cost"]),
                    "one_off_cost": float(row["one_off_cost"]),
                    "net_cash_flow": float(row["net_cash_flow"]),
                    "cumulative_cash_flow": float(row["cumulative_cash_flow"]),
                    "hires": float(row["hires"]),
                    "leavers": float(row["leavers"]),
                }
            )
        return {
            "scenario": self.scenario.general.name,
            "currency": self.scenario.general.currency,
            "months": months,
            "payback_month": self.payback_month,
            "discount_rate": self.discount_rate,
            "npv": self.npv,
            "steady_state": self.steady_state,
            "savings_by_source": self.savings_by_source,
            "savings_attribution": ATTRIBUTION,
            "waves": self.waves.to_dict("records"),
            "findings": [asdict(f) for f in self.findings],
        }


def business_case(scenario: Scenario, comparison: Comparison | None = None) -> BusinessCase:
    """The month-by-month business case of ``scenario``'s ``[plan]``.

    Parameters
    ----------
    scenario : Scenario
        A scenario with a ``[plan]`` table.
    comparison : Comparison, optional
        ``sim.compare`` of the scenario when already computed (it is reused, never recomputed;
        ``[plan]`` moves no figure of it, so the comparison of the scenario with another plan or
        none serves).

    Raises
    ------
    InputError
        When the scenario has no ``[plan]`` table, or ``comparison`` is of another scenario.
    """
    if scenario.plan is None:
        raise InputError("plan: the scenario has no [plan] table (see scenarios/README.md)")
    if comparison is None:
        comparison = compare(scenario)
    elif _without_plan(comparison.scenario) != _without_plan(scenario):
        raise InputError("comparison: it is the comparison of another scenario")
    return _Walk(scenario, comparison).case()


def _without_plan(scenario: Scenario) -> Scenario:
    return scenario.model_copy(update={"plan": None})


class _Walk:
    """One walk through the months of a roadmap (holds the arrays while they are built)."""

    def __init__(self, scenario: Scenario, comparison: Comparison):
        self.comparison = comparison
        self.scenario = scenario
        self.plan = scenario.plan
        self.states = States(comparison, self.plan.costs.night_weekend_premium)
        self.line = timeline(self.scenario)
        self.channels = channel_table(self.scenario)
        self.factor = self.channels["phone_factor"].to_numpy()
        self.handed = self.line.handed_sets()
        self.hub_name = comparison.designs["centralised"].topology.locations[0].name
        self._site_months: dict[int, pd.DataFrame] = {}

    def _hub(self, m: int) -> HubState | None:
        return self.states.hub(self.handed[m], self.factor[m]) if self.handed[m] else None

    def _sites(self, m: int) -> pd.DataFrame:
        """Today's sites in month ``m`` (index), each at the month's volumes until it hands
        over and frozen at its last month before (double running pays the staff it had)."""
        if m not in self._site_months:
            line = self.line
            last = np.clip(np.minimum(m, line.wave - 2), 0, None)
            rows = [
                self.states.site(n, self.factor[k]) for n, k in zip(line.sites, last, strict=True)
            ]
            self._site_months[m] = pd.DataFrame(rows, index=list(line.sites))
        return self._site_months[m]

    def case(self) -> BusinessCase:
        line, plan = self.line, self.plan
        months = line.months
        site_people = np.array([self._sites(m)["people"].to_numpy() for m in range(months)])
        at_wave = site_people[line.wave - 1, np.arange(len(line.sites))]
        relocated_by_site = np.round(plan.relocation_share * at_wave)
        relocated = np.zeros(months)
        np.add.at(relocated, line.wave - 1, relocated_by_site)
        aht_factor = self._aht_factors(relocated_by_site)
        needed, learning = self._hub_needed(aht_factor)
        payroll = hub_payroll(
            needed,
            relocated,
            plan.hiring_lead_months,
            plan.attrition_per_month,
            plan.max_hires_per_month,
        )
        sites_paid = (
            np.where(line.handed, site_people - relocated_by_site[None, :], site_people) * line.open
        )
        people = pd.DataFrame(sites_paid, columns=list(line.sites), index=line.month)
        people[self.hub_name] = payroll.people
        people.index.name = "month"
        closing = line.close[None, :] == line.month[:, None]
        before = np.vstack([site_people[:1], site_people[:-1]])
        leaving = np.where(closing, before - relocated_by_site[None, :], 0.0)
        service, findings = self._service(learning, payroll, needed)
        table = self._money(sites_paid, leaving, payroll, relocated, learning)
        table.insert(0, "service_level", service.pop("total"))
        table.insert(1, "people", people.sum(axis=1).to_numpy())
        table["aht_factor"] = aht_factor
        table["phone_factor"] = self.factor
        return BusinessCase(
            scenario=self.scenario,
            comparison=self.comparison,
            months=table,
            people=people,
            service=service,
            waves=self._waves(site_people, relocated_by_site, needed),
            phases=pd.DataFrame(
                [{"phase": p.name, "start": p.start, "end": p.end} for p in plan.phases],
                columns=["phase", "start", "end"],
            ),
            savings_by_source=self._sources(),
            steady_state=self._steady(),
            findings=findings + self._seat_findings(learning),
        )

    def _aht_factors(self, relocated_by_site: np.ndarray) -> np.ndarray:
        """The hub's handle time over its steady value each month: ``1 + x sum_w s_w(m)
        e(m - wave_w)`` over the waves ``w``, with ``x`` the learning curve's ``aht_increase``,
        ``s_w`` the share of the hub's agents in month ``m`` who joined new with wave ``w``
        (its extra agents, less the people relocated with it) and ``e`` the month's mean
        excess of :func:`sim.plan.roadmap.learning_excess`."""
        line, plan = self.line, self.plan
        factor = np.ones(line.months)
        if plan.learning.aht_increase == 0.0:
            return factor
        agents = np.array(
            [
                self._hub(m).figures["agent_people"] if self._hub(m) else 0.0
                for m in range(line.months)
            ]
        )
        for month in sorted(set(line.wave.tolist())):
            m = month - 1
            before = agents[m - 1] if m > 0 else 0.0
            moved = relocated_by_site[line.wave == month].sum()
            new = max(0.0, agents[m] - before - moved)
            share = np.divide(new, agents, out=np.zeros(line.months), where=agents > 0)
            excess = learning_excess(line.month - month, plan.learning.weeks)
            factor += plan.learning.aht_increase * share * excess
        return factor

    def _hub_needed(self, aht_factor: np.ndarray):
        """People the hub needs each month (its state's persons plus the learning curve's) and
        each month's learning staffing (``None`` where no new agent is learning)."""
        needed = np.zeros(self.line.months)
        learning = []
        for m in range(self.line.months):
            hub = self._hub(m)
            staffed = None
            if hub is not None:
                needed[m] = hub.figures["people"]
                if aht_factor[m] > 1.0:
                    staffed = self.states.learning(self.handed[m], self.factor[m], aht_factor[m])
                    needed[m] += staffed.extra_people
            learning.append(staffed)
        return needed, learning

    def _service(self, learning, payroll: Payroll, needed: np.ndarray):
        """Service level per month and location, and the months that break the floor or leave
        the hub short."""
        line, floor = self.line, self.plan.service_floor
        per_week = 7.0 / self.scenario.general.horizon_days
        served = np.zeros((line.months, len(line.sites) + 1))
        calls = np.zeros_like(served)
        findings = []
        for m in range(line.months):
            sites = self._sites(m)
            waiting = ~line.handed[m]
            calls[m, :-1] = np.where(waiting, sites["calls"], 0.0)
            served[m, :-1] = np.where(waiting, sites["served"], 0.0)
            hub = self._hub(m)
            if hub is None:
                continue
            plan, quality = hub.result.plan, hub.result.kpis
            agents = hub.result.staffed
            if learning[m] is not None:
                plan, quality = learning[m].plan, learning[m].kpis
                agents = agents + learning[m].extra
            if payroll.short[m] > 0.5:
                ratio = payroll.people[m] / needed[m]
                quality = kpis(plan, np.floor(agents * ratio))
                findings.append(self._short(m, payroll, needed))
            calls[m, -1] = plan.calls.sum() * per_week
            served[m, -1] = (plan.calls * quality.service_level).sum() * per_week
        names = [*line.sites, self.hub_name]
        with np.errstate(invalid="ignore", divide="ignore"):
            level = pd.DataFrame(served / calls, columns=names, index=line.month)
            total = served.sum(axis=1) / np.maximum(calls.sum(axis=1), 1e-300)
        level.index.name = "month"
        if floor is not None:
            for month, row in level.iterrows():
                for name, value in row.dropna().items():
                    if value < floor:
                        findings.append(
                            Finding(
                                "below_floor",
                                int(month),
                                name,
                                f"month {month}: {name} answers {value:.1%} of its calls within "
                                f"the threshold, below plan.service_floor = {floor:.0%}",
                            )
                        )
        level["total"] = total
        return level, sorted(findings, key=lambda f: (f.month, f.kind, f.location))

    def _short(self, m: int, payroll: Payroll, needed: np.ndarray) -> Finding:
        waiting = ", ".join(sorted(self.handed[m]))
        return Finding(
            "short_of_staff",
            m + 1,
            self.hub_name,
            f"month {m + 1}: {self.hub_name} has {payroll.people[m]:,.0f} of the "
            f"{needed[m]:,.0f} people the calls of {waiting} need (the hiring ramp, "
            "plan.max_hires_per_month, or plan.hiring_lead_months is too short): their "
            "callers are left without staff",
        )

    def _seat_findings(self, learning) -> list[Finding]:
        hub = self.scenario.main_hub()
        seats = hub.seats
        if seats is None:
            return []
        path = f"hubs[{[h.name for h in self.scenario.hubs].index(hub.name)}].seats"
        out = []
        for m in range(self.line.months):
            state = self._hub(m)
            if state is None:
                continue
            peak = state.seats_peak
            if learning[m] is not None:
                peak += float(learning[m].extra.sum(axis=0).max(initial=0.0))
            if peak > seats:
                out.append(
                    Finding(
                        "over_seats",
                        m + 1,
                        self.hub_name,
                        f"month {m + 1}: {self.hub_name} needs {peak:,.0f} people in the "
                        f"building at once and has {seats} seats ({path})",
                    )
                )
        return out

    def _money(self, sites_paid, leaving, payroll: Payroll, relocated, learning) -> pd.DataFrame:
        """Running and one-off costs per month, today's cost and the cash flows."""
        line, plan = self.line, self.plan
        costs = plan.costs
        rate = plan.attrition_per_month
        cols = {key: np.zeros(line.months) for key in _COST_COLUMNS}
        wage = self._hub_wages()
        first_paid = np.flatnonzero(payroll.people > 0)
        for m in range(line.months):
            sites = self._sites(m)
            full = sites["people"].to_numpy()
            variable = (sites["annual_cost"] - sites["fixed_cost"]).to_numpy()
            share = np.divide(sites_paid[m], full, out=np.zeros_like(full), where=full > 0)
            cols["sites"][m] = ((sites["fixed_cost"] * line.open[m]).sum() + variable @ share) / 12
            waiting = ~line.handed[m]
            cols["premium"][m] = sites["premium_cost"].to_numpy() @ waiting / 12
            hub = self._hub(m)
            if first_paid.size and m >= first_paid[0]:
                fixed = self.scenario.main_hub().fixed_cost
                cols["hub"][m] = (fixed + payroll.people[m] * wage[m]) / 12
            if hub is not None:
                cols["premium"][m] += hub.figures["premium_cost"] / 12
                routed = hub.figures["calls"] * WEEKS_PER_MONTH
                cols["telephony"][m] = routed * costs.telephony_per_routed_call
            leavers_sites = leaving[m].sum()
            cols["leavers"][m] = (
                rate * (sites_paid[m] * waiting).sum()
                + payroll.attrition[m]
                + payroll.redundant[m]
                + leavers_sites
            )
            replaced = rate * (sites_paid[m] * waiting).sum() + payroll.replacements[m]
            cols["hires"][m] = rate * (sites_paid[m] * waiting).sum() + payroll.hires[m]
            cols["replacement_hiring"][m] = replaced * costs.recruit_train_per_hire
            wave_hires = payroll.hires[m] - payroll.replacements[m]
            cols["recruiting"][m] = wave_hires * costs.recruit_train_per_hire
            cols["severance"][m] = (
                leavers_sites + payroll.redundant[m]
            ) * costs.severance_per_leaver
            cols["relocation"][m] = relocated[m] * costs.relocation_per_person
            cols["site_exit"][m] = (line.close == m + 1).sum() * costs.site_exit
            if learning[m] is not None:
                cols["learning_fte"][m] = learning[m].extra_fte
                cols["learning_people"][m] = learning[m].extra_people
        for item in plan.investments:
            cols["investments"][item.month - 1] += item.amount
        cols["channels"] = self.channels["channel_cost"].to_numpy()
        cols["relocated"] = relocated
        cols["hub_short"] = payroll.short
        table = pd.DataFrame(cols, index=pd.Index(line.month, name="month"))
        table["running_cost"] = table[list(RUNNING)].sum(axis=1)
        table["one_off_cost"] = table[list(ONE_OFF)].sum(axis=1)
        table["today_cost"] = self._today_cost()
        net = table["today_cost"] - table["running_cost"] - table["one_off_cost"]
        table["net_cash_flow"] = net
        table["cumulative_cash_flow"] = net.cumsum()
        return table

    def _hub_wages(self) -> np.ndarray:
        """Per month, the hub's wages per person a year (the model's annual cost less the fixed
        cost, over its persons) of the state its payroll is for: the month's, or before the
        first wave the first wave's."""
        line = self.line
        first = int(line.wave.min()) - 1
        out = np.zeros(line.months)
        for m in range(line.months):
            fig = self._hub(max(m, first)).figures
            out[m] = (
                (fig["annual_cost"] - fig["fixed_cost"]) / fig["people"] if fig["people"] else 0.0
            )
        return out

    def _today_cost(self) -> float:
        """Staying as today, currency a month: the scattered design, its night and weekend
        premium, today's channels and the recruiting that replaces its leavers."""
        sites = pd.DataFrame([self.states.site(n, 1.0) for n in self.line.sites])
        costs = self.plan.costs
        channels = sum(c.contacts_per_month * c.cost_per_contact for c in self.plan.channels)
        replaced = self.plan.attrition_per_month * sites["people"].sum()
        yearly = sites["annual_cost"].sum() + sites["premium_cost"].sum()
        return yearly / 12 + channels + replaced * costs.recruit_train_per_hire

    def _steady_running(self, factor: float, channel_cost: float) -> float:
        """A year of the centralised design at ``factor`` times today's calls with channels
        costing ``channel_cost`` a month: the model's cost, premium, routed telephony, channels
        and replacement recruiting."""
        hub = self.states.hub(frozenset(self.line.sites), factor).figures
        costs = self.plan.costs
        routed = hub["calls"] * WEEKS_PER_MONTH * costs.telephony_per_routed_call
        replaced = self.plan.attrition_per_month * hub["people"] * costs.recruit_train_per_hire
        return hub["annual_cost"] + hub["premium_cost"] + 12 * (routed + channel_cost + replaced)

    def _sources(self) -> dict:
        today = 12 * self._today_cost()
        channels_today = sum(c.contacts_per_month * c.cost_per_contact for c in self.plan.channels)
        consolidated = self._steady_running(1.0, channels_today)
        last = self._steady_running(self.factor[-1], self.channels["channel_cost"].iloc[-1])
        return {
            "consolidation": float(today - consolidated),
            "channel_shift": float(consolidated - last),
        }

    def _steady(self) -> dict:
        row = self.comparison.summary.loc["centralised"]
        return {key: float(row[key]) for key in STEADY_KEYS}

    def _waves(self, site_people, relocated_by_site, needed) -> pd.DataFrame:
        line = self.line
        rows = []
        for wave in self.plan.waves:
            mask = np.isin(np.array(line.sites), wave.sites)
            calls = self._sites(wave.month - 1)["calls"].to_numpy()
            rows.append(
                {
                    "wave": wave.name,
                    "month": wave.month,
                    "close_month": wave.month + self.plan.double_running_months,
                    "sites": ", ".join(wave.sites),
                    "calls": float(calls[mask].sum()),
                    "site_people": float(site_people[wave.month - 1, mask].sum()),
                    "relocated": float(relocated_by_site[mask].sum()),
                    "hub_people": float(needed[wave.month - 1]),
                }
            )
        return pd.DataFrame(rows)


RUNNING = ("sites", "hub", "premium", "telephony", "channels", "replacement_hiring")
"""Running costs of a month (currency a month)."""
ONE_OFF = ("recruiting", "severance", "relocation", "site_exit", "investments")
"""One-off costs of a month (currency a month)."""
_COST_COLUMNS = (
    "hires",
    "leavers",
    "relocated",
    "learning_fte",
    "learning_people",
    "hub_short",
    *RUNNING,
    *ONE_OFF,
)
