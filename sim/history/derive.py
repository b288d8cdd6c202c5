"""A scenario from history: the planner's own volumes, shapes, handle times and patience.

Each site of the history becomes a ``[[sites]]`` table and each business line a ``[[lines]]``
table. The week the plan is built on (``sim.history.aggregate.week_of``: the average week, a
chosen week or a percentile week) gives, per site and line, the weekly volume (its calls exactly)
and the ``week_profile`` (its calls in every interval of the week, the intraday and weekday shapes
in one), and per site the opening hours (from the first to the last interval with calls, day by
day) and the UTC offset. Per line, the handle time is the answered-call-weighted mean of that week
and the patience the estimate from the whole history (total wait over abandoned calls,
``sim.history.patience``) when the history has waiting times and abandonments. A growth factor
applies on top as every site's ``volume_scale``. Costs, workforce rules, hubs and designs come from
a base scenario when one is given (matched by site name), else from the defaults.
"""

import numpy as np

from sim import hours
from sim.errors import InputError
from sim.history.aggregate import to_interval, week_of
from sim.history.patience import patience_estimate
from sim.history.read import History, read_source
from sim.scenario import HistorySource, Scenario, parse_scenario

__all__ = ["import_history", "scenario_from_history"]

_DEMAND_KEYS = ("volume", "hours", "week_profile", "utc_offset", "volume_scale")


def _clock(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def _opening_hours(calls: np.ndarray, minutes: int) -> dict[str, str]:
    """Day -> "HH:MM-HH:MM" from the first to the last interval with calls; days without calls
    are left out (closed)."""
    per_day = hours.intervals_per_day(minutes)
    table = {}
    for day, row in enumerate(calls.reshape(7, per_day)):
        busy = np.flatnonzero(row > 0)
        if busy.size:
            table[hours.WEEKDAYS[day]] = (
                f"{_clock(int(busy[0]) * minutes)}-{_clock((int(busy[-1]) + 1) * minutes)}"
            )
    return table


def _lines(history: History, week, base: dict, notes: list[str]) -> list[dict]:
    """One ``[[lines]]`` table per line: the week's handle time, the history's patience."""
    t = history.table
    week = week.assign(handled=week["aht"].fillna(0.0) * week["answered"])
    handled = week.groupby("line", observed=True, sort=False)[["handled", "answered"]].sum()
    totals = t.groupby("line", observed=True, sort=False)[["wait_seconds", "abandoned"]].sum(
        min_count=1
    )
    known = {line["name"]: line for line in base.get("lines", [])}
    out = []
    for name, row in handled.iterrows():
        if row["answered"] <= 0:
            raise InputError(f"{history.source}: line {name!r} has no answered calls in the week")
        line = {**known.get(name, {}), "name": name, "aht": row["handled"] / row["answered"]}
        estimate, low, high = patience_estimate(*totals.loc[name])
        if np.isfinite(estimate):
            line["patience"] = estimate
            notes.append(
                f"line {name!r}: patience {estimate:.0f} s (95 % interval {low:.0f}-{high:.0f} s) "
                f"from {totals.loc[name, 'abandoned']:,.0f} abandoned calls"
            )
        else:
            notes.append(
                f"line {name!r}: no waiting times or no abandoned calls in the history, patience "
                f"kept at {line.get('patience', 120.0):g} s"
            )
        out.append(line)
    return out


def _sites(history: History, week, base: dict, growth: float) -> list[dict]:
    """One ``[[sites]]`` table per site: volumes, week profiles, hours and offset."""
    minutes = history.interval_minutes
    size = 7 * hours.intervals_per_day(minutes)
    known = {site["name"]: site for site in base.get("sites", [])}
    volumes = week.groupby(["site", "line"], observed=True, sort=False)["offered"].sum()
    out = []
    for name, rows in week.groupby("site", observed=True, sort=False):
        site = {k: v for k, v in known.get(name, {}).items() if k not in _DEMAND_KEYS}
        profiles, total = {}, np.zeros(size)
        for line, part in rows.groupby("line", observed=True, sort=False):
            calls = np.zeros(size)
            calls[part["slot"].to_numpy()] = part["offered"].to_numpy()
            profiles[line] = tuple(float(x) for x in calls)
            total += calls
        site.update(
            name=name,
            utc_offset=history.utc_offsets[name],
            hours=_opening_hours(total, minutes) or "closed",
            volume={line: float(volumes[name, line]) for line in profiles},
            volume_scale=1.0 + growth,
            week_profile=profiles,
        )
        out.append(site)
    return out


def scenario_from_history(
    history: History,
    source: HistorySource,
    *,
    growth: float = 0.0,
    threshold: float | None = None,
    base: Scenario | None = None,
) -> tuple[Scenario, list[str]]:
    """The scenario a history gives (see the module docstring).

    Parameters
    ----------
    history : History
        From :func:`sim.history.read_history` (at the interval the scenario plans in).
    source : HistorySource
        The ``[history]`` table written into the scenario: the file (relative to the scenario
        file), the week (``"average"``, ``"YYYY-MM-DD"`` or ``"pNN"``) and how to read it.
    growth : float, default 0
        Volume growth on top of the history (``0.05`` = 5 % more calls), as ``volume_scale``.
    threshold : float, optional
        Answer threshold of the history's ``answered_within_threshold`` column, seconds (the
        scenario's ``targets.threshold``); default the base scenario's or 20.
    base : Scenario, optional
        Costs, workforce, targets, hubs and designs to keep; its sites are matched by name.

    Returns
    -------
    scenario, notes
        The validated scenario and what the derivation decided (patience per line).
    """
    if not -0.9 < growth <= 10.0:
        raise InputError(f"growth: must be > -0.9 and <= 10, got {growth!r}")
    data = base.model_dump(mode="json", exclude_none=True) if base is not None else {}
    week = week_of(history, source.week)
    notes: list[str] = []
    general = data.get("general", {})
    general.setdefault("name", f"From history ({source.file})")
    general.update(interval_minutes=history.interval_minutes, horizon_days=7, first_weekday="mon")
    data["general"] = general
    if threshold is not None:
        data.setdefault("targets", {})["threshold"] = threshold
    data["lines"] = _lines(history, week, data, notes)
    data["sites"] = _sites(history, week, data, growth)
    data["history"] = source.model_dump(mode="json", exclude_none=True)
    return parse_scenario(data), notes


def import_history(
    folder,
    source: HistorySource,
    *,
    interval_minutes: int | None = None,
    growth: float = 0.0,
    threshold: float | None = None,
    base: Scenario | None = None,
) -> tuple[History, Scenario, list[str]]:
    """Read the history ``source`` names (its file relative to ``folder``), optionally on a
    coarser ``interval_minutes``, and build its scenario (:func:`scenario_from_history`).

    Returns the history, the scenario and every note (what the reading repaired, what the
    derivation decided); the ``python -m sim import`` command and the app's history page.
    """
    history = read_source(source, folder)
    if interval_minutes:
        history = to_interval(history, interval_minutes)
    scenario, notes = scenario_from_history(
        history, source, growth=growth, threshold=threshold, base=base
    )
    return history, scenario, [*history.notes, *notes]
