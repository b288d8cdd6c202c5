"""Monotone properties of weekly tours (hypothesis): a longer break never lowers paid hours, a
larger part-time share never raises cost, more seats never raise the people needed.

Each holds exactly for the least-cost tours. The solver returns tours within a stated gap of a
proven bound (``Tours.gap``), so each is checked in the form that bound makes certain: if ``A``
may not cost less than ``B`` at the optimum, then ``cost(A) >= cost(B) * (1 - gap(B))``, because
``cost(B) * (1 - gap(B))`` is a lower bound on the optimum of ``B``. Where both solves are proven
optimal (gap 0), that is the plain inequality.
"""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_roster_breaks import hourly_week

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
    """Agents needed per hour over a week of a site open ``opens`` to ``closes`` every day (two
    daily peaks, quieter weekend, noise; :func:`test_roster_breaks.hourly_week`)."""
    opens = draw(st.integers(6, 10))
    closes = opens + draw(st.integers(9, 14))
    need, is_open = hourly_week(
        draw(st.integers(3, 30)), draw(st.integers(0, 10_000)), (opens, closes)
    )
    return need.astype(int), is_open


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
