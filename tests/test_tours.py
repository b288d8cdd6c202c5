"""Weekly tours and contract types: rules re-checked from tours.csv, invariance, monotone
properties, people beside FTE, seats and scenario errors."""

import itertools
import json

import numpy as np
import pandas as pd
import pytest
from test_roster_breaks import hourly_week  # two daily peaks, quieter weekend, floor of 2

from sim import compare, load_scenario, parse_scenario
from sim.cli.compare import write_outputs
from sim.errors import InputError
from sim.roster import ShiftRules
from sim.scenario import Contract, apply_overrides
from sim.tours import build_tours

FULL = Contract(name="full-time", hours_per_week=40, shift_lengths=(8.0,))
PART = Contract(name="part-time", hours_per_week=24, shift_lengths=(4.0,), days_per_week=6)
RULES = ShiftRules(break_minutes=60, break_after_hours=6.0)
HOURLY = [1, 1, 1, 1, 1, 2, 4, 7, 10, 12, 12, 11, 9, 10, 11, 12, 11, 9, 7, 6, 5, 3, 2, 1]


def scenario_text(workforce: str = "", hub: str = "", minutes: int = 30) -> str:
    sites = "".join(
        f"""
[[sites]]
name = "{name}"
volume = {{ calls = {volume} }}
hours = "07:00-22:00"
profile = {HOURLY}
"""
        for name, volume in (("North", 30000), ("South", 12000))
    )
    return f"""
[general]
interval_minutes = {minutes}
[targets]
model = "erlang_c"
[workforce]
shrinkage = 0.25
min_agents_open = 2
{workforce}
[[lines]]
name = "calls"
aht = 300
{sites}
[[hubs]]
name = "Hub"
hours = "07:00-22:00"
{hub}
[design]
hub = "Hub"
"""


CONTRACTS = """
start_band_minutes = 120
[[workforce.contracts]]
name = "full-time"
hours_per_week = 40
shift_lengths = [8.0]
consecutive_days_off = true
[[workforce.contracts]]
name = "part-time"
hours_per_week = 24
days_per_week = 6
shift_lengths = [4.0]
max_share = {share}
cost_factor = 0.9
"""


def on_phones(rows: pd.DataFrame, minutes: int, intervals: int) -> np.ndarray:
    """Fewest agents on the phones in each interval, at 5-minute resolution, from tour rows."""
    slots = intervals * minutes // 5
    diff = np.zeros(slots + 1)

    def add(first, last, sign):
        for a, b in zip(first // 5, last // 5, strict=True):
            for lo, hi in ((a, min(b, slots)), (0, max(0, b - slots))):
                if hi > lo:
                    diff[lo % slots] += sign
                    diff[hi if hi < slots else slots] -= sign

    add(rows.start.to_numpy(), rows.end.to_numpy(), 1)
    brk = rows.dropna(subset=["break_start"])
    add(brk.break_start.to_numpy(int), brk.break_end.to_numpy(int), -1)
    return np.cumsum(diff)[:slots].reshape(intervals, -1).min(axis=1)


def check_outputs(folder, scenario) -> None:
    """Every interval has its required agents on the phones and every contract rule holds,
    from tours.csv and intervals.csv alone."""
    tours = pd.read_csv(folder / "tours.csv")
    intervals = pd.read_csv(folder / "intervals.csv")
    minutes = scenario.general.interval_minutes
    w = scenario.workforce
    contracts = {c.name: c for c in w.contract_types()}
    for (design, pool), need in intervals.groupby(["design", "pool"]):
        rows = tours[(tours.design == design) & (tours.pool == pool)]
        staffed = on_phones(rows, minutes, len(need))
        assert (staffed >= need.required_agents.to_numpy() - 1e-9).all(), (design, pool)
        people = rows.groupby("contract").person.nunique()
        for name, count in people.items():
            assert count <= contracts[name].max_share * people.sum() + 1e-9, (design, pool)
        for _, person in rows.groupby("person"):
            contract = contracts[person.contract.iloc[0]]
            assert person.contract.nunique() == 1
            lengths = (person.end - person.start) / 60
            assert lengths.nunique() == 1 and lengths.iloc[0] in contract.shift_lengths
            assert lengths.sum() == pytest.approx(contract.hours_per_week)
            days = sorted(person.day)
            assert len(set(days)) == len(days) <= contract.days_per_week
            assert (person.start // 1440 == person.day).all()
            if contract.consecutive_days_off and len(days) < 7:
                off = [d for d in range(7) if d not in days]
                gaps = sum((b - a) % 7 != 1 for a, b in zip(off, off[1:] + off[:1], strict=True))
                assert gaps <= 1, days
            if w.start_band_minutes:
                band = (person.start % 1440) // w.start_band_minutes
                assert band.nunique() == 1
            has = person.break_start.notna()
            long = lengths > w.break_after_hours
            assert (has == (long & (w.break_minutes > 0))).all()  # every long shift has one
            assert ((person.break_end - person.break_start)[has] == w.break_minutes).all()
            offset = (person.break_start - person.start)[has]
            assert (offset >= 0).all() and (person.break_end[has] <= person.end[has]).all()


@pytest.mark.parametrize("name", ["provincial", "team_size"])
def test_tours_csv_covers_every_interval_and_keeps_every_rule(name, tmp_path):
    scenario = load_scenario(f"scenarios/{name}.toml")
    write_outputs(compare(scenario), tmp_path)
    check_outputs(tmp_path, scenario)


def test_contracts_bands_and_consecutive_days_off_hold_in_tours_csv(tmp_path):
    scenario = parse_scenario(scenario_text(CONTRACTS.format(share=0.3)))
    result = compare(scenario)
    write_outputs(result, tmp_path)
    check_outputs(tmp_path, scenario)
    tours = pd.read_csv(tmp_path / "tours.csv")
    people = tours.groupby(["design", "pool", "contract"]).person.nunique().unstack(fill_value=0)
    assert (people["part-time"] <= 0.3 * people.sum(axis=1) + 1e-9).all()
    assert (people["part-time"] > 0).any()


def test_json_has_paid_hours_people_and_gap():
    result = compare(parse_scenario(scenario_text(CONTRACTS.format(share=0.3))))
    out = json.loads(json.dumps(result.to_dict()))
    for design in out["designs"]:
        row = out[design]
        assert row["paid_hours"] >= row["agent_hours_on_phones"] > 0
        assert isinstance(row["headcount_people"], int)
        by_contract = row["headcount_people_by_contract"]
        assert set(by_contract) == {"full-time", "part-time"}
        assert all(isinstance(v, int) for v in by_contract.values())
        assert 0 <= row["roster_gap"] < 1
        # part-timers are less than one FTE each: people exceed FTE
        assert row["headcount_people"] >= row["headcount_total"]


@pytest.mark.parametrize("workforce", ["", CONTRACTS.format(share=0.3)])
def test_agent_fte_does_not_depend_on_the_interval_grid(workforce):
    # Flat-within-the-hour demand (hourly profile): each design's agent FTE within 2 % (or the
    # stated gap) at 15, 30 and 60-minute intervals.
    fte, gaps = {}, {}
    for minutes in (15, 30, 60):
        result = compare(parse_scenario(scenario_text(workforce, minutes=minutes)))
        fte[minutes] = result.summary["agents_scheduled_fte"]
        gaps[minutes] = result.summary["roster_gap"]
    table = pd.DataFrame(fte)
    tolerance = np.maximum(0.02, pd.DataFrame(gaps).max(axis=1))
    spread = (table.max(axis=1) - table.min(axis=1)) / table.min(axis=1)
    assert (spread <= tolerance).all(), table


def test_a_longer_break_never_lowers_paid_hours_or_fte():
    hourly, is_open = hourly_week(30, 3, (8, 20))
    paid = []
    for minutes in (0, 30, 60, 90):
        rules = ShiftRules(break_minutes=minutes, break_after_hours=6.0)
        tours = build_tours(
            hourly, interval_minutes=60, contracts=[FULL], rules=rules, open_mask=is_open
        )
        assert (tours.staffed >= hourly).all()
        paid.append(tours.paid_hours)
    assert paid == sorted(paid), paid
    # Through the pipeline (heuristic shift stage): never lower by more than the stated gap.
    previous = None
    for minutes in (0, 30, 60, 90):
        text = scenario_text(f"break_minutes = {minutes}\nshift_lengths = [8.0]")
        summary = compare(parse_scenario(text)).summary
        if previous is not None:
            floor = previous.agents_scheduled_fte * (1 - previous.roster_gap) - 1e-9
            assert (summary.agents_scheduled_fte >= floor).all(), (minutes, summary)
        previous = summary


def test_a_larger_part_time_share_never_raises_cost():
    hourly, is_open = hourly_week(30, 4, (8, 20))
    paid = []
    for share in (0.0, 0.1, 0.25, 0.5, 1.0):
        part = Contract(**{**PART.model_dump(), "max_share": share})
        tours = build_tours(
            hourly, interval_minutes=60, contracts=[FULL, part], rules=RULES, open_mask=is_open
        )
        assert tours.people_by_contract["part-time"] <= share * tours.people + 1e-9
        paid.append(tours.paid_hours)
    assert paid == sorted(paid, reverse=True), paid
    costs = [
        compare(parse_scenario(scenario_text(CONTRACTS.format(share=share)))).summary["annual_cost"]
        for share in (0.0, 0.3, 1.0)
    ]
    assert all((a >= b - 1e-6).all() for a, b in itertools.pairwise(costs)), costs


def test_seats_count_people_in_the_building_and_more_never_raise_headcount():
    base = compare(parse_scenario(scenario_text()))
    inside = max(t.in_building.max() for t in base.designs["centralised"].tours)
    support = base.locations.query("design == 'centralised'").support_fte.sum()
    needed = int(inside + support)
    heads = []
    for seats in (needed, needed + 50, needed + 500):
        result = compare(parse_scenario(scenario_text(hub=f"seats = {seats}")))
        heads.append(result.summary.loc["centralised", "headcount_people"])
    assert heads == sorted(heads, reverse=True)
    with pytest.raises(InputError, match=r"hubs\[0\]\.seats: 'Hub' has 50 seats .* at "):
        compare(parse_scenario(scenario_text(hub="seats = 50")))


def test_simulation_staffing_is_the_tours():
    result = compare(parse_scenario(scenario_text(CONTRACTS.format(share=0.3))))
    for design in result.designs.values():
        staffed = np.array([t.staffed for t in design.tours])
        np.testing.assert_array_equal(design.staffed, staffed)


@pytest.mark.parametrize(
    ("lengths", "expected"),
    [
        ([8.0], [("5 x 8 h", 40.0, 5)]),
        ([8.0, 6.0], [("5 x 8 h", 40.0, 5), ("5 x 6 h", 30.0, 5)]),
        ([10.0, 12.0, 4.0], [("4 x 10 h", 40.0, 4), ("3 x 12 h", 36.0, 3), ("5 x 4 h", 20.0, 5)]),
    ],
)
def test_old_files_get_one_contract_per_shift_length(lengths, expected):
    # No contracts: every allowed length stays in use, in tours of at most 5 days and at most a
    # full-time week (hours_per_fte_week = 40).
    scenario = apply_overrides(
        load_scenario("scenarios/team_size.toml"), {"workforce.shift_lengths": lengths}
    )
    contracts = scenario.workforce.contract_types()
    assert [(c.name, c.hours_per_week, c.days(c.shift_lengths[0])) for c in contracts] == expected
    assert all(c.max_share == 1.0 and c.cost_factor == 1.0 for c in contracts)


A = {"name": "a", "hours_per_week": 40, "shift_lengths": [8.0]}


@pytest.mark.parametrize(
    ("contracts", "message"),
    [
        (
            [{**A, "shift_lengths": [6.0]}],
            r"workforce.contracts\[0\].shift_lengths\[0\]: hours_per_week 40 h / 6 h",
        ),
        (
            [A, {"name": "b", "hours_per_week": 32, "shift_lengths": [8.0], "max_share": 0.5}],
            r"workforce.contracts\[1\].shift_lengths\[0\]: 8 h already belongs to contract 'a'",
        ),
        ([{**A, "max_share": 0.5}], r"workforce.contracts: one contract must have max_share = 1"),
    ],
)
def test_bad_contracts_name_the_key(contracts, message):
    scenario = load_scenario("scenarios/team_size.toml")
    with pytest.raises(InputError, match=message):
        apply_overrides(scenario, {"workforce.contracts": contracts})


def test_a_site_open_fewer_days_than_a_tour_works_every_open_day():
    # An old file (no contracts: 5-day tours) whose sites close on Fridays and weekends: their
    # people work the four open days (fewer hours); the figures stay defined.
    text = scenario_text("shift_lengths = [8.0]").replace(
        'hours = "07:00-22:00"\nprofile',
        'hours = { weekdays = "07:00-22:00", fri = "closed", weekend = "closed" }\nprofile',
    )
    result = compare(parse_scenario(text))
    tours = result.tours().query("design == 'scattered'")
    assert tours.groupby(["pool", "person"]).day.nunique().max() == 4
    assert set(tours.day) == {0, 1, 2, 3}


def test_explicit_contracts_that_no_tour_can_work_name_the_interval():
    # Six-day part-time tours in a start band only the four long days reach: refused, naming the
    # interval and the way out, instead of a wrong figure or a bug message.
    text = scenario_text(
        """
[[workforce.contracts]]
name = "part-time"
hours_per_week = 24
days_per_week = 6
shift_lengths = [4.0]
"""
    ).replace(
        'hours = "07:00-22:00"\nprofile',
        'hours = { weekdays = "07:00-22:00", fri = "closed", weekend = "closed" }\nprofile',
    )
    with pytest.raises(
        InputError,
        match=r"workforce.contracts: the agents needed at .* "
        r"fewer_days_when_closed = true",
    ):
        compare(parse_scenario(text))


def test_a_tight_seat_limit_is_met_by_rostering_again():
    contracts = CONTRACTS.format(share=0.2)
    free = compare(parse_scenario(scenario_text(contracts)))
    inside = max(t.in_building.max() for t in free.designs["centralised"].tours)
    support = free.locations.query("design == 'centralised'").support_fte.sum()
    seats = int(inside + support) - 1  # the free tours do not fit
    result = compare(parse_scenario(scenario_text(contracts, hub=f"seats = {seats}")))
    hub = result.designs["centralised"]
    on_site = hub.workforce.locations.support_fte.sum()
    assert max(t.in_building.max() for t in hub.tours) + on_site <= seats
    assert (hub.staffed >= hub.plan.required).all()
    assert result.summary.loc["centralised", "paid_hours"] >= free.summary.loc[
        "centralised", "paid_hours"
    ] * (1 - free.summary.loc["centralised", "roster_gap"])


def test_break_window_and_unpaid_breaks_are_scenario_keys():
    paid = compare(parse_scenario(scenario_text("shift_lengths = [8.0]")))
    unpaid = compare(
        parse_scenario(
            scenario_text(
                "shift_lengths = [8.0]\nbreak_paid = false\nbreak_earliest_minutes = 180\n"
                "break_latest_minutes = 240"
            )
        )
    )
    # the same tours pay 7 of every 8 hours
    ratio = unpaid.summary.paid_hours / unpaid.summary.shifts
    assert ratio.tolist() == pytest.approx([7.0, 7.0])
    assert (paid.summary.paid_hours / paid.summary.shifts).tolist() == pytest.approx([8.0, 8.0])
    breaks = unpaid.tours().dropna(subset=["break_start"])
    offset = breaks.break_start - breaks.start
    assert offset.between(180, 240).all()
    with pytest.raises(InputError, match=r"workforce.break_earliest_minutes, workforce.break_lat"):
        parse_scenario(scenario_text("break_earliest_minutes = 185\nbreak_latest_minutes = 200"))
