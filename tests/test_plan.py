"""The business case over time (``sim.plan``): the money maths against hand computations, the
roadmap's people and costs on small cases worked out by hand, the steady state against
``compare``, the months that do not hold reported by month and location, and the command line.

The small scenario: two sites open round the clock with flat profiles (the same calls in every
hour of the week), one line, Erlang C without occupancy cap and no minimum cover, staffed without
rosters (``workforce.roster = "none"``: paid hours = required hours), so every figure can be
computed with a pencil and the Erlang C formula.
"""

import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim import compare, parse_scenario
from sim.charts import export, plan_charts
from sim.cli import main
from sim.errors import InputError
from sim.plan import business_case, monthly_rate, npv, payback_month
from sim.plan.payroll import hub_payroll
from sim.plan.roadmap import learning_excess
from sim.scenario import ScenarioError, load_scenario
from sim.scenario.checks import WEEKS_PER_MONTH

SMALL = """
[general]
name = "Two towns"
currency = "CNY"
interval_minutes = 60

[targets]
model = "erlang_c"
max_occupancy = 1.0

[workforce]
roster = "none"
shrinkage = 0.2
min_agents_open = 0
support_roles = [{{ name = "site_manager", per_site = 1, annual_cost = 100000 }}]

[[lines]]
name = "billing"
aht = 240

{sites}

[[hubs]]
name = "Centre"
cost_per_fte = 70000
fixed_cost = 1500000
{seats}

[plan]
months = 12
discount_rate = 0.08
hiring_lead_months = 1
attrition_per_month = 0.0
double_running_months = {double}
{plan}

[[plan.waves]]
name = "North first"
month = 3
sites = ["North"]

[[plan.waves]]
name = "South"
month = 6
sites = ["South"]
"""


SITES = "\n".join(
    f'[[sites]]\nname = "{name}"\nhours = "24h"\nprofile = "flat"\nweekday_weights = "flat"\n'
    f"volume = {{ billing = {calls} }}\ncost_per_fte = {wage}\nfixed_cost = {fixed}\n"
    for name, calls, wage, fixed in (
        ("North", 10080, 60000, 1200000),
        ("South", 5040, 50000, 600000),
    )
)
"""North (60 calls an hour) and South (30), open round the clock with flat profiles."""


def small_text(plan: str = "", double: int = 1, seats: str = "") -> str:
    return SMALL.format(plan=plan, double=double, seats=seats, sites=SITES)


def small(plan: str = "", double: int = 1, seats: str = ""):
    return parse_scenario(small_text(plan, double, seats))


# --- cash: payback and NPV -------------------------------------------------------------------


def test_payback_month_by_hand():
    assert payback_month([-100, 30, 40, 50]) == 4  # cumulative -100, -70, -30, +20
    assert payback_month([-100, 100]) == 2  # exactly 0 counts as paid back
    assert payback_month([-1, -1, 1]) is None
    assert payback_month([5, -10, 10]) == 1  # the first month >= 0, as defined


def test_npv_by_hand():
    yearly = 1.01**12 - 1  # a monthly rate of exactly 1 %
    assert monthly_rate(yearly) == pytest.approx(0.01, rel=1e-12)
    flows = [-100.0, 30.0, 40.0, 50.0]
    by_hand = -100 / 1.01 + 30 / 1.01**2 + 40 / 1.01**3 + 50 / 1.01**4
    assert npv(flows, yearly) == pytest.approx(by_hand, rel=1e-12)
    assert by_hand == pytest.approx(-99.00990 + 29.40888 + 38.82361 + 48.04902, abs=1e-4)
    # twelve months at 8 % a year discount by exactly 1.08
    assert npv([0.0] * 11 + [108.0], 0.08) == pytest.approx(100.0, rel=1e-12)
    assert monthly_rate(0.08) == pytest.approx(1.08 ** (1 / 12) - 1, rel=1e-12)
    assert npv(flows, 0.0) == pytest.approx(sum(flows))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.floats(-1e6, -1.0), min_size=1, max_size=12),
    st.lists(st.floats(0.0, 1e6), min_size=1, max_size=36),
    st.floats(0.0, 0.5),
    st.floats(0.0, 0.5),
)
def test_a_higher_rate_never_raises_a_positive_npv_of_spend_then_save(spend, save, r1, r2):
    """Cash flows negative first, then non-negative: wherever the NPV at the higher rate is >= 0,
    the lower rate's NPV is at least as high (sum m CF_m v^m >= k NPV with k the first saving
    month), and at rate 0 the NPV is the last cumulative cash flow."""
    flows = spend + save
    low, high = sorted((r1, r2))
    if npv(flows, high) >= 0:
        assert npv(flows, low) >= npv(flows, high) - 1e-6 * sum(abs(f) for f in flows)
    assert npv(flows, 0.0) == pytest.approx(np.cumsum(flows)[-1], rel=1e-9, abs=1e-6)


def test_learning_excess_by_hand():
    # a curve of exactly one month: the first month's mean excess is one half, then nothing
    assert learning_excess([0, 1, -1], WEEKS_PER_MONTH).tolist() == pytest.approx([0.5, 0, 0])
    # a curve of two months: 3/4 in the first month, 1/4 in the second
    two = learning_excess([0, 1, 2], 2 * WEEKS_PER_MONTH)
    assert two.tolist() == pytest.approx([0.75, 0.25, 0.0])


def test_payroll_by_hand():
    """Ten people needed from month 3, recruited a month ahead at most four a month: the ramp
    starts in month 1 (4, 8, 10 people), so month 3 is fully staffed."""
    pay = hub_payroll(np.array([0, 0, 10, 10.0]), np.zeros(4), lead=1, attrition=0.0, cap=4)
    assert pay.people.tolist() == [4, 8, 10, 10]
    assert pay.hires.tolist() == [4, 4, 2, 0]
    assert pay.short.tolist() == [0, 0, 0, 0]
    # two a month cannot make ten by month 3: short by 4 then 2
    pay = hub_payroll(np.array([0, 0, 10, 10.0]), np.zeros(4), lead=1, attrition=0.0, cap=2)
    assert pay.people.tolist() == [2, 4, 6, 8] and pay.short.tolist() == [0, 0, 4, 2]
    # attrition of 10 % a month is replaced; relocated people fill positions without hiring
    pay = hub_payroll(np.array([5, 5, 8.0]), np.array([0, 0, 2.0]), lead=0, attrition=0.1)
    assert pay.attrition.tolist() == pytest.approx([0, 0.5, 0.5])
    assert pay.replacements.tolist() == pytest.approx([0, 0.5, 0.5])
    assert pay.hires.tolist() == pytest.approx([5, 0.5, 1.5])
    assert pay.people.tolist() == pytest.approx([5, 5, 8])


# --- the roadmap on the small scenario --------------------------------------------------------


def _erlang_c_agents(load: float, aht: float, level: float = 0.8, threshold: float = 20.0):
    """The fewest agents meeting ``level`` within ``threshold`` s under Erlang C, by hand (Erlang
    B recursion, then C = B / (1 - rho (1 - B)))."""
    n = math.floor(load) + 1
    while True:
        b = 1.0
        for k in range(1, n + 1):
            b = load * b / (k + load * b)
        c = b / (1 - load / n * (1 - b))
        if 1 - c * math.exp(-(n - load) * threshold / aht) >= level:
            return n
        n += 1


def test_learning_curve_extra_agents_by_hand():
    """North (60 calls an hour, 240 s: 4 Erlangs) hands over in month 3; every hub agent is new
    (nobody relocates), the curve lasts one month: the hub's handle time is 1 + 0.6 x 0.5 = 1.3
    times the steady value in month 3, and the extra agents are the Erlang C staffing at 312 s
    (8 agents) minus that at 240 s (7) in each of the 168 hours of the week."""
    plan = "[plan.learning]\naht_increase = 0.6\nweeks = " + repr(WEEKS_PER_MONTH)
    case = business_case(small(plan))
    month = case.months.loc[3]
    assert month["aht_factor"] == pytest.approx(1.3, rel=1e-12)
    assert case.months.loc[4, "aht_factor"] == 1.0
    extra = _erlang_c_agents(4 * 1.3, 240 * 1.3) - _erlang_c_agents(4.0, 240.0)
    assert extra == 1
    fte = extra * 168 / ((1 - 0.2) * 40)
    assert month["learning_fte"] == pytest.approx(fte, rel=1e-12)
    assert case.months.loc[4, "learning_fte"] == 0.0


def test_double_running_pays_the_site_beside_the_hub():
    """With one month of double running North's wages and building are paid in month 3 beside
    the hub's staff; without it North closes in month 3. The hub costs the same either way."""
    with_it, without = business_case(small(double=1)), business_case(small(double=0))
    north = compare(small()).locations.set_index(["design", "location"])
    north_cost = north.loc[("scattered", "North"), "annual_cost"]
    south_cost = north.loc[("scattered", "South"), "annual_cost"]
    assert with_it.months.loc[3, "sites"] == pytest.approx((north_cost + south_cost) / 12)
    assert without.months.loc[3, "sites"] == pytest.approx(south_cost / 12)
    assert with_it.months.loc[3, "hub"] == pytest.approx(without.months.loc[3, "hub"])
    assert with_it.people.loc[3, "North"] == north.loc[("scattered", "North"), "headcount_people"]
    assert without.people.loc[3, "North"] == 0
    assert with_it.months.loc[4, "sites"] == pytest.approx(south_cost / 12)


def test_cash_flow_is_today_less_running_less_one_off():
    plan = (
        "[plan.costs]\nrecruit_train_per_hire = 10000\nseverance_per_leaver = 30000\n"
        'site_exit = 200000\n\n[[plan.investments]]\nname = "fit-out"\nmonth = 1\n'
        "amount = 2000000"
    )
    case = business_case(small(plan))
    m = case.months
    today = compare(small()).summary.loc["scattered", "annual_cost"] / 12
    assert m["today_cost"].tolist() == pytest.approx([today] * 12)
    assert m.loc[1, "running_cost"] == pytest.approx(today)  # nothing moved yet
    assert m.loc[1, "net_cash_flow"] == pytest.approx(-2_000_000)
    assert m["net_cash_flow"].tolist() == pytest.approx(
        (m["today_cost"] - m["running_cost"] - m["one_off_cost"]).tolist()
    )
    assert m["cumulative_cash_flow"].tolist() == pytest.approx(m["net_cash_flow"].cumsum())
    # North closes in month 4 (wave 3 + 1 month of double running): its people leave, its lease
    north = compare(small()).locations.set_index(["design", "location"])
    people = north.loc[("scattered", "North"), "headcount_people"]
    assert m.loc[4, "severance"] == pytest.approx(people * 30_000)
    assert m.loc[4, "site_exit"] == 200_000
    assert case.payback_month == payback_month(m["net_cash_flow"].to_numpy())
    assert case.npv == pytest.approx(npv(m["net_cash_flow"].to_numpy(), 0.08))


def test_recruits_join_ahead_of_their_wave():
    case = business_case(small("[plan.costs]\nrecruit_train_per_hire = 10000"))
    hub = case.people["Centre"]
    assert hub.loc[1] == 0
    # North's hub staff are recruited one month ahead (month 2), South's in month 5
    state = compare(small()).summary.loc["centralised", "headcount_people"]
    assert hub.loc[2] > 0 and hub.loc[2] == hub.loc[4]
    assert hub.loc[5] == pytest.approx(state) and hub.loc[12] == pytest.approx(state)
    assert case.months.loc[2, "recruiting"] == pytest.approx(hub.loc[2] * 10_000)


def test_steady_state_is_compare_centralised():
    scenario = small()
    comparison = compare(scenario)
    case = business_case(scenario, comparison)
    row = comparison.summary.loc["centralised"]
    assert case.steady_state == {k: float(row[k]) for k in case.steady_state}
    last = case.months.iloc[-1]
    assert case.people.iloc[-1].to_dict() == {
        "North": 0,
        "South": 0,
        "Centre": row.headcount_people,
    }
    assert last["service_level"] == pytest.approx(row["service_level"], rel=1e-12)
    assert last["running_cost"] == pytest.approx(row["annual_cost"] / 12, rel=1e-12)


def test_provincial_roadmap_ends_in_compare_centralised():
    roadmap = load_scenario("scenarios/provincial_roadmap.toml")
    provincial = compare(load_scenario("scenarios/provincial.toml")).summary
    case = business_case(roadmap)
    for key, value in case.steady_state.items():
        assert value == provincial.loc["centralised", key], key
    assert len(case.phases) == 5
    assert case.payback_month is not None
    sources = case.savings_by_source
    assert sources["channel_shift"] > sources["consolidation"]
    steady = case.months.iloc[-1]
    today = case.months["today_cost"].iloc[-1]
    # the split adds up to the last month's running saving (a year of it)
    assert sum(sources.values()) == pytest.approx(12 * (today - steady["running_cost"]))


def test_provincial_roadmap_without_channel_shift_ends_exactly_in_compare():
    """Without channel shift the last month of the shipped roadmap is ``compare``'s centralised
    design: the hub's persons, its model cost (wages and building) and its service level."""
    roadmap = load_scenario("scenarios/provincial_roadmap.toml")
    plan = roadmap.plan.model_copy(update={"channel_shifts": ()})
    comparison = compare(roadmap)
    case = business_case(roadmap.model_copy(update={"plan": plan}), comparison)
    row = comparison.summary.loc["centralised"]
    last = case.months.iloc[-1]
    assert case.people.iloc[-1]["Provincial centre"] == row["headcount_people"]
    assert case.people.iloc[-1].drop("Provincial centre").sum() == 0
    assert 12 * last["hub"] == pytest.approx(row["annual_cost"], rel=1e-12)
    assert last["service_level"] == pytest.approx(row["service_level"], rel=1e-12)
    assert last["learning_people"] == 0
    assert last["one_off_cost"] == pytest.approx(0.0, abs=1e-6)  # float residue of hires


def test_channel_shift_moves_calls_through_the_pipeline():
    """A third of the calls a year move to digital from month 1: the hub is staffed for two
    thirds of today's calls (by the pipeline, not by a percentage of people) and the saving
    splits."""
    plan = (
        '[[plan.channels]]\nname = "digital"\ncontacts_per_month = 0\ncost_per_contact = 0.5\n'
        '\n[[plan.channel_shifts]]\nfrom_channel = "phone"\nto_channel = "digital"\n'
        "share_per_year = 0.3"
    )
    scenario = small(plan)
    case = business_case(scenario)
    assert case.months["phone_factor"].tolist() == pytest.approx([0.7] * 12)
    lower = scenario.model_copy(
        update={"sites": tuple(s.model_copy(update={"volume_scale": 0.7}) for s in scenario.sites)}
    )
    hub = compare(lower).summary.loc["centralised", "headcount_people"]
    assert case.people.iloc[-1]["Centre"] == hub
    assert hub < compare(scenario).summary.loc["centralised", "headcount_people"]
    assert case.savings_by_source["channel_shift"] > 0
    calls = 15120 * WEEKS_PER_MONTH
    assert case.months.loc[12, "channels"] == pytest.approx(0.3 * calls * 0.5)


# --- what does not hold is reported, by month and location -------------------------------------


def test_a_hiring_ramp_too_slow_leaves_callers_without_staff():
    case = business_case(small("max_hires_per_month = 1"))
    short = [f for f in case.findings if f.kind == "short_of_staff"]
    assert short and short[0].location == "Centre"
    assert short[0].month == 3
    assert "month 3" in short[0].message and "North" in short[0].message
    assert case.months.loc[3, "hub_short"] > 0
    assert case.service.loc[3, "Centre"] < business_case(small()).service.loc[3, "Centre"]


def test_a_hub_over_its_seats_is_reported():
    """Seats for exactly the agents the whole hub needs at its peak: the site manager on site
    makes one too many from South's wave (month 6) on; North alone fits."""
    peak = int(compare(small()).designs["centralised"].plan.required.max())
    case = business_case(small(seats=f"seats = {peak}"))
    over = [f for f in case.findings if f.kind == "over_seats"]
    assert [f.month for f in over] == list(range(6, 13))
    assert over[0].location == "Centre" and f"{peak} seats (hubs[0].seats)" in over[0].message


def test_a_month_below_the_service_floor_is_reported():
    case = business_case(small("service_floor = 0.99"))
    below = [f for f in case.findings if f.kind == "below_floor"]
    assert below and below[0].month == 1
    assert {f.location for f in below if f.month == 1} <= {"North", "South"}
    assert "99%" in below[0].message


# --- inputs ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        ("relocation_share = 2", "plan.relocation_share: must be <= 1"),
        ("max_hires_per_month = 0", "plan.max_hires_per_month: must be >= 1"),
        (
            '[[plan.channels]]\nname = "phone"\ncontacts_per_month = 1\ncost_per_contact = 1',
            "plan.channels[0].name: 'phone' is the scenario's own calls",
        ),
        (
            '[[plan.phases]]\nname = "Late"\nstart = 5\nend = 14',
            "plan.phases[0].end: 14 is after the last month, plan.months = 12",
        ),
    ],
)
def test_bad_plan_inputs_name_the_key(edit, message):
    with pytest.raises(ScenarioError) as caught:
        small(edit)
    assert any(message in p for p in caught.value.problems), caught.value.problems


def test_every_site_hands_over_once():
    text = small_text().replace('sites = ["South"]', "sites = []")
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(text)
    assert any("plan.waves[1].sites" in p for p in caught.value.problems)
    text = small_text().split('[[plan.waves]]\nname = "South"')[0]
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(text)
    assert caught.value.problems == [
        "plan.waves: sites handed over in no wave: South; every site moves in one wave (the "
        "roadmap ends in the centralised design)"
    ]


def test_a_scenario_without_plan_is_refused_by_name():
    scenario = load_scenario("scenarios/provincial.toml")
    with pytest.raises(InputError, match=r"plan: the scenario has no \[plan\] table"):
        business_case(scenario)


def test_the_comparison_given_must_be_of_the_scenario():
    other = compare(small().model_copy(update={"plan": None}))  # the same scenario: accepted
    assert business_case(small(), other).people.iloc[-1]["Centre"] > 0
    moved = small().model_copy(
        update={"targets": small().targets.model_copy(update={"threshold": 30.0})}
    )
    with pytest.raises(InputError, match="comparison: it is the comparison of another scenario"):
        business_case(moved, other)


def test_a_plan_changes_no_figure_of_compare():
    scenario = small()
    without = scenario.model_copy(update={"plan": None})
    assert compare(scenario).summary.equals(compare(without).summary)
    assert parse_scenario(scenario.to_toml()) == scenario


# --- command line ------------------------------------------------------------------------------


ACCEPTANCE_KEYS = {
    "months",
    "payback_month",
    "discount_rate",
    "npv",
    "steady_state",
    "savings_by_source",
}
MONTH_KEYS = {
    "month",
    "people",
    "service_level",
    "running_cost",
    "one_off_cost",
    "net_cash_flow",
    "cumulative_cash_flow",
}


def test_cli_plan_json_and_out(tmp_path, capsys):
    path = tmp_path / "small.toml"
    path.write_text(small_text())
    out = tmp_path / "out"
    assert main(["plan", str(path), "--json", "--out", str(out)]) == 0
    text = capsys.readouterr().out
    data = json.loads(text)
    assert "NaN" not in text and "Infinity" not in text
    assert set(data) >= ACCEPTANCE_KEYS
    assert set(data["savings_by_source"]) == {"consolidation", "channel_shift"}
    assert len(data["months"]) == 12
    for month in data["months"]:
        assert set(month) >= MONTH_KEYS
        assert set(month["people"]) == {"North", "South", "Centre"}
    assert [m["month"] for m in data["months"]] == list(range(1, 13))
    for name in (
        "months.csv",
        "people.csv",
        "service.csv",
        "waves.csv",
        "phases.csv",
        "savings_by_source.csv",
        "findings.csv",
        "plan.json",
    ):
        assert (out / name).exists(), name
    assert json.loads((out / "plan.json").read_text()) == data


def test_cli_plan_table_and_bad_input(tmp_path, capsys):
    path = tmp_path / "small.toml"
    path.write_text(small_text())
    assert main(["plan", str(path)]) == 0
    text = capsys.readouterr().out
    assert "Payback month" in text and "Net present value at 8% a year" in text
    assert "consolidation" in text and "channel shift" in text
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert main(["plan", str(path), "--out", str(blocker)]) == 2
    assert "--out:" in capsys.readouterr().err
    assert main(["plan", "scenarios/provincial.toml"]) == 2
    assert "plan: the scenario has no [plan] table" in capsys.readouterr().err


def test_plan_charts_are_titled_and_byte_stable(tmp_path, capsys):
    case = business_case(small('[[plan.phases]]\nname = "Build"\nstart = 1\nend = 2'))
    charts = plan_charts(case)
    assert list(charts) == ["plan_waves", "plan_people", "plan_cash_flow", "plan_savings_by_source"]
    for name, fig in charts.items():
        assert fig.get_suptitle().startswith("Two towns: "), name
        assert export(fig, "svg") == export(plan_charts(case)[name], "svg"), name
    path = tmp_path / "small.toml"
    path.write_text(small_text())
    assert main(["charts", str(path), "--out", str(tmp_path / "charts"), "--format", "svg"]) == 0
    written = capsys.readouterr().out
    assert all(f"{name}.svg" in written for name in charts)
