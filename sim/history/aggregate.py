"""From interval rows to planning figures: coarser intervals, the week a plan is built on, and a
summary per site and business line.

A planner builds a plan on a typical week: for each site and line, the calls of Monday 08:00,
Monday 08:30, ... averaged over the weeks of the history (the **average week**), or one real
week (a chosen week, or the week at a percentile of the weekly totals for a busy-week plan).
Counts and waiting times add up over intervals and weeks, handle times are averaged over answered
calls, staffed agents over time. All functions take a :class:`~sim.history.read.History` and
return pandas tables.
"""

from dataclasses import replace

import numpy as np
import pandas as pd

from sim.errors import InputError
from sim.history.patience import patience_estimate
from sim.history.read import History

__all__ = ["SUMS", "summarise", "to_interval", "week_of", "week_slot"]

SUMS = ("offered", "answered", "abandoned", "answered_within_threshold", "wait_seconds")
"""Figures that add up over intervals (calls and seconds)."""
_KEYS = ["site", "line"]


def to_interval(history: History, minutes: int) -> History:
    """The history on a coarser grid of ``minutes`` (a multiple of its own interval).

    Calls and waiting seconds are summed, the handle time is the answered-call-weighted mean, the
    staffed agents the mean over the sub-intervals (unknown if any sub-interval is unknown).
    """
    own = history.interval_minutes
    if minutes == own:
        return history
    if minutes < own or minutes % own:
        raise InputError(
            f"interval_minutes: cannot turn {own}-minute history into {minutes}-minute "
            f"intervals; use {own} or a multiple of it"
        )
    k = minutes // own
    t = history.table
    n = len(t) // k
    sums = {name: t[name].to_numpy().reshape(n, k).sum(axis=1) for name in SUMS}
    answered = t["answered"].to_numpy().reshape(n, k)
    handled = np.nan_to_num(t["aht"].to_numpy().reshape(n, k)) * answered
    with np.errstate(invalid="ignore", divide="ignore"):
        aht = np.where(sums["answered"] > 0, handled.sum(axis=1) / sums["answered"], np.nan)
    table = pd.DataFrame(
        {
            **{
                name: t[name].iloc[::k].reset_index(drop=True)
                for name in ("site", "line", "interval_start")
            },
            **{name: sums[name] for name in SUMS[:4]},
            "aht": aht,
            "wait_seconds": sums["wait_seconds"],
            "agents": t["agents"].to_numpy().reshape(n, k).mean(axis=1),
        }
    )
    note = f"{own}-minute intervals added up to {minutes}-minute intervals"
    return replace(history, table=table, interval_minutes=minutes, notes=(*history.notes, note))


def week_slot(starts, minutes: int) -> np.ndarray:
    """Interval of the week (Monday 00:00 = 0) of each local start time."""
    starts = pd.DatetimeIndex(starts)
    return (
        starts.day_of_week.to_numpy() * (24 * 60 // minutes)
        + (starts.hour.to_numpy() * 60 + starts.minute.to_numpy()) // minutes
    )


def _pattern(rows: pd.DataFrame, minutes: int, weeks_of) -> pd.DataFrame:
    rows = rows.assign(
        slot=week_slot(rows["interval_start"], minutes),
        handled=rows["aht"].fillna(0.0) * rows["answered"],
    )
    grouped = rows.groupby([*_KEYS, "slot"], observed=True, sort=True)
    out = grouped[[*SUMS, "handled"]].sum(min_count=1)
    counted = grouped.size()
    out = out.div(weeks_of(counted), axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        out["aht"] = np.where(out["answered"] > 0, out["handled"] / out["answered"], np.nan)
    out["agents"] = grouped["agents"].mean()
    out["weeks"] = counted
    return out.drop(columns="handled").reset_index()


def week_of(history: History, week: str = "average") -> pd.DataFrame:
    """The week a plan is built on, per site, line and interval of the week.

    Parameters
    ----------
    history : History
    week : str, default "average"
        ``"average"``: each interval of the week averaged over its occurrences in the history
        (the expected volume of that interval of the week); ``"YYYY-MM-DD"``: the seven days
        starting that date; ``"pNN"`` (``"p90"``): the whole Monday-to-Sunday week whose total
        offered calls (all sites and lines) is at the NN-th percentile of the weekly totals
        (nearest rank), a busy-week plan.

    Returns
    -------
    DataFrame
        ``site``, ``line``, ``slot`` (interval of the week, Monday 00:00 = 0), the figures of
        :data:`SUMS` per interval (calls, seconds), ``aht`` (s), ``agents`` and ``weeks`` (how
        many weeks the figures are averaged over).
    """
    t = history.table
    minutes = history.interval_minutes
    if week == "average":
        return _pattern(t, minutes, lambda counted: counted)
    starts = t["interval_start"]
    if week.startswith("p") and week[1:].isdigit() and 0 < int(week[1:]) <= 100:
        monday = (starts - pd.to_timedelta(starts.dt.day_of_week, unit="D")).dt.normalize()
        per_week = t.groupby(monday)["offered"].agg(["sum", "size"])
        whole = per_week[per_week["size"] == per_week["size"].max()]
        if whole.empty:
            raise InputError(f"history.week: {week!r} needs whole weeks in the history")
        ranked = whole["sum"].sort_values(kind="stable")
        rank = max(int(np.ceil(int(week[1:]) / 100 * len(ranked))) - 1, 0)
        first = ranked.index[rank]
    else:
        try:
            first = pd.Timestamp(week)
        except ValueError:
            raise InputError(
                f"history.week: must be 'average', a date YYYY-MM-DD or a percentile such as "
                f"'p90', got {week!r}"
            ) from None
    chosen = t[(starts >= first) & (starts < first + pd.Timedelta(days=7))]
    per_day = 24 * 60 // minutes
    expected = 7 * per_day * t.groupby(_KEYS, observed=True).ngroups
    if len(chosen) != expected:
        raise InputError(
            f"history.week: the history does not cover every site and line for the whole week "
            f"starting {first:%Y-%m-%d}"
        )
    return _pattern(chosen, minutes, lambda counted: 1)


def handle_times(frame: pd.DataFrame, keys: list[str]) -> tuple[pd.Series, pd.Series]:
    """Answered calls and their answered-call-weighted handle time (s) per group of ``keys``
    (NaN where a group answered nothing)."""
    frame = frame.assign(handled=frame["aht"].fillna(0.0) * frame["answered"])
    sums = frame.groupby(keys, observed=True, sort=False)[["handled", "answered"]].sum()
    with np.errstate(invalid="ignore", divide="ignore"):
        return sums["answered"], sums["handled"] / sums["answered"]


def patience_by(history: History, keys: list[str]) -> tuple[pd.DataFrame, tuple]:
    """Total waiting time and abandoned calls per group of ``keys`` over the whole history, and
    the patience estimate, low and high (s, ``sim.history.patience``) of each group, in the
    totals' order."""
    totals = history.table.groupby(keys, observed=True, sort=False)[
        ["wait_seconds", "abandoned"]
    ].sum(min_count=1)
    return totals, patience_estimate(totals["wait_seconds"], totals["abandoned"])


def summarise(history: History) -> pd.DataFrame:
    """One row per site and line: the history's totals and what they say.

    Columns: ``site``, ``line``, ``weeks`` (days / 7), ``weekly_offered`` (the average week's
    calls), ``service_level`` (answered within the threshold / offered), ``abandon_rate``,
    ``aht`` (s, answered-weighted), ``patience``, ``patience_low``, ``patience_high`` (s, total
    wait / abandoned with its 95 % interval, ``sim.history.patience``), ``abandoned``,
    ``agent_hours_per_week`` (staffed agent-hours of the average week).
    """
    t = history.table
    hours = history.interval_minutes / 60.0
    grouped = t.groupby(_KEYS, observed=True, sort=False)
    sums = grouped[list(SUMS)].sum(min_count=1)
    weeks = grouped.size() / (7 * 24 * 60 / history.interval_minutes)
    weekly = week_of(history).groupby(_KEYS, observed=True, sort=False)
    _, aht = handle_times(t, _KEYS)
    totals, estimate = patience_by(history, _KEYS)
    patience, low, high = (pd.Series(values, index=totals.index) for values in estimate)
    out = pd.DataFrame(
        {
            "weeks": weeks,
            "weekly_offered": weekly["offered"].sum(),
            "service_level": sums["answered_within_threshold"] / sums["offered"],
            "abandon_rate": sums["abandoned"] / sums["offered"],
            "aht": aht,
            "patience": patience,
            "patience_low": low,
            "patience_high": high,
            "abandoned": sums["abandoned"],
            "agent_hours_per_week": weekly["agents"].sum() * hours,
        }
    )
    return out.reset_index()
