"""How long the business case of a roadmap takes, and that ``sim.compare`` is as fast as before.

Run: ``PYTHONPATH=. python benchmarks/bench_plan.py [scenarios/provincial_roadmap.toml]``.
Prints, best of 3 cold runs (tours cache cleared): ``sim.compare`` of ``provincial.toml``;
``sim.compare`` of the roadmap file (the same scenario with a ``[plan]``); the business case of a
36-month plan (``plan.months = 36``) on that comparison, and with its comparison; the pipelines
the plan ran. The issue's target: a 36-month provincial plan under 2 s, ``compare`` unchanged.
"""

import sys
from pathlib import Path

from bench_pipeline import best_of

from sim import apply_overrides, compare, load_scenario
from sim.plan import business_case

ROOT = Path(__file__).parents[1]


def main(path: str) -> None:
    provincial = load_scenario(ROOT / "scenarios/provincial.toml")
    roadmap = apply_overrides(load_scenario(path), {"plan.months": 36})
    t_compare, _ = best_of(lambda: compare(provincial))
    t_roadmap, comparison = best_of(lambda: compare(roadmap))
    t_plan, case = best_of(lambda: business_case(roadmap, comparison))
    t_both, _ = best_of(lambda: business_case(roadmap))
    print(f"{'sim.compare provincial.toml':<52}{t_compare:8.2f} s")
    print(f"{'sim.compare of the roadmap file':<52}{t_roadmap:8.2f} s")
    print(f"{'business case, 36 months, given its comparison':<52}{t_plan:8.2f} s")
    print(f"{'business case, 36 months, with its comparison':<52}{t_both:8.2f} s")
    print(f"payback month {case.payback_month}, NPV {case.npv:,.0f} {roadmap.general.currency}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "scenarios/provincial_roadmap.toml"))
