"""Each cause of the savings breakdown on its own, on small cases computed by hand.

The breakdown (``sim.comparison``): with ``k`` the FTE per logged-in agent-hour, ``E`` Erlang
agent-hours, ``M`` minimum-cover agent-hours, ``R`` rostered agent-hours and ``eff = (E + M) / R``,

- pooling = k (E_S - E_A) / eff_S, minimum_cover = k (M_S - M_A) / eff_S,
- roster_efficiency = k (E_A + M_A) (1/eff_S - 1/eff_A), time_zones_peaks = k (R_A - R_B),
- aht_change = k (R_B - R_D), each times (1 + rho) where rho = sum of 1 / per_agents over the
  per-agent support roles (a cause carries the team leaders its agents need),
- sites_closed = per-site roles of S - per-site roles of D, and rounding = (per-agent roles of S
  - rho x agent FTE of S) - (the same for D),

where A is the design's pools at the old AHT on the sites' local clocks and B the same on the real
clocks. The cases use one Erlang C line (AHT 300 s, 80/20), 60-minute intervals, a 7-day horizon
with flat weekday weights and sites open 24/7, so ``k = 1 / ((1 - shrinkage) x contract hours)``
and ``roster = "none"`` (eff = 1) unless a test needs shifts. Erlang hours are computed here with
``sim.erlang.required_agents`` per hour from the offered load, calls per hour / 3600 x AHT.
"""

import numpy as np
import pytest

from sim import compare, parse_scenario
from sim.comparison import CAUSES
from sim.erlang import required_agents

AHT = 300
SHRINKAGE = 0.3
CONTRACT = 60.0
K = 1.0 / ((1.0 - SHRINKAGE) * CONTRACT)  # FTE per agent-hour over a one-week horizon
DAY = [1.0] * 12 + [0.0] * 12  # calls 00:00-12:00 only
NIGHT = [0.0] * 12 + [1.0] * 12  # calls 12:00-24:00 only


def scenario_text(
    sites: str,
    *,
    min_agents: int = 0,
    roles: str = "[]",
    roster: str = "none",
    aht_change: float = 0.0,
    general: str = "",
) -> str:
    return f"""
[general]
interval_minutes = 60
horizon_days = 7
{general}

[targets]
model = "erlang_c"
service_level = 0.8
threshold = 20
max_occupancy = 1.0

[workforce]
roster = "{roster}"
min_agents_open = {min_agents}
shrinkage = {SHRINKAGE}
hours_per_fte_week = {CONTRACT}
support_roles = {roles}

[design]
aht_change = {aht_change}

[[lines]]
name = "calls"
aht = {AHT}
{sites}
"""


def site(name: str, weekly_calls: float, profile="flat", **keys) -> str:
    """A 24/7 site; ``profile`` is a built-in name or a list of 24 hourly weights."""
    profile_toml = f'"{profile}"' if isinstance(profile, str) else str(list(profile))
    more = "".join(f"{key} = {value}\n" for key, value in keys.items())
    return f"""
[[sites]]
name = "{name}"
hours = "24/7"
profile = {profile_toml}
weekday_weights = "flat"
volume = {{ calls = {weekly_calls} }}
{more}"""


def hourly_load(weekly_calls: float, profile) -> np.ndarray:
    """Offered Erlangs in each hour of a day (flat weekdays: a day takes 1/7 of the week)."""
    weights = np.ones(24) if profile == "flat" else np.asarray(profile, dtype=float)
    calls = weekly_calls / 7 * weights / weights.sum()
    return calls / 3600 * AHT


def erlang(load: np.ndarray, aht: float = AHT) -> np.ndarray:
    return np.asarray(required_agents(load, aht, service_level=0.8, threshold=20), dtype=float)


def week(per_day_hours: float) -> float:
    """Agent-hours of a week whose seven days are alike."""
    return 7 * float(per_day_hours)


def others_are_zero(savings, *causes):
    for cause in CAUSES:
        if cause not in causes:
            assert savings[cause] == pytest.approx(0.0, abs=1e-12), cause


def test_pooling_only_two_identical_sites():
    result = compare(parse_scenario(scenario_text(site("A", 4000) + site("B", 4000))))
    savings = result.savings.loc["centralised"]
    load = hourly_load(4000, "flat")
    e_s = week(2 * erlang(load).sum())  # two separate queues
    e_a = week(erlang(2 * load).sum())  # one queue with both loads
    assert e_s > e_a
    eff_s = 1.0  # roster "none": rostered = required
    assert savings["pooling"] == pytest.approx(K * (e_s - e_a) / eff_s, rel=1e-9)
    assert savings["roster_efficiency"] == 0.0
    assert savings["headcount"] == pytest.approx(K * (e_s - e_a), rel=1e-9)
    others_are_zero(savings, "pooling")


def test_minimum_cover_only_sites_with_quiet_halves_of_the_day():
    # A takes calls 00-12, B 12-24, both open 24/7: the hub's Erlang need is each site's own in
    # turn (no pooling), but each site keeps 2 agents through its quiet half, the hub does not
    result = compare(
        parse_scenario(scenario_text(site("A", 4000, DAY) + site("B", 4000, NIGHT), min_agents=2))
    )
    savings = result.savings.loc["centralised"]
    e_a_site = erlang(hourly_load(4000, DAY))
    e_b_site = erlang(hourly_load(4000, NIGHT))
    e_hub = erlang(hourly_load(4000, DAY) + hourly_load(4000, NIGHT))
    m_s = week(
        (np.maximum(e_a_site, 2) - e_a_site).sum() + (np.maximum(e_b_site, 2) - e_b_site).sum()
    )
    m_a = week((np.maximum(e_hub, 2) - e_hub).sum())
    assert m_s == 2 * 2 * 12 * 7 and m_a == 0.0  # two quiet halves of 2 agents, every day
    assert savings["minimum_cover"] == pytest.approx(K * (m_s - m_a), rel=1e-9)
    assert savings["pooling"] == 0.0  # E_S = E_A hour by hour
    assert savings["headcount"] == pytest.approx(K * (m_s - m_a), rel=1e-9)
    others_are_zero(savings, "minimum_cover")


def test_minimum_cover_at_tiny_night_volume_beside_pooling():
    # nights carry 1 % of the day's weight: one agent answers them, the minimum of 3 binds; each
    # cause has its own figure
    profile = [0.01] * 7 + [1.0] * 14 + [0.01] * 3
    text = scenario_text(site("A", 3000, profile) + site("B", 3000, profile), min_agents=3)
    savings = compare(parse_scenario(text)).savings.loc["centralised"]
    load = hourly_load(3000, profile)
    site_e, hub_e = erlang(load), erlang(2 * load)
    e_s, e_a = week(2 * site_e.sum()), week(hub_e.sum())
    m_s = week(2 * (np.maximum(site_e, 3) - site_e).sum())
    m_a = week((np.maximum(hub_e, 3) - hub_e).sum())
    assert m_s > m_a > 0  # the hub's nights still need the minimum, just once
    assert savings["minimum_cover"] == pytest.approx(K * (m_s - m_a), rel=1e-9)
    assert savings["pooling"] == pytest.approx(K * (e_s - e_a), rel=1e-9)
    others_are_zero(savings, "minimum_cover", "pooling")


def test_sites_closed_and_rounding_split_the_support_roles():
    # as above but no minimum cover: the hub's agent-hours equal the two sites' (7 agents an hour
    # in turn), so the whole saving is support: one manager less and the leaders' rounding
    roles = '[{ name = "tl", per_agents = 10 }, { name = "manager", per_site = 1 }]'
    text = scenario_text(site("A", 4000, DAY) + site("B", 4000, NIGHT), roles=roles)
    result = compare(parse_scenario(text))
    savings = result.savings.loc["centralised"]
    site_fte = K * week(erlang(hourly_load(4000, DAY)).sum())
    hub_fte = K * week(erlang(hourly_load(4000, DAY) + hourly_load(4000, NIGHT)).sum())
    assert hub_fte == pytest.approx(2 * site_fte, rel=1e-12)
    leaders_s = 2 * np.ceil(site_fte / 10 - 1e-9)  # 14 FTE each -> 2 leaders each
    leaders_d = np.ceil(hub_fte / 10 - 1e-9)  # 28 FTE -> 3 leaders
    assert (leaders_s, leaders_d) == (4, 3)
    assert savings["sites_closed"] == 2 - 1  # a manager per open location
    rounding = (leaders_s - 2 * site_fte / 10) - (leaders_d - hub_fte / 10)
    assert savings["rounding"] == pytest.approx(rounding, rel=1e-9)
    assert savings["headcount"] == pytest.approx(2.0, rel=1e-9)
    others_are_zero(savings, "sites_closed", "rounding")


def test_each_cause_carries_its_per_agent_roles():
    # two identical sites pool: the pooling cause includes the team leaders (1 per 10 agents)
    # the agents it saves need, so the causes add up to the headcount saved
    roles = '[{ name = "tl", per_agents = 10 }]'
    text = scenario_text(site("A", 4000) + site("B", 4000), roles=roles)
    savings = compare(parse_scenario(text)).savings.loc["centralised"]
    e_s = 2 * week(erlang(hourly_load(4000, "flat")).sum())
    e_a = week(erlang(2 * hourly_load(4000, "flat")).sum())
    assert savings["pooling"] == pytest.approx(1.1 * K * (e_s - e_a), rel=1e-9)
    assert sum(savings[c] for c in CAUSES) == pytest.approx(savings["headcount"], abs=1e-9)


@pytest.mark.parametrize("change", [0.25, -0.4])
def test_aht_change_only_one_site_moved_to_the_hub(change):
    # one site into its default hub: nothing pools, one location each side; the hub answers at
    # AHT x (1 + change), so its load and its handle time both scale
    result = compare(parse_scenario(scenario_text(site("A", 4000), aht_change=change)))
    savings = result.savings.loc["centralised"]
    load = hourly_load(4000, "flat")
    r_b = week(erlang(load).sum())  # the hub's pool at the old AHT
    r_d = week(erlang(load * (1 + change), AHT * (1 + change)).sum())
    assert r_b != r_d
    assert savings["aht_change"] == pytest.approx(K * (r_b - r_d), rel=1e-9)
    assert np.sign(savings["aht_change"]) == -np.sign(change)
    assert savings["headcount"] == pytest.approx(K * (r_b - r_d), rel=1e-9)
    others_are_zero(savings, "aht_change")


def test_time_zones_peaks_is_zero_when_every_site_is_on_the_scenario_clock():
    # whole shifts, a business-day profile and a pooling gain, all sites and the hub at UTC+8
    text = scenario_text(
        site("A", 4000, "business_day", utc_offset=8)
        + site("B", 3000, "business_day", utc_offset=8),
        min_agents=2,
        roster="milp",
    )
    result = compare(parse_scenario(text))
    assert result.scenario.clock_utc_offset == 8
    savings = result.savings.loc["centralised"]
    assert savings["time_zones_peaks"] == 0.0
    assert savings["pooling"] > 0


def test_time_zones_peaks_is_zero_when_the_sites_share_a_zone_off_the_clock():
    # README: "A scenario whose sites share one time zone has time_zones_peaks = 0", also when
    # the tables are shown on another clock (here UTC+0 for sites at UTC+1)
    text = scenario_text(
        site("A", 4000, "business_day", utc_offset=1)
        + site("B", 3000, "business_day", utc_offset=1),
        min_agents=2,
        roster="milp",
        general="clock_utc_offset = 0",
    )
    savings = compare(parse_scenario(text)).savings.loc["centralised"]
    assert savings["time_zones_peaks"] == pytest.approx(0.0, abs=1e-9)


def test_causes_add_up_to_the_headcount_saving():
    text = scenario_text(
        site("A", 4000, "business_day", utc_offset=1)
        + site("B", 3000, "retail", utc_offset=2, fixed_cost=100000),
        min_agents=2,
        roster="milp",
        aht_change=0.05,
        roles='[{ name = "tl", per_agents = 15 }, { name = "manager", per_site = 1 }]',
    )
    savings = compare(parse_scenario(text)).savings.loc["centralised"]
    assert sum(savings[c] for c in CAUSES) == pytest.approx(savings["headcount"], abs=1e-9)


def test_a_hub_in_another_zone_with_longer_hours_books_its_hours_as_minimum_cover():
    # sites at UTC+1 open 08:00-20:00 local; the hub at UTC+0 (the clock) opens 06:00-22:00 its
    # time: its four extra hours a day at the minimum of 3 agents are minimum cover, not time zones
    sites = "".join(
        site(name, calls, "business_day", utc_offset=1).replace(
            'hours = "24/7"', 'hours = "08:00-20:00"'
        )
        for name, calls in (("A", 4000), ("B", 3000))
    )
    hub = '\n[[hubs]]\nname = "Hub"\nutc_offset = 0\nhours = "06:00-22:00"\n'
    text = scenario_text(sites + hub, min_agents=3, general="clock_utc_offset = 0")
    text = text.replace("[design]\n", '[design]\nhub = "Hub"\n')
    result = compare(parse_scenario(text))
    savings = result.savings.loc["centralised"]
    assert savings["time_zones_peaks"] == 0.0
    hub_plan = result.designs["centralised"].plan
    extra = (hub_plan.required - hub_plan.erlang_agents).sum()  # minimum-cover agent-hours
    site_plans = result.designs["scattered"].plan
    today = (site_plans.required - site_plans.erlang_agents).sum()
    assert savings["minimum_cover"] == pytest.approx(K * (today - extra), rel=1e-9)
    assert extra > 0  # the hub's own early and late hours need their minimum
