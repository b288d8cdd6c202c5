"""The catalogue of figures: what every number we show is called, in which unit, and what it means.

A planner reads "Service level 91.1 %" in the terminal, on a chart axis, in the app and in an
exported table; it must be the same words, the same unit and the same convention everywhere. Each
figure has one :class:`Figure` entry here (key, label, unit, format, explanation), and every front
end (the CLI tables, the charts, the app, later the reports and translations) reads it from
:data:`FIGURES` instead of spelling its own.

Keys are the column names of the tables the figures live in (``Comparison.summary``,
``Comparison.intervals``, the simulation's results), the savings causes of
``sim.comparison.CAUSES``, and, for the savings frame whose columns ``headcount``, ``percent``
and ``annual_cost`` would collide with the design figures, ``saved_*`` keys (:func:`figure` maps
a table's column to its key).
"""

from dataclasses import dataclass

__all__ = ["FIGURES", "HEADLINE", "Figure", "figure", "risk_figure"]


@dataclass(frozen=True)
class Figure:
    """One figure of the catalogue.

    Attributes
    ----------
    key : the figure's key (a column name, see the module docstring).
    label : short name for a table row or a metric ("Service level").
    unit : unit in words ("FTE", "% of offered calls", "s", "h", "currency a year"); empty for a
        count or a plain ratio.
    fmt : ``str.format`` pattern of a value ("{:.1%}").
    explanation : one sentence a planner can read under the figure.
    """

    key: str
    label: str
    unit: str
    fmt: str
    explanation: str

    def format(self, value) -> str:
        """``value`` as the catalogue writes it."""
        return self.fmt.format(value)

    def title(self, currency: str | None = None) -> str:
        """Label with its unit: "Headcount (FTE)"; money in ``currency`` when given."""
        unit = self.unit
        if currency is not None and "currency" in unit:
            unit = unit.replace("currency", currency)
        return f"{self.label} ({unit})" if unit else self.label

    @property
    def is_share(self) -> bool:
        """Shown as a percentage (the value itself is a share in [0, 1])."""
        return self.fmt.endswith("%}")

    @property
    def is_money(self) -> bool:
        return "currency" in self.unit


_CALLS = "% of offered calls"

_ENTRIES = (
    Figure(
        "headcount_total",
        "Headcount",
        "FTE",
        "{:,.1f}",
        "Agent FTE plus support roles: the people on the payroll, in full-time equivalents.",
    ),
    Figure(
        "headcount_people",
        "People",
        "persons",
        "{:,.0f}",
        "Whole persons on the payroll: each contract's tours grossed up for shrinkage and "
        "rounded up per location, plus support roles rounded up; part-timers make it exceed FTE.",
    ),
    Figure(
        "headcount_total_uncapped",
        "Headcount without occupancy cap",
        "FTE",
        "{:,.1f}",
        "The same design staffed with the occupancy cap lifted: how much of the headline the cap "
        "moves.",
    ),
    Figure(
        "headcount_total_analytic",
        "Headcount by the formulas",
        "FTE",
        "{:,.1f}",
        "The design staffed by the Erlang formulas alone; for a virtual network or partly "
        "cross-trained pools it assumes full pooling and is only a bound.",
    ),
    Figure(
        "intervals_below_load",
        "Intervals below the load",
        "pool-intervals",
        "{:,.0f}",
        "Pool-intervals with fewer agents logged in than Erlangs of offered load: only callers "
        "hanging up make such a plan feasible.",
    ),
    Figure(
        "agents_scheduled_fte",
        "Agents",
        "FTE",
        "{:,.1f}",
        "Paid roster hours (breaks included) grossed up for shrinkage (absence, training, "
        "meetings), over the full-time contract hours of a week.",
    ),
    Figure(
        "paid_hours",
        "Paid roster hours",
        "h a week",
        "{:,.0f}",
        "Hours the tours pay in a week: on the phones, breaks, days-off surplus and overruns.",
    ),
    Figure(
        "agent_hours_on_phones",
        "Agent-hours on the phones",
        "h a week",
        "{:,.0f}",
        "Agent-hours the tours put on the phones in a week (breaks and closed hours excluded).",
    ),
    Figure(
        "support_fte",
        "Support roles",
        "FTE",
        "{:,.1f}",
        "Team leaders, quality, trainers, planners, managers: per-agent roles rounded up per "
        "location plus fixed roles per open location.",
    ),
    Figure(
        "service_level",
        "Service level",
        _CALLS,
        "{:.1%}",
        "Share of all offered calls answered within the threshold; abandoned calls count as "
        "failures. Call-weighted over intervals.",
    ),
    Figure(
        "abandon_rate",
        "Abandoned",
        _CALLS,
        "{:.1%}",
        "Share of offered calls whose caller hangs up before being answered.",
    ),
    Figure(
        "answer_rate",
        "Answered",
        _CALLS,
        "{:.1%}",
        "Share of offered calls answered (1 - abandoned), the answer rate of Chinese KPIs.",
    ),
    Figure(
        "asa",
        "ASA",
        "s",
        "{:.1f}",
        "Average speed of answer: mean queue wait of answered calls, seconds.",
    ),
    Figure(
        "occupancy",
        "Occupancy",
        "% of logged-in time",
        "{:.1%}",
        "Answered load over agents logged in: the share of their time agents spend on calls.",
    ),
    Figure(
        "worst_interval_service_level",
        "Worst interval service level",
        _CALLS,
        "{:.1%}",
        "The lowest service level of any pool-interval with calls.",
    ),
    Figure(
        "erlang_agent_hours",
        "Erlang agent-hours",
        "h",
        "{:,.0f}",
        "Agent-hours the queue model needs to meet the targets, before minimum cover.",
    ),
    Figure(
        "required_agent_hours",
        "Agent-hours needed",
        "h",
        "{:,.0f}",
        "Erlang agent-hours raised to the minimum cover while a location is open.",
    ),
    Figure(
        "rostered_agent_hours",
        "Agent-hours rostered",
        "h",
        "{:,.0f}",
        "Agent-hours on the phones in the roster's whole shifts (breaks excluded).",
    ),
    Figure(
        "roster_efficiency",
        "Roster efficiency",
        "needed / rostered",
        "{:.1%}",
        "Agent-hours needed over agent-hours rostered: the price of whole shifts.",
    ),
    Figure(
        "shifts",
        "Shifts",
        "",
        "{:,.0f}",
        "Whole shifts in the tours over a week (one per person and working day).",
    ),
    Figure(
        "roster_gap",
        "Roster gap",
        "share of paid hours",
        "{:.2%}",
        "How far from optimal the roster may be: (paid hours - best bound) / paid hours.",
    ),
    Figure(
        "talk_hours_per_shift",
        "Talk hours per shift",
        "h",
        "{:.2f}",
        "Answered load-hours per rostered shift: what a day on the phones asks of an agent.",
    ),
    Figure(
        "annual_cost",
        "Annual cost",
        "currency a year",
        "{:,.0f}",
        "Headcount at each location's cost per FTE (or a role's own cost) plus fixed costs.",
    ),
    Figure(
        "pools",
        "Queues",
        "",
        "{:,.0f}",
        "Agent pools of the design: one per site and line today, fewer when pooled.",
    ),
    Figure(
        "calls",
        "Calls",
        "calls",
        "{:,.1f}",
        "Offered calls in the interval (including those later abandoned).",
    ),
    Figure(
        "saved_headcount",
        "Saved",
        "FTE",
        "{:,.1f}",
        "Headcount today (scattered) minus the design's headcount.",
    ),
    Figure(
        "saved_percent",
        "Saved",
        "% of today's headcount",
        "{:.1f}",
        "The headcount saved as a percentage of today's headcount.",
    ),
    Figure(
        "headcount_vs_measured",
        "Saved against measured",
        "FTE",
        "{:,.1f}",
        "Today's measured headcount (current_headcount; modelled where a site gives none) minus "
        "the design's headcount.",
    ),
    Figure(
        "percent_vs_measured",
        "Saved against measured",
        "% of today's measured headcount",
        "{:.1f}",
        "The saving against the measured baseline as a percentage of it.",
    ),
    Figure(
        "saved_annual_cost",
        "Saved",
        "currency a year",
        "{:,.0f}",
        "Annual cost today minus the design's annual cost.",
    ),
    Figure(
        "pooling",
        "Pooling",
        "FTE",
        "{:,.1f}",
        "Economies of scale: one big queue needs fewer agents than several small ones (with the "
        "team leaders and other per-agent roles those agents need).",
    ),
    Figure(
        "time_zones_peaks",
        "Time-zone peaks",
        "FTE",
        "{:,.1f}",
        "Peaks of sites in other time zones that no longer coincide once pooled.",
    ),
    Figure(
        "minimum_cover",
        "Minimum cover",
        "FTE",
        "{:,.1f}",
        "Night and quiet-hour minimum staffing shared by fewer pools.",
    ),
    Figure(
        "roster_efficiency_cause",
        "Roster efficiency",
        "FTE",
        "{:,.1f}",
        "Whole shifts fit a bigger requirement more closely.",
    ),
    Figure(
        "aht_change",
        "Handle-time change",
        "FTE",
        "{:,.1f}",
        "Handle time lost (or won) with the move.",
    ),
    Figure(
        "simulated_staffing",
        "Simulated staffing",
        "FTE",
        "{:,.1f}",
        "For designs staffed by simulation: the formulas' full-pooling headcount minus the "
        "simulated one (negative: overflow and skills need more staff than the bound).",
    ),
    Figure(
        "sites_closed",
        "Sites closed",
        "FTE",
        "{:,.1f}",
        "Support roles fixed per location (manager, planner, IT, ...) of the sites closed, less "
        "those of the hubs opened.",
    ),
    Figure(
        "rounding",
        "Role rounding",
        "FTE",
        "{:,.1f}",
        "Per-agent roles are whole people per location: rounding up once per hub instead of "
        "once per site.",
    ),
    Figure(
        "measured_service_level",
        "Measured service level",
        _CALLS,
        "{:.1%}",
        "Calls answered within the threshold over calls offered, as the history reports them.",
    ),
    Figure(
        "modelled_service_level",
        "Modelled service level",
        _CALLS,
        "{:.1%}",
        "The queue model on the staffed agents of each interval, at its expected volume.",
    ),
    Figure(
        "measured_abandon_rate",
        "Measured abandonment",
        _CALLS,
        "{:.1%}",
        "Abandoned calls over calls offered, as the history reports them.",
    ),
    Figure(
        "modelled_abandon_rate",
        "Modelled abandonment",
        _CALLS,
        "{:.1%}",
        "The queue model's abandonment on the staffed agents of each interval.",
    ),
    Figure(
        "bias",
        "Bias",
        "service-level share",
        "{:+.1%}",
        "Modelled minus measured service level, call-weighted: positive is an optimistic model.",
    ),
    Figure(
        "mae",
        "Mean absolute error",
        "service-level share",
        "{:.1%}",
        "Call-weighted mean of |modelled - measured| interval service levels (includes the "
        "noise of a single interval's calls).",
    ),
    Figure(
        "patience",
        "Patience",
        "s",
        "{:,.0f}",
        "Mean time callers wait before hanging up: total waiting time over abandoned calls.",
    ),
)

_PLAN_ENTRIES = (
    Figure(
        "payback_month",
        "Payback month",
        "month",
        "{:,.0f}",
        "First month of the programme whose cumulative net cash flow against staying as today "
        "is zero or more.",
    ),
    Figure(
        "npv",
        "Net present value",
        "currency",
        "{:,.0f}",
        "The monthly net cash flows discounted at the yearly rate compounded monthly, month m "
        "by (1 + i)^m.",
    ),
    Figure(
        "running_cost",
        "Running cost",
        "currency a month",
        "{:,.0f}",
        "Wages, buildings, night and weekend premium, routed telephony, other channels and the "
        "recruiting that replaces leavers, in one month.",
    ),
    Figure(
        "one_off_cost",
        "One-off cost",
        "currency a month",
        "{:,.0f}",
        "Recruiting and training for the waves, severance, relocation, lease breaks and "
        "investments paid in the month.",
    ),
    Figure(
        "net_cash_flow",
        "Net cash flow",
        "currency a month",
        "{:,.0f}",
        "The month's cost of staying as today less its running and one-off costs.",
    ),
    Figure(
        "cumulative_cash_flow",
        "Cumulative cash flow",
        "currency",
        "{:,.0f}",
        "Net cash flow summed from month 1.",
    ),
    Figure(
        "people",
        "People on the payroll",
        "persons",
        "{:,.0f}",
        "Persons paid in the month at every site and the hub: recruits in training, double "
        "running and the learning curve's extra agents included.",
    ),
)

FIGURES: dict[str, Figure] = {entry.key: entry for entry in (*_ENTRIES, *_PLAN_ENTRIES)}
"""Every figure by key."""

HEADLINE = (
    "headcount_total",
    "headcount_people",
    "headcount_total_uncapped",
    "agents_scheduled_fte",
    "support_fte",
    "service_level",
    "abandon_rate",
    "asa",
    "occupancy",
    "worst_interval_service_level",
    "roster_efficiency",
    "talk_hours_per_shift",
    "annual_cost",
)
"""The figures of a design's headline table, in the order every front end shows them."""

_COLUMNS = {
    "savings": {
        "headcount": "saved_headcount",
        "percent": "saved_percent",
        "annual_cost": "saved_annual_cost",
        "roster_efficiency": "roster_efficiency_cause",
    },
    "locations": {"agents_fte": "agents_scheduled_fte", "headcount": "headcount_total"},
}


def figure(key: str, table: str | None = None) -> Figure:
    """The catalogue entry of ``key``; with ``table="savings"`` or ``"locations"``, ``key`` is a
    column of ``Comparison.savings`` (``headcount`` is the headcount saved) or of
    ``Comparison.locations`` (``agents_fte`` is a location's agent FTE)."""
    return FIGURES[_COLUMNS.get(table or "", {}).get(key, key)]


def risk_figure(key: str) -> Figure:
    """The entry of a figure of the risk analysis (``sim.risk``): ``saving_<column>`` is a
    column of ``Comparison.savings`` (``saving_headcount`` is the headcount saved), any other key
    a design figure."""
    if key.startswith("saving_"):
        return figure(key.removeprefix("saving_"), "savings")
    return FIGURES[key]
