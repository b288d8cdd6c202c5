"""The savings waterfall: from today's scattered headcount to a design's, one step per cause.

The board asks "where do the 160 people come from?": the first bar is today's headcount, each
floating bar one cause of ``sim.comparison.CAUSES`` (pooling, time-zone peaks, minimum cover,
support roles, roster efficiency, AHT change), the last bar the design's headcount. A cause that
adds staff (a longer handle time after the move) steps up instead of down. The steps add up
exactly to the difference, as the breakdown does.
"""

from textwrap import fill

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from sim.charts.axes import gridlines, thousands_axis, value_label
from sim.charts.data import check_design
from sim.charts.style import (
    ADDED,
    INK,
    SAVED,
    design_colours,
    display_name,
    in_words,
    new_figure,
    styled,
    title,
)
from sim.comparison import CAUSES, Comparison
from sim.figures import figure

__all__ = ["savings_waterfall"]


def _cause_label(cause: str) -> str:
    return fill(figure(cause, table="savings").label, 10)


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
    causes = [_cause_label(c) for c in CAUSES]
    labels = ["Scattered\n(today)", *causes, fill(display_name(design), 14)]
    last = len(CAUSES) + 1
    saved = np.array([float(savings[c]) for c in CAUSES])
    levels = np.cumsum([start, *(-saved)])  # headcount before the first and after each cause
    ax.bar([0, last], [start, end], color=[colours["scattered"], colours[design]], width=0.65)
    for x, value in ((0, start), (last, end)):
        value_label(ax, f"{value:,.1f}", (x, value), fontweight="bold")
    for x, step, after in zip(range(1, last), saved, levels[1:], strict=True):
        ax.bar(x, step, bottom=after, color=SAVED if step >= 0 else ADDED, width=0.65)
        text = _step_text(step)
        value_label(ax, text, (x, max(after, after + step)), fontsize=9)
    for x, value in enumerate(levels):
        ax.plot([x - 0.325, x + 1.325], [value, value], color=INK, linewidth=0.6, linestyle=":")
    ax.set_xticks(range(last + 1), labels)
    ax.set_ylabel("Headcount (FTE)")
    ax.set_ylim(0, max(levels.max(), end) * 1.1)
    gridlines(ax)
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
    what = f"headcount saved by cause, scattered to {in_words(design)}"
    title(fig, comparison.scenario.general.name, what)
    return fig


def _step_text(step: float) -> str:
    """``"saves 126.1"``, ``"adds 35.6"`` or ``"none"`` for a step of ``step`` FTE saved."""
    if abs(step) < 0.05:
        return "none"
    return f"saves {step:,.1f}" if step > 0 else f"adds {-step:,.1f}"
