"""A site's own handle time and patience: ``sites[].aht``, ``patience`` and ``week_aht``.

The keys are validated with their key paths; the staffing of a site whose handle time doubles in
one interval is the Erlang formula's for that interval; a pool of sites uses the call-weighted
handle time and patience of its members per interval; handle times move onto the scenario clock
with the calls and do not depend on the interval grid; the simulation gives each call its site's
and interval's handle time; the risk ranges scale them; and a history simulated with known
per-site handle times and patience is imported and calibrated back to them.
"""

import tomllib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sim import compare, erlang, parse_scenario
from sim.demand import build_demand
from sim.des.arrivals import draw_calls
from sim.des.routing import build_routing
from sim.errors import InputError
from sim.history import patience_estimate, read_history, summarise
from sim.history.calibrate import calibrate
from sim.history.derive import import_history
from sim.history.synthetic import synthetic_history
from sim.pipeline import run_design
from sim.risk.assumptions import assumptions
from sim.scenario import HistorySource, apply_overrides

WEEK = 7 * 24


def scenario_data(minutes: int = 60, **sites) -> dict:
    """24/7 sites with a flat week on ``minutes``-minute intervals, rosters off, no minimum cover;
    ``sites`` maps a site name to extra keys of its table (default one site "A")."""
    sites = sites or {"A": {}}
    return {
        "general": {"interval_minutes": minutes, "clock_utc_offset": 0.0},
        "targets": {"service_level": 0.8, "threshold": 20, "model": "erlang_a"},
        "workforce": {"min_agents_open": 0, "roster": "none"},
        "lines": [{"name": "cards", "aht": 300, "patience": 120}],
        "sites": [
            {
                "name": name,
                "hours": "24/7",
                "profile": "flat",
                "weekday_weights": "flat",
                "volume": {"cards": 16_800.0},
                **extra,
            }
            for name, extra in sites.items()
        ],
        "design": {"engine": "analytic"},
    }


def doubled(at: int, aht: float = 600.0, size: int = WEEK) -> list[float]:
    """A ``week_aht`` with ``aht`` in interval ``at`` and 0 (the site's own) elsewhere."""
    week = [0.0] * size
    week[at] = aht
    return week


# site keys -> substrings of the one expected problem
ERRORS = [
    ({"aht": {"card": 200}}, ["sites[0].aht.card: unknown business line", "'cards'"]),
    ({"aht": {"cards": 0}}, ["sites[0].aht.cards: must be >= 1"]),
    ({"aht": {"cards": 9000}}, ["sites[0].aht.cards: must be <= 7200"]),
    ({"aht": {"cards": True}}, ["sites[0].aht.cards: must be a valid number"]),
    ({"patience": {"cards": -5}}, ["sites[0].patience.cards: must be >= 1"]),
    ({"patience": {"cards": 1e6}}, ["sites[0].patience.cards: must be <= 86400"]),
    ({"patience": {"loans": 60}}, ["sites[0].patience.loans: unknown business line"]),
    ({"week_aht": {"cards": [300.0] * 24}}, ["sites[0].week_aht.cards: needs 168 handle times"]),
    ({"week_aht": {"loans": [300.0] * WEEK}}, ["sites[0].week_aht.loans: unknown business"]),
    ({"week_aht": {"cards": doubled(3, 0.5)}}, ["sites[0].week_aht.cards[3]: must be 0", "7200"]),
    ({"week_aht": {"cards": doubled(5, -1)}}, ["sites[0].week_aht.cards[5]: must be 0"]),
    ({"week_aht": {"cards": doubled(7, 8000)}}, ["sites[0].week_aht.cards[7]", "got 8000"]),
    ({"week_aht": {"cards": "long"}}, ["sites[0].week_aht.cards"]),
]


@pytest.mark.parametrize(("keys", "needles"), ERRORS, ids=[str(k) for k, _ in ERRORS])
def test_bad_site_keys_are_named_by_their_path(keys, needles):
    with pytest.raises(InputError) as error:
        parse_scenario(scenario_data(A=keys))
    message = str(error.value)
    for needle in needles:
        assert needle in message, message


def test_site_keys_write_back_to_an_equal_scenario():
    keys = {"aht": {"cards": 250.5}, "patience": {"cards": 90.0}, "week_aht": {"cards": doubled(9)}}
    scenario = parse_scenario(scenario_data(A=keys))
    again = parse_scenario(tomllib.loads(scenario.to_toml()))
    assert again == scenario and again.digest() == scenario.digest()
    assert "aht = { cards = 250.5 }" in scenario.to_toml()
    plain = parse_scenario(scenario_data())
    assert "week_aht" not in plain.to_toml() and plain.sites[0].aht is None


def test_overrides_set_a_sites_own_handle_time_and_patience():
    plain = parse_scenario(scenario_data())
    edited = apply_overrides(plain, {"sites[A].aht.cards": 250.0, "sites[0].patience.cards": 60})
    assert edited.sites[0].aht == {"cards": 250.0} and edited.sites[0].patience == {"cards": 60.0}
    with pytest.raises(InputError, match=r"sites\[0\]\.aht\.cards: must be <= 7200"):
        apply_overrides(plain, {"sites[A].aht.cards": 9000.0})


def _targets(scenario):
    t = scenario.targets
    return {"service_level": t.service_level, "threshold": t.threshold}


def test_an_interval_with_double_handle_time_gets_the_erlang_agents_of_that_interval():
    scenario = parse_scenario(
        scenario_data(A={"aht": {"cards": 240.0}, "week_aht": {"cards": doubled(10, 480.0)}})
    )
    plan = compare(scenario).designs["scattered"].plan
    calls = 16_800.0 / WEEK
    aht = np.full(WEEK, 240.0)
    aht[10] = 480.0
    want = erlang.required_agents(
        calls / 3600.0 * aht,
        aht,
        patience=120.0,
        max_occupancy=scenario.targets.max_occupancy,
        **_targets(scenario),
    )
    np.testing.assert_array_equal(plan.aht[0], aht)
    np.testing.assert_array_equal(plan.erlang_agents[0], want)
    assert plan.erlang_agents[0, 10] > plan.erlang_agents[0, 11]


def test_a_pool_of_two_sites_uses_their_call_weighted_handle_time_and_patience():
    data = scenario_data(
        A={"aht": {"cards": 200.0}, "patience": {"cards": 60.0}},
        B={"aht": {"cards": 400.0}, "week_aht": {"cards": doubled(30, 800.0)}},
    )
    data["sites"][1]["volume"] = {"cards": 3 * 16_800.0}
    data["design"]["aht_change"] = 0.1
    scenario = parse_scenario(data)
    plan = compare(scenario).designs["centralised"].plan
    calls_a, calls_b = 16_800.0 / WEEK, 3 * 16_800.0 / WEEK
    aht_b = np.full(WEEK, 400.0)
    aht_b[30] = 800.0
    aht = 1.1 * (calls_a * 200.0 + calls_b * aht_b) / (calls_a + calls_b)
    np.testing.assert_allclose(plan.aht[0], aht, rtol=1e-12)
    patience = (calls_a * 60.0 + calls_b * 120.0) / (calls_a + calls_b)
    np.testing.assert_allclose(plan.patience[0], patience, rtol=1e-12)
    want = erlang.required_agents(
        (calls_a + calls_b) / 3600.0 * aht,
        aht,
        patience=plan.patience[0],
        max_occupancy=scenario.targets.max_occupancy,
        **_targets(scenario),
    )
    np.testing.assert_array_equal(plan.erlang_agents[0], want)


def test_handle_times_move_onto_the_scenario_clock_with_the_calls():
    week = doubled(12, 900.0)
    data = scenario_data(A={"utc_offset": 8.0, "week_aht": {"cards": week}})
    data["sites"][0]["hours"] = "08:00-20:00"
    demand = build_demand(parse_scenario(data))
    np.testing.assert_array_equal(demand.local_aht[0, 0], np.where(np.array(week) > 0, week, 300))
    np.testing.assert_array_equal(demand.aht[0, 0], np.roll(demand.local_aht[0, 0], -8))
    assert demand.aht[0, 0, 4] == 900.0 and demand.calls[0, 0, 4] > 0
    local = demand.on_local_clocks()
    assert local.aht is demand.local_aht and local.calls is demand.local_calls


def _hourly_scenario(minutes: int):
    """Two sites with an hourly shape of calls and handle times, flat within each hour, on a
    ``minutes``-minute grid."""
    k = 60 // minutes
    hour = np.arange(WEEK) % 24
    shape = 1.0 + np.exp(-(((hour - 11) / 3.0) ** 2))
    aht = {"A": 240.0 + 5.0 * hour, "B": 420.0 - 4.0 * hour}
    data = scenario_data(minutes, A={}, B={})
    for site in data["sites"]:
        site["week_profile"] = {"cards": list(np.repeat(shape / k, k))}
        site["week_aht"] = {"cards": list(np.repeat(aht[site["name"]], k))}
    return parse_scenario(data)


def test_fte_does_not_depend_on_the_interval_grid_with_hourly_handle_times():
    fte = {}
    for minutes in (15, 30, 60):
        summary = compare(_hourly_scenario(minutes)).summary
        fte[minutes] = summary["agents_scheduled_fte"]
    table = pd.DataFrame(fte)
    spread = (table.max(axis=1) - table.min(axis=1)) / table.min(axis=1)
    assert (spread <= 1e-9).all(), table


@pytest.fixture(scope="module")
def demo_history():
    return Path(__file__).parents[1] / "data", HistorySource(file="demo_history_synthetic.csv.gz")


def test_coarser_intervals_of_an_imported_history_keep_the_work_of_every_site(demo_history):
    work = {}
    for minutes in (30, 60):
        _, scenario, _ = import_history(*demo_history, interval_minutes=minutes)
        demand = build_demand(scenario)
        work[minutes] = (demand.calls * demand.aht).sum(axis=(1, 2))
    # Call-weighted handle times per interval: the same seconds of work per site, to the 0.1 s
    # the handle times are written to.
    np.testing.assert_allclose(work[60], work[30], rtol=2e-4)


@pytest.mark.parametrize("service", ["exponential", "lognormal"])
def test_each_simulated_call_gets_its_site_and_interval_handle_time(service):
    data = scenario_data(
        A={"aht": {"cards": 200.0}},
        B={"aht": {"cards": 400.0}, "week_aht": {"cards": doubled(30, 800.0)}},
    )
    data["lines"][0]["aht_cv"] = 0.5 if service == "lognormal" else 1.0
    data["sites"][1]["volume"] = {"cards": 40 * 16_800.0}
    scenario = parse_scenario(data)
    demand = build_demand(scenario)
    design = run_design(scenario, demand, "scattered")
    routing = build_routing(
        scenario, design.topology, demand, np.rint(design.staffed).astype(int), abandonment=True
    )
    calls = draw_calls(routing, np.random.default_rng(5), np.arange(WEEK), service)
    interval = (calls.time // 3600).astype(int)
    cv = 0.5 if service == "lognormal" else 1.0
    expected = {"A": np.full(WEEK, 200.0), "B": np.where(np.arange(WEEK) == 30, 800.0, 400.0)}
    for q, site in enumerate(routing.queue_site):
        name = scenario.sites[site].name
        mine = calls.queue == q
        ratio = calls.service[mine] / expected[name][interval[mine]]
        assert abs(ratio.mean() - 1.0) <= 4 * cv / np.sqrt(ratio.size), name
        assert ratio.std() == pytest.approx(cv, rel=0.1)
        if name == "B":
            late = calls.service[mine & (interval == 30)]
            assert abs(late.mean() - 800.0) <= 4 * cv * 800.0 / np.sqrt(late.size)


def test_risk_ranges_scale_the_sites_own_handle_times_and_patience():
    keys = {"aht": {"cards": 250.0}, "patience": {"cards": 90.0}, "week_aht": {"cards": doubled(9)}}
    scenario = parse_scenario(scenario_data(A=keys))
    found = {a.name: a for a in assumptions(scenario)}
    aht = found["aht"].overrides(1.1)
    assert aht["lines[0].aht"] == pytest.approx(330.0)
    assert aht["sites[0].aht"] == {"cards": pytest.approx(275.0)}
    week = aht["sites[0].week_aht"]["cards"]
    assert week[9] == pytest.approx(660.0) and week[8] == 0.0
    assert found["patience"].overrides(0.5)["sites[0].patience"] == {"cards": 45.0}


TRUTH_AHT = {"North": 240.0, "Centre": 330.0, "South": 420.0}
TRUTH_PATIENCE = {"North": 60.0, "Centre": 150.0, "South": 240.0}


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """Four weeks of 30-minute history of three sites with their own handle times and patience
    (and the South's handle time doubled from 17:00), imported back into a scenario."""
    evening = np.zeros(7 * 48)
    evening.reshape(7, 48)[:, 34:40] = 2 * TRUTH_AHT["South"]
    data = {
        "general": {"interval_minutes": 30},
        "targets": {"service_level": 0.8, "threshold": 20, "model": "erlang_a"},
        "lines": [{"name": "cards", "aht": 300, "patience": 120}],
        "sites": [
            {
                "name": name,
                "utc_offset": 8.0,
                "hours": "08:00-20:00",
                "volume": {"cards": 9_000.0},
                "aht": {"cards": TRUTH_AHT[name]},
                "patience": {"cards": TRUTH_PATIENCE[name]},
            }
            for name in TRUTH_AHT
        ],
    }
    data["sites"][2]["week_aht"] = {"cards": list(evening)}
    truth = parse_scenario(data)
    folder = tmp_path_factory.mktemp("synthetic")
    rows = synthetic_history(truth, weeks=4, seed=11)
    rows.to_csv(folder / "history.csv", index=False)
    source = HistorySource(file="history.csv")
    history, scenario, notes = import_history(folder, source)
    return rows, history, scenario, notes


def test_import_recovers_each_sites_handle_time_and_patience(synthetic):
    rows, _, scenario, notes = synthetic
    by_name = {site.name: site for site in scenario.sites}
    for name, aht in TRUTH_AHT.items():
        site = by_name[name]
        evening = np.zeros(7 * 48, bool)
        evening.reshape(7, 48)[:, 34:40] = True  # 17:00-20:00
        day = np.asarray(site.week_aht["cards"])
        calls = np.asarray(site.week_profile["cards"])
        plain = ~evening & (calls > 0)
        assert np.average(day[plain], weights=calls[plain]) == pytest.approx(aht, rel=0.03)
        late = np.average(day[evening], weights=calls[evening])
        assert late == pytest.approx(2 * aht if name == "South" else aht, rel=0.05), name
        assert site.patience["cards"] == pytest.approx(TRUTH_PATIENCE[name], rel=0.08)
        assert any(f"site {name!r}, line 'cards': patience" in note for note in notes)
    # one line-wide figure stays in [[lines]]
    assert scenario.lines[0].patience == pytest.approx(
        rows["wait_seconds"].sum() / rows["abandoned"].sum(), abs=0.05
    )
    days = rows.assign(day=rows["interval_start"].str[:10])
    days = days.groupby(["site", "day"])[["wait_seconds", "abandoned"]].sum().reset_index()
    _, low, high = patience_estimate(days["wait_seconds"], days["abandoned"])
    truth = days["site"].map(TRUTH_PATIENCE).to_numpy()
    covered = ((low <= truth) & (truth <= high)).mean()
    # >= 95 % coverage, checked one-sided at the 1 % level on 84 site-days
    assert covered >= 0.95 - 2.33 * np.sqrt(0.95 * 0.05 / len(days)), covered


def test_calibration_on_the_imported_scenario_reproduces_every_site(synthetic):
    _, history, scenario, _ = synthetic
    sites = calibrate(history, scenario, replications=0).sites.set_index("site")
    assert set(sites.index) == set(TRUTH_AHT)
    assert (sites["bias"].abs() <= 0.02).all(), sites[["bias", "measured_service_level"]]
    for name, patience in TRUTH_PATIENCE.items():
        assert sites.loc[name, "patience_low"] <= patience * 1.08
        assert sites.loc[name, "patience_high"] >= patience * 0.92


def test_the_demo_import_writes_each_sites_handle_time_and_patience(demo_history):
    _, scenario, _ = import_history(*demo_history)
    table = summarise(read_history(demo_history[0] / demo_history[1].file)).set_index("site")
    for site in scenario.sites:
        assert site.aht["customer_service"] == pytest.approx(table.loc[site.name, "aht"], abs=0.05)
        assert site.patience["customer_service"] == pytest.approx(
            table.loc[site.name, "patience"], abs=0.05
        )
        week = np.asarray(site.week_aht["customer_service"])
        calls = np.asarray(site.week_profile["customer_service"])
        assert ((week > 0) <= (calls > 0)).all() and (week[calls > 0] > 0).all()
