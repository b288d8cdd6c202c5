"""Weekly tours: who works which days, which shift each day, on which contract.

A roster of shifts says "12 agents start at 08:00 on Monday"; a planner must also say *who*: a
full-time agent works five 8-hour days and has two days off, a part-time agent six 4-hour
mornings, and nobody starts at 07:00 on Monday and at 15:00 on Tuesday. A tour is one person's
week: working days, days off and one shift (with its break) per working day. Tour scheduling
covers the requirement of every interval with whole tours (Dantzig 1954; Bechtold & Jacobs 1990;
Aykin 1996 for the break windows).

Model: one integer programme for the week
-----------------------------------------
Shift columns are every allowed (start, length, break start) of the week, as in
:mod:`sim.roster` (breaks anywhere in their window). A shift belongs to the day it starts on and
to a *group*: its contract (a length belongs to one contract), its length and its start band
(the start's minute of the day divided by ``start_band_minutes``, so the starts of one person's
working days differ by less than the band). Variables:

- ``w[j]``: whole people working shift column ``j``;
- ``y[g, p]``: whole people of group ``g`` on days-off pattern ``p``, a set of
  ``contract.hours_per_week / length`` working days (the off days one block with
  ``consecutive_days_off``; only days on which the group has a shift).

Constraints: coverage ``sum_j A[t, j] w[j] >= required[t]`` in every slot of the break grid;
linking ``sum_{j in (g, d)} w[j] <= sum_{p contains d} y[g, p]`` for every group and day (each
working person has at most one placed shift of the group that day, see below); shares
``sum_{g of k} y <= max_share_k * sum y`` for every capped contract ``k``; and, with a seat
limit, ``sum_j B[t, j] w[j] <= seats[t]`` with ``B`` counting a shift in every slot it spans,
breaks included. The objective is the paid cost of the week: each person's weekly paid hours
(working days x paid shift hours) x the contract's ``cost_factor``. The tours are then read off:
each group's people take its shifts day by day.

Every tour it returns respects its contract, and no cheaper set of tours covers the requirement
by more than the stated gap. It is small (a provincial hub: about 500 shift columns, 40 patterns,
350 rows), but HiGHS's branch and bound spends a tenth of a second to half a second on such a
root node, too slow for a comparison that rosters a dozen pools several times. So:

1. **LP bound.** The relaxation, solved by HiGHS (dual simplex), gives a lower bound on the
   week's cost, rounded up to the grid of possible totals.
2. **Box search** (RENS, Berthold 2014). HiGHS's branch and bound in the box of whole numbers
   next to the LP solution: every variable at the floor or the ceiling of its LP value. Presolve
   removes most of such a box, so it takes about 15 ms and usually lands within 1 % of the bound.
3. **Dive**, when the box holds no tours or they are more than 2 % above the bound: round up the
   people (patterns) whose fractional part is at least 0.75 (or the most fractional one), fix
   them from below, re-solve the LP warm-started, repeat, then the shifts alike. Fixing from below
   keeps the programme feasible (more people can always be added; an uncapped contract restores
   any share).
4. **Branch and bound**, when the best tours are still more than 2 % above the bound (small
   sites, where one tour is a large share of the week) and the programme has at most
   ``_EXACT_NONZEROS`` nonzeros (a site open 13 hours a day at 30-minute intervals has about
   7,500): HiGHS searches the whole programme from them, to 1 %. A seat limit the box and the
   dive cannot meet also goes there.

Every search runs on one thread with a fixed seed and a node limit, so the same input gives the
same tours on any machine and under any load.

Shifts are free in the objective, which prices the people (``y``) only, and the linking rows say
"at most": a working person whose day the solver leaves without a shift takes a copy of the
group's most used shift of that day afterwards (paid, and on the phones). With a seat limit the
rows are equalities, so that everyone in the building is counted. This is the same programme (a
person's week is paid whatever they do) but its relaxation rounds far better; HiGHS solves it an
order of magnitude faster than the version with equalities.

The gap reported is the honest one, ``(cost - bound) / cost`` with the LP bound (or HiGHS's
proven bound when it searched). For a hub it is a fraction of a percent; for a small site open
five or six days, where a person is a large share of the week, a few percent.

Conventions: the week has 7 days of 1,440 minutes from the horizon start; a horizon of fewer
days is repeated (day ``d`` of the week is horizon day ``d mod horizon_days``) and ``staffed`` is
the fewest agents on the phones in any repeat of an interval. The week wraps: a Sunday night
shift runs into Monday morning. Paid hours are per week.
"""

import itertools
import math
import os
import sys
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, partial

import highspy
import numpy as np
import pandas as pd
from scipy import sparse

from sim.errors import InputError
from sim.roster import ShiftRules, round_up_to_grid, shift_candidates

__all__ = ["TOUR_COLUMNS", "Tours", "build_tours", "clear_cache"]

TOUR_COLUMNS = ("person", "contract", "day", "start", "end", "break_start", "break_end")
DAY_MINUTES = 24 * 60
WEEK_DAYS = 7
_GOOD_GAP = 0.01  # status "optimal" within this gap of the bound
_SEARCH_GAP = 0.02  # tours this close to the bound are kept without a further search
_EXACT_NONZEROS = 10_000  # programmes this small get the full branch and bound when needed
_NODES = 200  # branch-and-bound node limit (deterministic)
_INT_TOL = 1e-6
_CACHE_SIZE = 64  # solved pools remembered (a comparison rosters the same pool several times)
_CACHE: OrderedDict = OrderedDict()
_INF = highspy.kHighsInf


def _quiet_banner() -> None:
    """HiGHS prints a banner on the C-level standard output when the process makes its first
    solver, whatever its options; make that one with the descriptor pointed at the null device
    so that ``compare --json`` prints nothing but JSON."""
    sys.stdout.flush()
    saved = os.dup(1)
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, 1)
        highspy.Highs()
    finally:
        os.dup2(saved, 1)
        os.close(saved)
        os.close(null)


_quiet_banner()


@dataclass(frozen=True, eq=False)
class Tours:
    """One pool's people for a week.

    Attributes
    ----------
    days : DataFrame (property)
        One row per person and working day, columns ``TOUR_COLUMNS``: ``person`` (int, from 0),
        ``contract`` (name), ``day`` (0 = the horizon's first day), ``start``, ``end``,
        ``break_start``, ``break_end`` (minutes from the start of the horizon on its clock;
        ``end`` may pass the end of the week, which wraps to its start; no break: both ``<NA>``).
    staffed : ndarray (T,)
        Agents on the phones throughout each interval of the horizon (0 when closed).
    in_building : ndarray (T,)
        Most people inside their shifts (breaks included) at any moment of each interval.
    shifts : int
        Shifts worked in the week (people x their working days).
    paid_hours : float
        Paid hours of the week, all tours.
    paid_hours_by_contract, people_by_contract : dict
        Per contract name: paid hours of the week and people rostered (before absence).
    lower_bound_hours : float
        Proven lower bound on a week's paid hours of any tours covering the requirement (the
        cost bound over the dearest cost factor).
    gap : float
        ``(cost - bound) / cost`` of the week's paid cost (0 when nothing is paid).
    status : str
        ``"optimal"`` (within 1 % of the bound) or ``"work_limit"``.
    """

    hand_out: Callable[[], pd.DataFrame] = field(repr=False)
    staffed: np.ndarray
    in_building: np.ndarray
    shifts: int
    paid_hours: float
    paid_hours_by_contract: dict
    people_by_contract: dict
    lower_bound_hours: float
    gap: float
    status: str

    @cached_property
    def days(self) -> pd.DataFrame:
        """One row per person and working day (see the class notes); built on first use."""
        return self.hand_out()

    @property
    def people(self) -> int:
        return int(sum(self.people_by_contract.values()))


@dataclass(frozen=True)
class _Model:
    """The week's tour programme: columns are shifts then patterns."""

    cost: np.ndarray
    matrix: sparse.csc_array
    lower: np.ndarray
    upper: np.ndarray
    shifts: int  # number of shift columns (the first ones)
    slots: int  # coverage rows (the first rows); seat rows, if any, are the last ones
    seated: bool  # whether the last ``slots`` rows are seat limits
    group: np.ndarray  # group of each shift column
    day: np.ndarray  # day of the week each shift column starts on
    patterns: list  # (group, pattern) per pattern column
    groups: list  # (contract index, length, band) per group
    grid: float  # costs are multiples of this


def build_tours(
    required,
    *,
    interval_minutes: int,
    contracts: Sequence,
    rules: ShiftRules,
    open_mask=None,
    start_band_minutes: int | None = None,
    labels: Sequence | None = None,
    seats=None,
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
    seats : float or array_like (T,), optional
        Most people inside their shifts (breaks included) at any moment of each interval.

    Raises
    ------
    InputError
        Naming the interval that no shift can cover, or the interval where the seats cannot
        hold the people the requirement needs.
    """
    req = np.asarray(required, dtype=float)
    seat_key = None if seats is None else np.broadcast_to(np.asarray(seats, float), req.shape)
    is_open = np.ones(req.size, dtype=bool) if open_mask is None else np.asarray(open_mask, bool)
    key = (
        req.tobytes(),
        is_open.tobytes(),
        None if seat_key is None else seat_key.tobytes(),
        int(interval_minutes),
        tuple(c.model_dump_json() for c in contracts),
        rules,
        start_band_minutes,
        None if labels is None else tuple(str(label) for label in labels),
    )
    if key in _CACHE:
        _CACHE.move_to_end(key)
        return _CACHE[key]
    tours = _build(
        req,
        is_open,
        seat_key,
        int(interval_minutes),
        tuple(contracts),
        rules,
        start_band_minutes,
        labels,
    )
    _CACHE[key] = tours
    if len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return tours


def clear_cache() -> None:
    """Forget the tours solved so far."""
    _CACHE.clear()


def _build(req, is_open, seats, interval_minutes, contracts, rules, start_band_minutes, labels):
    T = req.size
    day_slots = DAY_MINUTES // interval_minutes
    if T == 0 or T % day_slots or WEEK_DAYS * day_slots < T:
        raise InputError(
            f"required: must cover 1 to 7 whole days of {day_slots} intervals, got {T}"
        )
    week = WEEK_DAYS * day_slots
    reps = math.ceil(week / T)
    req_week = np.tile(req, reps)[:week]
    open_week = np.tile(is_open, reps)[:week]
    names = None if labels is None else [str(labels[t % T]) for t in range(week)]
    lengths = tuple(sorted({float(h) for c in contracts for h in c.shift_lengths}))
    week_rules = ShiftRules(**{**rules.__dict__, "lengths_hours": lengths})
    grid = shift_candidates(
        req_week,
        interval_minutes=interval_minutes,
        rules=week_rules,
        open_mask=open_week,
        cyclic=True,
        labels=names,
    )
    seat_week = None if seats is None else np.tile(np.broadcast_to(seats, (T,)), reps)[:week]
    model = _model(req_week, grid, contracts, lengths, start_band_minutes, seat_week)
    x, bound, status = _solve(model, grid.names, grid.sub)
    w = _padded(model, x)
    y = np.round(x[model.shifts :]).astype(int)
    on, present = _coverage(grid, w)
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
    for column, (g, pattern) in enumerate(model.patterns):
        k, hours, _ = model.groups[g]
        paid_by[contracts[k].name] += float(y[column] * len(pattern) * week_rules.paid_hours(hours))
        people_by[contracts[k].name] += int(y[column])
    cost = float(model.cost @ x)
    dearest = max(c.cost_factor for c in contracts)
    return Tours(
        hand_out=partial(_hand_out, model, grid, w, y, contracts),
        staffed=staffed,
        in_building=building,
        shifts=int(w.sum()),
        paid_hours=float(sum(paid_by.values())),
        paid_hours_by_contract=paid_by,
        people_by_contract=people_by,
        lower_bound_hours=bound / dearest,
        gap=max(0.0, (cost - bound) / cost) if cost > 0 else 0.0,
        status=status,
    )


def _padded(model: _Model, x: np.ndarray) -> np.ndarray:
    """Whole shifts per column, one per person and working day: a group's day with more people
    working than shifts chosen (the solver need not place them) gives the surplus people its
    most used shift of that day, paid and on the phones."""
    w = np.round(x[: model.shifts]).astype(int)
    y = np.round(x[model.shifts :]).astype(int)
    cells = len(model.groups) * WEEK_DAYS
    cell = model.group * WEEK_DAYS + model.day
    people = np.zeros(cells, dtype=int)
    for column, (g, pattern) in enumerate(model.patterns):
        for d in pattern:
            people[g * WEEK_DAYS + d] += y[column]
    surplus = people - np.bincount(cell, weights=w, minlength=cells).astype(int)
    for c in np.flatnonzero(surplus > 0):
        mine = np.flatnonzero(cell == c)
        w[mine[int(np.argmax(w[mine]))]] += surplus[c]
    return w


def _model(req, grid, contracts, lengths, band, seats) -> _Model:
    cand = grid.candidates
    owner = {float(h): i for i, c in enumerate(contracts) for h in c.shift_lengths}
    length = np.asarray(lengths)[cand.kind]
    contract = np.array([owner[h] for h in length], dtype=int)
    minute = cand.start * grid.fine
    day = minute // DAY_MINUTES % WEEK_DAYS
    band_of = (minute % DAY_MINUTES) // band if band else np.zeros_like(day)
    keys = sorted(set(zip(contract.tolist(), length.tolist(), band_of.tolist(), strict=True)))
    index = {key: g for g, key in enumerate(keys)}
    group = np.array(
        [index[k] for k in zip(contract.tolist(), length.tolist(), band_of.tolist(), strict=True)],
        dtype=int,
    )
    n = cand.start.size
    patterns = []
    for g, (k, hours, _) in enumerate(keys):
        working = set(day[group == g].tolist())
        days = contracts[k].days(hours)
        if len(working) < days and contracts[k].fewer_days_when_closed:
            patterns.append((g, tuple(sorted(working))))
            continue
        for pattern in _patterns(days, contracts[k].consecutive_days_off):
            if working.issuperset(pattern):
                patterns.append((g, pattern))
    _check_tours_reach(req, grid, {g for g, _ in patterns}, group, keys, contracts)
    m = len(patterns)
    # Linking rows (group, day): shifts minus the people of patterns working that day.
    rows = [group * WEEK_DAYS + day]
    cols = [np.arange(n)]
    vals = [np.ones(n)]
    for column, (g, pattern) in enumerate(patterns):
        rows.append(np.array([g * WEEK_DAYS + d for d in pattern]))
        cols.append(np.full(len(pattern), n + column))
        vals.append(-np.ones(len(pattern)))
    link = sparse.csr_array(
        (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
        shape=(len(keys) * WEEK_DAYS, n + m),
    )
    cover = sparse.hstack([cand.matrix, sparse.csc_array((cand.matrix.shape[0], m))])
    blocks = [cover, link]
    # With a seat limit every person in the building must be a placed shift (equality);
    # otherwise surplus people of a day take a copy of a placed shift afterwards (see _padded).
    free = 0.0 if seats is not None else -_INF
    lower = [np.repeat(req, grid.sub), np.full(link.shape[0], free)]
    upper = [np.full(cover.shape[0], _INF), np.zeros(link.shape[0])]
    in_group = np.array([g for g, _ in patterns], dtype=int)
    for k, c in enumerate(contracts):
        if c.max_share >= 1.0 or not m:
            continue
        mine = np.array([keys[g][0] == k for g in in_group], dtype=float)
        row = np.concatenate([np.zeros(n), mine - c.max_share])
        blocks.append(sparse.csr_array(row[None, :]))
        lower.append(np.array([-_INF]))
        upper.append(np.array([0.0]))
    if seats is not None:
        span = _span_matrix(grid)
        blocks.append(sparse.hstack([span, sparse.csc_array((span.shape[0], m))]))
        lower.append(np.full(span.shape[0], -_INF))
        upper.append(np.repeat(np.asarray(seats, dtype=float), grid.sub))
    week_of = np.array(
        [
            len(pattern) * grid.rules.paid_hours(keys[g][1]) * contracts[keys[g][0]].cost_factor
            for g, pattern in patterns
        ]
    )
    factors = {contracts[k].cost_factor for k, _, _ in keys}
    unit = [round(p * 60) for p in {grid.rules.paid_hours(h) for _, h, _ in keys}]
    return _Model(
        cost=np.concatenate([np.zeros(n), week_of]),
        matrix=sparse.vstack(blocks).tocsc(),
        lower=np.concatenate(lower),
        upper=np.concatenate(upper),
        shifts=n,
        slots=cand.matrix.shape[0],
        seated=seats is not None,
        group=group,
        day=day,
        patterns=patterns,
        groups=keys,
        grid=math.gcd(*unit) / 60.0 if factors == {1.0} else 0.0,
    )


def _check_tours_reach(req, grid, staffed_groups, group, keys, contracts) -> None:
    """Raise naming the first interval with a requirement that no shift of a group with whole
    tours reaches: its shifts start where the pool is open on fewer days a week than their
    contract's working days (a site open four days, a start band only some days reach)."""
    usable = np.isin(group, list(staffed_groups))
    reach = np.asarray(grid.candidates.matrix[:, usable].sum(axis=1)).ravel() > 0
    bad = np.flatnonzero((np.repeat(req, grid.sub) > 0) & ~reach)
    if bad.size == 0:
        return
    slot = int(bad[0])
    reaching = sorted({int(g) for g in group[grid.candidates.matrix[[slot], :].indices]})
    why = ", ".join(
        f"{contracts[keys[g][0]].name} ({contracts[keys[g][0]].days(keys[g][1])} days of "
        f"{keys[g][1]:g} h)"
        for g in reaching
    )
    raise InputError(
        f"workforce.contracts: the agents needed at {grid.names(slot // grid.sub)} cannot be "
        f"covered by whole tours: the shifts that reach them ({why}) start where the pool is "
        "open on fewer days a week than those working days; give a contract with fewer days, "
        "widen workforce.start_band_minutes, or set fewer_days_when_closed = true"
    )


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


def _solve(model: _Model, names, sub: int) -> tuple[np.ndarray, float, str]:
    """Whole tours of least cost: LP bound, box search, dive, then branch and bound if small (see
    the module notes). Returns the solution, the proven bound on the cost and the status."""
    highs = _highs(model, integer=False)
    highs.run()
    if highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        _infeasible(model, names, sub)
    bound = round_up_to_grid(highs.getInfo().objective_function_value, model.grid)
    root = np.array(highs.getSolution().col_value)
    best, best_cost = None, math.inf

    def keep(x) -> None:
        nonlocal best, best_cost
        if x is not None and model.cost @ x < best_cost - 1e-9:
            best, best_cost = x, float(model.cost @ x)

    def close(gap: float) -> bool:
        return best is not None and best_cost - bound <= gap * best_cost

    keep(_box_search(model, root))
    if not close(_SEARCH_GAP):
        keep(_dive(highs, root, 0.75, np.arange(root.size) >= model.shifts))
    if close(_SEARCH_GAP):
        gap = (best_cost - bound) / best_cost if best_cost > 0 else 0.0
        return best, bound, "optimal" if gap <= _GOOD_GAP else "work_limit"
    if best is None or model.matrix.nnz <= _EXACT_NONZEROS:
        exact = _highs(model, integer=True)
        if best is not None:
            exact.setSolution(_solution(best))
        exact.run()
        info = exact.getInfo()
        if info.primal_solution_status == 2:  # kSolutionStatusFeasible
            x = np.round(np.array(exact.getSolution().col_value))
            if best is None or model.cost @ x < best_cost - 1e-9:
                best, best_cost = x, float(model.cost @ x)
            bound = max(bound, round_up_to_grid(info.mip_dual_bound, model.grid))
        if best is None:
            _infeasible(model, names, sub)
    gap = (best_cost - bound) / best_cost if best_cost > 0 else 0.0
    return best, min(bound, best_cost), "optimal" if gap <= _GOOD_GAP else "work_limit"


def _box_search(model: _Model, root: np.ndarray) -> np.ndarray | None:
    """Branch and bound in the box of whole numbers next to the LP solution (every variable at
    the floor or the ceiling of its LP value; Berthold's RENS): small, so HiGHS's presolve
    removes most of it. ``None`` when the box holds no tours."""
    box = _highs(model, integer=True)
    low, high = np.floor(root + _INT_TOL), np.ceil(root - _INT_TOL)
    box.changeColsBounds(root.size, np.arange(root.size, dtype=np.int32), low, high)
    box.run()
    if box.getInfo().primal_solution_status != 2:  # kSolutionStatusFeasible
        return None
    return np.round(np.array(box.getSolution().col_value))


def _highs(model: _Model, *, integer: bool) -> highspy.Highs:
    highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    highs.setOptionValue("random_seed", 0)
    highs.setOptionValue("threads", 1)
    if integer:
        highs.setOptionValue("mip_max_nodes", _NODES)
        highs.setOptionValue("mip_rel_gap", _GOOD_GAP)
    lp = highspy.HighsLp()
    n = model.cost.size
    lp.num_col_ = n
    lp.num_row_ = model.matrix.shape[0]
    lp.col_cost_ = model.cost
    lp.col_lower_ = np.zeros(n)
    lp.col_upper_ = np.full(n, _INF)
    lp.row_lower_ = model.lower
    lp.row_upper_ = model.upper
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = model.matrix.indptr
    lp.a_matrix_.index_ = model.matrix.indices
    lp.a_matrix_.value_ = model.matrix.data
    if integer:
        lp.integrality_ = [highspy.HighsVarType.kInteger] * n
    highs.passModel(lp)
    return highs


def _solution(x: np.ndarray) -> highspy.HighsSolution:
    solution = highspy.HighsSolution()
    solution.col_value = x.tolist()
    solution.value_valid = True
    return solution


def _dive(highs: highspy.Highs, x: np.ndarray, threshold: float, first=None) -> np.ndarray | None:
    """Round up from below until the LP solution is whole (the ``first`` columns before the
    others); ``None`` if the LP turns infeasible (only a seat limit can do that)."""
    lower = np.zeros(x.size)
    while True:
        frac = x - np.floor(x + _INT_TOL)
        fractional = frac > _INT_TOL
        if not fractional.any():
            return np.round(x)
        if first is not None and (fractional & first).any():
            fractional &= first
        pick = fractional & (frac >= threshold)
        if not pick.any():
            pick = np.zeros(x.size, dtype=bool)
            pick[int(np.argmax(np.where(fractional, frac, -1.0)))] = True
        idx = np.flatnonzero(pick)
        lower[idx] = np.ceil(x[idx] - _INT_TOL)
        highs.changeColsBounds(idx.size, idx.astype(np.int32), lower[idx], np.full(idx.size, _INF))
        highs.run()
        if highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            return None
        x = np.array(highs.getSolution().col_value)


def _infeasible(model: _Model, names, sub: int) -> None:
    """Only a seat limit makes the tour programme infeasible (the rest is checked before): say
    so, with the requirement's peak."""
    if not model.seated:
        raise InputError("tours: no whole tours cover the requirement (report this as a bug)")
    need = model.lower[: model.slots : sub]
    seats = model.upper[-model.slots :: sub]
    t = int(np.argmax(need))
    raise InputError(
        f"seats: at most {seats.min():.0f} people inside their shifts at once cannot hold whole "
        f"tours covering the requirement (its peak: {need[t]:.0f} agents on the phones at "
        f"{names(t)}; breaks and shift changes put more people inside than on the phones); add "
        "seats or move work"
    )


def _coverage(grid, w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """On the phones (fewest) and inside their shifts (most) per interval of the week."""
    on = (grid.candidates.matrix @ w).reshape(-1, grid.sub).min(axis=1)
    present = (_span_matrix(grid) @ w).reshape(-1, grid.sub).max(axis=1)
    return on, present


def _span_matrix(grid) -> sparse.csc_array:
    """Slots each candidate spans, breaks included (its coverage plus its break slots)."""
    cand = grid.candidates
    slots = cand.matrix.shape[0]
    brk = grid.rules.break_minutes // grid.fine
    has = np.flatnonzero(cand.break_offset >= 0)
    if has.size == 0 or brk == 0:
        return cand.matrix
    first = cand.start[has] + cand.break_offset[has] // grid.fine
    rows = (first[:, None] + np.arange(brk)) % slots
    extra = sparse.csc_array(
        (np.ones(rows.size), (rows.ravel(), np.repeat(has, brk))), shape=cand.matrix.shape
    )
    return (cand.matrix + extra).tocsc()


def _hand_out(model: _Model, grid, w: np.ndarray, y: np.ndarray, contracts) -> pd.DataFrame:
    """One row per person and working day: each group's people, pattern by pattern, take its
    shifts of each working day in order of start (``w`` holds one shift per person and working
    day, see :func:`_padded`)."""
    cand = grid.candidates
    rows = []
    person = 0
    brk = grid.rules.break_minutes
    for g, (k, hours, _) in enumerate(model.groups):
        people = [
            p for column, (h, p) in enumerate(model.patterns) if h == g for _ in range(y[column])
        ]
        for d in range(WEEK_DAYS):
            mine = np.flatnonzero((model.group == g) & (model.day == d) & (w > 0))
            order = mine[np.lexsort((cand.break_offset[mine], cand.start[mine]))]
            shifts = np.repeat(order, w[order])
            workers = [i for i, pattern in enumerate(people) if d in pattern]
            for i, j in zip(workers, shifts, strict=True):
                start = int(cand.start[j]) * grid.fine
                offset = int(cand.break_offset[j])
                rows.append(
                    (
                        person + i,
                        contracts[k].name,
                        d,
                        start,
                        start + round(hours * 60),
                        start + offset if offset >= 0 else None,
                        start + offset + brk if offset >= 0 else None,
                    )
                )
        person += len(people)
    frame = pd.DataFrame(rows, columns=list(TOUR_COLUMNS))
    for column in ("break_start", "break_end"):
        frame[column] = pd.array(frame[column], dtype="Int64")
    for column in ("person", "day", "start", "end"):
        frame[column] = frame[column].astype(np.int64)
    return frame.sort_values(["person", "day"], kind="stable").reset_index(drop=True)
