"""Monotone properties of weekly tours (hypothesis): a longer break never lowers paid hours, a
larger part-time share never raises cost, more seats never raise the people needed.

Each holds exactly for the least-cost tours. The solver returns tours within a stated gap of a
proven bound (``Tours.gap``), so each is checked in the form that bound makes certain: if ``A``
may not cost less than ``B`` at the optimum, then ``cost(A) >= cost(B) * (1 - gap(B))``, because
``cost(B) * (1 - gap(B))`` is a lower bound on the optimum of ``B``. Where both solves are proven
optimal (gap 0), that is the plain inequality.
"""

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sim.errors import InputError
from sim.roster import ShiftRules
from sim.scenario import Contract
from sim.tours import build_tours

SETTINGS = settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
FULL = Contract(name="full", hours_per_week=40, shift_lengths=(8.0,))
RULES = ShiftRules()  # 60 min break in shifts over 6 h, in its default window
EPS = 1e-6


@st.composite
def weeks(draw):
    """Agents needed per hour over a week of a site open ``opens`` to ``closes`` every day, with
    a noisy two-peak day and a quieter weekend."""
    peak = draw(st.integers(3, 30))
    seed = draw(st.integers(0, 10_000))
    opens = draw(st.integers(6, 10))
    closes = opens + draw(st.integers(9, 14))
    rng = np.random.default_rng(seed)
    hours = np.arange(7 * 24)
    clock, day = hours % 24, hours // 24
    shape = np.exp(-(((clock - 11) / 2.5) ** 2)) + 0.8 * np.exp(-(((clock - 16) / 2.5) ** 2))
    level = peak * shape / shape.max() * np.where(day >= 5, 0.6, 1.0)
    need = np.maximum(np.ceil(level * (1 + 0.1 * rng.standard_normal(hours.size))), 1)
    is_open = (clock >= opens) & (clock < closes)
    return np.where(is_open, need, 0).astype(int), is_open


def cost(tours, contracts) -> float:
    factor = {c.name: c.cost_factor for c in contracts}
    return sum(hours * factor[name] for name, hours in tours.paid_hours_by_contract.items())


def tours_of(week, contracts, rules=RULES, **kwargs):
    need, is_open = week
    tours = build_tours(
        need, interval_minutes=60, contracts=contracts, rules=rules, open_mask=is_open, **kwargs
    )
    assert (tours.staffed >= need).all()
    return tours


@SETTINGS
@given(week=weeks(), breaks=st.lists(st.sampled_from([0, 30, 60, 90]), min_size=2, max_size=2))
def test_a_longer_break_never_lowers_paid_hours(week, breaks):
    short, long = sorted(breaks)
    a = tours_of(week, [FULL], ShiftRules(break_minutes=short))
    b = tours_of(week, [FULL], ShiftRules(break_minutes=long))
    assert b.paid_hours >= a.paid_hours * (1 - a.gap) - EPS, (a.paid_hours, b.paid_hours)


@SETTINGS
@given(
    week=weeks(),
    shares=st.lists(st.sampled_from([0.0, 0.1, 0.2, 0.3, 0.5, 1.0]), min_size=2, max_size=2),
    factor=st.sampled_from([0.8, 0.9, 1.0, 1.1]),
)
def test_a_larger_part_time_share_never_raises_cost(week, shares, factor):
    small, large = sorted(shares)

    def contracts(share):
        part = Contract(
            name="part",
            hours_per_week=24,
            shift_lengths=(4.0,),
            days_per_week=6,
            max_share=share,
            cost_factor=factor,
        )
        return [FULL, part]

    a = tours_of(week, contracts(small))
    b = tours_of(week, contracts(large))
    for tours, share in ((a, small), (b, large)):
        assert tours.people_by_contract["part"] <= share * tours.people + EPS
    assert cost(b, contracts(large)) * (1 - b.gap) <= cost(a, contracts(small)) + EPS


@SETTINGS
@given(week=weeks(), extra=st.lists(st.integers(-6, 6), min_size=2, max_size=2))
def test_more_seats_never_raise_the_people_needed(week, extra):
    # Seats around the free tours' peak, binding below it: a limit that whole tours can meet
    # stays feasible with more seats, at no higher cost; one they cannot is refused by name.
    free = tours_of(week, [FULL])
    fewer, more = sorted(extra)
    solved = {}
    for delta in (fewer, more):
        seats = free.in_building.max() + delta
        try:
            solved[delta] = tours_of(week, [FULL], seats=seats)
        except InputError as error:
            assert str(error).startswith("seats: ")
            continue
        assert solved[delta].in_building.max() <= seats
    if fewer in solved:
        assert more in solved
        a, b = solved[fewer], solved[more]
        assert b.paid_hours * (1 - b.gap) <= a.paid_hours + EPS
    if more in solved:
        b = solved[more]
        assert free.paid_hours * (1 - free.gap) <= b.paid_hours + EPS
