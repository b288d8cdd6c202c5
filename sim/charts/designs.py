"""Designs or scenarios side by side: one small panel per headline figure.

The steering committee compares "today", "one provincial centre" and "three regional hubs" (or the
same design under several volume forecasts) on a few numbers at once: headcount, annual cost,
service level. Each panel is one metric with a bar per row of the summary table and the value
written at the bar's end.
"""

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator
from pandas.api.types import is_numeric_dtype

from sim.charts.axes import compact, compact_axis, gridlines, thousands_axis, value_label
from sim.charts.style import design_colours, display_name, new_figure, styled, title
from sim.errors import InputError
from sim.figures import FIGURES

__all__ = ["compare_designs"]


def _panel(metric: str, currency: str) -> tuple[str, object, bool]:
    """Panel title, value formatter and whether it is a share, from the figures catalogue
    (a column the catalogue does not know is drawn plainly)."""
    entry = FIGURES.get(metric)
    if entry is None:
        return metric.replace("_", " ").capitalize(), compact, False
    fmt = compact if entry.is_money else entry.format
    return entry.title(currency or None), fmt, entry.is_share


def _check_metrics(summary: pd.DataFrame, metrics) -> list[str]:
    metrics = list(metrics)
    numeric = [c for c in summary.columns if is_numeric_dtype(summary[c])]
    bad = [m for m in metrics if m not in numeric]
    if not metrics or bad:
        given = ", ".join(map(repr, bad)) or "none"
        raise InputError(f"metrics: unknown or not numeric {given}; allowed: {', '.join(numeric)}")
    if summary.empty:
        raise InputError("summary: no rows to compare")
    return metrics


@styled
def compare_designs(
    summary: pd.DataFrame,
    metrics=("headcount_total", "annual_cost", "service_level"),
    *,
    name: str = "Designs compared",
    currency: str = "",
) -> Figure:
    """Small multiples: one panel per metric, one horizontal bar per row of ``summary``.

    Parameters
    ----------
    summary : DataFrame
        One row per design or scenario (the index names them), e.g. ``Comparison.summary`` or a
        sweep's table.
    metrics : sequence of str, default ("headcount_total", "annual_cost", "service_level")
        Numeric columns of ``summary`` to draw, one panel each (titles and units from the
        figures catalogue, ``sim.figures``).
    name : str, default "Designs compared"
        Scenario or study name for the title.
    currency : str, default ""
        Currency of ``annual_cost`` (shown in its panel title).

    Returns
    -------
    Figure
        ``len(metrics)`` axes sharing the rows; scattered and centralised in their fixed colours.

    Raises
    ------
    ValueError
        When a metric is not a numeric column of ``summary``, or ``summary`` is empty.
    """
    metrics = _check_metrics(summary, metrics)
    rows = [str(r) for r in summary.index]
    colours = design_colours(rows)
    fig, axes = new_figure(
        3.0 * len(metrics) + 1.5,
        max(3.2, 2.0 + 0.5 * len(rows)),
        1,
        len(metrics),
        sharey=True,
        squeeze=False,
    )
    y = range(len(rows))
    for ax, metric in zip(axes[0], metrics, strict=True):
        label, fmt, share = _panel(metric, currency)
        values = summary[metric].astype(float).to_numpy()
        ax.barh(y, values, color=[colours[r] for r in rows], height=0.65)
        for k, value in enumerate(values):
            value_label(ax, fmt(value), (max(value, 0.0), k), side="right", fontsize=9)
        ax.set_title(label)
        ax.set_xlim(min(0.0, values.min()), max(values.max(), 0.0) * 1.3 or 1.0)
        if share:
            ax.set_xlim(0.0, 1.3)
            ax.set_xticks([0.0, 0.5, 1.0], ["0%", "50%", "100%"])
        else:
            ax.xaxis.set_major_locator(MaxNLocator(4))
            (compact_axis if values.max() >= 1e5 else thousands_axis)(ax, "x")
        gridlines(ax, "x")
        ax.tick_params(axis="x", labelsize=8)
    axes[0][0].set_yticks(list(y), [display_name(r) for r in rows])
    axes[0][0].set_ylim(len(rows) - 0.5, -0.5)
    title(fig, name, ", ".join(_panel(m, currency)[0].split(" (")[0].lower() for m in metrics))
    return fig
