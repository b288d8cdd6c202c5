"""Scenario simulation: pooling, determinism, conservation, routing, rosters and bad input."""

from pathlib import Path

import numpy as np
import pytest

from sim import compare, load_scenario, parse_scenario
from sim.cli import main
from sim.demand import build_demand
from sim.des import side_by_side, simulate, staff_by_simulation
from sim.des.replications import warmup_intervals
from sim.des.routing import GENERALIST, build_routing
from sim.des.tally import busy_seconds
from sim.erlang import erlang_a

SCENARIOS = Path(__file__).parents[1] / "scenarios"


def identical_sites(n_sites=10, erlangs=2.0, lines=("calls",), **design) -> dict:
    """Identical 24/7 sites with a flat load per line (AHT 300 s, patience 120 s, 1-hour slots),
    every design staffed by the formulas (these tests play the analytic plan)."""
    per_week = erlangs / 300 * 3600 * 24 * 7
    return {
        "general": {"name": "identical", "interval_minutes": 60, "horizon_days": 1, "seed": 3},
        "targets": {"service_level": 0.8, "threshold": 20, "model": "erlang_a"},
        "workforce": {"min_agents_open": 0, "roster": "none"},
        "lines": [{"name": name, "aht": 300, "patience": 120} for name in lines],
        "sites": [
            {
                "name": f"site{i}",
                "hours": "24/7",
                "profile": "flat",
                "weekday_weights": "flat",
                "volume": dict.fromkeys(lines, per_week),
            }
            for i in range(n_sites)
        ],
        "design": {"engine": "analytic", **design},
    }


@pytest.fixture(scope="module")
def pooled():
    scenario = parse_scenario(identical_sites())
    result = compare(scenario)
    sims = {
        name: simulate(scenario, result.designs[name], replications=8, workers=1)
        for name in ("scattered", "centralised")
    }
    return scenario, result, sims


def _near(sim_summary, key, analytic, slack):
    return abs(sim_summary[key] - analytic) <= sim_summary[f"{key}_hw"] + slack


def test_pooling_reproduces_the_analytic_difference(pooled):
    _, result, sims = pooled
    agents = {name: result.designs[name].staffed.sum(axis=0)[0] for name in sims}
    assert agents["centralised"] < agents["scattered"]
    for name, sim in sims.items():
        analytic = result.summary.loc[name]
        for key in ("service_level", "abandon_rate", "asa", "occupancy"):
            assert _near(sim.summary, key, analytic[key], 0.005 if key != "asa" else 0.3), key
    gap_sim = (
        sims["centralised"].summary["service_level"] - sims["scattered"].summary["service_level"]
    )
    gap_analytic = (
        result.summary.loc["centralised", "service_level"]
        - result.summary.loc["scattered", "service_level"]
    )
    slack = (
        sims["centralised"].summary["service_level_hw"]
        + sims["scattered"].summary["service_level_hw"]
    )
    assert abs(gap_sim - gap_analytic) <= slack + 0.005


def test_same_seed_same_results_other_seed_differs_workers_do_not_matter(pooled):
    scenario, result, sims = pooled
    design = result.designs["centralised"]
    again = simulate(scenario, design, replications=8, workers=2)
    assert again.intervals.equals(sims["centralised"].intervals)
    assert again.summary == sims["centralised"].summary
    other = simulate(scenario, design, replications=8, seed=4, workers=1)
    assert not other.intervals["service_level"].equals(
        sims["centralised"].intervals["service_level"]
    )


def test_every_offered_call_is_answered_abandoned_or_waiting(pooled):
    _, _, sims = pooled
    for sim in sims.values():
        counts = sim.counts
        np.testing.assert_array_equal(
            counts["offered"], counts["answered"] + counts["abandoned"] + counts["waiting"]
        )
        assert sim.intervals["calls"].sum() == pytest.approx(counts["offered"].mean())


def test_patient_callers_left_waiting_by_too_few_agents_are_still_in_the_system():
    scenario = parse_scenario(
        identical_sites(n_sites=2)
        | {"targets": {"service_level": 0.8, "threshold": 20, "model": "erlang_c"}}
    )
    design = compare(scenario).designs["centralised"]
    sim = simulate(scenario, design, replications=2, staffing=np.ones_like(design.staffed))
    counts = sim.counts
    assert (counts["waiting"] > 0).all()
    assert (counts["abandoned"] == 0).all()
    np.testing.assert_array_equal(
        counts["offered"], counts["answered"] + counts["abandoned"] + counts["waiting"]
    )


def test_agents_whose_shift_ends_answer_nobody_new():
    scenario = parse_scenario(identical_sites(n_sites=2))
    design = compare(scenario).designs["centralised"]
    staffing = design.staffed.copy()
    staffing[:, 10:16] = 0
    sim = simulate(scenario, design, replications=2, staffing=staffing)
    rows = sim.intervals.set_index("interval")
    assert (rows.loc[10:14, "service_level"] == 0).all()
    assert (rows.loc[10:14, "abandon_rate"] == 1).all()
    assert (rows.loc[10:15, "occupancy"] == 0).all()
    assert (rows.loc[:8, "service_level"] > 0.5).all()


def test_overflow_to_other_sites_helps():
    alternatives = [{"name": "network", "kind": "virtual", "overflow_after": 0}]
    scenario = parse_scenario(identical_sites(n_sites=4, alternatives=alternatives))
    design = compare(scenario).designs["network"]
    never = parse_scenario(
        identical_sites(n_sites=4, alternatives=[{**alternatives[0], "overflow_after": 86_400.0}])
    )
    quick = simulate(scenario, design, replications=4)
    slow = simulate(never, compare(never).designs["network"], replications=4)
    assert quick.summary["service_level"] > slow.summary["service_level"] + 0.02
    assert set(quick.locations["location"]) == {f"site{i}" for i in range(4)}


def test_cross_trained_agents_split_into_specialists_and_generalists():
    scenario = parse_scenario(identical_sites(n_sites=3, lines=("a", "b"), cross_trained=0.3))
    demand = build_demand(scenario)
    design = compare(scenario).designs["centralised"]
    staffing = np.rint(design.staffed).astype(int)
    routing = build_routing(scenario, design.topology, demand, staffing, abandonment=True)
    assert sorted(routing.group_skill.tolist()) == [GENERALIST, 0, 1]
    np.testing.assert_array_equal(routing.staffing.sum(axis=0), staffing.sum(axis=0))
    general = routing.staffing[routing.group_skill == GENERALIST][0]
    np.testing.assert_array_equal(general, np.rint(0.3 * staffing[0]))
    partial = simulate(scenario, design, replications=3)
    full_scenario = parse_scenario(identical_sites(n_sites=3, lines=("a", "b"), cross_trained=1.0))
    full_design = compare(full_scenario).designs["centralised"]
    full = simulate(full_scenario, full_design, replications=3, staffing=design.staffed)
    assert full.summary["service_level"] > partial.summary["service_level"]
    assert set(partial.lines["line"]) == {"a", "b"}


def test_lognormal_handle_times_and_progress_callback():
    scenario = parse_scenario(identical_sites(n_sites=2))
    design = compare(scenario).designs["scattered"]
    seen = []
    sim = simulate(
        scenario,
        design,
        replications=3,
        service="lognormal",
        progress=lambda d, t: seen.append((d, t)),
    )
    assert seen == [(0, 3), (1, 3), (2, 3), (3, 3)]
    assert sim.service == "lognormal"
    assert 0 < sim.summary["occupancy"] < 1


def test_side_by_side_flags_only_intervals_with_calls(pooled):
    scenario, result, sims = pooled
    table = side_by_side(scenario, result.designs["centralised"], sims["centralised"])
    assert len(table) == len(sims["centralised"].intervals)
    assert not table.loc[table["calls"] == 0, "disagree"].any()
    quiet = side_by_side(
        scenario, result.designs["centralised"], sims["centralised"], min_calls=1e9
    )
    assert not quiet["disagree"].any()
    assert table["disagree"].mean() < 0.5
    with pytest.raises(ValueError, match="simulation"):
        side_by_side(scenario, result.designs["scattered"], sims["centralised"])
    with pytest.raises(ValueError, match="min_calls"):
        side_by_side(scenario, result.designs["centralised"], sims["centralised"], min_calls=-1)
    with pytest.raises(ValueError, match="tolerance"):
        side_by_side(scenario, result.designs["centralised"], sims["centralised"], {"x": 1})


def test_warmup_starts_in_the_last_quiet_interval():
    calls = np.array([0, 5, 5, 0, 5, 5])
    assert warmup_intervals(calls, per_day=4) == 3
    assert warmup_intervals(np.ones(6), per_day=4) == 4
    assert warmup_intervals(np.array([5, 5, 5, 5, 5, 0]), per_day=4) == 1


def test_busy_seconds_split_calls_over_interval_boundaries():
    busy = busy_seconds(np.array([50.0, 90.0]), np.array([150.0, 95.0]), np.array([0, 100, 200]))
    np.testing.assert_allclose(busy, [55.0, 50.0])


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"replications": 1}, "replications"),
        ({"replications": 2.5}, "replications"),
        ({"seed": -1}, "seed"),
        ({"service": "gamma"}, "service"),
        ({"abandonment": "yes"}, "abandonment"),
        ({"staffing": np.ones((3, 3))}, "staffing"),
        ({"staffing": np.full((1, 24), 1.5)}, "staffing"),
        ({"staffing": np.full((1, 24), -1)}, "staffing"),
        ({"max_calls": 10}, "max_calls"),
        ({"max_calls": 0}, "max_calls"),
        ({"progress": 3}, "progress"),
        ({"workers": 0}, "workers"),
    ],
)
def test_bad_arguments_name_the_argument(kwargs, name):
    scenario = parse_scenario(identical_sites(n_sites=2))
    with pytest.raises(ValueError, match=f"^{name}"):
        simulate(scenario, "centralised", **kwargs)


def test_unknown_design_lists_the_known_ones():
    scenario = parse_scenario(identical_sites(n_sites=2))
    with pytest.raises(ValueError, match=r"design: unknown design 'hub'.*scattered"):
        simulate(scenario, "hub")


@pytest.mark.slow
def test_provincial_week_matches_the_plan_overall():
    scenario = load_scenario(SCENARIOS / "provincial.toml")
    result = compare(scenario)
    for name in ("scattered", "centralised"):
        sim = simulate(scenario, result.designs[name], replications=4)
        analytic = result.summary.loc[name]
        assert abs(sim.summary["service_level"] - analytic["service_level"]) < 0.03
        assert abs(sim.summary["occupancy"] - analytic["occupancy"]) < 0.01
        counts = sim.counts
        assert (
            counts["offered"] == counts["answered"] + counts["abandoned"] + counts["waiting"]
        ).all()


def test_cli_compare_both_engines(tmp_path, capsys):
    path = tmp_path / "small.toml"
    path.write_text(parse_scenario(identical_sites(n_sites=2)).to_toml())
    args = ["compare", str(path), "--engine", "both", "--replications", "2", "--out", str(tmp_path)]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "Agents (FTE)" in out
    assert "Simulation (2 replications" in out
    assert "pool-intervals with 20 calls or more" in out
    assert (tmp_path / "side_by_side.csv").exists()
    assert main(["compare", str(path), "--engine", "des", "--max-calls", "10"]) == 2
    assert "--yes" in capsys.readouterr().err


def test_staffing_by_simulation_adds_agents_until_the_targets_are_met():
    alternatives = [{"name": "network", "kind": "virtual", "overflow_after": 20}]
    scenario = parse_scenario(identical_sites(n_sites=3, alternatives=alternatives))
    design = compare(scenario).designs["network"]
    start = design.plan.required - 1
    found = staff_by_simulation(scenario, design, replications=4, start=start)
    assert found.met
    assert (found.staffing >= start).all()
    assert found.staffing.sum() > start.sum()
    intervals = found.simulation.intervals
    assert (intervals["service_level"] >= scenario.targets.service_level).all()
    with pytest.raises(ValueError, match=r"^max_iterations"):
        staff_by_simulation(scenario, design, max_iterations=0)
    with pytest.raises(ValueError, match=r"^start"):
        staff_by_simulation(scenario, design, start=np.ones((2, 2)))


@pytest.mark.parametrize("threshold", [None, 60.0])
def test_a_busy_steady_queue_matches_erlang_a(threshold):
    data = identical_sites(n_sites=1, erlangs=53.0)
    if threshold is not None:
        data["lines"][0]["threshold"] = threshold
    scenario = parse_scenario(data)
    design = compare(scenario).designs["scattered"]
    sim = simulate(scenario, design, replications=4, staffing=np.full_like(design.staffed, 55))
    exact = erlang_a(55, 53.0, 300.0, 120.0, threshold or 20.0)
    for key, value in (
        ("service_level", exact.service_level),
        ("abandon_rate", exact.p_abandon),
        ("occupancy", exact.occupancy),
    ):
        assert _near(sim.summary, key, float(value), 0.005), key


def test_agents_who_stay_after_a_roster_cut_keep_answering():
    data = identical_sites(n_sites=1)
    data["general"]["interval_minutes"] = 30
    busy, quiet = 167 / 300 * 3600, 65 / 300 * 3600
    data["sites"][0]["profile"] = [busy] * 12 + [quiet] * 12
    data["sites"][0]["volume"] = {"calls": 7 * 12 * (busy + quiet)}
    scenario = parse_scenario(data)
    design = compare(scenario).designs["scattered"]
    staffing = np.array([[180] * 24 + [72] * 24])
    sim = simulate(scenario, design, replications=3, staffing=staffing)
    cut = sim.intervals.set_index("interval").loc[24]
    assert cut["agents"] == 72
    assert cut["abandon_rate"] < 0.07


def test_a_line_s_patience_family_reaches_the_design_simulation():
    """Same mean patience: gamma with cv 0.5 (few early hang-ups) answers fewer calls in time than
    exponential at a pool run close to its load."""
    text = """
[targets]
max_occupancy = 1.0
service_level = 0.7
max_abandon = 0.1
[[lines]]
name = "c"
aht = 300
patience = 60
{dist}
[[sites]]
name = "A"
hours = "24/7"
profile = "flat"
weekday_weights = "flat"
volume = {{ c = 40000 }}
"""
    levels = {}
    for dist in ("", 'patience_dist = "gamma"\npatience_cv = 0.5'):
        scenario = parse_scenario(text.format(dist=dist))
        design = compare(parse_scenario(text.format(dist=""))).designs["centralised"]
        levels[dist or "exponential"] = simulate(
            scenario, design, replications=4, max_calls=None
        ).summary["service_level"]
    assert levels["exponential"] > levels['patience_dist = "gamma"\npatience_cv = 0.5'] + 0.02
