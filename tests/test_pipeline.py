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
