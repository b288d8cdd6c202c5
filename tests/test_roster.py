"""Rosters: coverage, hand-computed efficiencies, brute-force optima, wrap, hours and bad input."""

import itertools
import threading
import time

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sim.roster
from sim.roster import SHIFT_COLUMNS, Roster, ShiftRules, build_roster, clear_cache

NO_BREAK = ShiftRules(break_minutes=0)
CENTRED = ShiftRules(break_earliest_minutes=210, break_latest_minutes=210)  # no window


def shift_rows(roster: Roster) -> list[tuple]:
    """The shifts as tuples, a missing break offset as None."""
    return [
        tuple(None if pd.isna(v) else v for v in row)
        for row in roster.shifts.itertuples(index=False)
    ]


def covers(roster: Roster) -> bool:
    return bool((roster.staffed >= roster.required - 1e-9).all())


def paid_from_shifts(roster: Roster, rules: ShiftRules) -> float:
    return float(
        sum(
            a * rules.paid_hours(h)
            for h, a in zip(roster.shifts.length_hours, roster.shifts.agents, strict=True)
        )
    )


def week_profile(interval_minutes: int, peak: float, seed: int = 0) -> np.ndarray:
    """A 24/7 week: two daily peaks, quieter weekend, a night floor of 2 agents."""
    rng = np.random.default_rng(seed)
    hours = np.arange(7 * 24 * 60 // interval_minutes) * interval_minutes / 60.0
    clock, day = hours % 24, hours // 24
    shape = np.exp(-(((clock - 10.5) / 2.5) ** 2)) + 0.8 * np.exp(-(((clock - 15) / 2.5) ** 2))
    level = peak * shape / shape.max() * np.where(day >= 5, 0.6, 1.0)
    return np.maximum(np.ceil(level * (1 + 0.05 * rng.standard_normal(hours.size))), 2)


# --- hand-computed cases ----------------------------------------------------------------------


def test_flat_day_one_eight_hour_shift_without_break_is_fully_efficient():
    roster = build_roster([5] * 8, interval_minutes=60, rules=NO_BREAK)
    assert tuple(roster.shifts.columns) == SHIFT_COLUMNS
    assert shift_rows(roster) == [(0, "day 1 00:00", 8.0, None, 0, 5)]
    assert roster.paid_hours == 40.0
    assert roster.efficiency == 1.0
    assert roster.paid_efficiency == 1.0
    assert (roster.status, roster.gap) == ("optimal", 0.0)


def test_flat_eight_hour_day_with_a_fixed_break_in_the_only_shift_is_infeasible():
    # 30-min intervals, the break fixed 3.5 h in: intervals 7 and 8, and no other 8 h shift fits
    # in the 8 h day.
    with pytest.raises(ValueError, match=r"required\[7\] \(day 1 03:30\).*break there"):
        build_roster([1] * 16, interval_minutes=30, rules=CENTRED)


def test_flat_eight_hour_day_staggers_breaks_in_the_window():
    # Two agents on the only possible shift, their breaks at different times (default window
    # 2 h to 5 h after the start): one is always on the phones.
    roster = build_roster([1] * 16, interval_minutes=30)
    assert roster.paid_hours == 16.0
    assert roster.shifts.agents.sum() == 2
    offsets = roster.shifts.break_offset_minutes.repeat(roster.shifts.agents).to_numpy(int)
    assert ((offsets >= 120) & (offsets <= 300)).all()
    assert abs(offsets[0] - offsets[-1]) >= 60  # the two breaks do not overlap
    assert roster.staffed.min() == 1 and roster.staffed.sum() == 32 - 4


def test_flat_nine_hour_day_with_breaks_by_hand():
    # Hourly, 8 h shifts with the break 3 h in (60-min intervals): starts 0 and 1 are possible.
    # Shift 0 covers 0,1,2,4,5,6,7; shift 1 covers 1,2,3,5,6,7,8. Intervals 0, 4 force x0 >= r
    # and 3, 8 force x1 >= r: staffed r at 0, 3, 4, 8 and 2r elsewhere, efficiency 9r / 14r.
    roster = build_roster([3] * 9, interval_minutes=60)
    assert roster.shifts.start_interval.tolist() == [0, 1]
    assert roster.shifts.agents.tolist() == [3, 3]
    np.testing.assert_array_equal(roster.staffed, [3, 6, 6, 3, 3, 6, 6, 6, 3])
    assert roster.paid_hours == 48.0
    assert roster.efficiency == pytest.approx(9 / 14)
    assert roster.paid_efficiency == pytest.approx(27 / 48)


@pytest.mark.parametrize("minutes", [15, 30, 60])
def test_default_break_window_is_two_hours_from_either_end_on_the_interval_grid(minutes):
    # An 8 h shift with a 60-min break may start it 2 h to 5 h after log-in (ending 2 h before
    # log-out at the latest), on the interval grid; 3.5 h (today's centred break) is inside.
    kinds = sim.roster._kinds(ShiftRules(), minutes, minutes)
    np.testing.assert_array_equal(kinds[0].offsets, np.arange(120, 301, minutes))
    assert ShiftRules().break_window(8.0) == (120.0, 300.0)
    # A shift too short for 2 h either side has a window centred in it, widened to the grid.
    short = ShiftRules(lengths_hours=(3.0,), break_after_hours=2.0)
    assert short.break_window(3.0) == (60.0, 60.0)
    np.testing.assert_array_equal(sim.roster._kinds(short, minutes, minutes)[0].offsets, [60])
    odd = ShiftRules(lengths_hours=(4.0,), break_after_hours=3.0)  # centred at 1.5 h
    offsets = sim.roster._kinds(odd, minutes, minutes)[0].offsets
    assert offsets.min() <= 90 <= offsets.max() and offsets.max() <= 180


def test_explicit_break_window_is_kept_and_snapped_inwards():
    rules = ShiftRules(break_earliest_minutes=100, break_latest_minutes=250)
    np.testing.assert_array_equal(sim.roster._kinds(rules, 60, 60)[0].offsets, [120, 180, 240])
    np.testing.assert_array_equal(sim.roster._kinds(rules, 15, 15)[0].offsets[[0, -1]], [105, 240])
    late = ShiftRules(lengths_hours=(8.0, 10.0), break_latest_minutes=480)  # capped at L - B
    kinds = sim.roster._kinds(late, 60, 60)
    assert (kinds[0].offsets.max(), kinds[1].offsets.max()) == (420, 480)


def test_roster_breaks_lie_in_the_window_and_give_the_staffing():
    required = week_profile(30, 30, seed=2)[:96]
    rules = ShiftRules(lengths_hours=(6.0, 8.0, 9.0), break_latest_minutes=270)
    roster = build_roster(required, interval_minutes=30, rules=rules)
    staffed = np.zeros(required.size)
    for row in roster.shifts.itertuples():
        span = np.arange(row.start_interval, row.start_interval + int(row.length_hours * 2))
        on = np.ones(span.size, dtype=bool)
        if row.length_hours > 6:
            assert 120 <= row.break_offset_minutes <= 270 and row.break_minutes == 60
            on[row.break_offset_minutes // 30 : row.break_offset_minutes // 30 + 2] = False
        else:
            assert pd.isna(row.break_offset_minutes) and row.break_minutes == 0
        staffed[span[on]] += row.agents
    np.testing.assert_array_equal(staffed, roster.staffed)
    assert covers(roster)


def test_half_hour_break_in_hourly_intervals_counts_whole_agents():
    # Two agents may take 30-min breaks in the two halves of the same hour: that hour keeps all
    # but one of them on the phones at every moment. Staffed counts the agents on the phones
    # throughout the interval, a whole number, and the roster is the one of 30-min intervals.
    rules = ShiftRules(break_minutes=30)
    for need in (1, 3, 5):
        hourly = build_roster([need] * 8, interval_minutes=60, rules=rules)
        half_hourly = build_roster([need] * 16, interval_minutes=60 // 2, rules=rules)
        assert covers(hourly)
        np.testing.assert_array_equal(hourly.staffed, np.round(hourly.staffed))
        assert hourly.paid_hours == half_hourly.paid_hours == 8.0 * (need + 1)
        offsets = hourly.shifts.break_offset_minutes.to_numpy(int)
        assert (offsets % 30 == 0).all()
    # Five on the phones with six agents needs six different half hours for the breaks: the
    # window (2 h to 5.5 h in) has eight, but only four whole hours.
    assert set(offsets % 60) == {0, 30}


def test_short_shifts_beat_a_long_shift_with_a_break():
    rules = ShiftRules(lengths_hours=(4.0, 8.0))
    roster = build_roster([2] * 8, interval_minutes=60, rules=rules)
    assert roster.paid_hours == 16.0
    assert roster.efficiency == 1.0
    assert set(roster.shifts.length_hours) == {4.0}


def test_unpaid_break_is_not_paid():
    paid = ShiftRules(lengths_hours=(8.0,))
    unpaid = ShiftRules(lengths_hours=(8.0,), break_paid=False)
    assert build_roster([3] * 9, interval_minutes=60, rules=paid).paid_hours == 48.0
    assert build_roster([3] * 9, interval_minutes=60, rules=unpaid).paid_hours == 42.0


def test_zero_requirement_gives_an_empty_roster():
    roster = build_roster(np.zeros(48), interval_minutes=30)
    assert roster.shifts.empty
    assert tuple(roster.shifts.columns) == SHIFT_COLUMNS
    np.testing.assert_array_equal(roster.staffed, np.zeros(48))
    assert (roster.paid_hours, roster.efficiency, roster.paid_efficiency) == (0.0, 1.0, 1.0)
    assert (roster.status, roster.gap, roster.lower_bound_hours) == ("optimal", 0.0, 0.0)


# --- brute force ------------------------------------------------------------------------------


def brute_force(required, interval_minutes, rules, cyclic, max_each):
    """Least paid hours over every roster with at most ``max_each`` agents per (start, length)."""
    T = len(required)
    columns, costs = [], []
    for hours in rules.lengths_hours:
        n = round(hours * 60 / interval_minutes)
        cover = np.ones(n)
        if rules.has_break(hours):
            b = rules.break_minutes // interval_minutes
            offset = (n - b) // 2
            cover[offset : offset + b] = 0
        for start in range(T if cyclic else T - n + 1):
            col = np.zeros(T)
            for k in range(n):
                col[(start + k) % T] += cover[k]
            columns.append(col)
            costs.append(rules.paid_hours(hours))
    A, c = np.array(columns).T, np.array(costs)
    grid = np.array(list(itertools.product(range(max_each + 1), repeat=len(c))))
    feasible = ((grid @ A.T) >= np.asarray(required)).all(axis=1)
    return float((grid[feasible] @ c).min())


@pytest.mark.parametrize("seed", range(6))
def test_small_instances_are_solved_optimally(seed):
    rng = np.random.default_rng(seed)
    rules = ShiftRules(lengths_hours=(2.0, 3.0), break_minutes=60, break_after_hours=2.0)
    required = rng.integers(0, 3, size=6)
    roster = build_roster(required, interval_minutes=60, rules=rules, mip_rel_gap=0.0)
    expected = brute_force(required, 60, rules, cyclic=False, max_each=2)
    assert covers(roster)
    assert roster.status == "optimal"
    assert roster.paid_hours == expected
    assert roster.gap == 0.0


@pytest.mark.parametrize("seed", range(4))
def test_small_cyclic_instances_are_solved_optimally(seed):
    rng = np.random.default_rng(100 + seed)
    rules = ShiftRules(lengths_hours=(1.0, 1.5), break_minutes=30, break_after_hours=1.0)
    required = rng.integers(0, 2, size=6)
    roster = build_roster(required, interval_minutes=30, rules=rules, cyclic=True, mip_rel_gap=0)
    expected = brute_force(required, 30, rules, cyclic=True, max_each=1)
    assert covers(roster)
    assert roster.paid_hours == expected
    assert roster.status == "optimal"


# --- cyclic horizon, opening hours ------------------------------------------------------------


def test_cyclic_shift_wraps_from_the_end_to_the_start():
    required = np.zeros(24)
    required[[22, 23, 0, 1]] = 1
    rules = ShiftRules(lengths_hours=(4.0,), break_minutes=0)
    wrapped = build_roster(required, interval_minutes=60, rules=rules, cyclic=True)
    assert wrapped.shifts.start_interval.tolist() == [22]
    assert wrapped.paid_hours == 4.0
    np.testing.assert_array_equal(wrapped.staffed, required)
    straight = build_roster(required, interval_minutes=60, rules=rules)
    assert straight.shifts.start_interval.tolist() == [0, 20]
    assert straight.paid_hours == 8.0


def test_cyclic_open_window_wraps_past_the_end_of_the_horizon():
    is_open = np.zeros(24, dtype=bool)
    is_open[[21, 22, 23, 0, 1, 2]] = True  # a night window 21:00-03:00
    required = np.where(is_open, 2, 0)
    rules = ShiftRules(lengths_hours=(6.0,), break_minutes=0)
    roster = build_roster(
        required, interval_minutes=60, rules=rules, open_mask=is_open, cyclic=True
    )
    assert roster.shifts.to_dict("list")["start_interval"] == [21]
    assert roster.efficiency == 1.0


def test_shifts_start_and_stay_inside_opening_hours():
    is_open = np.zeros(24, dtype=bool)
    is_open[8:20] = True
    required = np.where(is_open, 4, 0)
    rules = ShiftRules(lengths_hours=(4.0, 6.0), break_minutes=0)
    roster = build_roster(required, interval_minutes=60, rules=rules, open_mask=is_open)
    starts = roster.shifts.start_interval.to_numpy()
    ends = starts + roster.shifts.length_hours.to_numpy()
    assert (starts >= 8).all() and (ends <= 20).all()
    np.testing.assert_array_equal(roster.staffed[~is_open], 0)
    assert covers(roster) and roster.efficiency == 1.0


def test_window_shorter_than_every_shift_overruns_as_paid_idle_time():
    # Open 09:00-12:00 and 13:00-14:00; shortest shift 4 h. Each window gets its own shift that
    # runs past closing; the 09:00 shift does not cover 13:00 after the site reopens.
    is_open = np.zeros(24, dtype=bool)
    is_open[[9, 10, 11, 13]] = True
    required = is_open.astype(int)
    rules = ShiftRules(lengths_hours=(4.0, 8.0), break_minutes=0)
    roster = build_roster(required, interval_minutes=60, rules=rules, open_mask=is_open)
    assert shift_rows(roster) == [
        (9, "day 1 09:00", 4.0, None, 0, 1),
        (13, "day 1 13:00", 4.0, None, 0, 1),
    ]
    np.testing.assert_array_equal(roster.staffed, required)
    assert roster.paid_hours == 8.0
    assert roster.efficiency == 1.0
    assert roster.paid_efficiency == pytest.approx(4 / 8)


def test_end_of_a_non_cyclic_horizon_closes_the_last_window():
    rules = ShiftRules(lengths_hours=(4.0,), break_minutes=0)
    roster = build_roster([0, 0, 0, 0, 0, 0, 1, 1], interval_minutes=60, rules=rules)
    assert roster.shifts.start_interval.tolist() == [4]
    short = build_roster([1, 1], interval_minutes=60, rules=rules)  # horizon < shortest shift
    assert short.paid_hours == 4.0 and covers(short)


def test_start_step_restricts_start_times():
    rules = ShiftRules(lengths_hours=(6.0, 8.0), start_step_minutes=60)
    roster = build_roster(week_profile(30, 20)[:96], interval_minutes=30, rules=rules)
    assert (roster.shifts.start_interval % 2 == 0).all()
    assert covers(roster)


# --- infeasible and invalid input -------------------------------------------------------------


def test_requirement_while_closed_names_the_interval():
    is_open = np.ones(8, dtype=bool)
    is_open[5] = False
    required = np.ones(8)
    with pytest.raises(ValueError, match=r"required\[5\] \(day 1 05:00\) = 1 agents.*closed"):
        build_roster(required, interval_minutes=60, rules=NO_BREAK, open_mask=is_open)


def test_infeasible_message_uses_the_given_labels():
    labels = pd.date_range("2026-03-02 08:00", periods=16, freq="30min")
    with pytest.raises(ValueError, match=r"required\[7\] \(2026-03-02 11:30:00\)"):
        build_roster([1] * 16, interval_minutes=30, labels=labels, rules=CENTRED)


def test_no_start_on_the_grid_names_the_interval_and_the_grid():
    is_open = np.ones(9, dtype=bool)
    is_open[0] = False
    rules = ShiftRules(lengths_hours=(4.0,), break_minutes=0, start_step_minutes=120)
    required = np.zeros(9)
    required[1] = 1
    with pytest.raises(ValueError, match=r"required\[1\].*window of 8 intervals.*120 min grid"):
        build_roster(required, interval_minutes=60, rules=rules, open_mask=is_open)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"required": [1, -1]}, r"required\[1\]: must be a whole number of agents >= 0, got -1"),
        ({"required": [1, 2.5]}, r"required\[1\]: must be a whole number.*2\.5"),
        ({"required": [1, np.nan]}, r"required\[1\]"),
        ({"required": [[1, 2]]}, r"required: must be a non-empty 1-D array"),
        ({"required": []}, r"required: must be a non-empty 1-D array"),
        ({"required": "abc"}, r"required: must be"),
        ({"interval_minutes": 20}, r"interval_minutes: must be one of 15, 30, 60, got 20"),
        ({"interval_minutes": 30.5}, r"interval_minutes: must be one of 15, 30, 60"),
        ({"open_mask": [True]}, r"open_mask: must have the shape of required, \(8,\)"),
        ({"open_mask": [2] * 8}, r"open_mask: must be booleans"),
        ({"time_limit": 0}, r"time_limit: must be a number of seconds > 0, got 0"),
        ({"mip_rel_gap": 1.0}, r"mip_rel_gap: must be a number in \[0, 1\), got 1.0"),
        ({"mip_rel_gap": -0.1}, r"mip_rel_gap"),
        ({"labels": ["a"]}, r"labels: must have one label per interval \(8\), got 1"),
        ({"rules": {"lengths_hours": (8,)}}, r"rules: must be a ShiftRules, got dict"),
        ({"cyclic": "yes"}, r"cyclic: must be True or False"),
        ({"rules": ShiftRules(lengths_hours=(7.75,))}, r"rules.lengths_hours: .*60 min"),
        ({"rules": ShiftRules(start_step_minutes=90)}, r"rules.start_step_minutes: .*multiple"),
        (
            {"rules": ShiftRules(lengths_hours=(12.0,)), "cyclic": True},
            r"rules.lengths_hours: with cyclic=True some shift must fit in the horizon of 8",
        ),
    ],
)
def test_bad_arguments_name_the_argument(kwargs, message):
    args = {"required": [1] * 8, "interval_minutes": 60, "rules": NO_BREAK, **kwargs}
    with pytest.raises(ValueError, match=message):
        build_roster(args.pop("required"), **args)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"lengths_hours": ()}, r"rules.lengths_hours: must be a non-empty tuple"),
        ({"lengths_hours": 8.0}, r"rules.lengths_hours: must be a non-empty tuple"),
        ({"lengths_hours": (8.0, 0.0)}, r"rules.lengths_hours: each length .* > 0, got 0.0"),
        ({"lengths_hours": (-4,)}, r"rules.lengths_hours: each length .* > 0, got -4"),
        ({"lengths_hours": ("8",)}, r"rules.lengths_hours: each length"),
        ({"lengths_hours": (8, 8.0)}, r"rules.lengths_hours: lengths must not repeat"),
        ({"break_minutes": -5}, r"rules.break_minutes: must be a whole number of minutes >= 0"),
        ({"break_minutes": 7.5}, r"rules.break_minutes"),
        ({"break_minutes": 480}, r"rules.break_minutes: must be shorter .* 480 min in a 8 h"),
        ({"break_after_hours": -1}, r"rules.break_after_hours: must be a number of hours >= 0"),
        ({"start_step_minutes": 0}, r"rules.start_step_minutes: must be None or whole minutes"),
        ({"break_paid": "no"}, r"rules.break_paid: must be True or False"),
    ],
)
def test_bad_shift_rules_name_the_field(kwargs, message):
    with pytest.raises(ValueError, match=message):
        ShiftRules(**kwargs)


def test_shift_rules_normalise_and_describe_shifts():
    rules = ShiftRules(lengths_hours=[6, 8.5], break_minutes=30.0, break_paid=False)
    assert rules.lengths_hours == (6.0, 8.5)
    assert rules.break_minutes == 30 and isinstance(rules.break_minutes, int)
    assert not rules.has_break(6.0) and rules.has_break(8.5)
    assert (rules.paid_hours(6.0), rules.paid_hours(8.5)) == (6.0, 8.0)


# --- whole weeks, determinism, the honest gap -------------------------------------------------


@pytest.mark.parametrize("minutes", [15, 30, 60])
@pytest.mark.parametrize("peak", [8, 120])
def test_week_rosters_cover_and_report_their_gap(minutes, peak):
    rules = ShiftRules(lengths_hours=(6.0, 8.0, 10.0))
    required = week_profile(minutes, peak)
    roster = build_roster(
        required, interval_minutes=minutes, rules=rules, cyclic=True, time_limit=1
    )
    assert covers(roster)
    assert 0 < roster.efficiency <= 1
    assert roster.efficiency == pytest.approx(required.sum() / roster.staffed.sum())
    assert roster.paid_hours == pytest.approx(paid_from_shifts(roster, rules))
    assert roster.lower_bound_hours <= roster.paid_hours
    assert roster.gap == pytest.approx(1 - roster.lower_bound_hours / roster.paid_hours)
    assert roster.status in ("optimal", "work_limit")
    if roster.status == "optimal":
        assert roster.gap <= 0.01


def assert_same_roster(first: Roster, second: Roster) -> None:
    pd.testing.assert_frame_equal(first.shifts, second.shifts)
    np.testing.assert_array_equal(first.staffed, second.staffed)
    assert (first.paid_hours, first.gap, first.status, first.lower_bound_hours) == (
        second.paid_hours,
        second.gap,
        second.status,
        second.lower_bound_hours,
    )


def single_eight_hour_week() -> np.ndarray:
    """A 24/7 week for one 8 h shift length with a break: the hard case for rounding."""
    return week_profile(30, 26, seed=5)


def test_same_input_same_roster():
    rules = ShiftRules(lengths_hours=(6.0, 8.0, 10.0))
    required = week_profile(30, 60, seed=3)
    first = build_roster(required, interval_minutes=30, rules=rules, cyclic=True)
    clear_cache()
    second = build_roster(required, interval_minutes=30, rules=rules, cyclic=True)
    assert_same_roster(first, second)


def test_roster_does_not_depend_on_the_clock_or_the_load(monkeypatch):
    # A clock that jumps an hour at every reading, and a thread burning CPU meanwhile: a
    # wall-clock cut-off would stop at once; work limits give the same roster.
    calls = 0
    real = time.perf_counter

    def jumping() -> float:
        nonlocal calls
        calls += 1
        return real() + 3600.0 * calls

    required = single_eight_hour_week()
    kwargs = {"interval_minutes": 30, "cyclic": True, "time_limit": 2.0}
    clear_cache()
    quiet = build_roster(required, **kwargs)
    stop = threading.Event()
    burner = threading.Thread(target=lambda: [sum(range(1000)) for _ in iter(stop.is_set, True)])
    monkeypatch.setattr(time, "perf_counter", jumping)
    monkeypatch.setattr(time, "monotonic", jumping)
    burner.start()
    try:
        clear_cache()
        busy = build_roster(required, **kwargs)
    finally:
        stop.set()
        burner.join()
    assert_same_roster(quiet, busy)


def test_single_eight_hour_shift_week_is_within_the_gap():
    # One 8 h shift length, 24/7: plain rounding of the LP wastes a few shifts a week. With the
    # break fixed 3.5 h in, the floor-or-ceiling search (RENS) brings it within 1 %; the break
    # window needs fewer hours still, within a stated gap of 2 % (the LP bound is weak there).
    required = single_eight_hour_week()
    fixed = build_roster(required, interval_minutes=30, cyclic=True, time_limit=2, rules=CENTRED)
    assert covers(fixed)
    assert fixed.status == "optimal" and fixed.gap <= 0.01
    roster = build_roster(required, interval_minutes=30, cyclic=True, time_limit=2)
    assert covers(roster)
    assert roster.gap <= 0.02
    assert roster.paid_hours <= fixed.paid_hours - 40  # five shifts a week fewer at least


def test_identical_pools_are_solved_once_and_keep_their_own_labels():
    required = week_profile(30, 40, seed=4)
    labels = pd.date_range("2026-03-02", periods=required.size, freq="30min")
    clear_cache()
    first = build_roster(required, interval_minutes=30, cyclic=True)
    second = build_roster(required, interval_minutes=30, cyclic=True, labels=labels)
    assert sim.roster._solved.cache_info().hits == 1
    np.testing.assert_array_equal(first.staffed, second.staffed)
    assert second.shifts.start_label.iloc[0] == str(labels[second.shifts.start_interval.iloc[0]])
    second.staffed[:] = 0  # the caller's arrays are its own
    third = build_roster(required, interval_minutes=30, cyclic=True)
    assert_same_roster(first, third)
    other = build_roster(required, interval_minutes=30, cyclic=True, mip_rel_gap=0.02)
    assert sim.roster._solved.cache_info().misses == 2 and covers(other)


def test_small_budget_still_covers_and_states_the_gap():
    required = week_profile(60, 10)
    roster = build_roster(required, interval_minutes=60, cyclic=True, time_limit=0.1)
    assert covers(roster)
    assert roster.status == "work_limit"
    assert 0.01 < roster.gap < 0.05
    assert roster.gap == pytest.approx(1 - roster.lower_bound_hours / roster.paid_hours)


@settings(max_examples=60, deadline=None)
@given(
    data=st.data(),
    minutes=st.sampled_from([30, 60]),
    lengths=st.sets(st.sampled_from([2.0, 4.0, 6.0, 8.0, 10.0]), min_size=1, max_size=3),
    cyclic=st.booleans(),
)
def test_staffed_covers_random_requirements(data, minutes, lengths, cyclic):
    # A shortest shift without a break can reach every open interval, so every case is feasible.
    rules = ShiftRules(lengths_hours=tuple(sorted(lengths)), break_after_hours=min(lengths))
    T = data.draw(st.integers(1, 96), label="T")
    required = np.array(data.draw(st.lists(st.integers(0, 30), min_size=T, max_size=T)))
    is_open = np.array(data.draw(st.lists(st.booleans(), min_size=T, max_size=T)))
    required = np.where(is_open, required, 0)
    shortest = round(min(lengths) * 60 / minutes)
    if cyclic and is_open.all() and shortest > T:
        is_open[0] = False  # a ring shorter than every shift is rejected by design
        required[0] = 0
    roster = build_roster(
        required, interval_minutes=minutes, rules=rules, open_mask=is_open, cyclic=cyclic
    )
    assert covers(roster)
    assert roster.efficiency <= 1 + 1e-12
    np.testing.assert_array_equal(roster.staffed[~is_open], 0)
    assert roster.paid_hours == pytest.approx(paid_from_shifts(roster, rules))
    assert np.isfinite([roster.efficiency, roster.gap, roster.paid_hours]).all()
