"""Risk next to the saving (``sim.risk``): the ``[risk]`` table, the tornado, the bands and the
resilience shocks, their monotone properties on the shipped scenarios, reproducibility (same
seed, same bytes; one worker or two, the same rows), the CLI and the charts.
"""

import itertools
import json
from pathlib import Path

import numpy as np
import pytest

import sim
from sim import charts
from sim.cli import main
from sim.risk import ASSUMPTIONS, analyse, assumptions, bands, resilience, with_settings
from sim.scenario import ScenarioError

ROOT = Path(__file__).parents[1]
SCENARIOS = ROOT / "scenarios"

SMALL = """
lines = [{ name = "billing", aht = 240 }]
sites = [
  { name = "North", volume = { billing = 2000 } },
  { name = "South", volume = { billing = 1500 } },
]
hubs = [{ name = "East" }, { name = "West" }]

[general]
name = "Two small towns"
interval_minutes = 60
horizon_days = 2

[workforce]
shift_lengths = [8.0, 4.0]

[design]
aht_change = 0.03
alternatives = [{ name = "two_hubs", kind = "hubs", hubs = { East = ["North"], West = ["South"] } }]

[risk]
samples = 6
replications = 2
"""


def _shipped(name: str) -> sim.Scenario:
    return sim.load_scenario(SCENARIOS / f"{name}.toml")


@pytest.fixture(scope="module")
def small_report():
    comparison = sim.compare(sim.parse_scenario(SMALL))
    return analyse(comparison, executor=1, workers=1, progress=False)


def test_risk_table_is_optional_validated_and_round_trips():
    scenario = _shipped("provincial")
    assert scenario.risk is None and scenario.risk_settings.samples == 200
    golden = json.loads((ROOT / "tests" / "golden" / "provincial.json").read_text())
    assert scenario.digest() == golden["scenario_digest"]
    edited = with_settings(scenario, {"samples": 50, "ranges.volume": [0.8, 1.2]})
    assert edited.risk.ranges.volume == (0.8, 1.2)
    assert sim.parse_scenario(edited.to_toml()) == edited
    for edits, message in (
        ({"ranges.volume": [1.2, 0.8]}, "risk.ranges.volume: low must be <= high"),
        ({"ranges.aht": [0.0, 1.0]}, "risk.ranges.aht[0]: must be > 0.0"),
        ({"outage_share": 1.5}, "risk.outage_share: must be <= 1.0"),
        ({"shock_day": "someday"}, "risk.shock_day: must be one of"),
    ):
        with pytest.raises(ScenarioError, match=message.replace("[", r"\[")):
            with_settings(scenario, edits)


def test_assumptions_cover_the_named_ones_with_ranges_around_the_base():
    items = {item.name: item for item in assumptions(_shipped("provincial"))}
    # provincial's contracts list their own shift lengths: that assumption is not varied
    assert set(items) == set(ASSUMPTIONS) - {"shift_lengths"}
    for item in items.values():
        if item.numeric:
            assert item.low <= item.base <= item.high, item.name
    assert items["aht_change"].low == pytest.approx(0.0)
    lengths = {item.name: item for item in assumptions(_shipped("follow_the_sun"))}["shift_lengths"]
    assert lengths.low == (8.0,)
    assert lengths.high == (8.0, 6.0, 4.0)
    erlang_c = sim.apply_overrides(
        _shipped("shared_services"), {"targets.model": "erlang_c", "targets.max_abandon": None}
    )
    assert "patience" not in {item.name for item in assumptions(erlang_c)}


def test_tornado_is_sorted_by_swing_with_the_base_inside_each_bar(small_report):
    table = small_report.tornado
    assert list(table["assumption"]) == sorted(
        table["assumption"],
        key=lambda a: -table.set_index("assumption").loc[a, "swing_saving_headcount"],
    )
    assert set(table["assumption"]) == set(ASSUMPTIONS)
    base = small_report.comparison.savings.loc["centralised", "headcount"]
    assert (table["saving_headcount_base"] == base).all()
    cost = table.set_index("assumption").loc["cost_per_fte"]
    assert cost["saving_headcount_low"] == cost["saving_headcount_high"] == base
    assert cost["saving_annual_cost_low"] < cost["saving_annual_cost_high"]


@pytest.mark.parametrize(
    "name",
    [
        "provincial",
        *(
            pytest.param(n, marks=pytest.mark.slow)
            for n in ("national_hubs", "shared_services", "team_size", "follow_the_sun")
        ),
    ],
)
def test_a_higher_aht_change_never_raises_the_saving(name):
    scenario = _shipped(name)
    saved = [
        sim.compare(sim.apply_overrides(scenario, {"design.aht_change": change})).savings[
            "headcount"
        ]
        for change in (-0.05, 0.0, 0.05, 0.1, 0.15)
    ]
    for before, after in itertools.pairwise(saved):
        assert (after <= before + 1e-9).all(), (before, after)


def test_bands_are_ordered_and_the_same_on_one_or_two_workers():
    comparison = sim.compare(_shipped("provincial"))
    one = bands(comparison, samples=6, seed=3, executor=1, progress=False)
    two = bands(comparison, samples=6, seed=3, executor=2, progress=False)
    assert one.table.equals(two.table) and one.draws.equals(two.draws)
    assert one.used == 6
    t = one.table
    assert (t["p10"] <= t["p50"]).all() and (t["p50"] <= t["p90"]).all()
    lhs = one.draws["volume"].to_numpy()
    assert lhs.min() >= 0.9 and lhs.max() <= 1.1
    assert one.below == {"centralised": 0.0}
    other = bands(comparison, samples=6, seed=4, executor=1, progress=False)
    assert not other.draws["volume"].equals(one.draws["volume"])


def test_a_shortfall_threshold_above_every_draw_has_probability_one(small_report):
    comparison = sim.compare(with_settings(sim.parse_scenario(SMALL), {"samples": 3}))
    result = bands(comparison, samples=3, seed=0, threshold=1e6, executor=1, progress=False)
    assert result.below == {"centralised": 1.0, "two_hubs": 1.0}


def test_a_larger_outage_never_improves_the_day():
    scenario = _shipped("provincial")
    levels, lost = [], []
    for share in (0.1, 0.25, 0.4):
        comparison = sim.compare(with_settings(scenario, {"outage_share": share}))
        row = resilience(
            comparison, designs=["centralised"], shocks=["outage"], replications=3, workers=1
        ).table.iloc[0]
        levels.append(row["service_level"])
        lost.append(row["calls_lost"])
    assert levels == sorted(levels, reverse=True)
    assert lost == sorted(lost)


def test_resilience_rows_and_the_single_hub_that_closes(small_report):
    res = small_report.resilience
    table = res.table
    assert res.day == "mon"
    assert set(table["shock"]) == {
        "none",
        "outage",
        "surge",
        "forecast",
        "hub_closed",
        "hub_closed_overflow",
    }
    closed = table[(table["shock"] == "hub_closed") & (table["design"] == "centralised")].iloc[0]
    assert closed["service_level"] == 0.0 and closed["calls_lost"] == closed["calls"]
    two = table[(table["shock"] == "hub_closed") & (table["design"] == "two_hubs")].iloc[0]
    assert two["service_level"] > 0.0 and two["calls_lost"] < two["calls"]
    assert set(table[table["shock"] == "forecast"]["period"]) == {"week"}
    for _, row in table.iterrows():
        assert 0.0 <= row["service_level"] <= 1.0 and row["service_level_hw"] >= 0.0
    intervals = res.intervals
    day = intervals[(intervals["shock"] == "none") & (intervals["design"] == "scattered")]
    assert len(day) == 24 and day["time"].iloc[0] == "Mon 00:00"
    assert intervals[intervals["shock"] == "forecast"].groupby("design").size().eq(48).all()


@pytest.mark.slow
def test_three_hubs_lose_fewer_calls_than_one_centre_when_a_hub_closes():
    comparison = sim.compare(_shipped("national_hubs"))
    table = resilience(
        comparison,
        designs=["centralised", "three_regional_hubs"],
        shocks=["outage", "hub_closed"],
        replications=3,
        workers=1,
    ).table.set_index(["shock", "design"])
    for shock in ("outage", "hub_closed"):
        assert (
            table.loc[(shock, "three_regional_hubs"), "calls_lost"]
            < table.loc[(shock, "centralised"), "calls_lost"]
        )


def _risk_json(tmp_path, capsys, *extra) -> str:
    path = tmp_path / "small.toml"
    path.write_text(SMALL)
    assert main(["risk", str(path), "--json", "--no-progress", *extra]) == 0
    return capsys.readouterr().out


def test_cli_json_has_the_acceptance_keys_and_same_seed_same_bytes(tmp_path, capsys):
    first = _risk_json(tmp_path, capsys, "--workers", "1", "--seed", "5")
    again = _risk_json(tmp_path, capsys, "--workers", "2", "--seed", "5")
    assert first == again
    data = json.loads(first)
    assert {"tornado", "bands", "resilience"} <= set(data)
    entry = data["tornado"][0]
    assert {"assumption", "low", "high", "saving_headcount_low", "saving_headcount_high"} <= set(
        entry
    )
    assert data["bands"]["seed"] == 5 and data["bands"]["samples_used"] == 6
    figure = data["bands"]["figures"][0]
    assert {"p10", "p50", "p90"} <= set(figure)
    shock = data["resilience"]["shocks"][0]
    assert {"service_level", "service_level_hw", "abandon_rate", "abandon_rate_hw"} <= set(shock)
    assert "calls_lost" in shock


def test_cli_ranges_and_outputs(tmp_path, capsys):
    out = tmp_path / "out"
    text = _risk_json(
        tmp_path,
        capsys,
        "--workers",
        "1",
        "--samples",
        "3",
        "--range",
        "volume=0.5,1.5",
        "--range",
        "shift_lengths=8/8,6,4",
        "--out",
        str(out),
    )
    volume = next(r for r in json.loads(text)["tornado"] if r["assumption"] == "volume")
    assert (volume["low"], volume["high"]) == (0.5, 1.5)
    for name in ("tornado.csv", "bands.csv", "resilience.csv", "risk.json", "tornado.png"):
        assert (out / name).is_file()
    assert (out / "risk_samples.parquet").is_file()


@pytest.mark.parametrize(
    ("option", "message"),
    [
        ("volume=1.2,0.8", "risk.ranges.volume: low must be <= high"),
        ("speed=1,2", "--range: expected NAME=LOW,HIGH"),
        ("aht=x,1", "--range: aht: values must be numbers"),
    ],
)
def test_cli_bad_range_exits_2_naming_it(tmp_path, capsys, option, message):
    path = tmp_path / "small.toml"
    path.write_text(SMALL)
    assert main(["risk", str(path), "--range", option]) == 2
    assert message in capsys.readouterr().err


def test_risk_charts_export_the_same_bytes(small_report):
    for build, fmt in (
        (lambda: charts.tornado_chart(small_report), "svg"),
        (lambda: charts.tornado_chart(small_report, "saving_annual_cost"), "pdf"),
        (lambda: charts.resilience_by_interval(small_report, "outage"), "png"),
    ):
        assert charts.export(build(), fmt) == charts.export(build(), fmt)
    with pytest.raises(sim.InputError, match="shock: 'typhoon'"):
        charts.resilience_by_interval(small_report, "typhoon")
    with pytest.raises(sim.InputError, match="figure: unknown"):
        charts.tornado_chart(small_report, "asa")


def test_outage_cuts_only_the_largest_location(small_report):
    table = small_report.resilience.table.set_index(["shock", "design"])
    assert table.loc[("outage", "scattered"), "location"] == "North"
    assert table.loc[("outage", "centralised"), "location"] == "East"
    assert np.isfinite(table["calls_lost"]).all()
