"""Service through the week: the share of callers answered in time, and the share who hang up.

A planner checks that a smaller centralised team still meets "80% in 20 s" at the Monday-morning
peak and not only on average: one line per design, interval by interval, each the call-weighted
mean over the design's pools at the rostered staffing, with the target dashed. Intervals without
calls leave a gap (there is no service to measure).
"""

from matplotlib.figure import Figure

from sim.charts.axes import gridlines, percent_axis, time_axis
from sim.charts.data import check_design, interval_labels, service_targets, weighted_by_interval
from sim.charts.style import INK, design_colours, display_name, new_figure, styled, title
from sim.comparison import Comparison
from sim.errors import InputError

__all__ = ["service_by_interval"]


@styled
def service_by_interval(comparison: Comparison, designs: list[str] | None = None) -> Figure:
    """Call-weighted service level (top) and abandonment (bottom) per interval for each design.

    Parameters
    ----------
    comparison : Comparison
        Result of ``sim.compare``.
    designs : list of str, optional
        Designs to draw, in order; every design of the comparison by default.

    Returns
    -------
    Figure
        Two axes sharing the interval axis, one line per design in each, the scenario's service
        level target (and abandonment cap, if any) dashed.

    Raises
    ------
    ValueError
        When a name in ``designs`` is not a design of the comparison, or ``designs`` is empty.
    """
    names = list(comparison.designs) if designs is None else list(designs)
    if not names:
        raise InputError(
            "designs: give at least one design; allowed: " + ", ".join(comparison.designs)
        )
    for name in names:
        check_design(comparison, name)
    targets = comparison.scenario.targets
    goals, threshold = service_targets([comparison.designs[n] for n in names])
    caps = [] if targets.max_abandon is None else [targets.max_abandon]
    colours = design_colours(comparison.designs)
    fig, (top, bottom) = new_figure(10.0, 6.4, 2, 1, sharex=True, height_ratios=(3, 2))
    panels = ((top, "service_level", goals, "target"), (bottom, "abandon_rate", caps, "cap"))
    for ax, column, levels, goal_name in panels:
        values = weighted_by_interval(comparison, column)
        for name in names:
            ax.plot(
                values.index.to_numpy() + 0.5,
                values[name].to_numpy(),
                label=display_name(name),
                color=colours[name],
                linewidth=1.3,
            )
        for goal in levels:
            ax.axhline(
                goal, color=INK, linestyle="--", linewidth=1.0, label=f"{goal_name} {goal:.0%}"
            )
        gridlines(ax)
        percent_axis(ax)
    top.set_ylabel(f"Answered within {threshold}\n(% of offered calls)")
    bottom.set_ylabel("Abandoned\n(% of offered calls)")
    low = min(weighted_by_interval(comparison, "service_level")[names].min().min(), *goals)
    top.set_ylim(max(0.0, low - 0.05), 1.005)
    bottom.set_ylim(bottom=0.0)
    if not comparison.model.abandonment:
        bottom.text(
            0.5,
            0.5,
            f"{comparison.model.label}: callers never hang up, so nobody abandons",
            transform=bottom.transAxes,
            ha="center",
            va="center",
            color=INK,
        )
    top.legend(loc="lower left", ncols=len(names) + len(goals))
    top.set_title(
        f"Call-weighted over each design's pools at the rostered staffing, "
        f"{comparison.model.description}; gaps: no calls"
    )
    time_axis(bottom, interval_labels(comparison), comparison.scenario.clock_utc_offset)
    title(fig, comparison.scenario.general.name, "service level and abandonment per interval")
    return fig
