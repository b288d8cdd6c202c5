"""The workforce step on small scenarios computed by hand.

Rostered agent-hours become agent FTE through shrinkage and contract hours; ``per_agents`` support
roles are rounded up per location, ``per_site`` roles are fixed per staffed location; cost is FTE x
cost per FTE (or a role's own cost) + the location's fixed cost, and a location without agents has
neither roles nor fixed cost.

Every scenario is 24/7 with a flat profile and flat weekday weights, so an Erlang C pool needs the
same number of agents ``N`` in every hour, ``N = required_agents(load)`` with ``load`` = calls per
hour / 3600 x AHT, and a week holds 168 of those hours. ``roster = "none"`` makes the rostered
agents equal to the requirement. Hand figures use exact fractions so that a span-of-control
boundary (exactly 15 FTE for a 1-per-15 role) is not blurred by floating point.
"""

import math
from fractions import Fraction

import numpy as np
import pytest

from sim import compare, parse_scenario
from sim.erlang import required_agents

AHT = 300
HOURS_PER_WEEK = 168


def scenario_text(
    sites: str,
    *,
    shrinkage: str = "0.3",
    contract: str = "60",
    roles: str = "[]",
    roster: str = "none",
    horizon_days: int = 7,
    extra: str = "",
) -> str:
    """A one-line Erlang C scenario with 60-minute intervals and the given sites (TOML text)."""
    return f"""
[general]
interval_minutes = 60
horizon_days = {horizon_days}

[targets]
model = "erlang_c"
service_level = 0.8
threshold = 20

[workforce]
roster = "{roster}"
min_agents_open = 0
shrinkage = {shrinkage}
hours_per_fte_week = {contract}
support_roles = {roles}

[[lines]]
name = "calls"
aht = {AHT}
{sites}
{extra}
"""


def site(name: str, weekly_calls: float, **keys) -> str:
    """A 24/7 flat site; ``keys`` are further TOML keys (numbers or already-quoted strings)."""
    more = "".join(f"{key} = {value}\n" for key, value in keys.items())
    return f"""
[[sites]]
name = "{name}"
hours = "24/7"
profile = "flat"
weekday_weights = "flat"
volume = {{ calls = {weekly_calls} }}
{more}"""


def agents_for(weekly_calls: float) -> int:
    """Erlang C agents of a flat 24/7 queue: calls per hour / 3600 x AHT Erlangs, 80/20."""
    load = weekly_calls / HOURS_PER_WEEK / 3600 * AHT
    return int(required_agents(load, AHT, service_level=0.8, threshold=20))


def fte(agents: int, shrinkage: str, contract: str) -> Fraction:
    """Agent FTE of ``agents`` logged in all week: agent-hours / (1 - shrinkage) / contract."""
    return Fraction(agents * HOURS_PER_WEEK) / (1 - Fraction(shrinkage)) / Fraction(contract)


def row(comparison, design: str, location: str):
    table = comparison.locations
    match = table[(table["design"] == design) & (table["location"] == location)]
    assert len(match) == 1, (design, location)
    return match.iloc[0]


def test_agent_fte_is_rostered_hours_over_shrinkage_and_contract():
    result = compare(
        parse_scenario(scenario_text(site("A", 6000), shrinkage="0.25", contract="36"))
    )
    scattered = result.designs["scattered"]
    n = agents_for(6000)
    # roster "none": the rostered agents are the requirement, n in each of the 168 hours
    np.testing.assert_array_equal(scattered.staffed, scattered.plan.required)
    np.testing.assert_array_equal(scattered.staffed, n)
    # n x 168 agent-hours / (1 - 0.25) / 36 h
    expected = n * 168 / 0.75 / 36
    assert row(result, "scattered", "A")["agent_hours"] == pytest.approx(n * 168, rel=1e-12)
    assert scattered.workforce.agents_fte == pytest.approx(expected, rel=1e-9)
    assert scattered.workforce.support_fte == 0.0
    assert scattered.workforce.headcount == pytest.approx(expected, rel=1e-9)
    assert result.summary.loc["scattered", "agents_scheduled_fte"] == pytest.approx(
        expected, rel=1e-9
    )


def test_fte_counts_the_paid_not_the_required_hours():
    # whole 8-hour shifts with a one-hour break cannot match a flat need exactly: FTE follow the
    # paid hours of the tours (breaks included), k = 1 / ((1 - 0.3) x 60) FTE per paid hour
    result = compare(parse_scenario(scenario_text(site("A", 6000), roster="milp")))
    scattered = result.designs["scattered"]
    rostered_hours = scattered.staffed.sum()  # 60-minute intervals
    paid = sum(t.paid_hours for t in scattered.tours)
    assert paid > rostered_hours > scattered.plan.required.sum()
    assert scattered.workforce.paid_hours == pytest.approx(paid, rel=1e-12)
    assert scattered.workforce.agents_fte == pytest.approx(paid / (0.7 * 60), rel=1e-9)
    # 60 h / 8 h is no whole number of days: the migrated contract has 5 days of 8 h
    assert {len(days) for _, days in scattered.tours[0].days.groupby("person")} == {5}


def test_a_shorter_horizon_stands_for_the_week():
    # one flat day carries a seventh of the weekly calls: the same n agents an hour, 24 n
    # agent-hours, taken 7 times over for the week
    n = agents_for(6000)
    expected = float(fte(n, "0.3", "60"))
    for days in (1, 7):
        result = compare(parse_scenario(scenario_text(site("A", 6000), horizon_days=days)))
        scattered = result.designs["scattered"]
        assert scattered.staffed.sum() == n * 24 * days
        assert scattered.workforce.agents_fte == pytest.approx(expected, rel=1e-9), days


def test_per_agent_roles_round_up_per_location_not_once_for_the_total():
    roles = '[{ name = "tl", per_agents = 15 }, { name = "manager", per_site = 1 }]'
    text = scenario_text(site("A", 4000) + site("B", 4000), roles=roles)
    result = compare(parse_scenario(text))
    # 1 / ((1 - 0.3) x 60) x 168 = 4 FTE per agent logged in all week
    n_site, n_hub = agents_for(4000), agents_for(8000)
    site_fte, hub_fte = fte(n_site, "0.3", "60"), fte(n_hub, "0.3", "60")
    assert (n_site, n_hub) == (4, 7)  # the case this test is about: 16 FTE per site, 28 at the hub
    assert site_fte == 16 and hub_fte == 28
    site_tl = math.ceil(site_fte / 15)  # 16 / 15 -> 2, not 1.07
    hub_tl = math.ceil(hub_fte / 15)  # 28 / 15 -> 2
    assert (site_tl, hub_tl) == (2, 2)
    # two sites round up twice: 4 team leaders, where the 32 FTE of both would need 3
    assert 2 * site_tl > math.ceil(2 * site_fte / 15)
    for name in ("A", "B"):
        r = row(result, "scattered", name)
        assert r["agents_fte"] == pytest.approx(float(site_fte), rel=1e-9)
        assert r["support_tl"] == site_tl
        assert r["support_manager"] == 1
        assert r["support_fte"] == site_tl + 1
        assert r["headcount"] == pytest.approx(float(site_fte) + site_tl + 1, rel=1e-9)
    hub = row(result, "centralised", "Central hub")
    assert hub["kind"] == "hub"
    assert hub["agents_fte"] == pytest.approx(float(hub_fte), rel=1e-9)
    assert hub["support_tl"] == hub_tl
    assert hub["support_manager"] == 1
    assert result.designs["scattered"].workforce.support_fte == 2 * (site_tl + 1)
    assert result.designs["centralised"].workforce.support_fte == hub_tl + 1
    assert result.designs["scattered"].workforce.headcount == pytest.approx(
        float(2 * site_fte) + 2 * (site_tl + 1), rel=1e-9
    )


def test_a_location_exactly_at_the_span_of_control_is_not_rounded_up():
    # 3 agents all week / (1 - 0.2) / 42 h = 504 / 33.6 = exactly 15 FTE -> one 1-per-15 leader
    roles = '[{ name = "tl", per_agents = 15 }]'
    text = scenario_text(site("A", 2000), shrinkage="0.2", contract="42", roles=roles)
    result = compare(parse_scenario(text))
    n = agents_for(2000)
    assert n == 3
    exact = fte(n, "0.2", "42")
    assert exact == 15
    r = row(result, "scattered", "A")
    assert r["agents_fte"] == pytest.approx(15.0, rel=1e-9)
    assert r["support_tl"] == math.ceil(exact / 15) == 1


def test_annual_cost_is_fte_times_cost_plus_role_costs_plus_fixed_cost():
    roles = (
        '[{ name = "tl", per_agents = 10, annual_cost = 60000 },'
        ' { name = "manager", per_site = 1 }, { name = "wfm", per_site = 0.5 }]'
    )
    sites = site("A", 4000, cost_per_fte=40000, fixed_cost=100000) + site(
        "B", 6000, cost_per_fte=45000, fixed_cost=250000
    )
    hub = """
[[hubs]]
name = "Hub"
cost_per_fte = 50000
fixed_cost = 300000
"""
    result = compare(parse_scenario(scenario_text(sites, roles=roles, extra=hub)))

    def expected(agents: int, cost_per_fte: float, fixed: float) -> tuple[float, float]:
        agent_fte = float(fte(agents, "0.3", "60"))
        leaders = math.ceil(agent_fte / 10)
        # leaders at their own cost; the manager (1) and the half WFM analyst at the location's
        support = leaders + 1 + 0.5
        cost = agent_fte * cost_per_fte + leaders * 60000 + 1.5 * cost_per_fte + fixed
        return agent_fte + support, cost

    head_a, cost_a = expected(agents_for(4000), 40000, 100000)
    head_b, cost_b = expected(agents_for(6000), 45000, 250000)
    head_hub, cost_hub = expected(agents_for(10000), 50000, 300000)
    assert row(result, "scattered", "A")["annual_cost"] == pytest.approx(cost_a, rel=1e-9)
    assert row(result, "scattered", "B")["annual_cost"] == pytest.approx(cost_b, rel=1e-9)
    assert row(result, "centralised", "Hub")["annual_cost"] == pytest.approx(cost_hub, rel=1e-9)
    scattered = result.designs["scattered"].workforce
    centralised = result.designs["centralised"].workforce
    assert scattered.headcount == pytest.approx(head_a + head_b, rel=1e-9)
    assert scattered.annual_cost == pytest.approx(cost_a + cost_b, rel=1e-9)
    assert centralised.headcount == pytest.approx(head_hub, rel=1e-9)
    assert centralised.annual_cost == pytest.approx(cost_hub, rel=1e-9)
    assert result.savings.loc["centralised", "annual_cost"] == pytest.approx(
        cost_a + cost_b - cost_hub, rel=1e-9
    )


def test_a_site_without_agents_has_no_roles_and_no_fixed_cost():
    # site B takes no calls: no pool, no agents, so neither its manager nor its building counts
    roles = '[{ name = "tl", per_agents = 15 }, { name = "manager", per_site = 1 }]'
    sites = site("A", 4000, fixed_cost=100000) + site("B", 0, fixed_cost=250000)
    result = compare(parse_scenario(scenario_text(sites, roles=roles)))
    b = row(result, "scattered", "B")
    assert b["agents_fte"] == 0.0
    assert b["support_tl"] == 0.0 and b["support_manager"] == 0.0
    assert b["headcount"] == 0.0
    assert b["annual_cost"] == 0.0
    agent_fte = float(fte(agents_for(4000), "0.3", "60"))
    support = math.ceil(agent_fte / 15) + 1
    a = row(result, "scattered", "A")
    assert a["annual_cost"] == pytest.approx((agent_fte + support) * 45000 + 100000, rel=1e-9)
    assert result.designs["scattered"].workforce.annual_cost == pytest.approx(
        a["annual_cost"], rel=1e-12
    )


HUBS = """
[[hubs]]
name = "North"
fixed_cost = 300000

[[hubs]]
name = "South"
fixed_cost = 200000
"""


def test_a_hub_without_agents_has_no_roles_and_no_fixed_cost():
    roles = '[{ name = "manager", per_site = 1 }]'
    alternative = """
[[design.alternatives]]
name = "two hubs"
kind = "hubs"
hubs = { North = ["A"], South = ["B"] }
"""
    sites = site("A", 4000) + site("B", 0)
    result = compare(parse_scenario(scenario_text(sites, roles=roles, extra=HUBS + alternative)))
    south = row(result, "two hubs", "South")
    assert south["agents_fte"] == 0.0
    assert south["support_fte"] == 0.0
    assert south["annual_cost"] == 0.0
    north = row(result, "two hubs", "North")
    agent_fte = float(fte(agents_for(4000), "0.3", "60"))
    assert north["annual_cost"] == pytest.approx((agent_fte + 1) * 45000 + 300000, rel=1e-9)
