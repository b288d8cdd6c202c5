"""Rosters: whole shifts, with their breaks, that cover the agents needed in every interval.

A contact centre cannot hire 37 agents for 10:00-10:30 and 41 for 10:30-11:00: people work shifts
of a few fixed lengths, start on the hour or the half hour, and leave the phones for a break in the
middle of a long shift. A roster says "so many agents start at 07:30 for 8 hours and go on break
at 10:30, so many at 09:00 for 6 hours, ...". The agents it puts on the phones form a staircase
that must lie on or above the requirement curve in every interval; the area between the two,
plus the breaks, is the price of whole shifts, and the roster efficiency measures it. A small
site pays that price in full (its night needs two agents, but a shift is eight hours); a big
pooled hub fits its staircase closely.

This module turns the requirement of one agent pool (agents per interval, from the staffing step)
into such a roster with a set-covering integer programme (Dantzig 1954) solved by HiGHS through
:func:`scipy.optimize.milp`.

Model: break windows (Aykin 1996)
---------------------------------
A shift longer than ``ShiftRules.break_after_hours`` has one break of ``break_minutes`` that
may start anywhere in a window ``[break_earliest_minutes, break_latest_minutes]`` after the
shift starts (by default from 2 h after log-in to 2 h before log-out less the break: 2 h to 5 h
into an 8 h shift with a 60 min break), and the solver chooses how many agents of each shift
take it at each allowed start. Candidate columns are every allowed (start, length, break start)
triple; ``w[s, l, b] >= 0`` whole agents start at ``s`` for ``l`` hours and go on break ``b``
minutes in. Column ``(s, l, b)`` puts one agent on the phones in each slot it spans except the
slots of its break. The roster minimises paid hours subject to
``sum(A[t, (s, l, b)] w[s, l, b]) >= required[t]`` in every slot ``t`` (see the break grid
below for slots).

This is Aykin's explicit break-window model with the shift variable substituted out
(``x[s, l] = sum_b w[s, l, b]``), i.e. Dantzig's set covering over (shift, break start)
columns. It was chosen over the implicit model of Bechtold & Jacobs (1990), which has far fewer
variables (one per break start, shared by all shifts) because:

- the implicit model is exact only without "extraordinary overlap" of break windows, which
  several shift lengths with windows relative to their start produce (an 8 h shift starting at
  08:00 may break 10:00-13:00, a 10 h shift starting at 07:00 09:00-15:00, a strictly larger
  window); it then needs extra constraints or gives a roster whose breaks cannot be assigned;
- its breaks are not attached to shifts, so writing one row per person with a break time needs
  a second assignment step; here each column *is* a (shift, break start) group;
- the explicit model stays a pure covering programme, so the LP dive, greedy repair, trim,
  local search and RENS below apply unchanged.

The price is more columns (one per break start: 5 to 21 times as many for a 2 h to 5 h window
on a 15 to 60 min grid), paid in LP time at 15 min intervals; see ``benchmarks/README.md``.

Conventions
-----------
- **Intervals**: ``required[t]`` is the number of agents needed on the phones during interval ``t``
  (``interval_minutes`` long, ``t = 0`` at the start of the horizon). Hours are paid hours.
- **Break grid**: breaks start on the interval grid (every ``I`` minutes after the shift start,
  ``I`` the interval length) when the break ``B`` is a whole number of intervals. Otherwise they
  start on the finer grid of ``gcd(I, B)`` minutes (a 30 min break in 60 min intervals: on the
  hour or the half hour; at least 5 min, else ``rules.break_minutes`` is rejected). The model
  then has ``I / gcd(I, B)`` slots per interval, each with the interval's requirement.
- **Staffed = whole agents on the phones throughout the interval**: ``staffed[t]`` is the
  fewest agents on the phones in any slot of interval ``t``, a whole number, and the roster
  keeps it ``>= required[t]``. So an agent whose 30 min break falls in an hourly interval is not
  counted there, but two such agents can take theirs in the two halves of the same hour and the
  hour loses one agent, not two: at every moment of it all but one are on the phones. This is
  what a planner staggering breaks does, and it is interval-invariant: a 30 min break gives the
  same roster at 60 min intervals as at 30 min intervals with the same requirement (each hour's
  figure for both halves). There are no fractional agents.
- **Break window**: bounds the rules give are snapped inwards to the break grid (a break never
  starts outside them); default bounds outwards, so a short shift keeps at least its centred
  break start. A window with no grid point is rejected naming both fields and the interval.
- **Opening hours**: shifts start only in open intervals, on the ``start_step_minutes`` grid
  counted from the start of the horizon, and stay inside the open window they start in (the end of
  a non-cyclic horizon closes a window too). The one exception is an open window shorter than the
  shortest allowed shift: there, shifts of the shortest length may start anywhere in the window
  and run past closing. The overrun is **paid idle time**: it counts in ``paid_hours`` but not in
  ``staffed``, and such a shift never covers intervals after the site reopens.
- **Cyclic horizon** (``cyclic=True``, a 24/7 week that repeats): shifts wrap from the end of the
  horizon to its start, so a Sunday 22:00 shift covers Monday 00:00-06:00.
- **Efficiency**: ``required.sum() / staffed.sum()``, required agent-hours over agent-hours on the
  phones (breaks and paid idle time excluded); it is at most 1 because ``staffed >= required``,
  and 1.0 for an empty roster (nothing required, nothing wasted).
  :attr:`Roster.paid_efficiency` divides by paid hours instead (breaks and overruns included).

Solving
-------
HiGHS's branch and bound alone needs seconds to find a good roster for a week, so it is the last
resort, not the first step:

1. The LP relaxation gives a lower bound on paid hours, rounded up to the grid of possible totals
   (multiples of the greatest common divisor of the paid shift lengths).
2. An LP dive rounds the relaxation to whole shifts (round up the columns whose fractional part
   is >= 0.5, re-solve the LP for what is still uncovered, repeat), and a trim removes every
   shift the coverage does not need. Pools of a hundred agents or more usually stop here: the
   gap is a fraction of a shift over the week.
3. Otherwise a local search swaps one shift, or two, for a cheaper one that keeps the coverage,
   then a more careful dive (threshold 0.75) with the same local search is tried.
4. Then, if the LP solution has at most 150 fractional values, HiGHS searches the box of rosters
   whose every count is the floor or the ceiling of its LP value, root node only (RENS). This
   finds the roster of 24/7 pools with a single long shift, whose break makes plain rounding
   waste several shifts a week (with a fixed break position; with a window it rarely helps).
5. If the best roster is still not within ``mip_rel_gap``, HiGHS solves the full integer
   programme with a node limit, and the better roster is kept. Small pools, where one shift is
   more than ``mip_rel_gap`` of the week's hours, often get here. HiGHS can spend seconds on
   its root node whatever the node limit, unpredictably on a 24/7 ring (cyclic and always
   open), so this step runs only for coverage matrices of at most 5,000 nonzeros, 500 for a
   ring (a day and a half of hourly intervals with one 8 h shift). A small 24/7 pool keeps the
   heuristic roster and states its gap (2-4 % for a pool of about 8 agents at the peak).

**Deterministic work limits.** No stage reads a clock: ``time_limit`` is a nominal budget in
seconds, turned into limits on work that do not depend on how busy the machine is. Per nominal
second: 8 LP solves per dive and 250,000 coverage nonzeros through them, 10 local-search passes
and 50 branch-and-bound nodes. The same
input therefore always gives the same roster; on the 2-core reference machine ``time_limit=2``
keeps typical pools well under 0.3 s and hard ones under about 1.5 s. When a limit stops the
search first, the status is ``"work_limit"`` and the gap says how far from optimal the roster
may be; it always covers the requirement. The gap reported is the honest one,
``(paid_hours - bound) / paid_hours`` with the best proven bound.

**Cache.** Solved pools are remembered (the last 64, keyed on the requirement, opening hours,
shift rules, horizon, interval and limits), since a comparison often rosters the same pool
several times (identical sites, counterfactual designs); :func:`clear_cache` forgets them.

References
----------
G. B. Dantzig (1954), "A comment on Edie's 'Traffic delays at toll booths'", Journal of the
Operations Research Society of America 2(3). T. Aykin (1996), "Optimal shift scheduling with
multiple break windows", Management Science 42(4). S. E. Bechtold, L. W. Jacobs (1990),
"Implicit modeling of flexible break assignments in optimal shift scheduling", Management
Science 36(11). A. T. Ernst, H. Jiang, M. Krishnamoorthy,
D. Sier (2004), "Staff scheduling and rostering: a review of applications, methods and models",
European Journal of Operational Research 153(1).
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache, reduce

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

from sim.errors import InputError

__all__ = ["Roster", "ShiftRules", "build_roster", "clear_cache"]

INTERVAL_MINUTES = (15, 30, 60)
SHIFT_COLUMNS = (
    "start_interval",
    "start_label",
    "length_hours",
    "break_offset_minutes",
    "break_minutes",
    "agents",
)

_TOL = 1e-9  # coverage tolerance, agents
_INT_TOL = 1e-6  # integrality tolerance of LP values, agents
_DENSE_LIMIT = 4_000_000  # largest coverage matrix (entries) the local search copies densely
# Work per nominal second of ``time_limit`` (see build_roster): LP solves per dive, local-search
# passes and HiGHS branch-and-bound nodes.
_DIVE_ROUNDS_PER_SECOND = 8
# ... and at most this many coverage-matrix nonzeros through the LP solves of one dive (after
# its first LP): a 15-min week with break windows has 250,000-800,000 and one LP costs 0.3-1 s.
_DIVE_NONZEROS_PER_SECOND = 250_000
_PASSES_PER_SECOND = 10
_NODES_PER_SECOND = 50
# HiGHS may spend seconds on the root node whatever the node limit: 8.8 s of CPU for a 15-min
# week with three shift lengths (59,000 nonzeros), 3.4 s for 20 nodes of an hourly 24/7 week
# with one 8 h shift (1,176 nonzeros), while a week with opening hours and 1,500 nonzeros takes
# 0.05 s. So the full integer programme runs only for coverage matrices with at most this many
# nonzeros, the second for a 24/7 ring (cyclic and always open).
_MILP_NONZEROS = 5_000
_MILP_RING_NONZEROS = 500
_RENS_FRACTIONAL = 150  # most fractional LP values for the one-node neighbourhood search
_CACHE_SIZE = 64  # solved pools remembered (identical pools are common in a comparison)
_DEFAULT_BREAK_EARLIEST = 120  # minutes after the shift start (ShiftRules.break_earliest_minutes)
_FINEST_BREAK_GRID = 5  # minutes: the finest grid a break is placed on


def _is_real(value) -> bool:
    return isinstance(value, int | float | np.integer | np.floating) and not isinstance(
        value, bool | np.bool_
    )


def _is_whole(value) -> bool:
    return _is_real(value) and math.isfinite(value) and float(value).is_integer()


@dataclass(frozen=True)
class ShiftRules:
    """What shifts the roster may use.

    Parameters
    ----------
    lengths_hours : tuple of float, default (8.0,)
        Allowed shift lengths, hours from log-in to log-out, each > 0 and a whole number of
        intervals; e.g. ``(4, 6, 8, 10)``. No length may repeat.
    break_minutes : int, default 60
        Length of the one break inside a long shift, minutes, >= 0; the agent is off the phones
        during it. ``0`` means no breaks.
    break_after_hours : float, default 6.0
        Shifts strictly longer than this many hours contain the break, >= 0.
    start_step_minutes : int or None, default None
        Shifts start only at multiples of this many minutes from the start of the horizon
        (e.g. 60 for "on the hour"); must be a multiple of the interval length. ``None`` lets
        shifts start in every interval.
    break_paid : bool, default True
        Whether the break is paid. If ``False``, a shift's paid hours are its length minus the
        break.
    break_earliest_minutes : int or None, default None
        Earliest start of the break, minutes after the shift starts, >= 0. ``None``: two hours,
        or the middle of a shift too short for that (``min(120, (L - B) / 2)`` for a shift of
        ``L`` minutes and a break of ``B``).
    break_latest_minutes : int or None, default None
        Latest start of the break, minutes after the shift starts, >= ``break_earliest_minutes``;
        a shift too short for it has its break end at log-out at the latest. ``None``: as long
        before the end of the shift as the earliest start is after its start (``L - B -
        earliest``), so an 8 h shift with a 60 min break may take it from 2 h to 5 h after its
        start, i.e. between 2 h after the start and 2 h before the end (today's centred break,
        3.5 h in, lies in that window).

    The solver chooses, for every shift it uses, how many of its agents take the break at each
    allowed start on the break grid (see the module notes); :meth:`break_window` gives the
    window of one shift length.

    Raises
    ------
    ValueError
        Naming the field, the allowed values and the offending value.
    """

    lengths_hours: tuple[float, ...] = (8.0,)
    break_minutes: int = 60
    break_after_hours: float = 6.0
    start_step_minutes: int | None = None
    break_paid: bool = True
    break_earliest_minutes: int | None = None
    break_latest_minutes: int | None = None

    def __post_init__(self):
        lengths = self.lengths_hours
        if isinstance(lengths, str | bytes) or not np.iterable(lengths) or not len(lengths):
            msg = f"rules.lengths_hours: must be a non-empty tuple of hours > 0, got {lengths!r}"
            raise InputError(msg)
        for value in lengths:
            if not _is_real(value) or not math.isfinite(value) or value <= 0:
                msg = (
                    f"rules.lengths_hours: each length must be a number of hours > 0, got {value!r}"
                )
                raise InputError(msg)
        if len(set(lengths)) != len(lengths):
            msg = f"rules.lengths_hours: lengths must not repeat, got {tuple(lengths)!r}"
            raise InputError(msg)
        object.__setattr__(self, "lengths_hours", tuple(float(v) for v in lengths))
        if not _is_whole(self.break_minutes) or self.break_minutes < 0:
            brk = self.break_minutes
            msg = f"rules.break_minutes: must be a whole number of minutes >= 0, got {brk!r}"
            raise InputError(msg)
        after = self.break_after_hours
        if not _is_real(after) or not math.isfinite(after) or after < 0:
            msg = f"rules.break_after_hours: must be a number of hours >= 0, got {after!r}"
            raise InputError(msg)
        object.__setattr__(self, "break_minutes", int(self.break_minutes))
        object.__setattr__(self, "break_after_hours", float(after))
        step = self.start_step_minutes
        if step is not None and (not _is_whole(step) or step <= 0):
            msg = f"rules.start_step_minutes: must be None or whole minutes > 0, got {step!r}"
            raise InputError(msg)
        if step is not None:
            object.__setattr__(self, "start_step_minutes", int(step))
        if not isinstance(self.break_paid, bool | np.bool_):
            raise InputError(f"rules.break_paid: must be True or False, got {self.break_paid!r}")
        for name in ("break_earliest_minutes", "break_latest_minutes"):
            value = getattr(self, name)
            if value is not None and (not _is_whole(value) or value < 0):
                msg = f"rules.{name}: must be None or a whole number of minutes >= 0, got {value!r}"
                raise InputError(msg)
            if value is not None:
                object.__setattr__(self, name, int(value))
        earliest, latest = self.break_earliest_minutes, self.break_latest_minutes
        if earliest is not None and latest is not None and latest < earliest:
            msg = (
                f"rules.break_latest_minutes: must be >= break_earliest_minutes={earliest}, "
                f"got {latest}"
            )
            raise InputError(msg)
        for hours in self.lengths_hours:
            if self.has_break(hours) and self.break_minutes >= hours * 60.0:
                msg = (
                    f"rules.break_minutes: must be shorter than every shift that contains a break "
                    f"(shifts longer than break_after_hours={after:g} h), got {self.break_minutes} "
                    f"min in a {hours:g} h shift"
                )
                raise InputError(msg)
            if (
                self.has_break(hours)
                and earliest is not None
                and earliest + self.break_minutes > hours * 60.0 + 1e-9
            ):
                msg = (
                    f"rules.break_earliest_minutes: the break must fit in every shift that "
                    f"contains one, got a {self.break_minutes} min break starting {earliest} min "
                    f"into a {hours:g} h shift"
                )
                raise InputError(msg)

    def has_break(self, hours: float) -> bool:
        """Whether a shift of ``hours`` hours contains the break."""
        return self.break_minutes > 0 and hours > self.break_after_hours

    def break_window(self, hours: float) -> tuple[float, float] | None:
        """Earliest and latest break start of a shift of ``hours`` hours, minutes after its start
        (before snapping to the break grid); ``None`` if the shift has no break."""
        if not self.has_break(hours):
            return None
        room = hours * 60.0 - self.break_minutes  # latest start that ends the break by log-out
        earliest, latest = self.break_earliest_minutes, self.break_latest_minutes
        if earliest is None:
            earliest = min(_DEFAULT_BREAK_EARLIEST, room / 2.0)
            if latest is not None:
                earliest = min(earliest, latest)
        if latest is None:
            latest = max(earliest, room - earliest)
        return float(earliest), float(min(latest, room))

    def paid_hours(self, hours: float) -> float:
        """Paid hours of one shift of ``hours`` hours (its length, minus an unpaid break)."""
        if self.has_break(hours) and not self.break_paid:
            return hours - self.break_minutes / 60.0
        return hours


@dataclass(frozen=True, eq=False)
class Roster:
    """Whole shifts covering one pool's requirement, and how well they fit it.

    Attributes
    ----------
    shifts : pandas.DataFrame
        One row per used (start, length, break start): ``start_interval`` (int, index of the
        first interval), ``start_label`` (str, the label of that interval), ``length_hours``
        (float, hours), ``break_offset_minutes`` (nullable ``Int64``: minutes from the shift
        start to its break start; ``<NA>`` for a shift without a break), ``break_minutes``
        (int, the break length; 0 without a break) and ``agents`` (int, agents starting that
        shift and taking that break, > 0). A person's break runs from ``start +
        break_offset_minutes`` to that plus ``break_minutes``. Sorted by start, length, break
        start. Empty (with these columns, ``SHIFT_COLUMNS``) when nothing is required.
    staffed : numpy.ndarray
        Agents on the phones throughout each interval, shape (T,), float of whole numbers (the
        fewest in any slot of the break grid, see the module notes); 0 in closed intervals.
        ``staffed >= required`` everywhere.
    required : numpy.ndarray
        The requirement, agents per interval, shape (T,), float of whole numbers.
    paid_hours : float
        Total paid hours of all shifts over the horizon, hours (breaks per
        ``ShiftRules.break_paid``, paid idle time past closing included).
    efficiency : float
        ``required.sum() / staffed.sum()``: required agent-hours over agent-hours on the phones,
        in (0, 1]; 1.0 when nothing is required.
    status : str
        ``"optimal"``: ``paid_hours`` is proven within ``mip_rel_gap`` of the least possible
        (the HiGHS meaning of optimal); ``"work_limit"``: the deterministic work limits (see
        the module notes) stopped the search first, the roster still covers the requirement
        and ``gap`` says how far from optimal it may be.
    gap : float
        Proven relative gap ``(paid_hours - lower_bound_hours) / paid_hours``, in [0, 1]; 0.0 for
        an empty roster.
    interval_minutes : int
        Interval length, minutes.
    lower_bound_hours : float
        Proven lower bound on the paid hours of any roster covering the requirement, hours.
    """

    shifts: pd.DataFrame
    staffed: np.ndarray
    required: np.ndarray
    paid_hours: float
    efficiency: float
    status: str
    gap: float
    interval_minutes: int
    lower_bound_hours: float

    @property
    def paid_efficiency(self) -> float:
        """Required agent-hours over paid hours, in [0, 1]; 1.0 when nothing is required."""
        if self.paid_hours == 0:
            return 1.0
        return float(self.required.sum() * self.interval_minutes / 60.0 / self.paid_hours)


@dataclass(frozen=True)
class _Candidates:
    """Candidate shifts: coverage matrix and, per column, start, length and break start."""

    matrix: sparse.csc_array  # (slots, columns): one row per slot of the break grid
    start: np.ndarray  # first slot of each column
    kind: np.ndarray  # index of its length in ShiftRules.lengths_hours
    break_offset: np.ndarray  # break start, minutes after the shift start; -1: no break
    reach: np.ndarray  # (slots,) bool: some candidate spans the slot (breaks ignored)


def build_roster(
    required,
    *,
    interval_minutes: int,
    rules: ShiftRules = ShiftRules(),
    open_mask=None,
    cyclic: bool = False,
    time_limit: float = 5.0,
    mip_rel_gap: float = 0.01,
    labels: Sequence | None = None,
) -> Roster:
    """Cover a requirement with whole shifts at least paid hours (set covering, HiGHS).

    Parameters
    ----------
    required : array_like of int, shape (T,)
        Agents needed on the phones per interval, whole numbers >= 0.
    interval_minutes : int
        Interval length, minutes: 15, 30 or 60.
    rules : ShiftRules, optional
        Allowed shift lengths, break and start grid; default one 8 h shift with a 60 min break.
    open_mask : array_like of bool, shape (T,), optional
        ``True`` where the site is open. ``None``: always open. Shifts start only in open
        intervals; see the module notes for shifts that would run past closing.
    cyclic : bool, default False
        The horizon repeats (a 24/7 week): shifts wrap from its end to its start.
    time_limit : float, default 5.0
        Nominal budget, seconds, > 0, converted to deterministic work limits (LP solves,
        local-search passes, branch-and-bound nodes; see the module notes). No clock is
        read: the same input gives the same roster on any machine and under any load, and the
        actual time depends on the machine.
    mip_rel_gap : float, default 0.01
        Relative gap at which the roster counts as optimal, in [0, 1).
    labels : sequence of T labels, optional
        Names of the intervals (e.g. a ``DatetimeIndex``), used in ``shifts.start_label`` and
        error messages. Default ``"day 1 08:30"``, counting the horizon from day 1 at 00:00.

    Returns
    -------
    Roster
        The shifts, the staffing they give and the efficiency, status and gap of the solve.

    Raises
    ------
    ValueError
        For an invalid argument (naming it and the allowed values), or when some interval with
        a requirement cannot be covered by any allowed shift (naming the interval and why:
        closed, no shift start on the grid, or only breaks fall there).

    Examples
    --------
    >>> roster = build_roster([2] * 8, interval_minutes=60, rules=ShiftRules(break_minutes=0))
    >>> roster.shifts.agents.tolist(), roster.paid_hours, roster.efficiency
    ([2], 16.0, 1.0)
    """
    req = _validate_required(required)
    T = req.size
    minutes = _validate_interval(interval_minutes)
    budget = _validate_time_limit(time_limit)
    rel_gap = _validate_gap(mip_rel_gap)
    grid = shift_candidates(
        req,
        interval_minutes=minutes,
        rules=rules,
        open_mask=open_mask,
        cyclic=cyclic,
        labels=labels,
    )
    cand, sub, names, is_open = grid.candidates, grid.sub, grid.names, grid.is_open

    paid_minutes = np.array([round(rules.paid_hours(h) * 60.0) for h in rules.lengths_hours])
    cost = paid_minutes[cand.kind] / 60.0
    y = np.zeros(cand.start.size)
    bound = 0.0
    status = "optimal"
    if req.any():
        key = (req.tobytes(), is_open.tobytes(), bool(cyclic), rules, minutes, budget, rel_gap)
        problem = _Problem(
            key=key,
            matrix=cand.matrix,
            cost=cost,
            req=np.repeat(req, sub),
            grid=reduce(math.gcd, (int(m) for m in np.unique(paid_minutes[cand.kind]))) / 60.0,
            rel_gap=rel_gap,
            limits=_Limits.from_seconds(budget),
            ring=bool(cyclic) and bool(is_open.all()),
        )
        y, bound, status = _solved(problem)

    # On the phones throughout the interval: the fewest over its slots (whole agents).
    staffed = (cand.matrix @ y).reshape(T, sub).min(axis=1)
    paid = float(cost @ y)
    gap = max(0.0, (paid - bound) / paid) if paid > 0 else 0.0
    efficiency = float(req.sum() / staffed.sum()) if paid > 0 else 1.0
    used = np.flatnonzero(y > 0)
    first = cand.start[used] // sub
    has_break = cand.break_offset[used] >= 0
    shifts = pd.DataFrame(
        {
            "start_interval": first.astype(np.int64),
            "start_label": pd.Series([names(int(s)) for s in first], dtype=object),
            "length_hours": np.asarray(rules.lengths_hours)[cand.kind[used]],
            "break_offset_minutes": pd.array(
                np.where(has_break, cand.break_offset[used], 0), dtype="Int64"
            ),
            "break_minutes": np.where(has_break, rules.break_minutes, 0).astype(np.int64),
            "agents": y[used].astype(np.int64),
        }
    )
    shifts.loc[~has_break, "break_offset_minutes"] = pd.NA
    shifts = shifts.sort_values(
        ["start_interval", "length_hours", "break_offset_minutes"], kind="stable"
    )
    return Roster(
        shifts=shifts.reset_index(drop=True),
        staffed=staffed,
        required=req,
        paid_hours=paid,
        efficiency=efficiency,
        status=status,
        gap=gap,
        interval_minutes=minutes,
        lower_bound_hours=bound,
    )


@dataclass(frozen=True)
class ShiftGrid:
    """Every allowed (start, length, break start) shift of a horizon, on the break grid.

    ``candidates.matrix`` has one row per slot of ``fine`` minutes (``sub`` slots per interval)
    and one column per candidate; ``candidates.start`` is its first slot, ``candidates.kind``
    the index of its length in ``rules.lengths_hours`` and ``candidates.break_offset`` its break
    start in minutes after the shift start (-1 without a break). ``names`` maps an interval
    index to its label.
    """

    candidates: _Candidates
    sub: int
    fine: int
    names: object
    is_open: np.ndarray
    rules: ShiftRules


def shift_candidates(
    required, *, interval_minutes, rules, open_mask=None, cyclic=False, labels=None
) -> ShiftGrid:
    """Validate a roster's inputs and list its candidate shifts (see :func:`build_roster`).

    Raises
    ------
    InputError
        For an invalid argument, or naming the first interval with a requirement that no
        allowed shift covers.
    """
    req = _validate_required(required)
    T = req.size
    minutes = _validate_interval(interval_minutes)
    if not isinstance(rules, ShiftRules):
        raise InputError(f"rules: must be a ShiftRules, got {type(rules).__name__}")
    is_open = _validate_open_mask(open_mask, T)
    if not isinstance(cyclic, bool | np.bool_):
        raise InputError(f"cyclic: must be True or False, got {cyclic!r}")
    names = _labels(labels, T, minutes)
    fine = _break_grid(rules, minutes)
    sub = minutes // fine  # slots of the break grid per interval
    kinds = _kinds(rules, minutes, fine)
    slot_open = np.repeat(is_open, sub)
    starts_ok = np.zeros(T * sub, dtype=bool)
    starts_ok[::sub] = is_open & _start_grid(rules, minutes, T)
    cand = _candidates(slot_open, bool(cyclic), kinds, starts_ok, rules, minutes, fine)
    _check_coverable(req, is_open, cand, sub, names, rules, minutes, bool(cyclic))
    return ShiftGrid(cand, sub, fine, names, is_open, rules)


def check_rules(rules: ShiftRules, interval_minutes: int) -> None:
    """Raise ``InputError`` if ``rules`` cannot place its breaks on the grid of
    ``interval_minutes`` (a break grid finer than 5 min, a window with no grid point, a length
    that is not a whole number of intervals)."""
    minutes = _validate_interval(interval_minutes)
    _kinds(rules, minutes, _break_grid(rules, minutes))


# --- validation -------------------------------------------------------------------------------


def _validate_required(required) -> np.ndarray:
    try:
        req = np.array(required, dtype=float)
    except (TypeError, ValueError):
        msg = f"required: must be an array of whole agents per interval, got {required!r}"
        raise InputError(msg) from None
    if req.ndim != 1 or req.size == 0:
        msg = f"required: must be a non-empty 1-D array of agents per interval, got {req.shape}"
        raise InputError(msg)
    bad = ~np.isfinite(req) | (req < 0) | (req != np.floor(req))
    if bad.any():
        t = int(np.flatnonzero(bad)[0])
        raise InputError(f"required[{t}]: must be a whole number of agents >= 0, got {req[t]:g}")
    return req


def _validate_interval(interval_minutes) -> int:
    if not _is_whole(interval_minutes) or int(interval_minutes) not in INTERVAL_MINUTES:
        msg = f"interval_minutes: must be one of 15, 30, 60, got {interval_minutes!r}"
        raise InputError(msg)
    return int(interval_minutes)


def _validate_open_mask(open_mask, T: int) -> np.ndarray:
    if open_mask is None:
        return np.ones(T, dtype=bool)
    mask = np.asarray(open_mask)
    if mask.shape != (T,):
        msg = f"open_mask: must have the shape of required, ({T},), got {mask.shape}"
        raise InputError(msg)
    if mask.dtype != bool and not (
        np.issubdtype(mask.dtype, np.number) and np.isin(mask, (0, 1)).all()
    ):
        raise InputError("open_mask: must be booleans (True where the site is open)")
    return mask.astype(bool)


def _validate_time_limit(time_limit) -> float:
    if not _is_real(time_limit) or not math.isfinite(time_limit) or time_limit <= 0:
        raise InputError(f"time_limit: must be a number of seconds > 0, got {time_limit!r}")
    return float(time_limit)


def _validate_gap(mip_rel_gap) -> float:
    if not _is_real(mip_rel_gap) or not 0 <= mip_rel_gap < 1:
        raise InputError(f"mip_rel_gap: must be a number in [0, 1), got {mip_rel_gap!r}")
    return float(mip_rel_gap)


def _labels(labels, T: int, minutes: int):
    """A function from interval index to its label."""
    if labels is None:

        def default(t: int) -> str:
            day, minute = divmod(t * minutes, 24 * 60)
            return f"day {day + 1} {minute // 60:02d}:{minute % 60:02d}"

        return default
    if isinstance(labels, str | bytes) or len(labels) != T:
        size = len(labels) if not isinstance(labels, str | bytes) else "a string"
        raise InputError(f"labels: must have one label per interval ({T}), got {size}")
    names = [str(label) for label in labels]
    return names.__getitem__


# --- candidate shifts -------------------------------------------------------------------------


def _break_grid(rules: ShiftRules, minutes: int) -> int:
    """Minutes of the grid breaks start on: the interval, or ``gcd(interval, break)`` if finer."""
    brk = rules.break_minutes
    if brk % minutes == 0 or not any(rules.has_break(h) for h in rules.lengths_hours):
        return minutes
    grid = math.gcd(minutes, brk)
    if grid < _FINEST_BREAK_GRID:
        msg = (
            f"rules.break_minutes: a break that is not a whole number of intervals is placed on "
            f"the grid of gcd(break_minutes, interval_minutes), which must be at least "
            f"{_FINEST_BREAK_GRID} min; got gcd({brk}, {minutes}) = {grid} min "
            f"(use a multiple of {_FINEST_BREAK_GRID} min)"
        )
        raise InputError(msg)
    return grid


@dataclass(frozen=True)
class _Kind:
    """One shift length on the break grid: its slots and one coverage pattern per break start."""

    slots: int  # length in break-grid slots
    offsets: np.ndarray  # (P,) break start, minutes after the shift start; -1 for no break
    patterns: np.ndarray  # (P, slots) bool: on the phones in that slot


def _kinds(rules: ShiftRules, minutes: int, fine: int) -> list[_Kind]:
    """Every shift length with its allowed break starts, on the ``fine``-minute break grid.

    A window bound the rules give is snapped inwards to the grid (the break never starts
    outside it); a default bound outwards (the default window always holds a grid point).
    """
    kinds = []
    for hours in rules.lengths_hours:
        span = hours * 60.0
        n = round(span / minutes)
        if abs(span - n * minutes) > 1e-6:
            msg = (
                f"rules.lengths_hours: every length must be a whole number of {minutes} min "
                f"intervals, got {hours:g} h"
            )
            raise InputError(msg)
        slots = n * (minutes // fine)
        window = rules.break_window(hours)
        if window is None:
            kinds.append(_Kind(slots, np.array([-1]), np.ones((1, slots), dtype=bool)))
            continue
        low, high = window
        brk = rules.break_minutes // fine
        if rules.break_earliest_minutes is None:
            first = math.floor(low / fine + 1e-9)
        else:
            first = math.ceil(low / fine - 1e-9)
        if rules.break_latest_minutes is None:
            last = math.ceil(high / fine - 1e-9)
        else:
            last = math.floor(high / fine + 1e-9)
        last = min(last, slots - brk)
        if last < first:
            msg = (
                f"rules.break_earliest_minutes, rules.break_latest_minutes: no break start of a "
                f"{hours:g} h shift in [{low:g}, {high:g}] min after its start lies on the "
                f"{fine} min break grid (interval_minutes={minutes}, "
                f"break_minutes={rules.break_minutes})"
            )
            raise InputError(msg)
        starts = np.arange(first, last + 1)
        steps = np.arange(slots)
        on = (steps < starts[:, None]) | (steps >= starts[:, None] + brk)
        kinds.append(_Kind(slots, starts * fine, on))
    return kinds


def _start_grid(rules: ShiftRules, minutes: int, T: int) -> np.ndarray:
    step = rules.start_step_minutes
    if step is None:
        return np.ones(T, dtype=bool)
    if step % minutes:
        msg = (
            f"rules.start_step_minutes: must be a multiple of interval_minutes={minutes}, "
            f"got {step}"
        )
        raise InputError(msg)
    return (np.arange(T) * minutes) % step == 0


def _windows(is_open: np.ndarray, cyclic: bool) -> list[tuple[int, int]]:
    """Open windows as (first interval, length in intervals); in a cyclic horizon they may wrap."""
    T = is_open.size
    shift = 0
    if cyclic and not is_open.all():
        shift = int(np.flatnonzero(~is_open)[-1]) + 1  # start just after a closed interval
    rolled = np.roll(is_open, -shift).astype(np.int8)
    edges = np.diff(np.concatenate(([0], rolled, [0])))
    firsts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    return [(int((a + shift) % T), int(b - a)) for a, b in zip(firsts, ends, strict=True)]


def _candidates(is_open, cyclic, kinds, starts_ok, rules, minutes, fine) -> _Candidates:
    """Every allowed (start, length, break start) shift and the slots it covers.

    ``is_open`` and ``starts_ok`` are per slot of the break grid (shifts start only on interval
    boundaries, which ``starts_ok`` says); the matrix has one row per slot.
    """
    T = is_open.size
    ring = cyclic and bool(is_open.all())
    shortest = min(kind.slots for kind in kinds)
    if ring and shortest > T:
        msg = (
            f"rules.lengths_hours: with cyclic=True some shift must fit in the horizon of "
            f"{T * fine // minutes} intervals ({T * fine / 60:g} h), got "
            f"{min(rules.lengths_hours):g} h at least"
        )
        raise InputError(msg)
    rows, cols, starts, kind_of, breaks = [], [], [], [], []
    reach = np.zeros(T, dtype=bool)
    n_cols = 0
    for first, size in _windows(is_open, cyclic):
        for index, kind in enumerate(kinds):
            n = kind.slots
            if ring:
                if n > T:
                    continue
                offsets = np.arange(T)
            elif n <= size:
                offsets = np.arange(size - n + 1)
            elif size < shortest and n == shortest:
                offsets = np.arange(size)  # overrun past closing, paid idle
            else:
                continue
            start = (first + offsets) % T
            keep = starts_ok[start]
            offsets, start = offsets[keep], start[keep]
            if start.size == 0:
                continue
            steps = np.arange(n)
            inside = (
                np.ones((start.size, n), dtype=bool) if ring else steps < (size - offsets)[:, None]
            )
            rows_all = (start[:, None] + steps) % T
            reach[rows_all[inside]] = True
            positions = kind.offsets.size
            cover = inside[:, None, :] & kind.patterns[None, :, :]  # (starts, positions, slots)
            col = n_cols + np.arange(start.size * positions).reshape(start.size, positions)
            rows.append(np.broadcast_to(rows_all[:, None, :], cover.shape)[cover])
            cols.append(np.broadcast_to(col[:, :, None], cover.shape)[cover])
            starts.append(np.repeat(start, positions))
            kind_of.append(np.full(start.size * positions, index))
            breaks.append(np.tile(kind.offsets, start.size))
            n_cols += start.size * positions
    if n_cols == 0:
        empty = np.zeros(0, dtype=np.int64)
        return _Candidates(sparse.csc_array((T, 0)), empty, empty, empty, reach)
    row, col = np.concatenate(rows), np.concatenate(cols)
    matrix = sparse.csc_array((np.ones(row.size), (row, col)), shape=(T, n_cols))
    return _Candidates(
        matrix, np.concatenate(starts), np.concatenate(kind_of), np.concatenate(breaks), reach
    )


def _check_coverable(req, is_open, cand: _Candidates, sub, names, rules, minutes, cyclic) -> None:
    """Raise naming the first interval with a requirement that no candidate shift covers.

    ``req`` and ``is_open`` are per interval, ``cand`` per slot of the break grid (``sub`` slots
    per interval); an interval is covered if every one of its slots is.
    """
    covered = np.zeros(cand.matrix.shape[0], dtype=bool)
    covered[cand.matrix.indices] = True
    covered = covered.reshape(req.size, sub).all(axis=1)
    bad = (req > 0) & ~covered
    if not bad.any():
        return
    t = int(np.flatnonzero(bad)[0])
    head = f"required[{t}] ({names(t)}) = {req[t]:g} agents cannot be covered: "
    if not is_open[t]:
        raise InputError(head + f"the site is closed then (open_mask[{t}] is False)")
    first, size = next((a, m) for a, m in _windows(is_open, cyclic) if (t - a) % is_open.size < m)
    where = (
        f"it lies in an open window of {size} intervals ({size * minutes / 60:g} h) starting at "
        f"interval {first} ({names(first)})"
    )
    if cand.reach.reshape(req.size, sub)[t].all():
        why = "every allowed shift that reaches it has its break there, wherever its window allows"
    else:  # without a start grid some shift reaches every open interval
        why = (
            f"no shift of {_hours(rules.lengths_hours)} starting on the "
            f"{rules.start_step_minutes} min grid fits in the window and reaches it"
        )
    raise InputError(head + where + "; " + why)


def _hours(lengths) -> str:
    return "/".join(f"{h:g}" for h in lengths) + " h"


# --- solving ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Limits:
    """Deterministic work limits of one solve, derived from the nominal ``time_limit``."""

    dive_rounds: int  # LP solves per dive
    dive_nonzeros: int  # coverage nonzeros through the LP solves of one dive
    passes: int  # local-search passes
    nodes: int  # HiGHS branch-and-bound nodes

    @classmethod
    def from_seconds(cls, seconds: float) -> "_Limits":
        return cls(
            dive_rounds=math.ceil(_DIVE_ROUNDS_PER_SECOND * seconds),
            dive_nonzeros=math.ceil(_DIVE_NONZEROS_PER_SECOND * seconds),
            passes=math.ceil(_PASSES_PER_SECOND * seconds),
            nodes=math.ceil(_NODES_PER_SECOND * seconds),
        )


@dataclass(frozen=True)
class _Problem:
    """One pool's covering problem; equal (and hashed) by ``key``, the bytes that define it."""

    key: tuple
    matrix: sparse.csc_array = field(compare=False)
    cost: np.ndarray = field(compare=False)
    req: np.ndarray = field(compare=False)
    grid: float = field(compare=False)
    rel_gap: float = field(compare=False)
    limits: _Limits = field(compare=False)
    ring: bool = field(compare=False)  # cyclic and always open: no shift boundary anywhere


def clear_cache() -> None:
    """Forget the remembered rosters (for benchmarks that time cold solves)."""
    _solved.cache_clear()


@lru_cache(maxsize=_CACHE_SIZE)
def _solved(problem: _Problem) -> tuple[np.ndarray, float, str]:
    """:func:`_solve` for ``problem``, remembered for identical pools (read-only result)."""
    y, bound, status = _solve(problem)
    y.flags.writeable = False
    return y, bound, status


def _solve(problem: _Problem) -> tuple[np.ndarray, float, str]:
    """Whole shifts covering the requirement: LP bound, LP dives, local search, then HiGHS.

    Returns the shift counts per candidate column, the proven lower bound on paid hours and the
    status.
    """
    need = problem.req > 0
    rows = sparse.csr_array(problem.matrix)[need]
    useful = np.flatnonzero(np.diff(sparse.csc_array(rows).indptr) > 0)
    A = sparse.csc_array(rows[:, useful])
    c = problem.cost[useful]
    r = problem.req[need]
    grid, rel_gap, limits = problem.grid, problem.rel_gap, problem.limits

    relaxed = _lp(A, c, r)
    bound = round_up_to_grid(float(c @ relaxed), grid)
    accept = bound / (1.0 - rel_gap) + _TOL  # paid hours <= accept <=> gap <= rel_gap
    z = _dive(A, c, r, relaxed, 0.5, accept, limits)
    if c @ z > accept:
        z = _improve(A, c, z, r, limits.passes)
    if c @ z > accept:
        careful = _dive(A, c, r, relaxed, 0.75, accept, limits)
        z = min(z, _improve(A, c, careful, r, limits.passes), key=lambda v: c @ v)
    if c @ z > accept and _fractional(relaxed) <= _RENS_FRACTIONAL:
        z = min(z, _neighbourhood(A, c, r, relaxed), key=lambda v: c @ v)
    if c @ z > accept and A.nnz <= (_MILP_RING_NONZEROS if problem.ring else _MILP_NONZEROS):
        integer, milp_bound = _milp(A, c, r, rel_gap, limits.nodes)
        bound = max(bound, round_up_to_grid(milp_bound, grid))
        if integer is not None:
            z = min(z, _trim(A, c, _repair(A, c, integer, r), r), key=lambda v: c @ v)
    status = "optimal" if _gap(c @ z, bound) <= rel_gap + _TOL else "work_limit"
    y = np.zeros(problem.cost.size)
    y[useful] = z
    return y, bound, status


def _gap(paid: float, bound: float) -> float:
    return max(0.0, (paid - bound) / paid) if paid > 0 else 0.0


def round_up_to_grid(value: float, grid: float) -> float:
    """Least multiple of ``grid`` >= ``value`` (paid totals are multiples of ``grid``); ``value``
    itself when ``grid`` is 0 (no grid, e.g. costs weighted by contract)."""
    if grid <= 0:
        return float(value)
    return math.ceil(value / grid - _INT_TOL) * grid


def _fractional(x: np.ndarray) -> int:
    """How many entries of ``x`` are not whole numbers."""
    return int((np.abs(x - np.round(x)) > _INT_TOL).sum())


def _lp(A, c, r) -> np.ndarray:
    """Optimal solution of the LP relaxation (always feasible: every row has a column)."""
    res = milp(
        c,
        integrality=np.zeros(c.size),
        bounds=Bounds(0, np.inf),
        constraints=LinearConstraint(A, lb=r, ub=np.inf),
        options={"presolve": False},  # presolve finds nothing to remove here
    )
    return res.x


def _dive(A, c, r, relaxed, threshold, accept, limits: _Limits) -> np.ndarray:
    """Round an LP solution to whole shifts: fix the whole parts, round up large fractions.

    Each round rounds up the columns with fractional part >= ``threshold`` (or the largest one)
    and re-solves the LP for the requirement still uncovered; a higher threshold rounds more
    carefully and solves more LPs. After each round the partial rounding is completed greedily
    and trimmed; the dive stops early once that roster costs at most ``accept`` paid hours, and
    after ``limits.dive_rounds`` LP solves or ``limits.dive_nonzeros`` coverage nonzeros through
    them at most. Returns the cheapest covering roster seen.
    """
    z = np.floor(relaxed + _INT_TOL)
    frac = np.clip(relaxed - z, 0.0, None)
    best = None
    work = 0
    for _ in range(limits.dive_rounds):
        if frac.max(initial=0.0) <= _INT_TOL:
            break
        up = frac >= threshold
        if not up.any():
            up = frac >= frac.max() - _INT_TOL
        z[up] += 1
        frac[up] = 0.0
        completed = _trim(A, c, _repair(A, c, z, r), r)
        if best is None or c @ completed < c @ best:
            best = completed
        residual = r - A @ z
        open_rows = residual > _TOL
        if c @ best <= accept or not open_rows.any() or work >= limits.dive_nonzeros:
            break
        sub_rows = sparse.csr_array(A)[open_rows]
        cols = np.flatnonzero(np.diff(sparse.csc_array(sub_rows).indptr) > 0)
        sub_matrix = sparse.csc_array(sub_rows[:, cols])
        work += sub_matrix.nnz
        sub = _lp(sub_matrix, c[cols], residual[open_rows])
        whole = np.floor(sub + _INT_TOL)
        z[cols] += whole
        frac = np.zeros(c.size)
        frac[cols] = np.clip(sub - whole, 0.0, None)
    completed = _trim(A, c, _repair(A, c, z, r), r)
    return completed if best is None or c @ completed < c @ best else best


def _repair(A, c, z, r) -> np.ndarray:
    """Add shifts greedily (most uncovered agent-intervals per paid hour) until coverage holds."""
    z = z.copy()
    deficit = r - A @ z
    At = sparse.csr_array(A.T)
    while (deficit > _TOL).any():
        j = int(np.argmax((At @ np.clip(deficit, 0.0, 1.0)) / c))
        z[j] += 1
        lo, hi = A.indptr[j], A.indptr[j + 1]
        deficit[A.indices[lo:hi]] -= A.data[lo:hi]
    return z


def _trim(A, c, z, r) -> np.ndarray:
    """Remove shifts the coverage does not need, most expensive first."""
    z = z.copy()
    slack = A @ z - r
    for j in np.argsort(-c, kind="stable"):
        if z[j] <= 0:
            continue
        lo, hi = A.indptr[j], A.indptr[j + 1]
        rows, vals = A.indices[lo:hi], A.data[lo:hi]
        drop = min(z[j], math.floor(float(np.min(slack[rows] / vals)) + _TOL))
        if drop > 0:
            z[j] -= drop
            slack[rows] -= drop * vals
    return z


def _improve(A, c, z, r, passes) -> np.ndarray:
    """Local search: swap one shift, or two, for a cheaper one that keeps the coverage.

    For each shift ``j`` in the roster, most expensive first, the intervals that would fall short
    without it are found. The cheapest candidate covering all of them replaces it (or nothing,
    if none fall short); failing that, a candidate ``m`` covering them replaces ``j`` and one
    more shift ``k`` that ``m`` makes redundant, if ``m`` costs less than the two (with one
    shift length: two shifts become one). Stops when a pass finds no swap, or after ``passes``
    passes. Skipped (``z`` is returned as is) when the coverage matrix is too big to copy
    densely: more than 4 million entries (a week of 15-min intervals with three shift lengths
    has 1.4 million).
    """
    z = z.copy()
    if A.shape[0] * A.shape[1] > _DENSE_LIMIT:
        return z
    dense = A.toarray()
    slack = dense @ z - r
    for _ in range(passes):
        improved = False
        used = np.flatnonzero(z > 0)
        for j in used[np.argsort(-c[used], kind="stable")]:
            if z[j] <= 0:
                continue
            lo, hi = A.indptr[j], A.indptr[j + 1]
            rows, vals = A.indices[lo:hi], A.data[lo:hi]
            short = vals - slack[rows]
            falls = short > _TOL
            fits = (dense[rows[falls]] >= short[falls, None] - _TOL).all(axis=0)
            cheaper = fits & (c < c[j] - _TOL)
            if not falls.any() or cheaper.any():
                z[j] -= 1
                slack[rows] -= vals
                if falls.any():
                    k = int(np.flatnonzero(cheaper)[np.argmin(c[cheaper])])
                    z[k] += 1
                    slack += dense[:, k]
                improved = True
            elif _merge(dense, c, z, slack, j, np.flatnonzero(fits)):
                improved = True
        if not improved:
            break
    return z


def _merge(dense, c, z, slack, j, fits) -> bool:
    """Replace shift ``j`` and one more by a cheaper single shift from ``fits``, in place.

    ``fits`` are the candidates covering what ``j`` leaves short. A second shift ``k`` can go
    once ``m`` is added only if it overlaps ``m`` (the roster has no redundant shift), so only
    those are tried. Returns whether a replacement was made (``z`` and ``slack`` updated).
    """
    base = slack - dense[:, j]
    used = np.flatnonzero(z > 0)
    in_use = dense[:, used]  # copied once: the rows of ``dense`` are as wide as all candidates
    for m in fits:
        after = base + dense[:, m]
        keep = (in_use[dense[:, m] > 0] > 0).any(axis=0)
        near, cover = used[keep], in_use[:, keep]
        keep = ((near != j) | (z[near] >= 2)) & (c[near] + c[j] > c[m] + _TOL)
        near, cover = near[keep], cover[:, keep]
        ok = (after[:, None] >= cover - _TOL).all(axis=0)
        if ok.any():
            k = int(near[np.flatnonzero(ok)[np.argmax(c[near][ok])]])
            z[j] -= 1
            z[k] -= 1
            z[m] += 1
            slack[:] = after - dense[:, k]
            return True
    return False


def _neighbourhood(A, c, r, relaxed) -> np.ndarray:
    """Best roster with every count at the floor or ceiling of its LP value (RENS, one node).

    HiGHS explores only its root node in this box, so the work is bounded; returns a roster
    that covers the requirement (repaired and trimmed if HiGHS finds nothing in the box).
    """
    low = np.floor(relaxed + _INT_TOL)
    res = milp(
        c,
        integrality=np.ones(c.size),
        bounds=Bounds(low, np.maximum(low, np.ceil(relaxed - _INT_TOL))),
        constraints=LinearConstraint(A, lb=r, ub=np.inf),
        options={"node_limit": 1},
    )
    start = low if res.x is None else np.round(res.x)
    return _trim(A, c, _repair(A, c, start, r), r)


def _milp(A, c, r, rel_gap, nodes) -> tuple[np.ndarray | None, float]:
    """HiGHS branch and bound over ``nodes`` nodes at most: whole solution (or None), dual bound."""
    res = milp(
        c,
        integrality=np.ones(c.size),
        bounds=Bounds(0, np.inf),
        constraints=LinearConstraint(A, lb=r, ub=np.inf),
        options={"node_limit": nodes, "mip_rel_gap": rel_gap},
    )
    bound = res.get("mip_dual_bound")
    bound = float(bound) if bound is not None and math.isfinite(bound) else 0.0
    if res.x is None:
        return None, bound
    return np.round(res.x), bound
