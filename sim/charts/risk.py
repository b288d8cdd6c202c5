"""Risk charts: the tornado of the saving, and the shocked day interval by interval.

The steering committee's two pictures: which guesses the saving hangs on (:func:`tornado_chart`,
one bar per assumption from the saving at its low end to the saving at its high end, widest
first, the base saving marked), and what each design does through a shocked day
(:func:`resilience_by_interval`, service level and calls lost per interval with their 95 %
confidence bands, one line per design).
"""

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from sim.charts.axes import gridlines, percent_axis, thousands_axis, time_axis
from sim.charts.style import INK, design_colours, display_name, new_figure, styled, title
from sim.errors import InputError
from sim.figures import risk_figure
from sim.risk.report import RiskReport

__all__ = ["resilience_by_interval", "tornado_chart"]

LOW_COLOUR = "#56B4E9"
HIGH_COLOUR = "#E69F00"
_TORNADO_FIGURES = ("saving_headcount", "saving_percent", "saving_annual_cost", "service_level")


def shown_input(value, unit: str) -> str:
    """An assumption's value as a label: ``x1.1``, ``85%``, ``60 minutes``, ``8/6 h``."""
    if isinstance(value, list):
        return "/".join(f"{v:g}" for v in value) + " h"
    if isinstance(value, str):
        return value
    if unit == "x today":
        return f"x{value:g}"
    if unit.startswith("share"):
        return f"{value:.0%}"
    return f"{value:g} {unit}"


@styled
def tornado_chart(report: RiskReport, figure_key: str = "saving_headcount") -> Figure:
    """The tornado of one headline figure of the centralised design.

    Parameters
    ----------
    report : RiskReport
        Result of ``sim.risk.analyse``.
    figure_key : {"saving_headcount", "saving_percent", "saving_annual_cost", "service_level"}
        The figure whose swing is drawn; bars are sorted by its swing, widest on top.

    Returns
    -------
    Figure
        One horizontal bar per assumption from the base value to the value at the low end
        (blue) and at the high end (orange) of its range, labelled with the inputs; a vertical
        line at the base.

    Raises
    ------
    ValueError
        For a ``figure_key`` not listed above.
    """
    if figure_key not in _TORNADO_FIGURES:
        raise InputError(f"figure: unknown {figure_key!r}; allowed: {', '.join(_TORNADO_FIGURES)}")
    table = report.tornado
    order = np.argsort(-table[f"swing_{figure_key}"].fillna(-1.0).to_numpy(), kind="stable")
    table = table.iloc[order[::-1]]
    entry = risk_figure(figure_key)
    currency = report.comparison.scenario.general.currency
    scale = 100.0 if entry.is_share else 1.0
    base = float(table[f"{figure_key}_base"].iloc[0]) * scale
    fig, ax = new_figure(9.0, 0.55 * len(table) + 1.8)
    for y, row in enumerate(table.to_dict("records")):
        for end, colour in (("low", LOW_COLOUR), ("high", HIGH_COLOUR)):
            value = row[f"{figure_key}_{end}"] * scale
            if np.isnan(value):
                continue
            ax.barh(y, value - base, left=base, color=colour, height=0.6)
            side = "left" if value < base else "right"
            ax.annotate(
                shown_input(row[end], row["unit"]),
                (value, y),
                xytext=(-4 if side == "left" else 4, 0),
                textcoords="offset points",
                ha="right" if side == "left" else "left",
                va="center",
                fontsize=8,
                color=INK,
            )
    ax.axvline(base, color=INK, linewidth=1.0)
    ax.set_yticks(range(len(table)), list(table["label"]))
    ax.margins(x=0.18)
    ax.set_xlabel(entry.title(currency))
    gridlines(ax, "x")
    if not entry.is_share:
        thousands_axis(ax, "x")
    ax.legend(
        handles=[
            Patch(color=LOW_COLOUR, label="low end of the range"),
            Patch(color=HIGH_COLOUR, label="high end of the range"),
        ],
        loc="lower right",
    )
    ax.set_title(f"Centralised design, one assumption at a time; base {entry.format(base / scale)}")
    what = "headcount saved" if figure_key == "saving_headcount" else entry.title(currency)
    title(fig, report.comparison.scenario.general.name, f"what moves the {what.lower()}")
    return fig


@styled
def resilience_by_interval(report: RiskReport, shock: str = "outage") -> Figure:
    """Service level (top) and calls lost (bottom) per interval of a shocked day, per design.

    Parameters
    ----------
    report : RiskReport
        Result of ``sim.risk.analyse``.
    shock : str
        A shock of the report's resilience table (``sim.risk.SHOCKS``).

    Raises
    ------
    ValueError
        When ``shock`` is not in the report.

    Returns
    -------
    Figure
        Two axes over the day (the week for ``forecast``): the simulated mean of each design as
        a line with its 95 % confidence band, the unshocked day's mean dotted.
    """
    res = report.resilience
    shown = res.intervals[res.intervals["shock"] == shock]
    if shown.empty:
        raise InputError(
            f"shock: {shock!r} is not in this report; allowed: "
            + ", ".join(res.table["shock"].unique())
        )
    scenario = report.comparison.scenario
    names = list(dict.fromkeys(shown["design"]))
    colours = design_colours(report.comparison.designs)
    fig, (top, bottom) = new_figure(10.0, 6.4, 2, 1, sharex=True, height_ratios=(3, 2))
    base = res.intervals[res.intervals["shock"] == "none"]
    for name in names:
        rows = shown[shown["design"] == name]
        x = rows["interval"].to_numpy() + 0.5
        for ax, column in ((top, "service_level"), (bottom, "abandoned")):
            mean, hw = rows[column].to_numpy(), rows[f"{column}_hw"].to_numpy()
            ax.plot(x, mean, color=colours[name], label=display_name(name), linewidth=1.3)
            ax.fill_between(x, mean - hw, mean + hw, color=colours[name], alpha=0.2, linewidth=0)
            reference = base[base["design"] == name]
            if shock not in ("none", "forecast") and len(reference) == len(rows):
                ax.plot(x, reference[column].to_numpy(), color=colours[name], linestyle=":")
    goal = scenario.targets.service_level
    top.axhline(goal, color=INK, linestyle="--", linewidth=1.0, label=f"target {goal:.0%}")
    top.set_ylim(-0.02, 1.02)
    percent_axis(top)
    bottom.set_ylim(bottom=0.0)
    for ax in (top, bottom):
        gridlines(ax)
    top.set_ylabel(f"Answered within {scenario.targets.threshold:g} s\n(% of offered calls)")
    bottom.set_ylabel("Calls lost\n(abandoned per interval)")
    top.legend(loc="lower left", ncols=len(names) + 1)
    words = res.table.loc[res.table["shock"] == shock, "description"].iloc[0]
    top.set_title(
        f"Simulated with the rostered staff fixed, mean of {res.replications} replications and "
        "95 % band; dotted: the day as planned"
    )
    labels = list(shown[shown["design"] == names[0]]["time"])
    time_axis(bottom, labels, scenario.clock_utc_offset)
    title(fig, scenario.general.name, f"{words} ({res.day})")
    return fig
