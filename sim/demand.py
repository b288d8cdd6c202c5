"""Demand: offered calls per site, business line and interval over the planning horizon.

A site that receives 12,000 "cards" calls a week, mostly on Mondays and mostly around 10:00, is an
array of calls per interval: the weekly volume is split over the days by the weekday weights (only
days on which the site is open) and over each day's open intervals by the intraday profile. Arrays
are built in each site's local time and then moved onto the scenario clock (the time zone in which
every table is shown) by whole intervals; a weekly horizon wraps around (Sunday night meets Monday
morning), and a shorter horizon is treated as a repeating pattern.

The work each call brings travels with it: the handle time of every site, line and interval (the
site's ``week_aht`` of that interval, else its own ``aht`` of the line, else the line's) is moved
onto the scenario clock exactly like the calls, and each site's patience per line (its own
``patience`` of the line, else the line's) stands beside them.
"""

from dataclasses import dataclass, replace

import numpy as np

from sim import hours
from sim.scenario import Scenario, ScenarioError

__all__ = ["Demand", "build_demand", "clock_shift", "site_handle_times", "site_patience"]


@dataclass(frozen=True)
class Demand:
    """Offered calls of a scenario; all arrays are indexed ``[site, line, interval]``.

    Attributes
    ----------
    calls : ndarray
        Offered calls per interval on the scenario clock.
    local_calls : ndarray
        The same calls on each site's own clock (interval ``t`` is local time ``t`` at every
        site): what the pooled demand would be if every site were in one time zone.
    site_open : ndarray of bool
        ``[site, interval]``: site open on the scenario clock.
    local_open : ndarray of bool
        ``[site, interval]``: site open on its own clock (pairs with ``local_calls``).
    aht : ndarray
        Mean handle time of a call of that site, line and interval, seconds, scenario clock
        (before any AHT change of a design); defined in every interval, calls or not.
    local_aht : ndarray
        The same on each site's own clock (pairs with ``local_calls``).
    patience : ndarray
        ``[site, line]`` mean patience of the site's callers, seconds.
    labels : tuple of str
        ``"Mon 08:30"`` for each interval of the horizon, scenario clock.
    interval_minutes : int
        Length of one interval, minutes.
    """

    calls: np.ndarray
    local_calls: np.ndarray
    site_open: np.ndarray
    local_open: np.ndarray
    aht: np.ndarray
    local_aht: np.ndarray
    patience: np.ndarray
    labels: tuple[str, ...]
    interval_minutes: int

    @property
    def intervals(self) -> int:
        return self.calls.shape[-1]

    def on_local_clocks(self) -> "Demand":
        """The same demand with every site on its own clock (the time-zone counterfactual)."""
        return replace(self, calls=self.local_calls, site_open=self.local_open, aht=self.local_aht)


def horizon_days(scenario: Scenario) -> list[int]:
    """Weekday indices (Monday = 0) of the horizon's days, in order."""
    first = hours.WEEKDAYS.index(scenario.general.first_weekday)
    return [(first + d) % 7 for d in range(scenario.general.horizon_days)]


def time_labels(scenario: Scenario) -> tuple[str, ...]:
    """``"Mon 08:30"`` labels for every interval of the horizon."""
    minutes = scenario.general.interval_minutes
    per_day = hours.intervals_per_day(minutes)
    return tuple(
        f"{hours.WEEKDAYS[day].title()} {(k * minutes) // 60:02d}:{(k * minutes) % 60:02d}"
        for day in horizon_days(scenario)
        for k in range(per_day)
    )


def clock_shift(utc_offset: float, scenario: Scenario, where: str) -> int:
    """Whole intervals to move a local-time array onto the scenario clock.

    Raises ``ScenarioError`` when the offset difference is not a whole number of intervals.
    """
    minutes = scenario.general.interval_minutes
    delta = (scenario.clock_utc_offset - utc_offset) * 60.0
    steps = delta / minutes
    if abs(steps - round(steps)) > 1e-9:
        raise ScenarioError(
            [
                f"{where}.utc_offset: {utc_offset:g} h differs from the scenario clock "
                f"(UTC{scenario.clock_utc_offset:+g}) by {delta:g} minutes, not a whole number of "
                f"{minutes}-minute intervals; use shorter intervals (general.interval_minutes) or "
                f"another general.clock_utc_offset"
            ]
        )
    return round(steps)


def open_mask(hours_spec, scenario: Scenario) -> np.ndarray:
    """Open mask over the horizon's intervals in local time."""
    weekly = hours.weekly_open_mask(hours_spec, scenario.general.interval_minutes)
    return weekly[horizon_days(scenario)].ravel()


def _weekday_weights(site) -> np.ndarray:
    weights = site.weekday_weights
    if isinstance(weights, str):
        weights = hours.WEEKDAY_PROFILES[weights]
    return np.asarray(weights, dtype=float)


def _site_local_pattern(scenario: Scenario, index: int) -> np.ndarray:
    """Share of the site's weekly calls in each interval of the horizon, local time."""
    site = scenario.sites[index]
    minutes = scenario.general.interval_minutes
    weekly_open = hours.weekly_open_mask(site.hours, minutes)
    shape = hours.day_shape(site.profile, minutes)
    day_weights = _weekday_weights(site) * weekly_open.any(axis=1)
    if day_weights.sum() <= 0:
        raise ScenarioError(
            [f"sites[{index}]: receives calls but is closed (or has zero weight) on every day"]
        )
    day_share = day_weights / day_weights.sum()
    pattern = np.zeros(weekly_open.shape)
    for day in range(7):
        weights = shape * weekly_open[day]
        if day_share[day] == 0:
            continue
        if weights.sum() <= 0:
            raise ScenarioError(
                [
                    f"sites[{index}].profile: no call weight inside the opening hours of "
                    f"{hours.WEEKDAYS[day]}"
                ]
            )
        pattern[day] = day_share[day] * weights / weights.sum()
    return pattern[horizon_days(scenario)].ravel()


def _week_profile_pattern(scenario: Scenario, index: int, line: str) -> np.ndarray:
    """Share of the site's weekly calls of ``line`` in each interval of the horizon, local time,
    from its ``week_profile`` (weights over the open intervals of the week)."""
    site = scenario.sites[index]
    weekly_open = hours.weekly_open_mask(site.hours, scenario.general.interval_minutes)
    weights = np.asarray(site.week_profile[line], dtype=float).reshape(weekly_open.shape)
    weights = weights * weekly_open
    if weights.sum() <= 0:
        raise ScenarioError(
            [f"sites[{index}].week_profile.{line}: no call weight inside the opening hours"]
        )
    return (weights / weights.sum())[horizon_days(scenario)].ravel()


def _line_patterns(scenario: Scenario, index: int) -> np.ndarray:
    """``[line, interval]`` share of each line's weekly calls: the line's ``week_profile`` where
    the site has one, else the site's profile and weekday weights."""
    own = scenario.sites[index].week_profile or {}
    shared = None
    rows = []
    for name in scenario.line_names:
        if name in own:
            rows.append(_week_profile_pattern(scenario, index, name))
            continue
        if shared is None:
            shared = _site_local_pattern(scenario, index)
        rows.append(shared)
    return np.stack(rows)


def site_handle_times(scenario: Scenario, index: int) -> np.ndarray:
    """``[line, interval of the week]`` mean handle time of the site's calls, seconds, local time
    from Monday 00:00: its ``week_aht`` where not 0, else its ``aht`` of the line, else the
    line's ``aht``."""
    site = scenario.sites[index]
    own = site.aht or {}
    base = np.array([own.get(line.name, line.aht) for line in scenario.lines])
    size = 7 * hours.intervals_per_day(scenario.general.interval_minutes)
    out = np.repeat(base[:, None], size, axis=1)
    for j, name in enumerate(scenario.line_names):
        week = (site.week_aht or {}).get(name)
        if week is not None:
            week = np.asarray(week, dtype=float)
            out[j] = np.where(week > 0, week, base[j])
    return out


def site_patience(scenario: Scenario, index: int) -> np.ndarray:
    """``[line]`` mean patience of the site's callers, seconds: its own ``patience`` of the line,
    else the line's."""
    own = scenario.sites[index].patience or {}
    return np.array([own.get(line.name, line.patience) for line in scenario.lines], dtype=float)


def build_demand(scenario: Scenario) -> Demand:
    """Offered calls per site, line and interval for the whole horizon.

    Calls per interval = weekly volume x volume_scale x share of the week falling on that day
    (weekday weights over the site's open days) x share of the day in that interval (intraday
    profile over the open intervals); or, for a line with a ``week_profile`` (a scenario built
    from history), weekly volume x volume_scale x that interval's share of the week. Handle
    times (:func:`site_handle_times`) are shifted onto the scenario clock with the calls.
    """
    lines = scenario.line_names
    n_sites = len(scenario.sites)
    per_day = hours.intervals_per_day(scenario.general.interval_minutes)
    t = per_day * scenario.general.horizon_days
    local = np.zeros((n_sites, len(lines), t))
    shifted = np.zeros_like(local)
    local_aht = np.zeros_like(local)
    shifted_aht = np.zeros_like(local)
    patience = np.zeros((n_sites, len(lines)))
    days = horizon_days(scenario)
    site_open = np.zeros((n_sites, t), dtype=bool)
    local_open = np.zeros_like(site_open)
    for i, site in enumerate(scenario.sites):
        volumes = np.array([site.volume.get(name, 0.0) for name in lines]) * site.volume_scale
        if volumes.sum() > 0:
            local[i] = volumes[:, None] * _line_patterns(scenario, i)
        shift = clock_shift(site.utc_offset, scenario, f"sites[{i}]")
        shifted[i] = np.roll(local[i], shift, axis=-1)
        week_aht = site_handle_times(scenario, i).reshape(len(lines), 7, per_day)
        local_aht[i] = week_aht[:, days].reshape(len(lines), t)
        shifted_aht[i] = np.roll(local_aht[i], shift, axis=-1)
        patience[i] = site_patience(scenario, i)
        local_open[i] = open_mask(site.hours, scenario)
        site_open[i] = np.roll(local_open[i], shift)
    return Demand(
        calls=shifted,
        local_calls=local,
        site_open=site_open,
        local_open=local_open,
        aht=shifted_aht,
        local_aht=local_aht,
        patience=patience,
        labels=time_labels(scenario),
        interval_minutes=scenario.general.interval_minutes,
    )
