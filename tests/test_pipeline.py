"""The analytic pipeline end to end: pooling arithmetic, exact breakdown, shipped scenario."""

import numpy as np
import pytest

from sim import compare, parse_scenario


def identical_sites(n_sites: int = 10, **workforce) -> dict:
    """Ten identical 24/7 sites each carrying a flat 10 Erlangs (AHT 300 s, 30-min intervals)."""
    calls_per_week = 10 / 300 * 3600 * 24 * 7
    return {
        "general": {"name": "identical", "interval_minutes": 30, "horizon_days": 7},
        "targets": {
            "service_level": 0.8,
            "threshold": 20,
            "model": "erlang_c",
            "max_occupancy": 1.0,
        },
        "workforce": {"min_agents_open": 0, "roster": "none", **workforce},
        "lines": [{"name": "calls", "aht": 300}],
        "sites": [
            {
                "name": f"site{i}",
                "hours": "24/7",
                "profile": "flat",
                "weekday_weights": "flat",
                "volume": {"calls": calls_per_week},
            }
            for i in range(n_sites)
        ],
    }


def test_ten_identical_sites_pool_to_the_erlang_difference():
    result = compare(parse_scenario(identical_sites()))
    scattered = result.designs["scattered"].plan.erlang_agents
    pooled = result.designs["centralised"].plan.erlang_agents
    np.testing.assert_array_equal(scattered.sum(axis=0), 140)
    np.testing.assert_array_equal(pooled.sum(axis=0), 108)
    savings = result.savings.loc["centralised"]
    assert savings["pooling"] == pytest.approx(
        savings["headcount"] - savings["sites_closed"] - savings["rounding"]
    )


def test_saving_against_the_measured_baseline_and_doubtful_sites():
    data = identical_sites(n_sites=2)
    data["sites"][0]["current_headcount"] = 40.0
    result = compare(parse_scenario(data))
    base = result.baseline.set_index("site")
    modelled = base["modelled_headcount"]
    assert base.loc["site0", "gap"] == pytest.approx(40.0 - modelled["site0"])
    assert base.loc["site1", "current_headcount"] is None or np.isnan(
        base.loc["site1", "current_headcount"]
    )
    today = 40.0 + modelled["site1"]  # a site without a measured figure counts as modelled
    after = result.summary.loc["centralised", "headcount_total"]
    saved = result.savings.loc["centralised"]
    assert saved["headcount_vs_measured"] == pytest.approx(today - after)
    assert saved["percent_vs_measured"] == pytest.approx(100 * (today - after) / today)
    out = result.to_dict()
    assert out["savings"]["headcount_vs_measured"] == pytest.approx(today - after)
    assert [s["site"] for s in out["baseline"]["sites"]] == ["site0", "site1"]


def test_a_site_that_looks_unlike_a_real_centre_is_named():
    data = identical_sites(n_sites=2)
    data["workforce"]["min_agents_open"] = 40  # minimum cover far above the 10 Erlangs
    result = compare(parse_scenario(data))
    warning = result.baseline.set_index("site").loc["site0", "warning"]
    assert "occupancy" in warning and "min_agents_open" in warning
    assert any(
        "of today's sites as modelled have occupancy under 50%" in n
        for n in result.assumption_notes()
    )
