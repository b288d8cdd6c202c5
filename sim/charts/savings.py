"""The savings waterfall: from today's scattered headcount to a design's, one step per cause.

The board asks "where do the 160 people come from?": the first bar is today's headcount, each
floating bar one cause of ``sim.comparison.CAUSES`` (pooling, time-zone peaks, minimum cover,
support roles, roster efficiency, AHT change), the last bar the design's headcount. A cause that
adds staff (a longer handle time after the move) steps up instead of down. The steps add up
exactly to the difference, as the breakdown does.
"""

from matplotlib.figure import Figure
from matplotlib.patches import Patch

from sim.charts.axes import thousands_axis
from sim.charts.data import check_design
from sim.charts.style import (
    ADDED,
    INK,
    SAVED,
    design_colours,
    display_name,
    new_figure,
    styled,
    title,
)
from sim.comparison import CAUSES, Comparison

__all__ = ["CAUSE_LABELS", "savings_waterfall"]

CAUSE_LABELS = {
    "pooling": "Pooling",
    "time_zones_peaks": "Time-zone\npeaks",
    "minimum_cover": "Minimum\ncover",
    "support_roles": "Support\nroles",
    "roster_efficiency": "Roster\nefficiency",
    "aht_change": "AHT\nchange",
}


def _cause_label(cause: str) -> str:
    return CAUSE_LABELS.get(cause, cause.replace("_", " ").capitalize())


@styled
def savings_waterfall(comparison: Comparison, design: str = "centralised") -> Figure:
    """Waterfall of the headcount saved by ``design`` against scattered, cause by cause.

    Parameters
    ----------
    comparison : Comparison
        Result of ``sim.compare``.
    design : str, default "centralised"
        A design of the comparison other than ``"scattered"``.

    Returns
    -------
    Figure
        One axes with ``len(CAUSES) + 2`` bars (headcount in FTE): scattered, one floating bar
        per cause whose height is the saving (negative when the cause adds staff), the design.

    Raises
    ------
    ValueError
        When ``design`` is not an alternative design of the comparison.
    """
    check_design(comparison, design, exclude=("scattered",))
    savings = comparison.savings.loc[design]
    start = float(comparison.summary.loc["scattered", "headcount_total"])
    end = float(comparison.summary.loc[design, "headcount_total"])
    colours = design_colours(comparison.designs)
    fig, ax = new_figure(9.0, 5.2)
    labels = ["Scattered\n(today)", *(_cause_label(c) for c in CAUSES), display_name(design)]
    ax.bar(0, start, color=colours["scattered"], width=0.65)
    level = start
    for x, cause in enumerate(CAUSES, start=1):
        saved = float(savings[cause])
        ax.bar(x, saved, bottom=level - saved, color=SAVED if saved >= 0 else ADDED, width=0.65)
        ax.plot([x - 1.325, x + 0.325], [level, level], color=INK, linewidth=0.6, linestyle=":")
        text = f"saves {saved:,.1f}" if saved >= 0 else f"adds {-saved:,.1f}"
        ax.annotate(
            text,
            (x, max(level, level - saved)),
            xytext=(0, 3),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=9,
        )
        level -= saved
    last = len(CAUSES) + 1
    ax.plot([last - 1.325, last - 0.325], [level, level], color=INK, linewidth=0.6, linestyle=":")
    ax.bar(last, end, color=colours[design], width=0.65)
    for x, value in ((0, start), (last, end)):
        ax.annotate(
            f"{value:,.1f}",
            (x, value),
            xytext=(0, 3),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontweight="bold",
        )
    ax.set_xticks(range(last + 1), labels)
    ax.set_ylabel("Headcount (FTE)")
    ax.set_ylim(0, max(start, end, *_tops(start, savings)) * 1.1)
    ax.grid(axis="y")
    ax.set_axisbelow(True)
    thousands_axis(ax)
    ax.legend(
        handles=[Patch(color=SAVED, label="saves staff"), Patch(color=ADDED, label="adds staff")],
        loc="upper right",
    )
    currency = comparison.scenario.general.currency
    ax.set_title(
        f"Saved: {savings['headcount']:,.1f} FTE ({savings['percent']:.1f}%), "
        f"{savings['annual_cost']:,.0f} {currency} a year"
    )
    title(fig, comparison.scenario.general.name, f"headcount saved by cause, scattered to {design}")
    return fig


def _tops(start: float, savings) -> list[float]:
    """Running headcount after each cause (the top of a step that adds staff)."""
    tops, level = [], start
    for cause in CAUSES:
        level -= float(savings[cause])
        tops.append(level)
    return tops
