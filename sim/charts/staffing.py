"""People: agents needed through the week, and headcount by building.

``agents_by_interval`` is the planner's staffing curve: agents the queues need interval by
interval (after minimum cover), stacked by pool - or by building when a design has many pools, the
eight biggest plus "others" - with the agents the whole-shift roster actually puts on the phones
drawn over it (the gap is the roster's inefficiency). ``headcount_by_location`` is the HR view:
per building, agent FTE plus support roles, one panel per design on a common scale.
"""

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from sim.charts.axes import gridlines, thousands_axis, time_axis, value_label
from sim.charts.data import OTHERS_LABEL, agents_by_part, check_design, interval_labels
from sim.charts.style import (
    INK,
    MUTED,
    OTHERS,
    design_colours,
    display_name,
    in_words,
    new_figure,
    styled,
    title,
)
from sim.comparison import Comparison

__all__ = ["agents_by_interval", "headcount_by_location"]


@styled
def agents_by_interval(comparison: Comparison, design: str) -> Figure:
    """Required agents per interval of ``design`` stacked by pool, with the rostered total.

    Parameters
    ----------
    comparison : Comparison
        Result of ``sim.compare``.
    design : str
        A design of the comparison (``"scattered"`` included).

    Returns
    -------
    Figure
        One axes: a stacked step area per part (pool, or location with "others" when there are
        more than nine pools) of required agents, and a line of rostered agents.

    Raises
    ------
    ValueError
        When ``design`` is not a design of the comparison.
    """
    check_design(comparison, design)
    parts, kind = agents_by_part(comparison, design, "required_agents")
    rows = comparison.intervals[comparison.intervals["design"] == design]
    rostered = rows.groupby("interval")["rostered_agents"].sum().sort_index().to_numpy()
    fig, ax = new_figure(10.0, 5.4)
    edges = np.arange(len(parts) + 1)
    base = np.zeros(len(parts))
    for k, name in enumerate(parts.columns):
        colour = OTHERS if name.startswith(OTHERS_LABEL) else MUTED[k % len(MUTED)]
        values = parts[name].to_numpy()
        ax.stairs(base + values, edges, baseline=base, fill=True, color=colour, label=name)
        base = base + values
    roster = comparison.scenario.workforce.roster
    ax.stairs(
        rostered,
        edges,
        baseline=None,
        color=INK,
        linewidth=1.2,
        label="rostered (whole shifts)" if roster != "none" else "rostered (= required, no roster)",
    )
    ax.set_ylim(0, max(rostered.max(initial=0.0), base.max(initial=0.0)) * 1.08 + 1)
    ax.set_ylabel("Agents logged in (agents)")
    gridlines(ax)
    thousands_axis(ax)
    time_axis(ax, interval_labels(comparison), comparison.scenario.clock_utc_offset)
    handles, labels = ax.get_legend_handles_labels()
    order = [*range(len(parts.columns) - 1, -1, -1), len(parts.columns)]  # as stacked, top first
    ax.legend(
        [handles[k] for k in order],
        [labels[k] for k in order],
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        title=f"Required, by {kind}",
    )
    hours = comparison.scenario.general.interval_minutes / 60.0
    ax.set_title(
        f"{display_name(design)}: {base.sum() * hours:,.0f} required and "
        f"{rostered.sum() * hours:,.0f} rostered agent-hours"
    )
    title(fig, comparison.scenario.general.name, f"agents needed per interval, {in_words(design)}")
    return fig


@styled
def headcount_by_location(comparison: Comparison) -> Figure:
    """Agent FTE plus support roles per location, one panel per design on a common scale.

    Parameters
    ----------
    comparison : Comparison
        Result of ``sim.compare``.

    Returns
    -------
    Figure
        One axes per design (scattered first), a horizontal stacked bar per staffed location:
        agent FTE (design colour) and support roles (hatched), total headcount at the bar's end
        with the whole people it takes (``"94 FTE, 105 people"``: part-timers make people exceed
        FTE).
    """
    names = list(comparison.designs)
    colours = design_colours(names)
    staffed = comparison.locations[comparison.locations["headcount"] > 0]
    rows = max(staffed.groupby("design").size().max(), 1)
    fig, axes = new_figure(
        3.6 * len(names) + 1.5, 1.6 + 0.3 * rows, 1, len(names), sharex=True, squeeze=False
    )
    for ax, name in zip(axes[0], names, strict=True):
        table = staffed[staffed["design"] == name]
        y = np.arange(len(table))
        agents = table["agents_fte"].to_numpy()
        support = table["support_fte"].to_numpy()
        ax.barh(y, agents, color=colours[name], height=0.7)
        ax.barh(y, support, left=agents, color=colours[name], alpha=0.35, hatch="///", height=0.7)
        people = table["headcount_people"].to_numpy()
        for k, (total, persons) in enumerate(zip(agents + support, people, strict=True)):
            label = f"{total:,.0f} FTE, {persons:,.0f} people"
            value_label(ax, label, (total, k), side="right", fontsize=8)
        ax.set_yticks(y, table["location"].tolist())
        ax.set_ylim(rows - 0.5, -0.5)
        ax.set_title(
            f"{display_name(name)}: {table['headcount'].sum():,.1f} FTE, "
            f"{table['headcount_people'].sum():,.0f} people",
            color=colours[name],
        )
        ax.set_xlabel("Headcount (FTE)")
        gridlines(ax, "x")
        thousands_axis(ax, "x")
    axes[0][0].set_xlim(right=staffed["headcount"].max() * 1.45)
    fig.legend(
        handles=[
            Patch(color=INK, label="agents (FTE)"),
            Patch(facecolor="white", edgecolor=INK, hatch="///", label="support roles (FTE)"),
        ],
        loc="outside lower center",
        ncols=2,
    )
    title(fig, comparison.scenario.general.name, "headcount by location, agents and support roles")
    return fig
