"""Checks across the tables of a scenario: names that must exist, profiles that must fit the
interval, hours that must parse, shifts that must fit the day.

Each function returns a list of problems (one message per problem, naming its key path) rather
than raising, so a scenario with several mistakes reports them all at once.
"""

import difflib
import math
from collections import Counter
from typing import TYPE_CHECKING

from sim import hours as hours_mod

if TYPE_CHECKING:
    from sim.scenario.schema import Scenario

__all__ = ["close_match", "cross_reference_problems"]


def _profile_problems(where: str, profile, interval_minutes: int) -> list[str]:
    per_day = hours_mod.intervals_per_day(interval_minutes)
    if isinstance(profile, str):
        if profile not in hours_mod.PROFILES:
            names = ", ".join(sorted(hours_mod.PROFILES))
            return [f"{where}.profile: unknown profile {profile!r}; built-in: {names}"]
        return []
    if len(profile) not in (24, per_day):
        return [
            f"{where}.profile: needs 24 hourly weights or {per_day} interval weights, "
            f"got {len(profile)}"
        ]
    return []


def _hours_problems(where: str, value, interval_minutes: int) -> list[str]:
    if value is None:
        return []
    items = [(where, value)] if isinstance(value, str) else []
    if isinstance(value, dict):
        allowed = (*hours_mod.WEEKDAYS, "weekdays", "weekend")
        for key, text in value.items():
            if key not in allowed:
                hint = close_match(key, allowed)
                items_msg = f"unknown day {key!r}{hint}; allowed: {', '.join(allowed)}"
                return [f"{where}.{key}: {items_msg}"]
            items.append((f"{where}.{key}", text))
    problems = []
    for path, text in items:
        try:
            hours_mod.parse_range(text, interval_minutes)
        except ValueError as err:
            problems.append(f"{path}: {err}")
    return problems


def _weekday_problems(where: str, weights) -> list[str]:
    if isinstance(weights, str):
        if weights not in hours_mod.WEEKDAY_PROFILES:
            names = ", ".join(sorted(hours_mod.WEEKDAY_PROFILES))
            return [f"{where}.weekday_weights: unknown profile {weights!r}; built-in: {names}"]
        return []
    if len(weights) != 7:
        return [f"{where}.weekday_weights: needs 7 weights (Monday first), got {len(weights)}"]
    return []


def _per_line_problems(where: str, key: str, values, lines, interval_minutes: int) -> list[str]:
    """Problems of a site's table keyed by business line (``aht``, ``patience``, and the weeks of
    ``week_profile`` and ``week_aht``, which need one value per interval of the week)."""
    size = 7 * hours_mod.intervals_per_day(interval_minutes)
    what = {"week_profile": "weights", "week_aht": "handle times"}.get(key)
    problems = []
    for line, value in (values or {}).items():
        if line not in lines:
            problems.append(
                f"{where}.{key}.{line}: unknown business line{close_match(line, lines)}; "
                f"defined lines: {', '.join(lines)}"
            )
        elif what is not None and len(value) != size:
            problems.append(
                f"{where}.{key}.{line}: needs {size} {what} (one per {interval_minutes}-minute "
                f"interval of the week, Monday 00:00 first), got {len(value)}"
            )
    return problems


def _unique_problems(kind: str, names: tuple[str, ...]) -> list[str]:
    seen: set[str] = set()
    problems = []
    for i, name in enumerate(names):
        if name in seen:
            problems.append(f"{kind}[{i}].name: duplicate name {name!r}")
        seen.add(name)
    return problems


def cross_reference_problems(s: "Scenario") -> list[str]:
    minutes = s.general.interval_minutes
    lines = s.line_names
    sites = s.site_names
    hubs = tuple(h.name for h in s.hubs)
    known_sites = set(sites)
    problems = _unique_problems("lines", lines) + _unique_problems("sites", sites)
    problems += _unique_problems("hubs", hubs)
    for i, site in enumerate(s.sites):
        where = f"sites[{i}]"
        for line in site.volume:
            if line not in lines:
                problems.append(
                    f"{where}.volume.{line}: unknown business line{close_match(line, lines)}; "
                    f"defined lines: {_listed(lines)}"
                )
        problems += _profile_problems(where, site.profile, minutes)
        problems += _weekday_problems(where, site.weekday_weights)
        for key in ("week_profile", "week_aht", "aht", "patience"):
            problems += _per_line_problems(where, key, getattr(site, key), lines, minutes)
        problems += _hours_problems(f"{where}.hours", site.hours, minutes)
    for i, hub in enumerate(s.hubs):
        problems += _hours_problems(f"hubs[{i}].hours", hub.hours, minutes)
    if s.design.hub is not None and s.design.hub not in hubs:
        problems.append(_unknown_hub("design.hub", s.design.hub, hubs))
    for i, alt in enumerate(s.design.alternatives):
        where = f"design.alternatives[{i}]"
        if alt.name in ("scattered", "centralised"):
            problems.append(f"{where}.name: {alt.name!r} is reserved for the built-in designs")
        if alt.hub is not None and alt.hub not in hubs:
            problems.append(_unknown_hub(f"{where}.hub", alt.hub, hubs))
        for hub, members in (alt.hubs or {}).items():
            if hub not in hubs:
                problems.append(_unknown_hub(f"{where}.hubs.{hub}", hub, hubs))
            if not members:
                problems.append(f"{where}.hubs.{hub}: lists no site; give it at least one site")
            for site in members:
                if site not in known_sites:
                    problems.append(
                        f"{where}.hubs.{hub}: unknown site {site!r}{close_match(site, sites)}"
                    )
        if alt.kind == "hubs":
            assigned = Counter(site for members in alt.hubs.values() for site in members)
            missing = [site for site in sites if site not in assigned]
            twice = sorted(site for site, count in assigned.items() if count > 1)
            if missing:
                problems.append(f"{where}.hubs: sites not assigned to any hub: {_listed(missing)}")
            if twice:
                problems.append(f"{where}.hubs: sites assigned to several hubs: {_listed(twice)}")
    if not any(volume * site.volume_scale for site in s.sites for volume in site.volume.values()):
        problems.append(
            "sites: no site receives any call (every volume, times volume_scale, is 0); "
            "give at least one site a weekly volume > 0"
        )
    problems += _design_name_problems(s)
    problems += _shift_problems(s)
    problems += _contract_problems(s)
    problems += _plan_problems(s)
    return problems


WEEKS_PER_MONTH = 52.0 / 12.0
"""Weeks in a month of the roadmap (a year of 52 weeks over 12 months)."""


def learning_months(weeks: float) -> int:
    """Whole months a learning curve of ``weeks`` lasts."""
    return math.ceil(weeks / WEEKS_PER_MONTH - 1e-9)


def _plan_problems(s: "Scenario") -> list[str]:
    """The roadmap's waves hand every site over once, to the main hub, inside the horizon, with
    room for the hiring lead before and the double running and learning curve after; phases,
    investments and channel shifts lie inside the horizon and name defined channels."""
    plan = s.plan
    if plan is None:
        return []
    months = plan.months
    sites = s.site_names
    hub = s.main_hub().name
    hubs = tuple(h.name for h in s.hubs)
    problems = _unique_problems("plan.waves", tuple(w.name for w in plan.waves))
    settle = max(plan.double_running_months, learning_months(plan.learning.weeks))
    first, last = plan.hiring_lead_months + 1, months - settle
    seen: dict[str, int] = {}
    for i, wave in enumerate(plan.waves):
        where = f"plan.waves[{i}]"
        if not first <= wave.month <= last:
            problems.append(
                f"{where}.month: {wave.month} is outside the months a wave may start, "
                f"{first}-{last} (after plan.hiring_lead_months = {plan.hiring_lead_months} of "
                f"recruiting, leaving {settle} month(s) of double running and learning inside "
                f"plan.months = {months})"
            )
        if wave.hub is not None and wave.hub != hub:
            problems.append(
                _unknown_hub(f"{where}.hub", wave.hub, hubs)
                if wave.hub not in hubs
                else f"{where}.hub: the roadmap leads to the main centralised design, hub "
                f"{hub!r}; got {wave.hub!r}"
            )
        for j, site in enumerate(wave.sites):
            path = f"{where}.sites[{j}]"
            if site not in sites:
                problems.append(
                    f"{path}: unknown site {site!r}{close_match(site, sites)}; defined sites: "
                    f"{_listed(sites)}"
                )
            elif site in seen:
                problems.append(
                    f"{path}: {site!r} is already handed over in plan.waves[{seen[site]}]; a "
                    "site hands over once"
                )
            else:
                seen[site] = i
    missing = [site for site in sites if site not in seen]
    if missing:
        problems.append(
            f"plan.waves: sites handed over in no wave: {_listed(missing)}; every site moves in "
            "one wave (the roadmap ends in the centralised design)"
        )
    for key, items in (("phases", plan.phases), ("investments", plan.investments)):
        for i, item in enumerate(items):
            month = getattr(item, "end", None) or item.month
            if month > months:
                field = "end" if key == "phases" else "month"
                problems.append(
                    f"plan.{key}[{i}].{field}: {month} is after the last month, plan.months = "
                    f"{months}"
                )
    return problems + _channel_problems(plan)


def _channel_problems(plan) -> list[str]:
    names = tuple(c.name for c in plan.channels)
    problems = _unique_problems("plan.channels", names)
    problems += [
        f"plan.channels[{i}].name: 'phone' is the scenario's own calls; name another channel"
        for i, name in enumerate(names)
        if name == "phone"
    ]
    allowed = ("phone", *names)
    moved: Counter = Counter()
    for i, shift in enumerate(plan.channel_shifts):
        where = f"plan.channel_shifts[{i}]"
        for key in ("from_channel", "to_channel"):
            name = getattr(shift, key)
            if name not in allowed:
                problems.append(
                    f"{where}.{key}: unknown channel {name!r}{close_match(name, allowed)}; "
                    f"allowed: {_listed(allowed)}"
                )
        if shift.from_channel == shift.to_channel:
            problems.append(
                f"{where}.to_channel: must differ from from_channel, got {shift.to_channel!r}"
            )
        if shift.start_month > plan.months:
            problems.append(
                f"{where}.start_month: {shift.start_month} is after the last month, plan.months "
                f"= {plan.months}"
            )
        years = math.ceil((plan.months - shift.start_month + 1) / 12)
        moved[shift.from_channel] += shift.share_per_year * max(0, years)
    for name, share in moved.items():
        if share > 1.0 + 1e-9:
            problems.append(
                f"plan.channel_shifts: moves {share:.0%} of {name!r}'s contacts of today by "
                f"month {plan.months}; at most 100 %"
            )
    return problems


def _contract_problems(s: "Scenario") -> list[str]:
    """Every contract's lengths make whole tours on the grid; a length belongs to one contract;
    one contract is uncapped."""
    w = s.workforce
    minutes = s.general.interval_minutes
    if not w.contracts:
        return []
    problems = _unique_problems("workforce.contracts", tuple(c.name for c in w.contracts))
    owner: dict[float, str] = {}
    for i, contract in enumerate(w.contracts):
        where = f"workforce.contracts[{i}]"
        for j, length in enumerate(contract.shift_lengths):
            path = f"{where}.shift_lengths[{j}]"
            days = contract.hours_per_week / length
            if not 1.0 <= length <= 14.0:
                problems.append(f"{path}: must be between 1 and 14 hours, got {length:g}")
            elif abs(length * 60 / minutes - round(length * 60 / minutes)) > 1e-9:
                problems.append(
                    f"{path}: {length:g} h is not a whole number of {minutes}-minute intervals"
                )
            elif abs(days - round(days)) > 1e-9 or round(days) > contract.days_per_week:
                problems.append(
                    f"{path}: hours_per_week {contract.hours_per_week:g} h / {length:g} h = "
                    f"{days:g} days is not a whole number of days of at most days_per_week = "
                    f"{contract.days_per_week}"
                )
            elif length in contract.shift_lengths[:j]:
                problems.append(f"{path}: {length:g} h is listed twice in this contract")
            elif length in owner:
                problems.append(
                    f"{path}: {length:g} h already belongs to contract {owner[length]!r}; a shift "
                    f"length belongs to one contract"
                )
            owner.setdefault(length, contract.name)
    if all(contract.max_share < 1.0 for contract in w.contracts):
        problems.append(
            "workforce.contracts: one contract must have max_share = 1 (uncapped), got "
            f"{[c.max_share for c in w.contracts]}"
        )
    return problems


def _shift_problems(s: "Scenario") -> list[str]:
    minutes = s.general.interval_minutes
    lengths = s.workforce.shift_lengths or ()
    problems = [
        f"workforce.shift_lengths[{i}]: {length:g} h is not a whole number of {minutes}-minute "
        f"intervals (general.interval_minutes)"
        for i, length in enumerate(lengths)
        if abs(length * 60 / minutes - round(length * 60 / minutes)) > 1e-9
    ]
    problems += [
        f"workforce.shift_lengths[{i}]: {length:g} h is listed twice"
        for i, length in enumerate(lengths)
        if length in lengths[:i]
    ]
    w = s.workforce
    if w.contracts and w.shift_lengths is not None:
        problems.append(
            "workforce.shift_lengths: with [[workforce.contracts]] every contract lists its own "
            "shift_lengths; remove workforce.shift_lengths"
        )
    problems += _break_problems(s)
    every = {float(h) for c in w.contract_types() for h in c.shift_lengths}
    broken = sorted(h for h in every if h > w.break_after_hours and w.break_minutes >= h * 60)
    if w.break_minutes and broken:
        problems.append(
            f"workforce.break_minutes: {w.break_minutes} min must be shorter than every shift "
            f"longer than break_after_hours = {w.break_after_hours:g} h, got a {broken[0]:g} h "
            "shift"
        )
    return problems


def _break_problems(s: "Scenario") -> list[str]:
    """The break rules place a break in every long shift on the interval grid (the roster's own
    checks, reported with the scenario's keys)."""
    from sim.errors import InputError
    from sim.pipeline import shift_rules
    from sim.roster import check_rules

    if any(not 1.0 <= h <= 14.0 for h in s.workforce.lengths):
        return []  # reported by the shift-length checks
    try:
        check_rules(shift_rules(s), s.general.interval_minutes)
    except InputError as error:
        return [
            str(error)
            .replace("rules.lengths_hours", "shift_lengths")
            .replace("rules.", "workforce.")
        ]
    return []


def _design_name_problems(s: "Scenario") -> list[str]:
    names = [alt.name for alt in s.design.alternatives]
    return [
        f"design.alternatives[{i}].name: duplicate design name {name!r}"
        for i, name in enumerate(names)
        if name in names[:i]
    ]


def _unknown_hub(path: str, name: str, hubs: tuple[str, ...]) -> str:
    defined = _listed(hubs) if hubs else "none (add a [[hubs]] table)"
    return f"{path}: unknown hub {name!r}{close_match(name, hubs)}; defined hubs: {defined}"


def _listed(names, shown: int = 10) -> str:
    """``names`` joined by commas, the first ``shown`` only and a count of the rest."""
    names = [str(name) for name in names]
    more = f" and {len(names) - shown:,} more" if len(names) > shown else ""
    return ", ".join(names[:shown]) + more


_MATCH_OPTIONS = 500
"""Suggestions are searched among this many names at most (difflib is slow on thousands)."""


def close_match(word: str, options) -> str:
    """`` (did you mean 'x'?)`` for the option closest to ``word``, or nothing."""
    options = [str(o) for o in options][:_MATCH_OPTIONS]
    match = difflib.get_close_matches(str(word)[:100], options, n=1, cutoff=0.6)
    return f" (did you mean {match[0]!r}?)" if match else ""
