"""Charts of a comparison: print-quality matplotlib figures in one house style.

A planner presenting a consolidation case needs a handful of pictures: where the saved headcount
comes from (:func:`savings_waterfall`), that service holds interval by interval
(:func:`service_by_interval`), why one big queue needs fewer agents per Erlang
(:func:`pooling_curve`), the staffing curve of each design (:func:`agents_by_interval`), people per
building (:func:`headcount_by_location`) and the headline figures side by side
(:func:`compare_designs`); beside the saving, its risk: the tornado of the assumptions
(:func:`tornado_chart`) and a shocked day per interval (:func:`resilience_by_interval`); for a
roadmap, its business case (``sim.charts.plan``: :func:`waves_gantt`, :func:`people_over_time`,
:func:`cash_flow_chart`, :func:`savings_by_source_chart`).
Every function returns a ``matplotlib.figure.Figure`` (never pyplot state, so the app can serve
several users at once) titled with the scenario name and what it shows, with units on every axis;
:func:`export` turns it into PNG (300 dpi), SVG or PDF bytes that are identical for identical
figures, :func:`save` writes a file, and :func:`all_charts` builds the full set for the CLI
(``python -m sim charts``) and the app.
"""

import re

from matplotlib.figure import Figure

from sim.charts.designs import compare_designs
from sim.charts.export import FORMATS, export, save
from sim.charts.plan import (
    cash_flow_chart,
    people_over_time,
    plan_charts,
    savings_by_source_chart,
    waves_gantt,
)
from sim.charts.pooling import pooling_curve
from sim.charts.risk import resilience_by_interval, tornado_chart
from sim.charts.savings import savings_waterfall
from sim.charts.service import service_by_interval
from sim.charts.staffing import agents_by_interval, headcount_by_location
from sim.comparison import Comparison

__all__ = [
    "FORMATS",
    "agents_by_interval",
    "all_charts",
    "cash_flow_chart",
    "compare_designs",
    "export",
    "headcount_by_location",
    "people_over_time",
    "plan_charts",
    "pooling_curve",
    "resilience_by_interval",
    "save",
    "savings_by_source_chart",
    "savings_waterfall",
    "service_by_interval",
    "tornado_chart",
    "waves_gantt",
]


def _slugs(designs: list[str]) -> dict[str, str]:
    """File-safe, distinct name of each design (``"Hubs (3)"`` -> ``"Hubs_3"``)."""
    out: dict[str, str] = {}
    for design in designs:
        slug = base = re.sub(r"[^A-Za-z0-9_-]+", "_", design).strip("_") or "design"
        k = 2
        while slug in out.values():
            slug, k = f"{base}_{k}", k + 1
        out[design] = slug
    return out


def all_charts(comparison: Comparison) -> dict[str, Figure]:
    """Every chart of a comparison, by a file-safe name.

    Names: ``savings_waterfall_<design>`` per alternative design, ``service_by_interval``,
    ``pooling_curve`` (centralised), ``agents_by_interval_<design>`` per design,
    ``headcount_by_location`` and ``compare_designs``; ``<design>`` is the design name with
    anything but letters, digits, ``_`` and ``-`` replaced by ``_`` (and a ``_2`` suffix should two
    designs then share a name).
    """
    designs = list(comparison.designs)
    slug = _slugs(designs)
    alternatives = [d for d in designs if d != "scattered"]
    charts = {
        f"savings_waterfall_{slug[d]}": savings_waterfall(comparison, d) for d in alternatives
    }
    charts["service_by_interval"] = service_by_interval(comparison)
    charts["pooling_curve"] = pooling_curve(comparison)
    charts.update(
        {f"agents_by_interval_{slug[d]}": agents_by_interval(comparison, d) for d in designs}
    )
    charts["headcount_by_location"] = headcount_by_location(comparison)
    charts["compare_designs"] = compare_designs(
        comparison.summary,
        name=comparison.scenario.general.name,
        currency=comparison.scenario.general.currency,
    )
    return charts
