"""How long ``sim.roster.build_roster`` takes, and how close to optimal it gets.

Three parts:

1. **Grid**: one roster per pool size (small ~10, site ~100, hub ~1,000 agents at the peak),
   interval length (15, 30, 60 min) and horizon (one day, not cyclic; one 24/7 week, cyclic), with
   shift lengths 6, 8 and 10 h (a 60-min break in the 8 and 10 h shifts, anywhere in the default
   window: 2 h after log-in to 2 h before log-out) and starts in every interval. Prints the
   wall and CPU time (best of ``--repeats``; a run slower than 1 s is not
   repeated), the number of intervals, the status, the proven gap and the roster efficiency.
2. **Planner's week**: what the full-week comparison rosters: ten site pools of about 100 agents
   plus one pooled hub of about 1,000, 30-min intervals (336), shifts (6, 8, 10) h with breaks,
   24/7 and cyclic, or (``--hours``) sites open 08:00-20:00 with a 24/7 hub. Prints the total of
   the eleven rosters (best of ``--repeats``); the target is well under 2 s on 2 cores. On a
   shared machine the CPU time is the steadier figure.
3. **Hard pools**: 24/7 pools with one 8 h shift length (its break makes rounding the LP hard):
   the scattered design of ``scenarios/follow_the_sun.toml`` with ``shift_lengths = [8.0]``, and of
   ``scenarios/team_size.toml`` with every site 24/7 on the emergency profile (ten identical
   pools, so the roster cache solves one). Prints each pool's CPU time, status and gap, and the
   total with a cold cache.

Every timed call starts with an empty roster cache (:func:`sim.roster.clear_cache`), except the
hard pools' total, which shows what the cache saves.

The requirement is synthetic and seeded: two daily peaks (10:30 and 15:00), weekends at 60 %, a
floor of 2 agents, 5 % noise. Run from the project root::

    /work/venv/bin/python benchmarks/bench_roster.py [--repeats 3] [--hours]
"""

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sim import apply_overrides, load_scenario
from sim.demand import build_demand
from sim.pipeline import roster_pools, scenario_model
from sim.roster import ShiftRules, build_roster, clear_cache
from sim.staffing import staff
from sim.topology import build_topology

ROOT = Path(__file__).resolve().parents[1]
HARD = {
    "follow_the_sun, 8 h shifts only": (
        "scenarios/follow_the_sun.toml",
        {"workforce.shift_lengths": [8.0]},
    ),
    "team_size, sites 24/7 emergency": (
        "scenarios/team_size.toml",
        {"sites[*].hours": "24/7", "sites[*].profile": "emergency"},
    ),
}

RULES = ShiftRules(lengths_hours=(6.0, 8.0, 10.0), break_minutes=60, break_after_hours=6.0)
POOLS = {"small": 10, "site": 100, "hub": 1_000}
SLOW_SECONDS = 1.0


def requirement(days: int, interval_minutes: int, peak: float, seed: int) -> np.ndarray:
    """Agents needed per interval: two daily peaks, quieter weekend, floor of 2, 5 % noise."""
    rng = np.random.default_rng(seed)
    hours = np.arange(days * 24 * 60 // interval_minutes) * interval_minutes / 60.0
    clock, day = hours % 24, hours // 24
    shape = np.exp(-(((clock - 10.5) / 2.5) ** 2)) + 0.8 * np.exp(-(((clock - 15.0) / 2.5) ** 2))
    level = peak * shape / shape.max() * np.where(day % 7 >= 5, 0.6, 1.0)
    return np.maximum(np.ceil(level * (1 + 0.05 * rng.standard_normal(hours.size))), 2)


def timed(func, repeats: int):
    """Best wall and CPU time (s) of up to ``repeats`` calls (one if slow), and the last result."""
    wall, cpu, result = float("inf"), float("inf"), None
    for _ in range(repeats):
        clear_cache()
        start, start_cpu = time.perf_counter(), time.process_time()
        result = func()
        wall = min(wall, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
        if wall > SLOW_SECONDS:
            break
    return wall, cpu, result


def grid(repeats: int) -> None:
    print("Grid: shifts 6/8/10 h, 60-min break after 6 h, start every interval, time_limit 5 s")
    print(f"{'pool':<7}{'peak':>6}{'min':>5} {'horizon':<12}{'T':>5}{'wall ms':>9}{'cpu ms':>8}"
          f"  {'status':<11}{'gap':>7}{'eff':>7}{'shifts':>8}")  # fmt: skip
    for name, peak in POOLS.items():
        for minutes in (15, 30, 60):
            for days, cyclic, label in ((1, False, "day"), (7, True, "week cyclic")):
                required = requirement(days, minutes, peak, seed=minutes + days)
                seconds, cpu, roster = timed(
                    lambda r=required, m=minutes, c=cyclic: build_roster(
                        r, interval_minutes=m, rules=RULES, cyclic=c
                    ),
                    repeats,
                )
                print(
                    f"{name:<7}{peak:>6}{minutes:>5} {label:<12}{required.size:>5}"
                    f"{seconds * 1000:>9.1f}{cpu * 1000:>8.1f}  {roster.status:<11}"
                    f"{roster.gap:>7.2%}{roster.efficiency:>7.3f}{roster.shifts.agents.sum():>8}"
                )


def planner_week(repeats: int, opening_hours: bool) -> None:
    minutes, days = 30, 7
    sites = [requirement(days, minutes, 100 * (0.85 + 0.03 * k), seed=k) for k in range(10)]
    site_open = None
    if opening_hours:
        clock = (np.arange(days * 48) % 48) / 2.0
        site_open = (clock >= 8) & (clock < 20)
        sites = [np.where(site_open, r, 0) for r in sites]
    hub = np.ceil(0.85 * np.sum(sites, axis=0))  # pooling needs fewer agents than the sum

    def run():
        rosters = [
            build_roster(r, interval_minutes=minutes, rules=RULES, open_mask=site_open, cyclic=True)
            for r in sites
        ]
        return [*rosters, build_roster(hub, interval_minutes=minutes, rules=RULES, cyclic=True)]

    seconds, cpu, rosters = timed(run, repeats)
    hours = "sites 08:00-20:00, hub 24/7" if opening_hours else "all 24/7"
    print(f"\nPlanner's week ({hours}): ten sites + one hub, 30-min intervals, cyclic")
    print(f"  sites: peak {min(r.max() for r in sites):.0f}-{max(r.max() for r in sites):.0f}, "
          f"hub peak {hub.max():.0f} agents")  # fmt: skip
    for k, roster in enumerate(rosters):
        name = f"site {k}" if k < len(sites) else "hub"
        print(
            f"  {name:<8}{roster.status:<11}gap {roster.gap:6.2%}  eff {roster.efficiency:.3f}  "
            f"paid {roster.paid_hours:8.0f} h"
        )
    total = f"{seconds * 1000:.0f} ms wall, {cpu * 1000:.0f} ms CPU"
    print(f"  total for 11 rosters: {total} (best of {repeats})")


def hard_pools() -> None:
    print("\nHard pools: 24/7, one 8 h shift length, scattered design, time_limit 2")
    for name, (path, overrides) in HARD.items():
        hard_case(name, apply_overrides(load_scenario(ROOT / path), overrides))


def hard_case(name: str, scenario) -> None:
    """Roster the scattered pools of ``scenario`` as sim.compare does, cold then cached."""
    demand = build_demand(scenario)
    topology = build_topology(scenario, demand, "scattered")
    plan = staff(scenario, topology, demand, scenario_model(scenario))
    _, cold, (_, tours) = timed(lambda: roster_pools(scenario, demand, topology, plan), 1)
    start = time.process_time()
    roster_pools(scenario, demand, topology, plan)
    warm = time.process_time() - start
    distinct = len({need.tobytes() for need in plan.required})
    print(f"  {name}: {len(tours)} pools ({distinct} distinct requirements)")
    for pool, need, tour in zip(topology.pools, plan.required, tours, strict=True):
        print(
            f"    {pool.name:<28}peak {need.max():4.0f}  {tour.status:<11}"
            f"gap {tour.gap:6.2%}  paid {tour.paid_hours:7.0f} h  people {tour.people}"
        )
    print(f"    all pools: {cold * 1000:.0f} ms CPU cold, {warm * 1000:.0f} ms CPU from the cache")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="runs per case, best is kept")
    parser.add_argument("--hours", action="store_true", help="also time sites with opening hours")
    args = parser.parse_args()
    grid(args.repeats)
    planner_week(args.repeats, opening_hours=False)
    if args.hours:
        planner_week(args.repeats, opening_hours=True)
    hard_pools()


if __name__ == "__main__":
    main()
