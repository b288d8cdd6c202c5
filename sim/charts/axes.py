"""Axis furniture shared by the charts: the time-of-week axis, percent and thousands ticks.

A planner reads an intraday chart by the day and the hour: a week of 30-minute intervals gets one
labelled band per day with faint ticks every six hours; a single day gets the hours.
"""

from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter, PercentFormatter

from sim.charts.style import GRID

__all__ = [
    "compact",
    "compact_axis",
    "gridlines",
    "percent_axis",
    "thousands_axis",
    "time_axis",
    "value_label",
]


def _hour(label: str) -> tuple[str, int, int]:
    day, clock = label.split()
    hour, minute = clock.split(":")
    return day, int(hour), int(minute)


def time_axis(ax: Axes, labels: list[str], utc_offset: float) -> None:
    """Interval index on the x axis labelled by day (several days) or by hour (one day).

    Parameters
    ----------
    ax : Axes
        Axes whose x data are interval indices, interval ``k`` drawn over ``[k, k + 1)``.
    labels : list of str
        ``"Mon 08:30"`` for every interval of the horizon.
    utc_offset : float
        UTC offset of the scenario clock, hours (shown in the axis label).
    """
    parts = [_hour(label) for label in labels]
    starts = [k for k, (_, h, m) in enumerate(parts) if h == 0 and m == 0]
    days = [parts[k][0] for k in starts]
    ax.set_xlim(0, len(labels))
    if len(starts) > 1:
        per_day = len(labels) // len(starts)
        ax.set_xticks([*starts, len(labels)], [""] * (len(starts) + 1))
        ax.set_xticks([k + per_day / 2 for k in starts], days, minor=True)
        ax.tick_params(axis="x", which="major", length=12, color=GRID)
        ax.tick_params(axis="x", which="minor", length=0)
        ax.grid(axis="x", which="major", color=GRID)
        name = "Day"
    else:
        every = [k for k, (_, h, m) in enumerate(parts) if m == 0 and h % 3 == 0]
        ax.set_xticks(every, [labels[k].split()[1] for k in every])
        name = f"Time ({parts[0][0]})"
    ax.set_xlabel(f"{name}, scenario clock (UTC{utc_offset:+g} h)")


def percent_axis(ax: Axes, axis: str = "y") -> None:
    """Tick labels of ``axis`` as percentages of shares in [0, 1]."""
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_formatter(PercentFormatter(1.0, decimals=0))


def thousands_axis(ax: Axes, axis: str = "y") -> None:
    """Tick labels of ``axis`` with thousands separators (``12,500``)."""
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_formatter(FuncFormatter(lambda x, pos: f"{x:,.0f}"))


def compact(value: float) -> str:
    """``96,065,015`` -> ``"96.1 M"``, ``12,500`` -> ``"12.5 k"``, ``950.25`` -> ``"950.2"``."""
    for scale, suffix in ((1e9, " bn"), (1e6, " M"), (1e3, " k")):
        if abs(value) >= scale:
            return f"{value / scale:,.3g}{suffix}"
    return f"{value:,.4g}"


def compact_axis(ax: Axes, axis: str = "y") -> None:
    """Tick labels of ``axis`` in :func:`compact` form."""
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_formatter(FuncFormatter(lambda x, pos: compact(x)))


def gridlines(ax: Axes, axis: str = "y") -> None:
    """Faint grid lines across ``axis`` ("x", "y" or "both"), drawn behind the data (styled on
    the axes itself, so ticks created at drawing time match whatever the global defaults)."""
    ax.grid(True, axis=axis, color=GRID, linewidth=0.6)
    ax.set_axisbelow(True)


_SIDES = {
    "top": ((0, 3), {"ha": "center", "va": "bottom"}),
    "right": ((3, 0), {"ha": "left", "va": "center"}),
}


def value_label(ax: Axes, text: str, xy: tuple[float, float], side: str = "top", **style) -> None:
    """Write ``text`` just above (``side="top"``) or right of (``"right"``) data point ``xy``."""
    offset, align = _SIDES[side]
    ax.annotate(text, xy, xytext=offset, textcoords="offset points", **align, **style)
