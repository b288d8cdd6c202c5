"""A scenario from history: the planner's own volumes, shapes, handle times and patience.

Each site of the history becomes a ``[[sites]]`` table and each business line a ``[[lines]]``
table. The week the plan is built on (``sim.history.aggregate.week_of``: the average week, a
chosen week or a percentile week) gives, per site and line, the weekly volume (its calls exactly)
and the ``week_profile`` (its calls in every interval of the week, the intraday and weekday shapes
in one), and per site the opening hours (from the first to the last interval with calls, day by
day) and the UTC offset. Handle times are answered-call-weighted means of that week: per line over
all sites (the ``[[lines]]`` table's ``aht``), per site and line (the site's ``aht``) and per site,
line and interval (the site's ``week_aht``, 0 where the interval had no answered calls: the site's
``aht`` applies there). Patience is the estimate from the whole history (total wait over abandoned
calls, ``sim.history.patience``): per line over all sites, and per site and line (the site's
``patience``) where that site's history has waiting times and abandonments, else the site's
callers take the line's. Times are rounded to 0.1 s. A growth factor applies on top as every
site's ``volume_scale``. Costs, workforce rules, hubs and designs come from a base scenario when
one is given (matched by site name), else from the defaults.
"""

import numpy as np

from sim import hours
from sim.errors import InputError
from sim.history.aggregate import handle_times, patience_by, to_interval, week_of
from sim.history.read import History, read_source
from sim.scenario import HistorySource, Scenario, parse_scenario

__all__ = ["import_history", "scenario_from_history"]

_DEMAND_KEYS = (
    "volume",
    "hours",
    "week_profile",
    "utc_offset",
    "volume_scale",
    "aht",
    "patience",
    "week_aht",
)
_DECIMALS = 1
"""Handle times and patience are written to 0.1 s."""


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
    answered, aht = handle_times(week, ["line"])
    totals, (estimate, low, high) = patience_by(history, ["line"])
    known = {line["name"]: line for line in base.get("lines", [])}
    out = []
    for name in answered.index:
        if answered[name] <= 0:
            raise InputError(f"{history.source}: line {name!r} has no answered calls in the week")
        line = {**known.get(name, {}), "name": name, "aht": round(aht[name], _DECIMALS)}
        position = totals.index.get_loc(name)
        if np.isfinite(estimate[position]):
            line["patience"] = round(float(estimate[position]), _DECIMALS)
            notes.append(
                f"line {name!r}: patience {estimate[position]:.0f} s (95 % interval "
                f"{low[position]:.0f}-{high[position]:.0f} s) from "
                f"{totals['abandoned'].iloc[position]:,.0f} abandoned calls"
            )
        else:
            notes.append(
                f"line {name!r}: no waiting times or no abandoned calls in the history, patience "
                f"kept at {line.get('patience', 120.0):g} s"
            )
        out.append(line)
    return out


def _site_patience(history: History, notes: list[str]) -> dict[tuple[str, str], float]:
    """Site and line -> the patience of its own history, where it can be estimated; a note for
    every site and line saying which patience its callers get."""
    totals, (estimate, low, high) = patience_by(history, ["site", "line"])
    out = {}
    for k, (site, line) in enumerate(totals.index):
        if np.isfinite(estimate[k]):
            out[site, line] = round(float(estimate[k]), _DECIMALS)
            notes.append(
                f"site {site!r}, line {line!r}: patience {estimate[k]:.0f} s (95 % interval "
                f"{low[k]:.0f}-{high[k]:.0f} s) from {totals['abandoned'].iloc[k]:,.0f} "
                "abandoned calls"
            )
        else:
            notes.append(
                f"site {site!r}, line {line!r}: no waiting times or no abandoned calls in its "
                "history, its callers take the line's patience"
            )
    return out


def _sites(history: History, week, base: dict, growth: float, notes: list[str]) -> list[dict]:
    """One ``[[sites]]`` table per site: volumes, week profiles, handle times, patience, hours and
    offset."""
    minutes = history.interval_minutes
    size = 7 * hours.intervals_per_day(minutes)
    known = {site["name"]: site for site in base.get("sites", [])}
    volumes = week.groupby(["site", "line"], observed=True, sort=False)["offered"].sum()
    _, site_aht = handle_times(week, ["site", "line"])
    patience = _site_patience(history, notes)
    out = []
    for name, rows in week.groupby("site", observed=True, sort=False):
        site = {k: v for k, v in known.get(name, {}).items() if k not in _DEMAND_KEYS}
        profiles, week_aht, aht, total = {}, {}, {}, np.zeros(size)
        for line, part in rows.groupby("line", observed=True, sort=False):
            slots = part["slot"].to_numpy()
            calls = np.zeros(size)
            calls[slots] = part["offered"].to_numpy()
            profiles[line] = tuple(float(x) for x in calls)
            total += calls
            if np.isfinite(site_aht[name, line]):
                aht[line] = round(float(site_aht[name, line]), _DECIMALS)
                per_interval = np.zeros(size)
                per_interval[slots] = np.nan_to_num(part["aht"].to_numpy()).round(_DECIMALS)
                per_interval[per_interval > 0] = np.maximum(per_interval[per_interval > 0], 1.0)
                week_aht[line] = tuple(float(x) for x in per_interval)
        site.update(
            name=name,
            utc_offset=history.utc_offsets[name],
            hours=_opening_hours(total, minutes) or "closed",
            volume={line: float(volumes[name, line]) for line in profiles},
            volume_scale=1.0 + growth,
            week_profile=profiles,
            aht=aht or None,
            week_aht=week_aht or None,
            patience={line: patience[k] for line in profiles if (k := (name, line)) in patience}
            or None,
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
        The validated scenario and what the derivation decided (patience per line, and per site
        and line).
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
    data["sites"] = _sites(history, week, data, growth, notes)
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
