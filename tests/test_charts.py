"""Charts: the right series with titles and units, byte-stable exports, the charts subcommand."""

from concurrent.futures import ThreadPoolExecutor

import matplotlib.colors as mcolors
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle, StepPatch

from sim import compare, parse_scenario
from sim.charts import (
    FORMATS,
    agents_by_interval,
    all_charts,
    compare_designs,
    export,
    headcount_by_location,
    pooling_curve,
    save,
    savings_waterfall,
    service_by_interval,
)
from sim.charts.style import DESIGN_COLOURS
from sim.cli import main
from sim.comparison import CAUSES

NAME = "Tiny test province"


def small_scenario(n_sites: int = 11, model: str = "erlang_a") -> dict:
    """Eleven one-line town centres (12 hours a day) merged into one hub; one day, no roster."""
    targets = {"service_level": 0.8, "threshold": 20, "model": model}
    if model == "erlang_a":
        targets["max_abandon"] = 0.05
    return {
        "general": {"name": NAME, "interval_minutes": 60, "horizon_days": 1, "currency": "EUR"},
        "targets": targets,
        "workforce": {"roster": "none", "min_agents_open": 2},
        "lines": [{"name": "calls", "aht": 300, "patience": 120}],
        "sites": [
            {"name": f"Town {i}", "hours": "08:00-20:00", "volume": {"calls": 2000 + 300 * i}}
            for i in range(n_sites)
        ],
        "hubs": [{"name": "Hub"}],
        "design": {"hub": "Hub", "aht_change": 0.05},
    }


@pytest.fixture(scope="module")
def comparison():
    return compare(parse_scenario(small_scenario()))


def bars(ax) -> list[Rectangle]:
    return [p for p in ax.patches if isinstance(p, Rectangle)]


def lines(ax) -> list[Line2D]:
    return [line for line in ax.get_lines() if not line.get_label().startswith("_")]


def assert_chart(fig) -> None:
    """A Figure titled with the scenario name whose every axes holds data and has unit labels."""
    assert isinstance(fig, Figure)
    assert NAME in fig.get_suptitle()
    assert fig.axes
    for ax in fig.axes:
        assert ax.has_data()
        labels = [ax.get_xlabel(), ax.get_ylabel(), ax.get_title(loc="left")]
        assert any("(" in label and ")" in label for label in labels), labels


def same_colour(a, b) -> bool:
    return np.allclose(mcolors.to_rgb(a), mcolors.to_rgb(b))


def test_waterfall_steps_add_up_to_the_saving(comparison):
    fig = savings_waterfall(comparison)
    assert_chart(fig)
    (ax,) = fig.axes
    rects = sorted(bars(ax), key=lambda r: r.get_x())
    assert len(rects) == len(CAUSES) + 2
    start = comparison.summary.loc["scattered", "headcount_total"]
    end = comparison.summary.loc["centralised", "headcount_total"]
    assert rects[0].get_height() == pytest.approx(start)
    assert rects[-1].get_height() == pytest.approx(end)
    steps = [r.get_height() for r in rects[1:-1]]
    assert sum(steps) == pytest.approx(start - end)
    saving = comparison.savings.loc["centralised"]
    assert steps == pytest.approx([saving[c] for c in CAUSES])
    assert ax.get_ylabel() == "Headcount (FTE)"
    assert same_colour(rects[0].get_facecolor(), DESIGN_COLOURS["scattered"])
    assert same_colour(rects[-1].get_facecolor(), DESIGN_COLOURS["centralised"])
    texts = [t.get_text() for t in ax.texts]
    assert "adds" in " ".join(texts)  # the longer handle time after the move adds staff


def test_service_by_interval_one_line_per_design_and_targets(comparison):
    fig = service_by_interval(comparison)
    assert_chart(fig)
    top, bottom = fig.axes
    for ax in (top, bottom):
        series = lines(ax)
        assert [s.get_label() for s in series[:2]] == ["Scattered", "Centralised"]
        assert series[-1].get_linestyle() == "--"
        assert same_colour(series[0].get_color(), DESIGN_COLOURS["scattered"])
    assert top.get_lines()[-1].get_ydata()[0] == pytest.approx(0.8)
    assert bottom.get_lines()[-1].get_ydata()[0] == pytest.approx(0.05)
    assert "20 s" in top.get_ylabel()
    assert "scenario clock" in bottom.get_xlabel()
    assert "09:00" in [t.get_text() for t in bottom.get_xticklabels()]
    one = service_by_interval(comparison, ["centralised"])
    assert len(lines(one.axes[0])) == 2


def test_service_by_interval_erlang_c_has_no_abandonment_cap():
    result = compare(parse_scenario(small_scenario(n_sites=2, model="erlang_c")))
    fig = service_by_interval(result)
    assert_chart(fig)
    assert len(lines(fig.axes[1])) == 2  # two designs, no cap line
    assert "Erlang C" in fig.axes[0].get_title(loc="left")


def test_line_targets_and_thresholds_are_shown_as_the_pools_have_them():
    data = small_scenario(n_sites=2)
    data["lines"].append(
        {"name": "cards", "aht": 400, "patience": 120, "service_level": 0.9, "threshold": 15}
    )
    for site in data["sites"]:
        site["volume"]["cards"] = 1500
    result = compare(parse_scenario(data))
    top = service_by_interval(result).axes[0]
    targets = [line.get_ydata()[0] for line in lines(top) if line.get_linestyle() == "--"]
    assert targets == pytest.approx([0.8, 0.9])
    assert "each pool's threshold (15-20 s)" in top.get_ylabel()
    pooled = pooling_curve(result).axes[0]
    assert "Answered within 15 s" in pooled.get_ylabel()  # a cards site vs the pooled queue


def test_pooling_curve_shows_the_pooled_queue_needs_fewer_agents_per_erlang(comparison):
    fig = pooling_curve(comparison)
    assert_chart(fig)
    (ax,) = fig.axes
    site, pooled, target = lines(ax)
    assert "one site" in site.get_label() and "pooled (Hub)" in pooled.get_label()
    assert target.get_linestyle() == "--"
    markers = [line for line in ax.get_lines() if line.get_marker() == "o"]
    assert len(markers) == 2
    site_ratio, pooled_ratio = (m.get_xdata()[0] for m in markers)
    assert pooled_ratio < site_ratio
    assert "Erlangs" in ax.get_title(loc="left") and "Mon" in ax.get_title(loc="left")
    assert "agents / load" in ax.get_xlabel()


def test_agents_by_interval_stacks_pools_or_the_top_locations(comparison):
    central = agents_by_interval(comparison, "centralised")
    assert_chart(central)
    (ax,) = central.axes
    stacks = [p for p in ax.patches if isinstance(p, StepPatch) and p.get_fill()]
    assert [s.get_label() for s in stacks] == ["Hub"]
    scattered = agents_by_interval(comparison, "scattered")
    (ax,) = scattered.axes
    stacks = [p for p in ax.patches if isinstance(p, StepPatch) and p.get_fill()]
    labels = [s.get_label() for s in stacks]
    assert len(labels) == 9 and labels[-1] == "others (3)"
    assert labels[0] == "Town 10"  # biggest first
    total = stacks[-1].get_data().values
    required = comparison.intervals.query("design == 'scattered'").groupby("interval")
    np.testing.assert_allclose(total, required["required_agents"].sum().to_numpy())
    rostered = [p for p in ax.patches if isinstance(p, StepPatch) and not p.get_fill()]
    assert len(rostered) == 1
    assert ax.get_ylabel() == "Agents logged in (agents)"


def test_headcount_by_location_one_panel_per_design(comparison):
    fig = headcount_by_location(comparison)
    assert_chart(fig)
    scattered, central = fig.axes
    assert len(bars(scattered)) == 2 * 11  # agents + support per site
    assert len(bars(central)) == 2
    heights = sum(r.get_width() for r in bars(central))
    assert heights == pytest.approx(comparison.summary.loc["centralised", "headcount_total"])
    assert scattered.get_xlabel() == "Headcount (FTE)"


def test_compare_designs_one_panel_per_metric(comparison):
    fig = compare_designs(comparison.summary, name=NAME, currency="EUR")
    assert_chart(fig)
    assert len(fig.axes) == 3
    assert all(len(bars(ax)) == 2 for ax in fig.axes)
    assert "EUR" in fig.axes[1].get_title(loc="left")
    sweep = pd.DataFrame({"headcount_total": [10.0, 12.0, 9.0]}, index=["low", "mid", "high"])
    fig = compare_designs(sweep, ["headcount_total"], name=NAME)
    assert len(bars(fig.axes[0])) == 3


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda c: savings_waterfall(c, "scattered"), "design: unknown 'scattered'; allowed: "),
        (lambda c: agents_by_interval(c, "hubs"), "allowed: scattered, centralised"),
        (lambda c: pooling_curve(c, "nope"), "design: unknown 'nope'"),
        (lambda c: service_by_interval(c, []), "designs: give at least one"),
        (lambda c: compare_designs(c.summary, ["cost"]), "metrics: .*'cost'.*allowed: "),
        (lambda c: compare_designs(c.summary, ["kind"]), "not numeric 'kind'"),
    ],
)
def test_bad_arguments_name_the_allowed_values(comparison, call, match):
    with pytest.raises(ValueError, match=match):
        call(comparison)


def test_exports_are_valid_and_byte_identical_across_builds(comparison, tmp_path):
    magic = {"png": b"\x89PNG\r\n\x1a\n", "svg": b"<svg", "pdf": b"%PDF"}
    for fmt in FORMATS:
        first = export(savings_waterfall(comparison), fmt)
        second = export(savings_waterfall(comparison), fmt)
        assert magic[fmt] in first[:400]
        assert first == second, fmt
    preview = export(compare_designs(comparison.summary, name=NAME), "png", dpi=50)
    assert preview.startswith(magic["png"])
    path = save(compare_designs(comparison.summary, name=NAME), tmp_path / "designs.svg")
    assert path.read_bytes().lstrip().startswith(b"<?xml")


def test_charts_built_in_parallel_threads_are_identical(comparison):
    def build(_):
        return export(pooling_curve(comparison), "svg")

    with ThreadPoolExecutor(max_workers=3) as pool:
        results = list(pool.map(build, range(3)))
    assert results[0] == results[1] == results[2]


def test_export_rejects_unknown_formats(comparison):
    fig = compare_designs(comparison.summary, name=NAME)
    with pytest.raises(ValueError, match=r"format: unknown 'jpg'; allowed: png, svg, pdf"):
        export(fig, "jpg")
    with pytest.raises(ValueError, match="format: unknown 'txt'"):
        save(fig, "chart.txt")


def test_all_charts_names_every_design(comparison):
    charts = all_charts(comparison)
    assert list(charts) == [
        "savings_waterfall_centralised",
        "service_by_interval",
        "pooling_curve",
        "agents_by_interval_scattered",
        "agents_by_interval_centralised",
        "headcount_by_location",
        "compare_designs",
    ]
    for fig in charts.values():
        assert_chart(fig)


def test_cli_writes_every_chart(tmp_path, capsys):
    scenario = tmp_path / "tiny.toml"
    scenario.write_text(parse_scenario(small_scenario(n_sites=3)).to_toml())
    out = tmp_path / "charts"
    assert main(["charts", str(scenario), "--out", str(out), "--format", "svg"]) == 0
    written = sorted(p.name for p in out.iterdir())
    assert "pooling_curve.svg" in written and len(written) == 7
    assert capsys.readouterr().out.count(".svg") == 7


def test_cli_bad_format_exits_2(tmp_path, capsys):
    scenario = tmp_path / "tiny.toml"
    scenario.write_text(parse_scenario(small_scenario(n_sites=3)).to_toml())
    args = ["charts", str(scenario), "--out", str(tmp_path / "x"), "--format", "png,gif"]
    assert main(args) == 2
    assert "format: unknown 'gif'; allowed: png, svg, pdf" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()
