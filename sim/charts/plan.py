"""Charts of the business case: the roadmap, people, money over time and where the saving comes
from.

The board's four pictures of a programme: when each phase runs and each wave of sites hands over
(:func:`waves_gantt`), how many people each building pays month by month, recruits ahead of a
wave and double running included (:func:`people_over_time`), what each month costs against
staying as today and when the cumulative cash flow turns positive (:func:`cash_flow_chart`),
and how much of the steady-state saving consolidation earns and how much channel shift
(:func:`savings_by_source_chart`). Every function takes a ``sim.plan.BusinessCase`` and returns
a ``matplotlib.figure.Figure`` in the house style (byte-stable through ``sim.charts.export``).
"""

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from sim.charts.axes import compact, compact_axis, gridlines, thousands_axis, value_label
from sim.charts.style import (
    ADDED,
    DESIGN_COLOURS,
    INK,
    MUTED,
    OTHERS,
    SAVED,
    new_figure,
    styled,
    title,
)
from sim.plan import BusinessCase

__all__ = [
    "cash_flow_chart",
    "people_over_time",
    "plan_charts",
    "savings_by_source_chart",
    "waves_gantt",
]

HUB = DESIGN_COLOURS["centralised"]
TODAY = DESIGN_COLOURS["scattered"]


def _months_axis(ax, months: int) -> None:
    ax.set_xlim(0.5, months + 0.5)
    ax.set_xlabel("Month of the programme")
    gridlines(ax, "x")


@styled
def waves_gantt(case: BusinessCase) -> Figure:
    """The roadmap as a Gantt chart: one bar per phase (grey), then one per wave: recruiting
    ahead of it (light), double running (hatched) and the month its sites hand over (marked).

    Returns
    -------
    Figure
        One axes, months on x, phases and waves on y (first on top).
    """
    plan = case.scenario.plan
    rows = [(p.name, p.start, p.end) for p in plan.phases]
    fig, ax = new_figure(10.0, 0.45 * (len(rows) + len(plan.waves)) + 1.8)
    labels = []
    for y, (name, start, end) in enumerate(rows):
        ax.barh(y, end - start + 1, left=start - 0.5, color=OTHERS, height=0.6)
        labels.append(name)
    lead, double = plan.hiring_lead_months, plan.double_running_months
    for k, wave in enumerate(plan.waves):
        y = len(rows) + k
        ax.barh(y, lead, left=wave.month - lead - 0.5, color=HUB, alpha=0.3, height=0.6)
        ax.barh(
            y,
            max(double, 1),
            left=wave.month - 0.5,
            color=HUB,
            height=0.6,
            hatch="//" if double else None,
            edgecolor="white",
        )
        value_label(
            ax,
            ", ".join(wave.sites),
            (wave.month + max(double, 1) - 0.5, y),
            side="right",
            fontsize=8,
        )
        labels.append(wave.name)
    ax.set_yticks(range(len(labels)), labels)
    ax.invert_yaxis()
    _months_axis(ax, plan.months)
    ax.legend(
        handles=[
            Patch(color=OTHERS, label="phase"),
            Patch(color=HUB, alpha=0.3, label=f"recruiting ahead ({lead} month(s))"),
            Patch(
                facecolor=HUB,
                hatch="//",
                edgecolor="white",
                label=f"hand-over and double running ({double} month(s))",
            ),
        ],
        loc="lower right",
    )
    ax.set_title(f"{len(plan.phases)} phases, {len(plan.waves)} waves over {plan.months} months")
    title(fig, case.scenario.general.name, "phases and waves")
    return fig


@styled
def people_over_time(case: BusinessCase) -> Figure:
    """People on the payroll per month, stacked by location: today's sites (muted colours, the
    eight largest and "others") and the hub (blue) on top.

    Returns
    -------
    Figure
        One axes of stacked steps, persons on y.
    """
    people = case.people
    hub = people.columns[-1]
    sites = people[people.columns[:-1]]
    order = sites.sum().sort_values(ascending=False).index
    shown = list(order[:8])
    parts = [(name, sites[name].to_numpy(), MUTED[k % len(MUTED)]) for k, name in enumerate(shown)]
    if len(order) > 8:
        parts.append(("others", sites[list(order[8:])].sum(axis=1).to_numpy(), OTHERS))
    parts.append((hub, people[hub].to_numpy(), HUB))
    fig, ax = new_figure(10.0, 5.2)
    month = people.index.to_numpy()
    ax.stackplot(
        month,
        *[p[1] for p in parts],
        labels=[p[0] for p in parts],
        colors=[p[2] for p in parts],
        step="mid",
    )
    ax.set_ylabel("People on the payroll (persons)")
    thousands_axis(ax)
    _months_axis(ax, len(month))
    gridlines(ax, "y")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    peak = int(np.argmax(people.sum(axis=1).to_numpy()))
    ax.set_title(
        f"Peak {people.sum(axis=1).iloc[peak]:,.0f} persons in month {month[peak]} "
        f"(recruits ahead of a wave and double running); last month {people.iloc[-1].sum():,.0f}"
    )
    title(fig, case.scenario.general.name, "people per location over time")
    return fig


@styled
def cash_flow_chart(case: BusinessCase) -> Figure:
    """Money per month (top: running and one-off costs against staying as today) and the
    cumulative cash flow (bottom) with the payback month marked.

    Returns
    -------
    Figure
        Two axes sharing the months; money in the scenario's currency.
    """
    m = case.months
    currency = case.scenario.general.currency
    month = m.index.to_numpy()
    fig, (top, bottom) = new_figure(10.0, 6.6, 2, 1, sharex=True, height_ratios=(3, 2))
    top.bar(month, m["running_cost"], color=HUB, width=0.8, label="running cost")
    top.bar(
        month,
        m["one_off_cost"],
        bottom=m["running_cost"],
        color=ADDED,
        width=0.8,
        label="one-off cost",
    )
    top.step(month, m["today_cost"], where="mid", color=TODAY, label="staying as today")
    top.set_ylabel(f"Cost ({currency} a month)")
    compact_axis(top)
    gridlines(top, "y")
    top.legend(loc="upper right")
    cumulative = m["cumulative_cash_flow"].to_numpy()
    bottom.fill_between(
        month,
        cumulative,
        0,
        where=cumulative >= 0,
        color=SAVED,
        alpha=0.35,
        step="mid",
        linewidth=0,
    )
    bottom.fill_between(
        month, cumulative, 0, where=cumulative < 0, color=ADDED, alpha=0.35, step="mid", linewidth=0
    )
    bottom.step(month, cumulative, where="mid", color=INK, linewidth=1.2)
    bottom.axhline(0, color=INK, linewidth=0.8)
    payback = case.payback_month
    if payback is not None:
        bottom.axvline(payback, color=SAVED, linestyle="--", linewidth=1.2)
        late = payback > 0.8 * len(month)
        bottom.annotate(
            f"payback: month {payback}",
            (payback, 0),
            xytext=(-4 if late else 4, 4),
            textcoords="offset points",
            ha="right" if late else "left",
            va="bottom",
            color=INK,
        )
    bottom.set_ylabel(f"Cumulative cash flow\n({currency})")
    compact_axis(bottom)
    gridlines(bottom, "y")
    _months_axis(bottom, len(month))
    paid = f"payback in month {payback}" if payback else "no payback within the plan"
    top.set_title(f"{paid}; NPV {compact(case.npv)} {currency} at {case.discount_rate:.0%} a year")
    title(fig, case.scenario.general.name, "monthly cost and cumulative cash flow")
    return fig


@styled
def savings_by_source_chart(case: BusinessCase) -> Figure:
    """The steady-state saving a year by source (consolidation, channel shift) and its total.

    Returns
    -------
    Figure
        One axes of horizontal bars, money a year on x.
    """
    currency = case.scenario.general.currency
    sources = case.savings_by_source
    names = [name.replace("_", " ").capitalize() for name in sources] + ["Total"]
    values = [*sources.values(), sum(sources.values())]
    fig, ax = new_figure(8.0, 3.4)
    colours = [SAVED if v >= 0 else ADDED for v in values[:-1]] + [INK]
    ax.barh(range(len(values)), values, color=colours, height=0.6)
    for y, value in enumerate(values):
        value_label(ax, compact(value), (max(value, 0.0), y), side="right")
    ax.set_yticks(range(len(values)), names)
    ax.invert_yaxis()
    ax.axvline(0, color=INK, linewidth=0.8)
    ax.margins(x=0.15)
    ax.set_xlabel(f"Saving at the steady state ({currency} a year)")
    compact_axis(ax, "x")
    gridlines(ax, "x")
    ax.set_title("Consolidation first at today's volumes, then channel shift on the hub")
    title(fig, case.scenario.general.name, "where the saving comes from")
    return fig


def plan_charts(case: BusinessCase) -> dict[str, Figure]:
    """The four charts of a business case by file-safe name: ``plan_waves``, ``plan_people``,
    ``plan_cash_flow``, ``plan_savings_by_source``."""
    return {
        "plan_waves": waves_gantt(case),
        "plan_people": people_over_time(case),
        "plan_cash_flow": cash_flow_chart(case),
        "plan_savings_by_source": savings_by_source_chart(case),
    }
