"""Sweeps: designs, identity and seeds, same rows on any executor, resume, bad points."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sim import apply_overrides, compare, load_scenario
from sim.cli import main
from sim.comparison import CAUSES
from sim.sweep import cross, expand, latin_hypercube, parse_grid, run, span
from sim.sweep.executors import open_executor
from sim.sweep.points import make_points
from sim.sweep.storage import PartStore, rows_table

SCENARIO = Path(__file__).parents[1] / "scenarios" / "provincial.toml"
CHEAP = {"general.horizon_days": 1, "workforce.roster": "none"}
GRID = {
    "targets.service_level": [0.8, 0.9],
    "design.aht_change": [0.0, 0.1],
    "sites[*].volume_scale": [1.0, 1.3],
}
VOLATILE = ["run_time", "cpu_time"]


@pytest.fixture(scope="module")
def base():
    """The shipped provincial scenario, one day without rosters (about 0.1 s per point)."""
    return apply_overrides(load_scenario(SCENARIO), CHEAP)


@pytest.fixture(scope="module")
def reference(base):
    """The grid run on one local worker process, without an output file."""
    return run(base, GRID, executor=1, progress=False)


def stable(table: pd.DataFrame) -> pd.DataFrame:
    return table.drop(columns=VOLATILE)


# --- designs -------------------------------------------------------------------------------------


def test_grid_is_the_full_factorial_first_key_slowest():
    points = expand({"a.x": [1, 2], "b.y": np.array([0.5, 0.75])})
    assert points == [
        {"a.x": 1, "b.y": 0.5},
        {"a.x": 1, "b.y": 0.75},
        {"a.x": 2, "b.y": 0.5},
        {"a.x": 2, "b.y": 0.75},
    ]
    assert all(type(p["b.y"]) is float for p in points)


def test_list_of_dicts_is_taken_as_given():
    design = [{"targets.service_level": 0.8}, {"design.hub": "Provincial centre"}]
    assert expand(design) == design


@pytest.mark.parametrize(
    ("grid", "message"),
    [
        ({"targets.service_level": 0.8}, "grid.targets.service_level: must be a list"),
        ({"targets.service_level": []}, "empty list"),
        ("targets.service_level", "must be a dict"),
        ([{"a": 1}, 3], r"grid\[1\]: must be a dict"),
    ],
)
def test_bad_grid_names_the_problem(grid, message):
    with pytest.raises(ValueError, match=message):
        expand(grid)


def test_span_by_number_and_by_step():
    assert span(0, 0.15, num=4) == pytest.approx([0.0, 0.05, 0.1, 0.15])
    assert span(0, 1, step=0.25) == [0.0, 0.25, 0.5, 0.75, 1.0]
    with pytest.raises(ValueError, match="whole number"):
        span(0, 1, step=0.3)
    with pytest.raises(ValueError, match="exactly one"):
        span(0, 1)


def test_latin_hypercube_uses_every_slice_once_and_repeats_with_its_seed():
    bounds = {"design.aht_change": [0.0, 0.15], "workforce.min_agents_open": [1, 4]}
    points = latin_hypercube(bounds, 8, seed=3, integers=["workforce.min_agents_open"])
    aht = np.array([p["design.aht_change"] for p in points])
    slices = np.floor(aht / 0.15 * 8).astype(int)
    assert sorted(slices) == list(range(8))
    agents = [p["workforce.min_agents_open"] for p in points]
    assert all(type(a) is int and 1 <= a <= 4 for a in agents)
    assert sorted(agents) == [1, 1, 2, 2, 3, 3, 4, 4]
    assert latin_hypercube(bounds, 8, seed=3, integers=["workforce.min_agents_open"]) == points
    assert latin_hypercube(bounds, 8, seed=4) != points


def test_cross_merges_and_refuses_a_key_twice():
    assert cross({"a": [1, 2]}, [{"b": 3}]) == [{"a": 1, "b": 3}, {"a": 2, "b": 3}]
    with pytest.raises(ValueError, match="set twice"):
        cross({"a": [1]}, [{"a": 2}])


def test_grid_file_combines_grid_ranges_sample_and_points():
    points = parse_grid(
        """
        [grid]
        "targets.service_level" = [0.8, 0.9]
        [ranges]
        "design.aht_change" = { start = 0.0, stop = 0.1, step = 0.05 }
        [sample]
        n = 2
        seed = 1
        bounds = { "design.cross_trained" = [0.0, 1.0] }
        [[points]]
        "lines[customer_service].patience" = 60
        [[points]]
        "lines[customer_service].patience" = 120
        """
    )
    assert len(points) == 2 * 3 * 2 * 2
    assert points[0]["design.aht_change"] == 0.0
    assert {p["lines[customer_service].patience"] for p in points} == {60, 120}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[gird]\nx = [1]", "unknown tables"),
        ('[ranges]\n"x" = { start = 0, stop = 1 }', "ranges.x: "),
        ('[ranges]\n"x" = { start = 0, stop = 1, num = 2, stride = 1 }', "unknown: stride"),
        ("[sample]\nn = 3", "sample: needs n"),
        ("[sample]\nn = 3\nbounds = { x = [1, 0] }", "sample.bounds.x"),
        ('[grid]\n"x" = [1]\n[ranges]\n"x" = { start = 0, stop = 1, num = 2 }', "both in"),
        ("[grid\n", "TOML syntax"),
    ],
)
def test_bad_grid_file_names_the_table_and_key(text, message):
    with pytest.raises(ValueError, match=message):
        parse_grid(text)


# --- identity and seeds --------------------------------------------------------------------------


def test_point_key_and_seed_follow_the_inputs_not_the_position(base):
    first = make_points(base, expand({"design.aht_change": [0.0, 0.1]}), "analytic", 1)
    moved = make_points(base, [{"design.aht_change": 0.1}], "analytic", 1)
    assert moved[0].key == first[1].key
    assert moved[0].seed == first[1].seed
    assert first[0].seed != first[1].seed
    assert 0 <= first[0].seed < 2**63
    des = make_points(base, [{"design.aht_change": 0.1}], "des", 10)
    assert des[0].key != moved[0].key


# --- running -------------------------------------------------------------------------------------


def test_rows_hold_inputs_outputs_digest_seed_and_match_compare(base, reference):
    assert len(reference) == 8
    assert list(reference["point"]) == list(range(8))
    assert reference["error"].isna().all()
    row = reference.iloc[5]
    variant = apply_overrides(
        base, {key: row[key] for key in ("targets.service_level", *list(GRID)[1:])}
    )
    result = compare(variant)
    assert row["scenario_digest"] == variant.digest()
    assert (
        row["centralised.headcount_total"] == result.summary.loc["centralised", "headcount_total"]
    )
    assert row["saving.centralised.headcount"] == result.savings.loc["centralised", "headcount"]
    for column in (
        "scattered.service_level",
        "centralised.abandon_rate",
        "centralised.occupancy",
        "centralised.annual_cost",
        "saving.centralised.pooling",
    ):
        assert column in reference
    assert (reference["run_time"] > 0).all()
    assert (reference["cpu_time"] > 0).all()
    assert reference["seed"].nunique() == 8


def test_two_processes_give_the_same_rows(base, reference):
    pd.testing.assert_frame_equal(
        stable(run(base, GRID, executor=2, progress=False)), stable(reference)
    )


def test_headline_engine_leaves_out_the_explanations_and_nothing_else(base, reference):
    lean = run(base, GRID, engine="analytic_headline", executor=1, progress=False)
    left_out = [
        c
        for c in reference
        if c.endswith(".headcount_total_uncapped")
        or (c.startswith("saving.") and c.split(".")[-1] in CAUSES)
    ]
    assert len(left_out) > len(CAUSES)
    assert not set(left_out) & set(lean)
    same = stable(reference).drop(columns=[*left_out, "engine", "point_key", "seed"])
    pd.testing.assert_frame_equal(stable(lean).drop(columns=["engine", "point_key", "seed"]), same)


@pytest.mark.parametrize(("processes", "workers"), [(True, 1), (False, 2)])
def test_dask_local_cluster_gives_the_same_rows(base, reference, processes, workers):
    """With ``processes=True`` every task and result is pickled to another process."""
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=processes,
            dashboard_address=None,
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        table = run(base, GRID, executor=client.get_executor(pure=False), progress=False)
    pd.testing.assert_frame_equal(stable(table), stable(reference))


def test_invalid_points_are_recorded_and_the_sweep_goes_on(base):
    design = [
        {"targets.service_level": 0.85},
        {"targets.service_level": 1.5},
        {"sites[Atlantis].volume_scale": 2.0},
        {"targets.service_level": 0.9},
    ]
    table = run(base, design, executor=1, progress=False)
    assert list(table["error"].isna()) == [True, False, False, True]
    assert table.loc[1, "error"] == "targets.service_level: must be < 1.0, got 1.5"
    assert "sites[Atlantis].volume_scale: no element named 'Atlantis'" in table.loc[2, "error"]
    assert table.loc[1, "scenario_digest"] is None or pd.isna(table.loc[1, "scenario_digest"])
    assert table["centralised.headcount_total"].notna().tolist() == [True, False, False, True]


def test_kill_and_resume_computes_each_point_exactly_once(base, reference, tmp_path, monkeypatch):
    out = tmp_path / "results.parquet"
    original = PartStore.write
    written: list[int] = []

    def dies_after_three_points(self, rows):
        if sum(written) >= 3:
            raise KeyboardInterrupt("test hook: killed part-way")
        original(self, rows)
        written.append(len(rows))

    monkeypatch.setattr(PartStore, "write", dies_after_three_points)
    with pytest.raises(KeyboardInterrupt):
        run(base, GRID, executor=2, out=out, progress=False)
    monkeypatch.setattr(PartStore, "write", original)
    stored = len(PartStore(out).done_keys())
    assert 3 <= stored < 8
    assert not out.exists()

    table = run(base, GRID, executor=2, out=out, progress=False)
    assert table.attrs == {"computed_points": 8 - stored, "stored_points": stored}
    pd.testing.assert_frame_equal(stable(table), stable(reference))
    on_disk = pd.read_parquet(out)
    pd.testing.assert_frame_equal(stable(on_disk), stable(reference))
    parts = PartStore(out).read()
    assert sorted(parts["point_key"]) == sorted(reference["point_key"])

    again = run(base, GRID, executor=2, out=out, progress=False)
    assert again.attrs["computed_points"] == 0
    pd.testing.assert_frame_equal(again, table)


def test_a_larger_grid_reuses_the_stored_points(base, tmp_path):
    out = tmp_path / "results.parquet"
    first = run(base, {"targets.service_level": [0.8, 0.9]}, executor=1, out=out, progress=False)
    wider = {"targets.service_level": [0.8, 0.9, 0.95]}
    table = run(base, wider, executor=1, out=out, progress=False)
    assert table.attrs == {"computed_points": 1, "stored_points": 2}
    assert table["error"].isna().all()
    pd.testing.assert_frame_equal(table.iloc[:2], first)


def test_des_engine_gives_one_row_per_replication_on_any_executor(base, tmp_path):
    small = apply_overrides(base, {"sites": base.model_dump(mode="json")["sites"][:2]})
    design = {"sites[*].volume_scale": [0.1, 0.15], "targets.service_level": [0.8]}
    out = tmp_path / "both.parquet"
    table = run(small, design, engine="des", replications=2, executor=1, out=out, progress=False)
    assert list(table["point"]) == [0, 0, 1, 1]
    assert list(table["replication"]) == [0, 1, 0, 1]
    assert table["error"].isna().all()
    one = table.iloc[0]
    assert one["sim.centralised.offered"] == one["sim.scattered.offered"]  # same callers
    assert 0 < one["sim.centralised.service_level_mean"] <= 1
    assert one["centralised.headcount_total"] > 0
    again = run(small, design, engine="des", replications=2, executor=2, progress=False)
    pd.testing.assert_frame_equal(stable(again), stable(table))
    analytic = run(small, design, executor=1, out=out, progress=False)
    assert analytic.attrs["computed_points"] == 2
    assert "replication" not in analytic
    assert not any(column.startswith("sim.") for column in analytic)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"engine": "erlang"}, "engine: must be one of analytic, analytic_headline, des"),
        ({"replications": 5}, "replications: only for engine='des'"),
        ({"engine": "des", "replications": 1}, "replications: must be a whole number >= 2"),
        ({"executor": 0}, "executor: number of worker processes must be >= 1"),
        ({"executor": "dask"}, "executor: must be None"),
        ({"grid": []}, "grid: the design has no points"),
        ({"grid": [{"error": 1}]}, r"grid: \['error'\] are result columns"),
    ],
)
def test_bad_arguments_fail_before_any_point_runs(base, kwargs, message):
    with pytest.raises(ValueError, match=message):
        run(base, **{"grid": GRID, "progress": False, **kwargs})


def test_list_values_are_stored_as_json_text():
    rows = [{"x": "retail", "z": 1}, {"x": [1.0, 2.0], "z": 2.5}, {"y": True}]
    assert rows_table(rows).to_pydict() == {
        "x": ["retail", "[1.0, 2.0]", None],
        "z": [1.0, 2.5, None],
        "y": [None, None, True],
    }


def test_a_key_mixing_numbers_and_text_is_refused(base):
    with pytest.raises(ValueError, match=r"grid.design.hub: mixes numbers and text or lists"):
        run(base, {"design.hub": ["Provincial centre", 3]}, progress=False)


# --- command line --------------------------------------------------------------------------------


def test_cli_sweep_writes_parquet_and_resumes(tmp_path, capsys):
    grid = tmp_path / "grid.toml"
    grid.write_text(
        '[grid]\n"general.horizon_days" = [1]\n"workforce.roster" = ["none"]\n'
        '"targets.service_level" = [0.8, 1.5]\n'
    )
    out = tmp_path / "r.parquet"
    argv = ["sweep", str(SCENARIO), "--grid", str(grid), "--out", str(out), "--workers", "1"]
    assert main([*argv, "--no-progress"]) == 0
    report = capsys.readouterr().out
    assert "2 points (2 computed now, 0 already stored, 1 invalid)" in report
    assert "invalid: targets.service_level: must be < 1.0, got 1.5" in report
    table = pd.read_parquet(out)
    assert list(table["targets.service_level"]) == [0.8, 1.5]
    assert main([*argv, "--no-progress"]) == 0
    assert "(0 computed now, 2 already stored" in capsys.readouterr().out


def test_cli_sweep_bad_grid_exits_2(tmp_path, capsys):
    grid = tmp_path / "grid.toml"
    grid.write_text("[grids]\nx = [1]\n")
    out = tmp_path / "r.parquet"
    assert main(["sweep", str(SCENARIO), "--grid", str(grid), "--out", str(out)]) == 2
    assert "error: grid file: unknown tables ['grids']" in capsys.readouterr().err


def test_cli_sweep_interrupted_says_how_to_resume(tmp_path, capsys, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("sim.cli.sweep.run", interrupted)
    grid = tmp_path / "grid.toml"
    grid.write_text('[grid]\n"targets.service_level" = [0.8]\n')
    out = tmp_path / "r.parquet"
    assert main(["sweep", str(SCENARIO), "--grid", str(grid), "--out", str(out)]) == 130
    assert "rerun the same command" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"workers": 0}, "workers: must be >= 1"),
        ({"cluster": "tcp://127.0.0.1:1", "dask_local": True}, "either a cluster address"),
    ],
)
def test_open_executor_refuses_bad_options(kwargs, message):
    with pytest.raises(ValueError, match=message), open_executor(**kwargs):
        pass
