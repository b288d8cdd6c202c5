"""Weekly tours: who works which days, which shift each day, on which contract.

A roster of shifts says "12 agents start at 08:00 on Monday"; a planner must also say *who*: a
full-time agent works five 8-hour days and has two days off, a part-time agent six 4-hour
mornings, and nobody starts at 07:00 on Monday and at 15:00 on Tuesday. A tour is one person's
week: working days, days off and one shift (with its break) per working day. Tour scheduling
covers the requirement of every interval with whole tours (Dantzig 1954; Bechtold & Jacobs 1990).

Formulation: two stages (Jarrah, Bard & deSilva 1994)
-----------------------------------------------------
1. **Shifts.** :func:`sim.roster.build_roster` covers the week's requirement with whole shifts of
   every contract's lengths, breaks placed in their windows (Aykin 1996), at least paid hours.
   This is the covering MILP with its LP bound, heuristics, deterministic work limits and cache.
2. **Days off.** The shifts are grouped by contract, length and start band (the start's minute of
   the day divided by ``start_band_minutes``, so the starts of one person's days differ by less
   than the band). For each group, the number of its shifts on each day of the week is covered
   by whole people on days-off patterns: every set of ``hours_per_week / length`` working days
   (the off days one block when ``consecutive_days_off``). This is a small integer programme
   (7 rows and at most 35 columns per group) that HiGHS solves exactly. A person working a day
   with fewer shifts of the group than people takes a copy of the group's most common shift of
   that day: paid and on the phones, never short. Then shifts are handed out to people day by day.
3. **Shares and cost.** For every contract but the first uncapped one, stage 1's shifts of that
   contract are kept in fixed proportions (all, 3/4, 1/2, 1/4, none: rounded down per length and
   day), stage 1 covers what remains with the other contracts' lengths, and of the candidates
   whose people respect ``max_share`` the cheapest (paid hours x ``cost_factor``) is kept. The
   candidates do not depend on the cap, so a larger cap can only add candidates: a larger allowed
   share never raises the cost, and "none" is always allowed. (Stage 1 alone would favour short
   part-time shifts that the days-off stage then pays for in surplus days.)

Why not the exact tour model? One column per (days-off pattern, shift and break start on each
working day) is astronomically large, and the implicit models (Bechtold & Jacobs, Jarrah et al.)
add linking rows that break the pure covering structure that makes stage 1 fast (its LP dives,
repair, trim and local search need a covering matrix). The decomposition keeps stage 1 as it is
and adds milliseconds; its price is the days-off surplus (people-days with no shift of their
group to take), which the stated gap includes: ``gap = (paid - bound) / paid`` where ``bound`` is
stage 1's proven bound on the week's paid hours without days off, a valid lower bound for
tours. For a big pool the surplus is a few shifts a week; for a small site open five days it
can be a day's work a week.

Conventions: the week has 7 days of ``1440`` minutes from the horizon start; a horizon of fewer
days is repeated (day ``d`` of the week is horizon day ``d mod horizon_days``) and ``staffed`` is
the fewest agents on the phones in any repeat of an interval. A shift belongs to the day it
starts on. Paid hours are per week.
"""

import itertools
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import pandas as pd
from scipy.optimize import Bounds, LinearConstraint, milp

from sim.errors import InputError
from sim.roster import ShiftRules, build_roster

__all__ = ["TOUR_COLUMNS", "Tours", "build_tours"]

TOUR_COLUMNS = ("person", "contract", "day", "start", "end", "break_start", "break_end")
DAY_MINUTES = 24 * 60
WEEK_DAYS = 7
_KEEP = (1.0, 0.75, 0.5, 0.25, 0.0)  # shares of a contract's shifts kept (see the module notes)


@dataclass(frozen=True, eq=False)
class Tours:
    """One pool's people for a week.

    Attributes
    ----------
    days : DataFrame
        One row per person and working day, columns ``TOUR_COLUMNS``: ``person`` (int, from 0),
        ``contract`` (name), ``day`` (0 = the horizon's first day), ``start``, ``end``,
        ``break_start``, ``break_end`` (minutes from the start of the horizon on its clock;
        ``end`` may pass the end of the week, which wraps to its start; no break: both ``<NA>``).
    staffed : ndarray (T,)
        Agents on the phones throughout each interval of the horizon (0 when closed).
    in_building : ndarray (T,)
        Most people inside their shifts (breaks included) at any moment of each interval.
    paid_hours : float
        Paid hours of the week, all tours.
    paid_hours_by_contract, people_by_contract : dict
        Per contract name: paid hours of the week and people rostered (before absence).
    lower_bound_hours : float
        Proven lower bound on a week's paid hours of any roster covering the requirement.
    gap : float
        ``(paid_hours - lower_bound_hours) / paid_hours`` (0 when nothing is paid).
    status : str
        The shift stage's status (``"optimal"`` or ``"work_limit"``, see ``sim.roster``).
    """

    days: pd.DataFrame
    staffed: np.ndarray
    in_building: np.ndarray
    paid_hours: float
    paid_hours_by_contract: dict
    people_by_contract: dict
    lower_bound_hours: float
    gap: float
    status: str

    @property
    def people(self) -> int:
        return int(sum(self.people_by_contract.values()))


class _Shift(NamedTuple):
    start: int  # minutes from the week's start
    hours: float
    break_offset: int  # minutes after the start; -1 without a break


def build_tours(
    required,
    *,
    interval_minutes: int,
    contracts: Sequence,
    rules: ShiftRules,
    open_mask=None,
    start_band_minutes: int | None = None,
    labels: Sequence | None = None,
    time_limit: float = 2.0,
) -> Tours:
    """Cover ``required[t]`` agents on the phones in every interval with weekly tours.

    Parameters
    ----------
    required : array_like of int, shape (T,)
        Agents needed per interval of a horizon of whole days (at most 7), repeating.
    interval_minutes : int
        15, 30 or 60.
    contracts : sequence of sim.scenario.Contract
        Contract types; a shift length belongs to one contract; one has ``max_share`` 1.
    rules : ShiftRules
        Break rules and start grid; its ``lengths_hours`` are replaced by the contracts' lengths.
    open_mask : array_like of bool, shape (T,), optional
        Where the pool is open (default always).
    start_band_minutes : int or None
        The starts of one person's working days lie in one band of this many minutes of the
        day (``None`` or 0: any start).
    labels : sequence of T labels, optional
        Interval names for error messages.
    time_limit : float
        Nominal budget of the shift stage, seconds (see ``sim.roster.build_roster``).

    Raises
    ------
    InputError
        From the shift stage, naming the interval that no shift can cover.
    """
    req = np.asarray(required, dtype=float)
    T = req.size
    day_slots = DAY_MINUTES // interval_minutes
    if T % day_slots:
        raise InputError(f"required: must cover whole days of {day_slots} intervals, got {T}")
    reps = math.ceil(WEEK_DAYS * day_slots / T)
    week = WEEK_DAYS * day_slots
    req_week = np.tile(req, reps)[:week]
    is_open = np.ones(T, dtype=bool) if open_mask is None else np.asarray(open_mask, dtype=bool)
    open_week = np.tile(is_open, reps)[:week]
    names = None if labels is None else [str(labels[t % T]) for t in range(week)]
    owner = {h: c for c in contracts for h in c.shift_lengths}

    def shifts_for(need, lengths) -> tuple[list[_Shift], float, str]:
        if not need.any():
            return [], 0.0, "optimal"
        roster = build_roster(
            need.astype(int),
            interval_minutes=interval_minutes,
            rules=ShiftRules(**{**rules.__dict__, "lengths_hours": tuple(sorted(lengths))}),
            open_mask=open_week,
            cyclic=True,
            labels=names,
            time_limit=time_limit,
        )
        offsets = roster.shifts.break_offset_minutes.fillna(-1).to_numpy(int)
        out = [
            _Shift(int(s) * interval_minutes, float(h), int(b))
            for s, h, b, n in zip(
                roster.shifts.start_interval,
                roster.shifts.length_hours,
                offsets,
                roster.shifts.agents,
                strict=True,
            )
            for _ in range(int(n))
        ]
        return out, roster.lower_bound_hours, roster.status

    shifts, bound, status = shifts_for(req_week, owner)
    base = next(c for c in contracts if c.max_share >= 1.0)
    for contract in contracts:
        if contract is base:
            continue
        candidates = []
        for keep in _KEEP:
            kept = _keep_share(shifts, owner, contract.name, keep)
            others = [h for h, c in owner.items() if c is not contract]
            need = req_week - _coverage(kept, rules, interval_minutes, week)[0]
            rest, _, rest_status = (
                shifts_for(np.clip(need, 0, None), others)
                if keep < 1
                else ([s for s in shifts if owner[s.hours] is not contract], 0.0, status)
            )
            groups = _days_off(kept + rest, owner, start_band_minutes)
            people = _people(groups)
            if people.get(contract.name, 0) <= contract.max_share * sum(people.values()) + 1e-9:
                cost = sum(c.hours_per_week * c.cost_factor * len(p) for c, _, p in groups.values())
                candidates.append((cost, kept + rest, rest_status))
        _, shifts, status = min(candidates, key=lambda c: c[0])
    groups = _days_off(shifts, owner, start_band_minutes)
    days = _hand_out(groups, owner)
    on, present = _coverage(
        [_Shift(s, h, b) for s, h, b in zip(days.start, days.hours, days.offset, strict=True)],
        rules,
        interval_minutes,
        week,
    )
    on = np.where(open_week, on, 0.0)
    staffed = np.full(T, np.inf)
    building = np.zeros(T)
    for r in range(reps):
        part = slice(r * T, min((r + 1) * T, week))
        size = part.stop - part.start
        staffed[:size] = np.minimum(staffed[:size], on[part])
        building[:size] = np.maximum(building[:size], present[part])
    paid_by = {c.name: 0.0 for c in contracts}
    people_by = {c.name: 0 for c in contracts}
    for name, group in days.groupby("contract", sort=False):
        paid_by[name] = float(group.hours.sum())
        people_by[name] = int(group.person.nunique())
    paid = float(sum(paid_by.values()))
    return Tours(
        days=_table(days, rules),
        staffed=staffed,
        in_building=building,
        paid_hours=paid,
        paid_hours_by_contract=paid_by,
        people_by_contract=people_by,
        lower_bound_hours=bound,
        gap=max(0.0, (paid - bound) / paid) if paid > 0 else 0.0,
        status=status,
    )


def _group_key(shift: _Shift, owner, band: int | None) -> tuple:
    minute = shift.start % DAY_MINUTES
    return (owner[shift.hours].name, shift.hours, minute // band if band else 0)


def _days_off(shifts: list[_Shift], owner, band) -> dict:
    """People per group on days-off patterns: {group: (contract, shifts per day, patterns)}."""
    per_day: dict[tuple, list[list[_Shift]]] = {}
    for shift in shifts:
        lists = per_day.setdefault(_group_key(shift, owner, band), [[] for _ in range(WEEK_DAYS)])
        lists[shift.start // DAY_MINUTES].append(shift)
    keys = sorted(per_day)
    if not keys:
        return {}
    columns, rows, cols, need = [], [], [], []
    for g, key in enumerate(keys):
        contract = owner[key[1]]
        for pattern in _patterns(contract.days(key[1]), contract.consecutive_days_off):
            for d in pattern:
                rows.append(g * WEEK_DAYS + d)
                cols.append(len(columns))
            columns.append((key, pattern))
        need += [len(day) for day in per_day[key]]
    matrix = np.zeros((len(keys) * WEEK_DAYS, len(columns)))
    matrix[rows, cols] = 1.0
    res = milp(
        np.ones(len(columns)),
        integrality=np.ones(len(columns)),
        bounds=Bounds(0, np.inf),
        constraints=LinearConstraint(matrix, lb=np.array(need, dtype=float), ub=np.inf),
    )
    counts = np.round(res.x).astype(int)
    out: dict = {key: (owner[key[1]], per_day[key], []) for key in keys}
    for (key, pattern), n in zip(columns, counts, strict=True):
        out[key][2].extend([pattern] * int(n))
    return out


def _patterns(days: int, consecutive: bool) -> list[tuple[int, ...]]:
    """Sets of ``days`` working days of the week; with ``consecutive`` the off days are one block
    (wrapping from Sunday to Monday)."""
    if consecutive:
        off = WEEK_DAYS - days
        return sorted(
            {
                tuple(sorted((first + off + k) % WEEK_DAYS for k in range(days)))
                for first in range(WEEK_DAYS)
            }
        )
    return list(itertools.combinations(range(WEEK_DAYS), days))


def _people(groups: dict) -> dict[str, int]:
    people: dict[str, int] = {}
    for contract, _, patterns in groups.values():
        people[contract.name] = people.get(contract.name, 0) + len(patterns)
    return people


def _keep_share(shifts: list[_Shift], owner, name: str, keep: float) -> list[_Shift]:
    """The shifts of contract ``name``, ``keep`` of them per length and day (rounded down)."""
    kept = []
    for hours in sorted(h for h, c in owner.items() if c.name == name):
        for day in range(WEEK_DAYS):
            mine = sorted(
                (s for s in shifts if s.hours == hours and s.start // DAY_MINUTES == day),
                key=lambda s: (s.start, s.break_offset),
            )
            kept += mine[: math.floor(keep * len(mine) + 1e-9)]
    return kept


def _hand_out(groups: dict, owner) -> pd.DataFrame:
    """One row per person and working day: each group's people take its shifts day by day, in
    order of start; a person left without one takes a copy of the group's most common shift
    that day (or of the week)."""
    rows = []
    person = 0
    for key in sorted(groups):
        contract, per_day, patterns = groups[key]
        every = [s for day in per_day for s in day]
        for d in range(WEEK_DAYS):
            day = sorted(per_day[d], key=lambda s: (s.start, s.break_offset))
            workers = [p for p, pattern in enumerate(patterns) if d in pattern]
            if len(workers) > len(day):
                counts = Counter(
                    (s.start % DAY_MINUTES, s.hours, s.break_offset) for s in (day or every)
                )
                minute, hours, offset = max(counts, key=lambda s: (counts[s], -s[0], -s[2]))
                common = _Shift(d * DAY_MINUTES + minute, hours, offset)
            for rank, p in enumerate(workers):
                shift = day[rank] if rank < len(day) else common
                rows.append(
                    (person + p, contract.name, d, shift.start, shift.hours, shift.break_offset)
                )
        person += len(patterns)
    frame = pd.DataFrame(rows, columns=["person", "contract", "day", "start", "hours", "offset"])
    return frame.sort_values(["person", "day"], kind="stable").reset_index(drop=True)


def _coverage(shifts, rules: ShiftRules, minutes: int, week: int):
    """On the phones (fewest) and inside their shifts (most) per interval of the week."""
    fine = math.gcd(minutes, rules.break_minutes) if rules.break_minutes else minutes
    sub = minutes // fine
    slots = week * sub
    span = np.zeros(slots + 1)
    brk = np.zeros(slots + 1)
    for s in shifts:
        first = s.start // fine
        _add(span, first, round(s.hours * 60) // fine, slots)
        if s.break_offset >= 0:
            _add(brk, first + s.break_offset // fine, rules.break_minutes // fine, slots)
    present = np.cumsum(span)[:slots]
    on = present - np.cumsum(brk)[:slots]
    return on.reshape(week, sub).min(axis=1), present.reshape(week, sub).max(axis=1)


def _add(diff: np.ndarray, first: int, length: int, slots: int) -> None:
    """Add one to ``length`` slots from ``first`` in a cyclic difference array."""
    first %= slots
    end = first + length
    diff[first] += 1
    if end <= slots:
        diff[end] -= 1
    else:
        diff[slots] -= 1
        diff[0] += 1
        diff[end - slots] -= 1


def _table(days: pd.DataFrame, rules: ShiftRules) -> pd.DataFrame:
    has = days.offset >= 0
    start = days.start.astype(np.int64)
    brk = pd.array(np.where(has, start + days.offset, 0), dtype="Int64")
    brk[~has.to_numpy()] = pd.NA
    return pd.DataFrame(
        {
            "person": days.person.astype(np.int64),
            "contract": days.contract,
            "day": days.day.astype(np.int64),
            "start": start,
            "end": start + (days.hours * 60).round().astype(np.int64),
            "break_start": brk,
            "break_end": brk + rules.break_minutes,
        }
    )
